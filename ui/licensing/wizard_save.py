"""The license wizard's last steps: save the package, then say what to do with it.

"Save License…" asks where (a name made from the licensee and the date, in
the folder packages were last saved to) and issues on the worker as a
``ProgressOp``: a thousand entries take a moment, the window never waits, and
Cancel stops it before anything is recorded or written (``Ledger.issue``).
The save page is a commit page: once the license is recorded there is no
going back to change it (a new license would be another one). The last page
says where the file is, opens its folder, and holds a short message the
worker can copy to the employer, saying how to open the package.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from knowhold.ui.dialogs.choose import PACKAGE_SUFFIX, Choose, documents_folder
from knowhold.ui.licensing.wizard_draft import LicenseDraft
from knowhold.ui.session import VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.tasks import PROGRESS_DELAY_MS, Failure, ProgressOp
from knowhold.ui.widgets.form_parts import message_label, plain_label
from knowhold.vault.errors import Cancelled
from knowhold.vault.licensing.issuing import STAGE_SCREEN, STAGE_WRITE
from knowhold.vault.licensing.ledger import IssuedLicense, Ledger
from knowhold.vault.progress import Progress
from knowhold.vault.text import dashed

MAX_STEM = 60


def day_text(seconds: int) -> str:
    """The local day of ``seconds``, written out in the app's language."""
    date = QDateTime.fromSecsSinceEpoch(seconds).date()
    return QLocale().toString(date, QLocale.FormatType.LongFormat)


def package_file_name(licensee: str, day: str) -> str:
    """``Acme-Support-2026-09-21.knowhold``: letters and digits of the name (any script), dashes, the day.

    The name came from a card: path separators, dots and control characters
    become dashes, so the name cannot point elsewhere or hide its suffix.
    """
    return f"{dashed(licensee, MAX_STEM) or 'license'}-{day}{PACKAGE_SUFFIX}"


class SavePage(QWizardPage):
    """Says what will be issued; its commit button asks where and issues."""

    issued = Signal(object)
    """The ``IssuedLicense``, once recorded and written."""

    def __init__(
        self, session: VaultSession, settings: Settings, draft: LicenseDraft, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        self._draft = draft
        self.result: IssuedLicense | None = None
        self.op: ProgressOp[IssuedLicense] | None = None
        self.delay_ms = PROGRESS_DELAY_MS  # before the progress dialog shows (tests: 0)
        self.setTitle(self.tr("Save the license"))
        self.setSubTitle(
            self.tr("Knowhold signs the package, seals it to their keys and records it in your ledger.")
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Save License…"))
        self.about = plain_label("")
        self.about.setAccessibleName(self.tr("The license"))
        self.recap = QGridLayout()
        self.recap.setColumnStretch(1, 1)
        self.recap.setVerticalSpacing(8)
        self._recap_fields: dict[str, QLabel] = {}
        captions = (
            ("to", self.tr("To:")),
            ("entries", self.tr("Entries:")),
            ("period", self.tr("Valid:")),
            ("sensitive", self.tr("Sensitive items:")),
            ("revocation", self.tr("Revocation:")),
            ("file", self.tr("Saved as:")),
        )
        for row, (key, caption) in enumerate(captions):
            field = plain_label("")
            self._recap_fields[key] = field
            self.recap.addWidget(QLabel(caption), row, 0, Qt.AlignmentFlag.AlignTop)
            self.recap.addWidget(field, row, 1, Qt.AlignmentFlag.AlignTop)
        self.error = message_label(self, self.tr("Save error"), lines=3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addSpacing(8)
        layout.addLayout(self.recap)
        layout.addStretch(1)
        layout.addWidget(self.error)

    def initializePage(self) -> None:
        draft = self._draft
        licensee = draft.licensee
        if licensee is None:
            return
        self.about.setText(
            self.tr(
                "Check the license once more. Save License… asks where to save the package, then issues it."
            )
        )
        fields = self._recap_fields
        verified = self.tr("verified") if licensee.verified else self.tr("not verified")
        fields["to"].setText(self.tr("{name} ({verified})").format(name=licensee.name, verified=verified))
        fields["entries"].setText(self.tr("%n entries", "", len(draft.licensed_ids)))
        fields["period"].setText(
            self.tr("From {start} to the end of {end}").format(
                start=day_text(draft.starts), end=day_text(draft.expires_at)
            )
        )
        included = len(draft.include)
        fields["sensitive"].setText(
            self.tr("None found.")
            if not draft.findings
            else self.tr("Redacted: {redacted}; included as written: {included}.").format(
                redacted=draft.findings - included, included=included
            )
        )
        url = draft.revocation.status_url
        fields["revocation"].setText(
            self.tr("Through {url}").format(url=url)
            if url
            else self.tr("No status address: revoking reaches them only at the end date or by a status file.")
        )
        fields["file"].setText(self.suggested_path().name)
        self.error.hide()

    @property
    def busy(self) -> bool:
        return self.op is not None and self.op.running

    def isComplete(self) -> bool:
        return not self.busy

    def validatePage(self) -> bool:
        """The commit button asks where and starts the issue; the wizard goes on when it is done."""
        if self.result is not None:
            return True
        if not self.busy:
            path = Choose.package_to_save(self, self.suggested_path())
            if path is not None:
                self.issue(path)
        return False

    def suggested_path(self) -> Path:
        draft = self._draft
        folder = Path(self._settings.package_folder or documents_folder())
        day = QDateTime.fromSecsSinceEpoch(draft.now or 0).date().toString("yyyy-MM-dd")
        return folder / package_file_name(draft.licensee.name if draft.licensee is not None else "", day)

    def issue(self, path: Path) -> None:
        """Issue the license to ``path`` on the worker, with progress and Cancel."""
        draft, session = self._draft, self._session
        licensee = draft.licensee
        if licensee is None:
            return

        def work(progress: Progress) -> IssuedLicense:
            return Ledger(session.vault()).issue(
                to=licensee.name,
                entry_ids=draft.licensed_ids,
                expires_at=draft.expires_at,
                not_before=draft.not_before,
                terms=draft.terms,
                revocation=draft.revocation,
                # Every finding the review did not let through is redacted: the review's
                # default, and the safe one for a finding that appeared since.
                redact=True,
                include_anyway=draft.include,
                attachments=draft.attachments,
                out=path,
                progress=progress,
            )

        self.error.hide()
        self.op = (
            ProgressOp(
                self,
                work,
                lambda issued: self._on_issued(issued, path),
                title=self.tr("Issuing the License"),
                label=self.tr("Packaging the entries for {name}…").format(name=licensee.name),
                delay_ms=self.delay_ms,
            )
            .describe(self._progress_text)
            .failure(self._on_failed)
        )
        self.op.run()
        self._set_busy()

    def _progress_text(self, done: int, total: int, stage: str) -> str:
        if stage == STAGE_SCREEN:
            return self.tr("Checking entry {done} of {total}").format(done=done + 1, total=total)
        if stage == STAGE_WRITE:
            return self.tr("Signing and writing the package…")
        return ""

    def _set_busy(self) -> None:
        busy = self.busy
        self.completeChanged.emit()  # the wizard re-enables its buttons here…
        wizard = self.wizard()
        if wizard is not None:  # …so Back and Cancel are disabled after it
            wizard.button(QWizard.WizardButton.BackButton).setEnabled(not busy)
            wizard.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)

    def _on_issued(self, issued: IssuedLicense, path: Path) -> None:
        self.result = issued
        self._settings.package_folder = str(path.parent)
        self._set_busy()
        self.issued.emit(issued)
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    def _on_failed(self, failure: Failure) -> None:
        self._set_busy()
        if isinstance(failure.error, Cancelled):
            self.error.setText(self.tr("Cancelled: nothing was issued, recorded or saved."))
        else:
            self.error.setText(failure.message)
        self.error.show()


class DonePage(QWizardPage):
    """Where the package is, its folder, and a message to send with it."""

    def __init__(self, save_page: SavePage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._save_page = save_page
        self.setTitle(self.tr("License saved"))
        self.setSubTitle(self.tr("Send the package to them, with a few words on what to do with it."))
        self.where = plain_label("")
        self.where.setAccessibleName(self.tr("Where it was saved"))
        self.warnings = plain_label("")
        self.warnings.hide()
        self.show_folder = QPushButton(self.tr("Show in &Folder"))
        self.show_folder.setAutoDefault(False)
        self.show_folder.clicked.connect(self.open_folder)
        self.message = QPlainTextEdit()
        self.message.setAccessibleName(self.tr("Message to send"))
        self.copy = QPushButton(self.tr("&Copy Message"))
        self.copy.setAutoDefault(False)
        self.copy.clicked.connect(self.copy_message)
        self.copied = plain_label("")
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_folder)
        buttons.addWidget(self.copy)
        buttons.addWidget(self.copied, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.warnings)
        layout.addWidget(plain_label(self.tr("A message you can paste to them:")))
        layout.addWidget(self.message, 1)
        layout.addLayout(buttons)

    @property
    def package(self) -> Path | None:
        issued = self._save_page.result
        return Path(issued.out_path) if issued is not None and issued.out_path else None

    def initializePage(self) -> None:
        issued, package = self._save_page.result, self.package
        if issued is None or package is None:
            return
        self.where.setText(
            self.tr("Saved to {path}. The license is recorded in your ledger as {id}.").format(
                path=package, id=issued.license_id[:8]
            )
        )
        self.warnings.setText("\n".join(issued.warnings))
        self.warnings.setVisible(bool(issued.warnings))
        self.message.setPlainText(
            self.tr(
                "Hello {licensee},\n\n"
                "I have licensed %n entries of my work knowledge to you, until {end}. The "
                "attached file {file} is a Knowhold license package; only your Knowhold vault "
                "can open it.\n\n"
                "To open it, in the Knowhold app choose File ▸ Open License… (or drop the file "
                "on its window), read the report and add it to your library. On the command "
                "line: knowhold verify {file}, then knowhold received ingest {file}.\n\n"
                "Once you have read the terms, please accept them in Knowhold and send me the "
                "receipt it saves.",
                "",
                len(issued.entries),
            ).format(licensee=issued.licensee, end=day_text(issued.expires_at), file=package.name)
        )

    def open_folder(self) -> None:
        package = self.package
        if package is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(package.parent)))

    def copy_message(self) -> None:
        # Nothing secret in it: an ordinary copy, left on the clipboard.
        QGuiApplication.clipboard().setText(self.message.toPlainText())
        self.copied.setText(self.tr("Copied."))
