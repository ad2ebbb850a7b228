"""On the Deadlines page of a 1024×768 window, each countdown is whole and on screen.

The Countdown column was 130 pixels wide and started at 890: "at the latest in 85 days" and "term
ended: review the track" were cut at the window's edge, the very thing the page is for.
"""

from __future__ import annotations

import pytest
from adversarial import board_support
from PySide6.QtGui import QFontMetrics

from mscreg.ui.language import set_language
from mscreg.ui.window_actions import DEADLINES_PAGE

small_window = board_support.small_window
COUNTDOWN = 4


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_countdowns_fit_their_column_inside_the_window(qtbot, small_window, lang):
    """Needs the whole window: the room the page has is what a 1024-pixel window leaves it."""
    w = small_window
    set_language(lang)
    try:
        w.pages.setCurrentIndex(DEADLINES_PAGE)
        tree = w.dashboard.tree
        qtbot.waitUntil(lambda: tree.model().rowCount() > 0 and tree.isVisible(), timeout=20_000)
        tree.expandAll()
        qtbot.wait(20)
        model = tree.model()
        texts = [model.index(r, COUNTDOWN, model.index(g, 0)).data()
                 for g in range(model.rowCount()) for r in range(model.rowCount(model.index(g, 0)))]
        assert texts and all(texts)
        fm = QFontMetrics(tree.font())
        needed = max(fm.horizontalAdvance(t) for t in texts) + 12  # the cell's margins
        assert tree.columnWidth(COUNTDOWN) >= needed, (texts, tree.columnWidth(COUNTDOWN), needed)
        right = tree.header().sectionViewportPosition(COUNTDOWN) + tree.columnWidth(COUNTDOWN)
        assert right <= tree.viewport().width()
    finally:
        set_language("en")
