"""The command line finds what a user names the way they name it, and says what it did not find.

A user types part of a name, its pinyin or a typo; asks for event types and jurisdiction codes
without knowing them; reads deadlines in words; leaves out an option; pipes ``--json`` into a
script that must see refusals too.  Each test names the way the command line used to fail.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from mscreg.cli.main import main


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run ``mscreg ARGS`` in this process: (exit code, stdout, stderr)."""
    monkeypatch.delenv("MSCREG_DB", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("MSCREG_LANG", raising=False)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        got = capsys.readouterr()
        return code, got.out, got.err

    return run


# ----- every --product takes a partial, pinyin or initials match --------------------------------------
@pytest.mark.parametrize("name", ["艾米迈托赛", "艾米", "aimimaituosai", "AimiMaituosai", "amimestro"])
def test_events_product_finds_amimestrocel_by_part_or_pinyin(cli, seeded_db, name):
    code, out, err = cli("events", "--db", str(seeded_db), "--product", name, "--json")
    assert code == 0, err  # was exit 4: only the whole name 艾米迈托赛注射液 was found
    assert {e["product"] for e in json.loads(out)} == {"Amimestrocel Injection"}


def test_search_finds_by_part_pinyin_and_initials(cli, seeded_db):
    for text in ("艾米", "aimimaituosai", "ammts"):
        code, out, err = cli("search", "--db", str(seeded_db), text, "--json")
        assert code == 0, err
        found = json.loads(out)
        assert [p["name"] for p in found["products"]] == ["Amimestrocel Injection"], text
        assert found["products"][0]["jurisdictions"] == ["CN"]
    code, out, _ = cli("search", "--db", str(seeded_db), "艾米")
    assert "Amimestrocel Injection / 艾米迈托赛注射液" in out and "CN" in out


def test_a_missed_product_suggests_the_closest_name_with_exit_4(cli, seeded_db, dump):
    before = dump(seeded_db)
    code, out, err = cli("events", "--db", str(seeded_db), "--product", "rycil")
    assert code == 4 and "rycil" in err and "Ryoncil" in err  # was: no suggestion
    code, out, _ = cli("add-event", "--db", str(seeded_db), "--product", "rycil", "--jurisdiction", "US",
                       "--type", "approval_full", "--date", "2025-01-01", "--reason", "x", "--json")
    error = json.loads(out)["error"]
    assert code == 4 and error["field"] == "product" and error["value"] == "rycil" and "Ryoncil" in error["message"]
    code, out, err = cli("search", "--db", str(seeded_db), "rycil")
    assert code == 0 and "Ryoncil" in out
    assert dump(seeded_db) == before


def test_an_ambiguous_partial_name_lists_the_candidates_with_exit_2(cli, seeded_db, dump):
    before = dump(seeded_db)
    code, _, err = cli("add-event", "--db", str(seeded_db), "--product", "meso", "--jurisdiction", "US",
                       "--type", "approval_full", "--date", "2025-01-01", "--reason", "x")
    assert code == 2 and "Ryoncil" in err and "Prochymal" in err
    assert dump(seeded_db) == before


def test_a_unique_partial_name_records_on_that_product(cli, seeded_db):
    code, out, err = cli("add-event", "--db", str(seeded_db), "--product", "aimimaituosai", "--jurisdiction", "CN",
                         "--type", "agency_feedback", "--date", "2025-07-01", "--reason", "meeting minutes",
                         "--json")
    assert code == 0, err
    assert json.loads(out)["event"]["product"] == "Amimestrocel Injection"


# ----- types and jurisdictions are discoverable ----------------------------------------------------
def test_types_lists_codes_with_names_in_the_chosen_language(cli, seeded_db):
    code, out, err = cli("types", "--jurisdiction", "cn", "--pathway", "clinical", "--json")
    assert code == 0, err  # was: no such command
    codes = {t["type"] for t in json.loads(out)}
    assert "cta_implied_permission" in codes and "ind_effective" not in codes and "approval_full" not in codes
    code, out, _ = cli("types", "--lang", "zh_CN", "--jurisdiction", "CN")
    assert code == 0 and "默示许可" in out and "临床" in out


def test_jurisdictions_lists_codes_with_names(cli):
    code, out, _ = cli("jurisdictions", "--lang", "zh_CN")
    assert code == 0 and "NZ  新西兰" in out and "ZZ  未注明" in out
    code, out, _ = cli("jurisdictions", "--json")
    assert {"code": "IR", "name": "Iran"}.items() <= json.loads(out)[8].items()


# ----- deadlines in words, open ones only, month precision ----------------------------------------
def test_deadlines_say_what_each_clock_is_and_hide_settled_ones(cli, seeded_db):
    code, out, err = cli("deadlines", "--db", str(seeded_db), "--as-of", "2026-06-30")
    assert code == 0, err
    assert "nz-provisional-consent-expiry" not in out  # was the rule id
    assert "Provisional consent valid 2 years" in out
    # met clocks were listed by default; Stemirac's open obligation (filed, not yet decided) is still listed
    assert " met " not in out
    assert all("Use-results survey" in line for line in out.splitlines() if "Stemirac" in line)
    assert "--all" in out
    code, out, _ = cli("deadlines", "--db", str(seeded_db), "--as-of", "2026-06-30", "--all")
    assert "Stemirac" in out and "met" in out


def test_deadlines_as_of_a_month_means_its_last_day(cli, seeded_db):
    code, month, err = cli("deadlines", "--db", str(seeded_db), "--as-of", "2026-06", "--json")
    assert code == 0, err  # was refused: "a full date to the day is needed"
    code, day, _ = cli("deadlines", "--db", str(seeded_db), "--as-of", "2026-06-30", "--json")
    assert json.loads(month) == json.loads(day)


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_as_of_is_refused_not_taken_for_today(cli, seeded_db, value):
    code, _, err = cli("deadlines", "--db", str(seeded_db), "--as-of", value)
    assert code == 2 and "--as-of" in err  # was: today's deadlines
    code, _, err = cli("products", "--db", str(seeded_db), "--as-of", value)
    assert code == 2 and "--as-of" in err


def test_a_bad_as_of_names_the_option_and_only_formats_it_takes(cli, seeded_db):
    code, _, err = cli("deadlines", "--db", str(seeded_db), "--as-of", "abc")
    assert code == 2 and "--as-of" in err and "as_of" not in err
    # every format the message suggests is then accepted (YYYY was suggested, then refused)
    for example in ("2026-06-30", "2026-06", "2026"):
        assert example in err
        assert cli("deadlines", "--db", str(seeded_db), "--as-of", example)[0] == 0


# ----- refusals that say which option, and what was not found ---------------------------------------
def test_clock_without_start_says_the_option_is_missing(cli):
    code, _, err = cli("clock", "jp-ctl-expiry")
    assert code == 2 and "--start" in err and "“”" not in err  # was: start “” is not a date


def test_a_missing_required_option_is_named_in_chinese_and_as_json(cli):
    code, out, err = cli("delete-event", "--reason", "x", "--lang", "zh_CN")
    assert code == 2 and "--event" in err and "缺少" in err
    code, out, _ = cli("delete-event", "--reason", "x", "--json")
    assert code == 2 and json.loads(out)["error"]["code"] == "option.required"


def test_events_with_no_match_say_so(cli, seeded_db):
    code, out, _ = cli("events", "--db", str(seeded_db), "--product", "Ryoncil", "--jurisdiction", "CN")
    assert code == 0 and "No events match" in out and "--jurisdiction CN" in out  # was: nothing at all
    code, out, _ = cli("events", "--db", str(seeded_db), "--product", "Ryoncil", "--jurisdiction", "CN", "--json")
    assert code == 0 and json.loads(out) == []


@pytest.mark.parametrize("args", [
    ("events", "--product", "no such thing"),
    ("deadlines", "--as-of", "2026-13"),
    ("products", "--as-of", ""),
    ("types", "--jurisdiction", "XX"),
    ("delete-event", "--event", "999999", "--reason", "x"),
    ("search", " "),
])
def test_json_refusals_are_json_on_stdout_with_the_exit_code(cli, seeded_db, args):
    code, plain_out, plain_err = cli(*args, "--db", str(seeded_db))
    assert code != 0 and plain_err and not plain_out
    json_code, out, _ = cli(*args, "--db", str(seeded_db), "--json")
    assert json_code == code
    error = json.loads(out)["error"]  # was: nothing on stdout
    assert set(error) >= {"code", "field", "value", "message"} and error["message"] == plain_err.strip()


def test_a_missing_database_suggests_the_command_with_its_db(cli, tmp_path):
    target = tmp_path / "new folder" / "team.sqlite"
    target.parent.mkdir()
    code, _, err = cli("--db", str(target), "events")
    assert code == 6
    suggested = err.split("`")[1]
    assert suggested == f"mscreg --db '{target}' init"  # was: `mscreg init`, which makes another database
    import shlex

    argv = shlex.split(suggested)[1:]
    assert cli(*argv)[0] == 0 and target.exists()


# ----- delete-event ---------------------------------------------------------------------------------
def _audit_rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT action, reason FROM audit_log ORDER BY id").fetchall()


def test_delete_event_removes_it_with_an_audited_reason(cli, seeded_db):
    if not isinstance(seeded_db, Path):
        pytest.skip("reads the SQLite file directly")
    code, out, _ = cli("events", "--db", str(seeded_db), "--product", "Ryoncil", "--json")
    last = json.loads(out)[-1]
    assert last["type"] == "approval_full"
    code, out, err = cli("delete-event", "--db", str(seeded_db), "--event", str(last["id"]),
                         "--reason", "entered on the wrong product")
    assert code == 0, err  # was: no such command, though delete-track asks for it
    assert f"#{last['id']}" in out and "Ryoncil" in out
    assert _audit_rows(seeded_db)[-1][1] == "entered on the wrong product"
    code, out, _ = cli("events", "--db", str(seeded_db), "--product", "Ryoncil", "--json")
    assert last["id"] not in {e["id"] for e in json.loads(out)}


def test_delete_event_that_later_history_needs_is_refused_with_exit_3(cli, seeded_db, dump):
    from support import without_shipped_obligations

    without_shipped_obligations(seeded_db)  # the approval's own obligations would be named first
    before = dump(seeded_db)
    code, out, _ = cli("events", "--db", str(seeded_db), "--product", "Amimestrocel", "--json")
    approval = next(e for e in json.loads(out) if e["type"] == "approval_conditional")
    code, _, err = cli("delete-event", "--db", str(seeded_db), "--event", str(approval["id"]), "--reason", "x")
    assert code == 3 and "First commercial use" in err
    code, _, err = cli("delete-event", "--db", str(seeded_db), "--event", "１", "--reason", "x")
    assert code == 2 and "--event" in err
    assert dump(seeded_db) == before


def test_an_import_refused_with_json_has_the_same_error_object(cli, seeded_db, tmp_path):
    missing = tmp_path / "absent.csv"
    code, out, _ = cli("import", "--db", str(seeded_db), str(missing), "--json")
    error = json.loads(out)["error"]  # was: only "errors", unlike every other command's refusal
    assert code == 2 and error["code"] == "import.file_missing" and error["value"] == str(missing)
    code, _, err = cli("import", "--db", str(seeded_db), str(missing))
    assert error["message"] == err.strip()


def test_timeline_and_track_commands_take_a_partial_name_too(cli, seeded_db, workspace):
    # the timeline command's product (its layout, without the printing, which needs Qt in this process)
    from mscreg.services.timeline_data import product_timeline

    assert product_timeline(workspace, "艾米").lanes
    code, _, err = cli("delete-track", "--db", str(seeded_db), "--product", "aimimaituosai", "--jurisdiction", "CN",
                       "--reason", "x")
    # found, then refused for what it still holds (its obligations are checked first), not "not found"
    assert code == 5 and "still has obligations" in err


def test_an_invalid_choice_names_its_option_and_is_json_with_json(cli):
    code, out, err = cli("types", "--pathway", "x", "--json")
    error = json.loads(out)["error"]  # was: argparse's usage text on stderr only
    assert code == 2 and error["field"] == "--pathway" and "mscreg types --help" in error["message"]
    assert (error["code"], error["value"]) == ("option.invalid_choice", "x")
    code, out, err = cli("types", "--pathway", "x", "--lang", "zh_CN")
    assert code == 2 and "命令行选项 --pathway 的取值“x”无效，可选：clinical，marketing" in err
    assert "usage: mscreg types" in err


@pytest.mark.parametrize(("args", "code", "field", "value", "english", "chinese"), [
    (["clock", "jp-ctl-expiry", "--start", "2018-12-28", "--period", "abc"], "option.invalid_value", "--period",
     "abc", "--period: “abc” is not a valid value", "命令行选项 --period 的取值“abc”无效"),
    (["products", "--db"], "option.needs_value", "--db", "", "--db needs a value", "命令行选项 --db 需要一个取值"),
    (["products", "--bogus"], "command_line.unrecognized", "", "--bogus", "Not understood: --bogus",
     "无法识别的参数：--bogus"),
])
def test_argparse_refusals_are_in_the_readers_language(cli, args, code, field, value, english, chinese):
    """argparse answers in English only; its refusals come out as mscreg's, naming the option and the value."""
    status, out, _err = cli(*args, "--json")
    error = json.loads(out)["error"]
    assert status == 2 and (error["code"], error["field"], error["value"]) == (code, field, value)
    assert english in error["message"]
    status, _out, err = cli(*args, "--lang", "zh_CN")
    assert status == 2 and chinese in err and not any(w in err for w in ("invalid", "expected", "unrecognized"))
