"""The window's own dialogs: Settings, My Identity, the audit log, the shortcuts, and About.

Each is made the first time it is asked for, and one of a kind is open at a
time (``SingleDialog``): asked for again, the open one comes to the front.
A lock closes them (``close_all``); Settings drops what was not applied. The
licensing dialogs (contacts, the wizard, package reports) are
``LicensingScreens``' own.

About's sentences keep the window's translation context ("MainWindow"),
where their Chinese was written before they moved here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import metadata

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from knowhold.ui.dialogs.audit import AuditDialog
from knowhold.ui.dialogs.my_identity import MyIdentityDialog
from knowhold.ui.dialogs.settings import SettingsDialog
from knowhold.ui.dialogs.shortcuts import ShortcutsDialog
from knowhold.ui.dialogs.single import SingleDialog
from knowhold.ui.session import VaultSession
from knowhold.ui.settings import Settings


def _version() -> str:
    try:
        return metadata.version("knowhold")
    except metadata.PackageNotFoundError:
        return "dev"


class WindowDialogs(QObject):
    settings_changed = Signal()
    """The Settings dialog changed what the app applies (theme, auto-lock, text size)."""

    def __init__(
        self,
        session: VaultSession,
        settings: Settings,
        window: QWidget,
        actions: Callable[[], Mapping[str, QAction]],
    ) -> None:
        """``actions``: the window's actions by name, built after this (the shortcuts list them)."""
        super().__init__(window)
        self._window = window
        # The vault's name: a new passphrase's strength meter counts it as guessable.
        self.vault_name = ""
        self.settings = SingleDialog(lambda: self._make_settings(session, settings))
        self.identity = SingleDialog(lambda: MyIdentityDialog(session, window))
        self.audit = SingleDialog(lambda: AuditDialog(session, window))
        self.shortcuts = SingleDialog(lambda: ShortcutsDialog(actions(), window))

    def _make_settings(self, session: VaultSession, settings: Settings) -> SettingsDialog:
        inputs = [self.vault_name] if self.vault_name else []
        dialog = SettingsDialog(session, settings, inputs, self._window)
        dialog.changed.connect(self.settings_changed)
        return dialog

    def close_all(self) -> None:
        """Close what is open (on lock); Settings drops what was not applied."""
        if self.settings.dialog is not None:
            self.settings.dialog.discard()
        for dialog in (self.identity.dialog, self.audit.dialog):
            if dialog is not None:
                dialog.close()

    def show_about(self) -> None:
        QMessageBox.about(
            self._window,
            QCoreApplication.translate("MainWindow", "About Knowhold"),
            QCoreApplication.translate(
                "MainWindow",
                "Knowhold {version}\n\nYour work knowledge, in an encrypted vault on this "
                "computer. You decide what to license, to whom, and for how long.",
            ).format(version=_version()),
        )
