"""Attacks on opening a database (reliability review 2): a schema version record that is empty or gone,
a ``--db`` that is a FIFO, a device or a folder, a lock file the window cannot create (a read-only folder),
and a clock period that overflows the calendar.

Each test failed on the code before the change it guards.  Commands run as a user runs them, in a
subprocess, and every refusal is checked for its exit code, its words in both languages, no traceback,
and a database left exactly as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import pytest
from support import ROOT, db_arg, refused, run

from mscreg.domain.errors import DatabaseProblem

BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)




# ==================================================================================================
# opening


@BOTH
def test_an_empty_schema_version_is_refused_as_unknown_and_the_database_is_left_alone(seeded_db, sql, dump):
    """Before: the empty ``alembic_version`` made mscreg run every migration from the start over the
    existing tables: a traceback ending in "table audit_log already exists"."""
    sql(seeded_db, "DELETE FROM alembic_version")
    before = dump(seeded_db)
    for command in (["products"], ["check"], ["add-event", "--product", "Ryoncil", "--jurisdiction", "JP",
                                              "--type", "approval_full", "--date", "2026-03", "--reason", "x"]):
        proc = run("--db", db_arg(seeded_db), *command)
        refused(proc, 6, "no record of their schema version", "Nothing was changed")
    zh = run("--db", db_arg(seeded_db), "--lang", "zh_CN", "products")
    refused(zh, 6, "没有记录其结构版本", "未作任何改动")
    assert dump(seeded_db) == before


def test_a_missing_schema_version_table_is_refused_too(seeded_db):
    con = sqlite3.connect(seeded_db)
    con.execute("DROP TABLE alembic_version")
    con.commit()
    con.close()
    before = seeded_db.read_bytes()
    refused(run("--db", str(seeded_db), "products"), 6, "no record of their schema version")
    assert seeded_db.read_bytes() == before
    assert not any(seeded_db.parent.glob("*-backups"))  # not even a backup was written


def test_a_backup_without_a_schema_version_is_not_restored(seeded_db, tmp_path):
    copy = tmp_path / "old.sqlite"
    shutil.copy(seeded_db, copy)
    con = sqlite3.connect(copy)
    con.execute("DELETE FROM alembic_version")
    con.commit()
    con.close()
    before = seeded_db.read_bytes()
    refused(run("--db", str(seeded_db), "restore", str(copy)), 6, "no record of their schema version")
    assert seeded_db.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_fifo_as_database_is_refused_at_once(tmp_path):
    """Before: opening the FIFO to read its header waited for a writer, forever."""
    fifo = tmp_path / "db.sqlite"
    os.mkfifo(fifo)
    started = time.monotonic()
    proc = run("--db", str(fifo), "products", timeout=30)
    refused(proc, 6, "is a named pipe (FIFO)", "regular files")
    assert time.monotonic() - started < 30
    zh = run("--db", str(fifo), "--lang", "zh_CN", "check", timeout=30)
    refused(zh, 6, "命名管道")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null on this system")
def test_a_device_and_a_folder_as_database_are_refused(tmp_path):
    """Before: /dev/null was "the file is empty" and /dev/zero "not a database file at all"."""
    for device in ("/dev/null", "/dev/zero"):
        refused(run("--db", device, "products", timeout=30), 6, "is a device")
    link = tmp_path / "looks-like.sqlite"
    link.symlink_to("/dev/zero")  # a link is followed: what it points at is judged
    refused(run("--db", str(link), "check", timeout=30), 6, "is a device")
    folder = tmp_path / "folder.sqlite"
    folder.mkdir()
    refused(run("--db", str(folder), "products", timeout=30), 6, "is a folder")


def test_the_probe_refuses_a_fifo_without_blocking(tmp_path):
    """The same refusal in-process, for every caller of the probe (opening, restoring)."""
    from mscreg.services.workspace import open_workspace

    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are a POSIX feature")
    fifo = tmp_path / "pipe.sqlite"
    os.mkfifo(fifo)
    outcome: list[BaseException | None] = []

    def attempt() -> None:
        try:
            open_workspace(str(fifo)).close()
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=15)
    if worker.is_alive():  # blocked in open(): a writer that closes at once lets it go
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(timeout=15)
        pytest.fail("opening a FIFO as the database blocked waiting for a writer")
    assert isinstance(outcome[0], DatabaseProblem), outcome
    assert outcome[0].problems[0].code == "db.is_pipe" and outcome[0].exit_code == 6


@pytest.mark.parametrize("rule, period", [
    ("us-ind-effective", "999999999"),  # calendar days: OverflowError before
    ("cn-certificate-expiry", "999999999"),  # years: ValueError before
    ("eu-cma-renewal-due", "999999999"),  # counted before another rule's period
    ("cn-cta-implied-permission", "3000000"),  # working days: counted for seconds, then OverflowError
    ("us-ind-effective", "0"),
    ("us-ind-effective", "-5"),
])
def test_a_clock_period_out_of_range_is_refused_naming_the_field(rule, period):
    started = time.monotonic()
    proc = run("clock", rule, "--start", "2024-01-01", f"--period={period}")
    refused(proc, 2, f"period “{period}” is out of range for rule {rule}", "from 1 to")
    assert time.monotonic() - started < 20
    refused(run("--lang", "zh_CN", "clock", rule, "--start", "2024-01-01", f"--period={period}"), 2,
            f"期限“{period}”超出规则")


def test_a_clock_period_within_range_still_computes():
    proc = run("clock", "cn-certificate-expiry", "--start", "2024-01-01", "--period", "100", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["due_earliest"] == "2124-01-01"


# --------------------------------------------------------------------------------------------------
# the window's lock file


def _open_in_window(qtbot, db: Path, settings_path: Path):
    from ui.fake_dialogs import FakeDialogService

    from mscreg.ui.main_window import MainWindow
    from mscreg.ui.preferences import Settings

    dialogs = FakeDialogService()
    w = MainWindow(Settings(str(settings_path)), dialogs)
    qtbot.addWidget(w)
    return w, dialogs


def test_a_lock_file_that_cannot_be_made_opens_read_only_with_that_reason(qtbot, seeded_db, tmp_path, dump):
    """Needs the whole window: what the user was told ("already open") came from the window's dialogs.

    ``<db>.lock`` is a folder, so no lock file can be made (as root too, which chmod cannot stop).
    Before: "already open in another mscreg window", and nothing opened."""
    from mscreg.domain.event import EventDraft
    from mscreg.domain.track import TrackDraft
    from mscreg.services.tracker import record_event

    lock = seeded_db.with_name(seeded_db.name + ".lock")
    lock.mkdir()
    before = dump(seeded_db)
    w, dialogs = _open_in_window(qtbot, seeded_db, tmp_path / "settings.ini")
    with qtbot.waitSignal(w.products_shown, timeout=30_000):
        w.open_database(str(seeded_db))
    assert not any("already open" in text for _k, _t, text in dialogs.shown), dialogs.shown
    assert w.ws is not None and w.ws.read_only and w.session.lock is None
    reason = w.ws.read_only_reason("en")
    assert f"“{seeded_db}.lock” cannot be created (Is a directory)" in reason, reason
    assert "锁文件" in w.ws.read_only_reason("zh_CN")
    with pytest.raises(DatabaseProblem) as info:  # a write is refused with that same reason
        record_event(w.ws, product="Ryoncil", track=TrackDraft("JP", "", "marketing"),
                     draft=EventDraft(type="approval_full", date="2026-03"), reason="x")
    assert info.value.message("en") == reason
    w.close()
    assert dump(seeded_db) == before
    assert lock.is_dir()


def test_a_lock_held_by_another_window_is_still_reported_as_open_elsewhere(qtbot, seeded_db, tmp_path):
    """Needs the whole window: the "already open" dialog is the window's.

    The other side of the same decision, kept as it was: a live owner is "already open", not a reason
    to open read-only.  (This one passed before the change too; it guards what the change must keep.)"""
    from mscreg.ui.single_instance import DatabaseLock, lock_path_for

    other = DatabaseLock(lock_path_for(str(seeded_db)))
    assert other.try_lock()
    try:
        w, dialogs = _open_in_window(qtbot, seeded_db, tmp_path / "settings.ini")
        with qtbot.waitSignal(w.open_failed, timeout=30_000):
            w.open_database(str(seeded_db))
        assert any("already open in another mscreg window" in text for _k, _t, text in dialogs.shown)
        assert w.ws is None
        w.close()
    finally:
        other.unlock()


def _as_nobody_possible() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root to run a process as nobody (a non-root user is already refused by chmod)"
    if shutil.which("setpriv") is None:
        return "setpriv (util-linux) is not installed"
    probe = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", sys.executable,
                            "-c", "import mscreg, PySide6.QtCore"], capture_output=True, check=False)
    if probe.returncode != 0:
        return f"nobody cannot run this Python: {probe.stderr.decode(errors='replace')[-200:]}"
    return None


NOBODY_SCRIPT = textwrap.dedent("""
    import json, sys
    from PySide6.QtWidgets import QApplication
    sys.path.insert(0, sys.argv[2])
    from ui.fake_dialogs import FakeDialogService
    from mscreg.ui.main_window import MainWindow
    from mscreg.ui.preferences import Settings
    app = QApplication([])
    dialogs = FakeDialogService()
    w = MainWindow(Settings(sys.argv[3]), dialogs)
    w.open_database(sys.argv[1])
    done = []
    w.products_shown.connect(lambda *a: done.append("shown"))
    w.open_failed.connect(lambda *a: done.append("failed"))
    while not done:
        app.processEvents()
    print(json.dumps({"outcome": done[0], "read_only": bool(w.ws and w.ws.read_only),
                      "reason": w.ws.read_only_reason("en") if w.ws else "",
                      "dialogs": [text for _k, _t, text in dialogs.shown]}))
    w.close_database()
""")


def test_a_read_only_folder_as_another_user_opens_read_only_not_already_open(tmp_path, seeded_db):
    """Needs the whole window: it runs the window as another user, as a user would meet the problem.

    The real case, as a user without write access to the folder: the lock file cannot be created
    (permission denied).  Before: the window said "already open in another mscreg window"."""
    why = _as_nobody_possible()
    if why:
        pytest.skip(why)
    # pytest's own temporary folders are private to root: this one nobody can reach
    top = Path(tempfile.mkdtemp(prefix="mscreg-nobody-"))
    top.chmod(0o755)
    folder = top / "shared"
    folder.mkdir()
    db = folder / "team.sqlite"
    shutil.copy(seeded_db, db)
    home = top / "home"
    home.mkdir()
    home.chmod(0o777)
    folder.chmod(0o555)
    db.chmod(0o644)
    before = db.read_bytes()
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".data"),
           "XDG_STATE_HOME": str(home / ".state"), "QT_QPA_PLATFORM": "offscreen"}
    try:
        proc = subprocess.run(
            ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", sys.executable, "-c", NOBODY_SCRIPT,
             str(db), str(ROOT / "tests"), str(home / "settings.ini")],
            capture_output=True, text=True, encoding="utf-8", env={**os.environ, **env}, cwd=home, timeout=120,
            check=False)
        assert proc.returncode == 0, proc.stderr
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        assert result["outcome"] == "shown", result
        assert not any("already open" in t for t in result["dialogs"]), result
        assert result["read_only"] and "read-only" in result["reason"], result
        # the command line, as before, says the same
        cli = run("--db", str(db), "add-event", "--product", "Ryoncil", "--jurisdiction", "JP", "--type",
                  "approval_full", "--date", "2026-03", "--reason", "x", user="nobody", env=env)
        refused(cli, 6, "read-only")
        shown = run("--db", str(db), "--quit-after-first-paint", user="nobody", env=env)
        assert shown.returncode == 0 and "already open" not in shown.stderr, shown.stderr
        assert db.read_bytes() == before
        assert not db.with_name(db.name + ".lock").exists()
    finally:
        folder.chmod(0o755)
        shutil.rmtree(top, ignore_errors=True)


