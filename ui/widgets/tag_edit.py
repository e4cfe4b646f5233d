"""The tags field: tags separated by spaces or commas, completed from existing tags.

Completion works on the word being typed, not the whole line, so a third
tag completes as easily as the first. ``tags()`` returns the valid tags,
normalised as the core stores them, and ``invalid()`` the words that are not
tags (the editor says so rather than silently dropping them).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from knowhold.vault.errors import InvalidValue
from knowhold.vault.knowledge.entries import clean_tag, normalise_tag

_SEPARATORS = re.compile(r"[\s,，、]+")


def split_tags(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(valid tags as spelled, each once whatever its case; words that are not valid tags)."""
    valid: dict[str, str] = {}  # key -> the first spelling
    invalid: list[str] = []
    for word in _SEPARATORS.split(text):
        if not word.strip().lstrip("#"):
            continue
        try:
            valid.setdefault(normalise_tag(word), clean_tag(word))
        except InvalidValue:
            invalid.append(word)
    return tuple(valid.values()), tuple(invalid)


def tags_text(tags: Iterable[str]) -> str:
    return " ".join(tags)


class TagEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("Tags, separated by spaces"))
        self.setAccessibleName(self.tr("Tags"))
        self._known = QStringListModel(self)
        self.completer_ = QCompleter(self._known, self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer_.setWidget(self)
        self.completer_.activated.connect(self._insert)
        self.textEdited.connect(self._complete)

    def set_known_tags(self, tags: Iterable[str]) -> None:
        self._known.setStringList(sorted(tags))

    def tags(self) -> tuple[str, ...]:
        return split_tags(self.text())[0]

    def invalid(self) -> tuple[str, ...]:
        return split_tags(self.text())[1]

    def _current_word(self) -> tuple[int, str]:
        """Where the word before the cursor starts, and the word."""
        before = self.text()[: self.cursorPosition()]
        start = max((m.end() for m in _SEPARATORS.finditer(before)), default=0)
        return start, before[start:]

    def _complete(self, _text: str) -> None:
        _start, word = self._current_word()
        prefix = word.lstrip("#")
        popup = self.completer_.popup()
        if not prefix:
            if popup is not None:
                popup.hide()
            return
        self.completer_.setCompletionPrefix(prefix)
        if self.completer_.completionCount() == 0:
            if popup is not None:
                popup.hide()
            return
        self.completer_.complete()

    def _insert(self, tag: str) -> None:
        start, _word = self._current_word()
        cursor = self.cursorPosition()
        text = self.text()
        rest = text[cursor:]
        added = tag + ("" if rest.startswith(" ") else " ")
        self.setText(text[:start] + added + rest)
        self.setCursorPosition(start + len(added))
