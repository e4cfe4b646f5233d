"""The license wizard's fourth page: how a revocation reaches the licensee.

A package cannot be called back once sent. Revoking works through a status
document the worker signs and publishes: the licensee's Knowhold fetches it
from the address the license names, and locks the content when it has none
younger than the maximum age (``vault.licensing.enforcement``). So the
address is what makes revoking reach them within days. Without one, the
license is only ended by its end date, or by a status file the worker sends
them by hand; the page says so plainly, and the ledger reminds them later.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from knowhold.ui.errors import message
from knowhold.ui.licensing.time_words import DAY
from knowhold.ui.licensing.wizard_draft import LicenseDraft
from knowhold.ui.session import VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.widgets.form_parts import message_label, plain_label
from knowhold.vault.errors import InvalidValue
from knowhold.vault.licensing.terms import MAX_URL, Revocation

DEFAULT_MAX_AGE_DAYS = 7
MAX_AGE_DAYS = 365


class RevocationPage(QWizardPage):
    """A status address and its maximum age, or none."""

    def __init__(
        self, session: VaultSession, settings: Settings, draft: LicenseDraft, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._draft = draft
        self.setTitle(self.tr("How revocation reaches them"))
        self.setSubTitle(
            self.tr("A license can be revoked before its end date only if their Knowhold can hear about it.")
        )
        self.with_url = QRadioButton(self.tr("&Publish my status at an address"))
        self.without_url = QRadioButton(self.tr("&No status address"))
        group = QButtonGroup(self)
        group.addButton(self.with_url)
        group.addButton(self.without_url)
        self.with_url.setChecked(True)
        self.with_url.toggled.connect(self._on_choice)

        self.why = plain_label(
            self.tr(
                "Their Knowhold checks this address for your signed status document, which lists "
                "the licenses you have revoked. If it finds none newer than the maximum age, it "
                "locks the entries until it does, so a revocation reaches them within that time "
                "even if they go offline. Use an address you can publish a file to, such as a "
                "synced or web-published folder."
            )
        )
        self.url = QLineEdit()
        self.url.setMaxLength(MAX_URL)
        self.url.setPlaceholderText("https://example.org/knowhold.status")
        self.url.setAccessibleName(self.tr("Status address"))
        self.max_age = QSpinBox()
        self.max_age.setRange(1, MAX_AGE_DAYS)
        self.max_age.setValue(DEFAULT_MAX_AGE_DAYS)
        self.max_age.setSuffix(self.tr(" days"))
        self.max_age.setAccessibleName(self.tr("Maximum age"))
        self.folder = plain_label("")
        self.folder.hide()
        self.without = plain_label(
            self.tr(
                "Without an address, revoking takes effect only at the end date, or when you send "
                "them a status file yourself and they load it. The ledger will remind you."
            )
        )
        self.error = message_label(self, self.tr("Status address error"), lines=2)

        url_row = QHBoxLayout()
        url_row.addWidget(QLabel(self.tr("Address:")))
        url_row.addWidget(self.url, 1)
        age_row = QHBoxLayout()
        age_row.addWidget(QLabel(self.tr("Lock the entries when the newest status is older than")))
        age_row.addWidget(self.max_age)
        age_row.addStretch(1)
        details = QVBoxLayout()
        details.setContentsMargins(24, 0, 0, 0)
        details.addWidget(self.why)
        details.addLayout(url_row)
        details.addLayout(age_row)
        details.addWidget(self.folder)
        self.details = QWidget()
        self.details.setLayout(details)
        without = QVBoxLayout()
        without.setContentsMargins(24, 0, 0, 0)
        without.addWidget(self.without)

        layout = QVBoxLayout(self)
        layout.addWidget(self.with_url)
        layout.addWidget(self.details)
        layout.addSpacing(8)
        layout.addWidget(self.without_url)
        layout.addLayout(without)
        layout.addStretch(1)
        layout.addWidget(self.error)
        self._on_choice()

    def initializePage(self) -> None:
        vault_id = self._session.vault_id
        folder = self._settings.status_folder(vault_id) if vault_id is not None else None
        if folder is not None:
            self.folder.setText(
                self.tr(
                    "Knowhold publishes your status to {folder} whenever it changes: this address "
                    "should serve that folder's knowhold.status."
                ).format(folder=folder)
            )
        self.folder.setVisible(folder is not None)

    def validatePage(self) -> bool:
        if self.with_url.isChecked() and not self.url.text().strip():
            self.error.setText(
                self.tr("Type the address your status will be published at, or choose no address.")
            )
            self.error.show()
            return False
        try:
            self._draft.revocation = self.revocation()
        except InvalidValue as exc:
            self.error.setText(message(exc))
            self.error.show()
            return False
        self.error.hide()
        return True

    def revocation(self) -> Revocation:
        """The revocation as chosen; ``InvalidValue`` for an address the core refuses."""
        if self.without_url.isChecked():
            return Revocation()
        return Revocation.make(self.url.text().strip(), self.max_age.value() * DAY)

    def _on_choice(self) -> None:
        self.details.setEnabled(self.with_url.isChecked())
        self.without.setEnabled(self.without_url.isChecked())
