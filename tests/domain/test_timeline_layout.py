"""Timeline layout without Qt: lanes, spans, imprecise dates, as-of filtering, label rows."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mscreg.domain.clocks import Status
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import Pathway
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import Product
from mscreg.domain.states import State
from mscreg.domain.timeline_layout import (
    MarkerKind,
    SpanStyle,
    TrackLog,
    ViewKind,
    approvals_layout,
    assign_rows,
    axis_range,
    axis_ticks,
    country_layout,
    product_layout,
)
from mscreg.domain.track import Track

AS_OF = dt.date(2026, 11, 21)


def _log(pid: int, name: str, jurisdiction: str, pathway: Pathway, *events: tuple[str, str | None],
         name_zh: str = "") -> TrackLog:
    product = Product(id=pid, name=name, name_zh=name_zh)
    track = Track(id=pid * 10, product_id=pid, product_name=name, jurisdiction=jurisdiction,
                  indication="aGVHD", pathway=pathway)
    evs = tuple(RegulatoryEvent(id=pid * 100 + i, track_id=track.id, type=etype,
                                date=PartialDate.parse(date) if date else None)
                for i, (etype, date) in enumerate(events))
    return TrackLog(product, track, evs)


RYONCIL = _log(1, "Ryoncil", "US", Pathway.MARKETING,
               ("ma_submitted", "2019-05"), ("ma_accepted_priority_review", "2020-04"),
               ("complete_response_letter", "2020-10"), ("ma_resubmitted", "2023-03-07"),
               ("complete_response_letter", "2023-08"), ("ma_resubmitted", "2024-07"),
               ("approval_full", "2024-12-18"))
AMIMESTROCEL = _log(2, "Amimestrocel Injection", "CN", Pathway.MARKETING,
                    ("ma_accepted_priority_review", None), ("approval_conditional", "2025-01-02"),
                    name_zh="艾米迈托赛注射液")
CN_TRIAL = _log(3, "AmCellGene UC-MSC", "CN", Pathway.CLINICAL, ("cta_accepted", None),
                ("cta_implied_permission", None))
ALOFISEL = _log(4, "Alofisel", "EU", Pathway.MARKETING, ("ma_submitted", "2016"),
                ("approval_full", "2018-03-23"), ("ma_withdrawn", "2024-12-13"))
ALL = [RYONCIL, AMIMESTROCEL, CN_TRIAL, ALOFISEL]


def test_month_precise_event_covers_its_month_and_is_not_exact() -> None:
    lane = product_layout(RYONCIL.product, ALL, AS_OF).lanes[0]
    crl = next(m for m in lane.events if m.date_text == "2020-10")
    assert (crl.earliest, crl.latest) == (dt.date(2020, 10, 1), dt.date(2020, 10, 31))
    assert not crl.exact and crl.kind is MarkerKind.SETBACK
    approval = next(m for m in lane.events if m.type == "approval_full")
    assert approval.exact and approval.earliest == approval.latest == dt.date(2024, 12, 18)
    assert approval.kind is MarkerKind.AUTHORISATION


def test_year_precise_span_start_keeps_the_year() -> None:
    lane = product_layout(ALOFISEL.product, ALL, AS_OF).lanes[0]
    review = lane.spans[0]
    assert review.start == PartialDate(2016) and review.end == PartialDate(2018, 3, 23)
    assert [s.style for s in lane.spans] == [SpanStyle.REVIEW, SpanStyle.FULL, SpanStyle.ENDED]
    assert lane.spans[-1].end is None  # withdrawn for good


def test_as_of_hides_later_events_and_evaluates_state_then() -> None:
    lane = product_layout(RYONCIL.product, ALL, dt.date(2021, 6, 30)).lanes[0]
    assert all(m.earliest <= dt.date(2021, 6, 30) for m in lane.events)
    assert "approval_full" not in {m.type for m in lane.events}
    assert lane.spans[-1].state is State.MA_CRL and lane.spans[-1].end is None
    assert lane.state_label == "Complete response letter"


def test_as_of_keeps_an_imprecise_event_whose_month_contains_the_day() -> None:
    lane = product_layout(RYONCIL.product, ALL, dt.date(2020, 10, 15)).lanes[0]
    assert "2020-10" in {m.date_text for m in lane.events}


def test_undated_events_are_listed_not_placed_and_span_start_is_unknown() -> None:
    layout = country_layout("CN", ALL, AS_OF)
    trial = next(lane for lane in layout.lanes if lane.track_id == CN_TRIAL.track.id)
    assert not trial.events and len(trial.undated) == 2
    assert trial.spans and trial.spans[-1].start is None and trial.spans[-1].state is State.CT_AUTHORISED
    ami = next(lane for lane in layout.lanes if lane.track_id == AMIMESTROCEL.track.id)
    assert ami.spans[0].start is None and ami.spans[0].end == PartialDate(2025, 1, 2)


def test_conditional_approval_span_names_its_expiry() -> None:
    lane = country_layout("CN", ALL, AS_OF).lanes[1]
    assert lane.spans[-1].label == "Conditional approval until 2030-01-02"
    assert {d.rule_id: d.status for d in lane.deadlines}["cn-certificate-expiry"] is Status.UPCOMING
    zh = country_layout("CN", ALL, AS_OF, "zh_CN").lanes[1]
    assert zh.spans[-1].label == "附条件批准，至 2030-01-02"
    assert zh.title.startswith("艾米迈托赛注射液")


def test_country_view_keeps_only_its_jurisdiction_in_name_order() -> None:
    layout = country_layout("CN", ALL, AS_OF)
    assert layout.kind is ViewKind.COUNTRY
    assert [lane.track_id for lane in layout.lanes] == [CN_TRIAL.track.id, AMIMESTROCEL.track.id]
    # the window fits the data with a small margin; the 2030 certificate expiry stays off the axis
    assert layout.start == dt.date(2024, 12, 1) and dt.date(2026, 12, 1) <= layout.end < dt.date(2029, 1, 1)


def test_approvals_view_groups_authorised_marketing_tracks_by_jurisdiction() -> None:
    layout = approvals_layout(ALL, AS_OF)
    assert [lane.group.split(" · ")[0] for lane in layout.lanes] == ["CN", "EU", "US"]
    assert CN_TRIAL.track.id not in {lane.track_id for lane in layout.lanes}
    us = layout.lanes[-1]
    assert {m.kind for m in us.events} <= {MarkerKind.AUTHORISATION, MarkerKind.SETBACK, MarkerKind.END}
    assert all(s.state not in (State.MA_SUBMITTED, State.MA_UNDER_REVIEW) for s in us.spans)
    # as of 2017, nothing was authorised anywhere in this set
    assert approvals_layout(ALL, dt.date(2017, 1, 1)).lanes == ()


def test_axis_covers_every_dated_thing_in_whole_months_with_a_small_margin() -> None:
    layout = product_layout(RYONCIL.product, ALL, AS_OF)
    assert axis_range(layout.lanes, AS_OF) == (dt.date(2019, 3, 1), dt.date(2027, 1, 31))


def test_axis_ticks_get_finer_with_room() -> None:
    coarse = axis_ticks(dt.date(2010, 1, 1), dt.date(2029, 12, 31), points_per_day=0.05)
    fine = axis_ticks(dt.date(2024, 1, 1), dt.date(2025, 12, 31), points_per_day=2.0)
    assert all(t.major for t in coarse) and len(coarse) < 20
    assert {t.label for t in fine if not t.major} == {f"{m:02d}" for m in range(2, 13)}


@given(st.lists(st.tuples(st.floats(0, 1000), st.floats(1, 200)), max_size=40))
def test_label_rows_never_overlap(items: list[tuple[float, float]]) -> None:
    spans = [(left, left + width) for left, width in items]
    rows = assign_rows(spans, gap=3.0)
    for i, a in enumerate(spans):
        for j, b in enumerate(spans[:i]):
            if rows[i] == rows[j]:
                assert a[0] >= b[1] + 3.0 or b[0] >= a[1] + 3.0


def test_unknown_jurisdiction_is_refused() -> None:
    from mscreg.domain.errors import InvalidInput

    with pytest.raises(InvalidInput):
        country_layout("XX", ALL, AS_OF)


def test_a_pending_ind_the_law_put_in_effect_is_drawn_in_effect_from_its_due_day() -> None:
    """The lane's label says "IND in effect" once the 30 days ran out with no hold; its spans say the same:
    submitted until the due day, in effect from it."""
    ind = _log(5, "Cartistem", "US", Pathway.CLINICAL, ("ind_submitted", "2024-01-31"))
    lane = product_layout(ind.product, [ind], dt.date(2024, 6, 1)).lanes[0]
    assert [s.state for s in lane.spans] == [State.CT_SUBMITTED, State.CT_AUTHORISED]
    pending, in_effect = lane.spans
    assert pending.end == in_effect.start and in_effect.start.iso() == "2024-03-01" and in_effect.end is None
    assert in_effect.label == lane.state_label
