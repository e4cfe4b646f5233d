"""The entry list: a table model over ``entries.page`` summaries, loaded lazily.

Rows arrive a page at a time from the worker (``canFetchMore``/``fetchMore``),
so a vault with 50,000 entries opens as fast as one with fifty and the view
scrolls without ever waiting on the database. Each reset starts a new
generation; a page that arrives for an older generation (the vault was
locked or reloaded meanwhile) is dropped.

The order is the core's (``ListOrder``: a ``SortKey`` and a direction):
choosing another reloads from the first page, the database sorting on an
index, never 50,000 rows sorted here. A saved entry goes where that order
now puts it (see ``entry_saved``), so the loaded rows always stay the first
rows of the list in the database and the next page, read at the offset of
the rows loaded, neither skips nor repeats an entry.

A private entry carries a lock in its own narrow column, with a tooltip and
accessible text saying it is never licensed; the time is short (today's
time, an earlier day's date) so the title keeps the width.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from knowhold.ui import icons
from knowhold.ui.labels import kind_label, tags_label
from knowhold.ui.plain_text import tooltip
from knowhold.ui.session import ALL_ENTRIES, EntryFilter
from knowhold.ui.tasks import Failure, Op, TaskRunner
from knowhold.vault.knowledge.entries import Entry, EntrySummary, SortKey, has_tag, listed_before

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
    PRIVATE = 4  # shown first (see EntryTable); last here, so the other columns keep their numbers


SORT_OF_COLUMN: dict[Column, SortKey] = {
    Column.TITLE: SortKey.TITLE,
    Column.KIND: SortKey.KIND,
    Column.UPDATED: SortKey.UPDATED,
}
"""The columns whose header sorts the list (tags have no useful order)."""

_FIRST_CLICK_DESCENDING = {SortKey.UPDATED, SortKey.CREATED}  # times: newest first; names: A to Z


@dataclass(frozen=True, slots=True)
class ListOrder:
    """How the entry list is sorted: by which of the core's keys, and which way."""

    key: SortKey = SortKey.UPDATED
    descending: bool = True

    @classmethod
    def parse(cls, key: str | None, descending: bool) -> ListOrder:
        """The order kept in the settings; a missing or unknown key is the default."""
        try:
            return cls(SortKey(key), descending) if key else cls()
        except ValueError:
            return cls()

    @property
    def column(self) -> Column | None:
        """The column that shows this order (None: a key no column shows, such as created)."""
        return next((c for c, k in SORT_OF_COLUMN.items() if k is self.key), None)


def first_click_order(column: Column) -> Qt.SortOrder:
    key = SORT_OF_COLUMN.get(column)
    descending = key in _FIRST_CLICK_DESCENDING
    return Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder


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
    return view.tag is None or has_tag(summary.tags, view.tag)


def format_time(seconds: int) -> str:
    moment = QDateTime.fromSecsSinceEpoch(seconds)
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


def list_time(seconds: int, today: QDate) -> str:
    """The list's short time: the time of day for ``today``, else the date alone."""
    moment = QDateTime.fromSecsSinceEpoch(seconds)
    if moment.date() == today:
        return QLocale().toString(moment.time(), QLocale.FormatType.ShortFormat)
    return QLocale().toString(moment.date(), QLocale.FormatType.ShortFormat)


_ROLES_ANSWERED = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.AccessibleTextRole,
        ENTRY_ID_ROLE,
    )
)


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
        self._order = ListOrder()
        self._runner = runner
        self._rows: list[EntrySummary] = []
        self._total = 0
        self._generation = 0
        self._fetching = False

    # -- loading -------------------------------------------------------------------

    def set_source(self, list_page: ListPage, view: EntryFilter, order: ListOrder | None = None) -> None:
        """List from ``list_page`` from now on; call ``reload``.

        ``view`` says what it lists and ``order`` in which order (unchanged if
        None): ``list_page`` must list exactly that, as the core sorts it.
        """
        self._list_page = list_page
        self._view = view
        if order is not None:
            self._order = order

    @property
    def view(self) -> EntryFilter:
        return self._view

    @property
    def order(self) -> ListOrder:
        return self._order

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

        Op(self, lambda: list_page(PAGE_SIZE, offset), received, runner=self._runner).failure(failed).run()

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

    def entry_saved(self, entry: Entry, previous: Entry | None = None) -> None:
        """Show a saved entry where the list's order now puts it.

        The loaded rows must stay the first rows of the list as the database
        has it, or the next page would skip or repeat an entry. So the entry
        moves to its place among the loaded rows (sorted by date, to the top;
        by title, where its new title goes); if that place is after the last
        loaded row while rows are still to be read, the entry is not shown
        until its page comes; if it no longer belongs in this list (its kind
        or tags changed), it leaves. ``previous`` is the entry before this
        save (None if new): it tells whether an entry whose row was not loaded
        was already counted in the total.
        """
        summary = summary_of(entry)
        row = self.row_of(entry.id)
        counted = row is not None or (previous is not None and matches(self._view, summary_of(previous)))
        others_total = self._total - int(counted)
        if not matches(self._view, summary):
            if row is not None:
                self._remove_row(row)
            self._total = max(others_total, len(self._rows))
            return
        self._total = others_total + 1
        others = len(self._rows) - (row is not None)
        place = self._place(summary, skip=row)
        if place == others and others < others_total:
            # After every loaded row, with more to come: it arrives with its page.
            if row is not None:
                self._remove_row(row)
            return
        if row is None:
            self.beginInsertRows(QModelIndex(), place, place)
            self._rows.insert(place, summary)
            self.endInsertRows()
            return
        if place != row:
            # Qt counts the destination in the rows as they are before the move.
            self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), place if place < row else place + 1)
            del self._rows[row]
            self._rows.insert(place, summary)
            self.endMoveRows()
        else:
            self._rows[row] = summary
        self.dataChanged.emit(self.index(place, 0), self.index(place, len(Column) - 1))

    def _place(self, summary: EntrySummary, skip: int | None) -> int:
        """Where ``summary`` goes among the loaded rows other than row ``skip``: a binary search."""
        key, descending = self._order.key, self._order.descending
        low, high = 0, len(self._rows) - (skip is not None)
        while low < high:
            middle = (low + high) // 2
            other = self._rows[middle + (skip is not None and middle >= skip)]
            if listed_before(other, summary, key, descending):
                low = middle + 1
            else:
                high = middle
        return low

    def _remove_row(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    def entry_removed(self, entry_id: str) -> None:
        """Drop the row of an entry that left this list (trashed, restored, purged)."""
        row = self.row_of(entry_id)
        if row is None:
            return
        self._total = max(0, self._total - 1)
        self._remove_row(row)

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
        # The view asks each visible cell for a dozen roles on every paint, most of
        # which the list never answers: those return at once (a quarter of a scrolled
        # frame's time went to asking them the long way).
        if role not in _ROLES_ANSWERED or not index.isValid() or index.row() >= len(self._rows):
            return None
        summary = self._rows[index.row()]
        column = Column(index.column())
        if column is Column.PRIVATE:
            return self._private_data(summary.private, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if column is Column.TITLE:
                return summary.title
            if column is Column.KIND:
                return kind_label(summary.kind)
            if column is Column.TAGS:
                return tags_label(summary.tags)
            return list_time(summary.updated_at, QDate.currentDate())
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.TITLE, Column.TAGS):
            return tooltip(summary.title if column is Column.TITLE else tags_label(summary.tags))
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.UPDATED:
            return format_time(summary.updated_at)
        if role == ENTRY_ID_ROLE:
            return summary.id
        return None

    def _private_data(self, private: bool, role: int) -> object:
        if not private:
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            return icons.icon("lock")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Private: never included in a license")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("Private")
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if Column(section) is Column.PRIVATE:
            # A lock needs no words on screen; the tooltip and a screen reader get them.
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return self.tr("Private")
            return "" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.InitialSortOrderRole and Column(section) in SORT_OF_COLUMN:
            # The header asks this on the first click on a column.
            return first_click_order(Column(section))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Title"), self.tr("Kind"), self.tr("Tags"), self.tr("Updated"))[section]
