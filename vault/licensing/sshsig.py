"""Ed25519 signatures in OpenSSH's SSHSIG envelope, one namespace per purpose.

SSHSIG (OpenSSH ``PROTOCOL.sshsig``) signs ``H(message)`` inside a framed
blob that names a *namespace*. Every kind of Knowhold document signs under
its own namespace, so a signature made for one purpose (an identity card)
can never be presented as another (a manifest or a status document). And
because the envelope is OpenSSH's, an auditor can check any Knowhold
signature with stock tools::

    printf '%s namespaces="%s" %s\\n' ID NAMESPACE "$(ssh_public_key_line)" > allowed_signers
    ssh-keygen -Y verify -f allowed_signers -I ID -n NAMESPACE -s doc.sig < doc.bytes

where the key is OpenSSH's blob (``ssh_public_key_line``), not the raw 32
bytes the JSON holds; ``docs/format.md`` ("Checking a signature with
OpenSSH") has the commands for each kind of file, tested as printed.

The suite is fixed: Ed25519 keys, SHA-512 message hash. A signature with any
other key type, hash, version, namespace or signer is rejected, with one
opaque ``Malformed`` error (which part failed is not an oracle worth giving).
The Ed25519 arithmetic is cryptography's; this module only frames bytes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from knowhold.vault.errors import Malformed

MAGIC = b"SSHSIG"
VERSION = 1
HASH_ALG = b"sha512"
KEY_TYPE = b"ssh-ed25519"
ARMOR_BEGIN = "-----BEGIN SSH SIGNATURE-----"
ARMOR_END = "-----END SSH SIGNATURE-----"
MAX_ARMORED = 2048  # an Ed25519 SSHSIG is under 300 bytes armored
ARMOR_WIDTH = 70  # base64 characters per line, as OpenSSH wraps them

NS_CARD = "identity-card@knowhold"
NS_MANIFEST = "license-manifest@knowhold"
NS_STATUS = "license-status@knowhold"
NS_RECEIPT = "license-receipt@knowhold"
NS_USAGE = "license-usage@knowhold"
NAMESPACES = (NS_CARD, NS_MANIFEST, NS_STATUS, NS_RECEIPT, NS_USAGE)

_BAD = "The signature is not valid."


def _string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def _read_string(blob: bytes, offset: int) -> tuple[bytes, int]:
    if offset + 4 > len(blob):
        raise Malformed(_BAD)
    (length,) = struct.unpack_from(">I", blob, offset)
    end = offset + 4 + length
    if end > len(blob):
        raise Malformed(_BAD)
    return blob[offset + 4 : end], end


def public_key_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def ssh_public_key_blob(raw_public: bytes) -> bytes:
    return _string(KEY_TYPE) + _string(raw_public)


def ssh_public_key_line(raw_public: bytes) -> str:
    """``ssh-ed25519 AAAA…``: the key as OpenSSH writes it (for allowed_signers)."""
    return "ssh-ed25519 " + base64.b64encode(ssh_public_key_blob(raw_public)).decode("ascii")


def _signed_data(namespace: str, message: bytes) -> bytes:
    return (
        MAGIC
        + _string(namespace.encode("ascii"))
        + _string(b"")
        + _string(HASH_ALG)
        + _string(hashlib.sha512(message).digest())
    )


def sign(private_key: Ed25519PrivateKey, namespace: str, message: bytes) -> str:
    """The armored SSHSIG signature of ``message`` under ``namespace``."""
    if namespace not in NAMESPACES:
        raise ValueError(f"unknown namespace {namespace!r}")
    raw_public = public_key_bytes(private_key.public_key())
    signature = private_key.sign(_signed_data(namespace, message))
    blob = (
        MAGIC
        + struct.pack(">I", VERSION)
        + _string(ssh_public_key_blob(raw_public))
        + _string(namespace.encode("ascii"))
        + _string(b"")
        + _string(HASH_ALG)
        + _string(_string(KEY_TYPE) + _string(signature))
    )
    return _armor(blob)


def _armor(blob: bytes) -> str:
    """The one spelling of an SSHSIG blob, byte for byte what ``ssh-keygen -Y sign`` writes."""
    text = base64.b64encode(blob).decode("ascii")
    lines = [text[i : i + ARMOR_WIDTH] for i in range(0, len(text), ARMOR_WIDTH)]
    return "\n".join([ARMOR_BEGIN, *lines, ARMOR_END]) + "\n"


def armor_problem(armored: str) -> str | None:
    """Why ``armored`` is not spelled exactly as ``sign`` writes it, or None if it is.

    ``verify`` checks what the armor holds and reads its lines leniently;
    every document boundary (``signedfile`` for cards, status documents and
    receipts, ``manifest`` for packages) also calls this, so one rule holds
    for all four kinds (``docs/format.md``, "Armor"): LF line endings only,
    base64 in 70-character lines, exactly one newline after the END line.
    What it defends against: a second spelling of a signature that still
    verifies (a stored document is compared by its bytes, and one file kind
    must not forgive what another refuses), and a file altered in transit
    (CRLF conversion, a trimmed or added last line) passing unnoticed. The
    answer completes "The signature block …" for a one-line error.
    """
    if "\r" in armored:
        return "has Windows (CRLF) line endings; Knowhold files use LF only"
    if not armored.endswith("\n"):
        return "does not end with a newline after its END line"
    if armored.endswith("\n\n"):
        return "has an extra empty line after its END line"
    lines = armored[:-1].split("\n")
    if lines[0] != ARMOR_BEGIN:
        return f"does not start with {ARMOR_BEGIN}"
    if len(lines) < 2 or lines[-1] != ARMOR_END:
        return f"does not end with {ARMOR_END}"
    text = "".join(lines[1:-1])
    try:
        blob = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return "holds characters that are not base64"
    if not blob or base64.b64encode(blob).decode("ascii") != text:
        return "holds base64 that is not in its canonical form"
    if _armor(blob) != armored:
        return f"is not wrapped in lines of {ARMOR_WIDTH} base64 characters"
    return None


def _dearmor(armored: str) -> bytes:
    if len(armored) > MAX_ARMORED:
        raise Malformed(_BAD)
    lines = armored.strip("\n").split("\n")
    if len(lines) < 3 or lines[0] != ARMOR_BEGIN or lines[-1] != ARMOR_END:
        raise Malformed(_BAD)
    text = "".join(lines[1:-1])
    try:
        blob = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise Malformed(_BAD) from exc
    # Base64 lets the last character's unused bits vary; only the encoding we
    # would write is accepted, so each signature has exactly one valid spelling.
    if base64.b64encode(blob).decode("ascii") != text:
        raise Malformed(_BAD)
    return blob


def signer_of(armored: str) -> bytes:
    """The raw Ed25519 public key an SSHSIG claims to be from (not yet verified)."""
    blob = _dearmor(armored)
    if blob[:6] != MAGIC or len(blob) < 10:
        raise Malformed(_BAD)
    key_blob, _ = _read_string(blob, 10)
    key_type, offset = _read_string(key_blob, 0)
    raw, end = _read_string(key_blob, offset)
    if key_type != KEY_TYPE or len(raw) != 32 or end != len(key_blob):
        raise Malformed(_BAD)
    return raw


def verify(raw_public: bytes, namespace: str, message: bytes, armored: str) -> None:
    """Check that ``armored`` is ``raw_public``'s signature of ``message`` under ``namespace``.

    Raises ``Malformed`` for anything else: another signer, another namespace,
    another hash or key type, trailing bytes, or a signature that does not verify.
    The armor's line breaks are read leniently here; ``armor_problem`` is the
    exact spelling check every document boundary adds.
    """
    blob = _dearmor(armored)
    if blob[:6] != MAGIC or len(blob) < 10 or struct.unpack_from(">I", blob, 6)[0] != VERSION:
        raise Malformed(_BAD)
    offset = 10
    key_blob, offset = _read_string(blob, offset)
    ns, offset = _read_string(blob, offset)
    reserved, offset = _read_string(blob, offset)
    hash_alg, offset = _read_string(blob, offset)
    sig_blob, offset = _read_string(blob, offset)
    if offset != len(blob):
        raise Malformed(_BAD)
    if key_blob != ssh_public_key_blob(raw_public) or ns != namespace.encode("ascii"):
        raise Malformed(_BAD)
    if reserved != b"" or hash_alg != HASH_ALG:
        raise Malformed(_BAD)
    sig_type, sig_offset = _read_string(sig_blob, 0)
    signature, sig_end = _read_string(sig_blob, sig_offset)
    if sig_type != KEY_TYPE or len(signature) != 64 or sig_end != len(sig_blob):
        raise Malformed(_BAD)
    try:
        Ed25519PublicKey.from_public_bytes(raw_public).verify(signature, _signed_data(namespace, message))
    except (InvalidSignature, ValueError) as exc:
        raise Malformed(_BAD) from exc
