"""The entry list's view: a table of title, kind, tags and time, one row selected.

Rows have a fixed height so the view never measures 50,000 rows; the model
fetches more as the view scrolls near the end.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView, QWidget

from ui.models.entry_list import ENTRY_ID_ROLE, Column, EntryListModel


class EntryTable(QTableView):
    entry_selected = Signal(str)
    """The id of the entry whose row was just selected."""

    def __init__(self, model: EntryListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = model
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
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
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (Column.KIND, Column.TAGS, Column.UPDATED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.resizeSection(Column.KIND, 90)
        header.resizeSection(Column.TAGS, 110)
        header.resizeSection(Column.UPDATED, 125)
        self.setAccessibleName(self.tr("Entries"))
        self.selectionModel().selectionChanged.connect(self._on_selection)

    def selected_id(self) -> str | None:
        rows = self.selectionModel().selectedRows()
        return str(rows[0].data(ENTRY_ID_ROLE)) if rows else None

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
