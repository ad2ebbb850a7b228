"""Every change leaves exactly one audit row, in the same transaction, and tampering is detected."""

from __future__ import annotations

import json

import pytest
from conftest import run_sql, unguard_audit_sql

from mscreg.domain.event import EventDraft
from mscreg.domain.track import TrackDraft
from mscreg.services.integrity import check_database
from mscreg.services.tracker import delete_event, record_event, update_event


def _audit_rows(target):
    return run_sql(target, "SELECT id, actor, action, entity, entity_id, changes, reason FROM audit_log"
                           " ORDER BY id")[0]


@pytest.mark.both_backends
def test_seed_load_audits_every_record(seeded_db):
    rows = _audit_rows(seeded_db)
    counts = [run_sql(seeded_db, f"SELECT count(*) FROM {t}")[0][0][0]
              for t in ("products", "tracks", "events", "trials", "holder_transfers", "obligations",
                        "obligation_events")]
    assert len(rows) == sum(counts) > 100
    assert all(r[2] == "create" and r[6].startswith("seed data set ") for r in rows)


@pytest.mark.both_backends
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


def _tamper(target, sql):
    run_sql(target, *unguard_audit_sql(target), sql)


@pytest.mark.parametrize(
    ("sql", "broken", "words"),
    [
        ("UPDATE audit_log SET reason='nothing to see' WHERE id=7", 7, "edited"),
        ("UPDATE audit_log SET actor='someone else' WHERE id=30", 30, "edited"),
        ("DELETE FROM audit_log WHERE id=12", 13, "missing"),
        ("UPDATE audit_log SET changes='{}' WHERE id=(SELECT max(id) FROM audit_log)", None, "edited"),
        ("DELETE FROM audit_log WHERE id=(SELECT max(id) FROM audit_log)", None, "no audit row"),
        ("UPDATE events SET date_text='2019', date_precision='year' WHERE id=3", None, "event #3"),
        ("UPDATE audit_log SET at_utc='2020-01-01T00:00:00.000000Z' WHERE id=50", 50, "edited"),
        ("UPDATE audit_log SET entity_id=entity_id+1 WHERE id=60", 60, "edited"),
        ("UPDATE audit_log SET prev_hash=hash WHERE id=70", 70, "link"),
    ],
)
@pytest.mark.both_backends
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


@pytest.mark.both_backends
@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET reason='x' WHERE id=1",
    "DELETE FROM audit_log WHERE id=1",
    "DELETE FROM audit_log",
])
def test_the_audit_log_refuses_updates_and_deletes_on_every_backend(seeded_db, dump, statement):
    import sqlalchemy as sa

    before = dump(seeded_db)
    with pytest.raises(sa.exc.DBAPIError, match="append-only"):
        run_sql(seeded_db, statement)
    assert dump(seeded_db) == before


def test_postgresql_refuses_truncate_of_the_audit_log(pg_server, pg_seeded_template, dump):
    """TRUNCATE (PostgreSQL only) bypasses row triggers; revision 0002's statement trigger stops it."""
    import sqlalchemy as sa

    db = pg_server.url_for(pg_server.create(pg_seeded_template))
    before = dump(db)
    with pytest.raises(sa.exc.DBAPIError, match="append-only"):
        run_sql(db, "TRUNCATE audit_log")
    assert dump(db) == before


@pytest.mark.both_backends
def test_each_audit_row_hashes_every_field_so_any_change_shows(seeded_db):
    """Recompute row 5's hash from its stored fields; changing any one field gives another hash."""
    from mscreg.storage.audit import row_hash

    cols = ["id", "at_utc", "actor", "action", "entity", "entity_id", "changes", "reason", "prev_hash"]
    row = run_sql(seeded_db, f"SELECT {', '.join(cols)}, hash FROM audit_log WHERE id=5")[0][0]
    fields = dict(zip(cols, row[:-1], strict=True))
    assert row_hash(**fields) == row[-1]
    for name, value in fields.items():
        changed = dict(fields, **{name: value + 1 if isinstance(value, int) else value + "x"})
        assert row_hash(**changed) != row[-1], name


@pytest.mark.both_backends
def test_audit_time_is_utc_from_the_database_server_when_shared(workspace, seeded_db):
    """On PostgreSQL the server's clock stamps the row (in UTC, whatever the client's zone)."""
    import datetime as dt

    res = record_event(workspace, product="Akuugo", track=TrackDraft("JP", "", "marketing"),
                       draft=EventDraft("partial_change_approved", "2025-11"), reason="MHLW notice")
    at = run_sql(seeded_db, f"SELECT at_utc FROM audit_log WHERE entity='event' AND entity_id={res.event.id}")[0][0][0]
    assert at.endswith("Z")
    stamped = dt.datetime.strptime(at, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
    if not workspace.db.is_sqlite:
        server_now = run_sql(seeded_db, "SELECT now()")[0][0][0]
        assert abs((server_now - stamped).total_seconds()) < 60
    assert check_database(workspace).ok
