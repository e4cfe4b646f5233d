"""The steps of issuing a license that need no ledger: the license period,
the sensitive-data screen, and building the signed package. ``Ledger.issue``
runs them in order and records the result.

The screen
----------
Every field of a package that holds the worker's own text is screened here
before anything is built: each entry's title, body and tags, and the terms'
free text (attribution, compensation note, terms text). A field left out of
the scan is a way around it: an address kept as a tag, or pasted into the
terms, would otherwise reach the employer even with ``--redact``.

Not screened, on purpose: the parties' names and keys (the licensee already
knows them, and changing them would break the signature's meaning), entry
ids, kinds and versions (made by Knowhold, not typed), and the revocation
``status_url`` (the employer must be able to fetch it; the worker chose it to
publish). The notice is built from the names alone.

With ``redact``, each finding is replaced by its placeholder in the licensed
copy only; the vault's entry never changes. A tag holding a finding is
replaced whole by a tag-shaped placeholder (``redacted-email``): a tag is a
short label, and ``[REDACTED EMAIL]`` is not a valid tag.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from knowhold.vault.errors import InvalidValue, SensitiveRefused
from knowhold.vault.knowledge import scanner
from knowhold.vault.knowledge.entries import Entry
from knowhold.vault.licensing.identity import Contact, Identity
from knowhold.vault.licensing.package import Package, build_package, new_license_id
from knowhold.vault.licensing.payload import LicensedEntry, notice_text
from knowhold.vault.licensing.terms import Revocation, Terms
from knowhold.vault.timefmt import format_time

# The terms' fields that hold free text, as the refusal names them.
_TERMS_FIELDS = ("attribution", "compensation note", "text")


@dataclass(frozen=True, slots=True)
class Screened:
    """The selected entries and the terms as they may be licensed."""

    entries: tuple[Entry, ...]
    texts: tuple[tuple[str, str, tuple[str, ...]], ...]  # (title, body, tags) to license, per entry
    terms: Terms
    findings: int  # everything the scanner found, in entries and terms


def tag_placeholder(kind: str) -> str:
    """The tag that replaces a tag holding a finding of ``kind`` (a valid tag itself)."""
    scanner.placeholder(kind)  # InvalidValue for an unknown kind, as placeholder gives
    return f"redacted-{kind}"


def screen(entries: Sequence[Entry], terms: Terms, *, redact: bool, allow_sensitive: bool) -> Screened:
    """Scan every field that would leave the vault; refuse, redact or keep what is found.

    Findings refuse the license (``SensitiveRefused``) unless the worker chose
    ``redact`` or ``allow_sensitive``. The refusal names how many findings,
    where and of which kinds, never the values.
    """
    texts: list[tuple[str, str, tuple[str, ...]]] = []
    total = 0
    kinds: set[str] = set()
    flagged: list[str] = []
    for entry in entries:
        # The same scan as `knowhold scan`, so every finding that stops a license can be seen first.
        found = scanner.scan_entry(entry.title, entry.body, entry.tags)
        if found:
            total += len(found)
            flagged.append(entry.id)
            kinds.update(f.finding.kind for f in found)
        texts.append(
            _redacted_entry(entry, found) if redact and found else (entry.title, entry.body, entry.tags)
        )
    in_terms = [(name, scanner.scan(value)) for name, value in _terms_text(terms)]
    terms_findings = sum(len(found) for _, found in in_terms)
    total += terms_findings
    kinds.update(f.kind for _, found in in_terms for f in found)
    if total and not (redact or allow_sensitive):
        raise SensitiveRefused(_refusal(total, flagged, kinds, terms_findings > 0), entry_ids=tuple(flagged))
    if redact and terms_findings:
        terms = _redacted_terms(terms)
    return Screened(tuple(entries), tuple(texts), terms, total)


def _redacted_entry(entry: Entry, found: Sequence[scanner.FieldFinding]) -> tuple[str, str, tuple[str, ...]]:
    in_title = [f.finding for f in found if f.field == "title"]
    in_body = [f.finding for f in found if f.field == "body"]
    by_tag = {
        f.index: f.finding.kind for f in reversed(found) if f.field == "tags"
    }  # the first finding's kind
    tags = {tag_placeholder(by_tag[i]) if i in by_tag else tag for i, tag in enumerate(entry.tags)}
    # Sorted and without repeats, as the vault keeps tags: two redacted tags may now be equal.
    return scanner.redact(entry.title, in_title), scanner.redact(entry.body, in_body), tuple(sorted(tags))


def _terms_text(terms: Terms) -> tuple[tuple[str, str], ...]:
    values = (terms.attribution, terms.compensation.note, terms.text)
    return tuple((name, value) for name, value in zip(_TERMS_FIELDS, values, strict=True) if value)


def _redacted_terms(terms: Terms) -> Terms:
    return dataclasses.replace(
        terms,
        attribution=scanner.redact(terms.attribution),
        compensation=dataclasses.replace(terms.compensation, note=scanner.redact(terms.compensation.note)),
        text=scanner.redact(terms.text),
    )


def _refusal(total: int, flagged: Sequence[str], kinds: set[str], in_terms: bool) -> str:
    # Counts as "findings: 2", not "2 findings": English plurals belong to the
    # presenters, and so does the command to review them (vault.cli.output.HINTS).
    ordered = ", ".join(sorted(kinds, key=scanner.KINDS.index))
    places = [f"entries: {len(flagged)}"] if flagged else []
    if in_terms:
        places.append("in the license terms")
    terms = " Take them out of the attribution, compensation note or terms text." if in_terms else ""
    counts = "; ".join([f"findings: {total}", *places, ordered])
    return f"Sensitive data found ({counts}): nothing was issued.{terms}"


# -- the period and the package ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Period:
    now: int  # the issue time
    not_before: int
    expires_at: int


@dataclass(frozen=True, slots=True)
class Built:
    """A signed package, not yet written or recorded."""

    license_id: str
    licensed: list[LicensedEntry]
    data: bytes
    package: Package


def check_period(now: int, not_before: int | None, expires_at: int) -> int:
    """The start (now by default); the end must be after it and in the future: no license lasts forever."""
    not_before = now if not_before is None else not_before
    if expires_at <= now:
        raise InvalidValue(f"The end date {format_time(expires_at)} is not in the future.")
    if expires_at <= not_before:
        raise InvalidValue(
            f"The end date {format_time(expires_at)} must be after the start {format_time(not_before)}."
        )
    return not_before


def build(
    identity: Identity,
    contact: Contact,
    screened: Screened,
    period: Period,
    revocation: Revocation,
    *,
    redact: bool,
    allow_sensitive: bool,
) -> Built:
    """The signed package of the screened entries, sealed to the contact's keys (nothing written)."""
    licensee = contact.identity
    license_id = new_license_id()
    notice = notice_text(identity.public.name, licensee.name, license_id, period.expires_at)
    licensed = [
        LicensedEntry(e.id, e.version, e.kind, title, body, tags, notice)
        for e, (title, body, tags) in zip(screened.entries, screened.texts, strict=True)
    ]
    data, package = build_package(
        identity,
        licensee,
        licensed,
        license_id=license_id,
        issued_at=period.now,
        not_before=period.not_before,
        expires_at=period.expires_at,
        terms=screened.terms,
        revocation=revocation,
        redacted=redact and screened.findings > 0,
        sensitive_included=allow_sensitive and screened.findings > 0,
    )
    return Built(license_id, licensed, data, package)
