"""The contacts: whose keys this vault knows, and whether their fingerprints were compared.

Licenses are issued to contacts, and a received license is trusted when its
licensor is one; a contact is verified once its fingerprint was compared
with its owner aloud or on paper (``add_contact``). Everything here calls the
core (``Contacts``) on the worker.

Removing a contact is the one way past a key change (the core refuses a new
card under a known name with other keys), so it is never a side effect: it
asks first, saying what removal does and does not do.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
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

from knowhold.ui.dialogs.confirm import Confirm
from knowhold.ui.file_drop import FileDrop
from knowhold.ui.licensing.add_contact import (
    AddContactDialog,
    Comparison,
    FingerprintCheck,
    name_label,
    set_name,
)
from knowhold.ui.licensing.contacts_model import ContactColumn, ContactsModel
from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.widgets.form_parts import action_buttons, message_label, plain_label
from knowhold.vault.licensing.identity import Contact, Contacts


class VerifyContactDialog(QDialog):
    """Compares a contact's fingerprint with what they read out; marks it verified on a match."""

    verified = Signal(object)
    """The ``Contact``, now verified."""

    def __init__(self, session: VaultSession, contact: Contact, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._contact = contact
        self.setWindowTitle(self.tr("Verify a Contact"))
        self.name = name_label()
        self.name.setAccessibleName(self.tr("Contact"))
        set_name(self.name, contact.name)
        self.check = FingerprintCheck()
        self.check.set_identity(contact.identity)
        self.check.changed.connect(self._update_button)
        self.problem = message_label(self, self.tr("Problem"), lines=2)
        self.verify_button = QPushButton(self.tr("Mark as &Verified"))
        buttons = action_buttons(self.verify_button, QPushButton(self.tr("Cancel")), self.verify, self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.name)
        layout.addWidget(self.check)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._update_button()
        self.check.typed.setFocus()
        self.resize(540, self.sizeHint().height())

    def _update_button(self) -> None:
        self.verify_button.setEnabled(self.check.comparison is Comparison.MATCH)

    def verify(self) -> None:
        if not self.verify_button.isEnabled():
            return
        name, typed, session = self._contact.name, self.check.text(), self._session
        self.verify_button.setEnabled(False)
        # The core compares again and marks the contact: a mismatch there changes nothing.
        Op(self, lambda: Contacts(session.vault().db).verify(name, typed), self._done).failure(
            self._failed
        ).run()

    def _done(self, contact: Contact) -> None:
        self.verified.emit(contact)
        self.accept()

    def _failed(self, failure: Failure) -> None:
        self.problem.setText(failure.message)
        self.problem.show()
        self._update_button()


class ContactsDialog(QDialog):
    """The contacts in a table, with Add…, Verify… and Remove…; a card dropped on it is added."""

    changed = Signal()
    """A contact was added, verified or removed."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.add_dialog: AddContactDialog | None = None
        self.verify_dialog: VerifyContactDialog | None = None
        self.loaded = False
        self.setWindowTitle(self.tr("Contacts"))
        self.setAcceptDrops(True)
        self._drop = FileDrop(self)
        self._drop.dropped.connect(lambda paths: self.add(paths[0]))
        self.installEventFilter(self._drop)

        intro = plain_label(
            self.tr(
                "The people whose identity cards you have: those you license knowledge to, and "
                "those whose licenses you receive. A contact is verified once you have compared "
                "their fingerprint with them, aloud or on paper."
            )
        )
        self.model = ContactsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Contacts"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)  # a card's name can be 100 characters
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ContactColumn.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (ContactColumn.FINGERPRINT, ContactColumn.VERIFIED, ContactColumn.ADDED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(self._double_clicked)

        self.status = plain_label(self.tr("Reading your contacts…"))
        self.status.setAccessibleName(self.tr("Result"))
        self.empty = plain_label(self.tr("No contacts yet. Add a card with Add…, or drop a card file here."))
        self.empty.hide()
        self.problem = message_label(self, self.tr("Problem"), lines=2)

        self.add_button = QPushButton(self.tr("&Add…"))
        self.verify_button = QPushButton(self.tr("&Verify…"))
        self.remove_button = QPushButton(self.tr("&Remove…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.add_button, self.verify_button, self.remove_button):
            button.setAutoDefault(False)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.add_button.clicked.connect(lambda: self.add(None))
        self.verify_button.clicked.connect(self.verify)
        self.remove_button.clicked.connect(self.remove)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.status)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(760, 420)
        self._update_buttons()
        self.reload()

    # -- the list ---------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        session = self._session
        Op(
            self,
            lambda: Contacts(session.vault().db).everyone(),
            lambda contacts: self._show(contacts, select),
        ).failure(self._failed).run()

    def _show(self, contacts: list[Contact], select: str | None) -> None:
        if not self.loaded:
            self.status.setText("")
        self.loaded = True
        self.model.set_contacts(contacts)
        self.empty.setVisible(not contacts)
        row = None if select is None else self.model.row_of(select)
        if row is not None:
            self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> Contact | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.contact(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        contact = self.selected()
        self.verify_button.setEnabled(contact is not None and not contact.verified)
        self.remove_button.setEnabled(contact is not None)

    def _double_clicked(self, index: QModelIndex) -> None:
        contact = self.model.contact(index.row())
        if contact is not None and not contact.verified:
            self.verify()

    def _say(self, text: str) -> None:
        self.problem.hide()
        self.status.setText(text)

    def _failed(self, failure: Failure) -> None:
        self.problem.setText(failure.message)
        self.problem.show()

    # -- add, verify, remove ------------------------------------------------------------------

    def add(self, path: Path | None) -> None:
        """Open the add dialog; with ``path`` (a card dropped here) it reads that file at once."""
        dialog = AddContactDialog(self._session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.added.connect(self._added)
        self.add_dialog = dialog
        dialog.open()
        if path is not None:
            dialog.load_file(path)

    def _added(self, contact: Contact) -> None:
        if contact.verified:
            self._say(self.tr("{name} is a verified contact.").format(name=contact.name))
        else:
            self._say(
                self.tr(
                    "Added {name}, not verified yet. Compare the fingerprint with them, then choose Verify…"
                ).format(name=contact.name)
            )
        self.reload(select=contact.name)
        self.changed.emit()

    def verify(self) -> None:
        contact = self.selected()
        if contact is None or contact.verified:
            return
        dialog = VerifyContactDialog(self._session, contact, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.verified.connect(self._verified)
        self.verify_dialog = dialog
        dialog.open()

    def _verified(self, contact: Contact) -> None:
        self._say(self.tr("{name} is a verified contact.").format(name=contact.name))
        self.reload(select=contact.name)
        self.changed.emit()

    def remove(self) -> None:
        contact = self.selected()
        if contact is None:
            return
        question = self.tr(
            "Remove {name} from your contacts?\n\n"
            "Fingerprint: {fingerprint}\n\n"
            "Licenses already issued to them keep the keys they were issued to, and licenses "
            "received from them stay as they are. To license to them again, or to trust a new "
            "package from them, you will need their card again.\n\n"
            "If their keys really changed, add their new card afterwards and compare its "
            "fingerprint with them."
        ).format(name=contact.name, fingerprint=contact.fingerprint)
        if not Confirm.ask(self, self.tr("Remove Contact"), question, self.tr("Remove")):
            return
        name, session = contact.name, self._session
        Op(self, lambda: Contacts(session.vault().db).remove(name), self._removed).failure(self._failed).run()

    def _removed(self, contact: Contact) -> None:
        self._say(self.tr("Removed {name}.").format(name=contact.name))
        self.reload()
        self.changed.emit()
