"""The MCP tools' logic in the core (``vault.agents``), without a server process: the desk, its
search, the audit chain after many calls, the refresh schedule, who may connect over HTTP, and
``knowhold mcp``'s refusals before it serves."""

from __future__ import annotations

import asyncio
import hmac
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import anyio
import pytest
from mcp.client import Client

from knowhold.vault import Vault
from knowhold.vault.agents.access import BearerCheck, Bind, check_exposure, parse_bind, read_token
from knowhold.vault.agents.desk import EVENT, AgentDesk
from knowhold.vault.agents.refresher import INTERVAL, MIN_INTERVAL, StatusRefresher, next_refresh
from knowhold.vault.agents.server import build_server
from knowhold.vault.errors import (
    ClockRollback,
    Expired,
    InvalidValue,
    NotFound,
    NotPermitted,
    NotYetValid,
    Revoked,
    StatusStale,
    UsageError,
    VaultInUse,
    VaultLocked,
)
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.identity import Identity
from knowhold.vault.licensing.package import parse_package
from knowhold.vault.licensing.payload import LicensedEntry
from knowhold.vault.licensing.received import Library
from knowhold.vault.licensing.received_store import ReceivedStore
from knowhold.vault.store import rotation
from tests.conftest import PASSPHRASE, START, FakeClock
from tests.licensing_kit import DAY, make_package, make_status, me, trust
from tests.test_cli import Cli


def ingest(library: Library, licensor: Identity, **kw: Any) -> str:
    data = make_package(licensor, me(library.vault), **kw)
    library.ingest(data)
    return parse_package(data).manifest.license_id


@pytest.fixture
def held(employer: Vault, licensor: Identity) -> Library:
    trust(employer, licensor)
    return Library(employer)


def test_each_reason_is_the_cores_own(held: Library, licensor: Identity, clock: FakeClock) -> None:
    early = ingest(held, licensor, not_before=START + DAY)
    stale = ingest(held, licensor, status_url="https://li.example/s", max_status_age=DAY)
    closed = ingest(held, licensor, allow=("copy-excerpts",))
    ending = ingest(held, licensor, expires_at=START + 2 * DAY)
    desk = AgentDesk(held.vault)
    assert {v.license_id for v in desk.list_licenses()} == {stale, ending}
    clock.advance(DAY + 60)  # the stale license is now locked; the early one has started
    assert {v.license_id for v in desk.list_licenses()} == {early, ending}
    with pytest.raises(StatusStale, match="needs a status document issued after"):
        desk.read(stale, "entry0x")
    with pytest.raises(NotPermitted, match="does not permit ai-retrieval"):
        desk.search("customer", closed)
    clock.advance(2 * DAY)
    with pytest.raises(Expired, match=r"\(expired\); its content is gone"):
        desk.read(ending, "entry0x")
    clock.now = START
    with pytest.raises(ClockRollback):
        desk.list_licenses()
    codes = [e.detail.get("refused") for e in AuditLog(held.vault.db).events() if e.event == EVENT]
    assert codes == [None, None, 14, 18, 12, 17]


def test_not_yet_valid_and_revoked(held: Library, licensor: Identity) -> None:
    early = ingest(held, licensor, not_before=START + DAY)
    gone = ingest(held, licensor)
    desk = AgentDesk(held.vault)
    with pytest.raises(NotYetValid, match="starts on"):
        desk.read(early, "entry0x")
    assert desk.read(gone, "entry0x").text.startswith("> Licensed by Li Wei")
    held.apply_status(make_status(licensor, 1, revoked=[(gone, START, "moved on")]))
    with pytest.raises(Revoked, match="revoked: moved on"):
        desk.read(gone, "entry0x")
    assert desk.search("customer") == []


def test_search_uses_the_apps_query_language(held: Library, licensor: Identity) -> None:
    items = [
        LicensedEntry("a1", 1, "playbook", "Rollback plan", "Roll back the deploy first.", ("ops",)),
        LicensedEntry("b2", 1, "heuristic", "复盘会议", "每次事故后都要复盘。", ("ops", "zh")),
        LicensedEntry("c3", 1, "checklist", "Café opening", "Check the espresso machine.", ("CafeOps",)),
    ]
    lid = ingest(held, licensor, items=items)
    desk = AgentDesk(held.vault)

    def ids(query: str) -> list[str]:
        return [h.entry_id for h in desk.search(query)]

    assert ids("roll*") == ["a1"]
    assert ids("复盘") == ["b2"]
    assert ids("cafe") == ["c3"]  # diacritics folded
    assert ids("tag:ops -复盘") == ["a1"]
    assert ids("tag:cafeops") == ids("tag:#CAFEOPS") == ["c3"]  # tags match whatever their case
    assert ids("kind:checklist OR kind:playbook") == ["a1", "c3"]
    assert sorted(ids('"deploy first" OR espresso')) == ["a1", "c3"]
    assert ids('NEAR( "x" ) ^col:*') == []  # the user's text is never FTS5 syntax
    with pytest.raises(InvalidValue):
        desk.search("kind:poem")
    with pytest.raises(InvalidValue):
        desk.search("x", limit=51)
    hit = desk.search("espresso")[0]
    assert hit.license_id == lid and "espresso" in hit.snippet and hit.notice.startswith("Licensed by")


def test_entries_are_read_once_and_forgotten_when_the_license_ends(
    held: Library, licensor: Identity, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    lid = ingest(held, licensor, expires_at=START + DAY)
    desk = AgentDesk(held.vault)
    decrypted: list[str] = []
    real = ReceivedStore.content

    def counted(store: ReceivedStore, row: Any) -> Any:
        decrypted.append(row.license_id)
        return real(store, row)

    monkeypatch.setattr(ReceivedStore, "content", counted)
    for _ in range(5):
        desk.read(lid, "entry0x")
        desk.search("customer")
    assert decrypted == [lid]
    clock.advance(2 * DAY)
    assert desk.search("customer") == []
    assert desk._entries == {} and desk._search is None  # nothing left in memory


def test_served_licenses_only(held: Library, licensor: Identity) -> None:
    one = ingest(held, licensor)
    other = ingest(held, licensor)
    desk = AgentDesk(held.vault, licenses=[one[:8]])
    assert [v.license_id for v in desk.list_licenses()] == [one]
    assert {h.license_id for h in desk.search("customer")} == {one}
    with pytest.raises(NotFound, match="is not served here"):
        desk.read(other, "entry0x")
    with pytest.raises(NotFound):
        AgentDesk(held.vault, licenses=["ffffffff"])


def test_audit_chain_verifies_after_1000_calls_through_the_sdk(held: Library, licensor: Identity) -> None:
    lid = ingest(held, licensor)
    desk = AgentDesk(held.vault, audit_queries=False)

    async def calls() -> None:
        async with Client(build_server(desk)) as client:
            for i in range(1000):
                if i % 2:
                    result = await client.call_tool("read_entry", {"license_id": lid, "entry_id": "entry1x"})
                else:
                    result = await client.call_tool("search_knowledge", {"query": "churn", "limit": 1})
                assert not result.is_error

    anyio.run(calls)
    log = AuditLog(held.vault.db)
    check = log.verify()
    assert check.intact
    served = [e for e in log.events() if e.event == EVENT]
    assert len(served) == 1000
    assert all("query" not in e.detail for e in served)
    assert served[1].license_id == lid and served[1].detail == {
        "tool": "read_entry",
        "via": "mcp",
        "entries": ["entry1x"],
    }


def test_refresh_schedule_follows_the_licenses(held: Library, licensor: Identity, clock: FakeClock) -> None:
    store = ReceivedStore(held.vault.db)
    assert next_refresh(store, (), START) == START + INTERVAL
    ingest(held, licensor, status_url="https://li.example/s", max_status_age=DAY)
    assert next_refresh(store, (), START) == START + INTERVAL
    quick = ingest(held, licensor, status_url="https://li.example/s", max_status_age=120)
    assert next_refresh(store, (), START) == START + MIN_INTERVAL
    assert next_refresh(store, ("0" * 32,), START) == START + INTERVAL  # only served licenses count
    held.apply_status(make_status(licensor, 1))  # its next update: a week on
    assert next_refresh(store, (quick,), START) == START + MIN_INTERVAL


def test_refresher_applies_a_revocation_and_stops_cleanly(held: Library, licensor: Identity) -> None:
    url = "https://li.example/knowhold.status"
    lid = ingest(held, licensor, status_url=url)
    desk = AgentDesk(held.vault)
    fetched: list[str] = []

    def fetch(asked: str) -> bytes:
        fetched.append(asked)
        return make_status(licensor, 1, revoked=[(lid, START, "")])

    refresher = StatusRefresher(held.vault, desk, fetch)
    refresher.refresh()
    assert fetched == [url] and refresher.refreshes == 1
    assert desk.list_licenses() == []
    refresher.stop()  # never started: stopping is still clean, and nothing runs after it
    refresher.refresh()
    assert refresher.refreshes == 1


# -- who may connect over HTTP ---------------------------------------------------------------


def test_bind_addresses() -> None:
    assert parse_bind("8765") == Bind("127.0.0.1", 8765)
    assert parse_bind("[::1]:80").loopback and parse_bind("127.0.0.2:1").loopback
    assert not parse_bind("0.0.0.0:80").loopback and not parse_bind("localhost:80").loopback
    for bad in ("host:", ":80", "x:99999", "a b:1", "1.2.3.4:-1", "host:８０"):
        with pytest.raises(UsageError):
            parse_bind(bad)
    check_exposure(Bind("127.0.0.1", 1), None)
    check_exposure(Bind("0.0.0.0", 1), "t" * 32)
    with pytest.raises(UsageError, match="--token-file"):
        check_exposure(Bind("0.0.0.0", 1), None)


def test_token_files(tmp_path: Path) -> None:
    good = tmp_path / "token"
    good.write_text("s3cret-" + "x" * 40 + "\nignored\n")
    assert read_token(good) == "s3cret-" + "x" * 40
    for text in ("", "short\n", "with space " + "x" * 40):
        bad = tmp_path / "bad"
        bad.write_text(text)
        with pytest.raises(UsageError):
            read_token(bad)
    with pytest.raises(UsageError):
        read_token(tmp_path / "missing")


def test_bearer_check_refuses_without_the_token(monkeypatch: pytest.MonkeyPatch) -> None:
    token = "t" * 40
    reached: list[str] = []
    compared: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)

    async def app(scope: Any, receive: Any, send: Any) -> None:
        reached.append(scope["type"])

    async def request(headers: list[tuple[bytes, bytes]], kind: str = "http") -> list[Any]:
        sent: list[Any] = []

        async def send(message: Any) -> None:
            sent.append(message)

        async def receive() -> Any:
            return {}

        await BearerCheck(app, token)({"type": kind, "headers": headers}, receive, send)
        return sent

    refused = asyncio.run(request([(b"authorization", b"Bearer " + b"t" * 39)]))
    assert refused[0]["status"] == 401 and reached == []
    assert asyncio.run(request([])) and reached == []
    asyncio.run(request([(b"Authorization", f"Bearer {token}".encode())]))
    asyncio.run(request([], kind="lifespan"))  # the server's start and stop are not requests
    assert reached == ["http", "lifespan"] and len(compared) == 3


# -- the command, before it serves ----------------------------------------------------------


@pytest.fixture
def cli(tmp_path: Path, clock: FakeClock) -> Cli:
    return Cli(tmp_path / "vault", clock)


def test_mcp_says_how_to_get_the_sdk(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "mcp", None)
    err = cli.fails(69, "mcp")
    assert "pip install 'knowhold[agents]'" in err


def test_mcp_refuses_an_open_port_without_a_token(cli: Cli, tmp_path: Path) -> None:
    assert "--token-file" in cli.fails(2, "mcp", "--http", "0.0.0.0:8765")
    assert "HOST:PORT" in cli.fails(2, "mcp", "--http", "nowhere:")
    token = tmp_path / "token"
    token.write_text("x" * 40)
    assert "is for --http" in cli.fails(2, "mcp", "--token-file", str(token))
    assert "No vault" in cli.fails(1, "mcp")


def test_the_server_opens_a_vault_the_app_holds(vault: Vault, vault_path: Path, clock: FakeClock) -> None:
    """``Vault.open_shared`` beside a holder: both see each other's writes; a rotation in progress refuses."""
    with pytest.raises(VaultInUse):
        Vault.open(vault_path, PASSPHRASE, clock=clock)
    with Vault.open_shared(vault_path, PASSPHRASE, clock=clock) as shared:
        entry = vault.entries.add("heuristic", "Written by the app", "body")
        assert shared.entries.get(entry.id).title == "Written by the app"
        AuditLog(shared.db).append(EVENT, None, tool="list_licenses", via="mcp", licenses=[])
        assert [e.event for e in AuditLog(vault.db).events()] == [EVENT]
    (vault_path / rotation.MARKER).write_bytes(b"")
    with pytest.raises(VaultInUse):
        Vault.open_shared(vault_path, PASSPHRASE, clock=clock)
    (vault_path / rotation.MARKER).unlink()


def test_refused_arguments_are_audited_too(held: Library, licensor: Identity) -> None:
    ingest(held, licensor)
    desk = AgentDesk(held.vault)
    with pytest.raises(InvalidValue):
        desk.search("x" * 1001)
    (record,) = [e for e in AuditLog(held.vault.db).events() if e.event == EVENT]
    assert record.detail["refused"] == 2 and len(record.detail["query"]) == 1000


def test_a_query_with_a_lone_surrogate_is_searched_and_recorded(held: Library, licensor: Identity) -> None:
    ingest(held, licensor)
    desk = AgentDesk(held.vault)
    assert [h.entry_id for h in desk.search("customer \ud800")] == ["entry0x", "entry1x"]
    assert AuditLog(held.vault.db).verify().intact


def test_a_replaced_database_stops_the_desk(vault: Vault, vault_path: Path) -> None:
    """A key rotation or a restore swaps vault.db: the server's connection holds the old file, so it stops."""
    desk = AgentDesk(vault)
    assert desk.list_licenses() == []
    copy = vault_path / "copy.db"
    shutil.copyfile(vault_path / "vault.db", copy)
    os.replace(copy, vault_path / "vault.db")
    with pytest.raises(VaultLocked, match="was replaced"):
        desk.list_licenses()
