"""Start-up: the app on the seeded database and on 10,000 products / 100,000 events, against the floor
for any PySide6 application, a bare QMainWindow with an empty QTableView.

Every run is a fresh process, offscreen, measured from process start (Linux ``/proc``) by the process
itself, exactly as ``benchmarks/bare_window.py`` measures the floor.  One app run gives four figures
(``mscreg --quit-after-first-paint --startup-report``):

- **window painted**: the main window's first paint, with its menus, tool bar, search and filter bar
  and product table: what the bare window is the floor for, and what the start-up targets apply to;
- **product list filled**: the products listed with each jurisdiction's state (the database opened,
  read and every track's log replayed, in a worker thread);
- **deadlines and search ready**: the Deadlines page has every open clock and the search answers
  (pinyin and past holders included), from the clocks and keys saved with the list when the last full
  read left them (the usual start), else from the full read;
- **full read in**: the database read, every clock evaluated and the search keys rebuilt from it (the
  selected product's details and editing wait for this);
- resident memory then (``VmRSS``), with all events loaded.

Floor and app runs alternate, so a change in the machine's load falls on both.

Beside those in-process figures, the same two programs are timed **from outside the process**: the
wall time from spawning it to the first line it prints (the bare window prints on its first paint;
``mscreg --quit-after-first-paint`` prints once the product list is painted), alternating, medians.
This includes the interpreter's own start-up, which ``/proc`` start times include too, but also what
happens before ``main`` (site, the command-line parser), so it is the figure a user feels.  The start
is painted from the list saved after the previous full read (the warm-up runs write it), so these
figures are the usual start: the first start after a change, a new day or an upgrade reads in full.
The load average at the time is reported beside them: the figures are only comparable against the
bare window measured in the same run.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import time
from pathlib import Path

from benchmarks.harness import ROOT, Context, Figure

BARE = ROOT / "benchmarks" / "bare_window.py"


def _bare_ms(ctx: Context) -> float:
    proc = subprocess.run([ctx.python, str(BARE)], capture_output=True, text=True, env=ctx.env(), timeout=120,
                          cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(f"bare window failed: {proc.stderr.strip()}")
    return float(proc.stdout.strip().splitlines()[-1])


def _app_report(ctx: Context, db: Path) -> dict[str, float]:
    proc = ctx.mscreg("--db", str(db), "--quit-after-first-paint", "--startup-report", timeout=300)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def first_line_ms(command: list[str], env: dict[str, str], cwd: Path | str) -> float:
    """Wall milliseconds from spawning ``command`` to the first line it prints (the comparison of two
    checkouts measures the same way)."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env,
                            cwd=cwd)
    try:
        line = proc.stdout.readline() if proc.stdout is not None else ""
        elapsed = (time.perf_counter() - started) * 1000
        proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if proc.returncode != 0 or not line.strip():
        raise RuntimeError(f"{command[1:3]} printed no line (exit {proc.returncode})")
    return elapsed


def _first_line_ms(ctx: Context, command: list[str]) -> float:
    return first_line_ms(command, ctx.env(), ROOT)


def _outside_runs(ctx: Context, db: Path) -> tuple[list[float], list[float], float]:
    """(bare ms, app ms, 1-minute load average at the start): spawn → first line, alternating."""
    bare_cmd = [ctx.python, str(BARE)]
    app_cmd = [ctx.python, "-m", "mscreg.cli", "--db", str(db), "--quit-after-first-paint"]
    for _ in range(ctx.warmups):
        _first_line_ms(ctx, bare_cmd)
        _first_line_ms(ctx, app_cmd)
    load = os.getloadavg()[0]
    bare, app = [], []
    for _ in range(ctx.runs):
        bare.append(_first_line_ms(ctx, bare_cmd))
        app.append(_first_line_ms(ctx, app_cmd))
    return bare, app, load


def _runs(ctx: Context, db: Path) -> tuple[list[float], list[dict[str, float]]]:
    """(bare ms, app reports) alternating, after ``ctx.warmups`` of each (compiles, caches, daily backup)."""
    for _ in range(ctx.warmups):
        _bare_ms(ctx)
        _app_report(ctx, db)
    bare, app = [], []
    for _ in range(ctx.runs):
        bare.append(_bare_ms(ctx))
        app.append(_app_report(ctx, db))
    return bare, app


def _median(reports: list[dict[str, float]], key: str) -> tuple[float, list[float]]:
    values = [r[key] for r in reports]
    return statistics.median(values), values


def measure(ctx: Context) -> list[Figure]:
    products, per_product = (1000, 10) if ctx.quick else (10_000, 10)
    databases = [("seeded database (15 products, 75 events)", ctx.seeded_db(), 1.5, None, 2.0),
                 (f"{products:,} products / {products * per_product:,} events", ctx.demo_db(products, per_product),
                  2.0, 1500.0, 4.0)]
    figures: list[Figure] = []
    for label, db, max_ratio, max_ms, outside_ratio in databases:
        bare_runs, reports = _runs(ctx, db)  # its warm-ups also save the list the next starts paint from
        out_bare, out_app, load = _outside_runs(ctx, db)
        floor = statistics.median(out_bare)
        figures.append(Figure(f"bare PySide6 window, spawn → first line (floor, beside the {label.split(' (')[0]})",
                              floor, "ms", runs=out_bare, note=f"load average {load:.1f} on {os.cpu_count()} cores"))
        listed_outside = statistics.median(out_app)
        figures.append(Figure(f"start-up, {label}: list painted, spawn → first line", listed_outside, "ms",
                              "bare window, spawn → first line", floor, f"≤ {outside_ratio:g} × floor and < 1 s",
                              listed_outside <= outside_ratio * floor and listed_outside < 1000, out_app,
                              note=f"from the list saved at the last read; load average {load:.1f}"))
        bare = statistics.median(bare_runs)
        figures.append(Figure(f"bare PySide6 window painted (floor, beside the {label.split(' (')[0]})", bare, "ms",
                              runs=bare_runs, note="QMainWindow + empty QTableView, offscreen"))
        painted, runs = _median(reports, "painted_ms")
        target = f"≤ {max_ratio:g} × floor" + (f" and < {max_ms / 1000:g} s" if max_ms else "")
        met = painted <= max_ratio * bare and (max_ms is None or painted < max_ms)
        figures.append(Figure(f"start-up, {label}: window painted", painted, "ms", "bare PySide6 window", bare,
                              target, met, runs))
        listed, runs = _median(reports, "listed_ms")
        figures.append(Figure(f"start-up, {label}: product list filled", listed, "ms", "bare PySide6 window", bare,
                              runs=runs, note=f"{int(reports[0]['products']):,} products listed with each "
                                              "country's state (no target set: shown for what it is)"))
        complete, runs = _median(reports, "complete_ms")
        saved = sum(1 for r in reports if r.get("complete_from_saved"))
        figures.append(Figure(f"start-up, {label}: deadlines and search ready", complete, "ms", runs=runs,
                              target="< 1.5 s" if max_ms else "", met=complete < 1500 if max_ms else None,
                              note=f"{int(reports[0]['deadlines']):,} open clocks; from the clocks and search keys "
                                   f"saved with the list in {saved} of {len(reports)} runs"))
        full, runs = _median(reports, "full_ms")
        figures.append(Figure(f"start-up, {label}: full read in", full, "ms", runs=runs,
                              note="read, replayed, every clock evaluated, search keys rebuilt: the product's "
                                   "details and editing follow it (no target set: shown for what it is)"))
        rss, runs = _median(reports, "rss_mb")
        if max_ms:
            peak = statistics.median(r["peak_rss_mb"] for r in reports)
            figures.append(Figure(f"memory, app with {label} loaded", rss, "MB", target="≤ 400 MB RSS",
                                  met=rss <= 400 and peak <= 400, runs=runs,
                                  note=f"VmRSS with every event, clock and search key loaded; peak {peak:.0f} MB"))
    return figures
