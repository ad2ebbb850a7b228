"""The window paints first, then fills the product list from the database off the UI thread."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import Qt

from mscreg.ui.app import MainWindow, _Loader
from mscreg.ui.product_table_model import OBJECT_ROLE, ProductTableModel


def test_window_lists_seeded_products_with_states(qtbot, seeded_db, tmp_path):
    window = MainWindow("en")
    qtbot.addWidget(window)
    window.show()
    loader = _Loader(str(seeded_db), "en")
    loader.loaded.connect(window.show_products)
    with qtbot.waitSignal(window.products_shown, timeout=10_000):
        loader.run()
    model = window.model
    assert model.rowCount() == 20
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert "Alofisel" in names
    headers = [model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(model.columnCount())]
    eu = headers.index("EU")
    row = names.index("Alofisel")
    assert model.index(row, eu).data() == "Withdrawn at the holder's request"
    assert model.index(row, 0).data(OBJECT_ROLE).product.name == "Alofisel"
    assert "20 product" in window.status.text()
    window.grab().save(str(tmp_path / "main_window.png"))
    assert (tmp_path / "main_window.png").stat().st_size > 5000


def test_model_passes_qt_model_tester(qtmodeltester, workspace):
    from mscreg.services.tracker import product_overviews

    model = ProductTableModel("zh_CN")
    model.set_rows(product_overviews(workspace))
    qtmodeltester.check(model)


def test_quit_after_first_paint_reports_milliseconds(seeded_db):
    out = subprocess.run([sys.executable, "-m", "mscreg.cli", "--quit-after-first-paint", "--db", str(seeded_db)],
                         capture_output=True, text=True, timeout=60,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    assert 0 < int(out.stdout.strip().splitlines()[-1]) < 10_000
