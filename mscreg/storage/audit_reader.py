"""The audit trail as plain dicts, oldest first, for exporting it (read-only; one row at a time)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlmodel import Session, col, select

from mscreg.storage.tables import AuditRow

AUDIT_COLUMNS = ("id", "at_utc", "actor", "action", "entity", "entity_id", "changes", "reason", "prev_hash",
                 "hash")


def iter_audit_rows(session: Session) -> Iterator[dict[str, Any]]:
    for row in session.exec(select(AuditRow).order_by(col(AuditRow.id)).execution_options(yield_per=2000)):
        yield {c: getattr(row, c) for c in AUDIT_COLUMNS}


def schema_revision(session: Session) -> str:
    """The Alembic revision the database is at (written into JSON exports)."""
    import sqlalchemy as sa

    return session.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one_or_none() or ""
