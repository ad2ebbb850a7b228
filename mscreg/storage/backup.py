"""Backups of an SQLite database: consistent copies, rotated, verified before a restore.

Copies are taken with SQLite's online backup API, never by copying the file: a WAL database is two
or three files and a plain copy can catch them half-written.  Each copy is written to a temporary
name, synced and then renamed, so a crash while backing up never leaves a truncated file that looks
like a backup.  Automatic backups (daily, before a migration, an import or a restore) live in a
folder beside the database, ``<name>-backups/``, and only the newest :data:`KEEP` are kept (with the
anchor recorded beside each, ``<backup>.anchor.json``); a backup the user asked for with ``--out``
goes where the user said and is never rotated away.

A copy killed half-way leaves its temporary file (``.<name>.partial-<pid>``, as large as the
database) and SQLite's ``-journal`` beside it.  Nothing else would ever remove them, so each copy and
each rotation removes those of processes that are no longer running, never those of a live one.
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
ANCHOR_SUFFIX = ".anchor.json"
# The temporary files of an unfinished copy and SQLite's files beside them.
_PARTIAL = re.compile(r"^\.(?P<name>.+)\.partial-(?P<pid>\d+)(?:-journal|-wal|-shm)?$")
# A partial file written to within this many seconds is left alone whatever its process id says:
# a folder shared between two process namespaces (containers) can hold a live copy of a process
# whose id means nothing here.
STALE_AFTER_S = 60.0


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


def anchor_file_of(backup: Path) -> Path:
    """Where the anchor of a backup is recorded: beside it, ``<backup>.anchor.json``."""
    return backup.with_name(backup.name + ANCHOR_SUFFIX)


def partial_name(target: Path) -> Path:
    """The temporary name a file is written under before it is renamed to ``target``."""
    return target.with_name(f".{target.name}.partial-{os.getpid()}")


def process_alive(pid: int) -> bool:
    """Whether a process with this id is running (when in doubt, yes: its files are then kept)."""
    if pid <= 0:
        return True
    if os.name == "nt":  # pragma: no cover - Windows only; os.kill(pid, 0) would terminate it there
        import ctypes

        # ctypes.windll exists only on Windows, where this branch runs
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return bool(kernel32.GetLastError() != 87)  # ERROR_INVALID_PARAMETER: no such process
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists, under another user
        return True
    return True


def remove_stale_partials(folder: Path, *, name: str | None = None, now: float | None = None) -> list[Path]:
    """Delete the temporary files of copies whose process is gone (only for ``name`` when given).

    A file of a live process, of this process, or written to in the last :data:`STALE_AFTER_S`
    seconds is kept.  Returns what was deleted; a file that cannot be deleted is left for next time.
    """
    import time

    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    moment = time.time() if now is None else now
    for p in entries:
        m = _PARTIAL.match(p.name)
        if not m or (name is not None and m["name"] != name):
            continue
        pid = int(m["pid"])
        if pid == os.getpid() or process_alive(pid):
            continue
        try:
            if not p.is_file() or moment - p.stat().st_mtime < STALE_AFTER_S:
                continue
            p.unlink()
        except OSError:
            continue
        removed.append(p)
    return removed


def copy_sqlite(src: Path, dst: Path) -> Path:
    """A consistent copy of ``src`` at ``dst`` (replaced atomically if it exists).

    A destination that cannot be written raises :class:`OSError` (a folder without write permission
    when the copy is created, a full disk while it is written), never "damaged": the source is fine,
    and the caller says what is wrong with the place.
    """
    remove_stale_partials(dst.parent, name=dst.name)
    tmp = partial_name(dst)
    tmp.unlink(missing_ok=True)
    Path(f"{tmp}-journal").unlink(missing_ok=True)
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
    """Delete all but the newest ``keep`` automatic backups (with their anchors) and the leftovers of
    killed copies; returns what was deleted."""
    removed = []
    for b in list_backups(db_path)[keep:]:
        b.path.unlink(missing_ok=True)
        removed.append(b.path)
        anchor = anchor_file_of(b.path)
        if anchor.is_file():
            anchor.unlink(missing_ok=True)
            removed.append(anchor)
    removed.extend(remove_stale_partials(backup_folder(db_path)))
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


def page_size(path: Path) -> int:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
    try:
        return int(con.execute("PRAGMA page_size").fetchone()[0])
    finally:
        con.close()


def stage_copy(src: Path, db_path: Path, *, page_size_of: Path | None = None) -> Path:
    """A standalone copy of ``src`` beside ``db_path``, under a temporary name, to be finished
    (its restore audit row appended) and then put in place by :func:`put_in_place`.

    SQLite's backup API cannot write into a WAL database whose page size differs from the source's
    (a sound copy with 8192-byte pages failed with "OperationalError" here), so the staged copy takes
    the page size of the database it replaces (``page_size_of``) first.
    """
    remove_stale_partials(db_path.parent, name=db_path.name)  # a restore killed before it finished
    staged = copy_sqlite(src, partial_name(db_path))
    try:
        if page_size_of is not None:
            wanted = page_size(page_size_of)
            if page_size(staged) != wanted:
                con = sqlite3.connect(str(staged))
                try:
                    con.execute("PRAGMA journal_mode=DELETE")  # VACUUM changes the page size only here
                    con.execute(f"PRAGMA page_size={int(wanted)}")
                    con.execute("VACUUM")
                finally:
                    con.close()
    except BaseException:
        discard_staged(staged)
        raise
    return staged


def settle(path: Path) -> None:
    """Fold a file's WAL into it and leave it standalone (rollback journal), synced to disk."""
    con = sqlite3.connect(str(path))
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode=DELETE")
    finally:
        con.close()
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def discard_staged(staged: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{staged}{suffix}").unlink(missing_ok=True)


def put_in_place(staged: Path, db_path: Path, *, through_sqlite: bool) -> None:
    """Make ``db_path`` hold the finished ``staged`` copy, then remove the staged file.

    ``through_sqlite``: write through SQLite's backup API (:func:`restore_into`), for a sound database
    others may have open; otherwise (a damaged or missing file, which SQLite cannot write into) the
    staged file is renamed over it atomically, its stale ``-wal``/``-shm`` removed first.
    """
    try:
        if through_sqlite:
            restore_into(staged, db_path)
        else:
            for suffix in ("-wal", "-shm"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
            os.replace(staged, db_path)
    finally:
        discard_staged(staged)


def restore_into(src: Path, db_path: Path) -> None:
    """Replace the contents of ``db_path`` with ``src`` through SQLite, so locks are respected.

    Writing through the backup API (rather than renaming a file over the database) means a process
    that still has the database open either waits or sees the old or the new content, never a mix,
    and the ``-wal`` file of the old content cannot be replayed over the new one.  ``src`` must have
    the page size of ``db_path`` (see :func:`stage_copy`).
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
        raise DatabaseProblem(Problem("database", str(db_path), "restore.failed", {"detail": str(exc)})) from None
    finally:
        source.close()
