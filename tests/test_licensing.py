"""The worker's ledger: issuing, refusing, revoking, renewing, publishing status, receipts."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.errors import (
    ExportFailed,
    InvalidValue,
    LicenseRefused,
    Malformed,
    NoContact,
    NotAddressed,
    NotFound,
    SensitiveRefused,
)
from knowhold.vault.knowledge.origin import MAX_ORIGIN_NAME, Origin, format_origin, parse_origin
from knowhold.vault.licensing import ledger_files
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.identity import Contacts, Identity, load_identity, make_card
from knowhold.vault.licensing.ledger import Ledger, LicenseRecord
from knowhold.vault.licensing.package import open_entries, read_package
from knowhold.vault.licensing.payload import ORIGIN_VERSION
from knowhold.vault.licensing.receipts import build_receipt
from knowhold.vault.licensing.status import parse_status
from knowhold.vault.licensing.terms import Revocation, Terms
from tests.conftest import FAST_KDF, PASSPHRASE, START, FakeClock

DAY = 86400
EMAIL = "li.wei@example.com"


@pytest.fixture
def employer_identity() -> Identity:
    """The licensee's identity, as its vault would hold it (no vault needed for most tests)."""
    return Identity.generate("Acme Support", created_at=START)


@pytest.fixture
def ledger(vault: Vault, employer_identity: Identity) -> Ledger:
    Contacts(vault.db).add(make_card(employer_identity), verified=True)
    return Ledger(vault)


@pytest.fixture
def sample(vault: Vault) -> dict[str, str]:
    add = vault.entries.add
    return {
        "playbook": add("playbook", "Escalate early", "Waiting > 2h: escalate.", ["support"]).id,
        "heuristic": add("heuristic", "Refund rule", "Refund under 50.", ["support", "money"]).id,
        "private": add("note", "Salary notes", "My own notes.", ["support"], True).id,
        "other": add("decision", "Office move", "We chose the east building.", ["facilities"]).id,
    }


def issue(ledger: Ledger, tmp_path: Path, name: str = "out.knowhold", **kwargs: object):
    args: dict = {
        "to": "Acme Support",
        "expires_at": START + 90 * DAY,
        "terms": Terms.make(),
        "revocation": Revocation(),
        "out": tmp_path / name,
    }
    args.update(kwargs)
    return ledger.issue(**args)


def unchanged(vault: Vault) -> tuple[int, int, int]:
    """Rows in the ledger and the audit log: all must stay as they were on a failure."""
    c = vault.db.conn
    return (
        c.execute("SELECT count(*) FROM licenses").fetchone()[0],
        c.execute("SELECT count(*) FROM license_entries").fetchone()[0],
        c.execute("SELECT count(*) FROM audit").fetchone()[0],
    )


def opened(path: Path, identity: Identity):
    package = read_package(path)
    return package, open_entries(package, identity)[1]


# -- issuing ---------------------------------------------------------------------------


def test_issue_by_id_writes_a_package_only_the_licensee_opens(
    vault: Vault, sample: dict, tmp_path: Path, clock: FakeClock
) -> None:
    """End to end between two real vaults: the employer's card becomes the
    worker's contact, and the package opens only with the employer's keys."""
    created = Vault.create(tmp_path / "employer", PASSPHRASE, clock=clock, name="Acme Support", kdf=FAST_KDF)
    with created.vault as employer:
        employer_identity = load_identity(employer.db)
    Contacts(vault.db).add(make_card(employer_identity), verified=True)
    ledger = Ledger(vault)
    record = issue(ledger, tmp_path, entry_ids=[sample["playbook"]])
    assert record.status == "active" and record.licensee == "Acme Support"
    assert record.licensee_fingerprint == employer_identity.public.fingerprint
    assert [e.id for e in record.entries] == [sample["playbook"]]
    assert (record.issued_at, record.not_before, record.expires_at) == (START, START, START + 90 * DAY)
    assert record.warnings == () and record.findings == 0
    package, entries = opened(tmp_path / "out.knowhold", employer_identity)
    assert package.manifest.license_id == record.license_id
    assert package.manifest.licensor.signing_key == load_identity(vault.db).public.signing_key
    assert package.manifest_hash == record.manifest_hash
    assert entries[0].body == "Waiting > 2h: escalate."
    assert record.license_id in entries[0].notice and "Acme Support" in entries[0].notice
    assert "Li Wei" in entries[0].notice
    # Terms: everything not allowed is denied, view always granted.
    assert package.manifest.terms.allowed == frozenset({"view"})
    assert [e.event for e in AuditLog(vault.db).events()] == ["issued"]
    assert ledger.licenses() == [ledger.get(record.license_id)]
    assert ledger.get(record.license_id[:8]).license_id == record.license_id
    with pytest.raises(NotAddressed):
        open_entries(package, Identity.generate("Acme Support", created_at=START))


def test_the_ledger_rows_hold_each_entry_exactly(ledger: Ledger, vault: Vault, tmp_path: Path) -> None:
    # The rows go in as one JSON text: any title comes back as it was, the version as a number.
    titles = ['Quote " and \\ back', "复盘 客户 🙂", "Tab\tand\nline", "x" * 200]
    added = [vault.entries.add("note", t, "Body.") for t in titles]
    vault.entries.update(added[0].id, body="Second version.")
    record = issue(ledger, tmp_path, entry_ids=[e.id for e in added])
    rows = vault.db.conn.execute(
        "SELECT entry_id, version, typeof(version), title FROM license_entries WHERE license_id = ?",
        (record.license_id,),
    ).fetchall()
    expected = [(e.id, 2 if e.id == added[0].id else 1, "integer", e.title) for e in added]
    assert sorted(rows) == sorted(expected)


def test_the_issued_record_is_what_the_ledger_reads_back(
    ledger: Ledger, sample: dict, tmp_path: Path
) -> None:
    # issue builds its record from the manifest it signed; get parses the stored one.
    terms = Terms.make(allow=["copy-excerpts"], fee=("99.5", "eur"), per="year", attribution="Li Wei")
    revocation = Revocation.make("https://example.org/knowhold.status", 3 * DAY)
    sample_ids = [sample["heuristic"], sample["playbook"]]
    record = issue(
        ledger, tmp_path, entry_ids=sample_ids, not_before=START + DAY, terms=terms, revocation=revocation
    )
    stored = ledger.get(record.license_id)
    fields = LicenseRecord.__dataclass_fields__
    assert {f: getattr(record, f) for f in fields} == {f: getattr(stored, f) for f in fields}
    assert [e.id for e in stored.entries] == sample_ids


def test_terms_and_revocation_are_recorded(ledger: Ledger, sample: dict, tmp_path: Path) -> None:
    terms = Terms.make(allow=["ai-retrieval"], human_review=True, fee=("1200", "CNY"), per="month")
    revocation = Revocation.make("https://example.org/knowhold.status", 7 * DAY)
    record = issue(ledger, tmp_path, entry_ids=[sample["playbook"]], terms=terms, revocation=revocation)
    again = ledger.get(record.license_id)
    assert again.terms == terms and again.revocation == revocation
    assert again.terms.allows("ai-retrieval") and not again.terms.allows("ai-training")


def test_issue_by_tag_and_kind_is_a_union_leaving_private_out(
    ledger: Ledger, vault: Vault, sample: dict, tmp_path: Path, employer_identity: Identity
) -> None:
    vault.entries.trash(vault.entries.add("playbook", "Old way", "Gone.", ["support"]).id)
    record = issue(ledger, tmp_path, tags=["Support"], kinds=["decision"])
    ids = {e.id for e in record.entries}
    assert ids == {sample["playbook"], sample["heuristic"], sample["other"]}
    assert record.private_skipped == 1
    assert any("private" in w for w in record.warnings)
    _, entries = opened(tmp_path / "out.knowhold", employer_identity)
    assert "My own notes." not in {e.body for e in entries} and len(entries) == 3


def test_explicit_and_selected_entries_are_not_repeated(ledger: Ledger, sample: dict, tmp_path: Path) -> None:
    record = issue(ledger, tmp_path, entry_ids=[sample["heuristic"], sample["heuristic"]], tags=["money"])
    assert [e.id for e in record.entries] == [sample["heuristic"]]


def test_private_entry_by_id_is_refused(ledger: Ledger, vault: Vault, sample: dict, tmp_path: Path) -> None:
    before = unchanged(vault)
    with pytest.raises(LicenseRefused, match=sample["private"]):
        issue(ledger, tmp_path, entry_ids=[sample["playbook"], sample["private"]])
    assert unchanged(vault) == before and not (tmp_path / "out.knowhold").exists()


@pytest.mark.parametrize(
    "selection, error, message",
    [
        ({"tags": ["nosuchtag"]}, InvalidValue, "No entries match"),
        ({"kinds": ["note"]}, InvalidValue, "private entries matched: 1"),
        ({}, InvalidValue, "Choose what to license"),
        ({"entry_ids": ["zzzzzzzzzz"]}, NotFound, "zzzzzzzzzz"),
    ],
)
def test_empty_or_unknown_selection_refused(
    ledger: Ledger, vault: Vault, sample: dict, tmp_path: Path, selection: dict, error: type, message: str
) -> None:
    before = unchanged(vault)
    with pytest.raises(error, match=message):
        issue(ledger, tmp_path, **selection)
    assert unchanged(vault) == before and not (tmp_path / "out.knowhold").exists()


def test_trashed_entry_by_id_refused(ledger: Ledger, vault: Vault, sample: dict, tmp_path: Path) -> None:
    vault.entries.trash(sample["other"])
    with pytest.raises(InvalidValue, match="trash"):
        issue(ledger, tmp_path, entry_ids=[sample["other"]])


def test_unknown_contact_refused(ledger: Ledger, vault: Vault, sample: dict, tmp_path: Path) -> None:
    before = unchanged(vault)
    with pytest.raises(NoContact, match=r"No contact named 'Globex'\.$"):
        issue(ledger, tmp_path, to="Globex", entry_ids=[sample["playbook"]])
    assert unchanged(vault) == before


def test_unverified_contact_allowed_with_a_warning(
    vault: Vault, sample: dict, tmp_path: Path, employer_identity: Identity
) -> None:
    Contacts(vault.db).add(make_card(employer_identity))
    record = issue(Ledger(vault), tmp_path, entry_ids=[sample["playbook"]])
    assert len(record.warnings) == 1 and "not verified" in record.warnings[0]
    assert employer_identity.public.fingerprint in record.warnings[0]


@pytest.mark.parametrize(
    "times, message",
    [
        ({"expires_at": START}, "not in the future"),
        ({"expires_at": START - DAY}, "not in the future"),
        ({"expires_at": START + DAY, "not_before": START + DAY}, "after the start"),
        ({"expires_at": START + DAY, "not_before": START + 2 * DAY}, "after the start"),
    ],
)
def test_end_date_validated(
    ledger: Ledger, vault: Vault, sample: dict, tmp_path: Path, times: dict, message: str
) -> None:
    before = unchanged(vault)
    with pytest.raises(InvalidValue, match=message):
        issue(ledger, tmp_path, entry_ids=[sample["playbook"]], **times)
    assert unchanged(vault) == before


def test_not_before_in_the_future(ledger: Ledger, sample: dict, tmp_path: Path, clock: FakeClock) -> None:
    record = issue(ledger, tmp_path, entry_ids=[sample["playbook"]], not_before=START + DAY)
    assert record.not_before == START + DAY and record.issued_at == START


# -- sensitive data --------------------------------------------------------------------------


@pytest.fixture
def sensitive(vault: Vault) -> str:
    return vault.entries.add("playbook", "Call 13812345678 first", f"Write to {EMAIL} for refunds.", []).id


def test_findings_stop_the_issue(ledger: Ledger, vault: Vault, sensitive: str, tmp_path: Path) -> None:
    before = unchanged(vault)
    with pytest.raises(SensitiveRefused) as caught:
        issue(ledger, tmp_path, entry_ids=[sensitive])
    message = str(caught.value)
    assert "(findings: 2; entries: 1; email, phone)" in message and caught.value.entry_ids == (sensitive,)
    assert "knowhold" not in message  # the command line adds how to review them (vault.cli.output.HINTS)
    assert EMAIL not in message
    assert unchanged(vault) == before and not (tmp_path / "out.knowhold").exists()


def test_redact_changes_only_the_licensed_copy(
    ledger: Ledger, vault: Vault, sensitive: str, tmp_path: Path, employer_identity: Identity
) -> None:
    record = issue(ledger, tmp_path, entry_ids=[sensitive], redact=True)
    assert record.redacted and not record.sensitive_included and record.findings == 2
    package, entries = opened(tmp_path / "out.knowhold", employer_identity)
    assert entries[0].body == "Write to [REDACTED EMAIL] for refunds."
    assert entries[0].title == "Call [REDACTED PHONE] first"
    assert package.manifest.redacted and package.manifest.entries[0].title == "Call [REDACTED PHONE] first"
    raw = (tmp_path / "out.knowhold").read_bytes()
    assert b"13812345678" not in raw and EMAIL.encode() not in raw
    entry = vault.entries.get(sensitive)
    assert entry.body == f"Write to {EMAIL} for refunds." and entry.version == 1
    assert record.entries[0].title == "Call [REDACTED PHONE] first"


def test_allow_sensitive_includes_it_and_says_so(
    ledger: Ledger, sensitive: str, tmp_path: Path, employer_identity: Identity
) -> None:
    record = issue(ledger, tmp_path, entry_ids=[sensitive], allow_sensitive=True)
    assert record.sensitive_included and not record.redacted
    package, entries = opened(tmp_path / "out.knowhold", employer_identity)
    assert EMAIL in entries[0].body and package.manifest.sensitive_included


def test_clean_entries_carry_no_content_flags(ledger: Ledger, sample: dict, tmp_path: Path) -> None:
    record = issue(ledger, tmp_path, entry_ids=[sample["playbook"]], redact=True)
    assert not record.redacted and record.findings == 0


def test_tags_and_terms_are_screened_like_the_text(ledger: Ledger, vault: Vault, tmp_path: Path) -> None:
    """A finding in a tag or in the terms stops the issue, as one in the body does."""
    tagged = vault.entries.add("note", "Team", "Nothing here.", [EMAIL, "support", "13812345678"]).id
    before = unchanged(vault)
    with pytest.raises(LicenseRefused) as caught:
        issue(ledger, tmp_path, entry_ids=[tagged])
    message = str(caught.value)
    assert "findings: 2" in message and "entries: 1" in message and "email, phone" in message
    assert caught.value.entry_ids == (tagged,)
    clean = vault.entries.add("note", "Plain", "Nothing here.", ["support"]).id
    with pytest.raises(LicenseRefused) as caught:
        issue(ledger, tmp_path, entry_ids=[clean], terms=Terms.make(attribution=f"Li Wei <{EMAIL}>"))
    message = str(caught.value)
    assert "findings: 1" in message and "license terms" in message and "entries:" not in message
    assert caught.value.entry_ids == () and EMAIL not in message
    assert unchanged(vault) == before and not (tmp_path / "out.knowhold").exists()


def test_redact_covers_tags_and_terms(
    ledger: Ledger, vault: Vault, tmp_path: Path, employer_identity: Identity
) -> None:
    tagged = vault.entries.add("note", "Team", "Nothing here.", [EMAIL, "support", "13812345678"]).id
    terms = Terms.make(attribution=f"Li Wei <{EMAIL}>", text="Questions: +44 20 7946 0958.")
    record = issue(ledger, tmp_path, entry_ids=[tagged], terms=terms, redact=True)
    assert record.redacted and record.findings == 4
    package, entries = opened(tmp_path / "out.knowhold", employer_identity)
    assert entries[0].tags == ("redacted-email", "redacted-phone", "support")
    assert package.manifest.terms.attribution == "Li Wei <[REDACTED EMAIL]>"
    assert package.manifest.terms.text == "Questions: [REDACTED PHONE]."
    plaintext = open_entries(package, employer_identity)[0]
    for secret in (EMAIL, "13812345678", "7946"):
        assert secret.encode() not in plaintext and secret.encode() not in package.manifest_bytes
    # The vault keeps its own copy as it was.
    assert vault.entries.get(tagged).tags == tuple(sorted([EMAIL, "support", "13812345678"]))


def test_the_origin_name_is_screened_like_the_text(
    ledger: Ledger, vault: Vault, tmp_path: Path, employer_identity: Identity
) -> None:
    """An address typed as the organisation stops the issue, is redacted in the licensed copy
    only, and leaves as written only when the worker includes it."""
    origin = parse_origin(f"org:Globex ({EMAIL})")
    learned = vault.entries.add("heuristic", "Rack low", "Below the knee.", origin=origin).id
    before = unchanged(vault)
    with pytest.raises(SensitiveRefused) as caught:
        issue(ledger, tmp_path, entry_ids=[learned])
    message = str(caught.value)
    assert "(findings: 1; entries: 1; in an origin; email)" in message
    assert "origin (the organisation or source named) leaves with it" in message
    assert EMAIL not in message and caught.value.entry_ids == (learned,)
    assert unchanged(vault) == before and not (tmp_path / "out.knowhold").exists()

    record = issue(ledger, tmp_path, entry_ids=[learned], redact=True)
    assert record.redacted and record.findings == 1
    package, entries = opened(tmp_path / "out.knowhold", employer_identity)
    assert format_origin(entries[0].origin) == "org:Globex ([REDACTED EMAIL])"
    assert package.manifest.redacted and package.manifest.version == ORIGIN_VERSION
    assert EMAIL.encode() not in open_entries(package, employer_identity)[0]
    assert vault.entries.get(learned).origin == origin  # the vault's entry as it was

    record = issue(ledger, tmp_path, "kept.knowhold", entry_ids=[learned], allow_sensitive=True)
    assert record.sensitive_included and not record.redacted
    assert opened(tmp_path / "kept.knowhold", employer_identity)[1][0].origin == origin


def test_a_redacted_origin_name_is_cut_to_an_origin_name_length(
    ledger: Ledger, vault: Vault, tmp_path: Path, employer_identity: Identity
) -> None:
    """A placeholder longer than the value it replaces could push a name past 200 characters."""
    name = "Acme Ltd, " * 18 + "gateway 10.1.2.3"
    redacted = name.replace("10.1.2.3", "[REDACTED IPV4]")
    assert len(name) <= MAX_ORIGIN_NAME < len(redacted)
    learned = vault.entries.add("note", "Ops", "Restart.", origin=Origin.make("organisation", name)).id
    issue(ledger, tmp_path, entry_ids=[learned], redact=True)
    licensed = opened(tmp_path / "out.knowhold", employer_identity)[1][0].origin
    assert licensed is not None and licensed.name == redacted[: MAX_ORIGIN_NAME - 1] + "…"
    assert "10.1.2.3" not in licensed.name and licensed == Origin.make("organisation", licensed.name)


def test_redact_and_allow_sensitive_together_refused(ledger: Ledger, sensitive: str, tmp_path: Path) -> None:
    with pytest.raises(InvalidValue):
        issue(ledger, tmp_path, entry_ids=[sensitive], redact=True, allow_sensitive=True)


# -- the output file ---------------------------------------------------------------------------


def test_refuses_to_overwrite_a_file_that_is_not_a_package(
    ledger: Ledger, vault: Vault, sample: dict, tmp_path: Path
) -> None:
    precious = tmp_path / "out.knowhold"
    precious.write_text("my thesis")
    before = unchanged(vault)
    with pytest.raises(InvalidValue, match="not a Knowhold package"):
        issue(ledger, tmp_path, entry_ids=[sample["playbook"]])
    assert precious.read_text() == "my thesis" and unchanged(vault) == before


def test_replaces_an_earlier_package(ledger: Ledger, sample: dict, tmp_path: Path) -> None:
    first = issue(ledger, tmp_path, entry_ids=[sample["playbook"]])
    second = issue(ledger, tmp_path, entry_ids=[sample["heuristic"]])
    assert read_package(tmp_path / "out.knowhold").manifest.license_id == second.license_id
    assert {r.license_id for r in ledger.licenses()} == {first.license_id, second.license_id}


def test_folder_or_missing_folder_refused(ledger: Ledger, sample: dict, tmp_path: Path) -> None:
    with pytest.raises(InvalidValue, match="is a folder"):
        ledger.issue(
            to="Acme Support",
            entry_ids=[sample["playbook"]],
            expires_at=START + DAY,
            terms=Terms.make(),
            revocation=Revocation(),
            out=tmp_path,
        )
    with pytest.raises(InvalidValue, match="No folder"):
        issue(ledger, tmp_path, "missing/out.knowhold", entry_ids=[sample["playbook"]])


def test_write_failure_records_nothing(
    ledger: Ledger, vault: Vault, sample: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ledger_files, "atomic_write", fail)
    before = unchanged(vault)
    with pytest.raises(ExportFailed, match="No space"):
        issue(ledger, tmp_path, entry_ids=[sample["playbook"]])
    assert unchanged(vault) == before


# -- statuses, revoking, renewing ---------------------------------------------------------------


def test_status_over_time(
    ledger: Ledger, sample: dict, tmp_path: Path, clock: FakeClock, employer_identity: Identity
) -> None:
    record = issue(ledger, tmp_path, entry_ids=[sample["playbook"]], expires_at=START + 10 * DAY)
    clock.advance(DAY)
    ledger.import_receipt(
        build_receipt(
            employer_identity,
            license_id=record.license_id,
            manifest_hash=record.manifest_hash,
            accepted_at=clock.now,
        )
    )
    assert ledger.get(record.license_id).status == "accepted"
    clock.now = START + 10 * DAY
    assert ledger.get(record.license_id).status == "accepted"  # the end instant itself still counts
    clock.advance(1)
    assert ledger.get(record.license_id).status == "expired"
    ledger.revoke(record.license_id, "contract ended")
    assert ledger.get(record.license_id).status == "revoked"  # revoked wins over everything


def test_revoke(ledger: Ledger, vault: Vault, sample: dict, tmp_path: Path, clock: FakeClock) -> None:
    record = issue(ledger, tmp_path, entry_ids=[sample["playbook"]])
    clock.advance(3600)
    revoked = ledger.revoke(record.license_id, "contract ended")
    assert (revoked.status, revoked.revoked_at) == ("revoked", clock.now)
    assert revoked.revoke_reason == "contract ended"
    clock.advance(3600)
    again = ledger.revoke(record.license_id, "another reason")
    assert again.revoked_at == revoked.revoked_at and again.revoke_reason == "contract ended"
    events = AuditLog(vault.db).events(license_id=record.license_id)
    assert [e.event for e in events] == ["issued", "revoked"]
    with pytest.raises(NotFound):
        ledger.revoke("f" * 32)
    with pytest.raises(InvalidValue):
        ledger.revoke(record.license_id, "x" * 2001)


def test_renew(ledger: Ledger, vault: Vault, sample: dict, tmp_path: Path, clock: FakeClock) -> None:
    record = issue(ledger, tmp_path, entry_ids=[sample["playbook"]], expires_at=START + 10 * DAY)
    before = unchanged(vault)
    for bad in (START + 10 * DAY, START + 5 * DAY):
        with pytest.raises(InvalidValue, match="later"):
            ledger.renew(record.license_id, bad)
    assert unchanged(vault) == before
    clock.now = START + 11 * DAY
    assert ledger.get(record.license_id).status == "expired"
    renewed = ledger.renew(record.license_id, START + 30 * DAY)
    assert renewed.status == "active" and renewed.expires_at == START + 30 * DAY
    assert renewed.original_expires_at == START + 10 * DAY
    event = AuditLog(vault.db).events(license_id=record.license_id)[-1]
    assert event.event == "renewed" and event.detail["previous_expires_at"] == START + 10 * DAY
    ledger.revoke(record.license_id)
    with pytest.raises(InvalidValue, match="revoked"):
        ledger.renew(record.license_id, START + 60 * DAY)


def test_renew_to_a_date_already_past_refused(
    ledger: Ledger, sample: dict, tmp_path: Path, clock: FakeClock
) -> None:
    record = issue(ledger, tmp_path, entry_ids=[sample["playbook"]], expires_at=START + DAY)
    clock.now = START + 5 * DAY
    with pytest.raises(InvalidValue, match="not in the future"):
        ledger.renew(record.license_id, START + 2 * DAY)


# -- status documents ---------------------------------------------------------------------------


def test_publish_status_sequence_and_content(
    ledger: Ledger, vault: Vault, sample: dict, tmp_path: Path, clock: FakeClock
) -> None:
    kept = issue(ledger, tmp_path, "a.knowhold", entry_ids=[sample["playbook"]])
    gone = issue(ledger, tmp_path, "b.knowhold", entry_ids=[sample["heuristic"]])
    longer = issue(ledger, tmp_path, "c.knowhold", entry_ids=[sample["other"]], expires_at=START + 10 * DAY)
    key = load_identity(vault.db).public.signing_key

    first = parse_status(ledger.publish_status(tmp_path / "s1.status").read_bytes(), key)
    # The sequence follows the signing time in milliseconds, so it only grows across restores.
    assert (first.sequence, first.revoked, first.renewed) == (START * 1000, (), ())
    assert (first.issued_at, first.next_update) == (START, START + 7 * DAY)

    clock.advance(100)
    ledger.revoke(gone.license_id, "contract ended")
    ledger.renew(longer.license_id, START + 40 * DAY)
    folder = tmp_path / "site"
    folder.mkdir()
    path = ledger.publish_status(folder, valid_for=DAY)
    assert path == folder / "knowhold.status"
    second = parse_status(path.read_bytes(), key)
    assert second.sequence == clock.now * 1000
    assert (second.issued_at, second.next_update) == (clock.now, clock.now + DAY)
    assert [(r.license_id, r.revoked_at, r.reason) for r in second.revoked] == [
        (gone.license_id, clock.now, "contract ended")
    ]
    assert [(r.license_id, r.expires_at) for r in second.renewed] == [(longer.license_id, START + 40 * DAY)]
    assert second.revocation_of(kept.license_id) is None
    assert b"Acme Support" not in path.read_bytes()  # public: licenses by id only
    # Public by design: a web server running as another user must be able to read it.
    assert stat.S_IMODE(path.stat().st_mode) == 0o644

    third = parse_status(ledger.publish_status(folder).read_bytes(), key)
    assert third.sequence == second.sequence + 1 and third.revoked == second.revoked  # the same second
    assert ledger.published_sequence() == third.sequence
    events = [e for e in AuditLog(vault.db).events() if e.event == "status-published"]
    assert [e.detail["sequence"] for e in events] == [first.sequence, second.sequence, third.sequence]


def test_publish_status_refuses_to_overwrite_other_files(
    ledger: Ledger, vault: Vault, tmp_path: Path
) -> None:
    other = tmp_path / "index.html"
    other.write_text("<html>")
    before = unchanged(vault)
    with pytest.raises(InvalidValue, match="not a status document"):
        ledger.publish_status(other)
    with pytest.raises(InvalidValue):
        ledger.publish_status(tmp_path / "s.status", valid_for=0)
    assert other.read_text() == "<html>" and unchanged(vault) == before and ledger.published_sequence() == 0


def test_failed_publication_does_not_use_up_the_sequence(
    ledger: Ledger, vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(path: Path, data: bytes) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(ledger_files, "atomic_write", fail)
    with pytest.raises(ExportFailed):
        ledger.publish_status(tmp_path / "s.status")
    assert ledger.published_sequence() == 0 and unchanged(vault)[2] == 0


# -- receipts ------------------------------------------------------------------------------------


@pytest.fixture
def two(ledger: Ledger, sample: dict, tmp_path: Path):
    return (
        issue(ledger, tmp_path, "a.knowhold", entry_ids=[sample["playbook"]]),
        issue(ledger, tmp_path, "b.knowhold", entry_ids=[sample["heuristic"]]),
    )


def test_receipt_import_marks_accepted(
    ledger: Ledger, vault: Vault, two, employer_identity: Identity, clock: FakeClock
) -> None:
    first, _ = two
    data = build_receipt(
        employer_identity,
        license_id=first.license_id,
        manifest_hash=first.manifest_hash,
        accepted_at=START + 60,
    )
    clock.advance(3600)
    record = ledger.import_receipt(data)
    assert (record.status, record.accepted_at, record.has_receipt) == ("accepted", START + 60, True)
    stored = vault.db.conn.execute("SELECT receipt FROM licenses WHERE license_id = ?", (first.license_id,))
    assert bytes(stored.fetchone()[0]) == data
    audit = AuditLog(vault.db).events(license_id=first.license_id)
    assert [e.event for e in audit] == ["issued", "receipt-imported"]
    # The same receipt again changes nothing.
    before = unchanged(vault)
    assert ledger.import_receipt(data).accepted_at == START + 60
    assert unchanged(vault) == before


def test_receipt_for_another_license_refused(
    ledger: Ledger, vault: Vault, two, employer_identity: Identity
) -> None:
    first, second = two
    forged = build_receipt(
        employer_identity, license_id=first.license_id, manifest_hash=second.manifest_hash, accepted_at=START
    )
    before = unchanged(vault)
    with pytest.raises(Malformed, match="another license") as caught:
        ledger.import_receipt(forged)
    assert caught.value.exit_code == 10
    assert unchanged(vault) == before and ledger.get(first.license_id).status == "active"


def test_receipt_signed_by_someone_else_refused(
    ledger: Ledger, vault: Vault, two, tmp_path: Path, clock: FakeClock
) -> None:
    first, _ = two
    mallory = Identity.generate("Mallory", created_at=START)
    forged = build_receipt(
        mallory, license_id=first.license_id, manifest_hash=first.manifest_hash, accepted_at=START
    )
    before = unchanged(vault)
    with pytest.raises(Malformed, match="not signed by the licensee"):
        ledger.import_receipt(forged)
    assert unchanged(vault) == before and ledger.get(first.license_id).accepted_at is None


def test_receipt_for_unknown_license_or_damaged_refused(
    ledger: Ledger, vault: Vault, two, employer_identity: Identity
) -> None:
    first, _ = two
    unknown = build_receipt(
        employer_identity, license_id="e" * 32, manifest_hash=first.manifest_hash, accepted_at=START
    )
    good = build_receipt(
        employer_identity, license_id=first.license_id, manifest_hash=first.manifest_hash, accepted_at=START
    )
    before = unchanged(vault)
    with pytest.raises(NotFound):
        ledger.import_receipt(unknown)
    for damaged in (b"", good[:-40], good.replace(b'"version":1', b'"version":2')):
        with pytest.raises(Malformed):
            ledger.import_receipt(damaged)
    assert unchanged(vault) == before


# -- with the employer's side --------------------------------------------------------------------


def test_round_trip_with_the_employers_library(
    vault: Vault, sample: dict, tmp_path: Path, clock: FakeClock
) -> None:
    """Both sides, real vaults: what the ledger writes, the employer's library
    reads; its receipt is what the ledger imports; its status documents are
    what the library applies (and an older one is refused as a rollback)."""
    from knowhold.vault.licensing.received import Library  # the employer's side (vault/received.py)

    created = Vault.create(tmp_path / "employer", PASSPHRASE, clock=clock, name="Acme Support", kdf=FAST_KDF)
    with created.vault as employer:
        Contacts(vault.db).add(make_card(load_identity(employer.db)), verified=True)
        Contacts(employer.db).add(make_card(load_identity(vault.db)), verified=True)
        ledger, library = Ledger(vault), Library(employer)
        end = START + 10 * DAY
        kept = issue(ledger, tmp_path, "a.knowhold", entry_ids=[sample["playbook"]], expires_at=end)
        gone = issue(ledger, tmp_path, "b.knowhold", entry_ids=[sample["heuristic"]])
        for name in ("a.knowhold", "b.knowhold"):
            assert library.ingest((tmp_path / name).read_bytes()).status == "active"

        assert ledger.import_receipt(library.accept(kept.license_id)).status == "accepted"

        first = ledger.publish_status(tmp_path / "1.status")
        library.apply_status(first.read_bytes())
        clock.advance(60)
        ledger.renew(kept.license_id, START + 40 * DAY)
        ledger.revoke(gone.license_id, "contract ended")
        library.apply_status(ledger.publish_status(tmp_path / "2.status").read_bytes())
        states = {r.license_id: r for r in library.licenses()}
        assert states[kept.license_id].expires_at == START + 40 * DAY
        assert states[gone.license_id].status in ("revoked", "destroyed")
        with pytest.raises(Malformed, match="rollback"):
            library.apply_status(first.read_bytes())


def test_the_package_carries_each_entry_origin(
    ledger: Ledger, vault: Vault, employer_identity: Identity, tmp_path: Path
) -> None:
    """The employer sees where the knowledge comes from: version 2 only when an origin is recorded."""
    learned = vault.entries.add(
        "heuristic", "Rack the heavy parts low", "Below the knee.", origin=parse_origin("org:Acme Support")
    )
    mine = vault.entries.add("note", "My own rule", "Check twice.")
    issue(ledger, tmp_path, entry_ids=[learned.id, mine.id])
    package, entries = opened(tmp_path / "out.knowhold", employer_identity)
    by_id = {e.id: e for e in entries}
    assert format_origin(by_id[learned.id].origin) == "org:Acme Support"
    assert by_id[mine.id].origin is None
    assert package.manifest.version == ORIGIN_VERSION
    issue(ledger, tmp_path, "plain.knowhold", entry_ids=[mine.id])
    assert read_package(tmp_path / "plain.knowhold").manifest.version == 1
