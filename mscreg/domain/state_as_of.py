"""A track's state as of a day: the replayed log, cut at that day, and then the calendar.

The state machine replays events; it cannot know that time passed.  A provisional consent granted in
2014 for two years and never renewed replays to "Provisional consent" for ever, while the law says it
stopped being in force in 2016.  So what a user is shown is derived in two steps:

1. replay only the events known on the as-of day (an event dated after it has not happened yet, so a
   mistyped future date cannot change today's state);
2. if the track is authorised and one of its *term* clocks (the statutory end of that authorisation)
   fell due before the as-of day with no renewal, conversion or extension recorded, the track is in
   :attr:`State.TERM_ENDED` since the day after the due date, and the clock that ended it is kept as
   the reason.

The replay itself (:func:`~mscreg.domain.state_machine.derive`) is left alone: it validates the log, and
a renewal recorded late must still be accepted after a term that ended.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from mscreg.domain.china_calendar import ChinaCalendar, default_calendar
from mscreg.domain.clocks import Clock, Status, deemed_clock, deemed_date, renewal_applied_in_time, track_clocks
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.state_machine import TrackStatus, derive, ordered
from mscreg.domain.states import AUTHORISED, CT_PENDING, State
from mscreg.domain.track import Track

# Clocks whose due date is the statutory end of an authorisation in force: passing it with nothing
# recorded means the authorisation is no longer in force.  Renewal *deadlines* (apply 6 months before)
# are not here: missing one is a warning, not the end of the authorisation.
TERM_RULES = frozenset({
    "nz-provisional-consent-expiry",  # Medicines Act 1981 s.23: two years unless renewed
    "jp-ctl-expiry",  # PMD Act: the time limit, unless the full-approval application was filed
    "eu-cma-expiry",  # conditional MA: one year unless renewed
    "eu-ma-expiry",  # first five-year MA term unless renewed
    "eu-sunset",  # not placed on the market within three years
    "cn-certificate-expiry",  # registration certificate: five years unless re-registered
})


@dataclass(frozen=True)
class StateAsOf:
    """The state shown for a track on ``as_of``, with the replay it came from."""

    as_of: dt.date
    status: TrackStatus  # state, since and flags as shown; steps are those of the known log
    ended_by: Clock | None = None  # the term clock that ended the authorisation, when the state is TERM_ENDED
    deemed_by: Clock | None = None  # the clock whose running out put a pending application in effect by law

    @property
    def state(self) -> State:
        return self.status.state


def known_events(events: Sequence[RegulatoryEvent], as_of: dt.date) -> list[RegulatoryEvent]:
    """The log as known on ``as_of``: undated events kept, events that surely came later dropped."""
    return [e for e in events if not e.planned and (e.date is None or e.date.earliest <= as_of)]


# Terms that stay in force past their end while a renewal applied for in time awaits the agency's decision
# (see RENEWAL_TERMS in the state machine).
PENDING_KEEPS = frozenset({"eu-cma-expiry", "eu-ma-expiry", "cn-certificate-expiry"})


def term_end(clocks: Sequence[Clock], events: Sequence[RegulatoryEvent] = ()) -> Clock | None:
    """The earliest term clock that ran out (overdue) among ``clocks``, if any; a term whose renewal was
    applied for in time (among ``events``) is still in force while the decision is pending."""
    ended = [c for c in clocks if c.rule.id in TERM_RULES and c.status is Status.OVERDUE
             and not (c.rule.id in PENDING_KEEPS and renewal_applied_in_time(c, events))]
    return min(ended, key=lambda c: c.due.latest) if ended else None


def ended_since(clock: Clock) -> PartialDate:
    """When the authorisation stopped being in force: the day after an exact due date, else the month or
    year the imprecise due date falls in (a term counted from "2012-05" ended some day in May 2017)."""
    first, last = clock.due.earliest, clock.due.latest
    if first == last:
        return PartialDate.of_day(first + dt.timedelta(days=1))
    if (first.year, first.month) == (last.year, last.month):
        return PartialDate(first.year, first.month)
    if first.year == last.year:
        return PartialDate(first.year)
    return PartialDate.of_day(last + dt.timedelta(days=1))  # a range over a year end: surely ended by then


def derive_as_of(track: Track, events: Sequence[RegulatoryEvent], as_of: dt.date, *,
                 replay: TrackStatus | None = None, clocks: Sequence[Clock] | None = None,
                 calendar: ChinaCalendar | None = None) -> StateAsOf:
    """The track's state on ``as_of``.

    ``replay`` is the replay of the whole log when the caller has it (reused when no event lies after
    ``as_of``); ``clocks`` the track's clocks on ``as_of`` when already evaluated.
    """
    known = known_events(events, as_of)
    status = replay if replay is not None and len(known) == len(events) else derive(track, known)
    if status.state in CT_PENDING:
        deemed = deemed_clock(track, ordered(known), as_of, calendar or default_calendar())
        if deemed is None:
            return StateAsOf(as_of, status)
        return StateAsOf(as_of, replace(status, state=State.CT_AUTHORISED, since=deemed_date(deemed.due)),
                         deemed_by=deemed)
    if status.state not in AUTHORISED:
        return StateAsOf(as_of, status)
    if clocks is None:
        clocks = track_clocks(track, known, as_of, calendar, only=TERM_RULES)
    ended = term_end(clocks, known)
    if ended is None:
        return StateAsOf(as_of, status)
    return StateAsOf(as_of, replace(status, state=State.TERM_ENDED, since=ended_since(ended)), ended)
