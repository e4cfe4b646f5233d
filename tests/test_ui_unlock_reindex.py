"""The unlock screen while a due rebuild of the search index runs (issue 11).

Once after an update, opening the vault rebuilds the search index (about 2 ms
an entry), so the screen must say why the unlock takes a minute. The rebuild
here is held at its first report after the start until the dialog has shown
it, so the test never depends on the machine's speed.
"""

from __future__ import annotations

import threading
from pathlib import Path

from knowhold.ui.dialogs.unlock import UnlockDialog
from knowhold.ui.session import VaultSession
from knowhold.vault import Vault
from knowhold.vault.knowledge.entries import REINDEX_REPORT_EVERY
from knowhold.vault.progress import Progress
from tests.conftest import FAST_KDF, PASSPHRASE, UI_WAIT_MS, FakeClock

ENTRIES = REINDEX_REPORT_EVERY + 1


def _due_vault(path: Path, clock: FakeClock) -> None:
    with Vault.create(path, PASSPHRASE, clock=clock, kdf=FAST_KDF).vault as vault:
        for n in range(ENTRIES):
            vault.entries.add("note", f"Rollback {n}", "Roll back the release.")
        vault.db.conn.execute("INSERT INTO entries_fts (entries_fts) VALUES ('delete-all')")
        vault.db.set_meta("reindex", "due")  # as a migration that changes the index text leaves it


def test_unlock_shows_a_due_rebuild_of_the_search_index_and_then_never_again(
    qtbot, runner, tmp_path: Path
) -> None:
    clock = FakeClock()
    path = tmp_path / "vault"
    _due_vault(path, clock)
    shown = threading.Event()
    reports: list[int] = []

    def opener(vault_path: Path, passphrase: str, *, clock: FakeClock, progress: Progress | None) -> Vault:
        assert progress is not None

        def held(done: int, total: int, what: str) -> None:
            reports.append(done)
            progress(done, total, what)
            if done == REINDEX_REPORT_EVERY:
                shown.wait(timeout=UI_WAIT_MS / 1000)  # until the dialog has shown this report

        return Vault.open(vault_path, passphrase, clock=clock, progress=held)

    session = VaultSession(path, clock, opener=opener)
    dialog = UnlockDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    expected = f"Updating the search index (once, after an update)… {REINDEX_REPORT_EVERY} of {ENTRIES}"
    try:
        with qtbot.waitSignal(dialog.unlocked, timeout=UI_WAIT_MS):
            dialog.unlock_with(PASSPHRASE)
            qtbot.waitUntil(
                lambda: dialog.reindex_note.isVisible() and dialog.reindex_note.text() == expected,
                timeout=UI_WAIT_MS,
            )
            assert dialog.busy_bar.isVisible()
            assert (dialog.busy_bar.maximum(), dialog.busy_bar.value()) == (ENTRIES, REINDEX_REPORT_EVERY)
            shown.set()
        assert reports == [0, REINDEX_REPORT_EVERY, ENTRIES]
        assert not dialog.reindex_note.isVisible() and not dialog.busy_bar.isVisible()
        session.lock()
        reports.clear()
        dialog.reset()
        with qtbot.waitSignal(dialog.unlocked, timeout=UI_WAIT_MS):
            dialog.unlock_with(PASSPHRASE)
        assert reports == []  # done once: an ordinary unlock has nothing to report
        assert not dialog.reindex_note.isVisible()
    finally:
        shown.set()
        session.lock()
