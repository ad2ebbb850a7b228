"""The open database and the work done on it, for the main window, with no widget in it.

``WorkspaceSession`` owns the open workspace and its lock file, the task that opens it, every
background read that follows (re-reads after a change, the audit trail, the chain check), the
current :class:`~mscreg.ui.workspace_loader.Snapshot` and the preparation of its pinyin search
keys.  It says what happens through signals; the window shows it.  Pages holding work of their own
on the database (timelines, import) wait for it when the session says ``closing``.

Because nothing here builds a widget, the whole life of a database in the window (open, the first
stage, the complete snapshot, an edit and its re-read, pinyin, a refusal, close) is tested with a
database on disk and ``qtbot.waitSignal``, without a window.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

if TYPE_CHECKING:
    from mscreg.services.product_search import SearchIndex
    from mscreg.services.workspace import Workspace
    from mscreg.ui.background import BackgroundTask
    from mscreg.ui.single_instance import DatabaseLock
    from mscreg.ui.workspace_loader import Opened, Snapshot

# The loader (workspace_loader) and the background threads (background), with the lock file behind them,
# are imported where a database is first opened, read or written: after the window's first paint, which
# their modules cost about 3.5 ms; the session itself is built with the window.


SAVE_AFTER_EDITS_MS = 5000


def _discard(opened: Opened) -> None:
    """A workspace opened by a loader the session no longer waits for (closed or switched meanwhile)."""
    opened.ws.close()
    if opened.lock is not None:
        opened.lock.unlock()


class WorkspaceSession(QObject):
    """One database at a time, opened, read and re-read off the UI thread."""

    busy = Signal(str)  # a step started: what it is doing, for the status bar
    idle = Signal()  # nothing runs any more
    opened = Signal(object)  # the Workspace now open: edits and pages follow it
    closing = Signal()  # the workspace is about to close: work on it must end now
    snapshot_changed = Signal(object)  # a Snapshot to show: the first stage, the complete one, a re-read
    search_ready = Signal(object)  # the shown snapshot, now with pinyin search keys
    prepared = Signal()  # the slow preparations after a load are done: editing may begin
    locked = Signal(str, object)  # open in another mscreg: the database's location, LockOwner | None
    open_failed = Signal(object)  # the exception that stopped the opening
    task_failed = Signal(object, str)  # a background step failed: the exception, what it was doing
    load_finished = Signal()  # the opening ended, however it ended
    rereading = Signal()  # a re-read after a change started: what was derived from the data is stale
    as_of_changed = Signal(object)  # the day states are derived as of: a date, or None for today

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws: Workspace | None = None
        self.lock: DatabaseLock | None = None
        self.snapshot: Snapshot | None = None
        self._closed_shown = False  # the database closed last had its products on screen
        self.preparing = False  # pinyin keys being prepared (see _prepare_after_load)
        self._tasks: set[BackgroundTask] = set()
        self._loader: BackgroundTask | None = None
        self._first_stage_shown = threading.Event()
        self._reads_started = self._reads_shown = 0  # re-reads after changes, to show only the newest
        self._pinyin_known: SearchIndex | None = None  # the last index given pinyin keys: its keys are reused
        self._prepared = False  # the editing module is imported (once per process is enough)
        self._saved: tuple | None = None  # (location, tail, day, with search) of the list last saved for the next start
        # (index, the same with pinyin) as the last preparation made it, set in its thread: a window closed
        # before the result was handed over still saves the pinyin keys with its list
        self._last_prepared: tuple[SearchIndex, SearchIndex] | None = None
        self._savers: set[BackgroundTask] = set()
        self.as_of: dt.date | None = None  # the day states are derived as of (None: today, whatever day that is)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.timeout.connect(self._save_overview)

    @property
    def working(self) -> bool:
        """True while the opening or any background step runs."""
        return (self._loader is not None and self._loader.running) or any(t.running for t in self._tasks)

    # ----- opening and closing -----------------------------------------------------------------------
    def open(self, db: str | None) -> None:
        """Open ``db`` (None: --db / MSCREG_DB / preference / default) in a background task."""
        self.close()
        if self.as_of is not None:  # another database opens as of today, as the loader reads it
            self.as_of = None
            self.as_of_changed.emit(None)
        self.busy.emit(self.tr("Opening the database…"))
        from mscreg.ui.background import BackgroundTask
        from mscreg.ui.workspace_loader import load_workspace

        shown = self._first_stage_shown = threading.Event()
        task = BackgroundTask(lambda control: load_workspace(db, control, shown), self)
        # Each handler checks that its task is still the one the session waits for (see close).
        task.progress.connect(lambda value: self._loader_reported(task, value))
        task.finished_ok.connect(lambda result: self._loader_ended(task, result, None))
        task.finished_error.connect(lambda exc: self._loader_ended(task, None, exc))
        self._loader = task
        task.start()

    def _loader_reported(self, task: BackgroundTask, value: object) -> None:
        from mscreg.ui.workspace_loader import Opened, Snapshot

        if task is not self._loader:
            if isinstance(value, Opened):  # closed or switched meanwhile: what it opened is let go
                _discard(value)
            return
        if isinstance(value, str):
            self.busy.emit(value)
        elif isinstance(value, Opened):
            self.ws, self.lock = value.ws, value.lock
            self.opened.emit(value.ws)
        elif isinstance(value, Snapshot):
            self._show(value)
            self._first_stage_shown.set()  # on screen now: the loader may go on with the second stage

    def _loader_ended(self, task: BackgroundTask, result: object, exc: BaseException | None) -> None:
        from mscreg.ui.workspace_loader import Locked, Snapshot

        if task is not self._loader:
            return
        self._loader = None
        if isinstance(result, Snapshot):
            self._show(result)
            self._closed_shown = False
        self.load_finished.emit()
        self._idle_if_done()
        if (exc is not None or isinstance(result, Locked)) and self.snapshot is not None and self.snapshot.quick:
            self._show(replace(self.snapshot, overviews=[], deadlines=None, search=None, product_ids=frozenset()))
        elif (exc is not None or isinstance(result, Locked)) and self.snapshot is None and self._closed_shown:
            # another database failed to open after the one shown was closed: its products, deadlines
            # and name stayed on screen as if it were still open
            self._show(Snapshot([], None, dt.date.today(), None))
        if isinstance(result, Locked):
            self.locked.emit(result.location, result.owner)
        elif exc is not None:
            self.open_failed.emit(exc)

    def close(self) -> None:
        """Let every task on the workspace end, then close it and release its lock file."""
        self.closing.emit()
        for task in list(self._tasks):
            task.wait()
        self._tasks.clear()
        for saver in list(self._savers):
            saver.wait()
        self._savers.clear()
        loader, self._loader = self._loader, None
        if loader is not None:
            loader.cancel()
            self._first_stage_shown.set()  # a loader waiting for the list to show must not wait
            loader.wait()  # what it still reports (queued) is discarded: workspace closed, lock released
        self._save_timer.stop()
        save = self._overview_saver()  # a window closed right after its read (never an error: a cache)
        if save is not None:
            with contextlib.suppress(Exception):
                save()
        if self.ws is not None:
            self.ws.close()
            self.ws = None
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None
        # what was read from the closed workspace is not shown as if it were still open (the first stage
        # of a small database can arrive before a close that was meant to interrupt it)
        self._closed_shown = self._closed_shown or self.snapshot is not None
        self.snapshot = None

    # ----- background steps ------------------------------------------------------------------------
    def run(self, work: Callable[[], Any], done: Callable[[Any], None], message: str,
            context: str) -> BackgroundTask | None:
        """Run ``work`` off the UI thread on the open workspace; ``done(result)`` on success, a failure
        reported as ``task_failed(exc, context)``.  None when no workspace is open."""
        if self.ws is None:
            return None
        from mscreg.ui.background import BackgroundTask

        task = BackgroundTask(lambda _control: work(), self)
        self._tasks.add(task)

        def ok(result: object) -> None:
            self._tasks.discard(task)
            try:
                done(result)
            finally:
                self._idle_if_done()

        def failed(exc: object) -> None:
            self._tasks.discard(task)
            self._idle_if_done()
            self.task_failed.emit(exc, context)

        task.finished_ok.connect(ok)
        task.finished_error.connect(failed)
        self.busy.emit(message)
        return task.start()

    def _idle_if_done(self) -> None:
        if not self.working:
            self.idle.emit()

    # ----- the snapshot ------------------------------------------------------------------------------
    def _show(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.snapshot_changed.emit(snapshot)
        if snapshot.complete and not snapshot.quick:  # what was saved is not prepared or saved again
            tail = (snapshot.tail.id, snapshot.tail.hash) if snapshot.tail is not None else None
            if snapshot.saved_as is not None and snapshot.saved_as == (tail, snapshot.as_of) and self.ws is not None:
                # read at the key the saved list was shown under: writing it again would cost the
                # interpreter a few hundred milliseconds at 10,000 products just as the user starts work
                self._saved = (self.ws.location, tail, snapshot.as_of, True)
            QTimer.singleShot(0, self._prepare_after_load)
            if snapshot.search is not None and snapshot.search.has_pinyin:  # else once the pinyin is in
                self._save_soon()

    def _overview_saver(self) -> Callable[[], bool] | None:
        """Saving the shown list for the next start to paint at once (services.overview_cache), when
        it is a complete read not saved yet, with its clocks and search keys once they have their
        pinyin; a server database keeps the usual path."""
        ws, snap = self.ws, self.snapshot
        if ws is None or snap is None or not snap.complete or snap.quick or ws.is_shared:
            return None
        if snap.as_of != dt.date.today():  # a list shown as of another day is never what a start shows
            return None
        search = snap.search
        prepared = self._last_prepared
        if search is not None and not search.has_pinyin and prepared is not None and prepared[0] is search:
            search = prepared[1]  # prepared but not handed over yet (a window closed meanwhile)
        with_search = search is not None and search.has_pinyin
        tail = (snap.tail.id, snap.tail.hash) if snap.tail is not None else None
        saved = (ws.location, tail, snap.as_of, with_search)
        if saved == self._saved or (self._saved is not None and self._saved[:3] == saved[:3] and self._saved[3]):
            return None
        self._saved = saved
        from mscreg.ui.product_table_model import next_open_deadline

        next_deadlines = next_open_deadline(snap.deadlines or ())

        def save() -> bool:
            from mscreg.services.overview_cache import save

            return save(ws.location, snap.name, snap.overviews, next_deadlines, snap.as_of, tail, snap.deadlines,
                        search if with_search else None)

        return save

    def _save_soon(self) -> None:
        """Save the shown list: at once after the opening's read, a few seconds after the last of a run of
        edits (at 10,000 products writing it costs a few hundred milliseconds of the interpreter, which
        each edit's re-read would otherwise share; closing the window saves what is shown anyway)."""
        first = self._saved is None or self.ws is None or self._saved[0] != self.ws.location
        self._save_timer.start(0 if first else SAVE_AFTER_EDITS_MS)

    def _save_overview(self) -> None:
        """In a task of its own, not one of the session's steps: nobody waits for a cache, it says
        nothing in the status bar, and a failure to write it is not an error (the next start reads in
        full).  ``close`` still waits for it, as for every thread."""
        save = self._overview_saver()
        if save is None:
            return
        from mscreg.ui.background import BackgroundTask

        task = BackgroundTask(lambda _control: save(), self)
        self._savers.add(task)
        task.finished_ok.connect(lambda _result: self._savers.discard(task))
        task.finished_error.connect(lambda _exc: self._savers.discard(task))
        task.start()

    def reload(self) -> None:
        """Read everything again (the Reload action: the user asks for the database as it is now)."""
        self._read_again(full=True)

    def set_as_of(self, day: dt.date | None) -> None:
        """Show states, clocks and designations as of ``day`` (None or today: today), read again off the UI
        thread; when the day changes again before the read ends, only the newest read is shown.  Kept
        for the session only: a database opened later, or a fresh start, shows today."""
        self.as_of = None if day is None or day == dt.date.today() or self.ws is None else day  # nothing open: today
        self.as_of_changed.emit(self.as_of)
        self._read_again(full=True)

    def refresh_changed(self) -> None:
        """Show a change: re-read only the products changed since the snapshot (after an edit, an undo,
        an import; see workspace_loader.refreshed_snapshot)."""
        self._read_again(full=False)

    def _read_again(self, *, full: bool) -> None:
        ws, previous, day = self.ws, self.snapshot, self.as_of
        if ws is None:
            return
        from mscreg.ui.workspace_loader import read_snapshot, refreshed_snapshot

        self._reads_started += 1
        started = self._reads_started

        def read() -> Snapshot:
            if full or previous is None:
                return read_snapshot(ws, previous.search if previous is not None else None, day)
            return refreshed_snapshot(ws, previous, day)

        def show(snapshot: Snapshot) -> None:
            # Two changes in quick succession start two reads; one started earlier may end later, and
            # what it read is then older than what is shown (the later one re-read both changes).  A
            # read of a database closed meanwhile is not shown at all.
            if self.ws is ws and started > self._reads_shown:
                self._reads_shown = started
                self._show(snapshot)

        self.run(read, show, self.tr("Reading products…"), "reading products")
        self.rereading.emit()

    def _prepare_after_load(self) -> None:
        """After a complete snapshot is shown: pinyin keys and the editing module, off the UI thread.

        Called for every complete snapshot; it starts only when the shown search keys lack pinyin (the
        first load, or a re-read that began before the keys were ready) or editing was never
        prepared, and no preparation is running.  Keys prepared for an index that is no longer shown
        are not put in (they would replace newer ones); the preparation runs again on the shown
        index, reusing them.
        """
        snap = self.snapshot
        if self.preparing or snap is None or snap.search is None:
            return
        if snap.search.has_pinyin and self._prepared:
            return
        self.preparing = True
        search, known = snap.search, self._pinyin_known
        from mscreg.ui.workspace_loader import prepare_after_load

        def prepare() -> SearchIndex:
            index = prepare_after_load(search, known)
            self._last_prepared = (search, index)
            return index

        def done(index: SearchIndex) -> None:
            self.preparing = False
            self._prepared = True
            self._last_prepared = None  # handed over: the index without pinyin is not kept alive by it
            self._pinyin_known = index
            current = self.snapshot
            if current is not None and current.search is search:
                self.snapshot = replace(current, search=index)
                self.search_ready.emit(self.snapshot)
                self._save_soon()  # now with the pinyin keys, for the next start's search
            self.prepared.emit()
            if current is not None and current.search is not search:
                QTimer.singleShot(0, self._prepare_after_load)

        task = self.run(prepare, done, self.tr("Preparing pinyin search…"),
                        "preparing the search")
        if task is None:
            self.preparing = False
        else:
            task.finished_error.connect(self._preparation_failed)

    def _preparation_failed(self, _exc: object) -> None:
        self.preparing = False
