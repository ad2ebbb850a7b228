"""Backups: consistent, rotated, taken daily and before migrations; a restore checks the file first and
keeps what it replaces; PostgreSQL says to use pg_dump instead of pretending."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from conftest import run_sql, unguard_audit_sql

from mscreg.domain.errors import DatabaseProblem
from mscreg.domain.event import EventDraft
from mscreg.domain.track import TrackDraft
from mscreg.services import backups
from mscreg.services.tracker import list_events, record_event
from mscreg.services.workspace import open_workspace
from mscreg.storage import backup as store

pytestmark = pytest.mark.sqlite_only


def _events(path) -> int:
    return run_sql(path, "SELECT count(*) FROM events")[0][0][0]


def test_first_opening_of_the_day_takes_one_backup(seeded_db):
    with open_workspace(str(seeded_db)) as ws:
        assert ws.daily_backup is not None and ws.daily_backup.exists()
    with open_workspace(str(seeded_db)) as ws:
        assert ws.daily_backup is None
    daily = [b for b in store.list_backups(seeded_db) if b.label == "daily"]
    assert len(daily) == 1
    assert run_sql(daily[0].path, "PRAGMA integrity_check")[0] == [("ok",)]


def test_rotation_keeps_only_the_newest(seeded_db):
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    made = [store.take_backup(seeded_db, "daily", now=start + dt.timedelta(days=i)) for i in range(store.KEEP + 5)]
    kept = store.list_backups(seeded_db)
    assert [b.path for b in kept] == list(reversed(made))[:store.KEEP]
    assert all(not p.exists() for p in made[:5])


def test_a_migration_is_preceded_by_a_backup_of_the_old_schema(seeded_db):
    """Stamp the database one revision back; opening it upgrades, after copying what was there."""
    from mscreg.storage.migrate import head_revision

    run_sql(seeded_db, "UPDATE alembic_version SET version_num='a3a22cd29f6b'")
    # tables added by later revisions: a database at that revision does not have them yet
    run_sql(seeded_db, "DROP TABLE verifications")
    run_sql(seeded_db, "DROP TABLE holder_transfers")
    run_sql(seeded_db, "DROP TABLE obligation_events")
    run_sql(seeded_db, "DROP TABLE obligations")
    # the columns of later revisions go too, so the upgrade meets the schema it was written for
    for table, column in (("events", "note_zh"), ("tracks", "indication_zh"), ("products", "notes_zh")):
        run_sql(seeded_db, f"ALTER TABLE {table} DROP COLUMN {column}")
    with open_workspace(str(seeded_db)) as ws:
        assert ws.backup is not None
        assert run_sql(ws.backup, "SELECT version_num FROM alembic_version")[0] == [("a3a22cd29f6b",)]
    assert run_sql(seeded_db, "SELECT version_num FROM alembic_version")[0] == [(head_revision(),)]
    assert "before-upgrade-a3a22cd29f6b" in ws.backup.name


def test_backup_to_a_file_never_overwrites_and_restore_brings_it_back(seeded_db, tmp_path):
    out = tmp_path / "kept.sqlite"
    with open_workspace(str(seeded_db)) as ws:
        assert backups.backup_now(ws, out) == out
        with pytest.raises(DatabaseProblem) as info:
            backups.backup_now(ws, out)
        assert info.value.problems[0].code == "db.exists"
        record_event(ws, product="Akuugo", track=TrackDraft("JP", "", "marketing"),
                     draft=EventDraft("partial_change_approved", "2025-11"), reason="MHLW notice")
    assert _events(seeded_db) == _events(out) + 1
    report = backups.restore(out, str(seeded_db))
    assert _events(seeded_db) == _events(out)
    assert report.replaced_backup is not None and _events(report.replaced_backup) == _events(out) + 1
    with open_workspace(str(seeded_db)) as ws:
        assert len(list_events(ws)) == _events(out)


def test_restore_refuses_a_file_whose_audit_chain_is_broken_and_changes_nothing(seeded_db, tmp_path, dump):
    bad = store.copy_sqlite(seeded_db, tmp_path / "bad.sqlite")
    run_sql(bad, *unguard_audit_sql(bad), "UPDATE audit_log SET reason='edited' WHERE id=9")
    target = store.copy_sqlite(seeded_db, tmp_path / "target.sqlite")
    before = dump(target)
    with pytest.raises(DatabaseProblem) as info:
        backups.restore(bad, str(target))
    assert info.value.problems[0].code == "restore.chain_broken"
    assert "row 9" in info.value.message("en")
    assert dump(target) == before
    assert store.list_backups(target) == []


@pytest.mark.parametrize(("content", "code"), [(b"not a database", "db.not_sqlite"), (b"", "db.empty_file")])
def test_restore_refuses_a_file_that_is_not_a_backup(seeded_db, tmp_path, dump, content, code):
    src = tmp_path / "x.sqlite"
    src.write_bytes(content)
    before = dump(seeded_db)
    with pytest.raises(DatabaseProblem) as info:
        backups.restore(src, str(seeded_db))
    assert info.value.problems[0].code == code and info.value.problems[0].field == "file"
    assert dump(seeded_db) == before


def test_restore_over_a_damaged_database_keeps_the_damaged_bytes(seeded_db, tmp_path):
    good = store.copy_sqlite(seeded_db, tmp_path / "good.sqlite")
    with seeded_db.open("r+b") as fh:
        fh.seek(4096 * 10)
        fh.write(b"\x00\xff" * 2048)
    damaged = seeded_db.read_bytes()
    report = backups.restore(good, str(seeded_db))
    assert report.replaced_backup is not None and report.replaced_backup.read_bytes() == damaged
    assert run_sql(seeded_db, "PRAGMA integrity_check")[0] == [("ok",)]


def test_restore_refuses_to_overwrite_a_file_that_is_not_ours(seeded_db, tmp_path):
    foreign = tmp_path / "ledger.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE ledger (id INTEGER)")
    con.commit()
    con.close()
    before = foreign.read_bytes()
    with pytest.raises(DatabaseProblem) as info:
        backups.restore(seeded_db, str(foreign))
    assert info.value.problems[0].code == "db.not_mscreg"
    assert foreign.read_bytes() == before


@pytest.mark.both_backends
def test_a_server_database_is_not_backed_up_by_mscreg(workspace):
    if workspace.db.is_sqlite:
        assert backups.backup_now(workspace).exists()
        return
    with pytest.raises(DatabaseProblem) as info:
        backups.backup_now(workspace)
    assert info.value.problems[0].code == "backup.server"
    assert "pg_dump" in info.value.message("en") and "pg_dump" in info.value.message("zh_CN")
    assert "secret" not in info.value.message("en")
    assert backups.backup_before(workspace, "import") is None
