"""Full-text search: the query language, ranked FTS5 queries, snippets.

The query language is the one people know from notes apps::

    deploy rollback        both words (AND)
    deploy OR release ci   (deploy OR release) AND ci; OR binds tighter than AND
    "blue green"           a phrase;  -word, -"a phrase"  exclude
    roll*                  words starting with "roll"
    tag:ops  kind:decision filters; several tags must all be present, several
                           kinds mean any of them; -tag:x, -kind:y exclude
    AND (ignored, it is implicit), NOT x (same as -x)

A query of exclusions only lists every live entry except those; a query of
filters only (or nothing) lists matching entries, most recently updated
first. Matching is case-insensitive and folds diacritics and full-width forms
(``café`` finds ``cafe``, ``ＡＰＩ`` finds ``API``). Trashed entries are never
returned.

Ranking: bm25, with the title weighted above the body above the tags above
the title's pinyin (``WEIGHTS``), ties broken by most recently updated.
Scoring costs about 10 µs per matching entry inside SQLCipher, so when more
than ``RANK_LIMIT`` entries match (a common word), only the ``RANK_LIMIT``
most recently added matches are ranked, and the older matches follow them,
most recently added first; for a word in that many entries bm25 tells little
anyway; ties among them go to the most recently added. "Recently added" is
the highest rowid, the order FTS5 reads its matches in backwards, so
nothing is sorted or gathered beforehand: the most recently updated, as
this was first, cost a set of every match checked against the recency
index (40 to 100 ms at 50,000 entries, against 4 to 9).
Paging and ``count`` stay exact. A search with words reads the index alone
(FTS5 finds the matches, the indexes of ``entries`` and ``entry_tags`` leave
out the trash and apply a kind or tag, bm25 scores them) and an entry's row
only for the hits on the page: each row read is a page decrypted.

Safety: the user's text never reaches FTS5 as syntax. Every term is cut into
tokens here, and each phrase handed to FTS5 is built from those tokens only
(letters and digits) inside double quotes, so quotes, parentheses, colons,
``^``, ``*``, ``NEAR`` or a lone ``OR`` cannot produce a syntax error or a
column filter. The only exception a query can raise is ``InvalidValue`` for
an unknown ``kind:``.

Chinese, Japanese and Korean (see ``vault.knowledge.textindex``): the index
holds each run of CJK characters as its overlapping pairs, so a query's CJK
run becomes the FTS5 phrase of its pairs (``复盘`` → ``"复盘"``, one token;
``复盘会议`` → ``"复盘 盘会 会议"``), which matches only inside one unbroken
run: never across punctuation, a line break or a space. One character is
looked up among the characters indexed alone. Mixed words are split at
script boundaries: ``API接口`` means ``"API" AND "接口"``. A ``*`` after
CJK text is dropped. The limit: there is no word segmentation, so ``复盘``
also matches inside ``反复盘点`` ("repeatedly take stock"), where the two
characters belong to different words.

Phrases (quoted, or a word with punctuation inside such as ``e.g``) never
match across a sentence end or a blank line: the index has a barrier token
there. Words apart (``green deploy``) still find entries with the words in
different sentences.

Pinyin: a title is also found by the pinyin of its Chinese (``fp`` or
``fupan`` finds 复盘; ``vault.knowledge.titlekeys``), from a fourth column
with the lowest weight. Aliases kept in an imported note's front matter are
searched with its title.

As you type: ``last_word_prefix`` (the app's search boxes) reads the last
word as a prefix until a space follows it, so ``c``, ``ch``, ``che`` find
``cheap``; the command line reads words whole unless they end in ``*``.

Snippets: the index is contentless, so FTS5's ``snippet()`` and
``highlight()`` are unavailable. They are built here from the body of each
hit on the requested page only, as plain text (Markdown markup dropped,
``vault.knowledge.markdown_text``), around the first occurrence of a
searched term, with spans for every occurrence in the window. Python
matching folds text (NFKC, casefold, diacritics) the way the index does;
where the two could disagree (rare scripts, unusual Unicode), only a
highlight is affected, never which entries are found.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from knowhold.vault.errors import InvalidValue
from knowhold.vault.knowledge.entries import check_kind, normalise_tag
from knowhold.vault.knowledge.markdown_text import plain
from knowhold.vault.knowledge.textindex import BARRIER, BREAK, CJK_CLASS, pair_runs, prepared
from knowhold.vault.knowledge.titlekeys import pinyin_spans
from knowhold.vault.store.db import Database

# bm25 weights for the FTS columns (title and aliases, body, tags, pinyin of the title).
WEIGHTS = (10.0, 2.0, 1.0, 0.5)
SNIPPET_CHARS = 160
SNIPPET_LEAD = 40  # characters of context kept before the first match
MAX_TERMS = 32  # longer queries are cut: each term costs an index lookup
RANK_LIMIT = 1000  # at most this many matches are scored by bm25 (see _page)

# Half-width katakana become full-width (CJK) under NFKC, so count them too.
_CJK = CJK_CLASS + "\uff65-\uff9f"
_CJK_SPLIT = re.compile(f"([{_CJK}]+)")
_CJK_ONE = re.compile(f"[{_CJK}]")
# A token as unicode61 sees one after textindex: letters and digits (with
# their combining accents), or a single CJK character. Used on query terms.
_TOKEN = re.compile(f"[{_CJK}]|(?:[^\\W_{_CJK}]|[\u0300-\u036f])+")
# The same over index text (textindex.pair_runs): a barrier, a CJK pair or a lone character.
_INDEX_TOKEN = re.compile(f"{BARRIER}|[{_CJK}]{{1,2}}|(?:[^\\W_{_CJK}]|[\u0300-\u036f])+")
_ACCENTS = re.compile("[\u0300-\u036f]+")
_QUERY_ITEM = re.compile(r'(?P<neg>-?)(?:"(?P<phrase>[^"]*)(?:"|\Z)(?P<star>\**)|(?P<word>[^\s"]+))')
_FILTER = re.compile(r"(tag|kind):(.*)", re.IGNORECASE | re.DOTALL)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case, width and accent folding, as the index compares text."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    return unicodedata.normalize("NFC", _ACCENTS.sub("", text))


@dataclass(frozen=True, slots=True)
class Phrase:
    """Tokens that must appear next to each other; the last may be a prefix."""

    tokens: tuple[str, ...]  # folded words and single CJK characters, for matching in Python
    prefix: bool
    fts: str  # the same phrase for FTS5: quoted index tokens, or several ANDed in parentheses

    @classmethod
    def of(cls, text: str, prefix: bool = False) -> Phrase | None:
        text = prepared(text)
        # A lone combining accent is a token that folds to nothing: no phrase at all.
        surface = [t for t in _TOKEN.findall(text) if fold(t)]
        if not surface:
            return None
        prefix = prefix and not _CJK_ONE.fullmatch(surface[-1])
        parts = _parts(_INDEX_TOKEN.findall(pair_runs(text)))
        if not parts:
            return None
        # Tokens are letters and digits only; doubling quotes is a second line of defence.
        quoted = ['"' + " ".join(p).replace('"', '""') + '"' for p in parts]
        if prefix:
            quoted[-1] += "*"
        fts = quoted[0] if len(quoted) == 1 else "(" + " AND ".join(quoted) + ")"
        return cls(tuple(fold(t) for t in surface), prefix, fts)


def _parts(tokens: Sequence[str]) -> list[list[str]]:
    """Index tokens cut into the phrases FTS5 can match, never empty.

    A run of one CJK character is a token of its own in the text only where
    it stands alone; inside a longer run it is found among the lone
    characters written after the text (``vault.knowledge.textindex``), apart
    from its neighbours. So in a phrase of several tokens it is looked for
    on its own, and the phrase is cut there: a few more hits, none lost.
    Barriers at the ends mean nothing.
    """
    parts: list[list[str]] = [[]]
    for token in tokens:
        if len(tokens) > 1 and _CJK_ONE.fullmatch(token):
            parts += [[token], []]
        else:
            parts[-1].append(token)
    trimmed = [_trim(p) for p in parts]
    return [p for p in trimmed if p and any(fold(t) for t in p)]


def _trim(tokens: list[str]) -> list[str]:
    start, end = 0, len(tokens)
    while start < end and tokens[start] == BARRIER:
        start += 1
    while end > start and tokens[end - 1] == BARRIER:
        end -= 1
    return tokens[start:end]


Alternative = tuple[Phrase, ...]  # phrases that must all match


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query taken apart: FTS5 expressions built only from quoted tokens, and filters."""

    match: str | None  # FTS5 expression a hit must match; None: no text terms
    exclude: str | None  # FTS5 expression a hit must not match
    kinds: tuple[str, ...]  # any of these; empty: any kind
    not_kinds: tuple[str, ...]
    tags: tuple[str, ...]  # all of these
    not_tags: tuple[str, ...]
    phrases: tuple[Phrase, ...]  # the positive phrases, for highlighting

    @property
    def fts(self) -> str | None:
        if self.match is None:
            return None
        return self.match if self.exclude is None else f"({self.match}) NOT ({self.exclude})"


def _term(text: str, prefix: bool) -> Alternative:
    """A bare word: its CJK runs and the text between them are separate phrases."""
    pieces = [p for p in _CJK_SPLIT.split(unicodedata.normalize("NFKC", text)) if _TOKEN.search(p)]
    phrases = [Phrase.of(p, prefix and i == len(pieces) - 1) for i, p in enumerate(pieces)]
    return tuple(p for p in phrases if p is not None)


def _expr(alternatives: Sequence[Alternative]) -> str:
    parts = [" AND ".join(p.fts for p in alt) for alt in alternatives]
    if len(parts) == 1:
        return parts[0]
    return " OR ".join(f"({p})" if len(alt) > 1 else p for p, alt in zip(parts, alternatives, strict=True))


def _tag_value(value: str) -> str:
    try:
        return normalise_tag(value)
    except InvalidValue:
        return value.strip().lower()  # no stored tag looks like this: the filter matches nothing


def parse_query(query: str, *, last_word_prefix: bool = False) -> ParsedQuery:
    """Read a search box query; raises ``InvalidValue`` only for an unknown kind.

    ``last_word_prefix``: the query is being typed, so its last word, unless
    a space follows it, is a prefix (``che`` finds ``cheap``), as is the last
    word of a phrase whose closing quote is still to come. A word already
    followed by a space, a closed phrase, an excluded word and a filter are
    read as they are.
    """
    query = query.encode("utf-8", "replace").decode("utf-8")  # lone surrogates
    typing = last_word_prefix and bool(query) and not query[-1].isspace()
    groups: list[list[Alternative]] = []  # AND of ORs
    negatives: list[Alternative] = []
    kinds: list[str] = []
    not_kinds: list[str] = []
    tags: list[str] = []
    not_tags: list[str] = []
    join_or = False  # the previous item was OR, after a positive term
    negate_next = False  # the previous item was NOT
    terms = 0
    for item in _QUERY_ITEM.finditer(query):
        negated = bool(item["neg"]) or negate_next
        negate_next = False
        word = item["word"]
        if word is not None and not item["neg"]:
            if word == "OR":
                join_or = bool(groups)
                continue
            if word == "AND":
                continue
            if word == "NOT":
                negate_next = True
                join_or = False
                continue
        if word is not None and (found := _FILTER.fullmatch(word)):
            key, value = found[1].lower(), found[2]
            join_or = False
            if not value.strip():
                continue
            if key == "kind":
                (not_kinds if negated else kinds).append(check_kind(value.strip().lower()))
            else:
                (not_tags if negated else tags).append(_tag_value(value))
            continue
        unfinished = typing and item.end() == len(query) and not negated and not item.group().endswith('"')
        if word is None:
            alternative = tuple(p for p in [Phrase.of(item["phrase"], bool(item["star"]) or unfinished)] if p)
        else:
            stripped = word.rstrip("*")
            alternative = _term(stripped, prefix=len(stripped) < len(word) or unfinished)
        if not alternative:
            continue  # punctuation only: nothing to search for
        terms += 1
        if terms > MAX_TERMS:
            continue  # filters after the limit still count
        if negated:
            negatives.append(alternative)
            join_or = False
        elif join_or:
            groups[-1].append(alternative)
            join_or = False
        else:
            groups.append([alternative])
    match = " AND ".join(f"({_expr(g)})" if len(g) > 1 else _expr(g) for g in groups) or None
    phrases = dict.fromkeys(p for g in groups for alt in g for p in alt)
    return ParsedQuery(
        match=match,
        exclude=_expr(negatives) if negatives else None,
        kinds=tuple(dict.fromkeys(kinds)),
        not_kinds=tuple(dict.fromkeys(not_kinds)),
        tags=tuple(dict.fromkeys(tags)),
        not_tags=tuple(dict.fromkeys(not_tags)),
        phrases=tuple(phrases),
    )


# -- snippets -------------------------------------------------------------------

_WORD = f"[^\\W_{_CJK}]"  # a character of a non-CJK token, in folded text
_CHUNK = 65536  # bodies longer than this are searched for the first match in pieces
_OVERLAP = 1024
_SCAN_LIMIT = 1 << 20  # a first match further into a body is not looked for
_NUL = "\x00"  # never in a body (entries refuses it), so free to mean "not one-to-one"


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table folding each character to exactly one, filled lazily."""

    def __missing__(self, code: int) -> str:
        folded = fold(chr(code))
        self[code] = value = folded if len(folded) == 1 else _NUL
        return value


_FOLD_TABLE = _FoldTable()


def _fold_with_origins(text: str) -> tuple[str, list[int] | None]:
    """``text`` folded, and where in ``text`` each folded character comes from.

    The origins are None when folding kept every character in place, which it
    does (in C, through ``translate``) for text without ß, ligatures or
    separate combining accents.
    """
    if text.isascii():
        return text.lower(), None
    folded = text.translate(_FOLD_TABLE)
    if _NUL not in folded:
        return folded, None
    # Only the few characters marked NUL need their own fold and a shifted map.
    parts: list[str] = []
    origins: list[int] = []
    last = 0
    for i in (m.start() for m in re.finditer(_NUL, folded)):
        parts += [folded[last:i], fold(text[i])]
        origins += range(last, i)
        origins += [i] * len(parts[-1])
        last = i + 1
    parts.append(folded[last:])
    origins += range(last, len(text))
    return "".join(parts), origins


@lru_cache(maxsize=512)
def _pattern(phrase: Phrase) -> re.Pattern[str]:
    """A regex finding ``phrase`` in folded text, as FTS5 would match it."""
    out: list[str] = []
    last = len(phrase.tokens) - 1
    for i, token in enumerate(phrase.tokens):
        cjk = bool(_CJK_ONE.fullmatch(token))
        before = bool(i) and bool(_CJK_ONE.fullmatch(phrase.tokens[i - 1]))
        if i and not (cjk and before):  # CJK characters of a phrase must touch
            out.append("[\\W_]*" if cjk or before else "[\\W_]+")
        out.append(re.escape(token))
        if i == 0 and not cjk:
            # "Not inside a word", checked after the literal so the search can skip ahead fast.
            out.append(f"(?<!{_WORD}.{{{len(token)}}})")
        if phrase.prefix and i == last:
            out.append(f"{_WORD}*")  # highlight the whole word the prefix starts
        elif not cjk:
            out.append(f"(?!{_WORD})")
    return re.compile("".join(out), re.DOTALL)


def _occurrences(text: str, phrases: Sequence[Phrase]) -> list[tuple[int, int]]:
    """Spans in ``text`` of every occurrence of every phrase, sorted."""
    if not phrases:
        return []
    folded, origins = _fold_with_origins(text)
    if origins is not None:
        origins.append(len(text))
    spans = []
    for phrase in phrases:
        for m in _pattern(phrase).finditer(folded):
            start, end = m.span()
            if BREAK.search(folded, start, end):
                continue  # across a sentence end or a paragraph: FTS5 did not match it there
            if origins is not None:  # the end takes in accents that folded to nothing
                start, end = origins[start], max(origins[end - 1] + 1, origins[end])
            spans.append((start, end))
    spans.sort()
    return spans


def _wordish(ch: str) -> bool:
    return ch.isalnum() and not _CJK_ONE.match(ch)


def _is_boundary(text: str, i: int) -> bool:
    return i <= 0 or i >= len(text) or not (_wordish(text[i - 1]) and _wordish(text[i]))


def _snap_start(text: str, pos: int, limit: int) -> int:
    if _is_boundary(text, pos):
        return pos
    space = text.find(" ", pos, limit)
    return space + 1 if space >= 0 else limit


def _snap_end(text: str, pos: int, floor: int) -> int:
    if _is_boundary(text, pos):
        return pos
    space = text.rfind(" ", floor, pos)
    if space > floor:
        return space
    ahead = text.find(" ", pos, pos + 20)
    return ahead if ahead >= 0 else pos


def _first_occurrence(body: str, phrases: Sequence[Phrase]) -> int | None:
    """Where the first phrase occurrence starts, reading a long body in chunks."""
    for pos in range(0, min(len(body), _SCAN_LIMIT), _CHUNK):
        # Overlaps on both sides let a match across a cut, and the word before it, be seen.
        base = max(0, pos - _OVERLAP)
        for start, _ in _occurrences(body[base : pos + _CHUNK + _OVERLAP], phrases):
            if start + base >= pos:
                return start + base
    return None


_OPEN, _CLOSE = "\x01", "\x02"  # never in a body (entries refuses control characters)
_MARK = re.compile("[\x01\x02]")


def _merged(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with those that overlap or touch made one."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def title_spans(title: str, phrases: Sequence[Phrase]) -> tuple[tuple[int, int], ...]:
    """Highlight spans in a hit's title: the phrases as in a snippet, and a word found by pinyin."""
    spans = _occurrences(title, phrases)
    for phrase in phrases:
        if len(phrase.tokens) == 1:
            spans += pinyin_spans(title, phrase.tokens[0], phrase.prefix)
    return tuple(_merged(sorted(spans)))


def _collapsed(text: str, spans: Sequence[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each run of spaces and line breaks made one space, and ``spans`` moved along.

    Overlapping spans are merged. Each span is marked in the text by two
    characters a body cannot hold, which go through the collapsing as they
    are and are then read back as positions.
    """
    merged = _merged(spans)
    pieces: list[str] = []
    last = 0
    for start, end in merged:
        pieces += [text[last:start], _OPEN, text[start:end], _CLOSE]
        last = end
    pieces.append(text[last:])
    marked = " ".join("".join(pieces).split())
    moved: list[tuple[int, int]] = []
    opened = 0
    for i, m in enumerate(_MARK.finditer(marked)):
        if m.group() == _OPEN:
            opened = m.start() - i
        else:
            moved.append((opened, m.start() - i))
    return _MARK.sub("", marked), moved


def make_snippet(
    body: str, phrases: Sequence[Phrase], size: int = SNIPPET_CHARS
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About ``size`` characters of ``body`` as plain text around the first match, and highlight spans."""
    cut_head = cut_tail = False
    if len(body) > 4 * size:
        # Only a region around the first match is made plain, folded and
        # searched: a megabyte body costs one pass of finding, and a page of
        # hits a few hundred characters each of Markdown stripping.
        at = _first_occurrence(body, phrases) if phrases else None
        head = 0 if at is None else max(0, at - 2 * size)
        cut_head, cut_tail = head > 0, head + 4 * size < len(body)
        body = body[head : head + 4 * size]
    # Matches are found before spaces are collapsed, so a blank line still stops a phrase.
    body = plain(_MARK.sub("", body))
    text, found = _collapsed(body, _occurrences(body, phrases))
    if found:
        first = found[0]
        start = max(0, min(first[0] - SNIPPET_LEAD, len(text) - size))
        start = _snap_start(text, start, first[0])
        end = _snap_end(text, min(len(text), start + size), first[1])
    else:
        start, end = 0, _snap_end(text, min(len(text), size), 0)
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    lead = "…" if start > 0 or cut_head else ""
    snippet = lead + text[start:end] + ("…" if end < len(text) or cut_tail else "")
    shift = len(lead) - start
    shown = [(max(s, start) + shift, min(e, end) + shift) for s, e in found if s < end and e > start]
    return snippet, tuple(_merged(shown))


# -- searching ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    kind: str
    title: str
    tags: tuple[str, ...]
    updated_at: int
    snippet: str  # plain text
    highlights: tuple[tuple[int, int], ...]  # spans in snippet
    score: float  # lower is better (bm25); 0.0 when no words were searched for
    title_highlights: tuple[tuple[int, int], ...] = ()  # spans in title

    def marked(self, open: str = "**", close: str = "**") -> str:
        parts: list[str] = []
        last = 0
        for start, end in self.highlights:
            parts += [self.snippet[last:start], open, self.snippet[start:end], close]
            last = end
        parts.append(self.snippet[last:])
        return "".join(parts)


_TAGGED = "e.rowid IN (SELECT entry_rowid FROM entry_tags WHERE tag = ?)"
_BM25 = "bm25(entries_fts, {}, {}, {}, {})".format(*WEIGHTS)
_NOT_IN_FTS = "+e.rowid NOT IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)"
_RECENT = "ORDER BY e.updated_at DESC, e.rowid DESC"
# Conditions on the index's own rowid, each answered from an index of
# entries or entry_tags, never an entry's row. The "+" keeps SQLite from
# pushing an IN into FTS5 as one look-up per rowid.
_LIVE = "rowid NOT IN (SELECT rowid FROM entries INDEXED BY entries_updated WHERE deleted_at IS NOT NULL)"
_OF_KIND = "+rowid {}IN (SELECT rowid FROM entries WHERE deleted_at IS NULL AND kind IN ({}))"
_HAS_TAG = "+rowid {}IN (SELECT entry_rowid FROM entry_tags WHERE tag = ?)"


@dataclass(frozen=True, slots=True)
class _Filter:
    """The filters as conditions, in two forms that take the same arguments."""

    indexed: str  # on ``entries e``, for scans in updated_at order: only indexes are read
    matched: str  # on ``entries_fts``'s rowid, for its matches: only indexes are read
    args: tuple[object, ...]


class Search:
    """Ranked search over live entries; see the module docstring for the language."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def _filter(self, parsed: ParsedQuery, kind: str | None, tag: str | None) -> _Filter | None:
        """Conditions for the filters; None when they exclude everything."""
        kinds = set(parsed.kinds)
        if kind is not None:
            wanted = check_kind(kind.strip().lower())
            kinds = {wanted} if not kinds or wanted in kinds else set()
            if not kinds:
                return None
        indexed, matched = "e.deleted_at IS NULL", _LIVE
        args: list[object] = []
        for chosen, negate in ((sorted(kinds), ""), (parsed.not_kinds, "NOT ")):
            if chosen:
                marks = ",".join("?" * len(chosen))
                indexed += f" AND +e.rowid {negate}IN (SELECT rowid FROM entries WHERE kind IN ({marks}))"
                matched += " AND " + _OF_KIND.format(negate, marks)
                args += chosen
        tags = (*parsed.tags, *([normalise_tag(tag)] if tag is not None else []))
        for chosen, negate in ((tags, ""), (parsed.not_tags, "NOT ")):
            for t in chosen:
                indexed += f" AND {negate}{_TAGGED}"
                matched += " AND " + _HAS_TAG.format(negate)
                args.append(t)
        return _Filter(indexed, matched, tuple(args))

    def _page(self, parsed: ParsedQuery, f: _Filter, limit: int, offset: int) -> list[tuple[int, float]]:
        """(rowid, score) of the hits on one page, in order.

        With words, the index alone answers: its matches, the filters
        (indexes of entries and entry_tags), bm25. Reading each match's row
        in ``entries`` to filter and order it was most of a search's time (a
        page decrypted per match: 900 matches took 22 ms where the index and
        bm25 take 10, and a kind or tag doubled it). The matches come most
        recently added first, and at most RANK_LIMIT + 1 of them are read,
        which says whether they are all there.
        """
        conn = self._db.conn
        fts = parsed.fts
        if fts is None:
            extra, args = "", list(f.args)
            if parsed.exclude is not None:
                extra, args = " AND " + _NOT_IN_FTS, [*args, parsed.exclude]
            sql = f"SELECT e.rowid FROM entries e WHERE {f.indexed}{extra} {_RECENT} LIMIT ? OFFSET ?"
            return [(r, 0.0) for (r,) in conn.execute(sql, (*args, limit, offset))]
        sql = (
            f"SELECT rowid, {_BM25} FROM entries_fts WHERE entries_fts MATCH ? AND {f.matched} "
            "ORDER BY rowid DESC LIMIT ? OFFSET ?"
        )
        recent = conn.execute(sql, (fts, *f.args, RANK_LIMIT + 1, 0)).fetchall()
        if len(recent) > RANK_LIMIT:
            # Too many matches to score them all quickly: rank the RANK_LIMIT
            # most recently added ones; older matches follow, most recently added first.
            ranked = heapq.nsmallest(offset + limit, recent[:RANK_LIMIT], key=lambda r: (r[1], -r[0]))
            page = [(r, float(score)) for r, score in ranked[offset : offset + limit]]
            if len(page) < limit:
                older = conn.execute(sql, (fts, *f.args, limit - len(page), max(RANK_LIMIT, offset)))
                page += [(r, float(score)) for r, score in older]
            return page
        # Every match is here: best score first, then most recently updated,
        # read only for the rows that could be on this page (those scoring no
        # worse than its last).
        best = heapq.nsmallest(offset + limit, recent, key=lambda r: r[1])
        if not best:
            return []
        candidates = [r for r in recent if r[1] <= best[-1][1]]
        marks = ",".join("?" * len(candidates))
        updated = dict(
            conn.execute(
                f"SELECT rowid, updated_at FROM entries WHERE rowid IN ({marks})", [r for r, _ in candidates]
            )
        )
        candidates.sort(key=lambda r: (r[1], -updated[r[0]], -r[0]))
        return [(r, float(score)) for r, score in candidates[offset : offset + limit]]

    def search(
        self,
        query: str,
        *,
        kind: str | None = None,
        tag: str | None = None,
        limit: int = 20,
        offset: int = 0,
        last_word_prefix: bool = False,
    ) -> list[Hit]:
        """A page of hits, best first; ``last_word_prefix`` as in ``parse_query`` (a search box)."""
        if limit < 0 or offset < 0:
            raise InvalidValue("The limit and offset must not be negative.")
        parsed = parse_query(query, last_word_prefix=last_word_prefix)
        f = self._filter(parsed, kind, tag)
        if f is None or limit == 0:
            return []
        page = self._page(parsed, f, limit, offset)
        if not page:
            return []
        # Bodies and tags for this page only: a body can be megabytes.
        conn = self._db.conn
        rowids = [r for r, _ in page]
        marks = ",".join("?" * len(rowids))
        rows = {
            row[0]: row[1:]
            for row in conn.execute(
                f"SELECT rowid, id, kind, title, updated_at, body FROM entries WHERE rowid IN ({marks})",
                rowids,
            )
        }
        tags: dict[int, list[str]] = {r: [] for r in rowids}
        for rowid, t in conn.execute(
            f"SELECT entry_rowid, shown FROM entry_tags WHERE entry_rowid IN ({marks}) ORDER BY tag", rowids
        ):
            tags[rowid].append(t)
        hits = []
        for rowid, score in page:
            eid, ekind, title, updated, body = rows[rowid]
            snippet, spans = make_snippet(body, parsed.phrases)
            in_title = title_spans(title, parsed.phrases)
            hits.append(Hit(eid, ekind, title, tuple(tags[rowid]), updated, snippet, spans, score, in_title))
        return hits

    def count(
        self, query: str, *, kind: str | None = None, tag: str | None = None, last_word_prefix: bool = False
    ) -> int:
        """How many entries ``search`` would return without a limit."""
        parsed = parse_query(query, last_word_prefix=last_word_prefix)
        f = self._filter(parsed, kind, tag)
        if f is None:
            return 0
        if parsed.fts is None:
            extra, args = "", f.args
            if parsed.exclude is not None:
                extra, args = " AND " + _NOT_IN_FTS, (*f.args, parsed.exclude)
            sql = f"SELECT count(*) FROM entries e WHERE {f.indexed}{extra}"
        else:
            sql = f"SELECT count(*) FROM entries_fts WHERE entries_fts MATCH ? AND {f.matched}"
            args = (parsed.fts, *f.args)
        return int(self._db.conn.execute(sql, args).fetchone()[0])
