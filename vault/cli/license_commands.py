"""The worker's licensing commands: ``license issue|list|show|revoke|renew|totals``,
``status publish`` and ``receipt import``.

Scripts rely on these names, flags and JSON keys (issue 3): they are only
ever added to. Times in JSON are ``YYYY-MM-DDTHH:MM:SSZ`` strings (or null),
like the vault's other commands.
"""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path
from typing import Any

from knowhold.vault.cli.context import Context
from knowhold.vault.cli.output import Result, compensation_text, plural
from knowhold.vault.cli.parser import Command, group
from knowhold.vault.errors import UsageError
from knowhold.vault.licensing.identity import Contacts
from knowhold.vault.licensing.ledger import DEFAULT_STATUS_VALIDITY, Ledger, LicenseRecord
from knowhold.vault.licensing.ledger_summary import Amount, Summary, ledger_lines, summarise
from knowhold.vault.licensing.receipts import MAX_RECEIPT
from knowhold.vault.licensing.terms import PERMISSIONS, Revocation, Terms
from knowhold.vault.store.schema import KINDS
from knowhold.vault.text import display_width, pad
from knowhold.vault.timefmt import format_time, parse_duration, parse_when

PERIODS = ("once", "month", "year")


# -- presenting a record ---------------------------------------------------------------


def _time(value: int | None) -> str | None:
    return None if value is None else format_time(value)


def _entries_json(record: LicenseRecord) -> list[dict[str, Any]]:
    return [{"id": e.id, "version": e.version, "title": e.title} for e in record.entries]


def _summary_json(record: LicenseRecord) -> dict[str, Any]:
    return {
        "license_id": record.license_id,
        "status": record.status,
        "licensee": record.licensee,
        "fingerprint": record.licensee_fingerprint,
        "entry_count": len(record.entries),
        "entries": _entries_json(record),
        "issued_at": _time(record.issued_at),
        "not_before": _time(record.not_before),
        "expires_at": _time(record.expires_at),
        "permissions": {p: record.terms.allows(p) for p in PERMISSIONS},
        "compensation": record.terms.compensation.to_json(),
        "revoked_at": _time(record.revoked_at),
        "accepted_at": _time(record.accepted_at),
    }


def _record_json(record: LicenseRecord) -> dict[str, Any]:
    return {
        **_summary_json(record),
        "original_expires_at": _time(record.original_expires_at),
        "terms": record.terms.to_json(),
        "revocation": {
            "status_url": record.revocation.status_url,
            "max_status_age": record.revocation.max_status_age,
            "revoked_at": _time(record.revoked_at),
            "reason": record.revoke_reason,
        },
        "receipt": record.has_receipt,
        "manifest_hash": record.manifest_hash.hex(),
        "content": {"redacted": record.redacted, "sensitive_included": record.sensitive_included},
        "out": record.out_path,
    }


def _permissions_text(record: LicenseRecord) -> str:
    extra = [p for p in PERMISSIONS if p != "view" and record.terms.allows(p)]
    text = ", ".join(extra) if extra else "view only"
    return text + (" (human review)" if record.terms.human_review else "")


def _duration(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _day(ts: int) -> str:
    return format_time(ts)[:10]


def _columns(head: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """``rows`` under ``head`` in columns as wide as their widest cell (Chinese counts double)."""
    widths = [max(display_width(row[i]) for row in (head, *rows)) for i in range(len(head))]
    return [
        "  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in (head, *rows)
    ]


def _table(records: list[LicenseRecord]) -> list[str]:
    head = ("LICENSE", "LICENSEE", "ENTRIES", "ISSUED", "ENDS", "PERMISSIONS", "COMPENSATION", "STATUS")
    rows = [
        (
            r.license_id[:8],
            r.licensee,
            str(len(r.entries)),
            _day(r.issued_at),
            _day(r.expires_at),
            _permissions_text(r),
            compensation_text(r.terms.compensation),
            r.status,
        )
        for r in records
    ]
    return _columns(head, rows)


def _amounts_json(amounts: tuple[Amount, ...]) -> list[dict[str, str]]:
    # The amount as a string: the exact decimal the terms hold, never a float.
    return [{"currency": a.currency, "amount": str(a.value)} for a in amounts]


def _amounts_text(amounts: tuple[Amount, ...]) -> str:
    return ", ".join(a.text for a in amounts) or "-"


def _totals_json(summary: Summary) -> dict[str, Any]:
    return {
        "licensees": [
            {
                "licensee": t.licensee,
                "licenses": t.licenses,
                "in_force": t.in_force,
                "amounts": _amounts_json(t.amounts),
            }
            for t in summary.licensees
        ],
        "months": [
            {
                "month": f"{m.year:04d}-{m.month:02d}",
                "licenses": m.licenses,
                "amounts": _amounts_json(m.amounts),
            }
            for m in summary.months
        ],
        "amounts": _amounts_json(summary.amounts),
    }


def _totals_text(summary: Summary) -> list[str]:
    if not summary.licensees:
        return ["No licenses issued yet."]
    per_licensee = [
        (t.licensee, str(t.licenses), str(t.in_force), _amounts_text(t.amounts)) for t in summary.licensees
    ]
    lines = _columns(("LICENSEE", "LICENSES", "IN FORCE", "DUE"), per_licensee)
    if summary.months:
        per_month = [
            (f"{m.year:04d}-{m.month:02d}", str(m.licenses), _amounts_text(m.amounts)) for m in summary.months
        ]
        lines += ["", *_columns(("MONTH", "LICENSES", "DUE"), per_month)]
    return [
        *lines,
        "",
        f"All licenses: {_amounts_text(summary.amounts)} (what the terms make due, not what was paid)",
    ]


def _record_text(record: LicenseRecord) -> list[str]:
    terms = record.terms
    lines = [
        f"License {record.license_id}: {record.status}",
        f"licensee: {record.licensee}   fingerprint: {record.licensee_fingerprint}",
        f"issued: {format_time(record.issued_at)}   valid from: {format_time(record.not_before)}",
        f"ends: {format_time(record.expires_at)}"
        + (
            f" (renewed; first {format_time(record.original_expires_at)})"
            if record.expires_at != record.original_expires_at
            else ""
        ),
        f"permissions: {_permissions_text(record)}",
        f"compensation: {compensation_text(record.terms.compensation)}"
        + (f" ({terms.compensation.note})" if terms.compensation.note and terms.compensation.amount else ""),
    ]
    if terms.attribution:
        lines.append(f"attribution: {terms.attribution}")
    if record.revocation.status_url:
        age = record.revocation.max_status_age
        lines.append(
            f"status: {record.revocation.status_url}"
            + (f" (locks with none newer than {_duration(age)})" if age is not None else "")
        )
    if record.revoked_at is not None:
        lines.append(f"revoked: {format_time(record.revoked_at)}  {record.revoke_reason or ''}".rstrip())
    if record.accepted_at is not None:
        lines.append(f"accepted: {format_time(record.accepted_at)} (signed receipt kept)")
    if record.redacted or record.sensitive_included:
        what = "redacted" if record.redacted else "included"
        lines.append(f"content: sensitive data {what}")
    lines.append(f"entries ({len(record.entries)}):")
    lines.extend(f"  {e.id}  v{e.version}  {e.title}" for e in record.entries)
    return lines


# -- commands --------------------------------------------------------------------------


def cmd_issue(ctx: Context) -> Result:
    a = ctx.args
    if not (a.entry or a.tag or a.kind):
        raise UsageError("Choose what to license with --entry, --tag or --kind.")
    if a.status_max_age is not None and a.status_url is None:
        raise UsageError("--status-max-age needs --status-url (where the status document is published).")
    now = int(ctx.clock())
    expires_at = parse_when(a.expires, now)
    not_before = parse_when(a.not_before, now) if a.not_before is not None else None
    terms = Terms.make(
        allow=a.allow,
        deny=a.deny,
        human_review=a.human_review,
        attribution=a.attribution,
        fee=tuple(a.fee) if a.fee else None,
        per=a.per,
        compensation_note=a.compensation_note,
        text=ctx.read_body(a.terms_file) if a.terms_file is not None else "",
    )
    revocation = Revocation.make(
        status_url=a.status_url,
        max_status_age=parse_duration(a.status_max_age) if a.status_max_age is not None else None,
    )
    with ctx.open_vault() as vault:
        issued = Ledger(vault).issue(
            to=a.to,
            entry_ids=a.entry,
            tags=a.tag,
            kinds=a.kind,
            expires_at=expires_at,
            not_before=not_before,
            terms=terms,
            revocation=revocation,
            redact=a.redact,
            allow_sensitive=a.allow_sensitive,
            out=a.out,
        )
        verified = Contacts(vault.db).get(issued.licensee).verified
    data = {
        **_summary_json(issued),
        "out": issued.out_path,
        "redacted": issued.redacted,
        "sensitive_included": issued.sensitive_included,
        "findings": issued.findings,
        "private_skipped": issued.private_skipped,
        "warnings": list(issued.warnings),
    }
    text = [
        f"Issued license {issued.license_id} to {issued.licensee}: "
        f"{plural(len(issued.entries), 'entry', 'entries')}, "
        f"until {format_time(issued.expires_at)}.",
        f"Wrote {issued.out_path}; send it to {issued.licensee}.",
    ]
    if issued.redacted:
        text.append(
            f"Redacted {plural(issued.findings, 'sensitive item')} in the licensed copy "
            "(your vault is unchanged)."
        )
    if issued.sensitive_included:
        text.append(f"Included {plural(issued.findings, 'sensitive item')}, as you chose.")
    text.extend(f"Warning: {w}" for w in issued.warnings)
    if not verified:  # the core says what to do; how to type it is ours to say
        text.append(f"    knowhold contacts verify {shlex.quote(issued.licensee)} FINGERPRINT")
    return Result(data, text)


def cmd_list(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        records = Ledger(vault).licenses()
    return Result(
        {"licenses": [_summary_json(r) for r in records]},
        _table(records) if records else ["No licenses issued yet."],
    )


def cmd_totals(ctx: Context) -> Result:
    # Months are this computer's calendar months, as the app's ledger counts them.
    with ctx.open_vault() as vault:
        summary = summarise(ledger_lines(vault.db, {}), vault.db.now(), None)
    return Result(_totals_json(summary), _totals_text(summary))


def cmd_show(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        record = Ledger(vault).get(ctx.args.id)
    return Result(_record_json(record), _record_text(record))


def cmd_revoke(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        ledger = Ledger(vault)
        before = ledger.get(ctx.args.id)
        record = ledger.revoke(before.license_id, ctx.args.reason)
    already = before.revoked_at is not None
    data = {
        "license_id": record.license_id,
        "status": record.status,
        "revoked_at": _time(record.revoked_at),
        "reason": record.revoke_reason,
        "changed": not already,
    }
    text = (
        [f"License {record.license_id} was already revoked on {_time(record.revoked_at)}; nothing changed."]
        if already
        else [
            f"Revoked license {record.license_id} ({record.licensee}).",
            "Publish a status document so their vault learns of it: `knowhold status publish --out PATH`.",
        ]
    )
    return Result(data, text)


def cmd_renew(ctx: Context) -> Result:
    now = int(ctx.clock())
    expires_at = parse_when(ctx.args.expires, now)
    with ctx.open_vault() as vault:
        ledger = Ledger(vault)
        before = ledger.get(ctx.args.id)
        record = ledger.renew(before.license_id, expires_at)
    data = {
        "license_id": record.license_id,
        "status": record.status,
        "expires_at": _time(record.expires_at),
        "previous_expires_at": _time(before.expires_at),
    }
    return Result(
        data,
        [
            f"Renewed license {record.license_id} until {format_time(record.expires_at)}.",
            "Publish a status document so their vault learns of it: `knowhold status publish --out PATH`.",
        ],
    )


def cmd_status_publish(ctx: Context) -> Result:
    valid_for = parse_duration(ctx.args.valid_for)
    with ctx.open_vault() as vault:
        published = Ledger(vault).publish(ctx.args.out, valid_for=valid_for)
    doc, path = published.document, published.path
    data = {
        "out": str(path.absolute()),
        "sequence": doc.sequence,
        "issued_at": format_time(doc.issued_at),
        "next_update": format_time(doc.next_update),
        "revoked": [r.license_id for r in doc.revoked],
        "renewed": [r.license_id for r in doc.renewed],
        "superseded_sequence": published.superseded,
        "forgotten_revocations": list(published.forgotten_revocations),
    }
    lines = [
        f"Wrote status document #{doc.sequence} to {path} "
        f"({len(doc.revoked)} revoked, {len(doc.renewed)} renewed).",
        f"Publish it where your licenses' status URL points; publish again before "
        f"{format_time(doc.next_update)}.",
    ]
    if published.superseded is not None:
        had = f"up to #{published.previous}" if published.previous else "none"
        lines.append(
            f"This vault was restored from an older backup: it had published {had}, but {path} "
            f"holds #{published.superseded}, published since. The new document #{doc.sequence} "
            "supersedes it, and readers accept it."
        )
        lines += [
            f"License {lid} was revoked in #{published.superseded} but not in this vault: revoke it "
            f"again (`knowhold license revoke {lid}`) and publish."
            for lid in published.forgotten_revocations
        ]
    return Result(data, lines)


def cmd_receipt_import(ctx: Context) -> Result:
    data = ctx.read_document(ctx.args.file, MAX_RECEIPT, "receipt")
    with ctx.open_vault() as vault:
        record = Ledger(vault).import_receipt(data)
    return Result(
        {
            "license_id": record.license_id,
            "status": record.status,
            "licensee": record.licensee,
            "accepted_at": _time(record.accepted_at),
        },
        [f"{record.licensee} accepted license {record.license_id} on {_time(record.accepted_at)}."],
    )


# -- grammar ---------------------------------------------------------------------------


def _issue_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--to", required=True, metavar="CONTACT", help="the licensee: a contact's name")
    p.add_argument("--entry", action="extend", nargs="+", default=[], metavar="ID", help="entries by id")
    p.add_argument(
        "--tag", action="extend", nargs="+", default=[], metavar="TAG", help="every entry with a tag"
    )
    p.add_argument(
        "--kind",
        action="extend",
        nargs="+",
        default=[],
        choices=KINDS,
        metavar="KIND",
        help="every entry of a kind",
    )
    p.add_argument(
        "--expires",
        required=True,
        metavar="WHEN",
        help="end date: ISO 8601 (2027-03-01) or a duration from now (90d, 12h, 30m, 45s)",
    )
    p.add_argument("--not-before", metavar="WHEN", help="start date (default: now)")
    p.add_argument(
        "--allow",
        action="append",
        default=[],
        choices=PERMISSIONS,
        metavar="PERM",
        help=f"allow a permission ({', '.join(PERMISSIONS)}); anything not allowed is denied",
    )
    p.add_argument(
        "--deny",
        action="append",
        default=[],
        choices=PERMISSIONS,
        metavar="PERM",
        help="deny a permission explicitly (the default)",
    )
    p.add_argument("--human-review", action="store_true", help="AI use must be reviewed by a person")
    p.add_argument("--attribution", default="", metavar="TEXT")
    p.add_argument("--fee", nargs=2, metavar=("AMOUNT", "CURRENCY"), help="compensation, e.g. 1200 CNY")
    p.add_argument("--per", choices=PERIODS, help="fee period (default: once)")
    p.add_argument("--compensation-note", default="", metavar="TEXT")
    p.add_argument("--terms-file", type=Path, metavar="F", help="human-readable terms text")
    p.add_argument("--status-url", metavar="URL", help="where you will publish status documents")
    p.add_argument(
        "--status-max-age",
        metavar="DURATION",
        help="the licensee's vault locks content with no status document younger than this",
    )
    sensitive = p.add_mutually_exclusive_group()
    sensitive.add_argument(
        "--redact", action="store_true", help="replace sensitive data with placeholders in the licensed copy"
    )
    sensitive.add_argument("--allow-sensitive", action="store_true", help="include sensitive data anyway")
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="the .knowhold file to write")


def register(command: Command) -> None:
    lic = group(command, "license", "issue licenses for your knowledge and manage them")
    p = lic("issue", "package chosen entries for a contact, under explicit terms and an end date")
    _issue_options(p)
    p.set_defaults(handler=cmd_issue)
    lic("list", "the ledger: every license issued, with its status").set_defaults(handler=cmd_list)
    lic(
        "totals", "what the licenses' terms make due, per licensee and per month, in each currency"
    ).set_defaults(handler=cmd_totals)
    p = lic("show", "one license: terms, entries, revocation, acceptance")
    p.add_argument("id", metavar="ID")
    p.set_defaults(handler=cmd_show)
    p = lic("revoke", "withdraw a license (then publish a status document)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--reason", default="", metavar="TEXT")
    p.set_defaults(handler=cmd_revoke)
    p = lic("renew", "move a license's end date later (then publish a status document)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--expires", required=True, metavar="WHEN")
    p.set_defaults(handler=cmd_renew)

    status = group(command, "status", "status documents: your revocations and renewals, signed")
    p = status("publish", "write a status document to a file, or to a folder as knowhold.status")
    # A string, not a Path: a Path drops the final separator that says "a folder" (site/).
    p.add_argument("--out", required=True, metavar="PATH")
    p.add_argument(
        "--valid-for",
        default=f"{DEFAULT_STATUS_VALIDITY // 86400}d",
        metavar="DURATION",
        help="time until the next update is due (default: 7d)",
    )
    p.set_defaults(handler=cmd_status_publish)

    receipt = group(command, "receipt", "acceptance receipts from your licensees")
    p = receipt("import", "record a licensee's signed acceptance in the ledger")
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(handler=cmd_receipt_import)
