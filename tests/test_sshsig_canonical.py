"""The SSHSIG envelope and strict canonical JSON."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from vault import canonical, sshsig
from vault.errors import Malformed

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
RAW = sshsig.public_key_bytes(KEY.public_key())
MESSAGE = canonical.canonical({"license_id": "00ff", "expires_at": 1800000000, "title": "复盘"})


def test_sign_and_verify() -> None:
    sig = sshsig.sign(KEY, sshsig.NS_MANIFEST, MESSAGE)
    sshsig.verify(RAW, sshsig.NS_MANIFEST, MESSAGE, sig)
    assert sshsig.signer_of(sig) == RAW


@pytest.mark.parametrize("namespace", [sshsig.NS_CARD, sshsig.NS_STATUS, sshsig.NS_RECEIPT])
def test_purposes_cannot_be_confused(namespace: str) -> None:
    sig = sshsig.sign(KEY, sshsig.NS_MANIFEST, MESSAGE)
    with pytest.raises(Malformed):
        sshsig.verify(RAW, namespace, MESSAGE, sig)


def test_other_signer_and_other_message_rejected() -> None:
    sig = sshsig.sign(KEY, sshsig.NS_MANIFEST, MESSAGE)
    other = sshsig.public_key_bytes(Ed25519PrivateKey.generate().public_key())
    with pytest.raises(Malformed):
        sshsig.verify(other, sshsig.NS_MANIFEST, MESSAGE, sig)
    with pytest.raises(Malformed):
        sshsig.verify(RAW, sshsig.NS_MANIFEST, MESSAGE + b" ", sig)


def test_every_flipped_bit_of_the_signature_is_rejected() -> None:
    sig = sshsig.sign(KEY, sshsig.NS_STATUS, MESSAGE)
    import base64

    lines = sig.strip().split("\n")
    blob = bytearray(base64.b64decode("".join(lines[1:-1])))
    for i in range(len(blob)):
        flipped = bytearray(blob)
        flipped[i] ^= 0x01
        text = base64.b64encode(bytes(flipped)).decode()
        armored = "\n".join([sshsig.ARMOR_BEGIN, text, sshsig.ARMOR_END])
        with pytest.raises(Malformed):
            sshsig.verify(RAW, sshsig.NS_STATUS, MESSAGE, armored)


@given(st.text(max_size=3000))
@settings(max_examples=200, deadline=None)
def test_garbage_signatures_only_raise_malformed(text: str) -> None:
    with pytest.raises(Malformed):
        sshsig.verify(RAW, sshsig.NS_MANIFEST, MESSAGE, text)


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen not installed")
@pytest.mark.parametrize("namespace", sshsig.NAMESPACES)
def test_stock_ssh_keygen_verifies(tmp_path: Path, namespace: str) -> None:
    sig = sshsig.sign(KEY, namespace, MESSAGE)
    (tmp_path / "msg").write_bytes(MESSAGE)
    (tmp_path / "msg.sig").write_text(sig)
    (tmp_path / "allowed").write_text(f'worker namespaces="{namespace}" {sshsig.ssh_public_key_line(RAW)}\n')

    def run(ns: str) -> int:
        with (tmp_path / "msg").open("rb") as stdin:
            return subprocess.run(
                [
                    "ssh-keygen",
                    "-Y",
                    "verify",
                    "-f",
                    str(tmp_path / "allowed"),
                    "-I",
                    "worker",
                    "-n",
                    ns,
                    "-s",
                    str(tmp_path / "msg.sig"),
                ],
                stdin=stdin,
                capture_output=True,
            ).returncode

    assert run(namespace) == 0
    other = next(ns for ns in sshsig.NAMESPACES if ns != namespace)
    assert run(other) != 0


@pytest.mark.parametrize(
    "data",
    [
        b'{"a":1,"a":2}',  # duplicate key
        b'{"b":1,"a":2}',  # keys out of order
        b'{"a": 1}',  # whitespace
        b'{"a":1.5}',  # float
        b'{"a":NaN}',
        b'{"a":9007199254740993}',  # beyond 2^53
        b'{"a":"\\u0041"}',  # escape the canonical form would not use
        b"[" * 40 + b"]" * 40,  # too deep
        b"\xff\xfe",  # not UTF-8
        b"",
        b'{"a":1}garbage',
    ],
)
def test_non_canonical_rejected(data: bytes) -> None:
    with pytest.raises(Malformed):
        canonical.parse_canonical(data, 10_000)


def test_canonical_roundtrip_and_size_limit() -> None:
    assert canonical.parse_canonical(MESSAGE, 10_000)["title"] == "复盘"
    with pytest.raises(Malformed, match="larger"):
        canonical.parse_canonical(MESSAGE, 10)


@given(st.binary(max_size=2000))
@settings(max_examples=300, deadline=None)
def test_parser_fuzz_only_malformed(data: bytes) -> None:
    """Arbitrary bytes either parse to a value whose canonical form is those bytes, or raise Malformed."""
    try:
        value = canonical.parse_canonical(data, 10_000)
    except Malformed:
        return
    assert canonical.canonical(value) == data


def test_signature_has_one_spelling() -> None:
    """Changing the unused low bits of the last base64 character is rejected."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    sig = sshsig.sign(KEY, sshsig.NS_STATUS, MESSAGE)
    lines = sig.strip().split("\n")
    body = "".join(lines[1:-1])
    stripped = body.rstrip("=")
    last = stripped[-1]
    rejected = 0
    for ch in alphabet:
        if ch == last:
            continue
        variant = stripped[:-1] + ch + body[len(stripped):]
        armored = "\n".join([sshsig.ARMOR_BEGIN, variant, sshsig.ARMOR_END])
        with pytest.raises(Malformed):
            sshsig.verify(RAW, sshsig.NS_STATUS, MESSAGE, armored)
        rejected += 1
    assert rejected == 63
