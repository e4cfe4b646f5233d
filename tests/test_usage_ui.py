"""Usage reports in the app's ledger: Import Usage Report… takes one in, the license's detail shows
the counts per entry and per month, and a license whose monthly report is late is marked."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.licensing import ledger_view
from knowhold.ui.licensing.ledger_model import LedgerColumn
from knowhold.ui.licensing.ledger_view import LedgerView
from knowhold.ui.licensing.usage_view import UsageModel
from knowhold.ui.session import VaultSession
from knowhold.ui.settings import Settings
from knowhold.vault import Vault
from knowhold.vault.licensing.identity import Contacts, Identity, load_identity, make_card
from knowhold.vault.licensing.ledger import Ledger
from knowhold.vault.licensing.terms import Revocation, Terms
from knowhold.vault.licensing.usage import UsageRow, build_report, day_of
from knowhold.vault.licensing.usage_ledger import Counts
from tests.conftest import FAST_KDF, PASSPHRASE, START, UI_WAIT_MS, FakeClock
from tests.licensing_kit import DAY

ACME = Identity.generate("Acme Support", created_at=START - 90 * DAY)
OTHER = Identity.generate("Mallory", created_at=START - 90 * DAY)
ISSUED = START - 40 * DAY  # more than a month and a week ago: a report is overdue at START


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, bytes, list[str]]:
    """A worker's vault with one license to Acme that asks for monthly reports."""
    folder = tmp_path_factory.mktemp("usage-template")
    clock = FakeClock(ISSUED)
    with Vault.create(folder / "vault", PASSPHRASE, clock=clock, name="Li Wei", kdf=FAST_KDF).vault as vault:
        Contacts(vault.db).add(make_card(ACME), verified=True)
        ids = [
            vault.entries.add("playbook", "Escalate early", "Waiting two hours: escalate.", []).id,
            vault.entries.add("checklist", "交接清单", "交接前核对客户的未结问题。", []).id,
        ]
        lid = (
            Ledger(vault)
            .issue(
                to="Acme Support",
                entry_ids=ids,
                expires_at=ISSUED + 90 * DAY,
                terms=Terms.make(allow=["ai-retrieval"], usage_report="monthly"),
                revocation=Revocation(),
                out=folder / "acme.knowhold",
            )
            .license_id
        )
        licensor_key = load_identity(vault.db).public.signing_key
    return folder / "vault", lid, licensor_key, ids


@pytest.fixture
def view(qtbot, session: VaultSession, settings: Settings) -> LedgerView:
    view = LedgerView(session, settings)
    view.tz = UTC
    qtbot.addWidget(view)
    view.resize(1300, 900)
    view.show()
    with qtbot.waitSignal(view.loaded, timeout=UI_WAIT_MS):
        view.reload()
    return view


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(ledger_view, "warn", lambda _parent, _title, text: said.append(text))
    return said


def report(template: tuple[Path, str, bytes, list[str]], path: Path, signer: Identity = ACME) -> Path:
    """What Acme's Knowhold signs with ``received usage-report``: 40 days, both entries used."""
    _vault, lid, licensor_key, ids = template
    until = START - 3600
    path.write_bytes(
        build_report(
            signer,
            license_id=lid,
            licensor_key=licensor_key,
            sequence=until * 1000,
            since=ISSUED,
            until=until,
            rows=[
                UsageRow(day_of(ISSUED + DAY), ids[0], "mcp", 12, 3),
                UsageRow(day_of(ISSUED + DAY), ids[1], "app", 0, 1),
                UsageRow(day_of(START - DAY), ids[0], "mcp", 4, 2),
            ],
        )
    )
    return path


def test_a_usage_report_is_imported_and_its_counts_shown(
    qtbot, view: LedgerView, template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warnings: list[str]
) -> None:
    _vault, lid, _key, _ids = template
    status = view.model.index(0, LedgerColumn.STATUS)
    assert status.data() == "Active, report overdue"
    assert "usage report each month" in status.data(Qt.ItemDataRole.ToolTipRole)  # the tooltip says why
    qtbot.waitUntil(lambda: view.detail.details is not None, timeout=UI_WAIT_MS)
    box = view.detail.usage
    assert box.overdue.isVisible() and box.summary.text() == "No usage report imported yet."
    assert not box.entries.isVisible()

    chosen = report(template, tmp_path / "acme-usage.txt")
    monkeypatch.setattr(Choose, "usage_report_to_import", classmethod(lambda _cls, _parent: chosen))
    with qtbot.waitSignal(view.loaded, timeout=UI_WAIT_MS):
        view.usage_button.click()
    qtbot.waitUntil(lambda: view.model.index(0, LedgerColumn.STATUS).data() == "Active", timeout=UI_WAIT_MS)
    qtbot.waitUntil(lambda: box.entries_model.rowCount() == 2, timeout=UI_WAIT_MS)
    rows = [
        [box.entries_model.index(r, c).data() for c in range(3)] for r in range(box.entries_model.rowCount())
    ]
    assert rows == [["Escalate early", "16", "5"], ["交接清单", "0", "1"]]
    months = [box.months_model.index(r, 0).data() for r in range(box.months_model.rowCount())]
    assert months == ["August 2026", "September 2026"]  # ISSUED + 1 day, START - 1 day (UTC)
    assert "Returned by search 16 times, read in full 6 times" in box.summary.text()
    assert not box.overdue.isVisible() and box.entries.isVisible()
    assert warnings == []

    # The same file again changes nothing; one signed by someone else is refused with the reason.
    forged = report(template, tmp_path / "forged.txt", OTHER)
    monkeypatch.setattr(Choose, "usage_report_to_import", classmethod(lambda _cls, _parent: forged))
    view.usage_button.click()
    qtbot.waitUntil(lambda: len(warnings) == 1, timeout=UI_WAIT_MS)
    assert warnings[0].startswith("forged.txt was not imported: ")
    assert f"not signed by the licensee of license {lid}" in warnings[0]
    monkeypatch.setattr(Choose, "usage_report_to_import", classmethod(lambda _cls, _parent: tmp_path))
    view.usage_button.click()
    qtbot.waitUntil(lambda: len(warnings) == 2, timeout=UI_WAIT_MS)
    assert warnings[1].endswith("This is a folder, not a usage report.")
    assert box.entries_model.rowCount() == 2


def test_the_usage_model_passes_the_model_tester(qtbot, qtmodeltester) -> None:
    model = UsageModel("Entry")
    model.set_rows([("Escalate early", Counts(3, 1)), ("交接清单", Counts(0, 2))])
    qtmodeltester.check(model)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Read in full"


def test_the_wizard_can_ask_for_monthly_reports(qtbot, session: VaultSession) -> None:
    from knowhold.ui.licensing.wizard_draft import LicenseDraft
    from knowhold.ui.licensing.wizard_terms import TermsPage

    page = TermsPage(session, LicenseDraft())
    qtbot.addWidget(page)
    assert page.terms().usage_report is None  # not asked unless chosen
    page.usage_report.setChecked(True)
    assert page.terms().usage_report == "monthly"
    page.set_terms(Terms.make(allow=["ai-retrieval"]), 30)  # a preset without reports
    assert not page.usage_report.isChecked()
    page.set_terms(Terms.make(usage_report="monthly"), 30)
    assert page.usage_report.isChecked()
