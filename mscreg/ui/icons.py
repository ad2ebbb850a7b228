"""Icons from ``mscreg/resources/icons/*.svg``, drawn in the palette's text colour at any size and pixel ratio.

The SVGs are line drawings in ``currentColor``.  Qt's SVG renderer does not know the widget's
palette, so an icon engine substitutes the colour at paint time: toolbar icons follow light and dark
palettes (and look disabled when disabled), state icons take the state's palette-aware colour, and
both stay sharp on high-DPI screens because the vector is rendered at the device's pixel size.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from mscreg.resource_paths import resource
from mscreg.ui.theme import current_palette


@lru_cache(maxsize=64)
def _svg_text(name: str) -> str:
    return resource("resources", "icons", f"{name}.svg").read_text(encoding="utf-8")


class _SvgIconEngine(QIconEngine):
    """Renders one SVG with ``currentColor`` replaced by a fixed colour or the palette's, per mode."""

    def __init__(self, name: str, color: QColor | None = None) -> None:
        super().__init__()
        self._name = name
        self._color = QColor(color) if color is not None else None

    def _color_for(self, mode: QIcon.Mode) -> QColor:
        pal = current_palette()
        if mode == QIcon.Mode.Disabled:
            return pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
        if mode == QIcon.Mode.Selected:
            return pal.color(QPalette.ColorRole.HighlightedText)
        return self._color if self._color is not None else pal.color(QPalette.ColorRole.ButtonText)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        svg = _svg_text(self._name).replace("currentColor", self._color_for(mode).name())
        renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
        renderer.render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pm = QPixmap(size)
        pm.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pm)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pm

    def clone(self) -> QIconEngine:
        return _SvgIconEngine(self._name, self._color)

    def key(self) -> str:
        return "mscreg-svg"


def icon(name: str, color: QColor | None = None) -> QIcon:
    """The icon ``mscreg/resources/icons/<name>.svg``; ``color`` fixes its colour (else the palette's text)."""
    return QIcon(_SvgIconEngine(name, color))


def icon_names() -> list[str]:
    return sorted(p.name.removesuffix(".svg") for p in resource("resources", "icons").iterdir()
                  if p.name.endswith(".svg") and p.is_file())
