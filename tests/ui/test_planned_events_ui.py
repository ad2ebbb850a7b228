"""Plans in the window: the event dialog's "Planned" switch (a quarter only for a plan, a future date
only for a plan), the product view listing a track's plans marked, and "Mark as happened…"."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from mscreg.domain.event import EventDraft
from mscreg.domain.partial_date import PartialDate, Precision
from mscreg.domain.track import TrackDraft
from mscreg.services import editing
from mscreg.services.tracker import list_events, product_overviews, record_event
from mscreg.ui.date_display import LONG, format_partial
from mscreg.ui.dialogs.event_dialog import EventDialog
from mscreg.ui.product_view import EventTableModel, ProductView


def _log(ws) -> editing.TrackLog:
    view = next(v for v in list_events(ws, product="Ryoncil", jurisdiction="US")
                if v.track.pathway.value == "marketing")
    return editing.track_log(ws, view.track.id)


def _precisions(dlg: EventDialog) -> list[str]:
    combo = dlg.date_edit.precision
    return [combo.itemData(i) for i in range(combo.count())]


def test_the_planned_switch_allows_a_quarter_and_a_future_date(qtbot, workspace):
    log = _log(workspace)
    dlg = EventDialog(None, log.track, log.events, None, lang="en")
    qtbot.addWidget(dlg)
    dlg.open()
    assert not dlg.planned_check.isChecked()
    assert Precision.QUARTER.value not in _precisions(dlg)
    future = dt.date.today() + dt.timedelta(days=800)
    dlg.date_edit.set_value(PartialDate.of_day(future))
    dlg.type_combo.setCurrentIndex(dlg.type_combo.findData("ma_withdrawn"))
    qtbot.keyClicks(dlg.reason_edit, "plan")
    assert not dlg.ok_button().isEnabled() and "Planned" in dlg.problem_text()
    dlg.planned_check.setChecked(True)
    assert dlg.ok_button().isEnabled(), dlg.problem_text()
    assert Precision.QUARTER.value in _precisions(dlg)
    dlg.date_edit.set_value(PartialDate.parse(f"{future.year}-Q3"))
    draft = dlg.value()
    assert draft.planned and draft.date == f"{future.year}-Q3"
    assert dlg.ok_button().isEnabled(), dlg.problem_text()
    # switched off again, the quarter is no longer offered and the plan's date is refused as a fact
    dlg.planned_check.setChecked(False)
    assert Precision.QUARTER.value not in _precisions(dlg)
    assert not dlg.value().planned and not dlg.ok_button().isEnabled()


def test_the_product_view_lists_the_plan_and_offers_mark_as_happened(qtbot, workspace):
    record_event(workspace, product="Ryoncil", track=TrackDraft("US", "", "marketing"),
                 draft=EventDraft("ma_withdrawn", "2031-Q2", planned=True), reason="plan")
    (overview,) = product_overviews(workspace, "Ryoncil")
    view = ProductView()
    qtbot.addWidget(view)
    view.show_product(overview)
    section = next(s for s in view.sections if s.track_view.track.jurisdiction == "US"
                   and s.track_view.track.pathway.value == "marketing")
    model = section.model
    dates = [model.index(r, EventTableModel.DATE).data() for r in range(model.rowCount())]
    names = [model.index(r, EventTableModel.TYPE).data() for r in range(model.rowCount())]
    assert dates[-1] == "2031 Q2" and names[-1] == "planned: Authorisation withdrawn at the holder's request"
    assert sum(1 for n in names if n.startswith("planned")) == 1
    assert model.index(model.rowCount() - 1, 0).data(Qt.ItemDataRole.FontRole).italic()
    # the dialog opened to mark it as happened has the switch off and locked
    plan = model.event_at(model.rowCount() - 1)
    dlg = EventDialog(None, section.track_view.track, _log(workspace).events, plan, lang="en", mark_happened=True)
    qtbot.addWidget(dlg)
    assert dlg.marking and not dlg.planned_check.isChecked() and not dlg.planned_check.isEnabled()
    assert dlg.windowTitle() == "Mark as happened"


def test_a_quarter_reads_as_a_quarter_in_every_style(qapp):
    q = PartialDate.parse("2027-Q2")
    assert format_partial(q) == "2027 Q2" and format_partial(q, LONG) == "2027 Q2"


def test_mark_as_happened_saves_one_audited_update_and_undo_makes_it_a_plan_again(qtbot, workspace, seeded_db):
    import json
    import sqlite3

    from PySide6.QtGui import QUndoStack
    from ui.fake_dialogs import FakeDialogService

    from mscreg.ui.edit_controller import EditController

    saved = record_event(workspace, product="Ryoncil", track=TrackDraft("US", "", "marketing"),
                         draft=EventDraft("advisory_committee_positive", "2026-Q4", planned=True),
                         reason="plan").event
    stack = QUndoStack()
    controller = EditController(None, FakeDialogService(), stack, lang="en")
    controller.set_workspace(workspace)
    dlg = controller.mark_happened(saved.id)
    assert dlg is not None and dlg.marking
    dlg.date_edit.set_value(PartialDate.parse("2026-11-20"))
    qtbot.keyClicks(dlg.reason_edit, "committee met")
    assert dlg.ok_button().isEnabled(), dlg.problem_text()
    qtbot.mouseClick(dlg.ok_button(), Qt.MouseButton.LeftButton)
    after = editing.event_in_context(workspace, saved.id).event
    assert not after.planned and after.date.iso() == "2026-11-20"
    con = sqlite3.connect(seeded_db)
    try:
        changes, reason = con.execute("SELECT changes, reason FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    finally:
        con.close()
    assert json.loads(changes) == {"date": ["2026-Q4", "2026-11-20"], "planned": [True, None]}
    assert reason == "committee met"
    assert stack.undoText().startswith("Mark “") and stack.undoText().endswith("” as happened")
    stack.undo()
    assert editing.event_in_context(workspace, saved.id).event.planned
    stack.clear()


def test_a_quarter_reads_in_chinese_as_its_ordinal_quarter(qapp):
    from mscreg.ui.language import set_language

    set_language("zh_CN")
    try:
        assert format_partial(PartialDate.parse("2027-Q2")) == "2027年第二季度"
        assert format_partial(PartialDate.parse("2027-Q4"), LONG) == "2027年第四季度"
    finally:
        set_language("en")
    assert format_partial(PartialDate.parse("2027-Q4")) == "2027 Q4"
