"""Find sensitive data in entry text, and redact it, before anything leaves the vault.

``scan(text)`` returns ``Finding``s (kind, span, matched text, short detail),
sorted by start and never overlapping; ``redact(text)`` replaces each span
with ``placeholder(kind)``, e.g. ``[REDACTED EMAIL]``. Spans are ``str``
indices into the text as given: ``text[f.start:f.end] == f.text``.

What each detector defends against, and where it is known to miss:

- **email** — personal and work addresses. ASCII local parts and domains
  only (no internationalised addresses); needs a dot and an alphabetic TLD,
  so ``root@localhost`` is not reported.
- **phone** — mainland China mobiles (``1[3-9]`` + 9 digits, optional
  ``+86``/``0086``, 3-4-4 groups), China landlines written ``0AA(A)-NNNNNNN(N)``,
  and international numbers that start with ``+`` (8-15 digits, E.164;
  ``+86`` mobiles are reported as China mobiles).
  Misses national formats of other countries written without ``+``
  (``(415) 555-0132``), because a bare 10-digit group is too often an order
  number or a timestamp.
- **cn-id** — mainland China resident ID numbers: 18 characters, a real
  province code, a valid birth date (1800-2099) and the GB 11643 / ISO 7064
  MOD 11-2 check character. Old 15-digit IDs are not detected. A random
  18-digit number passes by chance about once in a few thousand.
- **card** — payment card numbers: 13-19 digits, contiguous or in groups
  (first group of 4, then 3-6) joined by one kind of space or dash, an
  issuer prefix 2-6 and a valid Luhn check. About one in ten random numbers
  of that shape passes Luhn, so long order numbers that start with 2-6 can be
  reported. Inside a table of four-digit groups (after four such groups) no
  card is looked for, except right after another card.
- **ipv4** — dotted quads with every octet 0-255. Version strings written
  ``v1.2.3.4`` or after "version"/"build"/"section" are skipped; any other
  four-part number is reported. IPv6 is not detected.
- **secret** — private key blocks (PEM and PGP, matched to their END line,
  or to the end of the base64 lines if the END line is missing); known key
  formats (AWS access key ids and secret keys next to their name, GitHub,
  Slack, Google API, Stripe, OpenAI-style ``sk-``, JWTs, Aliyun AccessKey
  ids); URLs that carry a password in the user info or a secret-looking query
  parameter (the whole URL is reported); and any other run of at least 32
  base64/hex characters whose Shannon entropy is high and that is not made of
  words. That last detector also reports hashes (git commit ids, SHA-256
  digests), which are not secret; it skips UUIDs, public SSH keys, data: URIs
  and PEM certificate/public-key bodies. Short passwords in prose
  ("password: hunter2") are not detected.

Overlaps are resolved by specificity: private key blocks, then token URLs,
named key formats, resident IDs, cards, e-mail, China phones, other phones,
IPv4, and high-entropy strings last; a weaker finding that overlaps a
stronger one is dropped (a card is not also a phone; an address inside a
token URL is reported once, as the URL).

Full-width forms (common with Chinese input methods: ``１３８``, ``＠``) are
folded to ASCII before matching when the text holds a full-width digit or
``＠``; the fold maps one character to one, so spans stay valid. Boundaries
are ASCII-only, so a number right next to Chinese text (``电话13812345678联系``)
is found. Every pattern is linear: runs are matched possessively or anchored
by a lookbehind, so long runs of one character cannot cause catastrophic
backtracking, and patterns open with a literal where they can, for speed.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter

from knowhold.vault.errors import InvalidValue

KINDS: tuple[str, ...] = ("email", "phone", "cn-id", "card", "ipv4", "secret")

_LABELS = {
    "email": "EMAIL",
    "phone": "PHONE",
    "cn-id": "CN-ID",
    "card": "CARD",
    "ipv4": "IPV4",
    "secret": "SECRET",
}
_MASK = "•"
_MAX_MASK = 24  # a 3 KB key block would otherwise mask to a 3 KB line of dots


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    start: int
    end: int
    text: str
    detail: str

    def masked(self) -> str:
        """The text with all but ~2 characters at each end hidden (middle capped in length)."""
        n = len(self.text)
        keep = 0 if n <= 4 else 1 if n <= 8 else 2
        head, tail = self.text[:keep], self.text[n - keep :] if keep else ""
        return head + _MASK * min(n - 2 * keep, _MAX_MASK) + tail


def placeholder(kind: str) -> str:
    """The text that replaces a finding of ``kind`` in redacted output."""
    try:
        return f"[REDACTED {_LABELS[kind]}]"
    except KeyError:
        raise InvalidValue(f"Unknown finding kind: {kind!r}.") from None


# A hit is (rank, start, end, kind, detail); kind None marks a benign span that
# only shields its text from weaker detectors (certificates, public keys).
_Hit = tuple[int, int, int, str | None, str]
_R_KEYBLOCK, _R_URL, _R_NAMED, _R_CNID, _R_CARD, _R_EMAIL = 0, 1, 2, 3, 4, 5
_R_CNPHONE, _R_PHONE, _R_IPV4, _R_BENIGN, _R_ENTROPY = 6, 7, 8, 9, 10

# Speed: Python's re scans quickly only for a pattern that opens with a literal
# or, less so, a character class; one that opens with a lookbehind is tried at
# every position, several times slower on a 4 MiB body. So each pattern opens
# with its literal or first character, and the "not inside a longer word"
# check follows it (a lookbehind over that character) or is done in Python.
_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_TOKEN_CHARS = _WORD | {"-"}
_DIGITS = re.compile("[0-9]")

_FULLWIDTH_DIGIT = re.compile("[\uff10-\uff19]")
# Only what detectors read (＋－．／, digits, ＝, ＠, letters, ＿); Chinese punctuation
# such as ，：（） is left alone: it separates words either way.
_FULLWIDTH_RUN = re.compile("[\uff0b\uff0d-\uff19\uff1d\uff20-\uff3a\uff3f\uff41-\uff5a]+")
_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def _fold(text: str) -> str:
    """Full-width ASCII folded to ASCII, one character for one, so spans still hold."""
    if "\uff20" not in text and _FULLWIDTH_DIGIT.search(text) is None:
        return text  # the common case; Chinese punctuation alone needs no folding
    return _FULLWIDTH_RUN.sub(lambda m: m.group().translate(_FOLD), text)


# ---- numbers: cn-id, card, China phones, ipv4 ----------------------------------------------

_CNID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CNID_CHECK = "10X98765432"
# Provinces (GB/T 2260), Taiwan, HK/Macau/Taiwan residence permits, foreigners' (9 + province).
_CNID_REGIONS = frozenset(
    (
        *(11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37),
        *(41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65),
        *(71, 81, 82, 83, 91, 92, 93, 94, 95, 96),
    )
)


def cnid_check_char(first17: str) -> str:
    """The GB 11643 (ISO 7064 MOD 11-2) check character for 17 ID digits."""
    return _CNID_CHECK[sum(int(d) * w for d, w in zip(first17, _CNID_WEIGHTS, strict=True)) % 11]


_LUHN_DOUBLED = {str(d): (d * 2 - 9 if d > 4 else d * 2) for d in range(10)}


def luhn_ok(digits: str) -> bool:
    doubled = sum(_LUHN_DOUBLED[c] for c in digits[-2::-2])
    return (sum(map(int, digits[-1::-2])) + doubled) % 10 == 0


def _check_cnid(text: str, start: int, end: int) -> list[_Hit]:
    value = text[start:end].replace(" ", "")
    if int(value[:2]) not in _CNID_REGIONS or cnid_check_char(value[:17]) != value[17].upper():
        return []
    try:
        dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return []
    return [(_R_CNID, start, end, "cn-id", "China resident ID number")]


_SEPARATOR = re.compile("[ \\-]")
_BRANDS = (("4", "Visa"), ("34", "Amex"), ("37", "Amex"), ("62", "UnionPay"), ("35", "JCB"))


def _check_card(text: str, start: int, end: int) -> list[_Hit]:
    # The groups may run on into a number that follows ("4111 1111 1111 1111 123"
    # ends in a security code): the card is the longest Luhn-valid prefix.
    groups = _SEPARATOR.split(text[start:end])
    prefixes: list[tuple[int, str]] = []
    digits = ""
    for count, group in enumerate(groups, 1):
        digits += group
        if len(digits) > 19:
            break
        if len(digits) >= 13:
            prefixes.append((count, digits))
    for count, digits in reversed(prefixes):
        if luhn_ok(digits):
            brand = next((b for p, b in _BRANDS if digits.startswith(p)), "")
            if "51" <= digits[:2] <= "55" or "2221" <= digits[:4] <= "2720":
                brand = "Mastercard"
            detail = f"Luhn-valid card number ({brand})" if brand else "Luhn-valid card number"
            return [(_R_CARD, start, start + len(digits) + count - 1, "card", detail)]
    return []


def _check_mobile(text: str, start: int, end: int) -> list[_Hit]:
    return [(_R_CNPHONE, start, end, "phone", "China mobile number")]


def _check_landline(text: str, start: int, end: int) -> list[_Hit]:
    return [(_R_CNPHONE, start, end, "phone", "China landline number")]


_VERSIONISH = re.compile(r"(?i)(?:version|ver\.?|release|build|section|§)\s?\Z")


def _check_ipv4(text: str, start: int, end: int) -> list[_Hit]:
    octets = text[start:end].split(".")
    if any(int(o) > 255 for o in octets) or (start and text[start - 1] == "."):
        return []
    if _VERSIONISH.search(text, max(0, start - 9), start):
        return []
    a, b = int(octets[0]), int(octets[1])
    if a == 127:
        detail = "loopback IPv4 address"
    elif a == 10 or (a == 172 and 16 <= b <= 31) or (a == 192 and b == 168):
        detail = "private IPv4 address"
    else:
        detail = "IPv4 address"
    return [(_R_IPV4, start, end, "ipv4", detail)]


# A number must not continue a longer number or word. Patterns below open with
# "[0-9]" (the first digit), so the checks look behind that digit.
_NUM_BEFORE = r"(?<![0-9A-Za-z_].)"
_NOT_AFTER_NUMBER = r"(?<![0-9][.\-].)"
_NUM_END = r"(?![0-9A-Za-z_])(?![.\-][0-9])"
# Four digits, then 2-4 groups of 3-6 joined by the same separator. Not deep inside
# a run of four-digit groups: that is a table of numbers, where some window
# would pass Luhn by chance (and reading every window would be slow).
_GROUPED_CARD = (
    r"[0-9]{3}(?P<cs>[ \-])[0-9]{3,6}(?![0-9])(?:(?P=cs)[0-9]{3,6}(?![0-9])){1,3}"
    r"(?![A-Za-z_])(?!\.[0-9])"
)
_IN_TABLE = r"(?<![0-9]{4} [0-9]{4} [0-9]{4} [0-9]{4} .)(?<![0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{4}-.)"
# (first digit, rest of the pattern, check), strongest first.
_NUMBER_SHAPES: tuple[tuple[str, str, Callable[[str, int, int], list[_Hit]]], ...] = (
    (
        "[1-9]",
        _NOT_AFTER_NUMBER + r"[0-9]{5} ?(?:18|19|20)[0-9]{6} ?[0-9]{3}[0-9Xx](?![0-9A-Za-z_])",
        _check_cnid,
    ),
    ("[2-6]", _NOT_AFTER_NUMBER + r"[0-9]{12,18}" + _NUM_END, _check_card),
    ("[2-6]", _NOT_AFTER_NUMBER + _IN_TABLE + _GROUPED_CARD, _check_card),
    # "+138…" is an international number (+1 …), read by _intl_phones.
    (
        "1",
        _NOT_AFTER_NUMBER + r"(?<!\+.)[3-9][0-9][ \-]?[0-9]{4}[ \-]?[0-9]{4}" + _NUM_END,
        _check_mobile,
    ),
    (
        "0",
        _NOT_AFTER_NUMBER + r"086[ \-]?1[3-9][0-9][ \-]?[0-9]{4}[ \-]?[0-9]{4}" + _NUM_END,
        _check_mobile,
    ),
    ("0", _NOT_AFTER_NUMBER + r"[1-9][0-9]{1,2}-[2-9][0-9]{6,7}" + _NUM_END, _check_landline),
    (
        "[0-9]",
        _NOT_AFTER_NUMBER + r"[0-9]{0,2}+(?:\.[0-9]{1,3}+){3}(?![0-9A-Za-z_])(?!\.[0-9])",
        _check_ipv4,
    ),
)
# One pass over the text finds where any shape matches; the single-shape
# patterns are used only when the first shape's check fails there.
_NUMBER = re.compile(
    "[0-9]"
    + _NUM_BEFORE
    + "(?:"
    + "|".join(f"(?<={first})(?P<n{i}>{rest})" for i, (first, rest, _) in enumerate(_NUMBER_SHAPES))
    + ")"
)
_NEXT_CARD = re.compile("[2-6]" + _GROUPED_CARD)
_NUMBER_ALONE = tuple(
    (re.compile(first), re.compile(f"[0-9]{_NUM_BEFORE}(?<={first}){rest}"), check)
    for first, rest, check in _NUMBER_SHAPES
)
# For each shape and first digit: the weaker shapes that may also start with that digit.
_FALLBACKS = {
    (i, digit): tuple((alone, check) for first, alone, check in _NUMBER_ALONE[i + 1 :] if first.match(digit))
    for i in range(len(_NUMBER_SHAPES))
    for digit in "0123456789"
}


def _numbers(text: str) -> Iterator[_Hit]:
    pos = 0
    while (m := _NUMBER.search(text, pos)) is not None:
        start = m.start()
        shape = int((m.lastgroup or "n0")[1:])
        hits = _NUMBER_SHAPES[shape][2](text, start, m.end())
        for alone, check in _FALLBACKS[shape, text[start]]:
            if hits and hits[0][1] == start:
                break
            if other := alone.match(text, start):
                hits += check(text, start, other.end())
        yield from hits
        # Nothing can start inside a number found here; after a miss, go on digit by digit.
        here = [hit[2] for hit in hits if hit[1] == start]
        pos = max(here) if here else start + 1
        # A card right after another ("4111 1111 1111 1111 5555 5555 5555 4444")
        # looks like the inside of a table to _IN_TABLE, so it is read here.
        while hits[-1:] and hits[-1][3] == "card" and hits[-1][2] == pos and text.startswith(" ", pos):
            card = _NEXT_CARD.match(text, pos + 1)
            hits = _check_card(text, card.start(), card.end()) if card else []
            yield from hits
            pos = hits[0][2] if hits else pos


_INTL_PHONE = re.compile(r"\+[1-9][0-9]{0,2}+(?:[ .\-]?(?:\([0-9]{1,4}+\)|[0-9]{1,5}+)){1,6}+" + _NUM_END)
_CN_MOBILE_DIGITS = re.compile("861[3-9][0-9]{9}")
_WORD_OR_PLUS = _WORD | {"+"}


_PHONE_PART = re.compile(r"[ .\-]?(?:\([0-9]++\)|[0-9]++)")


def _intl_phones(text: str) -> Iterator[_Hit]:
    for m in _INTL_PHONE.finditer(text):
        if m.start() and text[m.start() - 1] in _WORD_OR_PLUS:
            continue
        # The groups may run into a number that follows: keep at most 15 digits (E.164).
        end, digits = m.start() + 1, ""
        for part in _PHONE_PART.finditer(text, m.start() + 1, m.end()):
            more = "".join(_DIGITS.findall(part.group()))
            if len(digits) + len(more) > 15:
                break
            end, digits = part.end(), digits + more
        if _CN_MOBILE_DIGITS.fullmatch(digits):
            yield (_R_CNPHONE, m.start(), end, "phone", "China mobile number")
        elif len(digits) >= 8:
            yield (_R_PHONE, m.start(), end, "phone", "international phone number")


# ---- e-mail ------------------------------------------------------------------------------

_LOCAL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-")
_LOCAL_TAIL = re.compile(r"[A-Za-z0-9._%+\-]++\Z")
# Opens with "@" so the scan is fast; labels, then an alphabetic TLD not followed by more name.
_AT_DOMAIN = re.compile(r"@(?:[A-Za-z0-9\-]++\.)+(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9\-]{1,59})(?![A-Za-z0-9\-])")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?")


def _emails(text: str) -> Iterator[_Hit]:
    for m in _AT_DOMAIN.finditer(text):
        at = m.start()
        low = max(0, at - 64)  # a local part has at most 64 characters
        local = _LOCAL_TAIL.search(text, low, at)
        if local is None or (local.start() == low and low and text[low - 1] in _LOCAL_CHARS):
            continue
        name = local.group().lstrip(".")
        if name and all(_LABEL.fullmatch(label) for label in m.group()[1:].split(".")):
            yield (_R_EMAIL, at - len(name), m.end(), "email", "e-mail address")


# ---- secrets -----------------------------------------------------------------------------

_PEM = re.compile(r"-----(BEGIN|END) ([A-Z0-9]++(?: [A-Z0-9]++)*+)-----")
_KEY_LINE = re.compile(r"[ \t]*+(?:[A-Za-z0-9+/=]++|[A-Za-z\-]++: [^\r\n]*+)?[ \t]*+\r?(?:\n|\Z)")


def _pem(text: str) -> Iterator[_Hit]:
    begins: list[tuple[int, int, str]] = []
    ends: dict[str, list[tuple[int, int]]] = {}
    for m in _PEM.finditer(text):
        if m.group(1) == "BEGIN":
            begins.append((m.start(), m.end(), m.group(2)))
        else:
            ends.setdefault(m.group(2), []).append((m.start(), m.end()))
    for start, header_end, label in begins:
        private = "PRIVATE KEY" in label
        matching = ends.get(label, [])
        i = bisect.bisect_left(matching, (header_end, 0))
        end = header_end
        if i < len(matching):
            end = matching[i][1]
        elif private:  # END line lost (truncated paste): take the key lines that follow
            while end < len(text) and (line := _KEY_LINE.match(text, end)) and line.end() > end:
                end = line.end()
            while end > header_end and text[end - 1].isspace():
                end -= 1
        if private:
            yield (_R_KEYBLOCK, start, end, "secret", f"{label.lower()} block")
        else:
            yield (_R_BENIGN, start, end, None, label.lower())


# (name, literal prefix, its length, rest). The "not inside a longer token" check
# follows the prefix, so a run like "sk-sk-sk-…" fails at once instead of being read.
_NAMED = tuple(
    (name, re.compile(f"{prefix}(?<![A-Za-z0-9_\\-].{{{size}}}){rest}(?![A-Za-z0-9_\\-])"))
    for name, prefix, size, rest in (
        ("AWS access key id", "A(?:KIA|SIA|BIA|CCA)", 4, "[A-Z0-9]{16}"),
        ("GitHub token", "gh[pousr]_", 4, "[A-Za-z0-9]{36,251}+"),
        ("GitHub fine-grained token", "github_pat_", 11, "[A-Za-z0-9_]{22,244}+"),
        ("Slack token", "xox[abposr]-", 5, "[A-Za-z0-9\\-]{10,250}+"),
        ("Google API key", "AIza", 4, "[0-9A-Za-z_\\-]{35}"),
        ("Stripe secret key", "sk_(?:live|test)_", 8, "[0-9A-Za-z]{10,247}+"),
        ("Stripe restricted key", "rk_(?:live|test)_", 8, "[0-9A-Za-z]{10,247}+"),
        ("OpenAI-style API key", "sk-", 3, "[A-Za-z0-9_\\-]{20,250}+"),
        ("JSON Web Token", "eyJ", 3, r"[A-Za-z0-9_\-]{5,}+\.eyJ[A-Za-z0-9_\-]{5,}+\.[A-Za-z0-9_\-]*+"),
        ("Aliyun AccessKey id", "LTAI", 4, "[A-Za-z0-9]{12,20}+"),
    )
)


def _named(text: str) -> Iterator[_Hit]:
    for name, pattern in _NAMED:
        for m in pattern.finditer(text):
            value = m.group()
            if value.startswith("sk-") and not (
                any(c.isdigit() for c in value)
                and any(c.isupper() for c in value)
                and any(c.islower() for c in value)
            ):
                continue  # "sk-" and hyphenated words is prose, not a key
            yield (_R_NAMED, m.start(), m.end(), "secret", name)


_SCHEME_TAIL = re.compile(r"[A-Za-z][A-Za-z0-9+\-]{0,30}+\Z")
_URL_BODY = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]++")
_URL_PARAM = re.compile(r"[?&#;]([^=&#;?]{1,64}+)=([^&#;]*+)")
_SECRET_PARAM = re.compile(
    r"(?i)(?:.*[_\-.])?(?:token|key|secret|signature|password|credential)"
    r"|accesstoken|authtoken|apikey|sig|sign|passwd|pwd|pass|auth"
)


def _token_urls(text: str) -> Iterator[_Hit]:
    sep = text.find("://")
    while sep != -1:
        scheme = _SCHEME_TAIL.search(text, max(0, sep - 31), sep)
        body = _URL_BODY.match(text, sep + 3)
        if scheme and body and ("=" in body.group() or "@" in body.group()):
            url = body.group().rstrip(".,;:!?'")
            while url.endswith((")", "]")) and url.count(url[-1]) > url.count("(" if url[-1] == ")" else "["):
                url = url[:-1].rstrip(".,;:!?'")
            authority = re.split(r"[/?#]", url, maxsplit=1)[0]
            userinfo = authority.rpartition("@")[0]
            detail = "URL with a password in it" if userinfo.partition(":")[2] else ""
            for p in _URL_PARAM.finditer(url, len(authority)):
                if detail:
                    break
                if len(p.group(2)) >= 3 and _SECRET_PARAM.fullmatch(p.group(1)):
                    detail = f"URL carrying a secret ({p.group(1)}=)"
            if detail:
                yield (_R_URL, scheme.start(), sep + 3 + len(url), "secret", detail)
        # A "://" inside this URL (a redirect parameter) was checked with it.
        sep = text.find("://", body.end() if body else sep + 3)


_BENIGN = (
    re.compile(r"data:[A-Za-z]++/[A-Za-z0-9.+\-]++;base64,[A-Za-z0-9+/=]++"),
    re.compile(r"ssh-(?:rsa|dss|ed25519) AAAA[A-Za-z0-9+/]++=*+"),
    re.compile(r"ecdsa-sha2-nistp(?:256|384|521) AAAA[A-Za-z0-9+/]++=*+"),
)
_TOKEN = re.compile(
    r"[A-Za-z0-9+/_\-](?<![A-Za-z0-9+/_\-].)[A-Za-z0-9+/_\-]{31,}+={0,2}+(?![A-Za-z0-9+/=_\-])"
)
_HEX = re.compile(r"[0-9a-fA-F]+")
_UUID = re.compile(r"[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")
_WORDY = re.compile(r"[A-Z]?[a-z]{3,}|[A-Z]{4,}")
_AWS_SECRET = re.compile(r"[A-Za-z0-9/+]{40}")
_AWS_SECRET_NAME = re.compile(r"secret[ _.\-]?access[ _.\-]?key|aws[ _.\-]?secret")


def shannon_entropy(s: str) -> float:
    n = len(s)
    return -sum(c / n * math.log2(c / n) for c in Counter(s).values()) if n else 0.0


def _entropy_tokens(text: str) -> Iterator[_Hit]:
    for pattern in _BENIGN:
        for m in pattern.finditer(text):
            yield (_R_BENIGN, m.start(), m.end(), None, "public data")
    for m in _TOKEN.finditer(text):
        token = m.group().rstrip("=")
        if _AWS_SECRET.fullmatch(m.group()):
            named = _AWS_SECRET_NAME.search(text[max(0, m.start() - 48) : m.start()].lower())
            if named:
                yield (_R_NAMED, m.start(), m.end(), "secret", "AWS secret access key")
                continue
        if _UUID.fullmatch(token) or not any(c.isdigit() for c in token):
            continue
        if _HEX.fullmatch(token):
            if any(c.isalpha() for c in token) and shannon_entropy(token) >= 3.0:
                yield (_R_ENTROPY, m.start(), m.end(), "secret", "high-entropy hex string")
            continue
        if token.lower() == token or token.upper() == token or shannon_entropy(token) < 4.0:
            continue
        wordy = sum(len(w) for w in _WORDY.findall(token))
        if wordy * 2 < len(token):  # random base64 rarely holds long lowercase runs; names do
            yield (_R_ENTROPY, m.start(), m.end(), "secret", "high-entropy token")


_DETECTORS: tuple[Callable[[str], Iterator[_Hit]], ...] = (
    _pem,
    _token_urls,
    _named,
    _numbers,
    _intl_phones,
    _emails,
    _entropy_tokens,
)


# ---- public API --------------------------------------------------------------------------


def _resolve(hits: list[_Hit]) -> list[_Hit]:
    """Keep the strongest hits; drop any hit overlapping a stronger (or longer) one."""
    hits.sort(key=itemgetter(1, 2))
    kept: list[_Hit] = []
    i = 0
    while i < len(hits):
        # Overlapping hits form a cluster; resolve each cluster on its own.
        j, reach = i + 1, hits[i][2]
        while j < len(hits) and hits[j][1] < reach:
            reach = max(reach, hits[j][2])
            j += 1
        if j == i + 1:
            kept.append(hits[i])
        else:
            chosen: list[_Hit] = []
            for hit in sorted(hits[i:j], key=lambda h: (h[0], h[1] - h[2], h[1])):
                if all(hit[2] <= c[1] or c[2] <= hit[1] for c in chosen):
                    chosen.append(hit)
            kept.extend(sorted(chosen, key=lambda h: h[1]))
        i = j
    return kept


def scan(text: str) -> list[Finding]:
    """Every sensitive item in ``text``, sorted by start, without overlaps."""
    folded = _fold(text)
    hits = [hit for detect in _DETECTORS for hit in detect(folded) if hit[2] > hit[1]]
    return [
        Finding(kind, start, end, text[start:end], detail)
        for _, start, end, kind, detail in _resolve(hits)
        if kind is not None
    ]


def redact(text: str, findings: Sequence[Finding] | None = None) -> str:
    """``text`` with every finding replaced by its placeholder.

    Findings that overlap are redacted as one span (under the first one's
    label), so no part of either leaks. Findings that do not match ``text``
    (stale, from an older version of it) raise ``InvalidValue`` rather than
    redact the wrong characters.
    """
    if findings is None:
        findings = scan(text)
    parts: list[str] = []
    pos = 0
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        label = placeholder(f.kind)
        if not (0 <= f.start < f.end <= len(text)) or text[f.start : f.end] != f.text:
            raise InvalidValue("A finding does not match the text being redacted.")
        if f.start < pos:  # overlaps the previous redaction: extend it
            pos = max(pos, f.end)
            continue
        parts.append(text[pos : f.start])
        parts.append(label)
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class FieldFinding:
    """A finding in one field of an entry (``start``/``end`` index that field)."""

    field: str  # "title" or "body"
    finding: Finding


def scan_entry(title: str, body: str) -> list[FieldFinding]:
    """Everything an entry would reveal: its title first, then its body.

    The one scan both the ``scan`` command and licensing run, so a finding
    that stops a license is always one the worker can see beforehand.
    """
    return [FieldFinding("title", f) for f in scan(title)] + [FieldFinding("body", f) for f in scan(body)]
