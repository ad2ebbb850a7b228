"""The Deadlines page and the search at start-up, from the clocks and search keys saved with the list.

Before the full read is in, the window shows every open clock and answers searches (pinyin and past
holders included) from the second part of the saved list.  What they show must equal what the full
read shows, cell for cell and query for query; the second part must be refused as a whole when any of
it is out of shape or vocabulary, even under a valid seal; and nothing of the database layer may be
imported before they are shown.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from saved_list_session import LONG, saved, shown
from support import run

from mscreg.services import overview_cache
from mscreg.ui.workspace_session import WorkspaceSession


@pytest.fixture
def session(qtbot):
    s = WorkspaceSession()
    yield s
    s.close()


# English, Chinese (simplified and traditional), pinyin and its initials, a past holder, a company, an INN
QUERIES = ("Ryoncil", "temcell", "艾米迈托赛", "艾米邁托賽", "aimimaituosai", "ammts", "Osiris", "mesoblast",
           "remestemcel", "huc msc", "pleb")


def deadline_cells(snapshot, lang: str) -> list:
    """Every cell of the Deadlines page's tree (groups and clocks) in ``lang``, as the page shows it."""
    from PySide6.QtCore import QModelIndex, Qt

    from mscreg.ui.deadlines_dashboard import DeadlineModel
    from mscreg.ui.language import set_language

    set_language(lang)
    model = DeadlineModel()
    model.set_rows(snapshot.deadlines, snapshot.as_of)
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.ForegroundRole,
             Qt.ItemDataRole.AccessibleTextRole)
    out = []
    for g in range(model.rowCount()):
        top = model.index(g, 0, QModelIndex())
        out.append([str(top.data(role)) for role in roles])
        for r in range(model.rowCount(top)):
            out.append([str(model.index(r, c, top).data(role)) for c in range(model.columnCount()) for role in roles])
    return out


def fresh_search(full):
    """The search index built from the full read's products alone, pinyin computed anew: the full read's
    own index takes its pinyin keys over from the saved list, so it is no independent reference."""
    from mscreg.services.product_search import SearchIndex
    from mscreg.ui.workspace_loader import _parties

    return SearchIndex.build([ov.product for ov in full.overviews], parties=_parties(full.overviews)).with_pinyin()


def quick_and_full(qtbot, session, db) -> tuple:
    saved(qtbot, db)
    seen = shown(qtbot, session, db)
    quick = [s for s in seen if s.quick and s.complete]
    assert quick, [(s.quick, s.complete) for s in seen]
    full = session.snapshot
    assert not full.quick and full.complete and full.search.has_pinyin
    return quick[0], full


def test_the_saved_deadlines_page_and_search_equal_the_full_reads(qtbot, session, seeded_db):
    from mscreg.ui.deadline_notice import open_deadlines, urgent_counts
    from mscreg.ui.language import set_language
    from mscreg.ui.product_filters import products_with_deadline_within
    from mscreg.ui.product_table_model import next_open_deadline

    quick, full = quick_and_full(qtbot, session, seeded_db)
    assert len(open_deadlines(quick.deadlines)) == len(open_deadlines(full.deadlines)) > 0
    try:
        for lang in ("en", "zh_CN"):
            assert deadline_cells(quick, lang) == deadline_cells(full, lang)
    finally:
        set_language("en")
    for days in (7, 30, 90, 3650):
        assert urgent_counts(quick.deadlines, quick.as_of, days) == urgent_counts(full.deadlines, full.as_of, days)
        assert products_with_deadline_within(quick.deadlines, days, quick.as_of) == \
            products_with_deadline_within(full.deadlines, days, full.as_of)
    assert {pid: (d.clock.rule.id, d.clock.due.earliest) for pid, d in next_open_deadline(quick.deadlines).items()} \
        == {pid: (d.clock.rule.id, d.clock.due.earliest) for pid, d in next_open_deadline(full.deadlines).items()}
    assert quick.search.has_pinyin
    fresh = fresh_search(full)
    keys = dict(fresh.saved_keys()[0])
    assert dict(quick.search.saved_keys()[0]) == keys == dict(full.search.saved_keys()[0])  # key for key
    for query in QUERIES:
        found = quick.search.matching(query)
        assert found, query  # each query finds something: the comparison says something
        assert found == full.search.matching(query) == fresh.matching(query), query
    ryoncil = next(ov.product.id for ov in full.overviews if ov.product.name == "Ryoncil")
    assert ryoncil in quick.search.matching("Osiris")  # a past holder, not the company of today


def test_the_same_at_a_larger_portfolio(qtbot, session, tmp_path):
    db = tmp_path / "demo.sqlite"
    proc = run("demo-data", "--products", "300", "--events-per-product", "10", "--out", str(db), "--seed", "7")
    assert proc.returncode == 0, proc.stderr
    quick, full = quick_and_full(qtbot, session, db)
    assert len(quick.deadlines) > 200
    assert deadline_cells(quick, "en") == deadline_cells(full, "en")
    names = [ov.product for ov in full.overviews[:40]]
    queries = [p.name for p in names] + [p.name_zh for p in names if p.name_zh] + [p.company for p in names]
    fresh = fresh_search(full)
    assert dict(quick.search.saved_keys()[0]) == dict(fresh.saved_keys()[0])
    for query in queries:
        assert quick.search.matching(query) == full.search.matching(query) == fresh.matching(query), query


def test_the_full_read_takes_over_the_saved_pinyin_keys(qtbot, session, seeded_db, monkeypatch):
    """The full read's index gets its pinyin from the saved keys, not from pypinyin again."""
    from mscreg.services import product_search

    saved(qtbot, seeded_db)
    calls: list = []
    original = product_search.pinyin_keys
    monkeypatch.setattr(product_search, "pinyin_keys", lambda text: calls.append(text) or original(text))
    shown(qtbot, session, seeded_db)
    assert session.snapshot.search.has_pinyin and not session.snapshot.quick
    assert calls == []
    assert session.snapshot.search.matching("aimimaituosai")


def test_nothing_is_taken_from_the_saved_list_after_a_change(qtbot, session, seeded_db):
    saved(qtbot, seeded_db)
    proc = run("add-event", "--db", str(seeded_db), "--product", "Ryoncil", "--jurisdiction", "US", "--pathway",
               "marketing", "--type", "ma_withdrawn", "--date", dt.date.today().isoformat(), "--reason", "withdrawn")
    assert proc.returncode == 0, proc.stderr
    seen = shown(qtbot, session, seeded_db)
    assert not any(s.quick for s in seen)


def _sealed_edit(path: Path, edit) -> None:
    """``edit`` the second part, then seal the file again with this user's key: a valid seal."""
    secret = overview_cache._secret(create=False)
    head, listed, more = path.read_bytes().split(b"\n", 2)
    header, body = json.loads(head), json.loads(more)
    edit(body)
    new_body = listed + b"\n" + json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    header["digest"] = overview_cache._digest(header["key"], new_body, secret)
    path.write_bytes(json.dumps(header).encode() + b"\n" + new_body)


def _clock(body: dict) -> list:
    return body["clocks"][0]


@pytest.mark.parametrize("edit", [
    lambda b: _clock(b).__setitem__(2, "no-such-rule"),
    lambda b: _clock(b).__setitem__(3, "no_such_event"),
    lambda b: _clock(b).__setitem__(8, "met"),  # not an open clock
    lambda b: _clock(b).__setitem__(8, "OVERDUE"),
    lambda b: _clock(b).__setitem__(1, 999_999),  # a track the list does not hold
    lambda b: _clock(b).__setitem__(0, _clock(b)[0] + 1),  # another product's track
    lambda b: _clock(b).__setitem__(5, "2026-02-30"),
    lambda b: _clock(b).__setitem__(6, "1999-01-01"),  # due before it is due
    lambda b: _clock(b).__setitem__(4, [2026, 13, None, False, None]),
    lambda b: _clock(b).__setitem__(7, 1),  # a number for a yes or no
    lambda b: b["search"][0].__setitem__(1, ["a", "b"]),  # keys not in the one string the search scans
    lambda b: b["search"][0].__setitem__(1, "x" * (overview_cache.MAX_TEXT * 64 + 1)),
    lambda b: b["search"][0].__setitem__(0, 999_999),  # keys of a product the list does not hold
    lambda b: b["search"].pop(),  # a product nobody can find
    lambda b: b["search"].append(list(b["search"][0])),
    lambda b: b["pinyin"][0].__setitem__(1, 7),
    lambda b: b["pinyin"].append(list(b["pinyin"][0])),
    lambda b: b.pop("clocks"),
], ids=["rule", "anchor type", "closed status", "status spelling", "unknown track", "other product", "day",
        "range", "anchor date", "flag type", "keys type", "keys too long", "unknown product", "missing product",
        "twice", "pinyin type", "pinyin twice", "no clocks"])
def test_a_second_part_out_of_shape_or_vocabulary_is_refused_whole(qtbot, session, seeded_db, edit):
    path = saved(qtbot, seeded_db)
    found = overview_cache.load(str(seeded_db), dt.date.today())
    assert found is not None and overview_cache.load_complete(found) is not None
    _sealed_edit(path, edit)
    found = overview_cache.load(str(seeded_db), dt.date.today())
    assert found is not None  # the list itself is still good
    assert overview_cache.load_complete(found) is None
    seen = shown(qtbot, session, seeded_db)
    assert seen[0].quick and not seen[0].complete  # the list is painted from it; clocks and search wait
    assert not any(s.quick and s.complete for s in seen)
    assert session.snapshot.complete and not session.snapshot.quick


def test_an_edit_to_the_second_part_breaks_the_seal(qtbot, seeded_db):
    path = saved(qtbot, seeded_db)
    data = path.read_bytes()
    path.write_bytes(data.replace(b'"overdue"', b'"due-soon"', 1) if b'"overdue"' in data
                     else data.replace(b'"upcoming"', b'"due-soon"', 1))
    assert path.read_bytes() != data
    assert overview_cache.load(str(seeded_db), dt.date.today()) is None


def test_a_window_closed_before_the_pinyin_was_handed_over_still_saves_it(qtbot, seeded_db, monkeypatch):
    """The benchmark's and a quick user's case: the window closes while the pinyin is being prepared."""
    import time

    from mscreg.ui import workspace_loader  # the session imports it where it opens a database

    original = workspace_loader.prepare_after_load

    def slow(search, known=None):
        time.sleep(0.5)  # still preparing when the window closes
        return original(search, known)

    monkeypatch.setattr(workspace_loader, "prepare_after_load", slow)
    s = WorkspaceSession()
    try:
        with qtbot.waitSignal(s.load_finished, timeout=LONG):
            s.open(str(seeded_db))
        qtbot.waitUntil(lambda: s.preparing, timeout=LONG)
    finally:
        s.close()  # waits for the preparation, whose result never reached the snapshot
    found = overview_cache.load(str(seeded_db), dt.date.today())
    assert found is not None
    more = overview_cache.load_complete(found)
    assert more is not None and more.search.matching("aimimaituosai")


PROBE = """
import json, sys
from mscreg.ui.main_window import MainWindow
from mscreg.ui import app as app_module
original = MainWindow._show_snapshot
def spy(self, snapshot):
    original(self, snapshot)
    if snapshot.complete:
        heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'sqlmodel', 'alembic'))
        print(json.dumps({'quick': snapshot.quick, 'heavy': heavy,
                          'found': len(snapshot.search.matching('aimimaituosai') or ())}), flush=True)
MainWindow._show_snapshot = spy
sys.exit(app_module.run_app(db=sys.argv[1], quit_after_first_paint=True, startup_report=True))
"""


def test_the_saved_clocks_and_search_are_shown_before_any_orm_import(qtbot, seeded_db):
    saved(qtbot, seeded_db)
    out = subprocess.run([sys.executable, "-c", PROBE, str(seeded_db)], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    lines = [json.loads(ln) for ln in out.stdout.splitlines() if ln.startswith("{")]
    assert lines, out.stdout + out.stderr
    first = lines[0]
    assert first["quick"] and first["heavy"] == [] and first["found"] == 1
    report = lines[-1]  # the start-up report: the saved clocks first, then the full read
    assert report["complete_from_saved"] and report["complete_ms"] <= report["full_ms"]
    assert report["deadlines"] > 0


def test_the_window_uses_the_saved_clocks_and_search_until_the_full_read(qtbot, seeded_db):
    """Needs the whole window: the session, the Deadlines page, the products page's filters and the edit
    controller meet only there.  At the saved clocks the Deadlines page is filled (its review list, which
    needs the tracks' records, says it waits rather than showing an empty queue), the search box and the
    "due within" filter work, and nothing can be edited yet."""
    from mscreg.ui.main_window import MainWindow
    from mscreg.ui.window_actions import DEADLINES_PAGE

    saved(qtbot, seeded_db)
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    at_saved: list = []

    def on_snapshot(snapshot) -> None:
        if snapshot.quick and snapshot.complete and not at_saved:
            w.pages.setCurrentIndex(DEADLINES_PAGE)
            board = w.dashboard
            page = w.products_page
            page.filters.search.setText("aimimaituosai")
            searched = page.model.rowCount()
            page.filters.search.setText("")
            page.filters.due_days.setValue(3650)
            page.filters.due.setChecked(True)
            due = sorted(page.model.row_at(r).product.id for r in range(page.model.rowCount()))
            page.filters.due.setChecked(False)
            at_saved.append({"groups": board.model.group_sizes(), "review": board.review_list.isVisibleTo(board),
                             "title": board.review_title.text(),
                             "searched": searched, "editing": w.edits.controller is not None, "due": due})

    w.session.snapshot_changed.connect(on_snapshot)
    with qtbot.waitSignal(w.session.prepared, timeout=LONG):
        w.open_database(str(seeded_db))
    assert at_saved, "no snapshot from the saved clocks"
    first = at_saved[0]
    assert sum(first["groups"]) > 0 and not first["review"] and first["searched"] == 1 and not first["editing"]
    assert "waiting for the database" in first["title"]  # not an empty queue, which would say nothing to review
    w.pages.setCurrentIndex(DEADLINES_PAGE)
    assert w.dashboard.model.group_sizes() == first["groups"]
    assert w.dashboard.review_list.isVisibleTo(w.dashboard)  # the full read is in: the review list with it
    assert "not verified against a source" in w.dashboard.review_title.text()
    page = w.products_page
    page.filters.due_days.setValue(3650)
    page.filters.due.setChecked(True)
    due = sorted(page.model.row_at(r).product.id for r in range(page.model.rowCount()))
    assert first["due"] and first["due"] == due
    assert len(first["due"]) < len(w.snapshot.overviews)  # the filter filtered
    w.close_database()


def test_after_an_edit_the_list_is_saved_later_and_at_close(qtbot, session, seeded_db):
    """Writing the saved list (clocks and search keys included) costs the interpreter a few hundred
    milliseconds at 10,000 products: after an edit it waits for a pause, and closing saves what is shown."""
    from dataclasses import replace

    from mscreg.services import editing
    from mscreg.ui import workspace_session

    shown(qtbot, session, seeded_db)
    qtbot.waitUntil(lambda: overview_cache.load(str(seeded_db), dt.date.today()) is not None, timeout=LONG)
    ov = next(o for o in session.snapshot.overviews if o.product.name == "Cartistem")
    editing.update_product(session.ws, ov.product.id, replace(editing.product_draft(ov.product), name="Cartistem B"),
                           reason="renamed")
    with qtbot.waitSignal(session.snapshot_changed, timeout=LONG):
        session.refresh_changed()
    qtbot.waitUntil(lambda: not session.working, timeout=LONG)
    assert session._save_timer.isActive() and session._save_timer.interval() == workspace_session.SAVE_AFTER_EDITS_MS
    assert overview_cache.load(str(seeded_db), dt.date.today()) is None  # not written yet: the old key
    session.close()
    found = overview_cache.load(str(seeded_db), dt.date.today())
    assert found is not None and "Cartistem B" in {o.product.name for o in found.overviews}
    more = overview_cache.load_complete(found)
    assert more is not None and more.search.matching("cartistem b") == {ov.product.id}


def test_a_full_read_that_fails_takes_the_saved_clocks_and_search_away(qtbot, seeded_db, monkeypatch, tmp_path):
    """Needs the whole window: what each page keeps when the session's full read fails is the window's
    business.  The saved clocks are shown before the database is read; when that read fails, nothing
    read from the saved list stays on screen as if the database were open."""
    from ui.fake_dialogs import FakeDialogService

    from mscreg.ui import workspace_loader
    from mscreg.ui.main_window import MainWindow
    from mscreg.ui.preferences import Settings
    from mscreg.ui.window_actions import DEADLINES_PAGE

    saved(qtbot, seeded_db)

    def broken(*_args, **_kwargs):
        raise RuntimeError("the read failed")

    monkeypatch.setattr(workspace_loader, "read_overviews", broken)
    dialogs = FakeDialogService()
    w = MainWindow(Settings(str(tmp_path / "settings.ini")), dialogs)
    qtbot.addWidget(w)
    w.show()
    w.pages.setCurrentIndex(DEADLINES_PAGE)
    seen: list = []
    w.session.snapshot_changed.connect(seen.append)
    with qtbot.waitSignal(w.session.open_failed, timeout=LONG):
        w.open_database(str(seeded_db))
    assert any(s.quick and s.complete for s in seen)  # they were shown
    assert sum(w.dashboard.model.group_sizes()) == 0
    assert w.products_page.model.rowCount() == 0
    snap = w.snapshot
    assert snap is None or (snap.search is None and not snap.deadlines)
    w.close_database()


def test_a_start_from_the_saved_list_does_not_write_it_again(qtbot, session, seeded_db):
    """Read at the key it was shown under, the full read is what the file already holds: writing it again
    would only take the interpreter from the user at 10,000 products, just as work begins."""
    path = saved(qtbot, seeded_db)
    before = path.stat().st_mtime_ns, path.read_bytes()
    seen = shown(qtbot, session, seeded_db)
    assert any(s.quick and s.complete for s in seen)
    qtbot.wait(200)  # a save would have been started by now
    session.close()
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before
