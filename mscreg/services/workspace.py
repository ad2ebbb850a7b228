"""Where the database is, creating it, and opening it safely.

A workspace is an open database that has been probed (is it an SQLite file of ours, is it sound),
brought to the current schema by Alembic (with a backup first), and, when it was just created in the
user's data folder on first run, loaded with the shipped data set.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from mscreg.domain.errors import DatabaseProblem, Problem
from mscreg.storage.database import Database, create_engine_for, probe_sqlite_file, sqlite_path, url_for

DB_ENV = "MSCREG_DB"
DEFAULT_FILENAME = "mscreg.sqlite"


def default_database_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("mscreg", appauthor=False)) / DEFAULT_FILENAME


def resolve_location(explicit: str | os.PathLike[str] | None = None) -> tuple[str, bool]:
    """(location, is_default): ``--db``, else ``MSCREG_DB``, else the user data folder."""
    if explicit:
        return str(explicit), False
    env = os.environ.get(DB_ENV)
    if env:
        return env, False
    return str(default_database_path()), True


@dataclass
class Workspace:
    db: Database
    created: bool = False
    seed_report: object | None = None
    backup: Path | None = field(default=None)

    @property
    def name(self) -> str:
        return self.db.display_name

    def close(self) -> None:
        self.db.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _open(url: str) -> Database:
    return Database(url=url, engine=create_engine_for(url))


def init_database(location: str, *, empty: bool = False, seed_path: Path | None = None) -> Workspace:
    """Create a new database by migrations, then load the data set unless ``empty``.

    Refuses to touch an existing file.  If loading fails, the half-made file is removed so that a
    retry starts clean.
    """
    url = url_for(location)
    path = sqlite_path(url)
    if path is not None:
        if path.exists():
            raise DatabaseProblem(Problem("database", str(path), "db.exists"))
        if not path.parent.is_dir():
            raise DatabaseProblem(Problem("database", str(path), "db.folder_missing"))
    db = _open(url)
    try:
        from mscreg.storage import migrate

        migrate.upgrade(db)
        report = None
        if not empty:
            from mscreg.storage.seed import load_seed

            with db.write() as session:
                report = load_seed(session, seed_path)
    except BaseException:
        db.dispose()
        if path is not None:
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
        raise
    return Workspace(db=db, created=True, seed_report=report)


def open_workspace(location: str | None = None, *, create_default: bool = True) -> Workspace:
    """Open (and migrate) an existing database; on first run create the default one with the data set."""
    loc, is_default = resolve_location(location)
    url = url_for(loc)
    path = sqlite_path(url)
    if path is not None:
        if not path.exists():
            if is_default and create_default:
                path.parent.mkdir(parents=True, exist_ok=True)
                return init_database(loc)
            if not path.parent.is_dir():
                raise DatabaseProblem(Problem("database", str(path), "db.folder_missing"))
            raise DatabaseProblem(Problem("database", str(path), "db.missing"))
        probe_sqlite_file(path)
    db = _open(url)
    from mscreg.storage import migrate

    try:
        backup = migrate.upgrade(db)
    except BaseException:
        db.dispose()
        raise
    return Workspace(db=db, backup=backup)
