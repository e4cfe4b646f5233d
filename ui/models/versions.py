"""An entry's saved versions, newest first, for the history dialog."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from knowhold.ui.models.entry_list import format_time
from knowhold.ui.plain_text import tooltip
from knowhold.vault.knowledge.entries import VersionInfo

VERSION_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex


class VersionListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._versions: list[VersionInfo] = []

    def set_versions(self, versions: Sequence[VersionInfo]) -> None:
        self.beginResetModel()
        self._versions = sorted(versions, key=lambda v: v.version, reverse=True)
        self.endResetModel()

    @property
    def current(self) -> int | None:
        """The newest version: the entry as it is now."""
        return self._versions[0].version if self._versions else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._versions)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._versions):
            return None
        info = self._versions[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            current = index.row() == 0
            name = self.tr("Version {number} (current)") if current else self.tr("Version {number}")
            return name.format(number=info.version) + "\n" + format_time(info.saved_at)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(info.title)
        if role == VERSION_ROLE:
            return info.version
        return None
