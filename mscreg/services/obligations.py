"""Post-authorisation obligations: listing them as of a day, adding them, recording their steps.

An obligation belongs to an authorisation (an actual approving event of its track); its status on any
day is derived from its own dated steps (:func:`mscreg.domain.obligation.status_as_of`), never stored.
Every write is one transaction with its audit rows, and the whole history of the obligation must still
make sense after a new step (nothing after it was closed, an extension moves the due date later): a
step that cannot have happened is refused as a refused transition, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from mscreg.domain.errors import Conflict, InvalidInput, NotFound, Problem, TransitionRefused, invalid
from mscreg.domain.event import RegulatoryEvent, actual
from mscreg.domain.event_types import EVENT_TYPES, Pathway
from mscreg.domain.messages import text
from mscreg.domain.obligation import (
    AUTHORISING,
    Obligation,
    ObligationDraft,
    ObligationEvent,
    ObligationState,
    check_authorisation,
    check_sequence,
    make_obligation_event,
    open_at_conversions,
    status_as_of,
)
from mscreg.domain.product import Product
from mscreg.domain.state_machine import ordered
from mscreg.domain.track import Track
from mscreg.services import tracker
from mscreg.services.collisions import retry_on_collision
from mscreg.services.reasons import require_reason
from mscreg.services.workspace import Workspace
from mscreg.storage import repositories as repo


@dataclass(frozen=True)
class ObligationView:
    """One obligation with what it is shown with: its product, track, authorisation, steps, its status as
    of a day, and the conversions of its track at which it was still open."""

    obligation: Obligation
    product: Product
    track: Track
    authorisation: RegulatoryEvent | None
    events: tuple[ObligationEvent, ...]
    state: ObligationState
    open_at_conversion: tuple[RegulatoryEvent, ...] = ()

    def text(self, lang: str = "en") -> str:
        """The obligation's text in ``lang``, the other language's when it has none in it."""
        o = self.obligation
        first, other = (o.text_zh, o.text_en) if lang.startswith("zh") else (o.text_en, o.text_zh)
        return first or other


def _as_refused_sequence(exc: InvalidInput) -> TransitionRefused:
    return TransitionRefused(exc.problems)


def _views(s: Any, products: Sequence[Product], as_of: dt.date) -> list[ObligationView]:
    by_product = {p.id: p for p in products if p.id is not None}  # products as read: every one has its id
    tracks = [t for t in repo.tracks_for_products(s, list(by_product)) if t.id is not None]
    obligations = repo.obligations_for_tracks(s, [t.id for t in tracks if t.id is not None])
    if not obligations:
        return []
    with_obligations = [t for t in tracks if t.id in obligations]
    events = repo.events_for_tracks(s, [t.id for t in with_obligations if t.id is not None])
    steps = repo.obligation_events_for(s, [o.id for found in obligations.values() for o in found
                                           if o.id is not None])
    out: list[ObligationView] = []
    for track in with_obligations:
        out.extend(_track_views(by_product[track.product_id or 0], track, events.get(track.id or 0, []),
                                obligations[track.id or 0], steps, as_of))
    return out


def _track_views(product: Product, track: Track, log: Sequence[RegulatoryEvent], mine: Sequence[Obligation],
                 steps: dict[int, list[ObligationEvent]], as_of: dt.date) -> list[ObligationView]:
    by_id = {e.id: e for e in log}
    all_steps = [e for o in mine for e in steps.get(o.id or 0, [])]
    open_at: dict[int | None, list[RegulatoryEvent]] = {}
    for conversion in open_at_conversions(track, log, mine, all_steps):
        for o in conversion.open:
            open_at.setdefault(o.id, []).append(conversion.conversion)
    out = []
    for o in mine:
        auth = by_id.get(o.authorisation_event_id)
        if not _imposed_by(auth, as_of):
            continue
        own = tuple(sorted(steps.get(o.id or 0, []), key=lambda e: e.order_key))
        state = status_as_of(o, own, as_of, authorisation=auth)
        out.append(ObligationView(o, product, track, auth, own, state, tuple(open_at.get(o.id, ()))))
    return out


def _imposed_by(authorisation: RegulatoryEvent | None, as_of: dt.date) -> bool:
    """Whether an obligation can be known on ``as_of``: it comes with its authorisation, so on a day before
    that authorisation (before its earliest possible day, when only its month or year is known) it was not
    yet imposed, as the events dated later are not yet known."""
    date = authorisation.date if authorisation is not None else None
    return date is None or date.earliest <= as_of


def obligations_of_overviews(ws: Workspace, overviews: Iterable[Any], as_of: dt.date | None = None
                             ) -> dict[int, list[ObligationView]]:
    """The obligations of the products already read for the window (their tracks and events in memory),
    by track id: two small reads, whatever the size of the portfolio."""
    with ws.db.read() as s:
        owed = repo.obligations_for_tracks(s)
        if not owed:
            return {}
        steps = repo.obligation_events_for(s)
    day = as_of or dt.date.today()
    out: dict[int, list[ObligationView]] = {}
    for ov in overviews:
        for tv in ov.tracks:
            mine = owed.get(tv.track.id or 0)
            if mine:
                out[tv.track.id or 0] = _track_views(ov.product, tv.track, tv.events, mine, steps, day)
    return out


def _due_key(v: ObligationView) -> tuple[dt.date, str, int]:
    due = v.state.due
    return (due.earliest if due is not None else dt.date.max, v.product.name, v.obligation.id or 0)


def list_obligations(ws: Workspace, *, product: str | None = None, open_only: bool = False,
                     as_of: dt.date | None = None) -> list[ObligationView]:
    """Every obligation (of one product when named) with its status as of ``as_of`` (today), soonest
    due first; ``open_only``: those not fulfilled or released on that day."""
    day = as_of or dt.date.today()
    chosen = tracker.find_product(ws, product) if product is not None else None
    with ws.db.read() as s:
        products = [chosen] if chosen is not None else repo.list_products(s)
        views = _views(s, products, day)
    if open_only:
        views = [v for v in views if v.state.is_open]
    views.sort(key=_due_key)
    return views


def obligations_of_products(ws: Workspace, product_ids: Iterable[int], as_of: dt.date | None = None
                            ) -> list[ObligationView]:
    """The obligations of the given products (for a product view), in order of entry."""
    with ws.db.read() as s:
        products = repo.list_products(s, list(product_ids))
        return _views(s, products, as_of or dt.date.today())


def _authorisation_on(track: Track, log: Sequence[RegulatoryEvent], type_: str) -> RegulatoryEvent:
    """The track's actual event of ``type_`` that imposed the obligation: refused when there is none, or
    several (the event's number then says which)."""
    wanted = type_.strip().lower()
    if wanted not in AUTHORISING:
        raise invalid("authorisation_type", type_, "obligation.not_authorisation_type",
                      valid=", ".join(sorted(AUTHORISING)))
    found = [e for e in ordered(actual(log)) if e.type == wanted]
    if not found:
        raise NotFound(Problem("authorisation_type", type_, "obligation.authorisation_type_missing",
                               {"track": track}))
    if len(found) > 1:
        raise invalid("authorisation_type", type_, "obligation.authorisation_which",
                      events="; ".join(f"#{e.id} {e.date.display() if e.date else '?'}" for e in found))
    return found[0]


def _marketing_track(ws: Workspace, product: str, jurisdiction: str, indication: str) -> Track:
    from mscreg.services import editing

    return editing.select_track(ws, product=product, jurisdiction=jurisdiction, indication=indication,
                                pathway=Pathway.MARKETING.value)


@retry_on_collision
def add_obligation(ws: Workspace, *, draft: ObligationDraft, reason: str, product: str | None = None,
                   jurisdiction: str | None = None, indication: str = "", authorisation_event_id: int | None = None,
                   authorisation_type: str | None = None, as_of: dt.date | None = None) -> ObligationView:
    """Record an obligation of an authorisation, named by its event's number or by its type on the
    product's marketing track in ``jurisdiction``.  Validated in full before anything is written."""
    why = require_reason(reason)
    draft.to_obligation()  # the fields first: a bad kind or due date is the first thing to hear about
    if (authorisation_event_id is None) == (authorisation_type is None or not authorisation_type.strip()):
        raise invalid("authorisation", authorisation_event_id or authorisation_type or "",
                      "obligation.authorisation_which_option")
    chosen: Track | None = None
    if authorisation_event_id is None:
        if not product or not jurisdiction:
            raise invalid("product" if not product else "jurisdiction", "", "obligation.track_needed")
        chosen = _marketing_track(ws, product, jurisdiction, indication)
    with ws.db.write() as s:
        if authorisation_event_id is not None:
            event = repo.get_event(s, authorisation_event_id)
            if event is None:
                raise NotFound(Problem("authorisation", str(authorisation_event_id), "event.not_found"))
            track = repo.get_track(s, event.track_id or 0)
            assert track is not None
            elsewhere = (product is not None and track.product_id not in repo.find_product_ids(s, product)) or (
                bool(jurisdiction) and track.jurisdiction != (jurisdiction or "").strip().upper())
            if elsewhere:
                raise invalid("authorisation", str(authorisation_event_id), "obligation.authorisation_elsewhere",
                              track=track)
        else:
            assert chosen is not None
            track = repo.get_track(s, chosen.id or 0)
            if track is None:
                raise NotFound(Problem("track", str(chosen.id), "record.missing"))
        log = repo.events_for_track(s, track.id or 0)
        if authorisation_event_id is None:
            authorisation_event_id = _authorisation_on(track, log, authorisation_type or "").id
        obligation = draft.to_obligation(track_id=track.id, authorisation_event_id=authorisation_event_id)
        auth = check_authorisation(obligation, track, log)
        _refuse_duplicate(s, obligation)
        saved = repo.create_obligation(s, obligation, reason=why)
        prod = repo.get_product(s, track.product_id or 0)
        assert prod is not None
    day = as_of or dt.date.today()
    return ObligationView(saved, prod, track, auth, (), status_as_of(saved, (), day, authorisation=auth))


def _same(a: Obligation, b: Obligation) -> bool:
    """The same obligation of the same authorisation: what a file matches obligations by."""
    from mscreg.domain.product import name_key

    return (a.authorisation_event_id == b.authorisation_event_id and a.kind == b.kind
            and name_key(a.text_en or a.text_zh) == name_key(b.text_en or b.text_zh))


def _refuse_duplicate(s: Any, obligation: Obligation) -> None:
    others = repo.obligations_for_tracks(s, [obligation.track_id or 0]).get(obligation.track_id or 0, [])
    twin = next((o for o in others if o.id != obligation.id and _same(o, obligation)), None)
    if twin is not None:
        raise Conflict(Problem("text_en", obligation.text_en or obligation.text_zh, "obligation.duplicate",
                               {"id": twin.id}))


def _obligation_context(s: Any, obligation_id: int) -> tuple[Obligation, Track, RegulatoryEvent | None,
                                                             list[ObligationEvent]]:
    obligation = repo.get_obligation(s, obligation_id)
    if obligation is None:
        raise NotFound(Problem("obligation", str(obligation_id), "record.missing"))
    track = repo.get_track(s, obligation.track_id or 0)
    assert track is not None
    auth = repo.get_event(s, obligation.authorisation_event_id or 0)
    steps = repo.obligation_events_for(s, [obligation_id]).get(obligation_id, [])
    return obligation, track, auth, steps


@retry_on_collision
def update_obligation(ws: Workspace, obligation_id: int, draft: ObligationDraft, *, reason: str,
                      expected_version: int | None = None) -> Obligation:
    """Change an obligation's kind, texts, due date or rule, owner or source (its authorisation stays);
    its recorded steps must still make sense with the new due date."""
    why = require_reason(reason)
    with ws.db.write() as s:
        current, _track, auth, steps = _obligation_context(s, obligation_id)
        changed = draft.to_obligation(id=obligation_id, track_id=current.track_id,
                                      authorisation_event_id=current.authorisation_event_id,
                                      version=current.version)
        try:
            check_sequence(changed, steps, auth)
        except InvalidInput as exc:
            raise _as_refused_sequence(exc) from None
        _refuse_duplicate(s, changed)
        return repo.update_obligation(s, obligation_id, changed, reason=why, expected_version=expected_version)


@retry_on_collision
def delete_obligation(ws: Workspace, obligation_id: int, *, reason: str,
                      expected_version: int | None = None) -> Obligation:
    """Delete an obligation that has no steps recorded (each step is deleted first, with its reason)."""
    why = require_reason(reason)
    with ws.db.write() as s:
        return repo.delete_obligation(s, obligation_id, reason=why, expected_version=expected_version)


@retry_on_collision
def record_obligation_event(ws: Workspace, obligation_id: int, *, type: str, date: str, reason: str,
                            new_due: str | None = None, source: str = "", note: str = "",
                            today: dt.date | None = None) -> ObligationEvent:
    """Record a step (submitted, fulfilled, released, extended); refused when the obligation's history
    would no longer make sense with it, or when it is dated after today."""
    why = require_reason(reason)
    step = make_obligation_event(type, date, new_due=new_due, source=source, note=note,
                                 obligation_id=obligation_id)
    day = today or dt.date.today()
    if step.date.earliest > day:
        raise invalid("date", date, "obligation.future_step", today=day.isoformat())
    with ws.db.write() as s:
        obligation, _track, auth, steps = _obligation_context(s, obligation_id)
        try:
            check_sequence(obligation, [*steps, step], auth)
        except InvalidInput as exc:
            raise _as_refused_sequence(exc) from None
        return repo.create_obligation_event(s, step, reason=why)


@retry_on_collision
def delete_obligation_event(ws: Workspace, event_id: int, *, reason: str,
                            expected_version: int | None = None) -> ObligationEvent:
    why = require_reason(reason)
    with ws.db.write() as s:
        step = repo.get_obligation_event(s, event_id)
        if step is None:
            raise NotFound(Problem("obligation_event", str(event_id), "record.missing"))
        obligation, _track, auth, steps = _obligation_context(s, step.obligation_id or 0)
        try:
            check_sequence(obligation, [e for e in steps if e.id != event_id], auth)
        except InvalidInput as exc:
            raise _as_refused_sequence(exc) from None
        return repo.delete_obligation_event(s, event_id, reason=why, expected_version=expected_version)


# ----------------------------------------------------------------------------------------------
# how they are shown outside the window


def _date(d: Any) -> str | None:
    return d.iso() if d is not None else None


def _event_ref(e: RegulatoryEvent | None) -> dict[str, Any] | None:
    return None if e is None else {"id": e.id, "type": e.type, "date": _date(e.date)}


def obligation_json(v: ObligationView, lang: str = "en") -> dict[str, Any]:
    o, st = v.obligation, v.state
    return {
        "id": o.id,
        "product": v.product.name,
        "product_zh": v.product.name_zh,
        "track": {"id": v.track.id, "jurisdiction": v.track.jurisdiction, "indication": v.track.indication,
                  "pathway": v.track.pathway.value},
        "authorisation": _event_ref(v.authorisation),
        "kind": o.kind.value,
        "kind_label": text(f"obligation.kind.{o.kind.value}", lang),
        "text": v.text(lang),
        "text_en": o.text_en,
        "text_zh": o.text_zh,
        "due": _date(o.due),
        "due_rule": o.due_rule.text() if o.due_rule is not None else None,
        "due_earliest": st.due.earliest.isoformat() if st.due is not None else None,
        "due_latest": st.due.latest.isoformat() if st.due is not None else None,
        "as_of": st.as_of.isoformat(),
        "status": st.status.value,
        "status_label": text(f"obligation.status.{st.status.value}", lang),
        "since": _date(st.since),
        "late": st.late,
        "owner": o.owner,
        "source": o.source,
        "version": o.version,
        "events": [{"id": e.id, "type": e.type.value, "date": _date(e.date), "new_due": _date(e.new_due),
                    "source": e.source, "note": e.note} for e in v.events],
        "open_at_conversion": [_event_ref(e) for e in v.open_at_conversion],
    }


def due_text(v: ObligationView, lang: str = "en") -> str:
    """The due date as shown: the date (or range), how it was counted when from a rule, or "not known"."""
    o, due = v.obligation, v.state.due
    if due is None:
        return text("obligations.due_unknown", lang)
    shown = due.display()
    if o.due is None and o.due_rule is not None and v.authorisation is not None:
        rule = text(f"obligations.rule.{o.due_rule.unit.value}", lang, count=o.due_rule.amount)
        return text("obligations.due_by_rule", lang, due=shown, rule=rule,
                    event=EVENT_TYPES[v.authorisation.type].name(lang), date=_date(v.authorisation.date) or "?")
    return shown


def obligation_line(v: ObligationView, lang: str = "en") -> str:
    o, st = v.obligation, v.state
    status = text(f"obligation.status.{st.status.value}", lang)
    if st.late:
        status = text("text.dated", lang, name=status, date=text("obligation.late", lang))
    line = text("obligations.line", lang, id=o.id, track=v.track.shown_label(lang),
                kind=text(f"obligation.kind.{o.kind.value}", lang), text=v.text(lang), due=due_text(v, lang),
                status=status, owner=o.owner or text("obligations.owner_unknown", lang),
                event=EVENT_TYPES[v.authorisation.type].name(lang) if v.authorisation else "?",
                date=_date(v.authorisation.date) if v.authorisation else "?")
    for conversion in v.open_at_conversion:
        line += "\n" + text("obligations.open_at_conversion", lang, event=EVENT_TYPES[conversion.type].name(lang),
                            date=_date(conversion.date) or "?")
    return line


def with_state(v: ObligationView, as_of: dt.date) -> ObligationView:
    """The same obligation as of another day."""
    return replace(v, state=status_as_of(v.obligation, v.events, as_of, authorisation=v.authorisation))


def obligation_view(ws: Workspace, obligation_id: int, as_of: dt.date | None = None) -> ObligationView:
    """One obligation with its product, track, authorisation and steps, as an edit dialog needs it."""
    with ws.db.read() as s:
        obligation, track, auth, steps = _obligation_context(s, obligation_id)
        assert track.product_id is not None  # a stored track always has its product
        product = repo.get_product(s, track.product_id)
        assert product is not None
    own = tuple(sorted(steps, key=lambda e: e.order_key))
    return ObligationView(obligation, product, track, auth, own,
                          status_as_of(obligation, own, as_of or dt.date.today(), authorisation=auth))


def obligation_draft(o: Obligation) -> ObligationDraft:
    """The obligation's fields as a draft: what an edit dialog starts from."""
    return ObligationDraft(o.kind.value, o.text_en, o.text_zh, o.due.display() if o.due is not None else None,
                           o.due_rule.text() if o.due_rule is not None else None, o.owner, o.source)
