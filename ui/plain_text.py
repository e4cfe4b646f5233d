"""Text that came from outside, shown as text: never as markup Qt would act on.

Qt guesses: a tooltip or message box whose text looks like HTML
(``Qt::mightBeRichText``, a tag before the first line break) is rendered as
rich text, and ``<img src="/dev/zero">`` in a title then makes Qt open that
path itself (the app aborts; a FIFO hangs it). Titles, tags, file names and
error sentences quoting them all come from outside, so every tooltip and
message box that can show them goes through here.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def tooltip(text: str) -> str:
    """``text`` as a tooltip: escaped inside ``<qt>``, so Qt shows every character as typed.

    Rich text on purpose (not plain), because a plain-text tooltip cannot be
    forced: Qt would still guess. Line breaks are kept; long lines wrap.
    """
    if not text:
        return ""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    """A message box whose text is plain text, whatever it looks like."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """``QMessageBox.warning`` with the text shown as text."""
    box = message_box(parent, QMessageBox.Icon.Warning, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()
