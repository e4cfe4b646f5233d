"""The ``knowhold`` console entry point.

With no command it starts the desktop app; with a command it is the CLI.
It lives in ``ui/`` so that ``vault/`` never imports Qt: the CLI is handed
a function that opens the app, and Qt is imported only when it is called.

A license package named where a command would go (``knowhold
license.knowhold``, as a file manager runs the app on a file) starts the app
on that package; ``knowhold verify license.knowhold`` is still the command.

With ``KNOWHOLD_STARTUP_PROBE`` set, the app prints one line when its first
window is on screen and quits: tests/benchmarks/startup_bench.py times a start
by it, from outside the process, so the bootloader and imports are counted.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from knowhold.vault.licensing.package import PACKAGE_SUFFIX

# The top-level options that take a value (vault/cli/parser.py, _global_options).
_TAKES_VALUE = frozenset({"--vault", "--passphrase-file", "--lang"})
# The name of the desktop entry (packaging/linux/): Wayland matches windows to it by this.
DESKTOP_ID = "org.knowhold.Knowhold"
STARTUP_PROBE = "KNOWHOLD_STARTUP_PROBE"


def open_app(vault_path: Path, passphrase: str | None, package: Path | None = None) -> int:
    from PySide6.QtGui import QGuiApplication

    from knowhold.ui.app import main as app_main

    QGuiApplication.setDesktopFileName(DESKTOP_ID)
    if os.environ.get(STARTUP_PROBE):
        _probe_first_window()
    return app_main(vault_path, passphrase, package=package)


def _probe_first_window() -> None:
    """Print ``first window: CLASS`` when a window is first exposed (drawn on screen), then quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtGui import QWindow
    from PySide6.QtWidgets import QApplication

    class FirstWindow(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Expose and isinstance(watched, QWindow) and watched.isExposed():
                app.removeEventFilter(self)
                shown = [w for w in QApplication.topLevelWidgets() if w.windowHandle() is watched]
                print(f"first window: {type(shown[0]).__name__ if shown else 'window'}", flush=True)
                QTimer.singleShot(0, leave)
            return False

    def leave() -> None:
        # Closed as a user would (the wizard's loop is not the app's), then the app's loop.
        QApplication.closeAllWindows()
        app.quit()

    # The app's own QApplication, made here so the filter sees its first event;
    # ui/app.main takes the one that exists.
    app = QApplication([sys.argv[0] if sys.argv else "knowhold"])
    app.installEventFilter(FirstWindow(app))


def package_argument(argv: list[str]) -> tuple[list[str], Path | None]:
    """``argv`` without a package named in the command's place, and that package (or None)."""
    value_next = False
    for index, arg in enumerate(argv):
        if value_next:
            value_next = False
        elif arg in _TAKES_VALUE:
            value_next = True
        elif not arg.startswith("-"):
            if Path(arg).suffix.lower() != PACKAGE_SUFFIX:
                break  # a command
            return argv[:index] + argv[index + 1 :], Path(arg)
    return argv, None


def main() -> int:
    from knowhold.vault.cli import main as cli_main

    argv, package = package_argument(sys.argv[1:])
    return cli_main(argv, open_app=lambda vault_path, passphrase: open_app(vault_path, passphrase, package))


if __name__ == "__main__":
    sys.exit(main())
