"""The on-screen timeline: loads off the UI thread, zooms by narrowing the time window, answers
clicks and tooltips from the same picture it paints, and stays readable in a dark palette."""

from __future__ import annotations

import datetime as dt
import gc
import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPalette

from mscreg.domain.timeline_layout import MarkerKind
from mscreg.ui.timeline_style import Theme, contrasting_text


@pytest.fixture
def panel(qtbot, workspace):
    from mscreg.ui.timeline_panel import TimelinePanel

    p = TimelinePanel()
    qtbot.addWidget(p)
    p.resize(1300, 700)
    p.show()
    with qtbot.waitSignal(p.layout_ready, timeout=10000):
        p.set_workspace(workspace)
    yield p
    p.wait()
    # collect the panel's Python cycles here, on the UI thread: a collection that happens to run in
    # a worker thread must never be the one that destroys a widget
    gc.collect()


def test_country_view_loads_china_and_switches_to_approvals(qtbot, panel) -> None:
    layout = panel.view.layout_shown()
    assert layout is not None and layout.selection == "CN"
    assert any("艾米迈托赛" in lane.title for lane in layout.lanes)
    with qtbot.waitSignal(panel.layout_ready, timeout=10000) as blocker:
        panel.mode.setCurrentIndex(1)
    assert blocker.args[0].kind.value == "approvals" and not panel.jurisdiction.isEnabled()


def test_zoom_narrows_the_window_and_home_restores_it(qtbot, panel) -> None:
    full = panel.view.time_window
    panel.view.zoom(4)
    start, end = panel.view.time_window
    assert (end - start).days < (full[1] - full[0]).days / 3
    assert full[0] <= start and end <= full[1]
    qtbot.keyClick(panel.view, Qt.Key.Key_Home)
    assert panel.view.time_window == full


def test_clicking_an_event_marker_names_that_event(qtbot, panel) -> None:
    panel.view.viewport().repaint()
    layout = panel.view.layout_shown()
    approval = next(m for lane in layout.lanes for m in lane.events if m.kind is MarkerKind.AUTHORISATION)
    rect = next(r for r, h in panel.view.hits_in_view() if h.event_id == approval.event_id)
    with qtbot.waitSignal(panel.view.event_activated, timeout=2000) as blocker:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert blocker.args == [approval.event_id]
    hit = panel.view.hit_at(QPointF(rect.center()))
    assert hit is not None and "2025-01-02" in hit.tooltip


def test_as_of_day_hides_later_events(qtbot, panel) -> None:
    panel.today.setChecked(False)
    with qtbot.waitSignal(panel.layout_ready, timeout=10000) as blocker:
        panel.as_of.setDate(panel.as_of.date().fromString("2024-12-31", "yyyy-MM-dd"))
    layout = blocker.args[0]
    assert layout.as_of == dt.date(2024, 12, 31)
    assert all(m.earliest <= dt.date(2024, 12, 31) for lane in layout.lanes for m in lane.events)


def test_dark_palette_keeps_text_readable(qtbot, panel, tmp_path: Path) -> None:
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.AlternateBase, QColor("#262626"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8e8e8"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8e8e8"))
    theme = Theme.from_palette(dark)
    for colour in (theme.text, theme.muted):
        assert abs(colour.lightnessF() - theme.background.lightnessF()) > 0.45
    assert theme.background.lightnessF() < 0.2
    panel.setPalette(dark)
    panel.view.viewport().repaint()
    image = panel.grab().toImage()
    image.save(str(tmp_path / "timeline-dark.png"))
    # the plot background is dark: sample the lower-right corner of the timeline area
    corner = image.pixelColor(image.width() - 40, image.height() - 60)
    assert corner.lightnessF() < 0.35


def test_span_labels_pick_a_readable_text_colour() -> None:
    assert contrasting_text(QColor("#F0E442")).name() == "#000000"  # yellow: black text
    assert contrasting_text(QColor("#0072B2")).name() == "#ffffff"  # blue: white text


def test_screenshot_of_the_timeline_tab(qtbot, panel, tmp_path: Path) -> None:
    out = tmp_path / "timeline-tab.png"
    assert panel.grab().save(str(out))
    assert out.stat().st_size > 10_000


def test_product_tab_shows_only_its_own_controls(qtbot, workspace) -> None:
    from mscreg.ui.timeline_panel import TimelinePanel

    p = TimelinePanel(fixed_product=True)
    qtbot.addWidget(p)
    p.resize(900, 400)
    p.show()
    with qtbot.waitSignal(p.layout_ready, timeout=10000) as blocker:
        p.set_workspace(workspace)
        p.show_product("Ryoncil")
    assert blocker.args[0].kind.value == "product"
    assert not p.mode.isVisible() and not p.jurisdiction.isVisible()  # nothing stray over the tool bar
    p.wait()
    gc.collect()


# --------------------------------------------------------------------------- scale (2,000 lanes)

@pytest.fixture(scope="module")
def portfolio_layout():
    from synthetic_tracks import portfolio_logs

    from mscreg.domain.timeline_layout import country_layout

    return country_layout("CN", portfolio_logs(2000, 50), dt.date(2026, 11, 21))


@pytest.fixture
def big_view(qtbot, portfolio_layout):
    from mscreg.ui.timeline_view import TimelineView

    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    view.set_layout(portfolio_layout)
    view.viewport().repaint()
    return view


def test_two_thousand_lanes_pan_and_zoom_stay_fast(big_view) -> None:
    """Frames cost what is in view: a generous bound (the CI machine's two cores are shared)."""
    import statistics
    import time

    view = big_view
    view.zoom(3)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    cpu = []
    for i in range(12):
        start = time.process_time()
        view._pan_fraction(0.1) if i % 2 else view.zoom(1.25 if i % 4 == 0 else 0.8)
        view.viewport().repaint()
        cpu.append(time.process_time() - start)
    assert statistics.median(cpu) < 0.1  # about 12 ms on the development machine
    start = time.process_time()
    view.set_layout(view.layout_shown())  # measuring 2,000 lanes again
    view.viewport().repaint()
    assert time.process_time() - start < 1.0  # about 0.1 s


def test_dense_lanes_aggregate_labels_and_keep_every_event(big_view, portfolio_layout) -> None:
    view = big_view
    scene = view.scene
    placement = scene.placement(0, 0)  # the whole timeline: 50 events in one lane
    clusters = [i for i in placement.events if i.colour == "cluster"]
    assert clusters and all(i.text == f"+{len(i.members)}" for i in clusters)
    lane = portfolio_layout.lanes[0]
    labelled = sum(len(i.members) if i.colour == "cluster" else 1 for i in placement.events)
    assert labelled == len(lane.events) + (1 if lane.undated else 0)  # aggregated, never dropped
    assert placement.event_rows <= 3
    for row in range(placement.event_rows):  # no two labels overlap in a row
        spans = sorted((i.left, i.left + i.width) for i in placement.events if i.row == row)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    hits = view.hits_in_view()
    assert any("events:" in h.tooltip for _r, h in hits)  # an aggregate names what it stands for


def test_zoom_and_pan_keep_lane_heights(big_view) -> None:
    view = big_view
    heights = [r.height for r in view.scene.rows[:50]]
    scene = view.scene
    view.zoom(4)
    view._pan_fraction(0.3)
    assert view.scene is scene and [r.height for r in scene.rows[:50]] == heights


def test_the_view_still_answers_qwidget_window(qtbot):
    """The view's days in view have their own name, so Qt's ``window()`` still gives the top-level widget."""
    from mscreg.ui.timeline_view import TimelineView

    view = TimelineView()
    qtbot.addWidget(view)
    assert view.window() is view
