"""The Landscape page: the database's trials, China's clinical-trial applications and the approvals held,
counted and charted, each published figure from the literature beside the count for the same question.

The records are read off the UI thread through the window's session (again when the data change or the
as-of day moves); a filter change narrows what was read in memory and redraws at once, without a query,
so typing in the search box keeps up with 10,000 trials.  Printing and exporting go through the dialog
service and run off the UI thread like every other output.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, QRectF, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QFont, QFontMetricsF, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mscreg.domain.jurisdictions import JURISDICTIONS
from mscreg.domain.messages import text
from mscreg.domain.product import DONOR_NAMES, TISSUE_NAMES, DonorType, Tissue
from mscreg.domain.trial import Registry, registry_name
from mscreg.ui.fonts import label_font
from mscreg.ui.icons import icon
from mscreg.ui.landscape_chart import BarChart, chart_height, charts_of, paint_bar_chart
from mscreg.ui.language import current_language

if TYPE_CHECKING:
    from mscreg.services.landscape_inputs import LandscapeCounts, LandscapeFilter, LandscapeInputs
    from mscreg.ui.dialog_service import DialogService
    from mscreg.ui.timeline_pages import PageOptions
    from mscreg.ui.workspace_session import WorkspaceSession

GAP = 16


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


class ChartGrid(QWidget):
    """The charts two to a row, painted by the routine the printed report uses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.charts: list[BarChart] = []
        self.title_font = label_font(9.5, bold=True)
        self.font_ = label_font(8.5)
        self.setAutoFillBackground(True)

    def set_charts(self, charts: list[BarChart]) -> None:
        self.charts = charts
        self.setMinimumHeight(int(self._height()))
        self.update()

    def _line(self) -> float:
        return QFontMetricsF(self.font_).height()

    def _rows(self) -> list[tuple[list[BarChart], float]]:
        line = self._line()
        return [(self.charts[i:i + 2], max(chart_height(c, line) for c in self.charts[i:i + 2]))
                for i in range(0, len(self.charts), 2)]

    def _height(self) -> float:
        return sum(h + GAP for _, h in self._rows()) + GAP

    def sizeHint(self) -> QSize:
        return QSize(640, int(self._height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        width = self.width() - 2 * GAP
        col = (width - GAP) / 2
        y = float(GAP)
        clip = event.rect()
        for pair, h in self._rows():
            if y <= clip.bottom() and y + h >= clip.top():
                for j, chart in enumerate(pair):
                    paint_bar_chart(p, QRectF(GAP + j * (col + GAP), y, col, h), chart, self.title_font, self.font_)
            y += h + GAP
        p.end()


class LandscapePage(QWidget):
    """Filters, charts and tables of the landscape, with Print to PDF and Export to PNG, CSV or XLSX."""

    def __init__(self, session: WorkspaceSession, dialogs: DialogService, settings: QSettings | None = None,
                 parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.dialogs = dialogs
        self.settings = settings or QSettings()
        self.today = today or dt.date.today()
        self.inputs: LandscapeInputs | None = None  # as read: every record, unfiltered
        self.shown: LandscapeInputs | None = None  # narrowed by the filter
        self.counts: LandscapeCounts | None = None
        self._stale = True
        self._reading = False

        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.jurisdiction = QComboBox(self)
        self.tissue = QComboBox(self)
        self.donor = QComboBox(self)
        self.registry = QComboBox(self)
        for combo in (self.jurisdiction, self.tissue, self.donor, self.registry):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(3)
        self.clear = QToolButton(self)
        self.clear.setIcon(icon("filter-clear"))
        self.as_of_label = QLabel(self)
        self.as_of_edit = QDateEdit(self)
        self.as_of_edit.setCalendarPopup(True)
        self.as_of_edit.setDisplayFormat("yyyy-MM-dd")
        self.as_of_edit.setDate(_qdate(self.today))
        self.as_of_label.setBuddy(self.as_of_edit)
        self.print_button = QPushButton(self)
        self.export_button = QPushButton(self)
        self.export_menu = QMenu(self)
        self.export_png = QAction(self)
        self.export_csv = QAction(self)
        self.export_xlsx = QAction(self)
        self.page_setup_action = QAction(self)
        self.print_action = QAction(self)
        for action in (self.export_png, self.export_csv, self.export_xlsx, None, self.page_setup_action,
                       self.print_action):
            if action is None:
                self.export_menu.addSeparator()
            else:
                self.export_menu.addAction(action)
        self.page_options: PageOptions | None = None  # the timelines' page options; None: A4 landscape
        self.export_button.setMenu(self.export_menu)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.charts = ChartGrid(self)
        self.chart_scroll = QScrollArea(self)
        self.chart_scroll.setWidgetResizable(True)
        self.chart_scroll.setWidget(self.charts)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("landscape")
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.chart_scroll)
        splitter.addWidget(self.tree)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([640, 600])
        self.tree.setIndentation(10)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for w in (self.jurisdiction, self.tissue, self.donor, self.registry):
            filters.addWidget(w, 1)
        filters.addWidget(self.clear)
        bar = QHBoxLayout()
        bar.addWidget(self.as_of_label)
        bar.addWidget(self.as_of_edit)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(self.apply_filter)
        for combo in (self.jurisdiction, self.tissue, self.donor, self.registry):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.clear.clicked.connect(self.reset_filter)
        self.as_of_edit.dateChanged.connect(lambda _d: self._mark_stale())
        self.print_button.clicked.connect(lambda: self._write("pdf"))
        self.export_png.triggered.connect(lambda: self._write("png"))
        self.export_csv.triggered.connect(lambda: self._write("csv"))
        self.export_xlsx.triggered.connect(lambda: self._write("xlsx"))
        self.page_setup_action.triggered.connect(self.page_setup)
        self.print_action.triggered.connect(self.print_to_printer)
        self.session.snapshot_changed.connect(lambda _s: self._mark_stale())
        self.retranslate_ui()

    # ----- language ------------------------------------------------------------------------------------
    def title(self) -> str:
        """The page's name for its tab and its View-menu entry, in the interface language."""
        return self.tr("Landscape")

    def retranslate_ui(self) -> None:
        self.search.setPlaceholderText(self.tr("Search products and trials: names, identifiers, sponsors, "
                                               "conditions…"))
        self.search.setAccessibleName(self.tr("Search products and trials"))
        self.jurisdiction.setAccessibleName(self.tr("Filter by jurisdiction"))
        self.tissue.setAccessibleName(self.tr("Filter by tissue"))
        self.donor.setAccessibleName(self.tr("Filter by donor type"))
        self.registry.setAccessibleName(self.tr("Filter by trial registry"))
        self.clear.setToolTip(self.tr("Clear search and filters"))
        self.clear.setAccessibleName(self.tr("Clear search and filters"))
        self.as_of_label.setText(self.tr("&As of"))
        self.print_button.setText(self.tr("Print to PDF…"))
        self.export_button.setText(self.tr("Export"))
        self.export_png.setText(self.tr("PNG image…"))
        self.export_csv.setText(self.tr("CSV table…"))
        self.export_xlsx.setText(self.tr("Excel workbook…"))
        self.page_setup_action.setText(self.tr("Page setup…"))
        self.print_action.setText(self.tr("Print…"))
        self._fill_choices()
        if self.counts is not None:
            self._show()

    def _fill_choices(self) -> None:
        lang = current_language()
        zh = lang.startswith("zh")
        codes = sorted({log.track.jurisdiction for log in self.inputs.logs}) if self.inputs else []
        self._refill(self.jurisdiction, self.tr("All jurisdictions"),
                     [(c, f"{c} — {JURISDICTIONS[c].name(lang)}" if c in JURISDICTIONS else c) for c in codes])
        self._refill(self.tissue, self.tr("All tissues"), [(t.value, TISSUE_NAMES[t][1 if zh else 0]) for t in Tissue])
        self._refill(self.donor, self.tr("All donor types"),
                     [(d.value, DONOR_NAMES[d][1 if zh else 0]) for d in DonorType])
        self._refill(self.registry, self.tr("All registries"), [(r.value, registry_name(r, lang)) for r in Registry])

    @staticmethod
    def _refill(combo: QComboBox, everything: str, items: list[tuple[str, str]]) -> None:
        keep = combo.currentData() or ""
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, "")
        for data, label in items:
            combo.addItem(label, data)
        combo.setCurrentIndex(max(0, combo.findData(keep)))
        combo.blockSignals(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # ----- reading -------------------------------------------------------------------------------------
    @property
    def as_of(self) -> dt.date:
        return _day(self.as_of_edit.date())

    def _mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Read the records as known on the as-of day, off the UI thread (a newer request replaces an older)."""
        if self.session.ws is None or self._reading:
            return
        self._stale = False
        self._reading = True
        ws, day = self.session.ws, self.as_of

        def work() -> LandscapeInputs:
            from mscreg.services.landscape_inputs import read_landscape

            return read_landscape(ws, day)

        def done(inputs: object) -> None:
            self._reading = False
            if self.as_of != day:  # the day moved while it was read: read again
                self.refresh()
                return
            self.set_inputs(inputs)  # type: ignore[arg-type]

        task = self.session.run(work, done, self.tr("Reading the landscape…"), self.tr("Landscape"))
        if task is None:
            self._reading = False
        else:
            task.finished_error.connect(self._read_failed)

    def _read_failed(self, _exc: object) -> None:
        self._reading = False  # the session reports the failure itself

    def set_inputs(self, inputs: LandscapeInputs) -> None:
        """Show ``inputs`` (every record as read), narrowed by the current filter."""
        self.inputs = inputs
        self._fill_choices()
        self.apply_filter()

    # ----- filtering -----------------------------------------------------------------------------------
    def filter_value(self) -> LandscapeFilter:
        from mscreg.services.landscape_inputs import LandscapeFilter

        return LandscapeFilter(text=self.search.text(), jurisdiction=str(self.jurisdiction.currentData() or ""),
                               tissue=str(self.tissue.currentData() or ""),
                               donor_type=str(self.donor.currentData() or ""),
                               registry=str(self.registry.currentData() or ""))

    def reset_filter(self) -> None:
        for w in (self.search, self.jurisdiction, self.tissue, self.donor, self.registry):
            w.blockSignals(True)
        self.search.clear()
        for combo in (self.jurisdiction, self.tissue, self.donor, self.registry):
            combo.setCurrentIndex(0)
        for w in (self.search, self.jurisdiction, self.tissue, self.donor, self.registry):
            w.blockSignals(False)
        self.apply_filter()

    def apply_filter(self) -> None:
        """Narrow what was read by the filter and redraw (in memory: no query)."""
        if self.inputs is None:
            return
        self.shown = self.inputs.filtered(self.filter_value())
        self.counts = self.shown.counts()
        self._show()

    # ----- showing -------------------------------------------------------------------------------------
    def _show(self) -> None:
        from mscreg.services.landscape_report import comparison_rows, count_tables

        counts, shown = self.counts, self.shown
        if counts is None or shown is None:
            return
        lang = current_language()
        self.summary.setText(text("landscape.counted", lang, count=counts.trials, found=counts.tracks))
        self.charts.set_charts(charts_of(counts, lang))
        self.tree.setUpdatesEnabled(False)
        try:
            self.tree.clear()
            width = 2
            bold = QFont(self.tree.font())
            bold.setBold(True)
            not_computed = text("landscape.not_computed", lang)
            figures = QTreeWidgetItem(self.tree, [text("landscape.section_figures", lang)])
            figures.setFirstColumnSpanned(True)
            figures.setFont(0, bold)
            for c in counts.comparisons:
                rows = comparison_rows(c, lang)
                top = QTreeWidgetItem(figures, [c.figure.title_in(lang)])
                top.setFirstColumnSpanned(True)
                top.setToolTip(0, rows[0][0])
                head = QTreeWidgetItem(top, rows[1])
                for i, label in enumerate(rows[1]):
                    head.setFont(i, bold)
                    head.setToolTip(i, label)  # the columns are narrow: the whole heading on hover
                for r in rows[2:]:
                    item = QTreeWidgetItem(top, r)
                    for i, cell in enumerate(r):
                        if i:
                            item.setTextAlignment(i, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                        if cell == not_computed:
                            item.setForeground(i, self.palette().placeholderText())
                            item.setToolTip(i, cell)
                width = max(width, len(rows[1]))
            tables = QTreeWidgetItem(self.tree, [text("landscape.section_tables", lang)])
            tables.setFirstColumnSpanned(True)
            tables.setFont(0, bold)
            for t in count_tables(counts, lang):
                top = QTreeWidgetItem(tables, [t.title])
                top.setFirstColumnSpanned(True)
                head = QTreeWidgetItem(top, list(t.header))
                for i, label in enumerate(t.header):
                    head.setFont(i, bold)
                    head.setToolTip(i, label)
                for r in t.rows:
                    item = QTreeWidgetItem(top, list(r))
                    for i in range(1, len(r)):
                        item.setTextAlignment(i, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not t.rows:
                    QTreeWidgetItem(top, [text("landscape.none_held", lang)]).setFirstColumnSpanned(True)
                width = max(width, len(t.header))
            self.tree.setColumnCount(width)
            self.tree.expandAll()
            self.tree.setColumnWidth(0, 200)
            for column in range(1, width):
                self.tree.setColumnWidth(column, 80)
        finally:
            self.tree.setUpdatesEnabled(True)

    # ----- printing and exporting ----------------------------------------------------------------------
    def options(self) -> PageOptions:
        """Paper, orientation and margins, chosen with the timelines' page setup (A4 landscape at first)."""
        from mscreg.ui.timeline_pages import PageOptions

        return self.page_options or PageOptions(landscape=True)

    def page_setup(self) -> None:
        from mscreg.ui.timeline_printing import PageSetupDialog

        dialog = PageSetupDialog(self.options(), self)
        dialog.fit.setEnabled(False)  # the report flows over pages: there is no one-page fit to choose
        dialog.accepted.connect(lambda: setattr(self, "page_options", dialog.value()))
        dialog.open()

    def print_to_printer(self) -> None:
        """The system print dialog, then the same pages as the PDF on the chosen printer."""
        if self.shown is None or self.counts is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from mscreg.ui.landscape_print import render_landscape

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(self.options().page_layout())
        if QPrintDialog(printer, self).exec() == QPrintDialog.DialogCode.Accepted:
            render_landscape(self.shown, self.counts, current_language(), printer)

    def _write(self, kind: str) -> None:
        shown, counts, ws = self.shown, self.counts, self.session.ws
        if shown is None or counts is None or ws is None:
            return
        filters = {"pdf": self.tr("PDF (*.pdf)"), "png": self.tr("PNG image (*.png)"),
                   "csv": self.tr("CSV table (*.csv)"), "xlsx": self.tr("Excel workbook (*.xlsx)")}
        path = self.dialogs.save_file(self, self.tr("Save the landscape"), filters[kind],
                                      f"landscape-{shown.as_of.isoformat()}.{kind}")
        if not path:
            return
        if not path.lower().endswith(f".{kind}"):
            path += f".{kind}"
        lang = current_language()
        options = self.options()

        def work() -> str:
            from mscreg.services import output_files

            database = output_files.database_of(ws)
            if kind in ("pdf", "png"):
                from mscreg.ui.landscape_print import write_landscape

                return str(write_landscape(shown, counts, path, lang, options, database=database))
            from mscreg.services.landscape_report import write_landscape_table

            return str(write_landscape_table(counts, path, lang, database))

        def done(written: object) -> None:
            self.dialogs.information(self, self.tr("Landscape"), self.tr("Saved %1.").replace("%1", str(written)))

        self.session.run(work, done, self.tr("Writing the landscape…"), self.tr("Landscape"))
