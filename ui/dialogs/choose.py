"""Asking for files and folders: the one place the app opens a file dialog.

Import, export, backup and restore ask here for their paths, then do the
work with the path chosen; tests replace these classmethods (as they do
``Confirm.ask``) instead of driving a native dialog, which they cannot.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from knowhold.vault.licensing.package import PACKAGE_SUFFIX as PACKAGE_SUFFIX  # wizard_save names it here

BACKUP_SUFFIX = ".backup"
CARD_SUFFIX = ".card"
RECEIPT_SUFFIX = ".receipt"


def documents_folder() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location else Path.home()


class Choose:
    @classmethod
    def markdown_files(cls, parent: QWidget | None) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(
            parent,
            QCoreApplication.translate("Choose", "Import Markdown Files"),
            str(documents_folder()),
            QCoreApplication.translate("Choose", "Markdown files (*.md *.markdown);;All files (*)"),
        )
        return [Path(name) for name in names]

    @classmethod
    def folder_to_import(cls, parent: QWidget | None) -> Path | None:
        name = QFileDialog.getExistingDirectory(
            parent,
            QCoreApplication.translate("Choose", "Import a Folder of Markdown Notes"),
            str(documents_folder()),
        )
        return Path(name) if name else None

    @classmethod
    def export_folder(cls, parent: QWidget | None) -> Path | None:
        name = QFileDialog.getExistingDirectory(
            parent,
            QCoreApplication.translate(
                "Choose", "Export as Markdown (not encrypted): choose an empty folder"
            ),
            str(documents_folder()),
        )
        return Path(name) if name else None

    @classmethod
    def backup_file(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("Choose", "Back Up the Vault (encrypted)"),
            str(suggested),
            QCoreApplication.translate("Choose", "Knowhold backups (*.backup);;All files (*)"),
        )
        if not name:
            return None
        path = Path(name)
        # Some platforms' dialogs do not add the filter's suffix themselves.
        return path if path.suffix else path.with_name(path.name + BACKUP_SUFFIX)

    @classmethod
    def card_file(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("Choose", "Export My Identity Card"),
            str(documents_folder() / suggested),
            QCoreApplication.translate("Choose", "Knowhold cards (*.card);;All files (*)"),
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_name(path.name + CARD_SUFFIX)

    @classmethod
    def package_to_save(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        """Where to save a license package being issued (the license wizard), ``suggested`` first."""
        name, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("Choose", "Save the License Package"),
            str(suggested),
            QCoreApplication.translate("Choose", "Knowhold licenses (*.knowhold);;All files (*)"),
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_name(path.name + PACKAGE_SUFFIX)

    @classmethod
    def package_to_open(cls, parent: QWidget | None, start: Path | None) -> Path | None:
        """A license package to verify (File ▸ Open License…), from ``start`` or the documents folder."""
        name, _ = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("Choose", "Open License"),
            str(start or documents_folder()),
            QCoreApplication.translate("Choose", "Knowhold licenses (*.knowhold);;All files (*)"),
        )
        return Path(name) if name else None

    @classmethod
    def card_to_add(cls, parent: QWidget | None) -> Path | None:
        """Someone else's identity card, to add to the contacts."""
        name, _ = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("Choose", "Add a Contact's Identity Card"),
            str(documents_folder()),
            QCoreApplication.translate("Choose", "Knowhold cards (*.card);;All files (*)"),
        )
        return Path(name) if name else None

    @classmethod
    def receipt_to_import(cls, parent: QWidget | None) -> Path | None:
        """A licensee's signed acceptance receipt, to record in the ledger."""
        name, _ = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("Choose", "Import a Receipt"),
            str(documents_folder()),
            QCoreApplication.translate("Choose", "Receipts (*.receipt *.txt);;All files (*)"),
        )
        return Path(name) if name else None

    @classmethod
    def usage_report_to_import(cls, parent: QWidget | None) -> Path | None:
        """A licensee's signed usage report, to take into the ledger."""
        name, _ = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("Choose", "Import a Usage Report"),
            str(documents_folder()),
            QCoreApplication.translate("Choose", "Usage reports (*.txt *.usage);;All files (*)"),
        )
        return Path(name) if name else None

    @classmethod
    def status_folder(cls, parent: QWidget | None, start: Path | None) -> Path | None:
        """The folder the status document is published to (synced, or served on the web)."""
        name = QFileDialog.getExistingDirectory(
            parent,
            QCoreApplication.translate("Choose", "Where to Publish Your Status (a Synced or Web Folder)"),
            str(start or documents_folder()),
        )
        return Path(name) if name else None

    @classmethod
    def receipt_file(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        """Where the employer saves a signed acceptance receipt, to send back to the licensor."""
        name, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("Choose", "Save the Acceptance Receipt"),
            str(documents_folder() / suggested),
            QCoreApplication.translate("Choose", "Receipts (*.receipt);;All files (*)"),
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_name(path.name + RECEIPT_SUFFIX)

    @classmethod
    def usage_report_file(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        """Where the employer saves a signed usage report, to send to the licensor."""
        name, _ = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("Choose", "Save the Usage Report"),
            str(documents_folder() / suggested),
            QCoreApplication.translate("Choose", "Usage reports (*.txt);;All files (*)"),
        )
        return Path(name) if name else None

    @classmethod
    def status_file(cls, parent: QWidget | None) -> Path | None:
        """A licensor's status document, received by hand (a file instead of a status address)."""
        name, _ = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("Choose", "Load a Status File"),
            str(documents_folder()),
            QCoreApplication.translate("Choose", "Status documents (*.status);;All files (*)"),
        )
        return Path(name) if name else None

    @classmethod
    def skill_folder(cls, parent: QWidget | None, start: Path | None) -> Path | None:
        """The folder received licenses are exported to as agent skills (remembered per vault)."""
        name = QFileDialog.getExistingDirectory(
            parent,
            QCoreApplication.translate("Choose", "Folder for Agent Skills"),
            str(start or documents_folder()),
        )
        return Path(name) if name else None

    @classmethod
    def backup_to_restore(cls, parent: QWidget | None) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("Choose", "Restore from Backup"),
            str(documents_folder()),
            QCoreApplication.translate("Choose", "Knowhold backups (*.backup);;All files (*)"),
        )
        return Path(name) if name else None

    @classmethod
    def restore_parent(cls, parent: QWidget | None, start: Path) -> Path | None:
        """The folder in which the restored vault's new folder is made."""
        name = QFileDialog.getExistingDirectory(
            parent, QCoreApplication.translate("Choose", "Where to Put the Restored Vault"), str(start)
        )
        return Path(name) if name else None

    @classmethod
    def vault_folder(cls, parent: QWidget | None, start: Path) -> Path | None:
        """An empty folder (the dialog can make one) for the vault the first-start wizard creates."""
        name = QFileDialog.getExistingDirectory(
            parent, QCoreApplication.translate("Choose", "Choose an Empty Folder for the Vault"), str(start)
        )
        return Path(name) if name else None

    @classmethod
    def files_to_attach(cls, parent: QWidget | None) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(
            parent, QCoreApplication.translate("Choose", "Attach Files"), str(documents_folder())
        )
        return [Path(name) for name in names]

    @classmethod
    def attachment_file(cls, parent: QWidget | None, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("Choose", "Save Attachment As"), str(suggested)
        )
        return Path(name) if name else None
