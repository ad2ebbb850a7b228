"""The product view's Trials section and the obligation form, without a window: the model's texts in
both languages, estimated dates marked, the as-of day greying trials not started by then, the registry
page each identifier opens, and the drafts the obligation dialog returns for each way of giving a due date."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from mscreg.domain.partial_date import PartialDate
from mscreg.domain.trial import (
    DateKind,
    Enrolment,
    EnrolmentKind,
    OverallStatus,
    Phase,
    Registry,
    TrialDate,
    TrialRegistration,
    registry_page,
)


def _trial(**kw) -> TrialRegistration:
    base = dict(registry=Registry.CTGOV, registry_id="NCT01234567", title="MSC for GvHD", id=1,
                title_zh="间充质干细胞治疗移植物抗宿主病", phases=frozenset({Phase.PHASE1, Phase.PHASE2}),
                status=OverallStatus.RECRUITING,
                start_date=TrialDate(PartialDate(2024, 6), DateKind.ACTUAL),
                completion=TrialDate(PartialDate(2027, 3, 31), DateKind.ESTIMATED),
                enrolment=Enrolment(60, EnrolmentKind.ANTICIPATED), product_id=7)
    base.update(kw)
    return TrialRegistration(**base)


def _row(model, row=0):
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_the_model_shows_each_column_in_the_interface_language(qapp):
    from mscreg.ui.language import set_language
    from mscreg.ui.trials_panel import ProductTrialsModel

    model = ProductTrialsModel()
    model.set_trials([_trial()])
    assert _row(model) == ["NCT01234567", "MSC for GvHD", "Phase I/II", "recruiting", "2024-06",
                           "2027-03-31 (estimated)", "60 (anticipated)"]
    try:
        set_language("zh")
        model.refresh_texts()
        assert _row(model) == ["NCT01234567", "间充质干细胞治疗移植物抗宿主病", "I/II 期", "招募中", "2024-06",
                               "2027-03-31（预计）", "60（预计）"]
        assert model.headerData(0, Qt.Orientation.Horizontal) == "注册号"
        model.set_trials([_trial(title_zh="")])
        assert _row(model)[1] == "MSC for GvHD"  # the other language's title, not a blank
    finally:
        set_language("en")


def test_an_earlier_day_greys_the_trials_not_started_by_then(qapp):
    from mscreg.ui.trials_panel import ProductTrialsModel, TrialsPanel

    later = _trial(id=2, registry_id="NCT07654321", start_date=TrialDate(PartialDate(2026, 1), DateKind.ESTIMATED))
    model = ProductTrialsModel()
    model.set_trials([_trial(), later], as_of=dt.date(2025, 1, 1))
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, 1).data(Qt.ItemDataRole.ForegroundRole) is not None
    panel = TrialsPanel()
    panel.set_trials([_trial(), later], 7, dt.date(2025, 1, 1))
    assert not panel.note.isHidden() and "2025-01-01" in panel.note.text()
    panel.set_trials([_trial(), later], 7, None)  # today: registries' statuses, nothing greyed
    assert panel.note.isHidden() and panel.model.as_of is None


def test_the_panel_asks_to_link_and_unlink_and_opens_the_registry_page(qtbot):
    from mscreg.ui.trials_panel import TrialsPanel

    panel = TrialsPanel()
    qtbot.addWidget(panel)
    panel.set_trials([], 7)
    assert panel.table.isHidden() and not panel.empty.isHidden() and not panel.unlink_button.isEnabled()
    with qtbot.waitSignal(panel.link_trial) as asked:
        panel.link_button.click()
    assert asked.args == [7]
    panel.set_trials([_trial(id=41)], 7)
    opened = []
    panel.open_url = opened.append
    panel.table.clicked.emit(panel.model.index(0, 0))
    assert opened == ["https://clinicaltrials.gov/study/NCT01234567"]
    panel.table.clicked.emit(panel.model.index(0, 1))  # a title is not a link
    assert len(opened) == 1
    panel.table.selectRow(0)
    with qtbot.waitSignal(panel.unlink_trial) as asked:
        panel.unlink_button.click()
    assert asked.args == [41]


@pytest.mark.parametrize(("registry", "ident", "sources", "page"), [
    (Registry.CTGOV, "NCT01234567", (), "https://clinicaltrials.gov/study/NCT01234567"),
    (Registry.JRCT, "jRCT2031210123", (), "https://jrct.mhlw.go.jp/en-latest-detail/jRCT2031210123"),
    (Registry.ANZCTR, "ACTRN12622000949785", (), "https://www.anzctr.org.au/ACTRN12622000949785.aspx"),
    (Registry.CHICTR, "ChiCTR2000012345", ("press release", "https://www.chictr.org.cn/showproj.html?proj=1"),
     "https://www.chictr.org.cn/showproj.html?proj=1"),
    (Registry.CHICTR, "ChiCTR2000012345", ("a journal article",), None),
    (Registry.EU_CT, "2004-001234-56", (), None),  # a EudraCT number: the new register does not find it
])
def test_the_registry_page_of_a_trial(registry, ident, sources, page):
    assert registry_page(_trial(registry=registry, registry_id=ident, sources=sources)) == page


def test_the_obligation_form_returns_a_draft_for_each_way_of_giving_the_due_date(qtbot):
    from mscreg.ui.dialogs.obligation_dialog import ObligationDialog

    dlg = ObligationDialog(None, [], lang="en")
    qtbot.addWidget(dlg)
    dlg.text_en.setPlainText("Final report")
    dlg.due_mode.setCurrentIndex(dlg.due_mode.findData("date"))
    dlg.due_date.set_value(PartialDate(2027, 6))
    assert (dlg.value().due, dlg.value().due_rule) == ("2027-06", None)
    dlg.due_mode.setCurrentIndex(dlg.due_mode.findData("rule"))
    dlg.rule_amount.setValue(18)
    dlg.rule_unit.setCurrentIndex(dlg.rule_unit.findData("months"))
    assert (dlg.value().due, dlg.value().due_rule) == (None, "18 months")
    dlg.due_mode.setCurrentIndex(dlg.due_mode.findData("unknown"))
    assert (dlg.value().due, dlg.value().due_rule) == (None, None)
    dlg.reason_edit.setText("letter")
    # no authorisation to attach it to: said beside that field, OK stays disabled
    assert not dlg.ok_button().isEnabled() and dlg.field_problem("authorisation")


def test_a_rule_out_of_range_is_refused_beside_the_due_date(qtbot):
    from mscreg.ui.dialogs.obligation_dialog import ObligationDialog

    dlg = ObligationDialog(None, [], lang="zh")
    qtbot.addWidget(dlg)
    dlg.text_zh.setPlainText("定期报告")
    dlg.due_mode.setCurrentIndex(dlg.due_mode.findData("rule"))
    dlg.rule_amount.setValue(40)  # years: longer than any post-authorisation deadline
    assert "30" in dlg.field_problem("due_rule") and "“" in dlg.field_problem("due_rule")
    assert not dlg.ok_button().isEnabled()


def test_the_snapshot_carries_the_linked_trials_through_a_refresh(workspace):
    """The product view gets its trials from the window's snapshot: read with it, kept when only products
    changed, read again after a link changed."""
    from dataclasses import replace
    from pathlib import Path

    from mscreg.services import editing, trial_records
    from mscreg.ui.workspace_loader import read_snapshot, refreshed_snapshot

    trial_records.import_trials(workspace, Path(__file__).parents[1] / "fixtures" / "ctgov" / "studies_v2.json")
    [first, *_] = trial_records.list_trials(workspace)
    pid = next(p for p, n in trial_records.product_names(workspace).items() if n == "Stempeucel")
    trial_records.set_trial_product(workspace, first.id, pid, reason="pipeline page")
    snap = read_snapshot(workspace)
    assert [t.id for t in snap.trials[pid]] == [first.id]
    product = editing.get_product(workspace, pid)
    draft = editing.product_draft(product)
    editing.update_product(workspace, pid, replace(draft, notes="checked"), reason="note",
                           expected_version=product.version)
    after_edit = refreshed_snapshot(workspace, snap)
    assert after_edit.overviews is not snap.overviews and after_edit.trials == snap.trials
    trial_records.set_trial_product(workspace, first.id, None, reason="not its trial")
    assert refreshed_snapshot(workspace, after_edit).trials == {}
