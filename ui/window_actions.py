"""The window's actions: the menus from the action table, the buttons that share them, and what applies now.

``build_menus`` (ui/actions.py) makes every menu item from the one table,
each run by the handler the window names for it. Here is what the window
adds on top: the Edit menu's text commands go to whichever widget has the
focus (``to_focus``); the actions a worker needs most also have a button;
and the entry actions are enabled only while they apply to what the entry
pane shows (``enable_for``).

The license button's tooltip keeps the window's translation context
("MainWindow"), where its Chinese was written before it moved here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QToolButton

from knowhold.ui.actions import build_menus
from knowhold.ui.widgets.entry_pane import EntryPane
from knowhold.ui.widgets.new_entry_button import NewEntryButton


def to_focus(method: str) -> Callable[[], None]:
    """A handler that calls ``method`` on the widget with the focus, if that widget has one."""

    def run() -> None:
        target = getattr(QApplication.focusWidget(), method, None)
        if callable(target):
            target()

    return run


class WindowActions:
    def __init__(self, window: QMainWindow, handlers: Mapping[str, Callable[[], object]]) -> None:
        self.by_name = build_menus(window, handlers)
        # The actions a worker needs most also have a button: writing, licensing what is chosen, locking.
        self.new_button = NewEntryButton(self.by_name["new"])
        self.license_button = self._tool_button("license", Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.license_button.setToolTip(
            QCoreApplication.translate("MainWindow", "License the selected entries…")
        )
        self.lock_button = self._tool_button("lock", Qt.ToolButtonStyle.ToolButtonTextBesideIcon)

    def _tool_button(self, action: str, style: Qt.ToolButtonStyle) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(self.by_name[action])
        button.setToolButtonStyle(style)
        button.setAutoRaise(True)
        button.setAccessibleName(self.by_name[action].iconText())
        return button

    def enable_for(self, pane: EntryPane) -> None:
        """Enable the entry actions that apply to what ``pane`` shows, and disable the others."""
        shown = pane.editor.showing_entry
        trashed = pane.in_trash
        saved = pane.editor.entry is not None
        enabled = {
            "save": shown and not trashed,
            "history": saved and not trashed,
            "delete": shown,
            "find_in_entry": shown,
            "restore": trashed,
            "purge": trashed,
            "empty_trash": pane.trash_count > 0,
        }
        for name, on in enabled.items():
            self.by_name[name].setEnabled(on)
