"""Icons from ``mscreg/resources/icons/*.svg``, drawn in the palette's text colour at any size and pixel ratio.

The SVGs are line drawings in ``currentColor``.  Qt's SVG renderer does not know the widget's
palette, so an icon engine substitutes the colour at paint time: toolbar icons follow light and dark
palettes (and look disabled when disabled), state icons take the state's palette-aware colour, and
both stay sharp on high-DPI screens because the vector is rendered at the device's pixel size.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPalette

from mscreg.resource_paths import resource
from mscreg.ui.theme import current_palette

if TYPE_CHECKING:
    from PySide6.QtGui import QPainter, QPixmap
    from PySide6.QtSvg import QSvgRenderer

# The classes that draw (QPainter, QPixmap, QRectF, QSvgRenderer) are imported where an icon is first drawn,
# after the window's first paint: PySide makes each class's enumerations when it is first named.


@lru_cache(maxsize=64)
def _svg_text(name: str) -> str:
    return resource("resources", "icons", f"{name}.svg").read_text(encoding="utf-8")


@lru_cache(maxsize=256)
def _renderer(name: str, color: str) -> QSvgRenderer:
    """The SVG ``name`` drawn in ``color``, parsed once per icon and colour (Qt's SVG module is loaded with
    the first icon drawn, which is after the window's first paint: 1-1.5 ms it need not wait for)."""
    from PySide6.QtSvg import QSvgRenderer

    return QSvgRenderer(QByteArray(_svg_text(name).replace("currentColor", color).encode("utf-8")))


class _SvgIconEngine(QIconEngine):
    """Renders one SVG with ``currentColor`` replaced by a fixed colour or the palette's, per mode."""

    def __init__(self, name: str, color: QColor | None = None) -> None:
        super().__init__()
        self._name = name
        self._color = QColor(color) if color is not None else None
        self._pixmaps: dict[tuple, QPixmap] = {}

    def _color_for(self, mode: QIcon.Mode) -> QColor:
        pal = current_palette()
        if mode == QIcon.Mode.Disabled:
            return pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
        if mode == QIcon.Mode.Selected:
            return pal.color(QPalette.ColorRole.HighlightedText)
        return self._color if self._color is not None else pal.color(QPalette.ColorRole.ButtonText)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        from PySide6.QtCore import QRectF

        _renderer(self._name, self._color_for(mode).name()).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        # Qt keeps no pixmaps for a Python icon engine: without this every repaint of the window drew
        # every tool bar icon from its SVG again (about 30 ms a repaint on this machine).  The colour is
        # part of the key, so a palette change draws anew.
        key = (size.width(), size.height(), mode, state, self._color_for(mode).name())
        found = self._pixmaps.get(key)
        if found is None:
            from PySide6.QtGui import QPainter, QPixmap

            found = QPixmap(size)
            found.fill(Qt.GlobalColor.transparent)
            painter = QPainter(found)
            self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
            painter.end()
            if len(self._pixmaps) >= 32:
                self._pixmaps.clear()
            self._pixmaps[key] = found
        return found

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
