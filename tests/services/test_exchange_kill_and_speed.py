"""An import killed part-way leaves the database as it was; a 100,000-event CSV imports in under 10 s."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.exchange.big_csv import write_big_csv
from support import table_dump

from mscreg.services.exchange.importing import import_file
from mscreg.services.integrity import check_database
from mscreg.services.workspace import init_database, open_workspace


@pytest.mark.slow
def test_an_import_killed_while_writing_leaves_the_database_as_it_was(seeded_db, tmp_path):
    big = write_big_csv(tmp_path / "big.csv", 30_000)
    before = table_dump(seeded_db)
    wal = Path(str(seeded_db) + "-wal")
    start_size = wal.stat().st_size if wal.exists() else 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    proc = subprocess.Popen([sys.executable, "-m", "mscreg.cli", "import", str(big), "--db", str(seeded_db)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        # The write transaction spills its pages into the WAL long before it commits: kill it then.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if wal.exists() and wal.stat().st_size > start_size + 2_000_000:
                break
            time.sleep(0.005)
        assert proc.poll() is None, "the import finished before it could be killed: " + proc.stderr.read().decode()
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert table_dump(seeded_db) == before
    with open_workspace(str(seeded_db)) as ws:
        assert check_database(ws).ok


@pytest.mark.slow
def test_a_100000_event_csv_imports_in_under_10_seconds(tmp_path):
    big = write_big_csv(tmp_path / "big.csv", 100_000)
    ws = init_database(str(tmp_path / "big.sqlite"), empty=True)
    try:
        started, cpu_started = time.perf_counter(), time.process_time()
        plan = import_file(ws, big)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        assert plan.counts()["events"]["created"] == 100_000
        print(f"100,000-event CSV imported in {elapsed:.2f} s ({cpu:.2f} s CPU)")
        # The target is 10 s wall for the whole command; this call, without interpreter start,
        # measured about 3.9 s wall / 3.8 s CPU with the other cores busy (benchmarks/import_speed.py
        # has the side-by-side figure).  The CI machine has two CPUs shared with other jobs, so the firm
        # bound is on this process's own CPU time, tight enough that losing the bulk-write speed-ups (7-8 s
        # CPU before them) fails, and the wall clock only has to show that no waiting (locks, fsync
        # storms) was added.
        assert cpu < 6.5, f"{cpu:.1f} s CPU"
        assert elapsed < 20, f"{elapsed:.1f} s"
        report = check_database(ws)
        assert report.ok and report.events == 100_000 and report.chain.rows == 111_000
    finally:
        ws.close()
