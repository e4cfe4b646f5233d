"""Undo for Move to Trash: an Undo button in the status message, and Ctrl+Z.

The entry pane says only that an entry left a list (``removed``): moved to
the trash, restored from it, or deleted for good. Each removal is looked up
once on the worker, after the change (the worker is serial): an entry now in
the trash was just moved there and can come back; one restored or deleted
for good is dropped from what can be undone. Undo takes back the newest
first, each through the core's restore from the trash, so Ctrl+Z pressed
again brings back the one trashed before it, as long as it is still there.

Ctrl+Z (Edit ▸ Undo) belongs to the text being edited whenever the focus is
in an editable text field: only outside one does it restore an entry
(``in_text_editor``). Nothing here survives a lock.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStatusBar,
    QTextEdit,
    QToolButton,
    QWidget,
)

from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import Failure, Op
from knowhold.vault.knowledge.entries import Entry

_TITLE_WIDTH = 280  # pixels of a long title shown in the status bar


def in_text_editor() -> bool:
    """The focus is in a field whose text can be edited (where Ctrl+Z is the text's undo)."""
    widget = QApplication.focusWidget()
    return isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit)) and not widget.isReadOnly()


class UndoTrash(QObject):
    restored = Signal(object, object)
    """``(entry, trashed)``: the entry is back, and how it was while in the trash."""
    message = Signal(str)

    def __init__(self, session: VaultSession, status_bar: QStatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._trashed: list[Entry] = []  # the newest last

        # Beside the status message, on the left: another message takes its place.
        self.offer = QWidget()
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a title is the worker's text, never markup
        self.button = QToolButton()
        self.button.setText(self.tr("&Undo"))
        self.button.setAccessibleName(self.tr("Undo Move to Trash"))
        self.button.clicked.connect(self.undo)
        row = QHBoxLayout(self.offer)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.button)
        self.offer.hide()
        status_bar.addWidget(self.offer)
        self._status_bar = status_bar
        status_bar.messageChanged.connect(self._on_message)

    def entry_removed(self, entry_id: str) -> None:
        """An entry left a list: note it if it went to the trash, forget it if it left the trash."""
        Op(self, lambda: self._session.entry(entry_id), self._looked_up).failure(
            lambda _failure: self._forget(entry_id)  # deleted for good (or the vault is locked)
        ).run()

    def _looked_up(self, entry: Entry) -> None:
        self._forget(entry.id)
        if not entry.in_trash:
            return
        self._trashed.append(entry)
        title = self.label.fontMetrics().elidedText(entry.title, Qt.TextElideMode.ElideRight, _TITLE_WIDTH)
        self.label.setText(self.tr("Moved “{title}” to the Trash.").format(title=title))
        self._status_bar.clearMessage()  # the same words, now with their Undo
        self.offer.show()

    def _forget(self, entry_id: str) -> None:
        self._trashed = [entry for entry in self._trashed if entry.id != entry_id]
        if not self._trashed:
            self.offer.hide()

    def undo(self) -> None:
        """Take the newest trashed entry out of the trash again."""
        if not self._trashed:
            self.message.emit(self.tr("Nothing to undo."))
            return
        trashed = self._trashed.pop()
        self.offer.hide()
        session = self._session

        def back(entry: Entry) -> None:
            self.restored.emit(entry, trashed)
            self.message.emit(self.tr("Restored “{title}”.").format(title=entry.title))

        def failed(failure: Failure) -> None:
            self.message.emit(failure.message)

        Op(self, lambda: session.untrash(trashed.id), back).failure(failed).run()

    def clear(self) -> None:
        """Forget every trashed entry (the vault locks, or the trash was emptied)."""
        self._trashed.clear()
        self.offer.hide()

    def _on_message(self, text: str) -> None:
        if text:
            self.offer.hide()
