"""Timeline layouts from the database: the country, product and approvals views.

One read per request; the layout itself is computed by :mod:`mscreg.domain.timeline_layout`, so the
window, the command line and the printer all get the same lanes for the same question.  The country and
product views also draw the obligations of each authorisation and, unless ``trials=False``, a lane of
the trials linked to each product; the world-approvals chart is about approvals and gets neither.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from mscreg.domain.errors import NotFound, Problem
from mscreg.domain.holder import HolderTransfer
from mscreg.domain.jurisdictions import get_jurisdiction
from mscreg.domain.timeline_layout import (
    ObligationsByTrack,
    TimelineLayout,
    approvals_layout,
    country_layout,
    product_layout,
)
from mscreg.domain.track import TrackLog
from mscreg.domain.trial import TrialRegistration
from mscreg.services.tracker import find_product, product_overviews
from mscreg.services.workspace import Workspace
from mscreg.storage import repositories as repo


def track_logs(ws: Workspace) -> list[TrackLog]:
    """Every track of every product with its whole event log (one read session)."""
    return _logs_and_transfers(ws)[0]


def _logs_and_transfers(ws: Workspace, product: str | None = None
                        ) -> tuple[list[TrackLog], dict[int, Sequence[HolderTransfer]]]:
    """The tracks' logs, and each product's transfers of holder or licensee (a lane names the holder of
    its day), from one read."""
    overviews = product_overviews(ws, product) if product is not None else product_overviews(ws)
    # the replayed log leaves plans out; a timeline draws them (outlined), so they are put back
    logs = [TrackLog(ov.product, tv.track, (*tv.events, *tv.plans)) for ov in overviews for tv in ov.tracks]
    return logs, {ov.product.id: ov.transfers for ov in overviews if ov.product.id is not None and ov.transfers}


def _extras(ws: Workspace, trials: bool, logs: list[TrackLog], product_ids: set[int] | None = None
            ) -> tuple[ObligationsByTrack, list[TrialRegistration]]:
    """The obligations with their steps of the tracks of ``logs``, by track, and (when wanted) the trials
    linked to their products (or to ``product_ids``)."""
    track_ids = [log.track.id for log in logs if log.track.id is not None]
    if product_ids is None:
        product_ids = {log.product.id for log in logs if log.product.id is not None}
    with ws.db.read() as s:
        owed = repo.obligations_for_tracks(s, track_ids)
        steps = repo.obligation_events_for(s, [o.id for found in owed.values() for o in found if o.id is not None]) \
            if owed else {}
        linked = repo.linked_trials(s, product_ids) if trials else []
    by_track = {track_id: [(o, tuple(steps.get(o.id or 0, ()))) for o in found] for track_id, found in owed.items()}
    return by_track, linked


def country_timeline(ws: Workspace, jurisdiction: str, as_of: dt.date | None = None,
                     lang: str = "en", *, trials: bool = True) -> TimelineLayout:
    code = get_jurisdiction(jurisdiction).code  # refuses an unknown code before reading anything
    logs, transfers = _logs_and_transfers(ws)
    owed, linked = _extras(ws, trials, [log for log in logs if log.track.jurisdiction == code])
    return country_layout(code, logs, as_of or dt.date.today(), lang, obligations=owed, trials=linked,
                          transfers=transfers)


def product_timeline(ws: Workspace, product: str, as_of: dt.date | None = None,
                     lang: str = "en", *, trials: bool = True) -> TimelineLayout:
    found = find_product(ws, product)
    everything, transfers = _logs_and_transfers(ws, product)
    logs = [log for log in everything if log.product.id == found.id]  # this product's tracks only
    # a product still in development may have registry trials and no regulatory track yet: its trials are
    # still a timeline
    owed, linked = _extras(ws, trials, logs, {found.id} if found.id is not None else set())
    if not logs and not linked:
        raise NotFound(Problem("product", product, "timeline.no_tracks"))
    return product_layout(found, logs, as_of or dt.date.today(), lang, obligations=owed, trials=linked,
                          transfers=transfers)


def approvals_timeline(ws: Workspace, as_of: dt.date | None = None, lang: str = "en") -> TimelineLayout:
    return approvals_layout(track_logs(ws), as_of or dt.date.today(), lang)
