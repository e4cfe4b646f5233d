"""Accept a received license's terms: read them again, then save the signed receipt.

Accepting signs, with this vault's key, a receipt naming the license's
manifest by hash: these exact terms, byte for byte, were agreed
(``vault.licensing.receipts``). So the terms are shown in full first,
compensation included, as the licensor signed them (``TermsView``), and
nothing is signed until the employer asks for it and chooses where the
receipt goes. The licensor imports it into their ledger; the dialog says so.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QScrollArea, QVBoxLayout, QWidget

from knowhold.ui.dialogs.choose import RECEIPT_SUFFIX, Choose
from knowhold.ui.licensing.terms_view import TermsView
from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.theme import error_colour
from knowhold.ui.widgets.form_parts import plain_label
from knowhold.vault.licensing.received import Library, ReceivedRecord
from knowhold.vault.store.fsutil import atomic_write
from knowhold.vault.store.storage import Vault
from knowhold.vault.text import dashed


def save_receipt(vault: Vault, license_id: str, out: Path) -> Path:
    """Worker side: sign the acceptance receipt and write it to ``out`` (atomically, owner-only)."""
    receipt = Library(vault).accept(license_id)
    atomic_write(out, receipt)
    return out


def receipt_name(record: ReceivedRecord) -> str:
    """A default file name: whose license, and which (the id's first eight characters)."""
    return f"{dashed(record.licensor.name, 40) or 'license'}-{record.license_id[:8]}{RECEIPT_SUFFIX}"


class AcceptDialog(QDialog):
    """The terms again, then "Accept and Save Receipt…"; ``saved`` once the receipt is written."""

    saved = Signal(object)
    """The receipt file written (a ``Path``)."""

    def __init__(self, session: VaultSession, record: ReceivedRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.record = record
        self.receipt: Path | None = None
        self.setWindowTitle(self.tr("Accept Terms"))

        licensor = record.licensor.name
        self.intro = plain_label(
            self.tr(
                "{licensor} licensed %n entries to you under license {license}. Read the terms "
                "again: accepting them is your signed word that you agree to exactly these.",
                "",
                len(record.manifest.entries),
            ).format(licensor=licensor, license=record.license_id)
        )
        self.terms = TermsView()
        self.terms.set_terms(record.manifest.terms, starts=record.manifest.not_before, ends=record.expires_at)
        scroll = QScrollArea()
        scroll.setWidget(self.terms)
        scroll.setWidgetResizable(True)
        self.explain = plain_label(
            self.tr(
                "Knowhold signs a receipt with your vault's key and saves it as a file. Send that file "
                "to {licensor}: their ledger then shows the license as accepted, and keeps the receipt "
                "as their evidence of what you agreed to."
            ).format(licensor=licensor)
        )
        self.outcome = plain_label("")
        self.outcome.setAccessibleName(self.tr("Result"))
        self.outcome.hide()

        self.accept_button = QPushButton(self.tr("&Accept and Save Receipt…"))
        self.accept_button.setDefault(True)
        self.accept_button.clicked.connect(self.save)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.explain)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        self.resize(640, 620)

    def save(self) -> None:
        path = Choose.receipt_file(self, Path(receipt_name(self.record)))
        if path is None:
            return
        self.accept_button.setEnabled(False)
        session, license_id = self._session, self.record.license_id
        Op(self, lambda: save_receipt(session.vault(), license_id, path), self._saved).failure(
            self._failed
        ).run()

    def _saved(self, path: Path) -> None:
        self.receipt = path
        self._say(
            self.tr("Saved the receipt to {path}. Send it to {licensor}.").format(
                path=path, licensor=self.record.licensor.name
            ),
            error=False,
        )
        self.accept_button.hide()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        self.saved.emit(path)

    def _failed(self, failure: Failure) -> None:
        self.accept_button.setEnabled(True)
        self._say(failure.message, error=True)

    def _say(self, text: str, *, error: bool) -> None:
        self.outcome.setText(text)
        self.outcome.setStyleSheet(f"color: {error_colour(self).name()};" if error else "")
        self.outcome.show()
