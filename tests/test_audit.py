"""The hash-chained audit log detects edits, deletions and truncation."""

from __future__ import annotations

import pytest

from knowhold.vault import Vault
from knowhold.vault.licensing.audit import AuditLog
from tests.conftest import FakeClock


@pytest.fixture
def log(vault: Vault, clock: FakeClock) -> AuditLog:
    audit = AuditLog(vault.db)
    for i, event in enumerate(["issued", "renewed", "revoked", "status-published"]):
        clock.advance(10)
        audit.append(event, f"lic{i}", note=f"n{i}", entries=["a", "b"])
    return audit


def test_append_and_read(log: AuditLog, clock: FakeClock) -> None:
    events = log.events()
    assert [e.event for e in events] == ["issued", "renewed", "revoked", "status-published"]
    assert [e.seq for e in events] == [1, 2, 3, 4]
    assert events[-1].time == clock.now and events[0].detail == {"note": "n0", "entries": ["a", "b"]}
    assert [e.seq for e in log.events(license_id="lic2")] == [3]
    assert [e.seq for e in log.events(limit=2)] == [3, 4]
    assert log.verify().intact and log.verify().count == 4


def test_unknown_event_refused(log: AuditLog) -> None:
    with pytest.raises(ValueError):
        log.append("shredded")


@pytest.mark.parametrize(
    "sql, reason",
    [
        ('UPDATE audit SET detail = \'{"note":"forged"}\' WHERE seq = 2', "changed"),
        ("UPDATE audit SET time = time + 1 WHERE seq = 1", "changed"),
        ("UPDATE audit SET event = 'issued' WHERE seq = 3", "changed"),
        ("DELETE FROM audit WHERE seq = 2", "missing"),
        ("DELETE FROM audit WHERE seq = 4", "removed from the end"),
        ("UPDATE audit SET detail = 'not json' WHERE seq = 1", "damaged"),
    ],
)
def test_tampering_is_detected(vault: Vault, log: AuditLog, sql: str, reason: str) -> None:
    vault.db.conn.execute(sql)
    check = log.verify()
    assert not check.intact and reason in check.reason


def test_recomputed_record_still_breaks_the_chain(vault: Vault, log: AuditLog) -> None:
    """Rewriting a record *with* its own hash recomputed breaks the next link."""
    from knowhold.vault.licensing.audit import _record_hash

    prev = bytes(vault.db.conn.execute("SELECT prev_hash FROM audit WHERE seq = 2").fetchone()[0])
    row = vault.db.conn.execute("SELECT seq, time, event, license_id FROM audit WHERE seq = 2").fetchone()
    forged = '{"note":"forged"}'
    digest = _record_hash(prev, row[0], row[1], row[2], row[3], forged)
    vault.db.conn.execute("UPDATE audit SET detail = ?, hash = ? WHERE seq = 2", (forged, digest))
    check = log.verify()
    assert not check.intact and check.first_bad == 3


def test_empty_log_is_intact(vault: Vault) -> None:
    assert AuditLog(vault.db).verify().intact
