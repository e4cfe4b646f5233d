"""The terms of a license: permissions, review, attribution, compensation, text.

Two ways in, with different errors on purpose:

* ``Terms.make`` / ``Revocation.make`` take what a person typed (the command
  line, the app's wizard) and raise ``InvalidValue`` (exit 2) with a sentence
  saying what to change;
* ``Terms.from_json`` / ``Revocation.from_json`` read a manifest that arrived
  from someone else and raise ``Malformed`` (exit 10) for anything the format
  does not allow.

The reader is exact: the five permissions and no others (an unknown or
missing permission could otherwise be read as "allowed" by one program and
"denied" by another), ``view`` always true, no unknown keys, bounded strings.
An ambiguity in signed terms is a dispute waiting to happen.

The small ``expect_*`` helpers at the end check one JSON field each; the
manifest reader in ``vault.package`` uses them too, so every field error reads
the same way: ``Field terms.attribution: …``. Every text field refuses the
characters ``vault.text`` names (controls, zero-width and bidi characters),
both ways in: a person shown the terms must see every character of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from knowhold.vault.errors import InvalidValue, Malformed
from knowhold.vault.text import LINE, MULTILINE, TextRule, refuse_unsafe

PERMISSIONS: tuple[str, ...] = ("view", "copy-excerpts", "ai-retrieval", "ai-training", "redistribute")
PERIODS: tuple[str, ...] = ("once", "month", "year")
# How often the licensee sends a signed usage report (vault.licensing.usage); only in a
# version 4 manifest, which a writer makes only for terms that ask for reports.
USAGE_REPORTS: tuple[str, ...] = ("monthly",)

MAX_ATTRIBUTION = 1_000
MAX_NOTE = 2_000
MAX_TEXT = 100_000
MAX_URL = 2_000
MAX_STATUS_AGE = 2**53 - 1  # seconds; the largest integer RFC 8785 writes exactly
MAX_AMOUNT_DIGITS = 12  # integer digits: enough for any fee, small enough to read aloud

# A fee as the reader accepts it: a positive decimal, at most two fraction
# digits, no sign, exponent, grouping or leading zeros. Writers (Terms.make)
# always write exactly two fraction digits: "1200" becomes "1200.00".
_AMOUNT = re.compile(rf"(0|[1-9][0-9]{{0,{MAX_AMOUNT_DIGITS - 1}}})(\.[0-9]{{1,2}})?")
_CURRENCY = re.compile(r"[A-Z]{3}")
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Compensation:
    amount: str | None = None  # "1200.00"; None when unpaid
    currency: str | None = None  # ISO 4217, "CNY"
    period: str | None = None  # once | month | year
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"amount": self.amount, "currency": self.currency, "note": self.note, "period": self.period}


@dataclass(frozen=True, slots=True)
class Terms:
    allowed: frozenset[str]  # always contains "view"
    human_review: bool = False
    attribution: str = ""
    compensation: Compensation = field(default_factory=Compensation)
    text: str = ""
    usage_report: str | None = None  # "monthly": a usage report is due each month; None: none asked

    def allows(self, permission: str) -> bool:
        if permission not in PERMISSIONS:
            raise InvalidValue(_unknown_permission(permission))
        return permission in self.allowed

    def to_json(self) -> dict[str, Any]:
        terms = {
            "attribution": self.attribution,
            "compensation": self.compensation.to_json(),
            "human_review": self.human_review,
            "permissions": {p: p in self.allowed for p in PERMISSIONS},
            "text": self.text,
        }
        # Written only when asked for: terms without it are exactly what versions 1 to 3 hold.
        if self.usage_report is not None:
            terms["usage_report"] = self.usage_report
        return terms

    @classmethod
    def make(
        cls,
        allow: Iterable[str] = (),
        deny: Iterable[str] = (),
        human_review: bool = False,
        attribution: str = "",
        fee: tuple[str, str] | None = None,
        per: str | None = None,
        compensation_note: str = "",
        text: str = "",
        usage_report: str | None = None,
    ) -> Terms:
        """Terms from what the licensor chose; everything not allowed is denied (``view`` excepted)."""
        allowed = {_permission(p) for p in allow}
        denied = {_permission(p) for p in deny}
        if "view" in denied:
            raise InvalidValue("view is always granted: the licensee can always read what they received.")
        both = sorted(allowed & denied, key=PERMISSIONS.index)
        if both:
            raise InvalidValue(f"Permission {both[0]!r} is both allowed and denied.")
        _limit_input(attribution, MAX_ATTRIBUTION, "The attribution")
        _limit_input(compensation_note, MAX_NOTE, "The compensation note")
        _limit_input(text, MAX_TEXT, "The terms text")
        # Signed terms are shown to the other side: nothing in them may be hidden or reordered.
        refuse_unsafe(attribution, "The attribution")
        refuse_unsafe(compensation_note, "The compensation note")
        refuse_unsafe(text, "The terms text", MULTILINE)
        if fee is None:
            if per is not None:
                raise InvalidValue("A payment period needs a fee (--fee AMOUNT CURRENCY).")
            compensation = Compensation(note=compensation_note)
        else:
            amount, currency = fee
            period = "once" if per is None else per.strip().lower()
            if period not in PERIODS:
                raise InvalidValue(f"Invalid period {per!r}; choose one of: {', '.join(PERIODS)}.")
            compensation = Compensation(
                amount=normalise_amount(amount),
                currency=normalise_currency(currency),
                period=period,
                note=compensation_note,
            )
        if usage_report is not None and usage_report not in USAGE_REPORTS:
            raise InvalidValue(
                f"Invalid usage report schedule {usage_report!r}; choose: {', '.join(USAGE_REPORTS)}."
            )
        return cls(
            allowed=frozenset(allowed | {"view"}),
            human_review=bool(human_review),
            attribution=attribution,
            compensation=compensation,
            text=text,
            usage_report=usage_report,
        )

    @classmethod
    def from_json(cls, obj: object, where: str = "terms") -> Terms:
        """Terms as a manifest states them; ``Malformed`` for anything else."""
        d = expect_keys(
            obj,
            ("attribution", "compensation", "human_review", "permissions", "text"),
            where,
            optional=("usage_report",),  # version 4 only: the manifest reader checks which
        )
        usage_report = d.get("usage_report")
        if "usage_report" in d and usage_report not in USAGE_REPORTS:
            raise Malformed(f"Field {where}.usage_report: not one of {', '.join(USAGE_REPORTS)}.")
        perms = expect_keys(d["permissions"], PERMISSIONS, f"{where}.permissions")
        allowed = frozenset(p for p in PERMISSIONS if expect_bool(perms[p], f"{where}.permissions.{p}"))
        if "view" not in allowed:
            raise Malformed(f"Field {where}.permissions.view: view must be true.")
        c = expect_keys(d["compensation"], ("amount", "currency", "note", "period"), f"{where}.compensation")
        amount = c["amount"]
        currency = c["currency"]
        if (amount is None) != (currency is None):
            raise Malformed(f"Field {where}.compensation: amount and currency go together.")
        if amount is not None and not _valid_amount(amount):
            raise Malformed(f"Field {where}.compensation.amount: not a positive decimal amount.")
        if currency is not None and not (isinstance(currency, str) and _CURRENCY.fullmatch(currency)):
            raise Malformed(f"Field {where}.compensation.currency: not three capital letters.")
        period = c["period"]
        if period is not None and period not in PERIODS:
            raise Malformed(f"Field {where}.compensation.period: not one of {', '.join(PERIODS)}.")
        return cls(
            allowed=allowed,
            human_review=expect_bool(d["human_review"], f"{where}.human_review"),
            attribution=expect_text(d["attribution"], f"{where}.attribution", MAX_ATTRIBUTION),
            compensation=Compensation(
                amount=amount,
                currency=currency,
                period=period,
                note=expect_text(c["note"], f"{where}.compensation.note", MAX_NOTE),
            ),
            text=expect_text(d["text"], f"{where}.text", MAX_TEXT, MULTILINE),
            usage_report=usage_report,
        )


@dataclass(frozen=True, slots=True)
class Revocation:
    """Where status documents are published, and how old the newest may be."""

    status_url: str | None = None
    max_status_age: int | None = None  # seconds

    def to_json(self) -> dict[str, Any]:
        return {"max_status_age": self.max_status_age, "status_url": self.status_url}

    @classmethod
    def make(cls, status_url: str | None = None, max_status_age: int | None = None) -> Revocation:
        if status_url is not None and not _valid_url(status_url):
            raise InvalidValue(
                f"Invalid status URL {status_url[:80]!r}: use an https:// or http:// address "
                f"of at most {MAX_URL} characters."
            )
        if max_status_age is not None and (
            type(max_status_age) is not int or not 0 < max_status_age <= MAX_STATUS_AGE
        ):
            raise InvalidValue("The maximum status age must be a positive number of seconds.")
        return cls(status_url=status_url, max_status_age=max_status_age)

    @classmethod
    def from_json(cls, obj: object, where: str = "revocation") -> Revocation:
        d = expect_keys(obj, ("max_status_age", "status_url"), where)
        url = d["status_url"]
        if url is not None and not _valid_url(url):
            raise Malformed(f"Field {where}.status_url: not an http(s) URL of at most {MAX_URL} characters.")
        age = d["max_status_age"]
        if age is not None and (type(age) is not int or not 0 < age <= MAX_STATUS_AGE):
            raise Malformed(f"Field {where}.max_status_age: not a positive number of seconds.")
        return cls(status_url=url, max_status_age=age)


def normalise_amount(text: str) -> str:
    """A fee as typed ("1200", "12.5", " 99.99 ") → always two fraction digits ("1200.00")."""
    cleaned = str(text).strip()
    if not _AMOUNT.fullmatch(cleaned):
        raise InvalidValue(
            f"Invalid fee amount {text!r}: use a positive number with at most two decimals, "
            "such as 1200 or 99.50."
        )
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:  # unreachable after the pattern; kept as the boundary
        raise InvalidValue(f"Invalid fee amount {text!r}.") from exc
    if value <= 0:
        raise InvalidValue("The fee must be more than zero; leave --fee out for an unpaid license.")
    return f"{value:.2f}"


def normalise_currency(text: str) -> str:
    """ "cny" → "CNY"; three ASCII letters only (ISO 4217 form)."""
    cleaned = str(text).strip().upper()
    if not _CURRENCY.fullmatch(cleaned):
        raise InvalidValue(f"Invalid currency {text!r}: use a three-letter ISO 4217 code such as CNY or EUR.")
    return cleaned


def _valid_amount(value: object) -> bool:
    return isinstance(value, str) and bool(_AMOUNT.fullmatch(value)) and Decimal(value) > 0


def _valid_url(value: object) -> bool:
    return (
        isinstance(value, str)
        and len(value) <= MAX_URL
        and bool(_URL.fullmatch(value))
        and not _CONTROL.search(value)
    )


def _unknown_permission(name: str) -> str:
    return f"Unknown permission {name!r}; valid permissions: {', '.join(PERMISSIONS)}."


def _permission(name: str) -> str:
    cleaned = str(name).strip().lower()
    if cleaned not in PERMISSIONS:
        raise InvalidValue(_unknown_permission(name))
    return cleaned


def _limit_input(text: str, limit: int, what: str) -> None:
    if not isinstance(text, str):
        raise InvalidValue(f"{what} must be text.")
    if len(text) > limit:
        raise InvalidValue(f"{what} is longer than {limit:,} characters.")


# -- reading fields of signed JSON (shared with vault.package) ----------------


def expect_keys(obj: object, keys: Iterable[str], where: str, optional: Iterable[str] = ()) -> dict[str, Any]:
    """``obj`` is an object with exactly ``keys`` (plus any of ``optional``): every field is critical."""
    if not isinstance(obj, dict):
        raise Malformed(f"Field {where}: expected an object.")
    required = tuple(keys)
    known = {*required, *optional}
    for key in obj:
        if key not in known:
            raise Malformed(f"Field {where}: unknown key {str(key)[:40]!r}.")
    for key in required:
        if key not in obj:
            raise Malformed(f"Field {where}: missing {key!r}.")
    return obj


def expect_str(value: object, where: str, limit: int) -> str:
    if not isinstance(value, str):
        raise Malformed(f"Field {where}: expected a string.")
    if len(value) > limit:
        raise Malformed(f"Field {where}: longer than {limit:,} characters.")
    return value


def expect_text(value: object, where: str, limit: int, rule: TextRule = LINE) -> str:
    """``expect_str`` for text a person will read: no control, format or separator
    character (``vault.text``), which could hide, reorder or forge what is shown."""
    return refuse_unsafe(expect_str(value, where, limit), f"Field {where}", rule, error=Malformed)


def expect_bool(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise Malformed(f"Field {where}: expected true or false.")
    return value


def expect_int(value: object, where: str, low: int, high: int) -> int:
    # bool is an int in Python, but not in JSON: true is not 1 here.
    if type(value) is not int or not low <= value <= high:
        raise Malformed(f"Field {where}: expected an integer from {low} to {high}.")
    return value
