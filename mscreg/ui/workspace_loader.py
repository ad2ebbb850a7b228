"""Opening the database after the first paint, in a background task, saying what is happening.

SQLAlchemy and the database layer cost about half a second of imports here (Alembic more, when a
database has to be migrated), pypinyin another quarter: all of it is imported off the UI thread, in
background tasks, after the window is on screen, so the first paint does not wait for it.  The steps
are reported for the status bar; the product list is delivered as soon as it is read (the first
stage); the session then prepares the pinyin search keys and the editing module in the background
(:func:`prepare_after_load`), so neither delays the first filled paint.  A database already open in
another mscreg is refused before anything is opened (:class:`Locked`); one whose lock file cannot be
created (a folder the user cannot write to) opens read-only, with that reason.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from mscreg.ui.background import TaskControl
from mscreg.ui.single_instance import DatabaseLock, LockResult, lock_path_for

if TYPE_CHECKING:  # imported in the worker thread, after the first paint
    from mscreg.services.portfolio_refresh import AuditTail
    from mscreg.services.product_search import SearchIndex
    from mscreg.services.workspace import Workspace
    from mscreg.ui.single_instance import LockOwner


@dataclass(frozen=True)
class Snapshot:
    """Everything the window shows, read in one go: overviews, clocks, search keys.

    At start-up it arrives in two stages: first the products with each track's state
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


def _parties(overviews) -> dict[int, frozenset[str]]:
    """Every past and present holder and licensee per product: the search finds a product by them."""
    from mscreg.domain.holder import all_parties

    return {ov.product.id: all_parties(ov.transfers) for ov in overviews if ov.transfers}


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
        parties = _parties(snapshot.overviews)
        index = (search.rebuilt(products, parties) if search is not None
                 else SearchIndex.build(products, parties=parties))
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
    search = previous.search.updated([ov.product for ov in changed], refreshed.touched, _parties(changed))
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


@dataclass(frozen=True)
class Opened:
    """Reported once the database is open and its first stage read: the receiver owns both from then on."""

    ws: Workspace
    lock: DatabaseLock | None


@dataclass(frozen=True)
class Locked:
    """The result when another mscreg holds the database: nothing was opened."""

    location: str
    owner: LockOwner | None


def load_workspace(db: str | None, control: TaskControl,
                   first_stage_shown: threading.Event) -> Snapshot | Locked | None:
    """Lock, open (and migrate), read: the work of the task that opens a database.

    Reports, in order: a status text for each step, :class:`Opened`, then the first-stage
    :class:`Snapshot`; returns the complete snapshot, :class:`Locked`, or None when cancelled before
    anything was handed over.  ``first_stage_shown`` is set by the receiver once the list is on
    screen: the second stage waits for it, or the two would share the interpreter and the list would
    appear later.
    """
    lock = None
    try:
        control.report(QCoreApplication.translate("WorkspaceLoader", "Opening the database…"))
        from mscreg.services.workspace import check_pages, open_workspace, resolve_location, take_daily_backup

        location, _default = resolve_location(db)
        lock_file = lock_path_for(location)
        lock_failure = None
        if lock_file is not None:
            taken = DatabaseLock(lock_file)
            result = taken.acquire()
            if result is LockResult.HELD:
                return Locked(location, taken.owner())
            if result is LockResult.UNAVAILABLE:
                # Not "open in another window": the lock file cannot be made (a read-only folder, a
                # full disk).  Without the lock nothing is written: the database opens read-only.
                lock_failure = taken.failure
            else:
                lock = taken
        ws = open_workspace(db, daily_backup=False, check_pages_later=True, lock_failure=lock_failure)
        # the page check (SQLite, outside the interpreter lock) runs beside the read; a damaged file
        # is refused before anything read from it is shown
        checked: list[BaseException | None] = []
        checker = threading.Thread(target=_run_into, args=(check_pages, ws, checked), daemon=True)
        checker.start()
        control.report(QCoreApplication.translate("WorkspaceLoader", "Reading products…"))
        read_error: BaseException | None = None
        try:
            first = read_overviews(ws)
        except BaseException as exc:  # a damaged page may show here first: the check names it better
            read_error = exc
        checker.join()
        problem = checked[0] if checked and checked[0] is not None else read_error
        if problem is not None or control.cancelled():
            ws.close()
            if problem is not None:
                raise problem
            return None
        control.report(Opened(ws, lock))
        lock = None  # the receiver holds it now, until it closes the database
        control.report(first)
        first_stage_shown.wait(timeout=5.0)
        if control.cancelled():  # closed meanwhile: the receiver lets go of what it was handed
            return None
        # The day's backup once the list is on screen (copying a large file takes a while) and before
        # the second stage: the window cannot edit until that stage is in, so no edit precedes it.
        take_daily_backup(ws)
        control.report(QCoreApplication.translate("WorkspaceLoader", "Computing deadlines…"))
        return complete_snapshot(first)
    finally:
        if lock is not None:  # not handed over: refused, failed or cancelled
            lock.unlock()
