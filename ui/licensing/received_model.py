"""The received library as a table: licensor, end with a countdown, status, uses, pay, entries.

A license's names and terms came from its licensor: each cell is shown as
text and its tooltip is escaped. Countdowns are counted from the vault's own
time when the list was read (``ReceivedList.now``), the time the core judged
the licenses at, so "ends in 2 days" and the status beside it always agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from knowhold.ui.i18n import QT_TRANSLATE_NOOP
from knowhold.ui.labels import kind_label
from knowhold.ui.licensing.time_words import countdown, date_text, duration_text
from knowhold.ui.models.entry_list import format_time
from knowhold.ui.plain_text import tooltip
from knowhold.vault.licensing.enforcement import REVOKED
from knowhold.vault.licensing.manifest import ManifestEntry
from knowhold.vault.licensing.received import STATUSES, ReceivedRecord
from knowhold.vault.licensing.terms import PERMISSIONS, Compensation, Terms

AnyIndex = QModelIndex | QPersistentModelIndex

LICENSE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 3

ENDED = frozenset({"expired", "revoked", "destroyed"})


class ReceivedColumn(IntEnum):
    LICENSOR = 0
    ENDS = 1
    STATUS = 2
    USES = 3
    COMPENSATION = 4
    ENTRIES = 5


_HEADERS = (
    QT_TRANSLATE_NOOP("ReceivedModel", "Licensor"),
    QT_TRANSLATE_NOOP("ReceivedModel", "Ends"),
    QT_TRANSLATE_NOOP("ReceivedModel", "Status"),
    QT_TRANSLATE_NOOP("ReceivedModel", "Permitted uses"),
    QT_TRANSLATE_NOOP("ReceivedModel", "Compensation"),
    QT_TRANSLATE_NOOP("ReceivedModel", "Entries"),
)

# The core's statuses (received.STATUSES) in words.
STATUS_LABELS: dict[str, str] = {
    "active": QT_TRANSLATE_NOOP("ReceivedModel", "Active"),
    "locked": QT_TRANSLATE_NOOP("ReceivedModel", "Locked"),
    "not-yet-valid": QT_TRANSLATE_NOOP("ReceivedModel", "Not yet valid"),
    "expired": QT_TRANSLATE_NOOP("ReceivedModel", "Expired"),
    "revoked": QT_TRANSLATE_NOOP("ReceivedModel", "Revoked"),
    "destroyed": QT_TRANSLATE_NOOP("ReceivedModel", "Destroyed"),
}

# Each permission beyond reading, in a word or two (the terms view says each in full).
USE_LABELS: dict[str, str] = {
    "view": QT_TRANSLATE_NOOP("ReceivedModel", "read"),
    "copy-excerpts": QT_TRANSLATE_NOOP("ReceivedModel", "copy excerpts"),
    "ai-retrieval": QT_TRANSLATE_NOOP("ReceivedModel", "AI look-up"),
    "ai-training": QT_TRANSLATE_NOOP("ReceivedModel", "AI training"),
    "redistribute": QT_TRANSLATE_NOOP("ReceivedModel", "pass on"),
}


@dataclass(frozen=True, slots=True)
class ReceivedList:
    """The library as the worker read it, and the vault's time it was judged at."""

    records: tuple[ReceivedRecord, ...]
    now: int


def status_label(status: str) -> str:
    label = STATUS_LABELS.get(status)
    return status if label is None else QCoreApplication.translate("ReceivedModel", label)


def uses_text(terms: Terms) -> str:
    """The permitted uses in short words, in the format's order: "read, AI look-up"."""
    # The separator is translated too: Chinese lists with 、, not a comma and a space.
    separator = QCoreApplication.translate("ReceivedModel", ", ", "between the items of a list")
    return separator.join(
        QCoreApplication.translate("ReceivedModel", USE_LABELS[p]) for p in PERMISSIONS if p in terms.allowed
    )


def compensation_text(pay: Compensation) -> str:
    """The fee exactly as signed, with its currency and period; "unpaid" without one."""
    if pay.amount is None:
        return QCoreApplication.translate("ReceivedModel", "unpaid")
    fields = {"amount": pay.amount, "currency": pay.currency or ""}
    if pay.period == "month":
        return QCoreApplication.translate("ReceivedModel", "{amount} {currency} per month").format(**fields)
    if pay.period == "year":
        return QCoreApplication.translate("ReceivedModel", "{amount} {currency} per year").format(**fields)
    return QCoreApplication.translate("ReceivedModel", "{amount} {currency} once").format(**fields)


def ended_at(record: ReceivedRecord) -> int:
    """When the license stopped being usable: its content's destruction, or its end."""
    if record.destroyed_at is not None:
        return min(record.destroyed_at, record.expires_at)
    return record.expires_at


def ends_text(record: ReceivedRecord, now: int) -> str:
    ended = record.status in ENDED
    end = ended_at(record) if ended else record.expires_at
    return QCoreApplication.translate("ReceivedModel", "{date} ({countdown})").format(
        date=date_text(end), countdown=countdown(end, now, ended=ended)
    )


def state_sentence(record: ReceivedRecord) -> str:
    """Why the license's content cannot be read, and what would change that; "" while it can."""
    licensor = record.licensor.name
    revocation = record.manifest.revocation
    if record.destroyed_at is not None:
        return destroyed_sentence(record)
    if record.status == "locked":
        locked = QCoreApplication.translate(
            "ReceivedModel",
            "Locked: the terms ask for a status document from {licensor} no older than {age}, and the "
            "newest this vault holds is older. The content stays locked until a fresh one arrives.",
        ).format(licensor=licensor, age=duration_text(revocation.max_status_age or 0))
        if revocation.status_url:
            how = QCoreApplication.translate(
                "ReceivedModel",
                "Refresh Status fetches one from {url}, or load a status file {licensor} sent you.",
            ).format(url=revocation.status_url, licensor=licensor)
        else:
            how = QCoreApplication.translate(
                "ReceivedModel", "Ask {licensor} to send you a status file, then load it here."
            ).format(licensor=licensor)
        return f"{locked} {how}"
    if record.status == "not-yet-valid":
        return QCoreApplication.translate(
            "ReceivedModel",
            "Not yet valid: this license starts on {start}. Its content stays locked until then.",
        ).format(start=format_time(record.manifest.not_before))
    if record.status == "expired":
        return QCoreApplication.translate("ReceivedModel", "This license ended on {end}.").format(
            end=format_time(record.expires_at)
        )
    if record.status == REVOKED:
        return QCoreApplication.translate("ReceivedModel", "{licensor} revoked this license.").format(
            licensor=licensor
        )
    return ""


def destroyed_sentence(record: ReceivedRecord) -> str:
    """When the content was destroyed, and why (the license ended, or its licensor revoked it)."""
    fields = {
        "date": format_time(record.destroyed_at or 0),
        "licensor": record.licensor.name,
        "end": format_time(record.expires_at),
    }
    reason = record.destroyed_reason or ""
    if not reason.startswith(REVOKED):
        return QCoreApplication.translate(
            "ReceivedModel", "The content was destroyed on {date}: the license ended on {end}."
        ).format(**fields)
    why = reason[len(REVOKED) :].removeprefix(":").strip()  # the licensor's reason, as they wrote it
    if not why:
        return QCoreApplication.translate(
            "ReceivedModel", "The content was destroyed on {date}: {licensor} revoked the license."
        ).format(**fields)
    return QCoreApplication.translate(
        "ReceivedModel", "The content was destroyed on {date}: {licensor} revoked the license ({reason})."
    ).format(reason=why, **fields)


class LicensedEntriesModel(QAbstractListModel):
    """One license's entries as its manifest lists them: titles, never content."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: tuple[ManifestEntry, ...] = ()

    def set_entries(self, entries: tuple[ManifestEntry, ...]) -> None:
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(f"{entry.title}\n{kind_label(entry.kind)}")
        if role == ENTRY_ID_ROLE:
            return entry.id
        return None


class ReceivedModel(QAbstractTableModel):
    """The licenses of one listing; ``set_list`` replaces them all at once."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[ReceivedRecord] = []
        self.now = 0

    def set_list(self, listing: ReceivedList) -> None:
        self.beginResetModel()
        self._records = list(listing.records)
        self.now = listing.now
        self.endResetModel()

    def clear(self) -> None:
        self.set_list(ReceivedList((), 0))

    def record(self, row: int) -> ReceivedRecord:
        return self._records[row]

    def row_of(self, license_id: str) -> int | None:
        for row, record in enumerate(self._records):
            if record.license_id == license_id:
                return row
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ReceivedColumn)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._records):
            return None
        record = self._records[index.row()]
        column = ReceivedColumn(index.column())
        if role == LICENSE_ID_ROLE:
            return record.license_id
        if role == SORT_ROLE:
            return self._sort_key(record, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(record, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self._tooltip(record, column))
        return None

    def _text(self, record: ReceivedRecord, column: ReceivedColumn) -> str:
        terms = record.manifest.terms
        texts: dict[ReceivedColumn, Callable[[], str]] = {
            ReceivedColumn.LICENSOR: lambda: record.licensor.name,
            ReceivedColumn.ENDS: lambda: ends_text(record, self.now),
            ReceivedColumn.STATUS: lambda: status_label(record.status),
            ReceivedColumn.USES: lambda: uses_text(terms),
            ReceivedColumn.COMPENSATION: lambda: compensation_text(terms.compensation),
            ReceivedColumn.ENTRIES: lambda: str(len(record.manifest.entries)),
        }
        return texts[column]()

    def _tooltip(self, record: ReceivedRecord, column: ReceivedColumn) -> str:
        if column == ReceivedColumn.LICENSOR:
            return QCoreApplication.translate("ReceivedModel", "{name}\nFingerprint {fingerprint}").format(
                name=record.licensor.name, fingerprint=record.licensor.fingerprint
            )
        if column == ReceivedColumn.STATUS and record.status_detail:
            return record.status_detail  # the core's few words on why (English)
        if column == ReceivedColumn.COMPENSATION and record.manifest.terms.compensation.note:
            return record.manifest.terms.compensation.note
        return self._text(record, column)

    @staticmethod
    def _sort_key(record: ReceivedRecord, column: ReceivedColumn) -> object:
        terms = record.manifest.terms
        keys: dict[ReceivedColumn, Callable[[], object]] = {
            ReceivedColumn.LICENSOR: lambda: record.licensor.name.casefold(),
            ReceivedColumn.ENDS: lambda: record.expires_at,
            ReceivedColumn.STATUS: lambda: STATUSES.index(record.status) if record.status in STATUSES else -1,
            ReceivedColumn.USES: lambda: len(terms.allowed),
            ReceivedColumn.COMPENSATION: lambda: compensation_text(terms.compensation),
            ReceivedColumn.ENTRIES: lambda: len(record.manifest.entries),
        }
        return keys[column]()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(_HEADERS)
        if horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("ReceivedModel", _HEADERS[section])
        return None
