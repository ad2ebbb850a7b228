"""Page setup, print preview, printing and PDF/PNG export of the timeline shown in the app.

All four go through :func:`mscreg.ui.timeline_pages.render_pages` / ``export_pdf`` / ``export_png``,
the routines the command line uses, so what the user previews is what prints and what the file holds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from mscreg.domain.errors import MscregError
from mscreg.domain.timeline_layout import TimelineLayout
from mscreg.ui.language import current_language
from mscreg.ui.timeline_pages import (
    PAGE_SIZES,
    ExportCancelled,
    PageOptions,
    export_pdf,
    export_png,
    export_pptx,
    export_svg,
    render_pages,
)


class PageSetupDialog(QDialog):
    """Paper, orientation, one page or tiles, margins.  ``value()`` returns the chosen PageOptions."""

    def __init__(self, options: PageOptions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = QComboBox(self)
        self.page.addItems(list(PAGE_SIZES))
        self.page.setCurrentText(options.page)
        self.orientation = QComboBox(self)
        self.fit = QComboBox(self)
        self.margin = QDoubleSpinBox(self)
        self.margin.setRange(5.0, 40.0)
        self.margin.setSuffix(" mm")
        self.margin.setValue(options.margin_mm)
        self.form = QFormLayout()
        self.form.addRow("", self.page)
        self.form.addRow("", self.orientation)
        self.form.addRow("", self.fit)
        self.form.addRow("", self.margin)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(self.form)
        box.addWidget(self.buttons)
        self._database = options.database
        self.retranslate_ui()
        self.orientation.setCurrentIndex(1 if options.landscape else 0)
        self.fit.setCurrentIndex(1 if options.fit == "tile" else 0)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Page setup"))
        orientation, fit = self.orientation.currentIndex(), self.fit.currentIndex()
        self.orientation.clear()
        self.orientation.addItems([self.tr("Portrait"), self.tr("Landscape")])
        self.fit.clear()
        self.fit.addItems([self.tr("Fit to one page"), self.tr("Tile across pages (full size)")])
        self.orientation.setCurrentIndex(max(0, orientation))
        self.fit.setCurrentIndex(max(0, fit))
        for row, (label, widget) in enumerate(((self.tr("Paper:"), self.page),
                                               (self.tr("Orientation:"), self.orientation),
                                               (self.tr("Layout:"), self.fit),
                                               (self.tr("Margins:"), self.margin))):
            item = self.form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            if item is not None and item.widget() is not None:
                item.widget().setText(label)
            widget.setAccessibleName(label.rstrip(":\N{FULLWIDTH COLON}"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def value(self) -> PageOptions:
        return PageOptions(self.page.currentText(), self.orientation.currentIndex() == 1,
                           "tile" if self.fit.currentIndex() == 1 else "page", self.margin.value(), self._database)


class TimelinePrinter(QObject):
    """Print preview, print and export for whatever timeline ``source()`` returns (None: nothing shown)."""

    def __init__(self, parent: QWidget, source: Callable[[], TimelineLayout | None], dialogs,
                 database_name: Callable[[], str],
                 database_file: Callable[[], Path | None] = lambda: None) -> None:
        super().__init__(parent)
        self._parent = parent
        self._source = source
        self._dialogs = dialogs
        self._database_name = database_name
        self._database_file = database_file  # the SQLite file shown: an export must never replace it
        self.options = PageOptions(landscape=True)
        self.progress_dialog: QProgressDialog | None = None

    def _current_options(self) -> PageOptions:
        o = self.options
        return PageOptions(o.page, o.landscape, o.fit, o.margin_mm, self._database_name())

    def page_setup(self) -> None:
        dialog = PageSetupDialog(self._current_options(), self._parent)
        dialog.accepted.connect(lambda: setattr(self, "options", dialog.value()))
        dialog.open()

    def _layout(self) -> TimelineLayout | None:
        layout = self._source()
        if layout is None:
            self._dialogs.information(self._parent, self.tr("Timeline"), self.tr("There is no timeline to print."))
        return layout

    def _render(self, layout: TimelineLayout, printer: QPrinter) -> None:
        try:
            render_pages(layout, printer, self._current_options())
        except MscregError as exc:
            self._dialogs.error(self._parent, self.tr("Timeline"), exc.message(current_language()))

    def make_printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(self._current_options().page_layout())
        return printer

    def preview(self) -> QPrintPreviewDialog | None:
        layout = self._layout()
        if layout is None:
            return None
        printer = self.make_printer()
        dialog = QPrintPreviewDialog(printer, self._parent)
        dialog.setWindowTitle(self.tr("Print preview — %1").replace("%1", layout.title))
        dialog.paintRequested.connect(lambda p: self._render(layout, p))
        dialog.resize(1100, 800)
        dialog.open()
        return dialog

    def print_(self) -> None:
        layout = self._layout()
        if layout is None:
            return
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self._parent)
        dialog.accepted.connect(lambda: self._render(layout, printer))
        dialog.open()

    def export(self, kind: str) -> str | None:
        """Ask for a file name and write the PDF or PNG; returns the path written (None if cancelled)."""
        layout = self._layout()
        if layout is None:
            return None
        if kind == "pdf":
            path = self._dialogs.save_file(self._parent, self.tr("Export PDF"), self.tr("PDF documents (*.pdf)"))
        elif kind == "svg":
            path = self._dialogs.save_file(self._parent, self.tr("Export SVG"), self.tr("SVG drawings (*.svg)"))
        elif kind == "pptx":
            path = self._dialogs.save_file(self._parent, self.tr("Export slides"),
                                           self.tr("PowerPoint slides (*.pptx)"))
        else:
            path = self._dialogs.save_file(self._parent, self.tr("Export PNG"), self.tr("PNG images (*.png)"))
        if not path:
            return None
        if not path.lower().endswith("." + kind):
            path += "." + kind
        try:
            database = self._database_file()
            if kind == "pdf":
                export_pdf(layout, path, self._current_options(), self._progress(), database=database)
            elif kind == "svg":
                export_svg(layout, path, self._current_options(), self._progress(), database=database)
            elif kind == "pptx":
                export_pptx(layout, path, self._current_options(), self._progress(), database=database)
            else:
                export_png(layout, path, self._current_options(), progress=self._progress(), database=database)
        except ExportCancelled:
            return None
        except MscregError as exc:
            self._dialogs.error(self._parent, self.tr("Export"), exc.message(current_language()))
            return None
        except OSError as exc:
            self._dialogs.error(self._parent, self.tr("Export"), str(exc))
            return None
        finally:
            if self.progress_dialog is not None:
                self.progress_dialog.close()
                self.progress_dialog.deleteLater()
                self.progress_dialog = None
        return path

    def _progress(self):
        """A window-modal progress dialog with Cancel, fed page by page.

        The pages are painted on the UI thread (QPdfWriter and the fonts want the GUI thread) in
        chunks of one page, a few milliseconds each: after every page the event loop runs, so the
        window repaints and Cancel answers even during a thousand-page tiled export.
        """
        dialog = QProgressDialog(self._parent)
        dialog.setWindowTitle(self.tr("Export"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # a one-page export finishes before it would show
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        self.progress_dialog = dialog

        shown = [-1.0]

        def report(done: int, total: int) -> bool:
            now = time.monotonic()
            if done < total and now - shown[0] < 0.05:  # 20 updates a second are plenty
                return not dialog.wasCanceled()
            shown[0] = now
            dialog.setMaximum(max(1, total))
            dialog.setLabelText(self.tr("Writing page %1 of %2…").replace("%1", str(done)).replace("%2", str(total)))
            dialog.setValue(done)
            QCoreApplication.processEvents()
            return not dialog.wasCanceled()

        return report
