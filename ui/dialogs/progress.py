"""A progress dialog with a Cancel button that asks the work to stop, then waits for it.

Qt's QProgressDialog hides itself the moment Cancel is pressed, while the
work on the worker is still finishing its current file (or, in a backup,
SQLCipher's copy, which cannot be interrupted). This dialog stays up and
says "Cancelling…" until the work has really stopped, so the user never
starts something new on a vault that is still busy. Escape and the
window's close button cancel too; only ``finish`` closes it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

_DETAIL_WIDTH = 380


class ProgressDialog(QDialog):
    cancel_requested = Signal()

    def __init__(self, title: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._finished = False
        self._cancelling = False

        self.label = QLabel(label)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first count arrives
        self.bar.setMinimumWidth(_DETAIL_WIDTH)
        self.detail = QLabel()
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.request_cancel)
        buttons = QDialogButtonBox()
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.detail)
        layout.addWidget(buttons)

    @property
    def cancelling(self) -> bool:
        return self._cancelling

    def set_progress(self, done: int, total: int, detail: str) -> None:
        if total > 0:
            # QProgressBar holds ints: byte counts of a large backup are scaled to per mille.
            self.bar.setRange(0, 1000)
            self.bar.setValue(min(1000, done * 1000 // total))
        else:
            self.bar.setRange(0, 0)
        elided = self.fontMetrics().elidedText(detail, Qt.TextElideMode.ElideMiddle, _DETAIL_WIDTH)
        self.detail.setText(elided)

    def request_cancel(self) -> None:
        if self._cancelling or self._finished:
            return
        self._cancelling = True
        self.label.setText(self.tr("Cancelling… Knowhold stops after the current step."))
        self.cancel_button.setEnabled(False)
        self.cancel_requested.emit()

    def finish(self) -> None:
        """The work has ended: close for real."""
        self._finished = True
        self.done(QDialog.DialogCode.Accepted)

    # Escape and the close button ask to cancel; the dialog stays until the work ends.
    def reject(self) -> None:
        if self._finished:
            super().reject()
        else:
            self.request_cancel()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._finished:
            super().closeEvent(event)
        else:
            event.ignore()
            self.request_cancel()
