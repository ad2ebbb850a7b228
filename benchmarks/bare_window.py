"""The floor for any PySide6 application: a QMainWindow with an empty QTableView, shown.

Prints the milliseconds from process start (Linux: /proc) to the window's first paint, measured the
same way as ``mscreg --quit-after-first-paint`` measures the app (``mscreg/ui/app.py``), then exits.
The clock is a copy of the app's, not an import of it: the floor must load nothing of mscreg.
"""

from __future__ import annotations

import os
import sys
import time


def _process_start() -> float:
    try:
        with open("/proc/self/stat") as fh:
            start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as fh:
            uptime = float(fh.read().split()[0])
        return time.time() - uptime + start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.time()


STARTED = _process_start()

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402  (after the clock is read)
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView  # noqa: E402


class _FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
            self.done = True
            print(f"{(time.time() - STARTED) * 1000:.0f}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QTableView(window))
    window.resize(1280, 820)  # the app's default size
    watcher = _FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
