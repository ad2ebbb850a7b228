"""Headings, labels and sentences the command line prints (besides refusals, which are in messages)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # recording, creating, anchors and clocks
    "cli.help.reference": ("IND number, CDE 受理号, NCT, BLA …", "IND 编号、CDE 受理号、NCT 编号、BLA 编号……"),
    "cli.event.recorded": (
        "Recorded event #{event} on {track}; the track is now “{state}”.",
        "已在 {track} 记录事件 #{event}；该申报路径现为“{state}”。",
    ),
    "cli.unexpected": (
        "mscreg stopped on an error it did not expect ({error}). The database is consistent: a change is "
        "written whole or not at all. The details are in the log file: {log}",
        "mscreg 遇到意外错误而停止（{error}）。数据库保持一致：每项更改要么完整写入，要么完全不写入。"
        "详细信息已写入日志文件：{log}"),
    "cli.unexpected.no_log": ("(the log folder could not be written)", "（无法写入日志文件夹）"),
    "cli.track.created": ("Created a new track #{id}: {track}.", "已新建申报路径 #{id}：{track}。"),
    "cli.init.empty": ("Created an empty database: {location}", "已创建空数据库：{location}"),
    "cli.init.seeded": (
        "Created {location} with data set {version}: {products} products, {tracks} tracks, {events} events, "
        "{obligations} post-approval obligations, {transfers} holder and licensee changes, "
        "{trials} trial registrations.",
        "已创建数据库：{location}（数据集 {version}：{products} 个产品，{tracks} 条申报路径，{events} 个事件，"
        "{obligations} 项批准后义务，{transfers} 条持有人与被许可方变更，{trials} 条试验登记）",
    ),
    "cli.anchor.restored_since": (
        "  The database was restored since, on {at} from {source} (audit row {row}): this anchor is of the "
        "trail that restore replaced.",
        "  此后数据库于 {at} 从 {source} 恢复过（第 {row} 条审计记录）：此锚点属于那次恢复所替换的审计追踪。",
    ),
    "cli.anchor.signed": ("signature valid (key {key})", "签名有效（密钥 {key}）"),
    "cli.anchor.unsigned": (
        "NOT signed: anyone who can write that file could forge it",
        "未签名：任何能写入该文件的人都能伪造它",
    ),
    "cli.anchor.extends": (
        "The audit trail extends the anchor {file} (row {row}, made {made}; {sig}): its first {row} rows are "
        "exactly those that existed then. {after} added since are not covered by it.",
        "审计追踪延续了锚点 {file}（第 {row} 条记录，{made} 生成；{sig}）：前 {row} "
        "条记录与锚点生成时完全相同。此后新增的 {after}不在锚点证明范围内。",
    ),
    "cli.rows.one": ("{n} row", "{n} 条记录"),
    "cli.rows.many": ("{n} rows", "{n} 条记录"),
    "cli.clock.provisional": (
        "(provisional: the holiday schedule for a year counted is not yet published; weekends only)",
        "（暂定：所涉年份尚未公布法定节假日安排，仅按周末计算）",
    ),
    # tracks, exports and timelines
    "cli.track.changed": ("Changed track #{id}: {before} → {after}.", "已修改申报路径 #{id}：{before} → {after}。"),
    "cli.track.unchanged": ("Track #{id} is unchanged: {track}.", "申报路径 #{id} 未改动：{track}。"),
    "cli.track.deleted": ("Deleted track #{id}: {track}.", "已删除申报路径 #{id}：{track}。"),
    "cli.export.deadlines": ("Exported {count} open deadlines to {out}", "已导出 {count} 个未到期时限：{out}"),
    # backups, restores, anchors and the audit trail
    "cli.backup.none": ("No automatic backups.", "没有自动备份。"),
    "cli.backup.made": ("Backed up to {path}", "已备份到：{path}"),
    "cli.backup.no_anchor": ("WARNING: no anchor could be recorded for this backup.", "警告：未能为此备份记录锚点。"),
    "cli.backup.anchor_unwritten": ("(could not be written)", "（未能写入）"),
    "cli.backup.anchor_signed": ("signed", "已签名"),
    "cli.backup.anchor_unsigned": (
        "NOT signed (no key could be had: {missing})",
        "未签名（无法获得密钥：{missing}）",
    ),
    "cli.backup.anchor": ("Anchor (audit row {row}, {sig}): {where}", "锚点（第 {row} 条审计记录，{sig}）：{where}"),
    "cli.restore.done": (
        "Restored {database} from {source} (audit trail of {rows} rows verified).",
        "已从 {source} 恢复 {database}（审计追踪 {rows} 条记录已验证）。",
    ),
    "cli.restore.kept": ("The database it replaced was kept at {kept}", "被替换的数据库已备份到：{kept}"),
    "cli.restore.rows_not_in_copy": (
        "{missing} {missing|row|rows} of the replaced audit trail {missing|is|are} not in the restored copy "
        "(they remain in the kept copy of the replaced database).",
        "被替换的审计追踪中有 {missing} 条记录不在恢复的副本中（仍保存在被替换数据库的备份里）。",
    ),
    "cli.restore.recorded": (
        "The restore is recorded as audit row {row}.",
        "恢复操作已记入审计追踪第 {row} 条记录。",
    ),
    "cli.restore.own_matches": (
        "The copy matches the anchor recorded when it was made (row {row}).",
        "副本与其生成时记录的锚点完全一致（第 {row} 条记录）。",
    ),
    "cli.restore.no_own_anchor": (
        "No anchor was recorded for this copy when it was made: nothing proves it is unchanged since.",
        "此副本没有生成时记录的锚点：无法证明它在生成后未被改动。",
    ),
    "cli.restore.known": (
        "Anchors recorded for this database on this computer: {extended} extended by the copy, {later} later "
        "than the copy, {contradicted} contradicted.",
        "本机为此数据库记录的锚点：副本延续 {extended} 个，{later} 个晚于副本，{contradicted} 个与副本矛盾。",
    ),
    "cli.restore.later": (
        "  The anchor of row {row} ({made}) is later than the copy: {missing} {missing|row|rows} recorded then "
        "{missing|is|are} not in "
        "the copy.",
        "  第 {row} 条记录的锚点（{made}）晚于副本：当时已有的 {missing} 条记录不在副本中。",
    ),
    "cli.restore.explained": (
        "The copy was made before this database was last restored: it differs from the anchors recorded since, "
        "as expected.",
        "副本早于此数据库的上一次恢复：与之后的锚点不同是预期的。",
    ),
    "cli.restore.no_known": (
        "No anchors are recorded for this database on this computer.",
        "本机没有为此数据库记录的锚点。",
    ),
    "cli.restore.forced": ("Restored with --force despite:", "已按 --force 恢复，尽管："),
    "cli.restore.history_failed": (
        "WARNING: the restore could not be recorded in the anchor history.",
        "警告：未能在锚点记录中记下此次恢复。",
    ),
    "cli.anchor.heading": ("Audit anchor of {database}:", "数据库 {database} 的审计锚点："),
    "cli.anchor.last_row": ("  last row:  {row}", "  最后一条记录：第 {row} 条"),
    "cli.anchor.hash": ("  its hash:  {hash}", "  其哈希值：{hash}"),
    "cli.anchor.identity": (
        "  identity (hash of the first row): {identity}",
        "  数据库标识（第一条记录的哈希值）：{identity}",
    ),
    "cli.anchor.empty_trail": ("(empty trail)", "（审计追踪为空）"),
    "cli.anchor.made": ("  made (UTC): {made}", "  生成时间（UTC）：{made}"),
    "cli.anchor.key_used": (
        "  signed: HMAC-SHA256 with key {key} ({path})",
        "  已签名：HMAC-SHA256，密钥 {key}（{path}）",
    ),
    "cli.anchor.key_created": (
        "  signed: HMAC-SHA256 with key {key} ({path}, created now)",
        "  已签名：HMAC-SHA256，密钥 {key}（{path}，新建）",
    ),
    "cli.anchor.no_key": (
        "  NOT signed: no key could be had at {path} ({missing}); anyone who can write an anchor could forge "
        "this one.",
        "  未签名：无法获得密钥 {path}（{missing}）；任何能写入锚点的人都能伪造它。",
    ),
    "cli.anchor.key_readable": (
        "  WARNING: the key file {path} is readable by other users; chmod 600 it.",
        "  警告：密钥文件 {path} 可被其他用户读取；请执行 chmod 600。",
    ),
    "cli.anchor.written": ("Written to {out}", "已写入：{out}"),
    "cli.anchor.in_history": ("Recorded in the anchor history: {history}", "已记入锚点记录：{history}"),
    "cli.anchor.not_in_history": (
        "WARNING: not recorded in the anchor history ({problem}).",
        "警告：未能记入锚点记录（{problem}）。",
    ),
    "cli.anchor.proves": (
        "It proves that the first {row} audit rows cannot change from now on without this showing; it proves "
        "nothing about rows added later.",
        "此锚点证明前 {row} 条审计记录此后不会被无痕改动；它不证明之后新增的记录。",
    ),
    "cli.audit.verified": ("audit chain of {rows} rows verified", "审计链 {rows} 条记录全部验证"),
    "cli.audit.disagree": (
        "WARNING: the audit trail and the records disagree: {problem}",
        "警告：审计追踪与数据不一致：{problem}",
    ),
    "cli.audit.broken": (
        "WARNING: audit chain broken at row {row}: {problem}",
        "警告：审计链在第 {row} 条记录处断裂：{problem}",
    ),
    "cli.audit.exported": (
        "Exported {rows} audit rows to {path}; {status}.",
        "已导出 {rows} 条审计记录到 {path}；{status}。",
    ),
    # the deadline list: a clock's status as the list shows it
}
