"""EU conditional MA: one year, renewed yearly; replaced by a full MA only while in force.

Reg. 507/2006 Art. 5: a conditional MA is valid one year, renewable; when its specific obligations are
fulfilled it is replaced by an MA not subject to them.  Reference EU table: AUTHORISED_CONDITIONAL →
specific obligations met → AUTHORISED_FULL.  Recorded after the CMA had lapsed with no renewal applied
for, "conditions met" used to turn a lapsed authorisation back into a full one.
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

EU = Track(4, 1, "Example", "EU", "indication", Pathway.MARKETING)


def _e(i: int, kind: str, day: str) -> RegulatoryEvent:
    return RegulatoryEvent(i, 4, kind, PartialDate.parse(day))


CMA = [_e(1, "approval_conditional", "2020-01-31"), _e(2, "cma_renewed", "2021-01-20")]


def test_conditions_met_after_the_cma_lapsed_unrenewed_is_refused():
    late = _e(3, "conditions_met", "2022-03-01")
    with pytest.raises(TransitionRefused) as refused:
        check_change(EU, [*CMA, late], late)
    problem = refused.value.problems[0]
    assert problem.code == "transition.conditions_after_term"
    for lang in ("en", "zh_CN"):
        said = render_problem(problem, lang)
        assert "2022-01-20" in said and "507/2006" in said
    # the state shown had already ended: a missed yearly renewal
    assert derive_as_of(EU, CMA, dt.date(2022, 1, 20)).state is State.AUTHORISED_CONDITIONAL
    assert derive_as_of(EU, CMA, dt.date(2022, 1, 21)).state is State.TERM_ENDED


def test_conditions_met_in_force_or_while_a_timely_renewal_is_pending_converts():
    in_force = _e(3, "conditions_met", "2021-12-01")
    assert check_change(EU, [*CMA, in_force], in_force).state is State.AUTHORISED_FULL
    pending = [*CMA, _e(3, "renewal_application_submitted", "2021-07-01"), _e(4, "conditions_met", "2022-03-01")]
    assert check_change(EU, pending, pending[-1]).state is State.AUTHORISED_FULL
    # on the market (so the sunset clause does not end it), the full MA then runs five years from the
    # conversion (Reg. 726/2004 Art. 14(1))
    pending.append(_e(5, "product_launch", "2022-06"))
    assert derive_as_of(EU, pending, dt.date(2027, 3, 1)).state is State.AUTHORISED_FULL
    assert derive_as_of(EU, pending, dt.date(2027, 3, 2)).state is State.TERM_ENDED
