"""The event dialog offers what the state machine allows, explains refusals before saving, and
returns exactly what the user entered (driven with qtbot, never exec())."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from mscreg.domain.event import EventDraft
from mscreg.domain.event_types import EVENT_TYPES
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.state_machine import allowed_next, derive
from mscreg.services import editing
from mscreg.services.tracker import list_events
from mscreg.ui.dialogs.event_dialog import EventDialog


def track_of(ws, product: str, jurisdiction: str | None = None) -> editing.TrackLog:
    # the product's marketing track (Ryoncil also has the clinical track of its IND)
    view = next(v for v in list_events(ws, product=product, jurisdiction=jurisdiction)
                if v.track.pathway.value == "marketing")
    return editing.track_log(ws, view.track.id)


def open_dialog(qtbot, log: editing.TrackLog, event=None, lang: str = "en") -> EventDialog:
    dlg = EventDialog(None, log.track, log.events, event, lang=lang)
    qtbot.addWidget(dlg)
    dlg.open()
    return dlg


def set_date(dlg: EventDialog, date: PartialDate | None) -> None:
    dlg.date_edit.set_value(date)


def choose_type(dlg: EventDialog, code: str) -> None:
    index = dlg.type_combo.findData(code)
    assert index >= 0, f"{code} not offered: {dlg.offered_types()}"
    dlg.type_combo.setCurrentIndex(index)


def test_new_event_offers_what_the_state_machine_allows_now(qtbot, workspace):
    log = track_of(workspace, "Ryoncil")
    dlg = open_dialog(qtbot, log)
    set_date(dlg, PartialDate(2026, 2))
    status = derive(log.track, log.events)
    assert dlg.offered_types() == allowed_next(log.track, status.state, status.flags)
    assert "complete_response_letter" not in dlg.offered_types()
    assert dlg.selected_type() is None and not dlg.ok_button().isEnabled()
    assert dlg.state_label.text() == "Approved"


def test_an_earlier_date_offers_what_was_possible_then(qtbot, workspace):
    dlg = open_dialog(qtbot, track_of(workspace, "Ryoncil"))
    set_date(dlg, PartialDate(2020, 9))
    assert "complete_response_letter" in dlg.offered_types()
    assert "ma_withdrawn" not in dlg.offered_types()
    assert dlg.state_label.text() == "Under review"


def test_a_refused_transition_is_explained_and_ok_stays_disabled(qtbot, workspace):
    dlg = open_dialog(qtbot, track_of(workspace, "Ryoncil"))
    set_date(dlg, PartialDate(2026, 2))
    choose_type(dlg, "ma_withdrawn")
    qtbot.keyClicks(dlg.reason_edit, "holder's request")
    assert dlg.ok_button().isEnabled() and dlg.problem_text() == ""
    set_date(dlg, PartialDate(2019))  # before the approval: nothing to withdraw yet
    assert dlg.selected_type() == "ma_withdrawn"  # the user's choice is kept, and explained
    assert not dlg.ok_button().isEnabled()
    why = dlg.problem_text()
    assert "2019" in why and "must follow" in why and "2024-12-18" in why  # the approval it must follow
    assert dlg.problem_label.is_error()


def test_filled_dialog_returns_the_draft_and_reason(qtbot, workspace):
    dlg = open_dialog(qtbot, track_of(workspace, "Stemirac"))
    set_date(dlg, PartialDate(2026, 3, approximate=True))
    choose_type(dlg, "ctl_period_extended")
    years = dlg._attribute_widgets["time_limit_years"]
    years.setValue(8)
    qtbot.keyClicks(dlg.reference_edit, "MHLW-2026-17")
    dlg.confidence_combo.setCurrentIndex(dlg.confidence_combo.findData("high"))
    qtbot.keyClicks(dlg.reason_edit, "MHLW notice")
    accepted = []
    dlg.accepted.connect(lambda: accepted.append(True))
    qtbot.mouseClick(dlg.ok_button(), Qt.MouseButton.LeftButton)
    assert accepted == [True]
    assert dlg.value() == EventDraft("ctl_period_extended", "2026-03", reference="MHLW-2026-17", confidence="high",
                                     attributes={"time_limit_years": "8"}, approximate=True)
    assert dlg.reason() == "MHLW notice"


def test_editing_an_event_changes_nothing_the_user_did_not_touch(qtbot, workspace):
    log = track_of(workspace, "Stemirac")
    event = next(e for e in log.events if e.type == "approval_conditional_time_limited")
    dlg = open_dialog(qtbot, log, event)
    assert dlg.value() == editing.event_draft(event)
    assert dlg.value().attributes  # the time limit survives the round trip
    assert event.type in dlg.offered_types()
    assert not dlg.ok_button().isEnabled()  # a reason is still needed
    assert "reason" in dlg.problem_text() and not dlg.problem_label.is_error()


def test_an_undated_event_stays_undated(qtbot, workspace):
    log = next(editing.track_log(workspace, v.track.id) for v in list_events(workspace) if v.event.date is None)
    event = next(e for e in log.events if e.date is None)
    dlg = open_dialog(qtbot, log, event)
    assert dlg.value().date is None


def test_ok_with_a_saver_that_refuses_keeps_the_dialog_open_with_the_message(qtbot, workspace):
    dlg = open_dialog(qtbot, track_of(workspace, "Ryoncil"))
    set_date(dlg, PartialDate(2026, 2))
    choose_type(dlg, "product_launch")
    qtbot.keyClicks(dlg.reason_edit, "launch")
    dlg.set_saver(lambda: "record changed by alice at noon")
    qtbot.mouseClick(dlg.ok_button(), Qt.MouseButton.LeftButton)
    assert dlg.isVisible() and dlg.result() == 0
    assert "changed by alice" in dlg.problem_text()
    assert dlg.value().type == "product_launch"  # nothing typed was lost


def test_chinese_names_and_messages(qtbot, workspace):
    dlg = open_dialog(qtbot, track_of(workspace, "Ryoncil"), lang="zh_CN")
    set_date(dlg, PartialDate(2019))
    choose_type(dlg, "ma_submitted")
    assert dlg.type_combo.currentText() == EVENT_TYPES["ma_submitted"].name("zh_CN")
    set_date(dlg, PartialDate(2026, 2))  # after approval a new submission is refused
    assert "申报路径" in dlg.problem_text()


def test_every_focusable_widget_has_an_accessible_name(qtbot, workspace):
    dlg = open_dialog(qtbot, track_of(workspace, "Stemirac"))
    choose_type(dlg, "ctl_period_extended")
    focusable = [w for w in dlg.findChildren(QWidget)
                 if isinstance(w, QComboBox | QLineEdit | QPlainTextEdit | QAbstractSpinBox)
                 and w.isVisibleTo(dlg) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
                 and not isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox)]
    assert len(focusable) >= 10
    assert [w for w in focusable if not w.accessibleName()] == []


def test_language_change_retranslates_domain_names(qtbot, workspace):
    language = pytest.importorskip("mscreg.ui.language")
    dlg = EventDialog(None, track_of(workspace, "Ryoncil").track, track_of(workspace, "Ryoncil").events)
    qtbot.addWidget(dlg)
    dlg.show()
    set_date(dlg, PartialDate(2026, 2))
    choose_type(dlg, "ma_withdrawn")
    try:
        language.set_language("zh_CN")  # Qt posts LanguageChange to each window
        qtbot.waitUntil(lambda: dlg.type_combo.currentText() == EVENT_TYPES["ma_withdrawn"].name("zh_CN"))
        assert dlg.selected_type() == "ma_withdrawn"
    finally:
        language.set_language("en")
    qtbot.waitUntil(lambda: dlg.type_combo.currentText() == EVENT_TYPES["ma_withdrawn"].name("en"))


def test_tab_goes_from_the_date_through_the_details_to_the_reason(qtbot, workspace):
    dlg = open_dialog(qtbot, track_of(workspace, "Stemirac"))
    dlg.show()
    choose_type(dlg, "ctl_period_extended")
    order, widget = [], dlg.date_edit.approximate
    while len(order) < 12:
        widget = widget.nextInFocusChain()
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisibleTo(dlg):
            continue
        shown = widget.parentWidget() if isinstance(widget.parentWidget(), QAbstractSpinBox) else widget
        if shown not in order:  # a spin box and its line edit are one stop
            order.append(shown)
    assert order[:3] == [dlg.planned_check, dlg._attribute_widgets["time_limit_years"], dlg.agency_edit]
    assert order.index(dlg.note_edit) < order.index(dlg.note_zh_edit) < order.index(dlg.reason_edit)
