"""The append-only audit log, hash-chained so edits and deletions show.

Both sides keep one: the worker records what left the vault (issued,
renewed, revoked, status published, receipt accepted); the employer records
what came in and what happened to it (ingested, viewed, exported,
destroyed, accepted). Each record's hash covers the previous record's hash
and its own canonical content::

    hash[n] = SHA-256(hash[n-1] || RFC8785({seq, time, event, license_id, detail}))

with ``hash[0]``'s predecessor 32 zero bytes. The head (last sequence number
and hash) is also kept in ``meta``, so cutting records off the end is
detected as well as changing or removing one in the middle.

What it defends against: silent edits by tools or people who change rows
without recomputing the chain, and accidental loss. What it cannot do: the
owner of a vault holds its key and could rewrite the whole chain
consistently. The worker's real evidence is what others signed (receipts)
and what the worker signed and sent (manifests, status documents).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from knowhold.vault.licensing.canonical import canonical
from knowhold.vault.store.db import Database

EVENTS: tuple[str, ...] = (
    "issued",
    "renewed",
    "revoked",
    "status-published",
    "receipt-imported",
    "ingested",
    "viewed",
    "exported",
    "destroyed",
    "accepted",
    "refreshed",
    "agent-call",  # one call of the MCP server's tools (vault.agents.desk)
    "usage-reported",  # a signed usage report made for the licensor (vault.licensing.usage_report)
    "usage-imported",  # a licensee's usage report taken into the ledger
)
GENESIS = b"\x00" * 32
_HEAD_KEY = "audit_head"


@dataclass(frozen=True, slots=True)
class AuditEvent:
    seq: int
    time: int
    event: str
    license_id: str | None
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AuditCheck:
    intact: bool
    count: int
    first_bad: int | None = None  # sequence number where the chain breaks
    reason: str = ""


def _record_hash(prev: bytes, seq: int, time: int, event: str, license_id: str | None, detail: str) -> bytes:
    body = canonical(
        {"seq": seq, "time": time, "event": event, "license_id": license_id, "detail": json.loads(detail)}
    )
    return hashlib.sha256(prev + body).digest()


_SELECT = "SELECT seq, time, event, license_id, detail FROM audit"


def _event(row: tuple[Any, ...]) -> AuditEvent:
    seq, time, event, license_id, detail = row
    return AuditEvent(seq, time, event, license_id, json.loads(detail))


class AuditLog:
    def __init__(self, db: Database) -> None:
        self._db = db

    def append(self, event: str, license_id: str | None = None, **detail: Any) -> AuditEvent:
        """Add a record; joins the caller's transaction if there is one."""
        if event not in EVENTS:
            raise ValueError(f"unknown audit event {event!r}")
        with self._db.transaction() as conn:
            row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
            seq, prev = (1, GENESIS) if row is None else (int(row[0]) + 1, bytes(row[1]))
            time = self._db.now()
            detail_text = canonical(detail).decode("utf-8")
            digest = _record_hash(prev, seq, time, event, license_id, detail_text)
            conn.execute(
                "INSERT INTO audit (seq, time, event, license_id, detail, prev_hash, hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (seq, time, event, license_id, detail_text, prev, digest),
            )
            self._db.set_meta(_HEAD_KEY, f"{seq}:{digest.hex()}")
        return AuditEvent(seq, time, event, license_id, dict(detail))

    def events(self, license_id: str | None = None, limit: int | None = None) -> list[AuditEvent]:
        """Records, oldest first (or the last ``limit`` of them)."""
        where, args = ("WHERE license_id = ?", [license_id]) if license_id else ("", [])
        rows = self._db.conn.execute(
            f"{_SELECT} {where} ORDER BY seq DESC LIMIT ?",
            [*args, -1 if limit is None else limit],
        ).fetchall()
        return [_event(row) for row in reversed(rows)]

    def latest(self, event: str) -> AuditEvent | None:
        """The newest record of ``event``, or None if there is none."""
        row = self._db.conn.execute(
            f"{_SELECT} WHERE event = ? ORDER BY seq DESC LIMIT 1", (event,)
        ).fetchone()
        return None if row is None else _event(row)

    def since(self, seq: int, events: Sequence[str]) -> list[AuditEvent]:
        """Records of any of ``events`` after record ``seq``, oldest first."""
        marks = ", ".join("?" * len(events))
        rows = self._db.conn.execute(
            f"{_SELECT} WHERE seq > ? AND event IN ({marks}) ORDER BY seq", (seq, *events)
        ).fetchall()
        return [_event(row) for row in rows]

    def between(self, start: int, end: int, events: Sequence[str]) -> list[AuditEvent]:
        """Records of any of ``events`` with ``start <= time < end``, oldest first."""
        marks = ", ".join("?" * len(events))
        rows = self._db.conn.execute(
            f"{_SELECT} WHERE time >= ? AND time < ? AND event IN ({marks}) ORDER BY seq",
            (start, end, *events),
        ).fetchall()
        return [_event(row) for row in rows]

    def verify(self) -> AuditCheck:
        prev = GENESIS
        expected_seq = 1
        count = 0
        for seq, time, event, license_id, detail, prev_hash, digest in self._db.conn.execute(
            "SELECT seq, time, event, license_id, detail, prev_hash, hash FROM audit ORDER BY seq"
        ):
            count += 1
            if seq != expected_seq:
                return AuditCheck(False, count, expected_seq, f"record {expected_seq} is missing")
            if not hmac.compare_digest(bytes(prev_hash), prev):
                return AuditCheck(False, count, seq, f"record {seq} does not follow its predecessor")
            try:
                again = _record_hash(prev, seq, time, event, license_id, detail)
            except (ValueError, TypeError):
                return AuditCheck(False, count, seq, f"record {seq} is damaged")
            if not hmac.compare_digest(again, bytes(digest)):
                return AuditCheck(False, count, seq, f"record {seq} was changed")
            prev = again
            expected_seq += 1
        head = self._db.get_meta(_HEAD_KEY)
        actual = f"{expected_seq - 1}:{prev.hex()}" if count else None
        if head != actual:
            return AuditCheck(False, count, expected_seq, "records were removed from the end of the log")
        return AuditCheck(True, count)
