"""``mscreg changes`` as a user runs it: text, JSON, PDF, CSV and XLSX, and the inputs that must be refused."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import zipfile

import pytest
from support import mscreg, table_dump

SINCE, UNTIL = "2024-06-30", "2025-06-30"


@pytest.fixture
def db(seeded_template, tmp_path):
    target = tmp_path / "team.sqlite"
    shutil.copy(seeded_template, target)
    return target


def test_json_lists_each_change_with_its_date_precision_and_source(db):
    proc = mscreg("--db", str(db), "changes", "--since", SINCE, "--until", UNTIL, "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert (data["since"], data["until"]) == (SINCE, UNTIL)
    approvals = [c for c in data["changes"] if c["kind"] == "approval"]
    assert {(c["product"], c["jurisdiction"], c["date"]) for c in approvals} >= {
        ("Amimestrocel Injection", "CN", "2025-01-02"), ("Akuugo", "JP", "2024-07-31"), ("Ryoncil", "US", "2024-12-18")}
    assert all(c["source"] for c in approvals)


def test_the_chinese_text_report_names_products_in_chinese_with_chinese_punctuation(db):
    proc = mscreg("--db", str(db), "--lang", "zh_CN", "changes", "--since", SINCE, "--until", UNTIL)
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stdout.splitlines() if "艾米迈托赛注射液" in x and "获批" in x)
    assert "获批：艾米迈托赛注射液，" in line and "附条件批准（此前：" in line


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs poppler-utils (installed by .ci/run)")
def test_the_pdf_embeds_the_chinese_font_and_holds_the_headline_dates(db, tmp_path):
    out = tmp_path / "changes.pdf"
    proc = mscreg("--db", str(db), "--lang", "zh_CN", "changes", "--since", SINCE, "--until", UNTIL, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "NotoSansCJK" in fonts and " yes " in fonts
    words = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    for needed in ("2025-01-02", "2024-07-31", "2024-12-18", "艾米迈托赛注射液", "获批"):
        assert needed in words


def test_csv_and_xlsx_hold_the_changes_and_the_edits(db, tmp_path):
    out_csv, out_xlsx = tmp_path / "c.csv", tmp_path / "c.xlsx"
    for out in (out_csv, out_xlsx):
        proc = mscreg("--db", str(db), "changes", "--since", SINCE, "--until", UNTIL, "--out", str(out))
        assert proc.returncode == 0, proc.stderr
    rows = list(csv.reader(out_csv.open(encoding="utf-8-sig")))
    assert rows[0] == ["Country or region", "Change", "Date", "Product", "Indication", "What", "Source"]
    assert any(r[:4] == ["CN", "Approval", "2025-01-02", "Amimestrocel Injection"] for r in rows)
    with zipfile.ZipFile(out_xlsx) as z:
        book = z.read("xl/workbook.xml").decode()
    assert 'name="Changes"' in book and 'name="Data edits"' in book


@pytest.mark.parametrize("args, option", [
    (["--since", ""], "--since"),
    (["--since", "2025-13-01"], "--since"),
    (["--since", "2025-06"], "--since"),
    (["--since", "2025-01-01", "--until", "2024-01-01"], "--until"),
    (["--since", "2025-01-01", "--out", "report.doc"], "--out"),
])
def test_bad_input_is_refused_naming_the_option_and_changes_nothing(db, args, option):
    before = table_dump(db)
    proc = mscreg("--db", str(db), "changes", *args)
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert option in proc.stderr
    assert table_dump(db) == before


def test_the_report_is_never_written_over_the_database(db, tmp_path):
    before = table_dump(db)
    link = tmp_path / "report.pdf"
    link.symlink_to(db)
    for target in (str(link), str(db.with_suffix(".sqlite-wal"))):
        proc = mscreg("--db", str(db), "changes", "--since", SINCE, "--out", target)
        assert proc.returncode == 2, (target, proc.stdout, proc.stderr)
    assert table_dump(db) == before
    assert link.is_symlink() and link.resolve() == db.resolve()
