"""Horizontal bar charts of the landscape counts, painted with QPainter: one routine for the window, the
printed report and the PNG, so what is printed is what was seen.

Horizontal bars because the categories are words (phases, conditions, countries), often Chinese, which
read badly turned on their side.  A chart holds one or two series: the count from the database alone, or
a published figure with the database's count beside it (published in grey, the database in blue), so a
reader sees at once how much of the published landscape the records hold.  Painted in whatever units the
painter is set to (points on paper, pixels on screen); fonts are passed in, so a PDF gets the bundled
CJK font it embeds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

PUBLISHED = QColor("#9e9e9e")
DATABASE = QColor("#1565c0")
TEXT = QColor("#202124")
MUTED = QColor("#5f6368")
GRID = QColor("#dadce0")


@dataclass(frozen=True)
class Series:
    name: str
    colour: QColor
    values: tuple[float | None, ...]  # None: not computed (no bar, the value reads "—")


@dataclass(frozen=True)
class BarChart:
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    empty_text: str = ""  # shown when there is nothing to draw


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    step = 10 ** (len(str(int(value))) - 1)
    for m in (1, 2, 2.5, 5, 10):
        if value <= m * step:
            return m * step
    return 10 * step


def _number(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def paint_bar_chart(p: QPainter, rect: QRectF, chart: BarChart, title_font: QFont, font: QFont, *,
                    device=None) -> None:
    """Paint ``chart`` inside ``rect``: the title, a legend when there are two series, then one band per
    category with a bar per series and its number at the bar's end."""
    p.save()
    p.setClipRect(rect.adjusted(-1, -1, 1, 1))
    tfm = QFontMetricsF(title_font, device) if device is not None else QFontMetricsF(title_font)
    fm = QFontMetricsF(font, device) if device is not None else QFontMetricsF(font)
    line = fm.height()
    p.setFont(title_font)
    p.setPen(TEXT)
    # The title's height is measured as laid out, not counted in lines of the title font: Chinese
    # glyphs come from a fallback font whose lines are taller, and two of them overflowed a box of
    # 2.2 Latin lines, the legend painted over the second.  Half the chart at most, for the bars.
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
    room = QRectF(rect.left(), rect.top(), rect.width(), max(tfm.height() * 2.2, rect.height() / 2))
    used = p.boundingRect(room, flags, chart.title)
    title_rect = QRectF(rect.left(), rect.top(), rect.width(), min(used.height(), room.height()))
    p.save()
    p.setClipRect(title_rect)
    p.drawText(title_rect, flags, chart.title)
    p.restore()
    top = title_rect.bottom() + line * 0.3
    p.setFont(font)
    if len(chart.series) > 1:
        x = rect.left()
        for s in chart.series:
            needed = line + fm.horizontalAdvance(s.name)
            if x > rect.left() and x + needed > rect.right():  # a narrow chart: the next entry on a new line
                x, top = rect.left(), top + line * 1.1
            p.fillRect(QRectF(x, top + line * 0.2, line * 0.8, line * 0.6), s.colour)
            p.setPen(TEXT)
            p.drawText(QPointF(x + line, top + fm.ascent()), s.name)
            x += needed + line
        top += line * 1.2
    body = QRectF(rect.left(), top, rect.width(), rect.bottom() - top)
    if not chart.categories or not any(v for s in chart.series for v in s.values if v):
        p.setPen(MUTED)
        p.drawText(body, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                   chart.empty_text)
        p.restore()
        return
    label_w = min(body.width() * 0.38, max(fm.horizontalAdvance(c) for c in chart.categories) + line * 0.5)
    highest = max((v or 0) for s in chart.series for v in s.values)
    number_w = fm.horizontalAdvance(_number(highest)) + line * 0.6
    plot_left = body.left() + label_w
    plot_w = max(10.0, body.right() - plot_left - number_w)
    scale = _nice_max(highest)
    n = len(chart.categories)
    band = body.height() / n
    bar_h = min(line * 1.1, band * 0.8 / len(chart.series))
    # grid: quarters of the scale
    p.setPen(QPen(GRID, 0))
    for i in range(5):
        x = plot_left + plot_w * i / 4
        p.drawLine(QPointF(x, body.top()), QPointF(x, body.top() + band * n))
    for i, category in enumerate(chart.categories):
        y0 = body.top() + band * i
        group_h = bar_h * len(chart.series)
        y = y0 + (band - group_h) / 2
        p.setPen(TEXT)
        label_rect = QRectF(body.left(), y0, label_w - line * 0.3, band)
        p.drawText(label_rect, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                   fm.elidedText(category, Qt.TextElideMode.ElideRight, label_rect.width()))
        for s in chart.series:
            v = s.values[i] if i < len(s.values) else None
            w = plot_w * (v or 0) / scale
            if v:
                p.fillRect(QRectF(plot_left, y, max(w, 0.5), bar_h * 0.9), s.colour)
            p.setPen(MUTED if v is None else TEXT)
            p.drawText(QRectF(plot_left + w + line * 0.2, y - line, number_w + line, bar_h + 2 * line),
                       int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                       "—" if v is None else _number(v))
            y += bar_h
    p.restore()


def chart_height(chart: BarChart, line: float) -> float:
    """A comfortable height for ``chart`` at a font whose line is ``line`` tall."""
    bands = max(1, len(chart.categories)) * len(chart.series)
    return line * (3.6 + (1.2 if len(chart.series) > 1 else 0) + bands * 1.15)


def charts_of(counts, lang: str, labels: Sequence[str] | None = None) -> list[BarChart]:
    """The report's charts: each published figure the records can answer beside the database's count, then
    the database's own counts (phase, year, country, condition, China applications, approvals)."""
    from mscreg.domain.messages import text
    from mscreg.services.landscape_report import count_tables, figure_chart

    published, database = text("landscape.published", lang), text("landscape.computed", lang)
    none = text("landscape.none_held", lang)
    out = []
    for c in counts.comparisons:
        if not c.answerable or c.figure.question == "trials_held":  # a list of trials, not a count
            continue
        column, rows = figure_chart(c, lang)
        if not rows:
            continue
        name = f"{published}{text('list.colon', lang)}{column}" if column else published  # "：" in Chinese
        out.append(BarChart(c.figure.title_in(lang), tuple(r[0] for r in rows),
                            (Series(name, PUBLISHED, tuple(r[1] for r in rows)),
                             Series(database, DATABASE, tuple(r[2] for r in rows))), none))
    for t in count_tables(counts, lang):
        if t.key == "tissue":
            continue
        out.append(BarChart(t.title, tuple(r[0] for r in t.chart),
                            (Series(database, DATABASE, tuple(float(r[1]) for r in t.chart)),), none))
    return out
