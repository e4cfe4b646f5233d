"""The worker's licensing commands as scripts use them: JSON shapes, exit codes, one-line errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.identity import Contacts, Identity, make_card
from knowhold.vault.licensing.package import open_entries, read_package
from knowhold.vault.licensing.receipts import MAX_RECEIPT, build_receipt
from tests.conftest import FAST_KDF, PASSPHRASE, START, FakeClock
from tests.test_cli import Cli

DAY = 86400


ACME = Identity.generate("Acme Support", created_at=START)


def make_worker(path: Path, clock: FakeClock) -> tuple[Cli, dict[str, str]]:
    """A worker's vault with entries and Acme as a verified contact, made through
    the core in one go (each command would unlock the vault again: slow)."""
    created = Vault.create(path, PASSPHRASE, clock=clock, name="Li Wei", kdf=FAST_KDF)
    with created.vault as vault:
        Contacts(vault.db).add(make_card(ACME), verified=True)
        add = vault.entries.add
        ids = {
            "a": add("playbook", "Escalate early", "Escalate after two hours.", ["support"]).id,
            "b": add("heuristic", "Refund rule", "Refund under 50.", ["support"]).id,
            "c": add("decision", "Office move", "East building.", ["facilities"]).id,
            "p": add("note", "Salary", "Mine.", ["support"], True).id,
            "s": add("note", "Contacts", "Mail li.wei@example.com.", ["people"]).id,
        }
    return Cli(path, clock), ids


@pytest.fixture
def acme() -> Identity:
    return ACME


@pytest.fixture
def made(tmp_path: Path, clock: FakeClock) -> tuple[Cli, dict[str, str]]:
    return make_worker(tmp_path / "vault", clock)


@pytest.fixture
def worker(made: tuple[Cli, dict[str, str]]) -> Cli:
    return made[0]


@pytest.fixture
def entries(made: tuple[Cli, dict[str, str]]) -> dict[str, str]:
    return made[1]


@pytest.fixture(scope="module")
def untouched(tmp_path_factory: pytest.TempPathFactory) -> tuple[Cli, dict[str, str]]:
    """One vault shared by the refusal cases: none of them may change it."""
    return make_worker(tmp_path_factory.mktemp("refusals") / "vault", FakeClock())


def issue_args(out: Path, *more: str) -> list[str]:
    return ["license", "issue", "--to", "Acme Support", "--expires", "90d", "--out", str(out), *more]


def test_issue_json_shape(worker: Cli, entries: dict, tmp_path: Path) -> None:
    out = tmp_path / "acme.knowhold"
    doc = worker.json(
        *issue_args(
            out,
            "--entry",
            entries["a"],
            entries["b"],
            "--kind",
            "decision",
            "--allow",
            "ai-retrieval",
            "--human-review",
            "--fee",
            "1200",
            "CNY",
            "--per",
            "month",
            "--attribution",
            "Li Wei",
        )
    )
    assert len(doc["license_id"]) == 32 and doc["out"] == str(out.absolute())
    assert doc["licensee"] == "Acme Support" and doc["status"] == "active"
    assert {e["id"] for e in doc["entries"]} == {entries["a"], entries["b"], entries["c"]}
    assert doc["entry_count"] == 3
    assert doc["expires_at"] == "2026-12-20T14:13:20Z"  # START + 90 days
    assert doc["issued_at"] == doc["not_before"] == "2026-09-21T14:13:20Z"
    assert doc["permissions"] == {
        "view": True,
        "copy-excerpts": False,
        "ai-retrieval": True,
        "ai-training": False,
        "redistribute": False,
    }
    assert doc["compensation"] == {"amount": "1200.00", "currency": "CNY", "period": "month", "note": ""}
    assert doc["warnings"] == [] and doc["private_skipped"] == 0 and doc["findings"] == 0
    manifest = read_package(out).manifest
    assert manifest.license_id == doc["license_id"] and manifest.terms.human_review
    assert manifest.terms.attribution == "Li Wei"


def test_issue_by_tag_leaves_private_out(worker: Cli, entries: dict, tmp_path: Path) -> None:
    doc = worker.json(
        *issue_args(
            tmp_path / "x.knowhold",
            "--tag",
            "support",
            "--not-before",
            "2026-10-01",
            "--expires",
            "2027-03-01T09:00:00Z",
        )
    )
    assert {e["id"] for e in doc["entries"]} == {entries["a"], entries["b"]}
    assert doc["private_skipped"] == 1 and len(doc["warnings"]) == 1
    assert (doc["not_before"], doc["expires_at"]) == ("2026-10-01T00:00:00Z", "2027-03-01T09:00:00Z")


@pytest.mark.parametrize(
    "more, code, message",
    [
        ([], 2, "--entry, --tag or --kind"),
        (["--tag", "support", "--status-max-age", "7d"], 2, "--status-url"),
        (["--tag", "support", "--redact", "--allow-sensitive"], 2, "not allowed with"),
        (["--tag", "support", "--allow", "teleport"], 2, "invalid choice"),
        (["--tag", "support", "--deny", "view"], 2, "always granted"),
        (["--tag", "support", "--per", "month"], 2, "fee"),
        (["--tag", "support", "--fee", "lots", "CNY"], 2, "lots"),
        (["--tag", "support", "--status-url", "ftp://x", "--status-max-age", "7d"], 2, "URL"),
        (["--tag", "support", "--status-url", "https://x.org/s", "--status-max-age", "week"], 2, "duration"),
        (["--tag", "support", "--not-before", "soon"], 2, "Invalid time"),
        (["--tag", "nosuch"], 2, "No entries match"),
        (["--entry", "zzzzzzzzzz"], 1, "No entry"),
        (["--tag", "people"], 1, "(findings: 1; entries: 1; email): nothing was issued. Review them with"),
        (["--tag", "support", "--to", "Globex"], 1, "No contact named 'Globex'"),
        (["--tag", "support", "--expires", "2020-01-01"], 2, "not in the future"),
    ],
)
def test_issue_refusals(
    untouched: tuple[Cli, dict[str, str]], tmp_path: Path, more: list[str], code: int, message: str
) -> None:
    worker = untouched[0]
    out = tmp_path / "x.knowhold"
    err = worker.fails(code, *issue_args(out, *more))
    assert message in err
    assert not out.exists()
    assert worker.json("license", "list") == {"licenses": []}


def test_private_entry_refused_by_id(worker: Cli, entries: dict, tmp_path: Path) -> None:
    err = worker.fails(1, *issue_args(tmp_path / "x.knowhold", "--entry", entries["a"], entries["p"]))
    assert "Private entries can never be licensed" in err and entries["p"] in err


def test_missing_required_options(worker: Cli, entries: dict, tmp_path: Path) -> None:
    worker.fails(2, "license", "issue", "--to", "Acme Support", "--tag", "support", "--out", "x.knowhold")
    worker.fails(2, "license", "issue", "--to", "Acme Support", "--tag", "support", "--expires", "9d")


def test_redact_and_allow_sensitive(worker: Cli, entries: dict, tmp_path: Path) -> None:
    redacted = worker.json(*issue_args(tmp_path / "r.knowhold", "--tag", "people", "--redact"))
    assert redacted["redacted"] and redacted["findings"] == 1
    included = worker.json(*issue_args(tmp_path / "i.knowhold", "--tag", "people", "--allow-sensitive"))
    assert included["sensitive_included"] and not included["redacted"]
    shown = worker.json("license", "show", redacted["license_id"])
    assert shown["content"] == {"redacted": True, "sensitive_included": False}
    assert worker.json("show", entries["s"])["body"] == "Mail li.wei@example.com."


def test_tags_are_scanned_and_never_reach_the_employer(worker: Cli, tmp_path: Path, acme: Identity) -> None:
    """End to end: an address kept as a tag is found by `scan`, stops the issue,
    and with --redact is nowhere in what the licensee opens."""
    address = "wei.li@example.com"
    added = worker.json(
        "add", "--kind", "note", "--title", "Team", "--tag", address, "--tag", "ops", stdin="Nothing here."
    )
    findings = worker.json("scan", added["id"])["findings"]
    assert [(f["field"], f["index"], f["kind"], f["start"], f["end"]) for f in findings] == [
        ("tags", 1, "email", 0, len(address))  # tags are kept sorted: ops, then the address
    ]
    out = tmp_path / "team.knowhold"
    err = worker.fails(1, *issue_args(out, "--entry", added["id"]))
    assert "findings: 1" in err and address not in err and not out.exists()
    issued = worker.json(*issue_args(out, "--entry", added["id"], "--redact"))
    assert issued["redacted"] and issued["findings"] == 1
    package = read_package(out)
    plaintext, opened = open_entries(package, acme)
    assert address.encode() not in plaintext and address.encode() not in package.manifest_bytes
    assert address.encode() not in out.read_bytes()
    assert opened[0].tags == ("ops", "redacted-email")


def test_an_origin_name_is_scanned_and_never_reaches_the_employer(
    worker: Cli, tmp_path: Path, acme: Identity
) -> None:
    """`scan` shows the finding that stops the license, in the field it is in."""
    address = "wei.li@example.com"
    origin = f"org:Globex ({address})"
    added = worker.json("add", "--kind", "note", "--title", "Team", "--origin", origin, stdin="Nothing.")
    findings = worker.json("scan", added["id"])["findings"]
    start = len("Globex (")
    assert [(f["field"], f["index"], f["kind"], f["start"], f["end"]) for f in findings] == [
        ("origin", 0, "email", start, start + len(address))
    ]
    out = tmp_path / "team.knowhold"
    err = worker.fails(1, *issue_args(out, "--entry", added["id"]))
    assert "in an origin" in err and f"knowhold scan {added['id']}" in err and address not in err
    issued = worker.json(*issue_args(out, "--entry", added["id"], "--redact"))
    assert issued["redacted"] and issued["findings"] == 1
    package = read_package(out)
    plaintext, opened = open_entries(package, acme)
    assert address.encode() not in plaintext and address.encode() not in out.read_bytes()
    assert opened[0].origin is not None and opened[0].origin.name == "Globex ([REDACTED EMAIL])"
    kept = worker.json("show", added["id"])["origin"]
    assert kept == {"kind": "organisation", "name": f"Globex ({address})"}  # the vault's entry as it was


def test_list_show_revoke_renew(worker: Cli, entries: dict, tmp_path: Path, clock: FakeClock) -> None:
    one = worker.json(*issue_args(tmp_path / "1.knowhold", "--entry", entries["a"], "--fee", "99", "usd"))
    two = worker.json(
        *issue_args(
            tmp_path / "2.knowhold",
            "--entry",
            entries["b"],
            "--expires",
            "10d",
            "--status-url",
            "https://li.example/knowhold.status",
            "--status-max-age",
            "7d",
        )
    )
    listed = worker.json("license", "list")["licenses"]
    assert {r["license_id"] for r in listed} == {one["license_id"], two["license_id"]}
    for row in listed:
        assert {
            "license_id",
            "licensee",
            "entries",
            "entry_count",
            "issued_at",
            "expires_at",
            "permissions",
            "compensation",
            "status",
        } <= row.keys()
        assert row["status"] == "active" and row["entry_count"] == 1

    code, text, _ = worker("license", "list")
    assert code == 0
    head, *rows = text.splitlines()
    assert head.split() == [
        "LICENSE",
        "LICENSEE",
        "ENTRIES",
        "ISSUED",
        "ENDS",
        "PERMISSIONS",
        "COMPENSATION",
        "STATUS",
    ]
    assert any(one["license_id"][:8] in r and "99.00 USD once" in r and "view only" in r for r in rows)

    shown = worker.json("license", "show", two["license_id"][:8])
    assert shown["license_id"] == two["license_id"] and shown["status"] == "active"
    assert shown["revocation"] == {
        "status_url": "https://li.example/knowhold.status",
        "max_status_age": 7 * DAY,
        "revoked_at": None,
        "reason": None,
    }
    assert shown["terms"]["permissions"]["view"] is True and shown["receipt"] is False
    assert shown["accepted_at"] is None and [e["id"] for e in shown["entries"]] == [entries["b"]]

    revoked = worker.json("license", "revoke", one["license_id"], "--reason", "contract ended")
    assert revoked["status"] == "revoked" and revoked["reason"] == "contract ended" and revoked["changed"]
    assert worker.json("license", "revoke", one["license_id"])["changed"] is False
    shown = worker.json("license", "show", one["license_id"])
    assert shown["status"] == "revoked" and shown["revocation"]["reason"] == "contract ended"
    assert worker.fails(2, "license", "renew", one["license_id"], "--expires", "200d")

    assert "later" in worker.fails(2, "license", "renew", two["license_id"], "--expires", "5d")
    clock.advance(11 * DAY)
    assert worker.json("license", "show", two["license_id"])["status"] == "expired"
    renewed = worker.json("license", "renew", two["license_id"], "--expires", "30d")
    assert renewed["status"] == "active"
    assert renewed["previous_expires_at"] == "2026-10-01T14:13:20Z"
    assert renewed["expires_at"] == "2026-11-01T14:13:20Z"

    worker.fails(1, "license", "show", "f" * 32)


def test_status_publish(worker: Cli, entries: dict, tmp_path: Path) -> None:
    one = worker.json(*issue_args(tmp_path / "1.knowhold", "--entry", entries["a"]))
    site = tmp_path / "site"
    site.mkdir()
    first = worker.json("status", "publish", "--out", str(site))
    assert first["sequence"] == START * 1000 and first["out"] == str(site / "knowhold.status")
    assert first["revoked"] == [] and first["renewed"] == []
    worker.json("license", "revoke", one["license_id"])
    second = worker.json("status", "publish", "--out", str(site), "--valid-for", "1d")
    assert second["sequence"] == START * 1000 + 1 and second["revoked"] == [one["license_id"]]
    assert second["next_update"] == "2026-09-22T14:13:20Z"
    (tmp_path / "notes.txt").write_text("keep me")
    err = worker.fails(2, "status", "publish", "--out", str(tmp_path / "notes.txt"))
    assert "not a status document" in err and (tmp_path / "notes.txt").read_text() == "keep me"


def test_receipt_import(worker: Cli, entries: dict, tmp_path: Path, acme: Identity) -> None:
    one = worker.json(*issue_args(tmp_path / "1.knowhold", "--entry", entries["a"]))
    two = worker.json(*issue_args(tmp_path / "2.knowhold", "--entry", entries["b"]))
    hash_one = read_package(tmp_path / "1.knowhold").manifest_hash
    hash_two = read_package(tmp_path / "2.knowhold").manifest_hash

    forged = tmp_path / "forged.receipt"
    forged.write_bytes(
        build_receipt(acme, license_id=one["license_id"], manifest_hash=hash_two, accepted_at=START + 60)
    )
    assert "another license" in worker.fails(10, "receipt", "import", str(forged))
    with Vault.open(worker.vault, PASSPHRASE, clock=worker.clock) as vault:
        assert [e.event for e in AuditLog(vault.db).events()] == ["issued", "issued"]
        receipts = vault.db.conn.execute("SELECT count(*) FROM licenses WHERE receipt IS NOT NULL")
        assert receipts.fetchone()[0] == 0

    huge = tmp_path / "huge.receipt"
    huge.write_bytes(b"x" * (MAX_RECEIPT + 1))
    worker.fails(10, "receipt", "import", str(huge))
    worker.fails(2, "receipt", "import", str(tmp_path / "missing.receipt"))

    good = tmp_path / "good.receipt"
    good.write_bytes(
        build_receipt(acme, license_id=one["license_id"], manifest_hash=hash_one, accepted_at=START + 60)
    )
    doc = worker.json("receipt", "import", str(good))
    assert doc == {
        "license_id": one["license_id"],
        "status": "accepted",
        "licensee": "Acme Support",
        "accepted_at": "2026-09-21T14:14:20Z",
    }
    shown = worker.json("license", "show", one["license_id"])
    assert shown["status"] == "accepted" and shown["receipt"] is True
    assert worker.json("license", "show", two["license_id"])["status"] == "active"


def test_totals_per_licensee_and_month(worker: Cli, entries: dict, tmp_path: Path, clock: FakeClock) -> None:
    assert worker("license", "totals")[1].strip() == "No licenses issued yet."
    # Issued on 21 September, far from a month's edge: the months are the same in any time zone.
    monthly = worker.json(
        *issue_args(tmp_path / "m.knowhold", "--entry", entries["a"], "--fee", "100", "CNY"), "--per", "month"
    )
    worker.json(*issue_args(tmp_path / "o.knowhold", "--entry", entries["b"], "--fee", "99", "usd"))
    clock.advance(35 * DAY)  # 26 October: September and October have fallen due, November never will
    worker.json("license", "revoke", monthly["license_id"])

    totals = worker.json("license", "totals")
    assert totals["licensees"] == [
        {
            "licensee": "Acme Support",
            "licenses": 2,
            "in_force": 1,
            "amounts": [{"currency": "CNY", "amount": "200.00"}, {"currency": "USD", "amount": "99.00"}],
        }
    ]
    assert totals["months"] == [
        {
            "month": "2026-09",
            "licenses": 2,
            "amounts": [{"currency": "CNY", "amount": "100.00"}, {"currency": "USD", "amount": "99.00"}],
        },
        {"month": "2026-10", "licenses": 1, "amounts": [{"currency": "CNY", "amount": "100.00"}]},
    ]
    assert totals["amounts"] == [
        {"currency": "CNY", "amount": "200.00"},
        {"currency": "USD", "amount": "99.00"},
    ]

    code, text, _ = worker("license", "totals")
    lines = text.splitlines()
    assert code == 0 and lines[0].split() == ["LICENSEE", "LICENSES", "IN", "FORCE", "DUE"]
    assert lines[1].split() == ["Acme", "Support", "2", "1", "200.00", "CNY,", "99.00", "USD"]
    assert "2026-10  1         100.00 CNY" in text
    assert lines[-1].startswith("All licenses: 200.00 CNY, 99.00 USD")
