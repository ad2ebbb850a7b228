"""A printed timeline's legend explains only what the chart draws.

A deadline or an obligation due after the axis's end (Akuugo's time limit in 2031 on a chart ending
in 2026) is drawn by no dashed line and no star: it is named "… (beyond the axis)" or numbered in the
table under the chart.  The legend still listed "Dashed: statutory deadline (upcoming)" and "Star:
obligation due" for it, entries for nothing on the page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import synthetic_tracks
from PySide6.QtGui import QImage

from mscreg.domain.clocks import Status
from mscreg.domain.obligation import ObligationStatus
from mscreg.domain.timeline_layout import DeadlineMarker, ObligationMarker, TimelineLayout, country_layout
from mscreg.ui.timeline_pages import PageOptions, TimelineDocument

AS_OF = dt.date(2026, 11, 21)


def _legend_keys(layout: TimelineLayout) -> set[str]:
    size = PageOptions("A4", True, "page").page_layout().paintRectPoints()
    image = QImage(round(size.width() / 72 * 100), round(size.height() / 72 * 100), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(100 / 0.0254))
    image.setDotsPerMeterY(round(100 / 0.0254))
    return {key for key, _label in TimelineDocument(layout, PageOptions("A4", True, "page"), image).legend_items}


def _with(layout: TimelineLayout, day: dt.date) -> TimelineLayout:
    """The layout with its clocks and obligations replaced by one of each, due on ``day``."""
    deadline = DeadlineMarker("jp_time_limit", "Time limit ends", "", day, day, Status.UPCOMING, False)
    owed = ObligationMarker(1, None, "other", "Other obligation", "", "", ObligationStatus.OPEN, "open", day, day,
                            day.isoformat())
    lanes = [dataclasses.replace(lane, deadlines=(), obligations=()) for lane in layout.lanes]
    lanes[0] = dataclasses.replace(lanes[0], deadlines=(deadline,), obligations=(owed,))
    return dataclasses.replace(layout, lanes=tuple(lanes))


@pytest.fixture
def layout() -> TimelineLayout:
    return country_layout("CN", synthetic_tracks.portfolio_logs(4, 20, first_year=2015), AS_OF)


def test_a_deadline_and_an_obligation_beyond_the_axis_get_no_legend_entry(qapp, layout) -> None:
    keys = _legend_keys(_with(layout, layout.end + dt.timedelta(days=4 * 365)))
    assert not {k for k in keys if k.startswith("deadline:") or k.startswith("obligation")}, keys


def test_a_deadline_and_an_obligation_on_the_axis_keep_theirs(qapp, layout) -> None:
    keys = _legend_keys(_with(layout, layout.end - dt.timedelta(days=100)))
    assert "deadline:upcoming" in keys and "obligation" in keys, keys
