"""Printed timelines: page set-up, pagination, header, legend and footer, and the PDF/PNG/printer outputs.

Two ways to put a timeline on paper:
- **fit page**: everything on one page; the picture is scaled down uniformly when it is taller than
  the page (never clipped), and laid out again at that scale so labels are re-packed for the room;
- **tile**: full size, split into time columns and, in each column, row bands; every page repeats
  the lane labels, the time axis, the legend and says where it is ("page 2 of 4 — columns 2019–2022
  — lanes 1–3").  Each column is split on its own (its lanes as tall as its labels need), so the pages
  of two columns need not hold the same lanes; they are ordered by first lane, then column.

Everything is measured in points after ``QPainter.begin()``: Windows printers report their
resolution only then, and laying out before gives wrong sizes.

A tiled country timeline of 2,000 lanes of 50 events is over two thousand A4 pages: every label is
placed clear of the others or numbered in a table under its lanes (the lane's name once, its callouts
beside it in three cells across the page), which takes more room than labels allowed to cross leaders.
It takes about 10 s of CPU on two shared cores, with progress: about a fifth placing the labels, a
quarter Qt writing and compressing the pages, the rest drawing (texts every page repeats are shaped
once; printed text is set without kerning, which makes measuring a label about three times and drawing
it about a third cheaper; a lane's lines and texts are drawn in batches by pen, as a PDF writes a pen
again at every change; the cycle collector is paused while the pages are made).

Writers take a ``progress(done, total) -> bool`` callback, called after each page; returning False
cancels, and a cancelled or failed export leaves no file behind.
"""

from __future__ import annotations

import datetime as dt
import getpass
import math
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
)

from mscreg import __version__
from mscreg.domain.clocks import Status
from mscreg.domain.errors import invalid
from mscreg.domain.jurisdictions import get_jurisdiction
from mscreg.domain.obligation import ObligationStatus
from mscreg.domain.timeline_layout import MarkerKind, SpanStyle, TimelineLayout, ViewKind
from mscreg.services import output_files
from mscreg.services.object_churn import collector_paused
from mscreg.ui.timeline_painter import (
    AXIS_H,
    GAP,
    MARKER,
    Callout,
    Row,
    TimelineScene,
    Window,
    _hatch,
    _pen,
    _shape,
    paint_rows,
    star,
)
from mscreg.ui.timeline_style import (
    MARKER_COLOURS,
    OBLIGATION_COLOURS,
    SPAN_COLOURS,
    STATUS_COLOURS,
    TRIAL_COLOUR,
    Fonts,
    Theme,
    word,
)

PAGE_SIZES: dict[str, QPageSize.PageSizeId] = {
    "A4": QPageSize.PageSizeId.A4,
    "A3": QPageSize.PageSizeId.A3,
    "Letter": QPageSize.PageSizeId.Letter,
    "Legal": QPageSize.PageSizeId.Legal,
}
FITS = ("page", "tile")
MIN_POINTS_PER_YEAR = 80.0  # tiling: a year is at least this wide, so month brackets stay visible
FOOTER_H = 12.0
PNG_DPI = 150
MIN_FIT_SCALE = 1.0  # the picture is laid out with 7 pt labels: never smaller on paper; taller flows onto pages
MAX_FIT_SCALE = 1.6  # a short timeline is enlarged this much at most (11 pt labels): a chart, not a poster
TABLE_PT = 7.0  # the table of numbered callouts under the chart
TABLE_CELL_MIN = 180.0  # a cell of that table: room for a callout's number, event and date at 7 pt
TABLE_CELL_GAP = 8.0  # between a callout's text and the next cell's number
HEADER_PT = 14.0

Progress = Callable[[int, int], bool]  # (pages done, pages in all) -> go on?


class ExportCancelled(Exception):
    """The user stopped an export; the partial output has been removed."""


@dataclass(frozen=True)
class PageOptions:
    page: str = "A4"
    landscape: bool = True
    fit: str = "page"
    margin_mm: float = 10.0
    database: str = ""

    def validated(self) -> PageOptions:
        key = next((k for k in PAGE_SIZES if k.lower() == (self.page or "").strip().lower()), None)
        if key is None:
            raise invalid("page", self.page, "timeline.page_size", valid=", ".join(PAGE_SIZES))
        if self.fit not in FITS:
            raise invalid("fit", self.fit, "choice.unknown", valid=", ".join(FITS))
        return PageOptions(key, self.landscape, self.fit, self.margin_mm, self.database)

    def page_layout(self) -> QPageLayout:
        orientation = QPageLayout.Orientation.Landscape if self.landscape else QPageLayout.Orientation.Portrait
        margins = QMarginsF(self.margin_mm, self.margin_mm, self.margin_mm, self.margin_mm)
        return QPageLayout(QPageSize(PAGE_SIZES[self.page]), orientation, margins, QPageLayout.Unit.Millimeter)


@dataclass(frozen=True)
class _TableGrid:
    """The callout table's columns: the lanes' names, then ``columns`` cells of ``cell_w`` points."""

    gutter: float
    columns: int
    cell_w: float
    number_w: float
    line: float
    ascent: float


@dataclass(frozen=True)
class _Group:
    """One lane's part of a callout table: its name's lines and each callout's (row, column, cells)."""

    title: tuple[str, ...]
    cells: tuple[tuple[int, int, int], ...]
    lines: int
    pieces: tuple[tuple[tuple[float, str], ...], ...] = ()  # the title's lines as drawn: one (x, text) each


@dataclass(frozen=True)
class PagePlan:
    window: int
    rows: tuple[Row, ...]
    first_lane: int  # 1-based, for the locator
    last_lane: int


class TimelineDocument:
    """One layout paginated for one device: call :meth:`paint` for each page between begin/end."""

    def __init__(self, layout: TimelineLayout, options: PageOptions, device: QPaintDevice,
                 generated: dt.datetime | None = None, *, inset: float = 0.0, furniture: bool = True) -> None:
        """``inset``: a margin in points the device does not have (an image); ``furniture``: the header,
        legend and footer (slides put the title and legend in text boxes of their own instead)."""
        self.layout = layout
        self.options = options
        self.device = device
        self.generated = generated or dt.datetime.now(dt.UTC)
        self.points = 72.0 / device.logicalDpiX()
        self.inset = inset
        self.furniture = furniture
        self.page_w = device.width() * self.points - 2 * inset
        self.page_h = device.height() * self.points - 2 * inset
        self.fonts = Fonts(device, kerning=False)  # a tiled export sets 100,000 labels: see Fonts
        self.header_font = self.fonts.make(HEADER_PT, bold=True)
        self.meta_font = self.fonts.make(7.5)
        self.legend_font = self.fonts.make(7.0)
        self.table_font = self.fonts.make(TABLE_PT)
        self.table_bold = self.fonts.make(TABLE_PT, bold=True)
        # page furniture that is the same on every page, worded once (a tiled export has thousands)
        self._header_texts: tuple[str, tuple[str, ...], str] | None = None
        self._footer_right: str | None = None
        self._footer_columns: dict[int, str] = {}
        self._callouts_word: str | None = None
        self._legend_plan: list[tuple[str, QRectF, QPointF, str]] | None = None
        self.legend_items = self._legend_items()  # once: it looks at every lane, and every page shows it
        self.legend_h = self._legend(None, 0.0, measure_only=True) if furniture else 0.0
        self.header_h = self._header_height() if furniture else 0.0
        self.footer_h = FOOTER_H if furniture else 0.0
        self.body_h = self.page_h - self.header_h - self.legend_h - self.footer_h - 6
        self.scale = 1.0
        self._callouts_by: dict[tuple[int, Window | None], list[Callout]] | None = None
        self._grid_scene: TimelineScene | None = None
        self._grid: _TableGrid | None = None
        self._groups: dict[tuple[int, int, int], _Group] = {}
        self._elided: dict[tuple[str, float], str] = {}
        self._titles: dict[tuple[str, str, tuple[str, ...], bool], tuple[tuple[tuple[float, str], ...], ...]] = {}
        if options.fit == "page":
            self.scene = self._fit_scene()
            self.pages = self._bands() if self.scale <= MIN_FIT_SCALE and self._overflows() else [
                PagePlan(0, tuple(self.scene.rows), 1, len(layout.lanes))]
        else:
            self.scene = TimelineScene(layout, self.fonts, self.page_w, self._columns())
            self.pages = self._bands()

    # ------------------------------------------------------------------ planning
    def _fit_scene(self) -> TimelineScene:
        """The largest scale (1 to MAX_FIT_SCALE) at which the whole timeline, with its table of
        callouts, fills the page body: small charts are enlarged, never shrunk below legible text.

        The scene is laid out at width ``page_w / scale`` so it always fills the page width; a new
        scale re-packs the labels, which changes the height, so iterate until it fits.  A chart too
        tall at scale 1 flows onto more pages (lanes balanced across them) at full width.
        """
        scene = TimelineScene(self.layout, self.fonts, self.page_w)
        scale = max(MIN_FIT_SCALE, min(MAX_FIT_SCALE, self.body_h / self._need(scene)))
        for _ in range(8):
            scene = TimelineScene(self.layout, self.fonts, self.page_w / scale)
            if self._need(scene) * scale <= self.body_h + 0.01 or scale <= MIN_FIT_SCALE:
                break
            scale = max(MIN_FIT_SCALE, self.body_h / self._need(scene) * 0.995)
        self.scale = scale
        return scene

    def _need(self, scene: TimelineScene) -> float:
        return scene.height + self.table_height(scene.callouts, scene)

    def _overflows(self) -> bool:
        return self._need(self.scene) * self.scale > self.body_h + 0.01

    def _columns(self) -> list[Window]:
        """Time windows of equal length (cut at the first of a month), as few as keep a year at least
        MIN_POINTS_PER_YEAR wide: no column is a sliver of a month on a page of its own."""
        start, end = self.layout.start, self.layout.end
        # only the plot's width is wanted: a screen-style scene places no labels
        probe = TimelineScene(self.layout, self.fonts, self.page_w, [(start, end)], max_label_rows=(1, 1))
        per_page_days = max(1, int(probe.plot_width // MIN_POINTS_PER_YEAR)) * 365.25
        total = (end - start).days + 1
        columns = max(1, math.ceil(total / per_page_days))
        cuts = [start]
        for c in range(1, columns):
            day = start + dt.timedelta(days=round(total * c / columns))
            day = dt.date(day.year, day.month, 1)
            if cuts[-1] < day <= end:
                cuts.append(day)
        return [(first, (cuts[i + 1] - dt.timedelta(days=1)) if i + 1 < len(cuts) else end)
                for i, first in enumerate(cuts)]

    # ---------------------------------------------------------------- callout table
    # The table under the chart lists the page's numbered callouts grouped by lane: the lane's name once,
    # in a column under the chart's lane names, and its callouts beside it in cells of equal width, each
    # saying number, event and date.  (A line per callout that repeated the lane's name took a quarter
    # more lines, and a tiled export of 2,000 lanes has about 40,000 callouts.)
    def _table_grid(self, scene: TimelineScene) -> _TableGrid:
        """The table's columns for a scene (its lane-name column is the scene's): the same on every page."""
        if self._grid_scene is not scene:  # a page that fits is laid out at several scales: one grid each
            self._grid_scene, self._grid, self._groups, self._titles = scene, None, {}, {}
        grid = self._grid
        if grid is None:
            gutter = min(scene.label_width, self.page_w * 0.3) + GAP
            columns = max(1, int((self.page_w - gutter) // TABLE_CELL_MIN))
            widest = max((c.number for c in scene.callouts), default=1)
            number_w = QFontMetricsF(self.table_bold, self.device).horizontalAdvance(str(widest)) + 4
            fm = QFontMetricsF(self.table_font, self.device)
            grid = self._grid = _TableGrid(gutter, columns, (self.page_w - gutter) / columns, number_w,
                                                       fm.ascent() + fm.descent() + 0.5, fm.ascent())
        return grid

    def _group(self, scene: TimelineScene, lane: int, callouts: list[Callout]) -> _Group:
        """One lane's callouts placed in the table's cells, left to right, then row by row; a text too long
        for one cell takes two (or more) side by side, so no callout is cut short."""
        grid = self._table_grid(scene)
        key = (lane, callouts[0].number, len(callouts))
        found = self._groups.get(key)
        if found is not None:
            return found
        title = scene.wrap(self.table_bold, callouts[0].lane_title, grid.gutter - GAP, 2)
        cells: list[tuple[int, int, int]] = []
        row = col = 0
        for c in callouts:
            width = c.width or scene.text_width(self.table_font, c.text)
            span = 1
            while span < grid.columns and width > span * grid.cell_w - grid.number_w - TABLE_CELL_GAP:
                span += 1
            if col + span > grid.columns:
                row, col = row + 1, 0
            cells.append((row, col, span))
            col += span
        found = self._groups[key] = _Group(tuple(title), tuple(cells), max(len(title), row + 1),
                                           tuple(((0.0, line),) for line in title))
        return found

    def _page_titles(self, scene: TimelineScene, groups: list[tuple[list[Callout], _Group]]
                     ) -> list[tuple[tuple[tuple[float, str], ...], ...]]:
        """Each group's name in the table as lines of (x, text) pieces.  Two lanes of one name in the same
        table (two indications of a product in a country, its clinical and marketing tracks) are each
        named with what tells them apart (the lane's tag), in the lines the group takes anyway; a name
        the table holds once is left alone.  The tag is a piece of its own and the name is cut short at
        a fixed share of the column, so both are texts many pages repeat (shaped once)."""
        titles = [callouts[0].lane_title for callouts, _group in groups]
        once: set[str] = set()
        twice: set[str] = set()
        for title in titles:
            (twice if title in once else once).add(title)
        if not twice:  # every name once: as they are
            return [group.pieces for _callouts, group in groups]
        lanes = scene.layout.lanes
        out = []
        for (callouts, group), title in zip(groups, titles, strict=True):
            tag = lanes[callouts[0].lane].tag if title in twice else ""
            if not tag:
                out.append(group.pieces)
                continue
            key = (title, tag, group.title, group.lines > 1)
            pieces = self._titles.get(key)
            if pieces is None:
                pieces = self._titles[key] = self._title_pieces(scene, title, group, tag)
            out.append(pieces)
        return out

    def _title_pieces(self, scene: TimelineScene, title: str, group: _Group, tag: str
                      ) -> tuple[tuple[tuple[float, str], ...], ...]:
        """A group's name as lines of pieces: its wrapped lines, and with a ``tag`` the tag on a line of its
        own when the group has a line to spare, else after the name's last line (the name cut short when
        both do not fit: the name to 55 % of the column, the tag to the rest)."""
        plain = group.pieces
        font = self.table_bold
        width = self._table_grid(scene).gutter - GAP
        if len(group.title) < min(2, group.lines):
            return (*plain, ((0.0, self._fitted(scene, tag, width)),))
        title = title.strip()
        rest = title[len(group.title[0]):].lstrip() if len(group.title) > 1 else title
        tail = f" · {tag}"
        if scene.text_width(font, rest) + scene.text_width(font, tail) > width:
            rest = self._fitted(scene, rest, width * 0.55)
            tail = self._fitted(scene, tail, width - scene.text_width(font, rest))
        return (*plain[:-1], ((0.0, rest), (scene.text_width(font, rest), tail)))

    def _fitted(self, scene: TimelineScene, text: str, width: float) -> str:
        """``text`` in the table's bold font, elided to ``width`` only if longer (measured once: the lanes
        of one product share their name, all clinical lanes their tag)."""
        if scene.text_width(self.table_bold, text) <= width:
            return text
        key = (text, width)
        found = self._elided.get(key)
        if found is None:
            found = self._elided[key] = scene.metrics(self.table_bold).elidedText(
                text, Qt.TextElideMode.ElideRight, width)
        return found

    def _groups_of(self, scene: TimelineScene, callouts: list[Callout]) -> list[tuple[list[Callout], _Group]]:
        """The callouts by lane, in the order of their first number (as they run down the chart)."""
        by_lane: dict[int, list[Callout]] = {}
        for c in callouts:
            by_lane.setdefault(c.lane, []).append(c)
        return [(group, self._group(scene, lane, group)) for lane, group in by_lane.items()]

    def table_height(self, callouts: list[Callout], scene: TimelineScene | None = None) -> float:
        """Height (in page points, unscaled) of the table of ``callouts`` under the chart."""
        if not callouts:
            return 0.0
        scene = scene or self.scene
        grid = self._table_grid(scene)
        return 6 + grid.line * (1 + sum(g.lines for _c, g in self._groups_of(scene, callouts)))

    def used_height(self, index: int) -> float:
        """Points from the top of the page to the end of the chart and its callout table."""
        plan = self.pages[index]
        chart = (AXIS_H + sum(r.height for r in plan.rows)) * self.scale
        callouts = self.page_callouts(index)
        return self.header_h + chart + (2 + self.table_height(callouts) if callouts else 0.0)

    def page_callouts(self, index: int) -> list[Callout]:
        """The numbered callouts of the lanes and time window on page ``index``, in number order."""
        if self._callouts_by is None:  # indexed once: a tiled export asks for every page
            self._callouts_by = {}
            for c in self.scene.callouts:
                self._callouts_by.setdefault((c.lane, c.window), []).append(c)
        plan = self.pages[index]
        window = self.scene.windows[plan.window]
        found = [c for r in plan.rows if r.kind == "lane"
                 for key in ((r.lane, window), (r.lane, None)) for c in self._callouts_by.get(key, ())]
        return sorted(found, key=lambda c: c.number)

    def _paint_table(self, p: QPainter, callouts: list[Callout], top: float, theme: Theme) -> None:
        scene = self.scene
        grid = self._table_grid(scene)
        line, ascent = grid.line, grid.ascent
        y = top + 4
        p.setPen(_pen(theme.grid, 0.6))
        p.drawLine(QPointF(0, top + 1), QPointF(self.page_w, top + 1))
        p.setFont(self.table_bold)
        p.setPen(theme.text)
        if self._callouts_word is None:
            self._callouts_word = word("callouts", self.layout.lang)
        scene.draw_repeated(p, self.table_bold, 0, y + ascent, self._callouts_word)
        y += line
        groups = []
        for k, (group_callouts, group) in enumerate(self._groups_of(scene, callouts)):
            groups.append((y, group_callouts, group))
            if k % 2 == 1:  # every other lane's group shaded, so each group's extent shows
                p.fillRect(QRectF(0, y, self.page_w, group.lines * line), theme.lane_alt)
            y += group.lines * line
        # the lanes' names and the numbers (bold), then the texts: one font and (mostly) one pen at a time
        names = self._page_titles(scene, [(c, g) for _gy, c, g in groups])
        for (gy, _group_callouts, _group), lines in zip(groups, names, strict=True):
            for k, pieces in enumerate(lines):
                for dx, piece in pieces:
                    scene.draw_repeated(p, self.table_bold, dx, gy + k * line + ascent, piece)
        numbers: dict[str, list[tuple[QPointF, str]]] = {}  # by colour, each drawn with its pen once
        texts: list[tuple[QPointF, str]] = []
        fm = scene.metrics(self.table_font)
        for gy, group_callouts, group in groups:
            for c, (row, col, span) in zip(group_callouts, group.cells, strict=True):
                x, baseline = grid.gutter + col * grid.cell_w, gy + row * line + ascent
                numbers.setdefault(c.colour, []).append((QPointF(x, baseline), str(c.number)))
                text = c.text
                room = span * grid.cell_w - grid.number_w - TABLE_CELL_GAP
                if (c.width or scene.text_width(self.table_font, text)) > room:  # wider than the whole table
                    text = fm.elidedText(text, Qt.TextElideMode.ElideMiddle, room)
                texts.append((QPointF(x + grid.number_w, baseline), text))
        draw = p.drawText
        for colour, drawn in numbers.items():
            p.setPen(theme.readable(QColor(colour)))
            for at, number in drawn:
                draw(at, number)
        p.setFont(self.table_font)
        p.setPen(theme.text)
        for at, text in texts:
            draw(at, text)

    # ---------------------------------------------------------------- pagination
    def _bands(self) -> list[PagePlan]:
        """Bands of lanes that fit the page height, balanced: as few pages as the greedy split needs,
        each about as full as the others (no page of three lanes after full ones, never an empty page).
        A group heading is repeated on the page it continues on.

        Each time column is split on its own, its lanes as tall as that column's labels need and its
        pages reserving room for that column's callouts only: a column whose labels all sit on the
        chart is not printed with the row gaps and table room another column needed.  The pages are
        ordered by their first lane, then by column, so a lane's years follow one another."""
        room = self.body_h / self.scale - AXIS_H  # the axis heads every page
        pages: list[PagePlan] = []
        for w in range(len(self.scene.windows)):
            units = self._units(w)
            if not units:
                pages.append(PagePlan(w, (), 0, 0))
                continue
            count = len(self._split(units, room))
            lo, hi = max(u[1] for u in units), room
            for _ in range(30):  # the smallest band height that still needs no more pages
                mid = (lo + hi) / 2
                if len(self._split(units, mid)) <= count:
                    hi = mid
                else:
                    lo = mid
            for rows in self._split(units, hi):
                lanes = [r.lane for r in rows if r.kind == "lane"]
                pages.append(PagePlan(w, tuple(rows), (lanes[0] + 1) if lanes else 0,
                                      (lanes[-1] + 1) if lanes else 0))
        pages.sort(key=lambda plan: (plan.first_lane, plan.window))
        return pages

    def _units(self, window_index: int) -> list[tuple[Row, float, Row | None]]:
        """Each lane of a time column with its height there, its share of that column's callout table
        (its group's lines, exactly as the table draws them) and its group heading."""
        window = self.scene.windows[window_index]
        per_lane: dict[int, list[Callout]] = {}
        for c in self.scene.callouts:
            if c.window is None or c.window == window:
                per_lane.setdefault(c.lane, []).append(c)
        line = self._table_grid(self.scene).line / self.scale
        units = []
        group: Row | None = None
        for row in self.scene.rows_in(window_index):
            if row.kind == "group":
                group = row
                continue
            lane_group = group if self.layout.lanes[row.lane].group else None
            callouts = per_lane.get(row.lane)
            extra = line * self._group(self.scene, row.lane, callouts).lines if callouts else 0.0
            units.append((row, row.height + extra, lane_group))
        return units

    def _split(self, units: list[tuple[Row, float, Row | None]], room: float) -> list[list[Row]]:
        table_base = (6 + self._table_grid(self.scene).line) / self.scale  # the rule and the table's heading
        bands: list[list[Row]] = []
        band: list[Row] = []
        used = 0.0
        band_group: Row | None = None
        has_table = False
        for row, height, lane_group in units:
            heading = lane_group if lane_group is not None and (not band or band_group is not lane_group) else None
            table = table_base if height > row.height and not has_table else 0.0
            need = height + (heading.height if heading else 0.0) + table
            if band and used + need > room:
                bands.append(band)
                band, used, has_table = [], 0.0, False
                heading = lane_group
                table = table_base if height > row.height else 0.0
                need = height + (heading.height if heading else 0.0) + table
            if heading is not None:
                band.append(heading)
            band.append(row)
            used += need
            has_table = has_table or table > 0
            band_group = lane_group
        if band:
            bands.append(band)
        return bands

    # ------------------------------------------------------------------ painting
    def paint(self, painter: QPainter, index: int, theme: Theme | None = None) -> None:
        """Paint page ``index`` on a painter already begun on the device (scaled here to points)."""
        theme = theme or Theme.paper()
        painter.save()
        painter.scale(1 / self.points, 1 / self.points)
        painter.fillRect(QRectF(0, 0, self.page_w + 2 * self.inset, self.page_h + 2 * self.inset), theme.background)
        painter.translate(self.inset, self.inset)
        plan = self.pages[index]
        if self.furniture:
            self._header(painter, theme)
        top = self.header_h
        if not self.layout.lanes:
            painter.setFont(self.fonts.make(10.0))
            painter.setPen(theme.muted)
            painter.drawText(QPointF(0, top + 24), word("empty", self.layout.lang))
        else:
            painter.save()
            painter.translate(0, top)
            painter.scale(self.scale, self.scale)
            used = paint_rows(painter, self.scene, plan.rows, plan.window, QPointF(0, 0), theme)
            painter.restore()
            callouts = self.page_callouts(index)
            if callouts:
                self._paint_table(painter, callouts, top + used * self.scale + 2, theme)
        if self.furniture:
            self._legend(painter, self.page_h - FOOTER_H - self.legend_h, theme=theme)
            self._footer(painter, index, theme)
        painter.restore()

    def _header_height(self) -> float:
        title = QFontMetricsF(self.header_font, self.device)
        meta = QFontMetricsF(self.meta_font, self.device)
        lines = len(self._meta_lines()) + (1 if self.layout.provisional else 0)
        return title.ascent() + title.descent() + 0.5 + lines * (meta.ascent() + meta.descent() + 0.5) + 6

    def _meta_lines(self) -> list[str]:
        """What the page shows and its stamp (as of, printed, program): one line, or two when one line
        would cut the stamp short (a long product name, a portrait page), each elided only if still longer."""
        meta = QFontMetricsF(self.meta_font, self.device)
        shows, stamp = self.shows(), self.stamp()
        one = f"{shows}  ·  {stamp}"
        if meta.horizontalAdvance(one) <= self.page_w:
            return [one]
        return [meta.elidedText(line, Qt.TextElideMode.ElideRight, self.page_w) for line in (shows, stamp)]

    def shows(self) -> str:
        """What the page shows, in plain words of the interface language."""
        lang, layout = self.layout.lang, self.layout
        if layout.kind is ViewKind.APPROVALS:
            return word("shows.approvals", lang)
        if layout.kind is ViewKind.COUNTRY:
            j = get_jurisdiction(layout.selection)
            return word("shows.country", lang, country=j.name(lang))
        name = layout.title.split("\N{FULLWIDTH COLON}")[0].split(": ")[0]
        return word("shows.product", lang, product=name)

    def stamp(self) -> str:
        """As of, printed on (local time with its offset from UTC) and by which program."""
        lang = self.layout.lang
        local = self.generated.astimezone()
        return "  ·  ".join([word("situation", lang, date=self.layout.as_of.isoformat()),
                             word("printed", lang, local=local.strftime("%Y-%m-%d %H:%M (UTC%z)")),
                             f"mscreg {__version__}"])

    def _header(self, p: QPainter, theme: Theme) -> None:
        """Title, then what is shown and when, each on its own line box (ascent to descent: stacked
        lines touch, never overlap, as a PDF reader boxes them)."""
        title = QFontMetricsF(self.header_font, self.device)
        meta = QFontMetricsF(self.meta_font, self.device)
        if self._header_texts is None:  # the same on every page: worded and elided once per document
            self._header_texts = (
                title.elidedText(self.layout.title, Qt.TextElideMode.ElideRight, self.page_w),
                tuple(self._meta_lines()), "? " + word("provisional", self.layout.lang))
        heading, stamps, provisional = self._header_texts
        p.setPen(theme.text)
        p.setFont(self.header_font)
        self.scene.draw_repeated(p, self.header_font, 0, title.ascent(), heading)
        y = title.ascent() + title.descent() + 0.5
        p.setFont(self.meta_font)
        p.setPen(theme.muted)
        for k, stamp in enumerate(stamps):
            if k:
                y += meta.ascent() + meta.descent() + 0.5
            self.scene.draw_repeated(p, self.meta_font, 0, y + meta.ascent(), stamp)
        if self.layout.provisional:
            y += meta.ascent() + meta.descent() + 0.5
            self.scene.draw_repeated(p, self.meta_font, 0, y + meta.ascent(), provisional)
        p.setPen(_pen(theme.text, 0.8))
        p.drawLine(QPointF(0, self.header_h - 3), QPointF(self.page_w, self.header_h - 3))

    def _legend_items(self) -> list[tuple[str, str]]:
        used_styles = [s for s in SpanStyle if s in self.layout.styles_used] or [SpanStyle.FULL]
        used_kinds = {m.kind for lane in self.layout.lanes for m in lane.events} or {MarkerKind.AUTHORISATION}
        items: list[tuple[str, str]] = [("span:" + s.value, word(s, self.layout.lang)) for s in used_styles]
        items += [("marker:" + k.value, word(k, self.layout.lang)) for k in MarkerKind if k in used_kinds]
        items.append(("imprecise", word("imprecise", self.layout.lang)))
        # a deadline or an obligation past the axis's end is drawn by no dashed line or star of its own,
        # only named ("… (beyond the axis)", or a numbered callout): it needs no legend entry
        start, end = self.layout.start, self.layout.end
        statuses = {d.status for lane in self.layout.lanes for d in lane.deadlines
                    if d.latest >= start and d.earliest <= end}
        for status in (Status.OVERDUE, Status.MISSED, Status.DUE_SOON, Status.UPCOMING):
            if status in statuses:
                items.append(("deadline:" + status.value,
                              word("deadline", self.layout.lang, status=word(status, self.layout.lang))))
        obligations = [o for lane in self.layout.lanes for o in lane.obligations
                       if o.latest >= start and o.earliest <= end]
        if obligations:
            items.append(("obligation", word("obligation", self.layout.lang)))
        if any(o.warning for o in obligations):
            items.append(("obligation_overdue", word("obligation_overdue", self.layout.lang)))
        bars = [b for lane in self.layout.lanes for b in lane.trials]
        if bars:
            items.append(("trial", word("trial", self.layout.lang)))
        if any(q.planned for b in bars for q in b.points):
            items.append(("trial_estimated", word("trial_estimated", self.layout.lang)))
        items.append(("as_of", word("as_of", self.layout.lang)))
        if any(s.start is None for lane in self.layout.lanes for s in lane.spans):
            items.append(("start_unknown", word("start_unknown", self.layout.lang)))
        return items

    def _legend(self, p: QPainter | None, top: float, *, measure_only: bool = False, theme: Theme | None = None
                ) -> float:
        """Lay the legend out in rows across the page; returns its height (measuring when ``p`` is None).

        The layout is the same on every page: it is made once, and each page only draws it."""
        fm = QFontMetricsF(self.legend_font, self.device)
        line = fm.ascent() + fm.descent() + 0.5  # rows touch, never overlap
        if self._legend_plan is None or p is None:
            plan: list[tuple[str, QRectF, QPointF, str]] = []
            x, y = 0.0, 3.0
            title = word("legend", self.layout.lang)
            plan.append(("", QRectF(), QPointF(0, y + fm.ascent()), title))
            x = fm.horizontalAdvance(title) + 6
            for key, label in self.legend_items:
                width = 14 + fm.horizontalAdvance(label) + 9
                if x + width > self.page_w:
                    x, y = 0.0, y + line
                plan.append((key, QRectF(x, y + 0.5, 11, line - 2.5), QPointF(x + 14, y + fm.ascent()), label))
                x += width
            height = (y + line) + 2
            if p is None:
                return height
            self._legend_plan = plan
        assert theme is not None
        p.save()
        p.translate(0, top)
        p.setPen(_pen(theme.grid, 0.6))
        p.drawLine(QPointF(0, 1), QPointF(self.page_w, 1))
        p.setFont(self.legend_font)
        for key, swatch, _at, _label in self._legend_plan:
            if key:
                self._swatch(p, key, swatch, theme)
        # the labels, which touch no symbol, in one go (a PDF writes one text object, not one a label)
        p.setPen(theme.text)
        self.scene.draw_repeated_row(p, self.legend_font, ("legend", top),
                                     [(at.x(), at.y(), label) for _key, _swatch, at, label in self._legend_plan])
        p.restore()
        return self.legend_h

    def _swatch(self, p: QPainter, key: str, r: QRectF, theme: Theme) -> None:
        """A legend's symbol.  Each kind sets the pen and brush it uses (no save and restore around each:
        a tiled export draws the legend on thousands of pages); the legend restores the painter."""
        kind, _, value = key.partition(":")
        if kind == "span":
            colour = QColor(SPAN_COLOURS[SpanStyle(value)])
            p.fillRect(r, colour)
        elif kind == "marker":
            colour = QColor(MARKER_COLOURS[MarkerKind(value)])
            p.setPen(_pen(theme.background, 0.6))
            p.setBrush(colour)
            p.drawPath(_shape(MarkerKind(value), r.center(), MARKER / 2))
        elif kind == "imprecise":
            colour = QColor(MARKER_COLOURS[MarkerKind.AUTHORISATION])
            p.setPen(_pen(colour, 0.9))
            p.drawLine(QPointF(r.left(), r.bottom()), QPointF(r.right(), r.bottom()))
            p.drawLine(QPointF(r.left(), r.bottom() - 2), QPointF(r.left(), r.bottom()))
            p.drawLine(QPointF(r.right(), r.bottom() - 2), QPointF(r.right(), r.bottom()))
            p.setBrush(theme.background)
            p.drawPath(_shape(MarkerKind.AUTHORISATION, QPointF(r.center().x(), r.center().y() - 1), MARKER / 2.4))
        elif kind == "deadline":
            p.setPen(_pen(STATUS_COLOURS[Status(value)], 0.9, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(r.center().x(), r.top()), QPointF(r.center().x(), r.bottom()))
        elif kind == "as_of":
            p.setPen(_pen(theme.as_of, 0.9, Qt.PenStyle.DashDotLine))
            p.drawLine(QPointF(r.center().x(), r.top()), QPointF(r.center().x(), r.bottom()))
        elif kind == "start_unknown":
            _hatch(p, r, QColor(SPAN_COLOURS[SpanStyle.FULL]))
        elif kind in ("obligation", "obligation_overdue"):
            colour = QColor(_legend_colour(kind))
            p.setPen(_pen(colour.darker(170), 0.7))
            p.setBrush(colour)
            p.drawPath(star(r.center(), MARKER / 2))
        elif kind in ("trial", "trial_estimated"):
            colour = QColor(TRIAL_COLOUR)
            cy = r.center().y()
            bar = QRectF(r.left() + 1, cy - 1.5, r.width() - 2, 3)
            if kind == "trial":
                p.fillRect(bar, colour)
                p.setBrush(colour)
            else:
                p.setPen(_pen(colour, 0.8))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(bar)
                p.setBrush(theme.background)
            p.setPen(_pen(colour.darker(130) if kind == "trial" else colour, 0.6))
            for x in (r.left() + 1.5, r.right() - 1.5):
                p.drawEllipse(QPointF(x, cy), 1.8, 1.8)

    def _footer(self, p: QPainter, index: int, theme: Theme) -> None:
        lang = self.layout.lang
        plan = self.pages[index]
        window = self.scene.windows[plan.window]
        parts = [word("page", lang, page=index + 1, pages=len(self.pages))]
        if len(self.scene.windows) > 1:
            columns = self._footer_columns.get(plan.window)
            if columns is None:  # the same on every page of a time column
                columns = self._footer_columns[plan.window] = word(
                    "columns", lang, first=window[0].strftime("%Y-%m"), last=window[1].strftime("%Y-%m"))
            parts.append(columns)
        if len(self.pages) > len(self.scene.windows) or self.options.fit == "tile":
            parts.append(word("lanes", lang, first=plan.first_lane, last=plan.last_lane,
                              total=len(self.layout.lanes)))
        p.setFont(self.meta_font)
        p.setPen(theme.muted)
        # one line centred in the footer's box, as drawText(rect, AlignVCenter) places it (that call lays
        # the text out anew for every page)
        fm = self.scene.metrics(self.meta_font)
        baseline = self.page_h - FOOTER_H + 2 + (FOOTER_H - 2 - fm.ascent() - fm.descent()) / 2 + fm.ascent()
        p.drawText(QPointF(0, baseline), " — ".join(parts))
        if self._footer_right is None:  # the same on every page
            stamp = word("as_of_stamp", lang, date=self.layout.as_of.isoformat())
            self._footer_right = fm.elidedText(f"{self.layout.title} · {stamp}", Qt.TextElideMode.ElideLeft,
                                               self.page_w)  # as the footer's box clipped it
        width = self.scene.text_width(self.meta_font, self._footer_right)
        self.scene.draw_repeated(p, self.meta_font, self.page_w - width, baseline, self._footer_right)


# ---------------------------------------------------------------------- outputs

# A tiled export makes about a million short-lived objects (labels, callouts, lines, glyph runs), freed by
# reference counting, not by the cycle collector; the collector would still walk the whole heap, the
# layout's 100,000 events included, every few thousand of them (about 0.8 s of 11 at 2,000 lanes; the peak
# memory is the same without it).  It is paused while the pages are planned and painted.
@collector_paused(freeze=False)
def render_pages(layout: TimelineLayout, device: QPagedPaintDevice, options: PageOptions,
                 progress: Progress | None = None) -> int:
    """Paint every page on a paged device (QPdfWriter or QPrinter) already set up; returns the page count.

    ``progress`` is told (0, total) once the pages are planned, then after every page; when it
    returns False the painting stops and :class:`ExportCancelled` is raised.
    """
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot start painting on the output device")
    try:
        doc = TimelineDocument(layout, options, device)
        total = len(doc.pages)
        if progress is not None and not progress(0, total):
            raise ExportCancelled
        for i in range(total):
            if i:
                device.newPage()
            doc.paint(painter, i)
            if progress is not None and not progress(i + 1, total):
                raise ExportCancelled
        return total
    finally:
        painter.end()


def check_output_folder(out: str | os.PathLike[str], database: Path | None = None) -> None:
    """Refuse, before any work, an output whose folder is missing or not writable, or that would
    replace the database, one of its files or any database (see :mod:`mscreg.services.output_files`)."""
    folder = Path(out).parent
    if not folder.is_dir():
        raise invalid("out", str(out), "timeline.out_folder_missing")
    if not os.access(folder, os.W_OK):
        raise invalid("out", str(out), "timeline.out_denied")
    output_files.check_output(out, database)


def export_pdf(layout: TimelineLayout, out: str | os.PathLike[str], options: PageOptions,
               progress: Progress | None = None, *, database: Path | None = None) -> int:
    """Write a PDF with the bundled CJK font embedded; nothing is left behind if it fails or is cancelled.

    ``database`` is the SQLite file shown, which the output must never replace.
    """
    check_output_folder(out, database)
    with output_files.written(out, database) as tmp:
        writer: QPdfWriter | None = None
        try:
            writer = QPdfWriter(str(tmp))
            writer.setResolution(1200)
            writer.setPageLayout(options.page_layout())
            writer.setTitle(layout.title)
            writer.setCreator(f"mscreg {__version__}")
            writer.setAuthor(_os_user())
            pages = render_pages(layout, writer, options, progress)
        except BaseException as exc:
            traceback.clear_frames(exc.__traceback__)  # the painting frames hold the writer (and its open file)
            raise
        finally:
            writer = None  # flushes and closes the file before it is renamed or removed (Windows keeps open files)
    return pages


@collector_paused(freeze=False)
def export_png(layout: TimelineLayout, out: str | os.PathLike[str], options: PageOptions,
               dpi: int = PNG_DPI, progress: Progress | None = None, *, database: Path | None = None) -> list[Path]:
    """One PNG per page (``name.png``, or ``name-1.png``, ``name-2.png`` … when tiled onto several pages)."""
    target = Path(out)
    check_output_folder(target, database)
    size = options.page_layout().fullRectPoints()
    margin = options.margin_mm / 25.4 * 72
    dots_per_metre = round(dpi / 0.0254)
    width = round(size.width() / 72 * dpi)  # the whole page: the margins stay white around the picture
    height = round(size.height() / 72 * dpi)

    def blank() -> QImage:
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        image.fill(QColor("#FFFFFF"))
        return image

    first = blank()
    doc = TimelineDocument(layout, options, first, inset=margin)
    names = [target] if len(doc.pages) == 1 else [
        target.with_name(f"{target.stem}-{i + 1}{target.suffix}") for i in range(len(doc.pages))]
    # Every page is checked before the first is painted; all appear together, or none.
    with output_files.written_all(names, database) as temps:
        if progress is not None and not progress(0, len(names)):
            raise ExportCancelled
        for i, (name, tmp) in enumerate(zip(names, temps, strict=True)):
            image = first if i == 0 else blank()
            painter = QPainter(image)
            try:
                doc.paint(painter, i)
            finally:
                painter.end()
            if not image.save(str(tmp), "PNG"):  # type: ignore[call-overload]  # a str at run time; the stub says bytes
                raise invalid("out", str(name), "timeline.png_failed")
            if progress is not None and not progress(i + 1, len(names)):
                raise ExportCancelled
    return names


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


__all__ = [
    "FITS",
    "GAP",
    "PAGE_SIZES",
    "ExportCancelled",
    "PageOptions",
    "Progress",
    "TimelineDocument",
    "check_output_folder",
    "export_pdf",
    "export_png",
    "export_pptx",
    "export_svg",
    "render_pages",
]


@collector_paused(freeze=False)
def export_svg(layout: TimelineLayout, out: str | os.PathLike[str], options: PageOptions,
               progress: Progress | None = None, *, database: Path | None = None) -> list[Path]:
    """One SVG per page (``name.svg``, or ``name-1.svg`` … when several), drawn by the same paint
    routine as the PDF: text stays text (``<text>`` elements), lines and shapes stay vectors."""
    from PySide6.QtCore import QRect, QSize
    from PySide6.QtSvg import QSvgGenerator

    target = Path(out)
    check_output_folder(target, database)
    size = options.page_layout().fullRectPoints()
    margin = options.margin_mm / 25.4 * 72
    dpi = 96

    def generator(path: Path | None) -> QSvgGenerator:
        gen = QSvgGenerator()
        if path is not None:
            gen.setFileName(str(path))
        px = QSize(round(size.width() / 72 * dpi), round(size.height() / 72 * dpi))
        gen.setSize(px)
        gen.setViewBox(QRect(0, 0, px.width(), px.height()))
        gen.setResolution(dpi)
        gen.setTitle(layout.title)
        return gen

    probe = generator(None)
    doc = TimelineDocument(layout, options, probe, inset=margin)
    names = [target] if len(doc.pages) == 1 else [
        target.with_name(f"{target.stem}-{i + 1}{target.suffix}") for i in range(len(doc.pages))]
    with output_files.written_all(names, database) as temps:
        for i, tmp in enumerate(temps):
            gen = generator(Path(tmp))
            painter = QPainter()
            if not painter.begin(gen):
                raise invalid("out", str(names[i]), "timeline.out_denied")
            try:
                doc.paint(painter, i)
            finally:
                painter.end()
            if progress is not None and not progress(i + 1, len(names)):
                raise ExportCancelled
    return names


SLIDE_W_IN, SLIDE_H_IN = 13.333, 7.5  # 16:9
SLIDE_DPI = 200


def export_pptx(layout: TimelineLayout, out: str | os.PathLike[str], options: PageOptions,
                progress: Progress | None = None, *, database: Path | None = None) -> list[Path]:
    """A 16:9 deck, one slide per page: the chart as a picture at print resolution, and the title,
    the as-of line and the legend as text boxes a presenter can edit."""
    try:
        from pptx import Presentation
        from pptx.dml.color import RGBColor
        from pptx.util import Inches, Pt
    except ImportError as exc:
        raise invalid("out", str(out), "timeline.pptx_missing") from exc
    import io

    target = Path(out)
    check_output_folder(target, database)
    pic_w_in, pic_h_in = SLIDE_W_IN - 0.8, SLIDE_H_IN - 2.2
    image = QImage(round(pic_w_in * SLIDE_DPI), round(pic_h_in * SLIDE_DPI), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(SLIDE_DPI / 0.0254))
    image.setDotsPerMeterY(round(SLIDE_DPI / 0.0254))
    doc = TimelineDocument(layout, PageOptions(options.page, True, options.fit, 0.0, options.database), image,
                           furniture=False)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_W_IN), Inches(SLIDE_H_IN)
    blank = deck.slide_layouts[6]
    lang = layout.lang

    def box(slide, left, top, width, height, text, size, bold=False, colour="000000"):
        shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        frame = shape.text_frame
        frame.word_wrap = True
        run = frame.paragraphs[0].add_run()
        run.text = text
        run.font.size, run.font.bold = Pt(size), bold
        run.font.color.rgb = RGBColor.from_string(colour)
        return shape

    for i in range(len(doc.pages)):
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        try:
            doc.paint(painter, i)
        finally:
            painter.end()
        used = doc.used_height(i) / doc.points  # device pixels: a short chart is not a strip on a blank slide
        picture = image.copy(0, 0, image.width(), min(image.height(), round(used) + 8))
        png = QByteArrayBuffer().save(picture)
        slide = deck.slides.add_slide(blank)
        title = word("slide_title", lang, title=layout.title, slide=i + 1, slides=len(doc.pages)) \
            if len(doc.pages) > 1 else layout.title
        box(slide, 0.4, 0.2, SLIDE_W_IN - 0.8, 0.6, title, 24, bold=True)
        box(slide, 0.4, 0.8, SLIDE_W_IN - 0.8, 0.4, f"{doc.shows()}  ·  {doc.stamp()}", 11, colour="555555")
        height_in = pic_w_in * picture.height() / picture.width()
        slide.shapes.add_picture(io.BytesIO(png), Inches(0.4), Inches(1.25), Inches(pic_w_in), Inches(height_in))
        legend = box(slide, 0.4, SLIDE_H_IN - 0.9, SLIDE_W_IN - 0.8, 0.7, word("legend", lang) + " ", 10)
        paragraph = legend.text_frame.paragraphs[0]
        for key, label in doc.legend_items:
            swatch = paragraph.add_run()
            swatch.text = _legend_glyph(key) + " "
            swatch.font.size = Pt(10)
            swatch.font.color.rgb = RGBColor.from_string(_legend_colour(key).lstrip("#").upper())
            run = paragraph.add_run()
            run.text = label + "   "
            run.font.size = Pt(10)
        if progress is not None and not progress(i + 1, len(doc.pages)):
            raise ExportCancelled
    with output_files.written(target, database) as tmp:
        deck.save(str(tmp))
    return [target]


def _legend_glyph(key: str) -> str:
    """A slide legend's symbol, shaped like the chart's where a text character can be: a star for an
    obligation, a bar for a trial, a square for the rest."""
    if key.startswith("obligation"):
        return "★"
    if key.startswith("trial"):
        return "▬"
    return "■"


def _legend_colour(key: str) -> str:
    kind, _, value = key.partition(":")
    if kind == "span":
        return SPAN_COLOURS[SpanStyle(value)]
    if kind == "marker":
        return MARKER_COLOURS[MarkerKind(value)]
    if kind == "deadline":
        return STATUS_COLOURS[Status(value)]
    if kind == "as_of":
        return "#C0392B"
    if kind == "obligation":
        return OBLIGATION_COLOURS[ObligationStatus.OPEN]
    if kind == "obligation_overdue":
        return OBLIGATION_COLOURS[ObligationStatus.OVERDUE]
    if kind in ("trial", "trial_estimated"):
        return TRIAL_COLOUR
    return "#555555"


class QByteArrayBuffer:
    """A PNG of a QImage as bytes (python-pptx takes a file-like object)."""

    def save(self, image: QImage) -> bytes:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice

        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # a str at run time; the stub says bytes
        buffer.close()
        return bytes(data.data())
