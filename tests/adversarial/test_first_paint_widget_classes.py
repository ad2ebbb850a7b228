"""Before the list's first paint, PySide sets up only the widget classes the window uses.

The first time Python is handed a widget that Qt made as a plain QWidget (a scroll area's viewport, say),
PySide sets up every widget class it could be, with their enumerations (dialogs, wizards, graphics views,
MDI areas: about 10 ms here), which a bare window never pays.  The window's own views are given viewports
made in Python, so that happens after the paint, if at all.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support import probe_window

PROBE = """
import json, sys
from PySide6 import QtWidgets
from mscreg.ui.main_window import MainWindow
from mscreg.ui import app as app_module
first = []
original = MainWindow._show_snapshot
def spy(self, snapshot):
    original(self, snapshot)
    if not first:
        first.append(sorted(n for n in ('QWizard', 'QMdiArea', 'QGraphicsView', 'QCalendarWidget', 'QColorDialog')
                            if n in QtWidgets.__dict__))
        print(json.dumps(first[0]), flush=True)
MainWindow._show_snapshot = spy
sys.exit(app_module.run_app(db=sys.argv[1], quit_after_first_paint=True))
"""


def _classes_set_up_at_first_paint(db: Path, home: Path) -> list[str]:
    return probe_window(PROBE, db, {"HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"),
                                    "XDG_CONFIG_HOME": str(home / "config")}, opens="[")


def test_no_unused_widget_class_is_set_up_before_the_list_is_painted(seeded_db, tmp_path):
    assert _classes_set_up_at_first_paint(seeded_db, tmp_path / "home") == []


def test_the_probe_sees_a_widget_class_set_up_by_a_viewport_qt_made(tmp_path):
    """The check above can fail: a table whose viewport Qt made sets those classes up when asked for it."""
    script = ("from PySide6 import QtWidgets\nfrom PySide6.QtWidgets import QApplication, QTableView\n"
              "app = QApplication([])\nview = QTableView()\nbefore = 'QWizard' in QtWidgets.__dict__\n"
              "view.viewport()\nprint(before, 'QWizard' in QtWidgets.__dict__)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.split() == ["False", "True"], out.stdout + out.stderr
