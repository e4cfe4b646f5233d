"""Usage reports on the command line: ``received usage-report`` (the employer signs one) and
``usage import`` (the worker takes one in); the usage lines ``license show`` prints.

JSON keys, a public interface (added to, never renamed):

* ``received usage-report``: ``license_id``, ``out``, ``sequence``, ``since``,
  ``until`` (times as ``YYYY-MM-DDTHH:MM:SSZ``), ``rows`` (day, entry and
  channel rows), ``returned`` and ``read`` (their totals).
* ``usage import``: ``license_id``, ``licensee``, ``sequence``, ``since``,
  ``until``, ``already`` (these exact bytes were imported before: nothing
  changed), ``returned``, ``read``.
* ``license show`` and each license of ``license list``: ``usage`` with
  ``reports``, ``overdue`` (the terms ask for monthly reports and one is late),
  ``sequence`` and ``until`` of the newest (null: none),
  ``returned``, ``read``, ``channels`` (``app``, ``mcp``, ``skill-export``,
  each ``returned`` and ``read``), ``entries`` (``entry_id``, ``returned``,
  ``read``; most read first) and ``months`` (``month`` as ``YYYY-MM``, UTC).
"""

from __future__ import annotations

from pathlib import Path

from knowhold.vault.cli.context import Context
from knowhold.vault.cli.output import Result
from knowhold.vault.cli.parser import Command, group
from knowhold.vault.i18n import gettext as _
from knowhold.vault.licensing.usage import MAX_USAGE
from knowhold.vault.licensing.usage_ledger import LicenseUsage, UsageLedger
from knowhold.vault.licensing.usage_report import make_report
from knowhold.vault.timefmt import format_time


def cmd_usage_report(ctx: Context, since: int | None, until: int | None) -> Result:
    """``received usage-report``: ``since`` and ``until`` (None: now) are read by the caller,
    as ``received verify --at`` is."""
    out: Path = ctx.args.out
    with ctx.open_vault() as vault:
        end = vault.db.now() if until is None else until
        made = make_report(vault.db, ctx.args.license, out, until=end, since=since)
    r = made.report
    returned, read = sum(x.returned for x in r.rows), sum(x.read for x in r.rows)
    return Result(
        {
            "license_id": r.license_id,
            "out": str(made.path),
            "sequence": r.sequence,
            "since": format_time(r.since),
            "until": format_time(r.until),
            "rows": len(r.rows),
            "returned": returned,
            "read": read,
        },
        [
            _("Wrote usage report {sequence} of license {id} to {path}.").format(
                sequence=r.sequence, id=r.license_id, path=made.path
            ),
            _(
                "From {since} to {until}: returned by search {returned} times, read in full {read} times."
            ).format(since=format_time(r.since), until=format_time(r.until), returned=returned, read=read),
            _("Send it to the licensor: it is your signed account of how their knowledge was used."),
        ],
    )


def cmd_import(ctx: Context) -> Result:
    data = ctx.read_document(ctx.args.file, MAX_USAGE, _("usage report"))
    with ctx.open_vault() as vault:
        taken = UsageLedger(vault).import_report(data)
    r = taken.report
    if taken.already:
        line = _("Usage report {sequence} of license {id} was already imported: nothing changed.")
    else:
        line = _("Imported usage report {sequence} of license {id} from {licensee}.")
    return Result(
        {
            "license_id": r.license_id,
            "licensee": taken.licensee,
            "sequence": r.sequence,
            "since": format_time(r.since),
            "until": format_time(r.until),
            "already": taken.already,
            **taken.total.to_json(),
        },
        [
            line.format(sequence=r.sequence, id=r.license_id, licensee=taken.licensee),
            _(
                "From {since} to {until}: returned by search {returned} times, read in full {read} times."
            ).format(
                since=format_time(r.since),
                until=format_time(r.until),
                returned=taken.total.returned,
                read=taken.total.read,
            ),
        ],
    )


def usage_lines(usage: LicenseUsage) -> list[str]:
    """What ``license show`` prints of a license's usage: totals, then per entry and per month."""
    late = [_("A usage report is overdue: the terms ask for one each month.")] if usage.overdue else []
    if usage.until is None:
        return [_("usage: no report imported"), *late]
    lines = [
        *late,
        _("usage (the licensee's reports: {reports}, up to {until}):").format(
            reports=usage.reports, until=format_time(usage.until)
        ),
        "  " + _("returned by search {returned}, read in full {read}").format(**usage.total.to_json()),
    ]
    lines.extend(
        f"  {entry}  " + _("returned {returned}, read {read}").format(**c.to_json())
        for entry, c in usage.by_entry
    )
    lines.extend(
        f"  {month}  " + _("returned {returned}, read {read}").format(**c.to_json())
        for month, c in usage.by_month
    )
    return lines


def register(command: Command) -> None:
    usage = group(command, "usage", _("usage reports from your licensees"))
    p = usage("import", _("check a licensee's signed usage report and add its counts to the ledger"))
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(handler=cmd_import)
