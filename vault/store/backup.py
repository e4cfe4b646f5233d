"""Encrypted backup of a vault to one file, and restore into a new vault.

The backup file, format version 1 (integers big-endian)::

    offset    size  field
    0         16    magic  b"KNOWHOLD-BACKUP\\n"
    16        2     format version, 1
    18        4     K, length of the key file
    22        8     D, length of the database
    30        K     the vault's key file (vault.key), as written by vault.keys
    30+K      D     the database: SQLCipher 4, encrypted with the vault's data key
    30+K+D    32    SHA-256 over every byte before it

What each step defends against:

* The database copy is made by SQLCipher itself (``ATTACH … KEY`` and
  ``sqlcipher_export``) inside one transaction on the live connection, so the
  copy is consistent even while the vault is open and in use, includes what
  still sits in the WAL, and is encrypted page by page as it is written: no
  plaintext touches the disk. It is keyed with the same data key, so the key
  file's slots (passphrase and recovery code as they were at backup time)
  open it. The key is bound as a parameter, never spliced into SQL text.
* The temporary copy lives next to the destination (same file system) and
  is removed on every path; the final file is assembled with an atomic
  replace, so a crash or a full disk never leaves a half backup under the
  chosen name, and an older backup there survives until the new one is whole.
* The SHA-256 detects damage (bad disks, truncated downloads). It is not a
  signature: secrecy and integrity against tampering come from the key slots
  (AEAD bound to the vault id) and SQLCipher's per-page HMAC.
* Restore checks magic, version, every length against the real file size
  and the SHA-256 before anything else, with bounded reads, so a damaged,
  truncated or foreign file is refused with a clear ``BackupError`` and a
  crafted length cannot make it read or allocate gigabytes. It then proves
  the passphrase (or recovery code) opens the key file before it writes
  anything, refuses a folder already holding a vault (``VaultExists``), and
  hashes the database again while copying it, in case the file changed
  after the check. On any failure it removes every file and folder it made.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sqlcipher3 import dbapi2 as sqlcipher

from knowhold.vault.errors import (
    BackupError,
    InvalidValue,
    VaultCorrupt,
    VaultExists,
    VaultTooNew,
    WrongSecret,
)
from knowhold.vault.licensing.received import Library
from knowhold.vault.progress import Progress
from knowhold.vault.store import keys
from knowhold.vault.store.db import Clock
from knowhold.vault.store.fsutil import atomic_write, atomic_writer, create_private_file, make_private_dir
from knowhold.vault.store.storage import DB_NAME, KEY_NAME, LOCK_NAME, Vault

MAGIC = b"KNOWHOLD-BACKUP\n"
FORMAT_VERSION = 1
DIGEST_BYTES = 32
MAX_DB_BYTES = 1 << 40  # 1 TiB: far beyond any real vault, far below overflow
STAGE_EXPORT = "export"
STAGE_WRITE = "write"
STAGE_VERIFY = "verify"
STAGE_COPY = "copy"

_HEADER = struct.Struct(">16sHIQ")
_CHUNK = 1 << 20
_ATTACHED = "knowhold_backup"


@dataclass(frozen=True, slots=True)
class BackupSummary:
    path: Path
    size: int  # bytes written


# -- backup --------------------------------------------------------------------


def _export_database(vault: Vault, copy: Path) -> None:
    """Write an encrypted, consistent copy of the vault's database to ``copy``."""
    raw_key = vault.raw_key_for_copy()
    if len(raw_key) != keys.DATA_KEY_BYTES:
        raise VaultCorrupt("The data key has the wrong size.")
    # SQLCipher's raw-key form (see keys.raw_key_pragma), bound as a value.
    key_value = "x'" + raw_key.hex() + "'"
    conn = vault.db.conn
    create_private_file(copy)  # 0600 before SQLCipher writes into it (its journal inherits the mode)
    conn.execute(f"ATTACH DATABASE ? AS {_ATTACHED} KEY ?", (str(copy), key_value))
    try:
        # Pinned like the main database, so a future SQLCipher default cannot differ.
        conn.execute(f"PRAGMA {_ATTACHED}.cipher_compatibility = 4")
        with vault.db.transaction():
            conn.execute(f"SELECT sqlcipher_export('{_ATTACHED}')")
            # sqlcipher_export copies tables, not the schema version: carry it over.
            version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
            conn.execute(f"PRAGMA {_ATTACHED}.user_version = {version}")
    finally:
        conn.execute(f"DETACH DATABASE {_ATTACHED}")


def _assemble(out: Path, keyfile: bytes, copy: Path, progress: Progress | None) -> int:
    db_size = copy.stat().st_size
    header = _HEADER.pack(MAGIC, FORMAT_VERSION, len(keyfile), db_size)
    total = len(header) + len(keyfile) + db_size + DIGEST_BYTES
    digest = hashlib.sha256()
    with atomic_writer(out) as sink, open(copy, "rb") as source:
        for part in (header, keyfile):
            sink.write(part)
            digest.update(part)
        copied = 0
        while chunk := source.read(_CHUNK):
            sink.write(chunk)
            digest.update(chunk)
            copied += len(chunk)
            if progress is not None:
                progress(len(header) + len(keyfile) + copied, total, STAGE_WRITE)
        if copied != db_size:
            raise BackupError("The database copy changed while it was being written.")
        sink.write(digest.digest())
    return total


def backup(vault: Vault, out: Path, progress: Progress | None = None) -> BackupSummary:
    """Write an encrypted backup of ``vault`` to the single file ``out``.

    An existing file at ``out`` is replaced atomically. Raises ``BackupError``
    if the backup cannot be written; ``Cancelled`` from ``progress`` leaves
    no file behind.
    """
    out = Path(out)
    if out.is_dir():
        raise BackupError(f"{out} is a folder; choose a file name for the backup.")
    if not out.parent.is_dir():
        raise BackupError(f"The folder {out.parent} does not exist.")
    # Ended licenses are destroyed first, so a copy never holds content a restore
    # with an earlier clock could show again. Here, not in each caller, so no way
    # of backing up (the command line, the app) can skip it.
    Library(vault).sweep()
    copy = out.with_name(f".{out.name}.{secrets.token_hex(6)}.db.tmp")
    try:
        if progress is not None:
            progress(0, 0, STAGE_EXPORT)
        _export_database(vault, copy)
        size = _assemble(out, keys.serialise_keyfile(vault.keyfile), copy, progress)
    except (OSError, sqlcipher.Error) as exc:
        raise BackupError(f"The backup could not be written to {out}.") from exc
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{copy}{suffix}")
    return BackupSummary(out, size)


# -- restore -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Layout:
    keyfile: bytes
    db_offset: int
    db_size: int
    digest: bytes


def _stream(
    handle: BinaryIO, layout: _Layout, sink: BinaryIO | None, progress: Progress | None, stage: str
) -> bytes:
    """SHA-256 of everything before the digest; copies the database part to ``sink``."""
    handle.seek(0)
    digest = hashlib.sha256()
    digest.update(handle.read(layout.db_offset))
    total = layout.db_offset + layout.db_size
    remaining = layout.db_size
    while remaining:
        chunk = handle.read(min(_CHUNK, remaining))
        if not chunk:
            raise BackupError("The backup file is incomplete; nothing was restored.")
        digest.update(chunk)
        if sink is not None:
            sink.write(chunk)
        remaining -= len(chunk)
        if progress is not None:
            progress(total - remaining, total, stage)
    return digest.digest()


def _check(handle: BinaryIO, progress: Progress | None) -> _Layout:
    """Magic, version, lengths and SHA-256, before anything is trusted."""
    size = os.fstat(handle.fileno()).st_size
    head = handle.read(_HEADER.size)
    if len(head) < _HEADER.size or not head.startswith(MAGIC):
        raise BackupError("This file is not a Knowhold backup; nothing was restored.")
    _, version, keyfile_size, db_size = _HEADER.unpack(head)
    if version > FORMAT_VERSION:
        raise BackupError("This backup was made by a newer Knowhold; please update to restore it.")
    if version != FORMAT_VERSION:
        raise BackupError("This backup's format is unknown; nothing was restored.")
    if not 0 < keyfile_size <= keys.KEYFILE_MAX_BYTES or not 0 < db_size <= MAX_DB_BYTES:
        raise BackupError("The backup file is damaged (impossible lengths); nothing was restored.")
    if size != _HEADER.size + keyfile_size + db_size + DIGEST_BYTES:
        raise BackupError("The backup file is incomplete or damaged (wrong size); nothing was restored.")
    keyfile = handle.read(keyfile_size)
    handle.seek(size - DIGEST_BYTES)
    layout = _Layout(keyfile, _HEADER.size + keyfile_size, db_size, handle.read(DIGEST_BYTES))
    if _stream(handle, layout, None, progress, STAGE_VERIFY) != layout.digest:
        raise BackupError("The backup file is damaged (checksum mismatch); nothing was restored.")
    return layout


def _unlock(keyfile_bytes: bytes, passphrase: str | None, recovery_code: str | None) -> None:
    """Prove the secret opens the backup's key file, before anything is written."""
    try:
        keyfile = keys.parse_keyfile(keyfile_bytes)
    except VaultTooNew as exc:
        raise BackupError("This backup was made by a newer Knowhold; please update to restore it.") from exc
    except (VaultCorrupt, WrongSecret) as exc:
        raise BackupError("The key file inside the backup is damaged; nothing was restored.") from exc
    if passphrase is not None:
        data_key = keys.open_with_passphrase(keyfile, passphrase)
    else:
        assert recovery_code is not None
        data_key = keys.open_with_recovery_code(keyfile, recovery_code)
    keys.wipe(data_key)


def _first_missing(path: Path) -> Path | None:
    """The outermost folder of ``path`` that does not exist yet (what we would create)."""
    missing = None
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing = folder
    return missing


def _remove_created(target: Path, top: Path | None, existed: set[str]) -> None:
    for name in (KEY_NAME, DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", LOCK_NAME):
        if name not in existed:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target / name)
    if top is None:
        return
    for folder in (target, *target.parents):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only empty folders go
        if folder == top:
            break


def restore(
    backup_file: Path,
    target: Path,
    *,
    passphrase: str | None = None,
    recovery_code: str | None = None,
    clock: Clock,
    progress: Progress | None = None,
) -> Vault:
    """Restore ``backup_file`` as a new vault at ``target`` and return it, open.

    Give exactly one of ``passphrase`` or ``recovery_code`` (as they were when
    the backup was made). Raises ``BackupError`` for a damaged or foreign
    file, ``WrongSecret`` for a wrong secret, ``VaultExists`` if ``target``
    holds a vault; in each case nothing is left at ``target``.
    """
    if (passphrase is None) == (recovery_code is None):
        raise InvalidValue("Give either the passphrase or the recovery code.")
    backup_file, target = Path(backup_file), Path(target)
    if (target / KEY_NAME).exists() or (target / DB_NAME).exists():
        raise VaultExists(f"A vault already exists at {target}; nothing was changed.")
    if target.exists() and not target.is_dir():
        raise InvalidValue(f"{target} is a file; choose a folder for the restored vault.")
    try:
        handle = open(backup_file, "rb")  # noqa: SIM115 - the with below closes it
    except OSError as exc:
        raise BackupError(f"The backup file {backup_file} cannot be read.") from exc
    with handle:
        try:
            layout = _check(handle, progress)
        except OSError as exc:
            raise BackupError(f"The backup file {backup_file} cannot be read.") from exc
        _unlock(layout.keyfile, passphrase, recovery_code)
        return _write_vault(handle, layout, target, passphrase, recovery_code, clock, progress)


def _write_vault(
    handle: BinaryIO,
    layout: _Layout,
    target: Path,
    passphrase: str | None,
    recovery_code: str | None,
    clock: Clock,
    progress: Progress | None,
) -> Vault:
    top = _first_missing(target)
    try:
        existed = set(os.listdir(target)) if top is None else set()
    except OSError as exc:
        raise BackupError(f"The folder {target} cannot be read; nothing was restored.") from exc
    try:
        make_private_dir(target)
        # The database first and the key file last: a folder without a key
        # file is not a vault, so a crash in between leaves nothing openable.
        with atomic_writer(target / DB_NAME) as sink:
            if _stream(handle, layout, sink, progress, STAGE_COPY) != layout.digest:
                raise BackupError("The backup file changed while it was being restored.")
        atomic_write(target / KEY_NAME, layout.keyfile)
        try:
            if passphrase is not None:
                return Vault.open(target, passphrase, clock=clock)
            assert recovery_code is not None
            return Vault.open_with_recovery_code(target, recovery_code, clock=clock)
        except VaultCorrupt as exc:
            raise BackupError("The database inside the backup is damaged; nothing was restored.") from exc
    except OSError as exc:
        _remove_created(target, top, existed)
        raise BackupError(f"The vault could not be written to {target}.") from exc
    except BaseException:
        _remove_created(target, top, existed)
        raise


__all__ = ["BackupSummary", "Progress", "backup", "restore"]
