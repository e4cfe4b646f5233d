"""My identity card: the name and fingerprint others check, and the card to send them.

The card (public keys only) goes to a contact by any channel: a file, or its
text pasted into a chat. What makes it trustworthy is the fingerprint,
compared aloud or on paper, never through the channel that carried the card
(whoever could swap the card could swap a fingerprint sent beside it). So the
fingerprint is shown large, in groups people can read out, and as a QR code
a phone can show next to the other person's screen.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.session import MyCard, VaultSession
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.widgets.form_parts import code_font, keep_space_when_hidden, plain_label
from knowhold.vault.text import dashed

if TYPE_CHECKING:
    from segno import QRCode

QR_SCALE = 5  # pixels per module: 185 px for a fingerprint's 29x29 code with its border
QR_BORDER = 4  # the quiet zone the QR standard asks for, in modules


def fingerprint_qr(fingerprint: str) -> QRCode:
    """The fingerprint as a QR code: the text exactly as shown, so a scan reads the same groups."""
    import segno  # here, not at the top: the app starts without it (about 8-40 ms)

    return segno.make(fingerprint, error="m", micro=False)


def qr_pixmap(code: QRCode) -> QPixmap:
    # Black on white whatever the theme: scanners expect dark modules on light.
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=QR_SCALE, border=QR_BORDER, dark="black", light="white")
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


class MyIdentityDialog(QDialog):
    """Shows the vault's card; exports it to a file or copies its text."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.card: MyCard | None = None
        self.setWindowTitle(self.tr("My Identity Card"))

        self.name = QLabel()
        self.name.setTextFormat(Qt.TextFormat.PlainText)  # a name is data, never markup
        name_font = self.name.font()
        name_font.setPointSizeF(name_font.pointSizeF() * 1.4)
        name_font.setWeight(QFont.Weight.DemiBold)
        self.name.setFont(name_font)

        caption = QLabel(self.tr("Fingerprint"))
        self.fingerprint = QLabel(self.tr("Loading…"))
        self.fingerprint.setTextFormat(Qt.TextFormat.PlainText)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setAccessibleName(self.tr("Fingerprint"))
        self.fingerprint.setFont(code_font(scale=1.5, spacing=1.0))

        self.qr = QLabel()
        self.qr.setAccessibleName(self.tr("Fingerprint as a QR code"))
        # Room for the code before it is drawn: every fingerprint has the same length and alphabet.
        width, height = fingerprint_qr("-".join(["0000"] * 8)).symbol_size(scale=QR_SCALE, border=QR_BORDER)
        self.qr.setFixedSize(int(width), int(height))  # whole pixels at a whole scale
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)

        explain = plain_label(
            self.tr(
                "Send your card to the people you license knowledge to. Then compare this "
                "fingerprint with them aloud or on paper, never through the same channel as "
                "the card: that is how they know the card is really yours."
            )
        )
        self.status = plain_label("")
        self.status.setAccessibleName(self.tr("Result"))
        self.status.hide()
        keep_space_when_hidden(self.status)

        self.export_button = QPushButton(self.tr("&Export My Card…"))
        self.copy_button = QPushButton(self.tr("&Copy Card as Text"))
        for button in (self.export_button, self.copy_button):
            button.setEnabled(False)
            button.setAutoDefault(False)
        self.export_button.clicked.connect(self.export)
        self.copy_button.clicked.connect(self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        grid = QGridLayout()
        grid.addWidget(self.name, 0, 0)
        grid.addWidget(caption, 1, 0)
        grid.addWidget(self.fingerprint, 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.qr, 0, 1, 3, 1)
        grid.setColumnStretch(0, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(explain)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

        Op(self, session.my_card, self._show).failure(self._failed).run()

    def _show(self, card: MyCard) -> None:
        self.card = card
        self.name.setText(card.name)
        groups = card.fingerprint.split("-")
        half = len(groups) // 2
        # Two lines of four groups: easier to read out, and it fits beside the code.
        self.fingerprint.setText("-".join(groups[:half]) + "-\n" + "-".join(groups[half:]))
        self.qr.setPixmap(qr_pixmap(fingerprint_qr(card.fingerprint)))
        self.export_button.setEnabled(True)
        self.copy_button.setEnabled(True)

    def _failed(self, failure: Failure) -> None:
        self._say(failure.message)

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()

    def export(self) -> None:
        card = self.card
        if card is None:
            return
        path = Choose.card_file(self, Path(_file_name(card.name)))
        if path is None:
            return
        saved = self.tr("Saved your card to {path}. Send that file, then compare fingerprints.")
        session = self._session
        Op(self, lambda: session.export_card(path), lambda _none: self._say(saved.format(path=path))).failure(
            self._failed
        ).run()

    def copy(self) -> None:
        if self.card is None:
            return
        # The card holds public keys only: an ordinary copy, nothing to take back later.
        QGuiApplication.clipboard().setText(self.card.text)
        self._say(self.tr("Copied your card. Paste it into a message, then compare fingerprints."))


def _file_name(name: str) -> str:
    """A card file name from the vault's name, kept to letters, digits and dashes."""
    return f"{dashed(name, 40) or 'my'}.card"
