"""Timeline speed at portfolio scale: screen frames, first paint, tiled and one-page PDFs.

Runs in-process (one QApplication, offscreen), independent of the other benchmark modules.

- **Frames**: a country timeline of 2,000 lanes × 50 events (about 100,000 events, every date
  precision, synthetic: ``tests/synthetic_tracks.portfolio_logs``) shown in a 1400×900 view zoomed
  to a third of its span and scrolled to the middle.  A pan frame is a pan by a tenth of the window
  plus a synchronous ``viewport().repaint()``; a zoom frame is a zoom step (in, then out, by 1.25)
  plus the repaint.  Each sample is the median of ``FRAMES`` frames; the figure is the median of the
  samples.  Every pan lands on a window not seen before (the pans walk right), so no frame is
  served from the placement cache of an earlier identical window.
- **First paint**: ``set_layout`` of that layout (measuring 2,000 lanes) plus the first repaint;
  the layout itself is computed off the UI thread by the timeline panel and is not included.
- **Tiled PDF**: the same layout on A4 landscape, tiled (``export_pdf``): reading done, file written.
- **One-page approvals PDF**: the world approvals view of the seeded database (``mscreg init``),
  from opening the workspace and reading the data to the file written, after one warm-up.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType

from benchmarks.harness import ROOT, Context, Figure, median_of

AS_OF = dt.date(2026, 11, 21)
EVENTS_PER_LANE = 50
FRAMES = 30
FRAME_BUDGET_MS = 16.7


def _synthetic() -> ModuleType:
    """tests/synthetic_tracks.py, loaded by path (the tests folder is not a package)."""
    spec = importlib.util.spec_from_file_location("mscreg_synthetic_tracks", ROOT / "tests" / "synthetic_tracks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _application():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv[:1])


_CPU_MS: list[float] = []  # CPU time of the same frames: what the frame costs when the cores are shared


def _frame_ms(view, step) -> float:
    start, cpu = time.perf_counter(), time.process_time()
    step()
    view.viewport().repaint()
    _CPU_MS.append((time.process_time() - cpu) * 1000)
    return (time.perf_counter() - start) * 1000


def measure(ctx: Context) -> list[Figure]:
    app = _application()
    from mscreg.domain.timeline_layout import country_layout
    from mscreg.ui.timeline_view import TimelineView

    lanes = 200 if ctx.quick else 2000
    logs = _synthetic().portfolio_logs(lanes, EVENTS_PER_LANE)
    layout = country_layout("CN", logs, AS_OF)
    events = sum(len(lane.events) + len(lane.undated) for lane in layout.lanes)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    figures: list[Figure] = []

    # ---------------------------------------------------------------- first paint
    view = TimelineView()
    view.resize(1400, 900)
    view.show()
    app.processEvents()

    def first_paint() -> float:
        view.set_layout(None)
        start = time.perf_counter()
        view.set_layout(layout)
        view.viewport().repaint()
        return (time.perf_counter() - start) * 1000

    value, runs = median_of(ctx, first_paint)
    figures.append(Figure(f"timeline first paint, {lanes} lanes / {events:,} events", value, "ms", runs=runs,
                          note="set_layout (measure every lane) + first repaint; the layout is built off the UI "
                               "thread"))

    # ---------------------------------------------------------------- frames
    view.zoom(3)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    view.viewport().repaint()

    def pan_sample() -> float:
        view.zoom(1.0)  # snap into range
        start, _end = view.time_window or (layout.start, layout.end)
        if start > layout.start + dt.timedelta(days=365 * 12):
            view.pan(-(start - layout.start).days)  # back to the left edge: the walk starts again
        return statistics.median(_frame_ms(view, lambda: view._pan_fraction(0.1)) for _ in range(FRAMES))

    def zoom_sample() -> float:
        samples = []
        for i in range(FRAMES):
            factor = 1.25 if i % 2 == 0 else 1 / 1.25
            samples.append(_frame_ms(view, lambda f=factor: view.zoom(f)))
        return statistics.median(samples)

    note = f"1400×900 view, window 1/3 of {layout.start.year}–{layout.end.year}; load average {load:.1f} on " \
           f"{os.cpu_count()} cores"
    for what, sample in (("pan", pan_sample), ("zoom", zoom_sample)):
        _CPU_MS.clear()
        value, runs = median_of(ctx, sample)
        cpu = statistics.median(_CPU_MS)
        figures.append(Figure(f"timeline {what} frame, {lanes} lanes / {events:,} events", value, "ms",
                              versus="frame budget 60 Hz", versus_value=FRAME_BUDGET_MS, target="≤ 16.7 ms",
                              met=value <= FRAME_BUDGET_MS, runs=runs,
                              note=f"{note}; CPU {cpu:.1f} ms a frame"))
    view.close()
    view.deleteLater()
    app.processEvents()

    # ---------------------------------------------------------------- tiled PDF
    from mscreg.ui.timeline_pages import PageOptions, export_pdf

    out = ctx.workdir / "timeline-tiled.pdf"
    pages: list[int] = []

    def tiled() -> float:
        start = time.perf_counter()
        pages.append(export_pdf(layout, out, PageOptions("A4", True, "tile")))
        return time.perf_counter() - start

    saved_warmups = ctx.warmups
    ctx.warmups = 0  # a ten-second export warms itself up; one run less keeps the suite short
    try:
        value, runs = median_of(ctx, tiled) if ctx.runs <= 3 else _few(ctx, tiled, 3)
    finally:
        ctx.warmups = saved_warmups
    size = out.stat().st_size / 1e6
    figures.append(Figure(f"tiled A4 PDF, {lanes} lanes / {events:,} events", value, "s", target="≤ 10 s",
                          met=value <= 10.0, runs=runs,
                          note=f"{pages[-1]} pages, {size:.1f} MB; progress per page (CLI: stderr, app: dialog "
                               f"with Cancel)"))

    # ---------------------------------------------------------------- one-page approvals PDF
    db = ctx.seeded_db()
    out1 = ctx.workdir / "approvals.pdf"

    def approvals() -> float:
        from mscreg.services import timeline_data
        from mscreg.services.workspace import open_workspace

        start = time.perf_counter()
        with open_workspace(str(db)) as ws:
            one = timeline_data.approvals_timeline(ws, AS_OF, "en")
        export_pdf(one, out1, PageOptions("A4", True, "page", database=db.name))
        return time.perf_counter() - start

    value, runs = median_of(ctx, approvals)
    figures.append(Figure("one-page approvals PDF (seeded database)", value, "s", target="≤ 0.5 s",
                          met=value <= 0.5, runs=runs, note="read the database + lay out + write the PDF, "
                                                            "in-process after a warm-up"))
    return figures


def _few(ctx: Context, run, count: int) -> tuple[float, list[float]]:
    runs = [run() for _ in range(count)]
    return statistics.median(runs), runs


__all__ = ["measure"]

if __name__ == "__main__":  # python -m benchmarks.timeline_speed [--quick]
    import tempfile

    context = Context(Path(tempfile.mkdtemp(prefix="mscreg-bench-")), runs=3, quick="--quick" in sys.argv)
    for figure in measure(context):
        print(figure)
