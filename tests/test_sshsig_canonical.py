"""The SSHSIG envelope and strict canonical JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import orjson
import pytest
import rfc8785
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from knowhold.vault.errors import Malformed
from knowhold.vault.licensing import canonical, sshsig

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
        b'"\\ud800"',  # a lone surrogate: RFC 8785 cannot write it
        b"\xef\xbb\xbf{}",  # a byte-order mark
        b'{"a":Infinity}',
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
        variant = stripped[:-1] + ch + body[len(stripped) :]
        armored = "\n".join([sshsig.ARMOR_BEGIN, variant, sshsig.ARMOR_END])
        with pytest.raises(Malformed):
            sshsig.verify(RAW, sshsig.NS_STATUS, MESSAGE, armored)
        rejected += 1
    assert rejected == 63


# -- the orjson fast path is RFC 8785 -------------------------------------------------------

# Characters where JSON encoders differ: control characters (short and \u00xx
# escapes), DEL, quotes, backslashes, the slash, U+2028/2029 (which some encoders
# escape), a BOM, CJK, characters from U+E000 to U+FFFF and beyond U+FFFF (where
# UTF-8 and UTF-16 sort orders part), emoji.
_TRICKY = [chr(c) for c in range(0x20)] + list('\x7f"\\/\u2028\u2029\ufeff复盘中文\ue000\uffff😀𝄞')
_TEXT = st.text(alphabet=st.one_of(st.sampled_from(_TRICKY), st.characters(exclude_categories=("Cs",))))
_ASCII_KEY = st.text(alphabet=st.characters(max_codepoint=127), max_size=8)
_INT = st.one_of(
    st.integers(-canonical.MAX_INT, canonical.MAX_INT),
    st.sampled_from([0, -1, canonical.MAX_INT, -canonical.MAX_INT, 2**31, 2**32, -(2**31)]),
)
_SCALAR = st.one_of(_TEXT, _INT, st.booleans(), st.none())


def _json(keys: st.SearchStrategy[str]) -> st.SearchStrategy[object]:
    return st.recursive(
        _SCALAR,
        lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
        max_leaves=20,
    )


@given(_json(_ASCII_KEY))
@settings(max_examples=250, deadline=None)
def test_fast_encoding_is_rfc8785_for_ascii_keys(value: object) -> None:
    assert canonical._plain(value, None)  # the orjson path is the one taken
    assert canonical.canonical(value) == rfc8785.dumps(value)
    assert canonical.canonical_checked(value) == rfc8785.dumps(value)


@given(_json(st.one_of(_ASCII_KEY, _TEXT)))
@settings(max_examples=150, deadline=None)
def test_canonical_is_rfc8785_for_any_keys(value: object) -> None:
    # Non-ASCII keys leave the fast path; the output is RFC 8785 either way.
    assert canonical.canonical(value) == rfc8785.dumps(value)


@given(_json(st.one_of(_ASCII_KEY, _TEXT)))
@settings(max_examples=150, deadline=None)
def test_canonical_bytes_parse_back(value: object) -> None:
    data = rfc8785.dumps(value)
    if canonical._depth_ok(data.decode("utf-8")):
        assert canonical.parse_canonical(data, 1 << 20) == value


def test_keys_beyond_the_bmp_sort_as_rfc8785_says() -> None:
    # UTF-16 puts U+1F600 (a surrogate pair, 0xD83D...) before U+FFFF; UTF-8 the other way round.
    value = {"\uffff": 1, "😀": 2}
    rfc = rfc8785.dumps(value)
    assert rfc.index("😀".encode()) < rfc.index("\uffff".encode())
    assert canonical.canonical(value) == rfc
    assert canonical.parse_canonical(rfc, 1000) == value
    utf8_sorted = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    assert utf8_sorted != rfc
    with pytest.raises(Malformed, match="canonical"):
        canonical.parse_canonical(utf8_sorted, 1000)


def test_values_orjson_would_write_differently_go_through_rfc8785() -> None:
    for value in ({"a": 1.5}, {"a": 2**53}, [2**64], {"a": b"x"}):
        assert not canonical._plain(value, None)
    assert canonical.canonical({"a": 1.5}) == rfc8785.dumps({"a": 1.5})  # written the rfc8785 way
    for refused in ({"n": 2**53}, {"a": "\ud800"}, {1: 2}):  # rfc8785's errors, not orjson's output
        with pytest.raises(ValueError):
            canonical.canonical(refused)


def _variants(data: bytes) -> list[bytes]:
    """Near misses of canonical bytes: each must be judged as the strict path judges it."""
    text = data.decode("utf-8")
    value = json.loads(text)
    out = [
        data + b" ",
        b" " + data,
        data.replace(b":", b": ", 1),
        json.dumps(value, ensure_ascii=True, separators=(",", ":"), sort_keys=True).encode(),
        json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(),
        json.dumps(value, ensure_ascii=False).encode(),
        b"\xef\xbb\xbf" + data,
    ]
    if data.startswith(b"{") and len(data) > 2:  # a duplicate of the first member
        first = orjson.dumps(dict([next(iter(value.items()))]))[1:-1]
        out.append(b"{" + first + b"," + data[1:])
        out.append(data[:-1] + b"," + first + b"}")
    return out


@given(_json(st.one_of(_ASCII_KEY, _TEXT)))
@settings(max_examples=150, deadline=None)
def test_fast_and_strict_parsing_agree_on_near_misses(value: object) -> None:
    for data in [rfc8785.dumps(value), *_variants(rfc8785.dumps(value))]:
        try:
            strict = canonical._parse_canonical_strictly(data, 1 << 20)
        except Malformed:
            with pytest.raises(Malformed):
                canonical.parse_canonical(data, 1 << 20)
        else:
            assert canonical.parse_canonical(data, 1 << 20) == strict


def test_fast_path_rejections_name_their_reason() -> None:
    # Refused by the fast path, the strict path gives the reason.
    cases = {
        b'{"a":1,"a":1}': "Duplicate",
        b'{"a":1.5}': "Fractional",
        b'{"a":9007199254740992}': "range",
        b"[" * 17 + b"]" * 17: "deeply",
        b'{"b":1,"a":2}': "canonical",
    }
    for data, reason in cases.items():
        with pytest.raises(Malformed, match=reason):
            canonical.parse_canonical(data, 1000)
    assert canonical.parse_canonical(b"[" * 16 + b"]" * 16, 1000) is not None


# -- the exact rules docs/format.md states ------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "accepted"),
    [
        (b"9007199254740991", True),  # 2^53 - 1: the largest allowed
        (b"-9007199254740991", True),
        (b"0", True),
        (b"9007199254740992", False),  # 2^53 itself is refused
        (b"-9007199254740992", False),
        (b"-0", False),  # not canonical: RFC 8785 writes 0
        (b"1.0", False),  # integral, but written as a fraction
        (b"1e3", False),
        (b"01", False),
    ],
)
def test_integers_are_exactly_those_within_2_53_minus_1(number: bytes, accepted: bool) -> None:
    data = b'{"n":' + number + b"}"
    if accepted:
        assert canonical.parse_canonical(data, 1000) == {"n": int(number)}
        assert canonical._parse_canonical_strictly(data, 1000) == {"n": int(number)}
    else:
        with pytest.raises(Malformed):
            canonical.parse_canonical(data, 1000)


def test_depth_counts_each_array_and_object_and_not_brackets_in_strings() -> None:
    def nested(levels: int) -> bytes:
        # Objects and arrays alternating; the innermost holds a scalar (which adds no level).
        data = b"1"
        for i in range(levels):
            data = b'{"a":' + data + b"}" if i % 2 else b"[" + data + b"]"
        return data

    assert canonical.parse_canonical(nested(16), 10_000) is not None
    with pytest.raises(Malformed, match="deeply"):
        canonical.parse_canonical(nested(17), 10_000)
    assert canonical.parse_canonical(b'"' + b"[" * 40 + b'"', 1000) == "[" * 40  # depth 0
    assert canonical.parse_canonical(b'["' + b"{" * 40 + b'"]', 1000) == ["{" * 40]  # depth 1


def test_armor_has_exactly_one_spelling() -> None:
    """Line by line as ``sign`` (and ``ssh-keygen -Y sign``) writes it; anything else names its fault."""
    sig = sshsig.sign(KEY, sshsig.NS_STATUS, MESSAGE)
    assert sshsig.armor_problem(sig) is None
    lines = sig.split("\n")
    body = "".join(lines[1:-2])
    assert [len(line) for line in lines[1:-2]][:-1] == [70] * (len(lines) - 4)
    faults = {
        sig[:-1]: "does not end with a newline",
        sig + "\n": "extra",
        sig + "\n\n": "extra",
        sig.replace("\n", "\r\n"): "CRLF",
        sig.replace("\n", "\r\n", 1): "CRLF",
        "\n" + sig: "BEGIN",
        " " + sig: "BEGIN",
        sig + "x\n": "END",
        "\n".join([lines[0], body[:64], body[64:], lines[-2]]) + "\n": "70",
        "\n".join([lines[0], body, lines[-2]]) + "\n": "70",
        sig.replace("\n-----END", " \n-----END"): "base64",
        "\n".join([lines[0], lines[-2]]) + "\n": "base64",
    }
    for armored, reason in faults.items():
        problem = sshsig.armor_problem(armored)
        assert problem is not None and reason in problem, (armored, problem)
        assert "\n" not in problem


@given(st.text(max_size=600))
@settings(max_examples=200, deadline=None)
def test_armor_problem_never_raises(text: str) -> None:
    assert sshsig.armor_problem(text) is not None
