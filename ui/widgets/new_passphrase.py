"""Choosing a new passphrase: typed twice, with the strength meter and a mismatch note.

Used by the create wizard, the change-passphrase and the recover dialogs, so
all apply the same policy (vault/strength.py) the same way: ``ready`` only
when the estimate of the current text is acceptable and the two fields are
the same. Each field has a label above it, never a placeholder alone: a
placeholder goes as the first character is typed, and two dotted fields
would no longer say which is which.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from knowhold.ui.widgets.form_parts import message_label
from knowhold.ui.widgets.strength_meter import Estimator, StrengthMeter
from knowhold.vault.store.strength import estimate


def _passphrase_field(label: QLabel) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(label.text().replace("&", ""))
    field.setMinimumHeight(30)
    label.setBuddy(field)
    return field


class NewPassphrase(QWidget):
    changed = Signal()
    """Either text changed, or the strength of the current text became known."""

    def __init__(
        self,
        first_label: str,
        repeat_label: str,
        parent: QWidget | None = None,
        *,
        estimator: Estimator = estimate,
    ) -> None:
        """``first_label`` and ``repeat_label`` name the fields, with their mnemonics ("&Passphrase")."""
        super().__init__(parent)
        self.passphrase_label = QLabel(first_label)
        self.passphrase = _passphrase_field(self.passphrase_label)
        self.repeat_label = QLabel(repeat_label)
        self.repeat = _passphrase_field(self.repeat_label)
        self.show_text = QCheckBox(self.tr("&Show passphrase"))
        self.meter = StrengthMeter(estimator=estimator)
        self.mismatch = message_label(self, self.tr("Passphrase mismatch"))
        self.mismatch.setText(self.tr("The two passphrases differ."))

        self.passphrase.textChanged.connect(self.meter.set_passphrase)
        self.passphrase.textChanged.connect(self._update)
        self.repeat.textChanged.connect(self._update)
        self.passphrase.returnPressed.connect(self._first_entered)
        self.show_text.toggled.connect(self._show_text)
        self.meter.changed.connect(self.changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.passphrase_label)
        layout.addWidget(self.passphrase)
        layout.addSpacing(4)
        layout.addWidget(self.repeat_label)
        layout.addWidget(self.repeat)
        layout.addWidget(self.show_text)
        layout.addSpacing(4)
        layout.addWidget(self.meter)
        layout.addWidget(self.mismatch)

    @property
    def text(self) -> str:
        return self.passphrase.text()

    @property
    def matches(self) -> bool:
        return self.passphrase.text() == self.repeat.text()

    @property
    def ready(self) -> bool:
        """Strong enough by the policy, and typed the same twice."""
        strength = self.meter.strength
        return strength is not None and strength.acceptable and self.matches

    def set_user_inputs(self, inputs: Sequence[str]) -> None:
        self.meter.set_user_inputs(inputs)

    def clear(self) -> None:
        self.passphrase.clear()
        self.repeat.clear()

    def _update(self) -> None:
        first, repeat = self.passphrase.text(), self.repeat.text()
        # Not while the second field is still a shorter start of the first.
        still_typing = first.startswith(repeat) and len(repeat) < len(first)
        self.mismatch.setVisible(bool(repeat) and repeat != first and not still_typing)
        self.changed.emit()

    def _first_entered(self) -> None:
        if not self.repeat.text():  # Enter in the first field moves on to the second
            self.repeat.setFocus()

    def _show_text(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.passphrase.setEchoMode(mode)
        self.repeat.setEchoMode(mode)
