"""The employer's side: the library of licenses received.

(``verify_package``, which checks a package without storing anything, lives
in ``vault.verify`` and is re-exported here.) ``Library`` keeps
ingested packages inside the vault (the content key and the ciphertext, in
the same SQLCipher encryption as everything else) and enforces the license
on every read:

* the clock is checked against the latest time the vault has seen (17);
* before ``not_before`` the content stays locked (11); ingesting early is
  allowed, so a package can arrive before its start date;
* past the end date (as renewed) or once revoked, the content key and
  ciphertext are erased, the destruction is recorded, and the license id is
  kept as a tombstone so the same package can never be ingested again (12/13);
* with a ``max_status_age``, no status document young enough locks the
  content until a fresh one arrives (14); the signed manifest itself counts
  as a statement "active as of ``issued_at``", so a new package is usable at
  once and locks only after ``max_status_age`` without news;
* uses beyond the terms are refused (18).

Status documents are accepted only from a licensor of a license held, only
with a sequence number never lower than one already seen (rollback), and an
equal number must carry the same signed bytes (otherwise: tampering).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass, replace
from typing import Any

from knowhold.vault.errors import (
    CHECK_ORDER,
    ClockRollback,
    Expired,
    KnowholdError,
    LicenseError,
    Malformed,
    NotAddressed,
    NotFound,
    NotPermitted,
    NotYetValid,
    Revoked,
    StatusStale,
    Untrusted,
)
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.clockguard import check_clock, effective_now, observe_clock
from knowhold.vault.licensing.fetch import FETCH_DEADLINE, Fetch, fetch_all, fetch_status
from knowhold.vault.licensing.identity import Contacts, PublicIdentity, load_identity
from knowhold.vault.licensing.manifest import Manifest, parse_manifest
from knowhold.vault.licensing.package import Package, check_content, decrypt_with_key, parse_package
from knowhold.vault.licensing.payload import LicensedEntry
from knowhold.vault.licensing.receipts import build_receipt
from knowhold.vault.licensing.status import StatusDocument, StatusItemRevoked, parse_status
from knowhold.vault.licensing.terms import PERMISSIONS
from knowhold.vault.licensing.verify import (
    Check,
    Standing,
    VerifyReport,
    is_me,
    standing,
    stored_status,
    verify_package,
)
from knowhold.vault.store.storage import Vault
from knowhold.vault.timefmt import format_time

STATUSES: tuple[str, ...] = ("active", "locked", "not-yet-valid", "expired", "revoked", "destroyed")
_ID_PREFIX = re.compile(r"[0-9a-f]{6,32}")


# -- the library -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReceivedRecord:
    license_id: str
    licensor: PublicIdentity
    manifest: Manifest
    status: str  # one of STATUSES
    expires_at: int  # the current end: renewals move it
    ingested_at: int
    destroyed_at: int | None
    destroyed_reason: str | None
    manifest_hash: bytes = b""
    status_detail: str = ""  # why it is not active, in a few words
    changed: bool = True  # from ingest: False when this exact package was already held


@dataclass(frozen=True, slots=True)
class RefreshResult:
    source: str  # a status URL, "file", or "end dates" for content destroyed on the way
    changes: tuple[str, ...]
    error: str | None = None


@dataclass(frozen=True, slots=True)
class _Row:
    """One row of ``received``."""

    license_id: str
    licensor_key: bytes
    licensor_name: str
    manifest: bytes
    manifest_hash: bytes
    signature: str
    content_key: bytes | None
    payload: bytes | None  # None once destroyed, or when the row was read without it
    not_before: int
    expires_at: int
    ingested_at: int
    destroyed_at: int | None
    destroyed_reason: str | None

    @classmethod
    def of(cls, r: tuple[Any, ...]) -> _Row:
        def blob(v: Any) -> bytes | None:
            return None if v is None else bytes(v)

        return cls(
            str(r[0]),
            bytes(r[1]),
            str(r[2]),
            bytes(r[3]),
            bytes(r[4]),
            str(r[5]),
            blob(r[6]),
            blob(r[7]),
            int(r[8]),
            int(r[9]),
            int(r[10]),
            None if r[11] is None else int(r[11]),
            None if r[12] is None else str(r[12]),
        )

    def parsed(self) -> Manifest:
        """The manifest, its signature checked again (``parse_manifest``): on every use, once per use."""
        return parse_manifest(self.manifest, self.signature)

    def package(self, manifest: Manifest) -> Package:
        """The package as kept, to decrypt: no sealed key (the unsealed content key is kept
        instead), and the payload (gone once destroyed) as stored."""
        digest = hashlib.sha256(self.manifest).digest()
        return Package(manifest, self.manifest, digest, self.signature, b"", self.payload or b"")


_COLUMNS = (
    "license_id, licensor_key, licensor_name, manifest, manifest_hash, signature, content_key, payload, "
    "not_before, expires_at, ingested_at, destroyed_at, destroyed_reason"
)
# The same columns without the payload (megabytes, needed only to decrypt): for listing and judging.
_LIGHT_COLUMNS = _COLUMNS.replace(" payload,", " NULL,")
_REVOKED = "revoked"


def _destroyed_error(row: _Row) -> LicenseError:
    reason = row.destroyed_reason or ""
    text = (
        f"License {row.license_id} was destroyed on {format_time(row.destroyed_at or 0)} ({reason}); "
        "its content is gone for good and the package cannot be ingested again."
    )
    return Revoked(text) if reason.startswith(_REVOKED) else Expired(text)


def _revoked_reason(revocation: StatusItemRevoked) -> str:
    return _REVOKED + (f": {revocation.reason}" if revocation.reason else "")


class Library:
    """The licenses this vault has received, and the rules every read goes through."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self._db = vault.db
        self._audit = AuditLog(vault.db)

    # -- ingest ---------------------------------------------------------------------

    def ingest(self, data: bytes, *, trust: bool = False) -> ReceivedRecord:
        """Verify a package and keep it; nothing is written unless every check passes.

        A package not valid yet is kept (its content stays locked until its
        start); an ended, revoked or destroyed one is refused.
        """
        package = parse_package(data)
        manifest = package.manifest
        identity = load_identity(self._db)
        if not is_me(manifest.licensee, identity):
            raise NotAddressed(
                f"This package is addressed to {manifest.licensee.name} ({manifest.licensee.fingerprint}), "
                "not to this vault; nothing was stored."
            )
        content_key = check_content(package, identity)  # the one decryption and check of every entry
        license_id = manifest.license_id
        existing = self._row(license_id)
        if existing is not None and not hmac.compare_digest(existing.manifest_hash, package.manifest_hash):
            raise Malformed(
                f"This vault already holds license {license_id} with other terms: one of the two "
                "packages was tampered with. Nothing was changed."
            )
        now = observe_clock(self._db)
        if existing is not None:
            if existing.destroyed_at is not None:
                raise _destroyed_error(existing)
            # The same manifest bytes (equal hashes): what was just parsed is what is held.
            return replace(self._record(existing, now, manifest=manifest), changed=False)
        licensor = manifest.licensor
        s = standing(manifest, manifest.expires_at, self._status_of(licensor.signing_key), now, audit=False)
        if s.expired:
            raise Expired(f"License {license_id} ended on {format_time(s.end)}; nothing was stored.")
        if s.revocation is not None:
            raise Revoked(f"License {license_id} was revoked by {licensor.name}; nothing was stored.")
        contacts = Contacts(self._db)
        known = contacts.by_signing_key(licensor.signing_key)
        if known is None and not trust:
            raise Untrusted(
                f"{licensor.name} is not a contact (fingerprint {licensor.fingerprint}). Compare the "
                "fingerprint with them, then ingest again with --trust to pin their key."
            )
        row = _Row(
            license_id,
            licensor.signing_key,
            licensor.name,
            package.manifest_bytes,
            package.manifest_hash,
            package.signature,
            content_key,
            package.payload,
            manifest.not_before,
            s.end,
            now,
            None,
            None,
        )
        with self._db.transaction() as conn:
            if known is None:
                contacts.pin(licensor)
            conn.execute(
                f"INSERT INTO received ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    row.license_id,
                    row.licensor_key,
                    row.licensor_name,
                    row.manifest,
                    row.manifest_hash,
                    row.signature,
                    row.content_key,
                    row.payload,
                    row.not_before,
                    row.expires_at,
                    row.ingested_at,
                    row.destroyed_at,
                    row.destroyed_reason,
                ),
            )
            self._audit.append(
                "ingested",
                license_id,
                licensor=licensor.name,
                fingerprint=licensor.fingerprint,
                manifest_hash=package.manifest_hash.hex(),
                entries=[e.id for e in manifest.entries],
                pinned=known is None,
            )
        # The record as `get` would read it back, from the package parsed and checked above.
        return self._record(row, effective_now(self._db), manifest=manifest)

    # -- reading --------------------------------------------------------------------

    def licenses(self) -> list[ReceivedRecord]:
        """Every license held, newest first. Listing reads no content and changes nothing."""
        now = effective_now(self._db)
        rows = self._db.conn.execute(
            f"SELECT {_LIGHT_COLUMNS} FROM received ORDER BY ingested_at DESC, license_id"
        )
        cache: dict[bytes, StatusDocument | None] = {}
        return [self._record(_Row.of(r), now, cache) for r in rows.fetchall()]

    def get(self, license_id: str) -> ReceivedRecord:
        return self._record(self._resolve(license_id), effective_now(self._db))

    def show(
        self, license_id: str, entry_id: str | None = None, *, purpose: str = "view"
    ) -> tuple[ReceivedRecord, list[LicensedEntry]]:
        """The licensed entries (one, or all), after the license is checked; recorded as viewed."""
        record, entries = self.content(license_id, purpose=purpose)
        if entry_id is not None:
            entries = [e for e in entries if e.id == entry_id]
            if not entries:
                raise NotFound(f"License {record.license_id} has no entry {entry_id!r}.")
        # Which entries were read, never their text.
        self._audit.append("viewed", record.license_id, entries=[e.id for e in entries], purpose=purpose)
        return record, entries

    def content(self, license_id: str, *, purpose: str) -> tuple[ReceivedRecord, list[LicensedEntry]]:
        """Check the license for ``purpose``, then decrypt; the caller records what it did."""
        row = self._resolve(license_id, with_payload=True)
        now, manifest = self._enforce(row, purpose=purpose)
        assert row.content_key is not None  # _enforce refuses destroyed content
        entries = decrypt_with_key(row.package(manifest), row.content_key)
        return self._record(row, now, manifest=manifest), entries

    def _enforce(self, row: _Row, *, purpose: str | None, final_only: bool = False) -> tuple[int, Manifest]:
        """Raise the first failing check in ``CHECK_ORDER``; destroy ended or revoked content.

        Returns the time judged and the manifest (its signature checked
        again). ``final_only`` (accepting, which reads no content) skips the
        checks that only lock: not yet valid, stale status, permission.
        """
        if purpose is not None and purpose not in PERMISSIONS:
            raise ValueError(f"unknown purpose {purpose!r}")
        now = observe_clock(self._db)
        if row.destroyed_at is not None:
            raise _destroyed_error(row)
        manifest = row.parsed()
        s = standing(manifest, row.expires_at, self._status_of(row.licensor_key), now, audit=False)
        lid = row.license_id
        failures: list[LicenseError] = []
        if s.not_yet_valid and not final_only:
            start = format_time(manifest.not_before)
            failures.append(
                NotYetValid(f"License {lid} starts on {start}; its content is locked until then.")
            )
        if s.expired or s.revocation is not None:
            reason = "expired" if s.expired or s.revocation is None else _revoked_reason(s.revocation)
            self._destroy(lid, reason)
            gone = "; its content has been destroyed"
            if s.expired:
                failures.append(Expired(f"License {lid} ended on {format_time(s.end)}{gone}."))
            if s.revocation is not None:
                failures.append(Revoked(f"License {lid} was revoked by {manifest.licensor.name}{gone}."))
        if s.stale and not final_only:
            oldest = format_time(now - (manifest.revocation.max_status_age or 0))
            failures.append(
                StatusStale(
                    f"License {lid} needs a status document issued after {oldest}; its content is locked "
                    "until `knowhold received refresh` brings one."
                )
            )
        if purpose is not None and not final_only and not manifest.terms.allows(purpose):
            failures.append(NotPermitted(f"License {lid} does not permit {purpose}."))
        if failures:
            raise min(failures, key=lambda e: CHECK_ORDER.index(e.exit_code))
        return now, manifest

    def _destroy(self, license_id: str, reason: str) -> bool:
        """Erase the content key and ciphertext for good; the row stays as a tombstone."""
        with self._db.transaction() as conn:
            cur = conn.execute(
                "UPDATE received SET content_key = NULL, payload = NULL, destroyed_at = ?, "
                "destroyed_reason = ? WHERE license_id = ? AND destroyed_at IS NULL",
                (self._db.now(), reason, license_id),
            )
            if cur.rowcount:
                self._audit.append("destroyed", license_id, reason=reason)
        return bool(cur.rowcount)

    def sweep(self) -> list[str]:
        """Destroy now the content of every license that has ended or been revoked."""
        check_clock(self._db)
        changes: list[str] = []
        for record in self.licenses():
            if record.status in ("expired", _REVOKED) and self._destroy(
                record.license_id, record.status_detail
            ):
                changes.append(f"License {record.license_id} {record.status}: its content was destroyed.")
        return changes

    # -- status documents ------------------------------------------------------------

    def apply_status(self, data: bytes) -> list[str]:
        """Take in a status document; returns what changed (nothing when it was already held)."""
        doc = parse_status(data)
        rows = [
            _Row.of(r)
            for r in self._db.conn.execute(
                f"SELECT {_LIGHT_COLUMNS} FROM received WHERE licensor_key = ?", (doc.licensor_key,)
            ).fetchall()
        ]
        if not rows:
            raise Malformed("This status document is not from a licensor of any received license.")
        name = rows[0].licensor_name
        now = observe_clock(self._db)
        seen = self._db.conn.execute(
            "SELECT sequence, doc_hash FROM status_seen WHERE licensor_key = ?", (doc.licensor_key,)
        ).fetchone()
        if seen is not None:
            if doc.sequence < int(seen[0]):
                raise Malformed(
                    f"This status document from {name} (number {doc.sequence}) is older than one already "
                    f"seen (number {seen[0]}): refused as a rollback."
                )
            if doc.sequence == int(seen[0]):
                if not hmac.compare_digest(doc.doc_hash, bytes(seen[1])):
                    raise Malformed(
                        f"This status document from {name} carries the number of one already seen "
                        f"({doc.sequence}) but other content: refused as tampering."
                    )
                return []
        issued = format_time(doc.issued_at)
        changes = [f"Status document {doc.sequence} from {name} (issued {issued}) accepted."]
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO status_seen (licensor_key, sequence, document, doc_hash, issued_at, "
                "next_update, received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (licensor_key) DO "
                "UPDATE SET sequence = excluded.sequence, document = excluded.document, "
                "doc_hash = excluded.doc_hash, issued_at = excluded.issued_at, "
                "next_update = excluded.next_update, received_at = excluded.received_at",
                (doc.licensor_key, doc.sequence, doc.raw, doc.doc_hash, doc.issued_at, doc.next_update, now),
            )
            for row in rows:
                if row.destroyed_at is not None:
                    continue
                lid = row.license_id
                revocation = doc.revocation_of(lid)
                renewal = doc.renewal_of(lid)
                if revocation is not None:
                    self._destroy(lid, _revoked_reason(revocation))
                    why = revocation.reason or "no reason given"
                    changes.append(f"License {lid} was revoked ({why}); its content was destroyed.")
                elif renewal is not None and renewal.expires_at > row.expires_at:
                    conn.execute(
                        "UPDATE received SET expires_at = ? WHERE license_id = ?", (renewal.expires_at, lid)
                    )
                    until = format_time(renewal.expires_at)
                    changes.append(f"License {lid} was renewed until {until}.")
            self._audit.append("refreshed", None, licensor=name, sequence=doc.sequence, changes=changes[1:])
        return changes

    def refresh(
        self,
        fetch: Fetch | None = None,
        status_file: bytes | None = None,
        *,
        deadline: float = FETCH_DEADLINE,
    ) -> list[RefreshResult]:
        """Apply a status file, or fetch every live license's status URL; then sweep.

        A status file given by hand that is refused raises; a URL that fails
        is reported in its result and the others still run. The URLs are
        fetched at once, each within ``deadline`` seconds (``vault.licensing.fetch``);
        what they return is applied here, on the caller's thread and connection.
        """
        results: list[RefreshResult] = []
        if status_file is not None:
            results.append(RefreshResult("file", tuple(self.apply_status(status_file))))
        else:
            for got in fetch_all(self._status_urls(), fetch, deadline=deadline):
                if got.data is None:
                    results.append(RefreshResult(got.url, (), got.error))
                    continue
                url = got.url
                try:
                    results.append(RefreshResult(url, tuple(self.apply_status(got.data))))
                except ClockRollback:
                    raise
                except (KnowholdError, OSError, ValueError) as exc:
                    message = exc.message if isinstance(exc, KnowholdError) else str(exc)
                    results.append(RefreshResult(url, (), message))
        swept = self.sweep()
        if swept:
            results.append(RefreshResult("end dates", tuple(swept)))
        return results

    def _status_urls(self) -> list[str]:
        urls: list[str] = []
        query = f"SELECT {_LIGHT_COLUMNS} FROM received WHERE destroyed_at IS NULL"
        for r in self._db.conn.execute(query).fetchall():
            url = _Row.of(r).parsed().revocation.status_url
            if url and url not in urls:
                urls.append(url)
        return urls

    # -- acceptance, skills ------------------------------------------------------------

    def accept(self, license_id: str) -> bytes:
        """Sign an acceptance receipt for the worker: these exact terms were agreed."""
        row = self._resolve(license_id)
        now, _manifest = self._enforce(row, purpose=None, final_only=True)
        receipt = build_receipt(
            load_identity(self._db),
            license_id=row.license_id,
            manifest_hash=row.manifest_hash,
            accepted_at=now,
        )
        self._audit.append("accepted", row.license_id, manifest_hash=row.manifest_hash.hex())
        return receipt

    # -- rows -----------------------------------------------------------------------

    def _row(self, license_id: str) -> _Row | None:
        r = self._db.conn.execute(
            f"SELECT {_LIGHT_COLUMNS} FROM received WHERE license_id = ?", (license_id,)
        ).fetchone()
        return None if r is None else _Row.of(r)

    def _resolve(self, license_id: str, *, with_payload: bool = False) -> _Row:
        """A license by its id, or by a unique prefix of at least six characters.

        The payload (the ciphertext, megabytes) is read only ``with_payload``.
        """
        wanted = license_id.strip().lower()
        if not _ID_PREFIX.fullmatch(wanted):
            raise NotFound(f"No received license {license_id[:40]!r}.")
        rows = self._db.conn.execute(
            f"SELECT {_COLUMNS if with_payload else _LIGHT_COLUMNS} FROM received "
            "WHERE substr(license_id, 1, ?) = ? LIMIT 2",
            (len(wanted), wanted),
        ).fetchall()
        if not rows:
            raise NotFound(f"No received license {license_id[:40]!r}.")
        if len(rows) > 1:
            raise NotFound(f"{license_id!r} matches several received licenses; give more of the id.")
        return _Row.of(rows[0])

    def _status_of(self, licensor_key: bytes) -> StatusDocument | None:
        return stored_status(self.vault, licensor_key)

    def _record(
        self,
        row: _Row,
        now: int,
        cache: dict[bytes, StatusDocument | None] | None = None,
        *,
        manifest: Manifest | None = None,
    ) -> ReceivedRecord:
        """The record of a row; ``manifest``, when given, is the row's, already parsed and checked."""
        manifest = row.parsed() if manifest is None else manifest
        cache = {} if cache is None else cache
        if row.licensor_key not in cache:
            cache[row.licensor_key] = self._status_of(row.licensor_key)
        s = standing(manifest, row.expires_at, cache[row.licensor_key], now, audit=False)
        status, detail = _status_of_row(row, manifest, s)
        return ReceivedRecord(
            license_id=row.license_id,
            licensor=manifest.licensor,
            manifest=manifest,
            status=status,
            expires_at=s.end,
            ingested_at=row.ingested_at,
            destroyed_at=row.destroyed_at,
            destroyed_reason=row.destroyed_reason,
            manifest_hash=row.manifest_hash,
            status_detail=detail,
        )


def _status_of_row(row: _Row, manifest: Manifest, s: Standing) -> tuple[str, str]:
    if row.destroyed_at is not None:
        return "destroyed", row.destroyed_reason or ""
    if s.not_yet_valid:
        return "not-yet-valid", f"starts {format_time(manifest.not_before)}"
    if s.expired:
        return "expired", "expired"
    if s.revocation is not None:
        return _REVOKED, _revoked_reason(s.revocation)
    if s.stale:
        return "locked", "status document too old: refresh"
    return "active", ""


__all__ = [
    "STATUSES",
    "Check",
    "Library",
    "ReceivedRecord",
    "RefreshResult",
    "VerifyReport",
    "fetch_status",
    "verify_package",
]
