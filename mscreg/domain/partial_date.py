"""Dates known only to the year, the month or the day.

Regulatory sources often say "July 2024" or "2012".  Inventing a day (2024-07-01) would put a false
fact in the record and shift every clock computed from it, so a :class:`PartialDate` keeps its
precision everywhere: it is stored as the ISO text it was given, sorts by its earliest possible day,
and computes with the range [earliest, latest].

Only ISO text is accepted ("2012", "2024-07", "2024-12-18"), and a quarter ("2027-Q2") because plans
are made by quarter ("BLA planned for Q2 2027"): a quarter is a range of three months, handled like any
other imprecise date.  "01/02/2024" is ambiguous between
countries and free-form parsing guesses, so both are refused with a message that shows the format.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from mscreg.domain.errors import InvalidInput, invalid

MIN_YEAR = 1900
MAX_YEAR = 2200

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """The last day of ``month`` (1-12) in the proleptic Gregorian calendar, as ``calendar.monthrange``
    gives it; the ``calendar`` module (and ``locale`` with it) is not imported for this at start-up."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month - 1]


_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_QUARTER = re.compile(r"^(\d{4})-[Qq](\d+)$")


class Precision(StrEnum):
    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"
    DAY = "day"


@dataclass(frozen=True, order=False)
class PartialDate:
    """A calendar date known to a given precision.

    ``approximate`` marks a date worked out indirectly (for example "more than 2 years 4 months
    after filing"); it keeps its precision but is displayed with a "≈" so nobody reads it as a fact.
    """

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    quarter: int | None = None  # 1..4, only without month and day ("2027-Q2")

    def __post_init__(self) -> None:
        text = self._iso()
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise invalid("date", text, "date.year_range", min=MIN_YEAR, max=MAX_YEAR)
        if self.quarter is not None:
            if self.month is not None or self.day is not None:
                raise invalid("date", text, "date.format")
            if not 1 <= self.quarter <= 4:
                raise invalid("date", text, "date.quarter_range")
        if self.month is None and self.day is not None:
            raise invalid("date", text, "date.format")
        if self.month is not None and not 1 <= self.month <= 12:
            raise invalid("date", text, "date.month_range")
        if self.day is not None:
            assert self.month is not None
            last = days_in_month(self.year, self.month)
            if not 1 <= self.day <= last:
                raise invalid("date", text, "date.day_range", last=last)
            earliest = latest = dt.date(self.year, self.month, self.day)
            precision = Precision.DAY
        elif self.month is not None:
            earliest = dt.date(self.year, self.month, 1)
            latest = earliest.replace(day=days_in_month(self.year, self.month))
            precision = Precision.MONTH
        elif self.quarter is not None:
            first, last = 3 * self.quarter - 2, 3 * self.quarter
            earliest = dt.date(self.year, first, 1)
            latest = dt.date(self.year, last, days_in_month(self.year, last))
            precision = Precision.QUARTER
        else:
            earliest, latest, precision = dt.date(self.year, 1, 1), dt.date(self.year, 12, 31), Precision.YEAR
        # Derived once: sorting, replaying and writing a large log ask for these on every event, and
        # the date is immutable.  They are not dataclass fields, so equality and hashing are unchanged.
        set_ = object.__setattr__
        set_(self, "_text", text)
        set_(self, "_earliest", earliest)
        set_(self, "_latest", latest)
        set_(self, "_precision", precision)

    # ----- construction -------------------------------------------------------------------------
    @classmethod
    def parse(cls, text: str, *, field: str = "date", approximate: bool = False) -> PartialDate:
        """Parse strict ISO text: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, or a quarter ``YYYY-Qn``.

        A leading "~" or "≈" marks the date approximate (the form :meth:`display` writes).
        """
        raw = "" if text is None else str(text)
        stripped = raw.strip()
        if stripped[:1] in ("~", "≈"):
            approximate = True
            stripped = stripped[1:].strip()
        year: int | None
        month: int | None = None
        day: int | None = None
        quarter: int | None = None
        q = _QUARTER.match(stripped)
        if q:
            year, quarter = int(q.group(1)), int(q.group(2))
        else:
            m = _ISO.match(stripped)
            if not m:
                raise invalid(field, raw, "date.format")
            year, month, day = (int(g) if g else None for g in m.groups())
        assert year is not None
        try:
            return cls(year, month, day, approximate, quarter)
        except Exception as exc:  # re-label the field: the caller knows what the date was for
            from mscreg.domain.errors import Problem

            if isinstance(exc, InvalidInput):
                p = exc.problems[0]
                raise InvalidInput(Problem(field, raw, p.code, p.params)) from None
            raise

    @classmethod
    def of_day(cls, d: dt.date) -> PartialDate:
        return cls(d.year, d.month, d.day)

    # ----- properties ---------------------------------------------------------------------------
    # The derived values are set in __post_init__, not fields; read from the instance's dict without
    # typing.cast (a function call: sorting, replaying and writing a 100,000-event log ask 800,000 times).
    @property
    def precision(self) -> Precision:
        return self.__dict__["_precision"]  # type: ignore[no-any-return]  # __dict__ holds Any

    @property
    def earliest(self) -> dt.date:
        return self.__dict__["_earliest"]  # type: ignore[no-any-return]  # __dict__ holds Any

    @property
    def latest(self) -> dt.date:
        return self.__dict__["_latest"]  # type: ignore[no-any-return]  # __dict__ holds Any

    @property
    def is_exact(self) -> bool:
        return self.precision is Precision.DAY and not self.approximate

    def iso(self) -> str:
        """ISO text at the date's own precision ("2012", "2027-Q2", "2024-07", "2024-12-18")."""
        return self.__dict__["_text"]  # type: ignore[no-any-return]  # __dict__ holds Any

    def _iso(self) -> str:
        if self.quarter is not None:
            return f"{self.year:04d}-Q{self.quarter}"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def display(self) -> str:
        """Text for people: the ISO form, with "≈" in front of an approximate date."""
        return ("≈" if self.approximate else "") + self.iso()

    def sort_key(self) -> tuple[dt.date, dt.date]:
        """Sort by earliest possible day (the replay order of a log), then the narrower range first."""
        return (self.earliest, self.latest)

    def surely_before(self, other: PartialDate) -> bool:
        """True when every day this date could be comes before every day ``other`` could be."""
        return self.latest < other.earliest

    def contains(self, day: dt.date) -> bool:
        return self.earliest <= day <= self.latest

    def __str__(self) -> str:
        return self.display()


def parse_optional(text: str | None, *, field: str = "date", approximate: bool = False) -> PartialDate | None:
    """``None`` or empty text means "date unknown", which the record keeps as such."""
    if text is None or str(text).strip() == "":
        return None
    return PartialDate.parse(text, field=field, approximate=approximate)


def parse_day(text: str, *, field: str = "date") -> dt.date:
    """A date that must be exact to the day (an "as of" date, a clock start given by the user)."""
    pd = PartialDate.parse(text, field=field)
    if pd.precision is not Precision.DAY:
        raise invalid(field, text, "date.need_day")
    return pd.earliest


def parse_as_of(text: str | None, today: dt.date, *, field: str = "--as-of") -> dt.date:
    """The day states and clocks are derived as of: ``today`` when the option is not given at all.

    A month or a year stands for its last day: "as of June 2026" is read as the state once June is over,
    which is what a reader of a report headed that way expects.  An option given empty (``--as-of ""``,
    typically a shell variable that was not set) is refused rather than read as today: the user asked
    for some day, and showing today's states would answer a question they did not ask.  A quarter or an
    approximate date describes an event, not a day to look from, and is refused.
    """
    if text is None:
        return today
    if str(text).strip() == "":
        raise invalid(field, text, "as_of.empty")
    try:
        pd = PartialDate.parse(str(text).strip(), field=field)
    except InvalidInput as exc:
        if exc.problems[0].code == "date.format":
            raise invalid(field, text, "as_of.format") from None
        raise
    if pd.approximate or pd.precision is Precision.QUARTER:
        raise invalid(field, text, "as_of.format")
    return pd.latest
