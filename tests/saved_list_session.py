"""A workspace session opened until it is done, for the tests of the list, clocks and search keys saved
at start-up: opening a database once writes the saved list that the next opening shows first."""

from __future__ import annotations

from pathlib import Path

from mscreg.services import overview_cache
from mscreg.ui.workspace_session import WorkspaceSession

LONG = 60_000


def shown(qtbot, session: WorkspaceSession, db) -> list:
    """Open ``db`` until editing is prepared and the saved list written; every snapshot shown, in order."""
    seen: list = []
    session.snapshot_changed.connect(seen.append)
    with qtbot.waitSignal(session.prepared, timeout=LONG):
        session.open(str(db))
    qtbot.waitUntil(lambda: not session.working, timeout=LONG)
    return seen


def saved(qtbot, db) -> Path:
    """A full read of ``db`` in a session, closed: the saved list is written, with its clocks and keys."""
    s = WorkspaceSession()
    try:
        shown(qtbot, s, db)
    finally:
        s.close()
    path = overview_cache.cache_file(overview_cache.sqlite_file(str(db)))
    assert path.is_file()
    return path
