"""The list painted at start-up from the overview saved after the last full read.

It must be painted before SQLAlchemy, SQLModel or Alembic is imported; it must never be shown when
anything it shows may have changed (a change made from the command line, a new day, other code or
data, a restored file) nor when its file is damaged or made elsewhere; and what it shows must equal
what the full read shows, cell for cell.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path

import pytest
from saved_list_session import LONG, saved, shown
from support import probe_window, run

from mscreg.services import overview_cache
from mscreg.ui import workspace_loader
from mscreg.ui.workspace_session import WorkspaceSession


@pytest.fixture
def session(qtbot):
    s = WorkspaceSession()
    yield s
    s.close()


def states(overviews) -> dict:
    """What a row shows of the states: product id → sorted (country, state, since, track id)."""
    return {ov.product.id: sorted((tv.track.jurisdiction, tv.status.state.value,
                                   str(tv.status.since) if tv.status.since else "", tv.track.id)
                                  for tv in ov.tracks) for ov in overviews}


# ----- no ORM before the paint -----------------------------------------------------------------------
PAINT_PROBE = """
import json, sys
from PySide6.QtWidgets import QApplication
from mscreg.ui.main_window import MainWindow
from mscreg.ui import app as app_module
first = []
original = MainWindow._show_snapshot
def spy(self, snapshot):
    original(self, snapshot)  # shown and repainted: what a user sees
    if not first:
        heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel', 'alembic'))
        first.append({'quick': snapshot.quick, 'rows': self.model.rowCount(), 'heavy': heavy,
                      'next': sum(1 for r in range(self.model.rowCount()) if self.model.index(r, 1).data())})
        print(json.dumps(first[0]), flush=True)
MainWindow._show_snapshot = spy
sys.exit(app_module.run_app(db=sys.argv[1], quit_after_first_paint=True))
"""


def probe_first_paint(db: Path) -> dict:
    return probe_window(PAINT_PROBE, db)


def test_the_list_is_painted_before_any_orm_import_when_the_saved_list_matches(qtbot, seeded_db):
    before = probe_first_paint(seeded_db)  # nothing saved yet: today's path, the ORM reads the list
    assert not before["quick"] and "sqlalchemy" in before["heavy"]
    saved(qtbot, seeded_db)
    after = probe_first_paint(seeded_db)
    assert after["quick"] and after["rows"] == 15 and after["heavy"] == []
    assert after["next"] > 0  # the Next deadline column is filled from the saved list too


# ----- the same as the full read --------------------------------------------------------------------
def test_the_saved_list_shows_what_the_full_read_shows_cell_for_cell(qtbot, session, seeded_db):
    from PySide6.QtCore import Qt

    from mscreg.ui.item_roles import CHIP_ROLE
    from mscreg.ui.product_table_model import ProductTableModel

    saved(qtbot, seeded_db)
    seen = shown(qtbot, session, seeded_db)
    quick, full = seen[0], session.snapshot
    assert quick.quick and not full.quick and full.complete
    assert states(quick.overviews) == states(full.overviews)

    from mscreg.ui.product_table_model import DESIGNATIONS_COLUMN

    def cells(snapshot) -> list:
        """Every cell but the designations, which the saved list does not hold (they come with the full read)."""
        model = ProductTableModel()
        model.set_rows(sorted(snapshot.overviews, key=lambda ov: ov.product.id))
        model.set_deadlines(snapshot.deadlines, snapshot.as_of)
        roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, CHIP_ROLE, Qt.ItemDataRole.ForegroundRole)
        return [[str(model.index(r, c).data(role)) for c in range(model.columnCount()) for role in roles
                 if c != DESIGNATIONS_COLUMN] for r in range(model.rowCount())]

    assert cells(quick) == cells(full)


# ----- stale keys fall back -----------------------------------------------------------------------------
def test_a_change_from_the_command_line_is_never_shown_stale(qtbot, session, seeded_db):
    saved(qtbot, seeded_db)
    today = dt.date.today().isoformat()
    proc = run("add-event", "--db", str(seeded_db), "--product", "Ryoncil", "--jurisdiction", "US", "--pathway",
               "marketing", "--type", "ma_withdrawn", "--date", today, "--reason", "withdrawn today")
    assert proc.returncode == 0, proc.stderr
    assert overview_cache.load(str(seeded_db), dt.date.today()) is None
    seen = shown(qtbot, session, seeded_db)
    assert not seen[0].quick  # the full read, not the saved list
    ryoncil = next(ov for ov in session.snapshot.overviews if ov.product.name == "Ryoncil")
    assert "WITHDRAWN" in {tv.status.state.value for tv in ryoncil.tracks if tv.track.jurisdiction == "US"}
    # rewritten after that read, in a background task of its own (it may end after the session is idle)
    qtbot.waitUntil(lambda: overview_cache.load(str(seeded_db), dt.date.today()) is not None, timeout=LONG)
    again = overview_cache.load(str(seeded_db), dt.date.today())
    assert again is not None and states(again.overviews) == states(session.snapshot.overviews)


def test_a_new_day_falls_back_to_the_full_read(qtbot, session, seeded_db, monkeypatch):
    saved(qtbot, seeded_db)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert overview_cache.load(str(seeded_db), tomorrow) is None
    monkeypatch.setattr(workspace_loader, "today", lambda: tomorrow)
    seen = shown(qtbot, session, seeded_db)
    assert not seen[0].quick and session.snapshot.as_of == tomorrow


def test_other_code_or_data_falls_back(qtbot, seeded_db, monkeypatch):
    saved(qtbot, seeded_db)
    assert overview_cache.load(str(seeded_db), dt.date.today()) is not None
    monkeypatch.setattr(overview_cache, "_fingerprint", "a newer mscreg")
    assert overview_cache.load(str(seeded_db), dt.date.today()) is None
    monkeypatch.undo()
    with sqlite3.connect(seeded_db) as con:  # another data set recorded in the database
        con.execute("UPDATE meta SET value = value || '-other' WHERE key = 'seed_dataset'")
    assert overview_cache.load(str(seeded_db), dt.date.today()) is None


def test_a_restored_or_other_file_at_the_same_place_falls_back(qtbot, seeded_db, tmp_path):
    import shutil

    copy = tmp_path / "before.sqlite"
    shutil.copyfile(seeded_db, copy)
    run("add-event", "--db", str(seeded_db), "--product", "Ryoncil", "--jurisdiction", "US", "--pathway",
        "marketing", "--type", "ma_withdrawn", "--date", dt.date.today().isoformat(), "--reason", "r")
    saved(qtbot, seeded_db)
    shutil.copyfile(copy, seeded_db)  # the backup from before that change put back
    assert overview_cache.load(str(seeded_db), dt.date.today()) is None


# ----- damaged, forged or foreign files are ignored --------------------------------------------------------
def _parts(path: Path) -> tuple[dict, dict, bytes]:
    """The header, the list's part, and the second part (clocks and search keys) as bytes."""
    head, listed, more = path.read_bytes().split(b"\n", 2)
    return json.loads(head), json.loads(listed), more


def _rewrite(path: Path, edit) -> None:
    header, rows, more = _parts(path)
    edit(header, rows)
    path.write_bytes(json.dumps(header).encode() + b"\n" + json.dumps(rows, ensure_ascii=False).encode() + b"\n"
                     + more)


def _reseal(header: dict, rows: dict) -> None:
    """What someone who knows the format but not this user's key would do: a fresh BLAKE2b without it."""
    import hashlib

    header["digest"] = hashlib.blake2b(json.dumps(rows).encode(), digest_size=32).hexdigest()


@pytest.mark.parametrize("damage", ["truncated", "garbage", "state", "extra row", "resealed", "foreign key",
                                    "other database"])
def test_a_damaged_or_forged_file_is_never_shown(qtbot, session, seeded_db, damage, tmp_path):
    path = saved(qtbot, seeded_db)
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(os.urandom(4096))
    elif damage == "state":  # one row's state edited, nothing else
        _rewrite(path, lambda h, r: r["statuses"][0].__setitem__(0, "AUTHORISED_FULL"
                                                                 if r["statuses"][0][0] != "AUTHORISED_FULL"
                                                                 else "WITHDRAWN"))
    elif damage == "extra row":
        _rewrite(path, lambda h, r: r["rows"].append([*r["rows"][0][:1], *r["rows"][0][1:]]))
    elif damage == "resealed":
        _rewrite(path, lambda h, r: (r["rows"][0].__setitem__(1, "Forged name"), _reseal(h, r)))
    elif damage == "foreign key":  # the seal of another user's key
        key = Path(os.environ["XDG_CONFIG_HOME"]) / "mscreg" / "overview.key"
        key.write_bytes(os.urandom(32))
    elif damage == "other database":  # a file saved for another database put in this one's place
        other = tmp_path / "other.sqlite"
        import shutil

        shutil.copyfile(seeded_db, other)
        run("add-event", "--db", str(other), "--product", "Ryoncil", "--jurisdiction", "US", "--pathway",
            "marketing", "--type", "ma_withdrawn", "--date", dt.date.today().isoformat(), "--reason", "r")
        saved(qtbot, other)
        path.write_bytes(overview_cache.cache_file(overview_cache.sqlite_file(str(other))).read_bytes())
    assert overview_cache.load(str(seeded_db), dt.date.today()) is None
    seen = shown(qtbot, session, seeded_db)
    assert not any(s.quick for s in seen)  # never shown, not even for a moment
    assert len(session.snapshot.overviews) == 15


def _sealed_edit(path: Path, edit) -> None:
    """``edit`` the saved list's body, then seal it again with this user's key: a valid seal."""
    secret = overview_cache._secret(create=False)
    header, rows, more = _parts(path)
    edit(rows)
    new_body = json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" + more
    header["digest"] = overview_cache._digest(header["key"], new_body, secret)
    path.write_bytes(json.dumps(header).encode() + b"\n" + new_body)


@pytest.mark.parametrize("edit", [
    lambda r: r["rows"][0][7][0].__setitem__(4, len(r["statuses"])),  # a status beyond its table
    lambda r: r["rows"][0][7][0].__setitem__(4, -1),  # counted from the end: not an index of ours
    lambda r: r["rows"][0][7][0].__setitem__(1, "US"),  # a country by name, not by its index
    lambda r: r["rows"][0][7][0].__setitem__(5, len(r["days"])),
    lambda r: r["kinds"][0].__setitem__(1, "NOT_A_PATHWAY"),
    lambda r: r["days"].__setitem__(0, "2026-02-30"),
    lambda r: r["sinces"].__setitem__(0, [2026, 2, 30, False, None]),
    lambda r: r["statuses"][0].__setitem__(1, len(r["sinces"])),
    lambda r: r["rows"][0][7][0].__setitem__(2, len(r["texts"])),
    lambda r: r["rows"][0].__setitem__(3, "Forged company"),  # a text inline, not by its index
    lambda r: r["texts"].__setitem__(0, "x" * (overview_cache.MAX_TEXT + 1)),
    lambda r: r.pop("kinds"),
], ids=["status index", "negative index", "code for index", "day index", "pathway", "day", "since", "since index",
        "text index", "inline text", "long text", "no table"])
def test_an_index_or_shared_value_out_of_place_is_refused_even_under_a_valid_seal(qtbot, seeded_db, edit):
    path = saved(qtbot, seeded_db)
    assert overview_cache.load(str(seeded_db), dt.date.today()) is not None
    _sealed_edit(path, edit)
    assert overview_cache.load(str(seeded_db), dt.date.today()) is None


def test_the_saved_list_is_in_the_default_order_and_reads_back_whole(qtbot, seeded_db):
    """Saved in the list's default order (by English name), each shared value once."""
    path = saved(qtbot, seeded_db)
    body = _parts(path)[1]
    names = [(row[1] or row[2]).casefold() for row in body["rows"]]
    assert names == sorted(names)
    assert len(body["statuses"]) == len({json.dumps(s) for s in body["statuses"]})
    found = overview_cache.load(str(seeded_db), dt.date.today())
    with sqlite3.connect(seeded_db) as con:
        products = con.execute("SELECT count(*) FROM products").fetchone()[0]
    assert found is not None and len(found.overviews) == products == 15


def test_a_value_outside_its_vocabulary_is_refused_even_under_a_valid_seal(qtbot, seeded_db):
    path = saved(qtbot, seeded_db)
    _sealed_edit(path, lambda rows: rows["statuses"][rows["rows"][0][7][0][4]].__setitem__(0, "NOT_A_STATE"))
    assert overview_cache.load(str(seeded_db), dt.date.today()) is None


# ----- while the saved list is shown ----------------------------------------------------------------------
def test_the_full_read_replaces_the_saved_list_without_losing_the_selection(qtbot, seeded_db):
    """The whole window: the selection lives in the products page's table, the edits in the window's
    edit requests, and the hand-over from the saved list to the full read crosses both."""
    from mscreg.ui.main_window import MainWindow

    saved(qtbot, seeded_db)
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    first: list = []
    selected: list = []

    def on_snapshot(snapshot) -> None:
        if snapshot.quick and not first:
            first.append(snapshot)
            page = w.products_page
            page.table.selectRow(5)
            page.table.setCurrentIndex(page.model.index(5, 0))
            selected.append(page.current_product_id())
            assert w.edits.controller is None  # no edit before the full read and its preparation

    w.session.snapshot_changed.connect(on_snapshot)
    with qtbot.waitSignal(w.session.prepared, timeout=LONG):
        w.open_database(str(seeded_db))
    assert first and selected[0] is not None
    assert w.snapshot.complete and not w.snapshot.quick
    assert w.products_page.current_product_id() == selected[0]
    assert not getattr(w.products_page.current_overview(), "quick", False)
    w.close_database()


def test_a_server_database_keeps_the_usual_path():
    url = "postgresql+psycopg://someone@127.0.0.1/mscreg"
    assert overview_cache.sqlite_file(url) is None
    assert overview_cache.load(url, dt.date.today()) is None
    assert not overview_cache.save(url, "x", [], {}, dt.date.today(), None)
    assert workspace_loader.quick_snapshot(url) is None
    assert not overview_cache.cache_folder().exists()  # nothing written for it


def test_the_open_clock_statuses_are_the_domains():
    from mscreg.domain.clocks import OPEN_STATUSES

    assert {s.value for s in OPEN_STATUSES} == overview_cache.OPEN_CLOCK_STATUSES


def _walked_fingerprint(package: Path) -> str:
    """The code fingerprint as an ``os.walk`` of the folders lists them: what the saved list's key means."""
    import hashlib

    h = hashlib.blake2b(f"format {overview_cache.FORMAT}".encode())
    for part in overview_cache._FINGERPRINTED:
        for root, dirs, files in os.walk(package / part):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if not name.endswith((".pyc", ".pyo")):
                    st = os.stat(os.path.join(root, name))
                    rel = os.path.relpath(os.path.join(root, name), package).replace(os.sep, "/")
                    h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    h.update(overview_cache._packages_stamp().encode())
    return h.hexdigest()


def test_the_code_fingerprint_follows_every_file_of_the_derivation_and_nothing_else(tmp_path, monkeypatch):
    for rel in ("domain/a.py", "domain/z/deep/b.py", "domain/m.py", "services/c.py", "storage/s.py", "data/x.json"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel)
    monkeypatch.setattr(overview_cache, "_PACKAGE", tmp_path)

    def fingerprint() -> str:
        monkeypatch.setattr(overview_cache, "_fingerprint", None)
        return overview_cache.code_fingerprint()

    first = fingerprint()
    assert first == _walked_fingerprint(tmp_path)
    (tmp_path / "domain/__pycache__").mkdir()
    (tmp_path / "domain/__pycache__/a.cpython-311.pyc").write_bytes(b"x")
    (tmp_path / "domain/old.pyc").write_bytes(b"x")
    assert fingerprint() == first  # compiled files are not the code
    os.utime(tmp_path / "domain/z/deep/b.py", ns=(1, 1))
    second = fingerprint()
    assert second != first and second == _walked_fingerprint(tmp_path)
    (tmp_path / "data/y.json").write_text("{}")
    assert fingerprint() not in (first, second)


def test_the_file_an_earlier_version_saved_for_the_database_is_removed_when_a_new_one_is_saved(qtbot, seeded_db):
    """Earlier versions named the file by the SHA-256 of the database's path and sealed it otherwise: it is
    never read again, so saving the new one removes it; another database's file stays."""
    import hashlib

    db_file = overview_cache.sqlite_file(str(seeded_db))
    assert db_file is not None
    folder = overview_cache.cache_folder()
    folder.mkdir(parents=True, exist_ok=True)
    earlier = folder / (hashlib.sha256(db_file.encode("utf-8", "surrogatepass")).hexdigest()[:40] + ".json")
    other = folder / (hashlib.sha256(b"/elsewhere/other.sqlite").hexdigest()[:40] + ".json")
    earlier.write_bytes(b"{}\n{}\n")
    other.write_bytes(b"{}\n{}\n")
    path = saved(qtbot, seeded_db)
    assert path.parent == folder and path != earlier
    assert not earlier.exists()
    assert other.exists()
