"""The window's session without a window: a database on disk, opened, read, re-read and closed through
``WorkspaceSession``, watched with ``qtbot.waitSignal``.  The first test runs it where no widget can
exist at all: a process with a QCoreApplication only."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import replace

import pytest

from mscreg.ui.single_instance import lock_path_for
from mscreg.ui.workspace_session import WorkspaceSession

LONG = 30_000


@pytest.fixture
def session(qtbot):
    s = WorkspaceSession()
    yield s
    s.close()


def open_complete(qtbot, session: WorkspaceSession, db) -> None:
    """Open ``db`` and wait for the pinyin search keys and the editing preparation."""
    with qtbot.waitSignal(session.prepared, timeout=LONG):
        session.open(str(db))


def record(session: WorkspaceSession) -> list[tuple]:
    """Every signal the session sends, in order, with what it carries."""
    seen: list[tuple] = []
    for name in ("busy", "idle", "opened", "closing", "snapshot_changed", "search_ready", "prepared", "locked",
                 "open_failed", "task_failed", "load_finished", "rereading"):
        getattr(session, name).connect(lambda *args, n=name: seen.append((n, *args)))
    return seen


def test_the_session_works_in_a_process_that_cannot_have_widgets(seeded_db, tmp_path):
    code = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication, QTimer\n"
        "app = QCoreApplication([])\n"
        "from mscreg.ui.workspace_session import WorkspaceSession\n"
        "s = WorkspaceSession()\n"
        "s.task_failed.connect(lambda e, c: (print('failed', c, e), app.exit(1)))\n"
        "s.open_failed.connect(lambda e: (print('open failed', e), app.exit(1)))\n"
        "s.prepared.connect(app.quit)\n"
        "QTimer.singleShot(60_000, lambda: app.exit(2))\n"
        f"s.open({str(seeded_db)!r})\n"
        "code = app.exec()\n"
        "snap = s.snapshot\n"
        "print(code, len(snap.overviews), snap.complete, snap.search.has_pinyin, s.ws is not None)\n"
        "s.close()\n"
        "print(s.ws is None and s.lock is None)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.split() == ["0", "15", "True", "True", "True", "True"], out.stdout + out.stderr


def test_opening_shows_the_list_first_then_clocks_then_pinyin(qtbot, session, seeded_db):
    seen = record(session)
    open_complete(qtbot, session, seeded_db)
    kinds = [s[0] for s in seen]
    assert kinds.index("opened") < kinds.index("snapshot_changed") < kinds.index("load_finished")
    first, complete = [s[1] for s in seen if s[0] == "snapshot_changed"][:2]
    assert not first.complete and first.deadlines is None and len(first.overviews) == 15
    assert complete.complete and complete.overviews is first.overviews  # the second stage keeps the rows
    ready = next(s[1] for s in seen if s[0] == "search_ready")
    assert ready.search.has_pinyin and session.snapshot is ready
    amimestrocel = next(ov.product.id for ov in ready.overviews if ov.product.name == "Amimestrocel Injection")
    assert amimestrocel in ready.search.matching("aimimaituosai")  # the pinyin of 艾米迈托赛
    assert ("busy", "Opening the database…") in seen and ("busy", "Preparing pinyin search…") in seen
    assert kinds[-1] in ("idle", "prepared") and not session.working
    assert session.ws is not None and lock_path_for(str(seeded_db)).exists()


def test_close_waits_for_running_work_then_releases_the_database(qtbot, session, seeded_db):
    open_complete(qtbot, session, seeded_db)
    finished = threading.Event()

    def slow() -> str:
        time.sleep(0.3)
        finished.set()
        return "done"

    closing = []
    session.closing.connect(lambda: closing.append(finished.is_set()))
    assert session.run(slow, lambda _r: None, "slow", "a slow step") is not None
    session.close()
    assert finished.is_set() and closing == [False]  # told first, then waited for
    assert session.ws is None and session.lock is None
    assert not lock_path_for(str(seeded_db)).exists()
    assert session.run(slow, lambda _r: None, "slow", "no database") is None


def test_closing_during_the_first_read_lets_go_of_what_the_loader_opens(qtbot, session, seeded_db):
    seen = record(session)
    session.open(str(seeded_db))
    lock = lock_path_for(str(seeded_db))
    qtbot.waitUntil(lock.exists, timeout=LONG)
    session.close()
    # a small database may be opened (and its first stage shown) before the close lands: whatever came
    # before it is the past; nothing the abandoned loader reports after it may be taken
    before_close = len(seen)
    qtbot.wait(300)  # anything the abandoned loader still reports is delivered now
    assert session.ws is None and session.snapshot is None
    assert not lock.exists()
    assert not [s for s in seen[before_close:] if s[0] in ("opened", "snapshot_changed", "open_failed")]
    open_complete(qtbot, session, seeded_db)  # and it opens again at once
    assert session.snapshot.complete


def test_a_second_session_is_told_who_holds_the_database(qtbot, session, seeded_db):
    open_complete(qtbot, session, seeded_db)
    other = WorkspaceSession()
    try:
        with qtbot.waitSignal(other.locked, timeout=LONG) as blocker:
            other.open(str(seeded_db))
        location, owner = blocker.args
        assert location == str(seeded_db) and owner is not None and owner.pid > 0
        qtbot.waitUntil(lambda: not other.working, timeout=LONG)
        assert other.ws is None and other.snapshot is None
        assert lock_path_for(str(seeded_db)).exists()  # still the first session's
    finally:
        other.close()
    assert session.ws is not None


def test_a_file_that_is_not_a_database_fails_with_a_refusal_and_no_lock_left(qtbot, session, tmp_path):
    from mscreg.domain.errors import MscregError

    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("shopping list")
    with qtbot.waitSignal(session.open_failed, timeout=LONG) as blocker:
        session.open(str(bogus))
    assert isinstance(blocker.args[0], MscregError)
    assert session.ws is None and not session.working
    assert not lock_path_for(str(bogus)).exists()
    assert bogus.read_text() == "shopping list"


def test_a_change_re_reads_only_the_changed_product(qtbot, session, seeded_db):
    from mscreg.services import editing

    open_complete(qtbot, session, seeded_db)
    before = session.snapshot
    ov = next(o for o in before.overviews if o.product.name == "Cartistem")
    editing.update_product(session.ws, ov.product.id, replace(editing.product_draft(ov.product), name="Cartistem B"),
                           reason="renamed")
    with qtbot.waitSignal(session.rereading, timeout=LONG), qtbot.waitSignal(session.snapshot_changed,
                                                                            timeout=LONG) as shown:
        session.refresh_changed()
    after = shown.args[0]
    assert after is session.snapshot and after.complete
    kept = [a is b for a, b in zip(before.overviews, after.overviews, strict=True) if a.product.id != ov.product.id]
    assert all(kept) and len(kept) == 14
    assert "Cartistem B" in {o.product.name for o in after.overviews}


def test_of_two_quick_re_reads_the_later_one_is_shown_last(qtbot, session, seeded_db):
    from mscreg.services import editing

    open_complete(qtbot, session, seeded_db)
    for old, new in (("Cartistem", "Cartistem A"), ("Stemirac", "Stemirac B")):
        ov = next(o for o in session.snapshot.overviews if o.product.name == old)
        editing.update_product(session.ws, ov.product.id, replace(editing.product_draft(ov.product), name=new),
                               reason="renamed")
        session.refresh_changed()
    qtbot.waitUntil(lambda: not session.working, timeout=LONG)
    assert {"Cartistem A", "Stemirac B"} <= {o.product.name for o in session.snapshot.overviews}


def test_a_failing_step_is_reported_with_what_it_was_doing(qtbot, session, seeded_db):
    open_complete(qtbot, session, seeded_db)

    def broken() -> None:
        raise ValueError("boom")

    with qtbot.waitSignal(session.task_failed, timeout=LONG) as blocker, qtbot.waitSignal(session.idle,
                                                                                          timeout=LONG):
        session.run(broken, lambda _r: None, "breaking", "a broken step")
    exc, context = blocker.args
    assert isinstance(exc, ValueError) and context == "a broken step"
    assert session.ws is not None  # a failed step leaves the database open


def test_a_workspace_handed_over_after_close_is_closed_and_its_lock_released(qtbot, session, seeded_db,
                                                                            monkeypatch):
    """The loader has reported the open workspace, but the session closes before that report is
    delivered: the late report must not make the closed session hold a workspace or a lock."""
    import mscreg.ui.workspace_loader as workspace_loader  # the session imports it where it opens
    from mscreg.ui.workspace_loader import Opened

    handed = threading.Event()
    kept: list = []  # held here, so that nothing is let go merely by being forgotten
    closed: list[bool] = []
    real = workspace_loader.load_workspace

    class Spy:
        def __init__(self, control) -> None:
            self._control = control

        def report(self, value: object) -> None:
            if isinstance(value, Opened):
                kept.append(value)
                close = value.ws.close
                value.ws.close = lambda: (closed.append(True), close())
            self._control.report(value)
            if isinstance(value, Opened):
                handed.set()

        def cancelled(self) -> bool:
            return self._control.cancelled()

    monkeypatch.setattr(workspace_loader, "load_workspace",
                        lambda db, control, shown: real(db, Spy(control), shown))
    seen = record(session)
    session.open(str(seeded_db))
    assert handed.wait(LONG)  # reported, still queued: the UI thread has not run since
    session.close()
    qtbot.wait(300)
    assert not [s for s in seen if s[0] in ("opened", "snapshot_changed")]
    assert session.ws is None and session.lock is None
    assert closed == [True] and not kept[0].lock.locked
    assert not lock_path_for(str(seeded_db)).exists()
