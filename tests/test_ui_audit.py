"""The audit view: the vault's licensing records in a table, and the chain verified."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from knowhold.ui.dialogs.audit import AuditDialog
from knowhold.ui.dialogs.my_identity import MyIdentityDialog
from knowhold.ui.models.audit_log import AuditColumn, AuditLogModel, details_text, event_label
from knowhold.ui.models.entry_list import format_time
from knowhold.ui.session import VaultSession
from knowhold.ui.tasks import Op
from knowhold.vault import Vault
from knowhold.vault.licensing.audit import EVENTS, AuditEvent, AuditLog
from tests.conftest import FAST_KDF, PASSPHRASE, START, UI_WAIT_MS, FakeClock

LICENSE = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, None]:
    """One closed vault whose audit log holds three records, one quoting hostile text."""
    path = tmp_path_factory.mktemp("audit-template") / "vault"
    vault = Vault.create(path, PASSPHRASE, clock=FakeClock(), name="Li Wei", kdf=FAST_KDF).vault
    try:
        log = AuditLog(vault.db)
        with vault.db.transaction():
            log.append("ingested", LICENSE, entries=2)
            log.append("viewed", LICENSE, entries=["a1", "b2"])
            log.append("revoked", LICENSE, reason='<img src="/dev/zero"> ended')
    finally:
        vault.close()
    return path, None


def open_dialog(qtbot, session: VaultSession) -> AuditDialog:
    dialog = AuditDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=UI_WAIT_MS)
    return dialog


def test_the_model_shows_each_record_in_words(qtmodeltester) -> None:
    model = AuditLogModel()
    model.set_events(
        [
            AuditEvent(2, START + 60, "viewed", LICENSE, {"entries": ["a1"]}),
            AuditEvent(1, START, "ingested", LICENSE, {"entries": 2}),
            AuditEvent(3, START + 120, "something-new", None, {}),
        ]
    )
    qtmodeltester.check(model)
    assert [model.index(r, AuditColumn.EVENT).data() for r in range(3)] == [
        "License received",
        "Entries read",
        "something-new",  # an event this version does not know is shown as recorded
    ]
    assert model.index(1, AuditColumn.DETAILS).data() == 'entries: ["a1"]'
    assert model.index(2, AuditColumn.LICENSE).data() == ""
    assert model.headerData(AuditColumn.DETAILS, Qt.Orientation.Horizontal) == "Details"


def test_details_are_text_and_their_tooltips_are_escaped() -> None:
    assert details_text({"reason": "ended", "entries": 2}) == "entries: 2; reason: ended"
    # Times read as times, not seconds since 1970; keys the app does not know are shown as recorded.
    assert details_text({"expires_at": START, "zzz": [1]}) == f"ends: {format_time(START)}; zzz: [1]"
    model = AuditLogModel()
    model.set_events([AuditEvent(1, START, "revoked", LICENSE, {"reason": "<img src=/dev/zero>"})])
    tip = model.index(0, AuditColumn.DETAILS).data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "&lt;img" in tip
    assert event_label("revoked") == "License revoked"


def test_an_intact_log_is_said_to_be_intact(qtbot, session: VaultSession) -> None:
    dialog = open_dialog(qtbot, session)
    assert dialog.model.rowCount() == 3
    assert dialog.verdict.text() == "The log is intact: 3 record(s), each chained to the one before."
    assert dialog.verify_button.isEnabled()


def test_an_altered_record_is_found_and_said_plainly(qtbot, session: VaultSession) -> None:
    dialog = open_dialog(qtbot, session)
    assert dialog.report is not None and dialog.report.check.intact

    def forge() -> None:
        # A forger rewrites a record and its stored hash; the chain from the record before breaks.
        db = session._open_vault().db
        forged = '{"entries":["zz"]}'
        digest = hashlib.sha256(forged.encode()).digest()
        db.conn.execute("UPDATE audit SET detail = ?, hash = ? WHERE seq = 2", (forged, digest))

    done: list[object] = []
    Op(None, forge, done.append).run()
    qtbot.waitUntil(lambda: bool(done), timeout=UI_WAIT_MS)
    dialog.verify_button.click()
    qtbot.waitUntil(lambda: dialog.report is not None and not dialog.report.check.intact, timeout=UI_WAIT_MS)
    assert dialog.verdict.text().startswith("The log was altered: ")
    assert "color" in dialog.verdict.styleSheet()


@pytest.mark.parametrize(
    ("action", "attribute", "kind", "loaded"),
    [
        ("audit", "audit_dialog", AuditDialog, "report"),
        ("my_identity", "identity_dialog", MyIdentityDialog, "card"),
    ],
)
def test_the_window_opens_one_dialog_of_a_kind_and_lock_closes_it(
    qtbot, open_window, session, action: str, attribute: str, kind: type, loaded: str
) -> None:
    window = open_window(session, None)
    window.actions_by_name[action].trigger()
    first = getattr(window, attribute)
    assert isinstance(first, kind)
    window.actions_by_name[action].trigger()
    assert getattr(window, attribute) is first  # brought forward, not opened twice
    qtbot.waitUntil(lambda: getattr(first, loaded) is not None, timeout=UI_WAIT_MS)
    window.clear()
    assert getattr(window, attribute) is None


def test_every_event_the_core_records_has_words() -> None:
    # A new audit event (the MCP server's agent-call, say) must not reach the log as a raw name.
    assert [e for e in EVENTS if event_label(e) == e] == []
