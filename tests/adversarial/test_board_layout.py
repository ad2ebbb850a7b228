"""The product list as a portfolio board on a laptop screen, from a fresh profile (no saved layout).

* At 1024×768 at least ten whole rows show, each with its product's name: the product view below
  used to keep 470 px and leave one row.
* Scrolled right to the last column, the rows still have their names: the product column is frozen.
* Each country cell is a chip with a short state name and the date it holds since, its tooltip the
  full text; the Next deadline column says when, how long and what; ZZ is explained.
* The product's details collapse to one line, so its tracks start right below its name.
"""

from __future__ import annotations

import pytest
from adversarial import board_support
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView

small_window = board_support.small_window  # the fixture, shared with the other board tests


def _view_and_index_at(window, table_point: QPoint):
    """The item view drawn at ``table_point`` of the product table, and the index under it."""
    target = window.table.childAt(table_point)
    while target is not None and not isinstance(target.parent(), QAbstractItemView):
        target = target.parentWidget()
    view = target.parent() if target is not None else None
    assert view is not None, "no item view under that point"
    return view, view.indexAt(target.mapFrom(window.table, table_point))


def _rows_with_names_in_view(window) -> list[str]:
    """Product names of the rows drawn whole at the table's left edge, read at that edge."""
    table = window.table
    x = table.frameWidth() + 20
    header = table.horizontalHeader().height()
    names = []
    for row in range(window.model.rowCount()):
        rect = table.visualRect(window.model.index(row, 1))
        top, bottom = rect.top() + header + table.frameWidth(), rect.bottom() + header + table.frameWidth()
        if top < header or bottom > header + table.viewport().height():
            continue
        _view, index = _view_and_index_at(window, QPoint(x, (top + bottom) // 2))
        if index.isValid() and index.column() == 0 and index.data():
            names.append(index.data())
    return names


@pytest.mark.parametrize("small_window", [(1024, 768), (1280, 800)], indirect=True)
def test_at_least_ten_whole_rows_with_names_from_a_fresh_profile(small_window):
    names = _rows_with_names_in_view(small_window)
    assert len(names) >= 10, names
    # and the product view still has the rest of the window, scrolling what does not fit
    pv = small_window.product_view
    assert pv.isVisible() and pv.height() >= 150


def test_product_column_stays_while_the_countries_scroll(small_window, qtbot):
    table = small_window.table
    bar = table.horizontalScrollBar()
    assert bar.maximum() > 0  # at 1024 px the countries do not all fit
    table.scrollTo(small_window.model.index(0, small_window.model.columnCount() - 1))
    bar.setValue(bar.maximum())
    qtbot.wait(20)
    names = _rows_with_names_in_view(small_window)
    assert len(names) >= 10 and "Akuugo" in names, names
    # the last column is on screen too, not under the frozen column
    last = table.visualRect(small_window.model.index(0, small_window.model.columnCount() - 1))
    assert last.right() <= table.viewport().width() + 1 and last.left() >= table.columnWidth(0)


def test_country_cells_are_chips_with_since_dates_and_full_tooltips(small_window):
    from mscreg.ui.item_roles import CHIP_ROLE

    model = small_window.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    row = [model.index(r, 0).data() for r in range(model.rowCount())].index("Alofisel")
    eu = model.index(row, headers.index("EU"))
    short, since, _colour = eu.data(CHIP_ROLE)
    assert short == "Withdrawn"
    assert since and since[0][:4].isdigit()  # the date the state holds since, then coarser forms
    tip = eu.data(Qt.ItemDataRole.ToolTipRole)
    assert "Withdrawn at the holder's request" in tip and "since" in tip
    assert model.headerData(headers.index("JP"), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) \
        .startswith("JP: Japan")
    if "ZZ" in headers:
        assert "ZZ" in small_window.products_page.legend.text()


def test_next_deadline_column_says_when_how_long_and_what(small_window):
    model = small_window.model
    row = [model.index(r, 0).data() for r in range(model.rowCount())].index("Akuugo")
    text = model.index(row, 1).data()
    date, countdown, what = text.split(" · ", 2)
    assert date[:4].isdigit() and "day" in countdown and what
    assert "(s)" not in countdown and countdown.endswith("days")  # a plural form, not "day(s)"


def test_details_collapse_to_one_line_until_opened(small_window, qtbot):
    pv = small_window.product_view
    assert not pv.details.isVisible() and pv.summary.isVisible()
    assert pv.summary.height() < 2.5 * pv.summary.fontMetrics().height()
    pv.details_toggle.click()
    qtbot.wait(10)
    assert pv.details.isVisible()


def test_a_layout_saved_before_the_board_does_not_shrink_the_list(qtbot, seeded_db, tmp_path):
    """A profile from before the board kept the list at a third of the window; the board's layout is
    saved under its own keys, so the list still gets its rows.  Needs the whole window: the saved
    layout is restored by the window as it starts."""
    from PySide6.QtCore import QByteArray
    from PySide6.QtWidgets import QSplitter, QWidget
    from ui.fake_dialogs import FakeDialogService

    from mscreg.ui.main_window import MainWindow
    from mscreg.ui.preferences import Settings

    old = QSplitter(Qt.Orientation.Vertical)
    old.addWidget(QWidget())
    old.addWidget(QWidget())
    old.setSizes([120, 600])
    settings = Settings(str(tmp_path / "old.ini"))
    settings.set_state("productSplitter", QByteArray(old.saveState()))
    settings.sync()
    w = MainWindow(Settings(str(tmp_path / "old.ini")), FakeDialogService())
    qtbot.addWidget(w)
    w.resize(1024, 768)
    w.show()
    with qtbot.waitSignal(w.products_shown, timeout=20_000):
        w.open_database(str(seeded_db))
    qtbot.waitUntil(lambda: w.snapshot is not None and w.snapshot.complete, timeout=20_000)
    assert len(_rows_with_names_in_view(w)) >= 10
    w.close()


def test_the_frozen_column_hides_the_column_beneath_it(small_window, qtbot):
    """The frozen column lies over the main view's own first column.  Its viewport must be filled like one
    Qt makes, or the names beneath it show through its own, offset by the scrolling."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    table = small_window.table
    for view in (table, table.frozen):
        assert view.viewport().autoFillBackground()
        assert view.viewport().backgroundRole() == QPalette.ColorRole.Base
    table.horizontalScrollBar().setValue(37)  # the names beneath move; the frozen ones stay
    qtbot.wait(50)
    viewport = table.frozen.viewport()
    on_screen = QApplication.primaryScreen().grabWindow(small_window.winId()).toImage()
    origin = viewport.mapTo(small_window, viewport.rect().topLeft())
    ratio = on_screen.devicePixelRatio()
    shown = on_screen.copy(int(origin.x() * ratio), int(origin.y() * ratio), int(viewport.width() * ratio),
                           int(viewport.height() * ratio))
    alone = viewport.grab().toImage().convertToFormat(shown.format())
    assert shown.size() == alone.size()
    assert shown == alone, "the frozen column on screen differs from the column drawn alone"
