"""Themes: dark and light are honoured even where the platform ignores the request."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel

from knowhold.ui.settings import Theme
from knowhold.ui.theme import apply_theme, error_colour, is_dark


def test_dark_light_and_back_to_the_platform(qapp, qtbot):
    label = QLabel("x")
    qtbot.addWidget(label)
    platform_window = qapp.palette().color(QPalette.ColorRole.Window)
    try:
        apply_theme(qapp, Theme.DARK)
        qapp.processEvents()  # widgets take the new palette by a posted event
        assert is_dark(qapp.palette()) and is_dark(label.palette())
        dark_red = error_colour(label)
        apply_theme(qapp, Theme.LIGHT)
        qapp.processEvents()
        assert not is_dark(qapp.palette()) and not is_dark(label.palette())
        assert error_colour(label) != dark_red
        # Red on its background must differ in lightness enough to read.
        background = label.palette().color(QPalette.ColorRole.Window)
        assert abs(error_colour(label).lightness() - background.lightness()) > 60
    finally:
        apply_theme(qapp, Theme.SYSTEM)
    assert qapp.palette().color(QPalette.ColorRole.Window) == platform_window


def test_dark_palette_keeps_text_readable(qapp):
    try:
        apply_theme(qapp, Theme.DARK)
        palette = qapp.palette()
        for background, foreground in (
            (QPalette.ColorRole.Window, QPalette.ColorRole.WindowText),
            (QPalette.ColorRole.Base, QPalette.ColorRole.Text),
            (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText),
            (QPalette.ColorRole.Button, QPalette.ColorRole.ButtonText),
        ):
            gap = palette.color(foreground).lightness() - palette.color(background).lightness()
            assert gap > 100, (background, foreground)
        assert palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text) != palette.color(
            QPalette.ColorRole.Text
        )
    finally:
        apply_theme(qapp, Theme.SYSTEM)
