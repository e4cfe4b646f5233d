"""The open SQLCipher connection and its transactions.

``Database`` is what every store (entries, search, porting…) is given: a
connection already keyed and configured, and the clock. The connection runs
in autocommit mode; each store groups its writes in ``transaction()`` so a
failure rolls back everything it started and nothing half-written remains.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlcipher

from knowhold.vault.errors import VaultCorrupt, VaultLocked, WrongSecret
from knowhold.vault.store.diskerrors import sqlite_failure_or_none
from knowhold.vault.store.keys import raw_key_pragma

Clock = Callable[[], int]
BUSY_TIMEOUT_MS = 10_000  # longer than any one transaction (a large import) should take


def connect(path: Path, data_key: bytes | bytearray) -> sqlcipher.Connection:
    """Open (or create) the encrypted database at ``path`` with ``data_key``.

    Raises ``WrongSecret`` when the key does not open the file.
    """
    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute(raw_key_pragma(data_key))
        # Pinned so a future SQLCipher with other defaults still opens v4 files.
        conn.execute("PRAGMA cipher_compatibility = 4")
        conn.execute("PRAGMA cipher_memory_security = ON")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError as exc:
            raise WrongSecret("The vault's key does not open its database.") from exc
        conn.execute("PRAGMA journal_mode = WAL")
        # Another process may write the same vault (the MCP server beside the app,
        # vault.agents): a write waits for the other's transaction instead of
        # failing at once with "database is locked".
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        # Sorts and temp indexes stay in memory: no temp file may hold plaintext.
        conn.execute("PRAGMA temp_store = MEMORY")
        # Deleted text is overwritten in the file rather than left in free pages.
        conn.execute("PRAGMA secure_delete = ON")
    except BaseException:
        conn.close()
        raise
    return conn


# Weakly referable, so caches of what was read through it go with it (vault.licensing.manifest_memo).
@dataclass(slots=True, weakref_slot=True)
class Database:
    _conn: sqlcipher.Connection | None
    clock: Clock
    # The vault's folder, named when a write fails (a full disk, a read-only folder).
    folder: Path | None = None

    @property
    def conn(self) -> sqlcipher.Connection:
        """The open connection; ``VaultLocked`` once the vault is closed."""
        if self._conn is None:
            raise VaultLocked()
        return self._conn

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def now(self) -> int:
        return int(self.clock())

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlcipher.Connection]:
        conn = self.conn
        if conn.in_transaction:  # nested use joins the outer transaction
            yield conn
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                self._rollback(conn)
                raise
            try:
                conn.execute("COMMIT")
            except sqlcipher.Error as exc:
                self._rollback(conn)
                if sqlite_failure_or_none(exc, self.folder) is None:
                    raise VaultCorrupt("The vault could not save the change.") from exc
                raise
        except sqlcipher.Error as exc:
            # A full disk or a read-only folder, at any statement or at COMMIT:
            # rolled back above, so the sentence can say nothing was changed.
            mapped = sqlite_failure_or_none(exc, self.folder)
            if mapped is None:
                raise
            raise mapped from exc

    @staticmethod
    def _rollback(conn: sqlcipher.Connection) -> None:
        # SQLite may already have rolled back by itself (it does on SQLITE_FULL);
        # a second ROLLBACK would replace the real error with "no transaction".
        if conn.in_transaction:
            conn.execute("ROLLBACK")

    def get_meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def reconnect(self, conn: sqlcipher.Connection) -> None:
        """Take ``conn`` in place of the closed connection (a key rotation swaps files).

        The stores keep this ``Database`` object, so they follow without knowing.
        """
        if self._conn is not None:
            raise VaultCorrupt("The vault's connection is still open.")
        self._conn = conn

    def close(self) -> None:
        if self._conn is not None:
            conn, self._conn = self._conn, None
            with contextlib.suppress(sqlcipher.Error):
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
