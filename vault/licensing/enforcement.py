"""A license's rules, applied: judging it at one moment, and destroying what has ended.

``standing`` is the judgement alone (not yet valid, ended, revoked, stale),
shared with ``verify_package``. ``Enforcer`` applies it to the library's
rows, always at the vault's time floor (``vault.licensing.clockguard``):

* ``enforce_ends`` destroys the content of every license that has ended or
  been revoked, and is run by every command that touches the library before
  anything else (list, show, export, prune, refresh, ingest, backup). A check
  that runs only when content is read would let a copy taken after the end
  (a backup, a copied folder) still hold the content, to be read later with
  the clock set back;
* ``check`` raises the first failing check of one license for one use, in
  ``CHECK_ORDER``, destroying its content if it has ended.

Destruction deletes the content key and ciphertext (their row in
``received_content``), keeps the license id as a tombstone (so the same
package can never be ingested again) and is written to the audit log with
its reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from knowhold.vault.errors import (
    CHECK_ORDER,
    Expired,
    LicenseError,
    NotPermitted,
    NotYetValid,
    Revoked,
    StatusStale,
)
from knowhold.vault.i18n import N_, Message
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.manifest import Manifest
from knowhold.vault.licensing.received_store import ReceivedRow, ReceivedStore
from knowhold.vault.licensing.status import StatusDocument, StatusItemRevoked
from knowhold.vault.licensing.terms import PERMISSIONS
from knowhold.vault.store.db import Database
from knowhold.vault.timefmt import format_time

REVOKED = "revoked"
StatusCache = dict[bytes, StatusDocument | None]


@dataclass(frozen=True, slots=True)
class Standing:
    """What the time and status checks say about a license at one moment (shared with verify)."""

    not_yet_valid: bool
    end: int
    expired: bool
    revocation: StatusItemRevoked | None
    stale: bool  # False when the license sets no maximum status age
    newest_status: int  # the latest signed "active as of" time known


def standing(manifest: Manifest, end: int, doc: StatusDocument | None, t: int, *, audit: bool) -> Standing:
    """Judge ``manifest`` at ``t``, its end as renewed so far ``end``, by the status ``doc`` if any.

    The signed manifest itself counts as "active as of ``issued_at``" for a
    maximum status age, so a new package is usable at once. ``audit`` ("was
    it valid then?") counts a revocation only from its own time on.
    """
    license_id = manifest.license_id
    revocation = None
    newest = manifest.issued_at
    if doc is not None:
        renewal = doc.renewal_of(license_id)
        if renewal is not None:
            end = max(end, renewal.expires_at)
        revocation = doc.revocation_of(license_id)
        if revocation is not None and audit and revocation.revoked_at > t:
            revocation = None
        newest = max(newest, doc.issued_at)
    max_age = manifest.revocation.max_status_age
    stale = max_age is not None and newest < t - max_age
    return Standing(t < manifest.not_before, end, t > end, revocation, stale, newest)


def revoked_reason(revocation: StatusItemRevoked) -> str:
    return REVOKED + (f": {revocation.reason}" if revocation.reason else "")


def destroyed_error(row: ReceivedRow) -> LicenseError:
    reason = row.destroyed_reason or ""
    text = (
        f"License {row.license_id} was destroyed on {format_time(row.destroyed_at or 0)} ({reason}); "
        "its content is gone for good and the package cannot be ingested again."
    )
    return Revoked(text) if reason.startswith(REVOKED) else Expired(text)


def status_of(row: ReceivedRow, manifest: Manifest, s: Standing) -> tuple[str, str]:
    """The status shown for a row (one of ``received.STATUSES``) and why, in a few words."""
    if row.destroyed_at is not None:
        return "destroyed", row.destroyed_reason or ""
    if s.not_yet_valid:
        return "not-yet-valid", Message(N_("starts {time}"), time=format_time(manifest.not_before))
    if s.expired:
        return "expired", "expired"
    if s.revocation is not None:
        return REVOKED, revoked_reason(s.revocation)
    if s.stale:
        return "locked", Message(N_("status document too old: refresh"))
    return "active", ""


def _end_reason(s: Standing) -> str | None:
    """Why the content must go now, or None while it may stay."""
    if s.expired:
        return "expired"
    return None if s.revocation is None else revoked_reason(s.revocation)


def _locks(lid: str, manifest: Manifest, s: Standing, t: int, purpose: str | None) -> list[LicenseError]:
    """The checks that lock content without destroying it: not yet valid, stale, not permitted."""
    failures: list[LicenseError] = []
    if s.not_yet_valid:
        start = format_time(manifest.not_before)
        failures.append(NotYetValid(f"License {lid} starts on {start}; its content is locked until then."))
    if s.stale:
        oldest = format_time(t - (manifest.revocation.max_status_age or 0))
        failures.append(
            StatusStale(
                f"License {lid} needs a status document issued after {oldest}; its content is locked "
                "until one arrives."
            )
        )
    if purpose is not None and not manifest.terms.allows(purpose):
        failures.append(NotPermitted(f"License {lid} does not permit {purpose}."))
    return failures


def _ends(lid: str, manifest: Manifest, s: Standing) -> list[LicenseError]:
    gone = "; its content has been destroyed"
    failures: list[LicenseError] = []
    if s.expired:
        failures.append(Expired(f"License {lid} ended on {format_time(s.end)}{gone}."))
    if s.revocation is not None:
        failures.append(Revoked(f"License {lid} was revoked by {manifest.licensor.name}{gone}."))
    return failures


class Enforcer:
    """The rules applied to the library's rows, at a time the caller took from the clock guard."""

    def __init__(self, db: Database, store: ReceivedStore, audit: AuditLog) -> None:
        self._db = db
        self._store = store
        self._audit = audit

    def status_doc(self, licensor_key: bytes, cache: StatusCache | None = None) -> StatusDocument | None:
        """The licensor's stored status document; ``cache`` reads each licensor's once."""
        if cache is None:
            return self._store.stored_status(licensor_key)
        if licensor_key not in cache:
            cache[licensor_key] = self._store.stored_status(licensor_key)
        return cache[licensor_key]

    def standing_of(
        self, row: ReceivedRow, manifest: Manifest, t: int, cache: StatusCache | None = None
    ) -> Standing:
        return standing(manifest, row.expires_at, self.status_doc(row.licensor_key, cache), t, audit=False)

    def destroy(self, license_id: str, reason: str, at: int) -> bool:
        """Erase the content for good and record it; False if it was already gone."""
        with self._db.transaction():
            erased = self._store.erase(license_id, reason, at)
            if erased:
                self._audit.append("destroyed", license_id, reason=reason)
        return erased

    def enforce_ends(self, t: int, rows: Sequence[ReceivedRow] | None = None) -> list[str]:
        """Destroy the content of every license ended or revoked at ``t``; say what went.

        ``rows``: the library's rows as the caller has just read them (a listing
        reads them once for both), instead of reading the live ones here.
        """
        changes: list[str] = []
        cache: StatusCache = {}
        live = self._store.live_rows() if rows is None else [r for r in rows if r.destroyed_at is None]
        for row in live:
            s = self.standing_of(row, self._store.manifest(row), t, cache)
            reason = _end_reason(s)
            if reason is not None and self.destroy(row.license_id, reason, t):
                went = (
                    N_("License {id} expired: its content was destroyed.")
                    if s.expired
                    else N_("License {id} revoked: its content was destroyed.")
                )
                changes.append(Message(went, id=row.license_id))
        return changes

    def check(self, row: ReceivedRow, t: int, *, purpose: str | None, final_only: bool = False) -> Manifest:
        """Raise the first failing check in ``CHECK_ORDER``; destroy ended or revoked content.

        Returns the manifest (its signature checked again). ``final_only``
        (accepting, which reads no content) skips the checks that only lock:
        not yet valid, stale status, permission.
        """
        if purpose is not None and purpose not in PERMISSIONS:
            raise ValueError(f"unknown purpose {purpose!r}")
        if row.destroyed_at is not None:
            raise destroyed_error(row)
        manifest = self._store.manifest(row)
        s = self.standing_of(row, manifest, t)
        lid = row.license_id
        reason = _end_reason(s)
        if reason is not None:
            self.destroy(lid, reason, t)
        failures = _ends(lid, manifest, s)
        if not final_only:
            failures += _locks(lid, manifest, s, t, purpose)
        if failures:
            raise min(failures, key=lambda e: CHECK_ORDER.index(e.exit_code))
        return manifest


__all__ = ["REVOKED", "Enforcer", "Standing", "destroyed_error", "revoked_reason", "standing", "status_of"]
