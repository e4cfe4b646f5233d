"""The employer's received library: every license held, one license's entries, and one entry.

Shown in place of the entry list and editor when the sidebar's "Received"
place is chosen. Above, a table of the licenses (licensor, end with a
countdown, status, permitted uses, compensation, entries); below, the
chosen license: why its content cannot be read when it cannot (destroyed,
locked for want of a fresh status, not yet valid), what can be done about
it, its entries by title, and the entry opened, read-only, under its banner.

Every call runs on the vault's worker (``reload`` never blocks), and the
list reads no content (the chosen license is shown by ``LicensePane``, which
reads an entry only when it is opened). The actions start here: accepting
the terms (``AcceptDialog``), exporting an agent skill (``SkillExporter``),
saving a signed usage report for the licensor (``vault.licensing.usage_report``),
and refreshing the status on demand or from a file, with a
``StatusRefresher`` of this view's own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.licensing.accept_dialog import AcceptDialog
from knowhold.ui.licensing.chosen_file import Unreadable
from knowhold.ui.licensing.received_entry import LicensePane
from knowhold.ui.licensing.received_model import (
    SORT_ROLE,
    ReceivedColumn,
    ReceivedList,
    ReceivedModel,
)
from knowhold.ui.licensing.skill_export import SkillExporter
from knowhold.ui.licensing.status_refresher import (
    StatusRefresh,
    StatusRefresher,
    load_status_file,
    refresh_summary,
    unreadable_text,
)
from knowhold.ui.plain_text import tooltip, warn
from knowhold.ui.session import VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.widgets.empty_state import EmptyState
from knowhold.vault.licensing.clockguard import record_time
from knowhold.vault.licensing.received import Library, ReceivedRecord
from knowhold.vault.licensing.usage_report import MadeReport, make_report
from knowhold.vault.store.storage import Vault

_COLUMN_WIDTHS = {
    ReceivedColumn.LICENSOR: 220,
    ReceivedColumn.ENDS: 240,
    ReceivedColumn.STATUS: 100,
    ReceivedColumn.COMPENSATION: 170,
    ReceivedColumn.ENTRIES: 60,
}


def read_library(vault: Vault) -> ReceivedList:
    """Worker side: every license (ended content destroyed first), and the time they were judged at."""
    records = Library(vault).licenses()
    return ReceivedList(tuple(records), record_time(vault.db))


class ReceivedView(QWidget):
    message = Signal(str)
    """A sentence for the status bar: what an action did."""
    changed = Signal()
    """The library changed (a status applied, content destroyed): counts may differ."""

    def __init__(
        self,
        session: VaultSession,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        refresher: StatusRefresher | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._request = 0  # the latest listing asked for; older answers are dropped

        self.model = ReceivedModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = self._make_table()

        # The window's refresher (started at unlock, on a timer) when given: one for the app,
        # whose every refresh this view shows.
        self.refresher = (
            refresher if refresher is not None else StatusRefresher(session, self, settings=settings)
        )
        self.refresher.refreshed.connect(self._refreshed)
        self.refresher.failed.connect(self._refresh_failed)
        self.exporter = SkillExporter(session, settings, self)
        self.exporter.exported.connect(self._exported)
        self.exporter.failed.connect(self.message)
        self.accept_dialog: AcceptDialog | None = None

        heading = QLabel(self.tr("Received Licenses"))
        heading_font = heading.font()
        heading_font.setWeight(QFont.Weight.DemiBold)
        heading.setFont(heading_font)
        self.refresh_button = QPushButton(self.tr("&Refresh Status"))
        self.refresh_button.clicked.connect(self.refresh_status)
        self.load_button = QPushButton(self.tr("&Load Status File…"))
        self.load_button.clicked.connect(self.load_status)
        # What the last refresh did, here as well as in the status bar, beside the buttons that ask.
        self.refresh_note = QLabel()
        self.refresh_note.setTextFormat(Qt.TextFormat.PlainText)
        self.refresh_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.refresh_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        top = QHBoxLayout()
        top.setContentsMargins(12, 8, 12, 4)
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(self.refresh_note, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.load_button)

        self.empty = EmptyState(
            self.tr(
                "No licenses received yet. Open a license package with File ▸ Open License…, "
                "or drop it on the window."
            )
        )
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        self.pane = LicensePane(session)
        self.pane.accept_button.clicked.connect(self.accept_terms)
        self.pane.usage_button.clicked.connect(self.save_usage_report)
        self.pane.export_action.triggered.connect(self.export_skill)
        self.pane.folder_action.triggered.connect(self.exporter.choose_folder)
        self.pane.state_refresh.clicked.connect(self.refresh_status)
        self.pane.state_load.clicked.connect(self.load_status)
        splitter.addWidget(self.pane)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(splitter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)

    @property
    def record(self) -> ReceivedRecord | None:
        """The license chosen, as last read."""
        return self.pane.record

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.proxy)
        table.setAccessibleName(self.tr("Received licenses"))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setFrameShape(QFrame.Shape.NoFrame)
        table.setShowGrid(False)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        # Fixed row heights and column widths: a thousand rows are never measured.
        table.verticalHeader().hide()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(ReceivedColumn.USES, QHeaderView.ResizeMode.Stretch)
        for column, width in _COLUMN_WIDTHS.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        # Unsorted (the core's order, newest first) until a header is clicked.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.selectionModel().selectionChanged.connect(self._on_license_selected)
        return table

    # -- the list -----------------------------------------------------------------------

    def reload(self) -> None:
        """Read the library again on the worker; the chosen license stays chosen."""
        self._request += 1
        request, session = self._request, self._session
        Op(
            self, lambda: read_library(session.vault()), lambda listing: self._show_list(request, listing)
        ).failure(lambda failure: self._list_failed(request, failure)).run()

    def clear(self) -> None:
        """Forget everything shown (the vault was locked)."""
        self._request += 1
        self.refresher.stop()
        self._set_refreshing(False)
        self.refresh_note.clear()
        self.model.clear()
        self.pane.show_license(None)
        self.stack.setCurrentWidget(self.empty)

    def _show_list(self, request: int, listing: ReceivedList) -> None:
        if request != self._request:
            return
        chosen = self.record.license_id if self.record is not None else None
        self.model.set_list(listing)
        self.stack.setCurrentIndex(1 if listing.records else 0)
        row = self.model.row_of(chosen) if chosen is not None else None
        if row is None and listing.records:
            # The first license in the table's order, as the ledger does: the pane below is
            # never an empty half of the view.
            row = self.proxy.mapToSource(self.proxy.index(0, 0)).row()
        if row is None:
            self.pane.show_license(None)
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(index.row())
        self.pane.show_license(self.model.record(row))  # again: its status may have changed

    def _list_failed(self, request: int, failure: Failure) -> None:
        if request == self._request:
            self.message.emit(failure.message)

    def select_license(self, license_id: str) -> bool:
        """Choose a license by id (after a package was added, say); True if it is listed."""
        row = self.model.row_of(license_id)
        if row is None:
            return False
        self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        return True

    def _on_license_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        if not rows:
            return
        self.pane.show_license(self.model.record(self.proxy.mapToSource(rows[0]).row()))

    # -- actions ------------------------------------------------------------------------

    def accept_terms(self) -> None:
        if self.record is None:
            return
        if self.accept_dialog is not None:
            self.accept_dialog.close()
        dialog = AcceptDialog(self._session, self.record, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._receipt_saved)
        dialog.finished.connect(self._forget_accept_dialog)
        self.accept_dialog = dialog
        dialog.open()

    def _forget_accept_dialog(self) -> None:
        self.accept_dialog = None

    def _receipt_saved(self, path: object) -> None:
        self.message.emit(self.tr("Saved the acceptance receipt to {path}.").format(path=path))

    def save_usage_report(self) -> None:
        """Count this license's use since the last report, sign it and save it where the employer says."""
        if self.record is None:
            return
        license_id = self.record.license_id
        path = Choose.usage_report_file(self, Path(f"usage-{license_id[:8]}.txt"))
        if path is None:
            return
        session = self._session

        def make() -> MadeReport:
            db = session.vault().db
            return make_report(db, license_id, path, until=db.now())

        Op(self, make, self._usage_saved).failure(self._usage_failed).run()

    def _usage_saved(self, made: MadeReport) -> None:
        self.message.emit(
            self.tr("Saved usage report {sequence} to {path}: send it to the licensor.").format(
                sequence=made.report.sequence, path=made.path
            )
        )

    def _usage_failed(self, failure: Failure) -> None:
        self.message.emit(failure.message)
        warn(self, self.tr("Save Usage Report"), failure.message)

    def export_skill(self) -> None:
        if self.record is not None:
            self.exporter.export(self.record.license_id)

    def _exported(self, path: object) -> None:
        self.message.emit(self.tr("Exported as an agent skill to {path}.").format(path=path))

    def refresh_status(self) -> None:
        self._set_refreshing(True)
        self.refresher.refresh_now()

    def load_status(self) -> None:
        path = Choose.status_file(self)
        if path is None:
            return
        self._set_refreshing(True)
        session, skills = self._session, self.refresher.skill_folder()

        def loaded(result: StatusRefresh | Unreadable) -> None:
            if isinstance(result, Unreadable):
                self._refresh_failed(unreadable_text(path, result))
            else:
                self._refreshed(result)

        Op(self, lambda: load_status_file(session.vault(), path, skills), loaded).failure(
            lambda failure: self._refresh_failed(failure.message)
        ).run()

    def _refreshed(self, refresh: StatusRefresh) -> None:
        self._set_refreshing(False)
        self._note(refresh_summary(refresh))
        self.reload()
        if refresh.changes:
            self.changed.emit()

    def _refresh_failed(self, text: str) -> None:
        self._set_refreshing(False)
        self._note(text)

    def _note(self, text: str) -> None:
        self.refresh_note.setText(text)
        self.refresh_note.setToolTip(tooltip(text))  # clipped when long: the whole of it here
        self.message.emit(text)

    def _set_refreshing(self, running: bool) -> None:
        for button in (self.refresh_button, self.load_button, self.pane.state_refresh, self.pane.state_load):
            button.setEnabled(not running)
