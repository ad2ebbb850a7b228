"""Alembic environment for mscreg.

The application runs migrations itself (``mscreg.storage.migrate``) and hands its connection over
through ``config.attributes["connection"]``; the developer commands (``alembic check``,
``alembic revision --autogenerate``) use the URL from alembic.ini or ``MSCREG_DB``.
SQLite needs batch mode to alter tables; ``compare_server_default`` keeps models and migrations
honest about defaults as well as columns.
"""

from __future__ import annotations

import os

import sqlalchemy as sa
from alembic import context
from sqlmodel import SQLModel

import mscreg.storage.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata


def _configure(connection: sa.Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        compare_server_default=False,
    )


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        context.run_migrations()
        return
    from mscreg.storage.database import create_engine_for, url_for

    url = os.environ.get("MSCREG_DB") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("no database: set MSCREG_DB or sqlalchemy.url in alembic.ini")
    engine = create_engine_for(url_for(url))
    with engine.connect() as conn:
        _configure(conn)
        with context.begin_transaction():
            context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
