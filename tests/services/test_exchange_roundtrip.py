"""Export → import round trips: what a team gets back from mscreg re-imports to exactly the same records."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from mscreg.services.exchange.exporting import export_database
from mscreg.services.exchange.importing import import_file, plan_import
from mscreg.services.exchange.table_layout import EVENTS_FLAT
from mscreg.services.integrity import check_database
from mscreg.services.workspace import init_database, open_workspace

CONTENT_TABLES = ("products", "product_aliases", "tracks", "events")


def content(dump, target) -> dict:
    d = dump(target)
    return {t: d[t] for t in CONTENT_TABLES}


@pytest.fixture
def empty_ws(request, backend, tmp_path):
    """An empty database (migrated, no data set) on the test's backend."""
    if backend == "postgresql":
        server = request.getfixturevalue("pg_server")
        name = server.create()
        ws = init_database(server.url_for(name), empty=True)
        yield ws
        ws.close()
        server.drop(name)
    else:
        ws = init_database(str(tmp_path / "empty.sqlite"), empty=True)
        yield ws
        ws.close()


def location(ws) -> str:
    return str(ws.db.path) if ws.db.path else ws.db.url


def xlsx_cells(path: Path) -> dict[str, list[tuple]]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return {name: list(wb[name].iter_rows(values_only=True)) for name in wb.sheetnames}
    finally:
        wb.close()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_seeded_database_round_trips_through_an_empty_one(workspace, seeded_db, empty_ws, tmp_path, fmt, dump):
    first = tmp_path / f"first.{fmt}"
    export_database(workspace, fmt, first)
    plan = import_file(empty_ws, first)
    assert plan.counts()["events"] == {"created": 75, "changed": 0, "unchanged": 0}
    assert plan.counts()["products"]["created"] == 15 and plan.counts()["tracks"]["created"] == 24
    # Same rows, same ids: the records are indistinguishable from the seeded ones.
    assert content(dump, location(empty_ws)) == content(dump, seeded_db)
    assert check_database(empty_ws).ok
    second = tmp_path / f"second.{fmt}"
    export_database(empty_ws, fmt, second)
    if fmt == "xlsx":
        assert xlsx_cells(second) == xlsx_cells(first)
    else:
        assert second.read_bytes() == first.read_bytes()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_reimporting_the_same_file_changes_nothing(workspace, seeded_db, tmp_path, fmt, dump):
    out = tmp_path / f"x.{fmt}"
    export_database(workspace, fmt, out)
    before = dump(seeded_db)
    plan = import_file(workspace, out)
    assert not plan.changes_anything
    assert plan.counts()["events"] == {"created": 0, "changed": 0, "unchanged": 75}
    assert dump(seeded_db) == before  # not even an audit row


def test_csv_keeps_chinese_partial_dates_and_sources(workspace, tmp_path):
    out = tmp_path / "events.csv"
    export_database(workspace, "csv", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    ami = [r for r in rows if r["product"] == "Amimestrocel Injection"]
    assert ami[0]["product_zh"] == "艾米迈托赛注射液"
    months = [r for r in rows if r["date_precision"] == "month"]
    assert months and all(len(r["date"]) == 7 for r in months)  # "2024-07", never "2024-07-01"
    assert all(len(r["date"]) == 4 for r in rows if r["date_precision"] == "year")
    assert any(r["source"].startswith("http") for r in rows)
    unknown = [r for r in rows if r["type"] and not r["date"]]
    assert unknown and all(r["date_precision"] == "" for r in unknown)


def test_dry_run_reports_and_writes_nothing(workspace, seeded_db, tmp_path, dump):
    out = tmp_path / "e.csv"
    export_database(workspace, "csv", out)
    with out.open("a", encoding="utf-8", newline="") as fh:  # two events of a new product
        w = csv.writer(fh, lineterminator="\r\n")
        for etype, date in (("cta_accepted", "2025-03-04"), ("cta_implied_permission", "2025-06")):
            row = ["Novocel", "诺沃细胞", *[""] * 10, "CN", "knee osteoarthritis", "clinical", "", etype, date]
            w.writerow([*row, *[""] * (len(EVENTS_FLAT.columns) - len(row))])
    before = dump(seeded_db)
    plan = import_file(workspace, out, dry_run=True)
    assert plan.counts() == {"products": {"created": 1, "changed": 0, "unchanged": 15},
                             "tracks": {"created": 1, "changed": 0, "unchanged": 24},
                             "events": {"created": 2, "changed": 0, "unchanged": 75},
                             "holders": {"created": 0, "changed": 0, "unchanged": 10}}
    assert "would import" in plan.summary("en", dry_run=True)
    assert dump(seeded_db) == before
    import_file(workspace, out)
    assert len(dump(seeded_db)["events"]) == 77


def test_a_changed_cell_updates_that_record_with_an_audit_row(workspace, seeded_db, tmp_path, sql):
    out = tmp_path / "e.csv"
    export_database(workspace, "csv", out)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(keepends=True)))
    header = rows[0]
    rows[5][header.index("note")] = "checked against the approval letter — 已核对"
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    dry = import_file(workspace, out, dry_run=True)
    assert dry.counts()["events"] == {"created": 0, "changed": 1, "unchanged": 74}
    plan = import_file(workspace, out)
    assert plan.changed_events[0].fields == ("note",)
    (last,) = sql(seeded_db, "SELECT action, entity, changes, reason FROM audit_log ORDER BY id DESC LIMIT 1")[0]
    assert last[0:2] == ("update", "event")
    assert json.loads(last[2])["note"][1] == "checked against the approval letter — 已核对"
    assert last[3] == f"import e.csv (sha256 {plan.sha256})"
    assert check_database(workspace).ok


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_formula_looking_text_is_exported_quoted_and_restored(workspace, seeded_db, empty_ws, tmp_path, fmt):
    from mscreg.domain.event import EventDraft
    from mscreg.domain.track import TrackDraft
    from mscreg.services.tracker import record_event

    dangerous = '=HYPERLINK("http://evil.example","click")'
    record_event(workspace, product="Cartistem", track=TrackDraft("CN", "knee osteoarthritis", "clinical"),
                 draft=EventDraft("cta_accepted", "2025-03", note=dangerous, reference="-CXSL1", agency="@CDE"),
                 reason="test")
    out = tmp_path / f"f.{fmt}"
    export_database(workspace, fmt, out)
    if fmt == "csv":
        text = out.read_text(encoding="utf-8-sig")
        assert "'=HYPERLINK" in text and ",'-CXSL1," in text and ",'@CDE," in text
    else:
        import openpyxl

        wb = openpyxl.load_workbook(out)
        notes = [c for row in wb["events"].iter_rows() for c in row if "HYPERLINK" in str(c.value)]
        assert notes and all(c.data_type == "s" and c.value.startswith("'=") for c in notes)
    import_file(empty_ws, out)
    with open_workspace(location(empty_ws)) as again:
        from mscreg.services.tracker import list_events

        (view,) = list_events(again, product="Cartistem", jurisdiction="CN")
    assert (view.event.note, view.event.reference, view.event.agency) == (dangerous, "-CXSL1", "@CDE")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_audit_trail_exports_separately_and_is_not_importable(workspace, seeded_db, tmp_path, fmt, sql):
    out = tmp_path / f"audit.{fmt}"
    result = export_database(workspace, fmt, out, audit=True)
    n = sql(seeded_db, "SELECT count(*) FROM audit_log")[0][0][0]
    # 15 products, 24 tracks, 75 events, 6 obligations, 3 steps, 10 transfers, 5 trials
    assert result.audit_rows == n == 138
    if fmt == "json":
        doc = json.loads(out.read_text(encoding="utf-8"))
        assert len(doc["rows"]) == n and doc["rows"][0]["changes"]["name"][1] == "Amimestrocel Injection"
    plan = plan_import(workspace, out)
    assert [i.problem.code for i in plan.issues] == ["import.audit_file"]


def test_json_document_is_versioned_and_complete(workspace, tmp_path):
    out = tmp_path / "all.json"
    export_database(workspace, "json", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "mscreg-export" and doc["format_version"] == 1
    assert doc["schema_version"] and doc["counts"] == {"products": 15, "tracks": 24, "events": 75, "trials": 5}
    events = [e for p in doc["products"] for t in p["tracks"] for e in t["events"]]
    assert {e["date_precision"] for e in events} == {"year", "month", "day", None}
    assert any(e["attributes"] == {"time_limit_years": "7"} for e in events)


def test_the_shipped_seed_file_imports_like_an_export(empty_ws):
    from mscreg.storage.seed import default_seed_path

    plan = import_file(empty_ws, default_seed_path())
    assert plan.counts()["events"]["created"] == 75
