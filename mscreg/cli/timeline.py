"""``mscreg timeline``: print a country, product or approvals timeline to PDF or PNG, no window needed.

Works offscreen (QT_QPA_PLATFORM=offscreen is set when no display is there).  A bad code, product,
page size or path is refused before anything is written, and a failure while writing leaves no
partial file behind (the output is written beside the target and renamed into place).  The output is
never the database, one of its files or any other database.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from mscreg.cli.common import as_of, is_chinese, out, workspace
from mscreg.domain import messages
from mscreg.domain.errors import invalid


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("timeline", parents=[common],
                       help="print a timeline (country, product or world approvals) to PDF, PNG, SVG or PPTX")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--jurisdiction", metavar="CODE", help="one lane per product track in this country")
    which.add_argument("--product", metavar="NAME", help="one lane per country for this product")
    which.add_argument("--approvals", action="store_true", help="the world's MSC marketing authorisations")
    p.add_argument("--out", required=True, metavar="FILE",
                   help="FILE.pdf, FILE.png, FILE.svg (vector) or FILE.pptx (16:9 slides)")
    p.add_argument("--page", default="A4", metavar="SIZE", help="A4, A3, Letter or Legal (default A4)")
    p.add_argument("--landscape", action="store_true", help="landscape orientation (default portrait)")
    p.add_argument("--fit", default="page", metavar="page|tile",
                   help="page: everything on one page; tile: full size across pages (default page)")
    p.add_argument("--as-of", metavar="DATE", help="show what was known on this day (YYYY-MM-DD; default today)")


def _check_out(path: str, db: str | None) -> str:
    """The output's kind, refusing a wrong extension, an unusable folder or the database itself (named by
    ``--db``) before the database is read."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".pdf", ".png", ".svg", ".pptx"):
        raise invalid("out", path, "timeline.out_kind")
    from mscreg.services.output_files import configured_database
    from mscreg.ui.timeline_pages import check_output_folder

    check_output_folder(path, configured_database(db))
    return suffix


def cmd_timeline(args: argparse.Namespace, lang: str) -> int:
    suffix = _check_out(args.out, getattr(args, "db", None))
    from mscreg.ui.timeline_pages import PageOptions

    options = PageOptions(page=args.page, landscape=args.landscape, fit=args.fit).validated()
    day = as_of(args.as_of)
    from mscreg.services import output_files, timeline_data

    with workspace(args) as ws:
        database = output_files.database_of(ws)
        output_files.check_output(args.out, database)  # never over the database: refused before any work
        if args.jurisdiction:
            layout = timeline_data.country_timeline(ws, args.jurisdiction, day, lang)
        elif args.product:
            layout = timeline_data.product_timeline(ws, args.product, day, lang)
        else:
            layout = timeline_data.approvals_timeline(ws, day, lang)
        name = ws.name
    options = PageOptions(options.page, options.landscape, options.fit, options.margin_mm, name)

    from mscreg.ui.print_output import StderrProgress, write_timeline

    files, pages = write_timeline(layout, args.out, options, suffix, StderrProgress(is_chinese(lang)),
                                  database=database)
    listing = ", ".join(str(f) for f in files)
    text = messages.text("timeline.cli.wrote_one" if pages == 1 else "timeline.cli.wrote", lang, pages=pages,
                         files=listing)
    out(args, {"files": [str(f) for f in files], "pages": pages, "lanes": len(layout.lanes),
               "title": layout.title, "as_of": layout.as_of.isoformat()}, text)
    return 0


COMMANDS = {"timeline": cmd_timeline}
