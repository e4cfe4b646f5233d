"""First start: a wizard that creates the vault and shows its recovery code once.

Welcome (and where the vault lives) → your name → a passphrase (twice, with a strength meter; weak or
mismatched ones cannot go on) → the recovery code. Creating the vault
calibrates Argon2id on this machine (a second or so), so it runs on the
serial worker as an Op while the page stays responsive; the passphrase page
is a commit page, so once the vault exists there is no going back to it.
The recovery code is shown large and grouped, with no copy button: writing
it on paper is the point, and a copy on the clipboard would outlive the
wizard. Continue is enabled only once "I have written it down" is ticked,
and the wizard cannot be cancelled from there: the code is never shown again.

The vault's folder is proposed (the usual place, under the user's data
folder) and may be changed, typed or chosen with Browse…: a folder that
does not exist yet is made, an empty one is used, and any other is refused
with a sentence saying why, because the vault makes its folder private and
must not share it with the worker's other files. Leaving the welcome page
points the session at the folder chosen; ``ui.app`` remembers it.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from knowhold.ui import icons
from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.session import NewVault, Unlocked, VaultSession
from knowhold.ui.tasks import DelayedBusy, Failure, Op
from knowhold.ui.widgets.form_parts import busy_bar, keep_space_when_hidden, message_label, plain_label
from knowhold.ui.widgets.new_passphrase import NewPassphrase
from knowhold.ui.widgets.recovery_code import RecoveryCodeView, grouped_code
from knowhold.vault.licensing.identity import NAME_MAX
from knowhold.vault.store.keys import Argon2Params

__all__ = ["CreateVaultWizard", "PageId", "grouped_code"]


class PageId(IntEnum):
    WELCOME = 0
    NAME = 1
    PASSPHRASE = 2
    RECOVERY = 3


# -- pages ----------------------------------------------------------------------------------


def folder_problem(text: str) -> str | None:
    """Why the typed folder cannot hold a new vault, in a sentence; None when it can."""
    translate = QCoreApplication.translate
    if not text.strip():
        return translate("WelcomePage", "Choose a folder for the vault.")
    folder = Path(text.strip()).expanduser()
    if not folder.is_absolute():
        return translate("WelcomePage", "Type the folder's whole path, or choose it with Browse….")
    if folder.exists() and not folder.is_dir():
        return translate("WelcomePage", "That is a file, not a folder. Choose a folder for the vault.")
    try:
        in_use = folder.is_dir() and any(folder.iterdir())
    except OSError:
        return translate("WelcomePage", "This folder cannot be read. Choose another one.")
    if in_use:
        return translate(
            "WelcomePage",
            "This folder is not empty. Choose an empty folder, or add a new folder's name at the end: "
            "the vault keeps a folder of its own.",
        )
    return None


class WelcomePage(QWizardPage):
    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setTitle(self.tr("Welcome to Knowhold"))
        self.setSubTitle(self.tr("A private place for what you know about your work."))
        self.about = plain_label(
            self.tr(
                "Knowhold keeps what you know about your work (playbooks, rules of thumb, "
                "decisions, checklists) in an encrypted vault on this computer. Nothing leaves "
                "it unless you choose to license a part of it to an employer, on your terms."
            )
        )
        self.folder = QLineEdit(str(session.path))
        self.folder.setAccessibleName(self.tr("Vault folder"))
        self.folder.setMinimumHeight(30)
        self.folder.textChanged.connect(self._check)
        label = QLabel(self.tr("&Keep the vault in this folder:"))
        label.setBuddy(self.folder)
        self.browse = QPushButton(self.tr("&Browse…"))
        self.browse.setAutoDefault(False)  # Enter goes on to the next page
        self.browse.clicked.connect(self._browse)
        self.hint = plain_label(self.tr("A folder that does not exist yet is made."))
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.problem = message_label(self, self.tr("Vault folder problem"), lines=2)
        keep_space_when_hidden(self.problem)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addSpacing(12)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self._check()

    @property
    def chosen(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def isComplete(self) -> bool:
        return folder_problem(self.folder.text()) is None

    def _check(self) -> None:
        problem = folder_problem(self.folder.text())
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)
        self.completeChanged.emit()

    def _browse(self) -> None:
        start = self.chosen
        while not start.is_dir() and start != start.parent:
            start = start.parent  # the nearest folder that exists
        folder = Choose.vault_folder(self, start)
        if folder is not None:
            self.folder.setText(str(folder))

    def validatePage(self) -> bool:
        self._session.path = self.chosen  # no vault is open yet: the one to be made is here
        return True


class NamePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your name"))
        self.setSubTitle(
            self.tr("Shown on the licenses you give, so an employer can see who they come from.")
        )
        self.name = QLineEdit()
        self.name.setMaxLength(NAME_MAX)
        self.name.setPlaceholderText(self.tr("For example: Li Wei"))
        self.name.setAccessibleName(self.tr("Your name"))
        self.name.setMinimumHeight(30)
        self.name.textChanged.connect(self.completeChanged)
        label = QLabel(self.tr("&Name"))
        label.setBuddy(self.name)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.name)
        layout.addStretch(1)

    @property
    def value(self) -> str:
        return self.name.text().strip()

    def isComplete(self) -> bool:
        return bool(self.value)


class PassphrasePage(QWizardPage):
    """Passphrase twice with the meter; Create runs ``session.create`` on the worker."""

    def __init__(
        self,
        session: VaultSession,
        name_page: NamePage,
        kdf: Argon2Params | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._name_page = name_page
        self._kdf = kdf
        self._busy_now = False
        self.created: NewVault | None = None

        self.setTitle(self.tr("Choose a passphrase"))
        self.setSubTitle(
            self.tr(
                "It encrypts your vault. A few unrelated words are easier to remember and "
                "harder to guess than a short password full of symbols."
            )
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Create vault"))

        self.fields = NewPassphrase(self.tr("&Passphrase"), self.tr("&Repeat passphrase"))
        self.fields.changed.connect(self.completeChanged)
        self.error = message_label(self, self.tr("Create error"), lines=2)
        self.busy_label = plain_label(
            self.tr("Creating your vault… Its key is made slow to guess on purpose: a second or so.")
        )
        self.busy_label.hide()
        keep_space_when_hidden(self.busy_label)
        self.busy_bar = busy_bar(self.tr("Creating the vault"))
        self._busy = DelayedBusy(self._show_busy, self._hide_busy)

        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addWidget(self.fields)
        layout.addStretch(1)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.busy_bar)

    def initializePage(self) -> None:
        self.fields.set_user_inputs([self._name_page.value, "knowhold"])
        self.fields.passphrase.setFocus()

    # -- state ----------------------------------------------------------------------------

    @property
    def is_busy(self) -> bool:
        return self._busy_now

    def isComplete(self) -> bool:
        return not self._busy_now and self.fields.ready

    def _set_busy(self, busy: bool) -> None:
        self._busy_now = busy
        self.fields.setEnabled(not busy and self.created is None)
        text = self.tr("Creating…") if busy else self.tr("Create vault")
        self.setButtonText(QWizard.WizardButton.CommitButton, text)
        self.completeChanged.emit()  # the wizard re-enables its buttons here…
        wizard = self.wizard()
        if wizard is not None:  # …so Back and Cancel are disabled after it
            wizard.button(QWizard.WizardButton.BackButton).setEnabled(not busy)
            wizard.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)
        self._busy.set_running(busy)

    def _show_busy(self) -> None:
        self.busy_label.show()
        self.busy_bar.show()

    def _hide_busy(self) -> None:
        self.busy_label.hide()
        self.busy_bar.hide()

    # -- creating ------------------------------------------------------------------------

    def validatePage(self) -> bool:
        """Next starts the creation and says no; the wizard moves on when it is done."""
        if self.created is not None:
            return True
        if self.isComplete():
            self._create()
        return False

    def _create(self) -> None:
        self.error.hide()
        self._set_busy(True)
        session, kdf = self._session, self._kdf
        name, passphrase = self._name_page.value, self.fields.text
        Op(self, lambda: session.create(name, passphrase, kdf), self._on_created).failure(
            self._on_failed
        ).run()

    def _on_created(self, created: NewVault) -> None:
        self.created = created
        self.fields.clear()  # the secret stays in the widgets no longer than needed
        self._set_busy(False)
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    def _on_failed(self, failure: Failure) -> None:
        self._set_busy(False)
        self.error.setText(failure.message)
        self.error.show()
        self.fields.passphrase.setFocus()


class RecoveryCodePage(QWizardPage):
    def __init__(self, passphrase_page: PassphrasePage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._passphrase_page = passphrase_page
        self.setTitle(self.tr("Write down your recovery code"))
        self.setSubTitle(
            self.tr("If you ever forget your passphrase, this code is the only way into your vault.")
        )
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Continue"))

        # The display is shared with the dialog that makes a new code (settings).
        self.view = RecoveryCodeView()
        self.code, self.advice, self.written = self.view.code, self.view.advice, self.view.written
        self.written.toggled.connect(self.completeChanged)

        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addStretch(1)

    def initializePage(self) -> None:
        created = self._passphrase_page.created
        self.view.show_code(created.recovery_code if created is not None else "")

    def isComplete(self) -> bool:
        return self.view.confirmed

    def forget(self) -> None:
        self.view.forget()


# -- the wizard --------------------------------------------------------------------------------


class CreateVaultWizard(QWizard):
    """The first-start wizard; ``unlocked`` is set on Continue, the vault open in the session."""

    def __init__(
        self,
        session: VaultSession,
        kdf: Argon2Params | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Create your Knowhold vault"))
        self.setWindowIcon(icons.app_icon())
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, icons.pixmap("icon", 48, self.devicePixelRatioF()))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.unlocked: Unlocked | None = None

        self.welcome = WelcomePage(session)
        self.name_page = NamePage()
        self.passphrase_page = PassphrasePage(session, self.name_page, kdf)
        self.recovery_page = RecoveryCodePage(self.passphrase_page)
        self.setPage(PageId.WELCOME, self.welcome)
        self.setPage(PageId.NAME, self.name_page)
        self.setPage(PageId.PASSPHRASE, self.passphrase_page)
        self.setPage(PageId.RECOVERY, self.recovery_page)
        self.setMinimumSize(580, 460)
        self.currentIdChanged.connect(self._on_page)

    def _on_page(self, page_id: int) -> None:
        # On the last page Back is of no use (the vault exists): show Continue alone.
        layout = [QWizard.WizardButton.Stretch]
        if page_id != PageId.RECOVERY:
            layout += [
                QWizard.WizardButton.BackButton,
                QWizard.WizardButton.NextButton,
                QWizard.WizardButton.CommitButton,
            ]
        layout += [QWizard.WizardButton.FinishButton]
        if page_id != PageId.RECOVERY:
            layout += [QWizard.WizardButton.CancelButton]
        self.setButtonLayout(layout)

    @classmethod
    def ask(
        cls, session: VaultSession, kdf: Argon2Params | None = None, parent: QWidget | None = None
    ) -> Unlocked | None:
        """Run the wizard; the new vault, open in ``session``, or None if the user gave up."""
        wizard = cls(session, kdf, parent)
        accepted = wizard.exec() == QWizard.DialogCode.Accepted
        wizard.deleteLater()
        return wizard.unlocked if accepted else None

    @property
    def vault_created(self) -> bool:
        return self.passphrase_page.created is not None

    def reject(self) -> None:
        # Not while the vault is being made, and not once it exists: the recovery
        # code would be lost with the window. Escape and closing do nothing then.
        if self.passphrase_page.is_busy or self.vault_created:
            return
        super().reject()

    def accept(self) -> None:
        created = self.passphrase_page.created
        if created is None or not self.recovery_page.isComplete():
            return
        self.unlocked = Unlocked(created.name)
        self.recovery_page.forget()
        super().accept()
