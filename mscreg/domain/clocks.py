"""The clock engine: due dates from rules, and each track's clocks evaluated "as of" a day.

Dates keep their precision here too: an anchor known only to the month or the year gives a *range*
of due dates (from its earliest and latest possible day), never an invented single day.  "+ N years"
is calendar arithmetic clipped to the month's end, exactly as dateutil's ``relativedelta(years=N)``
(29 February + 1 year is 28 February), done with plain integers because a 10,000-product portfolio
evaluates tens of thousands of clocks at start-up and relativedelta costs ~10 µs a call.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum

from mscreg.domain.china_calendar import ChinaCalendar, default_calendar
from mscreg.domain.clock_rules import CLOCK_RULES, RULES, ClockRule, Unit
from mscreg.domain.errors import invalid
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.state_machine import ordered
from mscreg.domain.track import Track

DUE_SOON_DAYS = 30


class Status(StrEnum):
    UPCOMING = "upcoming"
    DUE_SOON = "due-soon"
    OVERDUE = "overdue"
    MET = "met"
    MISSED = "missed"
    STOPPED = "stopped"


OPEN_STATUSES = frozenset({Status.UPCOMING, Status.DUE_SOON, Status.OVERDUE})


@dataclass(frozen=True)
class Due:
    earliest: dt.date
    latest: dt.date
    provisional: bool = False

    @property
    def is_range(self) -> bool:
        return self.earliest != self.latest

    def display(self) -> str:
        if not self.is_range:
            return self.earliest.isoformat()
        return f"{self.earliest.isoformat()}..{self.latest.isoformat()}"


def get_rule(rule_id: str) -> ClockRule:
    try:
        return CLOCK_RULES[(rule_id or "").strip()]
    except KeyError:
        raise invalid("rule", rule_id, "clock.unknown", valid=", ".join(CLOCK_RULES)) from None


def add_months(day: dt.date, months: int) -> dt.date:
    """``day + relativedelta(months=months)``: the same day of the target month, or its last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if day.day <= 28:
        return dt.date(year, month, day.day)
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def add_years(day: dt.date, years: int) -> dt.date:
    """``day + relativedelta(years=years)``: 29 February becomes 28 February in a common year."""
    return add_months(day, 12 * years)


def _shift(day: dt.date, amount: int, unit: Unit, calendar: ChinaCalendar) -> tuple[dt.date, bool]:
    if unit is Unit.CALENDAR_DAYS:
        return day + dt.timedelta(days=amount), False
    if unit is Unit.MONTHS:
        return add_months(day, amount), False
    if unit is Unit.YEARS:
        return add_years(day, amount), False
    return calendar.add_working_days(day, amount)


def due_from(start: PartialDate, amount: int, unit: Unit, calendar: ChinaCalendar | None = None) -> Due:
    """The due range for ``start`` + ``amount`` ``unit`` (each end of the start's range shifted)."""
    cal = calendar or default_calendar()
    early, p1 = _shift(start.earliest, amount, unit, cal)
    late, p2 = _shift(start.latest, amount, unit, cal)
    return Due(early, late, p1 or p2)


def _shift_due(due: Due, amount: int, unit: Unit, calendar: ChinaCalendar) -> Due:
    early, p1 = _shift(due.earliest, amount, unit, calendar)
    late, p2 = _shift(due.latest, amount, unit, calendar)
    return Due(early, late, due.provisional or p1 or p2)


# The longest period ``mscreg clock --period`` accepts, per unit: a century, longer than any statutory
# clock or time limit.  Without a bound a period of 999,999,999 days overflows the calendar, and one of
# millions of Chinese working days is counted day by day for seconds before it does.
MAX_PERIOD = {Unit.CALENDAR_DAYS: 36_600, Unit.CN_WORKING_DAYS: 25_000, Unit.MONTHS: 1_200, Unit.YEARS: 100}


def check_period(rule: ClockRule, period: int) -> int:
    """``period`` if it is a whole number from 1 to the bound of the unit it counts in, else refused."""
    counted = rule
    while counted.base is not None:  # a renewal due before an expiry: the period is the expiry's
        counted = CLOCK_RULES[counted.base]
    limit = MAX_PERIOD[counted.unit]
    if isinstance(period, bool) or not isinstance(period, int) or not 1 <= period <= limit:
        raise invalid("period", period, "clock.period_range", rule=rule.id, min=1, max=limit)
    return period


def compute(rule: ClockRule, start: PartialDate, *, period: int | None = None,
            calendar: ChinaCalendar | None = None) -> Due:
    """One computation from a start date (for ``mscreg clock``).

    For a rule counted *before* another one (a renewal due before an expiry), ``start`` is the
    anchor of the base rule; for a recurring rule, the first anniversary's due date is given.
    ``period`` is refused outside :data:`MAX_PERIOD`.
    """
    if period is not None:
        check_period(rule, period)
    cal = calendar or default_calendar()
    if rule.base is not None:
        base = compute(CLOCK_RULES[rule.base], start, period=period, calendar=cal)
        return _shift_due(base, rule.offset, rule.unit, cal)
    amount = period if period is not None else rule.offset
    if rule.recurring_years:
        first = Due(add_years(start.earliest, 1), add_years(start.latest, 1))
        return _shift_due(first, amount, rule.unit, cal)
    return due_from(start, amount, rule.unit, cal)


@dataclass(frozen=True)
class Clock:
    """One rule evaluated on one track as of one day."""

    rule: ClockRule
    track: Track
    anchor: RegulatoryEvent
    due: Due
    status: Status
    settled_by: RegulatoryEvent | None = None  # the event that met, missed or stopped it
    occurrence: int | None = None  # for recurring clocks: which anniversary

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def days_left(self, as_of: dt.date) -> int:
        return (self.due.earliest - as_of).days


def renewal_applied_in_time(clock: Clock, events: Sequence[RegulatoryEvent]) -> bool:
    """True when a renewal application was recorded after ``clock``'s anchor and not surely after its due
    date: where the law keeps the authorisation valid until the agency decides on it."""
    assert clock.anchor.date is not None
    anchor_day = clock.anchor.date.earliest
    return any(e.type == "renewal_application_submitted" and e.date is not None and not e.planned
               and anchor_day <= e.date.latest and e.date.earliest <= clock.due.latest for e in events)


def _start(rule: ClockRule, event: RegulatoryEvent) -> PartialDate | None:
    """The day the rule counts from on this anchor: the agency's receipt where the rule runs from it
    and the event records it (``received``), else the event's own date."""
    if rule.from_receipt:
        received = event.attributes.get("received")
        if received:
            return PartialDate.parse(received, field="received")
        if event.type in rule.receipt_needed:
            return None
    return event.date


def _anchor_ok(rule: ClockRule, event: RegulatoryEvent, priority: bool = False) -> bool:
    """``priority``: the event is a filing that a later priority-review designation made a priority one."""
    if event.type not in rule.anchors or event.date is None:
        return False
    if rule.from_receipt and event.type in rule.receipt_needed and not event.attributes.get("received"):
        return False
    if rule.requires_attribute is not None:
        key, value = rule.requires_attribute
        implied = (event.type in _PRIORITY_FILINGS or priority) and (key, value) == _PRIORITY
        if event.attributes.get(key) != value and not implied:
            return False
    if rule.excludes_attribute is not None:
        key, value = rule.excludes_attribute
        if event.attributes.get(key) == value or (priority and (key, value) == _PRIORITY):
            return False
    return True


_PRIORITY = ("review", "priority")
# Filings that are priority ones by their type: an acceptance with priority review, or a priority-review
# designation recorded where no acceptance was (it then marks the filing itself).
_PRIORITY_FILINGS = frozenset({"ma_accepted_priority_review", "designation_priority_review"})
# Events that begin or end one review cycle of a marketing application: a priority-review designation
# belongs to the filing of its own cycle.
_CYCLE_EVENTS = frozenset({"ma_submitted", "bla_rolling_submission_started", "ma_accepted_priority_review",
                           "complete_response_letter", "ma_resubmitted", "resubmission_accepted", "ma_refused",
                           "ma_application_withdrawn"})


def _priority_filings(log: Sequence[RegulatoryEvent]) -> tuple[set[int], set[int]]:
    """(filings made priority, designations absorbed): a priority-review designation recorded after the
    filing (acceptance) of its review cycle makes that filing a priority one, so the PDUFA goal runs 6
    months from the filing date (PDUFA VI), not from the day the designation was recorded.  Recorded
    right after the submission, the designation is itself the filing; anywhere else (a resubmission's
    cycle, which has its own class 1 or 2 goal) it starts no goal."""
    made: set[int] = set()
    absorbed: set[int] = set()
    filing: int | None = None
    submitted = False
    for i, e in enumerate(log):
        if e.type == "ma_accepted":
            filing, submitted = i, False
        elif e.type in ("ma_submitted", "bla_rolling_submission_started"):
            filing, submitted = None, True
        elif e.type in _CYCLE_EVENTS:
            filing, submitted = None, False
        elif e.type == "designation_priority_review":
            if filing is not None:
                made.add(filing)
                absorbed.add(i)
            elif not submitted:
                absorbed.add(i)
            submitted = False
    return made, absorbed


def _status_by_time(rule: ClockRule, due: Due, as_of: dt.date) -> Status:
    # A favourable clock's effect comes *on* its due day (an IND goes into effect 30 days after receipt);
    # an obligation is overdue only once its due day has passed.
    if rule.favourable and as_of >= due.latest:
        return Status.MET
    if as_of > due.latest:
        return Status.OVERDUE
    if (due.earliest - as_of).days <= DUE_SOON_DAYS:
        return Status.DUE_SOON
    return Status.UPCOMING


def _settle(rule: ClockRule, due: Due, later: Sequence[RegulatoryEvent], as_of: dt.date
            ) -> tuple[Status, RegulatoryEvent | None]:
    for e in later:
        if e.type in rule.satisfied_by:
            if e.date is None or e.date.earliest <= due.latest:
                return Status.MET, e
            if rule.favourable:  # the law acted on the due day; the letter recorded later only confirms it
                return Status.MET, None
            return Status.MISSED, e
        if e.type in rule.stopped_by:
            return Status.STOPPED, e
    return _status_by_time(rule, due, as_of), None


def _period(rule: ClockRule, anchor: RegulatoryEvent, later: Sequence[RegulatoryEvent]) -> int:
    period = rule.offset
    if rule.period_attribute and anchor.attributes.get(rule.period_attribute, "").isdigit():
        period = int(anchor.attributes[rule.period_attribute])
    for e in later:
        if e.type in rule.extended_by and e.attributes.get(rule.period_attribute or "", "").isdigit():
            period = int(e.attributes[rule.period_attribute or ""])
    return period


def evaluate(rule: ClockRule, track: Track, events: Sequence[RegulatoryEvent], as_of: dt.date,
             calendar: ChinaCalendar | None = None) -> Clock | None:
    """The rule's clock on this track as known on ``as_of`` (events dated later are not yet known)."""
    if track.jurisdiction not in rule.jurisdictions or track.pathway.value != rule.pathway:
        return None
    return _evaluate(rule, track, _known(events, as_of), as_of, calendar or default_calendar())


def _known(events: Sequence[RegulatoryEvent], as_of: dt.date) -> list[RegulatoryEvent]:
    """The log in replay order without events that surely happened after ``as_of``."""
    return [e for e in ordered(events) if not e.planned and (e.date is None or e.date.earliest <= as_of)]


def _evaluate(rule: ClockRule, track: Track, log: list[RegulatoryEvent], as_of: dt.date,
              cal: ChinaCalendar) -> Clock | None:
    if rule.base is not None:
        base_rule = CLOCK_RULES[rule.base]
        if track.jurisdiction not in base_rule.jurisdictions or track.pathway.value != base_rule.pathway:
            return None
        base = _evaluate(base_rule, track, log, as_of, cal)
        if base is None:
            return None
        due = _shift_due(base.due, rule.offset, rule.unit, cal)
        index = log.index(base.anchor)
        status, by = _settle(rule, due, log[index + 1:], as_of)
        return Clock(rule, track, base.anchor, due, status, by)
    index = -1
    made: set[int] = set()
    absorbed: set[int] = set()
    if _PRIORITY in (rule.requires_attribute, rule.excludes_attribute):
        made, absorbed = _priority_filings(log)
    for i, e in enumerate(log):
        if i not in absorbed and _anchor_ok(rule, e, i in made):
            index = i
    deemed = _deemed_anchor(rule, track, log, as_of, cal)
    if deemed is not None and (index < 0 or log[index].order_key < deemed.order_key):
        anchor = deemed
        later = [e for e in log if e.order_key > deemed.order_key]
    elif index < 0:
        return None
    else:
        anchor = log[index]
        later = log[index + 1:]
    start = _start(rule, anchor)
    assert start is not None
    if rule.recurring_years:
        return _next_occurrence(rule, track, anchor, later, as_of, cal)
    due = due_from(start, _period(rule, anchor, later), rule.unit, cal)
    status, by = _settle(rule, due, later, as_of)
    return Clock(rule, track, anchor, due, status, by)


def deemed_date(due: Due) -> PartialDate:
    """The day a favourable clock's effect came by law: its exact due day, else the month or year its
    due window falls in (an acceptance known only to the month gives a window, and the effect is dated
    at the precision that window allows, never on an invented day).  A due date counted over a year whose
    Chinese holidays are not yet published is a lower bound (holidays only push it later): it is marked
    approximate, as is a window over a year end, given by its last day."""
    first, last = due.earliest, due.latest
    if first == last:
        return PartialDate(first.year, first.month, first.day, approximate=due.provisional)
    if (first.year, first.month) == (last.year, last.month):
        return PartialDate(first.year, first.month, approximate=due.provisional)
    if first.year == last.year:
        return PartialDate(first.year, approximate=due.provisional)
    return PartialDate(last.year, last.month, last.day, approximate=True)  # surely in effect by then


# The favourable rules whose deemed event anchors each rule (the rules a deemed effect can start).
_DEEMING: dict[str, tuple[ClockRule, ...]] = {
    r.id: tuple(f for f in RULES if f.deems is not None and f.deems in r.anchors) for r in RULES}
_FAVOURABLE = tuple(f for f in RULES if f.deems is not None)


def deemed_clock(track: Track, log: list[RegulatoryEvent], as_of: dt.date, cal: ChinaCalendar,
                 rules: Sequence[ClockRule] = _FAVOURABLE) -> Clock | None:
    """The track's favourable clock (of ``rules``) that ran out unopposed by ``as_of``, with nothing
    recorded in its place: the law's effect then dates from its due day."""
    for fav in rules:
        if track.jurisdiction not in fav.jurisdictions or track.pathway.value != fav.pathway:
            continue
        clock = _evaluate(fav, track, log, as_of, cal)
        if clock is not None and clock.status is Status.MET and clock.settled_by is None:
            return clock
    return None


def _deemed_anchor(rule: ClockRule, track: Track, log: list[RegulatoryEvent], as_of: dt.date,
                   cal: ChinaCalendar) -> RegulatoryEvent | None:
    """The event a favourable clock put in place by law, for a rule counted from such an event: not
    recorded, so it has no id and carries the rule it was deemed by."""
    deeming = _DEEMING[rule.id]
    if not deeming:
        return None
    clock = deemed_clock(track, log, as_of, cal, deeming)
    if clock is None or clock.rule.deems is None:
        return None
    return RegulatoryEvent(None, track.id, clock.rule.deems, deemed_date(clock.due),
                           attributes={"deemed_by": clock.rule.id})


def _years_spanned(amount: int, unit: Unit) -> int:
    """Whole years an offset can move a day, rounded up generously (working days run slower than days)."""
    days = {Unit.CALENDAR_DAYS: abs(amount), Unit.MONTHS: 31 * abs(amount), Unit.YEARS: 366 * abs(amount)}.get(
        unit, 2 * abs(amount) + 60)
    return days // 365 + 1


def _next_occurrence(rule: ClockRule, track: Track, anchor: RegulatoryEvent, later: Sequence[RegulatoryEvent],
                     as_of: dt.date, cal: ChinaCalendar) -> Clock:
    """The first anniversary still due on ``as_of`` (or the one a stopping event fell before).

    Both conditions only become true as the anniversaries advance, so the search starts a little
    before the first year that could satisfy either, instead of walking from the first anniversary
    (a 2010 anchor seen in 2026 would otherwise take 16 steps per clock).
    """
    stop = next((e for e in later if e.type in rule.stopped_by), None)
    assert anchor.date is not None
    target = as_of
    if stop is not None and stop.date is not None and stop.date.earliest < target:
        target = stop.date.earliest
    n = max(1, target.year - anchor.date.latest.year - 1 - _years_spanned(rule.offset, rule.unit))
    while True:
        year = Due(add_years(anchor.date.earliest, n), add_years(anchor.date.latest, n))
        due = _shift_due(year, rule.offset, rule.unit, cal)
        if stop is not None and stop.date is not None and stop.date.earliest <= due.latest:
            return Clock(rule, track, anchor, due, Status.STOPPED, stop, n)
        if due.latest >= as_of:
            return Clock(rule, track, anchor, due, _status_by_time(rule, due, as_of), None, n)
        n += 1


def track_clocks(track: Track, events: Sequence[RegulatoryEvent], as_of: dt.date,
                 calendar: ChinaCalendar | None = None, only: Collection[str] | None = None) -> list[Clock]:
    """Every rule's clock on ``track`` (or the rules ``only`` names); the log is ordered once for all the
    rules that apply."""
    rules = [r for r in CLOCK_RULES.values()
             if track.jurisdiction in r.jurisdictions and track.pathway.value == r.pathway
             and (only is None or r.id in only)]
    if not rules:
        return []
    log = _known(events, as_of)
    cal = calendar or default_calendar()
    out = []
    for rule in rules:
        clock = _evaluate(rule, track, log, as_of, cal)
        if clock is not None:
            out.append(clock)
    return out
