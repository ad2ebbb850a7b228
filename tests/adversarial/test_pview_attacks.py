"""Attacks on the product view's obligation dialogs and trial links: a record changed, deleted or given a
step by someone else between opening a dialog and pressing OK, markup in an obligation's text, a step that
does not fit the history.  Each refusal must be shown in the dialog (which stays open), in the interface
language, and nothing may be written."""

from __future__ import annotations

from pathlib import Path

import pytest

from mscreg.domain.obligation import ObligationDraft
from mscreg.domain.partial_date import PartialDate
from mscreg.services import obligations as obl
from mscreg.services import trial_records
from mscreg.services.audit_trail import list_audit

CLI_TRACK = "critical limb ischaemia (Buerger's disease; atherosclerotic PAD)"
STUDIES = Path(__file__).parents[1] / "fixtures" / "ctgov" / "studies_v2.json"


def _add(ws, text="Phase 4 study of limb salvage", **kw):
    draft = ObligationDraft(kw.pop("kind", "confirmatory_trial"), text, due=kw.pop("due", "2019-05"))
    return obl.add_obligation(ws, draft=draft, reason="approval letter", product="Stempeucel", jurisdiction="IN",
                              indication=CLI_TRACK, authorisation_type="approval_limited")


@pytest.fixture
def controller(qtbot, workspace):
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QWidget
    from ui.fake_dialogs import FakeDialogService

    from mscreg.ui.edit_controller import EditController

    host = QWidget()  # the dialogs' parent, deleted by qtbot after the test (not left to the cyclic GC)
    qtbot.addWidget(host)
    c = EditController(host, FakeDialogService(), QUndoStack(), lang="en")
    c.set_workspace(workspace)
    yield c
    c.wait_for_tasks()
    if c.dialog is not None:
        c.dialog.close()


def _count(ws) -> int:
    return len(list_audit(ws))


def test_an_edit_saved_over_a_change_made_meanwhile_is_refused_and_writes_nothing(controller, workspace):
    v = _add(workspace)
    dlg = controller.edit_obligation(v.obligation.id)
    obl.update_obligation(workspace, v.obligation.id, ObligationDraft("confirmatory_trial", v.obligation.text_en,
                                                                      due="2019-06"),
                          reason="the command line, meanwhile")
    before = _count(workspace)
    dlg.owner.setText("Clinical ops")
    dlg.reason_edit.setText("owner")
    dlg.ok_button().click()
    assert dlg.isVisible() and dlg.problem_text()
    assert _count(workspace) == before
    assert obl.obligation_view(workspace, v.obligation.id).obligation.owner == ""


def test_a_step_for_an_obligation_deleted_meanwhile_is_refused_and_writes_nothing(controller, workspace):
    v = _add(workspace)
    dlg = controller.obligation_step(v.obligation.id)
    obl.delete_obligation(workspace, v.obligation.id, reason="entered twice")
    before = _count(workspace)
    dlg.date.set_value(PartialDate(2019, 4, 2))
    dlg.reason_edit.setText("report sent")
    dlg.ok_button().click()
    assert dlg.isVisible() and dlg.problem_text()
    assert _count(workspace) == before


def test_deleting_after_a_step_was_recorded_meanwhile_is_refused(controller, workspace):
    v = _add(workspace)
    dlg = controller.delete_obligation(v.obligation.id)
    assert not dlg.problem_label.is_error()  # no steps when it opened
    obl.record_obligation_event(workspace, v.obligation.id, type="submitted", date="2019-04", reason="filed")
    before = _count(workspace)
    dlg.reason_edit.setText("not an obligation of this approval")
    dlg.ok_button().click()
    assert dlg.isVisible() and "steps" in dlg.problem_text()
    assert _count(workspace) == before
    assert obl.obligation_view(workspace, v.obligation.id).events


def test_an_extension_not_later_than_the_due_date_is_refused_beside_the_new_due_date(controller, workspace):
    v = _add(workspace)
    before = _count(workspace)
    dlg = controller.obligation_step(v.obligation.id)
    dlg.type.setCurrentIndex(dlg.type.findData("extended"))
    dlg.date.set_value(PartialDate(2019, 4, 2))
    dlg.new_due.set_value(PartialDate(2019, 1))
    dlg.reason_edit.setText("agency letter")
    dlg.ok_button().click()
    assert dlg.isVisible() and dlg.field_problem("new_due")
    assert _count(workspace) == before


def test_a_trial_changed_meanwhile_is_not_linked_over_the_change(qtbot, controller, workspace):
    trial_records.import_trials(workspace, STUDIES)
    [pid] = [p for p, n in trial_records.product_names(workspace).items() if n == "Alofisel"]
    dlg = controller.link_trial(pid)
    qtbot.waitUntil(lambda: dlg.loaded, timeout=10_000)  # read in the background
    dlg.table.selectRow(0)
    chosen = dlg.value()
    trial_records.set_trial_product(workspace, chosen.id, pid + 1 if pid != 1 else 2, reason="someone else")
    before = _count(workspace)
    dlg.reason_edit.setText("mine")
    dlg.ok_button().click()
    assert dlg.isVisible() and dlg.problem_text()
    assert _count(workspace) == before
    assert trial_records.get_trial(workspace, chosen.id).product_id != pid


def test_markup_in_an_obligation_text_is_shown_as_text_never_as_an_action(qtbot, workspace):
    from mscreg.ui.obligations_panel import ObligationsPanel

    bait = _add(workspace, text="<a href='delete:1'>Delete</a> <b>all</b>")
    views = obl.obligations_of_products(workspace, [bait.product.id])
    panel = ObligationsPanel()
    qtbot.addWidget(panel)
    panel.show_obligations(views)
    shown = panel.table.text()
    assert "&lt;a href=&#x27;delete:1&#x27;&gt;" in shown and "<b>all</b>" not in shown
    assert shown.count("href='delete:") == len(views)
    asked = []
    panel.delete_obligation.connect(asked.append)
    panel.table.linkActivated.emit("delete:not-a-number")
    panel.table.linkActivated.emit("javascript:alert(1)")
    assert asked == []
    panel.table.linkActivated.emit(f"delete:{bait.obligation.id}")
    assert asked == [bait.obligation.id]
