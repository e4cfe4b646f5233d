"""The entry list's order: header clicks sort in the core, saved entries go where the order puts them.

Driven on a real vault. The model's invariant is checked against the
database after every change: its rows are always the first rows of the
list as the core sorts it, so the next page neither skips nor repeats one.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import random
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

import knowhold.ui.models.entry_list as entry_list
from knowhold.ui.main_window import MainWindow
from knowhold.ui.models.entry_list import Column, EntryListModel, ListOrder
from knowhold.ui.session import ALL_ENTRIES, Draft, EntryFilter, VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.tasks import Op
from knowhold.vault import KINDS, Entry, Vault
from knowhold.vault.knowledge.entries import SortKey
from tests.conftest import FAST_KDF, PASSPHRASE, START, FakeClock

WAIT_MS = 15_000

TITLES = ["Onboarding", "apple pie", "Budget", "复盘流程", "zebra", "Apple crumble", "上线", "Mentor"]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, None]:
    """One closed vault with a few entries of mixed kinds, titles and times (one Argon2id run)."""
    path = tmp_path_factory.mktemp("sort-template") / "vault"
    clock = FakeClock()
    vault = Vault.create(path, PASSPHRASE, clock=clock, name="Li Wei", kdf=FAST_KDF).vault
    try:
        for i, title in enumerate(TITLES):
            clock.advance(60)
            vault.entries.add(KINDS[i % 3], title, f"Text {i}", tags=["even"] if i % 2 == 0 else [])
    finally:
        vault.close()
    return path, None


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START + 3600)


def on_worker(qtbot, fn):
    """Run ``fn`` on the vault worker, after everything queued, and return its result."""
    got: list[object] = []
    Op(None, fn, got.append).run()
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT_MS)
    return got[0]


def shown_ids(model: EntryListModel) -> list[str]:
    return [model.summary(row).id for row in range(model.rowCount())]


def core_ids(qtbot, session: VaultSession, order: ListOrder, view: EntryFilter = ALL_ENTRIES) -> list[str]:
    page = on_worker(
        qtbot,
        lambda: session.list_entries(1000, 0, view, sort=order.key, descending=order.descending),
    )
    return [summary.id for summary in page[0]]


def click_header(qtbot, window: MainWindow, column: Column) -> None:
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def arrow(window: MainWindow) -> tuple[int, Qt.SortOrder]:
    header = window.table.horizontalHeader()
    return header.sortIndicatorSection(), header.sortIndicatorOrder()


def test_header_clicks_sort_in_the_core_and_the_order_is_remembered(
    qtbot, qtmodeltester, open_window, session, tmp_path, monkeypatch
):
    settings = Settings.at(tmp_path / "settings.ini")
    asked: list[tuple[SortKey, bool]] = []
    real_list = session.list_entries

    def spy(limit, offset, view=ALL_ENTRIES, sort=SortKey.UPDATED, descending=True):
        asked.append((sort, descending))
        return real_list(limit, offset, view, sort=sort, descending=descending)

    monkeypatch.setattr(session, "list_entries", spy)
    window = open_window(session, len(TITLES), settings=settings)
    model, table = window.model, window.table
    assert arrow(window) == (Column.UPDATED, Qt.SortOrder.DescendingOrder)
    assert shown_ids(model) == core_ids(qtbot, session, ListOrder())

    # The entry being read stays selected through a new order.
    chosen = model.summary(3).id
    table.select_entry(chosen)
    qtbot.waitUntil(lambda: window.editor.entry_id == chosen, timeout=WAIT_MS)

    steps = [
        (Column.TITLE, ListOrder(SortKey.TITLE, False)),  # a name: A to Z first
        (Column.TITLE, ListOrder(SortKey.TITLE, True)),  # the same column again: the other way
        (Column.UPDATED, ListOrder(SortKey.UPDATED, True)),  # a time: newest first
        (Column.KIND, ListOrder(SortKey.KIND, False)),
    ]
    for column, order in steps:
        asked.clear()
        click_header(qtbot, window, column)
        qtbot.waitUntil(lambda o=order: model.order == o and not model.is_loading, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: model.rowCount() == len(TITLES), timeout=WAIT_MS)
        assert asked == [(order.key, order.descending)]  # read from the core in that order
        assert shown_ids(model) == core_ids(qtbot, session, order)
        expected_arrow = Qt.SortOrder.DescendingOrder if order.descending else Qt.SortOrder.AscendingOrder
        assert arrow(window) == (column, expected_arrow)
        remembered = (settings.list_sort_column, settings.list_sort_descending)
        assert remembered == (order.key.value, order.descending)
        assert table.selected_id() == chosen
    titles = [model.index(row, Column.TITLE).data() for row in range(model.rowCount())]
    kinds = [model.summary(row).kind for row in range(model.rowCount())]
    assert kinds == sorted(kinds)
    qtmodeltester.check(model)

    # Tags have no order: a click there reads nothing and leaves the arrow where it was.
    asked.clear()
    click_header(qtbot, window, Column.TAGS)
    assert arrow(window) == (Column.KIND, Qt.SortOrder.AscendingOrder)
    assert model.order == ListOrder(SortKey.KIND, False) and asked == [] and not model.is_loading
    assert [model.index(row, Column.TITLE).data() for row in range(model.rowCount())] == titles

    # A filter keeps the order.
    window.sidebar.select_filter(EntryFilter(tag="even"))
    qtbot.waitUntil(lambda: not model.is_loading and model.rowCount() == 4, timeout=WAIT_MS)
    assert shown_ids(model) == core_ids(qtbot, session, model.order, EntryFilter(tag="even"))

    # The next window starts in the remembered order.
    settings.sync()
    window.close()
    again = open_window(session, len(TITLES), settings=Settings.at(tmp_path / "settings.ini"))
    assert again.model.order == ListOrder(SortKey.KIND, False)
    assert arrow(again) == (Column.KIND, Qt.SortOrder.AscendingOrder)
    assert shown_ids(again.model) == core_ids(qtbot, session, again.model.order)


def test_an_order_no_column_shows_has_no_arrow(qtbot, open_window, session, tmp_path):
    settings = Settings.at(tmp_path / "settings.ini")
    settings.list_sort_column = "created"
    settings.list_sort_descending = False
    window = open_window(session, len(TITLES), settings=settings)
    assert window.model.order == ListOrder(SortKey.CREATED, False)
    assert window.table.horizontalHeader().sortIndicatorSection() == -1
    assert shown_ids(window.model) == core_ids(qtbot, session, window.model.order)
    settings.list_sort_column = "shoe size"  # a hand-edited file: the default order
    assert ListOrder.parse(settings.list_sort_column, settings.list_sort_descending) == ListOrder()


def test_an_entry_renamed_in_the_editor_moves_to_its_place_by_title(qtbot, open_window, session):
    window = open_window(session, len(TITLES))
    model, editor = window.model, window.editor
    click_header(qtbot, window, Column.TITLE)
    qtbot.waitUntil(
        lambda: model.order.key is SortKey.TITLE and model.rowCount() == len(TITLES), timeout=WAIT_MS
    )
    first = model.summary(0)
    assert first.title == "Apple crumble"
    window.table.select_entry(first.id)
    qtbot.waitUntil(lambda: editor.entry_id == first.id, timeout=WAIT_MS)
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, "Mentoring")
    editor.flush()
    qtbot.waitUntil(
        lambda: not editor.dirty and model.summary(model.row_of(first.id)).title == "Mentoring",
        timeout=WAIT_MS,
    )
    assert shown_ids(model) == core_ids(qtbot, session, model.order)
    # Chinese titles by their pinyin among the Latin ones: 复盘 fu pan, 上线 shang xian.
    assert [model.summary(row).title for row in range(model.rowCount())] == [
        "apple pie",
        "Budget",
        "复盘流程",
        "Mentor",
        "Mentoring",
        "Onboarding",
        "上线",
        "zebra",
    ]
    assert window.table.selected_id() == first.id  # the selection moved with the row


@pytest.mark.parametrize(
    ("order", "view"),
    [
        (ListOrder(SortKey.TITLE, False), ALL_ENTRIES),
        (ListOrder(SortKey.UPDATED, True), ALL_ENTRIES),
        (ListOrder(SortKey.KIND, True), ALL_ENTRIES),
        (ListOrder(SortKey.TITLE, True), EntryFilter(kind=KINDS[0])),
    ],
)
def test_saved_entries_keep_the_loaded_rows_the_first_rows_of_the_order(
    qtbot, qtmodeltester, runner, vault_copy, clock, monkeypatch, order, view
):
    """Renames, kind changes and new entries among partly loaded pages: never a skipped or repeated row."""
    monkeypatch.setattr(entry_list, "PAGE_SIZE", 3)
    vault = Vault.open(vault_copy, PASSPHRASE, clock=clock)
    try:
        entries = vault.entries

        def page(limit: int, offset: int):
            return entries.page(
                kind=view.kind, limit=limit, offset=offset, sort=order.key, descending=order.descending
            )

        def in_core(count: int) -> tuple[list[str], int]:
            listed, total = page(count, 0)
            return [summary.id for summary in listed], total

        def idle() -> None:
            qtbot.waitUntil(lambda: not model.is_loading and not runner.busy, timeout=WAIT_MS)

        rng = random.Random(5)
        words = ["alpha", "Beta", "gamma", "Zulu", "mentor", "复盘", "上线", "apple"]
        for i in range(16):  # enough that most of the list is still to be read for a while
            clock.advance(rng.choice([0, 7]))
            entries.add(rng.choice(KINDS[:2]), f"{rng.choice(words)} {i}")
        model = EntryListModel(page, runner=runner)
        model.set_source(page, view, order)
        model.reload()
        idle()
        for step in range(40):
            action = rng.choice(["rename", "rename", "rename", "kind", "new", "new", "fetch"])
            if action == "fetch":
                model.fetchMore()
                idle()
            else:
                clock.advance(rng.choice([0, 1, 30]))  # some saves in the same second: ties
                if action == "new":
                    previous = None
                    saved: Entry = entries.add(rng.choice(KINDS[:2]), f"{rng.choice(words)} {step}")
                else:
                    every = entries.page(sort=SortKey.CREATED)[0]
                    previous = entries.get(rng.choice(every).id)
                    if action == "kind":
                        saved = entries.update(previous.id, kind=rng.choice(KINDS[:2]))
                    else:
                        saved = entries.update(previous.id, title=f"{rng.choice(words)} {step}")
                model.entry_saved(saved, previous)
            ids, total = in_core(model.rowCount())
            assert shown_ids(model) == ids, (step, action)
            assert model.total == total, (step, action)
        while model.canFetchMore():
            model.fetchMore()
            idle()
        everything, total = in_core(10_000)
        assert shown_ids(model) == everything and model.total == total == len(everything)
        qtmodeltester.check(model)
    finally:
        runner.shutdown()
        vault.close()


def test_autosaves_of_the_editor_fill_one_version_per_window(qtbot, session, clock):
    draft = Draft("new:1", None, "note", "Typing", "one", (), False)
    first = on_worker(qtbot, lambda: session.save(draft))
    assert first.version == 1
    versions = []
    for body in ("one two", "one two three"):
        clock.advance(20)
        versions.append(
            on_worker(
                qtbot, lambda b=body: session.save(Draft(draft.key, first.id, "note", "Typing", b, (), False))
            ).version
        )
    assert versions == [2, 2]
    # Save Now: a version kept for good; the next autosave starts another.
    clock.advance(20)
    kept = on_worker(
        qtbot,
        lambda: session.save(
            Draft(draft.key, first.id, "note", "Typing", "one two three four", (), False, explicit=True)
        ),
    )
    assert kept.version == 3
    clock.advance(20)
    autosaved = on_worker(
        qtbot, lambda: session.save(Draft(draft.key, first.id, "note", "Typing", "five", (), False))
    )
    assert autosaved.version == 4
    clock.advance(5 * 60)  # a window after version 4 was first written
    later = on_worker(
        qtbot, lambda: session.save(Draft(draft.key, first.id, "note", "Typing", "six", (), False))
    )
    assert later.version == 5
    history = on_worker(qtbot, lambda: session.history(first.id))
    assert [v.version for v in history] == [5, 4, 3, 2, 1]
    assert on_worker(qtbot, lambda: session.version(first.id, 3)).body == "one two three four"
