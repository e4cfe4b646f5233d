"""The main window's working parts, driven end to end on a real vault.

Sidebar filters, search as you type, the entry editor with autosave, the
sensitive-data marker, history and trash. Every wait is ``waitUntil`` with a
generous timeout (a loaded 2-core CI runner), never a sleep.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from tests.conftest import FAST_KDF, PASSPHRASE, START, FakeClock
from ui.main_window import MainWindow
from ui.models.entry_list import ENTRY_ID_ROLE, Column
from ui.models.search_results import (
    HIGHLIGHTS_ROLE,
    META_ROLE,
    PAGE_SIZE,
    SNIPPET_ROLE,
    SearchResultsModel,
)
from ui.models.sidebar import COUNT_ROLE, FILTER_ROLE, HEADING_ROLE, SidebarModel
from ui.session import ALL_ENTRIES, TRASH, EntryFilter, Overview, VaultSession
from ui.settings import Settings
from ui.tasks import Op, TaskRunner
from vault import KINDS, Hit, Vault

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
            "playbook": add(
                "playbook", "Month-end close", "1. Reconcile the ledger", ["finance", "ops"]
            ).id,
            "note": add(
                "note", "Vendor contacts", "Ask Maria: maria@example.com", ["people"]
            ).id,
            "decision": add("decision", "发布流程", SENTENCE_ZH, ["复盘"]).id,
            "trashed": add("note", "Old draft", "Nothing to keep.").id,
        }
        vault.entries.trash(ids["trashed"])
    finally:
        vault.close()
    return path, ids


@pytest.fixture
def ids(template: tuple[Path, dict[str, str]]) -> dict[str, str]:
    return template[1]


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:
    runner = TaskRunner().install()
    yield runner
    runner.shutdown()


@pytest.fixture
def session(
    qtbot, runner: TaskRunner, template: tuple[Path, dict[str, str]], tmp_path: Path
) -> Iterator[VaultSession]:
    path = tmp_path / "vault"
    shutil.copytree(template[0], path)
    session = VaultSession(path, FakeClock())
    done: list[object] = []
    Op(None, lambda: session.unlock(PASSPHRASE), done.append).run()
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS)
    yield session
    runner.shutdown()  # queued saves finish before the vault closes
    session.lock()


@pytest.fixture
def window(qtbot, session: VaultSession, tmp_path: Path) -> MainWindow:
    window = MainWindow(session, Settings.at(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.sidebar.sidebar_model.rowCount() > 0, timeout=WAIT_MS)
    return window


def titles(window: MainWindow) -> set[str]:
    model = window.model
    return {model.index(row, Column.TITLE).data() for row in range(model.rowCount())}


def choose(qtbot, window: MainWindow, view: EntryFilter, count: int) -> None:
    window.sidebar.select_filter(view)
    qtbot.waitUntil(
        lambda: window.model.view == view
        and not window.model.is_loading
        and window.model.rowCount() == count,
        timeout=WAIT_MS,
    )


# -- sidebar --------------------------------------------------------------------------


def test_sidebar_model_rows_and_counts(qtmodeltester):
    model = SidebarModel()
    overview = Overview(
        tuple((kind, 2 if kind == "note" else 0) for kind in KINDS), (("ops", 2),), 1
    )
    model.set_overview(overview)
    qtmodeltester.check(model)
    rows = [model.index(row) for row in range(model.rowCount())]
    labels = [index.data() for index in rows]
    assert labels[:3] == ["All entries", "Trash", "Kinds"]
    assert rows[2].data(HEADING_ROLE) and not rows[1].data(HEADING_ROLE)
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
    counts = {
        model.index(row).data(): model.index(row).data(COUNT_ROLE) for row in range(model.rowCount())
    }
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
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def search(qtbot, window: MainWindow, text: str) -> None:
    window.search_box.clear()
    type_text(qtbot, window.search_box, text)
    qtbot.waitUntil(
        lambda: window.results.query == text and not window.results.is_searching, timeout=WAIT_MS
    )


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
    qtbot.waitUntil(lambda: window.entry_view.entry_id == ids["decision"], timeout=WAIT_MS)

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
    qtbot.waitUntil(lambda: window.results.rowCount() == 1 and not window.results.is_searching,
                    timeout=WAIT_MS)
    assert window.results.index(0).data(ENTRY_ID_ROLE) == ids["playbook"]
    window.sidebar.select_filter(EntryFilter(tag="people"))
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.empty_state, timeout=WAIT_MS)
    # An unknown kind in the query language is explained, not a crash.
    search(qtbot, window, "kind:recipe")
    qtbot.waitUntil(lambda: "recipe" in window.empty_state.label.text(), timeout=WAIT_MS)


def test_search_shortcuts(qtbot, window):
    keys = {key.toString() for key in window.actions_by_name["find"].shortcuts()}
    assert {"Ctrl+K", "Ctrl+F"} <= keys
    window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.focusWidget() is window.search_box, timeout=WAIT_MS)
