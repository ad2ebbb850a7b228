"""The portfolio board's table: a product column that stays put while the countries scroll, and each
country cell drawn as a compact chip (short state name, the date it holds since, its colour).

The frozen column is Qt's "frozen column" pattern: a second QTableView over the left edge of the
main one, sharing its model and selection model and showing column 0 only, kept in step with the
main view's row heights, column width and vertical scrolling.  Scrolled right to New Zealand, the
rows still have their names.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

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


class FrozenColumnTable(QTableView):
    """A table whose first column stays in place while the others scroll horizontally."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen = QTableView(self)
        self.frozen.setObjectName("frozenColumn")
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.frozen.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.frozen.setWordWrap(False)
        self.frozen.setFrameShape(QFrame.Shape.NoFrame)
        self.frozen.setStyleSheet("QTableView#frozenColumn { border-right: 1px solid palette(mid); }")
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.viewport().stackUnder(self.frozen)
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.verticalHeader().sectionResized.connect(
            lambda row, _old, new: self.frozen.setRowHeight(row, new))
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        # the frozen header sorts the main view (whose header shows the indicator of every column)
        fh = self.frozen.horizontalHeader()
        fh.setSectionsClickable(True)
        fh.setSortIndicatorShown(True)
        fh.sectionClicked.connect(self._frozen_header_clicked)
        self.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.frozen.clicked.connect(lambda _i: self.setFocus())

    def setModel(self, model) -> None:
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        model.modelReset.connect(self._show_first_column_only)
        model.columnsInserted.connect(self._show_first_column_only)
        model.layoutChanged.connect(self._show_first_column_only)
        self._show_first_column_only()

    def _show_first_column_only(self, *_args) -> None:
        model = self.model()
        for column in range(1, model.columnCount() if model is not None else 0):
            self.frozen.setColumnHidden(column, True)
        self.frozen.setColumnWidth(0, self.columnWidth(0))
        self.frozen.verticalHeader().setDefaultSectionSize(self.verticalHeader().defaultSectionSize())
        self._update_geometry()

    def set_row_height(self, height: int) -> None:
        self.verticalHeader().setDefaultSectionSize(height)
        self.frozen.verticalHeader().setDefaultSectionSize(height)

    def _section_resized(self, column: int, _old: int, new: int) -> None:
        if column == 0:
            self.frozen.setColumnWidth(0, new)
            self._update_geometry()

    def _frozen_header_clicked(self, column: int) -> None:
        if column != 0 or not self.isSortingEnabled():
            return
        header = self.horizontalHeader()
        ascending = Qt.SortOrder.AscendingOrder
        same = header.sortIndicatorSection() == 0 and header.sortIndicatorOrder() == ascending
        self.sortByColumn(0, Qt.SortOrder.DescendingOrder if same else ascending)

    def _sort_indicator_changed(self, column: int, order: Qt.SortOrder) -> None:
        fh = self.frozen.horizontalHeader()
        fh.setSortIndicatorShown(column == 0)
        fh.setSortIndicator(column if column == 0 else -1, order)

    def _update_geometry(self) -> None:
        self.frozen.setGeometry(self.verticalHeader().width() + self.frameWidth(), self.frameWidth(),
                                self.columnWidth(0), self.viewport().height() + self.horizontalHeader().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_geometry()

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if hasattr(self, "frozen"):
            self._update_geometry()

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
                   ) -> QModelIndex:
        """Moving left onto a cell hidden under the frozen column scrolls it into view."""
        current = super().moveCursor(action, modifiers)
        if action == QAbstractItemView.CursorAction.MoveLeft and current.column() > 0:
            left = self.visualRect(current).topLeft().x()
            if left < self.frozen.columnWidth(0):
                bar = self.horizontalScrollBar()
                bar.setValue(bar.value() + left - self.frozen.columnWidth(0))
        return current

    def scrollTo(self, index: Index,
                 hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        """Column 0 is always visible (frozen): scrolling to it only scrolls vertically."""
        if index.column() > 0:
            super().scrollTo(index, hint)
        elif index.isValid():
            scrolled = self.horizontalScrollBar().value() > 0
            column = max(0, self.columnAt(self.frozen.columnWidth(0) + 1)) if scrolled else 0
            super().scrollTo(self.model().index(index.row(), column), hint)
