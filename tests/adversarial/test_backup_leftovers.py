"""Backups killed half-way: the temporary copy (as large as the database) and SQLite's -journal beside
it used to stay for ever, since rotation only looks at finished backups.  They are removed by the next
copy or rotation when their process is gone, never while it runs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mscreg.storage import backup as store

pytestmark = pytest.mark.sqlite_only
ROOT = Path(__file__).resolve().parents[2]


def _mscreg(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MSCREG_DB"}
    env.update(LANG="C.UTF-8", QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "mscreg.cli", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120, check=False)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def partial_files(folder: Path, name: str, pid: int, *, age: float = 3600.0) -> list[Path]:
    made = []
    for suffix in ("", "-journal"):
        p = folder / f".{name}.partial-{pid}{suffix}"
        p.write_bytes(b"\0" * 4096)
        os.utime(p, (time.time() - age, time.time() - age))
        made.append(p)
    return made


def test_partial_files_of_killed_backups_are_removed_but_not_those_of_live_ones(seeded_db):
    folder = store.backup_folder(seeded_db)
    folder.mkdir()
    dead = partial_files(folder, "mscreg-20260101T000000000000Z-daily.sqlite", dead_pid())
    live_process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = partial_files(folder, "mscreg-20260102T000000000000Z-daily.sqlite", live_process.pid)
        fresh = partial_files(folder, "mscreg-20260103T000000000000Z-daily.sqlite", dead_pid(), age=0.0)
        mine = partial_files(folder, "mscreg-20260104T000000000000Z-daily.sqlite", os.getpid())
        foreign = folder / "notes.partial-1"
        foreign.write_text("not ours")
        assert _mscreg("backup", "--db", str(seeded_db)).returncode == 0
        assert not any(p.exists() for p in dead)
        assert all(p.exists() for p in [*live, *fresh, *mine, foreign])
    finally:
        live_process.kill()
        live_process.wait()


def test_a_backup_out_removes_the_partial_file_a_killed_run_left_for_the_same_target(seeded_db, tmp_path):
    target = tmp_path / "out.sqlite"
    dead = partial_files(tmp_path, target.name, dead_pid())
    other = partial_files(tmp_path, "someone-elses.xlsx", dead_pid())
    assert _mscreg("backup", "--db", str(seeded_db), "--out", str(target)).returncode == 0
    assert target.exists() and not any(p.exists() for p in dead)
    assert all(p.exists() for p in other)  # only the files of the copy being made are ours to judge


def test_a_killed_backup_leaves_a_partial_file_that_the_next_backup_removes(seeded_db):
    """A real SIGKILL in the middle of a copy, then an ordinary backup."""
    folder = store.backup_folder(seeded_db)
    folder.mkdir()
    script = (
        "import sqlite3, sys, os, signal\n"
        "from pathlib import Path\n"
        "src, dst = sys.argv[1], Path(sys.argv[2])\n"
        "tmp = dst.with_name(f'.{dst.name}.partial-{os.getpid()}')\n"
        "s = sqlite3.connect(src); t = sqlite3.connect(tmp)\n"
        "s.backup(t, pages=1, progress=lambda *_: os.kill(os.getpid(), signal.SIGKILL))\n"
    )
    target = folder / "mscreg-20260101T000000000000Z-daily.sqlite"
    proc = subprocess.run([sys.executable, "-c", script, str(seeded_db), str(target)], check=False)
    assert proc.returncode == -9
    left = [p for p in folder.iterdir() if ".partial-" in p.name]
    assert left, "the killed copy should have left its files"
    for p in left:
        os.utime(p, (time.time() - 600, time.time() - 600))
    assert _mscreg("backup", "--db", str(seeded_db)).returncode == 0
    assert not [p for p in folder.iterdir() if ".partial-" in p.name]
