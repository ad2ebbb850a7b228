"""The product list's country cells as chips (the delegate of those columns only): a rounded box
tinted with the state's colour, the short state name, and the date the state holds since (whole,
else its month, else its year: never cut)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from mscreg.ui.item_roles import CHIP_ROLE

Index = QModelIndex | QPersistentModelIndex


class StateChipDelegate(QStyledItemDelegate):
    """A country cell as a rounded chip tinted with the state's colour: short name, then the date it
    holds since in a smaller, quieter face.  The full text is the cell's tooltip."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._pixmaps: dict[tuple, QPixmap] = {}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # Only the row's background (selection, hover) comes from the style: initStyleOption would ask
        # the model for every role of the cell, its state icon included (a third of a keystroke's time
        # while searching 1,000 products).
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        chip = index.data(CHIP_ROLE)
        if not chip:
            return
        dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        base = option.palette.color(QPalette.ColorRole.Base)
        quiet = option.palette.color(QPalette.ColorRole.PlaceholderText)
        short, since_forms, colour = chip
        key = (short, since_forms, colour.rgba(), option.rect.width(), option.rect.height(), option.font.key(),
               base.rgba(), quiet.rgba(), dpr)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            # drawn once per chip, size and palette: a keystroke in the search box repaints every visible
            # chip, and drawing each anew cost ~20 ms a repaint
            if len(self._pixmaps) > 2000:
                self._pixmaps.clear()
            pixmap = self._pixmaps[key] = _draw_chip(chip, option.rect.size(), option.font, base, quiet, dpr)
        painter.drawPixmap(option.rect.topLeft(), pixmap)


def _draw_chip(chip, size: QSize, font: QFont, base: QColor, quiet: QColor, dpr: float) -> QPixmap:
    short, since_forms, colour = chip
    pixmap = QPixmap(QSize(max(1, round(size.width() * dpr)), max(1, round(size.height() * dpr))))
    pixmap.setDevicePixelRatio(dpr)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(3, 3, size.width() - 6, size.height() - 6)
        # an opaque tint of the base colour, so the chip reads the same on a selected (highlighted) row
        tint = QColor(colour)
        fill = QColor(round(base.red() * 0.86 + tint.red() * 0.14), round(base.green() * 0.86 + tint.green() * 0.14),
                      round(base.blue() * 0.86 + tint.blue() * 0.14))
        painter.setPen(tint)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 5, 5)
        text_rect = rect.adjusted(6, 0, -5, 0).toRect()
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        fm = painter.fontMetrics()
        name = fm.elidedText(short, Qt.TextElideMode.ElideRight, text_rect.width())
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), name)
        rest = QRect(text_rect)
        rest.setLeft(text_rect.left() + fm.horizontalAdvance(name) + 6)
        if since_forms and rest.width() > 20:
            small = QFont(font)
            small.setPointSizeF(max(6.5, font.pointSizeF() * 0.85))
            painter.setFont(small)
            painter.setPen(quiet)
            sfm = painter.fontMetrics()
            # the whole date if it fits, else its month, else its year: never a cut-off date
            text = next((f for f in since_forms if sfm.horizontalAdvance(f) <= rest.width()), "")
            if text:
                painter.drawText(rest, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight), text)
    finally:
        painter.end()
    return pixmap
