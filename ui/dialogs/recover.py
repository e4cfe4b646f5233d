"""Forgot passphrase: open the vault with the recovery code and set a new passphrase.

The code is checked for its shape as it is typed (32 letters and digits,
any case, spaces or dashes; O read as 0) so that only a wrong code, not a
typo in its length, goes to the worker. Opening and rewrapping the key run
there as one Op: ``session.recover`` (one Argon2id run for the new slot).
A wrong code says so and leaves everything as typed, for another try.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui import icons
from knowhold.ui.errors import Screen
from knowhold.ui.session import Unlocked, VaultSession
from knowhold.ui.tasks import DelayedBusy, Failure, Op
from knowhold.ui.widgets.form_parts import action_buttons, busy_bar, message_label
from knowhold.ui.widgets.new_passphrase import NewPassphrase
from knowhold.vault.errors import WrongSecret
from knowhold.vault.store.keys import normalise_recovery_code


def code_is_well_formed(code: str) -> bool:
    try:
        normalise_recovery_code(code)
    except WrongSecret:
        return False
    return True


class RecoverDialog(QDialog):
    """Emits nothing: ``ask()`` returns the ``Unlocked`` vault, or None if cancelled."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._busy_now = False
        self.unlocked: Unlocked | None = None
        self.setWindowTitle(self.tr("Recover your vault"))
        self.setWindowIcon(icons.app_icon())

        heading = QLabel(self.tr("Forgot your passphrase?"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setWeight(QFont.Weight.DemiBold)
        heading.setFont(font)
        intro = QLabel(
            self.tr(
                "Type the recovery code you wrote down when you created the vault, "
                "then choose a new passphrase."
            )
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)

        self.code = QLineEdit()
        self.code.setAccessibleName(self.tr("Recovery code"))
        self.code.setPlaceholderText("XXXX XXXX XXXX XXXX XXXX XXXX XXXX XXXX")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(mono.pointSizeF(), 10.0) * 1.15)
        self.code.setFont(mono)
        self.code.setMinimumHeight(32)
        code_label = QLabel(self.tr("&Recovery code"))
        code_label.setBuddy(self.code)
        code_hint = QLabel(self.tr("32 letters and digits. Spaces, dashes and case do not matter."))
        code_hint.setTextFormat(Qt.TextFormat.PlainText)
        code_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.fields = NewPassphrase(self.tr("&New passphrase"), self.tr("Re&peat new passphrase"))
        self.error = message_label(self, self.tr("Recovery error"), lines=2)
        self.busy_bar = busy_bar(self.tr("Recovering"))
        self._busy = DelayedBusy(self.busy_bar.show, self.busy_bar.hide)

        self.recover_button = QPushButton(icons.icon("lock"), self.tr("Recover and unlock"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        buttons = action_buttons(self.recover_button, self.cancel_button, self._submit, self.reject)

        self.code.textChanged.connect(self._update)
        self.fields.changed.connect(self._update)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 18)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(10)
        layout.addWidget(code_label)
        layout.addWidget(self.code)
        layout.addWidget(code_hint)
        layout.addSpacing(10)
        layout.addWidget(self.fields)
        layout.addWidget(self.error)
        layout.addWidget(self.busy_bar)
        layout.addSpacing(4)
        layout.addWidget(buttons)
        self.setFixedWidth(500)
        self._update()

    @classmethod
    def ask(cls, session: VaultSession, parent: QWidget | None = None) -> Unlocked | None:
        """Run the dialog; the vault, open with the new passphrase set, or None."""
        dialog = cls(session, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        return dialog.unlocked if accepted else None

    # -- state -------------------------------------------------------------------------

    @property
    def is_busy(self) -> bool:
        return self._busy_now

    @property
    def ready(self) -> bool:
        return not self._busy_now and code_is_well_formed(self.code.text()) and self.fields.ready

    def _update(self) -> None:
        self.recover_button.setEnabled(self.ready)

    def _set_busy(self, busy: bool) -> None:
        self._busy_now = busy
        for widget in (self.code, self.fields, self.cancel_button):
            widget.setEnabled(not busy)
        self.recover_button.setText(self.tr("Recovering…") if busy else self.tr("Recover and unlock"))
        self._update()
        self._busy.set_running(busy)

    def reject(self) -> None:
        if not self._busy_now:  # the worker is changing the key file: let it finish
            super().reject()

    # -- recovering ------------------------------------------------------------------------

    def _submit(self) -> None:
        if not self.ready:
            return
        self.error.hide()
        self._set_busy(True)
        session = self._session
        code, passphrase = self.code.text(), self.fields.text
        Op(self, lambda: session.recover(code, passphrase), self._on_recovered).failure(self._on_failed).run()

    def _on_recovered(self, result: Unlocked) -> None:
        self._set_busy(False)
        self.code.clear()  # secrets stay in widgets no longer than needed
        self.fields.clear()
        self.unlocked = result
        self.accept()

    def _on_failed(self, failure: Failure) -> None:
        self._set_busy(False)
        self.error.setText(failure.message_on(Screen.RECOVER))
        self.error.show()
        self.code.selectAll()
        self.code.setFocus()
