"""File → Import… and File → Export… as a user meets them: the preview, the report, progress and cancel."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from fixtures.exchange.big_csv import write_big_csv
from openpyxl.utils import get_column_letter
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPushButton, QWidget
from support import table_dump
from ui.fake_dialogs import FakeDialogService

from mscreg.services.exchange.exporting import export_database
from mscreg.services.workspace import open_workspace
from mscreg.ui.exchange_dialogs import ImportController, ImportPreviewDialog


@pytest.fixture
def ws(seeded_db):
    w = open_workspace(str(seeded_db))
    yield w
    w.close()


@pytest.fixture
def parent(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    return w


def bad_csv(ws, tmp_path: Path) -> Path:
    out = tmp_path / "bad.csv"
    export_database(ws, "csv", out)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(keepends=True)))
    h = rows[0]
    rows[3][h.index("date")] = "2024-02-30"
    rows[9][h.index("jurisdiction")] = "XX"
    rows[20][h.index("confidence")] = "sure"
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return out


def run_import(qtbot, controller: ImportController, path: Path) -> ImportPreviewDialog:
    controller.start_import(str(path))
    qtbot.waitUntil(lambda: controller.preview is not None and controller.preview.isVisible(), timeout=30_000)
    return controller.preview


def test_a_refused_file_shows_every_error_sortable_and_copyable(qtbot, parent, ws, seeded_db, tmp_path):
    before = table_dump(seeded_db)
    controller = ImportController(parent, ws, FakeDialogService(), lang="en")
    preview = run_import(qtbot, controller, bad_csv(ws, tmp_path))
    assert not preview.import_button.isEnabled()
    assert "refused" in preview.summary.text() and "3" in preview.summary.text()
    model = preview.model
    assert model.rowCount() == 3
    rows = [model.index(r, 2).data() for r in range(3)]
    assert rows == ["4", "10", "21"]
    preview.table.horizontalHeader().setSortIndicator(2, Qt.SortOrder.DescendingOrder)  # click "Row"
    assert [model.index(r, 2).data() for r in range(3)] == ["21", "10", "4"]
    assert "2024-02-30" in [model.index(r, 4).data() for r in range(3)]
    qtbot.mouseClick(preview.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text().splitlines()
    assert copied[0].split("\t") == ["File", "Sheet", "Row", "Column", "Value", "Problem"]
    header = next(csv.reader((tmp_path / "bad.csv").read_text(encoding="utf-8-sig").splitlines()))
    letter = get_column_letter(header.index("confidence") + 1)  # the spreadsheet's name for the column
    assert copied[1].split("\t")[:5] == ["bad.csv", "", "21", f"{letter} (confidence)", "sure"]
    assert len(copied) == 4
    preview.reject()
    assert table_dump(seeded_db) == before


def test_preview_then_import_writes_and_announces(qtbot, parent, ws, seeded_db, tmp_path):
    out = tmp_path / "new.csv"
    before = len(table_dump(seeded_db)["events"])
    export_database(ws, "csv", out)
    header = next(csv.reader(out.open(encoding="utf-8-sig")))  # the row is written by column name
    with out.open("a", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, header, restval="", lineterminator="\r\n")
        w.writerow({"product": "Novocel", "product_zh": "诺沃细胞", "jurisdiction": "CN",
                    "indication": "knee osteoarthritis", "pathway": "clinical", "type": "cta_accepted",
                    "date": "2025-03-04"})
    dialogs = FakeDialogService()
    controller = ImportController(parent, ws, dialogs, lang="en")
    preview = run_import(qtbot, controller, out)
    assert "1 created" in preview.summary.text() and preview.import_button.isEnabled()
    assert preview.table.isHidden()
    with qtbot.waitSignal(controller.imported, timeout=30_000):
        qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    assert dialogs.shown[-1][0] == "information" and "imported" in dialogs.shown[-1][2]
    assert len(table_dump(seeded_db)["events"]) == before + 1


def test_cancel_during_a_large_import_writes_nothing(qtbot, parent, ws, seeded_db, tmp_path):
    big = write_big_csv(tmp_path / "big.csv", 20_000)
    before = table_dump(seeded_db)
    dialogs = FakeDialogService()
    controller = ImportController(parent, ws, dialogs, lang="en")
    preview = run_import(qtbot, controller, big)
    assert "20000 created" in preview.summary.text()
    with qtbot.waitSignal(controller.finished, timeout=60_000):
        preview.accept()
        assert controller.busy and controller.progress_dialog is not None
        # the user presses Cancel as soon as the write starts
        qtbot.mouseClick(controller.progress_dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert dialogs.shown[-1] == ("information", "Import", "Import cancelled; nothing was written.")
    assert table_dump(seeded_db) == before


def test_export_each_format_through_the_save_dialog(qtbot, parent, ws, tmp_path):
    for fmt in ("csv", "xlsx", "json"):
        target = tmp_path / f"out.{fmt}"
        dialogs = FakeDialogService(answers=[str(target)])
        controller = ImportController(parent, ws, dialogs, lang="en")
        with qtbot.waitSignal(controller.exported, timeout=30_000):
            controller.start_export()
        assert target.stat().st_size > 1000
        assert dialogs.shown[0][0] == "save_file" and "*.xlsx" in dialogs.shown[0][2]
        assert dialogs.shown[-1][2].startswith("Exported 15 products")


def test_export_refuses_an_unknown_extension(qtbot, parent, ws, tmp_path):
    dialogs = FakeDialogService(answers=[str(tmp_path / "out.txt")])
    ImportController(parent, ws, dialogs, lang="en").start_export()
    assert dialogs.shown[-1][0] == "error" and "out.txt" in dialogs.shown[-1][2]
    assert not (tmp_path / "out.txt").exists()


def test_choosing_no_file_does_nothing(qtbot, parent, ws):
    dialogs = FakeDialogService(answers=[None])
    controller = ImportController(parent, ws, dialogs, lang="en")
    controller.start_import()
    assert not controller.busy and controller.preview is None


def test_export_calendar_through_the_save_dialog_as_of_the_day_shown(qtbot, parent, ws, seeded_db, tmp_path):
    """File ▸ Export Calendar…: the file is written off the UI thread and the summary says what it holds; a
    name without .ics gets it; a folder that is not there is refused with its name."""
    import datetime as dt

    from icalendar import Calendar

    target = tmp_path / "deadlines"
    dialogs = FakeDialogService(answers=[str(target)])
    controller = ImportController(parent, ws, dialogs, lang="zh_CN")
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        controller.start_calendar_export(as_of=dt.date(2026, 11, 21))
    assert dialogs.shown[0][0] == "save_file" and "*.ics" in dialogs.shown[0][2]
    written = tmp_path / "deadlines.ics"
    entries = Calendar.from_ical(written.read_bytes()).walk("VEVENT")
    assert dialogs.shown[-1][0] == "information"
    assert "个未到期时限" in dialogs.shown[-1][2] and "认定与持有人记录" in dialogs.shown[-1][2]
    assert any("Mesoblast" in str(e["summary"]) for e in entries)  # a change of holder, as history

    # a folder that is not there: the error names the file, nothing is written, the database is kept
    before = table_dump(seeded_db)
    missing = tmp_path / "nope" / "x.ics"
    dialogs = FakeDialogService(answers=[str(missing)])
    controller = ImportController(parent, ws, dialogs, lang="en")
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        controller.start_calendar_export(as_of=dt.date(2026, 11, 21))
    assert dialogs.shown[-1][0] == "error" and str(missing) in dialogs.shown[-1][2]
    assert not missing.exists() and table_dump(seeded_db) == before
