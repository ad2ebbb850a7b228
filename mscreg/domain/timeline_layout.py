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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from mscreg.domain import messages
from mscreg.domain.bilingual import localized
from mscreg.domain.china_calendar import ChinaCalendar
from mscreg.domain.clocks import Clock, Status, track_clocks
from mscreg.domain.designation import designations_as_of
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import EVENT_TYPES, Pathway
from mscreg.domain.holder import HolderTransfer, holder_as_of
from mscreg.domain.jurisdictions import get_jurisdiction
from mscreg.domain.messages import text as message_text
from mscreg.domain.obligation import Obligation, ObligationEvent, ObligationStatus, status_as_of
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import Product
from mscreg.domain.state_as_of import StateAsOf, derive_as_of
from mscreg.domain.state_machine import Step, derive, ordered
from mscreg.domain.states import AUTHORISED, ENDED, MA_OPEN, State, state_name
from mscreg.domain.track import Track, TrackLog
from mscreg.domain.trial import DateKind, TrialDate, TrialRegistration


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
class ObligationMarker:
    """An obligation's due date on its authorisation's lane, with its status on the as-of day."""

    obligation_id: int | None
    track_id: int | None
    kind: str  # ObligationKind value
    label: str  # the kind's short name in the chosen language
    text: str  # what is owed, in the chosen language (the other one where it is not written)
    owner: str
    status: ObligationStatus
    status_label: str
    earliest: dt.date
    latest: dt.date
    due_text: str  # the due date as recorded (a month stays a month)

    @property
    def exact(self) -> bool:
        return self.earliest == self.latest

    @property
    def warning(self) -> bool:
        """Overdue on the as-of day: drawn in the warning colour."""
        return self.status is ObligationStatus.OVERDUE


class TrialPointKind(StrEnum):
    """The registry dates a trial bar runs through, in the order they happen."""

    REGISTRATION = "registration"
    START = "start"
    PRIMARY_COMPLETION = "primary_completion"
    COMPLETION = "completion"


@dataclass(frozen=True)
class TrialPoint:
    kind: TrialPointKind
    label: str  # "Start" in the chosen language
    date: PartialDate
    planned: bool  # the registry's estimated date: drawn outlined

    @property
    def earliest(self) -> dt.date:
        return self.date.earliest

    @property
    def latest(self) -> dt.date:
        return self.date.latest

    @property
    def exact(self) -> bool:
        return self.date.is_exact


@dataclass(frozen=True)
class TrialBar:
    """One registered trial as a bar from its first to its last registry date, labelled with its
    identifier and phase; the title, status and each date are told in the tooltip."""

    trial_id: int | None
    registry_id: str
    label: str  # "NCT01234567 · Phase II/III"
    title: str
    status: str  # the registry's overall status in the chosen language, or ""
    points: tuple[TrialPoint, ...]

    @property
    def earliest(self) -> dt.date:
        return min(p.earliest for p in self.points)

    @property
    def latest(self) -> dt.date:
        return max(p.latest for p in self.points)


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
    obligations: tuple[ObligationMarker, ...] = ()
    trials: tuple[TrialBar, ...] = ()  # a product's trial lane: one bar per trial, each in a row of its own
    # what tells this lane from the others of the same title (two indications of one product in one
    # country: the indication; its clinical and marketing tracks: the pathway), for places that show the
    # title without the subtitle (the table of numbered callouts); "" when the title is the layout's only
    tag: str = ""


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
    (``ended``), that span stops at the end of its term and a "term ended" span runs on from there, and
    when it put a pending trial application in effect, the pending span stops on that day and an
    "in effect" span runs on."""
    changes = [s for s in steps if s.after != s.before]
    out: list[StateSpan] = []
    for i, step in enumerate(changes):
        if step.after is State.PLANNED:
            continue
        nxt = changes[i + 1] if i + 1 < len(changes) else None
        if nxt is not None and nxt.event.date is None:
            continue  # an undated change followed by another undated one: nothing can be placed
        if nxt is None and ended is not None and ended.deemed_by is not None:
            # the law put the pending application in effect when its clock ran out unopposed: the pending
            # span stops there, and the lane goes on in effect, as its label says
            since = ended.status.since
            out.append(StateSpan(step.after, _STYLE_OF.get(step.after, SpanStyle.REVIEW),
                                 state_name(step.after, track.jurisdiction, lang), step.event.date, since))
            out.append(StateSpan(State.CT_AUTHORISED, _STYLE_OF.get(State.CT_AUTHORISED, SpanStyle.REVIEW),
                                 state_name(State.CT_AUTHORISED, track.jurisdiction, lang), since, None))
            continue
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
             keep_span: Callable[[State], bool] | None = None,
             obligations: Sequence[OwedItem] = ()) -> Lane:
    """One track's lane as of a day.  ``keep`` filters markers (the approvals view keeps authorisations);
    ``obligations`` are the track's obligations with their steps, drawn at their due dates."""
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
    owed = _obligation_markers(track, events, obligations, as_of, lang, undated)
    return Lane(key=key, group=group, title=title, subtitle=subtitle,
                state_label=state_name(status.state, track.jurisdiction, lang), track_id=track.id,
                product_id=log.product.id,
                spans=tuple(s for s in _spans(track, status.steps, clocks, lang, shown)
                            if keep_span is None or keep_span(s.state)),
                events=tuple(markers), deadlines=tuple(_deadlines(track, _alarming(clocks, shown), lang)),
                undated=tuple(undated), flags=_flags(track, events, as_of, lang), obligations=tuple(owed))


# An obligation with its recorded steps (submitted, fulfilled, released, extended).
OwedItem = tuple[Obligation, Sequence[ObligationEvent]]
ObligationsByTrack = Mapping[int, Sequence[OwedItem]]


def _obligation_due_text(obligation: Obligation, steps: Sequence[ObligationEvent], as_of: dt.date,
                         earliest: dt.date, latest: dt.date) -> str:
    """The due date as it was written (a month stays "2027-06"), or the counted range for a rule."""
    written = obligation.due
    for step in sorted(steps, key=lambda e: e.order_key):
        if step.new_due is not None and step.date.earliest <= as_of:
            written = step.new_due
    if written is not None and (written.earliest, written.latest) == (earliest, latest):
        return written.display()
    return earliest.isoformat() if earliest == latest else f"{earliest.isoformat()}..{latest.isoformat()}"


def _obligation_markers(track: Track, events: Sequence[RegulatoryEvent], owed: Sequence[OwedItem], as_of: dt.date,
                        lang: str, undated: list[UndatedEvent]) -> list[ObligationMarker]:
    """The track's obligations as known on ``as_of``: only those of an authorisation already recorded by
    then, each with its status on that day; one whose due date is not known is listed as undated."""
    by_id = {e.id: e for e in events if e.id is not None}
    out: list[ObligationMarker] = []
    for obligation, steps in owed:
        auth = by_id.get(obligation.authorisation_event_id or 0)
        if auth is None or auth.planned:
            continue  # the authorisation that imposed it was not yet granted on the as-of day
        state = status_as_of(obligation, steps, as_of, authorisation=auth)
        label = message_text(f"obligation.kind.{obligation.kind.value}", lang)
        if state.due is None:
            undated.append(UndatedEvent(None, "obligation", label))
            continue
        out.append(ObligationMarker(
            obligation.id, track.id, obligation.kind.value, label,
            localized(obligation.text_en, obligation.text_zh, lang), obligation.owner, state.status,
            message_text(f"obligation.status.{state.status.value}", lang), state.due.earliest, state.due.latest,
            _obligation_due_text(obligation, steps, as_of, state.due.earliest, state.due.latest)))
    out.sort(key=lambda m: (m.earliest, m.latest, m.obligation_id or 0))
    return out


# --------------------------------------------------------------------------- trial lanes

_TRIAL_DATES = ((TrialPointKind.REGISTRATION, "first_submitted"), (TrialPointKind.START, "start_date"),
                (TrialPointKind.PRIMARY_COMPLETION, "primary_completion"),
                (TrialPointKind.COMPLETION, "completion"))


def phase_text(key: str, lang: str) -> str:
    """A phase combination ("PHASE2+PHASE3") as people write it ("Phase II/III"); "" when none is stated."""
    if not key:
        return ""
    code = f"landscape.phase.{key}"
    if code in messages.MESSAGES:
        return message_text(code, lang)
    return "/".join(message_text(f"landscape.phase.{p}", lang) for p in key.split("+"))


def trial_bar(trial: TrialRegistration, as_of: dt.date, lang: str) -> TrialBar | None:
    """The trial as it stood on ``as_of``: None when it was surely not yet registered then; an actual
    date that surely came later is left out (it had not happened), an estimated one is kept as a plan, and
    a date the source does not say is actual or estimated (a registry's CSV download) is drawn as a plan
    when it comes after ``as_of``, since it cannot have happened by then."""
    registered: TrialDate | None = trial.first_submitted
    if registered is not None and registered.date.earliest > as_of:
        return None
    if registered is None and trial.start_date is not None and trial.start_date.kind is DateKind.ACTUAL \
            and trial.start_date.date.earliest > as_of:
        return None
    points = []
    for kind, name in _TRIAL_DATES:
        value: TrialDate | None = getattr(trial, name)
        if value is None:
            continue
        later = value.date.earliest > as_of
        if later and value.kind is DateKind.ACTUAL:
            continue
        points.append(TrialPoint(kind, text(f"trial.{kind.value}", lang), value.date, value.planned or later))
    if not points:
        return None
    phase = phase_text(trial.phase_key, lang)
    label = f"{trial.registry_id} · {phase}" if phase else trial.registry_id
    status = message_text(f"landscape.status.{trial.status_code}", lang) if trial.status_code else ""
    return TrialBar(trial.id, trial.registry_id, label, localized(trial.title, trial.title_zh, lang), status,
                    tuple(points))


TRIALS_PER_LANE = 10  # a lane is never split across pages: ten rows of trials fit any page size offered


def trial_lanes(product: Product, trials: Iterable[TrialRegistration], as_of: dt.date, lang: str,
                title: str) -> list[Lane]:
    """A product's trials as lanes of stacked bars (one row each, earliest first): one lane, or several of
    TRIALS_PER_LANE each, saying which of how many they hold; none when no trial was registered by
    ``as_of``."""
    bars = [b for t in trials if (b := trial_bar(t, as_of, lang)) is not None]
    bars.sort(key=lambda b: (b.earliest, b.latest, b.registry_id))
    lanes = []
    for first in range(0, len(bars), TRIALS_PER_LANE):
        chunk = bars[first:first + TRIALS_PER_LANE]
        state = text("trial_count", lang, count=len(bars)) if len(bars) <= TRIALS_PER_LANE else text(
            "trial_range", lang, first=first + 1, last=first + len(chunk), total=len(bars))
        lanes.append(Lane(key=f"trials:{product.id}:{first // TRIALS_PER_LANE}", group="", title=title,
                          subtitle=text("trials", lang), state_label=state, track_id=None, product_id=product.id,
                          trials=tuple(chunk)))
    return lanes


def _trial_in(trial: TrialRegistration, jurisdiction: str, track_jurisdiction: Mapping[int, str]) -> bool:
    """Whether a trial runs in ``jurisdiction``: it is linked to a track there, or the registry lists
    the country (by its English or Chinese name or its code)."""
    if trial.track_id is not None and track_jurisdiction.get(trial.track_id) == jurisdiction:
        return True
    j = get_jurisdiction(jurisdiction)
    names = {j.code.casefold(), j.name("en").casefold(), j.name("zh_CN").casefold()}
    return any(c.casefold() in names for c in trial.countries)


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

    Events, state changes, trial dates that happened and the as-of day always fit.  A deadline, an
    obligation or a trial's estimated date fits when it is near the rest:
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
        for bar in lane.trials:
            days += [d for p in bar.points if not p.planned for d in (p.earliest, p.latest)]
    first, last = min(days), max(days)
    reach = last + dt.timedelta(days=max(366, (last - first).days // 6))
    for lane in lanes:
        dues = [(d.earliest, d.latest) for d in lane.deadlines] + [(o.earliest, o.latest) for o in lane.obligations]
        dues += [(p.earliest, p.latest) for bar in lane.trials for p in bar.points if p.planned]
        for earliest, latest in dues:
            if latest <= reach:
                first, last = min(first, earliest), max(last, latest)
    margin = dt.timedelta(days=max(20, (last - first).days // 50))
    start, end = first - margin, last + margin
    start = dt.date(start.year, start.month, 1)
    end = (dt.date(end.year + (end.month == 12), end.month % 12 + 1, 1) - dt.timedelta(days=1))
    return start, end


def _tagged(lanes: list[Lane], parts: Sequence[Sequence[str]]) -> list[Lane]:
    """The lanes, those sharing a title with another given a ``tag``: the first of their ``parts`` (each
    lane's candidates, shortest first) whose values differ across all the lanes of that title, or the
    last (the fullest) when none does."""
    by_title: dict[str, list[int]] = {}
    for i, lane in enumerate(lanes):
        by_title.setdefault(lane.title, []).append(i)
    out = list(lanes)
    for same in by_title.values():
        if len(same) < 2:
            continue
        depth = max(len(parts[i]) for i in same)

        def pick(i: int, k: int) -> str:
            return parts[i][min(k, len(parts[i]) - 1)] if parts[i] else ""

        chosen = next((k for k in range(depth) if len({pick(i, k) for i in same}) == len(same)), depth - 1)
        for i in same:
            out[i] = replace(out[i], tag=pick(i, chosen))
    return out


def _track_parts(log: TrackLog, lang: str) -> tuple[str, str, str]:
    """A track lane's distinguishing candidates: its pathway, its indication, both."""
    pathway, indication = _pathway_text(log.track, lang), _indication(log.track, lang)
    return pathway, indication, f"{indication} · {pathway}"


def _trial_parts(lanes: Sequence[Lane]) -> list[tuple[str, str]]:
    """A trial lane's candidates: "trials", then which of the product's trials it holds."""
    return [(lane.subtitle, lane.state_label) for lane in lanes]


def _finish(kind: ViewKind, title: str, selection: str, as_of: dt.date, lang: str,
            lanes: list[Lane]) -> TimelineLayout:
    start, end = axis_range(lanes, as_of)
    styles = frozenset(s.style for lane in lanes for s in lane.spans)
    provisional = any(d.provisional for lane in lanes for d in lane.deadlines)
    return TimelineLayout(kind, title, selection, as_of, lang, start, end, tuple(lanes), styles, provisional)


# --------------------------------------------------------------------------- the three views


def _owed(obligations: ObligationsByTrack | None, track: Track) -> Sequence[OwedItem]:
    return obligations.get(track.id or 0, ()) if obligations else ()


def _trials_by_product(trials: Iterable[TrialRegistration]) -> dict[int, list[TrialRegistration]]:
    out: dict[int, list[TrialRegistration]] = {}
    for t in trials:
        if t.product_id is not None:
            out.setdefault(t.product_id, []).append(t)
    return out


# Each product's transfers of holder or licensee, by product id: a lane names the holder of its day.
TransfersByProduct = Mapping[int, Sequence[HolderTransfer]]


def _lane_subtitle(log: TrackLog, lang: str, as_of: dt.date, transfers: TransfersByProduct | None) -> str:
    """Indication and pathway, and the holder in the lane's country on the day where transfers are
    recorded (who held Prochymal in Canada in 2012 is not who holds it now)."""
    shown = f"{_indication(log.track, lang)} · {_pathway_text(log.track, lang)}"
    held = holder_as_of((transfers or {}).get(log.product.id or 0, ()), log.track.jurisdiction, as_of)
    # first, so a long indication cut short in the label column never hides it
    return f"{text('holder', lang, holder=held)} · {shown}" if held else shown


def country_layout(jurisdiction: str, logs: Sequence[TrackLog], as_of: dt.date, lang: str = "en",
                   calendar: ChinaCalendar | None = None, *, obligations: ObligationsByTrack | None = None,
                   trials: Iterable[TrialRegistration] = (),
                   transfers: TransfersByProduct | None = None) -> TimelineLayout:
    """One lane per product track in ``jurisdiction``, products in name order, clinical before marketing;
    under a product's lanes, a lane of its ``trials`` that run in the country (linked to a track there
    or listing it), when there are any."""
    j = get_jurisdiction(jurisdiction)
    chosen = sorted((log for log in logs if log.track.jurisdiction == j.code),
                    key=lambda log: (log.product.name.casefold(), log.track.pathway != Pathway.CLINICAL,
                                     log.track.indication.casefold(), log.track.id or 0))
    by_product = _trials_by_product(trials)
    track_jurisdiction = {log.track.id: log.track.jurisdiction for log in logs if log.track.id is not None}
    lanes: list[Lane] = []
    parts: list[Sequence[str]] = []
    for i, log in enumerate(chosen):
        lanes.append(lane_for(log, as_of, lang, key=f"track:{log.track.id}", group="",
                              title=_product_name(log.product, lang),
                              subtitle=_lane_subtitle(log, lang, as_of, transfers),
                              calendar=calendar, obligations=_owed(obligations, log.track)))
        parts.append(_track_parts(log, lang))
        last_of_product = i + 1 == len(chosen) or chosen[i + 1].product.id != log.product.id
        if last_of_product and log.product.id in by_product:
            here = [t for t in by_product[log.product.id] if _trial_in(t, j.code, track_jurisdiction)]
            trial = trial_lanes(log.product, here, as_of, lang, _product_name(log.product, lang))
            lanes += trial
            parts += _trial_parts(trial)
    country = f"{j.name(lang)} ({j.code})"
    return _finish(ViewKind.COUNTRY, text("country.title", lang, country=country), j.code, as_of, lang,
                   _tagged(lanes, parts))


def product_layout(product: Product, logs: Sequence[TrackLog], as_of: dt.date, lang: str = "en",
                   calendar: ChinaCalendar | None = None, *, obligations: ObligationsByTrack | None = None,
                   trials: Iterable[TrialRegistration] = (),
                   transfers: TransfersByProduct | None = None) -> TimelineLayout:
    """One lane per jurisdiction of one product (one per track where a country has several), then a
    lane of the product's ``trials`` when there are any."""
    chosen = sorted((log for log in logs if log.product.id == product.id),
                    key=lambda log: (log.track.jurisdiction, log.track.pathway != Pathway.CLINICAL,
                                     log.track.indication.casefold(), log.track.id or 0))
    lanes = []
    parts: list[Sequence[str]] = []
    for log in chosen:
        j = get_jurisdiction(log.track.jurisdiction)
        lanes.append(lane_for(log, as_of, lang, key=f"track:{log.track.id}", group="",
                              title=f"{j.code} · {j.name(lang)}",
                              subtitle=_lane_subtitle(log, lang, as_of, transfers),
                              calendar=calendar, obligations=_owed(obligations, log.track)))
        parts.append(_track_parts(log, lang))
    mine = [t for t in trials if t.product_id == product.id]
    trial = trial_lanes(product, mine, as_of, lang, _product_name(product, lang))
    lanes += trial
    parts += _trial_parts(trial)
    return _finish(ViewKind.PRODUCT, text("product.title", lang, product=_product_name(product, lang)),
                   product.name, as_of, lang, _tagged(lanes, parts))


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
    parts: list[Sequence[str]] = []
    for log in chosen:
        j = get_jurisdiction(log.track.jurisdiction)
        lanes.append(lane_for(log, as_of, lang, key=f"track:{log.track.id}", group=f"{j.code} · {j.name(lang)}",
                              title=_product_name(log.product, lang), subtitle=_indication(log.track, lang),
                              calendar=calendar, keep=lambda kind: kind in _APPROVAL_MARKERS,
                              keep_span=_approval_span))
        # one product's lanes differ by country (the group heading the table does not repeat), then indication
        indication = _indication(log.track, lang)
        parts.append((j.code, indication, f"{j.code} · {indication}"))
    return _finish(ViewKind.APPROVALS, text("approvals.title", lang), "approvals", as_of, lang,
                   _tagged(lanes, parts))


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
