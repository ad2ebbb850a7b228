"""Events may be planned, and dated by quarter.

Revision ID: 7e2d4c1a9b30
Revises: 5c1e0b7d2a90
Create Date: 2026-12-05

A planned event ("BLA planned 2027-Q2") is kept, listed and drawn but never changes a derived state;
``planned`` is false for every event recorded before, which were all facts.  A quarter is a date
precision of its own ("2027-Q2"), so the precision column takes ``quarter`` and is widened to hold it.
On SQLite the table is rebuilt by Alembic's batch mode (SQLite cannot alter a CHECK constraint).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate writes sqlmodel types)
from alembic import op

revision: str = "7e2d4c1a9b30"
down_revision: str | None = "5c1e0b7d2a90"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD = "date_precision IS NULL OR date_precision IN ('year', 'month', 'day')"
_NEW = "date_precision IS NULL OR date_precision IN ('year', 'quarter', 'month', 'day')"


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("planned", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.alter_column("date_precision", existing_type=sa.String(length=5), type_=sa.String(length=7),
                           existing_nullable=True)
        batch.drop_constraint(op.f("ck_events_precision"), type_="check")
        batch.create_check_constraint("precision", _NEW)


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_constraint(op.f("ck_events_precision"), type_="check")
        batch.create_check_constraint("precision", _OLD)
        batch.alter_column("date_precision", existing_type=sa.String(length=7), type_=sa.String(length=5),
                           existing_nullable=True)
        batch.drop_column("planned")
