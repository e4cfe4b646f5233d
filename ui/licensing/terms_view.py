"""A license's terms in full, read-only, in the app's language.

Whoever relies on a license (the employer before storing it, the worker in
the ledger) reads here what the licensor signed: the dates, each permission
as a plain sentence, human review, attribution, the pay and the free text.
Nothing is summed up or left out, so no one agrees to terms they did not see.

The two AI permissions are worded apart on purpose: looking things up (an
assistant consults the entries to answer, as a person reads a manual) ends
with the license; training (a model learns from them) cannot be taken back.
Every value came from the licensor, so all of it is shown as plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QPlainTextEdit, QWidget

from knowhold.ui.models.entry_list import format_time
from knowhold.ui.widgets.form_parts import plain_label
from knowhold.vault.licensing.terms import PERMISSIONS, Compensation, Terms

TEXT_LINES = 8  # the free text's box shows this many lines, then scrolls


class TermsView(QWidget):
    """Shows one license's terms; ``set_terms`` replaces what is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dates = plain_label("")
        self.review = plain_label("")
        self.attribution = plain_label("")
        self.compensation = plain_label("")
        self.usage = plain_label("")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)  # plain text: the licensor's words, never markup
        self.text.setAccessibleName(self.tr("Terms text"))
        self.no_text = plain_label(self.tr("None."))

        # One row per permission: a verdict word (never colour alone) and a sentence.
        self.permissions: dict[str, tuple[QLabel, QLabel]] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        for row, permission in enumerate(PERMISSIONS):
            verdict = QLabel()
            bold = verdict.font()
            bold.setWeight(QFont.Weight.DemiBold)
            verdict.setFont(bold)
            sentence = plain_label("")
            grid.addWidget(verdict, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(sentence, row, 1, Qt.AlignmentFlag.AlignTop)
            self.permissions[permission] = (verdict, sentence)
        permitted = QWidget()
        permitted.setLayout(grid)

        # A grid rather than a QFormLayout: the captions stay level with the first
        # line of their field however many lines it wraps to.
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setColumnStretch(1, 1)
        rows = (
            (self.tr("Dates:"), self.dates),
            (self.tr("Uses:"), permitted),
            (self.tr("Human review:"), self.review),
            (self.tr("Attribution:"), self.attribution),
            (self.tr("Compensation:"), self.compensation),
            (self.tr("Usage reports:"), self.usage),
            (self.tr("Further terms:"), self.no_text),
        )
        top = Qt.AlignmentFlag.AlignTop
        for row, (caption, field) in enumerate(rows):
            layout.addWidget(QLabel(caption), row, 0, top | Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(field, row, 1, top)
        layout.addWidget(self.text, len(rows), 0, 1, 2)
        layout.setRowStretch(len(rows) + 1, 1)

    def set_terms(self, terms: Terms, *, starts: int, ends: int) -> None:
        """Show ``terms``, in force from ``starts`` until ``ends`` (seconds; the end as renewed)."""
        self.dates.setText(
            self.tr("From {start} until {end}").format(start=format_time(starts), end=format_time(ends))
        )
        for permission, (verdict, sentence) in self.permissions.items():
            allowed = permission in terms.allowed
            verdict.setText(self.tr("Allowed") if allowed else self.tr("Not allowed"))
            sentence.setText(self._permission_sentence(permission, allowed))
        self.review.setText(
            self.tr("A person must review what an AI produces from these entries before it is used.")
            if terms.human_review
            else self.tr("Not required.")
        )
        self.attribution.setText(terms.attribution or self.tr("None asked for."))
        self.compensation.setText(self._compensation_text(terms.compensation))
        self.usage.setText(
            self.tr(
                "Each month the licensee sends a signed report of how often each entry was found and "
                "read (Save Usage Report… in the app, or knowhold received usage-report)."
            )
            if terms.usage_report is not None
            else self.tr("None asked for.")
        )
        self.text.setPlainText(terms.text)
        # As tall as the text's lines, up to TEXT_LINES (a wrapped line scrolls).
        lines = min(TEXT_LINES, self.text.document().blockCount() + 1)
        margins = 2 * self.text.frameWidth() + 8  # the frame and the document's own margin
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * lines + margins)
        self.text.setVisible(bool(terms.text))
        self.no_text.setVisible(not terms.text)

    def _permission_sentence(self, permission: str, allowed: bool) -> str:
        sentences = {
            "view": (self.tr("The entries may be read."), ""),
            "copy-excerpts": (
                self.tr("Passages may be copied out of the entries into other documents."),
                self.tr("No passage may be copied out of the entries."),
            ),
            "ai-retrieval": (
                self.tr(
                    "AI look-up: an AI assistant may look things up in the entries to answer a "
                    "question, as a person reads a manual. It is not trained on them."
                ),
                self.tr("AI look-up: no AI assistant may look things up in the entries."),
            ),
            "ai-training": (
                self.tr(
                    "AI training: the entries may be used to train or fine-tune an AI model. The "
                    "model keeps what it learned from them, even after the license ends."
                ),
                self.tr("AI training: no AI model may be trained or fine-tuned on the entries."),
            ),
            "redistribute": (
                self.tr("The entries may be passed on to others."),
                self.tr("The entries may not be passed on to anyone else."),
            ),
        }
        granted, denied = sentences[permission]
        return granted if allowed else denied

    def _compensation_text(self, pay: Compensation) -> str:
        if pay.amount is None:
            fee = self.tr("None: this license is unpaid.")
        else:
            # The amount exactly as signed, with its currency code: never converted or rounded.
            fields = {"amount": pay.amount, "currency": pay.currency or ""}
            if pay.period == "once":
                fee = self.tr("{amount} {currency}, paid once").format(**fields)
            elif pay.period == "month":
                fee = self.tr("{amount} {currency} per month").format(**fields)
            elif pay.period == "year":
                fee = self.tr("{amount} {currency} per year").format(**fields)
            else:
                fee = self.tr("{amount} {currency}").format(**fields)
        return f"{fee}\n{pay.note}" if pay.note else fee
