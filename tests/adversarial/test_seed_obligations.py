"""The obligations of the shipped data set: loaded with the products, audited, right on the day they are read,
and every kind of bad entry refused before anything is written, naming product, track, field and value."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest
from support import run, table_dump

from mscreg.domain.errors import InvalidInput
from mscreg.resource_paths import seed_file
from mscreg.services.obligations import list_obligations, obligation_line
from mscreg.services.workspace import init_database, open_workspace
from mscreg.storage import repositories as repo
from mscreg.storage.seed import load_seed

TODAY = dt.date(2026, 12, 5)


def _seed() -> dict:
    return json.loads(seed_file().read_text(encoding="utf-8"))


def _track(doc: dict, product: str, jurisdiction: str) -> dict:
    return next(t for p in doc["products"] if p["name"] == product for t in p["tracks"]
                if t["jurisdiction"] == jurisdiction and t["pathway"] == "marketing")


# ---- the shipped obligations --------------------------------------------------------------------

# (product, jurisdiction, kind, due as shown in the JSON, status on 2026-12-05, steps)
SHIPPED = [
    ("Amimestrocel Injection", "CN", "confirmatory_trial", None, "open", []),
    ("Stemirac", "JP", "use_results_survey", "2025-12-28", "submitted", [("submitted", "2025-11-14")]),
    ("Akuugo", "JP", "other", "2031-07-31", "open", []),
    ("Akuugo", "JP", "other", None, "submitted", [("submitted", "2025-06-12")]),
    ("NeuroNATA-R", "KR", "confirmatory_trial", None, "submitted", [("submitted", "2025-04-29")]),
    ("Prochymal", "CA", "undertaking", None, "open", []),
]


def test_the_shipped_obligations_are_loaded_with_their_status_on_the_day(workspace):
    views = list_obligations(workspace, as_of=TODAY)
    found = [(v.product.name, v.track.jurisdiction, v.obligation.kind.value,
              v.state.due.latest.isoformat() if v.state.due else None, v.state.status.value,
              [(e.type.value, e.date.iso()) for e in v.events]) for v in views]
    assert sorted(found, key=repr) == sorted(SHIPPED, key=repr)
    for v in views:
        assert v.authorisation is not None and v.authorisation.track_id == v.track.id
        assert v.obligation.text_en and v.obligation.text_zh and v.obligation.source and v.obligation.owner
        assert not v.state.late
    stemirac = next(v for v in views if v.product.name == "Stemirac")
    assert stemirac.obligation.due_rule is not None and stemirac.obligation.due_rule.text() == "7 years"


@pytest.mark.parametrize("day", [dt.date(2015, 1, 1), dt.date(2020, 6, 30), dt.date(2025, 12, 29), TODAY,
                                 dt.date(2031, 8, 1)])
def test_no_obligation_is_overdue_without_a_dated_due(workspace, day):
    for v in list_obligations(workspace, as_of=day):
        if v.state.status.value == "overdue":
            assert v.state.due is not None and day > v.state.due.latest, obligation_line(v)
    # Stemirac filed inside its time limit: never overdue, not late
    stemirac = next(v for v in list_obligations(workspace, as_of=dt.date(2025, 12, 29))
                    if v.product.name == "Stemirac")
    assert stemirac.state.status.value == "submitted" and not stemirac.state.late


def test_each_obligation_and_step_is_audited_with_the_data_set(workspace, seeded_db, sql):
    with workspace.db.read() as s:
        owed = [o for found in repo.obligations_for_tracks(s).values() for o in found]
        steps = [e for found in repo.obligation_events_for(s).values() for e in found]
    assert len(owed) == 6 and len(steps) == 3
    [rows] = sql(seeded_db, "SELECT entity, entity_id, action, reason FROM audit_log "
                            "WHERE entity IN ('obligation', 'obligation_event') ORDER BY id")
    assert sorted((r[0], r[1]) for r in rows) == sorted(
        [("obligation", o.id) for o in owed] + [("obligation_event", e.id) for e in steps])
    version = _seed()["dataset_version"]
    assert {(r[2], r[3]) for r in rows} == {("create", f"seed data set {version}")}


def test_init_then_check_passes_and_lists_the_obligations_in_both_languages(tmp_path):
    db = str(tmp_path / "fresh.sqlite")
    assert run("--db", db, "init").returncode == 0
    checked = run("--db", db, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    english = run("--db", db, "--lang", "en", "obligations", "--as-of", TODAY.isoformat())
    chinese = run("--db", db, "--lang", "zh_CN", "obligations", "--as-of", TODAY.isoformat())
    assert english.returncode == chinese.returncode == 0
    shipped = [o for p in _seed()["products"] for t in p["tracks"] for o in t.get("obligations", ())]
    assert len(shipped) == len(SHIPPED)
    for ob in shipped:
        assert ob["text_en"] in english.stdout and ob["text_zh"] not in english.stdout
        assert ob["text_zh"] in chinese.stdout
    assert "Overdue" not in english.stdout and "已逾期" not in chinese.stdout


# ---- bad entries: refused whole, before anything is written ----------------------------------------

def _good() -> dict:
    return {"authorisation": "approval_conditional_time_limited", "authorisation_date": "2018-12-28",
            "kind": "use_results_survey", "text_en": "Apply for approval again.", "text_zh": "再次申请批准。",
            "due_rule": "7 years", "owner": "Nipro", "source": "PMD Act Art. 23-26",
            "events": [{"type": "submitted", "date": "2025-11-14", "source": "https://www.yakuji.co.jp/"}]}


def _bad(change) -> dict:
    entry = _good()
    change(entry)
    return entry


# (what is wrong, the entry or list, the field named, the value named)
BAD = [
    ("unknown kind", _bad(lambda e: e.update(kind="promise")), "kind", "promise"),
    ("authorisation on another date", _bad(lambda e: e.update(authorisation_date="2018-12-27")),
     "authorisation", "approval_conditional_time_limited 2018-12-27"),
    ("authorisation not an approval", _bad(lambda e: e.update(authorisation="ma_submitted",
                                                              authorisation_date="2018-06")),
     "authorisation", "2"),
    ("authorisation not named", _bad(lambda e: e.pop("authorisation")), "authorisation", "null"),
    ("authorisation without its date", _bad(lambda e: e.pop("authorisation_date")), "authorisation_date", "null"),
    ("due and rule both", _bad(lambda e: e.update(due="2025-12-28")), "due_rule", "7 years"),
    ("rule unreadable", _bad(lambda e: e.update(due_rule="7 decades")), "due_rule", "7 decades"),
    ("rule too long", _bad(lambda e: e.update(due_rule="99 years")), "due_rule", "99 years"),
    ("due not a date", _bad(lambda e: (e.pop("due_rule"), e.update(due="2025-13-01"))), "due", "2025-13-01"),
    ("no text", _bad(lambda e: e.update(text_en="", text_zh="")), "text_en", ""),
    ("misspelt field", _bad(lambda e: e.update(due_rul="7 years")), "due_rul", '"7 years"'),
    ("number for text", _bad(lambda e: e.update(due_rule=7)), "due_rule", "7"),
    ("step of unknown type", _bad(lambda e: e["events"][0].update(type="approved")), "type", "approved"),
    ("step before the authorisation", _bad(lambda e: e["events"][0].update(date="2018-01-05")), "date",
     "2018-01-05"),
    ("step in the future", _bad(lambda e: e["events"][0].update(date="2099-01-01")), "date", "2099-01-01"),
    ("step after it was closed", _bad(lambda e: e["events"].insert(0, {"type": "fulfilled", "date": "2024-01-10"})),
     "type", "submitted"),
    ("extension that is not later", _bad(lambda e: e["events"].insert(0, {"type": "extended", "date": "2024-01-10",
                                                                        "new_due": "2020-01-01"})),
     "new_due", "2020-01-01"),
    ("steps not a list", _bad(lambda e: e.update(events={"type": "submitted"})), "events",
     '{"type": "submitted"}'),
    ("the old form of authorisation", _bad(lambda e: e.update(
        authorisation={"type": "approval_conditional_time_limited", "date": "2018-12-28"})), "authorisation",
     '{"type": "approval_conditional_time_limited", "date": "2018-12-28"}'),
]


def _seed_with(tmp_path: Path, obligations) -> Path:
    doc = copy.deepcopy(_seed())
    track = _track(doc, "Stemirac", "JP")
    track["obligations"] = obligations
    path = tmp_path / "with_obligations.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _assert_refused(exc: InvalidInput, field: str, value: str) -> None:
    where, *why = exc.problems
    assert (where.field, where.value, where.code) == ("product", "Stemirac", "seed.obligation_refused")
    assert where.params["track"].jurisdiction == "JP"
    assert any((p.field, p.value) == (field, value) for p in why), [(p.field, p.value, p.code) for p in why]
    english, chinese = exc.message("en"), exc.message("zh_CN")
    assert "Stemirac" in english and "JP" in english and field in english and "nothing was created" in english
    assert "Stemirac" in chinese and "未创建任何内容" in chinese


@pytest.mark.parametrize(("what", "entry", "field", "value"), BAD, ids=[b[0] for b in BAD])
def test_a_bad_obligation_refuses_the_data_set_and_leaves_the_database_unchanged(tmp_path, what, entry, field,
                                                                                  value):
    seed = _seed_with(tmp_path, [entry])
    db = tmp_path / "empty.sqlite"
    init_database(str(db), empty=True).close()
    before = table_dump(db)
    ws = open_workspace(str(db), daily_backup=False)
    try:
        with pytest.raises(InvalidInput) as refused, ws.db.write() as s:
            load_seed(s, seed)
    finally:
        ws.close()
    _assert_refused(refused.value, field, value)
    assert table_dump(db) == before


@pytest.mark.parametrize(("obligations", "field", "value"), [
    ({"kind": "other"}, "obligations", '{"kind": "other"}'),
    ([_good(), _good()], "text_en", "Apply for approval again."),
])
def test_a_bad_list_of_obligations_is_refused(tmp_path, obligations, field, value):
    seed = _seed_with(tmp_path, obligations)
    db = tmp_path / "new.sqlite"
    with pytest.raises(InvalidInput) as refused:
        init_database(str(db), seed_path=seed)
    _assert_refused(refused.value, field, value)
    assert not db.exists()


def test_a_bad_obligation_is_refused_before_the_first_record_is_written(tmp_path, monkeypatch):
    """The last product's obligation is wrong: no product may have been written when it is found."""
    doc = copy.deepcopy(_seed())
    last = doc["products"][-1]
    marketing = next(t for t in last["tracks"] if t["events"])
    marketing["obligations"] = [{"authorisation": "no_such_event", "authorisation_date": "2020-01-01",
                                 "kind": "other", "text_en": "x"}]
    seed = tmp_path / "late_error.json"
    seed.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    written: list[str] = []
    original = repo.create_product
    monkeypatch.setattr(repo, "create_product", lambda *a, **k: written.append("product") or original(*a, **k))
    with pytest.raises(InvalidInput) as refused:
        init_database(str(tmp_path / "new.sqlite"), seed_path=seed)
    assert refused.value.problems[0].value == last["name"]
    assert written == []


def test_the_command_line_refuses_a_bad_data_set_without_a_traceback(tmp_path):
    seed = _seed_with(tmp_path, [_bad(lambda e: e.update(kind="promise"))])
    db = tmp_path / "new.sqlite"
    for lang, words in (("en", ("Stemirac", "kind", "promise", "nothing was created")),
                        ("zh_CN", ("Stemirac", "义务类型", "promise", "未创建任何内容"))):
        done = run("--db", str(db), "--lang", lang, "init", env={"MSCREG_SEED": str(seed)})
        assert done.returncode == 2, done.stdout + done.stderr
        assert "Traceback" not in done.stderr and all(w in done.stderr for w in words), done.stderr
        assert not db.exists()
