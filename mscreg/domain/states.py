"""Track states with their names in English and Chinese.

The state codes are generic so that one timeline, one filter and one report work for every country;
the *names* are per jurisdiction where the law has its own word (a Canadian NOC/c, a New Zealand
provisional consent and a Chinese 附条件批准 are all ``AUTHORISED_CONDITIONAL``).
"""

from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    PLANNED = "PLANNED"
    # clinical trial applications
    CT_SUBMITTED = "CT_SUBMITTED"
    CT_ACCEPTED = "CT_ACCEPTED"
    CT_AUTHORISED = "CT_AUTHORISED"
    CT_ON_HOLD = "CT_ON_HOLD"
    CT_REFUSED = "CT_REFUSED"
    CT_TERMINATED = "CT_TERMINATED"
    CT_LAPSED = "CT_LAPSED"
    CT_WITHDRAWN = "CT_WITHDRAWN"
    # marketing applications
    MA_SUBMITTED = "MA_SUBMITTED"
    MA_UNDER_REVIEW = "MA_UNDER_REVIEW"
    MA_INFO_REQUESTED = "MA_INFO_REQUESTED"
    MA_COMMITTEE_DEFERRED = "MA_COMMITTEE_DEFERRED"
    MA_CRL = "MA_CRL"
    MA_REFUSED = "MA_REFUSED"
    MA_WITHDRAWN_BY_APPLICANT = "MA_WITHDRAWN_BY_APPLICANT"
    # authorisations
    AUTHORISED_CONDITIONAL = "AUTHORISED_CONDITIONAL"
    AUTHORISED_TIME_LIMITED = "AUTHORISED_TIME_LIMITED"
    AUTHORISED_FULL = "AUTHORISED_FULL"
    CONVERSION_PENDING = "CONVERSION_PENDING"
    # ends
    SUSPENDED = "SUSPENDED"
    CANCELLED = "CANCELLED"
    EXPIRED = "EXPIRED"
    WITHDRAWN = "WITHDRAWN"
    REVOKED = "REVOKED"
    LAPSED_SUNSET = "LAPSED_SUNSET"
    # derived from the calendar, never reached by an event: an authorisation whose statutory term ended
    # on a day before the as-of day with no renewal, conversion or extension recorded
    TERM_ENDED = "TERM_ENDED"


CT_PENDING = frozenset({State.CT_SUBMITTED, State.CT_ACCEPTED})
CT_RESTARTABLE = frozenset({State.PLANNED, State.CT_REFUSED, State.CT_WITHDRAWN, State.CT_LAPSED})
MA_OPEN = frozenset(
    {State.MA_SUBMITTED, State.MA_UNDER_REVIEW, State.MA_INFO_REQUESTED, State.MA_COMMITTEE_DEFERRED}
)
MA_RESTARTABLE = frozenset({State.PLANNED, State.MA_REFUSED, State.MA_WITHDRAWN_BY_APPLICANT})
AUTHORISED = frozenset(
    {
        State.AUTHORISED_CONDITIONAL,
        State.AUTHORISED_TIME_LIMITED,
        State.AUTHORISED_FULL,
        State.CONVERSION_PENDING,
    }
)
ENDED = frozenset(
    {
        State.CANCELLED,
        State.EXPIRED,
        State.WITHDRAWN,
        State.REVOKED,
        State.LAPSED_SUNSET,
        State.CT_TERMINATED,
        State.CT_LAPSED,
        State.CT_REFUSED,
        State.CT_WITHDRAWN,
        State.MA_REFUSED,
        State.MA_WITHDRAWN_BY_APPLICANT,
    }
)

_NAMES: dict[State, tuple[str, str]] = {
    State.PLANNED: ("No application recorded", "尚无申请记录"),
    State.CT_SUBMITTED: ("Trial application submitted", "临床试验申请已提交"),
    State.CT_ACCEPTED: ("Trial application accepted", "临床试验申请已受理"),
    State.CT_AUTHORISED: ("Trial authorised", "临床试验已获许可"),
    State.CT_ON_HOLD: ("Clinical hold", "临床暂停"),
    State.CT_REFUSED: ("Trial application not approved", "临床试验申请未获批准"),
    State.CT_TERMINATED: ("Trial terminated", "临床试验已终止"),
    State.CT_LAPSED: ("Trial permission lapsed", "临床试验许可已失效"),
    State.CT_WITHDRAWN: ("Trial application withdrawn", "临床试验申请已撤回"),
    State.MA_SUBMITTED: ("Marketing application submitted", "上市申请已提交"),
    State.MA_UNDER_REVIEW: ("Under review", "审评中"),
    State.MA_INFO_REQUESTED: ("Information requested", "要求补充资料"),
    State.MA_COMMITTEE_DEFERRED: ("Committee deferred", "审议委员会暂缓审议"),
    State.MA_CRL: ("Complete response letter", "完整回复函(CRL)"),
    State.MA_REFUSED: ("Refused", "不予批准"),
    State.MA_WITHDRAWN_BY_APPLICANT: ("Application withdrawn", "申请已撤回"),
    State.AUTHORISED_CONDITIONAL: ("Conditional approval", "附条件批准"),
    State.AUTHORISED_TIME_LIMITED: ("Conditional and time-limited approval", "附条件和限期批准"),
    State.AUTHORISED_FULL: ("Approved", "已批准"),
    State.CONVERSION_PENDING: ("Full approval application pending", "正式批准申请审评中"),
    State.SUSPENDED: ("Suspended", "已暂停"),
    State.CANCELLED: ("Registration cancelled", "注册证书已注销"),
    State.EXPIRED: ("Expired", "已过期失效"),
    State.WITHDRAWN: ("Withdrawn at the holder's request", "应持有人要求撤销"),
    State.REVOKED: ("Revoked", "已吊销"),
    State.LAPSED_SUNSET: ("Lapsed (sunset clause)", "已失效(日落条款)"),
    State.TERM_ENDED: ("Term ended — no renewal recorded", "有效期已届满(未记录续期)"),
}

# Where a country has its own word for a generic state.
_LOCAL_NAMES: dict[tuple[str, State], tuple[str, str]] = {
    ("US", State.CT_SUBMITTED): ("IND submitted", "IND 已提交"),
    ("US", State.CT_AUTHORISED): ("IND in effect", "IND 已生效"),
    ("US", State.CT_WITHDRAWN): ("IND withdrawn", "IND 已撤回"),
    ("CN", State.CT_ACCEPTED): ("CTA accepted (受理)", "临床试验申请已受理"),
    ("CN", State.CT_AUTHORISED): ("Trial permitted (默示许可)", "已获临床试验默示许可"),
    ("CN", State.CT_ON_HOLD): ("Trial suspended (暂停)", "临床试验暂停"),
    ("CA", State.AUTHORISED_CONDITIONAL): ("NOC with conditions (NOC/c)", "附条件上市许可(NOC/c)"),
    ("NZ", State.AUTHORISED_CONDITIONAL): ("Provisional consent", "临时上市许可"),
    ("IN", State.AUTHORISED_CONDITIONAL): ("Limited approval", "有限批准"),
    ("EU", State.AUTHORISED_CONDITIONAL): ("Conditional marketing authorisation", "附条件上市许可"),
    ("EU", State.AUTHORISED_FULL): ("Marketing authorisation", "上市许可"),
    ("KR", State.CONVERSION_PENDING): ("Change application pending", "许可变更申请审评中"),
    ("JP", State.AUTHORISED_FULL): ("Approved (承認)", "已批准(承认)"),
    ("CN", State.CANCELLED): ("Registration cancelled (注销)", "注册证书已注销"),
}


def state_name(state: State | str, jurisdiction: str = "", lang: str = "en") -> str:
    """The state's name in ``lang``, using the country's own word where it has one."""
    s = State(state)
    en, zh = _LOCAL_NAMES.get((jurisdiction, s), _NAMES[s])
    return zh if lang.startswith("zh") else en
