"""The license wizard's fifth page: exactly what will leave the vault.

The core's review (``vault.licensing.review``) lists each entry as it would
be packaged, with the scanner's findings in its title, text, tags and
origin, the template guidance still in it and its warnings, and the findings
in the terms. Entry by entry the page shows the fields as they would leave,
and for each finding a choice: redact it (the default: nothing sensitive
leaves unless the worker says so), remove the whole entry, or include it
anyway.
The terms are summed up in the app's language (``TermsView``), as they would
be signed. Private and trashed entries are listed, greyed, as left out.

Each entry's attachments are listed too (``EntryReview.files``): name, size
as carried, and what happens to its metadata: what was found and removed
from an image (a GPS position first), that a file of another type leaves
with its metadata, or that a damaged image cannot leave. One check box sends
the attachments or leaves them all out; a damaged image among what leaves
holds the page until it is.

Decisions are kept by the finding's ``FindingKey`` and go to the issue as
they are; the core applies them itself, so the page never decides what is
redacted, it only asks.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from knowhold.ui.licensing.terms_view import TermsView
from knowhold.ui.licensing.time_words import DAY
from knowhold.ui.licensing.wizard_draft import LicenseDraft
from knowhold.ui.licensing.wizard_files import OutgoingFilesTable
from knowhold.ui.licensing.wizard_preview import entry_html
from knowhold.ui.plain_text import tooltip
from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.theme import error_colour
from knowhold.ui.widgets.findings import kind_name
from knowhold.ui.widgets.form_parts import fit_rows, message_label, plain_label, read_only_table
from knowhold.ui.widgets.origin_edit import concern_text
from knowhold.ui.widgets.safe_browser import SafeBrowser
from knowhold.vault.licensing.issuing import FILE, FindingKey, Found
from knowhold.vault.licensing.manifest import MAX_FILES, MAX_FILES_BYTES
from knowhold.vault.licensing.outgoing import OutgoingFile, within_limits
from knowhold.vault.licensing.review import IN_TRASH, EntryReview, Review, review

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
TERMS_ITEM = "terms"  # the list's first row: the terms, not an entry
ROW_HEIGHT = 32  # a findings row: room for its choice box


class Decision(StrEnum):
    REDACT = "redact"
    REMOVE = "remove"
    INCLUDE = "include"


class ReviewPage(QWizardPage):
    """Reads the review on the worker; decisions per finding; the terms summed up."""

    def __init__(self, session: VaultSession, draft: LicenseDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._draft = draft
        self.review: Review | None = None
        self._by_id: dict[str, EntryReview] = {}
        self._generation = 0  # a review read for an earlier visit is dropped
        self.include: set[FindingKey] = set()
        self.removed: set[str] = set()
        self._shown: EntryReview | None = None
        self.setTitle(self.tr("Review what leaves your vault"))
        self.setSubTitle(
            self.tr(
                "Exactly what the package will hold. Possibly sensitive items are redacted unless "
                "you choose otherwise."
            )
        )
        self.summary = plain_label(self.tr("Reading the entries…"))
        self.summary.setAccessibleName(self.tr("Summary"))
        self.warnings = plain_label("")
        self.warnings.setStyleSheet(f"color: {error_colour(self).name()};")
        self.warnings.hide()
        self.send_files = QCheckBox(self.tr("&Send the entries' attachments (images without their metadata)"))
        self.send_files.setChecked(True)
        self.send_files.toggled.connect(lambda _checked: self._after_decision())
        self.send_files.hide()

        self.items = QListWidget()
        self.items.setAccessibleName(self.tr("Entries to review"))
        self.items.setSpacing(1)
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long titles elide
        # In the middle: the marks at the end ("2 sensitive") are what the worker looks for.
        self.items.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.items.currentItemChanged.connect(self._on_item)

        # -- one entry
        self.heading = plain_label("")
        heading_font = self.heading.font()
        heading_font.setWeight(QFont.Weight.DemiBold)
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.15)
        self.heading.setFont(heading_font)
        self.leave_out = QPushButton(self.tr("&Leave This Entry Out"))
        self.leave_out.setAutoDefault(False)
        self.leave_out.clicked.connect(self._toggle_removed)
        self.entry_notes = plain_label("")
        self.entry_notes.setStyleSheet(f"color: {error_colour(self).name()};")
        self.findings = self._findings_table()
        self.files = OutgoingFilesTable()
        self.preview = SafeBrowser()
        self.preview.setAccessibleName(self.tr("What leaves"))
        entry_panel = QWidget()
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(self.leave_out, 0, Qt.AlignmentFlag.AlignTop)
        entry_layout = QVBoxLayout(entry_panel)
        entry_layout.setContentsMargins(0, 0, 0, 0)
        entry_layout.addLayout(heading_row)
        entry_layout.addWidget(self.entry_notes)
        entry_layout.addWidget(self.findings)
        entry_layout.addWidget(self.files)
        entry_layout.addWidget(self.preview, 1)

        # -- the terms
        self.terms_heading = plain_label("")
        self.terms_heading.setFont(heading_font)
        self.reach = plain_label("")
        self.reach.setAccessibleName(self.tr("How revocation reaches them"))
        self.terms_findings = self._findings_table()
        self.terms_view = TermsView()
        terms_panel = QWidget()
        terms_layout = QVBoxLayout(terms_panel)
        terms_layout.setContentsMargins(0, 0, 0, 0)
        terms_layout.addWidget(self.terms_heading)
        terms_layout.addWidget(self.reach)
        terms_layout.addWidget(self.terms_findings)
        terms_layout.addWidget(self.terms_view, 1)

        self.panels = QStackedWidget()
        self.panels.addWidget(entry_panel)
        self.panels.addWidget(terms_panel)
        splitter = QSplitter()
        splitter.addWidget(self.items)
        splitter.addWidget(self.panels)
        splitter.setStretchFactor(1, 1)
        splitter.setHandleWidth(10)
        splitter.setSizes([240, 560])
        splitter.setChildrenCollapsible(False)
        self.error = message_label(self, self.tr("Review error"), lines=2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.warnings)
        layout.addWidget(self.send_files)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error)

    def _findings_table(self) -> QTableWidget:
        table = QTableWidget(0, 4)
        labels = [self.tr("Where"), self.tr("What"), self.tr("Found"), self.tr("Choice")]
        read_only_table(table, labels, self.tr("Possibly sensitive items"))
        table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        return table

    # -- the page ------------------------------------------------------------------------

    def initializePage(self) -> None:
        self.review = None
        self._by_id = {}
        self.items.clear()
        self.summary.setText(self.tr("Reading the entries…"))
        self.warnings.hide()
        self.error.hide()
        self.completeChanged.emit()
        draft, session = self._draft, self._session
        licensee = draft.licensee
        if licensee is None:
            return
        # The private entries the wizard was opened on come too, to be shown as left out.
        entry_ids, terms = draft.entry_ids + draft.left_out, draft.terms
        self._generation += 1
        generation = self._generation

        def shown(result: Review) -> None:
            if generation == self._generation:
                self._show(result)

        Op(
            self,
            lambda: review(session.vault(), to=licensee.name, entry_ids=entry_ids, terms=terms),
            shown,
        ).failure(self._failed).run()

    def isComplete(self) -> bool:
        return (
            self.review is not None
            and any(e.id not in self.removed for e in self.review.entries)
            and not self._damaged_files()
            and within_limits(self._leaving_files())
        )

    def _leaving_files(self) -> list[OutgoingFile]:
        """The attachments that will leave: those of the entries kept, if they are sent at all."""
        if self.review is None or not self.send_files.isChecked():
            return []
        return [f for e in self.review.entries if e.id not in self.removed for f in e.files]

    def _damaged_files(self) -> list[OutgoingFile]:
        return [f for f in self._leaving_files() if f.problem]

    def validatePage(self) -> bool:
        if self.review is None:
            return False
        leaving = self._leaving_findings()
        self._draft.include = frozenset(self.include & {f.key for f in leaving})
        self._draft.removed = frozenset(self.removed)
        self._draft.findings = len(leaving)
        self._draft.attachments = self.send_files.isChecked()
        return self.isComplete()

    def _leaving_findings(self) -> list[Found]:
        """The findings in what will leave: the entries not taken out, and the terms."""
        result = self.review
        if result is None:
            return []
        sending = self.send_files.isChecked()
        kept = [
            f
            for e in result.entries
            if e.id not in self.removed
            for f in e.findings
            if sending or f.key.field != FILE
        ]
        return kept + list(result.terms_findings)

    def _show(self, result: Review) -> None:
        self.review = result
        self._by_id = {e.id: e for e in result.entries}
        # Decisions made before going back stay, for the findings that are still there.
        self.include &= {f.key for f in result.findings}
        self.removed &= {e.id for e in result.entries}
        self.send_files.setVisible(any(e.files for e in result.entries))
        self.items.clear()
        terms_item = QListWidgetItem(self.tr("The terms"))
        terms_item.setData(ITEM_ROLE, TERMS_ITEM)
        self.items.addItem(terms_item)
        first: QListWidgetItem | None = None
        for entry in result.entries:
            item = QListWidgetItem()
            item.setData(ITEM_ROLE, entry.id)
            self.items.addItem(item)
            if first is None and (entry.findings or entry.guidance or self._origin_note(entry)):
                first = item
        for excluded in result.excluded:
            reason = self.tr("in the trash") if excluded.reason == IN_TRASH else self.tr("private")
            item = QListWidgetItem(
                self.tr("{title} (left out: {reason})").format(title=excluded.title, reason=reason)
            )
            item.setFlags(Qt.ItemFlag.NoItemFlags)  # greyed: nothing to decide
            item.setToolTip(tooltip(item.text()))
            self.items.addItem(item)
        self._refresh()
        # The core's warning about the license as a whole (an unverified contact), in the app's words.
        licensee = result.licensee
        self.warnings.setText(
            self.tr(
                "You have not compared fingerprints with {name}: the package can only be opened with "
                "the keys on their card ({fp}). Compare them aloud or on paper before you send it."
            ).format(name=licensee.name, fp=licensee.fingerprint)
        )
        self.warnings.setVisible(not licensee.verified)
        self.items.setCurrentItem(first or (self.items.item(1) if result.entries else terms_item))
        self.completeChanged.emit()

    def _failed(self, failure: Failure) -> None:
        self.summary.setText("")
        self.error.setText(failure.message)
        self.error.show()

    # -- what is shown -------------------------------------------------------------------

    def _entry(self, entry_id: str) -> EntryReview | None:
        return self._by_id.get(entry_id)

    def _refresh(self) -> None:
        """The summary and every row's label, after a decision."""
        result = self.review
        if result is None:
            return
        leaving = [e for e in result.entries if e.id not in self.removed]
        findings = self._leaving_findings()
        included = sum(1 for f in findings if f.key in self.include)
        parts = [
            self.tr("%n entries will leave your vault for {name}.", "", len(leaving)).format(
                name=result.licensee.name
            )
        ]
        if findings:
            parts.append(
                self.tr(
                    "Possibly sensitive items: %n (redacted: {redacted}, included as written: {included}).",
                    "",
                    len(findings),
                ).format(redacted=len(findings) - included, included=included)
            )
        if self.removed:
            parts.append(self.tr("Left out on review: %n entries.", "", len(self.removed)))
        files = self._leaving_files()
        if files:
            parts.append(self.tr("Attachments leaving with them: %n.", "", len(files)))
        if not within_limits(files):
            parts.append(
                self.tr(
                    "The attachments are more than one license may carry ({count} files, {size} MiB "
                    "at most): leave out some entries or the attachments to go on."
                ).format(count=MAX_FILES, size=MAX_FILES_BYTES >> 20)
            )
        damaged = self._damaged_files()
        if damaged:
            parts.append(
                self.tr(
                    "%n damaged images cannot be cleaned of their metadata: leave out their entries "
                    "or the attachments to go on.",
                    "",
                    len(damaged),
                )
            )
        if not leaving:
            parts.append(self.tr("Put at least one entry back to go on."))
        self.summary.setText(" ".join(parts))
        for row in range(self.items.count()):
            item = self.items.item(row)
            entry = self._entry(str(item.data(ITEM_ROLE)))
            if entry is not None:
                item.setText(self._row_label(entry))
                item.setToolTip(tooltip(entry.title))

    def _row_label(self, entry: EntryReview) -> str:
        marks = []
        if entry.id in self.removed:
            marks.append(self.tr("left out"))
        else:
            if entry.findings:
                marks.append(self.tr("%n sensitive", "", len(entry.findings)))
            if entry.guidance:
                marks.append(self.tr("template guidance"))
            if self._origin_note(entry):
                marks.append(self.tr("origin"))
            if entry.files and self.send_files.isChecked():
                marks.append(self.tr("%n attachments", "", len(entry.files)))
        title = entry.title or self.tr("(untitled)")
        return self.tr("{title} ({marks})").format(title=title, marks=", ".join(marks)) if marks else title

    def _origin_note(self, entry: EntryReview) -> str:
        """The core's origin warning (``EntryReview.warnings``) in the app's language; "" if none."""
        licensee = self.review.licensee.name if self.review is not None else ""
        return concern_text(entry.origin, licensee) or ""

    def _on_item(self, item: QListWidgetItem | None) -> None:
        key = item.data(ITEM_ROLE) if item is not None else None
        if key == TERMS_ITEM:
            self._show_terms()
            self.panels.setCurrentIndex(1)
            return
        entry = self._entry(str(key)) if key is not None else None
        if entry is not None:
            self._show_entry(entry)
            self.panels.setCurrentIndex(0)

    def _show_entry(self, entry: EntryReview) -> None:
        self._shown = entry
        removed = entry.id in self.removed
        self.heading.setText(entry.title or self.tr("(untitled)"))
        self.leave_out.setText(
            self.tr("&Put This Entry Back") if removed else self.tr("&Leave This Entry Out")
        )
        origin = self._origin_note(entry)
        notes = [origin] if origin else []
        if entry.guidance:
            notes.append(self.tr("It still holds the template's guidance, which would leave with it:"))
            notes.extend(f"    {line}" for line in entry.guidance)
        if removed:
            notes.insert(0, self.tr("Left out: this entry will not be in the package."))
        self.entry_notes.setText("\n".join(notes))
        self.entry_notes.setVisible(bool(notes))
        sending = self.send_files.isChecked()
        findings = tuple(f for f in entry.findings if sending or f.key.field != FILE)
        self._fill_findings(self.findings, findings, entry_id=entry.id)
        if sending:
            self.files.show_files(entry.files, entry.licensed_file_names(self.include))
        else:
            self.files.show_files((), ())
        self.preview.setHtml(entry_html(entry, self.include))
        self.preview.setEnabled(not removed)

    def _show_terms(self) -> None:
        result = self.review
        if result is None:
            return
        self._shown = None
        draft = self._draft
        revocation = draft.revocation
        if revocation.status_url is None:
            reach = self.tr(
                "No status address: revoking reaches them only at the end date or when you send "
                "them a status file."
            )
        else:
            days = (revocation.max_status_age or 0) // DAY
            reach = self.tr(
                "Revoking reaches them through {url}; their copy locks after %n days without a fresh status.",
                "",
                days,
            ).format(url=revocation.status_url)
        self.terms_heading.setText(
            self.tr("The terms {name} will be asked to accept").format(name=result.licensee.name)
        )
        self.reach.setText(reach)
        self._fill_findings(self.terms_findings, result.terms_findings, entry_id=None)
        self.terms_findings.setVisible(bool(result.terms_findings))
        self.terms_view.set_terms(
            result.licensed_terms(self.include), starts=draft.starts, ends=draft.expires_at
        )

    def _fill_findings(
        self, table: QTableWidget, findings: tuple[Found, ...], *, entry_id: str | None
    ) -> None:
        table.setRowCount(len(findings))
        for row, found in enumerate(findings):
            cells = (self._where(found), kind_name(found.finding.kind), found.finding.masked())
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
            choice = QComboBox()
            choice.setAccessibleName(self.tr("Choice for {what}").format(what=cells[1]))
            choice.addItem(
                self.tr("Redact: {placeholder}").format(placeholder=found.placeholder), Decision.REDACT
            )
            if entry_id is not None:
                choice.addItem(self.tr("Remove this entry"), Decision.REMOVE)
            choice.addItem(self.tr("Include anyway"), Decision.INCLUDE)
            choice.setCurrentIndex(choice.findData(self._decision(found, entry_id)))
            choice.activated.connect(
                lambda _index, c=choice, f=found, e=entry_id: self.decide(f, c.currentData(), e)
            )
            table.setCellWidget(row, 3, choice)
        table.setVisible(bool(findings))
        fit_rows(table, len(findings), 5)

    def _decision(self, found: Found, entry_id: str | None) -> Decision:
        if entry_id is not None and entry_id in self.removed:
            return Decision.REMOVE
        return Decision.INCLUDE if found.key in self.include else Decision.REDACT

    def _where(self, found: Found) -> str:
        # A tag is not named: it is the finding itself, masked beside it.
        names = {
            "tags": self.tr("a tag"),
            "title": self.tr("title"),
            "body": self.tr("text"),
            "origin": self.tr("origin"),
            FILE: self.tr("attachment name"),
            "attribution": self.tr("attribution"),
            "compensation note": self.tr("note on the pay"),
            "text": self.tr("further terms"),
        }
        return names.get(found.key.field, found.key.field)

    # -- decisions -------------------------------------------------------------------------

    def decide(self, found: Found, decision: str, entry_id: str | None) -> None:
        """Take one decision about ``found`` (in entry ``entry_id``, or in the terms if None)."""
        decision = Decision(decision)  # a combo box hands its data back as a plain str
        if decision is Decision.REMOVE and entry_id is not None:
            self.removed.add(entry_id)
        else:
            if entry_id is not None:
                self.removed.discard(entry_id)
            if decision is Decision.INCLUDE:
                self.include.add(found.key)
            else:
                self.include.discard(found.key)
        self._after_decision()

    def _toggle_removed(self) -> None:
        entry = self._shown
        if entry is None:
            return
        if entry.id in self.removed:
            self.removed.discard(entry.id)
        else:
            self.removed.add(entry.id)
        self._after_decision()

    def _after_decision(self) -> None:
        self._refresh()
        self._on_item(self.items.currentItem())
        self.completeChanged.emit()
