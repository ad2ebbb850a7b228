"""The per-jurisdiction state machines, checked against the reference's transition tables and worked examples.

Every expectation below comes from the reference, not from the code: where the two disagree the test
fails and says which line of the reference it follows.  Real histories use their real dates and
precisions (events.csv); events marked "hypothetical" complete a flow the reference describes but the
data does not (yet) contain.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mscreg.domain.errors import TransitionRefused
from mscreg.domain.event import EventDraft, RegulatoryEvent
from mscreg.domain.event_types import DESIGNATION_FLAGS, EVENT_TYPES, Pathway
from mscreg.domain.state_machine import allowed_next, check_change, derive, ordered, rules_for
from mscreg.domain.states import State
from mscreg.domain.track import Track

S = State
M = Pathway.MARKETING
C = Pathway.CLINICAL
MAIN_JURISDICTIONS = ("US", "CN", "JP", "EU", "KR", "IN", "CA", "NZ")
CJK = re.compile(r"[\u4e00-\u9fff]")
UNSPECIFIED = "not specified by the reference"  # a `since` the test does not check


# ----- building blocks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ev:
    """One event of a scenario and the state the reference says the track is in once it is applied."""

    type: str
    date: str | None
    after: State
    attrs: tuple[tuple[str, str], ...] = ()
    approximate: bool = False


def ev(type_: str, date: str | None, after: State, *, approximate: bool = False, **attrs: str) -> Ev:
    return Ev(type_, date, after, tuple(sorted(attrs.items())), approximate)


@dataclass(frozen=True)
class Scenario:
    name: str
    product: str
    jurisdiction: str
    pathway: Pathway
    events: tuple[Ev, ...]
    since: str | None  # the date the final state was entered (None: no dated state change), or UNSPECIFIED
    flags: frozenset[str] = frozenset()  # flags that must be set at the end
    no_flags: frozenset[str] = frozenset()  # flags that must not be set at the end

    def track(self) -> Track:
        return make_track(self.jurisdiction, self.pathway, self.product)

    def log(self) -> list[RegulatoryEvent]:
        return [
            EventDraft(e.type, e.date, attributes=dict(e.attrs), approximate=e.approximate).to_event(
                id=i, track_id=1)
            for i, e in enumerate(self.events, start=1)
        ]


def sc(name: str, product: str, jurisdiction: str, pathway: Pathway, *events: Ev, since: str | None,
       flags: tuple[str, ...] = (), no_flags: tuple[str, ...] = ()) -> Scenario:
    return Scenario(name, product, jurisdiction, pathway, events, since, frozenset(flags), frozenset(no_flags))


def make_track(jurisdiction: str, pathway: Pathway, product: str = "Testcel") -> Track:
    return Track(1, 1, product, jurisdiction, "test indication", pathway)


def event(type_: str, date: str | None, id_: int, **attrs: str) -> RegulatoryEvent:
    return EventDraft(type_, date, attributes=attrs).to_event(id=id_, track_id=1)


def events(*pairs: tuple[str, str | None]) -> list[RegulatoryEvent]:
    return [event(t, d, i) for i, (t, d) in enumerate(pairs, start=1)]


def names_event(message: str, type_: str) -> bool:
    """A message names an event type by its code or by its English name."""
    return type_ in message or EVENT_TYPES[type_].name("en").lower() in message.lower()


# ----- 1. scenarios, one per flow of §7.3 -----------------------------------------------------------

SCENARIOS: tuple[Scenario, ...] = (
    # --- United States: IND -------------------------------------------------------------------------
    sc("US-IND-hold-response-lifted", "Testcel", "US", C,
       ev("ind_submitted", "2011-01-10", S.CT_SUBMITTED),
       ev("ind_effective", "2011-02-09", S.CT_AUTHORISED),
       ev("clinical_hold", "2012-03-01", S.CT_ON_HOLD, scope="complete"),
       ev("clinical_hold_response_submitted", "2012-06-01", S.CT_ON_HOLD),  # "(response pending)"
       ev("clinical_hold_lifted", "2012-06-28", S.CT_AUTHORISED),
       since="2012-06-28", no_flags=("hold_response_submitted",)),
    sc("US-IND-hold-before-effective-response-pending", "Testcel", "US", C,
       ev("ind_submitted", "2015-04-01", S.CT_SUBMITTED),
       ev("clinical_hold", "2015-04-28", S.CT_ON_HOLD, scope="partial"),
       ev("clinical_hold_response_submitted", "2015-09-15", S.CT_ON_HOLD),
       since="2015-04-28", flags=("hold_response_submitted",)),
    sc("US-IND-withdrawn", "Testcel", "US", C,
       ev("ind_submitted", "2016-01-05", S.CT_SUBMITTED),
       ev("ind_effective", "2016-02-04", S.CT_AUTHORISED),
       ev("ind_withdrawn", "2018-07", S.CT_WITHDRAWN),
       since="2018-07"),
    sc("US-IND-annotations-leave-state", "Testcel", "US", C,
       ev("ind_submitted", "2019-01-07", S.CT_SUBMITTED),
       ev("designation_fast_track", "2019-01-20", S.CT_SUBMITTED),
       ev("ind_effective", "2019-02-06", S.CT_AUTHORISED),
       ev("designation_orphan", "2019-03", S.CT_AUTHORISED),
       ev("designation_rmat", "2019-05-02", S.CT_AUTHORISED),
       ev("designation_breakthrough", "2019-06", S.CT_AUTHORISED),
       ev("trial_registered", "2019-06-10", S.CT_AUTHORISED),
       ev("trial_started", "2019-07-01", S.CT_AUTHORISED),
       ev("agency_feedback", "2020-02", S.CT_AUTHORISED),
       ev("manufacturing_license_issued", "2020-05", S.CT_AUTHORISED),
       ev("trial_completed", "2021-11-30", S.CT_AUTHORISED),
       ev("confirmatory_trial_failed", "2022-01", S.CT_AUTHORISED),
       since="2019-02-06", flags=("fast_track", "orphan", "rmat", "breakthrough")),
    sc("US-IND-hold-then-terminated", "Testcel", "US", C,
       ev("ind_submitted", "2017-03-01", S.CT_SUBMITTED),
       ev("ind_effective", "2017-03-31", S.CT_AUTHORISED),
       ev("clinical_hold", "2018-01-15", S.CT_ON_HOLD),
       ev("ct_terminated", "2018-09", S.CT_TERMINATED),
       since="2018-09"),
    sc("Cartistem-US-IND-2011", "Cartistem", "US", C,
       ev("ind_effective", "2011", S.CT_AUTHORISED),
       since="2011"),
    # an RMAT designation (or request) stands on an IND in effect, whose date was not found
    sc("Alofisel-US-RMAT-2019", "Alofisel", "US", C,
       ev("ind_effective", None, S.CT_AUTHORISED),
       ev("designation_rmat", "2019", S.CT_AUTHORISED),
       since=None, flags=("rmat",)),
    sc("NeuroNATA-R-US-RMAT-denied", "NeuroNATA-R", "US", C,
       ev("ind_effective", None, S.CT_AUTHORISED),
       ev("designation_rmat_denied", "2020-11", S.CT_AUTHORISED),
       since=None, no_flags=("rmat",)),
    # --- United States: BLA -------------------------------------------------------------------------
    sc("Ryoncil-US-BLA", "Ryoncil", "US", M,
       ev("bla_rolling_submission_started", "2019-05", S.MA_SUBMITTED),
       ev("ma_accepted_priority_review", "2020-04", S.MA_UNDER_REVIEW),
       ev("advisory_committee_positive", "2020-08-13", S.MA_UNDER_REVIEW),
       ev("complete_response_letter", "2020-10", S.MA_CRL),
       ev("resubmission_accepted", "2023-03-07", S.MA_UNDER_REVIEW, resubmission_class="2"),
       ev("complete_response_letter", "2023-08", S.MA_CRL),
       ev("agency_feedback", "2024-03", S.MA_CRL),
       ev("ma_resubmitted", "2024-07", S.MA_UNDER_REVIEW),
       ev("approval_full", "2024-12-18", S.AUTHORISED_FULL),
       since="2024-12-18", flags=("rolling", "priority")),
    sc("US-BLA-standard-CRL-withdrawn", "Testcel", "US", M,
       ev("ma_submitted", "2021-01-15", S.MA_SUBMITTED),
       ev("ma_accepted", "2021-03-16", S.MA_UNDER_REVIEW, review="standard"),
       ev("advisory_committee_negative", "2021-10-01", S.MA_UNDER_REVIEW),
       ev("complete_response_letter", "2022-01-14", S.MA_CRL),
       ev("ma_application_withdrawn", "2022-06-01", S.MA_WITHDRAWN_BY_APPLICANT),
       since="2022-06-01", no_flags=("priority",)),
    # --- China: CTA ---------------------------------------------------------------------------------
    sc("CN-CTA-implied-permission-first-ICF", "Testcel", "CN", C,
       ev("cta_accepted", "2021-03-01", S.CT_ACCEPTED),
       ev("cta_implied_permission", "2021-05-28", S.CT_AUTHORISED),
       ev("first_subject_consented", "2021-09-01", S.CT_AUTHORISED),  # "(active)"
       since="2021-05-28", flags=("subject_consented",)),
    sc("AmCellGene-CN-CTA-undated", "AmCellGene UC-MSC", "CN", C,
       ev("cta_accepted", None, S.CT_ACCEPTED),
       ev("cta_implied_permission", None, S.CT_AUTHORISED),
       since=None),
    sc("CN-CTA-lapse", "Testcel", "CN", C,
       ev("cta_accepted", "2019-02-11", S.CT_ACCEPTED, pilot="false"),
       ev("cta_implied_permission", "2019-05-10", S.CT_AUTHORISED),
       ev("ct_lapsed", "2022-05-11", S.CT_LAPSED),
       since="2022-05-11", no_flags=("pilot", "subject_consented")),
    sc("CN-CTA-approved-suspended-resumed-terminated", "Testcel", "CN", C,
       ev("cta_submitted", "2020-01-06", S.CT_SUBMITTED),
       ev("cta_accepted", "2020-01-13", S.CT_ACCEPTED, pilot="true"),
       ev("cta_approved", "2020-04-10", S.CT_AUTHORISED),
       ev("first_subject_consented", "2020-08-01", S.CT_AUTHORISED),
       ev("clinical_hold", "2021-02-01", S.CT_ON_HOLD),  # CDE requires 暂停
       ev("clinical_hold_lifted", "2021-06-01", S.CT_AUTHORISED),
       ev("ct_terminated", "2023-01", S.CT_TERMINATED),
       since="2023-01", flags=("pilot", "subject_consented")),
    sc("CN-CTA-not-approved-then-new-CTA-withdrawn", "Testcel", "CN", C,
       ev("cta_accepted", "2020-03-02", S.CT_ACCEPTED),
       ev("cta_not_approved", "2020-06-01", S.CT_REFUSED),
       ev("cta_accepted", "2021-01-04", S.CT_ACCEPTED),
       ev("cta_withdrawn", "2021-02-01", S.CT_WITHDRAWN),
       since="2021-02-01"),
    sc("Wang-CN-exosome-registered", "hUC-MSC exosomes", "CN", C,
       ev("trial_registered", "2023-02-11", S.PLANNED),
       since=None),
    sc("CelliStem-CL-registered-started", "CelliStem OA-sEV", "CL", C,
       ev("trial_registered", "2021-09-14", S.PLANNED),
       ev("trial_started", "2021-10-05", S.PLANNED),
       since=None),
    # --- China: NDA ---------------------------------------------------------------------------------
    sc("Amimestrocel-CN-priority-conditional-cancelled", "Amimestrocel Injection", "CN", M,
       ev("ma_accepted_priority_review", None, S.MA_UNDER_REVIEW),
       ev("manufacturing_license_issued", "2024-05", S.MA_UNDER_REVIEW),
       ev("approval_conditional", "2025-01-02", S.AUTHORISED_CONDITIONAL),
       ev("first_commercial_use", "2025-06-05", S.AUTHORISED_CONDITIONAL),
       ev("certificate_cancelled", "2029-06-30", S.CANCELLED),  # hypothetical (Law Art. 78)
       since="2029-06-30", flags=("priority", "marketed")),
    sc("CN-NDA-conditional-reregistered-full", "Testcel", "CN", M,
       ev("ma_accepted", "2019-01-10", S.MA_UNDER_REVIEW),
       ev("designation_priority_review", "2019-03-01", S.MA_UNDER_REVIEW),
       ev("approval_conditional", "2020-02-01", S.AUTHORISED_CONDITIONAL),
       ev("variation_submitted", "2021-06", S.AUTHORISED_CONDITIONAL),
       ev("renewal_application_submitted", "2024-07-15", S.AUTHORISED_CONDITIONAL),
       ev("reregistration_approved", "2024-09", S.AUTHORISED_CONDITIONAL),
       ev("approval_full", "2024-12", S.AUTHORISED_FULL),  # confirmatory data accepted
       ev("supplemental_application_submitted", "2025-03", S.AUTHORISED_FULL),
       since="2024-12", flags=("priority",)),
    sc("CN-NDA-suspended-lifted", "Testcel", "CN", M,
       ev("ma_accepted", "2019-01-10", S.MA_UNDER_REVIEW),
       ev("approval_full", "2020-03-01", S.AUTHORISED_FULL),
       ev("product_launch", "2020-06", S.AUTHORISED_FULL),
       ev("ma_suspended", "2021-05-01", S.SUSPENDED),
       ev("suspension_lifted", "2021-11-01", S.AUTHORISED_FULL),
       since=UNSPECIFIED, flags=("marketed",)),
    # --- Japan --------------------------------------------------------------------------------------
    sc("Temcell-JP-aGVHD", "TEMCELL HS Inj.", "JP", M,
       ev("ma_submitted", "2014-09", S.MA_UNDER_REVIEW),  # §7.3 JP: application filed -> MA_UNDER_REVIEW
       ev("advisory_committee_positive", "2015-09-02", S.MA_UNDER_REVIEW),
       ev("approval_full", "2015-09-18", S.AUTHORISED_FULL),
       since="2015-09-18"),
    sc("Temcell-JP-EB-new-indication-withdrawn", "TEMCELL HS Inj.", "JP", M,
       ev("designation_orphan", "2018-10", S.PLANNED),
       ev("supplemental_application_submitted", "2019-03", S.MA_UNDER_REVIEW),
       ev("supplemental_application_withdrawn", "2019-09-19", S.MA_WITHDRAWN_BY_APPLICANT),
       since="2019-09-19", flags=("orphan",)),
    sc("Stemirac-JP-conversion-pending", "Stemirac", "JP", M,
       ev("designation_sakigake", "2016-02-10", S.PLANNED),
       ev("ma_submitted", "2018-06", S.MA_UNDER_REVIEW),
       ev("advisory_committee_positive", "2018-11", S.MA_UNDER_REVIEW),
       ev("approval_conditional_time_limited", "2018-12-28", S.AUTHORISED_TIME_LIMITED, time_limit_years="7"),
       ev("full_approval_application_filed", "2025-11-14", S.CONVERSION_PENDING),
       since="2025-11-14", flags=("sakigake",)),
    sc("Stemirac-JP-full-approval", "Stemirac", "JP", M,
       ev("approval_conditional_time_limited", "2018-12-28", S.AUTHORISED_TIME_LIMITED, time_limit_years="7"),
       ev("full_approval_application_filed", "2025-11-14", S.CONVERSION_PENDING),
       ev("approval_full", "2026-09", S.AUTHORISED_FULL),  # hypothetical 本承認
       since="2026-09"),
    sc("Akuugo-JP-shipment-barred", "AKUUGO", "JP", M,
       ev("ma_submitted", "2022-03", S.MA_UNDER_REVIEW, approximate=True),
       ev("committee_deferred", "2024-03", S.MA_COMMITTEE_DEFERRED),
       ev("advisory_committee_positive", "2024-06-19", S.MA_UNDER_REVIEW),
       ev("approval_conditional_time_limited", "2024-07-31", S.AUTHORISED_TIME_LIMITED,
          time_limit_years="7", shipment_restricted="true"),
       ev("partial_change_application_submitted", "2025-06-12", S.AUTHORISED_TIME_LIMITED),
       ev("advisory_committee_positive", "2025-10-16", S.AUTHORISED_TIME_LIMITED),
       since="2024-07-31", flags=("shipment_restricted",)),
    sc("Akuugo-JP-partial-change-approved-shippable", "AKUUGO", "JP", M,
       ev("approval_conditional_time_limited", "2024-07-31", S.AUTHORISED_TIME_LIMITED,
          time_limit_years="7", shipment_restricted="true"),
       ev("partial_change_application_submitted", "2025-06-12", S.AUTHORISED_TIME_LIMITED),
       ev("partial_change_approved", "2025-11", S.AUTHORISED_TIME_LIMITED),  # hypothetical date
       since="2024-07-31", no_flags=("shipment_restricted",)),
    sc("JP-conversion-refused-expired", "HeartSheet", "JP", M,
       ev("approval_conditional_time_limited", "2015-09", S.AUTHORISED_TIME_LIMITED, time_limit_years="5"),
       ev("ctl_period_extended", "2018", S.AUTHORISED_TIME_LIMITED, time_limit_years="8"),
       ev("full_approval_application_filed", "2023-09", S.CONVERSION_PENDING),
       ev("conversion_refused", "2024-07-19", S.EXPIRED),
       since="2024-07-19"),
    sc("HeartSheet-JP-refused-then-sales-ended", "HeartSheet", "JP", M,
       ev("approval_conditional_time_limited", "2015-09", S.AUTHORISED_TIME_LIMITED, time_limit_years="5"),
       ev("ctl_period_extended", "2018", S.AUTHORISED_TIME_LIMITED, time_limit_years="8"),
       ev("full_approval_application_filed", "2023-09", S.CONVERSION_PENDING),
       ev("conversion_refused", "2024-07-19", S.EXPIRED),
       # §6.3: "Terumo ended sales on 2024-07-20"; §7.2: MARKETING_DISCONTINUED is a commercial flag
       ev("marketing_discontinued", "2024-07-20", S.EXPIRED),
       since="2024-07-19", flags=("marketing_discontinued",)),
    sc("JP-ctl-period-extended", "Testcel", "JP", M,
       ev("approval_conditional_time_limited", "2015-09", S.AUTHORISED_TIME_LIMITED, time_limit_years="5"),
       ev("ctl_period_extended", "2018", S.AUTHORISED_TIME_LIMITED, time_limit_years="8"),
       since="2015-09"),
    sc("JP-deadline-passed-expired", "Testcel", "JP", M,
       ev("approval_conditional_time_limited", "2015-09", S.AUTHORISED_TIME_LIMITED, time_limit_years="5"),
       ev("ma_expired", "2020-09", S.EXPIRED),
       since="2020-09"),
    sc("JP-time-limited-suspended-lifted", "Testcel", "JP", M,
       ev("approval_conditional_time_limited", "2018-12-28", S.AUTHORISED_TIME_LIMITED, time_limit_years="7"),
       ev("ma_suspended", "2020-01", S.SUSPENDED),
       ev("suspension_lifted", "2020-06", S.AUTHORISED_TIME_LIMITED),
       since=UNSPECIFIED),
    sc("Alofisel-JP-discontinued", "Alofisel", "JP", M,
       ev("ma_submitted", "2021-02", S.MA_UNDER_REVIEW),
       ev("approval_full", "2021-09-27", S.AUTHORISED_FULL),
       ev("marketing_discontinued", "2026-01", S.AUTHORISED_FULL),
       since="2021-09-27", flags=("marketing_discontinued",)),
    # --- European Union -----------------------------------------------------------------------------
    sc("EU-CMA-renewed-conditions-met-full", "Testcel", "EU", M,
       ev("ma_submitted", "2019-02-01", S.MA_UNDER_REVIEW),  # §7.3 EU: MAA submitted -> MA_UNDER_REVIEW
       ev("chmp_positive_opinion", "2020-01-30", S.MA_UNDER_REVIEW),
       ev("approval_conditional", "2020-03-27", S.AUTHORISED_CONDITIONAL),
       ev("renewal_application_submitted", "2020-09-15", S.AUTHORISED_CONDITIONAL),
       ev("cma_renewed", "2021-03-01", S.AUTHORISED_CONDITIONAL),
       ev("conditions_met", "2023-01-15", S.AUTHORISED_FULL),
       ev("ma_renewed", "2027-10-01", S.AUTHORISED_FULL),
       since="2027-10-01"),  # the current term runs from the renewal
    sc("Alofisel-EU-standard-MA-withdrawn", "Alofisel", "EU", M,
       ev("ma_submitted", "2016", S.MA_UNDER_REVIEW),
       ev("chmp_positive_opinion", "2017-12-14", S.MA_UNDER_REVIEW),
       ev("approval_full", "2018-03-23", S.AUTHORISED_FULL),
       ev("confirmatory_trial_failed", "2023-10-18", S.AUTHORISED_FULL),
       ev("ma_withdrawn", "2024-12-13", S.WITHDRAWN),
       since="2024-12-13"),
    sc("EU-sunset-lapse", "Testcel", "EU", M,
       ev("ma_submitted", "2015-05", S.MA_UNDER_REVIEW),
       ev("approval_full", "2016-06-01", S.AUTHORISED_FULL),
       ev("ma_lapsed_sunset", "2019-06-01", S.LAPSED_SUNSET),
       since="2019-06-01"),
    sc("EU-negative-opinion-refused", "Testcel", "EU", M,
       ev("ma_submitted", "2017-03", S.MA_UNDER_REVIEW),
       ev("additional_info_request", "2017-07", S.MA_INFO_REQUESTED),
       ev("chmp_negative_opinion", "2018-05", S.MA_UNDER_REVIEW),
       ev("ma_refused", "2018-07", S.MA_REFUSED),
       since="2018-07"),
    sc("EU-PRIME-orphan-removed-at-MA", "Testcel", "EU", M,
       ev("designation_orphan", "2016-03", S.PLANNED),
       ev("designation_prime", "2017-05-10", S.PLANNED),
       ev("ma_submitted", "2019-02-01", S.MA_UNDER_REVIEW),
       ev("approval_full", "2020-03-27", S.AUTHORISED_FULL),
       # removed from the register of orphan medicinal products at the MA (criteria no longer met)
       ev("designation_withdrawn", "2020-03-27", S.AUTHORISED_FULL, designation="orphan"),
       since="2020-03-27", flags=("prime",), no_flags=("orphan",)),
    sc("Stempeucel-EU-orphan", "Stempeucel", "EU", M,
       ev("designation_orphan", "2015", S.PLANNED),
       since=None, flags=("orphan",)),
    # --- Canada -------------------------------------------------------------------------------------
    sc("CA-NOCc-qualifying-notice-conditions-met", "Testcel", "CA", M,
       ev("ma_submitted", "2019-05-01", S.MA_UNDER_REVIEW),  # §7.3 CA: NDS filed -> MA_UNDER_REVIEW
       ev("noc_c_qualifying_notice", "2020-01-10", S.MA_UNDER_REVIEW),  # "(QN)"
       ev("noc_c_qn_response_submitted", "2020-02-07", S.MA_UNDER_REVIEW),
       ev("noc_c_issued", "2020-03-20", S.AUTHORISED_CONDITIONAL),
       ev("conditions_met", "2024-02-01", S.AUTHORISED_FULL),
       since="2024-02-01"),
    sc("Prochymal-CA-NOCc", "Prochymal", "CA", M,
       ev("designation_priority_review", "2010", S.MA_UNDER_REVIEW),
       ev("additional_info_request", "2011-01", S.MA_INFO_REQUESTED),  # NON -> MA_INFO_REQUESTED
       ev("noc_c_issued", "2012-05-17", S.AUTHORISED_CONDITIONAL),
       since="2012-05-17", flags=("priority",)),
    sc("CA-info-requested-answered", "Testcel", "CA", M,  # hypothetical: the applicant answers
       ev("ma_submitted", "2020-02-03", S.MA_UNDER_REVIEW),
       ev("additional_info_request", "2020-09-01", S.MA_INFO_REQUESTED),
       ev("info_response_submitted", "2020-11-20", S.MA_UNDER_REVIEW),
       ev("approval_full", "2021-03-01", S.AUTHORISED_FULL),
       since="2021-03-01"),
    sc("CA-NOCc-revoked", "Testcel", "CA", M,
       ev("noc_c_issued", "2012-05-17", S.AUTHORISED_CONDITIONAL),
       ev("ma_revoked", "2016", S.REVOKED),
       since="2016"),
    # --- New Zealand --------------------------------------------------------------------------------
    sc("Prochymal-NZ-provisional-consent-renewed", "Prochymal", "NZ", M,
       ev("ma_submitted", "2011-05", S.MA_SUBMITTED),
       ev("designation_priority_review", "2011-06", S.MA_UNDER_REVIEW),
       ev("provisional_consent", "2012-06", S.AUTHORISED_CONDITIONAL),
       ev("provisional_consent_renewed", "2014-06-14", S.AUTHORISED_CONDITIONAL),
       since="2014-06-14"),  # in force since the renewal (Gazette: "valid for two years from 14 June 2014")
    # --- South Korea --------------------------------------------------------------------------------
    sc("NeuroNATA-R-KR-change-application", "NeuroNATA-R", "KR", M,
       ev("approval_conditional", "2014-07-31", S.AUTHORISED_CONDITIONAL),
       ev("confirmatory_trial_failed", "2024-12", S.AUTHORISED_CONDITIONAL),
       ev("variation_submitted", "2025-04-29", S.CONVERSION_PENDING),
       since="2025-04-29"),
    sc("KR-change-application-refused-cancelled", "Testcel", "KR", M,
       ev("approval_conditional", "2014-07-31", S.AUTHORISED_CONDITIONAL),
       ev("variation_submitted", "2025-04-29", S.CONVERSION_PENDING),
       ev("conversion_refused", "2026-03", S.CANCELLED),  # hypothetical
       since="2026-03"),
    sc("Cartistem-KR-full-variation", "Cartistem", "KR", M,
       ev("ma_submitted", "2011-09", S.MA_SUBMITTED),
       ev("approval_full", "2012-01-19", S.AUTHORISED_FULL),
       ev("variation_submitted", "2013", S.AUTHORISED_FULL),
       ev("variation_approved", "2013-06", S.AUTHORISED_FULL),
       since="2012-01-19"),
    # --- India --------------------------------------------------------------------------------------
    sc("Stempeucel-IN-limited-then-full", "Stempeucel", "IN", M,
       ev("approval_limited", "2016-05", S.AUTHORISED_CONDITIONAL),
       ev("approval_full", "2020-08", S.AUTHORISED_FULL),
       since="2020-08"),
    sc("Stempeucel-OA-IN-launched", "Stempeucel-OA", "IN", M,
       ev("approval_full", "2022-09", S.AUTHORISED_FULL),
       ev("product_launch", "2025-12-03", S.AUTHORISED_FULL),
       since="2022-09", flags=("marketed",)),
    # --- suspension returns to the state before it --------------------------------------------------
    sc("KR-conversion-pending-suspended-lifted", "Testcel", "KR", M,
       ev("approval_conditional", "2014-07-31", S.AUTHORISED_CONDITIONAL),
       ev("variation_submitted", "2025-04-29", S.CONVERSION_PENDING),
       ev("ma_suspended", "2025-08", S.SUSPENDED),
       ev("suspension_lifted", "2025-12", S.CONVERSION_PENDING),
       since=UNSPECIFIED),
    sc("CA-NOCc-suspended-lifted", "Testcel", "CA", M,
       ev("noc_c_issued", "2012-05-17", S.AUTHORISED_CONDITIONAL),
       ev("first_commercial_use", "2012-09", S.AUTHORISED_CONDITIONAL),
       ev("ma_suspended", "2014-02-03", S.SUSPENDED),
       ev("suspension_lifted", "2014-10-01", S.AUTHORISED_CONDITIONAL),
       since=UNSPECIFIED, flags=("marketed",)),
)

SCENARIO_PARAMS = [pytest.param(s, id=s.name) for s in SCENARIOS]


def test_scenario_names_are_unique():
    names = [s.name for s in SCENARIOS]
    assert len(names) == len(set(names))


def test_a_designation_granted_on_an_ind_is_refused_without_one():
    track = Track(1, 1, "Alofisel", "US", "test indication", C)
    for code in ("designation_rmat", "designation_fast_track", "designation_breakthrough", "designation_rmat_denied"):
        with pytest.raises(TransitionRefused) as refused:
            derive(track, [event(code, "2019", 1)])
        problem = refused.value.problems[0]
        assert problem.code == "transition.needs_ind" and problem.params["state"] is S.PLANNED
        assert "IND" in refused.value.message("en") and "IND" in refused.value.message("zh_CN")
        on_hold = [event("ind_effective", "2018", 1), event("clinical_hold", "2018-06", 2), event(code, "2019", 3)]
        assert derive(track, on_hold).state is S.CT_ON_HOLD  # an IND on hold is still open
    orphan = derive(track, [event("designation_orphan", "2019", 1)])  # orphan status needs no IND
    assert orphan.state is S.PLANNED and "orphan" in orphan.flags


@pytest.mark.parametrize("scenario", SCENARIO_PARAMS)
def test_scenario_final_state(scenario: Scenario):
    status = derive(scenario.track(), scenario.log())
    assert status.state is scenario.events[-1].after
    assert scenario.flags <= status.flags, f"missing flags {scenario.flags - status.flags}"
    assert not scenario.no_flags & status.flags, f"unexpected flags {scenario.no_flags & status.flags}"
    if scenario.since != UNSPECIFIED:
        assert (status.since.display() if status.since else None) == scenario.since


@pytest.mark.parametrize("scenario", SCENARIO_PARAMS)
def test_scenario_state_after_each_event(scenario: Scenario):
    """The state after every event, as the reference table of the jurisdiction gives it."""
    log = scenario.log()
    actual: list[tuple[str, str]] = []
    for k in range(1, len(log) + 1):
        try:
            outcome = str(derive(scenario.track(), log[:k]).state)
        except TransitionRefused as refused:
            outcome = f"refused: {refused.problems[0].code}"
        actual.append((log[k - 1].type, outcome))
    expected = [(e.type, str(e.after)) for e in scenario.events]
    assert actual == expected


# ----- 2. every event type has a scenario -----------------------------------------------------------


def test_every_event_type_has_a_scenario():
    used = {e.type for s in SCENARIOS for e in s.events}
    assert used == set(EVENT_TYPES), (
        f"event types without a scenario: {sorted(set(EVENT_TYPES) - used)}; "
        f"unknown types in scenarios: {sorted(used - set(EVENT_TYPES))}")


@pytest.mark.parametrize("code", sorted(c for c, t in EVENT_TYPES.items() if t.annotation))
def test_annotation_types_never_change_the_state(code: str):
    for jurisdiction in (*MAIN_JURISDICTIONS, "CL", "ZZ"):
        for rule in rules_for(code, jurisdiction):
            assert rule.to is None and not rule.resume, (code, jurisdiction, rule)


# ----- more of §7.3 that the scenarios alone do not pin down ----------------------------------------


@pytest.mark.parametrize(("jurisdiction", "conditional"), [
    ("CN", "approval_conditional"), ("EU", "approval_conditional"), ("CA", "noc_c_issued"),
    ("NZ", "provisional_consent"), ("IN", "approval_limited"), ("JP", "approval_conditional_time_limited"),
])
def test_a_variation_outside_korea_leaves_the_state_unchanged(jurisdiction: str, conditional: str):
    track = make_track(jurisdiction, M)
    before = derive(track, events((conditional, "2020-01-10")))
    after = derive(track, events((conditional, "2020-01-10"), ("variation_submitted", "2022-05-02")))
    assert after.state is before.state
    assert after.since == before.since


@pytest.mark.parametrize("jurisdiction", ["JP", "EU", "CA"])
def test_filing_puts_the_application_under_review(jurisdiction: str):
    """§7.3 JP "PLANNED | application filed | MA_UNDER_REVIEW"; EU "PLANNED | MAA submitted |
    MA_UNDER_REVIEW"; CA "PLANNED | NDS filed | MA_UNDER_REVIEW"."""
    status = derive(make_track(jurisdiction, M), events(("ma_submitted", "2020-02-03")))
    assert status.state is S.MA_UNDER_REVIEW


def test_acceptance_with_priority_review_sets_the_priority_flag():
    """§7.2 "MA_UNDER_REVIEW (flags: priority, rolling, SAKIGAKE)"; §7.3 US "filed (standard / priority)"."""
    status = derive(make_track("US", M), [
        event("ma_submitted", "2021-01-15", 1), event("ma_accepted", "2021-03-16", 2, review="priority"),
    ])
    assert status.state is S.MA_UNDER_REVIEW
    assert "priority" in status.flags


SUB_STATES = {
    # case: (jurisdiction, pathway, log before, event, attributes of the first event, the main state)
    # §7.3 US "CT_ON_HOLD | complete response submitted | CT_ON_HOLD (response pending)"
    "US-hold-response-pending": ("US", C, [("ind_submitted", "2015-04-01"), ("ind_effective", "2015-05-01"),
                                           ("clinical_hold", "2016-01-04")],
                                 "clinical_hold_response_submitted", {}, S.CT_ON_HOLD),
    # §7.3 CN "CT_AUTHORISED | first subject signs ICF | CT_AUTHORISED (active)"
    "CN-trial-active": ("CN", C, [("cta_accepted", "2021-03-01"), ("cta_implied_permission", "2021-05-28")],
                        "first_subject_consented", {}, S.CT_AUTHORISED),
    # §7.3 CA "MA_UNDER_REVIEW | NOC/c-QN issued | MA_UNDER_REVIEW (QN)"
    "CA-qualifying-notice": ("CA", M, [("ma_submitted", "2019-05-01")],
                             "noc_c_qualifying_notice", {}, S.MA_UNDER_REVIEW),
    # §7.3 JP "AUTHORISED_TIME_LIMITED (shipment barred) | partial-change approval | ... (shippable)"
    "JP-shippable": ("JP", M, [("approval_conditional_time_limited", "2024-07-31")],
                     "partial_change_approved", {"shipment_restricted": "true"}, S.AUTHORISED_TIME_LIMITED),
    # §7.3 EU "MA_UNDER_REVIEW | CHMP (+CAT) positive opinion | MA_UNDER_REVIEW (opinion)"
    "EU-CHMP-opinion": ("EU", M, [("ma_submitted", "2019-02-01")],
                        "chmp_positive_opinion", {}, S.MA_UNDER_REVIEW),
}


@pytest.mark.parametrize("case", sorted(SUB_STATES))
def test_sub_states_of_the_reference_are_visible_in_the_status(case: str):
    """A sub-state the reference writes in parentheses must show in the status: the track is not
    simply in the main state with the flags it had before."""
    jurisdiction, pathway, base, sub_event, first_attrs, main_state = SUB_STATES[case]
    track = make_track(jurisdiction, pathway)
    log = [event(t, d, i, **(first_attrs if i == 1 else {})) for i, (t, d) in enumerate(base, start=1)]
    before = derive(track, log)
    after = derive(track, [*log, event(sub_event, "2026-06-01", len(log) + 1)])
    assert (after.state, after.flags) != (main_state, before.flags)


def test_positive_and_negative_chmp_opinions_lead_to_different_statuses():
    """§7.3 EU: the positive opinion is the "(opinion)" sub-state; a negative one must not look the same."""
    track = make_track("EU", M)
    positive = derive(track, events(("ma_submitted", "2019-02-01"), ("chmp_positive_opinion", "2020-01-30")))
    negative = derive(track, events(("ma_submitted", "2019-02-01"), ("chmp_negative_opinion", "2020-01-30")))
    assert (positive.state, positive.flags) != (negative.state, negative.flags)


def test_korean_change_application_can_end_in_every_outcome_of_the_reference():
    """§7.3 KR: "change application (CONVERSION_PENDING) -> licence kept, converted, narrowed, or
    cancelled".  Kept or narrowed is a conditional licence again; converted is full; cancelled."""
    track = make_track("KR", M)
    base = events(("approval_conditional", "2014-07-31"), ("variation_submitted", "2025-04-29"))
    assert derive(track, base).state is S.CONVERSION_PENDING
    reachable = set()
    for code in allowed_next(track, S.CONVERSION_PENDING):
        reachable.add(derive(track, [*base, event(code, "2026-01-15", 3)]).state)
    assert {S.AUTHORISED_FULL, S.AUTHORISED_CONDITIONAL, S.CANCELLED} <= reachable, sorted(reachable)


FORBIDDEN = {
    # §7.3 CN: "CT_AUTHORISED | 3 years with no ICF | CT_LAPSED"; the first ICF stops that clock.
    "CN-lapse-after-first-ICF": ("CN", C, [
        ("cta_accepted", "2019-02-11"), ("cta_implied_permission", "2019-05-10"),
        ("first_subject_consented", "2019-09-02"), ("ct_lapsed", "2022-05-11")]),
    # §7.3 US: "CT_ON_HOLD | FDA lifts hold (written) | CT_AUTHORISED | only this event lifts the hold".
    "US-IND-effective-does-not-lift-hold": ("US", C, [
        ("ind_submitted", "2015-04-01"), ("clinical_hold", "2015-04-28"), ("ind_effective", "2015-05-01")]),
    # §7.3 JP: EXPIRED only when the deadline passes "with no application", or when full approval is
    # refused; with the 本承認申請 filed "marketing continues pending the decision".
    "JP-expiry-while-full-application-pending": ("JP", M, [
        ("approval_conditional_time_limited", "2018-12-28"), ("full_approval_application_filed", "2025-11-14"),
        ("ma_expired", "2025-12-29")]),
    # §7.3 JP: a time-limited approval becomes full through CONVERSION_PENDING (本承認申請 -> 本承認).
    "JP-full-approval-without-application": ("JP", M, [
        ("approval_conditional_time_limited", "2018-12-28"), ("approval_full", "2025-11-14")]),
    # §7.3 EU: the yearly renewal belongs to the conditional MA only.
    "EU-CMA-renewal-of-a-standard-MA": ("EU", M, [
        ("approval_full", "2018-03-23"), ("cma_renewed", "2019-03-01")]),
    # §7.3 CA: "AUTHORISED_CONDITIONAL | conditions met | AUTHORISED_FULL": there must be conditions.
    "CA-conditions-met-on-a-full-NOC": ("CA", M, [
        ("approval_full", "2018-03-23"), ("conditions_met", "2019-03-01")]),
    # §7.3 NZ: the renewal extends a provisional consent that exists.
    "NZ-renewal-without-consent": ("NZ", M, [
        ("ma_submitted", "2011-05"), ("provisional_consent_renewed", "2014-06-14")]),
    # §7.3 CN: implied permission follows acceptance (受理), not mere submission.
    "CN-implied-permission-after-submission-only": ("CN", C, [
        ("cta_submitted", "2021-01-04"), ("cta_implied_permission", "2021-04-01")]),
}


@pytest.mark.parametrize("case", sorted(FORBIDDEN))
def test_the_reference_forbids(case: str):
    jurisdiction, pathway, pairs = FORBIDDEN[case]
    track = make_track(jurisdiction, pathway)
    log = events(*pairs)
    derive(track, log[:-1])  # everything before the last event is fine
    with pytest.raises(TransitionRefused) as refused:
        derive(track, log)
    assert refused.value.problems[0].value == pairs[-1][0]


# ----- 3. refusals and their messages ---------------------------------------------------------------


@dataclass(frozen=True)
class Refusal:
    track: Track
    attempt: Callable[[], object]
    code: str
    names: tuple[str, ...]  # event types the English message must name
    dates: tuple[str, ...]  # dates the Chinese message must show


def _refusals() -> dict[str, Refusal]:
    out: dict[str, Refusal] = {}

    eu = Track(7, 3, "Alofisel", "EU", "complex perianal fistulas", M)
    never = events(("ma_submitted", "2016"), ("ma_withdrawn", "2017-06-30"))
    out["never_authorised"] = Refusal(eu, lambda: derive(eu, never), "transition.never_authorised",
                                      ("ma_withdrawn",), ("2017-06-30",))

    cn = Track(2, 2, "AmCellGene UC-MSC", "CN", "knee osteoarthritis", C)
    implied = events(("cta_implied_permission", "2021-05-28"))
    out["implied_without_acceptance"] = Refusal(
        cn, lambda: derive(cn, implied), "transition.implied_without_acceptance",
        ("cta_implied_permission",), ("2021-05-28",))

    accepted = event("cta_accepted", "2021-03-01", 1)
    too_early = event("cta_implied_permission", "2021-02-15", 2)
    out["order"] = Refusal(cn, lambda: check_change(cn, [accepted, too_early], too_early, "add"),
                           "transition.order", ("cta_implied_permission",), ("2021-02-15",))

    submitted, approval, withdrawal = events(
        ("ma_submitted", "2016"), ("approval_full", "2018-03-23"), ("ma_withdrawn", "2024-12-13"))
    out["breaks_later"] = Refusal(
        eu, lambda: check_change(eu, [submitted, withdrawal], approval, "delete"), "transition.breaks_later",
        ("approval_full", "ma_withdrawn"), ("2018-03-23", "2024-12-13"))

    us = Track(3, 4, "Cartistem", "US", "knee cartilage defects", C)
    wrong_country = events(("ind_submitted", "2010-06-01"), ("cta_implied_permission", "2010-08-01"))
    out["wrong_jurisdiction"] = Refusal(us, lambda: derive(us, wrong_country), "transition.wrong_jurisdiction",
                                        ("cta_implied_permission",), ("2010-08-01",))

    us_ma = Track(4, 5, "Ryoncil", "US", "paediatric SR-aGVHD", M)
    wrong_pathway = events(("ind_submitted", "2019-03-04"))
    out["wrong_pathway"] = Refusal(us_ma, lambda: derive(us_ma, wrong_pathway), "transition.wrong_pathway",
                                   ("ind_submitted",), ("2019-03-04",))
    return out


REFUSALS = _refusals()


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_refusal_code_and_english_message(case: str):
    r = REFUSALS[case]
    with pytest.raises(TransitionRefused) as refused:
        r.attempt()
    assert refused.value.problems[0].code == r.code
    message = refused.value.message("en")
    assert r.track.product_name in message, message
    for type_ in r.names:
        assert names_event(message, type_), (type_, message)


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_refusal_message_in_chinese_shows_the_date(case: str):
    r = REFUSALS[case]
    with pytest.raises(TransitionRefused) as refused:
        r.attempt()
    message = refused.value.message("zh_CN")
    assert CJK.search(message), message
    assert r.track.product_name in message, message
    for date in r.dates:
        assert date in message, (date, message)


ADDED_TO_THE_WRONG_TRACK = {
    # the way the tracker records a new event: check_change(track, [*log, new], new, "add")
    "wrong_jurisdiction": ("US", C, ("ind_submitted", "2010-06-01"), ("cta_implied_permission", "2010-08-01")),
    "wrong_pathway": ("US", M, ("ma_submitted", "2019-03-04"), ("ind_submitted", "2019-04-01")),
}


@pytest.mark.parametrize("case", sorted(ADDED_TO_THE_WRONG_TRACK))
def test_an_added_event_of_the_wrong_kind_is_refused_as_such(case: str):
    jurisdiction, pathway, (first, first_date), (added, added_date) = ADDED_TO_THE_WRONG_TRACK[case]
    track = make_track(jurisdiction, pathway, "Cartistem")
    log = [event(first, first_date, 1)]
    new = EventDraft(added, added_date).to_event()
    with pytest.raises(TransitionRefused) as refused:
        check_change(track, [*log, new], new, "add")
    assert refused.value.problems[0].code == f"transition.{case}"
    for lang in ("en", "zh_CN"):
        message = refused.value.message(lang)
        assert "{" not in message, message
        assert "Cartistem" in message


def test_an_order_refusal_names_the_event_the_new_one_must_follow():
    """Alofisel EU: a withdrawal dated 2017-06 must follow the approval of 2018-03-23, not the
    confirmatory-trial annotation that happens to be the last event of the log."""
    track = Track(7, 3, "Alofisel", "EU", "complex perianal fistulas", M)
    log = events(("ma_submitted", "2016"), ("approval_full", "2018-03-23"),
                 ("confirmatory_trial_failed", "2023-10-18"))
    early = EventDraft("ma_withdrawn", "2017-06").to_event()
    with pytest.raises(TransitionRefused) as refused:
        check_change(track, [*log, early], early, "add")
    assert refused.value.problems[0].code == "transition.order"
    message = refused.value.message("en")
    assert names_event(message, "approval_full") and "2018-03-23" in message, message
    assert not names_event(message, "confirmatory_trial_failed"), message


# ----- 4. allowed_next ------------------------------------------------------------------------------


def test_implied_permission_is_offered_only_after_acceptance_in_china():
    cn = make_track("CN", C)
    assert "cta_implied_permission" in allowed_next(cn, S.CT_ACCEPTED)
    assert "cta_implied_permission" not in allowed_next(cn, S.PLANNED)
    assert "cta_implied_permission" not in allowed_next(cn, S.CT_SUBMITTED)


@pytest.mark.parametrize("jurisdiction", [j for j in MAIN_JURISDICTIONS if j != "CN"])
def test_implied_permission_is_never_offered_outside_china(jurisdiction: str):
    for pathway in Pathway:
        for state in State:
            assert "cta_implied_permission" not in allowed_next(make_track(jurisdiction, pathway), state)


@pytest.mark.parametrize("jurisdiction", MAIN_JURISDICTIONS)
@pytest.mark.parametrize("pathway", list(Pathway))
def test_allowed_next_offers_only_types_whose_rule_allows_the_state(jurisdiction: str, pathway: Pathway):
    track = make_track(jurisdiction, pathway)
    for state in State:
        for code in allowed_next(track, state):
            etype = EVENT_TYPES[code]
            assert pathway in etype.pathways and etype.available_in(jurisdiction), (state, code)
            assert any(state in rule.after for rule in rules_for(code, jurisdiction)), (state, code)


DATE_OR_ATTRIBUTE_REFUSALS = {"transition.renewal_after_term", "transition.renewal_after_term_no_application",
                               "transition.designation_not_held", "transition.conversion_after_term",
                               "transition.conditions_after_term"}


@pytest.mark.parametrize("scenario", SCENARIO_PARAMS)
def test_allowed_next_is_exactly_what_a_change_may_add_next(scenario: Scenario):
    track = scenario.track()
    log = scenario.log()
    fits = [c for c, t in EVENT_TYPES.items()
            if track.pathway in t.pathways and t.available_in(track.jurisdiction)]
    for k in range(len(log) + 1):
        try:
            status = derive(track, log[:k])
        except TransitionRefused:
            break  # reported by the scenario tests
        state = status.state
        offered = set(allowed_next(track, state, status.flags))
        for code in fits:
            new = event(code, "2031-01-15", 99)
            try:
                check_change(track, [*log[:k], new], new, "add")  # what the dialog does with an offer
                accepted = True
            except TransitionRefused as refused:
                if refused.problems[0].code in DATE_OR_ATTRIBUTE_REFUSALS and code in offered:
                    continue  # offered by state; this date (after the term) or attribute is what is refused
                accepted = False
            assert accepted == (code in offered), (state, code)


# ----- 5. ordering ----------------------------------------------------------------------------------


def _order(*items: tuple[int, str | None]) -> list[int]:
    return [e.id for e in ordered([event("agency_feedback", d, i) for i, d in items])]


def test_an_imprecise_date_sorts_by_its_earliest_day():
    assert _order((1, "2020-08-15"), (2, "2020-08")) == [2, 1]
    assert _order((1, "2020-03-05"), (2, "2020")) == [2, 1]
    assert _order((1, "2021"), (2, "2020-12-31")) == [2, 1]


def test_undated_events_come_first():
    assert _order((1, "1999-01-01"), (2, None), (3, "2000")) == [2, 1, 3]


def test_ties_on_the_same_day_keep_entry_order():
    assert _order((2, "2024-07-08"), (1, "2024-07-08"), (3, "2024-07-08")) == [1, 2, 3]
    assert _order((2, None), (1, None)) == [1, 2]


def test_ties_between_precisions_keep_entry_order():
    """§7.1 "An imprecise date sorts by its earliest possible day, with ties broken by the order of
    entry": 2024-07 and 2024-07-01 share their earliest day, so the one entered first comes first."""
    assert _order((1, "2024-07"), (2, "2024-07-01")) == [1, 2]
    assert _order((1, "2024"), (2, "2024-01"), (3, "2024-01-01")) == [1, 2, 3]


def test_derive_replays_in_date_order_whatever_the_list_order():
    ryoncil = next(s for s in SCENARIOS if s.name == "Ryoncil-US-BLA")
    log = ryoncil.log()
    shuffled = log[1::2] + log[0::2]
    assert derive(ryoncil.track(), shuffled) == derive(ryoncil.track(), log)


# ----- 6. properties --------------------------------------------------------------------------------

ALL_TYPES = sorted(EVENT_TYPES)


@st.composite
def random_logs(draw):
    jurisdiction = draw(st.sampled_from(MAIN_JURISDICTIONS))
    pathway = draw(st.sampled_from(list(Pathway)))
    types = draw(st.lists(st.sampled_from(ALL_TYPES), max_size=12))
    day = dt.date(2000, 1, 1)
    log = []
    for i, code in enumerate(types, start=1):
        day += dt.timedelta(days=draw(st.integers(1, 400)))
        log.append(event(code, day.isoformat(), i))
    return make_track(jurisdiction, pathway), log


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_logs())
def test_random_logs_derive_or_are_refused_cleanly(case):
    track, log = case
    types = {e.type for e in log}
    try:
        status = derive(track, log)
    except TransitionRefused as refused:
        problem = refused.problems[0]
        assert problem.value in types
        assert track.product_name in refused.message("en")
        assert CJK.search(refused.message("zh_CN"))
        assert "{" not in refused.message("en") + refused.message("zh_CN")
        return
    assert isinstance(status.state, State)
    for k in range(len(log)):
        assert isinstance(derive(track, log[:k]).state, State)


def _walk(track: Track, data) -> list[RegulatoryEvent]:
    """A log built by always picking one of the types allowed_next offers; each step must replay."""
    log: list[RegulatoryEvent] = []
    status = derive(track, log)
    day = dt.date(2000, 1, 1)
    for i in range(1, data.draw(st.integers(0, 15)) + 1):
        offered = allowed_next(track, status.state, status.flags)
        if not offered:
            break
        day += dt.timedelta(days=data.draw(st.integers(1, 400)))
        code = data.draw(st.sampled_from(offered))
        attrs = {}
        if code == "designation_withdrawn":  # offered only while a designation is held: end one of them
            attrs["designation"] = data.draw(st.sampled_from(sorted(status.flags & set(DESIGNATION_FLAGS))))
        candidate = event(code, day.isoformat(), i, **attrs)
        try:
            status = derive(track, [*log, candidate])
        except TransitionRefused as refused:
            if refused.problems[0].code in DATE_OR_ATTRIBUTE_REFUSALS:
                continue  # offered by state, refused by its date: a renewal after the term had ended
            raise
        log.append(candidate)
        assert isinstance(status.state, State)
    return log


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(MAIN_JURISDICTIONS), st.sampled_from(list(Pathway)), st.data())
def test_walks_through_allowed_next_always_replay(jurisdiction, pathway, data):
    track = make_track(jurisdiction, pathway)
    log = _walk(track, data)
    for k in range(len(log) + 1):
        assert isinstance(derive(track, log[:k]).state, State)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(MAIN_JURISDICTIONS), st.sampled_from(list(Pathway)), st.data())
def test_adding_any_event_is_accepted_or_refused_with_a_readable_message(jurisdiction, pathway, data):
    """What the event dialog does: add one event of any type at any date to a valid log."""
    track = make_track(jurisdiction, pathway)
    log = _walk(track, data)
    day = dt.date(2000, 1, 1) + dt.timedelta(days=data.draw(st.integers(0, 6500)))
    new = EventDraft(data.draw(st.sampled_from(ALL_TYPES)), day.isoformat()).to_event()
    try:
        check_change(track, [*log, new], new, "add")
    except TransitionRefused as refused:
        for lang in ("en", "zh_CN"):
            message = refused.message(lang)
            assert "{" not in message, message
            assert track.product_name in message, message
