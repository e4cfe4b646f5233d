"""What the licensee's usage reports say, in the ledger: taking one in, and showing the counts.

``UsageImporter`` is the ledger's Import Usage Report…: the file is read on
the worker with a bound (the largest a report can be), then checked and kept
by the core (``vault.licensing.usage_ledger``), which refuses anything that is
not the licensee's own, newer report; its sentence is what the worker sees.
``UsageBox`` shows one license's counts beside its terms: the totals, then a
table per entry and one per month. The counts are the licensee's word, and the
box says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QGroupBox, QHeaderView, QTableView, QVBoxLayout, QWidget

from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.licensing.chosen_file import Unreadable, read_chosen
from knowhold.ui.licensing.ledger_model import month_text
from knowhold.ui.models.entry_list import format_time
from knowhold.ui.plain_text import tooltip
from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import Op
from knowhold.ui.theme import error_colour
from knowhold.ui.widgets.form_parts import plain_label
from knowhold.vault.licensing.usage import MAX_USAGE
from knowhold.vault.licensing.usage_ledger import Counts, LicenseUsage, UsageImport, UsageLedger

AnyIndex = QModelIndex | QPersistentModelIndex
ROWS = 6  # each table shows this many rows, then scrolls


def import_usage_report(session: VaultSession, path: Path) -> UsageImport | Unreadable:
    """Read ``path`` (bounded) and take it into the ledger. Worker thread only."""
    data = read_chosen(path, MAX_USAGE)
    if isinstance(data, Unreadable):
        return data
    return UsageLedger(session.vault()).import_report(data)


class UsageImporter(QObject):
    """Asks for a usage report file, takes it in on the worker, and says what happened."""

    imported = Signal(str)
    """A sentence for the status bar: the report was taken in (or was already)."""
    refused = Signal(str)
    """Why the file was not taken in, naming it."""

    def __init__(self, session: VaultSession, parent: QWidget) -> None:
        super().__init__(parent)
        self._session = session
        self._window = parent

    def ask(self) -> None:
        path = Choose.usage_report_to_import(self._window)
        if path is None:
            return
        session = self._session
        Op(
            self._window, lambda: import_usage_report(session, path), lambda got: self._done(path, got)
        ).failure(lambda failure: self._refuse(path, failure.message)).run()

    def _done(self, path: Path, result: UsageImport | Unreadable) -> None:
        if isinstance(result, Unreadable):
            self._refuse(
                path,
                {
                    Unreadable.MISSING: self.tr("There is no such file."),
                    Unreadable.FOLDER: self.tr("This is a folder, not a usage report."),
                    Unreadable.TOO_LARGE: self.tr("This file is larger than any usage report can be."),
                    Unreadable.DENIED: self.tr("The file cannot be read."),
                }[result],
            )
            return
        report = result.report
        done = (
            self.tr("Usage report {sequence} of license {id} was already imported: nothing changed.")
            if result.already
            else self.tr("Imported {licensee}'s usage report {sequence} of license {id}.")
        )
        self.imported.emit(
            done.format(licensee=result.licensee, sequence=report.sequence, id=report.license_id)
        )

    def _refuse(self, path: Path, reason: str) -> None:
        self.refused.emit(self.tr("{file} was not imported: {reason}").format(file=path.name, reason=reason))


class UsageModel(QAbstractTableModel):
    """Rows of counts: a label (an entry's title, or a month), returned by search, read in full."""

    def __init__(self, first: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._first = first
        self._rows: tuple[tuple[str, Counts], ...] = ()

    def set_rows(self, rows: Sequence[tuple[str, Counts]]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        label, counts = self._rows[index.row()]
        column = index.column()
        text = label if column == 0 else QLocale().toString((counts.returned, counts.read)[column - 1])
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(text)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < 3
        ):
            return (self._first, self.tr("Returned by search"), self.tr("Read in full"))[section]
        return None


def _table(model: UsageModel, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in (1, 2):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    table.setMinimumHeight(table.fontMetrics().lineSpacing() * ROWS)
    return table


class UsageBox(QGroupBox):
    """One license's usage, as its licensee reported it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Usage, as the licensee reports it"))
        self.summary = plain_label("")
        self.overdue = plain_label("")
        self.overdue.setStyleSheet(f"color: {error_colour(self).name()};")
        self.entries_model = UsageModel(self.tr("Entry"), self)
        self.months_model = UsageModel(self.tr("Month"), self)
        self.entries = _table(self.entries_model, self.tr("Usage per entry"))
        self.months = _table(self.months_model, self.tr("Usage per month"))
        layout = QVBoxLayout(self)
        for widget in (self.overdue, self.summary, self.entries, self.months):
            layout.addWidget(widget)

    def show_usage(self, usage: LicenseUsage, titles: Mapping[str, str]) -> None:
        """``titles``: the license's entry titles by id (a report names entries by id)."""
        self.overdue.setText(
            self.tr("A usage report is overdue: the terms ask for one each month.") if usage.overdue else ""
        )
        self.overdue.setVisible(usage.overdue)
        if usage.until is None:
            self.summary.setText(self.tr("No usage report imported yet."))
        else:
            self.summary.setText(
                self.tr(
                    "Returned by search {returned} times, read in full {read} times "
                    "(reports: {reports}, up to {until}). The licensee's own count, signed."
                ).format(
                    returned=QLocale().toString(usage.total.returned),
                    read=QLocale().toString(usage.total.read),
                    reports=QLocale().toString(usage.reports),
                    until=format_time(usage.until),
                )
            )
        self.entries_model.set_rows([(titles.get(e, e), c) for e, c in usage.by_entry])
        self.months_model.set_rows([(month_text(int(m[:4]), int(m[5:7])), c) for m, c in usage.by_month])
        for table in (self.entries, self.months):
            table.setVisible(usage.until is not None)

    def clear(self) -> None:
        self.entries_model.set_rows(())
        self.months_model.set_rows(())
