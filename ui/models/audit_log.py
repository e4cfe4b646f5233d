"""The audit log as a table: time, event, license and details, oldest first.

Every value here was written by the vault's own licensing code, but a detail
can quote what came from outside (a revocation reason, a file path, a
licensor's words): it is shown as text, and its tooltip is escaped.
"""

from __future__ import annotations

import json
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

from knowhold.ui.i18n import QT_TRANSLATE_NOOP
from knowhold.ui.models.entry_list import format_time
from knowhold.ui.plain_text import tooltip
from knowhold.vault.licensing.audit import AuditEvent

AnyIndex = QModelIndex | QPersistentModelIndex


class AuditColumn(IntEnum):
    TIME = 0
    EVENT = 1
    LICENSE = 2
    DETAILS = 3


_HEADERS = (
    QT_TRANSLATE_NOOP("AuditLogModel", "Time"),
    QT_TRANSLATE_NOOP("AuditLogModel", "Event"),
    QT_TRANSLATE_NOOP("AuditLogModel", "License"),
    QT_TRANSLATE_NOOP("AuditLogModel", "Details"),
)

# The events the licensing code records, in words; an unknown one is shown as recorded.
EVENT_LABELS: dict[str, str] = {
    "issued": QT_TRANSLATE_NOOP("AuditLogModel", "License issued"),
    "revoked": QT_TRANSLATE_NOOP("AuditLogModel", "License revoked"),
    "renewed": QT_TRANSLATE_NOOP("AuditLogModel", "License renewed"),
    "status-published": QT_TRANSLATE_NOOP("AuditLogModel", "Status published"),
    "receipt-imported": QT_TRANSLATE_NOOP("AuditLogModel", "Receipt imported"),
    "ingested": QT_TRANSLATE_NOOP("AuditLogModel", "License received"),
    "viewed": QT_TRANSLATE_NOOP("AuditLogModel", "Entries read"),
    "accepted": QT_TRANSLATE_NOOP("AuditLogModel", "Terms accepted"),
    "exported": QT_TRANSLATE_NOOP("AuditLogModel", "Exported as a skill"),
    "destroyed": QT_TRANSLATE_NOOP("AuditLogModel", "Content destroyed"),
    "refreshed": QT_TRANSLATE_NOOP("AuditLogModel", "Status refreshed"),
    "agent-call": QT_TRANSLATE_NOOP("AuditLogModel", "AI agent call"),
    "usage-reported": QT_TRANSLATE_NOOP("AuditLogModel", "Usage report made"),
    "usage-imported": QT_TRANSLATE_NOOP("AuditLogModel", "Usage report imported"),
}


def event_label(event: str) -> str:
    label = EVENT_LABELS.get(event)
    return event if label is None else QCoreApplication.translate("AuditLogModel", label)


# The details the licensing code records, in words; an unknown key is shown as recorded.
DETAIL_LABELS: dict[str, str] = {
    "licensee": QT_TRANSLATE_NOOP("AuditLogModel", "licensee"),
    "licensor": QT_TRANSLATE_NOOP("AuditLogModel", "licensor"),
    "fingerprint": QT_TRANSLATE_NOOP("AuditLogModel", "fingerprint"),
    "entries": QT_TRANSLATE_NOOP("AuditLogModel", "entries"),
    "expires_at": QT_TRANSLATE_NOOP("AuditLogModel", "ends"),
    "previous_expires_at": QT_TRANSLATE_NOOP("AuditLogModel", "ended before"),
    "accepted_at": QT_TRANSLATE_NOOP("AuditLogModel", "accepted"),
    "next_update": QT_TRANSLATE_NOOP("AuditLogModel", "next update"),
    "reason": QT_TRANSLATE_NOOP("AuditLogModel", "reason"),
    "sequence": QT_TRANSLATE_NOOP("AuditLogModel", "number"),
    "revoked": QT_TRANSLATE_NOOP("AuditLogModel", "revoked"),
    "renewed": QT_TRANSLATE_NOOP("AuditLogModel", "renewed"),
    "changes": QT_TRANSLATE_NOOP("AuditLogModel", "changes"),
    "purpose": QT_TRANSLATE_NOOP("AuditLogModel", "purpose"),
    "out": QT_TRANSLATE_NOOP("AuditLogModel", "file"),
    "path": QT_TRANSLATE_NOOP("AuditLogModel", "file"),
    "skill": QT_TRANSLATE_NOOP("AuditLogModel", "skill"),
    "manifest_hash": QT_TRANSLATE_NOOP("AuditLogModel", "manifest hash"),
    # An AI agent's call through knowhold mcp (vault.agents): which tool, how, and what it was given.
    "tool": QT_TRANSLATE_NOOP("AuditLogModel", "tool"),
    "via": QT_TRANSLATE_NOOP("AuditLogModel", "through"),
    "query": QT_TRANSLATE_NOOP("AuditLogModel", "query"),
    "licenses": QT_TRANSLATE_NOOP("AuditLogModel", "licenses"),
    "refused": QT_TRANSLATE_NOOP("AuditLogModel", "refused with exit code"),
}
# Recorded as seconds since 1970: shown as the local date and time.
_TIMES = frozenset({"expires_at", "previous_expires_at", "accepted_at", "next_update"})


def details_text(detail: dict[str, object]) -> str:
    """``name: value`` pairs on one line; times as local times, lists and objects as compact JSON."""
    parts = []
    for key in sorted(detail):
        value = detail[key]
        if key in _TIMES and type(value) is int:
            shown = format_time(value)
        else:
            shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        label = DETAIL_LABELS.get(key)
        name = key if label is None else QCoreApplication.translate("AuditLogModel", label)
        parts.append(f"{name}: {shown}")
    return "; ".join(parts)


def _text(event: AuditEvent, column: AuditColumn) -> str:
    if column == AuditColumn.TIME:
        return format_time(event.time)
    if column == AuditColumn.EVENT:
        return event_label(event.event)
    if column == AuditColumn.LICENSE:
        return event.license_id or ""
    return details_text(event.detail)


class AuditLogModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._events: list[AuditEvent] = []

    def set_events(self, events: Sequence[AuditEvent]) -> None:
        self.beginResetModel()
        self._events = sorted(events, key=lambda e: e.seq)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(AuditColumn)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._events):
            return None
        event = self._events[index.row()]
        column = AuditColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = _text(event, column)
            return text if role == Qt.ItemDataRole.DisplayRole else tooltip(text)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(_HEADERS)
        if horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("AuditLogModel", _HEADERS[section])
        return None
