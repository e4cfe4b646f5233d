"""Asking before something that cannot be undone (delete for good, empty the trash).

``Confirm.ask`` is the one place such questions are put, so tests replace it
instead of clicking through a modal box.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from knowhold.ui.plain_text import message_box


class Confirm:
    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        """True if the user chose ``action``; the safe choice (Cancel) is the default."""
        box = message_box(parent, QMessageBox.Icon.Warning, title, text)  # text quotes a title
        confirm = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is confirm
