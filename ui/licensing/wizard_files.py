"""The attachments that would leave with an entry, as the license wizard's review lists them.

One row per file (``vault.licensing.outgoing.OutgoingFile``): its name, its
size as it would be carried, and what happens to its metadata, in the app's
words: what was found and removed from an image, that a file of another
type leaves with its metadata, or that a damaged image cannot leave. What
the worker must act on or accept (metadata left in, damage) is in the error
colour. Names came from outside (an import, a drop): they are set as
plain cell text, never markup.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QWidget

from knowhold.ui.plain_text import tooltip
from knowhold.ui.theme import error_colour
from knowhold.ui.widgets.form_parts import fit_rows, read_only_table
from knowhold.vault.knowledge import image_metadata
from knowhold.vault.licensing.outgoing import OutgoingFile

MAX_ROWS = 4  # shown at once; more scroll


class OutgoingFilesTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        labels = [self.tr("Attachment"), self.tr("Size"), self.tr("Metadata")]
        read_only_table(self, labels, self.tr("Attachments that leave"))
        self.hide()

    def show_files(self, files: tuple[OutgoingFile, ...], names: tuple[str, ...]) -> None:
        """``files`` under ``names``, the names they would leave under (findings redacted)."""
        self.setRowCount(len(files))
        alarm = error_colour(self)
        for row, (f, name) in enumerate(zip(files, names, strict=True)):
            metadata = self.metadata_text(f)
            cells = (name, QLocale().formattedDataSize(f.size), metadata)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tooltip(text))
                if column == 2 and (f.problem or not f.cleaned):
                    item.setForeground(alarm)
                self.setItem(row, column, item)
        self.setVisible(bool(files))
        fit_rows(self, len(files), MAX_ROWS)

    def metadata_text(self, f: OutgoingFile) -> str:
        """What happens to a file's metadata, in the app's words."""
        if f.problem:
            return self.tr("Damaged: it cannot be cleaned, so it cannot leave")
        if not f.cleaned:
            return self.tr("Leaves with its metadata: not an image")
        if not f.found:
            return self.tr("None found")
        names = {
            image_metadata.GPS: self.tr("GPS position"),
            image_metadata.EXIF: self.tr("camera data (EXIF)"),
            image_metadata.XMP: self.tr("XMP"),
            image_metadata.IPTC: self.tr("IPTC"),
            image_metadata.COMMENT: self.tr("comments"),
            image_metadata.TEXT: self.tr("text"),
            image_metadata.TIME: self.tr("time"),
            image_metadata.THUMBNAIL: self.tr("thumbnail"),
            image_metadata.TRAILING: self.tr("data after the image"),
            image_metadata.OTHER: self.tr("other"),
        }
        found = ", ".join(names.get(kind, kind) for kind in f.found)
        return self.tr("Removed: {found}").format(found=found)
