"""Re-reading only what changed: after any kind of change the refreshed portfolio, its clocks and its
search keys equal a full read, and products nobody changed are not read again."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from mscreg.domain.event import EventDraft
from mscreg.domain.product import ProductDraft
from mscreg.domain.track import TrackDraft
from mscreg.services import editing, portfolio_refresh
from mscreg.services.deadlines import deadlines_of, deadlines_updated
from mscreg.services.portfolio_refresh import AuditTail, read_portfolio, refresh
from mscreg.services.product_search import SearchIndex
from mscreg.services.tracker import find_product, product_overviews
from mscreg.services.workspace import open_workspace

AS_OF = dt.date(2025, 6, 1)


def _product(ws, name):
    return find_product(ws, name)


def _track(ws, product_name, jurisdiction):
    ov = next(o for o in product_overviews(ws) if o.product.name == product_name)
    return next(tv for tv in ov.tracks if tv.track.jurisdiction == jurisdiction)


def _alias_only(ws):
    p = _product(ws, "Ryoncil")
    editing.update_product(ws, p.id, replace(editing.product_draft(p), aliases=(*p.aliases, "MSB-GVHD-X")),
                           reason="alias from a conference poster")


def _rename(ws):
    p = _product(ws, "Cartistem")
    editing.update_product(ws, p.id, replace(editing.product_draft(p), name="Cartistem (renamed)"),
                           reason="brand name changed")


def _add_event(ws):
    t = editing.create_track(ws, _product(ws, "Cartistem").id, TrackDraft("CN", "knee osteoarthritis", "clinical"),
                             reason="CN programme")
    editing.add_event(ws, t.id, EventDraft("cta_accepted", "2025-03-04", reference="CXSL2500123"),
                      reason="CDE acceptance notice")


def _edit_event(ws):
    tv = _track(ws, "Ryoncil", "US")
    e = tv.events[-1]
    editing.update_event(ws, e.id, replace(editing.event_draft(e), note="checked against the FDA letter"),
                         reason="note", expected_version=e.version)


def _delete_event(ws):
    tv = _track(ws, "Ryoncil", "US")
    e = tv.events[-1]
    editing.delete_event(ws, e.id, reason="entered twice", expected_version=e.version)


def _create_and_delete_track(ws):
    t = editing.create_track(ws, _product(ws, "Stemirac").id, TrackDraft("KR", "spinal cord injury", "clinical"),
                             reason="KR trial")
    keep = editing.create_track(ws, _product(ws, "Alofisel").id, TrackDraft("CA", "perianal fistula", "clinical"),
                                reason="CA trial")
    editing.delete_track(ws, t.id, reason="entered by mistake")
    assert keep.id


def _new_and_deleted_products(ws):
    editing.create_product(ws, ProductDraft("Newcel", name_zh="新细胞", aliases=("NC-1",)), reason="pipeline")
    gone = editing.create_product(ws, ProductDraft("Gonecel"), reason="pipeline")
    editing.delete_product(ws, gone.id, reason="entered by mistake")


CHANGES = [_alias_only, _rename, _add_event, _edit_event, _delete_event, _create_and_delete_track,
           _new_and_deleted_products]


@pytest.mark.parametrize("change", CHANGES, ids=lambda f: f.__name__.strip("_"))
def test_a_refresh_after_a_change_equals_reading_everything_again(workspace, change):
    before = read_portfolio(workspace)
    index = SearchIndex.build([ov.product for ov in before.overviews])
    clocks = deadlines_of(before.overviews, AS_OF)
    change(workspace)

    refreshed = refresh(workspace, before.overviews, before.tail)
    assert refreshed is not None
    full = read_portfolio(workspace)
    assert refreshed.overviews == full.overviews
    assert refreshed.tail == full.tail
    assert 1 <= len(refreshed.touched) <= 2  # one product, or a product and one created then deleted
    # the products nobody changed are the very objects read before, not copies read again
    old = {ov.product.id: ov for ov in before.overviews}
    for ov in refreshed.overviews:
        if ov.product.id not in refreshed.touched:
            assert ov is old[ov.product.id]

    changed = [ov for ov in refreshed.overviews if ov.product.id in refreshed.changed]
    assert deadlines_updated(clocks, changed, refreshed.touched, AS_OF) == deadlines_of(full.overviews, AS_OF)
    updated = index.updated([ov.product for ov in changed], refreshed.touched)
    rebuilt = SearchIndex.build([ov.product for ov in full.overviews])
    assert updated.entries == rebuilt.entries
    for query in ("ryoncil", "msb-gvhd-x", "cartistem renamed", "newcel", "新细胞", "gonecel", "stemirac"):
        assert updated.matching(query) == rebuilt.matching(query), query


def test_nothing_changed_reads_no_product(workspace):
    before = read_portfolio(workspace)
    refreshed = refresh(workspace, before.overviews, before.tail)
    assert refreshed is not None and not refreshed.touched and refreshed.tail == before.tail
    assert all(a is b for a, b in zip(refreshed.overviews, before.overviews, strict=True))


def test_a_change_made_by_someone_else_is_found_too(workspace, seeded_db):
    before = read_portfolio(workspace)
    colleague = open_workspace(str(seeded_db))
    try:
        _rename(colleague)
    finally:
        colleague.close()
    refreshed = refresh(workspace, before.overviews, before.tail)
    assert refreshed is not None
    assert "Cartistem (renamed)" in {ov.product.name for ov in refreshed.overviews}
    assert refreshed.overviews == read_portfolio(workspace).overviews


def test_changes_since_a_refresh_are_found_by_the_next_one(workspace):
    first = read_portfolio(workspace)
    _alias_only(workspace)
    second = refresh(workspace, first.overviews, first.tail)
    assert second is not None
    _delete_event(workspace)
    third = refresh(workspace, second.overviews, second.tail)
    assert third is not None and third.touched == {_product(workspace, "Ryoncil").id}
    assert third.overviews == read_portfolio(workspace).overviews


def test_a_trail_that_is_not_the_one_read_means_reading_everything(workspace):
    """A restored backup or another file in the same place: the tail row has another hash (or is gone)."""
    before = read_portfolio(workspace)
    assert before.tail is not None
    assert refresh(workspace, before.overviews, AuditTail(before.tail.id, "0" * 64)) is None
    assert refresh(workspace, before.overviews, AuditTail(before.tail.id + 1000, before.tail.hash)) is None


def test_too_many_changes_mean_reading_everything(workspace, monkeypatch):
    before = read_portfolio(workspace)
    _alias_only(workspace)
    _rename(workspace)
    monkeypatch.setattr(portfolio_refresh, "MAX_ROWS", 1)
    assert refresh(workspace, before.overviews, before.tail) is None
