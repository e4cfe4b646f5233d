"""Dropping files and folders on a window to import them.

An event filter rather than overridden drag handlers, so the main window
stays a shell: install it on a window that accepts drops. Only local files
and folders are accepted; a drag carrying anything else (text, a web link,
a mix of local and remote links) is refused at the door, so the cursor
shows it cannot be dropped and nothing happens.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, Signal
from PySide6.QtGui import QDropEvent


def local_paths(mime: QMimeData | None) -> list[Path]:
    """The local files and folders a drag carries; [] if it carries anything else."""
    if mime is None or not mime.hasUrls():
        return []
    urls = mime.urls()
    if not urls or not all(url.isLocalFile() and url.toLocalFile() for url in urls):
        return []
    return [Path(url.toLocalFile()) for url in urls]


class FileDrop(QObject):
    dropped = Signal(list)
    """The local paths dropped (a ``list[Path]``)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDropEvent)  # drag enter and move events are drop events
            if self.enabled and local_paths(event.mimeData()):
                event.acceptProposedAction()
            else:
                event.ignore()
            return True
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            paths = local_paths(event.mimeData()) if self.enabled else []
            if not paths:
                event.ignore()
                return True
            event.acceptProposedAction()
            self.dropped.emit(paths)
            return True
        return super().eventFilter(watched, event)
