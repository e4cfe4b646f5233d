"""Status refresh in the app (issue 9): at start, on a timer and on demand, never blocking.

The core's fetch is injected: a fake that answers from a dict, or one held
on an Event to prove that while the network is slow, the vault's worker and
the window both go on. What a refresh did is checked in the core (content
destroyed, a license unlocked) and in the skill folder it prunes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from knowhold.ui.licensing.skill_export import export_for
from knowhold.ui.licensing.status_refresher import (
    REFRESH_INTERVAL_MS,
    StatusRefresh,
    StatusRefresher,
    refresh_summary,
)
from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import Failure, Op
from knowhold.vault import Vault
from knowhold.vault.errors import Revoked
from knowhold.vault.licensing.identity import Identity, load_identity
from knowhold.vault.licensing.received import Library, ReceivedRecord
from tests.conftest import FAST_KDF, PASSPHRASE, START, UI_WAIT_MS, FakeClock
from tests.licensing_kit import DAY, make_package, make_status, trust

URL = "https://status.example/li.status"
DOWN = "https://down.example/other.status"


@dataclass(frozen=True, slots=True)
class Held:
    li: Identity
    revocable: str  # a license with a status address
    stale: str  # one that locks without a status younger than a day
    other: str  # another licensor's, whose address does not answer


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Held]:
    path = tmp_path_factory.mktemp("refresh-template") / "vault"
    li = Identity.generate("李伟 Li Wei", created_at=START - DAY)
    other = Identity.generate("Other Licensor", created_at=START - DAY)
    vault = Vault.create(path, PASSPHRASE, clock=FakeClock(START), name="Acme", kdf=FAST_KDF).vault
    try:
        me = load_identity(vault.db).public
        trust(vault, li)
        trust(vault, other)
        library = Library(vault)
        revocable = library.ingest(make_package(li, me, status_url=URL)).license_id
        stale = library.ingest(
            make_package(li, me, issued_at=START - 2 * DAY, status_url=URL, max_status_age=DAY)
        ).license_id
        third = library.ingest(make_package(other, me, status_url=DOWN)).license_id
    finally:
        vault.close()
    return path, Held(li, revocable, stale, third)


@pytest.fixture
def held(template: tuple[Path, Held]) -> Held:
    return template[1]


class FakeNetwork:
    """What each address answers; ``hold`` keeps every fetch waiting until released."""

    def __init__(self, answers: dict[str, bytes]) -> None:
        self.answers = answers
        self.asked: list[str] = []
        self.hold = threading.Event()
        self.hold.set()
        self.waiting = threading.Event()

    def __call__(self, url: str) -> bytes:
        self.asked.append(url)
        self.waiting.set()
        self.hold.wait(10)
        if url not in self.answers:
            raise OSError("connection refused")
        return self.answers[url]


def _on_worker(qtbot, fn: Callable[[], object]) -> object:
    """``fn``'s result from the vault's worker, or the ``Failure`` it raised."""
    got: list[object] = []
    Op(None, fn, got.append).failure(got.append).run()
    qtbot.waitUntil(lambda: bool(got), timeout=UI_WAIT_MS)
    return got[0]


def _record(qtbot, session: VaultSession, license_id: str) -> ReceivedRecord:
    record = _on_worker(qtbot, lambda: Library(session.vault()).get(license_id))
    assert isinstance(record, ReceivedRecord)
    return record


def _refresher(session: VaultSession, network: FakeNetwork, **kwargs: object) -> StatusRefresher:
    return StatusRefresher(session, fetch=network, deadline=5.0, **kwargs)  # type: ignore[arg-type]


def test_start_refreshes_at_once_and_then_on_a_timer(qtbot, session: VaultSession, held: Held) -> None:
    revoking = make_status(held.li, 1, revoked=[(held.revocable, START, "contract ended")])
    network = FakeNetwork({URL: revoking})
    refresher = _refresher(session, network)
    with qtbot.waitSignal(refresher.refreshed, timeout=UI_WAIT_MS) as first:
        refresher.start()
    assert refresher.timer.isActive() and refresher.timer.interval() == REFRESH_INTERVAL_MS
    refresh = first.args[0]
    assert isinstance(refresh, StatusRefresh)
    assert sorted(network.asked) == [DOWN, URL]  # each address once, though two licenses share one
    assert refresh.changes == 1 and [r.source for r in refresh.unreachable] == [DOWN]
    assert refresh_summary(refresh) == (
        "Status refreshed: 1 license(s) changed. 1 status address(es) could not be reached."
    )
    assert _record(qtbot, session, held.revocable).status == "destroyed"
    refused = _on_worker(qtbot, lambda: Library(session.vault()).show(held.revocable))
    assert isinstance(refused, Failure) and isinstance(refused.error, Revoked)

    # The timer's tick is another refresh; the document is held already: nothing changes.
    with qtbot.waitSignal(refresher.refreshed, timeout=UI_WAIT_MS) as second:
        refresher.timer.timeout.emit()
    assert second.args[0].changes == 0 and network.asked.count(URL) == 2
    refresher.stop()
    assert not refresher.timer.isActive()


def test_a_slow_fetch_holds_neither_the_window_nor_the_vault(
    qtbot, session: VaultSession, held: Held
) -> None:
    fresh = make_status(held.li, 1, issued_at=START)
    network = FakeNetwork({URL: fresh})
    network.hold.clear()
    refresher = _refresher(session, network)
    assert _record(qtbot, session, held.stale).status == "locked"
    refresher.refresh_now()
    qtbot.waitUntil(network.waiting.is_set, timeout=UI_WAIT_MS)
    # The network is stuck; the vault's worker still answers, and the window's events still run.
    assert _record(qtbot, session, held.revocable).status == "active"
    tick = QTimer()
    tick.setSingleShot(True)
    with qtbot.waitSignal(tick.timeout, timeout=UI_WAIT_MS):
        tick.start(10)
    assert refresher.running
    with qtbot.waitSignal(refresher.refreshed, timeout=UI_WAIT_MS):
        network.hold.set()
    assert not refresher.running
    assert _record(qtbot, session, held.stale).status == "active"  # a fresh status unlocked it


def test_asked_again_while_running_one_more_follows(qtbot, session: VaultSession, held: Held) -> None:
    network = FakeNetwork({})
    network.hold.clear()
    refresher = _refresher(session, network)
    refreshed: list[StatusRefresh] = []
    refresher.refreshed.connect(refreshed.append)
    refresher.refresh_now()
    qtbot.waitUntil(network.waiting.is_set, timeout=UI_WAIT_MS)
    refresher.refresh_now()
    refresher.refresh_now()  # asked twice meanwhile: one more refresh, not two
    network.hold.set()
    qtbot.waitUntil(lambda: len(refreshed) == 2, timeout=UI_WAIT_MS)
    assert not refresher.running  # a third would have started before the second was reported


def test_stop_drops_the_refresh_in_flight(qtbot, session: VaultSession, held: Held) -> None:
    revoking = make_status(held.li, 1, revoked=[(held.revocable, START, "x")])
    network = FakeNetwork({URL: revoking})
    network.hold.clear()
    refresher = _refresher(session, network)
    refreshed: list[object] = []
    refresher.refreshed.connect(refreshed.append)
    refresher.refresh_now()
    qtbot.waitUntil(network.waiting.is_set, timeout=UI_WAIT_MS)
    refresher.stop()  # the vault is being locked
    # The fetch ends on its thread; what it brought reaches the window and is dropped there.
    with qtbot.waitSignal(refresher._relay.fetched, timeout=UI_WAIT_MS):
        network.hold.set()
    _on_worker(qtbot, lambda: None)  # anything it had asked of the worker would have run by now
    assert refreshed == [] and not refresher.running
    assert _record(qtbot, session, held.revocable).status == "active"


def test_a_bug_in_the_fetch_is_one_sentence_and_the_log(
    qtbot, session: VaultSession, held: Held, caplog
) -> None:
    secret = "a title quoted in a bug's message"

    def broken(url: str) -> bytes:
        raise RuntimeError(secret)

    refresher = StatusRefresher(session, fetch=broken)
    with qtbot.waitSignal(refresher.failed, timeout=UI_WAIT_MS) as failed:
        refresher.refresh_now()
    assert failed.args[0].startswith("The status could not be fetched: something unexpected went wrong.")
    assert "RuntimeError" in caplog.text and secret not in caplog.text
    assert not refresher.running


def test_a_refresh_prunes_the_skills_of_ended_licenses(
    qtbot, session: VaultSession, held: Held, settings, clock: FakeClock, tmp_path: Path
) -> None:
    skills = tmp_path / "skills"
    assert session.vault_id is not None
    settings.set_skill_folder(session.vault_id, skills)
    exported = _on_worker(qtbot, lambda: export_for(session.vault(), held.revocable, skills))
    assert isinstance(exported, Path) and exported.is_dir()
    network = FakeNetwork({})
    refresher = _refresher(session, network, settings=settings)
    with qtbot.waitSignal(refresher.refreshed, timeout=UI_WAIT_MS) as still:
        refresher.refresh_now()
    assert still.args[0].pruned == () and exported.is_dir()  # in force: kept
    clock.advance(31 * DAY)  # past every end
    with qtbot.waitSignal(refresher.refreshed, timeout=UI_WAIT_MS) as ended:
        refresher.refresh_now()
    refresh = ended.args[0]
    assert refresh.pruned == (exported,) and not exported.exists()
    assert refresh.changes == 3  # each license's content destroyed at its end
    assert "1 agent skill(s) of ended licenses removed." in refresh_summary(refresh)


def test_a_missing_skill_folder_is_left_for_the_next_refresh(
    qtbot, session: VaultSession, held: Held, settings, tmp_path: Path
) -> None:
    assert session.vault_id is not None
    settings.set_skill_folder(session.vault_id, tmp_path / "unplugged")
    refresher = _refresher(session, FakeNetwork({}), settings=settings)
    with qtbot.waitSignal(refresher.refreshed, timeout=UI_WAIT_MS) as done:
        refresher.refresh_now()
    assert done.args[0].pruned == () and done.args[0].prune_error is None


def test_a_locked_vault_stops_quietly(qtbot, session: VaultSession, held: Held) -> None:
    refresher = StatusRefresher(session, fetch=FakeNetwork({}))
    said: list[str] = []
    refresher.failed.connect(said.append)
    _on_worker(qtbot, session.lock)
    refresher.refresh_now()
    qtbot.waitUntil(lambda: not refresher.running, timeout=UI_WAIT_MS)
    assert said == []
