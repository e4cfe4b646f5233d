"""Nothing readable leaves the encrypted files.

Writes entries carrying unique markers (Latin and Chinese), edits them (so
old versions exist), searches (so FTS5 does its work), trashes one, closes
the vault, then looks for each marker in every file of the vault folder
(database, WAL, SHM, key file, lock file) in UTF-8 and UTF-16.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from knowhold.vault import Vault
from tests.conftest import FAST_KDF, PASSPHRASE, FakeClock


def _encodings(marker: str) -> list[bytes]:
    return [marker.encode(enc) for enc in ("utf-8", "utf-16-le", "utf-16-be")]


def _assert_absent(folder: Path, markers: list[str]) -> list[str]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert files, "the vault folder is empty"
    for path in files:
        data = path.read_bytes()
        for marker in markers:
            for needle in _encodings(marker):
                assert needle not in data, f"{marker!r} found in {path.name}"
    return sorted(p.name for p in files)


def test_markers_never_reach_disk_in_plaintext(vault_path: Path, clock: FakeClock) -> None:
    latin = "zqxmarker" + secrets.token_hex(8)
    chinese = "机密标记" + "".join(secrets.choice("甲乙丙丁戊己庚辛壬癸") for _ in range(6))
    title_marker = "titlemark" + secrets.token_hex(6)
    tag_marker = "tagmark" + secrets.token_hex(6)

    created = Vault.create(vault_path, PASSPHRASE, clock=clock, name="Marker", kdf=FAST_KDF)
    vault = created.vault
    entry = vault.entries.add(
        "heuristic", title_marker, f"The rule: {latin} and {chinese}.", tags=[tag_marker]
    )
    vault.entries.update(entry.id, body=f"Second version still has {latin} {chinese}")
    other = vault.entries.add("note", "Another", f"{latin} in the trash")
    vault.entries.trash(other.id)
    vault.db.conn.execute("SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?", (latin,)).fetchall()

    # While open, the WAL holds recent pages: they must be encrypted too.
    wal = vault_path / "vault.db-wal"
    assert wal.exists()
    _assert_absent(vault_path, [latin, chinese, title_marker, tag_marker])

    vault.close()
    names = _assert_absent(vault_path, [latin, chinese, title_marker, tag_marker])
    assert "vault.db" in names and "vault.key" in names
    assert not any(name.endswith(".tmp") for name in names)


def test_attachment_bytes_never_reach_disk_in_plaintext(vault_path: Path, clock: FakeClock) -> None:
    """Attachments live in the database, never as files; their bytes and names are encrypted too."""
    marker = "attachmark" + secrets.token_hex(8)
    name = f"机密{secrets.token_hex(4)}.pdf"
    data = b"%PDF-1.7\n" + marker.encode("ascii") * 64
    vault = Vault.create(vault_path, PASSPHRASE, clock=clock, name="Marker", kdf=FAST_KDF).vault
    entry = vault.entries.add("note", "Files", "See the file.")
    vault.attachments.add(entry.id, name, data)
    other = vault.entries.add("note", "Gone", "x")
    vault.attachments.add(other.id, "gone.bin", marker.encode("ascii")[::-1] * 64)
    vault.entries.trash(other.id)
    vault.entries.empty_trash()
    _assert_absent(vault_path, [marker, marker[::-1], name])
    vault.close()
    names = _assert_absent(vault_path, [marker, marker[::-1], name])
    assert all(n.startswith("vault.") for n in names), names  # the database's files, and no other
