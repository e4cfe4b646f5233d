"""The worker's ledger: issuing licenses, revoking, renewing, publishing status,
and importing the licensee's acceptance receipts.

Issuing is where knowledge leaves the vault, so it is strict:

* **Selection**: explicit entry ids, and/or every live entry with one of the
  given tags or kinds (their union). A *private* entry can never be in a
  license, and no flag overrides that: one named by id stops the issue;
  private ones a tag or kind would have caught are left out, and the result
  says how many.
* **Sensitive data**: the scanner (``vault.scanner``) runs over the title,
  body, tags, origin and file names of every selected entry and the terms'
  free text. Findings stop the issue unless the worker chose ``redact``
  (placeholders in the licensed copy only; the vault's entry never
  changes), ``allow_sensitive``
  or, finding by finding, ``include_anyway`` (``vault.licensing.issuing``);
  the manifest records whether anything was redacted or included.
* **Attachments**: each entry's files go with it unless ``attachments`` is
  false, as copies cleaned of their metadata (``vault.licensing.outgoing``:
  images lose EXIF, GPS, XMP and the like; other types leave as they are).
  The signed manifest lists every file that left (name, type, size, hash),
  and the ledger keeps that manifest, so ``files`` on a record says exactly
  what each license carried.
* **Licensee**: a contact, by name. An unverified contact is allowed, with
  a warning in the result: the package is sealed to the keys on their card,
  and only comparing fingerprints shows those are really theirs.
* **Time**: ``expires_at`` is required and must be after ``not_before``
  (default now) and after now. No license lasts forever.
* **Output**: the package file is written atomically. An existing file is
  replaced only if it is itself a Knowhold package (re-issuing to the same
  path); anything else is refused rather than overwritten.
* **Cancel**: ``progress`` hears of each entry screened and may raise
  ``Cancelled`` up to the moment the license is recorded; nothing is then
  recorded or written.

Every change (issue, revoke, renew, status published, receipt imported) is
one transaction together with its audit record: on any failure the ledger
and the audit log are as they were. A license's status is derived at read
time from the vault's clock: revoked, else expired (now past its end),
else accepted (a receipt was imported), else active.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from knowhold.vault.errors import (
    InvalidValue,
    Malformed,
    NotFound,
    PrivateRefused,
    VaultCorrupt,
)
from knowhold.vault.i18n import N_, Message
from knowhold.vault.knowledge.entries import Entry, check_kind, normalise_tag
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.identity import Contact, PublicIdentity, load_identity
from knowhold.vault.licensing.issuing import (
    STAGE_WRITE,
    Built,
    FindingKey,
    Period,
    build,
    check_period,
    find_licensee,
    licensee_warnings,
    screen,
)
from knowhold.vault.licensing.ledger_files import package_target, removed_on_failure, write_file
from knowhold.vault.licensing.outgoing import NONE, OutgoingFile, outgoing_files
from knowhold.vault.licensing.receipts import parse_receipt
from knowhold.vault.licensing.status import (
    MAX_REASON,
    StatusItemRenewed,
    StatusItemRevoked,
    StatusPublication,
    build_status,
    next_sequence,
    parse_status,
    status_at,
    status_target,
)
from knowhold.vault.licensing.terms import Revocation, Terms
from knowhold.vault.progress import Progress
from knowhold.vault.store.storage import Vault
from knowhold.vault.text import refuse_unsafe
from knowhold.vault.timefmt import format_time

ACTIVE = "active"
ACCEPTED = "accepted"
EXPIRED = "expired"
REVOKED = "revoked"
STATUSES = (ACTIVE, ACCEPTED, EXPIRED, REVOKED)

MAX_ENTRIES = 100_000  # the manifest's limit
MIN_PREFIX = 6  # a license id may be given by a unique prefix, as the ledger table shows it
DEFAULT_STATUS_VALIDITY = 7 * 86400
_SEQUENCE_KEY = "status_sequence"
# The manifest stored in our own ledger was written by us; this only bounds the read.
_MAX_MANIFEST = 8 * 1024 * 1024
# Status documents are meant to be public (any static web host serves them),
# so unlike everything else Knowhold writes they are world-readable.
_PUBLIC_FILE_MODE = 0o644


class LicensedRef(NamedTuple):
    """One entry of a license as the ledger remembers it (the content is not kept)."""

    id: str
    version: int
    title: str


class CarriedRef(NamedTuple):
    """One file a license carried, as its signed manifest lists it (the bytes are not kept)."""

    entry_id: str
    name: str
    media_type: str
    size: int
    sha256: str  # of the bytes that left (cleaned of metadata)


@dataclass(frozen=True, slots=True)
class LicenseRecord:
    license_id: str
    licensee: str
    licensee_fingerprint: str
    entries: tuple[LicensedRef, ...]
    issued_at: int
    not_before: int
    expires_at: int  # the current end: renewals move it
    terms: Terms
    revocation: Revocation
    status: str  # active | accepted | expired | revoked
    revoked_at: int | None = None
    revoke_reason: str | None = None
    accepted_at: int | None = None
    out_path: str | None = None
    manifest_hash: bytes = b""
    original_expires_at: int = 0  # the end the signed manifest states
    has_receipt: bool = False
    redacted: bool = False
    sensitive_included: bool = False
    files: tuple[CarriedRef, ...] = ()  # every file that left, in the manifest's order


@dataclass(frozen=True, slots=True)
class IssuedLicense(LicenseRecord):
    """What ``issue`` returns: the new record, and what the worker should know about it."""

    warnings: tuple[str, ...] = ()
    private_skipped: int = 0  # private entries a tag or kind matched, left out
    findings: int = 0  # scanner findings (redacted or, with allow_sensitive, included)
    outgoing: tuple[OutgoingFile, ...] = ()  # the files carried, with what was removed from each


@dataclass(frozen=True, slots=True)
class _Signed:
    """What the ledger reads back from a license's signed manifest."""

    licensee: PublicIdentity
    terms: Terms
    revocation: Revocation
    entries: tuple[LicensedRef, ...]
    expires_at: int  # the end the manifest states
    redacted: bool
    sensitive_included: bool
    files: tuple[CarriedRef, ...]

    @classmethod
    def of_json(cls, manifest: bytes, license_id: str) -> _Signed:
        # Our own manifest, read back from the encrypted ledger: its shape is
        # checked, not its signature.
        try:
            m = orjson.loads(manifest)
            return cls(
                licensee=PublicIdentity.from_party(m["licensee"]),
                terms=Terms.from_json(m["terms"]),
                revocation=Revocation.from_json(m["revocation"]),
                entries=tuple(LicensedRef(e["id"], int(e["version"]), e["title"]) for e in m["entries"]),
                expires_at=int(m["expires_at"]),
                redacted=bool(m["content"]["redacted"]),
                sensitive_included=bool(m["content"]["sensitive_included"]),
                files=tuple(
                    CarriedRef(e["id"], f["name"], f["media_type"], int(f["size"]), f["sha256"])
                    for e in m["entries"]
                    for f in e.get("files", ())
                ),
            )
        except (Malformed, ValueError, KeyError, TypeError) as exc:
            raise VaultCorrupt(f"The ledger's record of license {license_id} is damaged.") from exc


@dataclass(frozen=True, slots=True)
class _Selection:
    entries: tuple[Entry, ...]
    private_skipped: int


def status_of(now: int, *, expires_at: int, revoked_at: int | None, accepted_at: int | None) -> str:
    if revoked_at is not None:
        return REVOKED
    if now > expires_at:
        return EXPIRED
    if accepted_at is not None:
        return ACCEPTED
    return ACTIVE


def check_licensee(license_id: str, licensee_key: bytes | None, signer: bytes, what: str) -> None:
    """Refuse a ``what`` (receipt, usage report) about ``license_id`` unless this ledger
    issued that license (``licensee_key``: its licensee's, ``None`` when it did not) and
    that licensee signed it: what a licensee sends back is taken from them alone."""
    if licensee_key is None:
        raise NotFound(f"No license {license_id} in this vault's ledger: the {what} is not for us.")
    if not hmac.compare_digest(signer, licensee_key):
        raise Malformed(f"This {what} is not signed by the licensee of license {license_id}.")


_COLUMNS = (
    "license_id, licensee, manifest, manifest_hash, issued_at, not_before, expires_at, "
    "revoked_at, revoke_reason, accepted_at, receipt IS NOT NULL, out_path"
)


class Ledger:
    """Every license this vault has issued."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault
        self._db = vault.db
        self._audit = AuditLog(vault.db)

    # -- reading ----------------------------------------------------------------------

    def licenses(self) -> list[LicenseRecord]:
        """Every license, newest first."""
        rows = self._db.conn.execute(
            f"SELECT {_COLUMNS} FROM licenses ORDER BY issued_at DESC, license_id"
        ).fetchall()
        now = self._db.now()
        return [self._record(row, now) for row in rows]

    def get(self, license_id: str) -> LicenseRecord:
        """A license by its id, or by a unique prefix of at least 6 characters."""
        full = self.resolve(license_id)
        row = self._db.conn.execute(
            f"SELECT {_COLUMNS} FROM licenses WHERE license_id = ?", (full,)
        ).fetchone()
        return self._record(row, self._db.now())

    def resolve(self, license_id: str) -> str:
        key = license_id.strip().lower()
        if len(key) >= MIN_PREFIX and all(ch in "0123456789abcdef" for ch in key):
            rows = self._db.conn.execute(
                "SELECT license_id FROM licenses WHERE license_id >= ? AND license_id < ? LIMIT 2",
                (key, key + "g"),
            ).fetchall()
            if len(rows) == 1:
                return str(rows[0][0])
        raise NotFound(f"No license {license_id!r} in this vault's ledger.")

    def published_sequence(self) -> int:
        """The sequence number of the last status document published (0: none yet)."""
        return int(self._db.get_meta(_SEQUENCE_KEY) or 0)

    def _record(self, row: Sequence[Any], now: int) -> LicenseRecord:
        (
            license_id,
            licensee,
            manifest,
            manifest_hash,
            issued_at,
            not_before,
            expires_at,
            revoked_at,
            revoke_reason,
            accepted_at,
            has_receipt,
            out_path,
        ) = row
        signed = _Signed.of_json(bytes(manifest), license_id)
        return LicenseRecord(
            license_id=license_id,
            licensee=licensee,
            licensee_fingerprint=signed.licensee.fingerprint,
            entries=signed.entries,
            issued_at=issued_at,
            not_before=not_before,
            expires_at=expires_at,
            terms=signed.terms,
            revocation=signed.revocation,
            status=status_of(now, expires_at=expires_at, revoked_at=revoked_at, accepted_at=accepted_at),
            revoked_at=revoked_at,
            revoke_reason=revoke_reason,
            accepted_at=accepted_at,
            out_path=out_path,
            manifest_hash=bytes(manifest_hash),
            original_expires_at=signed.expires_at,
            has_receipt=bool(has_receipt),
            redacted=signed.redacted,
            sensitive_included=signed.sensitive_included,
            files=signed.files,
        )

    # -- issuing ----------------------------------------------------------------------

    def issue(
        self,
        *,
        to: str,
        entry_ids: Iterable[str] = (),
        tags: Iterable[str] = (),
        kinds: Iterable[str] = (),
        expires_at: int,
        not_before: int | None = None,
        terms: Terms,
        revocation: Revocation,
        redact: bool = False,
        allow_sensitive: bool = False,
        include_anyway: Collection[FindingKey] = frozenset(),
        attachments: bool = True,
        out: Path,
        progress: Progress | None = None,
    ) -> IssuedLicense:
        """Package the selected entries for contact ``to`` and record the license.

        The steps, in the order their refusals are checked: the request itself
        (flags, dates, output path), the licensee, the selection and its
        privacy, the sensitive-data scan (and redaction), then building and
        signing the package, and recording it together with writing the file.
        ``include_anyway`` names findings to include as written (the app's
        review); the others are redacted with ``redact``, else refused.
        ``attachments``: carry each entry's files, cleaned of their metadata
        (``DamagedImage`` for an image that cannot be cleaned).
        ``progress`` may raise ``Cancelled`` until the recording starts.
        """
        if redact and allow_sensitive:
            raise InvalidValue("Choose either redacting sensitive data or including it, not both.")
        now = self._db.now()
        not_before = check_period(now, not_before, expires_at)
        out = package_target(Path(out))
        contact = find_licensee(self._db, to)
        warnings = licensee_warnings(contact)
        selection = self._select(tuple(entry_ids), tuple(tags), tuple(kinds))
        if selection.private_skipped:
            left_out = N_("Private entries left out (matched: {count}): private entries are never licensed.")
            warnings.append(Message(left_out, count=str(selection.private_skipped)))
        outgoing = NONE
        if attachments:
            outgoing = outgoing_files(self._vault.attachments, [e.id for e in selection.entries])
        screened = screen(
            selection.entries,
            terms,
            redact=redact,
            allow_sensitive=allow_sensitive,
            include=include_anyway,
            file_names=_file_names(outgoing.files),
            progress=progress,
        )
        if screened.unmatched:
            lost = N_(
                "Findings chosen to include were not found again (changed since: {count}); "
                "what was found instead was treated like any other finding."
            )
            warnings.append(Message(lost, count=str(screened.unmatched)))
        period = Period(now, not_before, expires_at)
        identity = load_identity(self._db)
        built = build(identity, contact, screened, period, revocation, outgoing.licensed())
        if progress is not None:  # the last moment to cancel: nothing is recorded yet
            count = len(selection.entries)
            progress(count, count, STAGE_WRITE)
        out_path = self._record_issue(contact, built, period, out)
        return _issued(
            contact,
            built,
            period,
            out_path,
            warnings,
            selection.private_skipped,
            screened.findings,
            outgoing.files,
        )

    def _record_issue(self, contact: Contact, built: Built, period: Period, out: Path) -> str:
        """Record the license and write its file, all or nothing; the file's absolute path."""
        out_path = str(out.absolute())
        with removed_on_failure() as written, self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO licenses (license_id, licensee, licensee_key, manifest, manifest_hash, "
                "issued_at, not_before, expires_at, out_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    built.license_id,
                    contact.name,
                    contact.identity.signing_key,
                    built.package.manifest_bytes,
                    built.package.manifest_hash,
                    period.now,
                    period.not_before,
                    period.expires_at,
                    out_path,
                ),
            )
            # Speed: one statement over the rows sent as one JSON text, instead of
            # executemany binding each row: half the time (10,000 rows: 430 -> 235 ms).
            rows = orjson.dumps([(e.id, e.version, e.title) for e in built.licensed]).decode()
            conn.execute(
                "INSERT INTO license_entries (license_id, entry_id, version, title) "
                "SELECT ?, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?)",
                (built.license_id, rows),
            )
            self._audit.append(
                "issued",
                built.license_id,
                licensee=contact.name,
                entries=len(built.licensed),
                expires_at=period.expires_at,
                out=out_path,
            )
            # Written inside the transaction: if the file cannot be written, nothing is recorded.
            write_file(out, built.data)
            written.append(out)
        return out_path

    def _select(self, entry_ids: Sequence[str], tags: Sequence[str], kinds: Sequence[str]) -> _Selection:
        if not (entry_ids or tags or kinds):
            raise InvalidValue("Choose what to license: entry ids, tags or kinds.")
        store = self._vault.entries
        chosen: dict[str, Entry] = {}
        private: list[Entry] = []
        for entry in store.get_many(entry_ids):  # NotFound for an unknown id
            if entry.in_trash:
                raise InvalidValue(f"Entry {entry.id} is in the trash: restore it first to license it.")
            if entry.private:
                private.append(entry)
            chosen.setdefault(entry.id, entry)
        if private:
            named = ", ".join(f"{e.id} ({e.title[:40]!r})" for e in private[:5])
            more = f" and {len(private) - 5} more" if len(private) > 5 else ""
            raise PrivateRefused(f"Private entries can never be licensed: {named}{more}.")
        matched: dict[str, bool] = {}  # id -> private
        for tag in tags:
            matched.update(store.live_matching(tag=normalise_tag(tag)))
        for kind in kinds:
            matched.update(store.live_matching(kind=check_kind(kind)))
        skipped = 0
        wanted: list[str] = []
        for entry_id in sorted(matched):
            if entry_id in chosen:
                continue
            if matched[entry_id]:
                skipped += 1
                continue
            wanted.append(entry_id)
        if len(chosen) + len(wanted) > MAX_ENTRIES:  # before reading every body
            raise InvalidValue(
                f"A license holds at most {MAX_ENTRIES} entries; {len(chosen) + len(wanted)} were selected."
            )
        for entry in store.get_many(wanted):
            chosen[entry.id] = entry
        if not chosen:
            why = f" (private entries matched: {skipped}; they are never licensed)" if skipped else ""
            raise InvalidValue(f"No entries match the selection{why}: nothing to license.")
        if len(chosen) > MAX_ENTRIES:
            raise InvalidValue(f"A license holds at most {MAX_ENTRIES} entries; {len(chosen)} were selected.")
        return _Selection(tuple(chosen.values()), skipped)

    # -- after issuing ------------------------------------------------------------------

    def revoke(self, license_id: str, reason: str = "") -> LicenseRecord:
        """Withdraw a license. Revoking one already revoked changes nothing."""
        if len(reason) > MAX_REASON:
            raise InvalidValue(f"The reason is longer than {MAX_REASON} characters.")
        refuse_unsafe(reason, "The reason")  # the employer reads it: no escapes, no hidden text
        record = self.get(license_id)
        if record.revoked_at is not None:
            return record
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE licenses SET revoked_at = ?, revoke_reason = ? WHERE license_id = ?",
                (self._db.now(), reason, record.license_id),
            )
            self._audit.append("revoked", record.license_id, reason=reason)
        return self.get(record.license_id)

    def renew(self, license_id: str, expires_at: int) -> LicenseRecord:
        """Move a license's end date later (the content is not sent again)."""
        record = self.get(license_id)
        if record.revoked_at is not None:
            raise InvalidValue(
                f"License {record.license_id} was revoked; a revoked license cannot be renewed."
            )
        if expires_at <= record.expires_at:
            raise InvalidValue(
                f"A renewal only moves the end date later: {format_time(expires_at)} is not after "
                f"{format_time(record.expires_at)}."
            )
        if expires_at <= self._db.now():
            raise InvalidValue(f"The new end date {format_time(expires_at)} is not in the future.")
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE licenses SET expires_at = ? WHERE license_id = ?", (expires_at, record.license_id)
            )
            self._audit.append(
                "renewed", record.license_id, previous_expires_at=record.expires_at, expires_at=expires_at
            )
        return self.get(record.license_id)

    def publish_status(
        self, out: str | os.PathLike[str], *, valid_for: int = DEFAULT_STATUS_VALIDITY
    ) -> Path:
        """``publish``, for callers that only need where the document went."""
        return self.publish(out, valid_for=valid_for).path

    def publish(
        self, out: str | os.PathLike[str], *, valid_for: int = DEFAULT_STATUS_VALIDITY
    ) -> StatusPublication:
        """Write a status document listing every revoked and renewed license.

        ``out`` is a file, or an existing folder (then ``<folder>/knowhold.status``;
        ``status_target``). The sequence number only grows, across restores of
        older backups too (``next_sequence``). A newer document of ours already
        at the target means this vault forgot it (restored from an older
        backup): the new one takes a higher number, and the result says so.
        """
        if valid_for <= 0:
            raise InvalidValue("A status document must be valid for some time (at least 1 second).")
        target = status_target(out)
        now = self._db.now()
        revoked: list[StatusItemRevoked] = []
        renewed: list[StatusItemRenewed] = []
        for record in self.licenses():
            if record.revoked_at is not None:
                reason = record.revoke_reason or ""
                revoked.append(StatusItemRevoked(record.license_id, record.revoked_at, reason))
            if record.expires_at != record.original_expires_at:
                renewed.append(StatusItemRenewed(record.license_id, record.expires_at))
        identity = load_identity(self._db)
        previous = self.published_sequence()
        found = status_at(target, identity.public.signing_key)
        newer = found if found is not None and found.sequence > previous else None
        with removed_on_failure() as written, self._db.transaction():
            sequence = next_sequence(previous, now, found=0 if newer is None else newer.sequence)
            data = build_status(
                identity,
                sequence=sequence,
                issued_at=now,
                next_update=now + valid_for,
                revoked=revoked,
                renewed=renewed,
            )
            self._db.set_meta(_SEQUENCE_KEY, str(sequence))
            self._audit.append(
                "status-published",
                None,
                sequence=sequence,
                next_update=now + valid_for,  # read back by vault.licensing.publishing
                revoked=len(revoked),
                renewed=len(renewed),
                out=str(target.absolute()),
                superseded=None if newer is None else newer.sequence,
            )
            write_file(target, data, mode=_PUBLIC_FILE_MODE)
            written.append(target)
        if newer is None:
            return StatusPublication(target, parse_status(data), previous)
        ours = {r.license_id for r in revoked}
        forgotten = tuple(r.license_id for r in newer.revoked if r.license_id not in ours)
        return StatusPublication(target, parse_status(data), previous, newer.sequence, forgotten)

    def import_receipt(self, data: bytes) -> LicenseRecord:
        """Record the licensee's signed acceptance. The first valid receipt is kept."""
        receipt = parse_receipt(data)
        row = self._db.conn.execute(
            "SELECT licensee_key, manifest_hash, accepted_at FROM licenses WHERE license_id = ?",
            (receipt.license_id,),
        ).fetchone()
        check_licensee(
            receipt.license_id, None if row is None else bytes(row[0]), receipt.licensee_key, "receipt"
        )
        manifest_hash, accepted_at = bytes(row[1]), row[2]
        if not hmac.compare_digest(receipt.manifest_hash, manifest_hash):
            raise Malformed(
                f"This receipt is for another license: its manifest is not license {receipt.license_id}'s."
            )
        if accepted_at is None:
            with self._db.transaction() as conn:
                conn.execute(
                    "UPDATE licenses SET accepted_at = ?, receipt = ? WHERE license_id = ?",
                    (receipt.accepted_at, receipt.raw, receipt.license_id),
                )
                self._audit.append("receipt-imported", receipt.license_id, accepted_at=receipt.accepted_at)
        return self.get(receipt.license_id)


# -- issuing, step by step ---------------------------------------------------------------


def _file_names(files: Sequence[OutgoingFile]) -> dict[str, list[str]]:
    """The names of each entry's outgoing files, by entry id, in one pass over them all
    (looking each entry's up among every file was quadratic in the number of files)."""
    names: dict[str, list[str]] = {}
    for f in files:
        names.setdefault(f.entry_id, []).append(f.name)
    return names


def _issued(
    contact: Contact,
    built: Built,
    period: Period,
    out_path: str,
    warnings: Sequence[str],
    private_skipped: int,
    findings: int,
    outgoing: tuple[OutgoingFile, ...],
) -> IssuedLicense:
    """The record as `get` would read it back, from the manifest just signed."""
    m = built.package.manifest
    return IssuedLicense(
        license_id=built.license_id,
        licensee=contact.name,
        licensee_fingerprint=contact.identity.fingerprint,
        entries=tuple(LicensedRef(e.id, e.version, e.title) for e in m.entries),
        issued_at=period.now,
        not_before=period.not_before,
        expires_at=period.expires_at,
        terms=m.terms,
        revocation=m.revocation,
        status=status_of(period.now, expires_at=period.expires_at, revoked_at=None, accepted_at=None),
        out_path=out_path,
        manifest_hash=built.package.manifest_hash,
        original_expires_at=m.expires_at,
        redacted=m.redacted,
        sensitive_included=m.sensitive_included,
        files=tuple(
            CarriedRef(e.id, f.name, f.media_type, f.size, f.sha256) for e in m.entries for f in e.files
        ),
        warnings=tuple(warnings),
        private_skipped=private_skipped,
        findings=findings,
        outgoing=outgoing,
    )
