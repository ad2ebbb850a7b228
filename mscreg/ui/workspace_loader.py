"""Opening the database after the first paint, in a worker thread, saying what is happening.

SQLAlchemy, Alembic and the migrations cost about half a second here, pypinyin another quarter
(design.md): all of it is imported in this thread, after the window is on screen.  The steps are
reported (``progress``) for the status bar; the product list is delivered as soon as it is read
(``loaded``); the window then prepares the pinyin search keys and the editing module in the
background (:func:`prepare_after_load`), so neither delays the first filled paint.  A database already open in
another mscreg is refused before anything is opened (``locked``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from mscreg.services.product_search import SearchIndex
from mscreg.ui.single_instance import DatabaseLock, lock_path_for


@dataclass(frozen=True)
class Snapshot:
    """Everything the window shows, read in one go: overviews, clocks, search keys."""

    overviews: list
    deadlines: list  # services.deadlines.Deadline, stopped clocks left out
    as_of: dt.date
    search: SearchIndex
    name: str = ""
    product_ids: frozenset[int] = field(default_factory=frozenset)


def read_snapshot(ws, search: SearchIndex | None = None) -> Snapshot:
    """Read products and deadlines (one action each); reuse ``search``'s pinyin if it has it."""
    from mscreg.services.deadlines import deadlines_of
    from mscreg.services.tracker import product_overviews

    today = dt.date.today()
    overviews = product_overviews(ws)
    clocks = deadlines_of(overviews, today)
    index = SearchIndex.build([ov.product for ov in overviews])
    if search is not None and search.has_pinyin:
        index = index.with_pinyin()
    return Snapshot(overviews, clocks, today, index, ws.name,
                    frozenset(ov.product.id for ov in overviews if ov.product.id is not None))


def prepare_after_load(search: SearchIndex) -> SearchIndex:
    """Slow preparations the first screen does not need: pinyin keys, the editing module's imports."""
    import contextlib
    import importlib

    index = search.with_pinyin()
    with contextlib.suppress(ImportError):  # import it here, off the UI thread; the window builds it after
        importlib.import_module("mscreg.ui.edit_controller")
    return index


class WorkspaceLoader(QObject):
    """Runs in a QThread: lock, open (and migrate), read."""

    progress = Signal(str)
    locked = Signal(str, object)  # database location, LockOwner | None
    opened = Signal(object, object)  # Workspace, DatabaseLock | None
    loaded = Signal(object)  # Snapshot
    failed = Signal(object)  # the exception

    def __init__(self, db: str | None) -> None:
        super().__init__()
        self._db = db

    @Slot()
    def run(self) -> None:
        lock = None
        try:
            self.progress.emit(QCoreApplication.translate("WorkspaceLoader", "Opening the database…"))
            from mscreg.services.workspace import open_workspace, resolve_location

            location, _default = resolve_location(self._db)
            lock_file = lock_path_for(location)
            if lock_file is not None:
                lock = DatabaseLock(lock_file)
                if not lock.try_lock():
                    self.locked.emit(location, lock.owner())
                    return
            ws = open_workspace(self._db)
            self.opened.emit(ws, lock)
            lock = None  # the window holds it now, until it closes the database
            self.progress.emit(QCoreApplication.translate("WorkspaceLoader", "Reading products…"))
            self.loaded.emit(read_snapshot(ws))
        except BaseException as exc:  # shown by the window; the app keeps running
            if lock is not None:
                lock.unlock()
            self.failed.emit(exc)
