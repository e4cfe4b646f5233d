"""The main window: a shell that lays out the panels and owns the menus.

Features live in their own modules (the sidebar, the entry list model and
table, search, the entry pane with its editor, the action table); this
file lays them out and connects their signals.
The window never touches the vault: every panel reaches it through the
session, on the worker. Locking is asked for with ``lock_requested``;
``ui.app`` does it.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui import icons
from knowhold.ui.actions import build_menus
from knowhold.ui.dialogs.audit import AuditDialog
from knowhold.ui.dialogs.my_identity import MyIdentityDialog
from knowhold.ui.dialogs.settings import SettingsDialog
from knowhold.ui.dialogs.shortcuts import ShortcutsDialog
from knowhold.ui.dialogs.single import SingleDialog
from knowhold.ui.file_drop import FileDrop
from knowhold.ui.labels import kind_label
from knowhold.ui.last_entry import LastEntry
from knowhold.ui.licensing.screens import LicensingScreens
from knowhold.ui.models.entry_list import EntryListModel, ListOrder
from knowhold.ui.models.search_results import SearchResultsModel
from knowhold.ui.models.sidebar import Place
from knowhold.ui.session import ALL_ENTRIES, EntryFilter, Overview, VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.transfer import Transfers
from knowhold.ui.undo_trash import UndoTrash, in_text_editor
from knowhold.ui.widgets.empty_state import EmptyState
from knowhold.ui.widgets.entry_pane import EntryPane
from knowhold.ui.widgets.entry_table import EntryTable
from knowhold.ui.widgets.new_entry_button import NewEntryButton
from knowhold.ui.widgets.search import SearchBox, SearchResultsView
from knowhold.ui.widgets.sidebar import Sidebar
from knowhold.ui.widgets.status_count import StatusCount
from knowhold.vault.knowledge.entries import Entry
from knowhold.vault.knowledge.porting import ImportSummary


def _version() -> str:
    try:
        return metadata.version("knowhold")
    except metadata.PackageNotFoundError:
        return "dev"


class MainWindow(QMainWindow):
    lock_requested = Signal()
    quit_requested = Signal()
    settings_changed = Signal()
    """The Settings dialog changed what the app applies (theme, auto-lock, text size)."""

    def __init__(self, session: VaultSession, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._settings = settings
        # Whether closing only hides the window (close to tray); ui.app decides. Quit always quits.
        self.hides_on_close: Callable[[], bool] = lambda: False
        self._settings_dialog = SingleDialog(self._make_settings)
        self._identity_dialog = SingleDialog(lambda: MyIdentityDialog(session, self))
        self._audit_dialog = SingleDialog(lambda: AuditDialog(session, self))
        self._shortcuts_dialog = SingleDialog(lambda: ShortcutsDialog(self.actions_by_name, self))
        self.last_entry = LastEntry(session, settings, self)
        self.last_entry.found.connect(self._reopen_entry)
        self.setWindowIcon(icons.app_icon())
        self.set_vault_name("")

        self.sidebar = Sidebar()
        self.sidebar.filter_changed.connect(self._on_filter)

        self.model = EntryListModel(session.list_entries, self)
        self.model.loaded.connect(lambda _total: self._show_list())
        self.model.failed.connect(self._on_list_failed)
        self.table = EntryTable(self.model)
        self.table.entry_selected.connect(self._open_entry)
        self.table.sort_requested.connect(self._on_sort)

        self.search_box = SearchBox()
        self.search_box.query_changed.connect(self._search)
        self.results = SearchResultsModel(session.search, self)
        self.results.searched.connect(self._on_searched)
        self.results.failed.connect(self._on_search_failed)
        self.results_view = SearchResultsView(self.results)
        self.results_view.entry_selected.connect(self._open_entry)
        self.search_box.go_down.connect(self.results_view.select_first)

        self.empty_state = EmptyState("")
        self.loading = QLabel(self.tr("Loading…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        for page in (self.loading, self.empty_state, self.table, self.results_view):
            self.pages.addWidget(page)
        middle = QWidget()
        column = QVBoxLayout(middle)
        column.setContentsMargins(6, 6, 6, 0)
        column.setSpacing(6)
        self.search_row = QHBoxLayout()
        self.search_row.setSpacing(4)
        self.search_row.addWidget(self.search_box, 1)
        column.addLayout(self.search_row)
        column.addWidget(self.pages)

        self.pane = EntryPane(session)
        self.editor = self.pane.editor
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
        for index, (widget, stretch) in enumerate(((middle, 2), (self.pane, 3))):
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

        self.actions_by_name = build_menus(self, self._handlers())
        # The two actions a worker needs most also have a button: writing, and locking.
        self.new_button = NewEntryButton(self.actions_by_name["new"])
        self.new_button.kind_chosen.connect(self.new_entry)
        self.search_row.addWidget(self.new_button)
        self.license_button = self._tool_button("license", Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.license_button.setToolTip(self.tr("License the selected entries…"))
        self.search_row.addWidget(self.license_button)
        self.lock_button = self._tool_button("lock", Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        # How many entries or results the middle column holds, while it is on screen.
        self.count = StatusCount(self.model, self.results)
        self.content.currentChanged.connect(
            lambda _index: self.count.setVisible(self.content.currentWidget() is self.entries_splitter)
        )
        self.statusBar().addPermanentWidget(self.count)
        self.statusBar().addPermanentWidget(self.lock_button)
        # Delete keys act on the entry of the list or results that has the focus; in
        # a text field they delete text, and in a combo box or check box nothing.
        for name in ("delete", "purge"):
            action = self.actions_by_name[name]
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            for view in (self.table, self.results_view):
                view.addAction(action)
        self.resize(1200, 720)
        self._restore_state()
        self._update_actions()

    def _tool_button(self, action: str, style: Qt.ToolButtonStyle) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(self.actions_by_name[action])
        button.setToolButtonStyle(style)
        button.setAutoRaise(True)
        button.setAccessibleName(self.actions_by_name[action].iconText())
        return button

    def _handlers(self) -> dict[str, Callable[[], object]]:  # what a handler returns is ignored
        def on_focus(method: str) -> Callable[[], None]:
            def run() -> None:
                target = getattr(QApplication.focusWidget(), method, None)
                if callable(target):
                    target()

            return run

        undo_text = on_focus("undo")
        return {
            "lock": self.lock_requested.emit,
            "quit": self.quit,
            # Ctrl+Z is the text's undo in a text field, and brings back a trashed entry elsewhere.
            "undo": lambda: undo_text() if in_text_editor() else self.undo_trash.undo(),
            **{name: on_focus(name) for name in ("redo", "cut", "copy", "paste")},
            "select_all": on_focus("selectAll"),
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
            "shortcuts": self._shortcuts_dialog.show,
            "about": self.show_about,
            "settings": self._settings_dialog.show,
            "my_identity": self._identity_dialog.show,
            "contacts": self.licensing.show_contacts,
            "open_license": self.licensing.ask_open_license,
            "license": lambda: self.license_entries(self._selected_ids()),
            "audit": self._audit_dialog.show,
        }

    # -- life cycle ----------------------------------------------------------------

    def set_vault_name(self, name: str) -> None:
        self._vault_name = name
        if name:
            self.setWindowTitle(self.tr("{name} — Knowhold").format(name=name))
        else:
            self.setWindowTitle(self.tr("Knowhold"))

    def start(self) -> None:
        """Show the loading page and fetch the first page of entries and the counts."""
        self.loading.setText(self.tr("Loading…"))
        self.pages.setCurrentWidget(self.loading)
        self.model.reload()
        self.refresh_overview()
        self.last_entry.reopen()
        self.licensing.start()  # after the first page: the worker runs them in order

    def clear(self) -> None:
        """Save the entry being edited, then forget everything shown (on lock)."""
        self.transfers.cancel()  # the lock is queued behind it: stop at the next file
        self.save_state()
        self.last_entry.cancel()
        if self.settings_dialog is not None:
            self.settings_dialog.discard()
        for dialog in (self.identity_dialog, self.audit_dialog):
            if dialog is not None:
                dialog.close()
        self.licensing.stop()
        self.undo_trash.clear()
        self.pane.clear()
        self.model.clear()
        self.search_box.clear()
        self.results.clear()
        self.sidebar.clear()
        self._use_filter(self.sidebar.current_filter)
        self.statusBar().clearMessage()
        self.pages.setCurrentWidget(self.loading)

    def save_state(self) -> None:
        self._settings.window_geometry = self.saveGeometry()
        self._settings.splitter_state = self.splitter.saveState()
        self._settings.entries_splitter_state = self.entries_splitter.saveState()

    def _restore_state(self) -> None:
        geometry = self._settings.window_geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        for splitter, state, default in (
            (self.splitter, self._settings.splitter_state, [200, 1000]),
            (self.entries_splitter, self._settings.entries_splitter_state, [440, 560]),
        ):
            if state is not None:
                splitter.restoreState(state)
            sizes = splitter.sizes()
            if state is None or len(sizes) != len(default) or min(sizes) <= 0:
                splitter.setSizes(default)
        order = ListOrder.parse(self._settings.list_sort_column, self._settings.list_sort_descending)
        if order != self.model.order:
            self._use_filter(ALL_ENTRIES, order)

    def quit(self) -> None:
        """Save and stop what runs here, then ask the app to end (File ▸ Quit, or closing)."""
        self.transfers.cancel()  # quitting waits for queued work: stop an import at its next file
        self.licensing.pause()  # no timer may queue a publish or a fetch behind the quit
        self.pane.flush()
        self.save_state()
        self.quit_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.hides_on_close():
            self.pane.flush()  # the vault stays open, but what was typed is saved now
            self.save_state()
            event.ignore()
            self.hide()
            return
        event.accept()
        self.quit()

    def _update_actions(self) -> None:
        shown = self.editor.showing_entry
        trashed = self.pane.in_trash
        saved = self.editor.entry is not None
        enabled = {
            "save": shown and not trashed,
            "history": saved and not trashed,
            "delete": shown,
            "find_in_entry": shown,
            "restore": trashed,
            "purge": trashed,
            "empty_trash": self.pane.trash_count > 0,
        }
        for name, on in enabled.items():
            self.actions_by_name[name].setEnabled(on)

    # -- the list --------------------------------------------------------------------

    def refresh_overview(self) -> None:
        Op(self, self._session.overview, self._on_overview).failure(self._show_status).run()

    def _on_overview(self, overview: Overview) -> None:
        self.sidebar.set_overview(overview)
        self.editor.set_known_tags(tag for tag, _ in overview.tags)
        self.pane.trash_count = overview.trash
        self._update_actions()

    def _use_filter(self, view: EntryFilter, order: ListOrder | None = None) -> None:
        order = self.model.order if order is None else order
        page = functools.partial(
            self._session.list_entries, view=view, sort=order.key, descending=order.descending
        )
        self.model.set_source(page, view, order)

    def _on_sort(self, order: ListOrder) -> None:
        """A column's header was clicked: reload the list in that order, and remember it."""
        self._settings.list_sort_column = order.key.value
        self._settings.list_sort_descending = order.descending
        self._use_filter(self.model.view, order)
        self.model.reload()

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
        if self.pages.currentWidget() is self.table:
            chosen = self.table.selected_ids()
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

    def _on_filter(self, view: EntryFilter) -> None:
        self._use_filter(view)
        self.model.reload()
        if self.results.query:
            self._search(self.results.query)

    def _show_list(self) -> None:
        if self.results.query:
            return  # the results stay in front until the search is cleared
        if self.model.total:
            self.pages.setCurrentWidget(self.table)
        else:
            self.empty_state.label.setText(self._empty_text(self.model.view))
            self.pages.setCurrentWidget(self.empty_state)

    def _empty_text(self, view: EntryFilter) -> str:
        if view.trash:
            return self.tr("The trash is empty. Deleted entries wait here until you empty it.")
        if view.kind is not None:
            return self.tr("No {kind} entries yet: press Ctrl+N to write one.").format(
                kind=kind_label(view.kind)
            )
        if view.tag is not None:
            return self.tr("No entries are tagged #{tag}.").format(tag=view.tag)
        return self.tr(
            "No entries yet: press Ctrl+N to write your first heuristic, or bring in your notes "
            "with File ▸ Import Folder… or by dropping Markdown files or folders on this window."
        )

    def _on_list_failed(self, message: str) -> None:
        if self.model.rowCount() == 0:
            self.loading.setText(message)  # the first page failed: say why, not "Loading…"
            self.pages.setCurrentWidget(self.loading)
        self.statusBar().showMessage(message)

    def _show_status(self, failure: Failure) -> None:
        self.statusBar().showMessage(failure.message)

    # -- search ----------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _search(self, query: str) -> None:
        if self.sidebar.current_place is not None and query.strip():
            self.show_place(None)  # the search is over the entries: show them
        if not query.strip():
            self.results.clear()
            self._show_list()
            self._select_shown()
            return
        view = self.sidebar.current_filter
        # The trash is never searched: from there, search every live entry.
        self.results.set_query(query, EntryFilter() if view.trash else view)

    def _select_shown(self) -> None:
        """Select the list's row of the entry shown, if it is loaded; else no row (the search is gone)."""
        shown = self.editor.entry_id if self.editor.showing_entry else None
        if shown is None or not self.table.select_entry(shown):
            self.table.clearSelection()

    def _on_searched(self, query: str, count: int) -> None:
        if count:
            self.pages.setCurrentWidget(self.results_view)
        else:
            self.empty_state.label.setText(
                self.tr("Nothing matches “{query}”. Try fewer words, or the start of a word and *.").format(
                    query=query
                )
            )
            self.pages.setCurrentWidget(self.empty_state)

    def _on_search_failed(self, query: str, message: str) -> None:
        self.empty_state.label.setText(message)
        self.pages.setCurrentWidget(self.empty_state)

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
        self.pane.new_entry(kind, [view.tag] if view.tag else [])
        self.table.clearSelection()  # the row shown selected is no longer the one edited
        self.results_view.clearSelection()

    def _on_saved(self, entry: Entry, previous: Entry | None) -> None:
        self.model.entry_saved(entry, previous)
        self.count.refresh()  # the total changes even when the entry's row is not loaded yet
        if previous is None or (previous.kind, previous.tags) != (entry.kind, entry.tags):
            self.refresh_overview()
        if previous is None:
            self._show_list()
            if self.editor.entry_id == entry.id:
                self.table.select_entry(entry.id)  # already shown: selecting it reloads nothing

    def _on_removed(self, entry_id: str) -> None:
        self.last_entry.forget_if_gone(entry_id)  # deleted for good, not just moved
        self.undo_trash.entry_removed(entry_id)  # if it went to the trash, Undo can bring it back
        searching = self.pages.currentWidget() is self.results_view
        row = self.model.row_of(entry_id)
        hit_row = self.results.entry_removed(entry_id)
        self.model.entry_removed(entry_id)
        self._show_list()
        if self.editor.showing_entry:
            return
        # Deleting one after another: the next entry takes the place of the one that went.
        if searching and hit_row is not None and self.results.rowCount():
            self.results_view.setCurrentIndex(self.results.index(min(hit_row, self.results.rowCount() - 1)))
        elif not searching and row is not None and self.model.rowCount():
            self.table.select_entry(self.model.summary(min(row, self.model.rowCount() - 1)).id)

    def _on_trash_emptied(self, _count: int) -> None:
        self.last_entry.forget_if_gone()
        self.undo_trash.clear()
        if self.model.view.trash:
            self.model.reload()

    def _on_untrashed(self, entry: Entry, trashed: Entry) -> None:
        """Undo brought an entry back from the trash: list it, count it, and show it."""
        self.model.entry_saved(entry, trashed)  # back in a live list; out of the trash's
        self.count.refresh()
        self.refresh_overview()
        if self.results.query:
            self._search(self.results.query)
        if not self.table.select_entry(entry.id):
            self._open_entry(entry.id)

    def _on_imported(self, summary: ImportSummary | None) -> None:
        """Entries were added or updated: the list, the counts, the results, the shown entry."""
        self.model.reload()
        self.refresh_overview()
        if self.results.query:
            self._search(self.results.query)
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

    def _make_settings(self) -> SettingsDialog:
        inputs = [self._vault_name] if self._vault_name else []
        dialog = SettingsDialog(self._session, self._settings, inputs, self)
        dialog.changed.connect(self.settings_changed)
        return dialog

    @property
    def settings_dialog(self) -> SettingsDialog | None:
        return self._settings_dialog.dialog

    @property
    def identity_dialog(self) -> MyIdentityDialog | None:
        return self._identity_dialog.dialog

    @property
    def audit_dialog(self) -> AuditDialog | None:
        return self._audit_dialog.dialog

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Knowhold"),
            self.tr(
                "Knowhold {version}\n\nYour work knowledge, in an encrypted vault on this "
                "computer. You decide what to license, to whom, and for how long."
            ).format(version=_version()),
        )
