"""What an import, export, backup or restore did, in plain words.

The core hands back counts and, for an import, each skipped file with a
``SkipReason``; this module turns them into sentences (plural forms through
``%n``, so a translation says "1 entry" and "2 entries" properly) and a
``SummaryDialog``: the sentences, the skipped files with their reasons in a
scrollable table, and "Show in Folder" where something was written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QProcess,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui.app_process import app_command
from knowhold.ui.plain_text import tooltip, warn
from knowhold.ui.session import Restored
from knowhold.vault.knowledge.porting import ExportSummary, ImportSummary, SkipReason
from knowhold.vault.store.backup import BackupSummary

ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class Report:
    """What the summary dialog shows."""

    title: str
    lines: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...] = ()  # (file, why), in the core's order
    folder: Path | None = None  # offered as "Show in Folder"
    vault: Path | None = None  # offered as "Open Restored Vault", in a window of its own
    complete: bool = True  # False: cancelled, or nothing done (a warning icon)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class Reports(QObject):
    """Writes the summaries. A QObject for ``self.tr``: lupdate reads plural forms only there."""

    def reason(self, reason: SkipReason) -> str:
        """A skip reason as the end of a sentence about one file."""
        texts = {
            SkipReason.NOT_MARKDOWN: self.tr("not a note file (.md, .markdown or .txt)"),
            SkipReason.NOT_REGULAR: self.tr("not an ordinary file"),
            SkipReason.LINKED_FOLDER: self.tr("a linked folder: links to folders are not followed"),
            SkipReason.LINK_OUTSIDE: self.tr("a link to a file outside the chosen folder"),
            SkipReason.UNREADABLE: self.tr("could not be read (check that you may open it)"),
            SkipReason.TOO_LARGE: self.tr("larger than 4 MiB"),
            SkipReason.NOT_TEXT: self.tr(
                "not text: a binary file such as an image, or text in an encoding Knowhold does not read"
            ),
            SkipReason.UNSURE_ENCODING: self.tr(
                "text whose encoding cannot be told for sure (it reads as more than one, "
                "or is too short to tell): save it as UTF-8 and import it again"
            ),
            SkipReason.CODE_PAGE: self.tr(
                "text in a single-byte code page such as Windows-1252 or Latin-1, which cannot be "
                "told apart from one another: save it as UTF-8 and import it again"
            ),
            SkipReason.BAD_FRONT_MATTER: self.tr(
                "the block between the --- lines at its top (front matter) is not valid"
            ),
            SkipReason.REFUSED: self.tr("its title, tags or text were refused by the vault"),
            SkipReason.DUPLICATE_ID: self.tr("it has the same Knowhold id as another file"),
            SkipReason.IN_TRASH: self.tr("its entry is in the trash: restore the entry to update it"),
            SkipReason.CONTROL_CHARACTERS: self.tr(
                "its title, tags or text hold control or invisible characters"
            ),
            SkipReason.ATTACHMENT_TOO_LARGE: self.tr("a file for a note, larger than 25 MiB"),
            SkipReason.NAME_TAKEN: self.tr(
                "the note refers to another file of the same name, which was attached instead"
            ),
        }
        return texts.get(reason, str(reason))

    def imported(self, summary: ImportSummary) -> Report:
        skipped = tuple((path, self.reason(reason)) for path, reason in summary.skipped)
        found = summary.created + summary.updated + summary.unchanged + len(skipped)
        lines: list[str] = []
        if summary.cancelled:
            lines.append(
                self.tr(
                    "You cancelled the import. What was imported before that is kept; importing "
                    "the same files again adds only the rest."
                )
            )
        elif found == 0:
            lines.append(self.tr("No files were found there to import."))
        if found:
            lines.append(self.tr("%n new entries imported.", "", summary.created))
        if summary.updated:
            lines.append(
                self.tr(
                    "%n entries updated from changed files (their earlier text stays in the history).",
                    "",
                    summary.updated,
                )
            )
        if summary.unchanged:
            lines.append(self.tr("%n files were already imported and unchanged.", "", summary.unchanged))
        if summary.attached:
            lines.append(
                self.tr("%n files the notes refer to were attached to them.", "", len(summary.attached))
            )
        if summary.converted:
            encodings = ", ".join(sorted({encoding.upper() for _, encoding in summary.converted}))
            lines.append(
                self.tr(
                    "%n notes were not in UTF-8 and were read as {encodings}: glance at them once.",
                    "",
                    len(summary.converted),
                ).format(encodings=encodings)
            )
        if skipped:
            lines.append(self.tr("%n files skipped, listed below with the reason.", "", len(skipped)))
        title = self.tr("Import Cancelled") if summary.cancelled else self.tr("Import Finished")
        return Report(title, tuple(lines), skipped, complete=not summary.cancelled and found > 0)

    def exported(self, summary: ExportSummary) -> Report:
        folder = str(summary.folder)
        if summary.cancelled:
            lines = [
                self.tr(
                    "You cancelled the export after %n entries. The files written so far are in "
                    "{folder}; exporting into the same folder again completes it.",
                    "",
                    summary.written,
                ).format(folder=folder)
            ]
        else:
            lines = [self.tr("%n entries exported to {folder}.", "", summary.written).format(folder=folder)]
            if summary.attachments:
                lines.append(
                    self.tr("%n attached files were written beside the notes.", "", summary.attachments)
                )
            if summary.removed:
                lines.append(
                    self.tr(
                        "%n files of entries no longer in the vault were removed from it.",
                        "",
                        summary.removed,
                    )
                )
        lines.append(
            self.tr("These Markdown files are not encrypted: anyone who can open the folder can read them.")
        )
        title = self.tr("Export Cancelled") if summary.cancelled else self.tr("Export Finished")
        return Report(title, tuple(lines), folder=summary.folder, complete=not summary.cancelled)

    def backed_up(self, summary: BackupSummary) -> Report:
        size = QLocale().formattedDataSize(summary.size)
        lines = (
            self.tr("The encrypted backup was saved as {file} ({size}).").format(
                file=str(summary.path), size=size
            ),
            self.tr(
                "It is locked with this vault's key: it opens with the passphrase or recovery code "
                "the vault has now, even if you change them later."
            ),
        )
        return Report(self.tr("Backup Finished"), lines, folder=summary.path.parent)

    def restored(self, restored: Restored) -> Report:
        folder = str(restored.path)
        lines = (
            self.tr(
                "%n entries restored into a new vault, “{name}”, in {folder}.", "", restored.entries
            ).format(name=restored.name, folder=folder),
            self.tr("The vault open in this window is unchanged."),
            self.tr(
                "The restored vault opens with the passphrase or recovery code it had when the backup "
                "was made. “Open Restored Vault” opens it in a window of its own; later, start "
                'Knowhold with that folder as its vault: knowhold --vault "{folder}"'
            ).format(folder=folder),
        )
        return Report(self.tr("Restore Finished"), lines, folder=restored.path, vault=restored.path)

    def backup_cancelled(self) -> Report:
        sentence = self.tr(
            "You cancelled the backup. No backup file was written; an earlier file of the same "
            "name, if there was one, is unchanged."
        )
        return Report(self.tr("Backup Cancelled"), (sentence,), complete=False)

    def restore_cancelled(self) -> Report:
        sentence = self.tr("You cancelled the restore. Nothing was written: no new vault was made.")
        return Report(self.tr("Restore Cancelled"), (sentence,), complete=False)


class SkippedModel(QAbstractTableModel):
    """The skipped files of an import: file, and why."""

    FILE, REASON = 0, 1

    def __init__(self, rows: tuple[tuple[str, str], ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = rows

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 2

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:  # a file name or reason from outside
            return tooltip(self._rows[index.row()][index.column()])
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == self.FILE:
            return self.tr("File")
        if section == self.REASON:
            return self.tr("Why it was skipped")
        return None


class SummaryDialog(QDialog):
    def __init__(self, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setWindowTitle(report.title)
        self.setWindowModality(Qt.WindowModality.WindowModal)

        icon = QLabel()
        pixmap = QStyle.StandardPixmap.SP_MessageBoxInformation
        if not report.complete:
            pixmap = QStyle.StandardPixmap.SP_MessageBoxWarning
        icon.setPixmap(self.style().standardIcon(pixmap).pixmap(32, 32))
        self.text = QLabel(report.text)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setMinimumWidth(420)

        layout = QVBoxLayout(self)
        head = QWidget()
        row = QVBoxLayout(head)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(icon, 0, Qt.AlignmentFlag.AlignLeft)
        row.addWidget(self.text)
        layout.addWidget(head)

        self.skipped_view: QTableView | None = None
        if report.skipped:
            view = QTableView()
            view.setModel(SkippedModel(report.skipped, view))
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.verticalHeader().hide()
            view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
            view.horizontalHeader().setStretchLastSection(True)
            view.setColumnWidth(0, 260)
            # As tall as its rows (a few lines for a few files), up to a scrolling box.
            rows = min(len(report.skipped), 8)
            view.setMinimumHeight(
                view.horizontalHeader().sizeHint().height()
                + rows * view.verticalHeader().defaultSectionSize()
                + 2 * view.frameWidth()
            )
            layout.addWidget(view, 1)
            self.skipped_view = view

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        self.show_folder: QPushButton | None = None
        if report.folder is not None:
            folder = report.folder
            self.show_folder = buttons.addButton(
                self.tr("Show in Folder"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.show_folder.clicked.connect(
                lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
            )
        self.open_vault: QPushButton | None = None
        if report.vault is not None:
            vault = report.vault
            self.open_vault = buttons.addButton(
                self.tr("Open Restored Vault"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.open_vault.clicked.connect(lambda: self._open_vault(vault))
        layout.addWidget(buttons)
        if report.skipped:
            self.resize(640, self.sizeHint().height())

    def _open_vault(self, vault: Path) -> None:
        # Another process, not this window: this one keeps its own vault open and locked
        # to it, and each process holds exactly one vault's lock file.
        program, arguments = app_command(vault)
        started, _pid = QProcess.startDetached(program, arguments)
        if started:
            self.accept()
        else:
            warn(
                self,
                self.tr("Restore Finished"),
                self.tr("Knowhold could not start a second window. Start it on {folder}.").format(
                    folder=str(vault)
                ),
            )
