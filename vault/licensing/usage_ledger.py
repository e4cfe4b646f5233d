"""The worker's side of usage reports: taken into the ledger, checked, counted.

``UsageLedger.import_report`` takes a licensee's signed report
(``vault.licensing.usage``) only when all of these hold, and otherwise
changes nothing:

* the signature verifies, before the JSON is parsed, with the key the report
  names as its licensee (forgery, tampering in transit);
* it names this vault as licensor and a license in this ledger (a report
  meant for someone else), and that license's licensee signed it: the key
  recorded in the license's manifest, not merely some valid key (a stranger,
  or another licensee, speaking for this one);
* every entry it counts is one that license carried;
* its sequence number is above every report of that license already taken
  in (a replayed older report); the same number with other bytes is
  tampering, the same bytes again change nothing;
* its period starts no earlier than the last one taken in ends, so no use is
  counted twice.

The report is kept as received, as evidence, with its counts, in one
transaction with its audit record. The counts are the licensee's statement:
the ledger adds them up per license, entry, month and channel, and says
whose word they are.

Terms may ask for a report each month (``Terms.usage_report``). A license
whose reports stop short is marked *overdue* (``report_overdue``): its
reports cover time up to some point (its start when there are none), and
more than a month and a week have passed since then while the license ran.
A mark for the worker to see, nothing more: no content is locked for it.
"""

from __future__ import annotations

import dataclasses
import hmac
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from knowhold.vault.errors import Malformed, NotFound
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.identity import load_identity
from knowhold.vault.licensing.ledger import LicenseRecord, check_licensee
from knowhold.vault.licensing.ledger_summary import LedgerLine
from knowhold.vault.licensing.usage import CHANNELS, UsageReport, parse_report
from knowhold.vault.store.storage import Vault
from knowhold.vault.timefmt import format_time

DAY = 86400
# How long each schedule of Terms.usage_report leaves between reports, and the week of grace after it.
REPORT_INTERVALS = {"monthly": 31 * DAY}
GRACE = 7 * DAY


@dataclass(frozen=True, slots=True)
class Counts:
    returned: int = 0  # times a search returned an entry
    read: int = 0  # times an entry was read in full

    def to_json(self) -> dict[str, int]:
        return {"returned": self.returned, "read": self.read}


@dataclass(frozen=True, slots=True)
class LicenseUsage:
    """What a license's imported reports say, added up."""

    license_id: str
    reports: int = 0
    sequence: int | None = None  # of the newest report taken in
    until: int | None = None  # where the newest report's period ends
    total: Counts = Counts()
    by_channel: tuple[tuple[str, Counts], ...] = ()
    by_entry: tuple[tuple[str, Counts], ...] = ()  # entry id, most read first
    by_month: tuple[tuple[str, Counts], ...] = ()  # YYYY-MM (UTC), oldest first
    overdue: bool = False  # the terms ask for reports and one is late (report_overdue)

    def to_json(self) -> dict[str, Any]:
        return {
            "reports": self.reports,
            "overdue": self.overdue,
            "sequence": self.sequence,
            "until": None if self.until is None else format_time(self.until),
            **self.total.to_json(),
            "channels": {c: dict(self.by_channel).get(c, Counts()).to_json() for c in CHANNELS},
            "entries": [{"entry_id": e, **c.to_json()} for e, c in self.by_entry],
            "months": [{"month": m, **c.to_json()} for m, c in self.by_month],
        }


@dataclass(frozen=True, slots=True)
class UsageImport:
    """What ``import_report`` took in (``already``: these exact bytes were held, nothing changed)."""

    report: UsageReport
    licensee: str
    already: bool
    total: Counts


_GROUPS = {
    "by_channel": "channel",
    "by_entry": "entry_id",
    "by_month": "substr(day, 1, 7)",
}
_ORDERS = {
    "by_channel": "1",
    "by_entry": "3 DESC, 2 DESC, 1",
    "by_month": "1",
}


class UsageLedger:
    """The usage reports of every license this vault issued."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self._db = vault.db
        self._audit = AuditLog(vault.db)

    def import_report(self, data: bytes) -> UsageImport:
        """Check a licensee's report against the ledger and keep it; see the module docstring."""
        report = parse_report(data)
        lid = report.license_id
        if not hmac.compare_digest(report.licensor_key, load_identity(self._db).public.signing_key):
            raise NotFound(f"This usage report is for license {lid} of another licensor, not this vault's.")
        row = self._db.conn.execute(
            "SELECT licensee, licensee_key FROM licenses WHERE license_id = ?", (lid,)
        ).fetchone()
        check_licensee(lid, None if row is None else bytes(row[1]), report.licensee_key, "usage report")
        licensee = str(row[0])
        if self._already_held(report):
            return UsageImport(report, licensee, True, _sum(report))
        carried = {
            str(r[0])
            for r in self._db.conn.execute(
                "SELECT entry_id FROM license_entries WHERE license_id = ?", (lid,)
            )
        }
        stranger = next((r.entry_id for r in report.rows if r.entry_id not in carried), None)
        if stranger is not None:
            raise Malformed(f"This usage report counts entry {stranger}, which license {lid} did not carry.")
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO usage_reports (license_id, sequence, since, until, imported_at, report, "
                "report_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    lid,
                    report.sequence,
                    report.since,
                    report.until,
                    self._db.now(),
                    report.raw,
                    report.report_hash,
                ),
            )
            conn.executemany(
                "INSERT INTO usage_counts (license_id, sequence, day, entry_id, channel, returned, read) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (lid, report.sequence, r.day, r.entry_id, r.channel, r.returned, r.read)
                    for r in report.rows
                ],
            )
            total = _sum(report)
            self._audit.append(
                "usage-imported", lid, sequence=report.sequence, returned=total.returned, read=total.read
            )
        return UsageImport(report, licensee, False, total)

    def _already_held(self, report: UsageReport) -> bool:
        """True for a report held byte for byte; refuses an older one, one with its number, or an overlap."""
        lid = report.license_id
        newest = self._db.conn.execute(
            "SELECT sequence, until FROM usage_reports WHERE license_id = ? ORDER BY sequence DESC LIMIT 1",
            (lid,),
        ).fetchone()
        if newest is None:
            return False
        sequence, until = int(newest[0]), int(newest[1])
        same = self._db.conn.execute(
            "SELECT report_hash FROM usage_reports WHERE license_id = ? AND sequence = ?",
            (lid, report.sequence),
        ).fetchone()
        if same is not None:
            if hmac.compare_digest(bytes(same[0]), report.report_hash):
                return True
            raise Malformed(
                f"This usage report carries the number of one already imported for license {lid} "
                f"({report.sequence}) but other content: refused as tampering."
            )
        if report.sequence < sequence:
            raise Malformed(
                f"This usage report for license {lid} (number {report.sequence}) is older than one already "
                f"imported (number {sequence}): refused as a replay."
            )
        if report.since < until:
            raise Malformed(
                f"This usage report for license {lid} starts at {format_time(report.since)}, before the "
                f"period already imported ends ({format_time(until)}): its use would be counted twice."
            )
        return False

    # -- reading --------------------------------------------------------------------------

    def usage(self, record: LicenseRecord) -> LicenseUsage:
        """The added-up counts of one license (all zero when no report was imported)."""
        return self.usage_of([record])[record.license_id]

    def usage_of(self, records: Sequence[LicenseRecord]) -> dict[str, LicenseUsage]:
        """The added-up counts of each license, by license id, marked when a report is overdue."""
        counted = self._counted([r.license_id for r in records])
        now = self._db.now()
        out: dict[str, LicenseUsage] = {}
        for r in records:
            usage = counted.get(r.license_id, LicenseUsage(r.license_id))
            out[r.license_id] = dataclasses.replace(usage, overdue=report_overdue(r, usage.until, now))
        return out

    def overdue_among(self, lines: Iterable[LedgerLine]) -> frozenset[str]:
        """The licenses among ``lines`` whose monthly usage report is late.

        Judged from the lines alone (their manifests are remembered by whoever
        read them, ``ledger_summary``): reading every manifest once more to find
        the ones asking for reports was a fifth of the ledger view's reload at
        1,000 licenses.
        """
        asking = [line for line in lines if line.signed.usage_report is not None]
        if not asking:
            return frozenset()
        covered = dict(
            self._db.conn.execute(
                "SELECT license_id, max(until) FROM usage_reports GROUP BY license_id"
            ).fetchall()
        )
        now = self._db.now()
        return frozenset(
            line.license_id
            for line in asking
            if schedule_overdue(
                line.signed.usage_report, line.not_before, line.stops_at, covered.get(line.license_id), now
            )
        )

    def _counted(self, license_ids: list[str]) -> dict[str, LicenseUsage]:
        conn = self._db.conn
        wanted = set(license_ids)
        # One row per license with reports (a few): no statement with thousands of parameters.
        heads = conn.execute(
            "SELECT license_id, count(*), max(sequence), max(until) FROM usage_reports GROUP BY license_id"
        ).fetchall()
        out: dict[str, LicenseUsage] = {}
        for lid, reports, sequence, until in heads:
            if lid not in wanted:
                continue
            groups: dict[str, tuple[tuple[str, Counts], ...]] = {}
            for name, column in _GROUPS.items():
                rows = conn.execute(
                    f"SELECT {column}, sum(returned), sum(read) FROM usage_counts WHERE license_id = ? "
                    f"GROUP BY 1 ORDER BY {_ORDERS[name]}",
                    (lid,),
                ).fetchall()
                groups[name] = tuple((str(k), Counts(int(r), int(d))) for k, r, d in rows)
            total = Counts(
                sum(c.returned for _, c in groups["by_channel"]), sum(c.read for _, c in groups["by_channel"])
            )
            out[str(lid)] = LicenseUsage(
                str(lid),
                int(reports),
                int(sequence),
                int(until),
                total,
                by_channel=groups["by_channel"],
                by_entry=groups["by_entry"],
                by_month=groups["by_month"],
            )
        return out


def report_overdue(record: LicenseRecord, covered_until: int | None, now: int) -> bool:
    """True when ``record``'s terms ask for reports and none covers a month and a week past
    ``covered_until`` (the license's start when nothing was reported), judged while it ran."""
    end = record.expires_at if record.revoked_at is None else min(record.expires_at, record.revoked_at)
    return schedule_overdue(record.terms.usage_report, record.not_before, end, covered_until, now)


def schedule_overdue(
    schedule: str | None, not_before: int, stops_at: int, covered_until: int | None, now: int
) -> bool:
    """``report_overdue`` from the fields it needs: the terms' ``usage_report``, when the
    license starts and when it stops (its end, or its revocation if that came first)."""
    interval = REPORT_INTERVALS.get(schedule or "")
    if interval is None:
        return False
    covered = not_before if covered_until is None else covered_until
    if covered >= stops_at:
        return False  # reported up to the end: nothing more is due
    return now > covered + interval + GRACE


def _sum(report: UsageReport) -> Counts:
    return Counts(sum(r.returned for r in report.rows), sum(r.read for r in report.rows))
