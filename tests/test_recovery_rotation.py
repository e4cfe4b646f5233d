"""Proving the passphrase again, and replacing the recovery code, on an open vault."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.errors import WrongSecret
from knowhold.vault.store import keys
from knowhold.vault.store.storage import DB_NAME, KEY_NAME
from tests.conftest import PASSPHRASE, FakeClock


def test_check_passphrase_accepts_only_the_passphrase(vault: Vault) -> None:
    vault.check_passphrase(PASSPHRASE)
    with pytest.raises(WrongSecret):
        vault.check_passphrase(PASSPHRASE + " ")
    vault.change_passphrase("a brand new passphrase")
    with pytest.raises(WrongSecret):
        vault.check_passphrase(PASSPHRASE)
    vault.check_passphrase("a brand new passphrase")
    assert vault.entries.page()[1] == 0  # still open and usable


def test_new_recovery_code_replaces_the_old_one(created, vault_path: Path, clock: FakeClock) -> None:
    vault = created.vault
    old = created.recovery_code
    vault.entries.add("note", "Keep me", "unchanged")
    vault.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db_before = (vault_path / DB_NAME).read_bytes()

    new = vault.new_recovery_code()

    assert keys.normalise_recovery_code(new) != keys.normalise_recovery_code(old)
    assert (vault_path / DB_NAME).read_bytes() == db_before  # only the key file changes
    slots = [s["id"] for s in json.loads((vault_path / KEY_NAME).read_text())["slots"]]
    assert slots == ["passphrase", "recovery"]  # replaced in place, not added
    assert vault.has_recovery_slot()
    vault.close()

    with pytest.raises(WrongSecret):
        Vault.open_with_recovery_code(vault_path, old, clock=clock)
    with Vault.open_with_recovery_code(vault_path, new, clock=clock) as reopened:
        assert reopened.entries.page()[1] == 1
    Vault.open(vault_path, PASSPHRASE, clock=clock).close()  # the passphrase is untouched


def test_a_vault_without_a_recovery_slot_gets_one(created, vault_path: Path, clock: FakeClock) -> None:
    created.vault.close()
    doc = json.loads((vault_path / KEY_NAME).read_text())
    doc["slots"] = [s for s in doc["slots"] if s["id"] == "passphrase"]
    (vault_path / KEY_NAME).write_text(json.dumps(doc))

    with Vault.open(vault_path, PASSPHRASE, clock=clock) as vault:
        assert not vault.has_recovery_slot()
        code = vault.new_recovery_code()
        assert vault.has_recovery_slot()
    Vault.open_with_recovery_code(vault_path, code, clock=clock).close()
