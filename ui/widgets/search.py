"""The search box and the results list with highlighted snippets.

``SearchBox`` emits ``query_changed`` as the text changes, once per turn of
the event loop (``DEBOUNCE_MS``): a paste or an input-method commit is one
query. There is no pause to wait for, because the results model keeps one
query in flight and only the newest waiting, so a fast typist costs at most
one query behind; results follow each keystroke as fast as the vault can
answer. Escape clears the box; Down or Enter move on to the results.
``HitDelegate`` draws each hit as its title, its kind and tags, and a
snippet; the words found are bold on a tint, in the title too (a word found
by its pinyin marks the characters it spells), from the hit's highlight
spans (plain text with formats, never HTML, so nothing in an entry is read
as markup).
"""

from __future__ import annotations

from collections.abc import Iterable
from math import ceil

from PySide6.QtCore import (
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from knowhold.ui.models.entry_list import ENTRY_ID_ROLE
from knowhold.ui.models.search_results import (
    HIGHLIGHTS_ROLE,
    META_ROLE,
    SNIPPET_ROLE,
    TITLE_HIGHLIGHTS_ROLE,
    SearchResultsModel,
)

DEBOUNCE_MS = 0
SNIPPET_LINES = 3
PADDING = 10  # around each hit, inside its row
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

AnyIndex = QModelIndex | QPersistentModelIndex


class SearchBox(QLineEdit):
    query_changed = Signal(str)
    """The text, once typing has paused; an empty string when cleared."""
    go_down = Signal()
    """Down or Enter: the user wants the results."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        shortcut = QKeySequence("Ctrl+K").toString(QKeySequence.SequenceFormat.NativeText)
        self.setPlaceholderText(self.tr("Search ({shortcut})").format(shortcut=shortcut))
        self.setClearButtonEnabled(True)
        self.setAccessibleName(self.tr("Search entries"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit)
        self._emitted = ""
        self.textChanged.connect(self._on_text)

    def _on_text(self, text: str) -> None:
        if not text.strip():
            self._timer.stop()  # clearing shows the list again at once
            self._emit()
        else:
            self._timer.start()

    def _emit(self) -> None:
        text = self.text()
        if text != self._emitted:
            self._emitted = text
            self.query_changed.emit(text)

    def flush(self) -> None:
        """Emit now what would be emitted when the timer runs out."""
        if self._timer.isActive():
            self._timer.stop()
            self._emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.flush()
            self.go_down.emit()
            return
        super().keyPressEvent(event)


def _highlight_format(palette: QPalette, selected: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    if not selected:
        tint = QColor(palette.color(QPalette.ColorRole.Highlight))
        tint.setAlpha(60)
        fmt.setBackground(tint)
    return fmt


_LINE_HEIGHTS: dict[str, int] = {}


def _line_height(font: QFont) -> int:
    """A line's height in ``font`` when it holds Chinese too.

    Han characters come from a fallback font (Noto CJK) whose lines are
    taller than the Latin font's metrics say; rows sized by those alone
    drew a Chinese title into the line under it. Kept by the font's key, a
    string: a font handed to a delegate belongs to Qt and may be gone later.
    """
    key = font.key()
    height = _LINE_HEIGHTS.get(key)
    if height is None:
        layout = QTextLayout("Hg 复盘", font)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(10_000)
        layout.endLayout()
        height = _LINE_HEIGHTS[key] = max(QFontMetrics(font).height(), ceil(line.height()))
    return height


def _formats(
    spans: Iterable[tuple[int, int]], palette: QPalette, selected: bool
) -> list[QTextLayout.FormatRange]:
    ranges = []
    for start, end in spans:
        span = QTextLayout.FormatRange()
        span.start, span.length = start, end - start
        span.format = _highlight_format(palette, selected)
        ranges.append(span)
    return ranges


class HitDelegate(QStyledItemDelegate):
    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setWeight(QFont.Weight.DemiBold)
        meta = QFont(option.font)
        meta.setPointSizeF(option.font.pointSizeF() * 0.9)
        return title, meta

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        title, meta = self._fonts(option)
        height = (
            _line_height(title)
            + _line_height(meta)
            + SNIPPET_LINES * _line_height(option.font)
            + 2 * PADDING
            + 6
        )
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, widget)

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        rect = option.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        title_font, meta_font = self._fonts(option)

        painter.save()
        y = rect.top()
        painter.setFont(title_font)
        painter.setPen(text)
        metrics = QFontMetrics(title_font)
        full = str(index.data() or "")
        title = metrics.elidedText(full, Qt.TextElideMode.ElideRight, rect.width())
        # Kept only up to where the title was cut: the ellipsis is never marked.
        shown = len(title) if title == full else max(0, len(title) - 1)
        spans = [(s, min(e, shown)) for s, e in index.data(TITLE_HIGHLIGHTS_ROLE) or () if s < shown]
        layout = QTextLayout(title, title_font)
        layout.setFormats(_formats(spans, option.palette, selected))
        layout.beginLayout()
        line = layout.createLine()
        if line.isValid():
            line.setLineWidth(rect.width())
        layout.endLayout()
        layout.draw(painter, QPointF(rect.left(), y))
        y += _line_height(title_font)

        painter.setFont(meta_font)
        painter.setPen(muted)
        metrics = QFontMetrics(meta_font)
        meta = metrics.elidedText(str(index.data(META_ROLE) or ""), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(QRect(rect.left(), y, rect.width(), _line_height(meta_font)), _LEFT, meta)
        y += _line_height(meta_font) + 4

        painter.setPen(text)
        self._paint_snippet(painter, option, index, QPointF(rect.left(), y), rect.width(), selected)
        painter.restore()

    def _paint_snippet(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: AnyIndex,
        at: QPointF,
        width: int,
        selected: bool,
    ) -> None:
        snippet = str(index.data(SNIPPET_ROLE) or "")
        layout = QTextLayout(snippet, option.font)
        layout.setFormats(_formats(index.data(HIGHLIGHTS_ROLE) or (), option.palette, selected))
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(text_option)
        layout.beginLayout()
        height = 0.0
        for _ in range(SNIPPET_LINES):
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, height))
            height += line.height()
        layout.endLayout()
        layout.draw(painter, at)


class SearchResultsView(QListView):
    entry_selected = Signal(str)
    """The id of the hit just selected."""

    def __init__(self, model: SearchResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.results = model
        self.setModel(model)
        self.setItemDelegate(HitDelegate(self))
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAlternatingRowColors(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(self.tr("Search results"))
        self.selectionModel().selectionChanged.connect(self._on_selection)

    def select_first(self) -> None:
        if self.results.rowCount() > 0:
            self.setCurrentIndex(self.results.index(0))
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.entry_selected.emit(str(indexes[0].data(ENTRY_ID_ROLE)))
