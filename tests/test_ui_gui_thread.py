"""Qt objects are released on the GUI thread: the worker never holds the last reference.

A widget deleted from another thread while the GUI thread delivers its events
crashes the app. Two ways led there: Python's collector running on the worker
(``ui/gui_thread_gc.py``) and an operation's closure released last by the
worker (``ui/tasks.py``).
"""

from __future__ import annotations

import gc
import threading

import pytest

from knowhold.ui.gui_thread_gc import GuiThreadCollector, collect_due
from knowhold.ui.tasks import Failure, Op
from knowhold.vault.errors import InvalidValue

WAIT_MS = 10_000


class Witness:
    """Notes the thread that released it."""

    def __init__(self, released_on: list[str]) -> None:
        self._released_on = released_on
        self.kept: list[object] = []

    def __del__(self) -> None:
        self._released_on.append(threading.current_thread().name)


def _fails_as_designed() -> None:
    raise InvalidValue("A tag must not be empty.")


def _fails_as_a_bug() -> None:
    raise ZeroDivisionError


def _work(witness: Witness, outcome: object) -> object:
    def work() -> str:
        assert threading.current_thread() is not threading.main_thread()
        assert witness is not None  # the closure holds it, as one may hold a widget
        if callable(outcome):
            outcome()
        return "done"

    return work


@pytest.mark.parametrize("outcome", [None, _fails_as_designed, _fails_as_a_bug])
def test_an_operations_closure_is_released_on_the_gui_thread(qtbot, runner, outcome) -> None:
    released_on: list[str] = []
    results: list[object] = []
    Op(None, _work(Witness(released_on), outcome), results.append).failure(results.append).run()
    qtbot.waitUntil(lambda: bool(results), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(released_on), timeout=WAIT_MS)
    assert released_on == [threading.main_thread().name]
    if outcome is None:
        assert results == ["done"]
    else:
        assert isinstance(results[0], Failure)
        assert (results[0].error is None) == (outcome is _fails_as_a_bug)


def test_the_collector_runs_on_the_gui_thread_only(qtbot) -> None:
    released_on: list[str] = []

    def cycle() -> None:
        witness = Witness(released_on)
        witness.kept.append(witness)  # a cycle: only a collection frees it

    collector = GuiThreadCollector(interval_ms=10)
    was_enabled = gc.isenabled()  # off in this suite once Qt has started (tests/conftest.py)
    gc.enable()
    collector.start()
    try:
        assert not gc.isenabled()
        cycle()

        kept: list[list[object]] = []

        def allocate() -> None:  # enough new objects that an automatic collection was due
            kept.extend([] for _ in range(50_000))

        worker = threading.Thread(target=allocate, name="not-the-gui-thread")
        worker.start()
        worker.join()
        assert released_on == []  # the worker never collected
        qtbot.waitUntil(lambda: bool(released_on), timeout=WAIT_MS)
        assert released_on == [threading.main_thread().name]
        assert len(kept) == 50_000
    finally:
        collector.stop()
    assert gc.isenabled()  # as it was when the collector started
    if not was_enabled:
        gc.disable()


def test_collect_due_follows_the_thresholds() -> None:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        assert collect_due() is None  # nothing allocated since: nothing due
        kept = [[] for _ in range(gc.get_threshold()[0] + 1)]
        assert collect_due() == 0
        assert len(kept) > 0
    finally:
        if was_enabled:
            gc.enable()
