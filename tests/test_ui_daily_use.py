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
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QToolButton, QTreeWidgetItem

from knowhold.ui.actions import ACTIONS
from knowhold.ui.dialogs.confirm import Confirm
from knowhold.ui.dialogs.shortcuts import ShortcutsDialog, plain_text
from knowhold.ui.labels import kind_label
from knowhold.ui.main_window import MainWindow
from knowhold.ui.models.entry_list import PAGE_SIZE
from knowhold.ui.models.sidebar import Place
from knowhold.ui.session import ALL_ENTRIES, TRASH, EntryFilter, VaultSession
from knowhold.vault import KINDS, Entry, EntrySummary, Vault
from tests.conftest import FAST_KDF, PASSPHRASE, START, UI_WAIT_MS, FakeClock
from tests.test_ui_main import sidebar_count, stored
from tests.test_ui_shell import StubSession


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
def window(open_window, session: VaultSession) -> MainWindow:
    return open_window(session, 3, active=True)  # the shortcuts' tests need the active window


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


def test_ctrl_f_finds_in_the_open_entry_apart_from_the_vault_search(qtbot, window):
    find = window.actions_by_name["find_in_entry"]
    assert not find.isEnabled()  # no entry shown: nothing to find in
    window.table.setCurrentIndex(window.model.index(0, 0))
    qtbot.waitUntil(lambda: window.editor.showing_entry and find.isEnabled(), timeout=UI_WAIT_MS)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.pane.find_bar
    qtbot.waitUntil(
        lambda: bar.isVisible() and window.focusWidget() is not window.search_box, timeout=UI_WAIT_MS
    )
    assert window.search_box.text() == ""


# -- new entries of every kind ---------------------------------------------------------------


def choose(qtbot, window: MainWindow, view: EntryFilter, count: int) -> None:
    window.sidebar.select_filter(view)
    qtbot.waitUntil(
        lambda: (
            window.model.view == view and not window.model.is_loading and window.model.rowCount() == count
        ),
        timeout=UI_WAIT_MS,
    )


def test_new_entry_is_a_note_in_all_entries_and_the_place_s_kind_elsewhere(qtbot, window):
    editor = window.editor
    # A checklist written just before does not make the next new entry a checklist.
    window.new_button.kinds.actions()[KINDS.index("checklist")].trigger()
    assert editor.kind.currentData() == "checklist"
    editor.title.setText("Before a release")
    editor.flush()
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=UI_WAIT_MS)
    window.actions_by_name["new"].trigger()
    assert editor.kind.currentData() == "note"
    qtbot.mouseClick(window.new_button, Qt.MouseButton.LeftButton)  # the button's face: the same
    assert editor.kind.currentData() == "note"

    # In a kind's place, New Entry writes that kind, and the place stays.
    choose(qtbot, window, EntryFilter(kind="playbook"), 1)
    window.actions_by_name["new"].trigger()
    assert editor.kind.currentData() == "playbook"
    assert window.sidebar.current_filter == EntryFilter(kind="playbook")

    # Another kind from the menu: the list moves to All entries, where it will be listed.
    window.new_button.kinds.actions()[KINDS.index("decision")].trigger()
    assert editor.kind.currentData() == "decision"
    assert window.sidebar.current_filter == ALL_ENTRIES

    # In a tag's place, the kind chosen and the place's tag.
    choose(qtbot, window, EntryFilter(tag="people"), 1)
    window.new_button.kinds.actions()[KINDS.index("edge-case")].trigger()
    assert (editor.kind.currentData(), editor.tags.text()) == ("edge-case", "people")
    assert window.sidebar.current_filter == EntryFilter(tag="people")


def test_the_new_entry_button_offers_every_kind(window):
    button = window.new_button
    assert button.popupMode() == QToolButton.ToolButtonPopupMode.MenuButtonPopup
    assert button.defaultAction() is window.actions_by_name["new"]
    offered = button.kinds.actions()
    assert [action.data() for action in offered] == list(KINDS)
    assert [action.text() for action in offered] == [kind_label(kind) for kind in KINDS]


# -- the count in the status bar ----------------------------------------------------------------


def shows(qtbot, window: MainWindow, text: str) -> None:
    qtbot.waitUntil(lambda: window.count.text() == text, timeout=UI_WAIT_MS)


def search(qtbot, window: MainWindow, text: str) -> None:
    window.search_box.setFocus()
    window.search_box.clear()
    qtbot.keyClicks(window.search_box, text)
    qtbot.waitUntil(
        lambda: window.results.query == text and not window.results.is_searching, timeout=UI_WAIT_MS
    )


def test_the_count_stays_true(qtbot, window, ids):
    assert window.count.isVisible()
    shows(qtbot, window, "3 entries")

    window.actions_by_name["new"].trigger()  # added: one more in the list and in the count
    window.editor.title.setText("Standing orders")
    window.editor.flush()
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=UI_WAIT_MS)
    shows(qtbot, window, "4 entries")

    window.table.select_entry(ids["note"])
    qtbot.waitUntil(lambda: window.editor.entry_id == ids["note"], timeout=UI_WAIT_MS)
    window.actions_by_name["delete"].trigger()  # trashed: one less
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=UI_WAIT_MS)
    shows(qtbot, window, "3 entries")

    search(qtbot, window, "ops")
    shows(qtbot, window, "2 results")
    assert window.results.rowCount() == 2
    search(qtbot, window, "nothing-like-this")
    shows(qtbot, window, "No results")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)  # cleared: the list's count again
    shows(qtbot, window, "3 entries")

    one = QCoreApplication.translate("StatusCount", "%n entries", "", 1)  # "1 entry" in English
    choose(qtbot, window, EntryFilter(kind="playbook"), 1)
    shows(qtbot, window, one)
    choose(qtbot, window, EntryFilter(tag="ops"), 2)
    shows(qtbot, window, "2 entries")
    choose(qtbot, window, TRASH, 1)
    shows(qtbot, window, one)
    choose(qtbot, window, ALL_ENTRIES, 3)
    shows(qtbot, window, "3 entries")

    # A licensing view has no entries to count: the count steps aside.
    window.show_place(Place.ISSUED)
    qtbot.waitUntil(lambda: not window.count.isVisible(), timeout=UI_WAIT_MS)
    window.show_place(None)
    qtbot.waitUntil(window.count.isVisible, timeout=UI_WAIT_MS)


def test_the_count_includes_rows_not_loaded_yet(qtbot, runner, settings):
    rows = [
        EntrySummary(f"{i:010d}", "note", f"Entry {i:04d}", (), False, 1, START, START - i)
        for i in range(PAGE_SIZE + 50)
    ]

    window = MainWindow(StubSession(rows), settings)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.start()
    shows(qtbot, window, f"{PAGE_SIZE + 50} entries")
    assert window.model.rowCount() == PAGE_SIZE
    # Saved while its row is not loaded (it sorts after the loaded page): counted all the same.
    late = Entry("z" * 10, "note", "Late", "", (), False, 1, START, START - 10_000, None)
    window.pane.saved.emit(late, None)
    assert window.model.rowCount() == PAGE_SIZE
    shows(qtbot, window, f"{PAGE_SIZE + 51} entries")


# -- the selection after a search -----------------------------------------------------------------


def test_after_escape_clears_a_search_the_selected_row_is_the_entry_shown(qtbot, window, ids):
    window.table.select_entry(ids["heuristic"])
    qtbot.waitUntil(lambda: window.editor.entry_id == ids["heuristic"], timeout=UI_WAIT_MS)
    search(qtbot, window, "Maria")
    window.results_view.select_first()
    qtbot.waitUntil(lambda: window.editor.entry_id == ids["note"], timeout=UI_WAIT_MS)
    window.search_box.setFocus()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.table
    assert window.table.selected_ids() == [ids["note"]] == [window.editor.entry_id]

    # A new entry written during a search has no row yet: no other row stays selected.
    search(qtbot, window, "ledger")
    window.actions_by_name["new"].trigger()
    window.search_box.setFocus()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.table.selected_ids() == [] and window.editor.showing_entry


# -- undoing Move to Trash ---------------------------------------------------------------------


def trash_from_list(qtbot, window: MainWindow, entry_id: str) -> None:
    window.table.select_entry(entry_id)
    qtbot.waitUntil(lambda: window.editor.entry_id == entry_id, timeout=UI_WAIT_MS)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.model.row_of(entry_id) is None, timeout=UI_WAIT_MS)


def test_undo_in_the_status_message_brings_a_trashed_entry_back(qtbot, window, session, ids):
    undo = window.undo_trash
    trash_from_list(qtbot, window, ids["playbook"])
    qtbot.waitUntil(undo.offer.isVisible, timeout=UI_WAIT_MS)
    assert undo.label.text() == "Moved “Month-end close” to the Trash."
    assert window.statusBar().currentMessage() == ""  # the offer says it, with its button
    shows(qtbot, window, "2 entries")

    qtbot.mouseClick(undo.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.row_of(ids["playbook"]) is not None, timeout=UI_WAIT_MS)
    assert not undo.offer.isVisible()
    assert "Restored “Month-end close”." in window.statusBar().currentMessage()
    assert not stored(qtbot, session, ids["playbook"]).in_trash
    # Listed, counted, selected and shown again, editable.
    qtbot.waitUntil(lambda: window.editor.entry_id == ids["playbook"], timeout=UI_WAIT_MS)
    assert window.table.selected_ids() == [ids["playbook"]] and not window.editor.read_only
    shows(qtbot, window, "3 entries")
    qtbot.waitUntil(lambda: sidebar_count(window, ALL_ENTRIES) == 3, timeout=UI_WAIT_MS)
    assert sidebar_count(window, TRASH) == 0


def test_ctrl_z_restores_outside_text_and_undoes_typing_inside(qtbot, window, session, ids):
    trash_from_list(qtbot, window, ids["note"])
    trash_from_list(qtbot, window, ids["heuristic"])
    qtbot.waitUntil(lambda: window.undo_trash.offer.isVisible(), timeout=UI_WAIT_MS)
    assert window.undo_trash.label.text() == "Moved “Check the cheap thing first” to the Trash."

    # In the editor's text, Ctrl+Z is the text's own undo: nothing comes back from the trash.
    editor = window.editor
    qtbot.waitUntil(lambda: editor.entry_id == ids["playbook"], timeout=UI_WAIT_MS)
    editor.body.setFocus()
    qtbot.keyClick(editor.body, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.body, " Twice.")
    qtbot.keyClick(editor.body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not editor.body.toPlainText().endswith("Twice.")
    window.actions_by_name["undo"].trigger()  # Edit ▸ Undo there: the text's undo too
    assert window.model.rowCount() == 1 and window.undo_trash.offer.isVisible()

    # In the list, Ctrl+Z brings back the newest first, then the one before.
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.model.row_of(ids["heuristic"]) is not None, timeout=UI_WAIT_MS)
    assert window.model.row_of(ids["note"]) is None
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.model.row_of(ids["note"]) is not None, timeout=UI_WAIT_MS)
    assert not stored(qtbot, session, ids["note"]).in_trash
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Nothing to undo."


def test_an_entry_restored_or_deleted_for_good_is_no_longer_undone(qtbot, window, ids, monkeypatch):
    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, *args: True))
    trash_from_list(qtbot, window, ids["note"])
    trash_from_list(qtbot, window, ids["playbook"])
    qtbot.waitUntil(lambda: len(window.undo_trash._trashed) == 2, timeout=UI_WAIT_MS)
    choose(qtbot, window, TRASH, 2)
    window.table.select_entry(ids["playbook"])
    qtbot.waitUntil(lambda: window.editor.entry_id == ids["playbook"], timeout=UI_WAIT_MS)
    window.actions_by_name["restore"].trigger()  # restored by hand: nothing left to undo for it
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=UI_WAIT_MS)
    window.table.select_entry(ids["note"])
    qtbot.waitUntil(lambda: window.editor.entry_id == ids["note"], timeout=UI_WAIT_MS)
    window.actions_by_name["purge"].trigger()  # gone for good: nothing to bring back
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=UI_WAIT_MS)
    qtbot.waitUntil(lambda: not window.undo_trash._trashed, timeout=UI_WAIT_MS)
    assert not window.undo_trash.offer.isVisible()
    window.actions_by_name["undo"].trigger()
    assert window.statusBar().currentMessage() == "Nothing to undo."


def test_locking_forgets_what_could_be_undone(qtbot, window, ids):
    trash_from_list(qtbot, window, ids["note"])
    qtbot.waitUntil(window.undo_trash.offer.isVisible, timeout=UI_WAIT_MS)
    window.clear()
    assert not window.undo_trash.offer.isVisible() and not window.undo_trash._trashed
