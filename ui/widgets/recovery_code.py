"""A recovery code shown once: large and grouped, with "I have written it down".

Used by the create wizard's last page and by the dialog that makes a new
code. There is no copy button and the text cannot be selected: writing it
on paper is the point, and a copy on the clipboard would outlive the
window. Whoever shows it enables their Continue or Done only once
``written`` is ticked, and calls ``forget`` when it is closed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QCheckBox, QFrame, QLabel, QVBoxLayout, QWidget

from knowhold.ui.widgets.form_parts import code_font
from knowhold.vault.store.keys import RECOVERY_GROUP, normalise_recovery_code

_GROUPS_PER_LINE = 4


def grouped_code(code: str) -> str:
    """The recovery code as two lines of four groups: easy to copy onto paper."""
    raw = normalise_recovery_code(code)
    groups = [raw[i : i + RECOVERY_GROUP] for i in range(0, len(raw), RECOVERY_GROUP)]
    lines = ["  ".join(groups[i : i + _GROUPS_PER_LINE]) for i in range(0, len(groups), _GROUPS_PER_LINE)]
    return "\n".join(lines)


class RecoveryCodeView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = QLabel()
        self.code.setTextFormat(Qt.TextFormat.PlainText)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Not selectable: the code goes onto paper, not onto the clipboard.
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.code.setAccessibleName(self.tr("Recovery code"))
        self.code.setFont(code_font(scale=1.7, spacing=1.5))

        box = QFrame()
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setBackgroundRole(QPalette.ColorRole.Base)
        box.setAutoFillBackground(True)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(16, 16, 16, 16)
        inner.addWidget(self.code)

        self.advice = QLabel(
            self.tr(
                "Write it on paper now and keep it somewhere safe, away from this computer. "
                "It is shown only this once: Knowhold keeps no copy."
            )
        )
        self.advice.setTextFormat(Qt.TextFormat.PlainText)
        self.advice.setWordWrap(True)
        self.written = QCheckBox(self.tr("I have &written it down"))
        self.written.setAccessibleName(self.tr("I have written down the recovery code"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(box)
        layout.addWidget(self.advice)
        layout.addSpacing(6)
        layout.addWidget(self.written)

    def show_code(self, code: str) -> None:
        """Show ``code`` grouped (empty: nothing), unticked, with the focus on the tick box."""
        self.code.setText(grouped_code(code) if code else "")
        self.written.setChecked(False)
        self.written.setFocus()

    @property
    def confirmed(self) -> bool:
        return self.written.isChecked()

    def forget(self) -> None:
        self.code.clear()
