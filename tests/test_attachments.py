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
from knowhold.vault.errors import AttachmentTooLarge, ExportFailed, InvalidValue, NotFound, UnsafeText
from knowhold.vault.knowledge.attachments import MAX_ATTACHMENT, OCTET_STREAM, Attachment
from knowhold.vault.knowledge.filerefs import FileRef, file_refs, mentioned_names
from knowhold.vault.knowledge.markdown_export import EXPORT_MARKER, export_markdown
from knowhold.vault.knowledge.markdown_import import import_markdown
from knowhold.vault.knowledge.porting import SkipReason
from knowhold.vault.store.backup import backup, restore
from knowhold.vault.store.db import Database, connect
from knowhold.vault.store.keys import new_data_key
from knowhold.vault.store.schema import MIGRATIONS, current_version, migrate
from tests.conftest import FAST_KDF, PASSPHRASE, START, FakeClock

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
    vault.attachments.add(b.id, "spec.pdf", PDF)
    vault.attachments.add(b.id, "spec.pdf", PDF)  # again, as a re-import does: its only reference
    assert vault.attachments.data(b.id, "spec.pdf") == PDF
    vault.attachments.remove(b.id, "spec.pdf")
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


# -- what a note refers to -------------------------------------------------------------------


def test_references_are_read_as_obsidian_and_markdown_write_them() -> None:
    body = (
        "![[image.png]] ![[image.png|300]] ![[spec.pdf#page=2]] ![[Other note]]\n"
        '![alt](img/photo%20one.png "title") [doc](files/spec.pdf) [web](https://x.org/a.png) [h](#top)\n'
        "![](图片/截图.png) [[Note]] [[data.csv]] `![[code.png]]` ![](<my pic.png>) ![](/etc/passwd)\n"
        "\n    ![[indented.png]]\n"
    )
    assert file_refs(body) == [
        FileRef("image.png", wiki=True),
        FileRef("image.png", wiki=True),
        FileRef("spec.pdf", wiki=True),
        FileRef("Other note", wiki=True),
        FileRef("img/photo one.png", wiki=False),
        FileRef("files/spec.pdf", wiki=False),
        FileRef("图片/截图.png", wiki=False),
        FileRef("data.csv", wiki=True),
        FileRef("my pic.png", wiki=False),
    ]


@pytest.mark.parametrize(
    "body",
    [
        "![[sub/a b.png|300]]",
        "![x](<dir/a b.png>)",
        "![x](dir/a%20b.png#frag)",
        "[x](a\\ b.png)",  # not a link: a space ends a bare destination
        "![x](a&#32;b.png)",
        "[x][r]\n\n[r]: <../a b.png>",
        "[x][r]\n\n  [r]: a%20b.png",
        "[[a b.png]]",
    ],
)
def test_mentioned_names_never_miss_a_reference(body: str) -> None:
    """The cheap look before parsing: whatever file_refs finds, it names too."""
    assert {ref.name for ref in file_refs(body)} <= mentioned_names(body)
    assert "a b.png" in mentioned_names(body) or not file_refs(body)


# -- import ----------------------------------------------------------------------------------


def _write(root: Path, files: dict[str, bytes | str]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return root


def _attached(vault: Vault, title: str) -> dict[str, bytes]:
    entry = next(e for e in vault.entries.page()[0] if e.title == title)
    return {a.name: vault.attachments.data(entry.id, a.name) for a in vault.attachments.list(entry.id)}


def test_import_attaches_what_notes_embed_and_link(vault: Vault, tmp_path: Path) -> None:
    notes = _write(
        tmp_path / "Obsidian",
        {
            "Daily/复盘.md": "截图 ![[截图 1.png|300]] and ![](../assets/diagram.png) [spec](files/规格.pdf)",
            "Daily/files/规格.pdf": PDF,
            "assets/diagram.png": JPEG,
            "attachments/截图 1.png": PNG,
            "deep/er/截图 1.png": b"a longer path loses",
            "Other.md": "Same picture: ![[截图 1.png]]; [[missing.pdf]], `![[code.png]]`",
            "code.png": b"never attached: inside code",
            "unused.zip": b"PK",
        },
    )
    summary = import_markdown(vault, [notes])
    assert summary.created == 2
    assert sorted(summary.attached) == [
        "Obsidian/Daily/files/规格.pdf",
        "Obsidian/assets/diagram.png",
        "Obsidian/attachments/截图 1.png",
    ]
    assert sorted(summary.skipped) == [
        ("Obsidian/code.png", SkipReason.NOT_MARKDOWN),
        ("Obsidian/deep/er/截图 1.png", SkipReason.NOT_MARKDOWN),
        ("Obsidian/unused.zip", SkipReason.NOT_MARKDOWN),
    ]
    assert _attached(vault, "复盘") == {"截图 1.png": PNG, "diagram.png": JPEG, "规格.pdf": PDF}
    assert _attached(vault, "Other") == {"截图 1.png": PNG}
    assert _count(vault, "attachments") == 3  # the picture both notes use is stored once
    body = vault.entries.get(next(e.id for e in vault.entries.page()[0] if e.title == "复盘")).body
    assert "![[截图 1.png|300]]" in body and "![](../assets/diagram.png)" in body  # left as written

    (notes / "assets/diagram.png").write_bytes(PNG)  # a changed file, its note unchanged
    again = import_markdown(vault, [notes])
    assert (again.created, again.unchanged) == (0, 2)
    assert _attached(vault, "复盘")["diagram.png"] == PNG
    assert _count(vault, "attachments") == 2


def test_import_skips_attachments_it_may_not_take(vault: Vault, tmp_path: Path) -> None:
    notes = _write(
        tmp_path / "notes",
        {
            "a.md": "![](one/pic.png) ![](two/pic.png) ![[big.bin]]",
            "one/pic.png": PNG,
            "two/pic.png": JPEG,
        },
    )
    with (notes / "big.bin").open("wb") as big:
        big.truncate(MAX_ATTACHMENT + 1)
    summary = import_markdown(vault, [notes])
    assert summary.attached == ("notes/one/pic.png",)
    assert sorted(summary.skipped) == [
        ("notes/big.bin", SkipReason.ATTACHMENT_TOO_LARGE),
        ("notes/two/pic.png", SkipReason.NAME_TAKEN),
    ]
    assert _attached(vault, "a") == {"pic.png": PNG}


def test_a_link_out_of_the_folder_attaches_nothing(vault: Vault, tmp_path: Path) -> None:
    _write(tmp_path, {"secret.png": PNG})
    notes = _write(tmp_path / "notes", {"a.md": "![](../secret.png) ![[../secret.png]]"})
    (notes / "inside.png").symlink_to(tmp_path / "secret.png")
    (notes / "b.md").write_text("![[inside.png]]")
    summary = import_markdown(vault, [notes])
    assert summary.attached == ()
    assert summary.skipped == (("notes/inside.png", SkipReason.LINK_OUTSIDE),)
    assert _count(vault, "attachments") == 0


# -- export ----------------------------------------------------------------------------------


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and p.suffix != ".md" and p.name != EXPORT_MARKER
    }


def _everything(vault: Vault) -> dict[str, dict[str, bytes]]:
    return {e.title: _attached(vault, e.title) for e in vault.entries.page()[0]}


def test_export_writes_files_where_the_links_point_and_import_brings_them_back(
    vault: Vault, tmp_path: Path, clock: FakeClock
) -> None:
    body = "![[截图 1.png|300]] ![](img/图.png) [spec](../shared/规格.pdf)"
    first = vault.entries.add("note", "复盘", body)
    vault.attachments.add(first.id, "截图 1.png", PNG)
    vault.attachments.add(first.id, "图.png", JPEG)
    vault.attachments.add(first.id, "规格.pdf", PDF)
    vault.attachments.add(first.id, "unlinked.bin", b"\x00kept")
    clock.advance(60)  # export writes in the order of creation: the first takes the path
    second = vault.entries.add("note", "Second", "![](img/图.png) ![[截图 1.png]]")
    vault.attachments.add(second.id, "图.png", b"GIF89a other bytes, same path")
    vault.attachments.add(second.id, "截图 1.png", PNG)
    third = vault.entries.add("heuristic", "Third", "![](%E5%9B%BE.png)")
    vault.attachments.add(third.id, "图.png", JPEG)

    out = tmp_path / "export"
    summary = export_markdown(vault, out)
    assert (summary.written, summary.attachments) == (3, 6)
    assert _files(out) == {
        "attachments/截图 1.png": PNG,
        "note/img/图.png": JPEG,
        "shared/规格.pdf": PDF,
        "attachments/unlinked.bin": b"\x00kept",
        f"attachments/{second.id}/图.png": b"GIF89a other bytes, same path",  # its path was taken
        "heuristic/图.png": JPEG,
    }
    assert export_markdown(vault, out).removed == 0  # its own files, overwritten in place

    with Vault.create(tmp_path / "other", PASSPHRASE, clock=clock, name="Other", kdf=FAST_KDF).vault as other:
        imported = import_markdown(other, [out])
        assert imported.created == 3
        assert _everything(other) == {
            # unlinked.bin: nothing links it, so nothing brings it back
            "复盘": {"截图 1.png": PNG, "图.png": JPEG, "规格.pdf": PDF},
            "Second": {"图.png": JPEG, "截图 1.png": PNG},  # its path points at the first note's file
            "Third": {"图.png": JPEG},
        }
        assert _count(other, "attachments") == 3  # deduplicated again
        assert (f"export/attachments/{second.id}/图.png", SkipReason.NOT_MARKDOWN) in imported.skipped


def test_a_faithful_round_trip_when_names_do_not_clash(
    vault: Vault, tmp_path: Path, clock: FakeClock
) -> None:
    notes = _write(
        tmp_path / "Obsidian",
        {
            "Daily/复盘.md": "![[截图 1.png|300]] ![](../assets/diagram.png) [spec](files/规格.pdf)",
            "Daily/files/规格.pdf": PDF,
            "assets/diagram.png": JPEG,
            "attachments/截图 1.png": PNG,
            "Other.md": "![[截图 1.png]]",
        },
    )
    import_markdown(vault, [notes])
    out = tmp_path / "export"
    export_markdown(vault, out)
    with Vault.create(tmp_path / "other", PASSPHRASE, clock=clock, name="Other", kdf=FAST_KDF).vault as other:
        summary = import_markdown(other, [out])
        assert summary.skipped == ()
        assert _everything(other) == _everything(vault)
        assert _count(other, "attachments") == _count(vault, "attachments") == 3


def test_export_never_overwrites_the_users_file(vault: Vault, tmp_path: Path) -> None:
    entry = vault.entries.add("note", "A", "![](pic.png)")
    vault.attachments.add(entry.id, "pic.png", PNG)
    out = tmp_path / "export"
    export_markdown(vault, out)
    (out / "note/pic.png").write_bytes(b"edited by hand")
    assert export_markdown(vault, out).attachments == 1
    assert (out / "note/pic.png").read_bytes() == b"edited by hand"
    assert (out / f"attachments/{entry.id}/pic.png").read_bytes() == PNG
    vault.attachments.remove(entry.id, "pic.png")
    assert export_markdown(vault, out).removed == 1  # Knowhold's copy goes, with its folders
    assert not (out / "attachments").exists() and (out / "note/pic.png").exists()


# -- backup and restore ----------------------------------------------------------------------


def test_backup_and_restore_carry_attachments_byte_for_byte(
    vault: Vault, tmp_path: Path, clock: FakeClock
) -> None:
    big = bytes((i * 7919) % 251 for i in range(3 * 1024 * 1024))  # many overflow pages
    a = vault.entries.add("note", "A", "![[图.png]] ![[big.bin]]")
    b = vault.entries.add("note", "B", "![[图.png]]")
    vault.attachments.add(a.id, "图.png", PNG)
    vault.attachments.add(a.id, "big.bin", big)
    vault.attachments.add(b.id, "图.png", PNG)
    backup(vault, tmp_path / "vault.bak")
    restored = restore(tmp_path / "vault.bak", tmp_path / "restored", passphrase=PASSPHRASE, clock=clock)
    with restored:
        assert _everything(restored) == {"A": {"图.png": PNG, "big.bin": big}, "B": {"图.png": PNG}}
        assert _count(restored, "attachments") == 2
        restored.entries.trash(a.id)
        restored.entries.trash(b.id)
        restored.entries.empty_trash()
        assert _count(restored, "attachments") == 0  # the trigger came along too


def test_export_goes_through_no_link_planted_in_an_earlier_export(vault: Vault, tmp_path: Path) -> None:
    entry = vault.entries.add("note", "A", "![[pic.png]]")
    vault.attachments.add(entry.id, "pic.png", PNG)
    out = tmp_path / "export"
    export_markdown(vault, out)
    elsewhere = _write(tmp_path / "elsewhere", {"pic.png": PNG})
    (out / "attachments/pic.png").unlink()
    (out / "attachments").rmdir()
    (out / "attachments").symlink_to(elsewhere)
    vault.attachments.remove(entry.id, "pic.png")
    with pytest.raises(ExportFailed, match="symbolic link"):
        export_markdown(vault, out)
    assert (elsewhere / "pic.png").read_bytes() == PNG
