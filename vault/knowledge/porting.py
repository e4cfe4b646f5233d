"""Markdown import and export: the user's way into the vault and out of it.

Import takes Markdown files, or folders of them such as an Obsidian vault,
and turns each file into an entry. Export writes every live entry back out
as a plain Markdown folder with YAML front matter that import reads back
exactly. Export is the one sanctioned plaintext output: it exists so the
user's knowledge is never held hostage by Knowhold.

Reading and writing one file is ``vault.notes`` (pure, fuzzable).

Importing (``import_markdown``):

* Hidden files and folders (``.obsidian``, ``.git``, ``.trash``) are
  ignored. Symlinked folders are never followed (no escaping the chosen
  folder, no loops); a symlinked file is read only if it points inside the
  folder. Only regular files are opened (a FIFO would block forever).
* Notes are ``.md``, ``.markdown`` and ``.txt`` files; a ``.txt`` file is
  plain text (title from its file name, no front matter, no tags;
  ``notes.parse_plain_text``).
* Any other file in a chosen folder is an attachment of each note that
  refers to it (``vault.filerefs``): ``![[image.png]]`` names a file
  anywhere in the folder, the shortest path winning as in Obsidian (a path
  written there counts from the folder's top or matches its end);
  ``![](img/photo.png)`` and ``[doc](files/spec.pdf)`` count from the note,
  falling back to the name when no folder is written (Obsidian's shortest
  links). The note's text stays as written, so export can write the files
  back where it points. A file that no note refers to is skipped as not a
  note, and so is any file named on its own; notes named on their own
  attach nothing, since only a chosen folder bounds what may be read.
  Attachments follow the rules of notes (no links out of the folder,
  regular files only) with their own limit (``MAX_ATTACHMENT``); a note's
  two different files of one name attach the first, and the other is
  skipped. Re-importing replaces an attachment of the same name and never
  removes one (it may have been added in Knowhold).
* Files over 4 MiB, unreadable files, binary files (NUL bytes: an image
  renamed ``.md``), text whose encoding cannot be told for sure or that is in
  a single-byte code page, and files whose front matter is invalid are
  skipped with a reason; so are notes
  whose title, tags, body or origin hold characters ``vault.text`` refuses (an
  escape sequence that would steer a terminal, a zero-width space). UTF-8 is
  read first; GB18030/GBK, Big5, Shift-JIS, EUC-JP and EUC-KR are detected
  by a library and taken only when no other reading comes close (the rule,
  and why it refuses rather than guesses, is ``notes.decode_text``'s); the
  summary lists the files read from such an encoding, and which.
* Each file is remembered by a stable ``source`` key, ``md:`` + folder name
  + ``/`` + relative POSIX path, and by the SHA-256 of its bytes (in the
  vault's ``meta`` table). Re-importing an unchanged file does nothing, even
  if its entry was edited in Knowhold since, so re-imports never undo the
  user's edits; a changed file becomes a new version of its entry (the
  previous one stays in the history), never a duplicate.
* A note is the same note wherever it now stands: one carrying the id of
  an entry (every export writes ``id:``) is that entry; else one whose
  title and body equal a live entry's is that entry. So importing a copy of
  a folder adds nothing, and a renamed or moved file is not kept twice.
* Each entry remembers where its file stood in the folder chosen (a file
  named on its own: its name) and the front matter keys the vault does not
  use (schema v7; ``ParsedNote.front_matter``), for export to put back.
* Each file is its own transaction. A progress callback may raise
  ``Cancelled``: the import then stops between files, what was imported so
  far stays, and the summary says ``cancelled``.

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
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path, PurePosixPath

from knowhold.vault.errors import Cancelled, ExportFailed, ImportFailed, InvalidValue, UnsafeText
from knowhold.vault.knowledge.attachments import MAX_ATTACHMENT, Attachment
from knowhold.vault.knowledge.entries import Entry, EntrySummary
from knowhold.vault.knowledge.filerefs import FileRef, file_refs, mentioned_names
from knowhold.vault.knowledge.notes import (
    Undecodable,
    decode_text,
    format_markdown,
    parse_markdown,
    parse_plain_text,
)
from knowhold.vault.progress import Progress
from knowhold.vault.store.fsutil import atomic_write, make_private_dir, read_limited
from knowhold.vault.store.schema import KINDS
from knowhold.vault.store.storage import Vault
from knowhold.vault.text import reserved_on_windows

MAX_FILE_BYTES = 4 * 1024 * 1024
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TEXT_SUFFIXES = frozenset({".txt"})
EXPORT_MARKER = ".knowhold-export"
SOURCE_PREFIX = "md:"
MAX_NAME_BYTES = 120  # well under the 255-byte limit of common file systems
ATTACHMENTS_FOLDER = "attachments"

_MARKER_HEADER = "knowhold-export 1"
_MARKER_MAX_BYTES = 16 * 1024 * 1024
_HASH_META = "import-sha256:"


class SkipReason(StrEnum):
    """Why a file was not imported; the UI maps each to a translated sentence."""

    NOT_MARKDOWN = "not a Markdown file"
    NOT_REGULAR = "not a regular file"
    LINKED_FOLDER = "linked folder, not followed"
    LINK_OUTSIDE = "link to a file outside the folder"
    UNREADABLE = "cannot be read"
    TOO_LARGE = "larger than 4 MiB"
    NOT_TEXT = "not UTF-8 or UTF-16 text"
    UNSURE_ENCODING = "text whose encoding cannot be told for sure"
    CODE_PAGE = "text in a single-byte code page such as Windows-1252 or Latin-1"
    BAD_FRONT_MATTER = "invalid front matter"
    REFUSED = "title, tags or text refused by the vault"
    DUPLICATE_ID = "same Knowhold id as another file"
    IN_TRASH = "its entry is in the trash"
    CONTROL_CHARACTERS = "title, tags or text contain control or invisible characters"
    ATTACHMENT_TOO_LARGE = "an attachment larger than 25 MiB"
    NAME_TAKEN = "another file of the same name is attached to the note"


@dataclass(frozen=True, slots=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int
    skipped: tuple[tuple[str, SkipReason], ...]
    cancelled: bool
    converted: tuple[tuple[str, str], ...] = ()  # (file, encoding) of files not in UTF-8 or UTF-16
    attached: tuple[str, ...] = ()  # files stored as attachments, each once however many notes use it


@dataclass(frozen=True, slots=True)
class ExportSummary:
    written: int
    removed: int
    folder: Path
    cancelled: bool
    attachments: int = 0  # files written beside the notes


# -- import --------------------------------------------------------------------


@dataclass(eq=False, slots=True)
class _Folder:
    """A chosen folder's files that are not notes: what its notes may attach."""

    root: Path
    prefix: str  # the folder's name, which starts every display path
    files: dict[str, Path] = field(default_factory=dict)  # relative POSIX path (NFC) -> file
    by_name: dict[str, list[str]] = field(default_factory=dict)  # file name -> paths, shortest first

    def index(self) -> None:
        for rel in self.files:
            self.by_name.setdefault(PurePosixPath(rel).name, []).append(rel)
        for paths in self.by_name.values():
            paths.sort(key=lambda rel: (rel.count("/"), len(rel), rel))

    def resolve(self, ref: FileRef, note: str) -> str | None:
        """The file ``ref`` in the note at relative path ``note`` names, or None."""
        target = _nfc(ref.target)
        if not ref.wiki:
            rel = posixpath.normpath(posixpath.join(posixpath.dirname(note), target))
            if rel in self.files:
                return rel
            if "/" in target:
                return None
        target = target.strip("/")
        if target in self.files:
            return target
        options = self.by_name.get(PurePosixPath(target).name, [])
        return next((rel for rel in options if rel == target or rel.endswith("/" + target)), None)


@dataclass(frozen=True, slots=True)
class _Candidate:
    path: Path
    root: Path | None  # a symlinked file must resolve inside this; None for named files
    display: str  # folder name + "/" + relative POSIX path
    stem: str
    folder: _Folder | None = None  # where its attachments are found; None for named files

    @property
    def source(self) -> str:
        return SOURCE_PREFIX + self.display

    @property
    def relative(self) -> str:
        """Where the note stands in the folder chosen (a named file: its name), as export recreates it."""
        return self.display.removeprefix(self.folder.prefix + "/") if self.folder else _nfc(self.path.name)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _is_note(name: str) -> bool:
    return Path(name).suffix.lower() in MARKDOWN_SUFFIXES | TEXT_SUFFIXES


def _plan(paths: Sequence[Path]) -> tuple[list[_Candidate], list[tuple[str, SkipReason]], list[_Folder]]:
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise ImportFailed(f"Nothing to import at {missing[0]}: no such file or folder.")
    files: list[_Candidate] = []
    skipped: list[tuple[str, SkipReason]] = []
    folders: list[_Folder] = []
    seen: set[Path] = set()

    def add(candidate: _Candidate) -> None:
        key = candidate.path.resolve()
        if key not in seen:
            seen.add(key)
            files.append(candidate)

    for given in paths:
        if not Path(given).is_dir():
            path = Path(os.path.abspath(given))  # a named link is the user's choice: keep its name
            display = _nfc(f"{path.parent.name}/{path.name}")
            if _is_note(path.name):
                add(_Candidate(path, None, display, _nfc(path.stem)))
            else:
                skipped.append((display, SkipReason.NOT_MARKDOWN))
            continue
        path = Path(given).resolve()
        prefix = _nfc(path.name)
        folder_files = _Folder(path, prefix)
        folders.append(folder_files)

        def unreadable(exc: OSError, prefix: str = prefix, root: Path = path) -> None:
            where = os.path.relpath(exc.filename or root, root).replace(os.sep, "/")
            skipped.append((_nfc(f"{prefix}/{where}"), SkipReason.UNREADABLE))

        for folder, dirnames, filenames in os.walk(path, onerror=unreadable):
            here = Path(folder)
            kept = []
            for name in sorted(dirnames):
                if name.startswith("."):
                    continue
                if (here / name).is_symlink():
                    rel = (here / name).relative_to(path).as_posix()
                    skipped.append((_nfc(f"{prefix}/{rel}"), SkipReason.LINKED_FOLDER))
                    continue
                kept.append(name)
            dirnames[:] = kept
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                full = here / name
                rel = _nfc(full.relative_to(path).as_posix())
                if _is_note(name):
                    add(_Candidate(full, path, f"{prefix}/{rel}", _nfc(full.stem), folder_files))
                else:
                    folder_files.files[rel] = full
        folder_files.index()
    return files, skipped, folders


def _read(
    path: Path,
    root: Path | None,
    limit: int = MAX_FILE_BYTES,
    too_large: SkipReason = SkipReason.TOO_LARGE,
) -> bytes | SkipReason:
    try:
        outside = root is not None and not path.resolve().is_relative_to(root)
        if path.is_symlink() and outside:
            return SkipReason.LINK_OUTSIDE
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return SkipReason.NOT_REGULAR
        if info.st_size > limit:
            return too_large
        return read_limited(path, limit)
    except ValueError:
        return too_large
    except OSError:
        return SkipReason.UNREADABLE


_UNDECODABLE = {
    Undecodable.BINARY: SkipReason.NOT_TEXT,
    Undecodable.UNSURE: SkipReason.UNSURE_ENCODING,
    Undecodable.CODE_PAGE: SkipReason.CODE_PAGE,
}


class _Attaching:
    """What became of each file a note referred to: ``None`` once attached, else why it was not.

    A file attached to any note is attached; a reason is kept only for a file no note could attach.
    """

    def __init__(self) -> None:
        self.outcomes: dict[tuple[_Folder, str], SkipReason | None] = {}

    def attach(self, vault: Vault, entry_id: str, body: str, candidate: _Candidate) -> None:
        """Store the files ``body`` refers to as the entry's attachments, in the note's transaction."""
        folder = candidate.folder
        if folder is None or folder.by_name.keys().isdisjoint(mentioned_names(body)):
            return
        note = candidate.display.removeprefix(folder.prefix + "/")
        held: dict[str, str] = {}  # attachment name -> the file it holds
        for ref in file_refs(body):
            rel = folder.resolve(ref, note)
            if rel is None:
                continue
            key, name = (folder, rel), PurePosixPath(rel).name
            if name in held:
                if held[name] != rel:
                    self.outcomes.setdefault(key, SkipReason.NAME_TAKEN)
                continue
            held[name] = rel
            data = _read(folder.files[rel], folder.root, MAX_ATTACHMENT, SkipReason.ATTACHMENT_TOO_LARGE)
            if isinstance(data, SkipReason):
                self.outcomes.setdefault(key, data)
                continue
            try:
                vault.attachments.add(entry_id, name, data)
            except UnsafeText:
                self.outcomes.setdefault(key, SkipReason.CONTROL_CHARACTERS)
            except InvalidValue:
                self.outcomes.setdefault(key, SkipReason.REFUSED)
            else:
                self.outcomes[key] = None

    def summary(self, folders: Sequence[_Folder]) -> tuple[list[str], list[tuple[str, SkipReason]]]:
        """The files attached, and every other file with why it was not."""
        attached: list[str] = []
        skipped: list[tuple[str, SkipReason]] = []
        for folder in folders:
            for rel in folder.files:
                outcome = self.outcomes.get((folder, rel), SkipReason.NOT_MARKDOWN)
                display = f"{folder.prefix}/{rel}"
                if outcome is None:
                    attached.append(display)
                else:
                    skipped.append((display, outcome))
        return attached, skipped


def _content_key(title: str, body: str) -> str:
    return hashlib.sha256(f"{title}\0{body}".encode()).hexdigest()


def _import_one(
    vault: Vault, candidate: _Candidate, seen_ids: set[str], contents: dict[str, str], attaching: _Attaching
) -> tuple[str, str] | SkipReason:
    """``(outcome, encoding read)`` or why the file was skipped.

    ``contents`` maps ``_content_key`` of every live entry to its id, kept up to date.
    """
    data = _read(candidate.path, candidate.root)
    if isinstance(data, SkipReason):
        return data
    decoded = decode_text(data)
    if isinstance(decoded, Undecodable):
        return _UNDECODABLE[decoded]
    try:
        if candidate.path.suffix.lower() in TEXT_SUFFIXES:
            note = parse_plain_text(decoded.text, candidate.stem)
        else:
            note = parse_markdown(decoded.text, candidate.stem)
    except UnsafeText:
        return SkipReason.CONTROL_CHARACTERS
    except InvalidValue:
        return SkipReason.BAD_FRONT_MATTER
    entries, db = vault.entries, vault.db
    existing: Entry | None = None
    if note.entry_id is not None:
        if note.entry_id in seen_ids:
            return SkipReason.DUPLICATE_ID
        seen_ids.add(note.entry_id)
        existing = entries.get(note.entry_id) if entries.exists(note.entry_id) else None
    else:
        existing = entries.by_source(candidate.source)
    content = _content_key(note.title, note.body)
    # A copied, moved or renamed note: the same one, taken as it is in the vault (its tags may
    # have been edited in Knowhold since), as an unchanged file is.
    same_text = existing is None and content in contents
    if same_text:
        existing = entries.get(contents[content])
    digest = hashlib.sha256(data).hexdigest()
    hash_key = _HASH_META + candidate.source
    try:
        with db.transaction():
            if existing is None:
                source_free = entries.by_source(candidate.source) is None
                added = entries.add(
                    note.kind,
                    note.title,
                    note.body,
                    note.tags,
                    note.private,
                    origin=note.origin,
                    entry_id=note.entry_id,
                    created_at=note.created_at,
                    updated_at=note.updated_at,
                    source=candidate.source if source_free else None,
                )
                db.set_meta(hash_key, digest)
                entries.record_import(added.id, candidate.relative, note.front_matter)
                contents[content] = added.id
                attaching.attach(vault, added.id, note.body, candidate)
                return "created", decoded.encoding
            if same_text or db.get_meta(hash_key) == digest:
                if same_text:
                    db.set_meta(hash_key, digest)
                if not existing.in_trash:  # the files may have changed although the note did not
                    entries.record_import(existing.id, candidate.relative, note.front_matter)
                    attaching.attach(vault, existing.id, note.body, candidate)
                return "unchanged", decoded.encoding  # keeps any edit made in Knowhold since the last import
            if existing.in_trash:
                return SkipReason.IN_TRASH
            saved = entries.update(
                existing.id,
                kind=note.kind,
                title=note.title,
                body=note.body,
                tags=note.tags,
                private=note.private,
                origin=note.origin,
                updated_at=note.updated_at,
            )
            db.set_meta(hash_key, digest)
            entries.record_import(saved.id, candidate.relative, note.front_matter)
            contents[content] = saved.id
            attaching.attach(vault, saved.id, note.body, candidate)
            return ("unchanged" if saved.version == existing.version else "updated"), decoded.encoding
    except UnsafeText:
        return SkipReason.CONTROL_CHARACTERS
    except InvalidValue:
        return SkipReason.REFUSED


def import_markdown(vault: Vault, paths: Sequence[Path], progress: Progress | None = None) -> ImportSummary:
    """Import Markdown files and folders; see the module docstring for the rules.

    Raises ``ImportFailed`` (before importing anything) if a path does not
    exist. A progress callback raising ``Cancelled`` stops the import between
    files; the summary then has ``cancelled`` set.
    """
    files, skipped, folders = _plan(paths)
    attaching = _Attaching()
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    seen_ids: set[str] = set()
    contents = {_content_key(title, body): entry_id for entry_id, title, body in vault.entries.live_texts()}
    converted: list[tuple[str, str]] = []
    cancelled = False
    try:
        for done, candidate in enumerate(files):
            if progress is not None:
                progress(done, len(files), candidate.display)
            outcome = _import_one(vault, candidate, seen_ids, contents, attaching)
            if isinstance(outcome, SkipReason):
                skipped.append((candidate.display, outcome))
            else:
                done_as, encoding = outcome
                counts[done_as] += 1
                if encoding not in ("utf-8", "utf-16"):
                    converted.append((candidate.display, encoding))
        if progress is not None:
            progress(len(files), len(files), "")
    except Cancelled:
        cancelled = True
    attached, others = attaching.summary(folders)
    return ImportSummary(
        counts["created"],
        counts["updated"],
        counts["unchanged"],
        tuple(skipped + others),
        cancelled,
        tuple(converted),
        tuple(attached),
    )


# -- export --------------------------------------------------------------------

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
        and path.suffix.lower() not in MARKDOWN_SUFFIXES | TEXT_SUFFIXES
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
                rel = _nfc(f"{kind}/{child.name}")
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
            rel = posixpath.normpath(posixpath.join(posixpath.dirname(note), _nfc(ref.target)))
            if not ref.wiki and _valid_attachment_path(rel):
                pointed.setdefault(_nfc(ref.name), rel)
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
                data = format_markdown(entry, kept.get(entry.id)).encode("utf-8")
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


__all__ = [
    "EXPORT_MARKER",
    "ExportSummary",
    "ImportSummary",
    "Progress",
    "SkipReason",
    "export_markdown",
    "import_markdown",
    "safe_file_stem",
]
