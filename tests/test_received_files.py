"""Files carried with licensed entries, on the employer's side: kept with the content, checked,
destroyed with it, and written beside the entries in a skill folder."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.errors import Expired, Malformed
from knowhold.vault.licensing.identity import Identity
from knowhold.vault.licensing.package import check_content, parse_package
from knowhold.vault.licensing.payload import LicensedFile
from knowhold.vault.licensing.received import Library
from knowhold.vault.licensing.skills import export_skill
from tests.conftest import FakeClock
from tests.licensing_kit import DAY, entries, make_package, me, trust
from tests.test_skills import validate_skill
from tests.test_vectors import LICENSEE

VECTORS = Path(__file__).resolve().parent / "vectors"
PNG = b"\x89PNG\r\n\x1a\n" + b"pixels" * 10
NOTES = "交接：先记录时间线。\n".encode()


def _with_files() -> list:
    first, second = entries(2)
    return [
        dataclasses.replace(
            first,
            files=(
                LicensedFile("flow.png", "image/png", PNG),
                LicensedFile("con.txt", "text/plain", NOTES),  # a Windows device name
                LicensedFile("Notes.TXT", "text/plain", b"upper"),
                LicensedFile("notes.txt", "text/plain", b"lower"),  # equal but for case
            ),
        ),
        second,
    ]


def test_files_are_kept_with_the_content_and_destroyed_with_it(
    library: Library, employer: Vault, licensor: Identity, clock: FakeClock
) -> None:
    trust(employer, licensor)
    lid = library.ingest(make_package(licensor, me(employer), items=_with_files())).license_id
    _, [first, second] = library.content(lid, purpose="view")
    assert [f.name for f in first.files] == ["flow.png", "con.txt", "Notes.TXT", "notes.txt"]
    assert first.files[0].data == PNG and second.files == ()
    clock.advance(31 * DAY)
    with pytest.raises(Expired):
        library.content(lid, purpose="view")
    # The files lived only inside the content, which is gone: nothing of them is left.
    assert employer.db.conn.execute("SELECT count(*) FROM received_content").fetchone()[0] == 0


def test_a_package_whose_file_does_not_match_its_hash_is_not_ingested() -> None:
    # The vector is addressed to the vectors' licensee; here only the order of checks matters:
    # the hash is checked as the content is, so a wrong file is refused like a wrong entry.

    package = parse_package((VECTORS / "files-hash-mismatch.knowhold").read_bytes())
    with pytest.raises(Malformed, match="does not match the hash"):
        check_content(package, LICENSEE)


def test_export_skill_writes_each_file_beside_its_entry(
    library: Library, employer: Vault, licensor: Identity, tmp_path: Path
) -> None:
    trust(employer, licensor)
    lid = library.ingest(make_package(licensor, me(employer), items=_with_files())).license_id
    folder = export_skill(library, lid, tmp_path / "skills")
    validate_skill(folder)
    files = folder / "references" / "entry0x-files"
    assert sorted(p.name for p in files.iterdir()) == ["Notes.TXT", "file-2.txt", "file-4.txt", "flow.png"]
    assert (files / "flow.png").read_bytes() == PNG and (files / "file-2.txt").read_bytes() == NOTES
    reference = (folder / "references" / "entry0x.md").read_text("utf-8")
    assert "## Attachments" in reference
    assert "- [flow.png](entry0x-files/flow.png) (image/png)" in reference
    assert "- [con.txt](entry0x-files/file-2.txt) (text/plain)" in reference
    assert not (folder / "references" / "entry1x-files").exists()
    assert "## Attachments" not in (folder / "references" / "entry1x.md").read_text("utf-8")
    assert (files / "Notes.TXT").read_bytes() == b"upper"
