"""Opening the database after the first paint, in a worker thread, saying what is happening.

SQLAlchemy, Alembic and the migrations cost about half a second here, pypinyin another quarter
(design.md): all of it is imported in this thread, after the window is on screen.  The steps are
reported (``progress``) for the status bar; the product list is delivered as soon as it is read
(``loaded``); the window then prepares the pinyin search keys and the editing module in the
background (:func:`prepare_after_load`), so neither delays the first filled paint.  A database already open in
another mscreg is refused before anything is opened (``locked``); one whose lock file cannot be created
(a folder the user cannot write to) opens read-only, with that reason.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from mscreg.ui.single_instance import DatabaseLock, LockResult, lock_path_for

if TYPE_CHECKING:  # imported in the worker thread, after the first paint
    from mscreg.services.portfolio_refresh import AuditTail
    from mscreg.services.product_search import SearchIndex


@dataclass(frozen=True)
class Snapshot:
    """Everything the window shows, read in one go: overviews, clocks, search keys.

    At start-up it arrives in two stages (issue 8): first the products with each track's state
    (``deadlines`` and ``search`` still None), which fills the list, then the same overviews with
    every clock evaluated and the search keys built.
    """

    overviews: list
    deadlines: list | None  # services.deadlines.Deadline, stopped clocks left out; None: not yet evaluated
    as_of: dt.date
    search: SearchIndex | None  # None: not yet built
    name: str = ""
    product_ids: frozenset[int] = field(default_factory=frozenset)
    tail: AuditTail | None = None  # the audit row the overviews were read at (None: an empty trail)

    @property
    def complete(self) -> bool:
        return self.deadlines is not None and self.search is not None


def read_overviews(ws) -> Snapshot:
    """The first stage: products and each track's derived state, enough to fill the list."""
    from mscreg.services.portfolio_refresh import read_portfolio

    portfolio = read_portfolio(ws)
    overviews = portfolio.overviews
    return Snapshot(overviews, None, dt.date.today(), None, ws.name, _ids(overviews), portfolio.tail)


def _ids(overviews) -> frozenset[int]:
    return frozenset(ov.product.id for ov in overviews if ov.product.id is not None)


def complete_snapshot(snapshot: Snapshot, search: SearchIndex | None = None) -> Snapshot:
    """The second stage: every clock as of the snapshot's day, and the search keys (reusing ``search``'s
    pinyin when it has it)."""
    from mscreg.services.deadlines import deadlines_of
    from mscreg.services.object_churn import collector_paused
    from mscreg.services.product_search import SearchIndex

    clocks = deadlines_of(snapshot.overviews, snapshot.as_of)
    with collector_paused():
        products = [ov.product for ov in snapshot.overviews]
        index = search.rebuilt(products) if search is not None else SearchIndex.build(products)
    return replace(snapshot, deadlines=clocks, search=index)


def read_snapshot(ws, search: SearchIndex | None = None) -> Snapshot:
    """Read products and deadlines (one action each); reuse ``search``'s pinyin if it has it."""
    return complete_snapshot(read_overviews(ws), search)


def refreshed_snapshot(ws, previous: Snapshot) -> Snapshot:
    """``previous`` brought up to date after a change: only the products changed since it was read are
    read again, their clocks evaluated and their search keys rebuilt (services.portfolio_refresh).
    Everything is read again when that cannot be done: an incomplete snapshot, another day (every
    clock's status depends on it), a trail that is not the one read, or too much changed."""
    from mscreg.services.deadlines import deadlines_updated
    from mscreg.services.portfolio_refresh import refresh

    today = dt.date.today()
    if previous.deadlines is None or previous.search is None or previous.as_of != today or previous.name != ws.name:
        return read_snapshot(ws, previous.search)
    refreshed = refresh(ws, previous.overviews, previous.tail)
    if refreshed is None:
        return read_snapshot(ws, previous.search)
    if not refreshed.touched:
        return replace(previous, tail=refreshed.tail)
    changed = [ov for ov in refreshed.overviews if ov.product.id in refreshed.changed]
    clocks = deadlines_updated(previous.deadlines, changed, refreshed.touched, today)
    search = previous.search.updated([ov.product for ov in changed], refreshed.touched)
    return Snapshot(refreshed.overviews, clocks, today, search, ws.name, _ids(refreshed.overviews), refreshed.tail)


def prepare_after_load(search: SearchIndex, known: SearchIndex | None = None) -> SearchIndex:
    """Slow preparations the first screen does not need: pinyin keys (reusing those ``known`` has), the
    editing module's imports."""
    import contextlib
    import importlib

    index = search.with_pinyin(known)
    with contextlib.suppress(ImportError):  # import it here, off the UI thread; the window builds it after
        importlib.import_module("mscreg.ui.edit_controller")
    return index


def _run_into(fn, ws, out: list) -> None:
    """Run ``fn(ws)`` in a thread, leaving its exception (or None) in ``out``."""
    try:
        fn(ws)
        out.append(None)
    except BaseException as exc:  # handed to the loader thread, which reports it
        out.append(exc)


class WorkspaceLoader(QObject):
    """Runs in a QThread: lock, open (and migrate), read."""

    progress = Signal(str)
    locked = Signal(str, object)  # database location, LockOwner | None
    opened = Signal(object, object)  # Workspace, DatabaseLock | None
    loaded = Signal(object)  # Snapshot, first stage: the list can be filled
    completed = Signal(object)  # Snapshot with deadlines and search keys
    failed = Signal(object)  # the exception

    def __init__(self, db: str | None) -> None:
        super().__init__()
        self._db = db
        # Set by the window once the first stage is on screen: the second stage waits for it, or the two
        # would share the interpreter and the list would appear later (issue 8).
        self.first_stage_shown = threading.Event()

    @Slot()
    def run(self) -> None:
        lock = None
        try:
            self.progress.emit(QCoreApplication.translate("WorkspaceLoader", "Opening the database…"))
            from mscreg.services.workspace import check_pages, open_workspace, resolve_location, take_daily_backup

            location, _default = resolve_location(self._db)
            lock_file = lock_path_for(location)
            lock_failure = None
            if lock_file is not None:
                lock = DatabaseLock(lock_file)
                result = lock.acquire()
                if result is LockResult.HELD:
                    self.locked.emit(location, lock.owner())
                    return
                if result is LockResult.UNAVAILABLE:
                    # Not "open in another window": the lock file cannot be made (a read-only folder, a
                    # full disk).  Without the lock nothing is written: the database opens read-only.
                    lock_failure, lock = lock.failure, None
            ws = open_workspace(self._db, daily_backup=False, check_pages_later=True, lock_failure=lock_failure)
            # the page check (SQLite, outside the interpreter lock) runs beside the read; a damaged file
            # is refused before anything read from it is shown
            checked: list[BaseException | None] = []
            checker = threading.Thread(target=_run_into, args=(check_pages, ws, checked), daemon=True)
            checker.start()
            self.progress.emit(QCoreApplication.translate("WorkspaceLoader", "Reading products…"))
            read_error: BaseException | None = None
            try:
                first = read_overviews(ws)
            except BaseException as exc:  # a damaged page may show here first: the check names it better
                read_error = exc
            checker.join()
            problem = checked[0] if checked and checked[0] is not None else read_error
            if problem is not None:
                ws.close()
                raise problem
            self.opened.emit(ws, lock)
            lock = None  # the window holds it now, until it closes the database
            self.loaded.emit(first)
            self.first_stage_shown.wait(timeout=5.0)
            # The day's backup once the list is on screen (copying a large file takes a while) and before
            # the second stage: the window cannot edit until that stage is in, so no edit precedes it.
            take_daily_backup(ws)
            self.progress.emit(QCoreApplication.translate("WorkspaceLoader", "Computing deadlines…"))
            self.completed.emit(complete_snapshot(first))
        except BaseException as exc:  # shown by the window; the app keeps running
            if lock is not None:
                lock.unlock()
            self.failed.emit(exc)
