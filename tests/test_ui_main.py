"""The main window's working parts, driven end to end on a real vault.

Sidebar filters, search as you type, the entry editor with autosave, the
sensitive-data marker, history and trash. Every wait is ``waitUntil`` with a
generous timeout (a loaded 2-core CI runner), never a sleep.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QFont,
    QInputMethodEvent,
    QPalette,
    QTextBlock,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from knowhold.ui.actions import ACTIONS
from knowhold.ui.dialogs.confirm import Confirm
from knowhold.ui.dialogs.create_vault import CreateVaultWizard
from knowhold.ui.dialogs.history import ADDED, REMOVED, diff_lines
from knowhold.ui.dialogs.settings import SettingsDialog
from knowhold.ui.dialogs.unlock import UnlockDialog
from knowhold.ui.main_window import MainWindow
from knowhold.ui.models.entry_list import ENTRY_ID_ROLE, Column
from knowhold.ui.models.search_results import (
    HIGHLIGHTS_ROLE,
    META_ROLE,
    PAGE_SIZE,
    SNIPPET_ROLE,
    SearchResultsModel,
)
from knowhold.ui.models.sidebar import COUNT_ROLE, FILTER_ROLE, HEADING_ROLE, PLACE_ROLE, Place, SidebarModel
from knowhold.ui.models.versions import VERSION_ROLE, VersionListModel
from knowhold.ui.session import ALL_ENTRIES, TRASH, Draft, EntryFilter, Overview, VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.tasks import Op, TaskRunner
from knowhold.vault import KINDS, Entry, Hit, Vault, VersionInfo
from knowhold.vault.knowledge.templates import template_for, without_guidance
from tests.conftest import FAST_KDF, PASSPHRASE, START, FakeClock

WAIT_MS = 15_000

SENTENCE_ZH = "每次上线以后，我们都会认真复盘这次发布的问题。"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """One closed vault, copied for each test (one Argon2id run for the module)."""
    path = tmp_path_factory.mktemp("main-template") / "vault"
    vault = Vault.create(path, PASSPHRASE, clock=FakeClock(), name="Li Wei", kdf=FAST_KDF).vault
    try:
        add = vault.entries.add
        ids = {
            "heuristic": add(
                "heuristic", "Check the cheap thing first", "Before a rebuild, restart.", ["ops"]
            ).id,
            "playbook": add("playbook", "Month-end close", "1. Reconcile the ledger", ["finance", "ops"]).id,
            "note": add("note", "Vendor contacts", "Ask Maria: maria@example.com", ["people"]).id,
            "decision": add("decision", "发布流程", SENTENCE_ZH, ["复盘"]).id,
            "trashed": add("note", "Old draft", "Nothing to keep.").id,
        }
        vault.entries.trash(ids["trashed"])
    finally:
        vault.close()
    return path, ids


@pytest.fixture
def window(open_window, session: VaultSession) -> MainWindow:
    return open_window(session, 4, active=True, sidebar=True)  # Ctrl+K and Delete need it active


def titles(window: MainWindow) -> set[str]:
    model = window.model
    return {model.index(row, Column.TITLE).data() for row in range(model.rowCount())}


def choose(qtbot, window: MainWindow, view: EntryFilter, count: int) -> None:
    window.sidebar.select_filter(view)
    qtbot.waitUntil(
        lambda: (
            window.model.view == view and not window.model.is_loading and window.model.rowCount() == count
        ),
        timeout=WAIT_MS,
    )


# -- sidebar --------------------------------------------------------------------------


def test_sidebar_model_rows_and_counts(qtmodeltester):
    model = SidebarModel()
    overview = Overview(tuple((kind, 2 if kind == "note" else 0) for kind in KINDS), (("ops", 2),), 1, 3, 1)
    model.set_overview(overview)
    qtmodeltester.check(model)
    rows = [model.index(row) for row in range(model.rowCount())]
    labels = [index.data() for index in rows]
    assert labels[:6] == ["All entries", "Trash", "Licenses", "Issued", "Received", "Kinds"]
    assert rows[2].data(HEADING_ROLE) and not rows[1].data(HEADING_ROLE)
    # The licensing rows open a place, not an entry filter, and count licenses.
    assert [rows[3].data(PLACE_ROLE), rows[4].data(PLACE_ROLE)] == [Place.ISSUED, Place.RECEIVED]
    assert rows[3].data(FILTER_ROLE) is None and rows[0].data(PLACE_ROLE) is None
    assert [rows[3].data(COUNT_ROLE), rows[4].data(COUNT_ROLE)] == [3, 1]
    assert rows[3].data(Qt.ItemDataRole.AccessibleTextRole) == "Issued, 3 licenses"
    assert "Tags" in labels and "#ops" in labels
    selectable = Qt.ItemFlag.ItemIsSelectable
    assert model.flags(rows[0]) & selectable and not model.flags(rows[2]) & selectable
    assert rows[0].data(COUNT_ROLE) == 2 and rows[1].data(COUNT_ROLE) == 1
    assert rows[1].data(FILTER_ROLE) == TRASH and rows[2].data(COUNT_ROLE) is None
    note_row = model.row_of(EntryFilter(kind="note"))
    assert note_row is not None
    assert model.index(note_row).data(COUNT_ROLE) == 2
    kinds = [index.data(FILTER_ROLE).kind for index in rows if index.data(FILTER_ROLE)]
    assert [k for k in kinds if k] == list(KINDS)

    # New counts with the same rows change data in place; a new tag resets.
    changed: list[int] = []
    resets: list[int] = []
    model.dataChanged.connect(lambda *_: changed.append(1))
    model.modelReset.connect(lambda: resets.append(1))
    model.set_overview(Overview(overview.kinds, (("ops", 3),), 0))
    assert changed and not resets
    model.set_overview(Overview(overview.kinds, (("ops", 3), ("people", 1)), 0))
    assert resets == [1]
    qtmodeltester.check(model)


def test_sidebar_filters_the_list_by_kind_tag_and_trash(qtbot, window, ids):
    sidebar = window.sidebar
    model = sidebar.sidebar_model
    counts = {model.index(row).data(): model.index(row).data(COUNT_ROLE) for row in range(model.rowCount())}
    assert counts["All entries"] == 4 and counts["Trash"] == 1
    assert counts["Playbook"] == 1 and counts["Template"] == 0
    assert counts["#ops"] == 2 and counts["#复盘"] == 1
    assert sidebar.current_filter == ALL_ENTRIES
    assert sidebar.selectionModel().isSelected(model.index(0))

    choose(qtbot, window, EntryFilter(kind="playbook"), 1)
    assert titles(window) == {"Month-end close"}
    choose(qtbot, window, EntryFilter(tag="ops"), 2)
    assert titles(window) == {"Month-end close", "Check the cheap thing first"}
    choose(qtbot, window, TRASH, 1)
    assert titles(window) == {"Old draft"}

    # A click on a row does the same as select_filter.
    row = model.row_of(EntryFilter(kind="decision"))
    rect = sidebar.visualRect(model.index(row))
    qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: titles(window) == {"发布流程"}, timeout=WAIT_MS)
    assert sidebar.current_filter == EntryFilter(kind="decision")
    # A heading is not a filter: clicking it changes nothing.
    heading = sidebar.visualRect(model.index(2)).center()
    qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, pos=heading)
    assert sidebar.current_filter == EntryFilter(kind="decision")


def test_an_empty_filter_says_what_to_do(qtbot, window):
    choose(qtbot, window, EntryFilter(kind="template"), 0)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.empty_state, timeout=WAIT_MS)
    assert "No Template entries yet" in window.empty_state.label.text()
    choose(qtbot, window, ALL_ENTRIES, 4)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.table, timeout=WAIT_MS)


# -- search ----------------------------------------------------------------------------


def hit(i: int) -> Hit:
    return Hit(f"{i:010d}", "note", f"Hit {i}", ("ops",), START, f"about rollback {i}", ((6, 14),), -1.0)


def test_results_model_pages_and_drops_stale_queries(qtbot, qtmodeltester, runner):
    gate = threading.Event()
    calls: list[tuple[str, int]] = []

    def search_page(query: str, view: EntryFilter, limit: int, offset: int) -> list[Hit]:
        calls.append((query, offset))
        if query == "r":
            gate.wait(timeout=10)
        count = 120 if query == "rollback" else 1
        return [hit(i) for i in range(offset, min(count, offset + limit))]

    model = SearchResultsModel(search_page)
    model.set_query("r")  # held on the worker until the gate opens
    model.set_query("ro")
    model.set_query("rollback")  # replaces "ro", which never runs
    assert model.is_searching and model.rowCount() == 0
    with qtbot.waitSignal(model.searched, timeout=WAIT_MS) as blocker:
        gate.set()
    assert blocker.args == ["rollback", PAGE_SIZE]
    assert [query for query, _ in calls] == ["r", "rollback"]
    assert model.rowCount() == PAGE_SIZE  # nothing from "r" slipped in
    index = model.index(3)
    assert index.data() == "Hit 3"
    assert index.data(SNIPPET_ROLE) == "about rollback 3"
    assert index.data(HIGHLIGHTS_ROLE) == ((6, 14),)
    assert index.data(ENTRY_ID_ROLE) == "0000000003"
    assert index.data(META_ROLE) == "Note  ·  #ops"
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: model.rowCount() == 100, timeout=WAIT_MS)
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: model.rowCount() == 120, timeout=WAIT_MS)
    assert not model.canFetchMore(QModelIndex())
    assert calls[-2:] == [("rollback", 50), ("rollback", 100)]
    qtmodeltester.check(model)
    model.set_query("   ")
    assert model.rowCount() == 0 and not model.is_searching


def marked(model: SearchResultsModel, row: int) -> list[str]:
    snippet = model.index(row).data(SNIPPET_ROLE)
    return [snippet[start:end] for start, end in model.index(row).data(HIGHLIGHTS_ROLE)]


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type as a person would: keys for ASCII, an input method's commit for Chinese.

    (QTest can only press keys that exist on a keyboard; Chinese text arrives
    from the input method as a committed string.)
    """
    if text.isascii():
        for i, line in enumerate(text.split("\n")):
            if i:
                qtbot.keyClick(widget, Qt.Key.Key_Return)
            qtbot.keyClicks(widget, line)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def search(qtbot, window: MainWindow, text: str) -> None:
    window.search_box.clear()
    type_text(qtbot, window.search_box, text)
    qtbot.waitUntil(lambda: window.results.query == text and not window.results.is_searching, timeout=WAIT_MS)


def test_search_as_you_type_english_and_chinese(qtbot, window, ids, monkeypatch):
    calls: list[str] = []
    real = window.results._search_page

    def counting(query: str, view: EntryFilter, limit: int, offset: int) -> list[Hit]:
        calls.append(query)
        return real(query, view, limit, offset)

    monkeypatch.setattr(window.results, "_search_page", counting)
    window.actions_by_name["find"].trigger()
    assert window.search_box.hasFocus() or window.focusWidget() is window.search_box
    qtbot.keyClicks(window.search_box, "rebuild")
    qtbot.waitUntil(lambda: window.results.rowCount() == 1, timeout=WAIT_MS)
    assert calls == ["rebuild"]  # one query after the pause, not one per letter
    assert window.pages.currentWidget() is window.results_view
    assert window.results.index(0).data() == "Check the cheap thing first"
    assert marked(window.results, 0) == ["rebuild"]

    search(qtbot, window, "复盘")
    assert window.results.rowCount() == 1
    assert window.results.index(0).data(ENTRY_ID_ROLE) == ids["decision"]
    assert marked(window.results, 0) == ["复盘"]
    assert "复盘" in window.results.index(0).data(SNIPPET_ROLE)

    # Choosing a hit opens its entry in the pane.
    window.results_view.select_first()
    qtbot.waitUntil(lambda: window.editor.entry_id == ids["decision"], timeout=WAIT_MS)

    search(qtbot, window, "nothing-like-this")
    assert window.pages.currentWidget() is window.empty_state
    assert "Nothing matches “nothing-like-this”" in window.empty_state.label.text()

    # Escape clears the box and brings the list back.
    window.search_box.setFocus()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == "" and window.results.rowCount() == 0
    assert window.pages.currentWidget() is window.table


def test_search_follows_the_sidebar_filter(qtbot, window, ids):
    search(qtbot, window, "ops")
    assert {window.results.index(r).data(ENTRY_ID_ROLE) for r in range(2)} == {
        ids["heuristic"],
        ids["playbook"],
    }
    window.sidebar.select_filter(EntryFilter(kind="playbook"))
    qtbot.waitUntil(
        lambda: window.results.rowCount() == 1 and not window.results.is_searching, timeout=WAIT_MS
    )
    assert window.results.index(0).data(ENTRY_ID_ROLE) == ids["playbook"]
    window.sidebar.select_filter(EntryFilter(tag="people"))
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.empty_state, timeout=WAIT_MS)
    # An unknown kind in the query language is explained, not a crash.
    search(qtbot, window, "kind:recipe")
    qtbot.waitUntil(lambda: "recipe" in window.empty_state.label.text(), timeout=WAIT_MS)


def test_tab_goes_from_search_to_list_to_editor(qtbot, window, ids):
    open_entry(qtbot, window, ids["note"])
    window.activateWindow()
    window.search_box.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is window.search_box, timeout=WAIT_MS)
    editor = window.editor
    for expected in (
        window.table,
        editor.title,
        editor.kind,
        editor.origin.kind,
        editor.tags,
        editor.private,
    ):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        qtbot.waitUntil(lambda expected=expected: window.focusWidget() is expected, timeout=WAIT_MS)


def test_search_shortcuts(qtbot, window):
    # Ctrl+K is the vault's search; Ctrl+F is left to finding within the open entry.
    keys = {key.toString() for key in window.actions_by_name["find"].shortcuts()}
    assert keys == {"Ctrl+K"}
    window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.focusWidget() is window.search_box, timeout=WAIT_MS)


# -- the editor -----------------------------------------------------------------------------


def stored(qtbot, session: VaultSession, entry_id: str) -> Entry:
    """The entry as the vault has it, read after every save queued so far."""
    got: list[Entry] = []
    Op(None, lambda: session.entry(entry_id), got.append).run()
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT_MS)
    return got[0]


def click_row(qtbot, window: MainWindow, entry_id: str) -> None:
    row = window.model.row_of(entry_id)
    assert row is not None
    rect = window.table.visualRect(window.model.index(row, Column.TITLE))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def open_entry(qtbot, window: MainWindow, entry_id: str) -> None:
    click_row(qtbot, window, entry_id)
    qtbot.waitUntil(lambda: window.editor.entry_id == entry_id, timeout=WAIT_MS)


def type_at_end(qtbot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, widget, text)


def choose_kind(editor, kind: str) -> None:
    editor.kind.setCurrentIndex(editor.kind.findData(kind))


def test_write_an_entry_of_each_kind(qtbot, window, session):
    editor = window.editor
    written: dict[str, str] = {}
    for kind in KINDS:
        window.actions_by_name["new"].trigger()  # saves the previous one first
        assert editor.showing_entry and editor.entry_id is None
        choose_kind(editor, kind)
        assert editor.body.toPlainText() == template_for(kind, "en")
        title = "上线复盘" if kind == "decision" else f"My {kind}"  # typed through an input method
        type_text(qtbot, editor.title, title)
        type_at_end(qtbot, editor.body, f"Written for {kind}.")
        qtbot.keyClicks(editor.tags, "mine")
        written[kind] = title
    window.actions_by_name["new"].trigger()
    qtbot.waitUntil(lambda: window.model.rowCount() == 4 + len(KINDS), timeout=WAIT_MS)
    rows = [window.model.summary(row) for row in range(window.model.rowCount())]
    by_title = {summary.title: summary for summary in rows}
    for kind, title in written.items():
        summary = by_title[title]
        entry = stored(qtbot, session, summary.id)
        assert entry.kind == kind and entry.tags == ("mine",)
        assert entry.body == without_guidance(template_for(kind, "en")) + f"Written for {kind}."
        assert entry.version == 1  # one save per entry: on switching to the next
    # The sidebar counted them.
    model = window.sidebar.sidebar_model
    mine = model.row_of(EntryFilter(tag="mine"))
    qtbot.waitUntil(lambda: model.row_of(EntryFilter(tag="mine")) is not None, timeout=WAIT_MS)
    mine = model.row_of(EntryFilter(tag="mine"))
    assert model.index(mine).data(COUNT_ROLE) == len(KINDS)


def test_an_untouched_new_entry_is_not_saved_and_follows_the_kind(qtbot, window, session):
    editor = window.editor
    window.sidebar.select_filter(EntryFilter(tag="ops"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=WAIT_MS)
    window.table.selectRow(0)
    window.actions_by_name["new"].trigger()
    assert window.table.selected_id() is None  # the list no longer points at another entry
    assert editor.tags.text() == "ops"  # the sidebar's tag is the new entry's tag
    assert editor.kind.currentData() == "note"
    choose_kind(editor, "checklist")
    assert editor.body.toPlainText() == template_for("checklist", "en")
    assert not editor.dirty
    type_at_end(qtbot, editor.body, "- [ ] one more")
    choose_kind(editor, "playbook")  # written in: the text stays
    assert editor.body.toPlainText().endswith("- [ ] one more")
    editor.flush()
    qtbot.waitUntil(lambda: editor.entry_id is not None and not editor.dirty, timeout=WAIT_MS)
    entry = stored(qtbot, session, editor.entry_id)
    assert entry.title == "Untitled" and entry.kind == "playbook" and entry.tags == ("ops",)
    # A new entry nobody wrote in leaves nothing behind.
    window.sidebar.select_filter(ALL_ENTRIES)
    qtbot.waitUntil(lambda: window.model.rowCount() == 5, timeout=WAIT_MS)
    window.actions_by_name["new"].trigger()
    window.actions_by_name["new"].trigger()
    window.sidebar.select_filter(EntryFilter(kind="note"))
    window.sidebar.select_filter(ALL_ENTRIES)
    qtbot.waitUntil(lambda: not window.model.is_loading and window.model.rowCount() == 5, timeout=WAIT_MS)


def test_nothing_typed_is_lost_when_switching_at_once(qtbot, qtmodeltester, window, session, ids):
    editor = window.editor
    open_entry(qtbot, window, ids["heuristic"])
    type_at_end(qtbot, editor.body, " Then look at the logs.")
    editor.title.end(False)
    qtbot.keyClicks(editor.title, " (always)")
    click_row(qtbot, window, ids["playbook"])  # at once: no pause for the autosave
    qtbot.waitUntil(lambda: editor.entry_id == ids["playbook"], timeout=WAIT_MS)
    open_entry(qtbot, window, ids["heuristic"])
    assert editor.body.toPlainText() == "Before a rebuild, restart. Then look at the logs."
    assert editor.title.text() == "Check the cheap thing first (always)"
    row = window.model.row_of(ids["heuristic"])
    assert window.model.index(row, Column.TITLE).data() == "Check the cheap thing first (always)"
    assert stored(qtbot, session, ids["heuristic"]).version == 2
    qtmodeltester.check(window.model)  # after a row changed in place


def test_autosave_after_a_pause_and_on_lock(qtbot, window, session, ids):
    editor = window.editor
    open_entry(qtbot, window, ids["note"])
    type_at_end(qtbot, editor.body, "\nCall before noon.")
    assert editor.dirty
    qtbot.waitUntil(lambda: not editor.dirty and editor.status.text().startswith("Saved"), timeout=WAIT_MS)
    assert stored(qtbot, session, ids["note"]).body.endswith("Call before noon.")

    type_at_end(qtbot, editor.body, " Not on Fridays.")
    window.clear()  # what locking does: save, then forget
    assert editor.body.toPlainText() == "" and editor.entry_id is None and not editor.showing_entry
    assert stored(qtbot, session, ids["note"]).body.endswith("Call before noon. Not on Fridays.")


def test_autosaves_share_a_version_and_save_now_keeps_one(qtbot, window, session, ids):
    editor = window.editor
    open_entry(qtbot, window, ids["note"])
    start = stored(qtbot, session, ids["note"]).version
    for words in (" First thought.", " Second thought."):
        type_at_end(qtbot, editor.body, words)
        editor.flush()  # what the autosave timer does after a pause
        qtbot.waitUntil(lambda: not editor.dirty, timeout=WAIT_MS)
    after_autosaves = stored(qtbot, session, ids["note"])
    assert after_autosaves.version == start + 1  # the second autosave reused the first's version
    assert after_autosaves.body.endswith("First thought. Second thought.")

    window.actions_by_name["save"].trigger()  # Save Now, with nothing new: keeps that version
    qtbot.waitUntil(lambda: editor.status.text().startswith("Saved"), timeout=WAIT_MS)
    type_at_end(qtbot, editor.body, " Third thought.")
    editor.flush()
    qtbot.waitUntil(lambda: not editor.dirty, timeout=WAIT_MS)
    latest = stored(qtbot, session, ids["note"])
    assert latest.version == start + 2
    kept = session.version(ids["note"], start + 1)
    assert kept.body.endswith("Second thought.") and not kept.body.endswith("Third thought.")


def test_what_cannot_be_saved_as_typed_is_saved_as_well_as_it_can(qtbot, window, session, ids):
    editor = window.editor
    open_entry(qtbot, window, ids["playbook"])
    editor.title.clear()
    editor.tags.clear()
    qtbot.keyClicks(editor.tags, "finance bad#tag month-end")
    assert editor.tag_warning.isVisible() and "bad#tag" in editor.tag_warning.text()
    editor.flush()
    qtbot.waitUntil(lambda: not editor.dirty, timeout=WAIT_MS)
    entry = stored(qtbot, session, ids["playbook"])
    assert entry.title == "Month-end close"  # an empty title keeps the old one
    assert entry.tags == ("finance", "month-end")
    assert editor.tags.text() == "finance bad#tag month-end"  # the word stays for fixing


def test_tags_complete_from_existing_tags(qtbot, window, ids):
    editor = window.editor
    open_entry(qtbot, window, ids["note"])
    editor.tags.setFocus()
    editor.tags.end(False)
    qtbot.keyClicks(editor.tags, " fin")
    popup = editor.tags.completer_.popup()
    qtbot.waitUntil(popup.isVisible, timeout=WAIT_MS)
    assert editor.tags.completer_.currentCompletion() == "finance"
    popup.setCurrentIndex(editor.tags.completer_.completionModel().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert editor.tags.text() == "people finance "
    assert editor.tags.tags() == ("people", "finance")


def test_markdown_highlighting(qtbot, window):
    editor = window.editor
    window.actions_by_name["new"].trigger()
    editor.body.setPlainText("## Heading\n- item with **bold** and `code`\n[a link](https://example.com)")
    document = editor.body.document()

    def format_at(block: int, column: int) -> QTextCharFormat | None:
        spans = document.findBlockByNumber(block).layout().formats()
        for span in spans:
            if span.start <= column < span.start + span.length:
                return QTextCharFormat(span.format)
        return None

    heading = format_at(0, 3)
    assert heading is not None and heading.fontWeight() == QFont.Weight.Bold
    assert format_at(1, 0).foreground().color() == editor.body.palette().color(QPalette.ColorRole.Link)
    line = document.findBlockByNumber(1).text()
    assert format_at(1, line.index("bold")).fontWeight() == QFont.Weight.Bold
    assert format_at(1, line.index("item")) is None  # plain words stay plain
    code = format_at(1, line.index("code"))
    assert code is not None and code.fontFamilies()
    assert format_at(2, 1).fontUnderline()


def test_preview_renders_and_opens_only_web_links_when_clicked(qtbot, window, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    editor = window.editor
    window.actions_by_name["new"].trigger()
    editor.body.setPlainText(
        "# Title\n\n[web](https://example.com/a) and [file](file:///etc/passwd)\n\n<b>raw</b>"
    )
    window.actions_by_name["preview"].trigger()
    assert editor.pages.currentWidget() is editor.preview
    qtbot.waitUntil(lambda: editor.preview.rendered_text is not None, timeout=WAIT_MS)
    assert "<b>raw</b>" in editor.preview.toPlainText()
    assert not opened  # nothing opens by itself

    def click(word: str) -> None:
        cursor = editor.preview.document().find(word)
        assert not cursor.isNull()
        cursor.setPosition(cursor.selectionStart() + 1)
        point = editor.preview.cursorRect(cursor).center()
        qtbot.mouseClick(editor.preview.viewport(), Qt.MouseButton.LeftButton, pos=point)

    click("web")
    click("file")
    assert opened == ["https://example.com/a"]
    window.actions_by_name["preview"].trigger()
    assert editor.pages.currentWidget() is editor.body


def test_a_new_draft_saved_twice_in_a_row_is_one_entry(qtbot, session):
    results: list[Entry] = []
    draft = Draft("new:1", None, "note", "Draft", "first", (), False)
    Op(None, lambda: session.save(draft), results.append).run()
    Op(None, lambda: session.save(replace(draft, body="second")), results.append).run()
    qtbot.waitUntil(lambda: len(results) == 2, timeout=WAIT_MS)
    assert results[0].id == results[1].id
    assert (results[0].version, results[1].version) == (1, 2)
    assert stored(qtbot, session, results[0].id).body == "second"


# -- sensitive data ------------------------------------------------------------------------


def test_findings_are_marked_quietly_and_listed_masked(qtbot, window, ids):
    editor = window.editor
    marker = editor.findings
    open_entry(qtbot, window, ids["note"])
    qtbot.waitUntil(marker.isVisible, timeout=WAIT_MS)
    assert marker.text() == "1 sensitive"
    actions = marker.menu_.actions()
    assert not actions[0].isEnabled()  # the heading
    assert len(actions) == 2
    label = actions[1].text()
    assert label.startswith("E-mail address in the text: ")
    assert "maria@example.com" not in label and "•" in label
    actions[1].trigger()  # choosing it selects it in the editor
    assert editor.body.textCursor().selectedText() == "maria@example.com"

    open_entry(qtbot, window, ids["playbook"])
    qtbot.waitUntil(lambda: not marker.isVisible(), timeout=WAIT_MS)

    # Found again after a save: a phone number in the title, after a character
    # that Qt counts twice (positions are UTF-16 there).
    editor.title.setText("Call 📞 13812345678 first")
    editor.flush()
    qtbot.waitUntil(marker.isVisible, timeout=WAIT_MS)
    assert marker.findings[0].field == "title" and marker.findings[0].finding.kind == "phone"
    marker.menu_.actions()[1].trigger()
    assert editor.title.selectedText() == "13812345678"

    # A tag leaves the vault with a license as surely as the text: it is scanned too.
    editor.title.setText("Call first")
    editor.tags.setText("ops, li.wei@example.com")
    editor.flush()
    qtbot.waitUntil(lambda: [f.field for f in marker.findings] == ["tags"], timeout=WAIT_MS)
    assert marker.menu_.actions()[1].text().startswith("E-mail address in the tags: ")
    marker.menu_.actions()[1].trigger()
    assert editor.tags.hasFocus()

    # So does the origin's name: an address typed as the organisation is found and selected there.
    editor.tags.setText("ops")
    editor.origin.kind.setCurrentIndex(editor.origin.kind.findData("organisation"))
    editor.origin.name.setText("Globex (li.wei@example.com)")
    editor.flush()
    qtbot.waitUntil(lambda: [f.field for f in marker.findings] == ["origin"], timeout=WAIT_MS)
    assert marker.menu_.actions()[1].text().startswith("E-mail address in the origin: ")
    marker.menu_.actions()[1].trigger()
    assert editor.origin.name.hasFocus() and editor.origin.name.selectedText() == "li.wei@example.com"

    window.clear()
    assert not marker.isVisible() and marker.findings == ()
    assert editor.tags.completer_.model().rowCount() == 0  # no tag names kept after locking


# -- history ---------------------------------------------------------------------------------


def test_diff_lines_show_changes_with_context():
    old = "\n".join(f"line {i}" for i in range(12))
    new = old.replace("line 1\n", "line one\n").replace("line 10", "line ten")
    lines = diff_lines(old, new, context=1)
    shown = [(line.change.value, line.text) for line in lines]
    assert shown == [
        (" ", "line 0"),
        ("-", "line 1"),
        ("+", "line one"),
        (" ", "line 2"),
        ("…", ""),
        (" ", "line 9"),
        ("-", "line 10"),
        ("+", "line ten"),
        (" ", "line 11"),
    ]
    assert diff_lines("same", "same") == []


def test_versions_model(qtmodeltester):
    model = VersionListModel()
    model.set_versions([VersionInfo(v, "note", f"T{v}", (), False, START + v, 10) for v in (1, 3, 2)])
    qtmodeltester.check(model)
    assert [model.index(r).data(VERSION_ROLE) for r in range(3)] == [3, 2, 1]
    assert model.current == 3
    assert model.index(0).data().startswith("Version 3 (current)\n")
    assert model.index(2).data().startswith("Version 1\n")
    assert model.index(1).data(Qt.ItemDataRole.ToolTipRole) == "<qt>T2</qt>"


def block_with(view, prefix: str) -> QTextBlock:
    block = view.document().firstBlock()
    while block.isValid():
        if block.text().startswith(prefix):
            return block
        block = block.next()
    raise AssertionError(f"no line starting with {prefix!r}")


def test_edit_then_restore_a_version_from_the_history(qtbot, qtmodeltester, window, session, ids):
    editor = window.editor
    open_entry(qtbot, window, ids["heuristic"])
    editor.body.selectAll()
    qtbot.keyClicks(editor.body, "Restart only after reading the logs.")
    editor.title.end(False)
    qtbot.keyClicks(editor.title, " (mostly)")
    window.actions_by_name["history"].trigger()  # saves first: the current text is a version
    dialog = window.pane.history_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.versions.rowCount() == 2, timeout=WAIT_MS)
    qtmodeltester.check(dialog.versions)
    assert dialog.selected_version() == 1  # the version before the current one
    qtbot.waitUntil(lambda: "Before a rebuild" in dialog.diff.toPlainText(), timeout=WAIT_MS)
    assert dialog.heading.text() == "What changed from version 1 to the current text:"
    title_line = block_with(dialog.diff, "Title: ")
    assert title_line.text() == ("Title: Check the cheap thing first → Check the cheap thing first (mostly)")
    removed = block_with(dialog.diff, "- Before a rebuild, restart.")
    added = block_with(dialog.diff, "+ Restart only after reading the logs.")
    assert removed.blockFormat().background().color() == REMOVED
    assert added.blockFormat().background().color() == ADDED
    assert dialog.restore_button.isEnabled()

    dialog.list.setCurrentIndex(dialog.versions.index(0))  # the current one: nothing to restore
    qtbot.waitUntil(lambda: dialog.heading.text() == "Version 2 is the current text.", timeout=WAIT_MS)
    assert not dialog.restore_button.isEnabled()
    assert dialog.diff.toPlainText() == "No differences."

    dialog.list.setCurrentIndex(dialog.versions.index(1))
    qtbot.waitUntil(dialog.restore_button.isEnabled, timeout=WAIT_MS)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pane.history_dialog is None, timeout=WAIT_MS)
    assert editor.body.toPlainText() == "Before a rebuild, restart."
    assert editor.title.text() == "Check the cheap thing first"
    entry = stored(qtbot, session, ids["heuristic"])
    assert entry.version == 3 and entry.body == "Before a rebuild, restart."
    row = window.model.row_of(ids["heuristic"])
    assert window.model.index(row, Column.TITLE).data() == "Check the cheap thing first"


# -- trash -------------------------------------------------------------------------------------


def sidebar_count(window: MainWindow, view: EntryFilter) -> int | None:
    model = window.sidebar.sidebar_model
    row = model.row_of(view)
    return None if row is None else model.index(row).data(COUNT_ROLE)


def test_trash_restore_delete_for_good_and_empty(qtbot, qtmodeltester, window, session, ids, monkeypatch):
    editor, pane = window.editor, window.pane
    open_entry(qtbot, window, ids["heuristic"])
    # In a text field Delete deletes text; the entry stays where it is.
    editor.body.setFocus()
    qtbot.keyClick(editor.body, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor.body, Qt.Key.Key_Delete)
    assert editor.body.toPlainText() == "efore a rebuild, restart."
    assert window.model.rowCount() == 4

    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.model.rowCount() == 3, timeout=WAIT_MS)
    assert window.model.row_of(ids["heuristic"]) is None
    qtmodeltester.check(window.model)  # after a row was taken out
    qtbot.waitUntil(lambda: sidebar_count(window, TRASH) == 2, timeout=WAIT_MS)
    assert sidebar_count(window, ALL_ENTRIES) == 3
    qtbot.waitUntil(window.undo_trash.offer.isVisible, timeout=WAIT_MS)  # the message, with its Undo
    assert window.undo_trash.label.text() == "Moved “Check the cheap thing first” to the Trash."
    # The next entry took its place in the editor.
    qtbot.waitUntil(lambda: editor.entry_id is not None, timeout=WAIT_MS)
    assert editor.entry_id != ids["heuristic"]
    trashed = stored(qtbot, session, ids["heuristic"])
    assert trashed.in_trash and trashed.body == "efore a rebuild, restart."  # saved, then trashed

    choose(qtbot, window, TRASH, 2)
    open_entry(qtbot, window, ids["heuristic"])
    assert pane.banner.isVisible() and editor.read_only
    assert window.actions_by_name["restore"].isEnabled()
    assert not window.actions_by_name["history"].isEnabled()
    qtbot.mouseClick(pane.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=WAIT_MS)
    assert "Restored “Check the cheap thing first”." in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: sidebar_count(window, ALL_ENTRIES) == 4, timeout=WAIT_MS)
    assert not stored(qtbot, session, ids["heuristic"]).in_trash
    choose(qtbot, window, ALL_ENTRIES, 4)
    open_entry(qtbot, window, ids["heuristic"])
    assert not pane.banner.isVisible() and not editor.read_only  # editable again
    choose(qtbot, window, TRASH, 1)

    asked: list[str] = []
    answer = [False]

    def ask(_parent: object, _title: str, text: str, _action: str) -> bool:
        asked.append(text)
        return answer[0]

    monkeypatch.setattr(Confirm, "ask", classmethod(lambda cls, *args: ask(*args)))
    open_entry(qtbot, window, ids["trashed"])
    window.actions_by_name["purge"].trigger()
    assert asked and "“Old draft”" in asked[-1]
    assert window.model.rowCount() == 1 and editor.entry_id == ids["trashed"]  # declined
    answer[0] = True
    window.actions_by_name["purge"].trigger()
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=WAIT_MS)
    assert window.pages.currentWidget() is window.empty_state
    assert window.empty_state.label.text().startswith("The trash is empty.")
    assert not editor.showing_entry

    # Two more into the trash, then empty it.
    choose(qtbot, window, ALL_ENTRIES, 4)
    for key in ("note", "playbook"):
        open_entry(qtbot, window, ids[key])
        window.actions_by_name["delete"].trigger()
        qtbot.waitUntil(lambda key=key: window.model.row_of(ids[key]) is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: sidebar_count(window, TRASH) == 2, timeout=WAIT_MS)
    assert window.actions_by_name["empty_trash"].isEnabled()
    choose(qtbot, window, TRASH, 2)
    window.actions_by_name["empty_trash"].trigger()
    assert "Entries in the Trash: 2." in asked[-1]
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: sidebar_count(window, TRASH) == 0, timeout=WAIT_MS)
    assert not window.actions_by_name["empty_trash"].isEnabled()


def test_delete_a_new_entry(qtbot, window, session):
    editor = window.editor
    window.actions_by_name["new"].trigger()
    window.actions_by_name["delete"].trigger()  # nothing written: simply gone
    assert not editor.showing_entry
    window.actions_by_name["new"].trigger()
    qtbot.keyClicks(editor.title, "Second thoughts")
    window.actions_by_name["delete"].trigger()  # written (and not yet saved): to the trash
    qtbot.waitUntil(lambda: sidebar_count(window, TRASH) == 2, timeout=WAIT_MS)
    choose(qtbot, window, TRASH, 2)
    assert "Second thoughts" in titles(window)


# -- accessibility: every control a keyboard or screen reader reaches has a name ------


ACCESSIBLE_CONTROLS = (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)


def unnamed_controls(root: QWidget) -> list[str]:
    """Controls with neither an accessible name, their own text, nor a label naming them."""
    labelled = {label.buddy() for label in root.findChildren(QLabel) if label.buddy() is not None}
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, ACCESSIBLE_CONTROLS) or widget in labelled:
            continue
        if widget.focusPolicy().value == 0 or widget.isHidden():  # never reached by keyboard
            continue
        if widget.window() is not root:
            continue  # a popup (a combo box's list, a completer's) is named by its owner
        parent = widget.parentWidget()
        # Parts of a composite control (a spin box's line edit, a view's scroll bars) are
        # named by the control they belong to.
        if isinstance(parent, (QAbstractSpinBox, QComboBox)) or (
            parent and parent.objectName() == "qt_scrollarea_viewport"
        ):
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName().strip() or text.replace("&", "").strip()):
            missing.append(
                f"{type(widget).__name__} {widget.objectName()!r} in {type(parent).__name__} "
                f"{parent.objectName() if parent else ''!r}"
            )
    return missing


def test_main_window_controls_are_named(window):
    assert unnamed_controls(window) == []


def test_dialog_controls_are_named(qtbot, session, tmp_path):
    settings = Settings.at(tmp_path / "settings.ini")
    dialogs = [
        UnlockDialog(session),
        SettingsDialog(session, settings),
        CreateVaultWizard(session),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        assert unnamed_controls(dialog) == [], type(dialog).__name__


def test_every_action_is_in_a_menu_and_common_ones_have_keys(window):
    in_menus = {
        action.objectName()
        for menu_action in window.menuBar().actions()
        for action in menu_action.menu().actions()
        if isinstance(action, QAction) and action.objectName()
    }
    assert {f"action_{spec.name}" for spec in ACTIONS} <= in_menus
    for name in ("new", "save", "find", "lock", "history", "settings", "quit"):
        assert not window.actions_by_name[name].shortcut().isEmpty(), name


def test_closing_the_window_stops_the_licensing_timers(qtbot, window, session):
    """Quitting: no publish check or status fetch may be queued behind the quit, and a
    locked vault is never asked (a timer firing then would find no worker to run on)."""
    publisher, refresher = window.licensing.publisher, window.licensing.refresher
    assert publisher.timer.isActive() and refresher.timer.isActive()
    window.close()
    assert not publisher.timer.isActive() and not refresher.timer.isActive()
    qtbot.waitUntil(lambda: not TaskRunner.instance().busy, timeout=WAIT_MS)
    session.lock()
    publisher.check()
    assert not TaskRunner.instance().busy  # a check is an Op on the worker: none was queued
