"""Recording events through the service layer: accepted changes are audited, refused ones leave no trace."""

from __future__ import annotations

import pytest

from mscreg.domain.errors import Conflict, InvalidInput, MscregError, NotFound, TransitionRefused
from mscreg.domain.event import EventDraft
from mscreg.domain.states import State
from mscreg.domain.track import TrackDraft
from mscreg.services.tracker import delete_event, find_product, list_events, product_overviews, record_event


@pytest.mark.parametrize("name", ["amimestrocel", "AIMMEXITOCEL", "艾米迈托赛注射液", "睿铂生", "PLEB001"])
def test_any_name_or_alias_finds_the_product(workspace, name):
    assert find_product(workspace, name).name == "Amimestrocel Injection"


def test_recording_a_new_track_and_its_events(workspace):
    res = record_event(workspace, product="Cartistem", track=TrackDraft("CN", "knee osteoarthritis", "clinical"),
                       draft=EventDraft("cta_accepted", "2025-03-04", reference="CXSL2500123"),
                       reason="CDE acceptance notice")
    assert res.track_created and res.status.state is State.CT_ACCEPTED
    res = record_event(workspace, product="Cartistem", track=TrackDraft("CN", "knee osteoarthritis", "clinical"),
                       draft=EventDraft("cta_implied_permission", "2025-06"), reason="CDE list")
    assert not res.track_created and res.status.state is State.CT_AUTHORISED
    events = list_events(workspace, product="cartistem", jurisdiction="cn")
    assert [e.event.date.iso() for e in events] == ["2025-03-04", "2025-06"]


@pytest.mark.parametrize(
    ("kwargs", "error", "code"),
    [
        ({"draft": EventDraft("ma_withdrawn", "2024-01-01")}, TransitionRefused, "transition.never_authorised"),
        ({"draft": EventDraft("approval_full", "2024-02-30")}, InvalidInput, "date.day_range"),
        ({"draft": EventDraft("approval_fulll", "2024")}, InvalidInput, "event_type.unknown"),
        ({"reason": "  "}, InvalidInput, "reason.empty"),
        ({"product": "Nonexistocel"}, NotFound, "product.no_match"),
        ({"product": ""}, InvalidInput, "text.empty"),
        ({"track": TrackDraft("XX", "x", "marketing")}, InvalidInput, "jurisdiction.unknown"),
        ({"draft": EventDraft("approval_conditional", "2016-05")}, TransitionRefused, "transition.not_allowed"),
    ],
)
def test_refusals_change_nothing(workspace, seeded_db, dump, kwargs, error, code):
    args = {"product": "Stempeucel", "track": TrackDraft("EU", "Buerger's disease", "marketing"),
            "draft": EventDraft("ma_submitted", "2024"), "reason": "test"}
    if code == "transition.not_allowed":
        args["track"] = TrackDraft("IN", "critical limb ischaemia (Buerger's disease; atherosclerotic PAD)",
                                   "marketing")
        args["draft"] = EventDraft("approval_limited", "2021")
    args.update(kwargs)
    before = dump(seeded_db)
    with pytest.raises(error) as info:
        record_event(workspace, **args)
    assert info.value.problems[0].code == code
    assert info.value.message("en") and info.value.message("zh_CN")
    assert dump(seeded_db) == before


def test_duplicate_event_is_refused(workspace, seeded_db, dump):
    before = dump(seeded_db)
    with pytest.raises(Conflict):
        record_event(workspace, product="Ryoncil", track=TrackDraft("US", "", "marketing"),
                     draft=EventDraft("approval_full", "2024-12-18"), reason="again")
    assert dump(seeded_db) == before


def test_deleting_an_event_a_later_one_depends_on_is_refused(workspace, seeded_db, dump):
    approval = next(v.event for v in list_events(workspace, product="Alofisel", jurisdiction="EU")
                    if v.event.type == "approval_full")
    before = dump(seeded_db)
    with pytest.raises(TransitionRefused) as info:
        delete_event(workspace, approval.id, reason="mistake")
    assert info.value.problems[0].code == "transition.breaks_later"
    # the message names the first later event left impossible (the launch, before the withdrawal)
    assert "Product launch" in info.value.message("en")
    assert dump(seeded_db) == before


def test_indication_can_be_left_out_only_when_unambiguous(workspace):
    with pytest.raises(MscregError) as info:
        record_event(workspace, product="Temcell", track=TrackDraft("JP", "", "marketing"),
                     draft=EventDraft("variation_submitted", "2025"), reason="x")
    assert info.value.problems[0].code == "track.ambiguous"
    assert "epidermolysis" in info.value.message("en")


def test_overviews_derive_state_since_and_flags(workspace):
    ryoncil = product_overviews(workspace, "Ryoncil")[0].tracks[0]
    assert ryoncil.status.state is State.AUTHORISED_FULL
    assert ryoncil.status.since.iso() == "2024-12-18"
    assert {"priority", "rolling"} <= ryoncil.status.flags


def test_an_edit_of_a_stale_version_is_refused_naming_who_changed_it(workspace, seeded_db, dump):
    from mscreg.services.tracker import update_event
    from mscreg.storage.audit import current_actor

    event = next(v.event for v in list_events(workspace, product="Stemirac")
                 if v.event.type == "full_approval_application_filed")
    update_event(workspace, event.id, EventDraft("full_approval_application_filed", "2025-11-14",
                                                 reference="JP-2025-1"), reason="add the reference")
    before = dump(seeded_db)
    with pytest.raises(Conflict) as info:  # a second user still holds the version read before
        update_event(workspace, event.id, EventDraft("full_approval_application_filed", "2025-11"),
                     reason="coarser date", expected_version=event.version)
    message = info.value.message("en")
    assert current_actor() in message and "changed by" in message
    assert dump(seeded_db) == before
