"""Python's cyclic garbage collector, run on the GUI thread only.

A Qt object must be destroyed on the thread it lives on. Python's collector
runs on whichever thread happens to allocate when a generation's count
crosses its threshold: the vault worker, the strength meter's pool or a
status fetch. If that thread collects a cycle holding a closed window, the
window's widgets are deleted there while the GUI thread may still be
delivering events to them, and the app crashes (a segmentation fault seen
when the worker ran Argon2id for an unlock just after a window was closed).

So while the app runs, automatic collection is off and a timer on the GUI
thread collects whichever generation the counts call for, as the collector
itself would. Anki and GitFourchette do the same for the same reason.
Objects whose count drops to zero still go at once, on the thread that
dropped them; ``ui/tasks.py`` keeps an operation's closure referenced on
the GUI thread until its result is back, so that is never the worker.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

# Often enough that garbage never piles up between checks (a check that finds
# nothing due costs a few microseconds), rarely enough never to be felt.
CHECK_INTERVAL_MS = 1_000


def collect_due() -> int | None:
    """Collect the oldest generation whose count is over its threshold; which one, or None."""
    thresholds = gc.get_threshold()
    counts = gc.get_count()
    for generation in (2, 1, 0):
        if thresholds[generation] and counts[generation] > thresholds[generation]:
            gc.collect(generation)
            return generation
    return None


class GuiThreadCollector(QObject):
    """Turns automatic collection off and collects on a GUI-thread timer instead."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(collect_due)
        self._was_enabled = gc.isenabled()

    def start(self) -> GuiThreadCollector:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()
        return self

    def stop(self) -> None:
        """Back to automatic collection, after one full collection here."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
