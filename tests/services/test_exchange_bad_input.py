"""Bad files are refused whole, with every error at its row and column, and the database unchanged."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest

from mscreg.services.exchange.exporting import export_database
from mscreg.services.exchange.importing import import_file
from mscreg.services.exchange.records import ImportRefused
from mscreg.services.exchange.table_layout import EVENTS_FLAT

HEADER = list(EVENTS_FLAT.columns)


def row(product="Novocel", jurisdiction="CN", indication="knee osteoarthritis", pathway="clinical",
        type="cta_accepted", date="2025-03-04", **more) -> dict[str, str]:
    r = dict.fromkeys(HEADER, "")
    r.update(product=product, product_zh="诺沃细胞", jurisdiction=jurisdiction, indication=indication,
             pathway=pathway, type=type, date=date, **more)
    return r


def good_rows() -> list[dict[str, str]]:
    """Rows 2-5 of a valid file: a new product with a Chinese and a US clinical track."""
    return [row(),
            row(type="cta_implied_permission", date="2025-06"),
            row(jurisdiction="US", type="ind_submitted", date="2024-01-10"),
            row(jurisdiction="US", type="ind_effective", date="2024-02")]


def write_csv(path: Path, rows: list[dict[str, str]], header: list[str] = HEADER, encoding: str = "utf-8-sig") -> Path:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for r in rows:
        w.writerow([r.get(h, "") for h in header])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def refused(ws, path: Path) -> list[tuple[int, str, str]]:
    """(row, column name, message code) of every issue; the import must be refused."""
    with pytest.raises(ImportRefused) as exc:
        import_file(ws, path)
    return [(i.row, i.column.split("(")[-1].rstrip(")"), i.problem.code) for i in exc.value.issues]


@pytest.fixture
def unchanged(workspace, seeded_db, dump):
    """Asserts after the test that the database is exactly as before it."""
    before = dump(seeded_db)
    yield
    assert dump(seeded_db) == before


def test_the_good_file_imports(workspace, tmp_path):
    plan = import_file(workspace, write_csv(tmp_path / "ok.csv", good_rows()))
    assert plan.counts()["events"]["created"] == 4 and plan.counts()["tracks"]["created"] == 2


@pytest.mark.parametrize(
    ("index", "changes", "expected"),
    [
        (2, {"date": "2024-02-30"}, (4, "date", "date.day_range")),
        (2, {"date": "13/14/2024"}, (4, "date", "date.format")),
        (2, {"date": "01/02/2024"}, (4, "date", "date.format")),
        (1, {"date": "2025-01"}, (3, "date", "transition.order")),  # permission before acceptance
        (0, {"jurisdiction": "XX"}, (2, "jurisdiction", "jurisdiction.unknown")),
        (0, {"type": "approval_fulll"}, (2, "type", "event_type.unknown")),
        (0, {"product": ""}, (2, "product", "text.empty")),
        (3, {"date_precision": "day"}, (5, "date_precision", "import.precision_mismatch")),
        (3, {"confidence": "sure"}, (5, "confidence", "choice.unknown")),
        (3, {"source_tissue": "liver"}, (5, "source_tissue", "choice.unknown")),
        (3, {"note": "x" * 1_000_000}, (5, "note", "text.too_long")),
        (0, {"attributes": "pilot=maybe"}, (2, "attributes", "attribute.value")),
        (2, {"type": "cta_implied_permission"}, (4, "type", "transition.wrong_jurisdiction")),
    ],
)
def test_one_bad_cell_is_reported_at_its_row_and_column(workspace, tmp_path, unchanged, index, changes, expected):
    rows = good_rows()
    rows[index].update(changes)
    assert refused(workspace, write_csv(tmp_path / "bad.csv", rows)) == [expected]


def test_every_error_is_reported_not_just_the_first(workspace, tmp_path, unchanged):
    rows = good_rows()
    rows[0]["date"] = "2025-02-30"
    rows[2]["jurisdiction"] = "United States"
    rows[3]["confidence"] = "certain"
    issues = refused(workspace, write_csv(tmp_path / "bad.csv", rows))
    assert issues == [(2, "date", "date.day_range"), (4, "jurisdiction", "jurisdiction.unknown"),
                      (5, "confidence", "choice.unknown")]


def test_a_duplicated_row_is_refused(workspace, tmp_path, unchanged):
    rows = good_rows()
    rows.append(dict(rows[2]))
    assert refused(workspace, write_csv(tmp_path / "dup.csv", rows)) == [(6, "type", "import.duplicate_row")]


def test_same_day_twice_and_repeats_name_the_row_they_clash_with(workspace, tmp_path, unchanged):
    rows = good_rows()
    rows.append(dict(rows[2], reference="IND 2"))  # row 6: same type and day as row 4, another reference
    rows.append(dict(rows[4]))  # row 7: a repeat of row 6
    rows.append(dict(rows[2]))  # row 8: a repeat of row 4
    with pytest.raises(ImportRefused) as exc:
        import_file(workspace, write_csv(tmp_path / "twice.csv", rows))
    assert [(i.row, i.problem.code, i.problem.params["other"]) for i in exc.value.issues] == [
        (6, "import.same_day_twice", 4), (7, "import.duplicate_row", 6), (8, "import.duplicate_row", 4)]


def test_an_event_already_recorded_with_another_reference_is_refused(workspace, tmp_path, unchanged):
    out = tmp_path / "x.csv"
    export_database(workspace, "csv", out)
    text = out.read_text(encoding="utf-8-sig").replace("EMEA/H/C/004258", "EMEA/H/C/999999")
    out.write_text(text, encoding="utf-8-sig")
    (issue,) = refused(workspace, out)
    assert issue[1:] == ("reference", "import.same_day_in_db")


def test_events_out_of_order_against_the_database(workspace, tmp_path, unchanged):
    # Ryoncil's US BLA was approved 2024-12-18; a withdrawal of the application dated before the
    # submission cannot happen.
    rows = [row(product="Ryoncil", jurisdiction="US", indication="paediatric SR-aGVHD, 2 months and older",
                pathway="marketing", type="ma_withdrawn", date="2001")]
    (issue,) = refused(workspace, write_csv(tmp_path / "order.csv", rows))
    assert issue[0] == 2 and issue[2].startswith("transition.")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ([h if h != "date" else "datum" for h in HEADER],
         [(1, "datum", "import.header_unknown"), (1, "date", "import.header_missing")]),
        ([h for h in HEADER if h != "type"], [(1, "type", "import.header_missing")]),
        ([*HEADER, "date"], [(1, "date", "import.header_repeated")]),
    ],
)
def test_wrong_column_headers(workspace, tmp_path, unchanged, header, expected):
    assert sorted(refused(workspace, write_csv(tmp_path / "h.csv", good_rows(), header))) == sorted(expected)


def test_a_truncated_csv(workspace, tmp_path, unchanged):
    data = write_csv(tmp_path / "t.csv", good_rows()).read_bytes()
    cut = tmp_path / "cut.csv"
    cut.write_bytes(data[: data.rindex(b"ind_effective")])  # the last row ends half-way
    assert refused(workspace, cut) == [(5, "", "import.cells_count")]


def test_a_csv_cut_inside_a_quoted_cell(workspace, tmp_path, unchanged):
    rows = good_rows()
    rows[3]["note"] = "a note, with a comma\nand a second line"
    data = write_csv(tmp_path / "q.csv", rows).read_bytes()
    cut = tmp_path / "cut.csv"
    cut.write_bytes(data[: data.rindex(b"second")])
    ((r, _col, code),) = refused(workspace, cut)
    assert code == "import.csv_malformed" and r == 5


def test_a_binary_file(workspace, tmp_path, unchanged):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert refused(workspace, path) == [(0, "", "import.binary")]


@pytest.mark.parametrize(
    "text",
    ["product,company\nStemirac,Société Générale\n",  # Latin-1
     "product,company\nテムセルHS注,JCRファーマ株式会社\n"],  # Shift-JIS
)
def test_a_file_in_an_undetected_encoding(workspace, tmp_path, unchanged, text):
    path = tmp_path / "enc.csv"
    path.write_bytes(text.encode("latin-1" if "é" in text else "shift_jis"))
    (issue,) = refused(workspace, path)
    assert issue[2] in ("import.encoding_invalid", "import.encoding_not_chinese")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_excel_csv_from_chinese_windows_and_utf8_with_or_without_bom(workspace, tmp_path, encoding):
    rows = good_rows()
    for r in rows:
        r.update(product_zh="诺沃细胞注射液", company_zh="示例生物科技(上海)有限公司", note="已核对“批件”")
    plan = import_file(workspace, write_csv(tmp_path / "zh.csv", rows, encoding=encoding))
    assert plan.encoding == {"gbk": "GB18030", "gb18030": "GB18030", "utf-8": "UTF-8",
                             "utf-8-sig": "UTF-8 (BOM)"}[encoding]
    from mscreg.services.tracker import find_product, list_events

    assert find_product(workspace, "Novocel").company_zh == "示例生物科技(上海)有限公司"
    assert {v.event.note for v in list_events(workspace, product="诺沃细胞注射液")} == {"已核对“批件”"}


def test_formula_looking_text_in_a_users_file_is_stored_as_text(workspace, tmp_path):
    rows = good_rows()
    rows[0]["note"] = "=1+1"
    rows[1]["agency"] = "@SUM(A1:A9)"
    import_file(workspace, write_csv(tmp_path / "f.csv", rows))
    from mscreg.services.tracker import list_events

    got = {(v.event.type, v.event.note, v.event.agency) for v in list_events(workspace, product="Novocel")}
    assert ("cta_accepted", "=1+1", "") in got and ("cta_implied_permission", "", "@SUM(A1:A9)") in got


# ---------------------------------------------------------------------------------------------------
# XLSX and JSON


def test_xlsx_zip_bomb_is_refused_before_reading(workspace, tmp_path, unchanged):
    good = tmp_path / "good.xlsx"
    export_database(workspace, "xlsx", good)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet3.xml":  # 40 MB of blanks inside the events sheet
                data = data.replace(b"<sheetData>", b"<sheetData>" + b" " * 40_000_000, 1)
            dst.writestr(item, data)
    assert bomb.stat().st_size < 1_000_000
    assert refused(workspace, bomb) == [(0, "", "import.xlsx_bomb")]


def test_xlsx_xml_entity_bomb_is_refused(workspace, tmp_path, unchanged):
    good = tmp_path / "good.xlsx"
    export_database(workspace, "xlsx", good)
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (i + 1, (b"&lol%d;" % i if i else b"&lol;") * 10)
                      for i in range(9))
           + b"]>")
    bomb = tmp_path / "lol.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = lol + (data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data)
            dst.writestr(item, data)
    (issue,) = refused(workspace, bomb)
    assert issue[2] == "import.xlsx_bomb"


def test_truncated_xlsx(workspace, tmp_path, unchanged):
    good = tmp_path / "good.xlsx"
    export_database(workspace, "xlsx", good)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert refused(workspace, cut) == [(0, "", "import.xlsx_damaged")]


def test_xlsx_errors_name_the_sheet_row_and_column(workspace, tmp_path, unchanged):
    import openpyxl

    good = tmp_path / "good.xlsx"
    export_database(workspace, "xlsx", good)
    wb = openpyxl.load_workbook(good)
    events = wb["events"]
    col = [c.value for c in events[1]].index("date") + 1
    events.cell(row=7, column=col, value="2024-13")
    wb["products"]["A3"].value = None  # a product without a name
    wb.save(good)
    with pytest.raises(ImportRefused) as exc:
        import_file(workspace, good)
    got = {(i.sheet, i.row, i.column, i.problem.code) for i in exc.value.issues}
    assert ("events", 7, "F (date)", "date.month_range") in got
    assert ("products", 3, "A (name)", "text.empty") in got


def test_xlsx_date_cells_keep_the_stated_precision(workspace, tmp_path):
    import datetime as dt

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "events"
    ws.append(["product", "jurisdiction", "indication", "pathway", "type", "date", "date_precision"])
    ws.append(["Cartistem", "CN", "knee OA", "clinical", "cta_accepted", dt.datetime(2025, 3, 1), "month"])
    ws.append(["Cartistem", "CN", "knee OA", "clinical", "cta_implied_permission", dt.datetime(2025, 6, 4), ""])
    path = tmp_path / "dates.xlsx"
    wb.save(path)
    import_file(workspace, path)
    from mscreg.services.tracker import list_events

    dates = [v.event.date.iso() for v in list_events(workspace, product="Cartistem", jurisdiction="CN")]
    assert dates == ["2025-03", "2025-06-04"]


def test_invalid_json(workspace, tmp_path, unchanged):
    path = tmp_path / "x.json"
    path.write_text('{"format": "mscreg-export", "format_version": 1, "products": [', encoding="utf-8")
    assert refused(workspace, path) == [(0, "", "import.json_invalid")]


def test_unknown_extension(workspace, tmp_path, unchanged):
    path = tmp_path / "x.ods"
    path.write_bytes(b"x")
    assert refused(workspace, path) == [(0, "", "import.format_unknown")]
