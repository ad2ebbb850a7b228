"""Creating many records at once (an import), each with its audit row, in the caller's transaction.

``repositories.create_*`` spend most of their time on one flush and one audit-tail query per record;
a 100,000-event import that way takes minutes.  Here rows go in with one executemany per table
(``INSERT … RETURNING id`` in parameter order, on SQLite and PostgreSQL alike), and the audit rows
are chained in memory from the tail read once under the writer's lock, then inserted together.
Rows and audit texts come from the same record codecs (:mod:`mscreg.storage.record_codecs`) as the
repositories', so the hash chain and ``verify_records`` treat a bulk-created record like any other.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, select

from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.product import ProductAlias, ProductDraft
from mscreg.domain.track import TrackDraft
from mscreg.domain.trial import TrialRegistration
from mscreg.storage import audit
from mscreg.storage.audit_columns import AUDIT_COLUMNS as _AUDIT_COLUMNS
from mscreg.storage.database import lock_writers
from mscreg.storage.record_codecs import EVENT, PRODUCT, PRODUCT_ALIAS, TRACK, TRIAL, canonical_json
from mscreg.storage.tables import AuditRow, table_of

CHUNK = 5000

_AUDIT_INSERT = f"INSERT INTO audit_log ({', '.join(_AUDIT_COLUMNS)}) VALUES ({', '.join('?' * len(_AUDIT_COLUMNS))})"


class AuditAppender:
    """Appends audit rows after the current tail of the chain; create it only once every other
    write of the transaction that records audit rows one by one is done (it reads the tail once)."""

    def __init__(self, session: Session, reason: str, actor: str | None = None) -> None:
        if session.get_bind().dialect.name == "postgresql":
            lock_writers(session)
        # SQLModel types AuditRow.id as int | None, which has no .desc(); the column has
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
        self.add_text(action, entity, entity_id, canonical_json(changes))

    def add_text(self, action: str, entity: str, entity_id: int, text: str) -> None:
        """Append a row whose ``changes`` are already canonical JSON (``audit.canonical`` of them)."""
        i, prev = self._next_id, self._prev
        h = self._hash(i, action, entity, entity_id, text, prev)
        self._rows.append((i, self._at, self._actor, action, entity, entity_id, text, self._reason, prev, h))
        self._prev = h
        self._next_id = i + 1
        if len(self._rows) >= CHUNK:
            self.flush()

    def add_texts(self, action: str, entity: str, records: Iterable[tuple[int, str]]) -> None:
        """:meth:`add_text` for many records of one entity: (entity id, changes) pairs, in order."""
        rows = self._hash.rows(action, entity, self._next_id, self._prev, records)
        if not rows:
            return
        self._rows.extend(rows)
        self._prev = rows[-1][-1]
        self._next_id = rows[-1][0] + 1
        if len(self._rows) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self._rows:
            return
        if self._sqlite:
            self._session.connection().exec_driver_sql(_AUDIT_INSERT, self._rows)
        else:
            self._session.execute(sa.insert(table_of(AuditRow)),
                                  [dict(zip(_AUDIT_COLUMNS, r, strict=True)) for r in self._rows])
        self._rows = []


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
    rows = [{**PRODUCT.column_values(d), "version_id": 1} for d in drafts]
    ids = _insert_returning_ids(session, PRODUCT.table, rows)
    aliases = [PRODUCT_ALIAS.column_values(ProductAlias(pid, a))
               for pid, d in zip(ids, drafts, strict=True) for a in d.aliases]
    if aliases:
        session.execute(sa.insert(PRODUCT_ALIAS.table), aliases)
    log.add_texts("create", PRODUCT.entity,
                  [(pid, PRODUCT.created_text(d)) for pid, d in zip(ids, drafts, strict=True)])
    return ids


def create_tracks(session: Session, tracks: Sequence[tuple[int, TrackDraft]], log: AuditAppender) -> list[int]:
    """Insert (product id, validated draft) pairs; ids in order."""
    rows = [{**TRACK.column_values(t, product_id=pid), "version_id": 1} for pid, t in tracks]
    ids = _insert_returning_ids(session, TRACK.table, rows)
    log.add_texts("create", TRACK.entity, [(tid, TRACK.created_text(t, product_id=pid))
                                           for tid, (pid, t) in zip(ids, tracks, strict=True)])
    return ids


_EVENT_COLUMNS = (*EVENT.write_columns, "version_id")


def create_events(session: Session, events: Sequence[tuple[int, RegulatoryEvent]], log: AuditAppender,
                  progress: Callable[[int], None] | None = None) -> list[int]:
    """Insert validated (track id, event) pairs in chunks (the events' own ids and track ids are
    ignored), calling ``progress(done)`` after each chunk.

    Rows are the event codec's tuples in column order (no dict per row) and each audit row's text its
    :meth:`~mscreg.storage.record_codecs.RecordCodec.created_text`, both made by
    :meth:`~mscreg.storage.record_codecs.RecordCodec.created_rows`.
    """
    iso_days = session.get_bind().dialect.name == "sqlite"  # on SQLite the driver gets the rows
    created_rows = EVENT.created_rows
    ids: list[int] = []
    for start in range(0, len(events), CHUNK):
        rows, texts = created_rows(events[start:start + CHUNK], iso_days=iso_days)
        chunk_ids = _insert_tuples(session, EVENT.table, _EVENT_COLUMNS, rows)
        log.add_texts("create", EVENT.entity, zip(chunk_ids, texts, strict=True))
        ids.extend(chunk_ids)
        if progress is not None:
            progress(len(ids))
    return ids


_TRIAL_COLUMNS = (*TRIAL.write_columns, "version_id")


def create_trials(session: Session, trials: Sequence[TrialRegistration], log: AuditAppender) -> list[int]:
    """Insert validated registrations (their own ids ignored) in chunks, each with its audit row; ids in order.
    The caller has checked that none is held already (the unique key would refuse the whole import)."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    row_tuple = TRIAL.row_tuple_iso_days if sqlite else TRIAL.row_tuple
    created_text = TRIAL.created_text
    ids: list[int] = []
    for start in range(0, len(trials), CHUNK):
        chunk = trials[start:start + CHUNK]
        rows = [(*row_tuple(t), 1) for t in chunk]
        chunk_ids = _insert_tuples(session, TRIAL.table, _TRIAL_COLUMNS, rows)
        log.add_texts("create", TRIAL.entity, [(tid, created_text(t)) for tid, t in zip(chunk_ids, chunk, strict=True)])
        ids.extend(chunk_ids)
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
