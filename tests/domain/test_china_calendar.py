"""China working days, checked against the State Council schedules by hand."""

from __future__ import annotations

import datetime as dt
import json

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mscreg.domain.china_calendar import ChinaCalendar, default_calendar
from mscreg.domain.errors import InvalidInput

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("start", "n", "expected", "why"),
    [
        # 2024 Spring Festival: 10-17 Feb off; Sun 4 Feb and Sun 18 Feb are make-up working days.
        ("2024-02-02", 3, "2024-02-06", "Sun 4 Feb counts (make-up), then Mon 5, Tue 6"),
        ("2024-02-08", 2, "2024-02-18", "Fri 9 Feb works (除夕 not a holiday), 10-17 off, Sun 18 works"),
        # 2024 Mid-Autumn: 15-17 Sep off, Sat 14 Sep works.  National Day: 1-7 Oct off, Sun 29 Sep works.
        ("2024-09-13", 3, "2024-09-19", "Sat 14 Sep (make-up), 15-17 off, Wed 18, Thu 19"),
        ("2024-09-27", 5, "2024-10-10", "Sun 29 Sep, Mon 30 Sep, 1-7 Oct off, 8, 9, 10 Oct"),
        # 2025 Spring Festival: 28 Jan-4 Feb off; Sun 26 Jan and Sat 8 Feb work; 1 Jan off.
        ("2025-01-02", 60, "2025-04-02", "counted day by day in the test module's docstring of the commit"),
        ("2024-12-31", 1, "2025-01-02", "1 Jan is New Year's Day"),
    ],
)
def test_working_days_across_holidays_and_make_up_days(start, n, expected, why):
    day, provisional = default_calendar().add_working_days(D(start), n)
    assert day == D(expected), why
    assert not provisional


def test_acceptance_day_is_day_zero():
    cal = default_calendar()
    assert cal.add_working_days(D("2025-03-03"), 0) == (D("2025-03-03"), False)
    assert cal.add_working_days(D("2025-03-03"), 1)[0] == D("2025-03-04")


def test_years_without_a_published_schedule_are_provisional():
    cal = default_calendar()
    assert cal.horizon >= 2026
    day, provisional = cal.add_working_days(D(f"{cal.horizon}-12-01"), 60)
    assert provisional and day.year == cal.horizon + 1
    assert day.weekday() < 5  # weekends alone beyond the horizon


def test_a_year_can_be_added_from_a_file(tmp_path):
    cal0 = default_calendar()
    year = cal0.horizon + 1
    f = tmp_path / f"{year}.json"
    f.write_text(json.dumps({"year": year, "source": "test notice",
                             "holidays": [f"{year}-01-01", f"{year}-01-04"], "workdays": [f"{year}-01-09"]}))
    cal = ChinaCalendar.from_package([f])
    assert cal.is_published(year) and cal.horizon == year
    day, provisional = cal.add_working_days(D(f"{year - 1}-12-31"), 3)
    expected = [d for d in (D(f"{year}-01-0{i}") for i in range(1, 10)) if cal.is_workday(d)][2]
    assert (day, provisional) == (expected, False)
    assert not cal.is_workday(D(f"{year}-01-04")) and cal.is_workday(D(f"{year}-01-09"))


@pytest.mark.parametrize(
    "content",
    ['{"year": 2031, "holidays": ["2030-01-01"]}', '{"holidays": []}', "not json",
     '{"year": 2031, "holidays": ["2031-01-01"], "workdays": ["2031-01-01"]}'],
)
def test_a_bad_calendar_file_is_refused_with_its_name(tmp_path, content):
    f = tmp_path / "bad.json"
    f.write_text(content)
    with pytest.raises(InvalidInput) as info:
        ChinaCalendar.from_package([f])
    assert "bad.json" in info.value.message("en")


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2025, 9, 30)), st.integers(0, 60))
def test_working_day_count_agrees_with_a_brute_force_count_from_the_package(start, n):
    """Independent check: list the package's own working days one by one and take the n-th."""
    day, provisional = default_calendar().add_working_days(start, n)
    assert not provisional
    if n == 0:
        assert day == start
        return
    seen, d = [], start
    while len(seen) < n:
        d += dt.timedelta(days=1)
        if chinese_calendar.is_workday(d):
            seen.append(d)
    assert day == seen[-1]
    assert default_calendar().working_days_between(start, day) == n


@settings(max_examples=400, deadline=None)
@given(st.dates(min_value=dt.date(1985, 1, 1), max_value=dt.date(2105, 12, 31)), st.integers(0, 400))
def test_the_listed_lookup_counts_exactly_as_walking_day_by_day(start, n):
    """The start-up fast path gives the same day and the same provisional flag as the walk,
    inside the listed span, across its edges and beyond the last published year."""
    cal = default_calendar()
    assert cal.add_working_days(start, n) == cal._add_working_days_stepwise(start, n)
