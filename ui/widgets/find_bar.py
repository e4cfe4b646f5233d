"""Find in the open entry: a bar under its text, apart from the vault's search.

The vault's search (Ctrl+K) finds entries; this finds words inside the one
shown, in whichever of its text or its preview is in front. Every match is
tinted, the current one strongly and selected, and the bar says which it is
("2 of 5"). Enter and F3 go to the next, Shift with either to the previous,
wrapping round; Esc closes the bar and leaves the cursor on the match.

Matching is ``QTextDocument.find``'s: case-insensitive, the words as typed,
anywhere in a word, so a Chinese word is found inside a sentence with no
spaces in it. Counting stops at ``MAX_MATCHES`` so one letter in a 4 MiB
entry never stalls typing. Found again whenever the text changes (typing in
the editor, another entry shown), the cursor is moved only by the bar's own
keys, never by a recount under the worker's typing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

MAX_MATCHES = 1000

TextView = QPlainTextEdit | QTextEdit
"""What the bar finds in: the editor (plain text) or the preview (a text browser)."""

_ALL = QColor(250, 204, 21, 90)  # a light tint that reads on light and dark text
_CURRENT = QColor(249, 115, 22, 170)


class FindBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view: TextView | None = None
        self._matches: list[QTextCursor] = []
        self._current = -1  # index in _matches, -1: none chosen

        self.field = QLineEdit()
        self.field.setPlaceholderText(self.tr("Find in this entry"))
        self.field.setAccessibleName(self.tr("Find in this entry"))
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self._on_text)
        self.field.installEventFilter(self)
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setAccessibleName(self.tr("Matches"))
        self.count.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.previous_button = self._button("↑", self.tr("Previous match (Shift+Enter)"), self.previous)
        self.next_button = self._button("↓", self.tr("Next match (Enter)"), self.next)
        self.close_button = self._button("✕", self.tr("Close (Esc)"), self.close_bar)

        row = QHBoxLayout(self)
        row.setContentsMargins(20, 4, 12, 4)
        row.setSpacing(4)
        row.addWidget(self.field, 1)
        row.addWidget(self.count)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addWidget(self.close_button)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        self.hide()

    def _button(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        button.clicked.connect(slot)
        return button

    # -- what the bar finds in ----------------------------------------------------------

    @property
    def matches(self) -> int:
        return len(self._matches)

    @property
    def current(self) -> int:
        """The current match, counted from 1; 0 when none is chosen."""
        return self._current + 1

    def open_on(self, view: TextView) -> None:
        """Show the bar over ``view``'s text; the selected words, if on one line, are looked for."""
        self.show()
        self.set_view(view)
        chosen = view.textCursor().selectedText()
        if chosen and "\u2029" not in chosen:  # a paragraph break: a selection of lines, not words
            self.field.setText(chosen)
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self._on_text()

    def set_view(self, view: TextView) -> None:
        """Find in ``view`` from now on (the editor or the preview, whichever is in front)."""
        if view is self._view:
            return
        if self._view is not None:
            self._view.setExtraSelections([])
            self._view.document().contentsChanged.disconnect(self.refresh)
        self._view = view
        view.document().contentsChanged.connect(self.refresh)
        self.refresh()

    def close_bar(self) -> None:
        """Hide the bar and its tints; the text gets the focus, the cursor on the last match."""
        self.hide()
        self._matches = []
        self._current = -1
        view = self._view
        if view is not None:
            view.setExtraSelections([])
            view.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- finding --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Find every match again (the text or the words changed); the cursor stays where it is."""
        view, words = self._view, self.field.text()
        self._matches = []
        self._current = -1
        if view is not None and words and not self.isHidden():
            document = view.document()
            found = document.find(words, 0)
            while not found.isNull() and len(self._matches) < MAX_MATCHES:
                self._matches.append(found)
                found = document.find(words, found)
            at = view.textCursor()
            chosen = (at.selectionStart(), at.selectionEnd())
            self._current = next(
                (i for i, m in enumerate(self._matches) if (m.selectionStart(), m.selectionEnd()) == chosen),
                -1,
            )
        self._show()

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _on_text(self, _text: str = "") -> None:
        self.refresh()
        if self._matches and self._current < 0:
            self._go(self._nearest())

    def _step(self, step: int) -> None:
        if not self._matches:
            return
        if self._current >= 0:
            self._go((self._current + step) % len(self._matches))
        else:
            self._go(self._nearest(backwards=step < 0))

    def _nearest(self, *, backwards: bool = False) -> int:
        """From where the worker is reading: the first match at or after the cursor, or the last before it."""
        assert self._view is not None
        cursor = self._view.textCursor().selectionStart()
        starts = [match.selectionStart() for match in self._matches]
        if backwards:
            return max((i for i, start in enumerate(starts) if start < cursor), default=len(starts) - 1)
        return next((i for i, start in enumerate(starts) if start >= cursor), 0)

    def _go(self, index: int) -> None:
        """Make match ``index`` the current one: selected, in view, strongly tinted."""
        assert self._view is not None
        self._current = index
        self._view.setTextCursor(self._matches[index])
        self._view.ensureCursorVisible()
        self._show()

    def _show(self) -> None:
        total = len(self._matches)
        if not self.field.text():
            self.count.clear()
        elif not total:
            self.count.setText(self.tr("No matches"))
        elif self._current < 0:
            self.count.setText(self.tr("%n matches", "", total))
        elif total >= MAX_MATCHES:
            self.count.setText(self.tr("{current} of {total}+").format(current=self.current, total=total))
        else:
            self.count.setText(self.tr("{current} of {total}").format(current=self.current, total=total))
        for button in (self.previous_button, self.next_button):
            button.setEnabled(total > 0)
        if self._view is not None:
            self._view.setExtraSelections(self._tints())

    def _tints(self) -> list[QTextEdit.ExtraSelection]:
        tints: list[QTextEdit.ExtraSelection] = []
        for i, match in enumerate(self._matches):
            tint = QTextEdit.ExtraSelection()
            tint.cursor = match
            fmt = QTextCharFormat()
            fmt.setBackground(_CURRENT if i == self._current else _ALL)
            tint.format = fmt
            tints.append(tint)
        return tints

    # -- keys -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            key = event
            assert isinstance(key, QKeyEvent)
            backwards = bool(key.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if key.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
                self._step(-1 if backwards else 1)
                return True
            if key.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
