"""What the license wizard's pages have chosen so far, shared by all of them.

Each page writes its part when the worker goes on (``validatePage``) and
reads the earlier pages' parts when it is shown (``initializePage``), so a
page knows nothing of the others' widgets. Nothing here touches the vault:
the review and the issue run on the worker from what this holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from knowhold.vault.licensing.identity import Contact
from knowhold.vault.licensing.issuing import FindingKey
from knowhold.vault.licensing.terms import Revocation, Terms


class PageId(IntEnum):
    RECIPIENT = 0
    SELECTION = 1
    TERMS = 2
    REVOCATION = 3
    REVIEW = 4
    SAVE = 5
    DONE = 6


@dataclass(slots=True)
class LicenseDraft:
    now: int | None = None  # the vault's clock as the wizard opened: the dates start from it
    licensee: Contact | None = None
    entry_ids: tuple[str, ...] = ()  # as chosen on the second page, in the list's order
    left_out: tuple[str, ...] = ()  # private entries the wizard was opened on: shown as left out
    terms: Terms = field(default_factory=Terms.make)
    not_before: int | None = None  # None: from the moment it is issued
    expires_at: int = 0
    revocation: Revocation = field(default_factory=Revocation)
    include: frozenset[FindingKey] = frozenset()  # findings to include as written; the rest are redacted
    removed: frozenset[str] = frozenset()  # entries the review took out
    findings: int = 0  # the review's findings in what will leave (the entries kept, the terms)
    attachments: bool = True  # the entries' files leave with them, cleaned of their metadata

    @property
    def starts(self) -> int:
        """When the license starts: the day chosen, else the moment the wizard opened."""
        return self.not_before if self.not_before is not None else self.now or 0

    @property
    def licensed_ids(self) -> tuple[str, ...]:
        """The entries the package will hold: those chosen, less those the review took out."""
        return tuple(i for i in self.entry_ids if i not in self.removed)
