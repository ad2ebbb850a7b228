"""China's trial permission is named for what it is, whichever way it came.

Provisions for Drug Registration 2020 Art. 23: CDE either notifies its decision (an approval notice) or,
silent for 60 working days, consent is deemed given (默示许可).  Reference: CT_AUTHORISED is "CN 默示许可
or approval".  The state used to be named 默示许可 even after an explicit approval.
"""

from __future__ import annotations

import datetime as dt

from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import Pathway
from mscreg.domain.messages import text
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.state_as_of import derive_as_of
from mscreg.domain.states import State, state_name
from mscreg.domain.track import Track

CN = Track(1, 1, "Example", "CN", "knee osteoarthritis", Pathway.CLINICAL)


def test_an_approved_trial_application_is_not_called_an_implied_permission():
    log = [RegulatoryEvent(1, 1, "cta_accepted", PartialDate.parse("2016-03-01")),
           RegulatoryEvent(2, 1, "cta_approved", PartialDate.parse("2017-01-10"))]
    shown = derive_as_of(CN, log, dt.date(2017, 2, 1))
    assert shown.state is State.CT_AUTHORISED
    for lang in ("en", "zh_CN"):
        assert "默示许可" not in state_name(shown.state, "CN", lang)
        assert "默示许可" not in text("state.short.CN.CT_AUTHORISED", lang)
    assert state_name(shown.state, "CN", "zh_CN") == "已获准开展临床试验"
