"""The main window as a user meets it: it paints first, fills the product list from the database off
the UI thread, searches and filters as you type, shows a product's tracks, and keeps its layout."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from mscreg.ui.product_table_model import OBJECT_ROLE


def names(window) -> list[str]:
    m = window.model
    return [m.index(r, 0).data() for r in range(m.rowCount())]


def headers(model) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_window_lists_seeded_products_with_their_states(window, tmp_path):
    """Needs the whole window: the list as first filled from a database opened off the UI thread, and the status
    line counting it."""
    assert window.model.rowCount() == 15
    row = names(window).index("Alofisel")
    eu = headers(window.model).index("EU")
    cell = window.model.index(row, eu)
    assert cell.data() == "Withdrawn at the holder's request"
    assert cell.data(Qt.ItemDataRole.DecorationRole) is not None  # state icon beside the name
    assert window.model.index(row, 0).data(OBJECT_ROLE).product.name == "Alofisel"
    assert headers(window.model)[:2] == ["Product", "Next deadline"]
    assert headers(window.model)[-4:] == ["Chinese name", "Company", "Tissue", "Donor"]
    assert "15 product" in window.status.text()
    window.grab().save(str(tmp_path / "main_window.png"))
    assert (tmp_path / "main_window.png").stat().st_size > 20_000


@pytest.mark.parametrize("query", ["艾米", "amimestrocel", "aimmexitocel", "aimimaituosai", "ammts", "睿铂生",
                                   "AIMMEXITOCEL", "platinum life"])
def test_search_box_finds_the_product_by_any_name_as_you_type(window, qtbot, query):
    """Needs the whole window: typing in the search box drives the filter, the list and the product view
    together."""
    window.filters.search.clear()
    type_text(qtbot, window.filters.search, query)
    assert names(window) == ["Amimestrocel Injection"]
    assert window.product_view.title.text() == "Amimestrocel Injection"
    assert "1 of 15" in window.status.text()


def test_search_with_no_match_empties_the_list_and_the_product_view(window, qtbot):
    """Needs the whole window: the list and the product view below it must agree as a search empties and refills
    the list."""
    shown = window.product_view.overview
    assert shown is not None
    type_text(qtbot, window.filters.search, "no such product 🙂 ' OR 1=1 --")
    assert window.model.rowCount() == 0
    assert window.product_view.overview is None
    window.filters.reset()
    assert window.model.rowCount() == 15
    # the first row is selected again and shown again (it was the same product before the search)
    assert window.product_view.overview is window.current_overview()
    assert window.product_view.title.text() == window.current_overview().product.name


def test_reloads_do_not_keep_earlier_portfolios_alive(window, qtbot):
    """Each edit reloads every overview; the list's per-row caches must not hold the old ones (+150 MB
    per edit at 10,000 products was measured before this was fixed).  Needs the whole window: the
    caches are those the list fills through real re-reads, searches and sorts."""
    window.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    for _ in range(3):
        before = window.snapshot
        window.session.reload()
        qtbot.waitUntil(lambda b=before: window.snapshot is not b and window.snapshot.complete, timeout=20_000)
        type_text(qtbot, window.filters.search, "a")
        window.filters.search.clear()
    model = window.model
    assert len(model._sort_keys) <= window.model.rowCount()
    live = {id(ov) for ov in window.snapshot.overviews}
    assert all(key in live for key in model._sort_keys)
    assert all(key[0] in live for key in model._leads)


def _wait_for_new_snapshot(qtbot, window, before) -> None:
    qtbot.waitUntil(lambda: window.snapshot is not before and window.snapshot.complete, timeout=20_000)


def test_an_edit_is_shown_by_re_reading_only_the_changed_product(window, qtbot):
    """Needs the whole window: a change re-read by its session and shown in the list and the search."""
    from mscreg.services import editing
    from mscreg.services.deadlines import deadlines_of
    from mscreg.services.tracker import product_overviews

    before = window.snapshot
    cartistem = next(ov for ov in before.overviews if ov.product.name == "Cartistem")
    draft = replace(editing.product_draft(cartistem.product), name="Cartistem Plus")
    editing.update_product(window.ws, cartistem.product.id, draft, reason="brand name changed")
    window.session.refresh_changed()
    _wait_for_new_snapshot(qtbot, window, before)

    assert "Cartistem Plus" in names(window) and "Cartistem" not in names(window)
    after = window.snapshot
    kept = [a is b for a, b in zip(before.overviews, after.overviews, strict=True)
            if a.product.id != cartistem.product.id]
    assert all(kept) and len(kept) == 14  # the other 14 products were not read again
    assert after.overviews == product_overviews(window.ws)
    assert after.deadlines == deadlines_of(after.overviews, after.as_of)
    window.filters.search.clear()
    type_text(qtbot, window.filters.search, "cartistem plus")
    assert names(window) == ["Cartistem Plus"]


def test_two_quick_edits_end_with_both_shown(window, qtbot):
    """Needs the whole window: two re-reads racing, and what the list ends up showing."""
    from mscreg.services import editing

    before = window.snapshot
    for old, new in (("Cartistem", "Cartistem A"), ("Stemirac", "Stemirac B")):
        ov = next(o for o in before.overviews if o.product.name == old)
        editing.update_product(window.ws, ov.product.id, replace(editing.product_draft(ov.product), name=new),
                               reason="renamed")
        window.session.refresh_changed()  # the second starts before the first has been shown
    qtbot.waitUntil(lambda: not window.session.working, timeout=20_000)
    assert {"Cartistem A", "Stemirac B"} <= set(names(window))


def test_the_reload_action_reads_everything_again(window, qtbot):
    """Needs the whole window: the Reload command of its menus and toolbar."""
    before = window.snapshot
    window.commands.refresh.trigger()
    _wait_for_new_snapshot(qtbot, window, before)
    assert not any(a is b for a, b in zip(before.overviews, window.snapshot.overviews, strict=True))
    assert window.snapshot.overviews == before.overviews


def type_text(qtbot, line_edit, text: str) -> None:
    """Type ``text`` one character at a time (QTest can only synthesise ASCII keys; Chinese comes from an
    input method, which commits text into the line edit)."""
    line_edit.setFocus()
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(line_edit, ch)
        else:
            line_edit.insert(ch)


def _choose(combo, data):
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def test_filters_by_jurisdiction_state_tissue_and_donor(window):
    """Needs the whole window: the filter bar's controls acting on the list of a real snapshot."""
    f = window.filters
    _choose(f.jurisdiction, "JP")
    jp = set(names(window))
    assert jp == {ov.product.name for ov in window.snapshot.overviews
                  if any(tv.track.jurisdiction == "JP" for tv in ov.tracks)}
    assert {"Temcell HS Inj.", "Stemirac", "Akuugo"} <= jp and "Ryoncil" not in jp
    _choose(f.state, "AUTHORISED_TIME_LIMITED")
    assert set(names(window)) < jp and "Akuugo" in names(window)
    f.reset()
    _choose(f.tissue, "adipose")
    assert "Alofisel" in names(window) and "Ryoncil" not in names(window)
    _choose(f.donor, "autologous")
    shown = [window.model.index(r, 0).data(OBJECT_ROLE).product for r in range(window.model.rowCount())]
    assert shown and all(p.donor_type.value == "autologous" and p.source_tissue.value == "adipose" for p in shown)


def test_deadline_filter_keeps_products_with_an_open_clock_due_in_time(window):
    """Needs the whole window: the due-within filter uses the clocks of the second loading stage."""
    import datetime as dt

    window.filters.due_days.setValue(999)
    window.filters.due.setChecked(True)
    with_clock = set(names(window))
    limit = window.snapshot.as_of + dt.timedelta(days=999)
    expected = {d.product.name for d in window.snapshot.deadlines if d.clock.is_open and d.clock.due.earliest <= limit}
    assert with_clock == expected and 0 < len(with_clock) < 15
    window.filters.due_days.setValue(1)
    soon = set(names(window))
    assert soon <= with_clock
    assert "Prochymal" in soon  # its NZ consent lapsed years ago: overdue counts as due


def test_sorting_by_a_column_sorts_the_list_and_keeps_the_selection(window):
    """Needs the whole window: sorting by a column keeps the selected product selected (view, model and page
    together)."""
    window.show_product(next(ov.product.id for ov in window.snapshot.overviews if ov.product.name == "Ryoncil"))
    window.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    listed = names(window)
    assert listed == sorted(listed, key=str.casefold, reverse=True)
    assert window.current_overview().product.name == "Ryoncil"
    company = headers(window.model).index("Company")
    window.table.sortByColumn(company, Qt.SortOrder.AscendingOrder)
    companies = [window.model.index(r, company).data() for r in range(window.model.rowCount())]
    filled = [c for c in companies if c]
    assert filled == sorted(filled, key=str.casefold) and companies[: len(filled)] == filled


def test_product_view_shows_tracks_events_at_their_precision_and_deadlines(window):
    """Needs the whole window: the product view filled from the selected row with the snapshot's clocks."""
    window.show_product(next(ov.product.id for ov in window.snapshot.overviews
                             if ov.product.name == "Amimestrocel Injection"))
    pv = window.product_view
    assert "艾米迈托赛注射液" in pv.details.text() and "Aimmexitocel" in pv.details.text()
    assert len(pv.sections) == len(window.current_overview().tracks)
    section = pv.sections[0]
    dates = [section.model.index(r, 0).data() for r in range(section.model.rowCount())]
    iso = [e.date.iso() if e.date else None for e in section.track_view.events]
    assert all(d == i for d, i in zip(dates, iso, strict=True) if i)  # "2024-07" stays "2024-07"
    assert "Conditional approval" in section.state_label.text()
    assert "Drug registration certificate valid 5 years" in section.deadlines.text()
    assert "in " in section.deadlines.text() and "day" in section.deadlines.text()


def test_month_precision_dates_never_gain_a_day(window):
    """Needs the whole window: dates as the product view shows a real track, in both date styles."""
    from mscreg.ui.date_display import LONG, set_date_style

    months = [(ov, tv) for ov in window.snapshot.overviews for tv in ov.tracks
              if any(e.date and e.date.precision.value == "month" for e in tv.events)]
    assert months
    ov, tv = months[0]
    window.show_product(ov.product.id)
    section = next(s for s in window.product_view.sections if s.track_view.track.id == tv.track.id)
    event_row = next(r for r, e in enumerate(tv.events) if e.date and e.date.precision.value == "month")
    e = tv.events[event_row]
    assert section.model.index(event_row, 0).data() == e.date.iso()
    try:
        set_date_style(LONG)
        section.model.refresh_texts()
        text = section.model.index(event_row, 0).data()
        assert str(e.date.year) in text and not any(ch.isdigit() for ch in text.replace(str(e.date.year), ""))
    finally:
        set_date_style("iso")


def test_window_state_is_restored_between_runs(qtbot, window, settings, dialogs, seeded_db):
    """Needs the whole window: its geometry, splitter and column widths saved on close and restored by the next
    one."""
    from mscreg.ui.main_window import MainWindow

    window.resize(760, 700)  # the offscreen screen is 800 × 800: a restored window is kept on it
    qtbot.waitUntil(lambda: window.width() <= 760)
    size = window.size()
    window.splitter.setSizes([200, 400])
    sizes = window.splitter.sizes()
    window.table.setColumnWidth(0, 333)
    window.close()
    again = MainWindow(settings, dialogs)
    qtbot.addWidget(again)
    again.show()
    with qtbot.waitSignal(again.products_shown, timeout=20_000):
        again.open_database(str(seeded_db))
    # the deadline notice above the list appears with the clocks, the second stage of loading
    qtbot.waitUntil(lambda: again.snapshot is not None and again.snapshot.complete, timeout=20_000)
    assert again.size() == size
    assert again.splitter.sizes() == sizes
    assert again.table.columnWidth(0) == 333
    again.close()


def test_second_window_on_the_same_database_is_told_it_is_open(qtbot, window, settings, dialogs, seeded_db):
    """Needs the whole window: what a second window tells the user (status line and message box) while the lock
    is held."""
    from mscreg.ui.main_window import MainWindow

    second = MainWindow(settings, dialogs)
    qtbot.addWidget(second)
    with qtbot.waitSignal(second.open_failed, timeout=20_000):
        second.open_database(str(seeded_db))
    assert second.ws is None
    kind, _title, text = dialogs.shown[-1]
    assert kind == "error" and "already open" in text and str(seeded_db) in text
    second.close()
    window.close()  # the first window releases the lock: a new one opens the database
    third = MainWindow(settings, dialogs)
    qtbot.addWidget(third)
    with qtbot.waitSignal(third.products_shown, timeout=20_000):
        third.open_database(str(seeded_db))
    third.close()


def test_a_file_that_is_not_a_database_is_refused_with_a_readable_message(qtbot, tmp_path, settings, dialogs):
    """Needs the whole window: the message box the user gets, with no traceback."""
    from mscreg.ui.main_window import MainWindow

    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("shopping list")
    w = MainWindow(settings, dialogs)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.open_failed, timeout=20_000):
        w.open_database(str(bogus))
    kind, _title, text = dialogs.shown[-1]
    assert kind == "error" and "notes.sqlite" in text and "Traceback" not in text
    assert bogus.read_text() == "shopping list"
    w.close()


def test_closing_while_the_database_is_read_releases_it(qtbot, seeded_db, settings, dialogs, tmp_path):
    """Closing (or switching databases) during the first read: what the loader still sends is dropped,
    its workspace closed and the lock file removed, not handed to a window that has let go.  Needs the
    whole window: closing it is what the user does."""
    from mscreg.ui.main_window import MainWindow
    from mscreg.ui.single_instance import lock_path_for

    _add_30000_events(seeded_db, tmp_path)
    w = MainWindow(settings, dialogs)
    qtbot.addWidget(w)
    w.show()
    w.open_database(str(seeded_db))
    lock = lock_path_for(str(seeded_db))
    qtbot.waitUntil(lambda: lock.exists(), timeout=20_000)
    w.close_database()
    qtbot.wait(300)  # the queued signals of the abandoned loader are delivered now
    assert w.ws is None and w.session.lock is None and w.model.rowCount() == 0
    assert not lock.exists()
    with qtbot.waitSignal(w.products_shown, timeout=20_000):  # and the database opens again at once
        w.open_database(str(seeded_db))
    w.close()


@pytest.mark.parametrize("page", [5, 30])
def test_a_damaged_page_is_refused_before_anything_read_is_shown(qtbot, seeded_db, settings, dialogs, page):
    """The pages are checked beside the first read: the damage is still reported as damage, the list
    stays empty and the file is left as it was.  Needs the whole window: what the user sees of it."""
    from mscreg.ui.main_window import MainWindow

    with seeded_db.open("r+b") as fh:
        fh.seek(4096 * (page - 1))
        fh.write(b"\xde\xad\xbe\xef" * 1024)
    before = seeded_db.read_bytes()
    w = MainWindow(settings, dialogs)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.open_failed, timeout=20_000):
        w.open_database(str(seeded_db))
    kind, _title, text = dialogs.shown[-1]
    assert kind == "error" and "damaged" in text and "Traceback" not in text
    assert w.model.rowCount() == 0 and w.ws is None
    assert seeded_db.read_bytes() == before
    w.close()


def test_deadline_notice_and_dashboard_lead_to_the_product(window, qtbot):
    """Needs the whole window: the notice, the Deadlines page and the product list lead from one to the other.

    The shipped data's only overdue clock is Prochymal's NZ consent, whose term ended in 2016 with
    nothing recorded: it asks for a review of the track instead of raising the overdue alarm."""
    from mscreg.ui.deadlines_dashboard import OVERDUE, REVIEW

    assert "overdue" not in window.notice.text.text()
    window.commands.deadlines.trigger()
    assert window.pages.currentWidget() is window.dashboard
    model = window.dashboard.model
    assert model.rowCount(model.index(OVERDUE, 0)) == 0
    review = model.index(REVIEW, 0)
    assert model.rowCount(review) >= 1
    child = model.index(0, 0, review)
    d = model.deadline_at(child)
    assert (d.product.name, d.clock.track.jurisdiction, d.review) == ("Prochymal", "NZ", True)
    assert "review" in model.data(review).casefold()
    window.dashboard.tree.setCurrentIndex(child)
    qtbot.mouseClick(window.dashboard.open_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.products_page
    assert window.current_overview().product.id == d.product.id


def test_keyboard_shortcuts_switch_pages_and_find(window, qtbot):
    """Needs the whole window: its shortcuts switch its pages and focus its search box."""
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.audit_view
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.dashboard
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.products_page
    assert window.filters.search.hasFocus()


def test_every_focusable_widget_has_an_accessible_name(window):
    """Needs the whole window: every widget of every page, as a screen reader meets them."""
    from PySide6.QtWidgets import QWidget

    window.show_product(window.snapshot.overviews[0].product.id)
    for page in range(3):
        window.pages.setCurrentIndex(page)
        missing = [f"{type(w).__name__}:{w.objectName()}" for w in window.findChildren(QWidget)
                   if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isEnabled()
                   and not w.accessibleName() and not _labelled_by_qt(w) and not _is_inner_part(w)]
        assert missing == [], page
    buttons = [w for w in window.findChildren(QWidget) if w.inherits("QAbstractButton") and w.isVisible()]
    assert all(b.accessibleName() or b.text() or b.toolTip() for b in buttons)


def _labelled_by_qt(w) -> bool:
    """Widgets whose accessible text Qt takes from their visible text (buttons, tabs, menus)."""
    return any(w.inherits(c) for c in ("QAbstractButton", "QScrollBar", "QHeaderView", "QTabBar", "QMenuBar",
                                        "QToolBar", "QMenu"))


def _is_inner_part(w) -> bool:
    """Parts Qt builds inside a named widget (a combo's line edit, a spin box's editor, a view's viewport)."""
    parent = w.parentWidget()
    return parent is not None and bool(parent.accessibleName()) and w.objectName().startswith("qt_")


def test_first_paint_with_products_via_the_command_line(seeded_db, tmp_path):
    """Needs the whole window, started as a user starts it: the time to its first paint with products."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    timings = []
    for _ in range(2):
        out = subprocess.run([sys.executable, "-m", "mscreg.cli", "--quit-after-first-paint", "--db", str(seeded_db)],
                             capture_output=True, text=True, timeout=60, env=env)
        assert out.returncode == 0, out.stderr
        timings.append(int(out.stdout.strip().splitlines()[-1]))
    # The goal is 700 ms on an idle machine; the test allows for a busy CI box.
    assert 0 < min(timings) < 5_000, timings
    assert not (seeded_db.parent / (seeded_db.name + ".lock")).exists()


def test_first_paint_happens_before_the_database_layer_is_imported(tmp_path):
    """Needs the whole window: what it has imported when it first paints."""
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from mscreg.ui.main_window import MainWindow\n"
        "from mscreg.ui.preferences import Settings\n"
        f"w = MainWindow(Settings({str(tmp_path / 's.ini')!r}))\n"
        "w.show(); app.processEvents()\n"
        "heavy = [m for m in ('sqlalchemy', 'sqlmodel', 'alembic', 'openpyxl', 'icalendar', 'pypinyin')"
        " if m in sys.modules]\n"
        "print('painted' if w._painted else 'not painted', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.stdout.strip() == "painted []", out.stdout + out.stderr


def _add_30000_events(db, tmp_path) -> None:
    """Enough data for the first read to take a few hundred ms (through the import service)."""
    from fixtures.exchange.big_csv import write_big_csv

    from mscreg.services.exchange.importing import import_file
    from mscreg.services.workspace import open_workspace

    with open_workspace(str(db), daily_backup=False) as ws:
        import_file(ws, write_big_csv(tmp_path / "big.csv", 30_000))


def test_ui_stays_responsive_while_the_database_opens(qtbot, seeded_db, settings, dialogs, tmp_path):
    """The UI thread keeps processing events while the worker opens and reads the database.

    30,000 events, so that the read takes long enough (a few hundred ms) for a freeze to show.  Needs
    the whole window: a freeze is of the window, painting and all.
    """
    from PySide6.QtCore import QTimer

    from mscreg.ui.main_window import MainWindow

    _add_30000_events(seeded_db, tmp_path)

    w = MainWindow(settings, dialogs)
    qtbot.addWidget(w)
    w.show()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    with qtbot.waitSignal(w.products_shown, timeout=20_000):
        w.open_database(str(seeded_db))
    timer.stop()
    assert len(gaps) >= 3
    assert max(gaps[1:]) < 0.5, gaps  # no freeze the user would notice (generous for a busy machine)
    w.close()


@pytest.fixture
def gated_pinyin(monkeypatch):
    """The pinyin preparation held until the test lets it finish (at 10,000 products it takes ~3 s)."""
    import threading

    import mscreg.ui.workspace_loader as workspace_loader  # the session imports it where it prepares

    gate = threading.Event()
    real = workspace_loader.prepare_after_load

    def held(search, known=None):
        gate.wait(30)
        return real(search, known)

    monkeypatch.setattr(workspace_loader, "prepare_after_load", held)
    yield gate
    gate.set()


def _open_held(qtbot, settings, dialogs, db):
    from mscreg.ui.main_window import MainWindow

    w = MainWindow(settings, dialogs)
    qtbot.addWidget(w)
    w.show()
    w.open_database(str(db))
    qtbot.waitUntil(lambda: w.snapshot is not None and w.snapshot.complete and w.session.preparing, timeout=20_000)
    return w


def test_an_edit_shown_while_the_pinyin_keys_are_prepared_keeps_its_search_keys(qtbot, seeded_db, settings,
                                                                                 dialogs, gated_pinyin):
    """A re-read that ends before the pinyin keys are ready: the keys, when ready, must not put back the
    search index of before the edit (the new product could then never be found by search).  Needs the
    whole window: the search box must find it."""
    from mscreg.domain.product import ProductDraft
    from mscreg.services import editing

    w = _open_held(qtbot, settings, dialogs, seeded_db)
    editing.create_product(w.ws, ProductDraft("Zedcel", name_zh="泽德赛"), reason="new in pipeline")
    before = w.snapshot
    w.session.refresh_changed()
    qtbot.waitUntil(lambda: w.snapshot is not before and w.snapshot.complete, timeout=20_000)
    gated_pinyin.set()
    qtbot.waitUntil(lambda: w.snapshot.search.has_pinyin and not w.session.preparing and not w.session.working,
                    timeout=20_000)
    zedcel = next(ov.product.id for ov in w.snapshot.overviews if ov.product.name == "Zedcel")
    assert w.snapshot.search.matching("zedcel") == {zedcel}
    assert zedcel in w.snapshot.search.matching("zedesai")  # pinyin of 泽德赛
    type_text(qtbot, w.filters.search, "zedcel")
    assert names(w) == ["Zedcel"]
    w.close()


def test_after_switching_databases_edits_go_to_the_open_one(qtbot, window, fresh_database, settings, dialogs,
                                                           gated_pinyin):
    """The edit controller follows the database as soon as it is open, not once pinyin is ready.  Needs
    the whole window: the controller is the one its menus and views use."""
    other = fresh_database()
    with qtbot.waitSignal(window.products_shown, timeout=20_000):
        window.open_database(str(other))
    assert window.edits.controller is not None and window.edits.controller.ws is window.ws
