"""A pending clinical-trial application goes into effect by law when its clock runs out unopposed.

21 CFR 312.40(b): an IND goes into effect 30 days after FDA receives it, unless FDA puts it on clinical
hold.  Drug Administration Law 2019 Art. 19 / Provisions for Drug Registration 2020 Art. 23: when CDE has
not objected within 60 working days of accepting a CTA, consent is deemed given (默示许可).  The reference
state machine moves CT_SUBMITTED / CT_ACCEPTED to CT_AUTHORISED then, without any event being recorded.
"""

from __future__ import annotations

import datetime as dt

from mscreg.domain.clocks import Status, evaluate, get_rule
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import Pathway
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.state_as_of import derive_as_of
from mscreg.domain.states import State, state_name
from mscreg.domain.track import Track

D = dt.date.fromisoformat
US = Track(1, 1, "Example", "US", "aGVHD", Pathway.CLINICAL)
CN = Track(2, 1, "Example", "CN", "knee osteoarthritis", Pathway.CLINICAL)


def _log(track: Track, *items: tuple[str, str]) -> list[RegulatoryEvent]:
    return [RegulatoryEvent(i + 1, track.id, t, PartialDate.parse(d)) for i, (t, d) in enumerate(items)]


def test_us_ind_goes_into_effect_30_days_after_receipt_without_a_hold():
    log = _log(US, ("ind_submitted", "2024-01-31"))  # leap year: 30 days later is 1 March
    assert derive_as_of(US, log, D("2024-02-29")).state is State.CT_SUBMITTED
    on_the_day = derive_as_of(US, log, D("2024-03-01"))
    assert on_the_day.state is State.CT_AUTHORISED
    assert on_the_day.status.since == PartialDate.parse("2024-03-01")
    assert on_the_day.deemed_by is not None and on_the_day.deemed_by.rule.id == "us-ind-effective"
    assert state_name(on_the_day.state, "US", "en") == "IND in effect"
    assert derive_as_of(US, log, D("2024-03-02")).state is State.CT_AUTHORISED
    # the clock says the same on its due day: the law acts on it, it is not merely "due soon"
    rule = get_rule("us-ind-effective")
    assert evaluate(rule, US, log, D("2024-02-29")).status is Status.DUE_SOON
    assert evaluate(rule, US, log, D("2024-03-01")).status is Status.MET


def test_us_ind_on_clinical_hold_does_not_go_into_effect():
    log = _log(US, ("ind_submitted", "2024-01-31"), ("clinical_hold", "2024-02-20"))
    assert derive_as_of(US, log, D("2024-06-01")).state is State.CT_ON_HOLD
    # a hold imposed on the 30th day itself still prevents the IND from going into effect
    log = _log(US, ("ind_submitted", "2024-01-31"), ("clinical_hold", "2024-03-01"))
    assert derive_as_of(US, log, D("2024-03-01")).state is State.CT_ON_HOLD


def test_us_ind_effective_letter_recorded_late_is_not_a_missed_clock():
    log = _log(US, ("ind_submitted", "2024-01-31"), ("ind_effective", "2024-03-15"))
    clock = evaluate(get_rule("us-ind-effective"), US, log, D("2024-04-01"))
    assert clock.status is Status.MET
    assert derive_as_of(US, log, D("2024-03-10")).state is State.CT_AUTHORISED  # before the letter too


def test_cn_implied_permission_after_60_working_days_on_the_china_calendar():
    # accepted 2024-01-02: the Spring Festival 2024 (10-17 Feb off, 4 and 18 Feb worked) lies inside
    log = _log(CN, ("cta_accepted", "2024-01-02"))
    assert derive_as_of(CN, log, D("2024-03-28")).state is State.CT_ACCEPTED
    shown = derive_as_of(CN, log, D("2024-03-29"))
    assert shown.state is State.CT_AUTHORISED and shown.status.since == PartialDate.parse("2024-03-29")
    assert state_name(shown.state, "CN", "zh_CN") == state_name(State.CT_AUTHORISED, "CN", "zh_CN")
    refused = _log(CN, ("cta_accepted", "2024-01-02"), ("cta_not_approved", "2024-03-20"))
    assert derive_as_of(CN, refused, D("2024-06-01")).state is State.CT_REFUSED


def test_cn_implied_permission_from_a_month_keeps_the_precision_of_its_window():
    log = _log(CN, ("cta_accepted", "2025-03"))  # due window 2025-05-29 .. 2025-06-27 or so
    clock = evaluate(get_rule("cn-cta-implied-permission"), CN, log, D("2025-12-31"))
    assert clock.due.is_range
    inside = clock.due.earliest + (clock.due.latest - clock.due.earliest) // 2
    assert derive_as_of(CN, log, inside).state is State.CT_ACCEPTED  # not yet surely deemed
    after = derive_as_of(CN, log, clock.due.latest)
    assert after.state is State.CT_AUTHORISED
    assert after.status.since.precision.value in ("month", "year")  # never an invented day


def test_cn_deemed_permission_starts_the_three_year_lapse_and_the_yearly_dsur():
    """Reference: CT_ACCEPTED → CT_AUTHORISED when no objection came by the due date, which starts
    first_icf_deadline = authorisation + 3 years and dsur_due = each anniversary + 2 months."""
    log = _log(CN, ("cta_accepted", "2024-01-02"))  # deemed on 2024-03-29
    lapse = evaluate(get_rule("cn-cta-lapse"), CN, log, D("2025-01-01"))
    assert lapse is not None and lapse.due.earliest == D("2027-03-29") and lapse.status is Status.UPCOMING
    assert lapse.anchor.id is None and lapse.anchor.attributes["deemed_by"] == "cn-cta-implied-permission"
    dsur = evaluate(get_rule("cn-dsur"), CN, log, D("2025-01-01"))
    assert dsur is not None and dsur.due.earliest == D("2025-05-29")  # 2025-03-29 + 2 months
    # before the permission was deemed, neither runs
    assert evaluate(get_rule("cn-cta-lapse"), CN, log, D("2024-03-28")) is None
    # the first subject's consent meets the lapse clock
    consented = [*log, RegulatoryEvent(9, CN.id, "first_subject_consented", PartialDate.parse("2025-06-01"))]
    assert evaluate(get_rule("cn-cta-lapse"), CN, consented, D("2025-07-01")).status is Status.MET


def test_us_deemed_ind_starts_the_annual_report_clock():
    """21 CFR 312.33: the annual report is due within 60 days of each anniversary of the IND going into
    effect, which for an IND nobody wrote to is 30 days after receipt."""
    log = _log(US, ("ind_submitted", "2024-01-31"))
    report = evaluate(get_rule("us-ind-annual-report"), US, log, D("2024-12-01"))
    assert report is not None and report.due.earliest == D("2025-04-30")  # 2025-03-01 + 60 days
    held = _log(US, ("ind_submitted", "2024-01-31"), ("clinical_hold", "2024-02-15"))
    assert evaluate(get_rule("us-ind-annual-report"), US, held, D("2024-12-01")) is None


def test_a_permission_deemed_in_a_year_without_a_published_holiday_schedule_is_dated_approximately():
    """Counted over a year whose State Council holiday notice is not shipped, 60 working days are counted
    on weekends alone: a lower bound, so the deemed day is shown with "≈", never as a certain day."""
    log = _log(CN, ("cta_accepted", "2100-11-20"))  # far beyond any shipped calendar
    clock = evaluate(get_rule("cn-cta-implied-permission"), CN, log, D("2101-06-01"))
    assert clock.due.provisional
    shown = derive_as_of(CN, log, D("2101-06-01"))
    assert shown.state is State.CT_AUTHORISED
    assert shown.status.since.approximate and shown.status.since.display().startswith("≈")


def test_an_event_needing_the_deemed_permission_says_to_record_it_first():
    """The state shown says "in effect" from the deemed day; an event that needs it (first consent, a
    termination) is still refused until it is recorded, and the refusal now says so, with the day."""
    import pytest

    from mscreg.domain.errors import TransitionRefused
    from mscreg.domain.messages import render_problem
    from mscreg.domain.state_machine import check_change

    log = _log(CN, ("cta_accepted", "2024-01-02"))
    consent = RegulatoryEvent(9, CN.id, "first_subject_consented", PartialDate.parse("2024-06-05"))
    with pytest.raises(TransitionRefused) as refused:
        check_change(CN, [*log, consent], consent)
    problem = refused.value.problems[0]
    assert problem.code == "transition.deemed_not_recorded"
    assert "2024-03-29" in render_problem(problem, "en") and "cta_implied_permission" in render_problem(problem, "en")
    assert "2024-03-29" in render_problem(problem, "zh_CN") and "默示许可" in render_problem(problem, "zh_CN")
    # before the deemed day, the plain refusal stays
    early = RegulatoryEvent(9, CN.id, "first_subject_consented", PartialDate.parse("2024-03-05"))
    with pytest.raises(TransitionRefused) as refused:
        check_change(CN, [*log, early], early)
    assert refused.value.problems[0].code == "transition.not_allowed"
    us = _log(US, ("ind_submitted", "2024-01-02"))
    end = RegulatoryEvent(9, US.id, "ct_terminated", PartialDate.parse("2024-06-05"))
    with pytest.raises(TransitionRefused) as refused:
        check_change(US, [*us, end], end)
    assert "2024-02-01" in render_problem(refused.value.problems[0], "en")


def test_the_changes_report_names_the_law_not_an_older_event_for_a_deemed_ind():
    """An IND withdrawn in 2012 and filed again in 2024 goes into effect by law on 2024-03-01; the change
    between two days is sourced to 21 CFR 312.40(b), not to the 2010 letter of the first IND."""
    from mscreg.domain.product import Product
    from mscreg.services.changes_between import _track_changes

    log = [RegulatoryEvent(1, US.id, "ind_submitted", PartialDate.parse("2010-01-05")),
           RegulatoryEvent(2, US.id, "ind_effective", PartialDate.parse("2010-02-04"), source="letter 2010"),
           RegulatoryEvent(3, US.id, "ind_withdrawn", PartialDate.parse("2012-05-01")),
           RegulatoryEvent(4, US.id, "ind_submitted", PartialDate.parse("2024-01-31"))]
    changes = _track_changes(Product(1, "Example"), US, log, D("2024-02-01"), D("2024-03-05"))
    permitted = [c for c in changes if c.new_state is State.CT_AUTHORISED]
    assert len(permitted) == 1 and permitted[0].event is None
    assert permitted[0].source == "21 CFR 312.40(b)" and permitted[0].date == PartialDate.parse("2024-03-01")
