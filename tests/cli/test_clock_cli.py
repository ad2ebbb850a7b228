"""`mscreg clock`, `mscreg deadlines` and `mscreg export --format ics` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from icalendar import Calendar


def run(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "MSCREG_DB"}
    env.update({"QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8", **(env_extra or {})})
    return subprocess.run([sys.executable, "-m", "mscreg.cli", *args], capture_output=True, text=True,
                          timeout=120, env=env)


def _cats(entry):
    """An entry's categories as words (icalendar gives one property, or a list of them)."""
    value = entry.get("categories")
    return {str(word) for prop in (value if isinstance(value, list) else [value]) for word in prop.cats}


@pytest.mark.parametrize(
    ("rule", "start", "earliest", "latest", "provisional"),
    [
        ("jp-ctl-expiry", "2018-12-28", "2025-12-28", "2025-12-28", False),
        ("cn-cta-implied-permission", "2025-01-02", "2025-04-02", "2025-04-02", False),
        ("us-bla-resubmission-class2-goal", "2024-07", "2025-01-01", "2025-01-31", False),
        ("eu-cma-expiry", "2024-02-29", "2025-02-28", "2025-02-28", False),
        ("cn-certificate-expiry", "2012", "2017-01-01", "2017-12-31", False),
    ],
)

def test_clock_json(rule, start, earliest, latest, provisional):
    out = run("clock", rule, "--start", start, "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data == {**data, "rule": rule, "start": start, "due_earliest": earliest, "due_latest": latest,
                    "provisional": provisional}
    assert data["basis"]


def test_clock_provisional_beyond_the_published_calendar():
    data = json.loads(run("clock", "cn-cta-implied-permission", "--start", "2026-12-01", "--json").stdout)
    assert data["provisional"] is True


def test_clock_list_names_every_rule_with_its_basis():
    rows = json.loads(run("clock", "--list", "--json").stdout)
    ids = {r["rule"] for r in rows}
    assert {"us-ind-effective", "cn-cta-implied-permission", "jp-ctl-expiry", "eu-sunset",
            "nz-provisional-consent-expiry"} <= ids
    assert all(r["basis"] for r in rows)


@pytest.mark.parametrize(
    ("args", "needle"),
    [(("clock", "jp-ctl", "--start", "2024"), "jp-ctl-expiry"),
     (("clock", "jp-ctl-expiry", "--start", "2024-13"), "2024-13"),
     (("clock", "jp-ctl-expiry", "--start", "13/14/2024"), "YYYY-MM-DD"),
     (("deadlines", "--as-of", "2025-13"), "--as-of")],
)
def test_clock_bad_input(args, needle, seeded_db):
    out = run(*args, "--db", str(seeded_db))
    assert out.returncode != 0 and needle in out.stderr and "Traceback" not in out.stderr


def test_deadlines_as_of_shows_stemirac_met(seeded_db):
    out = run("deadlines", "--as-of", "2025-12-01", "--all", "--json", "--db", str(seeded_db))
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    stemirac = next(r for r in rows if r["product"] == "Stemirac" and r["rule"] == "jp-ctl-expiry")
    assert (stemirac["due_earliest"], stemirac["status"], stemirac["provisional"]) == ("2025-12-28", "met", False)
    assert {"product", "jurisdiction", "rule", "due_earliest", "due_latest", "status", "provisional"} <= set(stemirac)


def test_export_ics_one_event_per_open_deadline(seeded_db, tmp_path):
    out_file = tmp_path / "deadlines.ics"
    out = run("export", "--format", "ics", "--out", str(out_file), "--as-of", "2026-11-21", "--db", str(seeded_db))
    assert out.returncode == 0, out.stderr
    events = Calendar.from_ical(out_file.read_bytes()).walk("VEVENT")
    rows = json.loads(run("deadlines", "--as-of", "2026-11-21", "--json", "--db", str(seeded_db)).stdout)
    open_rows = [r for r in rows if r["status"] in ("upcoming", "due-soon", "overdue") and not r["review"]]
    # and one per open obligation with a due date (the shipped Stemirac and Akuugo time limits)
    owed = json.loads(run("obligations", "--open", "--as-of", "2026-11-21", "--json", "--db", str(seeded_db)).stdout)
    dated = [o for o in owed if o["due_latest"] is not None]
    assert len(dated) == 2
    due = [e for e in events if "holder" not in _cats(e) and "designation" not in _cats(e)]
    assert len(due) == len(open_rows) + len(dated) and open_rows
    # Prochymal's NZ consent ran out in 2016 with nothing recorded: a track to review, not a calendar date
    review = [r for r in rows if r.get("review")]  # obligation rows have no review flag
    assert [(r["product"], r["jurisdiction"], r["rule"]) for r in review] == [
        ("Prochymal", "NZ", "nz-provisional-consent-expiry")]
    assert not [e for e in due if "Prochymal" in str(e.get("summary"))]
    # the rest is history: every dated holder change and every designation known on the day, once each
    holders = json.loads(run("holders", "--as-of", "2026-11-21", "--json", "--db", str(seeded_db)).stdout)
    dated_transfers = {t["id"] for p in holders for t in p["transfers"] if t["date"]}
    history = [e for e in events if e not in due]
    assert {str(e["uid"]) for e in history if "holder" in _cats(e)} == {
        f"mscreg-holder-{i}@mscreg" for i in dated_transfers}
    designations = [e for e in history if "designation" in _cats(e)]
    assert designations and all(str(e["status"]) == "CONFIRMED" and not e.walk("VALARM") for e in history)
    summary = json.loads(run("export", "--format", "ics", "--out", str(out_file), "--as-of", "2026-11-21",
                             "--json", "--db", str(seeded_db)).stdout)
    assert (summary["events"], summary["designations"], summary["holder_transfers"]) == (
        len(events), len(designations), len(dated_transfers))


def test_export_to_a_missing_folder_is_refused_without_a_file(seeded_db, tmp_path):
    target = tmp_path / "nope" / "x.ics"
    out = run("export", "--format", "ics", "--out", str(target), "--db", str(seeded_db))
    assert out.returncode != 0 and str(target) in out.stderr
    assert not target.exists()
