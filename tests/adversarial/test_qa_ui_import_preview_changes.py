"""The import preview lists what an import would overwrite in records already held.

It said only "events: 2 changed": which events, which fields and what they hold now were not shown,
so a user pressed Import blind (``mscreg import --dry-run`` lists them).  Now each changed field is a
row: where in the file, the record, the field, the value held and the file's value, in the user's language.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from support import table_dump
from ui.fake_dialogs import FakeDialogService

from mscreg.services.exchange.exporting import export_database
from mscreg.services.workspace import open_workspace
from mscreg.ui.exchange_dialogs import ImportController
from mscreg.ui.language import set_language


@pytest.fixture
def ws(seeded_db):
    w = open_workspace(str(seeded_db))
    yield w
    w.close()


def _changed_file(ws, tmp_path: Path) -> Path:
    out = tmp_path / "edited.csv"
    export_database(ws, "csv", out)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(keepends=True)))
    h = rows[0]
    rows[3][h.index("agency")] = "Agency named in the file"
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return out


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_preview_shows_each_field_the_import_would_overwrite(qtbot, ws, seeded_db, tmp_path, lang):
    set_language(lang)
    try:
        parent = QWidget()
        qtbot.addWidget(parent)
        before = table_dump(seeded_db)
        path = _changed_file(ws, tmp_path)
        controller = ImportController(parent, ws, FakeDialogService(), lang=lang)
        controller.start_import(str(path))
        qtbot.waitUntil(lambda: controller.preview is not None and controller.preview.isVisible(), timeout=30_000)
        preview = controller.preview
        assert preview.import_button.isEnabled()
        assert not preview.table.isHidden()
        model = preview.table.model()
        assert model.rowCount() == 1
        cells = [model.index(0, c).data() for c in range(model.columnCount())]
        assert cells[0] == "edited.csv" and cells[1] == "4"
        assert cells[5] == "Agency named in the file" and cells[4] and cells[4] != cells[5]
        if lang == "zh_CN":
            assert cells[3] == "监管机构" and cells[2].startswith("事件：")
            assert "_" not in cells[2]  # the event type by its name, not its code
        else:
            assert cells[3] == "agency" and cells[2].startswith("event: ")
        qtbot.mouseClick(preview.copy_button, Qt.MouseButton.LeftButton)
        assert "Agency named in the file" in QGuiApplication.clipboard().text()
        preview.reject()
        assert table_dump(seeded_db) == before
    finally:
        set_language("en")
