"""The one serial vault worker, and operation objects that use it.

Every vault call from the GUI runs on a single worker thread, one after the
other, in the order it was asked for: the vault has one SQLCipher connection
and a serial queue keeps the order of reads and writes obvious. Results come
back to the GUI thread by queued signal. An operation's ``fn`` runs on the
worker and never touches a widget; its callbacks run on the GUI thread::

    Op(parent, lambda: session.entry(entry_id), view.display) \\
        .failure(on_failure).run()

Errors the core raises on purpose (``KnowholdError``) reach the failure
callback with their message in the user's language (``ui/errors.py``).
Anything else is a bug: it is logged with its type and stack frames only
(never its message, which may quote entry text) and reported as one short
sentence, never a traceback.

Long work that reports progress (import, export, backup, restore) is a
``ProgressOp``: its ``fn`` takes the core's ``Progress`` callback, whose
reports reach the GUI thread by queued signal, and whose Cancel is a
thread-safe Event the callback checks::

    ProgressOp(window, lambda progress: session.import_paths(paths, progress), show,
               title=title, label=label).failure(on_failure).run()
"""

from __future__ import annotations

import itertools
import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from knowhold.ui import errors
from knowhold.ui.dialogs.progress import ProgressDialog
from knowhold.ui.errors import Screen
from knowhold.ui.plain_text import warn
from knowhold.vault.errors import Cancelled, KnowholdError
from knowhold.vault.progress import Progress
from knowhold.vault.store.diskerrors import disk_failure_or_none

log = logging.getLogger(__name__)

T = TypeVar("T")

# Work that ends sooner than this never shows a progress indicator (as in Anki),
# so quick operations do not flash a dialog.
PROGRESS_DELAY_MS = 600


@dataclass(frozen=True, slots=True)
class Failure:
    """What an operation's failure callback receives.

    ``message`` is what to show (``errors.message``); ``error`` is the core's
    typed error, or None when the failure was an unexpected exception (a
    bug), whose details went to the log only.
    """

    message: str
    error: KnowholdError | None

    def message_on(self, screen: Screen) -> str:
        """The message as ``screen`` says it: its own sentence for some errors (``errors.Screen``)."""
        if self.error is None:
            return self.message
        return errors.message(self.error, screen)


def _unexpected_failure() -> Failure:
    return Failure(
        QCoreApplication.translate("tasks", "Something unexpected went wrong. The details are in the log."),
        None,
    )


def show_failure(parent: QObject | None, failure: Failure) -> None:
    """A failure nobody handled: its sentence in a message box over ``parent``."""
    widget = parent if isinstance(parent, QWidget) else None
    # The sentence may quote a title or a file name: shown as text, never as markup.
    warn(widget, QCoreApplication.translate("tasks", "Knowhold"), failure.message)


class _Job:
    __slots__ = ("fn", "job_id")

    def __init__(self, job_id: int, fn: Callable[[], object] | None) -> None:
        self.job_id = job_id
        self.fn = fn

    def take(self) -> Callable[[], object]:
        """The work, which this job no longer holds (see ``_Runner.run``)."""
        fn, self.fn = self.fn, None
        if fn is None:
            raise RuntimeError("A job runs once.")
        return fn


class _Unexpected:
    """Stands in for an unexpected exception, which stays on the worker."""


class _Runner(QObject):
    """Lives on the worker thread and runs jobs as their signals arrive.

    The worker lets go of a job's closure before its result goes back: no local
    names it, and a failure's frames (which do) are dropped before the signal.
    The GUI thread's reference (``_Callbacks.fn``) is then the last, so whatever
    the closure holds, a widget perhaps, is released there and never here (see
    ``ui/gui_thread_gc.py``).
    """

    succeeded = Signal(int, object)
    failed = Signal(int, object)

    @Slot(object)
    def run(self, job: _Job) -> None:
        try:
            result = job.take()()
        except KnowholdError as exc:
            # Only the error crosses to the GUI thread: dropping its frames (and any
            # chained ones) frees their locals, a passphrase among them, right away.
            exc.__traceback__ = exc.__cause__ = exc.__context__ = None
            self.failed.emit(job.job_id, exc)
        except Exception as exc:
            disk = disk_failure_or_none(exc)  # a full disk no boundary mapped is still not "unexpected"
            frames = "" if disk is not None else "".join(traceback.format_tb(exc.__traceback__))
            exc.__traceback__ = exc.__cause__ = exc.__context__ = None
            if disk is not None:
                self.failed.emit(job.job_id, disk)
                return
            log.error("Unexpected %s in a vault operation:\n%s", type(exc).__name__, frames)
            self.failed.emit(job.job_id, _Unexpected())
        else:
            self.succeeded.emit(job.job_id, result)


class _Callbacks:
    __slots__ = ("fn", "on_failure", "on_success", "parent")

    def __init__(
        self,
        fn: Callable[[], object],
        parent: QObject | None,
        on_success: Callable[[object], None],
        on_failure: Callable[[Failure], None],
    ) -> None:
        self.fn = fn  # held here until the result is back (see _Runner.run)
        self.parent = parent
        self.on_success = on_success
        self.on_failure = on_failure


class TaskRunner(QObject):
    """One worker thread; jobs run in submission order, results come back by signal."""

    _installed: ClassVar[TaskRunner | None] = None
    _submit = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("knowhold-vault-worker")
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._submit.connect(self._runner.run, Qt.ConnectionType.QueuedConnection)
        self._runner.succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self._runner.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Callbacks] = {}
        self._thread.start()

    # -- the app-wide runner that Op uses by default --------------------------------

    @classmethod
    def instance(cls) -> TaskRunner:
        if cls._installed is None:
            raise RuntimeError("No TaskRunner installed; call TaskRunner().install() first.")
        return cls._installed

    def install(self) -> TaskRunner:
        TaskRunner._installed = self
        return self

    # -- work ------------------------------------------------------------------------

    def submit(
        self,
        fn: Callable[[], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[Failure], None],
        parent: QObject | None = None,
    ) -> None:
        """Queue ``fn`` for the worker. Callbacks are dropped if ``parent`` is deleted first."""
        if not self._thread.isRunning():
            raise RuntimeError("The task runner has been shut down.")
        job_id = next(self._ids)
        self._pending[job_id] = _Callbacks(fn, parent, on_success, on_failure)  # type: ignore[arg-type]
        self._submit.emit(_Job(job_id, fn))

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def shutdown(self) -> None:
        """Let queued jobs finish, then stop the worker. Their callbacks do not run."""
        if TaskRunner._installed is self:
            TaskRunner._installed = None
        if not self._thread.isRunning():
            return
        # A job like any other, so everything queued before it runs first.
        self._submit.emit(_Job(0, lambda: QThread.currentThread().quit()))
        self._thread.wait()
        self._pending.clear()

    # -- results, on the GUI thread -----------------------------------------------------

    def _take(self, job_id: int) -> _Callbacks | None:
        callbacks = self._pending.pop(job_id, None)
        if callbacks is None:
            return None
        if callbacks.parent is not None and not shiboken6.isValid(callbacks.parent):
            return None
        return callbacks

    @Slot(int, object)
    def _on_succeeded(self, job_id: int, result: object) -> None:
        callbacks = self._take(job_id)
        if callbacks is not None:
            callbacks.on_success(result)

    @Slot(int, object)
    def _on_failed(self, job_id: int, error: object) -> None:
        callbacks = self._take(job_id)
        if callbacks is None:
            return
        if isinstance(error, KnowholdError):
            callbacks.on_failure(Failure(errors.message(error), error))
        else:
            callbacks.on_failure(_unexpected_failure())


class DelayedBusy:
    """Calls ``show`` only if the work is still running after ``delay_ms``."""

    def __init__(
        self, show: Callable[[], None], hide: Callable[[], None], delay_ms: int = PROGRESS_DELAY_MS
    ) -> None:
        self._show = show
        self._hide = hide
        self._shown = False
        self._timer = QTimer()
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._on_timeout)

    def start(self) -> None:
        self._timer.start()

    def set_running(self, running: bool) -> None:
        """``start`` or ``stop``: for forms that switch between busy and idle."""
        if running:
            self.start()
        else:
            self.stop()

    def stop(self) -> None:
        self._timer.stop()
        if self._shown:
            self._shown = False
            self._hide()

    def _on_timeout(self) -> None:
        self._shown = True
        self._show()


class Op(Generic[T]):
    """One piece of vault work: ``fn`` on the worker, callbacks on the GUI thread.

    Without a failure callback, failures are shown in a message box over
    ``parent``. Long work with a progress bar is a ``ProgressOp``.
    """

    def __init__(
        self,
        parent: QObject | None,
        fn: Callable[[], T],
        on_success: Callable[[T], None],
        *,
        runner: TaskRunner | None = None,
    ) -> None:
        self._parent = parent
        self._fn = fn
        self._on_success = on_success
        self._on_failure: Callable[[Failure], None] | None = None
        self._runner = runner

    def failure(self, on_failure: Callable[[Failure], None]) -> Op[T]:
        self._on_failure = on_failure
        return self

    def run(self) -> None:
        def failed(failure: Failure) -> None:
            if self._on_failure is not None:
                self._on_failure(failure)
            else:
                show_failure(self._parent, failure)

        runner = self._runner or TaskRunner.instance()
        runner.submit(self._fn, self._on_success, failed, self._parent)


class ProgressRelay(QObject):
    """The ``Progress`` callback handed to the core, and its way back to the GUI thread.

    The core calls it on the worker. Once ``cancel`` has been called (from any
    thread: it only sets an Event) the next call raises ``Cancelled``, which the
    core turns into a clean stop between files. Otherwise it keeps the latest
    report and posts one queued signal if none is waiting, so work that reports
    every MiB or every small file never floods the GUI thread's event queue.
    """

    progressed = Signal(int, int, str)
    """On the GUI thread: the latest ``(done, total, what)``."""
    _posted = Signal()

    def __init__(self) -> None:
        # No parent: the worker's closure keeps this object alive for as long as it
        # may be called, even if the window that started the work is gone.
        super().__init__()
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._latest: tuple[int, int, str] | None = None
        self._posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def __call__(self, done: int, total: int, what: str) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        with self._lock:
            waiting = self._latest is not None
            self._latest = (done, total, what)
        if not waiting:
            self._posted.emit()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @Slot()
    def _deliver(self) -> None:
        with self._lock:
            latest, self._latest = self._latest, None
        if latest is not None:
            self.progressed.emit(*latest)


def _plain_detail(_done: int, _total: int, what: str) -> str:
    return what


class ProgressOp(Generic[T]):
    """Long vault work with a progress bar and Cancel: ``fn(progress)`` on the worker.

    ``fn`` receives a ``ProgressRelay`` to pass to the core as its ``Progress``
    callback. The dialog appears only if the work outlasts ``delay_ms``; its
    Cancel asks the relay to stop, and the dialog stays (saying so) until the
    work has ended. What cancelling yields is the core's to say: import and
    export return a summary marked cancelled; backup and restore raise
    ``Cancelled``, which reaches the failure callback like any core error.
    """

    def __init__(
        self,
        parent: QWidget | None,
        fn: Callable[[Progress], T],
        on_success: Callable[[T], None],
        *,
        title: str,
        label: str,
        delay_ms: int = PROGRESS_DELAY_MS,
        runner: TaskRunner | None = None,
    ) -> None:
        self._parent = parent
        self._fn = fn
        self._on_success = on_success
        self._on_failure: Callable[[Failure], None] | None = None
        self._title = title
        self._label = label
        self._runner = runner
        self._detail: Callable[[int, int, str], str] = _plain_detail
        self._latest: tuple[int, int, str] = (0, 0, "")
        self._relay = ProgressRelay()
        self._relay.progressed.connect(self._on_progress)
        self._busy = DelayedBusy(self._show, self._hide, delay_ms)
        self.running = False
        self.progress_dialog: ProgressDialog | None = None

    def failure(self, on_failure: Callable[[Failure], None]) -> ProgressOp[T]:
        self._on_failure = on_failure
        return self

    def describe(self, detail: Callable[[int, int, str], str]) -> ProgressOp[T]:
        """How a report reads under the bar (by default, the core's ``what``)."""
        self._detail = detail
        return self

    @property
    def cancelled(self) -> bool:
        return self._relay.cancelled

    def cancel(self) -> None:
        """Ask the work to stop at its next report; safe to call at any time."""
        self._relay.cancel()
        if self.progress_dialog is not None:
            self.progress_dialog.request_cancel()

    def run(self) -> None:
        fn, relay = self._fn, self._relay
        # Only the job holds the work from here: a closure may hold a secret (restore's
        # passphrase), which should go when the job does, not when this object does.
        del self._fn

        def succeeded(result: T) -> None:
            self._end()
            self._on_success(result)

        def failed(failure: Failure) -> None:
            self._end()
            if self._on_failure is not None:
                self._on_failure(failure)
            else:
                show_failure(self._parent, failure)

        self.running = True
        self._busy.start()
        runner = self._runner or TaskRunner.instance()
        runner.submit(lambda: fn(relay), succeeded, failed, self._parent)

    def _end(self) -> None:
        self.running = False
        self._busy.stop()

    def _on_progress(self, done: int, total: int, what: str) -> None:
        self._latest = (done, total, what)
        if self.progress_dialog is not None:
            self.progress_dialog.set_progress(done, total, self._detail(done, total, what))

    def _show(self) -> None:
        if self._parent is not None and not shiboken6.isValid(self._parent):
            return  # the window went while the work ran; its callbacks are dropped too
        dialog = ProgressDialog(self._title, self._label, self._parent)
        dialog.cancel_requested.connect(self._relay.cancel)
        if self._relay.cancelled:
            dialog.request_cancel()
        self.progress_dialog = dialog
        self._on_progress(*self._latest)
        dialog.show()

    def _hide(self) -> None:
        dialog, self.progress_dialog = self.progress_dialog, None
        if dialog is not None:
            dialog.finish()
            dialog.deleteLater()
