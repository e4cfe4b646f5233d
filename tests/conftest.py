from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from knowhold.vault import Argon2Params, Vault

# The floor the vault allows (64 MiB, 3 passes): real Argon2id, just not calibrated up.
FAST_KDF = Argon2Params()
PASSPHRASE = "correct horse battery staple"
START = 1_790_000_000  # 2026-09-21, fixed so tests never read the real clock


class FakeClock:
    def __init__(self, now: int = START) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now

    def advance(self, seconds: int) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def created(vault_path: Path, clock: FakeClock):
    result = Vault.create(vault_path, PASSPHRASE, clock=clock, name="Li Wei", kdf=FAST_KDF)
    yield result
    result.vault.close()


@pytest.fixture
def vault(created) -> Iterator[Vault]:
    yield created.vault


@pytest.fixture
def runner(qtbot) -> Iterator[object]:
    """The app's one vault worker, installed for ``Op``; stopped after the test."""
    from knowhold.ui.tasks import TaskRunner  # here, so the core's tests never load Qt

    runner = TaskRunner().install()
    yield runner
    runner.shutdown()


@pytest.fixture
def vault_copy(template: tuple[Path, object], tmp_path: Path) -> Path:
    """A fresh copy of the module's ``template`` vault (its path comes first)."""
    path = tmp_path / "vault"
    shutil.copytree(template[0], path)
    return path
