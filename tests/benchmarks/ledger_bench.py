"""The ledger view's speed with many licenses, measured for tests/benchmarks/bench.py.

Builds a worker's vault holding ``n`` licenses issued for real (``Ledger.issue``:
to five licensees, two of them with Chinese names, 1 to 20 entries each, paid
by the month, once, by the year or not at all, in two currencies, half with a
status address), then measures what the worker waits for on choosing
"Licenses" in the sidebar: ``LedgerView.reload()`` until the table, the
totals and the banner are filled and drawn, on the real ``VaultSession`` and
serial ``TaskRunner``:

- open: with the manifests already remembered, as they are once the
  publisher's first read at unlock is done (the app's case);
- first read: nothing remembered, just after the vault was opened (that
  read, which runs on the worker at unlock while nobody waits);
- the baseline beside both: ``Ledger.licenses()`` alone on the same vault,
  every manifest parsed (what the command line's ``license list`` reads).

Nothing here asserts a figure; bench.py turns them into table rows.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QApplication

from knowhold.ui.licensing.ledger_view import LedgerView
from knowhold.ui.licensing.received_view import ReceivedView
from knowhold.ui.session import VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.tasks import TaskRunner
from knowhold.vault import Vault
from knowhold.vault.licensing.identity import Contacts, Identity, make_card
from knowhold.vault.licensing.ledger import Ledger
from knowhold.vault.licensing.terms import Revocation, Terms
from knowhold.vault.progress import Progress
from knowhold.vault.store.db import Clock
from knowhold.vault.store.keys import Argon2Params
from tests.benchmarks.gui_bench import _drain, _wait, application, unwrap_key

DAY = 86400
LICENSEES = ("Acme Support", "星辰科技", "Globex GmbH", "华夏物流有限公司", "Initech")
PAY = ((("1200", "EUR"), "month"), (("500", "EUR"), "once"), (("8000", "CNY"), "year"), (None, None))


@dataclass(frozen=True, slots=True)
class LedgerFigures:
    licenses: int
    opens: tuple[float, ...]  # ms, manifests remembered
    first_reads: tuple[float, ...]  # ms, nothing remembered, the vault just opened
    core: tuple[float, ...]  # ms, Ledger.licenses() alone


def build(path: Path, n: int, passphrase: str, clock: Clock) -> None:
    """A worker's vault with ``n`` licenses, issued as the app issues them."""
    vault = Vault.create(path, passphrase, clock=clock, name="Li Wei", kdf=Argon2Params()).vault
    try:
        for name in LICENSEES:
            Contacts(vault.db).add(make_card(Identity.generate(name, created_at=clock())), verified=True)
        ids = [
            vault.entries.add(
                "playbook", f"Escalation step {i}", "Call the customer within the hour. " * 20
            ).id
            for i in range(20)
        ]
        ledger = Ledger(vault)
        out = path.parent / "ledger-bench.knowhold"  # each issue replaces the last package
        for i in range(n):
            fee, per = PAY[i % len(PAY)]
            ledger.issue(
                to=LICENSEES[i % len(LICENSEES)],
                entry_ids=ids[: 1 + i % len(ids)],
                expires_at=clock() + (30 + i % 400) * DAY,
                terms=Terms.make(allow=["ai-retrieval"], fee=fee, per=per),
                revocation=Revocation.make("https://li.example/knowhold.status", 7 * DAY)
                if i % 2
                else Revocation(),
                out=out,
            )
    finally:
        vault.close()


def _wait_loaded(view: LedgerView) -> None:
    """Run the event loop until the view says a reload is shown, then let it draw."""
    loaded: list[bool] = []

    def done(*_args: object) -> None:
        loaded.append(True)

    view.loaded.connect(done)
    view.reload()
    _wait(lambda: bool(loaded), "the ledger view's load", (view.loaded,))
    view.loaded.disconnect(done)
    _drain()


def measure(path: Path, n: int, passphrase: str, runs: int, workdir: Path, clock: Clock) -> LedgerFigures:
    """The ledger view's opens on the vault ``build`` made at ``path``."""
    key = unwrap_key(path, passphrase)
    core = []
    vault = Vault._open(path, lambda _keyfile: bytearray(key), clock)
    try:
        for _ in range(runs):
            start = time.perf_counter()
            Ledger(vault).licenses()
            core.append((time.perf_counter() - start) * 1000)
    finally:
        vault.close()

    settings = Settings.at(workdir / "ledger-bench.ini")
    first_reads, opens = view_opens(
        path,
        key,
        clock,
        lambda session: LedgerView(session, settings),
        _wait_loaded,
        n,
        runs,
        "ledger",
        fresh=lambda view: view.publisher.source.forget(),
    )
    return LedgerFigures(n, opens, first_reads, tuple(core))


View = TypeVar("View", LedgerView, ReceivedView)


def view_opens(
    path: Path,
    key: bytes,
    clock: Clock,
    make_view: Callable[[VaultSession], View],
    wait_loaded: Callable[[View], None],
    n: int,
    runs: int,
    what: str,
    fresh: Callable[[View], None] = lambda _view: None,
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """A view's (first reads, opens) in ms on a real session: each run unlocks afresh (then
    ``fresh`` forgets what the view keeps), times two loads, and checks all ``n`` rows are shown."""
    application()
    runner = TaskRunner().install()

    def opener(vault_path: Path, _passphrase: str, *, clock: Clock, progress: Progress | None) -> Vault:
        return Vault._open(vault_path, lambda _keyfile: bytearray(key), clock, progress=progress)

    session = VaultSession(path, clock, opener=opener)
    view = make_view(session)
    view.resize(1400, 860)
    view.show()
    first_reads, opens = [], []
    try:
        for _ in range(runs):
            session.unlock("key already derived")  # a fresh connection: nothing remembered
            fresh(view)
            start = time.perf_counter()
            wait_loaded(view)
            first_reads.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            wait_loaded(view)
            opens.append((time.perf_counter() - start) * 1000)
            if view.model.rowCount() != n:
                raise RuntimeError(f"{what} benchmark: {view.model.rowCount()} of {n} licenses shown")
    finally:
        view.clear()
        runner.shutdown()
        session.lock()
        view.deleteLater()
        QApplication.sendPostedEvents()
    return tuple(first_reads), tuple(opens)
