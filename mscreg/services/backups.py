"""Backing up and restoring an SQLite workspace: what File → Back up… and Restore… and the command line call.

A restore replaces everything the user has, so it is careful in the order that protects data: the
file to restore is checked first (ours, sound, not from a newer mscreg, audit chain unbroken); then
what it replaces is backed up (as a consistent copy if it is sound, byte for byte if it is damaged);
only then is it written, through SQLite so that locks are respected.  A PostgreSQL database is
backed up on the server (pg_dump); these functions say so instead of pretending.

Importers call :func:`backup_before` so every import can be undone by a restore.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from mscreg.domain.errors import DatabaseProblem, Problem
from mscreg.services.workspace import Workspace, refuse_network_share, resolve_location
from mscreg.storage import backup as store
from mscreg.storage.backup import BackupInfo
from mscreg.storage.database import sqlite_path, url_for
from mscreg.storage.probe import safe_url

__all__ = ["BackupInfo", "RestoreReport", "backup_before", "backup_now", "list_backups", "newest_backup",
           "restore", "verify_backup"]


def _sqlite_file(location: str) -> Path:
    path = sqlite_path(url_for(location))
    if path is None:
        raise DatabaseProblem(Problem("database", safe_url(location), "backup.server"))
    return path


def backup_now(ws: Workspace, out: str | os.PathLike[str] | None = None, *, label: str = "manual") -> Path:
    """A consistent copy of the open workspace: at ``out`` (never overwriting), else in the backup folder."""
    path = _sqlite_file(ws.db.url)
    if out is None:
        return store.take_backup(path, label)
    target = Path(out).expanduser()
    if target.exists() and target.resolve() == path.resolve():
        raise DatabaseProblem(Problem("out", str(target), "backup.same_file"))
    if target.exists():
        raise DatabaseProblem(Problem("out", str(target), "db.exists"))
    if not target.parent.is_dir():
        raise DatabaseProblem(Problem("out", str(target), "db.folder_missing"))
    return store.copy_sqlite(path, target)


def backup_before(ws: Workspace, label: str) -> Path | None:
    """An automatic backup before a risky change (``"import"``); None on a server database."""
    if not ws.db.is_sqlite or ws.db.path is None:
        return None
    return store.take_backup(ws.db.path, f"before-{label}")


def list_backups(location: str | None = None) -> list[BackupInfo]:
    """The automatic backups of the database at ``location`` (default: as ``--db`` resolves), newest first."""
    loc, _ = resolve_location(location)
    return store.list_backups(_sqlite_file(loc))


def newest_backup(location: str | None = None) -> BackupInfo | None:
    backups = list_backups(location)
    return backups[0] if backups else None


@dataclass(frozen=True)
class BackupCheck:
    revision: str | None
    audit_rows: int


def verify_backup(file: str | os.PathLike[str]) -> BackupCheck:
    """Refuse a file that cannot safely be restored: not ours, damaged, newer, or with a broken chain."""
    from mscreg.services.integrity import check_database
    from mscreg.storage import migrate
    from mscreg.storage.database import Database, create_engine_for

    src = Path(file).expanduser()
    if not src.is_file():
        code = "db.folder_missing" if not src.parent.is_dir() else "file.missing"
        raise DatabaseProblem(Problem("file", str(src), code))
    revision, rows = store.verify_copy(src)
    migrate.refuse_unversioned(revision, str(src), field="file")
    migrate.refuse_unknown(revision, str(src))
    url = url_for(src)
    db = Database(url, create_engine_for(url, read_only=True),
                  read_only_reason=Problem("file", str(src), "db.read_only", {"detail": "backup"}))
    try:
        report = check_database(Workspace(db=db))
    finally:
        db.dispose()
    if not report.ok:
        detail = report.summary("en").replace("\n", "; ")
        raise DatabaseProblem(Problem("file", str(src), "restore.chain_broken", {"detail": detail}))
    return BackupCheck(revision, rows)


@dataclass(frozen=True)
class RestoreReport:
    database: Path
    restored_from: Path
    audit_rows: int
    replaced_backup: Path | None  # the copy of what was there before (None when there was nothing)


def _keep_damaged(path: Path) -> Path:
    """Byte-for-byte copies of a damaged database and its WAL, for whoever tries to rescue it later."""
    import datetime as dt

    folder = store.backup_folder(path)
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f") + "Z"
    target = folder / f"{path.stem}-{stamp}-damaged-before-restore.sqlite"
    shutil.copy2(path, target)
    wal = Path(f"{path}-wal")
    if wal.exists():  # may hold the newest committed changes: keep it with its database
        shutil.copy2(wal, Path(f"{target}-wal"))
    return target


def restore(file: str | os.PathLike[str], location: str | None = None) -> RestoreReport:
    """Replace the database at ``location`` with the backup ``file``; the workspace must be closed.

    Nothing is written unless the backup passed :func:`verify_backup` and what it replaces was kept.
    """
    from mscreg.storage.probe import probe_sqlite_file

    loc, _ = resolve_location(location)
    path = _sqlite_file(loc)
    src = Path(file).expanduser()
    if src.exists() and path.exists() and src.resolve() == path.resolve():
        raise DatabaseProblem(Problem("file", str(src), "backup.same_file"))
    if not path.parent.is_dir():
        raise DatabaseProblem(Problem("database", str(path), "db.folder_missing"))
    refuse_network_share(path)
    check = verify_backup(src)
    replaced: Path | None = None
    damaged = False
    if path.exists():
        try:
            probe_sqlite_file(path)
        except DatabaseProblem as exc:
            if exc.problems[0].code != "db.damaged":
                raise  # a foreign file, a locked one: never overwrite it
            damaged = True
        replaced = _keep_damaged(path) if damaged else store.take_backup(path, "before-restore")
    if damaged or not path.exists():
        # A damaged file cannot be written through SQLite: put a fresh copy in its place atomically.
        for suffix in ("-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        store.copy_sqlite(src, path)
    else:
        store.restore_into(src, path)
    return RestoreReport(path, src, check.audit_rows, replaced)
