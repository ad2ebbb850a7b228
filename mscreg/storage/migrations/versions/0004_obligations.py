"""Post-authorisation obligations and their dated steps.

Revision ID: b8f3a2d61c47
Revises: 7e2d4c1a9b30
Create Date: 2026-12-05

Two new tables: ``obligations`` (what an authorisation binds its holder to do, and by when: a due date in
its own partial-date columns, or a rule counted from the authorising event) and ``obligation_events``
(submitted, fulfilled, released, extended).  Each refers to its track and authorising event, and each
step to its obligation, with ``ON DELETE RESTRICT``: an authorisation's conditions are never removed by
deleting what they hang on.  Nothing existing changes, so every record and its audit trail are kept.
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate writes sqlmodel types)
from alembic import op

revision: str = "b8f3a2d61c47"
down_revision: str | None = "7e2d4c1a9b30"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PRECISIONS = "IN ('year', 'quarter', 'month', 'day')"


def _partial_date(prefix: str, approximate: str) -> list[sa.Column[Any]]:
    return [
        sa.Column(f"{prefix}_text", sa.String(length=10), nullable=True),
        sa.Column(f"{prefix}_precision", sa.String(length=7), nullable=True),
        sa.Column(f"{prefix}_earliest", sa.Date(), nullable=True),
        sa.Column(f"{prefix}_latest", sa.Date(), nullable=True),
        sa.Column(approximate, sa.Boolean(), server_default=sa.false(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "obligations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("track_id", sa.Integer(), nullable=False),
        sa.Column("authorisation_event_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("text_en", sa.Text(), nullable=False),
        sa.Column("text_zh", sa.Text(), nullable=False),
        *_partial_date("due", "due_approximate"),
        sa.Column("due_rule", sa.String(length=16), nullable=True),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("version_id", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(f"due_precision IS NULL OR due_precision {_PRECISIONS}",
                           name=op.f("ck_obligations_due_precision")),
        sa.CheckConstraint("(due_text IS NULL) = (due_earliest IS NULL)", name=op.f("ck_obligations_due_complete")),
        sa.CheckConstraint("due_text IS NULL OR due_rule IS NULL", name=op.f("ck_obligations_due_once")),
        sa.ForeignKeyConstraint(["track_id"], ["tracks.id"], name=op.f("fk_obligations_track_id_tracks"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["authorisation_event_id"], ["events.id"],
                                name=op.f("fk_obligations_authorisation_event_id_events"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_obligations")),
    )
    with op.batch_alter_table("obligations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_obligations_track_id"), ["track_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_obligations_authorisation_event_id"), ["authorisation_event_id"],
                              unique=False)

    op.create_table(
        "obligation_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("obligation_id", sa.Integer(), nullable=False),
        sa.Column("event_type", sa.String(length=16), nullable=False),
        *_partial_date("date", "approximate"),
        *_partial_date("new_due", "new_due_approximate"),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version_id", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(f"date_precision IS NULL OR date_precision {_PRECISIONS}",
                           name=op.f("ck_obligation_events_precision")),
        sa.CheckConstraint("(date_text IS NULL) = (date_earliest IS NULL)",
                           name=op.f("ck_obligation_events_date_complete")),
        sa.CheckConstraint(f"new_due_precision IS NULL OR new_due_precision {_PRECISIONS}",
                           name=op.f("ck_obligation_events_new_due_precision")),
        sa.CheckConstraint("(new_due_text IS NULL) = (new_due_earliest IS NULL)",
                           name=op.f("ck_obligation_events_new_due_complete")),
        sa.ForeignKeyConstraint(["obligation_id"], ["obligations.id"],
                                name=op.f("fk_obligation_events_obligation_id_obligations"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_obligation_events")),
    )
    with op.batch_alter_table("obligation_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_obligation_events_obligation_id"), ["obligation_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("obligation_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_obligation_events_obligation_id"))
    op.drop_table("obligation_events")
    with op.batch_alter_table("obligations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_obligations_authorisation_event_id"))
        batch_op.drop_index(batch_op.f("ix_obligations_track_id"))
    op.drop_table("obligations")
