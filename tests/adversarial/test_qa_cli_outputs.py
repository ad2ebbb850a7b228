"""QA of where outputs may go: an audit anchor is a proof, and no export may be written over one.

Outputs were refused onto the database in use, its companions and its own backup folder, but an export
could be written over the anchor beside another database's backup (``other-backups/….sqlite.anchor.json``)
or over an anchor a user kept with ``mscreg anchor --out``, destroying the proof that the backup, or the
trail, is what it was: the backup could then no longer be restored as checked.
"""

from __future__ import annotations

import shutil

import pytest
from support import db_arg, mscreg, refused


@pytest.fixture
def other_backup(seeded_db, tmp_path):
    """A second database with a backup and the backup's anchor beside it."""
    other = tmp_path / "other" / "other.sqlite"
    other.parent.mkdir()
    shutil.copy(seeded_db, other)
    backup = tmp_path / "other" / "kept.sqlite"
    assert mscreg("--db", str(other), "backup", "--out", str(backup)).returncode == 0
    anchor = backup.with_name(backup.name + ".anchor.json")
    assert anchor.is_file()
    return anchor


@pytest.mark.parametrize("command", [
    ["export", "--format", "json", "--out"],
    ["export", "--format", "csv", "--out"],
    ["audit", "--out"],
    ["export", "--format", "ics", "--out"],
])
def test_no_output_replaces_the_anchor_beside_another_databases_backup(seeded_db, other_backup, command):
    before = other_backup.read_bytes()
    for lang, words in (("en", "prove the audit trail"), ("zh_CN", "证明审计追踪未被篡改")):
        proc = mscreg("--db", db_arg(seeded_db), "--lang", lang, *command, str(other_backup))
        refused(proc, 2, words, str(other_backup)[: -len(".anchor.json")])
    assert other_backup.read_bytes() == before


def test_mscreg_anchor_never_replaces_a_backups_anchor_either(seeded_db, other_backup):
    before = other_backup.read_bytes()
    refused(mscreg("--db", db_arg(seeded_db), "anchor", "--out", str(other_backup)), 2, "prove the audit trail")
    assert other_backup.read_bytes() == before


def test_an_anchor_kept_with_anchor_out_is_replaced_only_by_a_newer_anchor(seeded_db, tmp_path):
    kept = tmp_path / "kept-anchor.json"
    assert mscreg("--db", db_arg(seeded_db), "anchor", "--out", str(kept)).returncode == 0
    before = kept.read_bytes()
    refused(mscreg("--db", db_arg(seeded_db), "export", "--format", "csv", "--out", str(kept)), 2,
            "prove the audit trail")
    assert kept.read_bytes() == before
    assert mscreg("--db", db_arg(seeded_db), "anchor", "--out", str(kept)).returncode == 0  # a newer anchor


def test_an_earlier_export_of_the_same_name_is_still_replaced(seeded_db, tmp_path):
    out = tmp_path / "out.json"
    for _ in range(2):
        proc = mscreg("--db", db_arg(seeded_db), "export", "--format", "json", "--out", str(out))
        assert proc.returncode == 0, proc.stderr


def test_no_output_replaces_the_write_ahead_log_of_another_database(seeded_db, tmp_path):
    """A process that stopped without a checkpoint leaves committed changes in ``NAME-wal`` only: an export
    written there (a name typed from a listing of the folder) lost them."""
    import sqlite3
    import subprocess
    import sys

    other = tmp_path / "other.sqlite"
    # a separate process commits in WAL mode and exits without checkpointing (os._exit skips the close)
    script = ("import sqlite3, os, sys\n"
              "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
              "c.execute('PRAGMA journal_mode=WAL'); c.execute('PRAGMA wal_autocheckpoint=0')\n"
              "c.execute('CREATE TABLE t (x)'); c.execute(\"INSERT INTO t VALUES ('committed')\")\n"
              "os._exit(0)\n")
    subprocess.run([sys.executable, "-c", script, str(other)], check=True)
    wal = tmp_path / "other.sqlite-wal"
    assert wal.stat().st_size > 0
    refused(mscreg("--db", db_arg(seeded_db), "export", "--format", "csv", "--out", str(wal)), 2,
            "working files", str(other))
    con = sqlite3.connect(other)
    try:
        assert con.execute("SELECT x FROM t").fetchall() == [("committed",)]
    finally:
        con.close()
