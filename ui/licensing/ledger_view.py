"""The ledger: every license the worker issued, what they pay, and the actions on them.

Shown in place of the entry list and editor when the sidebar's "Licenses"
row is chosen. A table of licenses (licensee, entries, end with a countdown,
status, compensation), the totals per licensee and per month beneath it
(per currency: a freelancer's clients rarely all pay in one), and the chosen
license in full on the right (``LicenseDetail``), with Revoke and Renew.
Above them the publishing banner and the status actions: Publish Status
(to the folder chosen once), Change Folder…, Import Receipt… (or drop a
receipt file on the view) and Import Usage Report… (``usage_view``); a license
whose monthly usage report is late is marked in the table.

Everything is read in one worker call (``LedgerSource.read``: lines, totals
and the publishing state) and shown in one go; a reload started while an
older one is still out wins, and the older result is dropped. A receipt is
read with a bound (the largest a receipt can be) on the worker.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.file_drop import FileDrop
from knowhold.ui.licensing.chosen_file import Unreadable, read_chosen
from knowhold.ui.licensing.ledger_model import (
    LICENSE_ID_ROLE,
    LedgerColumn,
    LedgerModel,
    TotalsModel,
    TotalsRow,
    amounts_text,
    month_text,
    widest_texts,
)
from knowhold.ui.licensing.license_detail import LicenseDetail
from knowhold.ui.licensing.publisher import (
    BannerState,
    LedgerSnapshot,
    PublishBanner,
    Publisher,
    where_published,
)
from knowhold.ui.licensing.renew_dialog import RenewDialog
from knowhold.ui.licensing.revoke_dialog import RevokeDialog
from knowhold.ui.licensing.usage_view import UsageImporter
from knowhold.ui.models.entry_list import format_time
from knowhold.ui.plain_text import warn
from knowhold.ui.session import VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.widgets.empty_state import EmptyState
from knowhold.ui.widgets.form_parts import plain_label
from knowhold.vault.licensing.ledger import Ledger, LicenseRecord
from knowhold.vault.licensing.ledger_summary import Summary
from knowhold.vault.licensing.receipts import MAX_RECEIPT
from knowhold.vault.licensing.status import StatusPublication
from knowhold.vault.licensing.usage_ledger import UsageLedger


def import_receipt(session: VaultSession, path: Path) -> LicenseRecord | Unreadable:
    """Read ``path`` (bounded) and record it in the ledger. Worker thread only."""
    data = read_chosen(path, MAX_RECEIPT)
    if isinstance(data, Unreadable):
        return data
    return Ledger(session.vault()).import_receipt(data)


class LedgerView(QWidget):
    message = Signal(str)
    """A sentence for the status bar."""
    changed = Signal()
    """Licenses changed here (revoked, renewed, accepted): counts elsewhere may change."""
    loaded = Signal(int)
    """A reload is shown: how many licenses."""

    def __init__(
        self,
        session: VaultSession,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        publisher: Publisher | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._generation = 0
        self.tz: tzinfo | None = None  # the calendar of the monthly totals; None: this computer's
        self.revoke_dialog: RevokeDialog | None = None
        self.renew_dialog: RenewDialog | None = None
        # The window starts the publisher at unlock (``publisher.start()``); ``clear`` stops it.
        self.publisher = publisher if publisher is not None else Publisher(session, settings, self)
        self.banner = PublishBanner(self.publisher)

        self.publish_button = QPushButton(self.tr("&Publish Status"))
        self.folder_button = QPushButton(self.tr("Change &Folder…"))
        self.import_button = QPushButton(self.tr("&Import Receipt…"))
        self.usage_button = QPushButton(self.tr("Import &Usage Report…"))
        self.usage_button.setToolTip(
            self.tr("Take in a licensee's signed account of how your entries were used.")
        )
        self.usage_importer = UsageImporter(session, self)
        self.usage_importer.imported.connect(self._usage_imported)
        self.usage_importer.refused.connect(self._usage_refused)
        self.usage_button.clicked.connect(self.usage_importer.ask)
        self.publish_button.setToolTip(
            self.tr("Write your signed status document to the folder you chose once (synced or on the web).")
        )
        self.import_button.setToolTip(
            self.tr("Record a licensee's signed acceptance. You can also drop it here.")
        )
        self.publish_button.clicked.connect(lambda: self.publisher.publish_now(self))
        self.folder_button.clicked.connect(lambda: self.publisher.publish_now(self, choose=True))
        self.import_button.clicked.connect(self.ask_receipt)
        self.where = plain_label("")
        self.where.setAccessibleName(self.tr("Where your status is published"))
        actions = QHBoxLayout()
        for button in (self.publish_button, self.folder_button, self.import_button, self.usage_button):
            button.setAutoDefault(False)
            actions.addWidget(button)
        actions.addWidget(self.where, 1)

        self.model = LedgerModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Licenses"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(LedgerColumn.LICENSEE, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        # Sized from typical texts, never by asking every row for its size (with a thousand
        # licenses that alone took 150 ms); the worker can still drag a column wider.
        for column, samples in widest_texts().items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, max(metrics.horizontalAdvance(text) for text in samples) + 24)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the ledger's order until a click
        self.table.setSortingEnabled(True)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.empty = EmptyState(
            self.tr(
                "No licenses yet. License entries from the Entry menu: each license appears here "
                "with its terms, its pay and its status."
            )
        )
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)

        self.licensee_totals = TotalsModel(
            (self.tr("Licensee"), self.tr("Licenses"), self.tr("In force"), self.tr("Compensation")), self
        )
        self.month_totals = TotalsModel((self.tr("Month"), self.tr("Licenses"), self.tr("Due")), self)
        self.licensee_table = self._totals_table(self.licensee_totals, self.tr("Totals per licensee"))
        self.month_table = self._totals_table(self.month_totals, self.tr("Totals per month"))
        self.overall = plain_label("")
        totals = QGroupBox(self.tr("Totals, per currency"))
        tables = QHBoxLayout()
        tables.addWidget(self.licensee_table, 3)  # four columns, one a name: wider than the months
        tables.addWidget(self.month_table, 2)
        totals_layout = QVBoxLayout(totals)
        totals_layout.addLayout(tables)
        totals_layout.addWidget(self.overall)

        self.detail = LicenseDetail(session)
        self.detail.revoke_requested.connect(self.revoke)
        self.detail.renew_requested.connect(lambda pair: self.renew(*pair))

        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.pages)
        left.addWidget(totals)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setSizes([600, 400])  # in proportion, whatever the height
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        # The table and its totals get two thirds: five columns and a licensee's name need the room.
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([660, 330])

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(actions)
        layout.addWidget(self.splitter, 1)

        self.setAcceptDrops(True)
        self.drop = FileDrop(self)
        self.drop.dropped.connect(self.import_receipts)
        self.installEventFilter(self.drop)
        self.publisher.state_changed.connect(self._publishing)
        self.publisher.published.connect(self._published)
        self._publishing(self.publisher.state)

    def _totals_table(self, model: TotalsModel, name: str) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setAccessibleName(name)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(100)  # a ledger of many years has many months
        header.setStretchLastSection(True)
        return table

    # -- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the ledger on the worker and show it (the window never waits)."""
        self._generation += 1
        generation, source, session, tz = self._generation, self.publisher.source, self._session, self.tz

        def read() -> tuple[LedgerSnapshot, frozenset[str]]:
            snapshot = source.read(session.vault(), tz)
            return snapshot, UsageLedger(session.vault()).overdue_among(snapshot.lines)

        Op(self, read, lambda got: self._show(generation, *got)).failure(
            lambda failure: self._failed(generation, failure)
        ).run()

    def clear(self) -> None:
        """Forget everything shown, and stop publishing (the vault is being locked)."""
        self._generation += 1
        self.model.clear()
        self.licensee_totals.set_rows(())
        self.month_totals.set_rows(())
        self.overall.clear()
        self.detail.clear()
        self.publisher.stop()
        for dialog in (self.revoke_dialog, self.renew_dialog):
            if dialog is not None:
                dialog.reject()

    def _show(self, generation: int, snapshot: LedgerSnapshot, overdue: frozenset[str]) -> None:
        if generation != self._generation:
            return  # a newer reload, or a lock, came after this one started
        shown = self.detail.details
        selected = shown.record.license_id if shown is not None else None
        self.model.set_lines(snapshot.lines, snapshot.state.now, overdue)
        self._show_totals(snapshot.summary, snapshot.state.now)
        self.pages.setCurrentWidget(self.table if snapshot.lines else self.empty)
        self.publisher.show(snapshot.state)
        row = None if selected is None else self.model.row_of(selected)
        if row is None and snapshot.lines:
            row = 0  # the newest license: the detail is never an empty half of the view
        if row is not None:
            self.table.selectRow(row)
            self.detail.show_license(self.model.line(row).license_id)  # its history may have grown
        else:
            self.detail.clear()
        self.loaded.emit(len(snapshot.lines))

    def _show_totals(self, summary: Summary, now: int) -> None:
        self.licensee_totals.set_rows(
            [
                TotalsRow(
                    (
                        total.licensee,
                        str(total.licenses),
                        str(total.in_force),
                        amounts_text(total.amounts),
                    )
                )
                for total in summary.licensees
            ]
        )
        today = datetime.fromtimestamp(now, self.tz)
        current = (today.year, today.month)
        self.month_totals.set_rows(
            [
                TotalsRow(
                    (month_text(m.year, m.month), str(m.licenses), amounts_text(m.amounts)),
                    upcoming=(m.year, m.month) > current,
                )
                for m in summary.months
            ]
        )
        past = [row for row, m in enumerate(summary.months) if (m.year, m.month) <= current]
        if past:
            self.month_table.scrollTo(self.month_totals.index(past[-1], 0))
        self.overall.setText(
            self.tr("All licenses: {amounts}").format(amounts=amounts_text(summary.amounts))
            if summary.amounts
            else self.tr("No license is paid.")
        )

    def _failed(self, generation: int, failure: Failure) -> None:
        if generation == self._generation:
            self.message.emit(failure.message)
            warn(self, self.tr("Licenses"), failure.message)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        license_id = current.data(LICENSE_ID_ROLE) if current.isValid() else None
        if isinstance(license_id, str):
            self.detail.show_license(license_id)

    # -- publishing -----------------------------------------------------------------------

    def _publishing(self, state: BannerState | None) -> None:
        if state is None:
            self.where.clear()
            return
        self.model.set_now(state.publish.now)
        self.where.setText(where_published(state))

    def _published(self, publication: StatusPublication) -> None:
        self.message.emit(
            self.tr("Published status document #{sequence} to {path}.").format(
                sequence=publication.document.sequence, path=publication.path
            )
        )

    # -- actions on one license -------------------------------------------------------------

    def revoke(self, record: LicenseRecord) -> None:
        dialog = RevokeDialog(self._session, record, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.revoked.connect(self._revoked)
        dialog.finished.connect(lambda _result: setattr(self, "revoke_dialog", None))
        self.revoke_dialog = dialog
        dialog.open()

    def _revoked(self, record: LicenseRecord) -> None:
        self.message.emit(self.tr("Revoked the license for {licensee}.").format(licensee=record.licensee))
        self.changed.emit()
        self.reload()
        self.publisher.offer(self, record, self.tr("The license is revoked. Publish your status now?"))

    def renew(self, record: LicenseRecord, now: int) -> None:
        dialog = RenewDialog(self._session, record, now, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.renewed.connect(self._renewed)
        dialog.finished.connect(lambda _result: setattr(self, "renew_dialog", None))
        self.renew_dialog = dialog
        dialog.open()

    def _renewed(self, record: LicenseRecord) -> None:
        self.message.emit(
            self.tr("Renewed the license for {licensee} until {time}.").format(
                licensee=record.licensee, time=format_time(record.expires_at)
            )
        )
        self.changed.emit()
        self.reload()
        self.publisher.offer(self, record, self.tr("The license is renewed. Publish your status now?"))

    # -- receipts -------------------------------------------------------------------------

    def ask_receipt(self) -> None:
        path = Choose.receipt_to_import(self)
        if path is not None:
            self.import_receipts([path])

    def import_receipts(self, paths: list[Path]) -> None:
        """Record each receipt file on the worker, one after the other."""
        for path in paths:
            self._import(path)

    def _import(self, path: Path) -> None:
        session = self._session
        Op(self, lambda: import_receipt(session, path), lambda result: self._imported(path, result)).failure(
            lambda failure: self._refused(path, failure.message)
        ).run()

    def _imported(self, path: Path, result: LicenseRecord | Unreadable) -> None:
        if isinstance(result, Unreadable):
            self._refused(path, self._unreadable(result))
            return
        self.message.emit(
            self.tr("Recorded {licensee}'s acceptance of license {id}.").format(
                licensee=result.licensee, id=result.license_id
            )
        )
        self.changed.emit()
        self.reload()

    def _usage_imported(self, text: str) -> None:
        self.message.emit(text)
        self.reload()

    def _usage_refused(self, text: str) -> None:
        self.message.emit(text)
        warn(self, self.tr("Import Usage Report"), text)

    def _unreadable(self, why: Unreadable) -> str:
        return {
            Unreadable.MISSING: self.tr("There is no such file."),
            Unreadable.FOLDER: self.tr("This is a folder, not a receipt."),
            Unreadable.TOO_LARGE: self.tr("This file is larger than any receipt can be."),
            Unreadable.DENIED: self.tr("The file cannot be read."),
        }[why]

    def _refused(self, path: Path, reason: str) -> None:
        text = self.tr("{file} was not imported: {reason}").format(file=path.name, reason=reason)
        self.message.emit(text)
        warn(self, self.tr("Import Receipt"), text)
