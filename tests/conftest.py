from __future__ import annotations

import gc
import inspect
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from knowhold.vault import Argon2Params, Vault

# Parties, packages and status documents for the licensing tests (fixtures and helpers).
pytest_plugins = ["tests.licensing_kit"]

# The floor the vault allows (64 MiB, 3 passes): real Argon2id, just not calibrated up.
FAST_KDF = Argon2Params()
PASSPHRASE = "correct horse battery staple"
START = 1_790_000_000  # 2026-09-21, fixed so tests never read the real clock


class FakeClock:
    def __init__(self, now: int = START) -> None:
        self.now = now

    def __call__(self) -> int:
        return self.now

    def advance(self, seconds: int) -> None:
        self.now += seconds


# Fixtures that start Qt. Any fixture built on them (runner, session, shell...)
# reaches them too: item.fixturenames holds every fixture a test needs.
_QT_FIXTURES = frozenset({"qtbot", "qapp", "qtmodeltester", "qtlog"})
_QT_MODULES = ("PySide6", "shiboken6", "knowhold.ui")


def _loads_qt(item: pytest.Item) -> bool:
    if _QT_FIXTURES.intersection(getattr(item, "fixturenames", ())):
        return True
    # A test module that imports Qt or the app at its top: its tests may use them
    # anywhere.
    module = getattr(item, "module", None)
    for value in vars(module).values() if module is not None else ():
        name = getattr(value, "__module__", None) or getattr(value, "__name__", "")
        if isinstance(name, str) and name.startswith(_QT_MODULES):
            return True
    # A test that imports them itself, inside its body.
    function = getattr(item, "function", None)
    try:
        source = inspect.getsource(function) if function is not None else ""
    except (OSError, TypeError):
        source = ""
    return any(f"import {name}" in source or f"from {name}" in source for name in _QT_MODULES)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs Qt with ``qt``, so ``-m "not qt"`` runs the core alone."""
    for item in items:
        if _loads_qt(item):
            item.add_marker(pytest.mark.qt)


_qt_started = False


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """Once Qt has started, Python's collector runs on this thread only, as in the app.

    ``ui/gui_thread_gc.py`` says why: a worker that collects a closed window's
    cycle deletes its widgets off the GUI thread, which crashed this suite. As
    the app's timer does, each test's end collects whatever generation is due
    (after pytest-qt has closed the widgets and the worker has stopped): one
    generation, not a full collection, costs next to nothing.
    """
    global _qt_started
    qt = request.node.get_closest_marker("qt") is not None
    if qt and not _qt_started:
        _qt_started = True
        gc.disable()
    yield
    if _qt_started:
        from PySide6.QtCore import QThreadPool

        from knowhold.ui.gui_thread_gc import collect_due

        if qt:
            QThreadPool.globalInstance().waitForDone()  # the strength meter's estimates
        collect_due()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    return tmp_path / "vault"


@pytest.fixture
def created(vault_path: Path, clock: FakeClock):
    result = Vault.create(vault_path, PASSPHRASE, clock=clock, name="Li Wei", kdf=FAST_KDF)
    yield result
    result.vault.close()


@pytest.fixture
def vault(created) -> Iterator[Vault]:
    yield created.vault


@pytest.fixture
def runner(qtbot) -> Iterator[object]:
    """The app's one vault worker, installed for ``Op``; stopped after the test."""
    from knowhold.ui.tasks import TaskRunner  # here, so the core's tests never load Qt

    runner = TaskRunner().install()
    yield runner
    runner.shutdown()


@pytest.fixture
def vault_copy(template: tuple[Path, object], tmp_path: Path) -> Path:
    """A fresh copy of the module's ``template`` vault (its path comes first)."""
    path = tmp_path / "vault"
    shutil.copytree(template[0], path)
    return path


@pytest.fixture
def ids(template: tuple[Path, dict[str, str]]) -> dict[str, str]:
    """The ids of the entries the module's ``template`` made, by name (its second item)."""
    return template[1]


# -- the desktop app's fixtures: Qt is imported inside them, so core tests never load it.

UI_WAIT_MS = 15_000  # generous: Argon2id on a busy 2-core CI runner


@pytest.fixture
def settings(tmp_path: Path) -> object:
    """The app's settings in a private file of the test's own."""
    from knowhold.ui.settings import Settings

    return Settings.at(tmp_path / "settings.ini")


@pytest.fixture
def locked_session(vault_copy: Path, clock: FakeClock) -> object:
    """A session over the module's vault copy, not yet unlocked (modules may override it)."""
    from knowhold.ui.session import VaultSession

    return VaultSession(vault_copy, clock)


@pytest.fixture
def session(qtbot, runner, locked_session) -> Iterator[object]:
    """``locked_session`` unlocked on the worker; locked again after the test."""
    from knowhold.ui.tasks import Op

    done: list[object] = []
    Op(None, lambda: locked_session.unlock(PASSPHRASE), done.append).run()
    qtbot.waitUntil(lambda: bool(done), timeout=UI_WAIT_MS)
    yield locked_session
    runner.shutdown()  # queued saves finish before the vault closes
    locked_session.lock()


@pytest.fixture
def shell(qtbot, runner, settings, locked_session, clock: FakeClock) -> Iterator[object]:
    """The whole app (unlock dialog and main window) over ``locked_session``, not started."""
    from knowhold.ui.app import KnowholdApp

    shell = KnowholdApp(locked_session, settings, clock)
    qtbot.addWidget(shell.window)
    qtbot.addWidget(shell.unlock_dialog)
    yield shell
    shell.close_windows()
    runner.shutdown()
    locked_session.lock()


@pytest.fixture
def pane(qtbot, session) -> object:
    """The entry pane (editor, preview, backlinks, attachments) over ``session``, shown."""
    from knowhold.ui.widgets.entry_pane import EntryPane

    widget = EntryPane(session)
    qtbot.addWidget(widget)
    widget.resize(760, 560)
    widget.show()
    return widget


@pytest.fixture
def open_window(qtbot, settings) -> Callable[..., object]:
    """Opens the main window over a session, as the app does after unlock, ready for a test.

    It waits until the list holds ``rows`` entries (``None``: it does not wait); with
    ``active`` first until the window is the active one, since shortcuts reach only that;
    with ``sidebar`` until the sidebar has its places. The window keeps the test's
    ``settings`` unless given others (a second window reading what the first remembered).
    """
    from PySide6.QtWidgets import QApplication

    from knowhold.ui.main_window import MainWindow

    def open_(
        session: object,
        rows: int | None,
        *,
        settings: object = settings,
        active: bool = False,
        sidebar: bool = False,
    ) -> MainWindow:
        window = MainWindow(session, settings)
        qtbot.addWidget(window)
        window.show()
        if active:
            window.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=UI_WAIT_MS)
        window.start()
        if rows is not None:
            qtbot.waitUntil(lambda: window.model.rowCount() == rows, timeout=UI_WAIT_MS)
        if sidebar:
            qtbot.waitUntil(lambda: window.sidebar.sidebar_model.rowCount() > 0, timeout=UI_WAIT_MS)
        return window

    return open_
