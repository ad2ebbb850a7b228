"""China's working days: weekends and statutory holidays off, official make-up days (调休) on.

The State Council publishes each year's schedule in the autumn before; the ``chinesecalendar``
package carries the published years as data, including the make-up working days that fall on a
weekend (which the ``holidays`` package does not model).  Beyond the last published year there is no
schedule, so counting there uses weekends alone and the result is marked *provisional*.  A team can
add a newly published year without a new release by dropping a small JSON file in the package's
``mscreg/data/china_calendar/`` folder (its README says how)::

    {"year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知",
     "holidays": ["2027-01-01", ...], "workdays": ["2027-02-07", ...]}
"""

from __future__ import annotations

import datetime as dt
import json
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from importlib.resources.abc import Traversable

from mscreg.domain.errors import invalid

# The span over which working days are listed once, so that counting 60 of them is a lookup instead of
# a walk of ~90 days (a 10,000-product portfolio counts tens of thousands at start-up).
# Outside it, counting walks day by day.
_LISTED_FROM = dt.date(1990, 1, 1).toordinal()
_LISTED_TO = dt.date(2100, 12, 31).toordinal()


@dataclass(frozen=True)
class ChinaCalendar:
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]  # make-up working days on weekends
    published_years: frozenset[int]
    sources: tuple[str, ...] = field(default=())

    @classmethod
    def from_package(cls, extra_files: Iterable[Traversable] = ()) -> ChinaCalendar:
        # chinesecalendar ships no type information: its two tables are dicts of date -> holiday name
        from chinese_calendar.constants import holidays, workdays  # type: ignore[import-untyped]

        hol = set(holidays)
        work = set(workdays)
        years = {d.year for d in hol}
        sources = ["chinesecalendar package (State Council notices)"]
        for path in extra_files:
            year, extra_hol, extra_work, source = _read_year_file(path)
            hol = {d for d in hol if d.year != year} | extra_hol
            work = {d for d in work if d.year != year} | extra_work
            years.add(year)
            sources.append(f"{path.name}: {source}")
        return cls(frozenset(hol), frozenset(work), frozenset(years), tuple(sources))

    @property
    def horizon(self) -> int:
        """The last year with a published schedule."""
        return max(self.published_years)

    def is_published(self, year: int) -> bool:
        return year in self.published_years

    def is_workday(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    @cached_property
    def _working_ordinals(self) -> list[int]:
        """Ordinals of every working day in the listed span, ascending (built on first use, ~20 ms)."""
        return [o for o in range(_LISTED_FROM, _LISTED_TO + 1) if self.is_workday(dt.date.fromordinal(o))]

    def add_working_days(self, start: dt.date, n: int) -> tuple[dt.date, bool]:
        """The n-th working day after ``start`` (``start`` is day 0 and never counts).

        Returns the day and whether it is provisional (some counted year has no published schedule).
        """
        if n < 0:
            raise ValueError("n must be >= 0")
        if n == 0:
            return start, False
        listed = self._working_ordinals
        first = start.toordinal()
        if first >= _LISTED_FROM:
            index = bisect_right(listed, first) + n - 1
            if index < len(listed):
                day = dt.date.fromordinal(listed[index])
                first_counted = dt.date.fromordinal(first + 1)
                provisional = any(not self.is_published(y) for y in range(first_counted.year, day.year + 1))
                return day, provisional
        return self._add_working_days_stepwise(start, n)

    def _add_working_days_stepwise(self, start: dt.date, n: int) -> tuple[dt.date, bool]:
        """Counting day by day: the definition the listed lookup must agree with (tested)."""
        day = start
        counted = 0
        provisional = False
        while counted < n:
            day += dt.timedelta(days=1)
            if not self.is_published(day.year):
                provisional = True
            if self.is_workday(day):
                counted += 1
        return day, provisional

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in (start, end]: the inverse of :meth:`add_working_days`."""
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_workday(day)
        return count


def _read_year_file(path: Traversable) -> tuple[int, set[dt.date], set[dt.date], str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        year = int(data["year"])
        hol = {dt.date.fromisoformat(d) for d in data.get("holidays", [])}
        work = {dt.date.fromisoformat(d) for d in data.get("workdays", [])}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise invalid("calendar", str(path), "calendar.file", detail=str(exc)) from None
    wrong = sorted(d.isoformat() for d in hol | work if d.year != year)
    if wrong:
        raise invalid("calendar", str(path), "calendar.file", detail=f"dates outside {year}: {', '.join(wrong[:3])}")
    if hol & work:
        raise invalid("calendar", str(path), "calendar.file", detail="a day is both a holiday and a working day")
    return year, hol, work, str(data.get("source", ""))


_DEFAULT: ChinaCalendar | None = None


def default_calendar(extra_files: Iterable[Traversable] | None = None) -> ChinaCalendar:
    """The package calendar plus the year files in ``mscreg/data/china_calendar/`` (cached when no files
    are given).  Found through importlib.resources, so an installed wheel reads the same folder."""
    global _DEFAULT
    if extra_files is not None:
        return ChinaCalendar.from_package(extra_files)
    if _DEFAULT is None:
        from mscreg.resource_paths import calendar_year_files

        _DEFAULT = ChinaCalendar.from_package(calendar_year_files())
    return _DEFAULT
