"""Opening a database that is damaged, foreign, locked, read-only, on a network share or on a server that
is down: each gets its own message (in English and Chinese), and nothing is written."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mscreg.domain.errors import DatabaseProblem
from mscreg.domain.event import EventDraft
from mscreg.domain.track import TrackDraft
from mscreg.services.tracker import product_overviews, record_event
from mscreg.services.workspace import init_database, open_workspace
from mscreg.storage import locations
from mscreg.storage.backup import take_backup

pytestmark = pytest.mark.sqlite_only  # these are about files; the server cases are marked below


def _refusal(location: str) -> DatabaseProblem:
    with pytest.raises(DatabaseProblem) as info:
        open_workspace(location)
    return info.value


def _overwrite_page(path: Path, page: int, start: int = 0) -> None:
    with path.open("r+b") as fh:
        fh.seek(4096 * (page - 1) + start)
        fh.write(b"\xde\xad\xbe\xef" * ((4096 - start) // 4))


@pytest.mark.parametrize("page", [1, 5, 30])
def test_an_overwritten_page_is_reported_as_damage_and_the_file_is_left_alone(seeded_db, page):
    """Page 1 holds the schema (the probe's first query raises); later pages fail quick_check."""
    _overwrite_page(seeded_db, page, start=100 if page == 1 else 0)
    before = seeded_db.read_bytes()
    problem = _refusal(str(seeded_db))
    assert problem.problems[0].code == "db.damaged"
    assert problem.exit_code == 6
    assert "is damaged" in problem.message("en") and "已损坏" in problem.message("zh_CN")
    assert seeded_db.read_bytes() == before


def test_damage_message_offers_the_newest_backup(seeded_db):
    take_backup(seeded_db, "daily")
    newest = take_backup(seeded_db, "before-import")
    _overwrite_page(seeded_db, 20)
    problem = _refusal(str(seeded_db))
    assert problem.problems[0].code == "db.damaged_backup"
    for lang in ("en", "zh_CN"):
        assert f'mscreg restore "{newest}"' in problem.message(lang)


def test_a_foreign_sqlite_database_and_a_folder_are_refused(tmp_path):
    import sqlite3

    other = tmp_path / "accounts.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE ledger (id INTEGER)")
    con.commit()
    con.close()
    assert _refusal(str(other)).problems[0].code == "db.not_mscreg"
    folder = tmp_path / "folder.sqlite"
    folder.mkdir()
    assert _refusal(str(folder)).problems[0].code == "db.is_folder"


def _hold_lock(path: Path, sql: str) -> subprocess.Popen[str]:
    """Another process that takes a lock on ``path`` and keeps it until killed."""
    code = (
        "import sqlite3, sys, time\n"
        f"con = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
        f"for s in {sql!r}.split(';'):\n"
        "    con.execute(s)\n"
        "print('locked', flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
    return proc


def test_a_database_locked_by_another_process_says_so(seeded_db, dump):
    """An exclusive lock (another program holding the file) is reported as a lock, not as damage."""
    before = dump(seeded_db)
    holder = _hold_lock(seeded_db, "PRAGMA locking_mode=EXCLUSIVE;BEGIN EXCLUSIVE;"
                                   "INSERT INTO meta (key, value) VALUES ('x', 'y')")
    try:
        problem = _refusal(str(seeded_db))
    finally:
        holder.kill()
        holder.wait()
    assert problem.problems[0].code == "db.locked"
    assert "try again" in problem.message("en").lower() and "重试" in problem.message("zh_CN")
    assert dump(seeded_db) == before


def test_a_write_waiting_on_another_writer_is_refused_as_locked_and_changes_nothing(workspace, seeded_db, dump):
    holder = _hold_lock(seeded_db, "BEGIN IMMEDIATE;INSERT INTO meta (key, value) VALUES ('x', 'y')")
    try:
        before_counts = len(product_overviews(workspace))  # readers are not blocked in WAL mode
        started = time.monotonic()
        with pytest.raises(DatabaseProblem) as info:
            record_event(workspace, product="Akuugo", track=TrackDraft("JP", "", "marketing"),
                         draft=EventDraft("partial_change_approved", "2025-11"), reason="MHLW notice")
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert info.value.problems[0].code == "db.locked"
    assert waited >= 4  # the busy timeout retried before giving up
    assert before_counts == 15
    before = dump(seeded_db)
    assert "x" not in [k for k, _ in before["meta"]]


MOUNTS = """\
22 1 0:21 / / rw,relatime shared:1 - ext4 /dev/sda1 rw
36 22 0:32 / {share} rw,relatime shared:20 - {fs} //fileserver/regulatory rw,vers=3.1.1
37 22 0:33 / /home/with\\040space rw - ext4 /dev/sdb1 rw
"""


@pytest.mark.parametrize("fs", ["cifs", "nfs4", "smb3", "fuse.sshfs"])
def test_sqlite_on_a_network_share_is_refused_pointing_to_postgresql(seeded_db, tmp_path, monkeypatch, fs, dump):
    table = tmp_path / "mountinfo"
    table.write_text(MOUNTS.format(share=seeded_db.parent, fs=fs))
    monkeypatch.setattr(locations, "MOUNTINFO", table)
    before = dump(seeded_db)
    problem = _refusal(str(seeded_db))
    assert problem.problems[0].code == "db.network_share"
    message = problem.message("en")
    assert fs in message and "SQLite's own documentation" in message and "postgresql+psycopg://" in message
    assert "网络共享" in problem.message("zh_CN")
    assert dump(seeded_db) == before
    with pytest.raises(DatabaseProblem) as info:  # nor is a new database created there
        init_database(str(seeded_db.parent / "new.sqlite"))
    assert info.value.problems[0].code == "db.network_share"
    assert not (seeded_db.parent / "new.sqlite").exists()


def test_unc_paths_are_network_shares_and_local_mounts_are_not(tmp_path):
    assert locations.network_filesystem(r"\\fileserver\regulatory\mscreg.sqlite") == "UNC path"
    assert locations.network_filesystem("//fileserver/regulatory/mscreg.sqlite") == "UNC path"
    assert _refusal(r"\\fileserver\regulatory\mscreg.sqlite").problems[0].code == "db.network_share"
    table = tmp_path / "mountinfo"
    table.write_text(MOUNTS.format(share="/mnt/share", fs="cifs"))
    assert locations.network_filesystem("/home/with space/db.sqlite", table) is None
    assert locations.network_filesystem("/mnt/share/sub/db.sqlite", table) == "cifs"
    assert locations.network_filesystem("/mnt/shared/db.sqlite", table) is None  # a prefix is not the mount


def test_a_read_only_location_opens_read_only_with_a_reason_and_refuses_writes(seeded_db, monkeypatch, dump):
    """The operating system says the folder cannot be written (a read-only mount, a CD, permissions)."""
    real_access = locations.os.access
    monkeypatch.setattr(locations.os, "access",
                        lambda p, mode: False if Path(p) == seeded_db.parent else real_access(p, mode))
    before = dump(seeded_db)
    ws = open_workspace(str(seeded_db))
    try:
        assert ws.read_only
        assert "read-only" in ws.read_only_reason("en") and "只读" in ws.read_only_reason("zh_CN")
        assert len(product_overviews(ws)) == 15  # reading works
        with pytest.raises(DatabaseProblem) as info:
            record_event(ws, product="Akuugo", track=TrackDraft("JP", "", "marketing"),
                         draft=EventDraft("partial_change_approved", "2025-11"), reason="MHLW notice")
        assert info.value.problems[0].code == "db.read_only_folder"
    finally:
        ws.close()
    assert dump(seeded_db) == before
    assert not (seeded_db.parent / "mscreg-backups").exists()  # no daily backup where nothing may be written


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_server_that_is_down_is_named_with_host_and_port(lang):
    port = _free_port()
    problem = _refusal(f"postgresql+psycopg://mscreg:secret@127.0.0.1:{port}/mscreg")
    assert problem.problems[0].code == "db.server_down"
    text = problem.message(lang)
    assert f"127.0.0.1:{port}" in text and "secret" not in text
    assert ("PostgreSQL" in text) and (("服务器" in text) if lang == "zh_CN" else ("cannot reach" in text))


def test_a_refused_login_a_missing_and_an_empty_database_on_the_server(pg_server):
    good = pg_server.url
    wrong = good.set(password="definitely-not-the-password").render_as_string(hide_password=False)
    problem = _refusal(wrong)
    assert problem.problems[0].code == "db.login_refused"
    assert "definitely-not" not in problem.message("en") and "refused the login" in problem.message("en")
    missing = good.set(database="mscreg_no_such_db").render_as_string(hide_password=False)
    assert _refusal(missing).problems[0].code == "db.server_no_database"
    empty = pg_server.url_for(pg_server.create())
    assert _refusal(empty).problems[0].code == "db.server_empty"
    from conftest import run_sql

    run_sql(empty, "CREATE TABLE ledger (id integer)")
    assert _refusal(empty).problems[0].code == "db.not_mscreg"
    with pytest.raises(DatabaseProblem) as info:
        init_database(empty)
    assert info.value.problems[0].code == "db.not_mscreg"
    assert run_sql(empty, "SELECT count(*) FROM ledger")[0] == [(0,)]


def test_init_refuses_a_server_database_that_already_holds_mscreg_data(pg_server, pg_seeded_template, dump):
    target = pg_server.url_for(pg_server.create(pg_seeded_template))
    before = dump(target)
    with pytest.raises(DatabaseProblem) as info:
        init_database(target)
    assert info.value.problems[0].code == "db.server_in_use"
    assert dump(target) == before
