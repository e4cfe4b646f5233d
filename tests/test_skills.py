"""Agent Skills export passes the specification's strict rules; pruning removes ended ones only."""

# The shared fixtures are imported from test_received, so their parameters shadow them.

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from knowhold.vault import Vault
from knowhold.vault.errors import ExportFailed, NotPermitted
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.identity import Identity
from knowhold.vault.licensing.payload import LicensedEntry
from knowhold.vault.licensing.received import Library
from knowhold.vault.licensing.skills import MARKER, export_skill, prune_skills, skill_name, slugify
from tests.conftest import START, FakeClock
from tests.licensing_kit import DAY, make_package, make_status, me, snapshot, trust

_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SPEC_FIELDS = {"name", "description", "license", "metadata"}


def validate_skill(folder: Path) -> dict:
    """The Agent Skills specification's rules, strictly, as a validator would apply them."""
    text = (folder / "SKILL.md").read_text("utf-8")
    assert text.startswith("---\n"), "SKILL.md must open with YAML front matter"
    end = text.index("\n---\n", 4)
    front = yaml.safe_load(text[4:end])
    body = text[end + 5 :]
    assert isinstance(front, dict)
    assert set(front) <= SPEC_FIELDS, f"unexpected front matter fields: {set(front) - SPEC_FIELDS}"
    name = front["name"]
    assert isinstance(name, str) and 1 <= len(name) <= 64 and _NAME.match(name), name
    assert "--" not in name and not name.startswith("-") and not name.endswith("-")
    assert folder.name == name, "the folder name must equal `name`"
    description = front["description"]
    assert isinstance(description, str) and 1 <= len(description) <= 1024 and description.strip()
    assert isinstance(front.get("license", ""), str)
    metadata = front.get("metadata", {})
    assert isinstance(metadata, dict)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items()), metadata
    # Every file the body links to exists, inside the skill, one level deep.
    links = re.findall(r"\]\(([^)]+)\)", body)
    assert links
    for link in links:
        assert not link.startswith(("/", "..")) and link.count("/") <= 1, link
        assert (folder / link).is_file(), link
    return {"front": front, "body": body, "links": links}


def test_export_passes_strict_validation(
    library: Library, employer: Vault, licensor: Identity, tmp_path: Path, clock: FakeClock
) -> None:
    trust(employer, licensor)
    lid = library.ingest(make_package(licensor, me(employer), status_url="https://x.example/s")).license_id
    out = tmp_path / "project" / ".claude" / "skills"
    folder = export_skill(library, lid, out)
    assert folder == out / f"li-wei-{lid[:8]}"
    skill = validate_skill(folder)
    meta = skill["front"]["metadata"]
    assert meta[MARKER] == lid and meta["licensor"] == "Li Wei"
    assert meta["licensor-fingerprint"] == licensor.public.fingerprint
    assert meta["expires-at"] == "2026-10-21T14:13:20Z" and meta["status-url"] == "https://x.example/s"
    assert meta["permissions"] == "view, copy-excerpts, ai-retrieval" and meta["human-review"] == "required"
    description = skill["front"]["description"]
    assert "Use when" in description and "Escalate early 0" in description and lid in description
    assert sorted(p.name for p in folder.iterdir()) == ["LICENSE.txt", "SKILL.md", "references"]
    refs = sorted((folder / "references").iterdir())
    assert [p.name for p in refs] == ["entry0x.md", "entry1x.md"]
    assert {f"references/{p.name}" for p in refs} <= set(skill["links"])
    for ref in refs:
        assert ref.read_text("utf-8").startswith(
            f"> Licensed by Li Wei to Acme Support under Knowhold license {lid}"
        )
    license_txt = (folder / "LICENSE.txt").read_text("utf-8")
    assert (
        "Use inside Acme only." in license_txt
        and "Permissions denied: ai-training, redistribute" in license_txt
    )
    assert [e.event for e in AuditLog(employer.db).events()][-1] == "exported"
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging left behind


def test_names_are_valid_for_any_licensor() -> None:
    lid = "0123456789abcdef0123456789abcdef"
    assert skill_name("Li Wei", lid) == "li-wei-01234567"
    assert skill_name("李伟", lid) == "license-01234567"
    assert skill_name("  --Zoë  O'Brien & Co.--", lid) == "zoe-o-brien-co-01234567"
    assert slugify("A" * 200)[:3] == "aaa"
    long = skill_name("x" * 200, lid)
    assert len(long) <= 64 and _NAME.match(long)


def test_description_stays_within_1024_characters(
    library: Library, employer: Vault, licensor: Identity, tmp_path: Path
) -> None:
    trust(employer, licensor)
    many = [
        LicensedEntry(id=f"e{i}", version=1, kind="note", title=f"{'长标题' * 40} {i}", body="b", tags=())
        for i in range(40)
    ]
    lid = library.ingest(make_package(licensor, me(employer), items=many)).license_id
    skill = validate_skill(export_skill(library, lid, tmp_path))
    assert len(skill["front"]["description"]) <= 1024 and "…" in skill["front"]["description"]
    assert len(list((tmp_path / skill["front"]["name"] / "references").iterdir())) == 40


def test_export_needs_ai_retrieval(
    library: Library, employer: Vault, licensor: Identity, tmp_path: Path
) -> None:
    trust(employer, licensor)
    lid = library.ingest(make_package(licensor, me(employer), allow=("copy-excerpts",))).license_id
    before = snapshot(employer)
    with pytest.raises(NotPermitted) as exc:
        export_skill(library, lid, tmp_path / "skills")
    assert exc.value.exit_code == 18
    assert not (tmp_path / "skills").exists() and snapshot(employer) == before


def test_export_replaces_its_own_folder_and_never_another(
    library: Library, employer: Vault, licensor: Identity, tmp_path: Path
) -> None:
    trust(employer, licensor)
    lid = library.ingest(make_package(licensor, me(employer))).license_id
    folder = export_skill(library, lid, tmp_path)
    (folder / "references" / "entry0x.md").write_text("edited")
    assert export_skill(library, lid, tmp_path) == folder
    assert (folder / "references" / "entry0x.md").read_text().startswith("> Licensed by")
    # A folder of the same name that is not this license's export is left alone.
    other = library.ingest(make_package(licensor, me(employer))).license_id
    theirs = tmp_path / skill_name("Li Wei", other)
    theirs.mkdir()
    (theirs / "SKILL.md").write_text("---\nname: mine\ndescription: my own\n---\n")
    with pytest.raises(ExportFailed):
        export_skill(library, other, tmp_path)
    assert (theirs / "SKILL.md").read_text().startswith("---\nname: mine")


def test_prune_removes_ended_revoked_and_locked_only(
    library: Library,
    employer: Vault,
    licensor: Identity,
    stranger: Identity,
    tmp_path: Path,
    clock: FakeClock,
) -> None:
    trust(employer, licensor)
    trust(employer, stranger)
    short = library.ingest(make_package(licensor, me(employer), expires_at=START + 5 * DAY)).license_id
    revoked = library.ingest(make_package(licensor, me(employer))).license_id
    locked = library.ingest(make_package(stranger, me(employer), max_status_age=3 * DAY)).license_id
    alive = library.ingest(make_package(licensor, me(employer), expires_at=START + 90 * DAY)).license_id
    root = tmp_path / "repo"
    folders = {
        short: export_skill(library, short, root / ".claude" / "skills"),
        revoked: export_skill(library, revoked, root / ".agents" / "skills"),
        locked: export_skill(library, locked, root / "a" / ".claude" / "skills"),
        alive: export_skill(library, alive, root / ".claude" / "skills"),
    }
    hand_made = root / ".claude" / "skills" / "hand-made"
    hand_made.mkdir()
    (hand_made / "SKILL.md").write_text("---\nname: hand-made\ndescription: not ours\n---\nbody\n")
    nothing_pruned = prune_skills(library, root)
    assert nothing_pruned == []
    clock.advance(4 * DAY)  # the stranger's license is now locked for stale status
    library.apply_status(make_status(licensor, 1, issued_at=clock.now, revoked=[(revoked, clock.now, "")]))
    clock.advance(2 * DAY)  # and the short one has ended
    removed = prune_skills(library, root)
    assert sorted(removed) == sorted([folders[short], folders[revoked], folders[locked]])
    assert all(not p.exists() for p in removed)
    assert folders[alive].is_dir() and hand_made.is_dir()
    validate_skill(folders[alive])
    with pytest.raises(ExportFailed):
        prune_skills(library, tmp_path / "missing")
