"""Faithful round trips (issue 10): the imported tree, file names and front matter come back.

Migration 7 (each entry's path in the folder imported and its unused front
matter), export recreating the tree (or by kind), export -> import -> export
writing the same bytes, and re-import matching notes by id, else by content,
so copied, moved or renamed notes never duplicate. Last, the fixture issue 10's
Tests section asks for, whole: nested folders, attachments (a JPEG with EXIF),
aliases and other tools' keys, wikilinks and code, GB18030 and ``.txt``;
exported and compared, imported again from a copy, backed up and restored.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from knowhold.vault import Entry, Origin, OriginKind, Vault
from knowhold.vault.errors import ExportFailed
from knowhold.vault.knowledge.links import backlinks, parse, resolve
from knowhold.vault.knowledge.markdown_export import export_markdown
from knowhold.vault.knowledge.markdown_import import import_markdown
from knowhold.vault.knowledge.notes import format_markdown, parse_markdown
from knowhold.vault.store.backup import backup, restore
from knowhold.vault.store.db import Database, connect
from knowhold.vault.store.keys import new_data_key
from knowhold.vault.store.schema import MIGRATIONS, current_version, migrate
from tests.conftest import FAST_KDF, PASSPHRASE, START, FakeClock
from tests.test_cli import Cli

_OURS = ("id", "title", "kind", "tags", "private", "origin", "created", "updated")
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _fixture(root: Path) -> Path:
    """An Obsidian-like folder: nested folders, Chinese names, other tools' keys, pictures."""
    notes = root / "Obsidian"
    (notes / "客户" / "华东" / "img").mkdir(parents=True)
    (notes / "Ops" / "Runbooks").mkdir(parents=True)
    (notes / "assets").mkdir()
    (notes / "客户" / "华东" / "报价规则.md").write_text(
        "---\ntitle: 报价规则\naliases: [定价, pricing]\ncssclasses:\n  - wide\npermalink: /pricing\n"
        "date: 2024-03-01\ntags: [sales]\n---\n# 报价规则\n\n![](img/曲线.png) and ![[logo.png]]\n",
        encoding="utf-8",
    )
    (notes / "客户" / "华东" / "img" / "曲线.png").write_bytes(PNG + b"curve")
    (notes / "assets" / "logo.png").write_bytes(PNG + b"logo")
    (notes / "Ops" / "Runbooks" / "Restart the queue.md").write_text(
        "---\nkind: playbook\nsource: https://wiki.example/restart\norigin: https://clipper.example/x\n---\n"
        "1. Drain.\n2. Restart.\n",
        encoding="utf-8",
    )
    (notes / "Ops" / "plain.txt").write_text("Just text, #not a tag\n", encoding="utf-8")
    (notes / "README.md").write_text("# Top\n\nNo front matter at all.\n", encoding="utf-8")
    return notes


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _fresh(tmp_path: Path, name: str, clock: FakeClock) -> Vault:
    return Vault.create(tmp_path / name, PASSPHRASE, clock=clock, kdf=FAST_KDF).vault


def _count(vault: Vault) -> int:
    return vault.entries.page()[1]


# -- the schema ------------------------------------------------------------------------------


def test_a_vault_from_version_6_upgrades_with_entries_and_attachments(
    tmp_path: Path, clock: FakeClock
) -> None:
    db = Database(connect(tmp_path / "old.db", new_data_key()), clock)
    try:
        assert migrate(db.conn, MIGRATIONS[:6]) == 6  # the schema before round trips
        db.conn.execute(
            "INSERT INTO entries (id, kind, title, body, private, version, created_at, updated_at, source) "
            "VALUES ('abcd234567', 'note', 'Old', 'Kept ![[a.png]].', 0, 1, ?, ?, 'md:n/Old.md')",
            (START, START),
        )
        db.conn.execute(
            "INSERT INTO attachments (sha256, size, image, created_at, data) "
            "VALUES ('ab', 4, 'png', ?, x'00')",
            (START,),
        )
        db.conn.execute("INSERT INTO entry_attachments VALUES (1, 'a.png', 'ab')")
        assert migrate(db.conn) == current_version(db.conn) == len(MIGRATIONS)
        rows = db.conn.execute(
            "SELECT title, body, source, source_path, front_matter FROM entries"
        ).fetchall()
        assert rows == [("Old", "Kept ![[a.png]].", "md:n/Old.md", None, None)]
        assert db.conn.execute("SELECT name, sha256 FROM entry_attachments").fetchall() == [("a.png", "ab")]
    finally:
        db.close()


def test_an_upgraded_vault_exports_by_kind_and_records_on_reimport(tmp_path: Path, vault: Vault) -> None:
    """Entries written in the app (or imported before v7) have no record: the kind layout."""
    vault.entries.add("heuristic", "Own rule", "Written in the app.")
    export_markdown(vault, tmp_path / "out")
    assert "heuristic/Own rule.md" in _files(tmp_path / "out")
    assert vault.entries.import_records() == {}


# -- front matter ----------------------------------------------------------------------------


def test_unused_keys_are_kept_in_order_and_written_after_the_vaults_own(vault: Vault) -> None:
    note = parse_markdown("---\naliases: [a]\ntitle: T\ndate: 2024-03-01\nid: 42\n---\nBody\n", "f")
    assert note.front_matter == "aliases:\n- a\ndate: 2024-03-01\n"  # a date stays a date; id is the vault's
    entry = vault.entries.add("note", "T", "Body\n")
    text = format_markdown(entry, note.front_matter)
    assert text.index("updated:") < text.index("aliases:") < text.index("date: 2024-03-01")
    again = parse_markdown(text, "f")
    assert again.front_matter == note.front_matter
    assert format_markdown(entry, again.front_matter) == text
    assert parse_markdown("---\ntitle: T\n---\n", "f").front_matter is None


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _TEXT | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(_TEXT.filter(lambda k: k not in _OURS), _VALUES, min_size=1, max_size=4))
def test_any_other_keys_come_back_the_same_after_the_first_export(others: dict[str, object]) -> None:
    entry = Entry("abcd234567", "note", "T", "Body\n", (), False, 1, START, START)
    first = parse_markdown("---\n" + yaml.safe_dump(others, allow_unicode=True) + "---\nBody\n", "f")
    exported = format_markdown(entry, first.front_matter)
    again = parse_markdown(exported, "f")
    assert format_markdown(entry, again.front_matter) == exported


@pytest.mark.parametrize(
    "value", ["https://clipper.example/x", "'Acme: the wiki'", "[1, 2]", "", "{site: x}", "employer:Acme"]
)
def test_another_tools_origin_is_kept_as_written_and_comes_back(vault: Vault, value: str) -> None:
    note = parse_markdown(f"---\norigin: {value}\nsource: web\n---\nx", "f")
    assert note.origin is None and note.front_matter is not None
    entry = vault.entries.add("note", "f", "x")
    exported = format_markdown(entry, note.front_matter)
    again = parse_markdown(exported, "f")  # beside an id now: still not a damaged origin of ours
    assert (again.origin, again.front_matter) == (None, note.front_matter)
    assert format_markdown(entry, again.front_matter) == exported
    assert yaml.safe_load(exported.split("---\n")[1])["origin"] == yaml.safe_load(f"v: {value}")["v"]


def test_an_origin_of_its_own_takes_the_key_and_one_in_its_words_that_is_damaged_is_dropped(
    vault: Vault,
) -> None:
    note = parse_markdown("---\norigin: https://clipper.example/x\n---\nx", "f")
    entry = vault.entries.add("note", "f", "x", origin=Origin(OriginKind.OWN))
    assert "origin: own\n" in format_markdown(entry, note.front_matter)
    assert "clipper" not in format_markdown(entry, note.front_matter)
    damaged = parse_markdown("---\norigin: 'org:'\n---\nx", "f")  # not an id beside it: not ours
    assert (damaged.origin, damaged.front_matter) == (None, None)


# -- export recreates the tree ---------------------------------------------------------------


def test_export_recreates_the_tree_with_file_names_keys_and_pictures(tmp_path: Path, vault: Vault) -> None:
    notes = _fixture(tmp_path)
    assert import_markdown(vault, [notes]).created == 4
    out = tmp_path / "out"
    summary = export_markdown(vault, out)
    files = _files(out)
    assert set(files) == {
        ".knowhold-export",
        "客户/华东/报价规则.md",
        "客户/华东/img/曲线.png",
        "attachments/logo.png",  # named only by name: Obsidian finds it anywhere
        "Ops/Runbooks/Restart the queue.md",
        "Ops/plain.md",  # a .txt note comes back as Markdown, since it now has front matter
        "README.md",
    }
    assert (summary.written, summary.attachments) == (4, 2)
    pricing = files["客户/华东/报价规则.md"].decode()
    for kept in (
        "aliases:\n- 定价\n- pricing\n",
        "cssclasses:\n- wide\n",
        "permalink: /pricing\n",
        "date: 2024-03-01\n",
    ):
        assert kept in pricing
    runbook = files["Ops/Runbooks/Restart the queue.md"].decode()
    assert "source: https://wiki.example/restart\n" in runbook
    assert "origin: https://clipper.example/x\n" in runbook  # another tool's, kept
    assert files["客户/华东/img/曲线.png"] == PNG + b"curve"


def test_export_then_import_then_export_is_byte_stable(
    tmp_path: Path, vault: Vault, clock: FakeClock
) -> None:
    import_markdown(vault, [_fixture(tmp_path)])
    first = tmp_path / "first"
    export_markdown(vault, first)
    with _fresh(tmp_path, "other", clock) as other:
        summary = import_markdown(other, [first])
        assert (summary.created, summary.skipped) == (4, ())
        second = tmp_path / "second"
        export_markdown(other, second)
    assert _files(second) == _files(first)
    # And into the same vault: every note is known by its id, nothing is added or changed.
    again = import_markdown(vault, [first])
    assert (again.created, again.updated) == (0, 0)
    third = tmp_path / "third"
    export_markdown(vault, third)
    assert _files(third) == _files(first)


def test_by_kind_puts_every_note_in_its_kinds_folder(tmp_path: Path, vault: Vault) -> None:
    import_markdown(vault, [_fixture(tmp_path)])
    out = tmp_path / "out"
    export_markdown(vault, out, by_kind=True)
    notes = sorted(p for p in _files(out) if p.endswith(".md"))
    assert notes == ["note/README.md", "note/plain.md", "note/报价规则.md", "playbook/Restart the queue.md"]
    assert "aliases:" in (out / "note" / "报价规则.md").read_text(encoding="utf-8")
    assert (out / "note" / "img" / "曲线.png").read_bytes() == PNG + b"curve"  # still where the link points


def test_the_users_file_at_a_remembered_place_is_left_alone(tmp_path: Path, vault: Vault) -> None:
    import_markdown(vault, [_fixture(tmp_path)])
    out = tmp_path / "out"
    export_markdown(vault, out)
    (out / "README.md").unlink()
    (out / "README.md").write_text("mine", encoding="utf-8")  # the user's own file now
    export_markdown(vault, out)
    assert (out / "README.md").read_text(encoding="utf-8") == "mine"
    assert (out / "note" / "README.md").is_file()


def test_two_notes_remembered_at_one_place_keep_one_there(tmp_path: Path, vault: Vault) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "README.md").write_text(f"# Read {name}\n", encoding="utf-8")
        import_markdown(vault, [tmp_path / name])
    export_markdown(vault, tmp_path / "out")
    notes = sorted(p for p in _files(tmp_path / "out") if p.endswith(".md"))
    assert notes == ["README.md", "note/README.md"]


# -- re-import matching ------------------------------------------------------------------------


def test_importing_a_copy_of_the_folder_adds_nothing(tmp_path: Path, vault: Vault) -> None:
    notes = _fixture(tmp_path)
    import_markdown(vault, [notes])
    copy = tmp_path / "copy" / "Obsidian copy"
    shutil.copytree(notes, copy)
    summary = import_markdown(vault, [copy])
    assert (summary.created, summary.updated, _count(vault)) == (0, 0, 4)


def test_a_renamed_or_moved_note_is_the_same_note_at_its_new_place(tmp_path: Path, vault: Vault) -> None:
    notes = _fixture(tmp_path)
    import_markdown(vault, [notes])
    (notes / "README.md").rename(notes / "Ops" / "Start here.md")
    assert import_markdown(vault, [notes]).created == 0
    assert _count(vault) == 4
    export_markdown(vault, tmp_path / "out")
    assert (tmp_path / "out" / "Ops" / "Start here.md").is_file()
    assert not (tmp_path / "out" / "README.md").exists()


def test_a_renamed_note_takes_its_new_name_as_its_title(tmp_path: Path, vault: Vault) -> None:
    notes = _fixture(tmp_path)
    import_markdown(vault, [notes])
    readme = vault.entries.by_source("md:Obsidian/README.md")
    assert readme is not None and readme.title == "README"  # the file's name, not its "# Top"
    vault.entries.update(readme.id, tags=("edited",))
    (notes / "README.md").rename(notes / "Home.md")
    summary = import_markdown(vault, [notes])
    assert (summary.created, summary.updated, _count(vault)) == (0, 1, 4)
    home = vault.entries.get(readme.id)
    assert (home.title, home.body, home.tags) == ("Home", readme.body, ("edited",))


def test_export_writes_a_title_only_when_the_file_name_does_not_give_it(tmp_path: Path, vault: Vault) -> None:
    import_markdown(vault, [_fixture(tmp_path)])
    made = vault.entries.add("decision", "Q1/Q2: why?", "Because.")  # no file name can hold it
    renamed = vault.entries.by_source("md:Obsidian/README.md")
    assert renamed is not None
    vault.entries.update(renamed.id, title="Start here")  # renamed in Knowhold, still in README.md
    out = tmp_path / "out"
    export_markdown(vault, out)
    texts = {rel: data.decode() for rel, data in _files(out).items() if rel.endswith(".md")}
    titled = {rel for rel, text in texts.items() if "\ntitle:" in text}
    assert titled == {"decision/Q1 Q2 why.md", "README.md"}
    assert "\ntitle: 'Q1/Q2: why?'\n" in texts["decision/Q1 Q2 why.md"] and made.title == "Q1/Q2: why?"
    # Renamed in Obsidian: the file's new name is the note's new name, as there.
    (out / "Ops" / "plain.md").rename(out / "Ops" / "Plain words.md")
    summary = import_markdown(vault, [out])
    assert (summary.created, summary.updated) == (0, 1)
    assert {s.title for s in vault.entries.page()[0]} >= {"Plain words", "Start here", "Q1/Q2: why?"}


def test_files_of_one_text_stay_apart_and_an_entry_made_here_is_not_renamed(
    tmp_path: Path, vault: Vault
) -> None:
    mine = vault.entries.add("note", "My checklist", "- [ ] backups\n")
    (tmp_path / "n").mkdir()
    for name in ("Monday.md", "Tuesday.md", "Checklist.md"):
        (tmp_path / "n" / name).write_text("- [ ] backups\n", encoding="utf-8")
    assert import_markdown(vault, [tmp_path / "n"]).created == 3
    monday = vault.entries.by_source("md:n/Monday.md")
    assert monday is not None
    (tmp_path / "n" / "Monday.md").rename(tmp_path / "n" / "Mon.md")  # the one file gone: that one
    assert import_markdown(vault, [tmp_path / "n"]).created == 0
    assert vault.entries.get(monday.id).title == "Mon"
    for old, new in (("Mon", "Mo"), ("Tuesday", "Tu")):  # two gone, one text: which is which, unknown
        (tmp_path / "n" / f"{old}.md").rename(tmp_path / "n" / f"{new}.md")
    assert import_markdown(vault, [tmp_path / "n"]).created == 2
    assert vault.entries.get(mine.id).title == "My checklist"
    (tmp_path / "n" / "Unique.md").write_text("Only here.\n", encoding="utf-8")
    import_markdown(vault, [tmp_path / "n"])
    (tmp_path / "other").mkdir()  # another folder, a note of the same text: not a rename
    (tmp_path / "other" / "Elsewhere.md").write_text("Only here.\n", encoding="utf-8")
    assert import_markdown(vault, [tmp_path / "other"]).created == 1
    assert {"Unique", "Elsewhere"} <= {s.title for s in vault.entries.page()[0]}


def test_an_exported_note_moved_elsewhere_updates_its_entry_by_id(tmp_path: Path, vault: Vault) -> None:
    import_markdown(vault, [_fixture(tmp_path)])
    out = tmp_path / "out"
    export_markdown(vault, out)
    moved = tmp_path / "moved"
    moved.mkdir()
    shutil.move(out / "Ops" / "Runbooks" / "Restart the queue.md", moved / "Queue.md")
    text = (moved / "Queue.md").read_text(encoding="utf-8").replace("2. Restart.", "2. Restart, then check.")
    (moved / "Queue.md").write_text(text, encoding="utf-8")
    summary = import_markdown(vault, [moved])
    assert (summary.created, summary.updated, _count(vault)) == (0, 1, 4)


def test_a_note_equal_to_a_trashed_entry_is_new(tmp_path: Path, vault: Vault) -> None:
    gone = vault.entries.add("note", "Gone", "Same text\n")
    vault.entries.trash(gone.id)
    (tmp_path / "n").mkdir()
    (tmp_path / "n" / "Gone.md").write_text("Same text\n", encoding="utf-8")
    assert import_markdown(vault, [tmp_path / "n"]).created == 1


@pytest.mark.parametrize("by_kind", [False, True])
def test_entries_written_in_the_app_go_by_kind_beside_the_tree(
    tmp_path: Path, vault: Vault, by_kind: bool
) -> None:
    import_markdown(vault, [_fixture(tmp_path)])
    vault.entries.add("decision", "Chose Postgres", "Because.")
    export_markdown(vault, tmp_path / "out", by_kind=by_kind)
    assert (tmp_path / "out" / "decision" / "Chose Postgres.md").is_file()
    assert (tmp_path / "out" / "README.md").is_file() is not by_kind


def test_the_command_line_exports_the_tree_or_by_kind(tmp_path: Path, clock: FakeClock) -> None:
    cli = Cli(tmp_path / "vault", clock)
    cli.json("init", "--name", "Li Wei")
    cli.json("import", str(_fixture(tmp_path)))
    cli.json("export", "--out", str(tmp_path / "tree"))
    assert (tmp_path / "tree" / "客户" / "华东" / "报价规则.md").is_file()
    cli.json("export", "--out", str(tmp_path / "kinds"), "--by-kind")
    assert (tmp_path / "kinds" / "note" / "报价规则.md").is_file()


def test_a_note_matched_by_its_text_keeps_the_tags_edited_in_knowhold(tmp_path: Path, vault: Vault) -> None:
    notes = _fixture(tmp_path)
    import_markdown(vault, [notes])
    entry = next(e for e in vault.entries.page()[0] if e.title == "README")
    vault.entries.update(entry.id, tags=("edited",))
    shutil.copytree(notes, tmp_path / "again")
    assert import_markdown(vault, [tmp_path / "again"]).unchanged == 4
    assert vault.entries.get(entry.id).tags == ("edited",)


def test_exporting_again_moves_a_renamed_note_and_deletes_its_old_file(tmp_path: Path, vault: Vault) -> None:
    notes = _fixture(tmp_path)
    import_markdown(vault, [notes])
    out = tmp_path / "out"
    export_markdown(vault, out)
    (notes / "README.md").rename(notes / "Start.md")
    import_markdown(vault, [notes])
    assert export_markdown(vault, out).removed == 1
    assert (out / "Start.md").is_file() and not (out / "README.md").exists()


def test_a_link_in_place_of_a_remembered_folder_is_refused_before_writing(
    tmp_path: Path, vault: Vault
) -> None:
    import_markdown(vault, [_fixture(tmp_path)])
    out = tmp_path / "out"
    export_markdown(vault, out)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(out / "Ops")
    (out / "Ops").symlink_to(elsewhere, target_is_directory=True)
    before = _files(out)
    with pytest.raises(ExportFailed, match="symbolic link"):
        export_markdown(vault, out)
    assert _files(out) == before and not any(elsewhere.iterdir())


# -- the whole of issue 10's fixture ---------------------------------------------------------

# A JPEG as a camera writes one, cut to its markers: an APP1 Exif segment (a
# big-endian TIFF header and one IFD entry pointing at GPS data) before the image.
_EXIF = b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\x00\x01\x88\x25\x00\x04\x00\x00\x00\x01\x00\x00\x00\x1a"
EXIF_JPEG = (
    b"\xff\xd8"
    + b"\xff\xe1"
    + (len(_EXIF) + 2).to_bytes(2, "big")
    + _EXIF
    + b"\xff\xdb\x00\x43\x00"
    + bytes(range(1, 65))
    + b"\xff\xd9"
)
WEEKLY = "# 周报\n\n本周完成客户数据迁移，下周复盘。#复盘\n"


def _issue_fixture(root: Path) -> Path:
    """``_fixture``, plus what issue 10's Tests section lists that it lacks.

    A photo with EXIF, a note linking by alias with code holding what is not a
    link or a tag, a GB18030 note, and notes of one name in two folders.
    """
    notes = _fixture(root)
    (notes / "客户" / "华东" / "img" / "现场.jpg").write_bytes(EXIF_JPEG)
    (notes / "Ops" / "Visit.md").write_text(
        "---\ndescription: Site visit\npublish: false\n---\n"
        "See [[定价]] and [[Restart the queue#Drain|drain first]]. ![[现场.jpg|400]]\n\n"
        "```css\n.red { color: #ff0000; } /* [[not a link]] */\n```\n\n`#not-a-tag` #CamelCase\n",
        encoding="utf-8",
    )
    (notes / "周报" / "2024").mkdir(parents=True)
    (notes / "周报" / "2024" / "第12周.md").write_bytes(WEEKLY.encode("gb18030"))
    (notes / "Ops" / "README.md").write_text("Second README, in a folder.\n", encoding="utf-8")
    return notes


def _attached(vault: Vault) -> dict[str, dict[str, bytes]]:
    """Title -> attachment name -> bytes, for every live entry."""
    found: dict[str, dict[str, bytes]] = {}
    for summary in vault.entries.page()[0]:
        files = vault.attachments.list(summary.id)
        found[summary.title] = {f.name: vault.attachments.data_by_hash(f.sha256) for f in files}
    return found


def _body(exported: bytes) -> bytes:
    """What follows an exported note's front matter."""
    return exported.split(b"\n---\n", 1)[1]


def test_the_issue_fixture_comes_back_whole(tmp_path: Path, vault: Vault, clock: FakeClock) -> None:
    notes = _issue_fixture(tmp_path)
    summary = import_markdown(vault, [notes])
    assert (summary.created, summary.skipped) == (7, ())
    assert summary.converted == (("Obsidian/周报/2024/第12周.md", "gb18030"),)
    by_title = {s.title: s for s in vault.entries.page()[0]}
    assert set(by_title) == {"报价规则", "Restart the queue", "plain", "README", "Visit", "第12周"}
    visit = vault.entries.get(by_title["Visit"].id)
    assert visit.tags == ("CamelCase",)  # never from code; the case kept
    pricing = by_title["报价规则"].id
    assert [link.target for link in parse(visit.body)] == ["定价", "Restart the queue"]
    assert resolve(vault.db, ["定价", "pricing"]) == {"定价": pricing, "pricing": pricing}  # aliases
    assert [e.title for e in backlinks(vault.db, pricing)] == ["Visit"]

    out = tmp_path / "out"
    export_markdown(vault, out)
    files = _files(out)
    assert set(files) == {
        ".knowhold-export",
        "README.md",
        "Ops/README.md",  # one name in two folders: each where it was
        "Ops/Visit.md",
        "Ops/plain.md",
        "Ops/Runbooks/Restart the queue.md",
        "客户/华东/报价规则.md",
        "客户/华东/img/曲线.png",
        "attachments/logo.png",
        "attachments/现场.jpg",
        "周报/2024/第12周.md",
    }
    source = _files(notes)
    assert files["客户/华东/img/曲线.png"] == source["客户/华东/img/曲线.png"]
    assert files["attachments/logo.png"] == source["assets/logo.png"]
    assert files["attachments/现场.jpg"] == EXIF_JPEG  # export keeps the user's file as it is
    for rel in ("README.md", "Ops/Visit.md", "Ops/Runbooks/Restart the queue.md", "客户/华东/报价规则.md"):
        original = source[rel]
        body = _body(original) if original.startswith(b"---\n") else original
        assert _body(files[rel]) == body  # the text byte for byte after the front matter
    assert _body(files["周报/2024/第12周.md"]) == WEEKLY.encode()  # now UTF-8
    assert _body(files["Ops/plain.md"]) == source["Ops/plain.txt"]
    visit_file = files["Ops/Visit.md"].decode()
    assert "description: Site visit\npublish: false\n" in visit_file
    assert "aliases:\n- 定价\n- pricing\n" in files["客户/华东/报价规则.md"].decode()

    with _fresh(tmp_path, "other", clock) as other:
        again = import_markdown(other, [out])
        assert (again.created, again.skipped) == (7, ())
        export_markdown(other, tmp_path / "second")
        assert _attached(other) == _attached(vault)
    assert _files(tmp_path / "second") == files

    copy = tmp_path / "copy" / "Obsidian"
    shutil.copytree(notes, copy)
    for folder in (copy, out):
        added = import_markdown(vault, [folder])
        assert (added.created, added.updated, _count(vault)) == (0, 0, 7)

    before = _attached(vault)
    assert sum(len(names) for names in before.values()) == 3
    backup(vault, tmp_path / "vault.bak")
    with restore(tmp_path / "vault.bak", tmp_path / "restored", passphrase=PASSPHRASE, clock=clock) as back:
        assert _attached(back) == before
