"""``mscreg obligations``, ``add-obligation``, ``obligation-event`` and ``delete-obligation`` as a user runs
them: exit codes per the README, refusals in English and Chinese that change nothing, the audit trail
with its reasons, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from cli.test_cli import no_crash, run, run_json
from support import without_shipped_obligations

ADD = ("add-obligation", "--product", "Stemirac", "--jurisdiction", "JP", "--authorisation-type",
       "approval_conditional_time_limited", "--kind", "use_results_survey", "--text", "Use-results survey",
       "--text-zh", "使用成绩调查", "--due-rule", "7 years", "--owner", "RA Japan", "--reason", "approval letter")


@pytest.fixture
def seeded_db(seeded_db):
    """The seeded database without the data set's own obligations: these tests count from none."""
    return without_shipped_obligations(seeded_db)


def _add(db) -> dict:
    return run_json(*ADD, "--db", str(db))


def test_add_list_and_record_a_step_with_the_audit_trail(seeded_db):
    added = _add(seeded_db)
    assert (added["status"], added["due_earliest"], added["due_rule"]) == ("overdue", "2025-12-28", "7 years")
    listed = run_json("obligations", "--db", str(seeded_db), "--as-of", "2024-01-01")
    assert [(o["id"], o["status"], o["owner"]) for o in listed] == [(added["id"], "open", "RA Japan")]
    proc = run("obligations", "--db", str(seeded_db), "--lang", "zh_CN")
    assert proc.returncode == 0 and "使用成绩调查" in proc.stdout and "7 年" in proc.stdout
    step = run_json("obligation-event", "--db", str(seeded_db), "--obligation", str(added["id"]), "--type",
                    "submitted", "--date", "2025-11-14", "--reason", "report filed")
    assert step["obligation"]["status"] == "submitted"
    assert run_json("obligations", "--db", str(seeded_db), "--open", "--product", "stemirac")[0]["id"] == added["id"]
    rows = run_json("audit", "--db", str(seeded_db))["rows"]
    assert [(r["action"], r["entity"], r["reason"]) for r in rows[-2:]] == [
        ("create", "obligation", "approval letter"), ("create", "obligation_event", "report filed")]
    deadlines = run_json("deadlines", "--db", str(seeded_db), "--as-of", "2025-06-01")
    assert any(d["kind"] == "obligation" and d["obligation"] == added["id"] for d in deadlines)
    assert run("check", "--db", str(seeded_db)).returncode == 0


@pytest.mark.parametrize(("args", "code", "words"), [
    (("--kind", "promise"), 2, "kind"),
    (("--due-rule", "5 decades"), 2, "due_rule"),
    (("--authorisation-type", "ma_submitted"), 2, "ma_submitted"),
    (("--authorisation", "abc"), 2, "abc"),
    (("--authorisation", "999999", "--authorisation-type", ""), 4, "999999"),
])
def test_refusals_exit_with_the_readme_code_and_change_nothing(seeded_db, args, code, words):
    before = run_json("obligations", "--db", str(seeded_db))
    base = list(ADD)
    for i in range(0, len(args), 2):
        if args[i] in base:
            base[base.index(args[i]) + 1] = args[i + 1]
        else:
            base += [args[i], args[i + 1]]
    if "--authorisation" in args:  # by number only
        i = base.index("--authorisation-type")
        del base[i:i + 2]
    proc = run(*base, "--db", str(seeded_db))
    no_crash(proc)
    assert proc.returncode == code, proc.stderr
    assert words in proc.stderr
    assert run_json("obligations", "--db", str(seeded_db)) == before


def test_a_step_after_the_obligation_closed_exits_3_in_both_languages(seeded_db):
    added = _add(seeded_db)
    base = ("obligation-event", "--db", str(seeded_db), "--obligation", str(added["id"]), "--reason", "r")
    assert run(*base, "--type", "released", "--date", "2025-01-01").returncode == 0
    proc = run(*base, "--type", "submitted", "--date", "2025-02-01")
    assert proc.returncode == 3 and "already closed" in proc.stderr
    proc = run(*base, "--type", "submitted", "--date", "2025-02-01", "--lang", "zh_CN")
    assert proc.returncode == 3 and "已" in proc.stderr
    assert run("obligation-event", "--db", str(seeded_db), "--obligation", "424242", "--type", "submitted",
               "--date", "2025-01-01", "--reason", "r").returncode == 4


def test_delete_obligation_is_audited_with_its_reason(seeded_db):
    added = _add(seeded_db)
    proc = run("delete-obligation", "--db", str(seeded_db), "--obligation", str(added["id"]), "--reason", "dup")
    assert proc.returncode == 0, proc.stderr
    assert run_json("obligations", "--db", str(seeded_db)) == []
    last = run_json("audit", "--db", str(seeded_db))["rows"][-1]
    assert (last["action"], last["entity"], last["reason"]) == ("delete", "obligation", "dup")
    assert json.loads(last["changes"])["owner"] == ["RA Japan", None]
