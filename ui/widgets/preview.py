"""The rendered preview of an entry's Markdown.

Rendering (ui/markdown.py: raw HTML escaped) runs on the worker so a long
body never stalls typing; a newer render wins over one still on its way.
The browser loads nothing from the network (``SafeBrowser``). A link opens
in the system browser only when the user clicks it, and only for web and
mail links: a ``file:`` or custom-scheme link in an imported note does
nothing. ``[[links]]`` are resolved with the resolver given, on the worker
in the same call as the rendering.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from knowhold.ui.markdown import Resolver, render
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.widgets.safe_browser import SafeBrowser

OPENABLE_SCHEMES = frozenset({"http", "https", "mailto"})


class Preview(SafeBrowser):
    def __init__(self, parent: QWidget | None = None, resolve: Resolver | None = None) -> None:
        super().__init__(parent)
        self._resolve = resolve
        self.setAccessibleName(self.tr("Preview"))
        self.document().setDocumentMargin(12)
        self.anchorClicked.connect(self._open_link)
        self._request = 0
        self.rendered_text: str | None = None
        """The Markdown the shown HTML was rendered from (None: nothing shown)."""

    def show_markdown(self, text: str) -> None:
        if text == self.rendered_text:
            return
        self._request += 1
        request = self._request

        def rendered(html: str) -> None:
            if request == self._request:
                self.setHtml(html)
                self.rendered_text = text

        def failed(failure: Failure) -> None:
            if request == self._request:
                self.setPlainText(failure.message)
                self.rendered_text = None

        resolve = self._resolve
        Op(self, lambda: render(text, resolve), rendered).failure(failed).run()

    def clear(self) -> None:
        self._request += 1
        self.rendered_text = None
        super().clear()

    def _open_link(self, url: QUrl) -> None:
        if url.scheme().lower() in OPENABLE_SCHEMES:
            QDesktopServices.openUrl(url)
