"""``mscreg deadlines``: every track's statutory clocks as of a day, said in words.

A reader wants what is still to come or overdue: a clock that was met, missed or stopped by a later
event is history, shown only with ``--all`` (and counted, so nothing disappears unsaid).  Each line
says what the clock is (the rule's description, not its id; the id stays in ``--json``).
Top-level imports stay light (argparse only) so that ``mscreg`` with no command paints first.
"""

from __future__ import annotations

import argparse

from mscreg.cli.common import as_of, out, pad, workspace


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("deadlines", parents=[common],
                       help="the clocks still running or overdue on every track, as of a day")
    p.add_argument("--as-of", metavar="DATE", help="YYYY-MM-DD, or YYYY-MM / YYYY for the last day of that "
                   "month / year (default: today)")
    p.add_argument("--all", action="store_true", help="also the clocks met, missed or stopped by a later event")


def cmd_deadlines(args: argparse.Namespace, lang: str) -> int:
    from mscreg.domain.clocks import OPEN_STATUSES
    from mscreg.domain.event_types import EVENT_TYPES
    from mscreg.domain.messages import text
    from mscreg.services.deadlines import deadline_json, deadlines, obligation_deadline_json, obligation_deadlines

    day = as_of(args.as_of)
    with workspace(args) as ws:
        items = deadlines(ws, day, include_stopped=True)
        owed = obligation_deadlines(ws, day)
    shown = [d for d in items if args.all or d.clock.status in OPEN_STATUSES]
    lines = []
    for d in shown:
        c = d.clock
        due = c.due.earliest.isoformat() if not c.due.is_range else \
            f"{c.due.earliest.isoformat()}..{c.due.latest.isoformat()}"
        status = text("deadline.review" if d.review else f"deadline.{c.status.value}", lang)
        note = text("deadline.provisional", lang) if c.due.provisional else ""
        if c.settled_by is not None:
            # what settled it: for an agency's goal, what the agency did by then (an approval or a CRL)
            etype = EVENT_TYPES.get(c.settled_by.type)
            note += text("deadline.settled_by", lang, event=etype.name(lang) if etype else c.settled_by.type,
                         date=c.settled_by.date.iso() if c.settled_by.date else "?")
        product = d.product.name_zh if lang.startswith("zh") and d.product.name_zh else d.product.name
        what = c.rule.description(lang)
        lines.append(f"{due:<22} {pad(status, 10)} {c.track.jurisdiction:<3} {product}: {what}{note}")
    # open obligations: deadlines of their own kind, set by the authorisation rather than by a statute
    for v in owed:
        st = v.state
        assert st.due is not None
        due = st.due.earliest.isoformat() if st.due.earliest == st.due.latest else \
            f"{st.due.earliest.isoformat()}..{st.due.latest.isoformat()}"
        product = v.product.name_zh if lang.startswith("zh") and v.product.name_zh else v.product.name
        kind = text(f"obligation.kind.{v.obligation.kind.value}", lang)
        lines.append(f"{due:<22} {pad(text(f'obligation.status.{st.status.value}', lang), 10)} "
                     f"{v.track.jurisdiction:<3} {product}: {kind} — {v.text(lang)}")
    hidden = len(items) - len(shown)
    if not shown and not owed:
        lines.append(text("deadline.none", lang, day=day.isoformat()))
    elif hidden:
        lines.append(text("deadline.hidden", lang, count=hidden))
    rows = [deadline_json(d, day, lang) for d in shown] + [obligation_deadline_json(v, lang) for v in owed]
    out(args, rows, "\n".join(lines))
    return 0


COMMANDS = {"deadlines": cmd_deadlines}
