"""The middle column: the search box over the entry list or the search results.

The column shows one of four pages: loading, an empty state that says why
nothing is listed, the list of the sidebar's filter, or the results of the
query typed. It owns both models and the status bar's count of what they
hold; the window places the count and tells the column what the entry pane
did (saved, removed, emptied the trash), and the column keeps its rows and
pages true to it. The order a column header chose is kept in the settings,
and the list starts in it.

A query searches the entries the list shows (from the trash, every live
entry: the trash is never searched), and the results stay in front until
the query is cleared, when the list comes back with the row of the entry
shown selected. The window owns the sidebar, so a search only says
``searching``: a licensing place in front gives way to the entries.

Its sentences keep the window's translation context ("MainWindow"), where
their Chinese was written before they moved here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from knowhold.ui.labels import kind_label
from knowhold.ui.models.entry_list import EntryListModel, ListOrder
from knowhold.ui.models.search_results import SearchResultsModel
from knowhold.ui.session import ALL_ENTRIES, EntryFilter, VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.widgets.empty_state import EmptyState
from knowhold.ui.widgets.entry_table import EntryTable
from knowhold.ui.widgets.search import SearchBox, SearchResultsView
from knowhold.ui.widgets.status_count import StatusCount
from knowhold.vault.knowledge.entries import Entry


class ShownEntry(Protocol):
    """What the column reads of the editor: which entry it shows, to select that entry's row."""

    @property
    def showing_entry(self) -> bool: ...

    @property
    def entry_id(self) -> str | None: ...


def _loading_text() -> str:
    return QCoreApplication.translate("MainWindow", "Loading…")


class EntryBrowser(QWidget):
    entry_selected = Signal(str)
    """The id of the entry chosen in the list or the results."""
    searching = Signal()
    """A query is searched: the entries, where its results are, should be in front."""
    message = Signal(str)
    """A sentence for the status bar."""

    def __init__(
        self,
        session: VaultSession,
        settings: Settings,
        shown: ShownEntry,
        tag_spelling: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._shown = shown
        # A tag filter holds the tag's key; sentences name it as the worker spells it.
        self._tag_spelling = tag_spelling

        self.model = EntryListModel(session.list_entries, self)
        self.model.loaded.connect(lambda _total: self.show_list())
        self.model.failed.connect(self._on_list_failed)
        self.table = EntryTable(self.model)
        self.table.entry_selected.connect(self.entry_selected)
        self.table.sort_requested.connect(self._on_sort)

        self.search_box = SearchBox()
        self.search_box.query_changed.connect(self.search)
        self.results = SearchResultsModel(session.search, self)
        self.results.searched.connect(self._on_searched)
        self.results.failed.connect(self._on_search_failed)
        self.results_view = SearchResultsView(self.results)
        self.results_view.entry_selected.connect(self.entry_selected)
        self.search_box.go_down.connect(self.results_view.select_first)

        self.empty_state = EmptyState("")
        self.loading = QLabel(_loading_text())
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        for page in (self.loading, self.empty_state, self.table, self.results_view):
            self.pages.addWidget(page)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 6, 6, 0)
        column.setSpacing(6)
        self.search_row = QHBoxLayout()
        self.search_row.setSpacing(4)
        self.search_row.addWidget(self.search_box, 1)
        column.addLayout(self.search_row)
        column.addWidget(self.pages)
        # How many entries or results the column holds; the window puts it in the status bar.
        self.count = StatusCount(self.model, self.results)

        order = ListOrder.parse(settings.list_sort_column, settings.list_sort_descending)
        if order != self.model.order:
            self._use_filter(ALL_ENTRIES, order)

    # -- life cycle ----------------------------------------------------------------

    def start(self) -> None:
        """Show the loading page and fetch the first page of entries."""
        self.loading.setText(_loading_text())
        self.pages.setCurrentWidget(self.loading)
        self.model.reload()

    def clear(self) -> None:
        """Forget the entries, the query and its results (on lock), and list All entries from then on."""
        self.model.clear()
        self.search_box.clear()
        self.results.clear()
        self._use_filter(ALL_ENTRIES)
        self.pages.setCurrentWidget(self.loading)

    # -- the list --------------------------------------------------------------------

    def _use_filter(self, view: EntryFilter, order: ListOrder | None = None) -> None:
        order = self.model.order if order is None else order
        page = functools.partial(
            self._session.list_entries, view=view, sort=order.key, descending=order.descending
        )
        self.model.set_source(page, view, order)

    def _on_sort(self, order: ListOrder) -> None:
        """A column's header was clicked: reload the list in that order, and remember it."""
        self._settings.list_sort_column = order.key.value
        self._settings.list_sort_descending = order.descending
        self._use_filter(self.model.view, order)
        self.model.reload()

    def show_filter(self, view: EntryFilter) -> None:
        """List the entries ``view`` lets through (the sidebar's choice), and search within them."""
        self._use_filter(view)
        self.model.reload()
        self.search_again()

    def show_list(self) -> None:
        if self.results.query:
            return  # the results stay in front until the search is cleared
        if self.model.total:
            self.pages.setCurrentWidget(self.table)
        else:
            self.empty_state.label.setText(self.empty_text(self.model.view))
            self.pages.setCurrentWidget(self.empty_state)

    def empty_text(self, view: EntryFilter) -> str:
        if view.trash:
            return QCoreApplication.translate(
                "MainWindow", "The trash is empty. Deleted entries wait here until you empty it."
            )
        if view.kind is not None:
            return QCoreApplication.translate(
                "MainWindow", "No {kind} entries yet: press Ctrl+N to write one."
            ).format(kind=kind_label(view.kind))
        if view.tag is not None:
            return QCoreApplication.translate("MainWindow", "No entries are tagged #{tag}.").format(
                tag=self._tag_spelling(view.tag)
            )
        return QCoreApplication.translate(
            "MainWindow",
            "No entries yet: press Ctrl+N to write your first heuristic, or bring in your notes "
            "with File ▸ Import Folder… or by dropping Markdown files or folders on this window.",
        )

    def _on_list_failed(self, message: str) -> None:
        if self.model.rowCount() == 0:
            self.loading.setText(message)  # the first page failed: say why, not "Loading…"
            self.pages.setCurrentWidget(self.loading)
        self.message.emit(message)

    def selected_ids(self) -> list[str]:
        """The rows chosen in the list, while the list is in front."""
        return self.table.selected_ids() if self.pages.currentWidget() is self.table else []

    def scope_to_rows(self, *actions: QAction) -> None:
        """Let the actions' keys act on the row of the list or results that has the focus.

        For the Delete keys: in a text field they delete text, and in a combo
        box or check box nothing.
        """
        for action in actions:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            for view in (self.table, self.results_view):
                view.addAction(action)

    def clear_selection(self) -> None:
        """No row of the list or the results is selected (the entry edited has none yet)."""
        self.table.clearSelection()
        self.results_view.clearSelection()

    # -- what the entry pane did ---------------------------------------------------------

    def entry_saved(self, entry: Entry, previous: Entry | None) -> None:
        """List the entry as saved (``previous`` None: new), counted even when its row is not loaded yet."""
        self.model.entry_saved(entry, previous)
        self.count.refresh()  # the total changes even when the entry's row is not loaded yet
        if previous is None:
            self.show_list()
            if self._shown.entry_id == entry.id:
                self.table.select_entry(entry.id)  # already shown: selecting it reloads nothing

    def entry_removed(self, entry_id: str) -> None:
        """The entry left the list and the results; the next one takes its row if nothing is shown."""
        searching = self.pages.currentWidget() is self.results_view
        row = self.model.row_of(entry_id)
        hit_row = self.results.entry_removed(entry_id)
        self.model.entry_removed(entry_id)
        self.show_list()
        if self._shown.showing_entry:
            return
        # Deleting one after another: the next entry takes the place of the one that went.
        if searching and hit_row is not None and self.results.rowCount():
            self.results_view.setCurrentIndex(self.results.index(min(hit_row, self.results.rowCount() - 1)))
        elif not searching and row is not None and self.model.rowCount():
            self.table.select_entry(self.model.summary(min(row, self.model.rowCount() - 1)).id)

    def trash_emptied(self) -> None:
        if self.model.view.trash:
            self.model.reload()

    # -- search ----------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def search(self, query: str) -> None:
        if not query.strip():
            self.results.clear()
            self.show_list()
            self._select_shown()
            return
        self.searching.emit()
        view = self.model.view  # what the sidebar chose, which the list shows
        # The trash is never searched: from there, search every live entry.
        self.results.set_query(query, EntryFilter() if view.trash else view)

    def search_again(self) -> None:
        """Run the query again, if one is typed: the entries it finds may have changed."""
        if self.results.query:
            self.search(self.results.query)

    def _select_shown(self) -> None:
        """Select the list's row of the entry shown, if it is loaded; else no row (the search is gone)."""
        shown = self._shown.entry_id if self._shown.showing_entry else None
        if shown is None or not self.table.select_entry(shown):
            self.table.clearSelection()

    def _on_searched(self, query: str, count: int) -> None:
        if count:
            self.pages.setCurrentWidget(self.results_view)
        else:
            self.empty_state.label.setText(
                QCoreApplication.translate(
                    "MainWindow", "Nothing matches “{query}”. Try fewer words, or the start of a word and *."
                ).format(query=query)
            )
            self.pages.setCurrentWidget(self.empty_state)

    def _on_search_failed(self, query: str, message: str) -> None:
        self.empty_state.label.setText(message)
        self.pages.setCurrentWidget(self.empty_state)
