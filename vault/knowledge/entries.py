"""Entries: the worker's knowledge, with every saved version and a trash.

Each save that changes something writes a full copy to ``versions``, so any
earlier version can be shown and restored (restoring is itself a new save;
history is never rewritten). The one exception is an editor's autosaves:
while the newest version is an autosave only a few minutes old, the next
autosave overwrites it rather than adding another (``update``'s
``coalesce_s``); every other version is kept as written. Deleting moves an
entry to the trash; only emptying the trash, or deleting a trashed entry for
good, removes it. The search index is updated in the same transaction as the
entry, so the two can never disagree after a crash.

Lists come in the orders of ``SortKey``, each walked on an index (schema v3);
``listed_before`` is the same order in Python, for an app placing an entry
it has just saved. Titles sort by ``title_sort``, a column written on every
save (``vault.knowledge.titlekeys.sort_key``: Chinese by pinyin).

An entry's origin (``vault.knowledge.origin``) is kept with each version like
its tags (schema v4); only whole entries carry it, never the summaries of lists.

A tag keeps the case it was written in (``#camelCase``) and is matched
without it: ``tag:camelcase`` finds it, and ``CamelCase`` on another entry is
the same tag, listed once in the spelling most entries use
(``normalise_tag`` is the key matched, ``clean_tag`` the spelling kept).

A body given to ``add`` or ``update`` loses the template guidance nobody wrote
over (``templates.without_guidance``), whoever saves it: app, command line or import.
"""

from __future__ import annotations

import json
import secrets
import string
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Any

from knowhold.vault.errors import InvalidValue, NotFound
from knowhold.vault.knowledge.origin import Origin, OriginKind
from knowhold.vault.knowledge.templates import without_guidance
from knowhold.vault.knowledge.textindex import index_columns
from knowhold.vault.knowledge.titlekeys import aliases_in, sort_key
from knowhold.vault.progress import Progress
from knowhold.vault.store.db import Database
from knowhold.vault.store.schema import KINDS
from knowhold.vault.text import BODY, refuse_unsafe

if TYPE_CHECKING:
    from sqlcipher3 import dbapi2 as sqlcipher

ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
ID_LENGTH = 10
MIN_PREFIX = 4
MAX_TITLE = 500
MAX_BODY = 4 * 1024 * 1024
MAX_TAG = 64
MAX_TAGS = 64


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    kind: str
    title: str
    body: str
    tags: tuple[str, ...]
    private: bool
    version: int
    created_at: int
    updated_at: int
    deleted_at: int | None = None
    origin: Origin | None = None  # None: not recorded

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None


@dataclass(frozen=True, slots=True)
class EntrySummary:
    """An entry without its body, for lists."""

    id: str
    kind: str
    title: str
    tags: tuple[str, ...]
    private: bool
    version: int
    created_at: int
    updated_at: int
    deleted_at: int | None = None


@dataclass(frozen=True, slots=True)
class VersionInfo:
    version: int
    kind: str
    title: str
    tags: tuple[str, ...]
    private: bool
    saved_at: int
    size: int


class SortKey(StrEnum):
    """The orders ``Entries.page`` offers, each walked on its own index (schema v3).

    Every order ends with the entry's id, so it is total and a page at an
    offset is always the same page. ``descending`` reverses the whole order,
    except that ``KIND`` keeps the newest first inside each kind either way.
    """

    UPDATED = "updated"
    CREATED = "created"
    TITLE = "title"
    KIND = "kind"


_ORDER_BY = {
    SortKey.UPDATED: "e.updated_at {d}, e.id {d}",
    SortKey.CREATED: "e.created_at {d}, e.id {d}",
    SortKey.TITLE: "e.title_sort {d}, e.id {d}",
    SortKey.KIND: "e.kind {d}, e.updated_at DESC, e.id DESC",
}

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def title_key(title: str) -> str:
    """A title as the list's title order compares it: the ``title_sort`` column, in Python.

    Chinese titles go by their pinyin among Latin ones, case and accents are
    folded, and the title itself breaks ties (``titlekeys.sort_key``). The
    column compares code point by code point (SQLite's BINARY on UTF-8), as
    Python compares strings, so the two orders are the same.
    """
    return sort_key(title)


def _order_key(summary: EntrySummary, sort: SortKey) -> tuple[object, ...]:
    if sort is SortKey.UPDATED:
        return (summary.updated_at, summary.id)
    if sort is SortKey.CREATED:
        return (summary.created_at, summary.id)
    if sort is SortKey.TITLE:
        return (title_key(summary.title), summary.id)
    return (summary.kind,)


def listed_before(a: EntrySummary, b: EntrySummary, sort: SortKey, descending: bool) -> bool:
    """Whether ``Entries.page(sort=sort, descending=descending)`` puts ``a`` before ``b``.

    The same order as the SQL, for an app placing an entry it has just saved
    without reading the list again. ``a`` and ``b`` are different entries.
    """
    key_a, key_b = _order_key(a, sort), _order_key(b, sort)
    if key_a != key_b:
        return key_a > key_b if descending else key_a < key_b
    # Only KIND gets here with two different entries: newest first inside a kind.
    return (a.updated_at, a.id) > (b.updated_at, b.id)


class Unchanged(Enum):
    """``Entries.update``'s default for the origin, which ``None`` would clear."""

    KEEP = "keep"


KEEP = Unchanged.KEEP


def _origin_columns(origin: Origin | None) -> tuple[str | None, str]:
    return (None, "") if origin is None else (origin.kind.value, origin.name)


def _origin_of(kind: str | None, name: str) -> Origin | None:
    # Checked when written (Origin.make); the column's CHECK holds the kinds.
    return None if kind is None else Origin(OriginKind(kind), name)


def new_entry_id() -> str:
    return "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise InvalidValue(f"Unknown kind {kind!r}; choose one of: {', '.join(KINDS)}.")
    return kind


def clean_tag(tag: str) -> str:
    """``tag`` as written, without a leading #; ``InvalidValue`` if it cannot be a tag."""
    cleaned = tag.strip().lstrip("#").strip()
    if not cleaned:
        raise InvalidValue("A tag must not be empty.")
    if len(cleaned) > MAX_TAG or any(ch.isspace() or ch in ",#" for ch in cleaned):
        raise InvalidValue(f"Invalid tag {tag!r}: no spaces, commas or #, at most {MAX_TAG} characters.")
    return refuse_unsafe(cleaned, "A tag")  # "sales\u200b" would be a second, invisible "sales"


def tag_key(cleaned: str) -> str:
    """The key an already clean tag is matched by (``#CamelCase`` is ``camelcase``)."""
    return cleaned.lower()


def normalise_tag(tag: str) -> str:
    """The key tags are matched by: ``clean_tag``, then ``tag_key``."""
    return tag_key(clean_tag(tag))


def has_tag(tags: Iterable[str], tag: str) -> bool:
    """Whether ``tags`` (as an entry carries them) hold ``tag``, whatever the case of either."""
    key = tag_key(tag)
    return any(tag_key(t) == key for t in tags)


def one_spelling(tags: Iterable[str]) -> tuple[str, ...]:
    """The tags cleaned, each once whatever its case (its first spelling), in the order of their keys."""
    spelled: dict[str, str] = {}
    for tag in tags:
        cleaned = clean_tag(tag)
        spelled.setdefault(tag_key(cleaned), cleaned)  # normalise_tag's key, cleaned once
    return tuple(spelled[key] for key in sorted(spelled))


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    result = one_spelling(tags)
    if len(result) > MAX_TAGS:
        raise InvalidValue(f"At most {MAX_TAGS} tags per entry.")
    return result


def _check_text(title: str, body: str) -> tuple[str, str]:
    title = " ".join(title.split())
    if not title:
        raise InvalidValue("The title must not be empty.")
    if len(title) > MAX_TITLE:
        raise InvalidValue(f"The title is longer than {MAX_TITLE} characters.")
    if len(body) > MAX_BODY:
        raise InvalidValue("The body is larger than 4 MiB.")
    # NUL and escapes (which would steer the terminal that lists them) are refused here.
    return refuse_unsafe(title, "The title"), refuse_unsafe(body, "The text", BODY)


_SUMMARY_COLS = (
    "e.rowid, e.id, e.kind, e.title, e.private, e.version, e.created_at, e.updated_at, e.deleted_at"
)
_ENTRY_COLS = _SUMMARY_COLS + ", e.body, e.origin_kind, e.origin_name"
REINDEX = "reindex"  # the meta key a migration sets when the search index must be written again
STAGE_REINDEX = "reindex"  # the ``what`` of the rebuild's progress reports
REINDEX_REPORT_EVERY = 250  # entries between reports: about half a second of work
_GET_MANY_CHUNK = 500  # ids per query: well under SQLite's limit on bound parameters


def _entry_of(row: tuple[Any, ...], tags: tuple[str, ...]) -> Entry:
    """The entry a row of ``_ENTRY_COLS`` holds, with its tags."""
    _, eid, kind, title, private, version, created, updated, deleted, body, origin_kind, origin_name = row
    origin = _origin_of(origin_kind, origin_name)
    return Entry(eid, kind, title, body, tags, bool(private), version, created, updated, deleted, origin)


def _every_version_licensed(_entry_id: str, _version: int) -> bool:
    # Fails closed: a store nobody told about licenses never overwrites a version.
    return True


def _where(kind: str | None, tag: str | None, trash: bool) -> tuple[str, list[object]]:
    """The conditions on ``entries e`` for a listing: in the trash or not, of ``kind``, with ``tag``."""
    where = ["e.deleted_at IS NOT NULL" if trash else "e.deleted_at IS NULL"]
    args: list[object] = []
    if kind is not None:
        where.append("e.kind = ?")
        args.append(check_kind(kind))
    if tag is not None:
        where.append("e.rowid IN (SELECT entry_rowid FROM entry_tags WHERE tag = ?)")
        args.append(normalise_tag(tag))
    return " AND ".join(where), args


class Entries:
    def __init__(self, db: Database, licensed: Callable[[str, int], bool] = _every_version_licensed) -> None:
        """``licensed(entry_id, version)`` is licensing's answer (``vault.licensing.carried``):
        whether a license carried that version, which must then stay what was sent."""
        self._db = db
        self._licensed = licensed

    # -- reading -------------------------------------------------------------

    def _tags_of(self, rowids: Sequence[int]) -> dict[int, tuple[str, ...]]:
        found: dict[int, list[str]] = {r: [] for r in rowids}
        conn = self._db.conn
        for start in range(0, len(rowids), 500):
            chunk = rowids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for rowid, tag in conn.execute(
                f"SELECT entry_rowid, shown FROM entry_tags WHERE entry_rowid IN ({marks}) ORDER BY tag",
                chunk,
            ):
                found[rowid].append(tag)
        return {r: tuple(t) for r, t in found.items()}

    def _row(self, entry_id: str) -> tuple[Any, ...]:
        row = self._db.conn.execute(
            f"SELECT {_ENTRY_COLS} FROM entries e WHERE e.id = ?", (entry_id,)
        ).fetchone()
        if row is None:
            entry_id = self.resolve(entry_id)
            row = self._db.conn.execute(
                f"SELECT {_ENTRY_COLS} FROM entries e WHERE e.id = ?", (entry_id,)
            ).fetchone()
        return row

    def resolve(self, id_or_prefix: str) -> str:
        """The full id for an id or a unique prefix of at least 4 characters."""
        key = id_or_prefix.strip().lower()
        if len(key) >= MIN_PREFIX and all(ch in ID_ALPHABET for ch in key):
            rows = self._db.conn.execute(
                "SELECT id FROM entries WHERE id >= ? AND id < ? LIMIT 2", (key, key + "\x7f")
            ).fetchall()
            if len(rows) == 1:
                return str(rows[0][0])
        raise NotFound(f"No entry with id {id_or_prefix!r}.")

    def get(self, entry_id: str, version: int | None = None) -> Entry:
        row = self._row(entry_id)
        rowid, eid, current, created, deleted = row[0], row[1], row[5], row[6], row[8]  # see _ENTRY_COLS
        if version is None or version == current:
            return _entry_of(row, self._tags_of([rowid])[rowid])
        old = self._db.conn.execute(
            "SELECT kind, title, body, tags, private, saved_at, origin_kind, origin_name FROM versions "
            "WHERE entry_rowid = ? AND version = ?",
            (rowid, version),
        ).fetchone()
        if old is None:
            raise NotFound(f"Entry {eid} has no version {version}.")
        okind, otitle, obody, otags, oprivate, saved, origin_kind, origin_name = old
        return Entry(
            eid,
            okind,
            otitle,
            obody,
            tuple(json.loads(otags)),
            bool(oprivate),
            version,
            created,
            saved,
            deleted,
            _origin_of(origin_kind, origin_name),
        )

    def get_many(self, entry_ids: Iterable[str]) -> list[Entry]:
        """The current version of each entry, in the order given (trashed ones too, as ``get``).

        One query per 500 ids for the entries and one for their tags, instead
        of two per entry. An id may be a unique prefix, as with ``get``;
        ``NotFound`` for any that is unknown.
        """
        wanted = list(entry_ids)
        conn = self._db.conn
        rows: dict[str, tuple[Any, ...]] = {}
        unique = list(dict.fromkeys(wanted))
        for start in range(0, len(unique), _GET_MANY_CHUNK):
            chunk = unique[start : start + _GET_MANY_CHUNK]
            marks = ",".join("?" * len(chunk))
            for row in conn.execute(f"SELECT {_ENTRY_COLS} FROM entries e WHERE e.id IN ({marks})", chunk):
                rows[row[1]] = row
        for entry_id in unique:
            if entry_id not in rows:
                rows[entry_id] = self._row(entry_id)  # a prefix, or NotFound
        tags = self._tags_of(list({row[0]: None for row in rows.values()}))
        result: list[Entry] = []
        for entry_id in wanted:
            row = rows[entry_id]
            result.append(_entry_of(row, tags[row[0]]))
        return result

    def exists(self, entry_id: str) -> bool:
        return self._db.conn.execute("SELECT 1 FROM entries WHERE id = ?", (entry_id,)).fetchone() is not None

    def by_source(self, source: str) -> Entry | None:
        row = self._db.conn.execute("SELECT id FROM entries WHERE source = ?", (source,)).fetchone()
        return None if row is None else self.get(row[0])

    def record_import(self, entry_id: str, path: str, front_matter: str | None) -> None:
        """Remember where the entry's file stood in the folder imported and its unused front matter.

        Export writes the note back there with those keys (schema v7); saves keep both.
        """
        with self._db.transaction() as conn:
            row = conn.execute("SELECT front_matter FROM entries WHERE id = ?", (entry_id,)).fetchone()
            conn.execute(
                "UPDATE entries SET source_path = ?, front_matter = ? WHERE id = ?",
                (path, front_matter, entry_id),
            )
            # Its aliases are searched with its title. Written again only when they
            # changed: most notes have none, and a second index write per note was
            # a quarter of a Markdown import's time.
            if row is not None and aliases_in(row[0]) != aliases_in(front_matter):
                self._reindex("id = ?", (entry_id,))

    def import_records(self) -> dict[str, tuple[str | None, str | None]]:
        """Entry id -> ``(path, front matter)`` of every entry an import recorded them for."""
        rows = self._db.conn.execute(
            "SELECT id, source_path, front_matter FROM entries "
            "WHERE source_path IS NOT NULL OR front_matter IS NOT NULL"
        )
        return {r[0]: (r[1], r[2]) for r in rows}

    def live_texts(self) -> Iterator[tuple[str, str, str]]:
        """``(id, title, body)`` of every entry not in the trash, for matching notes by content."""
        yield from self._db.conn.execute("SELECT id, title, body FROM entries WHERE deleted_at IS NULL")

    def page(
        self,
        *,
        kind: str | None = None,
        tag: str | None = None,
        trash: bool = False,
        limit: int | None = None,
        offset: int = 0,
        sort: SortKey = SortKey.UPDATED,
        descending: bool = True,
    ) -> tuple[list[EntrySummary], int]:
        """A page of entries in ``sort`` order (most recently updated first by default), and the total."""
        sort = SortKey(sort)
        clause, args = _where(kind, tag, trash)
        # Without statistics the planner takes "deleted_at IS NOT NULL" for most rows
        # and reads the whole table (half a second at 50,000 entries for a trash of
        # five); the trash is a short range at the front of this index.
        source = "entries e INDEXED BY entries_updated" if trash else "entries e"
        conn = self._db.conn
        total = int(conn.execute(f"SELECT count(*) FROM {source} WHERE {clause}", args).fetchone()[0])
        if limit is not None and limit < 0:
            raise InvalidValue("The limit must not be negative.")
        if limit == 0:
            return [], total
        page = -1 if limit is None else limit
        order = _ORDER_BY[sort].format(d="DESC" if descending else "ASC")
        rows = conn.execute(
            f"SELECT {_SUMMARY_COLS} FROM {source} WHERE {clause} ORDER BY {order} LIMIT ? OFFSET ?",
            [*args, page, offset],
        ).fetchall()
        tags = self._tags_of([r[0] for r in rows])
        summaries = [
            EntrySummary(r[1], r[2], r[3], tags[r[0]], bool(r[4]), r[5], r[6], r[7], r[8]) for r in rows
        ]
        return summaries, total

    def live_matching(self, *, kind: str | None = None, tag: str | None = None) -> dict[str, bool]:
        """Id -> private of every entry not in the trash of ``kind`` and with ``tag`` (either may be None).

        What a license's selection needs before it reads any body: one query,
        without the tags, the count and the order a ``page`` of them adds.
        """
        clause, args = _where(kind, tag, trash=False)
        rows = self._db.conn.execute(f"SELECT e.id, e.private FROM entries e WHERE {clause}", args)
        return {eid: bool(private) for eid, private in rows}

    def all_ids(self) -> list[str]:
        return [
            r[0]
            for r in self._db.conn.execute("SELECT id FROM entries WHERE deleted_at IS NULL ORDER BY rowid")
        ]

    def tags(self) -> list[tuple[str, int]]:
        """Every tag on a live entry, with how many entries carry it, in the order of their keys.

        A tag spelled two ways is one, shown as most entries spell it (of two as common, the one
        first in code point order: ``CamelCase`` before ``camelCase``).
        """
        conn = self._db.conn
        # Every tag's count is read from the tag index alone; the trash's tags are
        # then taken off. Joining every tag row to its entry to ask whether it is
        # live read the whole table (140 ms at 50,000 entries).
        rows = conn.execute("SELECT tag, shown, count(*) FROM entry_tags GROUP BY tag, shown")
        counts = {(tag, shown): n for tag, shown, n in rows}
        for tag, shown, n in conn.execute(
            "SELECT t.tag, t.shown, count(*) FROM entries e INDEXED BY entries_updated "
            "CROSS JOIN entry_tags t ON t.entry_rowid = e.rowid "
            "WHERE e.deleted_at IS NOT NULL GROUP BY t.tag, t.shown"
        ):
            counts[tag, shown] -= n
        by_key: dict[str, list[tuple[int, str]]] = {}
        for (tag, shown), n in counts.items():
            if n > 0:
                by_key.setdefault(tag, []).append((n, shown))
        return [
            (min(spellings, key=lambda s: (-s[0], s[1]))[1], sum(n for n, _ in spellings))
            for _, spellings in sorted(by_key.items())
        ]

    def kind_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(KINDS, 0)
        for kind, n in self._db.conn.execute(
            # The kind index covers this; left to itself the planner picks the recency
            # index and reads every row (over half a second at 50,000 entries).
            "SELECT kind, count(*) FROM entries INDEXED BY entries_kind "
            "WHERE deleted_at IS NULL GROUP BY kind"
        ):
            counts[kind] = int(n)
        return counts

    def history(self, entry_id: str) -> list[VersionInfo]:
        rowid = self._row(entry_id)[0]
        rows = self._db.conn.execute(
            "SELECT version, kind, title, tags, private, saved_at, length(body) FROM versions "
            "WHERE entry_rowid = ? ORDER BY version DESC",
            (rowid,),
        )
        return [
            VersionInfo(v, k, t, tuple(json.loads(tags)), bool(p), saved, size)
            for v, k, t, tags, p, saved, size in rows
        ]

    # -- writing -------------------------------------------------------------

    def _write_version(
        self,
        rowid: int,
        entry: Entry,
        *,
        autosave_since: int | None = None,
        overwrite: bool = False,
        front_matter: str | None = None,
    ) -> None:
        """Write ``entry`` as its version ``entry.version``, its tags and its search text.

        ``overwrite`` replaces that version's row (an autosave coalesced into the
        newest version); otherwise the version must be new. ``front_matter`` is
        the entry's kept front matter, whose aliases are searched with the title.
        """
        conn = self._db.conn
        verb = "INSERT OR REPLACE" if overwrite else "INSERT"
        conn.execute(
            f"{verb} INTO versions (entry_rowid, version, kind, title, body, tags, private, saved_at,"
            " autosave_since, origin_kind, origin_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                rowid,
                entry.version,
                entry.kind,
                entry.title,
                entry.body,
                json.dumps(list(entry.tags), ensure_ascii=False),
                int(entry.private),
                entry.updated_at,
                autosave_since,
                *_origin_columns(entry.origin),
            ),
        )
        conn.execute("DELETE FROM entry_tags WHERE entry_rowid = ?", (rowid,))
        conn.executemany(
            "INSERT INTO entry_tags (entry_rowid, tag, shown) VALUES (?, ?, ?)",
            [(rowid, normalise_tag(t), t) for t in entry.tags],
        )
        self._index(rowid, entry.title, entry.body, entry.tags, front_matter)

    def _index(
        self, rowid: int, title: str, body: str, tags: Sequence[str], front_matter: str | None
    ) -> None:
        self._db.conn.execute(
            "INSERT OR REPLACE INTO entries_fts (rowid, title, body, tags, pinyin) VALUES (?, ?, ?, ?, ?)",
            (rowid, *index_columns(title, body, tags, aliases_in(front_matter))),
        )

    def _reindex(self, where: str, args: Sequence[object], progress: Progress | None = None) -> int:
        """Write the search text and title sort key of the entries ``where`` picks again."""
        conn = self._db.conn
        titles = conn.execute(f"SELECT rowid, title FROM entries WHERE {where}", args).fetchall()
        total = len(titles)
        if progress is not None:
            progress(0, total, STAGE_REINDEX)  # before any work: a command line says why it waits
        conn.executemany(
            "UPDATE entries SET title_sort = ? WHERE rowid = ?", [(sort_key(t), r) for r, t in titles]
        )
        tags = self._tags_of([r for r, _ in titles])
        rows = conn.execute(f"SELECT rowid, title, body, front_matter FROM entries WHERE {where}", args)
        # One body at a time: bodies can be megabytes.
        for done, (rowid, title, body, front_matter) in enumerate(rows, 1):
            self._index(rowid, title, body, tags[rowid], front_matter)
            if progress is not None and (done % REINDEX_REPORT_EVERY == 0 or done == total):
                progress(done, total, STAGE_REINDEX)
        return total

    def reindex_if_due(self, progress: Progress | None = None) -> int:
        """Rebuild the search index and title keys when a migration asked for it; how many entries.

        A migration that changes how index text is made empties the index and
        leaves ``reindex`` in meta (see ``vault.store.schema``); the rebuild and
        the note's removal are one transaction, so an interrupted one is redone.
        It takes about 2 ms an entry (a minute and a half at 50,000), so
        ``progress`` hears ``(0, total)`` before the work and then every
        ``REINDEX_REPORT_EVERY`` entries; it is not called when nothing is due.
        ``Cancelled`` from it rolls the whole rebuild back, to be redone at the
        next open.
        """
        if self._db.get_meta(REINDEX) is None:
            return 0
        with self._db.transaction() as conn:
            conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('delete-all')")
            done = self._reindex("1", (), progress)
            conn.execute("DELETE FROM meta WHERE key = ?", (REINDEX,))
        return done

    def add(
        self,
        kind: str,
        title: str,
        body: str = "",
        tags: Iterable[str] = (),
        private: bool = False,
        *,
        origin: Origin | None = None,
        entry_id: str | None = None,
        created_at: int | None = None,
        updated_at: int | None = None,
        source: str | None = None,
    ) -> Entry:
        """Create an entry. ``entry_id``/times/``source`` are for imports."""
        check_kind(kind)
        title, body = _check_text(title, without_guidance(body))
        now = self._db.now()
        if entry_id is None:
            entry_id = new_entry_id()
        elif len(entry_id) != ID_LENGTH or any(ch not in ID_ALPHABET for ch in entry_id):
            raise InvalidValue(f"Invalid entry id {entry_id!r}.")
        created = now if created_at is None else int(created_at)
        updated = created if updated_at is None else int(updated_at)
        entry = Entry(
            entry_id,
            kind,
            title,
            body,
            normalise_tags(tags),
            bool(private),
            1,
            created,
            updated,
            origin=origin,
        )
        with self._db.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO entries (id, kind, title, body, private, version, created_at, updated_at,"
                " source, origin_kind, origin_name, title_sort) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
                (
                    entry.id,
                    kind,
                    title,
                    body,
                    int(entry.private),
                    created,
                    updated,
                    source,
                    *_origin_columns(origin),
                    sort_key(title),
                ),
            )
            self._write_version(int(cur.lastrowid), entry)
        return entry

    def update(
        self,
        entry_id: str,
        *,
        kind: str | None = None,
        title: str | None = None,
        body: str | None = None,
        tags: Iterable[str] | None = None,
        private: bool | None = None,
        origin: Origin | Unchanged | None = KEEP,
        updated_at: int | None = None,
        coalesce_s: int = 0,
    ) -> Entry:
        """Save changes as a new version; a save that changes nothing is not a version.

        Every field left ``None`` stays as it is, except ``origin``, where
        ``None`` means "not recorded" and the default ``KEEP`` keeps it.

        ``coalesce_s`` > 0 makes this save an autosave (an editor saving after a
        pause in typing). When the entry's newest version is itself an autosave
        first written less than ``coalesce_s`` seconds ago, this save overwrites
        it in place, under the same number, instead of adding a version: typing
        on for an hour leaves a version every ``coalesce_s`` seconds, not one per
        pause. Any other save (``coalesce_s`` = 0: restore, import, the command
        line, an explicit save) is a version kept for good, and keeps the newest
        version as it is even when it changes nothing, so an explicit save of
        what an autosave just wrote is kept too. A version a license recorded
        is never overwritten.
        """
        with self._db.transaction() as conn:
            current = self.get(entry_id)
            if current.in_trash:
                raise InvalidValue(f"Entry {current.id} is in the trash; restore it before editing.")
            new_title, new_body = _check_text(
                current.title if title is None else title,
                current.body if body is None else without_guidance(body),
            )
            candidate = replace(
                current,
                kind=current.kind if kind is None else check_kind(kind),
                title=new_title,
                body=new_body,
                tags=current.tags if tags is None else normalise_tags(tags),
                private=current.private if private is None else bool(private),
                origin=current.origin if origin is KEEP else origin,
            )
            rowid, since, front_matter = conn.execute(
                "SELECT e.rowid, v.autosave_since, e.front_matter FROM entries e JOIN versions v "
                "ON v.entry_rowid = e.rowid AND v.version = e.version WHERE e.id = ?",
                (current.id,),
            ).fetchone()
            if candidate == current:
                if coalesce_s <= 0 and since is not None:
                    self._keep_version(rowid, current.version)
                return current
            now = self._db.now() if updated_at is None else int(updated_at)
            coalesce = (
                coalesce_s > 0
                and since is not None
                and 0 <= now - since < coalesce_s
                and not self._licensed(current.id, current.version)
            )
            saved = replace(
                candidate,
                version=current.version if coalesce else current.version + 1,
                updated_at=max(now, current.updated_at),
            )
            conn.execute(
                "UPDATE entries SET kind = ?, title = ?, body = ?, private = ?, version = ?, updated_at = ?, "
                "origin_kind = ?, origin_name = ?, title_sort = ? WHERE rowid = ?",
                (
                    saved.kind,
                    saved.title,
                    saved.body,
                    int(saved.private),
                    saved.version,
                    saved.updated_at,
                    *_origin_columns(saved.origin),
                    sort_key(saved.title),
                    rowid,
                ),
            )
            if coalesce:
                self._write_version(
                    rowid, saved, autosave_since=since, overwrite=True, front_matter=front_matter
                )
            else:
                first = now if coalesce_s > 0 else None
                self._write_version(rowid, saved, autosave_since=first, front_matter=front_matter)
        return saved

    def _keep_version(self, rowid: int, version: int) -> None:
        self._db.conn.execute(
            "UPDATE versions SET autosave_since = NULL WHERE entry_rowid = ? AND version = ?",
            (rowid, version),
        )

    def restore_version(self, entry_id: str, version: int) -> Entry:
        old = self.get(entry_id, version)
        return self.update(
            old.id,
            kind=old.kind,
            title=old.title,
            body=old.body,
            tags=old.tags,
            private=old.private,
            origin=old.origin,
        )

    def trash(self, entry_id: str) -> Entry:
        entry = self.get(entry_id)
        if entry.in_trash:
            return entry
        with self._db.transaction() as conn:
            conn.execute("UPDATE entries SET deleted_at = ? WHERE id = ?", (self._db.now(), entry.id))
        return self.get(entry.id)

    def untrash(self, entry_id: str) -> Entry:
        entry = self.get(entry_id)
        if not entry.in_trash:
            raise InvalidValue(f"Entry {entry.id} is not in the trash.")
        with self._db.transaction() as conn:
            conn.execute("UPDATE entries SET deleted_at = NULL WHERE id = ?", (entry.id,))
        return self.get(entry.id)

    def _purge_rowids(self, conn: sqlcipher.Connection, rowids: Sequence[int]) -> None:
        for rowid in rowids:
            conn.execute("DELETE FROM entries_fts WHERE rowid = ?", (rowid,))
            conn.execute("DELETE FROM entries WHERE rowid = ?", (rowid,))

    def purge(self, entry_id: str) -> None:
        """Delete a trashed entry and all its versions for good."""
        entry = self.get(entry_id)
        if not entry.in_trash:
            raise InvalidValue(f"Entry {entry.id} is not in the trash; move it there first.")
        with self._db.transaction() as conn:
            rowid = conn.execute("SELECT rowid FROM entries WHERE id = ?", (entry.id,)).fetchone()[0]
            self._purge_rowids(conn, [rowid])

    def empty_trash(self) -> int:
        with self._db.transaction() as conn:
            rowids = [r[0] for r in conn.execute("SELECT rowid FROM entries WHERE deleted_at IS NOT NULL")]
            self._purge_rowids(conn, rowids)
        return len(rowids)
