"""The usage report vectors in tests/vectors (usage*.txt), checked by the reference verifier in
docs/format.md and by a worker's ledger holding valid.knowhold's license, as its licensor's vault."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from knowhold.vault import Vault
from knowhold.vault.errors import KnowholdError, Malformed
from knowhold.vault.licensing import identity
from knowhold.vault.licensing.ledger import Ledger
from knowhold.vault.licensing.package import parse_package
from knowhold.vault.licensing.usage import parse_report
from knowhold.vault.licensing.usage_ledger import UsageLedger
from tests.conftest import FakeClock
from tests.licensing_kit import BareVault
from tests.test_vectors import EXPECTED, LICENSEE, LICENSOR, REF, VECTORS

USAGE = sorted(name for name in EXPECTED if EXPECTED[name].get("kind") == "usage")
BAD_USAGE = [name for name in USAGE if EXPECTED[name]["error"] is not None]
VALID = parse_package((VECTORS / "valid.knowhold").read_bytes())
LICENSE_ID = VALID.manifest.license_id
ENTRY_IDS = [e.id for e in VALID.manifest.entries]


def _ref(data: bytes, last_sequence: int = 0) -> dict[tuple[str, str, str], tuple[int, int]]:
    counts: dict[tuple[str, str, str], tuple[int, int]] = REF["verify_usage_report"](
        data,
        LICENSOR.public.signing_key,
        LICENSEE.public.signing_key,
        LICENSE_ID,
        ENTRY_IDS,
        last_sequence,
    )
    return counts


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Vault]:
    """The licensor's vault (the vectors' keys) with valid.knowhold's license in its ledger."""
    vault = BareVault(tmp_path / "worker", FakeClock(), "Li Wei")
    db = vault.db
    m = VALID.manifest
    with db.transaction() as conn:
        conn.execute("DELETE FROM identity")
        identity._store(db, LICENSOR)
        conn.execute(
            "INSERT INTO licenses (license_id, licensee, licensee_key, manifest, manifest_hash, issued_at, "
            "not_before, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                m.license_id,
                m.licensee.name,
                m.licensee.signing_key,
                VALID.manifest_bytes,
                VALID.manifest_hash,
                m.issued_at,
                m.not_before,
                m.expires_at,
            ),
        )
        conn.executemany(
            "INSERT INTO license_entries (license_id, entry_id, version, title) VALUES (?, ?, ?, ?)",
            [(m.license_id, e.id, e.version, e.title) for e in m.entries],
        )
    yield vault  # type: ignore[misc]
    vault.close()


def test_the_valid_report_reads_the_same_in_both_readers(ledger: Vault) -> None:
    want: dict[str, Any] = EXPECTED["usage.txt"]
    data = (VECTORS / "usage.txt").read_bytes()
    report = parse_report(data, LICENSEE.public.signing_key)
    assert (report.license_id, report.sequence, report.since, report.until) == (
        want["license_id"],
        want["sequence"],
        want["since"],
        want["until"],
    )
    assert [r.to_json() for r in report.rows] == want["counts"]
    counts = _ref(data)
    assert counts == {
        (c["day"], c["entry_id"], c["channel"]): (c["returned"], c["read"]) for c in want["counts"]
    }
    taken = UsageLedger(ledger).import_report(data)
    assert not taken.already and taken.licensee == "Acme Support"
    usage = UsageLedger(ledger).usage(Ledger(ledger).get(LICENSE_ID))
    assert (usage.total.returned, usage.total.read) == (
        sum(c["returned"] for c in want["counts"]),
        sum(c["read"] for c in want["counts"]),
    )
    assert report.licensor_key == LICENSOR.public.signing_key


@pytest.mark.parametrize("name", BAD_USAGE)
def test_each_bad_report_is_refused_by_both_readers_with_nothing_stored(name: str, ledger: Vault) -> None:
    want = EXPECTED[name]
    data = (VECTORS / name).read_bytes()
    good = (VECTORS / "usage.txt").read_bytes()
    UsageLedger(ledger).import_report(good)  # what "apply" vectors are judged after
    sequence = parse_report(good).sequence
    if want["stage"] == "parse":
        with pytest.raises(Malformed):
            parse_report(data)
    else:
        parse_report(data)  # well formed and signed by the key it names: refused against the license
    with pytest.raises(REF["Invalid"]):
        _ref(data, sequence)
    before = ledger.db.conn.execute("SELECT count(*) FROM usage_counts").fetchone()
    with pytest.raises(KnowholdError) as info:
        UsageLedger(ledger).import_report(data)
    assert (type(info.value).__name__, info.value.exit_code) == (want["error"], want["exit_code"])
    assert ledger.db.conn.execute("SELECT count(*) FROM usage_counts").fetchone() == before


def test_the_reference_verifier_refuses_each_rule() -> None:
    data = (VECTORS / "usage.txt").read_bytes()
    _ref(data)
    with pytest.raises(REF["Invalid"], match="not above"):
        _ref(data, parse_report(data).sequence)
    with pytest.raises(REF["Invalid"], match="did not carry"):
        REF["verify_usage_report"](
            data, LICENSOR.public.signing_key, LICENSEE.public.signing_key, LICENSE_ID, ENTRY_IDS[1:], 0
        )
    with pytest.raises(REF["Invalid"], match="another licensor"):
        REF["verify_usage_report"](
            data, LICENSEE.public.signing_key, LICENSEE.public.signing_key, LICENSE_ID, ENTRY_IDS, 0
        )
