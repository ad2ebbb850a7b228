"""Error floods: however many errors a file holds, a report lists the first 100 by place and counts the rest.

A 1.4-million-row workbook once printed 186 MB of errors and held every one of them in memory.  The
cap is the same for every format (CSV, XLSX, JSON) and every report (the command line's text and
JSON, the import window).  Also here: a header with one far cell no longer costs quadratic time.
"""

from __future__ import annotations

import json

import pytest
from adversarial.flood_support import EVENT_HEADER, cli, needs_cpu_timer, refusal

pytestmark = needs_cpu_timer


@pytest.fixture
def unchanged(workspace, seeded_db, dump):
    before = dump(seeded_db)
    yield
    assert dump(seeded_db) == before


def bad_csv(path, count: int):
    """A one-file CSV whose every row has an event type that does not exist (one error a row)."""
    lines = [",".join(EVENT_HEADER)] + [f"Floodcel,US,knee,clinical,not_a_type_{i},2024-01-02" for i in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_csv_with_thousands_of_bad_rows_lists_the_first_100(workspace, tmp_path, unchanged):
    exc = refusal(workspace, bad_csv(tmp_path / "bad.csv", 5_000), seconds=30)
    assert exc.issues.total == 5_000 and exc.not_listed == 4_900
    assert [i.row for i in exc.issues] == list(range(2, 102))  # the first ones by place, in order
    text = exc.message("en").splitlines()
    assert text[0] == "Import refused, nothing was written: 5000 errors." and len(text) == 102
    assert text[-1].startswith("file: 4900 more errors not listed; the report lists the first 100.")
    assert exc.message("zh_CN").splitlines()[-1].startswith("文件：另有 4900 个错误未列出")


def test_a_json_with_thousands_of_bad_events_lists_100(workspace, tmp_path, unchanged):
    events = [{"type": f"not_a_type_{i}", "date": "2024-01-02"} for i in range(3_000)]
    doc = {"format": "mscreg-export", "format_version": 1, "products": [
        {"name": "Floodcel", "tracks": [{"jurisdiction": "US", "indication": "knee", "pathway": "clinical",
                                         "events": events}]}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    exc = refusal(workspace, path, seconds=30)
    assert exc.issues.total == 3_000 and len(exc.issues) == 100


def test_the_first_100_by_place_are_kept_whatever_order_they_were_found_in():
    from mscreg.domain.errors import Problem
    from mscreg.services.exchange.records import Issue, IssueList

    issues = IssueList(Issue("f.xlsx", "events", r, "B", Problem("date", "x", "date.format"))
                       for r in range(5_000, 1, -1))  # found last row first
    assert [i.row for i in issues] == list(range(2, 102)) and issues.not_listed == 4_899
    assert IssueList(issues).total == 4_999  # a copy keeps the count


def test_a_csv_header_with_a_far_column_costs_no_quadratic_time(workspace, tmp_path, unchanged):
    path = tmp_path / "wide.csv"
    path.write_text(",".join(EVENT_HEADER) + "," * 60_000 + "x\n", encoding="utf-8")
    exc = refusal(workspace, path, seconds=10)
    assert exc.issues.total == 60_000 and len(exc.issues) == 100  # 59,999 empty header cells, and "x"


def test_the_command_line_json_report_counts_what_it_does_not_list(seeded_db, dump, tmp_path):
    before = dump(seeded_db)
    done = cli("import", str(bad_csv(tmp_path / "bad.csv", 250)), "--db", str(seeded_db), "--json")
    assert done.returncode == 2, done.stderr
    report = json.loads(done.stdout)
    assert len(report["errors"]) == 100 and report["errors_total"] == 250 and report["errors_not_listed"] == 150
    assert dump(seeded_db) == before


def test_the_command_line_text_report_says_how_many_more(seeded_db, tmp_path):
    done = cli("import", str(bad_csv(tmp_path / "bad.csv", 250)), "--db", str(seeded_db), lang="zh_CN")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert lines[0] == "导入被拒绝，未写入任何数据：发现 250 个错误。" and len(lines) == 102
    assert "另有 150 个错误未列出" in lines[-1]


def test_the_import_window_lists_100_and_says_how_many_more(qtbot, workspace, tmp_path):
    from mscreg.services.exchange.importing import plan_import
    from mscreg.ui.exchange_dialogs import ImportPreviewDialog

    path = bad_csv(tmp_path / "bad.csv", 250)
    for lang, words in (("en", "150 more errors not listed"), ("zh_CN", "另有 150 个错误未列出")):
        dialog = ImportPreviewDialog(plan_import(workspace, path), lang)
        qtbot.addWidget(dialog)
        assert dialog.model.rowCount() == 100
        assert "250" in dialog.summary.text() and words in dialog.summary.text()
        assert not dialog.import_button.isEnabled()
