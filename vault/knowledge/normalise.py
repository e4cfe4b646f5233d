"""What the sensitive-data scanner reads: text with its disguises undone, and
the way back from there to the text as written.

A value can hide from a pattern without changing what a person reads:
``li.wei\\u200b@example.com`` (a zero-width space), ``138\\u00a01234\\u00a05678``
(non-breaking spaces), ``example．com`` (a full-width dot), ``１３８…``
(full-width digits, common with Chinese input methods), ``𝟏𝟑𝟖…`` (mathematical
digits). ``fold`` undoes each of these before the detectors run:

- **format characters** (Unicode category Cf: zero-width spaces and joiners,
  the soft hyphen, bidirectional controls, the BOM, tag characters) and the
  other invisible joiners (variation selectors, the combining grapheme
  joiner) are dropped;
- **compatibility forms** are replaced by their NFKC form, one character at a
  time, where that form holds ASCII (full-width and mathematical letters and
  digits, ligatures, circled and parenthesised numbers, ``㎏``); NFKC of any
  other character cannot change what a detector (all of them read ASCII)
  finds, so it is skipped for speed;
- **spaces** of every kind (no-break, thin, ideographic, line and paragraph
  separators) become an ASCII space;
- **the ideographic full stop** ``。`` becomes ``.`` between two letters or
  digits (``example。com``, typed in a Chinese input mode); at the end of a
  sentence it is left alone;
- the Chinese input methods' everyday punctuation ``，：；（）！？`` is left as
  it is: it separates words either way, and folding it would send nearly
  every Chinese text down the slow path.

``Folded.span`` maps a span of the folded text back to the original: it
starts at the original character the first folded character came from and
ends after the one the last came from, so a redaction removes the whole
disguised value, invisible characters inside it included. Plain ASCII text
(the common case) is returned as it is, at the cost of one ``isascii``.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass

# Category Cf in Unicode 15 (Python 3.11-3.13), and the invisible marks that are
# not Cf but join or vary a character without showing anything. A test checks this
# list against the running Python's unicodedata, so a newer Unicode is noticed.
_INVISIBLE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),  # combining grapheme joiner (Mn)
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180B, 0x180F),  # Mongolian free variation selectors (Mn) and vowel separator (Cf)
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFE00, 0xFE0F),  # variation selectors (Mn)
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
    (0xE0100, 0xE01EF),  # variation selectors supplement (Mn)
)
# Every character whose NFKC form holds ASCII lies in these blocks (a test checks
# the whole code space); reading only them keeps building the table to a few ms.
_COMPAT_BLOCKS: tuple[tuple[int, int], ...] = (
    (0x0080, 0x0400),
    (0x1680, 0x1681),
    (0x1D00, 0x3400),
    (0xA700, 0xA800),
    (0xFB00, 0x10000),
    (0x10780, 0x107C0),
    (0x1D400, 0x1D800),
    (0x1F100, 0x1F200),
    (0x1FB00, 0x1FC00),
)
_KEPT_PUNCTUATION = frozenset("\uff0c\uff1a\uff1b\uff08\uff09\uff01\uff1f")  # ，：；（）！？
_STOPS = "\u3002\uff61"  # 。｡
_ALNUM = "0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"


@dataclass(frozen=True, slots=True)
class _Table:
    bmp: re.Pattern[str]  # one character to fold, below U+10000
    astral: re.Pattern[str]  # one character to fold, from U+10000
    replace: dict[str, str]


# Python's re tests a class of characters below U+10000 against a bitmap, but a
# class that reaches beyond walks its list of ranges for every character read:
# several times slower on Chinese text. So the astral characters have their own
# pattern, run only on text that holds one (its UTF-16 is longer than two bytes
# a character; encoding text without them to UTF-16 is close to a copy).


def _class(chars: list[str]) -> str:
    """A regex character class body, as ranges (a class of single characters compiles slowly)."""
    ranges: list[list[int]] = []
    for cp in sorted(map(ord, chars)):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges)


@functools.cache
def _table() -> _Table:
    """Built on the first text that is not plain ASCII, so commands that never scan pay nothing."""
    replace: dict[str, str] = {}
    for low, high in _INVISIBLE_RANGES:
        for cp in range(low, high + 1):
            replace[chr(cp)] = ""
    for low, high in _COMPAT_BLOCKS:
        for cp in range(low, high):
            c = chr(cp)
            if c in replace or c in _KEPT_PUNCTUATION:
                continue
            if unicodedata.category(c) in ("Zs", "Zl", "Zp"):
                replace[c] = " "
                continue
            folded = unicodedata.normalize("NFKC", c)
            if folded != c and not folded.isascii() and any(ch.isascii() for ch in folded):
                replace[c] = "".join(ch for ch in folded if ch.isascii() or ch.isspace())
            elif folded != c and folded.isascii():
                replace[c] = folded
    for c in _STOPS:
        replace[c] = "."
    chars = _class([c for c in replace if c not in _STOPS and c <= "\uffff"])
    astral = _class([c for c in replace if c > "\uffff"])
    # One character class first, so the regex engine skips ahead to candidates at C
    # speed (a pattern that opens with a group is tried at every position). The
    # stops count only between letters or digits, checked in the engine too: a
    # sentence-final 。 must not cost a Python call.
    bmp = f"[{chars}{_STOPS}](?:(?<=[{chars}])|(?<=[{_ALNUM}].)(?=[{_ALNUM}]))"
    return _Table(re.compile(bmp), re.compile(f"[{astral}]"), replace)


@dataclass(frozen=True, slots=True)
class Folded:
    """``text`` as the detectors read it, and the map back to the original.

    ``_at`` holds the folded indices from which ``_shift`` (original index minus
    folded index) changes; it is empty when every index is the same in both.
    """

    text: str
    _at: tuple[int, ...] = ()
    _shift: tuple[int, ...] = ()

    def origin(self, i: int) -> int:
        """The original index of the character at folded index ``i``."""
        k = bisect.bisect_right(self._at, i) - 1
        return i + self._shift[k] if k >= 0 else i

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span a non-empty folded span ``[start, end)`` came from."""
        if not self._at:
            return start, end
        return self.origin(start), self.origin(end - 1) + 1


def fold(text: str) -> Folded | None:
    """``text`` with disguises undone (see the module docstring); None if there are none.

    None spares the common case (plain text) building anything: the caller reads
    ``text`` itself, with every index the same.
    """
    if text.isascii():
        return None
    table = _table()
    replace = table.replace
    pieces: list[str] = []
    at: list[int] = []
    shift: list[int] = []
    pos = size = 0  # in the original, and in the folded text so far
    found = [m.start() for m in table.bmp.finditer(text)]
    if len(text.encode("utf-16-le", "surrogatepass")) > 2 * len(text):
        found = sorted(found + [m.start() for m in table.astral.finditer(text)])
    for i in found:
        pieces.append(text[pos:i])
        size += i - pos
        pos = i + 1
        r = replace[text[i]]
        if len(r) == 1:  # one for one: the offsets do not move
            pieces.append(r)
            size += 1
            continue
        for ch in r:  # every character of an expansion comes from the one at i
            at.append(size)
            shift.append(i - size)
            pieces.append(ch)
            size += 1
        at.append(size)  # what follows comes from after it
        shift.append(pos - size)
    if not pieces:
        return None
    pieces.append(text[pos:])
    return Folded("".join(pieces), tuple(at), tuple(shift))
