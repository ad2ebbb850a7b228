"""Reading the audit trail: as plain dicts, oldest first, for exporting it (one row at a time), as values
for the audit page, and as a change feed, the rows after a known tail; and the facts ``mscreg check``
reports beside it.  Services read these through here, never from the tables."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from mscreg.storage.audit_columns import AUDIT_COLUMNS
from mscreg.storage.tables import AuditRow, EventRow, ProductRow, table_of


def iter_audit_rows(session: Session) -> Iterator[dict[str, Any]]:
    for row in session.exec(select(AuditRow).order_by(col(AuditRow.id)).execution_options(yield_per=2000)):
        yield {c: getattr(row, c) for c in AUDIT_COLUMNS}


@dataclass(frozen=True)
class AuditRecord:
    """One audit row as a value (the columns of :data:`AUDIT_COLUMNS`)."""

    id: int
    at_utc: str
    actor: str
    action: str
    entity: str
    entity_id: int
    changes: str
    reason: str
    prev_hash: str
    hash: str


def audit_rows(session: Session) -> list[AuditRecord]:
    """Every audit row, oldest first, read with Core rows (a long trail is read whole by the audit page)."""
    a = table_of(AuditRow).c
    q = sa.select(*(a[c] for c in AUDIT_COLUMNS)).order_by(a.id)
    return [AuditRecord(*r) for r in session.execute(q)]


def sqlite_integrity(session: Session) -> list[str]:
    """What SQLite's ``PRAGMA integrity_check`` reports (``["ok"]`` for a sound file)."""
    return [r[0] for r in session.execute(sa.text("PRAGMA integrity_check")).all()]


def record_counts(session: Session) -> tuple[int, int]:
    """How many products and events the database holds."""
    products = session.execute(sa.select(sa.func.count()).select_from(ProductRow)).scalar_one()
    events = session.execute(sa.select(sa.func.count()).select_from(EventRow)).scalar_one()
    return int(products), int(events)


def schema_revision(session: Session) -> str:
    """The Alembic revision the database is at (written into JSON exports)."""
    return session.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one_or_none() or ""


# ----- the trail as a change feed (re-reading only what changed) -------------------------------------
@dataclass(frozen=True)
class AuditTail:
    """The last audit row at the time of a read: where the next look for changes starts."""

    id: int
    hash: str


@dataclass(frozen=True)
class ChangeRow:
    """What a change feed needs of one audit row: which record, and its ``{field: [old, new]}``."""

    id: int
    hash: str
    action: str
    entity: str
    entity_id: int
    changes: str


def audit_tail(session: Session) -> AuditTail | None:
    """The newest audit row's id and hash; None for an empty trail."""
    a = table_of(AuditRow).c
    row = session.execute(sa.select(a.id, a.hash).order_by(a.id.desc()).limit(1)).first()
    return AuditTail(row[0], row[1]) if row is not None else None


def still_there(session: Session, tail: AuditTail) -> bool:
    """Whether the trail still has ``tail`` (same id, same hash): a restored backup or another file
    does not, and nothing read before can be trusted to be current then."""
    a = table_of(AuditRow).c
    found = session.execute(sa.select(a.hash).where(a.id == tail.id)).scalar_one_or_none()
    return found == tail.hash


def rows_after(session: Session, after_id: int, limit: int) -> list[ChangeRow] | None:
    """The audit rows after ``after_id``, oldest first; None when there are more than ``limit``."""
    a = table_of(AuditRow).c
    q = (sa.select(a.id, a.hash, a.action, a.entity, a.entity_id, a.changes).where(a.id > after_id)
         .order_by(a.id).limit(limit + 1))
    rows = [ChangeRow(*r) for r in session.execute(q)]
    return None if len(rows) > limit else rows
