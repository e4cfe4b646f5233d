"""Write the test vectors in this folder from the fixed keys in keys.json.

    python tests/vectors/generate.py [--fresh]

The outputs are committed. HPKE encapsulation and the payload nonce are
random, so the committed ``valid.knowhold``, ``valid-origin.knowhold`` and
``valid-files.knowhold`` are reused (``--fresh`` builds new ones) and every file derived from them comes
out the same; the files that seal something new get other (equally valid)
bytes: see README.md. Each tampered file differs from a valid package (or a
valid status document) in exactly one way, so each proves one check.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import os
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import rfc8785
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from knowhold.vault.knowledge.origin import Origin
from knowhold.vault.licensing import package, sshsig
from knowhold.vault.licensing.identity import HPKE_SUITE, Identity, PublicIdentity
from knowhold.vault.licensing.package import assemble, build_package, parse_package
from knowhold.vault.licensing.payload import LicensedEntry, LicensedFile, payload_item
from knowhold.vault.licensing.terms import Revocation, Terms

HERE = Path(__file__).resolve().parent

LICENSE_ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
OTHER_LICENSE_ID = "a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5"
ISSUED = 1_790_000_000  # 2026-09-21T14:13:20Z
EXPIRES = ISSUED + 90 * 86400
ENTRIES = [
    LicensedEntry(
        "k7d2m9x4qa",
        3,
        "heuristic",
        "Escalate early",
        'When a customer says "again", escalate before the second reply.\nNever promise a date.',
        ("support",),
    ),
    LicensedEntry(
        "p0q1r2s3t4",
        1,
        "playbook",
        "复盘流程",
        "先复盘，再交接。\n1. 记录时间线\n2. 找到根因，不追究个人",
        ("复盘", "客户"),
    ),
    LicensedEntry("c4h5e6k7l8", 2, "checklist", "Before a release", "- tests green\n- rollback ready", ()),
]
# The same entries with every kind of origin, and one more with none recorded: a version 2 package.
ORIGIN_ENTRIES = [
    dataclasses.replace(ENTRIES[0], origin=Origin.make("own")),
    dataclasses.replace(ENTRIES[1], origin=Origin.make("organisation", "深圳星河物流有限公司")),
    dataclasses.replace(ENTRIES[2], origin=Origin.make("public", "ISO 9001:2015")),
    LicensedEntry("n0t3s4v5w6", 1, "note", "Shift handover", "Write down what is still open.", ("ops",)),
]


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")


# A 2 x 1 PNG (one red, one green pixel) with no metadata chunk, and a text file.
PNG = b"".join(
    (
        b"\x89PNG\r\n\x1a\n",
        _png_chunk(b"IHDR", (2).to_bytes(4, "big") + (1).to_bytes(4, "big") + bytes((8, 2, 0, 0, 0))),
        _png_chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00\x00\xff\x00", 9)),
        _png_chunk(b"IEND", b""),
    )
)
# Two entries carry a file each (a picture; a text file with a Chinese name), the third none:
# a version 3 package.
FILE_ENTRIES = [
    dataclasses.replace(ENTRIES[0], files=(LicensedFile("escalation-flow.png", "image/png", PNG),)),
    dataclasses.replace(
        ENTRIES[1],
        origin=Origin.make("own"),
        files=(LicensedFile("交接清单.txt", "text/plain", "1. 记录时间线\n2. 交接给值班\n".encode()),),
    ),
    ENTRIES[2],
]
TERMS = Terms.make(
    allow=["copy-excerpts", "ai-retrieval"],
    human_review=True,
    attribution="Li Wei, senior support lead",
    fee=("1200", "CNY"),
    per="month",
    compensation_note="paid monthly",
    text="Use inside Acme Support only. Not for training models.",
)
REVOCATION = Revocation.make("https://example.org/knowhold.status", 7 * 86400)


def identities() -> dict[str, Identity]:
    keys = json.loads((HERE / "keys.json").read_text("utf-8"))
    return {
        role: Identity.from_private_bytes(
            k["name"],
            bytes.fromhex(k["ed25519_seed"]),
            bytes.fromhex(k["mlkem_seed"]),
            bytes.fromhex(k["x25519_private"]),
            0,
        )
        for role, k in keys.items()
        if not role.startswith("_")
    }


def build(
    licensor: Identity,
    licensee: PublicIdentity,
    license_id: str,
    entries: Sequence[LicensedEntry] = ENTRIES,
) -> bytes:
    data, _ = build_package(
        licensor,
        licensee,
        entries,
        license_id=license_id,
        issued_at=ISSUED,
        not_before=ISSUED,
        expires_at=EXPIRES,
        terms=TERMS,
        revocation=REVOCATION,
    )
    return data


def seal(manifest_bytes: bytes, plaintext: bytes, signer: Identity, to: PublicIdentity) -> bytes:
    """A package around any manifest bytes, signed and sealed exactly as docs/format.md says."""
    digest = hashlib.sha256(manifest_bytes).digest()
    key = ChaCha20Poly1305.generate_key()
    sealed = HPKE_SUITE.encrypt(key, to.hpke_public_key(), info=package.INFO_PREFIX + digest)
    nonce = os.urandom(12)
    payload = nonce + ChaCha20Poly1305(key).encrypt(nonce, plaintext, package.AAD_PREFIX + digest)
    return assemble(manifest_bytes, signer.sign(sshsig.NS_MANIFEST, manifest_bytes), sealed, payload)


def relisted(document: dict[str, Any], items: list[dict[str, Any]], version: int) -> tuple[bytes, bytes]:
    """The manifest ``document`` as ``version``, listing the hashes of exactly ``items``; and their payload.

    For packages whose payload breaks a rule of the format while every hash
    the licensor signs still matches it: only the one rule is wrong.
    """
    manifest = json.loads(json.dumps(document))
    manifest["version"] = version
    for listed, item in zip(manifest["entries"], items, strict=True):
        listed["sha256"] = hashlib.sha256(rfc8785.dumps(item)).hexdigest()
    return rfc8785.dumps(manifest), rfc8785.dumps({"entries": items})


def committed(name: str, fresh: bool, make: Callable[[], bytes]) -> bytes:
    """The committed vector ``name`` (so what derives from it stays the same), or a new one."""
    path = HERE / name
    data = path.read_bytes() if path.is_file() and not fresh else b""
    return data or make()


def flip(data: bytes, index: int) -> bytes:
    out = bytearray(data)
    out[index] ^= 0x01
    return bytes(out)


# The three ways line endings go wrong in transit (docs/format.md, "Armor"): each
# applied to text that ends in exactly one LF and has no CR.
LINE_FAULTS = {
    "no-final-newline": ("the final newline removed", lambda text: text[:-1]),
    "crlf": ("every LF written as CR LF", lambda text: text.replace(b"\n", b"\r\n")),
    "extra-newline": ("one more newline after the final one", lambda text: text + b"\n"),
}


def main(fresh: bool = False) -> None:
    ids = identities()
    licensor, licensee, third = ids["licensor"], ids["licensee"], ids["third"]
    valid = committed("valid.knowhold", fresh, lambda: build(licensor, licensee.public, LICENSE_ID))
    p = parse_package(valid)
    _, opened = package.open_entries(p, licensee)
    plaintext = rfc8785.dumps({"entries": [payload_item(e, e.notice, 1) for e in opened]})
    with_origin = committed(
        "valid-origin.knowhold",
        fresh,
        lambda: build(licensor, licensee.public, LICENSE_ID, ORIGIN_ENTRIES),
    )
    with_files = committed(
        "valid-files.knowhold",
        fresh,
        lambda: build(licensor, licensee.public, LICENSE_ID, FILE_ENTRIES),
    )
    pf = parse_package(with_files)
    _, opened_files = package.open_entries(pf, licensee)
    v3_document = json.loads(pf.manifest_bytes)
    swapped_file = [payload_item(e, e.notice, 3) for e in opened_files]
    # The PNG's last bit flipped: the same size, other bytes (which the listed hash does not match).
    swapped_file[0]["files"][0] = base64.b64encode(PNG[:-1] + bytes((PNG[-1] ^ 0x01,))).decode("ascii")
    over_limit = json.loads(json.dumps(v3_document))
    listed = over_limit["entries"][0]["files"][0]
    over_limit["entries"][0]["files"] = [
        {**listed, "name": f"photo-{i}.png", "size": 25 * 1024 * 1024} for i in range(3)
    ]
    po = parse_package(with_origin)
    _, opened_origin = package.open_entries(po, licensee)
    v1_document, v2_document = json.loads(p.manifest_bytes), json.loads(po.manifest_bytes)
    bad_kind = [payload_item(e, e.notice, 2) for e in opened_origin]
    bad_kind[1]["origin"]["kind"] = "employer"
    manifest_at = len(package.MAGIC) + 4
    sealed_at = valid.index(p.sealed_key)
    payload_at = sealed_at + len(p.sealed_key) + 8

    blob = bytearray(base64.b64decode("".join(p.signature.strip().split("\n")[1:-1])))
    blob[-1] ^= 0x01  # the last byte of the Ed25519 signature itself
    text = base64.b64encode(bytes(blob)).decode("ascii")
    bad_signature = "\n".join([sshsig.ARMOR_BEGIN, *[text[i : i + 70] for i in range(0, len(text), 70)]])
    bad_signature += "\n" + sshsig.ARMOR_END + "\n"

    newer = json.loads(p.manifest_bytes)
    newer["version"] = 5
    duplicate = p.manifest_bytes.replace(b'"expires_at":', b'"expires_at":4102444800,"expires_at":', 1)
    other = build(licensor, licensee.public, OTHER_LICENSE_ID)

    stranger_signature = third.sign(sshsig.NS_MANIFEST, p.manifest_bytes)
    title_at = manifest_at + p.manifest_bytes.index(b'"title":"Escalate') + 9
    files: dict[str, tuple[bytes, dict[str, Any]]] = {
        "valid.knowhold": (
            valid,
            {
                "error": None,
                "exit_code": 0,
                "license_id": LICENSE_ID,
                "manifest_sha256": p.manifest_hash.hex(),
                "entry_ids": [e.id for e in ENTRIES],
                "titles": [e.title for e in ENTRIES],
                "why": "a valid package from licensor to licensee",
            },
        ),
        "flipped-manifest.knowhold": (
            flip(valid, title_at),
            _bad("parse", "one bit of an entry title in the manifest flipped: the signature fails"),
        ),
        "flipped-signature.knowhold": (
            assemble(p.manifest_bytes, bad_signature, p.sealed_key, p.payload),
            _bad("parse", "one bit of the Ed25519 signature flipped (armor still well formed)"),
        ),
        "flipped-sealed-key.knowhold": (
            flip(valid, sealed_at + 100),
            _bad("open", "one bit of the HPKE encapsulation flipped: the content key does not unseal"),
        ),
        "flipped-payload.knowhold": (
            flip(valid, payload_at + 40),
            _bad("open", "one bit of the payload ciphertext flipped: ChaCha20-Poly1305 fails"),
        ),
        "swapped-payload.knowhold": (
            assemble(p.manifest_bytes, p.signature, p.sealed_key, parse_package(other).payload),
            _bad("open", "the payload of another package with the same keys and entries"),
        ),
        "other-licensee.knowhold": (
            build(licensor, third.public, LICENSE_ID),
            _bad("open", "a valid package addressed to the third key", error="NotAddressed", exit_code=15),
        ),
        "resigned-by-stranger.knowhold": (
            assemble(p.manifest_bytes, stranger_signature, p.sealed_key, p.payload),
            _bad("parse", "the manifest re-signed by the third key; its licensor field still names Li Wei"),
        ),
        "truncated.knowhold": (valid[:-50], _bad("parse", "the last 50 bytes cut off")),
        "trailing-bytes.knowhold": (valid + b"\n", _bad("parse", "one byte after the payload")),
        "newer-version.knowhold": (
            seal(rfc8785.dumps(newer), plaintext, licensor, licensee.public),
            _bad("parse", 'manifest "version": 5, validly signed and sealed: a v4 reader must refuse it'),
        ),
        "valid-origin.knowhold": (
            with_origin,
            {
                "error": None,
                "exit_code": 0,
                "license_id": LICENSE_ID,
                "manifest_sha256": po.manifest_hash.hex(),
                "manifest_version": 2,
                "entry_ids": [e.id for e in ORIGIN_ENTRIES],
                "titles": [e.title for e in ORIGIN_ENTRIES],
                "origins": [None if e.origin is None else e.origin.to_json() for e in ORIGIN_ENTRIES],
                "why": "a valid version 2 package: each entry's origin (own, organisation, public, none)",
            },
        ),
        "origin-in-version-1.knowhold": (
            seal(
                *relisted(v1_document, [payload_item(e, e.notice, 2) for e in opened], 1),
                licensor,
                licensee.public,
            ),
            _bad("open", 'a version 1 manifest whose payload entries carry "origin" (null), hashes signed'),
        ),
        "origin-missing.knowhold": (
            seal(
                *relisted(v2_document, [payload_item(e, e.notice, 1) for e in opened_origin], 2),
                licensor,
                licensee.public,
            ),
            _bad("open", 'a version 2 manifest whose payload entries have no "origin", hashes signed'),
        ),
        "origin-bad-kind.knowhold": (
            seal(*relisted(v2_document, bad_kind, 2), licensor, licensee.public),
            _bad("open", 'valid-origin.knowhold with the second origin\'s kind "employer", hashes signed'),
        ),
        "valid-files.knowhold": (
            with_files,
            {
                "error": None,
                "exit_code": 0,
                "license_id": LICENSE_ID,
                "manifest_sha256": pf.manifest_hash.hex(),
                "manifest_version": 3,
                "entry_ids": [e.id for e in FILE_ENTRIES],
                "titles": [e.title for e in FILE_ENTRIES],
                "files": [[f.listed().to_json() for f in e.files] for e in FILE_ENTRIES],
                "why": "a valid version 3 package: a PNG with the first entry, a text file with the second",
            },
        ),
        "files-hash-mismatch.knowhold": (
            seal(*relisted(v3_document, swapped_file, 3), licensor, licensee.public),
            _bad(
                "open",
                "valid-files.knowhold carrying other bytes of the same size for its PNG; the entry's hash "
                "signed, the file's listed hash unchanged",
            ),
        ),
        "files-over-limit.knowhold": (
            seal(rfc8785.dumps(over_limit), plaintext, licensor, licensee.public),
            _bad("parse", "a version 3 manifest listing 3 files of 25 MiB (75 MiB > 64 MiB), validly signed"),
        ),
        "duplicate-key.knowhold": (
            seal(duplicate, plaintext, licensor, licensee.public),
            _bad("parse", 'manifest with "expires_at" twice (2100 first), validly signed over those bytes'),
        ),
    }
    for fault, (what, apply) in LINE_FAULTS.items():
        signature = apply(p.signature.encode("ascii")).decode("ascii")
        files[f"signature-{fault}.knowhold"] = (
            assemble(p.manifest_bytes, signature, p.sealed_key, p.payload),
            _bad("parse", f"the manifest signature's armor with {what}; the signature inside still verifies"),
        )
    expected: dict[str, Any] = {}
    for name, (data, info) in files.items():
        (HERE / name).write_bytes(data)
        expected[name] = info

    try:
        from knowhold.vault.licensing.receipts import build_receipt
        from knowhold.vault.licensing.status import build_status
    except ImportError:
        print("vault.status / vault.receipts missing: status.txt and receipt.txt not written")
    else:
        status = build_status(
            licensor, sequence=1, issued_at=ISSUED, next_update=ISSUED + 7 * 86400, revoked=(), renewed=()
        )
        receipt = build_receipt(
            licensee, license_id=LICENSE_ID, manifest_hash=p.manifest_hash, accepted_at=ISSUED + 3600
        )
        (HERE / "status.txt").write_bytes(status)
        (HERE / "receipt.txt").write_bytes(receipt)
        expected["status.txt"] = {
            "error": None,
            "kind": "status",
            "signer": "licensor",
            "sequence": 1,
            "issued_at": ISSUED,
            "next_update": ISSUED + 7 * 86400,
            "revoked": [],
            "renewed": [],
        }
        expected["receipt.txt"] = {
            "error": None,
            "kind": "receipt",
            "signer": "licensee",
            "license_id": LICENSE_ID,
            "manifest_sha256": p.manifest_hash.hex(),
            "accepted_at": ISSUED + 3600,
        }
        for fault, (what, apply) in LINE_FAULTS.items():
            (HERE / f"status-{fault}.txt").write_bytes(apply(status))
            expected[f"status-{fault}.txt"] = {
                **_bad("parse", f"status.txt with {what}"),
                "kind": "status",
            }
        expected.update(usage_vectors(licensor, licensee, third))
    (HERE / "expected.json").write_text(json.dumps(expected, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {len(expected)} vectors to {HERE}")


def usage_vectors(licensor: Identity, licensee: Identity, third: Identity) -> dict[str, Any]:
    """usage.txt, Acme Support's usage report of valid.knowhold (number 2), and one per way a worker
    refuses one: "parse" fails on the file alone, "apply" against the license and usage.txt taken in."""
    from knowhold.vault.licensing.usage import UsageRow, build_report

    rows = [
        UsageRow("2026-09-21", ENTRIES[0].id, "mcp", 3, 1),
        UsageRow("2026-09-22", ENTRIES[0].id, "app", 0, 1),
        UsageRow("2026-09-22", ENTRIES[1].id, "mcp", 2, 0),
        UsageRow("2026-09-22", ENTRIES[1].id, "skill-export", 0, 1),
    ]

    def report(
        signer: Identity, license_id: str = LICENSE_ID, sequence: int = 2, since: int = ISSUED
    ) -> bytes:
        return build_report(
            signer,
            license_id=license_id,
            licensor_key=licensor.public.signing_key,
            sequence=sequence,
            since=since,
            until=ISSUED + 2 * 86400,
            rows=rows,
        )

    valid = report(licensee)
    files = {
        "usage.txt": (
            valid,
            {
                "error": None,
                "kind": "usage",
                "signer": "licensee",
                "license_id": LICENSE_ID,
                "sequence": 2,
                "since": ISSUED,
                "until": ISSUED + 2 * 86400,
                "counts": [r.to_json() for r in rows],
            },
        ),
        "usage-tampered.txt": (
            valid.replace(b'"read":1,"returned":3', b'"read":1,"returned":9', 1),
            _bad("parse", "usage.txt with one count changed (3 searches written 9): the signature fails"),
        ),
        "usage-wrong-signer.txt": (
            report(third),
            _bad(
                "apply", "the same counts signed by the third key, naming itself: not the license's licensee"
            ),
        ),
        "usage-other-license.txt": (
            report(licensee, OTHER_LICENSE_ID, 3),
            _bad(
                "apply",
                "signed by the licensee, number 3, for a license not in the ledger",
                error="NotFound",
                exit_code=1,
            ),
        ),
        "usage-replayed.txt": (
            report(licensee, sequence=1, since=ISSUED - 86400),
            _bad("apply", "signed by the licensee for this license, number 1: older than usage.txt's 2"),
        ),
    }
    for name, (data, _info) in files.items():
        (HERE / name).write_bytes(data)
    return {name: {**info, "kind": "usage"} for name, (_data, info) in files.items()}


def _bad(stage: str, why: str, *, error: str = "Malformed", exit_code: int = 10) -> dict[str, Any]:
    return {"error": error, "exit_code": exit_code, "stage": stage, "why": why}


if __name__ == "__main__":
    main(fresh="--fresh" in sys.argv[1:])
