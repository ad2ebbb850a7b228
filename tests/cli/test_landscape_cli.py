"""``mscreg landscape`` and ``mscreg figures`` as a user runs them: the published figures beside the counts
from the database in CSV, XLSX, PDF and PNG, and the outputs that must be refused."""

from __future__ import annotations

import csv
import html
import json
import shutil
import subprocess
import zipfile

import pytest
from support import mscreg, table_dump


@pytest.fixture
def db(seeded_template, tmp_path):
    target = tmp_path / "team.sqlite"
    shutil.copy(seeded_template, target)
    return target


def _block(rows: list[list[str]], title: str) -> list[list[str]]:
    start = next(i for i, r in enumerate(rows) if r and r[0].startswith(title))
    end = next((i for i in range(start, len(rows)) if not rows[i]), len(rows))
    return rows[start:end]


def test_the_csv_holds_the_cde_acceptances_by_year_beside_the_database_count(db, tmp_path):
    out = tmp_path / "landscape.csv"
    proc = mscreg("--db", str(db), "landscape", "--as-of", "2025-08-13", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    with open(out, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    block = _block(rows, "CDE clinical-trial applications accepted, by year and tissue source")
    header = block[1]
    published, computed = header.index("accepted (published)"), header.index("accepted (in this database)")
    by_year = {r[0]: (r[published], r[computed]) for r in block[2:]}
    assert [by_year[str(y)][0] for y in range(2018, 2025)] == ["5", "5", "5", "9", "19", "27", "19"]
    assert by_year["Total"][0] == "112"
    # the database's own count stands beside every published number, never left blank
    assert all(v[1].isdigit() for v in by_year.values())
    # the computed tables follow the figures
    assert any(r and r[0] == "Marketing approvals by year of first approval and country" for r in rows)


def test_the_xlsx_has_a_sheet_of_figures_and_one_of_counts_in_chinese(db, tmp_path):
    out = tmp_path / "landscape.xlsx"
    proc = mscreg("--db", str(db), "--lang", "zh_CN", "landscape", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "已写入" in proc.stdout
    with zipfile.ZipFile(out) as z:
        workbook = z.read("xl/workbook.xml").decode()
        shared = z.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in z.namelist() else ""
        sheets = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "已发表数据" in workbook and "计数" in workbook
    # openpyxl writes non-ASCII as character references when lxml is installed: compare the decoded text
    assert "CDE 受理" in html.unescape(shared + sheets)
    from openpyxl import load_workbook

    rows = list(load_workbook(out, read_only=True)["已发表数据"].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r and r[0] and str(r[0]).startswith("CDE 受理"))
    total = next(r for r in rows[start:] if r and r[0] == "合计")
    assert total[1] == 112  # a number a spreadsheet can sum and chart, not text
    assert next(r for r in rows[start:] if r and r[0] == "2018")[1] == 5


def test_the_pdf_draws_charts_with_the_cjk_font_embedded(db, tmp_path):
    out = tmp_path / "landscape.pdf"
    proc = mscreg("--db", str(db), "--lang", "zh_CN", "landscape", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line or "NotoSans" in line]
    assert cjk and all(" yes " in line for line in cjk), fonts
    body = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "已发表数据与本数据库对照" in body and "截至" in body and "打印于" in body


def test_the_png_is_one_image(db, tmp_path):
    out = tmp_path / "landscape.png"
    proc = mscreg("--db", str(db), "landscape", "--out", str(out), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["file"] == str(out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("suffix", ["csv", "xlsx", "pdf", "png"])
@pytest.mark.parametrize("how", ["symlink", "hardlink"])
def test_an_output_onto_the_database_is_refused_and_changes_nothing(db, suffix, how):
    before, raw = table_dump(db), db.read_bytes()
    alias = db.parent / f"alias.{suffix}"
    alias.symlink_to(db) if how == "symlink" else alias.hardlink_to(db)
    proc = mscreg("--db", str(db), "landscape", "--out", str(alias))
    assert proc.returncode == 2
    assert "database" in proc.stderr and str(alias) in proc.stderr
    assert table_dump(db) == before and db.read_bytes() == raw
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(".")) == []  # no temporary left


@pytest.mark.parametrize("out", ["landscape.txt", "landscape", "landscape.pdf.bak"])
def test_a_bad_out_suffix_exits_2_naming_the_formats(db, tmp_path, out):
    proc = mscreg("--db", str(db), "landscape", "--out", str(tmp_path / out))
    assert proc.returncode == 2
    assert "FILE.pdf, FILE.png, FILE.csv or FILE.xlsx" in proc.stderr
    assert not list(tmp_path.glob("landscape*"))


def test_figures_lists_title_source_query_as_of_and_table(db):
    proc = mscreg("--db", str(db), "figures", "--json")
    assert proc.returncode == 0, proc.stderr
    figures = {f["key"]: f for f in json.loads(proc.stdout)}
    cde = figures["cde_acceptances_by_year_tissue"]
    assert cde["as_of"] == "2025-08-13" and "间充质" in cde["query"]
    assert cde["source"]["citation"] == "Gong & Han 2025, Table 3"
    total = next(r for r in cde["rows"] if r["key"] == "total")
    assert total["values"][0] == 112
    text = mscreg("--db", str(db), "--lang", "zh_CN", "figures").stdout
    assert "CDE 受理的间充质干细胞临床试验申请" in text and "截至 2025-08-13" in text
