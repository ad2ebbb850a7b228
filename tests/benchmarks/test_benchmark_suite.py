"""The benchmark suite itself runs from a clone and prints every figure it promises.

``python -m benchmarks --quick`` uses small data (1,000 products, 200 timeline lanes, a 10,000-event
import), so this checks that the suite works, not that the targets are met: those are measured on the
full data by ``./scripts/bench.sh`` and recorded in docs/performance.md.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow

EXPECTED = [
    "bare PySide6 window painted",
    "start-up, seeded database (20 products, 80 events): window painted",
    "start-up, 1,000 products / 10,000 events: window painted",
    "start-up, 1,000 products / 10,000 events: product list filled",
    "memory, app with 1,000 products / 10,000 events loaded",
    "search as you type, 1,000 products: keystroke → table repainted",
    "edit saved → list shows it, 1,000 products",
    "memory after 1 edit, 1,000 products",
    "timeline pan frame",
    "timeline zoom frame",
    "tiled A4 PDF",
    "one-page approvals PDF",
    "import 10,000-event CSV",
    "audited import floor in Python, 10,000 events",
    "the same floor with one audit row per 1,000 records",
    "ClinicalTrials.gov studies (JSON",
    "mscreg import of 1,000 ClinicalTrials.gov studies",
    "landscape counts and published figures",
]


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="the sqlite3 shell (apt-get install sqlite3) is the "
                                                            "import benchmark's floor; .ci/run installs it")
def test_the_quick_suite_prints_every_figure_with_its_alternative_and_target(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MSCREG_")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    out = tmp_path / "figures.json"
    proc = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--runs", "1", "--warmups", "0",
                           "--workdir", str(tmp_path / "work"), "--json", str(out)],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)
    assert proc.returncode in (0, 1), proc.stderr[-3000:]  # 1: a target missed on the small data, not a failure
    text = proc.stdout
    assert re.search(r"cores \d+; cpu .*; python 3\.\d+\.\d+; pyside6 6\.\d+.*; sqlite 3\.\d+", text), text[:500]
    for what in EXPECTED:
        assert what in text, f"{what!r} missing from:\n{text}"
    assert re.search(r"\d+ of \d+ targets met", text)
    figures = json.loads(out.read_text(encoding="utf-8"))["figures"]
    assert all(f["value"] > 0 and f["runs"] for f in figures if not f["what"].startswith("bare"))
    ratios = [f for f in figures if f["versus_value"]]
    assert len(ratios) >= 6  # every figure that has an alternative was measured beside it
