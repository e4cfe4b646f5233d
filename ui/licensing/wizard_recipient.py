"""The license wizard's first page: to whom.

The package is sealed to the keys on a contact's identity card, so the
licensee is always a contact: one from the list, or one added right here
(``AddContactDialog``). A contact whose fingerprint was never compared can be
chosen, with a plain warning: only comparing fingerprints shows that the keys
are really theirs, and a package sealed to an impostor's keys is theirs to read.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from knowhold.ui.licensing.add_contact import AddContactDialog
from knowhold.ui.licensing.wizard_draft import LicenseDraft
from knowhold.ui.plain_text import tooltip
from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.widgets.form_parts import keep_space_when_hidden, message_label, plain_label
from knowhold.vault.licensing.identity import Contact, Contacts

CONTACT_ROLE = Qt.ItemDataRole.UserRole + 1


class RecipientPage(QWizardPage):
    """Lists the contacts; one must be chosen to go on."""

    def __init__(self, session: VaultSession, draft: LicenseDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._draft = draft
        self.loaded = False
        self.setTitle(self.tr("To whom"))
        self.setSubTitle(
            self.tr(
                "Choose who receives this license. The package is sealed to the keys on their "
                "identity card: only they can open it."
            )
        )
        self.contacts = QListWidget()
        self.contacts.setAccessibleName(self.tr("Contacts"))
        self.contacts.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.contacts.itemSelectionChanged.connect(self._on_current)
        self.contacts.itemDoubleClicked.connect(self._go_on)
        self.empty = plain_label(
            self.tr(
                "You have no contacts yet. Ask the person or company you license to for their "
                "identity card, then add it here and compare its fingerprint with them."
            )
        )
        self.empty.hide()
        self.add_button = QPushButton(self.tr("&Add a Contact…"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_contact)
        self.note = plain_label("")
        self.note.setAccessibleName(self.tr("About this contact"))
        self.note.hide()
        keep_space_when_hidden(self.note)
        self.error = message_label(self, self.tr("Contacts error"))

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.contacts, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        self._load()

    @property
    def chosen(self) -> Contact | None:
        # Selected, not merely current: focus alone makes the first row current.
        items = self.contacts.selectedItems()
        value = items[0].data(CONTACT_ROLE) if items else None
        return value if isinstance(value, Contact) else None

    def isComplete(self) -> bool:
        return self.loaded and self.chosen is not None

    def validatePage(self) -> bool:
        self._draft.licensee = self.chosen
        return self._draft.licensee is not None

    # -- loading ---------------------------------------------------------------------

    def _load(self, select: str | None = None) -> None:
        session = self._session

        def read() -> tuple[list[Contact], int]:
            vault = session.vault()
            return Contacts(vault.db).everyone(), vault.db.now()

        Op(self, read, lambda result: self._show(*result, select=select)).failure(self._failed).run()

    def _show(self, contacts: list[Contact], now: int, *, select: str | None) -> None:
        if self._draft.now is None:
            self._draft.now = now
        current = select or (self.chosen.name if self.chosen is not None else None)
        self.contacts.clear()
        chosen: QListWidgetItem | None = None
        for contact in contacts:
            item = QListWidgetItem(self._label(contact))
            item.setData(CONTACT_ROLE, contact)
            # The name came from a card: escaped, never read as markup.
            item.setToolTip(tooltip(self.tr("Fingerprint: {fp}").format(fp=contact.fingerprint)))
            self.contacts.addItem(item)
            if contact.name == current:
                chosen = item
        # No contact is taken for the worker: a license goes to whom they pick.
        if chosen is not None:
            self.contacts.setCurrentItem(chosen)
        self.empty.setVisible(not contacts)
        self.contacts.setVisible(bool(contacts))
        self.loaded = True
        self.completeChanged.emit()

    def _label(self, contact: Contact) -> str:
        if contact.verified:
            return self.tr("{name} (verified)").format(name=contact.name)
        return self.tr("{name} (not verified)").format(name=contact.name)

    def _failed(self, failure: Failure) -> None:
        self.error.setText(failure.message)
        self.error.show()

    def _on_current(self) -> None:
        contact = self.chosen
        if contact is not None and not contact.verified:
            self.note.setText(
                self.tr(
                    "You have not compared fingerprints with {name}. The package can only be opened "
                    "with the keys on this card; if the card is not really theirs, someone else can "
                    "read it. Compare the fingerprint {fp} with them aloud or on paper first."
                ).format(name=contact.name, fp=contact.fingerprint)
            )
            self.note.show()
        else:
            self.note.hide()
        self.completeChanged.emit()

    def _go_on(self) -> None:
        wizard = self.wizard()
        if wizard is not None and self.isComplete():
            wizard.next()

    # -- adding one ------------------------------------------------------------------

    def add_contact(self) -> None:
        dialog = AddContactDialog(self._session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.added.connect(lambda contact: self._load(select=contact.name))
        dialog.open()
