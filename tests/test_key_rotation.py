"""Replacing the data key: old key files stop working, and no interruption loses the vault.

Each step of ``vault.store.rotation`` is interrupted twice: in the process
(an exception, as a full disk would raise) and by killing the process there
(``os._exit`` in a child, as a power cut would), after which the folder must
open with the old passphrase before the commit marker and the new one after
it, hold every entry, and have nothing of the rotation left in it.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.errors import VaultCorrupt, WriteFailed, WrongSecret
from knowhold.vault.store import fsutil, keys, rotation
from knowhold.vault.store.db import connect
from knowhold.vault.store.storage import DB_NAME, KEY_NAME, LOCK_NAME
from tests.conftest import FAST_KDF, PASSPHRASE, FakeClock
from tests.test_cli import Cli

NEW = "tundra maple quiver osmosis"
ROOT = Path(__file__).resolve().parents[1]
COMMITTED = rotation.STEPS.index("marked")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    path = tmp_path_factory.mktemp("rotation") / "vault"
    created = Vault.create(path, PASSPHRASE, clock=FakeClock(), name="Li Wei", kdf=FAST_KDF)
    with created.vault as vault:
        for i in range(30):
            vault.entries.add("note", f"Entry {i}", f"body {i} " * 50, [f"t{i % 3}"])
        contents = snapshot(vault)
    return path, {"code": created.recovery_code, "contents": contents}


def snapshot(vault: Vault) -> dict[str, tuple[str, str, tuple[str, ...], int]]:
    return {
        i: (e.title, e.body, e.tags, e.version)
        for i in vault.entries.all_ids()
        for e in [vault.entries.get(i)]
    }


def opens_with(path: Path) -> str:
    """Which passphrase opens the folder: "old" or "new" (never both, never neither)."""
    found = []
    for name, secret in (("old", PASSPHRASE), ("new", NEW)):
        try:
            Vault.open(path, secret, clock=FakeClock()).close()
        except WrongSecret:
            continue
        found.append(name)
    assert len(found) == 1, found
    return found[0]


def assert_clean_and_private(path: Path) -> None:
    names = {p.name for p in path.iterdir()}
    assert names <= {DB_NAME, KEY_NAME, LOCK_NAME, DB_NAME + "-wal", DB_NAME + "-shm"}, names
    if os.name == "posix":
        assert {p.name for p in path.iterdir() if stat.S_IMODE(p.stat().st_mode) != 0o600} == set()


def test_old_key_file_and_passphrase_no_longer_open_the_database(template, vault_copy, tmp_path) -> None:
    old_keyfile = tmp_path / "old-vault.key"
    shutil.copy2(vault_copy / KEY_NAME, old_keyfile)
    with Vault.open(vault_copy, PASSPHRASE, clock=FakeClock()) as vault:
        code = vault.rotate_key(NEW)
        assert code is not None and code != template[1]["code"]
        assert snapshot(vault) == template[1]["contents"]  # the open vault goes on, on the new key
        vault.entries.add("note", "Written after rotating", "x")

    old_key = keys.open_with_passphrase(keys.read_keyfile(old_keyfile), PASSPHRASE)
    with pytest.raises(WrongSecret):
        connect(vault_copy / DB_NAME, old_key)
    # The old key file put back beside the new database: its key opens nothing.
    stale = tmp_path / "stale"
    shutil.copytree(vault_copy, stale)
    shutil.copy2(old_keyfile, stale / KEY_NAME)
    with pytest.raises(VaultCorrupt):
        Vault.open(stale, PASSPHRASE, clock=FakeClock())

    with Vault.open(vault_copy, NEW, clock=FakeClock()) as vault:
        contents = snapshot(vault)
    assert len(contents) == len(template[1]["contents"]) + 1
    with pytest.raises(WrongSecret):
        Vault.open_with_recovery_code(vault_copy, str(template[1]["code"]), clock=FakeClock())
    Vault.open_with_recovery_code(vault_copy, code, clock=FakeClock()).close()
    assert_clean_and_private(vault_copy)


def test_a_plain_passphrase_change_keeps_the_data_key(vault_copy, tmp_path) -> None:
    old_keyfile = tmp_path / "old-vault.key"
    shutil.copy2(vault_copy / KEY_NAME, old_keyfile)
    with Vault.open(vault_copy, PASSPHRASE, clock=FakeClock()) as vault:
        vault.change_passphrase(NEW)
    # The fast path, as documented: an old key file and passphrase still open the database.
    old_key = keys.open_with_passphrase(keys.read_keyfile(old_keyfile), PASSPHRASE)
    connect(vault_copy / DB_NAME, old_key).close()


@pytest.mark.parametrize("step", rotation.STEPS)
def test_an_exception_at_any_step_leaves_one_working_vault(template, vault_copy, monkeypatch, step) -> None:
    def stop(reached: str) -> None:
        if reached == step:
            raise RuntimeError(f"stopped at {reached}")

    monkeypatch.setattr(rotation, "_reached", stop)
    vault = Vault.open(vault_copy, PASSPHRASE, clock=FakeClock())
    try:
        if rotation.STEPS.index(step) < COMMITTED:
            with pytest.raises(RuntimeError):
                vault.rotate_key(NEW)
        else:  # past the commit point the same renames are finished at once
            vault.rotate_key(NEW)
        # Either way the open vault is whole and still takes writes.
        assert snapshot(vault) == template[1]["contents"]
        vault.entries.add("note", "After the interruption", "x")
    finally:
        vault.close()
    expected = "old" if rotation.STEPS.index(step) < COMMITTED else "new"
    assert opens_with(vault_copy) == expected
    with Vault.open(vault_copy, PASSPHRASE if expected == "old" else NEW, clock=FakeClock()) as again:
        assert len(snapshot(again)) == len(template[1]["contents"]) + 1
    assert_clean_and_private(vault_copy)


CRASH = textwrap.dedent(
    """
    import os, sys
    from knowhold.vault import Vault
    from knowhold.vault.store import rotation
    from tests.conftest import PASSPHRASE, FakeClock

    step = sys.argv[2]
    def crash(reached):
        if reached == step:
            os._exit(3)  # no cleanup, no finally: as a power cut
    rotation._reached = crash
    vault = Vault.open(sys.argv[1], PASSPHRASE, clock=FakeClock())
    vault.rotate_key(sys.argv[3])
    os._exit(0)
    """
)


@pytest.mark.parametrize("step", rotation.STEPS)
def test_a_crash_at_any_step_leaves_one_working_vault(template, vault_copy, step) -> None:
    # The same modules as this process (an editable install, or a tree on PYTHONPATH).
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, sys.path)])}
    done = subprocess.run(
        [sys.executable, "-c", CRASH, str(vault_copy), step, NEW], cwd=ROOT, env=env, capture_output=True
    )
    assert done.returncode == 3, done.stderr.decode()
    expected = "old" if rotation.STEPS.index(step) < COMMITTED else "new"
    assert opens_with(vault_copy) == expected
    with Vault.open(vault_copy, PASSPHRASE if expected == "old" else NEW, clock=FakeClock()) as vault:
        assert snapshot(vault) == template[1]["contents"]
    assert_clean_and_private(vault_copy)


def test_a_full_disk_while_rotating_changes_nothing(template, vault_copy, monkeypatch) -> None:
    def enospc(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with Vault.open(vault_copy, PASSPHRASE, clock=FakeClock()) as vault:
        monkeypatch.setattr(fsutil.os, "fsync", enospc)
        with pytest.raises(WriteFailed) as info:
            vault.rotate_key(NEW)
        monkeypatch.undo()
        assert "full" in info.value.message and str(vault_copy) in info.value.message
        assert snapshot(vault) == template[1]["contents"]
    assert opens_with(vault_copy) == "old"
    assert_clean_and_private(vault_copy)


def test_the_command_line_rotates_and_prints_the_new_recovery_code(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "vault", FakeClock())
    old_code = cli.json("init", "--name", "Li Wei")["recovery_code"]
    entry = cli.json("add", "--kind", "note", "--title", "Kept", stdin="body")["id"]
    shutil.copy2(tmp_path / "vault" / KEY_NAME, tmp_path / "old.key")
    answer = cli.json("passphrase", "--rotate-key", env={"KNOWHOLD_NEW_PASSPHRASE": NEW})
    assert answer["changed"] is True and answer["key_rotated"] is True
    assert answer["recovery_code"] != old_code
    new_env = {"KNOWHOLD_PASSPHRASE": NEW}
    assert cli.json("show", entry, env=new_env)["body"] == "body"
    shutil.copy2(tmp_path / "old.key", tmp_path / "vault" / KEY_NAME)
    cli.fails(1, "list")  # the old key file and passphrase: the database refuses them

    plain = Cli(tmp_path / "plain", FakeClock())
    assert plain("init")[0] == 0
    code, out, err = plain("passphrase", "--rotate-key", env={"KNOWHOLD_NEW_PASSPHRASE": NEW})
    assert code == 0, err
    assert "recovery code" in out and "vault.key" in out


def test_finishing_a_rotation_on_a_read_only_disk_is_said_plainly(template, vault_copy, monkeypatch) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, sys.path)])}
    done = subprocess.run(
        [sys.executable, "-c", CRASH, str(vault_copy), "marked", NEW], cwd=ROOT, env=env, capture_output=True
    )
    assert done.returncode == 3, done.stderr.decode()

    def read_only(*_args: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(rotation.os, "replace", read_only)
    with pytest.raises(WriteFailed) as info:
        Vault.open(vault_copy, NEW, clock=FakeClock())
    assert "cannot be written" in info.value.message and str(vault_copy) in info.value.message
    monkeypatch.undo()
    assert opens_with(vault_copy) == "new"  # finished once the disk takes writes again
