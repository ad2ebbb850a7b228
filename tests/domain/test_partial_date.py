"""PartialDate: a date keeps the precision its source gave, everywhere."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mscreg.domain.errors import InvalidInput
from mscreg.domain.partial_date import PartialDate, Precision, parse_day, parse_optional


@pytest.mark.parametrize(
    ("text", "precision", "earliest", "latest"),
    [
        ("2012", Precision.YEAR, dt.date(2012, 1, 1), dt.date(2012, 12, 31)),
        ("2024-07", Precision.MONTH, dt.date(2024, 7, 1), dt.date(2024, 7, 31)),
        ("2024-02", Precision.MONTH, dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("2023-02", Precision.MONTH, dt.date(2023, 2, 1), dt.date(2023, 2, 28)),
        ("2024-12-18", Precision.DAY, dt.date(2024, 12, 18), dt.date(2024, 12, 18)),
    ],
)
def test_precision_and_range(text, precision, earliest, latest):
    d = PartialDate.parse(text)
    assert d.precision is precision
    assert (d.earliest, d.latest) == (earliest, latest)
    assert d.iso() == text  # never gains a day or a month


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2024-02-30", "date.day_range"),
        ("2023-02-29", "date.day_range"),
        ("2024-13", "date.month_range"),
        ("2024-00", "date.month_range"),
        ("01/02/2024", "date.format"),
        ("13/14/2024", "date.format"),
        ("2024-7", "date.format"),
        ("July 2024", "date.format"),
        ("", "date.format"),
        ("20241218", "date.format"),
        ("0999", "date.year_range"),
    ],
)
def test_bad_dates_are_refused_with_field_value_and_reason(text, code):
    with pytest.raises(InvalidInput) as info:
        PartialDate.parse(text, field="date")
    problem = info.value.problems[0]
    assert (problem.field, problem.value, problem.code) == ("date", text, code)
    en, zh = info.value.message("en"), info.value.message("zh_CN")
    assert f"“{text}”" in en and "date" in en
    assert "日期" in zh and f"“{text}”" in zh


def test_approximate_dates_display_with_a_mark_and_round_trip():
    d = PartialDate.parse("2022-03", approximate=True)
    assert d.display() == "≈2022-03" and d.iso() == "2022-03"
    assert PartialDate.parse(d.display()) == d
    assert not d.is_exact and PartialDate.parse("2022-03-01").is_exact


def test_ordering_by_earliest_day_then_narrower_first():
    dates = [PartialDate.parse(t) for t in ("2024-12-18", "2024", "2024-12", "2023-06-30")]
    ordered = sorted(dates, key=PartialDate.sort_key)
    assert [d.iso() for d in ordered] == ["2023-06-30", "2024", "2024-12", "2024-12-18"]


def test_surely_before_only_when_ranges_do_not_overlap():
    assert PartialDate.parse("2023").surely_before(PartialDate.parse("2024-01-01"))
    assert not PartialDate.parse("2024-12").surely_before(PartialDate.parse("2024-12-18"))


def test_optional_and_day_parsers():
    assert parse_optional("") is None and parse_optional(None) is None
    assert parse_day("2025-12-01") == dt.date(2025, 12, 1)
    with pytest.raises(InvalidInput) as info:
        parse_day("2025-12", field="as_of")
    assert info.value.problems[0].code == "date.need_day"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
       st.sampled_from(list(Precision)))
def test_iso_round_trip_and_range_contains_the_day(day, precision):
    d = PartialDate(day.year, day.month if precision is not Precision.YEAR else None,
                    day.day if precision is Precision.DAY else None)
    assert PartialDate.parse(d.iso()) == d
    assert d.earliest <= day <= d.latest
    assert d.contains(day)


def test_days_in_month_is_the_calendar_modules_for_every_month_of_three_millennia():
    import calendar

    from mscreg.domain.partial_date import days_in_month

    assert all(days_in_month(y, m) == calendar.monthrange(y, m)[1] for y in range(1, 3001) for m in range(1, 13))
