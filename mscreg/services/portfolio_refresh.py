"""Re-reading only the products a change touched, found through the audit trail.

After an edit the window used to re-read the whole portfolio: 1.5 s, and about 150 MB more memory
while the old and the new portfolio were both held, at 10,000 products.  Every change
appends its audit rows in the same transaction as the change itself, so the rows after the audit
tail a portfolio was read at name every record that may differ since: changed in this window, by
the command line, or by a colleague on a shared server.  Only the products those records belong to
are read again, and the rest of the portfolio is kept as it is.

Why the audit trail and not record versions: a change to a product's aliases alone leaves the
product row's version as it was, and SQLite may give a deleted last event's id to the next one.

The tail is read *before* the portfolio.  On PostgreSQL (read committed) a change committed between
the two reads is then re-read once more at the next refresh, never missed.  When the tail row is
gone or has another hash (a backup restored, another file in its place), or when too much changed
for a partial read to be cheaper, :func:`refresh` answers None and the caller reads everything.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mscreg.services.object_churn import collector_paused
from mscreg.services.tracker import ProductOverview, overviews_in
from mscreg.services.workspace import Workspace
from mscreg.storage import repositories as repo
from mscreg.storage.audit_reader import AuditTail, ChangeRow, audit_tail, rows_after, still_there

if TYPE_CHECKING:
    from sqlmodel import Session

__all__ = ["AuditTail", "Portfolio", "Refreshed", "read_portfolio", "refresh"]

# Past this many audit rows since the tail (an import, say), reading everything is simpler and not slower.
MAX_ROWS = 20_000
# Likewise when this share of the products changed.
MAX_SHARE = 0.25


@dataclass(frozen=True)
class Portfolio:
    overviews: list[ProductOverview]  # in product id order
    tail: AuditTail | None  # the trail's last row when it was read (None: the trail was empty)


@dataclass(frozen=True)
class Refreshed:
    overviews: list[ProductOverview]  # the whole portfolio again, unchanged products the same objects
    tail: AuditTail | None
    changed: frozenset[int]  # products read again (they exist now)
    removed: frozenset[int]  # products gone since

    @property
    def touched(self) -> frozenset[int]:
        return self.changed | self.removed


def read_portfolio(ws: Workspace, as_of: dt.date | None = None) -> Portfolio:
    """Every product with each track's state derived as of ``as_of`` (today), and the audit tail it was
    read at."""
    with collector_paused(), ws.db.read() as s:
        tail = audit_tail(s)  # first: see the module docstring
        return Portfolio(overviews_in(s, None, as_of), tail)


def refresh(ws: Workspace, overviews: Sequence[ProductOverview], tail: AuditTail | None,
            as_of: dt.date | None = None) -> Refreshed | None:
    """``overviews`` (read at ``tail``, as of ``as_of``) brought up to date by re-reading the products
    changed since, as of the same day; None when everything should be read instead."""
    with collector_paused(), ws.db.read() as s:
        if tail is not None and not still_there(s, tail):
            return None
        rows = rows_after(s, tail.id if tail is not None else 0, MAX_ROWS)
        if rows is None:
            return None
        if not rows:
            return Refreshed(list(overviews), tail, frozenset(), frozenset())
        touched = _products_touched(s, rows, overviews)
        if touched is None or len(touched) > max(50, MAX_SHARE * len(overviews)):
            return None
        fresh = overviews_in(s, touched, as_of)
    new_tail = AuditTail(rows[-1].id, rows[-1].hash)
    by_id = {ov.product.id: ov for ov in fresh}
    merged = [by_id.pop(ov.product.id, None) if ov.product.id in touched else ov for ov in overviews]
    out = [ov for ov in merged if ov is not None]
    if by_id:  # products created since
        out.extend(by_id.values())
        out.sort(key=lambda ov: ov.product.id or 0)
    changed = frozenset(ov.product.id for ov in fresh if ov.product.id is not None)
    return Refreshed(out, new_tail, changed, frozenset(touched - changed))


def _products_touched(session: Session, rows: Iterable[ChangeRow],
                      overviews: Sequence[ProductOverview]) -> set[int] | None:
    """Ids of every product a row may have changed; None for a row of a kind this does not know."""
    products: set[int] = set()
    tracks: set[int] = set()
    events: set[int] = set()
    for row in rows:
        if row.entity in ("holder_transfer", "verification"):
            pass  # created and deleted only, each row naming its product or track (read below)
        elif row.entity not in ("product", "track", "event"):
            return None
        else:
            {"product": products, "track": tracks, "event": events}[row.entity].add(row.entity_id)
        changes = json.loads(row.changes)
        # creations and deletions record every field, owners included (an update, only what it changed)
        for key, into in (("product_id", products), ("track_id", tracks)):
            for value in changes.get(key) or ():
                if isinstance(value, int):
                    into.add(value)
    # owners as they are now, and as the portfolio read before had them (records deleted since)
    event_track = repo.tracks_of_events(session, events)
    tracks.update(event_track.values())
    track_product = repo.products_of_tracks(session, tracks)
    products.update(track_product.values())
    unknown_events = events - event_track.keys()
    unknown_tracks = tracks - track_product.keys()
    if unknown_events or unknown_tracks:
        for ov in overviews:
            for tv in ov.tracks:
                if tv.track.id in unknown_tracks or (unknown_events and any(e.id in unknown_events for e in tv.events)):
                    products.add(ov.product.id or 0)
    products.discard(0)
    return products
