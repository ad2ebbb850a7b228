"""States follow the calendar: a replay cut at the as-of day, then the statutory terms that ran out."""

from __future__ import annotations

import datetime as dt

import pytest

from mscreg.domain.errors import TransitionRefused
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import Pathway
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import Product
from mscreg.domain.state_as_of import derive_as_of
from mscreg.domain.state_machine import check_replays, derive
from mscreg.domain.states import State, state_name
from mscreg.domain.timeline_layout import SpanStyle, approvals_layout, product_layout
from mscreg.domain.track import Track, TrackLog

D = dt.date.fromisoformat
M = Pathway.MARKETING


def _log(track: Track, *items: tuple[str, str | None, dict[str, str]]) -> list[RegulatoryEvent]:
    return [RegulatoryEvent(i + 1, track.id, t, PartialDate.parse(d) if d else None, attributes=a)
            for i, (t, d, a) in enumerate(items)]


NZ = Track(5, 4, "Prochymal", "NZ", "paediatric SR-aGVHD", M)
PROCHYMAL_NZ = _log(NZ, ("ma_submitted", "2011-05", {}), ("provisional_consent", "2012-06", {}),
                    ("provisional_consent_renewed", "2014-06-14", {}))


def test_prochymal_nz_consent_in_force_before_its_term_ends():
    shown = derive_as_of(NZ, PROCHYMAL_NZ, D("2015-01-01"))
    assert shown.state is State.AUTHORISED_CONDITIONAL and shown.ended_by is None
    # the due day itself is still within the two years
    assert derive_as_of(NZ, PROCHYMAL_NZ, D("2016-06-14")).state is State.AUTHORISED_CONDITIONAL


def test_prochymal_nz_consent_ended_the_day_after_its_term():
    shown = derive_as_of(NZ, PROCHYMAL_NZ, D("2016-06-15"))
    assert shown.state is State.TERM_ENDED
    assert shown.status.since == PartialDate.parse("2016-06-15")
    assert shown.ended_by is not None and shown.ended_by.rule.id == "nz-provisional-consent-expiry"
    assert shown.ended_by.anchor.type == "provisional_consent_renewed"
    today = derive_as_of(NZ, PROCHYMAL_NZ, D("2026-12-05"))
    assert today.state is State.TERM_ENDED
    assert state_name(today.state, "NZ") == "Term ended — nothing recorded"
    assert state_name(today.state, "NZ", "zh_CN") == "期限已届满（未记录后续事件）"
    # the replay itself is untouched: a late renewal can still be recorded after the term ended
    assert derive(NZ, PROCHYMAL_NZ).state is State.AUTHORISED_CONDITIONAL


def test_a_consent_that_lapsed_cannot_be_renewed():
    """s.23(4A) renews a consent in force: a renewal dated after the term ended is refused, not a restore."""
    late = [*PROCHYMAL_NZ, RegulatoryEvent(9, NZ.id, "provisional_consent_renewed", PartialDate.parse("2016-09-01"))]
    with pytest.raises(TransitionRefused) as refused:
        check_replays(NZ, late)
    assert refused.value.problems[0].code == "transition.renewal_after_term"
    assert "2016-06-14" in refused.value.message("en")


def test_an_event_dated_after_the_as_of_day_does_not_change_its_state():
    us = Track(3, 2, "Ryoncil", "US", "paediatric SR-aGVHD", M)
    log = _log(us, ("ma_submitted", "2023-01-31", {}), ("ma_accepted", "2023-03-07", {}),
               ("approval_full", "2024-12-18", {}), ("ma_withdrawn", "2030-01-05", {}))
    assert derive(us, log).state is State.WITHDRAWN
    assert derive_as_of(us, log, D("2026-12-05")).state is State.AUTHORISED_FULL
    assert derive_as_of(us, log, D("2030-01-05")).state is State.WITHDRAWN


def test_jp_time_limit_met_by_filing_for_full_approval_in_time():
    jp = Track(8, 6, "Stemirac", "JP", "spinal cord injury", M)
    filed = _log(jp, ("approval_conditional_time_limited", "2018-12-28", {"time_limit_years": "7"}),
                 ("full_approval_application_filed", "2025-11-14", {}))
    assert derive_as_of(jp, filed, D("2026-12-05")).state is State.CONVERSION_PENDING
    lapsed = filed[:1]
    shown = derive_as_of(jp, lapsed, D("2026-12-05"))
    assert shown.state is State.TERM_ENDED and shown.ended_by is not None
    assert shown.ended_by.rule.id == "jp-ctl-expiry" and shown.status.since == PartialDate.parse("2025-12-29")


def test_an_imprecise_term_ends_at_the_precision_it_allows():
    cn = Track(9, 7, "Example", "CN", "knee osteoarthritis", M)
    log = _log(cn, ("approval_conditional", "2012-05", {}))
    shown = derive_as_of(cn, log, D("2026-12-05"))
    assert shown.state is State.TERM_ENDED
    assert shown.status.since == PartialDate.parse("2017-05")  # due some day in May 2017
    # while the due month runs, nothing is certain yet: still in force
    assert derive_as_of(cn, log, D("2017-05-20")).state is State.AUTHORISED_CONDITIONAL


def test_timelines_end_the_consent_and_stop_alarming():
    product = Product(4, "Prochymal")
    log = TrackLog(product, NZ, tuple(PROCHYMAL_NZ))
    lane = product_layout(product, [log], D("2026-12-05")).lanes[0]
    assert lane.state_label == "Term ended — nothing recorded"
    last, ended = lane.spans[-2:]
    assert last.state is State.AUTHORISED_CONDITIONAL and last.end == PartialDate.parse("2016-06-15")
    assert ended.style is SpanStyle.TERM_ENDED and ended.end is None
    assert not [d for d in lane.deadlines if d.status.value == "overdue"]
    # as of 2015 the consent runs on, with its expiry drawn
    earlier = product_layout(product, [log], D("2015-01-01")).lanes[0]
    assert earlier.spans[-1].state is State.AUTHORISED_CONDITIONAL and earlier.spans[-1].end is None
    approvals = approvals_layout([log], D("2026-12-05")).lanes[0]
    assert approvals.spans[-1].style is SpanStyle.TERM_ENDED
