"""The license wizard's third page: the terms.

The dates (a calendar, or 30, 90 or 365 days from the start), each use the
licensee may make of the entries as a switch with one plain sentence, human
review, attribution, pay and free text. Two uses are worded apart above all
others: an AI assistant *looking things up* in the entries reads them as a
person reads a manual and stops when the license ends; *training* a model on
them leaves what it learned in the model for good. Mixing them up is the one
mistake a worker cannot take back, so each says so in its own sentence.

Presets (``vault.licensing.presets``) fill the page from saved terms and a
length; the current terms can be saved as one, and saved ones deleted. They
live in the vault, since they can name pay. The terms are checked by the
core's ``Terms.make`` when the worker goes on, and its refusal is shown here.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from knowhold.ui.dialogs.confirm import Confirm
from knowhold.ui.errors import message
from knowhold.ui.i18n import QT_TRANSLATE_NOOP
from knowhold.ui.licensing.wizard_draft import LicenseDraft
from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.widgets.form_parts import message_label, plain_label
from knowhold.vault.errors import InvalidValue
from knowhold.vault.licensing.presets import MAX_DAYS, MAX_NAME, Preset, Presets
from knowhold.vault.licensing.terms import MAX_ATTRIBUTION, MAX_NOTE, PERIODS, PERMISSIONS, Terms

QUICK_LENGTHS = (30, 90, 365)
CURRENCIES = ("CNY", "USD", "EUR", "GBP", "JPY", "HKD")

# lupdate finds only literal strings: the built-in presets' names, marked once more
# here (tests/test_ui_license_wizard.py checks they are exactly presets.BUILT_IN's).
BUILT_IN_NAMES: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("presets", "AI look-up only, 90 days, human review"),
    QT_TRANSLATE_NOOP("presets", "Read and quote, one year"),
)


def preset_label(preset: Preset) -> str:
    """A built-in preset's name in the app's language; a saved one's as the worker wrote it."""
    return QCoreApplication.translate("presets", preset.name) if preset.built_in else preset.name


def day_start(date: QDate) -> int:
    """The first second of ``date``, local time."""
    return QDateTime(date, QTime(0, 0)).toSecsSinceEpoch()


def local_date(seconds: int) -> QDate:
    return QDateTime.fromSecsSinceEpoch(seconds).date()


class AskPresetName:
    @classmethod
    def ask(cls, parent: QWidget | None, suggested: str) -> str | None:
        """The name to save the terms under, or None (tests replace this)."""
        name, ok = QInputDialog.getText(
            parent,
            QCoreApplication.translate("TermsPage", "Save as Preset"),
            QCoreApplication.translate("TermsPage", "Name for these terms:"),
            QLineEdit.EchoMode.Normal,
            suggested,
        )
        return name if ok and name.strip() else None


class TermsPage(QWizardPage):
    """Dates, uses, review, attribution, pay, free text; presets to fill them."""

    def __init__(self, session: VaultSession, draft: LicenseDraft, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._draft = draft
        self.presets: list[Preset] = []
        self.setTitle(self.tr("Terms"))
        self.setSubTitle(self.tr("What they may do with the entries, for how long, and for what pay."))

        # -- presets
        self.preset = QComboBox()
        self.preset.setAccessibleName(self.tr("Preset"))
        self.preset.setMinimumContentsLength(24)
        self.preset.activated.connect(self._on_preset_chosen)
        self.save_preset = QPushButton(self.tr("&Save as Preset…"))
        self.delete_preset = QPushButton(self.tr("&Delete Preset"))
        for button in (self.save_preset, self.delete_preset):
            button.setAutoDefault(False)
        self.save_preset.clicked.connect(self.ask_save_preset)
        self.delete_preset.clicked.connect(self.ask_delete_preset)
        self.delete_preset.setEnabled(False)

        # -- dates
        self.starts = QDateEdit()
        self.ends = QDateEdit()
        for edit, name in ((self.starts, self.tr("Starts")), (self.ends, self.tr("Ends"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")  # the same in every language, never day and month mixed up
            edit.setAccessibleName(name)
        self.starts.dateChanged.connect(self._on_start)
        self.length_buttons: dict[int, QPushButton] = {}
        for days in QUICK_LENGTHS:
            button = QPushButton(self.tr("%n days", "", days))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, d=days: self.set_length(d))
            self.length_buttons[days] = button

        # -- uses: each a switch with its sentence beneath; the two AI ones apart, under
        # a heading that says how they differ
        self.uses: dict[str, QCheckBox] = {}
        uses = QVBoxLayout()
        uses.setSpacing(2)
        ai_heading = plain_label(
            self.tr(
                "AI look-up and AI training are not the same: look-up reads the entries while the "
                "license lasts; training puts them into a model for good."
            )
        )
        bold = ai_heading.font()
        bold.setWeight(QFont.Weight.DemiBold)
        ai_heading.setFont(bold)
        ordered = [p for p in PERMISSIONS if not p.startswith("ai-")] + [
            p for p in PERMISSIONS if p.startswith("ai-")
        ]
        for permission in ordered:
            if permission == "ai-retrieval":
                uses.addSpacing(6)
                uses.addWidget(ai_heading)
            title, sentence = self._permission_text(permission)
            box = QCheckBox(title)
            box.setAccessibleDescription(sentence)
            if permission == "view":
                box.setChecked(True)
                box.setEnabled(False)  # always granted: reading is what a license gives
            self.uses[permission] = box
            explained = plain_label(sentence)
            explained.setContentsMargins(box.iconSize().width() + 8, 0, 0, 4)
            uses.addWidget(box)
            uses.addWidget(explained)

        self.human_review = QCheckBox(
            self.tr("Require a person to review what an AI produces from these entries before it is used")
        )
        # A version 4 package (docs/format.md, "Usage report terms"): only when asked for.
        self.usage_report = QCheckBox(
            self.tr("Ask for a signed report each month of how often each entry was found and read")
        )
        # -- credit and pay
        self.attribution = QLineEdit()
        self.attribution.setMaxLength(MAX_ATTRIBUTION)
        self.attribution.setPlaceholderText(self.tr("Optional. For example: Li Wei, support lead"))
        self.attribution.setAccessibleName(self.tr("Attribution"))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("None"))
        self.amount.setAccessibleName(self.tr("Amount"))
        self.amount.setMaximumWidth(140)
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(CURRENCIES)
        self.currency.setCurrentText(_local_currency())
        self.currency.setAccessibleName(self.tr("Currency"))
        self.per = QComboBox()
        self.per.setAccessibleName(self.tr("Paid"))
        per_labels = {"once": self.tr("once"), "month": self.tr("per month"), "year": self.tr("per year")}
        for period in PERIODS:
            self.per.addItem(per_labels[period], period)
        self.note = QLineEdit()
        self.note.setMaxLength(MAX_NOTE)
        self.note.setPlaceholderText(self.tr("Optional. For example: invoiced on the 1st"))
        self.note.setAccessibleName(self.tr("Note on the pay"))
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("Optional. Anything else they agree to, in your words."))
        self.text.setAccessibleName(self.tr("Further terms"))
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 12)
        self.error = message_label(self, self.tr("Terms error"), lines=2)

        presets_row = QHBoxLayout()
        presets_row.addWidget(QLabel(self.tr("Preset:")))
        presets_row.addWidget(self.preset, 1)
        presets_row.addWidget(self.save_preset)
        presets_row.addWidget(self.delete_preset)
        dates = QHBoxLayout()
        dates.addWidget(self.starts)
        dates.addSpacing(4)
        dates.addWidget(QLabel(self.tr("until")))
        dates.addSpacing(4)
        dates.addWidget(self.ends)
        dates.addSpacing(8)
        for button in self.length_buttons.values():
            dates.addWidget(button)
        dates.addStretch(1)
        pay = QHBoxLayout()
        pay.addWidget(self.amount)
        pay.addWidget(self.currency)
        pay.addWidget(self.per)
        pay.addStretch(1)

        form = QGridLayout()
        form.setColumnStretch(1, 1)
        form.setVerticalSpacing(10)
        top = Qt.AlignmentFlag.AlignTop
        rows: list[tuple[str, QWidget | QHBoxLayout | QVBoxLayout]] = [
            (self.tr("Dates:"), dates),
            (self.tr("Uses:"), uses),
            (self.tr("Review:"), self.human_review),
            (self.tr("Reports:"), self.usage_report),
            (self.tr("Credit:"), self.attribution),
            (self.tr("Pay:"), pay),
            ("", self.note),
            (self.tr("Further terms:"), self.text),
        ]
        for row, (caption, field) in enumerate(rows):
            if caption:
                form.addWidget(QLabel(caption), row, 0, top)
            if isinstance(field, QWidget):
                form.addWidget(field, row, 1)
            else:
                form.addLayout(field, row, 1)
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the text wraps instead

        layout = QVBoxLayout(self)
        layout.addLayout(presets_row)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        self._dates_set = False
        self._load_presets()

    # -- the page ------------------------------------------------------------------------

    def initializePage(self) -> None:
        if self._dates_set or self._draft.now is None:
            return
        today = local_date(self._draft.now)
        self.starts.setMinimumDate(today)
        self.starts.setDate(today)
        self.set_length(90)
        self._dates_set = True

    def validatePage(self) -> bool:
        try:
            terms = self.terms()
        except InvalidValue as exc:
            self._say(message(exc))
            return False
        now = self._draft.now or 0
        today = local_date(now)
        start = self.starts.date()
        expires_at = day_start(self.ends.date().addDays(1)) - 1  # to the end of that day
        if self.ends.date() <= start or expires_at <= now:
            self._say(self.tr("The license must end after it starts, and after today."))
            return False
        self.error.hide()
        self._draft.terms = terms
        self._draft.not_before = None if start <= today else day_start(start)
        self._draft.expires_at = expires_at
        return True

    def terms(self) -> Terms:
        """The terms as chosen; ``InvalidValue`` (with what to change) from the core's checks."""
        amount = self.amount.text().strip()
        return Terms.make(
            allow=[p for p, box in self.uses.items() if box.isChecked()],
            human_review=self.human_review.isChecked(),
            attribution=self.attribution.text().strip(),
            fee=(amount, self.currency.currentText()) if amount else None,
            per=self.per.currentData() if amount else None,
            compensation_note=self.note.text().strip(),
            text=self.text.toPlainText().strip(),
            usage_report="monthly" if self.usage_report.isChecked() else None,
        )

    @property
    def days(self) -> int:
        """How long the license lasts as chosen, in whole days."""
        return max(1, self.starts.date().daysTo(self.ends.date()))

    def set_length(self, days: int) -> None:
        self.ends.setDate(self.starts.date().addDays(days))

    def set_terms(self, terms: Terms, days: int) -> None:
        """Fill the page from ``terms`` (a preset's), lasting ``days`` from the start."""
        for permission, box in self.uses.items():
            box.setChecked(permission in terms.allowed)
        self.human_review.setChecked(terms.human_review)
        self.usage_report.setChecked(terms.usage_report is not None)
        self.attribution.setText(terms.attribution)
        pay = terms.compensation
        self.amount.setText(pay.amount or "")
        if pay.currency:
            self.currency.setCurrentText(pay.currency)
        if pay.period:
            self.per.setCurrentIndex(self.per.findData(pay.period))
        self.note.setText(pay.note)
        self.text.setPlainText(terms.text)
        self.set_length(days)

    def _on_start(self, start: QDate) -> None:
        self.ends.setMinimumDate(start.addDays(1))

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _permission_text(self, permission: str) -> tuple[str, str]:
        texts = {
            "view": (
                self.tr("Read"),
                self.tr("They may read the entries. Always allowed: it is what a license gives."),
            ),
            "copy-excerpts": (
                self.tr("Copy passages"),
                self.tr("They may copy passages from the entries into their own documents."),
            ),
            "ai-retrieval": (
                self.tr("AI look-up"),
                self.tr(
                    "An AI assistant may look things up in the entries to answer their questions, "
                    "as a person looks in a manual. It learns nothing from them, and when the "
                    "license ends it can no longer use them."
                ),
            ),
            "ai-training": (
                self.tr("AI training"),
                self.tr(
                    "They may train or fine-tune an AI model on the entries. The model keeps what "
                    "it learned from them for good: ending or revoking the license cannot take "
                    "that back."
                ),
            ),
            "redistribute": (
                self.tr("Pass on"),
                self.tr("They may give the entries to other people or companies."),
            ),
        }
        return texts[permission]

    # -- presets ------------------------------------------------------------------------

    def _load_presets(self, select: str | None = None) -> None:
        session = self._session
        Op(
            self,
            lambda: Presets(session.vault().db).all(),
            lambda presets: self._show_presets(presets, select),
        ).failure(self._preset_failed).run()

    def _show_presets(self, presets: list[Preset], select: str | None) -> None:
        self.presets = presets
        self.preset.clear()
        self.preset.addItem(self.tr("Choose a preset…"), None)
        for preset in presets:
            self.preset.addItem(preset_label(preset), preset)
        index = next((i + 1 for i, p in enumerate(presets) if p.name == select), 0)
        self.preset.setCurrentIndex(index)
        self._on_preset_changed()

    def _preset_failed(self, failure: Failure) -> None:
        self._say(failure.message)
        self._on_preset_changed()

    @property
    def current_preset(self) -> Preset | None:
        value = self.preset.currentData()
        return value if isinstance(value, Preset) else None

    def _on_preset_chosen(self) -> None:
        preset = self.current_preset
        if preset is not None:
            self.set_terms(preset.terms, preset.days)
        self._on_preset_changed()

    def _on_preset_changed(self) -> None:
        preset = self.current_preset
        self.delete_preset.setEnabled(preset is not None and not preset.built_in)

    def ask_save_preset(self) -> None:
        try:
            terms = self.terms()
        except InvalidValue as exc:
            self._say(message(exc))
            return
        current = self.current_preset
        suggested = current.name if current is not None and not current.built_in else ""
        name = AskPresetName.ask(self, suggested[:MAX_NAME])
        if name is None:
            return
        days = min(self.days, MAX_DAYS)
        session = self._session
        Op(
            self,
            lambda: Presets(session.vault().db).save(name, terms, days),
            lambda saved: self._load_presets(select=saved.name),
        ).failure(self._preset_failed).run()

    def ask_delete_preset(self) -> None:
        preset = self.current_preset
        if preset is None or preset.built_in:
            return
        question = self.tr("Delete the preset “{name}”? Licenses already issued keep their terms.")
        if not Confirm.ask(
            self, self.tr("Delete Preset"), question.format(name=preset.name), self.tr("Delete")
        ):
            return
        session = self._session
        Op(
            self,
            lambda: Presets(session.vault().db).delete(preset.name),
            lambda _none: self._load_presets(),
        ).failure(self._preset_failed).run()


def _local_currency() -> str:
    code = QLocale().currencySymbol(QLocale.CurrencySymbolFormat.CurrencyIsoCode)
    return code if len(code) == 3 and code.isalpha() and code.isupper() else "USD"
