"""Small parts the app's forms share: plain text, an error line, a busy bar, the button row,
a table of what is shown, not edited.

Each keeps its room when hidden where it comes and goes, so a dialog does
not jump as a message or a busy bar appears.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QWidget,
)

from knowhold.ui.theme import error_colour


def plain_label(text: str) -> QLabel:
    """Wrapping text shown as written: never read as rich text, whatever it holds."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def code_font(scale: float, spacing: float) -> QFont:
    """A large fixed-width face for codes people copy by hand or read aloud (recovery code, fingerprint)."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(font.pointSizeF(), 10.0) * scale)
    font.setWeight(QFont.Weight.DemiBold)
    font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing)
    return font


def keep_space_when_hidden(widget: QWidget) -> None:
    # A form must not jump when a message or a busy bar comes and goes.
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)


def message_label(widget: QWidget, accessible_name: str, lines: int = 1) -> QLabel:
    """Hidden, wrapping, error-coloured plain text that keeps room for ``lines`` lines.

    The room is reserved up front: a fixed-width dialog does not grow when a
    wrapped label needs another line, it squeezes its neighbours instead.
    """
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setMinimumHeight(label.fontMetrics().lineSpacing() * lines)
    label.setAccessibleName(accessible_name)
    label.setStyleSheet(f"color: {error_colour(widget).name()};")
    label.hide()
    keep_space_when_hidden(label)
    return label


def busy_bar(accessible_name: str) -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(6)
    bar.setAccessibleName(accessible_name)
    bar.hide()
    keep_space_when_hidden(bar)
    return bar


def action_buttons(
    action: QPushButton,
    cancel: QPushButton,
    on_action: Callable[[], None],
    on_cancel: Callable[[], None],
) -> QDialogButtonBox:
    """The button row of a dialog that does one thing: Enter always means ``action``.

    No button is auto-default: otherwise Cancel (or Quit) becomes the default
    whenever it has had focus (as when the action is disabled while it runs),
    and Enter after a wrong passphrase would cancel.
    """
    buttons = QDialogButtonBox()
    action.setDefault(True)
    for button in (action, cancel):
        button.setAutoDefault(False)
    buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(on_action)
    buttons.rejected.connect(on_cancel)
    return buttons


def read_only_table(table: QTableWidget, labels: Sequence[str], accessible_name: str) -> None:
    """Set ``table`` up to show cells, never to edit or select them: one line a row, no row
    numbers, each column as wide as its contents but the last, which takes the rest."""
    table.setHorizontalHeaderLabels(list(labels))
    table.setAccessibleName(accessible_name)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    for column in range(len(labels) - 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(labels) - 1, QHeaderView.ResizeMode.Stretch)


def fit_rows(table: QTableWidget, rows: int, most: int) -> None:
    """Make ``table`` as tall as ``rows`` rows, up to ``most`` (then it scrolls).

    From size hints, since a table not shown yet has no laid-out header to measure.
    """
    shown = min(rows, most)
    rows_height = shown * table.verticalHeader().defaultSectionSize()
    table.setFixedHeight(table.horizontalHeader().sizeHint().height() + rows_height + 2 * table.frameWidth())
