"""Planned and actual events: a future date is a plan or a typo, never today's state.

An actual event dated after today is refused (command line, import), with the way to record it as
planned; a plan is recorded, listed marked, carried by every exchange format and the calendar, and
turned into the actual event by one audited change.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mscreg.domain.event import EventDraft
from mscreg.domain.track import TrackDraft

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    """Every test here that opens a database runs on SQLite and on PostgreSQL (the shared fixtures
    give both only to the storage, services and command-line folders)."""
    return request.param
US = ("--product", "Ryoncil", "--jurisdiction", "US")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MSCREG_DB", "MSCREG_LANG", "LC_ALL", "LC_MESSAGES")}
    env.update(LANG="C.UTF-8", QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mscreg.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, cwd=ROOT, timeout=120, check=False)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def ryoncil_us(db: str) -> list[str]:
    products = json.loads(run("products", "--db", db, "--json").stdout)
    ryoncil = next(p for p in products if p["name"] == "Ryoncil")
    return [t["state"] for t in ryoncil["tracks"] if t["jurisdiction"] == "US" and t["pathway"] == "marketing"]


def last_audit(db: str) -> dict[str, Any]:
    from conftest import run_sql

    (row,) = run_sql(db, "SELECT action, entity, changes, reason FROM audit_log ORDER BY id DESC LIMIT 1")[0]
    return {"action": row[0], "entity": row[1], "changes": json.loads(row[2]), "reason": row[3]}


# ----- the command line -------------------------------------------------------------------------------------


def test_an_actual_event_after_today_is_refused_and_offered_as_planned(seeded_db, dump):
    db = str(seeded_db)
    before = dump(seeded_db)
    proc = run("add-event", "--db", db, *US, "--type", "ma_withdrawn", "--date", "2030-01-05", "--reason", "typo")
    assert proc.returncode == 2
    assert "2030-01-05" in proc.stderr and "--planned" in proc.stderr
    assert dump(seeded_db) == before
    # a quarter is how plans are dated, never an actual event
    proc = run("add-event", "--db", db, *US, "--type", "ma_withdrawn", "--date", "2025-Q2", "--reason", "typo")
    assert proc.returncode == 2 and "--planned" in proc.stderr
    assert dump(seeded_db) == before


def test_a_planned_event_is_recorded_listed_and_changes_no_state(seeded_db):
    db = str(seeded_db)
    state = ryoncil_us(db)
    proc = run("add-event", "--db", db, *US, "--type", "ma_withdrawn", "--date", "2030-01-05", "--planned",
               "--reason", "withdrawal planned")
    assert proc.returncode == 0, proc.stderr
    assert "planned" in proc.stdout and "is now" not in proc.stdout
    assert ryoncil_us(db) == state == ["AUTHORISED_FULL"]
    quarter = run("add-event", "--db", db, *US, "--type", "ma_withdrawn", "--date", "2031-Q2", "--planned",
                  "--reason", "plan", "--json")
    assert quarter.returncode == 0, quarter.stderr
    assert json.loads(quarter.stdout)["event"]["planned"] is True
    events = json.loads(run("events", "--db", db, "--product", "Ryoncil", "--json").stdout)
    plans = [(e["type"], e["date"], e["precision"]) for e in events if e["planned"]]
    assert plans == [("ma_withdrawn", "2030-01-05", "day"), ("ma_withdrawn", "2031-Q2", "quarter")]
    assert "(planned)" in run("events", "--db", db, "--product", "Ryoncil").stdout
    assert "planned:" in run("products", "--db", db).stdout
    # as of a day after the plan, the state is still today's: a plan never happens by itself
    later = json.loads(run("products", "--db", db, "--json", "--as-of", "2032-01-01").stdout)
    ryoncil = next(p for p in later if p["name"] == "Ryoncil")
    assert "WITHDRAWN" not in {t["state"] for t in ryoncil["tracks"]}


def test_mark_happened_turns_the_plan_into_the_actual_event_in_one_audited_change(seeded_db, dump):
    db = str(seeded_db)
    made = run("add-event", "--db", db, "--product", "Ryoncil", "--jurisdiction", "US", "--pathway", "clinical",
               "--indication", "paediatric SR-aGVHD", "--new-track", "--type", "ind_submitted", "--date", "2027-Q2",
               "--planned", "--reason", "plan", "--json")
    assert made.returncode == 0, made.stderr
    event_id = str(json.loads(made.stdout)["event"]["id"])
    before = dump(seeded_db)
    for date, code in (("2030-01-05", 2), ("2026-Q1", 2), ("", 2)):
        refused = run("mark-happened", "--db", db, "--event", event_id, "--date", date, "--reason", "done")
        assert refused.returncode == code, (date, refused.stderr)
    assert run("mark-happened", "--db", db, "--event", "999999", "--date", "2016-03",
               "--reason", "done").returncode == 4
    assert dump(seeded_db) == before
    done = run("mark-happened", "--db", db, "--event", event_id, "--date", "2016-03", "--reason", "IND filed")
    assert done.returncode == 0, done.stderr
    assert "2016-03" in done.stdout and "2027-Q2" in done.stdout
    audit = last_audit(db)
    assert (audit["action"], audit["entity"], audit["reason"]) == ("update", "event", "IND filed")
    assert audit["changes"]["planned"] == [True, None]
    assert audit["changes"]["date"] == ["2027-Q2", "2016-03"]
    assert set(audit["changes"]) == {"date", "planned"}
    again = run("mark-happened", "--db", db, "--event", event_id, "--date", "2016-04", "--reason", "again")
    assert again.returncode == 2


def test_mark_happened_is_refused_when_the_log_would_not_replay(seeded_db, dump):
    db = str(seeded_db)
    made = run("add-event", "--db", db, *US, "--type", "approval_full", "--date", "2028", "--planned",
               "--reason", "plan", "--json")
    assert made.returncode == 0, made.stderr
    event_id = str(json.loads(made.stdout)["event"]["id"])
    before = dump(seeded_db)
    refused = run("mark-happened", "--db", db, "--event", event_id, "--date", "2010-01-01", "--reason", "x")
    assert refused.returncode == 3, refused.stderr
    assert dump(seeded_db) == before


# ----- exchange ---------------------------------------------------------------------------------------------


def _plans(ws) -> None:
    from mscreg.services.tracker import record_event

    for etype, date in (("ma_withdrawn", "2031-Q2"), ("renewal_application_submitted", "2030-01-05")):
        record_event(ws, product="Ryoncil", track=TrackDraft("US", "", "marketing"),
                     draft=EventDraft(etype, date, planned=True), reason="plan")


def _events(ws) -> set[tuple[str, str, str | None, bool]]:
    from mscreg.services.tracker import list_events

    return {(v.product.name, v.event.type, v.event.date.iso() if v.event.date else None, v.event.planned)
            for v in list_events(ws)}


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_plans_round_trip_through_every_format(workspace, tmp_path, fmt):
    from mscreg.services.exchange.exporting import export_database
    from mscreg.services.exchange.importing import import_file
    from mscreg.services.workspace import init_database

    _plans(workspace)
    out = tmp_path / f"export.{fmt}"
    export_database(workspace, fmt, out)
    fresh = init_database(str(tmp_path / "fresh.sqlite"), empty=True)
    try:
        import_file(fresh, out)
        assert _events(fresh) == _events(workspace)
        assert {(t, d) for _, t, d, planned in _events(fresh) if planned} == {
            ("ma_withdrawn", "2031-Q2"), ("renewal_application_submitted", "2030-01-05")}
        again = import_file(fresh, out)
        assert not again.changes_anything
    finally:
        fresh.close()
    assert not import_file(workspace, out).changes_anything


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)


def test_the_planned_column_is_true_or_false_and_an_actual_future_row_is_refused(workspace, seeded_db, tmp_path,
                                                                                 dump):
    from mscreg.services.exchange.exporting import export_database
    from mscreg.services.exchange.importing import import_file
    from mscreg.services.exchange.records import ImportRefused

    out = tmp_path / "e.csv"
    export_database(workspace, "csv", out)
    rows = _csv_rows(out)
    header = rows[0]
    col = {name: i for i, name in enumerate(header)}
    assert "planned" in col
    before = dump(seeded_db)
    future = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    for value, date, precision, field, code in (
            ("maybe", None, None, "planned", "choice.unknown"),
            ("false", future, "day", "date", "import.future_actual"),
            ("false", "2024-Q1", "quarter", "date", "import.quarter_actual")):
        bad = [list(r) for r in rows]
        target = next(r for r in bad[1:]
                      if r[col["type"]] == "advisory_committee_positive" and r[col["product"]] == "Ryoncil")
        target[col["planned"]] = value
        if date:
            target[col["date"]], target[col["date_precision"]] = date, precision
        _write_csv(out, bad)
        with pytest.raises(ImportRefused) as refused:
            import_file(workspace, out)
        issue = refused.value.issues[0]
        assert (issue.problem.field, issue.problem.code) == (field, code)
        assert issue.row == bad.index(target) + 1 and issue.column.endswith(f"({field})")
        if code != "choice.unknown":
            assert "planned" in issue.message("en") and "planned" in issue.message("zh_CN")
        assert dump(seeded_db) == before
    # the same future row, marked as a plan, is accepted
    target[col["planned"]] = "true"
    _write_csv(out, bad)
    assert import_file(workspace, out).counts()["events"]["created"] == 1


def test_a_file_without_the_planned_column_keeps_each_events_recorded_flag(workspace, tmp_path):
    from mscreg.services.exchange.exporting import export_database
    from mscreg.services.exchange.importing import import_file

    _plans(workspace)
    out = tmp_path / "e.csv"
    export_database(workspace, "csv", out)
    rows = _csv_rows(out)
    drop = rows[0].index("planned")
    _write_csv(out, [r[:drop] + r[drop + 1:] for r in rows])
    assert not import_file(workspace, out).changes_anything
    assert sum(1 for *_, planned in _events(workspace) if planned) == 2


def test_the_calendar_has_the_planned_items(workspace, tmp_path):
    from mscreg.services.calendar_export import export_ics

    _plans(workspace)
    out = tmp_path / "plan.ics"
    export_ics(workspace, out, dt.date(2026, 12, 5))
    text = out.read_text(encoding="utf-8").replace("\r\n ", "")
    assert "planned: Market authorisation withdrawn" in text or "planned:" in text
    assert "DTSTART;VALUE=DATE:20310401" in text and "DTEND;VALUE=DATE:20310701" in text
    assert "DTSTART;VALUE=DATE:20300105" in text
    assert text.count("STATUS:TENTATIVE") == 2


# ----- timelines --------------------------------------------------------------------------------------------


def test_a_timeline_draws_the_plan_as_a_plan_and_the_state_without_it():
    from mscreg.domain.event_types import Pathway
    from mscreg.domain.product import Product
    from mscreg.domain.timeline_layout import product_layout
    from mscreg.domain.track import Track, TrackLog

    product = Product(id=1, name="Testcel")
    track = Track(2, 1, "Testcel", "US", "x", Pathway.MARKETING)
    events = (EventDraft("ma_submitted", "2024-03-01").to_event(id=1, track_id=2),
              EventDraft("approval_full", "2027-Q2", planned=True).to_event(id=2, track_id=2))
    layout = product_layout(product, [TrackLog(product, track, events)], dt.date(2026, 12, 5))
    (lane,) = layout.lanes
    plan = next(m for m in lane.events if m.event_id == 2)
    assert plan.planned and plan.date.iso() == "2027-Q2" and "planned" in plan.label
    assert not next(m for m in lane.events if m.event_id == 1).planned
    assert lane.state_label == "Marketing application submitted"  # the plan to approve changes nothing
    assert layout.end >= dt.date(2027, 6, 30)


def test_the_calendar_export_says_how_many_plans_it_holds(seeded_db, tmp_path):
    db = str(seeded_db)
    assert run("add-event", "--db", db, *US, "--type", "ma_withdrawn", "--date", "2031-Q2", "--planned",
               "--reason", "plan").returncode == 0
    proc = run("export", "--db", db, "--format", "ics", "--out", str(tmp_path / "c.ics"), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["planned"] == 1
    text = run("export", "--db", db, "--format", "ics", "--out", str(tmp_path / "d.ics")).stdout
    assert "1 planned event," in text


def test_the_product_timeline_read_from_the_database_draws_its_plans(workspace):
    from mscreg.services.timeline_data import product_timeline

    _plans(workspace)
    layout = product_timeline(workspace, "Ryoncil", dt.date(2026, 12, 5))
    plans = [m for lane in layout.lanes for m in lane.events if m.planned]
    assert {m.date.iso() for m in plans} == {"2031-Q2", "2030-01-05"}
    assert layout.end >= dt.date(2031, 6, 30)  # the axis reaches the latest plan (2031-Q2 ends in June)
