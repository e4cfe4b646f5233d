"""What a license would take out of the vault, shown before it is issued.

The app's license wizard ends on a review: entry by entry and field by
field, exactly what the package would hold, with every finding of the
sensitive-data scanner, so the worker decides about each one ("redact",
"remove this entry", "include anyway") before anything is signed. This
module reads that from the vault; ``Ledger.issue`` then takes the decisions
(``include_anyway``) and screens the entries again itself.

What each check here defends against:

* **Findings** come from ``issuing.entry_findings`` and
  ``issuing.terms_findings``, the very functions the issue screens with, and
  ``EntryReview.licensed``, ``EntryReview.licensed_origin`` and
  ``Review.licensed_terms`` apply decisions with the issue's own
  ``licensed_fields``, ``licensed_origin`` and ``redacted_terms``: what the
  review shows is what the package holds, never a second guess at it. Their
  keys are the issue's ``FindingKey``: an entry edited after the review no
  longer matches a decision made on its old text (``vault.licensing.issuing``).
* **Private entries** can never be licensed; they come back in ``excluded``
  with the reason (``PRIVATE``), and so do entries in the trash
  (``IN_TRASH``), so the app greys them rather than letting the issue refuse.
* **Template guidance** left untouched (``templates.untouched_guidance``) is
  flagged: the template's instructions to the worker ("*What this checklist
  protects against.*") are no knowledge, and an employer paying for an entry
  that still holds them gets a draft.
* **Files** that would leave with each entry come from ``outgoing_files``,
  the very function the issue carries them with: each one's name, type and
  size as carried, whether its metadata is removed (images) or leaves with
  it (any other type), what was found and removed (a GPS position, EXIF,
  XMP…), and why a damaged image cannot leave. Their names are screened
  like the title (``file_findings``; ``licensed_file_names`` applies the
  decisions): the signed manifest lists them where anyone can read them.
* **Warnings**: the licensee's (an unverified contact, ``licensee_warnings``)
  and each entry's, gathered in one place (``_entry_warnings``): today where
  its knowledge comes from (``origin_warning``: learned at another
  organisation, which may own it, or at the licensee itself, which may
  already). The sentences are English, for any presenter; the entry's
  ``origin`` comes with them, so the app words the concern in its own
  language (``origin_concern``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from knowhold.vault.errors import InvalidValue
from knowhold.vault.knowledge.entries import Entry
from knowhold.vault.knowledge.origin import Origin, origin_warning
from knowhold.vault.knowledge.templates import untouched_guidance
from knowhold.vault.licensing.identity import Contact
from knowhold.vault.licensing.issuing import (
    FindingKey,
    Found,
    entry_findings,
    file_findings,
    find_licensee,
    licensed_fields,
    licensed_names,
    licensed_origin,
    licensee_warnings,
    redacted_terms,
    terms_findings,
)
from knowhold.vault.licensing.ledger import MAX_ENTRIES
from knowhold.vault.licensing.outgoing import OutgoingFile, outgoing_files
from knowhold.vault.licensing.terms import Terms
from knowhold.vault.store.storage import Vault

# Why an entry chosen cannot be licensed.
PRIVATE = "private"
IN_TRASH = "trash"


@dataclass(frozen=True, slots=True)
class EntryReview:
    """One entry as it would leave the vault, before any decision about its findings."""

    id: str
    version: int
    kind: str
    title: str
    body: str
    tags: tuple[str, ...]
    origin: Origin | None  # where its knowledge comes from; None: not recorded
    findings: tuple[Found, ...]  # title, body, tags, the origin's name, then the files' names, each in order
    guidance: tuple[str, ...]  # template prompt lines the body still holds
    warnings: tuple[str, ...]
    files: tuple[OutgoingFile, ...] = ()  # the attachments that would leave with it, cleaned

    def licensed(self, include: Collection[FindingKey]) -> tuple[str, str, tuple[str, ...]]:
        """Title, body and tags as they would leave: findings redacted, except those in ``include``."""
        redacted = [f for f in self.findings if f.key not in include]
        return licensed_fields(self.title, self.body, self.tags, redacted)

    def licensed_file_names(self, include: Collection[FindingKey]) -> tuple[str, ...]:
        """The files' names as they would leave: findings redacted, except those in ``include``."""
        names = [f.name for f in self.files]
        return licensed_names(names, [f for f in self.findings if f.key not in include])

    def licensed_origin(self, include: Collection[FindingKey]) -> Origin | None:
        """The origin as it would leave: findings in its name redacted, except those in ``include``."""
        return licensed_origin(self.origin, [f for f in self.findings if f.key not in include])


@dataclass(frozen=True, slots=True)
class Excluded:
    """An entry chosen that can never be licensed, and why (``PRIVATE`` or ``IN_TRASH``)."""

    id: str
    title: str
    reason: str


@dataclass(frozen=True, slots=True)
class Review:
    licensee: Contact
    entries: tuple[EntryReview, ...]  # in the order asked for
    excluded: tuple[Excluded, ...]
    terms: Terms
    terms_findings: tuple[Found, ...]
    warnings: tuple[str, ...]  # about the license as a whole

    @property
    def findings(self) -> tuple[Found, ...]:
        """Every finding, entries first, then the terms'."""
        return (*(f for e in self.entries for f in e.findings), *self.terms_findings)

    def licensed_terms(self, include: Collection[FindingKey]) -> Terms:
        """The terms as they would be signed: findings redacted, except those in ``include``."""
        return redacted_terms(self.terms, [f for f in self.terms_findings if f.key not in include])


def review(vault: Vault, *, to: str, entry_ids: Iterable[str], terms: Terms) -> Review:
    """What licensing ``entry_ids`` to contact ``to`` under ``terms`` would take out of the vault.

    ``NoContact`` for an unknown contact, ``NotFound`` for an unknown entry id;
    private and trashed entries are not errors here but ``excluded``.
    """
    contact = find_licensee(vault.db, to)
    wanted = list(dict.fromkeys(entry_ids))
    if len(wanted) > MAX_ENTRIES:  # before reading every body
        raise InvalidValue(f"A license holds at most {MAX_ENTRIES} entries; {len(wanted)} were selected.")
    licensable: list[EntryReview] = []
    excluded: list[Excluded] = []
    for entry in vault.entries.get_many(wanted):
        reason = IN_TRASH if entry.in_trash else PRIVATE if entry.private else None
        if reason is not None:
            excluded.append(Excluded(entry.id, entry.title, reason))
            continue
        files = outgoing_files(vault.attachments, [entry.id]).files
        licensable.append(
            EntryReview(
                id=entry.id,
                version=entry.version,
                kind=entry.kind,
                title=entry.title,
                body=entry.body,
                tags=entry.tags,
                origin=entry.origin,
                findings=entry_findings(entry) + file_findings(entry.id, [f.name for f in files]),
                guidance=untouched_guidance(entry.body),
                warnings=_entry_warnings(entry, contact),
                files=files,
            )
        )
    return Review(
        licensee=contact,
        entries=tuple(licensable),
        excluded=tuple(excluded),
        terms=terms,
        terms_findings=terms_findings(terms),
        warnings=tuple(licensee_warnings(contact)),
    )


def _entry_warnings(entry: Entry, licensee: Contact) -> tuple[str, ...]:
    """Everything the worker should know before licensing ``entry`` to ``licensee``.

    The one place per-entry warnings are gathered: the wizard shows each under its entry.
    """
    warnings = [origin_warning(entry.origin, licensee.name)]
    return tuple(w for w in warnings if w is not None)
