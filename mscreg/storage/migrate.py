"""Bringing a database to the current schema with Alembic, never by ``create_all``.

Before an existing file is upgraded, a copy is taken with SQLite's online backup API (a plain file
copy could catch a WAL database half-written).  A database stamped with a revision this version does
not know was written by a newer mscreg: it is refused, never downgraded.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from mscreg.domain.errors import DatabaseProblem, Problem
from mscreg.storage.database import Database

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_sqlite(path: Path, label: str) -> Path:
    """A consistent copy next to the database: ``name.before-<label>-<UTC time>.sqlite``."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.before-{label}-{stamp}{path.suffix or '.sqlite'}")
    src = sqlite3.connect(str(path))
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except Exception:  # alembic raises CommandError/ResolutionError for an unknown id
        return False


def upgrade(db: Database) -> Path | None:
    """Run pending migrations; returns the backup taken first, if any."""
    script = ScriptDirectory.from_config(alembic_config())
    head = head_revision()
    current = current_revision(db)
    if current == head:
        return None
    if current is not None and not _known(script, current):
        raise DatabaseProblem(Problem("database", db.display_name, "db.newer",
                                      {"found": current, "known": head}))
    backup = None
    if current is not None and db.path is not None and db.path.exists():
        backup = backup_sqlite(db.path, f"upgrade-{current}")
    cfg = alembic_config()
    with db.engine.execution_options(mscreg_write=True).begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return backup

