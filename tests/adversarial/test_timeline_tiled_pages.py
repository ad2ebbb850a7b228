"""Tiled timelines stay as short as their content allows, and each page is consistent with itself.

The tiled A4 export of the synthetic portfolio (2,000 lanes × 50 events) must stay within ten seconds,
which is mostly a matter of how many pages it prints.  These checks are structural (page counts, row
heights, numbers), never wall-clock:

- a lane on a tiled page is as tall as the labels *of that page's time column* need, not padded for
  label rows another column of the same lanes used (that padding made the export a fifth longer);
- the pages per lane of the synthetic portfolio stay within a bound;
- every callout number a lane's label column names on a page is listed in that page's table.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import synthetic_tracks
from PySide6.QtGui import QImage, QPainter

from mscreg.domain.timeline_layout import TimelineLayout, country_layout
from mscreg.ui.timeline_pages import PageOptions, TimelineDocument
from mscreg.ui.timeline_painter import BAR_H, BELOW_GAP, PAD

AS_OF = dt.date(2026, 11, 21)
LANES = 60
# Pages per lane of the tiled A4 export of the synthetic portfolio: 0.60 in November (labels could
# cross leaders then), 1.34 once labels were laid out without collisions and each column was padded
# to the tallest; 1.15 with lanes sized per column.  The bound leaves room for small layout changes,
# not for the padding to come back.
MAX_PAGES_PER_LANE = 1.22


def _page_image() -> QImage:
    size = PageOptions("A4", True, "tile").page_layout().paintRectPoints()
    image = QImage(round(size.width() / 72 * 150), round(size.height() / 72 * 150), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(150 / 0.0254))
    image.setDotsPerMeterY(round(150 / 0.0254))
    return image


@pytest.fixture(scope="module")
def layout(qapp) -> TimelineLayout:
    return country_layout("CN", synthetic_tracks.portfolio_logs(LANES, 50), AS_OF)


@pytest.fixture(scope="module")
def tiled(layout: TimelineLayout) -> tuple[TimelineDocument, QImage]:
    image = _page_image()
    return TimelineDocument(layout, PageOptions("A4", True, "tile"), image), image


def test_synthetic_portfolio_pages_per_lane_stay_bounded(tiled) -> None:
    doc, _image = tiled
    assert len(doc.scene.windows) > 1  # the test is about tiling in time as well as in lanes
    assert len(doc.pages) / LANES <= MAX_PAGES_PER_LANE, (len(doc.pages), LANES)


def test_a_tiled_lane_is_no_taller_than_its_labels_in_that_column(tiled) -> None:
    """Measured from what is placed: the rows of labels above and below the bar in the page's own
    column, or the label column's lines, whichever is taller."""
    doc, _image = tiled
    scene = doc.scene
    padded = []
    for plan in doc.pages:
        for row in plan.rows:
            if row.kind != "lane" or doc.layout.lanes[row.lane].trials:
                continue
            placed = scene.placement(row.lane, plan.window)
            above = max((i.row + 1 for i in placed.events), default=0)
            below_rows = max((i.row + 1 for i in placed.deadlines), default=0)
            below = below_rows * scene.row_h + (BELOW_GAP if below_rows else 1.5)
            labels = PAD * 2 + above * scene.row_h + BAR_H + 1 + below
            column = PAD * 2 + 1 + _label_column_height(scene, row.lane, placed.unplaced)
            if row.height > max(labels, column) + 0.01:
                padded.append((row.lane, plan.window, round(row.height - max(labels, column), 1)))
    assert not padded, f"{len(padded)} lanes padded on their pages, e.g. {padded[:5]}"


def _label_column_height(scene, lane: int, unplaced: list[str]) -> float:
    """Title, subtitle, state, designations and this column's unplaced numbers, as drawn."""
    layout = scene.layout.lanes[lane]
    w = scene.label_width - 2
    title = scene.wrap(scene.title_font, layout.title, w, 2)
    lines = len(scene.wrap(scene.sub_font, layout.subtitle, w, 2)) + 1
    if layout.flags:
        lines += len(scene.wrap(scene.sub_font, layout.flags, w, 2))
    if unplaced:
        lines += len(scene.wrap(scene.sub_font, "No. " + ", ".join(unplaced), w, 3))
    title_h = scene.metrics(scene.title_font).height()
    return len(title) * title_h + (len(title) - 1) * 1.5 + lines * scene.metrics(scene.sub_font).height()


def test_numbers_in_a_label_column_are_in_that_pages_table(tiled) -> None:
    """A callout number that found no room at its marker is named under the lane's title; a reader
    looks it up in the table of the same page, so it must be there."""
    doc, image = tiled
    scene = doc.scene
    drawn: list[str] = []
    original = scene.draw_text

    def record(p, font, x, baseline, text):
        drawn.append(text)
        original(p, font, x, baseline, text)

    scene.draw_text = record
    missing = []
    checked = 0
    try:
        for index in range(len(doc.pages)):
            drawn.clear()
            painter = QPainter(image)
            try:
                doc.paint(painter, index)
            finally:
                painter.end()
            listed = {c.number for c in doc.page_callouts(index)}
            for text in drawn:
                if text.startswith("No. "):
                    numbers = {int(n) for n in re.findall(r"\d+", text)}
                    checked += len(numbers)
                    missing += [(index + 1, n) for n in sorted(numbers - listed)]
    finally:
        del scene.draw_text
    assert checked, "the synthetic portfolio names no number in a label column: nothing was checked"
    assert not missing, f"numbers named under a lane but not in the page's table (page, number): {missing[:10]}"
