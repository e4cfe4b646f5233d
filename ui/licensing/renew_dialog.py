"""Renewing a license: a later end date, from a calendar or 30, 90 or 365 days on.

A renewal only moves the end later (``Ledger.renew`` refuses anything else,
and a revoked license). The days are counted from the current end, or from
now if the license has already ended, so "+90 days" always means ninety
more days of use. The content is not sent again: the licensee's Knowhold
learns the new end from the worker's status document, which the dialog says
before the button.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui.licensing.time_words import DAY, countdown, date_text
from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import DelayedBusy, Failure, Op
from knowhold.ui.widgets.form_parts import action_buttons, busy_bar, message_label, plain_label
from knowhold.vault.licensing.ledger import Ledger, LicenseRecord

STEPS = (30, 90, 365)  # days, as the license wizard offers them


class RenewDialog(QDialog):
    renewed = Signal(object)
    """The ``LicenseRecord`` with its new end."""

    def __init__(
        self, session: VaultSession, record: LicenseRecord, now: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._record = record
        # Days are added to the current end, or to now once it has passed.
        self._base = max(record.expires_at, now)
        self.setWindowTitle(self.tr("Renew License"))

        intro = plain_label(
            self.tr("The license for {licensee} ends on {date} ({countdown}).").format(
                licensee=record.licensee,
                date=date_text(record.expires_at),
                countdown=countdown(record.expires_at, now),
            )
        )
        self.end = QDateTimeEdit()
        self.end.setCalendarPopup(True)
        self.end.setAccessibleName(self.tr("New end"))
        self.end.setMinimumDateTime(QDateTime.fromSecsSinceEpoch(self._base + 60))
        self.end.setDateTime(QDateTime.fromSecsSinceEpoch(self._base + STEPS[1] * DAY))
        caption = QLabel(self.tr("&New end:"))
        caption.setBuddy(self.end)
        steps = QHBoxLayout()
        steps.addWidget(self.end, 1)
        self.step_buttons: list[QPushButton] = []
        for days in STEPS:
            button = QPushButton(self.tr("+%n day(s)", "", days))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, days=days: self.add_days(days))
            steps.addWidget(button)
            self.step_buttons.append(button)

        reach = (
            self.tr(
                "The entries are not sent again. {licensee}'s Knowhold learns the new end from your "
                "status document: publish it next (Knowhold offers to)."
            )
            if record.revocation.status_url is not None
            else self.tr(
                "The entries are not sent again. This license has no status address: {licensee}'s "
                "Knowhold learns the new end only when you send them your status file."
            )
        )
        note = plain_label(reach.format(licensee=record.licensee))
        self.error = message_label(self, self.tr("Renew error"), lines=2)
        self.busy_bar = busy_bar(self.tr("Renewing"))
        self._busy = DelayedBusy(self.busy_bar.show, self.busy_bar.hide)
        self.renew_button = QPushButton(self.tr("Renew"))
        buttons = action_buttons(self.renew_button, QPushButton(self.tr("Cancel")), self.renew, self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(caption)
        layout.addLayout(steps)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    @property
    def expires_at(self) -> int:
        """The end chosen, in Unix seconds."""
        return int(self.end.dateTime().toSecsSinceEpoch())

    def add_days(self, days: int) -> None:
        self.end.setDateTime(QDateTime.fromSecsSinceEpoch(self._base + days * DAY))

    def renew(self) -> None:
        """Renew on the worker; the dialog stays open, saying why, if the core refuses."""
        self.renew_button.setEnabled(False)
        self.error.hide()
        self._busy.start()
        session, license_id, end = self._session, self._record.license_id, self.expires_at
        Op(self, lambda: Ledger(session.vault()).renew(license_id, end), self._done).failure(
            self._failed
        ).run()

    def _done(self, record: LicenseRecord) -> None:
        self._busy.stop()
        self.renewed.emit(record)
        self.accept()

    def _failed(self, failure: Failure) -> None:
        self._busy.stop()
        self.renew_button.setEnabled(True)
        self.error.setText(failure.message)
        self.error.show()
