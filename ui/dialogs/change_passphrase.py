"""Changing the passphrase of the open vault: the current one, then the new one twice.

An unlocked vault is no proof that the person at the keyboard knows the
passphrase, so the current one is asked for again. Checking it and wrapping
the key under the new one are two Argon2id runs (about a second), done on
the worker as one Op while a busy bar shows; a wrong current passphrase
says so and leaves everything as typed for another try. The new one meets
the same policy, with the same meter, as in the create wizard.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import DelayedBusy, Failure, Op
from knowhold.ui.widgets.form_parts import action_buttons, busy_bar, message_label, plain_label
from knowhold.ui.widgets.new_passphrase import NewPassphrase
from knowhold.vault.errors import WrongSecret


class ChangePassphraseDialog(QDialog):
    """Accepted once the new passphrase is in place; rejected (Cancel) changes nothing."""

    def __init__(
        self, session: VaultSession, user_inputs: Sequence[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._busy_now = False
        self.setWindowTitle(self.tr("Change Passphrase"))

        self.current = QLineEdit()
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.current.setAccessibleName(self.tr("Current passphrase"))
        self.current.setMinimumHeight(30)
        current_label = QLabel(self.tr("&Current passphrase"))
        current_label.setBuddy(self.current)

        self.fields = NewPassphrase(self.tr("New passphrase"), self.tr("Repeat new passphrase"))
        self.fields.set_user_inputs([*user_inputs, "knowhold"])
        new_label = QLabel(self.tr("&New passphrase"))
        new_label.setBuddy(self.fields.passphrase)
        note = plain_label(
            self.tr("Backups you made before now still open with the passphrase they were made with.")
        )
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.error = message_label(self, self.tr("Change passphrase error"), lines=2)
        self.busy_bar = busy_bar(self.tr("Changing the passphrase"))
        self._busy = DelayedBusy(self.busy_bar.show, self.busy_bar.hide)

        self.change_button = QPushButton(self.tr("Change Passphrase"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        buttons = action_buttons(self.change_button, self.cancel_button, self._submit, self.reject)

        self.current.textChanged.connect(self._update)
        self.current.returnPressed.connect(self._current_entered)
        self.fields.changed.connect(self._update)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(6)
        layout.addWidget(current_label)
        layout.addWidget(self.current)
        layout.addSpacing(10)
        layout.addWidget(new_label)
        layout.addWidget(self.fields)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addSpacing(4)
        layout.addWidget(buttons)
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

    def _update(self) -> None:
        self.change_button.setEnabled(self.ready)

    def _current_entered(self) -> None:
        if self.current.text() and not self.fields.text:
            self.fields.passphrase.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy_now = busy
        for widget in (self.current, self.fields, self.cancel_button):
            widget.setEnabled(not busy)
        self.change_button.setText(self.tr("Changing…") if busy else self.tr("Change Passphrase"))
        self._update()
        self._busy.set_running(busy)

    def reject(self) -> None:
        if not self._busy_now:  # the worker is rewriting the key file: let it finish
            self.discard()

    def discard(self) -> None:
        """Forget what was typed and close, whatever the state (on lock, or Cancel)."""
        self.current.clear()
        self.fields.clear()
        super().reject()

    # -- changing ------------------------------------------------------------------------

    def _submit(self) -> None:
        if not self.ready:
            return
        self.error.hide()
        self._set_busy(True)
        session, old, new = self._session, self.current.text(), self.fields.text
        Op(self, lambda: session.change_passphrase(old, new), self._on_changed).failure(self._on_failed).run()

    def _on_changed(self, _result: object) -> None:
        self._set_busy(False)
        self.current.clear()  # secrets stay in widgets no longer than needed
        self.fields.clear()
        self.accept()

    def _on_failed(self, failure: Failure) -> None:
        self._set_busy(False)
        if isinstance(failure.error, WrongSecret):
            message = self.tr("That is not your current passphrase. Type it again.")
        else:
            message = failure.message
        self.error.setText(message)
        self.error.show()
        self.current.selectAll()
        self.current.setFocus()
