"""One window per database: a lock file beside it tells a second launch that the database is open.

Two windows on one SQLite file would each show data the other has changed, and their undo stacks
would fight.  ``QLockFile`` writes the owner's process id and host into ``<database>.lock``; a lock
left by a crashed process is recognised as stale (its process is gone) and taken over.  A server
database (PostgreSQL) is shared on purpose and has no lock.
"""

from __future__ import annotations

from dataclasses import dataclass
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


class DatabaseLock:
    """Holds ``<database>.lock`` for as long as the window has the database open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = QLockFile(str(path))
        self._lock.setStaleLockTime(0)  # stale only when the owner process is gone, never by age

    def try_lock(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self._lock.tryLock(0)

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
