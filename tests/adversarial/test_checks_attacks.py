"""Attacks on ``mscreg check`` and ``mscreg audit`` (reliability review 2): derived columns edited outside
mscreg (``product_aliases.alias_folded``, the event date columns), and an audit trail whose records
disagree with it.

Each test failed on the code before the change it guards.
"""

from __future__ import annotations

import json
import sqlite3

import pytest
from support import db_arg, refused, run

BOTH = pytest.mark.parametrize("backend", ["sqlite", "postgresql"], indirect=True)




# ==================================================================================================
# checks: derived columns and the trail


@BOTH
def test_an_alias_folded_to_another_products_name_fails_check_and_cannot_redirect_an_event(seeded_db, sql, dump):
    """Before: ``check`` passed, and ``add-event --product Stemirac`` wrote the event to Ryoncil."""
    alias_id = sql(seeded_db, "SELECT a.id FROM product_aliases a JOIN products p ON p.id = a.product_id "
                              "WHERE p.name = 'Ryoncil' ORDER BY a.id")[0][0][0]
    sql(seeded_db, f"UPDATE product_aliases SET alias_folded = 'stemirac' WHERE id = {alias_id}")
    proc = run("--db", db_arg(seeded_db), "check")
    err = refused(proc, 7, f"product_aliases #{alias_id} (Ryoncil): alias_folded holds “stemirac”",
                  "“remestemcel-l-rknd”")
    assert "changed outside mscreg" in err
    report = json.loads(run("--db", db_arg(seeded_db), "check", "--json").stdout)
    assert report["ok"] is False and report["derived"] == [
        {"table": "product_aliases", "id": alias_id, "product": "Ryoncil", "column": "alias_folded",
         "stored": "stemirac", "expected": "remestemcel-l-rknd"}]
    refused(run("--db", db_arg(seeded_db), "--lang", "zh_CN", "check"), 7, "第 ", "存为“stemirac”")
    before = dump(seeded_db)
    add = run("--db", db_arg(seeded_db), "add-event", "--product", "Stemirac", "--jurisdiction", "JP",
              "--type", "approval_full", "--date", "2026-03", "--reason", "MHLW approval notice")
    refused(add, 5, "names more than one product (Ryoncil, Stemirac)")
    assert dump(seeded_db) == before


def test_the_event_date_columns_are_recomputed_and_a_broken_day_does_not_crash_check(seeded_db):
    con = sqlite3.connect(seeded_db)
    rows = con.execute("SELECT e.id, p.name, e.date_text FROM events e JOIN tracks t ON t.id = e.track_id "
                       "JOIN products p ON p.id = t.product_id WHERE length(e.date_text) = 10 ORDER BY e.id "
                       "LIMIT 3").fetchall()
    (a, name_a, day_a), (b, name_b, _), (c, _, _) = rows
    con.execute(f"UPDATE events SET date_earliest = 'garbage' WHERE id = {a}")
    con.execute(f"UPDATE events SET date_latest = '1999-01-01', date_precision = 'year' WHERE id = {b}")
    con.execute(f"UPDATE events SET date_text = 'soon' WHERE id = {c}")
    con.commit()
    con.close()
    proc = run("--db", str(seeded_db), "check", "--json")
    assert proc.returncode == 7 and "Traceback" not in proc.stderr, proc.stderr
    found = {(d["id"], d["column"]): d for d in json.loads(proc.stdout)["derived"]}
    assert found[(a, "date_earliest")] == {"table": "events", "id": a, "product": name_a, "column": "date_earliest",
                                           "stored": "garbage", "expected": day_a}
    assert found[(b, "date_latest")]["stored"] == "1999-01-01"
    assert found[(b, "date_precision")]["product"] == name_b and found[(b, "date_precision")]["expected"] == "day"
    assert found[(c, "date_text")]["stored"] == "soon"
    text = run("--db", str(seeded_db), "check")
    refused(text, 7, f"events #{a} ({name_a}): date_earliest holds “garbage”")


def test_the_windows_verify_reports_derived_columns_as_check_does(seeded_db):
    from mscreg.services.audit_trail import verify
    from mscreg.services.workspace import open_workspace

    con = sqlite3.connect(seeded_db)
    con.execute("UPDATE product_aliases SET alias_folded = 'x' WHERE id = 1")
    con.commit()
    con.close()
    with open_workspace(str(seeded_db)) as ws:
        report = verify(ws)
    assert not report.ok
    assert "product_aliases #1" in report.summary("en") and "alias_folded" in report.summary("zh_CN")


@BOTH
def test_audit_exits_7_when_the_records_disagree_with_the_trail(seeded_db, sql):
    """Before: ``audit`` printed the trail and exited 0 while ``check`` exited 7."""
    sql(seeded_db, "UPDATE events SET note = 'forged' WHERE id = 4")
    proc = run("--db", db_arg(seeded_db), "audit")
    refused(proc, 7, "the audit trail and the records disagree", "event #4")
    as_json = run("--db", db_arg(seeded_db), "audit", "--json")
    assert as_json.returncode == 7 and json.loads(as_json.stdout)["chain_ok"] is False
    refused(run("--db", db_arg(seeded_db), "--lang", "zh_CN", "audit"), 7, "审计追踪与数据不一致")
    assert run("--db", db_arg(seeded_db), "check").returncode == 7


def test_a_day_that_is_not_a_day_does_not_stop_changes_to_its_track(seeded_db):
    """An event's first day edited into text (SQLite keeps any): before, adding, editing or deleting an
    event on that track ended in a traceback while the rows were loaded."""
    from mscreg.domain.event import EventDraft
    from mscreg.services import tracker
    from mscreg.services.workspace import open_workspace

    con = sqlite3.connect(seeded_db)
    track, first = con.execute("SELECT e.track_id, min(e.id) FROM events e JOIN tracks t ON t.id = e.track_id "
                               "JOIN products p ON p.id = t.product_id WHERE p.name = 'Stemirac'").fetchone()
    con.execute(f"UPDATE events SET date_earliest = 'garbage' WHERE track_id = {track}")
    con.commit()
    con.close()
    add = run("--db", str(seeded_db), "add-event", "--product", "Stemirac", "--jurisdiction", "JP", "--type",
              "approval_full", "--date", "2026-03", "--reason", "MHLW approval notice")
    assert add.returncode == 0 and "Traceback" not in add.stderr, add.stderr
    with open_workspace(str(seeded_db)) as ws:
        event = next(e for e in tracker.list_events(ws, product="Stemirac") if e.event.id == first).event
        draft = EventDraft(type=event.type, date=event.date.iso() if event.date else None, agency=event.agency,
                           reference=event.reference, source=event.source, confidence=str(event.confidence),
                           note="re-saved", attributes=dict(event.attributes))
        tracker.update_event(ws, first, draft, reason="re-save")
    fixed = sqlite3.connect(seeded_db)
    try:  # the re-save wrote the days again from the date
        assert fixed.execute(f"SELECT date_earliest, note FROM events WHERE id = {first}").fetchone() == (
            event.date.earliest.isoformat(), "re-saved")
    finally:
        fixed.close()
