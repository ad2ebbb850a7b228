"""Trials: reading 10,000 ClinicalTrials.gov studies, and the landscape counts over 10,000 trials.

- **Import parse**: ``read_trial_file`` on a ``{"studies": [...]}`` file of 10,000 synthetic studies
  (``tests/fixtures/ctgov/synthetic_studies.py``), then ``plan_trials`` against none held and again
  against all of them held (a re-import that changes nothing): the import without its process start-up
  and writing.  Floor: ``json.loads`` of the same bytes.
- **Import**: ``mscreg import studies.json`` of the same 10,000 studies into an empty database, end to
  end in its own process (start-up, read, check, plan, backup, write with one audit row per trial,
  commit), wall and CPU.  Target ≤ 10 s.
- **Landscape**: every count of the landscape page (phase × status, registration year, country,
  condition, tissue) and the published figures paired with their counts, over the same 10,000 trials;
  what a filter change recomputes.  Target ≤ 200 ms.

With ``ctx.quick``, 1,000 studies.
"""

from __future__ import annotations

import importlib.util
import json
import resource
import shutil
import statistics
import subprocess
import time
from pathlib import Path
from types import ModuleType

from benchmarks.harness import ROOT, Context, Figure, elapsed, median_of

TARGET_PARSE_S = 10.0
TARGET_LANDSCAPE_MS = 200.0
TARGET_IMPORT_S = 10.0


def _synthetic() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mscreg_synthetic_studies",
                                                  ROOT / "tests" / "fixtures" / "ctgov" / "synthetic_studies.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def measure(ctx: Context) -> list[Figure]:
    from mscreg.domain import landscape
    from mscreg.domain.product import Tissue
    from mscreg.domain.published_figure import shipped_figures
    from mscreg.services.exchange.trial_files import read_trial_file
    from mscreg.services.exchange.trial_plan import plan_trials

    n = 1_000 if ctx.quick else 10_000
    data = _synthetic().studies_json(n)
    parse, floor, landscape_ms, parse_cpu, landscape_cpu = [], [], [], [], []
    trials = []
    for i in range(ctx.warmups + ctx.runs):
        start = time.perf_counter()
        json.loads(data)
        loads = time.perf_counter() - start
        start, cpu = time.perf_counter(), time.process_time()
        parsed = read_trial_file(data, "studies.json")
        created = plan_trials([], parsed.trials).creates
        again = plan_trials(created, parsed.trials)
        took, cpu = time.perf_counter() - start, time.process_time() - cpu
        assert len(created) == n and not again.changes_anything
        trials = list(created)
        if i >= ctx.warmups:
            parse.append(took)
            parse_cpu.append(cpu)
            floor.append(loads)
    tissue = {i: list(Tissue)[i % len(Tissue)] for i in range(50)}
    figures = shipped_figures()
    for i in range(ctx.warmups + ctx.runs):
        start, cpu = time.perf_counter(), time.process_time()
        landscape.trials_by_phase_status(trials)
        landscape.trials_by_registration_year(trials)
        landscape.trials_by_country(trials)
        landscape.trials_by_condition(trials)
        landscape.trials_by_tissue(trials, tissue)
        landscape.compare_all(figures, trials, [])
        took, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
        if i >= ctx.warmups:
            landscape_ms.append(took)
            landscape_cpu.append(cpu)
    size = f"{len(data) / 1e6:.1f} MB"
    imported, import_runs, import_cpu = _import_end_to_end(ctx, data, n)
    return [
        Figure(f"mscreg import of {n:,} ClinicalTrials.gov studies (JSON, {size}) into an empty database",
               imported, "s", "read and plan alone (above)", _median(parse), f"≤ {TARGET_IMPORT_S:.0f} s",
               imported <= TARGET_IMPORT_S, import_runs,
               f"CPU {import_cpu:.2f} s; one process: start-up, check, plan, backup, write with audit rows, commit"),
        Figure(f"read and plan {n:,} ClinicalTrials.gov studies (JSON, {size})", _median(parse), "s",
               "json.loads of the same file", _median(floor), f"≤ {TARGET_PARSE_S:.0f} s",
               _median(parse) <= TARGET_PARSE_S, parse,
               f"CPU {_median(parse_cpu):.2f} s; no writing"),
        Figure(f"landscape counts and published figures, {n:,} trials", _median(landscape_ms), "ms",
               target=f"≤ {TARGET_LANDSCAPE_MS:.0f} ms", met=_median(landscape_ms) <= TARGET_LANDSCAPE_MS,
               runs=landscape_ms, note=f"CPU {_median(landscape_cpu):.0f} ms"),
    ]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _fresh(path: Path) -> None:
    """Remove a database file with its WAL, shared-memory file and automatic-backup folder."""
    for p in path.parent.glob(path.name + "*"):
        p.unlink()
    shutil.rmtree(path.parent / f"{path.stem}-backups", ignore_errors=True)


def _import_end_to_end(ctx: Context, data: bytes, n: int) -> tuple[float, list[float], float]:
    """``mscreg import`` of the studies into a copy of an empty database: median wall, runs, median CPU."""
    work = ctx.workdir / "trials"
    work.mkdir(parents=True, exist_ok=True)
    studies = work / f"studies-{n}.json"
    studies.write_bytes(data)
    empty = work / "empty.sqlite"
    if not empty.exists():
        ctx.mscreg("--db", str(empty), "init", "--empty")
    target = work / "target.sqlite"
    cpu: list[float] = []

    def run() -> float:
        _fresh(target)
        shutil.copyfile(empty, target)
        before = _children_cpu()
        done: list[subprocess.CompletedProcess[str]] = []
        t = elapsed(lambda: done.append(subprocess.run(
            [ctx.python, "-m", "mscreg.cli", "--db", str(target), "import", str(studies), "--json"],
            capture_output=True, text=True, env=ctx.env(), cwd=ROOT, timeout=600)))
        cpu.append(_children_cpu() - before)
        proc = done[0]
        if proc.returncode != 0:
            raise RuntimeError(f"mscreg import failed ({proc.returncode}): {proc.stderr.strip()}")
        created = json.loads(proc.stdout)["trials"]["created"]
        if created != n:
            raise RuntimeError(f"mscreg import created {created} trials, not {n}")
        return t

    value, runs = median_of(ctx, run)
    return value, runs, statistics.median(cpu[ctx.warmups:] or cpu)


if __name__ == "__main__":  # python -m benchmarks.trials_speed: the figures alone
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for f in measure(Context(Path(tmp), runs=3)):
            print(f"{f.what}: {f.value:.3g} {f.unit} (versus {f.versus_value}), target {f.target}, met {f.met}; "
                  f"{f.note}")
