"""Designations as flags in the product list, the product view and the timelines' lane titles, as of the
day the window shows."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import Pathway
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import Product
from mscreg.domain.state_machine import derive, ordered
from mscreg.domain.track import Track
from mscreg.services.tracker import ProductOverview, TrackOverview

TOOLTIP = Qt.ItemDataRole.ToolTipRole


def overview(pid: int, name: str, *tracks) -> ProductOverview:
    """A product from memory: tracks ``(jurisdiction, pathway, [(event type, date, source)])``."""
    views = []
    for n, (code, pathway, steps) in enumerate(tracks, 1):
        track = Track(pid * 10 + n, pid, name, code, "aGVHD", pathway)
        events = tuple(ordered([RegulatoryEvent(track.id * 100 + i, track.id, etype,
                                                PartialDate.parse(date) if date else None, source=source)
                                for i, (etype, date, source) in enumerate(steps, 1)]))
        views.append(TrackOverview(track, derive(track, events), events))
    return ProductOverview(Product(pid, name), tuple(views))


@pytest.fixture
def rows() -> list[ProductOverview]:
    return [
        overview(1, "Flagged",
                 ("US", Pathway.CLINICAL, [("ind_submitted", "2010-01-01", ""), ("ind_effective", "2010-02-01", ""),
                                           ("designation_fast_track", "2012-05-01", "FDA letter"),
                                           ("designation_rmat", "2018-03-01", "FDA RMAT list")]),
                 ("US", Pathway.MARKETING, [("designation_orphan", "2009-06-01", "OOPD database")])),
        overview(2, "Plain", ("US", Pathway.MARKETING, [("ma_submitted", "2020-01-01", "")])),
    ]


def _flags_column(model) -> int:
    return model.column_of("designations")


def test_the_list_shows_each_products_designations_as_of_the_day(rows):
    from mscreg.ui.product_table_model import ProductTableModel

    model = ProductTableModel()
    model.set_rows(rows)
    model.set_deadlines([], dt.date(2020, 1, 1))
    col = _flags_column(model)
    assert model.headerData(col, Qt.Orientation.Horizontal) == "Designations"
    flagged = model.index(model.row_of(1), col)
    assert flagged.data() == "Orphan US · RMAT · Fast Track"
    tip = flagged.data(TOOLTIP)
    assert "2009-06-01" in tip and "OOPD database" in tip and "2018-03-01" in tip and "FDA RMAT list" in tip
    plain = model.index(model.row_of(2), col)
    assert plain.data() == "" and plain.data(TOOLTIP) is None  # no designation: nothing at all

    model.set_deadlines([], dt.date(2015, 1, 1))  # before the RMAT designation
    assert model.index(model.row_of(1), col).data() == "Orphan US · Fast Track"
    model.set_deadlines([], dt.date(2009, 1, 1))  # before any
    assert model.index(model.row_of(1), col).data() == ""


def test_the_list_speaks_chinese(rows):
    from mscreg.ui.language import set_language
    from mscreg.ui.product_table_model import ProductTableModel

    model = ProductTableModel()
    model.set_rows(rows)
    model.set_deadlines([], dt.date(2020, 1, 1))
    set_language("zh_CN")
    try:
        text = model.index(model.row_of(1), _flags_column(model)).data()
        assert "孤儿药 US" in text and "快速通道" in text
    finally:
        set_language("en")


def test_the_product_view_shows_chips_per_track_and_none_on_a_track_without(qtbot, rows):
    from mscreg.ui.product_view import TrackSection

    clinical = rows[0].tracks[0]
    section = TrackSection()
    qtbot.addWidget(section)
    section.show_track(clinical, [], dt.date(2020, 1, 1))
    assert [d.kind for d in section.flags.designations] == ["rmat", "fast_track"]
    assert not section.flags.isHidden()
    assert "RMAT" in section.flags.text() and "Fast Track" in section.flags.text()
    assert "2012-05-01" in section.flags.toolTip() and "FDA letter" in section.flags.toolTip()
    section.show_track(clinical, [], dt.date(2011, 1, 1))
    assert section.flags.isHidden() and section.flags.designations == []
    section.show_track(rows[1].tracks[0], [], dt.date(2020, 1, 1))
    assert section.flags.isHidden() and section.flags.text() == ""


def test_ryoncil_shows_orphan_and_fast_track_from_the_shipped_data(seeded_db):
    from mscreg.services.tracker import product_overviews
    from mscreg.services.workspace import open_workspace
    from mscreg.ui.designation_flags import flags_text, product_designations, track_designations

    with open_workspace(str(seeded_db), daily_backup=False) as ws:
        ryoncil = product_overviews(ws, "Ryoncil")[0]
    text = flags_text(product_designations(ryoncil, dt.date.today()), "en")
    assert "Orphan US" in text and "Fast Track" in text
    without = [tv for tv in ryoncil.tracks if not track_designations(tv, dt.date.today())]
    with_flags = [tv for tv in ryoncil.tracks if track_designations(tv, dt.date.today())]
    assert with_flags  # and any track without one shows nothing (checked on the widget above)
    assert all(flags_text(track_designations(tv, dt.date.today()), "en") == "" for tv in without)


def test_timeline_lanes_carry_the_designations_held_on_the_day_in_their_label(rows, qapp):
    from PySide6.QtGui import QImage

    from mscreg.domain.timeline_layout import product_layout
    from mscreg.domain.track import TrackLog
    from mscreg.ui.timeline_painter import TimelineScene
    from mscreg.ui.timeline_style import Fonts

    ov = rows[0]
    logs = [TrackLog(ov.product, tv.track, tv.events) for tv in ov.tracks]
    layout = product_layout(ov.product, logs, dt.date(2020, 1, 1), "en")
    flags = {lane.track_id: lane.flags for lane in layout.lanes}
    assert flags == {11: "⚑ RMAT · Fast Track", 12: "⚑ Orphan US"}
    assert product_layout(ov.product, logs, dt.date(2011, 1, 1), "en").lanes[0].flags == ""
    zh = product_layout(ov.product, logs, dt.date(2020, 1, 1), "zh_CN")
    assert any("孤儿药" in lane.flags for lane in zh.lanes)
    scene = TimelineScene(layout, Fonts(QImage(10, 10, QImage.Format.Format_RGB32)), 1000.0)
    assert any(line == "⚑ Orphan US" for i in range(len(layout.lanes)) for _s, line in scene.label_lines(i))
    plain = rows[1]
    lane = product_layout(plain.product, [TrackLog(plain.product, tv.track, tv.events) for tv in plain.tracks],
                          dt.date(2020, 1, 1), "en").lanes[0]
    assert lane.flags == ""
