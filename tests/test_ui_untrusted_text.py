"""Entry text shown by the app is data: it never makes Qt open a path or render markup.

The audit's reproduction: ``![x](/dev/zero)`` in a body, or a title
``<img src="/dev/zero">`` shown in a tooltip, made Qt open the path itself
and the app aborted (``std::bad_alloc``); a FIFO hung the GUI thread.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox

from knowhold.ui import markdown, plain_text
from knowhold.ui.dialogs.confirm import Confirm
from knowhold.ui.models.versions import VersionListModel
from knowhold.ui.widgets.safe_browser import SafeBrowser
from knowhold.vault import VersionInfo
from tests.conftest import START

HOSTILE_TITLE = '<img src="/dev/zero"> Plan'


def test_images_render_as_their_alt_text_and_never_as_img() -> None:
    html = markdown.render(
        '![zero](/dev/zero) ![](//host/share/x.png) ![a <b>bold</b> *alt*](x.png)\n\n<img src="/dev/zero">\n'
    )
    assert "<img" not in html and 'src="' not in html  # the raw tag is escaped text
    assert "<em>[zero]</em>" in html and "<em>[a &lt;b&gt;bold&lt;/b&gt; alt]</em>" in html
    assert "//host/share" not in html and "x.png" not in html


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_preview_naming_a_fifo_neither_hangs_nor_opens_it(qtbot, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    opened = threading.Event()

    def watch() -> None:
        # Opening the write end blocks until someone opens the read end: if Qt
        # ever opened the FIFO to read the "image", this thread would get through.
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            return
        opened.set()
        os.close(fd)

    browser = SafeBrowser()
    qtbot.addWidget(browser)
    browser.setHtml(markdown.render(f"![pipe]({fifo})\n\n![pipe2](file://{fifo})"))
    assert "pipe" in browser.toPlainText()  # the alt text stands in for the image
    browser.setHtml(f'<p><img src="{fifo}"><img src="file://{fifo}"></p>')  # even raw HTML
    browser.document().adjustSize()
    watch()
    assert not opened.is_set()


def test_the_browser_refuses_every_resource(qtbot) -> None:
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    for kind in QTextDocument.ResourceType:
        for url in ("/dev/zero", "file:///dev/zero", "//host/share/x.png", "https://example.com/x.png"):
            assert browser.loadResource(kind.value, url) is None, (kind, url)


def test_tooltips_of_outside_text_are_text() -> None:
    tip = plain_text.tooltip(HOSTILE_TITLE + "\nline two")
    assert "<img" not in tip and "&lt;img src=&quot;/dev/zero&quot;&gt; Plan" in tip
    assert "<br>" in tip
    assert plain_text.tooltip("") == ""


def test_model_tooltips_escape_titles(qtmodeltester) -> None:
    versions = VersionListModel()
    versions.set_versions([VersionInfo(1, "note", HOSTILE_TITLE, (), False, START, 10)])
    qtmodeltester.check(versions)
    tip = versions.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert isinstance(tip, str) and "<img" not in tip and "&lt;img" in tip


def test_message_boxes_show_a_quoted_title_as_plain_text(qtbot, monkeypatch) -> None:
    seen: list[tuple[Qt.TextFormat, str]] = []

    def record(box: QMessageBox) -> int:
        seen.append((box.textFormat(), box.text()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    Confirm.ask(None, "Delete", f"Delete “{HOSTILE_TITLE}” for good?", "Delete")
    plain_text.warn(None, "Knowhold", f"Cannot read {HOSTILE_TITLE}.md")
    assert [fmt for fmt, _ in seen] == [Qt.TextFormat.PlainText] * 2
    assert all(HOSTILE_TITLE in text for _, text in seen)
    assert QApplication.instance() is not None
