"""Writing timelines to files from a process that may have no window: the QGuiApplication it needs.

QPdfWriter, QImage painting and font registration need a QGuiApplication; the command line creates
one on demand (offscreen when there is no display), so ``mscreg timeline`` runs on a server or in CI.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mscreg.domain import messages
from mscreg.domain.timeline_layout import TimelineLayout
from mscreg.ui.timeline_pages import PageOptions, Progress, export_pdf, export_png, export_pptx, export_svg


def ensure_gui_application() -> None:
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and sys.platform.startswith(
                "linux"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QGuiApplication(sys.argv[:1])


def write_timeline(layout: TimelineLayout, out: str, options: PageOptions, suffix: str,
                   progress: Progress | None = None, *, database: Path | None = None) -> tuple[list[Path], int]:
    """Write ``layout`` as PDF (one file) or PNG (one file per page); returns (files, page count).

    ``database`` is the SQLite file the timeline was read from, which the output must never replace.
    """
    ensure_gui_application()
    if suffix == ".pdf":
        pages = export_pdf(layout, out, options, progress, database=database)
        return [Path(out)], pages
    if suffix == ".svg":
        files = export_svg(layout, out, options, progress, database=database)
        return files, len(files)
    if suffix == ".pptx":
        from mscreg.ui.timeline_pages import TimelineDocument  # noqa: F401  (Qt loaded before the deck)

        files = export_pptx(layout, out, options, progress, database=database)
        return files, _slide_count(files[0])
    files = export_png(layout, out, options, progress=progress, database=database)
    return files, len(files)


class StderrProgress:
    """Page progress of a long export on stderr (the command line): a line every tenth of the job,
    or one line rewritten in place on a terminal.  Short jobs (under ``min_pages``) say nothing."""

    def __init__(self, chinese: bool, stream=None, min_pages: int = 20) -> None:
        self.chinese = chinese
        self.stream = stream if stream is not None else sys.stderr
        self.min_pages = min_pages
        self._last = -1

    def __call__(self, done: int, total: int) -> bool:
        if total < self.min_pages:
            return True
        tty = getattr(self.stream, "isatty", lambda: False)()
        step = max(1, total // (100 if tty else 10))
        if done == total or done // step != self._last:
            self._last = done // step
            text = messages.text("timeline.cli.progress", "zh" if self.chinese else "en", done=done, total=total)
            self.stream.write(("\r" + text + ("\n" if done == total else "")) if tty else text + "\n")
            self.stream.flush()
        return True


def _slide_count(path: Path) -> int:
    from pptx import Presentation

    return len(Presentation(str(path)).slides)
