"""Regulatory events: the log every state, clock and timeline is derived from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from mscreg.domain.errors import invalid
from mscreg.domain.event_types import get_event_type, validate_attributes
from mscreg.domain.partial_date import PartialDate, parse_optional
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

    @property
    def order_key(self) -> tuple[int, dt.date | None, float]:
        """Replay order: undated events first (preconditions whose date was not found), then by
        earliest possible day, ties broken by the order of entry."""
        seq = self.id if self.id is not None else float("inf")
        if self.date is None:
            return (0, None, seq)
        return (1, self.date.earliest, seq)


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

    def to_event(self, *, id: int | None = None, track_id: int | None = None, version: int = 1
                 ) -> RegulatoryEvent:
        """Validate every field; the first bad one is refused with its name and value."""
        etype = get_event_type(self.type)
        date = parse_optional(self.date, approximate=self.approximate)
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
        )
