"""Regulatory events: the log every state, clock and timeline is derived from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any

from mscreg.domain.errors import invalid
from mscreg.domain.event_types import get_event_type, validate_attributes
from mscreg.domain.messages import NoDate
from mscreg.domain.partial_date import PartialDate, Precision, parse_optional
from mscreg.domain.product import MAX_NAME, clean_text, parse_enum

MAX_SOURCE = 4000


class Confidence(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


@dataclass(frozen=True, slots=True)
class RegulatoryEvent:
    """One dated event on one track.  ``date`` is None when the source gives no date at all.

    Slotted: at 100,000 events the per-instance dictionaries were 40 MB.  Storage reads it back
    through its codec (``mscreg.storage.record_codecs.EVENT``), which builds it without ``__init__``.
    """

    id: int | None
    track_id: int | None
    type: str
    date: PartialDate | None
    agency: str = ""
    reference: str = ""
    source: str = ""
    confidence: Confidence = Confidence.MEDIUM
    note: str = ""
    attributes: Mapping[str, str] = field(default_factory=dict)
    version: int = 1
    # A plan ("BLA planned 2027-Q2"), not a fact: it is kept, listed and drawn, but never changes a
    # derived state or starts a clock.  Only a planned event may be dated by quarter or in the future.
    planned: bool = False
    # Added after the first release: the note in Chinese ("" when not written)
    note_zh: str = ""

    @property
    def order_key(self) -> tuple[int, dt.date | None, float]:
        """Replay order: undated events first (preconditions whose date was not found), then by
        earliest possible day, ties broken by the order of entry."""
        seq = self.id if self.id is not None else float("inf")
        if self.date is None:
            return (0, None, seq)
        return (1, self.date.earliest, seq)


def _compile_new_event() -> Callable[..., RegulatoryEvent]:
    """:data:`new_event`, generated from the dataclass's own fields (so it cannot fall out of step)."""
    names = [f.name for f in fields(RegulatoryEvent)]
    env: dict[str, Any] = {"new": object.__new__, "kind": RegulatoryEvent,
                           **{f"set_{n}": getattr(RegulatoryEvent, n).__set__ for n in names}}
    lines = [f"def new_event(*, {', '.join(names)}):", "    e = new(kind)",
             *(f"    set_{n}(e, {n})" for n in names), "    return e"]
    exec("\n".join(lines), env)  # the source is generated from the field names above
    return env["new_event"]  # type: ignore[no-any-return]  # built from text, so mypy sees Any


# ``new_event(id=…, track_id=…, …)``: the event ``RegulatoryEvent(...)`` makes from the same values, every
# field given by name (none has a default here, so a field added to the class cannot be left out
# unnoticed).  An import builds 100,000 of them; the frozen dataclass's ``__init__`` (one
# ``object.__setattr__`` per field) took 2 µs each, setting the slots directly less than half of that.
new_event: Callable[..., RegulatoryEvent] = _compile_new_event()


@dataclass(frozen=True)
class EventDraft:
    """An event as proposed by a dialog, the command line or an import, before validation."""

    type: str
    date: str | None
    agency: str = ""
    reference: str = ""
    source: str = ""
    confidence: str = Confidence.MEDIUM.value
    note: str = ""
    attributes: Mapping[str, str] = field(default_factory=dict)
    approximate: bool = False
    planned: bool = False
    note_zh: str = ""

    def to_event(self, *, id: int | None = None, track_id: int | None = None, version: int = 1
                 ) -> RegulatoryEvent:
        """Validate every field; the first bad one is refused with its name and value."""
        etype = get_event_type(self.type)
        date = parse_optional(self.date, approximate=self.approximate)
        if date is not None and not self.planned:
            check_actual_precision(date)
        attributes = validate_attributes(etype, self.attributes)
        received = attributes.get("received")
        if received and date is not None and dt.date.fromisoformat(received) > date.latest:
            # a receipt after the acceptance it led to: one of the two dates is mistyped
            raise invalid("attributes.received", received, "attribute.received_after", date=date.display())
        return RegulatoryEvent(
            id=id,
            track_id=track_id,
            type=etype.code,
            date=date,
            agency=clean_text("agency", self.agency, limit=MAX_NAME),
            reference=clean_text("reference", self.reference, limit=MAX_NAME),
            source=clean_text("source", self.source, limit=MAX_SOURCE),
            confidence=Confidence(parse_enum(Confidence, "confidence", self.confidence).value),
            note=clean_text("note", self.note),
            attributes=attributes,
            version=version,
            planned=bool(self.planned),
            note_zh=clean_text("note_zh", self.note_zh),
        )


def actual(events: Iterable[RegulatoryEvent]) -> list[RegulatoryEvent]:
    """The events that happened: what states and clocks are derived from (plans are left out)."""
    return [e for e in events if not e.planned]


def check_actual_precision(date: PartialDate, *, field: str = "date") -> None:
    """A quarter is how plans are dated; a source reporting what happened gives a year, a month or a day
    (a press release saying "in the second quarter" is recorded as its year, or its months' range in a
    note), so an actual event dated by quarter is refused with the way to record it."""
    if date.precision is Precision.QUARTER:
        raise invalid(field, date.display(), "event.quarter_actual", year=date.year)


def refuse_future_actual(event: RegulatoryEvent, today: dt.date, *, field: str = "date") -> None:
    """Refuse an actual event that surely lies after ``today``: it has not happened, so it is either a
    mistyped date or a plan.  A date whose range includes today ("this month") is accepted."""
    if event.planned or event.date is None:
        return
    if event.date.earliest > today:
        raise invalid(field, event.date.display(), "event.future_actual", event=event.type,
                      today=today.isoformat())


def mark_happened(event: RegulatoryEvent, date: PartialDate | str, today: dt.date) -> RegulatoryEvent:
    """The planned ``event`` turned into the actual one, dated when it really happened.

    Everything else (type, track, sources, attributes, id and version) is kept: storage records the one
    change, old → new, in a single audited step.  The real date must be a fact: not a quarter, not after
    ``today``.
    """
    if not event.planned:
        raise invalid("planned", event.type, "event.not_planned", date=_shown(event.date))
    real = date if isinstance(date, PartialDate) else PartialDate.parse(date, field="date")
    check_actual_precision(real)
    happened = replace(event, date=real, planned=False)
    refuse_future_actual(happened, today)
    return happened


def _shown(date: PartialDate | None) -> str:
    return date.display() if date is not None else NoDate("no date")
