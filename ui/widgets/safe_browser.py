"""A text browser that follows no link and loads nothing from the network.

Entries may come from imported notes; rendering one must never fetch a
remote image (which would tell its author the note was read) or follow a
link on its own. Links are handed to the caller, who opens them only on a
click (see ``ui.widgets.preview``).
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

_DOCUMENT_CSS = """
h1, h2, h3 { margin-top: 14px; margin-bottom: 6px; }
p, ul, ol { margin-top: 0; margin-bottom: 10px; }
pre { margin: 4px 0 10px 0; padding: 8px; background-color: rgba(128, 128, 128, 28); }
code, pre { font-family: monospace; }
blockquote { margin-left: 12px; padding-left: 10px; }
"""


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
