"""Designations held as of a day, as flags for the product list, the product view and timelines.

Designations are events of the track they were granted on (an orphan designation, RMAT, Fast Track,
Breakthrough Therapy, PRIME, SAKIGAKE, China's breakthrough therapy, priority review); a later
``designation_withdrawn`` event ends the one it names.  The flags are derived from the actual events known
on the day, so a designation recorded for the future, or only planned, shows nothing yet.

Which designation presupposes what (an IND for RMAT, Fast Track and Breakthrough; a product not yet
authorised) is the state machine's business; this module only reads the replayed flags' history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mscreg.domain.event import RegulatoryEvent, actual
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.state_machine import ordered
from mscreg.domain.track import Track

# event type → the designation it grants (the flag ``designation_withdrawn`` names)
GRANTS: dict[str, str] = {
    "designation_orphan": "orphan",
    "designation_rmat": "rmat",
    "designation_fast_track": "fast_track",
    "designation_breakthrough": "breakthrough",
    "designation_prime": "prime",
    "designation_sakigake": "sakigake",
    "designation_priority_review": "priority",
    "ma_accepted_priority_review": "priority",
}

# The order chips are shown in: the designations that shape development first.
ORDER = ("orphan", "rmat", "breakthrough", "fast_track", "prime", "sakigake", "priority")


@dataclass(frozen=True)
class Designation:
    """One designation in force: what, where, since when, granted by which event, and the catalogue code of
    its chip text (``messages.text(label_key, lang, jurisdiction=...)``)."""

    kind: str
    jurisdiction: str
    date: PartialDate | None
    event_type: str
    event_id: int | None
    track_id: int | None

    @property
    def label_key(self) -> str:
        return f"designation.chip.{self.kind}"


def _granted(event: RegulatoryEvent) -> str | None:
    kind = GRANTS.get(event.type)
    if kind is None and event.type == "ma_accepted" and event.attributes.get("review") == "priority":
        kind = "priority"
    return kind


def designations_as_of(track: Track, events: Sequence[RegulatoryEvent], day: dt.date) -> list[Designation]:
    """The designations ``track`` holds on ``day``: granted by an actual event known then, not withdrawn."""
    held: dict[str, Designation] = {}
    for e in ordered(actual(events)):
        if e.date is not None and e.date.earliest > day:
            continue
        if e.type == "designation_withdrawn":
            held.pop(e.attributes.get("designation", ""), None)
            continue
        kind = _granted(e)
        if kind is not None and kind not in held:  # the first grant is the date it has been held since
            held[kind] = Designation(kind, track.jurisdiction, e.date, e.type, e.id, track.id)
    return sorted(held.values(), key=lambda d: ORDER.index(d.kind))


def product_designations_as_of(logs: Iterable[tuple[Track, Sequence[RegulatoryEvent]]],
                               day: dt.date) -> list[Designation]:
    """A product's designations on ``day`` over all its tracks: one per kind and jurisdiction (the earliest),
    in chip order, then by jurisdiction."""
    best: dict[tuple[str, str], Designation] = {}
    for track, events in logs:
        for d in designations_as_of(track, events, day):
            key = (d.kind, d.jurisdiction)
            known = best.get(key)
            if known is None or _sort_day(d) < _sort_day(known):
                best[key] = d
    return sorted(best.values(), key=lambda d: (ORDER.index(d.kind), d.jurisdiction))


def _sort_day(d: Designation) -> dt.date:
    return d.date.earliest if d.date is not None else dt.date.min
