"""When the status document is due again, and what changed since it was last published."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.identity import Contacts, Identity, make_card
from knowhold.vault.licensing.ledger import DEFAULT_STATUS_VALIDITY, Ledger, LicenseRecord
from knowhold.vault.licensing.ledger_summary import ledger_lines
from knowhold.vault.licensing.publishing import PublishState, publish_state
from knowhold.vault.licensing.terms import Revocation, Terms
from tests.conftest import START, FakeClock
from tests.licensing_kit import DAY

URL = "https://li.example/knowhold.status"


@pytest.fixture
def ledger(vault: Vault) -> Ledger:
    Contacts(vault.db).add(make_card(Identity.generate("Acme Support", created_at=START)), verified=True)
    return Ledger(vault)


def issue(
    ledger: Ledger,
    vault: Vault,
    tmp_path: Path,
    *,
    url: str | None = URL,
    max_age: int | None = None,
    days: int = 90,
) -> LicenseRecord:
    entry = vault.entries.add("note", "Escalate early", "Waiting more than two hours: escalate.")
    return ledger.issue(
        to="Acme Support",
        entry_ids=[entry.id],
        expires_at=vault.db.now() + days * DAY,
        terms=Terms.make(),
        revocation=Revocation.make(url, max_age),
        out=tmp_path / f"{entry.id}.knowhold",
    )


def state(vault: Vault) -> PublishState:
    return publish_state(AuditLog(vault.db), ledger_lines(vault.db, {}), vault.db.now())


def test_nothing_is_due_or_changed_without_licenses(vault: Vault) -> None:
    s = state(vault)
    assert (s.last_at, s.deadline, s.due_at, s.changed, s.due) == (None, None, None, (), False)


def test_a_maximum_age_makes_a_publish_due_halfway(
    ledger: Ledger, vault: Vault, tmp_path: Path, clock: FakeClock
) -> None:
    record = issue(ledger, vault, tmp_path, max_age=8 * DAY)
    s = state(vault)
    # The manifest itself counts as fresh from its issue: stale after 8 days, due after 4.
    assert (s.deadline, s.due_at, s.due) == (START + 8 * DAY, START + 4 * DAY, False)
    assert s.changed == (record.license_id,)  # it names a status address that serves nothing yet
    clock.advance(4 * DAY)
    assert state(vault).due

    clock.advance(DAY)
    folder = tmp_path / "public"
    folder.mkdir()
    ledger.publish(folder, valid_for=30 * DAY)
    s = state(vault)
    assert (s.last_at, s.last_path) == (START + 5 * DAY, str(folder / "knowhold.status"))
    assert s.next_update == START + 35 * DAY
    # Fresh from the publish: stale 8 days later (before the document's own 30), due after 4.
    assert (s.deadline, s.due_at, s.due, s.changed) == (START + 13 * DAY, START + 9 * DAY, False, ())


def test_the_next_update_is_a_deadline_while_a_license_is_in_force(
    ledger: Ledger, vault: Vault, tmp_path: Path, clock: FakeClock
) -> None:
    issue(ledger, vault, tmp_path, days=10)  # no maximum age
    assert state(vault).due_at is None  # nothing published, nothing depends on a document
    ledger.publish(tmp_path / "out.status", valid_for=2 * DAY)
    s = state(vault)
    assert (s.deadline, s.due_at) == (START + 2 * DAY, START + DAY)
    clock.advance(11 * DAY)  # the license has ended: nobody reads the document any more
    s = state(vault)
    assert (s.deadline, s.due_at, s.due) == (None, None, False)


def test_licenses_revoked_renewed_or_issued_with_an_address_since_the_publish_are_changed(
    ledger: Ledger, vault: Vault, tmp_path: Path, clock: FakeClock
) -> None:
    first = issue(ledger, vault, tmp_path)
    second = issue(ledger, vault, tmp_path)
    ledger.publish(tmp_path / "out.status")
    assert state(vault).changed == ()
    clock.advance(60)
    ledger.revoke(second.license_id, "contract ended")
    ledger.renew(first.license_id, START + 200 * DAY)
    ledger.revoke(second.license_id, "again")  # already revoked: no new record, no repeat
    silent = issue(ledger, vault, tmp_path, url=None)  # nothing is served for it: not a change
    addressed = issue(ledger, vault, tmp_path)
    assert silent.license_id not in state(vault).changed
    assert state(vault).changed == (second.license_id, first.license_id, addressed.license_id)
    ledger.publish(tmp_path / "out.status")
    assert state(vault).changed == ()


def test_a_publish_recorded_without_its_next_update_counts_the_default_validity(
    ledger: Ledger, vault: Vault, tmp_path: Path
) -> None:
    issue(ledger, vault, tmp_path)
    with vault.db.transaction():  # as Ledger.publish recorded it before the field was kept
        AuditLog(vault.db).append("status-published", None, sequence=1, revoked=0, renewed=0, out="x")
    s = state(vault)
    assert (s.next_update, s.deadline) == (START + DEFAULT_STATUS_VALIDITY, START + DEFAULT_STATUS_VALIDITY)
    assert s.last_path == "x"


def test_the_audit_log_finds_the_latest_of_an_event_and_what_followed(vault: Vault, clock: FakeClock) -> None:
    log = AuditLog(vault.db)
    with vault.db.transaction():
        for event in ("issued", "status-published", "revoked", "status-published", "renewed", "viewed"):
            clock.advance(1)
            log.append(event, "f" * 32)
    latest = log.latest("status-published")
    assert latest is not None and latest.seq == 4
    assert [e.seq for e in log.since(latest.seq, ("renewed", "revoked"))] == [5]
    assert [e.event for e in log.since(0, ("issued", "revoked"))] == ["issued", "revoked"]
    assert log.latest("destroyed") is None
