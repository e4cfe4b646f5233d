"""The app's search box as typed (issue 11): the word being typed is a prefix, a finished
word is whole, pinyin initials find a Chinese title, and snippets show no Markdown."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout
from PySide6.QtWidgets import QStyleOptionViewItem

from knowhold.ui.main_window import MainWindow
from knowhold.ui.models.entry_list import ENTRY_ID_ROLE
from knowhold.ui.models.search_results import HIGHLIGHTS_ROLE, SNIPPET_ROLE, TITLE_HIGHLIGHTS_ROLE
from knowhold.ui.session import VaultSession
from knowhold.ui.widgets.search import PADDING, SNIPPET_LINES
from knowhold.vault import Vault
from tests.conftest import FAST_KDF, PASSPHRASE, FakeClock

WAIT_MS = 15_000

ENTRIES = {
    "cheap": (
        "Check the cheap thing first",
        "**Why:** the [cheap fix](https://example.com) is *often* right.",
    ),
    "chess": ("Chess club", "## Notes\n\n- bring a board"),
    "retro": ("复盘流程", "每周五做一次复盘。"),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("typing-template") / "vault"
    clock = FakeClock()
    ids = {}
    with Vault.create(path, PASSPHRASE, clock=clock, kdf=FAST_KDF).vault as vault:
        for name, (title, body) in ENTRIES.items():
            clock.advance(60)
            ids[name] = vault.entries.add("note", title, body).id
    return path, ids


@pytest.fixture
def window(open_window, session: VaultSession) -> MainWindow:
    return open_window(session, len(ENTRIES))


def shown(qtbot, window: MainWindow, text: str) -> set[str]:
    """The entries the results show once ``text`` is in the box and its search is done."""
    qtbot.waitUntil(lambda: window.results.query == text and not window.results.is_searching, timeout=WAIT_MS)
    results = window.results
    return {results.index(row).data(ENTRY_ID_ROLE) for row in range(results.rowCount())}


def test_each_keystroke_searches_the_word_being_typed_as_a_prefix(qtbot, window, template) -> None:
    ids = template[1]
    box = window.search_box
    box.setFocus()
    typed = ""
    for key, expected in [
        ("c", {"cheap", "chess"}),
        ("h", {"cheap", "chess"}),
        ("e", {"cheap", "chess"}),
        ("a", {"cheap"}),
        ("p", {"cheap"}),
        (" ", {"cheap"}),  # finished: the whole word
    ]:
        qtbot.keyClick(box, key)
        typed += key
        assert shown(qtbot, window, typed) == {ids[n] for n in expected}, typed
    box.clear()
    qtbot.keyClicks(box, "che ")  # a finished word that is in no entry
    assert shown(qtbot, window, "che ") == set()
    assert window.pages.currentWidget() is window.empty_state


def test_pinyin_initials_find_a_chinese_title_and_snippets_are_plain(qtbot, window, template) -> None:
    ids = template[1]
    box = window.search_box
    box.setFocus()
    qtbot.keyClicks(box, "fp")
    assert shown(qtbot, window, "fp") == {ids["retro"]}
    title = window.results.index(0)
    assert [title.data()[s:e] for s, e in title.data(TITLE_HIGHLIGHTS_ROLE)] == ["复盘"]
    box.clear()
    qtbot.keyClicks(box, "cheap")
    assert shown(qtbot, window, "cheap") == {ids["cheap"]}
    index = window.results.index(0)
    snippet = index.data(SNIPPET_ROLE)
    assert snippet == "Why: the cheap fix is often right."
    assert [snippet[s:e] for s, e in index.data(HIGHLIGHTS_ROLE)] == ["cheap"]
    assert [index.data()[s:e] for s, e in index.data(TITLE_HIGHLIGHTS_ROLE)] == ["cheap"]
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == "" and window.results.rowCount() == 0


def test_a_row_is_tall_enough_for_a_chinese_title_and_snippet(qtbot, window) -> None:
    """Han characters come from a taller fallback font: a row sized by the Latin font's
    metrics alone drew a Chinese title into its tags' line and cut the snippet's last line."""
    view = window.results_view
    window.search_box.setText("复盘")
    qtbot.waitUntil(lambda: window.results.rowCount() == 1, timeout=WAIT_MS)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    title, tags = QFont(option.font), QFont(option.font)
    title.setWeight(QFont.Weight.DemiBold)
    tags.setPointSizeF(option.font.pointSizeF() * 0.9)

    def chinese_line(font: QFont) -> float:
        layout = QTextLayout("每周五做一次复盘。", font)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(1000)
        layout.endLayout()
        return line.height()

    assert chinese_line(option.font) > QFontMetrics(option.font).height()  # the case this is about
    needed = chinese_line(title) + chinese_line(tags) + SNIPPET_LINES * chinese_line(option.font)
    assert view.itemDelegate().sizeHint(option, window.results.index(0)).height() >= needed + 2 * PADDING
