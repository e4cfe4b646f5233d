"""The Settings dialog, applied live, and the last entry reopened after unlocking.

Driven end to end on the real app shell (unlock dialog, main window, worker)
over a copy of one small vault. Every wait is ``waitUntil``, never a sleep.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLineEdit

from knowhold.ui.app import KnowholdApp
from knowhold.ui.dialogs import settings as settings_module
from knowhold.ui.dialogs.confirm import Confirm
from knowhold.ui.dialogs.settings import MIN_EDITOR_FONT_SIZE, SettingsDialog
from knowhold.ui.session import TRASH, VaultSession
from knowhold.ui.settings import Theme
from knowhold.ui.tasks import Op
from knowhold.ui.theme import apply_theme, is_dark
from knowhold.ui.tray import Tray
from knowhold.ui.widgets.recovery_code import grouped_code
from knowhold.vault import Vault
from knowhold.vault.errors import WrongSecret
from knowhold.vault.store.keys import normalise_recovery_code
from knowhold.vault.store.storage import KEY_NAME
from tests.conftest import FAST_KDF, PASSPHRASE, FakeClock

WAIT_MS = 20_000  # generous: Argon2id on a busy 2-core CI runner
STRONG = "tundra maple quiver osmosis"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """One closed vault with two entries and its recovery code, copied for each test."""
    path = tmp_path_factory.mktemp("settings-template") / "vault"
    created = Vault.create(path, PASSPHRASE, clock=FakeClock(), name="Li Wei", kdf=FAST_KDF)
    vault = created.vault
    try:
        ids = {
            "note": vault.entries.add("note", "Vendor contacts", "Ask Maria.", ["people"]).id,
            "playbook": vault.entries.add("playbook", "Month-end close", "1. Reconcile").id,
            "code": created.recovery_code,
        }
    finally:
        vault.close()
    return path, ids


class RecordingSession(VaultSession):
    """The real session, noting the thread each key change ran on."""

    def __init__(self, path: Path, clock: FakeClock) -> None:
        super().__init__(path, clock)
        self.threads: list[threading.Thread] = []

    def change_passphrase(self, old: str, new: str) -> None:
        self.threads.append(threading.current_thread())
        super().change_passphrase(old, new)

    def new_recovery_code(self, passphrase: str) -> str:
        self.threads.append(threading.current_thread())
        return super().new_recovery_code(passphrase)


@pytest.fixture
def locked_session(vault_copy: Path, clock: FakeClock) -> RecordingSession:
    return RecordingSession(vault_copy, clock)


@pytest.fixture(autouse=True)
def theme_left_as_found(qtbot) -> Iterator[None]:
    yield
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, Theme.SYSTEM)  # the palette is the whole app's: leave it as found


def unlock(qtbot, shell: KnowholdApp, passphrase: str = PASSPHRASE) -> None:
    shell.start(passphrase)
    window = shell.window
    qtbot.waitUntil(lambda: window.isVisible() and window.model.rowCount() == 2, timeout=WAIT_MS)
    window.activateWindow()  # shortcuts only reach the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT_MS)


def lock(qtbot, shell: KnowholdApp) -> None:
    shell.window.actions_by_name["lock"].trigger()
    qtbot.waitUntil(shell.unlock_dialog.isVisible, timeout=WAIT_MS)
    assert not shell.session.is_open


def open_settings(qtbot, shell: KnowholdApp) -> SettingsDialog:
    qtbot.keyClick(shell.window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = shell.window.settings_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def settle(qtbot) -> None:
    """Wait until every vault operation asked for so far has run and called back."""
    done: list[object] = []
    Op(None, lambda: None, done.append).run()
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS)


def type_into(qtbot, field: QLineEdit, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


def type_number(qtbot, box, number: int) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, str(number))
    qtbot.keyClick(box, Qt.Key.Key_Return)  # committed when editing ends, not per keystroke


# -- applied live ----------------------------------------------------------------------------


def test_auto_lock_minutes_restart_the_idle_lock_at_once(qtbot, shell, settings, clock):
    unlock(qtbot, shell)
    dialog = open_settings(qtbot, shell)
    assert dialog.windowTitle() == "Settings"
    assert dialog.auto_lock.value() == 10 and dialog.auto_lock.accessibleName() == "Lock after idle minutes"
    assert dialog.clipboard.value() == 30

    type_number(qtbot, dialog.auto_lock, 3)
    assert dialog.isVisible()  # Enter commits the number; it does not close the dialog
    assert settings.auto_lock_minutes == 3 and shell.idle_lock.active
    clock.advance(3 * 60 - 1)
    shell.idle_lock.check()
    assert shell.window.isVisible()
    clock.advance(1)  # three minutes without input: the new timeout, not the default ten
    shell.idle_lock.check()
    qtbot.waitUntil(shell.unlock_dialog.isVisible, timeout=WAIT_MS)
    assert shell.window.settings_dialog is None  # locking closed the dialog too

    unlock(qtbot, shell)
    dialog = open_settings(qtbot, shell)
    assert dialog.auto_lock.value() == 3
    type_number(qtbot, dialog.auto_lock, 0)
    assert dialog.auto_lock.text() == "Never"
    assert settings.auto_lock_minutes == 0 and not shell.idle_lock.active
    clock.advance(24 * 60 * 60)
    shell.idle_lock.check()
    assert shell.window.isVisible()

    # The clipboard time is only stored: ui/clipboard.py reads it when text is copied.
    type_number(qtbot, dialog.clipboard, 0)
    assert dialog.clipboard.text() == "Never" and settings.clipboard_clear_seconds == 0
    dialog.clipboard.setFocus()
    dialog.clipboard.selectAll()
    qtbot.keyClicks(dialog.clipboard, "45")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # typed, then closed at once: still kept
    assert not dialog.isVisible() and settings.clipboard_clear_seconds == 45


def test_theme_and_editor_text_size_apply_at_once(qtbot, shell, settings):
    unlock(qtbot, shell)
    dialog = open_settings(qtbot, shell)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert dialog.theme.currentText() == "Follow the system"

    dialog.theme.setFocus()
    qtbot.keyClick(dialog.theme, Qt.Key.Key_Down)  # Light
    qtbot.keyClick(dialog.theme, Qt.Key.Key_Down)  # Dark
    assert dialog.theme.currentText() == "Dark" and settings.theme is Theme.DARK
    assert is_dark(app.palette())
    qtbot.waitUntil(lambda: is_dark(shell.window.editor.body.palette()), timeout=WAIT_MS)
    qtbot.keyClick(dialog.theme, Qt.Key.Key_Up)
    assert settings.theme is Theme.LIGHT and not is_dark(app.palette())
    qtbot.waitUntil(lambda: not is_dark(shell.window.editor.body.palette()), timeout=WAIT_MS)

    body, preview = shell.window.editor.body, shell.window.editor.preview
    system = body.font().pointSize()
    assert dialog.font_size.text() == "System default" and settings.editor_font_size == 0
    dialog.font_size.setFocus()
    qtbot.keyClick(dialog.font_size, Qt.Key.Key_Up)  # from the default, to its size in points
    start = max(QApplication.font().pointSize(), MIN_EDITOR_FONT_SIZE)
    assert dialog.font_size.value() == start and settings.editor_font_size == start
    type_number(qtbot, dialog.font_size, 19)
    assert settings.editor_font_size == 19
    assert body.font().pointSize() == 19 and preview.font().pointSize() == 19
    type_number(qtbot, dialog.font_size, MIN_EDITOR_FONT_SIZE)
    qtbot.keyClick(dialog.font_size, Qt.Key.Key_Down)  # below readable: back to the default
    assert dialog.font_size.text() == "System default" and settings.editor_font_size == 0
    assert body.font().pointSize() == system

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    # The next start uses what was chosen.
    settings.editor_font_size = 17
    again = KnowholdApp(shell.session, settings, FakeClock())
    qtbot.addWidget(again.window)
    qtbot.addWidget(again.unlock_dialog)
    assert again.window.editor.body.font().pointSize() == 17


def test_dialog_reads_well_from_the_keyboard(qtbot, shell):
    unlock(qtbot, shell)
    dialog = open_settings(qtbot, shell)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    chain = [
        dialog.auto_lock,
        dialog.clipboard,
        dialog.lock_minimised,
        dialog.change_passphrase_button,
        dialog.new_code_button,
        dialog.theme,  # offscreen has no tray: "Keep running in the tray" is disabled, so skipped
        dialog.font_size,
        dialog.close_button,
    ]
    dialog.auto_lock.setFocus()
    for widget in chain[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is widget
    for widget in chain:  # what a screen reader is told each one is
        assert QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)
    qtbot.waitUntil(lambda: dialog.recovery_status.text() != "", timeout=WAIT_MS)
    assert dialog.recovery_status.text() == "A recovery code is set up"


# -- passphrase -------------------------------------------------------------------------------


def test_change_passphrase_wrong_old_then_weak_new_then_right(qtbot, shell, vault_copy):
    unlock(qtbot, shell)
    settings_dialog = open_settings(qtbot, shell)
    qtbot.mouseClick(settings_dialog.change_passphrase_button, Qt.MouseButton.LeftButton)
    dialog = settings_dialog.passphrase_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.current.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.current.accessibleName() == "Current passphrase"
    assert dialog.fields.passphrase.accessibleName() == "New passphrase"
    assert not dialog.change_button.isEnabled()

    # A weak new one is refused, as in the wizard, whatever the current one.
    type_into(qtbot, dialog.current, PASSPHRASE)
    type_into(qtbot, dialog.fields.passphrase, "woaini1314")
    type_into(qtbot, dialog.fields.repeat, "woaini1314")
    # Both new fields keep a label once typed in, each naming its own field.
    repeat_label = dialog.fields.repeat_label
    assert repeat_label.isVisible() and repeat_label.buddy() is dialog.fields.repeat
    assert dialog.fields.repeat.accessibleName() == "Repeat new passphrase"
    qtbot.waitUntil(lambda: dialog.fields.meter.strength is not None, timeout=WAIT_MS)
    assert not dialog.fields.meter.strength.acceptable
    assert not dialog.change_button.isEnabled()
    qtbot.keyClick(dialog.fields.repeat, Qt.Key.Key_Return)
    assert not dialog.is_busy and shell.session.threads == []

    # A wrong current one: said so, everything kept for another try.
    type_into(qtbot, dialog.current, "not my passphrase")
    type_into(qtbot, dialog.fields.passphrase, STRONG)
    type_into(qtbot, dialog.fields.repeat, STRONG)
    qtbot.waitUntil(lambda: dialog.fields.meter.strength is not None, timeout=WAIT_MS)
    assert dialog.change_button.isEnabled()
    qtbot.keyClick(dialog.fields.repeat, Qt.Key.Key_Return)  # Enter changes
    assert dialog.is_busy and not dialog.current.isEnabled()
    qtbot.waitUntil(dialog.error.isVisible, timeout=WAIT_MS)
    assert dialog.error.text() == "That is not your current passphrase. Type it again."
    assert dialog.isVisible() and not dialog.is_busy
    assert dialog.current.hasFocus() and dialog.current.selectedText() == "not my passphrase"
    assert dialog.fields.passphrase.text() == STRONG

    type_into(qtbot, dialog.current, PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert settings_dialog.passphrase_dialog is None
    assert settings_dialog.message.text() == "Your passphrase was changed."
    assert len(shell.session.threads) == 2
    assert all(t is not threading.main_thread() for t in shell.session.threads)

    lock(qtbot, shell)
    with pytest.raises(WrongSecret):
        Vault.open(vault_copy, PASSPHRASE, clock=FakeClock())
    unlock(qtbot, shell, STRONG)


# -- recovery code ----------------------------------------------------------------------------


def test_new_recovery_code_opens_the_vault_and_the_old_one_no_longer_does(qtbot, shell, template, vault_copy):
    old_code = template[1]["code"]
    unlock(qtbot, shell)
    settings_dialog = open_settings(qtbot, shell)
    qtbot.waitUntil(lambda: settings_dialog.recovery_status.text() != "", timeout=WAIT_MS)
    assert settings_dialog.recovery_status.text() == "A recovery code is set up"
    qtbot.mouseClick(settings_dialog.new_code_button, Qt.MouseButton.LeftButton)
    dialog = settings_dialog.recovery_dialog
    assert dialog is not None and dialog.isVisible()
    assert "the old code will no longer open this vault" in dialog.intro.text()
    assert not dialog.make_button.isEnabled()

    type_into(qtbot, dialog.passphrase, "not my passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.error.isVisible, timeout=WAIT_MS)
    assert dialog.error.text() == "That is not your passphrase. Type it again."
    assert not dialog.showing_code and dialog.isVisible()

    type_into(qtbot, dialog.passphrase, PASSPHRASE)
    with qtbot.waitSignal(dialog.made, timeout=WAIT_MS):
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    shown = dialog.view.code.text()
    assert len(shown.split()) == 8 and shown == grouped_code(shown)
    assert dialog.view.code.textInteractionFlags() == Qt.TextInteractionFlag.NoTextInteraction
    assert dialog.passphrase.text() == ""
    assert settings_dialog.recovery_status.text() == "A recovery code is set up"
    assert "The old one no longer opens this vault." in settings_dialog.message.text()

    # Shown once: it cannot be closed until it is written down.
    assert not dialog.done_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible()
    assert dialog.view.written.hasFocus()
    qtbot.keyClick(dialog.view.written, Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.keyClick(dialog.view.written, Qt.Key.Key_Return)
    assert settings_dialog.recovery_dialog is None
    assert all(t is not threading.main_thread() for t in shell.session.threads)

    lock(qtbot, shell)
    with pytest.raises(WrongSecret):
        Vault.open_with_recovery_code(vault_copy, old_code, clock=FakeClock())
    with Vault.open_with_recovery_code(vault_copy, shown.lower(), clock=FakeClock()) as vault:
        assert vault.name == "Li Wei"
    assert normalise_recovery_code(shown) != normalise_recovery_code(old_code)


def test_a_vault_without_a_recovery_code_says_so(qtbot, shell, vault_copy):
    doc = json.loads((vault_copy / KEY_NAME).read_text())
    doc["slots"] = [slot for slot in doc["slots"] if slot["id"] == "passphrase"]
    (vault_copy / KEY_NAME).write_text(json.dumps(doc))
    unlock(qtbot, shell)
    dialog = open_settings(qtbot, shell)
    qtbot.waitUntil(lambda: dialog.recovery_status.text() != "", timeout=WAIT_MS)
    assert dialog.recovery_status.text() == "No recovery code"
    assert dialog.new_code_button.text() == "Make a &Recovery Code…"


# -- the last entry ---------------------------------------------------------------------------


def test_last_entry_is_reopened_after_lock_and_unlock(qtbot, shell, template, settings, monkeypatch):
    ids = template[1]
    window = shell.window
    unlock(qtbot, shell)
    settle(qtbot)
    assert not window.editor.showing_entry  # nothing remembered yet: nothing opened
    vault_id = shell.session.vault_id
    assert vault_id

    window.table.select_entry(ids["playbook"])
    qtbot.waitUntil(lambda: window.editor.entry_id == ids["playbook"], timeout=WAIT_MS)
    assert settings.last_entry(vault_id) == ids["playbook"]

    lock(qtbot, shell)
    assert window.editor.entry_id is None
    unlock(qtbot, shell)
    qtbot.waitUntil(lambda: window.editor.entry_id == ids["playbook"], timeout=WAIT_MS)
    assert window.editor.title.text() == "Month-end close"
    assert window.table.selected_id() == ids["playbook"]

    # Moving it to the trash selects the next one, which is remembered in its place.
    window.pane.delete()
    qtbot.waitUntil(lambda: window.editor.entry_id == ids["note"], timeout=WAIT_MS)
    assert settings.last_entry(vault_id) == ids["note"]

    # One last selected in the trash is not opened again.
    window.sidebar.select_filter(TRASH)
    qtbot.waitUntil(lambda: window.model.row_of(ids["playbook"]) is not None, timeout=WAIT_MS)
    window.table.select_entry(ids["playbook"])
    qtbot.waitUntil(lambda: window.pane.in_trash, timeout=WAIT_MS)
    assert settings.last_entry(vault_id) == ids["playbook"]
    lock(qtbot, shell)
    shell.start(PASSPHRASE)
    qtbot.waitUntil(lambda: window.isVisible() and window.model.rowCount() == 1, timeout=WAIT_MS)
    settle(qtbot)
    assert not window.editor.showing_entry and window.table.selected_id() is None
    assert settings.last_entry(vault_id) == ids["playbook"]  # kept: it may yet be restored

    # Deleted for good: forgotten.
    window.sidebar.select_filter(TRASH)
    qtbot.waitUntil(lambda: window.model.row_of(ids["playbook"]) is not None, timeout=WAIT_MS)
    window.table.select_entry(ids["playbook"])
    qtbot.waitUntil(lambda: window.pane.in_trash, timeout=WAIT_MS)
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, *args: True))
    window.pane.purge()
    qtbot.waitUntil(lambda: settings.last_entry(vault_id) is None, timeout=WAIT_MS)


# -- the tray, minimising and closing ---------------------------------------------------------


def test_lock_when_minimised_and_close_to_tray_are_settings(qtbot, shell, settings, monkeypatch):
    assert (settings.lock_when_minimised, settings.close_to_tray) == (False, False)
    unlock(qtbot, shell)
    dialog = open_settings(qtbot, shell)
    assert not dialog.close_to_tray.isEnabled()  # offscreen: no tray to close to
    assert dialog.close_to_tray.toolTip() == "This desktop shows no tray icons."
    qtbot.mouseClick(dialog.lock_minimised, Qt.MouseButton.LeftButton)
    assert settings.lock_when_minimised
    dialog.reject()

    monkeypatch.setattr(settings_module, "tray_available", lambda: True)
    again = SettingsDialog(shell.session, settings)
    qtbot.addWidget(again)
    assert again.lock_minimised.isChecked() and again.close_to_tray.isEnabled()
    again.close_to_tray.setChecked(True)
    assert settings.close_to_tray


def test_minimising_locks_when_asked_and_the_unlock_screen_waits_minimised(qtbot, shell, settings):
    unlock(qtbot, shell)
    window = shell.window
    window.showMinimized()  # not asked: the vault stays open
    qtbot.waitUntil(window.isMinimized, timeout=WAIT_MS)
    settle(qtbot)
    assert shell.session.is_open and window.isVisible()
    window.showNormal()
    qtbot.waitUntil(lambda: not window.isMinimized(), timeout=WAIT_MS)

    settings.lock_when_minimised = True
    window.showMinimized()
    qtbot.waitUntil(lambda: not shell.session.is_open, timeout=WAIT_MS)
    assert not window.isVisible() and window.model.rowCount() == 0  # cleared, as any lock
    qtbot.waitUntil(shell.unlock_dialog.isVisible, timeout=WAIT_MS)
    assert shell.unlock_dialog.isMinimized()  # where the window was, not jumping up

    shell.unlock_dialog.unlock_with(PASSPHRASE)  # back: the window as it was, not minimised
    qtbot.waitUntil(lambda: window.isVisible() and window.model.rowCount() == 2, timeout=WAIT_MS)
    assert not window.isMinimized()


def test_close_to_tray_hides_the_window_and_the_tray_shows_locks_and_quits(
    qtbot, shell, settings, template, monkeypatch
):
    tray = shell.tray
    assert not tray.lock_action.isEnabled()  # nothing to lock yet
    unlock(qtbot, shell)
    assert tray.lock_action.isEnabled()
    quits: list[bool] = []
    shell.quit_requested.connect(lambda: quits.append(True))
    window = shell.window

    settings.close_to_tray = True  # set, but no tray on this desktop: closing quits
    window.close()
    assert quits == [True]
    quits.clear()
    window.show()

    monkeypatch.setattr(Tray, "present", property(lambda _tray: True))  # a desktop with a tray
    window.table.select_entry(template[1]["playbook"])
    qtbot.waitUntil(lambda: window.editor.entry_id == template[1]["playbook"], timeout=WAIT_MS)
    window.editor.title.setText("Month-end close, revised")
    window.close()
    assert not window.isVisible() and quits == [] and shell.session.is_open
    settle(qtbot)
    assert window.editor.status.text().startswith("Saved") and not window.editor.dirty  # saved on hiding

    tray.show_action.trigger()  # back from the tray
    assert window.isVisible()
    window.close()
    tray.lock_action.trigger()  # locked while hidden: the unlock screen waits for Show
    qtbot.waitUntil(lambda: not shell.session.is_open, timeout=WAIT_MS)
    settle(qtbot)
    assert not shell.unlock_dialog.isVisible() and not window.isVisible()
    assert not tray.lock_action.isEnabled()
    tray.show_action.trigger()
    assert shell.unlock_dialog.isVisible() and not window.isVisible()

    tray.quit_action.trigger()
    assert quits == [True]
    window.actions_by_name["quit"].trigger()  # File ▸ Quit quits, whatever closing does
    assert quits == [True, True]
