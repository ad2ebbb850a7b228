"""Editing products, tracks and events from the window: the same checks and audit as the command line.

The window's dialogs never query; the edit controller asks this module for what a dialog needs to
show (a product, a track with its log, an event in its place) and sends the dialog's value back
here to be saved.  Every write is one transaction with its audit rows; a refused one changes nothing.

Deleting a product that still has tracks, or a track that still has events, is refused rather than
cascaded.  Regulatory records are kept so that every removal can be explained: a cascade would
remove a whole history under one reason.  The refusal says what to delete first, and each of those
deletions carries its own reason in the audit trail.

Events are recorded through :mod:`mscreg.services.tracker` (``record_event``, ``update_event``,
``delete_event``) so that the window and the command line share one path.  The pure functions at the
end (:func:`preview_event_change`, :func:`event_types_at`) let the event dialog explain a refusal
*before* the user saves, using the same state machine the save will apply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from mscreg.domain.errors import Conflict, MscregError, NotFound, Problem, TransitionRefused, invalid
from mscreg.domain.event import EventDraft, RegulatoryEvent, refuse_future_actual
from mscreg.domain.event_types import Pathway
from mscreg.domain.jurisdictions import get_jurisdiction
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import Product, ProductDraft
from mscreg.domain.state_machine import (
    TrackStatus,
    allowed_next,
    check_change,
    derive,
    ordered,
)
from mscreg.domain.states import State
from mscreg.domain.track import Track, TrackDraft, TrackLog
from mscreg.services import tracker
from mscreg.services.collisions import retry_on_collision
from mscreg.services.reasons import require_reason
from mscreg.services.workspace import Workspace
from mscreg.storage import repositories as repo

if TYPE_CHECKING:
    from sqlmodel import Session


# ----------------------------------------------------------------------------------------------
# what the dialogs show


@dataclass(frozen=True)
class EventInContext:
    """One event with the track log it sits in (for editing or deleting it)."""

    log: TrackLog
    event: RegulatoryEvent


def get_product(ws: Workspace, product_id: int) -> Product:
    with ws.db.read() as s:
        product = repo.get_product(s, product_id)
    if product is None:
        raise NotFound(Problem("product", str(product_id), "record.missing"))
    return product


def _track_log(s: Session, track_id: int) -> TrackLog:
    track = repo.get_track(s, track_id)
    if track is None:
        raise NotFound(Problem("track", str(track_id), "record.missing"))
    assert track.product_id is not None
    product = repo.get_product(s, track.product_id)
    assert product is not None
    return TrackLog(product, track, tuple(ordered(repo.events_for_track(s, track_id))))


def track_log(ws: Workspace, track_id: int) -> TrackLog:
    with ws.db.read() as s:
        return _track_log(s, track_id)


def event_in_context(ws: Workspace, event_id: int) -> EventInContext:
    with ws.db.read() as s:
        event = repo.get_event(s, event_id)
        if event is None:
            raise NotFound(Problem("event", str(event_id), "record.missing"))
        assert event.track_id is not None
        return EventInContext(_track_log(s, event.track_id), event)


def product_draft(p: Product) -> ProductDraft:
    """The draft that would save ``p`` unchanged (to prefill a dialog, or to undo back to it)."""
    return ProductDraft(
        name=p.name, name_zh=p.name_zh, inn=p.inn, aliases=tuple(p.aliases), company=p.company,
        company_zh=p.company_zh, company_aliases=tuple(p.company_aliases),
        source_tissue=str(p.source_tissue), donor_type=str(p.donor_type), modality=str(p.modality),
        notes=p.notes, notes_zh=p.notes_zh)


def track_draft(t: Track) -> TrackDraft:
    return TrackDraft(t.jurisdiction, t.indication, t.pathway.value, t.indication_zh)


def event_draft(e: RegulatoryEvent) -> EventDraft:
    """The draft that would save ``e`` unchanged, keeping its date's precision and "approximate"."""
    return EventDraft(
        type=e.type, date=e.date.iso() if e.date else None, agency=e.agency, reference=e.reference,
        source=e.source, confidence=str(e.confidence), note=e.note, attributes=dict(e.attributes),
        approximate=bool(e.date and e.date.approximate), planned=e.planned,
        note_zh=e.note_zh)


# ----------------------------------------------------------------------------------------------
# products


@retry_on_collision
def create_product(ws: Workspace, draft: ProductDraft, *, reason: str) -> Product:
    why = require_reason(reason)
    clean = draft.validated()
    with ws.db.write() as s:
        return repo.create_product(s, clean, reason=why)


@retry_on_collision
def update_product(ws: Workspace, product_id: int, draft: ProductDraft, *, reason: str,
                   expected_version: int | None = None) -> Product:
    why = require_reason(reason)
    clean = draft.validated()
    with ws.db.write() as s:
        return repo.update_product(s, product_id, clean, reason=why, expected_version=expected_version)


@retry_on_collision
def delete_product(ws: Workspace, product_id: int, *, reason: str,
                   expected_version: int | None = None) -> Product:
    """Delete a product with no tracks; refused (and nothing changed) while it still has any."""
    why = require_reason(reason)
    with ws.db.write() as s:
        return repo.delete_product(s, product_id, reason=why, expected_version=expected_version)


# ----------------------------------------------------------------------------------------------
# tracks


@retry_on_collision
def create_track(ws: Workspace, product_id: int, draft: TrackDraft, *, reason: str) -> Track:
    why = require_reason(reason)
    clean = draft.validated()
    with ws.db.write() as s:
        if repo.get_product(s, product_id) is None:
            raise NotFound(Problem("product", str(product_id), "record.missing"))
        return repo.create_track(s, product_id, clean, reason=why)


@retry_on_collision
def update_track(ws: Workspace, track_id: int, draft: TrackDraft, *, reason: str,
                 expected_version: int | None = None) -> Track:
    """Change a track; refused when one of its events would not exist in the new country or pathway."""
    why = require_reason(reason)
    clean = draft.validated()
    with ws.db.write() as s:
        log = _track_log(s, track_id)
        moved = replace(log.track, jurisdiction=clean.jurisdiction, indication=clean.indication,
                        pathway=Pathway(clean.pathway))
        derive(moved, log.events)  # the whole log must still replay on the changed track
        return repo.update_track(s, track_id, clean, reason=why, expected_version=expected_version)


@retry_on_collision
def delete_track(ws: Workspace, track_id: int, *, reason: str, expected_version: int | None = None) -> Track:
    """Delete a track with no events; refused (and nothing changed) while it still has any."""
    why = require_reason(reason)
    with ws.db.write() as s:
        return repo.delete_track(s, track_id, reason=why, expected_version=expected_version)


# ----------------------------------------------------------------------------------------------
# events


def add_event(ws: Workspace, track_id: int, draft: EventDraft, *, reason: str) -> tracker.RecordResult:
    """Record an event on an existing track, through the same ``record_event`` as the command line."""
    require_reason(reason)
    log = track_log(ws, track_id)
    track = log.track
    return tracker.record_event(
        ws, product=log.product.name, track=track_draft(track), draft=draft, reason=reason,
        create_track=False)


def update_event(ws: Workspace, event_id: int, draft: EventDraft, *, reason: str,
                 expected_version: int | None = None) -> tracker.RecordResult:
    return tracker.update_event(ws, event_id, draft, reason=reason, expected_version=expected_version)


def delete_event(ws: Workspace, event_id: int, *, reason: str,
                 expected_version: int | None = None) -> tracker.RecordResult:
    return tracker.delete_event(ws, event_id, reason=reason, expected_version=expected_version)


# ----------------------------------------------------------------------------------------------
# checks the event dialog runs while the user types (no database)


def preview_event_change(track: Track, log: Sequence[RegulatoryEvent], draft: EventDraft,
                         event_id: int | None = None) -> TrackStatus:
    """What saving ``draft`` would do to the track, or the refusal the save would raise.

    Mirrors ``tracker.record_event`` (``event_id`` None) and ``tracker.update_event`` on the log the
    dialog was opened with; the save re-checks against the database, so this is an early warning,
    never the only check.
    """
    if event_id is None:
        event = draft.to_event(track_id=track.id)
        refuse_future_actual(event, dt.date.today())
        for other in log:
            if other.type == event.type and other.date == event.date:
                raise Conflict(Problem("type", event.type, "event.duplicate", {"track": track}))
        return check_change(track, [*log, event], event, "add")
    current = next((e for e in log if e.id == event_id), None)
    version = current.version if current is not None else 1
    event = draft.to_event(id=event_id, track_id=track.id, version=version)
    refuse_future_actual(event, dt.date.today())
    proposed = [event if e.id == event_id else e for e in log]
    return check_change(track, proposed, event, "edit")


@dataclass(frozen=True)
class Position:
    """Where an event dated ``date`` would fall in a track's log, and what may be recorded there."""

    state: State
    flags: frozenset[str]
    allowed: tuple[str, ...]


def event_types_at(track: Track, log: Sequence[RegulatoryEvent], date: PartialDate | None,
                   event_id: int | None = None) -> Position:
    """The event types the state machine allows at the place ``date`` puts an event in the log.

    Backfilling history is common (a submission found in an old press release), so the offer
    depends on the date entered, not only on the track's current state.  For an existing event
    (``event_id``) the event itself is left out, so its own type is offered at its own place.
    """
    probe = RegulatoryEvent(id=event_id, track_id=track.id, type="", date=date)
    earlier = [e for e in log if e.id != event_id and e.order_key < probe.order_key]
    try:
        status = derive(track, earlier)
    except TransitionRefused:  # an already inconsistent log: offer what the track can hold at all
        status = TrackStatus(State.PLANNED, None, frozenset())
    return Position(status.state, status.flags, tuple(allowed_next(track, status.state, status.flags)))


def deletion_refusal(log: TrackLog, event_id: int) -> MscregError | None:
    """Why deleting this event would be refused (a later event depends on it), or None."""
    current = next((e for e in log.events if e.id == event_id), None)
    if current is None:
        return NotFound(Problem("event", str(event_id), "record.missing"))
    rest = [e for e in log.events if e.id != event_id]
    try:
        check_change(log.track, rest, current, "delete")
    except MscregError as exc:
        return exc
    return None


def track_by_id(ws: Workspace, track_id: int) -> Track:
    """The track numbered ``track_id`` (its id in ``mscreg products --json``)."""
    with ws.db.read() as s:
        track = repo.get_track(s, track_id)
    if track is None:
        raise NotFound(Problem("track", str(track_id), "track.id_unknown"))
    return track


def select_track(ws: Workspace, *, product: str, jurisdiction: str, indication: str = "",
                 pathway: str = "") -> Track:
    """The one track of ``product`` in ``jurisdiction`` that ``indication`` and ``pathway`` designate;
    either may be left out when it leaves a single track (how the command line names a track)."""
    code = get_jurisdiction(jurisdiction).code
    wanted: Pathway | None = None
    if pathway.strip():
        try:
            wanted = Pathway(pathway.strip().lower())
        except ValueError:
            raise invalid("pathway", pathway, "choice.unknown", valid="clinical, marketing") from None
    prod = tracker.find_product(ws, product)
    with ws.db.read() as s:
        tracks = [t for t in repo.tracks_for_products(s, [prod.id or 0]) if t.jurisdiction == code
                  and (wanted is None or t.pathway == wanted)
                  and (not indication.strip() or t.indication.casefold() == indication.strip().casefold())]
    if len(tracks) == 1:
        return tracks[0]
    named = " / ".join(x for x in (code, indication.strip(), wanted.value if wanted else "") if x)
    if not tracks:
        raise NotFound(Problem("track", named, "track.not_found", {"product": prod.name}))
    raise invalid("track", named, "track.which_of", product=prod.name, jurisdiction=code,
                  tracks="; ".join(f"{t.indication} ({t.pathway.value})" for t in tracks))


def tracks_of(ws: Workspace, product_id: int) -> list[Track]:
    """The product's tracks (deleting a product is refused while it has any)."""
    with ws.db.read() as s:
        return repo.tracks_for_products(s, [product_id])


def product_refusal(product: Product, tracks: Sequence[Track]) -> MscregError | None:
    if tracks:
        return Conflict(Problem("product", product.name, "product.has_tracks"))
    return None


def track_refusal(log: TrackLog) -> MscregError | None:
    if log.events:
        label = f"{log.track.jurisdiction} / {log.track.indication}"
        return Conflict(Problem("track", label, "track.has_events"))
    return None
