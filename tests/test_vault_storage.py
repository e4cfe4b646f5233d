"""Creating, opening, locking and key management of a vault folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from knowhold.vault import Vault
from knowhold.vault.errors import (
    InvalidValue,
    NoVault,
    VaultCorrupt,
    VaultExists,
    VaultInUse,
    VaultLocked,
    VaultTooNew,
    WrongSecret,
)
from knowhold.vault.store import keys
from knowhold.vault.store.storage import DB_NAME, KEY_NAME
from tests.conftest import FAST_KDF, PASSPHRASE, FakeClock


def test_create_writes_key_file_and_database(created, vault_path: Path) -> None:
    assert (vault_path / KEY_NAME).is_file()
    assert (vault_path / DB_NAME).is_file()
    doc = json.loads((vault_path / KEY_NAME).read_text())
    slots = {s["id"]: s for s in doc["slots"]}
    assert set(slots) == {"passphrase", "recovery"}
    assert slots["passphrase"]["kdf"]["memory_kib"] >= 64 * 1024
    assert slots["passphrase"]["kdf"]["iterations"] >= 3
    assert created.vault.name == "Li Wei"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_vault_files_are_private(created, vault_path: Path) -> None:
    assert vault_path.stat().st_mode & 0o077 == 0
    assert (vault_path / KEY_NAME).stat().st_mode & 0o077 == 0


def test_recovery_code_is_grouped_high_entropy(created) -> None:
    code = created.recovery_code
    groups = code.split("-")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert keys.normalise_recovery_code(code.lower().replace("-", " ")) == code.replace("-", "")


def test_reopen_with_passphrase(created, vault_path: Path, clock: FakeClock) -> None:
    entry = created.vault.entries.add("note", "Hello", "world")
    created.vault.close()
    with Vault.open(vault_path, PASSPHRASE, clock=clock) as vault:
        assert vault.entries.get(entry.id).body == "world"


def test_wrong_passphrase(created, vault_path: Path, clock: FakeClock) -> None:
    created.vault.close()
    with pytest.raises(WrongSecret):
        Vault.open(vault_path, "not the passphrase", clock=clock)
    # A failed attempt leaves the vault openable (no lock left behind).
    Vault.open(vault_path, PASSPHRASE, clock=clock).close()


def test_database_is_not_readable_without_key(created, vault_path: Path) -> None:
    created.vault.entries.add("note", "Secret", "text")
    created.vault.close()
    with (vault_path / DB_NAME).open("rb") as fh:
        assert not fh.read(16).startswith(b"SQLite format 3")
    conn = sqlcipher.connect(str(vault_path / DB_NAME))
    conn.execute("PRAGMA key = 'guess'")
    with pytest.raises(sqlcipher.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def test_database_uses_raw_key_and_pinned_settings(vault: Vault) -> None:
    conn = vault.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA cipher_memory_security").fetchone()[0] in ("1", 1)
    assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # memory
    assert conn.execute("PRAGMA cipher_page_size").fetchone()[0] == "4096"


def test_raw_key_opens_database_directly(created, vault_path: Path) -> None:
    """The data key is used as a raw key: SQLCipher derives nothing from it."""
    key = created.vault.raw_key_for_copy()
    created.vault.close()
    conn = sqlcipher.connect(str(vault_path / DB_NAME))
    conn.execute(keys.raw_key_pragma(key))
    conn.execute("PRAGMA cipher_compatibility = 4")
    assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 0
    conn.close()


def test_no_vault(tmp_path: Path, clock: FakeClock) -> None:
    with pytest.raises(NoVault, match="No vault at"):
        Vault.open(tmp_path / "nothing", PASSPHRASE, clock=clock)


def test_create_refuses_existing_vault(created, vault_path: Path, clock: FakeClock) -> None:
    before = (vault_path / KEY_NAME).read_bytes()
    with pytest.raises((VaultExists, VaultInUse)):
        Vault.create(vault_path, "other passphrase", clock=clock, kdf=FAST_KDF)
    created.vault.close()
    with pytest.raises(VaultExists):
        Vault.create(vault_path, "other passphrase", clock=clock, kdf=FAST_KDF)
    assert (vault_path / KEY_NAME).read_bytes() == before


def test_empty_passphrase_refused(tmp_path: Path, clock: FakeClock) -> None:
    with pytest.raises(InvalidValue):
        Vault.create(tmp_path / "v", "", clock=clock, kdf=FAST_KDF)
    assert not (tmp_path / "v" / KEY_NAME).exists()
    assert not (tmp_path / "v" / DB_NAME).exists()


def test_second_opener_in_same_process_is_refused(created, vault_path: Path, clock: FakeClock) -> None:
    with pytest.raises(VaultInUse):
        Vault.open(vault_path, PASSPHRASE, clock=clock)


def test_second_process_is_refused_and_changes_nothing(created, vault_path: Path) -> None:
    created.vault.entries.add("note", "Kept", "safe")
    script = textwrap.dedent(
        f"""
        import sys
        from knowhold.vault import Vault
        from knowhold.vault.errors import VaultInUse
        try:
            Vault.open({str(vault_path)!r}, {PASSPHRASE!r}, clock=lambda: 0)
        except VaultInUse:
            sys.exit(42)
        sys.exit(0)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=Path(__file__).parent.parent)
    assert result.returncode == 42
    assert created.vault.entries.page()[1] == 1


def test_use_after_close_is_an_error(created) -> None:
    created.vault.close()
    with pytest.raises(VaultLocked):
        created.vault.entries.page()


def test_change_passphrase_touches_only_key_file(created, vault_path: Path, clock: FakeClock) -> None:
    vault = created.vault
    vault.entries.add("note", "Keep me", "unchanged")
    vault.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db_before = (vault_path / DB_NAME).read_bytes()
    vault.change_passphrase("a brand new passphrase")
    assert (vault_path / DB_NAME).read_bytes() == db_before
    vault.close()
    with pytest.raises(WrongSecret):
        Vault.open(vault_path, PASSPHRASE, clock=clock)
    with Vault.open(vault_path, "a brand new passphrase", clock=clock) as reopened:
        assert reopened.entries.page()[1] == 1


def test_recovery_code_opens_and_resets_passphrase(created, vault_path: Path, clock: FakeClock) -> None:
    code = created.recovery_code
    created.vault.close()
    with Vault.open_with_recovery_code(vault_path, code.lower(), clock=clock) as vault:
        vault.change_passphrase("after recovery")
    Vault.open(vault_path, "after recovery", clock=clock).close()
    # The recovery code still works after a passphrase change.
    Vault.open_with_recovery_code(vault_path, code, clock=clock).close()


def test_wrong_recovery_code(created, vault_path: Path, clock: FakeClock) -> None:
    created.vault.close()
    with pytest.raises(WrongSecret):
        Vault.open_with_recovery_code(vault_path, keys.new_recovery_code(), clock=clock)
    with pytest.raises(WrongSecret, match="recovery code"):
        Vault.open_with_recovery_code(vault_path, "too short", clock=clock)


def test_slot_bound_to_its_vault(tmp_path: Path, clock: FakeClock) -> None:
    """A key slot copied from another vault does not open this one."""
    a = Vault.create(tmp_path / "a", PASSPHRASE, clock=clock, kdf=FAST_KDF)
    b = Vault.create(tmp_path / "b", PASSPHRASE, clock=clock, kdf=FAST_KDF)
    a.vault.close()
    b.vault.close()
    doc_a = json.loads((tmp_path / "a" / KEY_NAME).read_text())
    doc_b = json.loads((tmp_path / "b" / KEY_NAME).read_text())
    doc_b["slots"] = doc_a["slots"]
    (tmp_path / "b" / KEY_NAME).write_text(json.dumps(doc_b))
    with pytest.raises(WrongSecret):
        Vault.open(tmp_path / "b", PASSPHRASE, clock=clock)


@pytest.mark.parametrize(
    "mutate, error",
    [
        (lambda d: d["slots"][0]["kdf"].update(memory_kib=1024), VaultCorrupt),
        (lambda d: d["slots"][0]["kdf"].update(iterations=1), VaultCorrupt),
        (lambda d: d["slots"][0]["kdf"].update(memory_kib=2**40), VaultCorrupt),
        (lambda d: d.update(version=99), VaultTooNew),
        (lambda d: d["slots"][0].update(salt="!!"), VaultCorrupt),
        (lambda d: d.update(format="something-else"), WrongSecret),
        (lambda d: d["slots"][0].update(id="mystery"), VaultCorrupt),
    ],
)
def test_damaged_key_file(created, vault_path: Path, clock: FakeClock, mutate, error) -> None:
    created.vault.close()
    doc = json.loads((vault_path / KEY_NAME).read_text())
    mutate(doc)
    (vault_path / KEY_NAME).write_text(json.dumps(doc))
    with pytest.raises(error):
        Vault.open(vault_path, PASSPHRASE, clock=clock)


def test_key_file_garbage_and_huge(created, vault_path: Path, clock: FakeClock) -> None:
    created.vault.close()
    (vault_path / KEY_NAME).write_bytes(b"\xff\x00garbage")
    with pytest.raises(VaultCorrupt):
        Vault.open(vault_path, PASSPHRASE, clock=clock)
    with (vault_path / KEY_NAME).open("wb") as fh:
        fh.truncate(10 * 1024 * 1024)
    with pytest.raises(VaultCorrupt, match="too large"):
        Vault.open(vault_path, PASSPHRASE, clock=clock)


def test_missing_key_file_is_not_no_vault(created, vault_path: Path, clock: FakeClock) -> None:
    created.vault.close()
    (vault_path / KEY_NAME).unlink()
    with pytest.raises(VaultCorrupt, match="key file"):
        Vault.open(vault_path, PASSPHRASE, clock=clock)


def test_damaged_database(created, vault_path: Path, clock: FakeClock) -> None:
    created.vault.close()
    (vault_path / DB_NAME).write_bytes(os.urandom(8192))
    with pytest.raises(VaultCorrupt):
        Vault.open(vault_path, PASSPHRASE, clock=clock)


def test_newer_schema_refused(created, vault_path: Path, clock: FakeClock) -> None:
    created.vault.db.conn.execute("PRAGMA user_version = 999")
    created.vault.close()
    with pytest.raises(VaultTooNew):
        Vault.open(vault_path, PASSPHRASE, clock=clock)


def test_migrations_are_numbered_and_resumable(vault: Vault) -> None:
    from knowhold.vault.store.schema import SCHEMA_VERSION, current_version, migrate

    assert current_version(vault.db.conn) == SCHEMA_VERSION
    assert migrate(vault.db.conn) == SCHEMA_VERSION  # running again is a no-op


def test_failed_migration_rolls_back(vault: Vault) -> None:
    from knowhold.vault.store.schema import MIGRATIONS, current_version, migrate

    broken = (*MIGRATIONS, "CREATE TABLE extra (x INTEGER); THIS IS NOT SQL;")
    with pytest.raises(sqlcipher.Error):
        migrate(vault.db.conn, broken)
    assert current_version(vault.db.conn) == len(MIGRATIONS)
    tables = {r[0] for r in vault.db.conn.execute("SELECT name FROM sqlite_master")}
    assert "extra" not in tables


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX rlimit")
def test_core_dumps_disabled_while_open(vault_path: Path, clock: FakeClock) -> None:
    import resource

    before = resource.getrlimit(resource.RLIMIT_CORE)
    created = Vault.create(vault_path, PASSPHRASE, clock=clock, kdf=FAST_KDF)
    assert resource.getrlimit(resource.RLIMIT_CORE)[0] == 0
    created.vault.close()
    assert resource.getrlimit(resource.RLIMIT_CORE) == before


def test_calibration_never_below_floor() -> None:
    params = keys.calibrate(target_seconds=0.001, measure=lambda p: 5.0)
    assert params == keys.Argon2Params()
    assert params.memory_kib >= 64 * 1024 and params.iterations >= 3


def test_calibration_raises_memory_on_fast_machines() -> None:
    # A cost model: 0.05 s per 64 MiB-pass unit, so 512 MiB x 3 passes takes 0.4 s.
    def measure(p: keys.Argon2Params) -> float:
        return 0.05 * (p.memory_kib / (64 * 1024)) * (p.iterations / 3)

    params = keys.calibrate(target_seconds=0.5, measure=measure)
    assert params.memory_kib == 64 * 1024 * 8 and params.iterations == 3


def test_calibration_raises_passes_after_memory_cap() -> None:
    params = keys.calibrate(target_seconds=1000.0, measure=lambda p: 0.001)
    assert params.memory_kib == keys.MAX_CALIBRATED_MEMORY_KIB
    assert params.iterations == 48
