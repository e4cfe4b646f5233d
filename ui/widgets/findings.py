"""A quiet marker for sensitive data the scanner finds in an entry.

Hidden when there is nothing; otherwise a small amber dot and a count in
the entry pane. Clicking it lists the findings, each masked (the list may
be read over a shoulder), and choosing one selects it in the editor. The
worker sees what licensing would stop on long before any license.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from knowhold.ui.i18n import QT_TRANSLATE_NOOP
from knowhold.vault.knowledge.scanner import FieldFinding

_KINDS: dict[str, str] = {
    "email": QT_TRANSLATE_NOOP("findings", "E-mail address"),
    "phone": QT_TRANSLATE_NOOP("findings", "Phone number"),
    "cn-id": QT_TRANSLATE_NOOP("findings", "Resident ID number"),
    "card": QT_TRANSLATE_NOOP("findings", "Payment card number"),
    "ipv4": QT_TRANSLATE_NOOP("findings", "IP address"),
    "secret": QT_TRANSLATE_NOOP("findings", "Key, token or password"),
}
_FIELDS: dict[str, str] = {
    "title": QT_TRANSLATE_NOOP("findings", "title"),
    "body": QT_TRANSLATE_NOOP("findings", "text"),
    "tags": QT_TRANSLATE_NOOP("findings", "tags"),
    "origin": QT_TRANSLATE_NOOP("findings", "origin"),
}
_AMBER = QColor("#d08a16")


def kind_name(kind: str) -> str:
    """A finding's kind in words ("E-mail address"); an unknown kind as the scanner names it."""
    label = _KINDS.get(kind)
    return kind if label is None else QCoreApplication.translate("findings", label)


def finding_label(found: FieldFinding) -> str:
    field = _FIELDS.get(found.field, found.field)
    return QCoreApplication.translate("findings", "{kind} in the {field}: {masked}").format(
        kind=kind_name(found.finding.kind),
        field=QCoreApplication.translate("findings", field),
        masked=found.finding.masked(),
    )


def _dot_icon() -> QIcon:
    icon = QIcon()
    for side in (12, 24):
        pixmap = QPixmap(side, side)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_AMBER)
        painter.drawEllipse(side // 6, side // 6, side * 2 // 3, side * 2 // 3)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


class FindingsMarker(QToolButton):
    finding_chosen = Signal(object)
    """A ``FieldFinding`` the user picked from the list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoRaise(True)
        self.setIcon(_dot_icon())
        self.setIconSize(QSize(12, 12))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self.findings: tuple[FieldFinding, ...] = ()
        self.hide()

    def set_findings(self, findings: Sequence[FieldFinding]) -> None:
        self.findings = tuple(findings)
        self.menu_.clear()
        count = len(self.findings)
        self.setVisible(count > 0)
        if not count:
            return
        self.setText(self.tr("%n sensitive", "", count))
        summary = self.tr(
            "Possibly sensitive data in this entry: %n. It stays in your vault; a license that "
            "includes this entry asks you to redact or allow it first.",
            "",
            count,
        )
        self.setToolTip(summary)
        self.setAccessibleName(self.tr("Possibly sensitive items: %n. Show the list.", "", count))
        heading = QAction(self.tr("Possibly sensitive data (masked)"), self.menu_)
        heading.setEnabled(False)
        self.menu_.addAction(heading)
        for found in self.findings:
            action = QAction(finding_label(found), self.menu_)
            action.setToolTip(self.tr("Select it in the entry"))
            action.triggered.connect(lambda _checked=False, f=found: self.finding_chosen.emit(f))
            self.menu_.addAction(action)

    def clear(self) -> None:
        self.set_findings(())
