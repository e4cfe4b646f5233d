"""One license in full: where it stands, its terms, its entries as licensed, its history.

What the worker needs before acting on a license is here: its status with
the countdown, whether it was accepted (the signed receipt is the worker's
evidence), how a revocation would reach the licensee (with no status
address, only at the end date or by sending the status file: said plainly,
as the issue's wizard promised), the terms in full (``TermsView``), the
entries by title, version and id as the manifest names them (the ledger
keeps no text), and the license's records from the audit log.

Revoke and Renew act on the license shown; the ledger view opens their
dialogs. Everything the licensee or a manifest supplied is shown as text.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui.licensing.ledger_model import LicensedEntriesModel, status_label
from knowhold.ui.licensing.terms_view import TermsView
from knowhold.ui.licensing.time_words import countdown, date_text, duration_text
from knowhold.ui.licensing.usage_view import UsageBox
from knowhold.ui.models.audit_log import AuditColumn, AuditLogModel
from knowhold.ui.models.entry_list import format_time
from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.theme import error_colour
from knowhold.ui.widgets.form_parts import plain_label
from knowhold.vault.licensing.audit import AuditEvent, AuditLog
from knowhold.vault.licensing.ledger import Ledger, LicenseRecord
from knowhold.vault.licensing.usage_ledger import LicenseUsage, UsageLedger

TABLE_ROWS = 8  # the entries' and history's tables show this many rows, then scroll


@dataclass(frozen=True, slots=True)
class LicenseDetails:
    """One license as the worker read it, its audit records, and the vault's time then."""

    record: LicenseRecord
    events: tuple[AuditEvent, ...]
    now: int
    usage: LicenseUsage  # what the licensee's reports say


def read_details(session: VaultSession, license_id: str) -> LicenseDetails:
    """Worker thread only."""
    vault = session.vault()
    record = Ledger(vault).get(license_id)
    events = tuple(AuditLog(vault.db).events(record.license_id))
    return LicenseDetails(record, events, vault.db.now(), UsageLedger(vault).usage(record))


def _table() -> QTableView:
    table = QTableView()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    table.setMinimumHeight(table.fontMetrics().lineSpacing() * TABLE_ROWS)
    return table


class LicenseDetail(QScrollArea):
    """Shows one license; empty until ``show_license``."""

    revoke_requested = Signal(object)
    """The shown ``LicenseRecord``: the worker chose Revoke…"""
    renew_requested = Signal(object)
    """The shown ``LicenseRecord`` and the vault's time, as ``(record, now)``: Renew…"""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.details: LicenseDetails | None = None
        self._wanted: str | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        # The page wraps to the width it is given; it scrolls only up and down.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMinimumWidth(320)

        self.licensee = QLabel()
        self.licensee.setTextFormat(Qt.TextFormat.PlainText)  # a contact's name: data, never markup
        big = self.licensee.font()
        big.setPointSizeF(big.pointSizeF() * 1.3)
        big.setWeight(QFont.Weight.DemiBold)
        self.licensee.setFont(big)
        self.license_id = plain_label("")
        self.license_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.standing = plain_label("")
        self.reminder = plain_label("")
        self.reminder.setStyleSheet(f"color: {error_colour(self).name()};")
        self.revocation = plain_label("")
        self.acceptance = plain_label("")
        self.reach = plain_label("")
        self.content = plain_label("")

        self.revoke_button = QPushButton(self.tr("&Revoke…"))
        self.renew_button = QPushButton(self.tr("Re&new…"))
        for button in (self.revoke_button, self.renew_button):
            button.setAutoDefault(False)
        self.revoke_button.clicked.connect(self._revoke)
        self.renew_button.clicked.connect(self._renew)
        actions = QHBoxLayout()
        actions.addWidget(self.revoke_button)
        actions.addWidget(self.renew_button)
        actions.addStretch(1)

        self.terms = TermsView()
        terms_box = QGroupBox(self.tr("Terms"))
        QVBoxLayout(terms_box).addWidget(self.terms)

        self.entries_model = LicensedEntriesModel(self)
        self.entries = _table()
        self.entries.setModel(self.entries_model)
        self.entries.setAccessibleName(self.tr("Entries as licensed"))
        self.entries.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.entries_box = QGroupBox(self.tr("Entries, as licensed"))
        QVBoxLayout(self.entries_box).addWidget(self.entries)

        self.history_model = AuditLogModel(self)
        self.history = _table()
        self.history.setModel(self.history_model)
        self.history.setAccessibleName(self.tr("History"))
        self.history.setColumnHidden(AuditColumn.LICENSE, True)  # all of them are this license's
        self.history.horizontalHeader().setSectionResizeMode(
            AuditColumn.DETAILS, QHeaderView.ResizeMode.Stretch
        )
        self.usage = UsageBox()

        history_box = QGroupBox(self.tr("History"))
        QVBoxLayout(history_box).addWidget(self.history)

        self.error = plain_label("")
        self.error.setStyleSheet(f"color: {error_colour(self).name()};")

        # The body shows a license; the error line shows alone when one could not be read.
        self.body = QWidget()
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.licensee,
            self.license_id,
            self.standing,
            self.reminder,
            self.revocation,
            self.acceptance,
            self.reach,
            self.content,
        ):
            layout.addWidget(widget)
        layout.addLayout(actions)
        layout.addWidget(terms_box)
        layout.addWidget(self.entries_box)
        layout.addWidget(self.usage)
        layout.addWidget(history_box)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.body)
        column.addWidget(self.error)
        column.addStretch(1)
        self.setWidget(page)
        self.clear()

    def show_license(self, license_id: str) -> None:
        """Read the license on the worker and show it; a later call wins over an earlier one."""
        self._wanted = license_id
        session = self._session
        Op(self, lambda: read_details(session, license_id), self._show).failure(self._failed).run()

    def clear(self) -> None:
        """Show nothing (no license chosen, or the vault was locked)."""
        self._wanted = None
        self.details = None
        self.body.hide()
        self.error.hide()
        self.entries_model.set_entries(())
        self.history_model.set_events(())
        self.usage.clear()

    def _show(self, details: LicenseDetails) -> None:
        if details.record.license_id != self._wanted:
            return  # another license was chosen meanwhile
        self.details = details
        record, now = details.record, details.now
        self.licensee.setText(record.licensee)
        self.license_id.setText(self.tr("License {id}").format(id=record.license_id))
        status = status_label(record.status)
        if record.revoked_at is not None:
            self.standing.setText(status)
        else:
            self.standing.setText(
                self.tr("{status}: from {start} until {end} ({countdown})").format(
                    status=status,
                    start=date_text(record.not_before),
                    end=date_text(record.expires_at),
                    countdown=countdown(record.expires_at, now),
                )
            )
        in_force = record.revoked_at is None and now <= record.expires_at
        without_address = record.revocation.status_url is None
        self.reminder.setText(
            self.tr(
                "This license has no status address: revoking it takes effect only at its end date, or "
                "when you send {licensee} your status file."
            ).format(licensee=record.licensee)
        )
        self.reminder.setVisible(without_address and in_force)
        self._show_revocation(record)
        self._show_acceptance(record)
        self._show_reach(record)
        self.terms.set_terms(record.terms, starts=record.not_before, ends=record.expires_at)
        self.entries_model.set_entries(record.entries, record.files)
        self.entries_box.setTitle(self.tr("Entries, as licensed (%n)", "", len(record.entries)))
        self.usage.show_usage(details.usage, {e.id: e.title for e in record.entries})
        self.history_model.set_events(details.events)
        self.history.scrollToBottom()
        self.revoke_button.setEnabled(record.revoked_at is None)
        self.renew_button.setEnabled(record.revoked_at is None)
        self.error.hide()
        self.body.show()

    def _show_revocation(self, record: LicenseRecord) -> None:
        if record.revoked_at is None:
            self.revocation.hide()
            return
        when = format_time(record.revoked_at)
        self.revocation.setText(
            self.tr("Revoked on {time}. Reason: {reason}").format(time=when, reason=record.revoke_reason)
            if record.revoke_reason
            else self.tr("Revoked on {time}, with no reason given.").format(time=when)
        )
        self.revocation.show()

    def _show_acceptance(self, record: LicenseRecord) -> None:
        if record.accepted_at is not None:
            self.acceptance.setText(
                self.tr(
                    "Accepted on {time}: their signed receipt is kept as your evidence of the terms."
                ).format(time=format_time(record.accepted_at))
            )
        else:
            self.acceptance.setText(
                self.tr(
                    "Not accepted yet. When {licensee} sends their signed receipt, import it "
                    "(Import Receipt…, or drop the file on the ledger)."
                ).format(licensee=record.licensee)
            )

    def _show_reach(self, record: LicenseRecord) -> None:
        revocation = record.revocation
        if revocation.status_url is None:
            text = self.tr("Status address: none.")
        elif revocation.max_status_age is None:
            text = self.tr("Status address: {url}").format(url=revocation.status_url)
        else:
            text = self.tr(
                "Status address: {url}. Their Knowhold locks the content when it has no status "
                "document younger than {age}."
            ).format(url=revocation.status_url, age=duration_text(revocation.max_status_age))
        notes = [text]
        if record.redacted:
            notes.append(self.tr("Sensitive data was redacted in the licensed copy."))
        if record.sensitive_included:
            notes.append(self.tr("Sensitive data was included, as you chose."))
        if record.out_path:
            notes.append(self.tr("Package file: {path}").format(path=record.out_path))
        self.reach.setText(notes[0])
        self.content.setText("\n".join(notes[1:]))
        self.content.setVisible(len(notes) > 1)

    def _failed(self, failure: Failure) -> None:
        self.details = None
        self.body.hide()
        self.error.setText(failure.message)
        self.error.show()

    def _revoke(self) -> None:
        if self.details is not None:
            self.revoke_requested.emit(self.details.record)

    def _renew(self) -> None:
        if self.details is not None:
            self.renew_requested.emit((self.details.record, self.details.now))
