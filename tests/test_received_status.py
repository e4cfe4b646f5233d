"""The employer's library: status documents, refresh, acceptance, and both sides together.

Split from test_received (ingest and enforcement), whose helpers and fixtures it shares.
"""

# The shared fixtures are imported from test_received, so their parameters shadow them.

from __future__ import annotations

from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.errors import Expired, Malformed, Revoked
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.identity import Contacts, Identity, load_identity, make_card
from knowhold.vault.licensing.package import parse_package
from knowhold.vault.licensing.receipts import parse_receipt
from knowhold.vault.licensing.received import Library
from knowhold.vault.licensing.terms import Revocation, Terms
from tests.conftest import START, FakeClock
from tests.licensing_kit import BODY, DAY, make_package, make_status, me, snapshot, status_signed_by, trust


def _stored(employer: Vault, lid: str) -> tuple:
    return employer.db.conn.execute(
        "SELECT c.content_key IS NULL, c.payload IS NULL FROM received "
        "LEFT JOIN received_content AS c USING (license_id) WHERE license_id = ?",
        (lid,),
    ).fetchone()


# -- status documents ---------------------------------------------------------------------


def test_status_rollback_tampering_and_repeat(library: Library, employer: Vault, licensor: Identity) -> None:
    trust(employer, licensor)
    library.ingest(make_package(licensor, me(employer)))
    second = make_status(licensor, 2, issued_at=START + 100)
    assert library.apply_status(second)
    assert library.apply_status(second) == []  # the same document again: no change
    before = snapshot(employer)
    with pytest.raises(Malformed, match="rollback"):
        library.apply_status(make_status(licensor, 1, issued_at=START + 200))
    with pytest.raises(Malformed, match="tampering"):
        library.apply_status(make_status(licensor, 2, issued_at=START + 300))
    assert snapshot(employer) == before


def test_status_from_someone_else_is_refused(
    library: Library, employer: Vault, licensor: Identity, stranger: Identity
) -> None:
    trust(employer, licensor)
    library.ingest(make_package(licensor, me(employer)))
    before = snapshot(employer)
    with pytest.raises(Malformed, match="not from a licensor"):
        library.apply_status(make_status(stranger, 1))
    with pytest.raises(Malformed):
        library.apply_status(status_signed_by(stranger, licensor))
    assert snapshot(employer) == before


def test_refresh_fetches_each_url_and_reports_failures(
    library: Library, employer: Vault, licensor: Identity, stranger: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    trust(employer, stranger)
    lid = library.ingest(make_package(licensor, me(employer), status_url="https://a.example/s")).license_id
    library.ingest(make_package(stranger, me(employer), status_url="https://b.example/s"))
    library.ingest(make_package(licensor, me(employer), status_url="https://a.example/s"))
    asked: list[str] = []

    def fetch(url: str) -> bytes:
        asked.append(url)
        if url.startswith("https://b."):
            raise OSError("connection refused")
        return make_status(licensor, 1, revoked=[(lid, START, "done")])

    results = library.refresh(fetch=fetch)
    # Fetched at once, so in either order; each URL once, and the results in the URLs' order.
    assert sorted(asked) == ["https://a.example/s", "https://b.example/s"]
    assert [r.source for r in results] == ["https://a.example/s", "https://b.example/s"]
    assert results[0].error is None and any("revoked" in c for c in results[0].changes)
    assert results[1].error == "connection refused" and results[1].changes == ()
    with pytest.raises(Revoked):
        library.show(lid)
    # Once revoked and destroyed, its URL is no longer fetched for it; a file can still be given.
    assert (
        library.refresh(status_file=make_status(licensor, 1, revoked=[(lid, START, "done")]))[0].changes == ()
    )


def test_refresh_sweeps_ended_licenses(
    library: Library, employer: Vault, licensor: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    lid = library.ingest(make_package(licensor, me(employer), expires_at=START + DAY)).license_id
    clock.advance(2 * DAY)
    results = library.refresh(fetch=lambda url: b"")
    assert results[-1].source == "end dates" and lid in results[-1].changes[0]
    assert _stored(employer, lid)[:2] == (1, 1)


def test_fetch_refuses_other_schemes() -> None:
    from knowhold.vault.errors import LicenseError
    from knowhold.vault.licensing.received import fetch_status

    for url in ("file:///etc/passwd", "ftp://example.org/s", "data:,x"):
        with pytest.raises(LicenseError, match="only http"):
            fetch_status(url)


# -- acceptance -------------------------------------------------------------------------


def test_accept_signs_a_receipt(
    library: Library, employer: Vault, licensor: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    data = make_package(licensor, me(employer))
    lid = library.ingest(data).license_id
    clock.advance(60)
    receipt = parse_receipt(library.accept(lid), me(employer).signing_key)
    assert receipt.license_id == lid and receipt.accepted_at == START + 60
    assert receipt.manifest_hash == parse_package(data).manifest_hash
    assert AuditLog(employer.db).events()[-1].event == "accepted"


def test_accept_refused_once_destroyed(
    library: Library, employer: Vault, licensor: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    lid = library.ingest(make_package(licensor, me(employer), expires_at=START + DAY)).license_id
    clock.advance(2 * DAY)
    with pytest.raises(Expired):
        library.accept(lid)
    with pytest.raises(Expired):
        library.accept(lid)


# -- both sides together ------------------------------------------------------------------


def test_worker_and_employer_end_to_end(
    vault: Vault, employer: Vault, clock: FakeClock, tmp_path: Path
) -> None:
    """Issued by the worker's ledger, ingested, accepted, renewed and revoked through real files."""
    from knowhold.vault.licensing.ledger import Ledger

    worker = load_identity(vault.db)
    Contacts(vault.db).add(make_card(load_identity(employer.db)), verified=True)
    Contacts(employer.db).add(make_card(worker), verified=True)
    entry = vault.entries.add("playbook", "Escalate early", BODY, ["support"]).id
    ledger = Ledger(vault)
    pkg = tmp_path / "acme.knowhold"
    record = ledger.issue(
        to="Acme Support",
        entry_ids=[entry],
        expires_at=START + 10 * DAY,
        terms=Terms.make(allow=["ai-retrieval"]),
        revocation=Revocation(),
        out=pkg,
    )
    library = Library(employer)
    lid = library.ingest(pkg.read_bytes()).license_id
    assert lid == record.license_id
    assert library.show(lid)[1][0].body == BODY
    assert ledger.import_receipt(library.accept(lid)).status == "accepted"

    ledger.renew(lid, START + 20 * DAY)
    library.apply_status(ledger.publish_status(tmp_path / "s1.status").read_bytes())
    clock.advance(15 * DAY)
    assert library.show(lid)[0].expires_at == START + 20 * DAY

    ledger.revoke(lid, "contract ended")
    library.apply_status(ledger.publish_status(tmp_path / "s2.status").read_bytes())
    with pytest.raises(Revoked):
        library.show(lid)
    with pytest.raises(Malformed, match="rollback"):
        library.apply_status((tmp_path / "s1.status").read_bytes())
