"""The window's as-of day: another day re-derives states, chips, next deadlines and the product view as of
it, read through the workspace session off the UI thread; the newest choice wins; "Today" goes back."""

from __future__ import annotations

import datetime as dt

from mscreg.domain.states import State, state_name

LONG = 30_000


def _nz_state(window) -> State:
    ov = next(ov for ov in window.snapshot.overviews if ov.product.name == "Prochymal")
    return next(tv.status.state for tv in ov.tracks if tv.track.jurisdiction == "NZ")


def _nz_name(window) -> str:
    return state_name(_nz_state(window), "NZ", "en")


def _choose(qtbot, window, day):
    page = window.products_page
    with qtbot.waitSignal(window.snapshot_completed, timeout=LONG):
        page.as_of.choose(day)
    qtbot.waitUntil(lambda: window.snapshot.as_of == (day or dt.date.today()), timeout=LONG)


def test_another_day_re_derives_prochymal_nz_and_today_comes_back(window, qtbot):
    """The whole window: the control, the session, the list, the banner and the product view together."""
    page = window.products_page
    assert _nz_state(window) is State.TERM_ENDED
    assert page.as_of_banner.isHidden()

    _choose(qtbot, window, dt.date(2015, 1, 1))
    assert _nz_name(window) == "Provisional consent"
    assert window.session.as_of == dt.date(2015, 1, 1)
    assert not page.as_of_banner.isHidden()
    assert "2015-01-01" in page.as_of_banner.text() and "Back to today" in page.as_of_banner.text()
    assert page.as_of.today.isEnabled()
    # the clocks and the product view follow the same day
    assert window.snapshot.deadlines is not None
    page.show_product(next(ov.product.id for ov in window.snapshot.overviews if ov.product.name == "Prochymal"))
    assert page.product_view.as_of == dt.date(2015, 1, 1)

    with qtbot.waitSignal(window.snapshot_completed, timeout=LONG):
        page.as_of_banner.back_to_today.emit()  # the banner's link
    assert window.snapshot.as_of == dt.date.today()
    assert _nz_state(window) is State.TERM_ENDED
    assert page.as_of_banner.isHidden() and not page.as_of.today.isEnabled()
    assert window.session.as_of is None


def test_the_read_goes_through_the_session_and_the_newest_day_wins(window, qtbot, monkeypatch):
    """The whole window: the page's control must reach the session, which reads off the UI thread."""
    import threading

    from mscreg.ui import workspace_loader  # the session imports it where it reads

    threads: list[bool] = []
    real = workspace_loader.read_snapshot

    def watched(ws, search=None, as_of=None):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(ws, search, as_of)

    monkeypatch.setattr(workspace_loader, "read_snapshot", watched)
    page = window.products_page
    page.as_of.choose(dt.date(2010, 1, 1))
    page.as_of.choose(dt.date(2015, 1, 1))  # before the first read ends: only this one is shown
    assert window.snapshot.as_of == dt.date.today()  # the UI thread did not wait for a read
    qtbot.waitUntil(lambda: not window.session.working, timeout=LONG)
    assert window.snapshot.as_of == dt.date(2015, 1, 1)
    assert threads and not any(threads)  # every read ran off the UI thread
    assert _nz_name(window) == "Provisional consent"


def test_a_fresh_start_shows_today(qtbot, seeded_db, settings, dialogs):
    """The whole window: a new window on the database shows today, whatever an earlier one showed."""
    from mscreg.ui.main_window import MainWindow

    w = MainWindow(settings, dialogs)
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.products_shown, timeout=LONG):
        w.open_database(str(seeded_db))
    assert w.products_page.as_of.day() is None and w.snapshot.as_of == dt.date.today()
    w.close()


def test_the_session_reads_as_of_the_day_and_back_without_a_window(qtbot, seeded_db):
    from mscreg.ui.workspace_session import WorkspaceSession

    s = WorkspaceSession()
    try:
        with qtbot.waitSignal(s.prepared, timeout=LONG):
            s.open(str(seeded_db))
        days: list = []
        s.as_of_changed.connect(days.append)
        with qtbot.waitSignal(s.snapshot_changed, timeout=LONG) as shown:
            s.set_as_of(dt.date(2015, 1, 1))
        assert shown.args[0].as_of == dt.date(2015, 1, 1) and shown.args[0].complete
        ov = next(ov for ov in s.snapshot.overviews if ov.product.name == "Prochymal")
        assert state_name(next(tv.status.state for tv in ov.tracks if tv.track.jurisdiction == "NZ"), "NZ",
                          "en") == "Provisional consent"
        # an edit's re-read keeps the day shown
        with qtbot.waitSignal(s.snapshot_changed, timeout=LONG) as shown:
            s.refresh_changed()
        assert shown.args[0].as_of == dt.date(2015, 1, 1)
        with qtbot.waitSignal(s.snapshot_changed, timeout=LONG) as shown:
            s.set_as_of(dt.date.today())
        assert shown.args[0].as_of == dt.date.today() and s.as_of is None
        assert days == [dt.date(2015, 1, 1), None]
    finally:
        s.close()


def test_a_timeline_panel_follows_the_windows_day_and_back(qtbot):
    from ui.fake_dialogs import FakeDialogService

    from mscreg.ui.timeline_panel import TimelinePanel

    panel = TimelinePanel(None, dialogs=FakeDialogService())
    qtbot.addWidget(panel)
    panel.follow_day(dt.date(2015, 1, 1))
    assert panel.as_of_day() == dt.date(2015, 1, 1) and not panel.today.isChecked()
    panel.follow_day(dt.date(2016, 2, 3))
    assert panel.as_of_day() == dt.date(2016, 2, 3)
    panel.follow_day(None)
    assert panel.today.isChecked() and panel.as_of_day() == dt.date.today()
