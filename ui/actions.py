"""The menu actions, declared in one table and built into any main window.

A new command is one line here plus a handler; the window does not grow a
method per menu item. Texts are marked for translation and translated when
the actions are built, so a language change only needs a rebuild.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from knowhold.ui import icons
from knowhold.ui.i18n import QT_TRANSLATE_NOOP

Shortcut = QKeySequence.StandardKey | str


@dataclass(frozen=True, slots=True)
class ActionSpec:
    name: str
    menu: str
    text: str
    shortcut: Shortcut | tuple[Shortcut, ...] | None = None  # the first is shown in the menu
    icon: str | None = None
    role: QAction.MenuRole = QAction.MenuRole.NoRole
    separator: bool = False  # a line above this item
    checkable: bool = False  # starts checked


MENUS: tuple[tuple[str, str], ...] = (
    ("file", QT_TRANSLATE_NOOP("menus", "&File")),
    ("edit", QT_TRANSLATE_NOOP("menus", "&Edit")),
    ("view", QT_TRANSLATE_NOOP("menus", "&View")),
    ("entry", QT_TRANSLATE_NOOP("menus", "E&ntry")),
    ("help", QT_TRANSLATE_NOOP("menus", "&Help")),
)

Key = QKeySequence.StandardKey

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("lock", "file", QT_TRANSLATE_NOOP("actions", "&Lock"), "Ctrl+L", "lock"),
    # Import, export, backup and restore: ui/transfer.py.
    ActionSpec("import_files", "file", QT_TRANSLATE_NOOP("actions", "&Import Files…"), separator=True),
    ActionSpec("import_folder", "file", QT_TRANSLATE_NOOP("actions", "Import &Folder…")),
    ActionSpec("export", "file", QT_TRANSLATE_NOOP("actions", "&Export as Markdown…"), separator=True),
    ActionSpec("export_by_kind", "file", QT_TRANSLATE_NOOP("actions", "Export as Markdown by Kin&d…")),
    ActionSpec("backup", "file", QT_TRANSLATE_NOOP("actions", "&Back Up…"), separator=True),
    ActionSpec("restore_backup", "file", QT_TRANSLATE_NOOP("actions", "Restore from Bac&kup…")),
    # Licensing: the employer opens packages; both keep contacts and an identity card.
    ActionSpec(
        "open_license", "file", QT_TRANSLATE_NOOP("actions", "&Open License…"), "Ctrl+O", separator=True
    ),
    ActionSpec("contacts", "file", QT_TRANSLATE_NOOP("actions", "C&ontacts…")),
    ActionSpec("my_identity", "file", QT_TRANSLATE_NOOP("actions", "&My Identity Card…")),
    # On macOS the preferences role moves it to the application menu, as Mac users expect.
    ActionSpec(
        "settings",
        "file",
        QT_TRANSLATE_NOOP("actions", "Se&ttings…"),
        "Ctrl+,",
        role=QAction.MenuRole.PreferencesRole,
        separator=True,
    ),
    ActionSpec(
        # Key.Quit is empty on Windows and some Linux desktops: Ctrl+Q (Cmd+Q on macOS) everywhere.
        "quit",
        "file",
        QT_TRANSLATE_NOOP("actions", "&Quit"),
        "Ctrl+Q",
        role=QAction.MenuRole.QuitRole,
        separator=True,
    ),
    # Edit: for the focused field; text fields also handle these keys themselves.
    ActionSpec("undo", "edit", QT_TRANSLATE_NOOP("actions", "&Undo"), Key.Undo),
    ActionSpec("redo", "edit", QT_TRANSLATE_NOOP("actions", "&Redo"), Key.Redo),
    ActionSpec("cut", "edit", QT_TRANSLATE_NOOP("actions", "Cu&t"), Key.Cut, separator=True),
    ActionSpec("copy", "edit", QT_TRANSLATE_NOOP("actions", "&Copy"), Key.Copy),
    ActionSpec("paste", "edit", QT_TRANSLATE_NOOP("actions", "&Paste"), Key.Paste),
    ActionSpec("select_all", "edit", QT_TRANSLATE_NOOP("actions", "Select &All"), Key.SelectAll),
    # Ctrl+K searches the vault; Ctrl+F (Key.Find) is kept for finding within the open entry.
    ActionSpec("find", "edit", QT_TRANSLATE_NOOP("actions", "&Search…"), "Ctrl+K", separator=True),
    # Within the open entry (ui/widgets/find_bar.py); F3 and Shift+F3 are the bar's own keys.
    ActionSpec("find_in_entry", "edit", QT_TRANSLATE_NOOP("actions", "&Find in Entry…"), Key.Find),
    ActionSpec("preview", "view", QT_TRANSLATE_NOOP("actions", "Switch &Preview"), "Ctrl+Shift+P"),
    ActionSpec("sidebar", "view", QT_TRANSLATE_NOOP("actions", "Show &Sidebar"), checkable=True),
    ActionSpec("audit", "view", QT_TRANSLATE_NOOP("actions", "&Audit Log…"), separator=True),
    ActionSpec("new", "entry", QT_TRANSLATE_NOOP("actions", "&New Entry"), Key.New, "new"),
    ActionSpec("save", "entry", QT_TRANSLATE_NOOP("actions", "&Save Now"), Key.Save),
    ActionSpec(
        "history",
        "entry",
        QT_TRANSLATE_NOOP("actions", "&History…"),
        "Ctrl+Shift+H",
        separator=True,
    ),
    # Delete and Delete for Good act on the list's entry: their keys belong to
    # text fields everywhere else (the window scopes them; see MainWindow).
    ActionSpec(
        "delete",
        "entry",
        QT_TRANSLATE_NOOP("actions", "Move to &Trash"),
        Key.Delete,
        separator=True,
    ),
    ActionSpec("restore", "entry", QT_TRANSLATE_NOOP("actions", "&Restore from Trash")),
    ActionSpec("purge", "entry", QT_TRANSLATE_NOOP("actions", "&Delete for Good…"), "Shift+Del"),
    ActionSpec("empty_trash", "entry", QT_TRANSLATE_NOOP("actions", "&Empty Trash…")),
    # The worker's way out of the vault: the selected entries (or pick them in the wizard).
    ActionSpec(
        "license",
        "entry",
        QT_TRANSLATE_NOOP("actions", "&License…"),
        "Ctrl+Shift+L",
        "license",
        separator=True,
    ),
    ActionSpec("shortcuts", "help", QT_TRANSLATE_NOOP("actions", "&Keyboard Shortcuts"), Key.HelpContents),
    ActionSpec(
        "about",
        "help",
        QT_TRANSLATE_NOOP("actions", "&About Knowhold"),
        role=QAction.MenuRole.AboutRole,
    ),
)


def build_menus(window: QMainWindow, handlers: Mapping[str, Callable[[], object]]) -> dict[str, QAction]:
    """Create the menus and actions on ``window``; every action needs a handler."""
    # Each menu is made with the menu bar as its Qt parent, so Qt owns it: a menu
    # returned by addMenu(title) is deleted by PySide6 before 6.11.2 once Python
    # drops the last reference to it.
    bar = window.menuBar()
    menus: dict[str, QMenu] = {}
    for key, title in MENUS:
        menus[key] = QMenu(QCoreApplication.translate("menus", title), bar)
        bar.addMenu(menus[key])
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(QCoreApplication.translate("actions", spec.text), window)
        action.setObjectName(f"action_{spec.name}")
        if spec.shortcut is not None:
            keys = spec.shortcut if isinstance(spec.shortcut, tuple) else (spec.shortcut,)
            action.setShortcuts([QKeySequence(key) for key in keys])
        if spec.icon is not None:
            action.setIcon(icons.icon(spec.icon))
        action.setMenuRole(spec.role)
        if spec.checkable:
            action.setCheckable(True)
            action.setChecked(True)
        action.triggered.connect(handlers[spec.name])
        if spec.separator:
            menus[spec.menu].addSeparator()
        menus[spec.menu].addAction(action)
        actions[spec.name] = action
    return actions
