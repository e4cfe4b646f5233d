"""The database schema, as numbered migrations.

``MIGRATIONS[n]`` takes a database from version ``n`` to ``n + 1``; the
version lives in ``PRAGMA user_version``. A vault newer than the last
migration is refused rather than guessed at. Migrations run in one
transaction each, so a crash leaves the previous version intact.

The search index ``entries_fts`` is contentless (``content=''``): it holds
only the FTS5 index, never a second plaintext copy, and everything stays
inside the SQLCipher file. Its text is made in Python
(``vault.knowledge.textindex.index_columns``).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlcipher3 import dbapi2 as sqlcipher

from knowhold.vault.errors import VaultTooNew

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
    private    INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    version    INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER,
    source     TEXT UNIQUE,
    -- Last: SQLite reads a row's columns in order, so lists that never need
    -- the body do not read its overflow pages.
    body       TEXT NOT NULL
) STRICT;
CREATE INDEX entries_updated ON entries (deleted_at, updated_at);
CREATE INDEX entries_kind ON entries (kind, deleted_at, updated_at);

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
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
"""

# Licensing: the vault's identity, contacts, the worker's ledger of licenses
# issued, the employer's library of licenses received, status documents
# seen, and the hash-chained audit log. Private keys live only here, inside
# the encrypted database.
_V2 = """
CREATE TABLE identity (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    name           TEXT NOT NULL,
    signing_seed   BLOB NOT NULL,          -- Ed25519 private key (32 bytes)
    mlkem_seed     BLOB NOT NULL,          -- ML-KEM-768 seed (64 bytes)
    x25519_private BLOB NOT NULL,          -- X25519 private key (32 bytes)
    created_at     INTEGER NOT NULL
) STRICT;

CREATE TABLE contacts (
    name            TEXT PRIMARY KEY,
    signing_key     BLOB NOT NULL UNIQUE,  -- Ed25519 public key (32 bytes)
    hpke_key        BLOB NOT NULL,         -- ML-KEM-768 + X25519 public key (1216 bytes)
    fingerprint     TEXT NOT NULL,
    card            BLOB NOT NULL,         -- the signed card as received
    card_created_at INTEGER NOT NULL,
    verified        INTEGER NOT NULL DEFAULT 0 CHECK (verified IN (0, 1)),
    added_at        INTEGER NOT NULL
) STRICT;

CREATE TABLE licenses (
    license_id      TEXT PRIMARY KEY,
    licensee        TEXT NOT NULL,
    licensee_key    BLOB NOT NULL,         -- licensee's Ed25519 key, to check receipts
    manifest        BLOB NOT NULL,         -- the signed canonical manifest bytes
    manifest_hash   BLOB NOT NULL,
    issued_at       INTEGER NOT NULL,
    not_before      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,      -- current end: renewals move it
    revoked_at      INTEGER,
    revoke_reason   TEXT,
    accepted_at     INTEGER,
    receipt         BLOB,
    out_path        TEXT
) STRICT;

CREATE TABLE license_entries (
    license_id TEXT NOT NULL REFERENCES licenses (license_id) ON DELETE CASCADE,
    entry_id   TEXT NOT NULL,
    version    INTEGER NOT NULL,
    title      TEXT NOT NULL,
    PRIMARY KEY (license_id, entry_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX license_entries_entry ON license_entries (entry_id);

CREATE TABLE received (
    license_id       TEXT PRIMARY KEY,
    licensor_key     BLOB NOT NULL,
    licensor_name    TEXT NOT NULL,
    manifest         BLOB NOT NULL,
    manifest_hash    BLOB NOT NULL,
    signature        TEXT NOT NULL,
    content_key      BLOB,                 -- NULL once destroyed
    payload          BLOB,                 -- ciphertext; NULL once destroyed
    not_before       INTEGER NOT NULL,
    expires_at       INTEGER NOT NULL,     -- current end: renewals move it
    ingested_at      INTEGER NOT NULL,
    destroyed_at     INTEGER,
    destroyed_reason TEXT
) STRICT;

CREATE TABLE status_seen (
    licensor_key BLOB PRIMARY KEY,
    sequence     INTEGER NOT NULL,
    document     BLOB NOT NULL,            -- the signed status file as received
    doc_hash     BLOB NOT NULL,
    issued_at    INTEGER NOT NULL,
    next_update  INTEGER NOT NULL,
    received_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE audit (
    seq        INTEGER PRIMARY KEY,
    time       INTEGER NOT NULL,
    event      TEXT NOT NULL,
    license_id TEXT,
    detail     TEXT NOT NULL,              -- canonical JSON
    prev_hash  BLOB NOT NULL,
    hash       BLOB NOT NULL
) STRICT;
"""

# The entry list's orders, and versions an autosave may still overwrite.
#
# Each order the list offers (vault.entries.SortKey) is one index, read forwards
# or backwards, so a page at any offset walks an index and never sorts every
# live entry. Every order ends with the id: a total order, which the app can
# also compute for an entry it has just saved. Titles compare as NOCASE (ASCII
# letters folded, everything else by code point; see vault.entries.title_key).
# Kind runs either way with the newest first inside each kind: ascending reads
# entries_kind_up forwards, descending entries_kind backwards; entries_kind
# also serves a kind filter in the default order and the sidebar's counts.
# The kind rides at the end of the created and title indexes, so one kind's
# page in those orders is filtered on the index alone, without reading the
# row of every entry passed over (deep in a kind at 50,000 entries: 18 ms,
# not 1.4 s).
# The trash (deleted_at IS NOT NULL) is a range at the front of the same
# indexes: a few entries, found there and sorted.
_V3 = """
DROP INDEX entries_updated;
DROP INDEX entries_kind;
CREATE INDEX entries_updated ON entries (deleted_at, updated_at, id);
CREATE INDEX entries_created ON entries (deleted_at, created_at, id, kind);
CREATE INDEX entries_title ON entries (deleted_at, title COLLATE NOCASE, id, kind);
CREATE INDEX entries_kind ON entries (deleted_at, kind, updated_at, id);
CREATE INDEX entries_kind_up ON entries (deleted_at, kind, updated_at DESC, id DESC);

-- When an autosave first wrote this version, while a later autosave may still
-- overwrite it; NULL for a version kept as it is (see Entries.update).
ALTER TABLE versions ADD COLUMN autosave_since INTEGER;
"""

# Where an entry's knowledge comes from (vault.knowledge.origin), kept with
# every version like its kind and tags, so a license records the origin of the
# version it carried and restoring a version restores its origin. NULL is "not
# recorded"; the name is empty for "own". The kinds are written out here rather
# than taken from OriginKind: a migration is history and never changes.
# In entries the columns land after the body (ALTER TABLE appends), so only
# reads of a whole entry reach them; lists never select them.
_V4 = """
ALTER TABLE entries ADD COLUMN origin_kind TEXT
    CHECK (origin_kind IN ('own', 'organisation', 'public'));
ALTER TABLE entries ADD COLUMN origin_name TEXT NOT NULL DEFAULT '';
ALTER TABLE versions ADD COLUMN origin_kind TEXT
    CHECK (origin_kind IN ('own', 'organisation', 'public'));
ALTER TABLE versions ADD COLUMN origin_name TEXT NOT NULL DEFAULT '';
"""

# A received license's content (the content key and the ciphertext, kilobytes to
# megabytes) in a table of its own, so listing the library never reads it.
# In received the payload sat before the columns every listing reads (its end,
# when it was destroyed), and SQLite reaches a later column only by walking the
# overflow pages of every one before it: each was read and decrypted on every
# listing, more than half of the pages, and the rows no longer fitted in the
# page cache. With 1,000 licenses, Library.licenses() took 85 ms and now 35;
# the received view opened in 95 to 110 ms and now in 40 to 70.
# Destroying content deletes its row here (secure_delete zeroes the pages); the
# license's row in received stays as the tombstone. A license already destroyed
# gets no row. DROP COLUMN rewrites received without the two columns.
_V5 = """
CREATE TABLE received_content (
    license_id  TEXT PRIMARY KEY REFERENCES received (license_id) ON DELETE CASCADE,
    content_key BLOB NOT NULL,             -- the unsealed content key
    payload     BLOB NOT NULL              -- the ciphertext as sent
) STRICT;
INSERT INTO received_content (license_id, content_key, payload)
    SELECT license_id, content_key, payload FROM received
    WHERE destroyed_at IS NULL AND content_key IS NOT NULL AND payload IS NOT NULL;
ALTER TABLE received DROP COLUMN content_key;
ALTER TABLE received DROP COLUMN payload;
"""

# Attachments: images and other files an entry refers to, kept inside the
# encrypted database like everything else (never as files beside it). A file's
# bytes are stored once, keyed by their SHA-256, however many entries or names
# refer to them; entry_attachments maps an entry and the name its text uses
# (unique per entry) to those bytes. Purging an entry cascades to its
# references, and the trigger deletes the bytes when their last reference goes,
# so purging and emptying the trash leave no orphan (secure_delete zeroes the
# pages). A foreign-key cascade fires the child table's triggers, which is
# what makes this one rule cover every way a reference goes. The image type
# is told from the bytes once, when they are stored, so listing an entry's
# attachments never reads them (the data column is last: SQLite reaches a
# column only through the overflow pages of those before it).
_V6 = """
CREATE TABLE attachments (
    sha256     TEXT PRIMARY KEY,           -- lowercase hex of the bytes' SHA-256
    size       INTEGER NOT NULL,
    image      TEXT NOT NULL,              -- image type told by the bytes' magic, or ''
    created_at INTEGER NOT NULL,
    data       BLOB NOT NULL               -- last: listings never read it
) STRICT;

CREATE TABLE entry_attachments (
    entry_rowid INTEGER NOT NULL REFERENCES entries (rowid) ON DELETE CASCADE,
    name        TEXT NOT NULL,             -- as the entry refers to it
    sha256      TEXT NOT NULL REFERENCES attachments (sha256),
    PRIMARY KEY (entry_rowid, name)
) STRICT, WITHOUT ROWID;
CREATE INDEX entry_attachments_sha256 ON entry_attachments (sha256);

CREATE TRIGGER entry_attachments_last_reference
AFTER DELETE ON entry_attachments
WHEN NOT EXISTS (SELECT 1 FROM entry_attachments WHERE sha256 = OLD.sha256)
BEGIN
    DELETE FROM attachments WHERE sha256 = OLD.sha256;
END;
"""

# Faithful round trips: where an imported note stood (its path inside the folder
# chosen, NFC) and the front matter keys the vault does not use, as canonical
# YAML (``yaml.safe_dump`` of those keys in their order: JSON would lose the
# dates Obsidian users write, and dumping what was loaded is a fixed point, so
# export, import and export again write the same bytes). Export puts the note
# back there with those keys. NULL for entries written in the app; set only by
# import, kept by every save.
_V7 = """
ALTER TABLE entries ADD COLUMN source_path TEXT;
ALTER TABLE entries ADD COLUMN front_matter TEXT;
"""

# Search that respects Chinese (vault.knowledge.textindex): CJK runs indexed as
# overlapping pairs with breaks at sentence ends and paragraphs, titles with
# their aliases, and a fourth column for the pinyin of titles
# (vault.knowledge.titlekeys); and the title order by pinyin, kept in
# title_sort on every save and walked on its own index (entries_title stays:
# links look titles up by it). Index text is made in Python, which SQL cannot
# do, so this empties the index and leaves a note in meta: opening the vault
# (vault.knowledge.entries.Entries.reindex_if_due) writes every entry's index text and
# sort key again, in one transaction that also removes the note, so a crash
# midway redoes it on the next open. A later change of index text only needs
# another migration that sets the note.
_V8 = """
DROP TABLE entries_fts;
CREATE VIRTUAL TABLE entries_fts USING fts5 (
    title, body, tags, pinyin,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
ALTER TABLE entries ADD COLUMN title_sort TEXT NOT NULL DEFAULT '';
CREATE INDEX entries_title_sort ON entries (deleted_at, title_sort, id, kind);
INSERT OR REPLACE INTO meta (key, value) VALUES ('reindex', 'due');
"""

# Tags keep the case they were written in (issue 10: #camelCase stays camelCase)
# and are matched without it: entry_tags.tag stays the key every query matches
# (vault.knowledge.entries.normalise_tag, lower case, which every tag stored
# before was already), and shown is the spelling the entry carries. The tag
# index holds both, so the sidebar counts each spelling from it alone.
_V9 = """
ALTER TABLE entry_tags ADD COLUMN shown TEXT NOT NULL DEFAULT '';
UPDATE entry_tags SET shown = tag;
DROP INDEX entry_tags_tag;
CREATE INDEX entry_tags_tag ON entry_tags (tag, shown, entry_rowid);
"""

# Usage reports from licensees (issue 12; vault.licensing.usage_ledger): each signed
# report as received, kept as evidence, and its counts per day, entry and channel,
# which the ledger adds up per license, entry and month.
_USAGE_REPORTS = """
CREATE TABLE usage_reports (
    license_id  TEXT NOT NULL REFERENCES licenses (license_id) ON DELETE CASCADE,
    sequence    INTEGER NOT NULL,
    since       INTEGER NOT NULL,
    until       INTEGER NOT NULL,
    imported_at INTEGER NOT NULL,
    report      BLOB NOT NULL,         -- the signed file as received
    report_hash BLOB NOT NULL,
    PRIMARY KEY (license_id, sequence)
) STRICT, WITHOUT ROWID;

CREATE TABLE usage_counts (
    license_id TEXT NOT NULL,
    sequence   INTEGER NOT NULL,
    day        TEXT NOT NULL,           -- YYYY-MM-DD, UTC
    entry_id   TEXT NOT NULL,
    channel    TEXT NOT NULL,
    returned   INTEGER NOT NULL,
    read       INTEGER NOT NULL,
    PRIMARY KEY (license_id, sequence, day, entry_id, channel),
    FOREIGN KEY (license_id, sequence) REFERENCES usage_reports (license_id, sequence) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
"""

# Prefixes of up to five letters read from an index of their own (issue 11).
# With prefixes of two and three letters only, ``escal*`` or ``migr*`` had
# FTS5 merge every matching word's list of entries on each search: 12 to 14
# ms at 50,000 entries, the slowest searches (p95 38 ms). With 4 and 5 they
# take 2.5 to 3.5 ms (p95 19 ms), for an index about 28% larger and a
# rebuild about 30% longer. The index is made anew; opening the vault
# rebuilds it once (see _V8).
_PREFIX_INDEX = """
DROP TABLE entries_fts;
CREATE VIRTUAL TABLE entries_fts USING fts5 (
    title, body, tags, pinyin,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3 4 5'
);
INSERT OR REPLACE INTO meta (key, value) VALUES ('reindex', 'due');
"""

# Index n migrates version n -> n + 1.
MIGRATIONS: Sequence[str] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8, _V9, _USAGE_REPORTS, _PREFIX_INDEX)

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
