"""The fast constructor for events read back from storage builds exactly the same value."""

from __future__ import annotations

import pytest

from mscreg.domain.event import Confidence, RegulatoryEvent
from mscreg.domain.partial_date import PartialDate


def test_a_stored_event_equals_the_one_the_dataclass_builds_and_stays_frozen():
    fields = dict(id=7, track_id=3, type="ind_submitted", date=PartialDate.parse("2024-07"), agency="FDA",
                  reference="IND 1", source="https://example.org", confidence=Confidence.HIGH, note="n",
                  attributes={"review": "priority"}, version=2)
    fast = RegulatoryEvent.stored(**fields)
    assert fast == RegulatoryEvent(**fields)
    assert repr(fast) == repr(RegulatoryEvent(**fields))
    assert fast.order_key == RegulatoryEvent(**fields).order_key
    with pytest.raises(AttributeError):  # still frozen
        fast.note = "changed"  # type: ignore[misc]
