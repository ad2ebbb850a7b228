"""Backups of an SQLite database: consistent copies, rotated, verified before a restore.

Copies are taken with SQLite's online backup API, never by copying the file: a WAL database is two
or three files and a plain copy can catch them half-written.  Each copy is written to a temporary
name, synced and then renamed, so a crash while backing up never leaves a truncated file that looks
like a backup.  Automatic backups (daily, before a migration, an import or a restore) live in a
folder beside the database, ``<name>-backups/``, and only the newest :data:`KEEP` are kept; a backup
the user asked for with ``--out`` goes where the user said and is never rotated away.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from mscreg.domain.errors import DatabaseProblem, Problem
from mscreg.storage.probe import is_locked_error, probe_sqlite_file

KEEP = 20
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}T\d{6}\d{6}Z)-(?P<label>[a-z0-9-]+)\.sqlite$")


@dataclass(frozen=True)
class BackupInfo:
    """One automatic backup: where it is, when (UTC) it was taken and why."""

    path: Path
    taken_utc: dt.datetime
    label: str
    size: int


def backup_folder(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.stem}-backups")


def _safe_label(label: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", label.lower()).strip("-") or "backup"


def copy_sqlite(src: Path, dst: Path) -> Path:
    """A consistent copy of ``src`` at ``dst`` (replaced atomically if it exists).

    A destination that cannot be written raises :class:`OSError` (a folder without write permission
    when the copy is created, a full disk while it is written), never "damaged": the source is fine,
    and the caller says what is wrong with the place.
    """
    tmp = dst.with_name(f".{dst.name}.partial-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    # Created here, mode 0666 less the umask, so that an unwritable folder fails as the OSError it is
    # (SQLite would report it as "unable to open database file").
    os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    try:
        source = sqlite3.connect(f"{src.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
        try:
            target = sqlite3.connect(str(tmp))
            try:
                source.backup(target)
                # A standalone copy: no -wal beside it needed, opens anywhere (even read-only media).
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        finally:
            source.close()
    except sqlite3.DatabaseError as exc:
        tmp.unlink(missing_ok=True)
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL":  # the destination's disk, not the source
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst)) from None
        code = "db.locked" if is_locked_error(exc) else "db.damaged"
        raise DatabaseProblem(Problem("database", str(src), code, {"detail": str(exc)})) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    with tmp.open("rb+") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, dst)
    return dst


def take_backup(db_path: Path, label: str, *, now: dt.datetime | None = None, rotate_after: bool = True) -> Path:
    """An automatic backup into the backup folder, then rotation (unless ``rotate_after`` is False:
    the caller rotates once the change the backup is for has succeeded); returns the new file."""
    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    folder = backup_folder(db_path)
    folder.mkdir(exist_ok=True)
    stamp = when.strftime("%Y%m%dT%H%M%S%f") + "Z"
    target = folder / f"{db_path.stem}-{stamp}-{_safe_label(label)}.sqlite"
    copy_sqlite(db_path, target)
    if rotate_after:
        rotate(db_path)
    return target


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The automatic backups of ``db_path``, newest first."""
    folder = backup_folder(db_path)
    if not folder.is_dir():
        return []
    found = []
    for p in folder.iterdir():
        m = _NAME.match(p.name)
        if not m or m["stem"] != db_path.stem or not p.is_file():
            continue
        taken = dt.datetime.strptime(m["stamp"], "%Y%m%dT%H%M%S%fZ").replace(tzinfo=dt.UTC)
        found.append(BackupInfo(p, taken, m["label"], p.stat().st_size))
    return sorted(found, key=lambda b: b.taken_utc, reverse=True)


def newest_backup(db_path: Path) -> BackupInfo | None:
    backups = list_backups(db_path)
    return backups[0] if backups else None


def has_backup_on(db_path: Path, day: dt.date, label: str) -> bool:
    return any(b.label == label and b.taken_utc.date() == day for b in list_backups(db_path))


def rotate(db_path: Path, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` automatic backups; returns what was deleted."""
    removed = []
    for b in list_backups(db_path)[keep:]:
        b.path.unlink(missing_ok=True)
        removed.append(b.path)
    return removed


def verify_copy(path: Path) -> tuple[str | None, int]:
    """Check a file meant for restoring: ours, sound (full ``integrity_check``); (revision, audit rows).

    The audit chain is verified by the caller through the services, which know how to report it.
    """
    result = probe_sqlite_file(path, field="file")
    if result.empty:
        raise DatabaseProblem(Problem("file", str(path), "db.not_mscreg", {"detail": "no mscreg tables"}))
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        checks = [r[0] for r in con.execute("PRAGMA integrity_check(5)")]
        rows = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(Problem("file", str(path), "db.damaged", {"detail": str(exc)})) from None
    finally:
        con.close()
    if checks != ["ok"]:
        raise DatabaseProblem(Problem("file", str(path), "db.damaged", {"detail": "; ".join(checks)}))
    return result.revision, rows


def restore_into(src: Path, db_path: Path) -> None:
    """Replace the contents of ``db_path`` with ``src`` through SQLite, so locks are respected.

    Writing through the backup API (rather than renaming a file over the database) means a process
    that still has the database open either waits or sees the old or the new content, never a mix,
    and the ``-wal`` file of the old content cannot be replayed over the new one.
    """
    source = sqlite3.connect(f"{src.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
    try:
        target = sqlite3.connect(str(db_path), timeout=5.0)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=WAL")
            target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            target.close()
    except sqlite3.OperationalError as exc:
        if is_locked_error(exc):
            raise DatabaseProblem(Problem("database", str(db_path), "db.locked")) from None
        raise
    finally:
        source.close()
