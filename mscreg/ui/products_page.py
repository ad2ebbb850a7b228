"""The Products page: the deadline notice, the search box and filters, the product list, and below it
the selected product with its tracks, events and clocks.

It shows a :class:`~mscreg.ui.workspace_loader.Snapshot` it is given (``show_snapshot``) and never
reads the database: filtering, sorting and selecting run in Python over the snapshot's overviews.
Edits the product view asks for leave as ``edit_requested(action, record id)``, for the window to
pass on.  The product view itself is built after the first paint (it is not needed for it).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mscreg.ui.as_of_control import AsOfBanner, AsOfControl
from mscreg.ui.board_view import FrozenColumnTable
from mscreg.ui.language import language_state
from mscreg.ui.product_filters import FilterBar, apply_filter, states_in
from mscreg.ui.product_names import record_names
from mscreg.ui.product_table_model import NEXT_COLUMN, ProductTableModel, ordered_jurisdictions

if TYPE_CHECKING:
    from mscreg.ui.deadline_notice import DeadlineNotice, Urgent
    from mscreg.ui.preferences import Settings
    from mscreg.ui.product_view import ProductView
    from mscreg.ui.workspace_loader import Snapshot

# The product view's requests, by the edit controller method that answers each.
# Rows of the list a window of any size shows before the product view gets the rest (with the header,
# 11 rows keep at least 10 whole ones in view at 1024×768).
LIST_ROWS = 11
# Layouts saved by the board (new keys: a layout saved before it had other columns and gave the list a
# third of the height; restored, it would have undone both).
SPLITTER_KEY, HEADER_KEY = "boardSplitter", "boardHeader"
PRODUCT_VIEW_EDITS = ("edit_product", "delete_product", "new_track", "edit_track", "delete_track", "new_event",
                      "edit_event", "delete_event", "mark_happened", "new_obligation", "edit_obligation",
                      "obligation_step", "delete_obligation", "link_trial", "unlink_trial", "verify_track")


def _escaped(text: str) -> str:
    """``text`` for a rich-text label, as ``html.escape(text, quote=False)`` gives it: the legend is part of the
    window's first paint, and the html module's entity table (about 1.4 ms to import) is needed by nothing
    else before it."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def paint_pending(window: QWidget) -> None:
    """Lay out and paint now whatever waits to be, as the event loop would next (no other event runs)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QCoreApplication.sendPostedEvents(window, QEvent.Type.UpdateRequest)


class _Pane(QWidget):
    """The splitter's lower pane: the product view inside it, filling it.

    It has no layout, so that a change inside the product view (another product's tracks, at every
    keystroke that brings another product to the top of the list) is laid out there and stops.  With the
    product view in the splitter itself, each change laid the splitter, the page and the window out again
    and repainted the list and the filters above it: about 6 ms a change of product.  Its minimum size is
    the product view's when it moves in, so the splitter keeps the room the view needs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._held: QWidget | None = None

    def hold(self, widget: QWidget) -> None:
        self._held = widget
        self.setMinimumSize(widget.minimumSizeHint())
        widget.setGeometry(self.rect())
        widget.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self._held is not None:
            self._held.setGeometry(self.rect())
        super().resizeEvent(event)


class ProductsPage(QWidget):
    """The list of products and the selected one; fed with snapshots, asking for edits by signal."""

    product_selected = Signal(object)  # ProductOverview or None (for the timeline tab, printing)
    selection_changed = Signal()  # the current product changed: what the Edit actions act on
    list_changed = Signal()  # the rows shown changed (the status bar counts them)
    message = Signal(str)  # a word for the status bar: what the page waits for, what the user should do
    edit_requested = Signal(str, int)  # (edit controller method, record id)
    deadlines_requested = Signal()  # the deadline notice's "Show deadlines"

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.snapshot: Snapshot | None = None
        self._notice: DeadlineNotice | None = None  # built when it first has something to say
        self.filters = FilterBar(self)
        # the window's as-of day, in a row of its own under the filters (beside them, the row would no
        # longer fit a window 760 pixels wide), with the banner saying when it is not today
        self.as_of = AsOfControl(self)
        self.as_of_banner = AsOfBanner(self)
        day_row = QHBoxLayout()
        day_row.addWidget(self.as_of)
        day_row.addWidget(self.as_of_banner, 1)
        day_row.addStretch(0)
        self.as_of_banner.back_to_today.connect(self.as_of.back_to_today)
        self.model = ProductTableModel(self)
        self._list_pane = QWidget(self)
        self.table = FrozenColumnTable(self._list_pane)
        self.table.setObjectName("productTable")
        self.table.setModel(self.model)
        self.table.set_row_height(self.table.fontMetrics().height() + 9)
        self.legend = QLabel(self._list_pane)
        self.legend.setObjectName("boardLegend")
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        pane = QVBoxLayout(self._list_pane)
        pane.setContentsMargins(0, 0, 0, 0)
        pane.setSpacing(2)
        pane.addWidget(self.table, 1)
        pane.addWidget(self.legend)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.setIconSize(QSize(16, 16))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.activated.connect(self._product_activated)
        frozen = self.table.frozen
        frozen.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        frozen.customContextMenuRequested.connect(lambda pos: self._context_menu(pos, frozen))
        frozen.activated.connect(self._product_activated)
        self._product_view: ProductView | None = None
        self._product_pane = _Pane(self)  # the product view moves in after the paint
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("productSplitter")
        self.splitter.addWidget(self._list_pane)
        self.splitter.addWidget(self._product_pane)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self._splitter_placed = False  # a saved layout, or the first one made for the window's height
        self._chips: QAbstractItemDelegate | None = None
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filters)
        layout.addLayout(day_row)
        layout.addWidget(self.splitter, 1)
        # the window's actions offered by the list's context menu: (anywhere, on a product)
        self.context_actions: tuple[list[QAction], list[QAction | None]] = ([], [])
        self._jurisdictions: list[str] = []
        self._keep_selection: int | None = None
        self._columns_sized = False
        self._product_shown: tuple | None = None  # (overview, deadlines, generation) last shown below the list
        self._clock_index: tuple | None = None  # (deadlines, {product id: [deadline]})
        # ((overviews, sort spec, columns), sorted overviews, their product ids)
        self._sorted_cache: tuple | None = None
        self.product_view_generation = 0  # bumped when the product view must be rebuilt anyway

        self.filters.changed.connect(self.apply_filters)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.model.modelReset.connect(self._reselect)
        language_state().changed.connect(self._language_changed)
        self.retranslate_ui()

    @property
    def notice(self) -> DeadlineNotice:
        """The bar above the filters counting overdue and soon-due clocks.  Built on first use: hidden until
        the clocks are in, it has no part in the window's first paint, which it cost about 3 ms (its widgets
        and its icon drawn)."""
        if self._notice is None:
            from mscreg.ui.deadline_notice import DeadlineNotice

            self._notice = DeadlineNotice(self)
            self._notice.show_requested.connect(self.deadlines_requested)
            self._layout.insertWidget(0, self._notice)
        return self._notice

    def show_deadline_counts(self, urgent: Urgent, horizon_days: int) -> None:
        """The notice's counts: shown when any clock is urgent, hidden otherwise (and not built for nothing)."""
        if urgent.any or self._notice is not None:
            self.notice.show_counts(urgent, horizon_days)

    @property
    def product_view(self) -> ProductView:
        """The selected product below the list, built on first use (after the first paint)."""
        if self._product_view is None:
            from mscreg.ui.product_view import ProductView

            pv = ProductView(self._product_pane)
            pv.setObjectName("productView")
            pv.setAccessibleName(self.tr("Selected product"))
            self._product_pane.hold(pv)
            for action in PRODUCT_VIEW_EDITS:
                getattr(pv, action).connect(lambda record, a=action: self.edit_requested.emit(a, record))
            self._product_view = pv
        return self._product_view

    # ----- showing a snapshot ------------------------------------------------------------------------
    def show_snapshot(self, snapshot: Snapshot) -> bool:
        """Show ``snapshot``; True when its rows were filled anew.

        At start-up the first stage (states only) fills the list; the complete one follows with the
        same overviews, so only what depends on clocks or search keys is redone then.
        """
        previous, self.snapshot = self.snapshot, snapshot
        self.as_of_banner.show_day(None if snapshot.as_of == dt.date.today() else snapshot.as_of)
        same_rows = (previous is not None and previous.overviews is snapshot.overviews
                     and self.model.rowCount() > 0)
        self.model.set_deadlines(snapshot.deadlines, snapshot.as_of)
        record_names.remember(snapshot.overviews)
        sorted_by_clocks = self.model.sort_spec()[0] is not None and self.model.sort_spec()[0][0] == NEXT_COLUMN
        if not same_rows:
            self._jurisdictions = ordered_jurisdictions(
                {tv.track.jurisdiction for ov in snapshot.overviews for tv in ov.tracks})
            self.filters.set_choices(self._jurisdictions, states_in(snapshot.overviews))
            self.apply_filters()
            self._use_chips()
            self._size_columns()
            self._show_legend()
        elif snapshot.complete:
            f = self.filters.value()
            if f.text.strip() or f.due_within_days is not None or sorted_by_clocks:
                self.apply_filters()  # they waited for the search keys or the clocks
            else:
                self._show_current_product()  # its clocks
        if not snapshot.complete:
            self.paint_now()  # on screen now, before the worker takes the interpreter back
        return not same_rows

    def paint_now(self) -> None:
        """Paint what changed at once, at its final place: first the layouts still pending (the list's
        scroll bars, the legend's line), else the list was painted and then painted again when they moved
        it; then every region marked for painting, as the event loop would next."""
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.table.doItemsLayout()
        self.table.frozen.doItemsLayout()
        paint_pending(self.window())

    def _use_chips(self) -> None:
        """The country columns drawn as chips (the module imported with the first rows, not before the
        paint); the other columns keep Qt's own delegate, which costs no Python per cell."""
        if self._chips is None:
            from mscreg.ui.state_chips import StateChipDelegate

            self._chips = StateChipDelegate(self.table)
        for column in range(self.model.columnCount()):
            chips = self.model.jurisdiction_of(column) is not None
            # None gives the column back to the view's own delegate (the stub leaves None out).
            self.table.setItemDelegateForColumn(column, self._chips if chips else None)  # type: ignore[arg-type]

    def announce_deadlines(self, reminder_days: int) -> None:
        """The bar above the list counting overdue clocks and those due soon, counted again with each set
        of clocks shown: announced once, it kept the counts of the start while an edit met a deadline or
        the list went to another day (the Deadlines page it opens then counted otherwise).  Once
        dismissed it stays hidden (:class:`DeadlineNotice`)."""
        snap = self.snapshot
        if snap is None or snap.deadlines is None:
            return
        self.count_deadlines(reminder_days)

    def count_deadlines(self, reminder_days: int) -> None:
        """The notice's counts of the shown clocks, those due within ``reminder_days`` as soon (again when
        that preference changes)."""
        from mscreg.ui.deadline_notice import urgent_counts

        snap = self.snapshot
        if snap is not None:
            self.show_deadline_counts(urgent_counts(snap.deadlines or [], snap.as_of, reminder_days), reminder_days)

    def set_search(self, snapshot: Snapshot) -> None:
        """The shown snapshot with its pinyin search keys: a search typed meanwhile is run again."""
        self.snapshot = snapshot
        if self.filters.value().text.strip():
            self.apply_filters()

    def _size_columns(self) -> None:
        """Fixed widths from the column specs, not resizeColumnsToContents, which samples 1,000 rows per
        column (~600 ms on a large portfolio)."""
        if self._columns_sized:
            return
        self._columns_sized = True
        header = self.table.horizontalHeader()
        saved = self._settings.state(HEADER_KEY)
        if saved is not None and header.restoreState(saved) and header.count() == self.model.columnCount():
            return
        for column in range(self.model.columnCount()):
            self.table.setColumnWidth(column, self.model.column_width(column))

    def apply_filters(self) -> None:
        snap = self.snapshot
        if snap is None:
            return
        f = self.filters.value()
        if f.due_within_days is not None and (snap.deadlines is None or (snap.quick and not snap.complete)):
            self.message.emit(self.tr("Computing deadlines…"))
            return  # the list stays as it is until every clock is in (show_snapshot): the list's own
            # saved clocks are only each product's next one
        if f.text.strip() and snap.search is None:
            self.message.emit(self.tr("Preparing the search…"))
            return  # likewise for the search keys
        keep = self.current_product_id()
        ordered, ids = self._sorted_overviews()
        shown = apply_filter(ordered, f, snap.search, snap.deadlines or (), snap.as_of, ids)
        self._keep_selection = keep
        self.model.set_rows(shown, self._jurisdictions or None, already_sorted=bool(self._jurisdictions))
        self.list_changed.emit()

    def _sorted_overviews(self) -> tuple[list, list[int]]:
        """All overviews in the list's sort order and their products' ids, sorted once per snapshot,
        column and language; a filter keeps that order, so typing in the search box never sorts."""
        snap = self.snapshot
        assert snap is not None
        spec = (snap.overviews, self.model.sort_spec(), tuple(self._jurisdictions))
        cached = self._sorted_cache
        if cached is None or cached[0][0] is not spec[0] or cached[0][1:] != spec[1:]:
            ordered = self.model.sorted_like_view(snap.overviews, self._jurisdictions)
            cached = self._sorted_cache = (spec, ordered, [ov.product.id for ov in ordered])
        return cached[1], cached[2]

    # ----- the current product -----------------------------------------------------------------------
    def _reselect(self) -> None:
        pid = self._keep_selection
        row = self.model.row_of(pid) if pid is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, 0))
        self._show_current_product()  # shown once: unchanged products are not rebuilt; no row clears it
        self.selection_changed.emit()

    def _current_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_current_product()
        self.selection_changed.emit()

    def _show_current_product(self) -> None:
        """Show the current row's product below the list, unless it is already shown from the same data
        (a keystroke in the search box often keeps the same first row: rebuilding it cost ~5 ms)."""
        ov = self.current_overview()
        snap = self.snapshot
        if snap is not None and snap.quick:
            return  # the list saved at the last read shows rows only: the product follows the full read
        shown = (ov, snap.deadlines if snap is not None else None, self.product_view_generation)
        last = self._product_shown
        if last is not None and last[0] is shown[0] and last[1] is shown[1] and last[2] == shown[2]:
            return
        self._product_shown = shown
        if ov is None or snap is None:
            self.product_view.show_product(None)
            self.product_selected.emit(None)
            return
        self.product_view.show_product(ov, self._clocks_of(ov.product.id), snap.as_of, snap.obligations, snap.trials)
        self.product_selected.emit(ov)

    def refresh_product(self) -> None:
        """Rebuild the product view even if its product did not change (palette, date style)."""
        self.product_view_generation += 1
        self._show_current_product()

    def refresh_texts(self) -> None:
        """The palette changed: colours of the list and of the product shown."""
        self.model.refresh_texts()
        if self._product_view is not None and self._product_view.overview is not None:
            self.refresh_product()

    def _clocks_of(self, product_id: int) -> list:
        """The product's clocks, from an index built once per snapshot (scanning 20,000 deadlines took
        13 ms each time a row was selected)."""
        snap = self.snapshot
        deadlines = snap.deadlines if snap is not None else None
        if deadlines is None:
            return []
        if self._clock_index is None or self._clock_index[0] is not deadlines:
            by_product: dict[int, list] = {}
            for d in deadlines:
                by_product.setdefault(d.product.id, []).append(d)
            self._clock_index = (deadlines, by_product)
        return self._clock_index[1].get(product_id, [])

    def current_overview(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def current_product_id(self) -> int | None:
        ov = self.current_overview()
        return ov.product.id if ov is not None else None

    def show_product(self, product_id: int) -> None:
        """Select ``product_id`` and bring it into view, clearing filters that hide it."""
        if self.model.row_of(product_id) < 0:
            self._keep_selection = product_id
            self.filters.reset()
        row = self.model.row_of(product_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.setCurrentIndex(self.model.index(row, 0))
            self.table.scrollTo(self.model.index(row, 0))
            self.table.setFocus()

    def _product_activated(self, _index: QModelIndex) -> None:
        if self.product_view.sections:
            self.product_view.sections[0].table.setFocus()
        else:
            self.product_view.setFocus()

    def new_event_track(self) -> int | None:
        """The track a new event goes to: the focused one, or the product's only one.  With several and
        none focused, None, and the user is put on the first one's "Add event…" button."""
        track = self.product_view.current_track_id()
        if track is None and self.product_view.sections:
            self.product_view.sections[0].add_event.setFocus()
            self.message.emit(self.tr("Choose the track: each track has its own “Add event…” button."))
        return track

    def focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def counts(self) -> tuple[int, int]:
        """(products shown, products in the snapshot)."""
        return self.model.rowCount(), len(self.snapshot.overviews) if self.snapshot is not None else 0

    def _context_menu(self, pos: QPoint, view: QTableView | None = None) -> None:
        view = view or self.table
        index = view.indexAt(pos)
        if index.isValid():
            self.table.setCurrentIndex(index)
        menu = QMenu(self)
        anywhere, on_product = self.context_actions
        for action in [*anywhere, *(on_product if index.isValid() else [])]:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.popup(view.viewport().mapToGlobal(pos))

    # ----- language --------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.table.setAccessibleName(self.tr("Products"))
        self.table.setAccessibleDescription(self.tr("Enter opens the selected product's tracks below the list"))
        if self._product_view is not None:
            self._product_view.setAccessibleName(self.tr("Selected product"))
        self.splitter.setAccessibleName(self.tr("Product list and product details"))
        self.legend.setAccessibleName(self.tr("Legend of the product list"))
        self._show_legend()

    def _show_legend(self) -> None:
        """One line under the list: what the country chips say, and what "ZZ" is when it is a column."""
        text = self.tr("Each country shows the leading track's state and the date it holds since; hover a "
                       "cell for every track, a country code for its name.")
        if "ZZ" in self._jurisdictions:
            text += " " + self.tr("ZZ: registry entries that do not state a country.")
        self.legend.setText(f"<small>{_escaped(text)}</small>")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _language_changed(self, _lang: str) -> None:
        if self.snapshot is not None:
            self.filters.set_choices(self.model.jurisdictions(), states_in(self.snapshot.overviews))

    # ----- layout kept between runs ---------------------------------------------------------------
    def restore_state(self) -> None:
        splitter = self._settings.state(SPLITTER_KEY)
        if splitter is not None and self.splitter.restoreState(splitter):
            self._splitter_placed = True

    def list_height(self) -> int:
        """The list pane's height that shows :data:`LIST_ROWS` rows with the header, scroll bar and legend."""
        t = self.table
        return (t.horizontalHeader().sizeHint().height() + LIST_ROWS * t.verticalHeader().defaultSectionSize()
                + t.horizontalScrollBar().sizeHint().height() + 2 * t.frameWidth()
                + self.legend.sizeHint().height() + 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The first layout without a saved one: the list gets its rows, the product view the rest
        (it scrolls), whatever the window's height."""
        super().resizeEvent(event)
        total = self.splitter.height()
        if not self._splitter_placed and total > 200 and self.isVisible():
            self._splitter_placed = True
            wanted = min(self.list_height(), max(total // 2, total - 160))
            self.splitter.setSizes([wanted, total - wanted - self.splitter.handleWidth()])

    def save_state(self) -> None:
        self._settings.set_state(SPLITTER_KEY, self.splitter.saveState())
        if self.model.columnCount():
            self._settings.set_state(HEADER_KEY, self.table.horizontalHeader().saveState())
