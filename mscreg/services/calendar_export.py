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

Designations (granted and withdrawn) and changes of holder or licensee known on the as-of day are
exported as history: all-day items over their recorded date's range, marked confirmed, without a
reminder, so a calendar shows when RMAT was granted or Osiris handed Prochymal to Mesoblast beside what is
due.  Their UIDs come from the event or the transfer, so a corrected date moves the entry.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mscreg.domain.designation import GRANTS
from mscreg.domain.event_types import EVENT_TYPES
from mscreg.domain.jurisdictions import JURISDICTIONS
from mscreg.domain.messages import text
from mscreg.services import output_files
from mscreg.services.deadlines import Deadline, deadlines_of, obligation_deadlines
from mscreg.services.obligations import ObligationView
from mscreg.services.tracker import ProductOverview, product_overviews
from mscreg.services.workspace import Workspace
from mscreg.storage import repositories as repo

if TYPE_CHECKING:
    from collections.abc import Iterable

    from icalendar import Alarm, Event

    from mscreg.domain.clocks import Due
    from mscreg.domain.event import RegulatoryEvent
    from mscreg.domain.holder import HolderTransfer
    from mscreg.domain.partial_date import PartialDate
    from mscreg.domain.product import Product
    from mscreg.domain.track import Track

SEQUENCE_KEY = "ics_sequences"
REMINDER_DAYS = 14
# the event types a calendar's history holds: every designation granted, and its withdrawal
DESIGNATION_TYPES = frozenset(GRANTS) | {"designation_withdrawn"}


@dataclass(frozen=True)
class CalendarCounts:
    """What one calendar holds, by kind, so a summary can say what was written."""

    deadlines: int  # open statutory deadlines
    obligations: int  # open obligations with a due date
    plans: int  # planned events with a date
    designations: int  # designation events known on the day
    transfers: int  # dated changes of holder or licensee known on the day

    @property
    def history(self) -> int:
        return self.designations + self.transfers

    @property
    def total(self) -> int:
        return self.deadlines + self.obligations + self.plans + self.history

    def summary(self, out: str | os.PathLike[str], lang: str) -> str:
        """What was written, as the command line and the window say it."""
        lines = [text("cli.export.deadlines", lang, count=self.deadlines + self.obligations, out=out)]
        if self.plans:
            lines.append(text("planned.ics_count", lang, count=self.plans))
        if self.history:
            lines.append(text("calendar.history_count", lang, count=self.history))
        return "\n".join(lines)


def _uid(d: Deadline) -> str:
    c = d.clock
    # A clock counted from a day the law deemed (an IND in effect, an implied permission not recorded) has
    # no recorded event to name: that day names it instead
    anchor = c.anchor.id if c.anchor.id is not None else f"deemed-{c.anchor.date.iso() if c.anchor.date else ''}"
    return f"mscreg-{c.track.id}-{c.rule.id}-{anchor}" + (f"-{c.occurrence}" if c.occurrence else "") + "@mscreg"


def _stamp(at_utc: str) -> dt.datetime:
    try:
        return dt.datetime.strptime(at_utc, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
    except ValueError:
        return dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def planned_items(overviews: Iterable[ProductOverview]) -> list[tuple[Product, Track, RegulatoryEvent]]:
    """The dated plans a calendar holds, as (product, track, event)."""
    return [(ov.product, tv.track, e) for ov in overviews for tv in ov.tracks for e in tv.plans if e.date is not None]


def history_items(overviews: Iterable[ProductOverview], as_of: dt.date
                  ) -> tuple[list[tuple[Product, Track, RegulatoryEvent]], list[tuple[Product, HolderTransfer]]]:
    """The designation events and the dated holder transfers known on ``as_of`` (their earliest possible
    day has come), as (product, track, event) and (product, transfer)."""
    designations = [(ov.product, tv.track, e) for ov in overviews for tv in ov.tracks for e in tv.events
                    if e.type in DESIGNATION_TYPES and not e.planned and e.date is not None
                    and e.date.earliest <= as_of]
    transfers = [(ov.product, t) for ov in overviews for t in sorted(ov.transfers, key=lambda t: t.order_key)
                 if t.date is not None and t.date.earliest <= as_of]
    return designations, transfers


def export_ics(ws: Workspace, out: str | os.PathLike[str], as_of: dt.date, lang: str = "en") -> CalendarCounts:
    """Write the calendar: open deadlines and obligations, dated plans, then the history of designations
    and holders; returns how many items of each kind it holds."""
    from icalendar import Calendar

    database = output_files.database_of(ws)
    output_files.check_output(out, database)  # before the sequences below are advanced
    overviews = product_overviews(ws, as_of=as_of)  # read once for the clocks, the plans and the history
    # a term that ended with nothing recorded is a track to review, not a date to put in a calendar
    items = [d for d in deadlines_of(overviews, as_of) if d.clock.is_open and not d.review]
    owed = obligation_deadlines(ws, as_of)
    plans = planned_items(overviews)
    designations, transfers = history_items(overviews, as_of)
    cal = Calendar()
    cal.add("prodid", "-//mscreg//regulatory deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", text("calendar.name", lang))
    with ws.db.write() as s:
        known = json.loads(repo.get_meta(s, SEQUENCE_KEY) or "{}")
        for d in items:
            c = d.clock
            name = _both_names(d.product)
            ev = _entry(_uid(d), c.due, text("calendar.summary", lang, product=name, what=c.rule.description(lang),
                                                where=JURISDICTIONS[c.track.jurisdiction].name(lang)),
                        known, repo.last_change(s, "event", c.anchor.id or 0))
            anchor_date = c.anchor.date.display() if c.anchor.date else ""
            lines = [
                c.track.shown_label(lang),
                f"{c.rule.id}: {c.rule.description(lang)}",
                text("calendar.basis", lang, basis=c.rule.basis),
                text("calendar.anchor", lang, event=EVENT_TYPES[c.anchor.type].name(lang), date=anchor_date),
                text("calendar.due_range" if c.due.is_range else "calendar.due", lang, date=c.due.display()),
            ]
            if c.due.provisional:
                lines.append(text("calendar.provisional", lang))
            ev.add("description", "\n".join(lines))
            ev.add("categories", ["mscreg", c.track.jurisdiction])
            ev.add("transp", "TRANSPARENT")
            ev.add_component(_reminder(text("calendar.reminder", lang, product=name, what=c.rule.description(lang),
                                            date=c.due.display())))
            cal.add_component(ev)
        for v in owed:
            cal.add_component(_obligation_event(v, known, repo.last_change(s, "obligation", v.obligation.id or 0),
                                                lang))
        for product, track, e in plans:
            assert e.date is not None and e.id is not None
            ev = _entry(f"mscreg-plan-{e.id}@mscreg", e.date,
                        text("planned.ics_summary", lang, product=_both_names(product),
                             type=EVENT_TYPES[e.type].name(lang), where=JURISDICTIONS[track.jurisdiction].name(lang)),
                        known, repo.last_change(s, "event", e.id))
            ev.add("description", "\n".join([track.shown_label(lang), text("planned.ics_description", lang,
                                                                      date=e.date.display())]))
            ev.add("categories", ["mscreg", "planned", track.jurisdiction])
            ev.add("status", "TENTATIVE")
            ev.add("transp", "TRANSPARENT")
            cal.add_component(ev)
        for product, track, e in designations:
            assert e.date is not None and e.id is not None
            summary = text("calendar.summary", lang, product=_both_names(product),
                           what=EVENT_TYPES[e.type].name(lang), where=JURISDICTIONS[track.jurisdiction].name(lang))
            cal.add_component(_history_event(
                f"mscreg-designation-{e.id}@mscreg", e.date, summary, [track.shown_label(lang), e.source],
                ["mscreg", "designation", track.jurisdiction], known, repo.last_change(s, "event", e.id), lang))
        for product, t in transfers:
            assert t.date is not None and t.id is not None
            summary = text("calendar.transfer_summary", lang, product=_both_names(product),
                           role=text(f"holder.role.{t.role.value}", lang), old=t.from_party or "—",
                           new=t.to_party or "—", where=JURISDICTIONS[t.jurisdiction].name(lang))
            cal.add_component(_history_event(
                f"mscreg-holder-{t.id}@mscreg", t.date, summary, [t.source, t.note],
                ["mscreg", "holder", t.jurisdiction], known, repo.last_change(s, "holder_transfer", t.id), lang))
        repo.set_meta(s, SEQUENCE_KEY, json.dumps(known, sort_keys=True))
        # Inside the transaction: if the file cannot be written, the sequences are not advanced either.
        with output_files.written(out, database) as tmp:
            tmp.write_bytes(cal.to_ical())
    return CalendarCounts(len(items), len(owed), len(plans), len(designations), len(transfers))


def _both_names(product: Product) -> str:
    return product.name + (f" {product.name_zh}" if product.name_zh else "")


def _history_event(uid: str, date: PartialDate, summary: str, details: list[str], categories: list[str],
                   known: dict[str, list[Any]], last: dict[str, str], lang: str) -> Event:
    """A past fact as an all-day item over its date's range: confirmed, free time, no reminder."""
    ev = _entry(uid, date, summary, known, last)
    lines = [text("calendar.history_description", lang, date=date.display()), *details]
    ev.add("description", "\n".join(line for line in lines if line))
    ev.add("categories", categories)
    ev.add("status", "CONFIRMED")
    ev.add("transp", "TRANSPARENT")
    return ev


def _entry(uid: str, dates: PartialDate | Due, summary: str, known: dict[str, list[Any]],
           last: dict[str, str]) -> Event:
    """An all-day item over ``dates`` (a due date or a partial date: its earliest to its latest day) with
    its lifelong UID; SEQUENCE goes up from the last export's when the range moved (``known`` holds each
    UID's last range and sequence), and DTSTAMP is when its record last changed (``last``), so an
    unchanged item exports byte-identical."""
    from icalendar import Event

    span = [dates.earliest.isoformat(), dates.latest.isoformat()]
    previous = known.get(uid)
    sequence = 0 if previous is None else previous[2] + (previous[:2] != span)
    known[uid] = [*span, sequence]
    ev = Event()
    ev.add("uid", uid)
    ev.add("dtstamp", _stamp(last["at"]))
    ev.add("sequence", sequence)
    ev.add("summary", summary)
    ev.add("dtstart", dates.earliest)
    ev.add("dtend", dates.latest + dt.timedelta(days=1))
    return ev


def _reminder(description: str) -> Alarm:
    """The reminder a deadline carries, :data:`REMINDER_DAYS` before its first day."""
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", dt.timedelta(days=-REMINDER_DAYS))
    alarm.add("description", description)
    return alarm


def _obligation_event(v: ObligationView, known: dict[str, list[Any]], last: dict[str, str], lang: str) -> Event:
    """An open obligation's due date as an all-day event; its UID is the obligation's own, so an
    extension moves the entry (SEQUENCE up) instead of adding one."""
    o, due = v.obligation, v.state.due
    assert due is not None
    name = _both_names(v.product)
    kind = text(f"obligation.kind.{o.kind.value}", lang)
    ev = _entry(f"mscreg-obligation-{o.id}@mscreg", due,
                text("calendar.summary", lang, product=name, what=kind,
                     where=JURISDICTIONS[v.track.jurisdiction].name(lang)), known, last)
    auth = v.authorisation
    lines = [v.track.shown_label(lang), f"{kind}: {v.text(lang)}",
             text("calendar.authorised_by", lang, event=EVENT_TYPES[auth.type].name(lang),
                  date=auth.date.display() if auth.date else "") if auth else "",
             text("calendar.due", lang, date=due.display()),
             text("calendar.owner", lang, owner=o.owner) if o.owner else "", o.source]
    ev.add("description", "\n".join(line for line in lines if line))
    ev.add("categories", ["mscreg", "obligation", v.track.jurisdiction])
    ev.add("transp", "TRANSPARENT")
    ev.add_component(_reminder(text("calendar.reminder", lang, product=name, what=kind, date=due.display())))
    return ev
