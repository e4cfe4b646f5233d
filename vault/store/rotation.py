"""Replacing the vault's data key (``knowhold passphrase --rotate-key``).

A plain passphrase change rewraps the same data key, so a copy of the old
``vault.key`` and the old passphrase still open the database. Rotation
gives the database a new random data key instead: the database is copied,
re-encrypted page by page, by SQLCipher's own ``sqlcipher_export``, and the
copy and a new key file then take the place of the old pair. Old key files
(and the recovery code they held) no longer open the vault; copies of the
old database made before (backups, file-sync history) keep their old keys.

Interrupted anywhere (a crash, a full disk, power loss), the folder opens
with the old key file and passphrase or with the new ones, never neither,
and loses nothing. Files during a rotation, all in the vault's folder (same
file system, so renames are atomic) and all 0600::

    vault.db.rekey      the database re-encrypted under the new data key
    vault.key.rekey     its key file (new passphrase slot, new recovery slot)
    vault.rekey-commit  the commit marker: it exists only once both are whole

The steps, in order (each name is what ``_reached`` is told after it)::

    exported    vault.db.rekey written in one read transaction on the live
                connection (so it holds what the WAL holds), fsync
    verified    the copy opened with the new key alone: same schema version,
                same number of rows in every table
    keyfile     vault.key.rekey written atomically and fsynced
    closed      the live connection checkpointed and closed
    marked      the marker written atomically: from here on, forward only
    wal-gone    the old database's -wal and -shm removed (their content is
                in the copy; left beside the new file they would be replayed
                into it)
    db-swapped  vault.db.rekey renamed over vault.db, folder fsynced
    key-swapped vault.key.rekey renamed over vault.key, folder fsynced
    done        the marker removed

``recover`` runs on every open, under the vault's lock, before SQLCipher
touches anything: with the marker it finishes the remaining renames (each
one is done or not, so finishing twice is harmless); without it, it deletes
whatever a rotation left, and the untouched old pair is the vault.

``PRAGMA rekey`` was not used. SQLCipher 4 (pinned by ``cipher_compatibility``)
does not support rekeying a database in WAL mode (support for that arrives
only in SQLCipher 5's change log), and rekey rewrites the live file in place,
so its crash safety would rest on SQLite's journal replaying a half-rekeyed
file under the right key, which nothing here could test. Copy and swap rests
on atomic renames alone, and the tests kill the process after every step.
Measured: about 3.3 s for 10,000 entries (an 83 MB database), including one
Argon2id run for the new passphrase slot.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from knowhold.vault.errors import KnowholdError, VaultCorrupt
from knowhold.vault.store import keys
from knowhold.vault.store.db import Database, connect
from knowhold.vault.store.diskerrors import sqlite_failure_or_none, write_failure
from knowhold.vault.store.fsutil import atomic_write, create_private_file, fsync_dir, fsync_file

DB_NAME = "vault.db"
KEY_NAME = "vault.key"
NEW_DB = "vault.db.rekey"
NEW_KEY = "vault.key.rekey"
MARKER = "vault.rekey-commit"
STEPS = (
    "exported",
    "verified",
    "keyfile",
    "closed",
    "marked",
    "wal-gone",
    "db-swapped",
    "key-swapped",
    "done",
)

_ATTACHED = "knowhold_rekey"
_SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")


class Unfinished(VaultCorrupt):
    """The rotation passed its commit point but could not finish here.

    The old database is gone from under the open vault; the next open
    finishes the renames, and the new passphrase opens it.
    """

    default_message = (
        "The vault was locked while its new key was being put in place; "
        "open it again with the new passphrase to finish."
    )


def _reached(step: str) -> None:
    """Called after each step; a no-op. The tests replace it to stop a rotation there."""


def _remove(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _remove_copy(folder: Path) -> None:
    for name in (NEW_DB, *(NEW_DB + s for s in _SQLITE_SIDE_FILES), NEW_KEY):
        _remove(folder / name)


def recover(folder: Path) -> None:
    """Finish (marker present) or undo (no marker) a rotation that was interrupted."""
    if not (folder / MARKER).exists():
        if (folder / NEW_DB).exists() or (folder / NEW_KEY).exists():
            _remove_copy(folder)
        return
    for suffix in ("-wal", "-shm"):
        _remove(folder / (DB_NAME + suffix))
    if (folder / NEW_DB).exists():
        os.replace(folder / NEW_DB, folder / DB_NAME)
        fsync_dir(folder)
    if (folder / NEW_KEY).exists():
        os.replace(folder / NEW_KEY, folder / KEY_NAME)
        fsync_dir(folder)
    _remove(folder / MARKER)
    fsync_dir(folder)


def _table_counts(conn: sqlcipher.Connection) -> dict[str, int]:
    names = [
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
        )
    ]
    # Names come from sqlite_master itself; quoted as identifiers.
    return {n: int(conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0]) for n in names}


def _export(db: Database, copy: Path, new_key: bytes | bytearray) -> dict[str, int]:
    """Copy the live database into ``copy`` under ``new_key``; the source's row counts."""
    create_private_file(copy)  # 0600 before SQLCipher writes a byte (its journal inherits it)
    key_value = "x'" + bytes(new_key).hex() + "'"  # SQLCipher's raw-key form, bound as a value
    conn = db.conn
    conn.execute(f"ATTACH DATABASE ? AS {_ATTACHED} KEY ?", (str(copy), key_value))
    try:
        conn.execute(f"PRAGMA {_ATTACHED}.cipher_compatibility = 4")
        with db.transaction():
            conn.execute(f"SELECT sqlcipher_export('{_ATTACHED}')")
            # sqlcipher_export copies tables, not the schema version: carry it over.
            version = int(conn.execute("PRAGMA main.user_version").fetchone()[0])
            conn.execute(f"PRAGMA {_ATTACHED}.user_version = {version}")
            counts = _table_counts(conn)
            counts["user_version"] = version
    finally:
        conn.execute(f"DETACH DATABASE {_ATTACHED}")
    fsync_file(copy)
    return counts


def _verify(copy: Path, new_key: bytes | bytearray, expected: dict[str, int]) -> None:
    """The copy opens with the new key alone and holds every row the source held."""
    conn = sqlcipher.connect(str(copy), isolation_level=None)
    try:
        conn.execute(keys.raw_key_pragma(new_key))
        conn.execute("PRAGMA cipher_compatibility = 4")
        found = _table_counts(conn)
        found["user_version"] = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlcipher.DatabaseError as exc:
        raise VaultCorrupt("The re-encrypted copy of the vault could not be read back.") from exc
    finally:
        conn.close()
    if found != expected:
        raise VaultCorrupt("The re-encrypted copy of the vault is incomplete; nothing was changed.")


def _prepare(folder: Path, db: Database, new_key: bytearray, keyfile: keys.KeyFile) -> None:
    """Steps up to ``keyfile``: the new pair, complete, beside the old one."""
    copy = folder / NEW_DB
    _remove_copy(folder)  # a leftover of an earlier attempt is never trusted
    counts = _export(db, copy, new_key)
    _reached("exported")
    _verify(copy, new_key, counts)
    _reached("verified")
    keys.write_keyfile(folder / NEW_KEY, keyfile)
    fsync_dir(folder)
    _reached("keyfile")


def _commit(folder: Path) -> None:
    """Steps from ``marked``: the same renames ``recover`` finishes after a crash."""
    atomic_write(folder / MARKER, b"knowhold key rotation: vault.db.rekey and vault.key.rekey are whole\n")
    _reached("marked")
    for suffix in ("-wal", "-shm"):
        _remove(folder / (DB_NAME + suffix))
    _reached("wal-gone")
    os.replace(folder / NEW_DB, folder / DB_NAME)
    fsync_dir(folder)
    _reached("db-swapped")
    os.replace(folder / NEW_KEY, folder / KEY_NAME)
    fsync_dir(folder)
    _reached("key-swapped")
    _remove(folder / MARKER)
    fsync_dir(folder)
    _reached("done")


def rotate(folder: Path, db: Database, old_key: bytearray, new_key: bytearray, keyfile: keys.KeyFile) -> None:
    """Re-encrypt the open database under ``new_key`` and put ``keyfile`` in place.

    ``db`` is connected to the new database on success. Before the commit
    point a failure removes the copy, reconnects ``db`` with ``old_key`` if it
    was closed, and raises (``WriteFailed`` for a full or read-only disk):
    nothing was changed. After it, ``Unfinished`` with ``db`` left closed.
    """
    try:
        try:
            _prepare(folder, db, new_key, keyfile)
            db.close()
            _reached("closed")
        except BaseException:
            _remove_copy(folder)
            if not db.is_open:
                db.reconnect(connect(folder / DB_NAME, old_key))
            raise
    except OSError as exc:
        raise write_failure(exc, folder) from exc
    except sqlcipher.Error as exc:
        mapped = sqlite_failure_or_none(exc, folder)
        if mapped is None:
            raise
        raise mapped from exc
    try:
        _commit(folder)
    except BaseException as exc:
        try:
            recover(folder)  # the same renames once more: a passing hiccup should not lock the vault
        except OSError:
            raise Unfinished() from exc
        if not isinstance(exc, Exception):
            raise
    try:
        db.reconnect(connect(folder / DB_NAME, new_key))
    except (OSError, sqlcipher.Error, KnowholdError) as exc:
        raise Unfinished() from exc
