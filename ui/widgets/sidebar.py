"""The sidebar view: choose what the entry list shows, or a licensing view.

Selecting a row emits ``filter_changed`` with its ``EntryFilter``, or
``place_changed`` with its ``Place`` (the ledger, the received library).
While a place is shown, ``current_filter`` stays the filter chosen last, so
going back to the entries finds the list as it was. A tag's filter holds
its key; ``current_tag`` is the spelling its row shows. Counts
are drawn right-aligned in a muted colour and section headings in small
bold type by ``SidebarDelegate``; the model stays plain data.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QContextMenuEvent, QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QListView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from knowhold.ui.models.sidebar import (
    COUNT_ROLE,
    FILTER_ROLE,
    HEADING_ROLE,
    PLACE_ROLE,
    TAG_ROLE,
    Place,
    SidebarModel,
)
from knowhold.ui.session import ALL_ENTRIES, EntryFilter, Overview

AnyIndex = QModelIndex | QPersistentModelIndex

_INDENT = 12


class SidebarDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        extra = 14 if index.data(HEADING_ROLE) else 8
        return QSize(size.width(), option.fontMetrics.height() + extra)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        if index.data(HEADING_ROLE):
            self._paint_heading(painter, option, index)
            return
        count = index.data(COUNT_ROLE)
        text = "" if count is None else str(count)
        width = option.fontMetrics.horizontalAdvance(text) + 12
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.rect = option.rect.adjusted(_INDENT, 0, -width, 0)
        # The selection background spans the whole row, count included.
        style = option.widget.style() if option.widget else None
        if style is not None:
            background = QStyleOptionViewItem(option)
            self.initStyleOption(background, index)
            background.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, option.widget)
            item.backgroundBrush = QBrush(Qt.BrushStyle.NoBrush)
            item.state &= ~QStyle.StateFlag.State_HasFocus
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        painter.save()
        painter.setPen(option.palette.color(role))
        painter.drawText(
            QRect(option.rect.right() - width, option.rect.top(), width - 8, option.rect.height()),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
        painter.restore()

    def _paint_heading(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        painter.save()
        font = QFont(option.font)
        font.setPointSizeF(font.pointSizeF() * 0.85)
        font.setWeight(QFont.Weight.DemiBold)
        painter.setFont(font)
        painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
        rect = option.rect.adjusted(_INDENT, 6, -8, 0)
        painter.drawText(
            rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, str(index.data()).upper()
        )
        painter.restore()


class Sidebar(QListView):
    filter_changed = Signal(object)
    """The ``EntryFilter`` of the row just selected."""
    license_tag_requested = Signal(str)
    """The tag whose row's context menu asked to license its entries."""
    place_changed = Signal(object)
    """The ``Place`` of the row just selected, or None when an entry filter's row was (back to the list)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sidebar_model = SidebarModel(self)
        self.setModel(self.sidebar_model)
        self.setItemDelegate(SidebarDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setUniformItemSizes(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(self.tr("Sidebar: what the list shows"))
        self.setBackgroundRole(QPalette.ColorRole.Window)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Window)
        self._current: EntryFilter = ALL_ENTRIES
        self._place: Place | None = None
        self.selectionModel().selectionChanged.connect(self._on_selection)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        index = self.indexAt(event.pos())
        view = index.data(FILTER_ROLE)
        if not isinstance(view, EntryFilter) or view.tag is None:
            return
        key, shown = view.tag, index.data(TAG_ROLE)
        menu = QMenu(self)
        license_tag = menu.addAction(self.tr("License Entries Tagged #{tag}…").format(tag=shown))
        license_tag.triggered.connect(lambda: self.license_tag_requested.emit(key))
        menu.exec(event.globalPos())

    @property
    def current_filter(self) -> EntryFilter:
        return self._current

    @property
    def current_tag(self) -> str | None:
        """The current filter's tag as its row spells it (or last spelled it), or None."""
        tag = self._current.tag
        return None if tag is None else self.sidebar_model.spelling(tag)

    @property
    def current_place(self) -> Place | None:
        return self._place

    def select_place(self, wanted: Place | None) -> None:
        """Show ``wanted`` (None: the entries again), emitting ``place_changed`` if it changes."""
        changed = wanted != self._place
        self._place = wanted
        self._show_selected(self._current if wanted is None else wanted)
        if changed:
            self.place_changed.emit(wanted)

    def set_overview(self, overview: Overview) -> None:
        """New counts; the selection stays, or falls back to All entries if its row went."""
        self.sidebar_model.set_overview(overview)
        if self.sidebar_model.row_of(self._current) is None:
            self.select_filter(ALL_ENTRIES)
        else:
            self._show_selected(self._current if self._place is None else self._place)

    def select_filter(self, wanted: EntryFilter) -> None:
        """Select ``wanted`` (emitting ``filter_changed`` if it differs from the current one).

        From a place, this goes back to the entries (``place_changed`` with None).
        """
        changed = wanted != self._current
        self._current = wanted
        left = self._place is not None
        self._place = None
        self._show_selected(wanted)
        if left:
            self.place_changed.emit(None)
        if changed:
            self.filter_changed.emit(wanted)

    def clear(self) -> None:
        self.sidebar_model.clear()
        self._current = ALL_ENTRIES
        self._place = None

    def _show_selected(self, wanted: EntryFilter | Place) -> None:
        row = self.sidebar_model.row_of(wanted)
        if row is None:
            return
        index = self.sidebar_model.index(row)
        # _current is already ``wanted``, so the selection signal this causes emits nothing.
        if self.currentIndex() != index or not self.selectionModel().isSelected(index):
            self.setCurrentIndex(index)

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        place = indexes[0].data(PLACE_ROLE)
        if isinstance(place, Place):
            if place != self._place:
                self._place = place
                self.place_changed.emit(place)
            return
        chosen = indexes[0].data(FILTER_ROLE)
        if not isinstance(chosen, EntryFilter):
            return
        if self._place is not None:
            self._place = None
            self.place_changed.emit(None)
        if chosen != self._current:
            self._current = chosen
            self.filter_changed.emit(chosen)
