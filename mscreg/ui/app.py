"""Starting the desktop application: paint first, then open the database off the UI thread.

Importing SQLAlchemy and running migrations costs about a second on this machine (design.md), so the
window is shown before any of it is imported; a worker thread opens the workspace and reads the
product overviews, and the table fills when they arrive.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTableView

from mscreg.ui.product_table_model import ProductTableModel


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


class _Loader(QObject):
    loaded = Signal(object, str)
    failed = Signal(str)

    def __init__(self, db: str | None, lang: str) -> None:
        super().__init__()
        self._db = db
        self._lang = lang

    def run(self) -> None:
        try:
            from mscreg.services.tracker import product_overviews
            from mscreg.services.workspace import open_workspace

            ws = open_workspace(self._db)
            try:
                rows = product_overviews(ws)
                name = ws.name
            finally:
                ws.close()
            self.loaded.emit(rows, name)
        except Exception as exc:  # shown to the user; the app keeps running
            from mscreg.domain.errors import MscregError

            self.failed.emit(exc.message(self._lang) if isinstance(exc, MscregError) else repr(exc))


class MainWindow(QMainWindow):
    products_shown = Signal()

    def __init__(self, lang: str = "en") -> None:
        super().__init__()
        self.setWindowTitle("mscreg")
        self.resize(1100, 640)
        self.model = ProductTableModel(lang, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Products"))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.setCentralWidget(self.table)
        self.status = QLabel(self.tr("Opening the database…"))
        self.statusBar().addWidget(self.status)

    def show_products(self, rows: list, name: str) -> None:
        self.model.set_rows(rows)
        for column, width in enumerate((260, 170, 260)):
            self.table.setColumnWidth(column, width)
        self.status.setText(self.tr("%n product(s)", "", len(rows)) + " — " + name)
        self.products_shown.emit()

    def show_failure(self, message: str) -> None:
        self.status.setText(message)


def run_app(db: str | None = None, lang: str = "en", quit_after_first_paint: bool = False) -> int:
    started = _process_start()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("mscreg")
    window = MainWindow(lang)
    window.show()

    thread = QThread()
    loader = _Loader(db, lang)
    loader.moveToThread(thread)
    thread.started.connect(loader.run)
    loader.loaded.connect(window.show_products)
    loader.failed.connect(window.show_failure)
    loader.loaded.connect(thread.quit)
    loader.failed.connect(thread.quit)
    exit_code = {"value": 0}

    if quit_after_first_paint:
        def report() -> None:
            window.repaint()
            print(f"{(time.time() - started) * 1000:.0f}")
            app.quit()

        def fail(message: str) -> None:
            print(message, file=sys.stderr)
            exit_code["value"] = 6
            app.quit()

        window.products_shown.connect(report)
        loader.failed.connect(fail)

    QTimer.singleShot(0, thread.start)  # after the first paint
    code = app.exec()
    thread.quit()
    thread.wait()
    return exit_code["value"] or code
