"""``mscreg demo-data``: write a synthetic portfolio database of any size, the same for the same seed.

The numbers are taken as text and checked by the service, so that a wrong one is refused with the
field, the value and the reason in the user's language (argparse's own ``type=int`` would answer in
English only).  Top-level imports stay light: the generator and the database layer load in the handler.
"""

from __future__ import annotations

import argparse

from mscreg.cli.common import out


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "demo-data", parents=[common],
        help="write a synthetic database of N products (for benchmarks and demonstrations)",
        description="Write a new database of synthetic but valid products, tracks and events in the nine "
                    "jurisdictions with pathways of their own (US, CN, JP, EU, KR, IN, CA, NZ, IR), through the "
                    "same import and audit code as real data. The same seed and arguments give the same "
                    "content. The shipped data set is not included.")
    p.add_argument("--products", required=True, metavar="N", help="number of products (1 to 200,000)")
    p.add_argument("--events-per-product", default="10", metavar="M",
                   help="events per product, spread over its tracks (default 10)")
    p.add_argument("--out", required=True, metavar="PATH", help="the new database file (must not exist yet)")
    p.add_argument("--seed", default="1", metavar="S", help="any whole number (default 1)")
    p.add_argument("--end", metavar="DATE",
                   help="the day the data run up to, YYYY-MM-DD (default 2026-06-30; never today, so that the "
                        "same seed gives the same data tomorrow)")
    p.add_argument("--force", action="store_true",
                   help="replace the file at PATH if there is one (never a database file, nor the database --db names)")


def cmd_demo_data(args: argparse.Namespace, lang: str) -> int:
    from mscreg.services.demo_data import check_options, write_demo_database
    from mscreg.services.output_files import configured_database

    # The database --db (or MSCREG_DB, or the user data folder) names is never the output, even with --force.
    options = check_options(args.products, args.events_per_product, args.seed, args.out, end=args.end,
                            force=args.force, protect=configured_database(getattr(args, "db", None)))
    report = write_demo_database(options)
    out(args, report.as_json(), report.summary(lang))
    return 0


COMMANDS = {"demo-data": cmd_demo_data}
