"""Adding a contact: their identity card, and the fingerprint they read out.

A card proves only that its sender holds its keys, not who they are: whoever
could swap the card on its way could swap a fingerprint sent beside it. So
the card comes by any channel (a file chosen or dropped, or its text pasted
from a chat), and the fingerprint the person reads out, aloud or on paper, is
typed beside the card's own. The core compares them (in constant time) and
adds the card as verified only when they match; left empty, the card is
added as not verified, and says so.

A card under a known name with other keys (or known keys under another
name) is refused by the core (``KeyChanged``): the dialog says in red what
changed, and nothing is stored. The only way past it is removing the old
contact on purpose, in the contacts list, then adding the card again.

A card is outside text: its name is shown as plain text, and read from a
file only if it is a small regular file (``identity.read_card_file``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, auto
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.file_drop import FileDrop
from knowhold.ui.plain_text import tooltip
from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.theme import error_colour
from knowhold.ui.widgets.form_parts import action_buttons, code_font, message_label, plain_label
from knowhold.vault.errors import InvalidValue, KeyChanged
from knowhold.vault.licensing.identity import (
    Contact,
    Contacts,
    PublicIdentity,
    card_from_text,
    fingerprint_matches,
    parse_card,
    read_card_file,
)

NAME_WIDTH = 480  # pixels: a card's name (up to 100 characters) or a path is elided to this


@dataclass(frozen=True, slots=True)
class ReadCard:
    """A card as read and checked by the core: its exact bytes and who it says it is."""

    data: bytes
    identity: PublicIdentity


def read_file(path: Path) -> ReadCard:
    """Worker side: read and check a card file."""
    data = read_card_file(path)
    return ReadCard(data, parse_card(data))


def read_text(text: str) -> ReadCard:
    """Worker side: check a card pasted as text."""
    data = card_from_text(text)
    return ReadCard(data, parse_card(data))


def two_lines(fingerprint: str) -> str:
    """Eight groups as two lines of four: easier to read out, group by group."""
    groups = fingerprint.split("-")
    half = len(groups) // 2
    return "-".join(groups[:half]) + "-\n" + "-".join(groups[half:])


def set_name(label: QLabel, name: str) -> None:
    """A name from a card on one line, elided; in full in the (escaped) tooltip."""
    label.setText(label.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, NAME_WIDTH))
    label.setToolTip(tooltip(name))


def name_label() -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # a name from a card is data, never markup
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


class Comparison(Enum):
    """Where the fingerprint typed stands against the card's."""

    NONE = auto()  # nothing typed
    PARTIAL = auto()  # not yet a whole fingerprint
    MATCH = auto()
    MISMATCH = auto()


class FingerprintCheck(QWidget):
    """A card's fingerprint, the sentence on how to check it, and the field for what was read out."""

    changed = Signal()
    """The comparison changed (typing, or another card)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._identity: PublicIdentity | None = None
        self.comparison = Comparison.NONE

        caption = QLabel(self.tr("Fingerprint on this card"))
        self.fingerprint = QLabel("—")
        self.fingerprint.setTextFormat(Qt.TextFormat.PlainText)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setAccessibleName(self.tr("Fingerprint on this card"))
        self.fingerprint.setFont(code_font(scale=1.3, spacing=1.0))
        lines = self.fingerprint.fontMetrics().lineSpacing() * 2
        self.fingerprint.setMinimumHeight(lines)  # room for two lines before a card is read
        explain = plain_label(
            self.tr(
                "Ask them to read out their fingerprint (in Knowhold: File ▸ My Identity Card), "
                "aloud or on paper, never through the same channel as the card: whoever could "
                "swap the card could swap a fingerprint sent beside it."
            )
        )
        typed_caption = QLabel(self.tr("Fingerprint they &read out:"))
        self.typed = QLineEdit()
        self.typed.setFont(code_font(scale=1.0, spacing=0.5))
        self.typed.setPlaceholderText(self.tr("8 groups of 4, such as 7K3M-9QXA-…"))
        self.typed.setAccessibleName(self.tr("Fingerprint they read out"))
        self.typed.setEnabled(False)
        typed_caption.setBuddy(self.typed)
        self.verdict = plain_label("")
        self.verdict.setAccessibleName(self.tr("Whether the fingerprints match"))
        self.verdict.setMinimumHeight(self.verdict.fontMetrics().lineSpacing() * 2)
        self.typed.textChanged.connect(self._compare)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(caption)
        layout.addWidget(self.fingerprint)
        layout.addWidget(explain)
        layout.addSpacing(6)
        layout.addWidget(typed_caption)
        layout.addWidget(self.typed)
        layout.addWidget(self.verdict)

    def set_identity(self, identity: PublicIdentity | None) -> None:
        self._identity = identity
        self.fingerprint.setText("—" if identity is None else two_lines(identity.fingerprint))
        self.typed.setEnabled(identity is not None)
        self._compare()

    def text(self) -> str:
        return self.typed.text().strip()

    def _compare(self) -> None:
        self.comparison = self._comparison()
        self.verdict.setStyleSheet("")
        if self._identity is None:
            self.verdict.setText("")
        elif self.comparison is Comparison.NONE:
            self.verdict.setText(self.tr("Not compared yet."))
        elif self.comparison is Comparison.PARTIAL:
            self.verdict.setText(self.tr("Type all 8 groups they read out."))
        elif self.comparison is Comparison.MATCH:
            self.verdict.setText(self.tr("✓ Every group matches: this card is theirs."))
        else:
            self.verdict.setStyleSheet(f"color: {error_colour(self).name()};")
            self.verdict.setText(
                self.tr(
                    "✗ These do not match. Do not trust this card: it may not be theirs. "
                    "Check each group with them again."
                )
            )
        self.changed.emit()

    def _comparison(self) -> Comparison:
        identity, typed = self._identity, self.text()
        if identity is None or not typed:
            return Comparison.NONE
        try:
            matches = fingerprint_matches(identity, typed)  # the core's comparison, in constant time
        except InvalidValue:
            return Comparison.PARTIAL
        return Comparison.MATCH if matches else Comparison.MISMATCH


class AddContactDialog(QDialog):
    """Reads a card (file, drop or paste), compares its fingerprint, and adds the contact."""

    added = Signal(object)
    """The ``Contact`` added, or the one already known with these very keys."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.card: ReadCard | None = None
        self._reading = 0  # the latest read asked for: an older one's result is dropped
        self.setWindowTitle(self.tr("Add a Contact"))
        self.setAcceptDrops(True)
        self._drop = FileDrop(self)
        self._drop.dropped.connect(lambda paths: self.load_file(paths[0]))
        self.installEventFilter(self._drop)

        intro = plain_label(
            self.tr(
                "Add the identity card of someone you license knowledge to or from: choose the "
                "file they sent you, drop it on this window, or paste its text below."
            )
        )
        self.choose_button = QPushButton(self.tr("Choose &File…"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_file)
        self.paste = QPlainTextEdit()
        self.paste.setAcceptDrops(False)  # a file dropped here goes to the dialog, which reads it
        self.paste.setPlaceholderText(self.tr("…or paste the card's text here."))
        self.paste.setAccessibleName(self.tr("Card text"))
        self.paste.setFont(code_font(scale=0.8, spacing=0.0))
        self.paste.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.paste.setFixedHeight(self.paste.fontMetrics().lineSpacing() * 4 + 12)
        self.paste.textChanged.connect(self._pasted)
        self.source = QLabel()
        self.source.setTextFormat(Qt.TextFormat.PlainText)  # a file name is outside text too
        self.source.setAccessibleName(self.tr("Where the card came from"))
        self.problem = message_label(self, self.tr("Problem"), lines=2)

        self.name = name_label()
        self.name.setAccessibleName(self.tr("Name on the card"))
        self.check = FingerprintCheck()
        self.check.changed.connect(self._update_button)
        card_box = QGroupBox(self.tr("The card"))
        card_layout = QVBoxLayout(card_box)
        card_layout.addWidget(self.name)
        card_layout.addWidget(self.check)

        # Not a message_label: it keeps no room while hidden, since it comes only on a refusal.
        self.warning = plain_label("")
        self.warning.setAccessibleName(self.tr("Why the card was not added"))
        self.warning.setStyleSheet(f"color: {error_colour(self).name()};")
        self.warning.setFrameShape(QFrame.Shape.StyledPanel)
        self.warning.setMargin(8)
        self.warning.hide()

        self.add_button = QPushButton(self.tr("&Add Contact"))
        self.add_button.setEnabled(False)
        cancel = QPushButton(self.tr("Cancel"))
        buttons = action_buttons(self.add_button, cancel, self.add, self.reject)

        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.paste)
        layout.addWidget(self.source)
        layout.addWidget(self.problem)
        layout.addWidget(card_box)
        layout.addWidget(self.warning)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self._show(None, "")
        self.resize(560, self.sizeHint().height())

    # -- reading the card ----------------------------------------------------------------

    def choose_file(self) -> None:
        path = Choose.card_to_add(self)
        if path is not None:
            self.load_file(path)

    def load_file(self, path: Path) -> None:
        """Read the card in ``path`` on the worker (also what a drop does)."""
        self.paste.blockSignals(True)  # the box shows pasted text only
        self.paste.clear()
        self.paste.blockSignals(False)
        source = self.tr("From the file {path}").format(path=path)
        self._read(lambda: read_file(path), source)

    def _pasted(self) -> None:
        text = self.paste.toPlainText()
        if not text.strip():
            self._reading += 1
            self._show(None, "")
            return
        self._read(lambda: read_text(text), self.tr("From the text pasted above"))

    def _read(self, fn: Callable[[], ReadCard], source: str) -> None:
        self._reading += 1
        reading = self._reading
        self._show(None, "")

        def read_ok(card: ReadCard) -> None:
            if reading == self._reading:
                self._show(card, source)

        def read_failed(failure: Failure) -> None:
            if reading == self._reading:
                self.problem.setText(
                    self.tr("This is not a card Knowhold can read: {reason}").format(reason=failure.message)
                )
                self.problem.show()

        Op(self, fn, read_ok).failure(read_failed).run()

    def _show(self, card: ReadCard | None, source: str) -> None:
        self.card = card
        self.problem.hide()
        self.warning.hide()
        # One line, however long the path: the middle goes, the file name stays.
        self.source.setText(self.fontMetrics().elidedText(source, Qt.TextElideMode.ElideMiddle, NAME_WIDTH))
        self.source.setToolTip(tooltip(source))
        if card is None:
            self.name.setText(self.tr("No card read yet"))
            self.name.setToolTip("")
            self.check.set_identity(None)
            return
        set_name(self.name, card.identity.name)
        self.check.set_identity(card.identity)
        self.check.typed.setFocus()
        self._fit()

    def _fit(self) -> None:
        # A window does not grow by itself for wrapped text that needs more lines:
        # its layout would squeeze the card's lines into each other instead.
        layout = self._layout
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else 0
        if needed > self.height():
            self.resize(self.width(), needed)

    # -- adding it --------------------------------------------------------------------------

    def _update_button(self) -> None:
        comparison = self.check.comparison
        self.add_button.setEnabled(
            self.card is not None
            and self.warning.isHidden()
            and comparison in (Comparison.NONE, Comparison.MATCH)
        )
        self.add_button.setText(
            self.tr("&Add as Verified") if comparison is Comparison.MATCH else self.tr("&Add as Not Verified")
        )

    def add(self) -> None:
        card, comparison = self.card, self.check.comparison
        if card is None or not self.add_button.isEnabled():
            return
        typed = self.check.text() if comparison is Comparison.MATCH else ""
        session = self._session

        def keep() -> Contact:
            contacts = Contacts(session.vault().db)
            # The core compares again: "verified" is its decision, never the dialog's.
            return contacts.add_compared(card.data, typed) if typed else contacts.add(card.data)

        self.add_button.setEnabled(False)
        Op(self, keep, self._added).failure(self._refused).run()

    def _added(self, contact: Contact) -> None:
        self.added.emit(contact)
        self.accept()

    def _refused(self, failure: Failure) -> None:
        error = failure.error
        if isinstance(error, KeyChanged) and error.known_fingerprint:
            self.warning.setText(self._key_change_text(error))
            self.warning.show()
            self.check.typed.setEnabled(False)  # no comparison gets this card past the warning
            self._fit()
        else:
            self.problem.setText(failure.message)
            self.problem.show()
        self._update_button()

    def _key_change_text(self, error: KeyChanged) -> str:
        """What changed, from the core's facts: both fingerprints, and the one way past it."""
        if error.known_fingerprint == error.card_fingerprint:
            return self.tr(
                "Key change: these keys (fingerprint {fingerprint}) already belong to your contact "
                "{contact}, but this card calls them {name}. Nothing was added.\n\n"
                "If {contact} really changed their name, remove that contact on purpose in the "
                "contacts list, then add this card again."
            ).format(fingerprint=error.card_fingerprint, contact=error.contact_name, name=error.card_name)
        return self.tr(
            "Key change: this card says it is {name}, but your contact {contact} has other keys.\n"
            "Known fingerprint: {known}\n"
            "This card's fingerprint: {card}\n"
            "It may be an impostor. Nothing was added.\n\n"
            "Ask {contact} in person or by phone whether their keys really changed. Only if they "
            "did, remove the contact on purpose in the contacts list, then add this card again."
        ).format(
            name=error.card_name,
            contact=error.contact_name,
            known=error.known_fingerprint,
            card=error.card_fingerprint,
        )
