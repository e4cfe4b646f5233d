"""``knowhold mcp`` for real: the server in its own process, driven by the SDK's own client over stdio.

The server process gets its time from a file this test writes (``serve`` below
is its entry point: the CLI's ``main`` with a clock that reads the file), so a
license can end, and a status refresh fall due, without waiting; the product
itself has no such override (``vault.licensing.clockguard``). Its status URL
is a small HTTP server in this process.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio
import httpx2
import pytest
from mcp.client import Client
from mcp.client.stdio import StdioServerParameters
from mcp.client.streamable_http import streamable_http_client

from knowhold.vault import Vault
from knowhold.vault.cli import main
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.identity import Identity, load_identity
from knowhold.vault.licensing.package import parse_package
from knowhold.vault.licensing.received import Library
from tests.conftest import FAST_KDF, PASSPHRASE, START, FakeClock
from tests.licensing_kit import DAY, make_package, make_status, trust

ROOT = Path(__file__).resolve().parent.parent
CLOCK_FILE = "KNOWHOLD_TEST_CLOCK_FILE"
WAIT = 30.0  # seconds a refresh may take to show (it is looked for every second)

pytestmark = pytest.mark.slow


def serve() -> None:
    """The server process: ``knowhold ARGS`` with the time read from the file in $KNOWHOLD_TEST_CLOCK_FILE."""
    path = Path(os.environ[CLOCK_FILE])
    sys.exit(main(sys.argv[1:], clock=lambda: int(path.read_text("ascii"))))


class StatusServer:
    """A status URL on this computer, serving whatever document it was last given."""

    def __init__(self) -> None:
        self.document = b""
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Length", str(len(owner.document)))
                self.end_headers()
                self.wfile.write(owner.document)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/knowhold.status"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def status_server() -> Iterator[StatusServer]:
    server = StatusServer()
    yield server
    server.close()


class Library3:
    """An employer's vault with three licenses from Li Wei: two for AI use, one not."""

    def __init__(self, path: Path, licensor: Identity, status_url: str) -> None:
        clock = FakeClock()
        self.path = path
        with Vault.create(path, PASSPHRASE, clock=clock, name="Acme Support", kdf=FAST_KDF).vault as vault:
            trust(vault, licensor)
            me = load_identity(vault.db).public
            library = Library(vault)
            ids = []
            for data in (
                make_package(licensor, me, expires_at=START + 30 * DAY),
                make_package(licensor, me, status_url=status_url, expires_at=START + 90 * DAY),
                make_package(licensor, me, allow=("copy-excerpts",)),
            ):
                library.ingest(data)
                ids.append(parse_package(data).manifest.license_id)
        self.short, self.revocable, self.not_for_ai = ids


class Server:
    """The server's process, its clock file, and the client talking to it."""

    def __init__(self, client: Client, clock_file: Path) -> None:
        self.client = client
        self.clock_file = clock_file

    def set_time(self, t: int) -> None:
        self.clock_file.write_text(str(t), "ascii")

    async def call(self, tool: str, **arguments: Any) -> dict[str, Any]:
        result = await self.client.call_tool(tool, arguments)
        assert not result.is_error, result.content
        assert isinstance(result.structured_content, dict)
        return result.structured_content

    async def refused(self, tool: str, **arguments: Any) -> str:
        result = await self.client.call_tool(tool, arguments)
        assert result.is_error and result.structured_content is None
        text = "".join(getattr(c, "text", "") for c in result.content)
        assert "Traceback" not in text
        return text

    async def licenses(self) -> list[str]:
        return [lic["license_id"] for lic in (await self.call("list_licenses"))["licenses"]]

    async def wait_for(self, what: Callable[[], Any], timeout: float = WAIT) -> None:
        with anyio.fail_after(timeout):
            while not await what():
                await anyio.sleep(0.2)


@asynccontextmanager
async def running(vault: Path, tmp_path: Path, *args: str) -> AsyncIterator[Server]:
    clock_file = tmp_path / "clock"
    clock_file.write_text(str(START), "ascii")
    params = StdioServerParameters(
        command=sys.executable,
        args=["-c", "from tests.test_mcp_server import serve; serve()", "--vault", str(vault), "mcp", *args],
        env={"KNOWHOLD_PASSPHRASE": PASSPHRASE, CLOCK_FILE: str(clock_file)},
        cwd=str(ROOT),
    )
    async with Client(params) as client:
        yield Server(client, clock_file)


def test_agent_sees_only_what_the_licenses_allow_now(
    tmp_path: Path, licensor: Identity, status_server: StatusServer
) -> None:
    status_server.document = make_status(licensor, 1, issued_at=START)
    lib = Library3(tmp_path / "vault", licensor, status_server.url)

    async def scenario() -> None:
        async with running(lib.path, tmp_path) as server:
            tools = await server.client.list_tools()
            assert sorted(t.name for t in tools.tools) == ["list_licenses", "read_entry", "search_knowledge"]

            listed = (await server.call("list_licenses"))["licenses"]
            assert {lic["license_id"] for lic in listed} == {lib.short, lib.revocable}
            first = next(lic for lic in listed if lic["license_id"] == lib.short)
            assert first["licensor"] == "Li Wei" and first["human_review"] is True
            assert first["expires_at"] == "2026-10-21T14:13:20Z"
            assert first["permissions"] == ["view", "copy-excerpts", "ai-retrieval"]
            assert first["notice"].startswith(
                f"Licensed by Li Wei to Acme Support under Knowhold license {lib.short}"
            )

            hits = (await server.call("search_knowledge", query="customer churn"))["hits"]
            assert {h["license_id"] for h in hits} == {lib.short, lib.revocable} and len(hits) == 4
            assert all("churn" in h["snippet"] and h["notice"].startswith("Licensed by Li Wei") for h in hits)
            one = await server.call("search_knowledge", query="customer", license_id=lib.short, limit=1)
            assert [h["license_id"] for h in one["hits"]] == [lib.short]

            read = await server.call("read_entry", license_id=lib.short, entry_id="entry1x")
            assert read["text"].startswith(f"> {read['notice']}\n\n# Escalate early 1\n\nWhen a customer")
            assert "Human review required" in read["notice"] and "until 2026-10-21" in read["notice"]

            # Never visible without ai-retrieval, and refused by name with the terms' reason (18).
            assert "does not permit ai-retrieval" in await server.refused(
                "read_entry", license_id=lib.not_for_ai, entry_id="entry0x"
            )

            # Revoked: the background refresh fetches the status document when due.
            status_server.document = make_status(
                licensor,
                2,
                issued_at=START + 20 * 60,
                revoked=[(lib.revocable, START + 10 * 60, "ended early")],
            )
            server.set_time(START + 20 * 60)

            async def revocable_gone() -> bool:
                return lib.revocable not in await server.licenses()

            await server.wait_for(revocable_gone)
            refusal = await server.refused("read_entry", license_id=lib.revocable, entry_id="entry0x")
            assert (
                f"License {lib.revocable} was destroyed on" in refusal and "(revoked: ended early)" in refusal
            )

            # Expired: gone from the list, and every call says why, with no text.
            server.set_time(START + 31 * DAY)
            assert await server.licenses() == []
            for tool, arguments in (
                ("read_entry", {"license_id": lib.short, "entry_id": "entry1x"}),
                ("search_knowledge", {"query": "customer", "license_id": lib.short}),
            ):
                refusal = await server.refused(tool, **arguments)
                assert f"License {lib.short} was destroyed on" in refusal and "(expired)" in refusal
                assert "customer" not in refusal.replace("query", "")
            assert (await server.call("search_knowledge", query="customer"))["hits"] == []

    anyio.run(scenario)

    with Vault.open(lib.path, PASSPHRASE, clock=FakeClock(START + 31 * DAY)) as vault:
        log = AuditLog(vault.db)
        assert log.verify().intact
        calls = [e for e in log.events() if e.event == "agent-call"]
        assert len(calls) >= 10 and all(e.detail["via"] == "mcp" for e in calls)
        read = next(e for e in calls if e.detail["tool"] == "read_entry" and "entries" in e.detail)
        assert read.license_id == lib.short and read.detail["entries"] == ["entry1x"]
        search = next(e for e in calls if e.detail["tool"] == "search_knowledge")
        assert search.detail["query"] == "customer churn"
        assert search.license_id is None
        assert search.detail["entries"] == {
            lib.short: ["entry0x", "entry1x"],
            lib.revocable: ["entry0x", "entry1x"],
        }
        refused = [e for e in calls if "refused" in e.detail]
        assert {e.detail["refused"] for e in refused} == {12, 13, 18}
        # Gone for good, as everywhere else: the content rows were deleted.
        assert vault.db.conn.execute("SELECT count(*) FROM received_content").fetchone()[0] == 0


def test_cli_and_core_write_while_the_server_serves(tmp_path: Path, licensor: Identity) -> None:
    """Server calls and another process's writes at once: nothing lost, the chain intact."""
    lib = Library3(tmp_path / "vault", licensor, "http://127.0.0.1:9/none")
    calls = 60
    writes: list[int] = []
    errors: list[BaseException] = []

    def write_beside(stop: threading.Event) -> None:
        # What the app and a command do: open the vault (the lock is free: the server
        # does not hold it), add entries and read licensed content (audited), one
        # transaction after another, while the server writes its own audit records.
        try:
            env = {"KNOWHOLD_VAULT": str(lib.path), "KNOWHOLD_PASSPHRASE": PASSPHRASE}
            code = main(
                ["add", "--kind", "heuristic", "--title", "From the CLI"],
                environ=env,
                stdin=_Stdin("body"),
                stdout=_Null(),
                kdf=FAST_KDF,
            )
            assert code == 0
            writes.append(1)
            with Vault.open(lib.path, PASSPHRASE, clock=FakeClock()) as vault:
                library = Library(vault)
                while not stop.is_set() or len(writes) < 20:
                    vault.entries.add("heuristic", f"Note {len(writes)}", "text")
                    library.show(lib.short, "entry0x")
                    writes.append(1)
        except BaseException as exc:
            errors.append(exc)

    async def scenario() -> None:
        async with running(lib.path, tmp_path, "--no-audit-queries") as server:
            stop = threading.Event()
            writer = threading.Thread(target=write_beside, args=(stop,))
            writer.start()
            try:
                for i in range(calls // 2):
                    await server.call("read_entry", license_id=lib.short, entry_id="entry0x")
                    hits = await server.call("search_knowledge", query="customer", limit=1 + i % 4)
                    assert hits["hits"]
            finally:
                stop.set()
                await anyio.to_thread.run_sync(writer.join)

    anyio.run(scenario)
    assert not errors, errors
    with Vault.open(lib.path, PASSPHRASE, clock=FakeClock()) as vault:
        log = AuditLog(vault.db)
        assert log.verify().intact
        events = log.events()
        served = [e for e in events if e.event == "agent-call" and e.detail["tool"] != "list_licenses"]
        assert len(served) == calls and all("query" not in e.detail for e in served)
        assert len([e for e in events if e.event == "viewed"]) == len(writes) - 1
        titles = [vault.entries.get(i).title for i in vault.entries.all_ids()]
        assert len(titles) == len(writes) and "From the CLI" in titles


class _Null:
    def write(self, _text: str) -> int:
        return 0

    def flush(self) -> None:
        pass


class _Stdin:
    def __init__(self, text: str) -> None:
        self._text = text

    def read(self, _n: int = -1) -> str:
        text, self._text = self._text, ""
        return text

    def isatty(self) -> bool:
        return False


def test_json_results_are_plain_json(tmp_path: Path, licensor: Identity) -> None:
    """The results an agent gets are JSON objects through and through (no SDK types leak)."""
    lib = Library3(tmp_path / "vault", licensor, "http://127.0.0.1:9/none")

    async def scenario() -> None:
        async with running(lib.path, tmp_path, "--license", lib.short[:8]) as server:
            listed = await server.call("list_licenses")
            assert json.loads(json.dumps(listed)) == listed
            assert [lic["license_id"] for lic in listed["licenses"]] == [lib.short]
            refusal = await server.refused("read_entry", license_id=lib.revocable, entry_id="entry0x")
            assert "is not served here" in refusal

    anyio.run(scenario)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else b""
        with socket.socket() as s, contextlib.suppress(OSError):
            s.connect(("127.0.0.1", port))
            return
        time.sleep(0.1)  # a process starting: nothing to wait on but its port
    raise AssertionError("the server never listened")


def test_streamable_http_wants_the_bearer_token(tmp_path: Path, licensor: Identity) -> None:
    lib = Library3(tmp_path / "vault", licensor, "http://127.0.0.1:9/none")
    token = "k3y-" + "z" * 40
    token_file = tmp_path / "token"
    token_file.write_text(token + "\n")
    clock_file = tmp_path / "clock"
    clock_file.write_text(str(START), "ascii")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/mcp"
    args = ["--vault", str(lib.path), "mcp", "--http", f"127.0.0.1:{port}", "--token-file", str(token_file)]
    process = subprocess.Popen(
        [sys.executable, "-c", "from tests.test_mcp_server import serve; serve()", *args],
        cwd=ROOT,
        env={**os.environ, "KNOWHOLD_PASSPHRASE": PASSPHRASE, CLOCK_FILE: str(clock_file)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for_port(port, process)

        async def scenario() -> None:
            hello = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {}}
            for headers in ({}, {"Authorization": "Bearer " + token[:-1] + "y"}, {"Authorization": token}):
                async with httpx2.AsyncClient(headers=headers) as http:
                    answer = await http.post(url, json=hello)
                    assert answer.status_code == 401 and "licens" not in answer.text
            authorized = httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"})
            async with authorized, Client(streamable_http_client(url, http_client=authorized)) as client:
                listed = (await client.call_tool("list_licenses", {})).structured_content
                assert listed is not None
                assert {lic["license_id"] for lic in listed["licenses"]} == {lib.short, lib.revocable}

        anyio.run(scenario)
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl+C: the server stops, then the vault is closed
        out, err = process.communicate(timeout=WAIT)
    assert process.returncode == 130, err
    assert err.endswith(b"knowhold: interrupted; nothing half-written was kept.\n") and out == b""
    assert b"Traceback" not in err
