"""Japan's conditional and time-limited approval: the full-approval application keeps it only in time.

PMD Act Art. 23-26(1): the approval carries a time limit of at most 7 years; the holder must apply for
approval again (本承認申請) within it (reference: AUTHORISED_TIME_LIMITED → CONVERSION_PENDING only for an
application "filed before the deadline"; with none, the approval ends).  An application recorded after the
limit used to move the track to "Full approval application pending" and show it authorised again.
"""

from __future__ import annotations

import datetime as dt

import pytest

from mscreg.domain.errors import TransitionRefused
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import Pathway
from mscreg.domain.messages import render_problem
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.state_as_of import derive_as_of
from mscreg.domain.state_machine import check_change
from mscreg.domain.states import State
from mscreg.domain.track import Track

JP = Track(3, 1, "Stemirac", "JP", "spinal cord injury", Pathway.MARKETING)
APPROVAL = RegulatoryEvent(1, 3, "approval_conditional_time_limited", PartialDate.parse("2018-12-28"),
                           attributes={"time_limit_years": "7"})


def _filed(day: str) -> RegulatoryEvent:
    return RegulatoryEvent(2, 3, "full_approval_application_filed", PartialDate.parse(day))


@pytest.mark.parametrize("day", ["2025-12-29", "2026-01-10", "2026-02"])
def test_an_application_after_the_time_limit_is_refused(day):
    late = _filed(day)
    with pytest.raises(TransitionRefused) as refused:
        check_change(JP, [APPROVAL, late], late)
    problem = refused.value.problems[0]
    assert problem.code == "transition.conversion_after_term"
    for lang in ("en", "zh_CN"):
        said = render_problem(problem, lang)
        assert "2025-12-28" in said and "PMD Act Art. 23-26(1)" in said and "--new-track" in said


@pytest.mark.parametrize("day", ["2025-11-14", "2025-12-28", "2025-12"])
def test_an_application_within_the_time_limit_keeps_the_approval_pending_conversion(day):
    filed = _filed(day)
    status = check_change(JP, [APPROVAL, filed], filed)
    assert status.state is State.CONVERSION_PENDING
    # the day after the limit, the approval is still on sale pending the decision (Stemirac, per Nikkei)
    assert derive_as_of(JP, [APPROVAL, filed], dt.date(2025, 12, 31)).state is State.CONVERSION_PENDING


def test_without_an_application_the_day_after_the_limit_is_not_authorised():
    assert derive_as_of(JP, [APPROVAL], dt.date(2025, 12, 28)).state is State.AUTHORISED_TIME_LIMITED
    shown = derive_as_of(JP, [APPROVAL], dt.date(2025, 12, 29))
    assert shown.state is State.TERM_ENDED and shown.status.since == PartialDate.parse("2025-12-29")


def test_a_time_limit_extended_after_it_ended_is_refused_and_one_extended_in_time_moves_it():
    """HeartSheet's limit was extended from 5 to 8 years in 2018, while the approval (2015-09) was in force.
    An extension dated after the limit would revive an approval that had already ended."""
    heart = RegulatoryEvent(1, 3, "approval_conditional_time_limited", PartialDate.parse("2015-09-18"),
                            attributes={"time_limit_years": "5"})
    late = RegulatoryEvent(2, 3, "ctl_period_extended", PartialDate.parse("2020-10"),
                           attributes={"time_limit_years": "8"})
    with pytest.raises(TransitionRefused) as refused:
        check_change(JP, [heart, late], late)
    assert refused.value.problems[0].code == "transition.conversion_after_term"
    assert "2020-09-18" in render_problem(refused.value.problems[0], "zh_CN")
    in_time = RegulatoryEvent(2, 3, "ctl_period_extended", PartialDate.parse("2018-11"),
                              attributes={"time_limit_years": "8"})
    check_change(JP, [heart, in_time], in_time)
    assert derive_as_of(JP, [heart, in_time], dt.date(2023, 9, 18)).state is State.AUTHORISED_TIME_LIMITED
    assert derive_as_of(JP, [heart, in_time], dt.date(2023, 9, 19)).state is State.TERM_ENDED
