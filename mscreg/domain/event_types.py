"""The fixed vocabulary of regulatory event types: those seen for MSC products, and those a tracker needs.

The second kind are steps the pathways provide for that no MSC product's record shows yet: clinical
holds, lapses, renewals, refusals, cancellations and the like.

Each type says which pathway it belongs to, where the law has it (``only``: a jurisdiction-specific
instrument such as China's 默示许可 or Canada's NOC/c), its name (in the text catalogue, by its code), and which
attributes it may carry (for example the time limit of a Japanese conditional and time-limited
approval).  The state machine decides *when* a type is allowed; this module says what it *is*.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from mscreg.domain.errors import invalid
from mscreg.domain.messages import text


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
    pathways: frozenset[Pathway]
    only: frozenset[str] | None = None  # jurisdictions where the instrument exists (None: everywhere)
    attributes: Mapping[str, Callable[[str], str | None]] = field(default_factory=dict)
    annotation: bool = False  # never changes the state (informational milestone)

    def name(self, lang: str = "en") -> str:
        return text(f"event_type.{self.code}.name", lang)

    def available_in(self, jurisdiction: str) -> bool:
        return self.only is None or jurisdiction in self.only


def _t(code: str, pathways: frozenset[Pathway], only: Iterable[str] | None = None,
       attributes: Mapping[str, Callable[[str], str | None]] | None = None, annotation: bool = False) -> EventType:
    return EventType(
        code, pathways, frozenset(only) if only else None, attributes or {}, annotation
    )


_TYPES: tuple[EventType, ...] = (
    # designations: annotations that set flags
    _t("designation_orphan", ANY_PATHWAY, annotation=True),
    _t("designation_priority_review", MARKETING),
    _t("designation_sakigake", ANY_PATHWAY, {"JP"}, annotation=True),
    _t("designation_rmat", ANY_PATHWAY, {"US"}, annotation=True),
    _t("designation_rmat_denied", ANY_PATHWAY, {"US"}, annotation=True),
    _t("designation_breakthrough", ANY_PATHWAY, annotation=True),
    _t("designation_fast_track", ANY_PATHWAY, {"US"}, annotation=True),
    _t("designation_prime", ANY_PATHWAY, {"EU"}, annotation=True),
    # An orphan designation removed (at the sponsor's request, or from the EU register at the MA when the
    # criteria are no longer met), a breakthrough designation rescinded: the designation it ends is named.
    _t("designation_withdrawn", ANY_PATHWAY, attributes={"designation": _choice(*DESIGNATION_FLAGS)},
       annotation=True),
    # clinical trial applications
    _t("ind_submitted", CLINICAL, {"US"}),
    _t("ind_effective", CLINICAL, {"US"}),
    _t("ind_withdrawn", CLINICAL, {"US"}),
    _t("cta_submitted", CLINICAL),
    _t("cta_accepted", CLINICAL, attributes={"pilot": _BOOL}),
    _t("cta_implied_permission", CLINICAL, {"CN"}),
    _t("cta_approved", CLINICAL),
    _t("cta_not_approved", CLINICAL),
    _t("cta_withdrawn", CLINICAL),
    _t("clinical_hold", CLINICAL, attributes={"scope": _choice("complete", "partial")}),
    _t("clinical_hold_response_submitted", CLINICAL),
    _t("clinical_hold_lifted", CLINICAL),
    _t("first_subject_consented", CLINICAL),
    _t("ct_lapsed", CLINICAL),
    _t("ct_terminated", CLINICAL),
    _t("trial_registered", CLINICAL, annotation=True),
    _t("trial_started", CLINICAL, annotation=True),
    _t("trial_completed", CLINICAL, annotation=True),
    _t("confirmatory_trial_failed", ANY_PATHWAY, annotation=True),
    # marketing applications
    _t("ma_submitted", MARKETING),
    _t("bla_rolling_submission_started", MARKETING, {"US"}),
    _t("ma_accepted", MARKETING, attributes={"review": _choice("standard", "priority")}),
    _t("ma_accepted_priority_review", MARKETING),
    _t("additional_info_request", MARKETING),
    _t("info_response_submitted", MARKETING),
    _t("agency_feedback", ANY_PATHWAY, annotation=True),
    _t("committee_deferred", MARKETING),
    _t("advisory_committee_positive", MARKETING),
    _t("advisory_committee_negative", MARKETING),
    _t("chmp_positive_opinion", MARKETING, {"EU"}),
    _t("chmp_negative_opinion", MARKETING, {"EU"}),
    _t("noc_c_qualifying_notice", MARKETING, {"CA"}),
    _t("noc_c_qn_response_submitted", MARKETING, {"CA"}),
    _t("complete_response_letter", MARKETING, {"US"}),
    _t("ma_resubmitted", MARKETING, attributes={"resubmission_class": _choice("1", "2")}),
    _t("resubmission_accepted", MARKETING, attributes={"resubmission_class": _choice("1", "2"), **_RECEIVED}),
    _t("ma_refused", MARKETING),
    _t("ma_application_withdrawn", MARKETING),
    # authorisations
    _t("approval_full", MARKETING),
    # Countries with their own conditional instrument use it (JP time-limited, CA NOC/c, NZ provisional
    # consent, IN limited approval); the US has no conditional approval for these products.
    _t("approval_conditional", MARKETING,
       {"CN", "EU", "KR", "IN", "IR", "GB", "CH", "AU", "TW", "SG", "BR", "AR", "MX", "EG", "TR", "RU",
        "ZA", "MY", "TH", "VN", "ID", "IL", "RS", "HK", "CL", "ZZ"}),
    _t("approval_conditional_time_limited", MARKETING, {"JP"},
       attributes={"time_limit_years": _int_range(1, 7), "shipment_restricted": _BOOL}),
    _t("approval_limited", MARKETING, {"IN"}),
    _t("noc_c_issued", MARKETING, {"CA"}),
    _t("provisional_consent", MARKETING, {"NZ"}),
    # post-authorisation
    _t("provisional_consent_renewed", MARKETING, {"NZ"}),
    _t("cma_renewed", MARKETING, {"EU"}),
    _t("ma_renewed", MARKETING),
    _t("renewal_application_submitted", MARKETING),
    _t("reregistration_approved", MARKETING, {"CN"}),
    _t("conditions_met", MARKETING),
    _t("full_approval_application_filed", MARKETING, {"JP"}),
    _t("conversion_refused", MARKETING, {"JP", "KR"}),
    _t("ctl_period_extended", MARKETING, {"JP"}, attributes={"time_limit_years": _int_range(1, 15)}),
    _t("partial_change_application_submitted", MARKETING, {"JP"}, annotation=True),
    _t("partial_change_approved", MARKETING, {"JP"}),
    _t("variation_submitted", MARKETING),
    _t("variation_approved", MARKETING),
    _t("supplemental_application_submitted", MARKETING),
    _t("supplemental_application_withdrawn", MARKETING),
    _t("ma_suspended", MARKETING),
    _t("suspension_lifted", MARKETING),
    _t("ma_withdrawn", MARKETING),
    _t("ma_revoked", MARKETING),
    _t("certificate_cancelled", MARKETING, {"CN"}),
    _t("ma_expired", MARKETING),
    _t("ma_lapsed_sunset", MARKETING, {"EU"}),
    _t("marketing_discontinued", MARKETING, annotation=True),
    # non-regulatory milestones
    _t("manufacturing_license_issued", ANY_PATHWAY, annotation=True),
    _t("first_commercial_use", MARKETING, annotation=True),
    _t("product_launch", MARKETING, annotation=True),
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
        given = str(value).strip()
        expected = check(given)
        if expected is not None:
            raise invalid(f"attributes.{key}", value, "attribute.value", expected=expected)
        clean[key] = given
    return clean
