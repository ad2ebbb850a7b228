"""The review queue: a track never verified is listed, one verified recently is not, the months
boundary, the JSON shape, the Chinese output, and a check that changes nothing but its own record."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from support import db_arg, mscreg, refused, table_dump

from mscreg.domain.errors import InvalidInput
from mscreg.services import editing
from mscreg.services.integrity import check_database
from mscreg.services.review import months_before, review_queue, verify_track
from mscreg.services.workspace import open_workspace

D = dt.date.fromisoformat
TODAY = D("2026-12-05")


@pytest.fixture
def ws(seeded_db):
    workspace = open_workspace(str(seeded_db))
    yield workspace
    workspace.close()


def _kinds(queue, track_id: int) -> set[str]:
    return {i.kind for i in queue.items if i.track.id == track_id}


def test_a_never_verified_track_is_listed_and_a_recently_verified_one_is_not(ws, seeded_db):
    track = editing.select_track(ws, product="Akuugo", jurisdiction="JP")
    queue = review_queue(ws, TODAY, 6)
    assert _kinds(queue, track.id) == {"never_verified"}
    before = table_dump(seeded_db)
    verify_track(ws, track.id, source="PMDA approval list", day=D("2026-11-30"), reason="annual review",
                 today=TODAY)
    after = table_dump(seeded_db)
    # only the verification and its audit row were written: the track and its events are as they were
    assert {k for k in after if after[k] != before[k]} == {"verifications", "audit_log"}
    assert _kinds(review_queue(ws, TODAY, 6), track.id) == set()
    # as of a day before the check, it was not verified yet
    assert _kinds(review_queue(ws, D("2026-11-29"), 6), track.id) == {"never_verified"}
    assert check_database(ws).ok


def test_the_months_boundary(ws):
    track = editing.select_track(ws, product="Akuugo", jurisdiction="JP")
    verify_track(ws, track.id, source="register", day=D("2026-06-05"), reason="r", today=TODAY)
    assert months_before(TODAY, 6) == D("2026-06-05")
    assert _kinds(review_queue(ws, TODAY, 6), track.id) == {"not_verified_since"}  # exactly six months: due
    assert _kinds(review_queue(ws, D("2026-12-04"), 6), track.id) == set()  # a day short of six months
    assert _kinds(review_queue(ws, TODAY, 7), track.id) == set()
    assert months_before(D("2026-08-31"), 6) == D("2026-02-28")
    with pytest.raises(InvalidInput):
        review_queue(ws, TODAY, 0)


def test_a_term_that_ended_with_nothing_recorded_is_in_the_queue_with_its_reason(ws):
    queue = review_queue(ws, TODAY, 6)
    ended = [i for i in queue.items if i.kind == "term_ended"]
    assert any(i.product.name == "Prochymal" and i.track.jurisdiction == "NZ" for i in ended)
    item = next(i for i in ended if i.track.jurisdiction == "NZ")
    assert "2016-06-14" in item.reason("en", 6) and "renewal" in item.reason("en", 6)
    assert "续期" in item.reason("zh_CN", 6)


def test_verify_refuses_a_check_without_source_or_in_the_future_and_writes_nothing(ws, seeded_db):
    track = editing.select_track(ws, product="Akuugo", jurisdiction="JP")
    before = table_dump(seeded_db)
    with pytest.raises(InvalidInput):
        verify_track(ws, track.id, source="  ", reason="r", today=TODAY)
    with pytest.raises(InvalidInput):
        verify_track(ws, track.id, source="x", day=D("2026-12-06"), reason="r", today=TODAY)
    with pytest.raises(InvalidInput):
        verify_track(ws, track.id, source="x", reason="", today=TODAY)
    assert table_dump(seeded_db) == before


def test_review_and_verify_on_the_command_line_json_shape_and_chinese(seeded_db):
    db = db_arg(seeded_db)
    done = mscreg("verify", "--db", db, "--product", "Akuugo", "--jurisdiction", "JP", "--source",
                  "PMDA list 2026-12", "--date", "2026-12-01", "--reason", "review", "--json")
    assert done.returncode == 0, done.stderr
    made = json.loads(done.stdout)
    assert made["verified_on"] == "2026-12-01" and made["source"] == "PMDA list 2026-12" and made["who"]
    out = mscreg("review", "--db", db, "--json", "--as-of", "2026-12-05", "--months", "6")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["as_of"] == "2026-12-05" and doc["months"] == 6
    assert {"kind", "reason", "product", "track_id", "jurisdiction", "indication", "pathway", "last_verified",
            "source", "clock"} <= set(doc["items"][0])
    assert made["track_id"] not in {i["track_id"] for i in doc["items"] if i["kind"] != "term_ended"}
    zh = mscreg("review", "--db", db, "--lang", "zh_CN", "--as-of", "2026-12-05")
    assert zh.returncode == 0 and "复核队列" in zh.stdout and "从未依据来源核对" in zh.stdout
    products = json.loads(mscreg("products", "--db", db, "--json").stdout)
    akuugo = next(p for p in products if p["name"] == "Akuugo")
    assert akuugo["tracks"][0]["verified"] == {"on": "2026-12-01", "source": "PMDA list 2026-12"}
    before = table_dump(seeded_db)
    refused(mscreg("review", "--db", db, "--months", "0"), 2, "months")
    refused(mscreg("verify", "--db", db, "--track", "9999", "--source", "x", "--reason", "r"), 4)
    refused(mscreg("verify", "--db", db, "--product", "Akuugo", "--jurisdiction", "JP", "--source", "x",
                   "--date", "2026-13-01", "--reason", "r"), 2, "date")
    assert table_dump(seeded_db) == before
