"""Every file in a vault folder is the owner's alone (0600), from the moment it exists.

SQLCipher encrypts the pages, but a readable ``vault.db`` still lets any other
user on the machine copy it for offline guessing, and a readable ``vault.lock``
tells them when the vault is open. The umask is set wide open (0o022 is the
common default) so the test shows what the code does, not what the umask hides.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.store import backup
from knowhold.vault.store.storage import DB_NAME, KEY_NAME, LOCK_NAME
from tests.conftest import FAST_KDF, PASSPHRASE, FakeClock

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def modes(folder: Path) -> dict[str, int]:
    return {p.name: stat.S_IMODE(p.lstat().st_mode) for p in folder.iterdir()}


def assert_private(folder: Path) -> None:
    found = modes(folder)
    assert {DB_NAME, KEY_NAME, LOCK_NAME} <= set(found)
    assert {name: mode for name, mode in found.items() if mode != 0o600} == {}
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_every_file_is_private_after_create_writes_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "vault"
    created = Vault.create(path, PASSPHRASE, clock=FakeClock(), kdf=FAST_KDF)
    vault = created.vault
    try:
        assert_private(path)
        for i in range(20):
            vault.entries.add("note", f"Entry {i}", "body " * 200)
        # The WAL and its index exist while the vault is open and written to.
        assert {DB_NAME + "-wal", DB_NAME + "-shm"} <= set(modes(path))
        assert_private(path)
    finally:
        vault.close()
    assert_private(path)
    with Vault.open(path, PASSPHRASE, clock=FakeClock()) as again:
        again.entries.add("note", "After reopening", "x")
        assert_private(path)


def test_open_makes_an_older_vaults_files_private(tmp_path: Path) -> None:
    path = tmp_path / "vault"
    created = Vault.create(path, PASSPHRASE, clock=FakeClock(), kdf=FAST_KDF)
    created.vault.entries.add("note", "Kept", "x")
    created.vault.close()
    # As an older Knowhold (or a copy with cp) left them: readable by everyone.
    os.chmod(path, 0o755)
    for child in path.iterdir():
        os.chmod(child, 0o644)
    (path / "notes.txt").write_text("the user's own file in the folder")
    os.chmod(path / "notes.txt", 0o644)
    with Vault.open(path, PASSPHRASE, clock=FakeClock()) as vault:
        assert_private(path)
        assert vault.entries.page()[1] == 1


def test_open_does_not_follow_a_symlink_in_the_folder(tmp_path: Path) -> None:
    path = tmp_path / "vault"
    Vault.create(path, PASSPHRASE, clock=FakeClock(), kdf=FAST_KDF).vault.close()
    outside = tmp_path / "outside.txt"
    outside.write_text("not the vault's")
    os.chmod(outside, 0o644)
    (path / "link").symlink_to(outside)
    with Vault.open(path, PASSPHRASE, clock=FakeClock()):
        assert stat.S_IMODE(outside.stat().st_mode) == 0o644


def test_a_restored_vault_and_the_backup_file_are_private(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "vault"
    seen: list[int] = []
    real_export = backup._export_database

    def watch(vault: Vault, copy: Path) -> None:
        real_export(vault, copy)
        seen.append(stat.S_IMODE(copy.stat().st_mode))

    monkeypatch.setattr(backup, "_export_database", watch)
    with Vault.create(path, PASSPHRASE, clock=FakeClock(), kdf=FAST_KDF).vault as vault:
        vault.entries.add("note", "Kept", "x")
        backup.backup(vault, tmp_path / "vault.backup")
    assert seen == [0o600]  # the temporary copy of the database, too
    assert stat.S_IMODE((tmp_path / "vault.backup").stat().st_mode) == 0o600
    target = tmp_path / "restored"
    with backup.restore(tmp_path / "vault.backup", target, passphrase=PASSPHRASE, clock=FakeClock()):
        assert_private(target)
