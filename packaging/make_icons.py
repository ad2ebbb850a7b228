"""Render the one application icon SVG into every format the three desktops want.

Usage: python packaging/make_icons.py OUT_DIR   (run with a Python that has PySide6; offscreen is fine)

Writes, from ``mscreg/resources/icons/app/org.mscreg.Mscreg.svg``:
  OUT_DIR/hicolor/<N>x<N>/apps/org.mscreg.Mscreg.png and hicolor/scalable/apps/org.mscreg.Mscreg.svg
      (the freedesktop icon-theme layout, copied as is under share/icons/ on Linux)
  OUT_DIR/org.mscreg.Mscreg.ico   (Windows: 16 … 256 px, PNG-compressed entries, Vista and later)
  OUT_DIR/org.mscreg.Mscreg.icns  (macOS: 16 … 1024 px, PNG entries)

Why Qt and hand-written containers instead of ImageMagick or iconutil: the build machine of each
platform already has PySide6 (it is what is being packaged), while ImageMagick is not on a Windows
build machine and iconutil exists only on macOS.  Qt's SVG renderer is also the one that draws the
icon inside the app, so every size looks the same.  Both container formats are a short header and a
table of PNGs (documented by Microsoft and Apple), written below in a few lines.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "org.mscreg.Mscreg"  # the same id as mscreg.about.APP_ID (a test checks they agree)
SOURCE = ROOT / "mscreg" / "resources" / "icons" / "app" / f"{APP_ID}.svg"

HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 256)  # what Explorer, the task bar and Start ask for at 100–250 %
# ICNS element types holding PNG data, with their pixel size (Apple's "icns" type list).
ICNS_TYPES = (("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256), ("ic09", 512),
              ("ic10", 1024), ("ic11", 32), ("ic12", 64), ("ic13", 256), ("ic14", 512))


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn on a transparent square of ``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])  # QPainter on a QImage needs one
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico holding one PNG per size: ICONDIR, then one 16-byte ICONDIRENTRY each, then the PNGs."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        png = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in the one-byte width and height fields
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .icns: 'icns' and the total length, then (type, length including its 8-byte header, PNG) each."""
    body = b"".join(kind.encode("ascii") + struct.pack(">I", len(pngs[size]) + 8) + pngs[size]
                    for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def main(out_dir: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = Path(out_dir)
    sizes = sorted({*HICOLOR_SIZES, *ICO_SIZES, *(s for _, s in ICNS_TYPES)})
    pngs = {size: render_png(SOURCE, size) for size in sizes}
    for size in HICOLOR_SIZES:
        target = out / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[size])
    scalable = out / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable)
    (out / f"{APP_ID}.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (out / f"{APP_ID}.icns").write_bytes(icns_bytes(pngs))
    print(f"icons: {len(HICOLOR_SIZES)} hicolor PNGs + SVG, .ico ({len(ICO_SIZES)} sizes), "
          f".icns ({len(ICNS_TYPES)} entries) in {out}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    raise SystemExit(main(sys.argv[1]))
