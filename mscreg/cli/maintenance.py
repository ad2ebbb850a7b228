"""Looking after the database from the command line: ``backup``, ``restore`` and ``audit``.

The work is done by :mod:`mscreg.services.backups` and :mod:`mscreg.services.audit_export`, the same
functions the window's File → Back up… / Restore… call.  Top-level imports stay light (argparse
only) so that ``mscreg`` with no command still paints its window first.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from mscreg.cli.common import is_chinese, out, workspace


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("backup", parents=[common],
                       help="consistent copy of the SQLite database (default: into its backup folder)")
    p.add_argument("--out", metavar="FILE", help="write the copy here (never overwrites)")
    p.add_argument("--list", action="store_true", help="list the automatic backups, newest first")

    p = sub.add_parser("restore", parents=[common],
                       help="replace the database with a verified backup (what it replaces is backed up first)")
    p.add_argument("file", metavar="FILE", help="the backup to restore")

    p = sub.add_parser("audit", parents=[common], help="export the whole audit trail (CSV with --out, or --json)")
    p.add_argument("--out", metavar="FILE.csv", help="write every row and column as CSV (UTF-8 with BOM)")


def cmd_backup(args: argparse.Namespace, lang: str) -> int:
    from mscreg.services import backups

    zh = is_chinese(lang)
    if args.list:
        items = backups.list_backups(getattr(args, "db", None))
        rows = [{"file": str(b.path), "taken_utc": b.taken_utc.strftime("%Y-%m-%dT%H:%M:%SZ"), "label": b.label,
                 "bytes": b.size} for b in items]
        text = "\n".join(f"{r['taken_utc']}  {r['label']:<28} {r['file']}" for r in rows) or (
            "没有自动备份。" if zh else "No automatic backups.")
        out(args, rows, text)
        return 0
    with workspace(args) as ws:
        path = backups.backup_now(ws, args.out)
    text = f"已备份到：{path}" if zh else f"Backed up to {path}"
    out(args, {"backup": str(path)}, text)
    return 0


def cmd_restore(args: argparse.Namespace, lang: str) -> int:
    from mscreg.services import backups

    report = backups.restore(args.file, getattr(args, "db", None))
    kept = str(report.replaced_backup) if report.replaced_backup else ""
    if is_chinese(lang):
        text = f"已从 {report.restored_from} 恢复 {report.database}(审计追踪 {report.audit_rows} 条记录已验证)。"
        if kept:
            text += f"\n被替换的数据库已备份到：{kept}"
    else:
        text = (f"Restored {report.database} from {report.restored_from} (audit trail of {report.audit_rows} "
                f"rows verified).")
        if kept:
            text += f"\nThe database it replaced was kept at {kept}"
    out(args, {"database": str(report.database), "restored_from": str(report.restored_from),
               "audit_rows": report.audit_rows, "replaced_backup": kept or None}, text)
    return 0


def cmd_audit(args: argparse.Namespace, lang: str) -> int:
    from mscreg.services.audit_export import read_audit, write_audit_csv

    zh = is_chinese(lang)
    with workspace(args) as ws:
        export = read_audit(ws)
    chain = export.chain
    if chain.ok:
        status = (f"审计链 {chain.rows} 条记录全部验证" if zh else f"audit chain of {chain.rows} rows verified")
    elif chain.broken_id is None:  # the chain's links hold, but the records are not what it says
        status = (f"警告：审计追踪与数据不一致：{chain.problem(lang)}" if zh else
                  f"WARNING: the audit trail and the records disagree: {chain.problem(lang)}")
    else:
        where = chain.broken_id if chain.broken_id is not None else "?"
        status = (f"警告：审计链在第 {where} 条记录处断裂：{chain.problem(lang)}" if zh else
                  f"WARNING: audit chain broken at row {where}: {chain.problem(lang)}")
    payload: dict[str, Any]
    if args.out:
        path = write_audit_csv(export, args.out)
        text = (f"已导出 {len(export.rows)} 条审计记录到 {path}；{status}。" if zh else
                f"Exported {len(export.rows)} audit rows to {path}; {status}.")
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


COMMANDS = {"backup": cmd_backup, "restore": cmd_restore, "audit": cmd_audit}
