"""The employer's received library in the app (issue 9): list, entries, accept, status, skills.

Two parties, as in life: licensors whose packages (licensing_kit.make_package)
were ingested into a real employer vault (the module's template), which the
app opens through the ``session`` fixture. Everything is driven through the
widgets; the core checks the results (a receipt parsed, content destroyed,
a skill folder written and then pruned).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.licensing.accept_dialog import AcceptDialog
from knowhold.ui.licensing.received_model import (
    LicensedEntriesModel,
    ReceivedColumn,
    ReceivedList,
    ReceivedModel,
)
from knowhold.ui.licensing.received_view import ReceivedView
from knowhold.ui.licensing.time_words import countdown
from knowhold.ui.session import AuditReport, VaultSession
from knowhold.ui.tasks import Op
from knowhold.vault import Vault
from knowhold.vault.knowledge.origin import Origin
from knowhold.vault.licensing.audit import AuditEvent
from knowhold.vault.licensing.identity import Identity, load_identity
from knowhold.vault.licensing.payload import LicensedEntry
from knowhold.vault.licensing.receipts import parse_receipt
from knowhold.vault.licensing.received import Library
from knowhold.vault.licensing.skills import read_marker
from tests.conftest import FAST_KDF, PASSPHRASE, START, UI_WAIT_MS, FakeClock
from tests.licensing_kit import DAY, make_package, make_status, trust

HOSTILE = '<img src="/dev/zero"> <b>bold</b>'


@dataclass(frozen=True, slots=True)
class Parties:
    li: Identity  # 李伟, whose licenses are active (one permits AI look-up)
    maria: Identity  # a second licensor, with a status age that has run out
    active: str  # 李伟's license: Chinese titles, a fee per month, AI look-up, human review
    excerpts: str  # Maria's license that permits copying excerpts only, ending in 2 days
    locked: str  # Maria's license whose status is too old
    later: str  # 李伟's license that starts in 5 days


def _entries(titles: list[str], body: str) -> list[LicensedEntry]:
    return [
        LicensedEntry(
            id=f"entry{i}x",
            version=1,
            kind="playbook" if i == 0 else "heuristic",
            title=title,
            body=body,
            tags=("support",),
            origin=Origin.make("organisation", "Acme 客服部") if i == 0 else None,
        )
        for i, title in enumerate(titles)
    ]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Parties]:
    path = tmp_path_factory.mktemp("received-template") / "vault"
    li = Identity.generate("李伟 Li Wei", created_at=START - DAY)
    maria = Identity.generate(f"Maria {HOSTILE}", created_at=START - DAY)
    clock = FakeClock(START)
    vault = Vault.create(path, PASSPHRASE, clock=clock, name="Acme Support", kdf=FAST_KDF).vault
    try:
        me = load_identity(vault.db).public
        trust(vault, li)
        trust(vault, maria)
        library = Library(vault)
        body = "## 步骤\n\n1. 先打电话，**一小时内**。\n2. Never answer by email first.\n\n<script>x</script>"
        ids = {}
        ids["locked"] = library.ingest(
            make_package(
                maria, me, issued_at=START - 3 * DAY, max_status_age=DAY, items=_entries(["Stale"], "x")
            )
        ).license_id
        ids["excerpts"] = library.ingest(
            make_package(
                maria,
                me,
                expires_at=START + 2 * DAY,
                allow=("copy-excerpts",),
                human_review=False,
                items=_entries([f"Refund rules {HOSTILE}", "Quality checklist"], "Check **twice**."),
            )
        ).license_id
        ids["later"] = library.ingest(
            make_package(li, me, not_before=START + 5 * DAY, items=_entries(["明年的计划"], "later"))
        ).license_id
        ids["active"] = library.ingest(
            make_package(
                li,
                me,
                expires_at=START + 90 * DAY,
                fee=("1200", "CNY"),
                per="month",
                items=_entries(["客户投诉升级流程", "Escalate early"], body),
            )
        ).license_id
    finally:
        vault.close()
    return path, Parties(li, maria, **ids)


@pytest.fixture
def parties(template: tuple[Path, Parties]) -> Parties:
    return template[1]


@pytest.fixture
def view(qtbot, session: VaultSession, settings) -> ReceivedView:
    view = ReceivedView(session, settings)
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.show()
    view.reload()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4, timeout=UI_WAIT_MS)
    return view


def _row(view: ReceivedView, license_id: str) -> int:
    row = view.model.row_of(license_id)
    assert row is not None
    return row


def _cell(view: ReceivedView, license_id: str, column: ReceivedColumn) -> str:
    return str(view.model.index(_row(view, license_id), column).data())


def _choose(qtbot, view: ReceivedView, license_id: str) -> None:
    assert view.select_license(license_id)
    qtbot.waitUntil(
        lambda: view.record is not None and view.record.license_id == license_id, timeout=UI_WAIT_MS
    )


def _open_entry(qtbot, view: ReceivedView, row: int) -> None:
    view.pane.entry_list.setCurrentIndex(view.pane.entries.index(row, 0))
    qtbot.waitUntil(lambda: view.pane.reader.title.text() != "", timeout=UI_WAIT_MS)


def _audit(qtbot, session: VaultSession) -> tuple[AuditEvent, ...]:
    got: list[AuditReport] = []
    Op(None, session.audit, got.append).run()
    qtbot.waitUntil(lambda: bool(got), timeout=UI_WAIT_MS)
    return got[0].events


# -- the list --------------------------------------------------------------------------


def test_the_list_shows_each_license_with_its_end_status_uses_and_pay(view: ReceivedView, parties) -> None:
    a = parties.active
    assert _cell(view, a, ReceivedColumn.LICENSOR) == "李伟 Li Wei"
    assert _cell(view, a, ReceivedColumn.ENDS).endswith("(in 90 day(s))")
    assert _cell(view, a, ReceivedColumn.STATUS) == "Active"
    assert _cell(view, a, ReceivedColumn.USES) == "read, copy excerpts, AI look-up"
    assert _cell(view, a, ReceivedColumn.COMPENSATION) == "1200.00 CNY per month"
    assert _cell(view, a, ReceivedColumn.ENTRIES) == "2"
    assert _cell(view, parties.excerpts, ReceivedColumn.ENDS).endswith("(in 2 day(s))")
    assert _cell(view, parties.excerpts, ReceivedColumn.USES) == "read, copy excerpts"
    assert _cell(view, parties.excerpts, ReceivedColumn.COMPENSATION) == "unpaid"
    assert _cell(view, parties.locked, ReceivedColumn.STATUS) == "Locked"
    assert _cell(view, parties.later, ReceivedColumn.STATUS) == "Not yet valid"
    # A licensor's name is data: shown as typed, its tooltip escaped.
    assert _cell(view, parties.excerpts, ReceivedColumn.LICENSOR) == f"Maria {HOSTILE}"
    tip = str(
        view.model.index(_row(view, parties.excerpts), ReceivedColumn.LICENSOR).data(
            Qt.ItemDataRole.ToolTipRole
        )
    )
    assert "<img" not in tip and "&lt;img" in tip


def test_the_models_pass_the_model_tester(qtmodeltester, view: ReceivedView, parties) -> None:
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)
    entries = LicensedEntriesModel()
    entries.set_entries(view.model.record(_row(view, parties.active)).manifest.entries)
    qtmodeltester.check(entries)


def test_countdowns_in_days_hours_and_since() -> None:
    assert countdown(START + 12 * DAY + 5, START) == "in 12 day(s)"
    assert countdown(START + 3 * 3600 + 1, START) == "in 3 hour(s)"
    assert countdown(START + 59, START) == "in less than an hour"
    assert countdown(START - 3 * DAY, START) == "ended 3 day(s) ago"
    assert countdown(START - 2 * 3600, START) == "ended 2 hour(s) ago"
    assert countdown(START, START, ended=True) == "ended less than an hour ago"


def test_sorting_by_a_column_uses_its_value_not_its_words(view: ReceivedView, parties) -> None:
    view.table.sortByColumn(ReceivedColumn.ENDS, Qt.SortOrder.AscendingOrder)
    first = view.proxy.index(0, 0).data(Qt.ItemDataRole.UserRole + 1)
    assert first == parties.excerpts  # ends in 2 days, before the others


# -- reading ---------------------------------------------------------------------------


def test_opening_an_entry_shows_its_banner_and_body(qtbot, view: ReceivedView, parties, session) -> None:
    _choose(qtbot, view, parties.active)
    assert [view.pane.entries.index(r, 0).data() for r in range(view.pane.entries.rowCount())] == [
        "客户投诉升级流程",
        "Escalate early",
    ]
    assert not view.pane.state.isVisible()  # nothing stands in the way
    _open_entry(qtbot, view, 0)
    reader = view.pane.reader
    assert reader.title.text() == "客户投诉升级流程"
    assert reader.licensed.text().startswith("Licensed by 李伟 Li Wei until ")
    assert reader.uses.text() == "Permitted uses: read, copy excerpts, AI look-up."
    assert reader.review.text().startswith("Human review required")
    assert "Origin: learned at Acme 客服部." in reader.about.text()
    qtbot.waitUntil(lambda: reader.body.rendered_text is not None, timeout=UI_WAIT_MS)
    html = reader.body.toHtml()
    assert "一小时内" in html and "<script>" not in reader.body.toPlainText().replace(
        "<script>x</script>", ""
    )
    assert "&lt;script&gt;" in html  # raw HTML in a body is text, never markup
    # What was read is recorded (which entries, never their text).
    events = [e for e in _audit(qtbot, session) if e.event == "viewed"]
    assert events and events[-1].detail["entries"] == ["entry0x"] and events[-1].detail["purpose"] == "view"


def test_a_hostile_title_is_plain_text(qtbot, view: ReceivedView, parties) -> None:
    _choose(qtbot, view, parties.excerpts)
    assert view.pane.entries.index(0, 0).data() == f"Refund rules {HOSTILE}"
    _open_entry(qtbot, view, 0)
    assert view.pane.reader.title.text() == f"Refund rules {HOSTILE}"
    assert view.pane.reader.title.textFormat() == Qt.TextFormat.PlainText
    assert view.pane.reader.review.text() == "Human review of AI use: not required by the terms."


def test_a_locked_license_says_what_is_needed_and_refuses_its_text(
    qtbot, view: ReceivedView, parties
) -> None:
    _choose(qtbot, view, parties.locked)
    assert (
        view.pane.state.isVisible()
        and view.pane.state_refresh.isVisible()
        and view.pane.state_load.isVisible()
    )
    text = view.pane.state_text.text()
    assert text.startswith("Locked: the terms ask for a status document from Maria")
    assert "no older than 1 day(s)" in text and "Ask Maria" in text  # no status address: a file
    _open_entry(qtbot, view, 0)
    assert (
        view.pane.reader.refusal.isVisible() and "needs a status document" in view.pane.reader.refusal.text()
    )
    assert not view.pane.reader.body.isVisible() and not view.pane.reader.banner.isVisible()


def test_a_license_not_yet_valid_says_when_it_starts(qtbot, view: ReceivedView, parties) -> None:
    _choose(qtbot, view, parties.later)
    assert view.pane.state_text.text().startswith("Not yet valid: this license starts on ")
    assert not view.pane.state_refresh.isVisible()


# -- status ----------------------------------------------------------------------------


def test_a_revocation_loaded_from_a_file_destroys_the_content(
    qtbot, view: ReceivedView, parties, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _choose(qtbot, view, parties.active)
    _open_entry(qtbot, view, 0)
    status = tmp_path / "li.status"
    status.write_bytes(make_status(parties.li, 1, revoked=[(parties.active, START, "contract ended")]))
    monkeypatch.setattr(Choose, "status_file", classmethod(lambda cls, parent: status))
    with qtbot.waitSignal(view.changed, timeout=UI_WAIT_MS):
        view.load_button.click()
    qtbot.waitUntil(lambda: view.record is not None and view.record.status == "destroyed", timeout=UI_WAIT_MS)
    assert _cell(view, parties.active, ReceivedColumn.STATUS) == "Destroyed"
    assert _cell(view, parties.active, ReceivedColumn.ENDS).endswith("(ended less than an hour ago)")
    assert view.pane.state.isVisible()
    assert view.pane.state_text.text().startswith("The content was destroyed on ")
    assert view.pane.state_text.text().endswith("李伟 Li Wei revoked the license (contract ended).")
    assert view.pane.reader.entry is None and view.pane.reader.title.text() == ""  # what was shown is gone
    _open_entry(qtbot, view, 1)
    assert view.pane.reader.refusal.text() == view.pane.state_text.text()
    assert not view.pane.accept_button.isEnabled() and not view.pane.export_action.isEnabled()
    assert view.refresh_note.text() == "Status refreshed: 1 license(s) changed."


def test_a_status_file_that_is_not_one_is_said_in_one_line(
    qtbot, view: ReceivedView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    garbage = tmp_path / "garbage.status"
    garbage.write_bytes(b"not a status document")
    monkeypatch.setattr(Choose, "status_file", classmethod(lambda cls, parent: garbage))
    with qtbot.waitSignal(view.message, timeout=UI_WAIT_MS) as said:
        view.load_button.click()
    assert "\n" not in said.args[0] and said.args[0]
    folder = tmp_path
    monkeypatch.setattr(Choose, "status_file", classmethod(lambda cls, parent: folder))
    with qtbot.waitSignal(view.message, timeout=UI_WAIT_MS) as said:
        view.load_button.click()
    assert said.args[0] == f"{folder.name} is a folder, not a status file."
    assert view.load_button.isEnabled()


def test_a_fresh_status_unlocks_a_locked_license(
    qtbot, view: ReceivedView, parties, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _choose(qtbot, view, parties.locked)
    status = tmp_path / "maria.status"
    status.write_bytes(make_status(parties.maria, 1, issued_at=START))
    monkeypatch.setattr(Choose, "status_file", classmethod(lambda cls, parent: status))
    view.pane.state_load.click()
    qtbot.waitUntil(lambda: view.record is not None and view.record.status == "active", timeout=UI_WAIT_MS)
    assert not view.pane.state.isVisible()
    _open_entry(qtbot, view, 0)
    assert view.pane.reader.entry is not None and view.pane.reader.title.text() == "Stale"


def test_after_the_end_the_list_shows_the_content_destroyed(
    qtbot, view: ReceivedView, parties, clock: FakeClock
) -> None:
    clock.advance(3 * DAY)
    view.reload()
    qtbot.waitUntil(
        lambda: _cell(view, parties.excerpts, ReceivedColumn.STATUS) == "Destroyed", timeout=UI_WAIT_MS
    )
    assert _cell(view, parties.excerpts, ReceivedColumn.ENDS).endswith("(ended 1 day(s) ago)")
    _choose(qtbot, view, parties.excerpts)
    assert view.pane.state_text.text().startswith("The content was destroyed on ")
    assert "the license ended on" in view.pane.state_text.text()


# -- accepting ------------------------------------------------------------------------


def test_accepting_shows_the_terms_then_saves_a_receipt_that_verifies(
    qtbot, view: ReceivedView, parties, session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _choose(qtbot, view, parties.active)
    out = tmp_path / "receipt"
    asked: list[Path] = []

    def choose(cls, parent, suggested: Path) -> Path:
        asked.append(suggested)
        return out.with_suffix(".receipt")

    monkeypatch.setattr(Choose, "receipt_file", classmethod(choose))
    view.pane.accept_button.click()
    dialog = view.accept_dialog
    assert isinstance(dialog, AcceptDialog)
    assert dialog.terms.compensation.text() == "1200.00 CNY per month"
    assert "李伟 Li Wei" in dialog.explain.text() and "ledger" in dialog.explain.text()
    with (
        qtbot.waitSignal(dialog.saved, timeout=UI_WAIT_MS),
        qtbot.waitSignal(view.message, timeout=UI_WAIT_MS),
    ):
        dialog.accept_button.click()
    assert asked == [Path(f"李伟-Li-Wei-{parties.active[:8]}.receipt")]
    receipt = parse_receipt(out.with_suffix(".receipt").read_bytes())
    assert receipt.license_id == parties.active
    record = view.model.record(_row(view, parties.active))
    assert receipt.manifest_hash == record.manifest_hash
    assert dialog.outcome.text().startswith("Saved the receipt to ")


# -- skills ---------------------------------------------------------------------------


def test_export_as_skill_is_offered_only_where_permitted(qtbot, view: ReceivedView, parties) -> None:
    _choose(qtbot, view, parties.excerpts)
    assert not view.pane.export_action.isEnabled()
    assert view.pane.skill_note.text().startswith("The terms do not permit AI look-up")
    _choose(qtbot, view, parties.active)
    assert view.pane.export_action.isEnabled() and not view.pane.skill_note.isVisible()


def test_a_skill_is_exported_to_the_folder_chosen_once_and_pruned_after_the_end(
    qtbot, view: ReceivedView, parties, settings, session, clock: FakeClock, tmp_path, monkeypatch
) -> None:
    skills = tmp_path / "skills"
    skills.mkdir()
    asked: list[object] = []
    monkeypatch.setattr(
        Choose, "skill_folder", classmethod(lambda cls, parent, start: asked.append(start) or skills)
    )
    _choose(qtbot, view, parties.active)
    for _ in range(2):
        with qtbot.waitSignal(view.exporter.exported, timeout=UI_WAIT_MS) as done:
            view.pane.export_action.trigger()
    assert asked == [None]  # asked once, then remembered for this vault
    assert settings.skill_folder(session.vault_id) == skills
    folder = done.args[0]
    assert folder.parent == skills and read_marker(folder) == parties.active
    assert (folder / "SKILL.md").read_text("utf-8").count("客户投诉升级流程") >= 1

    clock.advance(91 * DAY)
    with qtbot.waitSignal(view.refresher.refreshed, timeout=UI_WAIT_MS) as refreshed:
        view.refresh_button.click()
    assert refreshed.args[0].pruned == (folder,)
    assert not folder.exists()
    assert "1 agent skill(s) of ended licenses removed." in view.refresh_note.text()


def test_a_refused_export_says_why(qtbot, view: ReceivedView, parties, tmp_path, monkeypatch) -> None:
    # The core decides: a license locked since the list was read is refused with its sentence.
    skills = tmp_path / "skills"
    monkeypatch.setattr(Choose, "skill_folder", classmethod(lambda cls, parent, start: skills))
    with qtbot.waitSignal(view.message, timeout=UI_WAIT_MS) as said:
        view.exporter.export(parties.excerpts)
    assert "does not permit ai-retrieval" in said.args[0]


def test_clear_forgets_everything_shown(qtbot, view: ReceivedView, parties) -> None:
    _choose(qtbot, view, parties.active)
    _open_entry(qtbot, view, 0)
    view.clear()
    assert view.model.rowCount() == 0 and view.pane.entries.rowCount() == 0
    assert view.pane.reader.title.text() == "" and view.record is None and view.refresh_note.text() == ""
    assert view.stack.currentWidget() is view.empty


def test_the_model_alone_reads_a_list() -> None:
    model = ReceivedModel()
    model.set_list(ReceivedList((), START))
    assert model.rowCount() == 0 and model.headerData(0, Qt.Orientation.Horizontal) == "Licensor"
