"""The received view's speed with many licenses, measured for tests/benchmarks/bench.py.

Builds an employer's vault holding ``n`` licenses received for real (each a
package signed by one of five licensors, two with Chinese names, and taken
in by ``Library.ingest``: 1 to 20 entries, paid by the month, once, by the
year or not at all, ending over the next year, a third with a maximum status
age), then measures what the employer waits for on choosing "Received" in
the sidebar: ``ReceivedView.reload()`` until the table is filled and drawn,
on the real ``VaultSession`` and serial ``TaskRunner``:

- open: with the manifests already checked once, as they are after the
  status refresher's first run at unlock (the app's case);
- first read: nothing remembered, just after the vault was opened: every
  stored manifest's signature checked (``vault.licensing.manifest_memo``);
- the baseline beside each: ``Library.licenses()`` alone on the same vault,
  in the same state (remembered, or just opened).

And what an employer waits for on clicking one entry of a license near the
package limits (40 entries carrying 60 MiB of pictures): ``Library.show``
of that entry, and of every entry, against the floor any read pays, the
stored payload read and decrypted alone (the AEAD needs it whole); with the
most memory each allocates (``tracemalloc``).

Nothing here asserts a figure; bench.py turns them into table rows.
"""

from __future__ import annotations

import random
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from knowhold.ui.licensing.received_view import ReceivedView
from knowhold.ui.settings import Settings
from knowhold.vault import Vault
from knowhold.vault.licensing.identity import Contacts, Identity, load_identity, make_card
from knowhold.vault.licensing.package import AAD_PREFIX, NONCE_BYTES, build_package, new_license_id
from knowhold.vault.licensing.payload import LicensedEntry, LicensedFile
from knowhold.vault.licensing.received import Library
from knowhold.vault.licensing.received_store import ReceivedStore
from knowhold.vault.licensing.terms import Revocation, Terms
from knowhold.vault.store.db import Clock
from knowhold.vault.store.keys import Argon2Params
from tests.benchmarks.gui_bench import _drain, _wait, unwrap_key
from tests.benchmarks.ledger_bench import view_opens

DAY = 86400
LICENSORS = ("Li Wei", "王芳", "Maria Santos", "陈思远", "Tom Becker")
PAY = ((("1200", "EUR"), "month"), (("500", "EUR"), "once"), (("8000", "CNY"), "year"), (None, None))
BODY = "Call the customer within the hour; never answer a complaint by email first. " * 8


@dataclass(frozen=True, slots=True)
class ReceivedFigures:
    licenses: int
    opens: tuple[float, ...]  # ms, manifests remembered
    first_reads: tuple[float, ...]  # ms, nothing remembered, the vault just opened
    core: tuple[float, ...]  # ms, Library.licenses() alone, remembered
    core_first: tuple[float, ...]  # ms, Library.licenses() alone, just opened


@dataclass(frozen=True, slots=True)
class ReadFigures:
    entries: int
    files_mib: int
    one: tuple[float, ...]  # ms, Library.show of one entry
    every: tuple[float, ...]  # ms, Library.show of every entry
    floor: tuple[float, ...]  # ms, the stored payload read and decrypted alone
    one_peak: float  # MiB, the most tracemalloc saw allocated at once
    every_peak: float
    floor_peak: float


def build(path: Path, n: int, passphrase: str, clock: Clock) -> None:
    """An employer's vault with ``n`` licenses received from five licensors, ingested as the app does."""
    vault = Vault.create(path, passphrase, clock=clock, name="Acme Support", kdf=Argon2Params()).vault
    try:
        me = load_identity(vault.db).public
        licensors = [Identity.generate(name, created_at=clock() - DAY) for name in LICENSORS]
        for licensor in licensors:
            Contacts(vault.db).add(make_card(licensor), verified=True)
        library = Library(vault)
        for i in range(n):
            fee, per = PAY[i % len(PAY)]
            items = [
                LicensedEntry(f"e{i}-{j}", 1, "playbook", f"Escalation step {j} 升级步骤", BODY, ("support",))
                for j in range(1 + i % 20)
            ]
            data, _package = build_package(
                licensors[i % len(licensors)],
                me,
                items,
                license_id=new_license_id(),
                issued_at=clock(),
                not_before=clock(),
                expires_at=clock() + (30 + i % 365) * DAY,
                terms=Terms.make(allow=["ai-retrieval"], human_review=bool(i % 2), fee=fee, per=per),
                revocation=Revocation.make(None, 7 * DAY) if i % 3 == 0 else Revocation(),
            )
            library.ingest(data)
    finally:
        vault.close()


def _wait_loaded(view: ReceivedView) -> None:
    """Run the event loop until the view's table has been filled, then let it draw."""
    loaded: list[bool] = []

    def done(*_args: object) -> None:
        loaded.append(True)

    view.model.modelReset.connect(done)
    view.reload()
    _wait(lambda: bool(loaded), "the received view's load", (view.model.modelReset,))
    view.model.modelReset.disconnect(done)
    _drain()


def _core(path: Path, key: bytes, clock: Clock, runs: int) -> tuple[list[float], list[float]]:
    """``Library.licenses()`` alone: the first call on a vault just opened, then the calls after it."""
    first, again = [], []
    for _ in range(runs):
        vault = Vault._open(path, lambda _keyfile: bytearray(key), clock)
        try:
            for times in (first, again):
                start = time.perf_counter()
                Library(vault).licenses()
                times.append((time.perf_counter() - start) * 1000)
        finally:
            vault.close()
    return first, again


def measure(path: Path, n: int, passphrase: str, runs: int, workdir: Path, clock: Clock) -> ReceivedFigures:
    """The received view's opens on the vault ``build`` made at ``path``."""
    key = unwrap_key(path, passphrase)
    core_first, core = _core(path, key, clock, runs)

    settings = Settings.at(workdir / "received-bench.ini")
    first_reads, opens = view_opens(
        path, key, clock, lambda session: ReceivedView(session, settings), _wait_loaded, n, runs, "received"
    )
    return ReceivedFigures(n, opens, first_reads, tuple(core), tuple(core_first))


def read_cost(
    path: Path, passphrase: str, runs: int, clock: Clock, *, entries: int = 40, mib: int = 60
) -> ReadFigures:
    """Reading one entry of a license of ``entries`` entries carrying ``mib`` MiB of pictures
    together (random bytes: pictures do not compress), ingested into a new vault at ``path``."""
    rng = random.Random(7)
    size = mib * 1024 * 1024 // entries
    items = [
        LicensedEntry(
            f"e{i}",
            1,
            "playbook",
            f"Escalation step {i} 升级步骤",
            BODY,
            ("support",),
            files=(LicensedFile(f"flow-{i}.png", "image/png", rng.randbytes(size)),),
        )
        for i in range(entries)
    ]
    vault = Vault.create(path, passphrase, clock=clock, name="Acme Support", kdf=Argon2Params()).vault
    try:
        licensor = Identity.generate(LICENSORS[0], created_at=clock() - DAY)
        Contacts(vault.db).add(make_card(licensor), verified=True)
        data, _package = build_package(
            licensor,
            load_identity(vault.db).public,
            items,
            license_id=new_license_id(),
            issued_at=clock(),
            not_before=clock(),
            expires_at=clock() + 365 * DAY,
            terms=Terms.make(allow=["ai-retrieval"], human_review=False),
            revocation=Revocation(),
        )
        del items
        library = Library(vault)
        lid = library.ingest(data).license_id
        del data
        store = ReceivedStore(vault.db)

        def floor() -> None:
            row = store.resolve(lid)
            content = store.content(row)
            payload = content.payload
            aead = ChaCha20Poly1305(content.content_key)
            aead.decrypt(
                payload[:NONCE_BYTES], memoryview(payload)[NONCE_BYTES:], AAD_PREFIX + row.manifest_hash
            )

        middle = f"e{entries // 2}"
        cases: tuple[Callable[[], object], ...] = (
            lambda: library.show(lid, middle),
            lambda: library.show(lid),
            floor,
        )
        one: list[float] = []
        every: list[float] = []
        alone: list[float] = []
        for _ in range(runs):
            for case, taken in zip(cases, (one, every, alone), strict=True):
                start = time.perf_counter()
                case()
                taken.append((time.perf_counter() - start) * 1000)
        one_peak, every_peak, floor_peak = (_peak_mib(case) for case in cases)
    finally:
        vault.close()
    return ReadFigures(entries, mib, tuple(one), tuple(every), tuple(alone), one_peak, every_peak, floor_peak)


def _peak_mib(case: Callable[[], object]) -> float:
    """The most memory ``case`` had allocated at once, in MiB (Python's allocations: the bytes
    objects of the payload, its plaintext and the parser's own buffers all go through them)."""
    tracemalloc.start()
    try:
        case()
        return tracemalloc.get_traced_memory()[1] / (1024 * 1024)
    finally:
        tracemalloc.stop()
