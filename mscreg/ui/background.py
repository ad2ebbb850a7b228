"""Running work off the UI thread, so the window never freezes on the database.

``BackgroundTask`` runs one function in a ``QThread`` and reports its result or its exception back
on the UI thread (queued signals).  Callers keep the task (``tasks`` set on the owner) until it
ends; the owner's ``wait_all`` on close lets running reads finish before the database is closed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot


class _Worker(QObject):
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self._fn: Callable[[], Any] | None = fn

    @Slot()
    def run(self) -> None:
        fn, self._fn = self._fn, None  # the closure (and what it holds: a whole portfolio) is not kept
        try:
            assert fn is not None, "a background task runs once"
            result = fn()
        except BaseException as exc:  # handed to the UI thread, which shows or logs it
            self.failed.emit(exc)
        else:
            self.done.emit(result)


class BackgroundTask(QObject):
    """``fn`` in its own thread; ``finished_ok(result)`` or ``finished_error(exc)`` on the UI thread."""

    finished_ok = Signal(object)
    finished_error = Signal(object)

    def __init__(self, fn: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thread = QThread()
        self.worker = _Worker(fn)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.worker.done.connect(self._ok)
        self.worker.failed.connect(self._error)
        self._running = False

    def start(self) -> BackgroundTask:
        self._running = True
        self.thread.start()
        return self

    @property
    def running(self) -> bool:
        return self._running

    def _finish(self) -> None:
        self._running = False
        self.thread.quit()
        self.thread.wait()

    def _ok(self, result: object) -> None:
        self._finish()
        self.finished_ok.emit(result)

    def _error(self, exc: object) -> None:
        self._finish()
        self.finished_error.emit(exc)

    def wait(self) -> None:
        self.thread.quit()
        self.thread.wait()
