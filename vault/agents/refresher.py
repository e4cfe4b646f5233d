"""Status documents refreshed while the MCP server runs, on the licenses' own schedule.

A server may run for days; a revocation must reach it without anyone typing
``received refresh``, and a license with a maximum status age must not lock
for want of a fetch. ``StatusRefresher`` runs the app's three steps
(``ui/licensing/status_refresher.py``) on a daemon thread of its own:

1. under the desk's lock, ``Library.status_urls``: which addresses to fetch;
2. with no lock held, ``fetch_all``: the network never holds the vault, so
   tool calls go on meanwhile (``vault.licensing.fetch`` bounds time, size
   and destination);
3. under the lock again, ``Library.apply_fetched``: documents checked and
   applied, ended content destroyed.

When (``next_refresh``): at start, then every ``INTERVAL``, sooner when a
served license needs fresher news: a quarter of its maximum status age, or
the licensor's announced next update; never more often than ``MIN_INTERVAL``.
Due times are read from the vault's clock, the one licenses are judged by,
and the thread looks at it every ``TICK`` seconds.

A refresh that fails is logged and tried again at the next due time: the
licenses it could not refresh lock on their own when their status grows too
old (``StatusStale``), which every call reports.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

from knowhold.vault.agents.desk import AgentDesk
from knowhold.vault.errors import KnowholdError
from knowhold.vault.licensing.fetch import Fetch, fetch_all
from knowhold.vault.licensing.received import Library
from knowhold.vault.licensing.received_store import ReceivedStore
from knowhold.vault.store.storage import Vault

log = logging.getLogger(__name__)

INTERVAL = 15 * 60  # seconds, as the app refreshes
MIN_INTERVAL = 60
TICK = 1.0  # seconds of real time between looks at the clock


def next_refresh(store: ReceivedStore, served: Sequence[str], now: int) -> int:
    """When the next refresh is due, judged at ``now``: see the module docstring."""
    wait = INTERVAL
    for row in store.live_rows():
        if served and row.license_id not in served:
            continue
        manifest = store.manifest(row)
        if manifest.revocation.status_url is None:
            continue
        age = manifest.revocation.max_status_age
        if age is not None:
            wait = min(wait, age // 4)
        doc = store.stored_status(row.licensor_key)
        if doc is not None and doc.next_update > now:
            wait = min(wait, doc.next_update - now)
    return now + max(wait, MIN_INTERVAL)


class StatusRefresher:
    """Refreshes the library's status documents in the background while the server runs."""

    def __init__(self, vault: Vault, desk: AgentDesk, fetch: Fetch | None = None) -> None:
        self._db = vault.db
        self._library = Library(vault)
        self._store = ReceivedStore(vault.db)
        self._desk = desk
        self._served = tuple(desk.served)
        self._fetch = fetch
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="knowhold-status", daemon=True)
        self.refreshes = 0  # how many have run, for tests to wait on

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop: nothing touches the vault after this returns, though a fetch may still be on the
        network (it ends within the core's deadline, on its daemon thread, holding nothing)."""
        with self._desk.lock:
            self._stop.set()
        if self._thread.ident is not None:
            self._thread.join(timeout=2 * TICK)

    def refresh(self) -> None:
        """One refresh now: the three steps of the module docstring."""
        with self._desk.lock:
            if self._stop.is_set():
                return
            urls = self._library.status_urls()
        fetched = fetch_all(urls, self._fetch)
        with self._desk.lock:
            if self._stop.is_set():
                return
            for result in self._library.apply_fetched(fetched):
                if result.error:
                    log.warning("status refresh: %s: %s", result.source, result.error)
            self.refreshes += 1

    def _run(self) -> None:
        due = self._db.now()
        while not self._stop.is_set():
            if self._db.now() >= due:
                due = self._refresh_and_plan()
            self._stop.wait(TICK)

    def _refresh_and_plan(self) -> int:
        """Refresh, and say when the next one is due. Never raises: the thread must not end,
        or the licenses would lock unseen."""
        try:
            self.refresh()
            with self._desk.lock:
                if not self._stop.is_set():
                    return next_refresh(self._store, self._served, self._db.now())
        except KnowholdError as exc:  # a clock set back, a busy vault: again in a while
            log.warning("status refresh failed: %s", exc.message)
        except Exception as exc:
            log.warning("status refresh failed (%s)", type(exc).__name__)
        return self._db.now() + MIN_INTERVAL


__all__ = ["INTERVAL", "MIN_INTERVAL", "StatusRefresher", "next_refresh"]
