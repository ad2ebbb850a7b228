"""Commands that find things: ``search`` (products the way the window's search box finds them),
``types`` (event types, with the codes ``add-event --type`` takes) and ``jurisdictions`` (the codes
``--jurisdiction`` takes), each with names in the user's language.

Top-level imports stay light (argparse only) so that ``mscreg`` with no command paints first.
"""

from __future__ import annotations

import argparse
from typing import Any

from mscreg.cli.common import out, pad, workspace


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("search", parents=[common],
                       help="find products by part of any name, alias, INN or company, or by pinyin or its initials")
    p.add_argument("text", metavar="TEXT", help="for example 艾米, aimimaituosai, amts or ryon")

    p = sub.add_parser("types", parents=[common], help="the event types (the codes add-event --type takes)")
    p.add_argument("--jurisdiction", metavar="CODE", help="only the types that exist in this jurisdiction")
    p.add_argument("--pathway", choices=["clinical", "marketing"], help="only the types of this pathway")

    sub.add_parser("jurisdictions", parents=[common],
                   help="the jurisdiction codes (the codes --jurisdiction takes) with their names and agencies")


def cmd_search(args: argparse.Namespace, lang: str) -> int:
    from mscreg.domain.messages import text
    from mscreg.services.product_lookup import display_name, search_products

    with workspace(args) as ws:
        result = search_products(ws, args.text)
    rows = []
    lines = []
    for p in result.found.products:
        codes = result.jurisdictions.get(p.id or 0, ())
        rows.append({"id": p.id, "name": p.name, "name_zh": p.name_zh, "inn": p.inn, "aliases": list(p.aliases),
                     "company": p.company, "company_zh": p.company_zh, "jurisdictions": list(codes)})
        company = p.company_zh if lang.startswith("zh") and p.company_zh else p.company
        where = text("search.tracks", lang, tracks=", ".join(codes)) if codes else text("search.no_tracks", lang)
        lines.append(" — ".join(x for x in (display_name(p), company, where) if x))
    closest = [display_name(p) for p in result.closest]
    if not rows:
        lines.append(text("search.none_close", lang, value=args.text, close="; ".join(closest)) if closest
                     else text("search.none", lang, value=args.text))
    payload = {"query": args.text, "match": result.found.how if rows else None, "products": rows,
               "closest": closest}
    out(args, payload, "\n".join(lines))
    return 0


def _pathway_words(pathways: Any, lang: str) -> str:
    from mscreg.domain.messages import text

    return ", ".join(text(f"pathway.{p.value}", lang) for p in sorted(pathways, key=lambda p: p.value))


def cmd_types(args: argparse.Namespace, lang: str) -> int:
    from mscreg.domain.event_types import EVENT_TYPES, Pathway
    from mscreg.domain.jurisdictions import get_jurisdiction
    from mscreg.domain.messages import text

    code = get_jurisdiction(args.jurisdiction).code if args.jurisdiction is not None else None
    wanted = Pathway(args.pathway) if args.pathway else None
    chosen = [t for t in EVENT_TYPES.values()
              if (code is None or t.available_in(code)) and (wanted is None or wanted in t.pathways)]
    rows = [{"type": t.code, "name": t.name(lang), "pathways": sorted(p.value for p in t.pathways),
             "jurisdictions": sorted(t.only) if t.only is not None else None, "annotation": t.annotation}
            for t in chosen]
    lines = []
    for t in chosen:
        only = "  (" + text("types.only", lang, codes=", ".join(sorted(t.only))) + ")" if t.only is not None else ""
        lines.append(f"{t.code:<38} {pad(_pathway_words(t.pathways, lang), 20)} {t.name(lang)}{only}")
    if not chosen:
        lines.append(text("types.none", lang, filters=f"--jurisdiction {code} --pathway {args.pathway}"))
    out(args, rows, "\n".join(lines))
    return 0


def cmd_jurisdictions(args: argparse.Namespace, lang: str) -> int:
    from mscreg.domain.jurisdictions import JURISDICTIONS

    rows = [{"code": j.code, "name": j.name(lang), "name_en": j.name("en"), "name_zh": j.name("zh_CN"),
             "agency": j.agency(lang)} for j in JURISDICTIONS.values()]
    lines = [f"{j.code:<3} {j.name(lang)} — {j.agency(lang)}" for j in JURISDICTIONS.values()]
    out(args, rows, "\n".join(lines))
    return 0


COMMANDS = {"search": cmd_search, "types": cmd_types, "jurisdictions": cmd_jurisdictions}
