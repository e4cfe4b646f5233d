"""Desktop safeguards: marked and cleared clipboard copies, one app per vault, lock on screen lock."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import SLOT, QDir, QMimeData, QObject, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtNetwork import QLocalSocket
from PySide6.QtWidgets import QApplication, QLineEdit, QTextBrowser, QWidget

from knowhold.ui import single_instance
from knowhold.ui.clipboard import (
    KDE_HINT,
    MAC_CONCEALED,
    WINDOWS_EXCLUDE,
    WINDOWS_NO_CLOUD,
    WINDOWS_NO_HISTORY,
    ClipboardGuard,
    sensitive_formats,
    windows_format,
)
from knowhold.ui.single_instance import COMMAND, SingleInstance, ask_to_raise, server_name
from knowhold.ui.system_events import SystemEvents
from knowhold.ui.widgets.markdown_editor import MarkdownEditor
from knowhold.vault import Vault
from tests.conftest import FAST_KDF, PASSPHRASE, FakeClock

WAIT_MS = 10_000  # generous: Argon2id on a busy 2-core CI runner
ROOT = Path(__file__).resolve().parent.parent
BODY = "The supplier's bank: IBAN DE89 3704 0044 0532 0130 00"


# -- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One closed vault with one entry, copied for each test (one Argon2id run)."""
    path = tmp_path_factory.mktemp("template") / "vault"
    vault = Vault.create(path, PASSPHRASE, clock=FakeClock(), name="Li Wei", kdf=FAST_KDF).vault
    try:
        entry_id = vault.entries.add("note", "Bank details", BODY).id
    finally:
        vault.close()
    return path, entry_id


@pytest.fixture
def clipboard(qtbot) -> Iterator[QClipboard]:
    board = QGuiApplication.clipboard()
    board.clear()
    yield board
    board.clear()


@pytest.fixture
def guards(clipboard: QClipboard) -> Iterator[list[ClipboardGuard]]:
    """Guards made by a test, deleted after it so none watches the next test's clipboard."""
    made: list[ClipboardGuard] = []
    yield made
    for guard in made:
        shiboken6.delete(guard)


def make_guard(guards: list[ClipboardGuard], clear_after_ms: int) -> ClipboardGuard:
    guard = ClipboardGuard(lambda: clear_after_ms)
    guards.append(guard)
    return guard


def assert_marked(board: QClipboard, text: str) -> None:
    data = board.mimeData()
    assert data is not None and data.text() == text
    assert bytes(data.data(KDE_HINT).data()) == b"secret"
    assert data.hasFormat(MAC_CONCEALED)


# -- clipboard ----------------------------------------------------------------------------


def test_the_hint_formats_per_platform():
    linux = sensitive_formats("linux")
    assert linux == {KDE_HINT: b"secret", MAC_CONCEALED: b"secret"}
    windows = sensitive_formats("win32")
    dword_zero = b"\0\0\0\0"
    assert windows[windows_format(WINDOWS_NO_HISTORY)] == dword_zero
    assert windows[windows_format(WINDOWS_NO_CLOUD)] == dword_zero
    assert windows_format(WINDOWS_EXCLUDE) in windows
    assert windows_format(WINDOWS_EXCLUDE) == (
        'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"'
    )


def test_editor_copy_is_marked_and_cleared_after_the_delay(qtbot, clipboard, guards):
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    guard = make_guard(guards, 50)
    editor.setPlainText(BODY)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert_marked(clipboard, BODY)
    assert guard.holding and guard.timer.isActive()
    with qtbot.waitSignal(guard.cleared, timeout=WAIT_MS):
        pass
    assert clipboard.text() == "" and not guard.holding


def test_editor_cut_through_the_edit_menu_path_is_marked(qtbot, clipboard, guards):
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    make_guard(guards, 60_000)
    editor.setPlainText("keep this. secret part")
    cursor = editor.textCursor()
    cursor.setPosition(11)
    cursor.setPosition(22, cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.cut()  # what the Edit menu calls on the focused widget
    assert_marked(clipboard, "secret part")
    assert editor.toPlainText() == "keep this. "


def test_a_later_copy_from_elsewhere_is_left_alone(qtbot, clipboard, guards):
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    guard = make_guard(guards, 50)
    editor.setPlainText(BODY)
    editor.selectAll()
    editor.copy()
    assert guard.holding
    clipboard.setText("a shopping list")  # copied meanwhile, not marked
    qtbot.waitUntil(lambda: not guard.timer.isActive(), timeout=WAIT_MS)
    assert clipboard.text() == "a shopping list"
    assert not guard.holding
    assert not guard.take_back()  # nor at lock
    assert clipboard.text() == "a shopping list"


def test_zero_means_no_timer_but_lock_still_clears_and_other_apps_secrets_stay(qtbot, clipboard, guards):
    guard = make_guard(guards, 0)
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.setPlainText(BODY)
    editor.selectAll()
    editor.copy()
    assert guard.holding and not guard.timer.isActive()  # 0: no timed clearing…
    assert guard.take_back()  # …but lock and quit still take it back
    assert clipboard.text() == ""

    # A password manager's copy carries the same hint: its own app clears it, not us.
    foreign = QMimeData()
    foreign.setText("hunter2")
    foreign.setData(KDE_HINT, b"secret")
    clipboard.setMimeData(foreign)
    assert not guard.holding
    assert not guard.take_back() and clipboard.text() == "hunter2"


def test_title_copy_cut_and_context_menu_are_marked(qtbot, clipboard, guards):
    title = QLineEdit("Bank details for the Q3 close")
    qtbot.addWidget(title)
    guard = make_guard(guards, 60_000)
    guard.watch(title)

    title.setSelection(0, 12)
    qtbot.keyClick(title, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert_marked(clipboard, "Bank details")
    assert title.text() == "Bank details for the Q3 close"

    clipboard.clear()
    title.copy()  # the Edit menu's path: the focused widget's copy(), by name
    assert_marked(clipboard, "Bank details")

    clipboard.clear()
    menu = guard.context_menu(title, QPoint(2, 2))
    copy = next(a for a in menu.actions() if a.objectName() == "edit-copy")
    copy.trigger()
    assert_marked(clipboard, "Bank details")
    menu.deleteLater()

    clipboard.clear()
    title.setSelection(12, 4)
    qtbot.keyClick(title, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert_marked(clipboard, " for")
    assert title.text() == "Bank details the Q3 close"
    title.undo()
    assert title.text() == "Bank details for the Q3 close"

    clipboard.clear()
    title.setEchoMode(QLineEdit.EchoMode.Password)
    title.selectAll()
    title.copy()
    assert clipboard.text() == ""  # never from a password field


def test_preview_copy_and_context_menu_are_marked(qtbot, clipboard, guards):
    preview = QTextBrowser()
    qtbot.addWidget(preview)
    guard = make_guard(guards, 60_000)
    guard.watch(preview)
    preview.setHtml("<p>Call <b>Maria</b> first.</p>")
    preview.selectAll()
    qtbot.keyClick(preview, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert_marked(clipboard, "Call Maria first.")
    assert "<b>" in clipboard.mimeData().html() or "font-weight" in clipboard.mimeData().html()

    clipboard.clear()
    menu = guard.context_menu(preview, QPoint(1, 1))
    next(a for a in menu.actions() if a.objectName() == "edit-copy").trigger()
    assert_marked(clipboard, "Call Maria first.")
    menu.deleteLater()


def test_entry_copies_are_marked_and_the_screen_locking_locks_and_clears(qtbot, shell, clipboard):
    shell.start(PASSPHRASE)
    window = shell.window
    qtbot.waitUntil(lambda: window.isVisible() and window.model.rowCount() == 1, timeout=WAIT_MS)
    window.table.selectRow(0)
    editor = window.editor
    qtbot.waitUntil(lambda: editor.body.toPlainText() == BODY, timeout=WAIT_MS)

    editor.title.selectAll()
    qtbot.keyClick(editor.title, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert_marked(clipboard, "Bank details")
    clipboard.clear()
    window.activateWindow()
    editor.title.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.title, timeout=WAIT_MS)
    editor.title.setSelection(0, 4)
    window.actions_by_name["copy"].trigger()  # Edit > Copy
    assert_marked(clipboard, "Bank")

    editor.body.selectAll()
    qtbot.keyClick(editor.body, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert_marked(clipboard, BODY)
    assert shell.clipboard.timer.isActive()
    assert shell.clipboard.timer.interval() == 30_000  # the setting's default

    shell.system_events.lock_now.emit()  # as when the screen locks or the lid closes
    assert not window.isVisible()
    assert clipboard.text() == ""  # taken back at once, with the window
    qtbot.waitUntil(shell.unlock_dialog.isVisible, timeout=WAIT_MS)
    assert not shell.session.is_open
    shell.system_events.lock_now.emit()  # locking again while locked does nothing
    assert shell.unlock_dialog.isVisible()


# -- one app per vault ----------------------------------------------------------------------


@pytest.fixture
def instances(qtbot) -> Iterator[list[SingleInstance]]:
    made: list[SingleInstance] = []
    yield made
    for instance in made:
        instance.close()
        shiboken6.delete(instance)


def make_instance(instances: list[SingleInstance], path: Path) -> SingleInstance:
    instance = SingleInstance(path)
    instances.append(instance)
    return instance


def test_a_second_start_brings_the_first_forward(qtbot, shell, vault_copy, instances):
    shell.start()
    first = make_instance(instances, vault_copy)
    assert first.claim() and first.listening
    first.raise_requested.connect(shell.bring_to_front)
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other, timeout=WAIT_MS)

    second = make_instance(instances, vault_copy)
    with qtbot.waitSignal(first.raise_requested, timeout=WAIT_MS):
        assert not second.claim()
    assert not second.listening
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shell.unlock_dialog, timeout=WAIT_MS)


def test_a_second_process_for_the_vault_exits_with_0(qtbot, tmp_path, instances):
    vault_path = tmp_path / "vault"  # the check comes before any vault is read
    first = make_instance(instances, vault_path)
    assert first.claim()
    raised: list[bool] = []
    first.raise_requested.connect(lambda: raised.append(True))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    process = subprocess.Popen(
        [sys.executable, "-m", "knowhold.ui.launcher", "--vault", str(vault_path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=30_000)
        _, stderr = process.communicate()
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0
    assert stderr.strip().splitlines() == [
        "knowhold: this vault is already open; its window was brought to the front."
    ]
    assert raised == [True]


def test_other_vaults_and_other_users_do_not_collide(qtbot, tmp_path, instances):
    a, b = tmp_path / "a", tmp_path / "b"
    assert server_name(a) != server_name(b)
    assert server_name(a, user="1000") != server_name(a, user="1001")
    assert server_name(a) == server_name(tmp_path / "x" / ".." / "a")  # the resolved path counts
    first = make_instance(instances, a)
    assert first.claim()
    raised: list[bool] = []
    first.raise_requested.connect(lambda: raised.append(True))
    assert make_instance(instances, b).claim()
    # The same vault asked next is answered: the one raise is that answer's, so
    # the other vault's claim raised nothing (a claim asks and waits for its reply).
    assert not make_instance(instances, a).claim()
    qtbot.waitUntil(lambda: raised == [True], timeout=WAIT_MS)


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX") or sys.platform == "win32", reason="Unix sockets")
def test_a_name_left_by_a_crash_is_taken_over(qtbot, tmp_path, instances):
    vault_path = tmp_path / "vault"
    name = server_name(vault_path)
    path = name if os.path.isabs(name) else os.path.join(QDir.tempPath(), name)
    dead = socket.socket(socket.AF_UNIX)
    dead.bind(path)  # bound, never listening, never unlinked: what a crash leaves
    dead.close()
    try:
        assert os.path.exists(path)
        instance = make_instance(instances, vault_path)
        assert instance.claim() and instance.listening
        assert ask_to_raise(name)  # and it answers
    finally:
        instance.close()
        assert not os.path.exists(path)


def test_hostile_clients_are_dropped_and_never_raise(qtbot, tmp_path, instances, monkeypatch):
    monkeypatch.setattr(single_instance, "CLIENT_TIMEOUT_MS", 100)
    instance = make_instance(instances, tmp_path / "vault")
    assert instance.claim()
    raised: list[bool] = []
    instance.raise_requested.connect(lambda: raised.append(True))

    def connect(payload: bytes) -> QLocalSocket:
        client = QLocalSocket()
        client.connectToServer(instance.name)
        assert client.waitForConnected(1000)
        if payload:
            client.write(payload)
            client.flush()
        return client

    garbage = connect(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    blob = connect(os.urandom(4 * 1024 * 1024))
    near_miss = connect(COMMAND[:-1] + b"?")
    silent = connect(b"")
    stalling = connect(COMMAND[:5])
    clients = (garbage, blob, near_miss, silent, stalling)
    unconnected = QLocalSocket.LocalSocketState.UnconnectedState
    qtbot.waitUntil(lambda: all(c.state() == unconnected for c in clients), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: instance.client_count == 0, timeout=WAIT_MS)
    assert raised == []
    for client in clients:
        assert client.bytesAvailable() == 0  # no reply, not even an error message

    assert ask_to_raise(instance.name)  # the real request still works
    assert raised == [True]


# -- lock when the desktop says so ----------------------------------------------------------------


def test_missing_buses_are_harmless(qtbot):
    from PySide6.QtDBus import QDBusConnection

    nowhere = QDBusConnection.connectToBus("unix:path=/nonexistent/knowhold-bus", "knowhold-test-nowhere")
    try:
        assert not nowhere.isConnected()
        events = SystemEvents()
        locks: list[bool] = []
        events.lock_now.connect(lambda: locks.append(True))
        events.start(session_bus=nowhere, system_bus=nowhere)
        assert events.sources == ()
        events.stop()
        assert locks == []
    finally:
        QDBusConnection.disconnectFromBus("knowhold-test-nowhere")


@pytest.fixture
def private_bus(qtbot) -> Iterator[str]:
    """A D-Bus daemon of the test's own, standing in for both the session and the system bus."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None or sys.platform == "win32":
        pytest.skip("no dbus-daemon")
    # The with block closes the daemon's stdout pipe, which warned as unclosed.
    with subprocess.Popen(
        [daemon, "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as process:
        try:
            assert process.stdout is not None
            yield process.stdout.readline().strip()
        finally:
            process.terminate()
            process.wait(timeout=5)


def test_screen_saver_sleep_and_session_lock_signals_lock(qtbot, private_bus):
    from PySide6.QtCore import ClassInfo
    from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusObjectPath

    session_path = "/org/freedesktop/login1/session/_32"

    @ClassInfo({"D-Bus Interface": "org.freedesktop.login1.Manager"})
    class FakeLogin1(QObject):
        @Slot(str, result=QDBusObjectPath)
        def GetSession(self, name: str) -> QDBusObjectPath:
            return QDBusObjectPath(session_path if name == "auto" else "/nowhere")

    class Marker(QObject):
        """A signal the test sends after the others: D-Bus delivers one sender's in order."""

        arrived = Signal()

        @Slot()
        def receive(self) -> None:
            self.arrived.emit()

    ours = QDBusConnection.connectToBus(private_bus, "knowhold-test-ours")
    desktop = QDBusConnection.connectToBus(private_bus, "knowhold-test-desktop")
    manager = FakeLogin1()
    marker = Marker()
    try:
        assert desktop.registerService("org.freedesktop.login1")
        assert desktop.registerService("org.freedesktop.ScreenSaver")
        assert desktop.registerObject(
            "/org/freedesktop/login1", manager, QDBusConnection.RegisterOption.ExportAllSlots
        )
        events = SystemEvents()
        locks: list[bool] = []
        events.lock_now.connect(lambda: locks.append(True))
        events.start(session_bus=ours, system_bus=ours)
        qtbot.waitUntil(lambda: "login1.Session.Lock" in events.sources, timeout=WAIT_MS)
        assert "login1.PrepareForSleep" in events.sources
        assert "org.freedesktop.ScreenSaver.ActiveChanged" in events.sources

        def send(path: str, interface: str, name: str, *arguments: object) -> None:
            message = QDBusMessage.createSignal(path, interface, name)
            message.setArguments(list(arguments))
            assert desktop.send(message)

        screensaver = ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged")
        sleep = ("/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep")
        send(*screensaver, False)  # the screen saver going away: nothing to do
        send(*sleep, False)  # waking up: nothing to do
        with qtbot.waitSignal(events.lock_now, timeout=WAIT_MS):
            send(*screensaver, True)
        with qtbot.waitSignal(events.lock_now, timeout=WAIT_MS):
            send(*sleep, True)
        with qtbot.waitSignal(events.lock_now, timeout=WAIT_MS):
            send(session_path, "org.freedesktop.login1.Session", "Lock")
        marked = ("/knowhold/test", "org.knowhold.Test", "Marker")
        assert ours.connect("", *marked, marker, SLOT("receive()"))
        with qtbot.waitSignal(marker.arrived, timeout=WAIT_MS):
            send("/org/freedesktop/login1/session/_33", "org.freedesktop.login1.Session", "Lock")
            send(*marked)
        assert locks == [True, True, True]  # another session locking is not ours
    finally:
        QDBusConnection.disconnectFromBus("knowhold-test-ours")
        QDBusConnection.disconnectFromBus("knowhold-test-desktop")


def test_the_guard_keeps_a_digest_not_the_text(qtbot, clipboard, guards):
    guard = make_guard(guards, 60_000)
    editor = MarkdownEditor()
    qtbot.addWidget(editor)
    editor.setPlainText(BODY)
    editor.selectAll()
    editor.copy()
    assert guard.holding
    kept = [value for value in vars(guard).values() if isinstance(value, str | bytes)]
    assert kept  # the key and the digest
    assert all(BODY not in repr(value) and BODY.encode() not in repr(value).encode() for value in kept)
