"""Timeline layout in dates: lanes, state spans, event and deadline markers, the time axis.

Everything a timeline shows is decided here, without Qt, so the on-screen widget, the print preview,
the printer, the PDF and the PNG draw the *same* picture: one layout, one paint routine.
The painter only maps dates to points.

Honesty rules the layout keeps:
- a date keeps its precision: a month-precise event covers its whole month (``earliest``..``latest``)
  and is flagged ``exact=False`` so it is drawn differently from a known day; an approximate day too;
- an event whose date was never found is listed as *undated*, never placed on an invented day;
- a state whose start date is unknown is drawn from the left edge as "start unknown", not from a guess;
- "as of" a day shows what was recorded up to that day: events that surely happened later are hidden
  and clocks are evaluated on that day.  An imprecise event whose period contains the day is kept
  (it may have happened by then) and stays visibly imprecise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from mscreg.domain import messages
from mscreg.domain.bilingual import localized
from mscreg.domain.china_calendar import ChinaCalendar
from mscreg.domain.clocks import Clock, Status, track_clocks
from mscreg.domain.designation import designations_as_of
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import EVENT_TYPES, Pathway
from mscreg.domain.jurisdictions import get_jurisdiction
from mscreg.domain.messages import text as message_text
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import Product
from mscreg.domain.state_as_of import StateAsOf, derive_as_of
from mscreg.domain.state_machine import Step, derive, ordered
from mscreg.domain.states import AUTHORISED, ENDED, MA_OPEN, State, state_name
from mscreg.domain.track import Track, TrackLog


class ViewKind(StrEnum):
    COUNTRY = "country"  # one lane per product track in one jurisdiction
    PRODUCT = "product"  # one lane per jurisdiction (track) of one product
    APPROVALS = "approvals"  # the world's marketing authorisations, grouped by jurisdiction


class SpanStyle(StrEnum):
    """Colour families of state spans; the painter maps each to a palette-independent print colour."""

    CLINICAL_PENDING = "clinical-pending"
    CLINICAL = "clinical"
    HOLD = "hold"
    REVIEW = "review"
    CONDITIONAL = "conditional"
    TIME_LIMITED = "time-limited"
    FULL = "full"
    TERM_ENDED = "term-ended"  # statutory term ran out with nothing recorded (derived from the calendar)
    ENDED = "ended"


class MarkerKind(StrEnum):
    """Event symbols: what the event did to the track (not its type), so a legend of five shapes suffices."""

    SUBMISSION = "submission"
    AUTHORISATION = "authorisation"
    SETBACK = "setback"  # CRL, refusal, clinical hold, suspension
    END = "end"  # withdrawal, expiry, cancellation, lapse
    MILESTONE = "milestone"  # designations, registry entries, annotations


_STYLE_OF: dict[State, SpanStyle] = {
    State.CT_SUBMITTED: SpanStyle.CLINICAL_PENDING,
    State.CT_ACCEPTED: SpanStyle.CLINICAL_PENDING,
    State.CT_AUTHORISED: SpanStyle.CLINICAL,
    State.CT_ON_HOLD: SpanStyle.HOLD,
    State.SUSPENDED: SpanStyle.HOLD,
    State.MA_CRL: SpanStyle.HOLD,
    State.AUTHORISED_CONDITIONAL: SpanStyle.CONDITIONAL,
    State.AUTHORISED_TIME_LIMITED: SpanStyle.TIME_LIMITED,
    State.CONVERSION_PENDING: SpanStyle.TIME_LIMITED,
    State.AUTHORISED_FULL: SpanStyle.FULL,
    **{s: SpanStyle.REVIEW for s in MA_OPEN},
    **{s: SpanStyle.ENDED for s in ENDED},
    State.TERM_ENDED: SpanStyle.TERM_ENDED,
}

_SETBACK_STATES = frozenset({State.MA_CRL, State.MA_REFUSED, State.CT_REFUSED, State.CT_ON_HOLD, State.SUSPENDED})

# Clocks whose due date is the end of an authorisation: their due day labels the span ("… until 2030-01-02").
EXPIRY_RULES = frozenset({"jp-ctl-expiry", "eu-cma-expiry", "eu-ma-expiry", "cn-certificate-expiry",
                          "nz-provisional-consent-expiry"})
# Deadline statuses drawn on a timeline: met and stopped clocks are already told by their events.
SHOWN_DEADLINES = frozenset({Status.UPCOMING, Status.DUE_SOON, Status.OVERDUE, Status.MISSED})

def _indication(track: Track, lang: str) -> str:
    """A lane's indication in the interface language, the other one where it is not written."""
    return localized(track.indication, track.indication_zh, lang)


def deadline_short(rule_id: str, lang: str = "en") -> str:
    """A clock's short name for a chart; the full description and legal basis stay in the tooltip
    and in `mscreg clock --list`.  A rule without a short name shows its id rather than nothing."""
    code = f"timeline.deadline.{rule_id}"
    return messages.text(code, lang) if code in messages.MESSAGES else rule_id


def text(key: str, lang: str = "en", **params: object) -> str:
    """A timeline caption in English or Chinese (the printed picture needs them outside the Qt UI too)."""
    return messages.text(f"timeline.layout.{key}", lang, **params)


@dataclass(frozen=True)
class EventMarker:
    event_id: int | None
    track_id: int | None
    type: str
    kind: MarkerKind
    label: str  # event type name in the chosen language
    date: PartialDate
    reference: str = ""
    source: str = ""
    note: str = ""
    planned: bool = False  # a plan: drawn outlined, never part of the state spans

    @property
    def earliest(self) -> dt.date:
        return self.date.earliest

    @property
    def latest(self) -> dt.date:
        return self.date.latest

    @property
    def exact(self) -> bool:
        """A known day: drawn as a solid symbol.  Months, years and approximate days are drawn as spans."""
        return self.date.is_exact

    @property
    def date_text(self) -> str:
        return self.date.display()


@dataclass(frozen=True)
class UndatedEvent:
    event_id: int | None
    type: str
    label: str


@dataclass(frozen=True)
class StateSpan:
    state: State
    style: SpanStyle
    label: str
    start: PartialDate | None  # None: the date that began it was not found
    end: PartialDate | None  # None: still in this state on the as-of day
    dated: bool = False  # the label carries a date ("… until 2030-01-02") that must not be cut off


@dataclass(frozen=True)
class DeadlineMarker:
    rule_id: str
    label: str  # short name for the chart
    description: str  # the rule's full description (tooltip, legend)
    earliest: dt.date
    latest: dt.date
    status: Status
    provisional: bool
    track_id: int | None = None

    @property
    def due_text(self) -> str:
        if self.earliest == self.latest:
            return self.earliest.isoformat()
        return f"{self.earliest.isoformat()}..{self.latest.isoformat()}"


@dataclass(frozen=True)
class Lane:
    key: str
    group: str  # heading shared by consecutive lanes ("JP · Japan" in the approvals view), may be ""
    title: str
    subtitle: str
    state_label: str
    track_id: int | None
    product_id: int | None
    spans: tuple[StateSpan, ...] = ()
    events: tuple[EventMarker, ...] = ()
    deadlines: tuple[DeadlineMarker, ...] = ()
    undated: tuple[UndatedEvent, ...] = ()
    flags: str = ""  # the designations the track holds on the as-of day ("⚑ Orphan US · Fast Track"), or ""


@dataclass(frozen=True)
class TimelineLayout:
    kind: ViewKind
    title: str
    selection: str  # what was asked for (jurisdiction code, product name, "approvals"), printed in the header
    as_of: dt.date
    lang: str
    start: dt.date  # first day of the axis (the first of a month)
    end: dt.date  # last day of the axis (the last of a month); later deadlines are shown off the axis
    lanes: tuple[Lane, ...]
    styles_used: frozenset[SpanStyle] = field(default_factory=frozenset)
    provisional: bool = False  # some China working-day clock runs past the published calendar

    @property
    def empty(self) -> bool:
        return not self.lanes


# --------------------------------------------------------------------------- building blocks


def visible_events(events: Iterable[RegulatoryEvent], as_of: dt.date) -> list[RegulatoryEvent]:
    """The log as known on ``as_of``: undated events kept, events that surely came later dropped."""
    return [e for e in events if e.date is None or e.date.earliest <= as_of]


def marker_kind(step: Step) -> MarkerKind:
    after, before = step.after, step.before
    if after == before or EVENT_TYPES[step.event.type].annotation:
        return MarkerKind.MILESTONE
    if after is State.CONVERSION_PENDING:
        return MarkerKind.SUBMISSION  # an application for full approval while the authorisation runs
    if after in AUTHORISED or after is State.CT_AUTHORISED:
        return MarkerKind.AUTHORISATION
    if after in _SETBACK_STATES:
        return MarkerKind.SETBACK
    if after in ENDED:
        return MarkerKind.END
    return MarkerKind.SUBMISSION


def _expiry_label(state: State, jurisdiction: str, clocks: Sequence[Clock], start: RegulatoryEvent | None,
                  lang: str) -> str:
    name = state_name(state, jurisdiction, lang)
    if state not in AUTHORISED or start is None:
        return name
    for clock in clocks:
        if clock.rule.id in EXPIRY_RULES and clock.status in SHOWN_DEADLINES:
            return text("until", lang, state=name, date=clock.due.display())
    return name


def _spans(track: Track, steps: Sequence[Step], clocks: Sequence[Clock], lang: str,
           ended: StateAsOf | None = None) -> list[StateSpan]:
    """One span per state the log went through; when the calendar ended the last authorisation
    (``ended``), that span stops at the end of its term and a "term ended" span runs on from there."""
    changes = [s for s in steps if s.after != s.before]
    out: list[StateSpan] = []
    for i, step in enumerate(changes):
        if step.after is State.PLANNED:
            continue
        nxt = changes[i + 1] if i + 1 < len(changes) else None
        if nxt is not None and nxt.event.date is None:
            continue  # an undated change followed by another undated one: nothing can be placed
        if nxt is None and ended is not None and ended.ended_by is not None:
            since = ended.status.since
            out.append(StateSpan(step.after, _STYLE_OF.get(step.after, SpanStyle.REVIEW),
                                 state_name(step.after, track.jurisdiction, lang), step.event.date, since))
            out.append(StateSpan(State.TERM_ENDED, SpanStyle.TERM_ENDED,
                                 state_name(State.TERM_ENDED, track.jurisdiction, lang), since, None))
            continue
        label = _expiry_label(step.after, track.jurisdiction, clocks if nxt is None else (), step.event, lang)
        out.append(StateSpan(step.after, _STYLE_OF.get(step.after, SpanStyle.REVIEW), label,
                             step.event.date, nxt.event.date if nxt else None,
                             dated=label != state_name(step.after, track.jurisdiction, lang)))
    return out


def _deadlines(track: Track, clocks: Sequence[Clock], lang: str) -> list[DeadlineMarker]:
    return [DeadlineMarker(c.rule.id, deadline_short(c.rule.id, lang), c.rule.description(lang),
                           c.due.earliest, c.due.latest, c.status,
                           c.due.provisional, track.id)
            for c in clocks if c.status in SHOWN_DEADLINES]


def _alarming(clocks: Sequence[Clock], shown: StateAsOf) -> list[Clock]:
    """The clocks worth drawing: on a track whose term ended, overdue clocks no longer alarm (the span
    of the ended term says what happened; the user reviews the track instead)."""
    if shown.ended_by is None:
        return list(clocks)
    return [c for c in clocks if c.status is not Status.OVERDUE]


def lane_for(log: TrackLog, as_of: dt.date, lang: str, *, key: str, group: str, title: str, subtitle: str,
             calendar: ChinaCalendar | None = None,
             keep: Callable[[MarkerKind], bool] | None = None,
             keep_span: Callable[[State], bool] | None = None) -> Lane:
    """One track's lane as of a day.  ``keep`` filters markers (the approvals view keeps authorisations)."""
    track = log.track
    events = visible_events(log.events, as_of)
    clocks = track_clocks(track, events, as_of, calendar)
    shown = derive_as_of(track, events, as_of, clocks=clocks)
    status = shown.status
    markers: list[EventMarker] = []
    undated: list[UndatedEvent] = []
    for step in status.steps:
        e = step.event
        etype = EVENT_TYPES[e.type]
        kind = marker_kind(step)
        if keep is not None and not keep(kind):
            continue
        if e.date is None:
            undated.append(UndatedEvent(e.id, e.type, etype.name(lang)))
        else:
            markers.append(EventMarker(e.id, track.id, e.type, kind, etype.name(lang), e.date,
                                       e.reference, e.source, e.note))
    if keep is None:  # the replay leaves plans out: they are added as plans, whatever their date
        for e in log.events:
            if e.planned and e.date is not None:
                label = f"{EVENT_TYPES[e.type].name(lang)} ({message_text('planned.mark', lang)})"
                markers.append(EventMarker(e.id, track.id, e.type, MarkerKind.MILESTONE, label, e.date,
                                           e.reference, e.source, e.note, planned=True))
    return Lane(key=key, group=group, title=title, subtitle=subtitle,
                state_label=state_name(status.state, track.jurisdiction, lang), track_id=track.id,
                product_id=log.product.id,
                spans=tuple(s for s in _spans(track, status.steps, clocks, lang, shown)
                            if keep_span is None or keep_span(s.state)),
                events=tuple(markers), deadlines=tuple(_deadlines(track, _alarming(clocks, shown), lang)),
                undated=tuple(undated), flags=_flags(track, events, as_of, lang))


def _flags(track: Track, events: Sequence[RegulatoryEvent], as_of: dt.date, lang: str) -> str:
    """The lane's designation flags, drawn in its label column (not on the lane, where labels are placed
    around the markers)."""
    held = designations_as_of(track, events, as_of)
    if not held:
        return ""
    return "⚑ " + " · ".join(messages.text(d.label_key, lang, jurisdiction=d.jurisdiction).strip() for d in held)


def _pathway_text(track: Track, lang: str) -> str:
    return text(track.pathway.value, lang)


def _product_name(product: Product, lang: str) -> str:
    if lang.startswith("zh") and product.name_zh:
        return f"{product.name_zh} {product.name}"
    return f"{product.name} {product.name_zh}".strip()


def axis_range(lanes: Sequence[Lane], as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The months covering what the lanes show, with a small margin either side.

    Events, state changes and the as-of day always fit.  A deadline fits when it is near the rest:
    within a year or a sixth of the data's span after it, whichever is longer; a later one (a term
    that ends in 2031 on a chart of 2012–2026) would squeeze everything else into a corner, so it
    stays off the axis and the chart shows it at its right edge with its date.
    """
    days = [as_of]
    for lane in lanes:
        for m in lane.events:
            days += [m.earliest, m.latest]
        for s in lane.spans:
            if s.start:
                days.append(s.start.earliest)
            if s.end:
                days.append(s.end.latest)
    first, last = min(days), max(days)
    reach = last + dt.timedelta(days=max(366, (last - first).days // 6))
    for lane in lanes:
        for d in lane.deadlines:
            if d.latest <= reach:
                first, last = min(first, d.earliest), max(last, d.latest)
    margin = dt.timedelta(days=max(20, (last - first).days // 50))
    start, end = first - margin, last + margin
    start = dt.date(start.year, start.month, 1)
    end = (dt.date(end.year + (end.month == 12), end.month % 12 + 1, 1) - dt.timedelta(days=1))
    return start, end


def _finish(kind: ViewKind, title: str, selection: str, as_of: dt.date, lang: str,
            lanes: list[Lane]) -> TimelineLayout:
    start, end = axis_range(lanes, as_of)
    styles = frozenset(s.style for lane in lanes for s in lane.spans)
    provisional = any(d.provisional for lane in lanes for d in lane.deadlines)
    return TimelineLayout(kind, title, selection, as_of, lang, start, end, tuple(lanes), styles, provisional)


# --------------------------------------------------------------------------- the three views


def country_layout(jurisdiction: str, logs: Sequence[TrackLog], as_of: dt.date, lang: str = "en",
                   calendar: ChinaCalendar | None = None) -> TimelineLayout:
    """One lane per product track in ``jurisdiction``, products in name order, clinical before marketing."""
    j = get_jurisdiction(jurisdiction)
    chosen = sorted((log for log in logs if log.track.jurisdiction == j.code),
                    key=lambda log: (log.product.name.casefold(), log.track.pathway != Pathway.CLINICAL,
                                     log.track.indication.casefold(), log.track.id or 0))
    lanes = [lane_for(log, as_of, lang, key=f"track:{log.track.id}", group="",
                      title=_product_name(log.product, lang),
                      subtitle=f"{_indication(log.track, lang)} · {_pathway_text(log.track, lang)}", calendar=calendar)
             for log in chosen]
    country = f"{j.name(lang)} ({j.code})"
    return _finish(ViewKind.COUNTRY, text("country.title", lang, country=country), j.code, as_of, lang, lanes)


def product_layout(product: Product, logs: Sequence[TrackLog], as_of: dt.date, lang: str = "en",
                   calendar: ChinaCalendar | None = None) -> TimelineLayout:
    """One lane per jurisdiction of one product (one per track where a country has several)."""
    chosen = sorted((log for log in logs if log.product.id == product.id),
                    key=lambda log: (log.track.jurisdiction, log.track.pathway != Pathway.CLINICAL,
                                     log.track.indication.casefold(), log.track.id or 0))
    lanes = []
    for log in chosen:
        j = get_jurisdiction(log.track.jurisdiction)
        lanes.append(lane_for(log, as_of, lang, key=f"track:{log.track.id}", group="",
                              title=f"{j.code} · {j.name(lang)}",
                              subtitle=f"{_indication(log.track, lang)} · {_pathway_text(log.track, lang)}",
                              calendar=calendar))
    return _finish(ViewKind.PRODUCT, text("product.title", lang, product=_product_name(product, lang)),
                   product.name, as_of, lang, lanes)


def _ever_authorised(log: TrackLog, as_of: dt.date) -> bool:
    status = derive(log.track, visible_events(log.events, as_of))
    return any(step.after in AUTHORISED for step in status.steps)


_APPROVAL_MARKERS = frozenset({MarkerKind.AUTHORISATION, MarkerKind.END, MarkerKind.SETBACK})


def _approval_span(state: State) -> bool:
    return state in AUTHORISED or state in ENDED or state in (State.SUSPENDED, State.TERM_ENDED)


def approvals_layout(logs: Sequence[TrackLog], as_of: dt.date, lang: str = "en",
                     calendar: ChinaCalendar | None = None) -> TimelineLayout:
    """Every marketing track that reached an authorisation by ``as_of``, grouped by jurisdiction.

    Markers are limited to authorisations, setbacks and ends (conditional, time-limited and full
    approvals, renewals that change the state, withdrawals, expiries): the picture of the reference's
    Table 1 rather than every step of every review.
    """
    chosen = [log for log in logs if log.track.pathway == Pathway.MARKETING and _ever_authorised(log, as_of)]
    chosen.sort(key=lambda log: (log.track.jurisdiction, _first_day(log), log.product.name.casefold()))
    lanes = []
    for log in chosen:
        j = get_jurisdiction(log.track.jurisdiction)
        lanes.append(lane_for(log, as_of, lang, key=f"track:{log.track.id}", group=f"{j.code} · {j.name(lang)}",
                              title=_product_name(log.product, lang), subtitle=_indication(log.track, lang),
                              calendar=calendar, keep=lambda kind: kind in _APPROVAL_MARKERS,
                              keep_span=_approval_span))
    return _finish(ViewKind.APPROVALS, text("approvals.title", lang), "approvals", as_of, lang, lanes)


def _first_day(log: TrackLog) -> dt.date:
    days = [e.date.earliest for e in ordered(log.events) if e.date is not None]
    return min(days) if days else dt.date.max


# --------------------------------------------------------------------------- axis and labels


@dataclass(frozen=True)
class Tick:
    day: dt.date
    label: str
    major: bool


def axis_ticks(start: dt.date, end: dt.date, points_per_day: float, min_gap: float = 28.0) -> list[Tick]:
    """Year ticks always; quarters or months between them when there is room (``min_gap`` points apart)."""
    ticks: list[Tick] = []
    months_step = next((m for m in (1, 3, 6) if m * 30.4 * points_per_day >= min_gap), 12)
    year_step = next((y for y in (1, 2, 5, 10, 20, 50) if y * 365.25 * points_per_day >= min_gap), 100)
    for year in range(start.year, end.year + 2):
        day = dt.date(year, 1, 1)
        if day < start or day > end + dt.timedelta(days=1):
            continue
        if year % year_step == 0 or year_step == 1:
            ticks.append(Tick(day, str(year), True))
        if months_step < 12 and year_step == 1:
            for month in range(1 + months_step, 13, months_step):
                m = dt.date(year, month, 1)
                if start <= m <= end:
                    ticks.append(Tick(m, f"{month:02d}", False))
    return sorted(ticks, key=lambda t: t.day)


def assign_rows(items: Sequence[tuple[float, float]], gap: float = 3.0) -> list[int]:
    """Greedy first-fit row for each (left, right) interval so labels in one row never overlap.

    Returns the row index per item, in the input order.  Items are placed left to right, each in the
    lowest row whose last label ends ``gap`` points before it starts.
    """
    order = sorted(range(len(items)), key=lambda i: (items[i][0], items[i][1]))
    row_ends: list[float] = []
    rows = [0] * len(items)
    for i in order:
        left, right = items[i]
        for r, last in enumerate(row_ends):
            if left >= last + gap:
                row_ends[r] = right
                rows[i] = r
                break
        else:
            row_ends.append(right)
            rows[i] = len(row_ends) - 1
    return rows
