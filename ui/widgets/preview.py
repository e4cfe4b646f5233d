"""The rendered preview of an entry's Markdown.

Rendering (ui/markdown.py: raw HTML escaped) runs on the worker so a long
body never stalls typing; a newer render wins over one still on its way.
The browser loads nothing from the network (``SafeBrowser``). A link opens
in the system browser only when the user clicks it, and only for web and
mail links: a ``file:`` or custom-scheme link in an imported note does
nothing. ``[[links]]`` are resolved with the resolver given, on the worker
in the same call as the rendering.

Images are the shown entry's attachments only (``set_attachments``): those
the text names are read from the vault and decoded in that same worker
call, with a bound on the memory a decoder may take and on the pixels it
keeps, so a hostile image (a PNG claiming 100,000 × 100,000 pixels) is
refused rather than decoded, and a large one is scaled to the preview's
width. An image that cannot be decoded is drawn as nothing.

``scroll_to_heading`` brings a heading to the top (a followed
``[[Note#Heading]]``): at once if the text asked for is shown, else when it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QImageReader
from PySide6.QtWidgets import QStyle, QWidget

from knowhold.ui.markdown import Resolver, attachment_url, heading_anchor, render
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.widgets.safe_browser import SafeBrowser

OPENABLE_SCHEMES = frozenset({"http", "https", "mailto"})
MAX_DECODE_MB = 256  # what QImageReader may allocate for one image
MAX_PIXELS = 40_000_000  # refused before decoding: 160 MB as 32-bit pixels
Loader = Callable[[str], bytes]
"""An attachment's bytes by its hash (``VaultSession.attachment_data``), run on the worker."""


def decode_image(data: bytes, max_width: int) -> QImage | None:
    """``data`` as an image at most ``max_width`` wide, or None if it is not one or is too large."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAllocationLimit(MAX_DECODE_MB)
    size = reader.size()  # read from the header: nothing decoded yet
    if not size.isValid() or size.width() * size.height() > MAX_PIXELS:
        return None
    if size.width() > max_width > 0:
        reader.setScaledSize(QSize(max_width, max(1, size.height() * max_width // size.width())))
    image = reader.read()
    return None if image.isNull() else image


class Preview(SafeBrowser):
    def __init__(
        self, parent: QWidget | None = None, resolve: Resolver | None = None, load: Loader | None = None
    ) -> None:
        super().__init__(parent)
        self._resolve = resolve
        self._load = load
        self._attachments: dict[str, str] = {}  # the shown entry's attachments: name -> hash
        self.setAccessibleName(self.tr("Preview"))
        self.document().setDocumentMargin(12)
        self.anchorClicked.connect(self._open_link)
        self._request = 0
        self.rendered_text: str | None = None
        """The Markdown the shown HTML was rendered from (None: nothing shown)."""
        self._wanted: str | None = None  # the Markdown last asked for, maybe still rendering
        self._heading: str | None = None  # to scroll to once the text asked for is shown

    def show_markdown(self, text: str) -> None:
        self._wanted = text
        if text == self.rendered_text:
            return
        self._request += 1
        request = self._request

        def rendered(result: tuple[str, dict[str, QImage]]) -> None:
            if request == self._request:
                html, images = result
                self.show_images(images)
                self.setHtml(html)
                self.rendered_text = text
                if self._heading is not None:
                    self._scroll_to_heading()

        def failed(failure: Failure) -> None:
            if request == self._request:
                self.setPlainText(failure.message)
                self.rendered_text = None

        resolve, load, attachments = self._resolve, self._load, dict(self._attachments)
        # Less the scroll bar's width, which the images themselves may bring on.
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        width = self.viewport().width() - 2 * round(self.document().documentMargin()) - scroll_bar

        def work() -> tuple[str, dict[str, QImage]]:
            html = render(text, resolve, attachments)
            images: dict[str, QImage] = {}
            if load is None:
                return html, images
            for sha256 in set(attachments.values()):
                url = attachment_url(sha256)
                if f'src="{url}"' in html and (image := decode_image(load(sha256), width)) is not None:
                    images[url] = image
            return html, images

        Op(self, work, rendered).failure(failed).run()

    def scroll_to_heading(self, heading: str) -> None:
        """Show the first heading that reads ``heading`` at the top, once the text asked for is shown."""
        self._heading = heading
        if self.rendered_text is not None and self.rendered_text == self._wanted:
            self._scroll_to_heading()

    def _scroll_to_heading(self) -> None:
        if self._heading is not None:
            self.scrollToAnchor(heading_anchor(self._heading))
            self._heading = None

    def set_attachments(self, attachments: Mapping[str, str]) -> None:
        """The shown entry's attachments (name -> hash), the only images drawn; renders again."""
        if dict(attachments) == self._attachments:
            return
        self._attachments = dict(attachments)
        self.rendered_text = None
        if self._wanted is not None:
            self.show_markdown(self._wanted)

    def clear(self) -> None:
        self._request += 1
        self.rendered_text = self._wanted = self._heading = None
        super().clear()

    def _open_link(self, url: QUrl) -> None:
        if url.scheme().lower() in OPENABLE_SCHEMES:
            QDesktopServices.openUrl(url)
