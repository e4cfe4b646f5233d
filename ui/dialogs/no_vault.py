"""Shown when the app starts where there is no vault yet.

Until the create-vault wizard exists, the way to make a vault is the
command line; this says so plainly and lets the user close the app.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ui import icons


def _tr(text: str) -> str:
    return QCoreApplication.translate("NoVaultDialog", text)


def build(path: Path, parent: QWidget | None = None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle(_tr("Knowhold"))
    box.setIconPixmap(icons.pixmap("icon", 64, box.devicePixelRatioF()))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(_tr("There is no Knowhold vault at {path} yet.").format(path=path))
    box.setInformativeText(
        _tr("Create one from a terminal with:\n\n    knowhold init\n\nthen open Knowhold again.")
    )
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box
