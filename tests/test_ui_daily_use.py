"""The main window in daily use (issue 11), driven end to end on a real vault.

The count in the status bar, new entries of every kind, the selection after
a search is cleared, undoing Move to Trash, the keyboard-shortcut list, the
tray's lock on minimise. Every wait is ``waitUntil``, never a sleep.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QTreeWidgetItem

from knowhold.ui.actions import ACTIONS
from knowhold.ui.dialogs.shortcuts import ShortcutsDialog, plain_text
from knowhold.ui.main_window import MainWindow
from knowhold.ui.session import VaultSession
from knowhold.ui.settings import Settings
from knowhold.vault import Vault
from tests.conftest import FAST_KDF, PASSPHRASE, UI_WAIT_MS, FakeClock


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """One closed vault, copied for each test (one Argon2id run for the module)."""
    path = tmp_path_factory.mktemp("daily-template") / "vault"
    vault = Vault.create(path, PASSPHRASE, clock=FakeClock(), name="Li Wei", kdf=FAST_KDF).vault
    try:
        add = vault.entries.add
        ids = {
            "heuristic": add("heuristic", "Check the cheap thing first", "Restart first.", ["ops"]).id,
            "playbook": add("playbook", "Month-end close", "1. Reconcile the ledger", ["ops"]).id,
            "note": add("note", "Vendor contacts", "Ask Maria.", ["people"]).id,
        }
    finally:
        vault.close()
    return path, ids


@pytest.fixture
def ids(template: tuple[Path, dict[str, str]]) -> dict[str, str]:
    return template[1]


@pytest.fixture
def window(qtbot, session: VaultSession, tmp_path: Path) -> MainWindow:
    window = MainWindow(session, Settings.at(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()  # shortcuts only reach the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=UI_WAIT_MS)
    window.start()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=UI_WAIT_MS)
    return window


# -- the keyboard-shortcut list ------------------------------------------------------------


def listed(dialog: ShortcutsDialog) -> dict[str, str]:
    rows: dict[str, str] = {}
    for top in range(dialog.tree.topLevelItemCount()):
        heading: QTreeWidgetItem = dialog.tree.topLevelItem(top)
        for child in range(heading.childCount()):
            item = heading.child(child)
            rows[item.text(0)] = item.text(1)
    return rows


def test_the_shortcut_list_shows_every_action_with_a_key(qtbot, window):
    window.actions_by_name["shortcuts"].trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None and dialog.isVisible()
    rows = listed(dialog)
    native = QKeySequence.SequenceFormat.NativeText
    expected = {
        plain_text(window.actions_by_name[spec.name].text()): ", ".join(
            key.toString(native) for key in window.actions_by_name[spec.name].shortcuts()
        )
        for spec in ACTIONS
        if spec.shortcut is not None
    }
    assert rows == expected
    assert rows["Search…"] == "Ctrl+K" and rows["New Entry"] == "Ctrl+N"
    assert rows["Settings…"] == "Ctrl+,"
    headings = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert headings == ["File", "Edit", "View", "Entry", "Help"]
    dialog.reject()

    # Read from the actions themselves: a key given to an action is listed at once.
    window.actions_by_name["audit"].setShortcut(QKeySequence("Ctrl+Shift+A"))
    again = ShortcutsDialog(window.actions_by_name, window)
    qtbot.addWidget(again)
    assert listed(again)["Audit Log…"] == "Ctrl+Shift+A"


def test_plain_text_drops_mnemonics_but_keeps_ampersands():
    assert plain_text("Se&ttings…") == "Settings…"
    assert plain_text("Terms && conditions") == "Terms & conditions"


def test_ctrl_k_focuses_the_vault_search(qtbot, window):
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.focusWidget() is window.search_box, timeout=UI_WAIT_MS)
