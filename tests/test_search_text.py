"""Search over real text (issue 11): phrases stop at sentence ends and paragraphs, Chinese
is indexed as pairs within unbroken runs, and vaults indexed the old way are rebuilt on open."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.knowledge.entries import Entries
from knowhold.vault.knowledge.search import Search, make_snippet, parse_query
from knowhold.vault.knowledge.textindex import BARRIER, index_text
from knowhold.vault.store.db import Database, connect
from knowhold.vault.store.keys import new_data_key
from knowhold.vault.store.schema import MIGRATIONS, current_version, migrate
from tests.conftest import FAST_KDF, PASSPHRASE, START, FakeClock

CORPUS = {
    "clip_apart": "我们浏览网页。剪藏文章很方便。",
    "clip_comma": "打开网页，剪藏一篇。",
    "clip_bar": "网页|剪藏",
    "clip_line": "先看网页\n剪藏在后",
    "clip": "网页剪藏很方便",
    "sentence": "Blue green. Deploy later",
    "paragraph": "Keep it green\n\nDeploy on Monday",
    "exclaim": "So green! Deploy now",
    "joined": "We like green deploy windows",
    "comma": "green, deploy",
    "line": "green\ndeploy",
    "lone": "盘",
    "cn_question": "这是复盘？会议明天",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Search, dict[str, str]]]:
    clock = FakeClock()
    created = Vault.create(tmp_path_factory.mktemp("text") / "vault", PASSPHRASE, clock=clock, kdf=FAST_KDF)
    ids = {}
    for name, body in CORPUS.items():
        clock.advance(60)
        ids[name] = created.vault.entries.add("note", f"Entry {name}", body).id
    yield Search(created.vault.db), ids
    created.vault.close()


def names(corpus: tuple[Search, dict[str, str]], query: str) -> set[str]:
    search, ids = corpus
    by_id = {v: k for k, v in ids.items()}
    hits = search.search(query, limit=100)
    assert search.count(query) == len(hits)
    return {by_id[h.id] for h in hits}


def test_a_chinese_word_never_matches_across_punctuation_or_a_line(corpus) -> None:
    assert names(corpus, "网页剪藏") == {"clip"}
    assert names(corpus, "网页 剪藏") == {"clip", "clip_apart", "clip_comma", "clip_bar", "clip_line"}
    assert names(corpus, "页剪") == {"clip"}  # the pair across 。，| or a line break is not there


def test_a_phrase_stops_at_a_sentence_end_or_a_paragraph(corpus) -> None:
    assert names(corpus, '"green deploy"') == {"joined", "comma", "line"}
    # Words apart still find all of them; a phrase typed across a break finds them across any break.
    assert {"sentence", "paragraph", "exclaim"} <= names(corpus, "green deploy")
    assert names(corpus, '"green. deploy"') == {"sentence", "paragraph", "exclaim"}
    assert names(corpus, '"复盘会议"') == set()  # ？ ends a Chinese sentence
    assert names(corpus, "复盘") == {"cn_question"}


def test_one_chinese_character_is_found_inside_a_longer_run_and_alone(corpus) -> None:
    assert names(corpus, "盘") == {"lone", "cn_question"}
    assert names(corpus, "藏") == {"clip", "clip_apart", "clip_comma", "clip_bar", "clip_line"}
    assert names(corpus, "网页剪藏很方便") == {"clip"}  # a long word is a phrase of pairs


def test_index_text_is_pairs_within_runs_with_barriers_at_breaks() -> None:
    b = BARRIER
    assert index_text("复盘会议").split() == ["复盘", "盘会", "会议", b, "复", "盘", "会", "议"]
    assert index_text("网页。剪藏").split() == ["网页", b, "剪藏", b, "网", "页", "剪", "藏"]
    assert index_text("A股 API接口").split() == ["A", "股", "API", "接口", b, "接", "口"]
    assert index_text("Blue green. Deploy\n\nlater v1.2").split() == [
        "Blue",
        "green",
        b,
        "Deploy",
        b,
        "later",
        "v1.2",
    ]
    assert index_text(f"a{b}b") == "a b"  # text cannot bring a barrier of its own


def test_query_shapes_for_pairs_and_breaks() -> None:
    assert parse_query("复盘").match == '"复盘"'
    assert parse_query("复盘会议").match == '"复盘 盘会 会议"'
    assert parse_query("盘").match == '"盘"'
    assert parse_query('"green. deploy"').match == f'"green {BARRIER} deploy"'
    # A lone character inside a phrase of several is looked for on its own.
    assert parse_query('"买 A 股"').match == '("买" AND "A" AND "股")'


def test_a_highlight_never_spans_a_sentence_end() -> None:
    text, spans = make_snippet(
        "Blue green. Deploy, then green deploy.", parse_query('"green deploy"').phrases
    )
    assert [text[s:e] for s, e in spans] == ["green deploy"]
    text, spans = make_snippet("网页。剪藏，网页剪藏", parse_query("网页剪藏").phrases)
    assert [text[s:e] for s, e in spans] == ["网页剪藏"]


# -- an index written the old way is written again -----------------------------------------

_INDEX_MIGRATION = next(i for i, m in enumerate(MIGRATIONS) if "title_sort" in m and "'reindex'" in m)


def test_a_vault_indexed_the_old_way_is_reindexed_when_migrated(tmp_path: Path) -> None:
    db = Database(connect(tmp_path / "old.db", new_data_key()), FakeClock())
    try:
        assert migrate(db.conn, MIGRATIONS[:_INDEX_MIGRATION]) == _INDEX_MIGRATION
        db.conn.execute(
            "INSERT INTO entries (id, kind, title, body, private, version, created_at, updated_at) "
            "VALUES ('abcd234567', 'note', '复盘流程', '网页。剪藏 green. Deploy', 0, 1, ?, ?)",
            (START, START),
        )
        db.conn.execute("INSERT INTO entry_tags VALUES (1, 'ops')")
        # The old index text: every CJK character a token of its own, no barriers.
        db.conn.execute(
            "INSERT INTO entries_fts (rowid, title, body, tags) VALUES "
            "(1, '复 盘 流 程', '网 页 。 剪 藏 green. Deploy', 'ops')"
        )
        assert migrate(db.conn) == current_version(db.conn) == len(MIGRATIONS)
        search = Search(db)
        assert search.count("复盘") == 0  # emptied by the migration, until the rebuild
        assert Entries(db).reindex_if_due() == 1
        assert Entries(db).reindex_if_due() == 0  # done once
        assert [h.title for h in search.search("复盘 tag:ops")] == ["复盘流程"]
        assert search.count("网页剪藏") == search.count('"green deploy"') == 0
        assert search.count("fplc") == 1
        assert db.conn.execute("SELECT title_sort FROM entries").fetchone()[0].startswith("fu pan liu cheng")
    finally:
        db.close()


def test_opening_a_vault_rebuilds_an_index_a_migration_asked_for(tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "vault"
    with Vault.create(path, PASSPHRASE, clock=clock, kdf=FAST_KDF).vault as vault:
        assert vault.db.get_meta("reindex") is None  # a new vault is done at once
        entry = vault.entries.add("note", "Rollback", "Roll back the release.")
        vault.db.conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('delete-all')")
        vault.db.set_meta("reindex", "due")
        assert vault.search.count("rollback") == 0
    with Vault.open(path, PASSPHRASE, clock=clock) as vault:
        assert [h.id for h in vault.search.search("rollback release")] == [entry.id]
        assert vault.db.get_meta("reindex") is None
