"""A centred picture and a sentence, shown where a list has nothing to show."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from knowhold.ui import icons


class EmptyState(QWidget):
    def __init__(self, text: str, icon_name: str = "empty", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        picture = QLabel()
        picture.setPixmap(icons.pixmap(icon_name, 96, self.devicePixelRatioF()))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.label = QLabel(text)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 24, 48, 24)
        layout.addStretch(2)
        layout.addWidget(picture, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        # Full width, centred text: a wrapped label given an alignment in the layout
        # is sized from its hint and gets clipped.
        layout.addWidget(self.label)
        layout.addStretch(3)
