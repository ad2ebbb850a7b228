"""The one paint routine of a timeline: lanes, spans, markers, deadlines and axis, in points.

Screen, print preview, printer, PDF and PNG all call :func:`paint_rows` with a painter already scaled
so one unit is one point (one paint routine per picture, so every output shows the same thing, laid
out after ``QPainter.begin()`` because device resolution is only known then).
:class:`TimelineScene` measures the layout once for a given width and set of time windows (one per page
column when tiling): the label column, each lane's height (label rows so that no two labels overlap),
and the rows to paginate.

Scale (2,000 lanes, 100,000 events).  Each lane's dated things are measured once per scene
(:class:`LaneIndex`: day ordinals and label widths), never again per window or per frame.  Paper
places every label of every lane up front, because a page's height depends on it.  The screen
passes ``max_label_rows``: a lane then reserves a fixed number of label rows whatever the zoom, so
its height never needs the labels, and only the lanes in view are placed, when first painted.
Labels that do not fit their rows are *aggregated*, not dropped: a "+N" in the row nearest the bar,
under which a thin line spans the markers it stands for, with the names in its tooltip.  Markers
closer than a few points are drawn as one cluster with a tick per event (the same on paper).
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QGlyphRun,
    QPainter,
    QPainterPath,
    QPdfWriter,
    QPen,
    QPolygonF,
    QRawFont,
    QStaticText,
    QTextLayout,
    QTextOption,
)

from mscreg.domain.timeline_layout import (
    DeadlineMarker,
    EventMarker,
    MarkerKind,
    ObligationMarker,
    SpanStyle,
    StateSpan,
    Tick,
    TimelineLayout,
    TrialBar,
    TrialPoint,
    assign_rows,
    axis_ticks,
)
from mscreg.ui.timeline_style import (
    MARKER_COLOURS,
    OBLIGATION_COLOURS,
    SPAN_COLOURS,
    STATUS_COLOURS,
    TRIAL_COLOUR,
    Fonts,
    Theme,
    contrasting_text,
    word,
)

# One type scale (points at scale 1; printing never scales below 1): page title (the document's, 14) >
# group heading > lane title > labels, and nothing under 7 pt on paper.
TITLE_PT = 8.5
SUB_PT = 7.0
LABEL_PT = 7.0
AXIS_PT = 7.0
GROUP_PT = 9.5
BAR_H = 11.0
PAD = 2.0
GROUP_H = 12.0
AXIS_H = 12.0
MARKER = 6.0
GAP = 6.0  # between the label column and the plot
LABEL_GAP = 4.0  # between two labels in one row
LINE_GAP = 1.5  # between two lines of a lane's title (the Bold face has a tighter ascent and descent)
CLUSTER_GAP = 2.5  # markers whose centres are closer than this are drawn as one cluster of ticks
TOOLTIP_LINES = 20  # a cluster's tooltip names this many events, then says how many more
TRIAL_BAR_H = 4.0  # a trial's bar: thinner than a track's, so the two kinds of lane never look alike
TRIAL_DOT = 2.2  # radius of a trial date's dot
TRIAL_BELOW = 4.5  # under a trial's bar: room for the bracket of a month-precise date

Window = tuple[dt.date, dt.date]
_NO_WRAP = QTextOption()
_NO_WRAP.setWrapMode(QTextOption.WrapMode.NoWrap)


@dataclass
class LabelItem:
    """One text placed in a label row: an event or deadline name with its date, or an aggregate "+N"."""

    text: str
    left: float  # in points from the plot's left edge
    width: float
    anchor: float  # x of the marker it names
    row: int = 0
    colour: str = ""  # a marker colour, "muted" (the undated list) or "cluster" (an aggregate)
    members: tuple[str, ...] = ()  # an aggregate: the labels it stands for
    reach: float = 0.0  # an aggregate: x of the last marker it stands for
    priority: int = 1  # 0: placed first (headline dates, deadlines)
    leader: bool = True  # a line from the label to its marker
    full: str = ""  # the whole text (a numbered callout's table entry)
    later: bool = False  # a deadline beyond the axis, shown at the plot's right edge
    dashed: bool = False  # a deadline's label: its line to the bar is dashed

    @property
    def tooltip(self) -> str:
        shown = list(self.members[:TOOLTIP_LINES])
        if len(self.members) > TOOLTIP_LINES:
            shown.append(f"… +{len(self.members) - TOOLTIP_LINES}")
        return "\n".join(shown)


@dataclass(frozen=True)
class SpanText:
    """A state's name drawn in (``inside``) or just after its bar."""

    left: float
    width: float
    text: str
    style: str
    inside: bool


@dataclass(frozen=True)
class Callout:
    """A label that found no room on the chart: its number at the marker, its text in the table."""

    number: int
    lane: int
    lane_title: str
    text: str
    colour: str
    window: Window | None = None
    width: float = 0.0  # of ``text`` in the label font, when measured already (0: not known)


@dataclass
class LanePlacement:
    events: list[LabelItem] = field(default_factory=list)  # rows counted outwards from the bar
    deadlines: list[LabelItem] = field(default_factory=list)
    event_rows: int = 0
    deadline_rows: int = 0
    spans: list[SpanText] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)  # callout numbers named in the label column instead


@dataclass
class Dated:
    """A marker or deadline of a lane, measured once: its days as ordinals and its label's width.

    Not frozen: a frozen dataclass is made about four times slower, and a portfolio has 100,000 of them
    (none is changed after it is made)."""

    first: int  # ordinal of the earliest day it may be
    last: int  # ordinal of the latest day it may be (inclusive)
    text: str
    width: float
    colour: str
    item: EventMarker | DeadlineMarker | ObligationMarker
    exact: bool = True  # a known day (a solid symbol), else a bracket over the period and a hollow symbol
    tip: str = ""  # the tooltip when made up front (an obligation's, which needs the as-of day)

    @cached_property
    def tooltip(self) -> str:
        if self.tip:
            return self.tip
        m = self.item
        if not isinstance(m, EventMarker):
            return self.text
        detail = "\n".join(x for x in (m.reference, m.source, m.note) if x)
        return f"{m.label} {m.date_text}" + (f"\n{detail}" if detail else "")


@dataclass(frozen=True)
class LaneIndex:
    """One lane measured for one scene (fonts and device), reused by every window and every frame."""

    events: tuple[Dated, ...]
    deadlines: tuple[Dated, ...]
    undated: tuple[str, float] | None  # the "Undated: …" text and its width
    obligations: tuple[Dated, ...] = ()  # labelled below the bar with the deadlines
    # each state's first and last day it is drawn on, as ordinals: a tiled page skips the many states of
    # a lane outside its years without a call each
    spans: tuple[tuple[int, int, StateSpan], ...] = ()


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
    """A layout measured for one device, one total width and one or more time windows.

    ``max_label_rows`` (the screen) caps the label rows above and below each bar: lane heights then
    do not depend on the window, the scene can follow zoom and pan with :meth:`set_window` at the
    cost of the lanes in view, and what does not fit is aggregated.  Without it (paper) every label
    gets a row and every lane is placed for every window when the scene is made.
    """

    def __init__(self, layout: TimelineLayout, fonts: Fonts, width: float, windows: Sequence[Window] | None = None,
                 label_width: float | None = None, *, max_label_rows: tuple[int, int] | None = None) -> None:
        self.layout = layout
        self.fonts = fonts
        self.width = width
        self.windows: list[Window] = list(windows or [(layout.start, layout.end)])
        self.max_label_rows = max_label_rows
        self.title_font = fonts.make(TITLE_PT, bold=True)
        self.sub_font = fonts.make(SUB_PT)
        self.label_font = fonts.make(LABEL_PT)
        self.axis_font = fonts.make(AXIS_PT)
        self.group_font = fonts.make(GROUP_PT, bold=True)
        self.span_font = fonts.make(LABEL_PT, bold=True)
        self._fm: dict[int, QFontMetricsF] = {}
        self._widths: dict[tuple[int, str], float] = {}
        self._label_cache: dict[tuple[int, int | None], list[tuple[str, str]]] = {}
        self._window_rows: dict[int, list[Row]] = {}
        self._index: dict[int, LaneIndex] = {}
        self._placements: dict[tuple[int, Window], LanePlacement] = {}
        self._ticks: dict[Window, list[Tick]] = {}
        # the screen draws the same label texts frame after frame: keep their shaped glyphs
        self._static: dict[tuple[int, str], QStaticText] | None = {} if max_label_rows is not None else None
        # a PDF repeats the same furniture (axis dates, legend, header, group headings) on every page:
        # each such text is shaped once and its glyphs drawn again (about half a drawText's cost).  Only
        # for a PDF file: an SVG writes the characters of a text, which a glyph run does not carry.
        self._runs: dict[tuple[int, str], tuple[float, list[QGlyphRun]]] | None = {} if (
            max_label_rows is None and isinstance(fonts.device, QPdfWriter)) else None
        self._rows_runs: dict[object, list[QGlyphRun]] = {}  # see draw_repeated_row
        self._list_separator = word("list_separator", layout.lang)  # "1, 2" in English, "1、2" in Chinese
        self.ink: list[tuple[str, QRectF]] | None = None  # what was drawn where, while a test collects it
        self.label_width = label_width if label_width is not None else self._label_width()
        self.plot_width = max(40.0, width - self.label_width - GAP)
        # a label row is as tall as the font's ascent plus descent: stacked rows touch, never overlap
        fm = self.metrics(self.label_font)
        self.row_h = fm.ascent() + fm.descent() + 0.4
        self.callouts: list[Callout] = []
        self._placing: Window | None = None
        self._unplaced: dict[int, list[str]] = {}
        self._event_rows: list[int] = []
        self._deadline_rows: list[int] = []
        if max_label_rows is None:
            for i in range(len(layout.lanes)):
                placed = [self.placement(i, w) for w in range(len(self.windows))]
                self._event_rows.append(max(p.event_rows for p in placed))
                self._deadline_rows.append(max(p.deadline_rows for p in placed))
                unplaced = [n for p in placed for n in p.unplaced]
                if unplaced:
                    self._unplaced[i] = unplaced
        else:  # reserved rows: as many as the lane has labels, up to the cap, whatever the zoom
            cap_events, cap_deadlines = max_label_rows
            for lane in layout.lanes:
                self._event_rows.append(min(cap_events, len(lane.events) + (1 if lane.undated else 0)))
                self._deadline_rows.append(min(cap_deadlines, len(lane.deadlines) + len(lane.obligations)))
        self.rows = self._rows()

    # ---------------------------------------------------------------- measuring
    def metrics(self, font: QFont) -> QFontMetricsF:
        key = id(font)
        if key not in self._fm:
            self._fm[key] = QFontMetricsF(font, self.fonts.device)
        return self._fm[key]

    def text_width(self, font: QFont, text: str) -> float:
        key = (id(font), text)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = self.metrics(font).horizontalAdvance(text)
        return width

    def _label_width(self) -> float:
        widest = 0.0
        for lane in self.layout.lanes:
            widest = max(widest, self.text_width(self.title_font, lane.title),
                         self.text_width(self.sub_font, lane.subtitle),
                         self.text_width(self.sub_font, "› " + lane.state_label),
                         self.text_width(self.sub_font, lane.flags))
        return min(max(widest + 4, 90.0), self.width * 0.3)

    @property
    def on_paper(self) -> bool:
        """Drawing for paper (no screen text cache): :meth:`draw_text` is then a plain ``drawText``."""
        return self._static is None

    def draw_text(self, p: QPainter, font: QFont, x: float, baseline: float, text: str) -> None:
        """``p.drawText`` at a baseline, through a QStaticText cache on screen (about twice as fast:
        the text is shaped once, not every frame).  The painter's font must already be ``font``."""
        if self._static is None:
            p.drawText(QPointF(x, baseline), text)
            return
        key = (id(font), text)
        static = self._static.get(key)
        if static is None:
            if len(self._static) > 20_000:
                self._static.clear()
            static = self._static[key] = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
        p.drawStaticText(QPointF(x, baseline - self.metrics(font).ascent()), static)

    def _shaped(self, font: QFont, text: str) -> tuple[float, list[QGlyphRun]]:
        """``text`` laid out on one line in ``font`` for the output device: its ascent and glyph runs."""
        layout = QTextLayout(text, font, self.fonts.device)
        layout.setTextOption(_NO_WRAP)
        layout.beginLayout()
        line = layout.createLine()
        layout.endLayout()
        return line.ascent(), layout.glyphRuns()

    def draw_repeated(self, p: QPainter, font: QFont, x: float, baseline: float, text: str) -> None:
        """``p.drawText`` at a baseline of a text drawn on many pages: on a PDF its glyphs are laid out
        once and drawn again from a QGlyphRun (the same glyphs at the same places; the font and the
        text are not shaped again).  The painter's font must already be ``font``."""
        if self._runs is None:
            p.drawText(QPointF(x, baseline), text)
            return
        key = (id(font), text)
        found = self._runs.get(key)
        if found is None:
            if len(self._runs) > 4096:
                self._runs.clear()
            found = self._runs[key] = self._shaped(font, text)
        ascent, runs = found
        at = QPointF(x, baseline - ascent)
        for run in runs:
            p.drawGlyphRun(at, run)

    def draw_repeated_row(self, p: QPainter, font: QFont, key: object, texts: Sequence[tuple[float, float, str]]
                          ) -> None:
        """Texts of one font and one pen that every page of a kind repeats at the same places (``key``
        names them: the axis dates of a time column): on a PDF, drawn as one glyph run per font, shaped
        and merged once.  A PDF writes a text object, its colour and its font for each run drawn, and
        a page's axis has some thirty dates.  The painter's font must already be ``font``."""
        if self._runs is None:
            for x, baseline, text in texts:
                p.drawText(QPointF(x, baseline), text)
            return
        found = self._rows_runs.get(key)
        if found is None:
            merged: list[tuple[QRawFont, list[int], list[QPointF]]] = []
            for x, baseline, text in texts:
                ascent, runs = self._shaped(font, text)
                dx, dy = x, baseline - ascent
                for run in runs:
                    raw = run.rawFont()
                    target = next((m for m in merged if m[0] == raw), None)
                    if target is None:
                        target = (raw, [], [])
                        merged.append(target)
                    target[1].extend(run.glyphIndexes())
                    target[2].extend(QPointF(at.x() + dx, at.y() + dy) for at in run.positions())
            found = []
            for raw, glyphs, positions in merged:
                run = QGlyphRun()
                run.setRawFont(raw)
                run.setGlyphIndexes(glyphs)
                run.setPositions(positions)
                found.append(run)
            if len(self._rows_runs) > 256:
                self._rows_runs.clear()
            self._rows_runs[key] = found
        origin = QPointF(0, 0)
        for run in found:
            p.drawGlyphRun(origin, run)

    def ticks(self, window: Window) -> list[Tick]:
        """The axis ticks of a window (every page of a tiled column repeats them: computed once)."""
        found = self._ticks.get(window)
        if found is None:
            if len(self._ticks) > 256:
                self._ticks.clear()
            found = self._ticks[window] = axis_ticks(window[0], window[1], self.points_per_day(window), min_gap=24.0)
        return found

    def x_of(self, day: dt.date, window: Window) -> float:
        start, end = window
        total = (end - start).days + 1
        return (day - start).days / total * self.plot_width

    def points_per_day(self, window: Window) -> float:
        return self.plot_width / ((window[1] - window[0]).days + 1)

    def lane_index(self, index: int) -> LaneIndex:
        """The lane's markers and deadlines with their label widths, measured on first use."""
        found = self._index.get(index)
        if found is None:
            lane = self.layout.lanes[index]
            font, lang = self.label_font, self.layout.lang
            measure = self.metrics(font).horizontalAdvance  # label texts are unique: no cache
            events = []
            for m in lane.events:
                text = f"{m.label} {m.date_text}"
                events.append(Dated(m.earliest.toordinal(), m.latest.toordinal(), text,
                                    measure(text), MARKER_COLOURS[m.kind], m, m.exact))
            deadlines = []
            for d in lane.deadlines:
                text = f"{d.label} {d.due_text}{'?' if d.provisional else ''} · {word(d.status, lang)}"
                deadlines.append(Dated(d.earliest.toordinal(), d.latest.toordinal(), text,
                                       self.text_width(font, text), STATUS_COLOURS[d.status], d))
            undated = None
            if lane.undated:
                text = word("undated", lang, names=self._list_separator.join(u.label for u in lane.undated))
                undated = (text, self.text_width(font, text))
            owed = []
            for o in lane.obligations:
                text = f"{o.label} {o.due_text} · {o.status_label}"
                tip = word("obligation_tip", lang, kind=o.label, text=o.text, due=o.due_text, owner=o.owner or "—",
                           date=self.layout.as_of.isoformat(), status=o.status_label)
                owed.append(Dated(o.earliest.toordinal(), o.latest.toordinal(), text, self.text_width(font, text),
                                  OBLIGATION_COLOURS[o.status], o, o.exact, tip))
            one = dt.timedelta(days=1)
            spans = []
            for span in lane.spans:  # as _paint_span tells whether a state shows in a window
                first_day = span.start.earliest if span.start is not None else self.layout.start
                end_day = span.end.earliest if span.end else self.layout.as_of + one
                spans.append((first_day.toordinal(), max(end_day, first_day + one).toordinal(), span))
            found = self._index[index] = LaneIndex(tuple(events), tuple(deadlines), undated, tuple(owed),
                                                   tuple(spans))
        return found

    # ---------------------------------------------------------------- placing labels
    def set_window(self, window: Window) -> None:
        """Follow a zoom or pan (screen scenes: lane heights do not change, placements are redone lazily)."""
        self.windows = [window]
        if len(self._placements) > 20_000:  # a long session of panning: forget old windows
            self._placements.clear()

    def placement(self, index: int, window_index: int) -> LanePlacement:
        """Where the lane's labels go in a window, computed once per (lane, window)."""
        window = self.windows[window_index]
        key = (index, window)
        found = self._placements.get(key)
        if found is None:
            found = self._placements[key] = self._place(index, window)
        return found

    def event_rows(self, index: int, window_index: int | None = None) -> int:
        """Label rows above the lane's bar: the reserved rows on screen; on paper the rows its labels
        take in ``window_index``, or the most of any window (None)."""
        if window_index is None or self.max_label_rows is not None:
            return self._event_rows[index]
        return self.placement(index, window_index).event_rows

    def deadline_rows(self, index: int, window_index: int | None = None) -> int:
        if window_index is None or self.max_label_rows is not None:
            return self._deadline_rows[index]
        return self.placement(index, window_index).deadline_rows

    def _items(self, dated: Sequence[Dated], window: Window, *, later: bool = False) -> list[LabelItem]:
        """Label items of the dated things in a window, anchored at their markers.  ``later``: things
        after the window's end (a deadline beyond the axis) get an item anchored at the plot's right
        edge, so one far date never stretches the axis but is still shown."""
        start, end = window[0].toordinal(), window[1].toordinal()
        scale = self.plot_width / (end - start + 1)
        items = []
        for d in dated:
            if d.last >= start and d.first <= end:
                x1 = (max(d.first, start) - start) * scale
                x2 = (min(d.last + 1, end + 1) - start) * scale
                # a deadline's line stands at its first day; a symbol (an event's, an obligation's star)
                # mid-period, where its label's leader points
                anchor = x1 if isinstance(d.item, DeadlineMarker) else (x1 + x2) / 2
                items.append(LabelItem(d.text, anchor, d.width, anchor, colour=d.colour,
                                       priority=_priority(d.item), full=d.text,
                                       dashed=isinstance(d.item, DeadlineMarker)))
            elif later and d.first > end and isinstance(d.item, (DeadlineMarker, ObligationMarker)):
                text = word("later", self.layout.lang, label=d.item.label, date=d.item.due_text)
                anchor = self.plot_width - LATER_ARROW
                items.append(LabelItem(text, anchor, self.text_width(self.label_font, text), anchor,
                                       colour=d.colour, priority=0, full=text, later=True, dashed=True))
        return items

    def _place(self, index: int, window: Window) -> LanePlacement:
        lane_index = self.lane_index(index)
        placement = LanePlacement()
        self._placing = window
        last_window = window[1] >= self.layout.end
        events = self._items(lane_index.events, window)
        if lane_index.undated is not None:
            text, width = lane_index.undated
            events.insert(0, LabelItem(text, 0, width, 0, colour="muted", leader=False, full=text, priority=0))
        deadlines = self._items(lane_index.deadlines + lane_index.obligations, window, later=last_window)
        as_of = self.layout.as_of
        fixed = [self.x_of(as_of, window)] if window[0] <= as_of <= window[1] else []
        if self.max_label_rows is None:
            placement.events, failed = _pack(events, PAPER_EVENT_ROWS, fixed, self.plot_width)
            placement.deadlines, failed_d = _pack(deadlines, PAPER_DEADLINE_ROWS, fixed, self.plot_width)
            self._number(index, placement, failed, failed_d, fixed)
            placement.event_rows = max((i.row + 1 for i in placement.events), default=0)
            placement.deadline_rows = max((i.row + 1 for i in placement.deadlines), default=0)
        else:
            for item in events:
                item.left = item.anchor
            placement.events, placement.event_rows = self._fit_capped(events, self._event_rows[index])
            for item in placement.events:  # rows count outwards from the bar
                item.row = placement.event_rows - 1 - item.row
            placement.deadlines, placement.deadline_rows = self._fit_capped(deadlines, self._deadline_rows[index])
        placement.spans = self._span_texts(index, window, placement)
        return placement

    def _number(self, index: int, placement: LanePlacement, failed: list[LabelItem], failed_d: list[LabelItem],
                fixed: list[float]) -> None:
        """Labels that found no room become numbered callouts (the number at the marker, the text in
        the table under the chart); a number that finds no room either is named in the label column."""
        lane = self.layout.lanes[index]
        for items, dashed in ((failed, False), (failed_d, True)):
            numbers = []
            for item in sorted(items, key=lambda i: i.anchor):
                text = item.full or item.text
                number = self._new_callout(index, text, item.colour, lane.title,
                                           item.width if text == item.text else 0.0)
                text = str(number)
                numbers.append(LabelItem(text, item.anchor, self.text_width(self.label_font, text), item.anchor,
                                         colour=item.colour, priority=0, leader=item.leader, full=text,
                                         later=item.later, dashed=dashed))
            sides = [(placement.events, PAPER_EVENT_ROWS), (placement.deadlines, PAPER_DEADLINE_ROWS)]
            for side, rows in (sides if not dashed else sides[::-1]):  # its own side first, then the other
                if not numbers:
                    break
                placed, numbers = _pack(numbers, rows + 2, fixed, self.plot_width, already=side)
                side[:] = placed
            placement.unplaced += [i.text for i in numbers]
        placement.unplaced.sort(key=int)

    def _new_callout(self, index: int, text: str, colour: str, lane_title: str, width: float = 0.0) -> int:
        self.callouts.append(Callout(len(self.callouts) + 1, index, lane_title, text, colour, self._placing, width))
        return len(self.callouts)

    def _span_texts(self, index: int, window: Window, placement: LanePlacement) -> list[SpanText]:
        """Each state's name inside its bar, in a stretch free of markers and lines, whole or not at all:
        a name that does not fit is left to the colour and the legend, and a name that carries a date
        ("… until 2030-01-02") runs on past the as-of day, or becomes a numbered callout."""
        lane = self.layout.lanes[index]
        one = dt.timedelta(days=1)
        as_of = self.layout.as_of
        obstacles = [(x - MARKER / 2 - 1.0, x + MARKER / 2 + 1.0) for x in self.marker_xs(index, window)]
        obstacles += [(x - MARKER / 2 - 1.0, x + MARKER / 2 + 1.0) for x in self.obligation_xs(index, window)]
        for item in placement.deadlines:
            obstacles.append((item.anchor - 1.0, item.anchor + 1.0))
            if item.later:
                obstacles.append((item.anchor - 1.0, self.plot_width))
        for d in self.lane_index(index).deadlines:
            if d.last >= window[0].toordinal() and d.first <= window[1].toordinal():
                for day in (d.first, d.last + 1):
                    x = self.x_of(dt.date.fromordinal(day), window)
                    obstacles.append((x - 1.0, x + 1.0))
        if window[0] <= as_of <= window[1]:
            x = self.x_of(as_of, window)
            obstacles.append((x - 1.0, x + 6.0))  # the as-of line and a running state's arrow tip
        out: list[SpanText] = []
        for span in lane.spans:
            if span.style in (SpanStyle.ENDED, SpanStyle.TERM_ENDED):
                continue
            first_day = span.start.earliest if span.start is not None else self.layout.start
            end_day = span.end.earliest if span.end else as_of + one
            if first_day > window[1] or end_day < window[0]:
                continue
            solid = first_day if span.start is None or span.start.is_exact else span.start.latest + one
            x1 = self.x_of(min(max(solid, window[0]), window[1] + one), window)
            x2 = self.x_of(min(max(end_day, window[0]), window[1] + one), window)
            width = self.text_width(self.span_font, span.label)
            run = _free_run(x1 + 1.5, x2 - 1.5, obstacles, width)
            if run is not None:
                out.append(SpanText(run, width, span.label, span.style.value, inside=True))
                obstacles.append((run, run + width))
                continue
            if span.end is None and window[0] <= as_of <= window[1]:  # runs on: write it after the arrow
                run = _free_run(self.x_of(as_of, window) + 7.0, self.plot_width, obstacles, width)
                if run is not None:
                    out.append(SpanText(run, width, span.label, span.style.value, inside=False))
                    obstacles.append((run, run + width))
                    continue
            if not span.dated:
                continue
            number = self._new_callout(index, span.label, SPAN_COLOURS[span.style], lane.title) \
                if self.max_label_rows is None else 0
            if not number:
                continue
            text = str(number)
            w = self.text_width(self.span_font, text)
            run = _free_run(x1 + 1.5, x2 - 1.5, obstacles, w)
            if run is None:
                placement.unplaced.append(text)
            else:
                out.append(SpanText(run, w, text, span.style.value, inside=True))
                obstacles.append((run, run + w))
        return out

    def obligation_xs(self, index: int, window: Window) -> list[float]:
        """The x of every obligation's star of the lane in the window."""
        start, end = window[0].toordinal(), window[1].toordinal()
        scale = self.plot_width / (end - start + 1)
        return [((max(d.first, start) - start) + (min(d.last + 1, end + 1) - start)) / 2 * scale
                for d in self.lane_index(index).obligations if d.last >= start and d.first <= end]

    def marker_xs(self, index: int, window: Window) -> list[float]:
        """The x of every event symbol of the lane in the window (points from the plot's left edge)."""
        start, end = window[0].toordinal(), window[1].toordinal()
        scale = self.plot_width / (end - start + 1)
        return [((max(d.first, start) - start) + (min(d.last + 1, end + 1) - start)) / 2 * scale
                for d in self.lane_index(index).events if d.last >= start and d.first <= end]

    def _clamp(self, items: list[LabelItem]) -> None:
        for item in items:
            left = item.anchor
            if left + item.width > self.plot_width:  # keep the label on the page: end it at its marker
                left = max(0.0, item.anchor - item.width)
            item.left = max(0.0, left)

    def _fit(self, items: list[LabelItem]) -> int:
        self._clamp(items)
        rows = assign_rows([(i.left, i.left + i.width) for i in items], gap=LABEL_GAP)
        for item, row in zip(items, rows, strict=True):
            item.row = row
        return (max(rows) + 1) if rows else 0

    def _fit_rows(self, items: list[LabelItem], rows: int) -> list[LabelItem]:
        """First-fit into at most ``rows`` rows, headline dates (approvals, refusals, ends) and deadlines
        first, then the others, each left to right: what is aggregated into "+N" is never an approval
        that could have had its own label.  Returns the labels that found no room."""
        taken: list[list[tuple[float, float]]] = [[] for _ in range(rows)]
        left_over = []
        for item in sorted(items, key=lambda i: (i.priority, i.left, i.left + i.width)):
            right = item.left + item.width
            for r in range(rows):
                if all(right + LABEL_GAP <= a or item.left >= b + LABEL_GAP for a, b in taken[r]):
                    taken[r].append((item.left, right))
                    item.row = r
                    break
            else:
                left_over.append(item)
        return left_over

    def _fit_capped(self, items: list[LabelItem], rows: int) -> tuple[list[LabelItem], int]:
        """Labels in at most ``rows`` rows; when they do not all fit, the row nearest the bar holds
        aggregates ("+N") of those left over, so every event is still accounted for."""
        if not items or rows <= 0:
            return [], 0
        self._clamp(items)
        if not self._fit_rows(items, rows):
            return items, max(i.row for i in items) + 1
        left_over = set(map(id, self._fit_rows(items, rows - 1)))
        kept = [i for i in items if id(i) not in left_over]
        clusters = self._clusters([i for i in items if id(i) in left_over], row=rows - 1)
        return kept + clusters, rows

    def _clusters(self, items: list[LabelItem], row: int) -> list[LabelItem]:
        """Merge left-over labels into "+N" texts that never overlap one another."""
        out: list[LabelItem] = []
        for item in sorted(items, key=lambda i: i.anchor):
            last = out[-1] if out else None
            if last is not None and item.anchor < last.left + last.width + LABEL_GAP:
                members = (*last.members, item.text)
            else:
                last, members = None, (item.text,)
            text = f"+{len(members)}"
            width = self.text_width(self.label_font, text)
            anchor = last.anchor if last is not None else item.anchor
            left = max(0.0, min(anchor, self.plot_width - width))
            cluster = LabelItem(text, left, width, anchor, row, "cluster", members, item.anchor)
            if last is not None:
                out[-1] = cluster
            elif out and left < out[-1].left + out[-1].width + LABEL_GAP:  # pushed left by the plot's edge
                prev = out.pop()
                text = f"+{len(prev.members) + 1}"
                width = self.text_width(self.label_font, text)
                out.append(LabelItem(text, max(0.0, min(prev.left, self.plot_width - width)), width, prev.anchor,
                                     row, "cluster", (*prev.members, item.text), item.anchor))
            else:
                out.append(cluster)
        return out

    # ---------------------------------------------------------------- the label column
    def wrap(self, font: QFont, text: str, width: float, max_lines: int) -> list[str]:
        """Break ``text`` into at most ``max_lines`` lines of ``width`` points (at spaces, or anywhere in
        Chinese); the last line is elided only if the text is still longer."""
        fm = self.metrics(font)
        lines: list[str] = []
        rest = text.strip()
        while rest and len(lines) < max_lines - 1 and self.text_width(font, rest) > width:
            cut = len(rest)
            while cut > 1 and fm.horizontalAdvance(rest[:cut]) > width:
                cut -= 1
            space = rest.rfind(" ", 0, cut + 1)
            if space > cut // 3:
                cut = space
            lines.append(rest[:cut].rstrip())
            rest = rest[cut:].lstrip()
        if rest:  # elided only when too long (the width of a lane's title is measured once, for all pages)
            fits = self.text_width(font, rest) <= width
            lines.append(rest if fits else fm.elidedText(rest, Qt.TextElideMode.ElideRight, width))
        return lines

    def _line_count(self, font: QFont, text: str, width: float, max_lines: int) -> int:
        """How many lines :meth:`wrap` makes of ``text``, from one (cached) measurement: a lane's height
        needs only this, the wrapped lines themselves are made when the lane is painted."""
        text = text.strip()
        if not text:
            return 0
        if max_lines == 1 or self.text_width(font, text) <= width:
            return 1
        return 2 if max_lines == 2 else len(self.wrap(font, text, width, max_lines))  # a cut line, then the rest

    def label_lines(self, index: int, window_index: int | None = None) -> list[tuple[str, str]]:
        """The lane's label column as (style, text) lines: title (2 lines at most), subtitle (2), state,
        designations, and the callout numbers that found no room at their markers: on paper those of
        ``window_index`` only, as a page's table lists only its own window's callouts."""
        key = (index, window_index)
        if key not in self._label_cache:
            lane = self.layout.lanes[index]
            w = self.label_width - 2
            lines = [("title", t) for t in self.wrap(self.title_font, lane.title, w, 2)]
            lines += [("sub", t) for t in self.wrap(self.sub_font, lane.subtitle, w, 2)]
            lines += [("state", t) for t in self.wrap(self.sub_font, "› " + lane.state_label, w, 1)]
            if lane.flags:  # the designations held on the as-of day
                lines += [("sub", t) for t in self.wrap(self.sub_font, lane.flags, w, 2)]
            unplaced = self._unplaced_in(index, window_index)
            if unplaced:
                lines += [("sub", t) for t in self.wrap(self.sub_font, self._unplaced_text(unplaced), w, 3)]
            self._label_cache[key] = lines
        return self._label_cache[key]

    def label_block_height(self, index: int, window_index: int | None = None) -> float:
        lane = self.layout.lanes[index]
        w = self.label_width - 2
        title_h = self.metrics(self.title_font).height()
        sub_h = self.metrics(self.sub_font).height()
        title_lines = self._line_count(self.title_font, lane.title, w, 2)
        lines_h = (title_lines * title_h + (title_lines - 1) * LINE_GAP
                   + self._line_count(self.sub_font, lane.subtitle, w, 2) * sub_h
                   + self._line_count(self.sub_font, "› " + lane.state_label, w, 1) * sub_h
                   + (self._line_count(self.sub_font, lane.flags, w, 2) * sub_h if lane.flags else 0))
        unplaced = self._unplaced_in(index, window_index)
        if unplaced:
            lines_h += len(self.wrap(self.sub_font, self._unplaced_text(unplaced), w, 3)) * sub_h
        return PAD * 2 + lines_h + 1

    def _unplaced_in(self, index: int, window_index: int | None) -> list[str]:
        """Callout numbers named in the label column: of one window, or of all (None)."""
        if self.max_label_rows is not None:
            return []
        if window_index is None:
            return self._unplaced.get(index, [])
        return self.placement(index, window_index).unplaced

    def _unplaced_text(self, numbers: Sequence[str]) -> str:
        return f"{word('number', self.layout.lang)} {self._list_separator.join(numbers)}"

    def trial_row_h(self) -> float:
        """One trial of a trial lane: its label row, its bar, and room under it for a month's bracket."""
        return self.row_h + TRIAL_BAR_H + TRIAL_BELOW

    def lane_height(self, index: int, window_index: int | None = None) -> float:
        """The lane's height: with ``window_index`` (paper), as tall as its labels in that window need;
        without, as tall as the most any window needs (the screen, and a scene of one window)."""
        lane = self.layout.lanes[index]
        if lane.trials:
            return max(self.label_block_height(index, window_index),
                       PAD * 2 + len(lane.trials) * self.trial_row_h())
        above, below_rows = self.event_rows(index, window_index), self.deadline_rows(index, window_index)
        below = below_rows * self.row_h + (BELOW_GAP if below_rows else 1.5)
        return max(self.label_block_height(index, window_index),
                   PAD * 2 + above * self.row_h + BAR_H + 1 + below)

    def _rows(self, window_index: int | None = None) -> list[Row]:
        rows: list[Row] = []
        group = None
        for i, lane in enumerate(self.layout.lanes):
            if lane.group and lane.group != group:
                rows.append(Row("group", GROUP_H, text=lane.group))
            group = lane.group
            rows.append(Row("lane", self.lane_height(i, window_index), lane=i))
        return rows

    def rows_in(self, window_index: int) -> list[Row]:
        """The rows of one time window on paper, each lane as tall as that window's labels need.

        A tiled page shows one window, and its lanes are not padded for label rows that only another
        window's labels use: on a portfolio of 2,000 lanes the collision-free labels stack up to six
        rows in one window and one or two in the next, and padding every column to the tallest made
        tiled exports a fifth longer."""
        if self.max_label_rows is not None or len(self.windows) == 1:
            return self.rows
        found = self._window_rows.get(window_index)
        if found is None:
            found = self._window_rows[window_index] = self._rows(window_index)
        return found

    @property
    def height(self) -> float:
        return AXIS_H + sum(r.height for r in self.rows)


PAPER_EVENT_ROWS = 6  # label rows above a lane's bar on paper; what does not fit becomes a numbered callout
PAPER_DEADLINE_ROWS = 4  # label rows below it (deadlines)
LATER_ARROW = 6.0  # width of the arrow at the plot's right edge that stands for a deadline beyond the axis
BELOW_GAP = 2.5  # between the bar and the first row below it (room for the brackets of imprecise dates)


def _priority(item: EventMarker | DeadlineMarker | ObligationMarker) -> int:
    """Headline dates (approvals, refusals, ends), deadlines and obligations are placed first, so they get
    the rows nearest the bar and are the last to become callouts."""
    if not isinstance(item, EventMarker):
        return 0
    return 0 if item.kind in (MarkerKind.AUTHORISATION, MarkerKind.END, MarkerKind.SETBACK) else 1


def _pack(items: Sequence[LabelItem], rows_cap: int, fixed: Sequence[float], plot_width: float,
          already: Sequence[LabelItem] = ()) -> tuple[list[LabelItem], list[LabelItem]]:
    """:func:`_pack_rows`, headline dates first: when some of them find no room among all the labels,
    they are placed alone and the others fill the room left."""
    if all(i.priority == 0 for i in items):
        # all headlines (deadlines, callout numbers): placing them alone is the same walk, done once
        # rather than stopped at a failure and done again
        return _pack_rows(items, rows_cap, fixed, plot_width, already)
    placed, failed = _pack_rows(items, rows_cap, fixed, plot_width, already, headline_fails=True)
    if not any(i.priority == 0 for i in failed):
        return placed, failed
    first = [i for i in items if i.priority == 0]
    placed, failed = _pack_rows(first, rows_cap, fixed, plot_width, already)
    placed, more = _pack_rows([i for i in items if i.priority != 0], rows_cap, fixed, plot_width, placed)
    return placed, failed + more


def _pack_rows(items: Sequence[LabelItem], rows_cap: int, fixed: Sequence[float], plot_width: float,
               already: Sequence[LabelItem] = (), *, headline_fails: bool = False
               ) -> tuple[list[LabelItem], list[LabelItem]]:
    """Place labels in rows counted outwards from the bar, so that no text touches another text, a
    leader line (from a label down to its marker, crossing the rows between) or a ``fixed`` line (the
    as-of day).  Each label tries the rows nearest the bar first, starting at its marker, ending at it,
    or centred on it.  Returns (placed, failed): the failed ones found no row without a collision.

    ``headline_fails``: stop at the first headline label (priority 0) that finds no room, as
    :func:`_pack` then places everything again, headlines first (the rest of the walk was wasted)."""
    # Each row's labels, sorted by their left edge: the labels of a row never overlap (each was placed
    # clear of the others by LABEL_GAP), so their right edges are in the same order and the only label
    # that can touch a new one is the first whose right edge reaches it.  Right edges are kept plus the
    # gap and plus one point, exactly as the tests below compare them.  (A scan of the whole row for
    # every candidate place was most of the time a tiled export of 2,000 lanes spent planning.)
    starts: list[list[float]] = [[] for _ in range(rows_cap)]
    ends_gap: list[list[float]] = [[] for _ in range(rows_cap)]  # right edge + LABEL_GAP
    ends_one: list[list[float]] = [[] for _ in range(rows_cap)]  # right edge + 1 point (own leader)
    leader_x: list[float] = []  # leaders sorted by x, with the row of their label alongside
    leader_row: list[int] = []

    def add_text(row: int, left: float, right: float) -> None:
        while row >= len(starts):
            starts.append([])
            ends_gap.append([])
            ends_one.append([])
        i = bisect.bisect_left(starts[row], left)
        starts[row].insert(i, left)
        ends_gap[row].insert(i, right + LABEL_GAP)
        ends_one[row].insert(i, right + 1.0)

    def add_leader(x: float, row: int) -> None:
        i = bisect.bisect_left(leader_x, x)
        leader_x.insert(i, x)
        leader_row.insert(i, row)

    placed = list(already)
    for it in already:
        add_text(it.row, it.left, it.left + it.width)
        if it.leader:
            add_leader(it.anchor, it.row)
    failed: list[LabelItem] = []
    bisect_left, bisect_right = bisect.bisect_left, bisect.bisect_right  # the loop below runs ~10^6 times
    # right to left, each label starting at its marker: a staircase whose leaders never cross a text
    order = sorted(items, key=lambda i: -i.anchor)
    pending = sorted(i.anchor for i in order if i.leader)  # markers whose labels are still to place
    for item in order:
        anchor, width, leader = item.anchor, item.width, item.leader
        if leader:
            del pending[bisect_left(pending, anchor)]
        if width > plot_width:
            failed.append(item)
            if headline_fails and item.priority == 0:
                break
            continue
        # the places to try, with what does not depend on the row tested once: the as-of line, whether
        # a marker still waiting for its label lies under the text, and the highest row whose label's
        # leader runs down through it (the text may only go above that row).  (Comparisons, not min()
        # and max() calls: this runs for every label of every lane and column.)
        candidates: list[tuple[float, float, bool, int]] = []  # left, right + LABEL_GAP, spare, crossing
        limit = plot_width - width
        tried_a = tried_b = None
        for left in (anchor, anchor - width / 2, anchor - width):
            if left < 0.0:
                left = 0.0
            if left > limit:
                left = limit
            if left in (tried_a, tried_b):
                continue
            if tried_a is None:
                tried_a = left
            else:
                tried_b = left
            right = left + width
            if fixed and any(left - 1.0 < x < right + 1.0 for x in fixed):
                continue
            j = bisect_right(pending, left - 1.0)
            lo, hi = bisect_right(leader_x, left - 1.0), bisect_left(leader_x, right + 1.0)
            candidates.append((left, right + LABEL_GAP, not (j < len(pending) and pending[j] < right + 1.0),
                               max(leader_row[lo:hi]) if hi > lo else -1))
        # first a place over no marker still waiting for its label (its leader would be shut in),
        # and only then anywhere: one walk over the rows finds both, the first of each in the same order
        spot = anywhere = None
        for k in range(rows_cap):
            if leader and k > 0:  # its own leader would cross a label nearer the bar: no higher row helps
                below = starts[k - 1]
                i = bisect_right(ends_one[k - 1], anchor)
                if i < len(below) and below[i] - 1.0 < anchor:
                    break
            row_starts, row_ends = starts[k], ends_gap[k]
            n = len(row_starts)
            for left, right_gap, spare, crossing in candidates:
                if crossing > k:
                    continue  # a leader from a label above this row runs down through it
                if n:
                    i = bisect_right(row_ends, left)
                    if i < n and row_starts[i] < right_gap:
                        continue  # touches a label of this row
                if anywhere is None:
                    anywhere = (k, left)
                if not spare:
                    continue
                spot = (k, left)
                break
            if spot is not None:
                break
        if spot is None:
            spot = anywhere
            if spot is None:
                failed.append(item)
                if headline_fails and item.priority == 0:
                    break
                continue
        row, left = item.row, item.left = spot
        # add_text and add_leader, inline: the row exists (rows_cap of them were made above)
        i = bisect_left(starts[row], left)
        starts[row].insert(i, left)
        right = left + width
        ends_gap[row].insert(i, right + LABEL_GAP)
        ends_one[row].insert(i, right + 1.0)
        if leader:
            i = bisect_left(leader_x, anchor)
            leader_x.insert(i, anchor)
            leader_row.insert(i, row)
        placed.append(item)
    return placed, failed


def _free_run(lo: float, hi: float, obstacles: Sequence[tuple[float, float]], width: float) -> float | None:
    """The leftmost x in [lo, hi - width] where ``width`` points touch none of the ``obstacles``."""
    x = lo
    for a, b in sorted(obstacles):
        if b <= x:
            continue
        if a >= x + width:
            break
        x = b
    return x if x + width <= hi else None


# -------------------------------------------------------------------- painting

_PENS: dict[tuple[int, float, Qt.PenStyle], QPen] = {}


def _pen(colour: QColor | str, width: float = 0.6, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    """A flat-capped pen, shared: a tiled PDF asks for the same few pens hundreds of thousands of times."""
    c = QColor(colour)
    key = (c.rgba(), width, style)
    pen = _PENS.get(key)
    if pen is None:
        pen = QPen(c, width)
        pen.setStyle(style)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if len(_PENS) < 512:
            _PENS[key] = pen
    return pen


@lru_cache(maxsize=64)
def _colour(name: str) -> QColor:
    return QColor(name)


def _ink(scene: TimelineScene, kind: str, rect: QRectF) -> None:
    """Record what was drawn where (``scene.ink`` is a list only while a test collects it)."""
    if scene.ink is not None:
        scene.ink.append((kind, QRectF(rect)))


def _text_ink(scene: TimelineScene, font: QFont, x: float, baseline: float, text: str) -> None:
    if scene.ink is not None:
        fm = scene.metrics(font)
        scene.ink.append(("text", QRectF(x, baseline - fm.ascent(), scene.text_width(font, text),
                                         fm.ascent() + fm.descent())))


def paint_axis(p: QPainter, scene: TimelineScene, window: Window, origin: QPointF, height: float,
               theme: Theme) -> None:
    """Tick labels above the plot and grid lines down through ``height`` points of lanes."""
    left = origin.x() + scene.label_width + GAP
    p.setFont(scene.axis_font)
    fm = scene.metrics(scene.axis_font)
    baseline = origin.y() + AXIS_H - 3 - fm.descent()
    top, bottom = origin.y() + AXIS_H - 2, origin.y() + AXIS_H + height
    # the lines, then the labels, each kind with its pen once (a PDF writes a pen again at every change)
    lines: tuple[list[QLineF], list[QLineF]] = ([], [])
    labels: tuple[list[tuple[float, str]], list[tuple[float, str]]] = ([], [])
    for tick in scene.ticks(window):
        x = left + scene.x_of(tick.day, window)
        lines[tick.major].append(QLineF(x, top, x, bottom))
        if x + 1.5 + scene.text_width(scene.axis_font, tick.label) > left + scene.plot_width:
            continue  # the tick closing the window: its label would stand outside the plot
        labels[tick.major].append((x + 1.5, tick.label))
    for major, pen in ((False, _pen(theme.grid, 0.4)), (True, _pen(theme.grid, 0.8))):
        if lines[major]:
            p.setPen(pen)
            p.drawLines(lines[major])
    for major, colour in ((False, theme.muted), (True, theme.text)):
        p.setPen(colour)
        scene.draw_repeated_row(p, scene.axis_font, ("axis", window, major, origin.x(), origin.y(), left),
                                [(x, baseline, label) for x, label in labels[major]])
        for x, label in labels[major]:
            _text_ink(scene, scene.axis_font, x, baseline, label)
    # the as-of day
    as_of = scene.layout.as_of
    if window[0] <= as_of <= window[1]:
        x = left + scene.x_of(as_of, window)
        p.setPen(_pen(theme.as_of, 0.9, Qt.PenStyle.DashDotLine))
        p.drawLine(QPointF(x, origin.y() + AXIS_H - 2), QPointF(x, origin.y() + AXIS_H + height))
        _ink(scene, "line", QRectF(x, origin.y() + AXIS_H - 2, 0, height + 2))


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
    for row in rows:  # by lane number, so a band keeps its shade while the view scrolls
        if row.kind == "lane" and row.lane % 2 == 1:
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
    baseline = at.y() + (GROUP_H + fm.ascent() - fm.descent()) / 2
    scene.draw_repeated(p, scene.group_font, at.x() + 1, baseline, row.text)
    _text_ink(scene, scene.group_font, at.x() + 1, baseline, row.text)


def _paint_lane(p: QPainter, scene: TimelineScene, index: int, window_index: int, rect: QRectF, theme: Theme,
                hits: list[Hit] | None) -> None:
    lane = scene.layout.lanes[index]
    window = scene.windows[window_index]
    placement = scene.placement(index, window_index)
    # label column: title, subtitle, current state (wrapped, see TimelineScene.label_lines)
    y = rect.top() + PAD
    previous = ""
    for style, line in scene.label_lines(index, window_index):
        if style == previous == "title":
            y += LINE_GAP
        previous = style
        font = scene.title_font if style == "title" else scene.sub_font
        fm = scene.metrics(font)
        p.setFont(font)
        p.setPen(theme.muted if style == "sub" else theme.text)
        scene.draw_text(p, font, rect.left() + 1, y + fm.ascent(), line)
        _text_ink(scene, font, rect.left() + 1, y + fm.ascent(), line)
        y += fm.height()
    if hits is not None:
        hits.append(Hit(QRectF(rect.left(), rect.top(), scene.label_width, rect.height()),
                        f"{lane.title}\n{lane.subtitle}\n{lane.state_label}", track_id=lane.track_id))

    left = rect.left() + scene.label_width + GAP
    p.save()
    p.setClipRect(QRectF(left - MARKER, rect.top(), scene.plot_width + 2 * MARKER, rect.height()))
    if lane.trials:
        _paint_trials(p, scene, lane.trials, window, left, rect.top() + PAD, theme, hits)
        p.restore()
        return
    rows_above = scene.event_rows(index, window_index)
    row_h = scene.row_h
    bar_top = rect.top() + PAD + rows_above * row_h + 1
    bar = QRectF(left, bar_top, scene.plot_width, BAR_H)
    first_day, last_day = window[0].toordinal(), window[1].toordinal()
    for lo, hi, span in scene.lane_index(index).spans:
        if lo <= last_day and hi >= first_day:
            _paint_span(p, scene, span, window, bar, theme, hits)
    for d in lane.deadlines:
        _paint_deadline(p, scene, d, window, bar, hits)
    _paint_markers(p, scene, index, window, bar, theme, hits)
    _paint_obligations(p, scene, index, window, bar, theme, hits)
    for st in placement.spans:  # state names, in or after their bars, clear of markers and lines
        p.setFont(scene.span_font)
        fm = scene.metrics(scene.span_font)
        colour = _span_look(st.style)[3] if st.inside else theme.text
        p.setPen(colour)
        baseline = bar.top() + (BAR_H + fm.ascent() - fm.descent()) / 2
        scene.draw_text(p, scene.span_font, left + st.left, baseline, st.text)
        _text_ink(scene, scene.span_font, left + st.left, baseline, st.text)
    # labels: events above the bar, deadlines below, rows counted outwards from the bar.  Their lines
    # first, then their texts, each batch by pen: labels never overlap one another, and a PDF writes the
    # pen's colour, width and dashes again at every change (a tiled export draws 100,000 labels)
    p.setFont(scene.label_font)
    fl = scene.metrics(scene.label_font)
    ascent, descent = fl.ascent(), fl.descent()
    lines: dict[tuple[str, bool], list[QLineF]] = {}
    texts: dict[str, list[tuple[float, float, str]]] = {}
    for item in placement.events:
        base = bar_top - 1 - item.row * row_h - descent
        if item.colour in ("cluster", "muted"):
            _paint_label(p, scene, item, left, base, theme, bar_top - (0.8 if item.dashed else 0), below=False,
                         ascent=ascent, descent=descent, hits=hits, track_id=lane.track_id)
            continue
        if item.leader:
            x = left + item.anchor
            lines.setdefault((item.colour, item.dashed), []).append(
                QLineF(x, base + descent, x, bar_top - (0.8 if item.dashed else 0)))
        texts.setdefault(item.colour, []).append((left + item.left, base, item.text))
    for item in placement.deadlines:
        base = bar.bottom() + BELOW_GAP + item.row * row_h + ascent
        if item.colour in ("cluster", "muted"):
            _paint_label(p, scene, item, left, base, theme, bar.top() - 0.8 if item.dashed else bar.bottom(),
                         below=True, ascent=ascent, descent=descent, hits=hits, track_id=lane.track_id)
        else:
            if item.leader:
                x = left + item.anchor
                lines.setdefault((item.colour, item.dashed), []).append(
                    QLineF(x, base - ascent, x, bar.top() - 0.8 if item.dashed else bar.bottom()))
            texts.setdefault(item.colour, []).append((left + item.left, base, item.text))
    for (line_colour, dashed), line_batch in lines.items():
        # a deadline's dashed line runs from the bar to its label, an event's leader to its marker
        p.setPen(_pen(line_colour, 0.7, Qt.PenStyle.DashLine) if dashed else _label_look(line_colour)[0])
        p.drawLines(line_batch)
        if scene.ink is not None:
            for ln in line_batch:
                _ink(scene, "line", QRectF(ln.x1(), min(ln.y1(), ln.y2()), 0, abs(ln.y2() - ln.y1())))
    for item in placement.deadlines:
        if item.later:  # beyond the axis: an arrow at the plot's right edge, over its dashed line
            colour = _colour(item.colour)
            cy = bar.center().y()
            x0 = left + scene.plot_width - LATER_ARROW
            arrow = QPolygonF([QPointF(x0, cy - 3), QPointF(x0 + LATER_ARROW, cy), QPointF(x0, cy + 3)])
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(colour)
            p.drawPolygon(arrow)
            _ink(scene, "marker", arrow.boundingRect())
    plain = scene.on_paper and scene.ink is None  # paper, no test collecting: drawText directly
    draw = p.drawText
    for text_colour, text_batch in texts.items():
        p.setPen(_label_colour(theme, text_colour))
        for x, base, text in text_batch:
            if plain:
                draw(QPointF(x, base), text)
            else:
                scene.draw_text(p, scene.label_font, x, base, text)
                _text_ink(scene, scene.label_font, x, base, text)
    p.restore()


def _label_colour(theme: Theme, colour: str) -> QColor:
    """A label's text colour: its marker's, made readable, or the theme's text colour where the
    marker's is too light to read (looked up once per colour and theme: 100,000 labels on paper)."""
    key = (colour, theme.background.rgba(), theme.lane_alt.rgba(), theme.text.rgba())
    found = _LABEL_COLOURS.get(key)
    if found is None:
        text_colour = _label_look(colour)[1]
        found = _LABEL_COLOURS[key] = theme.readable(QColor(colour)) if text_colour is not None else theme.text
    return found


_LABEL_COLOURS: dict[tuple[str, int, int, int], QColor] = {}


def _paint_label(p: QPainter, scene: TimelineScene, item: LabelItem, left: float, baseline: float, theme: Theme,
                 bar_edge: float, *, below: bool, ascent: float, descent: float, hits: list[Hit] | None = None,
                 track_id: int | None = None) -> None:
    x = left + item.left
    if item.colour == "cluster":  # "+N": a thin line under it spans the markers it stands for
        p.setPen(_pen(theme.muted, 0.5))
        line_y = baseline + descent if not below else baseline - ascent
        p.drawLine(QPointF(left + item.anchor, line_y), QPointF(left + max(item.reach, item.anchor + 0.8), line_y))
        p.setPen(theme.text)
        scene.draw_text(p, scene.label_font, x, baseline, item.text)
        if hits is not None:
            hits.append(Hit(QRectF(x, baseline - ascent, item.width, ascent + 1.5),
                            word("events", scene.layout.lang, n=len(item.members)) + "\n" + item.tooltip,
                            track_id=track_id))
        return
    if item.colour == "muted":
        p.setPen(theme.muted)
        scene.draw_text(p, scene.label_font, x, baseline, item.text)
        _text_ink(scene, scene.label_font, x, baseline, item.text)
        return
    leader, text_colour = _label_look(item.colour)
    if item.dashed:  # a deadline: its dashed line runs from the bar to its label
        p.setPen(_pen(item.colour, 0.7, Qt.PenStyle.DashLine))
    else:
        p.setPen(leader)  # a leader from the label to its marker
    end = baseline - ascent if below else baseline + descent
    if item.leader:
        p.drawLine(QPointF(left + item.anchor, end), QPointF(left + item.anchor, bar_edge))
        if scene.ink is not None:  # (a rectangle per label is not made for nothing: 100,000 on paper)
            _ink(scene, "line", QRectF(left + item.anchor, min(end, bar_edge), 0, abs(bar_edge - end)))
    p.setPen(theme.readable(QColor(item.colour)) if text_colour is not None else theme.text)
    scene.draw_text(p, scene.label_font, x, baseline, item.text)
    _text_ink(scene, scene.label_font, x, baseline, item.text)


@lru_cache(maxsize=64)
def _label_look(colour: str) -> tuple[QPen, QColor | None]:
    """Leader pen and text colour of a label (None: too light to read, use the theme's text colour)."""
    c = QColor(colour)
    return _pen(c, 0.35), (c if c.lightnessF() < 0.75 else None)


def _span_x(scene: TimelineScene, window: Window, day: dt.date) -> float:
    return scene.x_of(min(max(day, window[0]), window[1] + dt.timedelta(days=1)), window)


@lru_cache(maxsize=16)
def _span_look(style: str) -> tuple[QColor, QPen, QBrush, QColor, QBrush]:
    """Fill, outline, as-of arrow, text colour and fill brush of a span style, made once (not per span
    per page)."""
    colour = QColor(SPAN_COLOURS[SpanStyle(style)])
    return (colour, _pen(colour.darker(140), 0.4), QBrush(colour.darker(120)), contrasting_text(colour),
            QBrush(colour))


def _paint_span(p: QPainter, scene: TimelineScene, span: StateSpan, window: Window, bar: QRectF, theme: Theme,
                hits: list[Hit] | None) -> None:
    one = dt.timedelta(days=1)
    as_of = scene.layout.as_of
    first_day = span.start.earliest if span.start is not None else scene.layout.start
    end_day = (span.end.earliest if span.end else as_of + one)
    if first_day > window[1] or max(end_day, first_day + one) < window[0]:
        return  # wholly outside this window (another page column, or panned away)
    colour, outline, tip_brush, _text, fill = _span_look(span.style.value)
    if span.start is None:
        solid_start = scene.layout.start
    else:  # an imprecise start is hatched over its month or year; the solid part begins after it
        solid_start = span.start.earliest if span.start.is_exact else span.start.latest + one
    ended = span.style in (SpanStyle.ENDED, SpanStyle.TERM_ENDED)  # drawn thin: no longer in force
    height = BAR_H * (0.45 if ended else 1.0)
    top = bar.top() + (BAR_H - height) / 2
    x1 = bar.left() + _span_x(scene, window, solid_start)
    x2 = bar.left() + _span_x(scene, window, max(solid_start, end_day))
    if x2 > x1:
        p.setPen(outline)  # filled and outlined in one drawing (a PDF writes one path, not two)
        p.setBrush(fill)
        p.drawRect(QRectF(x1, top, x2 - x1, height))
    # the uncertain start: a month or year when the state may already have begun
    if span.start is not None and not span.start.is_exact and span.start.latest >= window[0]:
        u1 = bar.left() + _span_x(scene, window, span.start.earliest)
        u2 = bar.left() + _span_x(scene, window, span.start.latest + one)
        _hatch(p, QRectF(u1, top, max(0.8, u2 - u1), height), colour)
    if span.start is None and window[0] <= scene.layout.start:  # start not found: a hatched lead-in from the left
        _hatch(p, QRectF(bar.left(), top, min(14.0, max(0.0, x2 - bar.left())), height), colour)
    if span.end is None and not ended and window[0] <= as_of <= window[1]:  # continues past the as-of day
        tip = QPolygonF([QPointF(x2, top - 1), QPointF(x2 + 4, top + height / 2), QPointF(x2, top + height + 1)])
        p.setBrush(tip_brush)
        p.setPen(Qt.PenStyle.NoPen)
        p.drawPolygon(tip)
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
                    hits: list[Hit] | None) -> None:
    """A deadline across the bar (a dashed box when its day is a range); its label's line goes on below."""
    if d.latest < window[0] or d.earliest > window[1]:
        return
    colour = _colour(STATUS_COLOURS[d.status])
    x1 = bar.left() + _span_x(scene, window, d.earliest)
    x2 = bar.left() + _span_x(scene, window, d.latest + dt.timedelta(days=1))
    p.setPen(_pen(colour, 0.9, Qt.PenStyle.DashLine))
    p.setBrush(Qt.BrushStyle.NoBrush)
    top, bottom = bar.top() - 0.8, bar.bottom() + 0.8  # within the gaps to the label rows
    if x2 - x1 > 2:
        p.drawRect(QRectF(x1, top, x2 - x1, bottom - top))
        _ink(scene, "line", QRectF(x1, top, 0, bottom - top))
        _ink(scene, "line", QRectF(x2, top, 0, bottom - top))
    else:
        p.drawLine(QPointF(x1, top), QPointF(x1, bottom))
        _ink(scene, "line", QRectF(x1, top, 0, bottom - top))
    if hits is not None:
        hits.append(Hit(QRectF(x1 - 2, top, max(4.0, x2 - x1 + 4), bottom - top),
                        f"{d.description}\n{d.due_text}{' (provisional)' if d.provisional else ''} · {d.status.value}",
                        track_id=d.track_id))


@lru_cache(maxsize=8)
def _origin_star(r: float) -> QPainterPath:
    """An obligation's symbol: a five-pointed star, unlike every event shape and the deadlines' dashes."""
    points = []
    for k in range(10):
        radius = r * 1.2 if k % 2 == 0 else r * 0.5
        angle = -math.pi / 2 + k * math.pi / 5
        points.append(QPointF(radius * math.cos(angle), radius * math.sin(angle) + r * 0.1))
    path = QPainterPath()
    path.addPolygon(QPolygonF(points))
    path.closeSubpath()
    return path


def star(c: QPointF, r: float) -> QPainterPath:
    return _origin_star(r).translated(c)


def _paint_obligations(p: QPainter, scene: TimelineScene, index: int, window: Window, bar: QRectF, theme: Theme,
                       hits: list[Hit] | None) -> None:
    """Each obligation's due date as a star on the bar (hollow over a bracket when the date is a month
    or a range); its label goes below the bar with the deadlines'."""
    start, end = window[0].toordinal(), window[1].toordinal()
    scale = scene.plot_width / (end - start + 1)
    cy = bar.center().y()
    bracket_y = bar.bottom() + 1.2
    r = MARKER / 2
    for d in scene.lane_index(index).obligations:
        if d.last < start or d.first > end:
            continue
        x1 = bar.left() + (max(d.first, start) - start) * scale
        x2 = bar.left() + (min(d.last + 1, end + 1) - start) * scale
        cx = (x1 + x2) / 2
        # 3:1 against the background, as graphics need (WCAG): a dark desktop lightens the purple and red
        pen, brush, bracket = _marker_look(theme.readable(_colour(d.colour), 3.0).name(), d.exact)
        if not d.exact:
            p.setPen(bracket)
            p.drawLine(QPointF(x1, bracket_y), QPointF(x2, bracket_y))
            p.drawLine(QPointF(x1, bracket_y - 2.2), QPointF(x1, bracket_y))
            p.drawLine(QPointF(x2, bracket_y - 2.2), QPointF(x2, bracket_y))
        path = star(QPointF(cx, cy), r)
        p.setPen(pen)
        p.setBrush(brush or QBrush(theme.background))
        p.drawPath(path)
        _ink(scene, "marker", path.boundingRect())
        if hits is not None:
            item = d.item
            assert isinstance(item, ObligationMarker)
            hits.append(Hit(QRectF(min(cx - r, x1), cy - r, max(2 * r, x2 - x1), 2 * r), d.tooltip,
                            track_id=item.track_id))


def _trial_tooltip(bar: TrialBar, lang: str) -> str:
    lines = [bar.label, bar.title]
    if bar.status:
        lines.append(bar.status)
    for point in bar.points:
        day = point.date.display()
        lines.append(f"{point.label} {word('estimated', lang, date=day) if point.planned else day}")
    return "\n".join(x for x in lines if x)


def _paint_trials(p: QPainter, scene: TimelineScene, bars: Sequence[TrialBar], window: Window, left: float,
                  top: float, theme: Theme, hits: list[Hit] | None) -> None:
    """A product's trials, one row each: the identifier and phase, then a bar from the first registry
    date to the last with a dot at each; a stretch that leads to an estimated date and the estimated
    date's dot are outlined (a plan), a month-precise date is bracketed over its month."""
    one = dt.timedelta(days=1)
    fm = scene.metrics(scene.label_font)
    colour = theme.readable(_colour(TRIAL_COLOUR), 3.0)  # graphics need 3:1 (WCAG), on a dark desktop too
    solid, outline = _pen(colour.darker(130), 0.5), _pen(colour, 0.8)
    row_h = scene.trial_row_h()
    as_of = scene.layout.as_of
    as_of_x = scene.x_of(as_of, window) if window[0] <= as_of <= window[1] else None

    def x_mid(point: TrialPoint) -> float:  # the middle of the period the date may be
        return left + (_span_x(scene, window, point.earliest) + _span_x(scene, window, point.latest + one)) / 2

    for i, bar in enumerate(bars):
        if bar.latest < window[0] or bar.earliest > window[1]:
            continue
        y = top + i * row_h
        bar_top = y + scene.row_h + 0.5
        cy = bar_top + TRIAL_BAR_H / 2
        points = sorted(bar.points, key=lambda q: (q.earliest, q.latest))
        for a, b in itertools.pairwise(points):
            xa, xb = x_mid(a), x_mid(b)
            if xb - xa <= 0.01:
                continue
            segment = QRectF(xa, bar_top, xb - xa, TRIAL_BAR_H)
            if b.planned:
                p.setPen(outline)
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(segment)
            else:
                p.fillRect(segment, colour)
        # solid dots first: where two dates nearly meet, the hollow one (a plan, a month) stays seen on top
        for q in sorted(points, key=lambda q: q.planned or not q.exact):
            if q.latest < window[0] or q.earliest > window[1]:
                continue
            x1 = left + _span_x(scene, window, q.earliest)
            x2 = left + _span_x(scene, window, q.latest + one)
            if not q.exact:  # a month or a year: bracketed like every imprecise date
                by = bar_top + TRIAL_BAR_H + 1.5
                p.setPen(outline)
                p.drawLine(QPointF(x1, by), QPointF(x2, by))
                p.drawLine(QPointF(x1, by - 2.2), QPointF(x1, by))
                p.drawLine(QPointF(x2, by - 2.2), QPointF(x2, by))
            hollow = q.planned or not q.exact
            p.setPen(outline if hollow else solid)
            p.setBrush(theme.background if hollow else colour)
            dot = QRectF((x1 + x2) / 2 - TRIAL_DOT, cy - TRIAL_DOT, 2 * TRIAL_DOT, 2 * TRIAL_DOT)
            p.drawEllipse(dot)
            _ink(scene, "marker", dot)
        # the label over the bar's start, kept on the plot and clear of the as-of line
        width = scene.text_width(scene.label_font, bar.label)
        first_x = _span_x(scene, window, points[0].earliest)
        x = min(max(0.0, first_x), max(0.0, scene.plot_width - width))
        if as_of_x is not None and x - 1.0 < as_of_x < x + width + 1.0:
            if as_of_x + 1.5 + width <= scene.plot_width:
                x = as_of_x + 1.5
            elif as_of_x - 1.5 - width >= 0:
                x = as_of_x - 1.5 - width
        baseline = y + fm.ascent()
        p.setFont(scene.label_font)
        p.setPen(theme.readable(colour))
        scene.draw_text(p, scene.label_font, left + x, baseline, bar.label)
        _text_ink(scene, scene.label_font, left + x, baseline, bar.label)
        if hits is not None:
            last_x = _span_x(scene, window, points[-1].latest + one)
            x_lo = min(x, first_x)
            hits.append(Hit(QRectF(left + x_lo - TRIAL_DOT, y, max(width, last_x - x_lo) + 2 * TRIAL_DOT,
                                   row_h - 1.0), _trial_tooltip(bar, scene.layout.lang)))


def _shape(kind: MarkerKind, c: QPointF, r: float) -> QPainterPath:
    return _origin_shape(kind, r).translated(c)


@lru_cache(maxsize=32)
def _origin_shape(kind: MarkerKind, r: float) -> QPainterPath:
    """A marker's outline centred on (0, 0), made once per kind and size and moved into place."""
    path = QPainterPath()
    if kind is MarkerKind.SUBMISSION:
        path.addEllipse(QPointF(0, 0), r * 0.85, r * 0.85)
    elif kind is MarkerKind.AUTHORISATION:
        path.addPolygon(QPolygonF([QPointF(0, -r * 1.15), QPointF(r, 0), QPointF(0, r * 1.15), QPointF(-r, 0)]))
        path.closeSubpath()
    elif kind is MarkerKind.SETBACK:
        path.addPolygon(QPolygonF([QPointF(-r, -r * 0.9), QPointF(r, -r * 0.9), QPointF(0, r)]))
        path.closeSubpath()
    elif kind is MarkerKind.END:
        path.addRect(QRectF(-r * 0.8, -r * 0.8, r * 1.6, r * 1.6))
    else:
        path.addPolygon(QPolygonF([QPointF(0, -r * 0.8), QPointF(r * 0.7, r * 0.6), QPointF(-r * 0.7, r * 0.6)]))
        path.closeSubpath()
    return path


@lru_cache(maxsize=64)
def _marker_look(colour: str, exact: bool) -> tuple[QPen, QBrush | None, QPen]:
    """Outline pen, fill (None: the background, hollow) and bracket pen of a marker, made once."""
    c = QColor(colour)
    if exact:
        return _pen(c.darker(170), 0.7), QBrush(c), _pen(c, 0.9)
    return _pen(c, 1.1), None, _pen(c, 0.9)


def _paint_markers(p: QPainter, scene: TimelineScene, index: int, window: Window, bar: QRectF, theme: Theme,
                   hits: list[Hit] | None) -> None:
    """Every event of the lane in the window: one symbol each, or one cluster of ticks where the
    symbols would sit closer than CLUSTER_GAP points (level of detail: drawn, counted, never dropped)."""
    start, end = window[0].toordinal(), window[1].toordinal()
    scale = scene.plot_width / (end - start + 1)
    left = bar.left()
    placed = []
    for d in scene.lane_index(index).events:
        if d.last < start or d.first > end:
            continue
        x1 = left + (max(d.first, start) - start) * scale
        x2 = left + (min(d.last + 1, end + 1) - start) * scale
        placed.append(((x1 + x2) / 2, x1, x2, d))
    placed.sort(key=lambda t: t[0])
    cy = bar.center().y()
    bracket_y = bar.bottom() + 1.2
    brackets: dict[str, list[QLineF]] = {}  # by colour: drawn with one pen each
    for _cx, x1, x2, d in placed:  # the period an imprecise event happened in: a bracket the width of the period
        if not d.exact:
            brackets.setdefault(d.colour, []).extend((
                QLineF(x1, bracket_y, x2, bracket_y), QLineF(x1, bracket_y - 2.2, x1, bracket_y),
                QLineF(x2, bracket_y - 2.2, x2, bracket_y)))
    for colour, lines in brackets.items():
        p.setPen(_marker_look(colour, False)[2])
        p.drawLines(lines)
    r = MARKER / 2
    background = QBrush(theme.background)
    i, n = 0, len(placed)
    while i < n:
        j = i + 1
        while j < n and placed[j][0] - placed[j - 1][0] < CLUSTER_GAP:
            j += 1
        if j - i == 1:
            cx, x1, x2, d = placed[i]
            m = d.item
            assert isinstance(m, EventMarker)
            pen, brush, _ = _marker_look(d.colour, d.exact and not m.planned)  # a plan: outlined, hollow
            p.setPen(pen)
            p.setBrush(background if m.planned else brush or background)
            path = _origin_shape(m.kind, r).translated(cx, cy)
            p.drawPath(path)
            if scene.ink is not None:
                _ink(scene, "marker", path.boundingRect())
            if hits is not None:
                hits.append(Hit(QRectF(min(cx - r, x1), cy - r, max(2 * r, x2 - x1), 2 * r), d.tooltip,
                                m.event_id, m.track_id))
        else:
            _paint_cluster(p, placed[i:j], cy, theme, hits, scene.layout.lang)
            _ink(scene, "marker", QRectF(placed[i][0] - r, cy - r, placed[j - 1][0] - placed[i][0] + 2 * r, 2 * r))
        i = j


def _paint_cluster(p: QPainter, group: list[tuple[float, float, float, Dated]], cy: float, theme: Theme,
                   hits: list[Hit] | None, lang: str) -> None:
    """Events too close to draw apart: a capsule over them with a tick in each event's colour."""
    r = MARKER / 2
    first, last = group[0][0], group[-1][0]
    capsule = QRectF(first - r * 0.8, cy - r * 0.8, last - first + r * 1.6, r * 1.6)
    colours = {d.colour for _cx, _x1, _x2, d in group}
    outline = _colour(next(iter(colours))) if len(colours) == 1 else theme.text
    p.setPen(_pen(outline, 0.7))
    p.setBrush(theme.background)
    p.drawRoundedRect(capsule, r * 0.8, r * 0.8)
    drawn: set[tuple[int, str]] = set()
    for cx, _x1, _x2, d in group:
        key = (round(cx * 4), d.colour)
        if key in drawn:
            continue
        drawn.add(key)
        p.setPen(_pen(d.colour, 0.6))
        p.drawLine(QPointF(cx, cy - r * 0.6), QPointF(cx, cy + r * 0.6))
    if hits is not None:
        names = [d.tooltip.partition("\n")[0] for _cx, _x1, _x2, d in group]
        shown = names[:TOOLTIP_LINES] + ([f"… +{len(names) - TOOLTIP_LINES}"] if len(names) > TOOLTIP_LINES else [])
        hits.append(Hit(capsule, word("events", lang, n=len(names)) + "\n" + "\n".join(shown),
                        track_id=group[0][3].item.track_id))
