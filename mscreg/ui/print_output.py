"""Writing timelines to files from a process that may have no window: the QGuiApplication it needs.

QPdfWriter, QImage painting and font registration need a QGuiApplication; the command line creates
one on demand (offscreen when there is no display), so ``mscreg timeline`` runs on a server or in CI.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mscreg.domain.timeline_layout import TimelineLayout
from mscreg.ui.timeline_pages import PageOptions, export_pdf, export_png


def ensure_gui_application() -> None:
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and sys.platform.startswith(
                "linux"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QGuiApplication(sys.argv[:1])


def write_timeline(layout: TimelineLayout, out: str, options: PageOptions, suffix: str) -> tuple[list[Path], int]:
    """Write ``layout`` as PDF (one file) or PNG (one file per page); returns (files, page count)."""
    ensure_gui_application()
    if suffix == ".pdf":
        pages = export_pdf(layout, out, options)
        return [Path(out)], pages
    files = export_png(layout, out, options)
    return files, len(files)
