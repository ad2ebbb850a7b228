"""The fixed vocabulary of regulatory event types: those seen for MSC products, and those a tracker needs.

The second kind are steps the pathways provide for that no MSC product's record shows yet: clinical
holds, lapses, renewals, refusals, cancellations and the like.

Each type says which pathway it belongs to, where the law has it (``only``: a jurisdiction-specific
instrument such as China's 默示许可 or Canada's NOC/c), its names in English and Chinese, and which
attributes it may carry (for example the time limit of a Japanese conditional and time-limited
approval).  The state machine decides *when* a type is allowed; this module says what it *is*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from mscreg.domain.errors import invalid
from mscreg.domain.messages import MESSAGES


class Pathway(StrEnum):
    CLINICAL = "clinical"
    MARKETING = "marketing"


ANY_PATHWAY = frozenset({Pathway.CLINICAL, Pathway.MARKETING})
CLINICAL = frozenset({Pathway.CLINICAL})
MARKETING = frozenset({Pathway.MARKETING})


def _int_range(lo: int, hi: int) -> Callable[[str], str | None]:
    def check(v: str) -> str | None:
        return None if v.isdigit() and lo <= int(v) <= hi else f"{lo}..{hi}"

    return check


def _choice(*options: str) -> Callable[[str], str | None]:
    def check(v: str) -> str | None:
        return None if v in options else "|".join(options)

    return check


_BOOL = _choice("true", "false")


def _day(v: str) -> str | None:
    """A full ISO day (YYYY-MM-DD) that exists."""
    try:
        return None if len(v) == 10 and dt.date.fromisoformat(v) else "YYYY-MM-DD"
    except ValueError:
        return "YYYY-MM-DD"


# The flags a designation sets on a track (state machine) and the ones ``designation_withdrawn`` may end.
DESIGNATION_FLAGS = ("orphan", "rmat", "fast_track", "breakthrough", "prime", "sakigake", "priority")

# The day the agency received a (re)submission, recorded on its acceptance: action goals run from it.
_RECEIVED = {"received": _day}


@dataclass(frozen=True)
class EventType:
    code: str
    name_en: str
    name_zh: str
    pathways: frozenset[Pathway]
    only: frozenset[str] | None = None  # jurisdictions where the instrument exists (None: everywhere)
    attributes: Mapping[str, Callable[[str], str | None]] = field(default_factory=dict)
    annotation: bool = False  # never changes the state (informational milestone)

    def name(self, lang: str = "en") -> str:
        return self.name_zh if lang.startswith("zh") else self.name_en

    def available_in(self, jurisdiction: str) -> bool:
        return self.only is None or jurisdiction in self.only


def _t(code: str, en: str, zh: str, pathways: frozenset[Pathway], only: Iterable[str] | None = None,
       attributes: Mapping[str, Callable[[str], str | None]] | None = None, annotation: bool = False) -> EventType:
    return EventType(
        code, en, zh, pathways, frozenset(only) if only else None, attributes or {}, annotation
    )


_TYPES: tuple[EventType, ...] = (
    # designations: annotations that set flags
    _t("designation_orphan", "Orphan designation", "孤儿药认定", ANY_PATHWAY, annotation=True),
    _t("designation_priority_review", "Priority review granted", "纳入优先审评", MARKETING),
    _t("designation_sakigake", "SAKIGAKE designation", "先驱审评指定(SAKIGAKE)", ANY_PATHWAY, {"JP"},
       annotation=True),
    _t("designation_rmat", "RMAT designation", "再生医学先进疗法(RMAT)认定", ANY_PATHWAY, {"US"},
       annotation=True),
    _t("designation_rmat_denied", "RMAT designation refused", "RMAT 认定未获批准", ANY_PATHWAY, {"US"},
       annotation=True),
    _t("designation_breakthrough", "Breakthrough therapy designation", "突破性治疗认定", ANY_PATHWAY,
       annotation=True),
    _t("designation_fast_track", "Fast Track designation", "快速通道认定", ANY_PATHWAY, {"US"},
       annotation=True),
    _t("designation_prime", *MESSAGES["event.name.designation_prime"], ANY_PATHWAY, {"EU"}, annotation=True),
    # An orphan designation removed (at the sponsor's request, or from the EU register at the MA when the
    # criteria are no longer met), a breakthrough designation rescinded: the designation it ends is named.
    _t("designation_withdrawn", *MESSAGES["event.name.designation_withdrawn"], ANY_PATHWAY,
       attributes={"designation": _choice(*DESIGNATION_FLAGS)}, annotation=True),
    # clinical trial applications
    _t("ind_submitted", "IND received by FDA", "FDA 收到 IND", CLINICAL, {"US"}),
    _t("ind_effective", "IND in effect", "IND 生效", CLINICAL, {"US"}),
    _t("ind_withdrawn", "IND withdrawn", "IND 撤回", CLINICAL, {"US"}),
    _t("cta_submitted", "Trial application submitted", "提交临床试验申请", CLINICAL),
    _t("cta_accepted", "Trial application accepted (受理)", "临床试验申请受理", CLINICAL,
       attributes={"pilot": _BOOL}),
    _t("cta_implied_permission", "Implied permission (默示许可)", "默示许可", CLINICAL, {"CN"}),
    _t("cta_approved", "Trial application approved", "临床试验申请获批", CLINICAL),
    _t("cta_not_approved", "Trial application not approved", "临床试验申请不予批准", CLINICAL),
    _t("cta_withdrawn", "Trial application withdrawn", "临床试验申请撤回", CLINICAL),
    _t("clinical_hold", "Clinical hold / suspension", "临床暂停", CLINICAL,
       attributes={"scope": _choice("complete", "partial")}),
    _t("clinical_hold_response_submitted", "Complete response to clinical hold", "提交临床暂停完整回复",
       CLINICAL),
    _t("clinical_hold_lifted", "Clinical hold lifted", "临床暂停解除", CLINICAL),
    _t("first_subject_consented", "First subject signed informed consent", "首例受试者签署知情同意",
       CLINICAL),
    _t("ct_lapsed", "Trial permission lapsed", "临床试验许可失效", CLINICAL),
    _t("ct_terminated", "Trial terminated", "临床试验终止", CLINICAL),
    _t("trial_registered", "Trial registered", "临床试验登记", CLINICAL, annotation=True),
    _t("trial_started", "Trial started", "临床试验启动", CLINICAL, annotation=True),
    _t("trial_completed", "Trial completed", "临床试验完成", CLINICAL, annotation=True),
    _t("confirmatory_trial_failed", "Confirmatory trial missed its primary endpoint",
       "确证性试验未达主要终点", ANY_PATHWAY, annotation=True),
    # marketing applications
    _t("ma_submitted", "Marketing application submitted", "提交上市申请", MARKETING),
    _t("bla_rolling_submission_started", "Rolling BLA submission started", "开始滚动提交 BLA", MARKETING,
       {"US"}),
    _t("ma_accepted", "Marketing application accepted / filed", "上市申请受理", MARKETING,
       attributes={"review": _choice("standard", "priority")}),
    _t("ma_accepted_priority_review", "Marketing application accepted with priority review",
       "上市申请受理并纳入优先审评", MARKETING),
    _t("additional_info_request", "Additional information requested", "要求补充资料", MARKETING),
    _t("info_response_submitted", "Response to information request submitted", "提交补充资料", MARKETING),
    _t("agency_feedback", "Agency feedback", "监管机构反馈意见", ANY_PATHWAY, annotation=True),
    _t("committee_deferred", "Committee deferred its decision", "审议会暂缓审议", MARKETING),
    _t("advisory_committee_positive", "Advisory committee in favour", "专家委员会支持", MARKETING),
    _t("advisory_committee_negative", "Advisory committee against", "专家委员会不支持", MARKETING),
    _t("chmp_positive_opinion", "CHMP positive opinion", "CHMP 积极意见", MARKETING, {"EU"}),
    _t("chmp_negative_opinion", "CHMP negative opinion", "CHMP 否定意见", MARKETING, {"EU"}),
    _t("noc_c_qualifying_notice", "NOC/c qualifying notice", "NOC/c 资格通知", MARKETING, {"CA"}),
    _t("noc_c_qn_response_submitted", "Reply to NOC/c qualifying notice", "答复 NOC/c 资格通知", MARKETING, {"CA"}),
    _t("complete_response_letter", "Complete response letter", "完整回复函(CRL)", MARKETING, {"US"}),
    _t("ma_resubmitted", "Application resubmitted", "重新提交申请", MARKETING,
       attributes={"resubmission_class": _choice("1", "2")}),
    _t("resubmission_accepted", "Resubmission accepted", "重新提交的申请获受理", MARKETING,
       attributes={"resubmission_class": _choice("1", "2"), **_RECEIVED}),
    _t("ma_refused", "Marketing application refused", "上市申请不予批准", MARKETING),
    _t("ma_application_withdrawn", "Marketing application withdrawn", "上市申请撤回", MARKETING),
    # authorisations
    _t("approval_full", "Approval", "批准上市", MARKETING),
    # Countries with their own conditional instrument use it (JP time-limited, CA NOC/c, NZ provisional
    # consent, IN limited approval); the US has no conditional approval for these products.
    _t("approval_conditional", "Conditional approval", "附条件批准", MARKETING,
       {"CN", "EU", "KR", "IN", "IR", "GB", "CH", "AU", "TW", "SG", "BR", "AR", "MX", "EG", "TR", "RU",
        "ZA", "MY", "TH", "VN", "ID", "IL", "RS", "HK", "CL", "ZZ"}),
    _t("approval_conditional_time_limited", "Conditional and time-limited approval", "附条件和限期批准",
       MARKETING, {"JP"},
       attributes={"time_limit_years": _int_range(1, 7), "shipment_restricted": _BOOL}),
    _t("approval_limited", "Limited approval", "有限批准", MARKETING, {"IN"}),
    _t("noc_c_issued", "NOC with conditions issued", "签发附条件上市许可(NOC/c)", MARKETING, {"CA"}),
    _t("provisional_consent", "Provisional consent (s.23)", "临时上市许可(第23条)", MARKETING, {"NZ"}),
    # post-authorisation
    _t("provisional_consent_renewed", "Provisional consent renewed", "临时上市许可续期", MARKETING, {"NZ"}),
    _t("cma_renewed", "Conditional MA renewed", "附条件上市许可续期", MARKETING, {"EU"}),
    _t("ma_renewed", "Marketing authorisation renewed", "上市许可续期", MARKETING),
    _t("renewal_application_submitted", "Renewal / re-registration application submitted", "提交续期/再注册申请",
       MARKETING),
    _t("reregistration_approved", "Re-registration approved (再注册)", "再注册获批", MARKETING, {"CN"}),
    _t("conditions_met", "Conditions met / specific obligations fulfilled", "附条件要求已完成", MARKETING),
    _t("full_approval_application_filed", "Full approval application filed (本承認申請)",
       "提交正式批准申请", MARKETING, {"JP"}),
    _t("conversion_refused", "Full approval refused", "正式批准未获通过", MARKETING, {"JP", "KR"}),
    _t("ctl_period_extended", "Time limit extended", "批准期限延长", MARKETING, {"JP"},
       attributes={"time_limit_years": _int_range(1, 15)}),
    _t("partial_change_application_submitted", "Partial-change application (一部変更)", "提交部分变更申请",
       MARKETING, {"JP"}, annotation=True),
    _t("partial_change_approved", "Partial change approved", "部分变更获批", MARKETING, {"JP"}),
    _t("variation_submitted", "Variation / change application submitted", "提交变更申请", MARKETING),
    _t("variation_approved", "Variation approved", "变更获批", MARKETING),
    _t("supplemental_application_submitted", "Supplemental application submitted", "提交补充申请",
       MARKETING),
    _t("supplemental_application_withdrawn", "Supplemental application withdrawn", "补充申请撤回",
       MARKETING),
    _t("ma_suspended", "Authorisation suspended", "上市许可暂停", MARKETING),
    _t("suspension_lifted", "Suspension lifted", "暂停解除", MARKETING),
    _t("ma_withdrawn", "Authorisation withdrawn at the holder's request", "应持有人要求撤销上市许可",
       MARKETING),
    _t("ma_revoked", "Authorisation revoked", "吊销上市许可", MARKETING),
    _t("certificate_cancelled", "Registration certificate cancelled (注销)", "注销药品注册证书", MARKETING,
       {"CN"}),
    _t("ma_expired", "Authorisation expired", "上市许可到期失效", MARKETING),
    _t("ma_lapsed_sunset", "Lapsed under the sunset clause", "因日落条款失效", MARKETING, {"EU"}),
    _t("marketing_discontinued", "Marketing discontinued (commercial)", "停止销售(商业决定)", MARKETING,
       annotation=True),
    # non-regulatory milestones
    _t("manufacturing_license_issued", "Manufacturing licence issued", "取得药品生产许可证", ANY_PATHWAY,
       annotation=True),
    _t("first_commercial_use", "First commercial use", "首次商业使用", MARKETING, annotation=True),
    _t("product_launch", "Product launch", "产品上市销售", MARKETING, annotation=True),
)

EVENT_TYPES: dict[str, EventType] = {t.code: t for t in _TYPES}


def get_event_type(code: str, *, field: str = "type") -> EventType:
    try:
        return EVENT_TYPES[(code or "").strip()]
    except KeyError:
        raise invalid(field, code, "event_type.unknown", valid=", ".join(EVENT_TYPES)) from None


def validate_attributes(etype: EventType, attributes: Mapping[str, str]) -> dict[str, str]:
    """Refuse attributes the type does not take, or values out of their range."""
    clean: dict[str, str] = {}
    for key, value in attributes.items():
        check = etype.attributes.get(key)
        if check is None:
            raise invalid(f"attributes.{key}", value, "attribute.unknown", type=etype.code,
                          valid=", ".join(etype.attributes) or "-")
        text = str(value).strip()
        expected = check(text)
        if expected is not None:
            raise invalid(f"attributes.{key}", value, "attribute.value", expected=expected)
        clean[key] = text
    return clean
