"""The files attached to the shown entry: listed under the editor, added, saved out, removed.

Each is added from the "Attach File…" dialog, by dropping files on the entry
pane (``AttachDrop``) or by pasting an image into the text (the editor asks
the pane); the bytes go into the encrypted vault on the worker
(``VaultSession.attach_file`` and ``attach``), never into a file beside it.
A name came from outside (a file name, an imported note), so the list shows
it as plain text, elided in the middle, with an escaped tooltip. "Save As…"
writes one out atomically; removing one asks first.

The list is read again whenever another entry is shown; a newer request
wins over one still on its way. The names and hashes it holds are what the
preview may draw as images (``listed``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QDropEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui import plain_text
from knowhold.ui.dialogs.choose import Choose, documents_folder
from knowhold.ui.dialogs.confirm import Confirm
from knowhold.ui.file_drop import local_paths
from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import Failure, Op
from knowhold.vault.knowledge.attachments import Attachment

VISIBLE_ROWS = 4  # more scroll: the text stays the larger part of the pane


class AttachDrop(QObject):
    """Dropped local files, announced by ``dropped`` instead of reaching the widget.

    Installed on the entry pane and on the editor's and preview's viewports
    while an entry is shown (``enabled``). A drag of anything but local files
    (text moved within the editor, a web link) passes through untouched.
    """

    dropped = Signal(list)
    """The local paths dropped (a ``list[Path]``)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return super().eventFilter(watched, event)
        assert isinstance(event, QDropEvent)  # drag enter and move events are drop events
        paths = local_paths(event.mimeData()) if self.enabled else []
        if not paths:
            return False
        event.acceptProposedAction()
        if kind == QEvent.Type.Drop:
            self.dropped.emit(paths)
        return True


class AttachmentList(QFrame):
    listed = Signal(dict)
    """The shown entry's attachments as the preview needs them: name -> SHA-256."""
    attached = Signal(object)
    """An ``Attachment`` was added to the shown entry."""
    message = Signal(str)

    def __init__(
        self, session: VaultSession, saved_key: Callable[[], str | None], parent: QWidget | None = None
    ) -> None:
        """``saved_key`` gives the shown draft's key after asking for it to be saved (None: none shown)."""
        super().__init__(parent)
        self._session = session
        self._saved_key = saved_key
        self._read_only = False
        self._request = 0
        self.entry_id: str | None = None
        self.attachments: list[Attachment] = []
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        self.setAccessibleName(self.tr("Attachments"))

        self.heading = QLabel(self.tr("Attachments"))
        self.attach_button = QPushButton(self.tr("Attach File…"))
        self.attach_button.clicked.connect(self.choose_files)
        self.save_button = QPushButton(self.tr("Save As…"))
        self.save_button.clicked.connect(self.save_selected)
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.list = QListWidget()
        self.list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAccessibleName(self.tr("Attached files"))
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(lambda _item: self.save_selected())

        row = QHBoxLayout()
        row.addWidget(self.heading)
        row.addStretch(1)
        for button in (self.attach_button, self.save_button, self.remove_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 6, 20, 6)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(self.list)
        self._show([])
        self.hide()

    # -- showing ------------------------------------------------------------------------

    def show_for(self, entry_id: str | None, read_only: bool = False) -> None:
        """List ``entry_id``'s attachments (None: a new entry not saved yet, or nothing shown)."""
        self.attach_button.setEnabled(not read_only)
        self._read_only = read_only
        if entry_id == self.entry_id:
            self._update_buttons()
            return
        self.entry_id = entry_id
        self.reload()

    def reload(self) -> None:
        self._request += 1
        self._show([])
        entry_id = self.entry_id
        if entry_id is None:
            return
        request, session = self._request, self._session

        def found(attachments: list[Attachment]) -> None:
            if request == self._request:
                self._show(attachments)

        Op(self, lambda: session.attachments(entry_id), found).failure(self._failed).run()

    def _show(self, attachments: list[Attachment]) -> None:
        self.attachments = attachments
        self.list.clear()
        for attachment in attachments:
            size = QLocale().formattedDataSize(attachment.size)
            item = QListWidgetItem(f"{attachment.name}  ({size})")  # an item's text is never markup
            item.setToolTip(plain_text.tooltip(f"{attachment.name}\n{attachment.mime}, {size}"))
            item.setData(Qt.ItemDataRole.UserRole, attachment)
            self.list.addItem(item)
        self.list.setVisible(bool(attachments))
        rows = min(len(attachments), VISIBLE_ROWS)
        # Row by row: a Chinese name's row is taller than a Latin one's.
        height = sum(self.list.sizeHintForRow(row) for row in range(rows)) + 2 * self.list.frameWidth()
        self.list.setFixedHeight(height if rows else 0)
        self._update_buttons()
        self.listed.emit({a.name: a.sha256 for a in attachments})

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.save_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen and not self._read_only)

    def selected(self) -> Attachment | None:
        items = self.list.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _failed(self, failure: Failure) -> None:
        self.message.emit(failure.message)

    # -- adding ----------------------------------------------------------------------------

    def choose_files(self) -> None:
        paths = Choose.files_to_attach(self)
        if paths:
            self.attach_files(paths)

    def attach_files(self, paths: list[Path]) -> None:
        """Read and attach each file on the worker, to the shown entry (saved first if new)."""
        key = self._saved_key()
        if key is None:
            return
        for path in paths:
            self._attach_file(key, path)

    def _attach_file(self, key: str, path: Path) -> None:
        session = self._session

        def failed(failure: Failure) -> None:
            self.message.emit(
                self.tr("Not attached: {name}: {reason}").format(name=path.name, reason=failure.message)
            )

        Op(self, lambda: session.attach_file(key, path), self._added).failure(failed).run()

    def attach_data(self, name: str, data: bytes) -> None:
        """Attach ``data`` as ``name`` to the shown entry (a pasted image)."""
        key = self._saved_key()
        if key is None:
            return
        session = self._session
        Op(self, lambda: session.attach(key, name, data), self._added).failure(self._failed).run()

    def _added(self, attachment: Attachment) -> None:
        self.reload()
        self.attached.emit(attachment)
        self.message.emit(self.tr("Attached “{name}”.").format(name=attachment.name))

    # -- saving out and removing -----------------------------------------------------------

    def save_selected(self) -> None:
        attachment = self.selected()
        if attachment is None:
            return
        path = Choose.attachment_file(self, documents_folder() / _safe_file_name(attachment.name))
        if path is None:
            return
        session = self._session

        def saved(_result: None) -> None:
            self.message.emit(self.tr("Saved “{name}”.").format(name=path.name))

        Op(self, lambda: session.save_attachment(attachment.sha256, path), saved).failure(self._failed).run()

    def remove_selected(self) -> None:
        attachment, entry_id = self.selected(), self.entry_id
        if attachment is None or entry_id is None or self._read_only:
            return
        if not Confirm.ask(
            self,
            self.tr("Remove Attachment"),
            self.tr("Remove “{name}” from this entry?").format(name=attachment.name),
            self.tr("Remove"),
        ):
            return
        session = self._session

        def removed(_result: None) -> None:
            self.reload()
            self.message.emit(self.tr("Removed “{name}”.").format(name=attachment.name))

        Op(self, lambda: session.remove_attachment(entry_id, attachment.name), removed).failure(
            self._failed
        ).run()


def _safe_file_name(name: str) -> str:
    """An attachment's name as a file name to suggest: its last part, no separators or controls."""
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in last if ch.isprintable()).strip(" .")
    return cleaned or "attachment"
