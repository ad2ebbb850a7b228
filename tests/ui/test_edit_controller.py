"""The edit controller end to end: dialog → service → audit → undo → audit, on a seeded database.

Dialogs are driven with qtbot (never exec()); messages outside dialogs go to the fake DialogService.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from ui.fake_dialogs import FakeDialogService

from mscreg.domain.partial_date import PartialDate
from mscreg.services import editing
from mscreg.services.integrity import check_database
from mscreg.services.tracker import find_product, list_events
from mscreg.storage.audit import current_actor
from mscreg.ui.edit_controller import EditController


@pytest.fixture
def fake() -> FakeDialogService:
    return FakeDialogService()


@pytest.fixture
def controller(qtbot, workspace, fake) -> EditController:
    stack = QUndoStack()
    ctl = EditController(None, fake, stack, lang="en")
    ctl.set_workspace(workspace)
    yield ctl
    stack.clear()


def audit_log(path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT id, action, entity, entity_id, changes, reason, hash FROM audit_log "
                           "ORDER BY id").fetchall()
    finally:
        con.close()


def click_ok(qtbot, dlg) -> None:
    qtbot.mouseClick(dlg.ok_button(), Qt.MouseButton.LeftButton)


def stemirac_filing(ws):
    return next(v.event for v in list_events(ws, product="Stemirac")
                if v.event.type == "full_approval_application_filed")


def event_now(ws, event_id):
    return editing.event_in_context(ws, event_id).event


def test_edit_save_undo_redo_is_audited_and_never_rewrites_history(qtbot, controller, workspace, seeded_db):
    event = stemirac_filing(workspace)
    start = audit_log(seeded_db)
    changed = []
    controller.changed.connect(lambda: changed.append(True))

    dlg = controller.edit_event(event.id)
    assert dlg is not None and dlg.isVisible()
    qtbot.keyClicks(dlg.reference_edit, "MHLW-2025-0042")
    qtbot.keyClicks(dlg.reason_edit, "reference from the acceptance letter")
    click_ok(qtbot, dlg)
    assert dlg.result() == 1 and changed == [True]
    assert event_now(workspace, event.id).reference == "MHLW-2025-0042"
    saved = audit_log(seeded_db)
    assert saved[:len(start)] == start and len(saved) == len(start) + 1  # pushing did not save twice
    assert saved[-1][1:4] == ("update", "event", event.id)
    assert json.loads(saved[-1][4]) == {"reference": ["", "MHLW-2025-0042"]}

    controller.undo_stack.undo()
    assert event_now(workspace, event.id).reference == ""
    undone = audit_log(seeded_db)
    assert undone[:len(saved)] == saved and len(undone) == len(saved) + 1
    assert undone[-1][1:4] == ("update", "event", event.id)
    assert undone[-1][5] == f"undo of update event #{event.id} — reference from the acceptance letter"

    controller.undo_stack.redo()
    assert event_now(workspace, event.id).reference == "MHLW-2025-0042"
    redone = audit_log(seeded_db)
    assert redone[:len(undone)] == undone and redone[-1][5].startswith("redo of update event")
    assert changed == [True, True, True]
    assert check_database(workspace).ok


def test_refused_transition_in_the_event_dialog_changes_nothing(qtbot, controller, workspace, seeded_db, dump):
    before = dump(seeded_db)
    track = next(v.track for v in list_events(workspace, product="Ryoncil") if v.track.pathway.value == "marketing")
    dlg = controller.new_event(track.id)
    dlg.type_combo.setCurrentIndex(dlg.type_combo.findData("ma_withdrawn"))
    dlg.date_edit.set_value(PartialDate(2019, 5))  # before the approval: nothing to withdraw
    qtbot.keyClicks(dlg.reason_edit, "holder's request")
    assert not dlg.ok_button().isEnabled()
    assert "must follow" in dlg.problem_text()
    click_ok(qtbot, dlg)
    dlg._on_ok()  # even a forced OK is refused by the same check
    assert dlg.isVisible() and dlg.result() == 0
    assert dump(seeded_db) == before and controller.undo_stack.count() == 0


def test_a_refusal_found_only_at_save_keeps_the_dialog_open_and_changes_nothing(qtbot, controller, workspace,
                                                                               seeded_db, dump):
    track = next(v.track for v in list_events(workspace, product="Ryoncil") if v.track.pathway.value == "marketing")
    dlg = controller.new_event(track.id)
    dlg.date_edit.set_value(PartialDate(2026, 2))
    dlg.type_combo.setCurrentIndex(dlg.type_combo.findData("ma_withdrawn"))
    qtbot.keyClicks(dlg.reason_edit, "holder's request")
    assert dlg.ok_button().isEnabled()
    # meanwhile a colleague records the withdrawal a month earlier
    editing.add_event(workspace, track.id, editing.EventDraft("ma_withdrawn", "2026-01"), reason="EC decision")
    before = dump(seeded_db)
    click_ok(qtbot, dlg)
    assert dlg.isVisible() and dlg.result() == 0
    assert "Withdrawn at the holder's request" in dlg.problem_text()  # the state it would follow
    assert dlg.reason() == "holder's request"  # what the user typed is still there
    assert dump(seeded_db) == before and controller.undo_stack.count() == 0


def test_a_stale_edit_says_who_changed_the_record_and_when(qtbot, controller, workspace, seeded_db, dump):
    event = stemirac_filing(workspace)
    dlg = controller.edit_event(event.id)
    qtbot.keyClicks(dlg.note_edit, "my note")
    qtbot.keyClicks(dlg.reason_edit, "add a note")
    editing.update_event(workspace, event.id, replace(editing.event_draft(event), reference="JP-1"),
                         reason="colleague's edit")
    before = dump(seeded_db)
    click_ok(qtbot, dlg)
    assert dlg.isVisible()
    assert f"changed by {current_actor()} at" in dlg.problem_text()
    assert dump(seeded_db) == before


def test_create_product_track_event_then_undo_and_redo_all(qtbot, controller, workspace, seeded_db, fake):
    dlg = controller.new_product()
    qtbot.keyClicks(dlg.name_edit, "Testocel")
    qtbot.keyClicks(dlg.reason_edit, "new product")
    click_ok(qtbot, dlg)
    product = find_product(workspace, "Testocel")

    dlg = controller.new_track(product.id)
    dlg.jurisdiction_combo.setCurrentIndex(dlg.jurisdiction_combo.findData("CN"))
    dlg.pathway_combo.setCurrentIndex(dlg.pathway_combo.findData("clinical"))
    qtbot.keyClicks(dlg.indication_edit, "knee osteoarthritis")
    qtbot.keyClicks(dlg.reason_edit, "new track")
    click_ok(qtbot, dlg)
    [track] = editing.tracks_of(workspace, product.id)

    dlg = controller.new_event(track.id)
    dlg.date_edit.set_value(PartialDate(2025, 3, 4))
    dlg.type_combo.setCurrentIndex(dlg.type_combo.findData("cta_accepted"))
    qtbot.keyClicks(dlg.reason_edit, "CDE notice")
    click_ok(qtbot, dlg)
    assert [v.event.type for v in list_events(workspace, product="Testocel")] == ["cta_accepted"]
    assert controller.undo_stack.count() == 3

    for _ in range(3):
        controller.undo_stack.undo()
    assert not any(p.name == "Testocel" for p in editing_products(workspace))
    reasons = [r[5] for r in audit_log(seeded_db)[-3:]]
    assert [r.split(" #")[0] for r in reasons] == ["undo of create event", "undo of create track",
                                                    "undo of create product"]

    for _ in range(3):
        controller.undo_stack.redo()
    views = list_events(workspace, product="Testocel")  # re-created under new ids, still linked
    assert [(v.event.type, v.event.date.iso(), v.track.jurisdiction) for v in views] == [
        ("cta_accepted", "2025-03-04", "CN")]
    assert fake.shown == []  # no step failed
    assert check_database(workspace).ok


def editing_products(ws):
    from mscreg.services.tracker import product_overviews

    return [ov.product for ov in product_overviews(ws)]


def test_delete_event_asks_a_reason_and_undo_brings_it_back(qtbot, controller, workspace, seeded_db):
    event = stemirac_filing(workspace)
    dlg = controller.delete_event(event.id)
    assert not dlg.ok_button().isEnabled()  # no reason yet
    assert "Full approval application filed" in dlg.question.text()
    qtbot.keyClicks(dlg.reason_edit, "entered on the wrong product")
    click_ok(qtbot, dlg)
    assert all(v.event.type != event.type for v in list_events(workspace, product="Stemirac"))
    assert audit_log(seeded_db)[-1][1:4] == ("delete", "event", event.id)

    controller.undo_stack.undo()
    back = next(v.event for v in list_events(workspace, product="Stemirac") if v.event.type == event.type)
    assert editing.event_draft(back) == editing.event_draft(event)
    last = audit_log(seeded_db)[-1]
    assert last[1:3] == ("create", "event") and last[5].startswith(f"undo of delete event #{event.id}")
    controller.undo_stack.redo()  # deletes the re-created event, whatever its new id
    assert all(v.event.type != event.type for v in list_events(workspace, product="Stemirac"))
    assert check_database(workspace).ok


def test_an_undo_no_longer_possible_is_reported_and_changes_nothing(qtbot, controller, workspace, seeded_db,
                                                                     dump, fake):
    event = stemirac_filing(workspace)
    dlg = controller.edit_event(event.id)
    qtbot.keyClicks(dlg.reference_edit, "A-1")
    qtbot.keyClicks(dlg.reason_edit, "reference")
    click_ok(qtbot, dlg)
    editing.update_event(workspace, event.id, replace(editing.event_draft(event), reference="B-2"),
                         reason="colleague")
    before = dump(seeded_db)
    controller.undo_stack.undo()
    qtbot.waitUntil(lambda: bool(fake.shown))
    kind, _title, text = fake.shown[-1]
    assert kind == "error" and "changed by" in text and "Nothing was changed" in text
    assert controller.undo_stack.count() == 0
    assert dump(seeded_db) == before


def test_deleting_a_product_with_tracks_is_refused_before_anything_is_typed(qtbot, controller, workspace):
    dlg = controller.delete_product(find_product(workspace, "Ryoncil").id)
    qtbot.keyClicks(dlg.reason_edit, "cleanup")
    assert not dlg.ok_button().isEnabled()
    assert "still has tracks" in dlg.problem_text()


def test_a_record_that_is_gone_is_reported_not_crashed_on(controller, fake):
    assert controller.edit_event(987654) is None
    assert fake.shown and fake.shown[-1][0] == "error" and "no longer exists" in fake.shown[-1][2]


def test_without_a_database_the_user_is_told(qtbot, fake):
    ctl = EditController(None, fake, QUndoStack(), lang="en")
    assert ctl.new_product() is None
    assert fake.shown[-1][0] == "error"
