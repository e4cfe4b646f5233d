"""The license package: build, parse, open, and every way a package can be wrong."""

from __future__ import annotations

import hashlib
import json
import os
import struct
import time
from pathlib import Path
from typing import Any

import orjson
import pytest
import rfc8785
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from hypothesis import given, settings
from hypothesis import strategies as st

from knowhold.vault.errors import InvalidValue, KnowholdError, Malformed, NotAddressed, NotFound
from knowhold.vault.licensing import manifest, package, sshsig
from knowhold.vault.licensing.identity import HPKE_SUITE, Identity
from knowhold.vault.licensing.manifest import parse_manifest
from knowhold.vault.licensing.package import (
    MAGIC,
    SEALED_KEY_BYTES,
    assemble,
    build_package,
    check_content,
    decrypt_with_key,
    new_license_id,
    open_entries,
    parse_package,
    read_package,
)
from knowhold.vault.licensing.payload import LicensedEntry, notice_text
from knowhold.vault.licensing.terms import Revocation, Terms
from knowhold.vault.text import BODY, LINE, find_unsafe


def _identity(name: str, n: int) -> Identity:
    return Identity.from_private_bytes(name, bytes([n]) * 32, bytes([n]) * 64, bytes([n + 1]) * 32, 0)


LICENSOR = _identity("Li Wei", 1)
LICENSEE = _identity("Acme Support", 3)
STRANGER = _identity("Mallory", 5)
LICENSE_ID = "0123456789abcdef0123456789abcdef"
ISSUED = 1_790_000_000
EXPIRES = ISSUED + 90 * 86400
TERMS = Terms.make(allow=["ai-retrieval"], human_review=True, fee=("1200", "cny"), per="month")
REVOCATION = Revocation.make("https://example.org/knowhold.status", 7 * 86400)
ENTRIES = [
    LicensedEntry(
        "k7d2m9x4qa", 3, "heuristic", "Escalate early", 'When a customer says "again",\nact.', ("ops",)
    ),
    LicensedEntry("p0q1r2s3t4", 1, "playbook", "复盘流程", "先复盘，再交接。\n\t缩进 😀", ("复盘", "客户")),
]


def _build(entries: list[LicensedEntry] = ENTRIES, **changes: Any) -> tuple[bytes, package.Package]:
    args: dict[str, Any] = {
        "license_id": LICENSE_ID,
        "issued_at": ISSUED,
        "not_before": ISSUED,
        "expires_at": EXPIRES,
        "terms": TERMS,
        "revocation": REVOCATION,
    }
    args.update(changes)
    return build_package(LICENSOR, LICENSEE.public, entries, **args)


DATA, PACKAGE = _build()


def _manifest_json() -> dict[str, Any]:
    return json.loads(PACKAGE.manifest_bytes)


def _payload_json() -> dict[str, Any]:
    _, entries = open_entries(PACKAGE, LICENSEE)
    return {
        "entries": [
            {
                "body": e.body,
                "id": e.id,
                "kind": e.kind,
                "notice": e.notice,
                "tags": list(e.tags),
                "title": e.title,
                "version": e.version,
            }
            for e in entries
        ]
    }


def forge(
    manifest: bytes | dict[str, Any],
    payload: bytes | None = None,
    *,
    signer: Identity = LICENSOR,
    to: Identity = LICENSEE,
) -> bytes:
    """A package written by hand per docs/format.md: any manifest bytes, validly signed and sealed."""
    manifest_bytes = manifest if isinstance(manifest, bytes) else rfc8785.dumps(manifest)
    digest = hashlib.sha256(manifest_bytes).digest()
    key = ChaCha20Poly1305.generate_key()
    sealed = HPKE_SUITE.encrypt(key, to.public.hpke_public_key(), info=package.INFO_PREFIX + digest)
    plain = rfc8785.dumps(_payload_json()) if payload is None else payload
    nonce = os.urandom(12)
    sealed_payload = nonce + ChaCha20Poly1305(key).encrypt(nonce, plain, package.AAD_PREFIX + digest)
    return assemble(manifest_bytes, signer.sign(sshsig.NS_MANIFEST, manifest_bytes), sealed, sealed_payload)


# -- the happy path ------------------------------------------------------------------


def test_round_trip() -> None:
    parsed = parse_package(DATA)
    assert parsed == PACKAGE
    m = parsed.manifest
    assert (m.license_id, m.issued_at, m.not_before, m.expires_at) == (LICENSE_ID, ISSUED, ISSUED, EXPIRES)
    assert m.licensor == LICENSOR.public and m.licensee == LICENSEE.public
    assert m.terms == TERMS and m.revocation == REVOCATION
    assert [(e.id, e.version, e.kind, e.title) for e in m.entries] == [
        (e.id, e.version, e.kind, e.title) for e in ENTRIES
    ]
    key, entries = open_entries(parsed, LICENSEE)
    assert len(key) == 32
    notice = notice_text("Li Wei", "Acme Support", LICENSE_ID, EXPIRES)
    assert entries == [
        LicensedEntry(e.id, e.version, e.kind, e.title, e.body, e.tags, notice) for e in ENTRIES
    ]
    assert decrypt_with_key(parsed, key) == entries
    assert check_content(parsed, LICENSEE) == key


def test_the_file_is_framed_as_specified() -> None:
    assert DATA.startswith(MAGIC) and len(MAGIC) == 19
    offset = len(MAGIC)
    sections = []
    for width in (4, 4, 4, 8):
        (length,) = struct.unpack_from(">I" if width == 4 else ">Q", DATA, offset)
        sections.append(DATA[offset + width : offset + width + length])
        offset += width + length
    assert offset == len(DATA)
    manifest, signature, sealed, payload = sections
    assert manifest == PACKAGE.manifest_bytes == rfc8785.dumps(json.loads(manifest))
    sshsig.verify(LICENSOR.public.signing_key, sshsig.NS_MANIFEST, manifest, signature.decode())
    assert len(sealed) == SEALED_KEY_BYTES == 1168
    assert PACKAGE.manifest_hash == hashlib.sha256(manifest).digest()
    digest = PACKAGE.manifest_hash
    key = HPKE_SUITE.decrypt(sealed, LICENSEE.hpke_private_key(), info=package.INFO_PREFIX + digest)
    plain = ChaCha20Poly1305(key).decrypt(payload[:12], payload[12:], package.AAD_PREFIX + digest)
    entries = json.loads(plain)["entries"]
    assert plain == rfc8785.dumps({"entries": entries})
    for listed, entry in zip(json.loads(manifest)["entries"], entries, strict=True):
        assert listed["sha256"] == hashlib.sha256(rfc8785.dumps(entry)).hexdigest()


def test_notice_and_license_id() -> None:
    assert notice_text("Li Wei", "Acme", "ab" * 16, 1_797_776_000) == (
        f"Licensed by Li Wei to Acme under Knowhold license {'ab' * 16}, until 2026-12-20 (UTC). "
        "Not for use after that date or after revocation."
    )
    ids = {new_license_id() for _ in range(50)}
    assert len(ids) == 50 and all(len(i) == 32 and i == i.lower() and int(i, 16) >= 0 for i in ids)


def test_parse_manifest_checks_a_manifest_kept_apart() -> None:
    assert parse_manifest(PACKAGE.manifest_bytes, PACKAGE.signature) == PACKAGE.manifest
    other = _build(license_id="f" * 32)[1]
    with pytest.raises(Malformed, match="signature is not valid"):
        parse_manifest(PACKAGE.manifest_bytes, other.signature)  # another manifest's signature
    with pytest.raises(Malformed, match="signature is not valid"):
        parse_manifest(PACKAGE.manifest_bytes.replace(b"Li Wei", b"Li Wai"), PACKAGE.signature)
    resigned = STRANGER.sign(sshsig.NS_MANIFEST, PACKAGE.manifest_bytes)
    with pytest.raises(Malformed, match="not its licensor"):
        parse_manifest(PACKAGE.manifest_bytes, resigned)
    for bad in ("", "é" + PACKAGE.signature, PACKAGE.signature * 2):
        with pytest.raises(Malformed):
            parse_manifest(PACKAGE.manifest_bytes, bad)
    with pytest.raises(Malformed, match="larger"):
        parse_manifest(b" " * (manifest.MAX_MANIFEST + 1), PACKAGE.signature)


def test_read_package_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "p.knowhold"
    path.write_bytes(DATA)
    assert read_package(path) == PACKAGE
    with pytest.raises(NotFound):
        read_package(tmp_path / "missing.knowhold")


def test_extensions_are_ignored_and_may_use_any_keys() -> None:
    doc = _manifest_json()
    doc["extensions"] = {"org.example": {"note": "x"}, "😀": 1, "\ue000": [True, None]}
    parsed = parse_package(forge(doc))  # RFC 8785 order: 😀 (U+D83D…) before U+E000
    assert parsed.manifest.license_id == LICENSE_ID
    # The same document with its keys in code-point order is not canonical.
    text = rfc8785.dumps(doc).decode()
    swapped = text.replace('"😀":1,"\ue000":[true,null]', '"\ue000":[true,null],"😀":1')
    assert swapped != text
    with pytest.raises(Malformed, match="canonical"):
        parse_package(forge(swapped.encode()))


def test_times_may_be_strict_strings() -> None:
    doc = _manifest_json()
    doc["expires_at"] = "2026-12-20T00:00:00Z"
    assert parse_package(forge(doc)).manifest.expires_at == 1_797_724_800
    for bad in ("2026-12-20", "2026-02-30T00:00:00Z", "2026-12-20T00:00:00+00:00", 1.5, -1, True, None):
        doc["expires_at"] = bad
        with pytest.raises(Malformed):
            parse_package(forge(doc))


# -- building refuses what readers would refuse ----------------------------------------


@pytest.mark.parametrize(
    ("entries", "changes"),
    [
        ([], {}),
        ([ENTRIES[0], ENTRIES[0]], {}),
        ([LicensedEntry("Bad Id", 1, "note", "t", "b", ())], {}),
        ([LicensedEntry("abc", 0, "note", "t", "b", ())], {}),
        ([LicensedEntry("abc", 2**53, "note", "t", "b", ())], {}),
        ([LicensedEntry("abc", 1.0, "note", "t", "b", ())], {}),  # type: ignore[arg-type]
        ([LicensedEntry("abc", 1, "note", 7, "b", ())], {}),  # type: ignore[arg-type]
        ([LicensedEntry("abc", 1, "note", "t" * 501, "b", ())], {}),
        ([LicensedEntry("abc", 1, "note", "t", "b", ("",))], {}),
        ([LicensedEntry("abc", 1, "note", "t", "\ud800", ())], {}),
        (ENTRIES, {"license_id": "XYZ"}),
        (ENTRIES, {"not_before": EXPIRES + 1}),
        (ENTRIES, {"issued_at": EXPIRES + 1}),
    ],
)
def test_build_refuses_invalid_input(entries: list[LicensedEntry], changes: dict[str, Any]) -> None:
    with pytest.raises(InvalidValue, match="Cannot issue"):
        _build(entries, **changes)


# -- addressing, substitution, forgery ------------------------------------------------


class _NoKeys:
    """An identity whose private key must never be touched."""

    def __init__(self, public: Any) -> None:
        self.public = public

    def hpke_private_key(self) -> Any:
        raise AssertionError("tried to decrypt a package addressed to someone else")


def test_other_vault_gets_not_addressed_before_any_decryption() -> None:
    with pytest.raises(NotAddressed, match="Acme Support"):
        open_entries(PACKAGE, _NoKeys(STRANGER.public))  # type: ignore[arg-type]
    # Same signing key, other encryption key: still not this vault.
    import dataclasses

    half = dataclasses.replace(LICENSEE.public, hpke_key=STRANGER.public.hpke_key)
    with pytest.raises(NotAddressed):
        open_entries(PACKAGE, _NoKeys(half))  # type: ignore[arg-type]
    with pytest.raises(NotAddressed):
        check_content(PACKAGE, _NoKeys(half))  # type: ignore[arg-type]


def _sections(data: bytes) -> list[bytes]:
    p = parse_package(data)
    return [p.manifest_bytes, p.signature.encode(), p.sealed_key, p.payload]


def test_sections_cannot_move_between_packages() -> None:
    other, _ = _build(license_id=new_license_id())
    mine, theirs = _sections(DATA), _sections(other)
    for index in (2, 3):
        mixed = list(mine)
        mixed[index] = theirs[index]
        p = parse_package(assemble(mixed[0], mixed[1].decode(), mixed[2], mixed[3]))
        with pytest.raises(Malformed, match="different packages"):
            open_entries(p, LICENSEE)


def test_manifest_resigned_by_a_stranger_is_refused() -> None:
    with pytest.raises(Malformed, match="not its licensor"):
        parse_package(forge(PACKAGE.manifest_bytes, signer=STRANGER))


def test_signature_under_another_namespace_is_refused() -> None:
    m, _, sealed, payload = _sections(DATA)
    wrong = LICENSOR.sign(sshsig.NS_STATUS, m)
    with pytest.raises(Malformed, match="signature"):
        parse_package(assemble(m, wrong, sealed, payload))


def test_rewrapped_signature_armor_is_refused() -> None:
    m, sig, sealed, payload = _sections(DATA)
    lines = sig.decode().strip().split("\n")
    body = "".join(lines[1:-1])
    rewrapped = "\n".join([lines[0], body[:64], body[64:], lines[-1]]) + "\n"
    sshsig.verify(LICENSOR.public.signing_key, sshsig.NS_MANIFEST, m, rewrapped)  # still verifies...
    with pytest.raises(Malformed, match="armored form"):
        parse_package(assemble(m, rewrapped, sealed, payload))  # ...but is a second spelling


# -- every byte and every length ---------------------------------------------------------


def test_flipped_bytes_throughout_every_section_are_detected() -> None:
    # Every byte of the framing and the signature; a stride through the rest
    # (each try costs a signature check or an ML-KEM decapsulation), with
    # strides coprime to 8 so every bit position of the bytes is exercised.
    manifest_start = len(MAGIC) + 4
    sealed_start = DATA.index(PACKAGE.sealed_key)
    payload_start = sealed_start + len(PACKAGE.sealed_key) + 8
    manifest_end = manifest_start + len(PACKAGE.manifest_bytes)
    positions = [
        *range(manifest_start),
        *range(manifest_start, manifest_end, 5),
        *range(manifest_end, sealed_start),
        *range(sealed_start, payload_start - 8, 7),
        *range(payload_start - 8, len(DATA), 3),
        len(DATA) - 1,
    ]
    for n, i in enumerate(positions):
        flipped = bytearray(DATA)
        flipped[i] ^= 1 << (n % 8)
        with pytest.raises(Malformed):
            open_entries(parse_package(bytes(flipped)), LICENSEE)


def test_every_truncation_and_extension_is_refused() -> None:
    for length in range(len(DATA)):
        with pytest.raises(Malformed):
            parse_package(DATA[:length])
    with pytest.raises(Malformed, match="empty"):
        parse_package(b"")
    with pytest.raises(Malformed, match="after its end"):
        parse_package(DATA + b"\x00")
    with pytest.raises(Malformed, match="not a Knowhold"):
        parse_package(os.urandom(4096))
    with pytest.raises(Malformed, match="newer Knowhold"):
        parse_package(b"KNOWHOLD-PACKAGE-2\n" + DATA[19:])


def _header(manifest_len: int) -> bytes:
    return MAGIC + struct.pack(">I", manifest_len)


def test_lengths_are_checked_before_reading() -> None:
    with pytest.raises(Malformed, match="larger than allowed"):
        parse_package(_header(8 * 1024 * 1024 + 1) + b"{}")
    m, sig, sealed, payload = _sections(DATA)
    head = _header(len(m)) + m
    with pytest.raises(Malformed, match="signature is larger"):
        parse_package(head + struct.pack(">I", 2049) + sig)
    with pytest.raises(Malformed, match="exactly 1168"):
        parse_package(assemble(m, sig.decode(), sealed[:-1], payload))
    with pytest.raises(Malformed, match="sealed content key is larger"):
        parse_package(assemble(m, sig.decode(), sealed + b"\x00", payload))
    rest = head + struct.pack(">I", len(sig)) + sig + struct.pack(">I", len(sealed)) + sealed
    with pytest.raises(Malformed, match="payload is larger"):
        parse_package(rest + struct.pack(">Q", 2**30 + 1) + payload)
    with pytest.raises(Malformed, match="truncated"):
        parse_package(rest + struct.pack(">Q", 2**30) + payload)  # claims 1 GiB, holds a few bytes


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.knowhold"
    with path.open("wb") as f:
        f.write(DATA[:100])
        f.truncate(2 * 1024**3)  # sparse: 2 GiB on paper, nothing on disk
    start = time.perf_counter()
    with pytest.raises(Malformed, match="larger than any"):
        read_package(path)
    assert time.perf_counter() - start < 1.0


# -- manifests the licensor really signed, but wrong -----------------------------------


def _doc(change: Any) -> dict[str, Any]:
    doc = _manifest_json()
    change(doc)
    return doc


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.update({"version": 5}), "newer Knowhold \\(format version 5\\)"),
        (lambda d: d.update({"version": 0}), "version"),
        (lambda d: d.update({"format": "knowhold-status"}), "not a Knowhold license manifest"),
        (lambda d: d.update({"algorithm": "none"}), "unknown key 'algorithm'"),
        (lambda d: d.pop("expires_at"), "missing 'expires_at'"),
        (lambda d: d.update({"extensions": []}), "extensions"),
        (lambda d: d.update({"license_id": "0123"}), "license_id"),
        (lambda d: d.update({"not_before": EXPIRES + 1}), "not_before"),
        (lambda d: d.update({"issued_at": EXPIRES + 1}), "issued_at"),
        (lambda d: d.update({"entries": []}), "entries"),
        (lambda d: d["entries"].append(dict(d["entries"][0])), "listed twice"),
        (lambda d: d["entries"][0].update({"sha256": "AB" * 32}), "sha256"),
        (lambda d: d["entries"][0].update({"version": True}), "version"),
        (lambda d: d["entries"][0].update({"title": "t" * 501}), "title"),
        (lambda d: d["entries"][0].update({"kind": "Heuristic!"}), "kind"),
        # Two valid ids in one, split by a newline (ids are checked joined by newlines).
        (lambda d: d["entries"][0].update({"id": "k7d2m9x4qa\nab"}), "entries\\[0\\].id"),
        (lambda d: d["entries"][1].update({"kind": "playbook\nnote"}), "entries\\[1\\].kind"),
        (lambda d: d["entries"][1].update({"sha256": d["entries"][0]["sha256"] + "\n"}), "sha256"),
        (lambda d: d["entries"][0].update({"extra": 1}), "unknown key"),
        (lambda d: d["licensor"].update({"name": ""}), "licensor"),
        (lambda d: d["licensee"].update({"hpke_key": "AAAA"}), "licensee"),
        (lambda d: d["terms"]["permissions"].update({"view": False}), "view"),
        (lambda d: d["revocation"].update({"status_url": "gopher://x"}), "status_url"),
        (lambda d: d["content"].update({"redacted": 0}), "redacted"),
    ],
)
def test_signed_manifests_off_spec_are_refused(change: Any, reason: str) -> None:
    with pytest.raises(Malformed, match=reason):
        parse_package(forge(_doc(change)))


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d["revocation"].update({"max_status_age": 2**60}), "max_status_age"),
        (lambda d: d["revocation"].update({"max_status_age": 3600.5}), "max_status_age"),
        (lambda d: d.update({"issued_at": 2**63}), "issued_at"),
        (lambda d: d["entries"][0].update({"version": 3.0}), "version"),
        (lambda d: d["entries"][0].update({"version": 2**53}), "version"),
    ],
)
def test_numbers_rfc8785_would_not_write_are_refused(change: Any, reason: str) -> None:
    # Written the way orjson writes them, these survive a parse-and-write-back
    # comparison; the schema, which admits only bounded integers, refuses them.
    data = orjson.dumps(_doc(change), option=orjson.OPT_SORT_KEYS)
    with pytest.raises(Malformed, match=reason):
        parse_package(forge(data))


def test_too_many_entries_are_refused() -> None:
    doc = _manifest_json()
    doc["entries"] = [dict(doc["entries"][0], id=f"e{i}") for i in range(100_001)]
    with pytest.raises(Malformed, match="100,000"):
        manifest.manifest_from_json(doc)


def test_duplicate_keys_and_other_spellings_are_refused() -> None:
    text = PACKAGE.manifest_bytes.decode()
    duplicated = text.replace('"expires_at":', f'"expires_at":{EXPIRES + 10**8},"expires_at":', 1)
    with pytest.raises(Malformed, match="Duplicate key"):
        parse_package(forge(duplicated.encode()))
    for other in (text + " ", text.replace(":", ": ", 1), text.replace("Li Wei", "Li \\u0057ei")):
        with pytest.raises(Malformed, match="canonical"):
            parse_package(forge(other.encode()))
    with pytest.raises(Malformed, match="not UTF-8"):
        parse_package(forge(PACKAGE.manifest_bytes.replace(b"Li Wei", b"Li \xffei")))
    with pytest.raises(Malformed):
        parse_package(forge(b"[" * 5000 + b"]" * 5000))


# -- payloads the licensor really encrypted, but wrong -----------------------------------


def _open_forged(payload: Any, manifest: dict[str, Any] | None = None) -> None:
    """Open a forged package both ways: check_content and open_entries must judge it alike."""
    plain = payload if isinstance(payload, bytes) else rfc8785.dumps(payload)
    forged = parse_package(forge(manifest or _manifest_json(), plain))
    try:
        key = check_content(forged, LICENSEE)
    except Malformed as exc:
        with pytest.raises(Malformed) as again:
            open_entries(forged, LICENSEE)
        assert again.value.message == exc.message
        raise
    assert open_entries(forged, LICENSEE)[0] == key


def test_forged_helper_builds_an_acceptable_package() -> None:
    _open_forged(_payload_json())  # the baseline the tests below change one thing in


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda p: p["entries"].reverse(), "not the entry the manifest lists"),
        (lambda p: p["entries"].pop(), "holds 1 entries"),
        (lambda p: p["entries"][1].update({"body": "changed"}), "hash the licensor signed"),
        (lambda p: p["entries"][1].update({"notice": "Free for all."}), "notice"),
        (lambda p: p["entries"][1].update({"tags": "ops"}), "tags"),
        (lambda p: p["entries"][1].update({"body": 7}), "body"),
        (lambda p: p["entries"][1].update({"extra": 1}), "unknown key"),
        (lambda p: p.update({"more": []}), "entries"),
    ],
)
def test_payload_off_spec_is_refused(change: Any, reason: str) -> None:
    payload = _payload_json()
    change(payload)
    with pytest.raises(Malformed, match=reason):
        _open_forged(payload)


def test_payload_must_be_canonical_even_with_matching_hashes() -> None:
    # The licensor signs hashes of non-canonical entry bytes and sends those bytes:
    # every hash matches, but the format says canonical, so it is refused.
    entries = _payload_json()["entries"]
    raw = [json.dumps(e, ensure_ascii=True, separators=(",", ":"), sort_keys=True).encode() for e in entries]
    doc = _manifest_json()
    for listed, data in zip(doc["entries"], raw, strict=True):
        listed["sha256"] = hashlib.sha256(data).hexdigest()
    with pytest.raises(Malformed, match="canonical"):
        _open_forged(b'{"entries":[' + b",".join(raw) + b"]}", doc)
    for bad in (b"", b"\xff", b"[]", b'{"entries":{}}', b"[" * 100_000):
        with pytest.raises(Malformed):
            _open_forged(bad)


def test_payload_version_written_as_a_float_is_refused() -> None:
    payload = _payload_json()
    payload["entries"][1]["version"] = 1.0
    plain = orjson.dumps(payload, option=orjson.OPT_SORT_KEYS)  # "version":1.0, as rfc8785 would not write
    assert b'"version":1.0' in plain
    with pytest.raises(Malformed, match="not the entry the manifest lists"):
        _open_forged(plain)


def test_payload_entry_with_a_duplicate_key_is_refused_even_when_signed() -> None:
    # The licensor hashes an entry whose bytes repeat a key (the parser keeps the
    # last): every hash matches, but writing back what was parsed differs.
    entries = _payload_json()["entries"]
    raw = [rfc8785.dumps(e) for e in entries]
    raw[1] = raw[1].replace(b'{"body":', b'{"body":"hidden","body":', 1)
    doc = _manifest_json()
    for listed, data in zip(doc["entries"], raw, strict=True):
        listed["sha256"] = hashlib.sha256(data).hexdigest()
    with pytest.raises(Malformed, match="canonical"):
        _open_forged(b'{"entries":[' + b",".join(raw) + b"]}", doc)


def test_wrong_content_key_is_refused() -> None:
    with pytest.raises(Malformed):
        decrypt_with_key(PACKAGE, bytes(32))
    with pytest.raises(Malformed, match="length"):
        decrypt_with_key(PACKAGE, bytes(16))


# -- what the writer emits is RFC 8785, whatever the text ----------------------------------

# Text where JSON encoders differ: control characters, DEL, quotes, backslashes,
# U+2028/2029, a BOM, CJK, emoji and other characters beyond U+FFFF.
_TRICKY = [chr(c) for c in range(0x20)] + list('\x7f"\\/\u2028\u2029\ufeff复盘\ue000\uffff😀𝄞')
# Each field's tricky characters, less those vault.text refuses there (tested in test_text_safety).
_LINE_CHARS = st.one_of(
    st.sampled_from([c for c in _TRICKY if find_unsafe(c, LINE) is None]),
    st.characters(exclude_categories=("Cs", "Cc", "Cf", "Zl", "Zp")),
)
_BODY_CHARS = st.one_of(
    st.sampled_from([c for c in _TRICKY if find_unsafe(c, BODY) is None]),
    st.characters(exclude_categories=("Cs", "Cc")),
)
_TEXT = st.text(alphabet=_LINE_CHARS)
_BODY = st.text(alphabet=_BODY_CHARS)
_TAG = st.text(alphabet=_LINE_CHARS, min_size=1, max_size=8)


@given(
    st.lists(
        st.tuples(
            _TEXT.filter(lambda t: len(t) <= 500),
            _BODY,
            st.lists(_TAG, max_size=3),
            st.integers(1, 2**53 - 1),
        ),
        min_size=1,
        max_size=3,
    ),
    _TEXT.filter(lambda t: len(t) <= 1000),
)
@settings(max_examples=60, deadline=None)
def test_written_manifest_and_payload_are_rfc8785(
    specs: list[tuple[str, str, list[str], int]], attribution: str
) -> None:
    entries = [
        LicensedEntry(f"e{i}", version, "note", title, body, tuple(tags))
        for i, (title, body, tags, version) in enumerate(specs)
    ]
    data, built = _build(entries, terms=Terms.make(attribution=attribution))
    assert built.manifest_bytes == rfc8785.dumps(json.loads(built.manifest_bytes))
    key, opened = open_entries(parse_package(data), LICENSEE)
    plain = ChaCha20Poly1305(key).decrypt(
        built.payload[:12], built.payload[12:], package.AAD_PREFIX + built.manifest_hash
    )
    items = json.loads(plain)["entries"]
    assert plain == rfc8785.dumps({"entries": items})
    for listed, item in zip(built.manifest.entries, items, strict=True):
        assert listed.sha256 == hashlib.sha256(rfc8785.dumps(item)).hexdigest()
    assert [(e.title, e.body, list(e.tags)) for e in opened] == [(t, b, tags) for t, b, tags, _ in specs]


def test_only_typed_errors_from_a_random_identity_key() -> None:
    # A stranger's Ed25519 key the package never names: any error is one of ours.
    other = Ed25519PrivateKey.generate()
    sig = sshsig.sign(other, sshsig.NS_MANIFEST, PACKAGE.manifest_bytes)
    with pytest.raises(KnowholdError):
        parse_package(assemble(PACKAGE.manifest_bytes, sig, PACKAGE.sealed_key, PACKAGE.payload))


def test_text_that_looks_like_the_entry_separator_is_harmless() -> None:
    # Entry hashes are cut from the canonical payload at ',{"body":'; inside a
    # string the quotes are escaped, so text spelling it cannot move a cut.
    tricky = [
        LicensedEntry("a1", 1, "note", ',{"body":"x"}', '},{"body":"forged","id":"b2"}', (',{"body":',)),
        LicensedEntry("b2", 1, "note", "t", ',{"body":\\"', ()),
    ]
    data, built = _build(tricky)
    _, entries = open_entries(parse_package(data), LICENSEE)
    assert [(e.title, e.body, e.tags) for e in entries] == [(e.title, e.body, e.tags) for e in tricky]
    listed = json.loads(built.manifest_bytes)["entries"]
    for entry, item in zip(entries, listed, strict=True):
        obj = {
            "body": entry.body,
            "id": entry.id,
            "kind": entry.kind,
            "notice": entry.notice,
            "tags": list(entry.tags),
            "title": entry.title,
            "version": entry.version,
        }
        assert item["sha256"] == hashlib.sha256(rfc8785.dumps(obj)).hexdigest()
