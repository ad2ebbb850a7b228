"""A track checked against a source on a day, without changing it ("verified 2026-12-05, source …").

A tracker shows dates someone once entered; a reviewer needs to know when each track was last
compared with the agency's own record, and which tracks nobody has looked at for months.  A
verification is a fact about the track's review, not about the product: recording one never
changes the track or its events, and it is audited like any other change (who: the audit actor).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from mscreg.domain.errors import invalid
from mscreg.domain.event import MAX_SOURCE
from mscreg.domain.partial_date import parse_day
from mscreg.domain.product import clean_text


@dataclass(frozen=True)
class Verification:
    """``track_id`` was checked against ``source`` on ``verified_on`` by ``who``."""

    id: int | None
    track_id: int | None
    verified_on: dt.date
    source: str
    note: str = ""
    who: str = ""


def make_verification(track_id: int | None, verified_on: str | dt.date, source: str, *, note: str = "",
                      who: str = "", today: dt.date | None = None) -> Verification:
    """Validate a verification: a day (not after ``today``: a check cannot have happened yet) and a
    source (what it was checked against is the point of recording it)."""
    day = verified_on if isinstance(verified_on, dt.date) else parse_day(str(verified_on), field="date")
    if today is not None and day > today:
        raise invalid("date", day.isoformat(), "verify.future", today=today.isoformat())
    text = clean_text("source", source, limit=MAX_SOURCE)
    if not text:
        raise invalid("source", source, "verify.needs_source")
    return Verification(None, track_id, day, text, clean_text("note", note), clean_text("who", who))
