"""Attacks on post-authorisation obligations: bad kinds, due dates and rules, steps that cannot have
happened, deleting what an obligation hangs on, editing an obligation behind mscreg's back, and a
database made before obligations existed.  Every refusal changes nothing."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from support import run, without_shipped_obligations

from mscreg.domain.errors import Conflict, InvalidInput, NotFound, TransitionRefused
from mscreg.domain.obligation import ObligationDraft
from mscreg.services import obligations as obl
from mscreg.services import tracker
from mscreg.services.workspace import open_workspace
from mscreg.storage import audit
from mscreg.storage import repositories as repo

STEMIRAC_APPROVAL = "approval_conditional_time_limited"


@pytest.fixture
def seeded_db(seeded_db):
    """The seeded database without the data set's own obligations: these tests count from none."""
    return without_shipped_obligations(seeded_db)


def _tables(db) -> dict[str, list[tuple]]:
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall()
                for t in ("products", "tracks", "events", "obligations", "obligation_events", "audit_log")}
    finally:
        con.close()


def _add(ws, **kw) -> obl.ObligationView:
    draft = kw.pop("draft", ObligationDraft("use_results_survey", "Use-results survey of all treated patients",
                                            text_zh="全例使用成绩调查", due_rule="7 years", owner="RA Japan",
                                            source="https://www.pmda.go.jp/"))
    return obl.add_obligation(ws, draft=draft, reason=kw.pop("reason", "conditions of approval"),
                              product="Stemirac", jurisdiction="JP", authorisation_type=STEMIRAC_APPROVAL, **kw)


@pytest.mark.parametrize(("draft", "field"), [
    (ObligationDraft("promise", "x"), "kind"),
    (ObligationDraft("pmr", "x", due="2031-13-01"), "due"),
    (ObligationDraft("pmr", "x", due_rule="5 decades"), "due_rule"),
    (ObligationDraft("pmr", "x", due_rule="0 years"), "due_rule"),
    (ObligationDraft("pmr", "x", due_rule="99 years"), "due_rule"),
    (ObligationDraft("pmr", "x", due="2030", due_rule="5 years"), "due_rule"),
    (ObligationDraft("pmr", "  "), "text_en"),
])
def test_a_bad_kind_due_date_or_rule_is_refused_naming_the_field_and_nothing_is_written(seeded_db, draft, field):
    before = _tables(seeded_db)
    with open_workspace(str(seeded_db), daily_backup=False) as ws, pytest.raises(InvalidInput) as info:
        _add(ws, draft=draft)
    assert info.value.problems[0].field == field
    assert _tables(seeded_db) == before


def test_an_obligation_of_an_event_that_imposes_none_is_refused(seeded_db):
    before = _tables(seeded_db)
    with open_workspace(str(seeded_db), daily_backup=False) as ws:
        submitted = next(e for e in tracker.list_events(ws, product="Stemirac") if e.event.type == "ma_submitted").event
        with pytest.raises(InvalidInput) as info:
            obl.add_obligation(ws, draft=ObligationDraft("pmr", "x"), reason="r", authorisation_event_id=submitted.id)
        assert info.value.problems[0].code == "obligation.not_authorisation"
        with pytest.raises(InvalidInput):  # both ways of naming the authorisation at once
            obl.add_obligation(ws, draft=ObligationDraft("pmr", "x"), reason="r", product="Stemirac",
                               jurisdiction="JP", authorisation_type=STEMIRAC_APPROVAL,
                               authorisation_event_id=submitted.id)
        with pytest.raises(NotFound):
            obl.add_obligation(ws, draft=ObligationDraft("pmr", "x"), reason="r", authorisation_event_id=999999)
    assert _tables(seeded_db) == before


def test_a_step_that_cannot_have_happened_is_refused_as_a_sequence_and_changes_nothing(seeded_db):
    with open_workspace(str(seeded_db), daily_backup=False) as ws:
        o = _add(ws).obligation
        obl.record_obligation_event(ws, o.id, type="fulfilled", date="2025-06-01", reason="accepted")
        before = _tables(seeded_db)
        with pytest.raises(TransitionRefused) as info:  # anything after it was closed
            obl.record_obligation_event(ws, o.id, type="submitted", date="2025-07-01", reason="r")
        assert info.value.exit_code == 3 and info.value.problems[0].code == "obligation.after_closed"
        o2 = _add(ws, draft=ObligationDraft("pmr", "Registry", due="2030-01-01")).obligation
        before = _tables(seeded_db)
        with pytest.raises(TransitionRefused):  # an extension that does not move the due date later
            obl.record_obligation_event(ws, o2.id, type="extended", date="2025-01-01", new_due="2029-06", reason="r")
        with pytest.raises(TransitionRefused):  # before the authorisation that imposed it
            obl.record_obligation_event(ws, o2.id, type="submitted", date="2017-01-01", reason="r")
        with pytest.raises(InvalidInput):  # in the future
            obl.record_obligation_event(ws, o2.id, type="submitted",
                                        date=(dt.date.today() + dt.timedelta(days=3)).isoformat(), reason="r")
        with pytest.raises(InvalidInput):  # a new due date on anything but an extension
            obl.record_obligation_event(ws, o2.id, type="submitted", date="2025-01-01", new_due="2031", reason="r")
    assert _tables(seeded_db) == before


def test_deleting_the_authorisation_or_its_track_is_refused_naming_the_obligations(seeded_db):
    from mscreg.services import editing

    with open_workspace(str(seeded_db), daily_backup=False) as ws:
        view = _add(ws)
        before = _tables(seeded_db)
        with pytest.raises(Conflict) as info:
            tracker.delete_event(ws, view.authorisation.id, reason="mistake")
        message = info.value.message("en")
        assert f"#{view.obligation.id} use_results_survey" in message and "Delete them first" in message
        assert "全例使用成绩调查" not in message and "上市后义务" in info.value.message("zh_CN")
        with pytest.raises(Conflict) as info:
            editing.delete_track(ws, view.track.id, reason="mistake")
        assert info.value.problems[0].code == "track.has_obligations"
        with pytest.raises(Conflict) as info:  # an obligation with steps: its steps go first
            obl.record_obligation_event(ws, view.obligation.id, type="submitted", date="2025-01-01", reason="r")
            obl.delete_obligation(ws, view.obligation.id, reason="r")
        assert info.value.problems[0].code == "obligation.has_events"
    after = _tables(seeded_db)
    assert len(after["obligation_events"]) == 1 and after["events"] == before["events"]


def test_the_database_itself_refuses_deleting_an_authorisation_with_obligations(seeded_db):
    with open_workspace(str(seeded_db), daily_backup=False) as ws:
        view = _add(ws)
    con = sqlite3.connect(seeded_db)
    con.execute("PRAGMA foreign_keys=ON")
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("DELETE FROM events WHERE id = ?", (view.authorisation.id,))
    con.close()


def test_an_update_is_audited_old_to_new_and_check_passes(seeded_db):
    with open_workspace(str(seeded_db), daily_backup=False) as ws:
        o = _add(ws).obligation
        obl.update_obligation(ws, o.id, ObligationDraft("use_results_survey", o.text_en, text_zh=o.text_zh,
                                                        due="2025-12-27", owner="RA Tokyo", source=o.source),
                              reason="date as in the approval letter", expected_version=o.version)
        with pytest.raises(Conflict):  # the version the user saw is gone
            obl.update_obligation(ws, o.id, ObligationDraft("pmr", "x"), reason="r", expected_version=o.version)
        with ws.db.read() as s:
            rows = [r for r in audit.replay(s) if r[0] == "obligation"]
            assert rows == [("obligation", o.id)]
    con = sqlite3.connect(seeded_db)
    changes, reason = con.execute("SELECT changes, reason FROM audit_log WHERE entity = 'obligation' "
                                  "AND action = 'update'").fetchone()
    con.close()
    assert reason == "date as in the approval letter"
    assert json.loads(changes) == {"due": [None, "2025-12-27"], "due_rule": ["7 years", None],
                                   "owner": ["RA Japan", "RA Tokyo"]}
    assert run("--db", str(seeded_db), "check").returncode == 0


@pytest.mark.parametrize("edit", [
    "UPDATE obligations SET owner = 'someone else'",
    "UPDATE obligations SET due_rule = '9 years'",
    "UPDATE obligation_events SET date_text = '2025-02-01'",
    "DELETE FROM obligation_events",
])
def test_check_fails_when_an_obligation_is_edited_outside_mscreg(seeded_db, edit):
    with open_workspace(str(seeded_db), daily_backup=False) as ws:
        o = _add(ws).obligation
        obl.record_obligation_event(ws, o.id, type="submitted", date="2025-01-01", reason="report sent")
    assert run("--db", str(seeded_db), "check").returncode == 0
    con = sqlite3.connect(seeded_db)
    con.execute(edit)
    con.commit()
    con.close()
    proc = run("--db", str(seeded_db), "check")
    assert proc.returncode == 7, proc.stdout + proc.stderr
    assert "obligation" in proc.stdout + proc.stderr


def test_a_database_at_the_previous_head_upgrades_and_keeps_everything(seeded_db):
    """Made as the release before obligations made it: the same schema without the two tables, stamped
    at its head.  Opening it adds them; every row and the trail are kept, and obligations then work."""
    con = sqlite3.connect(seeded_db)
    con.executescript("DROP TABLE obligation_events; DROP TABLE obligations; "
                      "UPDATE alembic_version SET version_num = '7e2d4c1a9b30';")
    con.commit()
    tables = ("products", "product_aliases", "tracks", "events", "audit_log", "meta")
    columns = {t: ", ".join(r[1] for r in con.execute(f"PRAGMA table_info({t})")) for t in tables}
    old = {t: con.execute(f"SELECT {columns[t]} FROM {t} ORDER BY 1").fetchall() for t in tables}
    con.close()
    with open_workspace(str(seeded_db), daily_backup=False) as ws:
        with ws.db.read() as s:
            assert audit.verify_chain(s).ok and repo.verify_records(s) is None
        _add(ws)
        with ws.db.read() as s:
            assert repo.verify_records(s) is None
    con = sqlite3.connect(seeded_db)
    new = {t: con.execute(f"SELECT {columns[t]} FROM {t} ORDER BY 1").fetchall() for t in old}
    head = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    con.close()
    from mscreg.storage.migrate import HEAD_REVISION

    assert head == HEAD_REVISION
    assert new["audit_log"][:len(old["audit_log"])] == old["audit_log"]
    assert {t: new[t] for t in old if t not in ("audit_log", "meta")} == {
        t: old[t] for t in old if t not in ("audit_log", "meta")}


# ----- exchange: CSV puts them in a file of their own beside the events, XLSX in an obligations sheet, JSON
# nests them under their track ------------------------------------------------------------------------------


def _with_obligations(ws) -> None:
    o = _add(ws).obligation
    obl.record_obligation_event(ws, o.id, type="submitted", date="2025-11-14", reason="report filed")
    obl.record_obligation_event(ws, o.id, type="extended", date="2025-11-20", new_due="2026-06-30", reason="agreed")
    obl.add_obligation(ws, draft=ObligationDraft("confirmatory_trial", "Phase 4", due="~2019-05"), reason="r",
                       product="Stempeucel", jurisdiction="IN",
                       indication="critical limb ischaemia (Buerger's disease; atherosclerotic PAD)",
                       authorisation_type="approval_limited")


def _obligation_facts(ws) -> list:
    return sorted((v.product.name, v.authorisation.type, v.obligation.kind.value, v.obligation.text_en,
                   v.obligation.text_zh, v.obligation.due, v.obligation.due_rule, v.obligation.owner,
                   v.obligation.source, tuple((e.type, e.date, e.new_due, e.source, e.note) for e in v.events))
                  for v in obl.list_obligations(ws))


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_obligations_round_trip_and_a_re_import_changes_nothing(seeded_db, tmp_path, fmt):
    from mscreg.services.exchange.exporting import export_database
    from mscreg.services.exchange.importing import import_file
    from mscreg.services.workspace import init_database

    out = tmp_path / f"all.{fmt}"
    with open_workspace(str(seeded_db), daily_backup=False) as ws:
        _with_obligations(ws)
        result = export_database(ws, fmt, out)
        files = [out, *([tmp_path / "all-obligations.csv"] if fmt == "csv" else [])]
        assert result.obligations_file == (str(files[1]) if fmt == "csv" else "")
        facts = _obligation_facts(ws)
        plan = import_file(ws, files[-1])
        assert not plan.changes_anything and plan.counts()["obligations"]["unchanged"] == 2
    ws = init_database(str(tmp_path / "empty.sqlite"), empty=True)
    try:
        plans = [import_file(ws, f) for f in files]
        assert plans[-1].counts()["obligations"] == {"created": 2, "changed": 0, "unchanged": 0, "steps_created": 2}
        assert _obligation_facts(ws) == facts
        trail = _tables(tmp_path / "empty.sqlite")["audit_log"]
        assert not any(import_file(ws, f).changes_anything for f in files)
        assert _tables(tmp_path / "empty.sqlite")["audit_log"] == trail
        with ws.db.read() as s:
            assert repo.verify_records(s) is None
    finally:
        ws.close()


def _json_doc(ws, tmp_path):
    from mscreg.services.exchange.exporting import export_database

    out = tmp_path / "all.json"
    export_database(ws, "json", out)
    return json.loads(out.read_text(encoding="utf-8")), out


def _stemirac_obligation(doc) -> dict:
    p = next(p for p in doc["products"] if p["name"] == "Stemirac")
    return next(t for t in p["tracks"] if "obligations" in t)["obligations"][0]


def test_a_key_left_out_keeps_its_value_and_a_changed_one_is_audited_old_to_new(seeded_db, tmp_path):
    from mscreg.services.exchange.importing import import_file

    with open_workspace(str(seeded_db), daily_backup=False) as ws:
        _with_obligations(ws)
        doc, out = _json_doc(ws, tmp_path)
        o = _stemirac_obligation(doc)
        del o["owner"], o["text_zh"], o["events"]
        o["source"] = "https://www.pmda.go.jp/review"
        out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        plan = import_file(ws, out)
        assert plan.counts()["obligations"]["changed"] == 1
        [v] = [v for v in obl.list_obligations(ws) if v.product.name == "Stemirac"]
        assert (v.obligation.owner, v.obligation.text_zh, len(v.events)) == ("RA Japan", "全例使用成绩调查", 2)
    con = sqlite3.connect(seeded_db)
    changes = con.execute("SELECT changes FROM audit_log WHERE entity = 'obligation' AND action = 'update'").fetchone()
    con.close()
    assert json.loads(changes[0]) == {"source": ["https://www.pmda.go.jp/", "https://www.pmda.go.jp/review"]}


@pytest.mark.parametrize(("edit", "column", "value"), [
    (lambda o: o.update(kind="promise"), "kind", "promise"),
    (lambda o: o.update(authorisation_date="2018-12-29"), "authorisation", "approval_conditional_time_limited"),
    (lambda o: o.update(due_rule="5 decades"), "due_rule", "5 decades"),
    (lambda o: o["events"].append({"type": "submitted", "date": "2017-01-10"}), "step", "2017-01-10"),
])
def test_a_refused_obligation_names_where_and_the_whole_file_changes_nothing(seeded_db, tmp_path, edit, column,
                                                                            value):
    from mscreg.services.exchange.importing import import_file
    from mscreg.services.exchange.records import ImportRefused

    with open_workspace(str(seeded_db), daily_backup=False) as ws:
        _with_obligations(ws)
        doc, out = _json_doc(ws, tmp_path)
        edit(_stemirac_obligation(doc))
        doc["products"][0]["notes"] = "a change that must not be written either"
        out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        before = _tables(seeded_db)
        with pytest.raises(ImportRefused) as info:
            import_file(ws, out)
    issue = info.value.issues[0]
    assert ".obligations[0]" in issue.sheet and issue.column == column and value in issue.value
    assert _tables(seeded_db) == before


def test_an_xlsx_row_without_the_owner_column_keeps_the_owner(seeded_db, tmp_path):
    import openpyxl

    from mscreg.services.exchange.exporting import export_database
    from mscreg.services.exchange.importing import import_file

    with open_workspace(str(seeded_db), daily_backup=False) as ws:
        _with_obligations(ws)
        out = tmp_path / "all.xlsx"
        export_database(ws, "xlsx", out)
        book = openpyxl.load_workbook(out)
        sheet = book["obligations"]
        header = [c.value for c in sheet[1]]
        sheet.delete_cols(header.index("owner") + 1)
        book.save(out)
        plan = import_file(ws, out)
        assert not plan.changes_anything
        assert {v.obligation.owner for v in obl.list_obligations(ws)} == {"RA Japan", ""}


def test_the_same_obligation_twice_and_an_authorisation_edited_into_something_else_are_refused(seeded_db):
    from mscreg.domain.event import EventDraft

    with open_workspace(str(seeded_db), daily_backup=False) as ws:
        view = _add(ws)
        before = _tables(seeded_db)
        with pytest.raises(Conflict) as info:  # a file could not tell the two apart
            _add(ws, draft=ObligationDraft("use_results_survey", "use-results survey of all treated PATIENTS"))
        assert info.value.problems[0].code == "obligation.duplicate"
        auth = view.authorisation
        with pytest.raises(Conflict) as info:  # no longer an authorisation: its obligations would hang on nothing
            tracker.update_event(ws, auth.id, EventDraft(type="ma_submitted", date=auth.date.iso(),
                                                         agency=auth.agency, source=auth.source), reason="r")
        assert info.value.problems[0].code == "event.has_obligations"
    assert _tables(seeded_db) == before
