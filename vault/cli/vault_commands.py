"""The vault's commands: each parses nothing and decides nothing, it calls
the core and shapes the answer (``Result``) for a script or a person."""

from __future__ import annotations

from pathlib import Path

from knowhold.vault.cli.context import Context, data_dir
from knowhold.vault.cli.output import Body, Result, entry_json, entry_text, summary_json, summary_line
from knowhold.vault.cli.parser import Command, register_vault_commands
from knowhold.vault.errors import UsageError
from knowhold.vault.knowledge import scanner, templates
from knowhold.vault.knowledge.demo import DEMO_PASSPHRASE, create_demo
from knowhold.vault.knowledge.entries import KEEP
from knowhold.vault.knowledge.markdown_export import export_markdown
from knowhold.vault.knowledge.markdown_import import import_markdown
from knowhold.vault.knowledge.origin import parse_origin
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
            f"Created a vault at {path}.",
            "",
            "Your recovery code (shown this once; write it down and keep it somewhere safe):",
            "",
            f"    {code}",
            "",
            "It opens the vault if you forget your passphrase: `knowhold recover`.",
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
        raise UsageError("Nothing to change: give --title, --kind, --file, --tag, --private or --origin.")
    with ctx.open_vault() as vault:
        before = vault.entries.get(a.id).version
        entry = vault.entries.update(
            a.id, title=a.title, kind=a.kind, body=body, tags=a.tag, private=a.private, origin=origin
        )
    changed = entry.version != before
    message = f"Saved {entry.id} as version {entry.version}." if changed else "No change."
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
    lines = [f"{v['version']:>4}  {v['saved_at']}  {v['size']:>7} chars  {v['title']}" for v in rows]
    return Result({"id": entry.id, "versions": rows}, lines)


def cmd_revert(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        entry = vault.entries.restore_version(ctx.args.id, ctx.args.version)
    return Result(
        {"id": entry.id, "version": entry.version},
        [f"Restored version {ctx.args.version} of {entry.id} as version {entry.version}."],
    )


def cmd_list(ctx: Context) -> Result:
    a = ctx.args
    with ctx.open_vault() as vault:
        entries, total = vault.entries.page(kind=a.kind, tag=a.tag, trash=a.trash, limit=a.limit)
    lines = [summary_line(e) for e in entries]
    if not entries:
        lines = ["The trash is empty."] if a.trash else ["No entries. Add one with `knowhold add`."]
    elif total > len(entries):
        lines.append(f"({len(entries)} of {total})")
    return Result({"entries": [summary_json(e) for e in entries], "total": total}, lines)


def cmd_rm(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        entry = vault.entries.trash(ctx.args.id)
    return Result({"id": entry.id, "in_trash": True}, [f"Moved {entry.id} to the trash."])


def cmd_restore(ctx: Context) -> Result:
    target = ctx.args.target
    if Path(target).is_file():
        return _restore_backup(ctx, Path(target))
    with ctx.open_vault() as vault:
        entry = vault.entries.untrash(target)
    return Result({"id": entry.id, "in_trash": False}, [f"Restored {entry.id} from the trash."])


def _restore_backup(ctx: Context, file: Path) -> Result:
    target = ctx.vault_path
    restored = backup.restore(file, target, passphrase=ctx.secrets.passphrase(), clock=ctx.clock)
    try:
        total = restored.entries.page(limit=0)[1]
    finally:
        restored.close()
    return Result(
        {"vault": str(target), "entries": total, "restored_from": str(file)},
        [f"Restored {total} entries from {file} into a new vault at {target}."],
    )


def cmd_empty_trash(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        count = vault.entries.empty_trash()
    return Result({"deleted": count}, [f"Deleted {count} entries for good."])


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
                "updated_at": format_time(h.updated_at),
                "score": h.score,
            }
            for h in hits
        ]
    }
    lines: list[str] = []
    for h in hits:
        lines += [f"{h.id}  {h.kind:<10} {h.title}", f"    {h.marked('[', ']')}"]
    return Result(data, lines or ["No matches."])


def cmd_tags(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        tags = vault.entries.tags()
    return Result(
        {"tags": [{"tag": t, "count": n} for t, n in tags]},
        [f"{n:>5}  #{t}" for t, n in tags] or ["No tags yet."],
    )


def cmd_import(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        summary = import_markdown(vault, ctx.args.paths, progress=ctx.progress("Importing"))
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
        f"Imported {summary.created} new, {summary.updated} updated, {summary.unchanged} unchanged, "
        f"{len(summary.skipped)} skipped."
    ]
    lines += [f"  read as {e}: {p}" for p, e in summary.converted]
    lines += [f"  attached {p}" for p in summary.attached]
    lines += [f"  skipped {p}: {r}" for p, r in summary.skipped]
    return Result(data, lines)


def cmd_export(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        summary = export_markdown(
            vault, ctx.args.out, progress=ctx.progress("Exporting"), by_kind=ctx.args.by_kind
        )
    return Result(
        {"written": summary.written, "attachments": summary.attachments, "out": str(summary.folder)},
        [
            f"Exported {summary.written} entries to {summary.folder} (plain Markdown: not encrypted); "
            f"attached files: {summary.attachments}."
        ],
    )


def cmd_backup(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        summary = backup.backup(vault, ctx.args.out)
    return Result(
        {"out": str(ctx.args.out), "bytes": summary.size},
        [
            f"Wrote an encrypted backup to {ctx.args.out} ({summary.size} bytes). "
            "It opens with the passphrase or recovery code you have now."
        ],
    )


def cmd_passphrase(ctx: Context) -> Result:
    with ctx.open_vault() as vault:
        new = ctx.secrets.new_passphrase("KNOWHOLD_NEW_PASSPHRASE")
        if not ctx.args.rotate_key:
            vault.change_passphrase(new)
            return Result({"changed": True, "key_rotated": False}, ["Passphrase changed."])
        code = vault.rotate_key(new)
    lines = [
        "Passphrase changed and the vault re-encrypted with a new key: "
        "copies of the old vault.key no longer open it (backups keep their own keys)."
    ]
    if code is not None:
        lines += [
            "",
            "Your new recovery code (shown this once; the old one no longer works):",
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
        ["Recovered: the vault now opens with your new passphrase. The recovery code still works."],
    )


def cmd_scan(ctx: Context) -> Result:
    findings = []
    with ctx.open_vault() as vault:
        ids = ctx.args.ids or vault.entries.all_ids()
        for entry_id in ids:
            entry = vault.entries.get(entry_id)
            # Tags and the origin's name too: they leave the vault in a license beside the text.
            origin = entry.origin.name if entry.origin is not None else ""
            found = scanner.scan_entry(entry.title, entry.body, entry.tags, origin)
            findings += [(entry, ff) for ff in found]
    data = {
        "findings": [
            {
                "entry": e.id,
                "title": e.title,
                "field": ff.field,
                "index": ff.index,  # which tag, for field "tags" (0 otherwise)
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
        f"{e.id}  {ff.field:<5} {ff.finding.kind:<7} {ff.finding.start}-{ff.finding.end}  "
        f"{ff.finding.masked()}  ({ff.finding.detail})"
        for e, ff in findings
    ]
    return Result(data, lines or ["No sensitive data found."])


def cmd_template(ctx: Context) -> Result:
    text = templates.template_for(ctx.args.kind, ctx.args.language)
    return Result({"kind": ctx.args.kind, "language": ctx.args.language, "body": text}, [Body(text)])


def cmd_demo(ctx: Context) -> Result:
    path = ctx.args.vault.expanduser() if ctx.args.vault is not None else data_dir() / "demo-vault"
    created = create_demo(path, clock=ctx.clock, kdf=ctx.kdf)
    data = {"vault": str(path), "passphrase": DEMO_PASSPHRASE, "created": created}
    lines = [
        ("Created a demo vault" if created else "The demo vault is") + f" at {path}.",
        f"Its passphrase is: {DEMO_PASSPHRASE}",
        f"Try: KNOWHOLD_VAULT={path} knowhold list",
    ]
    then = None
    if ctx.args.open:
        open_app = ctx.open_app
        if open_app is None:
            raise UsageError("The desktop app is not available in this installation.")

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
