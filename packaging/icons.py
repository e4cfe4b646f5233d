"""Render the app's icons for the desktops from ``resources/icon.svg``, at build time.

    python packaging/icons.py OUT        (make dist and packaging/knowhold.spec run it)

The SVG is the one source: nothing rendered is committed, so a changed
icon cannot leave an old picture behind in some size. Qt's own SVG renderer
draws it (offscreen: no display needed), the same renderer the app uses for
its window icon (``ui/icons.py``), so every size is the same drawing. Writes:

- ``hicolor/NxN/apps/org.knowhold.Knowhold.png`` for the sizes desktop
  environments look for (16 to 512), and ``hicolor/scalable/apps/...svg``;
- ``hicolor/NxN/mimetypes/application-vnd.knowhold.package.png``, the
  license picture (``resources/license.svg``) for ``.knowhold`` files;
- ``knowhold.ico`` (Windows: every size up to 256 as PNG, which Windows
  reads since Vista) and ``knowhold.icns`` (macOS: the PNG types, 16 to
  1024), which PyInstaller embeds in the executable and the app bundle.

ICO and ICNS are written here, a header and a table around the PNGs, since
Qt writes only one picture per ICO file and not every Qt build writes ICNS.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

APP_ID = "org.knowhold.Knowhold"
PACKAGE_MIME_ICON = "application-vnd.knowhold.package"
RESOURCES = Path(__file__).resolve().parents[1] / "resources"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an ICO entry can say
# ICNS element types holding PNG data, by pixel size (the @2x types share a size with the next).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"ic07", 128),
    (b"ic12", 64),
    (b"ic08", 256),
    (b"ic13", 256),
    (b"ic09", 512),
    (b"ic14", 512),
    (b"ic10", 1024),
)


def render(svg: Path, size: int) -> bytes:
    """The SVG drawn on a transparent square of ``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"icons: {svg} is not an SVG Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit(f"icons: Qt could not write a {size} px PNG")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding each PNG (ICONDIR, then one ICONDIRENTRY each, then the data)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, data = b"", b""
    for size in sizes:
        png = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    return header + entries + data


def icns(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: the magic and total length, then one (type, length, PNG) element per type."""
    elements = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(elements)) + elements


def write_all(out: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    app_svg, package_svg = RESOURCES / "icon.svg", RESOURCES / "license.svg"
    sizes = sorted({*HICOLOR_SIZES, *ICO_SIZES, *(size for _kind, size in ICNS_TYPES)})
    pngs = {size: render(app_svg, size) for size in sizes}
    hicolor = out / "hicolor"
    for size in HICOLOR_SIZES:
        folder = hicolor / f"{size}x{size}"
        (folder / "apps").mkdir(parents=True, exist_ok=True)
        (folder / "apps" / f"{APP_ID}.png").write_bytes(pngs[size])
        (folder / "mimetypes").mkdir(exist_ok=True)
        (folder / "mimetypes" / f"{PACKAGE_MIME_ICON}.png").write_bytes(render(package_svg, size))
    (hicolor / "scalable" / "apps").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(app_svg, hicolor / "scalable" / "apps" / f"{APP_ID}.svg")
    (out / "knowhold.ico").write_bytes(ico({size: pngs[size] for size in ICO_SIZES}))
    (out / "knowhold.icns").write_bytes(icns(pngs))


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python packaging/icons.py OUT", file=sys.stderr)
        return 2
    write_all(Path(argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
