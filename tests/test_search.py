"""Search: the query language, ranking, CJK, snippets, and hostile input."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowhold.vault import Vault
from knowhold.vault.errors import InvalidValue
from knowhold.vault.knowledge import search as search_module
from knowhold.vault.knowledge.search import Hit, Search, make_snippet, parse_query
from tests.conftest import FAST_KDF, PASSPHRASE, FakeClock

# One vault for the read-only query tests: creating one per case costs an
# Argon2id run, and these tests never write.
CORPUS = {
    "deploy": ("playbook", "Deploy the service", "Run the pipeline, then watch the dashboards.", ["ops"]),
    "rollback": (
        "playbook",
        "Rollback steps",
        "If the deploy fails, roll back the release.",
        ["ops", "Incident"],
    ),
    "pricing": (
        "decision",
        "Pricing for Acme",
        "We chose annual billing. The deploy budget was tight.",
        ["sales"],
    ),
    "bluegreen": ("heuristic", "Blue green", "Prefer a green light over blue skies.", []),
    "green_blue": ("heuristic", "Switching", "Keep blue green deployments simple.", ["ops"]),
    "retro": ("note", "周五例会", "我们每周五做一次复盘会议，讨论本周的问题。", ["复盘"]),
    "apart": ("note", "分开的字", "复杂的事情要盘算清楚。", []),
    "pandian": ("note", "库存", "反复盘点仓库里的货物。", []),
    "api": ("checklist", "API接口 checklist", "每个API接口都要有 review 和测试。", ["eng"]),
    "cafe": ("note", "Café notes", "Met at the café to discuss the résumé.", []),
    "fullwidth": ("note", "Ｗｉｄｅ letters", "Typed with an input method: ＫＰＩ targets.", []),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Search, dict[str, str]]]:
    clock = FakeClock()
    created = Vault.create(tmp_path_factory.mktemp("search") / "vault", PASSPHRASE, clock=clock, kdf=FAST_KDF)
    ids = {}
    for name, (kind, title, body, tags) in CORPUS.items():
        clock.advance(60)
        ids[name] = created.vault.entries.add(kind, title, body, tags=tags).id
    yield Search(created.vault.db), ids
    created.vault.close()


def names(corpus: tuple[Search, dict[str, str]], query: str, **kwargs: str) -> set[str]:
    search, ids = corpus
    by_id = {v: k for k, v in ids.items()}
    hits = search.search(query, limit=100, **kwargs)
    assert search.count(query, **kwargs) == len(hits)
    return {by_id[h.id] for h in hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("deploy", {"deploy", "rollback", "pricing"}),
        ("deploy release", {"rollback"}),  # words are ANDed
        ("DEPLOY Release", {"rollback"}),  # case-insensitive
        ("annual OR pipeline", {"pricing", "deploy"}),
        ("annual OR pipeline deploy", {"pricing", "deploy"}),
        ("annual OR release budget", {"pricing"}),  # (annual OR release) AND budget
        ("deploy -release", {"deploy", "pricing"}),
        ("deploy NOT release", {"deploy", "pricing"}),
        ('"blue green"', {"bluegreen", "green_blue"}),  # title of one, body of the other
        ('"green blue"', set()),  # order matters in a phrase
        ('blue -"blue green"', set()),
        ('green -"green light"', {"green_blue"}),
        ("roll*", {"rollback"}),
        ("dep*", {"deploy", "rollback", "pricing", "green_blue"}),
        ("tag:ops", {"deploy", "rollback", "green_blue"}),
        ("tag:#OPS deploy", {"deploy", "rollback"}),
        ("tag:ops tag:incident", {"rollback"}),  # several tags: all of them
        ("deploy -tag:ops", {"pricing"}),
        ("kind:decision deploy", {"pricing"}),
        ("kind:Playbook", {"deploy", "rollback"}),
        ("kind:decision kind:heuristic", {"pricing", "bluegreen", "green_blue"}),  # any of them
        ("green -kind:heuristic", set()),
        ("tag:nosuchtag", set()),
        ("tag:a,b", set()),  # an impossible tag matches nothing rather than failing
    ],
)
def test_query_language(corpus: tuple[Search, dict[str, str]], query: str, expected: set[str]) -> None:
    assert names(corpus, query) == expected


def test_only_exclusions_list_everything_else(corpus: tuple[Search, dict[str, str]]) -> None:
    assert names(corpus, "-deploy") == set(CORPUS) - {"deploy", "rollback", "pricing"}
    excluded = {"bluegreen", "green_blue", "retro", "pandian"}
    assert names(corpus, '-"blue green" -复盘') == set(CORPUS) - excluded


def test_keyword_filters_mean_the_same(corpus: tuple[Search, dict[str, str]]) -> None:
    assert names(corpus, "deploy", tag="OPS") == names(corpus, "deploy tag:ops") == {"deploy", "rollback"}
    assert names(corpus, "deploy", kind="decision") == {"pricing"}
    assert names(corpus, "", kind="playbook", tag="incident") == {"rollback"}
    # The keyword narrows what the query allows; it never widens it.
    assert names(corpus, "kind:decision kind:playbook", kind="decision") == {"pricing"}
    assert names(corpus, "kind:decision", kind="playbook") == set()


def test_unknown_kind_is_a_clear_error(corpus: tuple[Search, dict[str, str]]) -> None:
    search, _ = corpus
    with pytest.raises(InvalidValue, match="Unknown kind 'essay'"):
        search.search("kind:essay deploy")
    with pytest.raises(InvalidValue, match="Unknown kind"):
        search.count("", kind="essay")


def test_chinese_word_inside_a_sentence(corpus: tuple[Search, dict[str, str]]) -> None:
    # 复盘 sits inside a sentence with no spaces; 复 and 盘 also appear apart in "apart".
    assert names(corpus, "复盘") == {"retro", "pandian"}
    assert names(corpus, "复盘会议") == {"retro"}
    assert names(corpus, "盘复") == set()
    # Without word segmentation 复盘 is also found across the words 反复 + 盘点 (documented).
    assert "pandian" in names(corpus, "复盘")
    assert names(corpus, "复杂 盘算") == {"apart"}
    assert names(corpus, "复*") == {"retro", "apart", "pandian"}  # a CJK prefix is a phrase


def test_mixed_chinese_and_english(corpus: tuple[Search, dict[str, str]]) -> None:
    assert names(corpus, "API接口") == {"api"}
    assert names(corpus, "接口 review") == {"api"}
    assert names(corpus, "复盘 review") == set()
    assert names(corpus, "复盘 OR review") == {"retro", "pandian", "api"}
    assert parse_query("API接口").match == '"API" AND "接口"'  # one pair: one token


def test_width_and_diacritics_fold(corpus: tuple[Search, dict[str, str]]) -> None:
    assert names(corpus, "cafe resume") == {"cafe"}
    assert names(corpus, "CAFÉ") == {"cafe"}
    assert names(corpus, "ＣＡＦＥ") == {"cafe"}
    assert names(corpus, "wide kpi") == {"fullwidth"}
    assert names(corpus, "ｋｐｉ") == {"fullwidth"}


HOSTILE = [
    '"',
    '""',
    '"""',
    "(",
    ")",
    "(deploy",
    "deploy)",
    "AND",
    "OR",
    "NOT",
    "deploy AND",
    "OR deploy",
    "deploy OR",
    "deploy OR OR release",
    "NEAR(deploy release)",
    "NEAR(",
    "title:x",
    "body:deploy",
    "{title body}:deploy",
    "*",
    "**",
    "deploy*release",
    "^",
    "^deploy",
    "-",
    "--",
    "- -",
    "-*",
    "+deploy",
    ":",
    "tag:",
    "kind:",
    "-tag:",
    "a:b:c",
    "\\",
    "'",
    "deploy'); DROP TABLE entries;--",
    "\x00",
    "\ud800",
    "﷽",
    "🤦🏼‍♂️",
    '复盘"',
    '"复盘',
    "*复",
    " ",
    "\n\t",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_raise(corpus: tuple[Search, dict[str, str]], query: str) -> None:
    search, _ = corpus
    hits = search.search(query)
    assert isinstance(hits, list)
    assert search.count(query) == len(search.search(query, limit=1000))


def test_operators_and_column_names_are_plain_words(corpus: tuple[Search, dict[str, str]]) -> None:
    # "title:" would be an FTS5 column filter; here it is just the word "title".
    assert names(corpus, "title:rollback") == set()
    assert names(corpus, "(deploy)") == names(corpus, "deploy")
    assert names(corpus, "^deploy") == names(corpus, "deploy")
    assert names(corpus, "deploy AND release") == {"rollback"}
    assert names(corpus, "OR deploy OR") == names(corpus, "deploy")
    assert names(corpus, "*") == set(CORPUS)  # nothing to search for: everything, newest first


def test_parse_query_shapes() -> None:
    parsed = parse_query('a OR b c -"d e" tag:X kind:note roll*')
    assert parsed.match == '("a" OR "b") AND "c" AND "roll"*'
    assert parsed.exclude == '"d e"'
    assert parsed.fts == '(("a" OR "b") AND "c" AND "roll"*) NOT ("d e")'
    assert parsed.tags == ("x",) and parsed.kinds == ("note",)
    assert [p.tokens for p in parsed.phrases] == [("a",), ("b",), ("c",), ("roll",)]
    assert parse_query("复盘*").match == '"复盘"'
    assert parse_query('say "he said ""hi"""').match is not None
    empty = parse_query("  tag:ops ")
    assert empty.match is None and empty.exclude is None


# -- tests that write: a vault each ---------------------------------------------


def test_title_match_ranks_above_body_match(vault: Vault, clock: FakeClock) -> None:
    title_hit = vault.entries.add("note", "Onboarding checklist", "Things to prepare.")
    clock.advance(10)
    vault.entries.add("note", "Week one", "The onboarding plan covers onboarding of new staff.")
    clock.advance(10)
    vault.entries.add("note", "Unrelated", "Nothing here.")
    hits = Search(vault.db).search("onboarding")
    assert len(hits) == 2
    assert hits[0].id == title_hit.id
    assert hits[0].score < hits[1].score


def test_ties_break_by_most_recently_updated(vault: Vault, clock: FakeClock) -> None:
    older = vault.entries.add("note", "Same", "alpha")
    clock.advance(10)
    newer = vault.entries.add("note", "Same", "alpha")
    hits = Search(vault.db).search("alpha")
    assert [h.id for h in hits] == [newer.id, older.id]
    assert hits[0].score == hits[1].score
    # Updated, not added: the first one written is now the most recent, with or without a filter,
    # on one page or two.
    clock.advance(10)
    vault.entries.update(older.id, private=True)
    search = Search(vault.db)
    assert [h.id for h in search.search("alpha")] == [older.id, newer.id]
    assert [h.id for h in search.search("alpha", kind="note")] == [older.id, newer.id]
    assert [h.id for o in (0, 1) for h in search.search("alpha", limit=1, offset=o)] == [older.id, newer.id]
    # A better score still comes first, however old.
    best = vault.entries.add("note", "Alpha", "alpha alpha")
    assert search.search("alpha")[0].id == best.id


def test_empty_query_lists_recent_entries(vault: Vault, clock: FakeClock) -> None:
    first = vault.entries.add("note", "First", "a", tags=["x"])
    clock.advance(10)
    second = vault.entries.add("decision", "Second", "b", tags=["x"])
    clock.advance(10)
    vault.entries.update(first.id, body="changed")
    search = Search(vault.db)
    assert [h.id for h in search.search("")] == [first.id, second.id]
    assert [h.id for h in search.search("", kind="decision")] == [second.id]
    assert [h.id for h in search.search("tag:x", limit=1, offset=1)] == [second.id]
    assert search.count("   ") == 2
    assert search.search("")[0].snippet == "changed"


def test_trash_is_never_searched(vault: Vault) -> None:
    entry = vault.entries.add("note", "Temporary", "ephemeral words")
    search = Search(vault.db)
    assert search.count("ephemeral") == 1
    vault.entries.trash(entry.id)
    assert search.search("ephemeral") == []
    assert search.count("ephemeral") == 0
    assert search.search("") == []
    assert search.search("-nothing") == []
    vault.entries.untrash(entry.id)
    assert [h.id for h in search.search("ephemeral")] == [entry.id]


def test_edited_entry_is_found_by_new_text_only(vault: Vault) -> None:
    entry = vault.entries.add("note", "Vendor", "We use Zephyr for billing.", tags=["old"])
    vault.entries.update(entry.id, body="We moved to Quasar for billing.", tags=["new"])
    search = Search(vault.db)
    assert search.search("zephyr") == []
    assert search.search("tag:old") == []
    assert [h.id for h in search.search("quasar tag:new")] == [entry.id]
    assert [h.id for h in search.search("billing")] == [entry.id]


def test_many_matches_rank_the_most_recent(
    vault: Vault, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Five entries match; with a limit of 3 only the 3 most recently updated are ranked.
    made = []
    for title in ["Lantern", "Other one", "Lantern room", "Another", "Notes"]:
        clock.advance(10)
        made.append(vault.entries.add("note", title, "lantern " + title).id)
    oldest_title, old, title_a, plain_b, newest = made
    search = Search(vault.db)
    assert search.search("lantern")[0].id == oldest_title  # ranking everything: title match first
    monkeypatch.setattr(search_module, "RANK_LIMIT", 3)
    ranked = [h.id for h in search.search("lantern")]
    assert ranked[0] == title_a  # the title match among the 3 most recent
    assert set(ranked[:3]) == {title_a, plain_b, newest}
    assert ranked[3:] == [old, oldest_title]  # the rest, most recent first
    pages = [h.id for o in range(0, 5, 2) for h in search.search("lantern", limit=2, offset=o)]
    assert pages == ranked
    # A filter that every match passes changes nothing; one that leaves three out ranks the rest.
    assert [h.id for h in search.search("lantern", kind="note")] == ranked
    assert [h.id for h in search.search("lantern -title")] == ranked
    vault.entries.update(old, kind="decision")
    assert [h.id for h in search.search("lantern", kind="decision")] == [old]
    assert [h.id for h in search.search("lantern -kind:decision")] == [h for h in ranked if h != old]
    assert search.count("lantern", kind="note") == 4
    assert search.count("lantern") == 5
    assert all(h.score < 0 for h in search.search("lantern"))
    # Filters apply before the limit: two matches left, both ranked.
    vault.entries.trash(newest)
    vault.entries.trash(plain_b)
    vault.entries.trash(title_a)
    assert [h.id for h in search.search("lantern")] == [oldest_title, old]
    assert search.count("lantern") == 2


def test_paging(vault: Vault, clock: FakeClock) -> None:
    for i in range(5):
        clock.advance(1)
        vault.entries.add("note", f"Item {i}", "common")
    search = Search(vault.db)
    pages = [h.title for h in search.search("common", limit=2, offset=2)]
    assert pages == ["Item 2", "Item 1"]
    assert search.search("common", limit=0) == []
    with pytest.raises(InvalidValue):
        search.search("common", limit=-1)


# -- snippets ------------------------------------------------------------------


def test_snippet_window_and_highlights(vault: Vault) -> None:
    middle = "The   Rollback\n\nplan: roll back ROLLBACK fast. "
    body = "Intro words here. " * 20 + middle + "Tail text. " * 30
    entry = vault.entries.add("note", "Plan", body, tags=["Ops"])
    [hit] = Search(vault.db).search("rollback")
    assert hit == Hit(
        hit.id, "note", "Plan", ("Ops",), entry.updated_at, hit.snippet, hit.highlights, hit.score
    )
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert 120 <= len(hit.snippet) <= 185
    assert "  " not in hit.snippet and "\n" not in hit.snippet
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["Rollback", "ROLLBACK"]
    assert "The **Rollback** plan: roll back **ROLLBACK** fast." in hit.marked()
    assert "<b>Rollback</b>" in hit.marked("<b>", "</b>")
    # The cut ends fall between words.
    inner = hit.snippet.strip("…")
    assert body.replace("\n\n", " ").replace("   ", " ").find(inner) >= 0
    assert inner.split()[0] in {"Intro", "words", "here."}
    assert inner.split()[-1] in {"Tail", "text."}


def test_snippet_falls_back_to_body_start(vault: Vault) -> None:
    vault.entries.add("note", "Zebra crossing", "Look both ways. " * 30)
    [hit] = Search(vault.db).search("zebra")
    assert hit.snippet.startswith("Look both ways.") and hit.snippet.endswith("…")
    assert hit.highlights == ()
    assert hit.marked() == hit.snippet


def test_snippet_highlights_prefixes_phrases_and_folded_text() -> None:
    phrases = parse_query('roll* "blue green" cafe').phrases
    text, spans = make_snippet("enroll, Rolling; blue  green; Green blue; CAFÉ", phrases)
    assert text == "enroll, Rolling; blue green; Green blue; CAFÉ"
    assert [text[s:e] for s, e in spans] == ["Rolling", "blue green", "CAFÉ"]


def test_snippet_maps_folded_text_back_to_the_original() -> None:
    # ß folds to "ss" and a separate accent folds to nothing: offsets must still line up.
    body = "Die Straße zum Cafe\u0301 und ﬁnal STRASSE"
    text, spans = make_snippet(body, parse_query("straße café final").phrases)
    assert [text[s:e] for s, e in spans] == ["Straße", "Cafe\u0301", "ﬁnal", "STRASSE"]


def test_snippet_of_a_long_body_finds_a_match_across_a_chunk_cut() -> None:
    # Bodies over 64 KiB are searched in pieces; this phrase straddles the first cut.
    body = "x " * 32765 + "blue green" + " y" * 50000
    assert body.index("blue green") < 65536 < body.index("blue green") + 10
    text, spans = make_snippet(body, parse_query('"blue green"').phrases)
    assert text.startswith("…") and text.endswith("…") and len(text) < 200
    assert [text[s:e] for s, e in spans] == ["blue green"]


def test_snippet_chinese_needs_adjacent_characters() -> None:
    phrases = parse_query("复盘").phrases
    text, spans = make_snippet("复 盘不算，复盘才算。", phrases)
    assert [text[s:e] for s, e in spans] == ["复盘"]
    text, spans = make_snippet("ＡＰＩ接口与API接口", parse_query("api接口").phrases)
    assert [text[s:e] for s, e in spans] == ["ＡＰＩ接口", "API接口"]


def test_snippet_of_long_chinese_text_is_centred_on_the_match() -> None:
    body = "甲" * 500 + "我们做复盘" + "乙" * 500
    text, spans = make_snippet(body, parse_query("复盘").phrases)
    assert text.startswith("…") and text.endswith("…")
    assert len(text) == 162
    [(s, e)] = spans
    assert text[s:e] == "复盘" and 30 < s < 60


# -- arbitrary input -----------------------------------------------------------

PIECES = [
    '"',
    "-",
    "*",
    "(",
    ")",
    ":",
    "^",
    " ",
    " OR ",
    " AND ",
    " NOT ",
    "NEAR",
    "tag:",
    "kind:",
    "kind:note",
    "deploy",
    "复盘",
    "接口",
    "é",
    "\\",
    "'",
    "{",
    "}",
    "+",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.text(max_size=40)
    | st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=10).map("".join)
)
def test_any_text_is_safe(corpus: tuple[Search, dict[str, str]], query: str) -> None:
    search, _ = corpus
    try:
        parse_query(query)
        hits = search.search(query)
        count = search.count(query)
    except InvalidValue:
        assert "kind:" in query.lower()  # the one refusal: an unknown kind
        return
    assert len(hits) <= count
    for hit in hits:
        assert all(0 <= s < e <= len(hit.snippet) for s, e in hit.highlights)
