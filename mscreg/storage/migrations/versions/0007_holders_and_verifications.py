"""Holders and licensees over time, and tracks verified against a source.

Revision ID: a41c7e93d2b5
Revises: b1c7e9a2d4f6
Create Date: 2026-12-05

Two new tables and nothing changed in the existing ones: ``holder_transfers`` keeps the dated
changes of marketing-authorisation holder and licensee per product and jurisdiction (the company
shown for a product is the holder on the as-of day), and ``verifications`` records that a track was
checked against a source on a day without changing it (what the review queue counts from).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate writes sqlmodel types)
from alembic import op

revision: str = "a41c7e93d2b5"
down_revision: str | None = "b1c7e9a2d4f6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A database stamped back to an older revision by hand (tests do) already holds the tables.
    if sa.inspect(op.get_bind()).has_table("holder_transfers"):
        return
    op.create_table(
        "holder_transfers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("jurisdiction", sa.String(length=2), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("date_text", sa.String(length=10), nullable=True),
        sa.Column("date_precision", sa.String(length=7), nullable=True),
        sa.Column("date_earliest", sa.Date(), nullable=True),
        sa.Column("date_latest", sa.Date(), nullable=True),
        sa.Column("approximate", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("from_party", sa.String(length=200), nullable=False),
        sa.Column("to_party", sa.String(length=200), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("version_id", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("role IN ('holder', 'licensee')", name=op.f("ck_holder_transfers_role")),
        sa.CheckConstraint("date_precision IS NULL OR date_precision IN ('year', 'quarter', 'month', 'day')",
                           name=op.f("ck_holder_transfers_precision")),
        sa.CheckConstraint("(date_text IS NULL) = (date_earliest IS NULL)",
                           name=op.f("ck_holder_transfers_date_complete")),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_holder_transfers_product_id_products"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holder_transfers")),
    )
    op.create_index(op.f("ix_holder_transfers_product_id"), "holder_transfers", ["product_id"], unique=False)
    op.create_table(
        "verifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("track_id", sa.Integer(), nullable=False),
        sa.Column("verified_on", sa.Date(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("who", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["track_id"], ["tracks.id"], name=op.f("fk_verifications_track_id_tracks"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_verifications")),
    )
    op.create_index("ix_verifications_track_day", "verifications", ["track_id", "verified_on"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_verifications_track_day", table_name="verifications")
    op.drop_table("verifications")
    op.drop_index(op.f("ix_holder_transfers_product_id"), table_name="holder_transfers")
    op.drop_table("holder_transfers")
