"""The sidebar: All entries, the Trash, the licenses, one row per kind and the tags, with counts.

A flat list whose rows each carry an ``EntryFilter`` (what the entry list
shows) or a ``Place`` (a view that replaces the list and the editor: the
ledger of licenses issued, the library of licenses received); the section
headings ("Licenses", "Kinds", "Tags") are rows that cannot be selected. New counts
after a save change only the counts in place (``dataChanged``), so the
selection and scroll position stay; only a tag appearing or disappearing
resets the model.

A tag's row is its key (the lower case the core matches by): its filter is
``EntryFilter(tag=key)``, and the spelling most entries use is only its label.
When a save changes which spelling that is (#ClientX on three entries and
#clientx on two, then one more retagged #clientx), the row stays the same
row, relabelled in place; were the spelling the filter, the row would be new
and the selection on it lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from knowhold.ui.labels import kind_label
from knowhold.ui.plain_text import tooltip
from knowhold.ui.session import ALL_ENTRIES, TRASH, EntryFilter, Overview
from knowhold.vault.knowledge.entries import tag_key

FILTER_ROLE = Qt.ItemDataRole.UserRole + 1
COUNT_ROLE = Qt.ItemDataRole.UserRole + 2
HEADING_ROLE = Qt.ItemDataRole.UserRole + 3
PLACE_ROLE = Qt.ItemDataRole.UserRole + 4
TAG_ROLE = Qt.ItemDataRole.UserRole + 5  # a tag row's spelling, as most entries write it

AnyIndex = QModelIndex | QPersistentModelIndex


class RowKind(Enum):
    HEADING = "heading"
    FILTER = "filter"
    PLACE = "place"


class Place(Enum):
    """A view of its own, shown instead of the entry list and the editor."""

    ISSUED = "issued"  # the worker's ledger: licenses this vault issued
    RECEIVED = "received"  # the employer's library: licenses this vault received


@dataclass(frozen=True, slots=True)
class SidebarRow:
    kind: RowKind
    label: str
    count: int = 0
    filter: EntryFilter | None = None
    place: Place | None = None
    tag: str | None = None  # a tag row's spelling (its filter holds the key)

    @property
    def target(self) -> EntryFilter | Place | None:
        return self.filter if self.place is None else self.place


def build_rows(overview: Overview) -> list[SidebarRow]:
    # The Trash sits at the top with All entries, where a long list of tags cannot bury it.
    translate = QCoreApplication.translate  # lupdate reads the literal calls below
    rows = [
        SidebarRow(RowKind.FILTER, translate("SidebarModel", "All entries"), overview.total, ALL_ENTRIES),
        SidebarRow(RowKind.FILTER, translate("SidebarModel", "Trash"), overview.trash, TRASH),
        # Licensing sits high too: it is what the vault is for, and both users need it found.
        SidebarRow(RowKind.HEADING, translate("SidebarModel", "Licenses")),
        SidebarRow(RowKind.PLACE, translate("SidebarModel", "Issued"), overview.issued, place=Place.ISSUED),
        SidebarRow(
            RowKind.PLACE, translate("SidebarModel", "Received"), overview.received, place=Place.RECEIVED
        ),
        SidebarRow(RowKind.HEADING, translate("SidebarModel", "Kinds")),
    ]
    rows += [
        SidebarRow(RowKind.FILTER, kind_label(kind), count, EntryFilter(kind=kind))
        for kind, count in overview.kinds
    ]
    if overview.tags:
        rows.append(SidebarRow(RowKind.HEADING, translate("SidebarModel", "Tags")))
        # A listed spelling is already clean: its key needs no cleaning again.
        rows += [
            SidebarRow(RowKind.FILTER, f"#{tag}", count, EntryFilter(tag=tag_key(tag)), tag=tag)
            for tag, count in overview.tags
        ]
    return rows


class SidebarModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SidebarRow] = []
        # Each tag's spelling as its row last showed it: a filter whose last entry has
        # just left (trashed, retagged) still names its tag as the worker wrote it.
        self._spellings: dict[str, str] = {}

    def set_overview(self, overview: Overview) -> None:
        rows = build_rows(overview)
        self._spellings.update(
            (row.filter.tag, row.tag) for row in rows if row.filter is not None and row.filter.tag and row.tag
        )
        if [r.target for r in rows] == [r.target for r in self._rows]:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._spellings.clear()
        self.endResetModel()

    def spelling(self, tag_key: str) -> str:
        """The tag whose key is ``tag_key`` as its row spells it, or spelled it last; else the key."""
        return self._spellings.get(tag_key, tag_key)

    def row_of(self, wanted: EntryFilter | Place) -> int | None:
        for row, item in enumerate(self._rows):
            if item.target == wanted:
                return row
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid() or index.row() >= len(self._rows):
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].kind is RowKind.HEADING:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        heading = row.kind is RowKind.HEADING
        if role == Qt.ItemDataRole.DisplayRole:
            return row.label
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if heading:
                return row.label
            if row.place is not None:
                return self.tr("{name}, %n licenses", "", row.count).format(name=row.label)
            return self.tr("{name}, %n entries", "", row.count).format(name=row.label)
        if role == Qt.ItemDataRole.ToolTipRole and row.filter is not None and row.filter.tag:
            return tooltip(row.label)
        if role == Qt.ItemDataRole.ToolTipRole and row.place is Place.ISSUED:
            return self.tr("Licenses you gave: who has which entries, until when, for what pay.")
        if role == Qt.ItemDataRole.ToolTipRole and row.place is Place.RECEIVED:
            return self.tr("Licenses you received: open a package, read what it licenses, accept its terms.")
        if role == FILTER_ROLE:
            return row.filter
        if role == PLACE_ROLE:
            return row.place
        if role == TAG_ROLE:
            return row.tag
        if role == COUNT_ROLE:
            return None if heading else row.count
        if role == HEADING_ROLE:
            return heading
        return None
