"""PDUFA goals when priority review is recorded as its own event.

Reference (US table): MA_SUBMITTED → filed (standard / priority) → pdufa_goal = filing date + 10 months
(standard) / + 6 months (priority) [PDUFA VI goals letter].  A BLA accepted (filed) and granted priority
review, recorded as "Marketing application accepted" plus "Priority review granted", used to get the
standard 10-month goal.
"""

from __future__ import annotations

import datetime as dt

from mscreg.domain.clocks import Status, track_clocks
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import Pathway
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.track import Track

US = Track(1, 1, "Example", "US", "aGVHD", Pathway.MARKETING)


def _log(*items: tuple[str, str, dict[str, str]]) -> list[RegulatoryEvent]:
    return [RegulatoryEvent(i + 1, 1, t, PartialDate.parse(d), attributes=a) for i, (t, d, a) in enumerate(items)]


def _goals(log: list[RegulatoryEvent], day: str) -> dict[str, tuple[str, Status]]:
    return {c.rule.id: (c.due.display(), c.status) for c in track_clocks(US, log, dt.date.fromisoformat(day))
            if c.rule.id.startswith("us-bla-") and c.rule.id.endswith("-goal")}


def test_priority_review_granted_after_the_filing_gives_the_six_month_goal_from_the_filing_date():
    log = _log(("ma_submitted", "2024-01-10", {}), ("ma_accepted", "2024-03-10", {}),
               ("designation_priority_review", "2024-03-20", {}))
    assert _goals(log, "2024-04-01") == {"us-bla-priority-goal": ("2024-09-10", Status.UPCOMING)}


def test_priority_review_recorded_as_the_filing_itself():
    log = _log(("ma_submitted", "2024-01-10", {}), ("designation_priority_review", "2024-03-10", {}))
    assert _goals(log, "2024-04-01") == {"us-bla-priority-goal": ("2024-09-10", Status.UPCOMING)}


def test_a_standard_filing_keeps_the_ten_month_goal_and_31_january_plus_months_clips_to_the_month_end():
    log = _log(("ma_submitted", "2023-12-01", {}), ("ma_accepted", "2024-01-31", {}))
    assert _goals(log, "2024-02-01") == {"us-bla-standard-goal": ("2024-11-30", Status.UPCOMING)}
    priority = _log(("ma_submitted", "2023-12-01", {}), ("ma_accepted_priority_review", "2024-01-31", {}))
    assert _goals(priority, "2024-02-01") == {"us-bla-priority-goal": ("2024-07-31", Status.UPCOMING)}


def test_a_designation_in_a_resubmission_cycle_starts_no_second_goal():
    log = _log(("ma_submitted", "2019-05-01", {}), ("ma_accepted_priority_review", "2020-04-01", {}),
               ("complete_response_letter", "2020-10-01", {}),
               ("resubmission_accepted", "2023-03-07", {"resubmission_class": "2", "received": "2023-01-31"}),
               ("designation_priority_review", "2023-03-10", {}))
    assert _goals(log, "2023-04-01") == {
        "us-bla-priority-goal": ("2020-10-01", Status.MET),
        "us-bla-resubmission-class2-goal": ("2023-07-31", Status.UPCOMING),
    }
