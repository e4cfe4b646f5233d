"""The entry pane: the editor, and what can be done to the entry it shows.

Moving to the trash, restoring from it, deleting for good, emptying the
trash and the history dialog all start here, each as an operation on the
worker after the editor has saved. A trashed entry is shown read-only
under a banner that offers to restore it. The window learns what happened
by signal and updates the list and the sidebar; this pane never touches
either. Under the editor, the entries that link to the shown one
(``Backlinks``); following a ``[[link]]`` in the preview or one of those
asks the window to open that entry (``open_requested``).

Above those, the entry's attachments (``AttachmentList``). Files dropped
anywhere on this pane attach to the shown entry (a new one is saved first);
dropped elsewhere in the window they are imported or opened as before
(ui/main_window.py). A screenshot pasted into the text is attached as
``pasted-<date>-<time>.png`` and ``![](that name)`` is typed at the cursor,
so the preview shows it; pasted files attach as dropped ones do.

Under the text, a find bar (``find_in_entry``, Ctrl+F) finds words in the
shown entry's text or preview, whichever is in front; F3 and Shift+F3 step
through the matches from anywhere in the pane.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QDateTime, QIODevice, Qt, Signal
from PySide6.QtGui import QColor, QImage, QImageWriter, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui.dialogs.confirm import Confirm
from knowhold.ui.dialogs.history import HistoryDialog
from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.widgets.attachments import AttachDrop, AttachmentList
from knowhold.ui.widgets.backlinks import Backlinks
from knowhold.ui.widgets.editor import EntryEditor
from knowhold.ui.widgets.find_bar import FindBar
from knowhold.vault.knowledge.entries import Entry

_BANNER = QColor(208, 138, 22, 45)


class EntryPane(QWidget):
    saved = Signal(object, object)
    """``(entry, previous)``: the entry was saved (``previous`` None: it is new)."""
    removed = Signal(str)
    """An entry left the list it was in: moved to or restored from the trash, or deleted."""
    counts_changed = Signal()
    trash_emptied = Signal(int)
    message = Signal(str)
    changed = Signal()
    """What is shown, or whether it is in the trash, changed (for enabling actions)."""
    open_requested = Signal(str)
    """An entry id: a link or a backlink to that entry was followed."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.history_dialog: HistoryDialog | None = None
        self.trash_count = 0  # as the sidebar last counted it
        self._arriving: tuple[str, str] | None = None  # (entry id, heading) of a followed link

        self.editor = EntryEditor(session)
        self.editor.saved.connect(self.saved)
        self.editor.changed.connect(self._on_changed)
        self.editor.preview.entry_link_clicked.connect(self._follow_link)
        self.backlinks = Backlinks(session)
        self.backlinks.open_requested.connect(self.open_requested)
        self.attachments = AttachmentList(session, self.editor.saved_key)
        self.attachments.message.connect(self.message)
        self.attachments.listed.connect(self.editor.preview.set_attachments)
        self.editor.body.image_pasted.connect(self.paste_image)
        self.editor.body.files_pasted.connect(self.attach_paths)
        self.drop = AttachDrop(self)
        self.drop.dropped.connect(self.attach_paths)
        self.setAcceptDrops(True)
        for target in (
            self,
            self.editor.body.viewport(),
            self.editor.preview.viewport(),
            self.attachments.list.viewport(),
        ):
            target.installEventFilter(self.drop)

        self.find_bar = FindBar()
        self.editor.tabs.currentChanged.connect(self._find_in_front)
        for key, step in (("F3", self.find_next), ("Shift+F3", self.find_bar.previous)):
            QShortcut(QKeySequence(key), self, step, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.banner = QFrame()
        self.banner.setAutoFillBackground(True)
        palette = self.banner.palette()
        palette.setColor(QPalette.ColorRole.Window, _BANNER)
        self.banner.setPalette(palette)
        self.banner_text = QLabel(self.tr("This entry is in the Trash. Restore it to edit it."))
        self.banner_text.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("&Restore"))
        self.restore_button.clicked.connect(self.restore)
        self.purge_button = QPushButton(self.tr("Delete for &Good…"))
        self.purge_button.clicked.connect(self.purge)
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(20, 8, 12, 8)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.restore_button)
        row.addWidget(self.purge_button)
        self.banner.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.attachments)
        layout.addWidget(self.backlinks)

    # -- state ------------------------------------------------------------------------

    @property
    def entry(self) -> Entry | None:
        return self.editor.entry

    @property
    def in_trash(self) -> bool:
        entry = self.editor.entry
        return entry is not None and entry.in_trash and self.editor.showing_entry

    def _on_changed(self) -> None:
        self.banner.setVisible(self.in_trash)
        showing = self.editor.showing_entry
        self.backlinks.show_for(self.editor.entry_id if showing else None)
        self.attachments.show_for(self.editor.entry_id if showing else None, self.in_trash)
        self.attachments.setVisible(showing)
        self.drop.enabled = showing and not self.in_trash
        if self._arriving is not None and self._arriving[0] == self.editor.entry_id:
            self.editor.preview.scroll_to_heading(self._arriving[1])  # once the entry's text is drawn
            self._arriving = None
        if not showing:
            self.find_bar.close_bar()
        self.changed.emit()

    # -- find in the entry ------------------------------------------------------------------

    def find_in_entry(self) -> None:
        """Open the find bar on the shown entry's text or preview (Edit ▸ Find in Entry)."""
        if self.editor.showing_entry:
            self.find_bar.open_on(self._text_in_front())

    def find_next(self) -> None:
        """F3: the next match; opens the bar first if it is closed."""
        if self.find_bar.isHidden():
            self.find_in_entry()
        else:
            self.find_bar.next()

    def _text_in_front(self) -> QPlainTextEdit | QTextEdit:
        editor = self.editor
        return editor.preview if editor.pages.currentWidget() is editor.preview else editor.body

    def _find_in_front(self, _tab: int) -> None:
        if not self.find_bar.isHidden():
            self.find_bar.set_view(self._text_in_front())

    # -- attachments ------------------------------------------------------------------------

    def attach_paths(self, paths: list[Path]) -> None:
        """Attach dropped or pasted files to the shown entry; a folder is refused by name."""
        files = [path for path in paths if not path.is_dir()]
        for folder in paths:
            if folder.is_dir():
                self.message.emit(self.tr("Not attached: “{name}” is a folder.").format(name=folder.name))
        if files:
            self.attachments.attach_files(files)

    def paste_image(self, image: QImage) -> None:
        """Attach a pasted image as PNG and refer to it at the cursor."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not QImageWriter(buffer, QByteArray(b"png")).write(image):
            self.message.emit(self.tr("The pasted image could not be stored."))
            return
        stamp = QDateTime.currentDateTime().toString("yyyyMMdd-HHmmss")
        taken = {attachment.name for attachment in self.attachments.attachments}
        name, count = f"pasted-{stamp}.png", 1
        while name in taken:
            count += 1
            name = f"pasted-{stamp}-{count}.png"
        self.editor.body.insertPlainText(f"![]({name})")
        self.attachments.attach_data(name, bytes(data.data()))

    def _follow_link(self, link: str) -> None:
        # "Note#Heading": a name holds no "#", so what follows one is a heading to scroll to.
        name, has_heading, heading = link.partition("#")
        preview, session = self.editor.preview, self._session
        if not name:
            preview.scroll_to_heading(heading)  # a heading of the shown entry
            return

        def resolved(found: dict[str, str]) -> None:
            if name not in found:
                self.message.emit(self.tr("No entry named “{name}”.").format(name=name))
            elif found[name] == self.editor.entry_id:
                if has_heading:
                    preview.scroll_to_heading(heading)
            else:
                self._arriving = (found[name], heading) if has_heading else None
                self.open_requested.emit(found[name])

        Op(self, lambda: session.resolve_links([name]), resolved).failure(self._failed).run()

    def _failed(self, failure: Failure) -> None:
        self.message.emit(failure.message)

    # -- the editor's work ----------------------------------------------------------------

    def open_entry(self, entry_id: str) -> None:
        if self._arriving is not None and self._arriving[0] != entry_id:
            self._arriving = None  # another entry was chosen before the link's one was shown
        self.editor.open_entry(entry_id)

    def new_entry(self, kind: str, tags: list[str]) -> None:
        self.editor.new_entry(kind, tags)

    def flush(self, explicit: bool = False) -> None:
        self.editor.flush(explicit)

    def clear(self) -> None:
        if self.history_dialog is not None:
            self.history_dialog.reject()
        self.editor.clear()

    # -- trash ------------------------------------------------------------------------------

    def delete(self) -> None:
        """Move the shown entry to the trash; one already there is deleted for good (asked first)."""
        editor = self.editor
        if not editor.showing_entry:
            return
        if self.in_trash:
            self.purge()
            return
        if editor.is_blank_new:
            editor.clear()  # nothing was written: nothing to keep
            return
        editor.flush()  # the last words go into the trash with the rest
        key = editor.draft_key
        title = editor.entry.title if editor.entry is not None else editor.title.text()
        editor.clear()
        if key is None:
            return
        session = self._session

        def trashed(entry: Entry) -> None:
            self.removed.emit(entry.id)
            self.counts_changed.emit()
            self.message.emit(self.tr("Moved “{title}” to the Trash.").format(title=title or entry.title))

        Op(self, lambda: session.trash(key), trashed).failure(self._failed).run()

    def restore(self) -> None:
        """Take the shown entry out of the trash and show it, editable again."""
        entry = self.entry
        if entry is None or not self.in_trash:
            return
        session = self._session

        def restored(back: Entry) -> None:
            if self.editor.entry_id == back.id:
                self.editor.show_entry(back)
            self.removed.emit(back.id)
            self.counts_changed.emit()
            self.message.emit(self.tr("Restored “{title}”.").format(title=back.title))

        Op(self, lambda: session.untrash(entry.id), restored).failure(self._failed).run()

    def purge(self) -> None:
        entry = self.entry
        if entry is None or not self.in_trash:
            return
        if not Confirm.ask(
            self,
            self.tr("Delete for Good"),
            self.tr("Delete “{title}” and all its versions for good? This cannot be undone.").format(
                title=entry.title
            ),
            self.tr("Delete for Good"),
        ):
            return
        self.editor.clear()
        session = self._session

        def purged(_result: None) -> None:
            self.removed.emit(entry.id)
            self.counts_changed.emit()
            self.message.emit(self.tr("Deleted “{title}” for good.").format(title=entry.title))

        Op(self, lambda: session.purge(entry.id), purged).failure(self._failed).run()

    def empty_trash(self) -> None:
        if not Confirm.ask(
            self,
            self.tr("Empty Trash"),
            self.tr(
                "Entries in the Trash: %n. Delete them and all their versions for good? "
                "This cannot be undone.",
                "",
                self.trash_count,
            ),
            self.tr("Empty Trash"),
        ):
            return
        if self.in_trash:
            self.editor.clear()
        session = self._session

        def emptied(count: int) -> None:
            self.trash_emptied.emit(count)
            self.counts_changed.emit()
            self.message.emit(self.tr("Emptied the Trash. Deleted for good: %n.", "", count))

        Op(self, session.empty_trash, emptied).failure(self._failed).run()

    # -- history ----------------------------------------------------------------------------

    def show_history(self) -> None:
        entry = self.entry
        if entry is None or self.in_trash:
            return
        self.editor.flush()  # the current text is the newest version
        dialog = HistoryDialog(self._session, entry.id, self.editor.title.text() or entry.title, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self._on_version_restored)
        dialog.finished.connect(self._forget_dialog)
        self.history_dialog = dialog
        dialog.open()

    def _forget_dialog(self) -> None:
        self.history_dialog = None

    def _on_version_restored(self, entry: Entry) -> None:
        previous = self.editor.entry
        if self.editor.entry_id == entry.id:
            self.editor.show_entry(entry)
        self.saved.emit(entry, previous)
        self.message.emit(self.tr("Restored an earlier version."))
