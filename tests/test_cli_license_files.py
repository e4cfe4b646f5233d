"""``license issue --attachments/--no-attachments`` and ``license show`` as scripts use them."""

from __future__ import annotations

import hashlib
from pathlib import Path

from knowhold.vault import Vault
from knowhold.vault.licensing.package import read_package
from tests.conftest import PASSPHRASE, FakeClock
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
