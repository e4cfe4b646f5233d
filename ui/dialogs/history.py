"""The history of one entry: its versions, what changed since each, and restore.

Choosing a version shows how the text went from that version to the current
one, as a line diff (difflib, three lines of context): lines only in the old
version on red, lines added since on green, changed title, kind, tags or
privacy above them. The diff is computed on the worker, since an entry may
be long. Restoring saves the old content as a new version (nothing in the
history is rewritten) and closes the dialog.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QPalette, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui.labels import kind_label, tags_label
from knowhold.ui.models.versions import VERSION_ROLE, VersionListModel
from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import Failure, Op
from knowhold.vault.knowledge.entries import Entry, VersionInfo

CONTEXT_LINES = 3
ADDED = QColor(46, 160, 67, 70)
REMOVED = QColor(248, 81, 73, 70)
META = QColor(128, 128, 128, 40)


class Change(Enum):
    SAME = " "
    ADDED = "+"
    REMOVED = "-"
    GAP = "…"


@dataclass(frozen=True, slots=True)
class DiffLine:
    change: Change
    text: str


def diff_lines(old: str, new: str, context: int = CONTEXT_LINES) -> list[DiffLine]:
    """The lines that differ between ``old`` and ``new``, with ``context`` lines around them."""
    a, b = old.splitlines(), new.splitlines()
    result: list[DiffLine] = []
    for group in difflib.SequenceMatcher(None, a, b).get_grouped_opcodes(context):
        if result:
            result.append(DiffLine(Change.GAP, ""))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                result += [DiffLine(Change.SAME, line) for line in a[i1:i2]]
                continue
            if tag in ("replace", "delete"):
                result += [DiffLine(Change.REMOVED, line) for line in a[i1:i2]]
            if tag in ("replace", "insert"):
                result += [DiffLine(Change.ADDED, line) for line in b[j1:j2]]
    return result


@dataclass(frozen=True, slots=True)
class Comparison:
    old: Entry
    current: Entry
    lines: list[DiffLine]


def compare(session: VaultSession, entry_id: str, version: int) -> Comparison:
    """Worker side: read the old version and the current one, and diff their texts."""
    old = session.version(entry_id, version)
    current = session.entry(entry_id)
    return Comparison(old, current, diff_lines(old.body, current.body))


class HistoryDialog(QDialog):
    restored = Signal(object)
    """The entry (an ``Entry``) after an old version was restored."""

    def __init__(
        self, session: VaultSession, entry_id: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._entry_id = entry_id
        self._request = 0
        self.setWindowTitle(self.tr("History of “{title}”").format(title=title))
        self.resize(920, 580)

        self.versions = VersionListModel(self)
        self.list = QListView()
        self.list.setModel(self.versions)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setAccessibleName(self.tr("Versions"))
        self.list.setSpacing(2)
        self.list.selectionModel().selectionChanged.connect(self._on_selection)

        self.heading = QLabel(self.tr("Loading the versions…"))
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        legend = QLabel(
            self.tr("Lines marked − (red) are only in the chosen version; + (green) were added since.")
        )
        legend.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        legend.setWordWrap(True)
        self.diff = QPlainTextEdit()
        self.diff.setReadOnly(True)
        self.diff.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.diff.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.diff.setAccessibleName(self.tr("Changes since the chosen version"))

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(legend)
        column.addWidget(self.diff, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setSizes([220, 700])

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton(self.tr("&Restore This Version"))
        self.restore_button.setEnabled(False)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)

        Op(self, lambda: session.history(entry_id), self._on_history).failure(self._failed).run()

    # -- loading ------------------------------------------------------------------------

    def _on_history(self, versions: list[VersionInfo]) -> None:
        self.versions.set_versions(versions)
        if len(versions) < 2:
            self.heading.setText(self.tr("This is the only version so far: every later save adds one here."))
        # Start on the version before the current one: what changed last.
        row = 1 if len(versions) > 1 else 0
        if versions:
            self.list.setCurrentIndex(self.versions.index(row))

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        version = int(indexes[0].data(VERSION_ROLE))
        current = version == self.versions.current
        self.restore_button.setEnabled(not current)
        self._request += 1
        request = self._request
        session, entry_id = self._session, self._entry_id

        def compared(comparison: Comparison) -> None:
            if request == self._request:
                self._show(comparison)

        Op(self, lambda: compare(session, entry_id, version), compared).failure(self._failed).run()

    def _failed(self, failure: Failure) -> None:
        self.heading.setText(failure.message)

    # -- showing --------------------------------------------------------------------------

    def _meta_changes(self, old: Entry, current: Entry) -> list[str]:
        changes = []
        if old.title != current.title:
            changes.append(self.tr("Title: {old} → {new}").format(old=old.title, new=current.title))
        if old.kind != current.kind:
            changes.append(
                self.tr("Kind: {old} → {new}").format(old=kind_label(old.kind), new=kind_label(current.kind))
            )
        if old.tags != current.tags:
            none = self.tr("(none)")
            changes.append(
                self.tr("Tags: {old} → {new}").format(
                    old=tags_label(old.tags) or none, new=tags_label(current.tags) or none
                )
            )
        if old.private != current.private:
            changes.append(
                self.tr("Private: {old} → {new}").format(
                    old=self.tr("yes") if old.private else self.tr("no"),
                    new=self.tr("yes") if current.private else self.tr("no"),
                )
            )
        return changes

    def _show(self, comparison: Comparison) -> None:
        old, current = comparison.old, comparison.current
        if old.version == current.version:
            self.heading.setText(self.tr("Version {number} is the current text.").format(number=old.version))
        else:
            self.heading.setText(
                self.tr("What changed from version {number} to the current text:").format(number=old.version)
            )
        self.diff.clear()
        cursor = QTextCursor(self.diff.document())
        first = True

        def add(text: str, background: QColor | None) -> None:
            nonlocal first
            block = QTextBlockFormat()
            if background is not None:
                block.setBackground(background)
            if first:
                cursor.setBlockFormat(block)
                first = False
            else:
                cursor.insertBlock(block)
            cursor.insertText(text, QTextCharFormat())

        for change in self._meta_changes(old, current):
            add(change, META)
        backgrounds = {Change.ADDED: ADDED, Change.REMOVED: REMOVED}
        for line in comparison.lines:
            if line.change is Change.GAP:
                add("  …", None)
            else:
                add(f"{line.change.value} {line.text}", backgrounds.get(line.change))
        if first:
            add(self.tr("No differences."), None)
        self.diff.moveCursor(QTextCursor.MoveOperation.Start)

    # -- restoring ----------------------------------------------------------------------------

    def selected_version(self) -> int | None:
        indexes = self.list.selectionModel().selectedIndexes()
        return int(indexes[0].data(VERSION_ROLE)) if indexes else None

    def restore(self) -> None:
        version = self.selected_version()
        if version is None or version == self.versions.current:
            return
        self.restore_button.setEnabled(False)
        session, entry_id = self._session, self._entry_id

        def restored(entry: Entry) -> None:
            self.restored.emit(entry)
            self.accept()

        def failed(failure: Failure) -> None:
            self.restore_button.setEnabled(True)
            self._failed(failure)

        Op(self, lambda: session.restore_version(entry_id, version), restored).failure(failed).run()
