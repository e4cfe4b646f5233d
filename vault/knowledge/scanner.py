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
  (first group of 4, then 3-6) joined by one kind of space, dash or dot, an
  issuer prefix 2-6 and a valid Luhn check. About one in ten random numbers
  of that shape passes Luhn, so long order numbers that start with 2-6 can be
  reported. Inside a table of four-digit groups (after four such groups) no
  card is looked for, except right after another card.
- **ipv4** — dotted quads with every octet 0-255. Version strings written
  ``v1.2.3.4`` or after "version"/"build"/"section" are skipped; any other
  four-part number is reported. IPv6 is not detected.
- **secret** — private key blocks (PEM and PGP in any letter case, matched to their END line,
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

Disguises are undone before matching (``normalise.fold``): invisible format
characters (zero-width spaces, the soft hyphen, bidi controls) are dropped;
full-width and other compatibility forms (``１３８``, ``＠``, ``example．com``,
``𝟏𝟑𝟖``) become ASCII; every kind of space becomes a space and ``。`` between
letters becomes a dot. Spans are mapped back to the original text, so
``redact`` removes the whole disguised value. Boundaries are ASCII-only, so a
number right next to Chinese text (``电话13812345678联系``) is found.

Every pattern is linear: runs are matched possessively or anchored by a
lookbehind, so long runs of one character cannot cause catastrophic
backtracking. Speed: plain ASCII text skips the normalisation; one cheap test
per detector (a substring, a count of digits, a run of token characters in a
byte mask; ``detectors.detectors_for``) skips the detectors that cannot match;
``scan_entry`` scans an entry's fields in one pass. About 20 µs per entry of
ordinary prose, several times less than before the normalisation was added
(``tests/benchmarks/bench.py``, "sensitive-data scan").
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

from knowhold.vault.errors import InvalidValue
from knowhold.vault.knowledge.detectors import Hit as _Hit
from knowhold.vault.knowledge.detectors import cnid_check_char, detectors_for, luhn_ok, shannon_entropy
from knowhold.vault.knowledge.normalise import fold

__all__ = [
    "KINDS",
    "FieldFinding",
    "Finding",
    "cnid_check_char",
    "luhn_ok",
    "placeholder",
    "redact",
    "scan",
    "scan_entry",
    "shannon_entropy",
]

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
    """Every sensitive item in ``text``, sorted by start, without overlaps.

    The detectors read ``text`` with its disguises undone (``normalise.fold``);
    each span is mapped back, so it indexes ``text`` as given and covers the
    whole disguised value, invisible characters inside it included.
    """
    folded = fold(text)
    read = folded.text if folded else text
    hits = [hit for detect in detectors_for(read) for hit in detect(read) if hit[2] > hit[1]]
    if not hits:
        return []
    findings: list[Finding] = []
    end = 0
    for _, a, b, kind, detail in _resolve(hits):
        if kind is None:
            continue
        start, stop = folded.span(a, b) if folded else (a, b)
        # Two findings from one expanded character (``⑴``) would share it: the first keeps it.
        start = max(start, end)
        if start < stop:
            findings.append(Finding(kind, start, stop, text[start:stop], detail))
            end = stop
    return findings


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
    """A finding in one field of an entry (``start``/``end`` index that field).

    For ``field == "tags"``, ``index`` says which tag (in the entry's order) and
    the span indexes that tag; for the title, the body and the origin it is 0.
    """

    field: str  # "title", "body", "tags" or "origin" (the origin's name)
    finding: Finding
    index: int = 0


def scan_entry(title: str, body: str, tags: Sequence[str] = (), origin: str = "") -> list[FieldFinding]:
    """Everything an entry would reveal: its title, then its body, then its tags, then its origin.

    The one scan both the ``scan`` command and licensing run, so a finding
    that stops a license is always one the worker can see beforehand. Tags
    and the origin's name (``origin``: the organisation or public source,
    "" if none) travel in the package beside the text, so they are read too:
    an address kept as a tag, or typed as the organisation, leaves the vault
    as surely as one in the body.
    """
    fields = [
        ("title", 0, title),
        ("body", 0, body),
        *(("tags", i, tag) for i, tag in enumerate(tags)),
        ("origin", 0, origin),
    ]
    # Speed: one scan of the fields joined by NUL costs one prefilter pass, not one
    # per field. NUL is in no detector's alphabet (and the vault refuses it in
    # text), so no finding reaches across fields; if one ever did, or a field holds
    # NUL, each field is scanned on its own, which is always exact.
    values = [value for _, _, value in fields]
    joined = "\x00".join(values)
    if joined.count("\x00") == len(values) - 1:
        found = scan(joined)
        starts = list(itertools.accumulate((len(v) + 1 for v in values[:-1]), initial=0))
        result: list[FieldFinding] = []
        for f in found:
            k = bisect.bisect_right(starts, f.start) - 1
            if f.end > starts[k] + len(values[k]):
                break
            field, index, _ = fields[k]
            moved = Finding(f.kind, f.start - starts[k], f.end - starts[k], f.text, f.detail)
            result.append(FieldFinding(field, moved, index))
        else:
            return result
    return [FieldFinding(field, f, index) for field, index, value in fields for f in scan(value)]
