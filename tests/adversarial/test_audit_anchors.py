"""Attacks on the audit trail by someone who can write the database file, against its anchors.

Each attack below passed ``mscreg check`` before anchors existed (the hash chain only proves that the
rows agree with one another).  An anchor kept outside the file proves the trail's beginning up to its
row; these tests pin what it catches, and what it does not (rows appended after it).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from adversarial.anchor_support import append_forged, audit_count, forge_note, mscreg, ok_json, rechain, unguarded

pytestmark = pytest.mark.sqlite_only


def _anchor(db: Path, out: Path, *extra: str) -> dict:
    return ok_json("anchor", "--db", str(db), "--out", str(out), *extra)


def _check(db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return mscreg("check", "--db", str(db), *extra)


def test_a_forged_row_in_place_of_the_anchored_last_row_is_caught(seeded_db, tmp_path):
    """The last change replaced by a forged one with a correct hash: the records agree with the trail
    and the chain verifies, so the plain chain check is satisfied; the anchor is not."""
    con = sqlite3.connect(seeded_db)
    forge_note(con, "Ryoncil", "genuine note")
    con.commit()
    con.close()
    anchor = tmp_path / "a.json"
    made = _anchor(seeded_db, anchor)
    con = unguarded(seeded_db)
    con.execute("DELETE FROM audit_log WHERE id=?", (made["tail_id"],))
    forged = forge_note(con, "Ryoncil", "forged note")
    con.commit()
    con.close()
    assert forged == made["tail_id"]
    proc = _check(seeded_db, "--anchor", str(anchor))
    assert proc.returncode == 7, proc.stdout + proc.stderr
    assert f"row {forged} is not the one anchored" in proc.stderr
    # The chain itself still verifies: only the anchor shows the forgery.
    assert "audit chain of" in proc.stderr and "OK" not in proc.stderr


def test_a_row_forged_after_the_anchor_is_not_covered_and_the_output_says_so(seeded_db, tmp_path):
    """What an anchor does not prove: rows appended after it.  ``check --anchor`` passes and says how
    many rows it does not cover; ``mscreg anchor`` then vouches for the appended row."""
    anchor = tmp_path / "a.json"
    made = _anchor(seeded_db, anchor)
    con = sqlite3.connect(seeded_db)
    forge_note(con, "Ryoncil", "appended by a forger")
    con.commit()
    con.close()
    payload = ok_json("check", "--db", str(seeded_db), "--anchor", str(anchor))
    assert payload["anchor"]["ok"] is True and payload["anchor"]["rows_after_anchor"] == 1
    text = _check(seeded_db, "--anchor", str(anchor)).stdout
    assert f"first {made['tail_id']} rows are exactly those" in text and "1 row added since are not covered" in text


def test_a_chain_recomputed_after_an_edit_is_caught_by_an_anchor_and_by_the_history(seeded_db, tmp_path):
    anchor = tmp_path / "a.json"
    _anchor(seeded_db, anchor)
    con = unguarded(seeded_db)
    con.execute("UPDATE audit_log SET reason='nothing to see' WHERE id=5")
    rechain(con)
    con.commit()
    con.close()
    proc = _check(seeded_db, "--anchor", str(anchor))
    assert proc.returncode == 7
    assert "were changed after the anchor was made, and the chain recomputed" in proc.stderr
    # No anchor file given: the anchors recorded on this computer (the command above made one) show it too.
    plain = _check(seeded_db, "--json")
    assert plain.returncode == 7
    report = json.loads(plain.stdout)
    assert report["history"]["ok"] is False and report["broken_row"] is None and report["integrity"] == "ok"


def test_the_last_change_deleted_with_its_audit_row_is_caught(seeded_db, tmp_path):
    added = mscreg("add-event", "--db", str(seeded_db), "--product", "Akuugo", "--jurisdiction", "JP",
                   "--type", "partial_change_approved", "--date", "2025-11", "--reason", "MHLW notice")
    assert added.returncode == 0, added.stderr
    anchor = tmp_path / "a.json"
    made = _anchor(seeded_db, anchor)
    con = unguarded(seeded_db)
    event_id = con.execute("SELECT max(id) FROM events").fetchone()[0]
    con.execute("DELETE FROM events WHERE id=?", (event_id,))
    con.execute("DELETE FROM audit_log WHERE id=?", (made["tail_id"],))
    con.commit()
    con.close()
    proc = _check(seeded_db, "--anchor", str(anchor), "--lang", "zh_CN")
    assert proc.returncode == 7
    assert f"审计追踪止于第 {made['tail_id'] - 1} 条记录" in proc.stderr
    plain = _check(seeded_db)
    assert plain.returncode == 7 and f"ends at row {made['tail_id'] - 1}" in plain.stderr


@pytest.mark.parametrize(("edit", "code", "words"), [
    (lambda d: d.update(tail_id=d["tail_id"] - 1), 7, "does not match its signature"),
    (lambda d: d.update(tail_hash="0" * 63 + "1"), 7, "does not match its signature"),
    (lambda d: d.update(made_utc="2020-01-01T00:00:00.000000Z"), 7, "does not match its signature"),
    # stripped while a key exists: was accepted ("NOT signed"); mscreg signs every anchor where it has a key
    (lambda d: d.update(signature=None), 7, "is not signed, although a signing key exists"),
    (lambda d: d.update(version=True), 2, "format version true"),
    (lambda d: d.update(tail_id="12"), 2, "tail_id is not a row number"),
    (lambda d: d.update(extra=1), 2, "unknown keys extra"),
])
def test_a_tampered_anchor_file_is_refused(seeded_db, tmp_path, edit, code, words):
    anchor = tmp_path / "a.json"
    _anchor(seeded_db, anchor)
    doc = json.loads(anchor.read_text(encoding="utf-8"))
    edit(doc)
    anchor.write_text(json.dumps(doc), encoding="utf-8")
    proc = _check(seeded_db, "--anchor", str(anchor))
    assert proc.returncode == code, proc.stdout + proc.stderr
    assert words in proc.stdout + proc.stderr


@pytest.mark.parametrize(("content", "words"), [
    ("{", "not valid JSON"),
    ('{"format": "mscreg-audit-anchor", "format": "x"}', "appears twice"),
    ("[" * 100_000 + "]" * 100_000, "larger than"),
    ("[" * 20_000 + "]" * 20_000, "not valid JSON"),
    ("\udcff", "not UTF-8"),
    ("", "not valid JSON"),
])
def test_an_anchor_file_that_is_no_anchor_is_refused_with_exit_2(seeded_db, tmp_path, content, words):
    anchor = tmp_path / "a.json"
    anchor.write_bytes(content.encode("utf-8", "surrogateescape"))
    proc = _check(seeded_db, "--anchor", str(anchor))
    assert proc.returncode == 2 and words in proc.stderr, proc.stderr


def test_the_wrong_key_is_told_apart_from_a_forged_signature(seeded_db, tmp_path, monkeypatch):
    mine, other = tmp_path / "mine.key", tmp_path / "other.key"
    anchor = tmp_path / "a.json"
    made = _anchor(seeded_db, anchor, "--key", str(mine))
    assert mine.exists() and (mine.stat().st_mode & 0o777) == 0o600
    assert mscreg("anchor", "--db", str(seeded_db), "--key", str(other)).returncode == 0  # a second key
    wrong = _check(seeded_db, "--anchor", str(anchor), "--key", str(other))
    assert wrong.returncode == 7
    assert f"was signed with key {made['signature']['key_id']}, not with the key" in wrong.stderr
    own = _check(seeded_db, "--anchor", str(anchor))  # the user's own key (made for the day's backup)
    assert own.returncode == 7 and "not with the key at" in own.stderr
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "empty-config"))
    absent = _check(seeded_db, "--anchor", str(anchor))
    assert absent.returncode == 7 and "there is no signing key at" in absent.stderr
    missing = _check(seeded_db, "--anchor", str(anchor), "--key", str(tmp_path / "typo.key"))
    assert missing.returncode == 2 and "typo.key" in missing.stderr and not (tmp_path / "typo.key").exists()
    (tmp_path / "bad.key").write_text("not a key\n")
    bad = _check(seeded_db, "--anchor", str(anchor), "--key", str(tmp_path / "bad.key"))
    assert bad.returncode == 2 and "64 hexadecimal digits" in bad.stderr
    right = _check(seeded_db, "--anchor", str(anchor), "--key", str(mine))
    assert right.returncode == 0 and "signature valid" in right.stdout


def test_the_key_is_made_once_in_the_config_folder_readable_by_its_owner_only(seeded_db, tmp_path):
    first = _anchor(seeded_db, tmp_path / "a.json")
    second = _anchor(seeded_db, tmp_path / "b.json")
    key = Path(os.environ["XDG_CONFIG_HOME"]) / "mscreg" / "anchor-signing.key"
    assert first["key"] == second["key"] == str(key)
    assert (key.stat().st_mode & 0o777) == 0o600
    assert first["signature"]["key_id"] == second["signature"]["key_id"]


def test_without_a_key_the_anchor_is_made_unsigned_and_says_so(seeded_db, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker / "config"))  # no config folder can be made
    proc = mscreg("anchor", "--db", str(seeded_db), "--out", str(tmp_path / "a.json"))
    assert proc.returncode == 0, proc.stderr
    assert "NOT signed: no key could be had" in proc.stdout
    assert json.loads((tmp_path / "a.json").read_text())["signature"] is None
    assert _check(seeded_db, "--anchor", str(tmp_path / "a.json")).returncode == 0


@pytest.mark.parametrize("companion", ["", "-wal", "-shm", "-journal", ".lock"])
def test_an_anchor_is_never_written_over_the_database_or_its_companions(seeded_db, companion):
    before = seeded_db.read_bytes()
    target = f"{seeded_db}{companion}"
    proc = mscreg("anchor", "--db", str(seeded_db), "--out", target)
    assert proc.returncode == 2 and "Choose another file" in proc.stderr
    assert seeded_db.read_bytes() == before
    assert _check(seeded_db).returncode == 0


def test_an_anchor_replaces_an_earlier_anchor_but_no_other_file(seeded_db, tmp_path):
    anchor = tmp_path / "a.json"
    _anchor(seeded_db, anchor)
    again = _anchor(seeded_db, anchor)
    assert json.loads(anchor.read_text())["made_utc"] == again["made_utc"]
    other = tmp_path / "notes.json"
    other.write_text('{"mine": true}')
    proc = mscreg("anchor", "--db", str(seeded_db), "--out", str(other))
    assert proc.returncode == 2 and "will not overwrite" in proc.stderr
    assert other.read_text() == '{"mine": true}'
    assert not list(tmp_path.glob(".*partial*"))


def test_anchor_refuses_to_vouch_for_a_trail_that_broke_its_history(seeded_db, tmp_path):
    _anchor(seeded_db, tmp_path / "a.json")
    con = unguarded(seeded_db)
    con.execute("UPDATE audit_log SET reason='rewritten' WHERE id=3")
    rechain(con)
    con.commit()
    con.close()
    history = Path(os.environ["XDG_STATE_HOME"]) / "mscreg" / "anchors"
    lines = sum(len(p.read_text().splitlines()) for p in history.glob("*.jsonl"))
    proc = mscreg("anchor", "--db", str(seeded_db), "--out", str(tmp_path / "b.json"))
    assert proc.returncode == 7 and "no anchor was made" in proc.stderr and "--force" in proc.stderr
    assert not (tmp_path / "b.json").exists()
    assert sum(len(p.read_text().splitlines()) for p in history.glob("*.jsonl")) == lines


def test_a_forged_row_appended_to_a_backup_is_caught_when_it_is_restored(seeded_db, tmp_path, dump):
    copy = tmp_path / "copy.sqlite"
    made = ok_json("backup", "--db", str(seeded_db), "--out", str(copy))
    assert Path(made["anchor"]["file"]) == tmp_path / "copy.sqlite.anchor.json" and made["anchor"]["signed"]
    con = sqlite3.connect(copy)
    forge_note(con, "Ryoncil", "slipped into the backup")
    con.commit()
    con.close()
    before = dump(seeded_db)
    proc = mscreg("restore", str(copy), "--db", str(seeded_db))
    assert proc.returncode == 7 and proc.stderr.count("rows were added to the copy afterwards") == 1
    assert "Nothing was changed" in proc.stderr
    assert dump(seeded_db) == before
    forced = ok_json("restore", str(copy), "--db", str(seeded_db), "--force", "--reason", "inspector's copy")
    assert forced["forced"] is True and any("added to the copy" in c for c in forced["contradictions"])
    con = sqlite3.connect(seeded_db)
    row = con.execute("SELECT action, reason, changes FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    con.close()
    assert row[0] == "restore" and row[1] == "inspector's copy"
    changes = json.loads(row[2])
    assert changes["forced"] == [None, True] and "added to the copy" in changes["contradictions"][1][0]


def test_a_backup_whose_last_change_was_removed_is_caught_when_it_is_restored(seeded_db, tmp_path):
    copy = tmp_path / "copy.sqlite"
    ok_json("backup", "--db", str(seeded_db), "--out", str(copy))
    con = unguarded(copy)
    last = con.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    entity, entity_id = con.execute("SELECT entity, entity_id FROM audit_log WHERE id=?", (last,)).fetchone()
    assert entity == "trial"  # the data set's last record is a trial registration
    con.execute("DELETE FROM trials WHERE id=?", (entity_id,))
    con.execute("DELETE FROM audit_log WHERE id=?", (last,))
    con.commit()
    con.close()
    copy.with_name("copy.sqlite.anchor.json").unlink()  # the forger removes the anchor beside it too
    proc = mscreg("restore", str(copy), "--db", str(seeded_db))
    assert proc.returncode == 7, proc.stdout  # the history recorded when the backup was made still knows
    assert f"ends at row {last - 1}" in proc.stderr


def test_a_copy_of_another_database_contradicts_the_anchors_of_this_one(seeded_db, tmp_path):
    other = tmp_path / "other.sqlite"
    assert mscreg("init", "--db", str(other)).returncode == 0
    ok_json("anchor", "--db", str(seeded_db))
    proc = mscreg("restore", str(other), "--db", str(seeded_db))
    assert proc.returncode == 7 and "this is another database" in proc.stderr


def test_restoring_an_older_genuine_backup_is_shown_and_accepted(seeded_db, tmp_path):
    copy = tmp_path / "old.sqlite"
    ok_json("backup", "--db", str(seeded_db), "--out", str(copy))
    added = mscreg("add-event", "--db", str(seeded_db), "--product", "Akuugo", "--jurisdiction", "JP",
                   "--type", "partial_change_approved", "--date", "2025-11", "--reason", "MHLW notice")
    assert added.returncode == 0
    ok_json("anchor", "--db", str(seeded_db))
    proc = mscreg("restore", str(copy), "--db", str(seeded_db))
    assert proc.returncode == 0, proc.stderr
    assert "The copy matches the anchor recorded when it was made" in proc.stdout
    assert "1 later than the copy" in proc.stdout and "0 contradicted" in proc.stdout
    assert "1 row of the replaced audit trail is not in the restored copy" in proc.stdout
    # The restore begins a new history: anchoring and checking the restored database just work.
    assert ok_json("anchor", "--db", str(seeded_db))["kind"] == "anchor"
    assert _check(seeded_db).returncode == 0


def test_a_restore_can_be_undone_without_force(seeded_db, tmp_path):
    copy = tmp_path / "old.sqlite"
    ok_json("backup", "--db", str(seeded_db), "--out", str(copy))
    assert mscreg("add-event", "--db", str(seeded_db), "--product", "Akuugo", "--jurisdiction", "JP",
                  "--type", "partial_change_approved", "--date", "2025-11", "--reason", "MHLW notice").returncode == 0
    restored = ok_json("restore", str(copy), "--db", str(seeded_db))
    assert mscreg("add-event", "--db", str(seeded_db), "--product", "Akuugo", "--jurisdiction", "JP",
                  "--type", "partial_change_approved", "--date", "2025-12", "--reason", "later").returncode == 0
    ok_json("anchor", "--db", str(seeded_db))
    undo = mscreg("restore", restored["replaced_backup"], "--db", str(seeded_db), "--json")
    assert undo.returncode == 0, undo.stderr
    assert json.loads(undo.stdout)["anchors"]["before_last_restore"] is True
    assert _check(seeded_db).returncode == 0


def test_every_backup_records_its_anchor_and_rotation_removes_it_with_the_backup(seeded_db):
    from mscreg.services import backups
    from mscreg.services.workspace import open_workspace
    from mscreg.storage import backup as store

    assert mscreg("products", "--db", str(seeded_db)).returncode == 0  # the day's backup
    listed = ok_json("backup", "--list", "--db", str(seeded_db))
    daily = Path(listed[0]["file"])
    sidecar = daily.with_name(daily.name + ".anchor.json")
    doc = json.loads(sidecar.read_text())
    assert doc["kind"] == "backup" and doc["file"] == str(daily.resolve()) and doc["signature"]
    assert doc["tail_id"] == audit_count(daily)
    with open_workspace(str(seeded_db)) as ws:
        before_import = backups.backup_before(ws, "import")
        assert before_import is not None and before_import.with_name(before_import.name + ".anchor.json").exists()
        for _ in range(store.KEEP - 1):
            assert backups.take(ws).anchor is not None
    assert not daily.exists() and not sidecar.exists()
    folder = store.backup_folder(seeded_db)
    assert len(list(folder.glob("*.anchor.json"))) == store.KEEP


def test_a_new_database_at_the_same_place_starts_its_own_history(seeded_db):
    ok_json("anchor", "--db", str(seeded_db))
    for suffix in ("", "-wal", "-shm"):
        Path(f"{seeded_db}{suffix}").unlink(missing_ok=True)
    assert mscreg("init", "--db", str(seeded_db)).returncode == 0
    assert _check(seeded_db).returncode == 0


def test_a_history_entry_whose_signature_is_false_is_ignored_and_reported(seeded_db, tmp_path):
    ok_json("anchor", "--db", str(seeded_db))
    history = next((Path(os.environ["XDG_STATE_HOME"]) / "mscreg" / "anchors").glob("*.jsonl"))
    lines = history.read_text().splitlines()
    doc = json.loads(lines[-1])
    doc["tail_id"] += 5  # would make the database look truncated
    history.write_text("\n".join([*lines, json.dumps(doc)]) + "\n")
    proc = _check(seeded_db)
    assert proc.returncode == 0 and "1 entries of the anchor history do not match their signature" in proc.stdout


def test_anchoring_needs_no_window_and_prints_json_with_the_document(seeded_db):
    payload = ok_json("anchor", "--db", str(seeded_db))
    assert payload["format"] == "mscreg-audit-anchor" and payload["version"] == 1
    assert payload["tail_id"] == audit_count(seeded_db) and len(payload["tail_hash"]) == 64
    assert payload["identity"] and payload["made_utc"].endswith("Z") and payload["out"] is None


@pytest.fixture
def pg_database(pg_server, pg_seeded_template):
    name = pg_server.create(pg_seeded_template)
    yield pg_server.url_for(name)
    pg_server.drop(name)


def test_anchors_work_on_a_shared_postgresql_database(pg_database, tmp_path):
    from conftest import run_sql, unguard_audit_sql
    from sqlalchemy.engine import make_url

    anchor = tmp_path / "a.json"
    made = _anchor(pg_database, anchor)
    password = make_url(pg_database).password
    assert made["database"].startswith("postgresql") and not (password and password in made["database"])
    assert _check(pg_database, "--anchor", str(anchor)).returncode == 0
    last = f"SELECT entity, entity_id FROM audit_log WHERE id={made['tail_id']}"
    entity, entity_id = run_sql(pg_database, last)[0][0]
    table = {"event": "events", "trial": "trials"}[entity]  # the data set's last record: forged away with its row
    run_sql(pg_database, *unguard_audit_sql(pg_database), f"DELETE FROM audit_log WHERE id={made['tail_id']}",
            f"DELETE FROM {table} WHERE id={entity_id}")
    proc = _check(pg_database, "--anchor", str(anchor))
    assert proc.returncode == 7 and f"ends at row {made['tail_id'] - 1}" in proc.stderr


def test_a_forged_row_with_a_correct_hash_passes_the_chain_alone(seeded_db):
    """Why anchors exist: without one, a consistent forgery is indistinguishable (kept as a canary so
    the limits above stay honest if the chain check ever changes)."""
    con = sqlite3.connect(seeded_db)
    row = append_forged(con, entity="product", entity_id=1, changes={}, reason="noop")
    con.commit()
    con.close()
    assert row == audit_count(seeded_db)
    proc = _check(seeded_db)
    assert proc.returncode == 0, proc.stderr


def test_demo_data_written_over_an_anchored_database_starts_its_own_history(seeded_db):
    ok_json("anchor", "--db", str(seeded_db))
    # an existing database is never overwritten, even with --force: the user moves it away first
    for side in ("", "-wal", "-shm", "-journal", ".lock"):
        Path(f"{seeded_db}{side}").unlink(missing_ok=True)
    made = mscreg("demo-data", "--products", "2", "--events-per-product", "2", "--out", str(seeded_db))
    assert made.returncode == 0, made.stderr
    assert _check(seeded_db).returncode == 0
