"""The desktop shell: unlock, list, read, lock; the worker and operation objects."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import logging
import threading
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import QPixmap, QTextDocument
from PySide6.QtWidgets import QLineEdit, QWidget

from knowhold.ui.autolock import IdleLock
from knowhold.ui.dialogs.unlock import UnlockDialog
from knowhold.ui.main_window import MainWindow
from knowhold.ui.models.entry_list import PAGE_SIZE, Column, EntryListModel
from knowhold.ui.session import Overview, VaultSession
from knowhold.ui.settings import Settings, Theme
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.widgets.safe_browser import SafeBrowser
from knowhold.vault import KINDS, EntrySummary, Vault
from knowhold.vault.errors import NotFound, VaultLocked
from knowhold.vault.progress import Progress
from tests.conftest import FAST_KDF, PASSPHRASE, START, FakeClock

WAIT_MS = 10_000  # generous: Argon2id on a busy 2-core CI runner
EMPTY_TEXT = (
    "No entries yet: press Ctrl+N to write your first heuristic, or bring in your notes "
    "with File ▸ Import Folder… or by dropping Markdown files or folders on this window."
)
HTML_TITLE = "Raw HTML stays text"


# -- fixtures -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """One closed vault with three entries, copied for each test (one Argon2id run)."""
    path = tmp_path_factory.mktemp("template") / "vault"
    vault = Vault.create(path, PASSPHRASE, clock=FakeClock(), name="Li Wei", kdf=FAST_KDF).vault
    try:
        ids = {
            "html": vault.entries.add(
                "heuristic", HTML_TITLE, "Some **strong** words.\n\n<b>x</b>", ["markup"]
            ).id,
            "playbook": vault.entries.add("playbook", "Month-end close", "1. Reconcile").id,
            "note": vault.entries.add("note", "Vendor contacts", "Ask Maria.", ["people"]).id,
        }
    finally:
        vault.close()
    return path, ids


class StubSession:
    """Stands in for VaultSession where no vault is needed."""

    vault_id: str | None = None  # nothing is remembered per vault
    is_open = False  # no vault: the licensing screens' timers have nothing to read

    def __init__(self, summaries: list[EntrySummary] | None = None) -> None:
        self.summaries = summaries or []

    def list_entries(self, limit: int, offset: int) -> tuple[list[EntrySummary], int]:
        return self.summaries[offset : offset + limit], len(self.summaries)

    def entry(self, entry_id: str) -> object:
        raise NotFound()

    def overview(self) -> Overview:
        return Overview(tuple((kind, 0) for kind in KINDS), (), 0)

    def search(self, query: str, view: object, limit: int, offset: int) -> list[object]:
        return []


def summaries(count: int) -> list[EntrySummary]:
    return [
        EntrySummary(f"{i:010d}", "note", f"Entry {i}", ("bulk",), False, 1, START, START - i)
        for i in range(count)
    ]


# -- the whole flow ----------------------------------------------------------------------


def test_unlock_retry_list_read_and_lock(qtbot, qtmodeltester, shell, template, vault_copy):
    ids = template[1]
    dialog = shell.unlock_dialog
    shell.start()
    assert dialog.isVisible() and not shell.window.isVisible()
    assert dialog.passphrase.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.passphrase.accessibleName() == "Passphrase"

    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.is_busy and not dialog.unlock_button.isEnabled()
    qtbot.waitUntil(dialog.error.isVisible, timeout=WAIT_MS)
    assert dialog.error.text() == "Wrong passphrase"
    assert not dialog.is_busy and dialog.passphrase.isEnabled()
    assert not shell.window.isVisible()

    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    window = shell.window
    model = window.model
    qtbot.waitUntil(lambda: window.isVisible() and model.rowCount() == 3, timeout=WAIT_MS)
    assert not dialog.isVisible()
    assert dialog.passphrase.text() == ""
    assert window.windowTitle() == "Li Wei — Knowhold"
    assert window.pages.currentWidget() is window.table
    qtmodeltester.check(model)
    titles = {model.index(row, Column.TITLE).data() for row in range(3)}
    assert titles == {HTML_TITLE, "Month-end close", "Vendor contacts"}

    row = model.row_of(ids["html"])
    assert row is not None
    assert model.index(row, Column.KIND).data() == "Heuristic"
    assert model.index(row, Column.TAGS).data() == "#markup"
    window.table.selectRow(row)
    view = window.editor
    qtbot.waitUntil(lambda: view.entry_id == ids["html"], timeout=WAIT_MS)
    assert view.showing_entry
    assert view.title.text() == HTML_TITLE
    view.toggle_preview()
    qtbot.waitUntil(lambda: view.preview.rendered_text is not None, timeout=WAIT_MS)
    shown = view.preview.toPlainText()
    assert "Some strong words." in shown  # Markdown was rendered…
    assert "<b>x</b>" in shown  # …but the raw HTML is shown as text, not obeyed

    window.actions_by_name["lock"].trigger()
    assert not window.isVisible()  # hidden at once, before the worker closes the vault
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    assert model.rowCount() == 0
    assert view.entry_id is None and view.body.toPlainText() == ""
    assert view.title.text() == "" and view.preview.toPlainText() == ""
    assert dialog.passphrase.text() == "" and not dialog.error.isVisible()
    assert not shell.session.is_open
    # Really closed: the file lock is free for another opener.
    Vault.open(vault_copy, PASSPHRASE, clock=FakeClock()).close()


def test_open_with_passphrase_then_lock_after_ten_idle_minutes(qtbot, shell, clock):
    shell.start(PASSPHRASE)
    qtbot.waitUntil(shell.window.isVisible, timeout=WAIT_MS)
    clock.advance(9 * 60)
    qtbot.keyClick(shell.window.table, Qt.Key.Key_Down)  # input restarts the count
    clock.advance(9 * 60)
    shell.idle_lock.check()
    assert shell.window.isVisible()
    clock.advance(60)  # ten minutes since the last input: the default
    shell.idle_lock.check()
    qtbot.waitUntil(shell.unlock_dialog.isVisible, timeout=WAIT_MS)
    assert not shell.window.isVisible() and not shell.session.is_open
    assert not shell.idle_lock.active


def test_unlock_runs_on_the_worker_and_the_gui_keeps_running(qtbot, runner, vault_copy):
    threads: list[threading.Thread] = []
    gui_ran = threading.Event()
    gui_ran_during_unlock: list[bool] = []

    def opener(path: Path, passphrase: str, *, clock: FakeClock, progress: Progress | None) -> Vault:
        threads.append(threading.current_thread())
        gui_ran_during_unlock.append(gui_ran.wait(timeout=5))
        return Vault.open(path, passphrase, clock=clock, progress=progress)

    session = VaultSession(vault_copy, FakeClock(), opener=opener)
    dialog = UnlockDialog(session)
    qtbot.addWidget(dialog)
    try:
        QTimer.singleShot(20, gui_ran.set)
        with qtbot.waitSignal(dialog.unlocked, timeout=WAIT_MS) as blocker:
            dialog.unlock_with(PASSPHRASE)
        assert threads and threads[0] is not threading.main_thread()
        assert gui_ran_during_unlock == [True]  # the GUI thread handled a timer meanwhile
        assert blocker.args[0].name == "Li Wei"
        assert session.is_open
    finally:
        runner.shutdown()
        session.lock()


def test_vault_in_use_is_explained(qtbot, shell, vault_copy):
    with Vault.open(vault_copy, PASSPHRASE, clock=FakeClock()):
        shell.start(PASSPHRASE)
        dialog = shell.unlock_dialog
        qtbot.waitUntil(dialog.error.isVisible, timeout=WAIT_MS)
        assert "open in another Knowhold window" in dialog.error.text()
        assert dialog.passphrase.isEnabled() and not shell.window.isVisible()


# -- main window and its parts ------------------------------------------------------------


def test_empty_vault_shows_the_empty_state_and_menus(qtbot, runner, settings):
    window = MainWindow(StubSession(), settings)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.start()
    assert window.pages.currentWidget() is window.loading
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.empty_state)
    assert window.empty_state.label.text() == EMPTY_TEXT
    bar = window.menuBar().actions()
    menus = {m.text(): [a.text() for a in m.menu().actions() if not a.isSeparator()] for m in bar}
    assert menus == {
        "&File": [
            "&Lock",
            "&Import Files…",
            "Import &Folder…",
            "&Export as Markdown…",
            "Export as Markdown by Kin&d…",
            "&Back Up…",
            "Restore from Bac&kup…",
            "&Open License…",
            "C&ontacts…",
            "&My Identity Card…",
            "Se&ttings…",
            "&Quit",
        ],
        "&Edit": ["&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Select &All", "&Search…", "&Find in Entry…"],
        "&View": ["Switch &Preview", "Show &Sidebar", "&Audit Log…"],
        "E&ntry": [
            "&New Entry",
            "&Save Now",
            "&History…",
            "Move to &Trash",
            "&Restore from Trash",
            "&Delete for Good…",
            "&Empty Trash…",
            "&License…",
        ],
        "&Help": ["&Keyboard Shortcuts", "&About Knowhold"],
    }
    window.clear()
    assert settings.window_geometry is not None and settings.splitter_state is not None


def test_a_failed_first_page_is_explained(qtbot, runner, settings):
    class LockedSession(StubSession):
        def list_entries(self, limit: int, offset: int) -> tuple[list[EntrySummary], int]:
            raise VaultLocked()

    window = MainWindow(LockedSession(), settings)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.model.failed, timeout=WAIT_MS) as blocker:
        window.start()
    assert blocker.args == ["The vault is locked."]
    assert window.loading.text() == "The vault is locked."
    assert not window.model.is_loading and window.model.rowCount() == 0


def test_model_loads_fifty_thousand_entries_a_page_at_a_time(qtbot, qtmodeltester, runner):
    rows = summaries(50_000)
    calls: list[tuple[int, int]] = []

    def list_page(limit: int, offset: int) -> tuple[list[EntrySummary], int]:
        calls.append((limit, offset))
        return rows[offset : offset + limit], len(rows)

    model = EntryListModel(list_page)
    with qtbot.waitSignal(model.loaded, timeout=WAIT_MS) as blocker:
        model.reload()
    assert blocker.args == [50_000]
    assert model.rowCount() == PAGE_SIZE and model.total == 50_000
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex())  # one page in flight at a time
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE_SIZE, timeout=WAIT_MS)
    assert calls == [(PAGE_SIZE, 0), (PAGE_SIZE, PAGE_SIZE)]
    assert model.index(PAGE_SIZE, Column.TITLE).data() == f"Entry {PAGE_SIZE}"
    qtmodeltester.check(model)


def test_model_drops_a_page_that_arrives_after_clear(qtbot, runner):
    gate = threading.Event()

    def list_page(limit: int, offset: int) -> tuple[list[EntrySummary], int]:
        gate.wait(timeout=5)
        return summaries(3), 3

    model = EntryListModel(list_page)
    model.reload()
    model.clear()  # as on lock, while the first page is still being read
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_MS)
    assert model.rowCount() == 0 and model.total == 0


def test_browser_follows_no_link_and_loads_nothing_remote_or_local(qtbot, tmp_path):
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    assert not browser.openLinks() and not browser.openExternalLinks()
    image = QTextDocument.ResourceType.ImageResource
    remote = ("https://example.com/a.png", "http://example.com/a.png", "file://server/share/a.png")
    for url in remote:
        assert browser.loadResource(image, QUrl(url)) is None, url
    local = tmp_path / "local.png"
    pixmap = QPixmap(4, 4)
    pixmap.fill(Qt.GlobalColor.red)
    assert pixmap.save(str(local))
    # A local path is refused too: /dev/zero would exhaust memory, a FIFO hang the GUI thread.
    assert browser.loadResource(image, QUrl.fromLocalFile(str(local))) is None
    assert browser.loadResource(image, QUrl.fromLocalFile("/dev/zero")) is None


# -- the worker and operation objects --------------------------------------------------------


def test_ops_run_in_order_on_one_worker_thread(qtbot, runner):
    results: list[int] = []
    threads: set[int] = set()

    def work(i: int) -> int:
        threads.add(threading.get_ident())
        return i

    for i in range(5):
        Op(None, lambda i=i: work(i), results.append).run()
    qtbot.waitUntil(lambda: len(results) == 5, timeout=WAIT_MS)
    assert results == [0, 1, 2, 3, 4]
    assert len(threads) == 1 and threading.get_ident() not in threads


def test_core_errors_reach_the_failure_callback_with_their_message(qtbot, runner):
    failures: list[Failure] = []

    def fn() -> None:
        raise NotFound("No entry with id 'abcd'.")

    Op(None, fn, lambda _: pytest.fail("succeeded")).failure(failures.append).run()
    qtbot.waitUntil(lambda: bool(failures), timeout=WAIT_MS)
    assert isinstance(failures[0].error, NotFound)
    assert failures[0].message == "No entry with id 'abcd'."


def test_unexpected_errors_are_logged_without_their_text(qtbot, runner, caplog):
    secret = "the supplier's bank details"
    failures: list[Failure] = []

    def fn() -> None:
        raise ValueError(secret)

    with caplog.at_level(logging.ERROR, logger="knowhold.ui.tasks"):
        Op(None, fn, lambda _: pytest.fail("succeeded")).failure(failures.append).run()
        qtbot.waitUntil(lambda: bool(failures), timeout=WAIT_MS)
    assert failures[0].error is None
    assert secret not in failures[0].message and "Traceback" not in failures[0].message
    assert "ValueError" in caplog.text and "fn" in caplog.text
    assert secret not in caplog.text


def test_callbacks_are_dropped_when_the_parent_is_gone(qtbot, runner):
    parent = QWidget()
    gate = threading.Event()
    results: list[int] = []
    Op(parent, lambda: gate.wait(timeout=5) and 1, results.append).run()
    shiboken6.delete(parent)
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy, timeout=WAIT_MS)
    assert results == []


# -- settings, idle lock ---------------------------------------------------------------


def test_settings_are_typed_with_defaults(tmp_path):
    path = tmp_path / "settings.ini"
    settings = Settings.at(path)
    assert settings.auto_lock_minutes == 10
    assert settings.theme is Theme.SYSTEM
    assert settings.window_geometry is None
    settings.auto_lock_minutes = 3
    settings.theme = Theme.DARK
    settings.sync()
    again = Settings.at(path)
    assert again.auto_lock_minutes == 3 and again.theme is Theme.DARK
    path.write_text("[security]\nauto_lock_minutes=soon\n[appearance]\ntheme=plaid\n")
    damaged = Settings.at(path)
    assert damaged.auto_lock_minutes == 10 and damaged.theme is Theme.SYSTEM


def test_settings_clamp_numbers_and_keep_flags_and_last_entries(tmp_path):
    path = tmp_path / "settings.ini"
    settings = Settings.at(path)
    assert (settings.clipboard_clear_seconds, settings.editor_font_size) == (30, 0)
    assert settings.list_sort_column is None and settings.list_sort_descending is True
    settings.editor_font_size = 500
    settings.clipboard_clear_seconds = -4
    settings.list_sort_column = "title"
    settings.list_sort_descending = False
    settings.set_last_entry("vault-a", "entry-1")
    settings.set_last_entry("vault-b", "entry-2")
    settings.sync()
    again = Settings.at(path)
    assert again.editor_font_size == 48 and again.clipboard_clear_seconds == 0
    assert again.list_sort_column == "title" and again.list_sort_descending is False
    assert again.last_entry("vault-a") == "entry-1" and again.last_entry("vault-b") == "entry-2"
    again.set_last_entry("vault-a", None)
    assert again.last_entry("vault-a") is None and again.last_entry("vault-c") is None


def test_idle_lock_checks_on_its_own_timer(qtbot, clock):
    idle = IdleLock(clock)
    idle.start(0)  # 0 minutes in the settings means never
    assert not idle.active
    idle.start(30)
    assert idle.active
    clock.advance(30)
    with qtbot.waitSignal(idle.idle, timeout=WAIT_MS):
        pass  # the next periodic check notices
    assert not idle.active
