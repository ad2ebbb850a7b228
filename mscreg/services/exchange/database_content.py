"""Everything an export writes and an import matches against, read in one session.

Products in id order, each product's tracks in id order, each track's events in id order (the order
of entry), so an export re-imported into an empty database gets the same ids and exports again
identically.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.holder import HolderTransfer
from mscreg.domain.obligation import Obligation, ObligationEvent
from mscreg.domain.product import Product
from mscreg.domain.track import Track
from mscreg.domain.trial import TrialRegistration
from mscreg.domain.verification import Verification
from mscreg.services.workspace import Workspace
from mscreg.storage import bulk_write
from mscreg.storage import repositories as repo


@dataclass
class Content:
    products: list[Product] = field(default_factory=list)
    tracks: dict[int, list[Track]] = field(default_factory=dict)  # by product id
    events: dict[int, list[RegulatoryEvent]] = field(default_factory=dict)  # by track id
    audit_tail: int = 0  # id of the newest audit row when this was read
    transfers: dict[int, list[HolderTransfer]] = field(default_factory=dict)  # by product id
    trials: list[TrialRegistration] = field(default_factory=list)  # in id order
    obligations: dict[int, list[Obligation]] = field(default_factory=dict)  # by track id
    obligation_events: dict[int, list[ObligationEvent]] = field(default_factory=dict)  # by obligation id
    verifications: dict[int, list[Verification]] = field(default_factory=dict)  # by track id, oldest first

    def event_count(self) -> int:
        return sum(len(v) for v in self.events.values())

    def track_count(self) -> int:
        return sum(len(v) for v in self.tracks.values())


def load_content(ws: Workspace) -> Content:
    with ws.db.read() as s:
        products = repo.list_products(s)
        tracks = repo.tracks_for_products(s)
        events = repo.events_for_tracks(s)
        transfers = repo.transfers_for_products(s)
        obligations = repo.obligations_for_tracks(s)
        steps = repo.obligation_events_for(s)
        trials = repo.list_trials(s)
        verifications = repo.verifications_for_tracks(s)
        tail = bulk_write.audit_tail_id(s)
    content = Content(products=products, events=events, audit_tail=tail, obligations=obligations,
                      obligation_events=steps, trials=trials, transfers=transfers,
                      verifications=verifications)
    for t in tracks:
        content.tracks.setdefault(t.product_id or 0, []).append(t)
    return content
