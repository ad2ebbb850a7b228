"""Deadlines across the whole database, evaluated as of a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from mscreg.domain.clocks import Clock, Status, track_clocks
from mscreg.domain.product import Product
from mscreg.services.object_churn import collector_paused
from mscreg.services.obligations import ObligationView, list_obligations
from mscreg.services.tracker import ProductOverview, product_overviews
from mscreg.services.workspace import Workspace


@dataclass(frozen=True)
class Deadline:
    product: Product
    clock: Clock
    # an overdue clock on a track whose statutory term ended with nothing recorded: it no longer alarms,
    # it asks for a review of the track (a renewal or an ending that was never recorded)
    review: bool = False


def deadlines(ws: Workspace, as_of: dt.date | None = None, *, include_stopped: bool = False) -> list[Deadline]:
    """Every track's clocks (stopped ones only when asked), soonest first."""
    return deadlines_of(product_overviews(ws), as_of, include_stopped=include_stopped)


def deadlines_of(overviews: Iterable[ProductOverview], as_of: dt.date | None = None, *,
                 include_stopped: bool = False) -> list[Deadline]:
    """:func:`deadlines` for overviews already read (the window reads them once for list and clocks)."""
    with collector_paused():
        return _deadlines_of(overviews, as_of or dt.date.today(), include_stopped)


def _deadlines_of(overviews: Iterable[ProductOverview], day: dt.date, include_stopped: bool) -> list[Deadline]:
    out: list[Deadline] = []
    for ov in overviews:
        for tv in ov.tracks:
            ended = tv.ended_by is not None
            for clock in track_clocks(tv.track, tv.events, day):
                if clock.status is Status.STOPPED and not include_stopped:
                    continue
                out.append(Deadline(ov.product, clock, ended and clock.status is Status.OVERDUE))
    out.sort(key=_soonest_first)
    return out


def _soonest_first(d: Deadline) -> tuple[Any, ...]:
    """Due date, then product and rule; the track's id last, so that a partial update orders ties
    exactly as a full evaluation does."""
    return (d.clock.due.earliest, d.product.name, d.clock.rule.id, d.clock.track.id or 0)


def deadlines_updated(previous: Iterable[Deadline], changed: Iterable[ProductOverview], touched: Collection[int],
                      as_of: dt.date) -> list[Deadline]:
    """``previous`` (as of ``as_of``) with the clocks of the ``touched`` products replaced by those of
    ``changed`` (re-read after an edit; a touched product not among them is gone): the same list
    :func:`deadlines_of` gives for the whole portfolio, without evaluating every clock again."""
    kept = [d for d in previous if d.product.id not in touched]
    kept.extend(deadlines_of(changed, as_of))
    kept.sort(key=_soonest_first)
    return kept


def obligation_deadlines(ws: Workspace, as_of: dt.date | None = None) -> list[ObligationView]:
    """Obligations still open on ``as_of`` (today) whose due date is known, soonest first: a deadline of
    their own kind, set by the authorisation rather than by a statutory clock."""
    return [v for v in list_obligations(ws, open_only=True, as_of=as_of) if v.state.due is not None]


def obligation_deadline_json(v: ObligationView, lang: str = "en") -> dict[str, Any]:
    """An open obligation in the shape of :func:`deadline_json`'s rows (``kind`` tells them apart)."""
    o, st = v.obligation, v.state
    assert st.due is not None
    return {
        "kind": "obligation",
        "obligation": o.id,
        "product": v.product.name,
        "product_zh": v.product.name_zh,
        "jurisdiction": v.track.jurisdiction,
        "indication": v.track.indication,
        "pathway": v.track.pathway.value,
        "obligation_kind": o.kind.value,
        "description": v.text(lang),
        "owner": o.owner,
        "anchor_type": v.authorisation.type if v.authorisation else None,
        "anchor_date": v.authorisation.date.iso() if v.authorisation and v.authorisation.date else None,
        "due_earliest": st.due.earliest.isoformat(),
        "due_latest": st.due.latest.isoformat(),
        "status": st.status.value,
        "days_left": (st.due.latest - st.as_of).days,
    }


def deadline_json(d: Deadline, as_of: dt.date, lang: str = "en") -> dict[str, Any]:
    c = d.clock
    return {
        "kind": "clock",
        "product": d.product.name,
        "product_zh": d.product.name_zh,
        "jurisdiction": c.track.jurisdiction,
        "indication": c.track.indication,
        "pathway": c.track.pathway.value,
        "rule": c.rule.id,
        "description": c.rule.description(lang),
        "basis": c.rule.basis,
        "anchor_type": c.anchor.type,
        "anchor_date": c.anchor.date.iso() if c.anchor.date else None,
        "due_earliest": c.due.earliest.isoformat(),
        "due_latest": c.due.latest.isoformat(),
        "status": c.status.value,
        "provisional": c.due.provisional,
        "days_left": c.days_left(as_of),
        "settled_by": ({"type": c.settled_by.type, "date": c.settled_by.date.iso() if c.settled_by.date else None}
                       if c.settled_by else None),
        "occurrence": c.occurrence,
        "review": d.review,
        "agency_goal": c.rule.agency_goal,
    }
