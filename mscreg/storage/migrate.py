"""Bringing a database to the current schema with Alembic, never by ``create_all``.

Before an existing file is upgraded, a copy is taken with SQLite's online backup API into the
rotating backup folder (:mod:`mscreg.storage.backup`).  A database stamped with a revision this
version does not know was written by a newer mscreg: it is refused, never downgraded.  On PostgreSQL
the whole upgrade runs in one transaction (DDL is transactional there), so a failed migration leaves
the schema as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from mscreg.domain.errors import DatabaseProblem, Problem
from mscreg.resource_paths import migrations_dir
from mscreg.storage.backup import take_backup
from mscreg.storage.database import Database

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory


# The newest revision in migrations/versions.  Opening an up-to-date database compares against this
# and never imports Alembic (~160 ms of the start-up); tests/storage/test_migrations.py
# fails if it differs from the head Alembic computes, so a new revision cannot forget it.
HEAD_REVISION = "a41c7e93d2b5"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    # Alembic reads the revision scripts as files, so it needs a real folder; the package carries it.
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    """The stamped revision (None for a database Alembic never touched), read as Alembic stores it."""
    with db.engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:
        raise DatabaseProblem(Problem("database", db.location, "db.newer", {"found": ", ".join(rows),
                                                                          "known": HEAD_REVISION}))
    return rows[0] if rows else None


def backup_sqlite(path: Path, label: str) -> Path:
    """A consistent copy in the database's backup folder, labelled ``before-<label>``."""
    return take_backup(path, f"before-{label}")


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except Exception:  # alembic raises CommandError/ResolutionError for an unknown id
        return False


def refuse_unknown(revision: str | None, location: str) -> None:
    """A revision this mscreg does not know means a newer mscreg wrote the file: refuse, never downgrade."""
    if revision is None or revision == HEAD_REVISION:
        return
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    if not _known(script, revision):
        raise DatabaseProblem(Problem("database", location, "db.newer",
                                      {"found": revision, "known": head_revision()}))


def refuse_unversioned(revision: str | None, location: str, *, field: str = "database") -> None:
    """Refuse a file that holds mscreg's tables but no schema revision (an empty or missing version
    table).  Upgrading it would run every migration from the start over the existing tables and fail
    half-way; guessing its revision could run the wrong ones.  Nothing is written."""
    if revision is None:
        raise DatabaseProblem(Problem(field, location, "db.schema_unknown"))


def needs_upgrade(revision: str | None) -> bool:
    return revision != HEAD_REVISION


def upgrade(db: Database) -> Path | None:
    """Run pending migrations; returns the backup taken first, if any."""
    current = current_revision(db)
    if current == HEAD_REVISION:
        return None
    head = head_revision()
    refuse_unknown(current, db.location)
    if db.read_only:
        raise DatabaseProblem(Problem("database", db.location, "db.read_only_upgrade",
                                      {"found": current, "known": head}))
    backup = None
    if current is not None and db.path is not None and db.path.exists():
        backup = backup_sqlite(db.path, f"upgrade-{current}")
    from alembic import command

    cfg = alembic_config()
    with db.translate_failures(), db.engine.execution_options(mscreg_write=True).begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return backup

