"""One Knowhold per vault: a second start brings the first one's window forward.

A second start that names a license package (``knowhold license.knowhold``,
as when a package is opened from the file manager) hands that path to the
first instead, which shows its verification report once the vault is unlocked.

The vault's own file lock (vault/storage.py) already keeps a second process
from opening it; this spares the user the second window and its "in use"
message. Before any window shows, ``SingleInstance.claim()`` asks a running
instance for the same vault to come to the front over a local socket
(QLocalSocket/QLocalServer); if one answers, the caller exits. Otherwise this
process listens under that name.

The name is a hash of the user and the resolved vault path, so two users or two
vaults never meet. On Linux the socket lives in $XDG_RUNTIME_DIR (the user's
own 0700 folder), so another user cannot put a socket there first and answer
for us; elsewhere Qt's default place is used (the per-user temporary folder on
macOS, a named pipe on Windows), with access limited to the user.

The protocol is one line and one fixed reply: the fixed command word, or the
open command with an absolute path in base64. The server reads at most the
longest line allowed, drops a client whose bytes stop matching either form,
gives each client a second, and holds a handful of clients at once: a hostile
local program can make the window come forward, or show the report of a file
it names (which stores nothing unless the user adds it), and nothing else.
"""

from __future__ import annotations

import base64
import binascii
import getpass
import hashlib
import os
import re
import stat
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

COMMAND = b"KNOWHOLD-RAISE\n"
OPEN_COMMAND = b"KNOWHOLD-OPEN "  # then the path's bytes in base64, and a newline
MAX_PATH_BYTES = 4096  # PATH_MAX on Linux; longer paths are opened by this process itself
MAX_REQUEST = len(OPEN_COMMAND) + 4 * -(-MAX_PATH_BYTES // 3) + 1
REPLY = b"OK\n"
REPLY_TIMEOUT_MS = 1500  # the running app may be busy for a moment
CLIENT_TIMEOUT_MS = 1000  # a client must send the command within this
MAX_CLIENTS = 4


def _user() -> str:
    if hasattr(os, "getuid"):
        return str(os.getuid())
    # Windows: pipe names are machine-wide, so the account name keeps users apart.
    domain = os.environ.get("USERDOMAIN", "")
    return f"{domain}\\{getpass.getuser()}"


def _private_runtime_dir() -> Path | None:
    """$XDG_RUNTIME_DIR when it is a folder only this user can enter, else None."""
    value = os.environ.get("XDG_RUNTIME_DIR")
    if not value or not hasattr(os, "getuid"):
        return None
    try:
        info = os.stat(value)
    except OSError:
        return None
    private = stat.S_ISDIR(info.st_mode) and info.st_mode & 0o077 == 0
    return Path(value) if private and info.st_uid == os.getuid() else None


def server_name(vault_path: Path, user: str | None = None) -> str:
    """The local socket name for ``vault_path`` and ``user`` (default: this user)."""
    resolved = os.path.normcase(str(Path(vault_path).expanduser().resolve()))
    who = _user() if user is None else user
    digest = hashlib.sha256(f"{who}\0{resolved}".encode("utf-8", "surrogatepass")).hexdigest()
    name = f"knowhold-{digest[:32]}"
    runtime = _private_runtime_dir() if sys.platform.startswith("linux") else None
    return str(runtime / name) if runtime is not None else name


_BASE64 = re.compile(rb"[A-Za-z0-9+/]*={0,2}")


class BadRequest(ValueError):
    """Bytes that can never become a request: the client is dropped."""


def open_request(path: Path) -> bytes | None:
    """The line asking to open ``path`` (made absolute); None if it cannot be sent."""
    raw = os.fsencode(Path(path).absolute())
    if len(raw) > MAX_PATH_BYTES or b"\0" in raw:
        return None
    return OPEN_COMMAND + base64.b64encode(raw) + b"\n"


def parse_request(data: bytes) -> Path | bool | None:
    """What ``data`` asks: True to come forward, a package's absolute path, None while incomplete.

    ``BadRequest`` as soon as ``data`` cannot be the start of a request.
    """
    if COMMAND.startswith(data):
        return True if data == COMMAND else None
    if not data.startswith(OPEN_COMMAND):
        if OPEN_COMMAND.startswith(data):
            return None
        raise BadRequest()
    body = data[len(OPEN_COMMAND) :]
    complete = body.endswith(b"\n")
    if complete:
        body = body[:-1]
    if len(data) > MAX_REQUEST or not _BASE64.fullmatch(body):
        raise BadRequest()
    if not complete:
        return None
    try:
        raw = base64.b64decode(body, validate=True)
    except binascii.Error as exc:
        raise BadRequest() from exc
    path = Path(os.fsdecode(raw))
    if not raw or b"\0" in raw or not path.is_absolute():
        raise BadRequest()
    return path


class _Client(QObject):
    """One connection to the server: reads one request or is dropped."""

    def __init__(self, socket: QLocalSocket, server: SingleInstance, timeout_ms: int) -> None:
        super().__init__(server)
        self._socket = socket
        self._server = server
        self._received = b""
        self._answered = False
        # Qt stops reading from the OS once this much is buffered: a client that
        # pours in data only fills its own socket buffer until it is dropped.
        socket.setReadBufferSize(MAX_REQUEST)
        socket.setParent(self)
        socket.readyRead.connect(self._read)
        socket.disconnected.connect(self.close)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(self.close)
        self._deadline.start(timeout_ms)

    def _read(self) -> None:
        wanted = MAX_REQUEST - len(self._received)
        if self._answered or wanted <= 0:
            return
        self._received += bytes(self._socket.read(wanted).data())
        try:
            request = parse_request(self._received)
        except BadRequest:
            self.close()
            return
        if request is None:
            return
        self._answered = True
        self._socket.write(REPLY)
        self._socket.flush()
        self._socket.disconnectFromServer()
        if isinstance(request, Path):
            self._server.open_requested.emit(request)
        else:
            self._server.raise_requested.emit()

    def close(self) -> None:
        if self._server.forget(self):
            self._deadline.stop()
            self._socket.abort()
            self.deleteLater()


class SingleInstance(QObject):
    raise_requested = Signal()
    """Another start for this vault asked this instance to show its window."""
    open_requested = Signal(object)
    """Another start for this vault named a license package to open (an absolute ``Path``)."""

    def __init__(self, vault_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(vault_path)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.setMaxPendingConnections(MAX_CLIENTS)
        self._server.newConnection.connect(self._accept)
        self._clients: list[_Client] = []

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    @property
    def client_count(self) -> int:
        """Connections being read now (each lasts a second at most)."""
        return len(self._clients)

    def claim(self, package: Path | None = None) -> bool:
        """True if this process is now the one for the vault; False if another answered.

        The one that answers opens ``package`` when given (a path longer than
        any system allows only brings it forward), else comes forward.

        A name nobody answers on is left over from a crash, or belongs to a
        start racing this one that is not listening yet. On Unix, Qt binds a
        socket with access options in a private folder and renames it into
        place, which replaces a crash's leftover by itself; where listening
        fails instead (a Windows pipe still held), the name is asked once more,
        then removed and taken. Where listening fails anyway, the app still
        runs: the vault's file lock keeps two processes from opening it.
        """
        request = (open_request(package) if package is not None else None) or COMMAND
        if ask_to_raise(self.name, request=request):
            return False
        if self._server.listen(self.name):
            return True
        if ask_to_raise(self.name, request=request):
            return False
        QLocalServer.removeServer(self.name)
        self._server.listen(self.name)
        return True

    def close(self) -> None:
        for client in list(self._clients):
            client.close()
        self._server.close()

    def forget(self, client: _Client) -> bool:
        if client in self._clients:
            self._clients.remove(client)
            return True
        return False

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if len(self._clients) >= MAX_CLIENTS:
                socket.abort()
                socket.deleteLater()
                continue
            self._clients.append(_Client(socket, self, CLIENT_TIMEOUT_MS))


def ask_to_raise(name: str, timeout_ms: int = REPLY_TIMEOUT_MS, *, request: bytes = COMMAND) -> bool:
    """Ask the instance listening on ``name`` to come to the front (or what ``request``
    asks: ``open_request``); True if it said yes.

    Waits in a local event loop rather than blocking, so a server in the same
    process (as in the tests) can still answer.
    """
    if sys.platform == "win32":
        _allow_foreground()
    socket = QLocalSocket()
    loop = QEventLoop()
    reply = bytearray()

    def read() -> None:
        reply.extend(socket.read(len(REPLY) - len(reply)).data())
        if len(reply) >= len(REPLY):
            loop.quit()

    def connected() -> None:
        socket.write(request)
        socket.flush()

    socket.connected.connect(connected)
    socket.readyRead.connect(read)
    socket.disconnected.connect(loop.quit)
    socket.errorOccurred.connect(lambda _error: loop.quit())
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    socket.connectToServer(name)
    if socket.state() == QLocalSocket.LocalSocketState.UnconnectedState:
        return False  # nobody there: failed at once, as when no instance runs
    timer.start(timeout_ms)
    loop.exec()
    if len(reply) < len(REPLY) and socket.bytesAvailable():
        read()  # the reply and the hang-up arrived together
    timer.stop()
    socket.abort()
    return bytes(reply) == REPLY


def bring_to_front(window: QWidget | None) -> None:
    """Show ``window`` un-minimised, on top and active (as far as the desktop lets an app)."""
    if window is None or not window.isVisible():
        return
    window.setWindowState(
        (window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
    )
    window.raise_()
    window.activateWindow()


def _allow_foreground() -> None:
    # Windows lets only the foreground process hand the foreground on: this new
    # process has it (the user just started it), so let the running one take it.
    import ctypes

    asfw_any = -1
    ctypes.windll.user32.AllowSetForegroundWindow(asfw_any)  # type: ignore[attr-defined]
