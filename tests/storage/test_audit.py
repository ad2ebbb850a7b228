"""Every change leaves exactly one audit row, in the same transaction, and tampering is detected."""

from __future__ import annotations

import json
import sqlite3

import pytest

from mscreg.domain.event import EventDraft
from mscreg.domain.track import TrackDraft
from mscreg.services.integrity import check_database
from mscreg.services.tracker import delete_event, record_event, update_event


def _audit_rows(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT id, actor, action, entity, entity_id, changes, reason FROM audit_log"
                           " ORDER BY id").fetchall()
    finally:
        con.close()


def test_seed_load_audits_every_record(seeded_db):
    rows = _audit_rows(seeded_db)
    con = sqlite3.connect(seeded_db)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("products", "tracks", "events")}
    assert len(rows) == sum(counts.values())
    assert all(r[2] == "create" and r[6].startswith("seed data set ") for r in rows)


def test_create_update_delete_each_write_one_row_with_old_and_new(workspace, seeded_db):
    n0 = len(_audit_rows(seeded_db))
    res = record_event(workspace, product="Akuugo", track=TrackDraft("JP", "", "marketing"),
                       draft=EventDraft("partial_change_approved", "2025-11"), reason="MHLW notice")
    rows = _audit_rows(seeded_db)
    assert len(rows) == n0 + 1
    _, actor, action, entity, entity_id, changes, reason = rows[-1]
    assert (action, entity, entity_id, reason) == ("create", "event", res.event.id, "MHLW notice")
    assert json.loads(changes)["date"] == [None, "2025-11"] and actor

    update_event(workspace, res.event.id, EventDraft("partial_change_approved", "2025-11-20"),
                 reason="exact day from the approval letter")
    rows = _audit_rows(seeded_db)
    assert len(rows) == n0 + 2
    assert rows[-1][2] == "update" and json.loads(rows[-1][5]) == {"date": ["2025-11", "2025-11-20"]}

    delete_event(workspace, res.event.id, reason="entered on the wrong product")
    rows = _audit_rows(seeded_db)
    assert len(rows) == n0 + 3 and rows[-1][2] == "delete"
    assert check_database(workspace).ok


def _tamper(path, sql):
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("DROP TRIGGER audit_log_no_delete")
    con.execute(sql)
    con.commit()
    con.close()


@pytest.mark.parametrize(
    ("sql", "broken", "words"),
    [
        ("UPDATE audit_log SET reason='nothing to see' WHERE id=7", 7, "edited"),
        ("UPDATE audit_log SET actor='someone else' WHERE id=30", 30, "edited"),
        ("DELETE FROM audit_log WHERE id=12", 13, "missing"),
        ("UPDATE audit_log SET changes='{}' WHERE id=(SELECT max(id) FROM audit_log)", None, "edited"),
        ("DELETE FROM audit_log WHERE id=(SELECT max(id) FROM audit_log)", None, "no audit row"),
        ("UPDATE events SET date_text='2019', date_precision='year' WHERE id=3", None, "event #3"),
    ],
)
def test_tampering_is_detected_at_the_first_broken_row(seeded_db, sql, broken, words):
    from mscreg.services.workspace import open_workspace

    _tamper(seeded_db, sql)
    ws = open_workspace(str(seeded_db))
    try:
        report = check_database(ws)
    finally:
        ws.close()
    assert not report.ok
    if broken is not None:
        assert report.chain.broken_id == broken
    assert words in report.chain.problem("en")
    assert words in report.summary("en") and "审计" in report.summary("zh_CN")
