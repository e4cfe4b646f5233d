"""The status bar's count: how many entries the list holds, or how many results a search has.

A message shown once goes stale ("3 entries" with 4 in the list, "1 result"
after the search is cleared), so the count is a label of its own, read from
the two models whenever they change: the list's total (which counts rows not
loaded yet) while no search is typed, the results while one is. A model in
the middle of a load keeps the last count instead of flashing "0 entries".

The models' signals are taken queued: a results page is announced before
the model knows whether another page follows, so the count is read once the
model has finished handling the page.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from knowhold.ui.models.entry_list import EntryListModel
from knowhold.ui.models.search_results import SearchResultsModel


class StatusCount(QLabel):
    def __init__(
        self, entries: EntryListModel, results: SearchResultsModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._entries = entries
        self._results = results
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(self.tr("Number of entries shown"))
        queued = Qt.ConnectionType.QueuedConnection
        for model in (entries, results):
            for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
                signal.connect(self.refresh, queued)
        entries.loaded.connect(self.refresh, queued)
        results.searched.connect(self.refresh, queued)
        results.failed.connect(self.refresh, queued)

    def refresh(self) -> None:
        """Show the count of what the list or the results hold now."""
        results, entries = self._results, self._entries
        if results.query.strip():
            if results.is_searching:
                return
            count = results.rowCount()
            if results.canFetchMore():
                self.setText(self.tr("More than {count} results").format(count=count))
            elif count:
                self.setText(self.tr("%n results", "", count))
            else:
                self.setText(self.tr("No results"))
        elif not (entries.is_loading and entries.rowCount() == 0):
            self.setText(self.tr("%n entries", "", entries.total))
