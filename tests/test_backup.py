"""Encrypted backup to one file, and restore into a new vault."""

from __future__ import annotations

import hashlib
import secrets
import struct
from pathlib import Path

import pytest

from knowhold.vault import Created, Entry, Vault, VersionInfo
from knowhold.vault.errors import BackupError, Cancelled, InvalidValue, VaultExists, WrongSecret
from knowhold.vault.licensing.identity import Identity
from knowhold.vault.licensing.received import Library
from knowhold.vault.store.backup import MAGIC, backup, restore
from tests.conftest import PASSPHRASE, START, FakeClock
from tests.licensing_kit import DAY, make_package, me, trust

LATIN = "zqxbackupmarker" + secrets.token_hex(6)
CHINESE = "备份标记" + "".join(secrets.choice("甲乙丙丁戊己庚辛") for _ in range(6))


def _fill(vault: Vault, clock: FakeClock) -> list[Entry]:
    first = vault.entries.add("heuristic", "Rule", f"Keep {LATIN} and {CHINESE}.", tags=["复盘"])
    clock.advance(10)
    first = vault.entries.update(first.id, body=f"Second version {LATIN}.")
    other = vault.entries.add("note", "Private", "secret", private=True)
    gone = vault.entries.add("note", "Trashed", "x")
    vault.entries.trash(gone.id)
    return [first, other, vault.entries.get(gone.id)]


def _snapshot(vault: Vault) -> dict[str, tuple[Entry, list[VersionInfo]]]:
    """Every entry, live and trashed, with its whole history."""
    ids = [s.id for s in vault.entries.page()[0] + vault.entries.page(trash=True)[0]]
    return {i: (vault.entries.get(i), vault.entries.history(i)) for i in ids}


@pytest.fixture
def backup_file(created: Created, clock: FakeClock, tmp_path: Path) -> Path:
    _fill(created.vault, clock)
    out = tmp_path / "vault.khbackup"
    summary = backup(created.vault, out)
    assert summary.size == out.stat().st_size
    return out


def _assert_nothing_at(path: Path) -> None:
    assert not path.exists()


def test_restore_with_passphrase_is_identical(
    created: Created, backup_file: Path, clock: FakeClock, tmp_path: Path
) -> None:
    before = _snapshot(created.vault)
    # The backup was taken while the vault was open; later changes are not in it.
    created.vault.entries.add("note", "After the backup", "not in it")
    target = tmp_path / "restored"
    with restore(backup_file, target, passphrase=PASSPHRASE, clock=clock) as restored:
        assert _snapshot(restored) == before
        assert restored.vault_id == created.vault.vault_id
        assert restored.name == "Li Wei"
        hits = restored.db.conn.execute(
            "SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ?", (LATIN,)
        ).fetchone()[0]
        assert hits == 1  # the search index came along
        restored.entries.add("note", "Works", "after restore")
    assert (target / "vault.key").stat().st_mode & 0o077 == 0
    assert (target / "vault.db").stat().st_mode & 0o077 == 0
    Vault.open(target, PASSPHRASE, clock=clock).close()


def test_restore_with_recovery_code(
    created: Created, backup_file: Path, clock: FakeClock, tmp_path: Path
) -> None:
    code = created.recovery_code.lower().replace("-", " ")
    with restore(backup_file, tmp_path / "r", recovery_code=code, clock=clock) as restored:
        assert _snapshot(restored) == _snapshot(created.vault)


def test_received_licenses_and_their_content_come_back(
    created: Created, clock: FakeClock, tmp_path: Path, licensor: Identity
) -> None:
    vault = created.vault
    trust(vault, licensor)
    library = Library(vault)
    live = library.ingest(make_package(licensor, me(vault))).license_id
    ended = library.ingest(make_package(licensor, me(vault), expires_at=START + DAY)).license_id
    _record, entries = library.show(live)
    clock.advance(2 * DAY)
    backup(vault, tmp_path / "acme.bak")  # destroys the ended license's content first
    with restore(tmp_path / "acme.bak", tmp_path / "r", passphrase=PASSPHRASE, clock=clock) as restored:
        again = Library(restored)
        assert again.show(live)[1] == entries
        assert {r.license_id: r.status for r in again.licenses()} == {live: "active", ended: "destroyed"}
        kept = restored.db.conn.execute("SELECT license_id FROM received_content").fetchall()
        assert kept == [(live,)]


def test_backup_holds_no_plaintext(backup_file: Path) -> None:
    data = backup_file.read_bytes()
    assert data.startswith(MAGIC)
    for marker in (LATIN, CHINESE, "Rule", "Trashed"):
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert marker.encode(encoding) not in data
    leftovers = [p.name for p in backup_file.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_backup_keeps_the_passphrase_of_its_time(created: Created, clock: FakeClock, tmp_path: Path) -> None:
    vault = created.vault
    vault.entries.add("note", "t", "b")
    old = backup(vault, tmp_path / "old.bak").path
    vault.change_passphrase("a new passphrase")
    with pytest.raises(WrongSecret):
        restore(old, tmp_path / "a", passphrase="a new passphrase", clock=clock)
    _assert_nothing_at(tmp_path / "a")
    restore(old, tmp_path / "b", passphrase=PASSPHRASE, clock=clock).close()


def test_backup_replaces_an_older_file(created: Created, clock: FakeClock, tmp_path: Path) -> None:
    out = tmp_path / "b.bak"
    out.write_bytes(b"an older backup")
    created.vault.entries.add("note", "t", "b")
    summary = backup(created.vault, out)
    data = out.read_bytes()
    assert data.startswith(MAGIC) and len(data) == summary.size
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.bak", "vault"]


def test_backup_progress_and_cancel(created: Created, tmp_path: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    out = tmp_path / "b.bak"
    summary = backup(created.vault, out, progress=lambda d, t, s: calls.append((d, t, s)))
    assert calls[0] == (0, 0, "export")
    assert calls[-1] == (summary.size - 32, summary.size, "write")

    def cancel(done: int, total: int, stage: str) -> None:
        if stage == "write":
            raise Cancelled()

    out2 = tmp_path / "cancelled.bak"
    with pytest.raises(Cancelled):
        backup(created.vault, out2, progress=cancel)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.bak", "vault"]


def test_backup_to_a_folder_is_refused(created: Created, tmp_path: Path) -> None:
    with pytest.raises(BackupError):
        backup(created.vault, tmp_path)
    with pytest.raises(BackupError):
        backup(created.vault, tmp_path / "missing" / "b.bak")


def test_wrong_passphrase_creates_nothing(backup_file: Path, clock: FakeClock, tmp_path: Path) -> None:
    target = tmp_path / "new" / "restored"
    with pytest.raises(WrongSecret):
        restore(backup_file, target, passphrase="wrong", clock=clock)
    with pytest.raises(WrongSecret):
        restore(backup_file, target, recovery_code="0000-0000-0000-0000-0000-0000-0000-0000", clock=clock)
    _assert_nothing_at(tmp_path / "new")


@pytest.mark.parametrize("where", ["magic", "version", "length", "keyfile", "database", "digest"])
def test_damaged_backup_is_refused(backup_file: Path, clock: FakeClock, tmp_path: Path, where: str) -> None:
    data = bytearray(backup_file.read_bytes())
    keyfile_size = struct.unpack(">I", data[18:22])[0]
    offset = {
        "magic": 3,
        "version": 17,
        "length": 25,
        "keyfile": 30 + keyfile_size // 2,
        "database": len(data) - 32 - 100,
        "digest": len(data) - 1,
    }[where]
    data[offset] ^= 0x01
    damaged = tmp_path / "damaged.bak"
    damaged.write_bytes(bytes(data))
    with pytest.raises(BackupError):
        restore(damaged, tmp_path / "r", passphrase=PASSPHRASE, clock=clock)
    _assert_nothing_at(tmp_path / "r")


def test_damage_behind_a_valid_checksum_is_caught_and_cleaned_up(
    backup_file: Path, clock: FakeClock, tmp_path: Path
) -> None:
    # A crafted file can carry a matching SHA-256; SQLCipher's page HMAC still refuses
    # the database, after it was written, and the restore removes everything it made.
    data = bytearray(backup_file.read_bytes()[:-32])
    keyfile_size = struct.unpack(">I", data[18:22])[0]
    data[30 + keyfile_size + 200] ^= 0x01  # inside the database's first page
    crafted = tmp_path / "crafted.bak"
    crafted.write_bytes(bytes(data) + hashlib.sha256(data).digest())
    with pytest.raises(BackupError, match="database inside the backup"):
        restore(crafted, tmp_path / "new" / "r", passphrase=PASSPHRASE, clock=clock)
    _assert_nothing_at(tmp_path / "new")


@pytest.mark.parametrize("kind", ["empty", "truncated", "extended", "random", "header only"])
def test_foreign_or_incomplete_files_are_refused(
    backup_file: Path, clock: FakeClock, tmp_path: Path, kind: str
) -> None:
    data = backup_file.read_bytes()
    content = {
        "empty": b"",
        "truncated": data[: len(data) // 2],
        "extended": data + b"\x00",
        "random": secrets.token_bytes(4096),
        "header only": data[:30],
    }[kind]
    bad = tmp_path / "bad.bak"
    bad.write_bytes(content)
    with pytest.raises(BackupError):
        restore(bad, tmp_path / "r", passphrase=PASSPHRASE, clock=clock)
    _assert_nothing_at(tmp_path / "r")


def test_newer_format_asks_for_an_update(backup_file: Path, clock: FakeClock, tmp_path: Path) -> None:
    data = bytearray(backup_file.read_bytes())
    data[16:18] = struct.pack(">H", 2)
    newer = tmp_path / "newer.bak"
    newer.write_bytes(bytes(data))
    with pytest.raises(BackupError, match="newer Knowhold"):
        restore(newer, tmp_path / "r", passphrase=PASSPHRASE, clock=clock)


def test_missing_backup_file(clock: FakeClock, tmp_path: Path) -> None:
    with pytest.raises(BackupError):
        restore(tmp_path / "nope.bak", tmp_path / "r", passphrase=PASSPHRASE, clock=clock)
    _assert_nothing_at(tmp_path / "r")


def test_restore_onto_an_existing_vault_is_refused(
    created: Created, backup_file: Path, clock: FakeClock
) -> None:
    path = created.vault.path
    before = {p.name: p.read_bytes() for p in path.iterdir() if p.name != "vault.db-shm"}
    with pytest.raises(VaultExists):
        restore(backup_file, path, passphrase=PASSPHRASE, clock=clock)
    after = {p.name: p.read_bytes() for p in path.iterdir() if p.name != "vault.db-shm"}
    assert after == before


def test_restore_into_an_existing_folder_keeps_its_files(
    backup_file: Path, clock: FakeClock, tmp_path: Path
) -> None:
    target = tmp_path / "folder"
    target.mkdir()
    (target / "readme.txt").write_text("mine")
    with pytest.raises(WrongSecret):
        restore(backup_file, target, passphrase="wrong", clock=clock)
    damaged = tmp_path / "damaged.bak"
    data = bytearray(backup_file.read_bytes())
    data[-100] ^= 1
    damaged.write_bytes(bytes(data))
    with pytest.raises(BackupError):
        restore(damaged, target, passphrase=PASSPHRASE, clock=clock)
    assert sorted(p.name for p in target.iterdir()) == ["readme.txt"]
    restore(backup_file, target, passphrase=PASSPHRASE, clock=clock).close()
    assert {"readme.txt", "vault.key", "vault.db"} <= {p.name for p in target.iterdir()}


def test_exactly_one_secret(backup_file: Path, clock: FakeClock, tmp_path: Path) -> None:
    with pytest.raises(InvalidValue):
        restore(backup_file, tmp_path / "r", clock=clock)
    with pytest.raises(InvalidValue):
        restore(backup_file, tmp_path / "r", passphrase="a", recovery_code="b", clock=clock)
