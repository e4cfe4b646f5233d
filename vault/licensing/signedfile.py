"""The file form shared by identity cards, status documents, receipts and usage reports.

    line 1     a type tag, e.g. ``knowhold-card-v1``
    line 2     the signed bytes: RFC 8785 canonical JSON (never contains a newline)
    lines 3-   the armored SSHSIG signature of line 2 (without its newline)

Text, so people can read what they are sending and an auditor can cut the
lines apart for ``ssh-keygen -Y verify``. ``decode`` only splits and bounds
the file; the caller verifies the signature over the exact bytes of line 2
before parsing them.

Line endings are LF only and the file ends with exactly one newline, the
one after the armor's END line (``docs/format.md``, "Armor"), the same rule
``manifest`` applies to a package's signature. Nothing is repaired: a CR
anywhere means the file was converted in transit, and the signed bytes of
line 2 would no longer be what was signed anyway; the error says so instead
of blaming the signature.
"""

from __future__ import annotations

from typing import Any

from knowhold.vault.errors import Malformed
from knowhold.vault.licensing import sshsig
from knowhold.vault.licensing.canonical import parse_canonical
from knowhold.vault.licensing.sshsig import MAX_ARMORED

TAG_CARD = "knowhold-card-v1"
TAG_STATUS = "knowhold-status-v1"
TAG_RECEIPT = "knowhold-receipt-v1"
TAG_USAGE = "knowhold-usage-v1"


def encode(tag: str, body: bytes, signature: str) -> bytes:
    if b"\n" in body:
        raise ValueError("signed body must be one line")
    return tag.encode("ascii") + b"\n" + body + b"\n" + signature.encode("ascii")


def decode(data: bytes, tag: str, max_bytes: int) -> tuple[bytes, str]:
    """Split a signed file into (signed bytes, armored signature)."""
    if len(data) > max_bytes:
        raise Malformed(f"The file is larger than {max_bytes} bytes.")
    if not data:
        raise Malformed("The file is empty.")
    parts = data.split(b"\n", 2)
    if len(parts) != 3:
        raise Malformed("The file is truncated or not a Knowhold document.")
    head, body, signature = parts
    # A CR on the tag line still names the kind of file; the CR itself is refused below.
    if head.removesuffix(b"\r") != tag.encode("ascii"):
        kind = tag.split("-v")[0].replace("knowhold-", "")
        raise Malformed(f"This is not a {kind} file (or it is from a newer Knowhold).")
    if b"\r" in data:
        raise Malformed("The file has Windows (CRLF) line endings; Knowhold files use LF only.")
    if len(signature) > MAX_ARMORED:
        raise Malformed("The file's signature block is too large.")
    try:
        armored = signature.decode("ascii")
    except UnicodeDecodeError as exc:
        raise Malformed("The file's signature block is damaged.") from exc
    problem = sshsig.armor_problem(armored)
    if problem is not None:
        raise Malformed(f"The file's signature block {problem}.")
    return body, armored


def open_signed(data: bytes, tag: str, namespace: str, max_bytes: int) -> tuple[bytes, bytes, Any]:
    """Verify a signed file, then parse it: (signer's Ed25519 key, signed bytes, their JSON value).

    Verify before parse: the signature is checked over the exact received
    bytes with the key the signature names, and only then is JSON parsed.
    The caller must still check that the document names that same key.
    """
    body, signature = decode(data, tag, max_bytes)
    signer = sshsig.signer_of(signature)
    sshsig.verify(signer, namespace, body, signature)
    return signer, body, parse_canonical(body, max_bytes)
