"""The license wizard: from a contact and some entries to a signed package.

Six steps, each its own page module: to whom (``wizard_recipient``), what
(``wizard_selection``), the terms (``wizard_terms``), how a revocation
reaches them (``wizard_revocation``), a review of exactly what leaves the
vault (``wizard_review``), and saving the package (``wizard_save``), which
ends on a page saying where it went and what to tell the employer. The pages
share one ``LicenseDraft``; every vault call runs on the worker, and the
issue itself is the core's ``Ledger.issue``, given the review's decisions.

Opened from Entry ▸ License…, the toolbar, or a selection of entries or a
tag in the sidebar (``entry_ids``, ``tag``: ticked to start with, changeable).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from knowhold.ui import icons
from knowhold.ui.licensing.wizard_draft import LicenseDraft, PageId
from knowhold.ui.licensing.wizard_recipient import RecipientPage
from knowhold.ui.licensing.wizard_review import ReviewPage
from knowhold.ui.licensing.wizard_revocation import RevocationPage
from knowhold.ui.licensing.wizard_save import DonePage, SavePage
from knowhold.ui.licensing.wizard_selection import SelectionPage
from knowhold.ui.licensing.wizard_terms import TermsPage
from knowhold.ui.session import VaultSession
from knowhold.ui.settings import Settings
from knowhold.vault.licensing.ledger import IssuedLicense


class LicenseWizard(QWizard):
    """The six steps of issuing a license; ``issued`` once it is recorded and saved."""

    issued = Signal(str)
    """The new license's id."""

    def __init__(
        self,
        session: VaultSession,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        entry_ids: Sequence[str] = (),
        tag: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("License Entries"))
        self.setWindowIcon(icons.app_icon())
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.draft = LicenseDraft()
        self.recipient_page = RecipientPage(session, self.draft)
        self.selection_page = SelectionPage(session, self.draft, entry_ids, tag)
        self.terms_page = TermsPage(session, self.draft)
        self.revocation_page = RevocationPage(session, settings, self.draft)
        self.review_page = ReviewPage(session, self.draft)
        self.save_page = SavePage(session, settings, self.draft)
        self.done_page = DonePage(self.save_page)
        pages = (
            (PageId.RECIPIENT, self.recipient_page),
            (PageId.SELECTION, self.selection_page),
            (PageId.TERMS, self.terms_page),
            (PageId.REVOCATION, self.revocation_page),
            (PageId.REVIEW, self.review_page),
            (PageId.SAVE, self.save_page),
            (PageId.DONE, self.done_page),
        )
        for page_id, page in pages:
            self.setPage(page_id, page)
        self.save_page.issued.connect(self._on_issued)
        self.setMinimumSize(820, 640)

    def _on_issued(self, issued: IssuedLicense) -> None:
        self.issued.emit(issued.license_id)

    def reject(self) -> None:
        # Not while the package is being made: Cancel in the progress dialog stops that.
        if self.save_page.busy:
            return
        super().reject()
