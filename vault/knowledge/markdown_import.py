"""Markdown import: files, or folders of them such as an Obsidian vault, become entries.

Reading one file is ``vault.notes``; export, which writes what import reads
back, is ``vault.markdown_export``. Importing (``import_markdown``):

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
  a folder adds nothing, and a moved file is not kept twice. A renamed file
  has a new title (titles come from file names), so failing those, a note
  whose body is not blank and equals the body of exactly one entry imported
  from a folder of the same name whose file is not among those imported now
  (its file is gone) is that entry renamed: only its title changes. Each entry is matched by one file
  of an import at most, so two files with one text stay two entries.
* Each entry remembers where its file stood in the folder chosen (a file
  named on its own: its name) and the front matter keys the vault does not
  use (schema v7; ``ParsedNote.front_matter``), for export to put back.
* Notes are saved in batches (``BATCH_NOTES`` files or ``BATCH_BYTES`` read,
  whichever comes first), since each commit costs a sync and a flush of
  the full-text index. A file refused is refused before anything of it is
  written, and the others in its batch stand (``_import_one`` says how
  this is kept true). A crash loses at most the open batch, which the next
  import of the folder redoes. A progress callback may raise
  ``Cancelled``: the import then stops between files, what was imported so
  far stays (the open batch is committed), and the summary says
  ``cancelled``.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from knowhold.vault.errors import Cancelled, ImportFailed, InvalidValue, UnsafeText
from knowhold.vault.knowledge.attachments import MAX_ATTACHMENT
from knowhold.vault.knowledge.entries import Entry
from knowhold.vault.knowledge.filerefs import FileRef, file_refs, mentioned_names
from knowhold.vault.knowledge.notes import Undecodable, decode_text, parse_markdown, parse_plain_text
from knowhold.vault.knowledge.porting import (
    MAX_FILE_BYTES,
    NOTE_SUFFIXES,
    TEXT_SUFFIXES,
    ImportSummary,
    SkipReason,
    nfc,
)
from knowhold.vault.progress import Progress
from knowhold.vault.store.fsutil import read_limited
from knowhold.vault.store.storage import Vault

SOURCE_PREFIX = "md:"

_HASH_META = "import-sha256:"
# A batch is committed after this many files or bytes read (notes and their
# attachments), whichever comes first: large enough that the commits' cost is
# spread thin, small enough that a crash loses little and the write-ahead log
# stays small.
BATCH_NOTES = 200
BATCH_BYTES = 32 * 1024 * 1024


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
        target = nfc(ref.target)
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
        return self.display.removeprefix(self.folder.prefix + "/") if self.folder else nfc(self.path.name)


def _is_note(name: str) -> bool:
    return Path(name).suffix.lower() in NOTE_SUFFIXES


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
            display = nfc(f"{path.parent.name}/{path.name}")
            if _is_note(path.name):
                add(_Candidate(path, None, display, nfc(path.stem)))
            else:
                skipped.append((display, SkipReason.NOT_MARKDOWN))
            continue
        path = Path(given).resolve()
        prefix = nfc(path.name)
        folder_files = _Folder(path, prefix)
        folders.append(folder_files)

        def unreadable(exc: OSError, prefix: str = prefix, root: Path = path) -> None:
            where = os.path.relpath(exc.filename or root, root).replace(os.sep, "/")
            skipped.append((nfc(f"{prefix}/{where}"), SkipReason.UNREADABLE))

        for folder, dirnames, filenames in os.walk(path, onerror=unreadable):
            here = Path(folder)
            kept = []
            for name in sorted(dirnames):
                if name.startswith("."):
                    continue
                if (here / name).is_symlink():
                    rel = (here / name).relative_to(path).as_posix()
                    skipped.append((nfc(f"{prefix}/{rel}"), SkipReason.LINKED_FOLDER))
                    continue
                kept.append(name)
            dirnames[:] = kept
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                full = here / name
                rel = nfc(full.relative_to(path).as_posix())
                if _is_note(name):
                    add(_Candidate(full, path, f"{prefix}/{rel}", nfc(full.stem), folder_files))
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

    def attach(self, vault: Vault, entry_id: str, body: str, candidate: _Candidate, batch: _Batch) -> None:
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
            batch.bytes += len(data)
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


def _body_key(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()


class _Known:
    """The live entries by their text, kept up to date through an import: how a copy is recognised."""

    def __init__(self, vault: Vault, importing: set[str]) -> None:
        self._vault = vault
        self.by_text: dict[str, str] = {}  # _content_key -> entry id
        self._by_body: dict[str, list[str]] = {}  # _body_key of imported entries whose file is gone -> ids
        self.claimed: set[str] = set()  # entries a file of this import has matched
        self._gone = {  # entry id -> where its file was
            entry_id: path
            for entry_id, (path, _) in vault.entries.import_records().items()
            if path is not None and path not in importing
        }
        for entry_id, title, body in vault.entries.live_texts():
            self.by_text[_content_key(title, body)] = entry_id
            if entry_id in self._gone and body.strip():
                self._by_body.setdefault(_body_key(body), []).append(entry_id)

    def renamed(self, body: str, candidate: _Candidate) -> str | None:
        """The one entry ``body`` may be the renamed file of (see the module docstring), or None.

        Its file must have been imported from a folder of the candidate's name, so a
        note of another folder with the same text is not taken for it.
        """
        folder = candidate.display.removesuffix(candidate.relative)  # "<folder name>/"
        db = self._vault.db
        options = [
            entry_id
            for entry_id in self._by_body.get(_body_key(body), [])
            if entry_id not in self.claimed
            and db.get_meta(_HASH_META + SOURCE_PREFIX + folder + self._gone[entry_id]) is not None
        ]
        return options[0] if len(options) == 1 else None


@dataclass
class _Batch:
    """What the open transaction holds; it is committed once ``full``."""

    notes: int = 0
    bytes: int = 0

    @property
    def full(self) -> bool:
        return self.notes >= BATCH_NOTES or self.bytes >= BATCH_BYTES


def _import_one(
    vault: Vault,
    candidate: _Candidate,
    seen_ids: set[str],
    known: _Known,
    attaching: _Attaching,
    batch: _Batch,
) -> tuple[str, str] | SkipReason:
    """``(outcome, encoding read)`` or why the file was skipped."""
    batch.notes += 1
    data = _read(candidate.path, candidate.root)
    if isinstance(data, SkipReason):
        return data
    batch.bytes += len(data)
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
    # A copied or moved note: the same one, taken as it is in the vault (its tags may
    # have been edited in Knowhold since), as an unchanged file is.
    same_text = existing is None and content in known.by_text
    if same_text:
        existing = entries.get(known.by_text[content])
    renamed_id = known.renamed(note.body, candidate) if existing is None else None
    renamed = renamed_id is not None
    if renamed_id is not None:
        existing = entries.get(renamed_id)
    if existing is not None:
        known.claimed.add(existing.id)
    digest = hashlib.sha256(data).hexdigest()
    hash_key = _HASH_META + candidate.source
    changes = db.conn.total_changes
    try:
        with db.transaction():  # the batch's (see import_markdown)
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
                known.by_text[content] = added.id
                known.claimed.add(added.id)
                attaching.attach(vault, added.id, note.body, candidate, batch)
                return "created", decoded.encoding
            if same_text or db.get_meta(hash_key) == digest:
                if same_text:
                    db.set_meta(hash_key, digest)
                if not existing.in_trash:  # the files may have changed although the note did not
                    entries.record_import(existing.id, candidate.relative, note.front_matter)
                    attaching.attach(vault, existing.id, note.body, candidate, batch)
                return "unchanged", decoded.encoding  # keeps any edit made in Knowhold since the last import
            if existing.in_trash:
                return SkipReason.IN_TRASH
            if renamed:  # its text as it is in the vault, as for a moved note; the new name is its title
                saved = entries.update(existing.id, title=note.title)
            else:
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
            known.by_text[content] = saved.id
            attaching.attach(vault, saved.id, note.body, candidate, batch)
            return ("unchanged" if saved.version == existing.version else "updated"), decoded.encoding
    except InvalidValue as exc:
        # The stores check what they are given before they write, so a refusal
        # leaves nothing of the note behind and its batch goes on. Should one ever
        # refuse after writing, the note cannot be taken back alone (a savepoint
        # per note would make FTS5 flush its index each time, a third of the
        # import's time): the error ends the import and its batch is rolled back.
        if db.conn.total_changes != changes:
            raise
        return SkipReason.CONTROL_CHARACTERS if isinstance(exc, UnsafeText) else SkipReason.REFUSED


@dataclass
class _Tally:
    """What the files came to, for the summary."""

    skipped: list[tuple[str, SkipReason]]
    counts: dict[str, int] = field(default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0})
    converted: list[tuple[str, str]] = field(default_factory=list)

    def add(self, display: str, outcome: tuple[str, str] | SkipReason) -> None:
        if isinstance(outcome, SkipReason):
            self.skipped.append((display, outcome))
            return
        done_as, encoding = outcome
        self.counts[done_as] += 1
        if encoding not in ("utf-8", "utf-16"):
            self.converted.append((display, encoding))


def _stopped(progress: Progress | None, done: int, total: int, what: str) -> bool:
    """Report progress; True if the callback asked to stop (``Cancelled``)."""
    if progress is None:
        return False
    try:
        progress(done, total, what)
    except Cancelled:
        return True
    return False


def import_markdown(vault: Vault, paths: Sequence[Path], progress: Progress | None = None) -> ImportSummary:
    """Import Markdown files and folders; see the module docstring for the rules.

    Raises ``ImportFailed`` (before importing anything) if a path does not
    exist. A progress callback raising ``Cancelled`` stops the import between
    files; the summary then has ``cancelled`` set.
    """
    files, skipped, folders = _plan(paths)
    attaching = _Attaching()
    tally = _Tally(skipped)
    seen_ids: set[str] = set()
    known = _Known(vault, {candidate.relative for candidate in files})
    pending = iter(enumerate(files))
    cancelled = False
    while not cancelled:
        batch = _Batch()
        with vault.db.transaction():  # leaving it, at a batch's end or a cancel, commits the batch
            for done, candidate in pending:
                if _stopped(progress, done, len(files), candidate.display):
                    cancelled = True
                    break
                tally.add(candidate.display, _import_one(vault, candidate, seen_ids, known, attaching, batch))
                if batch.full:
                    break
            else:
                break  # every file is done
    cancelled = cancelled or _stopped(progress, len(files), len(files), "")
    attached, others = attaching.summary(folders)
    counts = tally.counts
    return ImportSummary(
        counts["created"],
        counts["updated"],
        counts["unchanged"],
        tuple(tally.skipped + others),
        cancelled,
        tuple(tally.converted),
        tuple(attached),
    )


__all__ = ["import_markdown"]
