"""A full disk or a folder that cannot be written: one plain sentence, nothing lost.

The database is made genuinely full (``PRAGMA max_page_count`` below what the
next write needs gives SQLite's own SQLITE_FULL), and the key file write meets
the OSError a full disk raises (ENOSPC). Each time: a ``WriteFailed`` naming
the folder and saying nothing was changed, every earlier entry intact, and the
passphrase that opened the vault still opens it.
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from knowhold.vault import Vault
from knowhold.vault.cli import vault_commands
from knowhold.vault.errors import WriteFailed
from knowhold.vault.store import fsutil, storage
from knowhold.vault.store.db import connect
from knowhold.vault.store.diskerrors import disk_failure_or_none
from tests.conftest import PASSPHRASE, FakeClock
from tests.test_cli import Cli

NEW = "tundra maple quiver osmosis"


def fill_up(vault: Vault) -> None:
    """No page more than the database has now: the next growth is SQLITE_FULL."""
    pages = vault.db.conn.execute("PRAGMA page_count").fetchone()[0]
    vault.db.conn.execute(f"PRAGMA max_page_count = {pages}")


def assert_says_full(error: WriteFailed, folder: Path) -> None:
    assert error.exit_code == 74
    assert str(folder) in error.message
    assert "full" in error.message and "nothing was changed" in error.message


def test_adding_to_a_full_database_is_reported_and_keeps_every_entry(created, vault_path, clock) -> None:
    vault = created.vault
    kept = {vault.entries.add("note", f"Kept {i}", f"body {i}").id for i in range(5)}
    fill_up(vault)
    with pytest.raises(WriteFailed) as info:
        vault.entries.add("note", "Too much", "y" * 300_000)
    assert_says_full(info.value, vault_path)
    # Still usable once there is room again, and nothing of the failed add remains.
    vault.db.conn.execute("PRAGMA max_page_count = 1073741823")
    assert set(vault.entries.all_ids()) == kept
    vault.close()
    with Vault.open(vault_path, PASSPHRASE, clock=clock) as again:
        assert set(again.entries.all_ids()) == kept
        assert sorted(again.entries.get(i).body for i in kept) == [f"body {i}" for i in range(5)]


def test_editing_in_a_full_database_keeps_the_old_version(created, vault_path, clock) -> None:
    vault = created.vault
    entry = vault.entries.add("note", "Kept", "the first body")
    fill_up(vault)
    with pytest.raises(WriteFailed):
        vault.entries.update(entry.id, body="z" * 300_000)
    vault.close()
    with Vault.open(vault_path, PASSPHRASE, clock=clock) as again:
        assert again.entries.get(entry.id).body == "the first body"
        assert again.entries.get(entry.id).version == 1


def enospc(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_changing_the_passphrase_on_a_full_disk_keeps_the_old_one(
    created, vault_path, clock, monkeypatch
) -> None:
    entry = created.vault.entries.add("note", "Kept", "body")
    monkeypatch.setattr(fsutil.os, "fsync", enospc)  # the key file's temp copy cannot be flushed
    with pytest.raises(WriteFailed) as info:
        created.vault.change_passphrase(NEW)
    assert_says_full(info.value, vault_path)
    monkeypatch.undo()
    created.vault.close()
    assert sorted(p.name for p in vault_path.iterdir() if p.name.endswith(".tmp")) == []
    with Vault.open(vault_path, PASSPHRASE, clock=clock) as again:
        assert again.entries.get(entry.id).body == "body"


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES, errno.EPERM])
def test_a_folder_that_cannot_be_written_is_said_plainly(created, vault_path, monkeypatch, code) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(code, "refused")

    monkeypatch.setattr(fsutil.os, "replace", refuse)
    with pytest.raises(WriteFailed) as info:
        created.vault.change_passphrase(NEW)
    assert str(vault_path) in info.value.message and "cannot be written" in info.value.message


def test_the_command_line_says_the_disk_is_full_in_one_line(tmp_path: Path, monkeypatch) -> None:
    cli = Cli(tmp_path / "vault", FakeClock())
    cli.json("init", "--name", "Li Wei")
    first = cli.json("add", "--kind", "note", "--title", "First", stdin="kept")["id"]

    def full_connect(path: Path, data_key: bytes | bytearray):
        conn = connect(path, data_key)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(storage, "connect", full_connect)
    err = cli.fails(74, "add", "--kind", "note", "--title", "Second", stdin="x" * 300_000)
    assert "full" in err and str(tmp_path / "vault") in err and "nothing was changed" in err
    monkeypatch.undo()
    assert [e["id"] for e in cli.json("list")["entries"]] == [first]

    monkeypatch.setattr(fsutil.os, "fsync", enospc)
    err = cli.fails(74, "passphrase", env={"KNOWHOLD_NEW_PASSPHRASE": NEW})
    assert "full" in err
    monkeypatch.undo()
    assert cli.json("list")["total"] == 1  # the old passphrase still opens it


def sqlite_full() -> sqlcipher.OperationalError:
    error = sqlcipher.OperationalError("database or disk is full")
    error.sqlite_errorcode = 13  # SQLITE_FULL, as SQLite sets it
    return error


@pytest.mark.parametrize(
    "error",
    [OSError(errno.ENOSPC, "No space left on device"), OSError(errno.EROFS, "Read-only file system")],
)
def test_an_unmapped_disk_error_is_still_said_plainly_by_the_command_line(
    tmp_path: Path, monkeypatch, error: OSError
) -> None:
    """The last line of defence asks whether an error no boundary mapped was the disk."""
    cli = Cli(tmp_path / "vault", FakeClock())
    cli.json("init", "--name", "Li Wei")

    def fails(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr(vault_commands, "templates", type("T", (), {"template_for": fails}))
    err = cli.fails(74, "template", "note")
    assert "nothing was changed" in err and "unexpected" not in err


def test_an_unmapped_sqlite_full_is_said_plainly_and_other_errors_stay_unexpected() -> None:
    assert isinstance(disk_failure_or_none(sqlite_full()), WriteFailed)
    assert disk_failure_or_none(sqlcipher.OperationalError("no such table: x")) is None
    assert disk_failure_or_none(OSError(errno.ENOENT, "gone")) is None
    assert disk_failure_or_none(ValueError("bug")) is None


def test_the_app_shows_an_unmapped_full_disk_as_its_sentence(qtbot, runner) -> None:
    from knowhold.ui.tasks import Failure, Op

    failures: list[Failure] = []

    def full() -> None:
        raise sqlite_full()

    Op(None, full, lambda _result: None).failure(failures.append).run()
    qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    assert isinstance(failures[0].error, WriteFailed)
    assert "full" in failures[0].message and "unexpected" not in failures[0].message.lower()
