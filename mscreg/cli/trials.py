"""``mscreg trials`` (the trial registrations held) and ``mscreg link-trial`` (link one to a product).

Registry downloads are imported by ``mscreg import``, which routes them here (:func:`import_trial_file`).
Top-level imports stay light, as in every command module.
"""

from __future__ import annotations

import argparse
import sys

from mscreg.cli.common import out, workspace


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("trials", parents=[common],
                       help="list clinical-trial registrations with their phases, status, dates and linked product")
    p.add_argument("--product", metavar="NAME", help="only the trials linked to this product (any name or alias)")
    p.add_argument("--registry", metavar="CODE", help="ctgov, chictr, cn_ctr, jrct, eu_ct, cris, ctri, irct, "
                                                      "anzctr or other")
    p.add_argument("--status", metavar="CODE", help="ClinicalTrials.gov's status code, for example RECRUITING")

    p = sub.add_parser("link-trial", parents=[common],
                       help="link a trial to a product (and its clinical track), or unlink it; audited")
    p.add_argument("--trial", required=True, metavar="REGISTRY:ID", help="for example ctgov:NCT01234567")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--product", metavar="NAME", help="any name or alias")
    group.add_argument("--unlink", action="store_true", help="remove the trial's product and track links")
    p.add_argument("--track", type=int, metavar="ID", help="the product's clinical track (its number)")
    p.add_argument("--reason", required=True, help="why the change is made (goes into the audit trail)")


def _date(d, lang: str) -> str:
    from mscreg.domain.messages import text

    if d is None:
        return "—"
    return text(f"trials.date_{d.kind.value}", lang, value=d.date.display())


def cmd_trials(args: argparse.Namespace, lang: str) -> int:
    from mscreg.domain.messages import text
    from mscreg.services.trial_records import list_trials, product_names, trials_json

    with workspace(args) as ws:
        trials = list_trials(ws, product=args.product, registry=args.registry, status=args.status)
        if getattr(args, "json", False):
            out(args, trials_json(ws, trials), "")
            return 0
        names = product_names(ws)
    lines = []
    for t in trials:
        title = (t.title_zh or t.title) if lang.startswith("zh") else t.title
        lines.append(text("trials.row", lang, name=t.registry.value, value=t.registry_id,
                          found=t.phase_key or "—", status=t.status_code or "—", detail=title))
        enrolment = f"{t.enrolment.count} ({t.enrolment.kind.value})" if t.enrolment else "—"
        lines.append(text("trials.row_dates", lang, since=_date(t.start_date, lang),
                          due=_date(t.primary_completion, lang), until=_date(t.completion, lang),
                          count=enrolment))
        product = names.get(t.product_id or 0) or text("trials.not_linked", lang)
        lines.append(text("trials.row_more", lang, found=t.lead_sponsor or "—",
                          expected=", ".join(t.countries) or "—", product=product))
    out(args, None, "\n".join(lines) if lines else text("trials.none", lang))
    return 0


def import_trial_file(args: argparse.Namespace, lang: str) -> int:
    """``mscreg import FILE`` for a registry's download: all or nothing, ``--dry-run`` prints the plan."""
    from mscreg.domain.messages import text
    from mscreg.services.exchange.records import ImportRefused
    from mscreg.services.exchange.trial_plan import plan_lines, shown
    from mscreg.services.trial_records import import_trials

    try:
        with workspace(args) as ws:
            result = import_trials(ws, args.path, dry_run=args.dry_run, encoding=args.encoding)
    except ImportRefused as exc:
        if getattr(args, "json", False):
            out(args, {"ok": False, "file": args.path, "errors": [i.as_json(lang) for i in exc.issues],
                       "errors_total": exc.issues.total, "errors_not_listed": exc.not_listed}, "")
        else:
            print(exc.message(lang), file=sys.stderr)
        return exc.exit_code
    counts = result.counts()
    suggestions = [text("trials.suggested", lang, value=f"{s.trial.registry.value}:{s.trial.registry_id}",
                        name=s.product, field=s.field) for s in result.suggestions]
    payload = {"ok": True, "file": args.path, "format": result.layout, "sha256": result.sha256,
               "dry_run": args.dry_run, "trials": counts,
               "changes": [{"registry": u.before.registry.value, "registry_id": u.before.registry_id,
                            "fields": {c.field: [shown(c.old), shown(c.new)] for c in u.changes}}
                           for u in result.plan.updates],
               "suggested_links": [{"registry": s.trial.registry.value, "registry_id": s.trial.registry_id,
                                    "product": s.product, "matched": s.field} for s in result.suggestions]}
    if args.dry_run:
        head = text("trials.import_dry", lang, value=result.file)
        body = "\n".join([head, *("  " + line for line in plan_lines(result.plan, lang)), *suggestions])
    else:
        body = "\n".join([text("trials.import_done", lang, value=result.file, found=counts["created"],
                               expected=counts["changed"], detail=counts["unchanged"]), *suggestions])
    out(args, payload, body)
    return 0


def cmd_link_trial(args: argparse.Namespace, lang: str) -> int:
    from mscreg.domain.messages import text
    from mscreg.services.trial_records import link_trial

    with workspace(args) as ws:
        trial, name = link_trial(ws, args.trial, product=None if args.unlink else args.product, track=args.track,
                                 reason=args.reason)
    ref = f"{trial.registry.value}:{trial.registry_id}"
    message = text("trials.unlinked", lang, value=ref) if name is None else text("trials.linked", lang, value=ref,
                                                                                   name=name)
    out(args, {"ok": True, "registry": trial.registry.value, "registry_id": trial.registry_id, "product": name,
               "product_id": trial.product_id, "track_id": trial.track_id}, message)
    return 0


COMMANDS = {"trials": cmd_trials, "link-trial": cmd_link_trial}
