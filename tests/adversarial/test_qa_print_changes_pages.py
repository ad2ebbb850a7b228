"""Every page of the printed "what changed" report says which page of how many it is and which period
it covers.

The report was printed by QTextDocument on its own, which numbered the pages with a bare "2" and put the
period on the first page only: a page taken from the pile at the portfolio meeting did not say what it
was.  Each page now has a footer with "page x of y" and the report's heading (the period), in the
reader's language.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from support import mscreg

SINCE, UNTIL = "2015-01-01", "2025-12-31"  # long enough for several pages of the shipped data


@pytest.fixture
def db(seeded_template, tmp_path):
    target = tmp_path / "team.sqlite"
    shutil.copy(seeded_template, target)
    return target


def _pages(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [page for page in text.split("\f") if page.strip()]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (installed by .ci/run)")
@pytest.mark.parametrize(("lang", "page", "heading"), [
    ("en", "Page {page} of {pages}", f"What changed after {SINCE} up to {UNTIL}"),
    ("zh_CN", "第 {page} 页，共 {pages} 页", f"{SINCE}之后至{UNTIL}的变化"),
])
def test_every_page_says_its_number_of_how_many_and_its_period(db, tmp_path, lang, page, heading):
    out = tmp_path / "changes.pdf"
    proc = mscreg("--db", str(db), "--lang", lang, "changes", "--since", SINCE, "--until", UNTIL, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    pages = _pages(out)
    assert len(pages) >= 3
    for number, text in enumerate(pages, 1):
        footer = [line for line in text.splitlines() if line.strip()][-1]
        assert page.format(page=number, pages=len(pages)) in footer, (number, footer)
        assert heading in footer, (number, footer)
