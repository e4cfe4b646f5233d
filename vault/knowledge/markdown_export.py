"""Markdown export: every live entry written out as a plain Markdown folder.

Export is the one sanctioned plaintext output; import reads back exactly
what it writes (``vault.markdown_import``; what both share is
``vault.porting``; one file's text is ``vault.notes``).

Exporting (``export_markdown``): an imported note goes back where import
found it, with its file name (a ``.txt`` note as ``.md``, since it now has
front matter) and the other tools' front matter keys after the vault's own,
so export, import and export again write the same bytes. Every other entry,
a remembered place that is odd (hidden, unsafe on Windows), taken by the
user's file or by an earlier entry, and every entry with ``by_kind``, goes
in one folder per kind, its file name made from its title and safe on
Windows, macOS and Linux. Each file is written atomically.
An entry's attachments are written where its text points, so the links work
in Obsidian or any Markdown viewer and import finds them again: a Markdown
link's path counts from the note's file (``img/a.png`` beside it,
``../assets/a.png`` at the top); a file named only by name (``![[a.png]]``,
which Obsidian looks up anywhere) or not named at all goes to
``attachments/``. A place already taken by other bytes (two entries' own
``img/a.png``) or by the user's file sends the file to
``attachments/<entry id>/`` instead, where it is kept though a link by path
does not reach it. A file used by several entries is written once per place.
The target must be empty or an earlier Knowhold export (it holds the
``.knowhold-export`` marker, which lists each file written and its SHA-256),
so a user's own folder is never overwritten. Inside an earlier export, a
file is Knowhold's only while it is exactly as Knowhold wrote it; any other
file (added, or edited by hand) is the user's and is never overwritten or
deleted: an entry whose file name it holds gets its id appended instead.
Knowhold's files of entries that are gone are deleted, so re-importing the
folder does not bring trashed entries back. A symbolic link inside the
target (a kind folder, a file, the marker, any folder on the way to a file
the marker lists) is refused before anything is written, and checked again
before each write, as import refuses to follow them.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import stat
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

from knowhold.vault.errors import Cancelled, ExportFailed
from knowhold.vault.knowledge.attachments import MAX_ATTACHMENT, Attachment
from knowhold.vault.knowledge.entries import EntrySummary
from knowhold.vault.knowledge.filerefs import file_refs
from knowhold.vault.knowledge.notes import format_markdown
from knowhold.vault.knowledge.porting import (
    MARKDOWN_SUFFIXES,
    MAX_FILE_BYTES,
    NOTE_SUFFIXES,
    TEXT_SUFFIXES,
    ExportSummary,
    nfc,
)
from knowhold.vault.progress import Progress
from knowhold.vault.store.fsutil import atomic_write, make_private_dir, read_limited
from knowhold.vault.store.schema import KINDS
from knowhold.vault.store.storage import Vault
from knowhold.vault.text import reserved_on_windows

EXPORT_MARKER = ".knowhold-export"
MAX_NAME_BYTES = 120  # well under the 255-byte limit of common file systems
ATTACHMENTS_FOLDER = "attachments"

_MARKER_HEADER = "knowhold-export 1"
_MARKER_MAX_BYTES = 16 * 1024 * 1024
_UNSAFE_CHARS = frozenset('/\\:*?"<>|')


def safe_file_stem(title: str) -> str:
    """A file name stem from ``title`` that Windows, macOS and Linux all accept.

    Keeps letters of every script; turns path separators, Windows' reserved
    characters and control/format characters into spaces; drops leading and
    trailing dots and spaces (a leading dot would hide the file); avoids
    Windows device names; limits the length in UTF-8 bytes.
    """
    chars = (
        " " if ch in _UNSAFE_CHARS or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch
        for ch in unicodedata.normalize("NFC", title)
    )
    name = " ".join("".join(chars).split()).strip(" .")
    encoded = name.encode("utf-8")[:MAX_NAME_BYTES]
    name = encoded.decode("utf-8", errors="ignore").rstrip(" .")
    if not name:
        return "untitled"
    if reserved_on_windows(name):
        name = "_" + name
    return name


def _export_names(
    entries: Sequence[EntrySummary], taken: set[str], remembered: dict[str, str] | None = None
) -> dict[str, str]:
    """Entry id -> relative path; a clash (ignoring case) gets the id appended.

    ``taken`` holds case-folded relative paths of the user's files.
    ``remembered`` (entry id -> the path import found it at, free and valid)
    puts those entries back there; every other entry goes in its kind's folder.
    """
    names: dict[str, str] = {}
    used = set(taken)
    remembered = remembered or {}
    for item in entries:
        rel = remembered.get(item.id)
        if rel is not None and rel.casefold() not in used:  # two folders' README.md: the first keeps it
            used.add(rel.casefold())
            names[item.id] = rel
    for item in entries:
        if item.id in names:
            continue
        stem = safe_file_stem(item.title)
        options = [f"{item.kind}/{stem}.md", f"{item.kind}/{stem} ({item.id}).md"]
        # Only a title that embeds another entry's id can clash twice; ids never clash.
        options += [f"{item.kind}/{item.id}-{n}.md" for n in range(1, len(entries) + 2)]
        rel = next(o for o in options if o.casefold() not in used)
        used.add(rel.casefold())
        names[item.id] = rel
    return names


def _remembered_place(path: str) -> str | None:
    """Where export may put back a note import found at ``path``: the same, as Markdown; None if odd.

    A ``.txt`` note comes back as ``.md``, since export writes front matter.
    """
    rel = PurePosixPath(path)
    if rel.suffix.lower() in TEXT_SUFFIXES:
        rel = rel.with_suffix(".md")
    place = rel.as_posix()
    return place if _valid_note_path(place) else None


def _valid_note_path(rel: str) -> bool:
    """Whether export may write a note at ``rel``: a Markdown file inside the folder, no odd name."""
    path = PurePosixPath(rel)
    return (
        bool(rel)
        and not path.is_absolute()
        and path.suffix.lower() in MARKDOWN_SUFFIXES
        and _safe_parts(path)
    )


def _safe_parts(path: PurePosixPath) -> bool:
    return all(
        p not in ("", ".", "..")
        and not p.startswith(".")
        and not _UNSAFE_CHARS.intersection(p)
        and not reserved_on_windows(p)
        and safe_file_stem(p) == p
        for p in path.parts
    )


def _valid_export_path(rel: str) -> bool:
    path = PurePosixPath(rel)
    return (
        (
            not path.is_absolute()
            and len(path.parts) == 2
            and path.parts[0] in KINDS
            and not any(p in ("", ".", "..") or p.startswith(".") or "\\" in p for p in path.parts)
            and path.suffix == ".md"
        )
        or _valid_attachment_path(rel)
        or _valid_note_path(rel)
    )


def _valid_attachment_path(rel: str) -> bool:
    """Whether export may write an attachment at ``rel``: inside the folder, never a note, hidden or odd."""
    path = PurePosixPath(rel)
    return (
        bool(rel)
        and not path.is_absolute()
        and rel not in (*KINDS, ATTACHMENTS_FOLDER)  # the folders export writes into
        and path.suffix.lower() not in NOTE_SUFFIXES
        and _safe_parts(path)
    )


def _read_marker(out: Path) -> dict[str, str]:
    """Files an earlier export wrote (relative path -> SHA-256); ``{}`` if unreadable."""
    try:
        text = read_limited(out / EXPORT_MARKER, _MARKER_MAX_BYTES).decode("utf-8")
    except (OSError, ValueError):
        return {}
    lines = text.split("\n")
    if lines[0] != _MARKER_HEADER:
        return {}
    listed: dict[str, str] = {}
    for line in lines[1:]:
        digest, _, rel = line.partition(" ")
        if len(digest) == 64 and _valid_export_path(rel):
            listed[rel] = digest
    return listed


def _write_marker(out: Path, listed: dict[str, str]) -> None:
    lines = [_MARKER_HEADER, *(f"{digest} {rel}" for rel, digest in sorted(listed.items()))]
    atomic_write(out / EXPORT_MARKER, ("\n".join(lines) + "\n").encode("utf-8"))


def _refuse_link(path: Path) -> None:
    """Refuse a symlink where export would write (``lstat``: the link itself, never its target).

    A link planted in an earlier export (a kind folder, a file name, the
    marker) would otherwise send Knowhold's writes, or its chmod of a kind
    folder, to a place the user never chose. The chosen folder itself may
    be a link: the user picked it.
    """
    try:
        is_link = stat.S_ISLNK(os.lstat(path).st_mode)
    except FileNotFoundError:
        return
    if is_link:
        raise ExportFailed(
            f"{path} is a symbolic link; export does not write through links. Nothing was written."
        )


def _refuse_links(out: Path) -> None:
    """Every place inside ``out`` that export may write or read back: no links."""
    _refuse_link(out / EXPORT_MARKER)
    for kind in KINDS:
        folder = out / kind
        _refuse_link(folder)
        if folder.is_dir():
            for child in folder.iterdir():
                _refuse_link(child)


def _check_target(out: Path) -> dict[str, str]:
    if out.exists() and not out.is_dir():
        raise ExportFailed(f"{out} is a file; choose a folder for the export.")
    if not out.exists() or not any(out.iterdir()):
        return {}
    _refuse_links(out)
    if not (out / EXPORT_MARKER).is_file():
        raise ExportFailed(
            f"The folder {out} is not empty and was not made by a Knowhold export; "
            "choose an empty folder so none of your files are overwritten."
        )
    listed = _read_marker(out)
    _refuse_links_on_the_way(out, listed)  # deleting a stale file must not go through a link
    return listed


def _refuse_links_on_the_way(out: Path, paths: Iterable[str]) -> None:
    """No link at any of ``paths`` (relative to ``out``) nor at any folder on the way to one."""
    for rel in paths:
        parts = PurePosixPath(rel).parts
        for depth in range(1, len(parts) + 1):
            _refuse_link(out.joinpath(*parts[:depth]))


def _digest_of(path: Path) -> str | None:
    if path.is_symlink() or not path.is_file():
        return None
    try:
        return hashlib.sha256(read_limited(path, max(2 * MAX_FILE_BYTES, MAX_ATTACHMENT))).hexdigest()
    except (OSError, ValueError):
        return None


def _still_ours(out: Path, listed: dict[str, str]) -> dict[str, str]:
    """The listed files that are still exactly as Knowhold wrote them."""
    return {rel: digest for rel, digest in listed.items() if _digest_of(out / rel) == digest}


def _users_files(out: Path, ours: dict[str, str]) -> set[str]:
    """Case-folded relative paths of every other file in the kind folders."""
    taken: set[str] = set()
    for kind in KINDS:
        if (out / kind).is_dir():
            for child in (out / kind).iterdir():
                # NFC: macOS may hand back decomposed names for the same file.
                rel = nfc(f"{kind}/{child.name}")
                if rel not in ours:
                    taken.add(rel.casefold())
    return taken


def _remove_stale(out: Path, ours: dict[str, str], written: dict[str, str]) -> int:
    """Delete Knowhold's files of entries no longer exported, if still unchanged."""
    current = {rel.casefold() for rel in written}
    removed = 0
    for rel, digest in ours.items():
        path = out / rel
        if rel.casefold() in current or _digest_of(path) != digest:
            continue
        try:
            path.unlink()
        except OSError:
            continue
        removed += 1
        folder = path.parent
        while folder != out:  # only succeeds once the folder is empty
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent
    return removed


def _write_inside(out: Path, rel: str, data: bytes) -> None:
    """Write ``out / rel``, refusing a link at every step; its folders are made private."""
    parts = PurePosixPath(rel).parts
    for depth in range(1, len(parts)):
        folder = out.joinpath(*parts[:depth])
        _refuse_link(folder)
        make_private_dir(folder)
    _refuse_link(out / rel)
    atomic_write(out / rel, data)


class _Placing:
    """Where each entry's attachments are written (see the module docstring), and what is there."""

    def __init__(self, out: Path, ours: dict[str, str]) -> None:
        self._out = out
        self._ours = ours
        self._placed: dict[str, str] = {}  # case-folded path -> SHA-256 written there

    def _free(self, rel: str, digest: str) -> bool:
        key = rel.casefold()
        if key in self._placed:
            return self._placed[key] == digest
        return rel in self._ours or not (self._out / rel).exists()  # else the user's own file

    def places(self, entry_id: str, note: str, body: str, files: list[Attachment]) -> list[tuple[str, str]]:
        """``(path, SHA-256)`` of each file still to write for the entry."""
        pointed: dict[str, str] = {}
        for ref in file_refs(body):
            rel = posixpath.normpath(posixpath.join(posixpath.dirname(note), nfc(ref.target)))
            if not ref.wiki and _valid_attachment_path(rel):
                pointed.setdefault(nfc(ref.name), rel)
        todo: list[tuple[str, str]] = []
        for item in files:
            name = safe_file_stem(item.name)
            options = [
                pointed.get(item.name, f"{ATTACHMENTS_FOLDER}/{name}"),
                f"{ATTACHMENTS_FOLDER}/{entry_id}/{name}",
            ]
            free = (o for o in options if _valid_attachment_path(o) and self._free(o, item.sha256))
            place = next(free, None)
            if place is None or place.casefold() in self._placed:
                continue  # written already, or only the user's files stand there
            self._placed[place.casefold()] = item.sha256
            todo.append((place, item.sha256))
        return todo


def _remembered(vault: Vault, out: Path, ours: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """``(entry id -> place to write it back, entry id -> its unused front matter)`` from the imports.

    A place holding the user's own file (not one Knowhold wrote) is not offered.
    """
    places: dict[str, str] = {}
    kept: dict[str, str] = {}
    for entry_id, (path, front_matter) in vault.entries.import_records().items():
        if front_matter is not None:
            kept[entry_id] = front_matter
        place = None if path is None else _remembered_place(path)
        if place is not None and (place in ours or not os.path.lexists(out / place)):
            places[entry_id] = place
    return places, kept


def export_markdown(
    vault: Vault, out: Path, progress: Progress | None = None, *, by_kind: bool = False
) -> ExportSummary:
    """Write every live entry to ``out`` as Markdown; see the module docstring.

    ``by_kind`` puts every note in its kind's folder instead of where it was imported from.

    Raises ``ExportFailed`` if ``out`` is a foreign non-empty folder or
    cannot be written. A progress callback raising ``Cancelled`` stops the
    export between files; what was written stays and is listed in the
    marker, so exporting again into the folder is allowed.
    """
    out = Path(out)
    summaries, _ = vault.entries.page()
    ordered = sorted(summaries, key=lambda s: (s.kind, s.created_at, s.id))
    written: dict[str, str] = {}
    notes = 0
    with_files = vault.attachments.entries_with_files()
    cancelled = False
    removed = 0
    try:
        ours = _still_ours(out, _check_target(out))
        placing = _Placing(out, ours)
        places, kept = _remembered(vault, out, ours)
        names = _export_names(ordered, _users_files(out, ours), None if by_kind else places)
        _refuse_links_on_the_way(out, names.values())  # a remembered folder too, before anything is written
        make_private_dir(out)
        _write_marker(out, ours)  # marks the folder as an export before any entry lands
        try:
            for done, summary in enumerate(ordered):
                rel = names[summary.id]
                if progress is not None:
                    progress(done, len(ordered), rel)
                entry = vault.entries.get(summary.id)
                data = format_markdown(entry, kept.get(entry.id), PurePosixPath(rel).stem).encode("utf-8")
                # Again just before writing: a link made since the check is refused too.
                _write_inside(out, rel, data)
                written[rel] = hashlib.sha256(data).hexdigest()
                notes += 1
                if entry.id in with_files:
                    files = vault.attachments.list(entry.id)
                    for place, digest in placing.places(entry.id, rel, entry.body, files):
                        _write_inside(out, place, vault.attachments.data_by_hash(digest))
                        written[place] = digest
            if progress is not None:
                progress(len(ordered), len(ordered), "")
        except Cancelled:
            cancelled = True
        if cancelled:
            _write_marker(out, {**ours, **written})
        else:
            removed = _remove_stale(out, ours, written)
            _write_marker(out, written)
    except OSError as exc:
        raise ExportFailed(f"The export to {out} could not be written: {exc.strerror or exc}.") from exc
    return ExportSummary(notes, removed, out, cancelled, len(written) - notes)


__all__ = ["EXPORT_MARKER", "export_markdown", "safe_file_stem"]
