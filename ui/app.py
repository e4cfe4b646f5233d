"""The desktop app's entry point: the one place that wires vault and GUI.

``main()`` makes the QApplication, the serial worker and the session (with
the real clock: nowhere else reads it), then moves between two screens:
the unlock dialog and the main window. Where there is no vault yet, the
first-start wizard (ui/dialogs/create_vault.py) creates one and the main
window opens on it; a vault it made elsewhere than the usual place is
remembered, and opened when the app is started on the usual place again.
Locking, by menu or after idle minutes, closes the vault on the worker and
returns to the unlock dialog.

Where the desktop has a tray, its icon (ui/tray.py) shows, locks and quits
the app; minimising the window may lock the vault, and closing it may leave
the app running there (both settings). The unlock screen then waits where
the window was: minimised, or hidden in the tray, rather than jumping up.

A license package the app was started on (``knowhold license.knowhold``),
or handed by a second start for the same vault, waits until the vault is
unlocked; then ``KnowholdApp.package_requested`` asks the window to show
its verification report.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from knowhold.ui import icons
from knowhold.ui.autolock import IdleLock
from knowhold.ui.clipboard import ClipboardGuard
from knowhold.ui.dialogs.create_vault import CreateVaultWizard
from knowhold.ui.dialogs.unlock import UnlockDialog
from knowhold.ui.gui_thread_gc import GuiThreadCollector
from knowhold.ui.i18n import Translations
from knowhold.ui.main_window import MainWindow
from knowhold.ui.session import Unlocked, VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.single_instance import SingleInstance, bring_to_front
from knowhold.ui.system_events import SystemEvents
from knowhold.ui.tasks import Failure, Op, TaskRunner
from knowhold.ui.theme import apply_theme
from knowhold.ui.tray import MinimiseWatch, Tray
from knowhold.vault.cli.context import default_vault_path
from knowhold.vault.store.db import Clock
from knowhold.vault.store.storage import is_vault

APP_NAME = "Knowhold"


class KnowholdApp(QObject):
    """Moves between the unlock dialog and the main window for one vault."""

    quit_requested = Signal()
    package_requested = Signal(object)
    """A license package (a ``Path``) to show the report of: emitted only while unlocked."""

    def __init__(
        self,
        session: VaultSession,
        settings: Settings,
        clock: Clock,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings
        self.unlock_dialog = UnlockDialog(session)
        self.unlock_dialog.unlocked.connect(self._on_unlocked)
        self.unlock_dialog.rejected.connect(self.quit_requested)
        self.window = MainWindow(session, settings)
        self.window.lock_requested.connect(self.lock)
        self.window.quit_requested.connect(self.quit_requested)
        self.package_requested.connect(self.window.open_package)
        self.idle_lock = IdleLock(clock, self)
        self.idle_lock.idle.connect(self.lock)
        # The screen locked or the system is going to sleep; main() starts the listening,
        # so a test's shell never hears the real desktop.
        self.system_events = SystemEvents(self)
        self.system_events.lock_now.connect(self.lock)
        # Copies of entry text: marked for clipboard managers, cleared after a while,
        # at lock and at quit. The editor's body marks its own copies.
        self.clipboard = ClipboardGuard(lambda: settings.clipboard_clear_seconds * 1000, parent=self)
        self.clipboard.watch(self.window.editor.title)
        self.clipboard.watch(self.window.editor.preview)
        self._locking = False
        self._packages: list[Path] = []  # asked for while locked, in order
        self.window.settings_changed.connect(self.apply_settings)
        self.window.editor.set_text_size(settings.editor_font_size)
        # The tray icon (main() starts it) and the window's minimise and close.
        self.tray = Tray(self)
        self.tray.show_requested.connect(self.bring_to_front)
        self.tray.lock_requested.connect(self.lock)
        self.tray.quit_requested.connect(self.quit_requested)
        self.window.hides_on_close = lambda: self.tray.present and settings.close_to_tray
        self.minimise_watch = MinimiseWatch(self)
        self.minimise_watch.watch(self.window)
        # Queued: the window is hidden after Qt has finished minimising it.
        self.minimise_watch.minimised.connect(self._on_minimised, Qt.ConnectionType.QueuedConnection)
        self._started = False
        self._unlocked = False  # the window is in use, shown or hidden in the tray

    def apply_settings(self) -> None:
        """Apply, at once, what the Settings dialog changed: theme, auto-lock, editor text size."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.settings.theme)
        self.window.editor.set_text_size(self.settings.editor_font_size)
        if self._unlocked:  # count from now, anew
            self.idle_lock.start(self.settings.auto_lock_minutes * 60)

    def start(self, passphrase: str | None = None, unlocked: Unlocked | None = None) -> None:
        """Show the unlock dialog; or, for a vault the first-start wizard just opened, the window."""
        self._started = True
        if unlocked is not None:
            self._on_unlocked(unlocked)
            return
        self._show_unlock()
        if passphrase:
            self.unlock_dialog.unlock_with(passphrase)

    def _on_unlocked(self, result: Unlocked) -> None:
        self._unlocked = True
        self.tray.set_unlocked(True)
        self.window.set_vault_name(result.name)
        # A window locked while minimised comes back un-minimised.
        self.window.setWindowState(self.window.windowState() & ~Qt.WindowState.WindowMinimized)
        self.window.show()
        self.window.start()
        self.unlock_dialog.hide()
        self.idle_lock.start(self.settings.auto_lock_minutes * 60)
        packages, self._packages = self._packages, []
        for path in packages:
            self.package_requested.emit(path)

    def open_package(self, path: Path) -> None:
        """Show the report of the package at ``path``: now if unlocked, else once unlocked."""
        self.bring_to_front()
        if self._unlocked:
            self.package_requested.emit(path)
        else:
            self._packages.append(path)

    def _on_minimised(self) -> None:
        if self.settings.lock_when_minimised:
            self.lock()

    def lock(self) -> None:
        """Hide and clear everything now, close the vault on the worker, then ask again.

        The unlock screen takes the window's place: in front, minimised, or (the
        window hidden in the tray) not shown until the tray's Show.
        """
        if self._locking or not self._unlocked:
            return
        self._locking = True
        self._unlocked = False
        self.tray.set_unlocked(False)
        reopen: Callable[[], None] = self._show_unlock
        if not self.window.isVisible():
            reopen = lambda: None  # noqa: E731 - hidden in the tray: its Show brings the unlock screen
        elif self.window.isMinimized():
            reopen = self.unlock_dialog.showMinimized
        self.idle_lock.stop()
        self.window.clear()
        self.window.hide()
        self.clipboard.take_back()

        def locked(_result: object = None) -> None:
            self._locking = False
            self.unlock_dialog.reset()
            reopen()

        def failed(failure: Failure) -> None:
            locked()
            self.unlock_dialog.error.setText(failure.message)
            self.unlock_dialog.error.show()

        Op(self, self.session.lock, locked).failure(failed).run()

    def _show_unlock(self) -> None:
        self.unlock_dialog.show()
        self.unlock_dialog.raise_()
        self.unlock_dialog.activateWindow()
        self.unlock_dialog.passphrase.setFocus()

    def bring_to_front(self) -> None:
        """Show the screen in use in front (another start asked, or the tray's Show), even from the tray."""
        shown = self.window if self._unlocked else self.unlock_dialog
        if self._started:
            shown.show()  # it may be hidden in the tray
        bring_to_front(shown)

    def close_windows(self) -> None:
        self.tray.stop()  # closing the window now ends the app, whatever the tray setting
        self.idle_lock.stop()
        self.system_events.stop()
        self.window.blockSignals(True)  # closing here is not the user asking to quit
        self.window.close()
        self.window.blockSignals(False)
        self.unlock_dialog.hide()
        self.clipboard.take_back()  # on X11 a clipboard manager would keep it after we exit


def vault_to_open(given: Path, settings: Settings) -> Path:
    """``given``; or, started on the usual place with no vault there, the one the wizard made elsewhere."""
    chosen = settings.vault_folder
    usual = given == default_vault_path({})  # --vault and $KNOWHOLD_VAULT name a place of their own
    if chosen is not None and usual and not is_vault(given) and is_vault(chosen):
        return chosen
    return given


def main(
    vault_path: Path,
    passphrase: str | None = None,
    argv: list[str] | None = None,
    package: Path | None = None,
) -> int:
    """Run the desktop app on the vault at ``vault_path``, then open ``package``; returns the exit code."""
    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication(list(argv) if argv else [sys.argv[0] if sys.argv else "knowhold"])
    )
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(icons.app_icon())
    translations = Translations()
    translations.install_for_system(app)
    settings = Settings.default()
    apply_theme(app, settings.theme)
    vault_path = vault_to_open(Path(vault_path), settings)

    # One app per vault: a second start brings the first one's window forward, or
    # hands it the package to open, and ends.
    instance = SingleInstance(Path(vault_path))
    if not instance.claim(package):
        if package is not None:
            sys.stderr.write("knowhold: this vault is already open; the package was passed to its window.\n")
        else:
            sys.stderr.write("knowhold: this vault is already open; its window was brought to the front.\n")
        return 0

    # Screens come and go (wizard, unlock, main window); the app ends only when asked.
    app.setQuitOnLastWindowClosed(False)
    collector = GuiThreadCollector().start()  # before any thread: Qt objects die on this one
    runner = TaskRunner().install()
    clock: Clock = lambda: int(time.time())  # noqa: E731 - the one real clock
    session = VaultSession(Path(vault_path), clock=clock)
    shell: KnowholdApp | None = None
    packages = [] if package is None else [package]  # until the shell is made

    def raise_shown() -> None:
        if shell is not None:
            shell.bring_to_front()
        else:
            bring_to_front(QApplication.activeModalWidget())  # the first-start wizard

    def open_package(path: Path) -> None:
        if shell is not None:
            shell.open_package(path)
        else:
            packages.append(path)
            raise_shown()

    instance.raise_requested.connect(raise_shown)
    instance.open_requested.connect(open_package)
    try:
        created: Unlocked | None = None
        if not is_vault(session.path):
            # First start: the wizard creates the vault and leaves it open in the session.
            created = CreateVaultWizard.ask(session)
            if created is None:
                return 0
            settings.vault_folder = None if session.path == vault_path else session.path
        shell = KnowholdApp(session, settings, clock)
        shell.quit_requested.connect(app.quit)
        shell.system_events.start()
        shell.tray.start()
        if translations.fallback_notice is not None:  # Chinese chosen, no font to draw it: say why English
            shell.window.statusBar().showMessage(translations.fallback_notice)
        shell.start(passphrase, unlocked=created)
        for path in packages:
            shell.open_package(path)
        code = app.exec()
    finally:
        instance.close()
        if shell is not None:
            shell.close_windows()
        settings.sync()
        runner.shutdown()  # lets queued vault work finish first
        session.lock()  # the worker has stopped, so this thread may close the vault
        collector.stop()
    return code
