"""Quarter precision ("2027-Q2"): how plans are dated, handled as a three-month range like any imprecise date."""

from __future__ import annotations

import datetime as dt

import pytest

from mscreg.domain.clock_rules import Unit
from mscreg.domain.clocks import compute, due_from, get_rule
from mscreg.domain.errors import InvalidInput
from mscreg.domain.partial_date import PartialDate, Precision, parse_as_of
from mscreg.domain.timeline_layout import EventMarker, MarkerKind

D = dt.date.fromisoformat


@pytest.mark.parametrize(("text", "first", "last"), [
    ("2027-Q1", "2027-01-01", "2027-03-31"), ("2027-Q2", "2027-04-01", "2027-06-30"),
    ("2027-Q3", "2027-07-01", "2027-09-30"), ("2027-Q4", "2027-10-01", "2027-12-31"),
    ("2028-q1", "2028-01-01", "2028-03-31"),  # leap year: the range is the calendar's
])
def test_a_quarter_is_its_three_months(text, first, last):
    q = PartialDate.parse(text)
    assert q.precision is Precision.QUARTER
    assert (q.earliest, q.latest) == (D(first), D(last))
    assert not q.is_exact
    assert q.iso() == text.upper() and PartialDate.parse(q.iso()) == q  # the text round-trips


def test_an_approximate_quarter_keeps_its_mark():
    q = PartialDate.parse("~2027-Q2")
    assert q.approximate and q.display() == "≈2027-Q2" and PartialDate.parse(q.display()) == q


@pytest.mark.parametrize("text", ["2027-Q5", "2027-Q0", "2027-Q12"])
def test_a_quarter_that_does_not_exist_is_refused(text):
    with pytest.raises(InvalidInput) as refused:
        PartialDate.parse(text, field="date")
    problem = refused.value.problems[0]
    assert (problem.field, problem.value, problem.code) == ("date", text, "date.quarter_range")
    assert "Q1 to Q4" in refused.value.message("en") and "季度" in refused.value.message("zh_CN")


@pytest.mark.parametrize("text", ["2027-Q", "2027Q2", "Q2 2027", "2027-Q2-01"])
def test_other_quarter_spellings_are_refused_with_the_format(text):
    with pytest.raises(InvalidInput) as refused:
        PartialDate.parse(text)
    assert refused.value.problems[0].code == "date.format"
    assert "2027-Q2" in refused.value.message("en")  # the message shows how a quarter is written


def test_a_quarter_with_a_month_is_refused():
    with pytest.raises(InvalidInput):
        PartialDate(2027, 4, None, False, 2)


def test_quarters_sort_and_compare_like_other_ranges():
    dates = [PartialDate.parse(t) for t in ("2027", "2027-05", "2027-Q2", "2027-Q1", "2027-04-01")]
    assert [d.iso() for d in sorted(dates, key=PartialDate.sort_key)] == [
        "2027-Q1", "2027", "2027-04-01", "2027-Q2", "2027-05"]
    q1, q2 = PartialDate.parse("2027-Q1"), PartialDate.parse("2027-Q2")
    assert q1.surely_before(q2) and not q2.surely_before(PartialDate.parse("2027-06"))
    assert q2.contains(D("2027-05-15")) and not q2.contains(D("2027-07-01"))


def test_a_clock_counted_from_a_quarter_gives_a_range_as_from_a_month():
    q = PartialDate.parse("2027-Q2")
    due = due_from(q, 6, Unit.MONTHS)
    assert (due.earliest, due.latest) == (D("2027-10-01"), D("2027-12-30"))
    assert due.display() == "2027-10-01..2027-12-30"
    month = due_from(PartialDate.parse("2024-07"), 6, Unit.MONTHS)  # the pathway notes' worked example
    assert (month.earliest, month.latest) == (D("2025-01-01"), D("2025-01-31"))
    goal = compute(get_rule("us-bla-resubmission-class2-goal"), q)
    assert goal.is_range and goal.earliest == D("2027-10-01")


def test_a_quarter_marker_is_drawn_as_its_range():
    marker = EventMarker(1, 1, "ma_submitted", MarkerKind.SUBMISSION, "BLA", PartialDate.parse("2027-Q2"))
    assert (marker.earliest, marker.latest, marker.exact) == (D("2027-04-01"), D("2027-06-30"), False)
    assert marker.date_text == "2027-Q2"


def test_as_of_must_be_a_day_not_a_quarter():
    with pytest.raises(InvalidInput) as refused:
        parse_as_of("2027-Q2", D("2026-12-05"))
    assert refused.value.problems[0].code == "as_of.format"
