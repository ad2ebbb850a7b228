"""What the window's first paint waits for: nothing the first frame does not show.

The window is measured against a bare PySide6 window (``--startup-report``: ``painted_ms``).  Every module
imported and every Qt class named before that paint costs its share (PySide makes a class's enumerations
when it is first named), so the loader and its threads, the deadline notice, the product records, the
jurisdictions' table, Qt's SVG module, the drawing classes, JSON, the html module and importlib.resources
come after it, and the hidden notice and as-of banner are built (or styled) when first shown.  Each of those
is checked here at the moment of the first paint, in a child process as the app starts; and what was moved
is checked to still work when it is needed: the notice appears when clocks are urgent, above the filters,
and its button still asks for the Deadlines page; shipped files are found where importlib.resources finds
them.
"""

from __future__ import annotations

from pathlib import Path

from support import probe_window

PROBE = """
import sys
from mscreg.ui.main_window import MainWindow
from mscreg.ui import app as app_module
seen = []
original = MainWindow.paintEvent
def first_paint(self, event):
    if not seen:
        import PySide6.QtCore as core, PySide6.QtGui as gui
        page = self.products_page
        seen.append({
            'loaded': sorted(m for m in ('mscreg.ui.workspace_loader', 'mscreg.ui.background',
                                         'mscreg.ui.single_instance', 'mscreg.ui.deadline_notice',
                                         'mscreg.domain.product', 'mscreg.domain.jurisdictions', 'PySide6.QtSvg',
                                         'json', 'html', 'importlib.resources') if m in sys.modules),
            'qt_classes': sorted(c for c in ('QPainter', 'QUrl', 'QDesktopServices', 'QLibraryInfo')
                                 if c in vars(core) or c in vars(gui)),
            # (read from the instance: the property would build it; a notice built with the page was an attribute)
            'notice_built': vars(page).get('_notice', vars(page).get('notice')) is not None,
            'banner_styled': bool(page.as_of_banner.styleSheet()),
        })
        import json  # after the look at sys.modules: the probe's own import is not the window's

        print(json.dumps(seen[0]), flush=True)
    return original(self, event)
MainWindow.paintEvent = first_paint
sys.exit(app_module.run_app(db=sys.argv[1], quit_after_first_paint=True))
"""


def _at_first_paint(db: Path) -> dict:
    return probe_window(PROBE, db)


def test_the_first_paint_waits_for_nothing_the_first_frame_does_not_show(seeded_db):
    first = _at_first_paint(seeded_db)
    assert first["loaded"] == []
    assert first["qt_classes"] == []
    assert not first["notice_built"]  # hidden until the clocks are in
    assert not first["banner_styled"]  # hidden while the day shown is today


def test_the_deadline_notice_is_built_when_a_clock_is_urgent_and_asks_for_the_deadlines(qtbot, tmp_path):
    from mscreg.ui.deadline_notice import Urgent
    from mscreg.ui.preferences import Settings
    from mscreg.ui.products_page import ProductsPage

    page = ProductsPage(Settings(str(tmp_path / "settings.ini")))
    qtbot.addWidget(page)
    page.show()
    page.show_deadline_counts(Urgent(0, 0), 14)
    assert page._notice is None  # nothing to say: nothing built
    page.show_deadline_counts(Urgent(2, 1), 14)
    notice = page.notice
    assert notice.isVisible() and "overdue" in notice.text.text() and "due within" in notice.text.text()
    assert page.layout().indexOf(notice) == 0 and page.layout().indexOf(page.filters) == 1  # above the filters
    with qtbot.waitSignal(page.deadlines_requested, timeout=2000):
        notice.show_button.click()
    page.show_deadline_counts(Urgent(0, 0), 14)
    assert page.notice is notice and not notice.isVisible()  # built once, hidden when nothing is urgent


def test_the_as_of_banner_is_styled_when_first_shown(qtbot):
    import datetime as dt

    from mscreg.ui.as_of_control import AsOfBanner

    banner = AsOfBanner()
    qtbot.addWidget(banner)
    assert banner.styleSheet() == ""
    banner.show_day(dt.date(2020, 1, 1))
    assert "#ffe08a" in banner.styleSheet() and "2020-01-01" in banner.text()


def test_shipped_files_are_found_where_importlib_resources_finds_them(monkeypatch):
    from importlib import resources

    from mscreg import resource_paths

    cases = (("resources", "fonts", "NotoSansSC-mscreg.otf"), ("resources", "icons"), ("data", "seed.json"),
             ("storage", "migrations"))
    for parts in cases:
        assert resource_paths.resource(*parts) == resources.files("mscreg").joinpath(*parts)
    assert resource_paths.seed_file() == Path(str(resources.files("mscreg").joinpath("data", "seed.json")))
    # a package that is not a plain folder (a zip) is served by importlib.resources, as before
    monkeypatch.setattr(resource_paths, "_FOLDER", None)
    for parts in cases:
        assert resource_paths.resource(*parts) == resources.files("mscreg").joinpath(*parts)
    assert resource_paths.real_path("data", "seed.json").read_bytes()[:1] == b"{"
