"""The portfolio board's table: a product column that stays put while the countries scroll (its
country cells are drawn as chips by :mod:`mscreg.ui.state_chips`, imported once rows arrive, after the
window's first paint: the style classes it needs cost ~20 ms to load).

The frozen column is Qt's "frozen column" pattern: a second QTableView over the left edge of the
main one, sharing its model and selection model and showing column 0 only, kept in step with the
main view's row heights, column width and vertical scrolling.  Scrolled right to New Zealand, the
rows still have their names.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex


def _viewport() -> QWidget:
    """A viewport as Qt makes its own: filled with the palette's base colour before the cells are drawn.
    Without the fill the frozen column was see-through, and the names of the main view's first column,
    beneath it, showed through its own, offset by the scrolling."""
    viewport = QWidget()
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    return viewport


class FrozenColumnTable(QTableView):
    """A table whose first column stays in place while the others scroll horizontally."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A viewport made here, not by Qt: the first Python call that is handed a widget Qt made as a
        # plain QWidget (``viewport()`` below) makes PySide set up every widget class it could be,
        # about 10 ms before the list's first paint; one it already knows is handed back as it is.
        self.setViewport(_viewport())
        self.frozen = QTableView(self)
        self.frozen.setViewport(_viewport())
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
        wanted = QRect(self.verticalHeader().width() + self.frameWidth(), self.frameWidth(), self.columnWidth(0),
                       self.viewport().height() + self.horizontalHeader().height())
        if self.frozen.geometry() != wanted:  # each move lays the frozen view out again (its header asks the model)
            self.frozen.setGeometry(wanted)

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
