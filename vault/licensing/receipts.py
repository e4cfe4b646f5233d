"""Acceptance receipts: the licensee's signed word that they agreed to a license.

The employer's vault signs one when it accepts a package; the worker imports
it into their ledger (``vault.licensing.Ledger.import_receipt``), where it is
the worker's evidence that these exact terms were agreed::

    knowhold-receipt-v1
    {"accepted_at":…,"format":"knowhold-receipt","license_id":"<hex>",
     "licensee":"<b64 signing key>","manifest_hash":"<hex>","version":1}
    -----BEGIN SSH SIGNATURE----- …  (namespace license-receipt@knowhold)

It names the manifest by hash, so it binds the terms byte for byte, not just
a license id. Reading one checks the signature with the key the signature
names, then requires the ``licensee`` field to be that key (and the caller's
expected licensee key, if given), so nobody can sign a receipt in another's
name.

A receipt holds no free text: every field has a fixed pattern (hex, base64,
a strict time), so nothing in it can reach a terminal as an escape sequence.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from knowhold.vault.errors import Malformed
from knowhold.vault.licensing import signedfile, sshsig
from knowhold.vault.licensing.canonical import canonical
from knowhold.vault.licensing.status import (
    check_format,
    exact_object,
    field_hash,
    field_key,
    field_license_id,
    field_time,
)

if TYPE_CHECKING:
    from knowhold.vault.licensing.identity import Identity

FORMAT = "knowhold-receipt"
VERSION = 1
MAX_RECEIPT = 16 * 1024

_KEYS = frozenset({"accepted_at", "format", "license_id", "licensee", "manifest_hash", "version"})


@dataclass(frozen=True, slots=True)
class Receipt:
    license_id: str
    manifest_hash: bytes
    licensee_key: bytes
    accepted_at: int
    raw: bytes  # the whole file as received, kept as evidence

    @property
    def receipt_hash(self) -> bytes:
        return hashlib.sha256(self.raw).digest()


def build_receipt(identity: Identity, *, license_id: str, manifest_hash: bytes, accepted_at: int) -> bytes:
    """The signed receipt file; parsed back before it is returned."""
    licensee_key = identity.public.signing_key
    body = canonical(
        {
            "accepted_at": accepted_at,
            "format": FORMAT,
            "license_id": license_id,
            "licensee": base64.b64encode(licensee_key).decode("ascii"),
            "manifest_hash": bytes(manifest_hash).hex(),
            "version": VERSION,
        }
    )
    data = signedfile.encode(signedfile.TAG_RECEIPT, body, identity.sign(sshsig.NS_RECEIPT, body))
    parse_receipt(data, licensee_key)
    return data


def parse_receipt(data: bytes, licensee_key: bytes | None = None) -> Receipt:
    """Check and read a receipt file; ``Malformed`` with a reason for anything wrong."""
    signer, _body, value = signedfile.open_signed(
        data, signedfile.TAG_RECEIPT, sshsig.NS_RECEIPT, MAX_RECEIPT
    )
    obj = exact_object(value, _KEYS, "receipt")
    check_format(obj, FORMAT, VERSION, "receipt")
    named = field_key(obj["licensee"], "licensee")
    if named != signer or (licensee_key is not None and signer != bytes(licensee_key)):
        raise Malformed("The receipt is not signed by the licensee.")
    return Receipt(
        license_id=field_license_id(obj["license_id"]),
        manifest_hash=field_hash(obj["manifest_hash"], "manifest hash"),
        licensee_key=signer,
        accepted_at=field_time(obj["accepted_at"], "accepted_at"),
        raw=bytes(data),
    )
