"""The entry pane: title, kind, origin, tags, private, the Markdown text and its preview.

Saving is the editor's job and needs no button. Every change restarts a
one-second timer; when it runs out, and whenever the user moves away (to
another entry, a new one, the lock screen, quitting), the editor takes a
snapshot (a ``Draft``) and saves it on the worker. The worker is serial,
so snapshots are saved in the order they were taken: a later one carries
every earlier change, and a save queued on switching runs before the next
entry is read. Changes typed while a save is on its way stay marked as
unsaved until a save that includes them comes back.

What cannot be saved as typed is saved as well as it can be, never dropped:
an empty title keeps the old one (or "Untitled"), words that are not valid
tags stay in the field with a warning while the rest is saved, and an origin
without its name (or with a character the core refuses in it) stays as it
was saved, with a warning, while the rest is saved. A template's guidance
lines are shown greyed until written over; the core leaves untouched ones
out of what it saves, and the preview shows the text without them.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QPalette, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui.labels import kind_label
from knowhold.ui.models.entry_list import format_time
from knowhold.ui.session import Draft, VaultSession
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.widgets.findings import FindingsMarker
from knowhold.ui.widgets.markdown_editor import MarkdownEditor
from knowhold.ui.widgets.origin_edit import OriginEdit
from knowhold.ui.widgets.preview import Preview
from knowhold.ui.widgets.tag_edit import TagEdit, tags_text
from knowhold.vault.knowledge.entries import MAX_TITLE, Entry
from knowhold.vault.knowledge.origin import Origin
from knowhold.vault.knowledge.scanner import FieldFinding, scan_entry
from knowhold.vault.knowledge.templates import template_for, without_guidance
from knowhold.vault.store.schema import KINDS

AUTOSAVE_MS = 1000
PREVIEW_DELAY_MS = 250
WRITE_TAB, PREVIEW_TAB = 0, 1


def template_language() -> str:
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


def _utf16(text: str, index: int) -> int:
    """A Python string index as Qt counts positions (UTF-16 code units)."""
    return len(text[:index].encode("utf-16-le")) // 2


def _clean(text: str) -> str:
    return text.replace("\x00", "")  # the core refuses NUL; nobody types one on purpose


class EntryEditor(QWidget):
    saved = Signal(object, object)
    """``(entry, previous)``: a save came back; ``previous`` is the state before it, None if new."""
    save_failed = Signal(str)
    load_failed = Signal(str)
    changed = Signal()
    """What is shown changed: another entry, a new one, nothing, or a new one got its id."""

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._key: str | None = None  # the shown draft: an entry id, or a token for a new one
        self._entry: Entry | None = None  # the shown draft as last saved
        self._template: str | None = None  # the text a new draft started with, while untouched
        self._edits = 0  # changes made to the shown draft
        self._submitted = 0  # how many of them the last save sent (-1: that save failed)
        self._sent = False  # whether any save of the shown draft was sent
        self._epoch = 0  # bumped by clear(): results from before are ignored
        self._load = 0  # bumped by every load; an older load's result is ignored
        self._loading_id: str | None = None
        self._filling = False  # setting fields from an entry is not an edit

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.flush)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._update_preview)

        self._build()

    # -- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLineEdit()
        self.title.setFrame(False)
        self.title.setMaxLength(MAX_TITLE)
        self.title.setPlaceholderText(self.tr("Title"))
        self.title.setAccessibleName(self.tr("Title"))
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.title.textChanged.connect(self._edited)

        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(kind_label(kind), kind)
        self.kind.setAccessibleName(self.tr("Kind"))
        self.kind.currentIndexChanged.connect(self._on_kind)

        self.origin = OriginEdit()
        self.origin.edited.connect(self._on_origin)

        self.tags = TagEdit()
        self.tags.textChanged.connect(self._on_tags)

        self.private = QCheckBox(self.tr("Private"))
        self.private.setToolTip(self.tr("A private entry is never included in a license."))
        self.private.setAccessibleName(self.tr("Private: never licensed"))
        self.private.toggled.connect(self._edited)

        self.findings = FindingsMarker()
        self.findings.finding_chosen.connect(self._select_finding)

        self.tag_warning = QLabel()
        self.tag_warning.setWordWrap(True)
        self.tag_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.tag_warning.hide()
        self.origin_warning = QLabel()
        self.origin_warning.setWordWrap(True)
        self.origin_warning.setTextFormat(Qt.TextFormat.PlainText)
        self.origin_warning.hide()

        self.tabs = QTabBar()
        self.tabs.addTab(self.tr("Write"))
        self.tabs.addTab(self.tr("Preview"))
        self.tabs.setDrawBase(False)
        self.tabs.setAccessibleName(self.tr("Write or preview"))
        self.tabs.currentChanged.connect(self._on_tab)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.status.setAccessibleName(self.tr("Save status"))

        self.body = MarkdownEditor()
        self.body.textChanged.connect(self._on_body)
        session = self._session  # looked up when the preview renders, on the worker
        self.preview = Preview(
            resolve=lambda targets: session.resolve_links(targets),
            load=lambda sha256: session.attachment_data(sha256),
        )
        self.pages = QStackedWidget()
        self.pages.addWidget(self.body)
        self.pages.addWidget(self.preview)

        self.meta_row = QHBoxLayout()
        self.meta_row.setSpacing(8)
        self.meta_row.addWidget(self.kind)
        # No stretch factors: the tags, and the origin while it has a name, share the spare width.
        self.meta_row.addWidget(self.origin)
        self.meta_row.addWidget(self.tags)
        self.meta_row.addWidget(self.private)
        self.meta_row.addWidget(self.findings)
        tab_row = QHBoxLayout()
        tab_row.addWidget(self.tabs)
        tab_row.addStretch(1)
        tab_row.addWidget(self.status)

        form = QWidget()
        layout = QVBoxLayout(form)
        layout.setContentsMargins(20, 14, 20, 6)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addLayout(self.meta_row)
        layout.addWidget(self.tag_warning)
        layout.addWidget(self.origin_warning)
        layout.addLayout(tab_row)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addWidget(self.pages, 1)

        self.placeholder = QLabel(
            self.tr("Select an entry to read or edit it, or press Ctrl+N to write a new one.")
        )
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.placeholder.setContentsMargins(24, 24, 24, 24)

        for sheet in (form, self.placeholder):
            # A shade apart from the fields on it, so their edges read in both themes.
            sheet.setBackgroundRole(QPalette.ColorRole.AlternateBase)
            sheet.setAutoFillBackground(True)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(form)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._stack)

        for first, second in (
            (self.title, self.kind),
            (self.kind, self.origin.kind),
            (self.origin.kind, self.origin.name),
            (self.origin.name, self.tags),
            (self.tags, self.private),
            (self.private, self.findings),
            (self.findings, self.tabs),
            (self.tabs, self.body),
        ):
            QWidget.setTabOrder(first, second)

    # -- state ---------------------------------------------------------------------------

    @property
    def showing_entry(self) -> bool:
        return self._stack.currentIndex() == 1

    @property
    def entry_id(self) -> str | None:
        """The id of the shown entry; None when nothing is shown or a new one is not saved yet."""
        return self._entry.id if self._entry is not None else None

    @property
    def entry(self) -> Entry | None:
        """The shown entry as last saved."""
        return self._entry

    @property
    def draft_key(self) -> str | None:
        return self._key

    @property
    def is_blank_new(self) -> bool:
        """A new entry nothing was saved of (and nothing is waiting to be)."""
        return self._key is not None and self._entry is None and not self._sent and not self.dirty

    @property
    def read_only(self) -> bool:
        return self.body.isReadOnly()

    @property
    def dirty(self) -> bool:
        return self._key is not None and self._edits != self._submitted

    def set_known_tags(self, tags: Iterable[str]) -> None:
        self.tags.set_known_tags(tags)

    def set_text_size(self, points: int) -> None:
        """The point size of the text and its preview; 0 = the system's default."""
        font = QFont()  # sets nothing itself, so 0 inherits the window's font again
        if points > 0:
            font.setPointSize(points)
        self.body.setFont(font)
        self.preview.setFont(font)

    # -- showing -------------------------------------------------------------------------

    def open_entry(self, entry_id: str) -> None:
        """Save what is shown, then read and show ``entry_id`` (a newer request wins)."""
        if entry_id == self._loading_id or (entry_id == self.entry_id and self._loading_id is None):
            return
        self.flush()
        self._load += 1
        load, epoch = self._load, self._epoch
        self._loading_id = entry_id
        session = self._session

        def loaded(entry: Entry) -> None:
            if load != self._load or epoch != self._epoch:
                return
            self._loading_id = None
            self.flush()  # anything typed into the old entry while this one was read
            self.show_entry(entry)

        def failed(failure: Failure) -> None:
            if load == self._load and epoch == self._epoch:
                self._loading_id = None
                self.load_failed.emit(failure.message)

        Op(self, lambda: session.entry(entry_id), loaded).failure(failed).run()

    def show_entry(self, entry: Entry) -> None:
        """Show ``entry`` as saved (call ``flush`` first if something else was being edited)."""
        self._key = entry.id
        self._entry = entry
        self._template = None
        self._fill(entry.kind, entry.title, entry.tags, entry.private, entry.body, entry.origin)
        self._set_read_only(entry.in_trash)
        self._show_saved()
        self._scan(entry)
        self.changed.emit()

    def new_entry(self, kind: str, tags: Iterable[str] = ()) -> None:
        """Save what is shown, then start a new entry of ``kind`` from its template."""
        self.flush()
        self._load += 1
        self._loading_id = None
        self._key = "new:" + secrets.token_hex(8)
        self._entry = None
        self._template = template_for(kind, template_language())
        self._fill(kind, "", tuple(tags), False, self._template, None)
        self._set_read_only(False)
        self.findings.clear()
        self.status.setText(self.tr("New entry: saved as soon as you write"))
        self.tabs.setCurrentIndex(WRITE_TAB)
        self.title.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def clear(self) -> None:
        """Save what is shown, then forget it (on lock): no entry text stays in a widget."""
        self.flush()
        self._epoch += 1
        self._load += 1
        self._loading_id = None
        self._key = None
        self._entry = None
        self._template = None
        self._fill(KINDS[0], "", (), False, "", None)
        self.findings.clear()
        self.tags.set_known_tags(())
        self.preview.clear()
        self.status.clear()
        self._stack.setCurrentIndex(0)
        self.changed.emit()

    def _fill(
        self, kind: str, title: str, tags: tuple[str, ...], private: bool, body: str, origin: Origin | None
    ) -> None:
        self._autosave.stop()
        self._filling = True
        try:
            self.title.setText(title)
            self.title.setCursorPosition(0)
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
            self.tags.setText(tags_text(tags))
            self.private.setChecked(private)
            self.origin.set_origin(origin)
            self.body.setPlainText(body)  # also empties the undo history
        finally:
            self._filling = False
        self._edits = self._submitted = 0
        self._sent = False
        self.tag_warning.hide()
        self.origin_warning.hide()
        self._stack.setCurrentIndex(1)
        if self.tabs.currentIndex() == PREVIEW_TAB:
            self._update_preview()

    def _set_read_only(self, read_only: bool) -> None:
        """A trashed entry is shown but not edited: the core saves no change to one."""
        for line in (self.title, self.tags):
            line.setReadOnly(read_only)
        self.body.setReadOnly(read_only)
        self.kind.setEnabled(not read_only)
        self.origin.set_read_only(read_only)
        self.private.setEnabled(not read_only)

    # -- editing -------------------------------------------------------------------------

    def _edited(self, *_args: object) -> None:
        if self._filling or self._key is None or self.read_only:
            return
        self._edits += 1
        self._autosave.start()

    def _on_body(self) -> None:
        if self._filling:
            return
        if self._template is not None and self.body.toPlainText() != self._template:
            self._template = None  # written in: a kind change no longer swaps the text
        self._edited()
        if self.tabs.currentIndex() == PREVIEW_TAB:
            self._preview_timer.start()

    def _on_kind(self, _index: int) -> None:
        if self._filling or self._key is None:
            return
        if self._template is not None and self.body.toPlainText() == self._template:
            # An untouched template follows the kind.
            self._template = template_for(self.kind.currentData(), template_language())
            self._filling = True
            try:
                self.body.setPlainText(self._template)
            finally:
                self._filling = False
            if self._entry is None and not self.dirty:
                return  # a new entry nobody has written in yet: nothing to save
        self._edited()

    def _on_tags(self, _text: str) -> None:
        if self._filling:
            return
        invalid = self.tags.invalid()
        if invalid:
            self.tag_warning.setText(
                self.tr(
                    "Not saved as tags: {words}. A tag has no spaces, commas or #, and at most 64 characters."
                ).format(words=", ".join(invalid))
            )
        self.tag_warning.setVisible(bool(invalid))
        self._edited()

    def _on_origin(self) -> None:
        problem = self.origin.problem()
        self.origin_warning.setText(problem)
        self.origin_warning.setVisible(bool(problem))
        self._edited()

    def _draft(self, explicit: bool = False) -> Draft:
        assert self._key is not None
        title = " ".join(_clean(self.title.text()).split())
        if not title:
            title = self._entry.title if self._entry is not None else self.tr("Untitled")
        return Draft(
            key=self._key,
            entry_id=self.entry_id,
            kind=str(self.kind.currentData()),
            title=title,
            body=_clean(self.body.toPlainText()),
            tags=self.tags.tags(),
            private=self.private.isChecked(),
            explicit=explicit,
            origin=self.origin.origin(self._entry.origin if self._entry is not None else None),
        )

    # -- saving --------------------------------------------------------------------------

    def saved_key(self) -> str | None:
        """The shown draft's key, once a save of it is on its way (for what must attach to it).

        A new entry nobody has written in yet is saved as it is, so an
        attachment has an entry to belong to; None while nothing editable is shown.
        """
        if self._key is None or self.read_only:
            return None
        if self._entry is None and not self._sent and not self.dirty:
            self._edits += 1
        self.flush()
        return self._key

    def flush(self, explicit: bool = False) -> None:
        """Save now whatever has changed since the last save; nothing if nothing has.

        ``explicit`` is the worker's own Save Now: its version is kept for good,
        where autosaves a few minutes apart share one (see ``Entries.update``).
        Saving a shown entry explicitly marks its newest version kept even unchanged.
        """
        self._autosave.stop()
        if not self.dirty and not (explicit and self.entry_id is not None):
            return
        draft = self._draft(explicit)
        edits, epoch, previous = self._edits, self._epoch, self._entry
        self._submitted = edits
        self._sent = True
        self.status.setText(self.tr("Saving…"))
        session = self._session

        def saved(entry: Entry) -> None:
            if epoch != self._epoch:
                return
            if draft.key == self._key:
                first = self._entry is None
                self._entry = entry
                if self._edits == edits:
                    self._show_saved()
                self._scan(entry, draft.body)  # as typed: the core dropped any guidance from it
                if first:
                    self.changed.emit()
            self.saved.emit(entry, previous)

        def failed(failure: Failure) -> None:
            if epoch != self._epoch:
                return
            if draft.key == self._key:
                self._submitted = -1  # still unsaved: the next change or switch tries again
                self.status.setText(self.tr("Not saved: {reason}").format(reason=failure.message))
            self.save_failed.emit(failure.message)

        Op(self, lambda: session.save(draft), saved).failure(failed).run()

    def _show_saved(self) -> None:
        if self._entry is not None:
            self.status.setText(self.tr("Saved {time}").format(time=format_time(self._entry.updated_at)))

    # -- sensitive data ----------------------------------------------------------------------

    def _scan(self, entry: Entry, body: str | None = None) -> None:
        """Scan the saved text (or ``body``, the text shown) on the worker; the marker shows what it finds.

        Findings point into the text they were found in, so a selected one is
        found where it is shown, guidance lines and all.
        """
        key, epoch = self._key, self._epoch
        title, tags = entry.title, entry.tags
        body = entry.body if body is None else body
        origin = entry.origin.name if entry.origin is not None else ""

        def scanned(findings: list[FieldFinding]) -> None:
            if key == self._key and epoch == self._epoch and self._entry is entry:
                self.findings.set_findings(findings)

        Op(self, lambda: scan_entry(title, body, tags, origin), scanned).failure(
            lambda failure: self.findings.clear()
        ).run()

    def _select_finding(self, found: FieldFinding) -> None:
        """Select a finding where it is, if the text there has not changed since the scan."""
        start, end, text = found.finding.start, found.finding.end, found.finding.text
        if found.field == "tags":  # a tag is one word in the tag field: show the field
            self.tags.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if found.field in ("title", "origin"):
            line = self.title if found.field == "title" else self.origin.name
            value = line.text()
            if value[start:end] == text:
                line.setFocus(Qt.FocusReason.OtherFocusReason)
                line.setSelection(_utf16(value, start), _utf16(text, len(text)))
            return
        body = self.body.toPlainText()
        if body[start:end] != text:
            return
        self.tabs.setCurrentIndex(WRITE_TAB)
        cursor = self.body.textCursor()
        cursor.setPosition(_utf16(body, start))
        cursor.setPosition(_utf16(body, end), QTextCursor.MoveMode.KeepAnchor)
        self.body.setTextCursor(cursor)
        self.body.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- preview ---------------------------------------------------------------------------

    def toggle_preview(self) -> None:
        self.tabs.setCurrentIndex(PREVIEW_TAB if self.tabs.currentIndex() == WRITE_TAB else WRITE_TAB)

    def _on_tab(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        if index == PREVIEW_TAB:
            self._update_preview()

    def _update_preview(self) -> None:
        # What will be kept: the template's untouched guidance is not the worker's text.
        self.preview.show_markdown(without_guidance(self.body.toPlainText()))
