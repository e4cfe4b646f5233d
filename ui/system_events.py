"""The desktop telling us to lock: the screen locked, or the computer is going to sleep.

``SystemEvents.lock_now`` is emitted for any of these, where the desktop
reports them; ``ui.app`` locks the vault on it. Every source is optional: no
bus, no service, or another platform simply means fewer reasons to lock, and
the idle timer (ui/autolock.py) still runs.

* Linux (and other D-Bus desktops), through QtDBus:
  - org.freedesktop.login1.Manager ``PrepareForSleep(true)`` on the system bus;
  - the login1 session's ``Lock`` signal (``loginctl lock-session``, and what
    many desktops send when the screen locks), for this user's session, found
    with ``GetSession("auto")``;
  - ``ActiveChanged(true)`` of org.freedesktop.ScreenSaver (KDE, Xfce, …) and
    org.gnome.ScreenSaver (GNOME) on the session bus.
  PrepareForSleep is sent as the system goes down; without a logind "delay"
  inhibitor the vault may lock only once the machine wakes, behind the
  screen locker that desktops start first. Taking that inhibitor is not done.
* Windows: WTS session notifications (WM_WTSSESSION_CHANGE with
  WTS_SESSION_LOCK) after WTSRegisterSessionNotification, and
  WM_POWERBROADCAST with PBT_APMSUSPEND, seen by a native event filter
  (``_WindowsSessionEvents``: ctypes and the Win32 calls are reached only there).
* macOS: not done (the NSWorkspace screen and sleep notifications need
  Objective-C bridging that the app does not carry).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QCoreApplication, QObject, Signal, Slot

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection
    from PySide6.QtGui import QWindow

LOGIN1 = "org.freedesktop.login1"
LOGIN1_PATH = "/org/freedesktop/login1"
LOGIN1_MANAGER = "org.freedesktop.login1.Manager"
LOGIN1_SESSION = "org.freedesktop.login1.Session"
SCREENSAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
)
SESSION_LOOKUP_TIMEOUT_MS = 2000


class SystemEvents(QObject):
    lock_now = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sources: list[str] = []
        self._windows: _WindowsSessionEvents | None = None
        self._system_bus: QDBusConnection | None = None

    @property
    def sources(self) -> tuple[str, ...]:
        """What is being listened to, by name (for tests and diagnostics)."""
        return tuple(self._sources)

    def start(
        self, session_bus: QDBusConnection | None = None, system_bus: QDBusConnection | None = None
    ) -> None:
        """Listen to whatever this platform offers; the buses default to the user's and the system's."""
        if sys.platform == "win32":
            self._windows = _WindowsSessionEvents(self.lock_now.emit)
            self._sources.extend(self._windows.start())
        elif sys.platform != "darwin":
            self._start_dbus(session_bus, system_bus)

    def stop(self) -> None:
        if self._windows is not None:
            self._windows.stop()
            self._windows = None

    # -- D-Bus ---------------------------------------------------------------------

    def _start_dbus(self, session_bus: QDBusConnection | None, system_bus: QDBusConnection | None) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusMessage
        except ImportError:  # a Qt build without D-Bus
            return
        from PySide6.QtCore import SLOT

        # The ignores on connect and callWithCallback: PySide6's stubs type Qt's
        # `const char *member` as bytes, but SLOT() returns str and PySide6 takes it.
        system = system_bus if system_bus is not None else QDBusConnection.systemBus()
        session = session_bus if session_bus is not None else QDBusConnection.sessionBus()
        if system.isConnected():
            if system.connect(  # type: ignore[call-overload]
                LOGIN1,
                LOGIN1_PATH,
                LOGIN1_MANAGER,
                "PrepareForSleep",
                self,
                SLOT("_on_prepare_for_sleep(bool)"),
            ):
                self._sources.append("login1.PrepareForSleep")
            # The session's object path, asked without waiting: its Lock signal comes from there.
            self._system_bus = system
            lookup = QDBusMessage.createMethodCall(LOGIN1, LOGIN1_PATH, LOGIN1_MANAGER, "GetSession")
            lookup.setArguments(["auto"])
            system.callWithCallback(  # type: ignore[call-overload]
                lookup,
                self,
                SLOT("_on_session_found(QDBusMessage)"),
                SLOT("_on_session_missing(QDBusError)"),
                SESSION_LOOKUP_TIMEOUT_MS,
            )
        if session.isConnected():
            for service, path, interface in SCREENSAVERS:
                if session.connect(  # type: ignore[call-overload]
                    service, path, interface, "ActiveChanged", self, SLOT("_on_screensaver(bool)")
                ):
                    self._sources.append(f"{service}.ActiveChanged")

    @Slot("QDBusMessage")
    def _on_session_found(self, reply: object) -> None:
        from PySide6.QtCore import SLOT
        from PySide6.QtDBus import QDBusMessage, QDBusObjectPath

        bus = self._system_bus
        if not isinstance(reply, QDBusMessage) or bus is None:
            return
        arguments = reply.arguments()
        path = arguments[0] if arguments else None
        if isinstance(path, QDBusObjectPath):
            path = path.path()
        if not isinstance(path, str) or not path.startswith(LOGIN1_PATH + "/"):
            return
        slot = SLOT("_on_session_lock()")
        if bus.connect(LOGIN1, path, LOGIN1_SESSION, "Lock", self, slot):  # type: ignore[call-overload]
            self._sources.append("login1.Session.Lock")

    @Slot("QDBusError")
    def _on_session_missing(self, _error: object) -> None:
        pass  # not in a login1 session (or no logind): sleep and screensaver still count

    @Slot(bool)
    def _on_prepare_for_sleep(self, going_to_sleep: bool) -> None:
        if going_to_sleep:
            self.lock_now.emit()

    @Slot(bool)
    def _on_screensaver(self, active: bool) -> None:
        if active:
            self.lock_now.emit()

    @Slot()
    def _on_session_lock(self) -> None:
        self.lock_now.emit()


# -- Windows -----------------------------------------------------------------------------

WM_WTSSESSION_CHANGE = 0x02B1
WTS_SESSION_LOCK = 0x7
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x0004
NOTIFY_FOR_THIS_SESSION = 0


class _NativeFilter(QAbstractNativeEventFilter):
    def __init__(self, on_lock: Callable[[], None]) -> None:
        super().__init__()
        self._on_lock = on_lock

    def nativeEventFilter(
        self, event_type: QByteArray | bytes | bytearray | memoryview, message: int
    ) -> tuple[bool, int]:
        name = event_type.data() if isinstance(event_type, QByteArray) else bytes(event_type)
        if name == b"windows_generic_MSG":
            from ctypes import wintypes

            msg = wintypes.MSG.from_address(int(message))
            session_locked = msg.message == WM_WTSSESSION_CHANGE and msg.wParam == WTS_SESSION_LOCK
            suspending = msg.message == WM_POWERBROADCAST and msg.wParam == PBT_APMSUSPEND
            if session_locked or suspending:
                # At once, not queued: Windows waits for the reply before it suspends.
                self._on_lock()
        return False, 0  # never swallow: Qt and the system still see every message


class _WindowsSessionEvents:
    """Session lock and suspend on Windows, through a hidden window of our own.

    WM_WTSSESSION_CHANGE goes only to windows registered with
    WTSRegisterSessionNotification; WM_POWERBROADCAST goes to every top-level
    window. A hidden, never shown QWindow gives a handle for the first, and the
    filter sees both (and every other window's copy: locking twice is harmless).
    """

    def __init__(self, on_lock: Callable[[], None]) -> None:
        self._filter = _NativeFilter(on_lock)
        self._window: QWindow | None = None
        self._hwnd = 0

    def start(self) -> list[str]:
        import ctypes
        from ctypes import wintypes

        from PySide6.QtGui import QWindow

        app = QCoreApplication.instance()
        if app is None:
            return []
        app.installNativeEventFilter(self._filter)
        sources = ["WM_POWERBROADCAST"]
        self._window = QWindow()
        self._window.create()
        self._hwnd = int(self._window.winId())
        register = ctypes.WinDLL("wtsapi32").WTSRegisterSessionNotification  # type: ignore[attr-defined]
        register.argtypes = [wintypes.HWND, wintypes.DWORD]
        register.restype = wintypes.BOOL
        if register(self._hwnd, NOTIFY_FOR_THIS_SESSION):
            sources.append("WTS_SESSION_LOCK")
        else:
            self._hwnd = 0
        return sources

    def stop(self) -> None:
        import ctypes
        from ctypes import wintypes

        if self._hwnd:
            unregister = ctypes.WinDLL("wtsapi32").WTSUnRegisterSessionNotification  # type: ignore[attr-defined]
            unregister.argtypes = [wintypes.HWND]
            unregister.restype = wintypes.BOOL
            unregister(self._hwnd)
            self._hwnd = 0
        app = QCoreApplication.instance()
        if app is not None:
            app.removeNativeEventFilter(self._filter)
        if self._window is not None:
            self._window.destroy()
            self._window = None
