"""Statutory clocks, declared once as data.

A rule says: which event starts it (the *anchor*; the latest one counts, so a renewal restarts a
renewal clock), how far ahead (offset and unit), or how far *before* another rule's due date; which
events satisfy it and which stop it; and the legal basis shown to the user next to every date.

Reaching the date unmet means *overdue* (then *missed* once the satisfying event came too late), except
for ``favourable`` rules, where the law acts in the sponsor's favour when the date passes with nothing
stopping it (an IND goes into effect, China's implied permission is deemed given): those are *met*.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from mscreg.domain.messages import text


class Unit(StrEnum):
    CALENDAR_DAYS = "calendar_days"
    CN_WORKING_DAYS = "cn_working_days"
    MONTHS = "months"
    YEARS = "years"


@dataclass(frozen=True)
class ClockRule:
    id: str
    basis: str
    jurisdictions: frozenset[str]
    pathway: str
    anchors: tuple[str, ...]
    offset: int
    unit: Unit
    favourable: bool = False  # the law's effect the sponsor wants (IND in effect, implied permission)
    satisfied_by: tuple[str, ...] = ()
    stopped_by: tuple[str, ...] = ()
    base: str | None = None  # compute from another rule's due date instead of the anchor
    recurring_years: bool = False  # due each anniversary of the anchor (+ offset)
    period_attribute: str | None = None  # an anchor attribute that overrides ``offset``
    extended_by: tuple[str, ...] = ()  # events whose period attribute replaces the period
    requires_attribute: tuple[str, str] | None = None  # (key, value) the anchor must carry
    excludes_attribute: tuple[str, str] | None = None  # (key, value) the anchor must not carry
    # Count from the day an anchor's ``received`` attribute names (the agency's receipt) instead of the
    # anchor's own date; anchors listed in ``receipt_needed`` count only when they carry it (an acceptance
    # letter's date is not the receipt a goal runs from).
    from_receipt: bool = False
    receipt_needed: tuple[str, ...] = ()
    # An agency's action goal (PDUFA): reaching it "met" means the agency acted in time, whatever it decided,
    # so the event that came by the goal date is shown instead of a bare "met".
    agency_goal: bool = False
    # For a favourable rule: the event the law puts in place when the clock runs out unopposed.  Rules
    # counted from that event (an IND's annual report, a CTA's three-year lapse and yearly DSUR) count
    # from the deemed day when the event itself is not recorded.
    deems: str | None = None

    def description(self, lang: str = "en") -> str:
        return text(f"clock.{self.id}.description", lang)


def _r(id: str, basis: str, jurisdictions: Iterable[str], pathway: str, anchors: Iterable[str],
       offset: int, unit: Unit, **kw: Any) -> ClockRule:
    return ClockRule(id, basis, frozenset(jurisdictions), pathway, tuple(anchors), offset, unit, **kw)


APPROVALS = ("approval_full", "approval_conditional", "approval_limited", "noc_c_issued", "provisional_consent",
             "approval_conditional_time_limited")
ENDINGS = ("ma_withdrawn", "ma_revoked", "certificate_cancelled", "ma_expired", "ma_lapsed_sunset",
           "conversion_refused")

RULES: tuple[ClockRule, ...] = (
    _r("us-ind-effective", "21 CFR 312.40(b)", {"US"}, "clinical",
       ["ind_submitted"], 30, Unit.CALENDAR_DAYS, favourable=True, deems="ind_effective",
       satisfied_by=("ind_effective",), stopped_by=("clinical_hold", "ind_withdrawn")),
    _r("us-clinical-hold-response", "21 CFR 312.42(e)", {"US"}, "clinical",
       ["clinical_hold_response_submitted"], 30, Unit.CALENDAR_DAYS,
       satisfied_by=("clinical_hold_lifted", "clinical_hold"), stopped_by=("ind_withdrawn", "ct_terminated")),
    _r("us-ind-annual-report", "21 CFR 312.33", {"US"}, "clinical",
       ["ind_effective"], 60, Unit.CALENDAR_DAYS, recurring_years=True,
       stopped_by=("ind_withdrawn", "ct_terminated")),
    _r("us-bla-filing", "21 CFR 601.2; PDUFA filing review",
       {"US"}, "marketing", ["ma_submitted"], 60, Unit.CALENDAR_DAYS,
       satisfied_by=("ma_accepted", "ma_accepted_priority_review", "designation_priority_review"),
       stopped_by=("ma_application_withdrawn", "ma_refused")),
    _r("us-bla-standard-goal", "PDUFA VI goals letter (standard BLA)", {"US"}, "marketing",
       ["ma_accepted"], 10, Unit.MONTHS, excludes_attribute=("review", "priority"), agency_goal=True,
       satisfied_by=("approval_full", "complete_response_letter", "ma_refused"),
       stopped_by=("ma_application_withdrawn",)),
    _r("us-bla-priority-goal", "PDUFA VI goals letter (priority BLA)", {"US"}, "marketing",
       ["ma_accepted_priority_review", "ma_accepted", "designation_priority_review"], 6, Unit.MONTHS,
       requires_attribute=("review", "priority"),
       agency_goal=True,
       satisfied_by=("approval_full", "complete_response_letter", "ma_refused"),
       stopped_by=("ma_application_withdrawn",)),
    _r("us-bla-resubmission-class1-goal", "PDUFA VI goals letter (class 1 resubmission)", {"US"},
       "marketing", ["resubmission_accepted", "ma_resubmitted"], 2, Unit.MONTHS,
       requires_attribute=("resubmission_class", "1"), from_receipt=True,
       receipt_needed=("resubmission_accepted",), agency_goal=True,
       satisfied_by=("approval_full", "complete_response_letter", "ma_refused"),
       stopped_by=("ma_application_withdrawn",)),
    _r("us-bla-resubmission-class2-goal", "PDUFA VI goals letter (class 2 resubmission)", {"US"},
       "marketing", ["resubmission_accepted", "ma_resubmitted"], 6, Unit.MONTHS,
       requires_attribute=("resubmission_class", "2"), from_receipt=True,
       receipt_needed=("resubmission_accepted",), agency_goal=True,
       satisfied_by=("approval_full", "complete_response_letter", "ma_refused"),
       stopped_by=("ma_application_withdrawn",)),
    _r("cn-cta-implied-permission",
       "Drug Administration Law 2019 Art. 19; Provisions for Drug Registration 2020 Art. 23",
       {"CN"}, "clinical",
       ["cta_accepted"], 60, Unit.CN_WORKING_DAYS, favourable=True, deems="cta_implied_permission",
       excludes_attribute=("pilot", "true"), satisfied_by=("cta_implied_permission", "cta_approved"),
       stopped_by=("cta_not_approved", "cta_withdrawn", "clinical_hold")),
    _r("cn-cta-implied-permission-pilot",
       "State Council reform pilot shortening CTA review from 60 to 30 working days (2024/2025)",
       {"CN"},
       "clinical", ["cta_accepted"], 30, Unit.CN_WORKING_DAYS, favourable=True, deems="cta_implied_permission",
       requires_attribute=("pilot", "true"), satisfied_by=("cta_implied_permission", "cta_approved"),
       stopped_by=("cta_not_approved", "cta_withdrawn", "clinical_hold")),
    _r("cn-cta-lapse", "Provisions for Drug Registration 2020 (3-year rule, as summarised by CDE guidance)",
       {"CN"}, "clinical",
       ["cta_implied_permission", "cta_approved"], 3, Unit.YEARS,
       satisfied_by=("first_subject_consented",), stopped_by=("ct_terminated", "ct_lapsed")),
    _r("cn-dsur", "Provisions for Drug Registration 2020 Art. 28", {"CN"}, "clinical",
       ["cta_implied_permission", "cta_approved"], 2, Unit.MONTHS, recurring_years=True,
       stopped_by=("ct_terminated", "ct_lapsed")),
    _r("cn-certificate-expiry", "Provisions for Drug Registration 2020 Art. 12", {"CN"}, "marketing",
       ["approval_full", "approval_conditional", "reregistration_approved"], 5, Unit.YEARS,
       satisfied_by=("reregistration_approved",), stopped_by=ENDINGS),
    _r("cn-reregistration-due", "Provisions for Drug Registration 2020 Art. 12", {"CN"},
       "marketing", [], -6, Unit.MONTHS, base="cn-certificate-expiry",
       satisfied_by=("renewal_application_submitted", "reregistration_approved"), stopped_by=ENDINGS),
    _r("jp-ctl-expiry", "PMD Act Art. 23-26(1); Art. 23-26(5)",
       {"JP"}, "marketing", ["approval_conditional_time_limited"], 7,
       Unit.YEARS, period_attribute="time_limit_years", extended_by=("ctl_period_extended",),
       satisfied_by=("full_approval_application_filed", "approval_full"), stopped_by=ENDINGS),
    _r("eu-cma-expiry", "Regulation (EC) No 507/2006 Art. 5; Regulation (EC) No 726/2004 Art. 14-a",
       {"EU"}, "marketing",
       ["approval_conditional", "cma_renewed"], 1, Unit.YEARS,
       satisfied_by=("cma_renewed", "conditions_met"), stopped_by=ENDINGS),
    _r("eu-cma-renewal-due", "Regulation (EC) No 507/2006 Art. 6(2)", {"EU"}, "marketing",
       [], -6, Unit.MONTHS, base="eu-cma-expiry",
       satisfied_by=("renewal_application_submitted", "cma_renewed", "conditions_met"), stopped_by=ENDINGS),
    _r("eu-ma-expiry", "Regulation (EC) No 726/2004 Art. 14(1)",
       {"EU"}, "marketing", ["approval_full", "conditions_met"], 5,
       Unit.YEARS, satisfied_by=("ma_renewed",), stopped_by=ENDINGS),
    _r("eu-ma-renewal-due", "Regulation (EC) No 726/2004 Art. 14(2)",
       {"EU"}, "marketing", [], -9, Unit.MONTHS, base="eu-ma-expiry",
       satisfied_by=("renewal_application_submitted", "ma_renewed"), stopped_by=ENDINGS),
    _r("eu-sunset", "Regulation (EC) No 726/2004 Art. 14(4)-(5)", {"EU"},
       "marketing", ["approval_full", "approval_conditional"], 3, Unit.YEARS,
       satisfied_by=("product_launch", "first_commercial_use"), stopped_by=ENDINGS),
    _r("ca-nocc-qn-response", "Health Canada NOC/c guidance (C.08.004)", {"CA"}, "marketing",
       ["noc_c_qualifying_notice"], 30, Unit.CALENDAR_DAYS,
       satisfied_by=("noc_c_qn_response_submitted", "noc_c_issued"), stopped_by=("ma_application_withdrawn",)),
    _r("nz-provisional-consent-expiry", "Medicines Act 1981 (NZ) s.23(4A)", {"NZ"}, "marketing",
       ["provisional_consent", "provisional_consent_renewed"], 2, Unit.YEARS,
       satisfied_by=("provisional_consent_renewed", "approval_full"), stopped_by=ENDINGS),
)

CLOCK_RULES: dict[str, ClockRule] = {r.id: r for r in RULES}
