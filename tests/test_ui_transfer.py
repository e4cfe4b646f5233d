"""Import, export, backup and restore from the window, driven end to end on a real vault.

Paths are chosen by replacing ``Choose`` and ``RestoreDialog.ask`` (tests
cannot drive native file dialogs); everything else is the real window, the
real worker and the real core. The progress dialog is forced to appear at
once (``delay_ms = 0``); where a test needs it on screen while work is under
way, the worker is held inside the core's progress callback by an Event
until the test lets it go. Every wait is ``waitUntil``, never a sleep.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QMimeData, QPoint, QPointF, QProcess, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from knowhold.ui.dialogs.choose import Choose
from knowhold.ui.dialogs.restore import RestoreDialog, RestoreRequest, folder_problem
from knowhold.ui.dialogs.transfer_summary import Reports, SkippedModel, SummaryDialog
from knowhold.ui.file_drop import local_paths
from knowhold.ui.i18n import ENGLISH, Translations
from knowhold.ui.main_window import MainWindow
from knowhold.ui.models.entry_list import Column
from knowhold.ui.models.sidebar import COUNT_ROLE
from knowhold.ui.session import ALL_ENTRIES, VaultSession
from knowhold.ui.tasks import ProgressOp, ProgressRelay
from knowhold.ui.transfer import NewExportFolder
from knowhold.vault import Vault
from knowhold.vault.errors import Cancelled
from knowhold.vault.knowledge.porting import ImportSummary, SkipReason
from tests.conftest import FAST_KDF, PASSPHRASE, FakeClock

WAIT_MS = 15_000
HOLD_S = 15

ZH_TITLE = "发布复盘"
ZH_BODY = "每次上线以后，我们都会认真复盘这次发布的问题。\n\n#复盘\n"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, None]:
    """One closed vault holding one entry, copied for each test (one Argon2id run)."""
    path = tmp_path_factory.mktemp("transfer-template") / "vault"
    vault = Vault.create(path, PASSPHRASE, clock=FakeClock(), name="Li Wei", kdf=FAST_KDF).vault
    try:
        vault.entries.add("note", "Vendor contacts", "Ask Maria.", ["people"])
    finally:
        vault.close()
    return path, None


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Lets a held worker go; set at teardown too, so a failed test never hangs the worker."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def session(session: VaultSession, release: threading.Event) -> Iterator[VaultSession]:
    """The shared unlocked session; a held worker is let go before it is shut down."""
    yield session
    release.set()


@pytest.fixture
def window(open_window, session: VaultSession) -> MainWindow:
    window = open_window(session, 1, sidebar=True)
    window.transfers.delay_ms = 0  # the progress dialog shows at once
    return window


def write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    """Three Markdown notes (English and Chinese), a picture and a binary file named .md."""
    root = tmp_path / "notes"
    write(root / "Restart first.md", "---\nkind: heuristic\ntags: [ops]\n---\nThen rebuild.\n")
    write(root / "复盘" / f"{ZH_TITLE}.md", ZH_BODY)
    write(root / "Month-end close.md", "# Month-end close\n\n1. Reconcile the ledger #finance\n")
    write(root / "picture.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(root / "binary.md", b"abc\x00\x01\x02")
    return root


def titles(window: MainWindow) -> set[str]:
    model = window.model
    return {model.index(row, Column.TITLE).data() for row in range(model.rowCount())}


def sidebar_counts(window: MainWindow) -> dict[str, int]:
    model = window.sidebar.sidebar_model
    return {model.index(r).data(): model.index(r).data(COUNT_ROLE) for r in range(model.rowCount())}


def summary(qtbot, window: MainWindow) -> SummaryDialog:
    transfers = window.transfers
    qtbot.waitUntil(
        lambda: transfers.summary_dialog is not None and transfers.summary_dialog.isVisible(),
        timeout=WAIT_MS,
    )
    assert transfers.summary_dialog is not None
    assert transfers.op is not None and transfers.op.progress_dialog is None  # closed when done
    return transfers.summary_dialog


def error_text(qtbot, window: MainWindow) -> str:
    transfers = window.transfers
    qtbot.waitUntil(
        lambda: transfers.error_box is not None and transfers.error_box.isVisible(), timeout=WAIT_MS
    )
    assert transfers.error_box is not None
    return transfers.error_box.text()


def hold_at(
    monkeypatch,
    session: VaultSession,
    method: str,
    at: Callable[[int, str], bool],
    release: threading.Event,
    *,
    reported: bool = False,
) -> threading.Event:
    """Hold the worker in ``method``'s progress callback at the first report ``at`` accepts.

    ``method`` takes ``(path, progress)``. With ``reported`` the report reaches the window
    first; without, the hold comes before it, so a Cancel pressed meanwhile stops the
    work right there, before the next file.
    """
    reached = threading.Event()
    original = getattr(session, method)

    def call(path, progress):  # type: ignore[no-untyped-def]
        def report(done: int, total: int, what: str) -> None:
            hold = not reached.is_set() and at(done, what)
            if hold and reported:
                progress(done, total, what)
            if hold:
                reached.set()
                release.wait(timeout=HOLD_S)
            progress(done, total, what)

        return original(path, report)

    monkeypatch.setattr(session, method, call)
    return reached


def shown_progress(qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
    op = window.transfers.op
    assert op is not None
    qtbot.waitUntil(
        lambda: op.progress_dialog is not None and op.progress_dialog.isVisible(), timeout=WAIT_MS
    )
    return op.progress_dialog


# -- import --------------------------------------------------------------------------------


def test_import_folder_shows_progress_then_a_summary_and_the_entries(
    qtbot, qtmodeltester, monkeypatch, window, session, notes, release
):
    reached = hold_at(monkeypatch, session, "import_paths", lambda done, _: done == 1, release, reported=True)
    monkeypatch.setattr(Choose, "folder_to_import", classmethod(lambda cls, parent: notes))
    window.actions_by_name["import_folder"].trigger()

    assert reached.wait(HOLD_S)
    dialog = shown_progress(qtbot, window)
    # Four files named .md (one of them binary, skipped when read); the second is next.
    qtbot.waitUntil(lambda: "2 of 4: notes/" in dialog.detail.text(), timeout=WAIT_MS)
    assert dialog.bar.maximum() == 1000 and dialog.bar.value() == 250
    assert dialog.cancel_button.isEnabled()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal  # this window only
    release.set()

    report = summary(qtbot, window)
    assert report.windowTitle() == "Import Finished"
    text = report.text.text()
    assert "3 new entries imported." in text and "2 files skipped" in text
    view = report.skipped_view
    assert view is not None
    model = view.model()
    assert isinstance(model, SkippedModel)
    qtmodeltester.check(model)
    rows = {
        model.index(r, SkippedModel.FILE).data(): model.index(r, SkippedModel.REASON).data()
        for r in range(model.rowCount())
    }
    assert rows == {
        "notes/picture.png": "not a note file (.md, .markdown or .txt)",
        "notes/binary.md": (
            "not text: a binary file such as an image, or text in an encoding Knowhold does not read"
        ),
    }
    report.accept()

    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=WAIT_MS)
    assert titles(window) == {"Vendor contacts", "Restart first", ZH_TITLE, "Month-end close"}
    qtbot.waitUntil(lambda: sidebar_counts(window).get("All entries") == 4, timeout=WAIT_MS)
    counts = sidebar_counts(window)
    assert counts["Heuristic"] == 1 and counts["Note"] == 3
    assert counts["#复盘"] == 1 and counts["#ops"] == 1 and counts["#finance"] == 1


def test_cancel_mid_import_keeps_the_files_imported_before_it(
    qtbot, monkeypatch, window, session, tmp_path, release
):
    folder = tmp_path / "many"
    for n in range(6):
        write(folder / f"Note {n}.md", f"# Note {n}\n\n第{n}条笔记。\n")
    reached = hold_at(monkeypatch, session, "import_paths", lambda done, _: done == 3, release)
    assert window.transfers.import_paths([folder])
    assert window.transfers.busy
    assert not window.transfers.import_paths([folder])  # one job at a time

    assert reached.wait(HOLD_S)
    dialog = shown_progress(qtbot, window)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and not dialog.cancel_button.isEnabled()  # stays until the work stops
    assert dialog.label.text().startswith("Cancelling")
    release.set()

    report = summary(qtbot, window)
    assert report.windowTitle() == "Import Cancelled"
    assert "3 new entries imported." in report.text.text()
    assert "importing the same files again adds only the rest" in report.text.text()
    report.accept()
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=WAIT_MS)
    assert titles(window) == {"Vendor contacts", "Note 0", "Note 1", "Note 2"}

    # Consistent: importing again adds exactly the three that were not imported.
    monkeypatch.undo()
    window.transfers.import_paths([folder])
    again = summary(qtbot, window)
    assert "3 new entries imported." in again.text.text()
    assert "3 files were already imported and unchanged." in again.text.text()
    qtbot.waitUntil(lambda: window.model.rowCount() == 7, timeout=WAIT_MS)


def test_import_of_a_missing_path_is_a_plain_sentence(qtbot, window, tmp_path):
    window.transfers.import_paths([tmp_path / "gone"])
    text = error_text(qtbot, window)
    assert "no such file or folder" in text and "Traceback" not in text
    assert window.transfers.error_box is not None
    assert window.transfers.error_box.windowTitle() == "Import Failed"


# -- drag and drop -----------------------------------------------------------------------------


def drag(window: MainWindow, mime: QMimeData) -> tuple[bool, bool]:
    """Send a drag entering the window and a drop; whether each was accepted."""
    action, button, mods = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(20, 20), action, mime, button, mods)
    QApplication.sendEvent(window, enter)
    drop = QDropEvent(QPointF(20, 20), action, mime, button, mods)
    QApplication.sendEvent(window, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_dropping_a_folder_on_the_window_imports_it(qtbot, window, notes):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(notes))])
    assert drag(window, mime) == (True, True)
    report = summary(qtbot, window)
    assert "3 new entries imported." in report.text.text()
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=WAIT_MS)
    assert ZH_TITLE in titles(window)


def test_dropping_anything_but_local_files_is_refused(qtbot, window):
    text = QMimeData()
    text.setText("just some words")
    web = QMimeData()
    web.setUrls([QUrl("https://example.com/notes.md")])
    mixed = QMimeData()
    mixed.setUrls([QUrl.fromLocalFile("/tmp/a.md"), QUrl("https://example.com/b.md")])
    for mime in (text, web, mixed, QMimeData()):
        assert local_paths(mime) == []
        assert drag(window, mime) == (False, False)
    assert window.transfers.op is None  # nothing was started
    assert window.model.rowCount() == 1


# -- export ------------------------------------------------------------------------------------


def test_export_round_trip_and_a_foreign_folder_refused(qtbot, monkeypatch, window, tmp_path):
    out = tmp_path / "export"
    monkeypatch.setattr(Choose, "export_folder", classmethod(lambda cls, parent: out))
    window.actions_by_name["export"].trigger()
    report = summary(qtbot, window)
    assert report.windowTitle() == "Export Finished"
    assert re.search(rf"1 entr(y|ies) exported to {re.escape(str(out))}\.", report.text.text())
    assert "not encrypted" in report.text.text()
    assert report.show_folder is not None
    exported = out / "note" / "Vendor contacts.md"
    assert "Ask Maria." in exported.read_text("utf-8")
    report.accept()

    # Importing the export back changes nothing: same ids, same text.
    window.transfers.import_paths([out])
    back = summary(qtbot, window)
    assert "0 new entries imported." in back.text.text()
    assert "already imported and unchanged" in back.text.text()
    back.accept()
    qtbot.waitUntil(lambda: not window.model.is_loading, timeout=WAIT_MS)
    assert titles(window) == {"Vendor contacts"}

    # A folder of the user's own files is never written into.
    mine = tmp_path / "mine"
    write(mine / "keep.txt", "mine")
    window.transfers.export_to(mine)
    assert "not empty and was not made by a Knowhold export" in error_text(qtbot, window)
    assert sorted(p.name for p in mine.iterdir()) == ["keep.txt"]


def test_export_puts_notes_back_in_their_folders_or_by_kind(qtbot, monkeypatch, window, notes, tmp_path):
    window.transfers.import_paths([notes])
    summary(qtbot, window).accept()
    for action, out, where in (
        ("export", tmp_path / "tree", Path("复盘") / f"{ZH_TITLE}.md"),
        ("export_by_kind", tmp_path / "kinds", Path("heuristic") / "Restart first.md"),
    ):
        monkeypatch.setattr(Choose, "export_folder", classmethod(lambda cls, parent, out=out: out))
        window.actions_by_name[action].trigger()
        summary(qtbot, window).accept()
        assert (out / where).is_file()


def test_export_into_a_folder_of_ones_own_files_offers_a_new_dated_folder(
    qtbot, monkeypatch, window, tmp_path
):
    mine = tmp_path / "Documents"
    write(mine / "keep.txt", "mine")
    monkeypatch.setattr(Choose, "export_folder", classmethod(lambda cls, parent: mine))
    asked: list[tuple[Path, Path]] = []
    answer = [False]

    def ask(cls, parent, chosen, inside):  # type: ignore[no-untyped-def]
        asked.append((chosen, inside))
        return answer[0]

    monkeypatch.setattr(NewExportFolder, "ask", classmethod(ask))
    dated = mine / f"Knowhold export {QDate.currentDate().toString(Qt.DateFormat.ISODate)}"
    window.actions_by_name["export"].trigger()
    assert asked == [(mine, dated)]
    assert window.transfers.op is None and sorted(p.name for p in mine.iterdir()) == ["keep.txt"]  # declined

    answer[0] = True
    window.actions_by_name["export"].trigger()
    report = summary(qtbot, window)
    assert re.search(rf"exported to {re.escape(str(dated))}\.", report.text.text())
    report.accept()
    assert (dated / "note" / "Vendor contacts.md").is_file()
    assert (mine / "keep.txt").read_text("utf-8") == "mine"  # the user's file as it was

    # Taken by that export: the next one goes to " (2)"; the earlier export itself is exported into again.
    window.actions_by_name["export_by_kind"].trigger()
    assert asked[-1] == (mine, dated.with_name(f"{dated.name} (2)"))
    summary(qtbot, window).accept()
    assert (dated.with_name(f"{dated.name} (2)") / "note" / "Vendor contacts.md").is_file()
    count = len(asked)
    assert window.transfers.export_into(dated)
    summary(qtbot, window).accept()
    assert len(asked) == count  # an earlier export is no folder of the user's: nothing to ask


def test_the_new_folder_question_names_both_folders(qtbot, window, tmp_path):
    chosen = tmp_path / "文档"
    box, accept = NewExportFolder.box(window, chosen, chosen / "Knowhold export 2026-12-06")
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert "“文档” already holds files that are not a Knowhold export" in box.text()
    assert box.text().endswith("\n\nKnowhold export 2026-12-06")
    assert box.defaultButton() is accept and accept.text() == "Export to New Folder"
    box.deleteLater()


# -- backup and restore --------------------------------------------------------------------------


def test_backup_then_restore_into_a_new_folder(qtbot, monkeypatch, window, session, tmp_path):
    file = tmp_path / "backups" / "vault.backup"
    file.parent.mkdir()
    monkeypatch.setattr(Choose, "backup_file", classmethod(lambda cls, parent, suggested: file))
    window.actions_by_name["backup"].trigger()
    report = summary(qtbot, window)
    assert report.windowTitle() == "Backup Finished"
    assert str(file) in report.text.text()
    assert "passphrase or recovery code the vault has now" in report.text.text()
    assert file.stat().st_size > 0
    report.accept()

    # A wrong passphrase asks again, saying why; the existing vault folder is refused.
    target = tmp_path / "restored"
    asked: list[str] = []
    answers = iter(
        [
            RestoreRequest(target, "not the passphrase", None),
            RestoreRequest(session.path, PASSPHRASE, None),
            RestoreRequest(target, PASSPHRASE, None),
        ]
    )

    def ask(cls, parent, backup_file, suggested, error=""):  # type: ignore[no-untyped-def]
        assert backup_file == file
        asked.append(error)
        return next(answers)

    monkeypatch.setattr(Choose, "backup_to_restore", classmethod(lambda cls, parent: file))
    monkeypatch.setattr(RestoreDialog, "ask", classmethod(ask))
    window.actions_by_name["restore_backup"].trigger()
    restored = summary(qtbot, window)
    assert restored.windowTitle() == "Restore Finished"
    assert asked[0] == ""
    assert asked[1].startswith("That does not open this backup.")
    assert asked[2].startswith("A vault already exists at")
    text = restored.text.text()
    assert re.search(
        rf"1 entr(y|ies) restored into a new vault, “Li Wei”, in {re.escape(str(target))}\.", text
    )
    assert "unchanged" in text and "--vault" in text
    started: list[tuple[str, list[str]]] = []

    def start_detached(program, arguments):  # type: ignore[no-untyped-def]
        started.append((program, list(arguments)))
        return True, 4242

    monkeypatch.setattr(QProcess, "startDetached", staticmethod(start_detached))
    assert restored.open_vault is not None
    restored.open_vault.click()
    # The same interpreter and installation, on the restored folder; the summary closes.
    assert started == [(sys.executable, ["-m", "knowhold.ui.launcher", "--vault", str(target)])]
    assert not restored.isVisible()

    with Vault.open(target, PASSPHRASE, clock=FakeClock()) as copy:
        assert [s.title for s in copy.entries.page()[0]] == ["Vendor contacts"]
    assert window.model.rowCount() == 1  # the open vault is untouched


def test_cancelled_backup_leaves_no_file(qtbot, monkeypatch, window, session, tmp_path, release):
    file = tmp_path / "vault.backup"
    reached = hold_at(monkeypatch, session, "backup_to", lambda _done, stage: stage == "export", release)
    window.transfers.backup_to(file)
    assert reached.wait(HOLD_S)
    dialog = shown_progress(qtbot, window)
    dialog.reject()  # Escape: cancels, and the dialog stays until the work stops
    assert dialog.isVisible() and dialog.cancelling
    release.set()
    report = summary(qtbot, window)
    assert report.windowTitle() == "Backup Cancelled"
    assert "No backup file was written" in report.text.text()
    assert list(tmp_path.glob("*.backup*")) == [] and list(tmp_path.glob(".vault.backup*")) == []


def test_restore_dialog_checks_the_folder_and_returns_one_secret(qtbot, tmp_path):
    full = tmp_path / "full"
    write(full / "x.txt", "x")
    assert folder_problem(full) is not None and "not empty" in folder_problem(full)
    assert folder_problem(full / "x.txt") is not None
    assert folder_problem(Path("relative")) is not None
    assert folder_problem(tmp_path / "new") is None

    dialog = RestoreDialog(tmp_path / "a.backup", full)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()  # no secret yet
    dialog.secret.setText("ABCD-EFGH")
    dialog.use_code.setChecked(True)
    dialog.accept()
    assert dialog.error.text() and dialog.result() != RestoreDialog.DialogCode.Accepted
    dialog.folder.setText(str(tmp_path / "new"))
    assert dialog.request() == RestoreRequest(tmp_path / "new", None, "ABCD-EFGH")


# -- the progress relay ----------------------------------------------------------------------------


def test_relay_reaches_the_gui_thread_coalesced_and_cancels_from_any_thread(qtbot):
    relay = ProgressRelay()
    seen: list[tuple[int, int, str, bool]] = []
    gui = threading.current_thread()
    relay.progressed.connect(lambda d, t, w: seen.append((d, t, w, threading.current_thread() is gui)))

    def work() -> None:
        for n in range(100):
            relay(n, 100, f"file {n}")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    QApplication.processEvents()  # anything else queued would arrive now: there must be nothing
    assert seen == [(99, 100, "file 99", True)]  # one signal for the burst, the latest report

    errors: list[BaseException] = []
    canceller = threading.Thread(target=relay.cancel)
    canceller.start()
    canceller.join()
    try:
        relay(100, 100, "")
    except Cancelled as exc:
        errors.append(exc)
    assert len(errors) == 1 and relay.cancelled


def test_progress_waits_for_its_delay_before_showing(qtbot, runner, release):
    reached = threading.Event()
    results: list[int] = []

    def work(progress) -> int:  # type: ignore[no-untyped-def]
        progress(0, 1, "x")
        reached.set()
        release.wait(timeout=HOLD_S)
        return 7

    op = ProgressOp(None, work, results.append, title="T", label="L", delay_ms=60_000)
    op.run()
    assert reached.wait(HOLD_S)
    # The report was posted to this thread before `reached` was set: delivering
    # the posted events hands it over while the work runs, and no dialog shows
    # before its delay.
    QApplication.processEvents()
    assert op.progress_dialog is None and op.running
    release.set()
    qtbot.waitUntil(lambda: results == [7], timeout=WAIT_MS)
    assert op.progress_dialog is None and not op.running


def test_file_menu_and_empty_state_point_at_import(qtbot, window):
    file_menu = window.menuBar().actions()[0].menu()
    names = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    for name in (
        "&Import Files…",
        "Import &Folder…",
        "&Export as Markdown…",
        "&Back Up…",
        "Restore from Bac&kup…",
    ):
        assert name in names
    text = window._empty_text(ALL_ENTRIES)
    assert "Import Folder" in text and "knowhold import" not in text


def test_summaries_say_one_entry_and_two_entries(qapp):
    """The counts go through plural forms: with the English translation, "1 entry" not "1 entries"."""
    translations = Translations()
    translations.install(qapp, ENGLISH)
    try:
        reports = Reports()
        one = reports.imported(ImportSummary(1, 0, 1, (("n/a.png", SkipReason.NOT_MARKDOWN),), False))
        assert one.lines == (
            "1 new entry imported.",
            "1 file was already imported and unchanged.",
            "1 file skipped, listed below with the reason.",
        )
        two = reports.imported(ImportSummary(2, 2, 0, (), False))
        assert two.lines[:2] == (
            "2 new entries imported.",
            "2 entries updated from changed files (their earlier text stays in the history).",
        )
        assert reports.imported(ImportSummary(0, 0, 0, (), False)).lines == (
            "No files were found there to import.",
        )
        # Attachments found and notes read from another encoding are said, not only counted.
        other = reports.imported(
            ImportSummary(1, 0, 0, (), False, (("a.md", "gb18030"), ("b.txt", "big5")), ("img.png",))
        )
        assert other.lines[1:] == (
            "1 file the notes refer to was attached to them.",
            "2 notes were not in UTF-8 and were read as BIG5, GB18030: glance at them once.",
        )
    finally:
        translations.remove(qapp)
