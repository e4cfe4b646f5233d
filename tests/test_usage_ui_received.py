"""The employer's side of usage reports in the app: Save Usage Report… signs what was read, and the
terms say when reports are asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.licensing import received_view
from knowhold.ui.licensing.received_view import ReceivedView
from knowhold.ui.session import VaultSession
from knowhold.vault import Vault
from knowhold.vault.licensing.identity import Identity, load_identity
from knowhold.vault.licensing.package import build_package
from knowhold.vault.licensing.received import Library
from knowhold.vault.licensing.terms import Revocation, Terms
from knowhold.vault.licensing.usage import parse_report
from tests.conftest import FAST_KDF, PASSPHRASE, START, UI_WAIT_MS, FakeClock
from tests.licensing_kit import DAY, entries, trust

LI = Identity.generate("Li Wei", created_at=START - DAY)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, bytes]:
    """The employer's vault: one license that asks for monthly reports, read once in the app."""
    path = tmp_path_factory.mktemp("usage-received") / "vault"
    with Vault.create(path, PASSPHRASE, clock=FakeClock(START), name="Acme", kdf=FAST_KDF).vault as vault:
        trust(vault, LI)
        data, _package = build_package(
            LI,
            load_identity(vault.db).public,
            entries(2),
            license_id="3c" * 16,
            issued_at=START,
            not_before=START,
            expires_at=START + 60 * DAY,
            terms=Terms.make(allow=["ai-retrieval"], usage_report="monthly"),
            revocation=Revocation(),
        )
        library = Library(vault)
        lid = library.ingest(data).license_id
        library.show(lid, "entry1x")
        key = load_identity(vault.db).public.signing_key
    return path, lid, key


@pytest.fixture
def view(qtbot, session: VaultSession, settings, clock: FakeClock) -> ReceivedView:
    clock.advance(DAY)
    view = ReceivedView(session, settings)
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.show()
    view.reload()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=UI_WAIT_MS)
    return view


def test_save_usage_report_signs_what_was_read(
    qtbot,
    view: ReceivedView,
    template: tuple[Path, str, bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lid = template[1]
    assert view.select_license(lid)
    qtbot.waitUntil(
        lambda: view.record is not None and view.pane.usage_button.isEnabled(), timeout=UI_WAIT_MS
    )
    out = tmp_path / "usage.txt"
    monkeypatch.setattr(Choose, "usage_report_file", classmethod(lambda _cls, _parent, _suggested: out))
    with qtbot.waitSignal(view.message, timeout=UI_WAIT_MS) as said:
        view.pane.usage_button.click()
    report = parse_report(out.read_bytes(), template[2])  # signed by the employer's own key
    assert said.args == [f"Saved usage report {report.sequence} to {out}: send it to the licensor."]
    assert [(r.entry_id, r.channel, r.returned, r.read) for r in report.rows] == [("entry1x", "app", 0, 1)]


def test_a_report_that_cannot_be_saved_says_why(
    qtbot,
    view: ReceivedView,
    template: tuple[Path, str, bytes],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    said: list[str] = []
    monkeypatch.setattr(received_view, "warn", lambda _parent, _title, text: said.append(text))
    assert view.select_license(template[1])
    qtbot.waitUntil(lambda: view.record is not None, timeout=UI_WAIT_MS)
    keep = tmp_path / "notes.txt"
    keep.write_text("mine")
    monkeypatch.setattr(Choose, "usage_report_file", classmethod(lambda _cls, _parent, _suggested: keep))
    view.pane.usage_button.click()
    qtbot.waitUntil(lambda: bool(said), timeout=UI_WAIT_MS)
    assert said == [f"{keep} exists and is not a usage report: refusing to overwrite it."]
    assert keep.read_text() == "mine"
