"""Attachments: files kept inside the encrypted vault, once per content.

The schema (migration 6: bytes keyed by SHA-256, references per entry and
name, the bytes gone with their last reference), the core API, import and
export of the files a note embeds or links, and backup and restore.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from knowhold.vault import Vault
from knowhold.vault.store.db import Database, connect
from knowhold.vault.store.keys import new_data_key
from knowhold.vault.store.schema import MIGRATIONS, current_version, migrate
from tests.conftest import START, FakeClock

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _count(vault: Vault, table: str) -> int:
    return int(vault.db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


# -- the schema ------------------------------------------------------------------------------


def test_a_vault_from_version_5_upgrades_with_its_entries_intact(tmp_path: Path, clock: FakeClock) -> None:
    db = Database(connect(tmp_path / "old.db", new_data_key()), clock)
    try:
        assert migrate(db.conn, MIGRATIONS[:5]) == 5  # the schema before attachments
        db.conn.execute(
            "INSERT INTO entries (id, kind, title, body, private, version, created_at, updated_at) "
            "VALUES ('abcd234567', 'note', 'Old', 'Kept ![[a.png]].', 0, 1, ?, ?)",
            (START, START),
        )
        assert migrate(db.conn) == current_version(db.conn) == len(MIGRATIONS)
        assert db.conn.execute("SELECT title, body FROM entries").fetchall() == [("Old", "Kept ![[a.png]].")]
        assert db.conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 0
    finally:
        db.close()


def test_bytes_go_with_their_last_reference(vault: Vault) -> None:
    """The cascade from entries fires the trigger: purging leaves no orphan bytes."""
    a = vault.entries.add("note", "A", "x")
    b = vault.entries.add("note", "B", "y")
    digest = hashlib.sha256(PNG).hexdigest()
    with vault.db.transaction() as conn:
        conn.execute(
            "INSERT INTO attachments (sha256, size, image, created_at, data) "
            "VALUES (?, ?, 'image/png', ?, ?)",
            (digest, len(PNG), START, PNG),
        )
        for entry in (a, b):
            conn.execute(
                "INSERT INTO entry_attachments (entry_rowid, name, sha256) "
                "SELECT rowid, 'a.png', ? FROM entries WHERE id = ?",
                (digest, entry.id),
            )
    vault.entries.trash(a.id)
    vault.entries.purge(a.id)
    assert (_count(vault, "entry_attachments"), _count(vault, "attachments")) == (1, 1)
    vault.entries.trash(b.id)
    assert vault.entries.empty_trash() == 1
    assert (_count(vault, "entry_attachments"), _count(vault, "attachments")) == (0, 0)
