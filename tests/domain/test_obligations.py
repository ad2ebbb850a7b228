"""Post-authorisation obligations: tied to an authorisation, due by a date or a rule, status derived as of a day
from their own events, histories that cannot have happened refused, and the ones open at a conversion."""

from __future__ import annotations

import datetime as dt

import pytest

from mscreg.domain.errors import InvalidInput
from mscreg.domain.event import EventDraft, RegulatoryEvent
from mscreg.domain.event_types import Pathway
from mscreg.domain.messages import text
from mscreg.domain.obligation import (
    DueRule,
    DueUnit,
    Obligation,
    ObligationDraft,
    ObligationEventType,
    ObligationKind,
    ObligationStatus,
    check_authorisation,
    check_sequence,
    due_of,
    make_obligation_event,
    open_at_conversions,
    status_as_of,
)
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.track import Track

D = dt.date.fromisoformat
JP = Track(8, 6, "Stemirac", "JP", "spinal cord injury", Pathway.MARKETING)
CN = Track(9, 7, "Amimestrocel", "CN", "SR-aGVHD", Pathway.MARKETING)


def _ev(track: Track, id_: int, type_: str, date: str | None, **attrs: str) -> RegulatoryEvent:
    return EventDraft(type_, date, attributes=attrs).to_event(id=id_, track_id=track.id)


STEMIRAC = [_ev(JP, 1, "approval_conditional_time_limited", "2018-12-28", time_limit_years="7")]
SURVEY = ObligationDraft("use_results_survey", "Use-results survey of all treated patients",
                         "全例使用成绩调查", due_rule="7 years", owner="RA Japan",
                         source="https://www.pmda.go.jp").to_obligation(id=1, track_id=JP.id, authorisation_event_id=1)


def _oe(id_: int, type_: str, date: str, new_due: str | None = None, obligation_id: int = 1):
    return make_obligation_event(type_, date, new_due=new_due, id=id_, obligation_id=obligation_id)


def test_a_due_rule_counts_from_the_authorisation_like_a_clock():
    assert SURVEY.due_rule == DueRule(7, DueUnit.YEARS) and SURVEY.due is None
    due = due_of(SURVEY, STEMIRAC[0])
    assert due is not None and due.display() == "2025-12-28"
    month = ObligationDraft("pmr", "Final study report", due_rule="18 months").to_obligation(authorisation_event_id=1)
    auth = _ev(JP, 1, "approval_conditional_time_limited", "2018-12")
    assert due_of(month, auth).display() == "2020-06-01..2020-06-30"  # an imprecise anchor: a range


@pytest.mark.parametrize(("day", "status"), [
    ("2025-01-01", ObligationStatus.OPEN), ("2025-12-10", ObligationStatus.DUE_SOON),
    ("2025-12-28", ObligationStatus.DUE_SOON), ("2025-12-29", ObligationStatus.OVERDUE),
])
def test_status_follows_the_calendar_without_events(day, status):
    assert status_as_of(SURVEY, [], D(day), authorisation=STEMIRAC[0]).status is status


def test_a_submission_in_time_is_with_the_agency_not_overdue():
    events = [_oe(1, "submitted", "2025-11-14")]
    state = status_as_of(SURVEY, events, D("2026-12-05"), authorisation=STEMIRAC[0])
    assert state.status is ObligationStatus.SUBMITTED and not state.late and state.since == PartialDate.parse(
        "2025-11-14")
    before = status_as_of(SURVEY, events, D("2025-11-01"), authorisation=STEMIRAC[0])
    assert before.status is ObligationStatus.OPEN  # the submission is not known yet


def test_a_late_submission_and_a_late_fulfilment_are_marked_late():
    late = status_as_of(SURVEY, [_oe(1, "submitted", "2026-02")], D("2026-12-05"), authorisation=STEMIRAC[0])
    assert late.status is ObligationStatus.SUBMITTED and late.late
    done = status_as_of(SURVEY, [_oe(1, "submitted", "2026-02"), _oe(2, "fulfilled", "2026-10-01")],
                        D("2026-12-05"), authorisation=STEMIRAC[0])
    assert done.status is ObligationStatus.FULFILLED and done.late and not done.is_open


def test_released_closes_it():
    state = status_as_of(SURVEY, [_oe(1, "released", "2024-03-01")], D("2026-12-05"), authorisation=STEMIRAC[0])
    assert state.status is ObligationStatus.RELEASED and not state.is_open


def test_an_extension_moves_the_due_date_from_its_own_date_on():
    events = [_oe(1, "extended", "2025-06-01", new_due="2028-12-28")]
    assert status_as_of(SURVEY, events, D("2026-12-05"), authorisation=STEMIRAC[0]).status is ObligationStatus.OPEN
    assert due_of(SURVEY, STEMIRAC[0], events).display() == "2028-12-28"
    assert status_as_of(SURVEY, events, D("2029-01-01"), authorisation=STEMIRAC[0]).status is \
        ObligationStatus.OVERDUE
    # as of a day before the extension was granted, the old due date applies
    assert status_as_of(SURVEY, events, D("2025-05-01"), authorisation=STEMIRAC[0]).due.display() == "2025-12-28"


def test_a_due_date_given_to_the_year_is_overdue_only_after_the_year():
    ob = ObligationDraft("confirmatory_trial", "Phase 3", due="2029").to_obligation(authorisation_event_id=1)
    assert status_as_of(ob, [], D("2029-12-31")).status is ObligationStatus.DUE_SOON
    assert status_as_of(ob, [], D("2030-01-01")).status is ObligationStatus.OVERDUE


def test_an_obligation_whose_due_date_is_not_known_stays_open():
    ob = ObligationDraft("confirmatory_trial", "", "上市后确证性研究").to_obligation(authorisation_event_id=1)
    assert ob.text_en == "" and status_as_of(ob, [], D("2040-01-01")).status is ObligationStatus.OPEN


def test_a_fulfilment_after_a_release_is_refused():
    with pytest.raises(InvalidInput) as refused:
        check_sequence(SURVEY, [_oe(1, "released", "2024-03-01"), _oe(2, "fulfilled", "2025-01-01")], STEMIRAC[0])
    problem = refused.value.problems[0]
    assert (problem.field, problem.value, problem.code) == ("type", "fulfilled", "obligation.after_closed")
    assert "released" in refused.value.message("en") and "2024-03-01" in refused.value.message("zh_CN")


def test_anything_after_fulfilment_is_refused_but_several_submissions_are_not():
    check_sequence(SURVEY, [_oe(1, "submitted", "2024-01-01"), _oe(2, "submitted", "2024-09-01"),
                            _oe(3, "fulfilled", "2025-01-01")], STEMIRAC[0])
    with pytest.raises(InvalidInput):
        check_sequence(SURVEY, [_oe(1, "fulfilled", "2024-01-01"), _oe(2, "extended", "2024-09-01", "2030")])


def test_an_extension_must_move_the_due_date_later():
    with pytest.raises(InvalidInput) as refused:
        check_sequence(SURVEY, [_oe(1, "extended", "2025-06-01", new_due="2025-11")], STEMIRAC[0])
    assert refused.value.problems[0].code == "obligation.extension_not_later"
    assert "2025-12-28" in refused.value.message("en")


def test_an_event_before_the_authorisation_is_refused():
    with pytest.raises(InvalidInput) as refused:
        check_sequence(SURVEY, [_oe(1, "submitted", "2018-06-01")], STEMIRAC[0])
    assert refused.value.problems[0].code == "obligation.before_authorisation"


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"type": "submitted", "date": "2025-01-01", "new_due": "2030"}, "obligation.new_due_not_extension"),
    ({"type": "extended", "date": "2025-01-01"}, "obligation.extension_needs_due"),
    ({"type": "done", "date": "2025-01-01"}, "choice.unknown"),
    ({"type": "submitted", "date": "2025-Q1"}, "event.quarter_actual"),
    ({"type": "submitted", "date": "2025-02-30"}, "date.day_range"),
])
def test_obligation_events_are_validated(kwargs, code):
    with pytest.raises(InvalidInput) as refused:
        make_obligation_event(**kwargs)
    assert refused.value.problems[0].code == code


@pytest.mark.parametrize(("draft", "field", "code"), [
    (ObligationDraft("audit", "x"), "kind", "choice.unknown"),
    (ObligationDraft("pmc", " ", " "), "text_en", "obligation.text_required"),
    (ObligationDraft("pmc", "x", due="2030", due_rule="5 years"), "due_rule", "obligation.due_twice"),
    (ObligationDraft("pmc", "x", due_rule="five years"), "due_rule", "obligation.rule_format"),
    (ObligationDraft("pmc", "x", due_rule="0 years"), "due_rule", "obligation.rule_range"),
    (ObligationDraft("pmc", "x", due_rule="31 years"), "due_rule", "obligation.rule_range"),
    (ObligationDraft("pmc", "x", due="2030-13"), "due", "date.month_range"),
])
def test_obligation_fields_are_validated(draft, field, code):
    with pytest.raises(InvalidInput) as refused:
        draft.to_obligation()
    problem = refused.value.problems[0]
    assert (problem.field, problem.code) == (field, code)
    assert "{" not in refused.value.message("en") + refused.value.message("zh_CN")


@pytest.mark.parametrize(("rule", "amount", "unit"), [("5 years", 5, DueUnit.YEARS), ("18 months", 18, DueUnit.MONTHS),
                                                      ("5y", 5, DueUnit.YEARS), ("1 month", 1, DueUnit.MONTHS)])
def test_due_rules_are_read(rule, amount, unit):
    assert DueRule.parse(rule) == DueRule(amount, unit)


def test_an_obligation_belongs_to_an_authorisation_on_its_track():
    log = [_ev(JP, 1, "ma_submitted", "2018-06"), _ev(JP, 2, "approval_conditional_time_limited", "2018-12-28")]
    ok = Obligation(1, JP.id, 2, ObligationKind.USE_RESULTS_SURVEY, "survey")
    assert check_authorisation(ok, JP, log) is log[1]
    with pytest.raises(InvalidInput) as not_auth:
        check_authorisation(Obligation(1, JP.id, 1, ObligationKind.OTHER, "x"), JP, log)
    assert not_auth.value.problems[0].code == "obligation.not_authorisation"
    with pytest.raises(InvalidInput) as missing:
        check_authorisation(Obligation(1, JP.id, 99, ObligationKind.OTHER, "x"), JP, log)
    assert missing.value.problems[0].code == "obligation.authorisation_missing"
    plan = EventDraft("approval_full", "2027-Q1", planned=True).to_event(id=3, track_id=JP.id)
    with pytest.raises(InvalidInput):
        check_authorisation(Obligation(1, JP.id, 3, ObligationKind.OTHER, "x"), JP, [*log, plan])


def _obligation(id_: int, auth: int, due: str | None = None) -> Obligation:
    return Obligation(id_, None, auth, ObligationKind.CONFIRMATORY_TRIAL, f"obligation {id_}",
                      due=PartialDate.parse(due) if due else None)


def test_obligations_open_at_a_japanese_conversion():
    log = [_ev(JP, 1, "approval_conditional_time_limited", "2018-12-28", time_limit_years="7"),
           _ev(JP, 2, "full_approval_application_filed", "2025-11-14"),
           _ev(JP, 3, "approval_full", "2026-09")]
    done, still, imposed_at_full = _obligation(1, 1, "2025-12-28"), _obligation(2, 1), _obligation(3, 3)
    events = [_oe(1, "fulfilled", "2026-09-15", obligation_id=1), _oe(2, "submitted", "2026-05-01", obligation_id=2)]
    (conversion,) = open_at_conversions(JP, log, [done, still, imposed_at_full], events)
    assert conversion.conversion is log[2]
    assert conversion.open == (still,)  # fulfilled during the conversion's month counts as done by then


def test_obligations_open_at_a_chinese_conversion_after_conditional_approval():
    log = [_ev(CN, 1, "approval_conditional", "2025-01-02"), _ev(CN, 2, "approval_full", "2029-03-01")]
    a, b = _obligation(1, 1, "2028-12-31"), _obligation(2, 1, "2029-12-31")
    (conversion,) = open_at_conversions(CN, log, [a, b], [_oe(1, "fulfilled", "2028-11-01", obligation_id=1)])
    assert conversion.open == (b,)
    assert open_at_conversions(CN, log[:1], [a, b], []) == []  # no conversion yet


def test_kinds_and_statuses_have_texts_in_both_languages():
    for kind in ObligationKind:
        assert text(f"obligation.kind.{kind.value}", "en") and text(f"obligation.kind.{kind.value}", "zh_CN")
    for status in ObligationStatus:
        assert text(f"obligation.status.{status.value}", "zh_CN")
    assert {e.value for e in ObligationEventType} == {"submitted", "fulfilled", "released", "extended"}
