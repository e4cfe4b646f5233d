"""A Markdown note as a file: front matter and body, read and written.

Pure functions (no vault, no files), so they can be fuzzed; import and
export (``vault.markdown_import``, ``vault.markdown_export``) use them.

* Front matter is a YAML block between a first line ``---`` and the next
  line ``---`` (or ``...``); without a closing line the file has none. It is
  read with a safe loader only (no object construction from the file)
  and only up to 64 KiB, so a crafted block cannot run code or exhaust
  memory; any YAML error makes the file *skipped*, never the import fatal.
* Title: front matter ``title``, else the file name, as Obsidian names a
  note: ``Home.md`` is ``Home`` whatever its first heading says, so
  ``[[Home]]`` still finds it. The body is kept exactly as written after
  the front matter. Nothing the user wrote is dropped or rewritten.
* Kind: front matter ``kind`` when it is one of ``vault.schema.KINDS``,
  else ``note``. Tags: front matter ``tags`` (a list, or a comma/space
  separated string) plus inline ``#tags`` in the body (Unicode such as
  ``#复盘``, nested such as ``#work/sales``), in the case they are written
  in; two spellings of one tag are one, the first (front matter first). The body is read as Markdown
  (markdown-it, CommonMark), so code is never a source of tags wherever it
  stands (fenced, indented, inline, inside a quote, a callout or a list
  item), nor is HTML (``style="color: #ff0000"``), an escaped ``\\#``,
  headings' ``#`` marks or URL fragments. A tag starts a word and holds a
  letter: Obsidian's rule ("at least one non-numerical character") with
  ``_``, ``-`` and ``/`` not counting, so ``#123``, ``C#`` and ``page#frag``
  are not tags; ``#ff0000`` in prose is one, as in Obsidian.
* A ``.txt`` file (``parse_plain_text``) has no front matter or heading
  convention: its title is the file name, its text is the body as written
  and nothing in it is read as a tag, so a ``---`` or ``#`` line stays text.
* Origin: front matter ``origin`` in the command line's text form
  (``own``, ``org:Acme Ltd``, ``public:RFC 9110``; ``vault.knowledge.origin``).
  Another tool may use the same key for something else (a web clipper's
  page address): a value that does not read as an origin and is not written
  in its words (``origin.in_origin_words``), or is not text at all, is that
  tool's, kept with the other keys below, and the note has no origin. One
  in its words that does not read (``org:`` without a name) is a damaged
  origin: refused in a Knowhold export, ignored in any other file (kept, it
  would be refused when its export comes back).
* A file with a valid Knowhold ``id`` in its front matter is a Knowhold
  export: its front matter is authoritative (tags, private, origin, created
  and updated times), and inline ``#words`` in its body are not added as
  tags, so export followed by import changes nothing.
* Every other front matter key (``aliases``, ``cssclasses``, ``permalink``,
  another tool's ``date``) is kept in ``ParsedNote.front_matter`` as
  canonical YAML, which ``format_markdown`` writes back after the vault's
  keys; another tool's ``origin`` with them, unless the entry has an origin
  of its own by then.

Reading bytes (``decode_text``): UTF-8 (a BOM is dropped) is the fast path
and the only one most files take; UTF-16 needs its BOM; bytes with NUL in
them are binary (images, PDFs) and never decoded. Anything else goes to a
detector (charset-normalizer, which scores each reading's mess), and a
reading is taken only when a wrong one would show:

* only the East Asian multi-byte encodings are taken: GB18030 (which holds
  GBK and GB2312), Big5, Shift-JIS (cp932), EUC-JP and EUC-KR (cp949). Each
  has a byte grammar, so a wrong reading fails or reads as mess;
* the reading must be clean (mess at most 10 %), and every other reading
  that differs must be at least 5 points messier. The single-byte Windows
  code pages and KOI8-R are put beside them for that comparison, so a file
  a code page reads as well is refused, not guessed (a short GBK line reads
  as cleanly in EUC-KR: too short to tell);
* a file that reads best as a single-byte code page (Windows-1252, Latin-1,
  Cyrillic...) is refused with its own reason. Every byte is a letter in
  every code page, so a wrong reading raises no error and scores no mess:
  measured, the detector scores French in Windows-1252 exactly as it scores
  the same bytes in Windows-1250 (``è`` read as ``č``), and read Polish in
  ISO 8859-2 as Windows-1250 with ``ś`` turned into ``¶``.

A wrong guess costs a note stored garbled without a word, searched wrongly,
perhaps licensed; a refusal costs saving the file as UTF-8 once, and the
import summary says so for each file. Refusing is the cheaper mistake.

Writing (``format_markdown``): YAML front matter with the entry's id, title
(unless the file's name gives it), kind, tags, private flag, origin (when
one is recorded) and times (``YYYY-MM-DDTHH:MM:SSZ``), then the keys import
kept, then the body exactly as stored, so ``parse_markdown`` reads back the
same entry from the same file name.
"""

from __future__ import annotations

import codecs
import contextlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

import yaml
from charset_normalizer import from_bytes
from markdown_it import MarkdownIt

from knowhold.vault.errors import InvalidValue
from knowhold.vault.knowledge.entries import ID_ALPHABET, ID_LENGTH, MAX_TITLE, Entry, clean_tag, one_spelling
from knowhold.vault.knowledge.origin import Origin, format_origin, in_origin_words, parse_origin
from knowhold.vault.store.schema import KINDS
from knowhold.vault.text import BODY, LINE, refuse_unsafe

MAX_FRONT_MATTER_CHARS = 64 * 1024
# libyaml's parser when PyYAML was built with it (its wheels are): the same safe
# constructor, about ten times faster, which an import of thousands of notes feels.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
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
    front_matter: str | None = None  # the keys the vault does not use, as ``_dump_yaml`` writes them


# The keys export writes; another tool's ``origin`` is kept all the same (``_front_matter_origin``).
_USED_KEYS = frozenset({"id", "title", "kind", "tags", "private", "origin", "created", "updated"})


_INLINE_TAG = re.compile(r"(?<!\S)#([\w/-]+)")
_SPLIT_TAGS = re.compile(r"[\s,]+")
# HTML on, so a colour in a style attribute is HTML, not text; text_join off, so an
# escaped "#" stays a token of its own.
_MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table").disable("text_join")


def _prose(body: str) -> Iterable[str]:
    """The body's text as Markdown reads it, one paragraph, heading or cell at a time.

    Code (fenced, indented, inline, in a quote or a list item) and HTML are left
    out; an escaped ``\\#`` or ``&#35;`` stays as written, so it starts no tag.
    """
    for token in _MARKDOWN.parse(body):
        if token.type != "inline" or not token.children:
            continue
        parts: list[str] = []
        for child in token.children:
            if child.type == "text":
                parts.append(child.content)
            elif child.type == "text_special":
                parts.append(child.markup)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append("\n")
            elif child.type in ("code_inline", "html_inline"):
                parts.append(" ")
        yield "".join(parts)


def inline_tags(body: str) -> tuple[str, ...]:
    """``#tags`` written in the body, as spelled; words that are not tags are ignored."""
    if not _INLINE_TAG.search(body):
        return ()  # most notes: no Markdown parse
    found: set[str] = set()
    for text in _prose(body):
        for raw in _INLINE_TAG.findall(text):
            tag = raw.rstrip("/")
            if not any(ch.isalpha() for ch in tag):
                continue
            with contextlib.suppress(InvalidValue):
                found.add(clean_tag(tag))
    return tuple(sorted(found))


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
        tags.extend(clean_tag(t) for t in _SPLIT_TAGS.split(str(item)) if t.strip("#"))
    return tags


def _front_matter_origin(value: object, ours: bool) -> tuple[Origin | None, bool]:
    """``(the origin a file states, whether the value is another tool's and kept as written)``.

    In a file Knowhold wrote, a damaged origin raises ``InvalidValue``; see the module docstring.
    """
    if not isinstance(value, str):
        return None, True
    try:
        return parse_origin(value), False
    except InvalidValue:
        if not in_origin_words(value):
            return None, True
        if ours:  # we wrote it, so a bad one means a damaged file
            raise
        return None, False


def _is_entry_id(value: object) -> bool:
    return isinstance(value, str) and len(value) == ID_LENGTH and all(ch in ID_ALPHABET for ch in value)


def _clean_title(title: str) -> str:
    return " ".join(title.split())[:MAX_TITLE].strip()


def _stem_title(file_stem: str) -> str:
    """The title a file name gives: a name is no one's text, so its invisible characters are dropped."""
    return _clean_title(LINE.refused.sub(" ", file_stem)) or "Untitled"


def parse_markdown(text: str, file_stem: str) -> ParsedNote:
    """Read one Markdown document; raises only ``InvalidValue``: ``UnsafeText`` when
    the title, a tag or the body holds a character ``vault.text`` refuses (an
    escape sequence, a zero-width space), plain ``InvalidValue`` for bad front matter.
    """
    raw, body = _split_front_matter(text)
    meta: object = {}
    if raw is not None:
        try:
            meta = yaml.load(raw, Loader=_SAFE_LOADER)
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
        title = _stem_title(file_stem)
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

    tags = _front_matter_tags(meta.get("tags"))
    if entry_id is None:
        tags += inline_tags(body)

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
    origin, foreign_origin = (None, False)
    if "origin" in meta:
        origin, foreign_origin = _front_matter_origin(meta["origin"], entry_id is not None)
    unused = {k: v for k, v in meta.items() if k not in _USED_KEYS or (k == "origin" and foreign_origin)}
    front_matter = _dump_yaml(unused) if unused else None
    return ParsedNote(
        title, kind, one_spelling(tags), body, private, entry_id, created, updated, origin, front_matter
    )


def parse_plain_text(text: str, file_stem: str) -> ParsedNote:
    """Read one ``.txt`` file: the file name is the title, the text the body, no tags.

    Raises ``UnsafeText`` as ``parse_markdown`` does.
    """
    title = _stem_title(file_stem)
    refuse_unsafe(text, "The text", BODY)
    return ParsedNote(title, "note", (), text)


def _iso(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _dump_yaml(meta: dict[Any, Any]) -> str:
    """Canonical YAML: what is loaded from it dumps to the same text, so round trips are byte-stable."""
    return yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1 << 30)


def format_markdown(entry: Entry, front_matter: str | None = None, file_stem: str | None = None) -> str:
    """The exported form of ``entry``; ``parse_markdown`` reads it back exactly.

    ``front_matter`` is the note's unused keys as import recorded them
    (``ParsedNote.front_matter``): written after the vault's own, in their
    order, unless the entry now has a key of that name itself. ``file_stem``
    is the name of the file it goes in: when that name gives the title, no
    ``title`` is written, so renaming the file renames the note, as in Obsidian.
    """
    meta: dict[Any, Any] = {
        "id": entry.id,
        **({} if file_stem is not None and _stem_title(file_stem) == entry.title else {"title": entry.title}),
        "kind": entry.kind,
        "tags": list(entry.tags),
        "private": entry.private,
        **({} if entry.origin is None else {"origin": format_origin(entry.origin)}),
        "created": _iso(entry.created_at),
        "updated": _iso(entry.updated_at),
    }
    if front_matter is not None:
        kept = yaml.safe_load(front_matter)
        if isinstance(kept, dict):
            meta.update((key, value) for key, value in kept.items() if key not in meta)
    return "---\n" + _dump_yaml(meta) + "---\n" + entry.body


class Undecodable(Enum):
    """Why ``decode_text`` read no text from some bytes."""

    BINARY = "binary"  # NUL bytes, or no encoding reads it at all
    UNSURE = "unsure"  # no reading is clean, or two differ and are about as clean
    CODE_PAGE = "code page"  # it reads only as a single-byte code page, which one cannot be told


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    encoding: str  # Python's codec name: "utf-8", "utf-16", "gb18030", "big5"...


# Accepted when the detector's reading is clean and unrivalled: each has a byte
# grammar (lead and trail byte ranges), so a wrong reading fails or reads as mess.
_EAST_ASIAN = ("gb18030", "big5", "cp932", "euc_jp", "cp949")
# Never accepted, only put beside them: in a single-byte code page every byte is a
# letter, so these read a file as cleanly as its true code page, and a file they
# read as well as an East Asian encoding is one nobody can tell.
_CODE_PAGES = ("cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "koi8_r")
_MAX_MESS = 0.1  # the detector's mess ratio: a reading messier than this is no reading
_CLEARER_BY = 0.05  # how much messier every different reading must be than the one taken


def _detect(data: bytes) -> DecodedText | Undecodable:
    matches = list(from_bytes(data, cp_isolation=[*_EAST_ASIAN, *_CODE_PAGES]))
    if not matches:
        return Undecodable.BINARY
    best = matches[0]
    if best.chaos > _MAX_MESS:
        return Undecodable.UNSURE
    if best.encoding not in _EAST_ASIAN:
        return Undecodable.CODE_PAGE
    text = str(best)
    if any(m.chaos < best.chaos + _CLEARER_BY and str(m) != text for m in matches[1:]):
        return Undecodable.UNSURE
    try:  # the detector samples a long file; the whole of it must read
        return DecodedText(data.decode(best.encoding), best.encoding)
    except UnicodeDecodeError:
        return Undecodable.BINARY


def decode_text(data: bytes) -> DecodedText | Undecodable:
    """The text in ``data``: UTF-8 first, else the rule in the module docstring."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            decoded = DecodedText(data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8")
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            decoded = DecodedText(data.decode("utf-16"), "utf-16")
        elif b"\x00" in data:
            return Undecodable.BINARY
        else:
            decoded = DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return Undecodable.BINARY  # a mark that lies about the encoding is no text
        detected = _detect(data)
        if isinstance(detected, Undecodable):
            return detected
        decoded = detected
    return Undecodable.BINARY if "\x00" in decoded.text else decoded
