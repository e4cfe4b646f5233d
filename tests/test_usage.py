"""Usage reports (issue 12): counted from the employer's audit chain, signed, checked by the
reference verifier in docs/format.md, and taken into the worker's ledger, or refused with nothing
stored."""

from __future__ import annotations

import base64
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from knowhold.vault import Vault
from knowhold.vault.agents.desk import AgentDesk
from knowhold.vault.errors import InvalidValue, Malformed, NotFound
from knowhold.vault.licensing import signedfile, sshsig
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.canonical import canonical
from knowhold.vault.licensing.identity import Contacts, Identity, load_identity, make_card
from knowhold.vault.licensing.ledger import Ledger
from knowhold.vault.licensing.ledger_summary import ManifestMemo, ledger_lines
from knowhold.vault.licensing.package import build_package
from knowhold.vault.licensing.received import Library
from knowhold.vault.licensing.skills import export_skill
from knowhold.vault.licensing.terms import Revocation, Terms
from knowhold.vault.licensing.usage import (
    MAX_COUNTS,
    UsageRow,
    build_report,
    day_of,
    parse_report,
)
from knowhold.vault.licensing.usage_ledger import UsageLedger
from knowhold.vault.licensing.usage_report import make_report
from tests.conftest import START, FakeClock
from tests.licensing_kit import DAY, flipped
from tests.test_vectors import REF

BODY = "When a customer threatens to churn, call them within the hour."


def _issue(vault: Vault, employer: Vault, tmp_path: Path, titles: tuple[str, ...]) -> tuple[str, list[str]]:
    """A license from the worker's ledger to the employer, ingested: its id and entry ids."""
    Contacts(vault.db).add(make_card(load_identity(employer.db)), verified=True)
    Contacts(employer.db).add(make_card(load_identity(vault.db)), verified=True)
    ids = [vault.entries.add("playbook", title, f"{BODY} {title}", ["support"]).id for title in titles]
    pkg = tmp_path / f"{len(list(tmp_path.iterdir()))}.knowhold"
    record = Ledger(vault).issue(
        to="Acme Support",
        entry_ids=ids,
        expires_at=START + 60 * DAY,
        terms=Terms.make(allow=["ai-retrieval"]),
        revocation=Revocation(),
        out=pkg,
    )
    Library(employer).ingest(pkg.read_bytes())
    return record.license_id, ids


@pytest.fixture
def issued(vault: Vault, employer: Vault, tmp_path: Path) -> tuple[str, list[str]]:
    return _issue(vault, employer, tmp_path, ("Escalate early", "Churn call", "Refund rules"))


def _stored(vault: Vault) -> tuple[Any, ...]:
    conn = vault.db.conn
    return (
        conn.execute("SELECT * FROM usage_reports ORDER BY license_id, sequence").fetchall(),
        conn.execute("SELECT * FROM usage_counts ORDER BY 1, 2, 3, 4, 5").fetchall(),
        AuditLog(vault.db).verify().count,
    )


def _report(employer: Vault, lid: str, tmp_path: Path, *, until: int, since: int | None = None) -> bytes:
    out = tmp_path / "usage.txt"
    make_report(employer.db, lid, out, until=until, since=since)
    return out.read_bytes()


def test_a_report_of_1000_mcp_calls_verifies_and_imports_with_the_right_counts(
    vault: Vault,
    employer: Vault,
    issued: tuple[str, list[str]],
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    lid, ids = issued
    desk = AgentDesk(employer)
    rng = random.Random(12)
    returned: Counter[tuple[str, str]] = Counter()
    read: Counter[tuple[str, str]] = Counter()
    for i in range(1000):
        clock.advance(rng.choice((7, 600, 3600)))
        day = day_of(clock.now)
        if i % 3 == 0:
            # A search over every license is recorded with its entries per license.
            hits = desk.search("customer", None if i % 2 else lid)
            for hit in hits:
                returned[(day, hit.entry_id)] += 1
        else:
            entry = rng.choice(ids)
            desk.read(lid, entry)
            read[(day, entry)] += 1
    with pytest.raises(NotFound):
        desk.read(lid, "no-such-entry")  # refused: audited, never counted
    Library(employer).show(lid, ids[0])  # the app (or received show) reads one entry in full
    read[(day_of(clock.now), ids[0])] += 1
    clock.advance(60)
    data = _report(employer, lid, tmp_path, until=clock.now)
    assert AuditLog(employer.db).verify().intact

    # The spec's reference verifier, run as printed, accepts it and reads the same counts.
    signer, body = REF["verify_signed_text"](data, signedfile.TAG_USAGE, sshsig.NS_USAGE)
    assert signer == load_identity(employer.db).public.signing_key
    assert base64.b64decode(body["licensee"]) == signer
    mcp = {(r["day"], r["entry_id"]): r for r in body["counts"] if r["channel"] == "mcp"}
    assert {k: r["returned"] for k, r in mcp.items() if r["returned"]} == dict(returned)
    app = [r for r in body["counts"] if r["channel"] == "app"]
    assert [(r["entry_id"], r["read"], r["returned"]) for r in app] == [(ids[0], 1, 0)]

    taken = UsageLedger(vault).import_report(data)
    assert not taken.already and taken.licensee == "Acme Support"
    usage = UsageLedger(vault).usage(Ledger(vault).get(lid))
    assert usage.reports == 1
    assert (usage.total.returned, usage.total.read) == (sum(returned.values()), sum(read.values()))
    per_entry = {e: (c.returned, c.read) for e, c in usage.by_entry}
    for entry in ids:
        want = (
            sum(n for (_, e), n in returned.items() if e == entry),
            sum(n for (_, e), n in read.items() if e == entry),
        )
        assert per_entry.get(entry, (0, 0)) == want
    months = {m for m, _ in usage.by_month}
    assert months == {d[:7] for d, _ in returned.keys() | read.keys()}
    assert dict(usage.by_channel)["app"].read == 1
    assert usage.to_json()["channels"]["skill-export"] == {"returned": 0, "read": 0}
    assert AuditLog(vault.db).verify().intact
    # The same bytes again change nothing.
    before = _stored(vault)
    assert UsageLedger(vault).import_report(data).already
    assert _stored(vault) == before


def test_reports_tile_time_and_count_skill_exports(
    vault: Vault, employer: Vault, issued: tuple[str, list[str]], clock: FakeClock, tmp_path: Path
) -> None:
    lid, ids = issued
    export_skill(Library(employer), lid, tmp_path / "skills")
    clock.advance(DAY)
    first = parse_report(_report(employer, lid, tmp_path, until=clock.now))
    assert {(r.entry_id, r.channel, r.read) for r in first.rows} == {(e, "skill-export", 1) for e in ids}
    AgentDesk(employer).read(lid, ids[1])
    clock.advance(DAY)
    second = parse_report(_report(employer, lid, tmp_path, until=clock.now))
    assert second.since == first.until and second.sequence > first.sequence
    assert [(r.entry_id, r.channel) for r in second.rows] == [(ids[1], "mcp")]
    ledger = UsageLedger(vault)
    ledger.import_report(first.raw)
    ledger.import_report(second.raw)
    usage = ledger.usage(Ledger(vault).get(lid))
    assert usage.reports == 2 and usage.total.read == 4 and usage.until == second.until
    assert usage.by_entry[0] == (ids[1], usage.by_entry[0][1]) and usage.by_entry[0][1].read == 2


def test_the_sequence_grows_past_a_restored_backup(
    employer: Vault, issued: tuple[str, list[str]], clock: FakeClock, tmp_path: Path
) -> None:
    lid, _ids = issued
    first = parse_report(_report(employer, lid, tmp_path, until=clock.now))
    employer.db.set_meta("usage_sequence:" + lid, "0")  # the number went back with a backup
    clock.advance(1)
    assert parse_report(_report(employer, lid, tmp_path, until=clock.now)).sequence > first.sequence


# -- refused, with nothing stored --------------------------------------------------------------


@pytest.fixture
def reports(
    vault: Vault, employer: Vault, issued: tuple[str, list[str]], clock: FakeClock, tmp_path: Path
) -> tuple[bytes, bytes]:
    """Two reports of the license, one after the other, each with something counted."""
    lid, ids = issued
    desk = AgentDesk(employer)
    desk.read(lid, ids[0])
    clock.advance(DAY)
    first = _report(employer, lid, tmp_path, until=clock.now)
    desk.read(lid, ids[1])
    clock.advance(DAY)
    return first, _report(employer, lid, tmp_path, until=clock.now)


def _refused(vault: Vault, data: bytes, error: type[Exception], match: str) -> None:
    before = _stored(vault)
    with pytest.raises(error, match=match) as info:
        UsageLedger(vault).import_report(data)
    assert "\n" not in str(info.value)
    assert _stored(vault) == before


def test_a_tampered_report_is_refused(vault: Vault, reports: tuple[bytes, bytes]) -> None:
    first, _ = reports
    at = first.index(b'"read":1') + 7
    _refused(vault, flipped(first, at), Malformed, "signature")


def test_a_report_signed_by_another_licensee_is_refused(
    vault: Vault, reports: tuple[bytes, bytes], other_licensee: Identity
) -> None:
    report = parse_report(reports[0])
    forged = build_report(
        other_licensee,
        license_id=report.license_id,
        licensor_key=report.licensor_key,
        sequence=report.sequence + 1,
        since=report.since,
        until=report.until,
        rows=report.rows,
    )
    _refused(vault, forged, Malformed, "not signed by the licensee of license")


def test_a_report_for_another_license_or_licensor_is_refused(
    vault: Vault, employer: Vault, reports: tuple[bytes, bytes], licensor: Identity
) -> None:
    report = parse_report(reports[0])
    me = load_identity(employer.db)
    common: dict[str, Any] = {
        "sequence": 9,
        "since": report.since,
        "until": report.until,
        "rows": report.rows,
    }
    other_license = build_report(me, license_id="ab" * 16, licensor_key=report.licensor_key, **common)
    _refused(vault, other_license, NotFound, "No license")
    other_licensor = build_report(
        me, license_id=report.license_id, licensor_key=licensor.public.signing_key, **common
    )
    _refused(vault, other_licensor, NotFound, "another licensor")
    stranger_entry = build_report(
        me,
        license_id=report.license_id,
        licensor_key=report.licensor_key,
        **{**common, "rows": (UsageRow(day_of(report.since), "zz-not-carried", "mcp", 1, 0),)},
    )
    _refused(vault, stranger_entry, Malformed, "did not carry")


def test_a_replayed_or_lower_sequence_report_is_refused(
    vault: Vault, employer: Vault, reports: tuple[bytes, bytes]
) -> None:
    first, second = reports
    UsageLedger(vault).import_report(second)
    _refused(vault, first, Malformed, "older than one already imported")
    report = parse_report(second)
    me = load_identity(employer.db)
    same_number = build_report(
        me,
        license_id=report.license_id,
        licensor_key=report.licensor_key,
        sequence=report.sequence,
        since=report.since,
        until=report.until + 1,
        rows=report.rows,
    )
    _refused(vault, same_number, Malformed, "other content: refused as tampering")
    overlapping = build_report(
        me,
        license_id=report.license_id,
        licensor_key=report.licensor_key,
        sequence=report.sequence + 1,
        since=report.since,
        until=report.until + 5,
        rows=report.rows,
    )
    _refused(vault, overlapping, Malformed, "counted twice")


# -- the format's rules --------------------------------------------------------------------------

IDENTITY = Identity.generate("Acme Support", created_at=START)


def _body(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "counts": [{"channel": "mcp", "day": "2026-01-01", "entry_id": "k7d2", "read": 1, "returned": 2}],
        "format": "knowhold-usage",
        "license_id": "5e" * 16,
        "licensee": base64.b64encode(IDENTITY.public.signing_key).decode(),
        "licensor": base64.b64encode(b"\x01" * 32).decode(),
        "sequence": 1,
        "since": 1_767_225_600,  # 2026-01-01T00:00:00Z
        "until": 1_767_312_000,
        "version": 1,
    }
    body.update(changes)
    return body


def _signed(body: dict[str, Any], namespace: str = sshsig.NS_USAGE) -> bytes:
    raw = canonical(body)
    return signedfile.encode(signedfile.TAG_USAGE, raw, IDENTITY.sign(namespace, raw))


def test_a_well_formed_report_reads_back() -> None:
    report = parse_report(_signed(_body()))
    assert report.rows == (UsageRow("2026-01-01", "k7d2", "mcp", 2, 1),)
    assert report.licensee_key == IDENTITY.public.signing_key


ROW = {"channel": "mcp", "day": "2026-01-01", "entry_id": "k7d2", "read": 1, "returned": 2}


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"extra": 1}, "unknown field"),
        ({"version": 2}, "newer than this Knowhold"),
        ({"sequence": 0}, "sequence number"),
        ({"since": 1_767_312_001}, "ends before it starts"),
        ({"counts": [{**ROW, "day": "2025-12-31"}]}, "within its period"),
        ({"counts": [{**ROW, "day": "2026-02-30"}]}, "within its period"),
        ({"counts": [{**ROW, "channel": "email"}]}, "channel"),
        ({"counts": [{**ROW, "read": 0, "returned": 0}]}, "counts nothing"),
        ({"counts": [{**ROW, "read": -1}]}, "whole number"),
        ({"counts": [{**ROW, "read": True}]}, "whole number"),
        ({"counts": [{**ROW, "entry_id": "Bad Id"}]}, "entry id"),
        ({"counts": [ROW, ROW]}, "sorted"),
        ({"counts": [{**ROW, "entry_id": "zz"}, ROW]}, "sorted"),
        ({"counts": [{**ROW, "note": "x"}]}, "unknown field"),
        ({"licensee": base64.b64encode(b"\x02" * 32).decode()}, "not signed by the licensee"),
    ],
)
def test_the_format_refuses(changes: dict[str, Any], reason: str) -> None:
    with pytest.raises(Malformed, match=reason):
        parse_report(_signed(_body(**changes)))


def test_another_namespace_is_refused() -> None:
    with pytest.raises(Malformed):
        parse_report(_signed(_body(), sshsig.NS_RECEIPT))


def test_the_row_limit_is_checked_before_rows_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from knowhold.vault.licensing import usage

    monkeypatch.setattr(usage, "MAX_COUNTS", 1)
    rows = [ROW, {**ROW, "entry_id": "k7d3"}]
    with pytest.raises(Malformed, match="more than 1 rows"):
        parse_report(_signed(_body(counts=rows)))
    with pytest.raises(InvalidValue, match="shorter period"):
        build_report(
            IDENTITY,
            license_id="5e" * 16,
            licensor_key=b"\x01" * 32,
            sequence=1,
            since=0,
            until=DAY,
            rows=[UsageRow("1970-01-01", f"e{i}", "mcp", 1, 0) for i in range(2)],
        )
    assert MAX_COUNTS == 100_000


# -- terms that ask for reports, and the overdue mark -----------------------------------------


def test_terms_asking_for_reports_make_a_version_4_package(licensor: Identity, employer: Vault) -> None:
    from knowhold.vault.licensing.manifest import manifest_from_json
    from knowhold.vault.licensing.package import parse_package
    from tests.licensing_kit import entries, make_package, me

    plain = parse_package(make_package(licensor, me(employer)))
    assert plain.manifest.version == 1 and b"usage_report" not in plain.manifest_bytes
    data, _package = build_package(
        licensor,
        me(employer),
        entries(),
        license_id="7a" * 16,
        issued_at=START,
        not_before=START,
        expires_at=START + DAY,
        terms=Terms.make(allow=["ai-retrieval"], usage_report="monthly"),
        revocation=Revocation(),
    )
    asking = parse_package(data)
    assert (asking.manifest.version, asking.manifest.terms.usage_report) == (4, "monthly")
    assert REF["verify_package"](data)["terms"]["usage_report"] == "monthly"
    document = json.loads(asking.manifest_bytes)
    with pytest.raises(Malformed, match="usage_report"):
        manifest_from_json({**document, "version": 3})
    del document["terms"]["usage_report"]
    with pytest.raises(Malformed, match="usage_report"):
        manifest_from_json(document)
    with pytest.raises(InvalidValue, match="usage report schedule"):
        Terms.make(usage_report="weekly")


def test_a_license_whose_monthly_report_is_late_is_marked_overdue(
    vault: Vault, employer: Vault, clock: FakeClock, tmp_path: Path
) -> None:
    Contacts(vault.db).add(make_card(load_identity(employer.db)), verified=True)
    Contacts(employer.db).add(make_card(load_identity(vault.db)), verified=True)
    entry = vault.entries.add("playbook", "Escalate early", BODY, ["support"]).id
    pkg = tmp_path / "asks.knowhold"
    ledger = Ledger(vault)
    lid = ledger.issue(
        to="Acme Support",
        entry_ids=[entry],
        expires_at=START + 90 * DAY,
        terms=Terms.make(allow=["ai-retrieval"], usage_report="monthly"),
        revocation=Revocation(),
        out=pkg,
    ).license_id
    Library(employer).ingest(pkg.read_bytes())
    usage = UsageLedger(vault)
    remembered: ManifestMemo = {}  # as the ledger view keeps them
    assert not usage.usage(ledger.get(lid)).overdue
    assert usage.overdue_among(ledger_lines(vault.db, remembered)) == frozenset()
    clock.advance(38 * DAY)
    assert not usage.usage(ledger.get(lid)).overdue  # a month and a week of grace
    clock.advance(DAY)
    assert usage.usage(ledger.get(lid)).overdue
    assert usage.usage(ledger.get(lid)).to_json()["overdue"] is True
    assert usage.overdue_among(ledger_lines(vault.db, {})) == {lid}
    assert usage.overdue_among(ledger_lines(vault.db, remembered)) == {lid}  # from what it remembered
    usage.import_report(_report(employer, lid, tmp_path, until=clock.now))
    assert not usage.usage(ledger.get(lid)).overdue
    assert usage.overdue_among(ledger_lines(vault.db, remembered)) == frozenset()
    # Reported up to the end: nothing more is due, however long after.
    clock.advance(200 * DAY)
    assert usage.usage(ledger.get(lid)).overdue
    usage.import_report(_report(employer, lid, tmp_path, until=clock.now))
    assert not usage.usage(ledger.get(lid)).overdue
    clock.advance(40 * DAY)
    assert UsageLedger(vault).overdue_among(ledger_lines(vault.db, remembered)) == frozenset()
