"""Icons, loaded from the ``resources`` package through importlib.resources.

The SVG bytes are rendered into a set of pixmaps rather than handed to QIcon
as a file path: a Traversable is not always a real file (zip imports), and
this way a source run, a wheel and the frozen app take the same path.
"""

from __future__ import annotations

import functools
from importlib import resources

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

_SIZES = (16, 20, 24, 32, 40, 48, 64, 96, 128, 256)


def svg_bytes(name: str) -> bytes:
    """The raw bytes of ``resources/<name>.svg``; raises FileNotFoundError if missing."""
    return (resources.files("knowhold.resources") / f"{name}.svg").read_bytes()


def pixmap(name: str, size: int, device_pixel_ratio: float = 1.0) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg_bytes(name)))
    if not renderer.isValid():
        raise ValueError(f"resources/{name}.svg is not a valid SVG")
    side = round(size * device_pixel_ratio)
    result = QPixmap(QSize(side, side))
    result.fill(Qt.GlobalColor.transparent)
    painter = QPainter(result)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
    finally:
        painter.end()
    result.setDevicePixelRatio(device_pixel_ratio)
    return result


@functools.cache
def icon(name: str) -> QIcon:
    """The icon ``resources/<name>.svg`` at every common size. Needs a QGuiApplication."""
    result = QIcon()
    for size in _SIZES:
        result.addPixmap(pixmap(name, size))
    return result


def app_icon() -> QIcon:
    return icon("icon")
