"""``python -m benchmarks``: run the suite and print one table of figures, alternatives and targets.

Options: ``--runs N`` (median of N, default 5), ``--warmups N`` (discarded first runs, default 1),
``--only NAME`` (repeatable: startup, search_typing, edit_refresh, timeline_speed, import_speed, trials_speed,
landscape_page),
``--quick`` (small data: checks the suite itself, not the targets), ``--workdir DIR`` (keeps the generated
databases between runs; default a temporary folder), ``--markdown FILE`` (also write the table as Markdown),
``--json FILE`` (every run's figures).  Exit status 0 when every target is met, 1 otherwise.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sqlite3
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from benchmarks.harness import Context, Figure

MODULES = ("startup", "search_typing", "edit_refresh", "timeline_speed", "import_speed", "trials_speed",
           "landscape_page")


def machine() -> dict[str, str]:
    """What the figures were measured on: they mean nothing without it."""
    import PySide6
    from PySide6.QtCore import qVersion

    cpu = ""
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), "")
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return {
        "cores": str(os.cpu_count()),
        "cpu": cpu or platform.processor() or "unknown",
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
        "qt": qVersion(),
        "sqlite": sqlite3.sqlite_version,
        "load average at start": load,
    }


def _number(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def rows(figures: list[Figure]) -> list[list[str]]:
    out = []
    for f in figures:
        versus = f"{f.versus}: {_number(f.versus_value, f.unit)}" if f.versus_value is not None else ""
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else ""
        met = {True: "yes", False: "NO", None: ""}[f.met]
        out.append([f.what, _number(f.value, f.unit), versus, ratio, f.target, met, f.note])
    return out


HEADER = ["what", "median", "versus (same run)", "ratio", "target", "met", "note"]


def text_table(table: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [HEADER, *table]) for i in range(len(HEADER) - 1)]
    lines = []
    for r in [HEADER, *table]:
        lines.append("  ".join(c.ljust(w) for c, w in zip(r[:-1], widths, strict=True)).rstrip())
        if r is HEADER:
            lines.append("  ".join("-" * w for w in widths))
    notes = [f"  {r[0]}: {r[-1]}" for r in table if r[-1]]
    return "\n".join(lines + (["", "notes:", *notes] if notes else []))


def markdown_table(table: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in table]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmups", type=int, default=1)
    parser.add_argument("--only", action="append", choices=MODULES)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--markdown", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="mscreg-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    ctx = Context(workdir, runs=args.runs, warmups=args.warmups, quick=args.quick)
    facts = machine()
    print("mscreg benchmarks — " + "; ".join(f"{k} {v}" for k, v in facts.items()), flush=True)
    print(f"each figure: median of {ctx.runs} runs after {ctx.warmups} warm-up(s); work folder {workdir}", flush=True)
    figures: list[Figure] = []
    for name in args.only or MODULES:
        started = time.perf_counter()
        print(f"… {name}", file=sys.stderr, flush=True)
        module = importlib.import_module(f"benchmarks.{name}")
        found = module.measure(ctx)
        figures.extend(found)
        print(text_table(rows(found)), flush=True)
        print(f"({name}: {time.perf_counter() - started:.0f} s)\n", file=sys.stderr, flush=True)
    table = rows(figures)
    print("\n== all figures\n" + text_table(table))
    judged = [f for f in figures if f.met is not None]
    met = sum(1 for f in judged if f.met)
    caveat = " (--quick: small data, not the targets)" if args.quick else ""
    print(f"\n{met} of {len(judged)} targets met{caveat}")
    if args.markdown:
        args.markdown.write_text("\n".join(["Machine: " + "; ".join(f"{k} {v}" for k, v in facts.items()), "",
                                            markdown_table(table), ""]), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps({"machine": facts, "figures": [asdict(f) for f in figures]}, indent=2,
                                        ensure_ascii=False), encoding="utf-8")
    return 0 if met == len(judged) else 1


if __name__ == "__main__":
    sys.exit(main())
