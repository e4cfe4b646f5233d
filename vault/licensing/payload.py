"""The payload's plaintext: licensed entries as canonical JSON, and their digests.

No cryptography here: ``package.py`` seals and opens the bytes this module
writes and checks. Every entry read back must be canonical, in the manifest's
order, and hash to the SHA-256 the licensor signed (compared in constant time),
and hold no character ``vault.text`` refuses (bodies: no control character but
tab, CR and LF; tags and the notice: no control, format or separator character).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

import orjson

from knowhold.vault.errors import Malformed
from knowhold.vault.knowledge.entries import MAX_BODY, MAX_TAG, MAX_TAGS
from knowhold.vault.licensing.manifest import Manifest, ManifestEntry
from knowhold.vault.licensing.terms import expect_keys, expect_text
from knowhold.vault.text import BODY, is_safe_line
from knowhold.vault.timefmt import format_time

MAX_NOTICE = 2_000
_PAYLOAD_ENTRY_KEYS = ("body", "id", "kind", "notice", "tags", "title", "version")
_PAYLOAD_KEYSET = frozenset(_PAYLOAD_ENTRY_KEYS)
_PAYLOAD_HEAD = b'{"entries":['
_PAYLOAD_TAIL = b"]}"
_ENTRY_JOINT = b',{"body":'
_ENTRY_HEAD_HASH = hashlib.sha256(b'{"body":')
# What the licensee will read holds no terminal escape; tags and the notice no
# zero-width or bidi character either (vault.text). Bodies keep tab, CR and LF.
_unsafe_in_body = BODY.refused.search


@dataclass(frozen=True, slots=True)
class LicensedEntry:
    id: str
    version: int
    kind: str
    title: str
    body: str
    tags: tuple[str, ...]
    notice: str = ""  # build_package writes the notice itself; see notice_text


def notice_text(licensor: str, licensee: str, license_id: str, expires_at: int) -> str:
    """The visible notice every licensed entry carries (``docs/format.md``)."""
    return (
        f"Licensed by {licensor} to {licensee} under Knowhold license {license_id}, "
        f"until {format_time(expires_at)[:10]} (UTC). Not for use after that date or after revocation."
    )


def payload_entries(plaintext: bytes, manifest: Manifest, *, keep: bool) -> list[LicensedEntry]:
    """Check the decrypted payload against the manifest; the entries (``keep``), or ``[]``."""
    # orjson is enough here: the payload is accepted only if writing back
    # what was parsed gives exactly its bytes, so a duplicate key, another
    # spelling or whitespace cannot pass; and the checks below admit only the
    # plain values for which orjson writes RFC 8785 (fixed ASCII keys, a
    # bounded integer version, strings). Absurd nesting is a clean error.
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
    m = manifest
    notice = notice_text(m.licensor.name, m.licensee.name, m.license_id, m.expires_at)
    result: list[LicensedEntry] = []
    append = result.append
    for i, (item, entry) in enumerate(zip(items, listed, strict=True)):
        # One fast test per entry; the slow one only to name the problem.
        if not (
            type(item) is dict
            and item.keys() == _PAYLOAD_KEYSET
            and item["id"] == entry.id
            and type(version := item["version"]) is int
            and version == entry.version
            and item["kind"] == entry.kind
            and item["title"] == entry.title
            and item["notice"] == notice
            and type(body := item["body"]) is str
            and len(body) <= MAX_BODY
            and not _unsafe_in_body(body)
            and type(tags := item["tags"]) is list
            and len(tags) <= MAX_TAGS
            and all(type(t) is str and 1 <= len(t) <= MAX_TAG and is_safe_line(t) for t in tags)
        ):
            _payload_problem(item, entry, i, notice)
        if keep:
            append(LicensedEntry(entry.id, version, entry.kind, entry.title, body, tuple(tags), notice))
    try:
        canonical_form = orjson.dumps(document, option=orjson.OPT_SORT_KEYS)
    except orjson.JSONEncodeError as exc:
        raise Malformed("The decrypted content cannot be canonicalised.") from exc
    if canonical_form != plaintext:
        raise Malformed("The decrypted content is not in canonical form (RFC 8785).")
    for entry, digest in zip(listed, entry_digests(plaintext, len(listed)), strict=True):
        if not hmac.compare_digest(digest, entry.sha256):
            raise Malformed(f"Content entry {entry.id} does not match the hash the licensor signed.")
    return result


def _payload_problem(item: object, entry: ManifestEntry, i: int, notice: str) -> None:
    """Raise the reason a payload entry failed the fast test."""
    check_payload_body(item, f"entries[{i}]")
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
    """The hex SHA-256 of each entry's bytes, cut out of a canonical payload.

    In canonical form ``,{"body":`` occurs only between two entries: inside a
    string every ``"`` is escaped, and entries hold no nested objects. So
    splitting there yields each entry's exact bytes without encoding anything
    again (the first piece whole, the others without that ``{"body":``).
    """
    pieces = plaintext[len(_PAYLOAD_HEAD) : -len(_PAYLOAD_TAIL)].split(_ENTRY_JOINT)
    if len(pieces) != count:
        raise Malformed("The decrypted content does not split into the manifest's entries.")
    head = _ENTRY_HEAD_HASH
    digests = [hashlib.sha256(pieces[0]).hexdigest()]
    for piece in pieces[1:]:
        digest = head.copy()
        digest.update(piece)
        digests.append(digest.hexdigest())
    return digests


def check_payload_body(item: object, where: str) -> None:
    """The parts of a payload entry the manifest does not list: body, tags, notice."""
    if (
        type(item) is dict
        and item.keys() == _PAYLOAD_KEYSET
        and type(body := item["body"]) is str
        and len(body) <= MAX_BODY
        and not _unsafe_in_body(body)
        and type(notice := item["notice"]) is str
        and len(notice) <= MAX_NOTICE
        and is_safe_line(notice)
        and type(tags := item["tags"]) is list
        and len(tags) <= MAX_TAGS
        and all(type(t) is str and 1 <= len(t) <= MAX_TAG and is_safe_line(t) for t in tags)
    ):
        return
    where = f"content.{where}"
    e = expect_keys(item, _PAYLOAD_ENTRY_KEYS, where)
    expect_text(e["body"], f"{where}.body", MAX_BODY, BODY)
    expect_text(e["notice"], f"{where}.notice", MAX_NOTICE)
    tags = e["tags"]
    if isinstance(tags, list):
        for j, tag in enumerate(tags):
            if isinstance(tag, str) and 1 <= len(tag) <= MAX_TAG:
                expect_text(tag, f"{where}.tags[{j}]", MAX_TAG)
    raise Malformed(f"Field {where}.tags: expected at most {MAX_TAGS} tags of 1 to {MAX_TAG} characters.")
