"""The tray icon, and what minimising and closing the window do, as KeePassXC users expect.

Where the desktop has a system tray, Knowhold shows its icon there while it
runs, with Show, Lock and Quit. Two settings (ui/settings.py) decide the
rest: "lock when minimised" locks the vault as the window is minimised (the
unlock screen waits minimised in its place), and "close to tray" keeps the
app running in the tray when the window is closed, the vault still open
until it is locked (by hand, from the tray, or after the idle minutes).
File ▸ Quit and the tray's Quit always end the app.

``ui.app`` wires these to the window; this module holds no vault state. The
icon is made only by ``start()``, which ``main()`` calls, so a test's app
never puts an icon on a real desktop (offscreen there is no tray at all).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from knowhold.ui import icons


def tray_available() -> bool:
    """The desktop shows tray icons (not every Linux desktop does, and offscreen none)."""
    return QSystemTrayIcon.isSystemTrayAvailable()


class MinimiseWatch(QObject):
    """Tells when the window it watches (``watch``) is minimised."""

    minimised = Signal()

    def watch(self, window: QWidget) -> None:
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        state_changed = event.type() == QEvent.Type.WindowStateChange
        if state_changed and isinstance(watched, QWidget) and watched.isMinimized():
            self.minimised.emit()
        return False


class Tray(QObject):
    show_requested = Signal()
    lock_requested = Signal()
    quit_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # No widget parent: the tray's menu belongs to no window (it is kept by this object).
        self.menu = QMenu()
        self.show_action = self.menu.addAction(self.tr("&Show Knowhold"))
        self.show_action.triggered.connect(self.show_requested)
        self.lock_action = self.menu.addAction(icons.icon("lock"), self.tr("&Lock"))
        self.lock_action.triggered.connect(self.lock_requested)
        self.menu.addSeparator()
        self.quit_action = self.menu.addAction(self.tr("&Quit"))
        self.quit_action.triggered.connect(self.quit_requested)
        self.lock_action.setEnabled(False)
        self._icon: QSystemTrayIcon | None = None

    @property
    def present(self) -> bool:
        """The icon is in the tray: closing the window may leave the app there."""
        return self._icon is not None

    def start(self) -> None:
        """Put the icon in the tray, if the desktop has one."""
        if self._icon is not None or not tray_available():
            return
        icon = QSystemTrayIcon(icons.app_icon(), self)
        icon.setToolTip("Knowhold")
        icon.setContextMenu(self.menu)
        icon.activated.connect(self._on_activated)
        icon.show()
        self._icon = icon

    def stop(self) -> None:
        """Take the icon out of the tray (on quitting): closing the window then ends the app."""
        if self._icon is not None:
            self._icon.hide()
            self._icon.deleteLater()
            self._icon = None

    def set_unlocked(self, unlocked: bool) -> None:
        self.lock_action.setEnabled(unlocked)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        # A click on the icon shows the app; the context menu has its own entry.
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.show_requested.emit()
