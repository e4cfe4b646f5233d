"""The ledger at a glance: one line per license, and what the licenses pay.

``ledger_lines`` reads what the app's ledger table shows of every license
(licensee, how many entries, dates, status, compensation, status address).
``Ledger.licenses`` parses each whole signed manifest, parties' keys and all:
about half a millisecond a license, where a freelancer's ledger of 1,000
licenses must open in under 100 ms. What a manifest says never changes once issued, so the
few fields a line needs from it are read once and remembered in a
``ManifestMemo`` the caller keeps (by manifest hash, for as long as the
vault is open); every later read takes only the ledger's own columns, which
renewals, revocations and receipts change. The manifest is our own, read
from the encrypted ledger: its fields' shape is checked, not its signature,
as ``Ledger`` does.

``summarise`` adds up the compensation, per licensee and per calendar month.
How it is counted: a license *runs* from its start (``not_before``) up to,
not including, the moment it stops: its end as renewed so far, or its
revocation if that came first. A payment falls due at moments in that run:

* ``once``: at the start;
* ``month``: at the start, and at the first instant of each following
  calendar month it still runs in, so each calendar month it runs in counts
  once (from 15 January to 15 March: January, February and March);
* ``year``: at the start, and at each anniversary of it (the same date and
  time of day; a start on 29 February falls on 28 February in other years).

A license revoked at or before its start is due nothing. The totals are
what the terms make due over each run as it stands now, months still to
come included (a renewal adds months, a revocation takes away those after
it): what the terms say, not what was paid. Calendar months are those of
the time zone given (the app passes its own, so a license starting at
midnight on 1 March counts in March wherever the worker lives).

Amounts are never converted or rounded: each is the exact decimal the
terms hold (two fraction digits), summed as a ``Decimal``, and sums are kept
per currency: one currency's amount is never added to another's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from decimal import Decimal, InvalidOperation

import orjson

from knowhold.vault.errors import VaultCorrupt
from knowhold.vault.licensing.ledger import EXPIRED, REVOKED, status_of
from knowhold.vault.licensing.terms import PERIODS, USAGE_REPORTS
from knowhold.vault.store.db import Database

_CHUNK = 500  # license ids per query when reading manifests (SQLite's variable limit is far above)


@dataclass(frozen=True, slots=True)
class Signed:
    """What a line needs from a license's signed manifest, which never changes."""

    entries: int
    amount: Decimal | None  # None: unpaid
    currency: str | None
    period: str | None  # once | month | year
    status_url: str | None
    max_status_age: int | None  # seconds
    usage_report: str | None = None  # "monthly": the terms ask for a usage report each month


ManifestMemo = dict[bytes, Signed]
"""``Signed`` by manifest hash: kept by the caller while the vault is open, dropped on lock."""


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One license as the ledger's table shows it."""

    license_id: str
    licensee: str
    issued_at: int
    not_before: int
    expires_at: int  # the current end: renewals move it
    revoked_at: int | None
    accepted_at: int | None
    signed: Signed

    def status(self, now: int) -> str:
        """active | accepted | expired | revoked, at ``now`` (``Ledger``'s rule)."""
        return status_of(
            now, expires_at=self.expires_at, revoked_at=self.revoked_at, accepted_at=self.accepted_at
        )

    def in_force(self, now: int) -> bool:
        """Neither ended nor revoked at ``now`` (it may not have started yet)."""
        return self.status(now) not in (REVOKED, EXPIRED)

    @property
    def stops_at(self) -> int:
        """When its run stops: the end, or the revocation if that came first."""
        return self.expires_at if self.revoked_at is None else min(self.expires_at, self.revoked_at)


def ledger_lines(db: Database, memo: ManifestMemo) -> list[LedgerLine]:
    """Every license's line, newest first (``Ledger.licenses``' order).

    Manifests not in ``memo`` are read and added to it.
    """
    rows = db.conn.execute(
        "SELECT license_id, licensee, issued_at, not_before, expires_at, revoked_at, accepted_at, "
        "manifest_hash FROM licenses ORDER BY issued_at DESC, license_id"
    ).fetchall()
    missing = [str(row[0]) for row in rows if bytes(row[7]) not in memo]
    for start in range(0, len(missing), _CHUNK):
        _remember(db, missing[start : start + _CHUNK], memo)
    return [
        LedgerLine(license_id, licensee, issued, start, end, revoked, accepted, memo[bytes(digest)])
        for license_id, licensee, issued, start, end, revoked, accepted, digest in rows
    ]


def _remember(db: Database, license_ids: Sequence[str], memo: ManifestMemo) -> None:
    marks = ", ".join("?" * len(license_ids))
    rows = db.conn.execute(
        "SELECT l.license_id, l.manifest_hash, l.manifest, "
        "(SELECT COUNT(*) FROM license_entries e WHERE e.license_id = l.license_id) "
        f"FROM licenses l WHERE l.license_id IN ({marks})",
        tuple(license_ids),
    ).fetchall()
    for license_id, manifest_hash, manifest, entries in rows:
        memo[bytes(manifest_hash)] = _signed(bytes(manifest), int(entries), license_id)


def _signed(manifest: bytes, entries: int, license_id: str) -> Signed:
    try:
        m = orjson.loads(manifest)
        pay = m["terms"]["compensation"]
        revocation = m["revocation"]
        amount, currency, period = pay["amount"], pay["currency"], pay["period"]
        url, age = revocation["status_url"], revocation["max_status_age"]
        schedule = m["terms"].get("usage_report")  # version 4 manifests only
        value = None if amount is None else Decimal(amount)
        if not (
            (value is None) == (currency is None)
            and (value is None or (value.is_finite() and value > 0))
            and (currency is None or (isinstance(currency, str) and len(currency) == 3))
            and (period is None or period in PERIODS)
            and (url is None or isinstance(url, str))
            and (age is None or (type(age) is int and age > 0))
            and (schedule is None or schedule in USAGE_REPORTS)
        ):
            raise ValueError("a field out of shape")
    except (ValueError, KeyError, TypeError, InvalidOperation) as exc:
        raise VaultCorrupt(f"The ledger's record of license {license_id} is damaged.") from exc
    return Signed(entries, value, currency, period, url, age, schedule)


# -- what the licenses pay ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Amount:
    currency: str
    value: Decimal  # exact; two fraction digits, as the terms hold them

    @property
    def text(self) -> str:
        """``1200.00 EUR``: the decimal as it is, with its currency code."""
        return f"{self.value} {self.currency}"


@dataclass(frozen=True, slots=True)
class LicenseeTotal:
    licensee: str
    licenses: int
    in_force: int  # of them, neither ended nor revoked now
    amounts: tuple[Amount, ...]  # by currency code; empty if none is paid


@dataclass(frozen=True, slots=True)
class MonthTotal:
    year: int
    month: int
    licenses: int  # licenses with a payment due in this month
    amounts: tuple[Amount, ...]  # by currency code


@dataclass(frozen=True, slots=True)
class Summary:
    licensees: tuple[LicenseeTotal, ...]  # by name, ignoring case
    months: tuple[MonthTotal, ...]  # oldest first; only months with a payment due
    amounts: tuple[Amount, ...]  # everything, by currency code


def due_moments(line: LedgerLine, tz: tzinfo | None) -> Iterator[int]:
    """When the license's compensation falls due (see the module's docstring), in order.

    ``tz`` is the time zone of the calendar; None: this computer's local time.
    """
    signed = line.signed
    start, stop = line.not_before, line.stops_at
    if signed.amount is None or stop <= start:
        return
    yield start
    first = datetime.fromtimestamp(start, tz)
    if signed.period == "month":
        year, month = first.year, first.month
        while True:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            moment = int(datetime(year, month, 1, tzinfo=tz).timestamp())
            if moment >= stop:
                return
            yield moment
    elif signed.period == "year":
        years = 1
        while True:
            moment = int(_anniversary(first, years).timestamp())
            if moment >= stop:
                return
            yield moment
            years += 1


def _anniversary(first: datetime, years: int) -> datetime:
    try:
        return first.replace(year=first.year + years)
    except ValueError:  # 29 February, in a year without one
        return first.replace(year=first.year + years, day=28)


def summarise(lines: Sequence[LedgerLine], now: int, tz: tzinfo | None) -> Summary:
    """Totals per licensee and per calendar month of ``tz`` (None: local time), per currency."""
    by_licensee: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    by_month: dict[tuple[int, int], dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    month_licenses: dict[tuple[int, int], set[str]] = defaultdict(set)
    overall: dict[str, Decimal] = defaultdict(Decimal)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for line in lines:
        count = counts[line.licensee]
        count[0] += 1
        count[1] += 1 if line.in_force(now) else 0
        amount, currency = line.signed.amount, line.signed.currency
        if amount is None or currency is None:
            continue
        for moment in due_moments(line, tz):
            day = datetime.fromtimestamp(moment, tz)
            key = (day.year, day.month)
            by_month[key][currency] += amount
            month_licenses[key].add(line.license_id)
            by_licensee[line.licensee][currency] += amount
            overall[currency] += amount
    licensees = tuple(
        LicenseeTotal(name, count[0], count[1], _amounts(by_licensee.get(name, {})))
        for name, count in sorted(counts.items(), key=lambda item: (item[0].casefold(), item[0]))
    )
    months = tuple(
        MonthTotal(year, month, len(month_licenses[(year, month)]), _amounts(sums))
        for (year, month), sums in sorted(by_month.items())
    )
    return Summary(licensees, months, _amounts(overall))


def _amounts(sums: dict[str, Decimal]) -> tuple[Amount, ...]:
    return tuple(Amount(currency, sums[currency]) for currency in sorted(sums))
