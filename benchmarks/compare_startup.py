"""Two checkouts' start-up against each other and the bare window, in the same run:
``python -m benchmarks.compare_startup --before DIR --db FILE [--runs N] [--workdir DIR]``.

The machine is shared: a figure taken an hour ago is no measure of a change.  This times three programs
in turn, spawn → first line as ``benchmarks.startup`` does: the bare window, ``mscreg
--quit-after-first-paint`` from the checkout ``--before`` (a ``git worktree`` of the older commit), and
from this one, each with its own home folder (the saved product list is keyed by the code, so the two
must not share one).  One warm-up each writes the saved list; then ``--runs`` rounds alternate, and the
medians and their ratios to the bare window are printed with the load average.

``--report`` compares the in-process figures of ``mscreg --startup-report`` instead (window painted,
list filled, deadlines and search ready, and the full read where the tree reports it), the two trees
in turn, with the bare window's own paint as the floor.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.harness import ROOT
from benchmarks.startup import first_line_ms

BARE = ROOT / "benchmarks" / "bare_window.py"


def _env(checkout: Path, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MSCREG_") and k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(checkout), QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"), HOME=str(home),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
               XDG_DATA_HOME=str(home / ".local" / "share"), XDG_STATE_HOME=str(home / ".local" / "state"))
    return env


def _first_line_ms(command: list[str], env: dict[str, str]) -> float:
    return first_line_ms(command, env, tempfile.gettempdir())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.compare_startup", description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="a checkout of the older commit")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--report", action="store_true",
                        help="compare the --startup-report figures (painted, listed, complete, full read)")
    args = parser.parse_args(argv)
    if args.report:
        return _compare_reports(args)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="mscreg-compare-"))
    app = [sys.executable, "-m", "mscreg.cli", "--db", str(args.db), "--quit-after-first-paint"]
    programs = {"bare window": ([sys.executable, str(BARE)], _env(ROOT, work / "home-bare")),
                "before": (app, _env(args.before.resolve(), work / "home-before")),
                "after": (app, _env(ROOT, work / "home-after"))}
    for name, (command, env) in programs.items():  # warm-up: compiled modules, the saved list written
        if name != "bare window":  # waits for the full read, and the list saved after it, before quitting
            subprocess.run([*command, "--startup-report"], capture_output=True, env=env, timeout=600, check=True,
                           cwd=tempfile.gettempdir())
        _first_line_ms(command, env)
    load = os.getloadavg()[0]
    runs: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(args.runs):
        for name, (command, env) in programs.items():
            runs[name].append(_first_line_ms(command, env))
    medians = {name: statistics.median(values) for name, values in runs.items()}
    bare = medians["bare window"]
    print(f"{args.db.name}: load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; "
          f"medians of {args.runs} alternating runs, spawn → first line")
    for name, value in medians.items():
        print(f"  {name:12s} {value:7.0f} ms  {value / bare:5.2f} × bare   runs "
              + ", ".join(f"{v:.0f}" for v in runs[name]))
    return 0


REPORT_KEYS = ("painted_ms", "listed_ms", "complete_ms", "full_ms")


def _report(command: list[str], env: dict[str, str]) -> dict[str, float]:
    import json

    proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600, check=True,
                          cwd=tempfile.gettempdir())
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _compare_reports(args: argparse.Namespace) -> int:
    work = args.workdir or Path(tempfile.mkdtemp(prefix="mscreg-compare-"))
    app = [sys.executable, "-m", "mscreg.cli", "--db", str(args.db), "--quit-after-first-paint", "--startup-report"]
    trees = {"before": _env(args.before.resolve(), work / "home-before"), "after": _env(ROOT, work / "home-after")}
    bare_env = _env(ROOT, work / "home-bare")
    for env in trees.values():  # warm-up: compiled modules, the saved list written
        _report(app, env)
    load = os.getloadavg()[0]
    bare: list[float] = []
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
    for _ in range(args.runs):
        proc = subprocess.run([sys.executable, str(BARE)], capture_output=True, text=True, env=bare_env, timeout=120,
                              check=True, cwd=tempfile.gettempdir())
        bare.append(float(proc.stdout.strip().splitlines()[-1]))
        for name, env in trees.items():
            runs[name].append(_report(app, env))
    floor = statistics.median(bare)
    print(f"{args.db.name}: load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end; "
          f"medians of {args.runs} alternating runs, in-process (--startup-report); bare window painted "
          f"{floor:.0f} ms")
    for name, reports in runs.items():
        cells = []
        for key in REPORT_KEYS:
            values = [r[key] for r in reports if key in r]
            if values:
                median = statistics.median(values)
                cells.append(f"{key[:-3]} {median:6.0f} ms ({median / floor:4.2f}×)")
        print(f"  {name:7s} " + "   ".join(cells))
        for key in REPORT_KEYS:
            values = [r[key] for r in reports if key in r]
            if values:
                print(f"           {key:12s} runs " + ", ".join(f"{v:.0f}" for v in values))
    return 0


if __name__ == "__main__":
    sys.exit(main())
