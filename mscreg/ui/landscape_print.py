"""The landscape report on paper: a PDF (pages set up like printed timelines) or one PNG image.

First the charts, two to a row (each published figure the records can answer beside the database's
count, then the database's own counts), painted by the same routine as the window; then the tables,
laid out by QTextDocument (each published figure beside the computed numbers, cell by cell, then every
computed table).  Every page repeats a header in plain words: what is shown, as of which day, from which
database, printed on which day, and the filter when one was applied.  Only the bundled CJK font is used,
so the PDF carries every glyph it shows.  Written through the checked, atomic output: never over the
database, nothing left behind on a failure.
"""

from __future__ import annotations

import datetime as dt
import html
import traceback
from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPaintDevice,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from mscreg import __version__
from mscreg.domain.messages import text
from mscreg.services import output_files
from mscreg.services.landscape_inputs import LandscapeCounts, LandscapeFilter, LandscapeInputs
from mscreg.services.landscape_report import column_label, comparison_rows, count_tables
from mscreg.ui.fonts import print_font
from mscreg.ui.landscape_chart import TEXT, BarChart, chart_height, charts_of, paint_bar_chart
from mscreg.ui.print_output import ensure_gui_application
from mscreg.ui.timeline_pages import PageOptions
from mscreg.ui.timeline_style import Fonts

PNG_DPI = 150
GAP = 14.0  # points between charts


def filter_words(flt: LandscapeFilter, lang: str) -> str:
    """The filter in plain words ("text “amimestrocel”, CN"), empty when nothing is filtered."""
    parts = [f"“{flt.text.strip()}”" if flt.text.strip() else "", flt.jurisdiction, flt.tissue, flt.donor_type,
             flt.registry]
    return ", ".join(p for p in parts if p)


def header_lines(inputs: LandscapeInputs, counts: LandscapeCounts, lang: str, printed_on: dt.date) -> list[str]:
    lines = [text("landscape.stamp", lang, database=inputs.database_name or "—", date=inputs.as_of.isoformat(),
                  day=printed_on.isoformat())]
    words = filter_words(inputs.filter, lang)
    if words:
        lines.append(text("landscape.filtered", lang, detail=words))
    lines.append(text("landscape.counted", lang, count=counts.trials, found=counts.tracks))
    return lines


def tables_html(counts: LandscapeCounts, lang: str) -> str:
    """The published figures beside the computed numbers, then every computed table, as HTML."""
    e = html.escape
    parts = [f"<h2 style='font-size:12pt'>{e(text('landscape.section_figures', lang))}</h2>"]
    not_computed = text("landscape.not_computed", lang)
    published, database = text("landscape.published", lang), text("landscape.computed", lang)
    for c in counts.comparisons:
        f = c.figure
        rows = comparison_rows(c, lang)
        parts.append(f"<p style='font-size:9.5pt; font-weight:bold; margin-top:10px'>{e(f.title_in(lang))}</p>")
        meta = [text("landscape.figure_source", lang, detail=f.source.citation()),
                text("landscape.figure_as_of", lang, date=f.as_of.iso()),
                text("landscape.figure_query", lang, detail=f.query)]
        if not c.answerable:
            meta.append(text("landscape.figure_unanswerable", lang))
        parts.append(f"<p style='color:#444; font-size:7.5pt'>{'<br/>'.join(e(m) for m in meta)}</p>")
        labels = [column_label(f, key, lang) for key in c.computed_columns]
        groups = [(published, [(col.label_zh if lang.startswith("zh") else col.label) for col in f.columns])]
        if c.answerable:
            groups.append((database, labels))
        parts.append(_table([text("landscape.row", lang)], rows[2:], groups=groups, not_computed=not_computed,
                            extra=0 if c.answerable else 1))
    parts.append(f"<h2 style='font-size:12pt'>{e(text('landscape.section_tables', lang))}</h2>")
    for t in count_tables(counts, lang):
        parts.append(f"<p style='font-size:9.5pt; font-weight:bold; margin-top:10px'>{e(t.title)}</p>")
        if t.rows:
            parts.append(_table(list(t.header), [list(r) for r in t.rows]))
        else:
            parts.append(f"<p style='color:#444'>{e(text('landscape.none_held', lang))}</p>")
    return "\n".join(parts)


def _table(header: list[str], rows: list[list[str]], *, groups: list[tuple[str, list[str]]] | None = None,
           not_computed: str = "", extra: int = 0) -> str:
    """A table; with ``groups`` the header has two lines: each group's name spanning its columns (the
    published numbers, then the database's, in blue), then the columns' own labels."""
    e = html.escape
    published = len(groups[0][1]) if groups else 0
    out = ["<table cellspacing='0' cellpadding='3' border='0'>", "<thead>"]
    if groups:
        out.append("<tr><th></th>")
        for i, (name, labels) in enumerate(groups):
            colour = "#1565c0" if i else "#202124"
            out.append(f"<th colspan='{len(labels)}' align='center' style='border-bottom:1px solid #999; "
                       f"color:{colour}; font-size:7.5pt'>{e(name)}</th>")
        out.append("<th></th>" * extra + "</tr>")
        header = header + [label for _, labels in groups for label in labels] + [""] * extra
    out.append("<tr>")
    for i, h in enumerate(header):
        colour = "#1565c0" if published and i > published else "#202124"
        out.append(f"<th align='{'left' if i == 0 else 'right'}' style='border-bottom:1px solid #333; "
                   f"color:{colour}; font-size:7.5pt'>{e(h)}</th>")
    out.append("</tr></thead>")
    for row in rows:
        out.append("<tr>")
        for i, cell in enumerate(row):
            style = "border-bottom:1px solid #ddd"
            if published and i > published:
                style += "; color:#1565c0" if cell != not_computed else "; color:#777"
            out.append(f"<td align='{'left' if i == 0 else 'right'}' style='{style}'>{e(cell)}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


class LandscapeDocument:
    """The report laid out for one device, in points: a header, chart rows, then the tables' pages."""

    def __init__(self, inputs: LandscapeInputs, counts: LandscapeCounts, lang: str, device: QPaintDevice,
                 width_pt: float, height_pt: float | None, printed_on: dt.date | None = None) -> None:
        self.lang = lang
        self.device = device
        self.points = 72.0 / device.logicalDpiX()  # points per device unit
        self.width = width_pt
        self.height = height_pt  # None: one long page (PNG)
        fonts = Fonts(device)  # sized in points of the page, whatever the device's resolution
        self.title_font = fonts.make(13, bold=True)
        self.meta_font = fonts.make(7.5)
        self.chart_title_font = fonts.make(8.5, bold=True)
        self.chart_font = fonts.make(7)
        self.lines = header_lines(inputs, counts, lang, printed_on or dt.date.today())
        fm = QFontMetricsF(self.meta_font, device)
        self.meta_line = fm.height()
        self.header_h = 13 * 1.6 + self.meta_line * len(self.lines) + 8
        self.footer_h = 0.0 if height_pt is None else 14.0
        self.chart_line = QFontMetricsF(self.chart_font, device).height()
        self.charts = charts_of(counts, lang)
        self.doc = QTextDocument()
        self.doc.documentLayout().setPaintDevice(device)
        self.doc.setDefaultFont(print_font(8))
        self.doc.setDocumentMargin(0)
        self.doc.setHtml(tables_html(counts, lang))
        self.body_h = (height_pt - self.header_h - self.footer_h) if height_pt is not None else None
        self.doc.setPageSize(QSizeF(width_pt / self.points,
                                    (self.body_h / self.points) if self.body_h is not None else 1e9))
        self.chart_pages = self._place_charts()
        self.table_h = self.doc.documentLayout().documentSize().height() * self.points
        self.table_pages = self.doc.pageCount() if height_pt is not None else 1
        self.pages = len(self.chart_pages) + self.table_pages

    def _place_charts(self) -> list[list[tuple[BarChart, QRectF]]]:
        """Charts two to a row, each row as tall as its taller chart; a new page when a row does not fit."""
        col_w = (self.width - GAP) / 2
        pages: list[list[tuple[BarChart, QRectF]]] = [[]]
        y = 0.0
        for i in range(0, len(self.charts), 2):
            pair = self.charts[i:i + 2]
            h = max(chart_height(c, self.chart_line) for c in pair)
            if self.body_h is not None:
                h = min(h, self.body_h)
                if y and y + h > self.body_h:
                    pages.append([])
                    y = 0.0
            for j, c in enumerate(pair):
                pages[-1].append((c, QRectF(j * (col_w + GAP), y, col_w, h)))
            y += h + GAP
        self.charts_h = y
        return [p for p in pages if p]

    @property
    def long_height(self) -> float:
        """The height of the one long page (PNG): header, charts, tables."""
        return self.header_h + self.charts_h + self.table_h + 10

    # ----- painting -----------------------------------------------------------------------------------
    def paint_header(self, p: QPainter, index: int) -> None:
        p.setPen(TEXT)
        p.setFont(self.title_font)
        p.drawText(QRectF(0, 0, self.width, 13 * 1.5), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                   text("landscape.heading", self.lang))
        p.setFont(self.meta_font)
        p.setPen(QColor("#444444"))
        y = 13 * 1.6
        for line in self.lines:
            p.drawText(QRectF(0, y, self.width, self.meta_line),
                       int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), line)
            y += self.meta_line
        p.setPen(TEXT)
        p.drawLine(0, int(self.header_h - 4), int(self.width), int(self.header_h - 4))
        if self.height is not None:
            p.setPen(QColor("#666666"))
            foot = QRectF(0, self.height - self.footer_h + 3, self.width, self.footer_h - 3)
            p.drawText(foot, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                       text("landscape.page", self.lang, page=index + 1, count=self.pages))
            p.drawText(foot, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), f"mscreg {__version__}")

    def paint_charts(self, p: QPainter, placed: list[tuple[BarChart, QRectF]], top: float) -> None:
        for chart, rect in placed:
            paint_bar_chart(p, rect.translated(0, top), chart, self.chart_title_font, self.chart_font,
                            device=self.device)

    def paint_tables(self, p: QPainter, page: int, top: float) -> None:
        """Table page ``page`` (0-based) of the document at ``top`` points (painter scaled to points)."""
        p.save()
        p.translate(0, top)
        p.scale(self.points, self.points)  # back to device units: the document was laid out in them
        if self.body_h is None:
            h = self.doc.documentLayout().documentSize().height()
            self.doc.drawContents(p, QRectF(0, 0, self.width / self.points, h))
        else:
            h = self.body_h / self.points
            p.translate(0, -page * h)
            self.doc.drawContents(p, QRectF(0, page * h, self.width / self.points, h))
        p.restore()


def render_landscape(inputs: LandscapeInputs, counts: LandscapeCounts, lang: str, device: QPagedPaintDevice) -> int:
    """Paint every page on a paged device already set up (a QPdfWriter or a QPrinter); returns the count."""
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot start painting on the output device")
    try:
        points = 72.0 / device.logicalDpiX()
        doc = LandscapeDocument(inputs, counts, lang, device, device.width() * points, device.height() * points)
        pages = [("charts", placed) for placed in doc.chart_pages] + [("tables", i) for i in range(doc.table_pages)]
        for index, (kind, what) in enumerate(pages):
            if index:
                device.newPage()
            painter.save()
            painter.scale(1 / points, 1 / points)
            doc.paint_header(painter, index)
            if kind == "charts":
                doc.paint_charts(painter, what, doc.header_h)  # type: ignore[arg-type]
            else:
                doc.paint_tables(painter, what, doc.header_h)  # type: ignore[arg-type]
            painter.restore()
        return len(pages)
    finally:
        painter.end()


def _pdf(inputs: LandscapeInputs, counts: LandscapeCounts, out: Path, lang: str, options: PageOptions) -> int:
    writer: QPdfWriter | None = QPdfWriter(str(out))
    try:
        writer.setResolution(300)
        writer.setPageLayout(options.page_layout())
        writer.setTitle(text("landscape.heading", lang))
        writer.setCreator(f"mscreg {__version__}")
        return render_landscape(inputs, counts, lang, writer)
    except BaseException as exc:
        traceback.clear_frames(exc.__traceback__)
        raise
    finally:
        writer = None  # closes the file before it is renamed into place


def _png(inputs: LandscapeInputs, counts: LandscapeCounts, out: Path, lang: str, options: PageOptions) -> None:
    layout = options.page_layout()
    width_pt = layout.paintRect(QPageLayout.Unit.Point).width()
    scale = PNG_DPI / 72.0
    probe = QImage(1, 1, QImage.Format.Format_RGB32)
    dots = int(PNG_DPI / 0.0254)
    probe.setDotsPerMeterX(dots)
    probe.setDotsPerMeterY(dots)
    height_pt = LandscapeDocument(inputs, counts, lang, probe, width_pt, None).long_height
    margin = options.margin_mm / 25.4 * 72
    image = QImage(int((width_pt + 2 * margin) * scale), int((height_pt + 2 * margin) * scale),
                   QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(dots)
    image.setDotsPerMeterY(dots)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        doc = LandscapeDocument(inputs, counts, lang, image, width_pt, None)
        painter.scale(scale, scale)
        painter.translate(margin, margin)
        doc.paint_header(painter, 0)
        for placed in doc.chart_pages:
            doc.paint_charts(painter, placed, doc.header_h)
        doc.paint_tables(painter, 0, doc.header_h + doc.charts_h)
    finally:
        painter.end()
    if not image.save(str(out), "PNG"):
        raise OSError(f"cannot write the image {out}")


def write_landscape(inputs: LandscapeInputs, counts: LandscapeCounts, out: str | Path, lang: str,
                    options: PageOptions | None = None, *, database: Path | None) -> Path:
    """Write the report as PDF or PNG (by ``out``'s suffix); returns the file written."""
    ensure_gui_application()
    options = (options or PageOptions()).validated()
    suffix = Path(out).suffix.lower()
    if suffix not in (".pdf", ".png"):
        from mscreg.domain.errors import invalid

        raise invalid("out", str(out), "landscape.out_format")
    target = output_files.check_output(out, database)
    with output_files.written(target, database) as tmp:
        if suffix == ".pdf":
            _pdf(inputs, counts, tmp, lang, options)
        else:
            _png(inputs, counts, tmp, lang, options)
    return target
