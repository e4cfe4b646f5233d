"""The vault's commands: each parses nothing and decides nothing, it calls
the core and shapes the answer (``Result``) for a script or a person."""

from __future__ import annotations

from pathlib import Path

from knowhold.vault.cli.context import Context, data_dir
from knowhold.vault.cli.output import Body, Result, entry_json, entry_text, summary_json, summary_line
from knowhold.vault.cli.parser import Command, register_vault_commands
from knowhold.vault.errors import UsageError
from knowhold.vault.i18n import Translated, ngettext
from knowhold.vault.i18n import gettext as _
from knowhold.vault.knowledge import templates
from knowhold.vault.knowledge.demo import DEMO_PASSPHRASE, create_demo
from knowhold.vault.knowledge.entries import KEEP, Entry
from knowhold.vault.knowledge.markdown_export import export_markdown
from knowhold.vault.knowledge.markdown_import import import_markdown
from knowhold.vault.knowledge.origin import parse_origin
from knowhold.vault.licensing.issuing import Found, entry_findings, file_findings
from knowhold.vault.store import backup
from knowhold.vault.store.storage import Vault
from knowhold.vault.timefmt import format_time


def cmd_init(ctx: Context) -> Result:
    path = ctx.vault_path
    passphrase = ctx.secrets.initial_passphrase()
    created = Vault.create(path, passphrase, clock=ctx.clock, name=ctx.args.name, kdf=ctx.kdf)
    created.vault.close()
    code = created.recovery_code
    return Result(
        {"recovery_code": code, "vault": str(path), "vault_id": created.vault.vault_id},
        [
            _("Created a vault at {path}.").format(path=path),
            "",
            _("Your recovery code (shown this once; write it down and keep it somewhere safe):"),
            "",
            f"    {code}",
            "",
            _("It opens the vault if you forget your passphrase: `knowhold recover`."),
        ],
    )


def cmd_add(ctx: Context) -> Result:
    a = ctx.args
    origin = None if a.origin is None else parse_origin(a.origin)  # before the body is read from stdin
    body = templates.template_for(a.kind) if a.template and a.file is None else ctx.read_body(a.file)
    with ctx.open_vault() as vault:
        entry = vault.entries.add(a.kind, a.title, body, a.tag, a.private, origin=origin)
    return Result({"id": entry.id, "version": entry.version}, [entry.id])


def cmd_edit(ctx: Context) -> Result:
    a = ctx.args
    origin = KEEP if a.origin is None else parse_origin(a.origin)
    body = ctx.read_body(a.file) if a.file is not None else None
    if all(v is None for v in (a.title, a.kind, body, a.tag, a.private, a.origin)):
        raise UsageError(
            Translated(_("Nothing to change: give --title, --kind, --file, --tag, --private or --origin."))
        )
    with ctx.open_vault() as vault:
        before = vault.entries.get(a.id).version
        entry = vault.entries.update(
            a.id, title=a.title, kind=a.kind, body=body, tags=a.tag, private=a.private, origin=origin
        )
    changed = entry.version != before
    message = (
        _("Saved {id} as version {version}.").format(id=entry.id, version=entry.version)
        if changed
        else _("No change.")
    )
    return Result({"id": entry.id, "version": entry.version, "changed": changed}, [message])


def cmd_show(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        entry = vault.entries.get(ctx.args.id, ctx.args.version)
    return Result(entry_json(entry), entry_text(entry))


def cmd_history(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        entry = vault.entries.get(ctx.args.id)
        versions = vault.entries.history(entry.id)
    rows = [
        {
            "version": v.version,
            "title": v.title,
            "kind": v.kind,
            "tags": list(v.tags),
            "private": v.private,
            "saved_at": format_time(v.saved_at),
            "size": v.size,
        }
        for v in versions
    ]
    lines = [
        f"{v.version:>4}  {format_time(v.saved_at)}  "
        + ngettext("{size} char", "{size} chars", v.size).format(size=f"{v.size:>7}")
        + f"  {v.title}"
        for v in versions
    ]
    return Result({"id": entry.id, "versions": rows}, lines)


def cmd_revert(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        entry = vault.entries.restore_version(ctx.args.id, ctx.args.version)
    return Result(
        {"id": entry.id, "version": entry.version},
        [
            _("Restored version {old} of {id} as version {new}.").format(
                old=ctx.args.version, id=entry.id, new=entry.version
            )
        ],
    )


def cmd_list(ctx: Context) -> Result:
    a = ctx.args
    with ctx.open_vault() as vault:
        entries, total = vault.entries.page(kind=a.kind, tag=a.tag, trash=a.trash, limit=a.limit)
    lines = [summary_line(e) for e in entries]
    if not entries:
        lines = [_("The trash is empty.")] if a.trash else [_("No entries. Add one with `knowhold add`.")]
    elif total > len(entries):
        lines.append(_("({shown} of {total})").format(shown=len(entries), total=total))
    return Result({"entries": [summary_json(e) for e in entries], "total": total}, lines)


def cmd_rm(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        entry = vault.entries.trash(ctx.args.id)
    return Result({"id": entry.id, "in_trash": True}, [_("Moved {id} to the trash.").format(id=entry.id)])


def cmd_restore(ctx: Context) -> Result:
    target = ctx.args.target
    if Path(target).is_file():
        return _restore_backup(ctx, Path(target))
    with ctx.open_vault() as vault:
        entry = vault.entries.untrash(target)
    return Result(
        {"id": entry.id, "in_trash": False}, [_("Restored {id} from the trash.").format(id=entry.id)]
    )


def _restore_backup(ctx: Context, file: Path) -> Result:
    target = ctx.vault_path
    restored = backup.restore(file, target, passphrase=ctx.secrets.passphrase(), clock=ctx.clock)
    try:
        total = restored.entries.page(limit=0)[1]
    finally:
        restored.close()
    return Result(
        {"vault": str(target), "entries": total, "restored_from": str(file)},
        [
            ngettext(
                "Restored {n} entry from {file} into a new vault at {path}.",
                "Restored {n} entries from {file} into a new vault at {path}.",
                total,
            ).format(n=total, file=file, path=target)
        ],
    )


def cmd_empty_trash(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        count = vault.entries.empty_trash()
    return Result(
        {"deleted": count},
        [ngettext("Deleted {n} entry for good.", "Deleted {n} entries for good.", count).format(n=count)],
    )


def cmd_search(ctx: Context) -> Result:
    a = ctx.args
    with ctx.open_vault() as vault:
        hits = vault.search.search(a.query, kind=a.kind, tag=a.tag, limit=a.limit)
    data = {
        "hits": [
            {
                "id": h.id,
                "title": h.title,
                "kind": h.kind,
                "tags": list(h.tags),
                "snippet": h.marked(),
                "highlights": [list(span) for span in h.highlights],
                "snippet_text": h.snippet,
                "title_highlights": [list(span) for span in h.title_highlights],
                "updated_at": format_time(h.updated_at),
                "score": h.score,
            }
            for h in hits
        ]
    }
    lines: list[str] = []
    for h in hits:
        lines += [f"{h.id}  {h.kind:<10} {h.title}", f"    {h.marked('[', ']')}"]
    return Result(data, lines or [_("No matches.")])


def cmd_tags(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        tags = vault.entries.tags()
    return Result(
        {"tags": [{"tag": t, "count": n} for t, n in tags]},
        [f"{n:>5}  #{t}" for t, n in tags] or [_("No tags yet.")],
    )


def cmd_import(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        summary = import_markdown(vault, ctx.args.paths, progress=ctx.progress(_("Importing")))
    data = {
        "created": summary.created,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "skipped": [{"path": p, "reason": r} for p, r in summary.skipped],
        "cancelled": summary.cancelled,
        "converted": [{"path": p, "encoding": e} for p, e in summary.converted],
        "attached": list(summary.attached),
    }
    lines = [
        _("Imported {created} new, {updated} updated, {unchanged} unchanged, {skipped} skipped.").format(
            created=summary.created,
            updated=summary.updated,
            unchanged=summary.unchanged,
            skipped=len(summary.skipped),
        )
    ]
    lines += ["  " + _("read as {encoding}: {path}").format(encoding=e, path=p) for p, e in summary.converted]
    lines += ["  " + _("attached {path}").format(path=p) for p in summary.attached]
    skipped = _("skipped {path}: {reason}")
    lines += ["  " + skipped.format(path=p, reason=_(r.value)) for p, r in summary.skipped]
    return Result(data, lines)


def cmd_export(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        summary = export_markdown(
            vault, ctx.args.out, progress=ctx.progress(_("Exporting")), by_kind=ctx.args.by_kind
        )
    return Result(
        {"written": summary.written, "attachments": summary.attachments, "out": str(summary.folder)},
        [
            ngettext(
                "Exported {n} entry to {folder} (plain Markdown: not encrypted); attached files: {files}.",
                "Exported {n} entries to {folder} (plain Markdown: not encrypted); attached files: {files}.",
                summary.written,
            ).format(n=summary.written, folder=summary.folder, files=summary.attachments)
        ],
    )


def cmd_backup(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        summary = backup.backup(vault, ctx.args.out)
    return Result(
        {"out": str(ctx.args.out), "bytes": summary.size},
        [
            _(
                "Wrote an encrypted backup to {path} ({size} bytes). "
                "It opens with the passphrase or recovery code you have now."
            ).format(path=ctx.args.out, size=summary.size)
        ],
    )


def cmd_passphrase(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        new = ctx.secrets.new_passphrase("KNOWHOLD_NEW_PASSPHRASE")
        if not ctx.args.rotate_key:
            vault.change_passphrase(new)
            return Result({"changed": True, "key_rotated": False}, [_("Passphrase changed.")])
        code = vault.rotate_key(new)
    lines = [
        _(
            "Passphrase changed and the vault re-encrypted with a new key: "
            "copies of the old vault.key no longer open it (backups keep their own keys)."
        )
    ]
    if code is not None:
        lines += [
            "",
            _("Your new recovery code (shown this once; the old one no longer works):"),
            "",
            f"    {code}",
        ]
    return Result({"changed": True, "key_rotated": True, "recovery_code": code}, lines)


def cmd_recover(ctx: Context) -> Result:
    code = ctx.secrets.recovery_code()
    with Vault.open_with_recovery_code(ctx.vault_path, code, clock=ctx.clock) as vault:
        new = ctx.secrets.new_passphrase("KNOWHOLD_NEW_PASSPHRASE")
        vault.change_passphrase(new)
    return Result(
        {"changed": True},
        [_("Recovered: the vault now opens with your new passphrase. The recovery code still works.")],
    )


def cmd_scan(ctx: Context) -> Result:
    findings: list[tuple[Entry, Found]] = []
    with ctx.open_vault() as vault:
        ids = ctx.args.ids or vault.entries.all_ids()
        with_files = vault.attachments.entries_with_files()
        for entry_id in ids:
            entry = vault.entries.get(entry_id)
            # The review's own screen: title, body, tags, the origin's name, then the
            # attachments' names (the signed manifest shows them), each in order.
            names = [a.name for a in vault.attachments.list(entry.id)] if entry.id in with_files else []
            found = entry_findings(entry) + file_findings(entry.id, names)
            findings += [(entry, ff) for ff in found]
    data = {
        "findings": [
            {
                "entry": e.id,
                "title": e.title,
                "field": ff.key.field,  # title, body, tags, origin or file (an attachment's name)
                "index": ff.key.index,  # which tag for "tags", which attachment (by name) for "file"; else 0
                "kind": ff.finding.kind,
                "start": ff.finding.start,
                "end": ff.finding.end,
                "detail": ff.finding.detail,
                "masked": ff.finding.masked(),
            }
            for e, ff in findings
        ]
    }
    lines = [
        f"{e.id}  {ff.key.field:<5} {ff.finding.kind:<7} {ff.finding.start}-{ff.finding.end}  "
        f"{ff.finding.masked()}  ({ff.finding.detail})"
        for e, ff in findings
    ]
    return Result(data, lines or [_("No sensitive data found.")])


def cmd_template(ctx: Context) -> Result:
    text = templates.template_for(ctx.args.kind, ctx.args.language)
    return Result({"kind": ctx.args.kind, "language": ctx.args.language, "body": text}, [Body(text)])


def cmd_demo(ctx: Context) -> Result:
    path = ctx.args.vault.expanduser() if ctx.args.vault is not None else data_dir() / "demo-vault"
    created = create_demo(path, clock=ctx.clock, kdf=ctx.kdf)
    data = {"vault": str(path), "passphrase": DEMO_PASSPHRASE, "created": created}
    lines = [
        (_("Created a demo vault at {path}.") if created else _("The demo vault is at {path}.")).format(
            path=path
        ),
        _("Its passphrase is: {passphrase}").format(passphrase=DEMO_PASSPHRASE),
        _("Try: {command}").format(command=f"KNOWHOLD_VAULT={path} knowhold list"),
    ]
    then = None
    if ctx.args.open:
        open_app = ctx.open_app
        if open_app is None:
            raise UsageError(Translated(_("The desktop app is not available in this installation.")))

        def then() -> None:
            open_app(path, DEMO_PASSPHRASE)

    return Result(data, lines, then)


def register(command: Command) -> None:
    for name, parser in register_vault_commands(command).items():
        parser.set_defaults(handler=COMMANDS[name])


COMMANDS = {
    "init": cmd_init,
    "add": cmd_add,
    "edit": cmd_edit,
    "show": cmd_show,
    "history": cmd_history,
    "revert": cmd_revert,
    "list": cmd_list,
    "rm": cmd_rm,
    "restore": cmd_restore,
    "empty-trash": cmd_empty_trash,
    "search": cmd_search,
    "tags": cmd_tags,
    "import": cmd_import,
    "export": cmd_export,
    "backup": cmd_backup,
    "passphrase": cmd_passphrase,
    "recover": cmd_recover,
    "scan": cmd_scan,
    "template": cmd_template,
    "demo": cmd_demo,
}
