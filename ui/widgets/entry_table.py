"""The entry list's view: a table of private lock, title, kind, tags and time, one row selected.

Rows have a fixed height so the view never measures 50,000 rows; the model
fetches more as the view scrolls near the end.

Clicking the Title, Kind or Updated header asks for that order
(``sort_requested``); whoever owns the list reloads it from the core in that
order. The view never sorts rows itself (Qt's own sorting would sort only
the rows loaded so far). The header's arrow always shows the model's order.

The title is what a worker reads the list by, so it takes the free width:
the lock and the kind and time are as wide as their contents, and the tags
get what is left once the title has half the width, at most a fifth of it
(their full text is in the tooltip), or are hidden when that is too narrow
to read (they are in the sidebar and the editor too).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView, QWidget

from knowhold.ui.models.entry_list import ENTRY_ID_ROLE, SORT_OF_COLUMN, Column, EntryListModel, ListOrder

MIN_TAGS_WIDTH = 40  # narrower, a tag is a letter and an ellipsis


class EntryTable(QTableView):
    entry_selected = Signal(str)
    """The id of the entry whose row was just selected."""
    sort_requested = Signal(object)
    """A ``ListOrder`` the user chose by clicking a column's header."""

    def __init__(self, model: EntryListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = model
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows may be chosen (Ctrl/Shift+click) to license them together;
        # the editor shows the row chosen last.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab moves on to the entry pane
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(0)  # the lock's column is as narrow as the lock
        header.moveSection(header.visualIndex(Column.PRIVATE), 0)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (Column.PRIVATE, Column.KIND, Column.UPDATED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.TAGS, QHeaderView.ResizeMode.Fixed)
        header.sectionResized.connect(self._on_section_resized)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.sortIndicatorChanged.connect(self._on_sort_indicator)
        self._reselect: str | None = None  # the entry selected when a new order was asked for
        model.modelReset.connect(self._show_order)
        model.loaded.connect(self._on_loaded)
        model.rowsMoved.connect(self._keep_selection_in_view)
        self._show_order()
        self.setAccessibleName(self.tr("Entries"))
        self.selectionModel().selectionChanged.connect(self._on_selection)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_tags()

    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column != Column.TAGS:  # the lock, the kind or the time grew or shrank with what they show
            self._fit_tags()

    def _fit_tags(self) -> None:
        header = self.horizontalHeader()
        width = self.viewport().width()
        others = sum(header.sectionSize(c) for c in (Column.PRIVATE, Column.KIND, Column.UPDATED))
        tags = min(width // 5, width - (width + 1) // 2 - others)
        header.setSectionHidden(Column.TAGS, tags < MIN_TAGS_WIDTH)
        if tags >= MIN_TAGS_WIDTH:
            header.resizeSection(Column.TAGS, tags)

    def selected_id(self) -> str | None:
        rows = self.selectionModel().selectedRows()
        return str(rows[0].data(ENTRY_ID_ROLE)) if rows else None

    def selected_ids(self) -> list[str]:
        """Every selected entry's id, in list order (what Entry ▸ License… starts from)."""
        rows = sorted(self.selectionModel().selectedRows(), key=lambda index: index.row())
        return [str(index.data(ENTRY_ID_ROLE)) for index in rows]

    def select_entry(self, entry_id: str) -> bool:
        """Select the row of ``entry_id`` if it is loaded; True if it was."""
        row = self.entries.row_of(entry_id)
        if row is None:
            return False
        index = self.entries.index(row, Column.TITLE)
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index)
        return True

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.entry_selected.emit(str(indexes[0].data(ENTRY_ID_ROLE)))

    # -- sorting ---------------------------------------------------------------------------

    def _show_order(self) -> None:
        """Put the header's arrow on the model's order (none for an order no column shows)."""
        order = self.entries.order
        column = order.column
        header = self.horizontalHeader()
        blocked = header.blockSignals(True)
        try:
            header.setSortIndicator(
                -1 if column is None else column,
                Qt.SortOrder.DescendingOrder if order.descending else Qt.SortOrder.AscendingOrder,
            )
        finally:
            header.blockSignals(blocked)

    def _on_sort_indicator(self, section: int, qt_order: Qt.SortOrder) -> None:
        # The header has already moved its arrow on the click; the list follows, or
        # (tags, which have no order) the arrow goes back.
        key = SORT_OF_COLUMN.get(Column(section)) if 0 <= section < len(Column) else None
        if key is None:
            self._show_order()
            return
        order = ListOrder(key, qt_order == Qt.SortOrder.DescendingOrder)
        if order != self.entries.order:
            self._reselect = self.selected_id()
            self.sort_requested.emit(order)

    def _on_loaded(self, _total: int) -> None:
        # After a new order's first page: the entry selected before is selected
        # again if it is on that page (nothing else was chosen meanwhile).
        entry_id, self._reselect = self._reselect, None
        if entry_id is not None and not self.selectionModel().hasSelection():
            self.select_entry(entry_id)

    def _keep_selection_in_view(
        self, _parent: QModelIndex, start: int, _end: int, _destination: QModelIndex, before: int
    ) -> None:
        # The entry being edited moved to its place in the order (to the top, when
        # sorted by date): if its row is the selected one, the list follows it.
        moved = before if before < start else before - 1
        rows = self.selectionModel().selectedRows()
        if rows and rows[0].row() == moved:
            self.scrollTo(rows[0])
