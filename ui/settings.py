"""The app's settings: one typed option per line, over QSettings.

This is the only module that creates a QSettings. Each option declares its
key, type and default, and parses what it reads, so a hand-edited or old
settings file yields the default rather than a crash. No secret, passphrase
or entry text is ever stored here: settings live unencrypted on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings

T = TypeVar("T")

MAX_AUTO_LOCK_MINUTES = 24 * 60
MAX_CLIPBOARD_SECONDS = 10 * 60
MAX_EDITOR_FONT_SIZE = 48


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


def _bytes(value: object) -> QByteArray | None:
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def _int_between(low: int, high: int, default: int) -> Callable[[object], int]:
    def parse(value: object) -> int:
        try:
            number = int(str(value))
        except ValueError:
            return default
        return min(max(number, low), high)

    return parse


def _flag(value: object) -> bool:
    # QSettings' INI format hands booleans back as the strings "true"/"false".
    return str(value).lower() in ("true", "1")


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _theme(value: object) -> Theme:
    try:
        return Theme(str(value))
    except ValueError:
        return Theme.SYSTEM


class _Option(Generic[T]):
    """A typed setting: reading parses (falling back to the default), writing stores."""

    def __init__(self, key: str, default: T, parse: Callable[[object], T]) -> None:
        self.key = key
        self.default = default
        self._parse = parse

    @overload
    def __get__(self, obj: None, owner: type) -> _Option[T]: ...
    @overload
    def __get__(self, obj: Settings, owner: type) -> T: ...

    def __get__(self, obj: Settings | None, owner: type) -> T | _Option[T]:
        if obj is None:
            return self
        raw = obj._store.value(self.key)
        return self.default if raw is None else self._parse(raw)

    def __set__(self, obj: Settings, value: T) -> None:
        if value is None:
            obj._store.remove(self.key)
        else:
            obj._store.setValue(self.key, str(value) if isinstance(value, StrEnum) else value)


class Settings:
    window_geometry = _Option[QByteArray | None]("window/geometry", None, _bytes)
    # The sidebar beside the rest, then the entry list beside the editor.
    splitter_state = _Option[QByteArray | None]("window/splitter", None, _bytes)
    entries_splitter_state = _Option[QByteArray | None]("window/entries_splitter", None, _bytes)
    # Minutes without keyboard or mouse input before the vault locks; 0 = never.
    auto_lock_minutes = _Option[int](
        "security/auto_lock_minutes", 10, _int_between(0, MAX_AUTO_LOCK_MINUTES, 10)
    )
    # Seconds before text copied from an entry is taken off the clipboard (if it is
    # still what Knowhold put there); 0 = leave it.
    clipboard_clear_seconds = _Option[int](
        "security/clipboard_clear_seconds", 30, _int_between(0, MAX_CLIPBOARD_SECONDS, 30)
    )
    # Minimising the window locks the vault; closing it leaves the app in the tray (ui/tray.py).
    lock_when_minimised = _Option[bool]("security/lock_when_minimised", False, _flag)
    close_to_tray = _Option[bool]("window/close_to_tray", False, _flag)
    theme = _Option[Theme]("appearance/theme", Theme.SYSTEM, _theme)
    # Point size of the Markdown editor's text; 0 = the system's default.
    editor_font_size = _Option[int](
        "appearance/editor_font_size", 0, _int_between(0, MAX_EDITOR_FONT_SIZE, 0)
    )
    # The entry list's sort: a column name the list model knows, and its direction.
    list_sort_column = _Option[str | None]("window/list_sort_column", None, _text)
    list_sort_descending = _Option[bool]("window/list_sort_descending", True, _flag)

    def last_entry(self, vault_id: str) -> str | None:
        """The entry last selected in this vault (an id, never its text)."""
        return _text(self._store.value(f"last_entry/{vault_id}"))

    def set_last_entry(self, vault_id: str, entry_id: str | None) -> None:
        key = f"last_entry/{vault_id}"
        if entry_id:
            self._store.setValue(key, entry_id)
        else:
            self._store.remove(key)

    # Per vault, keyed by its id: where status documents are published, where
    # agent skills are exported (pruned while the app runs), and the license
    # presets are kept inside the vault instead (they can name pay).
    def status_folder(self, vault_id: str) -> Path | None:
        """The folder the worker chose once for publishing this vault's status document."""
        return self._path(f"status_folder/{vault_id}")

    def set_status_folder(self, vault_id: str, folder: Path | None) -> None:
        self._set_path(f"status_folder/{vault_id}", folder)

    def skill_folder(self, vault_id: str) -> Path | None:
        """The folder this vault's received licenses are exported to as agent skills."""
        return self._path(f"skill_folder/{vault_id}")

    def set_skill_folder(self, vault_id: str, folder: Path | None) -> None:
        self._set_path(f"skill_folder/{vault_id}", folder)

    # The folder packages were last saved to or opened from (any vault).
    package_folder = _Option[str | None]("licensing/package_folder", None, _text)

    # The vault the first-start wizard made elsewhere than the usual place (ui/app.py opens it).
    @property
    def vault_folder(self) -> Path | None:
        return self._path("vault/folder")

    @vault_folder.setter
    def vault_folder(self, folder: Path | None) -> None:
        self._set_path("vault/folder", folder)

    def _path(self, key: str) -> Path | None:
        text = _text(self._store.value(key))
        return Path(text) if text else None

    def _set_path(self, key: str, folder: Path | None) -> None:
        if folder is None:
            self._store.remove(key)
        else:
            self._store.setValue(key, str(folder))

    def __init__(self, store: QSettings) -> None:
        self._store = store

    @classmethod
    def default(cls) -> Settings:
        """The user's settings; call after the application and organisation names are set."""
        return cls(QSettings())

    @classmethod
    def at(cls, path: Path) -> Settings:
        """Settings kept in an INI file at ``path`` (tests, portable installs)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def sync(self) -> None:
        self._store.sync()
