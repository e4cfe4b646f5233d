"""The Markdown text editor: plain text with light highlighting.

The highlighting only helps the eye (headings, bold, italics, code, list
markers, links, quotes); the stored text is exactly what was typed. Colours
come from the widget's palette, so they read in light and dark themes.
Fenced code blocks span lines, tracked with the block state. A template's
guidance line, while untouched, is greyed like a placeholder: it is not the
worker's text, and the core drops it on save (``templates.without_guidance``).

Pasting an image (a screenshot) or local files inserts nothing itself: the
editor announces them (``image_pasted``, ``files_pasted``) and the entry
pane attaches them to the entry.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QMimeData, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QWidget

from knowhold.ui.clipboard import mark_sensitive
from knowhold.ui.file_drop import local_paths
from knowhold.vault.knowledge.templates import is_guidance

_IN_FENCE = 1

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(\s.*)?$")
_QUOTE = re.compile(r"^\s{0,3}>.*$")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s+\[[ xX]\])?\s")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![*\w])([*_])(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*\w])")
_CODE = re.compile(r"(`+)(.+?)\1")
_LINK = re.compile(r"!?\[[^\]\n]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|<(?:https?|mailto):[^>\s]+>")


def _blend(a: QColor, b: QColor, share_of_b: float) -> QColor:
    keep = 1.0 - share_of_b
    return QColor(
        round(a.red() * keep + b.red() * share_of_b),
        round(a.green() * keep + b.green() * share_of_b),
        round(a.blue() * keep + b.blue() * share_of_b),
    )


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, palette: QPalette) -> None:
        super().__init__(document)
        self.set_palette(palette)

    def set_palette(self, palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.Text)
        accent = palette.color(QPalette.ColorRole.Link)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()

        self.heading = QTextCharFormat()
        self.heading.setFontWeight(QFont.Weight.Bold)
        self.heading.setForeground(_blend(text, accent, 0.45))
        self.bold = QTextCharFormat()
        self.bold.setFontWeight(QFont.Weight.Bold)
        self.italic = QTextCharFormat()
        self.italic.setFontItalic(True)
        self.code = QTextCharFormat()
        self.code.setFontFamilies([mono])
        self.code.setForeground(_blend(text, QColor("#b3541e"), 0.6))
        self.marker = QTextCharFormat()
        self.marker.setForeground(accent)
        self.marker.setFontWeight(QFont.Weight.Bold)
        self.link = QTextCharFormat()
        self.link.setForeground(accent)
        self.link.setFontUnderline(True)
        self.quote = QTextCharFormat()
        self.quote.setForeground(muted)
        self.quote.setFontItalic(True)
        self.guidance = QTextCharFormat()
        self.guidance.setForeground(muted)
        self.guidance.setFontItalic(True)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        fence = _FENCE.match(text) is not None
        in_fence = self.previousBlockState() == _IN_FENCE
        if in_fence or fence:
            self.setFormat(0, len(text), self.code)
            # An opening fence starts a code block; a closing one ends it.
            self.setCurrentBlockState(0 if in_fence and fence else _IN_FENCE)
            return
        self.setCurrentBlockState(0)
        if is_guidance(text):
            self.setFormat(0, len(text), self.guidance)
            return
        if _HEADING.match(text):
            self.setFormat(0, len(text), self.heading)
            return
        if _QUOTE.match(text):
            self.setFormat(0, len(text), self.quote)
        marker = _LIST.match(text)
        if marker:
            self.setFormat(0, marker.end(), self.marker)
        for pattern, fmt in ((_BOLD, self.bold), (_ITALIC, self.italic), (_LINK, self.link)):
            for found in pattern.finditer(text):
                self._merge(found.start(), found.end() - found.start(), fmt)
        for found in _CODE.finditer(text):  # last: nothing inside code is markup
            self.setFormat(found.start(), found.end() - found.start(), self.code)

    def _merge(self, start: int, length: int, fmt: QTextCharFormat) -> None:
        # Bold inside a link, or a link inside a quote: keep both formats.
        for offset in range(start, start + length):
            merged = QTextCharFormat(self.format(offset))
            merged.merge(fmt)
            self.setFormat(offset, 1, merged)


class MarkdownEditor(QPlainTextEdit):
    image_pasted = Signal(QImage)
    files_pasted = Signal(list)
    """Local files pasted (a ``list[Path]``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setTabChangesFocus(True)  # Tab leaves the editor, as everywhere else in the pane
        self.setPlaceholderText(self.tr("Write here. Markdown works: # heading, **bold**, - list."))
        self.setAccessibleName(self.tr("Entry text (Markdown)"))
        self.document().setDocumentMargin(12)
        self.highlighter = MarkdownHighlighter(self.document(), self.palette())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the theme changed
            self.highlighter.set_palette(self.palette())

    def createMimeDataFromSelection(self) -> QMimeData:
        # Every copy, cut, drag and X11 selection of entry text passes here: mark it
        # so clipboard managers keep it out of their history (ui/clipboard.py).
        return mark_sensitive(super().createMimeDataFromSelection())

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasImage() or bool(local_paths(source)) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if self.isReadOnly():
            return
        paths = local_paths(source)
        if paths:
            self.files_pasted.emit(paths)
        elif (
            source.hasImage()
            and not source.hasText()  # an office program's copy carries a picture of the text too
            and not (image := QImage(source.imageData())).isNull()
        ):
            self.image_pasted.emit(image)
        else:
            super().insertFromMimeData(source)
