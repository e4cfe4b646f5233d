"""A text browser that follows no link and loads nothing from the network.

Entries may come from imported notes; rendering one must never fetch a
remote image (which would tell its author the note was read), open a local
path (``/dev/zero`` exhausts memory, a FIFO blocks the GUI thread for ever,
``//host/share`` is SMB on Windows) or follow a link on its own. Links
are handed to the caller, who opens them only on a click (see
``ui.widgets.preview``); a ``knowhold-entry:`` link (``ui.markdown``) is
announced by ``entry_link_clicked`` with the name it carries, and opens
nothing by itself. The one resource answered is an image of the shown
entry's attachments, by the ``knowhold-attachment:`` URL ``ui.markdown``
writes for it: the preview decodes the bytes the vault holds and hands
them over (``show_images``) before the HTML naming them is set.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from knowhold.ui.markdown import ENTRY_SCHEME

_DOCUMENT_CSS = """
h1, h2, h3 { margin-top: 14px; margin-bottom: 6px; }
p, ul, ol { margin-top: 0; margin-bottom: 10px; }
pre { margin: 4px 0 10px 0; padding: 8px; background-color: rgba(128, 128, 128, 28); }
code, pre { font-family: monospace; }
blockquote { margin-left: 12px; padding-left: 10px; }
"""


class _InertDocument(QTextDocument):
    """A document that loads no resource by itself.

    Two Qt fallbacks would otherwise reach the disk: ``QTextDocument.loadResource``
    reads a local file when its browser returns nothing, and Qt's image
    handler loads the ``src`` path itself when the resource it got is not an
    image. So every image resource is answered with one blank pixel (never
    null, so no fallback runs), or with an attachment's image already decoded
    when its ``knowhold-attachment:`` URL is asked for, and everything else
    with nothing.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._blank = QImage(1, 1, QImage.Format.Format_ARGB32)
        self._blank.fill(Qt.GlobalColor.transparent)
        self.images: dict[str, QImage] = {}  # attachment URL -> its decoded image

    def loadResource(self, kind: object, name: QUrl | str) -> object:
        image = QTextDocument.ResourceType.ImageResource
        if kind == image or kind == image.value:
            url = name.toString() if isinstance(name, QUrl) else name
            return self.images.get(url, self._blank)
        return None


class SafeBrowser(QTextBrowser):
    """A QTextBrowser that opens no link and loads no resource at all."""

    entry_link_clicked = Signal(str)
    """A ``[[link]]`` was clicked: the name of the entry it names (maybe none has it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.anchorClicked.connect(self._on_anchor)
        self._document = _InertDocument(self)
        self.setDocument(self._document)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.document().setDefaultStyleSheet(_DOCUMENT_CSS)
        self.document().setDocumentMargin(0)

    def show_images(self, images: dict[str, QImage]) -> None:
        """The attachments' images the next HTML may show, by ``knowhold-attachment:`` URL."""
        self._document.images = images

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == ENTRY_SCHEME:
            self.entry_link_clicked.emit(url.path(QUrl.ComponentFormattingOption.FullyDecoded))

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        # Nothing from a path or the network: ui/markdown.py writes images as
        # their alt text, and this refuses whatever else asks (a stylesheet,
        # a resource named in pasted HTML), so no entry can make Qt open a file.
        return None
