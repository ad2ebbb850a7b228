"""Timeline layouts from the database: the country, product and approvals views.

One read per request; the layout itself is computed by :mod:`mscreg.domain.timeline_layout`, so the
window, the command line and the printer all get the same lanes for the same question.
"""

from __future__ import annotations

import datetime as dt

from mscreg.domain.errors import NotFound, Problem
from mscreg.domain.jurisdictions import get_jurisdiction
from mscreg.domain.timeline_layout import (
    TimelineLayout,
    approvals_layout,
    country_layout,
    product_layout,
)
from mscreg.domain.track import TrackLog
from mscreg.services.tracker import find_product, product_overviews
from mscreg.services.workspace import Workspace


def track_logs(ws: Workspace) -> list[TrackLog]:
    """Every track of every product with its whole event log (one read session)."""
    # the replayed log leaves plans out; a timeline draws them (outlined), so they are put back
    return [TrackLog(ov.product, tv.track, (*tv.events, *tv.plans)) for ov in product_overviews(ws) for tv in ov.tracks]


def country_timeline(ws: Workspace, jurisdiction: str, as_of: dt.date | None = None,
                     lang: str = "en") -> TimelineLayout:
    code = get_jurisdiction(jurisdiction).code  # refuses an unknown code before reading anything
    return country_layout(code, track_logs(ws), as_of or dt.date.today(), lang)


def product_timeline(ws: Workspace, product: str, as_of: dt.date | None = None,
                     lang: str = "en") -> TimelineLayout:
    found = find_product(ws, product)
    logs = [TrackLog(ov.product, tv.track, (*tv.events, *tv.plans))  # this product's tracks only
            for ov in product_overviews(ws, product) if ov.product.id == found.id for tv in ov.tracks]
    if not logs:
        raise NotFound(Problem("product", product, "timeline.no_tracks"))
    return product_layout(found, logs, as_of or dt.date.today(), lang)


def approvals_timeline(ws: Workspace, as_of: dt.date | None = None, lang: str = "en") -> TimelineLayout:
    return approvals_layout(track_logs(ws), as_of or dt.date.today(), lang)
