"""Timeline texts: chart labels, legends, page furniture, slides and the progress of writing them."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "timeline.deadline.us-ind-effective": (
        "IND in effect",
        "IND 生效",
    ),
    "timeline.deadline.us-clinical-hold-response": (
        "FDA hold reply due",
        "FDA 暂停答复时限",
    ),
    "timeline.deadline.us-ind-annual-report": (
        "IND annual report",
        "IND 年度报告",
    ),
    "timeline.deadline.us-bla-filing": (
        "BLA filing decision",
        "BLA 立卷决定",
    ),
    "timeline.deadline.us-bla-standard-goal": (
        "PDUFA goal (standard)",
        "PDUFA 目标日（标准）",
    ),
    "timeline.deadline.us-bla-priority-goal": (
        "PDUFA goal (priority)",
        "PDUFA 目标日（优先）",
    ),
    "timeline.deadline.us-bla-resubmission-class1-goal": (
        "PDUFA goal (class 1)",
        "PDUFA 目标日（1类）",
    ),
    "timeline.deadline.us-bla-resubmission-class2-goal": (
        "PDUFA goal (class 2)",
        "PDUFA 目标日（2类）",
    ),
    "timeline.deadline.cn-cta-implied-permission": (
        "Implied permission (60 working days)",
        "默示许可（60个工作日）",
    ),
    "timeline.deadline.cn-cta-implied-permission-pilot": (
        "Implied permission (30 working days)",
        "默示许可（30个工作日）",
    ),
    "timeline.deadline.cn-cta-lapse": (
        "Trial permission lapses",
        "临床许可失效",
    ),
    "timeline.deadline.cn-dsur": (
        "DSUR due",
        "DSUR 提交",
    ),
    "timeline.deadline.cn-certificate-expiry": (
        "Certificate expires",
        "注册证书到期",
    ),
    "timeline.deadline.cn-reregistration-due": (
        "Re-registration due",
        "再注册申请",
    ),
    "timeline.deadline.jp-ctl-expiry": (
        "Time limit ends",
        "限期届满",
    ),
    "timeline.deadline.eu-cma-expiry": (
        "CMA expires",
        "附条件许可到期",
    ),
    "timeline.deadline.eu-cma-renewal-due": (
        "CMA renewal due",
        "附条件许可续期申请",
    ),
    "timeline.deadline.eu-ma-expiry": (
        "MA expires",
        "上市许可到期",
    ),
    "timeline.deadline.eu-ma-renewal-due": (
        "MA renewal due",
        "上市许可续期资料",
    ),
    "timeline.deadline.eu-sunset": (
        "Sunset clause",
        "日落条款",
    ),
    "timeline.deadline.ca-nocc-qn-response": (
        "NOC/c notice reply due",
        "NOC/c 通知答复",
    ),
    "timeline.deadline.nz-provisional-consent-expiry": (
        "Provisional consent expires",
        "临时许可到期",
    ),
    "timeline.layout.country.title": (
        "{country}: regulatory timelines",
        "{country}：监管时间线",
    ),
    "timeline.layout.product.title": (
        "{product}: regulatory timeline by country",
        "{product}：各国监管时间线",
    ),
    "timeline.layout.approvals.title": (
        "MSC marketing authorisations worldwide",
        "全球间充质干细胞产品上市许可",
    ),
    "timeline.layout.until": (
        "{state} until {date}",
        "{state}，至 {date}",
    ),
    "timeline.layout.start_unknown": (
        "start date not found",
        "起始日期未查到",
    ),
    "timeline.layout.undated": (
        "date not found",
        "日期未查到",
    ),
    "timeline.layout.no_lanes": (
        "Nothing recorded for this selection",
        "所选范围内没有记录",
    ),
    "timeline.layout.clinical": (
        "clinical",
        "临床",
    ),
    "timeline.layout.marketing": (
        "marketing",
        "上市",
    ),
    "timeline.layout.as_of": (
        "as of {date}",
        "截至 {date}",
    ),
    "timeline.span.clinical-pending": (
        "Trial application pending",
        "临床试验申请待审",
    ),
    "timeline.span.clinical": (
        "Trial authorised",
        "临床试验已获许可",
    ),
    "timeline.span.hold": (
        "Hold, suspension, CRL",
        "暂停/完整回复函",
    ),
    "timeline.span.review": (
        "Marketing application in review",
        "上市申请审评中",
    ),
    "timeline.span.conditional": (
        "Conditional approval",
        "附条件批准",
    ),
    "timeline.span.time-limited": (
        "Time-limited / conversion pending",
        "限期批准/转正审评中",
    ),
    "timeline.span.full": (
        "Full approval",
        "正式批准",
    ),
    "timeline.span.term-ended": (
        "Term ended, nothing recorded",
        "期限已届满（未记录后续事件）",
    ),
    "timeline.span.ended": (
        "Ended (withdrawn, refused, expired)",
        "已终止（撤回、不批准、到期）",
    ),
    "timeline.marker.submission": (
        "Submission / acceptance",
        "提交/受理",
    ),
    "timeline.marker.authorisation": (
        "Authorisation",
        "批准/许可",
    ),
    "timeline.marker.setback": (
        "CRL, refusal, hold",
        "补充资料/不批准/暂停",
    ),
    "timeline.marker.end": (
        "Withdrawal, expiry",
        "撤回/到期",
    ),
    "timeline.marker.milestone": (
        "Other milestone",
        "其他节点",
    ),
    "timeline.page.imprecise": (
        "Bracket, hollow: month or year only",
        "括号、空心：仅知年月或年份",
    ),
    "timeline.page.deadline": (
        "Dashed: statutory deadline ({status})",
        "虚线：法定时限（{status}）",
    ),
    "timeline.page.as_of": (
        "As-of day",
        "截至日",
    ),
    "timeline.page.start_unknown": (
        "Start date not found",
        "起始日期未查到",
    ),
    "timeline.page.undated": (
        "Undated: {names}",
        "无日期：{names}",
    ),
    "timeline.page.slide_title": (
        "{title} ({slide}/{slides})",
        "{title}（{slide}/{slides}）",
    ),
    "timeline.page.list_separator": (
        ", ",
        "、",
    ),
    "timeline.page.events": (
        "{n} events:",
        "{n} 个事件：",
    ),
    "timeline.page.legend": (
        "Legend:",
        "图例：",
    ),
    "timeline.page.page": (
        "Page {page} of {pages}",
        "第 {page} 页，共 {pages} 页",
    ),
    "timeline.page.columns": (
        "dates {first} to {last}",
        "时间：{first} 至 {last}",
    ),
    "timeline.page.lanes": (
        "lanes {first}–{last} of {total}",
        "第 {first}–{last} 行，共 {total} 行",
    ),
    "timeline.page.generated": (
        "Generated {utc} UTC ({local} local)",
        "生成于 {utc} UTC（本地 {local}）",
    ),
    "timeline.page.as_of_stamp": (
        "As of {date}",
        "截至 {date}",
    ),
    "timeline.page.provisional": (
        "China working-day clocks past the published holiday calendar are provisional",
        "超出已公布节假日安排的中国工作日时限为暂定",
    ),
    "timeline.status.overdue": (
        "overdue",
        "已逾期",
    ),
    "timeline.status.missed": (
        "missed",
        "已错过",
    ),
    "timeline.status.due-soon": (
        "due soon",
        "即将到期",
    ),
    "timeline.status.upcoming": (
        "upcoming",
        "未到期",
    ),
    "timeline.page.empty": (
        "Nothing recorded for this selection.",
        "所选范围内没有记录。",
    ),
    "timeline.page.shows.approvals": (
        "Shows every marketing authorisation of an MSC product recorded, by country",
        "显示已记录的全部间充质干细胞产品上市许可，按国家/地区排列",
    ),
    "timeline.page.shows.country": (
        "Shows every product track recorded in {country}",
        "显示{country}已记录的全部产品申报路径",
    ),
    "timeline.page.shows.product": (
        "Shows every country where {product} has a track",
        "显示{product}在各国家/地区的申报路径",
    ),
    "timeline.page.situation": (
        "Situation as of {date}",
        "数据截至 {date}",
    ),
    "timeline.page.printed": (
        "printed {local}",
        "打印于 {local}",
    ),
    "timeline.page.callouts": (
        "Numbered on the chart",
        "图中编号说明",
    ),
    "timeline.page.callouts_more": (
        "Numbered on the chart (continued on the next page)",
        "图中编号说明（续下页）",
    ),
    "timeline.page.later": (
        "{label} {date} (beyond the axis)",
        "{label} {date}（超出时间轴）",
    ),
    "timeline.page.number": (
        "No.",
        "编号",
    ),
    "timeline.layout.holder": ("holder {holder}", "持有人 {holder}"),
    "timeline.layout.trials": (
        "Clinical trials (registry)",
        "临床试验（登记信息）",
    ),
    "timeline.layout.trial_count": (
        "{count} {count|trial|trials}",
        "{count} 项试验",
    ),
    "timeline.layout.trial_range": (
        "trials {first}–{last} of {total}",
        "第 {first}–{last} 项试验，共 {total} 项",
    ),
    "timeline.layout.trial.registration": (
        "Registered",
        "登记",
    ),
    "timeline.layout.trial.start": (
        "Start",
        "开始",
    ),
    "timeline.layout.trial.primary_completion": (
        "Primary completion",
        "主要终点完成",
    ),
    "timeline.layout.trial.completion": (
        "Completion",
        "研究完成",
    ),
    "timeline.page.trial": (
        "Trial: registered, start, primary completion, completion",
        "临床试验：登记、开始、主要终点完成、研究完成",
    ),
    "timeline.page.trial_estimated": (
        "Outlined: estimated date (plan)",
        "空心：预计日期（计划）",
    ),
    "timeline.page.estimated": (
        "{date} (estimated)",
        "{date}（预计）",
    ),
    "timeline.page.obligation": (
        "Star: obligation due",
        "星形：义务到期",
    ),
    "timeline.page.obligation_overdue": (
        "Red star: obligation overdue",
        "红色星形：义务已逾期",
    ),
    "timeline.page.obligation_tip": (
        "{kind}: {text}\nDue {due}\nOwner: {owner}\nStatus on {date}: {status}",
        "{kind}：{text}\n到期：{due}\n负责人：{owner}\n{date} 状态：{status}",
    ),
    "timeline.cli.wrote": (
        "Wrote {pages} pages: {files}",
        "已写入 {pages} 页：{files}",
    ),
    "timeline.cli.wrote_one": (
        "Wrote 1 page: {files}",
        "已写入 1 页：{files}",
    ),
    "timeline.cli.progress": (
        "Writing page {done} of {total}",
        "正在写入：第 {done}/{total} 页",
    ),
}
