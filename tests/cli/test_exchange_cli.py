"""``mscreg export`` and ``mscreg import`` as a user runs them: exit codes, the one-line summary, the
error report with rows and columns, and a database that a refused import leaves untouched."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import pytest


def run(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MSCREG_DB"}
    env.update({"QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"})
    return subprocess.run([sys.executable, "-m", "mscreg.cli", *args, "--lang", lang], capture_output=True,
                          text=True, timeout=120, env=env)


@pytest.fixture
def empty_db(request, backend, tmp_path):
    """An empty database on the test's backend (a file path or a PostgreSQL URL)."""
    if backend == "postgresql":
        server = request.getfixturevalue("pg_server")
        name = server.create()
        url = server.url_for(name)
        assert run("init", "--empty", "--db", url).returncode == 0
        yield url
        server.drop(name)
    else:
        path = tmp_path / "empty.sqlite"
        assert run("init", "--empty", "--db", str(path)).returncode == 0
        yield str(path)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_then_import_into_an_empty_database(seeded_db, empty_db, tmp_path, fmt):
    out = tmp_path / f"all.{fmt}"
    done = run("export", "--format", fmt, "--out", str(out), "--db", str(seeded_db))
    assert done.returncode == 0, done.stderr
    said = done.stdout.strip().splitlines()
    assert said[0] == f"Exported 15 products, 24 tracks, 75 events to {out}"
    # a CSV holds one table: the obligations and the trials go beside it
    obligations_file, trials_file = out.with_name("all-obligations.csv"), out.with_name("all-trials.csv")
    assert said[1:] == ([f"The obligations are in {obligations_file}; import it after the file above.",
                         f"The clinical trials are in {trials_file}; import it after the file above."]
                        if fmt == "csv" else [])
    done = run("import", str(out), "--db", empty_db)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1 and "events: 75 created, 0 changed, 0 unchanged" in lines[0]
    if fmt == "csv":
        assert run("import", str(obligations_file), "--db", empty_db).returncode == 0
        assert run("import", str(trials_file), "--db", empty_db).returncode == 0
    again = run("import", str(out), "--db", empty_db, "--json")
    assert json.loads(again.stdout)["events"] == {"created": 0, "changed": 0, "unchanged": 75}
    assert run("check", "--db", empty_db).returncode == 0
    trials = [json.loads(run("trials", "--json", "--db", db).stdout) for db in (str(seeded_db), empty_db)]
    assert len(trials[0]) == 5 and trials[0] == trials[1]
    owed = [json.loads(run("obligations", "--json", "--db", db).stdout) for db in (str(seeded_db), empty_db)]
    assert [len(o) for o in owed] == [6, 6]
    a = json.loads(run("events", "--json", "--db", str(seeded_db)).stdout)
    b = json.loads(run("events", "--json", "--db", empty_db).stdout)
    assert [{k: v for k, v in e.items() if k != "id"} for e in a] == [{k: v for k, v in e.items() if k != "id"}
                                                                         for e in b]


def test_dry_run_says_what_would_change_and_writes_nothing(seeded_db, tmp_path, dump):
    out = tmp_path / "e.csv"
    run("export", "--format", "csv", "--out", str(out), "--db", str(seeded_db))
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(keepends=True)))
    rows[1][rows[0].index("note")] += " (checked)"
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    before = dump(seeded_db)
    done = run("import", str(out), "--dry-run", "--db", str(seeded_db))
    assert done.returncode == 0, done.stderr
    assert "would import" in done.stdout and "events: 0 created, 1 changed, 74 unchanged" in done.stdout
    assert "dry run, nothing written" in done.stdout
    assert dump(seeded_db) == before


@pytest.mark.parametrize(("lang", "record", "field"), [("en", "track", "indication_zh"),
                                                      ("zh_CN", "申报路径", "适应症中文名")])
def test_dry_run_names_a_track_whose_chinese_indication_would_change(seeded_db, tmp_path, dump, lang, record,
                                                                      field):
    out = tmp_path / "e.csv"
    run("export", "--format", "csv", "--out", str(out), "--db", str(seeded_db))
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(keepends=True)))
    header = rows[0]
    key = [header.index(c) for c in ("product", "jurisdiction", "indication", "pathway")]
    first = [rows[1][i] for i in key]
    for row in rows[1:]:  # every row of the track repeats its Chinese indication
        if [row[i] for i in key] == first:
            row[header.index("indication_zh")] = "改过的适应症"
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    before = dump(seeded_db)
    done = run("import", str(out), "--dry-run", "--db", str(seeded_db), lang=lang)
    assert done.returncode == 0 and done.stderr == ""
    change = done.stdout.strip().splitlines()[-1]
    assert f" {record} {first[1]} / " in change and field in change and "“改过的适应症”" in change
    assert dump(seeded_db) == before


def test_a_refused_import_prints_every_error_and_changes_nothing(seeded_db, tmp_path, dump):
    out = tmp_path / "bad.csv"
    run("export", "--format", "csv", "--out", str(out), "--db", str(seeded_db))
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(keepends=True)))
    header = rows[0]
    rows[3][header.index("date")] = "2024-02-30"
    rows[9][header.index("jurisdiction")] = "XX"
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    before = dump(seeded_db)
    done = run("import", str(out), "--db", str(seeded_db))
    assert done.returncode == 2 and done.stdout == ""
    err = done.stderr.strip().splitlines()
    assert err[0] == "Import refused, nothing was written: 2 errors."
    assert err[1].startswith("bad.csv, row 4, column R (date): date “2024-02-30”: that month has only 29 days")
    assert err[2].startswith("bad.csv, row 10, column M (jurisdiction): jurisdiction “XX” is not a known")
    assert dump(seeded_db) == before
    zh = run("import", str(out), "--db", str(seeded_db), lang="zh_CN")
    assert zh.returncode == 2 and "导入被拒绝" in zh.stderr and "第 4 行" in zh.stderr and "该月只有 29 天" in zh.stderr
    js = run("import", str(out), "--db", str(seeded_db), "--json")
    report = json.loads(js.stdout)
    assert js.returncode == 2 and report["ok"] is False
    assert [(e["row"], e["column"], e["value"], e["code"]) for e in report["errors"]] == [
        (4, "R (date)", "2024-02-30", "date.day_range"), (10, "M (jurisdiction)", "XX", "jurisdiction.unknown")]


def test_audit_trail_export(seeded_db, tmp_path):
    out = tmp_path / "audit.csv"
    done = run("export", "--format", "csv", "--audit", "--out", str(out), "--db", str(seeded_db))
    # 15 products, 24 tracks, 75 events, 6 obligations and their 3 steps, 10 transfers, 5 trials
    assert done.returncode == 0 and "138 audit rows" in done.stdout
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines(keepends=True)))
    assert len(rows) == 138 and rows[0]["reason"] == "seed data set 2026.12.4"
    refused = run("import", str(out), "--db", str(seeded_db))
    assert refused.returncode == 2 and "audit-trail export" in refused.stderr


def test_ics_export_still_works_from_its_new_home(seeded_db, tmp_path):
    out = tmp_path / "d.ics"
    done = run("export", "--format", "ics", "--out", str(out), "--as-of", "2026-11-21", "--db", str(seeded_db))
    assert done.returncode == 0, done.stderr
    assert out.read_text().startswith("BEGIN:VCALENDAR")


def test_export_to_a_missing_folder_and_import_of_a_missing_file(seeded_db, tmp_path):
    done = run("export", "--format", "xlsx", "--out", str(tmp_path / "nope" / "x.xlsx"), "--db", str(seeded_db))
    assert done.returncode == 2 and "nope" in done.stderr
    assert not (tmp_path / "nope").exists()
    done = run("import", str(tmp_path / "absent.csv"), "--db", str(seeded_db))
    assert done.returncode == 2 and "absent.csv" in done.stderr


def test_export_leaves_no_temporary_files(seeded_db, tmp_path):
    for fmt in ("csv", "xlsx", "json"):
        assert run("export", "--format", fmt, "--out", str(tmp_path / f"a.{fmt}"), "--db", str(seeded_db)
                   ).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".csv", ".xlsx", ".json")) == \
        ["a-obligations.csv", "a-trials.csv", "a.csv", "a.json", "a.xlsx"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".mscreg-")]


def test_import_help_names_the_formats():
    done = subprocess.run([sys.executable, "-m", "mscreg.cli", "import", "--help"], capture_output=True, text=True,
                          timeout=60)
    assert "--dry-run" in done.stdout and "csv, xlsx or json" in done.stdout
