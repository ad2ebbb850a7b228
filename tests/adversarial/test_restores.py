"""Restores: audited in the restored trail, possible from any sound backup (whatever its page size), and
backups killed half-way leave nothing that lives for ever."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from adversarial.anchor_support import audit_count, last_audit_row, mscreg, ok_json
from adversarial.test_backup_leftovers import dead_pid, partial_files

from mscreg.domain.errors import DatabaseProblem
from mscreg.domain.event import EventDraft
from mscreg.domain.track import TrackDraft
from mscreg.services import backups
from mscreg.services.integrity import check_database
from mscreg.services.tracker import record_event
from mscreg.services.workspace import open_workspace
from mscreg.storage import backup as store

pytestmark = pytest.mark.sqlite_only


def _add_events(db: Path, n: int) -> None:
    with open_workspace(str(db)) as ws:
        for month in range(1, n + 1):
            record_event(ws, product="Akuugo", track=TrackDraft("JP", "", "marketing"),
                         draft=EventDraft("partial_change_approved", f"2025-{month:02d}"), reason=f"notice {month}")


def _without_audit(dump: dict) -> dict:
    return {t: rows for t, rows in dump.items() if t != "audit_log"}


def test_a_restore_is_recorded_in_the_restored_trail(seeded_db, tmp_path, dump):
    copy = tmp_path / "copy.sqlite"
    with open_workspace(str(seeded_db)) as ws:
        backups.backup_now(ws, copy)
    _add_events(seeded_db, 3)
    copy_rows = audit_count(copy)
    snapshot = dump(copy)
    report = backups.restore(copy, str(seeded_db), reason="undo the three test notices", actor="qa-lead")
    row = last_audit_row(seeded_db)
    assert (row["id"], row["action"], row["entity"], row["actor"]) == (copy_rows + 1, "restore", "database", "qa-lead")
    assert row["reason"] == "undo the three test notices"
    changes = json.loads(row["changes"])
    assert changes["restored_from"] == [None, str(copy.resolve())]
    assert changes["audit_rows"] == [copy_rows + 3, copy_rows]
    assert changes["rows_not_in_copy"] == [None, 3]
    assert changes["replaced_kept_at"] == [None, str(report.replaced_backup)]
    assert changes["anchors"][1]["own_anchor"] == "matches"
    assert "forced" not in changes
    assert report.audit_row == copy_rows + 1 and report.rows_not_in_copy == 3
    # Everything but the new row is the copy; the chain, the records and the file all verify.
    after = dump(seeded_db)
    assert _without_audit(after) == _without_audit(snapshot)
    assert after["audit_log"][:-1] == snapshot["audit_log"]
    with open_workspace(str(seeded_db)) as ws:
        assert check_database(ws, history=True).ok


def test_the_restore_row_is_shown_in_the_trail_and_by_the_command(seeded_db, tmp_path):
    copy = tmp_path / "copy.sqlite"
    ok_json("backup", "--db", str(seeded_db), "--out", str(copy))
    payload = ok_json("restore", str(copy), "--db", str(seeded_db))
    assert payload["restore_audit_row"] == audit_count(seeded_db) and payload["rows_not_in_copy"] == 0
    trail = ok_json("audit", "--db", str(seeded_db))
    last = trail["rows"][-1]
    assert last["action"] == "restore" and last["reason"] == "Restored from a backup"
    assert trail["chain_ok"] is True
    text = mscreg("restore", str(copy), "--db", str(seeded_db), "--lang", "zh_CN").stdout
    assert "恢复操作已记入审计追踪第" in text


def test_a_restore_over_a_damaged_database_is_audited_too(seeded_db, tmp_path):
    copy = store.copy_sqlite(seeded_db, tmp_path / "good.sqlite")
    with seeded_db.open("r+b") as fh:
        fh.seek(4096 * 10)
        fh.write(b"\x00\xff" * 2048)
    report = backups.restore(copy, str(seeded_db))
    assert report.replaced_backup is not None and "damaged-before-restore" in report.replaced_backup.name
    row = last_audit_row(seeded_db)
    assert row["action"] == "restore" and row["id"] == audit_count(copy) + 1
    with open_workspace(str(seeded_db)) as ws:
        assert check_database(ws).ok


def test_a_restore_killed_before_it_is_put_in_place_changes_nothing(seeded_db, tmp_path, dump, monkeypatch):
    """The restore row is written into a staged copy; a failure before the copy is put in place leaves
    the database as it was, and no staged file behind."""
    copy = store.copy_sqlite(seeded_db, tmp_path / "copy.sqlite")
    _add_events(seeded_db, 1)
    before = dump(seeded_db)

    def crash(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "put_in_place", crash)
    with pytest.raises(DatabaseProblem) as refused:  # said as what it is: the place, not the backup
        backups.restore(copy, str(seeded_db))
    assert "disk is full" in refused.value.message("en")
    assert dump(seeded_db) == before
    assert not [p for p in seeded_db.parent.iterdir() if ".partial-" in p.name]


@pytest.mark.parametrize("size", [8192, 1024, 65536])
def test_a_sound_backup_with_another_page_size_is_restored(seeded_db, tmp_path, dump, size):
    copy = tmp_path / "copy.sqlite"
    ok_json("backup", "--db", str(seeded_db), "--out", str(copy))
    con = sqlite3.connect(copy)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute(f"PRAGMA page_size={size}")
    con.execute("VACUUM")
    assert con.execute("PRAGMA page_size").fetchone()[0] == size
    con.close()
    _add_events(seeded_db, 1)
    snapshot = dump(copy)
    proc = mscreg("restore", str(copy), "--db", str(seeded_db))
    assert proc.returncode == 0, proc.stderr
    assert _without_audit(dump(seeded_db)) == _without_audit(snapshot)
    assert mscreg("check", "--db", str(seeded_db)).returncode == 0


def test_a_restore_where_there_is_no_database_yet_is_audited(seeded_db, tmp_path):
    copy = store.copy_sqlite(seeded_db, tmp_path / "copy.sqlite")
    target = tmp_path / "new" / "mscreg.sqlite"
    target.parent.mkdir()
    report = backups.restore(copy, str(target))
    assert report.replaced_backup is None and report.rows_not_in_copy is None
    row = last_audit_row(target)
    assert row["action"] == "restore" and json.loads(row["changes"])["audit_rows"] == [None, audit_count(copy)]
    assert mscreg("check", "--db", str(target)).returncode == 0


def test_the_audit_view_names_a_restore_as_about_the_whole_database(seeded_db, tmp_path):
    from mscreg.services.audit_trail import list_audit

    copy = store.copy_sqlite(seeded_db, tmp_path / "copy.sqlite")
    backups.restore(copy, str(seeded_db))
    with open_workspace(str(seeded_db)) as ws:
        newest = list_audit(ws)[0]
    assert (newest.action, newest.subject("en"), newest.subject("zh_CN")) == ("restore", "the database", "数据库")
    assert {c.field for c in newest.changes} >= {"restored_from", "rows_not_in_copy", "replaced_kept_at"}


def test_a_restore_removes_what_a_killed_restore_left_beside_the_database(seeded_db, tmp_path):
    copy = store.copy_sqlite(seeded_db, tmp_path / "copy.sqlite")
    dead = partial_files(seeded_db.parent, seeded_db.name, dead_pid())
    backups.restore(copy, str(seeded_db))
    assert not any(p.exists() for p in dead)
