"""The contacts as a table: name, fingerprint, whether it was verified, when it was added.

A name is what its card said: outside text, so it is shown as text (the view
elides it) and its tooltip is escaped. Rows keep the core's order (names
alike whatever their case or spacing sit together).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFontDatabase

from knowhold.ui.i18n import QT_TRANSLATE_NOOP
from knowhold.ui.licensing.time_words import date_text
from knowhold.ui.plain_text import tooltip
from knowhold.vault.licensing.identity import Contact

AnyIndex = QModelIndex | QPersistentModelIndex


class ContactColumn(IntEnum):
    NAME = 0
    FINGERPRINT = 1
    VERIFIED = 2
    ADDED = 3


_HEADERS = (
    QT_TRANSLATE_NOOP("ContactsModel", "Name"),
    QT_TRANSLATE_NOOP("ContactsModel", "Fingerprint"),
    QT_TRANSLATE_NOOP("ContactsModel", "Verified"),
    QT_TRANSLATE_NOOP("ContactsModel", "Added"),
)


def verified_text(contact: Contact) -> str:
    if contact.verified:
        return QCoreApplication.translate("ContactsModel", "Verified")
    return QCoreApplication.translate("ContactsModel", "Not verified")


class ContactsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._contacts: list[Contact] = []

    def set_contacts(self, contacts: Sequence[Contact]) -> None:
        self.beginResetModel()
        self._contacts = list(contacts)
        self.endResetModel()

    def contact(self, row: int) -> Contact | None:
        return self._contacts[row] if 0 <= row < len(self._contacts) else None

    def row_of(self, name: str) -> int | None:
        return next((row for row, c in enumerate(self._contacts) if c.name == name), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._contacts)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ContactColumn)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._contacts):
            return None
        contact = self._contacts[index.row()]
        column = ContactColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = {
                ContactColumn.NAME: lambda: contact.name,
                ContactColumn.FINGERPRINT: lambda: contact.fingerprint,
                ContactColumn.VERIFIED: lambda: verified_text(contact),
                ContactColumn.ADDED: lambda: date_text(contact.added_at),
            }[column]()
            return text if role == Qt.ItemDataRole.DisplayRole else tooltip(text)
        if role == Qt.ItemDataRole.FontRole and column == ContactColumn.FINGERPRINT:
            return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(_HEADERS)
        if horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("ContactsModel", _HEADERS[section])
        return None
