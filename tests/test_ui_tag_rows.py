"""A tag's sidebar row is the tag's key; its spelling is only the label (issue 10, review).

The sidebar shows a tag as most entries spell it. When a save changes which
spelling that is (#ClientX on three entries, #clientx on two, then one more
is retagged #clientx), the row is still the same tag: still selected, the
list still filtered by it, only its label new.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from knowhold.ui.main_window import MainWindow
from knowhold.ui.models.entry_list import Column
from knowhold.ui.models.sidebar import COUNT_ROLE, FILTER_ROLE, SidebarModel
from knowhold.ui.session import EntryFilter, Overview, VaultSession
from knowhold.ui.tasks import Op
from knowhold.vault import Entry, Vault
from tests.conftest import FAST_KDF, PASSPHRASE, UI_WAIT_MS, FakeClock

CLIENT = EntryFilter(tag="clientx")  # the tag's key, whatever the spelling shown


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Three entries spell the tag #ClientX, two #clientx; one more entry has another tag."""
    path = tmp_path_factory.mktemp("tag-rows-template") / "vault"
    vault = Vault.create(path, PASSPHRASE, clock=FakeClock(), name="Li Wei", kdf=FAST_KDF).vault
    try:
        add = vault.entries.add
        ids = {f"upper{n}": add("note", f"Upper {n}", "", tags=["ClientX"]).id for n in range(3)}
        ids |= {f"lower{n}": add("note", f"Lower {n}", "", tags=["clientx"]).id for n in range(2)}
        ids["other"] = add("note", "Other", "", tags=["ops"]).id
    finally:
        vault.close()
    return path, ids


def tag_rows(model: SidebarModel) -> list[tuple[str, int, EntryFilter]]:
    rows = (model.index(row) for row in range(model.rowCount()))
    return [
        (index.data(), index.data(COUNT_ROLE), index.data(FILTER_ROLE))
        for index in rows
        if isinstance(index.data(FILTER_ROLE), EntryFilter) and index.data(FILTER_ROLE).tag is not None
    ]


def stored(qtbot, session: VaultSession, entry_id: str) -> Entry:
    got: list[Entry] = []
    Op(None, lambda: session.entry(entry_id), got.append).run()
    qtbot.waitUntil(lambda: bool(got), timeout=UI_WAIT_MS)
    return got[0]


def listed_ids(window: MainWindow) -> set[str]:
    return {window.model.summary(row).id for row in range(window.model.rowCount())}


def click_sidebar_row(qtbot, window: MainWindow, label: str) -> None:
    model = window.sidebar.sidebar_model
    row = next(row for row in range(model.rowCount()) if model.index(row).data() == label)
    rect = window.sidebar.visualRect(model.index(row))
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_selected_tag_stays_when_its_spelling_flips(qtbot, open_window, session, ids):
    window = open_window(session, 6, sidebar=True)
    sidebar = window.sidebar
    model = sidebar.sidebar_model
    assert tag_rows(model) == [("#ClientX", 5, CLIENT), ("#ops", 1, EntryFilter(tag="ops"))]
    clients = {ids[f"upper{n}"] for n in range(3)} | {ids[f"lower{n}"] for n in range(2)}
    click_sidebar_row(qtbot, window, "#ClientX")
    qtbot.waitUntil(lambda: not window.model.is_loading and listed_ids(window) == clients, timeout=UI_WAIT_MS)
    assert sidebar.current_filter == CLIENT  # the key goes to the list and the search

    changed: list[object] = []
    sidebar.filter_changed.connect(changed.append)
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    retagged = ids["upper0"]
    row = window.model.row_of(retagged)
    assert row is not None
    rect = window.table.visualRect(window.model.index(row, Column.TITLE))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.editor.entry_id == retagged, timeout=UI_WAIT_MS)
    window.editor.tags.clear()
    qtbot.keyClicks(window.editor.tags, "clientx")
    window.editor.flush()
    # Two entries now spell it #ClientX, three #clientx: the row is relabelled in place.
    qtbot.waitUntil(lambda: tag_rows(model)[0][0] == "#clientx", timeout=UI_WAIT_MS)
    assert stored(qtbot, session, retagged).tags == ("clientx",)
    assert tag_rows(model) == [("#clientx", 5, CLIENT), ("#ops", 1, EntryFilter(tag="ops"))]
    assert resets == [] and changed == []
    assert sidebar.current_filter == CLIENT
    selected = sidebar.selectionModel().selectedIndexes()
    assert [index.data() for index in selected] == ["#clientx"]
    assert window.model.view == CLIENT and listed_ids(window) == clients
    assert window.editor.entry_id == retagged  # the list did not reload under the editor

    # A new entry written from the tag's row takes the spelling the row shows.
    window.actions_by_name["new"].trigger()
    assert window.editor.tags.text() == "clientx"


def test_a_new_entry_from_a_tag_row_takes_the_spelling_shown(qtbot, open_window, session):
    window = open_window(session, 6, sidebar=True)
    click_sidebar_row(qtbot, window, "#ClientX")
    qtbot.waitUntil(lambda: window.model.view == CLIENT and not window.model.is_loading, timeout=UI_WAIT_MS)
    window.actions_by_name["new"].trigger()
    assert window.editor.tags.text() == "ClientX"  # not the key: the majority's spelling stays


def test_a_tag_rows_menu_shows_its_spelling_and_licenses_its_key(qtbot, open_window, session):
    window = open_window(session, 6, sidebar=True)
    sidebar = window.sidebar
    model = sidebar.sidebar_model
    row = next(row for row in range(model.rowCount()) if model.index(row).data() == "#ClientX")
    center = sidebar.visualRect(model.index(row)).center()
    shown: list[str] = []

    def choose() -> None:  # the menu runs its own loop: read and choose from inside it
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        shown.extend(action.text() for action in menu.actions())
        menu.actions()[0].trigger()
        menu.close()

    QTimer.singleShot(0, choose)
    with qtbot.waitSignal(sidebar.license_tag_requested, timeout=UI_WAIT_MS) as asked:
        sidebar.contextMenuEvent(
            QContextMenuEvent(QContextMenuEvent.Reason.Mouse, center, sidebar.viewport().mapToGlobal(center))
        )
    assert shown == ["License Entries Tagged #ClientX…"]
    assert asked.args == ["clientx"]


def test_a_new_spelling_changes_the_label_in_place(qtbot):
    """The model keeps its rows (no reset) when only a tag's spelling changes."""
    model = SidebarModel()
    kinds = (("note", 5),)
    model.set_overview(Overview(kinds, (("ClientX", 5), ("复盘", 1)), 0))
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(model.dataChanged, timeout=UI_WAIT_MS):
        model.set_overview(Overview(kinds, (("clientx", 5), ("复盘", 1)), 0))
    assert resets == []
    assert [(label, count, view.tag) for label, count, view in tag_rows(model)] == [
        ("#clientx", 5, "clientx"),
        ("#复盘", 1, "复盘"),
    ]
    model.set_overview(Overview(kinds, (("复盘", 1),), 0))  # a tag gone: new rows
    assert resets == [1]


def test_a_tag_whose_row_is_gone_keeps_its_spelling(qtbot):
    model = SidebarModel()
    kinds = (("note", 5),)
    model.set_overview(Overview(kinds, (("ClientX", 5), ("复盘", 1)), 0))
    model.set_overview(Overview(kinds, (("复盘", 1),), 0))  # its last entry trashed
    assert model.row_of(CLIENT) is None
    assert model.spelling("clientx") == "ClientX"
    assert model.spelling("never-seen") == "never-seen"
    model.clear()  # locked: nothing of the vault is remembered
    assert model.spelling("clientx") == "clientx"


def test_the_empty_sentence_of_a_tag_names_it_as_spelled(qtbot, open_window, session):
    window = open_window(session, 6, sidebar=True)
    click_sidebar_row(qtbot, window, "#ClientX")
    qtbot.waitUntil(lambda: window.model.view == CLIENT and not window.model.is_loading, timeout=UI_WAIT_MS)
    # Its last entry trashed: the overview comes back without the tag's row.
    window.sidebar.sidebar_model.set_overview(Overview((("note", 1),), (("ops", 1),), 0))
    assert window.sidebar.current_tag == "ClientX"
    assert window._empty_text(CLIENT) == "No entries are tagged #ClientX."
