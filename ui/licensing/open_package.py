"""Opening a license package: the verification report, then "Add to My Library".

The employer reads, before anything is stored, what the core's
``verify_package`` found, check by check in plain words (its own detail
beneath, as the command line prints it), who signed it, and the terms in
full. Nothing is written until "Add to My Library"; closing stores nothing.

* **Read once, bounded.** The file is read on the worker, refused from its
  size alone when larger than any package can be; the bytes verified are
  the bytes added, so a file swapped on disk meanwhile changes nothing.
* **A failed check is final.** One that the library would refuse anyway
  (damaged or altered, another vault's, ended, revoked, a wrong clock) is
  shown in red and no button stores it. Two only lock the content, as the
  library does: a license not started yet, or one whose status is too old.
* **An unknown licensor.** Anyone can make a key and sign in any name, so
  the report shows the fingerprint and asks the employer to compare it with
  the licensor aloud or on paper, then type what they read out ("Verify"),
  or to choose, on purpose, to trust it without. The core pins the key
  (``Library.ingest(trust=True)``) and marks it verified when compared.

Every name, id and sentence in a package came from its licensor: all of it
is shown as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.licensing.check_words import CAUTION, MARKS, TRUST, check_words, is_final
from knowhold.ui.licensing.chosen_file import Unreadable, read_chosen
from knowhold.ui.licensing.terms_view import TermsView
from knowhold.ui.session import VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.tasks import Failure, Op
from knowhold.ui.theme import error_colour
from knowhold.ui.widgets.form_parts import code_font, plain_label
from knowhold.vault.errors import InvalidValue
from knowhold.vault.i18n import say
from knowhold.vault.licensing.identity import Contacts, fingerprint_matches
from knowhold.vault.licensing.manifest import Manifest
from knowhold.vault.licensing.package import MAX_FILE, PACKAGE_SUFFIX, parse_package
from knowhold.vault.licensing.received import Library, ReceivedRecord
from knowhold.vault.licensing.verify import Check, VerifyReport, verify_package

REPORT_SIZE = QSize(1040, 720)  # the checks and the terms side by side
COMPACT_WIDTH = 640  # a file that is no usable package: its one line and one check


def is_package(path: Path) -> bool:
    """Whether a file dropped or named is meant as a license package (by its name alone)."""
    return path.suffix.lower() == PACKAGE_SUFFIX


@dataclass(frozen=True, slots=True)
class Examined:
    """A package read and verified against this vault; nothing was stored."""

    data: bytes
    report: VerifyReport
    manifest: Manifest | None  # None when it did not parse (the format check says why)

    @property
    def blocking(self) -> Check | None:
        """The first failed check that no choice here can get past, if any."""
        return next((c for c in self.report.checks if is_final(c)), None)

    @property
    def needs_trust(self) -> bool:
        return any(c.name == TRUST and c.ok is False for c in self.report.checks)


def examine(session: VaultSession, path: Path) -> Examined | Unreadable:
    """Read ``path`` (bounded) and verify it against the open vault. Worker thread only."""
    data = read_chosen(path, MAX_FILE)
    if isinstance(data, Unreadable):
        return data
    report = verify_package(data, vault=session.vault(), status=None, at=None)
    # What the report names (licensor, dates), read again from the bytes it judged.
    manifest = parse_package(data).manifest if report.license_id is not None else None
    return Examined(data, report, manifest)


def add_to_library(
    session: VaultSession, data: bytes, *, trust: bool, compared: str | None
) -> ReceivedRecord:
    """Ingest the package (pinning an unknown licensor when ``trust``); mark them verified when
    ``compared`` is the fingerprint they read out. Worker thread only."""
    vault = session.vault()
    record = Library(vault).ingest(data, trust=trust)
    if compared is not None:
        Contacts(vault.db).verify(record.licensor.name, compared)
    return record


@dataclass(frozen=True, slots=True)
class CheckRow:
    """The labels of one check in the report."""

    mark: QLabel
    title: QLabel
    sentence: QLabel
    detail: QLabel


class OpenPackageDialog(QDialog):
    """The verification report of one package file, and the way to add it to the library."""

    ingested = Signal(str)
    """The license id, once the package is in the library."""

    def __init__(self, session: VaultSession, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.path = path
        self.examined: Examined | None = None
        self._compared: str | None = None  # the fingerprint typed, once it matched
        self.setWindowTitle(self.tr("Open License"))

        self.headline = plain_label(self.tr("Checking {file}…").format(file=path.name))
        headline_font = self.headline.font()
        headline_font.setPointSizeF(headline_font.pointSizeF() * 1.25)
        headline_font.setWeight(QFont.Weight.DemiBold)
        self.headline.setFont(headline_font)
        self.headline.setAccessibleName(self.tr("Verdict"))
        self.file_label = plain_label(str(path))

        self.licensor = plain_label("")
        self.fingerprint = QLabel()
        self.fingerprint.setTextFormat(Qt.TextFormat.PlainText)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setFont(code_font(scale=1.2, spacing=0.5))
        self.license_id = plain_label("")
        self.license_id.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.entry_count = plain_label("")
        self.about = QWidget()
        about = QGridLayout(self.about)
        about.setContentsMargins(0, 0, 0, 0)
        about.setColumnStretch(1, 1)
        rows = (
            (self.tr("Licensor:"), self.licensor),
            (self.tr("Fingerprint:"), self.fingerprint),
            (self.tr("License:"), self.license_id),
            (self.tr("Entries:"), self.entry_count),
        )
        for row, (caption, field) in enumerate(rows):  # one line each: centred, whatever the script
            about.addWidget(QLabel(caption), row, 0, Qt.AlignmentFlag.AlignVCenter)
            about.addWidget(field, row, 1, Qt.AlignmentFlag.AlignVCenter)
        self.about.hide()

        self.checks_box = QGroupBox(self.tr("Checks"))
        self.checks = QGridLayout(self.checks_box)
        self.checks.setColumnStretch(2, 1)
        self.check_rows: dict[str, CheckRow] = {}
        self.checks_box.hide()
        self.terms_box = QGroupBox(self.tr("Terms"))
        self.terms = TermsView()
        QVBoxLayout(self.terms_box).addWidget(self.terms)
        self.terms_box.hide()
        report = QWidget()
        columns = QHBoxLayout(report)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(self.checks_box, 1, Qt.AlignmentFlag.AlignTop)
        columns.addWidget(self.terms_box, 1, Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(report)

        self.trust_box = self._trust_box()
        self.trust_box.hide()
        self.message = plain_label("")
        self.message.setAccessibleName(self.tr("Result"))
        self.message.hide()

        self.add_button = QPushButton(self.tr("&Add to My Library"))
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self.add)
        close = QPushButton(self.tr("Close"))
        buttons = QDialogButtonBox()
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        for button in (self.add_button, close):
            button.setAutoDefault(False)  # Enter never stores a package: Add is clicked on purpose

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.file_label)
        layout.addWidget(self.about)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.trust_box)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(REPORT_SIZE)

        Op(self, lambda: examine(session, path), self._show).failure(self._failed).run()

    def _trust_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Before you trust this licensor"))
        self.trust_explain = plain_label("")
        self.trust_fingerprint = QLabel()
        self.trust_fingerprint.setTextFormat(Qt.TextFormat.PlainText)
        self.trust_fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.trust_fingerprint.setFont(code_font(scale=1.5, spacing=1.0))
        self.trust_fingerprint.setAccessibleName(self.tr("The licensor's fingerprint"))
        self.compare_edit = QLineEdit()
        self.compare_edit.setPlaceholderText(self.tr("The fingerprint they read out"))
        self.compare_edit.setAccessibleName(self.tr("Fingerprint read out by the licensor"))
        self.compare_edit.setFont(code_font(scale=1.0, spacing=0.5))
        self.compare_edit.textChanged.connect(self._typed)
        self.compare_edit.returnPressed.connect(self.compare)
        self.verify_button = QPushButton(self.tr("&Verify"))
        self.verify_button.setAutoDefault(False)
        self.verify_button.clicked.connect(self.compare)
        self.compare_result = plain_label("")
        self.compare_result.hide()
        self.trust_anyway = QCheckBox(self.tr("&Trust without verifying"))
        self.trust_anyway.toggled.connect(self._update_add)
        row = QHBoxLayout()
        row.addWidget(self.compare_edit, 1)
        row.addWidget(self.verify_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.trust_explain)
        layout.addWidget(self.trust_fingerprint)
        layout.addLayout(row)
        layout.addWidget(self.compare_result)
        layout.addWidget(self.trust_anyway)
        return box

    # -- the report ---------------------------------------------------------------------

    def _show(self, result: Examined | Unreadable) -> None:
        if isinstance(result, Unreadable):
            self._refuse(self._unreadable_text(result))
            self._compact()
            return
        self.examined = result
        manifest = result.manifest
        if manifest is None:  # nothing in it could be read but why: that one check alone
            self._show_checks([c for c in result.report.checks if c.ok is False])
            self._refuse_for(result.report.checks[0])
            self._compact()
            return
        self._show_about(manifest)
        self._show_checks(list(result.report.checks))
        self.terms.set_terms(manifest.terms, starts=manifest.not_before, ends=manifest.expires_at)
        self.terms_box.show()
        blocking = result.blocking
        if blocking is not None:
            self._refuse_for(blocking)
        elif result.needs_trust:
            self.headline.setText(
                self.tr("This license is genuine, but {name} is not one of your contacts yet.").format(
                    name=manifest.licensor.name
                )
            )
            self.trust_explain.setText(
                self.tr(
                    "Anyone can make a key and sign a package in any name. Ask {name} to read their "
                    "fingerprint out to you, in person or by phone, never through the channel that "
                    "brought this file, and type what they read. The package's fingerprint is:"
                ).format(name=manifest.licensor.name)
            )
            self.trust_fingerprint.setText(manifest.licensor.fingerprint)
            self.trust_box.show()
        else:
            self.headline.setText(
                self.tr(
                    "This license is genuine and made for you. Read the terms, then add it to your library."
                )
            )
        self._update_add()

    def _show_about(self, manifest: Manifest) -> None:
        self.licensor.setText(manifest.licensor.name)
        self.fingerprint.setText(manifest.licensor.fingerprint)
        self.license_id.setText(manifest.license_id)
        self.entry_count.setText(self.tr("%n entries", "", len(manifest.entries)))
        self.about.show()

    def _show_checks(self, checks: list[Check]) -> None:
        red = f"color: {error_colour(self).name()};"
        top = Qt.AlignmentFlag.AlignTop
        for row, check in enumerate(checks):
            name, sentence = check_words(check)
            final = is_final(check)
            mark = QLabel(CAUTION if check.ok is False and not final else MARKS[check.ok])
            title = QLabel(name)
            bold = title.font()
            bold.setWeight(QFont.Weight.DemiBold)
            title.setFont(bold)
            said = plain_label(sentence)
            said.setVisible(bool(sentence))
            # Beneath, smaller: the core's own words, as the command line prints them: in the app's
            # language (the core's catalogue speaks it, ui/i18n.py), names and times as they are.
            detail = plain_label(say(check.detail))
            small = detail.font()
            small.setPointSizeF(small.pointSizeF() * 0.9)
            detail.setFont(small)
            detail.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            if final:
                for label in (mark, title, said, detail):
                    label.setStyleSheet(red)
            lines = QVBoxLayout()
            lines.setSpacing(0)
            lines.addWidget(said)
            lines.addWidget(detail)
            self.checks.addWidget(mark, row, 0, top)
            self.checks.addWidget(title, row, 1, top)
            self.checks.addLayout(lines, row, 2, top)
            self.check_rows[check.name] = CheckRow(mark, title, said, detail)
        self.checks_box.show()

    def _compact(self) -> None:
        # No terms to read: a short report needs no room for them.
        self.resize(COMPACT_WIDTH, self.sizeHint().height())

    def _refuse_for(self, check: Check) -> None:
        failed = self.tr("Nothing can be added from this file: the check “{check}” failed.")
        self._refuse(failed.format(check=check_words(check)[0]))

    def _refuse(self, text: str) -> None:
        self.headline.setText(text)
        self.headline.setStyleSheet(f"color: {error_colour(self).name()};")
        self.add_button.hide()  # nothing here can be stored

    def _unreadable_text(self, why: Unreadable) -> str:
        name = self.path.name
        if why is Unreadable.MISSING:
            return self.tr("There is no file at {path}.").format(path=self.path)
        if why is Unreadable.FOLDER:
            return self.tr("{name} is a folder, not a license package.").format(name=name)
        if why is Unreadable.TOO_LARGE:
            return self.tr("{name} is larger than any license package can be.").format(name=name)
        return self.tr("{name} cannot be read: you may not have permission to open it.").format(name=name)

    def _failed(self, failure: Failure) -> None:
        self._refuse(failure.message)

    # -- trusting the licensor -------------------------------------------------------

    def _typed(self) -> None:
        self._compared = None
        self.compare_result.hide()
        self._update_add()

    def compare(self) -> None:
        """Compare the fingerprint typed with the licensor's (nothing is stored until Add)."""
        examined = self.examined
        if examined is None or examined.manifest is None:
            return
        licensor = examined.manifest.licensor
        typed = self.compare_edit.text()
        try:
            matches = fingerprint_matches(licensor, typed)
        except InvalidValue:
            self._say_compared(
                self.tr("That is not a fingerprint: it has 8 groups of 4 letters and digits."), ok=False
            )
            return
        if matches:
            self._compared = typed
            self._say_compared(
                self.tr("The fingerprints match: {name} will be added to your contacts as verified.").format(
                    name=licensor.name
                ),
                ok=True,
            )
        else:
            self._say_compared(
                self.tr(
                    "The fingerprints do not match. Do not trust this package: someone other than {name} "
                    "may have made it."
                ).format(name=licensor.name),
                ok=False,
            )
        self._update_add()

    def _say_compared(self, text: str, *, ok: bool) -> None:
        self.compare_result.setText(text)
        self.compare_result.setStyleSheet("" if ok else f"color: {error_colour(self).name()};")
        self.compare_result.show()

    def _update_add(self) -> None:
        examined = self.examined
        trusted = examined is not None and (
            not examined.needs_trust or self._compared is not None or self.trust_anyway.isChecked()
        )
        can_add = examined is not None and examined.manifest is not None and examined.blocking is None
        self.add_button.setEnabled(can_add and trusted)

    # -- adding ----------------------------------------------------------------------

    def add(self) -> None:
        """Store the package in the library, exactly the bytes verified above."""
        examined = self.examined
        if examined is None or not self.add_button.isEnabled():
            return
        self.add_button.setEnabled(False)
        session, data = self._session, examined.data
        trust, compared = examined.needs_trust, self._compared
        Op(self, lambda: add_to_library(session, data, trust=trust, compared=compared), self._added).failure(
            self._add_failed
        ).run()

    def _added(self, record: ReceivedRecord) -> None:
        if not record.changed:
            self._say(self.tr("This license is already in your library; nothing changed."), error=False)
            return
        self.ingested.emit(record.license_id)
        self.accept()

    def _add_failed(self, failure: Failure) -> None:
        self._say(failure.message, error=True)
        self._update_add()

    def _say(self, text: str, *, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {error_colour(self).name()};" if error else "")
        self.message.show()


def show_package(parent: QWidget, session: VaultSession, path: Path) -> OpenPackageDialog:
    """The report for ``path``, window-modal over ``parent`` and deleted when closed."""
    dialog = OpenPackageDialog(session, path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def ask_open_package(parent: QWidget, session: VaultSession, settings: Settings) -> OpenPackageDialog | None:
    """File ▸ Open License…: choose a package (from the folder used last), then its report."""
    start = Path(settings.package_folder) if settings.package_folder else None
    path = Choose.package_to_open(parent, start)
    if path is None:
        return None
    settings.package_folder = str(path.parent)
    return show_package(parent, session, path)
