"""Chinese text for indications, product notes and event notes.

Revision ID: b1c7e9a2d4f6
Revises: 3b8f1d6e2c47
Create Date: 2026-12-05

The Chinese interface shows a track's indication, a product's notes and an event's note in Chinese
where they are written, and in English otherwise.  Each is a column of its own next to the English
one, empty for every record made before; an empty text is left out of the audit snapshot, so the
trails written before this revision still verify.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401  (autogenerate writes sqlmodel types)
from alembic import op

revision: str = "b1c7e9a2d4f6"
down_revision: str | None = "3b8f1d6e2c47"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A database stamped back to an older revision by hand (a test does) may hold a column already.
    present = {t: {c["name"] for c in sa.inspect(op.get_bind()).get_columns(t)}
               for t in ("products", "tracks", "events")}
    for table, column in (("products", sa.Column("notes_zh", sa.Text(), nullable=False, server_default="")),
                          ("tracks", sa.Column("indication_zh", sa.String(length=200), nullable=False,
                                               server_default="")),
                          ("events", sa.Column("note_zh", sa.Text(), nullable=False, server_default=""))):
        if column.name not in present[table]:
            with op.batch_alter_table(table) as batch:
                batch.add_column(column)


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("note_zh")
    with op.batch_alter_table("tracks") as batch:
        batch.drop_column("indication_zh")
    with op.batch_alter_table("products") as batch:
        batch.drop_column("notes_zh")
