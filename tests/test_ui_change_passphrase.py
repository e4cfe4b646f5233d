"""The change-passphrase dialog's new-key choice, and a full disk said plainly.

The dialog is built on its own over a real session and the real worker; the
key file and database are checked on disk afterwards.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import errno
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from knowhold.ui.dialogs.change_passphrase import ChangePassphraseDialog
from knowhold.ui.session import VaultSession
from knowhold.vault import Vault
from knowhold.vault.errors import WrongSecret
from knowhold.vault.store import fsutil, keys
from knowhold.vault.store.db import connect
from knowhold.vault.store.storage import DB_NAME, KEY_NAME
from tests.conftest import FAST_KDF, PASSPHRASE, FakeClock

WAIT_MS = 20_000  # Argon2id on a busy 2-core runner
STRONG = "tundra maple quiver osmosis"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("change-passphrase") / "vault"
    created = Vault.create(path, PASSPHRASE, clock=FakeClock(), name="Li Wei", kdf=FAST_KDF)
    with created.vault as vault:
        vault.entries.add("note", "Vendor contacts", "Ask Maria.")
    return path, created.recovery_code


@pytest.fixture
def session(vault_copy: Path, runner) -> Iterator[VaultSession]:
    session = VaultSession(vault_copy, FakeClock())
    session.unlock(PASSPHRASE)
    yield session
    runner.shutdown()  # the worker finishes before the vault is locked under it
    session.lock()


def fill_in(qtbot, dialog: ChangePassphraseDialog) -> None:
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.keyClicks(dialog.fields.passphrase, STRONG)
    qtbot.keyClicks(dialog.fields.repeat, STRONG)
    qtbot.waitUntil(lambda: dialog.change_button.isEnabled(), timeout=WAIT_MS)


def test_a_new_key_shows_the_new_code_and_old_key_files_stop_working(
    qtbot, session, template, vault_copy, tmp_path
) -> None:
    old_keyfile = tmp_path / "old.key"
    shutil.copy2(vault_copy / KEY_NAME, old_keyfile)
    dialog = ChangePassphraseDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.rotate_key.isChecked()  # the fast path stays the default
    fill_in(qtbot, dialog)
    dialog.rotate_key.setChecked(True)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.showing_code, timeout=WAIT_MS)
    code = dialog.view.code.text()
    assert code and not dialog.done_button.isEnabled()
    assert dialog.current.text() == "" and dialog.fields.text == ""
    dialog.reject()  # Escape or the close button: the only copy of the code stays up
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        dialog.view.written.setChecked(True)
        qtbot.mouseClick(dialog.done_button, Qt.MouseButton.LeftButton)
    assert dialog.view.code.text() == ""  # forgotten once closed

    session.lock()
    old_key = keys.open_with_passphrase(keys.read_keyfile(old_keyfile), PASSPHRASE)
    with pytest.raises(WrongSecret):
        connect(vault_copy / DB_NAME, old_key)
    with pytest.raises(WrongSecret):
        Vault.open_with_recovery_code(vault_copy, template[1], clock=FakeClock())
    with Vault.open_with_recovery_code(vault_copy, code.replace("\n", " "), clock=FakeClock()) as vault:
        assert vault.entries.get(vault.entries.all_ids()[0]).body == "Ask Maria."


def test_without_the_box_only_the_passphrase_changes(qtbot, session, vault_copy, tmp_path) -> None:
    old_keyfile = tmp_path / "old.key"
    shutil.copy2(vault_copy / KEY_NAME, old_keyfile)
    dialog = ChangePassphraseDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_in(qtbot, dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert not dialog.showing_code
    session.lock()
    old_key = keys.open_with_passphrase(keys.read_keyfile(old_keyfile), PASSPHRASE)
    connect(vault_copy / DB_NAME, old_key).close()  # the data key was kept: the fast path


def test_a_full_disk_is_said_plainly_and_the_old_passphrase_stays(
    qtbot, session, vault_copy, monkeypatch
) -> None:
    def enospc(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fsutil.os, "fsync", enospc)
    dialog = ChangePassphraseDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_in(qtbot, dialog)
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=WAIT_MS)
    text = dialog.error.text()
    assert "full" in text and str(vault_copy) in text and "nothing was changed" in text
    assert "unexpected" not in text.lower()
    monkeypatch.undo()
    assert dialog.isVisible() and not dialog.is_busy
    session.lock()
    Vault.open(vault_copy, PASSPHRASE, clock=FakeClock()).close()
