"""Designations as flags held on a day, and the designations that presuppose a product still in development."""

from __future__ import annotations

import datetime as dt

import pytest

from mscreg.domain.designation import designations_as_of, product_designations_as_of
from mscreg.domain.errors import TransitionRefused
from mscreg.domain.event import EventDraft, RegulatoryEvent
from mscreg.domain.event_types import Pathway
from mscreg.domain.messages import text
from mscreg.domain.state_machine import allowed_next, check_change, derive
from mscreg.domain.track import Track

D = dt.date.fromisoformat
US_CT = Track(1, 1, "Alofisel", "US", "perianal fistulas", Pathway.CLINICAL)
US_MA = Track(2, 1, "Ryoncil", "US", "paediatric SR-aGVHD", Pathway.MARKETING)
EU_MA = Track(3, 1, "Alofisel", "EU", "perianal fistulas", Pathway.MARKETING)
JP_MA = Track(4, 2, "Stemirac", "JP", "spinal cord injury", Pathway.MARKETING)
CN_CT = Track(5, 3, "Testcel", "CN", "knee OA", Pathway.CLINICAL)


def _ev(track: Track, id_: int, type_: str, date: str | None, *, planned: bool = False,
        **attrs: str) -> RegulatoryEvent:
    return EventDraft(type_, date, attributes=attrs, planned=planned).to_event(id=id_, track_id=track.id)


def test_flags_held_on_a_day():
    log = [_ev(US_CT, 1, "ind_effective", None), _ev(US_CT, 2, "designation_orphan", "2009-05"),
           _ev(US_CT, 3, "designation_rmat", "2019-03-15"), _ev(US_CT, 4, "designation_fast_track", "2030-01-01")]
    derive(US_CT, log)
    held = designations_as_of(US_CT, log, D("2026-12-05"))
    assert [(d.kind, d.jurisdiction, d.date.iso() if d.date else None, d.event_type) for d in held] == [
        ("orphan", "US", "2009-05", "designation_orphan"), ("rmat", "US", "2019-03-15", "designation_rmat")]
    assert [d.kind for d in designations_as_of(US_CT, log, D("2015-01-01"))] == ["orphan"]
    assert held[1].label_key == "designation.chip.rmat" and held[1].event_id == 3 and held[1].track_id == 1


def test_a_planned_designation_shows_nothing():
    log = [_ev(US_CT, 1, "ind_effective", "2020-01-01"), _ev(US_CT, 2, "designation_rmat", "2027-Q1", planned=True)]
    assert designations_as_of(US_CT, log, D("2028-01-01")) == []


def test_a_withdrawn_designation_is_no_longer_held():
    log = [_ev(EU_MA, 1, "designation_orphan", "2016-03"), _ev(EU_MA, 2, "designation_prime", "2017-05-10"),
           _ev(EU_MA, 3, "ma_submitted", "2019-02-01"), _ev(EU_MA, 4, "approval_full", "2020-03-27"),
           _ev(EU_MA, 5, "designation_withdrawn", "2020-03-27", designation="orphan")]
    status = derive(EU_MA, log)
    assert "prime" in status.flags and "orphan" not in status.flags
    assert [d.kind for d in designations_as_of(EU_MA, log, D("2020-01-01"))] == ["orphan", "prime"]
    assert [d.kind for d in designations_as_of(EU_MA, log, D("2021-01-01"))] == ["prime"]


def test_withdrawing_a_designation_not_held_is_refused():
    log = [_ev(EU_MA, 1, "designation_withdrawn", "2020-03-27", designation="orphan")]
    with pytest.raises(TransitionRefused) as refused:
        check_change(EU_MA, log, log[0], "add")
    assert refused.value.problems[0].code == "transition.designation_not_held"
    assert "orphan" in refused.value.message("en") and "认定" in refused.value.message("zh_CN")
    assert "designation_withdrawn" not in allowed_next(EU_MA, derive(EU_MA, []).state)


def test_priority_review_and_sakigake_and_china_breakthrough():
    jp = [_ev(JP_MA, 1, "designation_sakigake", "2016-02-10"), _ev(JP_MA, 2, "ma_submitted", "2018-06")]
    us = [_ev(US_MA, 1, "ma_submitted", "2020-01-31"), _ev(US_MA, 2, "ma_accepted", "2020-03-30", review="priority")]
    cn = [_ev(CN_CT, 1, "cta_accepted", "2022-01-05"), _ev(CN_CT, 2, "cta_implied_permission", "2022-04-01"),
          _ev(CN_CT, 3, "designation_breakthrough", "2023-07-01")]
    for track, log in ((JP_MA, jp), (US_MA, us), (CN_CT, cn)):
        derive(track, log)
    merged = product_designations_as_of([(JP_MA, jp), (US_MA, us), (CN_CT, cn)], D("2026-12-05"))
    assert [(d.kind, d.jurisdiction) for d in merged] == [("breakthrough", "CN"), ("sakigake", "JP"),
                                                          ("priority", "US")]
    assert text(merged[0].label_key, "en", jurisdiction="CN") == "Breakthrough CN"
    assert text(merged[0].label_key, "zh_CN", jurisdiction="CN") == "突破性治疗 CN"


def test_the_same_designation_on_two_tracks_is_one_chip_dated_by_the_first():
    a = [_ev(US_CT, 1, "designation_orphan", "2012")]
    b = [_ev(US_MA, 2, "designation_orphan", "2009-05")]
    (chip,) = product_designations_as_of([(US_CT, a), (US_MA, b)], D("2026-12-05"))
    assert chip.date is not None and chip.date.iso() == "2009-05" and chip.track_id == US_MA.id


APPROVED = [_ev(US_MA, 1, "ma_submitted", "2023-01-31"), _ev(US_MA, 2, "ma_accepted", "2023-03-07"),
            _ev(US_MA, 3, "approval_full", "2024-12-18")]


@pytest.mark.parametrize("code", ["designation_rmat", "designation_fast_track", "designation_breakthrough"])
def test_a_development_designation_on_an_approved_track_is_refused(code):
    new = _ev(US_MA, 4, code, "2026-11-01")
    with pytest.raises(TransitionRefused) as refused:
        check_change(US_MA, [*APPROVED, new], new, "add")
    assert refused.value.exit_code == 3
    problem = refused.value.problems[0]
    assert problem.code == "transition.designation_after_approval"
    assert "--new-track" in refused.value.message("en") and "Approved" in refused.value.message("en")
    assert code not in allowed_next(US_MA, derive(US_MA, APPROVED).state)


def test_prime_on_an_approved_track_is_refused():
    log = [_ev(EU_MA, 1, "ma_submitted", "2019-02-01"), _ev(EU_MA, 2, "approval_full", "2020-03-27")]
    new = _ev(EU_MA, 3, "designation_prime", "2021-01-01")
    with pytest.raises(TransitionRefused) as refused:
        check_change(EU_MA, [*log, new], new, "add")
    assert refused.value.problems[0].code == "transition.designation_after_approval"


def test_a_designation_during_review_is_still_accepted_and_the_ind_rule_kept():
    new = _ev(US_MA, 4, "designation_rmat", "2023-05-01")
    check_change(US_MA, [*APPROVED[:2], new], new, "add")
    bare = _ev(US_CT, 1, "designation_rmat", "2019-03-15")
    with pytest.raises(TransitionRefused) as refused:
        check_change(US_CT, [bare], bare, "add")
    assert refused.value.problems[0].code == "transition.needs_ind"
