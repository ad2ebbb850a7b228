"""Looking after the database from the command line: ``backup``, ``restore``, ``audit`` and ``anchor``.

The work is done by :mod:`mscreg.services.backups` and :mod:`mscreg.services.audit_export`, the same
functions the window's File → Back up… / Restore… call.  Top-level imports stay light (argparse
only) so that ``mscreg`` with no command still paints its window first.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mscreg.cli.common import out, workspace
from mscreg.domain import messages


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("backup", parents=[common],
                       help="consistent copy of the SQLite database (default: into its backup folder)")
    p.add_argument("--out", metavar="FILE", help="write the copy here (never overwrites)")
    p.add_argument("--list", action="store_true", help="list the automatic backups, newest first")

    p = sub.add_parser("restore", parents=[common],
                       help="replace the database with a verified backup (what it replaces is backed up first)")
    p.add_argument("file", metavar="FILE", help="the backup to restore")
    p.add_argument("--force", action="store_true",
                   help="restore even a copy that contradicts the anchors known for it or for the database "
                        "(the restore's audit row then records the contradiction)")
    p.add_argument("--reason", default="", help="why the restore is made (goes into the audit trail)")

    p = sub.add_parser("anchor", parents=[common],
                       help="print the audit trail's anchor (last row, its hash, signed) and record it")
    p.add_argument("--out", metavar="FILE", help="also write the anchor to FILE (a small JSON document)")
    p.add_argument("--key", metavar="FILE",
                   help="sign with the key in FILE (created if absent) instead of the user's own key")

    p = sub.add_parser("audit", parents=[common], help="export the whole audit trail (CSV with --out, or --json)")
    p.add_argument("--out", metavar="FILE.csv",
                   help="write every row and column as CSV (UTF-8 with BOM); a cell a spreadsheet would run as a "
                        "formula starts with an added '")


def cmd_backup(args: argparse.Namespace, lang: str) -> int:
    from mscreg.services import backups

    if args.list:
        items = backups.list_backups(getattr(args, "db", None))
        rows = [{"file": str(b.path), "taken_utc": b.taken_utc.strftime("%Y-%m-%dT%H:%M:%SZ"), "label": b.label,
                 "bytes": b.size} for b in items]
        text = "\n".join(f"{r['taken_utc']}  {r['label']:<28} {r['file']}" for r in rows) or (
            messages.text("cli.backup.none", lang))
        out(args, rows, text)
        return 0
    with workspace(args) as ws:
        made = backups.take(ws, args.out)
    path = made.path
    text = messages.text("cli.backup.made", lang, path=path)
    payload: dict[str, Any] = {"backup": str(path), "anchor": None}
    if made.anchor is not None:
        a = made.anchor.anchor
        payload["anchor"] = {"file": str(made.anchor.file) if made.anchor.file else None, "row": a.tail_id,
                             "hash": a.tail_hash, "signed": a.signed, "recorded_in_history": made.anchor.recorded}
        text += "\n" + _backup_anchor_text(made.anchor, lang)
    else:
        text += "\n" + messages.text("cli.backup.no_anchor", lang)
    out(args, payload, text)
    return 0


def _backup_anchor_text(made: Any, lang: str) -> str:
    a = made.anchor
    where = str(made.file) if made.file else messages.text("cli.backup.anchor_unwritten", lang)
    sig = (messages.text("cli.backup.anchor_signed", lang) if a.signed else
           messages.text("cli.backup.anchor_unsigned", lang, missing=made.key.missing))
    return messages.text("cli.backup.anchor", lang, row=a.tail_id, sig=sig, where=where)


def cmd_restore(args: argparse.Namespace, lang: str) -> int:
    from mscreg.services import backups

    report = backups.restore(args.file, getattr(args, "db", None), force=args.force, reason=args.reason)
    kept = str(report.replaced_backup) if report.replaced_backup else ""
    text = messages.text("cli.restore.done", lang, database=report.database, source=report.restored_from,
                         rows=report.audit_rows)
    if kept:
        text += "\n" + messages.text("cli.restore.kept", lang, kept=kept)
    lines = [text, *_restore_anchor_lines(report, lang)]
    a = report.anchors
    out(args, {"database": str(report.database), "restored_from": str(report.restored_from),
               "audit_rows": report.audit_rows, "replaced_backup": kept or None,
               "restore_audit_row": report.audit_row, "replaced_rows": report.replaced_rows,
               "rows_not_in_copy": report.rows_not_in_copy, "forced": report.forced,
               "anchors": a.summary() if a else None,
               "contradictions": [p.message(lang) for p in a.problems] if a and report.forced else [],
               "history_recorded": report.history_recorded}, "\n".join(lines))
    return 0


def _restore_anchor_lines(report: Any, lang: str) -> list[str]:
    from mscreg.services.anchoring import shown_time

    a = report.anchors
    lines = []
    missing = report.rows_not_in_copy
    if missing is not None:
        lines.append(messages.text("cli.restore.rows_not_in_copy", lang, missing=missing))
    lines.append(messages.text("cli.restore.recorded", lang, row=report.audit_row))
    if a is None:
        return lines
    if a.own_matches:
        row = a.own[0].anchor.tail_id
        lines.append(messages.text("cli.restore.own_matches", lang, row=row))
    elif not a.own and not a.own_problems:
        lines.append(messages.text("cli.restore.no_own_anchor", lang))
    if a.known:
        lines.append(messages.text("cli.restore.known", lang, extended=len(a.extended), later=len(a.later),
                                   contradicted=len(a.contradicted)))
        for f in a.later:
            lines.append(messages.text("cli.restore.later", lang, row=f.anchor.tail_id,
                                       made=shown_time(f.anchor.made_utc),
                                       missing=f.anchor.tail_id - a.copy_end.tail_id))
        if a.explained and a.contradicted:
            lines.append(messages.text("cli.restore.explained", lang))
    else:
        lines.append(messages.text("cli.restore.no_known", lang))
    if report.forced:
        lines.append(messages.text("cli.restore.forced", lang))
        lines.extend("  " + p.message(lang) for p in a.problems)
    if not report.history_recorded:
        lines.append(messages.text("cli.restore.history_failed", lang))
    return lines


def cmd_anchor(args: argparse.Namespace, lang: str) -> int:
    from mscreg.services.anchoring import make_anchor, shown_time

    with workspace(args) as ws:
        made = make_anchor(ws, out=args.out, key_file=args.key)
    a = made.anchor
    lines = [messages.text("cli.anchor.heading", lang, database=a.database),
             messages.text("cli.anchor.last_row", lang, row=a.tail_id),
             messages.text("cli.anchor.hash", lang, hash=a.tail_hash),
             messages.text("cli.anchor.identity", lang,
                           identity=a.identity or messages.text("cli.anchor.empty_trail", lang)),
             messages.text("cli.anchor.made", lang, made=shown_time(a.made_utc))]
    if a.signed:
        lines.append(messages.text("cli.anchor.key_created" if made.key.created else "cli.anchor.key_used", lang,
                                   key=a.key_id, path=made.key.path))
    else:
        lines.append(messages.text("cli.anchor.no_key", lang, path=made.key.path, missing=made.key.missing))
    if made.key.readable_by_others:
        lines.append(messages.text("cli.anchor.key_readable", lang, path=made.key.path))
    if made.out:
        lines.append(messages.text("cli.anchor.written", lang, out=made.out))
    lines.append(messages.text("cli.anchor.in_history", lang, history=made.history) if made.history else
                 messages.text("cli.anchor.not_in_history", lang, problem=made.history_problem))
    lines.append(messages.text("cli.anchor.proves", lang, row=a.tail_id))
    payload = {**a.document(), "out": str(made.out) if made.out else None,
               "history": str(made.history) if made.history else None, "key": str(made.key.path),
               "unsigned_reason": None if a.signed else made.key.missing}
    out(args, payload, "\n".join(lines))
    return 0


def cmd_audit(args: argparse.Namespace, lang: str) -> int:
    from mscreg.services.audit_export import read_audit, write_audit_csv

    with workspace(args) as ws:
        export = read_audit(ws)
    chain = export.chain
    if chain.ok:
        status = messages.text("cli.audit.verified", lang, rows=chain.rows)
    elif chain.broken_id is None:  # the chain's links hold, but the records are not what it says
        status = messages.text("cli.audit.disagree", lang, problem=chain.problem(lang))
    else:
        where = chain.broken_id if chain.broken_id is not None else "?"
        status = messages.text("cli.audit.broken", lang, row=where, problem=chain.problem(lang))
    payload: dict[str, Any]
    if args.out:
        path = write_audit_csv(export, args.out)
        text = messages.text("cli.audit.exported", lang, rows=len(export.rows), path=path, status=status)
        payload = {"out": str(path), "rows": len(export.rows), "chain_ok": chain.ok,
                   "broken_row": chain.broken_id}
    else:
        payload = {"rows": export.rows, "chain_ok": chain.ok, "broken_row": chain.broken_id}
        lines = [f"{r['id']:>6} {r['at_utc']} {r['actor']:<12} {r['action']:<6} {r['entity']} #{r['entity_id']}"
                 f"  {r['reason']}\n         {r['changes']}" for r in export.rows]
        text = "\n".join([*lines, status])
    out(args, payload, text)
    if not chain.ok:
        if not getattr(args, "json", False):
            print(status, file=sys.stderr)
        return 7
    return 0


COMMANDS = {"backup": cmd_backup, "restore": cmd_restore, "audit": cmd_audit, "anchor": cmd_anchor}
