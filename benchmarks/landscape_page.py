"""The Landscape page over 10,000 trials: a filter change to the page redrawn, in the real widget.

The page is built offscreen at 1280 × 800 and given 10,000 synthetic ClinicalTrials.gov studies
(``tests/fixtures/ctgov/synthetic_studies.py``, read through ``read_trial_file`` as an import reads them).
A redraw runs from the filter change (a word typed in the search box, a registry chosen, the filters
cleared) to the end of a synchronous repaint of the charts and of the tables: narrowing the records,
counting them, rebuilding the charts and the table items, painting.  Five changes per run, each timed.

The floor, in the same run and for the same five filters: ``inputs.filtered(filter).counts()`` alone,
the narrowing and counting a redraw cannot do without, with no widget at all.  The difference is what
drawing costs.  Target ≤ 200 ms (wall) per change.

With ``ctx.quick``, 1,000 trials.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.harness import Context, Figure

TARGET_MS = 200.0


def _application():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv[:1])


class _Dialogs:
    """The dialog service the page asks nothing of while it is only filtered."""

    def save_file(self, *_args: object) -> str:
        return ""

    def information(self, *_args: object) -> None:
        pass


def _trials(n: int) -> tuple:
    from benchmarks.trials_speed import _synthetic
    from mscreg.services.exchange.trial_files import read_trial_file

    return tuple(p.trial for p in read_trial_file(_synthetic().studies_json(n), "studies.json").trials)


def measure(ctx: Context) -> list[Figure]:
    from PySide6.QtCore import QSettings

    from mscreg.services.landscape_inputs import LandscapeFilter, LandscapeInputs
    from mscreg.ui.landscape_page import LandscapePage
    from mscreg.ui.workspace_session import WorkspaceSession

    n = 1_000 if ctx.quick else 10_000
    app = _application()
    inputs = LandscapeInputs(dt.date(2026, 1, 1), (), _trials(n))
    settings = QSettings(str(Path(ctx.workdir) / "landscape-settings.ini"), QSettings.Format.IniFormat)
    page = LandscapePage(WorkspaceSession(), _Dialogs(), settings)  # type: ignore[arg-type]
    page.resize(1280, 800)
    page.show()
    page.set_inputs(inputs)
    app.processEvents()
    if page.counts is None or page.counts.trials != n:
        raise RuntimeError("the landscape page did not count the trials it was given")
    ctgov = page.registry.findData("ctgov")
    changes: list[tuple[Callable[[], None], LandscapeFilter]] = [
        (lambda: page.search.setText("knee"), LandscapeFilter(text="knee")),
        (lambda: page.search.setText(""), LandscapeFilter()),
        (lambda: page.registry.setCurrentIndex(ctgov), LandscapeFilter(registry="ctgov")),
        (lambda: page.registry.setCurrentIndex(0), LandscapeFilter()),
        (page.reset_filter, LandscapeFilter()),
    ]
    redraw, redraw_cpu, floor, floor_cpu = [], [], [], []
    for i in range(ctx.warmups + ctx.runs):
        wall, cpu, alone, alone_cpu = [], [], [], []
        for change, flt in changes:
            app.processEvents()
            start, start_cpu = time.perf_counter(), time.process_time()
            change()
            page.charts.repaint()
            page.tree.viewport().repaint()
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            start, start_cpu = time.perf_counter(), time.process_time()
            inputs.filtered(flt).counts()
            alone.append((time.perf_counter() - start) * 1000)
            alone_cpu.append((time.process_time() - start_cpu) * 1000)
        if page.shown is None or len(page.shown.trials) != n:
            raise RuntimeError("the filters did not come back to every trial")
        if i >= ctx.warmups:
            redraw += wall
            redraw_cpu += cpu
            floor += alone
            floor_cpu += alone_cpu
    page.close()
    page.deleteLater()
    app.processEvents()
    worst = max(redraw)
    median = statistics.median(redraw)
    return [Figure(f"landscape page: filter change to the page redrawn, {n:,} trials", median, "ms",
                   "filter and count alone, no drawing", statistics.median(floor),
                   f"≤ {TARGET_MS:.0f} ms", median <= TARGET_MS, redraw,
                   f"slowest {worst:.0f} ms of {len(redraw)} changes; CPU median {statistics.median(redraw_cpu):.0f} "
                   f"ms (floor {statistics.median(floor_cpu):.0f} ms); search, registry, cleared filters")]


if __name__ == "__main__":  # python -m benchmarks.landscape_page: the figure alone
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for f in measure(Context(Path(tmp), runs=3)):
            print(f"{f.what}: {f.value:.3g} {f.unit} (versus {f.versus_value:.3g}), target {f.target}, met {f.met}; "
                  f"{f.note}")
