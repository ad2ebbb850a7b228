"""A file with fewer columns (or JSON keys) leaves the fields it does not name as they are.

A column or key that is absent keeps the recorded value; a column that is present with an empty
cell (or a JSON null) clears it.  Products (and their aliases), tracks and events, in CSV, XLSX and
JSON.  ``--dry-run`` lists each field a row would change, old -> new.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mscreg.services.exchange.exporting import export_database
from mscreg.services.exchange.importing import import_file
from mscreg.services.exchange.records import ImportRefused
from mscreg.services.exchange.table_layout import EVENTS_FLAT
from mscreg.services.tracker import find_product, list_events

KEYS = ["product", "jurisdiction", "indication", "pathway", "type", "date", "reference"]
OPTIONAL = [c for c in EVENTS_FLAT.columns if c not in EVENTS_FLAT.required]


def exported(ws, tmp_path: Path) -> tuple[list[str], list[list[str]]]:
    out = tmp_path / "all.csv"
    export_database(ws, "csv", out)
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    return rows[0], rows[1:]


def write_columns(path: Path, header: list[str], body: list[list[str]], columns: list[str]) -> Path:
    picks = [header.index(c) for c in columns]
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(columns)
        w.writerows([[r[i] for i in picks] for r in body])
    return path


def test_the_key_columns_alone_change_nothing(workspace, seeded_db, dump, tmp_path):
    """The report's case: product, jurisdiction, indication, pathway, type, date, reference."""
    header, body = exported(workspace, tmp_path)
    path = write_columns(tmp_path / "keys.csv", header, body, KEYS)
    before = dump(seeded_db)
    plan = import_file(workspace, path, dry_run=True)
    assert plan.counts()["events"] == {"created": 0, "changed": 0, "unchanged": 80}
    assert plan.counts()["products"] == {"created": 0, "changed": 0, "unchanged": 20}
    import_file(workspace, path)
    assert dump(seeded_db) == before


@pytest.mark.parametrize("left_out", [*OPTIONAL, "all but the required"])
def test_each_left_out_column_keeps_its_field(workspace, seeded_db, dump, tmp_path, left_out):
    header, body = exported(workspace, tmp_path)
    columns = list(EVENTS_FLAT.required) if left_out == "all but the required" else \
        [c for c in header if c != left_out]
    path = write_columns(tmp_path / "less.csv", header, body, columns)
    before = dump(seeded_db)
    plan = import_file(workspace, path)
    assert not plan.changes_anything, plan.change_lines()
    assert dump(seeded_db) == before


def test_a_present_empty_cell_clears_only_its_field(workspace, tmp_path):
    header, body = exported(workspace, tmp_path)
    row = next(r for r in body if r[header.index("reference")] == "EMEA/H/C/004258")
    row[header.index("agency")] = ""
    path = write_columns(tmp_path / "agency.csv", header, body, [*KEYS, "agency"])
    plan = import_file(workspace, path)
    assert [c.fields for c in plan.changed_events] == [("agency",)]
    (alofisel,) = [v.event for v in list_events(workspace, product="Alofisel")
                   if v.event.reference == "EMEA/H/C/004258"]
    assert alofisel.agency == "" and alofisel.source and alofisel.note


def test_without_a_reference_column_an_event_is_found_by_type_and_date(workspace, tmp_path):
    header, body = exported(workspace, tmp_path)
    columns = [c for c in KEYS if c != "reference"] + ["note"]
    row = next(r for r in body if r[header.index("reference")] == "EMEA/H/C/004258")
    row[header.index("note")] = "checked again"
    plan = import_file(workspace, write_columns(tmp_path / "noref.csv", header, body, columns))
    assert [(c.before.reference, c.fields) for c in plan.changed_events] == [("EMEA/H/C/004258", ("note",))]
    assert plan.counts()["events"]["unchanged"] == 79


def test_an_approximate_date_stays_approximate_without_the_column(workspace, tmp_path):
    header, body = exported(workspace, tmp_path)
    approx = [r for r in body if r[header.index("approximate")] == "true"]
    assert approx  # the data set has one (Akuugo's filing, "more than 2 years 4 months" before approval)
    plain = next(r for r in body if r[header.index("approximate")] == "false" and r[header.index("date")])
    plain[header.index("date")] = "≈" + plain[header.index("date")]  # the marker in the cell still counts
    plan = import_file(workspace, write_columns(tmp_path / "approx.csv", header, body, KEYS))
    assert [c.fields for c in plan.changed_events] == [("approximate",)]


def test_products_and_aliases_keep_what_the_file_leaves_out(workspace, seeded_db, dump, tmp_path):
    """A product named by its alias, with only the name and company columns, keeps its aliases."""
    header, body = exported(workspace, tmp_path)
    for r in body:
        if r[header.index("product")] == "Ryoncil":
            r[header.index("product")] = "remestemcel-L-rknd"  # an alias finds the product
    before = dump(seeded_db)
    plan = import_file(workspace, write_columns(tmp_path / "alias.csv", header, body, [*KEYS, "company"]))
    assert not plan.changes_anything
    assert dump(seeded_db) == before
    body2 = [list(r) for r in body]
    for r in body2:
        if r[header.index("product")] == "remestemcel-L-rknd":
            r[header.index("aliases")] = ""  # present and empty: the aliases are cleared
    plan = import_file(workspace, write_columns(tmp_path / "noalias.csv", header, body2, [*KEYS, "aliases"]))
    assert [c.fields for c in plan.changed_products] == [("aliases",)]
    assert find_product(workspace, "Ryoncil").aliases == ()


def _json_export(ws, tmp_path: Path) -> dict:
    out = tmp_path / "all.json"
    export_database(ws, "json", out)
    return json.loads(out.read_text(encoding="utf-8"))


def test_json_without_optional_keys_changes_nothing(workspace, seeded_db, dump, tmp_path):
    doc = _json_export(workspace, tmp_path)
    for p in doc["products"]:
        for k in ("name_zh", "inn", "aliases", "company", "company_aliases", "source_tissue", "notes"):
            del p[k]
        for t in p["tracks"]:
            for e in t["events"]:
                for k in list(e):
                    if k not in ("type", "date"):
                        del e[k]
    path = tmp_path / "few.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = dump(seeded_db)
    plan = import_file(workspace, path)
    assert not plan.changes_anything, plan.change_lines()
    assert dump(seeded_db) == before


def test_json_null_clears_and_a_missing_key_field_is_refused(workspace, seeded_db, dump, tmp_path):
    doc = _json_export(workspace, tmp_path)
    event = doc["products"][0]["tracks"][0]["events"][0]
    event["agency"] = None
    path = tmp_path / "null.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    plan = import_file(workspace, path, dry_run=True)
    assert [c.fields for c in plan.changed_events] == [("agency",)]
    del event["date"]  # a key field: without it the event cannot be matched, so it is not "left as it is"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = dump(seeded_db)
    with pytest.raises(ImportRefused) as refused:
        import_file(workspace, path)
    assert [(i.sheet, i.column, i.problem.code) for i in refused.value.issues] == [
        ("products[0].tracks[0].events[0]", "date", "import.json_key_missing")]
    assert "date" in refused.value.message("en") and "日期" not in refused.value.message("en")
    assert dump(seeded_db) == before


def test_xlsx_sheets_with_fewer_columns_change_nothing(workspace, seeded_db, dump, tmp_path):
    from openpyxl import Workbook, load_workbook

    full = tmp_path / "all.xlsx"
    export_database(workspace, "xlsx", full)
    source = load_workbook(full, read_only=True)
    wb = Workbook()
    wb.remove(wb.active)
    for sheet, keep in (("products", ["name", "company"]),
                        ("events", ["product", "jurisdiction", "indication", "pathway", "type", "date"])):
        rows = [list(r) for r in source[sheet].iter_rows(values_only=True)]
        picks = [rows[0].index(c) for c in keep]
        ws = wb.create_sheet(sheet)
        for r in rows:
            ws.append([r[i] for i in picks])
    source.close()
    path = tmp_path / "less.xlsx"
    wb.save(path)
    before = dump(seeded_db)
    plan = import_file(workspace, path)
    assert plan.counts()["events"] == {"created": 0, "changed": 0, "unchanged": 80}
    assert not plan.changes_anything
    assert dump(seeded_db) == before


def test_dry_run_lists_each_field_a_row_would_change(seeded_db, tmp_path, dump):
    env = {k: v for k, v in os.environ.items() if k != "MSCREG_DB"}
    env.update(QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", PYTHONIOENCODING="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "mscreg.cli", *args, "--db", str(seeded_db)],
                              capture_output=True, text=True, timeout=120, env=env)

    out = tmp_path / "all.csv"
    assert run("export", "--format", "csv", "--out", str(out)).returncode == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    row = next(r for r in body if r[header.index("reference")] == "EMEA/H/C/004258")
    old_agency = row[header.index("agency")]
    row[header.index("agency")] = ""
    row[header.index("confidence")] = "low"
    path = write_columns(tmp_path / "part.csv", header, body, [*KEYS, "agency", "confidence"])
    before = dump(seeded_db)
    done = run("import", str(path), "--dry-run")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert "events: 0 created, 1 changed, 79 unchanged" in lines[0]
    row_no = body.index(row) + 2
    assert lines[1:] == [f"  part.csv, row {row_no} — event approval_full 2018-03-23: agency “{old_agency}” → “”; "
                         f"confidence “high” → “low”"]
    js = json.loads(run("import", str(path), "--dry-run", "--json").stdout)
    assert js["changes"] == [{"file": "part.csv", "sheet": "", "row": row_no, "record": "event",
                              "key": "approval_full 2018-03-23",
                              "fields": [{"field": "agency", "old": old_agency, "new": ""},
                                         {"field": "confidence", "old": "high", "new": "low"}]}]
    zh = run("import", str(path), "--dry-run", "--lang", "zh_CN")
    assert f"第 {row_no} 行" in zh.stdout and "监管机构“" in zh.stdout
    assert dump(seeded_db) == before
