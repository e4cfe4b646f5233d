"""The payload's plaintext: licensed entries as canonical JSON, and their digests.

No cryptography here: ``package.py`` seals and opens the bytes this module
writes and checks. Every entry read back must be canonical, in the manifest's
order, and hash to the SHA-256 the licensor signed (compared in constant time),
and hold no character ``vault.text`` refuses (bodies: no control character but
tab, CR and LF; tags, the notice and an origin's name: no control, format or
separator character).

An entry's keys depend on the manifest's version (``docs/format.md``,
"Origin"): version 1 has exactly seven, version 2 adds ``origin``, on every
entry, ``null`` where none was recorded. A writer takes the lowest version
that holds its entries (``payload_version``), so a package with no origin is a
version 1 package every Knowhold opens, and one that carries origins is
refused by older readers before anything is decrypted, with "made by a newer
Knowhold", rather than read without the origins the employer is meant to see.

Version 3 adds ``files`` to every entry (``docs/format.md``, "Attachments"):
the bytes of each file the manifest lists for it, as canonical base64, in the
manifest's order. Each must have the size and SHA-256 the licensor signed
(compared in constant time) before any entry is returned: a file swapped,
cut or added inside a well-formed payload is refused, not shown.

Each entry is cut out of the payload where the canonical form joins entries
and checked alone (``_checked_piece``), so reading every entry never parses
the payload as one document (a gigabyte of parser memory for 64 MiB of
files), and reading one entry (``payload_entry``) checks only that one.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from knowhold.vault.errors import Malformed
from knowhold.vault.knowledge.entries import MAX_BODY, MAX_TAG, MAX_TAGS
from knowhold.vault.knowledge.origin import MAX_ORIGIN_NAME, Origin, OriginKind
from knowhold.vault.licensing.manifest import (
    FILES_VERSION,
    USAGE_VERSION,
    Manifest,
    ManifestEntry,
    ManifestFile,
)
from knowhold.vault.licensing.terms import expect_keys, expect_text
from knowhold.vault.text import BODY, is_safe_line
from knowhold.vault.timefmt import format_time

MAX_NOTICE = 2_000
ORIGIN_VERSION = 2  # the first manifest version whose payload entries carry an origin
_PAYLOAD_ENTRY_KEYS = {
    1: ("body", "id", "kind", "notice", "tags", "title", "version"),
    ORIGIN_VERSION: ("body", "id", "kind", "notice", "origin", "tags", "title", "version"),
    FILES_VERSION: ("body", "files", "id", "kind", "notice", "origin", "tags", "title", "version"),
}
_PAYLOAD_ENTRY_KEYS[USAGE_VERSION] = _PAYLOAD_ENTRY_KEYS[FILES_VERSION]  # version 4 changes only the terms
_PAYLOAD_KEYSETS = {version: frozenset(keys) for version, keys in _PAYLOAD_ENTRY_KEYS.items()}
_ORIGIN_KEYSET = frozenset(("kind", "name"))
_NAMED_ORIGINS = frozenset((OriginKind.ORGANISATION.value, OriginKind.PUBLIC.value))
_PAYLOAD_HEAD = b'{"entries":['
_PAYLOAD_TAIL = b"]}"
_ENTRY_JOINT = b',{"body":'
# What the licensee will read holds no terminal escape; tags and the notice no
# zero-width or bidi character either (vault.text). Bodies keep tab, CR and LF.
_unsafe_in_body = BODY.refused.search


@dataclass(frozen=True, slots=True)
class LicensedFile:
    """A file carried with a licensed entry: the bytes as carried (metadata already removed)."""

    name: str
    media_type: str
    data: bytes

    def listed(self) -> ManifestFile:
        """The file as the signed manifest lists it."""
        return ManifestFile(self.name, self.media_type, len(self.data), hashlib.sha256(self.data).hexdigest())


@dataclass(frozen=True, slots=True)
class LicensedEntry:
    id: str
    version: int
    kind: str
    title: str
    body: str
    tags: tuple[str, ...]
    notice: str = ""  # build_package writes the notice itself; see notice_text
    origin: Origin | None = None  # None: not recorded
    files: tuple[LicensedFile, ...] = ()


def payload_version(entries: Sequence[LicensedEntry]) -> int:
    """The lowest manifest version that holds ``entries``: 3 if any carries a file, else 2 if any
    carries an origin, else 1."""
    if any(e.files for e in entries):
        return FILES_VERSION
    return ORIGIN_VERSION if any(e.origin is not None for e in entries) else 1


def payload_item(entry: LicensedEntry, notice: str, version: int) -> dict[str, Any]:
    """The entry's object in the payload of a manifest of ``version``, with this license's notice."""
    item: dict[str, Any] = {
        "body": entry.body,
        "id": entry.id,
        "kind": entry.kind,
        "notice": notice,
        "tags": list(entry.tags),
        "title": entry.title,
        "version": entry.version,
    }
    if version >= ORIGIN_VERSION:
        item["origin"] = None if entry.origin is None else entry.origin.to_json()
    if version >= FILES_VERSION:
        item["files"] = [base64.b64encode(f.data).decode("ascii") for f in entry.files]
    return item


def _origin_ok(value: object) -> bool:
    """The fast test of an origin as the format allows it: ``null`` or ``{"kind", "name"}``."""
    if value is None:
        return True
    if type(value) is not dict or value.keys() != _ORIGIN_KEYSET or type(name := value["name"]) is not str:
        return False
    kind = value["kind"]
    if kind == OriginKind.OWN.value:
        return name == ""
    # type() first: a list or an object as the kind cannot be looked up in a set.
    return (
        type(kind) is str
        and kind in _NAMED_ORIGINS
        and 1 <= len(name) <= MAX_ORIGIN_NAME
        and is_safe_line(name)
    )


def _origin_of(value: dict[str, str] | None) -> Origin | None:
    # Only after _origin_ok: the kind is one of the three.
    return None if value is None else Origin(OriginKind(value["kind"]), value["name"])


def notice_text(licensor: str, licensee: str, license_id: str, expires_at: int) -> str:
    """The visible notice every licensed entry carries (``docs/format.md``)."""
    return (
        f"Licensed by {licensor} to {licensee} under Knowhold license {license_id}, "
        f"until {format_time(expires_at)[:10]} (UTC). Not for use after that date or after revocation."
    )


def payload_entries(plaintext: bytes, manifest: Manifest, *, keep: bool) -> list[LicensedEntry]:
    """Check the decrypted payload against the manifest; the entries (``keep``), or ``[]``.

    Each entry is cut out of the payload (``_entry_spans``) and checked
    alone (``_checked_piece``): a payload is canonical exactly when it is
    the head, each entry's canonical bytes joined by commas, and the tail,
    which that checks, so the whole is never parsed or written again as one
    document (orjson took a gigabyte of memory to parse 64 MiB of files).
    Only a payload refused is read again whole, to name what is wrong with
    it the way a reader of the format would (``_document_problem``).
    """
    listed = manifest.entries
    test = _EntryTest(manifest)
    result: list[LicensedEntry] = []
    append = result.append
    try:
        spans = _entry_spans(plaintext, len(listed))
        for i, ((start, end), entry) in enumerate(zip(spans, listed, strict=True)):
            item, files = _checked_piece(plaintext[start:end], entry, i, test)
            if keep:  # ingest only checks: 100,000 entries built for nothing would show
                append(test.entry(item, entry, files))
    except Malformed:
        _document_problem(plaintext, manifest, test)
        raise  # pragma: no cover - the two readings refuse the same payloads
    return result


def _document_problem(plaintext: bytes, manifest: Manifest, test: _EntryTest) -> None:
    """Raise the reason a payload is refused, found by reading it whole as one document: its
    shape first, then each entry's fields and files, its canonical form, each entry's hash."""
    try:
        document = orjson.loads(plaintext)
    except orjson.JSONDecodeError as exc:
        raise Malformed("The decrypted content is not valid JSON.") from exc
    items = document.get("entries") if isinstance(document, dict) and len(document) == 1 else None
    if not isinstance(items, list):
        raise Malformed('The decrypted content is not {"entries": [...]}.')
    listed = manifest.entries
    if len(items) != len(listed):
        raise Malformed(f"The content holds {len(items)} entries; the manifest lists {len(listed)}.")
    for i, (item, entry) in enumerate(zip(items, listed, strict=True)):
        test.check(item, entry, i)
    _check_canonical(document, plaintext)
    for entry, digest in zip(listed, entry_digests(plaintext, len(listed)), strict=True):
        if not hmac.compare_digest(digest, entry.sha256):
            raise Malformed(f"Content entry {entry.id} does not match the hash the licensor signed.")


def payload_entry(plaintext: bytes, manifest: Manifest, index: int) -> LicensedEntry:
    """The manifest's entry ``index`` out of a payload already checked whole: only its bytes are
    parsed and checked, and only its files decoded.

    For reading one entry of a license received (``Library.show``): a
    payload can carry 64 MiB of files, and decoding and hashing all of them
    to show one entry took seconds. Checking this entry alone returns
    nothing unchecked:

    - ``payload_entries`` checked every entry and every file when the
      package was taken in (``check_content``), and the AEAD tag, checked as
      the payload was decrypted again for this read, still covers all of it;
    - the entry returned passes every check ``payload_entries`` makes of an
      entry, by the same code (``_checked_piece``): its exact bytes hash to
      the SHA-256 the licensor signed (compared in constant time, before
      they are parsed), they are canonical, its fields are the manifest's
      and bounded, and each of its files has the size and SHA-256 signed
      (constant time);
    - the other entries are not returned, so leaving their files encoded
      leaves nothing unchecked in what is.
    """
    entry = manifest.entries[index]
    start, end = _entry_spans(plaintext, len(manifest.entries))[index]
    test = _EntryTest(manifest)
    item, files = _checked_piece(plaintext[start:end], entry, index, test)
    return test.entry(item, entry, files)


def _checked_piece(
    piece: bytes, entry: ManifestEntry, i: int, test: _EntryTest
) -> tuple[Any, tuple[LicensedFile, ...]]:
    """The ``i``-th entry's bytes, checked: what they parse to, and the files it carries.

    Its bytes are parsed alone, so nothing outside them changes how they
    are read, and only once they hash to what the licensor signed.
    """
    if not hmac.compare_digest(hashlib.sha256(piece).hexdigest(), entry.sha256):
        raise Malformed(f"Content entry {entry.id} does not match the hash the licensor signed.")
    # orjson is enough here: the entry is accepted only if writing back
    # what was parsed gives exactly its bytes, so a duplicate key, another
    # spelling or whitespace cannot pass; and the entry's test admits only
    # the plain values for which orjson writes RFC 8785 (fixed ASCII keys, a
    # bounded integer version, strings, null for an origin not recorded).
    # Absurd nesting is a clean error.
    try:
        item = orjson.loads(piece)
    except orjson.JSONDecodeError as exc:
        raise Malformed("The decrypted content is not valid JSON.") from exc
    files = test.check(item, entry, i)
    _check_canonical(item, piece)
    return item, files


class _EntryTest:
    """The test of a payload entry against its manifest entry, with what it needs worked out
    once per payload: ``payload_entries`` runs it on every entry, ``payload_entry`` on one, so
    reading one entry checks it exactly as reading all of them does."""

    __slots__ = ("keyset", "notice", "version", "with_files", "with_origin")

    def __init__(self, manifest: Manifest) -> None:
        m = manifest
        self.version = m.version
        self.keyset = _PAYLOAD_KEYSETS[m.version]
        self.with_origin = m.version >= ORIGIN_VERSION
        self.with_files = m.version >= FILES_VERSION
        self.notice = notice_text(m.licensor.name, m.licensee.name, m.license_id, m.expires_at)

    def check(self, item: Any, entry: ManifestEntry, i: int) -> tuple[LicensedFile, ...]:
        """The files ``item`` carries, if it is the ``i``-th ``entry`` and each file is the one
        signed; ``Malformed`` naming the problem if not."""
        notice = self.notice
        with_origin = self.with_origin
        with_files = self.with_files
        # One fast test per entry; the slow one only to name the problem.
        if not (
            type(item) is dict
            and item.keys() == self.keyset
            and item["id"] == entry.id
            and type(item["version"]) is int
            and item["version"] == entry.version
            and item["kind"] == entry.kind
            and item["title"] == entry.title
            and item["notice"] == notice
            and type(body := item["body"]) is str
            and len(body) <= MAX_BODY
            and not _unsafe_in_body(body)
            and type(tags := item["tags"]) is list
            and len(tags) <= MAX_TAGS
            and all(type(t) is str and 1 <= len(t) <= MAX_TAG and is_safe_line(t) for t in tags)
            and (not with_origin or _origin_ok(item["origin"]))
            and (not with_files or _files_ok(item["files"]))
        ):
            _payload_problem(item, entry, i, notice, self.version)
        return _carried(item["files"], entry) if with_files else ()

    def entry(self, item: Any, entry: ManifestEntry, files: tuple[LicensedFile, ...]) -> LicensedEntry:
        """The licensed entry ``item`` is, once ``check`` has passed it and its ``files``."""
        origin = _origin_of(item["origin"]) if self.with_origin else None
        return LicensedEntry(
            entry.id,
            entry.version,
            entry.kind,
            entry.title,
            item["body"],
            tuple(item["tags"]),
            self.notice,
            origin,
            files,
        )


def _check_canonical(value: Any, text: bytes) -> None:
    """Refuse ``text`` unless it is the one RFC 8785 spelling of ``value``, parsed from it."""
    try:
        canonical_form = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError as exc:
        raise Malformed("The decrypted content cannot be canonicalised.") from exc
    if canonical_form != text:
        raise Malformed("The decrypted content is not in canonical form (RFC 8785).")


def _carried(value: list[str], entry: ManifestEntry) -> tuple[LicensedFile, ...]:
    """The files a payload entry carries, each the size and SHA-256 its manifest entry lists.

    Only after ``check_payload_body``'s rules: ``value`` is a list of strings.
    """
    listed = entry.files
    if len(value) != len(listed):
        raise Malformed(
            f"Content entry {entry.id} carries {len(value)} files; the manifest lists {len(listed)}."
        )
    carried: list[LicensedFile] = []
    for j, (text, f) in enumerate(zip(value, listed, strict=True), start=1):
        where = f"Content entry {entry.id}: file {j}"
        # Base64 is four characters per three bytes: a longer string cannot be the size listed.
        if len(text) != 4 * ((f.size + 2) // 3):
            raise Malformed(f"{where} is not the size the licensor signed.")
        try:
            data = base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise Malformed(f"{where} is not base64.") from exc
        # One spelling per file: stray bits in the padding would make a second one.
        if len(data) != f.size or base64.b64encode(data).decode("ascii") != text:
            raise Malformed(f"{where} is not canonical base64 of the size signed.")
        if not hmac.compare_digest(hashlib.sha256(data).hexdigest(), f.sha256):
            raise Malformed(f"{where} does not match the hash the licensor signed.")
        carried.append(LicensedFile(f.name, f.media_type, data))
    return tuple(carried)


def _payload_problem(item: object, entry: ManifestEntry, i: int, notice: str, version: int) -> None:
    """Raise the reason a payload entry failed the fast test."""
    check_payload_body(item, f"entries[{i}]", version)
    assert isinstance(item, dict)
    if (item["id"], item["version"], item["kind"], item["title"]) != (
        entry.id,
        entry.version,
        entry.kind,
        entry.title,
    ) or type(item["version"]) is not int:
        raise Malformed(f"Content entry {i} is not the entry the manifest lists there ({entry.id}).")
    if item["notice"] != notice:
        raise Malformed(f"Content entry {entry.id} does not carry this license's notice.")
    raise Malformed(f"Content entry {entry.id} is not valid.")  # pragma: no cover - the fast test agrees


def entry_digests(plaintext: bytes, count: int) -> list[str]:
    """The hex SHA-256 of each entry's bytes, cut out of a canonical payload."""
    view = memoryview(plaintext)  # slices of a view copy nothing: the payload can be a gigabyte
    return [hashlib.sha256(view[start:end]).hexdigest() for start, end in _entry_spans(plaintext, count)]


def _entry_spans(plaintext: bytes, count: int) -> list[tuple[int, int]]:
    """Where each entry's bytes lie in a canonical payload: ``plaintext[start:end]``, exactly.

    In canonical form ``,{"body":`` occurs only between two entries: inside a
    string every ``"`` is escaped, an entry's one nested object, its
    origin, follows a colon and starts with ``{"kind":``, and its files are
    a list of base64 strings. So an entry starts after the payload's head or
    after such a comma, and ends at the next one or at the payload's tail:
    found without copying or encoding anything again. In a payload that is
    not canonical the pieces found are not canonical entries, or not as
    many as the manifest lists, and the checks of each entry refuse them.
    """
    if not (plaintext.startswith(_PAYLOAD_HEAD) and plaintext.endswith(_PAYLOAD_TAIL)):
        raise Malformed('The decrypted content is not {"entries": [...]}.')
    find = plaintext.find
    start, last = len(_PAYLOAD_HEAD), len(plaintext) - len(_PAYLOAD_TAIL)
    spans: list[tuple[int, int]] = []
    while (joint := find(_ENTRY_JOINT, start, last)) != -1 and len(spans) < count:
        spans.append((start, joint))
        start = joint + 1  # the entry begins at the brace after the comma
    spans.append((start, last))
    if len(spans) != count:
        raise Malformed("The decrypted content does not split into the manifest's entries.")
    return spans


def check_payload_body(item: object, where: str, version: int) -> None:
    """The parts of a payload entry the manifest does not list: body, tags, notice, origin.

    ``version`` is the manifest's: it says whether the entry has an origin.
    """
    with_origin = version >= ORIGIN_VERSION
    with_files = version >= FILES_VERSION
    if (
        type(item) is dict
        and item.keys() == _PAYLOAD_KEYSETS[version]
        and type(body := item["body"]) is str
        and len(body) <= MAX_BODY
        and not _unsafe_in_body(body)
        and type(notice := item["notice"]) is str
        and len(notice) <= MAX_NOTICE
        and is_safe_line(notice)
        and type(tags := item["tags"]) is list
        and len(tags) <= MAX_TAGS
        and all(type(t) is str and 1 <= len(t) <= MAX_TAG and is_safe_line(t) for t in tags)
        and (not with_origin or _origin_ok(item["origin"]))
        and (not with_files or _files_ok(item["files"]))
    ):
        return
    where = f"content.{where}"
    e = expect_keys(item, _PAYLOAD_ENTRY_KEYS[version], where)
    expect_text(e["body"], f"{where}.body", MAX_BODY, BODY)
    expect_text(e["notice"], f"{where}.notice", MAX_NOTICE)
    if with_origin:
        _origin_problem(e["origin"], f"{where}.origin")
    if with_files and not _files_ok(e["files"]):
        raise Malformed(f"Field {where}.files: expected a list of base64 strings.")
    tags = e["tags"]
    if isinstance(tags, list):
        for j, tag in enumerate(tags):
            if isinstance(tag, str) and 1 <= len(tag) <= MAX_TAG:
                expect_text(tag, f"{where}.tags[{j}]", MAX_TAG)
    raise Malformed(f"Field {where}.tags: expected at most {MAX_TAGS} tags of 1 to {MAX_TAG} characters.")


def _files_ok(value: object) -> bool:
    return type(value) is list and all(type(text) is str for text in value)


def _origin_problem(value: object, where: str) -> None:
    """Raise the reason an origin failed ``_origin_ok``; nothing if it passes."""
    if _origin_ok(value):
        return
    origin = expect_keys(value, ("kind", "name"), where)
    kind, name = origin["kind"], origin["name"]
    if kind == OriginKind.OWN.value:
        raise Malformed(f"Field {where}.name: expected an empty string for own experience.")
    if not isinstance(kind, str) or kind not in _NAMED_ORIGINS:
        raise Malformed(f"Field {where}.kind: expected own, organisation or public.")
    expect_text(name, f"{where}.name", MAX_ORIGIN_NAME)
    raise Malformed(f"Field {where}.name: expected 1 to {MAX_ORIGIN_NAME} characters.")
