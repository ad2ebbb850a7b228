"""Creating many records at once (an import), each with its audit row, in the caller's transaction.

``repositories.create_*`` spend most of their time on one flush and one audit-tail query per record;
a 100,000-event import that way takes minutes.  Here rows go in with one executemany per table
(``INSERT … RETURNING id`` in parameter order, on SQLite and PostgreSQL alike), and the audit rows
are chained in memory from the tail read once under the writer's lock, then inserted together.
Each audit row records exactly what the repositories would (the same snapshots), so the hash chain
and ``verify_records`` treat a bulk-created record like any other.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.product import ProductDraft
from mscreg.domain.track import TrackDraft
from mscreg.storage import audit
from mscreg.storage.database import lock_writers
from mscreg.storage.repositories import _product_snapshot, event_snapshot
from mscreg.storage.tables import AuditRow, EventRow, ProductAliasRow, ProductRow, TrackRow

CHUNK = 5000
# audit.canonical's exact settings, as one reusable encoder (json.dumps builds one per call)
_canonical = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode


_AUDIT_COLUMNS = ("id", "at_utc", "actor", "action", "entity", "entity_id", "changes", "reason", "prev_hash", "hash")
_AUDIT_INSERT = f"INSERT INTO audit_log ({', '.join(_AUDIT_COLUMNS)}) VALUES ({', '.join('?' * len(_AUDIT_COLUMNS))})"


class AuditAppender:
    """Appends audit rows after the current tail of the chain; create it only once every other
    write of the transaction that records audit rows one by one is done (it reads the tail once)."""

    def __init__(self, session: Session, reason: str, actor: str | None = None) -> None:
        if session.get_bind().dialect.name == "postgresql":
            lock_writers(session)
        last = session.exec(select(AuditRow).order_by(AuditRow.id.desc()).limit(1)).first()  # type: ignore[union-attr]
        self._session = session
        self._sqlite = session.get_bind().dialect.name == "sqlite"
        self._prev = last.hash if last else audit.GENESIS
        self._next_id = (last.id or 0) + 1 if last else 1
        self._at = audit._utc_now(session)
        self._actor = actor or audit.current_actor()
        self._reason = reason
        self._hash = audit.RowHasher(self._at, self._actor, reason)
        self._rows: list[tuple[Any, ...]] = []

    def add(self, action: str, entity: str, entity_id: int, changes: dict[str, Any]) -> None:
        self.add_text(action, entity, entity_id, _canonical(changes))

    def add_text(self, action: str, entity: str, entity_id: int, text: str) -> None:
        """Append a row whose ``changes`` are already canonical JSON (``audit.canonical`` of them)."""
        i, prev = self._next_id, self._prev
        h = self._hash(i, action, entity, entity_id, text, prev)
        self._rows.append((i, self._at, self._actor, action, entity, entity_id, text, self._reason, prev, h))
        self._prev = h
        self._next_id = i + 1
        if len(self._rows) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self._rows:
            return
        if self._sqlite:
            self._session.connection().exec_driver_sql(_AUDIT_INSERT, self._rows)
        else:
            self._session.execute(sa.insert(AuditRow.__table__),  # type: ignore[arg-type]
                                  [dict(zip(_AUDIT_COLUMNS, r, strict=True)) for r in self._rows])
        self._rows = []


def _created(snapshot: dict[str, Any]) -> dict[str, list[Any]]:
    """``audit.diff(None, snapshot)`` for a new record, without its general-case bookkeeping."""
    return {k: [None, v] for k, v in snapshot.items() if v is not None}


def _insert_returning_ids(session: Session, table: sa.Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows``; their new ids in order (see :func:`_insert_tuples`)."""
    if not rows:
        return []
    columns = tuple(rows[0])
    dates = {k for k in columns if isinstance(table.c[k].type, sa.Date)}
    sqlite = session.get_bind().dialect.name == "sqlite"
    # as sa.Date stores them on SQLite (ISO text); the driver's own date adapter is deprecated
    tuples = [tuple(r[k].isoformat() if sqlite and k in dates and r[k] is not None else r[k] for k in columns)
              for r in rows]
    return _insert_tuples(session, table, columns, tuples)


def _insert_tuples(session: Session, table: sa.Table, columns: Sequence[str], rows: list[tuple[Any, ...]]
                   ) -> list[int]:
    """Insert ``rows`` (values in the order of ``columns``; on SQLite dates as ISO text); new ids in order.

    On SQLite the writer holds the database lock (``BEGIN IMMEDIATE``), so the next ids are exactly
    max(id)+1…, which is what SQLite would pick; giving them explicitly lets the driver's own
    executemany run (three times faster than ``INSERT … RETURNING`` batches for 100,000 rows).
    PostgreSQL takes them from the table's sequence with RETURNING, as another writer may too.
    """
    if not rows:
        return []
    if session.get_bind().dialect.name != "sqlite":
        stmt = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return [r[0] for r in session.execute(stmt, [dict(zip(columns, r, strict=True)) for r in rows])]
    first = (session.execute(sa.select(sa.func.max(table.c.id))).scalar_one() or 0) + 1
    sql = f'INSERT INTO "{table.name}" (id, {", ".join(columns)}) VALUES (?{", ?" * len(columns)})'
    session.connection().exec_driver_sql(sql, [(i, *r) for i, r in enumerate(rows, first)])
    return list(range(first, first + len(rows)))


def create_products(session: Session, drafts: Sequence[ProductDraft], log: AuditAppender) -> list[int]:
    """Insert validated drafts with their aliases; ids in the order of ``drafts``."""
    rows = [{"name": d.name, "name_zh": d.name_zh, "inn": d.inn, "company": d.company, "company_zh": d.company_zh,
             "company_aliases": json.dumps(list(d.company_aliases), ensure_ascii=False),
             "source_tissue": d.source_tissue, "donor_type": d.donor_type, "modality": d.modality,
             "notes": d.notes, "version_id": 1} for d in drafts]
    ids = _insert_returning_ids(session, ProductRow.__table__, rows)  # type: ignore[arg-type]
    aliases = [{"product_id": pid, "alias": a, "alias_folded": a.casefold()}
               for pid, d in zip(ids, drafts, strict=True) for a in d.aliases]
    if aliases:
        session.execute(sa.insert(ProductAliasRow.__table__), aliases)  # type: ignore[arg-type]
    for pid, d in zip(ids, drafts, strict=True):
        log.add("create", "product", pid, _created(_product_snapshot(d)))
    return ids


def create_tracks(session: Session, tracks: Sequence[tuple[int, TrackDraft]], log: AuditAppender) -> list[int]:
    """Insert (product id, validated draft) pairs; ids in order."""
    rows = [{"product_id": pid, "jurisdiction": t.jurisdiction, "indication": t.indication, "pathway": t.pathway,
             "version_id": 1} for pid, t in tracks]
    ids = _insert_returning_ids(session, TrackRow.__table__, rows)  # type: ignore[arg-type]
    for tid, (pid, t) in zip(ids, tracks, strict=True):
        log.add("create", "track", tid, _created({"product_id": pid, "jurisdiction": t.jurisdiction,
                                                  "indication": t.indication, "pathway": t.pathway}))
    return ids


_EVENT_COLUMNS = ("track_id", "event_type", "date_text", "date_precision", "date_earliest", "date_latest",
                  "approximate", "agency", "reference", "source", "confidence", "note", "attributes", "version_id")
_json_str = audit._json_str


def _created_event_text(tid: int, e: RegulatoryEvent, date_text: str | None, approximate: bool,
                        confidence: str) -> str:
    """``audit.canonical(_created(snapshot))`` of a new event, written out key by key (sorted) instead
    of building two dicts and walking them with the JSON encoder: a 100,000-event import makes 100,000
    of these.  The same text exactly (a test compares the two); a value of an unexpected type takes the
    general path."""
    agency, reference, source, note, etype = e.agency, e.reference, e.source, e.note, e.type
    if not (agency.__class__ is str and reference.__class__ is str and source.__class__ is str
            and note.__class__ is str and etype.__class__ is str and tid.__class__ is int):
        snap = event_snapshot(e)
        snap["track_id"] = tid
        return _canonical(_created(snap))
    attributes = _canonical(dict(e.attributes)) if e.attributes else "{}"
    date = "" if date_text is None else f',"date":[null,{_json_str(date_text)}]'
    return (f'{{"agency":[null,{_json_str(agency)}],"approximate":[null,{"true" if approximate else "false"}],'
            f'"attributes":[null,{attributes}],"confidence":[null,{_json_str(confidence)}]{date},'
            f'"note":[null,{_json_str(note)}],"reference":[null,{_json_str(reference)}],'
            f'"source":[null,{_json_str(source)}],"track_id":[null,{tid}],"type":[null,{_json_str(etype)}]}}')


def create_events(session: Session, events: Sequence[tuple[int, RegulatoryEvent]], log: AuditAppender,
                  progress: Callable[[int], None] | None = None) -> list[int]:
    """Insert validated (track id, event) pairs in chunks (the events' own ids and track ids are
    ignored), calling ``progress(done)`` after each chunk.

    Rows are built as tuples in column order (no dict per row), with the values
    ``repositories._fill`` would store, and each audit row's text is written directly
    (:func:`_created_event_text`).
    """
    sqlite = session.get_bind().dialect.name == "sqlite"
    ids: list[int] = []
    for start in range(0, len(events), CHUNK):
        chunk = events[start:start + CHUNK]
        rows = []
        texts = []
        for tid, e in chunk:
            d = e.date
            confidence = str(e.confidence)
            if d is None:
                date_text = precision = earliest = latest = None
                approximate = False
            else:
                date_text, precision, approximate = d.iso(), str(d.precision), bool(d.approximate)
                earliest, latest = d.earliest, d.latest
                if sqlite:  # as sa.Date stores them on SQLite (ISO text)
                    earliest, latest = earliest.isoformat(), latest.isoformat()
            rows.append((tid, e.type, date_text, precision, earliest, latest, approximate, e.agency, e.reference,
                         e.source, confidence, e.note,
                         json.dumps(dict(e.attributes), ensure_ascii=False, sort_keys=True) if e.attributes else "{}",
                         1))
            texts.append(_created_event_text(tid, e, date_text, approximate, confidence))
        chunk_ids = _insert_tuples(session, EventRow.__table__, _EVENT_COLUMNS, rows)  # type: ignore[arg-type]
        add = log.add_text
        for eid, text in zip(chunk_ids, texts, strict=True):
            add("create", "event", eid, text)
        ids.extend(chunk_ids)
        if progress is not None:
            progress(len(ids))
    return ids


# Page cache for a bulk write on SQLite, in KiB (the default is 2 MiB).  The audit table's unique
# index on the hash takes its rows in random order; with the default cache its pages are evicted
# and read back over and over.  Measured on 100,000 events: about 0.1 s less CPU at 16 MiB.  Kept
# small on purpose: the cache only changes what is held in memory, not what is written or when the
# commit makes it durable (a large write still spills pages to the WAL before it commits).
BULK_CACHE_KIB = 16 * 1024


@contextlib.contextmanager
def bulk_cache(session: Session) -> Iterator[None]:
    """A larger page cache on the session's SQLite connection for the ``with`` block, then the old size."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    conn = session.connection()
    before = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
    try:
        yield
    finally:
        with contextlib.suppress(sa.exc.DBAPIError):  # never hide the error that ended the block
            conn.exec_driver_sql(f"PRAGMA cache_size={int(before)}")


def audit_tail_id(session: Session) -> int:
    """Id of the newest audit row (0 for none): every change adds one, so it tells whether anything changed."""
    return session.execute(sa.select(sa.func.max(AuditRow.id))).scalar_one() or 0
