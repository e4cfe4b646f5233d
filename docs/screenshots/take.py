"""Save screenshots of the app's main screens, in light and dark, to docs/screenshots/.

    make screenshots          (or: .venv/bin/python docs/screenshots/take.py)

Runs offscreen on a fresh demo vault (fast key derivation: the pictures do
not need a slow one) and drives the real widgets, as a worker would: the
welcome wizard, the unlock screen, the main window with an entry open, a
search in Chinese, an entry's history, the settings. Each screen is shown
in English and in Chinese where a Chinese translation ships.

Chinese text needs a CJK font on the machine taking the pictures (Debian:
fonts-noto-cjk); without one the script stops rather than save boxes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QLocale, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from knowhold.ui.app import APP_NAME, KnowholdApp
from knowhold.ui.dialogs.create_vault import CreateVaultWizard
from knowhold.ui.dialogs.history import HistoryDialog
from knowhold.ui.i18n import ENGLISH, Translations, shipped_languages
from knowhold.ui.session import VaultSession
from knowhold.ui.settings import Settings, Theme
from knowhold.ui.tasks import Op, TaskRunner
from knowhold.ui.theme import apply_theme
from knowhold.vault.knowledge.demo import DEMO_PASSPHRASE, create_demo
from knowhold.vault.knowledge.entries import EntrySummary
from knowhold.vault.store.keys import Argon2Params

OUT = Path(__file__).resolve().parent
NOW = 1_795_000_000  # 2026-11-18: a fixed time, so the pictures do not change by the day
SIZE = (1280, 780)


def wait_until(done: Callable[[], bool], timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def settle(ms: int = 150) -> None:
    """Let layouts, timers (debounces) and repaints run."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def call(parent: QWidget, fn: Callable[[], object]) -> object:
    """Run ``fn`` on the vault worker, as the app does, and wait for its result."""
    box: list[object] = []
    Op(parent, fn, box.append).run()
    wait_until(lambda: bool(box))
    return box[0]


def save(widget: QWidget, name: str) -> Path:
    settle()
    path = OUT / f"{name}.png"
    if not widget.grab().save(str(path), "PNG", 0):  # 0: the smallest file (zlib level 9)
        raise OSError(f"could not write {path}")
    print(f"saved {path.relative_to(OUT.parent.parent)}")
    return path


def has_cjk_font() -> bool:
    return any(
        QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)
        for family in QFontDatabase.families()
    )


class Shots:
    def __init__(self, app: QApplication, folder: Path, language: str, theme: Theme) -> None:
        self.app = app
        self.folder = folder
        self.prefix = f"{language.replace('_', '-').lower()}-{theme.value}"
        self.theme = theme

    def name(self, screen: str) -> str:
        return f"{self.prefix}-{screen}"

    def welcome(self) -> None:
        session = VaultSession(self.folder / "new-vault", clock=lambda: NOW)
        wizard = CreateVaultWizard(session, kdf=Argon2Params())
        wizard.resize(640, 500)
        wizard.show()
        save(wizard, self.name("welcome"))
        wizard.close()
        wizard.deleteLater()

    def main_screens(self, vault_path: Path) -> None:
        session = VaultSession(vault_path, clock=lambda: NOW)
        settings = Settings.at(self.folder / f"{self.prefix}.ini")
        shell = KnowholdApp(session, settings, lambda: NOW)
        window = shell.window
        window.resize(*SIZE)
        shell.start()
        shell.unlock_dialog.passphrase.setText("correct horse battery")
        save(shell.unlock_dialog, self.name("unlock"))
        shell.unlock_dialog.unlock_with(DEMO_PASSPHRASE)
        wait_until(lambda: window.isVisible() and window.model.rowCount() > 0)
        wait_until(lambda: window.sidebar.model().rowCount() > 3)

        rows: list[EntrySummary] = [window.model.summary(row) for row in range(window.model.rowCount())]
        chinese = next(row for row in rows if any("\u4e00" <= ch <= "\u9fff" for ch in row.title))
        history = max(rows, key=lambda row: row.version)
        window.table.select_entry(chinese.id)
        wait_until(lambda: window.editor.entry_id == chinese.id)
        save(window, self.name("main"))

        window.table.select_entry(history.id)
        wait_until(lambda: window.editor.entry_id == history.id)
        window.editor.toggle_preview()
        save(window, self.name("preview"))
        window.editor.toggle_preview()

        dialog = HistoryDialog(session, history.id, history.title, window)
        dialog.show()
        wait_until(lambda: dialog.versions.rowCount() > 1)
        dialog.list.setCurrentIndex(dialog.versions.index(dialog.versions.rowCount() - 1))
        save(dialog, self.name("history"))
        dialog.close()

        window.actions_by_name["settings"].trigger()
        wait_until(lambda: window.settings_dialog is not None and window.settings_dialog.isVisible())
        assert window.settings_dialog is not None
        save(window.settings_dialog, self.name("settings"))
        window.settings_dialog.close()

        window.actions_by_name["my_identity"].trigger()
        identity = window.identity_dialog
        assert identity is not None
        wait_until(lambda: identity.card is not None)
        save(identity, self.name("identity-card"))
        identity.close()

        notes = self.folder / f"{self.prefix}-notes"
        notes.mkdir()
        (notes / "on-call.md").write_text("# On-call handover\n\nRead the last three incidents first.\n")
        (notes / "交接.md").write_text("# 交接班要点\n\n先看上一班的异常记录。\n")
        (notes / "diagram.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
        window.transfers.import_paths([notes])
        wait_until(lambda: window.transfers.summary_dialog is not None)
        save(window.transfers.summary_dialog, self.name("import"))
        window.transfers.summary_dialog.accept()

        window.focus_search()
        window.search_box.setText("复盘")
        wait_until(lambda: window.results.rowCount() > 0)
        window.results_view.select_first()
        save(window, self.name("search"))

        shell.close_windows()
        call(window, session.lock)
        shell.deleteLater()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--theme", choices=[t.value for t in (Theme.LIGHT, Theme.DARK)], action="append")
    args = parser.parse_args()
    themes = [Theme(value) for value in args.theme] if args.theme else [Theme.LIGHT, Theme.DARK]

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # read when the application starts
    app = QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    if not has_cjk_font():
        print("No font with Chinese characters is installed (Debian: fonts-noto-cjk).", file=sys.stderr)
        return 1
    runner = TaskRunner().install()
    translations = Translations()
    try:
        with tempfile.TemporaryDirectory(prefix="knowhold-shots-") as tmp:
            folder = Path(tmp)
            for language in sorted(shipped_languages(), key=lambda lang: lang != ENGLISH):
                translations.install(app, language)
                # Dates and numbers as a reader of that language sees them.
                QLocale.setDefault(QLocale("en_GB" if language == ENGLISH else language))
                for theme in themes:
                    apply_theme(app, theme)
                    shots = Shots(app, folder, language, theme)
                    shots.welcome()
                    # A demo vault of its own: the import shown in one run stays out of the next.
                    vault_path = folder / f"{shots.prefix}-demo"
                    create_demo(vault_path, clock=lambda: NOW, kdf=Argon2Params())
                    shots.main_screens(vault_path)
    finally:
        runner.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
