"""Repositories: the only code that turns rows into domain values and back.

They hand out frozen dataclasses built inside the session (never live ORM rows, which SQLModel
expires on commit), and every create, update and delete appends its audit row in the caller's
transaction.  Validation of *meaning* (state machine, vocabularies) happens in the domain before a
repository is called; repositories enforce what the database must (uniqueness, optimistic locks).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import defer
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from mscreg.domain.errors import Conflict, Problem
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.holder import HolderTransfer
from mscreg.domain.obligation import Obligation, ObligationEvent
from mscreg.domain.product import Product, ProductAlias, ProductDraft, name_key, normalise_name
from mscreg.domain.track import Track, TrackDraft
from mscreg.domain.trial import Registry, TrialRegistration
from mscreg.domain.verification import Verification
from mscreg.storage import audit
from mscreg.storage.record_codecs import (
    EVENT,
    HOLDER_TRANSFER,
    OBLIGATION,
    OBLIGATION_EVENT,
    PRODUCT,
    PRODUCT_ALIAS,
    TRACK,
    TRIAL,
    VERIFICATION,
    RecordCodec,
)
from mscreg.storage.tables import (
    AuditRow,
    EventRow,
    HolderTransferRow,
    MetaRow,
    ObligationEventRow,
    ObligationRow,
    ProductAliasRow,
    ProductRow,
    TrackRow,
    TrialRow,
    VerificationRow,
    table_of,
)

# ----------------------------------------------------------------------------------------------
# products


def _product(row: ProductRow, aliases: Sequence[str]) -> Product:
    return PRODUCT.load_orm(row, aliases=tuple(aliases))


def _product_snapshot(p: ProductDraft | Product) -> dict[str, Any]:
    """A product (or the draft it is created from) as its audit rows record it."""
    return PRODUCT.snapshot(p)


def _add_aliases(session: Session, product_id: int, aliases: Iterable[str]) -> None:
    for alias in aliases:
        session.add(PRODUCT_ALIAS.new_row(ProductAlias(product_id, alias)))


def _aliases_by_product(session: Session, ids: Iterable[int] | None = None) -> dict[int, list[str]]:
    q = select(ProductAliasRow).order_by(col(ProductAliasRow.id))
    if ids is not None:
        q = q.where(col(ProductAliasRow.product_id).in_(list(ids)))
    out: dict[int, list[str]] = {}
    for a in session.exec(q):
        out.setdefault(a.product_id, []).append(a.alias)
    return out


def list_products(session: Session, ids: Iterable[int] | None = None) -> list[Product]:
    """Every product (or those with ``ids``) in id order, read with Core rows: the ORM costs ~30 µs a
    row, 0.3 s for 10,000."""
    aliases: dict[int, list[str]] = {}
    a = PRODUCT_ALIAS.table.c
    c = PRODUCT.table.c
    qa = sa.select(a.product_id, a.alias).order_by(a.id)
    q = PRODUCT.select().order_by(c.id)
    if ids is not None:
        wanted = sorted(set(ids))
        qa, q = qa.where(a.product_id.in_(wanted)), q.where(c.id.in_(wanted))
    for pid, alias in _plain_rows(session, qa):
        aliases.setdefault(pid, []).append(alias)
    decode = PRODUCT.decoder()
    no_aliases: tuple[str, ...] = ()
    return [decode(row, tuple(aliases.get(row[0], no_aliases))) for row in _plain_rows(session, q)]


def get_product(session: Session, product_id: int) -> Product | None:
    row = session.get(ProductRow, product_id)
    if row is None:
        return None
    return _product(row, _aliases_by_product(session, [product_id]).get(product_id, []))


def find_product_ids(session: Session, name: str) -> list[int]:
    """Products whose name, Chinese name, INN or alias equals ``name`` (case-insensitive, compared in
    the normal form names are stored in: see :func:`mscreg.domain.product.normalise_name`).

    The database's indexes find every name stored in ASCII, which is already in normal form; only
    when they find nothing are the names with other characters compared in Python by
    :func:`~mscreg.domain.product.name_key`.  That also finds a name stored before names were
    normalised ("Ｒyoncil"), and one differing in the case of a non-ASCII letter (SQLite's ``lower``
    folds ASCII only).
    """
    needle = normalise_name(name)
    if not needle:
        return []
    ids = _ids_by_index(session, needle)
    if not ids:
        ids = set(_non_ascii_names_by_key(session).get(needle.casefold(), ()))
    return sorted(ids)


def _ids_by_index(session: Session, needle: str) -> set[int]:
    folded = needle.casefold()
    direct = select(ProductRow.id).where(
        sa.or_(sa.func.lower(ProductRow.name) == folded, col(ProductRow.name_zh) == needle,
               sa.and_(col(ProductRow.inn) != "", sa.func.lower(ProductRow.inn) == folded)))
    via_alias = select(ProductAliasRow.product_id).where(ProductAliasRow.alias_folded == folded)
    ids = set(session.exec(direct).all()) | set(session.exec(via_alias).all())
    return {i for i in ids if i is not None}


def _has_non_ascii(session: Session, column: Any) -> Any:
    """SQL: ``column`` holds a character outside ASCII (more bytes than characters in UTF-8)."""
    if session.get_bind().dialect.name == "sqlite":
        return sa.func.length(sa.cast(column, sa.LargeBinary)) != sa.func.length(column)
    return sa.func.octet_length(column) != sa.func.char_length(column)


def _non_ascii_names_by_key(session: Session) -> dict[str, set[int]]:
    """The names, Chinese names, INNs and aliases with a non-ASCII character, by :func:`name_key` →
    product ids.  A name in ASCII is in normal form already, and the indexes compare it exactly."""
    c = table_of(ProductRow).c
    a = table_of(ProductAliasRow).c
    out: dict[str, set[int]] = {}
    for column in (c.name, c.name_zh, c.inn):
        for pid, n in _plain_rows(session, sa.select(c.id, column).where(_has_non_ascii(session, column))):
            out.setdefault(name_key(n), set()).add(pid)
    for pid, alias in _plain_rows(session, sa.select(a.product_id, a.alias).where(_has_non_ascii(session, a.alias))):
        out.setdefault(name_key(alias), set()).add(pid)
    return out


def _names_taken(session: Session, draft: ProductDraft, exclude_id: int | None) -> None:
    """Refuse a name or alias that another product already goes by, compared by :func:`name_key`: a
    look-alike ("Ryoncil" with a zero-width space, in fullwidth letters) is the same name, and is
    refused naming the product that has it."""
    others: dict[str, set[int]] | None = None  # read once, and only if an index finds nothing
    for name in (draft.name, *draft.aliases):
        ids = _ids_by_index(session, name) - {exclude_id}
        if not ids:
            if others is None:
                others = _non_ascii_names_by_key(session)
            ids = others.get(name_key(name), set()) - {exclude_id}
        if ids:
            other = session.get(ProductRow, min(i for i in ids if i is not None))
            raise Conflict(Problem("name" if name == draft.name else "aliases", name, "product.exists",
                                   {"other": other.name if other else min(ids)}))


def create_product(session: Session, draft: ProductDraft, *, reason: str) -> Product:
    draft = draft.validated()
    _names_taken(session, draft, None)
    row = PRODUCT.new_row(draft)
    session.add(row)
    session.flush()
    assert row.id is not None
    _add_aliases(session, row.id, draft.aliases)
    session.flush()
    audit.record(session, action="create", entity="product", entity_id=row.id,
                 changes=audit.diff(None, _product_snapshot(draft)), reason=reason)
    product = get_product(session, row.id)
    assert product is not None
    return product


def _check_version(session: Session, row: Any, expected: int | None, entity: str, value: str) -> None:
    """Optimistic lock: the user edited version ``expected``; refuse if someone saved since."""
    if expected is not None and row.version_id != expected:
        raise Conflict(Problem(entity, value, "record.stale", last_change(session, entity, row.id)))


def last_change(session: Session, entity: str, entity_id: int) -> dict[str, str]:
    """Who changed a record last and when, from the audit trail (for "changed by USER at TIME")."""
    q = (select(AuditRow).where(AuditRow.entity == entity, AuditRow.entity_id == entity_id)
         .order_by(col(AuditRow.id).desc()).limit(1))
    row = session.exec(q).first()
    return {"user": row.actor, "at": _minute_utc(row.at_utc)} if row else {"user": "?", "at": "?"}


def _minute_utc(at_utc: str) -> str:
    """An audit row's time as a message shows it: "2026-12-06 10:33 UTC", not the stored
    "2026-12-06T10:33:59.243752Z" (the stored text itself when it is not in that form)."""
    day, sep, clock = at_utc.partition("T")
    if not sep or len(clock) < 5 or not at_utc.endswith("Z"):
        return at_utc
    return f"{day} {clock[:5]} UTC"


def update_product(session: Session, product_id: int, draft: ProductDraft, *, reason: str,
                   expected_version: int | None = None) -> Product:
    draft = draft.validated()
    row = session.get(ProductRow, product_id)
    if row is None:
        from mscreg.domain.errors import NotFound

        raise NotFound(Problem("product", str(product_id), "product.not_found"))
    before = get_product(session, product_id)
    assert before is not None
    _check_version(session, row, expected_version, "product", row.name)
    _names_taken(session, draft, product_id)
    PRODUCT.fill(row, draft)
    session.add(row)
    session.execute(sa.delete(ProductAliasRow).where(col(ProductAliasRow.product_id) == product_id))
    _add_aliases(session, product_id, draft.aliases)
    _flush_versioned(session, "product", product_id, row.name)
    changes = audit.diff(_product_snapshot(before), _product_snapshot(draft))
    if changes:
        audit.record(session, action="update", entity="product", entity_id=product_id, changes=changes,
                     reason=reason)
    after = get_product(session, product_id)
    assert after is not None
    return after


def _flush_versioned(session: Session, entity: str, entity_id: int, value: str) -> None:
    """Flush; a concurrent save of the same record is refused with who saved it and when."""
    try:
        session.flush()
    except StaleDataError:
        session.rollback()
        with Session(session.get_bind()) as fresh:
            who = last_change(fresh, entity, entity_id)
        raise Conflict(Problem(entity, value, "record.stale", who)) from None


def delete_product(session: Session, product_id: int, *, reason: str,
                   expected_version: int | None = None) -> Product:
    """Delete a product that has no tracks left; its aliases go with it, all in one audit row.

    A product with tracks is refused rather than cascaded: each removed track and event must carry
    its own reason in the audit trail, so a whole regulatory history never vanishes in one click.
    """
    row = session.get(ProductRow, product_id)
    if row is None:
        from mscreg.domain.errors import NotFound

        raise NotFound(Problem("product", str(product_id), "record.missing"))
    before = get_product(session, product_id)
    assert before is not None
    _check_version(session, row, expected_version, "product", row.name)
    tracks = session.execute(sa.select(sa.func.count()).select_from(TrackRow)
                             .where(col(TrackRow.product_id) == product_id)).scalar_one()
    if tracks:
        raise Conflict(Problem("product", row.name, "product.has_tracks"))
    _refuse_linked_trials(session, "product", row.name, col(TrialRow.product_id) == product_id)
    for transfer in transfers_for_products(session, [product_id]).get(product_id, []):
        _delete_transfer(session, transfer, reason=reason)
    session.execute(sa.delete(ProductAliasRow).where(col(ProductAliasRow.product_id) == product_id))
    session.delete(row)
    _flush_versioned(session, "product", product_id, before.name)
    audit.record(session, action="delete", entity="product", entity_id=product_id, reason=reason,
                 changes=audit.diff(_product_snapshot(before), None))
    return before


# ----------------------------------------------------------------------------------------------
# tracks


def _track(row: TrackRow, product_name: str) -> Track:
    return TRACK.load_orm(row, product_name=product_name)


def tracks_for_products(session: Session, product_ids: Iterable[int] | None = None) -> list[Track]:
    """Tracks of the given products (all: ``None``), by product then id; Core rows, as :func:`list_products`."""
    t, p = TRACK.table.c, PRODUCT.table.c
    q = TRACK.select(p.name).join_from(TRACK.table, PRODUCT.table, p.id == t.product_id)
    if product_ids is not None:
        q = q.where(t.product_id.in_(list(product_ids)))
    q = q.order_by(t.product_id, t.id)
    decode = TRACK.decoder()
    name = len(TRACK.read_columns)  # the product's name comes after the track's own columns
    return [decode(row, row[name]) for row in _plain_rows(session, q)]


def get_track(session: Session, track_id: int) -> Track | None:
    row = session.get(TrackRow, track_id)
    if row is None:
        return None
    product = session.get(ProductRow, row.product_id)
    return _track(row, product.name if product else "?")


def find_track(session: Session, product_id: int, draft: TrackDraft) -> Track | None:
    """The product's track in that jurisdiction and pathway whose indication is ``draft``'s, compared
    by :func:`name_key` in Python (a product has a handful of tracks there): SQLite's ``lower`` folds
    ASCII only, and an indication stored before names were normalised must still be found.  The
    English indication is the track's identity; its exact Chinese indication finds it too (a reader
    of the Chinese interface types what it shows), but only when no English one matches."""
    q = select(TrackRow).where(
        TrackRow.product_id == product_id, TrackRow.jurisdiction == draft.jurisdiction,
        TrackRow.pathway == draft.pathway).order_by(col(TrackRow.id))
    wanted = name_key(draft.indication)
    rows = list(session.exec(q))
    row = next((r for r in rows if name_key(r.indication) == wanted), None)
    if row is None:
        row = next((r for r in rows if r.indication_zh and name_key(r.indication_zh) == wanted), None)
    if row is None:
        return None
    product = session.get(ProductRow, product_id)
    return _track(row, product.name if product else "?")


def create_track(session: Session, product_id: int, draft: TrackDraft, *, reason: str) -> Track:
    draft = draft.validated()
    if find_track(session, product_id, draft) is not None:
        raise Conflict(Problem("indication", draft.indication, "track.exists"))
    row = TRACK.new_row(draft, product_id=product_id)
    session.add(row)
    session.flush()
    assert row.id is not None
    audit.record(session, action="create", entity="track", entity_id=row.id, reason=reason,
                 changes=audit.diff(None, TRACK.snapshot(draft, product_id=product_id)))
    track = get_track(session, row.id)
    assert track is not None
    return track


def _track_snapshot(row: TrackRow) -> dict[str, Any]:
    """A track in the shape its audit rows and :func:`current_snapshots` record it."""
    return TRACK.stored_snapshot(tuple(getattr(row, c) for c in TRACK.read_columns), "")


def _track_row(session: Session, track_id: int) -> TrackRow:
    row = session.get(TrackRow, track_id)
    if row is None:
        from mscreg.domain.errors import NotFound

        raise NotFound(Problem("track", str(track_id), "record.missing"))
    return row


def update_track(session: Session, track_id: int, draft: TrackDraft, *, reason: str,
                 expected_version: int | None = None) -> Track:
    """Change a track's jurisdiction, indication or pathway (the caller has checked its events still fit)."""
    draft = draft.validated()
    row = _track_row(session, track_id)
    before = _track_snapshot(row)
    label = f"{row.jurisdiction} / {row.indication}"
    _check_version(session, row, expected_version, "track", label)
    same = find_track(session, row.product_id, draft)
    if same is not None and same.id != track_id:
        raise Conflict(Problem("indication", draft.indication, "track.exists"))
    TRACK.fill(row, draft, product_id=row.product_id)
    session.add(row)
    _flush_versioned(session, "track", track_id, label)
    changes = audit.diff(before, _track_snapshot(row))
    if changes:
        audit.record(session, action="update", entity="track", entity_id=track_id, changes=changes,
                     reason=reason)
    track = get_track(session, track_id)
    assert track is not None
    return track


def delete_track(session: Session, track_id: int, *, reason: str,
                 expected_version: int | None = None) -> Track:
    """Delete a track with no events left; one with events is refused (see :func:`delete_product`)."""
    row = _track_row(session, track_id)
    track = get_track(session, track_id)
    assert track is not None
    label = f"{row.jurisdiction} / {row.indication}"
    _check_version(session, row, expected_version, "track", label)
    _refuse_if_obligations(session, "track", label, ObligationRow.track_id == track_id)
    events = session.execute(sa.select(sa.func.count()).select_from(EventRow)
                             .where(col(EventRow.track_id) == track_id)).scalar_one()
    if events:
        raise Conflict(Problem("track", label, "track.has_events"))
    _refuse_linked_trials(session, "track", label, col(TrialRow.track_id) == track_id)
    before = _track_snapshot(row)
    for v in verifications_for_tracks(session, [track_id]).get(track_id, []):
        _delete_verification(session, v, reason=reason)
    session.delete(row)
    _flush_versioned(session, "track", track_id, label)
    audit.record(session, action="delete", entity="track", entity_id=track_id, reason=reason,
                 changes=audit.diff(before, None))
    return track


# ----------------------------------------------------------------------------------------------
# events

# SQLModel types a column attribute as its Python value (a date), not the column defer() takes
_WITHOUT_DAYS = (defer(EventRow.date_earliest), defer(EventRow.date_latest))  # type: ignore[arg-type]


def _event_row(session: Session, event_id: int) -> EventRow | None:
    """The event's row without its first and last days, which nothing reads back (they are written
    from the date, and :mod:`mscreg.storage.derived_columns` checks them): on SQLite a day edited into
    something that is not a day would make loading the row raise, and every change to the event fail."""
    return session.get(EventRow, event_id, options=_WITHOUT_DAYS)


def _event(row: EventRow) -> RegulatoryEvent:
    return EVENT.load_orm(row)


def event_snapshot(e: RegulatoryEvent) -> dict[str, Any]:
    """An event as its audit rows record it."""
    return EVENT.snapshot(e)


def events_for_track(session: Session, track_id: int) -> list[RegulatoryEvent]:
    q = select(EventRow).options(*_WITHOUT_DAYS).where(EventRow.track_id == track_id).order_by(col(EventRow.id))
    return [_event(r) for r in session.exec(q)]


def _plain_rows(session: Session, query: sa.Select[Any]) -> Iterable[tuple[Any, ...]]:
    """The rows of a read-only ``query`` as plain tuples.

    On SQLite the compiled statement runs on the driver's own cursor: SQLAlchemy's result processing
    costs ~5 µs a row, half a second for 100,000 events.  Only columns stored as they are read
    (integers, text) may be selected this way; anything SQLAlchemy converts goes through it.
    ``IN`` lists are expanded into one parameter per value when compiling.
    """
    if session.get_bind().dialect.name != "sqlite":
        return session.execute(query)
    compiled = query.compile(dialect=session.get_bind().dialect, compile_kwargs={"render_postcompile": True})
    params = [compiled.params[name] for name in compiled.positiontup or ()]
    # the pool's driver connection is typed Optional; an open session always has one
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    cursor.execute(str(compiled), params)
    rows: list[tuple[Any, ...]] = cursor.fetchall()
    return rows


def events_for_tracks(session: Session, track_ids: Iterable[int] | None = None
                      ) -> dict[int, list[RegulatoryEvent]]:
    """Events by track (all tracks: ``None``) in order of entry.

    This is the start-up read (100,000 events for a large portfolio): Core rows instead of
    ORM objects, each distinct (date, approximate) parsed once, and the shared vocabulary (confidence,
    empty attributes) looked up instead of rebuilt, which takes it from ~6 s to a fraction of one.
    """
    e = EVENT.table.c
    q = EVENT.select().order_by(e.id)
    wanted: set[int] | None = None
    if track_ids is not None:
        wanted = set(track_ids)
        if len(wanted) <= 500:  # a product's or a few products' tracks: let the index find them
            q = q.where(e.track_id.in_(sorted(wanted)))
            wanted = None
    # The codec's decoder parses each distinct (date, approximate) once and keeps one string object per
    # distinct text (types, agencies, sources and notes repeat across a portfolio: the driver makes a
    # new one per row, 50 MB for 100,000 events).
    decode = EVENT.decoder()
    track = EVENT.read_columns.index("track_id")
    out: dict[int, list[RegulatoryEvent]] = {}
    for row in _plain_rows(session, q):
        tid = row[track]
        if wanted is not None and tid not in wanted:
            continue
        found = out.get(tid)
        if found is None:
            found = out[tid] = []
        found.append(decode(row))
    return out


def get_event(session: Session, event_id: int) -> RegulatoryEvent | None:
    row = _event_row(session, event_id)
    return _event(row) if row else None


def create_event(session: Session, track_id: int, event: RegulatoryEvent, *, reason: str) -> RegulatoryEvent:
    row = EVENT.new_row(event, track_id=track_id)
    session.add(row)
    session.flush()
    assert row.id is not None
    created = _event(row)
    audit.record(session, action="create", entity="event", entity_id=row.id, reason=reason,
                 changes=audit.diff(None, event_snapshot(created)))
    return created


def update_event(session: Session, event_id: int, event: RegulatoryEvent, *, reason: str,
                 expected_version: int | None = None) -> RegulatoryEvent:
    row = _event_row(session, event_id)
    assert row is not None
    before = _event(row)
    _check_version(session, row, expected_version, "event", str(event_id))
    EVENT.fill(row, event, track_id=row.track_id)
    session.add(row)
    _flush_versioned(session, "event", event_id, str(event_id))
    after = _event(row)
    changes = audit.diff(event_snapshot(before), event_snapshot(after))
    if changes:
        audit.record(session, action="update", entity="event", entity_id=event_id, changes=changes,
                     reason=reason)
    return after


def delete_event(session: Session, event_id: int, *, reason: str,
                 expected_version: int | None = None) -> RegulatoryEvent:
    row = _event_row(session, event_id)
    assert row is not None
    before = _event(row)
    _check_version(session, row, expected_version, "event", str(event_id))
    refuse_deleting_authorisation(session, before)
    session.delete(row)
    _flush_versioned(session, "event", event_id, str(event_id))
    audit.record(session, action="delete", entity="event", entity_id=event_id, reason=reason,
                 changes=audit.diff(event_snapshot(before), None))
    return before


# ----------------------------------------------------------------------------------------------
# holders and licensees over time


def transfers_for_products(session: Session, product_ids: Iterable[int] | None = None
                           ) -> dict[int, list[HolderTransfer]]:
    """Transfers of holder and licensee by product (all products: ``None``), in order of entry."""
    c = HOLDER_TRANSFER.table.c
    q = HOLDER_TRANSFER.select().order_by(c.id)
    if product_ids is not None:
        q = q.where(c.product_id.in_(sorted(set(product_ids))))
    decode = HOLDER_TRANSFER.decoder()
    out: dict[int, list[HolderTransfer]] = {}
    for row in _plain_rows(session, q):
        t = decode(row)
        out.setdefault(t.product_id or 0, []).append(t)
    return out


def create_transfer(session: Session, product_id: int, transfer: HolderTransfer, *, reason: str) -> HolderTransfer:
    """Store one transfer (the caller has checked the product's history with it) and its audit row."""
    row = HOLDER_TRANSFER.new_row(transfer, product_id=product_id)
    session.add(row)
    session.flush()
    assert row.id is not None
    created = HOLDER_TRANSFER.load_orm(row)
    audit.record(session, action="create", entity=HOLDER_TRANSFER.entity, entity_id=row.id, reason=reason,
                 changes=audit.diff(None, HOLDER_TRANSFER.snapshot(created)))
    return created


def _delete_transfer(session: Session, transfer: HolderTransfer, *, reason: str) -> None:
    session.execute(sa.delete(HolderTransferRow).where(col(HolderTransferRow.id) == transfer.id))
    audit.record(session, action="delete", entity=HOLDER_TRANSFER.entity, entity_id=transfer.id or 0,
                 reason=reason, changes=audit.diff(HOLDER_TRANSFER.snapshot(transfer), None))


# ----------------------------------------------------------------------------------------------
# verifications of tracks against a source


def verifications_for_tracks(session: Session, track_ids: Iterable[int] | None = None
                             ) -> dict[int, list[Verification]]:
    """Verifications by track (all tracks: ``None``), oldest day first."""
    c = VERIFICATION.table.c
    q = VERIFICATION.select().order_by(c.track_id, c.verified_on, c.id)
    if track_ids is not None:
        q = q.where(c.track_id.in_(sorted(set(track_ids))))
    decode = VERIFICATION.decoder()
    out: dict[int, list[Verification]] = {}
    for row in _plain_rows(session, q):
        v = decode(row)
        out.setdefault(v.track_id or 0, []).append(v)
    return out


def create_verification(session: Session, track_id: int, verification: Verification, *,
                        reason: str) -> Verification:
    """Store that a track was checked against a source; who checked is the audit row's actor."""
    _track_row(session, track_id)  # a track that does not exist is refused by name, not by a foreign key
    who = audit.current_actor()
    row = VERIFICATION.new_row(dataclasses.replace(verification, who=who), track_id=track_id)
    session.add(row)
    session.flush()
    assert row.id is not None
    created = VERIFICATION.load_orm(row)
    audit.record(session, action="create", entity=VERIFICATION.entity, entity_id=row.id, reason=reason,
                 changes=audit.diff(None, VERIFICATION.snapshot(created)), actor=who)
    return created


def _delete_verification(session: Session, v: Verification, *, reason: str) -> None:
    session.execute(sa.delete(VerificationRow).where(col(VerificationRow.id) == v.id))
    audit.record(session, action="delete", entity=VERIFICATION.entity, entity_id=v.id or 0,
                 reason=reason, changes=audit.diff(VERIFICATION.snapshot(v), None))


# ----------------------------------------------------------------------------------------------
# trial registrations


def _refuse_linked_trials(session: Session, entity: str, label: str, where: Any) -> None:
    """A product or track that trials are linked to is not deleted: the links would be lost without an
    audit row of their own.  Refused naming the trials, to be unlinked (audited) first."""
    t = table_of(TrialRow).c
    linked = [f"{r}:{i}" for r, i in session.execute(
        sa.select(t.registry_code, t.registry_id).where(where).order_by(t.id).limit(21))]
    if linked:
        shown = ", ".join(linked[:20]) + (", …" if len(linked) > 20 else "")
        raise Conflict(Problem(entity, label, "trial.still_linked", {"detail": shown}))


def list_trials(session: Session) -> list[TrialRegistration]:
    """Every trial registration in id order, from Core rows (10,000 in a fraction of a second)."""
    q = TRIAL.select().order_by(TRIAL.table.c.id)
    decode = TRIAL.decoder()
    return [decode(row) for row in _plain_rows(session, q)]


def linked_trials(session: Session, product_ids: Iterable[int] | None = None) -> list[TrialRegistration]:
    """The trials linked to a product (to one of ``product_ids``), in id order: what a timeline draws,
    without decoding the thousands of imported registrations linked to nothing."""
    c = TRIAL.table.c
    q = TRIAL.select().where(c.product_id.is_not(None)).order_by(c.id)
    if product_ids is not None:
        q = q.where(c.product_id.in_(sorted(set(product_ids))))
    decode = TRIAL.decoder()
    return [decode(row) for row in _plain_rows(session, q)]


def get_trial(session: Session, trial_id: int) -> TrialRegistration | None:
    row = session.get(TrialRow, trial_id)
    return TRIAL.load_orm(row) if row is not None else None


def find_trial(session: Session, registry: Registry, registry_id: str) -> TrialRegistration | None:
    row = session.exec(select(TrialRow).where(TrialRow.registry_code == registry.value,
                                              TrialRow.registry_id == registry_id)).first()
    return TRIAL.load_orm(row) if row is not None else None


def create_trial(session: Session, trial: TrialRegistration, *, reason: str) -> TrialRegistration:
    if find_trial(session, trial.registry, trial.registry_id) is not None:
        raise Conflict(Problem("registry_id", trial.registry_id, "trial.exists"))
    row = TRIAL.new_row(trial)
    session.add(row)
    session.flush()
    assert row.id is not None
    audit.record(session, action="create", entity=TRIAL.entity, entity_id=row.id, reason=reason,
                 changes=audit.diff(None, TRIAL.snapshot(trial)))
    created = get_trial(session, row.id)
    assert created is not None
    return created


def _trial_row(session: Session, trial_id: int) -> TrialRow:
    row = session.get(TrialRow, trial_id)
    if row is None:
        from mscreg.domain.errors import NotFound

        raise NotFound(Problem("trial", str(trial_id), "record.missing"))
    return row


def update_trial(session: Session, trial_id: int, trial: TrialRegistration, *, reason: str,
                 expected_version: int | None = None) -> TrialRegistration:
    """Write ``trial`` over the stored one (its registry and identifier may not change to another
    trial's); one audit row with each changed field old → new, none when nothing changed."""
    row = _trial_row(session, trial_id)
    before = TRIAL.load_orm(row)
    label = f"{before.registry.value}:{before.registry_id}"
    _check_version(session, row, expected_version, TRIAL.entity, label)
    if trial.key != before.key:
        other = find_trial(session, trial.registry, trial.registry_id)
        if other is not None:
            raise Conflict(Problem("registry_id", trial.registry_id, "trial.exists"))
    changes = audit.diff(TRIAL.snapshot(before), TRIAL.snapshot(trial))
    if not changes:
        return before
    TRIAL.fill(row, trial)
    session.add(row)
    _flush_versioned(session, TRIAL.entity, trial_id, label)
    audit.record(session, action="update", entity=TRIAL.entity, entity_id=trial_id, changes=changes, reason=reason)
    after = get_trial(session, trial_id)
    assert after is not None
    return after


def delete_trial(session: Session, trial_id: int, *, reason: str,
                 expected_version: int | None = None) -> TrialRegistration:
    row = _trial_row(session, trial_id)
    before = TRIAL.load_orm(row)
    label = f"{before.registry.value}:{before.registry_id}"
    _check_version(session, row, expected_version, TRIAL.entity, label)
    session.delete(row)
    _flush_versioned(session, TRIAL.entity, trial_id, label)
    audit.record(session, action="delete", entity=TRIAL.entity, entity_id=trial_id, reason=reason,
                 changes=audit.diff(TRIAL.snapshot(before), None))
    return before


# ----------------------------------------------------------------------------------------------
# obligations

def _obligation_label(o: Obligation) -> str:
    text = o.text_en or o.text_zh
    return f"#{o.id} {o.kind.value}: {text[:60]}" + ("…" if len(text) > 60 else "")


def _refuse_if_obligations(session: Session, entity: str, label: str, where: Any) -> None:
    """An authorisation's obligations are never removed with what they hang on (the foreign keys would
    refuse too, with a message no user can read): the refusal names them, to be deleted first."""
    q = OBLIGATION.select().where(where).order_by(OBLIGATION.table.c.id)
    decode = OBLIGATION.decoder(cached=False)
    found = [decode(r) for r in _plain_rows(session, q)]
    if found:
        code = {"track": "track.has_obligations", "event": "event.has_obligations"}[entity]
        raise Conflict(Problem(entity, label, code,
                               {"obligations": "; ".join(_obligation_label(o) for o in found)}))


def refuse_deleting_authorisation(session: Session, event: RegulatoryEvent) -> None:
    """Refuse deleting an event that imposed obligations still recorded, naming them."""
    _refuse_if_obligations(session, "event", f"{event.type} #{event.id}",
                           ObligationRow.authorisation_event_id == event.id)


def obligations_for_tracks(session: Session, track_ids: Iterable[int] | None = None
                           ) -> dict[int, list[Obligation]]:
    """Obligations by track (all tracks: ``None``) in order of entry."""
    c = OBLIGATION.table.c
    q = OBLIGATION.select().order_by(c.id)
    if track_ids is not None:
        q = q.where(c.track_id.in_(sorted(set(track_ids))))
    decode = OBLIGATION.decoder()
    out: dict[int, list[Obligation]] = {}
    for row in _plain_rows(session, q):
        o = decode(row)
        out.setdefault(o.track_id or 0, []).append(o)
    return out


def obligation_events_for(session: Session, obligation_ids: Iterable[int] | None = None
                          ) -> dict[int, list[ObligationEvent]]:
    """The steps of the given obligations (all: ``None``) by obligation, in order of entry."""
    c = OBLIGATION_EVENT.table.c
    q = OBLIGATION_EVENT.select().order_by(c.id)
    if obligation_ids is not None:
        q = q.where(c.obligation_id.in_(sorted(set(obligation_ids))))
    decode = OBLIGATION_EVENT.decoder()
    out: dict[int, list[ObligationEvent]] = {}
    for row in _plain_rows(session, q):
        e = decode(row)
        out.setdefault(e.obligation_id or 0, []).append(e)
    return out


def _missing(entity: str, record_id: int) -> Exception:
    from mscreg.domain.errors import NotFound

    return NotFound(Problem(entity, str(record_id), "record.missing"))


def get_obligation(session: Session, obligation_id: int) -> Obligation | None:
    row = session.get(ObligationRow, obligation_id)
    return OBLIGATION.load_orm(row) if row is not None else None


def get_obligation_event(session: Session, event_id: int) -> ObligationEvent | None:
    row = session.get(ObligationEventRow, event_id)
    return OBLIGATION_EVENT.load_orm(row) if row is not None else None


def _create_record(session: Session, codec: RecordCodec[Any], value: Any, *, reason: str) -> Any:
    """Store ``value`` through its codec with its create audit row; the stored value back."""
    row = codec.new_row(value)
    session.add(row)
    session.flush()
    assert row.id is not None
    created = codec.load_orm(row)
    audit.record(session, action="create", entity=codec.entity, entity_id=row.id, reason=reason,
                 changes=audit.diff(None, codec.snapshot(created)))
    return created


def _stored_row(session: Session, codec: RecordCodec[Any], record_id: int, expected_version: int | None) -> Any:
    """The row of ``record_id`` (refused when missing or at another version than the caller read)."""
    row = session.get(codec.row_class, record_id)
    if row is None:
        raise _missing(codec.entity, record_id)
    _check_version(session, row, expected_version, codec.entity, str(record_id))
    return row


def _update_record(session: Session, codec: RecordCodec[Any], record_id: int, value: Any, *, reason: str,
                   expected_version: int | None, **owner: Any) -> Any:
    """Write ``value`` over the stored record; one audit row of the fields changed, none if nothing did."""
    row = _stored_row(session, codec, record_id, expected_version)
    before = codec.load_orm(row)
    codec.fill(row, value, **{k: getattr(row, k) for k in owner})
    session.add(row)
    _flush_versioned(session, codec.entity, record_id, str(record_id))
    after = codec.load_orm(row)
    changes = audit.diff(codec.snapshot(before), codec.snapshot(after))
    if changes:
        audit.record(session, action="update", entity=codec.entity, entity_id=record_id, changes=changes,
                     reason=reason)
    return after


def _delete_record(session: Session, codec: RecordCodec[Any], row: Any, record_id: int, *, reason: str) -> Any:
    """Delete a row already checked by the caller, with its delete audit row; the value it held."""
    before = codec.load_orm(row)
    session.delete(row)
    _flush_versioned(session, codec.entity, record_id, str(record_id))
    audit.record(session, action="delete", entity=codec.entity, entity_id=record_id, reason=reason,
                 changes=audit.diff(codec.snapshot(before), None))
    return before


def create_obligation(session: Session, obligation: Obligation, *, reason: str) -> Obligation:
    """Store a validated obligation (the caller has checked its authorisation) with its audit row."""
    created: Obligation = _create_record(session, OBLIGATION, obligation, reason=reason)
    return created


def update_obligation(session: Session, obligation_id: int, obligation: Obligation, *, reason: str,
                      expected_version: int | None = None) -> Obligation:
    after: Obligation = _update_record(session, OBLIGATION, obligation_id, obligation, reason=reason,
                                       expected_version=expected_version)
    return after


def delete_obligation(session: Session, obligation_id: int, *, reason: str,
                      expected_version: int | None = None) -> Obligation:
    """Delete an obligation with no steps recorded; one with steps is refused (delete them first)."""
    row = _stored_row(session, OBLIGATION, obligation_id, expected_version)
    steps = session.execute(sa.select(sa.func.count()).select_from(ObligationEventRow)
                            .where(col(ObligationEventRow.obligation_id) == obligation_id)).scalar_one()
    if steps:
        raise Conflict(Problem("obligation", _obligation_label(OBLIGATION.load_orm(row)), "obligation.has_events"))
    before: Obligation = _delete_record(session, OBLIGATION, row, obligation_id, reason=reason)
    return before


def create_obligation_event(session: Session, event: ObligationEvent, *, reason: str) -> ObligationEvent:
    created: ObligationEvent = _create_record(session, OBLIGATION_EVENT, event, reason=reason)
    return created


def update_obligation_event(session: Session, event_id: int, event: ObligationEvent, *, reason: str,
                            expected_version: int | None = None) -> ObligationEvent:
    # a step stays on its obligation whatever ``event`` says
    after: ObligationEvent = _update_record(session, OBLIGATION_EVENT, event_id, event, reason=reason,
                                            expected_version=expected_version, obligation_id=None)
    return after


def delete_obligation_event(session: Session, event_id: int, *, reason: str,
                            expected_version: int | None = None) -> ObligationEvent:
    row = _stored_row(session, OBLIGATION_EVENT, event_id, expected_version)
    before: ObligationEvent = _delete_record(session, OBLIGATION_EVENT, row, event_id, reason=reason)
    return before


# ----------------------------------------------------------------------------------------------
# meta


def get_meta(session: Session, key: str) -> str | None:
    row = session.get(MetaRow, key)
    return row.value if row else None


def set_meta(session: Session, key: str, value: str) -> None:
    row = session.get(MetaRow, key)
    if row is None:
        session.add(MetaRow(key=key, value=value))
    else:
        row.value = value
        session.add(row)
    session.flush()


# ----------------------------------------------------------------------------------------------
# cross-check of the records against the audit trail


def current_snapshots(session: Session) -> dict[tuple[str, int], dict[str, Any]]:
    """Every live record in the shape its audit rows record it."""
    out: dict[tuple[str, int], dict[str, Any]] = {}
    for p in list_products(session):
        out[("product", p.id or 0)] = _product_snapshot(p)
    # Tracks and events from Core rows of the columns their codec reads back: a derived day edited into
    # something that is not a day (SQLite keeps any text) must not stop the comparison, nor a date or
    # attributes that no longer parse (compared as stored); storage.derived_columns names the column.
    for codec, supplied in ((TRACK, ("",)), (EVENT, ()), (OBLIGATION, ()), (OBLIGATION_EVENT, ()), (TRIAL, ()),
                            (HOLDER_TRANSFER, ()), (VERIFICATION, ())):
        q = codec.select().order_by(codec.table.c.id)
        for row in session.execute(q):
            out[(codec.entity, row[0])] = codec.stored_snapshot(row, *supplied)
    return out


def verify_records(session: Session) -> audit.ChainReport | None:
    """None when every record is exactly what its audit rows say; else the first difference."""
    recorded = audit.replay(session)
    current = current_snapshots(session)
    for key in sorted(set(recorded) | set(current)):
        entity, entity_id = key
        have, said = current.get(key), recorded.get(key)
        if have is None or said is None:
            detail = "no audit row" if said is None else "record missing"
        else:
            fields = [f for f in have if have[f] != said.get(f)]
            if not fields:
                continue
            detail = ", ".join(fields)
        total = session.execute(sa.select(sa.func.count()).select_from(AuditRow)).scalar_one()
        return audit.ChainReport(False, total, None, "unaudited",
                                 (("entity", entity), ("entity_id", entity_id), ("detail", detail)))
    return None


def tracks_of_events(session: Session, event_ids: Iterable[int]) -> dict[int, int]:
    """``{event id: track id}`` for the events that exist."""
    e = table_of(EventRow).c
    ids = sorted(set(event_ids))
    return {i: t for i, t in _plain_rows(session, sa.select(e.id, e.track_id).where(e.id.in_(ids)))} if ids else {}


def products_of_tracks(session: Session, track_ids: Iterable[int]) -> dict[int, int]:
    """``{track id: product id}`` for the tracks that exist."""
    t = table_of(TrackRow).c
    ids = sorted(set(track_ids))
    return {i: p for i, p in _plain_rows(session, sa.select(t.id, t.product_id).where(t.id.in_(ids)))} if ids else {}
