"""QA of the command line's exchange files: what an export holds must come back whole.

A verification of a track (``mscreg verify``) is a stored, audited record like an event; an export that
left it out lost the review history of every track when the file was imported into another database
(the review queue then listed every track as never verified).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from support import db_arg, mscreg, refused, table_dump

from mscreg.services.exchange.exporting import export_database
from mscreg.services.exchange.importing import import_file
from mscreg.services.integrity import check_database
from mscreg.services.review import verify_track
from mscreg.services.tracker import product_overviews
from mscreg.services.workspace import init_database, open_workspace


@pytest.fixture
def ws(seeded_db):
    workspace = open_workspace(str(seeded_db))
    yield workspace
    workspace.close()


def _verify_ryoncil(ws) -> None:
    [ov] = product_overviews(ws, "Ryoncil")
    tracks = {t.track.pathway.value: t.track.id for t in ov.tracks if t.track.jurisdiction == "US"}
    verify_track(ws, tracks["marketing"], source="https://www.fda.gov/ryoncil", day="2026-11-01",
                 note="label checked", reason="review")
    verify_track(ws, tracks["clinical"], source="FDA letter", day="2026-10-15", reason="review")


def _verifications(path: Path) -> list[tuple]:
    dump = table_dump(path)
    tracks = {row[0]: row for row in dump["tracks"]}
    # (track's jurisdiction and indication, day, source, note): ids may differ between databases
    return sorted((tracks[v[1]][2], tracks[v[1]][3], *v[2:5]) for v in dump["verifications"])


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_verifications_round_trip_through_every_format(ws, seeded_db, tmp_path: Path, fmt: str):
    _verify_ryoncil(ws)
    held = _verifications(seeded_db)
    assert len(held) == 2
    target = tmp_path / f"out.{fmt}"
    export_database(ws, fmt, target)
    fresh = tmp_path / "fresh.sqlite"
    other = init_database(str(fresh), empty=True)
    try:
        plan = import_file(other, target)
        assert plan.counts()["verifications"] == {"created": 2, "changed": 0, "unchanged": 0}
        assert _verifications(fresh) == held
        assert check_database(other).ok
        before = table_dump(fresh)
        again = import_file(other, target)  # the same file again changes nothing
        assert not again.changes_anything
        assert again.counts()["verifications"] == {"created": 0, "changed": 0, "unchanged": 2}
        assert table_dump(fresh) == before
    finally:
        other.close()


def test_a_flat_csv_row_with_a_verification_and_an_event_cell_is_refused_naming_the_cell(ws, seeded_db,
                                                                                        tmp_path: Path):
    _verify_ryoncil(ws)
    target = tmp_path / "out.csv"
    export_database(ws, "csv", target)
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    row = next(i for i, r in enumerate(rows) if r[header.index("verified_source")] == "FDA letter")
    rows[row][header.index("agency")] = "FDA"
    with target.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    before = table_dump(seeded_db)
    for lang, words in (("en", ("“FDA”", "verification of its track", f"row {row + 1}")),
                        ("zh_CN", ("“FDA”", "申报路径核实", f"第 {row + 1} 行"))):
        proc = mscreg("--db", db_arg(seeded_db), "--lang", lang, "import", str(target))
        refused(proc, 2, *words)
    assert table_dump(seeded_db) == before


def test_a_future_sourceless_or_undated_verification_in_json_is_refused_by_place_and_field(ws, seeded_db,
                                                                                          tmp_path: Path):
    target = tmp_path / "out.json"
    export_database(ws, "json", target)
    doc = json.loads(target.read_text(encoding="utf-8"))
    track = doc["products"][0]["tracks"][0]
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    track["verifications"] = [{"date": future, "source": "register", "note": ""},
                              {"date": "2026-01-05", "source": "   ", "note": ""},
                              {"date": None, "source": "register", "note": ""}]
    target.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = table_dump(seeded_db)
    proc = mscreg("--db", db_arg(seeded_db), "--json", "import", str(target))
    assert proc.returncode == 2, proc.stdout
    errors = json.loads(proc.stdout)["errors"]
    assert [(e["sheet"], e["column"], e["code"]) for e in errors] == [
        ("products[0].tracks[0].verifications[0]", "date", "verify.future"),
        ("products[0].tracks[0].verifications[1]", "source", "verify.needs_source"),
        ("products[0].tracks[0].verifications[2]", "date", "text.empty")]
    assert table_dump(seeded_db) == before


def _one_sheet(path: Path, name: str, header: list[str], row: list[object]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = name
    sheet.append(header)
    sheet.append(row)
    book.save(path)
    return path


RYONCIL_US = ["Ryoncil", "US", "steroid-refractory acute GVHD in paediatric patients aged 2 months and older",
              "marketing"]


def test_a_workbook_with_only_a_holders_sheet_is_imported_not_called_empty(ws, seeded_db, tmp_path: Path):
    """A holders sheet on its own (a team sending the licensee changes of the month) was refused as "the
    file holds no rows to import"."""
    book = _one_sheet(tmp_path / "holders.xlsx", "holders", ["product", "jurisdiction", "role", "date", "from", "to"],
                      ["Ryoncil", "US", "licensee", "2026-04-01", "", "Another Co"])
    plan = import_file(ws, book)
    assert plan.counts()["holders"] == {"created": 1, "changed": 0, "unchanged": 0}
    [ov] = product_overviews(ws, "Ryoncil")
    assert "Another Co" in [t.to_party for t in ov.transfers]
    assert check_database(ws).ok


def test_a_workbook_with_only_a_verifications_sheet_takes_excel_date_cells(ws, seeded_db, tmp_path: Path):
    book = _one_sheet(tmp_path / "checked.xlsx", "verifications",
                      ["product", "jurisdiction", "indication", "pathway", "date", "source", "note"],
                      [*RYONCIL_US, dt.datetime(2026, 11, 20, 9, 30), "FDA label", "typed with a time"])
    plan = import_file(ws, book)
    assert plan.counts()["verifications"] == {"created": 1, "changed": 0, "unchanged": 0}
    assert [v[2:5] for v in table_dump(seeded_db)["verifications"]] == [
        ("2026-11-20", "FDA label", "typed with a time")]
    assert not import_file(ws, book).changes_anything

