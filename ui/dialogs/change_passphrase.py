"""Changing the passphrase of the open vault: the current one, then the new one twice.

An unlocked vault is no proof that the person at the keyboard knows the
passphrase, so the current one is asked for again. Checking it and wrapping
the key under the new one are two Argon2id runs (about a second), done on
the worker as one Op while a busy bar shows; a wrong current passphrase
says so and leaves everything as typed for another try. The new one meets
the same policy, with the same meter, as in the create wizard.

"Also give the vault a new encryption key" re-encrypts the database under a
new data key on the same Op (vault.store.rotation), so a copy of the old key
file no longer opens it. The recovery code lived in that key file, so a new
one is made; the dialog then shows it on a second page, as the new-code
dialog does, and cannot be closed until "I have written it down" is ticked.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
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
from knowhold.ui.widgets.form_parts import action_buttons, busy_bar, message_label, plain_label
from knowhold.ui.widgets.new_passphrase import NewPassphrase
from knowhold.ui.widgets.recovery_code import RecoveryCodeView


class ChangePassphraseDialog(QDialog):
    """Accepted once the new passphrase is in place; rejected (Cancel) changes nothing."""

    def __init__(
        self, session: VaultSession, user_inputs: Sequence[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._busy_now = False
        self._showing_code = False
        self.setWindowTitle(self.tr("Change Passphrase"))

        self.current = QLineEdit()
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.current.setAccessibleName(self.tr("Current passphrase"))
        self.current.setMinimumHeight(30)
        current_label = QLabel(self.tr("&Current passphrase"))
        current_label.setBuddy(self.current)

        self.fields = NewPassphrase(self.tr("&New passphrase"), self.tr("Re&peat new passphrase"))
        self.fields.set_user_inputs([*user_inputs, "knowhold"])
        note = plain_label(
            self.tr("Backups you made before now still open with the passphrase they were made with.")
        )
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.rotate_key = QCheckBox(self.tr("Also give the vault a new &encryption key"))
        self.rotate_key.setAccessibleName(self.tr("Also give the vault a new encryption key"))
        rotate_note = plain_label(
            self.tr(
                "Copies of the old key file then no longer open this vault; you get a new recovery code, "
                "and it takes longer for a large vault."
            )
        )
        rotate_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.error = message_label(self, self.tr("Change passphrase error"), lines=2)
        self.busy_bar = busy_bar(self.tr("Changing the passphrase"))
        self._busy = DelayedBusy(self.busy_bar.show, self.busy_bar.hide)

        self.change_button = QPushButton(self.tr("Change Passphrase"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        buttons = action_buttons(self.change_button, self.cancel_button, self._submit, self.reject)

        self.current.textChanged.connect(self._update)
        self.current.returnPressed.connect(self._current_entered)
        self.fields.changed.connect(self._update)

        ask = QWidget()
        column = QVBoxLayout(ask)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        column.addWidget(current_label)
        column.addWidget(self.current)
        column.addSpacing(10)
        column.addWidget(self.fields)
        column.addWidget(note)
        column.addSpacing(6)
        column.addWidget(self.rotate_key)
        column.addWidget(rotate_note)
        column.addWidget(self.error)
        column.addWidget(self.busy_bar)
        column.addSpacing(4)
        column.addWidget(buttons)

        # -- page 2, after a new key: the new recovery code, once
        show = QWidget()
        heading = plain_label(
            self.tr("The vault has a new key. This is your new recovery code; the old one no longer works.")
        )
        self.view = RecoveryCodeView()
        self.done_button = QPushButton(self.tr("Done"))
        self.done_button.setAutoDefault(False)
        self.done_button.clicked.connect(self.accept)
        self.view.written.toggled.connect(self._update)
        column = QVBoxLayout(show)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        done_row = QDialogButtonBox()
        done_row.addButton(self.done_button, QDialogButtonBox.ButtonRole.AcceptRole)
        column.addWidget(heading)
        column.addWidget(self.view)
        column.addStretch(1)
        column.addWidget(done_row)

        self.pages = QStackedWidget()
        self.pages.addWidget(ask)
        self.pages.addWidget(show)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.addWidget(self.pages)
        self.setFixedWidth(460)
        self.current.setFocus()
        self._update()

    # -- state -------------------------------------------------------------------------

    @property
    def is_busy(self) -> bool:
        return self._busy_now

    @property
    def ready(self) -> bool:
        """A current passphrase typed, and a new one the policy accepts, typed twice alike."""
        return not self._busy_now and bool(self.current.text()) and self.fields.ready

    @property
    def showing_code(self) -> bool:
        return self._showing_code

    def _update(self) -> None:
        self.change_button.setEnabled(self.ready)
        self.done_button.setEnabled(self.view.confirmed)

    def _current_entered(self) -> None:
        if self.current.text() and not self.fields.text:
            self.fields.passphrase.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy_now = busy
        for widget in (self.current, self.fields, self.rotate_key, self.cancel_button):
            widget.setEnabled(not busy)
        self.change_button.setText(self.tr("Changing…") if busy else self.tr("Change Passphrase"))
        self._update()
        self._busy.set_running(busy)

    def accept(self) -> None:
        if self._showing_code and not self.view.confirmed:
            return  # the only copy of the new code is on the screen
        self.view.forget()
        super().accept()

    def reject(self) -> None:
        # Not while the worker rewrites the key file (let it finish), and not while
        # the only copy of a new recovery code is on the screen.
        if not self._busy_now and not self._showing_code:
            self.discard()

    def discard(self) -> None:
        """Forget what was typed and close, whatever the state (on lock, or Cancel)."""
        self.current.clear()
        self.fields.clear()
        self.view.forget()
        super().reject()

    # -- changing ------------------------------------------------------------------------

    def _submit(self) -> None:
        if not self.ready:
            return
        self.error.hide()
        self._set_busy(True)
        session, old, new = self._session, self.current.text(), self.fields.text
        if self.rotate_key.isChecked():
            work = lambda: session.change_passphrase(old, new, rotate_key=True)  # noqa: E731
        else:
            work = lambda: session.change_passphrase(old, new)  # noqa: E731
        Op(self, work, self._on_changed).failure(self._on_failed).run()

    def _on_changed(self, code: object) -> None:
        self._set_busy(False)
        self.current.clear()  # secrets stay in widgets no longer than needed
        self.fields.clear()
        if not isinstance(code, str):
            self.accept()
            return
        self._showing_code = True
        self.change_button.setDefault(False)  # Enter now means Done, once the code is written down
        self.done_button.setDefault(True)
        self.pages.setCurrentIndex(1)
        self.view.show_code(code)
        self._update()

    def _on_failed(self, failure: Failure) -> None:
        self._set_busy(False)
        self.error.setText(failure.message_on(Screen.CHANGE_PASSPHRASE))
        self.error.show()
        self.current.selectAll()
        self.current.setFocus()
