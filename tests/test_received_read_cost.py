"""Reading one entry of a license received costs that entry, not the whole package.

The payload is decrypted whole (the AEAD tag covers all of it), but only the
entry asked for is parsed and checked, and only its files decoded; every
check of what is returned still runs, and reading every entry still checks
every file (vault/licensing/payload.py, ``payload_entry``).
"""

from __future__ import annotations

import base64
import dataclasses
from typing import Any

import pytest
import rfc8785
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from knowhold.vault import Vault
from knowhold.vault.errors import Malformed, NotFound
from knowhold.vault.knowledge.origin import Origin, OriginKind
from knowhold.vault.licensing import payload
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.identity import Identity
from knowhold.vault.licensing.package import AAD_PREFIX, NONCE_BYTES, open_entries, parse_package
from knowhold.vault.licensing.payload import LicensedFile, payload_entries, payload_entry
from knowhold.vault.licensing.received import Library
from tests.licensing_kit import entries, make_package, me, trust
from tests.test_package import LICENSEE
from tests.test_package_files import FILES_PACKAGE, PDF, _document, _items, _resigned

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


def _with_files() -> list[Any]:
    first, second, third = entries(3)
    return [
        dataclasses.replace(first, files=(LicensedFile("flow.png", "image/png", PNG),)),
        dataclasses.replace(
            second,
            origin=Origin(OriginKind.ORGANISATION, "北方物流"),
            files=(LicensedFile("a.txt", "text/plain", b"first"), LicensedFile("空.txt", "text/plain", b"")),
        ),
        dataclasses.replace(third, tags=("support", "升级")),
    ]


def _ingested(library: Library, employer: Vault, licensor: Identity) -> str:
    trust(employer, licensor)
    return library.ingest(make_package(licensor, me(employer), items=_with_files())).license_id


def _count_carried(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the entries whose files are decoded and checked, in order."""
    seen: list[str] = []
    carried = payload._carried

    def spy(value: list[str], entry: Any) -> tuple[LicensedFile, ...]:
        seen.append(entry.id)
        return carried(value, entry)

    monkeypatch.setattr(payload, "_carried", spy)
    return seen


def test_one_entry_is_the_same_entry_the_whole_read_returns(
    library: Library, employer: Vault, licensor: Identity
) -> None:
    lid = _ingested(library, employer, licensor)
    _, every = library.show(lid)
    assert [e.id for e in every] == ["entry0x", "entry1x", "entry2x"]
    for entry in every:
        _, [alone] = library.show(lid, entry.id)
        assert alone == entry
    assert every[0].files[0].data == PNG and every[1].origin == Origin(OriginKind.ORGANISATION, "北方物流")
    viewed = [e.detail["entries"] for e in AuditLog(employer.db).events() if e.event == "viewed"]
    assert viewed == [["entry0x", "entry1x", "entry2x"], ["entry0x"], ["entry1x"], ["entry2x"]]


def test_one_entry_decodes_only_its_own_files_and_all_decode_every_file(
    library: Library, employer: Vault, licensor: Identity, monkeypatch: pytest.MonkeyPatch
) -> None:
    lid = _ingested(library, employer, licensor)
    seen = _count_carried(monkeypatch)
    library.show(lid, "entry1x")
    assert seen == ["entry1x"]
    seen.clear()
    library.show(lid)
    assert seen == ["entry0x", "entry1x", "entry2x"]


def test_an_entry_the_license_does_not_hold_is_not_found_before_anything_is_decrypted(
    library: Library, employer: Vault, licensor: Identity, monkeypatch: pytest.MonkeyPatch
) -> None:
    lid = _ingested(library, employer, licensor)
    seen = _count_carried(monkeypatch)
    with pytest.raises(NotFound, match="has no entry 'entry9x'"):
        library.show(lid, "entry9x")
    assert seen == [] and AuditLog(employer.db).events()[-1].event != "viewed"


def _tamper_stored_file(employer: Vault, lid: str) -> None:
    """Change one base64 character of entry1x's first file inside the stored payload, sealed again
    under the stored content key: what someone holding the vault's database key could do."""
    conn = employer.db.conn
    key, sealed = conn.execute(
        "SELECT content_key, payload FROM received_content WHERE license_id = ?", (lid,)
    ).fetchone()
    (digest,) = conn.execute("SELECT manifest_hash FROM received WHERE license_id = ?", (lid,)).fetchone()
    aad = AAD_PREFIX + bytes(digest)
    nonce = bytes(sealed[:NONCE_BYTES])
    plain = ChaCha20Poly1305(bytes(key)).decrypt(nonce, bytes(sealed[NONCE_BYTES:]), aad)
    text = base64.b64encode(b"first").decode("ascii")
    assert plain.count(text.encode()) == 1
    swapped = plain.replace(text.encode(), ("A" + text[1:]).encode())
    resealed = nonce + ChaCha20Poly1305(bytes(key)).encrypt(nonce, swapped, aad)
    with employer.db.transaction():
        conn.execute("UPDATE received_content SET payload = ? WHERE license_id = ?", (resealed, lid))


def test_a_tampered_file_is_refused_when_its_entry_is_read_and_when_all_are(
    library: Library, employer: Vault, licensor: Identity
) -> None:
    lid = _ingested(library, employer, licensor)
    _, before = library.show(lid, "entry0x")
    _tamper_stored_file(employer, lid)
    with pytest.raises(Malformed, match="entry1x does not match the hash the licensor signed"):
        library.show(lid, "entry1x")
    with pytest.raises(Malformed, match="entry1x: file 1 does not match the hash the licensor signed"):
        library.show(lid)  # every file checked first, then every entry's hash
    # The entry that was not changed is still its signed self, and is all that is returned.
    assert library.show(lid, "entry0x")[1] == before


def test_a_file_not_as_signed_inside_an_entry_whose_hash_matches_is_refused_alone() -> None:
    # A licensor could sign such a package (every entry hash right, a file hash wrong); ingest
    # refuses it, so it is built here at the payload's level, as package tests build theirs.
    items = _items()
    items[1]["files"][0] = base64.b64encode(PDF[:-1] + b"X").decode("ascii")
    manifest = parse_package(_resigned(_document(), items)).manifest
    plaintext = rfc8785.dumps({"entries": items})
    with pytest.raises(Malformed, match="file 1 does not match the hash the licensor signed"):
        payload_entry(plaintext, manifest, 1)
    with pytest.raises(Malformed, match="file 1 does not match the hash the licensor signed"):
        payload_entries(plaintext, manifest, keep=True)
    # Entry 0 is as signed: reading it alone returns it, the same as an honest package's.
    assert payload_entry(plaintext, manifest, 0) == open_entries(FILES_PACKAGE, LICENSEE)[1][0]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda p: p.replace(b'"body":"', b'"body":" ', 1), "k7d2m9x4qa does not match the hash"),
        (lambda p: p[:-2] + b',{"body":"x"}]}', "does not split into the manifest's entries"),
        (lambda p: b"[" + p[1:], 'not {"entries": \\[...\\]}'),
    ],
)
def test_a_payload_not_as_signed_is_refused_when_one_entry_is_read(change: Any, reason: str) -> None:
    items = _items()
    manifest = parse_package(_resigned(_document(), items)).manifest
    plaintext = rfc8785.dumps({"entries": items})
    with pytest.raises(Malformed, match=reason):
        payload_entry(change(plaintext), manifest, 0)


def test_entries_each_canonical_but_joined_otherwise_are_refused_whole_and_alone() -> None:
    # Each entry is parsed alone; the payload is canonical only if they are joined as the format
    # joins them. Every hash is right here: only the space after the comma is wrong.
    items = _items()
    manifest = parse_package(_resigned(_document(), items)).manifest
    plaintext = b'{"entries":[' + b", ".join(rfc8785.dumps(item) for item in items) + b"]}"
    with pytest.raises(Malformed, match="not in canonical form"):
        payload_entries(plaintext, manifest, keep=True)
    with pytest.raises(Malformed, match="does not split into the manifest's entries"):
        payload_entry(plaintext, manifest, 0)
