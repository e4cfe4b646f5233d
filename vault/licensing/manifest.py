"""The signed manifest: what a license says, checked before anything is believed.

``parse_manifest`` is steps 3 and 4 of ``package.py``'s reading order: the
licensor's signature is verified over the exact bytes before the JSON parser
sees them, then the bytes must be their own RFC 8785 form and match the schema
exactly. The byte layout is ``docs/format.md``, "The manifest". Every name,
title and terms field a person will read refuses control, format and
separator characters (``vault.text``): a terminal escape, a zero-width space
beside a known name, a bidi override reversing the notice.

A version 3 manifest lists, on every entry, the files carried with it
(``docs/format.md``, "Attachments"): name, media type, size and the SHA-256
of the exact bytes carried, within limits on their count and total size
checked here, before anything is decrypted (memory exhaustion), so the
licensor's signature covers exactly which files left and the payload
(``vault.licensing.payload``) is held to them.
"""

from __future__ import annotations

import hmac
import re
from dataclasses import dataclass
from typing import Any

import orjson

from knowhold.vault.errors import InvalidValue, Malformed
from knowhold.vault.knowledge.entries import MAX_TITLE
from knowhold.vault.licensing import sshsig
from knowhold.vault.licensing.canonical import parse_canonical
from knowhold.vault.licensing.identity import PublicIdentity
from knowhold.vault.licensing.terms import (
    Revocation,
    Terms,
    expect_bool,
    expect_int,
    expect_keys,
    expect_text,
)
from knowhold.vault.text import is_safe_line
from knowhold.vault.timefmt import MAX_TIME, parse_strict_time

FORMAT = "knowhold-license"
# The newest manifest version this Knowhold reads. Version 2 differs from 1
# only in the payload: each entry carries its origin (vault.licensing.payload,
# which picks the lowest version that holds the entries). Version 3 adds the
# files carried with each entry, listed here and carried in the payload.
# Version 4 is version 3 whose terms ask for usage reports (terms.usage_report).
VERSION = 4
FILES_VERSION = 3  # the first manifest version whose entries list files
USAGE_VERSION = 4  # the first (and only) manifest version whose terms carry usage_report
MAX_FILES = 1_000  # files in one package, all entries together
MAX_FILE_BYTES = 25 * 1024 * 1024  # one file: the vault's own attachment limit
MAX_FILES_BYTES = 64 * 1024 * 1024  # every file of one package together (see docs/format.md)
MAX_FILE_NAME = 255
MAX_MANIFEST = 8 * 1024 * 1024
MAX_SIGNATURE = 2 * 1024
MAX_ENTRIES = 100_000
MAX_SAFE_INT = 2**53 - 1  # RFC 8785 (I-JSON) writes no larger integer exactly
_MANIFEST_KEYS = (
    "content",
    "entries",
    "expires_at",
    "format",
    "issued_at",
    "license_id",
    "licensee",
    "licensor",
    "not_before",
    "revocation",
    "terms",
    "version",
)
_ENTRY_KEYS = ("id", "kind", "sha256", "title", "version")
_FILES_ENTRY_KEYS = ("files", "id", "kind", "sha256", "title", "version")
_ENTRY_KEYSET = frozenset(_ENTRY_KEYS)
_FILE_KEYS = ("media_type", "name", "sha256", "size")
_FILE_KEYSET = frozenset(_FILE_KEYS)
_MEDIA_TYPE = re.compile(r"[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}")
_LICENSE_ID = re.compile(r"[0-9a-f]{32}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_ENTRY_ID = re.compile(r"[0-9a-z][0-9a-z-]{0,63}")
_KIND = re.compile(r"[a-z][a-z0-9-]{0,31}")


@dataclass(frozen=True, slots=True)
class ManifestFile:
    """A file carried with an entry, as the signed manifest lists it."""

    name: str
    media_type: str
    size: int  # bytes
    sha256: str  # hex SHA-256 of the bytes carried

    def to_json(self) -> dict[str, str | int]:
        return {"media_type": self.media_type, "name": self.name, "sha256": self.sha256, "size": self.size}


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    id: str
    version: int
    kind: str
    title: str
    sha256: str  # hex SHA-256 of the entry's canonical payload object
    files: tuple[ManifestFile, ...] = ()  # version 3 only


@dataclass(frozen=True, slots=True)
class Manifest:
    license_id: str
    licensor: PublicIdentity
    licensee: PublicIdentity
    issued_at: int
    not_before: int
    expires_at: int
    entries: tuple[ManifestEntry, ...]
    terms: Terms
    revocation: Revocation
    redacted: bool
    sensitive_included: bool
    version: int = 1  # which payload entries to expect (vault.licensing.payload)


def parse_manifest(manifest_bytes: bytes, signature: str) -> Manifest:
    """A signed manifest on its own: the licensor's signature, canonical form, the schema.

    The same checks, in the same order, as ``parse_package`` applies to a
    package's first two sections (it calls this): for a manifest kept apart
    from its package, such as in the received library, where it is checked
    again on every use. Raises ``Malformed``.
    """
    if len(manifest_bytes) > MAX_MANIFEST:
        raise Malformed(f"The manifest is larger than allowed ({MAX_MANIFEST} bytes).")
    if len(signature) > MAX_SIGNATURE or not signature.isascii():
        raise Malformed("The manifest signature is not an armored SSH signature.")
    # One spelling, by the rule cards, status documents and receipts follow too.
    problem = sshsig.armor_problem(signature)
    if problem is not None:
        raise Malformed(f"The manifest's signature is not in OpenSSH's armored form: it {problem}.")
    # Verify first, parse after: the key is the one the signature names.
    signer = sshsig.signer_of(signature)
    try:
        sshsig.verify(signer, sshsig.NS_MANIFEST, manifest_bytes, signature)
    except Malformed as exc:
        raise Malformed("The manifest's signature is not valid: the package was altered.") from exc
    manifest = manifest_from_json(_canonical_document(manifest_bytes))
    if not hmac.compare_digest(manifest.licensor.signing_key, signer):
        raise Malformed("The manifest is signed by a key that is not its licensor's.")
    return manifest


def _canonical_document(data: bytes) -> Any:
    """The signed manifest's JSON, accepted only if ``data`` is its RFC 8785 form.

    Fast path: orjson parses and writes back; equal bytes mean canonical,
    since a dropped duplicate key, another spelling or whitespace would all
    change them. That holds only for the plain values ``vault.canonical``
    describes (ASCII keys, integers within ±(2^53 - 1), no floats), and the
    schema that follows admits nothing else: every object there has a fixed
    set of ASCII keys and every number a bounded integer, so a document
    that passes here but is not plain (a float, a huge integer, a non-ASCII
    key) is refused by the schema. Anything else (a difference, or
    ``extensions``, whose keys may be any Unicode and whose values any JSON)
    is decided by ``canonical.parse_canonical``, which also names the reason.
    """
    document: Any = None
    try:
        document = orjson.loads(data)
        fast = type(document) is dict and "extensions" not in document
        fast = fast and orjson.dumps(document, option=orjson.OPT_SORT_KEYS) == data
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        fast = False
    return document if fast else parse_canonical(data, MAX_MANIFEST)


def _time(value: object, where: str) -> int:
    if isinstance(value, str):
        try:
            return parse_strict_time(value)
        except InvalidValue as exc:
            raise Malformed(f"Field {where}: not a time (use YYYY-MM-DDTHH:MM:SSZ).") from exc
    return expect_int(value, where, 0, MAX_TIME)


def _party(value: object, where: str) -> PublicIdentity:
    try:
        return PublicIdentity.from_party(value)
    except Malformed as exc:
        raise Malformed(f"Field {where}: {exc}") from exc


def manifest_from_json(document: object) -> Manifest:
    if not isinstance(document, dict):
        raise Malformed("The manifest is not a JSON object.")
    if document.get("format") != FORMAT:
        raise Malformed("This is not a Knowhold license manifest.")
    version = document.get("version")
    if type(version) is int and version > VERSION:
        raise Malformed(
            f"This package was made by a newer Knowhold (format version {version}); please update to read it."
        )
    d = expect_keys(document, _MANIFEST_KEYS, "manifest", optional=("extensions",))
    version = expect_int(version, "version", 1, VERSION)
    if "extensions" in d and not isinstance(d["extensions"], dict):
        raise Malformed("Field extensions: expected an object.")
    license_id = d["license_id"]
    if not isinstance(license_id, str) or not _LICENSE_ID.fullmatch(license_id):
        raise Malformed("Field license_id: expected 32 lowercase hex characters.")
    issued_at = _time(d["issued_at"], "issued_at")
    not_before = _time(d["not_before"], "not_before")
    expires_at = _time(d["expires_at"], "expires_at")
    if not_before > expires_at:
        raise Malformed("The manifest's not_before is after its expires_at.")
    if issued_at > expires_at:
        raise Malformed("The manifest's issued_at is after its expires_at.")
    content = expect_keys(d["content"], ("redacted", "sensitive_included"), "content")
    terms = Terms.from_json(d["terms"])
    if (terms.usage_report is not None) != (version >= USAGE_VERSION):
        raise Malformed("Field terms.usage_report: present in every version 4 manifest, and only there.")
    return Manifest(
        license_id=license_id,
        licensor=_party(d["licensor"], "licensor"),
        licensee=_party(d["licensee"], "licensee"),
        issued_at=issued_at,
        not_before=not_before,
        expires_at=expires_at,
        entries=_manifest_entries(d["entries"], version),
        terms=terms,
        revocation=Revocation.from_json(d["revocation"]),
        redacted=expect_bool(content["redacted"], "content.redacted"),
        sensitive_included=expect_bool(content["sensitive_included"], "content.sensitive_included"),
        version=version,
    )


def _manifest_entries(value: object, version: int) -> tuple[ManifestEntry, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_ENTRIES:
        raise Malformed(f"Field entries: expected a list of 1 to {MAX_ENTRIES:,} entries.")
    with_files = version >= FILES_VERSION
    result: list[ManifestEntry] = []
    files = _Files()
    listed: tuple[ManifestFile, ...] = ()
    for i, item in enumerate(value):
        if with_files:  # the files first, then the entry's other keys as in version 1
            where = f"entries[{i}]"
            listed = files.take(expect_keys(item, _FILES_ENTRY_KEYS, where)["files"], where)
            item = {k: v for k, v in item.items() if k != "files"}
        # One fast test per entry (up to 100,000); the slow one only to name the problem.
        if (
            type(item) is dict
            and item.keys() == _ENTRY_KEYSET
            and type(entry_id := item["id"]) is str
            and _ENTRY_ID.fullmatch(entry_id)
            and type(kind := item["kind"]) is str
            and _KIND.fullmatch(kind)
            and type(sha := item["sha256"]) is str
            and _SHA256.fullmatch(sha)
            and type(title := item["title"]) is str
            and len(title) <= MAX_TITLE
            and is_safe_line(title)  # no escape, zero-width or bidi character (vault.text)
            and type(version := item["version"]) is int
            and 1 <= version <= MAX_SAFE_INT
        ):
            result.append(ManifestEntry(entry_id, version, kind, title, sha, listed))
        else:
            _entry_problem(item, f"entries[{i}]")
    if len({e.id for e in result}) != len(result):
        seen: set[str] = set()
        for e in result:
            if e.id in seen:
                raise Malformed(f"Field entries: entry {e.id!r} is listed twice.")
            seen.add(e.id)
    return tuple(result)


def _entry_problem(item: object, where: str) -> None:
    """Raise the reason a manifest entry failed the fast test."""
    e = expect_keys(item, _ENTRY_KEYS, where)
    if not isinstance(e["id"], str) or not _ENTRY_ID.fullmatch(e["id"]):
        raise Malformed(f"Field {where}.id: not an entry id.")
    if not isinstance(e["kind"], str) or not _KIND.fullmatch(e["kind"]):
        raise Malformed(f"Field {where}.kind: not an entry kind.")
    if not isinstance(e["sha256"], str) or not _SHA256.fullmatch(e["sha256"]):
        raise Malformed(f"Field {where}.sha256: expected 64 lowercase hex characters.")
    expect_text(e["title"], f"{where}.title", MAX_TITLE)
    expect_int(e["version"], f"{where}.version", 1, MAX_SAFE_INT)
    raise Malformed(f"Field {where}: not a valid entry.")  # pragma: no cover - the fast test agrees


class _Files:
    """The files of a version 3 manifest's entries, counted against the package's limits."""

    def __init__(self) -> None:
        self.count = 0
        self.total = 0

    def take(self, listed: object, where: str) -> tuple[ManifestFile, ...]:
        if not isinstance(listed, list):
            raise Malformed(f"Field {where}.files: expected a list.")
        if self.count + len(listed) > MAX_FILES:
            raise Malformed(f"Field entries: more than {MAX_FILES:,} files in one package.")
        files = tuple(_manifest_file(f, f"{where}.files[{j}]") for j, f in enumerate(listed))
        if len({f.name for f in files}) != len(files):
            raise Malformed(f"Field {where}.files: a file name is listed twice.")
        self.count += len(files)
        self.total += sum(f.size for f in files)
        if self.total > MAX_FILES_BYTES:
            raise Malformed(f"Field entries: the files are larger than {MAX_FILES_BYTES >> 20} MiB together.")
        return files


def _manifest_file(value: object, where: str) -> ManifestFile:
    f = expect_keys(value, _FILE_KEYS, where)
    name, media_type, sha = f["name"], f["media_type"], f["sha256"]
    expect_text(name, f"{where}.name", MAX_FILE_NAME)
    if not name or name in (".", "..") or "/" in name or "\\" in name:
        raise Malformed(f"Field {where}.name: expected a file name without folders.")
    if not isinstance(media_type, str) or not _MEDIA_TYPE.fullmatch(media_type):
        raise Malformed(f"Field {where}.media_type: expected a media type such as image/png.")
    if not isinstance(sha, str) or not _SHA256.fullmatch(sha):
        raise Malformed(f"Field {where}.sha256: expected 64 lowercase hex characters.")
    size = expect_int(f["size"], f"{where}.size", 0, MAX_FILE_BYTES)
    return ManifestFile(name, media_type, size, sha)
