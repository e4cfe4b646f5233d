"""One licensed entry, read-only, under a banner with the license's terms of use.

The employer reads a received entry here, never in the editor: it is not
theirs to change. The banner says who licensed it, until when, which uses
the terms permit and whether a person must review what an AI makes of it,
from the license's checked manifest (not from the notice inside the entry,
which is the licensor's text too, but only a copy).

Everything in an entry came from the licensor: the title, tags and origin
are plain-text labels, and the body is rendered like the editor's preview
(``ui/markdown.py`` escapes raw HTML; the ``SafeBrowser`` loads nothing and
opens a link only when clicked).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from knowhold.ui.labels import kind_label, tags_label
from knowhold.ui.licensing.received_model import uses_text
from knowhold.ui.models.entry_list import format_time
from knowhold.ui.widgets.form_parts import plain_label
from knowhold.ui.widgets.preview import Preview
from knowhold.vault.knowledge.origin import Origin, OriginKind
from knowhold.vault.licensing.payload import LicensedEntry
from knowhold.vault.licensing.received import ReceivedRecord

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
        self.body = Preview()
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
        self.refusal.hide()
        self.hint.hide()
        self.body.show()
        self.body.show_markdown(entry.body)

    def show_refusal(self, title: str, why: str) -> None:
        """The entry cannot be read now (locked, not yet valid, destroyed): say why, show no text."""
        self.entry = None
        self.banner.hide()
        self.hint.hide()
        self.title.setText(title)
        self.about.hide()
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
        self.refusal.hide()
        self.body.clear()
        self.body.hide()
        self.hint.show()

    def _show_banner(self, record: ReceivedRecord) -> None:
        licensed, uses, review = banner_lines(record)
        self.licensed.setText(licensed)
        self.uses.setText(uses)
        self.review.setText(review)
        self.banner.show()
