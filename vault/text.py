"""Text that came from outside: which characters it may hold, and how a terminal shows it.

Every name, title, tag, term and reason is typed by someone or arrives in a
file an attacker may have written. Three characters classes do harm there:

* **Control characters** (Unicode category Cc: C0, DEL, C1). ``ESC [2J``
  clears a terminal, ``ESC ]0;…BEL`` retitles it, ``CR`` overwrites a line:
  text shown by ``knowhold list`` or ``received show`` must never steer it.
* **Format characters** (Cf). A zero-width space lets a second "Li\u200bWei"
  with other keys sit beside the real contact; U+202E (right-to-left
  override) reverses the rest of a notice so it reads as something else.
* **Line and paragraph separators** (Zl, Zp): one-line fields that break.

Three rules, each a fixed table (not the running Python's Unicode database,
so two Knowhold builds agree on what a signed file may hold; the table is
Unicode 15.1's and ``tests/test_text_safety.py`` checks that it covers the
installed database):

``LINE``
    Names, titles, tags, terms fields, reasons: no Cc, Cf, Zl or Zp at all.
``MULTILINE``
    The terms text (a licence text, kept as written): the same, except that
    line feed and tab are allowed.
``BODY``
    Entry bodies are Markdown as the person wrote it: line feed, tab and
    carriage return (files saved on Windows) are allowed, every other control
    character is refused. Format characters stay: ZWJ builds emoji, ZWNJ is
    part of Persian and Indic spelling, RLM/LRM order Arabic and Hebrew prose.
    Separators stay too. Whatever stays is escaped when a terminal shows it.

``find_unsafe`` finds the first character a rule refuses; ``refuse_unsafe``
raises a typed error naming it by code point (never echoing the text, which
is the thing that cannot be shown); ``for_terminal`` escapes text for a
terminal: controls, DEL, C1, separators and format characters become
visible escapes (``\\x1b``, ``\\u202e``); line feeds (and tabs) stay only
for a body. A backslash is left alone, so a title spelled ``\\x1b`` looks
like an escaped ESC: ambiguous to read, harmless to show.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from knowhold.vault.errors import KnowholdError, UnsafeText

# Unicode 15.1, category Cf (format). Fixed here on purpose: see the module docstring.
_CF = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_CC = "\x00-\x1f\x7f-\x9f"  # category Cc: C0, DEL and C1, fixed by Unicode for good
_SEPARATORS = "\u2028\u2029"  # Zl, Zp


@dataclass(frozen=True, slots=True)
class TextRule:
    """Which characters a kind of text may not hold (see the module docstring).

    ``allowed`` lists the controls the rule lets through. Speed: a character
    class with ranges above U+FFFF is matched range by range (about 100 ns a
    character), so ``find_unsafe`` asks ``str.isprintable`` first, in C: it is
    false for every Cc, Cf, Zl and Zp character and for every unassigned one
    (which covers the table's characters this Python's database does not know
    yet), so a printable text, once the allowed controls are removed, is safe.
    """

    name: str
    refused: re.Pattern[str]
    allowed: str = ""
    precheck: bool = True  # off where the class is small enough for the regex alone


LINE = TextRule("line", re.compile(f"[{_CC}{_CF}{_SEPARATORS}]"))
MULTILINE = TextRule("multiline", re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_CF}{_SEPARATORS}]"), "\n\t")
BODY = TextRule("body", re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"), "\n\t\r", precheck=False)

# What a terminal must not receive raw: every control, separator and format
# character; a body keeps its line feeds and tabs, and the joiners emoji and
# scripts need (they join neighbours and cannot move or hide other text).
_TERMINAL_LINE = re.compile(f"[{_CC}{_CF}{_SEPARATORS}]")
_CF_NO_JOINERS = _CF.replace("\u200b-\u200f", "\u200b\u200e\u200f")
_TERMINAL_BODY = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_CF_NO_JOINERS}{_SEPARATORS}]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def find_unsafe(text: str, rule: TextRule = LINE) -> str | None:
    """The first character of ``text`` that ``rule`` refuses, or ``None``."""
    if rule.precheck:
        plain = text
        for ch in rule.allowed:
            plain = plain.replace(ch, "")
        if plain.isprintable():  # the fast answer for nearly all text (see TextRule)
            return None
    match = rule.refused.search(text)
    return None if match is None else match.group()


def is_safe_line(text: str) -> bool:
    """``find_unsafe(text, LINE) is None``, for the parsers' per-entry fast tests."""
    return text.isprintable() or LINE.refused.search(text) is None


def code_point(ch: str) -> str:
    """``U+202E``: how a refused character is named (it cannot be shown itself)."""
    return f"U+{ord(ch):04X}"


def refuse_unsafe(
    text: str, what: str, rule: TextRule = LINE, *, error: type[KnowholdError] = UnsafeText
) -> str:
    """``text`` unchanged, or ``error`` saying which invisible or control character ``what`` holds.

    ``what`` starts the sentence ("The title", "Field licensor.name"). Input
    from a person gets ``UnsafeText`` (exit 2); a parser passes ``Malformed``.
    """
    ch = find_unsafe(text, rule)
    if ch is not None:
        raise error(
            f"{what} contains an invisible or control character ({code_point(ch)}), which is not allowed."
        )
    return text


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    cp = ord(ch)
    if cp < 0x100:
        return f"\\x{cp:02x}"
    if cp < 0x10000:
        return f"\\u{cp:04x}"
    return f"\\U{cp:08x}"


def for_terminal(text: str, *, body: bool = False) -> str:
    """``text`` safe to write to a terminal: nothing in it is interpreted.

    One-line text (``body=False``) escapes line feeds too, so a stored name
    cannot forge a second output line. A body keeps line feeds and tabs; a
    CR LF pair is shown as a line feed, a lone CR escaped.
    """
    if not body:
        return text if text.isprintable() else _TERMINAL_LINE.sub(_escape, text)
    # Line by line, so printable lines (nearly all) skip the slow character class.
    return "\n".join(
        line if line.isprintable() else _TERMINAL_BODY.sub(_escape, line)
        for line in text.replace("\r\n", "\n").split("\n")
    )


# Windows opens a device, not a file, for these names in any case and with any
# extension ("con.md", "NUL.txt.md"): a skill or export file named so cannot be
# written or read there, and reading "aux.md" can hang.
WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(1, 10)} | {f"LPT{i}" for i in range(1, 10)}
)


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: two for a wide (CJK) character, none for a combining mark.

    Tables padded by ``len`` slip a column for every Chinese character in a name.
    """
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces up to ``width`` terminal columns (``str.ljust`` by display width)."""
    return text + " " * max(0, width - display_width(text))


def dashed(text: str, limit: int) -> str:
    """The letters and digits of ``text`` (any script) in runs joined by dashes, at most ``limit``
    characters: a default file name from a name that came from outside ("Acme Support" →
    "Acme-Support"). Path separators, dots and control characters all become dashes, so the
    result can neither point elsewhere nor hide a suffix. "" when nothing is left."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text).split())[:limit]


def reserved_on_windows(name: str) -> bool:
    """Whether Windows reads the file name ``name`` as a device (``con``, ``nul.md``, ``LPT1.txt``)."""
    return name.split(".", 1)[0].rstrip(" ").upper() in WINDOWS_RESERVED


# What json.dumps(ensure_ascii=False) leaves raw that a terminal may act on: it
# escapes only C0, quote and backslash. DEL, C1 (0x9b is CSI on some
# terminals), separators and format characters (bidi overrides) are escaped
# here as \uXXXX: the same JSON value, so scripts read exactly what was stored.
_JSON_RAW = re.compile(f"[\x7f-\x9f{_CF}{_SEPARATORS}]")


def _json_escape(match: re.Match[str]) -> str:
    cp = ord(match.group())
    if cp < 0x10000:
        return f"\\u{cp:04x}"
    cp -= 0x10000  # JSON spells a character beyond the BMP as a UTF-16 surrogate pair
    return f"\\u{0xD800 + (cp >> 10):04x}\\u{0xDC00 + (cp & 0x3FF):04x}"


def json_for_terminal(json_text: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with nothing a terminal acts on.

    Such characters can only occur inside JSON strings (the syntax around
    them is ASCII), where a ``\\uXXXX`` escape means the same character.
    """
    # Line by line: JSON's own line breaks are the only raw ones, and a printable
    # line (nearly all) skips the slow character class.
    return "\n".join(
        line if line.isprintable() else _JSON_RAW.sub(_json_escape, line) for line in json_text.split("\n")
    )
