"""Planned and actual events: a plan is kept and may be dated by quarter, but never changes a state or a clock;
an actual event cannot lie in the future; "mark as happened" turns a plan into the fact."""

from __future__ import annotations

import datetime as dt

import pytest

from mscreg.domain.clocks import track_clocks
from mscreg.domain.errors import InvalidInput
from mscreg.domain.event import (
    Confidence,
    EventDraft,
    RegulatoryEvent,
    actual,
    mark_happened,
    refuse_future_actual,
)
from mscreg.domain.event_types import Pathway
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.state_as_of import derive_as_of
from mscreg.domain.state_machine import check_change, derive
from mscreg.domain.states import State
from mscreg.domain.track import Track

D = dt.date.fromisoformat
TODAY = D("2026-12-05")
US = Track(3, 2, "Ryoncil", "US", "paediatric SR-aGVHD", Pathway.MARKETING)


def _ev(id_: int, type_: str, date: str | None, *, planned: bool = False, **attrs: str) -> RegulatoryEvent:
    return EventDraft(type_, date, attributes=attrs, planned=planned).to_event(id=id_, track_id=US.id)


APPROVED = [_ev(1, "ma_submitted", "2023-01-31"), _ev(2, "ma_accepted", "2023-03-07"),
            _ev(3, "approval_full", "2024-12-18")]


def test_events_are_actual_unless_marked_planned():
    assert not APPROVED[0].planned
    plan = _ev(4, "ma_withdrawn", "2027-Q2", planned=True)
    assert plan.planned and plan.date is not None and plan.date.iso() == "2027-Q2"
    assert actual([*APPROVED, plan]) == APPROVED


def test_only_a_plan_may_be_dated_by_quarter():
    with pytest.raises(InvalidInput) as refused:
        _ev(4, "ma_submitted", "2026-Q2")
    problem = refused.value.problems[0]
    assert (problem.field, problem.code) == ("date", "event.quarter_actual")
    assert "--planned" in refused.value.message("en") and "2026" in refused.value.message("en")
    assert "计划" in refused.value.message("zh_CN")


def test_a_plan_never_changes_the_state():
    plan = _ev(4, "ma_withdrawn", "2026-11-01", planned=True)  # even a plan dated in the past
    assert derive(US, [*APPROVED, plan]).state is State.AUTHORISED_FULL
    assert derive_as_of(US, [*APPROVED, plan], TODAY).state is State.AUTHORISED_FULL
    assert check_change(US, [*APPROVED, plan], plan, "add").state is State.AUTHORISED_FULL


def test_a_planned_application_starts_no_clock_and_leaves_the_track_planned():
    planned_bla = _ev(1, "ma_submitted", "2027-Q2", planned=True)
    assert derive(US, [planned_bla]).state is State.PLANNED
    assert track_clocks(US, [planned_bla], D("2027-12-31")) == []
    real = _ev(1, "ma_submitted", "2026-11-02")
    assert [c.rule.id for c in track_clocks(US, [real], TODAY)] == ["us-bla-filing"]


def test_a_plan_that_does_not_fit_the_track_is_still_refused():
    from mscreg.domain.errors import TransitionRefused

    plan = _ev(4, "provisional_consent", "2027-Q1", planned=True)  # a New Zealand instrument on a US track
    with pytest.raises(TransitionRefused):
        check_change(US, [*APPROVED, plan], plan, "add")


def test_an_actual_event_after_today_is_refused_offering_planned():
    future = _ev(4, "ma_withdrawn", "2030-01-05")
    with pytest.raises(InvalidInput) as refused:
        refuse_future_actual(future, TODAY)
    assert refused.value.exit_code == 2
    problem = refused.value.problems[0]
    assert (problem.field, problem.value, problem.code) == ("date", "2030-01-05", "event.future_actual")
    en, zh = refused.value.message("en"), refused.value.message("zh_CN")
    assert "--planned" in en and "2026-12-05" in en and "Authorisation withdrawn" in en
    assert "--planned" in zh and "计划" in zh


@pytest.mark.parametrize("date", ["2026-12-05", "2026-12", "2026", "2026-11-30", None])
def test_an_actual_event_that_may_be_today_or_earlier_is_accepted(date):
    refuse_future_actual(_ev(4, "ma_withdrawn", date), TODAY)


@pytest.mark.parametrize("date", ["2026-12-06", "2027", "2027-01"])
def test_an_actual_event_surely_after_today_is_refused(date):
    with pytest.raises(InvalidInput):
        refuse_future_actual(_ev(4, "ma_withdrawn", date), TODAY)


def test_a_future_plan_is_accepted():
    refuse_future_actual(_ev(4, "ma_withdrawn", "2030-01-05", planned=True), TODAY)


def test_mark_as_happened_turns_the_plan_into_the_fact():
    plan = RegulatoryEvent(7, 3, "ma_submitted", PartialDate.parse("2027-Q2"), agency="FDA", source="press",
                           confidence=Confidence.HIGH, version=4, planned=True)
    done = mark_happened(plan, "2027-05-10", D("2027-06-01"))
    assert not done.planned and done.date == PartialDate.parse("2027-05-10")
    assert (done.id, done.track_id, done.type, done.agency, done.source, done.version) == (
        7, 3, "ma_submitted", "FDA", "press", 4)
    assert derive(US, [done]).state is State.MA_SUBMITTED
    month = mark_happened(plan, PartialDate.parse("2027-05"), D("2027-05-02"))  # this month: may have happened
    assert month.date is not None and month.date.iso() == "2027-05"


def test_mark_as_happened_refuses_a_future_a_quarter_and_an_actual_event():
    plan = _ev(7, "ma_submitted", "2027-Q2", planned=True)
    with pytest.raises(InvalidInput) as future:
        mark_happened(plan, "2027-05-10", D("2027-05-01"))
    assert future.value.problems[0].code == "event.future_actual"
    with pytest.raises(InvalidInput) as quarter:
        mark_happened(plan, "2027-Q2", D("2027-07-01"))
    assert quarter.value.problems[0].code == "event.quarter_actual"
    with pytest.raises(InvalidInput) as bad:
        mark_happened(plan, "2027-02-30", D("2027-07-01"))
    assert bad.value.problems[0].code == "date.day_range"
    with pytest.raises(InvalidInput) as already:
        mark_happened(APPROVED[0], "2023-01-31", TODAY)
    assert already.value.problems[0].code == "event.not_planned"
    assert "planned" in already.value.message("en")
