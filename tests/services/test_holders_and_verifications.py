"""Holders over time and verifications on both backends: written with their audit rows, checked by the
audit verifier, read back as of a day, refused whole, and carried through an export and import."""

from __future__ import annotations

import datetime as dt

import pytest

from mscreg.domain.errors import TransitionRefused
from mscreg.services import editing
from mscreg.services.exchange.exporting import export_database
from mscreg.services.exchange.importing import import_file
from mscreg.services.holders import add_transfer
from mscreg.services.review import review_queue, verify_track
from mscreg.services.tracker import product_overviews
from mscreg.storage import repositories as repo

D = dt.date.fromisoformat


def test_transfers_and_verifications_are_audited_and_verified(workspace, seeded_db, dump):
    # Cupistem has no transfer in the data set: an invented history, so the test does not follow the data
    add_transfer(workspace, product="Cupistem", jurisdiction="KR", role="holder", date=None, from_party="",
                 to_party="Anterogen", reason="original holder")
    add_transfer(workspace, product="Cupistem", jurisdiction="KR", role="holder", date="2018-07-31",
                 from_party="Anterogen", to_party="Example Pharma", reason="acquisition")
    track = editing.select_track(workspace, product="Cupistem", jurisdiction="KR")
    verify_track(workspace, track.id, source="MFDS register", day=D("2026-12-01"), reason="review",
                 today=D("2026-12-05"))
    with workspace.db.read() as s:
        assert repo.verify_records(s) is None
    [ov] = product_overviews(workspace, "Cupistem")
    assert ov.company_on(D("2018-01-01")) == "Anterogen" and ov.company_on(D("2026-12-05")) == "Example Pharma"
    assert all(i.track.id != track.id or i.kind == "term_ended"
               for i in review_queue(workspace, D("2026-12-05"), 6).items)
    before = dump(seeded_db)
    with pytest.raises(TransitionRefused):
        add_transfer(workspace, product="Cupistem", jurisdiction="KR", role="holder", date="2019",
                     from_party="Anterogen", to_party="Someone", reason="wrong")
    assert dump(seeded_db) == before


def test_transfers_survive_a_json_export_and_import_into_an_empty_database(workspace, fresh_database, tmp_path):
    add_transfer(workspace, product="Cupistem", jurisdiction="KR", role="licensee", date="2003", from_party="",
                 to_party="Example Licensee", reason="licence")
    out = tmp_path / "all.json"
    export_database(workspace, "json", out)
    from mscreg.services.workspace import open_workspace

    other = open_workspace(str(fresh_database()))
    try:
        import_file(other, out)
        [cup] = product_overviews(other, "Cupistem")
        assert [(t.role.value, t.to_party) for t in cup.transfers] == [("licensee", "Example Licensee")]
        # and the data set's own transfers came along
        [tem] = product_overviews(other, "Temcell")
        assert ("holder", "JCR Pharmaceuticals") in [(t.role.value, t.to_party) for t in tem.transfers]
        with other.db.read() as s:
            assert repo.verify_records(s) is None
    finally:
        other.close()
