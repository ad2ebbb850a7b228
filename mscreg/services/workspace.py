"""Where the database is, creating it, and opening it safely.

A workspace is an open database that has been probed before anything wrote to it (is it there, is it
ours, is it sound, is it from a newer mscreg, is it on a network share where SQLite's locking cannot
be trusted, can it be written here), brought to the current schema by Alembic (with a backup first),
backed up once a day, and, when it was just created in the user's data folder on first run, loaded
with the shipped data set.

A database in a read-only location opens read-only: ``Workspace.read_only_reason`` says why, in
both languages, for the window's banner, and every write is refused with that same message.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from mscreg.domain.errors import DatabaseProblem, Problem
from mscreg.services.workspace_location import (  # noqa: F401  (re-exported for callers here)
    DB_ENV,
    DEFAULT_FILENAME,
    default_database_path,
    resolve_location,
)
from mscreg.storage.database import Database, create_engine_for, sqlite_path, url_for

DAILY_LABEL = "daily"


def init_command(explicit: str | os.PathLike[str] | None) -> str:
    """The command that creates the database a command was pointed at: with ``--db`` as it was given
    when it was given (a bare ``mscreg init`` would create the default database instead)."""
    if not explicit:
        return "mscreg init"
    import shlex

    shown = str(explicit)
    if os.name != "nt":
        return f"mscreg --db {shlex.quote(shown)} init"
    # cmd.exe and PowerShell both take double quotes
    return f'mscreg --db "{shown}" init' if any(c.isspace() for c in shown) else f"mscreg --db {shown} init"


@dataclass
class Workspace:
    db: Database
    created: bool = False
    seed_report: object | None = None
    backup: Path | None = field(default=None)  # taken before a migration on this opening
    daily_backup: Path | None = field(default=None)  # taken on the first opening of the day

    @property
    def name(self) -> str:
        return self.db.display_name

    @property
    def location(self) -> str:
        """The file path or the password-free URL."""
        return self.db.location

    @property
    def is_shared(self) -> bool:
        """On a database server (PostgreSQL) rather than a file of this user's."""
        return not self.db.is_sqlite

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    def read_only_reason(self, lang: str = "en") -> str:
        """Why the workspace is read-only, for the window's banner; empty when it is writable."""
        reason = self.db.read_only_reason
        return reason.message(lang) if reason else ""

    def close(self) -> None:
        self.db.dispose()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _open(url: str, *, read_only_reason: Problem | None = None, location_read_only: bool = True) -> Database:
    engine = create_engine_for(url, read_only=read_only_reason is not None, location_read_only=location_read_only)
    return Database(url=url, engine=engine, read_only_reason=read_only_reason)


def refuse_network_share(path: Path | str) -> None:
    """SQLite on SMB/NFS is refused: its locking there is unreliable (see storage/locations.py).

    Called with the location as the user wrote it too, because a UNC path (``//server/share``)
    stops looking like one once it is resolved as a local file name.
    """
    from mscreg.storage.locations import network_filesystem

    if isinstance(path, str) and "://" in path:
        return
    fs = network_filesystem(path)
    if fs is not None:
        raise DatabaseProblem(Problem("database", str(path), "db.network_share", {"fs": fs}))


def _damaged_with_backup(problem: DatabaseProblem, path: Path) -> DatabaseProblem:
    """A damaged file: offer the newest backup, if there is one, in the same message."""
    from mscreg.storage.backup import newest_backup

    p = problem.problems[0]
    if p.code != "db.damaged":
        return problem
    newest = newest_backup(path)
    if newest is None:
        return problem
    params = {**p.params, "backup": str(newest.path), "taken": newest.taken_utc.strftime("%Y-%m-%d %H:%M")}
    return DatabaseProblem(Problem(p.field, p.value, "db.damaged_backup", params))


def init_database(location: str, *, empty: bool = False, seed_path: Path | None = None) -> Workspace:
    """Create a new database by migrations, then load the data set unless ``empty``.

    Refuses to touch an existing file (or a server database that already holds tables).  If loading
    fails, the half-made file is removed so that a retry starts clean; on a server the migration and
    the data set are each one transaction.
    """
    refuse_network_share(location)
    url = url_for(location)
    path = sqlite_path(url)
    if path is not None:
        refuse_network_share(path)
        if path.exists():
            raise DatabaseProblem(Problem("database", str(path), "db.exists"))
        if not path.parent.is_dir():
            raise DatabaseProblem(Problem("database", str(path), "db.folder_missing"))
        if not os.access(path.parent, os.W_OK):  # else SQLite fails later: "unable to open database file"
            raise DatabaseProblem(Problem("database", str(path), "db.folder_unwritable"))
    if not empty:
        # Read the data set before anything is made: an unreadable one is refused with the server
        # database as untouched as the file (there the migration commits before the data set loads).
        from mscreg.storage.seed import default_seed_path, read_seed

        seed_path = seed_path or default_seed_path()
        read_seed(seed_path)
    if path is not None:
        # Claim the name before anything is made: of two inits started together, the second is told the
        # file exists instead of "creating" it again (and, failing, deleting the first one's database).
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            raise DatabaseProblem(Problem("database", str(path), "db.exists")) from None
        except OSError:
            raise DatabaseProblem(Problem("database", str(path), "db.folder_unwritable")) from None
    db = _open(url)
    try:
        if path is None:
            from mscreg.storage.probe import probe_server

            if not probe_server(db.engine, url).empty:
                raise DatabaseProblem(Problem("database", db.location, "db.server_in_use"))
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


def _read_only_problem(path: Path) -> Problem | None:
    from mscreg.storage.locations import read_only_reason

    why = read_only_reason(path)
    if why is None:
        return None
    return Problem("database", str(path), f"db.read_only_{why}")


def open_workspace(location: str | None = None, *, create_default: bool = True,
                   daily_backup: bool = True, check_pages_later: bool = False,
                   lock_failure: str | None = None) -> Workspace:
    """Open (and migrate) an existing database; on first run create the default one with the data set.

    Every refusal happens before anything is written and names its cause (see storage/probe.py).
    ``check_pages_later``: an up-to-date SQLite file's page check is left to the caller
    (:func:`check_pages`, run beside the first read: it is a tenth of a second for a large file,
    and nothing is written before it); a file to be migrated is always checked first.
    ``lock_failure``: the window could not create the lock file beside the database (the system's
    reason); the database then opens read-only, with the read-only location as the reason when the
    location is read-only, else with the lock file's.
    """
    loc, is_default = resolve_location(location)
    refuse_network_share(loc)
    url = url_for(loc)
    path = sqlite_path(url)
    if path is None:
        return _open_server(url)
    refuse_network_share(path)
    if not path.exists():
        if not path.parent.is_dir():
            if is_default and create_default:
                path.parent.mkdir(parents=True, exist_ok=True)
                return init_database(loc)
            raise DatabaseProblem(Problem("database", str(path), "db.folder_missing"))
        if is_default and create_default:
            return init_database(loc)
        raise DatabaseProblem(Problem("database", str(path), "db.missing", {"command": init_command(location)}))
    from mscreg.storage import migrate
    from mscreg.storage.probe import check_sqlite_pages, probe_sqlite_file

    read_only = _read_only_problem(path)
    # a location that really is read-only lets SQLite open the file as immutable (no locking files); a
    # writable one opened read-only for want of the lock may still be written by someone else
    location_read_only = read_only is not None
    if read_only is None and lock_failure is not None:
        read_only = Problem("database", str(path), "db.read_only_lock", {"reason": lock_failure})
    try:
        found = probe_sqlite_file(path, location_read_only=location_read_only, check_pages=not check_pages_later)
        if check_pages_later and migrate.needs_upgrade(found.revision):
            check_sqlite_pages(path, location_read_only=location_read_only)
    except DatabaseProblem as exc:
        raise _damaged_with_backup(exc, path) from None
    if found.empty:
        raise DatabaseProblem(Problem("database", str(path), "db.not_mscreg", {"detail": "no mscreg tables"}))
    migrate.refuse_unversioned(found.revision, str(path))
    migrate.refuse_unknown(found.revision, str(path))
    db = _open(url, read_only_reason=read_only, location_read_only=location_read_only)
    try:
        backup = migrate.upgrade(db)
        if backup is not None:
            _anchor_backup(path, backup)
        daily = None
        if daily_backup and read_only is None and backup is None:
            daily = _daily_backup(path)
    except BaseException:
        db.dispose()
        raise
    return Workspace(db=db, backup=backup, daily_backup=daily)


def check_pages(ws: Workspace) -> None:
    """The page check of a workspace opened with ``check_pages_later`` (nothing to do on a server);
    a damaged file is refused as at opening, naming its newest backup."""
    path = ws.db.path
    if path is None:
        return
    from mscreg.storage.probe import check_sqlite_pages

    try:
        check_sqlite_pages(path, location_read_only=ws.read_only)
    except DatabaseProblem as exc:
        raise _damaged_with_backup(exc, path) from None


def take_daily_backup(ws: Workspace) -> Path | None:
    """The day's backup for a workspace opened with ``daily_backup=False`` (the window takes it after
    the product list is on screen: copying a large file must not delay it)."""
    path = ws.db.path
    if path is None or ws.read_only or ws.backup is not None or ws.daily_backup is not None:
        return None
    ws.daily_backup = _daily_backup(path)
    return ws.daily_backup


def _daily_backup(path: Path) -> Path | None:
    """The first opening of a (UTC) day takes a backup; a failure to back up must not stop the work."""
    from mscreg.storage.backup import has_backup_on, take_backup

    today = dt.datetime.now(dt.UTC).date()
    if has_backup_on(path, today, DAILY_LABEL):
        return None
    try:
        made = take_backup(path, DAILY_LABEL)
    except (OSError, DatabaseProblem):  # a full disk or a lock held for long: try again next start
        return None
    _anchor_backup(path, made)
    return made


def _anchor_backup(path: Path, backup: Path) -> None:
    """Record the anchor of an automatic backup (beside it and in the history); never fails the backup."""
    from mscreg.services.anchoring import record_backup

    record_backup(str(path.resolve()), backup)


def _open_server(url: str) -> Workspace:
    """A PostgreSQL database: reachable, ours, not newer, then migrated (one transaction)."""
    from mscreg.storage import migrate
    from mscreg.storage.probe import probe_server

    db = _open(url)
    try:
        found = probe_server(db.engine, url)
        if found.empty:
            raise DatabaseProblem(Problem("database", db.location, "db.server_empty"))
        migrate.refuse_unversioned(found.revision, db.location)
        migrate.refuse_unknown(found.revision, db.location)
        backup = migrate.upgrade(db)
    except BaseException:
        db.dispose()
        raise
    return Workspace(db=db, backup=backup)
