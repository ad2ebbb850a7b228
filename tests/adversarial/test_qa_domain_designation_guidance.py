"""A designation refused for want of a trial application says what to record in that country.

Breakthrough therapy (China: 突破性治疗药物, granted during clinical trials; US: on an IND) is requested on a
trial application.  Outside the US the refusal used to tell the user to record an FDA IND, an event type
that exists only in the US.
"""

from __future__ import annotations

import pytest

from mscreg.domain.errors import TransitionRefused
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import EVENT_TYPES, Pathway
from mscreg.domain.messages import render_problem
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.state_machine import check_change
from mscreg.domain.track import Track


@pytest.mark.parametrize("jurisdiction", ["CN", "EU", "JP"])
def test_outside_the_us_the_refusal_names_the_trial_application_not_an_fda_ind(jurisdiction):
    track = Track(1, 1, "Example", jurisdiction, "indication", Pathway.CLINICAL)
    bare = RegulatoryEvent(1, 1, "designation_breakthrough", PartialDate.parse("2024-05-01"))
    with pytest.raises(TransitionRefused) as refused:
        check_change(track, [bare], bare)
    problem = refused.value.problems[0]
    assert problem.code == "transition.needs_cta"
    for lang in ("en", "zh_CN"):
        said = render_problem(problem, lang)
        assert "IND" not in said and "FDA" not in said
        assert EVENT_TYPES["cta_submitted"].name(lang) in said
    assert "提交临床试验申请" in render_problem(problem, "zh_CN")


def test_in_the_us_it_still_names_the_ind():
    track = Track(1, 1, "Example", "US", "indication", Pathway.CLINICAL)
    bare = RegulatoryEvent(1, 1, "designation_breakthrough", PartialDate.parse("2024-05-01"))
    with pytest.raises(TransitionRefused) as refused:
        check_change(track, [bare], bare)
    assert refused.value.problems[0].code == "transition.needs_ind"
    assert "IND" in render_problem(refused.value.problems[0], "en")
