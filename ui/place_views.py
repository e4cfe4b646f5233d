"""The views the sidebar's places open in place of the entry list and editor.

Each place's view (the ledger, the received library) is made the first
time it is shown, so a vault that never licenses anything never builds
them, and it is reloaded each time it comes to the front: what it lists may
have changed behind it (a package opened, a license issued from the
wizard, a status refreshed). On lock every view made forgets what it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, cast

from PySide6.QtWidgets import QStackedWidget, QWidget

from knowhold.ui.models.sidebar import Place


class PlaceView(Protocol):
    def reload(self) -> None: ...

    def clear(self) -> None: ...


class PlaceViews:
    def __init__(self, stack: QStackedWidget, home: QWidget, make: Callable[[Place], QWidget]) -> None:
        self._stack = stack
        self._home = home  # the entries, shown when no place is
        self._make = make
        self._views: dict[Place, QWidget] = {}

    def view(self, place: Place) -> QWidget:
        """The place's view, made on first use."""
        view = self._views.get(place)
        if view is None:
            view = self._views[place] = self._make(place)
            self._stack.addWidget(view)
        return view

    def made(self, place: Place) -> QWidget | None:
        return self._views.get(place)

    def show(self, place: Place | None) -> None:
        """Bring ``place``'s view to the front and reload it; None shows the entries."""
        if place is None:
            self._stack.setCurrentWidget(self._home)
            return
        view = self.view(place)
        self._stack.setCurrentWidget(view)
        _place_view(view).reload()

    def reload_shown(self) -> None:
        shown = self._stack.currentWidget()
        if shown is not self._home and shown is not None:
            _place_view(shown).reload()

    def clear(self) -> None:
        """Forget what every view shows (on lock) and go back to the entries."""
        for view in self._views.values():
            _place_view(view).clear()
        self._stack.setCurrentWidget(self._home)


def _place_view(widget: QWidget) -> PlaceView:
    # Every factory makes a widget with reload() and clear(); Python's types cannot say
    # "a QWidget that is also a PlaceView" in one annotation.
    return cast(PlaceView, widget)
