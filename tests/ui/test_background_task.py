"""The one way the interface runs work off the UI thread: reports arrive in order on the UI thread,
then the result or the exception; a cancelled task stops at its next check."""

from __future__ import annotations

import threading

from mscreg.ui.background import BackgroundTask, TaskControl


def test_reports_then_the_result_arrive_on_the_ui_thread_in_order(qtbot):
    ui_thread = threading.get_ident()
    seen: list[tuple[str, object, bool]] = []

    def work(control: TaskControl) -> str:
        for step in range(5):
            control.report(step)
        return "done"

    task = BackgroundTask(work)
    task.progress.connect(lambda v: seen.append(("progress", v, threading.get_ident() == ui_thread)))
    with qtbot.waitSignal(task.finished_ok, timeout=10_000) as blocker:
        task.start()
    assert blocker.args == ["done"]
    assert seen == [("progress", n, True) for n in range(5)]
    assert not task.running


def test_an_exception_is_handed_over_not_raised_in_the_thread(qtbot):
    def work(_control: TaskControl) -> None:
        raise KeyError("missing")

    task = BackgroundTask(work)
    with qtbot.waitSignal(task.finished_error, timeout=10_000) as blocker:
        task.start()
    assert isinstance(blocker.args[0], KeyError)


def test_cancel_stops_the_work_at_its_next_check(qtbot):
    started = threading.Event()

    def work(control: TaskControl) -> int:
        started.set()
        loops = 0
        while not control.cancelled():
            loops += 1
            threading.Event().wait(0.001)
        return loops

    task = BackgroundTask(work)
    with qtbot.waitSignal(task.finished_ok, timeout=10_000) as blocker:
        task.start()
        assert started.wait(5)
        task.cancel()
    assert task.cancelled and blocker.args[0] >= 0


def test_wait_returns_once_the_work_has_returned(qtbot):
    done = threading.Event()

    def work(_control: TaskControl) -> None:
        threading.Event().wait(0.2)
        done.set()

    task = BackgroundTask(work).start()
    task.wait()
    assert done.is_set()
    qtbot.waitUntil(lambda: not task.running, timeout=10_000)  # its result is still delivered afterwards
