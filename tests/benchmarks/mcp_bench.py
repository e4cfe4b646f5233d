"""The MCP server's speed, measured for tests/benchmarks/bench.py.

Builds an employer's vault holding ``licenses`` licenses received for real
(each signed by one of three licensors, ``entries`` entries each, allowing
``ai-retrieval``), then starts ``knowhold mcp`` on it as an MCP client starts
it (its own process, the passphrase in the environment) and drives it with
the SDK's own client over standard input and output:

- ``search_knowledge`` and ``read_entry``, each call's round trip (p50 and
  p95), beside the same calls made directly on an ``AgentDesk`` in this
  process (every check and the audit record included, no protocol);
- calls per second: ``read_entry`` one after another, each audited, the way
  an agent reading a document's references would.

Nothing here asserts a figure; bench.py turns them into table rows.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import anyio
from mcp.client import Client
from mcp.client.stdio import StdioServerParameters

from knowhold.vault import Vault
from knowhold.vault.agents.desk import AgentDesk
from knowhold.vault.licensing.identity import Contacts, Identity, load_identity, make_card
from knowhold.vault.licensing.package import build_package, new_license_id
from knowhold.vault.licensing.payload import LicensedEntry
from knowhold.vault.licensing.received import Library
from knowhold.vault.licensing.terms import Revocation, Terms
from knowhold.vault.store.db import Clock
from knowhold.vault.store.keys import Argon2Params

DAY = 86400
LICENSORS = ("Li Wei", "王芳", "Maria Santos")
TOPICS = ("escalation", "rollback", "onboarding", "pricing", "incident", "复盘", "客户")
BODY = (
    "Call the customer within the hour; never answer a complaint by email first. Write down what "
    "was promised and by when, and check it the next morning. "
)
QUERIES = ("customer", "rollback plan", "复盘", "incident OR pricing", "escal*", "tag:support email")


@dataclass(frozen=True, slots=True)
class McpFigures:
    calls: int
    search_stdio: tuple[float, ...]  # ms per call, through the server's process
    search_direct: tuple[float, ...]  # ms per call, AgentDesk in this process
    read_stdio: tuple[float, ...]
    read_direct: tuple[float, ...]
    reads_per_second: float  # read_entry one after another over stdio, audited


def build(path: Path, licenses: int, entries: int, passphrase: str, clock: Clock) -> None:
    """An employer's vault with ``licenses`` licenses of ``entries`` entries each, ingested."""
    vault = Vault.create(path, passphrase, clock=clock, name="Acme Support", kdf=Argon2Params()).vault
    try:
        me = load_identity(vault.db).public
        licensors = [Identity.generate(name, created_at=clock() - DAY) for name in LICENSORS]
        for licensor in licensors:
            Contacts(vault.db).add(make_card(licensor), verified=True)
        library = Library(vault)
        for i in range(licenses):
            items = [
                LicensedEntry(
                    f"e{i}-{j}",
                    1,
                    "playbook",
                    f"{TOPICS[(i + j) % len(TOPICS)]} step {j}",
                    f"{TOPICS[j % len(TOPICS)]}: {BODY * (1 + j % 6)}",
                    ("support",),
                )
                for j in range(entries)
            ]
            data, _package = build_package(
                licensors[i % len(licensors)],
                me,
                items,
                license_id=new_license_id(),
                issued_at=clock(),
                not_before=clock(),
                expires_at=clock() + 365 * DAY,
                terms=Terms.make(allow=["ai-retrieval"], human_review=bool(i % 2)),
                revocation=Revocation(),
            )
            library.ingest(data)
    finally:
        vault.close()


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def _direct(
    path: Path, passphrase: str, clock: Clock, calls: int, reads: Sequence[tuple[str, str]]
) -> tuple[list[float], list[float]]:
    """The same calls on an ``AgentDesk`` in this process: the checks and the audit, no protocol."""
    searches, read_times = [], []
    with Vault.open_shared(path, passphrase, clock=clock) as vault:
        desk = AgentDesk(vault)
        desk.search(QUERIES[0])  # entries decrypted and indexed once, as the server's first call does
        for i in range(calls):
            start = time.perf_counter()
            desk.search(QUERIES[i % len(QUERIES)])
            searches.append(_ms(start))
            lid, eid = reads[i % len(reads)]
            start = time.perf_counter()
            desk.read(lid, eid)
            read_times.append(_ms(start))
        desk.close()
    return searches, read_times


def _reads(path: Path, passphrase: str, clock: Clock) -> list[tuple[str, str]]:
    with Vault.open_shared(path, passphrase, clock=clock) as vault:
        desk = AgentDesk(vault)
        found = [(h.license_id, h.entry_id) for q in QUERIES for h in desk.search(q, limit=20)]
        desk.close()
    return found


async def _stdio(
    path: Path, passphrase: str, calls: int, reads: Sequence[tuple[str, str]]
) -> tuple[list[float], list[float], float]:
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "knowhold.ui.launcher", "--vault", str(path), "mcp"],
        env={"KNOWHOLD_PASSPHRASE": passphrase},
    )
    searches, read_times = [], []
    async with Client(params) as client:
        await client.call_tool("search_knowledge", {"query": QUERIES[0]})  # warm, as above
        for i in range(calls):
            start = time.perf_counter()
            found = await client.call_tool("search_knowledge", {"query": QUERIES[i % len(QUERIES)]})
            searches.append(_ms(start))
            lid, eid = reads[i % len(reads)]
            start = time.perf_counter()
            read = await client.call_tool("read_entry", {"license_id": lid, "entry_id": eid})
            read_times.append(_ms(start))
            if found.is_error or read.is_error:
                raise RuntimeError(f"the benchmark's server refused a call: {found.content or read.content}")
        start = time.perf_counter()
        for i in range(calls):
            lid, eid = reads[i % len(reads)]
            await client.call_tool("read_entry", {"license_id": lid, "entry_id": eid})
        per_second = calls / (time.perf_counter() - start)
    return searches, read_times, per_second


def measure(path: Path, calls: int, passphrase: str, clock: Clock) -> McpFigures:
    """Both ways of calling on the vault ``build`` made at ``path``; ``clock`` must be the real one,
    which the server's process reads."""
    reads = _reads(path, passphrase, clock)
    search_direct, read_direct = _direct(path, passphrase, clock, calls, reads)
    search_stdio, read_stdio, per_second = anyio.run(_stdio, path, passphrase, calls, reads)
    return McpFigures(
        calls,
        tuple(search_stdio),
        tuple(search_direct),
        tuple(read_stdio),
        tuple(read_direct),
        per_second,
    )
