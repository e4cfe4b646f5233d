"""The received library's tables, ``received``, ``received_content`` and ``status_seen``: every
query against them.

Rows in, rows out. Nothing here judges a license (``vault.licensing.enforcement``
does) and nothing here trusts a row: a stored manifest goes through
``parse_manifest`` (its signature checked again) whenever it is used, and a
stored status document through ``parse_status``, because the database is
only as honest as whoever last held the vault open. (The same manifest bytes
are checked once while the vault is open: ``vault.licensing.manifest_memo``.)
Writes join the caller's transaction, so a change and its audit record land
together or not at all.

A license's content (the content key and the ciphertext) is kept apart from
its row, in ``received_content``, and read only to decrypt: listing and
judging the library never touch it (``vault.store.schema``, version 5).
Destroying content deletes that row; the license's row stays as a tombstone.
The files a version 3 package carries (``docs/format.md``, "Attachments") are
inside that ciphertext, checked against their signed hashes whenever it is
decrypted, and kept nowhere else: no second copy exists to outlive the end
of a license, so they need no table of their own.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from knowhold.vault.errors import NotFound, VaultCorrupt
from knowhold.vault.licensing.manifest import Manifest
from knowhold.vault.licensing.manifest_memo import memo_for
from knowhold.vault.licensing.package import Package
from knowhold.vault.licensing.status import StatusDocument, parse_status
from knowhold.vault.store.db import Database

_ID_PREFIX = re.compile(r"[0-9a-f]{6,32}")
_COLUMNS = (
    "license_id, licensor_key, licensor_name, manifest, manifest_hash, signature, "
    "not_before, expires_at, ingested_at, destroyed_at, destroyed_reason"
)


@dataclass(frozen=True, slots=True)
class ReceivedRow:
    """One row of ``received``."""

    license_id: str
    licensor_key: bytes
    licensor_name: str
    manifest: bytes
    manifest_hash: bytes
    signature: str
    not_before: int
    expires_at: int
    ingested_at: int
    destroyed_at: int | None
    destroyed_reason: str | None

    @classmethod
    def of(cls, r: tuple[Any, ...]) -> ReceivedRow:
        return cls(
            str(r[0]),
            bytes(r[1]),
            str(r[2]),
            bytes(r[3]),
            bytes(r[4]),
            str(r[5]),
            int(r[6]),
            int(r[7]),
            int(r[8]),
            None if r[9] is None else int(r[9]),
            None if r[10] is None else str(r[10]),
        )

    def values(self) -> tuple[Any, ...]:
        """The row's values in column order, to insert."""
        return (
            self.license_id,
            self.licensor_key,
            self.licensor_name,
            self.manifest,
            self.manifest_hash,
            self.signature,
            self.not_before,
            self.expires_at,
            self.ingested_at,
            self.destroyed_at,
            self.destroyed_reason,
        )

    def package(self, manifest: Manifest, content: ReceivedContent) -> Package:
        """The package as kept, to decrypt: no sealed key (the unsealed content key is kept
        instead), and the payload as stored."""
        digest = hashlib.sha256(self.manifest).digest()
        return Package(manifest, self.manifest, digest, self.signature, b"", content.payload)


@dataclass(frozen=True, slots=True)
class ReceivedContent:
    """One row of ``received_content``: a live license's content, gone once destroyed."""

    content_key: bytes  # unsealed at ingest
    payload: bytes  # the ciphertext as sent


class ReceivedStore:
    """Reads and writes of the received library's rows; no rules."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._memo = memo_for(db)

    def manifest(self, row: ReceivedRow) -> Manifest:
        """The row's manifest, its signature checked (``parse_manifest``) on every use: the
        same bytes once while the vault is open, since the answer cannot differ."""
        return self._memo.parse(row.manifest, row.signature)

    # -- received ---------------------------------------------------------------------

    def _select(self, where: str = "", params: tuple[Any, ...] = ()) -> list[ReceivedRow]:
        query = f"SELECT {_COLUMNS} FROM received {where}"
        return [ReceivedRow.of(r) for r in self._db.conn.execute(query, params).fetchall()]

    def is_empty(self) -> bool:
        return self._db.conn.execute("SELECT 1 FROM received LIMIT 1").fetchone() is None

    def rows(self) -> list[ReceivedRow]:
        """Every row, newest first."""
        rows = self._select()
        # Sorted here, not by SQLite, whose sorter would copy every manifest once
        # more (13 of 76 ms for 1,000 licenses).
        rows.sort(key=lambda r: (-r.ingested_at, r.license_id))
        return rows

    def live_rows(self) -> list[ReceivedRow]:
        """The rows whose content is not destroyed yet, oldest first."""
        return self._select("WHERE destroyed_at IS NULL ORDER BY rowid")

    def rows_of(self, licensor_key: bytes) -> list[ReceivedRow]:
        return self._select("WHERE licensor_key = ?", (licensor_key,))

    def row(self, license_id: str) -> ReceivedRow | None:
        found = self._select("WHERE license_id = ?", (license_id,))
        return found[0] if found else None

    def resolve(self, license_id: str) -> ReceivedRow:
        """A license by its id, or by a unique prefix of at least six characters."""
        wanted = license_id.strip().lower()
        if not _ID_PREFIX.fullmatch(wanted):
            raise NotFound(f"No received license {license_id[:40]!r}.")
        rows = self._select("WHERE substr(license_id, 1, ?) = ? LIMIT 2", (len(wanted), wanted))
        if not rows:
            raise NotFound(f"No received license {license_id[:40]!r}.")
        if len(rows) > 1:
            raise NotFound(f"{license_id!r} matches several received licenses; give more of the id.")
        return rows[0]

    def held_end(self, license_id: str, manifest_hash: bytes) -> int | None:
        """The current end (renewals move it) of exactly this package, if it is held."""
        row = self._db.conn.execute(
            "SELECT expires_at FROM received WHERE license_id = ? AND manifest_hash = ?",
            (license_id, manifest_hash),
        ).fetchone()
        return None if row is None else int(row[0])

    def content(self, row: ReceivedRow) -> ReceivedContent:
        """The content of a license not destroyed (the caller has checked), to decrypt."""
        found = self._db.conn.execute(
            "SELECT content_key, payload FROM received_content WHERE license_id = ?", (row.license_id,)
        ).fetchone()
        if found is None:  # a live license without content: the database was changed behind our back
            raise VaultCorrupt(f"The content of license {row.license_id} is missing from the vault.")
        return ReceivedContent(bytes(found[0]), bytes(found[1]))

    def insert(self, row: ReceivedRow, content: ReceivedContent) -> None:
        with self._db.transaction() as conn:
            conn.execute(f"INSERT INTO received ({_COLUMNS}) VALUES ({', '.join('?' * 11)})", row.values())
            conn.execute(
                "INSERT INTO received_content (license_id, content_key, payload) VALUES (?, ?, ?)",
                (row.license_id, content.content_key, content.payload),
            )

    def erase(self, license_id: str, reason: str, at: int) -> bool:
        """Delete the content key and ciphertext; the row stays as a tombstone. True if it was live."""
        with self._db.transaction() as conn:
            cur = conn.execute(
                "UPDATE received SET destroyed_at = ?, destroyed_reason = ? "
                "WHERE license_id = ? AND destroyed_at IS NULL",
                (at, reason, license_id),
            )
            conn.execute("DELETE FROM received_content WHERE license_id = ?", (license_id,))
        return bool(cur.rowcount)

    def renew(self, license_id: str, expires_at: int) -> None:
        with self._db.transaction() as conn:
            conn.execute("UPDATE received SET expires_at = ? WHERE license_id = ?", (expires_at, license_id))

    # -- status_seen -------------------------------------------------------------------

    def seen_status(self, licensor_key: bytes) -> tuple[int, bytes] | None:
        """The sequence number and hash of the licensor's status document held, if any."""
        row = self._db.conn.execute(
            "SELECT sequence, doc_hash FROM status_seen WHERE licensor_key = ?", (licensor_key,)
        ).fetchone()
        return None if row is None else (int(row[0]), bytes(row[1]))

    def stored_status(self, licensor_key: bytes) -> StatusDocument | None:
        """The licensor's status document held, its signature checked again."""
        row = self._db.conn.execute(
            "SELECT document FROM status_seen WHERE licensor_key = ?", (licensor_key,)
        ).fetchone()
        return None if row is None else parse_status(bytes(row[0]), licensor_key)

    def save_status(self, doc: StatusDocument, received_at: int) -> None:
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO status_seen (licensor_key, sequence, document, doc_hash, issued_at, "
                "next_update, received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (licensor_key) DO "
                "UPDATE SET sequence = excluded.sequence, document = excluded.document, "
                "doc_hash = excluded.doc_hash, issued_at = excluded.issued_at, "
                "next_update = excluded.next_update, received_at = excluded.received_at",
                (
                    doc.licensor_key,
                    doc.sequence,
                    doc.raw,
                    doc.doc_hash,
                    doc.issued_at,
                    doc.next_update,
                    received_at,
                ),
            )


__all__ = ["ReceivedContent", "ReceivedRow", "ReceivedStore"]
