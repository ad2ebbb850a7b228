"""The audit trail as people read it: names instead of ids, old → new, filters, and the chain check."""

from __future__ import annotations

import datetime as dt
import sqlite3

from mscreg.domain.event import EventDraft
from mscreg.domain.track import TrackDraft
from mscreg.services.audit_trail import AuditFilter, filter_entries, list_audit, verify
from mscreg.services.tracker import record_event


def test_seeded_trail_names_what_each_row_is_about(workspace):
    entries = list_audit(workspace)
    assert entries[0].id > entries[-1].id  # newest first
    first = entries[-1]
    assert (first.entity, first.action) == ("product", "create")
    assert first.subject("en") == "Amimestrocel Injection"
    events = [e for e in entries if e.entity == "event" and e.context.get("product") == "Ryoncil"]
    assert events and all(e.subject("en").startswith("Ryoncil / US: ") for e in events)
    assert any("临床" in e.subject("zh_CN") or "上市" in e.subject("zh_CN")
               for e in entries if e.entity == "track")
    assert all(e.at_utc.tzinfo is not None and e.at_utc.utcoffset() == dt.timedelta(0) for e in entries)


def test_obligations_and_their_steps_are_named_in_the_readers_language(workspace):
    """An obligation's row names its product, track and kind, and a step names what happened and when; the
    Chinese reading uses the Chinese names the records hold, and Chinese punctuation."""
    entries = list_audit(workspace)
    created = next(e for e in entries if e.entity == "obligation" and e.context.get("product") == "Stemirac")
    assert created.subject("en").startswith("Stemirac / JP / neurological symptoms")
    assert ": Use-results survey: " in created.subject("en")
    zh = created.subject("zh_CN")
    assert zh.startswith("Stemirac / JP / 外伤性脊髓损伤所致神经症状") and "：使用成绩调查：" in zh
    step = next(e for e in entries if e.entity == "obligation_event" and e.context.get("product") == "Stemirac")
    assert step.subject("en").endswith(": Use-results survey: submitted by the holder (2025-11-14)")
    assert step.subject("zh_CN").endswith("：使用成绩调查：持有人已提交（2025-11-14）")
    track = next(e for e in entries if e.entity == "track" and e.context.get("product") == "Amimestrocel Injection")
    assert track.subject("zh_CN").startswith("艾米迈托赛注射液 / CN / 激素治疗失败")
    event = next(e for e in entries if e.entity == "event" and e.context.get("product") == "Ryoncil")
    assert event.subject("zh_CN").startswith("Ryoncil / US：")


def test_a_recorded_event_appears_first_with_reason_and_new_values(workspace):
    record_event(workspace, product="Stemirac", track=TrackDraft("JP", "", "marketing"),
                 draft=EventDraft(type="ctl_period_extended", date="2026-03", attributes={"time_limit_years": "10"}),
                 reason="MHLW notice of extension")
    newest = list_audit(workspace)[0]
    assert newest.entity == "event" and newest.action == "create"
    assert newest.reason == "MHLW notice of extension"
    assert newest.subject("en") == "Stemirac / JP: Time limit extended (2026-03)"
    changes = {c.field: (c.old, c.new) for c in newest.changes}
    assert changes["date"] == (None, "2026-03")


def test_filters_by_text_entity_action_actor_and_dates(workspace):
    entries = list_audit(workspace)
    tracks = filter_entries(entries, AuditFilter(entity="track"))
    assert tracks and all(e.entity == "track" for e in tracks)
    assert filter_entries(entries, AuditFilter(action="delete")) == []
    ryoncil = filter_entries(entries, AuditFilter(text="ryoncil us"))
    us_events = [e for e in entries if e.subject("en").startswith("Ryoncil / US")]
    assert us_events and set(map(id, us_events)) <= set(map(id, ryoncil))
    assert all("ryoncil" in e.haystack() for e in ryoncil)
    assert len(ryoncil) < len(entries)
    chinese = filter_entries(entries, AuditFilter(text="艾米迈托赛"))
    # tracks, events and the obligation via the product
    assert {e.entity for e in chinese} == {"product", "track", "event", "obligation"}
    actor = entries[0].actor
    assert len(filter_entries(entries, AuditFilter(actor=actor))) == len(entries)
    assert filter_entries(entries, AuditFilter(actor=actor + "-someone-else")) == []
    day = entries[0].at_local.date()
    assert len(filter_entries(entries, AuditFilter(since=day, until=day))) == len(entries)
    assert filter_entries(entries, AuditFilter(until=day - dt.timedelta(days=1))) == []


def test_verify_reports_ok_then_the_first_tampered_row(workspace, seeded_db):
    assert verify(workspace).ok
    con = sqlite3.connect(seeded_db)
    triggers = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='trigger' "
                                          "AND tbl_name='audit_log'")]
    for name in triggers:
        con.execute(f'DROP TRIGGER "{name}"')
    con.execute("UPDATE audit_log SET reason='nothing to see' WHERE id=7")
    con.commit()
    con.close()
    report = verify(workspace)
    assert not report.ok and report.chain.broken_id == 7
    assert "7" in report.summary("en")
