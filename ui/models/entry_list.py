"""The entry list: a table model over ``entries.list`` summaries, loaded lazily.

Rows arrive a page at a time from the worker (``canFetchMore``/``fetchMore``),
so a vault with 50,000 entries opens as fast as one with fifty and the view
scrolls without ever waiting on the database. Each reset starts a new
generation; a page that arrives for an older generation (the vault was
locked or reloaded meanwhile) is dropped.

A saved entry updates its row in place rather than jumping to the top under
the pointer; one saved but not yet loaded (a new one, or one opened from a
search) goes first, where the database now has it too, so the next page
still starts at the right offset.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ui.labels import kind_label, tags_label
from ui.session import ALL_ENTRIES, EntryFilter
from ui.tasks import Failure, Op, TaskRunner
from vault.entries import Entry, EntrySummary

PAGE_SIZE = 200
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1

ListPage = Callable[[int, int], tuple[list[EntrySummary], int]]
"""``(limit, offset) -> (summaries, total)``; runs on the worker."""

AnyIndex = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    TITLE = 0
    KIND = 1
    TAGS = 2
    UPDATED = 3


def summary_of(entry: Entry) -> EntrySummary:
    return EntrySummary(
        entry.id,
        entry.kind,
        entry.title,
        entry.tags,
        entry.private,
        entry.version,
        entry.created_at,
        entry.updated_at,
        entry.deleted_at,
    )


def matches(view: EntryFilter, summary: EntrySummary) -> bool:
    if view.trash != (summary.deleted_at is not None):
        return False
    if view.kind is not None and summary.kind != view.kind:
        return False
    return view.tag is None or view.tag in summary.tags


def format_time(seconds: int) -> str:
    moment = QDateTime.fromSecsSinceEpoch(seconds)
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


class EntryListModel(QAbstractTableModel):
    loaded = Signal(int)
    """The total number of entries, once the first page of a (re)load is in."""
    failed = Signal(str)

    def __init__(
        self,
        list_page: ListPage,
        parent: QObject | None = None,
        *,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(parent)
        self._list_page = list_page
        self._view = ALL_ENTRIES
        self._runner = runner
        self._rows: list[EntrySummary] = []
        self._total = 0
        self._generation = 0
        self._fetching = False

    # -- loading -------------------------------------------------------------------

    def set_source(self, list_page: ListPage, view: EntryFilter) -> None:
        """List from ``list_page`` from now on (``view`` says what it lists); call ``reload``."""
        self._list_page = list_page
        self._view = view

    @property
    def view(self) -> EntryFilter:
        return self._view

    def reload(self) -> None:
        """Forget every row and fetch the first page again."""
        self.clear()
        self._request(0)

    def clear(self) -> None:
        """Empty the model; pages still on their way are dropped when they arrive."""
        self.beginResetModel()
        self._generation += 1
        self._rows = []
        self._total = 0
        self._fetching = False
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    @property
    def is_loading(self) -> bool:
        return self._fetching

    def _request(self, offset: int) -> None:
        generation = self._generation
        list_page = self._list_page
        self._fetching = True

        def received(page: tuple[list[EntrySummary], int]) -> None:
            if generation == self._generation:
                self._add_page(offset, *page)

        def failed(failure: Failure) -> None:
            if generation == self._generation:
                self._fetching = False
                self.failed.emit(failure.message)

        Op(self, lambda: list_page(PAGE_SIZE, offset), received, runner=self._runner).failure(
            failed
        ).run()

    def _add_page(self, offset: int, rows: list[EntrySummary], total: int) -> None:
        self._fetching = False
        first = offset == 0
        if offset == len(self._rows) and rows:
            self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        # Entries removed meanwhile can leave the total short of what was promised.
        self._total = total if rows else len(self._rows)
        if first:
            self.loaded.emit(self._total)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request(len(self._rows))

    # -- changes made in this window ---------------------------------------------

    def entry_saved(self, entry: Entry) -> None:
        """Show a saved entry: its row updated in place, or first if it was not loaded."""
        summary = summary_of(entry)
        row = self.row_of(entry.id)
        if row is not None:
            self._rows[row] = summary
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
        elif matches(self._view, summary):
            self.beginInsertRows(QModelIndex(), 0, 0)
            self._rows.insert(0, summary)
            self._total += 1
            self.endInsertRows()

    def entry_removed(self, entry_id: str) -> None:
        """Drop the row of an entry that left this list (trashed, restored, purged)."""
        row = self.row_of(entry_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._total = max(0, self._total - 1)
        self.endRemoveRows()

    # -- reading ---------------------------------------------------------------------

    def summary(self, row: int) -> EntrySummary:
        return self._rows[row]

    def row_of(self, entry_id: str) -> int | None:
        for row, summary in enumerate(self._rows):
            if summary.id == entry_id:
                return row
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        summary = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.TITLE:
                return summary.title
            if column is Column.KIND:
                return kind_label(summary.kind)
            if column is Column.TAGS:
                return tags_label(summary.tags)
            return format_time(summary.updated_at)
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.TITLE, Column.TAGS):
            return summary.title if column is Column.TITLE else tags_label(summary.tags)
        if role == ENTRY_ID_ROLE:
            return summary.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(Column):
            return None
        return (self.tr("Title"), self.tr("Kind"), self.tr("Tags"), self.tr("Updated"))[section]
