"""The employer's side: the library of licenses received.

(``verify_package``, which checks a package without storing anything, lives
in ``vault.licensing.verify`` and is re-exported here.) ``Library`` keeps
ingested packages inside the vault (the content key and the ciphertext, in
the same SQLCipher encryption as everything else) and enforces the license
at every touch (``vault.licensing.enforcement``):

* ends are judged at the vault's time floor (``vault.licensing.clockguard``):
  never below the latest clock reading seen, nor below any signed time
  accepted (a status document's or a stored package's ``issued_at``); a
  clock set back is refused when content is read (17);
* every command that touches the library first destroys the content of
  licenses that have ended or been revoked, and records the time: listing,
  reading, exporting, pruning, refreshing, ingesting, backing up (12/13);
  the license id stays as a tombstone so the package is never taken again;
* before ``not_before`` the content stays locked (11); ingesting early is
  allowed, so a package can arrive before its start date;
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

import hmac
from collections.abc import Sequence
from dataclasses import dataclass, replace

from knowhold.vault.errors import (
    ClockRollback,
    Expired,
    KnowholdError,
    Malformed,
    NotAddressed,
    NotFound,
    Revoked,
    Untrusted,
)
from knowhold.vault.i18n import N_, Message
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.clockguard import check_signed_time, observe_clock, raise_floor, record_time
from knowhold.vault.licensing.enforcement import (
    Enforcer,
    StatusCache,
    destroyed_error,
    revoked_reason,
    standing,
    status_of,
)
from knowhold.vault.licensing.fetch import FETCH_DEADLINE, Fetch, Fetched, fetch_all, fetch_status
from knowhold.vault.licensing.identity import Contacts, PublicIdentity, load_identity
from knowhold.vault.licensing.manifest import Manifest
from knowhold.vault.licensing.package import (
    Package,
    check_content,
    decrypt_entry,
    decrypt_with_key,
    parse_package,
)
from knowhold.vault.licensing.payload import LicensedEntry
from knowhold.vault.licensing.receipts import build_receipt
from knowhold.vault.licensing.received_store import ReceivedContent, ReceivedRow, ReceivedStore
from knowhold.vault.licensing.status import StatusDocument, parse_status
from knowhold.vault.licensing.verify import Check, VerifyReport, is_me, verify_package
from knowhold.vault.store.storage import Vault
from knowhold.vault.timefmt import format_time

STATUSES: tuple[str, ...] = ("active", "locked", "not-yet-valid", "expired", "revoked", "destroyed")
SWEPT = "end dates"  # the source of a refresh's result for content destroyed at its end


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
    source: str  # a status URL, "file", or SWEPT for content destroyed on the way
    changes: tuple[str, ...]
    error: str | None = None


class Library:
    """The licenses this vault has received, and the rules every touch goes through."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self._db = vault.db
        self._audit = AuditLog(vault.db)
        self._store = ReceivedStore(vault.db)
        self._rules = Enforcer(vault.db, self._store, self._audit)

    # -- ingest ---------------------------------------------------------------------

    def ingest(self, data: bytes, *, trust: bool = False) -> ReceivedRecord:
        """Verify a package and keep it; nothing is written unless every check passes.

        The steps, in order: the bytes alone (format, signature, addressed to
        this vault, every entry decrypts and matches); the terms against any
        package already held under that id; the time (a clock set back or a
        signing time far ahead is refused, then ends are enforced); the
        license's own standing; the licensor's trust; then one transaction.
        A package not valid yet is kept (its content stays locked until its
        start); an ended, revoked or destroyed one is refused.
        """
        package, content_key = self._checked_package(data)
        manifest = package.manifest
        existing = self._store.row(manifest.license_id)
        if existing is not None and not hmac.compare_digest(existing.manifest_hash, package.manifest_hash):
            raise Malformed(
                f"This vault already holds license {manifest.license_id} with other terms: one of the "
                "two packages was tampered with. Nothing was changed."
            )
        check_signed_time(self._db, manifest.issued_at, "package")
        now = observe_clock(self._db)
        self._rules.enforce_ends(now)
        if existing is not None:
            return self._already_held(manifest)
        # The package's own signing time is a floor for judging it (recorded once it is stored).
        now = max(now, manifest.issued_at)
        end = self._refuse_ended(manifest, now)
        pinned = self._check_trust(manifest.licensor, trust)
        row = _new_row(package, end=end, now=now)
        self._keep(row, ReceivedContent(content_key, package.payload), manifest, pinned=pinned)
        # The record as `get` would read it back, from the package parsed and checked above.
        return self._record(row, now, manifest=manifest)

    def _checked_package(self, data: bytes) -> tuple[Package, bytes]:
        """The package and its content key, from the bytes alone: nothing stored is read or changed."""
        package = parse_package(data)
        manifest = package.manifest
        identity = load_identity(self._db)
        if not is_me(manifest.licensee, identity):
            raise NotAddressed(
                f"This package is addressed to {manifest.licensee.name} ({manifest.licensee.fingerprint}), "
                "not to this vault; nothing was stored."
            )
        return package, check_content(package, identity)  # the one decryption and check of every entry

    def _already_held(self, manifest: Manifest) -> ReceivedRecord:
        """The same manifest bytes again: its record, unchanged (refused if destroyed)."""
        row = self._store.row(manifest.license_id)
        assert row is not None  # held before the ends were enforced; destruction keeps the row
        if row.destroyed_at is not None:
            raise destroyed_error(row)
        return replace(self._record(row, record_time(self._db), manifest=manifest), changed=False)

    def _refuse_ended(self, manifest: Manifest, now: int) -> int:
        """Refuse a package that has ended or is known revoked; returns its end (as renewed)."""
        licensor = manifest.licensor
        doc = self._rules.status_doc(licensor.signing_key)
        s = standing(manifest, manifest.expires_at, doc, now, audit=False)
        lid = manifest.license_id
        if s.expired:
            raise Expired(f"License {lid} ended on {format_time(s.end)}; nothing was stored.")
        if s.revocation is not None:
            raise Revoked(f"License {lid} was revoked by {licensor.name}; nothing was stored.")
        return s.end

    def _check_trust(self, licensor: PublicIdentity, trust: bool) -> bool:
        """Whether the licensor must be pinned (``trust`` given for an unknown key)."""
        if Contacts(self._db).by_signing_key(licensor.signing_key) is not None:
            return False
        if not trust:
            raise Untrusted(
                f"{licensor.name} is not a contact (fingerprint {licensor.fingerprint}). Compare the "
                "fingerprint with them, then ingest again with --trust to pin their key."
            )
        return True

    def _keep(self, row: ReceivedRow, content: ReceivedContent, manifest: Manifest, *, pinned: bool) -> None:
        """Store the row and its content, pin the licensor if asked, raise the time floor, audit:
        all or nothing."""
        licensor = manifest.licensor
        with self._db.transaction():
            if pinned:
                Contacts(self._db).pin(licensor)
            self._store.insert(row, content)
            raise_floor(self._db, manifest.issued_at)
            self._audit.append(
                "ingested",
                row.license_id,
                licensor=licensor.name,
                fingerprint=licensor.fingerprint,
                manifest_hash=row.manifest_hash.hex(),
                entries=[e.id for e in manifest.entries],
                pinned=pinned,
            )

    # -- reading --------------------------------------------------------------------

    def licenses(self) -> list[ReceivedRecord]:
        """Every license held, newest first, after ended content is destroyed. Reads no content."""
        now = record_time(self._db)
        rows = self._store.rows()
        # One read of the rows serves both: a second only when content was just destroyed.
        if self._rules.enforce_ends(now, rows):
            rows = self._store.rows()
        cache: StatusCache = {}
        return [self._record(row, now, cache) for row in rows]

    def get(self, license_id: str) -> ReceivedRecord:
        now = record_time(self._db)
        self._rules.enforce_ends(now)
        return self._record(self._store.resolve(license_id), now)

    def show(
        self, license_id: str, entry_id: str | None = None, *, purpose: str = "view"
    ) -> tuple[ReceivedRecord, list[LicensedEntry]]:
        """The licensed entries (one, or all), after the license is checked; recorded as viewed."""
        record, entries = self.content(license_id, purpose=purpose, entry_id=entry_id)
        # Which entries were read, never their text.
        self._audit.append("viewed", record.license_id, entries=[e.id for e in entries], purpose=purpose)
        return record, entries

    def content(
        self, license_id: str, *, purpose: str, entry_id: str | None = None
    ) -> tuple[ReceivedRecord, list[LicensedEntry]]:
        """Check the license for ``purpose``, then decrypt: every entry, or only ``entry_id``.

        One entry costs the decryption of the payload and that entry's own
        checks, not every file of the package (``package.decrypt_entry``).
        Nothing decrypted is kept between calls. The caller records what it did.
        """
        now = self._enforced_time()
        row = self._store.resolve(license_id)
        manifest = self._rules.check(row, now, purpose=purpose)  # refuses destroyed content
        index = None
        if entry_id is not None:
            index = next((i for i, e in enumerate(manifest.entries) if e.id == entry_id), None)
            if index is None:
                raise NotFound(f"License {row.license_id} has no entry {entry_id!r}.")
        content = self._store.content(row)
        package = row.package(manifest, content)
        if index is None:
            entries = decrypt_with_key(package, content.content_key)
        else:
            entries = [decrypt_entry(package, content.content_key, index)]
        return self._record(row, now, manifest=manifest), entries

    def _enforced_time(self) -> int:
        """For reading content: refuse a clock set back, destroy what ended, return the floor."""
        now = observe_clock(self._db)
        self._rules.enforce_ends(now)
        return now

    def sweep(self) -> list[str]:
        """Destroy now the content of every license that has ended or been revoked; record the time.

        Never refused for a clock set back: it can only destroy, judged at the
        floor. Backups run it first, so a copy never holds ended content.
        """
        if self._store.is_empty():
            return []  # a worker's vault: nothing to judge, and no write before its backup
        return self._rules.enforce_ends(record_time(self._db))

    # -- status documents ------------------------------------------------------------

    def apply_status(self, data: bytes) -> list[str]:
        """Take in a status document; returns what changed (nothing when it was already held).

        Its signing time raises the time floor (if it is not far ahead of this
        clock), so ends passed by then are enforced even on a slow clock.
        """
        doc = parse_status(data)
        rows = self._store.rows_of(doc.licensor_key)
        if not rows:
            raise Malformed("This status document is not from a licensor of any received license.")
        name = rows[0].licensor_name
        now = observe_clock(self._db)
        if self._already_seen(doc, name):
            return []
        check_signed_time(self._db, doc.issued_at, "status document")
        self._rules.enforce_ends(now)
        issued = format_time(doc.issued_at)
        changes: list[str] = [
            Message(
                N_("Status document {sequence} from {name} (issued {issued}) accepted."),
                sequence=str(doc.sequence),
                name=name,
                issued=issued,
            )
        ]
        with self._db.transaction():
            self._store.save_status(doc, now)
            raise_floor(self._db, doc.issued_at)
            for row in self._store.rows_of(doc.licensor_key):
                changes += self._apply_to(doc, row, max(now, doc.issued_at))
            self._audit.append("refreshed", None, licensor=name, sequence=doc.sequence, changes=changes[1:])
        return changes

    def _already_seen(self, doc: StatusDocument, name: str) -> bool:
        """True for the document already held; refuses an older one or another with its number."""
        seen = self._store.seen_status(doc.licensor_key)
        if seen is None:
            return False
        sequence, doc_hash = seen
        if doc.sequence < sequence:
            raise Malformed(
                f"This status document from {name} (number {doc.sequence}) is older than one already "
                f"seen (number {sequence}): refused as a rollback."
            )
        if doc.sequence > sequence:
            return False
        if not hmac.compare_digest(doc.doc_hash, doc_hash):
            raise Malformed(
                f"This status document from {name} carries the number of one already seen "
                f"({doc.sequence}) but other content: refused as tampering."
            )
        return True

    def _apply_to(self, doc: StatusDocument, row: ReceivedRow, now: int) -> list[str]:
        """One license's revocation or renewal from ``doc``; what changed."""
        if row.destroyed_at is not None:
            return []
        lid = row.license_id
        revocation = doc.revocation_of(lid)
        renewal = doc.renewal_of(lid)
        if revocation is not None:
            self._rules.destroy(lid, revoked_reason(revocation), now)
            if revocation.reason:
                return [
                    Message(
                        N_("License {id} was revoked ({reason}); its content was destroyed."),
                        id=lid,
                        reason=revocation.reason,
                    )
                ]
            unexplained = N_("License {id} was revoked (no reason given); its content was destroyed.")
            return [Message(unexplained, id=lid)]
        if renewal is not None and renewal.expires_at > row.expires_at:
            self._store.renew(lid, renewal.expires_at)
            end = format_time(renewal.expires_at)
            return [Message(N_("License {id} was renewed until {end}."), id=lid, end=end)]
        return []

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
        if status_file is not None:
            return self._swept([RefreshResult("file", tuple(self.apply_status(status_file)))])
        return self.apply_fetched(fetch_all(self.status_urls(), fetch, deadline=deadline))

    def status_urls(self) -> list[str]:
        """The status URLs ``refresh`` fetches: every live license's, once each, oldest first.

        With ``apply_fetched``, the two halves of ``refresh`` for a caller that
        fetches on another thread, so the network never holds the vault.
        """
        urls: list[str] = []
        for row in self._store.live_rows():
            url = self._store.manifest(row).revocation.status_url
            if url and url not in urls:
                urls.append(url)
        return urls

    def apply_fetched(self, fetched: Sequence[Fetched]) -> list[RefreshResult]:
        """Apply what ``fetch_all`` brought back for ``status_urls``, then sweep; one result per URL."""
        results: list[RefreshResult] = []
        for got in fetched:
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
        return self._swept(results)

    def _swept(self, results: list[RefreshResult]) -> list[RefreshResult]:
        swept = self.sweep()
        if swept:
            results.append(RefreshResult(SWEPT, tuple(swept)))
        return results

    # -- acceptance ----------------------------------------------------------------------

    def accept(self, license_id: str) -> bytes:
        """Sign an acceptance receipt for the worker: these exact terms were agreed."""
        now = self._enforced_time()
        row = self._store.resolve(license_id)
        self._rules.check(row, now, purpose=None, final_only=True)
        receipt = build_receipt(
            load_identity(self._db),
            license_id=row.license_id,
            manifest_hash=row.manifest_hash,
            accepted_at=now,
        )
        self._audit.append("accepted", row.license_id, manifest_hash=row.manifest_hash.hex())
        return receipt

    # -- records ------------------------------------------------------------------------

    def _record(
        self,
        row: ReceivedRow,
        now: int,
        cache: StatusCache | None = None,
        *,
        manifest: Manifest | None = None,
    ) -> ReceivedRecord:
        """The record of a row; ``manifest``, when given, is the row's, already parsed and checked."""
        manifest = self._store.manifest(row) if manifest is None else manifest
        s = self._rules.standing_of(row, manifest, now, cache)
        status, detail = status_of(row, manifest, s)
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


def _new_row(package: Package, *, end: int, now: int) -> ReceivedRow:
    """The row an ingested package becomes (its content is kept beside it, in ``received_content``)."""
    manifest = package.manifest
    licensor = manifest.licensor
    return ReceivedRow(
        license_id=manifest.license_id,
        licensor_key=licensor.signing_key,
        licensor_name=licensor.name,
        manifest=package.manifest_bytes,
        manifest_hash=package.manifest_hash,
        signature=package.signature,
        not_before=manifest.not_before,
        expires_at=end,
        ingested_at=now,
        destroyed_at=None,
        destroyed_reason=None,
    )


__all__ = [
    "STATUSES",
    "SWEPT",
    "Check",
    "Library",
    "ReceivedRecord",
    "RefreshResult",
    "VerifyReport",
    "fetch_status",
    "verify_package",
]
