"""What changed between two days, on the shipped data: each change's meaning, its date and source, the
events that changed no state, deadlines that fell due, and the edits made to the data."""

from __future__ import annotations

import datetime as dt

import pytest

from mscreg.domain.errors import InvalidInput
from mscreg.domain.event import EventDraft
from mscreg.domain.states import State
from mscreg.domain.track import TrackDraft
from mscreg.services.changes_between import (
    ChangeKind,
    changes_between,
    classify,
    report_json,
    report_text,
)
from mscreg.services.tracker import record_event

D = dt.date


def _of(report, product: str, jurisdiction: str):
    return [c for c in report.changes if c.product.name == product and c.jurisdiction == jurisdiction]


def test_the_meaning_of_each_kind_of_state_change():
    assert classify(State.MA_UNDER_REVIEW, State.AUTHORISED_CONDITIONAL) is ChangeKind.APPROVAL
    assert classify(State.AUTHORISED_TIME_LIMITED, State.CONVERSION_PENDING) is ChangeKind.CONVERSION
    assert classify(State.MA_UNDER_REVIEW, State.MA_CRL) is ChangeKind.SETBACK
    assert classify(State.CT_AUTHORISED, State.CT_ON_HOLD) is ChangeKind.SETBACK
    assert classify(State.AUTHORISED_FULL, State.WITHDRAWN) is ChangeKind.ENDED
    assert classify(State.AUTHORISED_CONDITIONAL, State.TERM_ENDED) is ChangeKind.TERM_ENDED
    assert classify(State.CT_ACCEPTED, State.CT_AUTHORISED) is ChangeKind.TRIAL_PERMITTED
    assert classify(State.PLANNED, State.MA_SUBMITTED) is ChangeKind.PROGRESS


def test_a_period_lists_the_approval_made_in_it_with_the_event_that_made_it(workspace):
    report = changes_between(workspace, D(2024, 6, 30), D(2025, 6, 30))
    amimestrocel = _of(report, "Amimestrocel Injection", "CN")
    approval = [c for c in amimestrocel if c.kind is ChangeKind.APPROVAL]
    assert len(approval) == 1
    c = approval[0]
    assert c.date is not None and c.date.iso() == "2025-01-02"
    assert c.old_state is State.MA_UNDER_REVIEW and c.new_state is State.AUTHORISED_CONDITIONAL
    assert c.event is not None and c.event.date == c.date and c.source == c.event.source
    # the approving event is the change itself, not also a "recorded" line
    assert not [x for x in amimestrocel if x.kind is ChangeKind.RECORDED and x.event is c.event]
    assert c.product_name("zh_CN") == "艾米迈托赛注射液"
    # Akuugo's 2024-07-31 approval is in this period too; Ryoncil's 2024-12-18 approval as well
    assert any(x.kind is ChangeKind.APPROVAL for x in _of(report, "Akuugo", "JP"))
    assert any(x.kind is ChangeKind.APPROVAL and x.date.iso() == "2024-12-18" for x in _of(report, "Ryoncil", "US"))


def test_nothing_from_before_or_after_the_period_is_listed(workspace):
    report = changes_between(workspace, D(2024, 6, 30), D(2025, 6, 30))
    for c in report.changes:
        if c.date is not None and not c.possibly and c.kind is not ChangeKind.DEADLINE:
            assert D(2024, 6, 30) < c.date.earliest and c.date.latest <= D(2025, 6, 30), c
    # Stemirac's 2018 approval is long before: no Stemirac approval in this period
    assert not [c for c in _of(report, "Stemirac", "JP") if c.kind is ChangeKind.APPROVAL]
    empty = changes_between(workspace, D(1990, 1, 1), D(1990, 12, 31))
    assert empty.changes == () and "No regulatory change" in report_text(empty)


def test_a_month_known_only_to_the_month_at_the_edge_is_marked_possibly(workspace):
    record_event(workspace, product="Stemirac", track=TrackDraft("JP", "", "marketing"),
                 draft=EventDraft(type="ctl_period_extended", date="2026-03", attributes={"time_limit_years": "10"}),
                 reason="notice of extension")
    edge = changes_between(workspace, D(2026, 3, 15), D(2026, 4, 30))
    inside = changes_between(workspace, D(2026, 2, 28), D(2026, 4, 30))
    after = changes_between(workspace, D(2026, 3, 31), D(2026, 4, 30))

    def extension(r):
        return [c for c in _of(r, "Stemirac", "JP") if c.event is not None and c.event.type == "ctl_period_extended"]

    assert [c.possibly for c in extension(edge)] == [True]
    assert [c.possibly for c in extension(inside)] == [False]
    assert extension(after) == []


def test_edits_made_in_the_period_come_from_the_audit_trail(workspace):
    today = dt.date.today()
    before = changes_between(workspace, today - dt.timedelta(days=1), today)
    record_event(workspace, product="Stemirac", track=TrackDraft("JP", "", "marketing"),
                 draft=EventDraft(type="ctl_period_extended", date="2026-03", attributes={"time_limit_years": "10"}),
                 reason="MHLW notice of extension")
    after = changes_between(workspace, today - dt.timedelta(days=1), today)
    new = [e for e in after.edits if e not in before.edits]
    assert [(e.entity, e.action, e.reason) for e in new] == [("event", "create", "MHLW notice of extension")]
    data = report_json(after, "zh_CN")
    assert data["edits"][-1]["reason"] == "MHLW notice of extension" or any(
        e["reason"] == "MHLW notice of extension" for e in data["edits"])
    assert "数据修改" in report_text(after, "zh_CN")


def test_deadlines_that_fell_due_are_listed_with_how_they_stood(workspace):
    report = changes_between(workspace, D(2025, 6, 30), D(2026, 12, 5))
    deadlines = [c for c in report.changes if c.kind is ChangeKind.DEADLINE]
    assert deadlines
    for c in deadlines:
        assert c.clock is not None
        assert D(2025, 6, 30) < c.clock.due.latest or D(2025, 6, 30) < c.clock.due.earliest
        assert c.what("en").startswith(c.clock.rule.description("en"))


def test_an_end_before_the_start_is_refused(workspace):
    with pytest.raises(InvalidInput) as caught:
        changes_between(workspace, D(2025, 1, 1), D(2024, 1, 1))
    assert caught.value.problems[0].code == "changes.until_before_since"
