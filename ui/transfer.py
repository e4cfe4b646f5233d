"""Import, export, backup and restore from the desktop app.

Each is asked for in two steps: an ``ask_…`` method (the menu's handler)
asks for the path, then a method taking the path does the work, which is
what dropped files and tests call. The work is a ``ProgressOp`` on the
serial worker: a progress dialog with Cancel appears only if it takes a
while, and a summary says at the end what was done, skipped and why.

What Cancel leaves is the core's promise, and the summary repeats it:
an import keeps the files imported so far (each file is its own
transaction); an export keeps the files written so far and marks the
folder so exporting into it again completes it; a backup or restore that
is cancelled leaves nothing behind.

An export chosen into a folder of the user's own files (not empty, not an
earlier export) would be refused by the core, which never writes among
them. So the app offers a new folder inside it, named for the day
("Knowhold export 2026-12-06", " (2)" if that is taken), and says why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from knowhold.ui.dialogs.choose import BACKUP_SUFFIX, Choose, documents_folder
from knowhold.ui.dialogs.restore import RestoreDialog, RestoreRequest
from knowhold.ui.dialogs.transfer_summary import Report, Reports, SummaryDialog
from knowhold.ui.errors import Screen
from knowhold.ui.plain_text import message_box
from knowhold.ui.session import Restored, VaultSession
from knowhold.ui.tasks import PROGRESS_DELAY_MS, Failure, ProgressOp
from knowhold.vault.errors import Cancelled, InvalidValue, VaultExists, WrongSecret
from knowhold.vault.knowledge.markdown_export import EXPORT_MARKER
from knowhold.vault.knowledge.porting import ImportSummary
from knowhold.vault.progress import Progress
from knowhold.vault.store.backup import STAGE_COPY, STAGE_EXPORT, STAGE_VERIFY, STAGE_WRITE

T = TypeVar("T")


class Transfers(QObject):
    imported = Signal(object)
    """After an import ended: its ``ImportSummary``, or None if it failed part way. Refresh the lists."""
    message = Signal(str)
    """A short note for the status bar."""

    def __init__(
        self,
        session: VaultSession,
        window: QWidget,
        before: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(window)
        self._session = session
        self._window = window
        # Called before each job, on the GUI thread: the window saves the entry being
        # edited, so that save is queued ahead and an export or backup includes it.
        self._before = before or (lambda: None)
        self.delay_ms = PROGRESS_DELAY_MS
        self.reports = Reports(self)
        self.op: ProgressOp[object] | None = None
        self.summary_dialog: SummaryDialog | None = None
        self.error_box: QMessageBox | None = None

    @property
    def busy(self) -> bool:
        return self.op is not None and self.op.running

    def cancel(self) -> None:
        """Stop the running job at its next step (the window is being locked)."""
        if self.op is not None and self.op.running:
            self.op.cancel()

    # -- the menu's handlers: ask for the path, then do the work --------------------

    def ask_import_files(self) -> None:
        paths = Choose.markdown_files(self._window)
        if paths:
            self.import_paths(paths)

    def ask_import_folder(self) -> None:
        folder = Choose.folder_to_import(self._window)
        if folder is not None:
            self.import_paths([folder])

    def ask_export(self) -> None:
        folder = Choose.export_folder(self._window)
        if folder is not None:
            self.export_into(folder)

    def ask_export_by_kind(self) -> None:
        folder = Choose.export_folder(self._window)
        if folder is not None:
            self.export_into(folder, by_kind=True)

    def export_into(self, folder: Path, *, by_kind: bool = False) -> bool:
        """Export to ``folder``; if it holds the user's own files, to a new dated folder in it (asked first).

        False if nothing was started (declined, or another job is running).
        """
        if _holds_other_files(folder):
            inside = _free_folder(folder, self.tr("Knowhold export {date}").format(date=_today()))
            if not NewExportFolder.ask(self._window, folder, inside):
                return False
            folder = inside
        return self.export_to(folder, by_kind=by_kind)

    def ask_backup(self) -> None:
        name = self.tr("Knowhold backup {date}").format(date=_today()) + BACKUP_SUFFIX
        file = Choose.backup_file(self._window, documents_folder() / name)
        if file is not None:
            self.backup_to(file)

    def ask_restore(self) -> None:
        file = Choose.backup_to_restore(self._window)
        if file is not None:
            self._ask_restore_details(file, self.suggested_restore_folder())

    def _ask_restore_details(self, file: Path, target: Path, error: str = "") -> None:
        request = RestoreDialog.ask(self._window, file, target, error)
        if request is not None:
            self.restore_from(file, request)

    def suggested_restore_folder(self) -> Path:
        """A new folder beside the open vault's, named for today."""
        base = self._session.path
        stem = self.tr("{name} restored {date}").format(name=base.name, date=_today())
        return _free_folder(base.parent, stem)

    # -- the work, with its path chosen --------------------------------------------------

    def import_paths(self, paths: Sequence[Path]) -> bool:
        """Import Markdown files and folders; False if another job is still running."""
        chosen = [Path(p) for p in paths]
        session = self._session

        def done(summary: ImportSummary) -> None:
            self.imported.emit(summary)
            self._show_report(self.reports.imported(summary))

        def failed(failure: Failure) -> None:
            # Files imported before the failure are kept: the lists may have changed.
            self.imported.emit(None)
            self._show_error(self.tr("Import Failed"), failure.message)

        return self._run(
            lambda progress: session.import_paths(chosen, progress),
            done,
            failed,
            title=self.tr("Importing"),
            label=self.tr("Importing Markdown files into the vault…"),
            detail=self._file_text,
        )

    def export_to(self, folder: Path, *, by_kind: bool = False) -> bool:
        """Every live entry as Markdown in ``folder``, which must be empty or an earlier export.

        Imported notes go back in the folders they came from; ``by_kind``: one folder per kind.
        """
        session, target = self._session, Path(folder)
        return self._run(
            lambda progress: session.export_to(target, progress, by_kind=by_kind),
            lambda summary: self._show_report(self.reports.exported(summary)),
            lambda failure: self._show_error(self.tr("Export Failed"), failure.message),
            title=self.tr("Exporting"),
            label=self.tr("Exporting every entry as a Markdown file…"),
            detail=self._file_text,
        )

    def backup_to(self, file: Path) -> bool:
        """An encrypted backup of the whole vault to ``file`` (an older one there is replaced)."""
        session, target = self._session, Path(file)

        def failed(failure: Failure) -> None:
            if isinstance(failure.error, Cancelled):
                self._show_report(self.reports.backup_cancelled())
            else:
                self._show_error(self.tr("Backup Failed"), failure.message)

        return self._run(
            lambda progress: session.backup_to(target, progress),
            lambda summary: self._show_report(self.reports.backed_up(summary)),
            failed,
            title=self.tr("Backing Up"),
            label=self.tr("Writing an encrypted backup of the vault…"),
            detail=self._stage_text,
        )

    def restore_from(self, file: Path, request: RestoreRequest) -> bool:
        """Restore the backup ``file`` as a new vault at ``request.target``."""
        session, source = self._session, Path(file)
        passphrase, code = request.passphrase, request.recovery_code

        def work(progress: Progress) -> Restored:
            return session.restore_from(
                source, request.target, passphrase=passphrase, recovery_code=code, progress=progress
            )

        def failed(failure: Failure) -> None:
            error = failure.error
            if isinstance(error, Cancelled):
                self._show_report(self.reports.restore_cancelled())
            elif isinstance(error, WrongSecret | VaultExists | InvalidValue):
                # The secret or the folder: what the restore dialog asks, so it asks again, saying why.
                self._ask_restore_details(source, request.target, failure.message_on(Screen.RESTORE))
            else:
                self._show_error(self.tr("Restore Failed"), failure.message)

        return self._run(
            work,
            lambda restored: self._show_report(self.reports.restored(restored)),
            failed,
            title=self.tr("Restoring"),
            label=self.tr("Restoring the backup as a new vault…"),
            detail=self._stage_text,
            save_first=False,  # nothing of the open vault is read
        )

    # -- running and reporting ------------------------------------------------------------

    def _run(
        self,
        fn: Callable[[Progress], T],
        on_success: Callable[[T], None],
        on_failure: Callable[[Failure], None],
        *,
        title: str,
        label: str,
        detail: Callable[[int, int, str], str],
        save_first: bool = True,
    ) -> bool:
        if self.busy:
            self.message.emit(self.tr("Wait until the current import, export or backup has finished."))
            return False
        if save_first:
            self._before()
        op: ProgressOp[T] = ProgressOp(
            self._window, fn, on_success, title=title, label=label, delay_ms=self.delay_ms
        )
        op.failure(on_failure).describe(detail)
        self.op = op  # type: ignore[assignment]
        op.run()
        return True

    def _file_text(self, done: int, total: int, file: str) -> str:
        if not file:
            return ""
        return self.tr("{done} of {total}: {file}").format(done=done + 1, total=total, file=file)

    def _stage_text(self, _done: int, _total: int, stage: str) -> str:
        texts = {
            STAGE_EXPORT: self.tr("Copying the encrypted database…"),
            STAGE_WRITE: self.tr("Writing the backup file…"),
            STAGE_VERIFY: self.tr("Checking the backup file…"),
            STAGE_COPY: self.tr("Writing the new vault…"),
        }
        return texts.get(stage, "")

    def _show_report(self, report: Report) -> None:
        if not self._window.isVisible():
            return  # locked while the job ran: the summary would open over nothing
        self._close_dialogs()
        dialog = SummaryDialog(report, self._window)
        dialog.finished.connect(self._forget_dialogs)
        dialog.finished.connect(dialog.deleteLater)
        self.summary_dialog = dialog
        dialog.open()

    def _show_error(self, title: str, message: str) -> None:
        if not self._window.isVisible():
            return
        self._close_dialogs()
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self._window
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(self._forget_dialogs)
        box.finished.connect(box.deleteLater)
        self.error_box = box
        box.open()

    def _close_dialogs(self) -> None:
        for dialog in (self.summary_dialog, self.error_box):
            if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible():
                dialog.close()
        self._forget_dialogs()

    def _forget_dialogs(self) -> None:
        self.summary_dialog = self.error_box = None


class NewExportFolder:
    @classmethod
    def ask(cls, parent: QWidget | None, chosen: Path, inside: Path) -> bool:
        """Whether to export into ``inside``, a new folder in ``chosen``, which holds the user's files."""
        box, accept = cls.box(parent, chosen, inside)
        box.exec()
        return box.clickedButton() is accept

    @classmethod
    def box(cls, parent: QWidget | None, chosen: Path, inside: Path) -> tuple[QMessageBox, QAbstractButton]:
        """The question, and its button that accepts (what ``ask`` shows)."""
        translate = QCoreApplication.translate
        box = message_box(
            parent,
            QMessageBox.Icon.Question,
            translate("NewExportFolder", "Export into a New Folder?"),
            translate(
                "NewExportFolder",
                "“{chosen}” already holds files that are not a Knowhold export. So that none of "
                "them is overwritten, the export can go into a new folder inside it:\n\n{inside}",
            ).format(chosen=chosen.name or str(chosen), inside=inside.name),
        )
        accept = box.addButton(
            translate("NewExportFolder", "Export to New Folder"), QMessageBox.ButtonRole.AcceptRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(accept)
        return box, accept


def _holds_other_files(folder: Path) -> bool:
    """A folder with something in it that an earlier export did not mark as its own."""
    try:
        return folder.is_dir() and any(folder.iterdir()) and not (folder / EXPORT_MARKER).is_file()
    except OSError:
        return False  # unreadable: the export says why when it tries


def _free_folder(parent: Path, stem: str) -> Path:
    """``parent / stem``, or ``stem (2)``, ``(3)``… if that is taken."""
    candidate, number = parent / stem, 2
    while candidate.exists():
        candidate = parent / f"{stem} ({number})"
        number += 1
    return candidate


def _today() -> str:
    return QDate.currentDate().toString(Qt.DateFormat.ISODate)
