"""Every file mscreg writes where the user said (exports, the audit trail, calendars, backups with
``--out``, printed timelines, demo databases) is written through this module, so that no output can
destroy data.

* **Never over the database.**  The output is refused when it is the database in use (by any name:
  a relative path, a symbolic link, a hard link), one of the files SQLite and mscreg keep beside it
  (``-wal``, ``-shm``, ``-journal``, ``.lock``), or anything in its backup folder.  Writing a CSV over
  the open database used to leave a file that no longer opened, with only the day's backup left.
* **Never over a database at all.**  An existing file that starts with the SQLite header is never
  replaced, whatever the command's ``--force`` says: it may be another database of the user's.
* **Only regular files.**  A folder, a device (``/dev/null``), a pipe or a socket is refused: the
  rename that puts an output in place would replace the device node itself.
* **Whole or not at all.**  The content goes to a temporary file beside the target (same folder,
  so the final rename is atomic); it is synced and renamed into place only when complete.  A
  failure, a cancel or a refusal found at the last moment leaves no partial file.
* **The umask decides the mode.**  The temporary file is created with mode 0666 and the kernel
  applies the user's umask, as for any file the user creates (``tempfile`` would make it 0600,
  which blocks sharing an export on a team drive).
* **A message, never a traceback.**  An output that cannot be written (no permission, a read-only
  disk, a full disk, a folder that does not exist or cannot hold files, such as ``/proc``) is
  refused with the field, the value and the reason in the user's language.

Writers use :func:`written` (one file) or :func:`written_all` (several files that appear together,
such as the pages of a tiled PNG timeline) and write to the temporary path they are given.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from mscreg.domain.errors import DatabaseProblem, InvalidInput, Problem

SQLITE_HEADER = b"SQLite format 3\x00"
# Files beside an SQLite database that belong to it: SQLite's write-ahead log, its shared-memory
# index and its rollback journal, and the lock file a window holds while the database is open.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal", ".lock")
_TEMP_TRIES = 16

PathLike = str | os.PathLike[str]


def database_of(ws: Any) -> Path | None:
    """The SQLite file of an open workspace (None for a server database)."""
    db = getattr(ws, "db", None)
    return getattr(db, "path", None) if db is not None else None


def configured_database(location: str | None) -> Path | None:
    """The SQLite file that ``--db`` / ``MSCREG_DB`` / the user data folder names (None for a server),
    for commands that write a file without opening the database (``demo-data``)."""
    from mscreg.services.workspace_location import resolve_location
    from mscreg.storage.database import sqlite_path, url_for

    loc, _ = resolve_location(location)
    if "://" in loc and not loc.startswith("sqlite"):
        return None
    try:
        return sqlite_path(url_for(loc))
    except Exception:  # an unparsable URL names no file of ours; opening it is refused elsewhere
        return None


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: compare the name as written
        return _absolute(path)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def _backup_folder(database: Path) -> Path:
    from mscreg.storage.backup import backup_folder

    return backup_folder(database)


def _inside(path: Path, folder: Path) -> bool:
    """``path`` is ``folder`` or lies below it, by name or (for a folder reached another way, such as a
    bind mount) by identity of one of its parents."""
    if path == folder or folder in path.parents:
        return True
    try:
        wanted = folder.stat()
    except OSError:
        return False
    for parent in (path, *path.parents):
        try:
            found = parent.stat()
        except OSError:
            continue
        if (found.st_dev, found.st_ino) == (wanted.st_dev, wanted.st_ino):
            return True
    return False


def _database_problem(target: Path, shown: str, database: Path, field: str) -> Problem | None:
    """Why ``target`` belongs to ``database`` (the file, a companion, the backup folder), or None."""
    names = {_absolute(database), _resolved(database)}
    real_target = _resolved(target)
    candidates = {_absolute(target), real_target}
    for db in names:
        if db in candidates or _same_file(target, db):
            return Problem(field, shown, "output.is_database", {"where": str(database)})
    for db in names:
        for suffix in COMPANION_SUFFIXES:
            side = db.with_name(db.name + suffix)
            if side in candidates or _same_file(target, side):
                return Problem(field, shown, "output.database_companion", {"where": str(database)})
    # A companion named after another name of the database (a symbolic or hard link to it).
    for suffix in COMPANION_SUFFIXES:
        for candidate in candidates:
            if candidate.name.endswith(suffix) and len(candidate.name) > len(suffix):
                owner = candidate.with_name(candidate.name[: -len(suffix)])
                if any(_same_file(owner, db) for db in names):
                    return Problem(field, shown, "output.database_companion", {"where": str(database)})
    for db in names:
        folder = _backup_folder(db)
        if any(_inside(c, folder) for c in candidates):
            return Problem(field, shown, "output.in_backups", {"where": str(folder)})
    return None


def _proof_problem(target: Path, shown: str, field: str) -> Problem | None:
    """Why ``target`` is one of the files that prove the audit trail was not tampered with (the anchor
    signing key, the anchor history), or None: an export written over them would silently destroy that
    proof, so no output goes there, whatever the database."""
    from mscreg.services.anchoring import default_key_path, history_folder

    candidates = {_absolute(target), _resolved(target)}
    key = default_key_path()
    if any(c in (_absolute(key), _resolved(key)) for c in candidates) or _same_file(target, key):
        return Problem(field, shown, "output.anchor_proof", {"where": str(key)})
    folder = history_folder()
    if any(_inside(c, folder) or _inside(c, _resolved(folder)) for c in candidates):
        return Problem(field, shown, "output.anchor_proof", {"where": str(folder)})
    return None


def _anchor_problem(target: Path, shown: str, field: str, *, anchors: bool) -> Problem | None:
    """Why the existing file ``target`` is an audit anchor that no output may replace, or None.

    A backup's anchor (``<backup>.anchor.json`` beside an SQLite backup) proves what that backup holds,
    whichever database it belongs to: without it the backup can no longer be restored as checked.  Any
    other anchor file is a proof kept outside the database; only ``mscreg anchor --out`` (``anchors``)
    replaces one, with a newer anchor."""
    from mscreg.domain.errors import MscregError
    from mscreg.storage.anchors import read_anchor_file
    from mscreg.storage.backup import ANCHOR_SUFFIX

    if target.name.endswith(ANCHOR_SUFFIX) and len(target.name) > len(ANCHOR_SUFFIX):
        backup = target.with_name(target.name[: -len(ANCHOR_SUFFIX)])
        with contextlib.suppress(OSError):
            if backup.is_file() and _is_sqlite(backup):
                return Problem(field, shown, "output.anchor_proof", {"where": str(backup)})
    if anchors:
        return None
    try:
        read_anchor_file(target, field=field)
    except MscregError:
        return None  # not an anchor: an earlier export, replaced as before
    return Problem(field, shown, "output.anchor_proof", {"where": shown})


def _companion_of_any(target: Path, shown: str, field: str) -> Problem | None:
    """Why ``target`` is the -wal, -shm, -journal or .lock file of an SQLite database beside it (any
    database, not only the one in use), or None: a write-ahead log left by a process that stopped holds
    committed changes not yet in the database, and a file put there would be taken for one."""
    for suffix in COMPANION_SUFFIXES:
        if target.name.endswith(suffix) and len(target.name) > len(suffix):
            owner = target.with_name(target.name[: -len(suffix)])
            with contextlib.suppress(OSError):
                if owner.is_file() and _is_sqlite(owner):
                    return Problem(field, shown, "output.database_companion", {"where": str(owner)})
    return None


def _is_sqlite(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def check_output(out: PathLike, database: Path | None, *, field: str = "out", replace: bool = True,
                 exists_code: str = "db.exists", anchors: bool = False) -> Path:
    """Refuse an output before any work is done; returns the target as an absolute path.

    ``database`` is the SQLite file in use (None: a server database, or none).  ``replace`` False
    refuses any existing file with ``exists_code`` (a command that never replaces says "will not
    overwrite"); True lets an earlier export of the same name be replaced, but never a database, and
    never an audit anchor (``anchors``: except by a newer anchor; never a backup's own).
    A message that offers ``--force`` (``demo.out_exists``) is not given for a database file,
    which ``--force`` does not replace either.
    """
    shown = str(out)
    target = _absolute(Path(out).expanduser())
    if database is not None:
        problem = _database_problem(target, shown, Path(database), field)
        if problem is not None:
            raise InvalidInput(problem)
    problem = _proof_problem(target, shown, field) or _companion_of_any(target, shown, field)
    if problem is not None:
        raise InvalidInput(problem)
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except NotADirectoryError:
        raise InvalidInput(Problem(field, shown, "output.folder_missing")) from None
    except OSError as exc:
        raise cannot_write(field, shown, exc) from None
    if info is None:
        if target.is_symlink():  # a dangling link: writing would replace the link, not fill its target
            raise InvalidInput(Problem(field, shown, "output.not_regular"))
        if not target.parent.is_dir():
            raise InvalidInput(Problem(field, shown, "output.folder_missing"))
        return target
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInput(Problem(field, shown, "output.not_regular"))
    if not replace and exists_code != "demo.out_exists":
        raise DatabaseProblem(Problem(field, shown, exists_code))
    try:
        sqlite = _is_sqlite(target)
    except OSError:  # unreadable: whatever it is, it is not ours to replace blindly
        raise DatabaseProblem(Problem(field, shown, "output.unchecked")) from None
    if sqlite:
        raise DatabaseProblem(Problem(field, shown, "output.sqlite_exists"))
    problem = _anchor_problem(target, shown, field, anchors=anchors)
    if problem is not None:
        raise InvalidInput(problem)
    if not replace:
        raise DatabaseProblem(Problem(field, shown, exists_code))
    return target


_DENIED = (errno.EACCES, errno.EPERM)
_NO_FOLDER = (errno.ENOENT, errno.ENOTDIR)
_NO_SPACE = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG)


def cannot_write(field: str, value: str, exc: OSError,
                 kind: type[InvalidInput] | type[DatabaseProblem] = InvalidInput) -> InvalidInput | DatabaseProblem:
    """An operating-system failure to write an output, as a refusal the user can act on.

    ``kind`` is the refusal's class: an output the user named is invalid input (exit 2); the
    database's own place (a restore target) is a database that cannot be used there (exit 6).
    """
    code = exc.errno
    if code in _DENIED:
        return kind(Problem(field, value, "output.denied"))
    if code == errno.EROFS:
        return kind(Problem(field, value, "output.read_only_fs"))
    if code in _NO_SPACE:
        return kind(Problem(field, value, "output.no_space"))
    if code in _NO_FOLDER:
        return kind(Problem(field, value, "output.folder_missing"))
    if code == errno.EISDIR:
        return kind(Problem(field, value, "output.not_regular"))
    name = errno.errorcode.get(code or 0, type(exc).__name__)
    return kind(Problem(field, value, "output.failed", {"reason": f"{name}: {exc.strerror or exc}"}))


def _new_temp(target: Path) -> Path:
    """An empty file beside ``target``, created with mode 0666 less the umask (never 0600)."""
    stem, suffix = target.stem or "output", target.suffix
    for _ in range(_TEMP_TRIES):
        tmp = target.with_name(f".{stem}-{secrets.token_hex(4)}.partial{suffix}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(target.parent))


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _put_in_place(tmp: Path, target: Path, *, replace: bool, field: str, shown: str, exists_code: str) -> None:
    if replace:
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)  # fails if the name was taken meanwhile: never overwrites
    except FileExistsError:
        raise DatabaseProblem(Problem(field, shown, exists_code)) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # A file system without hard links: the check just made is the best there is.
        if os.path.lexists(target):
            raise DatabaseProblem(Problem(field, shown, exists_code)) from None
        os.rename(tmp, target)
        return
    tmp.unlink()


def _is_ours(exc: OSError, targets: Sequence[Path]) -> bool:
    """An OSError about an output or a temporary file beside it (or about no file: a full disk)."""
    names = [n for n in (exc.filename, getattr(exc, "filename2", None)) if n is not None]
    folders = {t.parent for t in targets}
    return not names or any(_absolute(Path(os.fspath(n))).parent in folders for n in names)


@contextlib.contextmanager
def written_all(outs: Sequence[PathLike], database: Path | None, *, field: str = "out", replace: bool = True,
                exists_code: str = "db.exists") -> Iterator[list[Path]]:
    """Temporary files for ``outs``, renamed into place together when the block ends without error.

    Every output is checked first (see :func:`check_output`) and checked again just before the
    renames; on any error every temporary file not yet in place is removed.
    """
    shown = [str(o) for o in outs]
    targets = [check_output(o, database, field=field, replace=replace, exists_code=exists_code) for o in outs]
    pending: list[Path] = []
    try:
        try:
            for target in targets:
                pending.append(_new_temp(target))
            yield list(pending)
            for tmp in pending:
                _sync(tmp)
            for out in outs:  # the place may have changed while the content was being made
                check_output(out, database, field=field, replace=replace, exists_code=exists_code)
            for tmp, target, name in zip(list(pending), targets, shown, strict=True):
                _put_in_place(tmp, target, replace=replace, field=field, shown=name, exists_code=exists_code)
                pending.remove(tmp)
        except OSError as exc:
            if not _is_ours(exc, targets):
                raise
            raise cannot_write(field, _named(exc, shown, targets), exc) from None
    finally:
        for tmp in pending:
            with contextlib.suppress(OSError):
                tmp.unlink()


def _named(exc: OSError, shown: list[str], targets: list[Path]) -> str:
    """The output (as the user wrote it) that an error is about: the one in its folder, else the first."""
    name = os.fspath(exc.filename) if exc.filename is not None else ""
    for text, target in zip(shown, targets, strict=True):
        if name == str(target) or (name and Path(name).parent == target.parent and Path(name).name.startswith(
                f".{target.stem or 'output'}-")):
            return text
    return shown[0]


@contextlib.contextmanager
def written(out: PathLike, database: Path | None, *, field: str = "out", replace: bool = True,
            exists_code: str = "db.exists") -> Iterator[Path]:
    """A temporary file for ``out``, renamed into place when the block ends without error."""
    with written_all([out], database, field=field, replace=replace, exists_code=exists_code) as temps:
        yield temps[0]


__all__ = ["COMPANION_SUFFIXES", "SQLITE_HEADER", "cannot_write", "check_output",
           "configured_database", "database_of", "written", "written_all"]
