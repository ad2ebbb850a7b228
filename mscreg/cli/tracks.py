"""Changing and removing a track from the command line: ``edit-track`` and ``delete-track``.

The same service calls as the window's track dialogs (:mod:`mscreg.services.editing`): a change
that would leave one of the track's events out of place is refused, a track with events is not
deleted (its events are deleted first, each with its own reason), and every change is audited
with the reason given.  A track is named by its number (``--track``, the id in ``products
--json``) or by product and jurisdiction, with the indication and pathway when there are several.
Top-level imports stay light (argparse only) so that ``mscreg`` with no command paints first.
"""

from __future__ import annotations

import argparse
from typing import Any

from mscreg.cli.common import out, workspace
from mscreg.domain import messages


def _selection(p: argparse.ArgumentParser) -> None:
    p.add_argument("--track", metavar="ID", help="the track's number (its id in `mscreg products --json`)")
    p.add_argument("--product", metavar="NAME", help="any name or alias, part of one, or its pinyin or initials "
                   "(see `mscreg search`)")
    p.add_argument("--jurisdiction", metavar="CODE", help="ISO 3166 code or EU (`mscreg jurisdictions` lists them)")
    p.add_argument("--indication", default="", help="needed when the product has several tracks there")
    p.add_argument("--pathway", default="", choices=["", "clinical", "marketing"],
                   help="needed when the product has several tracks there")
    p.add_argument("--reason", required=True, help="why the change is made (goes into the audit trail)")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("edit-track", parents=[common],
                       help="change a track's jurisdiction, indication or pathway (its events must still fit)")
    _selection(p)
    p.add_argument("--new-jurisdiction", metavar="CODE", help="move the track to this jurisdiction")
    p.add_argument("--new-indication", metavar="TEXT", help="the indication as it should read")
    p.add_argument("--new-pathway", choices=["clinical", "marketing"], help="the track's pathway")
    p.add_argument("--new-indication-zh", metavar="TEXT", help="the indication in Chinese as it should read")

    p = sub.add_parser("delete-track", parents=[common],
                       help="delete a track that has no events left (delete its events first, each with a reason)")
    _selection(p)


def _chosen_track(ws, args: argparse.Namespace):
    """The track ``--track`` or ``--product``/``--jurisdiction`` (and friends) name; refused when both or
    neither are given."""
    from mscreg.domain.errors import invalid
    from mscreg.services import editing

    by_number = args.track is not None
    by_name = bool(args.product or args.jurisdiction or args.indication or args.pathway)
    if by_number and by_name and args.command == "edit-track" and not args.product:
        # `--track 7 --indication X`: a change meant, written as a selection; say which option changes it
        name, value = next((n, v) for n, v in (("jurisdiction", args.jurisdiction), ("indication", args.indication),
                                              ("pathway", args.pathway)) if v)
        raise invalid(name, value, "track.select_not_change", option=f"--{name}", new=f"--new-{name}")
    if by_number == by_name or (by_name and not (args.product and args.jurisdiction)):
        raise invalid("track", args.track or "", "track.which")
    if by_number:
        text = args.track.strip()
        if not text.isdigit() or int(text) <= 0:
            raise invalid("track", args.track, "track.id_format")
        return editing.track_by_id(ws, int(text))
    return editing.select_track(ws, product=args.product, jurisdiction=args.jurisdiction,
                                indication=args.indication, pathway=args.pathway)


def _track_json(track) -> dict[str, Any]:
    return {"id": track.id, "product": track.product_name, "jurisdiction": track.jurisdiction,
            "indication": track.indication, "indication_zh": track.indication_zh, "pathway": track.pathway.value}


def cmd_edit_track(args: argparse.Namespace, lang: str) -> int:
    from mscreg.domain.errors import invalid
    from mscreg.domain.track import TrackDraft
    from mscreg.services import editing

    news = (args.new_jurisdiction, args.new_indication, args.new_pathway, args.new_indication_zh)
    with workspace(args) as ws:
        track = _chosen_track(ws, args)
        if all(n is None for n in news):
            raise invalid("track", track.label(lang), "track.edit_nothing")
        draft = TrackDraft(
            track.jurisdiction if args.new_jurisdiction is None else args.new_jurisdiction,
            track.indication if args.new_indication is None else args.new_indication,
            track.pathway.value if args.new_pathway is None else args.new_pathway,
            track.indication_zh if args.new_indication_zh is None else args.new_indication_zh)
        after = editing.update_track(ws, track.id, draft, reason=args.reason, expected_version=track.version)
    changed = editing.track_draft(after) != editing.track_draft(track)
    text = (messages.text("cli.track.changed", lang, id=after.id, before=track.label(lang), after=after.label(lang))
            if changed else messages.text("cli.track.unchanged", lang, id=after.id, track=after.label(lang)))
    out(args, {"track": _track_json(after), "before": _track_json(track), "changed": changed}, text)
    return 0


def cmd_delete_track(args: argparse.Namespace, lang: str) -> int:
    from mscreg.services import editing

    with workspace(args) as ws:
        track = _chosen_track(ws, args)
        editing.delete_track(ws, track.id, reason=args.reason, expected_version=track.version)
    text = messages.text("cli.track.deleted", lang, id=track.id, track=track.label(lang))
    out(args, {"deleted": _track_json(track)}, text)
    return 0


COMMANDS = {"edit-track": cmd_edit_track, "delete-track": cmd_delete_track}
