"""Tags keep their case for display and ignore it for matching (issue 10).

``#camelCase`` stays ``camelCase``; ``tag:camelcase``, ``#CamelCase`` and the
sidebar's row are one tag, shown as most entries spell it. The migration
that added the spelling keeps every tag of an older vault.
"""

from __future__ import annotations

from pathlib import Path

from knowhold.ui.models.entry_list import matches
from knowhold.ui.models.sidebar import build_rows
from knowhold.ui.session import EntryFilter, Overview
from knowhold.ui.widgets.tag_edit import split_tags
from knowhold.vault import Vault
from knowhold.vault.knowledge.markdown_export import export_markdown
from knowhold.vault.knowledge.markdown_import import import_markdown
from knowhold.vault.knowledge.notes import parse_markdown
from knowhold.vault.store.db import Database, connect
from knowhold.vault.store.keys import new_data_key
from knowhold.vault.store.schema import MIGRATIONS, migrate
from tests.conftest import START, FakeClock


def test_an_entry_keeps_the_case_of_its_tags_and_each_tag_once(vault: Vault) -> None:
    entry = vault.entries.add("note", "T", "", tags=["#camelCase", "camelcase", "Ops", "复盘"])
    assert entry.tags == ("camelCase", "Ops", "复盘")  # the first spelling, in the order of their keys
    assert vault.entries.get(entry.id).tags == entry.tags
    again = vault.entries.update(entry.id, tags=["CamelCase", "ops", "复盘"])
    assert again.tags == ("CamelCase", "ops", "复盘") and again.version == 2  # a new spelling is a change


def test_two_spellings_are_one_tag_in_filters_search_and_the_sidebar(vault: Vault) -> None:
    ids = {
        vault.entries.add("note", "A", "alpha", tags=["camelCase"]).id,
        vault.entries.add("note", "B", "beta", tags=["camelCase"]).id,
        vault.entries.add("note", "C", "gamma", tags=["CamelCase"]).id,
    }
    gone = vault.entries.add("note", "D", "delta", tags=["CAMELCASE", "CAMELCASE2"])
    for many in range(3):  # more spellings in the trash than live: they do not count
        vault.entries.trash(vault.entries.add("note", f"T{many}", "", tags=["CAMELCASE"]).id)
    vault.entries.trash(gone.id)
    assert vault.entries.tags() == [("camelCase", 3)]
    for asked in ("camelcase", "#CamelCase", "CAMELCASE"):
        assert {s.id for s in vault.entries.page(tag=asked)[0]} == ids
        assert {hit.id for hit in vault.search.search(f"tag:{asked}")} == ids
        assert {hit.id for hit in vault.search.search("", tag=asked)} == ids
    shown = {hit.title: hit.tags for hit in vault.search.search("tag:camelcase")}
    assert shown == {"A": ("camelCase",), "B": ("camelCase",), "C": ("CamelCase",)}
    vault.entries.add("note", "E", "", tags=["CamelCase"])  # as common: the first in code point order
    assert vault.entries.tags() == [("CamelCase", 4)]
    rows = build_rows(Overview((("note", 4),), tuple(vault.entries.tags()), 0))
    assert [(r.label, r.count) for r in rows if r.label.startswith("#")] == [("#CamelCase", 4)]


def test_a_saved_entry_stays_in_the_list_of_its_tag_in_any_spelling(vault: Vault) -> None:
    """The list decides by itself whether an entry it was told of belongs to it (``matches``)."""
    entry = vault.entries.add("note", "A", "", tags=["CamelCase"])
    summary = next(s for s in vault.entries.page()[0] if s.id == entry.id)
    assert matches(EntryFilter(tag="camelCase"), summary)
    assert not matches(EntryFilter(tag="camel"), summary)


def test_notes_keep_the_case_and_never_take_tags_from_code() -> None:
    note = parse_markdown(
        "---\ntags: [Sales]\n---\n#camelCase and #sales, `#InCode`\n\n```\n#Fenced\n```\n", "n"
    )
    assert note.tags == ("camelCase", "Sales")  # front matter's spelling first


def test_the_tags_field_keeps_what_was_typed() -> None:
    assert split_tags("#camelCase, CamelCase 复盘 bad#tag") == (("camelCase", "复盘"), ("bad#tag",))


def test_tags_round_trip_through_markdown_in_their_case(tmp_path: Path, vault: Vault) -> None:
    (tmp_path / "n").mkdir()
    (tmp_path / "n" / "Plan.md").write_text("Ship it. #camelCase #Q3\n", encoding="utf-8")
    import_markdown(vault, [tmp_path / "n"])
    assert vault.entries.tags() == [("camelCase", 1), ("Q3", 1)]
    export_markdown(vault, tmp_path / "out")
    text = (tmp_path / "out" / "Plan.md").read_text(encoding="utf-8")
    assert "tags:\n- camelCase\n- Q3\n" in text


def test_an_older_vaults_tags_are_kept_and_matched(tmp_path: Path, clock: FakeClock) -> None:
    db = Database(connect(tmp_path / "old.db", new_data_key()), clock)
    try:
        before = MIGRATIONS.index(next(m for m in MIGRATIONS if "shown" in m))
        migrate(db.conn, MIGRATIONS[:before])
        db.conn.execute(
            "INSERT INTO entries (id, kind, title, body, private, version, created_at, updated_at) "
            "VALUES ('abcd234567', 'note', 'Old', 'x', 0, 1, ?, ?)",
            (START, START),
        )
        db.conn.execute("INSERT INTO entry_tags (entry_rowid, tag) VALUES (1, 'sales'), (1, '复盘')")
        migrate(db.conn)
        rows = db.conn.execute("SELECT tag, shown FROM entry_tags ORDER BY tag").fetchall()
        assert rows == [("sales", "sales"), ("复盘", "复盘")]
    finally:
        db.close()
