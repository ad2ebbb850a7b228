"""A deadline due some day in a range is shown with its range in the "what changed" report.

Cartistem's IND went into effect in 2011 (the year only), so its 2025 annual report falls due some day
from 2025-03-02 to 2026-03-01.  The report of 2025 listed it as "2026-03-01 (possibly in the
period)": a date after the period, read as the due day.  The text, the CSV and the PDF now show
"2025-03-02..2026-03-01 (possibly in the period)".
"""

from __future__ import annotations

import csv
import shutil
import subprocess

import pytest
from support import mscreg

SHOWN = "2025-03-02..2026-03-01 (possibly in the period)"


@pytest.fixture
def db(seeded_template, tmp_path):
    target = tmp_path / "team.sqlite"
    shutil.copy(seeded_template, target)
    return target


def _run(db, *extra):
    proc = mscreg("--db", str(db), "changes", "--since", "2025-01-01", "--until", "2025-12-31", *extra)
    assert proc.returncode == 0, proc.stderr
    return proc


def test_the_text_shows_the_range_a_deadline_is_due_in(db):
    line = next(x for x in _run(db).stdout.splitlines() if "Cartistem" in x)
    assert line.strip().startswith(SHOWN), line


def test_the_csv_shows_the_range_a_deadline_is_due_in(db, tmp_path):
    out = tmp_path / "changes.csv"
    _run(db, "--out", str(out))
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.reader(f) if "Cartistem" in r]
    assert rows and rows[0][2] == SHOWN, rows


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (installed by .ci/run)")
def test_the_pdf_shows_the_range_a_deadline_is_due_in(db, tmp_path):
    out = tmp_path / "changes.pdf"
    _run(db, "--out", str(out))
    # the date column is narrow: the range may break after its dots
    letters = "".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                     check=True).stdout.split())
    assert "2025-03-02..2026-03-01" in letters
