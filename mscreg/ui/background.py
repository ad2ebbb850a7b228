"""Work off the UI thread: the one way the interface runs anything that may take a while.

``BackgroundTask`` runs one function in its own ``QThread``.  The function is handed a
:class:`TaskControl`, through which it reports progress (any value: a status text, a step count, a
first result worth showing early) and learns whether it was cancelled; the task delivers those
reports, then the result or the exception, on the UI thread through queued signals.  Opening the
database, re-reading it, checking the audit chain, laying out a timeline, importing and exporting
all run through it, so threads are started, cancelled and waited for in one place.

Whoever starts a task keeps it until it has ended and waits for it (``wait``) before closing what it
works on: the window's session waits for its own tasks, and tells the pages holding others that the
database is about to close (``WorkspaceSession.closing``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot


class TaskControl:
    """What the work running in the thread may use: report progress, ask whether to stop."""

    def __init__(self, report: Callable[[object], None]) -> None:
        self._report = report
        self._cancel = threading.Event()

    def report(self, value: object) -> None:
        """Deliver ``value`` to the UI thread as the task's ``progress`` signal (queued, in order)."""
        self._report(value)

    def cancelled(self) -> bool:
        """True once the task was cancelled: the work stops at its next check, leaving nothing half done."""
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Worker(QObject):
    progress = Signal(object)
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[TaskControl], Any]) -> None:
        super().__init__()
        self._work: Callable[[TaskControl], Any] | None = work
        self.control = TaskControl(self.progress.emit)

    @Slot()
    def run(self) -> None:
        work, self._work = self._work, None  # the closure (and what it holds: a whole portfolio) is not kept
        try:
            assert work is not None, "a background task runs once"
            result = work(self.control)
        except BaseException as exc:  # handed to the UI thread, which shows or logs it
            self.failed.emit(exc)
        else:
            self.done.emit(result)


class BackgroundTask(QObject):
    """``work(control)`` in its own thread; on the UI thread ``progress(value)`` for each report, then
    ``finished_ok(result)`` or ``finished_error(exc)``."""

    progress = Signal(object)
    finished_ok = Signal(object)
    finished_error = Signal(object)

    def __init__(self, work: Callable[[TaskControl], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Not "self.thread": that would shadow QObject.thread(), which Qt and callers use to ask an
        # object's thread affinity.
        self._thread = QThread()
        self.worker = _Worker(work)
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.run)
        # Bound slots of this UI-thread object, so the worker's signals are queued to the UI thread.
        self.worker.progress.connect(self._progress)
        self.worker.done.connect(self._ok)
        self.worker.failed.connect(self._error)
        self._running = False

    def start(self) -> BackgroundTask:
        self._running = True
        self._thread.start()
        return self

    @property
    def running(self) -> bool:
        return self._running

    @property
    def control(self) -> TaskControl:
        return self.worker.control

    def cancel(self) -> None:
        """Ask the work to stop; it does at its next ``control.cancelled()`` check (thread-safe)."""
        self.worker.control.cancel()

    @property
    def cancelled(self) -> bool:
        return self.worker.control.cancelled()

    def wait(self) -> None:
        """Block until the work has returned (its result is still delivered, queued, afterwards)."""
        self._thread.quit()
        self._thread.wait()

    @Slot(object)
    def _progress(self, value: object) -> None:
        self.progress.emit(value)

    def _finish(self) -> None:
        self._running = False
        self._thread.quit()
        self._thread.wait()

    @Slot(object)
    def _ok(self, result: object) -> None:
        self._finish()
        self.finished_ok.emit(result)

    @Slot(object)
    def _error(self, exc: object) -> None:
        self._finish()
        self.finished_error.emit(exc)
