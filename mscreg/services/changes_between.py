"""What changed between two days: the page a regulatory-affairs lead prepares before a portfolio meeting.

Two kinds of change are reported, kept apart because they answer different questions:

* **Regulatory changes** come from the dated events themselves: every track's state is derived as of
  each of the two days (:mod:`mscreg.domain.state_as_of`), and a track whose state differs is listed
  with what it became (an approval, a conversion, a setback such as a complete response letter, an
  authorisation that ended, a trial permitted, other progress).  Events dated in the period that
  changed no state (a designation, a committee opinion) are listed as "recorded".  Deadlines whose
  due date fell in the period are listed with how they stood on the second day.
* **Data edits** come from the audit trail: what was added, changed or deleted in the database
  between the two days, whatever the dates of the events it touched.

An event known only to the month or the year belongs to the period when its whole range lies inside
it; when the range only overlaps the period it is still listed, marked as possibly in the period,
because leaving it out would hide it from both the report before and the report after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from mscreg.domain.bilingual import localized
from mscreg.domain.clocks import Clock, track_clocks
from mscreg.domain.errors import invalid
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import EVENT_TYPES
from mscreg.domain.jurisdictions import JURISDICTIONS
from mscreg.domain.messages import text
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import Product
from mscreg.domain.state_as_of import derive_as_of
from mscreg.domain.state_machine import Step, derive
from mscreg.domain.states import AUTHORISED, ENDED, State, state_name
from mscreg.domain.track import Track
from mscreg.services.audit_trail import AuditEntry, list_audit
from mscreg.services.tracker import ProductOverview, product_overviews
from mscreg.services.workspace import Workspace


class ChangeKind(StrEnum):
    """What a change means to a reader, in the order the report shows them."""

    APPROVAL = "approval"
    CONVERSION = "conversion"
    SETBACK = "setback"
    ENDED = "ended"
    TERM_ENDED = "term_ended"
    TRIAL_PERMITTED = "trial_permitted"
    PROGRESS = "progress"
    RECORDED = "recorded"
    DEADLINE = "deadline"


KIND_ORDER = tuple(ChangeKind)
_SETBACKS = frozenset({State.MA_CRL, State.MA_REFUSED, State.CT_REFUSED, State.CT_ON_HOLD})
_ENDINGS = ENDED | frozenset({State.SUSPENDED, State.CANCELLED, State.EXPIRED, State.WITHDRAWN, State.REVOKED,
                              State.LAPSED_SUNSET}) - _SETBACKS


def classify(old: State, new: State) -> ChangeKind:
    """The meaning of a track moving from ``old`` to ``new``."""
    if new in AUTHORISED:
        return ChangeKind.CONVERSION if old in AUTHORISED else ChangeKind.APPROVAL
    if new in _SETBACKS:
        return ChangeKind.SETBACK
    if new is State.TERM_ENDED:
        return ChangeKind.TERM_ENDED
    if new in _ENDINGS:
        return ChangeKind.ENDED
    if new is State.CT_AUTHORISED:
        return ChangeKind.TRIAL_PERMITTED
    return ChangeKind.PROGRESS


@dataclass(frozen=True)
class Change:
    """One regulatory change on one track in the period."""

    kind: ChangeKind
    track: Track
    product: Product
    date: PartialDate | None
    old_state: State | None = None
    new_state: State | None = None
    event: RegulatoryEvent | None = None  # the event that made it (or was recorded)
    clock: Clock | None = None  # a deadline that fell due
    possibly: bool = False  # the date is imprecise and only overlaps the period

    @property
    def jurisdiction(self) -> str:
        return self.track.jurisdiction

    def product_name(self, lang: str = "en") -> str:
        """The product's name in ``lang`` where the data has one."""
        return (self.product.name_zh or self.product.name) if lang.startswith("zh") else self.product.name

    def date_text(self, lang: str = "en") -> str:
        """The change's date as a reader is shown it: a deadline due some day in a range (counted from a
        month or a year) as that range, not its last day alone (a deadline "2026-03-01, possibly in the
        period" of 2025 read as one due after it); marked when it only possibly lies in the period."""
        if self.clock is not None and self.clock.due.is_range:
            shown = self.clock.due.display()
        else:
            shown = self.date.iso() if self.date is not None else text("changes.no_date", lang)
        return text("changes.possibly", lang, date=shown) if self.possibly else shown

    @property
    def source(self) -> str:
        if self.event is not None:
            return self.event.source
        if self.clock is not None:
            return self.clock.rule.basis
        return ""

    def what(self, lang: str = "en") -> str:
        """The change in words: "Conditional approval (was: Under review)", "Orphan designation"."""
        j = self.track.jurisdiction
        if self.kind is ChangeKind.DEADLINE and self.clock is not None:
            return text("changes.deadline", lang, rule=self.clock.rule.description(lang),
                        status=text(f"changes.clock.{self.clock.status.value}", lang))
        if self.new_state is not None:
            new = state_name(self.new_state, j, lang)
            if self.old_state is None:
                return new
            return text("changes.state", lang, new=new, old=state_name(self.old_state, j, lang))
        if self.event is not None and self.event.type in EVENT_TYPES:
            return EVENT_TYPES[self.event.type].name(lang)
        return self.event.type if self.event is not None else ""


@dataclass(frozen=True)
class ChangesReport:
    since: dt.date  # the first day, exclusive: what was already so on it is not a change
    until: dt.date  # the last day, inclusive
    changes: tuple[Change, ...]
    edits: tuple[AuditEntry, ...]

    def by_jurisdiction(self) -> dict[str, list[Change]]:
        out: dict[str, list[Change]] = {}
        for c in self.changes:
            out.setdefault(c.jurisdiction, []).append(c)
        return out


def changes_between(ws: Workspace, since: dt.date, until: dt.date) -> ChangesReport:
    """What changed after ``since`` up to and including ``until``, read from ``ws``."""
    if until < since:
        raise invalid("until", until.isoformat(), "changes.until_before_since", since=since.isoformat())
    overviews = product_overviews(ws, as_of=until)
    edits = [e for e in list_audit(ws) if since < e.at_local.date() <= until]
    return report_of(overviews, since, until, edits)


def report_of(overviews: Iterable[ProductOverview], since: dt.date, until: dt.date,
              edits: Sequence[AuditEntry] = ()) -> ChangesReport:
    """The report from overviews already read (whole logs: later events are cut by the derivation)."""
    changes: list[Change] = []
    for ov in overviews:
        for tv in ov.tracks:
            changes.extend(_track_changes(ov.product, tv.track, tv.events, since, until))
    changes.sort(key=_order)
    return ChangesReport(since, until, tuple(changes), tuple(edits))


def _in_period(date: PartialDate | None, since: dt.date, until: dt.date) -> tuple[bool, bool]:
    """(listed, possibly): whether an event with ``date`` belongs to the period, and whether only
    partly (an imprecise date whose range overlaps the period's edge)."""
    if date is None:
        return False, False
    if date.earliest > since and date.latest <= until:
        return True, False
    overlaps = date.earliest <= until and date.latest > since
    return overlaps, overlaps


def _track_changes(product: Product, track: Track, events: Sequence[RegulatoryEvent], since: dt.date,
                   until: dt.date) -> list[Change]:
    full = derive(track, events)
    before = derive_as_of(track, events, since, replay=full)
    after = derive_as_of(track, events, until, replay=full)
    out: list[Change] = []
    causing: RegulatoryEvent | None = None
    if before.state is not after.state:
        # a state the calendar reached (a term that ran out, an IND in effect by law) has no causing event:
        # an older event that once led to the same state must not be named as its source
        by_law = after.ended_by if after.state is State.TERM_ENDED else after.deemed_by
        causing = _causing_event(after.status.steps, after.state) if by_law is None else None
        date = after.status.since
        _, possibly = _in_period(date, since, until)
        out.append(Change(classify(before.state, after.state), track, product, date, before.state, after.state,
                          causing, by_law, possibly))
    for e in events:
        if e is causing:
            continue
        listed, possibly = _in_period(e.date, since, until)
        if listed:
            out.append(Change(ChangeKind.RECORDED, track, product, e.date, event=e, possibly=possibly))
    for clock in track_clocks(track, events, until):
        if since < clock.due.latest <= until or since < clock.due.earliest <= until:
            out.append(Change(ChangeKind.DEADLINE, track, product, PartialDate.of_day(clock.due.latest), clock=clock,
                              possibly=clock.due.is_range))
    return out


def _causing_event(steps: Sequence[Step], state: State) -> RegulatoryEvent | None:
    """The event that brought the track into ``state`` for the last time (later events that kept it
    there, such as an annotation, did not make the change)."""
    for step in reversed(steps):
        if step.after is state and step.before is not state:
            return step.event
    return None


def _order(c: Change) -> tuple[str, int, str, str]:
    day = c.date.earliest.isoformat() if c.date is not None else ""
    return c.jurisdiction, KIND_ORDER.index(c.kind), day, c.track.product_name.casefold()


# ------------------------------------------------------------------------------------------------
# shapes for the command line and the exports


def change_json(c: Change, lang: str = "en") -> dict[str, Any]:
    return {
        "kind": c.kind.value,
        "jurisdiction": c.jurisdiction,
        "product": c.product.name,
        "product_shown": c.product_name(lang),
        "indication": c.track.indication,
        "indication_zh": c.track.indication_zh,
        "pathway": c.track.pathway.value,
        "date": c.date.iso() if c.date is not None else None,
        "precision": c.date.precision.value if c.date is not None else None,
        "possibly_in_period": c.possibly,
        "old_state": c.old_state.value if c.old_state is not None else None,
        "new_state": c.new_state.value if c.new_state is not None else None,
        "event_type": c.event.type if c.event is not None else None,
        "clock": c.clock.rule.id if c.clock is not None else None,
        "clock_status": c.clock.status.value if c.clock is not None else None,
        "what": c.what(lang),
        "source": c.source,
    }


def edit_json(e: AuditEntry, lang: str = "en") -> dict[str, Any]:
    return {"at": e.at_local.isoformat(timespec="seconds"), "actor": e.actor, "action": e.action,
            "record": e.entity, "subject": e.subject(lang), "fields": [f.field for f in e.changes],
            "reason": e.reason}


def report_json(r: ChangesReport, lang: str = "en") -> dict[str, Any]:
    return {"since": r.since.isoformat(), "until": r.until.isoformat(),
            "changes": [change_json(c, lang) for c in r.changes],
            "edits": [edit_json(e, lang) for e in r.edits]}


TABLE_COLUMNS = ("jurisdiction", "kind", "date", "product", "indication", "what", "source")


def table_rows(r: ChangesReport, lang: str = "en") -> list[list[str]]:
    """One row per change, in the report's order, with headings in ``lang`` (for CSV and XLSX)."""
    rows = [[text(f"changes.column.{c}", lang) for c in TABLE_COLUMNS]]
    for c in r.changes:
        rows.append([c.jurisdiction, text(f"changes.kind.{c.kind.value}", lang), c.date_text(lang),
                     c.product_name(lang), localized(c.track.indication, c.track.indication_zh, lang),
                     c.what(lang), c.source])
    return rows


def edit_rows(r: ChangesReport, lang: str = "en") -> list[list[str]]:
    rows = [[text(f"changes.edit_column.{c}", lang) for c in ("at", "actor", "action", "subject", "reason")]]
    for e in r.edits:
        rows.append([e.at_local.strftime("%Y-%m-%d %H:%M"), e.actor, text(f"changes.action.{e.action}", lang),
                     e.subject(lang), e.reason])
    return rows


def _country(code: str, lang: str) -> str:
    j = JURISDICTIONS.get(code)
    return code if j is None else j.name(lang)


def report_text(r: ChangesReport, lang: str = "en") -> str:
    """The report as plain text: a heading, then each country's changes by kind, then the data edits."""
    lines = [text("changes.heading", lang, since=r.since.isoformat(), until=r.until.isoformat())]
    groups = r.by_jurisdiction()
    if not groups:
        lines.append(text("changes.none", lang))
    for j, items in groups.items():
        lines.append("")
        lines.append(f"{_country(j, lang)} ({j})")
        for c in items:
            lines.append("  " + text("changes.line", lang, date=c.date_text(lang),
                                     kind=text(f"changes.kind.{c.kind.value}", lang),
                                     product=c.product_name(lang),
                                     indication=localized(c.track.indication, c.track.indication_zh, lang),
                                     what=c.what(lang)))
            if c.source:
                lines.append(f"      {text('changes.source', lang, source=c.source)}")
    lines.append("")
    lines.append(text("changes.edits", lang, count=len(r.edits)))
    for e in r.edits:
        lines.append("  " + text("changes.edit_line", lang, at=e.at_local.strftime("%Y-%m-%d %H:%M"),
                                 action=text(f"changes.action.{e.action}", lang), subject=e.subject(lang),
                                 actor=e.actor, reason=e.reason))
    return "\n".join(lines)


def write_table(report: ChangesReport, out: str | Path, lang: str, database: Path | None) -> Path:
    """Write the changes and the data edits as CSV (changes, then a blank row, then the edits) or XLSX
    (one sheet each), through the checked atomic output; cells that a spreadsheet would run as a
    formula are neutralised as in every other export."""
    import csv

    from mscreg.services import output_files
    from mscreg.services.exchange.formula_guard import guard
    from mscreg.services.exchange.table_layout import Layout
    from mscreg.services.exchange.xlsx_format import write_workbook

    target = Path(out)
    suffix = target.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise invalid("out", str(out), "changes.out_format")
    target = output_files.check_output(out, database)
    changes, edits = table_rows(report, lang), edit_rows(report, lang)
    with output_files.written(target, database) as tmp:
        if suffix == ".csv":
            with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
                w = csv.writer(f)
                for row in changes:
                    w.writerow([guard(c) for c in row])
                w.writerow([])
                for row in edits:
                    w.writerow([guard(c) for c in row])
        else:
            def layout(name: str, header: list[str], widths: tuple[int, ...]) -> Layout:
                return Layout(name, tuple(header), (), widths)

            write_workbook(tmp, [
                (layout(text("changes.sheet.changes", lang), changes[0], (12, 18, 14, 28, 36, 48, 48)), changes[1:]),
                (layout(text("changes.sheet.edits", lang), edits[0], (18, 16, 12, 36, 36)), edits[1:]),
            ])
    return target
