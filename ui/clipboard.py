"""Entry text on the clipboard: marked secret for clipboard managers, then taken back.

Two jobs, kept apart so widgets need not know the guard:

* ``mark_sensitive(mime)`` adds the formats that clipboard managers read as
  "do not keep this" (see ``sensitive_formats``). The Markdown editor calls it
  from ``createMimeDataFromSelection``, which Qt uses for every copy, cut,
  drag and X11 selection from a text edit. A QLineEdit has no such hook, so
  ``ClipboardGuard.watch()`` takes over copy and cut for the title field and
  the preview (keys, context menu, and the Edit menu, which calls the focused
  widget's ``copy()``/``cut()`` by name).
* ``ClipboardGuard`` watches the application's clipboard. When a copy marked
  by Knowhold lands there, it notes a keyed digest of the text and starts a
  timer; when the timer runs out, at lock and at quit, it clears the clipboard
  if it still holds that text (and at lock and quit, an X11 primary selection
  Knowhold owns).

Why a digest rather than ``QClipboard.ownsClipboard()``: ownership is always
false on macOS and on the offscreen platform, and it cannot tell a marked copy
from a later plain copy inside Knowhold (from the search box, say), which must
be left alone. The digest is HMAC-SHA256 under a key drawn at random for each
run, so what stays in memory does not reveal short copied texts by guessing;
the plaintext itself is never kept: Qt holds it for the clipboard, Python only
reads it for a moment to compute or compare the digest.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
import sys
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QClipboard, QContextMenuEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

# KDE Klipper (and wl-clipboard based managers) skip data offered with this type
# and the value "secret" (as KeePassXC's src/gui/Clipboard.cpp sets it).
KDE_HINT = "x-kde-passwordManagerHint"
# The nspasteboard.org convention (org.nspasteboard.ConcealedType) read by macOS
# clipboard managers; some Linux managers check this name too. On macOS, Qt's
# default converter publishes unknown types as "com.trolltech.anymime.…", so the
# real UTI would need a QUtiMimeConverter (not done: no macOS to test on).
MAC_CONCEALED = "application/x-nspasteboard-concealed-type"
# Windows: registered clipboard formats known to the system, per "Cloud Clipboard
# and Clipboard History Formats" in learn.microsoft.com/windows/win32/dataxchg/
# clipboard-formats. Qt names a registered format as application/x-qt-windows-mime;
# value="NAME" (doc.qt.io/qt-6/qmimedata.html, platform-specific MIME types).
WINDOWS_EXCLUDE = "ExcludeClipboardContentFromMonitorProcessing"  # any data
WINDOWS_NO_HISTORY = "CanIncludeInClipboardHistory"  # a DWORD 0
WINDOWS_NO_CLOUD = "CanUploadToCloudClipboard"  # a DWORD 0

_SECRET = b"secret"
_DWORD_ZERO = (0).to_bytes(4, "little")
# A dynamic property on the QMimeData objects Knowhold marks: while Knowhold owns
# the clipboard, Qt hands back that very object, so a marked copy is recognised
# without comparing text.
_MARK = "knowhold_sensitive"


def windows_format(name: str) -> str:
    return f'application/x-qt-windows-mime;value="{name}"'


def sensitive_formats(platform: str = sys.platform) -> dict[str, bytes]:
    """The formats ``mark_sensitive`` adds on ``platform`` (a ``sys.platform`` value)."""
    formats = {KDE_HINT: _SECRET, MAC_CONCEALED: _SECRET}
    if platform == "win32":
        formats[windows_format(WINDOWS_EXCLUDE)] = _DWORD_ZERO
        formats[windows_format(WINDOWS_NO_HISTORY)] = _DWORD_ZERO
        formats[windows_format(WINDOWS_NO_CLOUD)] = _DWORD_ZERO
    return formats


def mark_sensitive(mime: QMimeData) -> QMimeData:
    """Add the "keep out of clipboard history" formats to ``mime``; returns it."""
    for name, value in sensitive_formats().items():
        mime.setData(name, QByteArray(value))
    mime.setProperty(_MARK, True)
    return mime


def is_marked(mime: QMimeData | None) -> bool:
    return mime is not None and bytes(mime.data(KDE_HINT).data()) == _SECRET


def _selection_mime(widget: QWidget) -> QMimeData | None:
    """A marked copy of ``widget``'s selection, or None when nothing may be copied."""
    mime = QMimeData()
    if isinstance(widget, QLineEdit):
        if widget.echoMode() != QLineEdit.EchoMode.Normal or not widget.hasSelectedText():
            return None  # Qt never copies from a password field either
        mime.setText(widget.selectedText())
    elif isinstance(widget, QTextEdit | QPlainTextEdit):
        cursor = widget.textCursor()
        if not cursor.hasSelection():
            return None
        fragment = cursor.selection()
        mime.setText(fragment.toPlainText())
        if isinstance(widget, QTextEdit):
            mime.setHtml(fragment.toHtml())
    else:
        return None
    return mark_sensitive(mime)


class ClipboardGuard(QObject):
    """Clears Knowhold's marked copies from the clipboard once they have served."""

    cleared = Signal()

    def __init__(
        self,
        clear_after_ms: Callable[[], int],
        clipboard: QClipboard | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``clear_after_ms`` is read at each copy, so a changed setting applies at once; 0 = never."""
        super().__init__(parent)
        self._clipboard = clipboard or QGuiApplication.clipboard()
        self._clear_after_ms = clear_after_ms
        self._key = secrets.token_bytes(32)
        self._digest: bytes | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear_if_ours)
        self._clipboard.dataChanged.connect(self._on_changed)

    @property
    def holding(self) -> bool:
        """Whether a marked copy was made that has not been cleared or given up yet."""
        return self._digest is not None

    @property
    def timer(self) -> QTimer:
        return self._timer

    def _fingerprint(self, text: str) -> bytes:
        return hmac.digest(self._key, text.encode("utf-8", "surrogatepass"), hashlib.sha256)

    def _on_changed(self) -> None:
        data = self._clipboard.mimeData(QClipboard.Mode.Clipboard)
        if data is None or not is_marked(data):
            # Someone else's data, or a plain copy: nothing to start. A copy made
            # earlier is still checked by its digest when the time comes.
            return
        if data.property(_MARK) is not True and not self._clipboard.ownsClipboard():
            return  # a password manager's secret: its own app clears it
        self._digest = self._fingerprint(data.text())
        delay_ms = self._clear_after_ms()
        if delay_ms > 0:
            self._timer.start(delay_ms)
        else:
            self._timer.stop()

    def clear_if_ours(self) -> bool:
        """Clear the clipboard if it still holds the last marked copy; True if it did."""
        self._timer.stop()
        cleared = False
        if self._digest is not None:
            current = self._fingerprint(self._clipboard.text(QClipboard.Mode.Clipboard))
            if hmac.compare_digest(current, self._digest):
                self._clipboard.clear(QClipboard.Mode.Clipboard)
                cleared = True
            self._digest = None
        if cleared:
            self.cleared.emit()
        return cleared

    def take_back(self) -> bool:
        """At lock and quit: ``clear_if_ours()``, and drop an X11 primary selection we own.

        The selection may hold entry text selected before the window was cleared,
        pasted anywhere with a middle click (and kept by some clipboard managers).
        """
        cleared = self.clear_if_ours()
        if self._clipboard.supportsSelection() and self._clipboard.ownsSelection():
            self._clipboard.clear(QClipboard.Mode.Selection)
        return cleared

    # -- widgets without a createMimeDataFromSelection of their own ----------------

    def copy_from(self, widget: QWidget, cut: bool = False) -> None:
        """Copy (or cut) ``widget``'s selection to the clipboard, marked."""
        mime = _selection_mime(widget)
        if mime is None:
            return
        self._clipboard.setMimeData(mime, QClipboard.Mode.Clipboard)
        if cut and isinstance(widget, QLineEdit) and not widget.isReadOnly():
            widget.del_()  # one undo step, as Qt's own cut
        elif cut and isinstance(widget, QTextEdit | QPlainTextEdit) and not widget.isReadOnly():
            widget.textCursor().removeSelectedText()

    def _copy_link(self, url: str) -> None:
        mime = QMimeData()
        mime.setText(url)
        self._clipboard.setMimeData(mark_sensitive(mime), QClipboard.Mode.Clipboard)

    def watch(self, widget: QLineEdit | QTextEdit | QPlainTextEdit) -> None:
        """Make every copy and cut from ``widget`` a marked one.

        An event filter takes the copy and cut keys and the context menu; the
        instance's ``copy``/``cut`` are replaced for callers that reach them by
        name (the Edit menu). Qt's own C++ paths are not reached by Python
        overrides, which is why the keys and the menu are taken here.
        """
        widget.installEventFilter(self)
        if isinstance(widget, QAbstractScrollArea):
            # A text edit's context menu event goes to its viewport, not to it.
            widget.viewport().installEventFilter(self)
        widget.copy = functools.partial(self.copy_from, widget)  # type: ignore[method-assign]
        widget.cut = functools.partial(self.copy_from, widget, True)  # type: ignore[method-assign]

    def context_menu(self, widget: QWidget, pos: QPoint) -> QMenu:
        """``widget``'s standard context menu with Copy, Cut and Copy Link made marked.

        ``pos`` is where the menu was asked for: in the viewport for a text edit.
        """
        if isinstance(widget, QTextEdit):
            scrolled = QPoint(widget.horizontalScrollBar().value(), widget.verticalScrollBar().value())
            menu = widget.createStandardContextMenu(pos + scrolled)  # document coordinates
        else:
            menu = widget.createStandardContextMenu()  # type: ignore[attr-defined]
        anchor = widget.anchorAt(pos) if isinstance(widget, QTextEdit) else ""
        for action in menu.actions():
            name = action.objectName()
            if name in ("edit-copy", "edit-cut", "link-copy"):
                action.triggered.disconnect()
            if name == "edit-copy":
                action.triggered.connect(lambda: self.copy_from(widget))
            elif name == "edit-cut":
                action.triggered.connect(lambda: self.copy_from(widget, cut=True))
            elif name == "link-copy":
                action.triggered.connect(lambda: self._copy_link(anchor))
        return menu

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QWidget):
            return False
        owner = watched.parentWidget()
        if isinstance(owner, QAbstractScrollArea) and owner.viewport() is watched:
            watched = owner
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_from(watched)
                return True
            if event.matches(QKeySequence.StandardKey.Cut):
                self.copy_from(watched, cut=True)
                return True
        elif kind == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            menu = self.context_menu(watched, event.pos())
            menu.exec(event.globalPos())
            menu.deleteLater()
            return True
        return False
