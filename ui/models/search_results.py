"""Search results: a list model over ``vault.search`` hits, a page at a time.

Queries run on the worker. Typing fast asks for many queries; only one is
on the worker at a time and only the newest waiting one follows it, so the
worker never falls behind the keyboard. Each new query starts a new
generation, and results that arrive for an older one are dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from knowhold.ui.labels import kind_label, tags_label
from knowhold.ui.models.entry_list import ENTRY_ID_ROLE
from knowhold.ui.plain_text import tooltip
from knowhold.ui.session import ALL_ENTRIES, EntryFilter
from knowhold.ui.tasks import Failure, Op, TaskRunner
from knowhold.vault.knowledge.search import Hit

PAGE_SIZE = 50
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 10
HIGHLIGHTS_ROLE = Qt.ItemDataRole.UserRole + 11
META_ROLE = Qt.ItemDataRole.UserRole + 12
TITLE_HIGHLIGHTS_ROLE = Qt.ItemDataRole.UserRole + 13

SearchPage = Callable[[str, EntryFilter, int, int], list[Hit]]
"""``(query, view, limit, offset) -> hits``; runs on the worker."""

AnyIndex = QModelIndex | QPersistentModelIndex


class SearchResultsModel(QAbstractListModel):
    searched = Signal(str, int)
    """A query's first page is in: the query and how many hits it has so far."""
    failed = Signal(str, str)
    """A query failed: the query and the reason, in plain words."""

    def __init__(
        self, search_page: SearchPage, parent: QObject | None = None, *, runner: TaskRunner | None = None
    ) -> None:
        super().__init__(parent)
        self._search_page = search_page
        self._runner = runner
        self._hits: list[Hit] = []
        self._query = ""
        self._view = ALL_ENTRIES
        self._generation = 0
        self._in_flight = False
        self._waiting: tuple[int, int] | None = None  # (generation, offset) to ask next
        self._more = False

    @property
    def query(self) -> str:
        return self._query

    @property
    def is_searching(self) -> bool:
        return self._in_flight or self._waiting is not None

    def set_query(self, query: str, view: EntryFilter = ALL_ENTRIES) -> None:
        """Show the hits for ``query`` (none for a blank one) once they arrive."""
        self._reset(query, view)
        if query.strip():
            self._ask(self._generation, 0)

    def clear(self) -> None:
        self._reset("", ALL_ENTRIES)

    def _reset(self, query: str, view: EntryFilter) -> None:
        self.beginResetModel()
        self._generation += 1
        self._hits = []
        self._more = False
        self._query = query
        self._view = view
        self._waiting = None
        self.endResetModel()

    def _ask(self, generation: int, offset: int) -> None:
        if self._in_flight:
            self._waiting = (generation, offset)  # replaces an older waiting query
            return
        self._in_flight = True
        query, view, search_page = self._query, self._view, self._search_page

        def done() -> None:
            self._in_flight = False
            waiting, self._waiting = self._waiting, None
            if waiting is not None and waiting[0] == self._generation:
                self._ask(*waiting)

        def received(hits: list[Hit]) -> None:
            if generation == self._generation:
                self._add(offset, hits)
            done()

        def failed(failure: Failure) -> None:
            if generation == self._generation:
                self.failed.emit(query, failure.message)
            done()

        Op(self, lambda: search_page(query, view, PAGE_SIZE, offset), received, runner=self._runner).failure(
            failed
        ).run()

    def _add(self, offset: int, hits: list[Hit]) -> None:
        self._more = len(hits) == PAGE_SIZE
        if offset == len(self._hits) and hits:
            self.beginInsertRows(QModelIndex(), offset, offset + len(hits) - 1)
            self._hits.extend(hits)
            self.endInsertRows()
        if offset == 0:
            self.searched.emit(self._query, len(self._hits))

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self.is_searching

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._more = False
            self._ask(self._generation, len(self._hits))

    def entry_removed(self, entry_id: str) -> int | None:
        """Drop the hit for an entry that went to the trash; its row, if it was here."""
        for row, hit in enumerate(self._hits):
            if hit.id == entry_id:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._hits[row]
                self.endRemoveRows()
                return row
        return None

    # -- reading ---------------------------------------------------------------------

    def hit(self, row: int) -> Hit:
        return self._hits[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == SNIPPET_ROLE:
            return hit.snippet
        if role == HIGHLIGHTS_ROLE:
            return hit.highlights
        if role == TITLE_HIGHLIGHTS_ROLE:
            return hit.title_highlights
        if role == META_ROLE:
            return "  ·  ".join(p for p in (kind_label(hit.kind), tags_label(hit.tags)) if p)
        if role == ENTRY_ID_ROLE:
            return hit.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(hit.title)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.tr("{title}: {snippet}").format(title=hit.title, snippet=hit.snippet)
        return None
