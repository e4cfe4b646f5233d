"""verify_package: every check reported, the exit code the first failing in CHECK_ORDER."""

# The shared fixtures are imported from test_received, so their parameters shadow them.

from __future__ import annotations

import random
import re

import pytest

from knowhold.vault import Vault, i18n
from knowhold.vault.licensing import received, verify
from knowhold.vault.licensing.clockguard import LATEST_SEEN_KEY
from knowhold.vault.licensing.identity import Identity
from knowhold.vault.licensing.package import assemble, parse_package
from knowhold.vault.licensing.received import Library
from knowhold.vault.licensing.verify import VerifyReport, verify_package
from tests.conftest import START, FakeClock
from tests.licensing_kit import (
    DAY,
    entries,
    flip_offsets,
    flipped,
    make_package,
    make_status,
    me,
    snapshot,
    status_signed_by,
    trust,
)

NAMES = [
    "format",
    "integrity",
    "addressed",
    "clock",
    "not-before",
    "expiry",
    "revocation",
    "status",
    "trust",
    "permissions",
]


def by_name(report: VerifyReport) -> dict[str, bool | None]:
    return {c.name: c.ok for c in report.checks}


def test_vault_received_still_offers_verify() -> None:
    # verify_package moved to vault.verify; the CLI's and scripts' old import keeps working.
    from knowhold.vault.licensing.received import Check as OldCheck
    from knowhold.vault.licensing.received import VerifyReport as OldReport
    from knowhold.vault.licensing.received import verify_package as old_verify

    assert (old_verify, OldReport, OldCheck) == (verify_package, VerifyReport, verify.Check)
    assert {"verify_package", "VerifyReport", "Check"} <= set(received.__all__)


def test_valid_with_a_verified_contact(employer: Vault, licensor: Identity) -> None:
    trust(employer, licensor)
    data = make_package(licensor, me(employer))
    report = verify_package(data, vault=employer, status=None, at=None)
    assert [c.name for c in report.checks] == NAMES
    assert report.valid and report.exit_code == 0
    assert report.license_id == parse_package(data).manifest.license_id
    ok = by_name(report)
    assert all(ok[n] for n in NAMES if n not in ("status", "permissions"))
    assert ok["status"] is None and ok["permissions"] is None
    details = {c.name: c.detail for c in report.checks}
    assert details["trust"].startswith("verified contact Li Wei")
    assert "ai-retrieval" in details["permissions"] and "reviewed by a person" in details["permissions"]
    assert details["integrity"] == "2 entries decrypt and match their hashes"
    one = make_package(licensor, me(employer), items=entries(1))
    integrity = next(
        c for c in verify_package(one, vault=employer, status=None, at=None).checks if c.name == "integrity"
    )
    assert integrity.detail == "1 entry decrypts and matches its hash"


def test_known_but_unverified_contact_passes_and_says_so(employer: Vault, licensor: Identity) -> None:
    trust(employer, licensor, verified=False)
    report = verify_package(make_package(licensor, me(employer)), vault=employer, status=None, at=None)
    assert report.valid
    assert next(c for c in report.checks if c.name == "trust").detail.startswith("known, not verified")


def test_without_a_vault_trust_is_unknown(licensor: Identity, other_licensee: Identity) -> None:
    data = make_package(licensor, other_licensee.public)
    report = verify_package(data, vault=None, status=None, at=None, now=START)
    ok = by_name(report)
    assert report.exit_code == 16 and not report.valid
    assert ok["format"] and ok["not-before"] and ok["expiry"] and ok["revocation"]
    assert ok["integrity"] is None and ok["addressed"] is None and ok["clock"] is None
    assert ok["trust"] is False
    with pytest.raises(ValueError):
        verify_package(data, vault=None, status=None, at=None)


def test_unknown_licensor_with_a_vault_is_16(employer: Vault, licensor: Identity) -> None:
    report = verify_package(make_package(licensor, me(employer)), vault=employer, status=None, at=None)
    assert report.exit_code == 16 and [c.name for c in report.checks if c.ok is False] == ["trust"]


def test_bad_bytes_report_format_and_write_nothing(employer: Vault, licensor: Identity) -> None:
    trust(employer, licensor)
    data = make_package(licensor, me(employer))
    before = snapshot(employer)
    rng = random.Random(3)
    bad = [flipped(data, o) for o in flip_offsets(data, 24)]
    bad += [b"", data[:100], data[:-1], data + b"x", rng.randbytes(3000)]
    unreadable = 0
    for sample in bad:
        report = verify_package(sample, vault=employer, status=None, at=None)
        assert report.exit_code == 10 and not report.valid
        if by_name(report)["format"] is False:
            unreadable += 1
            assert report.license_id is None and report.checks[0].detail
            # Nothing else can be judged from an unreadable package, except the clock.
            assert [c.name for c in report.checks if c.ok is not None] == ["format", "clock"]
        else:  # a flip in the sealed key or the payload: only decrypting finds it
            assert by_name(report)["integrity"] is False
    assert 10 < unreadable < len(bad)
    assert snapshot(employer) == before


def test_swapped_payload_fails_integrity_in_the_licensees_vault(employer: Vault, licensor: Identity) -> None:
    trust(employer, licensor)
    a = parse_package(make_package(licensor, me(employer)))
    b = parse_package(make_package(licensor, me(employer)))
    mixed = assemble(a.manifest_bytes, a.signature, a.sealed_key, b.payload)
    report = verify_package(mixed, vault=employer, status=None, at=None)
    assert (
        report.exit_code == 10 and by_name(report)["format"] is True and by_name(report)["integrity"] is False
    )


def test_another_licensee_is_15(employer: Vault, licensor: Identity, other_licensee: Identity) -> None:
    trust(employer, licensor)
    report = verify_package(
        make_package(licensor, other_licensee.public), vault=employer, status=None, at=None
    )
    assert report.exit_code == 15
    assert by_name(report)["integrity"] is None  # only the licensee can decrypt


def test_exit_code_precedence(
    employer: Vault, licensor: Identity, other_licensee: Identity, clock: FakeClock
) -> None:
    expired_elsewhere = make_package(licensor, other_licensee.public, expires_at=START + DAY)
    expired_mine = make_package(licensor, me(employer), expires_at=START + DAY)
    clock.advance(2 * DAY)
    # Addressed elsewhere (15) and expired (12) and untrusted (16): 15 first.
    r = verify_package(expired_elsewhere, vault=employer, status=None, at=None)
    assert {c.code for c in r.checks if c.ok is False} == {15, 12, 16} and r.exit_code == 15
    # Expired (12) and untrusted (16): 12.
    assert verify_package(expired_mine, vault=employer, status=None, at=None).exit_code == 12
    # Revoked (13) and not yet valid (11): 11.
    future = make_package(licensor, me(employer), issued_at=clock.now, not_before=clock.now + DAY)
    lid = parse_package(future).manifest.license_id
    revoked = make_status(licensor, 1, issued_at=clock.now, revoked=[(lid, clock.now, "no")])
    r = verify_package(future, vault=employer, status=revoked, at=None)
    assert {c.code for c in r.checks if c.ok is False} == {11, 13, 16} and r.exit_code == 11
    # A clock set back (17) beats expiry (12).
    clock.advance(-DAY)
    r = verify_package(expired_mine, vault=employer, status=None, at=None)
    assert {c.code for c in r.checks if c.ok is False} == {17, 12, 16} and r.exit_code == 17


def test_status_given_revokes_and_bad_status_is_10(
    employer: Vault, licensor: Identity, stranger: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    data = make_package(licensor, me(employer))
    lid = parse_package(data).manifest.license_id
    revoked = make_status(licensor, 3, revoked=[(lid, START, "contract ended")])
    r = verify_package(data, vault=employer, status=revoked, at=None)
    assert r.exit_code == 13
    assert next(c for c in r.checks if c.name == "revocation").detail.endswith("contract ended")
    # Signed by someone else: the status check fails as malformed.
    for bad in (status_signed_by(stranger, licensor), make_status(stranger, 1), b"garbage"):
        r = verify_package(data, vault=employer, status=bad, at=None)
        status_check = next(c for c in r.checks if c.name == "status")
        assert r.exit_code == 10 and status_check.ok is False and status_check.code == 10


def test_status_older_than_one_seen_is_rejected(employer: Vault, licensor: Identity) -> None:
    trust(employer, licensor)
    library = Library(employer)
    data = make_package(licensor, me(employer))
    lid = library.ingest(data).license_id
    library.apply_status(make_status(licensor, 5, renewed=[(lid, START + 90 * DAY)]))
    r = verify_package(data, vault=employer, status=make_status(licensor, 4), at=None)
    assert r.exit_code == 10 and "rollback" in next(c for c in r.checks if c.name == "status").detail
    # The stored (newer) document still counts: its renewal shows.
    assert "renewed" in next(c for c in r.checks if c.name == "expiry").detail


def test_stale_status_is_14_and_a_fresh_one_passes(
    employer: Vault, licensor: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    data = make_package(licensor, me(employer), status_url="https://x.example/s", max_status_age=DAY)
    assert verify_package(data, vault=employer, status=None, at=None).valid
    clock.advance(2 * DAY)
    assert verify_package(data, vault=employer, status=None, at=None).exit_code == 14
    fresh = make_status(licensor, 1, issued_at=clock.now - 60)
    assert verify_package(data, vault=employer, status=fresh, at=None).valid


def test_at_answers_for_audits_and_changes_nothing(
    employer: Vault, licensor: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    library = Library(employer)
    data = make_package(licensor, me(employer), expires_at=START + 10 * DAY, max_status_age=DAY)
    lid = library.ingest(data).license_id
    clock.advance(3 * DAY)  # now stale: locked
    library.licenses()
    before = snapshot(employer)
    latest = employer.db.get_meta(LATEST_SEEN_KEY)
    revoked = make_status(licensor, 1, issued_at=START + 5 * DAY, revoked=[(lid, START + 5 * DAY, "")])

    then = verify_package(data, vault=employer, status=revoked, at=START + 3600)
    assert then.valid, then.checks  # before the revocation, status fresh from the manifest
    assert by_name(then)["clock"] is None
    assert verify_package(data, vault=employer, status=revoked, at=START + 6 * DAY).exit_code == 13
    assert verify_package(data, vault=employer, status=None, at=START + 11 * DAY).exit_code == 12
    assert verify_package(data, vault=employer, status=None, at=START - 1).exit_code == 11
    # Nothing was unlocked, stored or recorded, not even the clock.
    assert snapshot(employer) == before and employer.db.get_meta(LATEST_SEEN_KEY) == latest
    assert library.get(lid).status == "locked"


def test_every_check_code_has_its_error_class() -> None:
    from knowhold.vault.errors import CHECK_ERRORS, CHECK_ORDER

    assert sorted(CHECK_ERRORS) == sorted(CHECK_ORDER)
    assert all(cls.exit_code == code for code, cls in CHECK_ERRORS.items())


def test_one_table_of_checks_walked_in_check_order(employer: Vault, licensor: Identity) -> None:
    # The names are written once (verify.CHECKS); the report lists them in CHECK_ORDER.
    from knowhold.vault.errors import CHECK_ORDER

    assert [name for name, _code, _check in verify.CHECKS] == NAMES
    positions = [CHECK_ORDER.index(code) for _name, code, _check in verify.CHECKS]
    assert positions == sorted(positions) and {c for _n, c, _f in verify.CHECKS} == set(CHECK_ORDER)
    for data in (b"", make_package(licensor, me(employer))):
        report = verify_package(data, vault=employer, status=None, at=None)
        assert [(c.name, c.code) for c in report.checks] == [(n, c) for n, c, _f in verify.CHECKS]


def test_every_checks_words_are_a_translated_template_and_its_values(
    employer: Vault, licensor: Identity, stranger: Identity, other_licensee: Identity, clock: FakeClock
) -> None:
    """--json prints ``detail`` in English; a person reads it ``say``-ed, its values as they are."""
    trust(employer, licensor, verified=False)
    data = make_package(licensor, me(employer), items=entries(1), max_status_age=DAY, human_review=False)
    lid = parse_package(data).manifest.license_id
    revoked = make_status(licensor, 2, revoked=[(lid, START, "")])
    reports = [
        verify_package(data, vault=employer, status=None, at=None),
        verify_package(data, vault=employer, status=b"garbage", at=None),
        verify_package(data, vault=employer, status=revoked, at=None),
        verify_package(data, vault=employer, status=None, at=START - 1),
        verify_package(b"not a package", vault=employer, status=None, at=None),
        verify_package(make_package(licensor, other_licensee.public), vault=employer, status=None, at=None),
        verify_package(make_package(stranger, me(employer)), vault=None, status=None, at=None, now=START),
    ]
    clock.advance(40 * DAY)
    reports.append(verify_package(data, vault=employer, status=None, at=None))
    chinese = i18n.catalogue(i18n.SIMPLIFIED_CHINESE)
    checks = [c for r in reports for c in r.checks]
    templates = set()
    for check in checks:
        detail = check.detail
        assert isinstance(detail, i18n.Message) and detail == detail.template.format(**detail.fields)
        if detail.template == "{detail}":  # an error's own English message, shown as it is
            continue
        templates.add(detail.template)
        translated = chinese.gettext(detail.template)
        assert translated != detail.template and re.search(r"[\u4e00-\u9fff]", translated), detail.template
        with i18n.using(i18n.SIMPLIFIED_CHINESE):
            said = i18n.say(detail)
        assert said == translated.format(**detail.fields)
        assert all(value in said for value in detail.fields.values() if value), (detail.template, said)
    assert len(templates) >= 20  # the cases above reach most of the checks' sentences
