"""The committed test vectors, checked by vault.package and by the spec's reference verifier.

tests/vectors/ holds packages made from the fixed keys in keys.json: one valid
and one per check, each wrong in exactly one way (see expected.json and
README.md there). The reference verifier is the ```python block under
"## Reference verifier" in docs/format.md, run exactly as printed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowhold.vault import errors
from knowhold.vault.licensing import signedfile, sshsig
from knowhold.vault.licensing.identity import Identity
from knowhold.vault.licensing.package import assemble, open_entries, parse_package

ROOT = Path(__file__).resolve().parents[1]
VECTORS = ROOT / "tests" / "vectors"
EXPECTED: dict[str, dict[str, Any]] = json.loads((VECTORS / "expected.json").read_text("utf-8"))
KEYS: dict[str, Any] = json.loads((VECTORS / "keys.json").read_text("utf-8"))
PACKAGES = sorted(name for name in EXPECTED if name.endswith(".knowhold"))
BAD = [name for name in PACKAGES if EXPECTED[name]["error"] is not None]
TEXTS = sorted(name for name in EXPECTED if name.endswith(".txt"))
# Refused on the file alone (usage-*.txt refused against a license: tests/test_usage_vectors.py).
BAD_TEXTS = [
    name for name in TEXTS if EXPECTED[name]["error"] is not None and EXPECTED[name]["stage"] == "parse"
]
# The three ways line endings go wrong in transit, one vector each (docs/format.md, "Armor").
LINE_FAULTS = ("no-final-newline", "crlf", "extra-newline")


def _identity(role: str) -> Identity:
    k = KEYS[role]
    return Identity.from_private_bytes(
        k["name"],
        bytes.fromhex(k["ed25519_seed"]),
        bytes.fromhex(k["mlkem_seed"]),
        bytes.fromhex(k["x25519_private"]),
        0,
    )


LICENSOR, LICENSEE = _identity("licensor"), _identity("licensee")


def _reference_verifier() -> dict[str, Any]:
    spec = (ROOT / "docs" / "format.md").read_text("utf-8")
    section = spec.split("\n## Reference verifier\n", 1)[1]
    blocks = re.findall(r"^```python\n(.*?)^```$", section, flags=re.S | re.M)
    assert len(blocks) == 1, "the section must hold exactly one python block"
    namespace: dict[str, Any] = {"__name__": "knowhold_reference_verifier"}
    exec(compile(blocks[0], "docs/format.md#reference-verifier", "exec"), namespace)
    return namespace


REF = _reference_verifier()


def test_the_vector_set_is_complete() -> None:
    assert set(PACKAGES) == {
        "valid.knowhold",
        "flipped-manifest.knowhold",
        "flipped-signature.knowhold",
        "flipped-sealed-key.knowhold",
        "flipped-payload.knowhold",
        "swapped-payload.knowhold",
        "other-licensee.knowhold",
        "resigned-by-stranger.knowhold",
        "truncated.knowhold",
        "trailing-bytes.knowhold",
        "newer-version.knowhold",
        "duplicate-key.knowhold",
        *(f"signature-{fault}.knowhold" for fault in LINE_FAULTS),
        "valid-origin.knowhold",
        "origin-in-version-1.knowhold",
        "origin-missing.knowhold",
        "origin-bad-kind.knowhold",
        "valid-files.knowhold",
        "files-hash-mismatch.knowhold",
        "files-over-limit.knowhold",
    }
    usage = ("usage", "usage-tampered", "usage-wrong-signer", "usage-other-license", "usage-replayed")
    assert set(TEXTS) == {
        "status.txt",
        "receipt.txt",
        *(f"status-{fault}.txt" for fault in LINE_FAULTS),
        *(f"{name}.txt" for name in usage),
    }
    for name in [*PACKAGES, *TEXTS]:
        assert (VECTORS / name).is_file()


def test_readme_documents_the_key_encoding() -> None:
    """keys.json holds hex of raw private bytes; the README's worked example must follow from it."""
    readme = (VECTORS / "README.md").read_text("utf-8")
    for field in ("ed25519_seed", "mlkem_seed", "x25519_private"):
        assert f"`{field}`" in readme
        for role in ("licensor", "licensee", "third"):
            assert re.fullmatch(r"[0-9a-f]+", KEYS[role][field])
    raw = LICENSOR.public.signing_key
    assert base64.b64encode(raw).decode() in readme
    assert sshsig.ssh_public_key_line(raw).split()[1] in readme
    assert len(LICENSOR.public.hpke_key) == 1216


def test_reference_verifier_uses_only_cryptography_and_rfc8785() -> None:
    spec = (ROOT / "docs" / "format.md").read_text("utf-8").split("\n## Reference verifier\n", 1)[1]
    imported = set(re.findall(r"^(?:from|import) ([\w]+)", spec, flags=re.M))
    assert imported <= {"base64", "hashlib", "json", "time", "cryptography", "rfc8785"}


# -- vault.package --------------------------------------------------------------------


def test_valid_vector_opens_with_the_fixed_keys() -> None:
    want = EXPECTED["valid.knowhold"]
    package = parse_package((VECTORS / "valid.knowhold").read_bytes())
    assert package.manifest.license_id == want["license_id"]
    assert package.manifest_hash.hex() == want["manifest_sha256"]
    assert package.manifest.licensor == LICENSOR.public
    assert package.manifest.licensee == LICENSEE.public
    _, entries = open_entries(package, LICENSEE)
    assert [e.id for e in entries] == want["entry_ids"]
    assert [e.title for e in entries] == want["titles"]
    assert "复盘流程" in want["titles"]
    assert package.manifest.version == 1 and all(e.origin is None for e in entries)


def test_origin_vector_opens_as_version_2_with_every_kind_of_origin() -> None:
    want = EXPECTED["valid-origin.knowhold"]
    package = parse_package((VECTORS / "valid-origin.knowhold").read_bytes())
    assert package.manifest.version == want["manifest_version"] == 2
    assert package.manifest_hash.hex() == want["manifest_sha256"]
    _, entries = open_entries(package, LICENSEE)
    assert [e.id for e in entries] == want["entry_ids"]
    assert [None if e.origin is None else e.origin.to_json() for e in entries] == want["origins"]
    kinds = [None if o is None else o["kind"] for o in want["origins"]]
    assert kinds == ["own", "organisation", "public", None]


def test_files_vector_opens_as_version_3_with_each_file_as_listed() -> None:
    want = EXPECTED["valid-files.knowhold"]
    package = parse_package((VECTORS / "valid-files.knowhold").read_bytes())
    assert package.manifest.version == want["manifest_version"] == 3
    assert package.manifest_hash.hex() == want["manifest_sha256"]
    assert [[f.to_json() for f in e.files] for e in package.manifest.entries] == want["files"]
    _, entries = open_entries(package, LICENSEE)
    assert [e.id for e in entries] == want["entry_ids"]
    assert [[f.listed().to_json() for f in e.files] for e in entries] == want["files"]
    assert entries[0].files[0].data.startswith(b"\x89PNG")
    assert entries[1].files[0].data.decode("utf-8").startswith("1. 记录时间线")
    assert entries[2].files == ()


def test_the_files_hash_vector_names_the_file() -> None:
    package = parse_package((VECTORS / "files-hash-mismatch.knowhold").read_bytes())
    with pytest.raises(errors.Malformed, match="file 1 does not match the hash the licensor signed"):
        open_entries(package, LICENSEE)


@pytest.mark.parametrize("name", BAD)
def test_bad_vector_fails_at_its_stage_with_its_error(name: str) -> None:
    want = EXPECTED[name]
    error = getattr(errors, want["error"])
    data = (VECTORS / name).read_bytes()
    if want["stage"] == "parse":
        with pytest.raises(error) as info:
            parse_package(data)
    else:
        package = parse_package(data)
        with pytest.raises(error) as info:
            open_entries(package, LICENSEE)
    assert type(info.value) is error
    assert info.value.exit_code == want["exit_code"]
    assert "\n" not in str(info.value)


def test_specific_reasons_are_given() -> None:
    def reason(name: str) -> str:
        with pytest.raises(errors.Malformed) as info:
            parse_package((VECTORS / name).read_bytes())
        return str(info.value)

    assert "newer Knowhold (format version 5)" in reason("newer-version.knowhold")
    assert "larger than 64 MiB together" in reason("files-over-limit.knowhold")
    assert "Duplicate key 'expires_at'" in reason("duplicate-key.knowhold")
    assert "not its licensor" in reason("resigned-by-stranger.knowhold")
    assert "truncated" in reason("truncated.knowhold")
    assert "after its end" in reason("trailing-bytes.knowhold")


# -- the reference verifier from docs/format.md ----------------------------------------------


def _ref_open(data: bytes) -> list[dict[str, Any]]:
    k = KEYS["licensee"]
    entries: list[dict[str, Any]] = REF["open_package"](
        data, bytes.fromhex(k["mlkem_seed"]), bytes.fromhex(k["x25519_private"])
    )
    return entries


def test_reference_verifier_accepts_the_valid_vector() -> None:
    data = (VECTORS / "valid.knowhold").read_bytes()
    manifest = REF["verify_package"](data)
    assert manifest["license_id"] == EXPECTED["valid.knowhold"]["license_id"]
    assert [e["title"] for e in _ref_open(data)] == EXPECTED["valid.knowhold"]["titles"]


@pytest.mark.parametrize("name", BAD)
def test_reference_verifier_refuses_each_bad_vector_at_the_same_stage(name: str) -> None:
    data = (VECTORS / name).read_bytes()
    # Only its own error type: a reader of the spec catches one exception, as with vault.package.
    if EXPECTED[name]["stage"] == "parse":
        with pytest.raises(REF["Invalid"]):
            REF["verify_package"](data)
    else:
        REF["verify_package"](data)
        with pytest.raises(REF["Invalid"]):
            _ref_open(data)


def test_reference_verifier_opens_and_shows_each_origin() -> None:
    data = (VECTORS / "valid-origin.knowhold").read_bytes()
    assert REF["verify_package"](data)["version"] == 2
    entries = _ref_open(data)
    origins = [REF["origin_of"](e, 2) for e in entries]
    assert origins == EXPECTED["valid-origin.knowhold"]["origins"]
    assert [REF["origin_text"](o) for o in origins] == [
        "the licensor's own experience",
        "learned at 深圳星河物流有限公司",
        "from a public source: ISO 9001:2015",
        "origin not recorded",
    ]


def test_reference_verifier_opens_each_file_with_its_listed_hash() -> None:
    data = (VECTORS / "valid-files.knowhold").read_bytes()
    manifest = REF["verify_package"](data)
    assert manifest["version"] == 3
    entries = _ref_open(data)
    carried = [REF["files_of"](e, listed) for e, listed in zip(entries, manifest["entries"], strict=True)]
    listed = EXPECTED["valid-files.knowhold"]["files"]
    assert [[hashlib.sha256(b).hexdigest() for b in files] for files in carried] == [
        [f["sha256"] for f in files] for files in listed
    ]
    with pytest.raises(REF["Invalid"], match="file hash differs"):
        _ref_open((VECTORS / "files-hash-mismatch.knowhold").read_bytes())
    with pytest.raises(REF["Invalid"], match="more than 1,000 files or 64 MiB"):
        REF["verify_package"]((VECTORS / "files-over-limit.knowhold").read_bytes())


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("origin-in-version-1.knowhold", "unknown key 'origin'"),
        ("origin-missing.knowhold", "missing 'origin'"),
        ("origin-bad-kind.knowhold", "origin.kind"),
    ],
)
def test_each_origin_vector_names_its_fault(name: str, reason: str) -> None:
    package = parse_package((VECTORS / name).read_bytes())
    with pytest.raises(errors.Malformed, match=reason):
        open_entries(package, LICENSEE)


def test_reference_verifier_says_why_for_addressing() -> None:
    with pytest.raises(REF["Invalid"], match="addressed to someone else"):
        _ref_open((VECTORS / "other-licensee.knowhold").read_bytes())


# -- status document and receipt ---------------------------------------------------------------

HAS_STATUS = "status.txt" in EXPECTED


@pytest.mark.skipif(not HAS_STATUS, reason="status/receipt vectors not generated")
def test_status_vector() -> None:
    from knowhold.vault.licensing.status import parse_status

    want = EXPECTED["status.txt"]
    data = (VECTORS / "status.txt").read_bytes()
    doc = parse_status(data, LICENSOR.public.signing_key)
    assert (doc.sequence, doc.issued_at, doc.next_update) == (
        want["sequence"],
        want["issued_at"],
        want["next_update"],
    )
    assert doc.revoked == () and doc.renewed == ()
    with pytest.raises(errors.Malformed):
        parse_status(data, LICENSEE.public.signing_key)
    signer, body = REF["verify_signed_text"](data, signedfile.TAG_STATUS, sshsig.NS_STATUS)
    assert signer == LICENSOR.public.signing_key
    assert body["sequence"] == 1 and body["revoked"] == [] and body["renewed"] == []


@pytest.mark.skipif(not HAS_STATUS, reason="status/receipt vectors not generated")
def test_receipt_vector() -> None:
    from knowhold.vault.licensing.receipts import parse_receipt

    want = EXPECTED["receipt.txt"]
    data = (VECTORS / "receipt.txt").read_bytes()
    receipt = parse_receipt(data, LICENSEE.public.signing_key)
    assert receipt.license_id == want["license_id"] == EXPECTED["valid.knowhold"]["license_id"]
    assert (
        receipt.manifest_hash.hex()
        == want["manifest_sha256"]
        == EXPECTED["valid.knowhold"]["manifest_sha256"]
    )
    assert receipt.accepted_at == want["accepted_at"]
    signer, body = REF["verify_signed_text"](data, signedfile.TAG_RECEIPT, sshsig.NS_RECEIPT)
    assert signer == LICENSEE.public.signing_key
    assert body["license_id"] == want["license_id"]
    # A receipt is not a status document: other tag, other namespace.
    with pytest.raises(REF["Invalid"]):
        REF["verify_signed_text"](data, signedfile.TAG_STATUS, sshsig.NS_STATUS)


# -- line endings: one rule for every signed file -------------------------------------------------

_TEXT_KINDS: dict[str, tuple[str, str]] = {
    "card": (signedfile.TAG_CARD, sshsig.NS_CARD),
    "status": (signedfile.TAG_STATUS, sshsig.NS_STATUS),
    "receipt": (signedfile.TAG_RECEIPT, sshsig.NS_RECEIPT),
    "usage": (signedfile.TAG_USAGE, sshsig.NS_USAGE),
}
# What the error names, so a person who sees it knows what happened to the file.
_FAULT_REASON = {"no-final-newline": "does not end with a newline", "crlf": "CRLF", "extra-newline": "extra"}


def _line_fault(text: bytes, fault: str) -> bytes:
    """``text`` (ending in its one final newline) as a transfer or an editor might leave it."""
    assert text.endswith(b"\n") and not text.endswith(b"\n\n") and b"\r" not in text
    return {
        "no-final-newline": text[:-1],
        "crlf": text.replace(b"\n", b"\r\n"),
        "extra-newline": text + b"\n",
    }[fault]


def _parse_text(kind: str, data: bytes) -> object:
    from knowhold.vault.licensing.identity import parse_card
    from knowhold.vault.licensing.receipts import parse_receipt
    from knowhold.vault.licensing.status import parse_status
    from knowhold.vault.licensing.usage import parse_report

    parsers = {"card": parse_card, "status": parse_status, "receipt": parse_receipt, "usage": parse_report}
    return parsers[kind](data)


def _good_text(kind: str) -> bytes:
    from knowhold.vault.licensing.identity import make_card

    return make_card(LICENSOR) if kind == "card" else (VECTORS / f"{kind}.txt").read_bytes()


@pytest.mark.parametrize("name", BAD_TEXTS)
def test_bad_text_vector_is_refused_by_both_readers(name: str) -> None:
    want = EXPECTED[name]
    data = (VECTORS / name).read_bytes()
    with pytest.raises(errors.Malformed) as info:
        _parse_text(want["kind"], data)
    assert info.value.exit_code == want["exit_code"] == 10
    assert "\n" not in str(info.value)
    with pytest.raises(REF["Invalid"]):
        REF["verify_signed_text"](data, *_TEXT_KINDS[want["kind"]])


@pytest.mark.parametrize("fault", LINE_FAULTS)
@pytest.mark.parametrize("kind", sorted(_TEXT_KINDS))
def test_signed_text_line_endings_follow_one_rule(kind: str, fault: str) -> None:
    """Cards, status documents and receipts: exactly one final LF, no CR, or refused with the reason."""
    good = _good_text(kind)
    _parse_text(kind, good)
    REF["verify_signed_text"](good, *_TEXT_KINDS[kind])
    bad = _line_fault(good, fault)
    with pytest.raises(errors.Malformed, match=_FAULT_REASON[fault]):
        _parse_text(kind, bad)
    with pytest.raises(REF["Invalid"]):
        REF["verify_signed_text"](bad, *_TEXT_KINDS[kind])


@pytest.mark.parametrize("fault", LINE_FAULTS)
def test_package_signature_line_endings_follow_the_same_rule(fault: str) -> None:
    package = parse_package(VALID)
    bad = _line_fault(package.signature.encode("ascii"), fault).decode("ascii")
    data = assemble(package.manifest_bytes, bad, package.sealed_key, package.payload)
    with pytest.raises(errors.Malformed, match=_FAULT_REASON[fault]):
        parse_package(data)
    with pytest.raises(REF["Invalid"]):
        REF["verify_package"](data)
    assert EXPECTED[f"signature-{fault}.knowhold"]["stage"] == "parse"


# -- the reference verifier raises nothing but Invalid ----------------------------------------------


@given(st.binary(max_size=400))
@settings(max_examples=200, deadline=None)
def test_reference_verifier_raises_only_invalid_on_garbage(data: bytes) -> None:
    for attempt in (
        lambda: REF["verify_package"](REF["MAGIC"] + data),
        lambda: REF["verify_package"](data),
        lambda: REF["verify_signed_text"](data, signedfile.TAG_STATUS, sshsig.NS_STATUS),
        lambda: REF["verify_signed_text"](
            b"knowhold-status-v1\n" + data, signedfile.TAG_STATUS, sshsig.NS_STATUS
        ),
    ):
        with pytest.raises(REF["Invalid"]):
            attempt()


@pytest.mark.parametrize("kind", ["status", "receipt", "usage"])
def test_reference_verifier_raises_only_invalid_on_every_truncation(kind: str) -> None:
    data = (VECTORS / f"{kind}.txt").read_bytes()
    for cut in range(len(data)):
        with pytest.raises(REF["Invalid"]):
            REF["verify_signed_text"](data[:cut], *_TEXT_KINDS[kind])


def test_reference_verifier_raises_only_invalid_on_truncated_packages() -> None:
    # Every cut through the framing and the signature; a stride through the rest.
    cuts = [*range(0, LENGTH_FIELDS[2] + 8), *range(LENGTH_FIELDS[2] + 8, len(VALID), 997)]
    for cut in cuts:
        with pytest.raises(REF["Invalid"]):
            REF["verify_package"](VALID[:cut])


def test_reference_verifier_refuses_what_canonical_json_forbids() -> None:
    canonical_json = REF["canonical_json"]
    for data in (
        b'{"a":1.5}',
        b'{"a":1.0}',
        b'{"a":NaN}',
        b'{"a":9007199254740992}',
        b'{"a":-9007199254740992}',
        b'{"a":1,"a":1}',
        b"[" * 17 + b"]" * 17,
        b"[" * 5000 + b"]" * 5000,
        b'"\\ud800"',
        b"\xff",
        b"",
    ):
        with pytest.raises(REF["Invalid"]):
            canonical_json(data)
    assert canonical_json(b"[" * 16 + b"]" * 16) is not None
    assert canonical_json(b"[9007199254740991,-9007199254740991]") == [2**53 - 1, -(2**53 - 1)]


# -- fuzz: mutated packages only ever raise Knowhold's typed errors --------------------------

VALID = (VECTORS / "valid.knowhold").read_bytes()


def _length_fields(data: bytes) -> list[int]:
    """Where the four section lengths sit in ``data``."""
    fields, pos = [], 19
    for width in (4, 4, 4, 8):
        fields.append(pos)
        pos += width + int.from_bytes(data[pos : pos + width], "big")
    return fields


LENGTH_FIELDS = _length_fields(VALID)
# Each length field with its section (the magic is one more, small, region):
# mutations are spread over all of them rather than piling up at the start.
REGIONS = [(0, 19), *zip(LENGTH_FIELDS, [*LENGTH_FIELDS[1:], len(VALID)], strict=True)]


@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    # A seeded Random rather than st.integers: hypothesis favours small values,
    # which would pile every mutation onto the magic and the first length field.
    # The failing seed is printed, so a failure is reproducible.
    rng = random.Random(draw(st.integers(0, 2**64)))
    data = bytearray(VALID)
    for _ in range(rng.randint(1, 3)):
        start, end = rng.choice(REGIONS[1:]) if rng.random() < 0.9 else REGIONS[0]
        at = min(rng.randrange(start, end), max(len(data) - 1, 0))
        kind = rng.choice(["flip", "flip", "set", "truncate", "insert", "delete", "length"])
        if kind == "flip" and data:
            data[at] ^= 1 << rng.randrange(8)
        elif kind == "set" and data:
            data[at] = rng.randrange(256)
        elif kind == "truncate":
            del data[at:]
        elif kind == "insert":
            data[at:at] = rng.randbytes(rng.randint(1, 16))
        elif kind == "delete":
            del data[at : at + rng.randint(1, 16)]
        elif kind == "length":  # rewrite (the low half of) one of the four length fields
            spot = rng.choice(LENGTH_FIELDS)
            if spot + 4 <= len(data):
                data[spot : spot + 4] = rng.randrange(2**32).to_bytes(4, "big")
    return bytes(data)


@given(_mutated())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fuzzed_packages_raise_only_typed_errors(data: bytes) -> None:
    try:
        open_entries(parse_package(data), LICENSEE)
    except errors.KnowholdError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert data == VALID  # only mutations that cancel out may pass


@given(_mutated())
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fuzzed_packages_raise_only_invalid_in_the_reference_verifier(data: bytes) -> None:
    try:
        _ref_open(data)
    except REF["Invalid"] as exc:
        assert str(exc)
    else:
        assert data == VALID


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen not installed")
def test_stock_ssh_keygen_verifies_the_valid_manifest(tmp_path: Path) -> None:
    package = parse_package(VALID)
    (tmp_path / "manifest.json").write_bytes(package.manifest_bytes)
    (tmp_path / "manifest.sig").write_text(package.signature)
    line = sshsig.ssh_public_key_line(LICENSOR.public.signing_key)
    (tmp_path / "allowed").write_text(f'li namespaces="{sshsig.NS_MANIFEST}" {line}\n')

    def verify(namespace: str, message: Path) -> int:
        with message.open("rb") as stdin:
            command = ["ssh-keygen", "-Y", "verify", "-f", str(tmp_path / "allowed"), "-I", "li"]
            command += ["-n", namespace, "-s", str(tmp_path / "manifest.sig")]
            return subprocess.run(command, stdin=stdin, capture_output=True, check=False).returncode

    assert verify(sshsig.NS_MANIFEST, tmp_path / "manifest.json") == 0
    assert verify(sshsig.NS_STATUS, tmp_path / "manifest.json") != 0
    (tmp_path / "other.json").write_bytes(package.manifest_bytes.replace(b"Acme", b"Acne"))
    assert verify(sshsig.NS_MANIFEST, tmp_path / "other.json") != 0
