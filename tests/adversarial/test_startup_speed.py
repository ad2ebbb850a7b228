"""What the start-up leaves out before the product list is painted, and the shortcuts it takes, each
checked to give what the longer way gives.

The list painted from the saved overview must not wait for modules it does not use (the designations,
the log file's handlers, OpenSSL's hashes, platformdirs, the dialogs' Qt classes); the product column's
inline sort key must order exactly as the generic one, in both languages; a bug reported before the log
file is open must still reach the file; and an icon is drawn from its SVG once per size and colour, not at
every repaint.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from support import probe_window

PROBE = """
import json, sys
from mscreg.ui.main_window import MainWindow
from mscreg.ui import app as app_module
first = []
original = MainWindow._show_snapshot
def spy(self, snapshot):
    original(self, snapshot)
    if not first:
        import PySide6.QtWidgets as widgets
        first.append({'quick': snapshot.quick, 'rows': self.model.rowCount(),
                      'loaded': sorted(m for m in ('mscreg.domain.designation', 'mscreg.ui.designation_flags',
                                                   'logging.handlers', 'hashlib', '_hashlib', 'hmac',
                                                   'platformdirs') if m in sys.modules),
                      'qt_classes': sorted(c for c in ('QFileDialog', 'QMessageBox', 'QDialogButtonBox',
                                                       'QFormLayout') if c in vars(widgets))})
        print(json.dumps(first[0]), flush=True)
MainWindow._show_snapshot = spy
sys.exit(app_module.run_app(db=sys.argv[1], quit_after_first_paint=True))
"""


def _first_paint(db: Path) -> dict:
    return probe_window(PROBE, db)


def test_the_saved_list_is_painted_without_the_modules_it_does_not_use(qtbot, seeded_db):
    from mscreg.ui.workspace_session import WorkspaceSession

    session = WorkspaceSession()
    try:  # a full read saves the list the next start paints from
        with qtbot.waitSignal(session.prepared, timeout=60_000):
            session.open(str(seeded_db))
        qtbot.waitUntil(lambda: not session.working, timeout=60_000)
    finally:
        session.close()
    first = _first_paint(seeded_db)
    assert first["quick"] and first["rows"] == 15
    assert first["loaded"] == []
    # PySide makes a Qt class's enumerations when the class is first named: the dialogs' are not needed yet
    assert first["qt_classes"] == []


def _overview(pid: int, name: str, name_zh: str) -> SimpleNamespace:
    return SimpleNamespace(product=SimpleNamespace(id=pid, name=name, name_zh=name_zh), tracks=())


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_product_columns_inline_sort_key_orders_as_the_generic_one(lang):
    from PySide6.QtCore import Qt

    from mscreg.ui.language import set_language
    from mscreg.ui.product_table_model import ProductTableModel

    names = [("beta", "乙"), ("Alpha", ""), ("", "甲"), ("", ""), ("alpha", "丙"), ("Ärger", "丁"), ("ß", "")]
    rows = [_overview(i + 1, n, z) for i, (n, z) in enumerate(names)]
    set_language(lang)
    try:
        model = ProductTableModel()
        inline = model._sort_key_function(0)
        assert [inline(ov) for ov in rows] == [model._sort_key(ov, 0) for ov in rows]
        model._sort = (0, Qt.SortOrder.AscendingOrder)
        ordered = model.sorted_like_view(rows, [])
        assert ordered == sorted(rows, key=lambda ov: model._sort_key(ov, 0))
    finally:
        set_language("en")


def test_a_bug_reported_before_the_log_file_is_open_still_reaches_it(qapp, tmp_path, monkeypatch):
    from ui.fake_dialogs import FakeDialogService

    from mscreg.ui import error_reporting
    from mscreg.ui.error_reporting import ErrorReporter, setup_logging

    monkeypatch.setattr(error_reporting, "_log_path", None)
    dialogs = FakeDialogService()
    reporter = ErrorReporter(dialogs)
    opened: list[Path] = []
    reporter.before_logging = lambda: opened.append(setup_logging(tmp_path / "late"))
    try:
        raise ZeroDivisionError("boom before the log file")
    except ZeroDivisionError as exc:
        reporter.report(exc)
    assert opened
    assert "boom before the log file" in opened[0].read_text(encoding="utf-8")
    assert str(opened[0]) in dialogs.shown[-1][2]  # the dialog names the file it was written to


def test_an_icon_is_drawn_from_its_svg_once_per_size_and_colour(qapp):
    """Qt keeps no pixmaps for a Python icon engine: every repaint drew every tool bar icon again."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QIcon

    from mscreg.ui.icons import icon

    red, blue = icon("products", QColor("red")), icon("products", QColor("blue"))
    first = red.pixmap(QSize(24, 24))
    assert red.pixmap(QSize(24, 24)).cacheKey() == first.cacheKey()  # the same pixmap, not drawn again
    assert red.pixmap(QSize(32, 32)).size() == QSize(32, 32)
    assert red.pixmap(QSize(24, 24), QIcon.Mode.Disabled).cacheKey() != first.cacheKey()
    # another colour is drawn in that colour
    def colours(pixmap) -> set:
        image = pixmap.toImage()
        return {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
                if image.pixelColor(x, y).alpha() == 255}
    assert "#ff0000" in colours(first) and "#0000ff" in colours(blue.pixmap(QSize(24, 24)))
    assert "#0000ff" not in colours(first)
