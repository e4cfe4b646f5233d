"""Files carried with licensed entries: manifest version 3 (docs/format.md, "Attachments").

Written only when some entry carries a file; listed in the signed manifest
with limits checked before decrypting; each file's size and hash checked
when the payload is opened.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
from typing import Any

import pytest
import rfc8785

from knowhold.vault.errors import InvalidValue, Malformed
from knowhold.vault.licensing.manifest import MAX_FILE_BYTES, MAX_FILES, manifest_from_json
from knowhold.vault.licensing.package import open_entries, parse_package
from knowhold.vault.licensing.payload import LicensedEntry, LicensedFile, payload_item
from tests.test_package import ENTRIES, LICENSEE, PACKAGE, _build, forge

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(64))
PDF = b"%PDF-1.7\n" + bytes(range(32))
WITH_FILES = [
    dataclasses.replace(
        ENTRIES[0],
        files=(LicensedFile("flow.png", "image/png", PNG), LicensedFile("空.txt", "text/plain", b"")),
    ),
    dataclasses.replace(ENTRIES[1], files=(LicensedFile("spec.pdf", "application/pdf", PDF),)),
]
DATA, FILES_PACKAGE = _build(WITH_FILES)


def _document() -> dict[str, Any]:
    return json.loads(FILES_PACKAGE.manifest_bytes)


def _items() -> list[dict[str, Any]]:
    _, entries = open_entries(FILES_PACKAGE, LICENSEE)
    return [payload_item(e, e.notice, 3) for e in entries]


def _resigned(document: dict[str, Any], items: list[dict[str, Any]]) -> bytes:
    """A package whose manifest lists the hashes of exactly ``items`` (every entry hash right)."""
    for listed, item in zip(document["entries"], items, strict=True):
        listed["sha256"] = hashlib.sha256(rfc8785.dumps(item)).hexdigest()
    return forge(document, rfc8785.dumps({"entries": items}))


def test_files_round_trip_as_version_3_and_the_manifest_lists_them() -> None:
    assert FILES_PACKAGE.manifest.version == 3
    listed = [[(f.name, f.media_type, f.size) for f in e.files] for e in parse_package(DATA).manifest.entries]
    assert listed == [
        [("flow.png", "image/png", len(PNG)), ("空.txt", "text/plain", 0)],
        [("spec.pdf", "application/pdf", len(PDF))],
    ]
    assert FILES_PACKAGE.manifest.entries[0].files[0].sha256 == hashlib.sha256(PNG).hexdigest()
    _, entries = open_entries(parse_package(DATA), LICENSEE)
    assert [e.files for e in entries] == [e.files for e in WITH_FILES]


def test_without_files_the_package_is_the_version_it_was() -> None:
    assert PACKAGE.manifest.version == 1
    assert b'"files"' not in PACKAGE.manifest_bytes
    only_origin = [dataclasses.replace(e, files=()) for e in WITH_FILES]
    assert _build(only_origin)[1].manifest.version == 1


def test_a_file_swapped_inside_a_signed_entry_is_refused() -> None:
    items = _items()
    items[1]["files"][0] = base64.b64encode(PDF[:-1] + b"X").decode("ascii")
    with pytest.raises(Malformed, match="file 1 does not match the hash the licensor signed"):
        open_entries(parse_package(_resigned(_document(), items)), LICENSEE)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda items: items[0]["files"].pop(), "carries 1 files; the manifest lists 2"),
        (lambda items: items[0]["files"].__setitem__(0, items[0]["files"][0] + "AAAA"), "not the size"),
        (lambda items: items[0]["files"].__setitem__(0, "!" * len(items[0]["files"][0])), "not base64"),
        (lambda items: items[0]["files"].__setitem__(0, 5), "files: expected a list of base64 strings"),
        (lambda items: items[1].pop("files"), "missing 'files'"),
    ],
)
def test_carried_files_not_as_listed_are_refused(change: Any, reason: str) -> None:
    items = _items()
    change(items)
    with pytest.raises(Malformed, match=reason):
        open_entries(parse_package(_resigned(_document(), items)), LICENSEE)


def test_base64_with_stray_padding_bits_is_refused() -> None:
    items = _items()
    text = items[1]["files"][0]
    assert text.endswith("=")
    # The last character before the padding with a low bit set: the same bytes, another spelling.
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    at = len(text.rstrip("=")) - 1
    items[1]["files"][0] = text[:at] + alphabet[alphabet.index(text[at]) | 1] + text[at + 1 :]
    assert base64.b64decode(items[1]["files"][0]) == PDF
    with pytest.raises(Malformed, match="not canonical base64"):
        open_entries(parse_package(_resigned(_document(), items)), LICENSEE)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d["entries"][0]["files"].append(dict(d["entries"][0]["files"][0])), "listed twice"),
        (lambda d: d["entries"][0]["files"][0].update({"name": "../x.png"}), "without folders"),
        (lambda d: d["entries"][0]["files"][0].update({"name": "a\u202eb.png"}), "name"),
        (lambda d: d["entries"][0]["files"][0].update({"media_type": "Image/PNG"}), "media_type"),
        (lambda d: d["entries"][0]["files"][0].update({"size": MAX_FILE_BYTES + 1}), "size"),
        (lambda d: d["entries"][0]["files"][0].update({"sha256": "0" * 63}), "sha256"),
        (lambda d: d["entries"][0]["files"][0].update({"extra": 1}), "unknown key"),
        (lambda d: d["entries"][1].pop("files"), "missing 'files'"),
        (lambda d: d["entries"][1].update({"files": {}}), "expected a list"),
        (lambda d: d.update({"version": 2}), "unknown key 'files'"),
        (
            lambda d: d["entries"][0].update(
                {"files": [{**d["entries"][0]["files"][0], "name": f"{i}.png"} for i in range(MAX_FILES + 1)]}
            ),
            "more than 1,000 files",
        ),
    ],
)
def test_file_listings_off_spec_are_refused_before_decrypting(change: Any, reason: str) -> None:
    document = _document()
    change(document)
    with pytest.raises(Malformed, match=reason):
        manifest_from_json(document)


def test_the_writer_refuses_what_a_reader_would() -> None:
    too_many = [
        dataclasses.replace(
            ENTRIES[0],
            files=tuple(LicensedFile(f"{i}.txt", "text/plain", b"x") for i in range(MAX_FILES + 1)),
        )
    ]
    with pytest.raises(InvalidValue, match="more than 1,000 files"):
        _build(too_many)
    bad_name: list[LicensedEntry] = [
        dataclasses.replace(ENTRIES[0], files=(LicensedFile("a/b.png", "image/png", PNG),))
    ]
    with pytest.raises(InvalidValue, match="without folders"):
        _build(bad_name)
