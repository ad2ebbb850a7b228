"""Undo steps reach the right record even after re-creation under a new id, and never touch others."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from ui.fake_dialogs import FakeDialogService

from mscreg.domain.event import EventDraft
from mscreg.domain.partial_date import PartialDate
from mscreg.services import editing
from mscreg.services.integrity import check_database
from mscreg.services.tracker import list_events
from mscreg.ui.edit_controller import EditController


@pytest.fixture
def controller(qtbot, workspace):
    stack = QUndoStack()
    ctl = EditController(None, FakeDialogService(), stack, lang="en")
    ctl.set_workspace(workspace)
    yield ctl
    stack.clear()


def save(qtbot, dlg, reason: str) -> None:
    qtbot.keyClicks(dlg.reason_edit, reason)
    qtbot.mouseClick(dlg.ok_button(), Qt.MouseButton.LeftButton)
    assert dlg.result() == 1, dlg.problem_text()


def launches(ws) -> list[tuple[int, str]]:
    return [(v.event.id, v.event.reference) for v in list_events(ws, product="Ryoncil")
            if v.event.type == "product_launch"]


def test_undo_and_redo_keep_to_the_right_record_when_an_id_is_reused(qtbot, controller, workspace):
    track = next(v.track for v in list_events(workspace, product="Ryoncil") if v.track.pathway.value == "marketing")
    dlg = controller.new_event(track.id)
    dlg.date_edit.set_value(PartialDate(2025, 3))
    dlg.type_combo.setCurrentIndex(dlg.type_combo.findData("product_launch"))
    dlg.reference_edit.setText("mine")
    save(qtbot, dlg, "launch announced")
    [(mine, _)] = launches(workspace)
    save(qtbot, controller.delete_event(mine), "wrong month")
    # a colleague records an event; SQLite hands it the id just freed
    theirs = editing.add_event(workspace, track.id, EventDraft("product_launch", "2025-04", reference="theirs"),
                               reason="their launch").event.id
    dlg = controller.edit_event(theirs)  # then I correct the colleague's reference
    dlg.reference_edit.setText("theirs, corrected")
    save(qtbot, dlg, "typo")
    for _ in range(3):
        controller.undo_stack.undo()
    assert [ref for _id, ref in launches(workspace)] == ["theirs"]  # my creation undone, their edit undone
    for _ in range(3):
        controller.undo_stack.redo()
    assert [ref for _id, ref in launches(workspace)] == ["theirs, corrected"]
    assert controller.undo_stack.count() == 3  # no step failed
    assert check_database(workspace).ok


def test_undo_texts_name_the_change_for_the_edit_menu(qtbot, controller, workspace):
    event = next(v.event for v in list_events(workspace, product="Stemirac")
                 if v.event.type == "full_approval_application_filed")
    dlg = controller.edit_event(event.id)
    dlg.reference_edit.setText("R-1")
    save(qtbot, dlg, "reference")
    assert controller.undo_stack.undoText() == "Edit event “Full approval application filed (本承認申請)”"


def test_saving_without_a_change_adds_no_undo_step(qtbot, controller, workspace):
    event = next(v.event for v in list_events(workspace, product="Stemirac")
                 if v.event.type == "full_approval_application_filed")
    save(qtbot, controller.edit_event(event.id), "looked at it")
    assert controller.undo_stack.count() == 0
