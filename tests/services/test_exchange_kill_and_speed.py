"""An import killed part-way leaves the database as it was; a 100,000-event CSV imports in under 10 s."""

from __future__ import annotations

import importlib.util
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

ROOT = Path(__file__).resolve().parents[2]


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


def _floor_cpu(csv_file: Path, tmp_path: Path) -> float:
    """CPU seconds of the audited import floor (benchmarks/import_floor.py) on ``csv_file``, in this process:
    the same rows into the same schema with one chained audit row each, checked by nothing."""
    spec = importlib.util.spec_from_file_location("mscreg_import_floor", ROOT / "benchmarks" / "import_floor.py")
    assert spec is not None and spec.loader is not None
    floor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(floor)
    init_database(str(tmp_path / "floor.sqlite"), empty=True).close()
    started = time.process_time()
    assert floor.main(str(csv_file), str(tmp_path / "floor.sqlite")) == 0
    return time.process_time() - started


@pytest.mark.slow
def test_a_100000_event_csv_imports_in_under_10_seconds(tmp_path):
    big = write_big_csv(tmp_path / "big.csv", 100_000)
    ws = init_database(str(tmp_path / "big.sqlite"), empty=True)
    try:
        started, cpu_started = time.perf_counter(), time.process_time()
        plan = import_file(ws, big)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        assert plan.counts()["events"]["created"] == 100_000
        floor = _floor_cpu(big, tmp_path)
        print(f"100,000-event CSV imported in {elapsed:.2f} s ({cpu:.2f} s CPU; the floor {floor:.2f} s CPU)")
        # The target is 10 s wall for the whole command; this call, without interpreter start, takes about
        # 3.4 s of CPU on an idle machine, 1.45-1.65 times the audited floor's (benchmarks/import_speed.py has
        # the side-by-side figure).  The CI machine's two CPUs are shared (with the other Python's suite, and
        # other jobs), which stretches CPU time too, by up to twice: so the firm bound is on the ratio to the
        # floor measured in this process just after, tight enough that losing the bulk-write speed-ups (7-8 s
        # of CPU, three times the floor, before them) fails; the wall clock only has to show that no waiting
        # (locks, fsync storms) was added.
        assert cpu < 2.2 * floor, f"{cpu:.1f} s CPU against the floor's {floor:.1f} s"
        assert elapsed < 20, f"{elapsed:.1f} s"
        report = check_database(ws)
        assert report.ok and report.events == 100_000 and report.chain.rows == 111_000
    finally:
        ws.close()
