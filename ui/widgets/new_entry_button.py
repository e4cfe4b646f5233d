"""The New Entry button: a click writes the usual kind, its arrow offers every kind.

A click runs Entry ▸ New Entry (a Note, or the kind of the sidebar's place);
the arrow beside it opens a menu of every kind the vault knows, in the
core's order, so a worker who wants a Checklist says so in one step instead
of changing the kind afterwards.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from knowhold.ui.labels import kind_label
from knowhold.vault.store.schema import KINDS


class NewEntryButton(QToolButton):
    kind_chosen = Signal(str)
    """A kind picked from the button's menu."""

    def __init__(self, action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDefaultAction(action)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setAutoRaise(True)
        self.setAccessibleName(action.iconText())
        self.kinds = QMenu(self)
        for kind in KINDS:
            item = self.kinds.addAction(kind_label(kind))
            item.setData(kind)
            item.triggered.connect(functools.partial(self.kind_chosen.emit, kind))
        self.setMenu(self.kinds)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
