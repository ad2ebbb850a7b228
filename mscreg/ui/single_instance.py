"""One window per database: a lock file beside it tells a second launch that the database is open.

Two windows on one SQLite file would each show data the other has changed, and their undo stacks
would fight.  ``QLockFile`` writes the owner's process id and host into ``<database>.lock``; a lock
left by a crashed process is recognised as stale (its process is gone) and taken over.  A server
database (PostgreSQL) is shared on purpose and has no lock.
"""

from __future__ import annotations

import errno
import os
import time
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QLockFile


def lock_path_for(location: str) -> Path | None:
    """``<file>.lock`` for an SQLite file or ``sqlite:///`` URL; None for a server URL or memory."""
    text = location.strip()
    if "://" in text:
        if not text.startswith("sqlite"):
            return None
        text = text.split(":///", 1)[1] if ":///" in text else ""
        text = text.split("?", 1)[0]
    if not text or text == ":memory:":
        return None
    return Path(text).expanduser().with_name(Path(text).name + ".lock")


@dataclass(frozen=True)
class LockOwner:
    pid: int
    host: str


class LockResult(Enum):
    TAKEN = "taken"  # this window holds the lock now
    HELD = "held"  # another mscreg process holds it (see DatabaseLock.owner)
    UNAVAILABLE = "unavailable"  # the lock file cannot be created or read (see DatabaseLock.failure)


class DatabaseLock:
    """Holds ``<database>.lock`` for as long as the window has the database open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = QLockFile(str(path))
        self._lock.setStaleLockTime(0)  # stale only when the owner process is gone, never by age
        self.failure = ""  # with LockResult.UNAVAILABLE: the system's reason, e.g. "Permission denied"

    def try_lock(self) -> bool:
        return self.acquire() is LockResult.TAKEN

    def acquire(self) -> LockResult:
        """Take the lock, or say why not: held by another process, or a lock file that cannot be made.

        A folder the user cannot write to (or a read-only disk) is not "open in another window": the
        lock file simply cannot be created there, and the caller says so.
        """
        self.failure = ""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.failure = exc.strerror or str(exc)
            return LockResult.UNAVAILABLE
        if self._lock.tryLock(0):
            return LockResult.TAKEN
        if self._lock.error() == QLockFile.LockError.LockFailedError and self.owner() is None:
            # another process may have created the file a moment ago and not yet written its id in it
            time.sleep(0.1)
            if self._lock.tryLock(0):
                return LockResult.TAKEN
        error = self._lock.error()
        if error == QLockFile.LockError.LockFailedError and self.owner() is not None:
            return LockResult.HELD
        # QLockFile names no system error: find it by trying what it tried, in the same place
        self.failure = self._system_reason(error)
        return LockResult.UNAVAILABLE

    def _system_reason(self, error: QLockFile.LockError) -> str:
        if error == QLockFile.LockError.PermissionError:
            return os.strerror(errno.EACCES)
        if self.path.is_dir():
            return os.strerror(errno.EISDIR)
        if self.path.exists():  # there, but with no owner in it: not a lock file QLockFile can read
            try:
                with self.path.open("rb"):
                    pass
            except OSError as exc:
                return exc.strerror or str(exc)
            return "not a lock file"
        probe = self.path.with_name(f".{self.path.name}.probe-{os.getpid()}")
        try:
            fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError as exc:
            return exc.strerror or str(exc)
        os.close(fd)
        probe.unlink(missing_ok=True)
        return "unknown error"

    def owner(self) -> LockOwner | None:
        info = self._lock.getLockInfo()  # PySide6 gives (pid, host, app); older bindings led with ok
        if len(info) == 4:
            if not info[0]:
                return None
            info = info[1:]
        pid, host = int(info[0] or 0), str(info[1] or "")
        return LockOwner(pid, host) if pid else None

    def unlock(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()

    @property
    def locked(self) -> bool:
        return self._lock.isLocked()
