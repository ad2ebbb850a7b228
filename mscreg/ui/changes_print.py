"""The "what changed" report as a printed page: a PDF for the portfolio meeting, from the window or the
command line.

Laid out by QTextDocument (tables that break across pages with their header row repeated) with the
bundled CJK font only, so Chinese product names print as the screen shows them and the PDF carries the
glyphs it needs.  The pages are painted here rather than by ``QTextDocument.print_``, whose pages carry a
bare number and wide margins of its own: every page says "page x of y" and which period it covers, so a
page taken from the pile at the meeting still says what it is.  Written through the one checked, atomic
output path: never over the database, nothing left behind on a failure.
"""

from __future__ import annotations

import datetime as dt
import html
import traceback
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from mscreg import __version__
from mscreg.domain.jurisdictions import JURISDICTIONS
from mscreg.domain.messages import text
from mscreg.services import output_files
from mscreg.services.changes_between import ChangesReport, edit_rows
from mscreg.ui.fonts import print_font
from mscreg.ui.print_output import ensure_gui_application
from mscreg.ui.product_names import track_indication

_KIND_COLOURS = {  # a quiet left rule per kind, readable in grey print as well
    "approval": "#1b7f3b", "conversion": "#1b7f3b", "setback": "#b3261e", "ended": "#6d4c41",
    "term_ended": "#b3261e", "trial_permitted": "#1565c0", "progress": "#5f6b7a", "recorded": "#5f6b7a",
    "deadline": "#a15c00",
}


def report_html(report: ChangesReport, lang: str, database_name: str, printed_on: dt.date) -> str:
    """The whole report as HTML for QTextDocument (its subset of HTML 4 and CSS)."""
    e = html.escape
    heading = text("changes.heading", lang, since=report.since.isoformat(), until=report.until.isoformat())
    printed = text("changes.printed", lang, database=database_name, day=printed_on.isoformat())
    parts = [f"<h1 style='font-size:16pt'>{e(heading)}</h1>", f"<p style='color:#444'>{e(printed)}</p>"]
    groups = report.by_jurisdiction()
    if not groups:
        parts.append(f"<p>{e(text('changes.none', lang))}</p>")
    else:
        heads = [text(f"changes.column.{c}", lang) for c in ("date", "kind", "product", "indication", "what")]
        widths = ("11%", "13%", "17%", "24%", "35%")
        parts.append("<table width='100%' cellspacing='0' cellpadding='4' border='0'>")
        parts.append("<thead><tr>" + "".join(
            f"<th align='left' width='{w}' style='border-bottom:1px solid #333'>{e(h)}</th>"
            for h, w in zip(heads, widths, strict=True)) + "</tr></thead>")
        for code, changes in groups.items():
            j = JURISDICTIONS.get(code)
            country = f"{j.name(lang)} ({code})" if j is not None else code
            parts.append(f"<tr><td colspan='5' style='padding-top:8px; font-size:11pt; font-weight:bold; "
                         f"border-bottom:1px solid #999'>{e(country)}</td></tr>")
            for c in changes:
                date = c.date_text(lang)
                colour = _KIND_COLOURS.get(c.kind.value, "#333")
                source = (f"<br/><span style='color:#555; font-size:7.5pt'>"
                          f"{e(text('changes.source', lang, source=c.source))}</span>") if c.source else ""
                # a range breaks after its dots, never inside a date ("2026-" / "03-01") in the narrow column
                cells = [e(date).replace("..", "..<br/>"), f"<span style='color:{colour}; font-weight:bold'>"
                         f"{e(text(f'changes.kind.{c.kind.value}', lang))}</span>",
                         e(c.product_name(lang)), e(track_indication(c.track, lang)), e(c.what(lang)) + source]
                parts.append("<tr>" + "".join(
                    f"<td valign='top' style='border-bottom:1px solid #ddd'>{v}</td>" for v in cells) + "</tr>")
        parts.append("</table>")
    edits = edit_rows(report, lang)
    parts.append(f"<h2 style='font-size:12pt'>{e(text('changes.edits', lang, count=len(edits) - 1))}</h2>")
    if len(edits) > 1:
        parts.append("<table width='100%' cellspacing='0' cellpadding='3' border='0'>")
        parts.append("<thead><tr>" + "".join(
            f"<th align='left' style='border-bottom:1px solid #333'>{e(h)}</th>" for h in edits[0]) + "</tr></thead>")
        for row in edits[1:]:
            parts.append("<tr>" + "".join(
                f"<td valign='top' style='border-bottom:1px solid #ddd'>{e(v)}</td>" for v in row) + "</tr>")
        parts.append("</table>")
    return "\n".join(parts)


def write_changes_pdf(report: ChangesReport, out: str | Path, lang: str, *, database_name: str,
                      database: Path | None, printed_on: dt.date | None = None) -> Path:
    """Write the report as an A4 landscape PDF at ``out``; returns the file written."""
    ensure_gui_application()
    target = output_files.check_output(out, database)
    with output_files.written(target, database) as tmp:
        writer: QPdfWriter | None = None
        try:
            writer = QPdfWriter(str(tmp))
            writer.setResolution(300)
            writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                             QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter))
            writer.setTitle(text("changes.heading", lang, since=report.since.isoformat(),
                                 until=report.until.isoformat()))
            writer.setCreator(f"mscreg {__version__}")
            _paint_pages(writer, report_html(report, lang, database_name, printed_on or dt.date.today()),
                         text("changes.heading", lang, since=report.since.isoformat(),
                              until=report.until.isoformat()), lang)
        except BaseException as exc:
            traceback.clear_frames(exc.__traceback__)
            raise
        finally:
            writer = None  # closes the file before it is renamed into place
    return target


FOOTER_PT = 7.5


def _paint_pages(writer: QPdfWriter, body: str, heading: str, lang: str) -> int:
    """Lay ``body`` out in the page's printable area above a footer line and paint every page with its
    footer: "page x of y" on the left, the heading (the period) on the right.  Returns the page count.
    Everything is in the writer's device units, as the document is laid out in them."""
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError("cannot start painting on the output device")
    try:
        width, height = writer.width(), writer.height()
        footer_font = print_font(FOOTER_PT)
        fm = QFontMetricsF(footer_font, writer)
        footer_h = fm.height() * 2
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(writer)
        doc.setDefaultFont(print_font(9))
        doc.setDocumentMargin(0)
        doc.setHtml(body)
        page_h = height - footer_h
        doc.setPageSize(QSizeF(width, page_h))
        pages = doc.pageCount()
        right = fm.elidedText(heading, Qt.TextElideMode.ElideLeft, width * 0.6)
        baseline = height - fm.descent()
        for index in range(pages):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(0, -index * page_h)
            doc.drawContents(painter, QRectF(0, index * page_h, width, page_h))
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(QColor("#666666"))
            painter.drawText(QPointF(0, baseline), text("changes.page", lang, page=index + 1, pages=pages))
            painter.drawText(QPointF(width - fm.horizontalAdvance(right), baseline), right)
        return pages
    finally:
        painter.end()
