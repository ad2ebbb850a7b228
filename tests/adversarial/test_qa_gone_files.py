"""A database file deleted, moved or replaced while mscreg has it open never swallows an edit.

SQLite keeps writing into a file whose name is gone (or now names another file): the save
"succeeded", the window's undo stack held the edit, a reload showed it, and everything vanished when
the database closed.  Each test plays the user (or a sync tool) changing the file behind an open
workspace, then saves: the save is refused naming the path, in English and Chinese, with the
database's exit code, and nothing is written into the file opened, the file now at the path, or
anywhere beside them.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from mscreg.domain.errors import DatabaseProblem
from mscreg.services import editing
from mscreg.services.workspace import Workspace, init_database, open_workspace

pytestmark = pytest.mark.sqlite_only


def companions(path: Path) -> list[Path]:
    return [Path(f"{path}{s}") for s in ("", "-wal", "-shm")]


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file in the folder with its bytes (the -shm index excepted: SQLite rewrites it on reads)."""
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith("-shm")}


def rows_in_open_file(ws: Workspace) -> tuple[int, str]:
    """Audit rows and the first product's name in the file the workspace has open, looked at through its
    own engine (past the check): where a write that was not refused would have gone."""
    with ws.db.engine.connect() as c:
        audit = c.exec_driver_sql("SELECT count(*) FROM audit_log").scalar_one()
        name = c.exec_driver_sql("SELECT name FROM products WHERE id = 1").scalar_one()
    return audit, name


def rename_product(ws: Workspace, suffix: str = " (renamed)"):
    product = editing.get_product(ws, 1)
    draft = replace(editing.product_draft(product), name=product.name + suffix)
    return editing.update_product(ws, 1, draft, reason="name from the label", expected_version=product.version)


def refused(ws: Workspace, path: Path, code: str) -> DatabaseProblem:
    with pytest.raises(DatabaseProblem) as caught:
        rename_product(ws)
    exc = caught.value
    assert exc.exit_code == 6
    assert [p.code for p in exc.problems] == [code]
    en, zh = exc.message("en"), exc.message("zh_CN")
    assert str(path) in en and str(path) in zh
    assert "Nothing was written" in en and "未写入任何内容" in zh
    return exc


@pytest.fixture
def opened(seeded_db: Path):
    ws = open_workspace(str(seeded_db), daily_backup=False)
    rows_in_open_file(ws)  # the window has read it: a connection holds the file open
    yield ws
    ws.close()


def test_a_save_after_the_file_and_its_companions_were_deleted_is_refused(opened, seeded_db):
    before = rows_in_open_file(opened)
    for p in companions(seeded_db):
        p.unlink(missing_ok=True)
    exc = refused(opened, seeded_db, "db.gone")
    assert "deleted, moved or renamed" in exc.message("en") and "删除、移动或重命名" in exc.message("zh_CN")
    assert rows_in_open_file(opened) == before  # not even into the deleted file
    assert os.listdir(seeded_db.parent) == []


def test_a_save_after_the_file_was_replaced_by_another_mscreg_database_is_refused(opened, seeded_db, tmp_path):
    other_folder = tmp_path / "other"
    other_folder.mkdir()
    other = init_database(str(other_folder / "other.sqlite"))
    other.close()
    shutil.move(other_folder / "other.sqlite", seeded_db)  # mv other.sqlite mscreg.sqlite
    before_open, before_folder = rows_in_open_file(opened), folder_state(seeded_db.parent)
    exc = refused(opened, seeded_db, "db.replaced")
    assert "replaced by another file" in exc.message("en") and "被另一个文件替换" in exc.message("zh_CN")
    assert rows_in_open_file(opened) == before_open
    assert folder_state(seeded_db.parent) == before_folder
    con = sqlite3.connect(seeded_db)  # the file now there: untouched, its own product name
    try:
        assert not con.execute("SELECT count(*) FROM products WHERE name LIKE '%(renamed)'").fetchone()[0]
    finally:
        con.close()


def test_a_save_after_the_file_was_replaced_by_a_file_that_is_no_database_is_refused(opened, seeded_db):
    before = rows_in_open_file(opened)
    note = seeded_db.with_name("note.txt")
    note.write_text("minutes of the meeting\n")
    os.replace(note, seeded_db)
    refused(opened, seeded_db, "db.replaced")
    assert seeded_db.read_text() == "minutes of the meeting\n"
    assert rows_in_open_file(opened) == before


def test_a_save_after_the_file_was_moved_away_is_refused_and_the_moved_file_is_untouched(opened, seeded_db,
                                                                                          tmp_path):
    before = rows_in_open_file(opened)
    moved = tmp_path / "elsewhere.sqlite"
    os.rename(seeded_db, moved)  # the user tidied their folders; the file still exists, elsewhere
    exc = refused(opened, seeded_db, "db.gone")
    assert "open it where it is now" in exc.message("en")
    assert rows_in_open_file(opened) == before
    opened.close()
    with open_workspace(str(moved), daily_backup=False) as ws:  # opened where it is now: as it was
        assert rows_in_open_file(ws) == before
        rename_product(ws)  # and it takes the edit there
        assert rows_in_open_file(ws) == (before[0] + 1, before[1] + " (renamed)")


def test_a_file_moved_back_takes_the_edit_again(opened, seeded_db, tmp_path):
    moved = tmp_path / "elsewhere.sqlite"
    os.rename(seeded_db, moved)
    refused(opened, seeded_db, "db.gone")
    os.rename(moved, seeded_db)  # the very file the workspace opened is at its path again
    saved = rename_product(opened)
    assert saved.name.endswith("(renamed)")


def test_a_file_deleted_during_a_unit_of_work_rolls_it_back(opened, seeded_db):
    from mscreg.storage import repositories as repo

    before = rows_in_open_file(opened)
    product = editing.get_product(opened, 1)
    draft = replace(editing.product_draft(product), name=product.name + " (renamed)").validated()
    with pytest.raises(DatabaseProblem) as caught, opened.db.write() as s:
        repo.update_product(s, 1, draft, reason="a long import", expected_version=product.version)
        for p in companions(seeded_db):  # gone while the import was still writing
            p.unlink(missing_ok=True)
    assert caught.value.problems[0].code == "db.gone"
    assert rows_in_open_file(opened) == before


def test_a_reread_after_the_file_was_deleted_says_so_instead_of_showing_what_only_the_open_file_holds(opened,
                                                                                                      seeded_db):
    for p in companions(seeded_db):
        p.unlink(missing_ok=True)
    with pytest.raises(DatabaseProblem) as caught:
        editing.get_product(opened, 1)
    assert caught.value.problems[0].code == "db.gone"


def test_the_command_line_refuses_with_exit_6_when_the_file_goes_after_it_opened(seeded_db, monkeypatch,
                                                                                  capsys):
    import mscreg.services.workspace as workspace_service
    from mscreg.cli.main import main

    def open_then_lose_the_file(*args, **kwargs):
        ws = open_workspace(*args, **kwargs)
        rows_in_open_file(ws)
        for p in companions(seeded_db):
            p.unlink(missing_ok=True)
        return ws

    monkeypatch.setattr(workspace_service, "open_workspace", open_then_lose_the_file)
    code = main(["--db", str(seeded_db), "--lang", "zh_CN", "add-event", "--product", "Stemirac",
                 "--jurisdiction", "JP", "--type", "agency_feedback", "--date", "2026-01", "--reason", "x"])
    err = capsys.readouterr().err
    assert code == 6, err
    assert str(seeded_db) in err and "已不在原处" in err and "Traceback" not in err


def test_a_restore_into_the_open_database_keeps_it_writable(opened, seeded_db, tmp_path):
    """``mscreg restore`` writes into the same file through SQLite: the open workspace sees the restored
    content and goes on saving into it."""
    from mscreg.services import backups

    copy = backups.backup_now(opened, tmp_path / "copy.sqlite")
    rename_product(opened)
    backups.restore(str(copy), str(seeded_db), reason="undo the rename")
    assert not editing.get_product(opened, 1).name.endswith("(renamed)")
    saved = rename_product(opened, " (again)")
    assert saved.name.endswith("(again)")


def test_a_new_database_remembers_the_file_its_first_connection_created(tmp_path):
    path = tmp_path / "new.sqlite"
    ws = init_database(str(path), empty=True)
    try:
        assert ws.db.opened_file == (path.stat().st_dev, path.stat().st_ino)
        for p in companions(path):
            p.unlink(missing_ok=True)
        with pytest.raises(DatabaseProblem), ws.db.write():
            pass
    finally:
        ws.close()


def test_a_database_put_in_place_of_the_open_one_is_not_corrupted_by_its_log_when_the_window_closes(
        opened, seeded_db, tmp_path):
    """SQLite leaves the open file's -wal under the shared name when the file was replaced, and the next
    opening of the name replayed it over the other database (found with "wrong # of entries in index")."""
    rename_product(opened)  # saved, so the -wal under the name holds pages of the opened file
    other_folder = tmp_path / "other"
    other_folder.mkdir()
    init_database(str(other_folder / "other.sqlite"), empty=True).close()
    os.replace(other_folder / "other.sqlite", seeded_db)
    opened.close()  # no save tried after the replacement: closing alone must leave the other file whole
    con = sqlite3.connect(seeded_db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("SELECT count(*) FROM products").fetchone()[0] == 0  # still the empty database
    finally:
        con.close()


def test_edits_saved_before_the_file_was_renamed_are_in_it_at_its_new_name(opened, seeded_db, tmp_path):
    """SQLite does not fold the log into a file that moved, even at close: the saved edit stayed in a
    -wal under the old name and was missing from the renamed file."""
    saved = rename_product(opened)
    moved = tmp_path / "renamed.sqlite"
    os.rename(seeded_db, moved)
    opened.close()
    con = sqlite3.connect(moved)
    try:
        assert con.execute("SELECT name FROM products WHERE id = 1").fetchone()[0] == saved.name
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()


def test_no_new_connection_opens_or_creates_a_file_at_the_path_once_the_opened_one_is_gone(seeded_db):
    ws = open_workspace(str(seeded_db), daily_backup=False)
    try:
        ws.db.engine.dispose()  # no connection left open: the next one would be opened by name
        for p in companions(seeded_db):
            p.unlink(missing_ok=True)
        with pytest.raises(DatabaseProblem) as caught, ws.db.engine.connect():
            pass
        assert caught.value.problems[0].code == "db.gone"
        assert os.listdir(seeded_db.parent) == []  # no empty database made where the old one was
    finally:
        ws.close()


def test_a_save_after_only_the_log_files_were_deleted_is_refused_and_what_was_saved_stays(opened, seeded_db):
    """A clean-up tool removing the -wal and -shm beside an open database: SQLite went on logging into the
    deleted -wal, and any other program opening the file started a log of its own."""
    kept = rename_product(opened, " (kept)")
    for p in companions(seeded_db)[1:]:
        p.unlink()
    with pytest.raises(DatabaseProblem) as caught:
        rename_product(opened, " (refused)")
    exc = caught.value
    assert [p.code for p in exc.problems] == ["db.log_gone"] and exc.exit_code == 6
    assert f"{seeded_db}-wal" in exc.message("en") and "未写入任何内容" in exc.message("zh_CN")
    opened.close()
    con = sqlite3.connect(seeded_db)
    try:
        assert con.execute("SELECT name FROM products WHERE id = 1").fetchone()[0] == kept.name
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        con.close()


def test_log_files_made_anew_after_every_connection_closed_are_not_taken_for_deleted_ones(opened, seeded_db):
    rename_product(opened)
    opened.db.engine.dispose()  # every connection closed: SQLite removed the log; the next makes another
    assert not Path(f"{seeded_db}-wal").exists()
    assert rename_product(opened, " (again)").name.endswith("(again)")


def test_another_program_using_the_database_meanwhile_is_not_taken_for_a_deletion(opened, seeded_db):
    rename_product(opened)
    con = sqlite3.connect(seeded_db)  # the command line, a viewer: opens, reads, closes
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("SELECT count(*) FROM products").fetchone()
    finally:
        con.close()
    assert rename_product(opened, " (again)").name.endswith("(again)")
