"""Post-authorisation obligations on the command line: ``obligations``, ``add-obligation``,
``obligation-event`` and ``delete-obligation``.

The same service calls the window uses (:mod:`mscreg.services.obligations`): an obligation belongs to an
authorisation recorded on a marketing track, its status is derived as of a day from its own dated steps,
and every change is audited with the reason given.  Top-level imports stay light (argparse only) so that
``mscreg`` with no command paints first.
"""

from __future__ import annotations

import argparse

from mscreg.cli.common import as_of, out, workspace


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("obligations", parents=[common],
                       help="post-authorisation obligations with their status as of a day")
    p.add_argument("--product", metavar="NAME", help="only this product (any name or alias)")
    p.add_argument("--open", action="store_true", help="only those not fulfilled or released on that day")
    p.add_argument("--as-of", metavar="DATE", help="YYYY-MM-DD (default: today)")

    p = sub.add_parser("add-obligation", parents=[common],
                       help="record an obligation an authorisation imposed (a confirmatory trial, a PMR, …)")
    p.add_argument("--product", metavar="NAME", help="any name or alias of the product")
    p.add_argument("--jurisdiction", metavar="CODE", help="ISO 3166 code or EU")
    p.add_argument("--indication", default="", help="needed when the product has several marketing tracks there")
    p.add_argument("--authorisation", metavar="EVENT_ID",
                   help="the authorising event's number (its id in `mscreg events --json`)")
    p.add_argument("--authorisation-type", metavar="TYPE",
                   help="or the authorising event's type on the track (e.g. approval_conditional)")
    p.add_argument("--kind", required=True,
                   help="confirmatory_trial, use_results_survey, specific_obligation, pmr, pmc, undertaking, "
                        "re_examination, periodic_report or other")
    p.add_argument("--text", default="", help="what the obligation requires, in English")
    p.add_argument("--text-zh", default="", help="the same in Chinese")
    due = p.add_mutually_exclusive_group()
    due.add_argument("--due", metavar="DATE", help="the due date: YYYY, YYYY-MM or YYYY-MM-DD")
    due.add_argument("--due-rule", metavar="RULE",
                     help='or a rule counted from the authorisation\'s date: "5 years", "18 months"')
    p.add_argument("--owner", default="", help="who is responsible (free text)")
    p.add_argument("--source", default="", help="where the obligation is stated (a URL or a document)")
    p.add_argument("--reason", required=True, help="why the change is made (goes into the audit trail)")

    p = sub.add_parser("obligation-event", parents=[common],
                       help="record a step of an obligation: submitted, fulfilled, released or extended")
    p.add_argument("--obligation", required=True, metavar="ID", help="the obligation's number")
    p.add_argument("--type", required=True, help="submitted, fulfilled, released or extended")
    p.add_argument("--date", required=True, metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD")
    p.add_argument("--new-due", metavar="DATE", help="extended only: the new due date")
    p.add_argument("--source", default="", help="where the step is recorded")
    p.add_argument("--note", default="")
    p.add_argument("--reason", required=True, help="why the change is made (goes into the audit trail)")

    p = sub.add_parser("delete-obligation", parents=[common],
                       help="delete an obligation that has no steps recorded (delete nothing else with it)")
    p.add_argument("--obligation", required=True, metavar="ID", help="the obligation's number")
    p.add_argument("--reason", required=True, help="why the change is made (goes into the audit trail)")


def _number(field: str, text: str | None) -> int:
    from mscreg.domain.errors import invalid

    raw = (text or "").strip()
    if not raw.isdigit() or int(raw) <= 0 or len(raw) > 12:
        raise invalid(field, text or "", "obligation.id_format")
    return int(raw)


def cmd_obligations(args: argparse.Namespace, lang: str) -> int:
    from mscreg.domain.messages import text
    from mscreg.services import obligations as obl

    day = as_of(args.as_of)
    with workspace(args) as ws:
        views = obl.list_obligations(ws, product=args.product, open_only=args.open, as_of=day)
    lines = [obl.obligation_line(v, lang) for v in views] or [text("obligations.none", lang)]
    out(args, [obl.obligation_json(v, lang) for v in views], "\n".join(lines))
    return 0


def cmd_add_obligation(args: argparse.Namespace, lang: str) -> int:
    from mscreg.domain.messages import text
    from mscreg.domain.obligation import ObligationDraft
    from mscreg.services import obligations as obl

    draft = ObligationDraft(args.kind, args.text, args.text_zh, args.due, args.due_rule, args.owner, args.source)
    event_id = _number("authorisation", args.authorisation) if args.authorisation is not None else None
    with workspace(args) as ws:
        view = obl.add_obligation(ws, draft=draft, reason=args.reason, product=args.product,
                                  jurisdiction=args.jurisdiction, indication=args.indication,
                                  authorisation_event_id=event_id, authorisation_type=args.authorisation_type)
    out(args, obl.obligation_json(view, lang),
        text("obligations.added", lang, id=view.obligation.id) + "\n" + obl.obligation_line(view, lang))
    return 0


def cmd_obligation_event(args: argparse.Namespace, lang: str) -> int:
    import datetime as dt

    from mscreg.domain.messages import text
    from mscreg.services import obligations as obl

    number = _number("obligation", args.obligation)
    today = dt.date.today()
    with workspace(args) as ws:
        step = obl.record_obligation_event(ws, number, type=args.type, date=args.date, new_due=args.new_due,
                                           source=args.source, note=args.note, reason=args.reason)
        view = next(v for v in obl.list_obligations(ws, as_of=today) if v.obligation.id == number)
    payload = {"event": {"id": step.id, "obligation": number, "type": step.type.value, "date": step.date.iso(),
                         "new_due": step.new_due.iso() if step.new_due else None, "source": step.source,
                         "note": step.note},
               "obligation": obl.obligation_json(view, lang)}
    status = text(f"obligation.status.{view.state.status.value}", lang)
    out(args, payload, text("obligations.step_added", lang, type=step.type.value, date=step.date.display(),
                            id=number, as_of=today.isoformat(), status=status))
    return 0


def cmd_delete_obligation(args: argparse.Namespace, lang: str) -> int:
    from mscreg.domain.messages import text
    from mscreg.services import obligations as obl

    number = _number("obligation", args.obligation)
    with workspace(args) as ws:
        gone = obl.delete_obligation(ws, number, reason=args.reason)
    out(args, {"deleted": number}, text("obligations.deleted", lang, id=number, kind=gone.kind.value))
    return 0


COMMANDS = {"obligations": cmd_obligations, "add-obligation": cmd_add_obligation,
            "obligation-event": cmd_obligation_event, "delete-obligation": cmd_delete_obligation}
