"""The scanner's detectors: each reads folded text and yields hits.

What each detector finds and where it is known to miss is written in
``scanner``'s docstring; this module is its machinery. A hit is
``(rank, start, end, kind, detail)`` in the folded text's indices; ``scanner``
resolves overlaps by rank and maps spans back to the original text.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator

# A hit is (rank, start, end, kind, detail); kind None marks a benign span that
# only shields its text from weaker detectors (certificates, public keys).
Hit = tuple[int, int, int, str | None, str]
_Hit = Hit
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


_SEPARATOR = re.compile("[ .\\-]")
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
    r"[0-9]{3}(?P<cs>[ .\-])[0-9]{3,6}(?![0-9])(?:(?P=cs)[0-9]{3,6}(?![0-9])){1,3}"
    r"(?![A-Za-z_])(?!\.[0-9])"
)
_IN_TABLE = (
    r"(?<![0-9]{4} [0-9]{4} [0-9]{4} [0-9]{4} .)(?<![0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{4}-.)"
    r"(?<![0-9]{4}\.[0-9]{4}\.[0-9]{4}\.[0-9]{4}\..)"
)
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

# Any case: "-----begin rsa private key-----" is read by some tools and hides from an
# upper-case pattern. Labels are compared upper-cased.
_PEM = re.compile(r"-----(BEGIN|END) ([A-Z0-9]++(?: [A-Z0-9]++)*+)-----", re.IGNORECASE)
_KEY_LINE = re.compile(r"[ \t]*+(?:[A-Za-z0-9+/=]++|[A-Za-z\-]++: [^\r\n]*+)?[ \t]*+\r?(?:\n|\Z)")


def _pem(text: str) -> Iterator[_Hit]:
    begins: list[tuple[int, int, str]] = []
    ends: dict[str, list[tuple[int, int]]] = {}
    for m in _PEM.finditer(text):
        label = m.group(2).upper()
        if m.group(1).upper() == "BEGIN":
            begins.append((m.start(), m.end(), label))
        else:
            ends.setdefault(label, []).append((m.start(), m.end()))
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
            before = text[max(0, m.start() - 48) : m.start()]
            # Not from the field before: scan_entry joins an entry's fields with NUL.
            named = _AWS_SECRET_NAME.search(before[before.rfind("\x00") + 1 :].lower())
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


# Speed: most text holds nothing to find, and most detectors can tell that from
# one C-speed test instead of a regex pass (even a search that finds nothing costs
# a few microseconds to set up, and a scan runs per field). Token characters are
# masked to "a" in the UTF-8 bytes (any non-ASCII byte is a separator), so "is
# there a run of n token characters" is one substring search. A named key format
# needs a run of at least 15 of them (a Slack token; the others are longer),
# except a JWT, whose parts may be shorter but which starts with "eyJ"; a
# high-entropy token, or a benign span that only shields text from that
# detector, needs 32. Every number shape holds at least 4 digits (an IPv4
# address), an international phone number 8.
_TOKEN_MASK = (
    bytes(0x61 if chr(b) in _TOKEN_CHARS or chr(b) in "+/" else 0x20 for b in range(128)) + b" " * 128
)
_NOT_DIGITS = bytes(b for b in range(256) if not 0x30 <= b <= 0x39)
_RUN_NAMED = b"a" * 15
_RUN_ENTROPY = b"a" * 32

_Detector = Callable[[str], Iterator[Hit]]


def detectors_for(text: str) -> list[_Detector]:
    """The detectors that can find something in ``text``, strongest first."""
    found: list[_Detector] = []
    if "-----" in text:
        found.append(_pem)
    if "://" in text:
        found.append(_token_urls)
    data = text.encode("utf-8", "surrogatepass")
    mask = data.translate(_TOKEN_MASK)
    named_run = _RUN_NAMED in mask
    if named_run or "eyJ" in text:
        found.append(_named)
    digits = len(data.translate(None, _NOT_DIGITS))
    if digits >= 4:
        found.append(_numbers)
    if digits >= 8 and "+" in text:
        found.append(_intl_phones)
    if "@" in text:
        found.append(_emails)
    if named_run and _RUN_ENTROPY in mask:
        found.append(_entropy_tokens)
    return found
