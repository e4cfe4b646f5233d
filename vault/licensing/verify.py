"""Verifying a license package without storing anything (``knowhold verify``).

``verify_package`` answers "may I use this?": it runs every check and
reports each, so a script reads the whole list, and the exit code is the
first failing one in ``CHECK_ORDER``. Nothing is written, not even the
vault's record of time when judging ``at`` a past moment for an audit.

The checks are one table (``CHECKS``: name, exit code, function), walked in
the documented order; each function reads one ``_Case``, gathered once:

* format: the framing, the manifest's signature (by the key the manifest
  names, checked before the manifest is parsed) and its canonical form;
  anything that does not parse is reported here and every check that needs
  the package says "not checked";
* integrity and addressed: only the licensee's vault can open the sealed
  content key, so a package for someone else, or a payload swapped in from
  another package, is found only there;
* clock: a clock set back past what this vault has seen, a damaged record
  of time, or a signing time more than a day past this clock;
* not-before, expiry, revocation, status: judged at the time floor, never
  below any signed time at hand (the package's, the status document's), so a
  slow clock cannot make an ended license look alive; a status document given
  must be signed by the package's licensor and not older than one the vault
  holds (rollback) nor differ from it under the same number (tampering);
* trust: the licensor must be a contact, since anyone can make a key and sign
  a package; permissions: reported, never failing here.

The judgement of a license at one moment is ``enforcement.standing``, the
same rule the received library enforces on every touch.

Each check's ``detail`` is an ``i18n.Message``: the English scripts read in
``--json`` (never changing with the language), which remembers the template
it was made from (marked for the catalogue with ``N_``) and the values put in
it, so the command line and the app ``say`` it in the reader's language while
fingerprints, names and times stay as they are.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from knowhold.vault.errors import CHECK_ORDER, ClockRollback, KnowholdError, Malformed, NotAddressed
from knowhold.vault.i18n import N_, Message
from knowhold.vault.licensing.clockguard import SIGNED_AHEAD, observe_clock, time_floor
from knowhold.vault.licensing.enforcement import Standing, standing
from knowhold.vault.licensing.identity import Contacts, Identity, PublicIdentity, load_identity
from knowhold.vault.licensing.manifest import Manifest
from knowhold.vault.licensing.package import Package, check_content, parse_package
from knowhold.vault.licensing.received_store import ReceivedStore
from knowhold.vault.licensing.status import StatusDocument, parse_status
from knowhold.vault.licensing.terms import PERMISSIONS, Terms
from knowhold.vault.store.storage import Vault
from knowhold.vault.timefmt import format_time

_SKIP = N_("not checked: the package could not be read")
# An error's own English message, which is already precise (which file, which entry): shown as it is.
_AS_IS = "{detail}"


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool | None  # None: not applicable, or not checkable here
    # In English, as --json prints it in every language; ``i18n.say`` gives the reader's. Its values
    # (fingerprints, names, times, counts) are never translated.
    detail: Message
    code: int  # the exit code this check stands for when it fails


@dataclass(frozen=True, slots=True)
class VerifyReport:
    valid: bool
    license_id: str | None
    exit_code: int
    checks: tuple[Check, ...]
    # What the licensor signed, once the signature held (None if the package did not parse):
    # shown with the checks, so terms are read before anything is relied on.
    terms: Terms | None = None


@dataclass(frozen=True, slots=True)
class _Verdict:
    ok: bool | None
    template: str
    fields: Mapping[str, str] = field(default_factory=dict)
    code: int | None = None  # when a failure stands for another code than its check's own


def _error(exc: KnowholdError, code: int | None = None) -> _Verdict:
    """A failure worded by the error found: its English message, as it is."""
    return _Verdict(False, _AS_IS, {"detail": exc.message}, code)


@dataclass(frozen=True, slots=True)
class _Judged:
    """A package that parsed, and what was found about it."""

    package: Package
    vault: Vault | None
    identity: Identity | None  # this vault's, None without a vault
    doc: StatusDocument | None  # the status document judged by
    refused: _Verdict | None  # why a status document given was refused
    s: Standing
    t: int  # the time judged

    @property
    def manifest(self) -> Manifest:
        return self.package.manifest

    @property
    def addressed(self) -> bool:
        return self.identity is not None and is_me(self.manifest.licensee, self.identity)


@dataclass(frozen=True, slots=True)
class _Case:
    judged: _Judged | None  # None: the package did not parse
    format_error: str
    clock: _Verdict


CheckFn = Callable[[_Case], _Verdict]


def _on_package(check: Callable[[_Judged], _Verdict]) -> CheckFn:
    """A check that needs the package: "not checked" when it did not parse."""

    def run(case: _Case) -> _Verdict:
        return _Verdict(None, _SKIP) if case.judged is None else check(case.judged)

    return run


# -- the checks ------------------------------------------------------------------------


def _format(case: _Case) -> _Verdict:
    if case.judged is None:
        return _Verdict(False, _AS_IS, {"detail": case.format_error})
    return _Verdict(True, N_("format, signature and canonical form are valid"))


def _integrity(j: _Judged) -> _Verdict:
    if j.identity is None:
        return _Verdict(None, N_("not checked: no vault (only the licensee's vault can decrypt)"))
    if not j.addressed:
        return _Verdict(None, N_("not checked: only the licensee's vault can decrypt"))
    try:
        check_content(j.package, j.identity)
    except (Malformed, NotAddressed) as exc:
        return _error(exc, exc.exit_code)
    files = sum(len(e.files) for e in j.manifest.entries)
    count = len(j.manifest.entries)
    # Whole sentences, not pieces joined, so a translation can order its words.
    if count == 1:
        template = (
            N_("1 entry decrypts and matches its hash, and so do the files it carries ({files})")
            if files
            else N_("1 entry decrypts and matches its hash")
        )
    else:
        template = (
            N_("{count} entries decrypt and match their hashes, and so do the files they carry ({files})")
            if files
            else N_("{count} entries decrypt and match their hashes")
        )
    counts = {"count": str(count), "files": str(files)} if files else {"count": str(count)}
    return _Verdict(True, template, counts)


def _addressed(j: _Judged) -> _Verdict:
    licensee = j.manifest.licensee
    if j.identity is None:
        return _Verdict(None, N_("not checked: no vault (addressed to {name})"), {"name": licensee.name})
    mine = j.identity.public.fingerprint
    if not j.addressed:
        return _Verdict(
            False,
            N_("addressed to {name} ({fingerprint}), not to this vault ({mine})"),
            {"name": licensee.name, "fingerprint": licensee.fingerprint, "mine": mine},
        )
    return _Verdict(True, N_("addressed to this vault ({mine})"), {"mine": mine})


def _clock(case: _Case) -> _Verdict:
    return case.clock


def _not_before(j: _Judged) -> _Verdict:
    start = format_time(j.manifest.not_before)
    if j.s.not_yet_valid:
        return _Verdict(
            False, N_("not valid until {start} (at {at})"), {"start": start, "at": format_time(j.t)}
        )
    return _Verdict(True, N_("valid from {start}"), {"start": start})


def _expiry(j: _Judged) -> _Verdict:
    renewed = j.s.end > j.manifest.expires_at
    when = {"end": format_time(j.s.end), "at": format_time(j.t)}
    if j.s.expired:
        ended = N_("ended {end} (renewed) (at {at})") if renewed else N_("ended {end} (at {at})")
        return _Verdict(False, ended, when)
    return _Verdict(True, N_("ends {end} (renewed)") if renewed else N_("ends {end}"), {"end": when["end"]})


def _revocation(j: _Judged) -> _Verdict:
    revocation = j.s.revocation
    if revocation is not None:
        time = format_time(revocation.revoked_at)
        if revocation.reason:
            return _Verdict(
                False, N_("revoked {time}: {reason}"), {"time": time, "reason": revocation.reason}
            )
        return _Verdict(False, N_("revoked {time}"), {"time": time})
    if j.doc is None:
        return _Verdict(True, N_("no status document known: not known to be revoked"))
    return _Verdict(True, N_("not revoked (status document {sequence})"), {"sequence": str(j.doc.sequence)})


def _status(j: _Judged) -> _Verdict:
    if j.refused is not None:
        return _Verdict(False, j.refused.template, j.refused.fields, 10)
    max_age = j.manifest.revocation.max_status_age
    newest = format_time(j.s.newest_status)
    if max_age is None:
        if j.doc is None:
            return _Verdict(None, N_("not required by this license"))
        return _Verdict(
            True,
            N_("not required by this license (status document {sequence})"),
            {"sequence": str(j.doc.sequence)},
        )
    if j.s.stale:
        return _Verdict(
            False,
            N_("no status newer than {since}; the newest is from {newest} (refresh, or give --status FILE)"),
            {"since": format_time(j.t - max_age), "newest": newest},
        )
    return _Verdict(True, N_("status as of {newest} is within the maximum age"), {"newest": newest})


def _trust(j: _Judged) -> _Verdict:
    licensor = j.manifest.licensor
    party = {"name": licensor.name, "fingerprint": licensor.fingerprint}
    if j.vault is None:
        return _Verdict(False, N_("unknown: no vault to look {name} up in ({fingerprint})"), party)
    contact = Contacts(j.vault.db).by_signing_key(licensor.signing_key)
    if contact is None:
        return _Verdict(False, N_("unknown: {name} ({fingerprint}) is not a contact"), party)
    known = {"name": contact.name, "fingerprint": contact.fingerprint}
    if contact.verified:
        return _Verdict(True, N_("verified contact {name} ({fingerprint})"), known)
    return _Verdict(True, N_("known, not verified: contact {name} ({fingerprint})"), known)


def _permissions(j: _Judged) -> _Verdict:
    terms = j.manifest.terms
    allowed = ", ".join(p for p in PERMISSIONS if p in terms.allowed)
    denied = ", ".join(p for p in PERMISSIONS if p not in terms.allowed)
    # Permission names are the terms' own words, as --allow takes them: kept as they are.
    if terms.human_review:
        template = (
            N_("allowed: {allowed}; denied: {denied}; AI use must be reviewed by a person")
            if denied
            else N_("allowed: {allowed}; denied: none; AI use must be reviewed by a person")
        )
    else:
        template = (
            N_("allowed: {allowed}; denied: {denied}") if denied else N_("allowed: {allowed}; denied: none")
        )
    return _Verdict(
        None, template, {"allowed": allowed, "denied": denied} if denied else {"allowed": allowed}
    )


# In CHECK_ORDER (vault/errors.py): the report lists them so, and the exit code is the first failing.
CHECKS: tuple[tuple[str, int, CheckFn], ...] = (
    ("format", 10, _format),
    ("integrity", 10, _on_package(_integrity)),
    ("addressed", 15, _on_package(_addressed)),
    ("clock", 17, _clock),
    ("not-before", 11, _on_package(_not_before)),
    ("expiry", 12, _on_package(_expiry)),
    ("revocation", 13, _on_package(_revocation)),
    ("status", 14, _on_package(_status)),
    ("trust", 16, _on_package(_trust)),
    ("permissions", 18, _on_package(_permissions)),
)


# -- gathering the case ------------------------------------------------------------------


def _pick_status(
    given: bytes | None, stored: StatusDocument | None, licensor_key: bytes
) -> tuple[StatusDocument | None, _Verdict | None]:
    """The status document to judge by, and why the given one was refused (if it was)."""
    if given is None:
        return stored, None
    try:
        doc = parse_status(given, licensor_key)
    except Malformed as exc:
        return stored, _Verdict(False, N_("status document refused: {detail}"), {"detail": exc.message})
    if stored is not None:
        numbers = {"sequence": str(doc.sequence), "seen": str(stored.sequence)}
        if doc.sequence < stored.sequence:
            return stored, _Verdict(
                False, N_("status document {sequence} is older than {seen}, already seen (rollback)"), numbers
            )
        if doc.sequence == stored.sequence and not hmac.compare_digest(doc.doc_hash, stored.doc_hash):
            return stored, _Verdict(
                False, N_("status document {sequence} differs from the one already seen (tampering)"), numbers
            )
    return doc, None


def _judging_time(vault: Vault | None, at: int | None, now: int | None, signed: int) -> tuple[int, _Verdict]:
    """The time judged (never below ``signed``, the latest signing time at hand) and the clock check."""
    if at is not None:
        return at, _Verdict(None, N_("not checked: judged at {at} (--at)"), {"at": format_time(at)})
    if vault is None:
        if now is None:
            raise ValueError("verify_package needs `now` (or `at`) when there is no vault")
        return max(now, signed), _Verdict(None, N_("not checked: no vault"))
    db = vault.db
    try:
        floor = observe_clock(db)
    except ClockRollback as exc:  # set back, or the record of time is damaged: judged closed
        try:
            floor = time_floor(db)
        except ClockRollback:
            floor = db.now()
        return max(floor, signed), _error(exc)
    clock = db.now()
    if signed > clock + SIGNED_AHEAD:
        return max(floor, signed), _Verdict(
            False,
            N_(
                "signed at {signed}, more than a day after this computer's clock ({clock}): "
                "one of the two clocks is wrong"
            ),
            {"signed": format_time(signed), "clock": format_time(clock)},
        )
    return max(floor, signed), _Verdict(True, N_("not earlier than the latest time this vault has seen"))


def _case(data: bytes, vault: Vault | None, status: bytes | None, at: int | None, now: int | None) -> _Case:
    try:
        package = parse_package(data)
    except Malformed as exc:
        _t, clock = _judging_time(vault, at, now, 0)
        return _Case(None, exc.message, clock)
    manifest = package.manifest
    key = manifest.licensor.signing_key
    store = ReceivedStore(vault.db) if vault is not None else None
    doc, refused = _pick_status(status, store.stored_status(key) if store else None, key)
    signed = max(manifest.issued_at, doc.issued_at if doc is not None else 0)
    t, clock = _judging_time(vault, at, now, signed)
    held = store.held_end(manifest.license_id, package.manifest_hash) if store else None
    end = max(manifest.expires_at, held or 0)
    s = standing(manifest, end, doc, t, audit=at is not None)
    identity = load_identity(vault.db) if vault is not None else None
    return _Case(_Judged(package, vault, identity, doc, refused, s, t), "", clock)


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
    vault's time floor, else ``now`` (required when there is neither); never
    below the package's or the status document's signing time.
    """
    case = _case(data, vault, status, at, now)
    checks: list[Check] = []
    for name, code, check in CHECKS:
        verdict = check(case)
        detail = Message(verdict.template, **verdict.fields)
        checks.append(Check(name, verdict.ok, detail, verdict.code or code))
    failing = {c.code for c in checks if c.ok is False}
    # A check may fail with another code (a refused status document is 10), so the order decides.
    exit_code = next((code for code in CHECK_ORDER if code in failing), 0)
    manifest = case.judged.package.manifest if case.judged is not None else None
    license_id = manifest.license_id if manifest is not None else None
    terms = manifest.terms if manifest is not None else None
    return VerifyReport(exit_code == 0, license_id, exit_code, tuple(checks), terms)


def is_me(party: PublicIdentity, identity: Identity) -> bool:
    mine = identity.public
    return hmac.compare_digest(party.signing_key + party.hpke_key, mine.signing_key + mine.hpke_key)


__all__ = ["CHECKS", "Check", "Standing", "VerifyReport", "is_me", "standing", "verify_package"]
