"""The product view's Trials section and the obligation dialogs, driven as a user drives them: through
the window, its product view and the dialogs the edit controller opens (never ``exec()``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from mscreg.domain.obligation import ObligationDraft
from mscreg.domain.partial_date import PartialDate

CLI_TRACK = "critical limb ischaemia (Buerger's disease; atherosclerotic PAD)"
STUDIES = Path(__file__).parents[1] / "fixtures" / "ctgov" / "studies_v2.json"


@pytest.fixture
def seeded_db(seeded_db):
    """Stempeucel with one obligation and two linked trials (of the fixture's studies); the rest stored."""
    from mscreg.services import obligations as obl
    from mscreg.services import trial_records
    from mscreg.services.workspace import open_workspace

    with open_workspace(str(seeded_db), daily_backup=False) as ws:
        obl.add_obligation(ws, draft=ObligationDraft("confirmatory_trial", "Phase 4 study of limb salvage",
                                                     due="2019-05", owner="Clinical ops"),
                           reason="approval letter", product="Stempeucel", jurisdiction="IN", indication=CLI_TRACK,
                           authorisation_type="approval_limited")
        trial_records.import_trials(ws, STUDIES)
        trials = trial_records.list_trials(ws)
        assert len(trials) >= 3
        [pid] = [p for p, name in trial_records.product_names(ws).items() if name == "Stempeucel"]
        for t in trials[:2]:
            trial_records.set_trial_product(ws, t.id, pid, reason="sponsor's pipeline page")
    return seeded_db


def _open(window, name="Stempeucel"):
    window.show_product(next(ov.product.id for ov in window.snapshot.overviews if ov.product.name == name))
    return window.product_view


def _section(pv):
    [section] = [s for s in pv.sections if s.track_view.track.indication == CLI_TRACK]
    return section


def _audit(window):
    from mscreg.services.audit_trail import list_audit

    return sorted(list_audit(window.session.ws), key=lambda r: r.id)  # oldest first


def _dialog(window):
    return window.edits.controller.dialog


def _wait_reread(qtbot, window, before):
    qtbot.waitUntil(lambda: window.snapshot is not before and window.snapshot.complete, timeout=20_000)


# ----- trials --------------------------------------------------------------------------------------------


def test_the_trials_section_lists_the_linked_trials_and_opens_their_registry_page(window):
    """The linked trials reach the section through the session's snapshot and the products page; needs the whole
    window."""
    pv = _open(window)
    panel = pv.trials_panel
    assert not panel.isHidden() and not panel.table.isHidden()
    assert panel.model.rowCount() == 2
    ids = {panel.model.index(r, 0).data() for r in range(2)}
    assert all(i.startswith("NCT") for i in ids)
    titles = [panel.model.headerData(c, Qt.Orientation.Horizontal)
              for c in range(panel.model.columnCount())]
    assert titles == ["Registry ID", "Title", "Phase", "Status", "Start", "Completion", "Enrolment"]
    opened = []
    panel.open_url = opened.append
    panel.table.clicked.emit(panel.model.index(0, 0))
    assert opened == [f"https://clinicaltrials.gov/study/{panel.model.index(0, 0).data()}"]
    # another product has none: the section says so and offers to link one
    other = _open(window, "Alofisel")
    assert other.trials_panel.model.rowCount() == 0 and not other.trials_panel.empty.isHidden()
    assert other.trials_panel.link_button.isEnabled() and not other.trials_panel.unlink_button.isEnabled()


def test_linking_a_stored_trial_through_the_dialog_is_audited_and_the_section_refreshes(window, qtbot):
    """The request goes from the section through the window to the edit controller, and the re-read comes back
    through the session: needs the whole window."""
    pv = _open(window, "Alofisel")
    before, audit_before = window.snapshot, len(_audit(window))
    pv.trials_panel.link_button.click()
    dlg = _dialog(window)
    assert type(dlg).__name__ == "TrialLinkDialog" and dlg.isVisible()
    qtbot.waitUntil(lambda: dlg.loaded, timeout=10_000)  # read in the background
    assert not dlg.ok_button().isEnabled()  # nothing chosen yet
    shown = dlg.model.rowCount()
    assert shown >= 3  # every stored trial, the two linked to Stempeucel too (linking moves them)
    wanted = dlg.model.trial(0)
    dlg.search.setText(wanted.registry_id)
    qtbot.waitUntil(lambda: dlg.model.rowCount() == 1, timeout=5000)  # searched once the typing stops
    dlg.table.selectRow(0)
    assert not dlg.ok_button().isEnabled()  # the reason is missing
    dlg.reason_edit.setText("linked by hand after reading the sponsor's release")
    assert dlg.ok_button().isEnabled()
    dlg.ok_button().click()
    assert not dlg.isVisible()
    _wait_reread(qtbot, window, before)
    rows = _audit(window)[audit_before:]
    assert [(r.entity, r.action, r.reason) for r in rows] == [
        ("trial", "update", "linked by hand after reading the sponsor's release")]
    pv = _open(window, "Alofisel")
    qtbot.waitUntil(lambda: pv.trials_panel.model.rowCount() == 1, timeout=5000)
    assert pv.trials_panel.model.index(0, 0).data() == wanted.registry_id


def test_unlinking_asks_for_a_reason_and_cancel_writes_nothing(window, qtbot):
    """Unlinking goes from the section through the window's edit requests; needs the whole window."""
    pv = _open(window)
    panel = pv.trials_panel
    panel.table.selectRow(0)
    gone = panel.selected_trial()
    audit_before = len(_audit(window))
    panel.unlink_button.click()
    dlg = _dialog(window)
    assert type(dlg).__name__ == "ReasonDialog" and not dlg.ok_button().isEnabled()
    dlg.reason_edit.setText("not this product's trial")
    dlg.buttons.rejected.emit()  # Cancel
    assert len(_audit(window)) == audit_before
    before = window.snapshot
    panel.unlink_button.click()
    dlg = _dialog(window)
    dlg.reason_edit.setText("not this product's trial")
    dlg.ok_button().click()
    _wait_reread(qtbot, window, before)
    [row] = _audit(window)[audit_before:]
    assert (row.entity, row.entity_id, row.reason) == ("trial", gone.id, "not this product's trial")
    pv = _open(window)
    qtbot.waitUntil(lambda: pv.trials_panel.model.rowCount() == 1, timeout=5000)


# ----- obligations ---------------------------------------------------------------------------------------


def test_adding_an_obligation_by_rule_creates_it_and_the_panel_refreshes(window, qtbot):
    """The panel's request, the save and the refreshed snapshot all pass through the main window: needs the whole
    window."""
    panel = _section(_open(window)).obligations
    assert not panel.add_button.isHidden()
    before, audit_before = window.snapshot, len(_audit(window))
    panel.add_button.click()
    dlg = _dialog(window)
    assert type(dlg).__name__ == "ObligationDialog" and dlg.isVisible()
    assert not dlg.ok_button().isEnabled() and dlg.problem_label.is_error() is False  # a hint, not an alarm
    dlg.kind.setCurrentIndex(dlg.kind.findData("periodic_report"))
    dlg.text_en.setPlainText("Annual safety report")
    dlg.due_mode.setCurrentIndex(dlg.due_mode.findData("rule"))
    dlg.rule_amount.setValue(18)
    dlg.rule_unit.setCurrentIndex(dlg.rule_unit.findData("months"))
    dlg.owner.setText("Safety team")
    dlg.reason_edit.setText("approval letter, condition 2")
    assert dlg.ok_button().isEnabled(), dlg.problem_text()
    dlg.ok_button().click()
    assert not dlg.isVisible(), dlg.problem_text()
    _wait_reread(qtbot, window, before)
    [row] = _audit(window)[audit_before:]
    assert (row.entity, row.action, row.reason) == ("obligation", "create", "approval letter, condition 2")
    panel = _section(_open(window)).obligations
    qtbot.waitUntil(lambda: len(panel.views) == 2, timeout=5000)
    added = next(v for v in panel.views if v.obligation.text_en == "Annual safety report")
    assert added.obligation.due_rule.text() == "18 months" and added.obligation.owner == "Safety team"
    assert "Annual safety report" in panel.table.text()


def test_a_duplicate_is_refused_beside_its_field_and_nothing_is_written(window):
    """Only the service knows the duplicate; the dialog is opened by the window's edit controller: needs the whole
    window."""
    panel = _section(_open(window)).obligations
    audit_before = len(_audit(window))
    panel.add_button.click()
    dlg = _dialog(window)
    dlg.text_en.setPlainText("Phase 4 study of limb salvage")  # the kind defaults to confirmatory trial
    dlg.reason_edit.setText("typed twice")
    dlg.ok_button().click()
    assert dlg.isVisible()  # stays open with what was typed
    assert "already" in dlg.field_problem("text_en") or dlg.field_problem("text_en")
    assert dlg.problem_text()
    assert len(_audit(window)) == audit_before


def test_a_step_dated_in_the_future_is_refused_beside_the_date(qtbot):
    from mscreg.ui.dialogs.obligation_dialog import ObligationStepDialog

    dlg = ObligationStepDialog(None, "Confirmatory trial: Phase 4 study", lang="en")
    qtbot.addWidget(dlg)
    saved = []
    dlg.set_saver(lambda: saved.append(dlg.value()))
    dlg.reason_edit.setText("report sent")
    assert dlg.ok_button().isEnabled()
    dlg.date.year.setValue(dt.date.today().year + 1)
    assert not dlg.ok_button().isEnabled()
    assert "cannot have happened yet" in dlg.field_problem("date"), dlg.field_problem("date")
    assert dlg.field_problem("reason") == ""
    dlg.buttons.accepted.emit()  # OK pressed anyway (by Enter): refused, nothing saved
    assert saved == [] and dlg.field_problem("date")
    dlg.date.year.setValue(dt.date.today().year - 1)
    assert dlg.ok_button().isEnabled() and dlg.field_problem("date") == ""


def test_a_step_before_the_authorisation_is_refused_by_the_service_beside_the_date(window):
    """The refusal comes from the service after OK, through the window's edit controller: needs the whole window."""
    panel = _section(_open(window)).obligations
    [view] = panel.views
    audit_before = len(_audit(window))
    panel.obligation_step.emit(view.obligation.id)
    dlg = _dialog(window)
    dlg.date.precision.setCurrentIndex(dlg.date.precision.findData("year"))
    dlg.date.year.setValue(2000)
    dlg.reason_edit.setText("report sent")
    dlg.ok_button().click()
    assert dlg.isVisible()
    assert dlg.field_problem("date"), dlg.problem_text()
    assert len(_audit(window)) == audit_before


def test_recording_an_extension_then_editing_and_deleting_the_obligation(window, qtbot):
    """Three dialogs in a row, each re-read through the session into the product view: needs the whole window."""
    panel = _section(_open(window)).obligations
    [view] = panel.views
    oid = view.obligation.id
    audit_before = len(_audit(window))
    panel.obligation_step.emit(oid)
    dlg = _dialog(window)
    dlg.type.setCurrentIndex(dlg.type.findData("extended"))
    assert not dlg.new_due.isHidden()
    dlg.date.set_value(PartialDate(2019, 4, 2))
    dlg.new_due.set_value(PartialDate(2021, 5))
    dlg.reason_edit.setText("agency letter of 2 April 2019")
    before = window.snapshot
    dlg.ok_button().click()
    assert not dlg.isVisible(), dlg.problem_text()
    _wait_reread(qtbot, window, before)
    # a step recorded: deleting is refused before the button can be pressed
    panel = _section(_open(window)).obligations
    panel.delete_obligation.emit(oid)
    dlg = _dialog(window)
    dlg.reason_edit.setText("entered on the wrong product")
    assert not dlg.ok_button().isEnabled() and "steps" in dlg.problem_text()
    dlg.buttons.rejected.emit()
    # editing keeps the authorisation and changes the owner
    panel.edit_obligation.emit(oid)
    dlg = _dialog(window)
    assert type(dlg).__name__ == "ObligationDialog" and not dlg.authorisation.isEnabled()
    assert dlg.text_en.toPlainText() == "Phase 4 study of limb salvage"
    dlg.owner.setText("Medical affairs")
    dlg.reason_edit.setText("owner changed")
    before = window.snapshot
    dlg.ok_button().click()
    assert not dlg.isVisible(), dlg.problem_text()
    _wait_reread(qtbot, window, before)
    rows = _audit(window)[audit_before:]
    assert [(r.entity, r.action) for r in rows] == [("obligation_event", "create"), ("obligation", "update")]
    panel = _section(_open(window)).obligations
    qtbot.waitUntil(lambda: "Medical affairs" in panel.table.text(), timeout=5000)


def test_cancel_on_a_new_obligation_writes_nothing(window):
    """Opened from the product view through the window's edit requests; needs the whole window."""
    panel = _section(_open(window)).obligations
    audit_before = len(_audit(window))
    panel.add_button.click()
    dlg = _dialog(window)
    dlg.text_en.setPlainText("Something")
    dlg.reason_edit.setText("a reason")
    dlg.buttons.rejected.emit()
    assert not dlg.isVisible()
    assert len(_audit(window)) == audit_before
