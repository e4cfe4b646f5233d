"""The main window: a shell that lays out the panels and owns the menus.

Features live in their own modules: the sidebar, the middle column with
the list and the search (``EntryBrowser``), the entry pane with its editor,
the licensing screens, import and export (``Transfers``), Undo for the
trash, the window's dialogs (``WindowDialogs``), its remembered sizes
(``WindowSizes``), and the menus built from the action table with their
buttons (``WindowActions``). This file lays them out, names each action's
handler and connects their signals: what one panel did, the others hear
here.
The window never touches the vault: every panel reaches it through the
session, on the worker. Locking is asked for with ``lock_requested``;
``ui.app`` does it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui import icons
from knowhold.ui.dialogs.audit import AuditDialog
from knowhold.ui.dialogs.my_identity import MyIdentityDialog
from knowhold.ui.dialogs.settings import SettingsDialog
from knowhold.ui.file_drop import FileDrop
from knowhold.ui.last_entry import LastEntry
from knowhold.ui.licensing.screens import LicensingScreens
from knowhold.ui.models.sidebar import Place
from knowhold.ui.session import ALL_ENTRIES, EntryFilter, Overview, VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.transfer import Transfers
from knowhold.ui.undo_trash import UndoTrash, in_text_editor
from knowhold.ui.widgets.entry_browser import EntryBrowser
from knowhold.ui.widgets.entry_pane import EntryPane
from knowhold.ui.widgets.sidebar import Sidebar
from knowhold.ui.window_actions import WindowActions, to_focus
from knowhold.ui.window_dialogs import WindowDialogs
from knowhold.ui.window_sizes import WindowSizes
from knowhold.vault.knowledge.entries import Entry
from knowhold.vault.knowledge.porting import ImportSummary


class MainWindow(QMainWindow):
    lock_requested = Signal()
    quit_requested = Signal()
    settings_changed = Signal()
    """The Settings dialog changed what the app applies (theme, auto-lock, text size)."""

    def __init__(self, session: VaultSession, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        # Whether closing only hides the window (close to tray); ui.app decides. Quit always quits.
        self.hides_on_close: Callable[[], bool] = lambda: False
        self.dialogs = WindowDialogs(session, settings, self, lambda: self.actions_by_name)
        self.dialogs.settings_changed.connect(self.settings_changed)
        self.last_entry = LastEntry(session, settings, self)
        self.last_entry.found.connect(self._reopen_entry)
        self.setWindowIcon(icons.app_icon())
        self.set_vault_name("")

        self.sidebar = Sidebar()
        self.pane = EntryPane(session)
        self.editor = self.pane.editor

        # The middle column: the list or the search results. Its parts keep their names here.
        self.browser = EntryBrowser(session, settings, self.editor, self.sidebar.sidebar_model.spelling)
        self.sidebar.filter_changed.connect(self.browser.show_filter)
        self.browser.entry_selected.connect(self._open_entry)
        self.browser.searching.connect(self._leave_place)
        self.browser.message.connect(self.statusBar().showMessage)
        self.model = self.browser.model
        self.table = self.browser.table
        self.search_box = self.browser.search_box
        self.results = self.browser.results
        self.results_view = self.browser.results_view
        self.pages = self.browser.pages
        self.loading = self.browser.loading
        self.empty_state = self.browser.empty_state
        self.count = self.browser.count

        self.pane.saved.connect(self._on_saved)
        self.pane.removed.connect(self._on_removed)
        self.pane.counts_changed.connect(self.refresh_overview)
        self.pane.trash_emptied.connect(self._on_trash_emptied)
        self.pane.message.connect(self.statusBar().showMessage)
        self.undo_trash = UndoTrash(session, self.statusBar(), self)
        self.undo_trash.restored.connect(self._on_untrashed)
        self.undo_trash.message.connect(self.statusBar().showMessage)
        self.pane.changed.connect(self._update_actions)
        self.pane.open_requested.connect(self._open_entry)
        self.editor.save_failed.connect(self._on_save_failed)
        self.editor.load_failed.connect(self.statusBar().showMessage)

        # Import, export, backup, restore; files and folders dropped on the window import.
        self.transfers = Transfers(session, self, before=self.pane.flush)
        self.transfers.imported.connect(self._on_imported)
        self.transfers.message.connect(self.statusBar().showMessage)
        self.file_drop = FileDrop(self)
        self.file_drop.dropped.connect(self._on_dropped)
        self.setAcceptDrops(True)
        self.installEventFilter(self.file_drop)

        # The sidebar, then either the entries (list beside editor) or a licensing view.
        self.entries_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.entries_splitter.setChildrenCollapsible(False)
        for index, (widget, stretch) in enumerate(((self.browser, 2), (self.pane, 3))):
            self.entries_splitter.addWidget(widget)
            self.entries_splitter.setStretchFactor(index, stretch)
        self.content = QStackedWidget()
        self.content.addWidget(self.entries_splitter)
        self.licensing = LicensingScreens(session, settings, self, self.content, self.entries_splitter)
        self.licensing.changed.connect(self.refresh_overview)
        self.licensing.message.connect(self.statusBar().showMessage)
        self.licensing.place_wanted.connect(self.show_place)
        self.sidebar.license_tag_requested.connect(lambda tag: self.license_entries([], tag))
        # Over the entries too: a revocation not yet published should not wait for the ledger to be opened.
        self.publish_banner = self.licensing.banner
        self.content.currentChanged.connect(lambda _index: self._show_banner())
        self.licensing.publisher.state_changed.connect(lambda _state: self._show_banner())
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.setSpacing(0)
        right_column.addWidget(self.publish_banner)
        right_column.addWidget(self.content, 1)
        self.sidebar.place_changed.connect(self._on_place)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        for index, (widget, stretch) in enumerate(((self.sidebar, 0), (right, 1))):
            self.splitter.addWidget(widget)
            self.splitter.setStretchFactor(index, stretch)
        self.setCentralWidget(self.splitter)
        chain = (self.sidebar, self.search_box, self.table, self.results_view, self.editor.title)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        self.menus = WindowActions(self, self._handlers())
        self.actions_by_name = self.menus.by_name
        self.new_button = self.menus.new_button
        self.new_button.kind_chosen.connect(self.new_entry)
        self.browser.search_row.addWidget(self.new_button)
        self.browser.search_row.addWidget(self.menus.license_button)
        # How many entries or results the middle column holds, while it is on screen.
        self.content.currentChanged.connect(
            lambda _index: self.count.setVisible(self.content.currentWidget() is self.entries_splitter)
        )
        self.statusBar().addPermanentWidget(self.count)
        self.statusBar().addPermanentWidget(self.menus.lock_button)
        self.browser.scope_to_rows(self.actions_by_name["delete"], self.actions_by_name["purge"])
        self.resize(1200, 720)
        self._sizes = WindowSizes(settings, self, self.splitter, self.entries_splitter)
        self._sizes.restore()
        self._update_actions()

    def _handlers(self) -> dict[str, Callable[[], object]]:  # what a handler returns is ignored
        undo_text = to_focus("undo")
        return {
            "lock": self.lock_requested.emit,
            "quit": self.quit,
            # Ctrl+Z is the text's undo in a text field, and brings back a trashed entry elsewhere.
            "undo": lambda: undo_text() if in_text_editor() else self.undo_trash.undo(),
            **{name: to_focus(name) for name in ("redo", "cut", "copy", "paste")},
            "select_all": to_focus("selectAll"),
            "find": self.focus_search,
            "find_in_entry": self.pane.find_in_entry,  # Edit ▸ Find in Entry (Ctrl+F)
            "preview": self.editor.toggle_preview,
            "sidebar": lambda: self.sidebar.setVisible(self.actions_by_name["sidebar"].isChecked()),
            "new": lambda: self.new_entry(),
            "save": lambda: self.pane.flush(explicit=True),
            "history": self.pane.show_history,
            "delete": self.pane.delete,
            "restore": self.pane.restore,
            "purge": self.pane.purge,
            "empty_trash": self.pane.empty_trash,
            "import_files": self.transfers.ask_import_files,
            "import_folder": self.transfers.ask_import_folder,
            "export": self.transfers.ask_export,
            "export_by_kind": self.transfers.ask_export_by_kind,
            "backup": self.transfers.ask_backup,
            "restore_backup": self.transfers.ask_restore,
            "shortcuts": self.dialogs.shortcuts.show,
            "about": self.dialogs.show_about,
            "settings": self.dialogs.settings.show,
            "my_identity": self.dialogs.identity.show,
            "contacts": self.licensing.show_contacts,
            "open_license": self.licensing.ask_open_license,
            "license": lambda: self.license_entries(self._selected_ids()),
            "audit": self.dialogs.audit.show,
        }

    # -- life cycle ----------------------------------------------------------------

    def set_vault_name(self, name: str) -> None:
        self.dialogs.vault_name = name
        if name:
            self.setWindowTitle(self.tr("{name} — Knowhold").format(name=name))
        else:
            self.setWindowTitle(self.tr("Knowhold"))

    def start(self) -> None:
        """Show the loading page and fetch the first page of entries and the counts."""
        self.browser.start()
        self.refresh_overview()
        self.last_entry.reopen()
        self.licensing.start()  # after the first page: the worker runs them in order

    def clear(self) -> None:
        """Save the entry being edited, then forget everything shown (on lock)."""
        self.transfers.cancel()  # the lock is queued behind it: stop at the next file
        self._sizes.save()
        self.last_entry.cancel()
        self.dialogs.close_all()
        self.licensing.stop()
        self.undo_trash.clear()
        self.pane.clear()
        self.browser.clear()
        self.sidebar.clear()
        self.statusBar().clearMessage()

    def quit(self) -> None:
        """Save and stop what runs here, then ask the app to end (File ▸ Quit, or closing)."""
        self.transfers.cancel()  # quitting waits for queued work: stop an import at its next file
        self.licensing.pause()  # no timer may queue a publish or a fetch behind the quit
        self.pane.flush()
        self._sizes.save()
        self.quit_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.hides_on_close():
            self.pane.flush()  # the vault stays open, but what was typed is saved now
            self._sizes.save()
            event.ignore()
            self.hide()
            return
        event.accept()
        self.quit()

    def _update_actions(self) -> None:
        self.menus.enable_for(self.pane)

    # -- the sidebar's counts ------------------------------------------------------------

    def refresh_overview(self) -> None:
        Op(self, self._session.overview, self._on_overview).failure(self._show_status).run()

    def _on_overview(self, overview: Overview) -> None:
        self.sidebar.set_overview(overview)
        self.editor.set_known_tags(tag for tag, _ in overview.tags)
        self.pane.trash_count = overview.trash
        self._update_actions()

    # -- the licensing places (the sidebar's Issued and Received) ----------------------

    def _show_banner(self) -> None:
        # The ledger shows its own banner; elsewhere this one, when the publisher has something to say.
        in_ledger = self.licensing.showing_ledger(self.content.currentWidget())
        self.publish_banner.setVisible(not in_ledger and bool(self.publish_banner.label.text()))

    def _on_place(self, place: Place | None) -> None:
        self.licensing.places.show(place)
        if place is not None:
            self.pane.flush()  # the editor leaves the screen: what was typed is saved first
            self.statusBar().clearMessage()

    def show_place(self, place: Place | None) -> None:
        """Show a licensing view (None: the entries), selecting its row in the sidebar."""
        self.sidebar.select_place(place)

    def _selected_ids(self) -> list[str]:
        """The entries a license starts from: the rows chosen in the list, else the one shown."""
        chosen = self.browser.selected_ids()
        if chosen:
            return chosen
        shown = self.editor.entry
        return [shown.id] if shown is not None and self.editor.showing_entry else []

    def license_entries(self, entry_ids: list[str], tag: str | None = None) -> None:
        """Open the license wizard on these entries or this tag, saving the entry being edited first."""
        self.pane.flush()
        self.licensing.license_entries(entry_ids, tag)

    def open_package(self, path: Path) -> None:
        """Show a package's verification report (one the app was asked to open)."""
        self.licensing.open_package(path)

    def _on_dropped(self, paths: list[Path]) -> None:
        """License packages open their verification report; anything else is imported.

        Only drops outside the entry pane come here: files dropped on the pane
        while it shows an entry attach to that entry (ui/widgets/entry_pane.py).
        """
        others = self.licensing.open_packages_in(paths)
        if others:
            self.transfers.import_paths(others)

    # -- the middle column: the list or the search results ----------------------------

    def focus_search(self) -> None:
        self.browser.focus_search()

    def _leave_place(self) -> None:
        if self.sidebar.current_place is not None:
            self.show_place(None)  # the search is over the entries: show them

    def _empty_text(self, view: EntryFilter) -> str:
        return self.browser.empty_text(view)  # kept where tests read it

    # -- the entry pane ----------------------------------------------------------------

    def _open_entry(self, entry_id: str) -> None:
        self.last_entry.remember(entry_id)
        self.pane.open_entry(entry_id)

    def _reopen_entry(self, entry: Entry) -> None:
        if self.editor.showing_entry:
            return  # the user already chose something else
        self.editor.show_entry(entry)
        self.table.select_entry(entry.id)  # if its row is loaded; the editor shows it either way

    def new_entry(self, kind: str | None = None) -> None:
        """Write a new entry of ``kind``: by default the kind of the sidebar's place, else a Note."""
        view = self.sidebar.current_filter
        if self.sidebar.current_place is not None:
            self.show_place(None)  # the editor is where a new entry is written
        kind = kind or view.kind or "note"
        if view.trash or view.kind not in (None, kind):
            self.sidebar.select_filter(ALL_ENTRIES)  # where the new entry will be listed
        tag = self.sidebar.current_tag  # as its row spells it: the filter holds the key
        self.pane.new_entry(kind, [tag] if tag else [])
        self.browser.clear_selection()  # the row shown selected is no longer the one edited

    def _on_saved(self, entry: Entry, previous: Entry | None) -> None:
        self.browser.entry_saved(entry, previous)
        if previous is None or (previous.kind, previous.tags) != (entry.kind, entry.tags):
            self.refresh_overview()

    def _on_removed(self, entry_id: str) -> None:
        self.last_entry.forget_if_gone(entry_id)  # deleted for good, not just moved
        self.undo_trash.entry_removed(entry_id)  # if it went to the trash, Undo can bring it back
        self.browser.entry_removed(entry_id)

    def _on_trash_emptied(self, _count: int) -> None:
        self.last_entry.forget_if_gone()
        self.undo_trash.clear()
        self.browser.trash_emptied()

    def _on_untrashed(self, entry: Entry, trashed: Entry) -> None:
        """Undo brought an entry back from the trash: list it, count it, and show it."""
        self.browser.entry_saved(entry, trashed)  # back in a live list; out of the trash's
        self.refresh_overview()
        self.browser.search_again()
        if not self.table.select_entry(entry.id):
            self._open_entry(entry.id)

    def _on_imported(self, summary: ImportSummary | None) -> None:
        """Entries were added or updated: the list, the counts, the results, the shown entry."""
        self.model.reload()
        self.refresh_overview()
        self.browser.search_again()
        shown = self.editor.entry
        if shown is not None and (summary is None or summary.updated):
            # The import may have saved a newer version of it; editing the old text would undo that.
            Op(self, lambda: self._session.entry(shown.id), self._show_if_newer).failure(
                self._show_status
            ).run()

    def _show_if_newer(self, entry: Entry) -> None:
        shown = self.editor.entry
        newer = shown is not None and shown.id == entry.id and shown.version < entry.version
        if newer and not self.editor.dirty:
            self.editor.show_entry(entry)

    def _on_save_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("Not saved: {reason}").format(reason=message))

    def _show_status(self, failure: Failure) -> None:
        self.statusBar().showMessage(failure.message)

    # -- the window's dialogs ------------------------------------------------------------

    @property
    def settings_dialog(self) -> SettingsDialog | None:
        return self.dialogs.settings.dialog

    @property
    def identity_dialog(self) -> MyIdentityDialog | None:
        return self.dialogs.identity.dialog

    @property
    def audit_dialog(self) -> AuditDialog | None:
        return self.dialogs.audit.dialog
