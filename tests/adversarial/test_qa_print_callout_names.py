"""The table of numbered callouts under a chart tells apart two lanes of one name.

A product with two indications in one country, or its clinical and marketing tracks, makes two lanes of
the same title; the table under the chart named both by that title alone, so a reader could not tell
whose callouts were whose.  Each such lane, when the other is in the same table, is now named with
what tells it from the other (the indication, the pathway, or the country in the approvals view), in
the lines its group of callouts takes anyway: the table is no taller and no page is added.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import synthetic_tracks
from PySide6.QtGui import QImage

from mscreg.domain.event_types import Pathway
from mscreg.domain.timeline_layout import TimelineLayout, TrackLog, country_layout, product_layout
from mscreg.ui.timeline_pages import PageOptions, TimelineDocument

AS_OF = dt.date(2026, 11, 21)


def _image() -> QImage:
    size = PageOptions("A4", False, "page").page_layout().paintRectPoints()
    image = QImage(round(size.width() / 72 * 100), round(size.height() / 72 * 100), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(100 / 0.0254))
    image.setDotsPerMeterY(round(100 / 0.0254))
    return image


def _two_indications(lanes: int) -> list[TrackLog]:
    """Each product's marketing track twice, for two indications (as Temcell in Japan)."""
    out = []
    for log in synthetic_tracks.portfolio_logs(lanes, 30):
        if log.track.pathway is not Pathway.MARKETING:
            continue
        out.append(log)
        twin_id = 10_000 + (log.track.id or 0)
        twin = dataclasses.replace(log.track, id=twin_id, indication="ulcers in epidermolysis bullosa")
        events = tuple(dataclasses.replace(e, id=100_000 + (e.id or 0), track_id=twin_id) for e in log.events)
        out.append(TrackLog(log.product, twin, events))
    return out


def _table_titles(doc: TimelineDocument) -> list[dict[int, str]]:
    """Each page's table: each lane with callouts, its name there (its lines' pieces joined)."""
    pages = []
    for index in range(len(doc.pages)):
        groups = doc._groups_of(doc.scene, doc.page_callouts(index))
        titles = doc._page_titles(doc.scene, groups)
        pages.append({callouts[0].lane: " ".join("".join(text for _x, text in line) for line in lines)
                      for (callouts, _group), lines in zip(groups, titles, strict=True)})
    return pages


def _untagged(layout: TimelineLayout) -> TimelineLayout:
    return dataclasses.replace(layout, lanes=tuple(dataclasses.replace(lane, tag="") for lane in layout.lanes))


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
@pytest.mark.parametrize("case", ["indications", "pathways", "product"])
def test_two_lanes_of_one_name_are_told_apart_in_the_table(qapp, lang: str, case: str) -> None:
    if case == "indications":
        layout = country_layout("CN", _two_indications(6), AS_OF, lang)
    elif case == "pathways":  # each product's clinical and marketing tracks
        layout = country_layout("CN", synthetic_tracks.portfolio_logs(6, 30), AS_OF, lang)
    else:  # the product view titles its lanes by country: two indications in one are the same case
        logs = _two_indications(2)
        layout = product_layout(logs[0].product, logs, AS_OF, lang)
    doc = TimelineDocument(layout, PageOptions("A4", False, "page"), _image())
    shared_somewhere = False
    for names in _table_titles(doc):
        by_title: dict[str, list[str]] = {}
        for lane, name in names.items():
            by_title.setdefault(layout.lanes[lane].title, []).append(name)
            assert name.startswith(layout.lanes[lane].title[:6]), name  # named: the name's start is there
        for title, named in by_title.items():
            if len(named) > 1:  # two lanes of one name in one table: each told from the other
                shared_somewhere = True
                assert len(set(named)) == len(named), (title, named)
        for lane, name in names.items():  # a name alone in its table is left as it is
            if len(by_title[layout.lanes[lane].title]) == 1:
                assert not name.endswith(layout.lanes[lane].tag), name
    assert shared_somewhere, "the case has two lanes of one name with callouts in one table"


@pytest.mark.parametrize("fit", ["page", "tile"])
def test_telling_lanes_apart_takes_no_more_room(qapp, fit: str) -> None:
    layout = country_layout("CN", _two_indications(20), AS_OF, "en")
    assert any(lane.tag for lane in layout.lanes)
    options = PageOptions("A4", True, fit)
    before = TimelineDocument(_untagged(layout), options, _image())
    after = TimelineDocument(layout, options, _image())
    assert len(after.pages) == len(before.pages)
    assert after.scale == before.scale
    for index in range(len(after.pages)):
        assert after.used_height(index) == before.used_height(index)


def test_a_lane_alone_with_its_name_gets_no_tag() -> None:
    logs = [log for log in synthetic_tracks.portfolio_logs(6, 10) if log.track.pathway is Pathway.MARKETING]
    layout = country_layout("CN", logs, AS_OF, "en")
    assert [lane.tag for lane in layout.lanes] == [""] * len(logs)


def test_the_tag_is_the_shortest_part_that_differs() -> None:
    pathways = country_layout("CN", synthetic_tracks.portfolio_logs(2, 10), AS_OF, "en")
    assert [lane.tag for lane in pathways.lanes] == ["clinical", "marketing"]
    indications = country_layout("CN", _two_indications(2), AS_OF, "zh_CN")
    assert sorted(lane.tag for lane in indications.lanes) == sorted(
        [lane.subtitle.split(" · ")[0] for lane in indications.lanes])
    assert len({lane.tag for lane in indications.lanes}) == 2
