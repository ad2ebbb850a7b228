"""Backing up and restoring an SQLite workspace: what File → Back up… and Restore… and the command line call.

A restore replaces everything the user has, so it is careful in the order that protects data: the
file to restore is checked first (ours, sound, not from a newer mscreg, audit chain unbroken); then
what it replaces is backed up (as a consistent copy if it is sound, byte for byte if it is damaged);
only then is it written, through SQLite so that locks are respected.  A PostgreSQL database is
backed up on the server (pg_dump); these functions say so instead of pretending.

Every backup is anchored (:mod:`mscreg.services.anchoring`): beside the copy and in the database's
anchor history.  A restore compares the copy with those anchors first and refuses one that
contradicts them unless forced: putting back a trail that differs from what was anchored is exactly
what a tamperer would do, and a regulatory record must not take it in silently; a user who knows
why may force it, and the finding then stays in the trail.  The restore itself is audited: the
restored database gets one more audit row saying who restored which file, when, and how many rows
of the replaced trail the copy does not have.

Importers call :func:`backup_around` so every import can be undone by a restore.  A backup the user
asks for with ``--out`` goes through :mod:`mscreg.services.output_files` like every other output:
never over the database, its companions, its backup folder or any existing file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from mscreg.domain.errors import CheckFailed, DatabaseProblem, Problem
from mscreg.services import anchoring, output_files
from mscreg.services.workspace import Workspace, refuse_network_share
from mscreg.services.workspace_location import resolve_location
from mscreg.storage import anchors as store_anchors
from mscreg.storage import backup as store
from mscreg.storage.backup import BackupInfo
from mscreg.storage.database import sqlite_path, url_for
from mscreg.storage.probe import safe_url

__all__ = ["BackupInfo", "BackupMade", "RestoreReport", "backup_around", "backup_before", "backup_now",
           "list_backups", "newest_backup", "restore", "take", "verify_backup"]


def _sqlite_file(location: str) -> Path:
    path = sqlite_path(url_for(location))
    if path is None:
        raise DatabaseProblem(Problem("database", safe_url(location), "backup.server"))
    return path


def _take_backup(path: Path, label: str, *, rotate_after: bool = True) -> Path:
    """An automatic backup into the database's backup folder; a folder that cannot be written or a full
    disk is said as such (the database itself is fine)."""
    try:
        return store.take_backup(path, label, rotate_after=rotate_after)
    except OSError as exc:
        folder = store.backup_folder(path)
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            raise DatabaseProblem(Problem("database", str(path), "backup.no_space", {"where": str(folder)})) from None
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT, errno.ENOTDIR, errno.EEXIST):
            raise DatabaseProblem(Problem("database", str(path), "backup.folder_unwritable",
                                          {"where": str(folder)})) from None
        raise output_files.cannot_write("database", str(folder), exc, DatabaseProblem) from None


@dataclass(frozen=True)
class BackupMade:
    path: Path
    anchor: anchoring.BackupAnchor | None  # None when no anchor could be recorded (the backup stands)


def take(ws: Workspace, out: str | os.PathLike[str] | None = None, *, label: str = "manual") -> BackupMade:
    """A consistent copy of the open workspace, anchored: at ``out`` (never overwriting), else in the
    backup folder."""
    path = _sqlite_file(ws.db.url)
    if out is None:
        made = _take_backup(path, label)
    else:
        target = Path(out).expanduser()
        # a copy to this very target killed half-way left its partial file: gone once its process is
        store.remove_stale_partials(target.parent, name=target.name)
        with output_files.written(out, path, replace=False, exists_code="db.exists") as tmp:
            store.copy_sqlite(path, tmp)
        made = Path(out).expanduser()
    return BackupMade(made, anchoring.record_backup(str(path.resolve()), made))


def backup_now(ws: Workspace, out: str | os.PathLike[str] | None = None, *, label: str = "manual") -> Path:
    """:func:`take`, returning the copy's path."""
    return take(ws, out, label=label).path


def backup_before(ws: Workspace, label: str, *, rotate_after: bool = True) -> Path | None:
    """An automatic, anchored backup before a risky change (``"import"``); None on a server database."""
    if not ws.db.is_sqlite or ws.db.path is None:
        return None
    made = _take_backup(ws.db.path, f"before-{label}", rotate_after=rotate_after)
    anchoring.record_backup(str(ws.db.path.resolve()), made)
    return made


@contextlib.contextmanager
def backup_around(ws: Workspace, label: str, *, needed: bool = True) -> Iterator[Path | None]:
    """:func:`backup_before` for a change made in the block, kept only if the change succeeds.

    A database that cannot be written is refused before any backup is taken.  If the block fails
    (refused, cancelled, a conflict), its transaction was rolled back, so the backup is a copy of
    what is still there: it is removed with its anchor file (the anchor stays true in the history: the
    trail was that), and the older backups are rotated only after a success, so failed attempts neither
    pile up copies nor push the oldest useful backups out.
    """
    if not needed:
        yield None
        return
    if ws.db.read_only_reason is not None:
        raise DatabaseProblem(ws.db.read_only_reason)
    backup = backup_before(ws, label, rotate_after=False)
    try:
        yield backup
    except BaseException:
        if backup is not None:
            backup.unlink(missing_ok=True)
            store.anchor_file_of(backup).unlink(missing_ok=True)
        raise
    if backup is not None and ws.db.path is not None:
        store.rotate(ws.db.path)


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
    audit_rows: int  # rows of the copy's trail (verified), before the restore's own row
    replaced_backup: Path | None  # the copy of what was there before (None when there was nothing)
    anchors: anchoring.CopyAssessment | None = None
    replaced_rows: int | None = None  # rows of the replaced trail (None: there was none, or unreadable)
    rows_not_in_copy: int | None = None  # of those, how many the restored copy does not have
    audit_row: int = 0  # id of the audit row recording the restore
    forced: bool = False
    history_recorded: bool = False


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


DEFAULT_REASON = "Restored from a backup"


def _restore_changes(src: Path, check: BackupCheck, replaced: Path | None, replaced_rows: int | None,
                     missing: int | None, assessment: anchoring.CopyAssessment,
                     forced: bool) -> dict[str, list[object]]:
    """The restore's audit row: ``{field: [before, after]}`` like every other row."""
    changes: dict[str, list[object]] = {
        "restored_from": [None, str(src.resolve())],
        "audit_rows": [replaced_rows, check.audit_rows],
        "rows_not_in_copy": [None, missing],
        "replaced_kept_at": [None, str(replaced) if replaced else None],
        "anchors": [None, assessment.summary()],
    }
    if forced:
        changes["forced"] = [None, True]
        changes["contradictions"] = [None, [p.message("en") for p in assessment.problems]]
    return changes


def _audit_restore(staged: Path, changes: dict[str, list[object]], reason: str, actor: str | None) -> int:
    """Append the restore's audit row to the staged copy (one transaction) and verify its chain."""
    from mscreg.storage import audit
    from mscreg.storage.database import Database, create_engine_for

    url = url_for(staged)
    db = Database(url, create_engine_for(url))
    try:
        with db.write() as s:
            row = audit.record(s, action="restore", entity="database", entity_id=0, changes=changes,
                               reason=reason, actor=actor)
            row_id = row.id or 0
        with db.read() as s:
            chain = audit.verify_chain(s)
    finally:
        db.dispose()
    if not chain.ok:  # cannot happen to a verified copy; if it does, nothing is put in place
        raise DatabaseProblem(Problem("file", str(staged), "restore.chain_broken",
                                      {"detail": f"row {chain.broken_id}: {chain.problem('en')}"}))
    return row_id


def restore(file: str | os.PathLike[str], location: str | None = None, *, force: bool = False,
            reason: str = "", actor: str | None = None) -> RestoreReport:
    """Replace the database at ``location`` with the backup ``file``; the workspace must be closed.

    Nothing is written unless the backup passed :func:`verify_backup`, does not contradict the anchors
    known for it and for the database (or ``force``), and what it replaces was kept.  The copy is
    staged beside the database, given its restore audit row there, and only then put in place, so the
    database holds either what it held or the restored trail with its restore row, never one without
    the other.
    """
    from mscreg.domain.product import clean_text
    from mscreg.storage.probe import probe_sqlite_file

    # the reason goes into the restore's audit row: checked as every change's reason is, before anything
    why = clean_text("reason", reason) or DEFAULT_REASON
    loc, _ = resolve_location(location)
    path = _sqlite_file(loc)
    src = Path(file).expanduser()
    if src.exists() and path.exists() and src.resolve() == path.resolve():
        raise DatabaseProblem(Problem("file", str(src), "backup.same_file"))
    if not path.parent.is_dir():
        raise DatabaseProblem(Problem("database", str(path), "db.folder_missing"))
    refuse_network_share(path)
    check = verify_backup(src)
    database = str(path.resolve())
    key = anchoring.load_key(None, create=True)
    assessment = anchoring.assess_copy(src, database, key)
    problems = assessment.problems
    if problems and not force:
        raise CheckFailed([Problem("file", str(src), "restore.contradicts"), *problems])
    replaced: Path | None = None
    damaged = False
    if path.exists():
        try:
            probe_sqlite_file(path)
        except DatabaseProblem as exc:
            if exc.problems[0].code != "db.damaged":
                raise  # a foreign file, a locked one: never overwrite it
            damaged = True
        if damaged:
            replaced = _keep_damaged(path)
        else:
            replaced = _take_backup(path, "before-restore")
            anchoring.record_backup(database, replaced, key=key)
    replaced_rows = missing = None
    if replaced is not None:
        with contextlib.suppress(sqlite3.Error):  # a damaged file may not even show its trail
            replaced_rows, missing = store_anchors.rows_not_in(replaced, src)
    through_sqlite = path.exists() and not damaged
    try:
        staged = store.stage_copy(src, path, page_size_of=path if through_sqlite else None)
    except OSError as exc:  # the place, not the backup: say what is wrong with it
        raise output_files.cannot_write("database", str(path), exc, DatabaseProblem) from None
    try:
        row_id = _audit_restore(staged, _restore_changes(src, check, replaced, replaced_rows, missing, assessment,
                                                         bool(problems)), why, actor)
        store.settle(staged)
        restored_end = store_anchors.file_trail_end(staged)  # what is put in place, read before it is
        store.put_in_place(staged, path, through_sqlite=through_sqlite)
    except OSError as exc:
        raise output_files.cannot_write("database", str(path), exc, DatabaseProblem) from None
    finally:
        store.discard_staged(staged)
    recorded = anchoring.record_restore(database, restored_end, src, key) is not None
    return RestoreReport(path, src, check.audit_rows, replaced, assessment, replaced_rows, missing, row_id,
                         bool(problems), recorded)
