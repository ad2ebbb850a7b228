"""Obligations through the services, as the command line and the window use them, on both backends:
status as of a day, due dates from a rule, which were open at a conversion, deadlines and the calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar
from support import without_shipped_obligations

from mscreg.domain.obligation import ObligationDraft
from mscreg.services import obligations as obl
from mscreg.services.calendar_export import export_ics
from mscreg.services.deadlines import obligation_deadline_json, obligation_deadlines

CLI_TRACK = "critical limb ischaemia (Buerger's disease; atherosclerotic PAD)"


@pytest.fixture
def seeded_db(seeded_db):
    """The seeded database without the data set's own obligations: these tests count from none."""
    return without_shipped_obligations(seeded_db)


def _stemirac(ws, **kw) -> obl.ObligationView:
    draft = kw.pop("draft", ObligationDraft("use_results_survey", "Use-results survey", text_zh="使用成绩调查",
                                            due_rule="7 years", owner="RA Japan"))
    return obl.add_obligation(ws, draft=draft, reason="conditions of approval", product="Stemirac",
                              jurisdiction="JP", authorisation_type="approval_conditional_time_limited", **kw)


def test_an_obligation_is_not_listed_on_a_day_before_its_authorisation(workspace):
    """On a day before the authorisation that imposed it, an obligation is not yet known: listing it as
    open there would put a condition on a product that did not yet have it."""
    v = _stemirac(workspace)  # imposed by the approval of 2018-12-28
    assert obl.list_obligations(workspace, as_of=dt.date(2018, 12, 27)) == []
    assert obl.obligations_of_products(workspace, [v.product.id], as_of=dt.date(2018, 12, 27)) == []
    [on_the_day] = obl.list_obligations(workspace, as_of=dt.date(2018, 12, 28))
    assert on_the_day.state.status.value == "open"


@pytest.mark.parametrize(("lang", "says"), [("en", " — owner not named — "), ("zh_CN", " — 负责人 未指定 — ")])
def test_an_obligation_without_an_owner_says_so(workspace, lang, says):
    v = _stemirac(workspace, draft=ObligationDraft("periodic_report", "Yearly report", due_rule="1 year"))
    line = obl.obligation_line(v, lang)
    assert says in line and "— —" not in line


def test_a_rule_is_counted_from_the_authorisation_and_the_status_follows_the_day(workspace):
    v = _stemirac(workspace)
    assert v.authorisation.date.iso() == "2018-12-28"
    states = {day: obl.list_obligations(workspace, as_of=dt.date.fromisoformat(day))[0].state
              for day in ("2020-01-01", "2025-12-10", "2026-01-01")}
    assert states["2020-01-01"].status.value == "open"
    assert states["2025-12-10"].status.value == "due-soon"
    assert states["2026-01-01"].status.value == "overdue"
    assert states["2026-01-01"].due.latest == dt.date(2025, 12, 28)
    obl.record_obligation_event(workspace, v.obligation.id, type="submitted", date="2025-11-14", reason="filed")
    [now] = obl.list_obligations(workspace, as_of=dt.date(2026, 1, 1))
    assert now.state.status.value == "submitted" and not now.state.late
    assert obl.list_obligations(workspace, as_of=dt.date(2025, 11, 1))[0].state.status.value == "open"
    obl.record_obligation_event(workspace, v.obligation.id, type="fulfilled", date="2026-02", reason="accepted")
    assert obl.list_obligations(workspace, open_only=True, as_of=dt.date(2026, 6, 1)) == []
    assert len(obl.list_obligations(workspace, open_only=True, as_of=dt.date(2026, 1, 1))) == 1


def test_an_extension_moves_the_due_date_from_its_own_day(workspace):
    v = _stemirac(workspace, draft=ObligationDraft("pmr", "Registry", due="2024-06-30"))
    obl.record_obligation_event(workspace, v.obligation.id, type="extended", date="2024-05-01", new_due="2026-06-30",
                                reason="agency agreed")
    before = obl.list_obligations(workspace, as_of=dt.date(2024, 4, 1))[0].state
    after = obl.list_obligations(workspace, as_of=dt.date(2025, 1, 1))[0].state
    assert before.due.latest == dt.date(2024, 6, 30) and after.due.latest == dt.date(2026, 6, 30)
    assert after.status.value == "open"


def test_the_obligations_open_at_a_conversion_are_named(workspace):
    open_one = obl.add_obligation(workspace, draft=ObligationDraft("confirmatory_trial", "Phase 4", due="2019-05"),
                                  reason="r", product="Stempeucel", jurisdiction="IN", indication=CLI_TRACK,
                                  authorisation_type="approval_limited")
    done = obl.add_obligation(workspace, draft=ObligationDraft("periodic_report", "PSUR"), reason="r",
                              authorisation_event_id=open_one.authorisation.id)
    obl.record_obligation_event(workspace, done.obligation.id, type="fulfilled", date="2019-01", reason="r")
    views = {v.obligation.id: v for v in obl.list_obligations(workspace, product="stempeucel")}
    assert [(e.type, e.date.iso()) for e in views[open_one.obligation.id].open_at_conversion] == [
        ("approval_full", "2020-08")]
    assert views[done.obligation.id].open_at_conversion == ()
    row = obl.obligation_json(views[open_one.obligation.id], "zh_CN")
    assert row["open_at_conversion"] == [{"id": views[open_one.obligation.id].open_at_conversion[0].id,
                                          "type": "approval_full", "date": "2020-08"}]
    assert row["kind_label"] == "确证性临床试验" and row["text"] == "Phase 4"  # no Chinese text: the English


def test_the_text_falls_back_to_the_other_language(workspace):
    v = _stemirac(workspace, draft=ObligationDraft("other", "", text_zh="仅中文"))
    assert v.text("en") == "仅中文" and v.text("zh_CN") == "仅中文"


def test_open_obligations_with_a_due_date_are_deadlines_and_calendar_entries(workspace, tmp_path):
    v = _stemirac(workspace)
    _stemirac(workspace, draft=ObligationDraft("other", "No date known"))  # open, but no due date: not a deadline
    as_of = dt.date(2025, 6, 1)
    [d] = obligation_deadlines(workspace, as_of)
    row = obligation_deadline_json(d)
    assert (row["kind"], row["obligation"], row["due_earliest"], row["status"]) == (
        "obligation", v.obligation.id, "2025-12-28", "open")
    out = tmp_path / "d.ics"
    export_ics(workspace, out, as_of)
    cal = Calendar.from_ical(out.read_bytes())
    entries = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    entry = entries[f"mscreg-obligation-{v.obligation.id}@mscreg"]
    assert entry.decoded("dtstart") == dt.date(2025, 12, 28)
    assert "Use-results survey" in str(entry["summary"])
    first = out.read_bytes()
    out.unlink()
    export_ics(workspace, out, as_of)
    assert out.read_bytes() == first  # unchanged: byte-identical
    obl.record_obligation_event(workspace, v.obligation.id, type="fulfilled", date="2025-05-01", reason="r")
    assert obligation_deadlines(workspace, as_of) == []
