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
   the licensor signed (compared in constant time), and so must each file
   it carries (version 3), whose count and total size the signed manifest
   bounds before anything is decrypted. Reading one entry of a package
   already taken in (``decrypt_entry``) still decrypts the whole payload,
   which the AEAD tag covers, but checks that entry alone, every check of
   it kept (``payload.payload_entry`` says why that is enough).

Every failure is a ``Malformed`` (exit 10) with a one-line reason, or
``NotAddressed`` (exit 15); library exceptions never escape.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from knowhold.vault.errors import InvalidValue, LicenseError, Malformed, NotAddressed, NotFound
from knowhold.vault.licensing import sshsig
from knowhold.vault.licensing.canonical import canonical_checked
from knowhold.vault.licensing.identity import HPKE_SUITE, Identity, PublicIdentity
from knowhold.vault.licensing.manifest import (
    FILES_VERSION,
    FORMAT,
    MAX_MANIFEST,
    MAX_SIGNATURE,
    USAGE_VERSION,
    Manifest,
    manifest_from_json,
    parse_manifest,
)
from knowhold.vault.licensing.payload import (
    LicensedEntry,
    check_payload_body,
    entry_digests,
    notice_text,
    payload_entries,
    payload_entry,
    payload_item,
    payload_version,
)
from knowhold.vault.licensing.terms import Revocation, Terms

MAGIC = b"KNOWHOLD-PACKAGE-1\n"
PACKAGE_SUFFIX = ".knowhold"  # the file name ending of a package (docs/format.md)
SEALED_KEY_BYTES = 1168  # ML-KEM-768+X25519 enc (1120) + ChaCha20-Poly1305(32-byte key) (48)
MAX_PAYLOAD = 1024 * 1024 * 1024
NONCE_BYTES = 12
TAG_BYTES = 16
MAX_FILE = len(MAGIC) + 4 + MAX_MANIFEST + 4 + MAX_SIGNATURE + 4 + SEALED_KEY_BYTES + 8 + MAX_PAYLOAD

INFO_PREFIX = b"knowhold-package-v1 content-key\x00"
AAD_PREFIX = b"knowhold-package-v1 payload\x00"

_READ_CHUNK = 16 * 1024 * 1024

# RFC 8785 for the documents this module writes and re-checks: both the
# payload and the manifest are written with ``canonical_checked`` (orjson)
# only after every value in them has passed the schema below, which admits
# nothing but ASCII keys, bounded integers, strings and booleans: the shapes
# for which orjson's sorted output is RFC 8785 (see ``vault.canonical``).


# -- values ------------------------------------------------------------


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
    The manifest's version is the lowest that holds the entries: 3 when any
    carries a file, 2 when any carries an origin, else 1
    (``payload.payload_version``); 4 when the terms ask for usage reports.
    Anything a reader would refuse raises ``InvalidValue`` here instead: this
    writer never produces a package its own reader rejects.
    """
    notice = notice_text(licensor.public.name, licensee.name, license_id, expires_at)
    version = USAGE_VERSION if terms.usage_report is not None else payload_version(entries)
    try:
        items = [payload_item(e, notice, version) for e in entries]
        for i, item in enumerate(items):
            check_payload_body(item, f"entries[{i}]", version)
        # One encoding of the whole payload; each entry's bytes are cut out of it.
        # Its other fields (id, kind, title, version) are checked with the manifest
        # below, before anything is returned: a value canonical_checked would not
        # write as RFC 8785 (a float version, say) is refused there.
        plaintext = canonical_checked({"entries": items})
        digests = entry_digests(plaintext, len(items)) if items else []
        document = {
            "content": {"redacted": redacted, "sensitive_included": sensitive_included},
            "entries": [_listed(e, d, version) for e, d in zip(entries, digests, strict=True)],
            "expires_at": expires_at,
            "format": FORMAT,
            "issued_at": issued_at,
            "license_id": license_id,
            "licensee": licensee.to_party(),
            "licensor": licensor.public.to_party(),
            "not_before": not_before,
            "revocation": revocation.to_json(),
            "terms": terms.to_json(),
            "version": version,
        }
        manifest = manifest_from_json(document)  # the schema admits only what canonical_checked writes right
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


def _listed(entry: LicensedEntry, digest: str, version: int) -> dict[str, Any]:
    """The entry as the manifest of ``version`` lists it: with its files from version 3 on."""
    listed: dict[str, Any] = {
        "id": entry.id,
        "kind": entry.kind,
        "sha256": digest,
        "title": entry.title,
        "version": entry.version,
    }
    if version >= FILES_VERSION:
        listed["files"] = [f.listed().to_json() for f in entry.files]
    return listed


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


# -- opening ------------------------------------------------------------


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
    payload_entries(_decrypt(package, content_key), package.manifest, keep=False)
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
    return payload_entries(_decrypt(package, content_key), package.manifest, keep=True)


def decrypt_entry(package: Package, content_key: bytes, index: int) -> LicensedEntry:
    """The manifest's entry ``index`` alone, of a package whose payload was checked whole when it
    was taken in (the received library's ``check_content``).

    The AEAD authenticates only the whole payload, so all of it is decrypted;
    then only this entry is parsed and checked, and only its files decoded.
    """
    return payload_entry(_decrypt(package, content_key), package.manifest, index)


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
