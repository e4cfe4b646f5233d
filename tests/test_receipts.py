"""Acceptance receipts: built, signed, read back; forged or malformed ones refused."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowhold.vault.errors import Malformed
from knowhold.vault.licensing import signedfile, sshsig
from knowhold.vault.licensing.canonical import canonical
from knowhold.vault.licensing.receipts import MAX_RECEIPT, build_receipt, parse_receipt
from tests.test_status import Signer, ssh_keygen_verifies

LICENSEE = Signer(7)
OTHER = Signer(8)
LICENSE_ID = "5e" * 16
MANIFEST_HASH = hashlib.sha256(b"a manifest").digest()


def make(signer: Signer = LICENSEE, **kwargs: object) -> bytes:
    args: dict = {"license_id": LICENSE_ID, "manifest_hash": MANIFEST_HASH, "accepted_at": 1_790_001_000}
    args.update(kwargs)
    return build_receipt(signer, **args)  # type: ignore[arg-type]


def good_body(**changes: object) -> dict:
    body = {
        "accepted_at": 1_790_001_000,
        "format": "knowhold-receipt",
        "license_id": LICENSE_ID,
        "licensee": base64.b64encode(LICENSEE.public.signing_key).decode(),
        "manifest_hash": MANIFEST_HASH.hex(),
        "version": 1,
    }
    body.update(changes)
    return body


def signed(
    body: dict | bytes,
    signer: Signer = LICENSEE,
    *,
    namespace: str = sshsig.NS_RECEIPT,
    tag: str = signedfile.TAG_RECEIPT,
) -> bytes:
    raw = body if isinstance(body, bytes) else canonical(body)
    return signedfile.encode(tag, raw, signer.sign(namespace, raw))


def test_roundtrip() -> None:
    data = make()
    receipt = parse_receipt(data, LICENSEE.public.signing_key)
    assert receipt.license_id == LICENSE_ID
    assert receipt.manifest_hash == MANIFEST_HASH
    assert receipt.licensee_key == LICENSEE.public.signing_key
    assert receipt.accepted_at == 1_790_001_000
    assert receipt.raw == data and receipt.receipt_hash == hashlib.sha256(data).digest()
    assert data.startswith(b"knowhold-receipt-v1\n")
    assert parse_receipt(signed(good_body())) == parse_receipt(signed(good_body()))


def test_expected_licensee_other_than_signer_refused() -> None:
    with pytest.raises(Malformed, match="not signed by the licensee"):
        parse_receipt(make(), OTHER.public.signing_key)


def test_signed_in_someone_elses_name_refused() -> None:
    with pytest.raises(Malformed, match="not signed by the licensee"):
        parse_receipt(signed(good_body(), OTHER))


def test_every_flipped_byte_is_refused() -> None:
    data = make()
    for i in range(len(data)):
        flipped = bytearray(data)
        flipped[i] ^= 0x40
        with pytest.raises(Malformed):
            parse_receipt(bytes(flipped), LICENSEE.public.signing_key)


@pytest.mark.parametrize("data", [b"", b"knowhold-receipt-v1\n", bytes(range(256)), b"x" * (MAX_RECEIPT + 1)])
def test_empty_truncated_random_huge_refused(data: bytes) -> None:
    with pytest.raises(Malformed):
        parse_receipt(data)


def test_status_signature_or_tag_is_not_a_receipt() -> None:
    with pytest.raises(Malformed):
        parse_receipt(signed(good_body(), namespace=sshsig.NS_STATUS))
    with pytest.raises(Malformed):
        parse_receipt(signed(good_body(), tag=signedfile.TAG_STATUS))


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"manifest_hash": MANIFEST_HASH.hex().upper()}, "manifest hash"),
        ({"manifest_hash": MANIFEST_HASH.hex()[:-2]}, "manifest hash"),
        ({"license_id": "xyz"}, "license id"),
        ({"accepted_at": "yesterday"}, "time"),
        ({"version": 3}, "newer"),
        ({"format": "knowhold-status"}, "not a receipt"),
        ({"note": "I agree"}, "unknown field"),
    ],
)
def test_schema_violations_refused(changes: dict, reason: str) -> None:
    with pytest.raises(Malformed, match=reason):
        parse_receipt(signed(good_body(**changes)))


def test_fractional_time_refused() -> None:
    raw = canonical(good_body()).replace(b'"accepted_at":1790001000', b'"accepted_at":1.5')
    with pytest.raises(Malformed, match="Fractional"):
        parse_receipt(signed(raw))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400), st.integers(min_value=0, max_value=700))
def test_fuzz_only_clean_errors(noise: bytes, cut: int) -> None:
    real = make()
    for data in (noise, real[:cut] + noise + real[cut + len(noise) :], b"knowhold-receipt-v1\n" + noise):
        with contextlib.suppress(Malformed):
            parse_receipt(data)


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen not installed")
def test_stock_ssh_keygen_verifies_a_receipt(tmp_path: Path) -> None:
    key = LICENSEE.public.signing_key
    assert ssh_keygen_verifies(tmp_path, make(), key, sshsig.NS_RECEIPT)
    assert not ssh_keygen_verifies(tmp_path, make(), OTHER.public.signing_key, sshsig.NS_RECEIPT)
