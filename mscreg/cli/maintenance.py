"""Looking after the database from the command line: ``backup``, ``restore``, ``audit`` and ``anchor``.

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
        made = backups.take(ws, args.out)
    path = made.path
    text = f"已备份到：{path}" if zh else f"Backed up to {path}"
    payload: dict[str, Any] = {"backup": str(path), "anchor": None}
    if made.anchor is not None:
        a = made.anchor.anchor
        payload["anchor"] = {"file": str(made.anchor.file) if made.anchor.file else None, "row": a.tail_id,
                             "hash": a.tail_hash, "signed": a.signed, "recorded_in_history": made.anchor.recorded}
        text += "\n" + _backup_anchor_text(made.anchor, zh)
    else:
        text += "\n" + ("警告：未能为此备份记录锚点。" if zh else
                        "WARNING: no anchor could be recorded for this backup.")
    out(args, payload, text)
    return 0


def _backup_anchor_text(made: Any, zh: bool) -> str:
    a = made.anchor
    where = str(made.file) if made.file else ("(未能写入)" if zh else "(could not be written)")
    if zh:
        sig = "已签名" if a.signed else f"未签名(无法获得密钥：{made.key.missing})"
        return f"锚点(第 {a.tail_id} 条审计记录，{sig})：{where}"
    sig = "signed" if a.signed else f"NOT signed (no key could be had: {made.key.missing})"
    return f"Anchor (audit row {a.tail_id}, {sig}): {where}"


def cmd_restore(args: argparse.Namespace, lang: str) -> int:
    from mscreg.services import backups

    report = backups.restore(args.file, getattr(args, "db", None), force=args.force, reason=args.reason)
    kept = str(report.replaced_backup) if report.replaced_backup else ""
    zh = is_chinese(lang)
    if zh:
        text = f"已从 {report.restored_from} 恢复 {report.database}(审计追踪 {report.audit_rows} 条记录已验证)。"
        if kept:
            text += f"\n被替换的数据库已备份到：{kept}"
    else:
        text = (f"Restored {report.database} from {report.restored_from} (audit trail of {report.audit_rows} "
                f"rows verified).")
        if kept:
            text += f"\nThe database it replaced was kept at {kept}"
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

    zh = is_chinese(lang)
    a = report.anchors
    lines = []
    missing = report.rows_not_in_copy
    if missing is not None:
        lines.append(f"被替换的审计追踪中有 {missing} 条记录不在恢复的副本中(仍保存在被替换数据库的备份里)。" if zh else
                     f"{missing} row(s) of the replaced audit trail are not in the restored copy (they remain "
                     f"in the kept copy of the replaced database).")
    lines.append(f"恢复操作已记入审计追踪第 {report.audit_row} 条记录。" if zh else
                 f"The restore is recorded as audit row {report.audit_row}.")
    if a is None:
        return lines
    if a.own_matches:
        row = a.own[0].anchor.tail_id
        lines.append(f"副本与其生成时记录的锚点完全一致(第 {row} 条记录)。" if zh else
                     f"The copy matches the anchor recorded when it was made (row {row}).")
    elif not a.own and not a.own_problems:
        lines.append("此副本没有生成时记录的锚点：无法证明它在生成后未被改动。" if zh else
                     "No anchor was recorded for this copy when it was made: nothing proves it is unchanged since.")
    if a.known:
        lines.append(f"本机为此数据库记录的锚点：副本延续 {len(a.extended)} 个，{len(a.later)} 个晚于副本，"
                     f"{len(a.contradicted)} 个与副本矛盾。" if zh else
                     f"Anchors recorded for this database on this computer: {len(a.extended)} extended by the copy, "
                     f"{len(a.later)} later than the copy, {len(a.contradicted)} contradicted.")
        for f in a.later:
            lines.append(f"  第 {f.anchor.tail_id} 条记录的锚点({shown_time(f.anchor.made_utc)})晚于副本："
                         f"当时已有的 {f.anchor.tail_id - a.copy_end.tail_id} 条记录不在副本中。" if zh else
                         f"  The anchor of row {f.anchor.tail_id} ({shown_time(f.anchor.made_utc)}) is later than the "
                         f"copy: {f.anchor.tail_id - a.copy_end.tail_id} row(s) recorded then are not in the copy.")
        if a.explained and a.contradicted:
            lines.append("副本早于此数据库的上一次恢复：与之后的锚点不同是预期的。" if zh else
                         "The copy was made before this database was last restored: it differs from the anchors "
                         "recorded since, as expected.")
    else:
        lines.append("本机没有为此数据库记录的锚点。" if zh else
                     "No anchors are recorded for this database on this computer.")
    if report.forced:
        lines.append("已按 --force 恢复，尽管：" if zh else "Restored with --force despite:")
        lines.extend("  " + p.message(lang) for p in a.problems)
    if not report.history_recorded:
        lines.append("警告：未能在锚点记录中记下此次恢复。" if zh else
                     "WARNING: the restore could not be recorded in the anchor history.")
    return lines


def cmd_anchor(args: argparse.Namespace, lang: str) -> int:
    from mscreg.services.anchoring import make_anchor, shown_time

    zh = is_chinese(lang)
    with workspace(args) as ws:
        made = make_anchor(ws, out=args.out, key_file=args.key)
    a = made.anchor
    if zh:
        lines = [f"数据库 {a.database} 的审计锚点：", f"  最后一条记录：第 {a.tail_id} 条",
                 f"  其哈希值：{a.tail_hash}", f"  数据库标识(第一条记录的哈希值)：{a.identity or '(审计追踪为空)'}",
                 f"  生成时间(UTC)：{shown_time(a.made_utc)}"]
        if a.signed:
            lines.append(f"  已签名：HMAC-SHA256，密钥 {a.key_id}({made.key.path}"
                         + ("，新建" if made.key.created else "") + ")")
        else:
            lines.append(f"  未签名：无法获得密钥 {made.key.path}({made.key.missing})；任何能写入锚点的人都能伪造它。")
        if made.key.readable_by_others:
            lines.append(f"  警告：密钥文件 {made.key.path} 可被其他用户读取；请执行 chmod 600。")
        if made.out:
            lines.append(f"已写入：{made.out}")
        lines.append(f"已记入锚点记录：{made.history}" if made.history else
                     f"警告：未能记入锚点记录({made.history_problem})。")
        lines.append(f"此锚点证明前 {a.tail_id} 条审计记录此后不会被无痕改动；它不证明之后新增的记录。")
    else:
        lines = [f"Audit anchor of {a.database}:", f"  last row:  {a.tail_id}", f"  its hash:  {a.tail_hash}",
                 f"  identity (hash of the first row): {a.identity or '(empty trail)'}",
                 f"  made (UTC): {shown_time(a.made_utc)}"]
        if a.signed:
            lines.append(f"  signed: HMAC-SHA256 with key {a.key_id} ({made.key.path}"
                         + (", created now" if made.key.created else "") + ")")
        else:
            lines.append(f"  NOT signed: no key could be had at {made.key.path} ({made.key.missing}); anyone who "
                         f"can write an anchor could forge this one.")
        if made.key.readable_by_others:
            lines.append(f"  WARNING: the key file {made.key.path} is readable by other users; chmod 600 it.")
        if made.out:
            lines.append(f"Written to {made.out}")
        lines.append(f"Recorded in the anchor history: {made.history}" if made.history else
                     f"WARNING: not recorded in the anchor history ({made.history_problem}).")
        lines.append(f"It proves that the first {a.tail_id} audit rows cannot change from now on without this "
                     f"showing; it proves nothing about rows added later.")
    payload = {**a.document(), "out": str(made.out) if made.out else None,
               "history": str(made.history) if made.history else None, "key": str(made.key.path),
               "unsigned_reason": None if a.signed else made.key.missing}
    out(args, payload, "\n".join(lines))
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


COMMANDS = {"backup": cmd_backup, "restore": cmd_restore, "audit": cmd_audit, "anchor": cmd_anchor}
