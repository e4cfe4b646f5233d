"""The employer's library: ingest, and enforcement when content is read.

Status documents, refresh and receipts are in test_received_status; the time floor and
enforcement at every touch in test_time_floor.

Parties, packages and status documents come from tests/licensing_kit.py.
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.errors import (
    ClockRollback,
    Expired,
    KeyChanged,
    Malformed,
    NotAddressed,
    NotFound,
    NotPermitted,
    NotYetValid,
    Revoked,
    StatusStale,
    Untrusted,
    VaultCorrupt,
)
from knowhold.vault.licensing import sshsig
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.clockguard import LATEST_SEEN_KEY
from knowhold.vault.licensing.identity import Contacts, Identity, load_identity
from knowhold.vault.licensing.package import assemble, check_content, new_license_id, parse_package
from knowhold.vault.licensing.received import Library
from knowhold.vault.store.schema import MIGRATIONS, current_version, migrate
from tests.conftest import START, FakeClock
from tests.licensing_kit import (
    BODY,
    DAY,
    BareVault,
    entries,
    flip_offsets,
    flipped,
    make_package,
    make_status,
    me,
    snapshot,
    trust,
)


def test_ingest_trusted_contact_and_read(library: Library, employer: Vault, licensor: Identity) -> None:
    trust(employer, licensor)
    data = make_package(licensor, me(employer))
    record = library.ingest(data)
    assert record.status == "active" and record.changed
    assert record.licensor.name == "Li Wei" and record.expires_at == START + 30 * DAY
    _shown, items = library.show(record.license_id)
    assert [e.id for e in items] == ["entry0x", "entry1x"]
    assert items[0].body.startswith(BODY)
    assert items[0].notice.startswith(
        f"Licensed by Li Wei to Acme Support under Knowhold license {record.license_id}"
    )
    _r, one = library.show(record.license_id[:8], "entry1x")
    assert [e.id for e in one] == ["entry1x"]
    events = [(e.event, e.license_id) for e in AuditLog(employer.db).events()]
    assert events == [
        ("ingested", record.license_id),
        ("viewed", record.license_id),
        ("viewed", record.license_id),
    ]
    viewed = AuditLog(employer.db).events()[-1].detail
    assert viewed["entries"] == ["entry1x"] and BODY not in str(AuditLog(employer.db).events())
    with pytest.raises(NotFound):
        library.show(record.license_id, "nope")


def test_ingest_returns_what_the_library_reads_back(
    library: Library, employer: Vault, licensor: Identity
) -> None:
    # ingest builds its record from the package it checked; get reads and checks the stored row.
    trust(employer, licensor)
    data = make_package(licensor, me(employer), not_before=START + DAY, max_status_age=DAY)
    record = library.ingest(data)
    assert record.status == "not-yet-valid"
    assert record == library.get(record.license_id) == library.licenses()[0]
    again = library.ingest(data)
    assert again.changed is False
    assert again == dataclasses.replace(library.get(record.license_id), changed=False)


def test_a_stored_manifest_is_checked_again_on_every_use(
    library: Library, employer: Vault, licensor: Identity, stranger: Identity
) -> None:
    # The manifest kept in the library goes through parse_manifest whenever it is
    # used: terms changed in the database, or a signature swapped, are refused.
    trust(employer, licensor)
    record = library.ingest(make_package(licensor, me(employer)))
    lid = record.license_id
    c = employer.db.conn
    manifest, signature = c.execute("SELECT manifest, signature FROM received").fetchone()
    widened = bytes(manifest).replace(b'"ai-training":false', b'"ai-training":true')
    assert widened != bytes(manifest)
    c.execute("UPDATE received SET manifest = ?", (widened,))
    uses = (
        library.licenses,
        lambda: library.get(lid),
        lambda: library.show(lid),
        lambda: library.accept(lid),
    )
    for use in uses:
        with pytest.raises(Malformed, match="signature is not valid"):
            use()
    resigned = stranger.sign(sshsig.NS_MANIFEST, bytes(manifest))
    c.execute("UPDATE received SET manifest = ?, signature = ?", (bytes(manifest), resigned))
    with pytest.raises(Malformed, match="not its licensor"):
        library.show(lid)
    c.execute("UPDATE received SET signature = ?", (signature,))
    assert library.show(lid)[0].license_id == lid


def test_content_is_stored_encrypted(library: Library, employer: Vault, licensor: Identity) -> None:
    trust(employer, licensor)
    library.ingest(make_package(licensor, me(employer)))
    employer.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = b"".join(p.read_bytes() for p in employer.path.iterdir() if p.is_file())
    assert BODY.encode() not in raw and b"Escalate early" not in raw


def test_unknown_licensor_needs_trust_then_is_pinned(
    library: Library, employer: Vault, licensor: Identity
) -> None:
    data = make_package(licensor, me(employer))
    before = snapshot(employer)
    with pytest.raises(Untrusted) as exc:
        library.ingest(data)
    assert exc.value.exit_code == 16 and licensor.public.fingerprint in exc.value.message
    assert snapshot(employer) == before
    record = library.ingest(data, trust=True)
    contact = Contacts(employer.db).by_signing_key(licensor.public.signing_key)
    assert contact is not None and contact.name == "Li Wei" and not contact.verified
    assert AuditLog(employer.db).events()[-1].detail["pinned"] is True
    # The next package from the same licensor needs no --trust.
    assert library.ingest(make_package(licensor, me(employer))).licensor == record.licensor


def test_impostor_with_a_known_name_is_a_key_change(
    library: Library, employer: Vault, licensor: Identity
) -> None:
    trust(employer, licensor)
    impostor = Identity.generate("Li Wei", created_at=START)
    data = make_package(impostor, me(employer))
    before = snapshot(employer)
    with pytest.raises(Untrusted):
        library.ingest(data)
    with pytest.raises(KeyChanged):
        library.ingest(data, trust=True)
    assert snapshot(employer) == before


def test_reingest_same_package_changes_nothing(library: Library, employer: Vault, licensor: Identity) -> None:
    trust(employer, licensor)
    data = make_package(licensor, me(employer))
    library.ingest(data)
    before = snapshot(employer)
    again = library.ingest(data)
    assert again.changed is False and again.status == "active"
    assert snapshot(employer) == before


def test_same_license_id_with_other_manifest_is_tampering(
    library: Library, employer: Vault, licensor: Identity
) -> None:
    trust(employer, licensor)
    lid = new_license_id()
    library.ingest(make_package(licensor, me(employer), license_id=lid))
    before = snapshot(employer)
    with pytest.raises(Malformed, match="tampered"):
        library.ingest(make_package(licensor, me(employer), license_id=lid, allow=("ai-training",)))
    assert snapshot(employer) == before


# -- bad input: each refused with its code, nothing written ---------------------------------


def _refused(
    library: Library,
    employer: Vault,
    data: bytes,
    error: type[Exception],
    code: int,
    *,
    clock_read: bool = False,
) -> None:
    before = snapshot(employer)
    latest = employer.db.get_meta(LATEST_SEEN_KEY)
    with pytest.raises(error) as exc:
        library.ingest(data, trust=True)
    assert exc.value.exit_code == code, exc.value  # type: ignore[attr-defined]
    assert str(exc.value) and "\n" not in str(exc.value)
    assert snapshot(employer) == before
    if not clock_read:  # refused before the clock was even looked at
        assert employer.db.get_meta(LATEST_SEEN_KEY) == latest


def test_flipped_byte_anywhere_is_refused(library: Library, employer: Vault, licensor: Identity) -> None:
    data = make_package(licensor, me(employer))
    offsets = flip_offsets(data)
    assert len(offsets) > 40
    for offset in offsets:
        _refused(library, employer, flipped(data, offset), Malformed, 10)


@pytest.mark.parametrize("cut", [0, 1, 19, 23, 200, -1200, -29, -1])
def test_truncated_or_empty_is_refused(
    library: Library, employer: Vault, licensor: Identity, cut: int
) -> None:
    data = make_package(licensor, me(employer))
    _refused(library, employer, data[:cut], Malformed, 10)


def test_random_and_trailing_bytes_are_refused(library: Library, employer: Vault, licensor: Identity) -> None:
    rng = random.Random(7)
    for size in (1, 19, 64, 5000):
        _refused(library, employer, rng.randbytes(size), Malformed, 10)
    _refused(library, employer, b"KNOWHOLD-PACKAGE-1\n" + rng.randbytes(100), Malformed, 10)
    _refused(library, employer, make_package(licensor, me(employer)) + b"\x00", Malformed, 10)


def test_sections_cannot_be_swapped_between_packages(
    library: Library, employer: Vault, licensor: Identity
) -> None:
    a = parse_package(make_package(licensor, me(employer)))
    b = parse_package(make_package(licensor, me(employer)))
    payload_swapped = assemble(a.manifest_bytes, a.signature, a.sealed_key, b.payload)
    key_swapped = assemble(a.manifest_bytes, a.signature, b.sealed_key, a.payload)
    _refused(library, employer, payload_swapped, Malformed, 10)
    _refused(library, employer, key_swapped, Malformed, 10)


def test_package_for_another_licensee(
    library: Library, employer: Vault, licensor: Identity, other_licensee: Identity
) -> None:
    _refused(library, employer, make_package(licensor, other_licensee.public), NotAddressed, 15)


def test_manifest_resigned_by_another_key(
    library: Library, employer: Vault, licensor: Identity, stranger: Identity
) -> None:
    p = parse_package(make_package(licensor, me(employer)))
    forged = assemble(
        p.manifest_bytes, stranger.sign(sshsig.NS_MANIFEST, p.manifest_bytes), p.sealed_key, p.payload
    )
    _refused(library, employer, forged, Malformed, 10)
    # A signature made for another purpose by the right key is no manifest signature either.
    wrong_ns = assemble(
        p.manifest_bytes, licensor.sign(sshsig.NS_STATUS, p.manifest_bytes), p.sealed_key, p.payload
    )
    _refused(library, employer, wrong_ns, Malformed, 10)


def test_expired_or_revoked_package_is_not_ingested(
    library: Library, employer: Vault, licensor: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    clock.advance(31 * DAY)
    _refused(
        library, employer, make_package(licensor, me(employer), issued_at=START), Expired, 12, clock_read=True
    )


# -- enforcement on every read -----------------------------------------------------------


def _stored(employer: Vault, lid: str) -> tuple:
    return employer.db.conn.execute(
        "SELECT c.content_key IS NULL, c.payload IS NULL, destroyed_at, destroyed_reason FROM received "
        "LEFT JOIN received_content AS c USING (license_id) WHERE license_id = ?",
        (lid,),
    ).fetchone()


def test_expiry_destroys_content_and_reingest_is_refused(
    library: Library, employer: Vault, licensor: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    data = make_package(licensor, me(employer), expires_at=START + 10 * DAY)
    lid = library.ingest(data).license_id
    clock.advance(10 * DAY)
    library.show(lid)  # the last second of the license still reads
    clock.advance(1)
    assert library.licenses()[0].status == "destroyed"  # listing enforces the end too
    with pytest.raises(Expired) as exc:
        library.show(lid)
    assert exc.value.exit_code == 12 and "destroyed" in exc.value.message
    assert _stored(employer, lid) == (1, 1, START + 10 * DAY + 1, "expired")
    assert [e.event for e in AuditLog(employer.db).events(license_id=lid)][-1] == "destroyed"
    [record] = library.licenses()
    assert record.status == "destroyed" and record.destroyed_reason == "expired"
    with pytest.raises(Expired):
        library.show(lid)
    before = snapshot(employer)
    with pytest.raises(Expired, match="cannot be ingested again"):
        library.ingest(data)
    assert snapshot(employer) == before
    assert AuditLog(employer.db).verify().intact


def test_revocation_by_status_destroys(
    library: Library, employer: Vault, licensor: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    data = make_package(licensor, me(employer))
    lid = library.ingest(data).license_id
    keep = library.ingest(make_package(licensor, me(employer))).license_id
    clock.advance(DAY)
    changes = library.apply_status(
        make_status(licensor, 1, issued_at=clock.now, revoked=[(lid, clock.now, "ended")])
    )
    assert len(changes) == 2 and "revoked (ended)" in changes[1]
    assert _stored(employer, lid)[:2] == (1, 1) and _stored(employer, lid)[3] == "revoked: ended"
    with pytest.raises(Revoked) as exc:
        library.show(lid)
    assert exc.value.exit_code == 13
    library.show(keep)  # the other license of the same licensor is untouched
    with pytest.raises(Revoked):
        library.ingest(data)
    events = [e.event for e in AuditLog(employer.db).events()]
    assert events[-3:] == ["destroyed", "refreshed", "viewed"]


def test_revocation_known_before_ingest_refuses_it(
    library: Library, employer: Vault, licensor: Identity
) -> None:
    trust(employer, licensor)
    library.ingest(make_package(licensor, me(employer)))
    lid = new_license_id()
    library.apply_status(make_status(licensor, 1, revoked=[(lid, START, "")]))
    _refused(
        library, employer, make_package(licensor, me(employer), license_id=lid), Revoked, 13, clock_read=True
    )


def test_renewal_by_status_extends(
    library: Library, employer: Vault, licensor: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    lid = library.ingest(make_package(licensor, me(employer), expires_at=START + 10 * DAY)).license_id
    changes = library.apply_status(make_status(licensor, 1, renewed=[(lid, START + 40 * DAY)]))
    assert "renewed until 2026-10-31" in changes[1]
    clock.advance(20 * DAY)
    record, _items = library.show(lid)
    assert record.expires_at == START + 40 * DAY and record.status == "active"


def test_stale_status_locks_and_fresh_status_unlocks(
    library: Library, employer: Vault, licensor: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    data = make_package(licensor, me(employer), status_url="https://example.org/s", max_status_age=7 * DAY)
    lid = library.ingest(data).license_id
    library.show(lid)  # the signed manifest itself is fresh news for max_status_age
    clock.advance(7 * DAY + 1)
    with pytest.raises(StatusStale) as exc:
        library.show(lid)
    assert exc.value.exit_code == 14
    assert _stored(employer, lid) == (0, 0, None, None)  # locked, not destroyed
    assert library.licenses()[0].status == "locked"
    library.apply_status(make_status(licensor, 1, issued_at=clock.now - DAY))
    record, _items = library.show(lid)
    assert record.status == "active"
    clock.advance(6 * DAY + 1)
    with pytest.raises(StatusStale):
        library.show(lid)


def test_not_yet_valid_is_ingested_but_locked(
    library: Library, employer: Vault, licensor: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    lid = library.ingest(make_package(licensor, me(employer), not_before=START + 2 * DAY)).license_id
    assert library.get(lid).status == "not-yet-valid"
    with pytest.raises(NotYetValid) as exc:
        library.show(lid)
    assert exc.value.exit_code == 11
    clock.advance(2 * DAY)
    assert library.show(lid)[0].status == "active"


def test_clock_rollback_refuses_access(
    library: Library, employer: Vault, licensor: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    data = make_package(licensor, me(employer), expires_at=START + 10 * DAY)
    lid = library.ingest(data).license_id
    clock.advance(11 * DAY)
    with pytest.raises(Expired):
        library.show(lid)
    clock.now = START + DAY  # set back to inside the license: refused, not believed
    with pytest.raises(ClockRollback) as exc:
        library.show(lid)
    assert exc.value.exit_code == 17
    with pytest.raises(ClockRollback):
        library.ingest(make_package(licensor, me(employer), issued_at=START + DAY))
    clock.now = START + 11 * DAY - 299  # within the tolerance: fine
    with pytest.raises(Expired):
        library.show(lid)


def test_permissions_are_enforced(library: Library, employer: Vault, licensor: Identity) -> None:
    trust(employer, licensor)
    lid = library.ingest(make_package(licensor, me(employer), allow=())).license_id
    library.show(lid)  # view is always granted
    for purpose in ("ai-retrieval", "ai-training", "redistribute", "copy-excerpts"):
        with pytest.raises(NotPermitted) as exc:
            library.show(lid, purpose=purpose)
        assert exc.value.exit_code == 18


# -- the stored format ------------------------------------------------------------------------


def _insert_as_version_4(vault: BareVault, data: bytes, *, destroyed_at: int | None = None) -> str:
    """A package kept as Knowhold with schema 4 kept it: content key and ciphertext in the row."""
    package = parse_package(data)
    m = package.manifest
    content_key = check_content(package, load_identity(vault.db))
    gone = destroyed_at is not None
    vault.db.conn.execute(
        "INSERT INTO received (license_id, licensor_key, licensor_name, manifest, manifest_hash, "
        "signature, content_key, payload, not_before, expires_at, ingested_at, destroyed_at, "
        "destroyed_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            m.license_id,
            m.licensor.signing_key,
            m.licensor.name,
            package.manifest_bytes,
            package.manifest_hash,
            package.signature,
            None if gone else content_key,
            None if gone else package.payload,
            m.not_before,
            m.expires_at,
            START,
            destroyed_at,
            "expired" if gone else None,
        ),
    )
    return m.license_id


def test_a_library_from_schema_4_upgrades_with_its_content_readable(
    tmp_path: Path, clock: FakeClock, licensor: Identity
) -> None:
    # Version 5 moved each license's content out of its row into received_content.
    old = BareVault(tmp_path / "acme", clock, "Acme Support", MIGRATIONS[:4])
    try:
        trust(old, licensor)  # type: ignore[arg-type]
        live = _insert_as_version_4(old, make_package(licensor, load_identity(old.db).public))
        ended = make_package(licensor, load_identity(old.db).public, expires_at=START + DAY)
        tombstone = _insert_as_version_4(old, ended, destroyed_at=START + DAY)
        c = old.db.conn
        assert migrate(c) == current_version(c) == len(MIGRATIONS)
        columns = {r[1] for r in c.execute("PRAGMA table_info(received)")}
        assert not columns & {"content_key", "payload"}
        assert [r[0] for r in c.execute("SELECT license_id FROM received_content")] == [live]
        assert c.execute("PRAGMA foreign_key_check").fetchall() == []

        library = Library(old)  # type: ignore[arg-type]
        statuses = {r.license_id: r.status for r in library.licenses()}
        assert statuses == {live: "active", tombstone: "destroyed"}
        _record, items = library.show(live)
        assert [(e.id, e.body) for e in items] == [(e.id, e.body) for e in entries()]
        with pytest.raises(Expired):
            library.show(tombstone)
        with pytest.raises(Expired):  # still never taken again
            library.ingest(ended)
        clock.advance(31 * DAY)  # the upgraded license ends: its content goes from its new place
        assert {r.status for r in library.licenses()} == {"destroyed"}
        assert c.execute("SELECT count(*) FROM received_content").fetchone() == (0,)
    finally:
        old.close()


def test_a_live_license_whose_content_is_missing_is_a_damaged_vault(
    library: Library, employer: Vault, licensor: Identity
) -> None:
    trust(employer, licensor)
    lid = library.ingest(make_package(licensor, me(employer))).license_id
    employer.db.conn.execute("DELETE FROM received_content")
    with pytest.raises(VaultCorrupt, match="missing"):
        library.show(lid)
