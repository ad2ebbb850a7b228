"""Open deadlines as an RFC 5545 calendar that Outlook, Thunderbird or Apple Calendar can subscribe to.

Each deadline keeps one UID for life (track, rule and anchor event ids), so importing a newer export
updates the entry instead of duplicating it; when a due date moves, SEQUENCE goes up (the last
exported dates and sequences are kept in the database's meta table).  DTSTAMP is when the anchor event
was last recorded, not "now", so an unchanged deadline exports byte-identical.  A due date known only
as a range becomes an all-day event spanning the range.
"""

from __future__ import annotations

import datetime as dt
import json
import os

from mscreg.domain.jurisdictions import JURISDICTIONS
from mscreg.domain.messages import text
from mscreg.services import output_files
from mscreg.services.deadlines import Deadline, deadlines
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


def export_ics(ws: Workspace, out: str | os.PathLike[str], as_of: dt.date, lang: str = "en") -> int:
    from icalendar import Alarm, Calendar, Event

    database = output_files.database_of(ws)
    output_files.check_output(out, database)  # before the sequences below are advanced
    # a term that ended with nothing recorded is a track to review, not a date to put in a calendar
    items = [d for d in deadlines(ws, as_of) if d.clock.is_open and not d.review]
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
        repo.set_meta(s, SEQUENCE_KEY, json.dumps(known, sort_keys=True))
        # Inside the transaction: if the file cannot be written, the sequences are not advanced either.
        with output_files.written(out, database) as tmp:
            tmp.write_bytes(cal.to_ical())
    return len(items)
