"""One dialog of a kind per window: opened again, it comes to the front instead."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

D = TypeVar("D", bound=QDialog)


class SingleDialog(Generic[D]):
    """Makes the dialog on first ``show`` (window-modal, deleted on close) and forgets it when it ends."""

    def __init__(self, make: Callable[[], D]) -> None:
        self._make = make
        self.dialog: D | None = None

    def show(self) -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        dialog = self._make()
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._forget)
        self.dialog = dialog
        dialog.open()

    def _forget(self) -> None:
        self.dialog = None
