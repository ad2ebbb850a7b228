"""Modules imported after PySide6 are not read back as source text on the way to the first paint.

PySide reads the source of every module imported after it, to find out whether the module names
PySide6 (for its optional per-module features, which mscreg never selects).  The window imports about
150 modules after PySide6 before its first paint; ``mscreg.ui`` replaces the scan by a lookup.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

PROBE = """
import inspect, json, sys
scanned = []
original = inspect.getsource
def counting(obj, *args, **kwargs):
    scanned.append(getattr(obj, "__name__", "?"))
    return original(obj, *args, **kwargs)
inspect.getsource = counting
WHAT
import mscreg.services.overview_cache, mscreg.domain.messages
import mscreg.ui.main_window, mscreg.ui.products_page
print(json.dumps(sorted(n for n in scanned if n.startswith("mscreg") and n != "mscreg.ui.pyside_import_scan")))
"""


def _scanned(setup: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", PROBE.replace("WHAT", setup)], capture_output=True, text=True,
                         timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_windows_modules_are_not_scanned():
    assert _scanned("import mscreg.ui") == []


def test_the_probe_sees_pyside_scan_a_module_imported_after_it():
    """Without the replacement PySide does scan them (here the modules imported before ``mscreg.ui``), so the
    check above can fail."""
    scanned = _scanned("import PySide6.QtCore")
    assert "mscreg.domain.messages" in scanned and "mscreg.domain.partial_date" in scanned


def test_the_replacement_finds_pysides_hook_in_this_release():
    """A PySide release without the hook would make the replacement a silent no-op: say so here."""
    out = subprocess.run([sys.executable, "-c", "import mscreg.ui, sys\nfrom mscreg.ui.pyside_import_scan import "
                          "skip_source_scan\nprint(skip_source_scan())"], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.split() == ["True"], out.stderr


def test_a_module_imported_after_pyside_still_gets_the_no_feature_default(tmp_path):
    """PySide keeps a per-module value; a module imported later gets the value a PySide user without a feature
    gets (0), so Qt classes behave in it exactly as before."""
    (tmp_path / "late_module.py").write_text("from PySide6.QtCore import QObject\nNAME = QObject.objectName\n")
    script = ("import sys, mscreg.ui\nsys.path.insert(0, sys.argv[1])\nimport late_module\n"
              "d = sys.modules['shibokensupport.feature'].pyside_feature_dict\n"
              "from PySide6.QtCore import QObject\no = QObject(); o.setObjectName('x')\n"
              "print(d.get('late_module'), o.objectName())\n")
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.split() == ["0", "x"], out.stderr
