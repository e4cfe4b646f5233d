"""The employer's side of usage reports: counted from the audit chain, signed, written.

``make_report`` counts what the vault's own audit chain recorded of one
license in the period ``[since, until)`` (``usage.count_usage``), signs it
with the vault's identity and writes it atomically. Periods are half-open, so
reports made one after another tile time: by default a report starts where
the last one for that license ended (its end is kept in ``meta``), or at the
license's ingest. A report ends now, or earlier (``until``): a period with
more than ``usage.MAX_COUNTS`` rows is cut in several reports that way, each
starting where the last ended. An end in the future is refused: the report
would claim a count for time that has not happened, and the next one would
start at that end, so use in between would never be counted. A license
whose content has ended or been revoked can still be reported: its row
stays, and what was done with it while it lasted is the worker's to know.

Each report takes a sequence number that only grows (``usage.next_sequence``),
even across a restored backup, since a worker refuses a number it has seen
with other content as tampering. The file is written inside the transaction
that records its number and period; should that commit fail, the file goes
too, so no report leaves whose number the vault would reuse.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from knowhold.vault.errors import InvalidValue
from knowhold.vault.licensing import signedfile
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.identity import load_identity
from knowhold.vault.licensing.ledger_files import removed_on_failure, write_file
from knowhold.vault.licensing.received_store import ReceivedStore
from knowhold.vault.licensing.usage import (
    UsageReport,
    build_report,
    count_usage,
    next_sequence,
    parse_report,
)
from knowhold.vault.store.db import Database
from knowhold.vault.timefmt import format_time

# The audit records a report counts (``usage.count_usage``).
COUNTED = ("agent-call", "viewed", "exported")
_SEQUENCE_KEY = "usage_sequence:"  # + license id: the last number this vault gave a report
_UNTIL_KEY = "usage_until:"  # + license id: where the last report's period ended


@dataclass(frozen=True, slots=True)
class MadeReport:
    path: Path
    report: UsageReport


def report_target(out: Path) -> Path:
    """``out`` as a file name; anything there that is not a usage report is never overwritten."""
    if out.is_dir():
        raise InvalidValue(
            f"{out} is a folder: give the usage report a file name, such as {out / 'usage.txt'}."
        )
    head = signedfile.TAG_USAGE.encode("ascii") + b"\n"
    if out.exists():
        try:
            with open(out, "rb") as handle:
                ours = handle.read(len(head)) == head
        except OSError:
            ours = False
        if not ours:
            raise InvalidValue(f"{out} exists and is not a usage report: refusing to overwrite it.")
    if not out.parent.is_dir():
        raise InvalidValue(f"No folder {out.parent} to write the usage report into.")
    return out


def default_since(db: Database, license_id: str) -> int:
    """Where the next report of ``license_id`` starts: the last one's end, or the license's ingest."""
    kept = db.get_meta(_UNTIL_KEY + license_id)
    if kept is not None:
        return int(kept)
    return ReceivedStore(db).resolve(license_id).ingested_at


def make_report(
    db: Database, license_id: str, out: Path, *, until: int, since: int | None = None
) -> MadeReport:
    """Count, sign and write the usage of ``license_id`` (an id or a unique prefix) in ``[since, until)``.

    ``until`` is now or earlier (the vault's clock): ``InvalidValue`` past it,
    or at or before the start. Only a report ending now may be empty (made
    again in the second the last one ended); an earlier end at the start is
    a mistake, and would spend a sequence number on nothing.
    """
    now = db.now()
    if until > now:
        raise InvalidValue(
            f"The usage report's period cannot end in the future: {format_time(until)} is after now "
            f"({format_time(now)})."
        )
    store = ReceivedStore(db)
    row = store.resolve(license_id)
    lid = row.license_id
    start = default_since(db, lid) if since is None else since
    if start > until or (start == until < now):
        raise InvalidValue(
            f"The usage report's period must end after it starts: it would run from {format_time(start)} "
            f"to {format_time(until)}."
        )
    target = report_target(out)
    audit = AuditLog(db)
    rows = count_usage(audit.between(start, until, COUNTED), lid)
    sequence = next_sequence(int(db.get_meta(_SEQUENCE_KEY + lid) or 0), until)
    data = build_report(
        load_identity(db),
        license_id=lid,
        licensor_key=row.licensor_key,
        sequence=sequence,
        since=start,
        until=until,
        rows=rows,
    )
    with removed_on_failure() as written, db.transaction():
        write_file(target, data)
        written.append(target)
        db.set_meta(_SEQUENCE_KEY + lid, str(sequence))
        db.set_meta(_UNTIL_KEY + lid, str(until))
        audit.append("usage-reported", lid, sequence=sequence, since=start, until=until, rows=len(rows))
    return MadeReport(target, parse_report(data))
