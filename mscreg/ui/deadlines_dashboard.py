"""All open clocks across products, grouped by urgency, each leading to its product.

Groups: overdue, due within 30 days, later, provisional (a due date counted in China working days of
a year whose holiday calendar is not yet published, so it may move), and to review (overdue clocks of a
track whose statutory term ended with nothing recorded: they ask for a missing renewal or ending to be
recorded, and no longer alarm).  The start-up notice
(``DeadlineNotice``, in :mod:`mscreg.ui.deadline_notice`) is a bar inside the window rather than a
dialog: it must not stop the user, and it stays visible until dismissed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mscreg.domain.bilingual import localized
from mscreg.domain.event_types import EVENT_TYPES
from mscreg.domain.jurisdictions import JURISDICTIONS
from mscreg.ui.date_display import due_countdown, format_day, format_due, format_partial
from mscreg.ui.deadline_notice import DeadlineNotice, Urgent, open_deadlines, urgent_counts
from mscreg.ui.icons import icon
from mscreg.ui.item_roles import OBJECT_ROLE
from mscreg.ui.language import QT_TRANSLATE_NOOP, current_language, language_state
from mscreg.ui.obligations_panel import OpenObligationsList
from mscreg.ui.product_names import product_name, track_indication
from mscreg.ui.theme import urgency_color

__all__ = ["DeadlineModel", "DeadlineNotice", "DeadlinesDashboard", "Urgent", "open_deadlines", "urgent_counts"]

Index = QModelIndex | QPersistentModelIndex
SOON_DAYS = 30

OVERDUE, SOON, LATER, PROVISIONAL, REVIEW = range(5)
GROUP_TITLES = (
    QT_TRANSLATE_NOOP("DeadlineModel", "Overdue"),
    QT_TRANSLATE_NOOP("DeadlineModel", "Due within 30 days"),
    QT_TRANSLATE_NOOP("DeadlineModel", "Later"),
    QT_TRANSLATE_NOOP("DeadlineModel", "Provisional (China holiday calendar not yet published)"),
    QT_TRANSLATE_NOOP("DeadlineModel", "To review: term ended, nothing recorded"),
)
GROUP_KIND = ("overdue", "due-soon", "upcoming", "provisional", "stopped")
COLUMN_TITLES = (
    QT_TRANSLATE_NOOP("DeadlineModel", "Product"),
    QT_TRANSLATE_NOOP("DeadlineModel", "Jurisdiction"),
    QT_TRANSLATE_NOOP("DeadlineModel", "Deadline"),
    QT_TRANSLATE_NOOP("DeadlineModel", "Due"),
    QT_TRANSLATE_NOOP("DeadlineModel", "Countdown"),
    QT_TRANSLATE_NOOP("DeadlineModel", "Counted from"),
    QT_TRANSLATE_NOOP("DeadlineModel", "Track"),
)


def group_of(d, as_of: dt.date) -> int:
    if d.review:
        return REVIEW
    if d.clock.due.provisional:
        return PROVISIONAL
    if d.clock.status.value == "overdue" or d.clock.due.latest < as_of:
        return OVERDUE
    if d.clock.days_left(as_of) <= SOON_DAYS:
        return SOON
    return LATER


class DeadlineModel(QAbstractItemModel):
    """Two levels: the groups, then their clocks soonest first (fed by ``set_rows``)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._groups: list[list] = [[] for _ in GROUP_TITLES]
        self._as_of = dt.date.today()
        language_state().changed.connect(self.refresh_texts)

    def set_rows(self, deadlines: Sequence, as_of: dt.date) -> None:
        self.beginResetModel()
        self._as_of = as_of
        self._groups = [[] for _ in GROUP_TITLES]
        for d in open_deadlines(deadlines):
            self._groups[group_of(d, as_of)].append(d)
        for g in self._groups:
            g.sort(key=lambda d: (d.clock.due.earliest, d.product.name))
        self.endResetModel()

    def group_sizes(self) -> list[int]:
        return [len(g) for g in self._groups]

    def deadline_at(self, index: Index):
        if not index.isValid() or index.internalId() == 0:
            return None
        group = self._groups[index.internalId() - 1]
        return group[index.row()] if 0 <= index.row() < len(group) else None

    # ----- structure ------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        if parent.internalId() == 0:
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()):  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMN_TITLES)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMN_TITLES):
            return QCoreApplication.translate("DeadlineModel", COLUMN_TITLES[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # ----- cells ------------------------------------------------------------------------------------
    def _text(self, d, column: int) -> str:
        lang = current_language()
        c = d.clock
        if column == 0:
            return localized(d.product.name, d.product.name_zh, lang)
        if column == 1:
            j = JURISDICTIONS.get(c.track.jurisdiction)
            return f"{c.track.jurisdiction} — {j.name(lang)}" if j else c.track.jurisdiction
        if column == 2:
            return c.rule.description(lang)
        if column == 3:
            return format_due(c.due.earliest, c.due.latest)
        if column == 4:
            if d.review:
                return QCoreApplication.translate("DeadlineModel", "term ended: review the track")
            return due_countdown(c.due.earliest, c.due.latest, self._as_of)
        if column == 5:
            etype = EVENT_TYPES.get(c.anchor.type)
            return f"{etype.name(lang) if etype else c.anchor.type} ({format_partial(c.anchor.date)})"
        pathway = QCoreApplication.translate("DeadlineModel", "marketing") if c.track.pathway.value == "marketing" \
            else QCoreApplication.translate("DeadlineModel", "clinical")
        return f"{track_indication(c.track)} · {pathway}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            if not 0 <= index.row() < len(self._groups):
                return None
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole) and index.column() == 0:
                title = QCoreApplication.translate("DeadlineModel", GROUP_TITLES[index.row()])
                return f"{title} ({len(self._groups[index.row()])})"
            if role == Qt.ItemDataRole.ForegroundRole and index.column() == 0:
                return urgency_color(GROUP_KIND[index.row()])
            if role == Qt.ItemDataRole.FontRole and index.column() == 0:
                font = QFont()
                font.setBold(True)
                return font
            return None
        d = self.deadline_at(index)
        if d is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(d, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{self._text(d, 2)}\n{d.clock.rule.basis}"
        if role == Qt.ItemDataRole.ForegroundRole and column == 4:
            kind = "stopped" if d.review else "provisional" if d.clock.due.provisional else d.clock.status.value
            return urgency_color(kind)
        if role == OBJECT_ROLE:
            return d
        return None

    def refresh_texts(self, *_args) -> None:
        for g in range(len(self._groups)):
            top = self.index(g, 0)
            self.dataChanged.emit(top, self.index(g, self.columnCount() - 1))
            n = len(self._groups[g])
            if n:
                self.dataChanged.emit(self.index(0, 0, top), self.index(n - 1, self.columnCount() - 1, top))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)


class DeadlinesDashboard(QWidget):
    """The Deadlines page: the grouped tree and a button to open the selected clock's product."""

    product_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DeadlineModel(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.activated.connect(self._activated)
        # The countdown is what the page is for: wide enough for "term ended: review the track" and
        # inside a 1024-pixel window (it was 130 pixels, past the window's edge, and cut short).
        for column, width in enumerate((190, 130, 290, 170, 200, 260)):
            self.tree.setColumnWidth(column, width)
        self.open_button = QPushButton(icon("products"), "", self)
        self.open_button.clicked.connect(lambda: self._activated(self.tree.currentIndex()))
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.tree, 1)
        # the review queue's other half: tracks nobody has checked against a source for months (the tracks
        # whose term ended with nothing recorded are the tree's last group)
        self.review_title = QLabel(self)
        self.review_list = QTreeWidget(self)
        self.review_list.setRootIsDecorated(False)
        self.review_list.setUniformRowHeights(True)
        self.review_list.setColumnCount(4)
        for column, width in enumerate((230, 80, 330)):
            self.review_list.setColumnWidth(column, width)
        self.review_list.itemActivated.connect(self._review_activated)
        layout.addWidget(self.review_title)
        layout.addWidget(self.review_list, 1)
        self.review_months = 6  # Preferences: a track verified longer ago than this is due for review
        self._overviews: Sequence | None = None
        self._review_rows: list = []  # (review item, its row), to say the reasons again in another language
        self._review_count = 0
        self.obligations = OpenObligationsList(self)
        self.obligations.product_activated.connect(self.product_activated)
        self.obligations.setVisible(False)
        layout.addWidget(self.obligations)
        self._as_of = dt.date.today()
        self._pending: tuple[Sequence, dt.date] | None = None
        self._records_pending = False
        self.retranslate_ui()

    def show_snapshot(self, snapshot) -> None:
        """What the window shows, as this page shows it.  From the saved list (``quick``): its open clocks
        now, the review queue and the obligations (they need each track's records) with the full read.
        Without clocks (yet): none, so that neither another database's nor the saved ones of a database
        whose full read then failed stay on screen."""
        if snapshot.deadlines is None:
            self.set_deadlines((), snapshot.as_of, None, records_pending=True)
        elif snapshot.quick:
            self.set_deadlines(snapshot.deadlines, snapshot.as_of, None, records_pending=True)
        else:
            self.set_deadlines(snapshot.deadlines, snapshot.as_of, snapshot.overviews)
            self.obligations.set_obligations(snapshot.obligations)

    def set_deadlines(self, deadlines: Sequence, as_of: dt.date, overviews: Sequence | None = None, *,
                      records_pending: bool = False) -> None:
        """Show these clocks; while the page is hidden, once it is shown (filling the tree costs ~50 ms
        at 10,000 products, which every edit would otherwise spend on a page nobody looks at).
        ``overviews``: the portfolio the clocks are of, for the tracks not verified for months.
        ``records_pending``: the clocks saved with the list at start-up, before the full read: the tree
        is whole, but the tracks' verifications are not known yet, so that list is hidden until they are
        (an empty list would say that nothing needs review)."""
        self._pending = (deadlines, as_of)
        self._records_pending = records_pending
        if records_pending:
            self._overviews = None
        elif overviews is not None:
            self._overviews = overviews
        if self.isVisible():
            self._fill()
        elif any(self.model.group_sizes()):  # let go of the clocks shown before (a whole portfolio's after a reload)
            self.model.set_rows((), as_of)

    def showEvent(self, event: QShowEvent) -> None:
        self._fill()
        super().showEvent(event)

    def _fill(self) -> None:
        if self._pending is None:
            return
        deadlines, as_of = self._pending
        self._pending = None
        self._as_of = as_of
        self.model.set_rows(deadlines, as_of)
        self._fill_review(deadlines, as_of)
        # the groups only: expandAll visits every row (120 ms for 10,000 clocks, on each edit)
        sizes = self.model.group_sizes()
        for group in range(self.model.rowCount()):
            self.tree.expand(self.model.index(group, 0))
            # an empty group says nothing (the provisional one is empty most of the year); a title
            # spans the row instead of being cut at the first column's width
            self.tree.setRowHidden(group, QModelIndex(), sizes[group] == 0)
            self.tree.setFirstColumnSpanned(group, QModelIndex(), True)
        self._show_summary()

    def _fill_review(self, deadlines: Sequence, as_of: dt.date) -> None:
        self.review_list.clear()
        self._review_rows = []
        # the tracks' checks come with the full read: say so, rather than show an empty queue or nothing
        self.review_list.setVisible(not self._records_pending)
        if self._overviews is None:
            self._review_count = 0
            return
        from mscreg.services.review import review_order, review_queue_of  # the database layer: after the read

        queue = review_queue_of(self._overviews, as_of, self.review_months, deadlines=deadlines)
        lang = current_language()
        items = []
        # by the name shown in the interface language, as the product list sorts it
        for it in sorted(queue.items, key=lambda i: review_order(i, product_name)):
            if it.kind == "term_ended":  # shown in the tree's own group, with its clock
                continue
            # names in the interface language where the data has them, as the list above shows them
            row = QTreeWidgetItem([product_name(it.product), it.track.jurisdiction, track_indication(it.track, lang),
                                   it.reason(lang, queue.months)])
            row.setData(0, OBJECT_ROLE, it.product.id)
            items.append(row)
            self._review_rows.append((it, row))
        self.review_list.addTopLevelItems(items)
        self._review_count = len(items)

    def _review_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        product_id = item.data(0, OBJECT_ROLE)
        if isinstance(product_id, int):
            self.product_activated.emit(product_id)

    def _activated(self, index: QModelIndex) -> None:
        d = self.model.deadline_at(index.siblingAtColumn(0)) if index.isValid() else None
        if d is not None and d.product.id is not None:
            self.product_activated.emit(d.product.id)

    def _show_summary(self) -> None:
        sizes = self.model.group_sizes()
        self.summary.setText(
            self.tr("%n open deadline(s)", "", sum(sizes)) + " — "
            + self.tr("as of") + " " + format_day(self._as_of))
        if self._records_pending:
            self.review_title.setText(self.tr("To review: waiting for the database to be read…"))
        else:
            self.review_title.setText(self.tr(
                "To review: %n track(s) not verified against a source for %1 months or more", "",
                self._review_count).replace("%1", str(self.review_months)))

    def retranslate_ui(self) -> None:
        self.tree.setAccessibleName(self.tr("Open deadlines grouped by urgency"))
        self.open_button.setText(self.tr("Open product"))
        self.open_button.setAccessibleName(self.tr("Open the product of the selected deadline"))
        self.summary.setAccessibleName(self.tr("Deadline summary"))
        self.review_list.setHeaderLabels([self.tr("Product"), self.tr("Jurisdiction"), self.tr("Track"),
                                          self.tr("Why")])
        self.review_list.setAccessibleName(self.tr("Tracks not verified against a source for months"))
        lang = current_language()
        for it, row in self._review_rows:
            row.setText(0, product_name(it.product))
            row.setText(2, track_indication(it.track, lang))
            row.setText(3, it.reason(lang, self.review_months))
        if self._review_rows:  # the names changed language: put the rows in the order of the names now shown
            from mscreg.services.review import review_order  # imported already, to fill them

            self._review_rows.sort(key=lambda pair: review_order(pair[0], product_name))
            while self.review_list.topLevelItemCount():
                self.review_list.takeTopLevelItem(0)
            self.review_list.addTopLevelItems([row for _it, row in self._review_rows])
        self._show_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
