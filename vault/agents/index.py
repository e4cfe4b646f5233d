"""Searching licensed entries with the app's query language, in memory.

The worker's own entries are found through the vault's FTS5 index; licensed
entries have none, since their text is kept only as the package's
ciphertext. ``KnowledgeIndex`` builds one for the entries an agent may see,
in an unkeyed SQLite database that lives in this process's memory only
(``:memory:``, temp store in memory): the same FTS5 tokenizer as the vault's
index, the same text preparation (``vault.knowledge.textindex``) and the same
query parser (``vault.knowledge.search.parse_query``), so a query finds here
what it would find among the worker's notes, and the user's text never
reaches FTS5 as syntax. Snippets are ``make_snippet``'s.

The index holds plaintext, as the decrypted entries it is built from do: it
is dropped and rebuilt whenever the set of licenses it may show changes, so
a license that ends or is revoked leaves it at the next call.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlcipher3 import dbapi2 as sqlcipher

from knowhold.vault.errors import InvalidValue
from knowhold.vault.knowledge.entries import normalise_tag, tag_key
from knowhold.vault.knowledge.search import WEIGHTS, ParsedQuery, make_snippet, parse_query
from knowhold.vault.knowledge.textindex import index_text
from knowhold.vault.licensing.payload import LicensedEntry

_SCHEMA = (
    "CREATE VIRTUAL TABLE idx USING fts5 (title, body, tags, tokenize = 'unicode61 remove_diacritics 2')"
)
_BM25 = "bm25(idx, {}, {}, {})".format(*WEIGHTS)


@dataclass(frozen=True, slots=True)
class Found:
    """One licensed entry a query matched, best first; the snippet is plain text."""

    license_id: str
    entry: LicensedEntry
    snippet: str


class KnowledgeIndex:
    """The entries of some licenses, searchable; built once per set of licenses."""

    def __init__(self, licenses: Iterable[tuple[str, Sequence[LicensedEntry]]]) -> None:
        self._docs: list[tuple[str, LicensedEntry]] = [(lid, e) for lid, items in licenses for e in items]
        self._conn = sqlcipher.connect(":memory:", check_same_thread=False)
        self._conn.execute("PRAGMA temp_store = MEMORY")
        self._conn.execute(_SCHEMA)
        self._conn.executemany(
            "INSERT INTO idx (rowid, title, body, tags) VALUES (?, ?, ?, ?)",
            (
                (i, index_text(e.title), index_text(e.body), index_text(" ".join(e.tags)))
                for i, (_lid, e) in enumerate(self._docs)
            ),
        )

    def close(self) -> None:
        self._conn.close()

    def search(self, query: str, licenses: Sequence[str], limit: int) -> list[Found]:
        """Up to ``limit`` entries of ``licenses`` matching ``query``, best first.

        Raises ``InvalidValue`` only for an unknown ``kind:``, as the app's search does.
        """
        parsed = parse_query(query)
        wanted = set(licenses)
        ranked = self._ranked(parsed)
        found: list[Found] = []
        for i in ranked:
            license_id, entry = self._docs[i]
            if license_id in wanted and _passes(parsed, entry):
                snippet, _spans = make_snippet(entry.body, parsed.phrases)
                found.append(Found(license_id, entry, snippet))
                if len(found) >= limit:
                    break
        return found

    def _ranked(self, parsed: ParsedQuery) -> list[int]:
        """Rows matching the text terms, best first; every row in order when there are none."""
        fts = parsed.fts
        if fts is not None:
            sql = f"SELECT rowid FROM idx WHERE idx MATCH ? ORDER BY {_BM25}, rowid"
            return [r for (r,) in self._conn.execute(sql, (fts,))]
        excluded: set[int] = set()
        if parsed.exclude is not None:
            sql = "SELECT rowid FROM idx WHERE idx MATCH ?"
            excluded = {r for (r,) in self._conn.execute(sql, (parsed.exclude,))}
        return [i for i in range(len(self._docs)) if i not in excluded]


def _tag_key(tag: str) -> str:
    """A tag as filters match it (``normalise_tag``: ``#CamelCase`` is ``camelcase``)."""
    try:
        return normalise_tag(tag)
    except InvalidValue:
        return tag_key(tag)  # the licensor's vault checked it; never mind a rule added since


def _passes(parsed: ParsedQuery, entry: LicensedEntry) -> bool:
    """The ``kind:`` and ``tag:`` filters, as the app applies them to its own entries."""
    tags = {_tag_key(t) for t in entry.tags}
    return (
        (not parsed.kinds or entry.kind in parsed.kinds)
        and entry.kind not in parsed.not_kinds
        and all(t in tags for t in parsed.tags)
        and not any(t in tags for t in parsed.not_tags)
    )


__all__ = ["Found", "KnowledgeIndex"]
