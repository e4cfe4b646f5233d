"""Locks the vault after a stretch without keyboard or mouse input.

An event filter on the application notes the time of every input event, in
any window; a slow timer compares that with the clock and emits ``idle``
once the timeout has passed. Noting a number per event, rather than
restarting a timer, keeps the per-event cost (every mouse move) tiny.

The clock is wall time in seconds, passed in (tests use a fake one). Wall
time keeps running while the computer sleeps, so a laptop that wakes up
after the timeout locks at the next check rather than minutes later.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

CHECK_INTERVAL_MS = 1000

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleLock(QObject):
    idle = Signal()

    def __init__(self, clock: Callable[[], float], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._timeout_s = 0.0
        self._last_input = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        self._watching = False

    @property
    def active(self) -> bool:
        return self._watching

    def start(self, timeout_s: float) -> None:
        """Emit ``idle`` after ``timeout_s`` seconds without input; 0 = never."""
        self.stop()
        if timeout_s <= 0:
            return
        app = QCoreApplication.instance()
        if app is None:
            return
        self._timeout_s = timeout_s
        self._last_input = self._clock()
        app.installEventFilter(self)
        self._watching = True
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QCoreApplication.instance()
        if self._watching and app is not None:
            app.removeEventFilter(self)
        self._watching = False

    def check(self) -> None:
        if self._watching and self._clock() - self._last_input >= self._timeout_s:
            self.stop()
            self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._last_input = self._clock()
        return False
