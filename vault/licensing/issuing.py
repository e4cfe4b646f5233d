"""The steps of issuing a license that need no ledger: the license period,
the sensitive-data screen, and building the signed package. ``Ledger.issue``
runs them in order and records the result.

The screen
----------
Every field of a package that holds the worker's own text is screened here
before anything is built: each entry's title, body and tags, its origin's
name (the organisation or public source it was learned from), the names of
the files it carries (which the signed manifest lists, readable by anyone
who sees the package), and the terms' free text (attribution, compensation
note, terms text). A field left
out of the scan is a way around it: an address kept as a tag, typed as the
organisation, or pasted into the terms, would otherwise reach the employer
even with ``--redact``.

Not screened, on purpose: the parties' names and keys (the licensee already
knows them, and changing them would break the signature's meaning), entry
ids, kinds and versions (made by Knowhold, not typed), and the revocation
``status_url`` (the employer must be able to fetch it; the worker chose it to
publish). The notice is built from the names alone.

Each finding is refused, redacted or included, and nothing else:

* by default every finding refuses the license (``SensitiveRefused``), so
  nothing sensitive leaves without the worker having decided about it;
* ``redact`` replaces each finding by its placeholder in the licensed copy
  only; the vault's entry never changes. A tag holding a finding is replaced
  whole by a tag-shaped placeholder (``redacted-email``): a tag is a short
  label, and ``[REDACTED EMAIL]`` is not a valid tag. An origin's name
  longer than an origin may be once its placeholders are in is cut to fit
  (``licensed_origin``);
* ``allow_sensitive`` includes every finding as written;
* ``include`` names single findings to include anyway (the app's review, one
  decision per finding); every other finding is then redacted or refused as
  above. A finding is named by a ``FindingKey``: where it is and a digest of
  its text. An entry edited after the review no longer has the finding the
  decision was about, so the decision matches nothing and the new text is
  redacted or refused like any other: a choice to include one value can never
  let another through.

The manifest says what happened, for the employer to see: ``redacted`` when
anything was redacted, ``sensitive_included`` when anything was included.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from knowhold.vault.errors import InvalidValue, NoContact, NotFound, SensitiveRefused
from knowhold.vault.i18n import N_, Message
from knowhold.vault.knowledge import scanner
from knowhold.vault.knowledge.entries import Entry
from knowhold.vault.knowledge.origin import MAX_ORIGIN_NAME, Origin
from knowhold.vault.licensing.identity import Contact, Contacts, Identity
from knowhold.vault.licensing.manifest import MAX_FILE_NAME
from knowhold.vault.licensing.package import Package, build_package, new_license_id
from knowhold.vault.licensing.payload import LicensedEntry, LicensedFile, notice_text
from knowhold.vault.licensing.terms import Revocation, Terms
from knowhold.vault.progress import Progress
from knowhold.vault.store.db import Database
from knowhold.vault.timefmt import format_time

# The terms' fields that hold free text, as the refusal and a FindingKey name them.
TERMS_FIELDS = ("attribution", "compensation note", "text")
FILE = "file"  # a FindingKey's field for the name of a file an entry carries
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}$")

# What ``progress`` reports as its label: each entry screened, then writing the package.
STAGE_SCREEN = "screen"
STAGE_WRITE = "write"


@dataclass(frozen=True, slots=True)
class FindingKey:
    """One finding, named so that a decision about it can come back to ``issue``.

    ``entry_id`` is ``""`` for a finding in the terms, whose ``field`` is then
    one of ``TERMS_FIELDS``; in an entry it is ``title``, ``body``, ``tags``
    (``index`` says which tag), ``origin`` (the origin's name) or ``file``
    (``index`` says which of the files it carries, in their order).
    ``start``/``end`` index that field's text, and
    ``digest`` is a SHA-256 of the text found, so that the key names that
    value there and nothing else (not the found text itself: a key may be
    shown in a log or an error).
    """

    entry_id: str
    field: str
    index: int
    start: int
    end: int
    digest: str


@dataclass(frozen=True, slots=True)
class Found:
    """A finding and its key."""

    key: FindingKey
    finding: scanner.Finding

    @property
    def placeholder(self) -> str:
        """What the finding becomes if redacted: a tag-shaped one in a tag."""
        if self.key.field == "tags":
            return tag_placeholder(self.finding.kind)
        return scanner.placeholder(self.finding.kind)


def _found(entry_id: str, field: str, index: int, finding: scanner.Finding) -> Found:
    digest = hashlib.sha256(finding.text.encode("utf-8", "surrogatepass")).hexdigest()
    return Found(FindingKey(entry_id, field, index, finding.start, finding.end, digest), finding)


def entry_findings(entry: Entry) -> tuple[Found, ...]:
    """Everything the scanner finds in an entry's title, body, tags and origin's name."""
    # The same scan as `knowhold scan`, so every finding that stops a license can be seen first.
    origin = entry.origin.name if entry.origin is not None else ""
    return tuple(
        _found(entry.id, f.field, f.index, f.finding)
        for f in scanner.scan_entry(entry.title, entry.body, entry.tags, origin)
    )


def file_findings(entry_id: str, names: Sequence[str]) -> tuple[Found, ...]:
    """Everything the scanner finds in the names of the files an entry carries."""
    return tuple(
        _found(entry_id, FILE, j, finding) for j, name in enumerate(names) for finding in scanner.scan(name)
    )


def licensed_names(names: Sequence[str], redacted: Sequence[Found]) -> tuple[str, ...]:
    """The files' names as licensed: ``redacted``'s findings in them replaced by placeholders.

    A finding may swallow the extension (``li.wei@example.com-scan.pdf`` is
    one address to the scanner), which is put back, so the file still says
    what it is; a placeholder may make a name longer than a name may be (cut
    before the extension, after redacting, so the cut never brings a value
    back) or equal to another's (then numbered), so every name still fits
    the manifest's rules.
    """
    result: list[str] = []
    for j, name in enumerate(names):
        found = [f.finding for f in redacted if f.key.field == FILE and f.key.index == j]
        if found:
            suffix = match.group() if (match := _SUFFIX.search(name)) else ""
            stem = scanner.redact(name, found)
            stem = stem.removesuffix(suffix)
            if not stem or f"{stem}{suffix}" in (*names, *result):
                stem = f"{j + 1}-{stem}"
            name = stem[: MAX_FILE_NAME - len(suffix)] + suffix
        result.append(name)
    return tuple(result)


def terms_findings(terms: Terms) -> tuple[Found, ...]:
    """Everything the scanner finds in the terms' free text."""
    values = (terms.attribution, terms.compensation.note, terms.text)
    return tuple(
        _found("", name, 0, finding)
        for name, value in zip(TERMS_FIELDS, values, strict=True)
        for finding in scanner.scan(value)
    )


@dataclass(frozen=True, slots=True)
class Screened:
    """The selected entries and the terms as they may be licensed."""

    entries: tuple[Entry, ...]
    texts: tuple[tuple[str, str, tuple[str, ...]], ...]  # (title, body, tags) to license, per entry
    origins: tuple[Origin | None, ...]  # the origin to license, per entry
    file_names: tuple[Mapping[str, str], ...]  # per entry: each file's name -> the name it leaves under
    terms: Terms
    findings: int  # everything the scanner found, in entries and terms
    redacted: int  # of those, replaced by placeholders
    included: int  # of those, included as written
    unmatched: int  # keys in ``include`` that named no finding (an entry changed since)


def tag_placeholder(kind: str) -> str:
    """The tag that replaces a tag holding a finding of ``kind`` (a valid tag itself)."""
    scanner.placeholder(kind)  # InvalidValue for an unknown kind, as placeholder gives
    return f"redacted-{kind}"


def screen(
    entries: Sequence[Entry],
    terms: Terms,
    *,
    redact: bool,
    allow_sensitive: bool,
    include: Collection[FindingKey] = frozenset(),
    file_names: Mapping[str, Sequence[str]] | None = None,
    progress: Progress | None = None,
) -> Screened:
    """Scan every field that would leave the vault; refuse, redact or keep what is found.

    Findings refuse the license (``SensitiveRefused``) unless the worker chose
    ``redact`` or ``allow_sensitive``, or named them in ``include``. The
    refusal names how many findings, where and of which kinds, never the
    values. ``file_names``: the names of the files each entry carries, by
    entry id. ``progress`` hears of each entry (``STAGE_SCREEN``) and may
    raise ``Cancelled``.
    """
    wanted = frozenset(include)
    texts: list[tuple[str, str, tuple[str, ...]]] = []
    origins: list[Origin | None] = []
    names: list[Mapping[str, str]] = []
    total = included = 0
    matched: set[FindingKey] = set()
    hidden_in: list[tuple[str, tuple[Found, ...]]] = []  # (entry id or "", findings not included)
    for done, entry in enumerate(entries):
        if progress is not None:
            progress(done, len(entries), STAGE_SCREEN)
        carried = tuple((file_names or {}).get(entry.id, ()))
        found = entry_findings(entry) + file_findings(entry.id, carried)
        hidden = _hidden(found, wanted, allow_sensitive, matched)
        total += len(found)
        included += len(found) - len(hidden)
        if hidden:
            hidden_in.append((entry.id, hidden))
        as_is = (entry.title, entry.body, entry.tags)
        texts.append(licensed_fields(*as_is, hidden) if redact and hidden else as_is)
        origins.append(licensed_origin(entry.origin, hidden) if redact and hidden else entry.origin)
        licensed = licensed_names(carried, hidden) if redact and hidden else carried
        names.append(dict(zip(carried, licensed, strict=True)))
    in_terms = terms_findings(terms)
    hidden_terms = _hidden(in_terms, wanted, allow_sensitive, matched)
    total += len(in_terms)
    included += len(in_terms) - len(hidden_terms)
    if hidden_terms:
        hidden_in.append(("", hidden_terms))
    if hidden_in and not redact:
        raise SensitiveRefused(_refusal(hidden_in), entry_ids=tuple(i for i, _ in hidden_in if i))
    if hidden_terms:
        terms = redacted_terms(terms, hidden_terms)
    redacted = sum(len(hidden) for _, hidden in hidden_in)
    return Screened(
        tuple(entries),
        tuple(texts),
        tuple(origins),
        tuple(names),
        terms,
        total,
        redacted,
        included,
        len(wanted - matched),
    )


def _hidden(
    found: Sequence[Found], include: frozenset[FindingKey], allow_sensitive: bool, matched: set[FindingKey]
) -> tuple[Found, ...]:
    """The findings not to include as written; the keys used go into ``matched``."""
    if allow_sensitive:
        return ()
    chosen = {f.key for f in found} & include
    matched |= chosen
    return tuple(f for f in found if f.key not in chosen)


def licensed_fields(
    title: str, body: str, tags: Sequence[str], redacted: Sequence[Found]
) -> tuple[str, str, tuple[str, ...]]:
    """An entry's title, body and tags as licensed: ``redacted`` replaced by placeholders."""
    in_title = [f.finding for f in redacted if f.key.field == "title"]
    in_body = [f.finding for f in redacted if f.key.field == "body"]
    # A tag with several findings takes the first one's kind.
    by_tag = {f.key.index: f.placeholder for f in reversed(redacted) if f.key.field == "tags"}
    kept = {by_tag.get(i, tag) for i, tag in enumerate(tags)}
    # Sorted and without repeats, as the vault keeps tags: two redacted tags may now be equal.
    return scanner.redact(title, in_title), scanner.redact(body, in_body), tuple(sorted(kept))


def licensed_origin(origin: Origin | None, redacted: Sequence[Found]) -> Origin | None:
    """An entry's origin as licensed: ``redacted``'s findings in its name replaced by placeholders.

    A placeholder may be longer than what it replaces ("[REDACTED IPV4]" for
    "1.2.3.4"), so a name near the limit could outgrow it: it is then cut to
    the limit, ending in "…". Only the end of the name is cut, after every
    redaction is made, so the cut never brings a redacted value back.
    """
    in_name = [f.finding for f in redacted if f.key.field == "origin"]
    if origin is None or not in_name:
        return origin
    name = scanner.redact(origin.name, in_name)
    if len(name) > MAX_ORIGIN_NAME:
        name = name[: MAX_ORIGIN_NAME - 1] + "…"
    # Through make, so the licensed copy is held to every rule of an origin's name.
    return Origin.make(origin.kind, name)


def redacted_terms(terms: Terms, redacted: Sequence[Found]) -> Terms:
    """The terms as licensed: ``redacted`` (findings in their free text) replaced by placeholders."""

    def field(name: str, value: str) -> str:
        return scanner.redact(value, [f.finding for f in redacted if f.key.field == name])

    return dataclasses.replace(
        terms,
        attribution=field("attribution", terms.attribution),
        compensation=dataclasses.replace(
            terms.compensation, note=field("compensation note", terms.compensation.note)
        ),
        text=field("text", terms.text),
    )


def _refusal(hidden_in: Sequence[tuple[str, Sequence[Found]]]) -> str:
    # Counts as "findings: 2", not "2 findings": English plurals belong to the
    # presenters, and so does the command to review them (vault.cli.output.HINTS).
    total = sum(len(found) for _, found in hidden_in)
    kinds = {f.finding.kind for _, found in hidden_in for f in found}
    ordered = ", ".join(sorted(kinds, key=scanner.KINDS.index))
    flagged = [entry_id for entry_id, _ in hidden_in if entry_id]
    in_terms = len(flagged) < len(hidden_in)
    places = [f"entries: {len(flagged)}"] if flagged else []
    # An origin is not where one looks for an address: it is named, as the terms are.
    in_origin = any(f.key.field == "origin" for _, found in hidden_in for f in found)
    if in_origin:
        places.append("in an origin")
    if any(f.key.field == FILE for _, found in hidden_in for f in found):
        places.append("in an attachment's name")
    if in_terms:
        places.append("in the license terms")
    origin = " An entry's origin (the organisation or source named) leaves with it too." if in_origin else ""
    terms = " Take them out of the attribution, compensation note or terms text." if in_terms else ""
    counts = "; ".join([f"findings: {total}", *places, ordered])
    return f"Sensitive data found ({counts}): nothing was issued.{origin}{terms}"


def find_licensee(db: Database, to: str) -> Contact:
    """The contact named ``to``, whom a license is sealed to; ``NoContact`` if there is none."""
    try:
        return Contacts(db).get(to)
    except NotFound:
        raise NoContact(f"No contact named {to!r}.") from None


def licensee_warnings(contact: Contact) -> list[str]:
    """What the worker should know about issuing to ``contact``: an unverified one's keys."""
    if contact.verified:
        return []
    unverified = N_(
        "{name} is not verified: compare fingerprints with them ({fingerprint}), then mark them verified."
    )
    return [Message(unverified, name=contact.name, fingerprint=contact.fingerprint)]


# -- the period and the package ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Period:
    now: int  # the issue time
    not_before: int
    expires_at: int


@dataclass(frozen=True, slots=True)
class Built:
    """A signed package, not yet written or recorded."""

    license_id: str
    licensed: list[LicensedEntry]
    data: bytes
    package: Package


def _renamed(files: Sequence[LicensedFile], names: Mapping[str, str]) -> tuple[LicensedFile, ...]:
    """The files under the names the screen licensed."""
    return tuple(dataclasses.replace(f, name=names.get(f.name, f.name)) for f in files)


def check_period(now: int, not_before: int | None, expires_at: int) -> int:
    """The start (now by default); the end must be after it and in the future: no license lasts forever."""
    not_before = now if not_before is None else not_before
    if expires_at <= now:
        raise InvalidValue(f"The end date {format_time(expires_at)} is not in the future.")
    if expires_at <= not_before:
        raise InvalidValue(
            f"The end date {format_time(expires_at)} must be after the start {format_time(not_before)}."
        )
    return not_before


def build(
    identity: Identity,
    contact: Contact,
    screened: Screened,
    period: Period,
    revocation: Revocation,
    files: Mapping[str, tuple[LicensedFile, ...]],
) -> Built:
    """The signed package of the screened entries, sealed to the contact's keys (nothing written).

    ``files``: what each entry carries, by entry id, already cleaned (``vault.licensing.outgoing``),
    under the names the screen licensed (``Screened.file_names``).
    """
    licensee = contact.identity
    license_id = new_license_id()
    notice = notice_text(identity.public.name, licensee.name, license_id, period.expires_at)
    licensed = [
        LicensedEntry(
            e.id, e.version, e.kind, title, body, tags, notice, origin, _renamed(files.get(e.id, ()), names)
        )
        for e, (title, body, tags), origin, names in zip(
            screened.entries, screened.texts, screened.origins, screened.file_names, strict=True
        )
    ]
    data, package = build_package(
        identity,
        licensee,
        licensed,
        license_id=license_id,
        issued_at=period.now,
        not_before=period.not_before,
        expires_at=period.expires_at,
        terms=screened.terms,
        revocation=revocation,
        redacted=screened.redacted > 0,
        sensitive_included=screened.included > 0,
    )
    return Built(license_id, licensed, data, package)
