"""``license issue --attachments/--no-attachments`` and ``license show`` as scripts use them."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.licensing.identity import Identity, load_identity
from knowhold.vault.licensing.package import read_package
from knowhold.vault.licensing.payload import LicensedFile
from tests.conftest import PASSPHRASE, FakeClock
from tests.licensing_kit import entries, make_package
from tests.test_cli import Cli
from tests.test_cli_license import issue_args, make_worker
from tests.test_licensing_files import PDF, PHOTO


def test_issue_lists_each_attachment_and_show_gives_their_hashes(tmp_path: Path, clock: FakeClock) -> None:
    cli, ids = make_worker(tmp_path / "vault", clock)
    with Vault.open(tmp_path / "vault", PASSPHRASE, clock=clock) as vault:
        vault.attachments.add(ids["a"], "rack.jpg", PHOTO)
        vault.attachments.add(ids["a"], "spec.pdf", PDF)
    out = tmp_path / "acme.knowhold"
    doc = cli.json(*issue_args(out, "--entry", ids["a"], ids["b"]))
    assert doc["attachments"] == [
        {
            "entry_id": ids["a"],
            "name": "rack.jpg",
            "media_type": "image/jpeg",
            "size": doc["attachments"][0]["size"],
            "metadata_removed": True,
            "found": ["gps", "exif", "xmp"],
        },
        {
            "entry_id": ids["a"],
            "name": "spec.pdf",
            "media_type": "application/pdf",
            "size": len(PDF),
            "metadata_removed": False,
            "found": [],
        },
    ]
    shown = cli.json("license", "show", doc["license_id"])
    carried = read_package(out).manifest.entries
    listed = [f for e in carried for f in e.files]
    assert [(f["name"], f["sha256"]) for f in shown["files"]] == [(f.name, f.sha256) for f in listed]
    assert shown["files"][1]["sha256"] == hashlib.sha256(PDF).hexdigest()
    code, text, _ = cli("license", "show", doc["license_id"])
    assert code == 0 and "attachments (2):" in text and hashlib.sha256(PDF).hexdigest() in text

    code, text, err = cli(*issue_args(tmp_path / "text.knowhold", "--entry", ids["a"]))
    assert code == 0, err
    assert "Attachment rack.jpg" in text and "metadata removed: gps, exif, xmp" in text

    left_out = cli.json(*issue_args(tmp_path / "bare.knowhold", "--entry", ids["a"], "--no-attachments"))
    assert left_out["attachments"] == []
    assert read_package(tmp_path / "bare.knowhold").manifest.version == 1


def test_a_damaged_image_is_a_one_line_refusal(tmp_path: Path, clock: FakeClock) -> None:
    cli, ids = make_worker(tmp_path / "vault", clock)
    with Vault.open(tmp_path / "vault", PASSPHRASE, clock=clock) as vault:
        vault.attachments.add(ids["a"], "scan.png", b"\x89PNG\r\n\x1a\n")
    err = cli.fails(2, *issue_args(tmp_path / "x.knowhold", "--entry", ids["a"]))
    assert "scan.png" in err
    assert not (tmp_path / "x.knowhold").exists()


@pytest.mark.usefixtures("fast_unlock")
def test_the_employer_sees_the_files_in_verify_show_and_the_skill(
    tmp_path: Path, clock: FakeClock, licensor: Identity
) -> None:
    cli = Cli(tmp_path / "vault", clock)
    cli.json("init", "--name", "Acme Support")
    with Vault.open(cli.vault, PASSPHRASE, clock=clock) as vault:
        acme = load_identity(vault.db).public
    first, second = entries(2)
    carried = dataclasses.replace(
        first, files=(LicensedFile("flow.png", "image/png", b"\x89PNG not really"),)
    )
    pkg = tmp_path / "li.knowhold"
    pkg.write_bytes(make_package(licensor, acme, items=[carried, second]))
    lid = cli.json("received", "ingest", str(pkg), "--trust")["license_id"]
    checks = {c["name"]: c["detail"] for c in cli.json("verify", str(pkg))["checks"]}
    assert checks["integrity"].endswith("match their hashes, and so do the files they carry (1)")
    shown = cli.json("received", "show", lid)
    assert shown["entries"][0]["files"] == [f.listed().to_json() for f in carried.files]
    assert shown["entries"][1]["files"] == []
    code, text, _ = cli("received", "show", lid, "entry0x")
    assert code == 0 and "attachment: flow.png (15 bytes, image/png)" in text
    folder = Path(cli.json("received", "export-skill", lid, "--out", str(tmp_path / "skills"))["path"])
    assert (folder / "references" / "entry0x-files" / "flow.png").read_bytes() == b"\x89PNG not really"
