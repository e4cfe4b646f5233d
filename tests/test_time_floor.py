"""The employer's time floor, and ends enforced at every touch of the library.

A license's end is judged against the time floor: the latest of the local
clock seen and every signed time accepted (status documents, packages), so a
clock that is behind, or set back, cannot keep content alive that a signed
document already places after its end. Ended content is destroyed by every
command that touches the library, not only when it is read, so a copy taken
later holds nothing to revive.
"""

# The shared fixtures are imported from test_received, so their parameters shadow them.

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.errors import ClockRollback, Expired
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.clockguard import LATEST_SEEN_KEY, TOLERANCE, observe_clock
from knowhold.vault.licensing.identity import Identity
from knowhold.vault.licensing.received import Library
from knowhold.vault.licensing.skills import export_skill, prune_skills
from knowhold.vault.licensing.verify import verify_package
from tests.conftest import FAST_KDF, PASSPHRASE, START, FakeClock
from tests.licensing_kit import DAY, make_package, make_status, me, snapshot, trust

END = START + 10 * DAY
TIME_FLOOR_KEY = "time_floor"  # the meta key: part of the vault's stored format


def content_state(vault: Vault, lid: str) -> tuple[bool, bool, int | None, str | None]:
    """(key erased, ciphertext erased, destroyed_at, destroyed_reason) as stored."""
    row = vault.db.conn.execute(
        "SELECT c.content_key IS NULL, c.payload IS NULL, destroyed_at, destroyed_reason FROM received "
        "LEFT JOIN received_content AS c USING (license_id) WHERE license_id = ?",
        (lid,),
    ).fetchone()
    return (bool(row[0]), bool(row[1]), row[2], row[3])


KEPT = (False, False, None, None)


# -- signed times are a floor under the clock ------------------------------------------


def test_a_status_signed_after_the_end_ends_the_license_on_a_slow_clock(
    library: Library, employer: Vault, licensor: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    lid = library.ingest(make_package(licensor, me(employer), expires_at=END)).license_id
    clock.now = END - 3600  # the employer's clock: an hour before the end
    library.show(lid)
    signed = END + 3600  # the licensor signed an hour after it
    library.apply_status(make_status(licensor, 1, issued_at=signed))
    with pytest.raises(Expired):
        library.show(lid)
    assert content_state(employer, lid) == (True, True, signed, "expired")
    assert employer.db.get_meta(TIME_FLOOR_KEY) == str(signed)
    assert library.licenses()[0].status == "destroyed"


def test_a_package_signed_later_ends_the_licenses_before_it(
    library: Library, employer: Vault, licensor: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    lid = library.ingest(make_package(licensor, me(employer), expires_at=END)).license_id
    clock.now = END - 3600
    later = library.ingest(make_package(licensor, me(employer), issued_at=END + 3600, expires_at=END + DAY))
    assert later.status == "active"  # judged at its own signing time, not the slow clock
    with pytest.raises(Expired):
        library.show(lid)
    assert content_state(employer, lid)[:2] == (True, True)


def test_signed_times_far_ahead_of_the_clock_are_refused(
    library: Library, employer: Vault, licensor: Identity
) -> None:
    # One licensor's clock (or a forged date) must not end every other licensor's licenses.
    trust(employer, licensor)
    lid = library.ingest(make_package(licensor, me(employer))).license_id
    before = snapshot(employer)
    floor = employer.db.get_meta(TIME_FLOOR_KEY)
    with pytest.raises(ClockRollback) as exc:
        library.apply_status(make_status(licensor, 1, issued_at=START + 2 * DAY))
    assert exc.value.exit_code == 17 and "signed" in exc.value.message
    with pytest.raises(ClockRollback):
        library.ingest(make_package(licensor, me(employer), issued_at=START + 2 * DAY, expires_at=END))
    assert snapshot(employer) == before and employer.db.get_meta(TIME_FLOOR_KEY) == floor
    assert library.show(lid)[0].status == "active"


def test_verify_judges_by_the_floor(
    library: Library, employer: Vault, licensor: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    data = make_package(licensor, me(employer), expires_at=END)
    clock.now = END - 3600
    after_end = make_status(licensor, 1, issued_at=END + 3600)
    # Without a vault, a status document given is a signed time too.
    report = verify_package(data, vault=None, status=after_end, at=None, now=clock.now)
    assert {c.name: c.ok for c in report.checks}["expiry"] is False
    library.ingest(data)
    assert verify_package(data, vault=employer, status=None, at=None).exit_code == 0
    library.apply_status(after_end)
    report = verify_package(data, vault=employer, status=None, at=None)
    assert report.exit_code == 12 and {c.name: c.ok for c in report.checks}["expiry"] is False


def test_the_judging_time_never_goes_below_the_latest_seen(employer: Vault, clock: FakeClock) -> None:
    assert observe_clock(employer.db) == START
    clock.advance(1000)
    observe_clock(employer.db)
    clock.now = START + 1000 - TOLERANCE  # drift within the tolerance: accepted, judged at the latest
    assert observe_clock(employer.db) == START + 1000
    assert employer.db.get_meta(LATEST_SEEN_KEY) == str(START + 1000)
    clock.now -= 1
    with pytest.raises(ClockRollback) as exc:
        observe_clock(employer.db)
    assert exc.value.exit_code == 17 and "2026-09-21T14:30:00Z" in exc.value.message


@pytest.mark.parametrize("key", [LATEST_SEEN_KEY, TIME_FLOOR_KEY])
@pytest.mark.parametrize("value", ["garbage", "", "-5", " 12", "\u0661\u0662", "1e9", "99999999999999999"])
def test_a_damaged_time_record_fails_closed(
    library: Library, employer: Vault, licensor: Identity, key: str, value: str
) -> None:
    trust(employer, licensor)
    data = make_package(licensor, me(employer))
    lid = library.ingest(data).license_id
    with employer.db.transaction():
        employer.db.set_meta(key, value)
    uses: list[Callable[[], object]] = [
        library.licenses,
        lambda: library.get(lid),
        lambda: library.show(lid),
        lambda: library.accept(lid),
        lambda: library.refresh(fetch=lambda url: b""),
    ]
    for use in uses:
        with pytest.raises(ClockRollback) as exc:
            use()
        assert type(exc.value).__name__ == "ClockRecordDamaged" and exc.value.exit_code == 17
        assert "\n" not in exc.value.message
    assert content_state(employer, lid) == KEPT and employer.db.get_meta(key) == value
    report = verify_package(data, vault=employer, status=None, at=None)
    assert report.exit_code == 17 and {c.name: c.ok for c in report.checks}["clock"] is False


# -- every touch of the library enforces ends first ------------------------------------

Use = Callable[[Library, str, Path], object]
TOUCHES: dict[str, Use] = {
    "list": lambda lib, other, tmp: lib.licenses(),
    "get": lambda lib, other, tmp: lib.get(other),
    "show": lambda lib, other, tmp: lib.show(other),
    "accept": lambda lib, other, tmp: lib.accept(other),
    "refresh": lambda lib, other, tmp: lib.refresh(fetch=lambda url: b""),
    "prune-skills": lambda lib, other, tmp: prune_skills(lib, tmp),
    "export-skill": lambda lib, other, tmp: export_skill(lib, other, tmp / "skills"),
}


@pytest.mark.parametrize("touch", sorted(TOUCHES))
def test_every_touch_destroys_ended_content_and_records_the_time(
    library: Library, employer: Vault, licensor: Identity, clock: FakeClock, tmp_path: Path, touch: str
) -> None:
    trust(employer, licensor)
    ended = library.ingest(make_package(licensor, me(employer), expires_at=START + DAY)).license_id
    other = library.ingest(make_package(licensor, me(employer))).license_id
    clock.advance(2 * DAY)
    TOUCHES[touch](library, other, tmp_path)
    assert content_state(employer, ended) == (True, True, START + 2 * DAY, "expired")
    assert AuditLog(employer.db).events(license_id=ended)[-1].event == "destroyed"
    assert employer.db.get_meta(LATEST_SEEN_KEY) == str(START + 2 * DAY)
    assert content_state(employer, other) == KEPT


def test_ingest_destroys_ended_content_first(
    library: Library, employer: Vault, licensor: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    ended = library.ingest(make_package(licensor, me(employer), expires_at=START + DAY)).license_id
    clock.advance(2 * DAY)
    library.ingest(make_package(licensor, me(employer), issued_at=clock.now, expires_at=END))
    assert content_state(employer, ended)[:3] == (True, True, START + 2 * DAY)


def test_the_apps_backup_destroys_ended_content_first(
    tmp_path: Path, clock: FakeClock, licensor: Identity
) -> None:
    from knowhold.ui.session import VaultSession

    path = tmp_path / "acme"
    with Vault.create(path, PASSPHRASE, clock=clock, name="Acme Support", kdf=FAST_KDF).vault as vault:
        trust(vault, licensor)
        lid = Library(vault).ingest(make_package(licensor, me(vault), expires_at=START + DAY)).license_id
    clock.advance(2 * DAY)
    session = VaultSession(path, clock)
    session.unlock(PASSPHRASE)
    try:
        session.backup_to(tmp_path / "acme.backup")
    finally:
        session.lock()
    with Vault.open(path, PASSPHRASE, clock=clock) as vault:
        assert content_state(vault, lid) == (True, True, START + 2 * DAY, "expired")
        assert vault.db.get_meta(LATEST_SEEN_KEY) == str(START + 2 * DAY)
