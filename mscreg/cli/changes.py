"""``mscreg changes``: what changed between two days, as text, JSON, PDF, CSV or XLSX.

The report a regulatory-affairs lead prepares before a portfolio meeting: approvals, setbacks,
authorisations that ended, trials permitted, deadlines that fell due, and the edits made to the data,
grouped by country, each with its source.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from mscreg.cli.common import out, workspace
from mscreg.domain.errors import invalid


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("changes", parents=[common],
                       help="what changed between two days (approvals, setbacks, ended terms, deadlines, edits)")
    p.add_argument("--since", required=True, metavar="DATE",
                   help="the day before the period (YYYY-MM-DD): what was already so on it is not a change")
    p.add_argument("--until", metavar="DATE", help="the last day of the period (YYYY-MM-DD; default today)")
    p.add_argument("--out", metavar="FILE", help="write FILE.pdf, FILE.csv or FILE.xlsx instead of printing")


def _day(value: str, option: str) -> dt.date:
    from mscreg.domain.partial_date import parse_day

    if not value.strip():
        raise invalid(option, value, "date.format")
    return parse_day(value, field=option)


def cmd_changes(args: argparse.Namespace, lang: str) -> int:
    since = _day(args.since, "--since")
    until = _day(args.until, "--until") if args.until is not None else dt.date.today()
    if until < since:
        raise invalid("--until", args.until, "changes.until_before_since", since=since.isoformat())
    suffix = Path(args.out).suffix.lower() if args.out else ""
    if args.out and suffix not in (".pdf", ".csv", ".xlsx"):
        raise invalid("--out", args.out, "changes.out_format")
    from mscreg.domain.messages import text
    from mscreg.services import output_files
    from mscreg.services.changes_between import changes_between, report_json, report_text, write_table

    with workspace(args) as ws:
        database = output_files.database_of(ws)
        if args.out:
            output_files.check_output(args.out, database)  # refused before any work
        report = changes_between(ws, since, until)
        name = ws.name
    if not args.out:
        out(args, report_json(report, lang), report_text(report, lang))
        return 0
    if suffix == ".pdf":
        from mscreg.ui.changes_print import write_changes_pdf

        written = write_changes_pdf(report, args.out, lang, database_name=name, database=database)
    else:
        written = write_table(report, args.out, lang, database)
    out(args, {"file": str(written), "changes": len(report.changes), "edits": len(report.edits)},
        text("changes.wrote", lang, file=str(written)))
    return 0


COMMANDS = {"changes": cmd_changes}
