"""Where an entry's knowledge comes from: the worker's own experience, an organisation, a public source.

Knowledge learned at an employer may belong to that employer; knowledge taken
from a book or a standard is anyone's. The worker records which, entry by
entry, so that licensing can say so: before an entry learned at an
organisation is licensed to another organisation, it may belong to the first;
licensed back to that same organisation, they may already own it, and the
worker should know what they are selling back (``origin_concern``). The
package carries the origin, so the employer reads it too (``docs/format.md``,
"Origin").

An entry with no origin recorded has ``None``, which is not the same as "my
own experience": that is a claim the worker makes. The organisation's name or
the public source (a name or a citation: "RFC 9110", "ITIL 4 Foundation") is
one line of at most 200 characters, with runs of spaces collapsed, and refuses
the characters ``vault.text`` refuses in every name: an employer reading
"learned at Acme" must see every character of it.

The command line and Markdown front matter write an origin as text::

    own                    my own experience
    org:Acme Ltd           learned at an organisation (also organisation:Acme Ltd)
    public:RFC 9110        a public source
    none                   no origin recorded (also the empty text)

The word before the colon is read without regard to case and spaces around
it; everything after the first colon is the name, so a name may hold colons
("public:ISO 9001:2015"). ``parse_origin`` reads this form and
``format_origin`` writes it, so the two round-trip. Text that does not read
as an origin and does not start with one of those words (``in_origin_words``)
is not a damaged origin but another tool's value under the same key, such as
a web clipper's page address: front matter keeps it as written.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from knowhold.vault.errors import InvalidValue
from knowhold.vault.text import refuse_unsafe

MAX_ORIGIN_NAME = 200


class OriginKind(StrEnum):
    OWN = "own"
    ORGANISATION = "organisation"
    PUBLIC = "public"


# The word before the colon in the text form, by kind.
_PREFIXES = {
    "org": OriginKind.ORGANISATION,
    "organisation": OriginKind.ORGANISATION,
    "public": OriginKind.PUBLIC,
}
_NAMED_AS = {OriginKind.ORGANISATION: "The organisation's name", OriginKind.PUBLIC: "The public source"}
FORMS = "own, org:NAME, public:SOURCE or none"


@dataclass(frozen=True, slots=True)
class Origin:
    """An entry's origin; build one with ``Origin.make``, which checks the name."""

    kind: OriginKind
    name: str = ""  # the organisation or the public source; empty for OWN

    @classmethod
    def make(cls, kind: str, name: str = "") -> Origin:
        """An origin from what a person typed or a file holds; ``InvalidValue`` with what to change."""
        try:
            chosen = OriginKind(kind)
        except ValueError:
            raise InvalidValue(f"Unknown origin {kind[:40]!r}; use {FORMS}.") from None
        name = " ".join(name.split())
        if chosen is OriginKind.OWN:
            if name:
                raise InvalidValue("The origin 'own' takes no name: it is your own experience.")
            return cls(chosen)
        what = _NAMED_AS[chosen]
        if not name:
            raise InvalidValue(f"{what} must not be empty (for example {format_origin(_EXAMPLES[chosen])}).")
        if len(name) > MAX_ORIGIN_NAME:
            raise InvalidValue(f"{what} is longer than {MAX_ORIGIN_NAME} characters.")
        return cls(chosen, refuse_unsafe(name, what))

    def to_json(self) -> dict[str, str]:
        """The package's and the command line's JSON form: ``{"kind": …, "name": …}``."""
        return {"kind": self.kind.value, "name": self.name}


_EXAMPLES = {
    OriginKind.ORGANISATION: Origin(OriginKind.ORGANISATION, "Acme Ltd"),
    OriginKind.PUBLIC: Origin(OriginKind.PUBLIC, "RFC 9110"),
}


def parse_origin(text: str) -> Origin | None:
    """The origin written as text (see the module docstring); ``None`` for ``none`` or nothing."""
    word, colon, name = text.partition(":")
    word = word.strip().lower()
    if not colon:
        if word in ("", "none"):
            return None
        if word == OriginKind.OWN:
            return Origin(OriginKind.OWN)
        if word in _PREFIXES:
            return Origin.make(_PREFIXES[word])  # says the name is missing
        raise InvalidValue(f"Unknown origin {text.strip()[:40]!r}; use {FORMS}.")
    if word == OriginKind.OWN:
        return Origin.make(OriginKind.OWN, name)  # says own takes no name, unless it is blank
    if word not in _PREFIXES:
        raise InvalidValue(f"Unknown origin {word[:40]!r} before the colon; use {FORMS}.")
    return Origin.make(_PREFIXES[word], name)


def in_origin_words(text: str) -> bool:
    """Whether ``text`` starts with a word of the text form (``own``, ``org``...), as an origin would."""
    word = text.partition(":")[0].strip().lower()
    return word in ("none", OriginKind.OWN) or word in _PREFIXES


def format_origin(origin: Origin | None) -> str:
    """The text form ``parse_origin`` reads back: ``own``, ``org:Acme Ltd``, ``public:RFC 9110``, ``none``."""
    if origin is None:
        return "none"
    if origin.kind is OriginKind.OWN:
        return "own"
    prefix = "org" if origin.kind is OriginKind.ORGANISATION else "public"
    return f"{prefix}:{origin.name}"


# -- licensing it ---------------------------------------------------------------------------


class OriginConcern(StrEnum):
    """Why an entry deserves a second look before it is licensed to someone (``origin_concern``)."""

    OTHER_ORGANISATION = "other-organisation"  # learned at an organisation that is not the licensee
    LICENSEE = "licensee"  # learned at the licensee itself


def same_organisation(a: str, b: str) -> bool:
    """Whether two names name the same organisation, as the warnings compare them.

    Case-insensitively, with spaces trimmed and collapsed, and full-width
    letters read as their plain forms (NFKC): "ACME  Ltd" is "Acme Ltd".
    Nothing cleverer: "Acme" is not "Acme Ltd". That costs nothing in safety,
    since either way the worker is warned; only the wording differs.
    """
    return _name_key(a) == _name_key(b)


def _name_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def origin_concern(origin: Origin | None, licensee_name: str) -> OriginConcern | None:
    """What to warn about before licensing knowledge of this origin to ``licensee_name``.

    Only knowledge learned at an organisation raises one: if that organisation
    is not the licensee, it may belong to that organisation; if it is the
    licensee, they may already own it. The app words the concern in its own
    language; ``origin_warning`` is the English sentence.
    """
    if origin is None or origin.kind is not OriginKind.ORGANISATION:
        return None
    if same_organisation(origin.name, licensee_name):
        return OriginConcern.LICENSEE
    return OriginConcern.OTHER_ORGANISATION


def origin_warning(origin: Origin | None, licensee_name: str) -> str | None:
    """The warning, in English, for licensing knowledge of this origin to ``licensee_name``; or ``None``."""
    concern = origin_concern(origin, licensee_name)
    if concern is None or origin is None:
        return None
    if concern is OriginConcern.LICENSEE:
        return (
            f"Learned at {origin.name}, the licensee itself: they may already own this knowledge. "
            "Know what you are selling back to them."
        )
    return (
        f"Learned at {origin.name}: this knowledge may belong to {origin.name}. "
        f"Make sure you may license it to {licensee_name}."
    )
