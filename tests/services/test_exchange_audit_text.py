"""The bulk writer's shortcuts write exactly what the general code would, byte for byte.

An import builds each created event's audit text and each row's hash without ``json.dumps``
(it was a third of the writing time).  The hash chain of every existing database, and
``verify_chain`` on new ones, depend on the text and the hash being the very same bytes, so both are
compared here with the general formulas over awkward values: quotes, backslashes, control
characters, non-BMP characters, Chinese, empty and missing dates, attributes.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from mscreg.domain.event import Confidence, RegulatoryEvent
from mscreg.domain.partial_date import PartialDate
from mscreg.storage import audit
from mscreg.storage.record_codecs import EVENT
from mscreg.storage.repositories import event_snapshot

text = st.text(st.characters(codec="utf-8"), max_size=30)  # every code point but lone surrogates
dates = st.one_of(
    st.none(),
    st.builds(lambda d, p, a: PartialDate(d.year, d.month if p != "year" else None, d.day if p == "day" else None,
                                          a),
              st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)), st.sampled_from(["year", "month", "day"]),
              st.booleans()))
events = st.builds(
    RegulatoryEvent, id=st.none(), track_id=st.none(), type=text, date=dates, agency=text, reference=text,
    source=text, confidence=st.sampled_from(list(Confidence)), note=text,
    attributes=st.dictionaries(text, text, max_size=3))


@settings(max_examples=200, deadline=None)
@given(event=events, track_id=st.integers(1, 10**12))
def test_a_created_events_audit_text_is_the_canonical_json_of_its_snapshot(event, track_id):
    snap = event_snapshot(event)
    snap["track_id"] = track_id
    expected = audit.canonical({k: [None, v] for k, v in snap.items() if v is not None})
    assert EVENT.created_text(event, track_id=track_id) == expected
    assert expected == audit.canonical(audit.diff(None, EVENT.snapshot(event, track_id=track_id)))


@settings(max_examples=200, deadline=None)
@given(id=st.integers(1, 10**12), at=text, actor=text, action=text, entity=text, entity_id=st.integers(0, 10**12),
       changes=text, reason=text, prev=text)
def test_the_row_hasher_gives_row_hash_exactly(id, at, actor, action, entity, entity_id, changes, reason, prev):
    hasher = audit.RowHasher(at, actor, reason)
    assert hasher(id, action, entity, entity_id, changes, prev) == audit.row_hash(
        id, at, actor, action, entity, entity_id, changes, reason, prev)
