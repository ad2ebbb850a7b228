"""``mscreg landscape`` and ``mscreg figures``: the published landscape figures beside the counts from the
database, as a PDF or PNG with charts, or as CSV or XLSX tables; and the list of shipped figures.

The output is refused before the database is read when its suffix is not one of the four, and it is
never the database, one of its files or any other database.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from mscreg.cli.common import as_of, out, workspace
from mscreg.domain.errors import invalid

OUT_SUFFIXES = (".pdf", ".png", ".csv", ".xlsx")


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("landscape", parents=[common],
                       help="published trial and application figures beside the counts from the database "
                            "(PDF or PNG with charts, CSV or XLSX tables)")
    p.add_argument("--out", required=True, metavar="FILE", help="FILE.pdf, FILE.png, FILE.csv or FILE.xlsx")
    p.add_argument("--as-of", metavar="DATE",
                   help="count what was known on this day (YYYY-MM-DD; default today)")
    p.add_argument("--page", default="A4", metavar="SIZE", help="PDF page size: A4, A3, Letter or Legal (default A4)")
    p.add_argument("--landscape", action="store_true", help="PDF in landscape orientation (default portrait)")

    sub.add_parser("figures", parents=[common],
                   help="list the shipped published figures: title, source, query, as-of date and table")


def cmd_landscape(args: argparse.Namespace, lang: str) -> int:
    suffix = Path(args.out).suffix.lower()
    if suffix not in OUT_SUFFIXES:
        raise invalid("--out", args.out, "landscape.out_format")
    day = as_of(args.as_of)
    options = None
    if suffix in (".pdf", ".png"):
        from mscreg.ui.timeline_pages import PageOptions

        options = PageOptions(page=args.page, landscape=args.landscape).validated()
    from mscreg.domain.messages import text
    from mscreg.services import output_files
    from mscreg.services.landscape_inputs import read_landscape

    with workspace(args) as ws:
        database = output_files.database_of(ws)
        output_files.check_output(args.out, database)  # refused before any work
        inputs = read_landscape(ws, day)
    counts = inputs.counts()
    if options is not None:
        from mscreg.ui.landscape_print import write_landscape

        written = write_landscape(inputs, counts, args.out, lang, options, database=database)
    else:
        from mscreg.services.landscape_report import write_landscape_table

        written = write_landscape_table(counts, args.out, lang, database)
    out(args, {"file": str(written), "as_of": day.isoformat(), "trials": counts.trials, "tracks": counts.tracks,
               "figures": len(counts.comparisons)},
        text("landscape.wrote", lang, file=str(written)))
    return 0


def cmd_figures(args: argparse.Namespace, lang: str) -> int:
    from mscreg.domain.published_figure import shipped_figures
    from mscreg.services.landscape_report import figure_json, figure_text

    figures = shipped_figures()
    out(args, [figure_json(f) for f in figures], "\n\n".join(figure_text(f, lang) for f in figures))
    return 0


COMMANDS = {"landscape": cmd_landscape, "figures": cmd_figures}
