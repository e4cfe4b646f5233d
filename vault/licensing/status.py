"""Status documents: the licensor's signed list of revoked and renewed licenses.

A worker revokes or renews a license in their ledger; the employer learns
of it from a status document (``docs/format.md``, "Status document")::

    knowhold-status-v1
    {"format":"knowhold-status","issued_at":…,"licensor":"<b64>","next_update":…,
     "renewed":[…],"revoked":[…],"sequence":4,"version":1}
    -----BEGIN SSH SIGNATURE----- …  (namespace license-status@knowhold)

Reading one: the size is bounded first, the signature is checked over the
exact bytes of line 2 with the key the signature names, and only then is
the JSON parsed, strictly (canonical form, no unknown keys). The ``licensor``
field must be that same key, and the caller's expected licensor if given:
a document signed by anyone else is ``Malformed``. Whether its sequence
number is new enough (rollback, tampering) is the reader's vault's business
(``vault.received``), since only it knows what it has already seen.

Documents name licenses by random id only, never by licensee: they may be
served from a public web folder.

Publishing (``next_sequence``, ``status_target``, ``status_at``): which
number a document takes, so that it only grows even across a restore of an
older backup, and where it is written. Fetching one is ``vault.licensing.fetch``.

The small field readers at the end are shared with ``vault.receipts``.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
import itertools
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from knowhold.vault.errors import InvalidValue, Malformed
from knowhold.vault.licensing import signedfile, sshsig
from knowhold.vault.licensing.canonical import MAX_INT, canonical
from knowhold.vault.text import LINE, refuse_unsafe
from knowhold.vault.timefmt import MAX_TIME, parse_strict_time

if TYPE_CHECKING:
    from knowhold.vault.licensing.identity import Identity

FORMAT = "knowhold-status"
VERSION = 1
MAX_STATUS = 1024 * 1024
MAX_REASON = 2000
FILE_NAME = "knowhold.status"  # the name inside a published folder
MAX_SEQUENCE = MAX_INT  # the format's largest integer, 2^53 - 1

_KEYS = frozenset(
    {"format", "issued_at", "licensor", "next_update", "renewed", "revoked", "sequence", "version"}
)
_REVOKED_KEYS = frozenset({"license_id", "reason", "revoked_at"})
_RENEWED_KEYS = frozenset({"expires_at", "license_id"})
_LICENSE_ID = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True, slots=True)
class StatusItemRevoked:
    license_id: str
    revoked_at: int
    reason: str = ""


@dataclass(frozen=True, slots=True)
class StatusItemRenewed:
    license_id: str
    expires_at: int


@dataclass(frozen=True, slots=True)
class StatusDocument:
    licensor_key: bytes
    sequence: int
    issued_at: int
    next_update: int
    revoked: tuple[StatusItemRevoked, ...]
    renewed: tuple[StatusItemRenewed, ...]
    raw: bytes  # the whole file as received, to keep as evidence
    doc_hash: bytes  # SHA-256 of the signed bytes: equal sequence, other hash = tampering

    def revocation_of(self, license_id: str) -> StatusItemRevoked | None:
        return next((r for r in self.revoked if r.license_id == license_id), None)

    def renewal_of(self, license_id: str) -> StatusItemRenewed | None:
        return next((r for r in self.renewed if r.license_id == license_id), None)


def build_status(
    identity: Identity,
    *,
    sequence: int,
    issued_at: int,
    next_update: int,
    revoked: Iterable[StatusItemRevoked],
    renewed: Iterable[StatusItemRenewed],
) -> bytes:
    """The signed status file. It is parsed back before it is returned, so a
    document this vault publishes is always one every reader accepts."""
    licensor_key = identity.public.signing_key
    # Ledger.revoke refuses such reasons now; one stored before that must not
    # block publishing a revocation, so its refused characters become U+FFFD.
    revoked = [dataclasses.replace(r, reason=LINE.refused.sub("\ufffd", r.reason)) for r in revoked]
    body = canonical(
        {
            "format": FORMAT,
            "issued_at": issued_at,
            "licensor": base64.b64encode(licensor_key).decode("ascii"),
            "next_update": next_update,
            "renewed": [
                {"expires_at": r.expires_at, "license_id": r.license_id}
                for r in sorted(renewed, key=lambda r: r.license_id)
            ],
            "revoked": [
                {"license_id": r.license_id, "reason": r.reason, "revoked_at": r.revoked_at}
                for r in sorted(revoked, key=lambda r: r.license_id)
            ],
            "sequence": sequence,
            "version": VERSION,
        }
    )
    data = signedfile.encode(signedfile.TAG_STATUS, body, identity.sign(sshsig.NS_STATUS, body))
    parse_status(data, licensor_key)
    return data


def parse_status(data: bytes, licensor_key: bytes | None = None) -> StatusDocument:
    """Check and read a status file; ``Malformed`` with a reason for anything wrong."""
    signer, body, value = signedfile.open_signed(data, signedfile.TAG_STATUS, sshsig.NS_STATUS, MAX_STATUS)
    obj = exact_object(value, _KEYS, "status document")
    check_format(obj, FORMAT, VERSION, "status document")
    named = field_key(obj["licensor"], "licensor")
    if named != signer or (licensor_key is not None and signer != bytes(licensor_key)):
        raise Malformed("The status document is signed by someone other than the licensor.")
    sequence = obj["sequence"]
    if type(sequence) is not int or sequence < 1:
        raise Malformed("The status document's sequence number must be a whole number from 1.")
    issued_at = field_time(obj["issued_at"], "issued_at")
    next_update = field_time(obj["next_update"], "next_update")
    if issued_at > next_update:
        raise Malformed("The status document's next update is before its issue time.")
    revoked = tuple(
        StatusItemRevoked(
            field_license_id(item["license_id"]),
            field_time(item["revoked_at"], "revoked_at"),
            field_text(item["reason"], "reason", MAX_REASON),
        )
        for item in _items(obj["revoked"], _REVOKED_KEYS, "revoked")
    )
    renewed = tuple(
        StatusItemRenewed(field_license_id(item["license_id"]), field_time(item["expires_at"], "expires_at"))
        for item in _items(obj["renewed"], _RENEWED_KEYS, "renewed")
    )
    for name, items in (("revoked", revoked), ("renewed", renewed)):
        ids = [item.license_id for item in items]
        if any(a >= b for a, b in itertools.pairwise(ids)):
            raise Malformed(f"The status document's {name} list is not sorted by license id, or repeats one.")
    return StatusDocument(
        signer, sequence, issued_at, next_update, revoked, renewed, bytes(data), hashlib.sha256(body).digest()
    )


# -- publishing: which number a document takes, and where it is written -------------------


def next_sequence(previous: int, issued_at: int, *, found: int = 0) -> int:
    """The sequence number of the next document this vault publishes.

    It is above ``previous`` (the last this vault published) and ``found``
    (a newer document of its own already where it publishes), and never below
    the signing time in milliseconds. Why the time: the number kept in the
    vault goes back with a restored backup, and a reader refuses a number it
    has seen with other content as tampering (and a lower one as a rollback),
    so the first revocation published after a restore would never arrive. The
    signing time does not go back with a backup. Milliseconds, although the
    vault's clock has whole seconds: 1,000 publications in one second before
    the number runs ahead of the clock. The largest time the format writes
    (year 9999) is about 2.5 x 10^14 ms, far inside ``MAX_SEQUENCE``.

    Limits: a restored vault publishing within the same second as a document
    it forgot, or on a clock set back behind one, takes a number a reader has
    seen, unless that document is ``found`` where it publishes.
    """
    sequence = max(previous + 1, found + 1, issued_at * 1000)
    if sequence > MAX_SEQUENCE:
        raise InvalidValue(f"The status document's sequence number would pass {MAX_SEQUENCE}.")
    return sequence


def status_target(out: str | os.PathLike[str]) -> Path:
    """Where ``publish`` writes: the file ``out``, or ``knowhold.status`` inside
    the existing folder ``out``.

    A path ending in a separator names a folder; one that does not exist is
    refused, where it used to become a file named like the folder. Anything
    already at the target that is not a status document is never overwritten.
    """
    text = os.fspath(out)
    path = Path(text)
    if text.endswith(tuple(sep for sep in (os.sep, os.altsep) if sep)) and not path.is_dir():
        raise InvalidValue(
            f"There is no folder {text} to write the status document into: create it first, "
            "or give a file name without the final separator."
        )
    target = path / FILE_NAME if path.is_dir() else path
    if target.is_dir():
        raise InvalidValue(f"{target} is a folder.")
    if target.exists() and not _starts_as_status(target):
        raise InvalidValue(f"{target} exists and is not a status document: refusing to overwrite it.")
    if not target.parent.is_dir():
        raise InvalidValue(f"No folder {target.parent} to write the status document into.")
    return target


def status_at(path: Path, licensor_key: bytes) -> StatusDocument | None:
    """The document already at ``path``, if it is a valid one signed by
    ``licensor_key``; None for anything else (missing, unreadable, damaged,
    someone else's). Only this licensor's own signature counts as evidence
    of a publication its vault forgot: a planted file moves nothing."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_STATUS + 1)
        return parse_status(data, licensor_key)
    except (OSError, Malformed):
        return None


def _starts_as_status(path: Path) -> bool:
    head = signedfile.TAG_STATUS.encode("ascii") + b"\n"
    try:
        with open(path, "rb") as handle:
            return handle.read(len(head)) == head
    except OSError:
        return False


@dataclass(frozen=True, slots=True)
class StatusPublication:
    """What ``Ledger.publish`` wrote, and what it noticed on the way."""

    path: Path
    document: StatusDocument
    previous: int  # the number this vault had last published (0: none)
    # A newer document of this licensor was already at the path: the vault was
    # restored from an older backup (or another copy of it published). None: not seen.
    superseded: int | None = None
    # Revoked in that newer document, not in this vault: the restored vault forgot them.
    forgotten_revocations: tuple[str, ...] = ()


def _items(value: object, keys: frozenset[str], name: str) -> list[Mapping[str, Any]]:
    if not isinstance(value, list):
        raise Malformed(f"The status document's {name} field is not a list.")
    return [exact_object(item, keys, f"{name} item") for item in value]


# -- field readers shared by the signed-document parsers ---------------------------------


def exact_object(value: object, keys: frozenset[str], what: str) -> Mapping[str, Any]:
    """An object with exactly ``keys``: every field is critical, so an unknown
    one is refused rather than ignored (a newer writer must bump the version)."""
    if not isinstance(value, dict):
        raise Malformed(f"The {what} is not a JSON object.")
    missing = sorted(keys - value.keys())
    unknown = sorted(value.keys() - keys)
    if missing:
        raise Malformed(f"The {what} lacks {', '.join(missing)}.")
    if unknown:
        raise Malformed(f"The {what} has unknown field {unknown[0][:40]!r}.")
    return value


def check_format(obj: Mapping[str, Any], fmt: str, version: int, what: str) -> None:
    if obj["format"] != fmt:
        raise Malformed(f"This is not a {what}.")
    v = obj["version"]
    if type(v) is not int or v < 1:
        raise Malformed(f"The {what}'s version is not valid.")
    if v > version:
        raise Malformed(f"This {what} is version {v}, newer than this Knowhold reads: update Knowhold.")
    if v != version:
        raise Malformed(f"The {what}'s version {v} is not supported.")


def field_time(value: object, name: str) -> int:
    """Integer Unix seconds, or the strict ``YYYY-MM-DDTHH:MM:SSZ`` form."""
    if isinstance(value, str):
        try:
            value = parse_strict_time(value)
        except InvalidValue as exc:
            raise Malformed(f"The time in {name} is not valid.") from exc
    if type(value) is not int or not 0 <= value <= MAX_TIME:
        raise Malformed(f"The time in {name} is not valid.")
    return value


def field_license_id(value: object) -> str:
    if not isinstance(value, str) or not _LICENSE_ID.fullmatch(value):
        raise Malformed("A license id is not 32 lowercase hex characters.")
    return value


def field_key(value: object, name: str) -> bytes:
    """A base64 Ed25519 public key (32 bytes), in the one canonical spelling."""
    if not isinstance(value, str) or len(value) != 44:
        raise Malformed(f"The {name} key is not a base64 Ed25519 key.")
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise Malformed(f"The {name} key is not a base64 Ed25519 key.") from exc
    if len(raw) != 32 or base64.b64encode(raw).decode("ascii") != value:
        raise Malformed(f"The {name} key is not a base64 Ed25519 key.")
    return raw


def field_hash(value: object, name: str) -> bytes:
    """A SHA-256 written as 64 lowercase hex characters."""
    if not isinstance(value, str) or not re.fullmatch(r"[0-9a-f]{64}", value):
        raise Malformed(f"The {name} is not a SHA-256 in lowercase hex.")
    return bytes.fromhex(value)


def field_text(value: object, name: str, limit: int) -> str:
    """One line a person will read: no control, format or separator character
    (``vault.text``), so a reason cannot steer a terminal or reverse its words."""
    if not isinstance(value, str) or len(value) > limit:
        raise Malformed(f"The {name} is not text of at most {limit} characters.")
    return refuse_unsafe(value, f"The {name}", error=Malformed)
