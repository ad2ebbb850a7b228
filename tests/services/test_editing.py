"""Editing products and tracks through the services: audited when saved, no trace when refused."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from mscreg.domain.errors import Conflict, InvalidInput, NotFound, TransitionRefused
from mscreg.domain.event import EventDraft
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import ProductDraft
from mscreg.domain.states import State
from mscreg.domain.track import TrackDraft
from mscreg.services import editing
from mscreg.services.integrity import check_database
from mscreg.services.tracker import find_product, list_events


def audit_of(ws, entity: str, entity_id: int) -> list[tuple[str, dict, str]]:
    """(action, changes, reason) of every audit row about one record, on either backend."""
    with ws.db.read() as s:
        rows = s.execute(sa.text("SELECT action, changes, reason FROM audit_log WHERE entity = :e "
                                 "AND entity_id = :i ORDER BY id"), {"e": entity, "i": entity_id}).all()
    return [(a, json.loads(c), r) for a, c, r in rows]


def test_product_create_update_delete_are_each_audited_and_the_chain_stays_sound(workspace):
    p = editing.create_product(workspace, ProductDraft("Testocel", aliases=("TC-01",)), reason="new in pipeline")
    changed = editing.update_product(workspace, p.id, ProductDraft("Testocel", name_zh="测试赛", aliases=("TC-01",)),
                                     reason="Chinese name from CDE", expected_version=p.version)
    assert changed.name_zh == "测试赛" and changed.version > p.version
    editing.delete_product(workspace, p.id, reason="entered by mistake", expected_version=changed.version)
    rows = audit_of(workspace, "product", p.id)
    assert [(a, r) for a, _c, r in rows] == [("create", "new in pipeline"), ("update", "Chinese name from CDE"),
                                             ("delete", "entered by mistake")]
    assert rows[1][1] == {"name_zh": ["", "测试赛"]}
    assert rows[2][1]["aliases"] == [["TC-01"], None]
    with pytest.raises(NotFound):
        find_product(workspace, "TC-01")  # the alias went with the product
    assert check_database(workspace).ok


def test_a_product_with_tracks_cannot_be_deleted(workspace, seeded_db, dump):
    ryoncil = find_product(workspace, "Ryoncil")
    before = dump(seeded_db)
    with pytest.raises(Conflict) as info:
        editing.delete_product(workspace, ryoncil.id, reason="cleanup")
    assert info.value.problems[0].code == "product.has_tracks"
    assert "Ryoncil" in info.value.message("en") and "Ryoncil" in info.value.message("zh_CN")
    assert dump(seeded_db) == before


@pytest.mark.parametrize(("draft", "reason", "code"), [
    (ProductDraft(""), "x", "text.empty"),
    (ProductDraft("Remestemcel-L"), "x", "product.exists"),  # Ryoncil's INN
    (ProductDraft("Testocel", source_tissue="spleen"), "x", "choice.unknown"),
    (ProductDraft("Testocel"), "  ", "reason.empty"),
])
def test_refused_products_change_nothing(workspace, seeded_db, dump, draft, reason, code):
    before = dump(seeded_db)
    with pytest.raises((InvalidInput, Conflict)) as info:
        editing.create_product(workspace, draft, reason=reason)
    assert info.value.problems[0].code == code
    assert dump(seeded_db) == before


def test_stale_product_edit_names_who_changed_it(workspace, seeded_db, dump):
    p = find_product(workspace, "Cartistem")
    editing.update_product(workspace, p.id, _with_notes(p, "first"), reason="note", expected_version=p.version)
    before = dump(seeded_db)
    with pytest.raises(Conflict) as info:
        editing.update_product(workspace, p.id, _with_notes(p, "second"), reason="note", expected_version=p.version)
    assert "changed by" in info.value.message("en")
    assert dump(seeded_db) == before


def _with_notes(p, notes: str) -> ProductDraft:
    from dataclasses import replace

    return replace(editing.product_draft(p), notes=notes)


def test_track_create_update_delete_with_audit(workspace):
    cartistem = find_product(workspace, "Cartistem")
    t = editing.create_track(workspace, cartistem.id, TrackDraft("cn", "knee OA", "clinical"), reason="CDE filing")
    assert (t.jurisdiction, t.pathway.value) == ("CN", "clinical")
    moved = editing.update_track(workspace, t.id, TrackDraft("CN", "knee osteoarthritis", "clinical"),
                                 reason="full indication", expected_version=t.version)
    assert moved.indication == "knee osteoarthritis"
    editing.delete_track(workspace, t.id, reason="duplicate of another track", expected_version=moved.version)
    assert [a for a, _c, _r in audit_of(workspace, "track", t.id)] == ["create", "update", "delete"]
    assert check_database(workspace).ok


def test_a_track_with_events_cannot_be_deleted(workspace, seeded_db, dump):
    track = next(v.track for v in list_events(workspace, product="Ryoncil") if v.track.pathway.value == "marketing")
    before = dump(seeded_db)
    with pytest.raises(Conflict) as info:
        editing.delete_track(workspace, track.id, reason="cleanup")
    assert info.value.problems[0].code == "track.has_events"
    assert dump(seeded_db) == before


def test_moving_a_track_where_its_events_do_not_exist_is_refused(workspace, seeded_db, dump):
    track = next(v.track for v in list_events(workspace, product="Stemirac"))  # has a SAKIGAKE designation
    before = dump(seeded_db)
    with pytest.raises(TransitionRefused) as info:
        editing.update_track(workspace, track.id, TrackDraft("CN", track.indication, "marketing"), reason="x")
    assert "SAKIGAKE" in info.value.message("en")
    assert dump(seeded_db) == before


def test_add_event_uses_the_track_id_and_the_command_line_checks(workspace, seeded_db, dump):
    track = next(v.track for v in list_events(workspace, product="Stemirac"))
    res = editing.add_event(workspace, track.id, EventDraft("ctl_period_extended", "2025-12", approximate=True,
                                                            attributes={"time_limit_years": "8"}),
                            reason="MHLW notice")
    assert res.track.id == track.id and res.event.date == PartialDate(2025, 12, approximate=True)
    before = dump(seeded_db)
    with pytest.raises(TransitionRefused):
        editing.add_event(workspace, track.id, EventDraft("cta_implied_permission", "2026"), reason="x")
    assert dump(seeded_db) == before


def test_stale_event_delete_is_refused(workspace, seeded_db, dump):
    event = next(v.event for v in list_events(workspace, product="Stemirac")
                 if v.event.type == "full_approval_application_filed")
    editing.update_event(workspace, event.id, EventDraft(event.type, "2025-11-14", reference="X-1"), reason="ref")
    before = dump(seeded_db)
    with pytest.raises(Conflict) as info:
        editing.delete_event(workspace, event.id, reason="gone", expected_version=event.version)
    assert "changed by" in info.value.message("en")
    assert dump(seeded_db) == before


def test_event_types_offered_depend_on_where_the_date_falls(workspace):
    log = editing.track_log(workspace, next(v.track.id for v in list_events(workspace, product="Ryoncil")
                                              if v.track.pathway.value == "marketing"))
    now = editing.event_types_at(log.track, log.events, PartialDate(2026, 1))
    assert now.state is State.AUTHORISED_FULL
    assert "ma_withdrawn" in now.allowed and "complete_response_letter" not in now.allowed
    in_review = editing.event_types_at(log.track, log.events, PartialDate(2020, 9))
    assert in_review.state is State.MA_UNDER_REVIEW
    assert "complete_response_letter" in in_review.allowed and "ma_withdrawn" not in in_review.allowed


def test_preview_reports_the_refusal_the_save_would_raise(workspace):
    log = editing.track_log(workspace, next(v.track.id for v in list_events(workspace, product="Ryoncil")
                                              if v.track.pathway.value == "marketing"))
    draft = EventDraft("complete_response_letter", "2026-02")
    with pytest.raises(TransitionRefused) as preview:
        editing.preview_event_change(log.track, log.events, draft)
    with pytest.raises(TransitionRefused) as saved:
        editing.add_event(workspace, log.track.id, draft, reason="x")
    assert preview.value.message("en") == saved.value.message("en")
