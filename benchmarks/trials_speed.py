"""Trials: reading 10,000 ClinicalTrials.gov studies, and the landscape counts over 10,000 trials.

- **Import parse**: ``read_trial_file`` on a ``{"studies": [...]}`` file of 10,000 synthetic studies
  (``tests/fixtures/ctgov/synthetic_studies.py``), then ``plan_trials`` against none held and again
  against all of them held (a re-import that changes nothing).  This is everything of an import except
  writing, which waits for the trial table in storage.  Floor: ``json.loads`` of the same bytes.
  Target ≤ 10 s (the whole import's budget).
- **Landscape**: every count of the landscape page (phase × status, registration year, country,
  condition, tissue) and the published figures paired with their counts, over the same 10,000 trials;
  what a filter change recomputes.  Target ≤ 200 ms.

With ``ctx.quick``, 1,000 studies.
"""

from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path
from types import ModuleType

from benchmarks.harness import ROOT, Context, Figure

TARGET_PARSE_S = 10.0
TARGET_LANDSCAPE_MS = 200.0


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
    return [
        Figure(f"read and plan {n:,} ClinicalTrials.gov studies (JSON, {size})", _median(parse), "s",
               "json.loads of the same file", _median(floor), f"≤ {TARGET_PARSE_S:.0f} s",
               _median(parse) <= TARGET_PARSE_S, parse,
               f"CPU {_median(parse_cpu):.2f} s; no writing: trials are not stored yet"),
        Figure(f"landscape counts and published figures, {n:,} trials", _median(landscape_ms), "ms",
               target=f"≤ {TARGET_LANDSCAPE_MS:.0f} ms", met=_median(landscape_ms) <= TARGET_LANDSCAPE_MS,
               runs=landscape_ms, note=f"CPU {_median(landscape_cpu):.0f} ms"),
    ]


if __name__ == "__main__":  # python -m benchmarks.trials_speed: the figures alone
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for f in measure(Context(Path(tmp), runs=3)):
            print(f"{f.what}: {f.value:.3g} {f.unit} (versus {f.versus_value}), target {f.target}, met {f.met}; "
                  f"{f.note}")
