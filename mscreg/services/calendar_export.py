"""Open deadlines as an RFC 5545 calendar that Outlook, Thunderbird or Apple Calendar can subscribe to.

Each deadline keeps one UID for life (track, rule and anchor event ids), so importing a newer export
updates the entry instead of duplicating it; when a due date moves, SEQUENCE goes up (the last
exported dates and sequences are kept in the database's meta table).  DTSTAMP is when the anchor event
was last recorded, not "now", so an unchanged deadline exports byte-identical.  A due date known only
as a range becomes an all-day event spanning the range.

Planned events with a date are exported too, as items whose summary says "planned" (UID from the
event id).  Like a due date, a planned date known only as a year, a quarter or a month becomes an
all-day event spanning it ("2027-Q2": 1 April to 30 June inclusive), so DTSTART is always a real day
and no day is invented inside the range; it carries no reminder, as a plan is not a deadline.
"""

from __future__ import annotations

import datetime as dt
import json
import os

from mscreg.domain.event_types import EVENT_TYPES
from mscreg.domain.jurisdictions import JURISDICTIONS
from mscreg.domain.messages import text
from mscreg.services import output_files
from mscreg.services.deadlines import Deadline, deadlines, obligation_deadlines
from mscreg.services.obligations import ObligationView
from mscreg.services.tracker import product_overviews
from mscreg.services.workspace import Workspace
from mscreg.storage import repositories as repo

SEQUENCE_KEY = "ics_sequences"
REMINDER_DAYS = 14


def _uid(d: Deadline) -> str:
    c = d.clock
    return f"mscreg-{c.track.id}-{c.rule.id}-{c.anchor.id}" + (f"-{c.occurrence}" if c.occurrence else "") + "@mscreg"


def _stamp(at_utc: str) -> dt.datetime:
    try:
        return dt.datetime.strptime(at_utc, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
    except ValueError:
        return dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def planned_items(ws: Workspace, as_of: dt.date) -> list:
    """The dated plans a calendar holds, as (product, track, event)."""
    return [(ov.product, tv.track, e) for ov in product_overviews(ws, as_of=as_of) for tv in ov.tracks
            for e in tv.plans if e.date is not None]


def export_ics(ws: Workspace, out: str | os.PathLike[str], as_of: dt.date, lang: str = "en") -> int:
    """Write the calendar; returns the number of items (open deadlines, then dated plans: see
    :func:`planned_items` for the second number alone)."""
    from icalendar import Alarm, Calendar, Event

    database = output_files.database_of(ws)
    output_files.check_output(out, database)  # before the sequences below are advanced
    # a term that ended with nothing recorded is a track to review, not a date to put in a calendar
    items = [d for d in deadlines(ws, as_of) if d.clock.is_open and not d.review]
    owed = obligation_deadlines(ws, as_of)
    plans = planned_items(ws, as_of)
    cal = Calendar()
    cal.add("prodid", "-//mscreg//regulatory deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", text("calendar.name", lang))
    with ws.db.write() as s:
        known = json.loads(repo.get_meta(s, SEQUENCE_KEY) or "{}")
        for d in items:
            c = d.clock
            uid = _uid(d)
            dates = [c.due.earliest.isoformat(), c.due.latest.isoformat()]
            previous = known.get(uid)
            sequence = 0 if previous is None else previous[2] + (previous[:2] != dates)
            known[uid] = [*dates, sequence]
            last = repo.last_change(s, "event", c.anchor.id or 0)
            name = d.product.name + (f" {d.product.name_zh}" if d.product.name_zh else "")
            country = JURISDICTIONS[c.track.jurisdiction].name(lang)
            ev = Event()
            ev.add("uid", uid)
            ev.add("dtstamp", _stamp(last["at"]))
            ev.add("sequence", sequence)
            ev.add("summary", f"{name} — {c.rule.description(lang)} ({country})")
            ev.add("dtstart", c.due.earliest)
            ev.add("dtend", c.due.latest + dt.timedelta(days=1))
            lines = [
                f"{c.track.label(lang)}",
                f"{c.rule.id}: {c.rule.description(lang)}",
                f"Basis: {c.rule.basis}",
                f"Anchor: {c.anchor.type} {c.anchor.date.display() if c.anchor.date else ''}",
                f"Due: {c.due.display()}" + (" (range: the anchor date is imprecise)" if c.due.is_range else ""),
            ]
            if c.due.provisional:
                lines.append("Provisional: counted over a year whose China holiday schedule is not yet published.")
            ev.add("description", "\n".join(lines))
            ev.add("categories", ["mscreg", c.track.jurisdiction])
            ev.add("transp", "TRANSPARENT")
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("trigger", dt.timedelta(days=-REMINDER_DAYS))
            alarm.add("description", f"{name}: {c.rule.id} due {c.due.display()}")
            ev.add_component(alarm)
            cal.add_component(ev)
        for v in owed:
            cal.add_component(_obligation_event(v, known, repo.last_change(s, "obligation", v.obligation.id or 0),
                                                lang))
        for product, track, e in plans:
            assert e.date is not None and e.id is not None
            uid = f"mscreg-plan-{e.id}@mscreg"
            dates = [e.date.earliest.isoformat(), e.date.latest.isoformat()]
            previous = known.get(uid)
            sequence = 0 if previous is None else previous[2] + (previous[:2] != dates)
            known[uid] = [*dates, sequence]
            name = product.name + (f" {product.name_zh}" if product.name_zh else "")
            ev = Event()
            ev.add("uid", uid)
            ev.add("dtstamp", _stamp(repo.last_change(s, "event", e.id)["at"]))
            ev.add("sequence", sequence)
            ev.add("summary", text("planned.ics_summary", lang, product=name, type=EVENT_TYPES[e.type].name(lang),
                                   where=JURISDICTIONS[track.jurisdiction].name(lang)))
            ev.add("dtstart", e.date.earliest)
            ev.add("dtend", e.date.latest + dt.timedelta(days=1))
            ev.add("description", "\n".join([track.label(lang), text("planned.ics_description", lang,
                                                                      date=e.date.display())]))
            ev.add("categories", ["mscreg", "planned", track.jurisdiction])
            ev.add("status", "TENTATIVE")
            ev.add("transp", "TRANSPARENT")
            cal.add_component(ev)
        repo.set_meta(s, SEQUENCE_KEY, json.dumps(known, sort_keys=True))
        # Inside the transaction: if the file cannot be written, the sequences are not advanced either.
        with output_files.written(out, database) as tmp:
            tmp.write_bytes(cal.to_ical())
    return len(items) + len(owed) + len(plans)


def _obligation_event(v: ObligationView, known: dict, last: dict[str, str], lang: str):
    """An open obligation's due date as an all-day event; its UID is the obligation's own, so an
    extension moves the entry (SEQUENCE up) instead of adding one."""
    from icalendar import Alarm, Event

    from mscreg.domain.messages import text

    o, due = v.obligation, v.state.due
    assert due is not None
    uid = f"mscreg-obligation-{o.id}@mscreg"
    dates = [due.earliest.isoformat(), due.latest.isoformat()]
    previous = known.get(uid)
    sequence = 0 if previous is None else previous[2] + (previous[:2] != dates)
    known[uid] = [*dates, sequence]
    name = v.product.name + (f" {v.product.name_zh}" if v.product.name_zh else "")
    kind = text(f"obligation.kind.{o.kind.value}", lang)
    country = JURISDICTIONS[v.track.jurisdiction].name(lang)
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", _stamp(last["at"]))
    ev.add("sequence", sequence)
    ev.add("summary", f"{name} — {kind} ({country})")
    ev.add("dtstart", due.earliest)
    ev.add("dtend", due.latest + dt.timedelta(days=1))
    auth = v.authorisation
    lines = [v.track.label(lang), f"{kind}: {v.text(lang)}",
             f"{auth.type} {auth.date.display() if auth and auth.date else ''}" if auth else "",
             f"Due: {due.display()}", f"Owner: {o.owner}" if o.owner else "", o.source]
    ev.add("description", "\n".join(line for line in lines if line))
    ev.add("categories", ["mscreg", "obligation", v.track.jurisdiction])
    ev.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", dt.timedelta(days=-REMINDER_DAYS))
    alarm.add("description", f"{name}: {kind} due {due.display()}")
    ev.add_component(alarm)
    return ev
