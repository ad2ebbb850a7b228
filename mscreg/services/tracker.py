"""Use cases on products, tracks and events, shared by the command line and the window.

Each function is one user action: one session, one transaction for a write, the domain's state
machine consulted before anything is written, and the audit rows in the same transaction.  A refused
action raises an :class:`~mscreg.domain.errors.MscregError` and leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from mscreg.domain.clocks import Clock
from mscreg.domain.errors import Conflict, NotFound, Problem, invalid
from mscreg.domain.event import EventDraft, RegulatoryEvent, mark_happened, refuse_future_actual
from mscreg.domain.event_types import Pathway
from mscreg.domain.holder import HolderTransfer, holder_as_of
from mscreg.domain.jurisdictions import get_jurisdiction
from mscreg.domain.obligation import AUTHORISING
from mscreg.domain.product import Product, clean_text
from mscreg.domain.state_as_of import derive_as_of
from mscreg.domain.state_machine import TrackStatus, check_change, derive
from mscreg.domain.track import Track, TrackDraft
from mscreg.domain.verification import Verification
from mscreg.services.collisions import retry_on_collision
from mscreg.services.object_churn import collector_paused
from mscreg.services.product_lookup import resolve_product, resolve_product_ids
from mscreg.services.reasons import require_reason
from mscreg.services.workspace import Workspace
from mscreg.storage import repositories as repo

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class TrackOverview:
    """A track as shown on a day: its state as of that day, and its whole log (later events included)."""

    track: Track
    status: TrackStatus  # as of the day the overview was read (see mscreg.domain.state_as_of)
    events: tuple[RegulatoryEvent, ...]
    ended_by: Clock | None = None  # the statutory term that ended, when the state is TERM_ENDED
    # the track's plans, by planned date: kept apart from ``events`` (the replayed log, which leaves
    # plans out), so nothing that reads the log can take a plan for a fact
    plans: tuple[RegulatoryEvent, ...] = ()
    verifications: tuple[Verification, ...] = ()  # checks against a source, oldest first

    @property
    def last_verified(self) -> Verification | None:
        return self.verifications[-1] if self.verifications else None


@dataclass(frozen=True)
class ProductOverview:
    product: Product
    tracks: tuple[TrackOverview, ...]
    transfers: tuple[HolderTransfer, ...] = ()  # holders and licensees over time, in order of entry

    def holder_on(self, jurisdiction: str, day: dt.date) -> str:
        """The holder in ``jurisdiction`` on ``day`` where transfers are recorded, else the product's company."""
        return holder_as_of(self.transfers, jurisdiction, day) or self.product.company

    def company_on(self, day: dt.date) -> str:
        """The company shown for the product on ``day``: the holders recorded as of then (several when
        jurisdictions differ, first recorded first), else the product's company."""
        seen: list[str] = []
        for code in dict.fromkeys(t.jurisdiction for t in self.transfers):
            holder = holder_as_of(self.transfers, code, day)
            if holder and holder not in seen:
                seen.append(holder)
        return " / ".join(seen) if seen else self.product.company


@dataclass(frozen=True)
class EventView:
    product: Product
    track: Track
    event: RegulatoryEvent


def _id(record_id: int | None) -> int:
    """The id of a record read back from the database (which always has one)."""
    assert record_id is not None, "a stored record has an id"
    return record_id


def product_overviews(ws: Workspace, product: str | None = None, as_of: dt.date | None = None
                      ) -> list[ProductOverview]:
    """Every product (or those matching ``product``) with each track's state as of ``as_of`` (today)."""
    with collector_paused():
        return _product_overviews(ws, product, as_of)


def _product_overviews(ws: Workspace, product: str | None, as_of: dt.date | None) -> list[ProductOverview]:
    with ws.db.read() as s:
        if product is None:
            return overviews_in(s, None, as_of)
        clean_text("product", product, required=True)
        return overviews_in(s, resolve_product_ids(s, product), as_of)


def overviews_in(session: Session, product_ids: Collection[int] | None, as_of: dt.date | None = None
                 ) -> list[ProductOverview]:
    """The products with ``product_ids`` (every product: None) in id order, each track's state derived
    as of ``as_of`` (today when None): events dated later are not yet known, and a statutory term that
    ran out with nothing recorded ends the authorisation.

    Without ids nothing is filtered in SQL: 10,000 bound parameters cost more than they filter.
    """
    day = as_of or dt.date.today()
    products = repo.list_products(session, product_ids)
    everything = product_ids is None
    tracks = repo.tracks_for_products(session, None if everything else [p.id for p in products if p.id is not None])
    events = repo.events_for_tracks(session, None if everything else [t.id for t in tracks if t.id is not None])
    transfers = repo.transfers_for_products(session, None if everything else [p.id for p in products
                                                                               if p.id is not None])
    checked = repo.verifications_for_tracks(session, None if everything else [t.id for t in tracks
                                                                              if t.id is not None])
    by_product: dict[int, list[TrackOverview]] = {}
    for t in tracks:
        log = events.get(t.id or 0, [])
        full = derive(t, log)
        shown = derive_as_of(t, log, day, replay=full)
        # the replay's steps hold the log in replay order: no second sort
        by_product.setdefault(t.product_id or 0, []).append(
            TrackOverview(t, shown.status, tuple(step.event for step in full.steps), shown.ended_by,
                          plans=tuple(sorted((e for e in log if e.planned), key=lambda e: e.order_key)),
                          verifications=tuple(checked.get(t.id or 0, ()))))
    return [ProductOverview(p, tuple(by_product.get(p.id or 0, [])), tuple(transfers.get(p.id or 0, ())))
            for p in products]


def find_product(ws: Workspace, name: str) -> Product:
    clean_text("product", name, required=True)
    with ws.db.read() as s:
        return _one_product(s, name)


def _one_product(s: Session, name: str) -> Product:
    """The one product ``name`` designates: a name or alias, else a unique partial or pinyin match
    (see :mod:`mscreg.services.product_lookup`); several candidates or none are refused, naming them or
    the closest names."""
    return resolve_product(s, name)


def list_events(ws: Workspace, product: str | None = None, jurisdiction: str | None = None,
                as_of: dt.date | None = None) -> list[EventView]:
    """Events in date order per track, tracks by product then jurisdiction; with ``as_of``, only the events
    known on that day (undated events kept)."""
    code = get_jurisdiction(jurisdiction).code if jurisdiction else None
    out: list[EventView] = []
    for ov in product_overviews(ws, product, as_of):
        for tv in sorted(ov.tracks, key=lambda tv: (tv.track.jurisdiction, tv.track.pathway, tv.track.id)):
            if code and tv.track.jurisdiction != code:
                continue
            out.extend(EventView(ov.product, tv.track, e) for e in tv.events
                       if as_of is None or e.date is None or e.date.earliest <= as_of)
            # plans are listed (marked) with every event recorded; as of a day, only facts were known
            if as_of is None:
                out.extend(EventView(ov.product, tv.track, e) for e in tv.plans)
    return out


@dataclass(frozen=True)
class RecordResult:
    event: RegulatoryEvent
    track: Track
    status: TrackStatus
    track_created: bool


@retry_on_collision
def record_event(ws: Workspace, *, product: str, track: TrackDraft, draft: EventDraft, reason: str,
                 create_track: bool = True, new_track: bool = False, today: dt.date | None = None) -> RecordResult:
    """Record one event on a product's track, creating the track if asked; refused events change nothing.

    An indication that matches none of the product's tracks in that jurisdiction and pathway, while it
    has some there, is refused unless ``new_track`` says a new track is meant: a shortened or mistyped
    indication ("acute GVHD" for "acute GVHD after haematopoietic stem cell transplantation") would
    otherwise start a duplicate track silently.

    An event that has not happened yet (dated after ``today``) is refused unless it is recorded as
    planned: a mistyped year would otherwise change today's state."""
    clean_text("product", product, required=True)
    indication_given = bool((track.indication or "").strip())
    tdraft = track.validated() if indication_given else replace(track, indication="-").validated()
    event = draft.to_event()
    refuse_future_actual(event, today or dt.date.today())
    why = require_reason(reason)
    with ws.db.write() as s:
        prod = _one_product(s, product)
        assert prod.id is not None
        if not indication_given:
            tdraft = _only_track(s, prod, tdraft)
        existing = repo.find_track(s, prod.id, tdraft)
        created = False
        if new_track and existing is not None:
            raise Conflict(Problem("indication", tdraft.indication, "track.exists"))
        if existing is None and create_track and not new_track:
            _refuse_near_miss(s, prod, tdraft)
        if existing is None:
            if not create_track:
                raise NotFound(Problem("indication", tdraft.indication, "track.not_found",
                                       {"product": prod.name}))
            candidate = Track(None, prod.id, prod.name, tdraft.jurisdiction, tdraft.indication,
                              Pathway(tdraft.pathway))
            log: list[RegulatoryEvent] = []
        else:
            candidate = existing
            assert existing.id is not None
            log = repo.events_for_track(s, existing.id)
        for other in log:
            if other.type == event.type and other.date == event.date:
                raise Conflict(Problem("type", event.type, "event.duplicate", {"track": candidate}))
        status = check_change(candidate, [*log, event], event, "add")
        if existing is None:
            existing = repo.create_track(s, prod.id, tdraft, reason=why)
            created = True
        assert existing.id is not None
        saved = repo.create_event(s, existing.id, replace(event, track_id=existing.id), reason=why)
    return RecordResult(saved, existing, status, created)


def _refuse_near_miss(s: Session, prod: Product, tdraft: TrackDraft) -> None:
    """Refuse an indication that matches no track where the product already has tracks, naming them and
    the closest one."""
    import difflib

    others = [t.indication for t in repo.tracks_for_products(s, [_id(prod.id)])
              if t.jurisdiction == tdraft.jurisdiction and t.pathway.value == tdraft.pathway]
    if not others:
        return
    folded = {o.casefold(): o for o in others}
    close = difflib.get_close_matches(tdraft.indication.casefold(), list(folded), n=1, cutoff=0.0)
    closest = folded[close[0]] if close else others[0]
    raise invalid("indication", tdraft.indication, "track.no_match", product=prod.name,
                  jurisdiction=tdraft.jurisdiction, pathway=Pathway(tdraft.pathway), tracks="; ".join(others),
                  closest=closest)


def _only_track(s: Session, prod: Product, tdraft: TrackDraft) -> TrackDraft:
    """With no indication given, the product's one track in that jurisdiction and pathway."""
    candidates = [t for t in repo.tracks_for_products(s, [_id(prod.id)])
                  if t.jurisdiction == tdraft.jurisdiction and t.pathway.value == tdraft.pathway]
    if len(candidates) == 1:
        return replace(tdraft, indication=candidates[0].indication)
    code = "track.need_indication" if not candidates else "track.ambiguous"
    raise invalid("indication", "", code, product=prod.name, jurisdiction=tdraft.jurisdiction,
                  pathway=Pathway(tdraft.pathway), tracks="; ".join(t.indication for t in candidates) or "—")


def event_by_id(ws: Workspace, event_id: int) -> RegulatoryEvent:
    """One event as recorded (refused with exit 4 when there is none)."""
    with ws.db.read() as s:
        return _event_and_track(s, event_id)[0]


def _event_and_track(s: Session, event_id: int) -> tuple[RegulatoryEvent, Track]:
    current = repo.get_event(s, event_id)
    if current is None:
        raise NotFound(Problem("event", str(event_id), "event.not_found"))
    assert current.track_id is not None
    track = repo.get_track(s, current.track_id)
    assert track is not None
    return current, track


@retry_on_collision
def update_event(ws: Workspace, event_id: int, draft: EventDraft, *, reason: str,
                 expected_version: int | None = None, today: dt.date | None = None) -> RecordResult:
    """Change an event; the whole track log must still replay afterwards."""
    why = require_reason(reason)
    with ws.db.write() as s:
        current, track = _event_and_track(s, event_id)
        assert current.track_id is not None
        changed = draft.to_event(id=event_id, track_id=current.track_id, version=current.version)
        if changed.type not in AUTHORISING or changed.planned:  # it would no longer impose its obligations
            repo.refuse_deleting_authorisation(s, current)
        refuse_future_actual(changed, today or dt.date.today())
        log = [changed if e.id == event_id else e for e in repo.events_for_track(s, current.track_id)]
        status = check_change(track, log, changed, "edit")
        saved = repo.update_event(s, event_id, changed, reason=why, expected_version=expected_version)
    return RecordResult(saved, track, status, False)


@retry_on_collision
def delete_event(ws: Workspace, event_id: int, *, reason: str,
                 expected_version: int | None = None) -> RecordResult:
    """Delete an event unless a later event depends on it (the log must still replay).

    ``expected_version`` is the version the user saw: if someone saved the event since, the delete
    is refused with who and when, rather than removing a record the user has not seen.
    """
    why = require_reason(reason)
    with ws.db.write() as s:
        current, track = _event_and_track(s, event_id)
        repo.refuse_deleting_authorisation(s, current)  # its obligations are named before anything else
        rest = [e for e in repo.events_for_track(s, _id(current.track_id)) if e.id != event_id]
        status = check_change(track, rest, current, "delete")
        repo.delete_event(s, event_id, reason=why, expected_version=expected_version)
    return RecordResult(current, track, status, False)


@retry_on_collision
def mark_event_happened(ws: Workspace, event_id: int, date: str, *, reason: str,
                        expected_version: int | None = None, today: dt.date | None = None) -> RecordResult:
    """Turn a planned event into the actual one, dated when it happened, in one audited update.

    The real date must be a fact (not a quarter, not after ``today``), and the track's log with the
    event now counted must still replay: otherwise nothing changes."""
    why = require_reason(reason)
    day = today or dt.date.today()
    with ws.db.write() as s:
        current, track = _event_and_track(s, event_id)
        assert current.track_id is not None
        happened = mark_happened(current, date, day)
        log = repo.events_for_track(s, current.track_id)
        for other in log:
            if other.id != event_id and other.type == happened.type and other.date == happened.date:
                raise Conflict(Problem("type", happened.type, "event.duplicate", {"track": track}))
        log = [happened if e.id == event_id else e for e in log]
        status = check_change(track, log, happened, "edit")
        saved = repo.update_event(s, event_id, happened, reason=why, expected_version=expected_version)
    return RecordResult(saved, track, status, False)
