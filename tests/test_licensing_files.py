"""Licensing an entry's attachments: cleaned copies leave, listed in the review and the ledger.

The package is opened as the licensee would, and the image it carries is read
by Pillow (an independent parser): no GPS position, the same pixels.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image

from knowhold.vault import Vault
from knowhold.vault.errors import DamagedImage, InvalidValue, SensitiveRefused
from knowhold.vault.knowledge import scanner
from knowhold.vault.knowledge.image_metadata import EXIF, GPS, XMP
from knowhold.vault.licensing import outgoing
from knowhold.vault.licensing.identity import Contacts, Identity, make_card
from knowhold.vault.licensing.issuing import FILE, file_findings, licensed_names
from knowhold.vault.licensing.ledger import CarriedRef, Ledger
from knowhold.vault.licensing.package import open_entries, read_package
from knowhold.vault.licensing.review import review
from knowhold.vault.licensing.terms import Terms
from tests.conftest import START
from tests.test_licensing import issue, unchanged

GPS_IFD = 0x8825
PDF = b"%PDF-1.7\n/Author (Li Wei) /Producer (Scanner at the client's office)\n%%EOF\n"


def _photo() -> bytes:
    img = Image.new("RGB", (24, 16), (10, 120, 200))
    img.putpixel((3, 4), (255, 0, 0))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[GPS_IFD] = {1: "N", 2: (22.0, 32.0, 12.5), 3: "E", 4: (114.0, 3.0, 0.0)}
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif.tobytes(), xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'/>")
    return out.getvalue()


PHOTO = _photo()


def _pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        return img.tobytes()


@pytest.fixture
def employer_identity() -> Identity:
    return Identity.generate("Acme Support", created_at=START)


@pytest.fixture
def ledger(vault: Vault, employer_identity: Identity) -> Ledger:
    Contacts(vault.db).add(make_card(employer_identity), verified=True)
    return Ledger(vault)


@pytest.fixture
def entry(vault: Vault) -> str:
    entry_id = vault.entries.add("playbook", "Site visit", "The rack: ![[rack.jpg]]\nSee [[spec.pdf]].").id
    vault.attachments.add(entry_id, "rack.jpg", PHOTO)
    vault.attachments.add(entry_id, "spec.pdf", PDF)
    return entry_id


def test_an_issue_carries_each_attachment_cleaned_and_the_ledger_lists_them(
    vault: Vault, ledger: Ledger, entry: str, tmp_path: Path, employer_identity: Identity
) -> None:
    issued = issue(ledger, tmp_path, entry_ids=[entry])
    package = read_package(tmp_path / "out.knowhold")
    assert package.manifest.version == 3
    _, [opened] = open_entries(package, employer_identity)
    carried = {f.name: f for f in opened.files}
    assert set(carried) == {"rack.jpg", "spec.pdf"}
    photo = carried["rack.jpg"].data
    with Image.open(io.BytesIO(photo)) as img:
        assert dict(img.getexif().get_ifd(GPS_IFD)) == {} and "xmp" not in img.info
    assert _pixels(photo) == _pixels(PHOTO) and len(photo) < len(PHOTO)
    assert carried["spec.pdf"].data == PDF  # other types leave as they are
    # The vault's own copy is untouched.
    assert vault.attachments.data(entry, "rack.jpg") == PHOTO
    # Transparency: the ledger's record (from the signed manifest) lists exactly what left.
    want = (
        CarriedRef(entry, "rack.jpg", "image/jpeg", len(photo), hashlib.sha256(photo).hexdigest()),
        CarriedRef(entry, "spec.pdf", "application/pdf", len(PDF), hashlib.sha256(PDF).hexdigest()),
    )
    assert issued.files == want and ledger.get(issued.license_id).files == want
    by_name = {f.name: f for f in issued.outgoing}
    assert by_name["rack.jpg"].cleaned and by_name["rack.jpg"].found == (GPS, EXIF, XMP)
    assert not by_name["spec.pdf"].cleaned and by_name["spec.pdf"].found == ()


def test_attachments_can_be_left_out_and_the_package_stays_version_1(
    ledger: Ledger, entry: str, tmp_path: Path
) -> None:
    issued = issue(ledger, tmp_path, entry_ids=[entry], attachments=False)
    assert read_package(tmp_path / "out.knowhold").manifest.version == 1
    assert issued.files == () and issued.outgoing == ()


def test_a_damaged_image_stops_the_issue_and_nothing_is_recorded(
    vault: Vault, ledger: Ledger, entry: str, tmp_path: Path
) -> None:
    vault.attachments.add(entry, "broken.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")
    before = unchanged(vault)
    with pytest.raises(DamagedImage, match=r"broken\.png"):
        issue(ledger, tmp_path, entry_ids=[entry])
    assert unchanged(vault) == before and not (tmp_path / "out.knowhold").exists()
    # Leaving the attachments out is the way past it.
    assert issue(ledger, tmp_path, entry_ids=[entry], attachments=False).files == ()


def test_the_review_lists_each_file_with_what_would_be_removed(
    vault: Vault, ledger: Ledger, entry: str
) -> None:
    vault.attachments.add(entry, "broken.png", b"\x89PNG\r\n\x1a\n")
    [entry_review] = review(vault, to="Acme Support", entry_ids=[entry], terms=Terms.make()).entries
    files = {f.name: f for f in entry_review.files}
    assert list(files) == ["broken.png", "rack.jpg", "spec.pdf"]
    assert files["rack.jpg"].found == (GPS, EXIF, XMP) and files["rack.jpg"].cleaned
    assert files["rack.jpg"].size < len(PHOTO)  # the size as carried
    assert not files["spec.pdf"].cleaned and files["spec.pdf"].media_type == "application/pdf"
    assert "cut short" in files["broken.png"].problem
    assert files["rack.jpg"].problem == "" == files["spec.pdf"].problem


# -- file names are screened like titles ---------------------------------------------------

NAMED = "li.wei@example.com-passport.pdf"


def test_an_address_in_a_file_name_stops_the_issue_or_is_redacted(
    vault: Vault, ledger: Ledger, entry: str, tmp_path: Path, employer_identity: Identity
) -> None:
    vault.attachments.add(entry, NAMED, PDF)
    before = unchanged(vault)
    with pytest.raises(SensitiveRefused, match="in an attachment's name"):
        issue(ledger, tmp_path, entry_ids=[entry])
    assert unchanged(vault) == before
    issued = issue(ledger, tmp_path, entry_ids=[entry], redact=True)
    redacted = scanner.placeholder("email") + ".pdf"
    assert [f.name for f in issued.files] == [redacted, "rack.jpg", "spec.pdf"]
    assert b"li.wei@example.com" not in read_package(tmp_path / "out.knowhold").manifest_bytes
    assert {a.name for a in vault.attachments.list(entry)} == {NAMED, "rack.jpg", "spec.pdf"}  # unchanged
    kept = issue(ledger, tmp_path, "kept.knowhold", entry_ids=[entry], allow_sensitive=True)
    assert kept.files[0].name == NAMED


def test_a_file_name_finding_can_be_included_from_the_review(
    vault: Vault, ledger: Ledger, entry: str, tmp_path: Path
) -> None:
    vault.attachments.add(entry, NAMED, PDF)
    [entry_review] = review(vault, to="Acme Support", entry_ids=[entry], terms=Terms.make()).entries
    [found] = [f for f in entry_review.findings if f.key.field == FILE]
    assert found.key.index == 0 and found.finding.kind == "email"
    assert entry_review.licensed_file_names(set())[0] == scanner.placeholder("email") + ".pdf"
    assert entry_review.licensed_file_names({found.key})[0] == NAMED
    issued = issue(ledger, tmp_path, entry_ids=[entry], redact=True, include_anyway={found.key})
    assert issued.files[0].name == NAMED and issued.sensitive_included


def test_redacted_names_stay_distinct() -> None:
    names = ["a@example.com.png", "b@example.com.png", "c.png"]
    found = list(file_findings("e1", names))
    licensed = licensed_names(names, found)
    assert len(set(licensed)) == 3 and licensed[2] == "c.png"
    assert all("example.com" not in n for n in licensed)


# -- limits -------------------------------------------------------------------------------


def test_files_over_the_package_limit_stop_the_issue_with_a_sentence(
    vault: Vault, ledger: Ledger, entry: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outgoing, "MAX_FILES_BYTES", len(PDF) + 10)
    before = unchanged(vault)
    with pytest.raises(InvalidValue, match="leave the attachments out or choose fewer entries"):
        issue(ledger, tmp_path, entry_ids=[entry])
    assert unchanged(vault) == before


def test_files_far_over_the_limit_are_listed_without_being_read(
    vault: Vault, entry: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(outgoing, "READ_BOUND", len(PDF))

    def unread(*_args: object) -> bytes:
        raise AssertionError("read a file that cannot fit")

    monkeypatch.setattr(vault.attachments, "data_by_hash", unread)
    found = outgoing.outgoing_files(vault.attachments, [entry])
    assert not found.read and [f.name for f in found.files] == ["rack.jpg", "spec.pdf"]
    assert found.files[0].size == len(PHOTO) and found.files[0].cleaned and found.carried == {}
    with pytest.raises(InvalidValue, match="A license carries at most 1,000 files"):
        found.licensed()
