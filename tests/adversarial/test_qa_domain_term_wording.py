"""The state shown when a statutory period ran out says what is missing in words right for every rule.

Regulation (EC) No 726/2004 Art. 14(4)-(5) (sunset: not placed on the market within 3 years) and PMD Act
Art. 23-26 (JP: no full-approval application within the time limit) end an authorisation without any
renewal being involved, so "no renewal recorded" told the reader to look for the wrong thing.
"""

from __future__ import annotations

import datetime as dt

import pytest

from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import Pathway
from mscreg.domain.messages import text
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.state_as_of import derive_as_of
from mscreg.domain.states import State, state_name
from mscreg.domain.track import Track


@pytest.mark.parametrize(("jurisdiction", "event", "day", "rule"), [
    ("EU", "approval_full", "2020-01-15", "eu-sunset"),
    ("JP", "approval_conditional_time_limited", "2018-12-28", "jp-ctl-expiry"),
    ("NZ", "provisional_consent", "2012-06-14", "nz-provisional-consent-expiry"),
])
def test_the_ended_state_names_no_renewal_where_none_is_missing(jurisdiction, event, day, rule):
    track = Track(1, 1, "Example", jurisdiction, "indication", Pathway.MARKETING)
    log = [RegulatoryEvent(1, 1, event, PartialDate.parse(day))]
    shown = derive_as_of(track, log, dt.date(2026, 12, 6))
    assert shown.state is State.TERM_ENDED and shown.ended_by is not None and shown.ended_by.rule.id == rule
    for lang in ("en", "zh_CN"):
        name = state_name(shown.state, jurisdiction, lang)
        assert "renewal" not in name and "续期" not in name
    assert state_name(State.TERM_ENDED, "EU", "zh_CN") == "期限已届满（未记录后续事件）"


def test_the_changes_heading_says_the_same_in_both_languages():
    assert text("changes.kind.term_ended", "en") == "Term ended, nothing recorded"
    assert "续期" not in text("changes.kind.term_ended", "zh_CN")
