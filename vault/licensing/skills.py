"""Licensed entries as an Agent Skills folder, and pruning the ones that ended.

Where a license allows ``ai-retrieval``, its entries can be handed to an AI
agent in the form agent tools look for (``.agents/skills/``,
``.claude/skills/``): one folder per license, valid under the Agent Skills
specification's strict rules::

    <name>/                 name: 1-64 of a-z 0-9 -, no leading, trailing or double hyphen
      SKILL.md              front matter: name, description, license, metadata (strings only)
      LICENSE.txt           the terms in full
      references/<id>.md    one per entry, each opening with its license notice
      references/<id>-files/   the files the entry carries, linked from its reference

``metadata['knowhold-license-id']`` marks the folder as a Knowhold export,
so ``prune_skills`` can find it again and remove it once the license has
ended, been revoked or been destroyed, or while it is locked for stale
status: a scheduled ``knowhold received prune-skills DIR`` keeps an agent's
skills honest. A folder without the marker is never touched.

A carried file's name is the licensor's (checked by the package reader: no
folder, not ``.`` or ``..``); one that a file system could still read as
something else (a Windows device such as ``con.png``, a character Windows
refuses, a trailing dot or space, or two names equal but for case) is
written as ``file-<n>`` with its extension instead, so no name reaches
outside its folder or overwrites another.

What this cannot do: files written for an agent are plain text outside the
vault. Pruning is how an honest employer's systems stop using them; it is
not a way to take back what was already read.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import stat
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import yaml

from knowhold.vault.errors import ExportFailed
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.payload import LicensedEntry, LicensedFile
from knowhold.vault.licensing.terms import PERMISSIONS
from knowhold.vault.store.fsutil import fsync_dir
from knowhold.vault.text import reserved_on_windows
from knowhold.vault.timefmt import format_time

if TYPE_CHECKING:
    from knowhold.vault.licensing.received import Library, ReceivedRecord

MARKER = "knowhold-license-id"
NAME_MAX = 64
DESCRIPTION_MAX = 1024
PRUNE_DEPTH = 4  # DIR/project/.claude/skills/<skill>
PRUNABLE = frozenset({"expired", "revoked", "destroyed", "locked"})
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ENTRY_FILE = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_LICENSE_ID = re.compile(r"^[0-9a-f]{32}$")
_FRONT_MATTER_MAX = 64 * 1024
_WINDOWS_REFUSES = re.compile(r'[<>:"|?*\x00-\x1f]')
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,16}$")


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by single hyphens; other scripts drop out."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def skill_name(licensor: str, license_id: str) -> str:
    """``<licensor>-<first 8 of the license id>``: readable, and one folder per license."""
    slug = slugify(licensor)[: NAME_MAX - 9].strip("-")
    name = f"{slug}-{license_id[:8]}" if slug else f"license-{license_id[:8]}"
    assert _NAME.match(name) and len(name) <= NAME_MAX
    return name


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _description(record: ReceivedRecord) -> str:
    m = record.manifest
    kinds = sorted({e.kind for e in m.entries})
    head = (
        f"Licensed work knowledge from {_one_line(m.licensor.name)} "
        f"(entries: {len(m.entries)}; {', '.join(kinds)}). "
    )
    tail = (
        f" Use when a task needs this know-how. Licensed to {_one_line(m.licensee.name)} until "
        f"{format_time(record.expires_at)[:10]} under Knowhold license {m.license_id}; "
        + ("AI use must be reviewed by a person; " if m.terms.human_review else "")
        + "follow LICENSE.txt."
    )
    topics = "Topics: "
    room = DESCRIPTION_MAX - len(head) - len(tail) - len(topics) - 1
    titles = [_one_line(e.title) for e in m.entries]
    listed = ""
    for title in titles:
        piece = title if not listed else "; " + title
        if len(listed) + len(piece) > room - 4:
            listed += "; …"
            break
        listed += piece
    text = head + topics + listed + "." + tail
    return text[:DESCRIPTION_MAX]


def _permissions(record: ReceivedRecord) -> tuple[str, str]:
    terms = record.manifest.terms
    allowed = ", ".join(p for p in PERMISSIONS if p in terms.allowed)
    denied = ", ".join(p for p in PERMISSIONS if p not in terms.allowed) or "none"
    return allowed, denied


def _metadata(record: ReceivedRecord, exported_at: int) -> dict[str, str]:
    m = record.manifest
    allowed, denied = _permissions(record)
    age = m.revocation.max_status_age
    return {
        MARKER: m.license_id,
        "licensor": m.licensor.name,
        "licensor-fingerprint": m.licensor.fingerprint,
        "licensee": m.licensee.name,
        "not-before": format_time(m.not_before),
        "expires-at": format_time(record.expires_at),
        "status-url": m.revocation.status_url or "none",
        "max-status-age": "none" if age is None else f"{age}s",
        "permissions": allowed,
        "denied": denied,
        "human-review": "required" if m.terms.human_review else "not required",
        "attribution": m.terms.attribution,
        "exported-at": format_time(exported_at),
    }


def _link_text(title: str) -> str:
    return re.sub(r"([\\\[\]])", r"\\\1", _one_line(title))


def _entry_files(entries: Sequence[LicensedEntry]) -> list[str]:
    # Entry ids are checked by the package reader; this is the last guard
    # before they become file names. An id Windows reads as a device ("con",
    # "nul", "com1") gets a leading "_": no id starts with one, so no clash.
    return [
        (f"_{e.id}.md" if reserved_on_windows(e.id) else f"{e.id}.md")
        if _ENTRY_FILE.match(e.id)
        else f"entry-{i + 1}.md"
        for i, e in enumerate(entries)
    ]


def _skill_md(
    record: ReceivedRecord, entries: Sequence[LicensedEntry], files: Sequence[str], now: int
) -> str:
    m = record.manifest
    front = {
        "name": skill_name(m.licensor.name, m.license_id),
        "description": _description(record),
        "license": f"Knowhold license {m.license_id}, see LICENSE.txt",
        "metadata": _metadata(record, now),
    }
    allowed, denied = _permissions(record)
    lines = [
        "---",
        yaml.safe_dump(
            front, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1 << 30
        ).rstrip("\n"),
        "---",
        "",
        f"# Know-how licensed by {_one_line(m.licensor.name)}",
        "",
        f"> {_one_line(entries[0].notice) if entries else ''}",
        "",
        "Use the references below when a task needs this knowledge. They are licensed, not owned:",
        "",
        f"- Allowed: {allowed}. Not allowed: {denied}.",
        "- AI use must be reviewed by a person before it is acted on."
        if m.terms.human_review
        else "- Human review of AI use: not required by the terms.",
        f"- Ends {format_time(record.expires_at)}, or earlier if revoked; then this folder is removed.",
    ]
    if m.terms.attribution:
        lines.append(f"- Attribution: {_one_line(m.terms.attribution)}")
    lines += ["- Full terms: [LICENSE.txt](LICENSE.txt)", "", "## References", ""]
    lines += [
        f"- [{_link_text(e.title)}](references/{f}) ({e.kind})" for e, f in zip(entries, files, strict=True)
    ]
    return "\n".join(lines) + "\n"


def _reference_md(entry: LicensedEntry, folder: str, names: Sequence[str]) -> str:
    text = f"> {_one_line(entry.notice)}\n\n# {_one_line(entry.title)}\n\n{entry.body.rstrip()}\n"
    if names:
        links = [
            f"- [{_link_text(f.name)}]({quote(folder)}/{quote(name)}) ({f.media_type})"
            for f, name in zip(entry.files, names, strict=True)
        ]
        text += "\n## Attachments\n\n" + "\n".join(links) + "\n"
    return text


def _file_names(files: Sequence[LicensedFile]) -> list[str]:
    """A safe file name for each carried file, its own where nothing could misread it."""
    names: list[str] = []
    seen: set[str] = set()
    for j, f in enumerate(files, start=1):
        name = unicodedata.normalize("NFC", f.name)
        if (
            reserved_on_windows(name)
            or _WINDOWS_REFUSES.search(name)
            or name.endswith((".", " "))
            or name.casefold() in seen
        ):
            suffix = _SUFFIX.search(name)
            name = f"file-{j}{suffix.group() if suffix else ''}"
        seen.add(name.casefold())
        names.append(name)
    return names


def _license_txt(record: ReceivedRecord) -> str:
    m = record.manifest
    allowed, denied = _permissions(record)
    c = m.terms.compensation
    fee = f"{c.amount} {c.currency}" + (f" per {c.period}" if c.period not in (None, "once") else "")
    lines = [
        f"Knowhold license {m.license_id}",
        "",
        f"Licensor: {m.licensor.name} (fingerprint {m.licensor.fingerprint})",
        f"Licensee: {m.licensee.name} (fingerprint {m.licensee.fingerprint})",
        f"Valid from {format_time(m.not_before)} until {format_time(record.expires_at)} (UTC),"
        " unless revoked.",
        f"Status document: {m.revocation.status_url or 'none named'}",
        f"Permissions allowed: {allowed}",
        f"Permissions denied: {denied}",
        "Human review of AI use: " + ("required" if m.terms.human_review else "not required"),
        f"Attribution: {m.terms.attribution or '(none)'}",
        "Compensation: "
        + (fee if c.amount is not None else "none stated")
        + (f". {c.note}" if c.note else ""),
        "",
        "Terms:",
        "",
        m.terms.text or "(no further text)",
    ]
    return "\n".join(lines).rstrip() + "\n"


def _write(path: Path, text: str | bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(text.encode("utf-8") if isinstance(text, str) else text)
        handle.flush()
        os.fsync(handle.fileno())


def read_marker(folder: Path) -> str | None:
    """The license id a skill folder was exported for, or None if it is not a Knowhold export."""
    skill = folder / "SKILL.md"
    try:
        if not stat.S_ISREG(os.lstat(skill).st_mode):
            return None
        with open(skill, "rb") as handle:
            head = handle.read(_FRONT_MATTER_MAX).decode("utf-8", errors="replace")
    except OSError:
        return None
    if not head.startswith("---\n"):
        return None
    end = head.find("\n---\n", 4)
    if end < 0:
        return None
    try:
        front = yaml.safe_load(head[4:end])
    except (yaml.YAMLError, ValueError, RecursionError):
        return None
    meta = front.get("metadata") if isinstance(front, dict) else None
    value = meta.get(MARKER) if isinstance(meta, dict) else None
    return value if isinstance(value, str) and _LICENSE_ID.match(value) else None


def export_skill(library: Library, license_id: str, out: Path) -> Path:
    """Write the license's entries as a skill folder under ``out``; returns the folder.

    Needs ``ai-retrieval`` (``NotPermitted`` otherwise) and a license that
    may be read now. Writing is all or nothing: the folder is built beside
    its place and renamed into it; a previous export of the same license is
    replaced, any other folder of that name is left alone.
    """
    record, entries = library.content(license_id, purpose="ai-retrieval")
    now = library.vault.db.now()
    name = skill_name(record.licensor.name, record.license_id)
    out = Path(out)
    target = out / name
    try:
        out.mkdir(parents=True, exist_ok=True)
        if target.is_symlink() or (target.exists() and read_marker(target) != record.license_id):
            raise ExportFailed(
                f"{target} already exists and is not this license's skill; nothing was written."
            )
        token = secrets.token_hex(6)
        staging = out / f".{name}.{token}.tmp"
        staging.mkdir(mode=0o700)
        try:
            files = _entry_files(entries)
            (staging / "references").mkdir(mode=0o700)
            for entry, file in zip(entries, files, strict=True):
                folder = f"{file.removesuffix('.md')}-files"
                names = _file_names(entry.files)
                _write(staging / "references" / file, _reference_md(entry, folder, names))
                if names:
                    (staging / "references" / folder).mkdir(mode=0o700)
                for carried, name in zip(entry.files, names, strict=True):
                    _write(staging / "references" / folder / name, carried.data)
            _write(staging / "LICENSE.txt", _license_txt(record))
            _write(staging / "SKILL.md", _skill_md(record, entries, files, now))
            fsync_dir(staging / "references")
            fsync_dir(staging)
            old = out / f".{name}.{token}.old"
            if target.exists():
                os.replace(target, old)
            os.replace(staging, target)
            fsync_dir(out)
        finally:
            for leftover in (staging, out / f".{name}.{token}.old"):
                if leftover.exists():
                    shutil.rmtree(leftover, ignore_errors=True)
    except OSError as exc:
        raise ExportFailed(f"Could not write the skill to {target}: {exc.strerror or exc}.") from exc
    AuditLog(library.vault.db).append(
        "exported", record.license_id, path=str(target), entries=[e.id for e in entries], skill=name
    )
    return target


def _skill_folders(folder: Path, depth: int) -> Iterator[Path]:
    """Folders holding a SKILL.md, not following links, at most ``depth`` levels down."""
    try:
        children = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for child in children:
        if not child.is_dir(follow_symlinks=False):
            continue
        path = Path(child.path)
        if (path / "SKILL.md").exists():
            yield path
        elif depth > 1:
            yield from _skill_folders(path, depth - 1)


def prune_skills(library: Library, folder: Path) -> list[Path]:
    """Remove every exported skill folder under ``folder`` whose license may not be used now.

    That is: ended, revoked, destroyed, or locked for stale status. Folders
    without the Knowhold marker, and exports of licenses this vault does not
    hold, are left alone. Returns the folders removed.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise ExportFailed(f"No folder at {folder}.")
    records = {r.license_id: r for r in library.licenses()}
    removed: list[Path] = []
    for path in _skill_folders(folder, PRUNE_DEPTH):
        license_id = read_marker(path)
        record = records.get(license_id) if license_id else None
        if record is None or record.status not in PRUNABLE:
            continue
        try:
            shutil.rmtree(path)
        except OSError as exc:
            raise ExportFailed(f"Could not remove {path}: {exc.strerror or exc}.") from exc
        removed.append(path)
    with contextlib.suppress(OSError):
        fsync_dir(folder)
    return removed
