"""Help ▸ Keyboard Shortcuts: every menu action that has a key, menu by menu.

The list is read from the window's built actions in the order of the action
table (ui/actions.py), so a key added, changed or taken away there shows
here without anyone remembering this dialog: it cannot go stale. Keys are
shown as the platform writes them (⌘ on macOS), every binding of an action
(Ctrl+Y and Ctrl+Shift+Z) on one line.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui.actions import ACTIONS, MENUS


def plain_text(menu_text: str) -> str:
    """A menu text without its mnemonic marks ("Se&ttings…" → "Settings…", "&&" → "&")."""
    return menu_text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def shortcut_rows(actions: Mapping[str, QAction]) -> list[tuple[str, list[tuple[str, str]]]]:
    """``(menu title, [(action, keys)])`` for every menu with an action that has a key."""
    native = QKeySequence.SequenceFormat.NativeText
    rows: list[tuple[str, list[tuple[str, str]]]] = []
    for menu, title in MENUS:
        found = [
            (plain_text(actions[spec.name].text()), ", ".join(key.toString(native) for key in keys))
            for spec in ACTIONS
            if spec.menu == menu and (keys := actions[spec.name].shortcuts())
        ]
        if found:
            rows.append((plain_text(QCoreApplication.translate("menus", title)), found))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, actions: Mapping[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        for menu, rows in shortcut_rows(actions):
            heading = QTreeWidgetItem(self.tree, [menu])
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = QFont(heading.font(0))
            font.setBold(True)
            heading.setFont(0, font)
            heading.setFirstColumnSpanned(True)
            for text, keys in rows:
                QTreeWidgetItem(heading, [text, keys])
        self.tree.expandAll()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(460, 560)
