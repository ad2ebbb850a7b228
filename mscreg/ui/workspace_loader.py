"""Opening the database after the first paint, in a background task, saying what is happening.

SQLAlchemy and the database layer cost about half a second of imports here (Alembic more, when a
database has to be migrated), pypinyin another quarter: all of it is imported off the UI thread, in
background tasks, after the window is on screen, so the first paint does not wait for it.  The steps
are reported for the status bar; the product list is delivered as soon as it is read (the first
stage); the session then prepares the pinyin search keys and the editing module in the background
(:func:`prepare_after_load`), so neither delays the first filled paint.  A database already open in
another mscreg is refused before anything is opened (:class:`Locked`); one whose lock file cannot be
created (a folder the user cannot write to) opens read-only, with that reason.

When the list saved after the last full read still holds (services.overview_cache), two stages come
before the database layer is even imported: the list from it, then its open clocks and search keys;
the full read follows and replaces them.
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
    from mscreg.services.overview_cache import QuickList
    from mscreg.services.portfolio_refresh import AuditTail
    from mscreg.services.product_search import SearchIndex
    from mscreg.services.workspace import Workspace
    from mscreg.ui.single_instance import LockOwner


@dataclass(frozen=True)
class Snapshot:
    """Everything the window shows, read in one go: overviews, clocks, search keys.

    At start-up it arrives in two stages: first the products with each track's state
    (``deadlines`` and ``search`` still None), which fills the list, then the same overviews with
    every clock evaluated and the search keys built.  From a saved list (``quick``) the same two
    stages come first, the second with the open clocks only (all the pages shown before the full read
    use) and the search keys with pinyin; then the full read, complete, replaces them.
    """

    overviews: list
    deadlines: list | None  # services.deadlines.Deadline, stopped clocks left out; None: not yet evaluated
    as_of: dt.date
    search: SearchIndex | None  # None: not yet built
    name: str = ""
    product_ids: frozenset[int] = field(default_factory=frozenset)
    tail: AuditTail | None = None  # the audit row the overviews were read at (None: an empty trail)
    obligations: dict = field(default_factory=dict)  # track id -> services.obligations.ObligationView list
    trials: dict = field(default_factory=dict)  # product id -> its linked TrialRegistration list
    # painted from the overview saved after the last full read (services.overview_cache): the list's
    # rows, then (complete) the open clocks and the search keys saved with it; no product's details, no
    # edit and no re-read start from it; the full read replaces it
    quick: bool = False
    # (audit tail, day) of the saved list, both parts, this read followed: when this read is at the same
    # tail and day, the file already holds what saving it would write
    saved_as: tuple | None = None

    @property
    def complete(self) -> bool:
        return self.deadlines is not None and self.search is not None


def read_overviews(ws, as_of: dt.date | None = None) -> Snapshot:
    """The first stage: products and each track's state derived as of ``as_of`` (today), enough to fill
    the list."""
    from mscreg.services.obligations import obligations_of_overviews
    from mscreg.services.portfolio_refresh import read_portfolio
    from mscreg.services.trial_records import trials_by_product

    day = as_of or today()
    portfolio = read_portfolio(ws, day)
    overviews = portfolio.overviews
    return Snapshot(overviews, None, day, None, ws.name, _ids(overviews), portfolio.tail,
                    obligations_of_overviews(ws, overviews, day), trials_by_product(ws))


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


def read_snapshot(ws, search: SearchIndex | None = None, as_of: dt.date | None = None) -> Snapshot:
    """Read products and deadlines as of ``as_of`` (today; one action each); reuse ``search``'s pinyin
    if it has it."""
    return complete_snapshot(read_overviews(ws, as_of), search)


def refreshed_snapshot(ws, previous: Snapshot, as_of: dt.date | None = None) -> Snapshot:
    """``previous`` brought up to date after a change: only the products changed since it was read are
    read again, their clocks evaluated and their search keys rebuilt (services.portfolio_refresh).
    Everything is read again when that cannot be done: an incomplete snapshot, another day (every
    clock's status depends on it), a trail that is not the one read, or too much changed.  ``as_of``:
    the day the window shows (today when None)."""
    from mscreg.services.deadlines import deadlines_updated
    from mscreg.services.portfolio_refresh import refresh

    today_ = as_of or today()
    if previous.deadlines is None or previous.search is None or previous.as_of != today_ or previous.name != ws.name \
            or previous.quick:
        return read_snapshot(ws, previous.search, today_)
    refreshed = refresh(ws, previous.overviews, previous.tail, today_)
    if refreshed is None:
        return read_snapshot(ws, previous.search, today_)
    if not refreshed.touched:
        return replace(previous, tail=refreshed.tail)
    changed = [ov for ov in refreshed.overviews if ov.product.id in refreshed.changed]
    clocks = deadlines_updated(previous.deadlines, changed, refreshed.touched, today_)
    search = previous.search.updated([ov.product for ov in changed], refreshed.touched, _parties(changed))
    from mscreg.services.obligations import obligations_of_overviews

    # a change to a trial's link is not a product's change: refresh() answers None for it and everything
    # is read again, so the links read before still hold here
    return Snapshot(refreshed.overviews, clocks, today_, search, ws.name, _ids(refreshed.overviews), refreshed.tail,
                    obligations_of_overviews(ws, refreshed.overviews, today_), previous.trials)


def quick_snapshot(location: str) -> Snapshot | None:
    """The list saved after the last full read of ``location``, if it is still what a full read would
    show today (services.overview_cache); None otherwise.  Standard library only: no ORM import."""
    found = _quick_list(location)
    return found[0] if found is not None else None


def _quick_list(location: str) -> tuple[Snapshot, QuickList] | None:
    from mscreg.services.overview_cache import load

    found = load(location, today())
    if found is None:
        return None
    return Snapshot(found.overviews, found.deadlines, found.as_of, None, found.name, found.ids, quick=True), found


def quick_complete(listed: Snapshot, found: QuickList) -> Snapshot | None:
    """The saved list's second part on top of its first: every open clock and the search keys (pinyin
    and past holders included) as the last full read left them, under the same key, so that the
    Deadlines page and the search work before the full read is in; None when the file has none."""
    from mscreg.services.overview_cache import load_complete

    more = load_complete(found)
    if more is None:
        return None
    return replace(listed, deadlines=more.deadlines, search=more.search)


def today() -> dt.date:
    """The day states and clocks are derived for (a function, so that tests can set it)."""
    return dt.date.today()


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


def _location(db: str | None) -> str:
    """Where ``db`` is, without importing the database layer."""
    from mscreg.services.workspace_location import resolve_location

    return resolve_location(db)[0]


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
        location = _location(db)
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
        # The list as the last full read left it, when nothing it shows has changed since: painted
        # before SQLAlchemy is imported (about half a second); the full read below replaces it.
        saved = _quick_list(location)
        quick = saved[0] if saved is not None else None
        saved_search = None
        saved_as = None
        if saved is not None:
            control.report(saved[0])
            first_stage_shown.wait(timeout=5.0)
            if control.cancelled():
                return None
            # then its clocks and search keys, once the list is on screen (decoding them would delay it)
            more = quick_complete(*saved)
            if more is not None:
                saved_search = more.search
                saved_as = (saved[1].tail, saved[1].as_of)
                first_stage_shown.clear()
                if control.cancelled():
                    return None
                control.report(more)
                first_stage_shown.wait(timeout=5.0)  # shown before the database layer's imports compete
                if control.cancelled():
                    return None
                from mscreg.services.product_search import load_script_converter

                load_script_converter()  # what a Chinese query needs, loaded here and not on a keystroke
            saved = None  # its bytes are decoded: let them go
        from mscreg.services.workspace import check_pages, open_workspace, take_daily_backup

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
        if quick is None:  # else the list is on screen already, and the complete snapshot replaces it
            control.report(first)
            first_stage_shown.wait(timeout=5.0)
        if control.cancelled():  # closed meanwhile: the receiver lets go of what it was handed
            return None
        # The day's backup once the list is on screen (copying a large file takes a while) and before
        # the second stage: the window cannot edit until that stage is in, so no edit precedes it.
        take_daily_backup(ws)
        control.report(QCoreApplication.translate("WorkspaceLoader", "Computing deadlines…"))
        # the saved search's pinyin keys are reused for every text that did not change (pypinyin would take
        # seconds at 10,000 products); the keys themselves are built again from what was just read
        return replace(complete_snapshot(first, saved_search), saved_as=saved_as)
    finally:
        if lock is not None:  # not handed over: refused, failed or cancelled
            lock.unlock()
