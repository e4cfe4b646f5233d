"""The main window: a shell that lays out the panels and owns the menus.

Features live in their own modules (the entry list model, the entry view,
the action table); this file only connects them. The window never touches
the vault: the model and the view reach it through the session, on the
worker. Locking is asked for with ``lock_requested``; ``ui.app`` does it.
"""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QWidget,
)

from ui import icons
from ui.actions import build_menus
from ui.models.entry_list import ENTRY_ID_ROLE, Column, EntryListModel
from ui.session import VaultSession
from ui.settings import Settings
from ui.widgets.empty_state import EmptyState
from ui.widgets.entry_view import EntryView


def _version() -> str:
    try:
        return metadata.version("knowhold")
    except metadata.PackageNotFoundError:
        return "dev"


class MainWindow(QMainWindow):
    lock_requested = Signal()
    quit_requested = Signal()

    _LOADING, _EMPTY, _ENTRIES = range(3)

    def __init__(
        self, session: VaultSession, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowIcon(icons.app_icon())
        self.set_vault_name("")

        self.model = EntryListModel(session.list_entries, self)
        self.model.loaded.connect(self._on_loaded)
        self.model.failed.connect(self._on_list_failed)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (Column.KIND, Column.TAGS, Column.UPDATED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.resizeSection(Column.KIND, 90)
        header.resizeSection(Column.TAGS, 110)
        header.resizeSection(Column.UPDATED, 125)
        self.table.setAccessibleName(self.tr("Entries"))
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.entry_view = EntryView(session)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.entry_view)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        self.empty_state = EmptyState(
            self.tr(
                "No entries yet: write your first heuristic, or import a folder of notes "
                "(knowhold import FOLDER)."
            )
        )
        self.loading = QLabel(self.tr("Loading…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.pages = QStackedWidget()
        self.pages.insertWidget(self._LOADING, self.loading)
        self.pages.insertWidget(self._EMPTY, self.empty_state)
        self.pages.insertWidget(self._ENTRIES, self.splitter)
        self.setCentralWidget(self.pages)

        self.actions_by_name = build_menus(
            self, {"lock": self.lock_requested.emit, "quit": self.close, "about": self.show_about}
        )
        self.resize(1100, 680)
        self._restore_state()

    # -- life cycle ----------------------------------------------------------------

    def set_vault_name(self, name: str) -> None:
        if name:
            self.setWindowTitle(self.tr("{name} — Knowhold").format(name=name))
        else:
            self.setWindowTitle(self.tr("Knowhold"))

    def start(self) -> None:
        """Show the loading page and fetch the first page of entries."""
        self.loading.setText(self.tr("Loading…"))
        self.pages.setCurrentIndex(self._LOADING)
        self.model.reload()

    def clear(self) -> None:
        """Forget everything shown (on lock): no entry text stays in a widget."""
        self.save_state()
        self.model.clear()
        self.entry_view.clear()
        self.statusBar().clearMessage()
        self.pages.setCurrentIndex(self._LOADING)

    def save_state(self) -> None:
        self._settings.window_geometry = self.saveGeometry()
        self._settings.splitter_state = self.splitter.saveState()

    def _restore_state(self) -> None:
        geometry = self._settings.window_geometry
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = self._settings.splitter_state
        if splitter is not None:
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([560, 440])

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        event.accept()
        self.quit_requested.emit()

    # -- reactions -----------------------------------------------------------------

    def _on_loaded(self, total: int) -> None:
        self.pages.setCurrentIndex(self._ENTRIES if total else self._EMPTY)
        self.statusBar().showMessage(self.tr("%n entries", "", total))

    def _on_list_failed(self, message: str) -> None:
        if self.model.rowCount() == 0:
            self.loading.setText(message)  # the first page failed: say why, not "Loading…"
        self.statusBar().showMessage(message)

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            self.entry_view.show_entry(str(indexes[0].data(ENTRY_ID_ROLE)))

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Knowhold"),
            self.tr(
                "Knowhold {version}\n\nYour work knowledge, in an encrypted vault on this "
                "computer. You decide what to license, to whom, and for how long."
            ).format(version=_version()),
        )
