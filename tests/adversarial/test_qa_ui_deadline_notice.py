"""The deadline bar above the list counts the clocks the window shows, and stays closed once closed.

It was counted once, at start: with the list shown as of another day (its clocks and the Deadlines page
counted as of that day) or after an edit met a deadline, it still announced the counts of the start.
"""

from __future__ import annotations

import datetime as dt

from adversarial import board_support

from mscreg.ui.deadline_notice import urgent_counts

small_window = board_support.small_window


def _as_of(qtbot, w, day: dt.date | None) -> None:
    w.products_page.as_of.day_chosen.emit(day)
    qtbot.waitUntil(lambda: w.snapshot is not None and w.snapshot.complete
                    and w.snapshot.as_of == (day or dt.date.today()), timeout=20_000)
    qtbot.wait(20)


def test_the_bar_counts_the_clocks_of_the_day_shown(qtbot, small_window):
    """Needs the whole window: the bar, the list's day and the session's clocks together."""
    w = small_window
    notice = w.products_page.notice
    assert notice.isVisible()  # the seeded data has a clock due within 14 days today
    _as_of(qtbot, w, dt.date(2000, 1, 1))
    counts = urgent_counts(w.snapshot.deadlines, w.snapshot.as_of, w.prefs.reminder_days)
    assert not counts.any  # before any seeded clock started
    assert not notice.isVisible()
    _as_of(qtbot, w, None)
    assert notice.isVisible()


def test_a_dismissed_bar_stays_dismissed_when_the_clocks_change(qtbot, small_window):
    """Needs the whole window: the bar is counted again as the window's clocks are."""
    w = small_window
    notice = w.products_page.notice
    assert notice.isVisible()
    notice.close_button.click()
    assert not notice.isVisible()
    _as_of(qtbot, w, dt.date(2024, 6, 1))
    _as_of(qtbot, w, None)
    assert not notice.isVisible()
