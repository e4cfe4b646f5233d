"""The desktop window's speed, measured for tests/benchmarks/bench.py.

Drives the real app objects (``KnowholdApp`` with its ``MainWindow``, the
``VaultSession`` and the serial ``TaskRunner``) on a vault the benchmark
built, and measures what the user waits for:

- open: from the moment the passphrase-derived key is available (the
  session's opener is handed the unwrapped key, so Argon2id is left out)
  until the list shows its first page *and* the sidebar its counts, drawn;
- search: one more character typed into the search box until the results
  model emits ``searched``, split into the debounce (keystroke to the query
  starting on the worker) and the rest (query started to results in the
  model), next to the core ``search()`` call alone for the same queries;
- scrolling: how long the GUI thread goes without running a 5 ms timer while
  the list is flicked to the end of its first few thousand rows (pages are
  fetched on the worker), next to the same scroll again over rows already
  loaded, which fetches nothing (the cost of drawing alone).

Nothing here asserts a figure; bench.py turns them into table rows.
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

# Qt reads this when the application is made: without a display, draw offscreen.
if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (
    QEventLoop,
    QMessageLogContext,
    Qt,
    QTimer,
    QtMsgType,
    SignalInstance,
    qInstallMessageHandler,
)
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from knowhold.ui.app import KnowholdApp
from knowhold.ui.gui_thread_gc import GuiThreadCollector
from knowhold.ui.models.search_results import PAGE_SIZE as SEARCH_PAGE
from knowhold.ui.session import EntryFilter, VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.tasks import TaskRunner
from knowhold.ui.widgets.search import DEBOUNCE_MS
from knowhold.vault import Vault
from knowhold.vault.knowledge.search import Hit
from knowhold.vault.progress import Progress
from knowhold.vault.store import keys
from knowhold.vault.store.db import Clock

TIMEOUT_S = 120.0  # a stuck measurement fails loudly instead of hanging the benchmark
TICK_MS = 5
FRAME_MS = 16  # the scroll driver moves the list once per 60 Hz frame


@dataclass(frozen=True, slots=True)
class SearchFigures:
    """Milliseconds per typed query, in the order typed."""

    debounce: tuple[float, ...]  # keystroke -> the query starts on the worker
    after_debounce: tuple[float, ...]  # query started -> first page of results in the model
    total: tuple[float, ...]  # keystroke -> results
    worker: tuple[float, ...]  # the session's search() on the worker, within after_debounce
    core: tuple[float, ...]  # the core search() alone, same queries and page size


@dataclass(frozen=True, slots=True)
class ScrollFigures:
    rows: int  # scrolled until this row was at the bottom of the list
    loaded: int  # rows the model had then (the view asks for a page ahead)
    seconds: float
    gaps: tuple[float, ...]  # ms between 5 ms timer ticks while scrolling and fetching
    loaded_gaps: tuple[float, ...]  # the same scroll again over the loaded rows: no fetches
    idle_gaps: tuple[float, ...]  # the same timer on the idle window (the timer's own jitter)


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def unwrap_key(path: Path, passphrase: str) -> bytes:
    """Run Argon2id once, outside every timing: the measured opens start from this key."""
    return bytes(keys.open_with_passphrase(keys.read_keyfile(path / "vault.key"), passphrase))


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0] if sys.argv else "knowhold-bench"])
    app.setApplicationName("Knowhold benchmark")
    return app


def _without_offscreen_notes(previous: Callable[..., None] | None) -> Callable[..., None]:
    """A Qt message handler that drops the offscreen platform's "does not support raise()"
    notes, one per window shown, and passes on everything else."""

    def handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if message.startswith("This plugin does not support"):
            return
        if previous is not None:
            previous(kind, context, message)
        else:
            print(message, file=sys.stderr)

    return handle


def _drain() -> None:
    """Run what is queued now: layouts and paints of what just changed."""
    for _ in range(2):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def _run(loop: QEventLoop, timeout_ms: int) -> None:
    """Run ``loop`` until something quits it, or for ``timeout_ms`` at most."""
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    guard.start(timeout_ms)
    loop.exec()
    guard.stop()


def _wait(
    done: Callable[[], bool],
    what: str,
    signals: Sequence[SignalInstance] = (),
    poll_ms: int = 0,
) -> None:
    """Run the event loop until ``done()``, checked when one of ``signals`` fires (exact) or every
    ``poll_ms`` (for waits that are not timed)."""
    if done():
        return
    loop = QEventLoop()

    def check(*_args: object) -> None:
        if done():
            loop.quit()

    for signal in signals:
        signal.connect(check)
    poll = QTimer()
    if poll_ms:
        poll.timeout.connect(check)
        poll.start(poll_ms)
    _run(loop, int(TIMEOUT_S * 1000))
    poll.stop()
    for signal in signals:
        signal.disconnect(check)
    if not done():
        raise TimeoutError(f"GUI benchmark: {what} did not happen within {TIMEOUT_S:.0f} s")


def _type(box: QLineEdit, char: str) -> None:
    """One keystroke, as a person types it: a key for ASCII, an input method's commit for Chinese."""
    if char.isascii():
        QTest.keyClicks(box, char)
        return
    event = QInputMethodEvent()
    event.setCommitString(char)
    QApplication.sendEvent(box, event)


class _Ticker:
    """A 5 ms timer on the GUI thread: a long gap between ticks is a long stall."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(lambda: self.times.append(time.perf_counter()))

    def start(self) -> None:
        self.times = [time.perf_counter()]
        self._timer.start()

    def stop(self) -> tuple[float, ...]:
        self._timer.stop()
        return tuple((b - a) * 1000 for a, b in itertools.pairwise(self.times))


def core_search_times(path: Path, key: bytes, queries: Sequence[str], clock: Clock) -> tuple[float, ...]:
    """The baseline: ``search()`` alone, each query after its prefix, as typing asks them."""
    vault = Vault._open(path, lambda _keyfile: bytearray(key), clock)
    try:
        times = []
        for word in queries:
            vault.search.search(word[:-1], limit=SEARCH_PAGE)
            start = time.perf_counter()
            vault.search.search(word, limit=SEARCH_PAGE)
            times.append((time.perf_counter() - start) * 1000)
        return tuple(times)
    finally:
        vault.close()


class _TimedSession(VaultSession):
    """The real session; its search also notes, on the worker, when each query starts and ends.

    (The box's ``query_changed`` is no place for that mark: the window's own slot runs
    first and starts the query, so a mark there could come after the search is done.)
    """

    def __init__(self, path: Path, clock: Clock, opener: Callable[..., Vault]) -> None:
        super().__init__(path, clock, opener=opener)
        self.spans: list[tuple[str, float, float]] = []

    def search(self, query: str, view: EntryFilter, limit: int, offset: int) -> list[Hit]:
        start = time.perf_counter()
        try:
            return super().search(query, view, limit, offset)
        finally:
            self.spans.append((query, start, time.perf_counter()))


class AppUnderTest:
    """The app on one vault, as ``ui.app.main`` wires it, with the key already derived."""

    def __init__(self, path: Path, key: bytes, settings_file: Path, clock: Clock) -> None:
        application()
        self.collector = GuiThreadCollector().start()  # as main() does, before the worker starts
        self.runner = TaskRunner().install()

        def opener(vault_path: Path, _passphrase: str, *, clock: Clock, progress: Progress | None) -> Vault:
            return Vault._open(vault_path, lambda _keyfile: bytearray(key), clock, progress=progress)

        self.session = _TimedSession(path, clock, opener)
        self.shell = KnowholdApp(self.session, Settings.at(settings_file), clock)
        self.window = self.shell.window
        self.shell.start()  # the unlock dialog, as it stands before the passphrase is entered
        _drain()

    def close(self) -> None:
        self.shell.close_windows()
        self.runner.shutdown()
        self.session.lock()
        self.collector.stop()
        self.window.deleteLater()
        self.shell.unlock_dialog.deleteLater()
        _drain()

    # -- open -------------------------------------------------------------------------

    def open_once(self) -> float:
        """Milliseconds from submitting the (already derived) key to the first page and the
        sidebar counts drawn in the main window."""
        window = self.window
        loaded: list[bool] = []
        on_loaded = lambda _total: loaded.append(True)  # noqa: E731
        window.model.loaded.connect(on_loaded)
        sidebar = window.sidebar.model()
        try:
            start = time.perf_counter()
            self.shell.unlock_dialog.unlock_with("key already derived")  # the opener ignores it
            _wait(
                lambda: bool(loaded) and sidebar.rowCount() > 0,
                "the main window's first page and sidebar counts",
                (window.model.loaded, sidebar.modelReset, sidebar.rowsInserted, sidebar.dataChanged),
            )
            _drain()
            return (time.perf_counter() - start) * 1000
        finally:
            window.model.loaded.disconnect(on_loaded)

    def lock(self) -> None:
        self.shell.lock()
        _wait(
            lambda: self.shell.unlock_dialog.isVisible() and not self.runner.busy,
            "locking",
            poll_ms=5,
        )

    # -- search -----------------------------------------------------------------------

    def search(self, queries: Sequence[str], core: Sequence[float]) -> SearchFigures:
        box, results, spans = self.window.search_box, self.window.results, self.session.spans
        target = [""]
        got: list[float] = []
        failed: list[str] = []

        def on_searched(query: str, _count: int) -> None:
            if query == target[0]:
                got.append(time.perf_counter())

        def on_failed(query: str, message: str) -> None:
            failed.append(f"{query!r}: {message}")

        results.searched.connect(on_searched)
        results.failed.connect(on_failed)
        debounce, after, total, worker = [], [], [], []
        try:
            for word in queries:
                # The word's prefix is already on screen, its results in: typing goes on from there.
                target[0] = word[:-1]
                got.clear()
                box.setText(target[0])
                box.flush()
                _wait(
                    lambda: (bool(got) or bool(failed)) and not results.is_searching,
                    f"results for {target[0]!r}",
                    (results.searched, results.failed),
                    poll_ms=5,
                )
                target[0] = word
                got.clear()
                spans.clear()
                start = time.perf_counter()
                _type(box, word[-1])
                _wait(
                    lambda: bool(got) or bool(failed),
                    f"results for {word!r}",
                    (results.searched, results.failed),
                )
                if failed:
                    raise RuntimeError("GUI benchmark: a search failed: " + "; ".join(failed))
                _query, began, ended = next(span for span in spans if span[0] == word)
                debounce.append((began - start) * 1000)
                after.append((got[0] - began) * 1000)
                total.append((got[0] - start) * 1000)
                worker.append((ended - began) * 1000)
        finally:
            results.searched.disconnect(on_searched)
            results.failed.disconnect(on_failed)
            box.clear()
            _drain()
        return SearchFigures(tuple(debounce), tuple(after), tuple(total), tuple(worker), tuple(core))

    # -- scrolling --------------------------------------------------------------------

    def scroll(self, rows: int) -> ScrollFigures:
        """Flick the entry list to the end of its first ``rows`` rows, fetching pages on the way;
        then the same again over the rows now loaded; then the idle window for as long."""
        window, model = self.window, self.window.model
        if window.pages.currentWidget() is not window.table:
            raise RuntimeError("GUI benchmark: the entry list is not showing")
        wanted = min(rows, model.total)
        start = time.perf_counter()
        gaps = self._flick(wanted)
        seconds = time.perf_counter() - start
        if model.rowCount() < wanted:
            raise TimeoutError(f"GUI benchmark: scrolling reached {model.rowCount()} of {wanted} rows")
        loaded = model.rowCount()
        loaded_gaps = self._flick(wanted)

        idle, loop = _Ticker(), QEventLoop()
        idle.start()
        _run(loop, int(min(max(seconds, 0.5), 5.0) * 1000))
        return ScrollFigures(wanted, loaded, seconds, gaps, loaded_gaps, idle.stop())

    def _flick(self, wanted: int) -> tuple[float, ...]:
        """From the top, a screen further each 60 Hz frame until row ``wanted`` is at the bottom
        of the list; the gaps between 5 ms ticks meanwhile."""
        model, table = self.window.model, self.window.table
        bar = table.verticalScrollBar()
        bar.setValue(0)
        _drain()
        loop = QEventLoop()

        def step() -> None:
            bottom = table.rowAt(table.viewport().height() - 1)
            if bottom < 0:  # the rows end above the bottom edge
                bottom = model.rowCount() - 1
            if bottom >= wanted - 1:
                loop.quit()
                return
            # At the end of the loaded rows the view asks the model for more (on the worker);
            # until they are in, the list stays at its end, as under a user's hand.
            bar.setValue(min(bar.maximum(), bar.value() + max(1, bar.pageStep())))

        driver = QTimer()
        driver.setTimerType(Qt.TimerType.PreciseTimer)
        driver.timeout.connect(step)
        ticker = _Ticker()
        ticker.start()
        driver.start(FRAME_MS)
        _run(loop, int(TIMEOUT_S * 1000))
        driver.stop()
        return ticker.stop()


@dataclass(frozen=True, slots=True)
class GuiFigures:
    entries: int
    opens: tuple[float, ...]  # ms, one per run, at ``entries``
    tiny_entries: int
    tiny_opens: tuple[float, ...]
    search: SearchFigures
    scroll: ScrollFigures
    debounce_setting: int = DEBOUNCE_MS


def _open_runs(app: AppUnderTest, runs: int) -> tuple[float, ...]:
    times = []
    for i in range(runs):
        if i:
            app.lock()
        times.append(app.open_once())
    return tuple(times)


def measure(
    path: Path,
    entries: int,
    tiny_path: Path,
    tiny_entries: int,
    passphrase: str,
    queries: Sequence[str],
    runs: int,
    scroll_rows: int,
    workdir: Path,
    clock: Clock,
) -> GuiFigures:
    """Every GUI figure for the vault at ``path``, and the opens of the tiny one beside it."""
    key, tiny_key = unwrap_key(path, passphrase), unwrap_key(tiny_path, passphrase)
    core = core_search_times(path, key, queries, clock)

    application()
    previous = qInstallMessageHandler(None)
    qInstallMessageHandler(_without_offscreen_notes(previous))
    try:
        tiny = AppUnderTest(tiny_path, tiny_key, workdir / "gui-tiny.ini", clock)
        try:
            tiny_opens = _open_runs(tiny, runs)
        finally:
            tiny.close()

        app = AppUnderTest(path, key, workdir / "gui.ini", clock)
        try:
            opens = _open_runs(app, runs)
            scroll = app.scroll(scroll_rows)
            search = app.search(queries, core)
        finally:
            app.close()
    finally:
        qInstallMessageHandler(previous)
    print(
        f"gui: opens {', '.join(f'{t:.0f}' for t in opens)} ms "
        f"(tiny {', '.join(f'{t:.0f}' for t in tiny_opens)} ms); "
        f"scrolled to row {scroll.rows} ({scroll.loaded} loaded) in {scroll.seconds:.1f}s; "
        f"idle timer gap p95 {percentile(scroll.idle_gaps, 95):.1f} ms max {max(scroll.idle_gaps):.1f} ms; "
        f"search on the worker p50 {percentile(search.worker, 50):.1f} ms "
        f"p95 {percentile(search.worker, 95):.1f} ms",
        file=sys.stderr,
    )
    return GuiFigures(entries, opens, tiny_entries, tiny_opens, search, scroll)
