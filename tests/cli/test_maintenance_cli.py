"""``mscreg backup``, ``restore`` and ``audit``, and what every command says about an unusable database,
run as a user runs them: a subprocess, real files, exit codes and messages in English and Chinese."""

from __future__ import annotations

import csv
import json
import socket
from pathlib import Path

import pytest
from conftest import run_sql
from sqlalchemy.engine import make_url
from support import mscreg


def _count(target, table: str) -> int:
    return run_sql(target, f"SELECT count(*) FROM {table}")[0][0][0]


def test_audit_csv_has_every_row_and_column_with_a_bom(seeded_db, tmp_path):
    out = tmp_path / "audit.csv"
    proc = mscreg("audit", "--db", str(seeded_db), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == _count(seeded_db, "audit_log")
    assert list(rows[0]) == ["id", "at_utc", "actor", "action", "entity", "entity_id", "changes", "reason",
                             "prev_hash", "hash"]
    assert any("艾米迈托赛" in r["changes"] for r in rows)
    assert "verified" in proc.stdout
    from mscreg.storage.audit import row_hash

    last = rows[-1]
    assert row_hash(int(last["id"]), last["at_utc"], last["actor"], last["action"], last["entity"],
                    int(last["entity_id"]), last["changes"], last["reason"], last["prev_hash"]) == last["hash"]


def test_audit_json_reports_a_broken_chain_with_exit_7(seeded_db):
    from conftest import unguard_audit_sql

    run_sql(seeded_db, *unguard_audit_sql(seeded_db), "UPDATE audit_log SET actor='mallory' WHERE id=12")
    proc = mscreg("audit", "--db", str(seeded_db), "--json")
    assert proc.returncode == 7
    payload = json.loads(proc.stdout)
    assert payload["chain_ok"] is False and payload["broken_row"] == 12
    assert len(payload["rows"]) == _count(seeded_db, "audit_log")


def test_backup_then_restore_round_trip_from_the_command_line(seeded_db, tmp_path, dump):
    if not isinstance(seeded_db, Path):  # a server database: mscreg says to use pg_dump, in both languages
        for lang, words in (("en", "pg_dump"), ("zh_CN", "服务器上用 pg_dump")):
            proc = mscreg("backup", "--db", seeded_db, "--out", str(tmp_path / "x.sqlite"), "--lang", lang)
            assert proc.returncode == 6 and words in proc.stderr
            password = make_url(seeded_db).password
            assert password and f":{password}@" not in proc.stderr and ":***@" in proc.stderr  # never the password
        assert not (tmp_path / "x.sqlite").exists()
        return
    copy = tmp_path / "before.sqlite"
    assert mscreg("backup", "--db", str(seeded_db), "--out", str(copy)).returncode == 0
    again = mscreg("backup", "--db", str(seeded_db), "--out", str(copy), "--lang", "zh_CN")
    assert again.returncode == 6 and "不会覆盖" in again.stderr
    added = mscreg("add-event", "--db", str(seeded_db), "--product", "Akuugo", "--jurisdiction", "JP",
                   "--type", "partial_change_approved", "--date", "2025-11", "--reason", "MHLW notice")
    assert added.returncode == 0, added.stderr
    snapshot = dump(copy)
    proc = mscreg("restore", str(copy), "--db", str(seeded_db), "--json")
    assert proc.returncode == 0, proc.stderr
    payload = json.loads(proc.stdout)
    restored = dump(seeded_db)
    # The copy, plus one audit row recording the restore itself.
    assert {t: r for t, r in restored.items() if t != "audit_log"} == {
        t: r for t, r in snapshot.items() if t != "audit_log"}
    assert restored["audit_log"][:-1] == snapshot["audit_log"]
    assert restored["audit_log"][-1][3:5] == ("restore", "database")
    assert payload["restore_audit_row"] == len(restored["audit_log"]) and payload["rows_not_in_copy"] == 1
    assert _count(payload["replaced_backup"], "events") == _count(copy, "events") + 1
    listed = json.loads(mscreg("backup", "--list", "--db", str(seeded_db), "--json").stdout)
    assert payload["replaced_backup"] in [b["file"] for b in listed]


def _damage(path: Path) -> None:
    with path.open("r+b") as fh:
        fh.seek(4096 * 8)
        fh.write(b"\xde\xad\xbe\xef" * 1024)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.sqlite_only
@pytest.mark.parametrize(("case", "en", "zh"), [
    ("text file", "not a database file at all", "根本不是数据库文件"),
    ("overwritten page", "is damaged", "已损坏"),
    ("missing folder", "the folder does not exist", "文件夹不存在"),
    ("newer mscreg", "written by a newer mscreg", "更新版本的 mscreg"),
    ("server down", "cannot reach the PostgreSQL server", "无法连接"),
])
def test_every_unusable_database_has_its_own_message_and_exit_6(seeded_db, tmp_path, dump, case, en, zh):
    target: str = str(seeded_db)
    if case == "text file":
        target = str(tmp_path / "notes.sqlite")
        Path(target).write_text("minutes of the meeting\n")
    elif case == "overwritten page":
        _damage(seeded_db)
    elif case == "missing folder":
        target = str(tmp_path / "gone" / "mscreg.sqlite")
    elif case == "newer mscreg":
        run_sql(seeded_db, "UPDATE alembic_version SET version_num='ffffffffffff'")
    elif case == "server down":
        target = f"postgresql+psycopg://mscreg:pw@127.0.0.1:{_free_port()}/mscreg"
    before = seeded_db.read_bytes()
    for lang, words in (("en", en), ("zh_CN", zh)):
        for command in (["products"], ["add-event", "--product", "Akuugo", "--jurisdiction", "JP", "--type",
                                        "partial_change_approved", "--date", "2025-11", "--reason", "x"]):
            proc = mscreg(*command, "--db", target, "--lang", lang)
            assert proc.returncode == 6, (case, proc.stderr)
            assert words in proc.stderr, (case, lang, proc.stderr)
    assert seeded_db.read_bytes() == before
    assert not (tmp_path / "gone").exists()
