"""Save screenshots of the app's main screens, in light and dark, to docs/screenshots/.

    make screenshots          (or: .venv/bin/python docs/screenshots/take.py)

Runs offscreen on a fresh demo vault (fast key derivation: the pictures do
not need a slow one) and drives the real widgets, as a worker would: the
welcome wizard, the unlock screen, the main window with an entry open, a
new checklist's greyed guidance, words found in an entry, the question that
offers an export a new folder, an entry moved to the trash with its Undo,
the keyboard shortcuts, a search in Chinese and one by pinyin initials, an entry's history, an entry's
preview with its task list, links, linking entries and two attached pictures (added to the demo
through the core, the pictures drawn here), the settings; then licensing: each
step of the license wizard (issuing for real, into the temporary folder),
the ledger, the received library with an entry open, the verification
report of a package made here for the demo vault, the audit log and the
contacts. Each screen is shown in English and in Chinese where a Chinese
translation ships.

Chinese text needs a CJK font on the machine taking the pictures (Debian:
fonts-noto-cjk); without one the script stops rather than save boxes.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QCoreApplication,
    QDateTime,
    QEventLoop,
    QIODevice,
    QLocale,
    QPointF,
    QRectF,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QRadialGradient,
)
from PySide6.QtWidgets import QApplication, QWidget

from knowhold.ui.app import APP_NAME, KnowholdApp
from knowhold.ui.dialogs.create_vault import CreateVaultWizard
from knowhold.ui.dialogs.history import HistoryDialog
from knowhold.ui.dialogs.shortcuts import ShortcutsDialog
from knowhold.ui.i18n import ENGLISH, Translations, shipped_languages
from knowhold.ui.licensing.ledger_view import LedgerView
from knowhold.ui.licensing.received_view import ReceivedView
from knowhold.ui.licensing.wizard import LicenseWizard
from knowhold.ui.licensing.wizard_draft import PageId
from knowhold.ui.main_window import MainWindow
from knowhold.ui.models.sidebar import Place
from knowhold.ui.session import VaultSession
from knowhold.ui.settings import Settings, Theme
from knowhold.ui.tasks import Op, TaskRunner
from knowhold.ui.theme import apply_theme
from knowhold.ui.transfer import NewExportFolder
from knowhold.vault.knowledge.demo import DEMO_PASSPHRASE, create_demo
from knowhold.vault.knowledge.entries import EntrySummary
from knowhold.vault.licensing.identity import Identity, PublicIdentity, load_identity
from knowhold.vault.licensing.package import build_package, new_license_id
from knowhold.vault.licensing.payload import LicensedEntry
from knowhold.vault.licensing.terms import Revocation, Terms
from knowhold.vault.store.keys import Argon2Params
from knowhold.vault.store.storage import Vault

OUT = Path(__file__).resolve().parent
NOW = 1_795_000_000  # 2026-11-18: a fixed time, so the pictures do not change by the day
SIZE = (1280, 780)
HOUR = 3_600
DAY = 86_400
WIZARD_SIZE = (1000, 720)  # wide enough for the review's list to show each entry's marks
LOG_SIZE = (1000, 480)  # the audit log's details need the width


def wait_until(done: Callable[[], bool], timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not get there in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def settle(ms: int = 150) -> None:
    """Let layouts, timers (debounces) and repaints run."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def call(parent: QWidget, fn: Callable[[], object]) -> object:
    """Run ``fn`` on the vault worker, as the app does, and wait for its result."""
    box: list[object] = []
    Op(parent, fn, box.append).run()
    wait_until(lambda: bool(box))
    return box[0]


def save(widget: QWidget, name: str) -> Path:
    settle()
    path = OUT / f"{name}.png"
    if not widget.grab().save(str(path), "PNG", 0):  # 0: the smallest file (zlib level 9)
        raise OSError(f"could not write {path}")
    print(f"saved {path.relative_to(OUT.parent.parent)}")
    return path


def encoded(image: QImage, fmt: str) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, fmt):
        raise OSError(f"could not encode a {fmt} picture")
    return bytes(buffer.data().data())


def diagram(steps: list[str]) -> bytes:
    """A flow of boxes joined by arrows, as a worker would sketch a line's stations, as a PNG."""
    box_w, box_h, gap, margin = 120, 54, 44, 16
    width = 2 * margin + len(steps) * box_w + (len(steps) - 1) * gap
    image = QImage(width, 2 * margin + box_h, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont()
    font.setPixelSize(15)
    painter.setFont(font)
    ink = QColor("#2d4a6b")
    for i, step in enumerate(steps):
        left = margin + i * (box_w + gap)
        box = QRectF(left, margin, box_w, box_h)
        painter.setPen(QPen(ink, 2))
        painter.setBrush(QColor("#e4eef8") if i else QColor("#fde9c8"))
        painter.drawRoundedRect(box, 8, 8)
        painter.setPen(ink)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, step)
        if i:
            y = margin + box_h / 2
            start, end = QPointF(left - gap + 6, y), QPointF(left - 6, y)
            painter.setPen(QPen(ink, 2))
            painter.drawLine(start, end)
            head = QPainterPath(end)
            head.lineTo(end.x() - 9, y - 5)
            head.lineTo(end.x() - 9, y + 5)
            head.closeSubpath()
            painter.fillPath(head, ink)
    painter.end()
    return encoded(image, "PNG")


def photo() -> bytes:
    """A made-up photo: an evening sky over a dark skyline, as a JPEG."""
    image = QImage(320, 180, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    sky = QLinearGradient(0, 0, 0, 180)
    sky.setColorAt(0, QColor("#1d3b6f"))
    sky.setColorAt(0.6, QColor("#e98d5a"))
    sky.setColorAt(1, QColor("#f6d28b"))
    painter.fillRect(image.rect(), sky)
    sun = QRadialGradient(QPointF(220, 128), 60)
    sun.setColorAt(0, QColor(255, 244, 214, 255))
    sun.setColorAt(1, QColor(255, 244, 214, 0))
    painter.fillRect(image.rect(), sun)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#20242c"))
    for x, height in ((0, 40), (40, 64), (92, 30), (130, 78), (176, 46), (232, 58), (280, 36)):
        painter.drawRect(QRectF(x, 180 - height, 52, height))
    painter.end()
    return encoded(image, "JPG")


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def has_cjk_font() -> bool:
    return any(
        QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family)
        for family in QFontDatabase.families()
    )


class Shots:
    def __init__(self, app: QApplication, folder: Path, language: str, theme: Theme) -> None:
        self.app = app
        self.folder = folder
        self.prefix = f"{language.replace('_', '-').lower()}-{theme.value}"
        self.theme = theme
        self.chinese = language != ENGLISH

    def name(self, screen: str) -> str:
        return f"{self.prefix}-{screen}"

    def welcome(self) -> None:
        session = VaultSession(self.folder / "new-vault", clock=lambda: NOW)
        wizard = CreateVaultWizard(session, kdf=Argon2Params())
        wizard.resize(640, 500)
        wizard.show()
        save(wizard, self.name("welcome"))
        wizard.close()
        wizard.deleteLater()

    def add_linked_entry(self, vault_path: Path) -> str:
        """Add, through the core, an entry with tasks, links, backlinks and two pictures; its id.

        It links to two demo entries by their titles as the vault has them, and
        to one no entry has; those two link back to it.
        """
        with Vault.open(vault_path, DEMO_PASSPHRASE, clock=lambda: NOW) as vault:
            titles = {entry.title: entry.id for entry in vault.entries.get_many(vault.entries.all_ids())}

            def titled(start: str) -> str:
                return next(title for title in titles if title.startswith(start))

            if self.chinese:
                linked = [titled("开线首件检验清单"), titled("决定：总装线质检")]
                title = "二号线换型交接：看板和照片"
                steps = ["来料", "首件检验", "总装", "巡检"]
                tags = ("产线", "交接班")
                body = (
                    "换型前后交接的几件事，照着看板一项项过。\n\n"
                    "- [x] 上一班的异常记录交到下一班手里\n"
                    "- [x] 首件检验结果贴在看板上\n"
                    "- [ ] 治具点检表签字\n"
                    "- [ ] 换型用时记入换型计时表\n\n"
                    f"首件怎么检见 [[{linked[0]}]]，为什么改成巡检见 [[{linked[1]}]]；"
                    "用时记在 [[换型计时表]]。\n\n"
                    "![](diagram.png) ![[photo.jpg]]\n"
                )
                see_also = "\n\n换型交接见 [[{title}]]。\n"
            else:
                linked = [titled("Why I still keep the shift log"), titled("Decision: policy replies")]
                title = "Line 2 changeover: the handover board"
                steps = ["Receive", "First piece", "Assemble", "Patrol"]
                tags = ("factory", "onboarding")
                body = (
                    "What changes hands at a changeover, in the order of the board.\n\n"
                    "- [x] Last shift's exceptions handed over in person\n"
                    "- [x] First-piece result pinned to the board\n"
                    "- [ ] Fixture check sheet signed\n"
                    "- [ ] Changeover time entered in the timing sheet\n\n"
                    f"Why the log is on paper: [[{linked[0]}]]. Replies to customers come from "
                    f"[[{linked[1]}]]; times go to [[Changeover timing sheet]].\n\n"
                    "![](diagram.png) ![[photo.jpg]]\n"
                )
                see_also = "\n\nAt a changeover, see [[{title}]].\n"
            entry = vault.entries.add("checklist", title, body, tags)
            vault.attachments.add(entry.id, "diagram.png", diagram(steps))
            vault.attachments.add(entry.id, "photo.jpg", photo())
            for other in linked:
                body = vault.entries.get(titles[other]).body.rstrip("\n") + see_also.format(title=title)
                # An hour before the new entry: it heads the list, whichever order equal times take.
                vault.entries.update(titles[other], body=body, updated_at=NOW - HOUR)
        return entry.id

    def main_screens(self, vault_path: Path) -> None:
        linked_entry = self.add_linked_entry(vault_path)
        session = VaultSession(vault_path, clock=lambda: NOW)
        settings = Settings.at(self.folder / f"{self.prefix}.ini")
        shell = KnowholdApp(session, settings, lambda: NOW)
        window = shell.window
        window.resize(*SIZE)
        shell.start()
        shell.unlock_dialog.passphrase.setText("correct horse battery")
        save(shell.unlock_dialog, self.name("unlock"))
        shell.unlock_dialog.unlock_with(DEMO_PASSPHRASE)
        wait_until(lambda: window.isVisible() and window.model.rowCount() > 0)
        wait_until(lambda: window.sidebar.model().rowCount() > 3)

        rows: list[EntrySummary] = [window.model.summary(row) for row in range(window.model.rowCount())]
        chinese = next(row for row in rows if has_cjk(row.title))
        history = max(rows, key=lambda row: row.version)
        window.table.select_entry(chinese.id)
        wait_until(lambda: window.editor.entry_id == chinese.id)
        save(window, self.name("main"))

        self.daily_use(window, linked_entry)
        self.undo_and_shortcuts(window, chinese.id)

        window.table.select_entry(history.id)
        wait_until(lambda: window.editor.entry_id == history.id)
        window.editor.toggle_preview()
        save(window, self.name("preview"))
        window.editor.toggle_preview()

        window.table.select_entry(linked_entry)
        wait_until(lambda: window.editor.entry_id == linked_entry)
        window.editor.toggle_preview()
        pane = window.pane
        # The pictures are read and decoded on the worker once the attachments are listed.
        wait_until(lambda: len(pane.attachments.attachments) == 2 and len(pane.backlinks.linked) == 2)
        wait_until(lambda: window.editor.preview.rendered_text == window.editor.body.toPlainText())
        save(window, self.name("links-and-images"))
        window.editor.toggle_preview()

        dialog = HistoryDialog(session, history.id, history.title, window)
        dialog.show()
        wait_until(lambda: dialog.versions.rowCount() > 1)
        dialog.list.setCurrentIndex(dialog.versions.index(dialog.versions.rowCount() - 1))
        save(dialog, self.name("history"))
        dialog.close()

        window.actions_by_name["settings"].trigger()
        wait_until(lambda: window.settings_dialog is not None and window.settings_dialog.isVisible())
        assert window.settings_dialog is not None
        save(window.settings_dialog, self.name("settings"))
        window.settings_dialog.close()

        window.actions_by_name["my_identity"].trigger()
        identity = window.identity_dialog
        assert identity is not None
        wait_until(lambda: identity.card is not None)
        save(identity, self.name("identity-card"))
        identity.close()

        notes = self.folder / f"{self.prefix}-notes"
        notes.mkdir()
        (notes / "on-call.md").write_text("# On-call handover\n\nRead the last three incidents first.\n")
        (notes / "交接.md").write_text("# 交接班要点\n\n先看上一班的异常记录。\n")
        (notes / "diagram.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
        window.transfers.import_paths([notes])
        wait_until(lambda: window.transfers.summary_dialog is not None)
        save(window.transfers.summary_dialog, self.name("import"))
        window.transfers.summary_dialog.accept()

        window.focus_search()
        window.search_box.setText("复盘")
        wait_until(lambda: window.results.rowCount() > 0)
        window.results_view.select_first()
        save(window, self.name("search"))
        # Pinyin initials as typed: the title's characters they spell are marked.
        window.search_box.setText("fpbg")
        wait_until(lambda: window.results.rowCount() > 0 and window.results.hit(0).title.startswith("复盘"))
        window.results_view.select_first()
        save(window, self.name("search-pinyin"))
        window.search_box.clear()

        self.license_wizard(window, settings)
        self.ledger(window)
        self.received(window)
        self.verify(window, session)

        window.actions_by_name["audit"].trigger()
        audit = window.audit_dialog
        assert audit is not None
        audit.resize(*LOG_SIZE)
        wait_until(lambda: audit.model.rowCount() > 0)
        save(audit, self.name("audit"))
        audit.close()

        window.actions_by_name["contacts"].trigger()
        contacts = window.licensing.contacts_dialog
        assert contacts is not None
        wait_until(lambda: contacts.loaded)
        contacts.table.selectRow(1)  # one not verified yet: Verify… is there to click
        save(contacts, self.name("contacts"))
        contacts.close()

        shell.close_windows()
        call(window, session.lock)
        shell.deleteLater()

    def daily_use(self, window: MainWindow, entry_id: str) -> None:
        """A new checklist with its guidance greyed, words found in an entry, the export's new folder."""
        pane = window.pane
        pane.new_entry("checklist", [])
        save(window, self.name("new-from-template"))

        window.table.clearSelection()  # the entry may be the one selected before the new one
        window.table.select_entry(entry_id)
        wait_until(lambda: window.editor.entry_id == entry_id)
        pane.find_in_entry()
        pane.find_bar.field.setText("换型" if self.chinese else "board")
        pane.find_bar.next()
        save(window, self.name("find-in-entry"))
        pane.find_bar.close_bar()

        chosen = Path.home() / ("文档" if self.chinese else "Documents")
        day = QDateTime.fromSecsSinceEpoch(NOW).date().toString(Qt.DateFormat.ISODate)
        inside = chosen / window.transfers.tr("Knowhold export {date}").format(date=day)
        box, _accept = NewExportFolder.box(window, chosen, inside)
        box.show()
        save(box, self.name("export-new-folder"))
        box.close()
        box.deleteLater()

    def undo_and_shortcuts(self, window: MainWindow, entry_id: str) -> None:
        """An entry moved to the trash with Undo in the status bar, then back; the shortcut list."""
        window.table.select_entry(entry_id)
        wait_until(lambda: window.editor.entry_id == entry_id)
        window.actions_by_name["delete"].trigger()
        wait_until(window.undo_trash.offer.isVisible)
        save(window, self.name("undo-trash"))
        window.undo_trash.undo()
        wait_until(lambda: window.model.row_of(entry_id) is not None)

        window.actions_by_name["shortcuts"].trigger()
        dialog = window.findChild(ShortcutsDialog)
        assert dialog is not None
        save(dialog, self.name("shortcuts"))
        dialog.close()

    def license_wizard(self, window: MainWindow, settings: Settings) -> None:
        """The six steps, opened on a tag as from the sidebar, and a license issued for real."""
        window.license_entries([], "billing")  # the demo's fake customer address is among them
        wizard = window.licensing.wizard
        assert wizard is not None
        wizard.resize(*WIZARD_SIZE)
        wait_until(lambda: wizard.recipient_page.loaded and wizard.selection_page.loaded)
        wait_until(lambda: bool(wizard.terms_page.presets))

        contacts = wizard.recipient_page.contacts
        items = [contacts.item(row) for row in range(contacts.count())]
        contacts.setCurrentItem(next(item for item in items if "Acme" in item.text()))
        save(wizard, self.name("license-wizard-1-recipient"))

        self.next_page(wizard, PageId.SELECTION)
        save(wizard, self.name("license-wizard-2-entries"))

        self.next_page(wizard, PageId.TERMS)
        terms = wizard.terms_page
        terms.uses["ai-retrieval"].click()
        terms.human_review.click()
        terms.length_buttons[90].click()
        terms.attribution.setText("Demo worker")
        terms.amount.setText("1200")
        terms.currency.setCurrentText("CNY")
        terms.per.setCurrentIndex(terms.per.findData("month"))
        save(wizard, self.name("license-wizard-3-terms"))

        self.next_page(wizard, PageId.REVOCATION)
        wizard.revocation_page.url.setText("https://demo.example.org/knowhold.status")
        save(wizard, self.name("license-wizard-4-revocation"))

        self.next_page(wizard, PageId.REVIEW)
        review = wizard.review_page
        # It opens on the first entry with findings: the sample holding a customer's address.
        wait_until(lambda: review.review is not None)
        # The customer's address, near the end, marked as a search marks it.
        bar = review.preview.verticalScrollBar()
        bar.setValue(bar.maximum())
        review.preview.find("[REDACTED EMAIL]")
        save(wizard, self.name("license-wizard-5-review"))

        self.next_page(wizard, PageId.SAVE)
        # What the save dialog offers first, in a folder of this run's own.
        packages = self.folder / f"{self.prefix}-packages"
        packages.mkdir()
        settings.package_folder = str(packages)
        wizard.save_page.issue(wizard.save_page.suggested_path())
        wait_until(lambda: wizard.currentId() == PageId.DONE)
        save(wizard, self.name("license-wizard-6-saved"))
        wizard.close()

    @staticmethod
    def next_page(wizard: LicenseWizard, expected: PageId) -> None:
        wizard.next()
        wait_until(lambda: wizard.currentId() == expected)

    def ledger(self, window: MainWindow) -> None:
        """The Issued place, one license chosen."""
        window.show_place(Place.ISSUED)
        view = window.licensing.places.made(Place.ISSUED)
        assert isinstance(view, LedgerView)
        wait_until(lambda: view.model.rowCount() > 0)
        # The demo's license paid per month (the most entries); licenses issued in the same
        # second are listed in no fixed order, so it is found, not counted to.
        row = max(range(view.model.rowCount()), key=lambda r: view.model.line(r).signed.entries)
        view.table.selectRow(row)
        wanted = view.model.line(row).license_id

        def shown() -> bool:
            details = view.detail.details
            return details is not None and details.record.license_id == wanted

        wait_until(shown)
        save(window, self.name("ledger"))

    def received(self, window: MainWindow) -> None:
        """The Received place, the colleague's license chosen and an entry open under its banner."""
        window.show_place(Place.RECEIVED)
        view = window.licensing.places.made(Place.RECEIVED)
        assert isinstance(view, ReceivedView)
        wait_until(lambda: view.model.rowCount() > 0)
        view.table.selectRow(0)
        wait_until(lambda: view.record is not None)
        pane = view.pane
        # In the Chinese pictures, the colleague's note written in Chinese.
        entries = [pane.entries.index(row, 0) for row in range(pane.entries.rowCount())]
        pane.entry_list.setCurrentIndex(next(i for i in entries if has_cjk(str(i.data())) == self.chinese))
        wait_until(lambda: pane.reader.entry is not None)
        save(window, self.name("received"))
        window.show_place(None)

    def verify(self, window: MainWindow, session: VaultSession) -> None:
        """The report of a package another worker made for the demo vault, opened as a dropped file."""
        me = call(window, lambda: load_identity(session.vault().db).public)
        assert isinstance(me, PublicIdentity)
        path = self.folder / f"{self.prefix}-packages" / "Wang-Fang-2026-11-18.knowhold"
        path.write_bytes(package_for(me))
        window.open_package(path)
        report = window.licensing.reports[-1]
        wait_until(lambda: report.examined is not None)
        save(report, self.name("verify"))
        report.close()


def package_for(licensee: PublicIdentity) -> bytes:
    """A package from a worker the demo vault has never met: its report asks to compare fingerprints."""
    licensor = Identity.generate("王芳 Wang Fang", created_at=NOW - 30 * DAY)
    notes = [
        LicensedEntry(
            "shots01",
            3,
            "playbook",
            "Month-end close: the three reconciliations that catch most errors",
            "1. Bank against ledger, daily balances, not the month's total.\n"
            "2. Intercompany: both sides on the same day's rate.\n"
            "3. Accruals reversed on the 1st, checked on the 5th.\n",
            ("finance", "month-end"),
        ),
        LicensedEntry(
            "shots02",
            1,
            "heuristic",
            "供应商发票：先对订单号，再对金额",
            "订单号对不上的发票先退回，不要在系统里手工改。\n",
            ("财务", "发票"),
        ),
    ]
    data, _ = build_package(
        licensor,
        licensee,
        notes,
        license_id=new_license_id(),
        issued_at=NOW,
        not_before=NOW,
        expires_at=NOW + 180 * DAY,
        terms=Terms.make(
            allow=["ai-retrieval"],
            human_review=True,
            attribution="王芳 Wang Fang",
            fee=("3000", "CNY"),
            per="year",
        ),
        revocation=Revocation.make("https://wangfang.example.org/knowhold.status", 7 * DAY),
    )
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--theme", choices=[t.value for t in (Theme.LIGHT, Theme.DARK)], action="append")
    args = parser.parse_args()
    themes = [Theme(value) for value in args.theme] if args.theme else [Theme.LIGHT, Theme.DARK]

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # read when the application starts
    app = QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    if not has_cjk_font():
        print("No font with Chinese characters is installed (Debian: fonts-noto-cjk).", file=sys.stderr)
        return 1
    runner = TaskRunner().install()
    translations = Translations()
    try:
        with tempfile.TemporaryDirectory(prefix="knowhold-shots-") as tmp:
            folder = Path(tmp)
            for language in sorted(shipped_languages(), key=lambda lang: lang != ENGLISH):
                translations.install(app, language)
                # Dates and numbers as a reader of that language sees them.
                QLocale.setDefault(QLocale("en_GB" if language == ENGLISH else language))
                for theme in themes:
                    apply_theme(app, theme)
                    shots = Shots(app, folder, language, theme)
                    shots.welcome()
                    # A demo vault of its own: the import shown in one run stays out of the next.
                    vault_path = folder / f"{shots.prefix}-demo"
                    create_demo(vault_path, clock=lambda: NOW, kdf=Argon2Params())
                    shots.main_screens(vault_path)
    finally:
        runner.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
