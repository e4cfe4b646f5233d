"""The license package (``.knowhold``): build it, parse it, open it.

The byte format is ``docs/format.md``, "The license package"::

    "KNOWHOLD-PACKAGE-1\\n"
    u32 length, manifest            canonical JSON, signed         <= 8 MiB
    u32 length, signature           armored SSHSIG (licensor)      <= 2 KiB
    u32 length, sealed content key  HPKE enc || ciphertext         == 1168 bytes
    u64 length, payload             nonce || ChaCha20-Poly1305     <= 1 GiB
    (nothing after)

Every byte is attacker-controlled, so reading follows one order, each step
defending against something specific:

1. **Size before reading.** ``read_package`` refuses a file larger than the
   largest possible package from ``fstat`` alone; ``parse_package`` checks
   each length against its limit and against what is left before slicing.
   A huge or lying file costs nothing (memory exhaustion).
2. **Exact framing.** The magic, a sealed key of exactly 1168 bytes, nothing
   after the payload: there is one way to write a package, so no bytes can
   hide in it and no second reading of it exists.
3. **Signature before parsing.** The signer's key is taken from the SSHSIG
   itself and the signature checked over the exact manifest bytes before the
   JSON parser sees them (parser attacks, tampering). Only then is the
   manifest parsed, and its ``licensor.signing_key`` must be that signer: a
   manifest re-signed by anyone else is refused (forgery, impostors).
4. **Canonical and strict.** The manifest must be RFC 8785 bytes of itself
   (no duplicate keys, no second spelling of what was signed) and match the
   schema exactly: unknown keys are critical except inside ``extensions``, a
   newer ``version`` is refused with that reason, every string is bounded.
5. **Bound to the manifest.** The content key is sealed with HPKE whose
   ``info`` ends with the manifest hash, and the payload's associated data
   holds it too: a section from another package fails to decrypt
   (substitution). ``open_entries`` first checks the package is addressed to
   this vault's keys (a package for someone else).
6. **Integrity per entry.** The decrypted payload must be canonical, list the
   manifest's entries in its order, and each entry's SHA-256 must be the one
   the licensor signed (compared in constant time).

Every failure is a ``Malformed`` (exit 10) with a one-line reason, or
``NotAddressed`` (exit 15); library exceptions never escape.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
import secrets
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from knowhold.vault.errors import InvalidValue, LicenseError, Malformed, NotAddressed, NotFound
from knowhold.vault.knowledge.entries import MAX_BODY, MAX_TAG, MAX_TAGS, MAX_TITLE
from knowhold.vault.licensing import sshsig
from knowhold.vault.licensing.canonical import canonical_checked, parse_canonical
from knowhold.vault.licensing.identity import HPKE_SUITE, Identity, PublicIdentity
from knowhold.vault.licensing.terms import Revocation, Terms, expect_bool, expect_int, expect_keys, expect_str
from knowhold.vault.timefmt import MAX_TIME, format_time, parse_strict_time

MAGIC = b"KNOWHOLD-PACKAGE-1\n"
FORMAT = "knowhold-license"
VERSION = 1
MAX_MANIFEST = 8 * 1024 * 1024
MAX_SIGNATURE = 2 * 1024
SEALED_KEY_BYTES = 1168  # ML-KEM-768+X25519 enc (1120) + ChaCha20-Poly1305(32-byte key) (48)
MAX_PAYLOAD = 1024 * 1024 * 1024
NONCE_BYTES = 12
TAG_BYTES = 16
MAX_FILE = len(MAGIC) + 4 + MAX_MANIFEST + 4 + MAX_SIGNATURE + 4 + SEALED_KEY_BYTES + 8 + MAX_PAYLOAD
MAX_ENTRIES = 100_000
MAX_NOTICE = 2_000
MAX_SAFE_INT = 2**53 - 1  # RFC 8785 (I-JSON) writes no larger integer exactly

INFO_PREFIX = b"knowhold-package-v1 content-key\x00"
AAD_PREFIX = b"knowhold-package-v1 payload\x00"

_MANIFEST_KEYS = (
    "content",
    "entries",
    "expires_at",
    "format",
    "issued_at",
    "license_id",
    "licensee",
    "licensor",
    "not_before",
    "revocation",
    "terms",
    "version",
)
_ENTRY_KEYS = ("id", "kind", "sha256", "title", "version")
_PAYLOAD_ENTRY_KEYS = ("body", "id", "kind", "notice", "tags", "title", "version")
_ENTRY_KEYSET = frozenset(_ENTRY_KEYS)
_PAYLOAD_KEYSET = frozenset(_PAYLOAD_ENTRY_KEYS)
_LICENSE_ID = re.compile(r"[0-9a-f]{32}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_ENTRY_ID = re.compile(r"[0-9a-z][0-9a-z-]{0,63}")
_KIND = re.compile(r"[a-z][a-z0-9-]{0,31}")
_READ_CHUNK = 16 * 1024 * 1024
_PAYLOAD_HEAD = b'{"entries":['
_PAYLOAD_TAIL = b"]}"
_ENTRY_JOINT = b',{"body":'
_ENTRY_HEAD_HASH = hashlib.sha256(b'{"body":')

# RFC 8785 for the documents this module writes and re-checks: both the
# payload and the manifest are written with ``canonical_checked`` (orjson)
# only after every value in them has passed the schema below, which admits
# nothing but ASCII keys, bounded integers, strings and booleans: the shapes
# for which orjson's sorted output is RFC 8785 (see ``vault.canonical``).


# -- values --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    id: str
    version: int
    kind: str
    title: str
    sha256: str  # hex SHA-256 of the entry's canonical payload object


@dataclass(frozen=True, slots=True)
class Manifest:
    license_id: str
    licensor: PublicIdentity
    licensee: PublicIdentity
    issued_at: int
    not_before: int
    expires_at: int
    entries: tuple[ManifestEntry, ...]
    terms: Terms
    revocation: Revocation
    redacted: bool
    sensitive_included: bool


@dataclass(frozen=True, slots=True)
class LicensedEntry:
    id: str
    version: int
    kind: str
    title: str
    body: str
    tags: tuple[str, ...]
    notice: str = ""  # build_package writes the notice itself; see notice_text


@dataclass(frozen=True, slots=True)
class Package:
    manifest: Manifest
    manifest_bytes: bytes
    manifest_hash: bytes  # SHA-256 of manifest_bytes
    signature: str
    sealed_key: bytes
    payload: bytes


def new_license_id() -> str:
    return secrets.token_hex(16)


def notice_text(licensor: str, licensee: str, license_id: str, expires_at: int) -> str:
    """The visible notice every licensed entry carries (``docs/format.md``)."""
    return (
        f"Licensed by {licensor} to {licensee} under Knowhold license {license_id}, "
        f"until {format_time(expires_at)[:10]} (UTC). Not for use after that date or after revocation."
    )


# -- building --------------------------------------------------------------------


def build_package(
    licensor: Identity,
    licensee: PublicIdentity,
    entries: Sequence[LicensedEntry],
    *,
    license_id: str,
    issued_at: int,
    not_before: int,
    expires_at: int,
    terms: Terms,
    revocation: Revocation,
    redacted: bool = False,
    sensitive_included: bool = False,
) -> tuple[bytes, Package]:
    """The package file's bytes, and the package as ``parse_package`` would read them.

    Each entry's ``notice`` is replaced by ``notice_text`` for this license.
    Anything a reader would refuse raises ``InvalidValue`` here instead: this
    writer never produces a package its own reader rejects.
    """
    notice = notice_text(licensor.public.name, licensee.name, license_id, expires_at)
    try:
        items = [
            {
                "body": e.body,
                "id": e.id,
                "kind": e.kind,
                "notice": notice,
                "tags": list(e.tags),
                "title": e.title,
                "version": e.version,
            }
            for e in entries
        ]
        for i, item in enumerate(items):
            _check_payload_body(item, f"entries[{i}]")
        # One encoding of the whole payload; each entry's bytes are cut out of it.
        # Its other fields (id, kind, title, version) are checked with the manifest
        # below, before anything is returned: a value canonical_checked would not
        # write as RFC 8785 (a float version, say) is refused there.
        plaintext = canonical_checked({"entries": items})
        digests = _entry_digests(plaintext, len(items)) if items else []
        document = {
            "content": {"redacted": redacted, "sensitive_included": sensitive_included},
            "entries": [
                {"id": e.id, "kind": e.kind, "sha256": d, "title": e.title, "version": e.version}
                for e, d in zip(entries, digests, strict=True)
            ],
            "expires_at": expires_at,
            "format": FORMAT,
            "issued_at": issued_at,
            "license_id": license_id,
            "licensee": licensee.to_party(),
            "licensor": licensor.public.to_party(),
            "not_before": not_before,
            "revocation": revocation.to_json(),
            "terms": terms.to_json(),
            "version": VERSION,
        }
        manifest = _manifest_from_json(document)  # the schema admits only what canonical_checked writes right
        manifest_bytes = canonical_checked(document)
    except Malformed as exc:
        raise InvalidValue(f"Cannot issue this package: {exc}") from exc
    except (UnicodeEncodeError, TypeError, ValueError) as exc:
        raise InvalidValue("Cannot issue this package: a value cannot be written as JSON text.") from exc
    if len(manifest_bytes) > MAX_MANIFEST:
        raise InvalidValue("Cannot issue this package: too many entries for one manifest (8 MiB).")

    manifest_hash = hashlib.sha256(manifest_bytes).digest()
    signature = licensor.sign(sshsig.NS_MANIFEST, manifest_bytes)
    content_key = ChaCha20Poly1305.generate_key()
    sealed_key = HPKE_SUITE.encrypt(content_key, licensee.hpke_public_key(), info=INFO_PREFIX + manifest_hash)
    nonce = secrets.token_bytes(NONCE_BYTES)
    if len(plaintext) + NONCE_BYTES + TAG_BYTES > MAX_PAYLOAD:
        raise InvalidValue("Cannot issue this package: the entries are larger than 1 GiB together.")
    payload = nonce + ChaCha20Poly1305(content_key).encrypt(nonce, plaintext, AAD_PREFIX + manifest_hash)
    package = Package(manifest, manifest_bytes, manifest_hash, signature, sealed_key, payload)
    return assemble(manifest_bytes, signature, sealed_key, payload), package


def assemble(manifest_bytes: bytes, signature: str, sealed_key: bytes, payload: bytes) -> bytes:
    """Frame the four sections (no checks: test vectors use it to build bad packages)."""
    sig = signature.encode("ascii")
    return b"".join(
        (
            MAGIC,
            struct.pack(">I", len(manifest_bytes)),
            manifest_bytes,
            struct.pack(">I", len(sig)),
            sig,
            struct.pack(">I", len(sealed_key)),
            sealed_key,
            struct.pack(">Q", len(payload)),
            payload,
        )
    )


# -- parsing ---------------------------------------------------------------------


def read_package(path: Path) -> Package:
    """``parse_package`` of a file, refusing an oversized one before reading it."""
    try:
        with Path(path).open("rb") as f:
            if os.fstat(f.fileno()).st_size > MAX_FILE:
                raise Malformed("The file is larger than any Knowhold package can be.")
            # Chunked, so a file that grows while read (or a pipe) is still bounded.
            chunks: list[bytes] = []
            total = 0
            while chunk := f.read(_READ_CHUNK):
                total += len(chunk)
                if total > MAX_FILE:
                    raise Malformed("The file is larger than any Knowhold package can be.")
                chunks.append(chunk)
    except FileNotFoundError as exc:
        raise NotFound(f"No such file: {path}") from exc
    except OSError as exc:
        raise LicenseError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    return parse_package(b"".join(chunks))


def _section(data: bytes, offset: int, width: int, limit: int, what: str) -> tuple[bytes, int]:
    if offset + width > len(data):
        raise Malformed(f"The package is truncated (before the {what}).")
    (length,) = struct.unpack_from(">I" if width == 4 else ">Q", data, offset)
    if length > limit:
        raise Malformed(f"The package's {what} is larger than allowed ({length} > {limit} bytes).")
    start = offset + width
    if start + length > len(data):
        raise Malformed(f"The package is truncated (inside the {what}).")
    return data[start : start + length], start + length


def parse_package(data: bytes) -> Package:
    """Framing and limits, the licensor's signature, canonical form, the schema.

    Does not decrypt anything (``open_entries`` does); raises ``Malformed``.
    """
    if len(data) > MAX_FILE:
        raise Malformed("The file is larger than any Knowhold package can be.")
    if not data:
        raise Malformed("The file is empty.")
    if data[: len(MAGIC)] != MAGIC:
        if data.startswith(b"KNOWHOLD-PACKAGE-"):
            raise Malformed("This package uses a container format from a newer Knowhold; please update.")
        raise Malformed("This is not a Knowhold license package.")
    manifest_bytes, offset = _section(data, len(MAGIC), 4, MAX_MANIFEST, "manifest")
    sig_bytes, offset = _section(data, offset, 4, MAX_SIGNATURE, "signature")
    sealed_key, offset = _section(data, offset, 4, SEALED_KEY_BYTES, "sealed content key")
    if len(sealed_key) != SEALED_KEY_BYTES:
        raise Malformed(f"The sealed content key must be exactly {SEALED_KEY_BYTES} bytes.")
    payload, offset = _section(data, offset, 8, MAX_PAYLOAD, "payload")
    if len(payload) < NONCE_BYTES + TAG_BYTES:
        raise Malformed("The payload is too short to hold any content.")
    if offset != len(data):
        raise Malformed(f"The package has {len(data) - offset} unexpected bytes after its end.")
    try:
        signature = sig_bytes.decode("ascii")
    except UnicodeDecodeError as exc:
        raise Malformed("The manifest signature is not an armored SSH signature.") from exc
    return Package(
        manifest=parse_manifest(manifest_bytes, signature),
        manifest_bytes=manifest_bytes,
        manifest_hash=hashlib.sha256(manifest_bytes).digest(),
        signature=signature,
        sealed_key=sealed_key,
        payload=payload,
    )


def parse_manifest(manifest_bytes: bytes, signature: str) -> Manifest:
    """A signed manifest on its own: the licensor's signature, canonical form, the schema.

    The same checks, in the same order, as ``parse_package`` applies to a
    package's first two sections (it calls this): for a manifest kept apart
    from its package, such as in the received library, where it is checked
    again on every use. Raises ``Malformed``.
    """
    if len(manifest_bytes) > MAX_MANIFEST:
        raise Malformed(f"The manifest is larger than allowed ({MAX_MANIFEST} bytes).")
    if len(signature) > MAX_SIGNATURE or not signature.isascii():
        raise Malformed("The manifest signature is not an armored SSH signature.")
    # Verify first, parse after: the key is the one the signature names.
    signer = sshsig.signer_of(signature)
    try:
        sshsig.verify(signer, sshsig.NS_MANIFEST, manifest_bytes, signature)
    except Malformed as exc:
        raise Malformed("The manifest's signature is not valid: the package was altered.") from exc
    if not _canonical_armor(signature):
        raise Malformed("The manifest's signature is not in OpenSSH's armored form (70-character lines).")
    manifest = _manifest_from_json(_canonical_document(manifest_bytes))
    if not hmac.compare_digest(manifest.licensor.signing_key, signer):
        raise Malformed("The manifest is signed by a key that is not its licensor's.")
    return manifest


def _canonical_armor(signature: str) -> bool:
    """One spelling of the signature section: OpenSSH's armor exactly, as ``sshsig.sign`` writes it.

    ``sshsig.verify`` reads armor leniently (any line breaks, padding bits);
    a package must not have a second spelling that still verifies.
    """
    lines = signature.split("\n")
    try:
        blob = base64.b64decode("".join(lines[1:-2]), validate=True)
    except (binascii.Error, ValueError):
        return False
    text = base64.b64encode(blob).decode("ascii")
    wrapped = [text[i : i + 70] for i in range(0, len(text), 70)]
    return signature == "\n".join([sshsig.ARMOR_BEGIN, *wrapped, sshsig.ARMOR_END]) + "\n"


def _canonical_document(data: bytes) -> Any:
    """The signed manifest's JSON, accepted only if ``data`` is its RFC 8785 form.

    Fast path: orjson parses and writes back; equal bytes mean canonical,
    since a dropped duplicate key, another spelling or whitespace would all
    change them. That holds only for the plain values ``vault.canonical``
    describes (ASCII keys, integers within ±(2^53 - 1), no floats), and the
    schema that follows admits nothing else: every object there has a fixed
    set of ASCII keys and every number a bounded integer, so a document
    that passes here but is not plain (a float, a huge integer, a non-ASCII
    key) is refused by the schema. Anything else (a difference, or
    ``extensions``, whose keys may be any Unicode and whose values any JSON)
    is decided by ``canonical.parse_canonical``, which also names the reason.
    """
    try:
        document = orjson.loads(data)
        fast = type(document) is dict and "extensions" not in document
        fast = fast and orjson.dumps(document, option=orjson.OPT_SORT_KEYS) == data
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        fast = False
    return document if fast else parse_canonical(data, MAX_MANIFEST)


def _time(value: object, where: str) -> int:
    if isinstance(value, str):
        try:
            return parse_strict_time(value)
        except InvalidValue as exc:
            raise Malformed(f"Field {where}: not a time (use YYYY-MM-DDTHH:MM:SSZ).") from exc
    return expect_int(value, where, 0, MAX_TIME)


def _party(value: object, where: str) -> PublicIdentity:
    try:
        return PublicIdentity.from_party(value)
    except Malformed as exc:
        raise Malformed(f"Field {where}: {exc}") from exc


def _manifest_from_json(document: object) -> Manifest:
    if not isinstance(document, dict):
        raise Malformed("The manifest is not a JSON object.")
    if document.get("format") != FORMAT:
        raise Malformed("This is not a Knowhold license manifest.")
    version = document.get("version")
    if type(version) is int and version > VERSION:
        raise Malformed(
            f"This package was made by a newer Knowhold (format version {version}); please update to read it."
        )
    d = expect_keys(document, _MANIFEST_KEYS, "manifest", optional=("extensions",))
    expect_int(version, "version", VERSION, VERSION)
    if "extensions" in d and not isinstance(d["extensions"], dict):
        raise Malformed("Field extensions: expected an object.")
    license_id = d["license_id"]
    if not isinstance(license_id, str) or not _LICENSE_ID.fullmatch(license_id):
        raise Malformed("Field license_id: expected 32 lowercase hex characters.")
    issued_at = _time(d["issued_at"], "issued_at")
    not_before = _time(d["not_before"], "not_before")
    expires_at = _time(d["expires_at"], "expires_at")
    if not_before > expires_at:
        raise Malformed("The manifest's not_before is after its expires_at.")
    if issued_at > expires_at:
        raise Malformed("The manifest's issued_at is after its expires_at.")
    content = expect_keys(d["content"], ("redacted", "sensitive_included"), "content")
    return Manifest(
        license_id=license_id,
        licensor=_party(d["licensor"], "licensor"),
        licensee=_party(d["licensee"], "licensee"),
        issued_at=issued_at,
        not_before=not_before,
        expires_at=expires_at,
        entries=_manifest_entries(d["entries"]),
        terms=Terms.from_json(d["terms"]),
        revocation=Revocation.from_json(d["revocation"]),
        redacted=expect_bool(content["redacted"], "content.redacted"),
        sensitive_included=expect_bool(content["sensitive_included"], "content.sensitive_included"),
    )


def _manifest_entries(value: object) -> tuple[ManifestEntry, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_ENTRIES:
        raise Malformed(f"Field entries: expected a list of 1 to {MAX_ENTRIES:,} entries.")
    result: list[ManifestEntry] = []
    for i, item in enumerate(value):
        # One fast test per entry (up to 100,000); the slow one only to name the problem.
        if (
            type(item) is dict
            and item.keys() == _ENTRY_KEYSET
            and type(entry_id := item["id"]) is str
            and _ENTRY_ID.fullmatch(entry_id)
            and type(kind := item["kind"]) is str
            and _KIND.fullmatch(kind)
            and type(sha := item["sha256"]) is str
            and _SHA256.fullmatch(sha)
            and type(title := item["title"]) is str
            and len(title) <= MAX_TITLE
            and type(version := item["version"]) is int
            and 1 <= version <= MAX_SAFE_INT
        ):
            result.append(ManifestEntry(entry_id, version, kind, title, sha))
        else:
            _entry_problem(item, f"entries[{i}]")
    if len({e.id for e in result}) != len(result):
        seen: set[str] = set()
        for e in result:
            if e.id in seen:
                raise Malformed(f"Field entries: entry {e.id!r} is listed twice.")
            seen.add(e.id)
    return tuple(result)


def _entry_problem(item: object, where: str) -> None:
    """Raise the reason a manifest entry failed the fast test."""
    e = expect_keys(item, _ENTRY_KEYS, where)
    if not isinstance(e["id"], str) or not _ENTRY_ID.fullmatch(e["id"]):
        raise Malformed(f"Field {where}.id: not an entry id.")
    if not isinstance(e["kind"], str) or not _KIND.fullmatch(e["kind"]):
        raise Malformed(f"Field {where}.kind: not an entry kind.")
    if not isinstance(e["sha256"], str) or not _SHA256.fullmatch(e["sha256"]):
        raise Malformed(f"Field {where}.sha256: expected 64 lowercase hex characters.")
    expect_str(e["title"], f"{where}.title", MAX_TITLE)
    expect_int(e["version"], f"{where}.version", 1, MAX_SAFE_INT)
    raise Malformed(f"Field {where}: not a valid entry.")  # pragma: no cover - the fast test agrees


# -- opening ---------------------------------------------------------------------


def open_entries(package: Package, identity: Identity) -> tuple[bytes, list[LicensedEntry]]:
    """Unseal the content key with this vault's HPKE key and decrypt the entries.

    ``NotAddressed`` if the manifest names other licensee keys (checked before
    any decryption); ``Malformed`` if anything fails to decrypt or verify.
    """
    content_key = _unseal(package, identity)
    return content_key, decrypt_with_key(package, content_key)


def check_content(package: Package, identity: Identity) -> bytes:
    """``open_entries``'s checks, all of them, without building the entries; returns the content key.

    For verifying and ingesting, which keep the ciphertext and read no entry.
    """
    content_key = _unseal(package, identity)
    _payload_entries(_decrypt(package, content_key), package.manifest, keep=False)
    return content_key


def _unseal(package: Package, identity: Identity) -> bytes:
    licensee = package.manifest.licensee
    mine = identity.public
    if not (
        hmac.compare_digest(licensee.signing_key, mine.signing_key)
        and hmac.compare_digest(licensee.hpke_key, mine.hpke_key)
    ):
        raise NotAddressed(
            f"This package is addressed to {licensee.name} ({licensee.fingerprint}), not to this vault."
        )
    try:
        return HPKE_SUITE.decrypt(
            package.sealed_key, identity.hpke_private_key(), info=INFO_PREFIX + package.manifest_hash
        )
    except (InvalidTag, ValueError) as exc:
        raise Malformed(
            "The content key cannot be unsealed: the package was altered "
            "or mixes parts of different packages."
        ) from exc


def decrypt_with_key(package: Package, content_key: bytes) -> list[LicensedEntry]:
    """Decrypt and check the payload with a content key already unsealed (the received library)."""
    return _payload_entries(_decrypt(package, content_key), package.manifest, keep=True)


def _decrypt(package: Package, content_key: bytes) -> bytes:
    if len(content_key) != 32:
        raise Malformed("The content key has the wrong length.")
    # A view, not a copy: the payload can be a gigabyte.
    nonce, ciphertext = package.payload[:NONCE_BYTES], memoryview(package.payload)[NONCE_BYTES:]
    try:
        return ChaCha20Poly1305(content_key).decrypt(nonce, ciphertext, AAD_PREFIX + package.manifest_hash)
    except (InvalidTag, ValueError, OverflowError) as exc:
        raise Malformed(
            "The content cannot be decrypted: the package was altered or mixes parts of different packages."
        ) from exc


def _payload_entries(plaintext: bytes, manifest: Manifest, *, keep: bool) -> list[LicensedEntry]:
    """Check the decrypted payload against the manifest; the entries (``keep``), or ``[]``."""
    # orjson is enough here: the payload is accepted only if writing back
    # what was parsed gives exactly its bytes, so a duplicate key, another
    # spelling or whitespace cannot pass; and the checks below admit only the
    # plain values for which orjson writes RFC 8785 (fixed ASCII keys, a
    # bounded integer version, strings). Absurd nesting is a clean error.
    try:
        document = orjson.loads(plaintext)
    except orjson.JSONDecodeError as exc:
        raise Malformed("The decrypted content is not valid JSON.") from exc
    items = document.get("entries") if isinstance(document, dict) and len(document) == 1 else None
    if not isinstance(items, list):
        raise Malformed('The decrypted content is not {"entries": [...]}.')
    listed = manifest.entries
    if len(items) != len(listed):
        raise Malformed(f"The content holds {len(items)} entries; the manifest lists {len(listed)}.")
    m = manifest
    notice = notice_text(m.licensor.name, m.licensee.name, m.license_id, m.expires_at)
    result: list[LicensedEntry] = []
    append = result.append
    for i, (item, entry) in enumerate(zip(items, listed, strict=True)):
        # One fast test per entry; the slow one only to name the problem.
        if not (
            type(item) is dict
            and item.keys() == _PAYLOAD_KEYSET
            and item["id"] == entry.id
            and type(version := item["version"]) is int
            and version == entry.version
            and item["kind"] == entry.kind
            and item["title"] == entry.title
            and item["notice"] == notice
            and type(body := item["body"]) is str
            and len(body) <= MAX_BODY
            and type(tags := item["tags"]) is list
            and len(tags) <= MAX_TAGS
            and all(type(t) is str and 1 <= len(t) <= MAX_TAG for t in tags)
        ):
            _payload_problem(item, entry, i, notice)
        if keep:
            append(LicensedEntry(entry.id, version, entry.kind, entry.title, body, tuple(tags), notice))
    try:
        canonical_form = orjson.dumps(document, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError as exc:
        raise Malformed("The decrypted content cannot be canonicalised.") from exc
    if canonical_form != plaintext:
        raise Malformed("The decrypted content is not in canonical form (RFC 8785).")
    for entry, digest in zip(listed, _entry_digests(plaintext, len(listed)), strict=True):
        if not hmac.compare_digest(digest, entry.sha256):
            raise Malformed(f"Content entry {entry.id} does not match the hash the licensor signed.")
    return result


def _payload_problem(item: object, entry: ManifestEntry, i: int, notice: str) -> None:
    """Raise the reason a payload entry failed the fast test."""
    _check_payload_body(item, f"entries[{i}]")
    assert isinstance(item, dict)
    if (item["id"], item["version"], item["kind"], item["title"]) != (
        entry.id,
        entry.version,
        entry.kind,
        entry.title,
    ) or type(item["version"]) is not int:
        raise Malformed(f"Content entry {i} is not the entry the manifest lists there ({entry.id}).")
    if item["notice"] != notice:
        raise Malformed(f"Content entry {entry.id} does not carry this license's notice.")
    raise Malformed(f"Content entry {entry.id} is not valid.")  # pragma: no cover - the fast test agrees


def _entry_digests(plaintext: bytes, count: int) -> list[str]:
    """The hex SHA-256 of each entry's bytes, cut out of a canonical payload.

    In canonical form ``,{"body":`` occurs only between two entries: inside a
    string every ``"`` is escaped, and entries hold no nested objects. So
    splitting there yields each entry's exact bytes without encoding anything
    again (the first piece whole, the others without that ``{"body":``).
    """
    pieces = plaintext[len(_PAYLOAD_HEAD) : -len(_PAYLOAD_TAIL)].split(_ENTRY_JOINT)
    if len(pieces) != count:
        raise Malformed("The decrypted content does not split into the manifest's entries.")
    head = _ENTRY_HEAD_HASH
    digests = [hashlib.sha256(pieces[0]).hexdigest()]
    for piece in pieces[1:]:
        digest = head.copy()
        digest.update(piece)
        digests.append(digest.hexdigest())
    return digests


def _check_payload_body(item: object, where: str) -> None:
    """The parts of a payload entry the manifest does not list: body, tags, notice."""
    if (
        type(item) is dict
        and item.keys() == _PAYLOAD_KEYSET
        and type(body := item["body"]) is str
        and len(body) <= MAX_BODY
        and type(notice := item["notice"]) is str
        and len(notice) <= MAX_NOTICE
        and type(tags := item["tags"]) is list
        and len(tags) <= MAX_TAGS
        and all(type(t) is str and 1 <= len(t) <= MAX_TAG for t in tags)
    ):
        return
    where = f"content.{where}"
    e = expect_keys(item, _PAYLOAD_ENTRY_KEYS, where)
    expect_str(e["body"], f"{where}.body", MAX_BODY)
    expect_str(e["notice"], f"{where}.notice", MAX_NOTICE)
    raise Malformed(f"Field {where}.tags: expected at most {MAX_TAGS} tags of 1 to {MAX_TAG} characters.")
