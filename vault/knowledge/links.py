"""Links between entries: ``[[Note]]``, ``[[Note|label]]``, ``[[Note#Heading]]``.

One definition of what a link is, for the preview (``ui/markdown.py``) and
for backlinks alike: an inline rule of markdown-it (``wikilinks``), so a
``[[…]]`` inside a code span, a fenced or indented code block, or after a
backslash is text, exactly as the preview shows it. ``![[…]]`` is an embed,
not a link, and is left to whoever renders embeds.

A target names an entry the way Obsidian names a note: by its name, the
title, compared without regard to case (``resolve``), else by one of its
aliases (the ``aliases`` key of the front matter an import kept, read by
``titlekeys.aliases_in``, which search reads too). A target with a
folder (``[[Plugins/Templates]]``) falls back to its last part, and a
trailing ``.md`` is ignored, so links written in an Obsidian vault still
find their notes after import.

Backlinks are found when asked, not kept in a table: the search index
narrows the entries to those whose body holds the words of the title or of
an alias, a cheap
pattern keeps those with a ``[[`` naming one, and only those are parsed and
their links resolved. On 10,000 entries that is a few milliseconds for a
rare title, and tens for a title that is a common word (see
``tests/test_links.py``); a link table would have to be kept right through
every save, import, restore and migration for a list shown beside one entry.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from knowhold.vault.errors import NotFound
from knowhold.vault.knowledge.search import Phrase
from knowhold.vault.knowledge.titlekeys import aliases_in
from knowhold.vault.store.db import Database

MAX_TARGET = 500  # characters; a longer "[[…]]" is text, not a link
# What may not stand inside a target: Obsidian's own forbidden characters.
_LINK = re.compile(r"\[\[([^\[\]|#\n]*)(?:#([^\[\]|\n]*))?(?:\|([^\[\]\n]*))?\]\]")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_ASCII = frozenset(string.printable)


@dataclass(frozen=True, slots=True)
class WikiLink:
    target: str  # the note's name as written, trimmed; "" for a heading in the same entry
    heading: str | None = None
    label: str | None = None  # what the link reads as, when written after "|"

    @property
    def text(self) -> str:
        """What a reader sees: the label, else the target (and heading) as written."""
        if self.label:
            return self.label
        if self.heading:
            return f"{self.target} › {self.heading}" if self.target else self.heading
        return self.target


@dataclass(frozen=True, slots=True)
class LinkedEntry:
    """An entry that links to another: what the "Linked from" list shows."""

    id: str
    title: str


def _match(text: str, pos: int) -> tuple[WikiLink, int] | None:
    """The link starting at ``pos`` and where it ends, or None."""
    found = _LINK.match(text, pos)
    if found is None or len(found.group(0)) > MAX_TARGET:
        return None
    target, heading, label = found.group(1).strip(), found.group(2), found.group(3)
    heading = heading.strip() if heading is not None else None
    if not target and not heading:
        return None
    label = label.strip() if label is not None else None
    return WikiLink(target, heading or None, label or None), found.end()


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    pos = state.pos
    if not state.src.startswith("[[", pos) or (pos > 0 and state.src[pos - 1] == "!"):
        return False
    found = _match(state.src, pos)
    if found is None:
        return False
    link, end = found
    if not silent:
        token = state.push("wikilink", "", 0)
        token.meta = {"link": link}
        token.content = state.src[pos:end]
    state.pos = end
    return True


def wikilinks(md: MarkdownIt) -> None:
    """The markdown-it plugin: ``[[…]]`` becomes a ``wikilink`` token, its ``meta["link"]`` a ``WikiLink``."""
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)


_md = MarkdownIt("commonmark", {"html": False}).use(wikilinks)


def parse(body: str) -> list[WikiLink]:
    """The links in ``body``, in order; none inside code."""
    found: list[WikiLink] = []
    for block in _md.parse(body):
        for token in block.children or ():
            if token.type == "wikilink":
                found.append(token.meta["link"])
    return found


def name_key(name: str) -> str:
    """A name as links compare it: Unicode-normalised, spaces collapsed, case ignored."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip().lower()


def _candidates(target: str) -> tuple[str, ...]:
    """The names a target may mean, best first: as written, without ``.md``, its last part."""
    names = [target]
    if target.lower().endswith(".md"):
        names.append(target[:-3])
    names += [n.rsplit("/", 1)[1] for n in list(names) if "/" in n]
    return tuple(dict.fromkeys(n.strip() for n in names if n.strip()))


def _caseless_in_sqlite(name: str) -> bool:
    """Whether SQLite's NOCASE finds every title equal to ``name`` by ``name_key``.

    NOCASE folds ASCII letters only; a name with a letter that has case
    outside ASCII (``Über``) needs every title compared in Python.
    """
    return all(ch in _ASCII or ch.lower() == ch.upper() for ch in name)


def resolve(db: Database, targets: Iterable[str]) -> dict[str, str]:
    """The live entry each link target names: ``{target: entry id}``; unknown targets are left out.

    This is the one place that decides where a link goes. A target names
    the entry whose title equals it, ignoring case, Unicode normal form and
    runs of spaces (``name_key``); failing that, the same without a ``.md``
    ending, then its last ``/`` part (a path link from a folder of notes).
    Of several entries with one title the oldest wins, so adding a namesake
    never moves a link. Trashed entries are never targets. A target that no
    title answers to names the entry with an alias equal to it, the oldest
    of several: a title is never shadowed by another entry's alias.

    One indexed lookup per name (the title index compares NOCASE); a name
    with non-ASCII letters that have case reads every live title once.
    Aliases are looked up only for names no title answers to, in the search
    index (which holds them with the title), and read from the entries it
    finds that have any: a few milliseconds, and about 120 ms for a name in
    every one of 10,000 titles (a tenth of them with aliases), each of whose
    rows is then read (``tests/test_links.py``).
    """
    wanted = {t: _candidates(t) for t in dict.fromkeys(targets)}
    names = {name_key(n): n for options in wanted.values() for n in options}
    conn = db.conn
    titles: dict[str, tuple[int, str]] = {}  # name key -> (created_at, id) of its oldest entry

    matches: list[str] = []  # ids of live entries whose title is one of the names
    if any(not _caseless_in_sqlite(n) for n in names.values()):
        # In the title index's order, so SQLite reads that index alone (it holds
        # id and title), never the rows: about 20 ms for 10,000 entries.
        rows = conn.execute(
            "SELECT id, title FROM entries WHERE deleted_at IS NULL ORDER BY title COLLATE NOCASE"
        )
        matches = [entry_id for entry_id, title in rows if name_key(title) in names]
    else:
        for name in names.values():
            matches += [
                r[0]
                for r in conn.execute(
                    "SELECT id FROM entries WHERE deleted_at IS NULL AND title = ? COLLATE NOCASE", (name,)
                )
            ]
    for start in range(0, len(matches), 500):
        chunk = matches[start : start + 500]
        for entry_id, title, created in conn.execute(
            f"SELECT id, title, created_at FROM entries WHERE id IN ({','.join('?' * len(chunk))})", chunk
        ):
            key = name_key(title)
            if key in names and (key not in titles or (created, entry_id) < titles[key]):
                titles[key] = (created, entry_id)
    resolved: dict[str, str] = {}
    for named_by in (titles, _aliased(db, {k: n for k, n in names.items() if k not in titles})):
        for target, options in wanted.items():
            hit = next((h for o in options if (h := named_by.get(name_key(o))) is not None), None)
            if target not in resolved and hit is not None:
                resolved[target] = hit[1]
    return resolved


def _aliased(db: Database, names: dict[str, str]) -> dict[str, tuple[int, str]]:
    """Name key -> ``(created_at, id)`` of the oldest live entry with that alias (``names``: key -> name)."""
    found: dict[str, tuple[int, str]] = {}
    if not names:
        return found
    # Reading YAML costs a third of a millisecond; most front matter holds none of the words.
    words = [_WORD.findall(key) for key in names]
    for entry_id, created, front_matter in _with_front_matter(db, names.values()):
        text = unicodedata.normalize("NFC", front_matter).lower()
        if not any(all(word in text for word in name) for name in words):
            continue
        for alias in aliases_in(front_matter):
            key = name_key(alias)
            if key in names and (key not in found or (created, entry_id) < found[key]):
                found[key] = (created, entry_id)
    return found


def _with_front_matter(db: Database, names: Iterable[str]) -> list[tuple[str, int, str]]:
    """``(id, created_at, front matter)`` of live entries whose title or aliases may hold one of ``names``."""
    phrases = [Phrase.of(name) for name in names]
    head = (
        "SELECT id, created_at, front_matter FROM entries "
        "WHERE deleted_at IS NULL AND instr(front_matter, 'aliases') > 0"
    )
    if any(phrase is None for phrase in phrases):  # a name without a letter or digit: the index cannot help
        return db.conn.execute(head).fetchall()
    match = " OR ".join(f"title : {phrase.fts}" for phrase in phrases if phrase is not None)
    return db.conn.execute(
        f"{head} AND rowid IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)", (match,)
    ).fetchall()


def _names_in(body: str) -> set[str]:
    """Every name a ``[[…]]`` in ``body`` may mean, code included: a cheap first look."""
    return {name_key(n) for m in _LINK.finditer(body) for n in _candidates(m.group(1).strip())}


def backlinks(db: Database, entry_id: str) -> list[LinkedEntry]:
    """The live entries whose body links to ``entry_id``, by title or alias; never the entry itself.

    ``NotFound`` for an unknown id. See the module docstring for how they are found.
    """
    conn = db.conn
    row = conn.execute("SELECT title, front_matter FROM entries WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise NotFound(f"No entry with id {entry_id!r}.")
    names = [row[0], *aliases_in(row[1])]
    keys = {name_key(name) for name in names}
    phrases = [Phrase.of(name) for name in names]
    if all(phrase is not None for phrase in phrases):
        match = " OR ".join(f"body : {phrase.fts}" for phrase in phrases if phrase is not None)
        rows = conn.execute(
            "SELECT e.id, e.title, e.body FROM entries e WHERE e.deleted_at IS NULL AND e.id != ? "
            "AND e.rowid IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?)",
            (entry_id, match),
        )
    else:  # a name without a letter or digit: the index cannot help
        rows = conn.execute(
            "SELECT id, title, body FROM entries WHERE deleted_at IS NULL AND id != ? "
            "AND instr(body, '[[') > 0",
            (entry_id,),
        )
    candidates = [(i, t, b) for i, t, b in rows if not keys.isdisjoint(_names_in(b))]
    linking: list[LinkedEntry] = []
    for other_id, title, body in candidates:
        targets = {
            link.target
            for link in parse(body)
            if not keys.isdisjoint(map(name_key, _candidates(link.target)))
        }
        if entry_id in resolve(db, targets).values():
            linking.append(LinkedEntry(other_id, title))
    return sorted(linking, key=lambda e: (name_key(e.title), e.id))
