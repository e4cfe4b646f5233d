"""One received license's entries, and one entry read-only under a banner with its terms of use.

The employer reads a received entry here, never in the editor: it is not
theirs to change. The banner says who licensed it, until when, which uses
the terms permit and whether a person must review what an AI makes of it,
from the license's checked manifest (not from the notice inside the entry,
which is the licensor's text too, but only a copy).

``LicensePane`` shows the license chosen in the received view: why its
content cannot be read when it cannot (and what would change that), its
actions, its entries by title from the checked manifest, and the entry opened
through the core's enforcement for the use "view" (``Library.show``, which
records what was read); a refusal is shown where the text would be.

Everything in an entry came from the licensor: the title, tags and origin
are plain-text labels, and the body is rendered like the editor's preview
(``ui/markdown.py`` escapes raw HTML; the ``SafeBrowser`` loads nothing and
opens a link only when clicked). The files the entry carries (a version 3
package) are listed by name and size, and the images its text embeds are
drawn the way the editor's preview draws a vault's own attachments: only
files of this entry, named exactly, from bytes already checked against the
licensor's signed hashes, decoded on the worker within the preview's bounds.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, Qt
from PySide6.QtGui import QAction, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QListView,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui.labels import kind_label, tags_label
from knowhold.ui.licensing.received_model import (
    ENTRY_ID_ROLE,
    LicensedEntriesModel,
    state_sentence,
    uses_text,
)
from knowhold.ui.licensing.skill_export import skill_refusal
from knowhold.ui.models.entry_list import format_time
from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.widgets.form_parts import plain_label
from knowhold.ui.widgets.preview import Preview
from knowhold.vault.knowledge.origin import Origin, OriginKind
from knowhold.vault.licensing.payload import LicensedEntry
from knowhold.vault.licensing.received import Library, ReceivedRecord
from knowhold.vault.store.storage import Vault

# Translucent, so the tint reads on light and dark themes alike.
INFO_TINT = QColor(47, 111, 219, 38)
WARNING_TINT = QColor(208, 138, 22, 45)
GONE_TINT = QColor(179, 38, 30, 40)


def tinted_frame(tint: QColor) -> QFrame:
    """A banner's frame: the window's colour with ``tint`` laid over it."""
    frame = QFrame()
    frame.setAutoFillBackground(True)
    set_tint(frame, tint)
    return frame


def set_tint(frame: QFrame, tint: QColor) -> None:
    palette = frame.palette()
    palette.setColor(QPalette.ColorRole.Window, tint)
    frame.setPalette(palette)


def origin_text(origin: Origin | None) -> str:
    """Where the licensor says the entry's knowledge comes from, in the reader's words."""
    if origin is None:
        return QCoreApplication.translate("ReceivedEntry", "Origin not stated.")
    if origin.kind is OriginKind.OWN:
        return QCoreApplication.translate("ReceivedEntry", "Origin: the licensor's own experience.")
    if origin.kind is OriginKind.ORGANISATION:
        return QCoreApplication.translate("ReceivedEntry", "Origin: learned at {name}.").format(
            name=origin.name
        )
    return QCoreApplication.translate("ReceivedEntry", "Origin: a public source, {name}.").format(
        name=origin.name
    )


def banner_lines(record: ReceivedRecord) -> tuple[str, str, str]:
    """Licensed by whom and until when; the permitted uses; human review."""
    terms = record.manifest.terms
    licensed = QCoreApplication.translate("ReceivedEntry", "Licensed by {licensor} until {end}.").format(
        licensor=record.licensor.name, end=format_time(record.expires_at)
    )
    uses = QCoreApplication.translate("ReceivedEntry", "Permitted uses: {uses}.").format(
        uses=uses_text(terms)
    )
    review = (
        QCoreApplication.translate(
            "ReceivedEntry",
            "Human review required: a person must check what an AI produces from this entry "
            "before it is used.",
        )
        if terms.human_review
        else QCoreApplication.translate("ReceivedEntry", "Human review of AI use: not required by the terms.")
    )
    return licensed, uses, review


class ReceivedEntry(QWidget):
    """Shows one entry of a received license; ``show_entry`` replaces it, ``clear`` empties it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = tinted_frame(INFO_TINT)
        self.banner.setAccessibleName(self.tr("License terms for this entry"))
        self.licensed = plain_label("")
        self.uses = plain_label("")
        self.review = plain_label("")
        strong = self.licensed.font()
        strong.setWeight(QFont.Weight.DemiBold)
        self.licensed.setFont(strong)
        banner_layout = QVBoxLayout(self.banner)
        banner_layout.setContentsMargins(16, 8, 12, 8)
        banner_layout.setSpacing(2)
        for label in (self.licensed, self.uses, self.review):
            banner_layout.addWidget(label)

        self.title = plain_label("")
        self.title.setAccessibleName(self.tr("Title"))
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(title_font)
        self.about = plain_label("")
        self.about.setAccessibleName(self.tr("Kind, tags and origin"))
        self.about.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.files = plain_label("")
        self.files.setAccessibleName(self.tr("Attachments"))
        self.files.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._file_data: dict[str, bytes] = {}  # the shown entry's files by hash; replaced, never changed
        self.body = Preview(load=lambda sha256: self._file_data.get(sha256, b""))
        self.body.setAccessibleName(self.tr("Entry text"))
        # Why there is no text to show: a lock, or content destroyed (the core's sentence).
        self.refusal = plain_label("")
        self.refusal.setAccessibleName(self.tr("Why the entry cannot be read"))
        self.refusal.hide()
        self.hint = plain_label(self.tr("Choose an entry to read it."))
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        head = QVBoxLayout()
        head.setContentsMargins(16, 12, 16, 0)
        head.addWidget(self.title)
        head.addWidget(self.about)
        head.addWidget(self.files)
        head.addWidget(self.refusal)
        head.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addLayout(head)
        layout.addWidget(self.body, 1)
        layout.addStretch()  # takes the room the text leaves when there is none
        self.entry: LicensedEntry | None = None
        self.clear()

    def show_entry(self, record: ReceivedRecord, entry: LicensedEntry) -> None:
        self.entry = entry
        self._show_banner(record)
        self.title.setText(entry.title)
        about = [kind_label(entry.kind)]
        if entry.tags:
            about.append(tags_label(entry.tags))
        about.append(origin_text(entry.origin))
        self.about.setText("  ·  ".join(about))
        self.about.show()
        self._show_files(entry)
        self.refusal.hide()
        self.hint.hide()
        self.body.show()
        self.body.show_markdown(entry.body)

    def _show_files(self, entry: LicensedEntry) -> None:
        listed = {f.listed().sha256: f for f in entry.files}
        self._file_data = {sha256: f.data for sha256, f in listed.items()}
        self.body.set_attachments({f.name: sha256 for sha256, f in listed.items()})
        names = ", ".join(
            self.tr("{name} ({size})").format(name=f.name, size=QLocale().formattedDataSize(len(f.data)))
            for f in entry.files
        )
        self.files.setText(self.tr("Attachments: {files}").format(files=names) if names else "")
        self.files.setVisible(bool(names))

    def show_refusal(self, title: str, why: str) -> None:
        """The entry cannot be read now (locked, not yet valid, destroyed): say why, show no text."""
        self.entry = None
        self.banner.hide()
        self.hint.hide()
        self.title.setText(title)
        self.about.hide()
        self._forget_files()
        self.refusal.setText(why)
        self.refusal.show()
        self.body.clear()
        self.body.hide()

    def clear(self) -> None:
        """Nothing chosen: a hint where the entry would be."""
        self.entry = None
        self.banner.hide()
        for label in (self.title, self.about, self.refusal):
            label.clear()
        self.about.hide()
        self._forget_files()
        self.refusal.hide()
        self.body.clear()
        self.body.hide()
        self.hint.show()

    def _forget_files(self) -> None:
        self._file_data = {}
        self.body.set_attachments({})
        self.files.clear()
        self.files.hide()

    def _show_banner(self, record: ReceivedRecord) -> None:
        licensed, uses, review = banner_lines(record)
        self.licensed.setText(licensed)
        self.uses.setText(uses)
        self.review.setText(review)
        self.banner.show()


def read_entry(vault: Vault, license_id: str, entry_id: str) -> tuple[ReceivedRecord, LicensedEntry]:
    """Worker side: one entry, after the license is checked for viewing; recorded as read."""
    record, entries = Library(vault).show(license_id, entry_id, purpose="view")
    return record, entries[0]


class LicensePane(QWidget):
    """One received license: why it cannot be read (if so), its actions, its entries, one entry open.

    Its buttons are wired by the view that owns it (``ReceivedView``); opening
    an entry is the pane's own work, on the vault's worker.
    """

    def __init__(self, session: VaultSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._reading = 0  # the latest entry asked for; older answers are dropped
        self.record: ReceivedRecord | None = None

        self.license_title = plain_label("")
        self.license_title.setAccessibleName(self.tr("License"))
        title_font = self.license_title.font()
        title_font.setWeight(QFont.Weight.DemiBold)
        self.license_title.setFont(title_font)

        self.state = tinted_frame(WARNING_TINT)
        self.state_text = plain_label("")
        self.state_text.setAccessibleName(self.tr("Why the content cannot be read"))
        self.state_refresh = QPushButton(self.tr("Refresh Status"))
        self.state_load = QPushButton(self.tr("Load Status File…"))
        state_layout = QHBoxLayout(self.state)
        state_layout.setContentsMargins(16, 8, 12, 8)
        state_layout.addWidget(self.state_text, 1)
        state_layout.addWidget(self.state_refresh, 0, Qt.AlignmentFlag.AlignTop)
        state_layout.addWidget(self.state_load, 0, Qt.AlignmentFlag.AlignTop)

        self.accept_button = QPushButton(self.tr("&Accept Terms…"))
        self.usage_button = QPushButton(self.tr("Save &Usage Report…"))
        self.usage_button.setToolTip(
            self.tr("Sign a report of how often each entry was found and read, to send to the licensor.")
        )
        # One click exports; the arrow beside it changes the folder remembered for this vault.
        self.export_action = QAction(self.tr("&Export as Agent Skill…"), self)
        self.folder_action = QAction(self.tr("Change Skill Folder…"), self)
        self.export_button = QToolButton()
        self.export_button.setDefaultAction(self.export_action)
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        folder_menu = QMenu(self.export_button)
        folder_menu.addAction(self.folder_action)
        self.export_button.setMenu(folder_menu)
        self.skill_note = plain_label("")
        self.skill_note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        actions = QHBoxLayout()
        actions.addWidget(self.license_title, 1)
        actions.addWidget(self.accept_button)
        actions.addWidget(self.usage_button)
        actions.addWidget(self.export_button)

        self.entries = LicensedEntriesModel(self)
        self.entry_list = QListView()
        self.entry_list.setModel(self.entries)
        self.entry_list.setAccessibleName(self.tr("Licensed entries"))
        self.entry_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.entry_list.setUniformItemSizes(True)
        self.entry_list.selectionModel().currentChanged.connect(self._on_entry_chosen)
        self.reader = ReceivedEntry()
        entries = QSplitter(Qt.Orientation.Horizontal)
        entries.setChildrenCollapsible(False)
        entries.addWidget(self.entry_list)
        entries.addWidget(self.reader)
        entries.setStretchFactor(1, 3)
        entries.setSizes([260, 640])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 0)
        layout.addLayout(actions)
        layout.addWidget(self.skill_note)
        layout.addWidget(self.state)
        layout.addWidget(entries, 1)
        self.show_license(None)

    def show_license(self, record: ReceivedRecord | None) -> None:
        """Show ``record`` (None: nothing chosen); the same license in the same state keeps its entry open."""
        shown = self.record
        same = (
            record is not None
            and shown is not None
            and (record.license_id, record.status) == (shown.license_id, shown.status)
        )
        self.record = record
        if not same:
            self._reading += 1
            self.reader.clear()
            self.entries.set_entries(() if record is None else record.manifest.entries)
        self.accept_button.setEnabled(record is not None and record.destroyed_at is None)
        self.usage_button.setEnabled(record is not None)  # past use is reported after the end too
        if record is None:
            self.export_action.setEnabled(False)
            self.license_title.setText(self.tr("Choose a license to see its entries."))
            self.state.hide()
            self.skill_note.hide()
            return
        self.license_title.setText(
            self.tr("{licensor}, license {license}: %n entries", "", len(record.manifest.entries)).format(
                licensor=record.licensor.name, license=record.license_id[:8]
            )
        )
        sentence = state_sentence(record)
        self.state_text.setText(sentence)
        self.state.setVisible(bool(sentence))
        set_tint(self.state, GONE_TINT if record.destroyed_at is not None else WARNING_TINT)
        locked = record.status == "locked"
        self.state_refresh.setVisible(locked)
        self.state_load.setVisible(locked)
        refusal = skill_refusal(record)
        self.export_action.setEnabled(refusal is None)
        self.skill_note.setText(refusal or "")
        self.skill_note.setVisible(refusal is not None and record.destroyed_at is None)

    def _on_entry_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = self.record
        if record is None or not current.isValid():
            return
        entry_id = str(current.data(ENTRY_ID_ROLE))
        title = str(current.data(Qt.ItemDataRole.DisplayRole))
        self._reading += 1
        reading = self._reading
        if record.destroyed_at is not None:
            self.reader.show_refusal(title, state_sentence(record))
            return
        session, license_id = self._session, record.license_id

        def shown(result: tuple[ReceivedRecord, LicensedEntry]) -> None:
            if reading == self._reading:
                self.reader.show_entry(*result)

        def refused(failure: Failure) -> None:
            if reading == self._reading:
                self.reader.show_refusal(title, failure.message)

        Op(self, lambda: read_entry(session.vault(), license_id, entry_id), shown).failure(refused).run()
