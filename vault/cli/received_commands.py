"""The employer's commands: ``verify``, ``received …`` and ``audit``.

``verify`` is a report that can itself be a failure: with ``--json`` it
prints the whole report and exits with the report's code; for a person it
prints the checks, then the one-line error on standard error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from knowhold.vault.cli.context import Context
from knowhold.vault.cli.output import (
    Body,
    Result,
    entries_count,
    entry_head,
    origin_json,
    origin_line,
    terms_json,
    terms_lines,
)
from knowhold.vault.cli.parser import Command, group
from knowhold.vault.cli.usage_commands import cmd_usage_report
from knowhold.vault.errors import (
    CHECK_ERRORS,
    ExportFailed,
    InvalidValue,
    VaultCorrupt,
)
from knowhold.vault.i18n import N_, Translated, say
from knowhold.vault.i18n import gettext as _
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.package import MAX_FILE
from knowhold.vault.licensing.payload import LicensedEntry
from knowhold.vault.licensing.received import Library, ReceivedRecord, RefreshResult
from knowhold.vault.licensing.skills import export_skill, prune_skills
from knowhold.vault.licensing.status import MAX_STATUS
from knowhold.vault.licensing.terms import PERMISSIONS
from knowhold.vault.licensing.verify import VerifyReport, verify_package
from knowhold.vault.store.fsutil import atomic_write
from knowhold.vault.store.storage import DB_NAME, is_vault
from knowhold.vault.timefmt import format_time, parse_strict_time, parse_when


def _parse_at(text: str, now: int) -> int:
    text = text.strip()
    if text.isdigit():
        return int(text)
    try:
        return parse_strict_time(text)
    except InvalidValue:
        return parse_when(text, now)


def _has_vault(ctx: Context) -> bool:
    path = ctx.vault_path
    return is_vault(path) or (path / DB_NAME).exists()


# What ``read_document`` names in its errors.
PACKAGE = N_("Knowhold package")
STATUS_DOCUMENT = N_("status document")
# A check's mark in verify's report: passed, failed, not run.
MARKS = {True: "ok  ", False: "FAIL", None: " -- "}


# -- verify ------------------------------------------------------------------------


def _report_json(report: VerifyReport, at: int | None) -> dict[str, Any]:
    return {
        "valid": report.valid,
        "license_id": report.license_id,
        "exit_code": report.exit_code,
        "at": None if at is None else format_time(at),
        "checks": [{"name": c.name, "ok": c.ok, "detail": c.detail, "code": c.code} for c in report.checks],
        "terms": None if report.terms is None else terms_json(report.terms),
    }


def cmd_verify(ctx: Context) -> Result:
    a = ctx.args
    data = ctx.read_document(a.file, MAX_FILE, _(PACKAGE))
    status = ctx.read_document(a.status, MAX_STATUS, _(STATUS_DOCUMENT)) if a.status is not None else None
    at = _parse_at(a.at, int(ctx.clock())) if a.at is not None else None
    if _has_vault(ctx):
        with ctx.open_vault() as vault:
            report = verify_package(data, vault=vault, status=status, at=at)
    else:
        report = verify_package(data, vault=None, status=status, at=at, now=int(ctx.clock()))
    lines = [f"{MARKS[c.ok]}  {c.name:<11} {say(c.detail)}" for c in report.checks]
    if report.terms is not None:
        lines += ["", *terms_lines(report.terms)]
    if report.valid:
        lines.append(_("Valid: license {id}.").format(id=report.license_id))
        return Result(_report_json(report, at), lines)
    failing = next(c for c in report.checks if c.ok is False and c.code == report.exit_code)
    # A detail may be a whole sentence with its own full stop: one stop, not two.
    reason = _("Not valid ({check}): {detail}.").format(
        check=failing.name, detail=say(failing.detail).rstrip(".")
    )
    error = CHECK_ERRORS[report.exit_code](Translated(reason))

    def fail() -> None:
        raise error

    # --json: the report is the whole answer; a person also gets the one-line reason.
    then = None if a.json else fail
    return Result(_report_json(report, at), lines, then=then, exit_code=report.exit_code)


# -- received ----------------------------------------------------------------------


def _record_json(r: ReceivedRecord) -> dict[str, Any]:
    m = r.manifest
    return {
        "license_id": r.license_id,
        "status": r.status,
        "status_detail": r.status_detail,
        "licensor": m.licensor.name,
        "licensor_fingerprint": m.licensor.fingerprint,
        "licensee": m.licensee.name,
        "entries": len(m.entries),
        "not_before": format_time(m.not_before),
        "expires_at": format_time(r.expires_at),
        "ingested_at": format_time(r.ingested_at),
        "destroyed_at": None if r.destroyed_at is None else format_time(r.destroyed_at),
        "destroyed_reason": r.destroyed_reason,
        "permissions": [p for p in PERMISSIONS if p in m.terms.allowed],
        "human_review": m.terms.human_review,
        "status_url": m.revocation.status_url,
    }


def _record_line(r: ReceivedRecord) -> str:
    detail = f" ({say(r.status_detail)})" if r.status_detail and r.status_detail != r.status else ""
    ends = _("ends {day}").format(day=format_time(r.expires_at)[:10])
    return f"{r.license_id}  {r.status:<13} {ends}  {r.manifest.licensor.name}{detail}"


def cmd_ingest(ctx: Context) -> Result:
    data = ctx.read_document(ctx.args.file, MAX_FILE, _(PACKAGE))
    with ctx.open_vault() as vault:
        record = Library(vault).ingest(data, trust=ctx.args.trust)
    doc = {**_record_json(record), "changed": record.changed}
    if not record.changed:
        already = _("License {id} is already in the library; nothing changed.").format(id=record.license_id)
        return Result(doc, [already])
    status = record.status + (f" ({say(record.status_detail)})" if record.status_detail else "")
    return Result(
        doc,
        [
            _("Ingested license {id} from {licensor}: {entries}, until {end}.").format(
                id=record.license_id,
                licensor=record.licensor.name,
                entries=entries_count(len(record.manifest.entries)),
                end=format_time(record.expires_at),
            ),
            _("Status: {status}").format(status=status),
            *terms_lines(record.manifest.terms),
        ],
    )


def cmd_list(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        records = Library(vault).licenses()
    lines = [_record_line(r) for r in records] or [
        _("No licenses received. Ingest one with `knowhold received ingest FILE`.")
    ]
    return Result({"licenses": [_record_json(r) for r in records]}, lines)


def _entry_json(e: LicensedEntry) -> dict[str, Any]:
    return {
        "id": e.id,
        "title": e.title,
        "body": e.body,
        "kind": e.kind,
        "version": e.version,
        "tags": list(e.tags),
        "notice": e.notice,
        "origin": origin_json(e.origin),
        "files": [f.listed().to_json() for f in e.files],
    }


def cmd_show(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        record, entries = Library(vault).show(ctx.args.license, ctx.args.entry)
    terms = record.manifest.terms
    notice = entries[0].notice if entries else ""
    doc = {
        **_record_json(record),
        "notice": notice,
        "terms": terms_json(record.manifest.terms),
        "entries": [_entry_json(e) for e in entries],
    }
    lines = [
        _("License {id} from {licensor}, until {end}").format(
            id=record.license_id, licensor=record.licensor.name, end=format_time(record.expires_at)
        ),
        *terms_lines(terms),
    ]
    for e in entries:
        lines += [
            "",
            f"# {e.title}",
            entry_head(e.id, e.kind, e.version),
            *origin_line(e.origin),
            *(
                _("attachment: {name} ({size} bytes, {type})").format(
                    name=f.name, size=f"{len(f.data):,}", type=f.media_type
                )
                for f in e.files
            ),
            f"> {e.notice}",
            "",
            Body(e.body),
        ]
    return Result(doc, lines)


def _refresh_json(r: RefreshResult) -> dict[str, Any]:
    return {"source": r.source, "changes": list(r.changes), "error": r.error}


def cmd_refresh(ctx: Context) -> Result:
    status = (
        ctx.read_document(ctx.args.status, MAX_STATUS, _(STATUS_DOCUMENT))
        if ctx.args.status is not None
        else None
    )
    with ctx.open_vault() as vault:
        results = Library(vault).refresh(status_file=status)
    changes = [c for r in results for c in r.changes]
    lines: list[str] = []
    for r in results:
        if r.error:
            lines.append(_("{source}: failed: {error}").format(source=r.source, error=r.error))
        elif not r.changes:
            lines.append(_("{source}: no change.").format(source=r.source))
        else:
            lines += [f"{r.source}: {say(c)}" for c in r.changes]
    if not results:
        lines.append(_("Nothing to refresh: no received license names a status URL."))
    doc = {
        "sources": [_refresh_json(r) for r in results],
        "changes": changes,
        "errors": sum(1 for r in results if r.error),
    }
    return Result(doc, lines)


def cmd_accept(ctx: Context) -> Result:
    out: Path = ctx.args.out
    with ctx.open_vault() as vault:
        library = Library(vault)
        record = library.get(ctx.args.license)
        receipt = library.accept(record.license_id)
    try:
        atomic_write(out, receipt)
    except OSError as exc:
        unwritable = _("Cannot write {path}: {reason}.").format(path=out, reason=exc.strerror or exc)
        raise ExportFailed(Translated(unwritable)) from exc
    return Result(
        {"license_id": record.license_id, "out": str(out), "terms": terms_json(record.manifest.terms)},
        [
            _("You accepted these terms of license {id} from {licensor}:").format(
                id=record.license_id, licensor=record.licensor.name
            ),
            *terms_lines(record.manifest.terms),
            "",
            _("Wrote the acceptance receipt for license {id} to {path}.").format(
                id=record.license_id, path=out
            ),
            _("Send it to {licensor}: it is their evidence that you agreed to these terms.").format(
                licensor=record.licensor.name
            ),
        ],
    )


def cmd_received_usage_report(ctx: Context) -> Result:
    a, now = ctx.args, int(ctx.clock())
    since = None if a.since is None else _parse_at(a.since, now)
    until = None if a.until is None else _parse_at(a.until, now)
    return cmd_usage_report(ctx, since, until)


def cmd_export_skill(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        library = Library(vault)
        path = export_skill(library, ctx.args.license, ctx.args.out)
        record = library.get(ctx.args.license)
    return Result(
        {"license_id": record.license_id, "skill": path.name, "path": str(path)},
        [
            _("Wrote the skill {name} to {path}.").format(name=path.name, path=path),
            _("Schedule `knowhold received prune-skills DIR` so it is removed when the license ends."),
        ],
    )


def cmd_prune_skills(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        removed = prune_skills(Library(vault), ctx.args.dir)
    lines = [_("Removed {path}").format(path=p) for p in removed] or [_("Nothing to prune.")]
    return Result({"removed": [str(p) for p in removed]}, lines)


# -- audit -------------------------------------------------------------------------


def cmd_audit(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        log = AuditLog(vault.db)
        events = log.events()
        check = log.verify()
    doc = {
        "events": [
            {
                "seq": e.seq,
                "time": format_time(e.time),
                "event": e.event,
                "license_id": e.license_id,
                "detail": e.detail,
            }
            for e in events
        ],
        "intact": check.intact,
        "count": check.count,
        "reason": check.reason or None,
    }
    lines = [f"{e.seq:>5}  {format_time(e.time)}  {e.event:<16} {e.license_id or '-'}" for e in events]
    altered = _("The audit log was altered: {reason}.").format(reason=check.reason)
    lines.append(_("The audit log is intact.") if check.intact else altered)
    if ctx.args.verify and not check.intact:
        error = VaultCorrupt(Translated(altered))

        def fail() -> None:
            raise error

        return Result(doc, lines, then=None if ctx.args.json else fail, exit_code=error.exit_code)
    return Result(doc, lines)


def register(command: Command) -> None:
    p = command("verify", _("check a license package without ingesting it (every check, one exit code)"))
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--status", type=Path, metavar="FILE", help=_("a status document to judge revocation by"))
    p.add_argument(
        "--at", metavar="TIME", help=_("judge the time checks at TIME, for audits (changes nothing)")
    )
    p.set_defaults(handler=cmd_verify)

    received = group(command, "received", _("licenses you have received: ingest, read, refresh, accept"))
    p = received("ingest", _("verify a package and keep it in the vault"))
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--trust", action="store_true", help=_("trust and pin an unknown licensor's key"))
    p.set_defaults(handler=cmd_ingest)
    received("list", _("list received licenses and their status")).set_defaults(handler=cmd_list)
    p = received("show", _("read a license's entries (all, or one), after checking the license"))
    p.add_argument("license", metavar="LICENSE")
    p.add_argument("entry", nargs="?", metavar="ENTRY")
    p.set_defaults(handler=cmd_show)
    p = received("refresh", _("fetch the licensors' status documents (or read one) and apply them"))
    p.add_argument(
        "--status", type=Path, metavar="FILE", help=_("a status document file instead of fetching")
    )
    p.set_defaults(handler=cmd_refresh)
    p = received("accept", _("sign an acceptance receipt to send to the licensor"))
    p.add_argument("license", metavar="LICENSE")
    p.add_argument("--out", type=Path, required=True, metavar="FILE")
    p.set_defaults(handler=cmd_accept)
    p = received("usage-report", _("sign a report of how a license's entries were used, for the licensor"))
    p.add_argument("license", metavar="LICENSE")
    p.add_argument("--out", type=Path, required=True, metavar="FILE")
    p.add_argument(
        "--since",
        metavar="DATE",
        help=_("count from DATE (default: where the last report ended, or the license's ingest)"),
    )
    p.add_argument(
        "--until",
        metavar="DATE",
        help=_("count up to DATE, not included (default: now); the next report starts there"),
    )
    p.set_defaults(handler=cmd_received_usage_report)
    p = received(
        "export-skill", _("write a license's entries as an Agent Skills folder (needs ai-retrieval)")
    )
    p.add_argument("license", metavar="LICENSE")
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.set_defaults(handler=cmd_export_skill)
    p = received("prune-skills", _("remove exported skills whose license ended, was revoked or is locked"))
    p.add_argument("dir", type=Path, metavar="DIR")
    p.set_defaults(handler=cmd_prune_skills)

    p = command("audit", _("the vault's hash-chained audit log"))
    p.add_argument("--verify", action="store_true", help=_("exit 1 if the chain was altered"))
    p.set_defaults(handler=cmd_audit)
