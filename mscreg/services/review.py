"""Verified as of a day, and the review queue.

A reviewer confirms a track against a source (the agency's register, a label, an annual report)
without changing it; the check is recorded and audited.  The review queue lists what needs a
reviewer's eyes as of a day: tracks nobody has checked for ``months`` months (or ever), and tracks
whose statutory term ran out with nothing recorded, whose overdue clock most likely means an event
(a renewal, a withdrawal) was never entered.  The command line and the Deadlines page read the same
:func:`review_queue`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from mscreg.domain.clocks import Clock
from mscreg.domain.errors import invalid
from mscreg.domain.messages import text
from mscreg.domain.product import Product
from mscreg.domain.track import Track
from mscreg.domain.verification import Verification, make_verification
from mscreg.services.collisions import retry_on_collision
from mscreg.services.deadlines import deadlines_of
from mscreg.services.reasons import require_reason
from mscreg.services.tracker import ProductOverview, product_overviews
from mscreg.services.workspace import Workspace
from mscreg.storage import repositories as repo

DEFAULT_MONTHS = 6
MAX_MONTHS = 120


def months_before(day: dt.date, months: int) -> dt.date:
    """``day`` ``months`` calendar months earlier (the 31st becomes the month's last day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def check_months(months: int | str) -> int:
    try:
        n = int(str(months).strip())
    except ValueError:
        raise invalid("months", months, "review.months", max=MAX_MONTHS) from None
    if not 1 <= n <= MAX_MONTHS:
        raise invalid("months", months, "review.months", max=MAX_MONTHS)
    return n


@retry_on_collision
def verify_track(ws: Workspace, track_id: int, *, source: str, day: dt.date | str | None = None, note: str = "",
                 reason: str, today: dt.date | None = None) -> Verification:
    """Record that the track was checked against ``source`` on ``day`` (today), audited; the track and
    its events are left as they are."""
    why = require_reason(reason)
    now = today or dt.date.today()
    value = make_verification(track_id, day if day is not None else now, source, note=note, today=now)
    with ws.db.write() as s:
        return repo.create_verification(s, track_id, value, reason=why)


@dataclass(frozen=True)
class ReviewItem:
    """One reason to look at one track again."""

    product: Product
    track: Track
    kind: str  # "never_verified", "not_verified_since", "term_ended"
    last: Verification | None = None  # the last check known on the day
    clock: Clock | None = None  # the overdue clock of a term that ended

    def reason(self, lang: str, months: int) -> str:
        if self.kind == "never_verified":
            return text("review.never_verified", lang)
        if self.kind == "not_verified_since":
            assert self.last is not None
            return text("review.not_verified_since", lang, day=self.last.verified_on.isoformat(), months=months,
                        source=self.last.source)
        assert self.clock is not None
        return text("review.term_ended", lang, rule=self.clock.rule.description(lang),
                    due=self.clock.due.display(), basis=self.clock.rule.basis)


@dataclass(frozen=True)
class ReviewQueue:
    as_of: dt.date
    months: int
    items: tuple[ReviewItem, ...]


def last_verified(verifications: Iterable[Verification], day: dt.date) -> Verification | None:
    """The latest check made on or before ``day``."""
    known = [v for v in verifications if v.verified_on <= day]
    return max(known, key=lambda v: (v.verified_on, v.id or 0)) if known else None


def review_queue_of(overviews: Iterable[ProductOverview], as_of: dt.date, months: int = DEFAULT_MONTHS,
                    deadlines: Iterable[Any] | None = None) -> ReviewQueue:
    """:func:`review_queue` for overviews already read (the window has them); ``deadlines``: the clocks
    as of ``as_of`` if already evaluated."""
    months = check_months(months)
    overviews = list(overviews)
    limit = months_before(as_of, months)
    items: list[ReviewItem] = []
    clocks = deadlines if deadlines is not None else deadlines_of(overviews, as_of)
    for d in clocks:
        if d.review:
            items.append(ReviewItem(d.product, d.clock.track, "term_ended", clock=d.clock))
    for ov in overviews:
        for tv in ov.tracks:
            last = last_verified(tv.verifications, as_of)
            if last is None:
                items.append(ReviewItem(ov.product, tv.track, "never_verified"))
            elif last.verified_on <= limit:
                items.append(ReviewItem(ov.product, tv.track, "not_verified_since", last=last))
    items.sort(key=review_order)
    return ReviewQueue(as_of, months, tuple(items))


_KIND_ORDER = {"term_ended": 0, "never_verified": 1, "not_verified_since": 2}


def review_order(item: ReviewItem, name: Callable[[Product], str] = lambda p: p.name) -> tuple[Any, ...]:
    """The queue's order: ended terms, never verified, then the oldest check first; within each, by the
    product's ``name`` (a listing in another language passes the name it shows)."""
    return (_KIND_ORDER[item.kind], item.last.verified_on if item.last else dt.date.min,
            name(item.product).casefold(), item.track.jurisdiction, item.track.id or 0)


def review_queue(ws: Workspace, as_of: dt.date, months: int = DEFAULT_MONTHS) -> ReviewQueue:
    """What needs a reviewer as of ``as_of``: tracks not verified within ``months`` months (or never), and
    tracks whose ended term's overdue clock suggests an event that was never recorded."""
    check_months(months)
    return review_queue_of(product_overviews(ws, as_of=as_of), as_of, months)


def review_item_json(item: ReviewItem, lang: str, months: int) -> dict[str, Any]:
    t = item.track
    c = item.clock
    return {
        "kind": item.kind, "reason": item.reason(lang, months),
        "product": item.product.name, "track_id": t.id, "jurisdiction": t.jurisdiction,
        "indication": t.indication, "pathway": t.pathway.value,
        "last_verified": item.last.verified_on.isoformat() if item.last else None,
        "source": item.last.source if item.last else None,
        "clock": ({"rule": c.rule.id, "due_earliest": c.due.earliest.isoformat(),
                   "due_latest": c.due.latest.isoformat(), "status": c.status.value} if c else None),
    }


def review_json(queue: ReviewQueue, lang: str) -> dict[str, Any]:
    return {"as_of": queue.as_of.isoformat(), "months": queue.months,
            "items": [review_item_json(i, lang, queue.months) for i in queue.items]}


def review_text(queue: ReviewQueue, lang: str) -> str:
    lines = [text("review.heading", lang, day=queue.as_of.isoformat(), months=queue.months, n=len(queue.items))]
    for i in queue.items:
        lines.append(f"  #{i.track.id} {i.track.label(lang)}")
        lines.append(f"      {i.reason(lang, queue.months)}")
    return "\n".join(lines)


def verified_label(v: Verification | None, lang: str) -> str:
    """"verified 2026-12-05, source …" for a track's last check (or that it never was)."""
    if v is None:
        return text("review.label_never", lang)
    return text("review.label", lang, day=v.verified_on.isoformat(), source=v.source)
