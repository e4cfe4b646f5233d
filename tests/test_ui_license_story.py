"""The licensing story played through the app's widgets, with two real vaults in one run (issue 9).

Li Wei, the worker, and Acme Support, the employer, each run Knowhold on a
vault of their own: two whole apps (unlock dialog and main window), one
serial worker and one clock for both. Everything a person does is done to
the widgets: menus, buttons, fields, lists, rows clicked, files dropped on a
window. The file dialogs, which a test cannot drive, answer with the path
the person would choose (``Choose``, as the other tests replace it). The
core is called only to make the two vaults and to check results afterwards.

1. The whole story: entries written in the editor, a card exported and
   added with its fingerprint compared, a license issued through the wizard
   with an e-mail address in a tag redacted, the package dropped on the
   employer's window, verified, added, read and accepted, the receipt
   imported, the license revoked and the status published to a folder a
   local web server serves, and the employer's refresh destroying the content.
2. Expiry: a 30-day license, the clock moved past its end; both apps lock
   by themselves (a month without input), and once unlocked the employer's
   library says the content was destroyed and the worker's ledger says expired.
3. A package altered on its way: the report shows the check that failed in
   red, offers no way to add it, and the vault is exactly as it was.
"""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
    QWizard,
)

from knowhold.ui import tasks
from knowhold.ui.app import KnowholdApp
from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.licensing import ledger_view, publisher
from knowhold.ui.licensing.add_contact import AddContactDialog, Comparison
from knowhold.ui.licensing.ledger_model import LedgerColumn
from knowhold.ui.licensing.ledger_view import LedgerView
from knowhold.ui.licensing.open_package import OpenPackageDialog
from knowhold.ui.licensing.publisher import PublishOffer
from knowhold.ui.licensing.received_model import ReceivedColumn
from knowhold.ui.licensing.received_view import ReceivedView
from knowhold.ui.licensing.wizard import LicenseWizard
from knowhold.ui.licensing.wizard_draft import PageId
from knowhold.ui.licensing.wizard_review import ITEM_ROLE, Decision
from knowhold.ui.main_window import MainWindow
from knowhold.ui.models.entry_list import Column
from knowhold.ui.models.sidebar import COUNT_ROLE, Place
from knowhold.ui.session import VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.tasks import Op
from knowhold.vault import Vault
from knowhold.vault.licensing.identity import Contacts, Identity, PublicIdentity, load_identity
from knowhold.vault.licensing.ledger import Ledger
from knowhold.vault.licensing.package import parse_package
from knowhold.vault.licensing.received import Library
from tests.conftest import FAST_KDF, PASSPHRASE, START, UI_WAIT_MS, FakeClock
from tests.licensing_kit import DAY, flipped, make_package, snapshot

T = TypeVar("T")

EMAIL = "li.wei@example.com"
WORKER = "worker"
EMPLOYER = "employer"


# -- the two vaults and the two apps -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Parties:
    worker: Identity  # Li Wei's keys, for the package altered on its way (the third test)
    employer: PublicIdentity  # Acme Support's card, which that package is sealed to


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Parties]:
    """Two closed vaults, strangers to each other and empty: each test copies them."""
    folder = tmp_path_factory.mktemp("story-template")
    identities: dict[str, Identity] = {}
    for folder_name, name in ((WORKER, "Li Wei"), (EMPLOYER, "Acme Support")):
        vault = Vault.create(
            folder / folder_name, PASSPHRASE, clock=FakeClock(), name=name, kdf=FAST_KDF
        ).vault
        try:
            identities[folder_name] = load_identity(vault.db)
        finally:
            vault.close()
    return folder, Parties(identities[WORKER], identities[EMPLOYER].public)


def type_passphrase(qtbot, app: KnowholdApp) -> None:
    """Unlock at the unlock dialog, as a person does, and wait for the window's first page."""
    dialog = app.unlock_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=UI_WAIT_MS)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    window = app.window
    qtbot.waitUntil(
        lambda: window.isVisible() and window.pages.currentWidget() is not window.loading, timeout=UI_WAIT_MS
    )
    qtbot.waitUntil(lambda: window.sidebar.sidebar_model.rowCount() > 0, timeout=UI_WAIT_MS)


@pytest.fixture
def start_app(
    qtbot, runner, template, tmp_path: Path, clock: FakeClock
) -> Iterator[Callable[[str], KnowholdApp]]:
    """Starts the whole app on a copy of one of the template's vaults and unlocks it."""
    apps: list[KnowholdApp] = []

    def start(name: str) -> KnowholdApp:
        path = tmp_path / name
        shutil.copytree(template[0] / name, path)
        app = KnowholdApp(VaultSession(path, clock), Settings.at(tmp_path / f"{name}.ini"), clock)
        qtbot.addWidget(app.window)
        qtbot.addWidget(app.unlock_dialog)
        apps.append(app)
        app.start()
        type_passphrase(qtbot, app)
        return app

    yield start
    for app in apps:
        app.close_windows()
    runner.shutdown()  # queued work finishes before the vaults close
    for app in apps:
        app.session.lock()


@pytest.fixture
def parties(template: tuple[Path, Parties]) -> Parties:
    return template[1]


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every warning box the story would have shown (none, if all goes well), instead of shown."""
    said: list[str] = []
    for module in (tasks, ledger_view, publisher):
        monkeypatch.setattr(module, "warn", lambda _parent, _title, text: said.append(text))
    return said


@pytest.fixture
def answer(monkeypatch: pytest.MonkeyPatch) -> Callable[[str, Callable[..., Path]], list[tuple[object, ...]]]:
    """Makes a file dialog (a ``Choose`` method) answer as the person would; what it was asked."""

    def replace(method: str, chosen: Callable[..., Path]) -> list[tuple[object, ...]]:
        asked: list[tuple[object, ...]] = []

        def ask(_cls: type[Choose], _parent: QWidget | None, *args: object) -> Path:
            asked.append(args)
            return chosen(*args)

        monkeypatch.setattr(Choose, method, classmethod(ask))
        return asked

    return replace


class StatusServer:
    """A folder served over HTTP on this computer: where the worker's status is "web-published"."""

    def __init__(self, folder: Path) -> None:
        class Quiet(SimpleHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

        self.folder = folder
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/knowhold.status"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def status_server(tmp_path: Path) -> Iterator[StatusServer]:
    folder = tmp_path / "public"
    folder.mkdir()
    server = StatusServer(folder)
    yield server
    server.close()


# -- doing things to widgets -------------------------------------------------------------------


def on_worker(qtbot, app: KnowholdApp, fn: Callable[[Vault], T]) -> T:
    """``fn(vault)`` on the app's worker, where the app's own calls run: to check results."""
    done: list[T] = []
    session = app.session
    Op(None, lambda: fn(session.vault()), done.append).run()
    qtbot.waitUntil(lambda: bool(done), timeout=UI_WAIT_MS)
    return done[0]


def click_index(
    qtbot, view: QAbstractItemView, index: QModelIndex, modifier=Qt.KeyboardModifier.NoModifier
) -> None:
    assert index.isValid()
    view.scrollTo(index)
    centre = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, pos=centre)


def click_item(qtbot, widget: QListWidget, item: QListWidgetItem) -> None:
    qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=widget.visualItemRect(item).center())


def open_place(qtbot, window: MainWindow, place: Place) -> QWidget:
    """Click the place's row in the sidebar; its view, in front."""
    model = window.sidebar.sidebar_model
    row = model.row_of(place)
    assert row is not None
    click_index(qtbot, window.sidebar, model.index(row))
    view = window.licensing.places.made(place)
    assert view is not None and window.content.currentWidget() is view
    return view


def drop_file(widget: QWidget, path: Path) -> None:
    """Drag a local file over ``widget`` and drop it, as from a file manager."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    action, button, mods = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(40, 40), action, mime, button, mods)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(40, 40), action, mime, button, mods)
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted()


def choose(combo: QComboBox, value: object) -> None:
    """Pick the item whose data is ``value``, as a person does (``activated`` follows only that)."""
    index = combo.findData(value)
    assert index >= 0
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def cell_texts(model: QAbstractItemModel) -> Iterator[str]:
    """What each cell of ``model`` shows and its tooltip."""
    for row in range(model.rowCount()):
        column = 0
        while model.hasIndex(row, column):  # cell by cell: a list model hides its column count from Python
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                yield str(index.data(role) or "")
            column += 1


def shown_text(root: QWidget) -> str:
    """Every text ``root`` shows: labels, buttons, fields, documents, list and table cells, tooltips."""
    parts: list[str] = [root.toolTip()]
    for widget in root.findChildren(QWidget):
        parts.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            parts.append(widget.text())
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            parts.append(widget.toPlainText())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            parts.extend(cell_texts(widget.model()))
    return "\n".join(parts)


def write_entry(qtbot, window: MainWindow, kind: str, title: str, body: str, tags: str) -> None:
    """Entry ▸ New, then the kind chosen and the title, text and tags typed."""
    window.actions_by_name["new"].trigger()
    editor = window.editor
    choose(editor.kind, kind)
    qtbot.keyClicks(editor.title, title)
    qtbot.keyClick(editor.body, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # the kind's template…
    assert editor.body.textCursor().selectedText()
    qtbot.keyClicks(editor.body, body)  # …written over
    qtbot.keyClicks(editor.tags, tags)


def row_of_title(window: MainWindow, title: str) -> int:
    model = window.model
    return next(row for row in range(model.rowCount()) if model.summary(row).title == title)


def wizard_of(qtbot, window: MainWindow) -> LicenseWizard:
    wizard = window.licensing.wizard
    assert wizard is not None and wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.recipient_page.loaded and wizard.selection_page.loaded, timeout=UI_WAIT_MS)
    return wizard


def next_page(qtbot, wizard: LicenseWizard, expected: PageId) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled()
    button.click()
    qtbot.waitUntil(lambda: wizard.currentId() == expected, timeout=UI_WAIT_MS)


def save_package(qtbot, wizard: LicenseWizard, answer, outbox: Path) -> Path:
    """Save License… into ``outbox`` under the name suggested; the package file."""
    asked = answer("package_to_save", lambda suggested: outbox / suggested.name)
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentId() == PageId.DONE, timeout=UI_WAIT_MS)
    package = wizard.done_page.package
    assert len(asked) == 1 and package is not None and package.parent == outbox and package.is_file()
    assert "File ▸ Open License…" in wizard.done_page.message.toPlainText()  # what to tell them
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=UI_WAIT_MS)
    return package


def report_of(qtbot, window: MainWindow) -> OpenPackageDialog:
    """The verification report the window just opened, once its checks are shown."""
    qtbot.waitUntil(lambda: bool(window.licensing.reports), timeout=UI_WAIT_MS)
    report = window.licensing.reports[-1]
    qtbot.waitUntil(lambda: report.examined is not None or report.add_button.isHidden(), timeout=UI_WAIT_MS)
    assert report.isVisible()
    return report


def added(qtbot, window: MainWindow, report: OpenPackageDialog) -> ReceivedView:
    """Add to My Library: the report closes and the window brings the received library forward."""
    with qtbot.waitSignal(report.ingested, timeout=UI_WAIT_MS):
        report.add_button.click()
    qtbot.waitUntil(lambda: window.sidebar.current_place is Place.RECEIVED, timeout=UI_WAIT_MS)
    view = window.licensing.places.made(Place.RECEIVED)
    assert isinstance(view, ReceivedView) and window.content.currentWidget() is view
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=UI_WAIT_MS)
    return view


def choose_license(qtbot, view: ReceivedView) -> None:
    click_index(qtbot, view.table, view.proxy.index(0, ReceivedColumn.LICENSOR))
    qtbot.waitUntil(lambda: view.record is not None, timeout=UI_WAIT_MS)


def open_received_entry(qtbot, view: ReceivedView, title: str) -> None:
    entries = view.pane.entries
    row = next(r for r in range(entries.rowCount()) if entries.index(r, 0).data() == title)
    click_index(qtbot, view.pane.entry_list, entries.index(row, 0))
    qtbot.waitUntil(lambda: view.pane.reader.title.text() == title, timeout=UI_WAIT_MS)


def place_count(window: MainWindow, place: Place) -> int:
    """The count beside a place's row in the sidebar."""
    model = window.sidebar.sidebar_model
    row = model.row_of(place)
    return -1 if row is None else int(model.index(row).data(COUNT_ROLE))


def ledger_status(view: LedgerView) -> list[str]:
    return [view.model.index(row, LedgerColumn.STATUS).data() for row in range(view.model.rowCount())]


# -- 1. the whole story ------------------------------------------------------------------------


def test_the_whole_story_from_the_first_entry_to_the_content_destroyed(
    qtbot, start_app, answer, warnings, status_server: StatusServer, tmp_path: Path, monkeypatch
) -> None:
    li = start_app(WORKER)
    acme = start_app(EMPLOYER)
    worker, employer = li.window, acme.window
    outbox = tmp_path / "outbox"  # where each of them saves what they send
    outbox.mkdir()

    # Li Wei writes two entries; one has a customer's e-mail address as a tag.
    write_entry(qtbot, worker, "heuristic", "Refund rule", "Refund anything under 50 at once.", "support")
    write_entry(
        qtbot, worker, "playbook", "Escalate early", "Call the customer within the hour.", f"support {EMAIL}"
    )
    worker.actions_by_name["save"].trigger()
    qtbot.waitUntil(lambda: worker.model.rowCount() == 2, timeout=UI_WAIT_MS)
    ids = {worker.model.summary(row).title: worker.model.summary(row).id for row in range(2)}
    stored = on_worker(qtbot, li, lambda v: v.entries.get(ids["Escalate early"]))
    assert stored.tags == (EMAIL, "support") and stored.kind == "playbook"

    # Acme exports its identity card: File ▸ My Identity Card…, Export My Card…
    employer.actions_by_name["my_identity"].trigger()
    card_dialog = employer.identity_dialog
    assert card_dialog is not None
    qtbot.waitUntil(lambda: card_dialog.card is not None, timeout=UI_WAIT_MS)
    read_out = card_dialog.fingerprint.text().replace("\n", "")  # what Acme reads out on the phone
    answer("card_file", lambda suggested: outbox / suggested.name)
    card_dialog.export_button.click()
    card = outbox / "Acme-Support.card"
    qtbot.waitUntil(lambda: card.is_file(), timeout=UI_WAIT_MS)
    card_dialog.close()

    # Li Wei adds it (File ▸ Contacts…, Add…, Choose File…) and types the fingerprint read out.
    worker.actions_by_name["contacts"].trigger()
    contacts = worker.licensing.contacts_dialog
    assert contacts is not None
    qtbot.waitUntil(lambda: contacts.loaded, timeout=UI_WAIT_MS)
    contacts.add_button.click()
    adding = contacts.add_dialog
    assert adding is not None and adding.isVisible()
    answer("card_to_add", lambda: card)
    adding.choose_button.click()
    qtbot.waitUntil(lambda: adding.card is not None, timeout=UI_WAIT_MS)
    assert adding.name.text() == "Acme Support"
    qtbot.keyClicks(adding.check.typed, read_out)
    assert adding.check.comparison is Comparison.MATCH and adding.add_button.text() == "&Add as Verified"
    adding.add_button.click()
    qtbot.waitUntil(
        lambda: contacts.model.rowCount() == 1 and contacts.selected() is not None, timeout=UI_WAIT_MS
    )
    contact = contacts.selected()
    assert contact is not None and (contact.name, contact.verified) == ("Acme Support", True)
    contacts.close()

    # Entry ▸ License… on both entries, chosen in the list.
    click_index(qtbot, worker.table, worker.model.index(row_of_title(worker, "Refund rule"), Column.TITLE))
    click_index(
        qtbot,
        worker.table,
        worker.model.index(row_of_title(worker, "Escalate early"), Column.TITLE),
        Qt.KeyboardModifier.ControlModifier,
    )
    assert sorted(worker.table.selected_ids()) == sorted(ids.values())
    worker.actions_by_name["license"].trigger()
    wizard = wizard_of(qtbot, worker)

    recipients = wizard.recipient_page.contacts
    assert [recipients.item(i).text() for i in range(recipients.count())] == ["Acme Support (verified)"]
    click_item(qtbot, recipients, recipients.item(0))
    next_page(qtbot, wizard, PageId.SELECTION)
    assert set(wizard.selection_page.model.checked_ids) == set(ids.values())
    next_page(qtbot, wizard, PageId.TERMS)
    terms = wizard.terms_page
    terms.uses["ai-retrieval"].click()
    terms.human_review.click()
    terms.length_buttons[90].click()
    qtbot.keyClicks(terms.amount, "1200")
    terms.currency.setCurrentIndex(terms.currency.findText("CNY"))
    choose(terms.per, "month")
    next_page(qtbot, wizard, PageId.REVOCATION)
    assert wizard.revocation_page.with_url.isChecked()
    qtbot.keyClicks(wizard.revocation_page.url, status_server.url)
    next_page(qtbot, wizard, PageId.REVIEW)

    # The review finds the address in the tag: redacted, the default, after a look at "include".
    review = wizard.review_page
    qtbot.waitUntil(lambda: review.review is not None, timeout=UI_WAIT_MS)
    items = review.items
    tagged = next(
        items.item(r) for r in range(items.count()) if items.item(r).data(ITEM_ROLE) == ids["Escalate early"]
    )
    click_item(qtbot, items, tagged)
    assert review.heading.text() == "Escalate early"
    assert review.findings.rowCount() == 1 and review.findings.item(0, 0).text() == "a tag"
    assert review.findings.cellWidget(0, 3).currentData() == Decision.REDACT
    assert EMAIL not in review.preview.toPlainText() and "#redacted-email" in review.preview.toPlainText()
    choose(review.findings.cellWidget(0, 3), Decision.INCLUDE)
    assert EMAIL in review.preview.toPlainText()
    choose(review.findings.cellWidget(0, 3), Decision.REDACT)
    assert EMAIL not in review.preview.toPlainText()
    assert "redacted: 1, included as written: 0" in review.summary.text()
    next_page(qtbot, wizard, PageId.SAVE)
    package = save_package(qtbot, wizard, answer, outbox)
    assert package.name == "Acme-Support-2026-09-21.knowhold"  # the licensee and the day
    license_id = parse_package(package.read_bytes()).manifest.license_id
    # Its status address has nothing to serve yet: the window says so over the entries.
    qtbot.waitUntil(worker.publish_banner.isVisible, timeout=UI_WAIT_MS)
    banner = worker.publish_banner.label.text()
    assert "never been published" in banner and "1 license(s)" in banner
    qtbot.waitUntil(lambda: place_count(worker, Place.ISSUED) == 1, timeout=UI_WAIT_MS)

    # Acme drops the package on its window: the report, check by check, before anything is stored.
    drop_file(employer, package)
    report = report_of(qtbot, employer)
    assert report.licensor.text() == "Li Wei" and report.entry_count.text() == "2 entries"
    assert "not one of your contacts" in report.headline.text()
    marks = {name: row.mark.text() for name, row in report.check_rows.items()}
    assert {marks[name] for name in ("format", "integrity", "addressed", "expiry", "revocation")} == {"✓"}
    assert marks["trust"] == "!" and not report.add_button.isEnabled()
    assert report.terms.compensation.text() == "1200.00 CNY per month"
    assert on_worker(qtbot, acme, lambda v: Library(v).licenses()) == []  # shown, not stored

    # Li Wei reads out his fingerprint (File ▸ My Identity Card…); Acme types it and verifies.
    worker.actions_by_name["my_identity"].trigger()
    mine = worker.identity_dialog
    assert mine is not None
    qtbot.waitUntil(lambda: mine.card is not None, timeout=UI_WAIT_MS)
    qtbot.keyClicks(report.compare_edit, mine.fingerprint.text().replace("\n", " "))
    mine.close()
    report.verify_button.click()
    assert report.compare_result.text().startswith("The fingerprints match")
    received = added(qtbot, employer, report)

    # The library: the license, its entries, and the tagged one read with its tag redacted.
    qtbot.waitUntil(lambda: place_count(employer, Place.RECEIVED) == 1, timeout=UI_WAIT_MS)
    assert received.model.index(0, ReceivedColumn.LICENSOR).data() == "Li Wei"
    assert received.model.index(0, ReceivedColumn.STATUS).data() == "Active"
    choose_license(qtbot, received)
    open_received_entry(qtbot, received, "Escalate early")
    reader = received.pane.reader
    assert reader.licensed.text().startswith("Licensed by Li Wei until ")
    assert reader.review.text().startswith("Human review required")
    assert "#redacted-email" in reader.about.text() and "#support" in reader.about.text()
    qtbot.waitUntil(lambda: reader.body.rendered_text is not None, timeout=UI_WAIT_MS)
    assert "within the hour" in reader.body.toPlainText()
    assert EMAIL not in shown_text(employer)
    [licensor] = on_worker(qtbot, acme, lambda v: Contacts(v.db).everyone())
    assert (licensor.name, licensor.verified) == ("Li Wei", True)  # pinned, as compared
    held = on_worker(
        qtbot, acme, lambda v: Library(v).show(license_id, ids["Escalate early"], purpose="view")[1][0]
    )
    assert EMAIL not in held.tags and "support" in held.tags

    # Acme accepts the terms and saves the receipt to send back.
    received.pane.accept_button.click()
    accepting = received.accept_dialog
    assert accepting is not None and accepting.terms.compensation.text() == "1200.00 CNY per month"
    answer("receipt_file", lambda suggested: outbox / suggested.name)
    accepting.accept_button.click()
    qtbot.waitUntil(lambda: accepting.receipt is not None, timeout=UI_WAIT_MS)
    receipt = accepting.receipt
    assert receipt is not None and receipt.is_file()
    accepting.close()

    # Li Wei imports it in the ledger (the sidebar's Issued): accepted.
    ledger = open_place(qtbot, worker, Place.ISSUED)
    assert isinstance(ledger, LedgerView)
    qtbot.waitUntil(lambda: ledger_status(ledger) == ["Active"], timeout=UI_WAIT_MS)
    click_index(qtbot, ledger.table, ledger.model.index(0, LedgerColumn.LICENSEE))
    qtbot.waitUntil(lambda: ledger.detail.details is not None, timeout=UI_WAIT_MS)
    answer("receipt_to_import", lambda: receipt)
    ledger.import_button.click()
    qtbot.waitUntil(lambda: ledger_status(ledger) == ["Accepted"], timeout=UI_WAIT_MS)
    qtbot.waitUntil(lambda: ledger.detail.acceptance.text().startswith("Accepted on "), timeout=UI_WAIT_MS)

    # He revokes it, with a reason, and publishes his status to the folder the web server serves.
    offered: list[str] = []
    monkeypatch.setattr(
        PublishOffer, "ask", classmethod(lambda _cls, _parent, text: offered.append(text) or True)
    )
    folders = answer("status_folder", lambda _start: status_server.folder)
    ledger.detail.revoke_button.click()
    revoking = ledger.revoke_dialog
    assert revoking is not None and "Acme Support" in revoking.explanation.text()
    qtbot.keyClicks(revoking.reason, "The pilot ended")
    revoking.revoke_button.click()
    published = status_server.folder / "knowhold.status"
    qtbot.waitUntil(published.is_file, timeout=UI_WAIT_MS)
    qtbot.waitUntil(lambda: ledger_status(ledger) == ["Revoked"], timeout=UI_WAIT_MS)
    assert len(offered) == 1 and len(folders) == 1
    qtbot.waitUntil(lambda: ledger.where.text().startswith("Status published "), timeout=UI_WAIT_MS)
    assert ledger.banner.isHidden() and worker.publish_banner.isHidden()  # nothing left to publish
    qtbot.waitUntil(
        lambda: ledger.detail.details is not None and ledger.detail.revocation.isVisible(), timeout=UI_WAIT_MS
    )
    assert ledger.detail.revocation.text().endswith("Reason: The pilot ended")
    assert not ledger.detail.revoke_button.isEnabled() and not ledger.detail.renew_button.isEnabled()

    # Acme's Refresh Status fetches it from the address in the license: the content is destroyed.
    with qtbot.waitSignal(received.changed, timeout=UI_WAIT_MS):
        received.refresh_button.click()
    qtbot.waitUntil(
        lambda: received.record is not None and received.record.status == "destroyed", timeout=UI_WAIT_MS
    )
    assert received.model.index(0, ReceivedColumn.STATUS).data() == "Destroyed"
    sentence = received.pane.state_text.text()
    assert sentence.startswith("The content was destroyed on ")
    assert sentence.endswith("Li Wei revoked the license (The pilot ended).")
    assert received.pane.state.isVisible() and not received.pane.accept_button.isEnabled()
    open_received_entry(qtbot, received, "Escalate early")
    assert reader.refusal.text() == sentence and not reader.body.isVisible()
    assert received.refresh_note.text() == "Status refreshed: 1 license(s) changed."
    [record] = on_worker(qtbot, acme, lambda v: Library(v).licenses())
    assert record.destroyed_at is not None
    assert on_worker(qtbot, li, lambda v: Ledger(v).get(license_id).accepted_at) is not None
    assert warnings == []


# -- 2. expiry -----------------------------------------------------------------------------------


def test_a_license_past_its_end_is_destroyed_for_the_employer_and_expired_in_the_ledger(
    qtbot, start_app, answer, warnings, clock: FakeClock, tmp_path: Path
) -> None:
    li = start_app(WORKER)
    acme = start_app(EMPLOYER)
    worker, employer = li.window, acme.window
    outbox = tmp_path / "outbox"
    outbox.mkdir()

    # Acme copies its card as text, to paste into a chat.
    employer.actions_by_name["my_identity"].trigger()
    card_dialog = employer.identity_dialog
    assert card_dialog is not None
    qtbot.waitUntil(lambda: card_dialog.card is not None, timeout=UI_WAIT_MS)
    QGuiApplication.clipboard().clear()
    card_dialog.copy_button.click()
    card_dialog.close()

    # Li Wei writes one entry and licenses it (the entry shown) for 30 days.
    write_entry(qtbot, worker, "heuristic", "Refund rule", "Refund anything under 50 at once.", "support")
    worker.actions_by_name["save"].trigger()
    qtbot.waitUntil(
        lambda: worker.model.rowCount() == 1 and worker.editor.entry is not None, timeout=UI_WAIT_MS
    )
    worker.actions_by_name["license"].trigger()
    wizard = wizard_of(qtbot, worker)

    # No contacts yet: Add a Contact… from the first page, the card pasted, not compared.
    assert wizard.recipient_page.empty.isVisible()
    wizard.recipient_page.add_button.click()
    adding = wizard.recipient_page.findChild(AddContactDialog)
    assert isinstance(adding, AddContactDialog) and adding.isVisible()
    qtbot.keyClick(adding.paste, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: adding.card is not None, timeout=UI_WAIT_MS)
    assert adding.add_button.text() == "&Add as Not Verified"
    adding.add_button.click()
    recipients = wizard.recipient_page.contacts
    qtbot.waitUntil(
        lambda: recipients.count() == 1 and wizard.recipient_page.chosen is not None, timeout=UI_WAIT_MS
    )
    assert recipients.item(0).text() == "Acme Support (not verified)"
    assert "You have not compared fingerprints with Acme Support" in wizard.recipient_page.note.text()
    next_page(qtbot, wizard, PageId.SELECTION)
    assert len(wizard.selection_page.model.checked_ids) == 1
    next_page(qtbot, wizard, PageId.TERMS)
    wizard.terms_page.length_buttons[30].click()
    next_page(qtbot, wizard, PageId.REVOCATION)
    wizard.revocation_page.without_url.click()
    next_page(qtbot, wizard, PageId.REVIEW)
    qtbot.waitUntil(lambda: wizard.review_page.review is not None, timeout=UI_WAIT_MS)
    assert wizard.review_page.warnings.isVisible()  # the fingerprints were never compared
    next_page(qtbot, wizard, PageId.SAVE)
    package = save_package(qtbot, wizard, answer, outbox)
    expires_at = parse_package(package.read_bytes()).manifest.expires_at
    assert 30 * DAY <= expires_at - START < 31 * DAY  # to the end of the 30th day

    # Acme opens it with File ▸ Open License…, trusts Li Wei without comparing, and reads it.
    answer("package_to_open", lambda _start: package)
    employer.actions_by_name["open_license"].trigger()
    report = report_of(qtbot, employer)
    report.trust_anyway.click()
    received = added(qtbot, employer, report)
    choose_license(qtbot, received)
    open_received_entry(qtbot, received, "Refund rule")
    assert received.pane.reader.entry is not None

    # A month and more later: both apps lock by themselves, having had no input all that time.
    clock.now = expires_at + DAY
    qtbot.waitUntil(
        lambda: li.unlock_dialog.isVisible() and acme.unlock_dialog.isVisible(), timeout=UI_WAIT_MS
    )
    assert not worker.isVisible() and not employer.isVisible()
    assert received.model.rowCount() == 0  # what was shown is forgotten at lock
    type_passphrase(qtbot, acme)
    type_passphrase(qtbot, li)

    received = open_place(qtbot, employer, Place.RECEIVED)
    assert isinstance(received, ReceivedView)
    qtbot.waitUntil(lambda: received.model.rowCount() == 1, timeout=UI_WAIT_MS)
    assert received.model.index(0, ReceivedColumn.STATUS).data() == "Destroyed"
    choose_license(qtbot, received)
    sentence = received.pane.state_text.text()
    assert sentence.startswith("The content was destroyed on ") and "the license ended on" in sentence
    open_received_entry(qtbot, received, "Refund rule")
    assert received.pane.reader.refusal.text() == sentence and received.pane.reader.entry is None

    ledger = open_place(qtbot, worker, Place.ISSUED)
    assert isinstance(ledger, LedgerView)
    qtbot.waitUntil(lambda: ledger_status(ledger) == ["Expired"], timeout=UI_WAIT_MS)
    [record] = on_worker(qtbot, acme, lambda v: Library(v).licenses())
    assert record.destroyed_at is not None and record.destroyed_at > expires_at
    assert on_worker(qtbot, acme, lambda v: Contacts(v.db).everyone()[0].verified) is False
    assert warnings == []


# -- 3. a package altered on its way --------------------------------------------------------------


def test_a_tampered_package_dropped_on_the_window_shows_the_failed_check_and_stores_nothing(
    qtbot, start_app, parties: Parties, warnings, tmp_path: Path
) -> None:
    acme = start_app(EMPLOYER)
    employer = acme.window
    data = make_package(parties.worker, parties.employer)
    payload = parse_package(data).payload
    tampered = tmp_path / "license.knowhold"
    tampered.write_bytes(flipped(data, len(data) - len(payload) // 2))  # one bit of the sealed entries
    before = on_worker(qtbot, acme, snapshot)

    drop_file(employer, tampered)
    report = report_of(qtbot, employer)
    row = report.check_rows["integrity"]
    assert row.mark.text() == "✗"
    assert all("color" in label.styleSheet() for label in (row.mark, row.title, row.sentence))
    assert (
        report.headline.text()
        == f"Nothing can be added from this file: the check “{row.title.text()}” failed."
    )
    assert "color" in report.headline.styleSheet()
    assert report.add_button.isHidden() and report.trust_box.isHidden()
    report.close()
    qtbot.waitUntil(lambda: not employer.licensing.reports, timeout=UI_WAIT_MS)

    assert on_worker(qtbot, acme, snapshot) == before
    assert employer.sidebar.current_place is None and warnings == []
