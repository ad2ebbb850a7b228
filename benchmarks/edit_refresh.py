"""An edit at 10,000 products: from saving a change to the list showing it, and memory after edits.

In a child process (so its memory is its own), the window is opened offscreen on the generated
10,000-product / 100,000-event database and left to finish loading.  Then, ``runs`` + ``warmups``
times, a product is renamed through the same service the product dialog saves with, the window is told
(as the edit controller tells it), and the time runs until the list holds the new name and the table
has repainted: the save, the re-read of what changed, its clocks and search keys, the list refilled.

The alternative is what the window did before, and still does for File → Reload: reading the whole
portfolio again, timed the same way in the same process, after the partial ones.  Resident memory
(``VmRSS``) is taken once loaded, after the edits, and after the full re-reads, with every event
loaded: the memory target, ≤ 400 MB, applies after edits too.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.harness import ROOT, Context, Figure

TARGET_MB = 400.0


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _wait(app, condition, what: str, limit: float = 300) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not happen in {limit:.0f} s")
        app.processEvents()
        time.sleep(0.001)


def child(db: str, workdir: str, edits: int) -> dict[str, list[float] | float]:
    """Runs in the child process: the measurements, as JSON-able numbers."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from mscreg.ui.dialog_service import DialogService
    from mscreg.ui.main_window import MainWindow
    from mscreg.ui.preferences import Settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(Settings(str(Path(workdir) / "edit-settings.ini")), DialogService())
    window.resize(1400, 900)
    window.show()
    window.open_database(db)
    _wait(app, lambda: window.snapshot is not None and window.snapshot.complete and not window.progress.isVisible(),
          "loading")
    window.install_extensions()
    app.processEvents()
    from mscreg.services import editing

    def names() -> set[str]:
        return {ov.product.name for ov in window.snapshot.overviews}

    def edit_shown(n: int, refresh) -> float:
        ov = window.snapshot.overviews[(n * 997) % len(window.snapshot.overviews)]
        new_name = f"{ov.product.name.split(' (edit')[0]} (edit {n})"
        start = time.perf_counter()
        editing.update_product(window.ws, ov.product.id, replace(editing.product_draft(ov.product), name=new_name),
                               reason="benchmark edit")
        refresh()
        _wait(app, lambda: new_name in names() and not window.session.working, "the edit shown")
        window.table.viewport().repaint()
        return (time.perf_counter() - start) * 1000

    loaded = _rss_mb()
    partial = [edit_shown(n, window.session.refresh_changed) for n in range(edits)]
    rss = _rss_mb()
    full = [edit_shown(edits + n, window.session.reload) for n in range(edits)]
    rss_full = _rss_mb()
    window.close()
    return {"partial_ms": partial, "full_ms": full, "loaded_mb": loaded, "rss_mb": rss, "rss_full_mb": rss_full}


def measure(ctx: Context) -> list[Figure]:
    products, per_product = (1_000, 10) if ctx.quick else (10_000, 10)
    db = ctx.demo_db(products, per_product)
    work = ctx.workdir / "edit"
    work.mkdir(parents=True, exist_ok=True)
    copy = work / "edited.sqlite"
    for p in work.glob("edited.sqlite*"):
        p.unlink()
    import shutil

    shutil.copyfile(db, copy)
    edits = ctx.runs + ctx.warmups
    code = (f"import json; from benchmarks.edit_refresh import child; "
            f"print(json.dumps(child({str(copy)!r}, {str(work)!r}, {edits})))")
    proc = subprocess.run([ctx.python, "-c", code], capture_output=True, text=True, env=ctx.env(), cwd=ROOT,
                          timeout=1800)
    if proc.returncode != 0:
        raise RuntimeError(f"edit benchmark failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    partial = out["partial_ms"][ctx.warmups:]
    full = out["full_ms"][ctx.warmups:]
    label = f"{products:,} products"
    return [
        Figure(what=f"edit saved → list shows it, {label}", value=statistics.median(partial), unit="ms",
               versus="re-reading the whole portfolio (File → Reload)", versus_value=statistics.median(full),
               target="", runs=partial,
               note="rename through the product service; changed product re-read via the audit trail"),
        Figure(what=f"memory after {edits} edit{'s' if edits != 1 else ''}, {label}", value=out["rss_mb"], unit="MB",
               target=f"≤ {TARGET_MB:g} MB", met=out["rss_mb"] <= TARGET_MB, runs=[out["rss_mb"]],
               note=(f"loaded {out['loaded_mb']:.0f} MB before the edits; after {edits} more shown by full "
                     f"re-reads {out['rss_full_mb']:.0f} MB")),
    ]
