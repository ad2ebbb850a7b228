"""Import speed: a 100,000-event CSV through ``mscreg import``, against the audited Python floor.

- **Floor**: the ``sqlite3`` command-line shell's ``.import`` of the same file (``.mode csv``) into
  a fresh file each run: it creates one table from the header, with no index, no constraint, no
  check and no audit, and inserts every row in one transaction.  Nothing gets rows into SQLite faster.
- **mscreg**: ``python -m mscreg.cli --db COPY import FILE`` as a child process, COPY being a fresh
  copy (not timed) of a database made by ``mscreg init --empty``.  The wall time from spawn to exit:
  interpreter start and imports, reading, checking every cell and replaying every track through its
  state machine, the automatic backup, writing the records with one audit row each, and the durable
  commit (WAL, ``synchronous=FULL``).

- **Python floor** (the target is set against it: mscreg within 1.3 × of it and under 10 s):
  ``benchmarks/import_floor.py`` puts the same rows into the same schema with one chained audit row per
  record, in one transaction, checking nothing and importing only the standard library; and the same
  with one audit row per 1,000 records, the floor of that other audit design.  The shell's ``.import``
  stays beside them: what no audited import can reach.

The file is ``tests/fixtures/exchange/big_csv.py``'s (the one the import tests use): 1,000 products
× 10 US clinical tracks × 10 events that replay.  With ``ctx.quick``, 10,000 events.  The note gives
the child's CPU time (user+sys) as well, for mscreg and for the Python floor, since on a machine whose
cores are shared the wall time also measures the neighbours, and a program that used a second core
could look closer to the single-threaded floor in wall time than in work.
"""

from __future__ import annotations

import importlib.util
import json
import resource
import shutil
import sqlite3
import statistics
import subprocess
from pathlib import Path
from types import ModuleType

from benchmarks.harness import ROOT, Context, Figure, elapsed, median_of

FLOOR_SCRIPT = ROOT / "benchmarks" / "import_floor.py"
BATCH = 1000  # records per audit row in the other design's floor
TARGET_S = 10.0
TARGET_RATIO = 1.3  # against the audited Python floor


def _big_csv() -> ModuleType:
    """tests/fixtures/exchange/big_csv.py, loaded by path (the tests folder is not a package)."""
    spec = importlib.util.spec_from_file_location("mscreg_big_csv", ROOT / "tests" / "fixtures" / "exchange" /
                                                  "big_csv.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sqlite3_shell() -> str:
    shell = shutil.which("sqlite3")
    if shell is None:
        raise RuntimeError("the sqlite3 command-line shell is needed for the import floor: apt-get install sqlite3")
    return shell


def _fresh(path: Path) -> None:
    """Remove a database file with its WAL, shared-memory file and automatic-backup folder."""
    for p in path.parent.glob(path.name + "*"):
        p.unlink()
    shutil.rmtree(path.parent / f"{path.stem}-backups", ignore_errors=True)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(ctx: Context) -> list[Figure]:
    events = 10_000 if ctx.quick else 100_000
    work = ctx.workdir / "import"
    work.mkdir(parents=True, exist_ok=True)
    csv_file = work / f"events-{events}.csv"
    if not csv_file.exists():
        _big_csv().write_big_csv(csv_file, events)
    shell = _sqlite3_shell()

    floor_db = work / "floor.sqlite"

    def floor_run() -> float:
        _fresh(floor_db)
        t = elapsed(lambda: subprocess.run([shell, str(floor_db), ".mode csv", f".import {csv_file} ev"],
                                           check=True, capture_output=True, timeout=600))
        return t

    floor, floor_runs = median_of(ctx, floor_run)
    with sqlite3.connect(floor_db) as con:  # the shell's .import skips bad rows with a warning: check
        imported = con.execute("SELECT count(*) FROM ev").fetchone()[0]
    con.close()
    if imported != events:
        raise RuntimeError(f"sqlite3 .import gave {imported} rows, not {events}")

    empty = work / "empty.sqlite"
    if not empty.exists():
        ctx.mscreg("--db", str(empty), "init", "--empty")
    target = work / "target.sqlite"
    cpu: list[float] = []
    last: list[subprocess.CompletedProcess[str]] = []

    def mscreg_run() -> float:
        _fresh(target)
        shutil.copyfile(empty, target)
        cpu_before = _children_cpu()
        t = elapsed(lambda: last.append(subprocess.run(
            [ctx.python, "-m", "mscreg.cli", "--db", str(target), "import", str(csv_file), "--json"],
            capture_output=True, text=True, env=ctx.env(), cwd=ROOT, timeout=600)))
        cpu.append(_children_cpu() - cpu_before)
        proc = last.pop()
        if proc.returncode != 0:
            raise RuntimeError(f"mscreg import failed ({proc.returncode}): {proc.stderr.strip()}")
        created = json.loads(proc.stdout)["events"]["created"]
        if created != events:
            raise RuntimeError(f"mscreg import created {created} events, not {events}")
        return t

    value, runs = median_of(ctx, mscreg_run)
    cpu_median = statistics.median(cpu[ctx.warmups:] or cpu)

    python_db = work / "python-floor.sqlite"
    floor_cpu: dict[int, list[float]] = {1: [], BATCH: []}

    def python_floor_run(per_row: int) -> float:
        _fresh(python_db)
        shutil.copyfile(empty, python_db)
        cpu_before = _children_cpu()
        t = elapsed(lambda: subprocess.run([ctx.python, str(FLOOR_SCRIPT), str(csv_file), str(python_db), str(per_row)],
                                           check=True, capture_output=True, env=ctx.env(), cwd=ROOT, timeout=600))
        floor_cpu[per_row].append(_children_cpu() - cpu_before)
        return t

    python_floor, python_runs = median_of(ctx, lambda: python_floor_run(1))
    batch_floor, batch_runs = median_of(ctx, lambda: python_floor_run(BATCH))
    # The floor runs on one thread; the import may use a second core.  Both CPU times are shown so
    # that a wall-time ratio won by a second core is not read as less work.
    floor_cpu_median = statistics.median(floor_cpu[1][ctx.warmups:] or floor_cpu[1])
    batch_cpu_median = statistics.median(floor_cpu[BATCH][ctx.warmups:] or floor_cpu[BATCH])
    return [
        Figure(what=f"audited import floor in Python, {events:,} events (benchmarks/import_floor.py)",
               value=python_floor, unit="s", versus="sqlite3 shell .import, unindexed table", versus_value=floor,
               runs=python_runs,
               note="no check of any cell, standard library only, one thread, one hash-chained audit row per record: "
                    "what the interpreter, the audit trail's bytes and the schema's indexes cost whatever the code; "
                    f"child CPU {floor_cpu_median:.2f} s (median)"),
        Figure(what=f"the same floor with one audit row per {BATCH:,} records (another audit design)",
               value=batch_floor, unit="s", versus="sqlite3 shell .import, unindexed table", versus_value=floor,
               runs=batch_runs,
               note=f"the after-images of {BATCH:,} records in one chained row: what that design would leave "
                    f"for reading, checking and SQLAlchemy within 5 × the shell; child CPU {batch_cpu_median:.2f} s "
                    "(median)"),
        Figure(what=f"import {events:,}-event CSV (mscreg import)", value=value, unit="s",
               versus="audited import floor in Python (above)", versus_value=python_floor,
               target=f"≤ {TARGET_S:g} s and ≤ {TARGET_RATIO:g} × floor",
               met=value <= TARGET_S and value <= TARGET_RATIO * python_floor, runs=runs,
               note=(f"{value / floor:.2f} × the sqlite3 shell's .import (wall); child CPU {cpu_median:.2f} s (median, "
                     f"user+sys) against the Python floor's {floor_cpu_median:.2f} s: "
                     f"{cpu_median / floor_cpu_median:.2f} × in CPU; "
                     f"floor runs {', '.join(f'{r:.2f}' for r in floor_runs)} s")),
    ]
