"""Status documents: built, signed and read back; every malformed or forged one refused."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowhold.vault.errors import Malformed
from knowhold.vault.licensing import signedfile, sshsig
from knowhold.vault.licensing.canonical import canonical
from knowhold.vault.licensing.status import (
    MAX_STATUS,
    StatusItemRenewed,
    StatusItemRevoked,
    build_status,
    parse_status,
)

ID_A = "0a" * 16
ID_B = "1b" * 16
ID_C = "2c" * 16


class Signer:
    """The two things ``build_status`` uses of an Identity: its public signing
    key and ``sign``. Fixed keys, so failures reproduce."""

    def __init__(self, seed: int) -> None:
        self.key = Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32)
        self.public = SimpleNamespace(signing_key=sshsig.public_key_bytes(self.key.public_key()))

    def sign(self, namespace: str, message: bytes) -> str:
        return sshsig.sign(self.key, namespace, message)


LICENSOR = Signer(1)
OTHER = Signer(2)


def good_body(**changes: object) -> dict:
    body = {
        "format": "knowhold-status",
        "issued_at": 1_790_100_000,
        "licensor": base64.b64encode(LICENSOR.public.signing_key).decode(),
        "next_update": 1_790_704_800,
        "renewed": [{"expires_at": 1_800_000_000, "license_id": ID_B}],
        "revoked": [
            {"license_id": ID_A, "reason": "contract ended", "revoked_at": 1_790_090_000},
            {"license_id": ID_C, "reason": "", "revoked_at": 1_790_095_000},
        ],
        "sequence": 4,
        "version": 1,
    }
    body.update(changes)
    return body


def signed(
    body: dict | bytes,
    signer: Signer = LICENSOR,
    *,
    namespace: str = sshsig.NS_STATUS,
    tag: str = signedfile.TAG_STATUS,
) -> bytes:
    raw = body if isinstance(body, bytes) else canonical(body)
    return signedfile.encode(tag, raw, signer.sign(namespace, raw))


def make(**kwargs: object) -> bytes:
    args: dict = {
        "sequence": 4,
        "issued_at": 1_790_100_000,
        "next_update": 1_790_704_800,
        "revoked": [
            StatusItemRevoked(ID_C, 1_790_095_000, ""),
            StatusItemRevoked(ID_A, 1_790_090_000, "ended"),
        ],
        "renewed": [StatusItemRenewed(ID_B, 1_800_000_000)],
    }
    args.update(kwargs)
    return build_status(LICENSOR, **args)  # type: ignore[arg-type]


def test_build_and_parse_roundtrip() -> None:
    data = make()
    doc = parse_status(data, LICENSOR.public.signing_key)
    assert doc.licensor_key == LICENSOR.public.signing_key
    assert (doc.sequence, doc.issued_at, doc.next_update) == (4, 1_790_100_000, 1_790_704_800)
    # Written sorted by license id, whatever order they were given in.
    assert [r.license_id for r in doc.revoked] == [ID_A, ID_C]
    assert doc.revocation_of(ID_A) == StatusItemRevoked(ID_A, 1_790_090_000, "ended")
    assert doc.revocation_of(ID_B) is None
    assert doc.renewal_of(ID_B) == StatusItemRenewed(ID_B, 1_800_000_000)
    assert doc.renewal_of(ID_A) is None
    assert doc.raw == data
    line2 = data.split(b"\n")[1]
    assert doc.doc_hash == hashlib.sha256(line2).digest()
    assert data.startswith(b"knowhold-status-v1\n")
    # Public document: it names licenses by id only.
    assert b"licensee" not in data


def test_parse_without_expected_key_takes_the_signer() -> None:
    assert parse_status(make()).licensor_key == LICENSOR.public.signing_key


def test_empty_lists_are_fine() -> None:
    doc = parse_status(make(revoked=[], renewed=[]))
    assert doc.revoked == () and doc.renewed == ()


def test_expected_licensor_other_than_signer_refused() -> None:
    with pytest.raises(Malformed, match="someone other than the licensor"):
        parse_status(make(), OTHER.public.signing_key)


def test_resigned_by_another_key_refused() -> None:
    """Someone else signs a document that names our licensor: refused even
    without an expected key, because the named licensor did not sign it."""
    forged = signed(good_body(), OTHER)
    with pytest.raises(Malformed, match="someone other than the licensor"):
        parse_status(forged)
    # …and a document that honestly names its own signer is not our licensor's.
    own = signed(good_body(licensor=base64.b64encode(OTHER.public.signing_key).decode()), OTHER)
    assert parse_status(own).licensor_key == OTHER.public.signing_key
    with pytest.raises(Malformed, match="someone other than the licensor"):
        parse_status(own, LICENSOR.public.signing_key)


def test_every_flipped_byte_is_refused() -> None:
    data = make(revoked=[StatusItemRevoked(ID_A, 1, "x")], renewed=[])
    for i in range(len(data)):
        flipped = bytearray(data)
        flipped[i] ^= 0x01
        with pytest.raises(Malformed):
            parse_status(bytes(flipped), LICENSOR.public.signing_key)


@pytest.mark.parametrize(
    "data",
    [b"", b"knowhold-status-v1", b"knowhold-status-v1\n{}", bytes(range(256)) * 4, b"\n\n\n"],
    ids=["empty", "tag-only", "no-signature", "random", "blank-lines"],
)
def test_truncated_empty_random_refused(data: bytes) -> None:
    with pytest.raises(Malformed):
        parse_status(data)


def test_every_truncation_refused() -> None:
    data = make()
    for end in range(0, len(data), 7):
        with pytest.raises(Malformed):
            parse_status(data[:end])


def test_huge_refused_before_parsing() -> None:
    with pytest.raises(Malformed, match="larger than"):
        parse_status(b"knowhold-status-v1\n" + b" " * MAX_STATUS)


@pytest.mark.parametrize("tag", [signedfile.TAG_RECEIPT, signedfile.TAG_CARD, "knowhold-status-v2"])
def test_other_type_tag_refused(tag: str) -> None:
    with pytest.raises(Malformed):
        parse_status(signed(good_body(), tag=tag))


@pytest.mark.parametrize("namespace", [sshsig.NS_RECEIPT, sshsig.NS_MANIFEST, sshsig.NS_CARD])
def test_signature_for_another_purpose_refused(namespace: str) -> None:
    with pytest.raises(Malformed):
        parse_status(signed(good_body(), namespace=namespace))


def test_a_well_formed_crafted_document_is_accepted() -> None:
    """The control for the cases below: the crafted body itself is valid."""
    doc = parse_status(signed(good_body()), LICENSOR.public.signing_key)
    assert doc.sequence == 4 and len(doc.revoked) == 2


def test_strict_time_strings_are_read() -> None:
    doc = parse_status(signed(good_body(issued_at="2026-09-22T03:46:40Z")))
    assert doc.issued_at == 1_790_048_800


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"sequence": 0}, "sequence"),
        ({"sequence": -3}, "sequence"),
        ({"sequence": True}, "sequence"),
        ({"sequence": "4"}, "sequence"),
        ({"issued_at": 1_790_704_801}, "before its issue time"),
        ({"issued_at": "2026-09-22 03:46:40"}, "time"),
        ({"issued_at": "0001-01-01T00:00:00Z"}, "time"),
        ({"next_update": -1}, "time"),
        ({"version": 2}, "newer"),
        ({"version": 0}, "version"),
        ({"format": "knowhold-receipt"}, "not a status"),
        ({"extra": 1}, "unknown field"),
        ({"licensor": base64.b64encode(b"x" * 31).decode()}, "key"),
        ({"licensor": "not base64 at all"}, "key"),
        ({"revoked": {}}, "not a list"),
        ({"revoked": [{"license_id": ID_A, "revoked_at": 1}]}, "lacks reason"),
        ({"revoked": [{"license_id": ID_A.upper(), "reason": "", "revoked_at": 1}]}, "license id"),
        ({"revoked": [{"license_id": ID_A, "reason": "x" * 2001, "revoked_at": 1}]}, "reason"),
        ({"revoked": [{"license_id": ID_A, "reason": 7, "revoked_at": 1}]}, "reason"),
        (
            {
                "revoked": [
                    {"license_id": ID_C, "reason": "", "revoked_at": 1},
                    {"license_id": ID_A, "reason": "", "revoked_at": 1},
                ]
            },
            "not sorted",
        ),
        (
            {
                "revoked": [
                    {"license_id": ID_A, "reason": "", "revoked_at": 1},
                    {"license_id": ID_A, "reason": "", "revoked_at": 2},
                ]
            },
            "repeats",
        ),
        ({"renewed": [{"expires_at": 1, "license_id": ID_B, "note": ""}]}, "unknown field"),
        (
            {"renewed": [{"expires_at": 1, "license_id": ID_B}, {"expires_at": 2, "license_id": ID_B}]},
            "repeats",
        ),
    ],
)
def test_schema_violations_refused(changes: dict, reason: str) -> None:
    body = good_body(**changes)
    with pytest.raises(Malformed, match=reason):
        parse_status(signed(body))


def test_missing_field_refused() -> None:
    body = good_body()
    del body["next_update"]
    with pytest.raises(Malformed, match="lacks next_update"):
        parse_status(signed(body))


def test_signed_but_not_canonical_refused() -> None:
    """Whitespace or key order other than RFC 8785's is refused even when signed."""
    spaced = canonical(good_body()).replace(b'"sequence":4', b'"sequence": 4')
    with pytest.raises(Malformed, match="canonical"):
        parse_status(signed(spaced))
    duplicated = canonical(good_body()).replace(b'"sequence":4', b'"sequence":9,"sequence":4')
    with pytest.raises(Malformed, match="Duplicate"):
        parse_status(signed(duplicated))


def test_same_sequence_other_content_has_another_hash() -> None:
    """What a reader's rollback/tampering check relies on: equal content gives
    an equal hash, any change of content another one."""
    first = parse_status(make())
    again = parse_status(make())
    changed = parse_status(make(revoked=[StatusItemRevoked(ID_A, 1_790_090_000, "other reason")]))
    assert first.doc_hash == again.doc_hash
    assert changed.sequence == first.sequence and changed.doc_hash != first.doc_hash


def test_build_refuses_what_a_reader_would_refuse() -> None:
    with pytest.raises(Malformed):
        make(sequence=0)
    with pytest.raises(Malformed):
        make(issued_at=10, next_update=5)
    with pytest.raises(Malformed):
        make(revoked=[StatusItemRevoked(ID_A, 1, ""), StatusItemRevoked(ID_A, 2, "")])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600), st.integers(min_value=0, max_value=2000))
def test_fuzz_only_clean_errors(noise: bytes, cut: int) -> None:
    """Random bytes, and a real document with random bytes spliced in: the
    parser either accepts or raises Malformed, nothing else."""
    real = make()
    for data in (noise, real[:cut] + noise + real[cut + len(noise) :], b"knowhold-status-v1\n" + noise):
        with contextlib.suppress(Malformed):
            parse_status(data)


def ssh_keygen_verifies(folder: Path, data: bytes, key: bytes, namespace: str) -> bool:
    """Cut a signed file apart as an auditor would and ask stock OpenSSH."""
    _, body, signature = data.split(b"\n", 2)
    (folder / "doc.json").write_bytes(body)
    (folder / "doc.sig").write_bytes(signature)
    (folder / "allowed").write_text(f'x namespaces="{namespace}" {sshsig.ssh_public_key_line(key)}\n')
    with (folder / "doc.json").open("rb") as stdin:
        return (
            subprocess.run(
                [
                    "ssh-keygen",
                    "-Y",
                    "verify",
                    "-f",
                    str(folder / "allowed"),
                    "-I",
                    "x",
                    "-n",
                    namespace,
                    "-s",
                    str(folder / "doc.sig"),
                ],
                stdin=stdin,
                capture_output=True,
                check=False,
            ).returncode
            == 0
        )


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen not installed")
def test_stock_ssh_keygen_verifies_a_status_document(tmp_path: Path) -> None:
    data = make()
    key = LICENSOR.public.signing_key
    assert ssh_keygen_verifies(tmp_path, data, key, sshsig.NS_STATUS)
    assert not ssh_keygen_verifies(tmp_path, data, key, sshsig.NS_RECEIPT)
    tampered = data.replace(b'"sequence":4', b'"sequence":5')
    assert not ssh_keygen_verifies(tmp_path, tampered, key, sshsig.NS_STATUS)
