"""The employer's command line as scripts use it: verify, received …, audit."""

# The shared fixtures are imported from test_received, so their parameters shadow them.

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.licensing.identity import Identity, PublicIdentity, load_identity
from knowhold.vault.licensing.package import parse_package
from tests.conftest import PASSPHRASE, FakeClock
from tests.licensing_kit import DAY, make_package, make_status
from tests.test_cli import Cli

CHECK_KEYS = {"name", "ok", "detail"}


@pytest.fixture
def cli(tmp_path: Path, clock: FakeClock) -> Cli:
    return Cli(tmp_path / "vault", clock)


def run_json(cli: Cli, *args: str) -> tuple[int, dict, str]:
    code, out, err = cli(*args, "--json")
    return code, json.loads(out), err


def test_verify_without_a_vault(
    cli: Cli, tmp_path: Path, licensor: Identity, other_licensee: Identity
) -> None:
    path = tmp_path / "p.knowhold"
    path.write_bytes(make_package(licensor, other_licensee.public))
    code, doc, err = run_json(cli, "verify", str(path))
    assert code == 16 and err == "" and not cli.vault.exists()
    assert set(doc) >= {"valid", "license_id", "exit_code", "checks"}
    assert doc["valid"] is False and doc["exit_code"] == 16
    assert doc["license_id"] == parse_package(path.read_bytes()).manifest.license_id
    assert all(set(c) >= CHECK_KEYS for c in doc["checks"]) and len(doc["checks"]) == 10
    # For a person: the checks on standard output, then one line and the code.
    code, out, err = cli("verify", str(path))
    assert code == 16 and "FAIL  trust" in out and "ok    format" in out
    assert err.startswith("knowhold: Not valid (trust)") and err.count("\n") == 1
    # --at for audits: before the start date.
    code, doc, _err = run_json(cli, "verify", str(path), "--at", "2026-01-01T00:00:00Z")
    assert code == 11 and doc["at"] == "2026-01-01T00:00:00Z"
    assert cli("verify", str(path), "--at", "yesterday-ish")[0] == 2


def test_bad_files_are_refused_before_any_vault_work(cli: Cli, tmp_path: Path) -> None:
    huge = tmp_path / "huge.knowhold"
    with open(huge, "wb") as f:
        f.truncate(2 * 1024**3)  # sparse: 2 GiB on paper, nothing on disk
    empty = tmp_path / "empty.knowhold"
    empty.write_bytes(b"")
    started = time.monotonic()
    for args in (["verify", str(huge)], ["received", "ingest", str(huge)]):
        assert "larger than any Knowhold package" in cli.fails(10, *args)
    assert time.monotonic() - started < 2
    # A file that can be read but is no package is a report of its own: format fails.
    code, out, err = cli("verify", str(empty))
    assert code == 10 and "FAIL  format      The file is empty." in out and err.count("\n") == 1
    cli.fails(2, "verify", str(tmp_path / "missing.knowhold"))


@pytest.mark.usefixtures("fast_unlock")
def test_employer_flow(cli: Cli, tmp_path: Path, licensor: Identity, clock: FakeClock) -> None:
    cli.json("init", "--name", "Acme Support")
    with Vault.open(cli.vault, PASSPHRASE, clock=clock) as vault:
        acme: PublicIdentity = load_identity(vault.db).public
    data = make_package(licensor, acme, status_url="https://li.example/knowhold.status")
    lid = parse_package(data).manifest.license_id
    pkg = tmp_path / "li.knowhold"
    pkg.write_bytes(data)

    # An unknown licensor: verify says 16, ingest needs --trust.
    code, doc, _err = run_json(cli, "verify", str(pkg))
    assert code == 16 and [c["name"] for c in doc["checks"] if c["ok"] is False] == ["trust"]
    cli.fails(16, "received", "ingest", str(pkg))
    doc = cli.json("received", "ingest", str(pkg), "--trust")
    assert doc["license_id"] == lid and doc["status"] == "active" and doc["changed"] is True
    assert cli.json("received", "ingest", str(pkg))["changed"] is False
    assert cli.json("verify", str(pkg))["valid"] is True

    [listed] = cli.json("received", "list")["licenses"]
    assert listed["license_id"] == lid and listed["status"] == "active" and listed["licensor"] == "Li Wei"
    shown = cli.json("received", "show", lid)
    assert shown["license_id"] == lid and [e["id"] for e in shown["entries"]] == ["entry0x", "entry1x"]
    assert {"id", "title", "body", "notice"} <= set(shown["entries"][0])
    assert shown["terms"]["permissions"] == ["view", "copy-excerpts", "ai-retrieval"]
    assert cli.json("received", "show", lid[:8], "entry1x")["entries"][0]["title"] == "Escalate early 1"

    receipt = tmp_path / "receipt"
    accepted = cli.json("received", "accept", lid, "--out", str(receipt))
    assert accepted == {"license_id": lid, "out": str(receipt), "terms": shown["terms"]}
    assert receipt.read_bytes().startswith(b"knowhold-receipt-v1\n")
    skills = tmp_path / ".agents" / "skills"
    exported = cli.json("received", "export-skill", lid, "--out", str(skills))
    assert Path(exported["path"]).is_dir() and exported["skill"] == f"li-wei-{lid[:8]}"

    # Revocation arrives as a status file: content destroyed, skill pruned.
    clock.advance(DAY)
    status = tmp_path / "knowhold.status"
    status.write_bytes(make_status(licensor, 1, issued_at=clock.now, revoked=[(lid, clock.now, "ended")]))
    refreshed = cli.json("received", "refresh", "--status", str(status))
    assert any("revoked" in c for c in refreshed["changes"]) and refreshed["errors"] == 0
    assert "destroyed" in cli.fails(13, "received", "show", lid)
    assert cli.json("received", "prune-skills", str(tmp_path))["removed"] == [exported["path"]]
    assert cli.json("received", "list")["licenses"][0]["status"] == "destroyed"
    cli.fails(13, "received", "ingest", str(pkg))

    audit = cli.json("audit")
    assert audit["intact"] is True
    events = [e["event"] for e in audit["events"]]
    assert events == [
        "ingested",
        "viewed",
        "viewed",
        "accepted",
        "exported",
        "destroyed",
        "refreshed",
    ]
    assert all({"time", "event", "license_id"} <= set(e) for e in audit["events"])

    # An edited audit record is found by --verify (exit 1, the JSON still printed).
    with Vault.open(cli.vault, PASSPHRASE, clock=clock) as vault:
        vault.db.conn.execute("UPDATE audit SET event = 'viewed' WHERE seq = 4")
    code, doc, err = run_json(cli, "audit", "--verify")
    assert code == 1 and doc["intact"] is False and err == ""
    code, _out, err = cli("audit", "--verify")
    assert code == 1 and "altered" in err


def test_verify_refuses_a_status_from_someone_else(
    cli: Cli, tmp_path: Path, licensor: Identity, other_licensee: Identity
) -> None:
    from tests.licensing_kit import status_signed_by

    pkg = tmp_path / "p.knowhold"
    pkg.write_bytes(make_package(licensor, other_licensee.public))
    bad = tmp_path / "bad.status"
    bad.write_bytes(status_signed_by(other_licensee, licensor))
    code, doc, _err = run_json(cli, "verify", str(pkg), "--status", str(bad))
    assert code == 10 and next(c for c in doc["checks"] if c["name"] == "status")["ok"] is False


@pytest.mark.usefixtures("fast_unlock")
def test_a_backup_after_the_end_holds_no_content_to_revive(
    cli: Cli, tmp_path: Path, licensor: Identity, clock: FakeClock
) -> None:
    # Taken after the end without reading the license first, restored, read with the clock set back.
    cli.json("init", "--name", "Acme Support")
    with Vault.open(cli.vault, PASSPHRASE, clock=clock) as vault:
        acme = load_identity(vault.db).public
    pkg = tmp_path / "li.knowhold"
    pkg.write_bytes(make_package(licensor, acme, expires_at=clock.now + 10 * DAY))
    lid = cli.json("received", "ingest", str(pkg), "--trust")["license_id"]
    clock.advance(11 * DAY)
    backup_file = tmp_path / "acme.backup"
    assert set(cli.json("backup", "--out", str(backup_file))) == {"out", "bytes"}
    clock.advance(-10 * DAY)
    restored = Cli(tmp_path / "restored", clock)
    restored.json("restore", str(backup_file))
    [listed] = restored.json("received", "list")["licenses"]
    assert listed["status"] == "destroyed" and listed["destroyed_reason"] == "expired"
    assert "clock" in restored.fails(17, "received", "show", lid)


@pytest.mark.usefixtures("fast_unlock")
def test_the_employer_reads_the_whole_terms_before_relying_on_them(
    cli: Cli, tmp_path: Path, licensor: Identity, clock: FakeClock
) -> None:
    """verify, ingest, show and accept print the pay and the terms' text, not only permissions."""
    cli.json("init", "--name", "Acme Support")
    with Vault.open(cli.vault, PASSPHRASE, clock=clock) as vault:
        acme: PublicIdentity = load_identity(vault.db).public
    text = "Use inside Acme only.\nNo training of models."
    data = make_package(licensor, acme, fee=("1200", "CNY"), per="month", text=text)
    lid = parse_package(data).manifest.license_id
    pkg = tmp_path / "li.knowhold"
    pkg.write_bytes(data)
    wanted = ["Compensation: 1200.00 CNY/month", "Use inside Acme only.\nNo training of models."]

    _code, verified, _err = cli("verify", str(pkg))  # exit 16 (not yet trusted): the terms still show
    ingested = cli("received", "ingest", str(pkg), "--trust")[1]
    shown = cli("received", "show", lid)[1]
    accepted = cli("received", "accept", lid, "--out", str(tmp_path / "receipt"))[1]
    for out in (verified, ingested, shown, accepted):
        assert all(line in out for line in wanted), out
        assert "Permitted: view, copy-excerpts, ai-retrieval; AI use must be reviewed by a person" in out
    assert cli.json("verify", str(pkg))["terms"]["compensation"] == {
        "amount": "1200.00",
        "currency": "CNY",
        "note": "",
        "period": "month",
    }
