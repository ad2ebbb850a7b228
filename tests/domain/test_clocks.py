"""The clock engine: worked examples, ranges, leap days, statuses and properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mscreg.domain.clock_rules import CLOCK_RULES
from mscreg.domain.clocks import Status, compute, evaluate, get_rule, track_clocks
from mscreg.domain.errors import InvalidInput
from mscreg.domain.event import EventDraft
from mscreg.domain.event_types import Pathway
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.track import Track

D = dt.date.fromisoformat
P = PartialDate.parse


@pytest.mark.parametrize(
    ("rule", "start", "earliest", "latest"),
    [
        ("jp-ctl-expiry", "2018-12-28", "2025-12-28", "2025-12-28"),  # Stemirac: granted 2018-12-28 for 7 years
        ("jp-ctl-expiry", "2024-07-31", "2031-07-31", "2031-07-31"),  # Akuugo
        ("jp-ctl-expiry", "2024-02-29", "2031-02-28", "2031-02-28"),  # leap day + 7 years
        ("eu-cma-expiry", "2024-02-29", "2025-02-28", "2025-02-28"),  # leap day + 1 year
        ("eu-cma-renewal-due", "2024-02-29", "2024-08-28", "2024-08-28"),
        ("eu-ma-expiry", "2018-03-23", "2023-03-23", "2023-03-23"),  # Alofisel
        ("eu-ma-renewal-due", "2018-03-23", "2022-06-23", "2022-06-23"),
        ("eu-sunset", "2018-03-23", "2021-03-23", "2021-03-23"),
        ("cn-certificate-expiry", "2025-01-02", "2030-01-02", "2030-01-02"),  # Amimestrocel
        ("cn-reregistration-due", "2025-01-02", "2029-07-02", "2029-07-02"),
        ("nz-provisional-consent-expiry", "2014-06-14", "2016-06-14", "2016-06-14"),  # Prochymal NZ
        ("us-ind-effective", "2024-12-18", "2025-01-17", "2025-01-17"),
        ("us-clinical-hold-response", "2025-03-03", "2025-04-02", "2025-04-02"),
        ("us-bla-filing", "2025-01-31", "2025-04-01", "2025-04-01"),
        ("us-bla-standard-goal", "2025-04-01", "2026-02-01", "2026-02-01"),
        ("us-bla-priority-goal", "2025-04-01", "2025-10-01", "2025-10-01"),
        ("us-bla-resubmission-class1-goal", "2025-04-01", "2025-06-01", "2025-06-01"),
        ("us-bla-resubmission-class2-goal", "2024-07", "2025-01-01", "2025-01-31"),  # Ryoncil (§8)
        ("us-ind-annual-report", "2024-02-29", "2025-04-29", "2025-04-29"),  # 2025-02-28 + 60 days
        ("cn-dsur", "2024-05-10", "2025-07-10", "2025-07-10"),
        ("cn-cta-lapse", "2024-02-29", "2027-02-28", "2027-02-28"),
        ("cn-cta-implied-permission", "2025-01-02", "2025-04-02", "2025-04-02"),
        ("cn-cta-implied-permission-pilot", "2025-01-02", "2025-02-19", "2025-02-19"),  # by hand
        ("ca-nocc-qn-response", "2012-04-17", "2012-05-17", "2012-05-17"),
        ("cn-certificate-expiry", "2012", "2017-01-01", "2017-12-31"),  # year precision → range
        ("cn-cta-implied-permission", "2025-01", "2025-04-01", "2025-04-28"),  # month precision → range
    ],
)
def test_rule_computations(rule, start, earliest, latest):
    due = compute(get_rule(rule), P(start))
    assert (due.earliest, due.latest) == (D(earliest), D(latest))


def test_every_rule_is_tested_above():
    import inspect

    source = inspect.getsource(test_rule_computations)
    assert all(f'"{rule}"' in source for rule in CLOCK_RULES), "a clock rule has no worked example"


def test_every_rule_names_its_legal_basis_and_known_events():
    from mscreg.domain.event_types import EVENT_TYPES

    for rule in CLOCK_RULES.values():
        assert rule.basis and rule.description("en") and rule.description("zh_CN")
        for code in (*rule.anchors, *rule.satisfied_by, *rule.stopped_by, *rule.extended_by):
            assert code in EVENT_TYPES, (rule.id, code)
        assert rule.base is None or rule.base in CLOCK_RULES


def test_unknown_rule_lists_the_valid_ones():
    with pytest.raises(InvalidInput) as info:
        get_rule("jp-ctl")
    assert "jp-ctl-expiry" in info.value.message("en")


def test_provisional_when_counting_crosses_an_unpublished_year():
    from mscreg.domain.china_calendar import default_calendar

    horizon = default_calendar().horizon
    assert compute(get_rule("cn-cta-implied-permission"), P(f"{horizon}-12-01")).provisional
    assert not compute(get_rule("cn-cta-implied-permission"), P(f"{horizon}-06-01")).provisional
    assert not compute(get_rule("jp-ctl-expiry"), P(f"{horizon}-12-01")).provisional


def test_period_override():
    assert compute(get_rule("jp-ctl-expiry"), P("2015-09-18"), period=5).earliest == D("2020-09-18")


# ------------------------------------------------------------------ evaluation on tracks

def _track(jurisdiction: str, pathway: Pathway = Pathway.MARKETING) -> Track:
    return Track(1, 1, "Testocel", jurisdiction, "indication", pathway)


def _log(*items):
    out = []
    for i, item in enumerate(items, 1):
        code, date, *attrs = item
        out.append(EventDraft(code, date, attributes=attrs[0] if attrs else {}).to_event(id=i, track_id=1))
    return out


STEMIRAC = _log(("ma_submitted", "2018-06"), ("approval_conditional_time_limited", "2018-12-28",
                                              {"time_limit_years": "7"}),
                ("full_approval_application_filed", "2025-11-14"))


def _clock(rule, track, log, as_of):
    return evaluate(CLOCK_RULES[rule], track, log, D(as_of))


def test_stemirac_limit_met_by_its_full_approval_application():
    clock = _clock("jp-ctl-expiry", _track("JP"), STEMIRAC, "2025-12-01")
    assert clock.due.earliest == D("2025-12-28") and clock.status is Status.MET
    assert clock.settled_by.type == "full_approval_application_filed"


def test_as_of_hides_events_not_yet_known():
    clock = _clock("jp-ctl-expiry", _track("JP"), STEMIRAC, "2025-11-01")
    assert clock.status is Status.UPCOMING and clock.settled_by is None  # application not yet known
    assert clock.days_left(D("2025-11-01")) == 57
    assert _clock("jp-ctl-expiry", _track("JP"), STEMIRAC, "2018-12-27") is None  # not approved yet


def test_overdue_then_missed():
    log = _log(("approval_conditional_time_limited", "2015-09-18", {"time_limit_years": "5"}))
    assert _clock("jp-ctl-expiry", _track("JP"), log, "2021-01-01").status is Status.OVERDUE
    late = [*log, EventDraft("full_approval_application_filed", "2021-02-01").to_event(id=9, track_id=1)]
    assert _clock("jp-ctl-expiry", _track("JP"), late, "2021-06-01").status is Status.MISSED


def test_an_extension_moves_the_time_limit():
    """HeartSheet: approved 2015-09 with 5 years, extended in 2018 to 8 years."""
    log = _log(("approval_conditional_time_limited", "2015-09-18", {"time_limit_years": "5"}),
               ("ctl_period_extended", "2018-11", {"time_limit_years": "8"}))
    clock = _clock("jp-ctl-expiry", _track("JP"), log, "2020-12-01")
    assert clock.due.earliest == D("2023-09-18") and clock.status is Status.UPCOMING


def test_ind_in_effect_unless_held():
    track = _track("US", Pathway.CLINICAL)
    log = _log(("ind_submitted", "2025-01-10"))
    assert _clock("us-ind-effective", track, log, "2025-01-20").status is Status.DUE_SOON
    assert _clock("us-ind-effective", track, log, "2025-03-01").status is Status.MET  # in effect by law
    held = [*log, EventDraft("clinical_hold", "2025-02-05").to_event(id=5, track_id=1)]
    clock = _clock("us-ind-effective", track, held, "2025-03-01")
    assert clock.status is Status.STOPPED and clock.settled_by.type == "clinical_hold"


def test_implied_permission_clock_and_pilot():
    track = _track("CN", Pathway.CLINICAL)
    normal = _log(("cta_accepted", "2025-01-02"))
    pilot = _log(("cta_accepted", "2025-01-02", {"pilot": "true"}))
    assert _clock("cn-cta-implied-permission", track, normal, "2025-03-01").due.earliest == D("2025-04-02")
    assert _clock("cn-cta-implied-permission", track, pilot, "2025-01-03") is None
    assert _clock("cn-cta-implied-permission-pilot", track, pilot, "2025-01-03").due.earliest == D("2025-02-19")


def test_cn_lapse_stopped_by_first_consent_and_dsur_recurs():
    track = _track("CN", Pathway.CLINICAL)
    log = _log(("cta_accepted", "2022-01-04"), ("cta_implied_permission", "2022-04-06"),
               ("first_subject_consented", "2023-02-01"))
    assert _clock("cn-cta-lapse", track, log, "2024-01-01").status is Status.MET
    dsur = _clock("cn-dsur", track, log, "2024-07-01")
    # anniversaries 2023-04-06, 2024-04-06 (+2 months: 2024-06-06, already past), then 2025-04-06
    assert (dsur.due.earliest, dsur.occurrence, dsur.status) == (D("2025-06-06"), 3, Status.UPCOMING)


def test_withdrawal_stops_every_clock():
    log = _log(("approval_full", "2018-03-23"), ("ma_withdrawn", "2024-12-13"))
    clocks = track_clocks(_track("EU"), log, D("2026-01-01"))
    assert {c.rule.id for c in clocks} == {"eu-ma-expiry", "eu-ma-renewal-due", "eu-sunset"}
    assert all(c.status is Status.STOPPED for c in clocks)


def test_cma_renewal_restarts_from_the_last_renewal():
    log = _log(("approval_conditional", "2022-05-10"), ("cma_renewed", "2023-05-02"))
    clock = _clock("eu-cma-expiry", _track("EU"), log, "2023-06-01")
    assert clock.anchor.type == "cma_renewed" and clock.due.earliest == D("2024-05-02")


# ------------------------------------------------------------------ properties

dates = st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2030, 12, 31))
precisions = st.sampled_from(["year", "month", "day"])


def _pd(day: dt.date, precision: str) -> PartialDate:
    return PartialDate(day.year, None if precision == "year" else day.month, day.day if precision == "day" else None)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(CLOCK_RULES)), dates, precisions)
def test_due_dates_are_never_before_the_anchor_and_ranges_are_ordered(rule_id, day, precision):
    rule = CLOCK_RULES[rule_id]
    start = _pd(day, precision)
    due = compute(rule, start)
    assert due.earliest <= due.latest
    assert due.earliest >= start.earliest  # even "6 months before expiry" lies after the anchor


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(CLOCK_RULES)), dates, st.integers(0, 400))
def test_a_later_anchor_never_gives_an_earlier_due_date(rule_id, day, delta):
    rule = CLOCK_RULES[rule_id]
    a = compute(rule, PartialDate.of_day(day))
    b = compute(rule, PartialDate.of_day(day + dt.timedelta(days=delta)))
    assert b.earliest >= a.earliest


# ------------------------------------------------------------------ fast arithmetic

@settings(max_examples=500, deadline=None)
@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2150, 12, 31)), st.integers(-60, 120))
def test_month_and_year_steps_agree_with_dateutil(day, n):
    from dateutil.relativedelta import relativedelta

    from mscreg.domain.clocks import add_months, add_years

    assert add_months(day, n) == day + relativedelta(months=n)
    assert add_years(day, n // 12) == day + relativedelta(years=n // 12)


def _walked_occurrence(rule_id: str, track, log, as_of: dt.date):
    """The recurring clock by walking every anniversary from the first: what the jump must equal."""
    from mscreg.domain.china_calendar import default_calendar
    from mscreg.domain.clocks import Due, _shift_due, add_years

    rule = CLOCK_RULES[rule_id]
    clock = _clock(rule_id, track, log, as_of.isoformat())
    if clock is None:
        return None, None
    anchor, later = clock.anchor, [e for e in log if e.date.earliest > clock.anchor.date.earliest]
    later = [e for e in later if e.date.earliest <= as_of]
    stop = next((e for e in later if e.type in rule.stopped_by), None)
    n = 1
    while True:
        due = _shift_due(Due(add_years(anchor.date.earliest, n), add_years(anchor.date.latest, n)),
                         rule.offset, rule.unit, default_calendar())
        if stop is not None and stop.date.earliest <= due.latest:
            return clock, (due, n, Status.STOPPED)
        if due.latest >= as_of:
            return clock, (due, n)
        n += 1


RECURRING = {"cn-dsur": ("CN", "cta_implied_permission", "ct_terminated"),
             "us-ind-annual-report": ("US", "ind_effective", "ind_withdrawn")}


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(RECURRING)), dates, precisions,
       st.dates(min_value=dt.date(2005, 1, 1), max_value=dt.date(2045, 12, 31)),
       st.one_of(st.none(), st.integers(30, 8000)))
def test_a_recurring_clock_jumps_to_the_same_anniversary_as_walking_there(rule_id, day, precision, as_of,
                                                                          stop_after):
    """DSUR and IND annual reports: the first anniversary still due, found without walking every year."""
    jurisdiction, anchor_type, stop_type = RECURRING[rule_id]
    anchor = _pd(day, precision)
    entries = [(anchor_type, anchor.iso())]
    if stop_after is not None:
        entries.append((stop_type, (anchor.latest + dt.timedelta(days=stop_after)).isoformat()))
    clock, walked = _walked_occurrence(rule_id, _track(jurisdiction, Pathway.CLINICAL), _log(*entries), as_of)
    if clock is None:
        assert as_of < anchor.earliest
        return
    assert (clock.due, clock.occurrence) == walked[:2]
    assert (clock.status is Status.STOPPED) == (len(walked) == 3)


# --------------------------------------------------------------------------- goals run from receipt

def _us_bla(*items: tuple[str, str, dict[str, str]]) -> tuple[Track, list]:
    from mscreg.domain.event import RegulatoryEvent

    track = Track(4, 5, "Ryoncil", "US", "paediatric SR-aGVHD", Pathway.MARKETING)
    return track, [RegulatoryEvent(i + 1, 4, t, P(d), attributes=a) for i, (t, d, a) in enumerate(items)]


def test_a_resubmission_goal_runs_from_receipt_not_from_acceptance():
    track, log = _us_bla(("ma_submitted", "2020-01-31", {}), ("ma_accepted_priority_review", "2020-03-31", {}),
                         ("complete_response_letter", "2020-10-01", {}),
                         ("resubmission_accepted", "2023-03-07", {"resubmission_class": "2",
                                                                  "received": "2023-02-02"}),
                         ("complete_response_letter", "2023-08-04", {}))
    clock = evaluate(get_rule("us-bla-resubmission-class2-goal"), track, log, D("2026-12-05"))
    assert clock is not None
    assert (clock.due.earliest, clock.due.latest) == (D("2023-08-02"), D("2023-08-02"))  # not 2023-09-07
    # FDA answered two days late with a CRL: the goal was missed, and the clock says by what
    assert clock.status is Status.MISSED and clock.settled_by is log[-1]
    assert clock.rule.agency_goal


def test_an_acceptance_without_its_receipt_day_starts_no_goal():
    track, log = _us_bla(("ma_submitted", "2020-01-31", {}), ("ma_accepted_priority_review", "2020-03-31", {}),
                         ("complete_response_letter", "2020-10-01", {}),
                         ("resubmission_accepted", "2023-03-07", {"resubmission_class": "2"}))
    assert evaluate(get_rule("us-bla-resubmission-class2-goal"), track, log, D("2023-04-01")) is None
    # the resubmission itself is the receipt
    track, log = _us_bla(("ma_submitted", "2020-01-31", {}), ("ma_accepted_priority_review", "2020-03-31", {}),
                         ("complete_response_letter", "2020-10-01", {}),
                         ("ma_resubmitted", "2024-07-08", {"resubmission_class": "1"}))
    clock = evaluate(get_rule("us-bla-resubmission-class1-goal"), track, log, D("2024-08-01"))
    assert clock is not None and clock.due.earliest == D("2024-09-08") and clock.status is Status.UPCOMING


def test_a_receipt_after_its_acceptance_is_refused():
    with pytest.raises(InvalidInput) as refused:
        EventDraft("resubmission_accepted", "2023-03-07",
                   attributes={"resubmission_class": "2", "received": "2023-04-01"}).to_event()
    assert refused.value.problems[0].field == "attributes.received"
    assert "2023-04-01" in refused.value.message("en") and "2023-03-07" in refused.value.message("en")
    with pytest.raises(InvalidInput):
        EventDraft("resubmission_accepted", "2023-03-07", attributes={"received": "2023-02-30"}).to_event()
