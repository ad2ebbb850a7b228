"""Holders over time and the review of tracks from the command line: ``holders``, ``add-transfer``,
``verify`` and ``review``.

Top-level imports stay light (argparse only) so that ``mscreg`` with no command paints first.
"""

from __future__ import annotations

import argparse

from mscreg.cli.common import as_of, out, workspace


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("holders", parents=[common],
                       help="marketing-authorisation holders and licensees over time, and who held them on a day")
    p.add_argument("--product", metavar="NAME", help="any name or alias (default: every product with transfers)")
    p.add_argument("--as-of", metavar="DATE", help="YYYY-MM-DD (default: today)")

    p = sub.add_parser("add-transfer", parents=[common],
                       help="record a change of marketing-authorisation holder or licensee (audited)")
    p.add_argument("--product", required=True, metavar="NAME")
    p.add_argument("--jurisdiction", required=True, metavar="CODE")
    p.add_argument("--role", required=True, choices=["holder", "licensee"])
    p.add_argument("--date", default="", metavar="DATE",
                   help="YYYY, YYYY-MM or YYYY-MM-DD; may be left out only for the first holder")
    p.add_argument("--from", dest="from_party", default="", metavar="NAME",
                   help="the holder or licensee before (empty: the first holder, or a new licensee)")
    p.add_argument("--to", dest="to_party", default="", metavar="NAME",
                   help="the holder or licensee after (empty for a licensee: the licence ended)")
    p.add_argument("--source", default="", help="citation or URL")
    p.add_argument("--note", default="")
    p.add_argument("--reason", required=True, help="why the change is made (goes into the audit trail)")

    p = sub.add_parser("verify", parents=[common],
                       help="record that a track was checked against a source, without changing it (audited)")
    p.add_argument("--track", metavar="ID", help="the track's number (its id in `mscreg products --json`)")
    p.add_argument("--product", metavar="NAME", help="any name or alias of the product, case-insensitive")
    p.add_argument("--jurisdiction", metavar="CODE", help="ISO 3166 code or EU")
    p.add_argument("--indication", default="", help="needed when the product has several tracks there")
    p.add_argument("--pathway", default="", choices=["", "clinical", "marketing"],
                   help="needed when the product has several tracks there")
    p.add_argument("--source", required=True, help="what the track was checked against")
    p.add_argument("--date", metavar="DAY", help="YYYY-MM-DD the check was made (default: today)")
    p.add_argument("--note", default="")
    p.add_argument("--reason", required=True, help="why the check is recorded (goes into the audit trail)")

    p = sub.add_parser("review", parents=[common],
                       help="tracks to look at again: not verified for months (or never), or a term that ended "
                            "with nothing recorded")
    p.add_argument("--months", default="6", metavar="N", help="verified longer ago than this is due (default 6)")
    p.add_argument("--as-of", metavar="DATE", help="YYYY-MM-DD (default: today)")


def cmd_holders(args: argparse.Namespace, lang: str) -> int:
    from mscreg.services.holders import holder_json, holder_views, holders_text

    day = as_of(getattr(args, "as_of", None))
    with workspace(args) as ws:
        views = holder_views(ws, args.product, day)
    out(args, [holder_json(v) for v in views], holders_text(views, lang))
    return 0


def cmd_add_transfer(args: argparse.Namespace, lang: str) -> int:
    from mscreg.services.holders import add_transfer, added_text, transfer_json

    with workspace(args) as ws:
        result = add_transfer(ws, product=args.product, jurisdiction=args.jurisdiction, role=args.role,
                              date=args.date, from_party=args.from_party, to_party=args.to_party,
                              source=args.source, note=args.note, reason=args.reason)
    out(args, {"product": result.product.name, "transfer": transfer_json(result.transfer)},
        added_text(result, lang))
    return 0


def cmd_verify(args: argparse.Namespace, lang: str) -> int:
    from mscreg.cli.tracks import _chosen_track
    from mscreg.domain.messages import text
    from mscreg.domain.partial_date import parse_day
    from mscreg.services.review import verify_track

    day = parse_day(args.date, field="date") if args.date is not None else None
    with workspace(args) as ws:
        track = _chosen_track(ws, args)
        v = verify_track(ws, track.id, source=args.source, day=day, note=args.note, reason=args.reason)
    payload = {"id": v.id, "track_id": track.id, "product": track.product_name, "jurisdiction": track.jurisdiction,
               "indication": track.indication, "pathway": track.pathway.value,
               "verified_on": v.verified_on.isoformat(), "source": v.source, "note": v.note, "who": v.who}
    out(args, payload, text("verify.added", lang, track=track.label(lang), day=v.verified_on.isoformat(),
                            source=v.source))
    return 0


def cmd_review(args: argparse.Namespace, lang: str) -> int:
    from mscreg.services.review import check_months, review_json, review_queue, review_text

    months = check_months(args.months)
    day = as_of(getattr(args, "as_of", None))
    with workspace(args) as ws:
        queue = review_queue(ws, day, months)
    out(args, review_json(queue, lang), review_text(queue, lang))
    return 0


COMMANDS = {"holders": cmd_holders, "add-transfer": cmd_add_transfer, "verify": cmd_verify, "review": cmd_review}
