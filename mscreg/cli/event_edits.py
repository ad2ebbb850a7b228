"""``mscreg delete-event``: remove one recorded event by its number, with a reason.

The same service call as the window's delete (:func:`mscreg.services.tracker.delete_event`): the
track's remaining events must still make a valid history (an approval whose application would go is
refused, exit 3, saying why), and the deletion is audited with the reason in the same transaction.
It is also the step ``delete-track`` asks for first.  Top-level imports stay light (argparse only).
"""

from __future__ import annotations

import argparse

from mscreg.cli.common import out, workspace


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("delete-event", parents=[common],
                       help="delete one event by its id (refused when the track's other events depend on it)")
    p.add_argument("--event", required=True, metavar="ID", help="the event's id (its “id” in `mscreg events --json`)")
    p.add_argument("--reason", required=True, help="why the event is deleted (goes into the audit trail)")


def cmd_delete_event(args: argparse.Namespace, lang: str) -> int:
    from mscreg.domain.errors import invalid
    from mscreg.domain.event_types import EVENT_TYPES
    from mscreg.domain.messages import text
    from mscreg.domain.states import state_name
    from mscreg.services import report_formats as fmt
    from mscreg.services.tracker import delete_event

    number = args.event.strip()
    if not number.isascii() or not number.isdigit() or int(number) <= 0:
        raise invalid("--event", args.event, "event.id_format")
    with workspace(args) as ws:
        result = delete_event(ws, int(number), reason=args.reason)
    event, track = result.event, result.track
    etype = EVENT_TYPES.get(event.type)
    state = state_name(result.status.state, track.jurisdiction, lang)
    shown = text("event.deleted", lang, id=event.id, event=etype.name(lang) if etype else event.type,
                 date=event.date.display() if event.date else "?", track=track.label(lang), state=state)
    out(args, {"deleted": fmt.event_json_parts(track, event), "state": result.status.state.value}, shown)
    return 0


COMMANDS = {"delete-event": cmd_delete_event}
