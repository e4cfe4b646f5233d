"""Markdown import and export: parsing, an Obsidian-like folder, re-import, export, round trip."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from knowhold.vault import Entry, Vault
from knowhold.vault.errors import Cancelled, ExportFailed, ImportFailed, InvalidValue
from knowhold.vault.knowledge import markdown_import
from knowhold.vault.knowledge.entries import Entries
from knowhold.vault.knowledge.markdown_export import EXPORT_MARKER, export_markdown, safe_file_stem
from knowhold.vault.knowledge.markdown_import import import_markdown
from knowhold.vault.knowledge.notes import (
    DecodedText,
    Undecodable,
    decode_text,
    format_markdown,
    inline_tags,
    parse_markdown,
)
from knowhold.vault.knowledge.porting import SkipReason
from knowhold.vault.text import is_safe_line
from tests.conftest import FAST_KDF, PASSPHRASE, FakeClock

# -- parsing -------------------------------------------------------------------


def test_front_matter_fields() -> None:
    text = "---\ntitle: Pricing rule\nkind: heuristic\ntags: [Sales, '#复盘']\nprivate: true\n---\nBody\n"
    note = parse_markdown(text, "file")
    assert (note.title, note.kind, note.tags, note.private) == (
        "Pricing rule",
        "heuristic",
        ("Sales", "复盘"),
        True,
    )
    assert note.body == "Body\n"
    assert note.entry_id is None


def test_tags_as_string_and_unknown_kind() -> None:
    note = parse_markdown("---\ntags: a, b  c\nkind: essay\n---\n", "x")
    assert note.tags == ("a", "b", "c")
    assert note.kind == "note"


def test_title_is_the_front_matter_title_else_the_file_name() -> None:
    """Obsidian's rule: ``Home.md`` is ``Home`` whatever its first heading says, so ``[[Home]]`` finds it."""
    named = parse_markdown("intro\n\n# 复盘 weekly #\n\ntext", "Home")
    assert named.title == "Home"
    assert named.body == "intro\n\n# 复盘 weekly #\n\ntext"  # the heading stays in the body
    assert parse_markdown("---\ntitle: 复盘\n---\n# Other\n", "Home").title == "复盘"
    assert parse_markdown("no heading\n## second level\n", "my   file").title == "my file"
    assert parse_markdown("---\ntitle: ''\n---\n# H\n", "stem").title == "stem"


@pytest.mark.parametrize(
    ("body", "tags"),
    [
        ("Today #复盘 and #work/sales.", ("work/sales", "复盘")),
        ("#start of line, #Mixed_Case-1", ("Mixed_Case-1", "start")),
        ("# Heading\n## Sub", ()),
        ("`#inline` and ``a #b``", ()),
        ("```\n#fenced\n```\n~~~~\n#tilde\n~~~~\nafter #yes", ("yes",)),
        ("https://x.com/page#frag [a](#anchor) C# issue #123 &#39;", ()),
        ("#a-very-long-tag-" + "x" * 80 + " #ok", ("ok",)),
        ("trailing #nested/", ("nested",)),
        # code is never a source of tags, wherever it stands (the Obsidian help vault's #ff0000)
        ("```css\ncolor: #ff0000;\n```\nuse `#00ff00` #prose", ("prose",)),
        ("para\n\n    color: #ff0000;\n", ()),
        ("> [!tip]\n> ```css\n> a { color: #ff0000; }\n> ```\n> #callout", ("callout",)),
        ("- item\n\n      #indented-in-list\n- ```\n  #fenced-in-list\n  ```\n- #item", ("item",)),
        ("a ``x\n#ff0000 y`` z", ()),
        ('<span style="color: #ff0000">#inside</span> <!-- #comment -->', ("inside",)),
        ("<div>\n#html-block\n</div>\n", ()),
        ("\\#escaped &#35;entity #ff0000 #1984 #y1984", ("ff0000", "y1984")),  # Obsidian: #1984 is no tag
        ("| a | #cell |\n|---|---|\n| 1 | `#code` |\n", ("cell",)),
        ("## Heading #in-heading\n*#emphasis* [#link](x)", ("emphasis", "in-heading", "link")),
    ],
)
def test_inline_tags(body: str, tags: tuple[str, ...]) -> None:
    assert inline_tags(body) == tags


def test_inline_and_front_matter_tags_merge() -> None:
    note = parse_markdown("---\ntags: [a]\n---\ntext #b #a", "x")
    assert note.tags == ("a", "b")


def test_knowhold_export_front_matter_is_authoritative() -> None:
    text = (
        "---\nid: abcd234567\ntitle: T\nkind: decision\ntags: [x]\nprivate: false\n"
        "created: '2026-09-21T10:00:00Z'\nupdated: 2026-09-22T10:00:00Z\n---\nbody #notatag\n"
    )
    note = parse_markdown(text, "f")
    assert note.entry_id == "abcd234567"
    assert note.tags == ("x",)
    assert note.created_at == 1_789_984_800
    assert note.updated_at == 1_789_984_800 + 86_400


def test_foreign_ids_and_dates_are_ignored_not_fatal() -> None:
    note = parse_markdown("---\nid: 202301011200\ncreated: last tuesday\nupdated: 2023-01-02\n---\n#t", "f")
    assert note.entry_id is None
    assert note.created_at is None
    assert note.updated_at == 1_672_617_600
    assert note.tags == ("t",)
    with pytest.raises(InvalidValue):  # but a Knowhold file with a bad time is damaged
        parse_markdown("---\nid: abcd234567\ncreated: last tuesday\n---\n", "f")


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: [unclosed\n---\nbody",
        "---\n- a list\n---\n",
        "---\nprivate: maybe\n---\n",
        "---\ntags: {a: 1}\n---\n",
        "---\ntitle: [1, 2]\n---\n",
        "---\nx: !!python/object:os.system ls\n---\n",
        "---\ntags: [" + "y" * 70 + "]\n---\n",
        "---\n" + "a: " + "b" * (65 * 1024) + "\n---\n",
    ],
)
def test_invalid_front_matter(text: str) -> None:
    with pytest.raises(InvalidValue):
        parse_markdown(text, "f")


def test_unclosed_front_matter_is_body() -> None:
    note = parse_markdown("---\nthis is a thematic break\n", "f")
    assert note.body == "---\nthis is a thematic break\n"
    assert note.title == "f"


def test_decode_text() -> None:
    assert decode_text(codecs.BOM_UTF8 + "复盘".encode()) == DecodedText("复盘", "utf-8")
    assert decode_text("复盘\r\n".encode("utf-16")) == DecodedText("复盘\r\n", "utf-16")
    assert decode_text("é".encode("latin-1")) is Undecodable.CODE_PAGE
    assert decode_text(b"ab\x00cd") is Undecodable.BINARY
    assert decode_text(codecs.BOM_UTF16_LE + "a\x00".encode("utf-16-le")) is Undecodable.BINARY
    assert decode_text(codecs.BOM_UTF8 + "复盘".encode("gb18030")) is Undecodable.BINARY  # a lying mark


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300), st.text(max_size=20))
def test_parse_never_raises_anything_else(body: str, fallback: str) -> None:
    for text in (body, "---\n" + body, "---\n" + body + "\n---\n" + body):
        try:
            note = parse_markdown(text, fallback)
        except InvalidValue:
            continue
        assert note.title and len(note.title) <= 500


# What vault.text lets into a title and a body (test_text_safety tests the refusals).
# The categories come from this Python's Unicode tables; vault.text also refuses format
# characters newer Unicode added (U+13430..U+1343F are Cf since 15.0, unassigned in 3.11's 14.0).
_title_chars = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp")).filter(
    is_safe_line
)
_body_chars = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), include_characters="\t\n\r")
_tag = st.text(alphabet="abcxyz0123456789_-/复盘", min_size=1, max_size=10)


@settings(max_examples=200, deadline=None)
@given(
    title=st.text(alphabet=_title_chars, min_size=1, max_size=60).map(lambda t: " ".join(t.split())),
    body=st.text(alphabet=_body_chars, max_size=300),
    tags=st.lists(_tag, max_size=5, unique=True),
    private=st.booleans(),
    created=st.integers(0, 4_000_000_000),
    later=st.integers(0, 10_000_000),
)
def test_format_then_parse_is_exact(
    title: str, body: str, tags: list[str], private: bool, created: int, later: int
) -> None:
    if not title:
        title = "t"
    entry = Entry(
        "abcd234567", "checklist", title, body, tuple(sorted(tags)), private, 3, created, created + later
    )
    note = parse_markdown(format_markdown(entry), "fallback")
    assert (note.entry_id, note.title, note.kind, note.body, note.tags, note.private) == (
        entry.id,
        entry.title,
        entry.kind,
        entry.body,
        entry.tags,
        entry.private,
    )
    assert (note.created_at, note.updated_at) == (entry.created_at, entry.updated_at)


@pytest.mark.parametrize(
    ("title", "stem"),
    [
        ('复盘: Q1/Q2 "plan"?', "复盘 Q1 Q2 plan"),
        ("a\\b*c<d>e|f\x07g\u202eh", "a b c d e f g h"),
        ("...hidden. ", "hidden"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("/:*", "untitled"),
    ],
)
def test_safe_file_stem(title: str, stem: str) -> None:
    assert safe_file_stem(title) == stem


def test_safe_file_stem_limits_utf8_bytes() -> None:
    stem = safe_file_stem("复" * 200)
    assert len(stem.encode("utf-8")) <= 120
    assert stem == "复" * 40


# -- an Obsidian-like folder -------------------------------------------------------

INBOX = (
    "# 复盘 weekly\n\nToday #复盘 and #work/sales, not `#code`, not C#, not https://x.com/a#frag, "
    "not #123.\n```\n#fenced\n```\n"
)
Q3 = "---\ntitle: Q3 plan\nkind: decision\ntags:\n  - planning\n  - Q3\n---\nShip it. #launch\n"
LEAF = "---\ntags: a, b c\nkind: essay\n---\nLeaf body\n"


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    root = tmp_path / "notes"
    _write(root / "Inbox.md", INBOX)
    _write(root / "projects" / "Q3 plan.md", Q3)
    _write(root / "projects" / "deep" / "Leaf.markdown", LEAF)
    _write(root / "plain.md", "Just text.\r\nSecond line.")
    _write(root / "bom.md", codecs.BOM_UTF8 + b"# BOM title\n")
    _write(root / "utf16.md", "# 十六\n".encode("utf-16"))
    _write(root / ".obsidian" / "workspace.md", "# must not be imported")
    _write(root / ".obsidian" / "app.json", "{}")
    _write(root / ".trash" / "old.md", "# old")
    _write(root / "attachments" / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    _write(root / "binary.md", b"abc\x00\x01\x02")
    _write(root / "latin1.md", "café".encode("latin-1"))
    _write(root / "broken.md", "---\ntitle: [unclosed\n---\nbody")
    with open(root / "huge.md", "wb") as handle:
        handle.truncate(5 * 1024 * 1024)  # sparse: cheap to make
    return root


IMPORTED = 6
EXPECTED_SKIPS = {
    ("notes/attachments/image.png", SkipReason.NOT_MARKDOWN),
    ("notes/binary.md", SkipReason.NOT_TEXT),
    ("notes/latin1.md", SkipReason.CODE_PAGE),
    ("notes/broken.md", SkipReason.BAD_FRONT_MATTER),
    ("notes/huge.md", SkipReason.TOO_LARGE),
}


def _by_title(vault: Vault) -> dict[str, Entry]:
    summaries, _ = vault.entries.page()
    return {s.title: vault.entries.get(s.id) for s in summaries}


def test_import_obsidian_folder(vault: Vault, notes: Path, clock: FakeClock) -> None:
    summary = import_markdown(vault, [notes])
    assert (summary.created, summary.updated, summary.unchanged, summary.cancelled) == (IMPORTED, 0, 0, False)
    assert set(summary.skipped) == EXPECTED_SKIPS
    entries = _by_title(vault)
    assert set(entries) == {"Inbox", "Q3 plan", "Leaf", "plain", "bom", "utf16"}
    inbox = entries["Inbox"]
    assert inbox.tags == ("work/sales", "复盘")
    assert inbox.body == INBOX
    assert inbox.kind == "note"
    assert inbox.created_at == clock.now
    q3 = entries["Q3 plan"]
    assert (q3.kind, q3.tags, q3.body) == ("decision", ("launch", "planning", "Q3"), "Ship it. #launch\n")
    assert entries["Leaf"].tags == ("a", "b", "c")
    assert entries["Leaf"].kind == "note"
    assert entries["plain"].body == "Just text.\r\nSecond line."
    assert entries["bom"].body == "# BOM title\n"
    assert vault.entries.by_source("md:notes/projects/deep/Leaf.markdown") == entries["Leaf"]


def test_reimport_creates_no_duplicates(vault: Vault, notes: Path) -> None:
    import_markdown(vault, [notes])
    again = import_markdown(vault, [notes])
    assert (again.created, again.updated, again.unchanged) == (0, 0, IMPORTED)
    assert vault.entries.page()[1] == IMPORTED


def test_changed_file_becomes_a_new_version(vault: Vault, notes: Path, clock: FakeClock) -> None:
    import_markdown(vault, [notes])
    clock.advance(60)
    (notes / "projects" / "Q3 plan.md").write_text(Q3.replace("Ship it.", "Ship it now."), "utf-8")
    summary = import_markdown(vault, [notes])
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, IMPORTED - 1)
    q3 = _by_title(vault)["Q3 plan"]
    assert q3.version == 2
    assert q3.body == "Ship it now. #launch\n"
    assert q3.updated_at == clock.now
    assert vault.entries.get(q3.id, 1).body == "Ship it. #launch\n"
    assert vault.entries.page()[1] == IMPORTED


def test_reimport_keeps_edits_made_in_knowhold(vault: Vault, notes: Path) -> None:
    import_markdown(vault, [notes])
    plain = _by_title(vault)["plain"]
    vault.entries.update(plain.id, body="edited in the app")
    summary = import_markdown(vault, [notes])
    assert summary.unchanged == IMPORTED
    assert vault.entries.get(plain.id).body == "edited in the app"


def test_changed_file_of_a_trashed_entry_is_skipped(vault: Vault, notes: Path) -> None:
    import_markdown(vault, [notes])
    plain = _by_title(vault)["plain"]
    vault.entries.trash(plain.id)
    (notes / "plain.md").write_text("changed", "utf-8")
    summary = import_markdown(vault, [notes])
    assert ("notes/plain.md", SkipReason.IN_TRASH) in summary.skipped
    assert vault.entries.get(plain.id).body == "Just text.\r\nSecond line."


def test_progress_reports_every_file(vault: Vault, notes: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    import_markdown(vault, [notes], progress=lambda d, t, c: calls.append((d, t, c)))
    total = IMPORTED + 4  # the Markdown files skipped while reading count too
    assert [(d, t) for d, t, _ in calls] == [(i, total) for i in range(total + 1)]
    assert calls[-1][2] == ""
    assert {c for _, _, c in calls[:-1]} >= {"notes/Inbox.md", "notes/projects/deep/Leaf.markdown"}


def test_cancel_keeps_what_was_imported(vault: Vault, notes: Path) -> None:
    def stop_at_third(done: int, total: int, current: str) -> None:
        if done == 2:
            raise Cancelled()

    summary = import_markdown(vault, [notes], progress=stop_at_third)
    assert summary.cancelled is True
    done = summary.created + len([s for s in summary.skipped if s[1] != SkipReason.NOT_MARKDOWN])
    assert done == 2
    assert vault.entries.page()[1] == summary.created
    rest = import_markdown(vault, [notes])
    assert rest.created == IMPORTED - summary.created and rest.unchanged == summary.created
    assert vault.entries.page()[1] == IMPORTED


def test_missing_path_fails_before_importing(vault: Vault, notes: Path) -> None:
    with pytest.raises(ImportFailed):
        import_markdown(vault, [notes, notes / "nope"])
    assert vault.entries.page()[1] == 0


def test_single_file_and_non_markdown_file(vault: Vault, notes: Path) -> None:
    summary = import_markdown(vault, [notes / "plain.md", notes / "attachments" / "image.png"])
    assert summary.created == 1
    assert summary.skipped == (("attachments/image.png", SkipReason.NOT_MARKDOWN),)
    assert vault.entries.by_source("md:notes/plain.md") is not None


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX symlinks")
def test_symlinks_do_not_leave_the_folder(vault: Vault, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    _write(outside / "secret.md", "# outside")
    root = tmp_path / "root"
    _write(root / "inside.md", "# inside")
    (root / "linked-folder").symlink_to(outside, target_is_directory=True)
    (root / "linked-file.md").symlink_to(outside / "secret.md")
    (root / "alias.md").symlink_to(root / "inside.md")  # same file: imported once
    (root / "dangling.md").symlink_to(root / "gone.md")
    os.mkfifo(root / "pipe.md")  # opening it would block the import forever
    summary = import_markdown(vault, [root])
    assert summary.created == 1
    assert set(summary.skipped) == {
        ("root/linked-folder", SkipReason.LINKED_FOLDER),
        ("root/linked-file.md", SkipReason.LINK_OUTSIDE),
        ("root/dangling.md", SkipReason.UNREADABLE),
        ("root/pipe.md", SkipReason.NOT_REGULAR),
    }
    assert [entry.body for entry in _by_title(vault).values()] == ["# inside"]


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_skipped(vault: Vault, tmp_path: Path) -> None:
    root = tmp_path / "root"
    _write(root / "ok.md", "ok")
    _write(root / "locked.md", "locked")
    (root / "locked.md").chmod(0)
    try:
        summary = import_markdown(vault, [root])
    finally:
        (root / "locked.md").chmod(0o600)
    assert summary.created == 1
    assert summary.skipped == (("root/locked.md", SkipReason.UNREADABLE),)


def test_file_refused_by_the_vault_is_skipped(vault: Vault, tmp_path: Path) -> None:
    root = tmp_path / "root"
    _write(root / "many.md", " ".join(f"#t{i}" for i in range(70)))
    _write(root / "ok.md", "ok")
    summary = import_markdown(vault, [root])
    assert summary.created == 1
    assert summary.skipped == (("root/many.md", SkipReason.REFUSED),)


def _numbered(root: Path, count: int, monkeypatch: pytest.MonkeyPatch, batch: int) -> Path:
    """``root`` with notes n000.md, n001.md... imported ``batch`` to a transaction."""
    monkeypatch.setattr(markdown_import, "BATCH_NOTES", batch)
    for i in range(count):
        _write(root / f"n{i:03}.md", f"note {i}")
    return root


def _fail_after_writing(monkeypatch: pytest.MonkeyPatch, path: str, error: Exception) -> list[int]:
    """Make the import raise ``error`` once the note at ``path`` is written; returns the
    number of entries the vault held after each note, as the import saw it."""
    seen: list[int] = []
    record = Entries.record_import

    def record_then_fail(self: Entries, entry_id: str, at: str, front_matter: str | None) -> None:
        record(self, entry_id, at, front_matter)
        seen.append(self.page()[1])
        if at == path:
            raise error

    monkeypatch.setattr(Entries, "record_import", record_then_fail)
    return seen


def test_notes_are_committed_in_batches_and_a_failure_loses_only_the_open_one(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _numbered(tmp_path / "root", 10, monkeypatch, batch=4)
    with monkeypatch.context() as patched:
        seen = _fail_after_writing(patched, "n006.md", OSError("the disk went away"))  # not a refusal
        with pytest.raises(OSError):
            import_markdown(vault, [root])
    # Notes 0-3 were committed as a batch; 4-6 were in the open one, rolled back.
    assert sorted(_by_title(vault)) == ["n000", "n001", "n002", "n003"]
    assert seen == [1, 2, 3, 4, 5, 6, 7]
    again = import_markdown(vault, [root])  # the next import redoes the lost batch
    assert (again.created, again.unchanged) == (6, 4)


def test_a_refusal_in_a_batch_skips_its_file_and_keeps_the_others(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _numbered(tmp_path / "root", 5, monkeypatch, batch=3)
    _write(root / "n001.md", " ".join(f"#t{i}" for i in range(70)))  # too many tags: refused
    summary = import_markdown(vault, [root])
    assert summary.created == 4
    assert summary.skipped == (("root/n001.md", SkipReason.REFUSED),)
    assert sorted(_by_title(vault)) == ["n000", "n002", "n003", "n004"]


def test_a_refusal_after_a_write_ends_the_import_rather_than_keep_half_a_note(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _numbered(tmp_path / "root", 5, monkeypatch, batch=3)
    _fail_after_writing(monkeypatch, "n004.md", InvalidValue("refused after writing"))  # no store does this
    with pytest.raises(InvalidValue):
        import_markdown(vault, [root])
    assert sorted(_by_title(vault)) == ["n000", "n001", "n002"]  # not n003, nor half of n004


def test_cancel_in_a_batch_commits_what_it_did(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _numbered(tmp_path / "root", 10, monkeypatch, batch=4)

    def stop_at(done: int, _total: int, _current: str) -> None:
        if done == 6:
            raise Cancelled()

    summary = import_markdown(vault, [root], progress=stop_at)
    assert summary.cancelled and summary.created == 6
    assert len(_by_title(vault)) == 6


def test_two_files_with_one_id(vault: Vault, tmp_path: Path) -> None:
    root = tmp_path / "root"
    _write(root / "a.md", "---\nid: abcd234567\ntitle: A\n---\n")
    _write(root / "b.md", "---\nid: abcd234567\ntitle: B\n---\n")
    summary = import_markdown(vault, [root])
    assert summary.created == 1
    assert summary.skipped == (("root/b.md", SkipReason.DUPLICATE_ID),)
    assert vault.entries.get("abcd234567").title == "A"


# -- export --------------------------------------------------------------------


def _fill(vault: Vault, clock: FakeClock) -> list[Entry]:
    """Five live entries made a second apart (the first at START), one edited later, one trashed."""
    specs = [
        ("playbook", '复盘: Q1/Q2 "plan"?', "Step one.\r\n#not-a-tag\n", ["复盘", "work/sales"], False),
        ("heuristic", "Price", "Never discount first.", [], True),
        ("heuristic", "price", "Lower-case twin.", ["2024"], False),
        ("note", "yes", "", [], False),
        ("checklist", "...", "---\ntitle: fake\n---\nbody with front-matter look\n", [], False),
    ]
    made = []
    for kind, title, body, tags, private in specs:
        made.append(vault.entries.add(kind, title, body, tags=tags, private=private))
        clock.advance(1)
    clock.advance(3599)
    made[0] = vault.entries.update(made[0].id, body="Step one, revised.\n")
    gone = vault.entries.add("note", "In the trash", "x")
    vault.entries.trash(gone.id)
    return made


def test_export_layout_and_front_matter(vault: Vault, clock: FakeClock, tmp_path: Path) -> None:
    made = _fill(vault, clock)
    out = tmp_path / "export"
    summary = export_markdown(vault, out)
    assert (summary.written, summary.removed, summary.cancelled) == (5, 0, False)
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == sorted(
        [
            EXPORT_MARKER,
            "playbook/复盘 Q1 Q2 plan.md",
            "heuristic/Price.md",
            f"heuristic/price ({made[2].id}).md",  # the later of two names that differ only in case
            "note/yes.md",
            "checklist/untitled.md",
        ]
    )
    text = (out / "playbook" / "复盘 Q1 Q2 plan.md").read_text("utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front == {
        "id": made[0].id,
        "title": '复盘: Q1/Q2 "plan"?',
        "kind": "playbook",
        "tags": ["work/sales", "复盘"],
        "private": False,
        "created": "2026-09-21T14:13:20Z",
        "updated": "2026-09-21T15:13:24Z",
    }
    assert text.endswith("---\nStep one, revised.\n")
    assert yaml.safe_load((out / "heuristic" / "Price.md").read_text("utf-8").split("---\n")[1])["private"]


def test_export_round_trips_into_a_fresh_vault(vault: Vault, clock: FakeClock, tmp_path: Path) -> None:
    made = _fill(vault, clock)
    out = tmp_path / "export"
    export_markdown(vault, out)
    clock.advance(86_400)
    with Vault.create(tmp_path / "fresh", PASSPHRASE, clock=clock, kdf=FAST_KDF).vault as fresh:
        summary = import_markdown(fresh, [out])
        assert (summary.created, summary.skipped) == (5, ())
        for entry in made:
            got = fresh.entries.get(entry.id)
            assert (got.title, got.kind, got.tags, got.private, got.body) == (
                entry.title,
                entry.kind,
                entry.tags,
                entry.private,
                entry.body,
            )
            assert (got.created_at, got.updated_at) == (entry.created_at, entry.updated_at)
    again = import_markdown(vault, [out])  # into the vault it came from: nothing changes
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)


def test_export_refuses_a_foreign_folder(vault: Vault, clock: FakeClock, tmp_path: Path) -> None:
    _fill(vault, clock)
    out = tmp_path / "mine"
    _write(out / "note" / "yes.md", "the user's own file")
    with pytest.raises(ExportFailed):
        export_markdown(vault, out)
    assert (out / "note" / "yes.md").read_text("utf-8") == "the user's own file"
    assert not (out / EXPORT_MARKER).exists()
    _write(tmp_path / "a-file", "x")
    with pytest.raises(ExportFailed):
        export_markdown(vault, tmp_path / "a-file")


def test_reexport_replaces_its_own_files_only(vault: Vault, clock: FakeClock, tmp_path: Path) -> None:
    made = _fill(vault, clock)
    out = tmp_path / "export"
    export_markdown(vault, out)
    _write(out / "notes-of-mine.txt", "keep me")
    (out / "heuristic" / "Price.md").write_text("edited by hand", "utf-8")
    vault.entries.trash(made[1].id)  # Price: its file was edited, so it stays
    vault.entries.trash(made[3].id)  # yes: untouched file, so it goes
    _write(out / "checklist" / "Untitled.md", "the user's, in a kind folder")
    summary = export_markdown(vault, out)
    # Removed: yes.md, and untitled.md, whose entry moved to a name with its id.
    assert (summary.written, summary.removed) == (3, 2)
    assert not (out / "note").exists()
    assert (out / "heuristic" / "Price.md").read_text("utf-8") == "edited by hand"
    assert (out / "notes-of-mine.txt").read_text("utf-8") == "keep me"
    assert (out / "checklist" / "Untitled.md").read_text("utf-8") == "the user's, in a kind folder"
    # "price" may not take "Price.md" (the user's now, and the same name on macOS and Windows),
    # and the user's "Untitled.md" blocks "untitled.md": both keep or get the id.
    assert (out / "heuristic" / f"price ({made[2].id}).md").is_file()
    assert (out / "checklist" / f"untitled ({made[4].id}).md").is_file()
    assert not (out / "checklist" / "untitled.md").exists()


def test_export_progress_and_cancel(vault: Vault, clock: FakeClock, tmp_path: Path) -> None:
    _fill(vault, clock)
    calls: list[tuple[int, int]] = []

    def stop_after_two(done: int, total: int, current: str) -> None:
        calls.append((done, total))
        if done == 2:
            raise Cancelled()

    out = tmp_path / "export"
    summary = export_markdown(vault, out, progress=stop_after_two)
    assert calls == [(0, 5), (1, 5), (2, 5)]
    assert (summary.written, summary.cancelled) == (2, True)
    assert len(list(out.rglob("*.md"))) == 2
    finished = export_markdown(vault, out)  # the half export is still recognised as ours
    assert (finished.written, finished.cancelled) == (5, False)
    assert len(list(out.rglob("*.md"))) == 5


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="POSIX symlinks")
@pytest.mark.parametrize("link", ["folder", "file", "marker"])
def test_export_refuses_symlinks_inside_the_folder(
    vault: Vault, clock: FakeClock, tmp_path: Path, link: str
) -> None:
    """A link planted in an earlier export must not lead writes (or a chmod) elsewhere."""
    _fill(vault, clock)
    out = tmp_path / "export"
    export_markdown(vault, out)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    os.chmod(outside, 0o755)
    _write(outside / "target.md", "not Knowhold's")
    if link == "folder":  # a kind folder swapped for a link to another folder
        for child in (out / "note").iterdir():
            child.unlink()
        (out / "note").rmdir()
        (out / "note").symlink_to(outside, target_is_directory=True)
    elif link == "file":  # an entry's file name swapped for a link to another file
        (out / "note" / "yes.md").unlink()
        (out / "note" / "yes.md").symlink_to(outside / "target.md")
    else:
        os.replace(out / EXPORT_MARKER, outside / "marker")
        (out / EXPORT_MARKER).symlink_to(outside / "marker")
    before = sorted(p.name for p in outside.iterdir())
    with pytest.raises(ExportFailed) as info:
        export_markdown(vault, out)
    assert "link" in info.value.message
    assert sorted(p.name for p in outside.iterdir()) == before
    assert os.stat(outside).st_mode & 0o777 == 0o755
    assert (outside / "target.md").read_text("utf-8") == "not Knowhold's"
