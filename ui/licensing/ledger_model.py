"""The ledger as tables: a row per license, the totals, and one license's entries.

The lines arrive whole from the worker (``vault.licensing.ledger_summary``),
a thousand in a few milliseconds once the manifests are remembered, so the
table sorts the loaded lines itself: one Python sort of a thousand keys,
far quicker than a proxy model comparing variants. Until a header is
clicked the order is the ledger's, newest first.

The countdown and the status depend on the time: the model is given the
vault's time as the worker read it, and ``set_now`` moves it on.
Licensee names and titles came from others (contact cards, the worker's
own entries): they are shown as text, their tooltips escaped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from knowhold.ui.i18n import QT_TRANSLATE_NOOP
from knowhold.ui.licensing.time_words import DAY, countdown, date_text
from knowhold.ui.models.entry_list import format_time
from knowhold.ui.plain_text import tooltip
from knowhold.vault.licensing.ledger import (
    ACCEPTED,
    ACTIVE,
    EXPIRED,
    REVOKED,
    STATUSES,
    CarriedRef,
    LicensedRef,
)
from knowhold.vault.licensing.ledger_summary import Amount, LedgerLine, Signed

AnyIndex = QModelIndex | QPersistentModelIndex
LICENSE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class LedgerColumn(IntEnum):
    LICENSEE = 0
    ENTRIES = 1
    ENDS = 2
    STATUS = 3
    COMPENSATION = 4


_HEADERS = (
    QT_TRANSLATE_NOOP("LedgerModel", "Licensee"),
    QT_TRANSLATE_NOOP("LedgerModel", "Entries"),
    QT_TRANSLATE_NOOP("LedgerModel", "Ends"),
    QT_TRANSLATE_NOOP("LedgerModel", "Status"),
    QT_TRANSLATE_NOOP("LedgerModel", "Compensation"),
)

_STATUS_LABELS = {
    ACTIVE: QT_TRANSLATE_NOOP("LedgerModel", "Active"),
    ACCEPTED: QT_TRANSLATE_NOOP("LedgerModel", "Accepted"),
    EXPIRED: QT_TRANSLATE_NOOP("LedgerModel", "Expired"),
    REVOKED: QT_TRANSLATE_NOOP("LedgerModel", "Revoked"),
}


def status_label(status: str) -> str:
    """The status in words; one this version does not know is shown as the core named it."""
    label = _STATUS_LABELS.get(status)
    return status if label is None else QCoreApplication.translate("LedgerModel", label)


def pay_text(signed: Signed) -> str:
    """The compensation in a few words: the exact amount as signed, its currency and period."""
    if signed.amount is None:
        return QCoreApplication.translate("LedgerModel", "Unpaid")
    fields = {"amount": str(signed.amount), "currency": signed.currency or ""}
    if signed.period == "month":
        return QCoreApplication.translate("LedgerModel", "{amount} {currency} per month").format(**fields)
    if signed.period == "year":
        return QCoreApplication.translate("LedgerModel", "{amount} {currency} per year").format(**fields)
    return QCoreApplication.translate("LedgerModel", "{amount} {currency} once").format(**fields)


def amounts_text(amounts: Sequence[Amount]) -> str:
    """Sums in several currencies side by side, never added together."""
    return ", ".join(amount.text for amount in amounts) if amounts else "—"


def month_text(year: int, month: int) -> str:
    # The pattern is translated: "MMMM yyyy" in English, "yyyy年M月" in Chinese.
    return QLocale().toString(QDate(year, month, 1), QCoreApplication.translate("LedgerModel", "MMMM yyyy"))


def widest_texts() -> dict[LedgerColumn, tuple[str, ...]]:
    """Texts as wide as a column usually needs: the table sizes its columns from these, not by
    asking every row (a thousand rows, five roles each, for every resize)."""
    now = 1_798_761_599  # 31 December 2026: a day and a month of two digits
    late = now + 999 * DAY
    return {
        LedgerColumn.ENTRIES: (
            QCoreApplication.translate("LedgerModel", _HEADERS[LedgerColumn.ENTRIES]),
            QLocale().toString(100_000),
        ),
        LedgerColumn.ENDS: tuple(
            QCoreApplication.translate("LedgerModel", "{date} ({countdown})").format(
                date=date_text(late), countdown=countdown(end, now)
            )
            for end in (late, now - 999 * DAY)
        ),
        LedgerColumn.STATUS: tuple(status_label(status) for status in STATUSES),
        LedgerColumn.COMPENSATION: (
            pay_text(Signed(1, Decimal("99999.00"), "EUR", "month", None, None)),
            pay_text(Signed(1, Decimal("99999.00"), "EUR", "year", None, None)),
        ),
    }


class LedgerModel(QAbstractTableModel):
    """Every license the vault issued, one row each."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loaded: list[LedgerLine] = []  # the ledger's order, newest first
        self._lines: list[LedgerLine] = []  # as shown
        self._now = 0
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._overdue: frozenset[str] = frozenset()  # licenses whose monthly usage report is late

    @property
    def now(self) -> int:
        return self._now

    def set_lines(self, lines: Sequence[LedgerLine], now: int, overdue: frozenset[str] = frozenset()) -> None:
        """``overdue``: the licenses whose terms ask for a usage report each month and one is late."""
        self.beginResetModel()
        self._loaded = list(lines)
        self._now = now
        self._overdue = overdue
        self._lines = self._sorted()
        self.endResetModel()

    def set_now(self, now: int) -> None:
        """Move the countdowns and statuses on to ``now``."""
        if now == self._now:
            return
        self._now = now
        if self._lines:
            self.dataChanged.emit(
                self.index(0, LedgerColumn.ENDS), self.index(len(self._lines) - 1, LedgerColumn.STATUS)
            )

    def line(self, row: int) -> LedgerLine:
        return self._lines[row]

    def row_of(self, license_id: str) -> int | None:
        return next((row for row, line in enumerate(self._lines) if line.license_id == license_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(LedgerColumn)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._lines):
            return None
        line = self._lines[index.row()]
        column = LedgerColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(self._tip(line, column))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == LedgerColumn.ENTRIES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == LICENSE_ID_ROLE:
            return line.license_id
        return None

    def _text(self, line: LedgerLine, column: LedgerColumn) -> str:
        if column == LedgerColumn.LICENSEE:
            return line.licensee
        if column == LedgerColumn.ENTRIES:
            return QLocale().toString(line.signed.entries)
        if column == LedgerColumn.ENDS:
            if line.revoked_at is not None:  # a countdown to an end that no longer comes
                return date_text(line.expires_at)
            return QCoreApplication.translate("LedgerModel", "{date} ({countdown})").format(
                date=date_text(line.expires_at), countdown=countdown(line.expires_at, self._now)
            )
        if column == LedgerColumn.STATUS:
            status = status_label(line.status(self._now))
            if line.license_id in self._overdue:
                return QCoreApplication.translate("LedgerModel", "{status}, report overdue").format(
                    status=status
                )
            return status
        return pay_text(line.signed)

    def _tip(self, line: LedgerLine, column: LedgerColumn) -> str:
        if column == LedgerColumn.ENDS:
            return format_time(line.expires_at)
        if column == LedgerColumn.STATUS and line.license_id in self._overdue:
            return self.tr("The terms ask for a usage report each month, and the licensee's is late.")
        if column == LedgerColumn.STATUS and line.revoked_at is not None:
            return QCoreApplication.translate("LedgerModel", "Revoked on {time}").format(
                time=format_time(line.revoked_at)
            )
        if column == LedgerColumn.STATUS and line.signed.status_url is None and line.in_force(self._now):
            return self.tr(
                "No status address: revoking reaches the licensee only when you send them your "
                "status file, or at the end date."
            )
        return self._text(line, column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(_HEADERS)
        if horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("LedgerModel", _HEADERS[section])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the loaded lines by a column; -1 goes back to the ledger's order."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._lines[index.row()].license_id for index in before]
        self._lines = self._sorted()
        rows = {line.license_id: row for row, line in enumerate(self._lines)}
        self.changePersistentIndexList(
            before,
            [
                self.index(rows[license_id], index.column())
                for license_id, index in zip(ids, before, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def _sorted(self) -> list[LedgerLine]:
        column, order = self._sort
        if not 0 <= column < len(LedgerColumn):
            return list(self._loaded)
        now = self._now
        # Keys of mixed types, each column's own comparable.
        keys: dict[LedgerColumn, Callable[[LedgerLine], Any]] = {
            LedgerColumn.LICENSEE: lambda line: (line.licensee.casefold(), line.licensee),
            LedgerColumn.ENTRIES: lambda line: line.signed.entries,
            LedgerColumn.ENDS: lambda line: line.expires_at,
            LedgerColumn.STATUS: lambda line: STATUSES.index(line.status(now)),
            LedgerColumn.COMPENSATION: lambda line: (
                line.signed.currency or "",
                line.signed.amount or 0,
                line.signed.period or "",
            ),
        }
        descending = order == Qt.SortOrder.DescendingOrder
        return sorted(self._loaded, key=keys[LedgerColumn(column)], reverse=descending)

    def clear(self) -> None:
        self.set_lines([], 0)


@dataclass(frozen=True, slots=True)
class TotalsRow:
    cells: tuple[str, ...]
    upcoming: bool = False  # a month still to come: what is due if nothing changes


class TotalsModel(QAbstractTableModel):
    """A small read-only table of totals: its headers given, its rows already in words."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._rows: list[TotalsRow] = []

    def set_rows(self, rows: Sequence[TotalsRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            text = row.cells[index.column()]
            if row.upcoming:
                text += "\n" + QCoreApplication.translate(
                    "LedgerModel", "Still to come: due if nothing changes."
                )
            return tooltip(text)
        if role == Qt.ItemDataRole.FontRole and row.upcoming:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers)
        if horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


class LicensedEntriesModel(QAbstractTableModel):
    """A license's entries as they were licensed: title, version, id and the files that went
    with each (names and sizes from the signed manifest; neither text nor bytes are kept)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: tuple[LicensedRef, ...] = ()
        self._files: dict[str, list[CarriedRef]] = {}

    def set_entries(self, entries: Sequence[LicensedRef], files: Sequence[CarriedRef] = ()) -> None:
        self.beginResetModel()
        self._entries = tuple(entries)
        self._files = {}
        for carried in files:
            self._files.setdefault(carried.entry_id, []).append(carried)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._entries):
            return None
        entry = self._entries[index.row()]
        files = self._files.get(entry.id, [])
        if index.column() == 3:
            text = ", ".join(f.name for f in files)
            # Each file's size and the start of its hash: what the worker can match against a copy.
            tip = "\n".join(
                f"{f.name}  {QLocale().formattedDataSize(f.size)}  SHA-256 {f.sha256[:16]}…" for f in files
            )
        else:
            text = tip = (entry.title, QLocale().toString(entry.version), entry.id)[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(tip) if tip else None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < 4
        ):
            return (
                QCoreApplication.translate("LedgerModel", "Title"),
                QCoreApplication.translate("LedgerModel", "Version"),
                QCoreApplication.translate("LedgerModel", "Id"),
                QCoreApplication.translate("LedgerModel", "Attachments"),
            )[section]
        return None
