"""The product list's country cells as chips: a rounded box tinted with the state's colour, the short
state name, and the date the state holds since (whole, else its month, else its year: never cut)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from mscreg.ui.item_roles import CHIP_ROLE

Index = QModelIndex | QPersistentModelIndex


class StateChipDelegate(QStyledItemDelegate):
    """A country cell as a rounded chip tinted with the state's colour: short name, then the date it
    holds since in a smaller, quieter face.  The full text is the cell's tooltip."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        chip = index.data(CHIP_ROLE)
        if not chip:
            super().paint(painter, option, index)
            return
        short, since_forms, colour = chip
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        opt.icon = QIcon()
        widget = option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect.adjusted(3, 3, -3, -3))
        # an opaque tint of the base colour, so the chip reads the same on a selected (highlighted) row
        base = option.palette.color(QPalette.ColorRole.Base)
        tint = QColor(colour)
        fill = QColor(round(base.red() * 0.86 + tint.red() * 0.14), round(base.green() * 0.86 + tint.green() * 0.14),
                      round(base.blue() * 0.86 + tint.blue() * 0.14))
        painter.setPen(QColor(colour))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 5, 5)
        text_rect = rect.adjusted(6, 0, -5, 0).toRect()
        font = option.font
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        fm = painter.fontMetrics()
        name = fm.elidedText(short, Qt.TextElideMode.ElideRight, text_rect.width())
        painter.setPen(QColor(colour))
        painter.drawText(text_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), name)
        used = fm.horizontalAdvance(name)
        rest = QRect(text_rect)
        rest.setLeft(text_rect.left() + used + 6)
        if since_forms and rest.width() > 20:
            small = QFont(font)
            small.setPointSizeF(max(6.5, font.pointSizeF() * 0.85))
            painter.setFont(small)
            painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
            sfm = painter.fontMetrics()
            # the whole date if it fits, else its month, else its year: never a cut-off date
            text = next((f for f in since_forms if sfm.horizontalAdvance(f) <= rest.width()), "")
            if text:
                painter.drawText(rest, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight), text)
        painter.restore()
