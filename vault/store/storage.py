"""Creating, opening, locking and closing a vault folder.

A vault is a folder holding::

    vault.db     SQLCipher 4 database, keyed with the random data key
    vault.key    the key file: the data key wrapped in key slots (vault.keys)
    vault.lock   an OS file lock, held while a process has the vault open

Every file in the folder is the owner's alone (0600, the folder 0700): the
database is created empty with that mode before SQLCipher opens it, so its
``-wal`` and ``-shm`` files inherit it, and opening a vault puts right the
modes an older Knowhold or a copying tool left. A key rotation in progress
adds ``vault.db.rekey``, ``vault.key.rekey`` and a marker (vault.store.rotation).

Only one process opens a vault at a time; a second gets ``VaultInUse``
before it reads anything. The one exception is ``Vault.open_shared``, for the
MCP server (``vault.agents``), which serves agents while the app or a command
has the vault open: it takes the lock only for the moment of opening, when it
is free, and otherwise relies on its holder having finished a key rotation
and the migrations; SQLite's own locking (WAL, a busy timeout) keeps the two
processes' writes apart. Core dumps are disabled while any vault is open,
since one would contain the data key.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from knowhold.vault.errors import InvalidValue, NoVault, VaultCorrupt, VaultExists, VaultInUse, WrongSecret
from knowhold.vault.knowledge.attachments import Attachments
from knowhold.vault.knowledge.entries import Entries
from knowhold.vault.knowledge.search import Search
from knowhold.vault.licensing import carried, identity
from knowhold.vault.progress import Progress
from knowhold.vault.store import keys, rotation
from knowhold.vault.store.db import Clock, Database, connect
from knowhold.vault.store.diskerrors import write_failure
from knowhold.vault.store.fsutil import (
    PRIVATE_FILE_MODE,
    create_private_file,
    make_folder_private,
    make_private_dir,
)
from knowhold.vault.store.schema import SCHEMA_VERSION, current_version, migrate

DB_NAME = "vault.db"
KEY_NAME = "vault.key"
LOCK_NAME = "vault.lock"


def is_vault(path: Path) -> bool:
    return (Path(path) / KEY_NAME).is_file()


class _FileLock:
    """An exclusive, non-blocking OS lock on ``vault.lock``.

    The OS releases it when the process dies, so a crash never leaves a
    vault locked for good.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._handle: IO[bytes] | None = None

    def acquire(self) -> None:
        # Owner-only from creation, like every file in the folder; a symlink is
        # refused rather than followed (O_NOFOLLOW).
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        try:
            fd = os.open(self._path, flags, PRIVATE_FILE_MODE)
        except OSError as exc:
            raise write_failure(exc, self._path.parent) from exc
        if os.name == "posix":
            with contextlib.suppress(OSError):
                os.fchmod(fd, PRIVATE_FILE_MODE)
        handle = os.fdopen(fd, "r+b")
        try:
            if sys.platform == "win32":  # the test mypy reads as a platform check
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            handle.close()
            raise VaultInUse() from exc
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()).encode("ascii"))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing drops the lock
            self._handle = None


def _acquire(lock: _FileLock, shared: bool) -> bool:
    """Take the vault's lock; for a shared open, only if it is free. True if it is held."""
    try:
        lock.acquire()
    except VaultInUse:
        if not shared:
            raise
        return False
    return True


class _CoreDumpGuard:
    """Counts open vaults; core dumps stay off while the count is non-zero."""

    _lock = threading.Lock()
    _count = 0
    _restore: Callable[[], None] = staticmethod(lambda: None)

    @classmethod
    def enter(cls) -> None:
        with cls._lock:
            if cls._count == 0:
                cls._restore = keys.disable_core_dumps()
            cls._count += 1

    @classmethod
    def leave(cls) -> None:
        with cls._lock:
            cls._count -= 1
            if cls._count == 0:
                cls._restore()


@dataclass(frozen=True, slots=True)
class Created:
    vault: Vault
    recovery_code: str


class Vault:
    """An open vault. Use ``Vault.create`` or ``Vault.open``; close when done."""

    def __init__(
        self, path: Path, keyfile: keys.KeyFile, data_key: bytearray, db: Database, lock: _FileLock
    ) -> None:
        self.path = path
        self._keyfile = keyfile
        self._data_key = data_key
        self.db = db
        self._lock = lock
        self.entries = Entries(db, licensed=functools.partial(carried.was_licensed, db))
        self.search = Search(db)
        self.attachments = Attachments(db)
        _CoreDumpGuard.enter()

    # -- lifecycle ---------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path,
        passphrase: str,
        *,
        clock: Clock,
        name: str = "",
        kdf: keys.Argon2Params | None = None,
    ) -> Created:
        """Create a vault at ``path``; the recovery code is returned once, never stored."""
        path = Path(path)
        if (path / KEY_NAME).exists() or (path / DB_NAME).exists():
            raise VaultExists(f"A vault already exists at {path}; nothing was changed.")
        name = identity.check_name(name)
        if not passphrase:
            raise InvalidValue("The passphrase must not be empty.")
        make_private_dir(path)
        lock = _FileLock(path / LOCK_NAME)
        lock.acquire()
        data_key = keys.new_data_key()
        try:
            vault_id = keys.new_vault_id()
            params = kdf if kdf is not None else keys.calibrate()
            code = keys.new_recovery_code()
            keyfile = keys.KeyFile(
                vault_id,
                (
                    keys.passphrase_slot(passphrase, data_key, vault_id, params),
                    keys.recovery_slot(code, data_key, vault_id),
                ),
            )
            try:
                create_private_file(path / DB_NAME)
            except OSError as exc:
                raise write_failure(exc, path) from exc
            conn = connect(path / DB_NAME, data_key)
            db = Database(conn, clock, path)
            try:
                migrate(conn)
                Entries(db).reindex_if_due()
                with db.transaction():
                    db.set_meta("vault_id", vault_id.hex())
                    db.set_meta("name", name)
                    db.set_meta("created_at", str(db.now()))
                    # The signing and HPKE keys for licensing, kept only inside the database.
                    identity.create_identity(db, name)
                # The key file is written last: a vault without one was never created.
                keys.write_keyfile(path / KEY_NAME, keyfile)
            except BaseException:
                db.close()
                for suffix in ("", "-wal", "-shm"):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(path / (DB_NAME + suffix))
                raise
        except BaseException:
            keys.wipe(data_key)
            lock.release()
            raise
        return Created(cls(path, keyfile, data_key, db, lock), code)

    @classmethod
    def _open(
        cls,
        path: Path,
        unwrap: Callable[[keys.KeyFile], bytearray],
        clock: Clock,
        *,
        shared: bool = False,
        progress: Progress | None = None,
    ) -> Vault:
        path = Path(path)
        if not (path / KEY_NAME).is_file():
            if (path / DB_NAME).exists():
                raise VaultCorrupt(f"The vault at {path} has lost its key file (vault.key).")
            raise NoVault(f"No vault at {path}.")
        lock = _FileLock(path / LOCK_NAME)
        held = _acquire(lock, shared)
        try:
            if held:
                # Under the lock and before SQLCipher opens anything: an interrupted
                # key rotation is finished or undone, and older files made private.
                try:
                    rotation.recover(path)
                except OSError as exc:
                    raise write_failure(exc, path) from exc
                make_folder_private(path)
            elif (path / rotation.MARKER).exists():
                raise VaultInUse()  # its holder is replacing the key: nothing to open yet
            keyfile = keys.read_keyfile(path / KEY_NAME)
            data_key = unwrap(keyfile)
        except BaseException:
            lock.release()
            raise
        try:
            if not (path / DB_NAME).is_file():
                raise VaultCorrupt(f"The vault at {path} has lost its database (vault.db).")
            try:
                conn = connect(path / DB_NAME, data_key)
            except WrongSecret as exc:
                # The slot opened, so the key is right: the database is what is wrong.
                raise VaultCorrupt(f"The vault's database at {path} is damaged.") from exc
            db = Database(conn, clock, path)
            try:
                if held:
                    migrate(conn)
                    Entries(db).reindex_if_due(progress)
                elif current_version(conn) != SCHEMA_VERSION:
                    # Only the lock's holder migrates; an older or newer Knowhold holds it.
                    raise VaultInUse()
                stored_id = db.get_meta("vault_id")
                if stored_id != keyfile.vault_id.hex():
                    raise VaultCorrupt("The vault's key file and database do not belong together.")
            except BaseException:
                db.close()
                raise
        except BaseException:
            keys.wipe(data_key)
            lock.release()
            raise
        if shared:
            lock.release()  # held for the opening only: the app or a command may open it now
        return cls(path, keyfile, data_key, db, lock)

    @classmethod
    def open(cls, path: Path, passphrase: str, *, clock: Clock, progress: Progress | None = None) -> Vault:
        """Open with the passphrase, migrating first if this Knowhold is newer than the vault.

        ``progress`` hears the search index's rebuild when a migration left
        one due (``Entries.reindex_if_due``: a minute or more on a big vault,
        once after an update); it is not called on an ordinary open.
        """
        return cls._open(path, lambda kf: keys.open_with_passphrase(kf, passphrase), clock, progress=progress)

    @classmethod
    def open_shared(cls, path: Path, passphrase: str, *, clock: Clock) -> Vault:
        """Open beside whoever holds the vault (the app, a command): for the MCP server.

        Never ``VaultInUse`` because another process has the vault open; only
        while that process rotates the key, or when it runs another schema
        version. Stop a server so opened before rotating the key or restoring
        a backup over the vault: it keeps the database file it opened.
        """
        return cls._open(path, lambda kf: keys.open_with_passphrase(kf, passphrase), clock, shared=True)

    @classmethod
    def open_with_recovery_code(cls, path: Path, code: str, *, clock: Clock) -> Vault:
        return cls._open(path, lambda kf: keys.open_with_recovery_code(kf, code), clock)

    def close(self) -> None:
        if not self.db.is_open:
            return
        self.db.close()
        keys.wipe(self._data_key)
        self._lock.release()
        _CoreDumpGuard.leave()

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def is_open(self) -> bool:
        return self.db.is_open

    # -- facts -----------------------------------------------------------------------

    @property
    def vault_id(self) -> str:
        return self._keyfile.vault_id.hex()

    @property
    def name(self) -> str:
        return self.db.get_meta("name") or ""

    @property
    def kdf_params(self) -> keys.Argon2Params:
        params = self._keyfile.slot(keys.SLOT_PASSPHRASE).argon2
        assert params is not None
        return params

    def has_recovery_slot(self) -> bool:
        return any(s.slot_id == keys.SLOT_RECOVERY for s in self._keyfile.slots)

    # -- key management ------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str) -> None:
        """Rewrap the data key under a new passphrase; one Argon2id run.

        Only the key file is rewritten (atomically); the database is untouched.
        """
        slot = keys.passphrase_slot(new_passphrase, self._data_key, self._keyfile.vault_id, self.kdf_params)
        keyfile = self._keyfile.with_slot(slot)
        keys.write_keyfile(self.path / KEY_NAME, keyfile)
        self._keyfile = keyfile

    def rotate_key(self, new_passphrase: str) -> str | None:
        """Re-encrypt the database under a new random data key; a new passphrase too.

        Old key files, and the recovery code they held, stop opening the vault
        (see ``vault.store.rotation`` for the crash-safe order of writes). A
        vault with a recovery code gets a new one, returned to show once; None
        for a vault without one. Backups made earlier keep their own keys.
        """
        vault_id = self._keyfile.vault_id
        new_key = keys.new_data_key()
        code = keys.new_recovery_code() if self.has_recovery_slot() else None
        slots = [keys.passphrase_slot(new_passphrase, new_key, vault_id, self.kdf_params)]
        if code is not None:
            slots.append(keys.recovery_slot(code, new_key, vault_id))
        keyfile = keys.KeyFile(vault_id, tuple(slots))
        try:
            rotation.rotate(self.path, self.db, self._data_key, new_key, keyfile)
        except BaseException:
            keys.wipe(new_key)
            if not self.db.is_open:  # past the commit point: the next open finishes it
                self._abandon()
            raise
        keys.wipe(self._data_key)
        self._data_key, self._keyfile = new_key, keyfile
        return code

    def _abandon(self) -> None:
        """Lock a vault whose connection is already gone (a rotation that could not finish)."""
        keys.wipe(self._data_key)
        self._lock.release()
        _CoreDumpGuard.leave()

    def raw_key_for_copy(self) -> bytes:
        """The data key, for the backup code that copies the database with it."""
        return bytes(self._data_key)

    @property
    def keyfile(self) -> keys.KeyFile:
        return self._keyfile

    # -- proving the passphrase, and replacing the recovery code ---------------------

    def check_passphrase(self, passphrase: str) -> None:
        """Raise ``WrongSecret`` unless ``passphrase`` opens this vault; one Argon2id run.

        An open vault is no proof that the person at the keyboard knows the
        passphrase (they may have walked up to an unlocked laptop), so changing
        the passphrase or the recovery code asks for it again.
        """
        keys.wipe(keys.open_with_passphrase(self._keyfile, passphrase))

    def new_recovery_code(self) -> str:
        """Put a new recovery code in place of the old one (or add one); returned once.

        The old code stops opening the vault as soon as the key file is
        rewritten (atomically). Backups made earlier keep the key slots they
        were made with, so the old code still opens those.
        """
        code = keys.new_recovery_code()
        slot = keys.recovery_slot(code, self._data_key, self._keyfile.vault_id)
        if self.has_recovery_slot():
            keyfile = self._keyfile.with_slot(slot)
        else:
            keyfile = keys.KeyFile(self._keyfile.vault_id, (*self._keyfile.slots, slot))
        keys.write_keyfile(self.path / KEY_NAME, keyfile)
        self._keyfile = keyfile
        return code
