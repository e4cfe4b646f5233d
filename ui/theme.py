"""Light and dark: asking the platform first, painting a palette where it cannot.

Qt 6.8+ lets an app ask the platform for a colour scheme
(``QStyleHints.setColorScheme``). Windows 11, macOS and recent GNOME and
KDE honour it; other platforms (older Linux desktops, the offscreen
platform the screenshots use) keep their colours. Where the request is not
honoured, the app switches to the Fusion style with its own palette, so
"dark" in the settings is dark everywhere.

Widgets that paint their own colours take them from their palette (or from
the helpers here), so both themes read well without a second set of rules.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory, QWidget

from knowhold.ui.settings import Theme

_SCHEMES = {
    Theme.SYSTEM: Qt.ColorScheme.Unknown,
    Theme.LIGHT: Qt.ColorScheme.Light,
    Theme.DARK: Qt.ColorScheme.Dark,
}

# The style and palette the platform gave the app, before any override.
_PLATFORM_STYLE = "_knowhold_platform_style"


def dark_palette() -> QPalette:
    """A calm dark palette (neutral greys, a blue accent) for the Fusion style."""
    Role, Group = QPalette.ColorRole, QPalette.ColorGroup
    palette = QPalette()
    colours = {
        Role.Window: "#2b2d30",
        Role.WindowText: "#e8eaed",
        Role.Base: "#1c1d20",
        Role.AlternateBase: "#27292c",
        Role.ToolTipBase: "#3a3c40",
        Role.ToolTipText: "#e8eaed",
        Role.PlaceholderText: "#9aa0a6",
        Role.Text: "#e8eaed",
        Role.Button: "#383a3e",
        Role.ButtonText: "#e8eaed",
        Role.BrightText: "#ffffff",
        Role.Light: "#505257",
        Role.Midlight: "#44464b",
        Role.Mid: "#35373b",
        Role.Dark: "#16171a",
        Role.Shadow: "#000000",
        Role.Highlight: "#2f6fdb",
        Role.HighlightedText: "#ffffff",
        Role.Link: "#8ab4f8",
        Role.LinkVisited: "#c58af9",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QColor("#6f7378")
    for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.PlaceholderText):
        palette.setColor(Group.Disabled, role, disabled)
    palette.setColor(Group.Disabled, Role.Highlight, QColor("#3a3b3f"))
    return palette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def error_colour(widget: QWidget) -> QColor:
    """Red that reads on the widget's background, light or dark."""
    return QColor("#ff8a80" if is_dark(widget.palette()) else "#b3261e")


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Use ``theme``: the platform's own colours where it can, Fusion's otherwise."""
    if app.property(_PLATFORM_STYLE) is None:
        app.setProperty(_PLATFORM_STYLE, app.style().name())
    hints = app.styleHints()
    scheme = _SCHEMES[theme]
    if hasattr(hints, "setColorScheme"):  # Qt 6.8+
        hints.setColorScheme(scheme)
    if theme is Theme.SYSTEM or hints.colorScheme() == scheme:
        _use_platform_look(app)
        return
    fusion = QStyleFactory.create("Fusion")
    app.setStyle(fusion)
    app.setPalette(dark_palette() if theme is Theme.DARK else fusion.standardPalette())


def _use_platform_look(app: QApplication) -> None:
    platform_style = str(app.property(_PLATFORM_STYLE))
    if app.style().name().lower() != platform_style.lower():
        style = QStyleFactory.create(platform_style)
        if style is not None:
            app.setStyle(style)
    app.setPalette(QPalette())  # unresolved: the platform theme's palette again
