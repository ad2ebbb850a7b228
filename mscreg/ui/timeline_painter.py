"""The one paint routine of a timeline: lanes, spans, markers, deadlines and axis, in points.

Screen, print preview, printer, PDF and PNG all call :func:`paint_rows` with a painter already scaled
so one unit is one point (design.md §9: one paint routine per picture, laid out after
``QPainter.begin()`` because device resolution is only known then).  :class:`TimelineScene` measures
the layout once for a given width and set of time windows (one per page column when tiling): the
label column, each lane's height (label rows so that no two labels overlap), and the rows to paginate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF

from mscreg.domain.timeline_layout import (
    DeadlineMarker,
    EventMarker,
    Lane,
    MarkerKind,
    StateSpan,
    TimelineLayout,
    assign_rows,
    axis_ticks,
)
from mscreg.ui.timeline_style import (
    MARKER_COLOURS,
    SPAN_COLOURS,
    STATUS_COLOURS,
    Fonts,
    Theme,
    contrasting_text,
    word,
)

TITLE_PT = 7.5
SUB_PT = 6.0
LABEL_PT = 6.0
AXIS_PT = 6.5
GROUP_PT = 8.0
BAR_H = 9.0
ROW_H = 7.6
PAD = 2.5
GROUP_H = 12.0
AXIS_H = 12.0
MARKER = 6.0
GAP = 6.0  # between the label column and the plot

Window = tuple[dt.date, dt.date]


@dataclass
class LabelItem:
    """One text placed in a label row: an event or deadline name with its date."""

    text: str
    left: float  # in points from the plot's left edge
    width: float
    anchor: float  # x of the marker it names
    row: int = 0
    colour: str = ""


@dataclass
class LanePlacement:
    events: list[LabelItem] = field(default_factory=list)
    deadlines: list[LabelItem] = field(default_factory=list)
    event_rows: int = 0
    deadline_rows: int = 0


@dataclass(frozen=True)
class Row:
    """A unit of vertical pagination: a group heading or a lane."""

    kind: str  # "group" or "lane"
    height: float
    lane: int = -1  # index into layout.lanes
    text: str = ""


@dataclass
class Hit:
    """What is under a rectangle of the picture (screen tooltips and clicks)."""

    rect: QRectF
    tooltip: str
    event_id: int | None = None
    track_id: int | None = None


class TimelineScene:
    """A layout measured for one device, one total width and one or more time windows."""

    def __init__(self, layout: TimelineLayout, fonts: Fonts, width: float, windows: Sequence[Window] | None = None,
                 label_width: float | None = None) -> None:
        self.layout = layout
        self.fonts = fonts
        self.width = width
        self.windows: list[Window] = list(windows or [(layout.start, layout.end)])
        self.title_font = fonts.make(TITLE_PT, bold=True)
        self.sub_font = fonts.make(SUB_PT)
        self.label_font = fonts.make(LABEL_PT)
        self.axis_font = fonts.make(AXIS_PT)
        self.group_font = fonts.make(GROUP_PT, bold=True)
        self.span_font = fonts.make(LABEL_PT, bold=True)
        self._fm: dict[int, QFontMetricsF] = {}
        self._label_cache: dict[int, list[tuple[str, str]]] = {}
        self.label_width = label_width if label_width is not None else self._label_width()
        self.plot_width = max(40.0, width - self.label_width - GAP)
        self.placements: list[list[LanePlacement]] = [
            [self._place(lane, w) for w in self.windows] for lane in layout.lanes
        ]
        self.rows = self._rows()

    # ---------------------------------------------------------------- measuring
    def metrics(self, font: QFont) -> QFontMetricsF:
        key = id(font)
        if key not in self._fm:
            self._fm[key] = QFontMetricsF(font, self.fonts.device)
        return self._fm[key]

    def text_width(self, font: QFont, text: str) -> float:
        return self.metrics(font).horizontalAdvance(text)

    def _label_width(self) -> float:
        widest = 0.0
        for lane in self.layout.lanes:
            widest = max(widest, self.text_width(self.title_font, lane.title),
                         self.text_width(self.sub_font, lane.subtitle),
                         self.text_width(self.sub_font, "› " + lane.state_label))
        return min(max(widest + 4, 90.0), self.width * 0.25)

    def x_of(self, day: dt.date, window: Window) -> float:
        start, end = window
        total = (end - start).days + 1
        return (day - start).days / total * self.plot_width

    def points_per_day(self, window: Window) -> float:
        return self.plot_width / ((window[1] - window[0]).days + 1)

    def _fit(self, items: list[LabelItem]) -> int:
        for item in items:
            left = item.anchor
            if left + item.width > self.plot_width:  # keep the label on the page: end it at its marker
                left = max(0.0, item.anchor - item.width)
            item.left = max(0.0, left)
        rows = assign_rows([(i.left, i.left + i.width) for i in items], gap=4.0)
        for item, row in zip(items, rows, strict=True):
            item.row = row
        return (max(rows) + 1) if rows else 0

    def _place(self, lane: Lane, window: Window) -> LanePlacement:
        start, end = window
        placement = LanePlacement()
        if lane.undated:
            names = ", ".join(u.label for u in lane.undated)
            text = f"{word('undated', self.layout.lang)} {names}"
            placement.events.append(LabelItem(text, 0, self.text_width(self.label_font, text), 0, colour="muted"))
        for m in lane.events:
            if m.latest < start or m.earliest > end:
                continue
            text = f"{m.label} {m.date_text}"
            anchor = self.x_of(max(m.earliest, start), window)
            placement.events.append(LabelItem(text, anchor, self.text_width(self.label_font, text), anchor,
                                              colour=MARKER_COLOURS[m.kind]))
        for d in lane.deadlines:
            if d.latest < start or d.earliest > end:
                continue
            status = word(d.status, self.layout.lang)
            text = f"{d.label} {d.due_text}{'?' if d.provisional else ''} · {status}"
            anchor = self.x_of(max(d.earliest, start), window)
            placement.deadlines.append(LabelItem(text, anchor, self.text_width(self.label_font, text), anchor,
                                                 colour=STATUS_COLOURS[d.status]))
        placement.event_rows = self._fit(placement.events)
        placement.deadline_rows = self._fit(placement.deadlines)
        return placement

    def wrap(self, font: QFont, text: str, width: float, max_lines: int) -> list[str]:
        """Break ``text`` into at most ``max_lines`` lines of ``width`` points (at spaces, or anywhere in
        Chinese); the last line is elided only if the text is still longer."""
        fm = self.metrics(font)
        lines: list[str] = []
        rest = text.strip()
        while rest and len(lines) < max_lines - 1 and fm.horizontalAdvance(rest) > width:
            cut = len(rest)
            while cut > 1 and fm.horizontalAdvance(rest[:cut]) > width:
                cut -= 1
            space = rest.rfind(" ", 0, cut + 1)
            if space > cut // 3:
                cut = space
            lines.append(rest[:cut].rstrip())
            rest = rest[cut:].lstrip()
        if rest:
            lines.append(fm.elidedText(rest, Qt.TextElideMode.ElideRight, width))
        return lines

    def label_lines(self, index: int) -> list[tuple[str, str]]:
        """The lane's label column as (style, text) lines: title (2 lines at most), subtitle (2), state."""
        key = index
        if key not in self._label_cache:
            lane = self.layout.lanes[index]
            w = self.label_width - 2
            lines = [("title", t) for t in self.wrap(self.title_font, lane.title, w, 2)]
            lines += [("sub", t) for t in self.wrap(self.sub_font, lane.subtitle, w, 2)]
            lines += [("state", t) for t in self.wrap(self.sub_font, "› " + lane.state_label, w, 1)]
            self._label_cache[key] = lines
        return self._label_cache[key]

    def label_block_height(self, index: int) -> float:
        heights = {"title": self.metrics(self.title_font).height(), "sub": self.metrics(self.sub_font).height()}
        return PAD * 2 + sum(heights.get(style, heights["sub"]) for style, _ in self.label_lines(index)) + 1

    def lane_height(self, index: int) -> float:
        label_block = self.label_block_height(index)
        rows = max(p.event_rows for p in self.placements[index]) + max(p.deadline_rows for p in self.placements[index])
        return max(label_block, PAD * 2 + rows * ROW_H + BAR_H + 2)

    def _rows(self) -> list[Row]:
        rows: list[Row] = []
        group = None
        for i, lane in enumerate(self.layout.lanes):
            if lane.group and lane.group != group:
                rows.append(Row("group", GROUP_H, text=lane.group))
            group = lane.group
            rows.append(Row("lane", self.lane_height(i), lane=i))
        return rows

    @property
    def height(self) -> float:
        return AXIS_H + sum(r.height for r in self.rows)


# -------------------------------------------------------------------- painting


def _pen(colour: QColor | str, width: float = 0.6, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setStyle(style)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def paint_axis(p: QPainter, scene: TimelineScene, window: Window, origin: QPointF, height: float,
               theme: Theme) -> None:
    """Tick labels above the plot and grid lines down through ``height`` points of lanes."""
    left = origin.x() + scene.label_width + GAP
    p.setFont(scene.axis_font)
    fm = scene.metrics(scene.axis_font)
    for tick in axis_ticks(window[0], window[1], scene.points_per_day(window), min_gap=24.0):
        x = left + scene.x_of(tick.day, window)
        p.setPen(_pen(theme.grid, 0.8 if tick.major else 0.4))
        p.drawLine(QPointF(x, origin.y() + AXIS_H - 2), QPointF(x, origin.y() + AXIS_H + height))
        p.setPen(theme.text if tick.major else theme.muted)
        if x + fm.horizontalAdvance(tick.label) > left + scene.plot_width:
            continue  # the tick closing the window: its label would stand outside the plot
        p.drawText(QPointF(x + 1.5, origin.y() + AXIS_H - 3 - fm.descent()), tick.label)
    # the as-of day
    as_of = scene.layout.as_of
    if window[0] <= as_of <= window[1]:
        x = left + scene.x_of(as_of, window)
        p.setPen(_pen(theme.as_of, 0.9, Qt.PenStyle.DashDotLine))
        p.drawLine(QPointF(x, origin.y() + AXIS_H - 2), QPointF(x, origin.y() + AXIS_H + height))


def paint_rows(p: QPainter, scene: TimelineScene, rows: Sequence[Row], window_index: int, origin: QPointF,
               theme: Theme, hits: list[Hit] | None = None) -> float:
    """Paint ``rows`` (with the axis on top) at ``origin``; returns the height used, in points."""
    window = scene.windows[window_index]
    body = sum(r.height for r in rows)
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    # zebra bands first, so the grid and the as-of line are drawn over them
    y = origin.y() + AXIS_H
    for n, row in enumerate(rows):
        if row.kind == "lane" and n % 2 == 1:
            p.fillRect(QRectF(origin.x(), y, scene.width, row.height), theme.lane_alt)
        y += row.height
    paint_axis(p, scene, window, origin, body, theme)
    y = origin.y() + AXIS_H
    for row in rows:
        if row.kind == "group":
            _paint_group(p, scene, row, QPointF(origin.x(), y), theme)
        else:
            _paint_lane(p, scene, row.lane, window_index, QRectF(origin.x(), y, scene.width, row.height), theme, hits)
        y += row.height
    p.setPen(_pen(theme.grid, 0.6))
    p.drawLine(QPointF(origin.x(), y), QPointF(origin.x() + scene.width, y))
    p.restore()
    return AXIS_H + body


def _paint_group(p: QPainter, scene: TimelineScene, row: Row, at: QPointF, theme: Theme) -> None:
    p.setPen(_pen(theme.text, 0.8))
    p.drawLine(QPointF(at.x(), at.y() + 0.5), QPointF(at.x() + scene.width, at.y() + 0.5))
    p.setFont(scene.group_font)
    fm = scene.metrics(scene.group_font)
    p.drawText(QPointF(at.x() + 1, at.y() + (GROUP_H + fm.ascent() - fm.descent()) / 2), row.text)


def _elide(scene: TimelineScene, font: QFont, text: str, width: float) -> str:
    return scene.metrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)


def _paint_lane(p: QPainter, scene: TimelineScene, index: int, window_index: int, rect: QRectF, theme: Theme,
                hits: list[Hit] | None) -> None:
    lane = scene.layout.lanes[index]
    window = scene.windows[window_index]
    placement = scene.placements[index][window_index]
    # label column: title, subtitle, current state (wrapped, see TimelineScene.label_lines)
    y = rect.top() + PAD
    for style, line in scene.label_lines(index):
        font = scene.title_font if style == "title" else scene.sub_font
        fm = scene.metrics(font)
        p.setFont(font)
        p.setPen(theme.muted if style == "sub" else theme.text)
        p.drawText(QPointF(rect.left() + 1, y + fm.ascent()), line)
        y += fm.height()
    if hits is not None:
        hits.append(Hit(QRectF(rect.left(), rect.top(), scene.label_width, rect.height()),
                        f"{lane.title}\n{lane.subtitle}\n{lane.state_label}", track_id=lane.track_id))

    left = rect.left() + scene.label_width + GAP
    p.save()
    p.setClipRect(QRectF(left - MARKER, rect.top(), scene.plot_width + 2 * MARKER, rect.height()))
    rows_above = max(pl.event_rows for pl in scene.placements[index])
    bar_top = rect.top() + PAD + rows_above * ROW_H + 1
    bar = QRectF(left, bar_top, scene.plot_width, BAR_H)
    for span in lane.spans:
        _paint_span(p, scene, span, window, bar, theme, hits)
    for d in lane.deadlines:
        _paint_deadline(p, scene, d, window, bar, rect, hits)
    for m in lane.events:
        _paint_marker(p, scene, m, window, bar, theme, hits)
    # labels: events above the bar, deadlines below
    p.setFont(scene.label_font)
    fl = scene.metrics(scene.label_font)
    for item in placement.events:
        base = bar_top - 1 - (rows_above - item.row - 1) * ROW_H - fl.descent() - 0.8
        colour = theme.muted if item.colour == "muted" else QColor(item.colour)
        _paint_label(p, item, left, base, colour, theme, bar_top, below=False, ascent=fl.ascent())
    for item in placement.deadlines:
        base = bar.bottom() + 1 + (item.row + 1) * ROW_H - fl.descent() - 0.8
        _paint_label(p, item, left, base, QColor(item.colour), theme, bar.bottom(), below=True, ascent=fl.ascent())
    p.restore()


def _paint_label(p: QPainter, item: LabelItem, left: float, baseline: float, colour: QColor, theme: Theme,
                 bar_edge: float, *, below: bool, ascent: float) -> None:
    x = left + item.left
    if item.colour != "muted":  # a leader from the label to its marker
        p.setPen(_pen(colour, 0.35))
        top = baseline + 1.2 if not below else baseline - ascent - 0.5
        p.drawLine(QPointF(left + item.anchor, top), QPointF(left + item.anchor, bar_edge))
    p.setPen(colour if colour.lightnessF() < 0.75 else theme.text)
    p.drawText(QPointF(x, baseline), item.text)


def _span_x(scene: TimelineScene, window: Window, day: dt.date) -> float:
    return scene.x_of(min(max(day, window[0]), window[1] + dt.timedelta(days=1)), window)


def _paint_span(p: QPainter, scene: TimelineScene, span: StateSpan, window: Window, bar: QRectF, theme: Theme,
                hits: list[Hit] | None) -> None:
    colour = QColor(SPAN_COLOURS[span.style])
    one = dt.timedelta(days=1)
    as_of = scene.layout.as_of
    if span.start is None:
        solid_start = scene.layout.start
    else:  # an imprecise start is hatched over its month or year; the solid part begins after it
        solid_start = span.start.earliest if span.start.is_exact else span.start.latest + one
    end_day = (span.end.earliest if span.end else as_of + one)
    ended = span.style.value == "ended"
    height = BAR_H * (0.45 if ended else 1.0)
    top = bar.top() + (BAR_H - height) / 2
    x1 = bar.left() + _span_x(scene, window, solid_start)
    x2 = bar.left() + _span_x(scene, window, max(solid_start, end_day))
    if x2 > x1:
        p.fillRect(QRectF(x1, top, x2 - x1, height), colour)
        p.setPen(_pen(colour.darker(140), 0.4))
        p.drawRect(QRectF(x1, top, x2 - x1, height))
    # the uncertain start: a month or year when the state may already have begun
    if span.start is not None and not span.start.is_exact:
        u1 = bar.left() + _span_x(scene, window, span.start.earliest)
        u2 = bar.left() + _span_x(scene, window, span.start.latest + one)
        _hatch(p, QRectF(u1, top, max(0.8, u2 - u1), height), colour)
    if span.start is None:  # start date not found: a faded, hatched lead-in from the left edge
        _hatch(p, QRectF(bar.left(), top, min(14.0, max(0.0, x2 - bar.left())), height), colour)
    if span.end is None and not ended and window[0] <= as_of <= window[1]:  # continues past the as-of day
        tip = QPolygonF([QPointF(x2, top - 1), QPointF(x2 + 4, top + height / 2), QPointF(x2, top + height + 1)])
        p.setBrush(colour.darker(120))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawPolygon(tip)
    # the state's name inside the bar when it fits
    if not ended and x2 - x1 > 14:
        p.setFont(scene.span_font)
        inset = MARKER * 0.75 if span.start is not None else 0.0  # clear of the event marker at the start
        label = _elide(scene, scene.span_font, span.label, x2 - x1 - 3 - inset)
        if label and label != "…":
            fm = scene.metrics(scene.span_font)
            p.setPen(contrasting_text(colour))
            p.drawText(QPointF(x1 + 1.5 + inset, top + (height + fm.ascent() - fm.descent()) / 2), label)
    if hits is not None:
        start_text = span.start.display() if span.start else word("start_unknown", scene.layout.lang)
        end_text = span.end.display() if span.end else "…"
        hits.append(Hit(QRectF(min(x1, x2), top, abs(x2 - x1), height), f"{span.label}\n{start_text} → {end_text}"))


def _hatch(p: QPainter, rect: QRectF, colour: QColor) -> None:
    light = QColor(colour)
    light.setAlphaF(0.35)
    p.fillRect(rect, light)
    brush = QBrush(colour.darker(130), Qt.BrushStyle.BDiagPattern)
    p.save()
    # pattern brushes are in device pixels; scale them to about 2 pt whatever the device resolution
    device_scale = p.transform().m11() or 1.0
    brush.setTransform(brush.transform().scale(1 / device_scale * 2.2, 1 / device_scale * 2.2))
    p.fillRect(rect, brush)
    p.restore()


def _paint_deadline(p: QPainter, scene: TimelineScene, d: DeadlineMarker, window: Window, bar: QRectF,
                    lane: QRectF, hits: list[Hit] | None) -> None:
    if d.latest < window[0] or d.earliest > window[1]:
        return
    colour = QColor(STATUS_COLOURS[d.status])
    x1 = bar.left() + _span_x(scene, window, d.earliest)
    x2 = bar.left() + _span_x(scene, window, d.latest + dt.timedelta(days=1))
    pen = _pen(colour, 0.9, Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    top, bottom = bar.top() - 1.5, lane.bottom() - PAD
    if x2 - x1 > 2:
        p.drawRect(QRectF(x1, top, x2 - x1, bottom - top))
    else:
        p.drawLine(QPointF(x1, top), QPointF(x1, bottom))
    if hits is not None:
        hits.append(Hit(QRectF(x1 - 2, top, max(4.0, x2 - x1 + 4), bottom - top),
                        f"{d.description}\n{d.due_text}{' (provisional)' if d.provisional else ''} · {d.status.value}",
                        track_id=d.track_id))


def _shape(kind: MarkerKind, c: QPointF, r: float) -> QPainterPath:
    path = QPainterPath()
    if kind is MarkerKind.SUBMISSION:
        path.addEllipse(c, r * 0.85, r * 0.85)
    elif kind is MarkerKind.AUTHORISATION:
        path.addPolygon(QPolygonF([QPointF(c.x(), c.y() - r * 1.15), QPointF(c.x() + r, c.y()),
                                   QPointF(c.x(), c.y() + r * 1.15), QPointF(c.x() - r, c.y())]))
        path.closeSubpath()
    elif kind is MarkerKind.SETBACK:
        path.addPolygon(QPolygonF([QPointF(c.x() - r, c.y() - r * 0.9), QPointF(c.x() + r, c.y() - r * 0.9),
                                   QPointF(c.x(), c.y() + r)]))
        path.closeSubpath()
    elif kind is MarkerKind.END:
        path.addRect(QRectF(c.x() - r * 0.8, c.y() - r * 0.8, r * 1.6, r * 1.6))
    else:
        path.addPolygon(QPolygonF([QPointF(c.x(), c.y() - r * 0.8), QPointF(c.x() + r * 0.7, c.y() + r * 0.6),
                                   QPointF(c.x() - r * 0.7, c.y() + r * 0.6)]))
        path.closeSubpath()
    return path


def _paint_marker(p: QPainter, scene: TimelineScene, m: EventMarker, window: Window, bar: QRectF, theme: Theme,
                  hits: list[Hit] | None) -> None:
    if m.latest < window[0] or m.earliest > window[1]:
        return
    colour = QColor(MARKER_COLOURS[m.kind])
    one = dt.timedelta(days=1)
    x1 = bar.left() + _span_x(scene, window, m.earliest)
    x2 = bar.left() + _span_x(scene, window, m.latest + one)
    cy = bar.center().y()
    r = MARKER / 2
    if not m.exact:  # the period the event happened in: a bracket the width of the month or year
        p.setPen(_pen(colour, 0.9))
        y = bar.bottom() + 1.2
        p.drawLine(QPointF(x1, y), QPointF(x2, y))
        p.drawLine(QPointF(x1, y - 2.2), QPointF(x1, y))
        p.drawLine(QPointF(x2, y - 2.2), QPointF(x2, y))
    cx = (x1 + x2) / 2
    path = _shape(m.kind, QPointF(cx, cy), r)
    p.setPen(_pen(colour.darker(170) if m.exact else colour, 0.7 if m.exact else 1.1))
    p.setBrush(colour if m.exact else theme.background)
    p.drawPath(path)
    if hits is not None:
        detail = "\n".join(x for x in (m.reference, m.source, m.note) if x)
        hits.append(Hit(QRectF(min(cx - r, x1), cy - r, max(2 * r, x2 - x1), 2 * r),
                        f"{m.label} {m.date_text}" + (f"\n{detail}" if detail else ""), m.event_id, m.track_id))
