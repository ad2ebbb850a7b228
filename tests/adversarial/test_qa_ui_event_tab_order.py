"""Tab walks the event dialog top to bottom: from the date to "Planned" just under it, then on down.

It went from the date to the agency, three rows lower, and only then back up to "Planned", so a user
tabbing through a new event skipped past the box that decides whether it is a plan or a fact.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractSpinBox

from mscreg.services import editing
from mscreg.services.tracker import list_events
from mscreg.ui.dialogs.event_dialog import EventDialog


@pytest.mark.parametrize("product", ["Stemirac", "Ryoncil"])
def test_each_tab_stop_is_at_or_below_the_one_before(qtbot, workspace, product):
    view = next(v for v in list_events(workspace, product=product) if v.track.pathway.value == "marketing")
    log = editing.track_log(workspace, view.track.id)
    dlg = EventDialog(None, log.track, log.events, None, lang="en")
    qtbot.addWidget(dlg)
    dlg.show()
    if product == "Stemirac":  # a type with attributes: their inputs are made after the dialog
        dlg.type_combo.setCurrentIndex(dlg.type_combo.findData("ctl_period_extended"))
    stops, widget = [], dlg.type_combo
    while widget is not dlg.reason_edit and len(stops) < 40:
        widget = widget.nextInFocusChain()
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus or not widget.isVisibleTo(dlg):
            continue
        shown = widget.parentWidget() if isinstance(widget.parentWidget(), QAbstractSpinBox) else widget
        if shown not in stops:
            stops.append(shown)
    assert stops[-1] is dlg.reason_edit and dlg.planned_check in stops
    tops = [s.mapTo(dlg, QPoint(0, 0)).y() for s in stops]
    named = [(type(s).__name__, top) for s, top in zip(stops, tops, strict=True)]
    assert all(b >= a - 4 for a, b in pairwise(tops)), named
