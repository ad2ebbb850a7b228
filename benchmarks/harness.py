"""What every benchmark shares: the figure it reports, the run context, medians and timers.

A benchmark module exposes ``measure(ctx: Context) -> list[Figure]``; ``benchmarks.__main__``
runs them in order and prints one table.  Figures are medians of ``ctx.runs`` runs taken after
``ctx.warmups`` discarded ones, so a cold disk cache or a first import does not decide a number.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Figure:
    """One row of the table: a median, what it is set against, and the target it must meet."""

    what: str
    value: float
    unit: str  # "ms", "s" or "MB"
    versus: str = ""  # the floor or alternative, measured in the same run
    versus_value: float | None = None
    target: str = ""  # as the table prints it, e.g. "≤ 1.5 × floor"
    met: bool | None = None
    runs: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.versus_value:
            return self.value / self.versus_value
        return None


@dataclass
class Context:
    """Where a run works and how many times it repeats each measurement."""

    workdir: Path
    runs: int = 5
    warmups: int = 1
    python: str = sys.executable
    quick: bool = False  # smaller data for a smoke run of the suite itself
    _cache: dict[str, Path] = field(default_factory=dict)

    def env(self, **extra: str) -> dict[str, str]:
        """The environment for child processes: offscreen Qt, a private HOME, no stray database."""
        # PYTHONDONTWRITEBYTECODE would make every run compile every module again: not how users run it
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("MSCREG_") and k != "PYTHONDONTWRITEBYTECODE"}
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        env["HOME"] = str(self.workdir / "home")
        env["XDG_CONFIG_HOME"] = str(self.workdir / "home" / ".config")
        env["XDG_DATA_HOME"] = str(self.workdir / "home" / ".local" / "share")
        env["XDG_STATE_HOME"] = str(self.workdir / "home" / ".local" / "state")
        env["XDG_CACHE_HOME"] = str(self.workdir / "home" / ".cache")
        env.update(extra)
        return env

    def mscreg(self, *args: str, check: bool = True, timeout: float = 600) -> subprocess.CompletedProcess[str]:
        """Run the command line in a child process (``python -m mscreg.cli``)."""
        proc = subprocess.run([self.python, "-m", "mscreg.cli", *args], capture_output=True, text=True,
                              env=self.env(), timeout=timeout, cwd=ROOT)
        if check and proc.returncode != 0:
            raise RuntimeError(f"mscreg {' '.join(args)} failed ({proc.returncode}): {proc.stderr.strip()}")
        return proc

    def demo_db(self, products: int, events_per_product: int, seed: int = 2026) -> Path:
        """A generated database (``mscreg demo-data``), made once per run of the suite."""
        key = f"demo-{products}-{events_per_product}-{seed}"
        if key not in self._cache:
            out = self.workdir / f"{key}.sqlite"
            if not out.exists():
                self.mscreg("demo-data", "--products", str(products), "--events-per-product",
                            str(events_per_product), "--out", str(out), "--seed", str(seed))
            self._cache[key] = out
        return self._cache[key]

    def seeded_db(self) -> Path:
        """A fresh database with the shipped data set (``mscreg init``)."""
        if "seeded" not in self._cache:
            out = self.workdir / "seeded.sqlite"
            if not out.exists():
                self.mscreg("--db", str(out), "init")
            self._cache["seeded"] = out
        return self._cache["seeded"]


def median_of(ctx: Context, run: Callable[[], float]) -> tuple[float, list[float]]:
    """Median of ``ctx.runs`` calls of ``run`` (each returns its own measured figure) after the warm-ups."""
    for _ in range(ctx.warmups):
        run()
    runs = [run() for _ in range(ctx.runs)]
    return statistics.median(runs), runs


def elapsed(action: Callable[[], object]) -> float:
    """Seconds ``action`` took, by the monotonic clock (the wall clock on this machine jumps)."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start
