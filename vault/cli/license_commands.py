"""The worker's licensing commands: ``license issue|list|show|revoke|renew|totals``,
``status publish`` and ``receipt import``.

Scripts rely on these names, flags and JSON keys (issue 3): they are only
ever added to. Times in JSON are ``YYYY-MM-DDTHH:MM:SSZ`` strings (or null),
like the vault's other commands.
"""

from __future__ import annotations

import argparse
import shlex
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from knowhold.vault.cli.context import Context
from knowhold.vault.cli.output import Result, compensation_text, entries_count
from knowhold.vault.cli.parser import Command, group
from knowhold.vault.cli.usage_commands import usage_lines
from knowhold.vault.errors import UsageError
from knowhold.vault.i18n import N_, Translated, ngettext, say
from knowhold.vault.i18n import gettext as _
from knowhold.vault.licensing.identity import Contacts
from knowhold.vault.licensing.ledger import DEFAULT_STATUS_VALIDITY, Ledger, LicenseRecord
from knowhold.vault.licensing.ledger_summary import Amount, Summary, ledger_lines, summarise
from knowhold.vault.licensing.outgoing import OutgoingFile
from knowhold.vault.licensing.receipts import MAX_RECEIPT
from knowhold.vault.licensing.terms import PERMISSIONS, USAGE_REPORTS, Revocation, Terms
from knowhold.vault.licensing.usage_ledger import UsageLedger
from knowhold.vault.store.schema import KINDS
from knowhold.vault.text import display_width, pad
from knowhold.vault.timefmt import format_time, parse_duration, parse_when

PERIODS = ("once", "month", "year")
PUBLISH_NEXT = N_(
    "Publish a status document so their vault learns of it: `knowhold status publish --out PATH`."
)


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
        "files": [f._asdict() for f in record.files],
    }


def _permissions_text(record: LicenseRecord) -> str:
    extra = [p for p in PERMISSIONS if p != "view" and record.terms.allows(p)]
    text = ", ".join(extra) if extra else _("view only")
    return text + (" " + _("(human review)") if record.terms.human_review else "")


def _duration(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _day(ts: int) -> str:
    return format_time(ts)[:10]


def _columns(head: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> list[str]:
    """``rows`` under ``head`` in columns as wide as their widest cell (Chinese counts double)."""
    widths = [max(display_width(row[i]) for row in (head, *rows)) for i in range(len(head))]
    return [
        "  ".join(pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in (head, *rows)
    ]


def _table(records: list[LicenseRecord]) -> list[str]:
    head = (
        _("LICENSE"),
        _("LICENSEE"),
        _("ENTRIES"),
        _("ISSUED"),
        _("ENDS"),
        _("PERMISSIONS"),
        _("COMPENSATION"),
        _("STATUS"),
    )
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
        return [_("No licenses issued yet.")]
    per_licensee = [
        (t.licensee, str(t.licenses), str(t.in_force), _amounts_text(t.amounts)) for t in summary.licensees
    ]
    lines = _columns((_("LICENSEE"), _("LICENSES"), _("IN FORCE"), _("DUE")), per_licensee)
    if summary.months:
        per_month = [
            (f"{m.year:04d}-{m.month:02d}", str(m.licenses), _amounts_text(m.amounts)) for m in summary.months
        ]
        lines += ["", *_columns((_("MONTH"), _("LICENSES"), _("DUE")), per_month)]
    return [
        *lines,
        "",
        _("All licenses: {amounts} (what the terms make due, not what was paid)").format(
            amounts=_amounts_text(summary.amounts)
        ),
    ]


def _record_text(record: LicenseRecord) -> list[str]:
    terms = record.terms
    ends = _("ends: {end}").format(end=format_time(record.expires_at))
    if record.expires_at != record.original_expires_at:
        ends += " " + _("(renewed; first {end})").format(end=format_time(record.original_expires_at))
    pay = compensation_text(record.terms.compensation)
    if terms.compensation.note and terms.compensation.amount:
        pay += f" ({terms.compensation.note})"
    lines = [
        _("License {id}: {status}").format(id=record.license_id, status=record.status),
        _("licensee: {licensee}   fingerprint: {fingerprint}").format(
            licensee=record.licensee, fingerprint=record.licensee_fingerprint
        ),
        _("issued: {issued}   valid from: {start}").format(
            issued=format_time(record.issued_at), start=format_time(record.not_before)
        ),
        ends,
        _("permissions: {permissions}").format(permissions=_permissions_text(record)),
        _("compensation: {compensation}").format(compensation=pay),
    ]
    if terms.attribution:
        lines.append(_("attribution: {attribution}").format(attribution=terms.attribution))
    if record.revocation.status_url:
        age = record.revocation.max_status_age
        status = _("status: {url}").format(url=record.revocation.status_url)
        if age is not None:
            status += " " + _("(locks with none newer than {age})").format(age=_duration(age))
        lines.append(status)
    if record.revoked_at is not None:
        revoked = _("revoked: {time}").format(time=format_time(record.revoked_at))
        lines.append(f"{revoked}  {record.revoke_reason or ''}".rstrip())
    if record.accepted_at is not None:
        lines.append(_("accepted: {time} (signed receipt kept)").format(time=format_time(record.accepted_at)))
    if record.redacted:
        lines.append(_("content: sensitive data redacted"))
    elif record.sensitive_included:
        lines.append(_("content: sensitive data included"))
    lines.append(_("entries ({count}):").format(count=len(record.entries)))
    lines.extend(f"  {e.id}  v{e.version}  {e.title}" for e in record.entries)
    if record.files:
        lines.append(_("attachments ({count}):").format(count=len(record.files)))
        lines.extend(f"  {f.entry_id}  {f.name}  {f.size:,} B  sha256 {f.sha256}" for f in record.files)
    return lines


# -- commands --------------------------------------------------------------------------


def cmd_issue(ctx: Context) -> Result:
    a = ctx.args
    if not (a.entry or a.tag or a.kind):
        raise UsageError(Translated(_("Choose what to license with --entry, --tag or --kind.")))
    if a.status_max_age is not None and a.status_url is None:
        raise UsageError(
            Translated(_("--status-max-age needs --status-url (where the status document is published)."))
        )
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
        usage_report=a.usage_report,
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
            attachments=a.attachments,
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
        "attachments": _outgoing_json(issued.outgoing),
    }
    text = [
        _("Issued license {id} to {licensee}: {entries}, until {end}.").format(
            id=issued.license_id,
            licensee=issued.licensee,
            entries=entries_count(len(issued.entries)),
            end=format_time(issued.expires_at),
        ),
        _("Wrote {path}; send it to {licensee}.").format(path=issued.out_path, licensee=issued.licensee),
    ]
    if issued.redacted:
        text.append(
            ngettext(
                "Redacted {n} sensitive item in the licensed copy (your vault is unchanged).",
                "Redacted {n} sensitive items in the licensed copy (your vault is unchanged).",
                issued.findings,
            ).format(n=issued.findings)
        )
    if issued.sensitive_included:
        text.append(
            ngettext(
                "Included {n} sensitive item, as you chose.",
                "Included {n} sensitive items, as you chose.",
                issued.findings,
            ).format(n=issued.findings)
        )
    text.extend(_outgoing_text(issued.outgoing))
    text.extend(_("Warning: {warning}").format(warning=say(w)) for w in issued.warnings)
    if not verified:  # the core says what to do; how to type it is ours to say
        text.append(f"    knowhold contacts verify {shlex.quote(issued.licensee)} FINGERPRINT")
    return Result(data, text)


def _outgoing_json(files: Sequence[OutgoingFile]) -> list[dict[str, Any]]:
    return [
        {
            "entry_id": f.entry_id,
            "name": f.name,
            "media_type": f.media_type,
            "size": f.size,
            "metadata_removed": f.cleaned,
            "found": list(f.found),
        }
        for f in files
    ]


def _outgoing_text(files: Sequence[OutgoingFile]) -> list[str]:
    """One line per file that left: what was removed from it, or that its metadata went with it."""
    lines = []
    for f in files:
        if not f.cleaned:
            what = _("not an image: carried as it is, with its metadata")
        elif f.found:
            what = _("metadata removed: {found}").format(found=", ".join(f.found))
        else:
            what = _("no metadata found")
        lines.append(
            _("Attachment {name} ({entry}): {what}").format(name=f.name, entry=f.entry_id, what=what)
        )
    return lines


def cmd_list(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        records = Ledger(vault).licenses()
        usage = UsageLedger(vault).usage_of(records)
    return Result(
        {"licenses": [{**_summary_json(r), "usage": usage[r.license_id].to_json()} for r in records]},
        _table(records) if records else [_("No licenses issued yet.")],
    )


def cmd_totals(ctx: Context) -> Result:
    # Months are this computer's calendar months, as the app's ledger counts them.
    with ctx.open_vault() as vault:
        summary = summarise(ledger_lines(vault.db, {}), vault.db.now(), None)
    return Result(_totals_json(summary), _totals_text(summary))


def cmd_show(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        record = Ledger(vault).get(ctx.args.id)
        usage = UsageLedger(vault).usage(record)
    return Result(
        {**_record_json(record), "usage": usage.to_json()}, [*_record_text(record), *usage_lines(usage)]
    )


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
        [
            _("License {id} was already revoked on {time}; nothing changed.").format(
                id=record.license_id, time=_time(record.revoked_at)
            )
        ]
        if already
        else [
            _("Revoked license {id} ({licensee}).").format(id=record.license_id, licensee=record.licensee),
            _(PUBLISH_NEXT),
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
            _("Renewed license {id} until {end}.").format(
                id=record.license_id, end=format_time(record.expires_at)
            ),
            _(PUBLISH_NEXT),
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
        _("Wrote status document #{sequence} to {path} ({revoked} revoked, {renewed} renewed).").format(
            sequence=doc.sequence, path=path, revoked=len(doc.revoked), renewed=len(doc.renewed)
        ),
        _("Publish it where your licenses' status URL points; publish again before {time}.").format(
            time=format_time(doc.next_update)
        ),
    ]
    if published.superseded is not None:
        had = _("up to #{sequence}").format(sequence=published.previous) if published.previous else _("none")
        lines.append(
            _(
                "This vault was restored from an older backup: it had published {had}, but {path} "
                "holds #{found}, published since. The new document #{sequence} "
                "supersedes it, and readers accept it."
            ).format(had=had, path=path, found=published.superseded, sequence=doc.sequence)
        )
        lines += [
            _(
                "License {id} was revoked in #{found} but not in this vault: revoke it "
                "again (`knowhold license revoke {id}`) and publish."
            ).format(id=lid, found=published.superseded)
            for lid in published.forgotten_revocations
        ]
    return Result(data, lines)


def cmd_receipt_import(ctx: Context) -> Result:
    data = ctx.read_document(ctx.args.file, MAX_RECEIPT, _("receipt"))
    with ctx.open_vault() as vault:
        record = Ledger(vault).import_receipt(data)
    return Result(
        {
            "license_id": record.license_id,
            "status": record.status,
            "licensee": record.licensee,
            "accepted_at": _time(record.accepted_at),
        },
        [
            _("{licensee} accepted license {id} on {time}.").format(
                licensee=record.licensee, id=record.license_id, time=_time(record.accepted_at)
            )
        ],
    )


# -- grammar ---------------------------------------------------------------------------


def _issue_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--to", required=True, metavar="CONTACT", help=_("the licensee: a contact's name"))
    p.add_argument("--entry", action="extend", nargs="+", default=[], metavar="ID", help=_("entries by id"))
    p.add_argument(
        "--tag", action="extend", nargs="+", default=[], metavar="TAG", help=_("every entry with a tag")
    )
    p.add_argument(
        "--kind",
        action="extend",
        nargs="+",
        default=[],
        choices=KINDS,
        metavar="KIND",
        help=_("every entry of a kind"),
    )
    p.add_argument(
        "--expires",
        required=True,
        metavar="WHEN",
        help=_("end date: ISO 8601 (2027-03-01) or a duration from now (90d, 12h, 30m, 45s)"),
    )
    p.add_argument("--not-before", metavar="WHEN", help=_("start date (default: now)"))
    p.add_argument(
        "--allow",
        action="append",
        default=[],
        choices=PERMISSIONS,
        metavar="PERM",
        help=_("allow a permission ({permissions}); anything not allowed is denied").format(
            permissions=", ".join(PERMISSIONS)
        ),
    )
    p.add_argument(
        "--deny",
        action="append",
        default=[],
        choices=PERMISSIONS,
        metavar="PERM",
        help=_("deny a permission explicitly (the default)"),
    )
    p.add_argument("--human-review", action="store_true", help=_("AI use must be reviewed by a person"))
    p.add_argument("--attribution", default="", metavar="TEXT")
    p.add_argument("--fee", nargs=2, metavar=("AMOUNT", "CURRENCY"), help=_("compensation, e.g. 1200 CNY"))
    p.add_argument("--per", choices=PERIODS, help=_("fee period (default: once)"))
    p.add_argument("--compensation-note", default="", metavar="TEXT")
    p.add_argument("--terms-file", type=Path, metavar="F", help=_("human-readable terms text"))
    p.add_argument(
        "--usage-report",
        choices=USAGE_REPORTS,
        help=_("the licensee sends you a signed usage report this often (older Knowhold cannot open it)"),
    )
    p.add_argument("--status-url", metavar="URL", help=_("where you will publish status documents"))
    p.add_argument(
        "--status-max-age",
        metavar="DURATION",
        help=_("the licensee's vault locks content with no status document younger than this"),
    )
    sensitive = p.add_mutually_exclusive_group()
    sensitive.add_argument(
        "--redact",
        action="store_true",
        help=_("replace sensitive data with placeholders in the licensed copy"),
    )
    sensitive.add_argument("--allow-sensitive", action="store_true", help=_("include sensitive data anyway"))
    p.add_argument(
        "--attachments",
        action=argparse.BooleanOptionalAction,
        default=True,
        help=_("carry each entry's attachments, images without their metadata"),
    )
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help=_("the .knowhold file to write"))


def register(command: Command) -> None:
    lic = group(command, "license", _("issue licenses for your knowledge and manage them"))
    p = lic("issue", _("package chosen entries for a contact, under explicit terms and an end date"))
    _issue_options(p)
    p.set_defaults(handler=cmd_issue)
    lic("list", _("the ledger: every license issued, with its status")).set_defaults(handler=cmd_list)
    lic(
        "totals", _("what the licenses' terms make due, per licensee and per month, in each currency")
    ).set_defaults(handler=cmd_totals)
    p = lic("show", _("one license: terms, entries, revocation, acceptance"))
    p.add_argument("id", metavar="ID")
    p.set_defaults(handler=cmd_show)
    p = lic("revoke", _("withdraw a license (then publish a status document)"))
    p.add_argument("id", metavar="ID")
    p.add_argument("--reason", default="", metavar="TEXT")
    p.set_defaults(handler=cmd_revoke)
    p = lic("renew", _("move a license's end date later (then publish a status document)"))
    p.add_argument("id", metavar="ID")
    p.add_argument("--expires", required=True, metavar="WHEN")
    p.set_defaults(handler=cmd_renew)

    status = group(command, "status", _("status documents: your revocations and renewals, signed"))
    p = status("publish", _("write a status document to a file, or to a folder as knowhold.status"))
    # A string, not a Path: a Path drops the final separator that says "a folder" (site/).
    p.add_argument("--out", required=True, metavar="PATH")
    p.add_argument(
        "--valid-for",
        default=f"{DEFAULT_STATUS_VALIDITY // 86400}d",
        metavar="DURATION",
        help=_("time until the next update is due (default: 7d)"),
    )
    p.set_defaults(handler=cmd_status_publish)

    receipt = group(command, "receipt", _("acceptance receipts from your licensees"))
    p = receipt("import", _("record a licensee's signed acceptance in the ledger"))
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(handler=cmd_receipt_import)
