"""Whether the path of an open SQLite database still names the file that was opened.

On POSIX systems an open file outlives its name.  A database deleted (with its ``-wal`` and ``-shm``)
while mscreg has it open goes on taking writes into the unlinked file, and every write "succeeds"
until the last connection closes and the file, with everything written since, is gone.  A database
replaced by another file (``mv other.sqlite x.sqlite``, a copy restored by hand, a sync tool putting
its version in place) is worse: the old connection writes into the file nobody sees any more, while
its ``-wal`` file, still under the shared name, now sits beside a different database.

So the device and inode of the file are recorded when the database is opened, and every unit of work
compares them with what the path names now: an ``os.stat`` (about 2 µs) of the file and of its two
log files, once per transaction, never per row.  A renamed or moved file is refused too, although it
still exists elsewhere: writing into a file the user no longer sees at the path they opened would
only surprise them later, and they can open it where it is now.

What was saved before the file went is still in the ``-wal`` file under the old name, which SQLite
does not fold into a file that has moved, not even when the last connection closes: the edits are
missing from the moved file, and a database put at the old name later would have that log replayed
over it (a replaced database was found corrupted this way).  So once the file is found gone, the log is
folded into the file that was opened, wherever it is now, through a connection that has it open
(:meth:`mscreg.storage.database.Database.settle_moved_file`), and no new connection is let open
whatever now has the name.

The ``-wal`` and ``-shm`` files are watched the same way while a connection of this process is open
(SQLite removes them only when the last connection closes): deleted behind it, this process would go
on logging into the deleted ``-wal`` while any other program started a log of its own, and one's
changes would overwrite the other's.

A restore through SQLite (``mscreg restore`` onto a sound database) writes into the same file, so it
keeps its identity; a restore that renames a copy into place (a damaged or missing database) gives the
path a new file, which every window still holding the old one must open again, and is refused until
it does.
"""

from __future__ import annotations

import os
from pathlib import Path

from mscreg.domain.errors import DatabaseProblem, Problem

__all__ = ["FileIdentity", "identity_of", "moved_problem"]

# (st_dev, st_ino): what makes a file itself rather than its name
FileIdentity = tuple[int, int]


def identity_of(path: str | Path) -> FileIdentity | None:
    """The file ``path`` names now, or None when nothing is there (a folder on the way gone too).

    Any other failure to look (a folder whose rights were taken away) is refused as such: the file
    may still be there, so it is not said to be gone.
    """
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise DatabaseProblem(Problem("database", str(path), "db.unreadable",
                                      {"detail": exc.strerror or str(exc)})) from None
    return st.st_dev, st.st_ino


def moved_problem(path: str | Path, opened: FileIdentity) -> DatabaseProblem | None:
    """The refusal to give when ``path`` no longer names the file ``opened`` (nothing written, nothing
    read), or None while it still does."""
    now = identity_of(path)
    if now == opened:
        return None
    return DatabaseProblem(Problem("database", str(path), "db.gone" if now is None else "db.replaced"))
