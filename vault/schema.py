"""The database schema, as numbered migrations.

``MIGRATIONS[n]`` takes a database from version ``n`` to ``n + 1``; the
version lives in ``PRAGMA user_version``. A vault newer than the last
migration is refused rather than guessed at. Migrations run in one
transaction each, so a crash leaves the previous version intact.

The search index ``entries_fts`` is contentless (``content=''``): it holds
only the FTS5 index, never a second plaintext copy, and everything stays
inside the SQLCipher file. Its text is the entry's text with every CJK
character standing as its own token (see ``vault.search.index_text``).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlcipher3 import dbapi2 as sqlcipher

from vault.errors import VaultTooNew

KINDS: tuple[str, ...] = (
    "playbook",
    "heuristic",
    "decision",
    "checklist",
    "edge-case",
    "template",
    "note",
)

_KIND_CHECK = ", ".join(f"'{k}'" for k in KINDS)

_V1 = f"""
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE entries (
    rowid      INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ({_KIND_CHECK})),
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    private    INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    version    INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER,
    source     TEXT UNIQUE
) STRICT;
CREATE INDEX entries_updated ON entries (deleted_at, updated_at DESC);
CREATE INDEX entries_kind ON entries (kind, deleted_at);

CREATE TABLE entry_tags (
    entry_rowid INTEGER NOT NULL REFERENCES entries (rowid) ON DELETE CASCADE,
    tag         TEXT NOT NULL,
    PRIMARY KEY (entry_rowid, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX entry_tags_tag ON entry_tags (tag, entry_rowid);

CREATE TABLE versions (
    entry_rowid INTEGER NOT NULL REFERENCES entries (rowid) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    tags        TEXT NOT NULL,
    private     INTEGER NOT NULL,
    saved_at    INTEGER NOT NULL,
    PRIMARY KEY (entry_rowid, version)
) STRICT, WITHOUT ROWID;

CREATE VIRTUAL TABLE entries_fts USING fts5 (
    title, body, tags,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
"""

# Index n migrates version n -> n + 1.
MIGRATIONS: Sequence[str] = (_V1,)

SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: sqlcipher.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlcipher.Connection, migrations: Sequence[str] = MIGRATIONS) -> int:
    """Bring the database to the latest version; return the version reached."""
    version = current_version(conn)
    if version > len(migrations):
        raise VaultTooNew()
    while version < len(migrations):
        script = migrations[version]
        # executescript commits first; wrap explicitly so a migration is all-or-nothing.
        try:
            conn.executescript(
                "BEGIN IMMEDIATE;\n" + script + f"\nPRAGMA user_version = {version + 1};\nCOMMIT;"
            )
        except sqlcipher.Error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        version += 1
    return version
