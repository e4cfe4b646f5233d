"""The licensing a main window offers, kept apart from the window itself.

The window lays out panels and owns the menus; this object owns what
licensing adds to it: the contacts and the wizard (one of each at a time),
the verification reports of packages being opened, the two places the
sidebar opens (the ledger, the received library), the publisher that keeps
the worker's status document fresh and its banner, and the refresher that
fetches licensors' status documents. ``start`` runs at unlock and ``stop``
at lock, when every dialog closes and every view forgets what it showed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStackedWidget, QWidget

from knowhold.ui.dialogs.single import SingleDialog
from knowhold.ui.licensing.contacts import ContactsDialog
from knowhold.ui.licensing.ledger_view import LedgerView
from knowhold.ui.licensing.open_package import OpenPackageDialog, ask_open_package, is_package, show_package
from knowhold.ui.licensing.publisher import PublishBanner, Publisher
from knowhold.ui.licensing.received_view import ReceivedView
from knowhold.ui.licensing.status_refresher import StatusRefresh, StatusRefresher
from knowhold.ui.licensing.wizard import LicenseWizard
from knowhold.ui.models.sidebar import Place
from knowhold.ui.place_views import PlaceViews
from knowhold.ui.session import VaultSession
from knowhold.ui.settings import Settings


class LicensingScreens(QObject):
    changed = Signal()
    """Licenses were issued, received or changed: the sidebar's counts may differ."""
    message = Signal(str)
    """A sentence for the status bar."""
    place_wanted = Signal(object)
    """A ``Place`` to bring to the front (the library, after a package was added to it)."""

    def __init__(
        self,
        session: VaultSession,
        settings: Settings,
        window: QWidget,
        content: QStackedWidget,
        home: QWidget,
    ) -> None:
        super().__init__(window)
        self._session = session
        self._settings = settings
        self._window = window
        self._contacts = SingleDialog(lambda: ContactsDialog(session, window))
        self._wizard = SingleDialog(self._make_wizard)
        self._wizard_selection: tuple[Sequence[str], str | None] = ((), None)
        self._reports: list[OpenPackageDialog] = []
        self.publisher = Publisher(session, settings, self)
        self.banner = PublishBanner(self.publisher)
        self.refresher = StatusRefresher(session, self, settings=settings)
        self.refresher.refreshed.connect(self._on_refreshed)
        self.places = PlaceViews(content, home, self._make_place)

    # -- life cycle ------------------------------------------------------------------

    def start(self) -> None:
        """At unlock: check whether a publish is due, and refresh received licenses' status."""
        self.publisher.start()
        self.refresher.start()

    def pause(self) -> None:
        """At quit: the publisher's and the refresher's timers stop; what is shown stays."""
        self.publisher.pause()
        self.refresher.stop()

    def stop(self) -> None:
        """At lock: close every licensing dialog and forget what the views show."""
        for dialog in (self.contacts_dialog, self.wizard, *self._reports):
            if dialog is not None:
                dialog.close()
        self._reports.clear()
        self.places.clear()
        self.publisher.stop()
        self.refresher.stop()

    # -- the places ------------------------------------------------------------------

    def _make_place(self, place: Place) -> QWidget:
        view: LedgerView | ReceivedView
        if place is Place.ISSUED:
            view = LedgerView(self._session, self._settings, self._window, publisher=self.publisher)
        else:
            view = ReceivedView(self._session, self._settings, self._window, refresher=self.refresher)
        view.message.connect(self.message)
        view.changed.connect(self.changed)
        return view

    def showing_ledger(self, shown: QWidget | None) -> bool:
        return shown is not None and shown is self.places.made(Place.ISSUED)

    def _on_refreshed(self, refresh: StatusRefresh) -> None:
        if refresh.changes and self.places.made(Place.RECEIVED) is None:
            self.changed.emit()  # the view, once made, says so itself

    # -- the worker: contacts and the wizard -------------------------------------------

    def show_contacts(self) -> None:
        self._contacts.show()

    def license_entries(self, entry_ids: Sequence[str], tag: str | None = None) -> None:
        """Open the license wizard on these entries or this tag (it can change them)."""
        if self.wizard is None:
            self._wizard_selection = (tuple(entry_ids), tag)
        self._wizard.show()  # one at a time: an open wizard comes to the front as it is

    def _make_wizard(self) -> LicenseWizard:
        entry_ids, tag = self._wizard_selection
        wizard = LicenseWizard(self._session, self._settings, self._window, entry_ids=entry_ids, tag=tag)
        wizard.issued.connect(self._on_issued)
        return wizard

    def _on_issued(self, _license_id: str) -> None:
        self.changed.emit()
        self.places.reload_shown()
        self.publisher.check()  # a license with a status address needs a publish

    # -- the employer: opening packages -------------------------------------------------

    def ask_open_license(self) -> None:
        dialog = ask_open_package(self._window, self._session, self._settings)
        if dialog is not None:
            self._keep(dialog)

    def open_package(self, path: Path) -> None:
        """Show a package's verification report (a dropped file, or one the app was asked to open)."""
        self._keep(show_package(self._window, self._session, path))

    def open_packages_in(self, paths: Sequence[Path]) -> list[Path]:
        """Open the reports of the license packages among ``paths``; the other paths."""
        for path in paths:
            if is_package(path):
                self.open_package(path)
        return [path for path in paths if not is_package(path)]

    def _keep(self, dialog: OpenPackageDialog) -> None:
        self._reports.append(dialog)
        dialog.ingested.connect(self._on_ingested)
        dialog.finished.connect(lambda _result: self._forget(dialog))

    def _forget(self, dialog: OpenPackageDialog) -> None:
        if dialog in self._reports:
            self._reports.remove(dialog)

    def _on_ingested(self, _license_id: str) -> None:
        self.changed.emit()
        self.place_wanted.emit(Place.RECEIVED)
        self.places.reload_shown()

    # -- for tests and the window's state -----------------------------------------------

    @property
    def contacts_dialog(self) -> ContactsDialog | None:
        return self._contacts.dialog

    @property
    def wizard(self) -> LicenseWizard | None:
        return self._wizard.dialog

    @property
    def reports(self) -> tuple[OpenPackageDialog, ...]:
        return tuple(self._reports)
