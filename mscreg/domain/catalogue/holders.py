"""Texts of holders over time, of tracks verified against a source, and of the review queue."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "holders.heading": ("{product} — holder as of {day}: {company}", "{product} — 截至 {day} 的持有人：{company}"),
    "holders.none": ("no transfer of holder or licensee recorded", "未记录持有人或被许可方的变更"),
    "holders.as_of_line": (
        "{jurisdiction}: holder {holder}; licensees {licensees}",
        "{jurisdiction}：持有人 {holder}；被许可方 {licensees}",
    ),
    "holders.no_date": ("no date", "日期不详"),
    "holders.transfer_line": ("{date} {role}: {old} → {new}", "{date} {role}：{old} → {new}"),
    "holders.added": (
        "Recorded transfer #{id} of {product} in {jurisdiction}: {line}",
        "已记录 {product} 在 {jurisdiction} 的第 {id} 号转让：{line}",
    ),
    "verify.future": (
        "{field} “{value}” is after today ({today}): a check cannot be recorded before it is made.",
        "{field}“{value}”晚于今天（{today}）：核对尚未进行，不能提前记录。",
    ),
    "verify.needs_source": (
        "{field} is empty: say what the track was checked against (a register entry, a label, a report).",
        "{field}为空：请注明核对所依据的来源（注册信息、说明书、报告等）。",
    ),
    "verify.added": (
        "Recorded that {track} was verified on {day} against: {source}. The track itself is unchanged.",
        "已记录 {track} 于 {day} 依据以下来源核对：{source}。申报路径本身未改动。",
    ),
    "review.months": (
        "{field} “{value}” is not a number of months from 1 to {max}.",
        "{field}“{value}”不是 1 至 {max} 之间的月数。",
    ),
    "review.never_verified": ("never verified against a source", "从未依据来源核对"),
    "review.not_verified_since": (
        "last verified {day} (source: {source}), {months} months or more ago",
        "上次核对于 {day}（来源：{source}），已有 {months} 个月或更久",
    ),
    "review.term_ended": (
        "{rule}: due {due}, passed with nothing recorded ({basis}); a renewal, conversion or ending "
        "may be missing",
        "{rule}：到期日 {due} 已过，未记录后续事件（{basis}）；可能缺少续期、转换或终止的记录",
    ),
    "review.heading": (
        "Review queue as of {day} ({months} months): {n} items",
        "截至 {day} 的复核队列（{months} 个月）：共 {n} 项",
    ),
    "review.label": ("verified {day}, source {source}", "已于 {day} 核对，来源：{source}"),
    "review.label_never": ("never verified", "从未核对"),
    "import.summary.holders": ("holder transfers", "持有人变更"),
    # what an audit row of a transfer or a verification is about (the audit trail, the "What changed" report)
    "audit.subject.transfer": ("{role}: {old} → {new} ({date})", "{role}：{old} → {new}（{date}）"),
    "audit.subject.verification": ("verified on {day}", "于 {day} 核对"),
}
