"""Attachments: the images and other files an entry refers to, inside the vault.

A file's bytes live in the encrypted database, never as a file beside it, so
an attachment is as private as the entry's text and goes wherever the
database goes (backup and restore copy it whole). The bytes are stored once
per SHA-256, however many entries or names refer to them; an entry refers to
them by a file name (``image.png``), the name its text uses, one file per
name. The bytes go with their last reference, which the schema does itself
(a trigger), so purging an entry or emptying the trash leaves no orphans.

Attachments are not versioned with the entry: a version restored keeps the
files the entry has now. A file over ``MAX_ATTACHMENT`` is refused with
``AttachmentTooLarge``: 25 MiB holds a screenshot, a photo or a PDF
specification, and keeps a whole file (which is read into memory in one
piece, as SQLite hands out values) well within what the app can hold.

A name is untrusted text: it is checked like a title (``vault.text``), holds
no path separator and is no ``.`` or ``..``, so export can write it as a file
name. Its type (``Attachment.mime``) is told by the bytes' magic for the
images the app renders (PNG, JPEG, GIF, WebP); a name that claims an image
the bytes do not bear out is a plain file, and so is SVG, which is a document
that can run script, not a picture. Other types come from the name.
"""

from __future__ import annotations

import hashlib
import mimetypes
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from knowhold.vault.errors import AttachmentTooLarge, ImportFailed, InvalidValue, NotFound
from knowhold.vault.store.db import Database
from knowhold.vault.store.fsutil import read_limited
from knowhold.vault.text import refuse_unsafe

MAX_ATTACHMENT = 25 * 1024 * 1024
MAX_NAME = 255  # characters, as most file systems allow in bytes
OCTET_STREAM = "application/octet-stream"

# Only the defaults built into Python: the system's mime.types differs by machine.
_TYPES = mimetypes.MimeTypes(filenames=())


@dataclass(frozen=True, slots=True)
class Attachment:
    sha256: str  # lowercase hex of the bytes' SHA-256
    name: str  # as the entry refers to it
    size: int  # bytes
    mime: str


def image_type(data: bytes) -> str:
    """The image type the bytes' magic tells, for the images the app renders; ``""`` for any other."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return ""


def mime_of(name: str, image: str) -> str:
    """``image`` if the bytes are one; else the name's type, never an image; else octet-stream."""
    if image:
        return image
    guessed, _ = _TYPES.guess_type(name, strict=False)
    if guessed is None or guessed.startswith("image/"):
        return OCTET_STREAM
    return guessed


def check_name(name: str) -> str:
    """``name`` in NFC if it can name an attachment, else ``InvalidValue`` or ``UnsafeText``."""
    name = unicodedata.normalize("NFC", name)
    refuse_unsafe(name, "The attachment's name")
    if not name.strip() or name in (".", "..") or "/" in name or "\\" in name:
        raise InvalidValue(f"{name!r} cannot name an attachment: a file name without folders is needed.")
    if len(name) > MAX_NAME:
        raise InvalidValue(f"An attachment's name is longer than {MAX_NAME} characters.")
    return name


def _too_large(name: str) -> AttachmentTooLarge:
    limit = MAX_ATTACHMENT // (1024 * 1024)
    return AttachmentTooLarge(f"{name} is larger than {limit} MiB, the most one attachment may be.")


def read_file(path: Path) -> bytes:
    """A regular file's bytes to attach, at most ``MAX_ATTACHMENT`` of them read (a FIFO would block)."""
    if not path.is_file():
        raise ImportFailed(f"{path.name} is not a file.")
    try:
        return read_limited(path, MAX_ATTACHMENT)
    except ValueError as exc:
        raise _too_large(path.name) from exc
    except OSError as exc:
        raise ImportFailed(f"{path.name} could not be read: {exc.strerror or exc}") from exc


class Attachments:
    """The files of every entry; ``vault.attachments``."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def _rowid(self, entry_id: str) -> int:
        row = self._db.conn.execute("SELECT rowid FROM entries WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise NotFound(f"No entry with id {entry_id!r}.")
        return int(row[0])

    def add(self, entry_id: str, name: str, data: bytes) -> Attachment:
        """Attach ``data`` to the entry as ``name``, replacing a file of that name."""
        name = check_name(name)
        if len(data) > MAX_ATTACHMENT:
            raise _too_large(name)
        digest = hashlib.sha256(data).hexdigest()
        image = image_type(data)
        with self._db.transaction() as conn:
            rowid = self._rowid(entry_id)
            # Delete, not update: the trigger drops bytes the old reference was the last to hold.
            # First, so bytes it drops that are these very bytes are stored again below.
            conn.execute("DELETE FROM entry_attachments WHERE entry_rowid = ? AND name = ?", (rowid, name))
            conn.execute(
                "INSERT INTO attachments (sha256, size, image, created_at, data) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (sha256) DO NOTHING",
                (digest, len(data), image, self._db.now(), data),
            )
            conn.execute(
                "INSERT INTO entry_attachments (entry_rowid, name, sha256) VALUES (?, ?, ?)",
                (rowid, name, digest),
            )
        return Attachment(digest, name, len(data), mime_of(name, image))

    def list(self, entry_id: str) -> list[Attachment]:
        """The entry's attachments by name; their bytes are not read."""
        rows = self._db.conn.execute(
            "SELECT r.name, a.sha256, a.size, a.image FROM entry_attachments r "
            "JOIN attachments a ON a.sha256 = r.sha256 WHERE r.entry_rowid = ? ORDER BY r.name",
            (self._rowid(entry_id),),
        ).fetchall()
        return [Attachment(digest, name, size, mime_of(name, image)) for name, digest, size, image in rows]

    def entries_with_files(self) -> set[str]:
        """The ids of the entries that have attachments, trashed ones included."""
        return {
            r[0]
            for r in self._db.conn.execute(
                "SELECT DISTINCT e.id FROM entry_attachments r JOIN entries e ON e.rowid = r.entry_rowid"
            )
        }

    def data(self, entry_id: str, name: str) -> bytes:
        row = self._db.conn.execute(
            "SELECT a.data FROM entry_attachments r JOIN attachments a ON a.sha256 = r.sha256 "
            "WHERE r.entry_rowid = ? AND r.name = ?",
            (self._rowid(entry_id), unicodedata.normalize("NFC", name)),
        ).fetchone()
        if row is None:
            raise NotFound(f"Entry {entry_id} has no attachment named {name!r}.")
        return bytes(row[0])

    def data_by_hash(self, sha256: str) -> bytes:
        row = self._db.conn.execute("SELECT data FROM attachments WHERE sha256 = ?", (sha256,)).fetchone()
        if row is None:
            raise NotFound(f"No attachment with SHA-256 {sha256!r}.")
        return bytes(row[0])

    def remove(self, entry_id: str, name: str) -> None:
        """Detach ``name`` from the entry; the bytes go too if nothing else refers to them."""
        with self._db.transaction() as conn:
            gone = conn.execute(
                "DELETE FROM entry_attachments WHERE entry_rowid = ? AND name = ?",
                (self._rowid(entry_id), unicodedata.normalize("NFC", name)),
            ).rowcount
        if not gone:
            raise NotFound(f"Entry {entry_id} has no attachment named {name!r}.")
