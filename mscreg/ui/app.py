"""Starting the desktop application: paint first, then open the database off the UI thread.

A bare window paints ~230 ms after the process starts on this machine; importing SQLModel/SQLAlchemy
first makes that ~1,070 ms.  So nothing here or in the window's modules imports the database layer:
the window is shown, and once it has painted, a worker thread opens the workspace and reads the
products, and the list fills when they arrive.  ``--quit-after-first-paint`` measures exactly that:
the milliseconds from process start until the window has painted with the product list filled.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from mscreg.ui.dialog_service import DialogService
from mscreg.ui.error_reporting import install_excepthook, log, setup_logging
from mscreg.ui.fonts import apply_to_application
from mscreg.ui.language import set_language
from mscreg.ui.main_window import MainWindow
from mscreg.ui.preferences import Settings

QUIT_FAILED = 6  # the exit code of "database unusable" on the command line


def _process_start() -> float:
    """Seconds since the epoch at which this process started (Linux: /proc; elsewhere: now)."""
    try:
        with open("/proc/self/stat") as fh:
            start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as fh:
            uptime = float(fh.read().split()[0])
        return time.time() - uptime + start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.time()


def _memory_mb() -> dict[str, float]:
    """Resident memory now and at its peak (Linux /proc; empty elsewhere), in MB."""
    out: dict[str, float] = {}
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    out["rss_mb" if key == "VmRSS" else "peak_rss_mb"] = round(int(value.split()[0]) / 1024, 1)
    except (OSError, ValueError):
        pass
    return out


class _ConsoleDialogs(DialogService):
    """For ``--quit-after-first-paint``: a measurement must never wait on a modal dialog."""

    def error(self, parent, title: str, text: str, details: str = "") -> None:
        print(f"{title}: {text}", file=sys.stderr)

    def information(self, parent, title: str, text: str) -> None:
        print(f"{title}: {text}", file=sys.stderr)


def start_logging() -> None:
    """The log file, opened once the window is on screen (its imports cost ~8 ms before the paint)."""
    try:
        setup_logging()
    except OSError as exc:  # a read-only home must not stop the app; errors still reach the screen
        print(f"mscreg: cannot write the log file: {exc}", file=sys.stderr)
        return
    log.info("mscreg started")


def run_app(db: str | None = None, lang: str | None = None, quit_after_first_paint: bool = False,
            settings_path: str | None = None, startup_report: bool = False) -> int:
    """Show the window, open the database after its first paint, run until the window closes.

    ``startup_report`` (for the benchmarks) waits for the clocks too and prints one JSON line instead of
    the single figure: ``painted_ms`` (the window's first paint, comparable to a bare window),
    ``listed_ms`` (the product list filled), ``complete_ms`` (deadlines and search keys in), the
    product and deadline counts, and resident memory then (``rss_mb``, ``peak_rss_mb``).
    """
    started = _process_start()
    painted = {"ms": None}
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("mscreg")
    app.setOrganizationName("mscreg")
    settings = Settings(settings_path)
    prefs = settings.preferences()
    from mscreg.domain.messages import user_language

    set_language(lang or prefs.language or user_language())
    from mscreg.ui.language import is_chinese

    fonts_applied = is_chinese()
    if fonts_applied:  # Chinese menus need the bundled CJK font for the first paint already
        apply_to_application(app)
    dialogs = _ConsoleDialogs() if quit_after_first_paint else DialogService()
    window = MainWindow(settings, dialogs)
    install_excepthook(window.reporter)
    window.db_explicit = bool(db)
    database = db or (None if os.environ.get("MSCREG_DB") else prefs.database or None)
    exit_code = {"value": 0}

    if quit_after_first_paint:
        listed = {"ms": 0.0}

        def report() -> None:
            if listed["ms"]:  # the list saved at the last read, then the full one: the first counts
                return
            window.repaint()
            listed["ms"] = (time.time() - started) * 1000
            if not startup_report:
                print(f"{listed['ms']:.0f}", flush=True)
                app.quit()

        def report_all() -> None:
            import json

            window.repaint()
            complete = (time.time() - started) * 1000
            print(json.dumps({"painted_ms": round(painted["ms"] or listed["ms"]), "listed_ms": round(listed["ms"]),
                              "complete_ms": round(complete), "products": window.model.rowCount(),
                              "deadlines": len(window.snapshot.deadlines or ()) if window.snapshot else 0,
                              **_memory_mb()}), flush=True)
            app.quit()

        if startup_report:
            window.snapshot_completed.connect(report_all)

        def fail(*_args: object) -> None:
            exit_code["value"] = QUIT_FAILED
            app.quit()

        window.products_shown.connect(report)
        window.open_failed.connect(fail)

    opened = {"done": False}

    def open_once() -> None:
        if not opened["done"]:
            opened["done"] = True
            window.open_database(database)

    def first_paint() -> None:
        painted["ms"] = (time.time() - started) * 1000
        if not fonts_applied:  # English chrome painted; product names (Chinese too) arrive after this
            apply_to_application(app)
        open_once()  # the loader starts now: the saved list it reads first does not wait for the log file
        start_logging()

    window.first_painted.connect(first_paint)
    QTimer.singleShot(500, open_once)  # if a platform never sends the window a paint event
    window.show()
    code = app.exec()
    window.close_database()
    return exit_code["value"] or code
