"""Post-authorisation obligations: what an authorisation binds its holder to do, and by when.

Once a product is approved, what regulatory-affairs staff track most is what the approval demands: the
specific obligations of an EU conditional MA, the confirmatory studies of China's 附条件批准, a Japanese
use-results survey and the full-approval application due within the time limit, a Canadian NOC/c
undertaking, FDA post-marketing requirements and commitments.  Each is tied to the event that imposed it
(its track and the authorising event), has a due date (a date, or a rule such as "within 5 years of the
authorisation" counted with the clock engine's calendar arithmetic) and its own dated history, from which
its status on any day is derived, as a track's state is derived from its log.

The due date is what the holder must *deliver* by (a study report, an application): a report submitted by
then meets the holder's part while the agency assesses it, so only "nothing submitted, fulfilled or
released by the due date" is overdue; a submission after the due date is shown as late.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from mscreg.domain.clock_rules import APPROVALS, Unit
from mscreg.domain.clocks import DUE_SOON_DAYS, Due, due_from
from mscreg.domain.errors import InvalidInput, Problem, invalid
from mscreg.domain.event import MAX_SOURCE, RegulatoryEvent, actual
from mscreg.domain.messages import NoDate
from mscreg.domain.partial_date import PartialDate, Precision
from mscreg.domain.product import MAX_NAME, clean_text, parse_enum
from mscreg.domain.state_machine import derive, ordered
from mscreg.domain.states import State
from mscreg.domain.track import Track

# The states a conversion starts from.
CONVERTIBLE = frozenset({State.AUTHORISED_CONDITIONAL, State.AUTHORISED_TIME_LIMITED, State.CONVERSION_PENDING})
MAX_RULE_YEARS = 30  # longer than any post-authorisation deadline (JP re-examination: at most 10 years)


class ObligationKind(StrEnum):
    CONFIRMATORY_TRIAL = "confirmatory_trial"
    USE_RESULTS_SURVEY = "use_results_survey"  # JP 使用成績調査
    SPECIFIC_OBLIGATION = "specific_obligation"  # EU conditional MA
    PMR = "pmr"  # FDA post-marketing requirement
    PMC = "pmc"  # FDA post-marketing commitment
    UNDERTAKING = "undertaking"  # Canada NOC/c letter of undertaking
    RE_EXAMINATION = "re_examination"  # JP re-examination period
    PERIODIC_REPORT = "periodic_report"
    OTHER = "other"


class DueUnit(StrEnum):
    YEARS = "years"
    MONTHS = "months"


class ObligationEventType(StrEnum):
    SUBMITTED = "submitted"  # the holder delivered (a report, an application); may happen more than once
    FULFILLED = "fulfilled"  # the agency accepted it: the obligation is closed
    RELEASED = "released"  # the agency lifted it without fulfilment (no longer required): closed
    EXTENDED = "extended"  # the agency moved the due date (``new_due``)


class ObligationStatus(StrEnum):
    OPEN = "open"
    DUE_SOON = "due-soon"
    OVERDUE = "overdue"
    SUBMITTED = "submitted"
    FULFILLED = "fulfilled"
    RELEASED = "released"


CLOSED = frozenset({ObligationStatus.FULFILLED, ObligationStatus.RELEASED})
_CLOSING = frozenset({ObligationEventType.FULFILLED, ObligationEventType.RELEASED})

# Events that impose obligations: the authorisations, and the later decisions that add or change conditions
# (a renewed conditional MA carries its updated specific obligations; Akuugo's partial change its conditions).
AUTHORISING = frozenset(APPROVALS) | {"cma_renewed", "provisional_consent_renewed", "ma_renewed",
                                      "reregistration_approved", "partial_change_approved", "variation_approved"}


@dataclass(frozen=True)
class DueRule:
    """"Within ``amount`` ``unit`` of the authorisation": counted from the authorising event's date."""

    amount: int
    unit: DueUnit

    def __post_init__(self) -> None:
        limit = MAX_RULE_YEARS * (12 if self.unit is DueUnit.MONTHS else 1)
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or not 1 <= self.amount <= limit:
            raise invalid("due_rule", f"{self.amount} {self.unit}", "obligation.rule_range", max=limit,
                          unit=self.unit.value)

    def text(self) -> str:
        return f"{self.amount} {self.unit.value}"

    @classmethod
    def parse(cls, text: str) -> DueRule:
        """``"5 years"`` / ``"18 months"`` (also ``5y`` / ``18m``)."""
        raw = "" if text is None else str(text)
        parts = raw.strip().lower().replace("y", " y").replace("m", " m").split()
        if len(parts) == 2 and parts[0].isdigit():
            unit = {"y": DueUnit.YEARS, "year": DueUnit.YEARS, "years": DueUnit.YEARS, "m": DueUnit.MONTHS,
                    "month": DueUnit.MONTHS, "months": DueUnit.MONTHS}.get(parts[1])
            if unit is not None:
                return cls(int(parts[0]), unit)
        raise invalid("due_rule", raw, "obligation.rule_format")


@dataclass(frozen=True)
class Obligation:
    """One obligation of one authorisation.  ``due`` and ``due_rule`` are exclusive; neither means the due
    date is not known (a certificate's deadline not made public)."""

    id: int | None
    track_id: int | None
    authorisation_event_id: int | None
    kind: ObligationKind
    text_en: str
    text_zh: str = ""
    due: PartialDate | None = None
    due_rule: DueRule | None = None
    owner: str = ""
    source: str = ""
    version: int = 1


@dataclass(frozen=True)
class ObligationDraft:
    """An obligation as proposed by a dialog, the command line or an import, before validation."""

    kind: str
    text_en: str
    text_zh: str = ""
    due: str | None = None
    due_rule: str | None = None
    owner: str = ""
    source: str = ""

    def to_obligation(self, *, id: int | None = None, track_id: int | None = None,
                      authorisation_event_id: int | None = None, version: int = 1) -> Obligation:
        kind = ObligationKind(parse_enum(ObligationKind, "kind", self.kind).value)
        text_en = clean_text("text_en", self.text_en, limit=MAX_SOURCE)
        text_zh = clean_text("text_zh", self.text_zh, limit=MAX_SOURCE)
        if not text_en and not text_zh:
            raise invalid("text_en", self.text_en, "obligation.text_required")
        due = None
        if self.due is not None and str(self.due).strip():
            due = PartialDate.parse(self.due, field="due")
        rule = DueRule.parse(self.due_rule) if self.due_rule is not None and str(self.due_rule).strip() else None
        if due is not None and rule is not None:
            raise invalid("due_rule", self.due_rule, "obligation.due_twice", due=due.display())
        return Obligation(id, track_id, authorisation_event_id, kind, text_en, text_zh, due, rule,
                          clean_text("owner", self.owner, limit=MAX_NAME),
                          clean_text("source", self.source, limit=MAX_SOURCE), version)


@dataclass(frozen=True)
class ObligationEvent:
    """One dated step of an obligation.  ``new_due`` is the extended due date, on ``extended`` only."""

    id: int | None
    obligation_id: int | None
    type: ObligationEventType
    date: PartialDate
    new_due: PartialDate | None = None
    source: str = ""
    note: str = ""
    version: int = 1

    @property
    def order_key(self) -> tuple[dt.date, dt.date, float]:
        return (self.date.earliest, self.date.latest, self.id if self.id is not None else float("inf"))


def make_obligation_event(type: str, date: str, *, new_due: str | None = None, source: str = "", note: str = "",
                          id: int | None = None, obligation_id: int | None = None,
                          version: int = 1) -> ObligationEvent:
    """Validate the fields of one obligation event (its place in the sequence is checked separately)."""
    etype = ObligationEventType(parse_enum(ObligationEventType, "type", type).value)
    day = PartialDate.parse(date, field="date")
    if day.precision is Precision.QUARTER:
        raise invalid("date", date, "event.quarter_actual", year=day.year)
    extended = None
    if new_due is not None and str(new_due).strip():
        if etype is not ObligationEventType.EXTENDED:
            raise invalid("new_due", new_due, "obligation.new_due_not_extension", type=etype.value)
        extended = PartialDate.parse(new_due, field="new_due")
    elif etype is ObligationEventType.EXTENDED:
        raise invalid("new_due", new_due, "obligation.extension_needs_due")
    return ObligationEvent(id, obligation_id, etype, day, extended, clean_text("source", source, limit=MAX_SOURCE),
                           clean_text("note", note), version)


def _shown(date: PartialDate | None) -> str:
    return date.display() if date is not None else NoDate("no date")


def check_authorisation(obligation: Obligation, track: Track, events: Sequence[RegulatoryEvent]
                        ) -> RegulatoryEvent:
    """The authorising event the obligation belongs to, refused unless it is an actual authorisation (or a
    later decision imposing conditions) recorded on the obligation's track."""
    event = next((e for e in events if e.id == obligation.authorisation_event_id), None)
    if event is None or (obligation.track_id is not None and event.track_id not in (None, obligation.track_id)):
        raise InvalidInput(Problem("authorisation", str(obligation.authorisation_event_id),
                                   "obligation.authorisation_missing", {"track": track}))
    if event.type not in AUTHORISING or event.planned:
        raise InvalidInput(Problem("authorisation", str(event.id), "obligation.not_authorisation",
                                   {"event": event.type, "date": _shown(event.date),
                                    "valid": ", ".join(sorted(AUTHORISING))}))
    return event


def due_of(obligation: Obligation, authorisation: RegulatoryEvent | None,
           events: Iterable[ObligationEvent] = (), as_of: dt.date | None = None) -> Due | None:
    """The obligation's due date (a range when imprecise): its date, or its rule counted from the
    authorisation; the last extension known on ``as_of`` replaces either."""
    due: Due | None = None
    if obligation.due is not None:
        due = Due(obligation.due.earliest, obligation.due.latest)
    elif obligation.due_rule is not None and authorisation is not None and authorisation.date is not None:
        unit = Unit.YEARS if obligation.due_rule.unit is DueUnit.YEARS else Unit.MONTHS
        due = due_from(authorisation.date, obligation.due_rule.amount, unit)
    for e in sorted(events, key=lambda e: e.order_key):
        if e.type is ObligationEventType.EXTENDED and e.new_due is not None and (
                as_of is None or e.date.earliest <= as_of):
            due = Due(e.new_due.earliest, e.new_due.latest)
    return due


def check_sequence(obligation: Obligation, events: Sequence[ObligationEvent],
                   authorisation: RegulatoryEvent | None = None) -> None:
    """Refuse an obligation history that cannot have happened: anything after it was closed (fulfilled or
    released), an extension that does not move the due date later, an event before the authorisation."""
    closed: ObligationEvent | None = None
    current = due_of(obligation, authorisation)
    for e in sorted(events, key=lambda e: e.order_key):
        if authorisation is not None and authorisation.date is not None and e.date.surely_before(
                authorisation.date):
            raise InvalidInput(Problem("date", e.date.display(), "obligation.before_authorisation", {
                "type": e.type.value, "event": authorisation.type, "date": authorisation.date.display()}))
        if closed is not None:
            raise InvalidInput(Problem("type", e.type.value, "obligation.after_closed", {
                "date": e.date.display(), "closed": closed.type.value, "closed_date": closed.date.display()}))
        if e.type is ObligationEventType.EXTENDED:
            assert e.new_due is not None
            if current is not None and e.new_due.latest <= current.latest:
                raise InvalidInput(Problem("new_due", e.new_due.display(), "obligation.extension_not_later", {
                    "due": current.display()}))
            current = Due(e.new_due.earliest, e.new_due.latest)
        if e.type in _CLOSING:
            closed = e


@dataclass(frozen=True)
class ObligationState:
    """An obligation as of one day."""

    as_of: dt.date
    status: ObligationStatus
    due: Due | None
    since: PartialDate | None = None  # date of the event that set the status (none for open/overdue)
    late: bool = False  # delivered (submitted or fulfilled) only after the due date
    last_event: ObligationEvent | None = None

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED


def status_as_of(obligation: Obligation, events: Sequence[ObligationEvent], as_of: dt.date, *,
                 authorisation: RegulatoryEvent | None = None, soon_days: int = DUE_SOON_DAYS) -> ObligationState:
    """The obligation's status on ``as_of``: events dated after it are not yet known."""
    known = [e for e in sorted(events, key=lambda e: e.order_key) if e.date.earliest <= as_of]
    due = due_of(obligation, authorisation, known, as_of)
    delivered = [e for e in known if e.type is not ObligationEventType.EXTENDED]
    last = delivered[-1] if delivered else None
    first_delivery = delivered[0] if delivered else None
    late = bool(due is not None and first_delivery is not None and first_delivery.date.earliest > due.latest)
    if last is not None and last.type is ObligationEventType.FULFILLED:
        return ObligationState(as_of, ObligationStatus.FULFILLED, due, last.date, late, last)
    if last is not None and last.type is ObligationEventType.RELEASED:
        return ObligationState(as_of, ObligationStatus.RELEASED, due, last.date, False, last)
    if last is not None:  # submitted: with the agency
        return ObligationState(as_of, ObligationStatus.SUBMITTED, due, last.date, late, last)
    if due is None:
        return ObligationState(as_of, ObligationStatus.OPEN, None)
    if as_of > due.latest:
        return ObligationState(as_of, ObligationStatus.OVERDUE, due)
    if (due.earliest - as_of).days <= soon_days:
        return ObligationState(as_of, ObligationStatus.DUE_SOON, due)
    return ObligationState(as_of, ObligationStatus.OPEN, due)


@dataclass(frozen=True)
class ConversionObligations:
    """A conversion (conditional or time-limited → full) and the obligations still open on its day."""

    conversion: RegulatoryEvent
    open: tuple[Obligation, ...]


# What turns a conditional or time-limited authorisation into a full one: JP 本承認 after the conversion
# application, CN/IN approval after the conditional one, EU/CA "conditions met", KR approval after the change
# application.  Read off the replay: any step from these states into AUTHORISED_FULL.
def open_at_conversions(track: Track, events: Sequence[RegulatoryEvent], obligations: Sequence[Obligation],
                        obligation_events: Sequence[ObligationEvent]) -> list[ConversionObligations]:
    """For each conversion on the track, the obligations tied to the track's earlier authorisations that were
    not fulfilled or released on the conversion's day (its latest possible day when imprecise)."""
    status = derive(track, events)
    by_obligation: dict[int | None, list[ObligationEvent]] = {}
    for e in obligation_events:
        by_obligation.setdefault(e.obligation_id, []).append(e)
    by_id = {e.id: e for e in ordered(actual(events)) if e.id is not None}
    out = []
    for step in status.steps:
        if step.before not in CONVERTIBLE or step.after is not State.AUTHORISED_FULL:
            continue
        day = step.event.date.latest if step.event.date is not None else dt.date.max
        still_open = []
        for ob in obligations:
            auth = by_id.get(ob.authorisation_event_id) if ob.authorisation_event_id is not None else None
            if auth is None or auth.order_key >= step.event.order_key:
                continue  # not this track's, or imposed by the conversion itself or later
            state = status_as_of(ob, by_obligation.get(ob.id, []), day, authorisation=auth)
            if state.is_open:
                still_open.append(ob)
        out.append(ConversionObligations(step.event, tuple(still_open)))
    return out
