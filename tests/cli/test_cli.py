"""The ``mscreg`` command as a user runs it: a real subprocess, real database files, real output.

Each test checks what a user would notice: the exit code, what is printed (and in which language),
and whether the database changed.  Read-only commands share one copy of the seeded database per
module; every command that may write gets its own fresh copy (the ``seeded_db`` fixture).
"""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
_SHARED_CSV = ROOT.parent / "shared" / "reference" / "events.csv"
REFERENCE_CSV = _SHARED_CSV if _SHARED_CSV.exists() else ROOT / "tests" / "fixtures" / "reference_events.csv"

CJK = re.compile(r"[\u4e00-\u9fff]")
# Words of the English message templates; none should appear in a message asked for in Chinese.
ENGLISH_SENTENCE = re.compile(
    r"\b(is not|must|refused|not allowed|no product|there is|does not|would come|its content|missing|edited)\b"
)


# --------------------------------------------------------------------------------------------------
# helpers


def run(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run ``mscreg ARGS`` in a clean environment (English locale, no MSCREG_DB unless given)."""
    base = dict(os.environ)
    for var in ("MSCREG_DB", "MSCREG_LANG", "LC_ALL", "LC_MESSAGES"):
        base.pop(var, None)
    base["LANG"] = "C.UTF-8"
    base["QT_QPA_PLATFORM"] = "offscreen"
    base["PYTHONIOENCODING"] = "utf-8"
    if env:
        base.update(env)
    return subprocess.run([sys.executable, "-m", "mscreg.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", env=base, cwd=ROOT, timeout=timeout, check=False)


def run_json(*args: str, env: dict[str, str] | None = None) -> Any:
    proc = run(*args, "--json", env=env)
    assert proc.returncode == 0, f"mscreg {' '.join(args)} failed ({proc.returncode}): {proc.stderr}"
    assert "Traceback" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


def no_crash(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout, proc.stdout


def audit_rows(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    finally:
        con.close()


def tamper(db: Path, *statements: str) -> None:
    con = sqlite3.connect(db)
    try:
        for statement in statements:
            con.execute(statement)
        con.commit()
    finally:
        con.close()


def copy_db(src: Path, dst: Path) -> Path:
    con = sqlite3.connect(src)
    out = sqlite3.connect(dst)
    try:
        con.backup(out)
    finally:
        out.close()
        con.close()
    return dst


@pytest.fixture(scope="module")
def shared_db(seeded_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One seeded copy for the read-only commands of this module."""
    return copy_db(seeded_template, tmp_path_factory.mktemp("cli_ro") / "ro.sqlite")


@pytest.fixture(scope="module")
def products_json(shared_db: Path) -> list[dict[str, Any]]:
    return run_json("products", "--db", str(shared_db))


@pytest.fixture(scope="module")
def events_json(shared_db: Path) -> list[dict[str, Any]]:
    return run_json("events", "--db", str(shared_db))


# --------------------------------------------------------------------------------------------------
# --version


def test_version_prints_program_name_and_version() -> None:
    proc = run("--version")
    assert proc.returncode == 0, proc.stderr
    first, *rest = proc.stdout.splitlines()
    assert re.fullmatch(r"mscreg \d+\.\d+(\.\d+)?\S*", first), proc.stdout
    facts = dict(line.split(": ", 1) for line in rest)
    assert {"Qt", "PySide6", "Python", "SQLite", "Data set"} <= facts.keys(), proc.stdout


# --------------------------------------------------------------------------------------------------
# products

ROSTER = [  # the 15 MSC cell products the regulatory reference lists, by a name or alias a user would type
    "Amimestrocel", "AmCellGene UC-MSC", "Ryoncil", "Prochymal", "Temcell HS Inj.", "Stemirac", "Akuugo",
    "Alofisel", "Stempeucel", "Mesestrocell", "Vartocell", "NeuroNATA-R", "Cartistem", "Cupistem",
    "Hearticellgram-AMI",
]


def _product(products: list[dict[str, Any]], name: str) -> dict[str, Any]:
    folded = name.casefold()
    for p in products:
        names = [p["name"], p["name_zh"], *p["aliases"]]
        if any(n and n.casefold() == folded for n in names):
            return p
    raise AssertionError(f"no product named {name!r} in: {[p['name'] for p in products]}")


def _states(product: dict[str, Any], jurisdiction: str) -> list[str]:
    return sorted(t["state"] for t in product["tracks"] if t["jurisdiction"] == jurisdiction)


def test_products_json_lists_the_seeded_data_set(products_json: list[dict[str, Any]]) -> None:
    assert len(products_json) == 15
    for p in products_json:
        assert {"name", "name_zh", "aliases", "company", "tracks"} <= p.keys()
        assert isinstance(p["aliases"], list)
        for t in p["tracks"]:
            assert {"jurisdiction", "indication", "pathway", "state"} <= t.keys()
            assert t["pathway"] in ("clinical", "marketing")
    found = {name: _product(products_json, name)["name"] for name in ROSTER}
    assert len(set(found.values())) == 15, found


@pytest.mark.parametrize(("product", "jurisdiction", "states"), [
    ("Alofisel", "EU", ["WITHDRAWN"]),
    ("Amimestrocel", "CN", ["AUTHORISED_CONDITIONAL"]),
    ("Stemirac", "JP", ["CONVERSION_PENDING"]),
    ("Akuugo", "JP", ["AUTHORISED_TIME_LIMITED"]),
    ("Ryoncil", "US", ["AUTHORISED_FULL", "CT_AUTHORISED"]),  # approved; the IND under which it was developed
    ("Prochymal", "CA", ["AUTHORISED_CONDITIONAL"]),
    ("Prochymal", "NZ", ["TERM_ENDED"]),  # provisional consent ran out on 2016-06-14, no renewal recorded
    ("NeuroNATA-R", "KR", ["CONVERSION_PENDING"]),
    ("Temcell", "JP", ["AUTHORISED_FULL", "MA_WITHDRAWN_BY_APPLICANT"]),
])
def test_products_json_key_states(products_json: list[dict[str, Any]], product: str, jurisdiction: str,
                                  states: list[str]) -> None:
    assert _states(_product(products_json, product), jurisdiction) == states


def test_products_as_of_a_day_follows_the_calendar(shared_db: Path) -> None:
    then = run_json("products", "--db", str(shared_db), "--as-of", "2015-01-01")
    nz = next(t for t in _product(then, "Prochymal")["tracks"] if t["jurisdiction"] == "NZ")
    assert nz["state"] == "AUTHORISED_CONDITIONAL" and nz["term_ended"] is None and nz["as_of"] == "2015-01-01"
    now = run_json("products", "--db", str(shared_db), "--as-of", "2026-12-05")
    nz = next(t for t in _product(now, "Prochymal")["tracks"] if t["jurisdiction"] == "NZ")
    assert nz["state"] == "TERM_ENDED" and nz["since"] == "2016-06-15"
    assert nz["term_ended"]["rule"] == "nz-provisional-consent-expiry" and nz["term_ended"]["due"] == "2016-06-14"
    text = run("products", "--db", str(shared_db), "--as-of", "2026-12-05").stdout
    assert text.startswith("States as of 2026-12-05")
    assert "Term ended — nothing recorded (2016-06-15)" in text and "s.23(4A)" in text
    bad = run("products", "--db", str(shared_db), "--as-of", "2026-13-01")
    no_crash(bad)
    assert bad.returncode == 2 and "--as-of" in bad.stderr


def test_an_event_dated_later_does_not_change_todays_state(seeded_db: Path) -> None:
    db = str(seeded_db)
    # an actual event after today cannot have happened: refused; recorded as planned, it changes no state
    proc = run("add-event", "--db", db, "--product", "Ryoncil", "--jurisdiction", "US", "--pathway", "marketing",
               "--type", "ma_withdrawn", "--date", "2030-01-05", "--reason", "test of a future date")
    no_crash(proc)
    assert proc.returncode == 2 and "--planned" in proc.stderr
    proc = run("add-event", "--db", db, "--product", "Ryoncil", "--jurisdiction", "US", "--pathway", "marketing",
               "--type", "ma_withdrawn", "--date", "2030-01-05", "--planned", "--reason", "test of a future date")
    assert proc.returncode == 0, proc.stderr
    today = run_json("products", "--db", db, "--as-of", "2026-12-05")
    assert _states(_product(today, "Ryoncil"), "US") == ["AUTHORISED_FULL", "CT_AUTHORISED"]
    later = run_json("products", "--db", db, "--as-of", "2030-02-01")
    assert _states(_product(later, "Ryoncil"), "US") == ["AUTHORISED_FULL", "CT_AUTHORISED"]
    known = run_json("events", "--db", db, "--product", "Ryoncil", "--as-of", "2026-12-05")
    assert "ma_withdrawn" not in {e["type"] for e in known}


def test_products_text_output_works(shared_db: Path) -> None:
    proc = run("products", "--db", str(shared_db))
    no_crash(proc)
    assert proc.returncode == 0
    assert "Ryoncil" in proc.stdout and "Alofisel" in proc.stdout


# --------------------------------------------------------------------------------------------------
# events: the reference data set

CSV_PRODUCTS = {
    "AKUUGO suspension for intracranial implantation (SB623)": "Akuugo",
    "Alofisel (Cx601)": "Alofisel",
    "Amimestrocel Injection (trade name 睿铂生; code hUC-MSC PLEB001)": "Amimestrocel Injection",
    "Cartistem": "Cartistem",
    "CelliStem OA-sEV (trial ExoOA-1)": None,  # the exosome rows are trial records, not events
    "Cupistem (Cuepistem; ADIPOPLUS)": "Cupistem",
    "Hearticellgram-AMI (Cellgram-AMI; 'Hearticell-AMI')": "Hearticellgram-AMI",
    "Injectable mesenchymal stem cells (umbilical cord) - AmCellGene": "AmCellGene UC-MSC",
    "MSC-exosomes (observational, per seed)": None,
    "MesestroCell": "Mesestrocell",
    "NeuroNATA-R Inj. (뉴로나타-알주)": "NeuroNATA-R",
    "Prochymal": "Prochymal",
    "Ryoncil": "Ryoncil",
    "Stemirac for Injection": "Stemirac",
    "Stempeucel": "Stempeucel",
    "Stempeucel-OA (marketed as StemOne by Alkem; Ciplostem by Cipla)": "Stempeucel",
    "TEMCELL HS Inj. (JR-031)": "Temcell HS Inj.",
    "UC-MSC sEV (Cellistem sEV-OA; trial EXO-OA01)": None,
    "Vartocell (company spelling 'Wartocell')": "Vartocell",
    "Wharton's jelly MSC-derived exosomes": None,
    "hUC-MSC exosomes (Wang et al. 2025)": None,
}
CSV_JURISDICTIONS = {
    "Canada": "CA", "Chile": "CL", "China": "CN", "European Union": "EU", "India": "IN", "Iran": "IR",
    "Japan": "JP", "New Zealand": "NZ", "South Korea": "KR", "United States": "US", "not stated": "ZZ",
}
PRECISION_OF_LENGTH = {4: "year", 7: "month", 10: "day"}


def _reference_rows() -> list[dict[str, str]]:
    with REFERENCE_CSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [r for r in rows if r["event_type"] != "ownership_transfer"]


def _urls(source: str) -> set[str]:
    """The web addresses a source names: kept verbatim, while the review articles are cited by reference."""
    return {u.rstrip(";,") for u in re.findall(r"https?://\S+", source)}


def _expected(row: dict[str, str]) -> dict[str, Any]:
    precision = row["date_precision"]
    date: str | None = row["date"] or None
    approximate = False
    if precision == "approximate":
        assert date is not None
        precision, approximate = PRECISION_OF_LENGTH[len(date)], True
    elif precision == "unknown":
        date = None
    return {
        "product": CSV_PRODUCTS[row["product"]],
        "jurisdictions": {CSV_JURISDICTIONS[j.strip()] for j in row["jurisdiction"].split("/")},
        "type": row["event_type"], "date": date, "precision": precision, "approximate": approximate,
        "source": row["source"],
    }


def test_events_json_reproduces_every_reference_event(events_json: list[dict[str, Any]]) -> None:
    rows = [r for r in _reference_rows() if CSV_PRODUCTS[r["product"]] is not None]
    assert len(rows) == 65
    for e in events_json:
        assert {"product", "jurisdiction", "type", "date", "precision", "reference", "source"} <= e.keys()
    unused = list(events_json)
    missing = []
    for row in rows:
        want = _expected(row)
        match = next((e for e in unused if e["product"] == want["product"]
                      and e["jurisdiction"] in want["jurisdictions"] and e["type"] == want["type"]
                      and e["date"] == want["date"] and e["precision"] == want["precision"]
                      and bool(e.get("approximate")) == want["approximate"]
                      and _urls(want["source"]) <= _urls(e["source"])),
                     None)
        if match is None:
            missing.append({k: v for k, v in want.items() if k != "source"})
        else:
            unused.remove(match)
    assert not missing, f"{len(missing)} reference events not reproduced: {missing}"


def test_trials_json_holds_every_reference_exosome_row(shared_db: Path) -> None:
    """The reference rows of the MSC-exosome trials are trial records: the identifier the row names,
    with the row's date, at its precision, as the registration or the start."""
    trials = {t["registry_id"]: t for t in run_json("trials", "--db", str(shared_db))}
    rows = [r for r in _reference_rows() if CSV_PRODUCTS[r["product"]] is None]
    assert len(rows) == 5
    for row in rows:
        rid = re.match(r"(NCT\d{8}|MR-[\d-]+)", row["notes"])
        assert rid is not None, row["notes"]
        field = {"trial_registered": "first_submitted", "trial_started": "start_date"}[row["event_type"]]
        date = trials[rid.group(1)][field]
        assert (date["date"], date["precision"]) == (row["date"], row["date_precision"]), rid.group(1)
        assert trials[rid.group(1)]["product"] is None
        assert _urls(row["source"]) <= {u for s in trials[rid.group(1)]["sources"] for u in _urls(s)}


def test_event_dates_show_their_own_precision(events_json: list[dict[str, Any]]) -> None:
    patterns = {"year": r"\d{4}", "month": r"\d{4}-\d{2}", "day": r"\d{4}-\d{2}-\d{2}"}
    for e in events_json:
        if e["precision"] == "unknown":
            assert e["date"] is None, e
        else:
            assert re.fullmatch(patterns[e["precision"]], e["date"] or ""), e
    assert {e["precision"] for e in events_json} == {"year", "month", "day", "unknown"}


def test_events_text_shows_month_dates_without_a_day(shared_db: Path, events_json: list[dict[str, Any]]) -> None:
    proc = run("events", "--db", str(shared_db))
    no_crash(proc)
    assert proc.returncode == 0
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert len(lines) == len(events_json)
    for line, e in zip(lines, events_json, strict=True):
        shown = line.split()[0].lstrip("≈~")
        if e["date"] is None:
            assert line.startswith("date unknown"), line
        else:
            assert shown == e["date"], (line, e)


def test_events_product_matches_any_name_or_alias(shared_db: Path, events_json: list[dict[str, Any]]) -> None:
    expected = [e for e in events_json if e["product"] == "Amimestrocel Injection"]
    assert len(expected) == 4
    for name in ("aimmexitocel", "艾米迈托赛注射液", "睿铂生", "AMIMESTROCEL"):
        assert run_json("events", "--db", str(shared_db), "--product", name) == expected, name


def test_events_jurisdiction_is_case_insensitive(shared_db: Path, events_json: list[dict[str, Any]]) -> None:
    expected = [e for e in events_json if e["jurisdiction"] == "EU"]
    assert expected
    assert run_json("events", "--db", str(shared_db), "--jurisdiction", "eu") == expected
    assert run_json("events", "--db", str(shared_db), "--jurisdiction", "EU") == expected


def test_events_unknown_product_is_refused(shared_db: Path) -> None:
    proc = run("events", "--db", str(shared_db), "--product", "No Such Product")
    no_crash(proc)
    assert proc.returncode != 0
    assert "product" in proc.stderr and "No Such Product" in proc.stderr


def test_events_empty_product_is_refused_or_means_all(shared_db: Path, events_json: list[dict[str, Any]]) -> None:
    """An empty --product must not silently pick a subset of products."""
    proc = run("events", "--db", str(shared_db), "--product", "", "--json")
    no_crash(proc)
    if proc.returncode == 0:
        shown = sorted({e["product"] for e in json.loads(proc.stdout)})
        assert shown == sorted({e["product"] for e in events_json}), f"--product '' listed only {shown}"
    else:  # with --json the refusal is JSON on stdout
        assert json.loads(proc.stdout)["error"]["field"] == "product"


def test_events_unknown_jurisdiction_is_refused(shared_db: Path) -> None:
    proc = run("events", "--db", str(shared_db), "--jurisdiction", "XX")
    no_crash(proc)
    assert proc.returncode != 0
    assert "jurisdiction" in proc.stderr and "XX" in proc.stderr


# --------------------------------------------------------------------------------------------------
# add-event: success

AKUUGO_JP = ["--product", "sb623", "--jurisdiction", "jp",
             "--indication", "chronic motor paralysis following traumatic brain injury"]


def test_add_event_is_recorded_audited_and_checkable(seeded_db: Path) -> None:
    db = str(seeded_db)
    before = audit_rows(seeded_db)
    proc = run("add-event", "--db", db, *AKUUGO_JP, "--type", "partial_change_approved", "--date", "2025-11",
               "--reason", "partial change approval announced", "--reference", "PMDA-TEST-1",
               "--source", "https://example.org/akuugo")
    no_crash(proc)
    assert proc.returncode == 0, proc.stderr
    assert "Akuugo" in proc.stdout

    events = run_json("events", "--db", db, "--product", "Akuugo")
    added = [e for e in events if e["type"] == "partial_change_approved"]
    assert len(added) == 1
    assert added[0]["date"] == "2025-11" and added[0]["precision"] == "month"
    assert added[0]["jurisdiction"] == "JP"
    assert added[0]["reference"] == "PMDA-TEST-1" and added[0]["source"] == "https://example.org/akuugo"

    check = run("check", "--db", db)
    assert check.returncode == 0, check.stderr
    assert audit_rows(seeded_db) == before + 1


def test_add_event_json_reports_the_new_state(seeded_db: Path) -> None:
    payload = run_json("add-event", "--db", str(seeded_db), "--product", "Stemirac", "--jurisdiction", "JP",
                       "--indication",
                       "neurological symptoms and dysfunction from traumatic spinal cord injury (ASIA AIS A, B or C)",
                       "--type", "conversion_refused", "--date", "2026-03-02", "--reason", "test")
    assert payload["event"]["type"] == "conversion_refused"
    assert payload["event"]["date"] == "2026-03-02" and payload["event"]["precision"] == "day"
    assert isinstance(payload["state"], str) and payload["state"]


# --------------------------------------------------------------------------------------------------
# add-event: refusals change nothing and say what is wrong

ALOFISEL_EU = ["--product", "Alofisel", "--jurisdiction", "EU", "--indication",
               "complex perianal fistulas in Crohn's disease (adults; non-active or mildly active luminal disease; "
               "inadequate response to at least one conventional or biologic therapy)"]
RYONCIL_US = ["--product", "Ryoncil", "--jurisdiction", "US", "--indication",
              "steroid-refractory acute GVHD in paediatric patients aged 2 months and older"]


VALID_EVENT = {  # accepted as it is (a new Ryoncil track): each bad-input case changes one field of it
    "product": "Ryoncil", "jurisdiction": "US", "indication": "steroid-refractory acute GVHD in adults",
    "type": "ma_submitted", "date": "2025-02", "reason": "test",
}


def _event_args(**overrides: str) -> list[str]:
    values = dict(VALID_EVENT)
    values.update(overrides)
    out: list[str] = []
    for key, value in values.items():
        out += [f"--{key}", value]
    return [*out, "--new-track"]  # the valid case starts a new Ryoncil track beside the existing one


# (id, arguments, words the English message must contain, words the Chinese one must contain)
BAD_INPUT = [
    ("date-feb-30", _event_args(date="2024-02-30"), ["date", "2024-02-30"], ["日期", "2024-02-30"]),
    ("date-month-13", _event_args(date="2024-13"), ["date", "2024-13"], ["日期", "2024-13"]),
    ("date-slashes", _event_args(date="01/02/2024"), ["date", "01/02/2024"], ["日期", "01/02/2024"]),
    ("date-empty", _event_args(date=""), ["date"], ["日期"]),
    ("jurisdiction-XX", _event_args(jurisdiction="XX"), ["jurisdiction", "XX"], ["国家/地区", "XX"]),
    ("type-unknown", _event_args(type="label_update"), ["type", "label_update"], ["事件类型", "label_update"]),
    ("product-empty", _event_args(product=""), ["product"], ["产品"]),
    ("product-unknown", _event_args(product="No Such Product"), ["product", "No Such Product"],
     ["产品", "No Such Product"]),
    ("reason-empty", _event_args(reason=""), ["reason"], ["原因"]),
    ("reason-blank", _event_args(reason="   "), ["reason"], ["原因"]),
    ("withdrawn-never-authorised",
     ["--product", "Stempeucel", "--jurisdiction", "EU", "--indication", "Buerger's disease",
      "--type", "ma_withdrawn", "--date", "2020", "--reason", "test"],
     ["ma_withdrawn", "2020", "Stempeucel"], ["ma_withdrawn", "2020", "申报路径"]),
    ("implied-permission-without-acceptance",
     ["--product", "Amimestrocel Injection", "--jurisdiction", "CN", "--pathway", "clinical",
      "--indication", "knee cartilage repair (new)", "--new-track", "--type", "cta_implied_permission",
      "--date", "2024-05", "--reason", "test"],
     ["2024-05", "implied permission"], ["2024-05", "默示许可"]),
    ("withdrawn-before-approval-alofisel",
     [*ALOFISEL_EU, "--type", "ma_withdrawn", "--date", "2017", "--reason", "test"],
     ["ma_withdrawn", "2017", "Alofisel"], ["ma_withdrawn", "2017", "申报路径"]),
    ("withdrawn-before-approval-ryoncil",
     [*RYONCIL_US, "--type", "ma_withdrawn", "--date", "2023", "--reason", "test"],
     ["ma_withdrawn", "2023", "2024-12-18"], ["ma_withdrawn", "2023", "2024-12-18"]),
    ("event-type-of-another-country",
     [*RYONCIL_US, "--type", "cta_implied_permission", "--date", "2024", "--reason", "test"],
     ["cta_implied_permission", "US"], ["cta_implied_permission", "US"]),
]


def _assert_refused(proc: subprocess.CompletedProcess[str], words: list[str]) -> None:
    no_crash(proc)
    assert proc.returncode != 0, f"accepted (exit 0): {proc.stdout}"
    assert proc.stderr.strip(), "refused without a message"
    for word in words:
        assert re.search(rf"(?<![A-Za-z0-9_]){re.escape(word)}(?![A-Za-z0-9_])", proc.stderr), \
            f"message does not name {word!r}: {proc.stderr}"
    assert "{" not in proc.stderr and "}" not in proc.stderr, f"unfilled message template: {proc.stderr}"


@pytest.mark.parametrize(("args", "words"), [pytest.param(a, w, id=i) for i, a, w, _ in BAD_INPUT])
def test_add_event_refusal_in_english(seeded_db: Path, dump, args: list[str], words: list[str]) -> None:
    before = dump(seeded_db)
    proc = run("add-event", "--db", str(seeded_db), *args)
    _assert_refused(proc, words)
    assert dump(seeded_db) == before, "the database changed although the command was refused"


@pytest.mark.parametrize(("args", "words"), [pytest.param(a, w, id=i) for i, a, _, w in BAD_INPUT])
def test_add_event_refusal_in_chinese(seeded_db: Path, dump, args: list[str], words: list[str]) -> None:
    before = dump(seeded_db)
    proc = run("add-event", "--db", str(seeded_db), "--lang", "zh_CN", *args)
    _assert_refused(proc, words)
    assert CJK.search(proc.stderr), f"not in Chinese: {proc.stderr}"
    assert not ENGLISH_SENTENCE.search(proc.stderr), f"English left in the Chinese message: {proc.stderr}"
    assert dump(seeded_db) == before, "the database changed although the command was refused"


def test_the_valid_event_of_the_refusal_cases_is_accepted(seeded_db: Path) -> None:
    """So that each refusal below is caused by the one field it changes."""
    proc = run("add-event", "--db", str(seeded_db), *_event_args())
    no_crash(proc)
    assert proc.returncode == 0, proc.stderr


def test_add_event_language_follows_the_locale(seeded_db: Path, dump) -> None:
    before = dump(seeded_db)
    proc = run("add-event", "--db", str(seeded_db), *_event_args(date="2024-13"), env={"LANG": "zh_CN.UTF-8"})
    _assert_refused(proc, ["日期", "2024-13"])
    assert CJK.search(proc.stderr) and not ENGLISH_SENTENCE.search(proc.stderr), proc.stderr
    assert dump(seeded_db) == before


def test_add_event_duplicate_is_refused(seeded_db: Path, dump) -> None:
    args = ["add-event", "--db", str(seeded_db), *RYONCIL_US, "--type", "approval_full", "--date", "2024-12-18",
            "--reason", "again"]
    before = dump(seeded_db)
    proc = run(*args)
    _assert_refused(proc, ["approval_full"])
    assert dump(seeded_db) == before


# --------------------------------------------------------------------------------------------------
# check


def test_check_passes_on_a_fresh_database(seeded_db: Path) -> None:
    proc = run("check", "--db", str(seeded_db))
    no_crash(proc)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1, proc.stdout
    assert "15 products" in lines[0] and "75 events" in lines[0], lines[0]


def test_check_json_on_a_fresh_database(seeded_db: Path) -> None:
    payload = run_json("check", "--db", str(seeded_db))
    assert payload["ok"] is True
    assert payload["audit_rows"] == audit_rows(seeded_db)
    assert payload["broken_row"] is None


def test_check_detects_an_edited_audit_row(seeded_db: Path) -> None:
    tamper(seeded_db, "DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET reason = 'hidden' WHERE id = 42")
    proc = run("check", "--db", str(seeded_db))
    no_crash(proc)
    assert proc.returncode != 0
    assert re.search(r"\b42\b", proc.stderr), proc.stderr

    proc = run("check", "--db", str(seeded_db), "--json")
    assert proc.returncode != 0
    payload = json.loads(proc.stdout)
    assert payload["ok"] is False and payload["broken_row"] == 42


def test_check_tamper_message_in_chinese(seeded_db: Path) -> None:
    tamper(seeded_db, "DROP TRIGGER audit_log_no_update", "UPDATE audit_log SET reason = 'x' WHERE id = 42")
    proc = run("check", "--db", str(seeded_db), "--lang", "zh_CN")
    no_crash(proc)
    assert proc.returncode != 0
    assert re.search(r"\b42\b", proc.stderr), proc.stderr
    assert CJK.search(proc.stderr), proc.stderr
    assert not ENGLISH_SENTENCE.search(proc.stderr), f"English left in the Chinese message: {proc.stderr}"


def test_check_detects_a_deleted_audit_row(seeded_db: Path) -> None:
    tamper(seeded_db, "DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE id = 42")
    proc = run("check", "--db", str(seeded_db))
    no_crash(proc)
    assert proc.returncode != 0
    assert re.search(r"\b42\b", proc.stderr), proc.stderr


def test_check_detects_the_deleted_last_audit_row(seeded_db: Path) -> None:
    """Deleting the newest audit row hides the latest change; check must notice that too."""
    tamper(seeded_db, "DROP TRIGGER audit_log_no_delete",
           "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)")
    proc = run("check", "--db", str(seeded_db))
    no_crash(proc)
    assert proc.returncode != 0, f"check passed after the last audit row was deleted: {proc.stdout}"


# --------------------------------------------------------------------------------------------------
# the database location, init


def test_mscreg_db_env_var_replaces_db(seeded_db: Path) -> None:
    products = run_json("products", env={"MSCREG_DB": str(seeded_db)})
    assert len(products) == 15
    proc = run("check", env={"MSCREG_DB": str(seeded_db)})
    assert proc.returncode == 0, proc.stderr


def test_db_option_wins_over_env_var(seeded_db: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    assert run("init", "--empty", "--db", str(empty)).returncode == 0
    assert len(run_json("products", "--db", str(seeded_db), env={"MSCREG_DB": str(empty)})) == 15


def test_init_counts_what_it_loaded_as_the_listings_count_it(tmp_path: Path) -> None:
    """The summary of a new database counts the obligations and holder changes it loaded, as the listings do."""
    path = tmp_path / "new.sqlite"
    summary = run_json("init", "--db", str(path))
    owed = run_json("obligations", "--db", str(path))
    changes = [t for p in run_json("holders", "--db", str(path)) for t in p["transfers"]]
    assert (summary["obligations"], summary["holder_transfers"]) == (len(owed), len(changes))
    assert summary["obligations"] > 0 and summary["holder_transfers"] > 0
    text = run("init", "--db", str(tmp_path / "again.sqlite")).stdout
    assert f"{len(owed)} post-approval obligations, {len(changes)} holder and licensee changes" in text


def test_init_empty_gives_no_products(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    proc = run("init", "--empty", env={"MSCREG_DB": str(path)})
    no_crash(proc)
    assert proc.returncode == 0, proc.stderr
    assert path.exists()
    assert run_json("products", "--db", str(path)) == []
    assert run_json("events", "--db", str(path)) == []
    assert run("check", "--db", str(path)).returncode == 0


def test_init_twice_is_refused_and_keeps_the_first_file(tmp_path: Path) -> None:
    path = tmp_path / "twice.sqlite"
    assert run("init", "--empty", "--db", str(path)).returncode == 0
    first = path.read_bytes()
    for extra in (["--empty"], []):
        proc = run("init", *extra, "--db", str(path))
        no_crash(proc)
        assert proc.returncode != 0
        assert "twice.sqlite" in proc.stderr and "exists" in proc.stderr, proc.stderr
        assert path.read_bytes() == first


def test_init_refuses_to_overwrite_any_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("my notes\n", encoding="utf-8")
    proc = run("init", "--empty", "--db", str(path))
    no_crash(proc)
    assert proc.returncode != 0
    assert path.read_text(encoding="utf-8") == "my notes\n"


def test_init_refuses_a_missing_folder(tmp_path: Path) -> None:
    path = tmp_path / "no-such-folder" / "db.sqlite"
    proc = run("init", "--empty", "--db", str(path))
    no_crash(proc)
    assert proc.returncode != 0
    assert "no-such-folder" in proc.stderr, proc.stderr
    assert not path.parent.exists()


def test_commands_refuse_a_missing_database(tmp_path: Path) -> None:
    path = tmp_path / "missing.sqlite"
    for command in ("products", "events", "check"):
        proc = run(command, "--db", str(path))
        no_crash(proc)
        assert proc.returncode != 0, command
        assert "missing.sqlite" in proc.stderr, proc.stderr
    assert not path.exists()


@pytest.fixture(autouse=True)
def _no_stray_default_database() -> Iterator[None]:
    """Commands given --db or MSCREG_DB must not create the default database in the user folder."""
    yield
    home = Path(os.environ.get("XDG_DATA_HOME", ""))
    if home.parts:
        assert not (home / "mscreg" / "mscreg.sqlite").exists()


@pytest.mark.parametrize("argv", [
    [], ["--db", "x.sqlite"], ["--db=x.sqlite", "--lang", "zh_CN"], ["--quit-after-first-paint", "--startup-report"],
    ["--lang=en", "--quit-after-first-paint", "--db", "/tmp/a b.sqlite"],
])
def test_a_plain_window_start_is_read_as_the_full_parser_reads_it(argv):
    """The start-up fast path must agree with argparse on every argument it accepts."""
    from mscreg.cli.main import _app_start, build_parser

    fast = vars(_app_start(argv))
    full = vars(build_parser().parse_args(argv))
    assert {k: fast.get(k) for k in full} == {k: full.get(k) for k in full}


@pytest.mark.parametrize("argv", [
    ["products"], ["--db"], ["--db", "--lang", "en"], ["--lang", "fr"], ["--db", "a", "--db", "b"], ["--json"],
    ["--version"], ["--help"], ["--startup-report=1"], ["--db", ""],
])
def test_anything_else_goes_to_the_full_parser(argv):
    from mscreg.cli.main import _app_start

    assert _app_start(argv) is None


def test_a_shortened_indication_is_refused_naming_the_existing_track(seeded_db: Path) -> None:
    db = str(seeded_db)
    before = audit_rows(seeded_db)
    proc = run("add-event", "--db", db, "--product", "Temcell", "--jurisdiction", "JP", "--indication", "acute GVHD",
               "--type", "agency_feedback", "--date", "2025-01", "--reason", "test")
    no_crash(proc)
    assert proc.returncode == 2
    assert "acute GVHD after haematopoietic stem cell transplantation" in proc.stderr and "--new-track" in proc.stderr
    assert audit_rows(seeded_db) == before
    zh = run("add-event", "--db", db, "--lang", "zh_CN", "--product", "Temcell", "--jurisdiction", "JP",
             "--indication", "acute GVHD", "--type", "agency_feedback", "--date", "2025-01", "--reason", "test")
    assert zh.returncode == 2 and "上市路径" in zh.stderr and "最接近" in zh.stderr
    made = run("add-event", "--db", db, "--product", "Temcell", "--jurisdiction", "JP", "--indication", "acute GVHD",
               "--type", "ma_submitted", "--date", "2025-01", "--reason", "test", "--new-track")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("Created a new track #")
    assert audit_rows(seeded_db) == before + 2  # the track and its event
    again = run("add-event", "--db", db, "--product", "Temcell", "--jurisdiction", "JP", "--indication",
                "acute GVHD", "--type", "agency_feedback", "--date", "2025-02", "--reason", "test", "--new-track")
    assert again.returncode == 5 and "already exists" in again.stderr


def test_an_rmat_designation_without_an_ind_in_effect_is_refused(seeded_db: Path, dump) -> None:
    before = dump(seeded_db)
    proc = run("add-event", "--db", str(seeded_db), "--product", "Stemirac", "--jurisdiction", "US", "--pathway",
               "clinical", "--indication", "traumatic spinal cord injury", "--type", "designation_rmat",
               "--date", "2017",
               "--reason", "test")
    no_crash(proc)
    assert proc.returncode == 3
    assert "IND" in proc.stderr and "No application recorded" in proc.stderr and "RMAT" in proc.stderr
    assert dump(seeded_db) == before
    # with the IND recorded first, the designation is accepted (it may be requested with the IND)
    ok = run("add-event", "--db", str(seeded_db), "--product", "Stemirac", "--jurisdiction", "US", "--pathway",
             "clinical", "--indication", "traumatic spinal cord injury", "--type", "ind_submitted", "--date", "2016-03",
             "--reason", "test")
    assert ok.returncode == 0, ok.stderr
    ok = run("add-event", "--db", str(seeded_db), "--product", "Stemirac", "--jurisdiction", "US", "--pathway",
             "clinical", "--indication", "traumatic spinal cord injury", "--type", "designation_rmat", "--date", "2017",
             "--reason", "test")
    assert ok.returncode == 0, ok.stderr


def test_the_shipped_rmat_designations_stand_on_an_ind(products_json: list[dict[str, Any]]) -> None:
    for name in ("Alofisel", "NeuroNATA-R"):
        us = [t for t in _product(products_json, name)["tracks"] if t["jurisdiction"] == "US"]
        assert [t["state"] for t in us] == ["CT_AUTHORISED"], (name, us)
