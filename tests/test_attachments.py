"""Attachments: files kept inside the encrypted vault, once per content.

The schema (migration 6: bytes keyed by SHA-256, references per entry and
name, the bytes gone with their last reference), the core API, import and
export of the files a note embeds or links, and backup and restore.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.errors import AttachmentTooLarge, InvalidValue, NotFound, UnsafeText
from knowhold.vault.knowledge.attachments import MAX_ATTACHMENT, OCTET_STREAM, Attachment
from knowhold.vault.store.db import Database, connect
from knowhold.vault.store.keys import new_data_key
from knowhold.vault.store.schema import MIGRATIONS, current_version, migrate
from tests.conftest import START, FakeClock

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256))
PDF = b"%PDF-1.7\n" + bytes(range(256))


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
    vault.attachments.add(a.id, "a.png", PNG)
    vault.attachments.add(b.id, "b.png", PNG)
    vault.entries.trash(a.id)
    vault.entries.purge(a.id)
    assert (_count(vault, "entry_attachments"), _count(vault, "attachments")) == (1, 1)
    vault.entries.trash(b.id)
    assert vault.entries.empty_trash() == 1
    assert (_count(vault, "entry_attachments"), _count(vault, "attachments")) == (0, 0)


# -- the core API ----------------------------------------------------------------------------


def test_add_list_read_and_remove(vault: Vault) -> None:
    entry = vault.entries.add("note", "Pictures", "![[a.png]]")
    added = vault.attachments.add(entry.id, "a.png", PNG)
    assert added == Attachment(hashlib.sha256(PNG).hexdigest(), "a.png", len(PNG), "image/png")
    vault.attachments.add(entry.id, "spec.pdf", PDF)
    assert [(a.name, a.mime) for a in vault.attachments.list(entry.id)] == [
        ("a.png", "image/png"),
        ("spec.pdf", "application/pdf"),
    ]
    assert vault.attachments.data(entry.id, "a.png") == PNG
    assert vault.attachments.data_by_hash(added.sha256) == PNG
    vault.attachments.remove(entry.id, "a.png")
    assert [a.name for a in vault.attachments.list(entry.id)] == ["spec.pdf"]
    with pytest.raises(NotFound):
        vault.attachments.data(entry.id, "a.png")
    with pytest.raises(NotFound):
        vault.attachments.data_by_hash(added.sha256)  # its last reference went
    with pytest.raises(NotFound):
        vault.attachments.remove(entry.id, "a.png")
    with pytest.raises(NotFound):
        vault.attachments.list("zzzz234567")


def test_the_same_bytes_are_stored_once(vault: Vault) -> None:
    a = vault.entries.add("note", "A", "x")
    b = vault.entries.add("note", "B", "y")
    vault.attachments.add(a.id, "one.png", PNG)
    vault.attachments.add(a.id, "two.png", PNG)
    vault.attachments.add(b.id, "图片.png", PNG)
    assert (_count(vault, "attachments"), _count(vault, "entry_attachments")) == (1, 3)
    vault.attachments.add(a.id, "one.png", JPEG)  # the same name takes new bytes
    assert vault.attachments.data(a.id, "one.png") == JPEG
    assert _count(vault, "attachments") == 2
    vault.attachments.remove(a.id, "two.png")
    vault.attachments.remove(b.id, "图片.png")
    assert vault.db.conn.execute("SELECT image FROM attachments").fetchall() == [("image/jpeg",)]


def test_a_file_over_the_limit_is_refused_with_a_sentence(vault: Vault) -> None:
    entry = vault.entries.add("note", "Big", "x")
    vault.attachments.add(entry.id, "edge.bin", bytes(MAX_ATTACHMENT))
    with pytest.raises(AttachmentTooLarge, match=r"^huge\.bin is larger than 25 MiB") as refused:
        vault.attachments.add(entry.id, "huge.bin", bytes(MAX_ATTACHMENT + 1))
    assert isinstance(refused.value, InvalidValue) and refused.value.exit_code == 2
    assert [a.name for a in vault.attachments.list(entry.id)] == ["edge.bin"]


@pytest.mark.parametrize("name", ["", " ", ".", "..", "a/b.png", "a\\b.png", "x" * 256])
def test_a_name_must_be_a_plain_file_name(vault: Vault, name: str) -> None:
    entry = vault.entries.add("note", "Names", "x")
    with pytest.raises(InvalidValue):
        vault.attachments.add(entry.id, name, PNG)


@pytest.mark.parametrize("name", ["a\u202egnp.exe", "a\x1b[31m.png", "zero\u200bwidth.png"])
def test_a_name_with_invisible_characters_is_refused(vault: Vault, name: str) -> None:
    entry = vault.entries.add("note", "Names", "x")
    with pytest.raises(UnsafeText):
        vault.attachments.add(entry.id, name, PNG)


def test_names_are_kept_in_nfc(vault: Vault) -> None:
    entry = vault.entries.add("note", "Names", "x")
    vault.attachments.add(entry.id, "cafe\u0301.png", PNG)  # as macOS spells file names
    assert [a.name for a in vault.attachments.list(entry.id)] == ["caf\u00e9.png"]
    assert vault.attachments.data(entry.id, "cafe\u0301.png") == PNG


@pytest.mark.parametrize(
    ("name", "data", "mime"),
    [
        ("photo.jpg", JPEG, "image/jpeg"),
        ("anim", b"GIF89a" + bytes(20), "image/gif"),
        ("x.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
        ("fake.png", b"not an image", OCTET_STREAM),  # the name claims what the bytes do not
        ("logo.svg", b"<svg onload='alert(1)'/>", OCTET_STREAM),  # a document, never rendered
        ("notes.txt", b"plain", "text/plain"),
        ("blob", b"\x00\x01", OCTET_STREAM),
    ],
)
def test_the_type_comes_from_the_bytes_for_images(vault: Vault, name: str, data: bytes, mime: str) -> None:
    entry = vault.entries.add("note", "Types", "x")
    assert vault.attachments.add(entry.id, name, data).mime == mime
    assert vault.attachments.list(entry.id)[0].mime == mime
