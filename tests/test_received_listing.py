"""The received library listed quickly, and refreshed in two halves (for the app, issue 9).

A listing never reads a license's content (its own table since schema 5).
A stored manifest is still checked whenever it is used, but the same bytes
once while the vault is open (``manifest_memo``); ``refresh`` splits into
``status_urls`` and ``apply_fetched`` so the network can run off the vault's
thread. test_received checks that tampered rows are still refused.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from knowhold.vault import Vault
from knowhold.vault.errors import Malformed, Revoked
from knowhold.vault.licensing import manifest_memo
from knowhold.vault.licensing.fetch import Fetched
from knowhold.vault.licensing.identity import Identity
from knowhold.vault.licensing.manifest import Manifest, parse_manifest
from knowhold.vault.licensing.manifest_memo import ManifestMemo, memo_for
from knowhold.vault.licensing.package import parse_package
from knowhold.vault.licensing.received import Library
from tests.conftest import START, FakeClock
from tests.licensing_kit import DAY, BareVault, make_package, make_status, me, trust


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every manifest ``parse_manifest`` really checks, in order."""
    seen: list[bytes] = []

    def counting(manifest_bytes: bytes, signature: str) -> Manifest:
        seen.append(manifest_bytes)
        return parse_manifest(manifest_bytes, signature)

    monkeypatch.setattr(manifest_memo, "parse_manifest", counting)
    return seen


def test_a_listing_checks_each_manifest_once_while_the_vault_is_open(
    library: Library, employer: Vault, licensor: Identity, checks: list[bytes]
) -> None:
    trust(employer, licensor)
    for _ in range(3):
        library.ingest(make_package(licensor, me(employer)))  # each ingest enforces the ends of those held
    first = library.licenses()
    assert Library(employer).licenses() == first  # another Library over the same open vault
    stored = {bytes(m) for (m,) in employer.db.conn.execute("SELECT manifest FROM received")}
    assert sorted(checks) == sorted(stored)  # every one checked, none twice


@pytest.fixture
def tables_read(employer: Vault) -> Iterator[set[str]]:
    """The tables any statement reads a column of, while the test runs (SQLite's authorizer)."""
    seen: set[str] = set()

    def note(action: int, table: str | None, _column: str | None, _db: str | None, _via: str | None) -> int:
        if action == sqlcipher.SQLITE_READ and table is not None:
            seen.add(table)
        return sqlcipher.SQLITE_OK

    employer.db.conn.set_authorizer(note)
    yield seen
    employer.db.conn.set_authorizer(None)


def test_listing_and_judging_never_read_the_content(
    library: Library, employer: Vault, licensor: Identity, tables_read: set[str]
) -> None:
    # The content (key and ciphertext, up to megabytes each) has a table of its own
    # (schema version 5), so a listing reads only the rows it shows.
    trust(employer, licensor)
    lids = [library.ingest(make_package(licensor, me(employer))).license_id for _ in range(2)]
    tables_read.clear()
    library.licenses()
    library.get(lids[0])
    library.sweep()
    library.status_urls()
    assert "received" in tables_read and "received_content" not in tables_read
    library.show(lids[0])
    assert "received_content" in tables_read  # reading an entry is what reads it


def test_changed_bytes_are_checked_again_and_a_refusal_is_never_remembered(
    library: Library, employer: Vault, licensor: Identity, checks: list[bytes]
) -> None:
    trust(employer, licensor)
    library.ingest(make_package(licensor, me(employer)))
    library.licenses()
    c = employer.db.conn
    (manifest,) = c.execute("SELECT manifest FROM received").fetchone()
    widened = bytes(manifest).replace(b'"redistribute":false', b'"redistribute":true')
    assert widened != bytes(manifest)
    c.execute("UPDATE received SET manifest = ?", (widened,))
    checks.clear()
    for _ in range(2):
        with pytest.raises(Malformed, match="signature is not valid"):
            library.licenses()
    assert checks == [widened, widened]
    c.execute("UPDATE received SET manifest = ?", (bytes(manifest),))
    assert "redistribute" not in library.licenses()[0].manifest.terms.allowed


def test_the_memo_goes_with_the_database_and_keeps_to_its_budget(
    tmp_path: Path, clock: FakeClock, licensor: Identity, other_licensee: Identity
) -> None:
    vault = BareVault(tmp_path / "employer", clock, "Acme")
    memo = memo_for(vault.db)  # type: ignore[arg-type]
    assert memo_for(vault.db) is memo  # type: ignore[arg-type]
    key = id(vault.db)
    vault.close()
    del vault
    gc.collect()
    assert key not in manifest_memo._memos

    packages = [parse_package(make_package(licensor, other_licensee.public)) for _ in range(3)]
    size = len(packages[0].manifest_bytes) + len(packages[0].signature)
    small = ManifestMemo(budget=2 * size + 100)
    for p in packages:
        assert small.parse(p.manifest_bytes, p.signature) == p.manifest
    assert small._held <= 2 * size + 100 and len(small._parsed) == 2
    assert (packages[0].manifest_bytes, packages[0].signature) not in small._parsed  # oldest out first


def test_refresh_in_two_halves_gives_what_refresh_gives(
    library: Library, employer: Vault, licensor: Identity, stranger: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    trust(employer, stranger)
    lid = library.ingest(make_package(licensor, me(employer), status_url="https://a.example/s")).license_id
    library.ingest(make_package(stranger, me(employer), status_url="https://b.example/s"))
    library.ingest(make_package(licensor, me(employer), status_url="https://a.example/s"))
    ended = library.ingest(make_package(licensor, me(employer), expires_at=START + DAY)).license_id
    library.ingest(make_package(licensor, me(employer)))  # no status address: nothing to fetch

    assert library.status_urls() == ["https://a.example/s", "https://b.example/s"]
    clock.advance(2 * DAY)
    swept = library.apply_fetched([])  # nothing fetched: ends are still enforced
    assert [r.source for r in swept] == ["end dates"] and ended in swept[0].changes[0]
    revoking = make_status(licensor, 1, issued_at=START + DAY, revoked=[(lid, START, "done")])
    results = library.apply_fetched(
        [Fetched("https://a.example/s", revoking), Fetched("https://b.example/s", None, "refused")]
    )
    assert [r.source for r in results] == ["https://a.example/s", "https://b.example/s"]
    assert any("revoked" in c for c in results[0].changes)
    assert results[1].error == "refused"
    with pytest.raises(Revoked):
        library.show(lid)
    # A revoked license's address is fetched only for the live license that shares it.
    assert library.status_urls() == ["https://b.example/s", "https://a.example/s"]
    # Bytes that are not a status document are that URL's error, not an exception.
    garbled = library.apply_fetched([Fetched("https://b.example/s", b"not a status document")])
    assert garbled[0].error and not garbled[0].changes
