"""The read-only entry view: title, kind and tags, and the rendered body.

The body is Markdown rendered on the worker (ui/markdown.py, raw HTML
escaped) and shown in a browser that follows no link and loads nothing
from the network: an entry may come from an imported note, and opening it
must not tell anyone that it was read.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ui.labels import kind_label, tags_label
from ui.markdown import render
from ui.models.entry_list import format_time
from ui.session import VaultSession
from ui.tasks import Failure, Op
from vault.entries import Entry

_DOCUMENT_CSS = """
h1, h2, h3 { margin-top: 14px; margin-bottom: 6px; }
p, ul, ol { margin-top: 0; margin-bottom: 10px; }
pre { margin: 4px 0 10px 0; padding: 8px; background-color: rgba(128, 128, 128, 28); }
code, pre { font-family: monospace; }
blockquote { margin-left: 12px; padding-left: 10px; }
"""


@dataclass(frozen=True, slots=True)
class RenderedEntry:
    entry: Entry
    html: str


def load_rendered(session: VaultSession, entry_id: str) -> RenderedEntry:
    """Worker side: read the entry and render its body, both off the GUI thread."""
    entry = session.entry(entry_id)
    return RenderedEntry(entry, render(entry.body))


class SafeBrowser(QTextBrowser):
    """A QTextBrowser that opens no link and loads no remote resource."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.document().setDefaultStyleSheet(_DOCUMENT_CSS)
        self.document().setDocumentMargin(0)

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        url = QUrl(url)
        # Only a file on this machine; "file://host/share" would reach out over SMB.
        if url.scheme() == "file" and not url.host():
            return super().loadResource(kind, url)
        return None


class EntryView(QWidget):
    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._request = 0
        self.entry_id: str | None = None

        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # titles are data, never markup
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.title.setAccessibleName(self.tr("Entry title"))

        self.meta = QLabel()
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setWordWrap(True)
        self.meta.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.meta.setAccessibleName(self.tr("Kind and tags"))

        self.body = SafeBrowser()
        self.body.setAccessibleName(self.tr("Entry text"))

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 20, 24, 8)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addSpacing(8)
        layout.addWidget(self.body, 1)

        self.placeholder = QLabel(self.tr("Select an entry to read it."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        # The reading pane is one sheet in the base colour, title included.
        for sheet in (page, self.placeholder):
            sheet.setBackgroundRole(QPalette.ColorRole.Base)
            sheet.setAutoFillBackground(True)

        self._stack = QStackedWidget()
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._stack)

    @property
    def showing_entry(self) -> bool:
        return self._stack.currentIndex() == 1

    def show_entry(self, entry_id: str) -> None:
        """Load and show an entry; a newer request wins over one still on its way."""
        self._request += 1
        request = self._request
        session = self._session

        def loaded(rendered: RenderedEntry) -> None:
            if request == self._request:
                self.display(rendered)

        def failed(failure: Failure) -> None:
            if request == self._request:
                self.clear()
                self.placeholder.setText(failure.message)

        Op(self, lambda: load_rendered(session, entry_id), loaded).failure(failed).run()

    def display(self, rendered: RenderedEntry) -> None:
        entry = rendered.entry
        self.entry_id = entry.id
        self.title.setText(entry.title)
        parts = [kind_label(entry.kind)]
        if entry.tags:
            parts.append(tags_label(entry.tags))
        parts.append(
            self.tr("Updated {time}").format(time=format_time(entry.updated_at))
        )
        self.meta.setText("  ·  ".join(parts))
        self.body.setHtml(rendered.html)
        self._stack.setCurrentIndex(1)

    def clear(self) -> None:
        """Forget the shown entry (on lock); results still on their way are dropped."""
        self._request += 1
        self.entry_id = None
        self.title.clear()
        self.meta.clear()
        self.body.clear()
        self.placeholder.setText(self.tr("Select an entry to read it."))
        self._stack.setCurrentIndex(0)
