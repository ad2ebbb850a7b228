"""Clinical-trial registrations as records of their own.

Revision ID: 3b8f1d6e2c47
Revises: b8f3a2d61c47
Create Date: 2026-12-05

A registration is matched by (registry, identifier), so the pair is unique.  Each of its four dates is
stored like an event's date (text, precision, first and last possible day) with whether the registry
calls it actual or estimated.  The links to a product and to a clinical track are optional and
RESTRICT: a product or track that trials point at cannot be deleted until they are unlinked (audited),
so a deletion never loses a link silently.  No existing table changes.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate writes sqlmodel types)
from alembic import op

revision: str = "3b8f1d6e2c47"
down_revision: str | None = "b8f3a2d61c47"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DATES = ("first_submitted", "start_date", "primary_completion", "completion")


def _date_columns() -> list[sa.Column]:  # type: ignore[type-arg]
    out: list[sa.Column] = []  # type: ignore[type-arg]
    for name in _DATES:
        out += [sa.Column(f"{name}_text", sa.String(length=12), nullable=True),
                sa.Column(f"{name}_precision", sa.String(length=7), nullable=True),
                sa.Column(f"{name}_earliest", sa.Date(), nullable=True),
                sa.Column(f"{name}_latest", sa.Date(), nullable=True),
                sa.Column(f"{name}_kind", sa.String(length=16), nullable=True)]
    return out


def upgrade() -> None:
    # A database stamped back to an older revision by hand (a test does) already holds the table.
    if sa.inspect(op.get_bind()).has_table("trials"):
        return
    op.create_table(
        "trials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("registry_code", sa.String(length=16), nullable=False),
        sa.Column("registry_id", sa.String(length=60), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("title_zh", sa.Text(), nullable=False),
        sa.Column("official_title", sa.Text(), nullable=False),
        sa.Column("acronym", sa.String(length=200), nullable=False),
        sa.Column("organization", sa.String(length=200), nullable=False),
        sa.Column("phases", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=True),
        *_date_columns(),
        sa.Column("enrolment_count", sa.Integer(), nullable=True),
        sa.Column("enrolment_kind", sa.String(length=16), nullable=True),
        sa.Column("lead_sponsor", sa.String(length=200), nullable=False),
        sa.Column("countries", sa.Text(), nullable=False),
        sa.Column("conditions", sa.Text(), nullable=False),
        sa.Column("interventions", sa.Text(), nullable=False),
        sa.Column("results_posted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("track_id", sa.Integer(), nullable=True),
        sa.Column("sources", sa.Text(), nullable=False),
        sa.Column("version_id", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_trials_product_id_products"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["track_id"], ["tracks.id"], name=op.f("fk_trials_track_id_tracks"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trials")),
        sa.UniqueConstraint("registry_code", "registry_id", name=op.f("uq_trials_registry_code_registry_id")),
    )
    with op.batch_alter_table("trials", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trials_product_id"), ["product_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_trials_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_trials_track_id"), ["track_id"], unique=False)


def downgrade() -> None:
    op.drop_table("trials")
