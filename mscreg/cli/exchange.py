"""``mscreg export`` and ``mscreg import``: data in and out as CSV, XLSX or JSON (and deadlines as ICS).

Top-level imports stay light (no SQLAlchemy, openpyxl or Qt) so that registering these commands
costs nothing; each handler imports what it needs.
"""

from __future__ import annotations

import argparse
import sys

from mscreg.cli.common import as_of, out, workspace


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("export", parents=[common],
                       help="export data as csv, xlsx or json (--audit: the audit trail), or open deadlines as ics")
    p.add_argument("--format", required=True, choices=["csv", "xlsx", "json", "ics"])
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--audit", action="store_true", help="export the audit trail instead of the data (csv, xlsx, json)")
    p.add_argument("--as-of", metavar="DATE", help="ics only: YYYY-MM-DD (default: today)")

    p = sub.add_parser("import", parents=[common],
                       help="import a csv, xlsx or json file whole, or nothing if any row is refused; also "
                            "ClinicalTrials.gov JSON/CSV downloads and the China platform's trial list",
                       description="Import a csv, xlsx or json file (the format is taken from the extension). "
                                   "The whole file is checked first; if any row is refused, nothing is written "
                                   "and every error is listed with its row and column.")
    p.add_argument("path", metavar="PATH", help="the file; its format is taken from the extension")
    p.add_argument("--dry-run", action="store_true",
                   help="check and report what would change, and each changed field (old -> new); write nothing")
    p.add_argument("--encoding", metavar="NAME",
                   help="csv only: the file's text encoding (for example cp949, shift_jis, cp1252); without it "
                        "UTF-8, UTF-16 with a BOM and plainly Chinese GB18030/GBK are accepted")


def cmd_export(args: argparse.Namespace, lang: str) -> int:
    if args.format == "ics":
        from mscreg.services.calendar_export import export_ics

        with workspace(args) as ws:
            counts = export_ics(ws, args.out, as_of(args.as_of), lang)
        out(args, {"out": args.out, "events": counts.total, "deadlines": counts.deadlines,
                   "obligations": counts.obligations, "planned": counts.plans,
                   "designations": counts.designations, "holder_transfers": counts.transfers},
            counts.summary(args.out, lang))
        return 0
    from mscreg.services.exchange.exporting import export_database

    with workspace(args) as ws:
        result = export_database(ws, args.format, args.out, audit=args.audit)
    out(args, {"out": result.path, "format": result.format, "products": result.products, "tracks": result.tracks,
               "events": result.events, "audit_rows": result.audit_rows,
               **({"trials": result.trials} if result.trials else {}),
               **({"obligations_file": result.obligations_file} if result.obligations_file else {}),
               **({"trials_file": result.trials_file} if result.trials_file else {})}, result.summary(lang))
    return 0


def cmd_import(args: argparse.Namespace, lang: str) -> int:
    from mscreg.services.exchange.importing import import_file
    from mscreg.services.exchange.records import ImportRefused
    from mscreg.services.trial_records import is_trial_file

    if is_trial_file(args.path):  # a registry's download (ClinicalTrials.gov, the China platform)
        from mscreg.cli.trials import import_trial_file

        return import_trial_file(args, lang)

    try:
        with workspace(args) as ws:
            plan = import_file(ws, args.path, dry_run=args.dry_run, encoding=args.encoding)
    except ImportRefused as exc:
        if getattr(args, "json", False):
            # "error" as every command's --json refusal has it (the first problem; the message as printed
            # without --json), then each problem with its row and column
            first = exc.issues[0].problem if exc.issues else None
            error = {"code": first.code if first else "", "field": first.field if first else "",
                     "value": first.value if first else "", "message": exc.message(lang)}
            out(args, {"ok": False, "error": error, "file": args.path,
                       "errors": [i.as_json(lang) for i in exc.issues],
                       "errors_total": exc.issues.total, "errors_not_listed": exc.not_listed}, "")
        else:
            print(exc.message(lang), file=sys.stderr)
        return exc.exit_code
    payload = {"ok": True, "file": args.path, "format": plan.format, "encoding": plan.encoding,
               "sha256": plan.sha256, "dry_run": args.dry_run, **plan.counts()}
    text = plan.summary(lang, dry_run=args.dry_run)
    if args.dry_run:  # what each changed row would change, so a partial file can be checked before it is written
        payload["changes"] = plan.changes()
        lines = plan.change_lines(lang)
        if plan.trials is not None:
            from mscreg.services.exchange.trial_plan import plan_lines

            lines += plan_lines(plan.trials, lang, count=False)  # the summary above counts them
        text = "\n".join([text, *("  " + line for line in lines)])
    out(args, payload, text)
    return 0


COMMANDS = {"export": cmd_export, "import": cmd_import}
