"""The license wizard's second page: what to license.

Every live entry in one checkable table (a model over the entries' summaries,
never a widget per entry, so 10,000 entries scroll as smoothly as ten),
narrowed by a search, a kind and a tag, or to the entries chosen. Private
entries are listed too, greyed, with the reason beside their title: they can
never be licensed, and the worker should see that rather than wonder where
they went. The list is read once from the worker; the filters work on what
was read, except the search, which asks the vault's full-text index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from knowhold.ui.labels import kind_label, tags_label
from knowhold.ui.licensing.wizard_draft import LicenseDraft
from knowhold.ui.plain_text import tooltip
from knowhold.ui.session import ALL_ENTRIES, Overview, VaultSession
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.widgets.form_parts import message_label
from knowhold.vault.knowledge.entries import EntrySummary, SortKey, has_tag
from knowhold.vault.licensing.ledger import MAX_ENTRIES
from knowhold.vault.store.schema import KINDS

AnyIndex = QModelIndex | QPersistentModelIndex

SEARCH_LIMIT = 5_000  # matches a search narrows the list to
SEARCH_DELAY_MS = 150  # typing pauses this long before the vault is asked


class Column(IntEnum):
    TITLE = 0
    KIND = 1
    TAGS = 2


class ChoosableEntries(QAbstractTableModel):
    """Entries with a check box each; private ones are listed but cannot be checked."""

    checked_changed = Signal(int)
    """How many entries are checked now."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[EntrySummary] = []
        self._checked: set[str] = set()

    def set_entries(self, summaries: Sequence[EntrySummary], checked: Iterable[str]) -> None:
        self.beginResetModel()
        self._rows = list(summaries)
        choosable = {s.id for s in self._rows if not s.private}
        self._checked = choosable.intersection(checked)
        self.endResetModel()
        self.checked_changed.emit(len(self._checked))

    def summary(self, row: int) -> EntrySummary:
        return self._rows[row]

    def is_checked(self, entry_id: str) -> bool:
        return entry_id in self._checked

    @property
    def checked_ids(self) -> tuple[str, ...]:
        """The checked entries, in the list's order."""
        return tuple(s.id for s in self._rows if s.id in self._checked)

    def set_checked(self, rows: Iterable[int], checked: bool) -> None:
        """Check or uncheck many rows at once (one change signal, not one per row)."""
        ids = {self._rows[r].id for r in rows if not self._rows[r].private}
        if checked:
            self._checked |= ids
        else:
            self._checked -= ids
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.TITLE),
                self.index(len(self._rows) - 1, Column.TITLE),
                [Qt.ItemDataRole.CheckStateRole],
            )
        self.checked_changed.emit(len(self._checked))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].private:
            return Qt.ItemFlag.NoItemFlags  # greyed, and no check box to tick
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == Column.TITLE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        summary = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.CheckStateRole and column == Column.TITLE and not summary.private:
            return Qt.CheckState.Checked if summary.id in self._checked else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text(summary, column)
            return text if role == Qt.ItemDataRole.DisplayRole else tooltip(text)
        return None

    def _text(self, summary: EntrySummary, column: Column) -> str:
        if column == Column.KIND:
            return kind_label(summary.kind)
        if column == Column.TAGS:
            return tags_label(summary.tags)
        if summary.private:
            return self.tr("{title} (private: never licensed)").format(title=summary.title)
        return summary.title

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        entry_id = self._rows[index.row()].id
        if value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value):
            self._checked.add(entry_id)
        else:
            self._checked.discard(entry_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit(len(self._checked))
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = {Column.TITLE: self.tr("Title"), Column.KIND: self.tr("Kind"), Column.TAGS: self.tr("Tags")}
        return headers.get(Column(section)) if 0 <= section < len(Column) else None


class EntryFilter(QSortFilterProxyModel):
    """Narrows the entries to a kind, a tag, a search's matches, or those checked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind: str | None = None
        self.tag: str | None = None
        self.matches: frozenset[str] | None = None  # None: no search
        self.checked_only = False

    def refilter(self) -> None:
        # invalidate, not invalidateFilter: deprecated from Qt 6.10, and its
        # replacement (begin/endFilterChange) is not in 6.8. Nothing is sorted here.
        self.invalidate()

    def filterAcceptsRow(self, source_row: int, _source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, ChoosableEntries):
            return True
        summary = model.summary(source_row)
        if self.kind is not None and summary.kind != self.kind:
            return False
        if self.tag is not None and not has_tag(summary.tags, self.tag):
            return False
        if self.matches is not None and summary.id not in self.matches:
            return False
        return not self.checked_only or model.is_checked(summary.id)


class SelectionPage(QWizardPage):
    """Choose the entries; preselected from the entries or tag the wizard was opened on."""

    def __init__(
        self,
        session: VaultSession,
        draft: LicenseDraft,
        entry_ids: Sequence[str] = (),
        tag: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._draft = draft
        self._preselect = tuple(entry_ids)
        self._preselect_tag = tag
        self._search_generation = 0
        self._asked_private: tuple[str, ...] = ()  # private entries among those preselected
        self.loaded = False
        self.setTitle(self.tr("What to license"))
        self.setSubTitle(
            self.tr("Tick the entries to include. Private entries are never licensed: they are greyed.")
        )

        self.model = ChoosableEntries(self)
        self.filter = EntryFilter(self)
        self.filter.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.filter)
        self.table.setAccessibleName(self.tr("Entries"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        # Fixed widths, not ResizeToContents, which measures every row (a quarter
        # of a second at 1,000 entries): a kind is one of a few known words.
        header.setSectionResizeMode(Column.KIND, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.TAGS, QHeaderView.ResizeMode.Interactive)
        metrics = self.table.fontMetrics()
        header.resizeSection(Column.KIND, max(metrics.horizontalAdvance(kind_label(k)) for k in KINDS) + 24)
        header.resizeSection(Column.TAGS, 160)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search the entries"))
        self.search.setAccessibleName(self.tr("Search"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(self._search_timer.start)
        self.kinds = QComboBox()
        self.kinds.setAccessibleName(self.tr("Kind"))
        self.kinds.addItem(self.tr("All kinds"), None)
        for kind in KINDS:
            self.kinds.addItem(kind_label(kind), kind)
        self.kinds.currentIndexChanged.connect(self._on_filters)
        self.tags = QComboBox()
        self.tags.setAccessibleName(self.tr("Tag"))
        self.tags.addItem(self.tr("All tags"), None)
        self.tags.currentIndexChanged.connect(self._on_filters)
        self.checked_only = QCheckBox(self.tr("Only &chosen"))
        self.checked_only.toggled.connect(self._on_filters)

        self.check_shown = QPushButton(self.tr("&Tick All Shown"))
        self.uncheck_shown = QPushButton(self.tr("&Untick All Shown"))
        for button in (self.check_shown, self.uncheck_shown):
            button.setAutoDefault(False)
        self.check_shown.clicked.connect(lambda: self._check_shown(True))
        self.uncheck_shown.clicked.connect(lambda: self._check_shown(False))
        self.count = QLabel()
        self.count.setAccessibleName(self.tr("Entries chosen"))
        self.error = message_label(self, self.tr("Entries error"))
        self.model.checked_changed.connect(self._on_checked)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.kinds, 1)
        filters.addWidget(self.tags, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.check_shown)
        actions.addWidget(self.uncheck_shown)
        actions.addWidget(self.checked_only)
        actions.addStretch(1)
        actions.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.error)
        self._load()

    def isComplete(self) -> bool:
        return self.loaded and bool(self.model.checked_ids)

    def validatePage(self) -> bool:
        self._draft.entry_ids = self.model.checked_ids
        self._draft.left_out = self._asked_private
        return bool(self._draft.entry_ids)

    # -- loading -----------------------------------------------------------------------

    def _load(self) -> None:
        session = self._session

        def read() -> tuple[list[EntrySummary], Overview]:
            # Every live entry at once: a license holds at most MAX_ENTRIES, and the
            # filters and check boxes work on what is here, without the vault.
            summaries, _total = session.list_entries(MAX_ENTRIES, 0, ALL_ENTRIES, SortKey.TITLE, False)
            return summaries, session.overview()

        Op(self, read, lambda result: self._show(*result)).failure(self._failed).run()

    def _show(self, summaries: list[EntrySummary], overview: Overview) -> None:
        wanted = set(self._preselect)
        if self._preselect_tag is not None:
            wanted |= {s.id for s in summaries if has_tag(s.tags, self._preselect_tag)}
        self.model.set_entries(summaries, wanted)
        self._asked_private = tuple(s.id for s in summaries if s.private and s.id in wanted)
        for tag, count in overview.tags:
            self.tags.addItem(self.tr("#{tag} ({count})").format(tag=tag, count=count), tag)
        self.loaded = True
        self.completeChanged.emit()

    def _failed(self, failure: Failure) -> None:
        self.error.setText(failure.message)
        self.error.show()

    # -- filters -----------------------------------------------------------------------

    def _on_filters(self) -> None:
        self.filter.kind = self.kinds.currentData()
        self.filter.tag = self.tags.currentData()
        self.filter.checked_only = self.checked_only.isChecked()
        self.filter.refilter()

    def _run_search(self) -> None:
        query = self.search.text().strip()
        self._search_generation += 1
        generation = self._search_generation
        if not query:
            self._show_matches(generation, None)
            return
        session = self._session
        Op(
            self,
            lambda: frozenset(hit.id for hit in session.search(query, ALL_ENTRIES, SEARCH_LIMIT, 0)),
            lambda ids: self._show_matches(generation, ids),
        ).failure(self._failed).run()

    def _show_matches(self, generation: int, ids: frozenset[str] | None) -> None:
        if generation != self._search_generation:
            return  # an older query's answer, overtaken by typing
        self.filter.matches = ids
        self.filter.refilter()

    def _check_shown(self, checked: bool) -> None:
        rows = (self.filter.mapToSource(self.filter.index(r, 0)).row() for r in range(self.filter.rowCount()))
        self.model.set_checked(list(rows), checked)
        if self.filter.checked_only:
            self.filter.refilter()

    def _on_checked(self, count: int) -> None:
        self.count.setText(self.tr("%n entries chosen", "", count))
        self.completeChanged.emit()
