"""Status documents fetched while the app runs: at start, every 15 minutes, and on demand.

A licensor's signed status document keeps a received license honest: a
revocation destroys its content, a renewal moves its end, and a license
with a maximum status age locks without a fresh one. Fetching one is the
network's business, and must hold neither the window nor the vault:

1. on the vault's worker, ``Library.status_urls``: which addresses to fetch;
2. on a thread of its own, ``fetch_all``: every address at once, each within
   the core's deadline (30 s; ``vault.licensing.fetch`` bounds time, size and
   destination). Meanwhile the vault's worker is free for everything else;
3. back on the worker, ``Library.apply_fetched``: each document checked and
   applied, ended content destroyed; then the vault's skill folder pruned.

One refresh runs at a time; asked for again meanwhile, one more follows.
``stop`` (on lock) forgets the refresh in flight: its results are dropped,
and a fetch still on the network ends on its daemon thread, which holds
nothing of the vault. A status file loaded by hand (``load_status_file``)
takes step 3 alone.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import traceback
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot

from knowhold.ui.licensing.chosen_file import Unreadable, read_chosen
from knowhold.ui.licensing.skill_export import prune_in
from knowhold.ui.session import VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.tasks import Failure, Op
from knowhold.vault.errors import ExportFailed, VaultLocked
from knowhold.vault.licensing.fetch import FETCH_DEADLINE, Fetch, Fetched, fetch_all
from knowhold.vault.licensing.received import SWEPT, Library, RefreshResult
from knowhold.vault.licensing.status import MAX_STATUS
from knowhold.vault.store.storage import Vault

log = logging.getLogger(__name__)

REFRESH_INTERVAL_MS = 15 * 60 * 1000


@dataclass(frozen=True, slots=True)
class StatusRefresh:
    """What one refresh did: the core's results (one per address or file) and the skills pruned."""

    results: tuple[RefreshResult, ...]
    pruned: tuple[Path, ...] = ()
    prune_error: str | None = None  # the core's sentence when the skill folder could not be pruned

    @property
    def changes(self) -> int:
        """How many licenses changed (revoked, renewed, ended): not counting the documents
        themselves, whose acceptance is the first line of their changes (``Library.apply_status``)."""
        return sum(len(r.changes) - (r.source != SWEPT) for r in self.results if r.changes)

    @property
    def unreachable(self) -> tuple[RefreshResult, ...]:
        return tuple(r for r in self.results if r.error is not None)


def apply_fetched(vault: Vault, fetched: Sequence[Fetched], skills: Path | None) -> StatusRefresh:
    """Worker side: apply what was fetched, destroy what ended, prune the skill folder."""
    results = Library(vault).apply_fetched(fetched)
    return _pruned(vault, results, skills)


def load_status_file(vault: Vault, path: Path, skills: Path | None) -> StatusRefresh | Unreadable:
    """Worker side: a status document from a file, read bounded; refused documents raise."""
    data = read_chosen(path, MAX_STATUS)
    if isinstance(data, Unreadable):
        return data
    return _pruned(vault, Library(vault).refresh(status_file=data), skills)


def _pruned(vault: Vault, results: list[RefreshResult], skills: Path | None) -> StatusRefresh:
    # The status is applied and kept whatever happens to the folder: a folder that
    # cannot be pruned now is said, and tried again at the next refresh.
    try:
        return StatusRefresh(tuple(results), prune_in(vault, skills))
    except ExportFailed as exc:
        return StatusRefresh(tuple(results), (), exc.message)


def unreadable_text(path: Path, why: Unreadable) -> str:
    if why is Unreadable.MISSING:
        return QCoreApplication.translate("StatusRefresher", "There is no file at {path}.").format(path=path)
    if why is Unreadable.FOLDER:
        return QCoreApplication.translate("StatusRefresher", "{name} is a folder, not a status file.").format(
            name=path.name
        )
    if why is Unreadable.TOO_LARGE:
        return QCoreApplication.translate(
            "StatusRefresher", "{name} is larger than any status file can be."
        ).format(name=path.name)
    return QCoreApplication.translate(
        "StatusRefresher", "{name} cannot be read: you may not have permission to open it."
    ).format(name=path.name)


class RefreshWords(QObject):
    """What a refresh did, in words: a QObject so that lupdate sees the plurals in ``self.tr``."""

    def summary(self, refresh: StatusRefresh) -> str:
        """One sentence for the status bar: what changed, what could not be reached, what was pruned."""
        changed = refresh.changes
        if changed:
            summary = self.tr("Status refreshed: %n license(s) changed.", "", changed)
        else:
            summary = self.tr("Status refreshed: no license changed.")
        parts = [summary]
        failed = len(refresh.unreachable)
        if failed:
            parts.append(self.tr("%n status address(es) could not be reached.", "", failed))
        pruned = len(refresh.pruned)
        if pruned:
            parts.append(self.tr("%n agent skill(s) of ended licenses removed.", "", pruned))
        if refresh.prune_error:
            parts.append(refresh.prune_error)
        return " ".join(parts)


_WORDS = RefreshWords()


def refresh_summary(refresh: StatusRefresh) -> str:
    """One sentence for the status bar: what changed, what could not be reached, what was pruned."""
    return _WORDS.summary(refresh)


class _FetchRelay(QObject):
    """Carries what the fetch thread got back to the GUI thread (a queued signal)."""

    fetched = Signal(int, object)
    """``(generation, list of Fetched)``, or ``(generation, None)`` after a bug in the fetch."""


class StatusRefresher(QObject):
    """Refreshes the received licenses' status on a timer and on demand, never blocking."""

    refreshed = Signal(object)
    """A ``StatusRefresh``, on the GUI thread."""
    failed = Signal(str)
    """A refresh that could not run (a clock set back, a damaged vault): the sentence."""

    def __init__(
        self,
        session: VaultSession,
        parent: QObject | None = None,
        *,
        settings: Settings | None = None,
        fetch: Fetch | None = None,
        deadline: float = FETCH_DEADLINE,
        interval_ms: int = REFRESH_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings  # for the skill folder to prune; None: no pruning
        self._fetch = fetch  # None: the core's bounded HTTP(S) fetch
        self._deadline = deadline
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.refresh_now)
        self._generation = 0
        self.running = False
        self._again = False
        # Owned by this object, so it is deleted with it, on the GUI thread: the fetch
        # thread holds it only through a weak reference and for the length of an emit,
        # and a last reference dropped there must not delete a QObject (ui/gui_thread_gc.py).
        self._relay = _FetchRelay(self)
        self._relay.fetched.connect(self._fetched, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        """Refresh now, then every interval while the vault is open."""
        self.timer.start()
        self.refresh_now()

    def stop(self) -> None:
        """Stop the timer and drop the refresh in flight (on lock)."""
        self.timer.stop()
        self._generation += 1
        self.running = False
        self._again = False

    def refresh_now(self) -> None:
        if self.running:
            self._again = True
            return
        self.running = True
        generation = self._generation
        session = self._session
        Op(
            self,
            lambda: Library(session.vault()).status_urls(),
            lambda urls: self._fetch_off_thread(generation, urls),
        ).failure(lambda failure: self._failed(generation, failure)).run()

    def _fetch_off_thread(self, generation: int, urls: list[str]) -> None:
        if generation != self._generation:
            return
        if not urls:
            self._apply(generation, [])
            return
        relay = weakref.ref(self._relay)
        fetch, deadline = self._fetch, self._deadline

        def work() -> None:
            try:
                got: list[Fetched] | None = fetch_all(urls, fetch, deadline=deadline)
            except Exception as exc:  # a bug in the fetch: its frames to the log, never its message
                frames = "".join(traceback.format_tb(exc.__traceback__))
                log.error("Unexpected %s while fetching status documents:\n%s", type(exc).__name__, frames)
                got = None
            target = relay()
            if target is not None:
                with contextlib.suppress(RuntimeError):  # the refresher was deleted meanwhile
                    target.fetched.emit(generation, got)

        threading.Thread(target=work, name="knowhold-status-fetch", daemon=True).start()

    @Slot(int, object)
    def _fetched(self, generation: int, got: list[Fetched] | None) -> None:
        if generation != self._generation:
            return
        if got is None:
            self._finish()
            self.failed.emit(
                self.tr(
                    "The status could not be fetched: something unexpected went wrong. "
                    "The details are in the log."
                )
            )
            return
        self._apply(generation, got)

    def _apply(self, generation: int, got: Sequence[Fetched]) -> None:
        session, skills = self._session, self.skill_folder()
        Op(
            self,
            lambda: apply_fetched(session.vault(), got, skills),
            lambda refresh: self._done(generation, refresh),
        ).failure(lambda failure: self._failed(generation, failure)).run()

    def skill_folder(self) -> Path | None:
        vault_id = self._session.vault_id
        if self._settings is None or vault_id is None:
            return None
        return self._settings.skill_folder(vault_id)

    def _done(self, generation: int, refresh: StatusRefresh) -> None:
        if generation != self._generation:
            return
        self._finish()
        self.refreshed.emit(refresh)

    def _failed(self, generation: int, failure: Failure) -> None:
        if generation != self._generation:
            return
        self._finish()
        if not isinstance(failure.error, VaultLocked):  # locked meanwhile: nothing to say
            self.failed.emit(failure.message)

    def _finish(self) -> None:
        self.running = False
        if self._again:
            self._again = False
            self.refresh_now()
