"""Restoring a backup: into which new folder, and with which secret.

A backup holds the vault's key file as it was when the backup was made, so
it opens with the passphrase or recovery code of that day, not necessarily
today's; the dialog says so. The restored vault always goes into a new (or
empty) folder: the core never writes over a vault, and the vault open in
the window is never touched. ``RestoreDialog.ask`` is what tests replace.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui.dialogs.choose import Choose


@dataclass(frozen=True, slots=True)
class RestoreRequest:
    """Where to restore, and exactly one of the two secrets."""

    target: Path
    passphrase: str | None
    recovery_code: str | None


def folder_problem(target: Path) -> str | None:
    """Why ``target`` cannot take a restored vault, as a sentence; None if it can."""
    if not target.is_absolute():
        return QCoreApplication.translate("RestoreDialog", "Give the full path of a folder.")
    if target.exists() and not target.is_dir():
        return QCoreApplication.translate("RestoreDialog", "That is a file; give a name for a new folder.")
    try:
        if target.is_dir() and any(target.iterdir()):
            return QCoreApplication.translate(
                "RestoreDialog", "That folder is not empty; give a new or empty folder."
            )
    except OSError:
        return QCoreApplication.translate("RestoreDialog", "That folder cannot be read; choose another.")
    return None


class RestoreDialog(QDialog):
    def __init__(
        self, backup_file: Path, target: Path, error: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from Backup"))
        self.setWindowModality(Qt.WindowModality.WindowModal)

        intro = QLabel(
            self.tr("Restore {file} as a new vault. The vault open now is not changed.").format(
                file=backup_file.name
            )
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        intro.setToolTip(str(backup_file))

        self.folder = QLineEdit(str(target))
        self.folder.textChanged.connect(self._update)
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)

        self.use_passphrase = QRadioButton(self.tr("Passphrase"))
        self.use_code = QRadioButton(self.tr("Recovery code"))
        self.use_passphrase.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.use_passphrase)
        group.addButton(self.use_code)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.use_passphrase)
        kind_row.addWidget(self.use_code)
        kind_row.addStretch(1)

        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.textChanged.connect(self._update)
        hint = QLabel(self.tr("Use the passphrase or recovery code the vault had when this backup was made."))
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.error = QLabel(error)
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setVisible(bool(error))

        form = QFormLayout()
        form.addRow(self.tr("New vault folder:"), folder_row)
        form.addRow(self.tr("Opens with:"), kind_row)
        form.addRow("", self.secret)
        form.addRow("", hint)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.secret.setFocus()
        self._update()

    def _update(self) -> None:
        self.restore_button.setEnabled(bool(self.secret.text()) and bool(self.folder.text().strip()))

    def _choose_folder(self) -> None:
        current = Path(self.folder.text().strip() or str(Path.home()))
        chosen = Choose.restore_parent(self, current.parent)
        if chosen is not None:
            self.folder.setText(str(chosen / current.name))

    def target(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def request(self) -> RestoreRequest:
        secret = self.secret.text()
        if self.use_code.isChecked():
            return RestoreRequest(self.target(), None, secret)
        return RestoreRequest(self.target(), secret, None)

    def accept(self) -> None:
        problem = folder_problem(self.target())
        if problem is not None:
            self.error.setText(problem)
            self.error.show()
            return
        super().accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, backup_file: Path, target: Path, error: str = ""
    ) -> RestoreRequest | None:
        dialog = cls(backup_file, target, error, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.request()
        finally:
            dialog.secret.clear()  # the secret lives on only in the request, until used
            dialog.deleteLater()
