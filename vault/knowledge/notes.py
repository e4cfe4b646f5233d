"""A Markdown note as a file: front matter and body, read and written.

Pure functions (no vault, no files), so they can be fuzzed; import and
export (``vault.porting``) use them.

* Front matter is a YAML block between a first line ``---`` and the next
  line ``---`` (or ``...``); without a closing line the file has none. It is
  read with ``yaml.safe_load`` only (no object construction from the file)
  and only up to 64 KiB, so a crafted block cannot run code or exhaust
  memory; any YAML error makes the file *skipped*, never the import fatal.
* Title: front matter ``title``, else the first ``# heading``, else the file
  name. The body is kept exactly as written after the front matter: the
  heading line stays in it. Nothing the user wrote is dropped or rewritten.
* Kind: front matter ``kind`` when it is one of ``vault.schema.KINDS``,
  else ``note``. Tags: front matter ``tags`` (a list, or a comma/space
  separated string) plus inline ``#tags`` in the body (Unicode such as
  ``#复盘``, nested such as ``#work/sales``), except inside fenced code,
  inline code, headings' ``#`` marks and URL fragments: a tag must start a
  word and contain a letter, so ``#123``, ``C#`` and ``page#frag`` are not.
* Origin: front matter ``origin`` in the command line's text form
  (``own``, ``org:Acme Ltd``, ``public:RFC 9110``; ``vault.knowledge.origin``).
  Another tool may use the same key for something else (a web clipper's
  page address), so in a file that is not a Knowhold export an origin that
  does not read as one is ignored, like a date in another tool's format.
* A file with a valid Knowhold ``id`` in its front matter is a Knowhold
  export: its front matter is authoritative (tags, private, origin, created
  and updated times), and inline ``#words`` in its body are not added as
  tags, so export followed by import changes nothing.

Writing (``format_markdown``): YAML front matter with the entry's id, title,
kind, tags, private flag, origin (when one is recorded) and times
(``YYYY-MM-DDTHH:MM:SSZ``), then the body exactly as stored, so
``parse_markdown`` reads back the same entry.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

import yaml

from knowhold.vault.errors import InvalidValue
from knowhold.vault.knowledge.entries import ID_ALPHABET, ID_LENGTH, MAX_TITLE, Entry, normalise_tag
from knowhold.vault.knowledge.origin import Origin, format_origin, parse_origin
from knowhold.vault.store.schema import KINDS
from knowhold.vault.text import BODY, LINE, refuse_unsafe

MAX_FRONT_MATTER_CHARS = 64 * 1024
_YAML_ERRORS = (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError)


@dataclass(frozen=True, slots=True)
class ParsedNote:
    title: str
    kind: str
    tags: tuple[str, ...]
    body: str
    private: bool = False
    entry_id: str | None = None
    created_at: int | None = None
    updated_at: int | None = None
    origin: Origin | None = None


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")
_INLINE_TAG = re.compile(r"(?<!\S)#([\w/-]+)")
_HEADING = re.compile(r"^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SPLIT_TAGS = re.compile(r"[\s,]+")


def _prose_lines(body: str) -> Iterable[str]:
    """The body's lines outside fenced code blocks."""
    fence: str | None = None
    for line in body.splitlines():
        match = _FENCE.match(line)
        if fence is None:
            if match:
                fence = match.group(1)
            else:
                yield line
        elif match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
            fence = None


def inline_tags(body: str) -> tuple[str, ...]:
    """``#tags`` written in the body, normalised; words that are not tags are ignored."""
    found: set[str] = set()
    for line in _prose_lines(body):
        for raw in _INLINE_TAG.findall(_INLINE_CODE.sub(" ", line)):
            tag = raw.rstrip("/")
            if not any(ch.isalpha() for ch in tag):
                continue
            with contextlib.suppress(InvalidValue):
                found.add(normalise_tag(tag))
    return tuple(sorted(found))


def _heading_title(body: str) -> str | None:
    for line in _prose_lines(body):
        match = _HEADING.match(line)
        if match and match.group(1).strip():
            return match.group(1)
    return None


def _split_front_matter(text: str) -> tuple[str | None, str]:
    """``(yaml text or None, body)``; the body is returned byte for byte."""
    first_end = text.find("\n")
    if first_end < 0 or text[:first_end].rstrip(" \t\r") != "---":
        return None, text
    start = pos = first_end + 1
    while pos <= len(text):
        end = text.find("\n", pos)
        line_end = len(text) if end < 0 else end
        if text[pos:line_end].rstrip(" \t\r") in ("---", "..."):
            if pos - start > MAX_FRONT_MATTER_CHARS:
                raise InvalidValue("The front matter is larger than 64 KiB.")
            return text[start:pos], "" if end < 0 else text[end + 1 :]
        if end < 0:
            break
        pos = end + 1
    return None, text  # no closing line: a leading thematic break, not front matter


def _parse_time(value: object) -> int:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError as exc:
            raise InvalidValue(f"{value!r} is not an ISO 8601 time.") from exc
    else:
        raise InvalidValue("A time in the front matter is not a date.")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def _front_matter_tags(value: object) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    tags: list[str] = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, str | int):
            raise InvalidValue("Front matter tags must be words.")
        tags.extend(normalise_tag(t) for t in _SPLIT_TAGS.split(str(item)) if t.strip("#"))
    return tags


def _front_matter_origin(value: object, ours: bool) -> Origin | None:
    """The ``origin`` a file states; in a file Knowhold did not write, ``None`` if it is not one."""
    try:
        if value is None:
            return None
        if not isinstance(value, str):
            raise InvalidValue("The front matter 'origin' is not text.")
        return parse_origin(value)
    except InvalidValue:
        if ours:  # we wrote it, so a bad one means a damaged file
            raise
        return None


def _is_entry_id(value: object) -> bool:
    return isinstance(value, str) and len(value) == ID_LENGTH and all(ch in ID_ALPHABET for ch in value)


def _clean_title(title: str) -> str:
    return " ".join(title.split())[:MAX_TITLE].strip()


def parse_markdown(text: str, fallback_title: str) -> ParsedNote:
    """Read one Markdown document; raises only ``InvalidValue``: ``UnsafeText`` when
    the title, a tag or the body holds a character ``vault.text`` refuses (an
    escape sequence, a zero-width space), plain ``InvalidValue`` for bad front matter.
    """
    raw, body = _split_front_matter(text)
    meta: object = {}
    if raw is not None:
        try:
            meta = yaml.safe_load(raw)
        except _YAML_ERRORS as exc:
            raise InvalidValue("The front matter is not valid YAML.") from exc
        if meta is None:
            meta = {}
    if not isinstance(meta, dict):
        raise InvalidValue("The front matter is not a set of key: value lines.")

    entry_id = meta.get("id") if _is_entry_id(meta.get("id")) else None
    title_value = meta.get("title")
    if isinstance(title_value, bool) or not isinstance(title_value, str | int | float | None):
        raise InvalidValue("The front matter title is not text.")
    title = _clean_title(str(title_value)) if title_value is not None else ""
    if not title:
        # A file name is no one's text: its invisible characters are dropped, not refused.
        fallback = _clean_title(LINE.refused.sub(" ", fallback_title))
        title = _clean_title(_heading_title(body) or "") or fallback or "Untitled"
    refuse_unsafe(title, "The title")
    refuse_unsafe(body, "The text", BODY)
    kind_value = meta.get("kind")
    kind = kind_value.strip().lower() if isinstance(kind_value, str) else ""
    kind = kind if kind in KINDS else "note"
    private = meta.get("private", False)
    if private is None:
        private = False
    if not isinstance(private, bool):
        raise InvalidValue("The front matter 'private' is not true or false.")

    tags = set(_front_matter_tags(meta.get("tags")))
    if entry_id is None:
        tags.update(inline_tags(body))

    times: list[int | None] = []
    for key in ("created", "updated"):
        value = meta.get(key)
        try:
            times.append(None if value is None else _parse_time(value))
        except InvalidValue:
            if entry_id is not None:  # we wrote these, so a bad one means a damaged file
                raise
            times.append(None)  # another tool's own date format: not ours to judge
    created, updated = times
    if created is not None and updated is not None:
        updated = max(created, updated)
    origin = _front_matter_origin(meta.get("origin"), entry_id is not None)
    return ParsedNote(title, kind, tuple(sorted(tags)), body, private, entry_id, created, updated, origin)


def _iso(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def format_markdown(entry: Entry) -> str:
    """The exported form of ``entry``; ``parse_markdown`` reads it back exactly."""
    meta = {
        "id": entry.id,
        "title": entry.title,
        "kind": entry.kind,
        "tags": list(entry.tags),
        "private": entry.private,
        **({} if entry.origin is None else {"origin": format_origin(entry.origin)}),
        "created": _iso(entry.created_at),
        "updated": _iso(entry.updated_at),
    }
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1 << 30)
    return "---\n" + front + "---\n" + entry.body


def decode_text(data: bytes) -> str | None:
    """UTF-8 (BOM optional) or UTF-16 with a BOM; ``None`` for anything else."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            text = data[len(codecs.BOM_UTF8) :].decode("utf-8")
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        elif b"\x00" in data:
            return None
        else:
            text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text
