"""Verifying a license package without storing anything (``knowhold verify``).

``verify_package`` answers "may I use this?": it runs every check and
reports each, so a script reads the whole list, and the exit code is the
first failing one in ``CHECK_ORDER``. Nothing is written, not even the
vault's record of time when judging ``at`` a past moment for an audit.

The judgement of a license at one moment (``standing``: not yet valid,
ended, revoked, stale) and the reading of a licensor's stored status
document are shared with the received library (``vault.received``), which
enforces the same rules on every read.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from knowhold.vault.errors import CHECK_ORDER, ClockRollback, Malformed, NotAddressed
from knowhold.vault.licensing.clockguard import effective_now, observe_clock
from knowhold.vault.licensing.identity import Contacts, Identity, PublicIdentity, load_identity
from knowhold.vault.licensing.manifest import Manifest
from knowhold.vault.licensing.package import Package, check_content, parse_package
from knowhold.vault.licensing.status import StatusDocument, StatusItemRevoked, parse_status
from knowhold.vault.licensing.terms import PERMISSIONS, Terms
from knowhold.vault.store.storage import Vault
from knowhold.vault.timefmt import format_time


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool | None  # None: not applicable, or not checkable here
    detail: str
    code: int  # the exit code this check stands for when it fails


@dataclass(frozen=True, slots=True)
class VerifyReport:
    valid: bool
    license_id: str | None
    exit_code: int
    checks: tuple[Check, ...]


@dataclass(frozen=True, slots=True)
class Standing:
    """What the time and status checks say about a license at one moment (shared with the library)."""

    not_yet_valid: bool
    end: int
    expired: bool
    revocation: StatusItemRevoked | None
    stale: bool  # False when the license sets no maximum status age
    newest_status: int  # the latest signed "active as of" time known


def standing(manifest: Manifest, end: int, doc: StatusDocument | None, t: int, *, audit: bool) -> Standing:
    license_id = manifest.license_id
    revocation = None
    newest = manifest.issued_at
    if doc is not None:
        renewal = doc.renewal_of(license_id)
        if renewal is not None:
            end = max(end, renewal.expires_at)
        revocation = doc.revocation_of(license_id)
        # For "was it valid then", a revocation counts from its own time on.
        if revocation is not None and audit and revocation.revoked_at > t:
            revocation = None
        newest = max(newest, doc.issued_at)
    max_age = manifest.revocation.max_status_age
    stale = max_age is not None and newest < t - max_age
    return Standing(t < manifest.not_before, end, t > end, revocation, stale, newest)


def _exit_code(checks: tuple[Check, ...]) -> int:
    failing = {c.code for c in checks if c.ok is False}
    return next((code for code in CHECK_ORDER if code in failing), 0)


def stored_status(vault: Vault, licensor_key: bytes) -> StatusDocument | None:
    row = vault.db.conn.execute(
        "SELECT document FROM status_seen WHERE licensor_key = ?", (licensor_key,)
    ).fetchone()
    return None if row is None else parse_status(bytes(row[0]), licensor_key)


def _pick_status(
    given: bytes | None, stored: StatusDocument | None, licensor_key: bytes
) -> tuple[StatusDocument | None, Check | None]:
    """The status document to judge by, and a failing check if the given one is refused."""
    if given is None:
        return stored, None
    try:
        doc = parse_status(given, licensor_key)
    except Malformed as exc:
        return stored, Check("status", False, f"status document refused: {exc.message}", 10)
    if stored is not None:
        if doc.sequence < stored.sequence:
            return stored, Check(
                "status",
                False,
                f"status document {doc.sequence} is older than {stored.sequence}, already seen (rollback)",
                10,
            )
        if doc.sequence == stored.sequence and not hmac.compare_digest(doc.doc_hash, stored.doc_hash):
            return stored, Check(
                "status",
                False,
                f"status document {doc.sequence} differs from the one already seen (tampering)",
                10,
            )
    return doc, None


def _permissions_text(terms: Terms) -> str:
    allowed = [p for p in PERMISSIONS if p in terms.allowed]
    denied = [p for p in PERMISSIONS if p not in terms.allowed]
    text = "allowed: " + ", ".join(allowed) + "; denied: " + (", ".join(denied) or "none")
    return text + ("; AI use must be reviewed by a person" if terms.human_review else "")


def verify_package(
    data: bytes,
    *,
    vault: Vault | None,
    status: bytes | None,
    at: int | None,
    now: int | None = None,
) -> VerifyReport:
    """Run every check on a package and report each; nothing is stored.

    The time judged is ``at`` when given (an audit: "was it valid then?",
    which changes nothing, not even the vault's record of time), else the
    vault's clock, else ``now`` (required when there is neither).
    """
    skip = "not checked: the package could not be read"
    checks: dict[str, Check] = {}

    def put(name: str, ok: bool | None, detail: str, code: int) -> None:
        checks[name] = Check(name, ok, detail, code)

    package: Package | None = None
    try:
        package = parse_package(data)
        put("format", True, "format, signature and canonical form are valid", 10)
    except Malformed as exc:
        put("format", False, exc.message, 10)

    # The clock and the time judged.
    if at is not None:
        t = at
        put("clock", None, f"not checked: judged at {format_time(at)} (--at)", 17)
    elif vault is not None:
        try:
            t = observe_clock(vault.db)
            put("clock", True, "not earlier than the latest time this vault has seen", 17)
        except ClockRollback as exc:
            t = effective_now(vault.db)
            put("clock", False, exc.message, 17)
    else:
        if now is None:
            raise ValueError("verify_package needs `now` (or `at`) when there is no vault")
        t = now
        put("clock", None, "not checked: no vault", 17)

    if package is None:
        for name, code in (
            ("integrity", 10),
            ("addressed", 15),
            ("not-before", 11),
            ("expiry", 12),
            ("revocation", 13),
            ("status", 14),
            ("trust", 16),
            ("permissions", 18),
        ):
            put(name, None, skip, code)
        return _report(None, checks)

    manifest = package.manifest
    licensor = manifest.licensor
    identity = load_identity(vault.db) if vault is not None else None

    # Addressing and integrity: only the licensee's vault can open the content.
    if identity is None:
        put("integrity", None, "not checked: no vault (only the licensee's vault can decrypt)", 10)
        put("addressed", None, f"not checked: no vault (addressed to {manifest.licensee.name})", 15)
    elif not is_me(manifest.licensee, identity):
        put("integrity", None, "not checked: only the licensee's vault can decrypt", 10)
        put(
            "addressed",
            False,
            f"addressed to {manifest.licensee.name} ({manifest.licensee.fingerprint}), "
            f"not to this vault ({identity.public.fingerprint})",
            15,
        )
    else:
        try:
            check_content(package, identity)
            put("integrity", True, f"{len(manifest.entries)} entries decrypt and match their hashes", 10)
        except (Malformed, NotAddressed) as exc:
            put("integrity", False, exc.message, exc.exit_code)
        put("addressed", True, f"addressed to this vault ({identity.public.fingerprint})", 15)

    # Time, revocation and freshness.
    stored = stored_status(vault, licensor.signing_key) if vault is not None else None
    doc, refused = _pick_status(status, stored, licensor.signing_key)
    end = manifest.expires_at
    if vault is not None:
        row = vault.db.conn.execute(
            "SELECT expires_at FROM received WHERE license_id = ? AND manifest_hash = ?",
            (manifest.license_id, package.manifest_hash),
        ).fetchone()
        if row is not None:
            end = max(end, int(row[0]))
    s = standing(manifest, end, doc, t, audit=at is not None)
    when = f"at {format_time(t)}"
    if s.not_yet_valid:
        put("not-before", False, f"not valid until {format_time(manifest.not_before)} ({when})", 11)
    else:
        put("not-before", True, f"valid from {format_time(manifest.not_before)}", 11)
    renewed = " (renewed)" if s.end > manifest.expires_at else ""
    if s.expired:
        put("expiry", False, f"ended {format_time(s.end)}{renewed} ({when})", 12)
    else:
        put("expiry", True, f"ends {format_time(s.end)}{renewed}", 12)
    if s.revocation is not None:
        reason = f": {s.revocation.reason}" if s.revocation.reason else ""
        put("revocation", False, f"revoked {format_time(s.revocation.revoked_at)}{reason}", 13)
    elif doc is None:
        put("revocation", True, "no status document known: not known to be revoked", 13)
    else:
        put("revocation", True, f"not revoked (status document {doc.sequence})", 13)
    max_age = manifest.revocation.max_status_age
    if refused is not None:
        checks["status"] = refused
    elif max_age is None:
        detail = "not required by this license" + (f" (status document {doc.sequence})" if doc else "")
        put("status", None if doc is None else True, detail, 14)
    elif s.stale:
        put(
            "status",
            False,
            f"no status newer than {format_time(t - max_age)}; the newest is from "
            f"{format_time(s.newest_status)} (refresh, or give --status FILE)",
            14,
        )
    else:
        put("status", True, f"status as of {format_time(s.newest_status)} is within the maximum age", 14)

    # Trust, then what the terms permit.
    contact = Contacts(vault.db).by_signing_key(licensor.signing_key) if vault is not None else None
    if vault is None:
        put("trust", False, f"unknown: no vault to look {licensor.name} up in ({licensor.fingerprint})", 16)
    elif contact is None:
        put("trust", False, f"unknown: {licensor.name} ({licensor.fingerprint}) is not a contact", 16)
    elif contact.verified:
        put("trust", True, f"verified contact {contact.name} ({contact.fingerprint})", 16)
    else:
        put("trust", True, f"known, not verified: contact {contact.name} ({contact.fingerprint})", 16)
    put("permissions", None, _permissions_text(manifest.terms), 18)
    return _report(manifest.license_id, checks)


def _report(license_id: str | None, checks: dict[str, Check]) -> VerifyReport:
    order = (
        "format",
        "integrity",
        "addressed",
        "clock",
        "not-before",
        "expiry",
        "revocation",
        "status",
        "trust",
        "permissions",
    )
    ordered = tuple(checks[name] for name in order)
    code = _exit_code(ordered)
    return VerifyReport(code == 0, license_id, code, ordered)


def is_me(party: PublicIdentity, identity: Identity) -> bool:
    mine = identity.public
    return hmac.compare_digest(party.signing_key + party.hpke_key, mine.signing_key + mine.hpke_key)


__all__ = ["Check", "Standing", "VerifyReport", "is_me", "standing", "stored_status", "verify_package"]
