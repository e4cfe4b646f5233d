"""Revoking a license: a reason, and exactly what revoking does and does not do.

Revoking is for good (a revoked license cannot be renewed), and what it can
reach is easy to overestimate: it marks the license revoked in the worker's
signed status document, and the licensee's Knowhold destroys the content
when it next reads that document. It cannot pull back copies already made,
and without a status address it reaches the licensee only when they are
sent the status file, or at the end date anyway. The dialog says all of
this before the button, with the licensee's name, so nobody revokes
expecting more than it does. The reason goes into the status document,
which the licensee reads: the core refuses invisible or control characters
in it (``Ledger.revoke``), and the field is as long as the format allows.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from knowhold.ui.licensing.time_words import date_text
from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import DelayedBusy, Failure, Op
from knowhold.ui.widgets.form_parts import action_buttons, busy_bar, message_label, plain_label
from knowhold.vault.licensing.ledger import Ledger, LicenseRecord
from knowhold.vault.licensing.status import MAX_REASON


class RevokeDialog(QDialog):
    revoked = Signal(object)
    """The ``LicenseRecord`` as revoked."""

    def __init__(self, session: VaultSession, record: LicenseRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._record = record
        name = record.licensee
        self.setWindowTitle(self.tr("Revoke License"))

        heading = plain_label(self.tr("Revoke the license for {licensee}?").format(licensee=name))
        bold = heading.font()
        bold.setWeight(QFont.Weight.DemiBold)
        heading.setFont(bold)
        facts = plain_label(
            self.tr("License {id}: %n entry(ies), ending {date}.", "", len(record.entries)).format(
                id=record.license_id, date=date_text(record.expires_at)
            )
        )

        does = [
            self.tr("It marks the license revoked in your signed status document, with your reason."),
            self.tr(
                "When {licensee}'s Knowhold next reads that document, it destroys the licensed "
                "content and records why."
            ).format(licensee=name),
            self.tr(
                "It is for good: a revoked license cannot be renewed. To license again, issue a new one."
            ),
        ]
        does_not = [
            self.tr(
                "It cannot pull back copies already made: passages copied out, notes taken from the "
                "entries, or files saved from them."
            )
        ]
        if "ai-training" in record.terms.allowed:
            does_not.append(
                self.tr(
                    "The terms allowed training AI models on the entries: what a model already learned "
                    "from them cannot be taken back."
                )
            )
        if record.revocation.status_url is None:
            does_not.append(
                self.tr(
                    "This license has no status address: revoking reaches {licensee} only when you send "
                    "them your status file, or at the end date ({date}) anyway."
                ).format(licensee=name, date=date_text(record.expires_at))
            )
        else:
            does_not.append(
                self.tr(
                    "It reaches them only through your status document: publish it (Knowhold offers to "
                    "next), and their Knowhold reads it from {url}."
                ).format(url=record.revocation.status_url)
            )
        lines = [self.tr("What revoking does:"), *(f"•  {line}" for line in does), ""]
        lines += [self.tr("What it does not do:"), *(f"•  {line}" for line in does_not)]
        self.explanation = plain_label("\n".join(lines))

        self.reason = QLineEdit()
        self.reason.setMaxLength(MAX_REASON)
        self.reason.setPlaceholderText(self.tr("for example: the contract ended"))
        self.reason.setAccessibleName(self.tr("Reason"))
        # No name in a label with a shortcut: an "&" in it would be taken for one.
        caption = QLabel(self.tr("&Reason (the licensee will read it):"))
        caption.setBuddy(self.reason)
        self.error = message_label(self, self.tr("Revoke error"), lines=2)
        self.busy_bar = busy_bar(self.tr("Revoking"))
        self._busy = DelayedBusy(self.busy_bar.show, self.busy_bar.hide)

        self.revoke_button = QPushButton(self.tr("Revoke License"))
        buttons = action_buttons(self.revoke_button, QPushButton(self.tr("Cancel")), self.revoke, self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(facts)
        layout.addSpacing(6)
        layout.addWidget(self.explanation)
        layout.addSpacing(6)
        layout.addWidget(caption)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def revoke(self) -> None:
        """Revoke on the worker; the dialog stays open, saying why, if the core refuses."""
        self.revoke_button.setEnabled(False)
        self.error.hide()
        self._busy.start()
        session, license_id, reason = self._session, self._record.license_id, self.reason.text().strip()
        Op(self, lambda: Ledger(session.vault()).revoke(license_id, reason), self._done).failure(
            self._failed
        ).run()

    def _done(self, record: LicenseRecord) -> None:
        self._busy.stop()
        self.revoked.emit(record)
        self.accept()

    def _failed(self, failure: Failure) -> None:
        self._busy.stop()
        self.revoke_button.setEnabled(True)
        self.error.setText(failure.message)
        self.error.show()
