"""The audit log: what the vault's licensing did, and whether the record is intact.

Each record is hash-chained to the one before (``vault.licensing.audit``):
"Verify Log" reads the chain again on the worker and says plainly whether it
is whole, or where it was altered. The verdict is as of that moment; a copy
of the whole vault folder can be rolled back (``docs/format.md``).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui.models.audit_log import AuditColumn, AuditLogModel
from knowhold.ui.session import AuditReport, VaultSession
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.theme import error_colour
from knowhold.ui.widgets.form_parts import plain_label


class AuditDialog(QDialog):
    """Lists the audit records and verifies their chain."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.report: AuditReport | None = None
        self.setWindowTitle(self.tr("Audit Log"))

        self.model = AuditLogModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Audit records"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in (AuditColumn.TIME, AuditColumn.EVENT, AuditColumn.LICENSE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AuditColumn.DETAILS, QHeaderView.ResizeMode.Stretch)

        self.verdict = plain_label(self.tr("Reading the log…"))
        self.verdict.setAccessibleName(self.tr("Whether the log is intact"))

        self.verify_button = QPushButton(self.tr("&Verify Log"))
        self.verify_button.setAutoDefault(False)
        self.verify_button.clicked.connect(self.verify)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.verify_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.verdict)
        layout.addWidget(buttons)
        self.resize(760, 440)
        self.verify()

    def verify(self) -> None:
        """Read the records and check the chain again, on the worker."""
        self.verify_button.setEnabled(False)
        Op(self, self._session.audit, self._show).failure(self._failed).run()

    def _show(self, report: AuditReport) -> None:
        self.report = report
        self.model.set_events(report.events)
        self.table.scrollToBottom()
        check = report.check
        if check.intact:
            self.verdict.setStyleSheet("")
            self.verdict.setText(
                self.tr("The log is intact: %n record(s), each chained to the one before.", "", check.count)
            )
        else:
            self.verdict.setStyleSheet(f"color: {error_colour(self).name()};")
            self.verdict.setText(
                self.tr("The log was altered: {reason}. Records after that point cannot be trusted.").format(
                    reason=check.reason
                )
            )
        self.verify_button.setEnabled(True)

    def _failed(self, failure: Failure) -> None:
        self.verdict.setText(failure.message)
        self.verify_button.setEnabled(True)
