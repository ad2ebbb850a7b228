"""Tab walks a product's overview top to bottom: its tracks, then the trials linked to it.

Each track's section is made after the trials panel below them, so Tab went from the product's details
down to "Link trial…" at the bottom and then back up to the first track.
"""

from __future__ import annotations

from itertools import pairwise

from adversarial import board_support
from PySide6.QtCore import QPoint, Qt

small_window = board_support.small_window


def test_the_trials_come_after_every_track_in_the_tab_order(qtbot, small_window):
    """Needs the whole window: the product view as the list shows the current product, its sections made
    as products with more tracks are shown."""
    w = small_window
    overviews = sorted((ov for ov in w.snapshot.overviews if ov.tracks), key=lambda ov: len(ov.tracks))
    for ov in (overviews[0], overviews[-1]):  # one track, then the most: sections made after the panel
        w.show_product(ov.product.id)
        qtbot.wait(20)
    view = w.product_view
    host = view.sections_host
    assert len([s for s in view.sections if s.isVisibleTo(view)]) == len(overviews[-1].tracks) > 1
    stops, widget = [], view.details_toggle
    for _ in range(1000):
        widget = widget.nextInFocusChain()
        if widget is view.details_toggle:
            break
        if host.isAncestorOf(widget) and widget.isVisibleTo(view) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            stops.append(widget)
    assert view.trials_panel.isAncestorOf(stops[-1])
    tops = [s.mapTo(host, QPoint(0, 0)).y() for s in stops]
    named = [(type(s).__name__, top) for s, top in zip(stops, tops, strict=True)]
    assert all(b >= a - 4 for a, b in pairwise(tops)), named
