"""One demo track's event log: a random walk that the state machine and the clock rules steer.

The walk never decides on its own what may happen next.  At each step it asks the state machine
(:func:`~mscreg.domain.state_machine.allowed_next`) which event types the track accepts in its
current state, picks one by preference (progress more likely than detours, endings rare), and asks
:func:`~mscreg.domain.state_machine.derive` what the event leads to.  Dates come from the clock
rules where one applies (an IND goes into effect on day 30, China's implied permission on the 60th
working day, a response lands before its deadline, now and then after it), otherwise from a typical
delay.  Only then are some dates made month- or year-precise or approximate, and only where that
keeps the log in the order it was walked.  So every generated log replays, and the import that
writes it checks that once more.

Speed: ``derive`` replays a whole log, so calling it at every step would cost O(k²) per track.  The
state machine's whole memory is (state, flags, the state a suspension returns to); a
:class:`TrackWalker` therefore asks ``derive`` once per distinct (node, event type, attributes) on a
shortest known log reaching that node, and remembers the answer.  Walking is then O(k) per track.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from mscreg.domain.clock_rules import CLOCK_RULES, ClockRule
from mscreg.domain.clocks import evaluate
from mscreg.domain.errors import TransitionRefused
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import EVENT_TYPES, Pathway
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.state_machine import (
    DESIGNATIONS,
    RENEWAL_TERMS,
    RENEWALS,
    allowed_next,
    check_renewal_in_term,
    derive,
)
from mscreg.domain.states import State
from mscreg.domain.track import Track

Attributes = tuple[tuple[str, str], ...]  # sorted (key, value) pairs: hashable

# How much more likely one event type is than another when both are allowed (default 1).  These are
# preferences only; what is allowed is the state machine's business.
WEIGHTS: Mapping[str, float] = {
    # clinical
    "ind_submitted": 40, "ind_effective": 60, "cta_submitted": 25, "cta_accepted": 35,
    "cta_implied_permission": 60, "cta_approved": 15, "first_subject_consented": 25,
    "trial_registered": 6, "trial_started": 6, "trial_completed": 4, "clinical_hold": 3,
    "clinical_hold_response_submitted": 20, "clinical_hold_lifted": 20, "ct_terminated": 1.5,
    "ind_withdrawn": 1, "cta_withdrawn": 1, "cta_not_approved": 2, "ct_lapsed": 1,
    # marketing
    "ma_submitted": 40, "bla_rolling_submission_started": 6, "ma_accepted": 35,
    "ma_accepted_priority_review": 12, "designation_priority_review": 5,
    "additional_info_request": 14, "info_response_submitted": 30, "committee_deferred": 2,
    "advisory_committee_positive": 3, "advisory_committee_negative": 1.5, "chmp_positive_opinion": 12,
    "chmp_negative_opinion": 2, "noc_c_qualifying_notice": 6, "noc_c_qn_response_submitted": 4,
    "complete_response_letter": 6, "ma_resubmitted": 20, "resubmission_accepted": 10,
    "ma_refused": 1.5, "ma_application_withdrawn": 1.5,
    "approval_full": 14, "approval_conditional": 14, "approval_conditional_time_limited": 22,
    "approval_limited": 12, "noc_c_issued": 14, "provisional_consent": 14,
    "provisional_consent_renewed": 8, "cma_renewed": 10, "ma_renewed": 4, "renewal_application_submitted": 5,
    "reregistration_approved": 4, "conditions_met": 5, "full_approval_application_filed": 14,
    "conversion_refused": 2, "ctl_period_extended": 1.5, "partial_change_application_submitted": 2,
    "partial_change_approved": 2, "variation_submitted": 4, "variation_approved": 4,
    "supplemental_application_submitted": 1.5, "supplemental_application_withdrawn": 0.5,
    "ma_suspended": 0.6, "suspension_lifted": 12, "ma_withdrawn": 0.6, "ma_revoked": 0.2,
    "certificate_cancelled": 0.3, "ma_expired": 0.4, "ma_lapsed_sunset": 0.2, "marketing_discontinued": 0.5,
    "product_launch": 10, "first_commercial_use": 4,
    # either pathway
    "designation_orphan": 1.2, "designation_breakthrough": 0.8, "designation_rmat": 2, "designation_sakigake": 1.5,
    "designation_fast_track": 1.5, "designation_rmat_denied": 0.5, "agency_feedback": 1.5,
    "confirmatory_trial_failed": 0.4, "manufacturing_license_issued": 1.5, "designation_prime": 1.0,
    "designation_withdrawn": 0.3,
}
# Types that recur in real logs (information requests, renewals, feedback) lose less by repeating.
RECURRING = frozenset({"additional_info_request", "info_response_submitted", "agency_feedback", "variation_submitted",
                       "variation_approved", "renewal_application_submitted", "ma_renewed", "cma_renewed",
                       "provisional_consent_renewed", "reregistration_approved", "clinical_hold",
                       "clinical_hold_response_submitted", "clinical_hold_lifted", "ma_suspended",
                       "suspension_lifted", "complete_response_letter", "ma_resubmitted",
                       "resubmission_accepted", "committee_deferred"})
# Days from the previous event to this one when no clock rule says (low, high); default below.
DELAYS: Mapping[str, tuple[int, int]] = {
    "ma_accepted": (20, 75), "ma_accepted_priority_review": (20, 60), "cta_accepted": (5, 30),
    "additional_info_request": (60, 240), "info_response_submitted": (30, 200),
    "approval_full": (120, 420), "approval_conditional": (120, 420), "approval_conditional_time_limited": (120, 420),
    "approval_limited": (120, 420), "noc_c_issued": (90, 360), "provisional_consent": (90, 300),
    "first_subject_consented": (30, 540), "trial_started": (20, 200), "trial_registered": (5, 120),
    "trial_completed": (365, 1400), "product_launch": (30, 300), "first_commercial_use": (30, 300),
    "manufacturing_license_issued": (30, 300), "clinical_hold_response_submitted": (20, 150),
    "chmp_positive_opinion": (150, 330), "complete_response_letter": (150, 330),
    "full_approval_application_filed": (1000, 2300), "renewal_application_submitted": (200, 900),
    "variation_submitted": (90, 700), "variation_approved": (60, 300),
}
DEFAULT_DELAY = (30, 400)
MAX_SPAN_DAYS = 30 * 365  # a log longer than this (thousands of events on one track) is compressed
LATE_SHARE = 0.12  # how often a response comes after its deadline (a missed clock is worth seeing)
OWN_INSTRUMENT_MAX = 3  # an event type that exists in at most this many jurisdictions is "their own"
OWN_INSTRUMENT_BOOST = 4.0
RUNNING_CLOCK_BOOST = 5.0
# Milestones the state machine lets happen in any order but real logs show in this one.
USUALLY_AFTER: Mapping[str, tuple[str, ...]] = {
    "trial_started": ("trial_registered", "first_subject_consented", "ind_effective", "cta_implied_permission",
                      "cta_approved"),
    "trial_completed": ("trial_started", "first_subject_consented"),
    "confirmatory_trial_failed": ("trial_started", "approval_conditional", "approval_conditional_time_limited",
                                  "approval_limited", "noc_c_issued", "provisional_consent"),
    "product_launch": ("approval_full", "approval_conditional", "approval_conditional_time_limited",
                       "approval_limited", "noc_c_issued", "provisional_consent"),
    "noc_c_qn_response_submitted": ("noc_c_qualifying_notice",),
    "designation_rmat_denied": ("ind_submitted", "ind_effective", "ma_submitted"),
}

# Values for the attributes an event type takes (event_types.py validates them again on import).
ATTRIBUTE_CHOICES: Mapping[str, Sequence[tuple[float, Attributes]]] = {
    "approval_conditional_time_limited": [
        (0.45, (("shipment_restricted", "false"), ("time_limit_years", "7"))),
        (0.2, (("shipment_restricted", "true"), ("time_limit_years", "7"))),
        (0.2, (("shipment_restricted", "false"), ("time_limit_years", "5"))),
        (0.15, (("shipment_restricted", "false"), ("time_limit_years", "3"))),
    ],
    "ctl_period_extended": [(1.0, (("time_limit_years", "8"),)), (0.5, (("time_limit_years", "10"),))],
    "cta_accepted": [(0.85, ()), (0.15, (("pilot", "true"),))],
    "ma_accepted": [(0.7, (("review", "standard"),)), (0.3, (("review", "priority"),))],
    "ma_resubmitted": [(0.5, (("resubmission_class", "2"),)), (0.3, (("resubmission_class", "1"),)), (0.2, ())],
    "resubmission_accepted": [(0.6, (("resubmission_class", "2"),)), (0.4, (("resubmission_class", "1"),))],
    "clinical_hold": [(0.7, (("scope", "complete"),)), (0.3, (("scope", "partial"),))],
}


class Node(NamedTuple):
    """Everything ``derive`` remembers between two events (a tuple: hashed on every step)."""

    state: State
    flags: frozenset[str]
    resume_to: State | None  # only while suspended


@dataclass(frozen=True)
class WalkedEvent:
    type: str
    day: dt.date
    attributes: Attributes


_ORIGIN = dt.date(2000, 1, 3)
# (allowed types, base weights, index of each type, [(index, types it usually follows)])
Choices = tuple[tuple[str, ...], list[float], dict[str, int], list[tuple[int, tuple[str, ...]]]]


class TrackWalker:
    """The state machine of one (jurisdiction, pathway), asked once per distinct step and remembered."""

    def __init__(self, jurisdiction: str, pathway: Pathway) -> None:
        self.track = Track(None, None, "demo", jurisdiction, "demo", pathway)
        self.start = Node(State.PLANNED, frozenset(), None)
        self._log_to: dict[Node, tuple[tuple[str, Attributes], ...]] = {self.start: ()}
        self._next: dict[tuple[Node, str, Attributes], Node] = {}
        self._allowed: dict[Node, tuple[str, ...]] = {}
        self._choices: dict[Node, Choices] = {}
        self._clock_rules: dict[str, tuple[ClockRule, ...]] = {}
        self.opens: dict[str, frozenset[str]] = {}  # event type → clock rules it starts
        self.settles: dict[str, frozenset[str]] = {}  # event type → clock rules it meets or stops
        self.met_by: dict[str, tuple[str, ...]] = {}  # clock rule → event types that meet it
        for rule in CLOCK_RULES.values():
            if jurisdiction not in rule.jurisdictions or rule.pathway != pathway.value or rule.base is not None:
                continue
            for etype in rule.anchors:
                self.opens[etype] = self.opens.get(etype, frozenset()) | {rule.id}
            for etype in (*rule.satisfied_by, *rule.stopped_by):
                self.settles[etype] = self.settles.get(etype, frozenset()) | {rule.id}
            self.met_by[rule.id] = rule.satisfied_by
            if not rule.recurring_years:
                for etype in rule.satisfied_by:
                    self._clock_rules[etype] = (*self._clock_rules.get(etype, ()), rule)

    def allowed(self, node: Node) -> tuple[str, ...]:
        known = self._allowed.get(node)
        if known is None:
            known = self._allowed[node] = tuple(allowed_next(self.track, node.state, node.flags))
        return known

    def choices(self, node: Node) -> Choices:
        """The allowed types, their weights before the log so far is taken into account, where each
        type is in the list, and the milestones among them with the ones they usually follow."""
        known = self._choices.get(node)
        if known is None:
            allowed = self.allowed(node)
            known = self._choices[node] = (
                allowed, [base_weight(node, t) for t in allowed], {t: i for i, t in enumerate(allowed)},
                [(i, USUALLY_AFTER[t]) for i, t in enumerate(allowed) if t in USUALLY_AFTER])
        return known

    def after(self, node: Node, etype: str, attributes: Attributes) -> Node:
        """The node ``etype`` leads to from ``node``: derive's answer on a log that reaches ``node``."""
        key = (node, etype, attributes)
        known = self._next.get(key)
        if known is not None:
            return known
        log = (*self._log_to[node], (etype, attributes))
        events = [RegulatoryEvent(id=i + 1, track_id=None, type=t, date=PartialDate.of_day(_ORIGIN + dt.timedelta(i)),
                                  attributes=dict(a)) for i, (t, a) in enumerate(log)]
        status = derive(self.track, events)  # raises if the allowed list and the rules ever disagreed
        resume = None
        if status.state is State.SUSPENDED:
            resume = next(s.before for s in reversed(status.steps)
                          if s.after is State.SUSPENDED and s.before is not State.SUSPENDED)
        new = Node(status.state, status.flags, resume)
        self._log_to.setdefault(new, log)
        self._next[key] = new
        return new

    def clock_rules_met_by(self, etype: str) -> tuple[ClockRule, ...]:
        return self._clock_rules.get(etype, ())


def _attributes(etype: str, rng: random.Random) -> Attributes:
    choices = ATTRIBUTE_CHOICES.get(etype)
    roll = rng.random()
    if not choices:
        return ()
    total = sum(w for w, _ in choices)
    acc = 0.0
    for weight, attrs in choices:
        acc += weight / total
        if roll < acc:
            return attrs
    return choices[-1][1]


def walk_types(walker: TrackWalker, steps: int, rng: random.Random) -> tuple[list[tuple[str, Attributes]], Node]:
    """``steps`` event types (with attributes) the state machine accepts one after another, and the
    node the track ends in.

    Beyond the base preferences: a type repeats less, a milestone rarely comes before the one it
    usually follows (:data:`USUALLY_AFTER`), and an event that meets a clock already running (a reply
    to a qualifying notice, a renewal of a provisional consent) is more likely than one out of the blue.
    """
    node = walker.start
    out: list[tuple[str, Attributes]] = []
    used: dict[str, int] = {}
    running: set[str] = set()  # clock rules started and not yet met or stopped (by type, not date)
    for _ in range(steps):
        allowed, base, index, waiting = walker.choices(node)
        weights = list(base)
        for etype, n in used.items():  # only the few types that need it are touched: O(log) per step
            i = index.get(etype)
            if i is not None:
                weights[i] *= (0.5 if etype in RECURRING else 0.08) ** n
        for i, before in waiting:
            if not any(b in used for b in before):
                weights[i] *= 0.05
        if running:
            boosted = {i for rule in running for t in walker.met_by.get(rule, ()) if (i := index.get(t)) is not None}
            for i in boosted:
                weights[i] *= RUNNING_CLOCK_BOOST
        etype = rng.choices(allowed, weights=weights)[0]
        attrs = _attributes(etype, rng)
        if etype == "designation_withdrawn":  # offered only while one is held: it ends one of them
            held = sorted(node.flags & DESIGNATIONS)
            attrs = (("designation", held[int(rng.random() * len(held))]),)
        node = walker.after(node, etype, attrs)
        used[etype] = used.get(etype, 0) + 1
        running -= walker.settles.get(etype, frozenset())
        running |= walker.opens.get(etype, frozenset())
        out.append((etype, attrs))
    return out, node


_DECISIONS = frozenset({"approval_full", "approval_conditional", "approval_conditional_time_limited",
                        "approval_limited", "noc_c_issued", "provisional_consent", "cta_approved", "ind_effective"})


def base_weight(node: Node, etype: str) -> float:
    """The preference for ``etype`` in ``node`` before repetition is counted."""
    w = WEIGHTS.get(etype, 1.0)
    only = EVENT_TYPES[etype].only
    if only is not None and len(only) <= OWN_INSTRUMENT_MAX:
        w *= OWN_INSTRUMENT_BOOST  # a US log mostly shows INDs, a Chinese one 默示许可, not the generic CTA
    if node.state is State.PLANNED and etype in _DECISIONS:
        w *= 0.03  # a history starting at the decision happens (sources lose filings), rarely
    return w


def _typical(etype: str, u: float) -> float:
    low, high = DELAYS.get(etype, DEFAULT_DELAY)
    return low + u * (high - low)


def place_dates(walker: TrackWalker, types: Sequence[tuple[str, Attributes]], start: dt.date,
                draws: Sequence[tuple[float, float, float]], scale: float = 1.0) -> tuple[list[WalkedEvent], bool]:
    """Day-exact dates from ``start``: a clock rule's due date where one applies, else a typical delay
    (times ``scale``, which shortens very long logs so that they fit in :data:`MAX_SPAN_DAYS`).

    ``draws`` holds three random numbers per step, drawn before placing so that placing the same walk
    again from another start (see :func:`fit_before`) makes the same choices.  The flag says whether a
    clock placed an event: only then does placing from another start give other gaps.
    """
    out: list[WalkedEvent] = []
    events: list[RegulatoryEvent] = []  # the log so far as the clock engine reads it, built on demand
    clocked = False
    day = start
    for i, ((etype, attrs), (u_delay, u_late, u_extra)) in enumerate(zip(types, draws, strict=True)):
        new_day = start if i == 0 else None
        for rule in walker.clock_rules_met_by(etype) if i else ():
            for k in range(len(events), i):
                w = out[k]
                events.append(RegulatoryEvent(id=k + 1, track_id=None, type=w.type, date=PartialDate.of_day(w.day),
                                              attributes=dict(w.attributes)))
            clock = evaluate(rule, walker.track, events, day)
            if clock is None or not clock.is_open or clock.due.latest <= day:
                continue
            due = clock.due.latest
            if rule.favourable:  # the law acts on the due day (IND in effect, implied permission)
                new_day = due
            elif u_late < LATE_SHARE and etype not in RENEWALS and \
                    (etype, walker.track.jurisdiction) not in RENEWAL_TERMS:
                # a late renewal is no renewal (replaced below), and a late Japanese full-approval
                # application cannot keep the time-limited approval it was meant to continue
                new_day = due + dt.timedelta(days=1 + int(u_extra * 90))
            else:  # its typical delay, but within the deadline (an agency decides near its goal date)
                new_day = min(due, day + dt.timedelta(days=max(1, int(scale * _typical(etype, u_delay)))))
            clocked = True
            break
        if new_day is None:
            new_day = day + dt.timedelta(days=max(1, int(scale * _typical(etype, u_delay))))
        day = new_day
        out.append(WalkedEvent(etype, day, attrs))
    return out, clocked


def fit_before(walker: TrackWalker, types: Sequence[tuple[str, Attributes]], end: dt.date, ends_ago_days: int,
               rng: random.Random) -> list[WalkedEvent]:
    """Place the walk so that its last event falls ``ends_ago_days`` before ``end`` (never after it)."""
    draws = [(rng.random(), rng.random(), rng.random()) for _ in types]
    target = end - dt.timedelta(days=ends_ago_days)
    placed, clocked = place_dates(walker, types, target, draws)
    span = (placed[-1].day - placed[0].day).days
    scale = 1.0
    if span > MAX_SPAN_DAYS:
        scale = MAX_SPAN_DAYS / span
        placed, clocked = place_dates(walker, types, target, draws, scale)
    shift = placed[-1].day - placed[0].day
    if not clocked:  # plain delays: the same walk from an earlier start is the same walk, shifted
        return [WalkedEvent(w.type, w.day - shift, w.attributes) for w in placed]
    start = target - shift
    for attempt in itertools.count(1):  # clock-placed steps move a little with the calendar: settle
        placed, _ = place_dates(walker, types, start, draws, scale)
        over = (placed[-1].day - end).days
        if over <= 0:
            return placed
        start -= dt.timedelta(days=over + 7 * attempt)
    raise AssertionError("unreachable")


# Events refused when dated after the term they continue (see RENEWAL_TERMS), replaced when a walk puts them
# late.  Japan's full-approval application is not among them: it is placed within its time limit instead.
_CHECKED_LATE = RENEWALS | {"conditions_met"}


def replace_late_renewals(walker: TrackWalker, walked: Sequence[WalkedEvent]) -> list[WalkedEvent]:
    """The walk with each renewal that comes after the term it would renew had ended (placed by plain delays
    after a long gap) recorded instead as a renewal application on that day: the law has no renewal of an
    authorisation whose term ended, while a late application is a plausible event that, like the renewal,
    changes no state; so the walk keeps its length and still replays.  So is an EU "conditions met" after
    the conditional MA had lapsed (only one in force can be converted): every event a walk puts after the
    conversion is one a conditional MA allows too."""
    if not any(w.type in _CHECKED_LATE for w in walked):
        return list(walked)
    out: list[WalkedEvent] = []
    for w in walked:
        if w.type in _CHECKED_LATE:
            earlier = [RegulatoryEvent(id=i + 1, track_id=None, type=k.type, date=PartialDate.of_day(k.day),
                                       attributes=dict(k.attributes)) for i, k in enumerate(out)]
            candidate = RegulatoryEvent(id=len(out) + 1, track_id=None, type=w.type,
                                        date=PartialDate.of_day(w.day), attributes=dict(w.attributes))
            try:
                check_renewal_in_term(walker.track, candidate, earlier)
            except TransitionRefused:
                w = WalkedEvent("renewal_application_submitted", w.day, ())
        out.append(w)
    return out


# How often a date is known only to the month or the year, and how often it was worked out.
MONTH_SHARE = 0.14
YEAR_SHARE = 0.06
APPROXIMATE_SHARE = 0.04
UNDATED_SHARE = 0.01  # a first event whose date no source gives (it sorts first, as the log requires)


@dataclass(frozen=True)
class DatedEvent:
    type: str
    date: PartialDate | None
    attributes: Attributes


def blur_dates(walked: Sequence[WalkedEvent], rng: random.Random) -> list[DatedEvent]:
    """Some dates made month- or year-precise or approximate, where the log keeps its walked order.

    The log sorts by each date's earliest possible day (ties in order of entry), so a blurred date may
    not start before the previous event's; the import also refuses the same type twice on one date
    text in one track, so a blur that would make such a pair is not made.
    """
    out: list[DatedEvent] = []
    floor: dt.date | None = None
    seen: set[tuple[str, str]] = set()
    for i, w in enumerate(walked):
        u_precision, u_approx = rng.random(), rng.random()
        if i == 0 and u_precision < UNDATED_SHARE and EVENT_TYPES[w.type].annotation:
            out.append(DatedEvent(w.type, None, w.attributes))
            seen.add((w.type, ""))
            continue
        approximate = u_approx < APPROXIMATE_SHARE
        y, m, d = w.day.year, w.day.month, w.day.day
        # (month, day) kept, from the least precise the roll allows to the exact day
        keep = ([(None, None), (m, None)] if u_precision < YEAR_SHARE else
                [(m, None)] if u_precision < YEAR_SHARE + MONTH_SHARE else [])
        date = None
        for km, kd in keep:
            earliest = dt.date(y, km or 1, 1)
            text = f"{y:04d}" if km is None else f"{y:04d}-{km:02d}"
            if (floor is None or earliest >= floor) and (w.type, text) not in seen:
                date = PartialDate(y, km, kd, approximate)
                break
        if date is None:
            date = PartialDate(y, m, d, approximate)
        key = (w.type, date.iso())
        if key in seen:  # same type, same day: cannot happen (days strictly increase along the walk)
            raise AssertionError(f"two {w.type} events on {date.iso()}")
        seen.add(key)
        floor = date.earliest
        out.append(DatedEvent(w.type, date, w.attributes))
    return out
