"""The window's size and place, and where its two splitters stand, kept from one run to the next.

Saved whenever the window goes (lock, quit, close to tray) and restored
when it is made. A splitter state that does not fit the panes it splits
(none saved yet, saved by a version with other panes, or one pane squeezed
to nothing) gives way to the default sizes, so no pane starts out of reach.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QSplitter

from knowhold.ui.settings import Settings

_SIDEBAR_DEFAULT = [200, 1000]  # the sidebar beside the rest
_ENTRIES_DEFAULT = [440, 560]  # the list beside the entry pane


class WindowSizes:
    def __init__(self, settings: Settings, window: QMainWindow, outer: QSplitter, entries: QSplitter) -> None:
        self._settings = settings
        self._window = window
        self._outer = outer
        self._entries = entries

    def save(self) -> None:
        self._settings.window_geometry = self._window.saveGeometry()
        self._settings.splitter_state = self._outer.saveState()
        self._settings.entries_splitter_state = self._entries.saveState()

    def restore(self) -> None:
        geometry = self._settings.window_geometry
        if geometry is not None:
            self._window.restoreGeometry(geometry)
        for splitter, state, default in (
            (self._outer, self._settings.splitter_state, _SIDEBAR_DEFAULT),
            (self._entries, self._settings.entries_splitter_state, _ENTRIES_DEFAULT),
        ):
            if state is not None:
                splitter.restoreState(state)
            sizes = splitter.sizes()
            if state is None or len(sizes) != len(default) or min(sizes) <= 0:
                splitter.setSizes(default)
