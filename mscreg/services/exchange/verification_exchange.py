"""Verifications of tracks in the three exchange formats, and their import.

A verification ("checked against this source on this day") is a stored, audited record like an
event: an export that left it out would lose the review history when the file is imported into
another database.  It travels with its track: in the JSON document as a list ``verifications`` in
the track, in the workbook as a sheet ``verifications`` (the track's key, then its fields), and in
the one-file CSV as a row of its own whose ``verified_…`` cells are filled, with its track's cells
and no event cells.  A verification is matched by its track, day, source and note: one already
recorded is left unchanged (re-importing changes nothing), a new one is checked like ``mscreg
verify`` checks it (a day not after today, a source) and created with its audit row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mscreg.domain.errors import MscregError, Problem
from mscreg.domain.verification import Verification, make_verification
from mscreg.services.exchange.records import Origin, TrackKey

# a verification's own fields as a file holds them (JSON keys; sheet columns after the track's key)
VERIFICATION_FIELDS = ("date", "source", "note")
# the one-file CSV's columns for them (prefixed: the event columns have a date, a source and a note too)
FLAT_COLUMNS = tuple(f"verified_{f}" for f in VERIFICATION_FIELDS)


@dataclass(slots=True)
class VerificationIn:
    """A verification as a file gives it: its track's cells and its raw field values."""

    product: str
    jurisdiction: str
    indication: str
    pathway: str
    fields: dict[str, Any]
    origin: Origin


@dataclass(frozen=True)
class NewVerification:
    track: TrackKey
    verification: Verification
    origin: Origin


def verification_cells(v: Verification) -> list[str]:
    return [v.verified_on.isoformat(), v.source, v.note]


def verification_object(v: Verification) -> dict[str, Any]:
    return {"date": v.verified_on.isoformat(), "source": v.source, "note": v.note}


def _text(value: Any) -> str:
    if isinstance(value, dt.datetime):  # a spreadsheet's date cell; a verification is recorded by its day
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value).strip()


def identity(v: Verification) -> tuple[str, str, str]:
    return (v.verified_on.isoformat(), v.source, v.note)


def plan_verifications(items: list[VerificationIn], track_of: Callable[[VerificationIn], TrackKey | None],
                       recorded: dict[TrackKey, list[Verification]], add_issue: Any, today: dt.date
                       ) -> tuple[list[NewVerification], int]:
    """The file's verifications that are new, and how many are recorded already; every problem goes to
    ``add_issue(origin, field, problem)``.  ``track_of(item)`` names the item's track (reporting a bad
    track cell itself) or gives None."""
    new: list[NewVerification] = []
    unchanged = 0
    seen: dict[tuple[TrackKey, tuple[str, str, str]], Origin] = {}
    for item in items:
        key = track_of(item)
        if key is None:
            continue
        f = item.fields
        given = {k: _text(f[k]) for k in VERIFICATION_FIELDS if k in f}
        held = recorded.get(key, [])
        if len(given) < len(VERIFICATION_FIELDS) and any(
                all(dict(zip(VERIFICATION_FIELDS, identity(v), strict=True))[k] == g for k, g in given.items())
                for v in held):
            unchanged += 1  # an absent column keeps the recorded value: the row stands for that record
            continue
        if not given.get("date"):  # said plainly: the date parser's words are about event dates
            add_issue(item.origin, "date", Problem("date", "", "text.empty"))
            continue
        try:
            v = make_verification(None, given["date"], given.get("source", ""), note=given.get("note", ""),
                                  today=today)
        except MscregError as exc:
            p = exc.problems[0]
            add_issue(item.origin, p.field, p)
            continue
        ident = identity(v)
        if (key, ident) in seen:
            add_issue(item.origin, "date", Problem("date", ident[0], "import.duplicate_row",
                                                   {"other": seen[key, ident].row}))
            continue
        seen[key, ident] = item.origin
        if ident in {identity(r) for r in held}:
            unchanged += 1
            continue
        new.append(NewVerification(key, v, item.origin))
    return new, unchanged
