"""Repositories: the only code that turns rows into domain values and back.

They hand out frozen dataclasses built inside the session (never live ORM rows, which SQLModel
expires on commit), and every create, update and delete appends its audit row in the caller's
transaction.  Validation of *meaning* (state machine, vocabularies) happens in the domain before a
repository is called; repositories enforce what the database must (uniqueness, optimistic locks).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import defer
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from mscreg.domain.errors import Conflict, MscregError, Problem
from mscreg.domain.event import Confidence, RegulatoryEvent
from mscreg.domain.event_types import Pathway
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import DonorType, Modality, Product, ProductDraft, Tissue, name_key, normalise_name
from mscreg.domain.track import Track, TrackDraft
from mscreg.storage import audit
from mscreg.storage.tables import AuditRow, EventRow, MetaRow, ProductAliasRow, ProductRow, TrackRow

# ----------------------------------------------------------------------------------------------
# products


def _product(row: ProductRow, aliases: Sequence[str]) -> Product:
    assert row.id is not None
    return Product(
        id=row.id, name=row.name, name_zh=row.name_zh, inn=row.inn, aliases=tuple(aliases),
        company=row.company, company_zh=row.company_zh,
        company_aliases=tuple(json.loads(row.company_aliases or "[]")),
        source_tissue=Tissue(row.source_tissue), donor_type=DonorType(row.donor_type),
        modality=Modality(row.modality), notes=row.notes, version=row.version_id,
    )


def _product_snapshot(p: ProductDraft | Product) -> dict[str, Any]:
    return {
        "name": p.name, "name_zh": p.name_zh, "inn": p.inn, "aliases": list(p.aliases),
        "company": p.company, "company_zh": p.company_zh, "company_aliases": list(p.company_aliases),
        "source_tissue": str(p.source_tissue), "donor_type": str(p.donor_type),
        "modality": str(p.modality), "notes": p.notes,
    }


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
    a = ProductAliasRow.__table__.c  # type: ignore[attr-defined]
    c = ProductRow.__table__.c  # type: ignore[attr-defined]
    qa = sa.select(a.product_id, a.alias).order_by(a.id)
    q = sa.select(c.id, c.name, c.name_zh, c.inn, c.company, c.company_zh, c.company_aliases, c.source_tissue,
                  c.donor_type, c.modality, c.notes, c.version_id).order_by(c.id)
    if ids is not None:
        wanted = sorted(set(ids))
        qa, q = qa.where(a.product_id.in_(wanted)), q.where(c.id.in_(wanted))
    for pid, alias in _plain_rows(session, qa):
        aliases.setdefault(pid, []).append(alias)
    tissues, donors, modalities = _enum_lookup(Tissue), _enum_lookup(DonorType), _enum_lookup(Modality)
    no_aliases: tuple[str, ...] = ()
    out = []
    for (pid, name, name_zh, inn, company, company_zh, company_aliases, tissue, donor, modality, notes,
         version) in _plain_rows(session, q):
        out.append(Product(
            id=pid, name=name, name_zh=name_zh, inn=inn, aliases=tuple(aliases.get(pid, no_aliases)),
            company=company, company_zh=company_zh,
            company_aliases=tuple(json.loads(company_aliases)) if company_aliases not in ("[]", "", None) else (),
            source_tissue=tissues(tissue), donor_type=donors(donor), modality=modalities(modality),
            notes=notes, version=version))
    return out


def _enum_lookup(enum: type) -> Any:
    """``enum(value)`` through a dict: the enum call's own lookup is ~1 µs, this ~50 ns."""
    members = {m.value: m for m in enum}  # type: ignore[attr-defined]

    def lookup(value: str) -> Any:
        member = members.get(value)
        return member if member is not None else enum(value)

    return lookup


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
        sa.or_(sa.func.lower(ProductRow.name) == folded, ProductRow.name_zh == needle,
               sa.and_(ProductRow.inn != "", sa.func.lower(ProductRow.inn) == folded)))
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
    c = ProductRow.__table__.c  # type: ignore[attr-defined]
    a = ProductAliasRow.__table__.c  # type: ignore[attr-defined]
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
    row = ProductRow(
        name=draft.name, name_zh=draft.name_zh, inn=draft.inn, company=draft.company,
        company_zh=draft.company_zh, company_aliases=json.dumps(list(draft.company_aliases), ensure_ascii=False),
        source_tissue=draft.source_tissue, donor_type=draft.donor_type, modality=draft.modality,
        notes=draft.notes,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    for alias in draft.aliases:
        session.add(ProductAliasRow(product_id=row.id, alias=alias, alias_folded=alias.casefold()))
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
    return {"user": row.actor, "at": row.at_utc} if row else {"user": "?", "at": "?"}


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
    row.name, row.name_zh, row.inn = draft.name, draft.name_zh, draft.inn
    row.company, row.company_zh = draft.company, draft.company_zh
    row.company_aliases = json.dumps(list(draft.company_aliases), ensure_ascii=False)
    row.source_tissue, row.donor_type, row.modality = draft.source_tissue, draft.donor_type, draft.modality
    row.notes = draft.notes
    session.add(row)
    session.execute(sa.delete(ProductAliasRow).where(col(ProductAliasRow.product_id) == product_id))
    for alias in draft.aliases:
        session.add(ProductAliasRow(product_id=product_id, alias=alias, alias_folded=alias.casefold()))
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
    session.execute(sa.delete(ProductAliasRow).where(col(ProductAliasRow.product_id) == product_id))
    session.delete(row)
    _flush_versioned(session, "product", product_id, before.name)
    audit.record(session, action="delete", entity="product", entity_id=product_id, reason=reason,
                 changes=audit.diff(_product_snapshot(before), None))
    return before


# ----------------------------------------------------------------------------------------------
# tracks


def _track(row: TrackRow, product_name: str) -> Track:
    return Track(id=row.id, product_id=row.product_id, product_name=product_name,
                 jurisdiction=row.jurisdiction, indication=row.indication, pathway=Pathway(row.pathway),
                 version=row.version_id)


def tracks_for_products(session: Session, product_ids: Iterable[int] | None = None) -> list[Track]:
    """Tracks of the given products (all: ``None``), by product then id; Core rows, as :func:`list_products`."""
    t = TrackRow.__table__.c  # type: ignore[attr-defined]
    p = ProductRow.__table__.c  # type: ignore[attr-defined]
    q = sa.select(t.id, t.product_id, p.name, t.jurisdiction, t.indication, t.pathway, t.version_id).join_from(
        TrackRow.__table__, ProductRow.__table__, p.id == t.product_id)  # type: ignore[arg-type]
    if product_ids is not None:
        q = q.where(t.product_id.in_(list(product_ids)))
    q = q.order_by(t.product_id, t.id)
    pathways = _enum_lookup(Pathway)
    return [Track(id=tid, product_id=pid, product_name=name, jurisdiction=jur, indication=ind,
                  pathway=pathways(path), version=version)
            for tid, pid, name, jur, ind, path, version in _plain_rows(session, q)]


def get_track(session: Session, track_id: int) -> Track | None:
    row = session.get(TrackRow, track_id)
    if row is None:
        return None
    product = session.get(ProductRow, row.product_id)
    return _track(row, product.name if product else "?")


def find_track(session: Session, product_id: int, draft: TrackDraft) -> Track | None:
    """The product's track in that jurisdiction and pathway whose indication is ``draft``'s, compared
    by :func:`name_key` in Python (a product has a handful of tracks there): SQLite's ``lower`` folds
    ASCII only, and an indication stored before names were normalised must still be found."""
    q = select(TrackRow).where(
        TrackRow.product_id == product_id, TrackRow.jurisdiction == draft.jurisdiction,
        TrackRow.pathway == draft.pathway).order_by(col(TrackRow.id))
    wanted = name_key(draft.indication)
    row = next((r for r in session.exec(q) if name_key(r.indication) == wanted), None)
    if row is None:
        return None
    product = session.get(ProductRow, product_id)
    return _track(row, product.name if product else "?")


def create_track(session: Session, product_id: int, draft: TrackDraft, *, reason: str) -> Track:
    draft = draft.validated()
    if find_track(session, product_id, draft) is not None:
        raise Conflict(Problem("indication", draft.indication, "track.exists"))
    row = TrackRow(product_id=product_id, jurisdiction=draft.jurisdiction, indication=draft.indication,
                   pathway=draft.pathway)
    session.add(row)
    session.flush()
    assert row.id is not None
    audit.record(session, action="create", entity="track", entity_id=row.id, reason=reason,
                 changes=audit.diff(None, {"product_id": product_id, "jurisdiction": draft.jurisdiction,
                                           "indication": draft.indication, "pathway": draft.pathway}))
    track = get_track(session, row.id)
    assert track is not None
    return track


def _track_snapshot(row: TrackRow) -> dict[str, Any]:
    """A track in the shape its audit rows and :func:`current_snapshots` record it."""
    return {"product_id": row.product_id, "jurisdiction": row.jurisdiction, "indication": row.indication,
            "pathway": row.pathway}


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
    row.jurisdiction, row.indication, row.pathway = draft.jurisdiction, draft.indication, draft.pathway
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
    events = session.execute(sa.select(sa.func.count()).select_from(EventRow)
                             .where(col(EventRow.track_id) == track_id)).scalar_one()
    if events:
        raise Conflict(Problem("track", label, "track.has_events"))
    before = _track_snapshot(row)
    session.delete(row)
    _flush_versioned(session, "track", track_id, label)
    audit.record(session, action="delete", entity="track", entity_id=track_id, reason=reason,
                 changes=audit.diff(before, None))
    return track


# ----------------------------------------------------------------------------------------------
# events

_WITHOUT_DAYS = (defer(EventRow.date_earliest), defer(EventRow.date_latest))  # type: ignore[arg-type]


def _event_row(session: Session, event_id: int) -> EventRow | None:
    """The event's row without its first and last days, which nothing reads back (they are written
    from the date, and :mod:`mscreg.storage.derived_columns` checks them): on SQLite a day edited into
    something that is not a day would make loading the row raise, and every change to the event fail."""
    return session.get(EventRow, event_id, options=_WITHOUT_DAYS)


def _event(row: EventRow) -> RegulatoryEvent:
    date = PartialDate.parse(row.date_text, approximate=row.approximate) if row.date_text else None
    return RegulatoryEvent(
        id=row.id, track_id=row.track_id, type=row.event_type, date=date, agency=row.agency,
        reference=row.reference, source=row.source, confidence=Confidence(row.confidence), note=row.note,
        attributes=json.loads(row.attributes or "{}"), version=row.version_id,
    )


def event_snapshot(e: RegulatoryEvent) -> dict[str, Any]:
    return {
        "track_id": e.track_id, "type": e.type, "date": e.date.iso() if e.date else None,
        "approximate": bool(e.date and e.date.approximate), "agency": e.agency, "reference": e.reference,
        "source": e.source, "confidence": str(e.confidence), "note": e.note,
        "attributes": dict(e.attributes),
    }


def _fill(row: EventRow, e: RegulatoryEvent) -> None:
    row.event_type = e.type
    row.date_text = e.date.iso() if e.date else None
    row.date_precision = e.date.precision.value if e.date else None
    row.date_earliest = e.date.earliest if e.date else None
    row.date_latest = e.date.latest if e.date else None
    row.approximate = bool(e.date and e.date.approximate)
    row.agency, row.reference, row.source = e.agency, e.reference, e.source
    row.confidence, row.note = str(e.confidence), e.note
    row.attributes = json.dumps(dict(e.attributes), ensure_ascii=False, sort_keys=True)


def events_for_track(session: Session, track_id: int) -> list[RegulatoryEvent]:
    q = select(EventRow).options(*_WITHOUT_DAYS).where(EventRow.track_id == track_id).order_by(col(EventRow.id))
    return [_event(r) for r in session.exec(q)]


def _plain_rows(session: Session, query: sa.Select) -> Iterable[tuple]:
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
    cursor = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    cursor.execute(str(compiled), params)
    return cursor.fetchall()


def events_for_tracks(session: Session, track_ids: Iterable[int] | None = None
                      ) -> dict[int, list[RegulatoryEvent]]:
    """Events by track (all tracks: ``None``) in order of entry.

    This is the start-up read (100,000 events for a large portfolio): Core rows instead of
    ORM objects, each distinct (date, approximate) parsed once, and the shared vocabulary (confidence,
    empty attributes) looked up instead of rebuilt, which takes it from ~6 s to a fraction of one.
    """
    e = EventRow.__table__.c  # type: ignore[attr-defined]
    q = sa.select(e.id, e.track_id, e.event_type, e.date_text, e.approximate, e.agency, e.reference, e.source,
                  e.confidence, e.note, e.attributes, e.version_id).order_by(e.id)
    wanted: set[int] | None = None
    if track_ids is not None:
        wanted = set(track_ids)
        if len(wanted) <= 500:  # a product's or a few products' tracks: let the index find them
            q = q.where(e.track_id.in_(sorted(wanted)))
            wanted = None
    dates: dict[tuple[str, bool], PartialDate] = {}
    confidences = _enum_lookup(Confidence)
    stored = RegulatoryEvent.stored
    # one string object per distinct text (types, agencies, sources and notes repeat across a portfolio):
    # the driver makes a new one per row, 50 MB for 100,000 events
    text = {}.setdefault
    out: dict[int, list[RegulatoryEvent]] = {}
    for (eid, tid, etype, date_text, approximate, agency, reference, source, confidence, note, attributes,
         version) in _plain_rows(session, q):
        if wanted is not None and tid not in wanted:
            continue
        date = None
        if date_text:
            key = (date_text, bool(approximate))
            date = dates.get(key)
            if date is None:
                date = dates[key] = PartialDate.parse(date_text, approximate=bool(approximate))
        found = out.get(tid)
        if found is None:
            found = out[tid] = []
        found.append(stored(eid, tid, text(etype, etype), date, text(agency, agency), text(reference, reference),
                            text(source, source), confidences(confidence), text(note, note),
                            json.loads(attributes) if attributes and attributes != "{}" else {}, version))
    return out


def get_event(session: Session, event_id: int) -> RegulatoryEvent | None:
    row = _event_row(session, event_id)
    return _event(row) if row else None


def create_event(session: Session, track_id: int, event: RegulatoryEvent, *, reason: str) -> RegulatoryEvent:
    row = EventRow(track_id=track_id, event_type=event.type)
    _fill(row, event)
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
    _fill(row, event)
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
    session.delete(row)
    _flush_versioned(session, "event", event_id, str(event_id))
    audit.record(session, action="delete", entity="event", entity_id=event_id, reason=reason,
                 changes=audit.diff(event_snapshot(before), None))
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
    for t in session.exec(select(TrackRow)):
        out[("track", t.id or 0)] = {"product_id": t.product_id, "jurisdiction": t.jurisdiction,
                                     "indication": t.indication, "pathway": t.pathway}
    # The shape of event_snapshot, built from Core rows of its columns only: a derived day edited into
    # something that is not a day (SQLite keeps any text) must not stop the comparison, nor a date or
    # attributes that no longer parse (compared as stored); storage.derived_columns names the column.
    e = EventRow.__table__.c  # type: ignore[attr-defined]
    q = sa.select(e.id, e.track_id, e.event_type, e.date_text, e.approximate, e.agency, e.reference, e.source,
                  e.confidence, e.note, e.attributes).order_by(e.id)
    for (eid, tid, etype, date_text, approximate, agency, reference, source, confidence, note,
         attributes) in session.execute(q):
        try:
            date = PartialDate.parse(date_text, approximate=bool(approximate)).iso() if date_text else None
        except MscregError:  # not a date: compared as it is stored, so the difference shows
            date = date_text
        try:
            attrs = json.loads(attributes or "{}")
        except ValueError:
            attrs = attributes
        out[("event", eid)] = {
            "track_id": tid, "type": etype, "date": date, "approximate": bool(date_text and approximate),
            "agency": agency, "reference": reference, "source": source, "confidence": confidence, "note": note,
            "attributes": attrs,
        }
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
    e = EventRow.__table__.c  # type: ignore[attr-defined]
    ids = sorted(set(event_ids))
    return {i: t for i, t in _plain_rows(session, sa.select(e.id, e.track_id).where(e.id.in_(ids)))} if ids else {}


def products_of_tracks(session: Session, track_ids: Iterable[int]) -> dict[int, int]:
    """``{track id: product id}`` for the tracks that exist."""
    t = TrackRow.__table__.c  # type: ignore[attr-defined]
    ids = sorted(set(track_ids))
    return {i: p for i, p in _plain_rows(session, sa.select(t.id, t.product_id).where(t.id.in_(ids)))} if ids else {}
