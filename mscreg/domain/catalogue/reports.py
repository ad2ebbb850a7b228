"""Texts the services write into reports, checks, exports and the audit trail."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # the database check
    "check.ok": (
        "OK: integrity check passed; audit chain of {rows} rows verified; {products} products, {events} events.",
        "正常：完整性检查通过；审计链 {rows} 条记录全部验证；{products} 个产品，{events} 个事件。",
    ),
    "check.passed": (
        "Integrity check passed; audit chain of {rows} rows verified; {products} products, {events} events.",
        "完整性检查通过；审计链 {rows} 条记录全部验证；{products} 个产品，{events} 个事件。",
    ),
    "check.ok_with_anchors": (
        "OK: integrity check passed; audit chain of {rows} rows verified; {products} products, {events} events; "
        "{anchors}",
        "正常：完整性检查通过；审计链 {rows} 条记录全部验证；{products} 个产品，{events} 个事件；{anchors}",
    ),
    "check.passed_with_anchors": (
        "Integrity check passed; audit chain of {rows} rows verified; {products} products, {events} events; "
        "{anchors}",
        "完整性检查通过；审计链 {rows} 条记录全部验证；{products} 个产品，{events} 个事件；{anchors}",
    ),
    "check.chain_verified": (
        "Integrity check passed; audit chain of {rows} rows verified.",
        "完整性检查通过；审计链 {rows} 条记录全部验证。",
    ),
    "check.integrity_failed": ("Database integrity check failed: {detail}", "数据库完整性检查失败：{detail}"),
    "check.trail_disagrees": ("Audit trail and records disagree: {problem}", "审计追踪与数据不一致：{problem}"),
    "check.chain_broken": ("Audit chain broken at row {row}: {problem}", "审计链在第 {row} 条记录处断裂：{problem}"),
    "check.derived_heading": (
        "Computed columns that disagree with their records ({n}): they were changed outside mscreg, and name "
        "look-ups and dates that use them are wrong until they are corrected (restore a backup).",
        "由记录其他列计算得出的值与所存值不符（{n} 处）：这些值在 mscreg 之外被修改，在更正之前，"
        "依赖它们的名称查找和日期均不可靠（请恢复备份）。",
    ),
    "check.derived_more": ("  … and {rest} more", "  …另有 {rest} 处"),
    "check.anchors_not_extended": (
        "The audit trail does not extend the anchors recorded for this database on this computer:",
        "审计追踪未延续本机为此数据库记录的锚点：",
    ),
    "check.anchors_extended": (
        "extends the {n} {n|anchor|anchors} recorded for it on this computer (newest: row {row}, {made}).",
        "延续本机为此数据库记录的 {n} 个锚点（最新：第 {row} 条记录，{made}）。",
    ),
    "check.history_tampered": (
        "WARNING: {n} entries of the anchor history do not match their signature and were ignored.",
        "警告：锚点记录中有 {n} 条与其签名不符，已忽略。",
    ),
    # the audit chain and the audit trail
    "audit_chain.missing": (
        "row {expected} is missing before row {found}",
        "第 {found} 条记录之前缺少第 {expected} 条记录",
    ),
    "audit_chain.link": ("its link to the previous row does not match", "与上一条记录的链接不符"),
    "audit_chain.edited": ("its content does not match its hash (edited)", "内容与其哈希值不符（已被修改）"),
    "audit_chain.unaudited": (
        "{entity} #{entity_id} differs from what the audit trail records ({detail}): a change was made or an "
        "audit row removed outside mscreg",
        "{entity} #{entity_id} 与审计追踪记录不一致（{detail}）：有修改或审计记录在 mscreg 之外被删除",
    ),
    "audit_chain.detail.no_audit_row": ("no audit row", "无审计记录"),
    "audit_chain.detail.record_missing": ("record missing", "记录已缺失"),
    "audit.subject.database": ("the database", "数据库"),
    "audit.subject.obligation": ("{kind}: {text}", "{kind}：{text}"),
    "audit.subject.obligation_step": ("{kind}: {step} ({date})", "{kind}：{step}（{date}）"),
    "obligation.step.submitted": ("submitted by the holder", "持有人已提交"),
    "obligation.step.fulfilled": ("fulfilled", "已完成"),
    "obligation.step.released": ("released", "已解除"),
    "obligation.step.extended": ("due date extended", "到期日已延长"),
    # product listings and the deadline calendar
    "report.states_as_of": ("States as of {day}", "状态截至 {day}"),
    "report.aliases": ("  aliases: {aliases}", "  别名：{aliases}"),
    "report.term": ("term: {rule}, due {due} ({basis})", "期限：{rule}，到期日 {due}（{basis}）"),
    "report.since": (" ({since})", "（{since}）"),
    "calendar.name": ("mscreg deadlines", "mscreg 法定时限"),
    "calendar.basis": ("Basis: {basis}", "依据：{basis}"),
    "calendar.anchor": ("Counted from: {event} {date}", "起算事件：{event} {date}"),
    "calendar.due": ("Due: {date}", "到期：{date}"),
    "calendar.due_range": (
        "Due: {date} (a range: the date it is counted from is imprecise)",
        "到期：{date}（为一段日期：起算日期不精确）",
    ),
    "calendar.provisional": (
        "Provisional: counted over a year whose China holiday schedule is not yet published.",
        "暂定：计算所跨年份的中国节假日安排尚未公布。",
    ),
    "calendar.owner": ("Owner: {owner}", "负责人：{owner}"),
    "calendar.authorised_by": ("Authorisation: {event} {date}", "所依据的批准：{event} {date}"),
    "calendar.reminder": ("{product}: {what} due {date}", "{product}：{what} 到期 {date}"),
    "calendar.summary": ("{product} — {what} ({where})", "{product} — {what}（{where}）"),
    "calendar.transfer_summary": (
        "{product} — {role}: {old} → {new} ({where})",
        "{product} — {role}：{old} → {new}（{where}）",
    ),
    "calendar.history_description": (
        "Recorded in mscreg as having happened on {date}; a past fact, not a deadline.",
        "mscreg 中记录为发生于 {date}；这是已发生的事实，不是时限。",
    ),
    "calendar.history_count": (
        "Also {count} designation and holder {count|record|records} with their dates, as history.",
        "另有 {count} 条认定与持有人记录及其日期（作为历史项）。",
    ),
    # imports and exports
    "list.comma": (", ", "，"),
    "list.enumeration": (", ", "、"),  # items of one kind named in a sentence: options, event types
    "list.semicolon": ("; ", "；"),
    "text.labelled": ("{label}: {text}", "{label}：{text}"),
    "text.dated": ("{name} ({date})", "{name}（{date}）"),
    "list.colon": (": ", "："),
    "answer.yes": ("yes", "是"),
    "answer.no": ("no", "否"),
    "import.where.sheet": ("sheet {sheet}", "工作表 {sheet}"),
    "import.where.row": ("row {row}", "第 {row} 行"),
    "import.where.column": ("column {column}", "列 {column}"),
    "import.record.product": ("product", "产品"),
    "import.record.event": ("event", "事件"),
    "import.record.track": ("track", "申报路径"),
    "import.change.field": ("{field} {change}", "{field}{change}"),
    "import.change.line": ("{where} — {record} {key}: {fields}", "{where} — {record} {key}：{fields}"),
    "import.summary.products": ("products", "产品"),
    "import.summary.tracks": ("tracks", "申报路径"),
    "import.summary.events": ("events", "事件"),
    "import.summary.obligations": ("obligations", "上市后义务"),
    "import.summary.part": (
        "{name}: {created} created, {changed} changed, {unchanged} unchanged",
        "{name}：新建 {created}，修改 {changed}，未变 {unchanged}",
    ),
    "import.summary.head": ("{file} ({format})", "{file}（{format}）"),
    "import.summary.head_encoding": ("{file} ({format}, {encoding})", "{file}（{format}，{encoding}）"),
    "import.summary.done": ("{head} imported — {parts}", "{head}已导入 — {parts}"),
    "import.summary.dry_run": (
        "{head} would import — {parts} (dry run, nothing written)",
        "{head}将导入 — {parts}（试运行，未写入）",
    ),
    "import.located": ("{where}: {message}", "{where}：{message}"),
    "import.refused": (
        "Import refused, nothing was written: {total} {total|error|errors}.",
        "导入被拒绝，未写入任何数据：发现 {total} 个错误。",
    ),
    "export.audit_done": ("Exported {rows} audit rows to {path}", "已导出审计追踪 {rows} 条记录：{path}"),
    "export.done": (
        "Exported {products} products, {tracks} tracks, {events} events to {path}",
        "已导出 {products} 个产品、{tracks} 条申报路径、{events} 个事件：{path}",
    ),
    # the demo database
    "demo.summary.written": (
        "Wrote demo database {path} (seed {seed}, data up to {end})",
        "已生成演示数据库：{path}（随机种子 {seed}，数据截至 {end}）",
    ),
    "demo.summary.written_replaced": (
        "Wrote demo database {path} (seed {seed}, data up to {end}, replaced the file that was there)",
        "已生成演示数据库：{path}（随机种子 {seed}，数据截至 {end}，已替换原文件）",
    ),
    "demo.summary.counts": (
        "{products} products, {tracks} tracks, {events} events in {seconds} s",
        "{products} 个产品，{tracks} 条申报路径，{events} 个事件，用时 {seconds} 秒",
    ),
    "demo.summary.per_jurisdiction": ("Products per jurisdiction: {counts}", "各国家/地区产品数：{counts}"),
    "demo.summary.pathways": (
        "Pathways: clinical {clinical}, marketing {marketing}",
        "路径：临床 {clinical}，上市 {marketing}",
    ),
    "demo.summary.precision": (
        "Date precision: day {day}, month {month}, year {year}, unknown {unknown}; approximate {approximate}",
        "日期精度：日 {day}，月 {month}，年 {year}，不详 {unknown}；近似 {approximate}",
    ),
}
