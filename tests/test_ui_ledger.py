"""The ledger in the app: the licenses listed with countdowns and totals, one shown in full,
revoked, renewed, their receipts imported, and the status published to a folder chosen once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.licensing import ledger_view, publisher
from knowhold.ui.licensing.ledger_model import (
    LedgerColumn,
    LedgerModel,
    LicensedEntriesModel,
    TotalsModel,
    TotalsRow,
)
from knowhold.ui.licensing.ledger_view import LedgerView
from knowhold.ui.licensing.publisher import PublishOffer
from knowhold.ui.licensing.time_words import countdown
from knowhold.ui.session import VaultSession
from knowhold.ui.settings import Settings
from knowhold.ui.tasks import Op
from knowhold.vault import Vault
from knowhold.vault.licensing.audit import AuditLog
from knowhold.vault.licensing.identity import Contacts, Identity, make_card
from knowhold.vault.licensing.ledger import CarriedRef, Ledger, LicenseRecord
from knowhold.vault.licensing.receipts import build_receipt
from knowhold.vault.licensing.status import parse_status
from knowhold.vault.licensing.terms import Revocation, Terms
from tests.conftest import FAST_KDF, PASSPHRASE, START, UI_WAIT_MS, FakeClock
from tests.licensing_kit import DAY

URL = "https://li.example/knowhold.status"


@dataclass(frozen=True, slots=True)
class Parties:
    acme: Identity
    xingchen: Identity


def fill_ledger(vault: Vault, clock: FakeClock, tmp: Path) -> Parties:
    """Four licenses to two licensees (one with a Chinese name), paid in two currencies:

    0. Acme Support, 1,200.00 EUR a month, status address with a 7-day maximum age, 30 days
    1. Acme Support, 500.00 EUR once, no status address, 12 days
    2. 星辰科技, 8,000.00 CNY a year, status address, 360 days (a single payment)
    3. 星辰科技, unpaid, ended 3 days before START
    """
    parties = Parties(
        Identity.generate("Acme Support", created_at=START - 90 * DAY),
        Identity.generate("星辰科技", created_at=START - 90 * DAY),
    )
    for who in (parties.acme, parties.xingchen):
        Contacts(vault.db).add(make_card(who), verified=True)
    add = vault.entries.add
    ids = [
        add("playbook", "Escalate early", "Waiting more than two hours: escalate.", ["support"]).id,
        add("heuristic", "Refund rule", "Refund anything under 50 at once.", ["support"]).id,
        add("checklist", "交接清单", "交接前核对客户的未结问题。", ["交接"]).id,
    ]
    ledger = Ledger(vault)

    def issue(
        to: str, entries: list[str], days: int, terms: Terms, revocation: Revocation, name: str
    ) -> None:
        ledger.issue(
            to=to,
            entry_ids=entries,
            expires_at=clock.now + days * DAY,
            terms=terms,
            revocation=revocation,
            out=tmp / f"{name}.knowhold",
        )

    clock.now = START - 40 * DAY
    issue("星辰科技", ids[2:], 37, Terms.make(), Revocation(), "ended")
    clock.now = START - 2 * DAY
    issue("星辰科技", ids, 360, Terms.make(fee=("8000", "CNY"), per="year"), Revocation.make(URL), "year")
    clock.now = START - DAY
    issue("Acme Support", ids[:1], 13, Terms.make(fee=("500", "EUR"), per="once"), Revocation(), "once")
    clock.now = START
    monthly = Terms.make(
        allow=["ai-retrieval"], fee=("1200", "EUR"), per="month", compensation_note="Invoice monthly"
    )
    issue("Acme Support", ids[:2], 30, monthly, Revocation.make(URL, 7 * DAY), "monthly")
    return parties


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Parties]:
    folder = tmp_path_factory.mktemp("ledger-template")
    clock = FakeClock()
    vault = Vault.create(folder / "vault", PASSPHRASE, clock=clock, name="Li Wei", kdf=FAST_KDF).vault
    try:
        parties = fill_ledger(vault, clock, folder)
    finally:
        vault.close()
    return folder / "vault", parties


@pytest.fixture
def view(qtbot, session: VaultSession, settings: Settings) -> LedgerView:
    view = LedgerView(session, settings)
    view.tz = UTC
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=UI_WAIT_MS):
        view.reload()
    return view


def on_worker(qtbot, fn):
    """Run ``fn`` on the vault worker (where the vault may be touched) and return its result."""
    done: list[object] = []
    Op(None, fn, done.append).run()
    qtbot.waitUntil(lambda: bool(done), timeout=UI_WAIT_MS)
    return done[0]


def texts(view: LedgerView, column: LedgerColumn) -> list[str]:
    return [view.model.index(row, column).data() for row in range(view.model.rowCount())]


def select(qtbot, view: LedgerView, licensee: str, pay: str) -> LicenseRecord:
    """Choose the license of ``licensee`` paying ``pay`` and wait for its detail."""
    row = next(
        r
        for r in range(view.model.rowCount())
        if view.model.line(r).licensee == licensee
        and pay in view.model.index(r, LedgerColumn.COMPENSATION).data()
    )
    view.table.setCurrentIndex(view.model.index(row, 0))
    wanted = view.model.line(row).license_id
    qtbot.waitUntil(
        lambda: view.detail.details is not None and view.detail.details.record.license_id == wanted,
        timeout=UI_WAIT_MS,
    )
    assert view.detail.details is not None
    return view.detail.details.record


@pytest.fixture
def offers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the app offered to publish; the answer is No unless a test sets it."""
    asked: list[str] = []
    monkeypatch.setattr(
        PublishOffer, "ask", classmethod(lambda _cls, _parent, text: asked.append(text) or False)
    )
    return asked


@pytest.fixture
def folder_asked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path | None]:
    """The status folder chooser, replaced: each call records what it started from."""
    asked: list[Path | None] = []
    folder = tmp_path / "public"
    folder.mkdir()

    def choose(_cls, _parent, start: Path | None) -> Path:
        asked.append(start)
        return folder

    monkeypatch.setattr(Choose, "status_folder", classmethod(choose))
    return asked


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    for module in (ledger_view, publisher):
        monkeypatch.setattr(module, "warn", lambda _parent, _title, text: said.append(text))
    return said


# -- the models ------------------------------------------------------------------------------


def test_the_models_pass_the_model_tester(qtbot, qtmodeltester, view: LedgerView) -> None:
    lines = [view.model.line(r) for r in range(view.model.rowCount())]
    model = LedgerModel()
    model.set_lines(lines, START)
    qtmodeltester.check(model)
    model.sort(LedgerColumn.ENDS, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model)
    totals = TotalsModel(("Month", "Due"))
    totals.set_rows(
        [TotalsRow(("September 2026", "1 EUR")), TotalsRow(("October 2026", "2 EUR"), upcoming=True)]
    )
    qtmodeltester.check(totals)
    assert totals.index(1, 0).data(Qt.ItemDataRole.FontRole).italic()
    record = select(qtbot, view, "星辰科技", "CNY")
    entries = LicensedEntriesModel()
    entries.set_entries(record.entries)
    qtmodeltester.check(entries)
    assert entries.index(0, 3).data() == ""  # no file went with it

    first = record.entries[0].id
    files = [
        CarriedRef(first, "rack.jpg", "image/jpeg", 2048, "ab" * 32),
        CarriedRef(first, "spec.pdf", "application/pdf", 10, "cd" * 32),
    ]
    entries.set_entries(record.entries, files)
    qtmodeltester.check(entries)
    assert entries.headerData(3, Qt.Orientation.Horizontal) == "Attachments"
    assert entries.index(0, 3).data() == "rack.jpg, spec.pdf"
    tip = entries.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
    assert "rack.jpg" in tip and "SHA-256 abababababababab…" in tip and "spec.pdf" in tip


# Plural forms as written in the source: the English translation, which reads them "12 days",
# is installed by the app, not by these tests.
@pytest.mark.parametrize(
    ("offset", "text"),
    [
        (12 * DAY + 5, "in 12 day(s)"),
        (DAY, "in 1 day(s)"),
        (2 * 3600 + 1, "in 2 hour(s)"),
        (59, "in less than an hour"),
        (0, "in less than an hour"),
        (-3 * DAY - 60, "ended 3 day(s) ago"),
        (-3600, "ended 1 hour(s) ago"),
    ],
)
def test_countdowns_read_as_words(offset: int, text: str) -> None:
    assert countdown(START + offset, START) == text


# -- the list, the totals and one license --------------------------------------------------------


def test_every_license_is_listed_with_its_countdown_status_and_pay(view: LedgerView) -> None:
    assert view.model.rowCount() == 4
    assert texts(view, LedgerColumn.LICENSEE) == ["Acme Support", "Acme Support", "星辰科技", "星辰科技"]
    assert texts(view, LedgerColumn.COMPENSATION) == [
        "1200.00 EUR per month",
        "500.00 EUR once",
        "8000.00 CNY per year",
        "Unpaid",
    ]
    assert texts(view, LedgerColumn.STATUS) == ["Active", "Active", "Active", "Expired"]
    assert texts(view, LedgerColumn.ENTRIES) == ["2", "1", "3", "1"]
    ends = texts(view, LedgerColumn.ENDS)
    assert ends[0].endswith("(in 30 day(s))") and ends[1].endswith("(in 12 day(s))")
    assert ends[3].endswith("(ended 3 day(s) ago)")
    # No status address: the status says what revoking can reach.
    tip = view.model.index(1, LedgerColumn.STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert "No status address" in tip
    assert view.pages.currentWidget() is view.table


def test_the_header_sorts_and_the_ledgers_order_comes_back(view: LedgerView) -> None:
    view.table.sortByColumn(LedgerColumn.ENDS, Qt.SortOrder.AscendingOrder)
    assert texts(view, LedgerColumn.COMPENSATION) == [
        "Unpaid",
        "500.00 EUR once",
        "1200.00 EUR per month",
        "8000.00 CNY per year",
    ]
    view.table.sortByColumn(LedgerColumn.LICENSEE, Qt.SortOrder.DescendingOrder)
    assert texts(view, LedgerColumn.LICENSEE)[0] == "星辰科技"
    view.model.sort(-1)
    assert texts(view, LedgerColumn.COMPENSATION)[0] == "1200.00 EUR per month"


def test_the_countdown_moves_with_the_vaults_clock(qtbot, view: LedgerView, clock: FakeClock) -> None:
    clock.advance(13 * DAY)
    with qtbot.waitSignal(view.loaded, timeout=UI_WAIT_MS):
        view.reload()
    assert texts(view, LedgerColumn.ENDS)[0].endswith("(in 17 day(s))")
    assert texts(view, LedgerColumn.ENDS)[1].endswith("(ended 1 day(s) ago)")
    assert texts(view, LedgerColumn.STATUS)[:2] == ["Active", "Expired"]
    # The publisher's checks carry the time too, and move the countdowns without a reload.
    clock.advance(DAY)
    view.publisher.check()
    qtbot.waitUntil(lambda: texts(view, LedgerColumn.ENDS)[0].endswith("(in 16 day(s))"), timeout=UI_WAIT_MS)


def test_totals_per_licensee_and_per_month_keep_currencies_apart(view: LedgerView) -> None:
    licensees = view.licensee_totals
    rows = [[licensees.index(r, c).data() for c in range(4)] for r in range(licensees.rowCount())]
    assert rows == [
        ["Acme Support", "2", "2", "2900.00 EUR"],  # 500 once + 1,200 in September and October
        ["星辰科技", "2", "1", "8000.00 CNY"],
    ]
    months = view.month_totals
    assert [[months.index(r, c).data() for c in range(3)] for r in range(months.rowCount())] == [
        ["September 2026", "3", "8000.00 CNY, 1700.00 EUR"],
        ["October 2026", "1", "1200.00 EUR"],
    ]
    assert months.index(1, 0).data(Qt.ItemDataRole.FontRole).italic()  # still to come
    assert months.index(0, 0).data(Qt.ItemDataRole.FontRole) is None
    assert view.overall.text() == "All licenses: 8000.00 CNY, 2900.00 EUR"


def test_one_license_in_full(qtbot, view: LedgerView) -> None:
    record = select(qtbot, view, "Acme Support", "per month")
    detail = view.detail
    assert detail.licensee.text() == "Acme Support"
    assert detail.license_id.text() == f"License {record.license_id}"
    assert detail.standing.text().startswith("Active: from ") and detail.standing.text().endswith(
        "(in 30 day(s))"
    )
    assert detail.reminder.isHidden()  # it has a status address
    assert (
        "maximum" not in detail.reach.text()
        and URL in detail.reach.text()
        and "7 day(s)" in detail.reach.text()
    )
    assert detail.terms.compensation.text() == "1200.00 EUR per month\nInvoice monthly"
    assert [detail.entries_model.index(r, 0).data() for r in range(2)] == ["Escalate early", "Refund rule"]
    assert detail.entries_box.title() == "Entries, as licensed (2)"
    assert [detail.history_model.index(r, 1).data() for r in range(detail.history_model.rowCount())] == [
        "License issued"
    ]
    assert detail.acceptance.text().startswith("Not accepted yet.")

    select(qtbot, view, "Acme Support", "once")
    assert not detail.reminder.isHidden()
    assert "no status address" in detail.reminder.text() and "Acme Support" in detail.reminder.text()
    assert detail.reach.text() == "Status address: none."


# -- revoking and renewing --------------------------------------------------------------------


def test_revoke_asks_a_reason_says_what_it_does_and_records_it(
    qtbot, view: LedgerView, session: VaultSession, offers: list[str]
) -> None:
    record = select(qtbot, view, "Acme Support", "once")
    view.detail.revoke_button.click()
    dialog = view.revoke_dialog
    assert dialog is not None and dialog.isVisible()
    said = dialog.explanation.text()
    assert "destroys the licensed content" in said and "cannot pull back copies" in said
    assert "no status address" in said and "status file" in said  # this one has none
    dialog.reason.setText("The contract ended")
    with qtbot.waitSignal(view.changed, timeout=UI_WAIT_MS):
        dialog.revoke_button.click()
    qtbot.waitUntil(lambda: view.revoke_dialog is None, timeout=UI_WAIT_MS)
    qtbot.waitUntil(lambda: "Revoked" in texts(view, LedgerColumn.STATUS), timeout=UI_WAIT_MS)

    stored = on_worker(qtbot, lambda: Ledger(session.vault()).get(record.license_id))
    assert (stored.status, stored.revoke_reason) == ("revoked", "The contract ended")
    events = on_worker(qtbot, lambda: AuditLog(session.vault().db).events(record.license_id))
    assert [e.event for e in events] == ["issued", "revoked"] and events[1].detail == {
        "reason": "The contract ended"
    }
    assert len(offers) == 1 and "send Acme Support the status file" in offers[0]
    qtbot.waitUntil(
        lambda: view.detail.details is not None and view.detail.details.record.revoked_at is not None,
        timeout=UI_WAIT_MS,
    )
    assert view.detail.revocation.text().endswith("Reason: The contract ended")
    assert not view.detail.revoke_button.isEnabled() and not view.detail.renew_button.isEnabled()


def test_a_reason_the_core_refuses_keeps_the_dialog_open_and_changes_nothing(
    qtbot, view: LedgerView, session: VaultSession, offers: list[str]
) -> None:
    record = select(qtbot, view, "星辰科技", "CNY")
    view.detail.revoke_button.click()
    dialog = view.revoke_dialog
    assert dialog is not None
    assert "reads it from " + URL in dialog.explanation.text()
    dialog.reason.setText("ended \u202eoc emca")  # a bidi override would reverse what the employer reads
    dialog.revoke_button.click()
    qtbot.waitUntil(dialog.error.isVisible, timeout=UI_WAIT_MS)
    assert dialog.isVisible() and dialog.revoke_button.isEnabled()
    stored = on_worker(qtbot, lambda: Ledger(session.vault()).get(record.license_id))
    assert stored.revoked_at is None and offers == []


def test_renew_moves_the_end_and_offers_to_publish(
    qtbot, view: LedgerView, session: VaultSession, monkeypatch: pytest.MonkeyPatch, folder_asked: list
) -> None:
    record = select(qtbot, view, "Acme Support", "per month")
    monkeypatch.setattr(PublishOffer, "ask", classmethod(lambda _cls, _parent, _text: True))
    view.detail.renew_button.click()
    dialog = view.renew_dialog
    assert dialog is not None
    dialog.step_buttons[0].click()  # +30 days, from the current end
    assert dialog.expires_at == record.expires_at + 30 * DAY
    with qtbot.waitSignal(view.publisher.published, timeout=UI_WAIT_MS) as published:
        dialog.renew_button.click()
    stored = on_worker(qtbot, lambda: Ledger(session.vault()).get(record.license_id))
    assert stored.expires_at == record.expires_at + 30 * DAY
    document = parse_status(published.args[0].path.read_bytes())
    assert [(r.license_id, r.expires_at) for r in document.renewed] == [
        (record.license_id, stored.expires_at)
    ]
    qtbot.waitUntil(lambda: texts(view, LedgerColumn.ENDS)[0].endswith("(in 60 day(s))"), timeout=UI_WAIT_MS)


# -- publishing -----------------------------------------------------------------------------------


def test_publish_asks_for_the_folder_once_and_remembers_it(
    qtbot, view: LedgerView, session: VaultSession, settings: Settings, folder_asked: list
) -> None:
    with qtbot.waitSignal(view.publisher.published, timeout=UI_WAIT_MS) as first:
        view.publish_button.click()
    assert folder_asked == [None]
    target = first.args[0].path
    assert target.name == "knowhold.status" and target.is_file()
    assert session.vault_id is not None and settings.status_folder(session.vault_id) == target.parent
    qtbot.waitUntil(lambda: "Status published" in view.where.text(), timeout=UI_WAIT_MS)

    with qtbot.waitSignal(view.publisher.published, timeout=UI_WAIT_MS) as second:
        view.publish_button.click()
    assert folder_asked == [None]  # not asked again
    assert second.args[0].document.sequence > first.args[0].document.sequence

    with qtbot.waitSignal(view.publisher.published, timeout=UI_WAIT_MS):
        view.folder_button.click()  # Change Folder… asks, from the folder in use
    assert folder_asked == [None, target.parent]


def test_a_publish_that_fails_says_why(
    qtbot, view: LedgerView, session: VaultSession, settings: Settings, tmp_path: Path, warnings: list
) -> None:
    assert session.vault_id is not None
    settings.set_status_folder(session.vault_id, tmp_path / "gone")  # removed since it was chosen
    view.publish_button.click()
    qtbot.waitUntil(lambda: bool(warnings), timeout=UI_WAIT_MS)
    assert "There is no folder" in warnings[0]
    assert not (tmp_path / "gone").exists()  # never written as a file named like the folder
    assert view.banner.isVisible() and "Publishing your status failed" in view.banner.label.text()


def test_the_publisher_republishes_when_due_and_the_banner_says_what_changed(
    qtbot,
    view: LedgerView,
    session: VaultSession,
    settings: Settings,
    clock: FakeClock,
    tmp_path: Path,
    offers: list[str],
) -> None:
    pub = view.publisher
    # Nothing published yet, and no folder: the banner says so and the publisher waits for the worker.
    pub.check()
    qtbot.waitUntil(view.banner.isVisible, timeout=UI_WAIT_MS)
    assert "never been published" in view.banner.label.text()

    folder = tmp_path / "synced"
    folder.mkdir()
    assert session.vault_id is not None
    settings.set_status_folder(session.vault_id, folder)
    with qtbot.waitSignal(pub.published, timeout=UI_WAIT_MS):
        view.publish_button.click()
    qtbot.waitUntil(view.banner.isHidden, timeout=UI_WAIT_MS)

    def published() -> int:
        return sum(e.event == "status-published" for e in AuditLog(session.vault().db).events())

    # Acme's monthly license locks without a status younger than 7 days: due after 3.5.
    clock.advance(3 * DAY)
    with qtbot.waitSignal(pub.state_changed, timeout=UI_WAIT_MS):
        pub.check()  # the timer's slot, driven directly
    assert on_worker(qtbot, published) == 1 and pub.state is not None and not pub.state.publish.due
    clock.advance(DAY)
    with qtbot.waitSignal(pub.published, timeout=UI_WAIT_MS) as republished:
        pub.check()
    assert on_worker(qtbot, published) == 2
    assert republished.args[0].path == folder / "knowhold.status"
    assert parse_status(republished.args[0].path.read_bytes()).issued_at == START + 4 * DAY

    # A revocation since: the banner says so until the next publish.
    record = select(qtbot, view, "星辰科技", "CNY")
    view.detail.revoke_button.click()
    assert view.revoke_dialog is not None
    view.revoke_dialog.revoke_button.click()
    qtbot.waitUntil(view.banner.isVisible, timeout=UI_WAIT_MS)
    assert view.banner.label.text().startswith("1 license(s) changed since you last published your status")
    with qtbot.waitSignal(pub.published, timeout=UI_WAIT_MS) as after:
        view.banner.button.click()
    assert [r.license_id for r in parse_status(after.args[0].path.read_bytes()).revoked] == [
        record.license_id
    ]
    qtbot.waitUntil(view.banner.isHidden, timeout=UI_WAIT_MS)


def test_a_due_publish_without_a_folder_is_left_to_the_worker(
    qtbot, view: LedgerView, session: VaultSession, clock: FakeClock, tmp_path: Path
) -> None:
    on_worker(qtbot, lambda: Ledger(session.vault()).publish(tmp_path / "by-hand.status"))
    clock.advance(4 * DAY)
    with qtbot.waitSignal(view.publisher.state_changed, timeout=UI_WAIT_MS):
        view.publisher.check()
    assert view.banner.isVisible() and view.banner.label.text().startswith("Publish your status before ")
    assert on_worker(qtbot, lambda: AuditLog(session.vault().db).latest("status-published")).time == START


def test_a_restored_vault_that_forgot_a_revocation_is_told_so(
    qtbot, view: LedgerView, session: VaultSession, folder_asked: list, clock: FakeClock
) -> None:
    record = select(qtbot, view, "Acme Support", "once")
    with qtbot.waitSignal(view.publisher.published, timeout=UI_WAIT_MS) as first:
        view.publish_button.click()  # chooses the folder
    target = first.args[0].path

    def revoke_and_publish() -> None:
        ledger = Ledger(session.vault())
        ledger.revoke(record.license_id, "ended")
        ledger.publish(target)

    def forget() -> None:  # what restoring a backup from before the revocation does
        db = session.vault().db
        db.conn.execute("UPDATE licenses SET revoked_at = NULL, revoke_reason = NULL")
        db.set_meta("status_sequence", "1")

    clock.advance(60)
    on_worker(qtbot, revoke_and_publish)
    on_worker(qtbot, forget)
    clock.advance(60)
    with qtbot.waitSignal(view.publisher.published, timeout=UI_WAIT_MS):
        view.publish_button.click()
    text = view.banner.label.text()
    assert view.banner.isVisible() and text.startswith("This vault was restored from an older backup")
    assert f"revoke them again, then publish): {record.license_id}" in text


# -- receipts ------------------------------------------------------------------------------


def receipt_for(record: LicenseRecord, signer: Identity, path: Path) -> Path:
    """What the licensee's Knowhold signs when it accepts the license (``Library.accept``)."""
    path.write_bytes(
        build_receipt(
            signer, license_id=record.license_id, manifest_hash=record.manifest_hash, accepted_at=START + 60
        )
    )
    return path


def test_a_receipt_chosen_or_dropped_marks_the_license_accepted(
    qtbot, view: LedgerView, template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parties: Parties = template[1]
    monthly = select(qtbot, view, "Acme Support", "per month")
    chosen = receipt_for(monthly, parties.acme, tmp_path / "acme.receipt")
    monkeypatch.setattr(Choose, "receipt_to_import", classmethod(lambda _cls, _parent: chosen))
    with qtbot.waitSignal(view.changed, timeout=UI_WAIT_MS):
        view.import_button.click()
    qtbot.waitUntil(lambda: texts(view, LedgerColumn.STATUS)[0] == "Accepted", timeout=UI_WAIT_MS)
    qtbot.waitUntil(lambda: view.detail.acceptance.text().startswith("Accepted on "), timeout=UI_WAIT_MS)

    yearly = select(qtbot, view, "星辰科技", "CNY")
    dropped = receipt_for(yearly, parties.xingchen, tmp_path / "xingchen.receipt")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    action, button, mods = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(10, 10), action, mime, button, mods)
    QApplication.sendEvent(view, enter)
    assert enter.isAccepted()  # as a file manager's drag is, over the ledger
    with qtbot.waitSignal(view.changed, timeout=UI_WAIT_MS):
        QApplication.sendEvent(view, QDropEvent(QPointF(10, 10), action, mime, button, mods))
    qtbot.waitUntil(lambda: texts(view, LedgerColumn.STATUS)[2] == "Accepted", timeout=UI_WAIT_MS)


def test_a_receipt_that_is_not_for_this_license_is_refused_with_a_reason(
    qtbot, view: LedgerView, template, tmp_path: Path, warnings: list[str]
) -> None:
    parties: Parties = template[1]
    monthly = select(qtbot, view, "Acme Support", "per month")
    forged = receipt_for(monthly, parties.xingchen, tmp_path / "forged.receipt")  # signed by someone else
    huge = tmp_path / "huge.receipt"
    huge.write_bytes(b"x" * 100_000)
    view.import_receipts([forged, huge, tmp_path / "missing.receipt"])
    qtbot.waitUntil(lambda: len(warnings) == 3, timeout=UI_WAIT_MS)
    assert (
        warnings[0].startswith("forged.receipt was not imported: ")
        and "not signed by the licensee" in warnings[0]
    )
    assert warnings[1] == "huge.receipt was not imported: This file is larger than any receipt can be."
    assert warnings[2] == "missing.receipt was not imported: There is no such file."
    assert texts(view, LedgerColumn.STATUS)[0] == "Active"


# -- lock -------------------------------------------------------------------------------------


def test_clear_forgets_everything_shown(qtbot, view: LedgerView, offers: list[str]) -> None:
    select(qtbot, view, "Acme Support", "per month")
    view.publisher.check()
    qtbot.waitUntil(view.banner.isVisible, timeout=UI_WAIT_MS)
    view.clear()
    assert view.model.rowCount() == 0 and view.licensee_totals.rowCount() == 0
    assert view.month_totals.rowCount() == 0 and view.detail.details is None
    assert view.banner.isHidden() and view.where.text() == ""
