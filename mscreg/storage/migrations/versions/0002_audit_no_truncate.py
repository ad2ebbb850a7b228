"""The audit log refuses TRUNCATE on PostgreSQL too.

Revision ID: 5c1e0b7d2a90
Revises: a3a22cd29f6b
Create Date: 2026-11-22

Row-level ``BEFORE UPDATE OR DELETE`` triggers (revision 0001) do not fire for ``TRUNCATE``, which
empties a PostgreSQL table in one statement; a statement-level trigger closes that gap.  SQLite has
no TRUNCATE (its "truncate optimisation" of ``DELETE FROM`` is disabled by any DELETE trigger), so
nothing changes there.
"""

from collections.abc import Sequence

import sqlmodel  # noqa: F401  (autogenerate writes sqlmodel types)
from alembic import op

revision: str = "5c1e0b7d2a90"
down_revision: str | None = "a3a22cd29f6b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION mscreg_audit_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log")
