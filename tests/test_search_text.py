"""Search over real text (issue 11): phrases stop at sentence ends and paragraphs, Chinese
is indexed as pairs within unbroken runs, and vaults indexed the old way are rebuilt on open."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from knowhold.vault import Vault
from knowhold.vault.cli import main
from knowhold.vault.errors import Cancelled
from knowhold.vault.knowledge.entries import REINDEX_REPORT_EVERY, STAGE_REINDEX, Entries
from knowhold.vault.knowledge.search import Search, make_snippet, parse_query
from knowhold.vault.knowledge.textindex import BARRIER, index_text
from knowhold.vault.knowledge.titlekeys import aliases_in, pinyin_spans
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
    "cheap": "Buy the cheap option",
}
TITLES = {"retro_title": "复盘流程", "bank": "重庆银行"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Search, dict[str, str]]]:
    clock = FakeClock()
    created = Vault.create(tmp_path_factory.mktemp("text") / "vault", PASSPHRASE, clock=clock, kdf=FAST_KDF)
    ids = {}
    for name, body in CORPUS.items():
        clock.advance(60)
        ids[name] = created.vault.entries.add("note", f"Entry {name}", body).id
    for name, title in TITLES.items():
        clock.advance(60)
        ids[name] = created.vault.entries.add("note", title, "").id
    yield Search(created.vault.db), ids
    created.vault.close()


def names(corpus: tuple[Search, dict[str, str]], query: str, typing: bool = False) -> set[str]:
    search, ids = corpus
    by_id = {v: k for k, v in ids.items()}
    hits = search.search(query, limit=100, last_word_prefix=typing)
    assert search.count(query, last_word_prefix=typing) == len(hits)
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
    assert names(corpus, "复盘") == {"cn_question", "retro_title"}


def test_one_chinese_character_is_found_inside_a_longer_run_and_alone(corpus) -> None:
    assert names(corpus, "盘") == {"lone", "cn_question", "retro_title"}
    assert names(corpus, "藏") == {"clip", "clip_apart", "clip_comma", "clip_bar", "clip_line"}
    assert names(corpus, "网页剪藏很方便") == {"clip"}  # a long word is a phrase of pairs


def test_the_word_being_typed_is_a_prefix_and_a_finished_word_is_whole(corpus) -> None:
    for typed in ("c", "ch", "che", "chea", "cheap", "buy ch", "CHE"):
        assert "cheap" in names(corpus, typed, typing=True), typed
    assert names(corpus, "che ", typing=True) == set()  # a space: "che" is a word of its own
    assert names(corpus, "cheap ", typing=True) == {"cheap"}
    assert names(corpus, "che") == set()  # the command line reads words whole
    assert names(corpus, "che*") == {"cheap"}  # unless asked


def test_how_a_query_being_typed_reads() -> None:
    def typed(query: str) -> str | None:
        return parse_query(query, last_word_prefix=True).match

    assert typed("che") == '"che"*'
    assert typed("deploy ch") == '"deploy" AND "ch"*'
    assert typed("deploy ") == '"deploy"'
    assert typed('"blue gr') == '"blue gr"*'  # the quote is still open
    assert typed('"blue gr"') == '"blue gr"'
    assert typed("deploy -che") == '"deploy"'  # an excluded word is read whole
    assert parse_query("deploy -che", last_word_prefix=True).exclude == '"che"'
    assert typed("复盘") == '"复盘"' and typed("复") == '"复"'
    assert parse_query("tag:op", last_word_prefix=True).tags == ("op",)
    assert parse_query("che").match == '"che"'


def test_a_title_is_found_by_its_pinyin(corpus) -> None:
    assert names(corpus, "fplc") == names(corpus, "fupanliucheng") == {"retro_title"}
    assert names(corpus, "fp", typing=True) == names(corpus, "fupan", typing=True) == {"retro_title"}
    assert names(corpus, "fp") == set()  # whole, it is the initials of a title that is exactly 复盘
    assert names(corpus, "cqyh") == {"bank"}  # 重庆 is chong qing, 银行 yin hang: read as words
    assert names(corpus, "zqyx") == set()


def test_a_title_shows_what_was_found_in_it_pinyin_included(corpus) -> None:
    search = corpus[0]

    def marked(query: str, typing: bool = False) -> dict[str, list[str]]:
        hits = search.search(query, limit=100, last_word_prefix=typing)
        return {h.title: [h.title[s:e] for s, e in h.title_highlights] for h in hits}

    assert marked("fp", typing=True) == {"复盘流程": ["复盘"]}
    assert marked("fupanl", typing=True) == {"复盘流程": ["复盘流"]}  # a syllable begun marks its character
    assert marked("fplc") == marked("fupanliucheng") == {"复盘流程": ["复盘流程"]}
    assert marked("cqyh") == {"重庆银行": ["重庆银行"]}
    assert marked("流程") == {"复盘流程": ["流程"]}
    assert marked("entry cheap")["Entry cheap"] == ["Entry", "cheap"]


def test_pinyin_spans_never_mark_what_the_index_would_not_match() -> None:
    assert pinyin_spans("复盘流程", "fp", prefix=False) == []  # whole, fp is not fplc
    assert pinyin_spans("复盘流程", "fupanliucheng", prefix=False) == [(0, 4)]
    assert pinyin_spans("周报: 复盘 and 复盘", "fp", prefix=False) == [(4, 6), (11, 13)]
    assert pinyin_spans("复盘", "f1", prefix=True) == []
    assert pinyin_spans("复盘", "", prefix=True) == []
    # A character without pinyin is skipped as the index skips it.
    assert pinyin_spans("\U00020002复盘", "fp", prefix=False) == [(1, 3)]


def test_snippets_are_plain_text_with_their_highlights() -> None:
    body = (
        "## Why it matters ##\n\n**Why:** read the [runbook](https://example.com/r) first.\n"
        "- [ ] check [[Deploy plan|the plan]] and [[Rollback]]\n"
        "> quoted *text*, snake_case kept\n\n"
        "```python\nprint(1)\n```\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n"
        "![diagram](d.png) <b>bold</b> <https://example.com>\n\n***\n"
    )
    text, spans = make_snippet(body, parse_query("runbook plan rollback why").phrases, size=400)
    assert text == (
        "Why it matters Why: read the runbook first. check the plan and Rollback quoted text, "
        "snake_case kept print(1) a b 1 2 diagram bold https://example.com"
    )
    assert [text[s:e] for s, e in spans] == ["Why", "Why", "runbook", "plan", "Rollback"]


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


def test_a_vault_from_before_the_prefix_index_gets_it_and_is_reindexed(tmp_path: Path) -> None:
    last = next(i for i, m in enumerate(MIGRATIONS) if "prefix = '2 3 4 5'" in m)
    db = Database(connect(tmp_path / "old.db", new_data_key()), FakeClock())
    try:
        assert migrate(db.conn, MIGRATIONS[:last]) == last
        entries = Entries(db)
        entries.reindex_if_due()
        entries.add("note", "Escalation ladder", "Escalate after two missed replies.")
        assert Search(db).count("escal*") == 1  # found by merging words, without the index
        assert migrate(db.conn) == len(MIGRATIONS)
        table = db.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'entries_fts'").fetchone()[0]
        assert "prefix = '2 3 4 5'" in table
        search = Search(db)
        assert search.count("escal*") == 0  # the new index starts empty, until the rebuild
        assert entries.reindex_if_due() == 1
        assert search.count("escal*") == search.count("esca*") == search.count("escalat*") == 1
        assert search.count("esc", last_word_prefix=True) == 1
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


def _due_vault(path: Path, clock: FakeClock, entries: int) -> None:
    """A vault of ``entries`` notes whose index a migration has asked to rebuild."""
    with Vault.create(path, PASSPHRASE, clock=clock, kdf=FAST_KDF).vault as vault:
        for n in range(entries):
            vault.entries.add("note", f"Rollback {n}", "Roll back the release.")
        vault.db.conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('delete-all')")
        vault.db.set_meta("reindex", "due")


def test_the_rebuild_reports_its_progress_to_the_opener(tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "vault"
    _due_vault(path, clock, REINDEX_REPORT_EVERY * 2 + 3)
    reports: list[tuple[int, int, str]] = []
    with Vault.open(path, PASSPHRASE, clock=clock, progress=lambda *r: reports.append(r)) as vault:
        assert vault.search.count("rollback") == REINDEX_REPORT_EVERY * 2 + 3
    total = REINDEX_REPORT_EVERY * 2 + 3
    assert [done for done, _, _ in reports] == [0, REINDEX_REPORT_EVERY, REINDEX_REPORT_EVERY * 2, total]
    assert {(t, what) for _, t, what in reports} == {(total, STAGE_REINDEX)}
    reports.clear()
    with Vault.open(path, PASSPHRASE, clock=clock, progress=lambda *r: reports.append(r)):
        assert reports == []  # done once: an ordinary open says nothing


def test_a_rebuild_stopped_by_its_progress_is_redone_at_the_next_open(tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "vault"
    _due_vault(path, clock, REINDEX_REPORT_EVERY + 1)

    def stop_midway(done: int, _total: int, _what: str) -> None:
        if done:
            raise Cancelled()

    with pytest.raises(Cancelled):
        Vault.open(path, PASSPHRASE, clock=clock, progress=stop_midway)
    with Vault.open(path, PASSPHRASE, clock=clock) as vault:
        assert vault.search.count("rollback") == REINDEX_REPORT_EVERY + 1  # one transaction: all redone
        assert vault.db.get_meta("reindex") is None


def test_the_command_line_says_once_why_it_waits_for_a_rebuild(tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "vault"
    _due_vault(path, clock, 3)

    def run(*words: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        env = {"KNOWHOLD_VAULT": str(path), "KNOWHOLD_PASSPHRASE": PASSPHRASE}
        code = main(list(words), environ=env, stdout=out, stderr=err, clock=clock, kdf=FAST_KDF)
        return code, out.getvalue(), err.getvalue()

    code, out, err = run("search", "rollback", "--json")
    assert code == 0 and len(json.loads(out)["hits"]) == 3
    assert err == "knowhold: updating the search index once after an update (3 entries)…\n"
    code, _, err = run("search", "rollback", "--json")
    assert (code, err) == (0, "")


# -- aliases ---------------------------------------------------------------------------------


def test_aliases_kept_from_front_matter_are_searched_with_the_title(vault: Vault, clock: FakeClock) -> None:
    entry = vault.entries.add("note", "Release day", "Steps for the day.")
    other = vault.entries.add("note", "Other", "Nothing.")
    search = vault.search
    assert search.count("蓝绿") == 0
    vault.entries.record_import(
        entry.id, "Release day.md", "aliases:\n- Blue deploy\n- 蓝绿发布\ncssclasses: x\n"
    )
    vault.entries.record_import(other.id, "Other.md", "aliases: Solo name\n")
    for query in ("蓝绿", '"blue deploy"', "llfb", "lanlvfabu"):
        assert [h.title for h in search.search(query)] == ["Release day"], query
    assert [h.id for h in search.search("solo")] == [other.id]
    clock.advance(60)
    vault.entries.update(entry.id, body="New steps.")  # a save keeps them searchable
    assert [h.id for h in search.search("蓝绿 steps")] == [entry.id]
    assert search.count('"day blue"') == 0  # the title and each alias are apart
    vault.entries.record_import(other.id, "Other.md", "aliases: [unclosed\n")  # unreadable: none
    assert search.count("solo") == 0


def test_aliases_in_front_matter() -> None:
    assert aliases_in(None) == aliases_in("") == aliases_in("- a list\n") == ()
    assert aliases_in("aliases: One\n") == ("One",)
    assert aliases_in("aliases:\n- A  b\n- 3\n- ''\n- C\n") == ("A b", "C")
    assert len(aliases_in("aliases: [" + ", ".join(["x"] * 100) + "]\n")) == 64
