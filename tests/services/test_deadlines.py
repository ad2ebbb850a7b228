"""Deadlines across the seeded database, and the calendar export."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from mscreg.domain.event import EventDraft
from mscreg.domain.track import TrackDraft
from mscreg.services.calendar_export import export_ics
from mscreg.services.deadlines import deadline_json, deadlines
from mscreg.services.tracker import record_event, update_event

AS_OF = dt.date(2025, 12, 1)


def _by(ws, as_of=AS_OF, **kw):
    return {(d.product.name, d.clock.track.jurisdiction, d.clock.rule.id): d for d in deadlines(ws, as_of, **kw)}



def _cats(entry):
    """An entry's categories as words (icalendar gives one property, or a list of them)."""
    value = entry.get("categories")
    return {str(word) for prop in (value if isinstance(value, list) else [value]) for word in prop.cats}

def test_stemirac_limit_is_met_by_the_application(workspace):
    d = _by(workspace)[("Stemirac", "JP", "jp-ctl-expiry")]
    row = deadline_json(d, AS_OF)
    assert (row["due_earliest"], row["due_latest"], row["status"]) == ("2025-12-28", "2025-12-28", "met")
    assert row["settled_by"] == {"type": "full_approval_application_filed", "date": "2025-11-14"}
    assert row["basis"].startswith("PMD Act")


def test_seeded_deadlines_as_of_a_day(workspace):
    by = _by(workspace)
    assert by[("Akuugo", "JP", "jp-ctl-expiry")].clock.due.earliest == dt.date(2031, 7, 31)
    assert by[("Akuugo", "JP", "jp-ctl-expiry")].clock.status.value == "upcoming"
    assert by[("Amimestrocel Injection", "CN", "cn-certificate-expiry")].clock.due.earliest == dt.date(2030, 1, 2)
    assert by[("Amimestrocel Injection", "CN", "cn-reregistration-due")].clock.due.earliest == dt.date(2029, 7, 2)
    # Alofisel's EU five-year term was renewed (inferred from its validity at withdrawal): the term's clock
    # was met by the renewal, and no EU clock of Alofisel is still open after the withdrawal
    assert _by(workspace, include_stopped=True)[("Alofisel", "EU", "eu-ma-expiry")].clock.status.value == "met"
    assert not [k for k, d in by.items() if k[:2] == ("Alofisel", "EU") and d.clock.is_open]


def test_before_stemirac_was_approved_there_was_no_clock(workspace):
    assert ("Stemirac", "JP", "jp-ctl-expiry") not in _by(workspace, dt.date(2018, 12, 1))


def _ics(path):
    return [c for c in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]


def test_ics_export_round_trip_stable_uids_and_sequence(workspace, tmp_path):
    out = tmp_path / "deadlines.ics"
    record_event(workspace, product="艾米迈托赛注射液", track=TrackDraft("CN", "aGVHD, paediatric", "clinical"),
                 draft=EventDraft("cta_accepted", "2026-10-09"), reason="CDE 受理通知书")
    as_of = dt.date(2026, 11, 21)
    n = export_ics(workspace, out, as_of)
    first = _ics(out)
    assert n.total == len(first) > 0
    by_uid = {str(e["uid"]): e for e in first}
    amim = [e for e in first if "艾米迈托赛注射液" in str(e["summary"])]
    assert amim, "Chinese product names are kept"
    cta = next(e for e in amim if "cn-cta-implied-permission" in str(e["uid"]))
    # by hand: Sat 10 Oct 2026 is a make-up day (1); then 11 full weeks to Fri 25 Dec (56); 28-31 Dec (60)
    assert cta.decoded("dtstart") == dt.date(2026, 12, 31)
    alarm = cta.walk("VALARM")[0]
    assert alarm.decoded("trigger") == -dt.timedelta(days=14)
    assert int(cta["sequence"]) == 0

    # exporting again without changes: same UIDs, same bytes
    before = out.read_bytes()
    export_ics(workspace, out, as_of)
    assert out.read_bytes() == before

    # the anchor date is corrected: same UID, SEQUENCE goes up, due date moves
    event_id = int(str(cta["uid"]).split("-")[-1].split("@")[0])
    update_event(workspace, event_id, EventDraft("cta_accepted", "2026-10-16"), reason="corrected acceptance date")
    export_ics(workspace, out, as_of)
    again = {str(e["uid"]): e for e in _ics(out)}
    assert set(again) == set(by_uid)
    moved = again[str(cta["uid"])]
    assert int(moved["sequence"]) == 1 and moved.decoded("dtstart") > cta.decoded("dtstart")


def test_ics_range_for_imprecise_anchor_spans_the_range(workspace, tmp_path):
    out = tmp_path / "d.ics"
    export_ics(workspace, out, dt.date(2026, 11, 21))
    cartistem = next(e for e in _ics(out) if "us-ind-annual-report" in str(e["uid"]))
    assert (cartistem.decoded("dtend") - cartistem.decoded("dtstart")).days > 300  # anchor known only to the year


def test_ics_history_designations_and_holders_follow_the_as_of_day(workspace, tmp_path):
    """A designation or a change of holder is history once its date has come; a corrected date moves the same
    entry (SEQUENCE up); before its date it is not in the calendar at all."""
    from mscreg.services.holders import add_transfer

    out = tmp_path / "h.ics"
    record_event(workspace, product="Ryoncil", track=TrackDraft("JP", "Testing track", "clinical"),
                 draft=EventDraft("designation_orphan", "2026-03"), reason="MHLW list", new_track=True)
    result = add_transfer(workspace, product="Ryoncil", jurisdiction="JP", role="licensee", date="2026-06-15",
                          from_party="", to_party="JCR Pharmaceuticals", source="press release", reason="r")
    counts = export_ics(workspace, out, dt.date(2026, 4, 30))
    uids = {str(e["uid"]): e for e in _ics(out)}
    assert f"mscreg-holder-{result.transfer.id}@mscreg" not in uids  # not yet on 30 April
    orphan = [e for e in uids.values() if "designation" in _cats(e) and "Testing track" in str(
        e["description"]).replace("\n ", "")]
    assert len(orphan) == 1 and orphan[0].decoded("dtstart") == dt.date(2026, 3, 1)
    assert orphan[0].decoded("dtend") == dt.date(2026, 4, 1)  # the month, all of it
    assert counts.total == len(uids)

    export_ics(workspace, out, dt.date(2026, 12, 5))
    licence = {str(e["uid"]): e for e in _ics(out)}[f"mscreg-holder-{result.transfer.id}@mscreg"]
    assert "JCR Pharmaceuticals" in str(licence["summary"]) and int(licence["sequence"]) == 0
    assert licence.decoded("dtstart") == dt.date(2026, 6, 15) and not licence.walk("VALARM")


def test_a_clock_counted_from_a_deemed_permission_has_a_uid_naming_that_day(workspace, tmp_path):
    """A trial application that the law put in effect without a recorded letter has no event to name; its
    clocks' calendar entries are named by the deemed day, the same at every export."""
    out = tmp_path / "d.ics"
    record_event(workspace, product="Stemirac", track=TrackDraft("US", "spinal cord injury", "clinical"),
                 draft=EventDraft("ind_submitted", "2024-01-31"), reason="IND filed")
    export_ics(workspace, out, dt.date(2024, 6, 1))
    uids = [str(e["uid"]) for e in _ics(out)]
    assert not [u for u in uids if "None" in u]
    annual = [u for u in uids if "us-ind-annual-report" in u and "deemed-2024-03-01" in u]
    assert annual, uids
    export_ics(workspace, out, dt.date(2024, 6, 1))
    assert [str(e["uid"]) for e in _ics(out)] == uids
