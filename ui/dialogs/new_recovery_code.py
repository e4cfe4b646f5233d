"""Making a new recovery code: prove the passphrase, then see the new code once.

The first page asks for the passphrase (an unlocked vault is no proof that
the person at the keyboard knows it, and a recovery code is a way in for
good). Checking it and replacing the recovery slot run on the worker as one
Op. From then on the old code no longer opens the vault, so the second page
shows the new code as the create wizard does, and the dialog cannot be
closed until "I have written it down" is ticked. Locking still closes it
(``discard``): the passphrase is known, so another code can be made later.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui.errors import Screen
from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import DelayedBusy, Failure, Op
from knowhold.ui.widgets.form_parts import busy_bar, message_label, plain_label
from knowhold.ui.widgets.recovery_code import RecoveryCodeView


class NewRecoveryCodeDialog(QDialog):
    made = Signal()
    """The new code is in place and the old one no longer works (it is being shown now)."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._busy_now = False
        self._made = False
        self.setWindowTitle(self.tr("New Recovery Code"))

        # -- page 1: the passphrase
        ask = QWidget()
        self.intro = intro = plain_label(
            self.tr(
                "A new recovery code replaces the one you have: the old code will no longer open "
                "this vault. Backups you made before now still open with the old code."
            )
        )
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.setMinimumHeight(30)
        self.passphrase.textChanged.connect(self._update)
        label = QLabel(self.tr("Type your &passphrase to go on"))
        label.setBuddy(self.passphrase)
        self.error = message_label(self, self.tr("New recovery code error"), lines=2)
        self.busy_bar = busy_bar(self.tr("Making a new recovery code"))
        self._busy = DelayedBusy(self.busy_bar.show, self.busy_bar.hide)
        column = QVBoxLayout(ask)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        column.addWidget(intro)
        column.addSpacing(10)
        column.addWidget(label)
        column.addWidget(self.passphrase)
        column.addWidget(self.error)
        column.addWidget(self.busy_bar)
        column.addStretch(1)

        # -- page 2: the code
        show = QWidget()
        heading = plain_label(
            self.tr("Your new recovery code. If you forget your passphrase, it is the only way in.")
        )
        heading.setForegroundRole(QPalette.ColorRole.WindowText)
        self.view = RecoveryCodeView()
        self.view.written.toggled.connect(self._update)
        column = QVBoxLayout(show)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addWidget(heading)
        column.addWidget(self.view)
        column.addStretch(1)

        self.pages = QStackedWidget()
        self.pages.addWidget(ask)
        self.pages.addWidget(show)

        buttons = QDialogButtonBox()
        self.make_button = QPushButton(self.tr("Make New Code"))
        self.make_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.done_button = QPushButton(self.tr("Done"))
        for button in (self.make_button, self.cancel_button, self.done_button):
            button.setAutoDefault(False)
        self.done_button.hide()
        buttons.addButton(self.make_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.done_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.make_button.clicked.connect(self._submit)  # and Enter: it is the default button
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(self.pages, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.passphrase.setFocus()
        self._update()

    # -- state -------------------------------------------------------------------------

    @property
    def is_busy(self) -> bool:
        return self._busy_now

    @property
    def showing_code(self) -> bool:
        return self._made

    def _update(self) -> None:
        self.make_button.setEnabled(not self._busy_now and bool(self.passphrase.text()))
        self.done_button.setEnabled(self.view.confirmed)

    def _set_busy(self, busy: bool) -> None:
        self._busy_now = busy
        self.passphrase.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.make_button.setText(self.tr("Making…") if busy else self.tr("Make New Code"))
        self._update()
        self._busy.set_running(busy)

    def accept(self) -> None:
        if self._made and self.view.confirmed:
            self.view.forget()
            super().accept()

    def reject(self) -> None:
        # Not while the key file is being rewritten, and not while the only copy of
        # the new code is on the screen: Escape and closing do nothing then.
        if not self._busy_now and not self._made:
            self.discard()

    def discard(self) -> None:
        """Forget the passphrase and the code, and close, whatever the state (on lock)."""
        self.passphrase.clear()
        self.view.forget()
        super().reject()

    # -- making it ---------------------------------------------------------------------

    def _submit(self) -> None:
        if self._busy_now or self._made or not self.passphrase.text():
            return
        self.error.hide()
        self._set_busy(True)
        session, passphrase = self._session, self.passphrase.text()
        Op(self, lambda: session.new_recovery_code(passphrase), self._on_made).failure(self._on_failed).run()

    def _on_made(self, code: str) -> None:
        self._set_busy(False)
        self._made = True
        self.passphrase.clear()
        self.make_button.hide()
        self.cancel_button.hide()
        self.done_button.show()
        self.done_button.setDefault(True)
        self.pages.setCurrentIndex(1)
        self.view.show_code(code)
        self._update()
        self.made.emit()

    def _on_failed(self, failure: Failure) -> None:
        self._set_busy(False)
        self.error.setText(failure.message_on(Screen.NEW_RECOVERY_CODE))
        self.error.show()
        self.passphrase.selectAll()
        self.passphrase.setFocus()
