"""The review before a license: what would leave, finding by finding; decisions, progress and cancel."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.errors import Cancelled, NoContact, NotFound, SensitiveRefused
from knowhold.vault.knowledge import entries
from knowhold.vault.knowledge.origin import Origin
from knowhold.vault.knowledge.templates import template_for, untouched_guidance
from knowhold.vault.licensing.identity import Contacts, Identity, make_card
from knowhold.vault.licensing.issuing import STAGE_SCREEN, STAGE_WRITE, FindingKey
from knowhold.vault.licensing.ledger import Ledger
from knowhold.vault.licensing.package import open_entries, read_package
from knowhold.vault.licensing.review import IN_TRASH, PRIVATE, review
from knowhold.vault.licensing.terms import Revocation, Terms
from tests.conftest import START

DAY = 86400
EMAIL = "li.wei@example.com"
PHONE = "13812345678"


@pytest.fixture(scope="module")
def acme() -> Identity:
    return Identity.generate("Acme Support", created_at=START)


@pytest.fixture
def ledger(vault: Vault, acme: Identity) -> Ledger:
    Contacts(vault.db).add(make_card(acme), verified=True)
    return Ledger(vault)


@pytest.fixture
def ids(vault: Vault) -> dict[str, str]:
    add = vault.entries.add
    trashed = add("note", "Old way", "Gone.", [])
    vault.entries.trash(trashed.id)
    return {
        "sensitive": add("playbook", f"Call {PHONE} first", f"Write to {EMAIL} for refunds.", ["support"]).id,
        "tagged": add("note", "Team", "Nothing here.", [EMAIL, "support"]).id,
        "clean": add("heuristic", "Refund rule", "Refund under 50.", ["money"]).id,
        "private": add("note", "Salary notes", "My own notes.", [], True).id,
        "trashed": trashed.id,
    }


def issue(ledger: Ledger, tmp_path: Path, **kwargs: object):
    args: dict = {
        "to": "Acme Support",
        "expires_at": START + 90 * DAY,
        "terms": Terms.make(),
        "revocation": Revocation(),
        "out": tmp_path / "out.knowhold",
    }
    args.update(kwargs)
    return ledger.issue(**args)


def rows(vault: Vault) -> tuple[int, int, int]:
    c = vault.db.conn
    return tuple(
        c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("licenses", "license_entries", "audit")
    )


# -- untouched template guidance ------------------------------------------------------------


def test_untouched_guidance_is_found_exactly_as_the_template_wrote_it() -> None:
    body = template_for("checklist")
    found = untouched_guidance(body)
    assert found[0] == "*What this checklist protects against.*" and len(found) == 3
    # Written over: the worker's own words are not flagged, even if close.
    edited = body.replace("*What this checklist protects against.*", "Protects against a lost deposit.")
    assert "*What this checklist protects against.*" not in untouched_guidance(edited)
    assert untouched_guidance("*What this checklist protects against*") == ()  # no full stop: edited
    assert untouched_guidance("As the template says: *What this checklist protects against.*") == ()
    # Spaces around the line do not hide it; a repeat is reported once.
    assert untouched_guidance(
        "  *What this checklist protects against.*  \n*What this checklist protects against.*"
    ) == ("*What this checklist protects against.*",)


def test_untouched_guidance_in_any_kind_and_language() -> None:
    # An entry that changed kind, or was started in Chinese, still holds the first template's lines.
    assert untouched_guidance(template_for("decision", "zh"))[0] == "*当时发生了什么，为什么必须做决定。*"
    assert len(untouched_guidance(template_for("playbook") + template_for("note", "zh"))) == 6
    assert untouched_guidance("Plain notes of my own.\n\n- one\n- two") == ()


# -- the review -----------------------------------------------------------------------------


def test_review_shows_every_field_and_finding_and_excludes_private_and_trashed(
    ledger: Ledger, vault: Vault, ids: dict[str, str]
) -> None:
    chosen = [ids["sensitive"], ids["private"], ids["tagged"], ids["trashed"], ids["clean"]]
    result = review(vault, to="Acme Support", entry_ids=chosen, terms=Terms.make())
    assert [e.id for e in result.entries] == [ids["sensitive"], ids["tagged"], ids["clean"]]
    assert [(x.id, x.reason) for x in result.excluded] == [
        (ids["private"], PRIVATE),
        (ids["trashed"], IN_TRASH),
    ]
    assert result.excluded[0].title == "Salary notes"
    first = result.entries[0]
    assert (first.kind, first.title, first.body, first.tags, first.version) == (
        "playbook",
        f"Call {PHONE} first",
        f"Write to {EMAIL} for refunds.",
        ("support",),
        1,
    )
    assert [(f.key.field, f.finding.kind, f.placeholder) for f in first.findings] == [
        ("title", "phone", "[REDACTED PHONE]"),
        ("body", "email", "[REDACTED EMAIL]"),
    ]
    body = first.findings[1]
    assert first.body[body.key.start : body.key.end] == EMAIL and body.key.entry_id == ids["sensitive"]
    assert EMAIL not in repr(body.key)  # a key names the value by digest, never by its text
    tagged = result.entries[1]
    assert [(f.key.field, f.key.index, f.placeholder) for f in tagged.findings] == [
        ("tags", 0, "redacted-email")
    ]
    assert result.entries[2].findings == () and result.warnings == () and result.terms_findings == ()
    assert len(result.findings) == 3


def test_review_flags_template_guidance_and_terms_findings(
    ledger: Ledger, vault: Vault, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Saved as Knowhold did before it dropped untouched guidance on save.
    monkeypatch.setattr(entries, "without_guidance", lambda body: body)
    draft = vault.entries.add("checklist", "Before a release", template_for("checklist"), []).id
    terms = Terms.make(attribution=f"Li Wei <{EMAIL}>", text=f"Questions: {PHONE}.")
    result = review(vault, to="Acme Support", entry_ids=[draft], terms=terms)
    assert "*What this checklist protects against.*" in result.entries[0].guidance
    assert [(f.key.entry_id, f.key.field, f.finding.kind) for f in result.terms_findings] == [
        ("", "attribution", "email"),
        ("", "text", "phone"),
    ]
    assert result.terms == terms


def test_review_warns_of_an_unverified_contact_and_refuses_unknown_ones(
    vault: Vault, acme: Identity, ids: dict[str, str]
) -> None:
    Contacts(vault.db).add(make_card(acme))
    result = review(vault, to="Acme Support", entry_ids=[ids["clean"]], terms=Terms.make())
    assert len(result.warnings) == 1 and "not verified" in result.warnings[0]
    assert result.licensee.fingerprint in result.warnings[0]
    with pytest.raises(NoContact):
        review(vault, to="Globex", entry_ids=[ids["clean"]], terms=Terms.make())
    with pytest.raises(NotFound):
        review(vault, to="Acme Support", entry_ids=["zzzzzzzzzz"], terms=Terms.make())


def test_each_entry_warns_where_its_knowledge_comes_from(ledger: Ledger, vault: Vault) -> None:
    add = vault.entries.add
    elsewhere = add(
        "playbook", "Escalation at Globex", "Call early.", origin=Origin.make("organisation", "Globex")
    )
    theirs = add(
        "playbook", "Acme's own rule", "Refund fast.", origin=Origin.make("organisation", "acme  support")
    )
    mine = add("heuristic", "My rule", "Ask twice.", origin=Origin.make("own"))
    result = review(
        vault, to="Acme Support", entry_ids=[elsewhere.id, theirs.id, mine.id], terms=Terms.make()
    )
    first, second, third = result.entries
    assert len(first.warnings) == 1 and "may belong to Globex" in first.warnings[0]
    assert len(second.warnings) == 1 and "already own" in second.warnings[0]
    assert third.warnings == () and third.origin == Origin.make("own")
    assert first.origin == Origin.make("organisation", "Globex")  # for the app to word it itself


# -- decisions, finding by finding ------------------------------------------------------------


def test_the_review_shows_exactly_what_the_package_holds(
    ledger: Ledger, vault: Vault, ids: dict[str, str], tmp_path: Path, acme: Identity
) -> None:
    chosen = [ids["sensitive"], ids["tagged"]]
    result = review(vault, to="Acme Support", entry_ids=chosen, terms=Terms.make())
    phone = result.entries[0].findings[0].key
    include = {phone}
    record = issue(ledger, tmp_path, entry_ids=chosen, redact=True, include_anyway=include)
    package = read_package(tmp_path / "out.knowhold")
    licensed = open_entries(package, acme)[1]
    assert [(e.title, e.body, e.tags) for e in licensed] == [r.licensed(include) for r in result.entries]
    assert licensed[0].title == f"Call {PHONE} first"  # included anyway
    assert licensed[0].body == "Write to [REDACTED EMAIL] for refunds."
    assert licensed[1].tags == ("redacted-email", "support")
    # Both happened, and the manifest says both.
    assert record.redacted and record.sensitive_included and record.findings == 3
    assert package.manifest.redacted and package.manifest.sensitive_included
    assert vault.entries.get(ids["sensitive"]).title == f"Call {PHONE} first"  # the vault's copy as it was


def test_the_origin_name_is_reviewed_and_decided_like_the_text(
    ledger: Ledger, vault: Vault, tmp_path: Path, acme: Identity
) -> None:
    """An address typed as the organisation is a finding of its own, shown as it will leave."""
    origin = Origin.make("organisation", f"Globex ({EMAIL})")
    learned = vault.entries.add("heuristic", f"Call {PHONE}", "Below the knee.", origin=origin).id
    result = review(vault, to="Acme Support", entry_ids=[learned], terms=Terms.make())
    entry = result.entries[0]
    assert [(f.key.field, f.finding.kind, f.placeholder) for f in entry.findings] == [
        ("title", "phone", "[REDACTED PHONE]"),
        ("origin", "email", "[REDACTED EMAIL]"),  # after the title, body and tags
    ]
    found = entry.findings[1]
    assert origin.name[found.key.start : found.key.end] == EMAIL and found.key.entry_id == learned
    assert entry.origin == origin  # the entry's own, for the warnings; the licensed copy is asked for
    assert entry.licensed_origin(set()) == Origin.make("organisation", "Globex ([REDACTED EMAIL])")
    assert entry.licensed_origin({found.key}) == origin

    # Refused without a decision about it, even with the title's finding included.
    with pytest.raises(SensitiveRefused, match="in an origin; email"):
        issue(ledger, tmp_path, entry_ids=[learned], include_anyway={entry.findings[0].key})
    for include in (set(), {found.key}):
        record = issue(ledger, tmp_path, entry_ids=[learned], redact=True, include_anyway=include)
        licensed = open_entries(read_package(tmp_path / "out.knowhold"), acme)[1][0]
        assert licensed.origin == entry.licensed_origin(include)  # the review showed what the package holds
        assert record.findings == 2 and record.sensitive_included == bool(include)
        (tmp_path / "out.knowhold").unlink()
    assert vault.entries.get(learned).origin == origin


def test_including_every_finding_one_by_one_needs_no_redact(
    ledger: Ledger, vault: Vault, ids: dict[str, str], tmp_path: Path
) -> None:
    result = review(vault, to="Acme Support", entry_ids=[ids["sensitive"]], terms=Terms.make())
    keys = {f.key for f in result.findings}
    record = issue(ledger, tmp_path, entry_ids=[ids["sensitive"]], include_anyway=keys)
    assert record.sensitive_included and not record.redacted


def test_a_finding_without_a_decision_still_refuses(
    ledger: Ledger, vault: Vault, ids: dict[str, str], tmp_path: Path
) -> None:
    result = review(vault, to="Acme Support", entry_ids=[ids["sensitive"]], terms=Terms.make())
    before = rows(vault)
    with pytest.raises(SensitiveRefused) as caught:
        issue(ledger, tmp_path, entry_ids=[ids["sensitive"]], include_anyway={result.findings[0].key})
    assert (
        "findings: 1" in str(caught.value)
        and "email" in str(caught.value)
        and "phone" not in str(caught.value)
    )
    assert rows(vault) == before and not (tmp_path / "out.knowhold").exists()


def test_terms_findings_take_decisions_too(
    ledger: Ledger, vault: Vault, ids: dict[str, str], tmp_path: Path, acme: Identity
) -> None:
    terms = Terms.make(attribution=f"Li Wei <{EMAIL}>", text=f"Questions: {PHONE}.")
    result = review(vault, to="Acme Support", entry_ids=[ids["clean"]], terms=terms)
    attribution = result.terms_findings[0].key
    issue(ledger, tmp_path, entry_ids=[ids["clean"]], terms=terms, redact=True, include_anyway={attribution})
    manifest = read_package(tmp_path / "out.knowhold").manifest
    assert manifest.terms.attribution == f"Li Wei <{EMAIL}>"
    assert manifest.terms.text == "Questions: [REDACTED PHONE]."


def test_a_decision_about_text_since_changed_never_includes_the_new_text(
    ledger: Ledger, vault: Vault, ids: dict[str, str], tmp_path: Path, acme: Identity
) -> None:
    """The same span now holds another address: it is redacted, and the result says why."""
    result = review(vault, to="Acme Support", entry_ids=[ids["sensitive"]], terms=Terms.make())
    keys = {f.key for f in result.findings}
    other = "li.wu1@example.com"  # as long as the first, so every span is the same
    assert len(other) == len(EMAIL)
    entry = vault.entries.get(ids["sensitive"])
    vault.entries.update(entry.id, body=entry.body.replace(EMAIL, other))
    record = issue(ledger, tmp_path, entry_ids=[ids["sensitive"]], redact=True, include_anyway=keys)
    licensed = open_entries(read_package(tmp_path / "out.knowhold"), acme)[1][0]
    assert licensed.body == "Write to [REDACTED EMAIL] for refunds." and other not in licensed.body
    assert licensed.title == f"Call {PHONE} first"  # unchanged: its decision still holds
    assert any("not found again" in w for w in record.warnings)


def test_a_key_is_stable_across_reviews(vault: Vault, ledger: Ledger, ids: dict[str, str]) -> None:
    first = review(vault, to="Acme Support", entry_ids=[ids["sensitive"]], terms=Terms.make())
    second = review(vault, to="Acme Support", entry_ids=[ids["sensitive"]], terms=Terms.make())
    assert [f.key for f in first.findings] == [f.key for f in second.findings]
    assert isinstance(first.findings[0].key, FindingKey) and len({f.key for f in first.findings}) == 2


# -- progress and cancel ---------------------------------------------------------------------------


def test_progress_reports_each_entry_then_writing(
    ledger: Ledger, vault: Vault, ids: dict[str, str], tmp_path: Path
) -> None:
    heard: list[tuple[int, int, str]] = []
    chosen = [ids["clean"], ids["tagged"]]
    issue(ledger, tmp_path, entry_ids=chosen, redact=True, progress=lambda *report: heard.append(report))
    assert heard == [(0, 2, STAGE_SCREEN), (1, 2, STAGE_SCREEN), (2, 2, STAGE_WRITE)]


@pytest.mark.parametrize("stage", [STAGE_SCREEN, STAGE_WRITE])
def test_cancel_records_and_writes_nothing(
    ledger: Ledger, vault: Vault, ids: dict[str, str], tmp_path: Path, stage: str
) -> None:
    def cancel(done: int, total: int, what: str) -> None:
        if what == stage and done == total - (stage == STAGE_SCREEN):
            raise Cancelled()

    before = rows(vault)
    with pytest.raises(Cancelled):
        issue(ledger, tmp_path, entry_ids=[ids["clean"], ids["tagged"]], redact=True, progress=cancel)
    assert rows(vault) == before and ledger.licenses() == []
    assert list(tmp_path.iterdir()) == [tmp_path / "vault"]  # no package, no temporary file
