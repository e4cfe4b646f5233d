"""Daily use of one entry (issue 11): template guidance, the list's lock and widths, find in the entry.

Driven through the widgets on a real vault: the guidance a template starts
with is greyed and never stored untouched; the list shows a private entry's
lock and gives the title the free width; the find bar finds words, Chinese
included, in the text and in the preview.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette, QTextCursor
from PySide6.QtWidgets import QApplication

from knowhold.ui.main_window import MainWindow
from knowhold.ui.models.entry_list import Column
from knowhold.ui.session import VaultSession
from knowhold.ui.widgets.editor import PREVIEW_TAB, WRITE_TAB
from knowhold.ui.widgets.entry_pane import EntryPane
from knowhold.ui.widgets.find_bar import FindBar
from knowhold.vault import Entry, Vault
from knowhold.vault.knowledge.templates import template_for, untouched_guidance
from tests.conftest import FAST_KDF, PASSPHRASE, UI_WAIT_MS, FakeClock
from tests.test_ui_main import stored, type_text

REVIEW_ZH = "每次上线以后都要复盘。复盘时先看数据，\n\n再写复盘结论。"
PURPOSE = "*What this checklist protects against.*"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("daily-template") / "vault"
    vault = Vault.create(path, PASSPHRASE, clock=FakeClock(), name="Li Wei", kdf=FAST_KDF).vault
    try:
        add = vault.entries.add
        ids = {
            "review": add("playbook", "发布复盘流程", REVIEW_ZH, ["复盘"]).id,
            "salary": add("note", "Salary review: what to ask for", "Ask for 8%.", [], True).id,
            "english": add("heuristic", "Restart before rebuilding", "Restart first. RESTART again.").id,
        }
    finally:
        vault.close()
    return path, ids


def _open(qtbot, pane: EntryPane, entry_id: str) -> None:
    pane.open_entry(entry_id)
    qtbot.waitUntil(lambda: pane.editor.entry_id == entry_id, timeout=UI_WAIT_MS)


def _save(qtbot, pane: EntryPane) -> Entry:
    with qtbot.waitSignal(pane.editor.saved, timeout=UI_WAIT_MS) as blocker:
        pane.editor.flush()
    entry: Entry = blocker.args[0]
    return entry


# -- template guidance ----------------------------------------------------------------------


def _line_colour(pane: EntryPane, text: str) -> object:
    document = pane.editor.body.document()
    block = document.find(text).block()
    formats = block.layout().formats()
    return formats[0].format.foreground().color() if formats else None


def test_untouched_guidance_is_greyed_and_never_saved(qtbot, pane: EntryPane, session: VaultSession) -> None:
    editor = pane.editor
    editor.new_entry("checklist")
    assert editor.body.toPlainText() == template_for("checklist", "en")
    muted = editor.body.palette().color(QPalette.ColorRole.PlaceholderText)
    assert _line_colour(pane, PURPOSE) == muted  # shown as a placeholder is
    assert _line_colour(pane, "## Purpose") != muted

    qtbot.keyClicks(editor.title, "Before a release")
    untouched = _save(qtbot, pane)
    assert untouched_guidance(untouched.body) == ()
    assert "## Purpose" in untouched.body and "- [ ] First check" in untouched.body
    assert editor.body.toPlainText() == template_for("checklist", "en")  # the editor still shows it

    # Written under a section, and a guidance line written over: both kept, the rest dropped.
    cursor = editor.body.document().find("- [ ] First check")
    editor.body.setTextCursor(cursor)
    type_text(qtbot, editor.body, "- [ ] 确认回滚方案")
    cursor = editor.body.document().find(PURPOSE)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.body.setTextCursor(cursor)
    qtbot.keyClicks(editor.body, " A release we cannot roll back.")
    written = _save(qtbot, pane)
    assert "- [ ] 确认回滚方案" in written.body
    assert f"{PURPOSE} A release we cannot roll back." in written.body
    assert untouched_guidance(written.body) == ()
    assert stored(qtbot, session, written.id).body == written.body
    assert _line_colour(pane, PURPOSE) != muted  # written over: the worker's own line now

    editor.tabs.setCurrentIndex(PREVIEW_TAB)  # the preview shows what is kept
    qtbot.waitUntil(lambda: "Next check" in editor.preview.toPlainText(), timeout=UI_WAIT_MS)
    assert "The moment or the event that triggers it." not in editor.preview.toPlainText()


# -- the list: a lock for private entries, the width for titles -----------------------------------


@pytest.fixture
def window(open_window, session: VaultSession) -> MainWindow:
    return open_window(session, 3)


def test_a_private_entry_shows_a_lock_with_words_for_it(window: MainWindow, ids: dict[str, str]) -> None:
    model = window.model
    private = model.index(model.row_of(ids["salary"]), Column.PRIVATE)
    shared = model.index(model.row_of(ids["english"]), Column.PRIVATE)
    assert not private.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert private.data(Qt.ItemDataRole.ToolTipRole) == "Private: never included in a license"
    assert private.data(Qt.ItemDataRole.AccessibleTextRole) == "Private"
    for role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.DisplayRole):
        assert shared.data(role) is None
    tip = model.headerData(Column.PRIVATE, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip == "Private"
    header = window.table.horizontalHeader()
    assert header.visualIndex(Column.PRIVATE) == 0  # first, before the title
    assert 0 < header.sectionSize(Column.PRIVATE) <= 40


def test_the_title_takes_the_free_width(qtbot, window: MainWindow, ids: dict[str, str]) -> None:
    table, header = window.table, window.table.horizontalHeader()
    assert window.size().width() == 1200  # the window's first size
    qtbot.waitUntil(lambda: header.length() == table.viewport().width(), timeout=UI_WAIT_MS)
    width = table.viewport().width()
    assert header.sectionSize(Column.TITLE) >= width // 2, [header.sectionSize(c) for c in Column]
    assert header.sectionSize(Column.TAGS) <= width // 5
    for column in (Column.KIND, Column.UPDATED):  # as wide as what they show, no wider
        assert header.sectionSize(column) <= table.sizeHintForColumn(column) + 24
    # A title of 30 characters is shown whole at this width (about 12 were before).
    title = window.model.index(window.model.row_of(ids["salary"]), Column.TITLE)
    assert table.fontMetrics().horizontalAdvance(title.data()) < header.sectionSize(Column.TITLE)


# -- find in the entry --------------------------------------------------------------------------------


def _find(qtbot, bar: FindBar, words: str) -> None:
    bar.field.clear()
    type_text(qtbot, bar.field, words)


def test_find_steps_through_chinese_matches_with_keys(qtbot, pane: EntryPane, ids: dict[str, str]) -> None:
    _open(qtbot, pane, ids["review"])
    bar, body = pane.find_bar, pane.editor.body
    assert bar.isHidden()
    pane.find_in_entry()
    assert bar.isVisible() and bar.field.hasFocus()
    _find(qtbot, bar, "复盘")
    assert (bar.current, bar.matches, bar.count.text()) == (1, 3, "1 of 3")
    assert body.textCursor().selectedText() == "复盘"
    assert len(body.extraSelections()) == 3  # every match is tinted
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 3"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)  # round to the first again
    assert bar.count.text() == "1 of 3"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "3 of 3"
    position = body.textCursor().selectionStart()
    assert body.toPlainText()[position : position + 2] == "复盘" and position > 20

    _find(qtbot, bar, "复盘结论")  # across no space at all, as Chinese is written
    assert bar.count.text() == "1 of 1"
    _find(qtbot, bar, "回滚")
    assert (bar.matches, bar.count.text()) == (0, "No matches")
    assert not bar.next_button.isEnabled() and body.extraSelections() == []

    _find(qtbot, bar, "复盘")
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert bar.isHidden() and body.hasFocus()
    assert body.textCursor().selectedText() == "复盘"  # the cursor stays on the match
    assert body.extraSelections() == []


def test_f3_finds_from_the_text_and_matches_ignore_case(qtbot, pane: EntryPane, ids: dict[str, str]) -> None:
    _open(qtbot, pane, ids["english"])
    body, bar = pane.editor.body, pane.find_bar
    body.setFocus()
    cursor = body.textCursor()
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.NextWord, QTextCursor.MoveMode.KeepAnchor)
    cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)  # "Restart" selected: the bar starts with it
    qtbot.keyClick(body, Qt.Key.Key_F3)
    assert bar.isVisible() and bar.field.text() == "Restart"
    assert (bar.current, bar.matches) == (1, 2)  # "RESTART" too
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.current == 2
    qtbot.keyClick(bar.field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.current == 1
    # Typing in the text recounts without moving the cursor under the worker's hands.
    bar.close_bar()
    pane.find_in_entry()
    body.setFocus()
    end = body.textCursor()
    end.movePosition(QTextCursor.MoveOperation.End)
    body.setTextCursor(end)
    qtbot.keyClicks(body, " restart")
    assert bar.matches == 3 and body.textCursor().position() == len(body.toPlainText())
    assert (bar.current, bar.count.text()) == (0, "3 matches")
    cursor = body.textCursor()
    cursor.setPosition(len("Restart first. "))
    body.setTextCursor(cursor)
    qtbot.keyClick(body, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)  # the last one before the cursor
    assert bar.count.text() == "1 of 3"
    body.setTextCursor(cursor)
    qtbot.keyClick(body, Qt.Key.Key_F3)  # the first one after it
    assert bar.count.text() == "2 of 3"


def test_find_in_the_preview_and_closed_with_the_entry(qtbot, pane: EntryPane, ids: dict[str, str]) -> None:
    _open(qtbot, pane, ids["review"])
    editor, bar = pane.editor, pane.find_bar
    pane.find_in_entry()
    _find(qtbot, bar, "复盘")
    editor.tabs.setCurrentIndex(PREVIEW_TAB)
    qtbot.waitUntil(lambda: "复盘结论" in editor.preview.toPlainText(), timeout=UI_WAIT_MS)
    qtbot.waitUntil(lambda: bar.matches == 3, timeout=UI_WAIT_MS)
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert editor.preview.textCursor().selectedText() == "复盘" and bar.current >= 1
    assert len(editor.preview.extraSelections()) == 3
    editor.tabs.setCurrentIndex(WRITE_TAB)
    assert editor.preview.extraSelections() == [] and bar.matches == 3
    pane.clear()  # locked: nothing shown, nothing to find in
    assert bar.isHidden()
    QApplication.processEvents()
