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
from typing import cast

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from mscreg.services.object_churn import resume_after_start_up
from mscreg.ui.dialog_service import DialogService
from mscreg.ui.error_reporting import install_excepthook, log, setup_logging
from mscreg.ui.fonts import apply_to_application
from mscreg.ui.language import set_language
from mscreg.ui.main_window import MainWindow
from mscreg.ui.preferences import Settings
from mscreg.ui.products_page import paint_pending

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


_logging_started = False


def start_logging() -> None:
    """The log file, opened once the product list is on screen (its imports cost 8-18 ms, which the
    list's first paint need not wait for); a bug reported before that opens it first (see
    ``ErrorReporter.before_logging``).  Once per process."""
    global _logging_started
    if _logging_started:
        return
    _logging_started = True
    try:
        setup_logging()
    except OSError as exc:  # a read-only home must not stop the app; errors still reach the screen
        print(f"mscreg: cannot write the log file: {exc}", file=sys.stderr)
        return
    log.info("mscreg started")


def run_app(db: str | None = None, lang: str | None = None, quit_after_first_paint: bool = False,
            settings_path: str | None = None, startup_report: bool = False) -> int:
    """Show the window, open the database after its first paint, run until the window closes.

    ``startup_report`` (for the benchmarks) waits for the full read too and prints one JSON line instead
    of the single figure: ``painted_ms`` (the window's first paint, comparable to a bare window),
    ``listed_ms`` (the product list filled), ``complete_ms`` (the Deadlines page has every open clock
    and the search answers with its pinyin and past-holder keys: handed to the pages, from the saved
    list when it has them, else from the full read; ``complete_from_saved`` says which),
    ``full_ms`` (the full read shown: the selected product's details and editing follow it), the
    product count and the open clocks of the full read, and resident memory then (``rss_mb``,
    ``peak_rss_mb``).
    """
    started = _process_start()
    painted: dict[str, float | None] = {"ms": None}
    # instance() is typed as the core application; the one made or found here is a widget application
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationName("mscreg")
    app.setOrganizationName("mscreg")
    settings = Settings(settings_path)
    prefs = settings.preferences()
    from mscreg.domain.messages import user_language

    set_language(lang or prefs.language or user_language())
    # The bundled CJK font before any widget exists, in every language (Chinese menus need it for the
    # first paint, and product names in Chinese come with the first list).  Registering it costs about
    # 2 ms; set on the application after the first paint, it sent every widget a font change, and the
    # window was laid out and painted once more just as the list was being read.
    apply_to_application(app)
    dialogs = _ConsoleDialogs() if quit_after_first_paint else DialogService()
    window = MainWindow(settings, dialogs)
    install_excepthook(window.reporter)
    window.reporter.before_logging = start_logging
    window.db_explicit = bool(db)
    database = db or (None if os.environ.get("MSCREG_DB") else prefs.database or None)
    exit_code = {"value": 0}

    if quit_after_first_paint:
        listed = {"ms": 0.0}

        def report() -> None:
            if listed["ms"]:  # the list saved at the last read, then the full one: the first counts
                return
            # what the list changed around it, painted as the event loop would next (the list itself was
            # painted when shown): the moment the list is on screen with everything it changed
            paint_pending(window)
            listed["ms"] = (time.time() - started) * 1000
            if not startup_report:
                print(f"{listed['ms']:.0f}", flush=True)
                app.quit()

        complete: dict[str, float | int | bool] = {}

        def report_complete() -> None:
            window.repaint()
            now = (time.time() - started) * 1000
            snap = window.snapshot
            if "ms" not in complete:  # the first complete snapshot: the saved clocks and search, or the full read
                complete.update(ms=now, saved=bool(snap is not None and snap.quick))
            if snap is not None and not snap.quick and "full" not in complete:
                from mscreg.ui.deadline_notice import open_deadlines

                complete.update(full=now, deadlines=len(open_deadlines(snap.deadlines or ())))

        def report_all(*_args: object) -> None:
            """Once the full read's preparations are done (pinyin keys, editing): memory with everything
            loaded, and the list saved at close with its clocks and search keys, as a user's would be."""
            import json

            if "full" not in complete:
                return
            print(json.dumps({"painted_ms": round(painted["ms"] or listed["ms"]), "listed_ms": round(listed["ms"]),
                              "complete_ms": round(complete["ms"]), "complete_from_saved": complete["saved"],
                              "full_ms": round(complete["full"]), "products": window.model.rowCount(),
                              "deadlines": complete["deadlines"], **_memory_mb()}), flush=True)
            app.quit()

        if startup_report:
            window.snapshot_completed.connect(report_complete)
            window.session.prepared.connect(report_all)
            window.session.task_failed.connect(report_all)

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
        open_once()  # the loader starts now: the saved list it reads first does not wait for the log file
        QTimer.singleShot(1500, start_logging)  # a database that never shows a list still gets it

    window.first_painted.connect(first_paint)
    window.products_shown.connect(lambda: QTimer.singleShot(0, start_logging))
    # the collector paused for the start (mscreg.cli) resumes once the list is on screen, or the opening
    # failed, or after a few seconds whatever happens
    window.products_shown.connect(resume_after_start_up)
    window.open_failed.connect(resume_after_start_up)
    QTimer.singleShot(3000, resume_after_start_up)
    QTimer.singleShot(500, open_once)  # if a platform never sends the window a paint event
    window.show()
    code = app.exec()
    window.close_database()
    return exit_code["value"] or code
