"""Per-jurisdiction state machines: the current state of a track is derived from its event log.

The log is the source of truth.  Events are applied in date order (an imprecise date sorts by its
earliest possible day, ties by order of entry); each event must be allowed in the state reached just
before it.  Adding, changing or deleting an event is accepted only if the whole log
still replays, so an event can never be recorded before the one it must follow, and a withdrawal can
never be recorded for an authorisation that does not exist.

Rules are data: ``(event type, states it may follow, state it leads to, jurisdictions)``.  A rule
naming jurisdictions overrides the generic rule for the same event type there (Korea's change
application starts a conversion; elsewhere a variation leaves the state as it is).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from mscreg.domain.errors import InvalidInput, Problem, TransitionRefused
from mscreg.domain.event import RegulatoryEvent, actual
from mscreg.domain.event_types import DESIGNATION_FLAGS, EVENT_TYPES
from mscreg.domain.jurisdictions import JURISDICTIONS
from mscreg.domain.messages import NoDate
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.states import (
    AUTHORISED,
    CT_PENDING,
    CT_RESTARTABLE,
    MA_OPEN,
    MA_RESTARTABLE,
    State,
)
from mscreg.domain.track import Track

ANY = frozenset(State)
S = State
DECIDABLE = frozenset({S.PLANNED}) | MA_OPEN  # PLANNED: the known history may start at the decision
LIVE = AUTHORISED | {S.SUSPENDED}
ONCE_AUTHORISED = LIVE | {S.EXPIRED, S.CANCELLED, S.REVOKED, S.WITHDRAWN, S.LAPSED_SUNSET}
# Where filing *is* the start of review (JP, EU, CA); the US has a 60-day filing
# decision and China a separate acceptance (受理), so there "submitted" is a state of its own.
FILED_IS_REVIEW = ("JP", "EU", "CA")
# Where a conditional authorisation becomes a full one by a plain approval; elsewhere by the
# country's own route (JP/KR conversion application, CA/EU conditions met).
_OWN_CONVERSION = {"JP", "KR", "CA", "EU"}
DIRECT_CONVERSION = sorted(set(JURISDICTIONS) - _OWN_CONVERSION)


@dataclass(frozen=True)
class Rule:
    event: str
    after: frozenset[State]
    to: State | None = None  # None: the state does not change
    only: frozenset[str] | None = None
    set_flags: frozenset[str] = frozenset()
    clear_flags: frozenset[str] = frozenset()
    resume: bool = False  # return to the state before the suspension
    unless_flags: frozenset[str] = frozenset()  # not allowed while one of these flags is set


def _r(event: str, after: Iterable[State], to: State | None = None, only: Iterable[str] | None = None,
       set_flags: Iterable[str] = (), clear_flags: Iterable[str] = (), resume: bool = False,
       unless: Iterable[str] = ()) -> Rule:
    return Rule(event, frozenset(after), to, frozenset(only) if only else None,
                frozenset(set_flags), frozenset(clear_flags), resume, frozenset(unless))


# Designations an agency grants on an IND (or CTA): requested with it or later, so a clinical track must
# have one submitted or in effect (an IND on clinical hold is still open), and a marketing application
# presupposes one.
# They serve a product still in development: once the track is authorised, the designation has nothing left
# to speed up (a new indication is a track of its own), so a *change* adding one to an authorised track is
# refused (see ``strict`` in _replay); a log read back that already holds one still replays.
IND_OPEN = CT_PENDING | {S.CT_AUTHORISED, S.CT_ON_HOLD} | MA_OPEN | {S.MA_CRL} | LIVE
NEEDS_IND = frozenset({"designation_rmat", "designation_breakthrough", "designation_fast_track",
                       "designation_rmat_denied"})
# PRIME is granted on early clinical data before the MA application is decided, without an IND.
BEFORE_AUTHORISATION = ANY - ONCE_AUTHORISED
# Renewals: the authorisation goes on, but its current term starts on the renewal, so "since" moves to it.
DESIGNATIONS = frozenset(DESIGNATION_FLAGS)
RENEWALS = frozenset({"provisional_consent_renewed", "cma_renewed", "ma_renewed", "reregistration_approved"})

RULES: tuple[Rule, ...] = (
    # designations and milestones that never change the state
    *(_r(code, ANY, set_flags=[flag]) for code, flag in (
        ("designation_orphan", "orphan"), ("designation_sakigake", "sakigake"),
    )),
    *(_r(code, IND_OPEN, set_flags=[flag]) for code, flag in (
        ("designation_rmat", "rmat"), ("designation_breakthrough", "breakthrough"),
        ("designation_fast_track", "fast_track"),
    )),
    _r("designation_rmat_denied", IND_OPEN),  # a request is made on an IND too
    _r("designation_prime", BEFORE_AUTHORISATION, set_flags=["prime"]),
    _r("designation_withdrawn", ANY),  # ends the flag its ``designation`` attribute names (see _replay)
    *(_r(code, ANY) for code in (
        "agency_feedback", "confirmatory_trial_failed",
        "manufacturing_license_issued", "trial_registered", "trial_started", "trial_completed",
    )),
    # clinical trial applications
    _r("ind_submitted", CT_RESTARTABLE, S.CT_SUBMITTED),
    _r("ind_effective", {S.PLANNED, S.CT_SUBMITTED}, S.CT_AUTHORISED),
    _r("ind_withdrawn", {S.CT_SUBMITTED, S.CT_AUTHORISED, S.CT_ON_HOLD}, S.CT_WITHDRAWN),
    _r("cta_submitted", CT_RESTARTABLE, S.CT_SUBMITTED),
    _r("cta_accepted", CT_RESTARTABLE | {S.CT_SUBMITTED}, S.CT_ACCEPTED),
    _r("cta_implied_permission", {S.CT_ACCEPTED}, S.CT_AUTHORISED),
    _r("cta_approved", {S.PLANNED} | CT_PENDING, S.CT_AUTHORISED),
    _r("cta_not_approved", CT_PENDING, S.CT_REFUSED),
    _r("cta_withdrawn", CT_PENDING, S.CT_WITHDRAWN),
    _r("clinical_hold", CT_PENDING | {S.CT_AUTHORISED}, S.CT_ON_HOLD,
       clear_flags=["hold_response_submitted"]),
    _r("clinical_hold_response_submitted", {S.CT_ON_HOLD}, set_flags=["hold_response_submitted"]),
    _r("clinical_hold_lifted", {S.CT_ON_HOLD}, S.CT_AUTHORISED, clear_flags=["hold_response_submitted"]),
    _r("first_subject_consented", {S.CT_AUTHORISED}, set_flags=["subject_consented"]),
    _r("ct_lapsed", {S.CT_AUTHORISED}, S.CT_LAPSED, unless=["subject_consented"]),
    _r("ct_terminated", {S.CT_AUTHORISED, S.CT_ON_HOLD}, S.CT_TERMINATED),
    # marketing applications
    _r("ma_submitted", MA_RESTARTABLE, S.MA_UNDER_REVIEW, only=FILED_IS_REVIEW),
    _r("ma_submitted", MA_RESTARTABLE, S.MA_SUBMITTED),
    _r("bla_rolling_submission_started", MA_RESTARTABLE, S.MA_SUBMITTED, set_flags=["rolling"]),
    _r("ma_accepted", MA_RESTARTABLE | {S.MA_SUBMITTED}, S.MA_UNDER_REVIEW),
    _r("ma_accepted_priority_review", MA_RESTARTABLE | {S.MA_SUBMITTED}, S.MA_UNDER_REVIEW,
       set_flags=["priority"]),
    _r("designation_priority_review", MA_RESTARTABLE | {S.MA_SUBMITTED}, S.MA_UNDER_REVIEW,
       set_flags=["priority"]),
    _r("designation_priority_review", MA_OPEN, set_flags=["priority"]),
    _r("additional_info_request", MA_OPEN, S.MA_INFO_REQUESTED),
    _r("info_response_submitted", {S.MA_INFO_REQUESTED}, S.MA_UNDER_REVIEW),
    _r("committee_deferred", MA_OPEN, S.MA_COMMITTEE_DEFERRED),
    _r("advisory_committee_positive", MA_OPEN, S.MA_UNDER_REVIEW),
    _r("advisory_committee_positive", LIVE),  # e.g. a committee clearing a partial change
    _r("advisory_committee_negative", MA_OPEN, S.MA_UNDER_REVIEW),
    _r("advisory_committee_negative", LIVE),
    _r("chmp_positive_opinion", MA_OPEN, S.MA_UNDER_REVIEW, set_flags=["opinion_positive"],
       clear_flags=["opinion_negative"]),
    _r("chmp_negative_opinion", MA_OPEN, S.MA_UNDER_REVIEW, set_flags=["opinion_negative"],
       clear_flags=["opinion_positive"]),
    _r("noc_c_qualifying_notice", MA_OPEN, S.MA_UNDER_REVIEW, set_flags=["qualifying_notice"]),
    _r("noc_c_qn_response_submitted", MA_OPEN),
    _r("complete_response_letter", MA_OPEN, S.MA_CRL),
    _r("ma_resubmitted", {S.MA_CRL}, S.MA_UNDER_REVIEW),
    _r("ma_resubmitted", {S.MA_REFUSED, S.MA_WITHDRAWN_BY_APPLICANT}, S.MA_SUBMITTED),
    _r("resubmission_accepted", {S.MA_CRL, S.MA_SUBMITTED, S.MA_UNDER_REVIEW}, S.MA_UNDER_REVIEW),
    _r("ma_refused", MA_OPEN | {S.MA_CRL}, S.MA_REFUSED),
    _r("ma_application_withdrawn", MA_OPEN | {S.MA_CRL}, S.MA_WITHDRAWN_BY_APPLICANT),
    # decisions
    _r("approval_full", DECIDABLE | {S.CONVERSION_PENDING}, S.AUTHORISED_FULL,
       clear_flags=["qualifying_notice", "opinion_positive"]),
    _r("approval_full", {S.AUTHORISED_CONDITIONAL}, S.AUTHORISED_FULL, only=DIRECT_CONVERSION),
    _r("approval_conditional", DECIDABLE, S.AUTHORISED_CONDITIONAL),
    _r("approval_conditional_time_limited", DECIDABLE, S.AUTHORISED_TIME_LIMITED),
    _r("approval_limited", DECIDABLE, S.AUTHORISED_CONDITIONAL),
    _r("noc_c_issued", DECIDABLE, S.AUTHORISED_CONDITIONAL, clear_flags=["qualifying_notice"]),
    _r("provisional_consent", DECIDABLE, S.AUTHORISED_CONDITIONAL),
    # after the decision
    _r("provisional_consent_renewed", {S.AUTHORISED_CONDITIONAL}),
    _r("cma_renewed", {S.AUTHORISED_CONDITIONAL}),
    _r("ma_renewed", {S.AUTHORISED_FULL, S.AUTHORISED_CONDITIONAL}),
    _r("renewal_application_submitted", LIVE),
    _r("reregistration_approved", AUTHORISED),
    _r("conditions_met", {S.AUTHORISED_CONDITIONAL}, S.AUTHORISED_FULL),
    _r("full_approval_application_filed", {S.AUTHORISED_TIME_LIMITED}, S.CONVERSION_PENDING),
    _r("conversion_refused", {S.CONVERSION_PENDING}, S.EXPIRED, only=["JP"]),
    _r("conversion_refused", {S.CONVERSION_PENDING}, S.CANCELLED, only=["KR"]),
    _r("ctl_period_extended", {S.AUTHORISED_TIME_LIMITED, S.CONVERSION_PENDING}),
    _r("partial_change_application_submitted", LIVE),
    _r("partial_change_approved", LIVE, clear_flags=["shipment_restricted"]),
    # Korea: the change application filed with confirmatory data decides the conditional licence
    _r("variation_submitted", {S.AUTHORISED_CONDITIONAL}, S.CONVERSION_PENDING, only=["KR"]),
    _r("variation_submitted", LIVE),
    # Korea: MFDS may keep (or narrow) the conditional licence instead of converting it
    _r("variation_approved", {S.CONVERSION_PENDING}, S.AUTHORISED_CONDITIONAL, only=["KR"]),
    _r("variation_approved", LIVE),
    _r("supplemental_application_submitted", MA_RESTARTABLE, S.MA_UNDER_REVIEW),
    _r("supplemental_application_submitted", LIVE),
    _r("supplemental_application_withdrawn", MA_OPEN, S.MA_WITHDRAWN_BY_APPLICANT),
    _r("supplemental_application_withdrawn", LIVE),
    _r("ma_suspended", AUTHORISED, S.SUSPENDED),
    _r("suspension_lifted", {S.SUSPENDED}, resume=True),
    _r("ma_withdrawn", LIVE, S.WITHDRAWN),
    _r("ma_revoked", LIVE, S.REVOKED),
    _r("certificate_cancelled", LIVE, S.CANCELLED),
    # Once the full-approval application is filed, marketing continues pending the decision (in Japan
    # a time-limited approval filed for full approval within its period stays on sale until then)
    _r("ma_expired", AUTHORISED - {S.CONVERSION_PENDING}, S.EXPIRED),
    _r("ma_lapsed_sunset", AUTHORISED, S.LAPSED_SUNSET),
    _r("marketing_discontinued", ONCE_AUTHORISED, set_flags=["marketing_discontinued"]),
    _r("product_launch", LIVE, set_flags=["marketed"]),
    _r("first_commercial_use", LIVE, set_flags=["marketed"]),
)

# Refusals that deserve their own explanation rather than the generic "not allowed here".
_NEEDS_AUTHORISATION = {"ma_withdrawn", "ma_revoked", "certificate_cancelled", "ma_expired",
                        "ma_suspended", "ma_lapsed_sunset", "marketing_discontinued"}


def _check_rule_table() -> None:
    unknown = {r.event for r in RULES} - set(EVENT_TYPES)
    missing = set(EVENT_TYPES) - {r.event for r in RULES}
    if unknown or missing:  # a programming error, caught by the first test that imports this
        raise AssertionError(f"state machine out of step with the vocabulary: {unknown=} {missing=}")


_check_rule_table()


# (event type, jurisdiction) → its rules, own first.  Replaying a 100,000-event import looks rules up
# once per event; scanning RULES each time was most of the replay's cost, so each pair is worked out
# once (RULES is a constant tuple, so the table never goes stale).
_RULES_BY_PAIR: dict[tuple[str, str], tuple[Rule, ...]] = {}


def _rules(event_type: str, jurisdiction: str) -> tuple[Rule, ...]:
    found = _RULES_BY_PAIR.get((event_type, jurisdiction))
    if found is None:
        own = [r for r in RULES if r.event == event_type and r.only and jurisdiction in r.only]
        generic = [r for r in RULES if r.event == event_type and r.only is None]
        found = _RULES_BY_PAIR[(event_type, jurisdiction)] = (*own, *generic)
    return found


def rules_for(event_type: str, jurisdiction: str) -> list[Rule]:
    """The rules that apply in ``jurisdiction``: its own first, the generic ones after."""
    return list(_rules(event_type, jurisdiction))


def _find_rule(event_type: str, jurisdiction: str, state: State,
               flags: frozenset[str] | set[str] = frozenset()) -> Rule | None:
    for rule in _rules(event_type, jurisdiction):
        if state in rule.after and not (rule.unless_flags & flags):
            return rule
    return None


class Step(NamedTuple):
    """One event of a replay and the states around it.  A named tuple, not a frozen dataclass: a
    portfolio's replay builds one per event (100,000 at start-up), and a tuple is built 3× faster."""

    event: RegulatoryEvent
    before: State
    after: State


@dataclass(frozen=True)
class TrackStatus:
    """What the log says about a track now: its state, when it entered it, and its flags."""

    state: State
    since: PartialDate | None
    flags: frozenset[str]
    steps: tuple[Step, ...] = field(default=())

    def last_event(self, *types: str) -> RegulatoryEvent | None:
        for step in reversed(self.steps):
            if step.event.type in types:
                return step.event
        return None


def ordered(events: Iterable[RegulatoryEvent]) -> list[RegulatoryEvent]:
    return sorted(events, key=lambda e: e.order_key)


def allowed_next(track: Track, state: State, flags: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Event types a user may record next on this track (what the event dialog offers)."""
    out = []
    for code, etype in EVENT_TYPES.items():
        if track.pathway not in etype.pathways or not etype.available_in(track.jurisdiction):
            continue
        if code == "designation_withdrawn" and not flags & DESIGNATIONS:
            continue  # nothing to withdraw
        if code in NEEDS_IND and state in ONCE_AUTHORISED:
            continue  # a development designation: not on an authorised track
        if _find_rule(code, track.jurisdiction, state, flags) is not None:
            out.append(code)
    return out


def check_fits_track(track: Track, event: RegulatoryEvent, lang_field: str = "type") -> None:
    """Refuse an event type that the track's country or pathway does not have."""
    etype = EVENT_TYPES[event.type]
    if not etype.available_in(track.jurisdiction):
        raise TransitionRefused(Problem(lang_field, event.type, "transition.wrong_jurisdiction", {
            "track": track, "event": event.type, "jurisdiction": track.jurisdiction,
            "where": ", ".join(sorted(etype.only or ())), "date": _date_text(event.date),
        }))
    if track.pathway not in etype.pathways:
        raise TransitionRefused(Problem(lang_field, event.type, "transition.wrong_pathway", {
            "track": track, "event": event.type, "pathway": track.pathway, "date": _date_text(event.date),
        }))


def derive(track: Track, events: Sequence[RegulatoryEvent], *, strict: bool = False) -> TrackStatus:
    """Replay the log; raise :class:`TransitionRefused` at the first event that does not fit.

    ``strict`` adds the checks a *change* must pass but a log already stored may predate (a receipt day
    before its resubmission, a renewal after its term ended, a development designation on an authorised
    track): :func:`check_change` and imports apply them; reading a database recorded before they existed
    must still show its states."""
    return _replay(track, events, keep_steps=True, strict=strict)


def check_replays(track: Track, events: Sequence[RegulatoryEvent]) -> None:
    """Raise what :func:`derive` raises for this log, without building its status: an import checks
    100,000 events this way and needs only the verdict."""
    _replay(track, events, keep_steps=False, strict=True)


# (event type, jurisdiction, pathway) combinations check_fits_track has accepted: the answer depends on
# the constant vocabularies only, and a portfolio replay asks it once per event.
_FITS: set[tuple[str, str, str]] = set()


def _replay(track: Track, events: Sequence[RegulatoryEvent], *, keep_steps: bool,
            strict: bool = False) -> TrackStatus:
    state = State.PLANNED
    since: PartialDate | None = None
    flags: set[str] = set()
    resume_to: State | None = None
    steps: list[Step] = []
    log = ordered(actual(events))  # a plan never changes the state
    fits = _FITS
    for index, event in enumerate(log):
        fit = (event.type, track.jurisdiction, track.pathway)
        if fit not in fits:
            check_fits_track(track, event)  # raises for a type the track cannot have
            fits.add(fit)
        rule = _find_rule(event.type, track.jurisdiction, state, flags)
        if rule is None:
            raise _refusal(track, event, state, log[:index], frozenset(flags))
        if event.type == "designation_withdrawn":
            ended = event.attributes.get("designation", "")
            if ended not in flags:
                raise TransitionRefused(Problem("type", event.type, "transition.designation_not_held", {
                    "track": track, "event": event.type, "date": _date_text(event.date),
                    "designation": ended or "—"}))
            flags.discard(ended)
        if strict:
            if event.type in NEEDS_IND and state in ONCE_AUTHORISED:
                raise _refusal(track, event, state, log[:index], frozenset(flags))
            if event.type == "resubmission_accepted" and event.attributes.get("received"):
                _check_received(event, log[:index])
            if (event.type, track.jurisdiction) in RENEWAL_TERMS and event.date is not None:
                check_renewal_in_term(track, event, log[:index])
        before = state
        if rule.resume:
            state = resume_to or State.AUTHORISED_FULL
        elif rule.to is not None:
            if rule.to is State.SUSPENDED:
                resume_to = state
            state = rule.to
        if state != before or (event.type in RENEWALS and state in AUTHORISED):
            since = event.date
        flags |= rule.set_flags
        flags -= rule.clear_flags
        if event.type == "approval_conditional_time_limited" and event.attributes.get(
                "shipment_restricted") == "true":
            flags.add("shipment_restricted")
        if event.type == "cta_accepted" and event.attributes.get("pilot") == "true":
            flags.add("pilot")
        if event.type == "ma_accepted" and event.attributes.get("review") == "priority":
            flags.add("priority")
        if keep_steps:
            steps.append(Step(event, before, state))
    return TrackStatus(state, since, frozenset(flags), tuple(steps))


# What a resubmission's receipt answers, latest first: the resubmission itself when recorded, else the
# complete response letter it replies to, else the original submission.
_RECEIPT_AFTER = ("ma_resubmitted", "complete_response_letter", "ma_submitted")


def _check_received(event: RegulatoryEvent, earlier: Sequence[RegulatoryEvent]) -> None:
    """Refuse a receipt day surely before the (re)submission it acknowledges: the agency cannot receive a
    resubmission before it was sent, and the goal counted from such a day would lie in the past."""
    received = PartialDate.parse(event.attributes["received"], field="attributes.received")
    for kind in _RECEIPT_AFTER:
        prior = next((e for e in reversed(earlier) if e.type == kind and e.date is not None), None)
        if prior is not None:
            assert prior.date is not None
            if received.surely_before(prior.date):
                raise InvalidInput(Problem("attributes.received", received.iso(), "attribute.received_before", {
                    "previous": prior.type, "previous_date": prior.date.display()}))
            return


# The term a renewal continues, and whether a renewal applied for within the term keeps the authorisation
# valid until the agency decides.  NZ: s.23(4A) renews a consent in force; a lapsed consent can only be
# followed by a new consent.  EU: a conditional MA (Reg. 507/2006 Art. 6) and a five-year MA (Reg. 726/2004
# Art. 14) stay valid until the Commission decides on a renewal applied for in time.  CN: a certificate whose
# re-registration was applied for before expiry stays valid until NMPA decides; one with no application is
# cancelled (注销) at expiry.
RENEWAL_TERMS: dict[tuple[str, str], tuple[str, bool]] = {
    ("provisional_consent_renewed", "NZ"): ("nz-provisional-consent-expiry", False),
    ("cma_renewed", "EU"): ("eu-cma-expiry", True),
    ("ma_renewed", "EU"): ("eu-ma-expiry", True),
    ("reregistration_approved", "CN"): ("cn-certificate-expiry", True),
    # JP: the full-approval application keeps a conditional and time-limited approval on sale only when
    # filed within the time limit (PMD Act Art. 23-26); filed after it, the approval had already ended.
    ("full_approval_application_filed", "JP"): ("jp-ctl-expiry", False),
    ("ctl_period_extended", "JP"): ("jp-ctl-expiry", False),  # an approval no longer in force is not extended
    # EU: a conditional MA is replaced by one without specific obligations only while it is in force
    # (Reg. 507/2006 Art. 5-7), which includes a renewal applied for in time and not yet decided.
    ("conditions_met", "EU"): ("eu-cma-expiry", True),
}
# The refusal for an event of RENEWAL_TERMS dated after the term it would continue, where it is not a renewal.
_AFTER_TERM_CODES = {"full_approval_application_filed": "transition.conversion_after_term",
                     "ctl_period_extended": "transition.conversion_after_term",
                     "conditions_met": "transition.conditions_after_term"}


# Refusals that say what is wrong with the event's own date, attribute or track: no "record it later" hint.
DATED_REFUSALS = frozenset({"transition.renewal_after_term", "transition.renewal_after_term_no_application",
                            "transition.designation_not_held", "transition.designation_after_approval",
                            "transition.conversion_after_term", "transition.conditions_after_term"})


def check_renewal_in_term(track: Track, event: RegulatoryEvent, earlier: Sequence[RegulatoryEvent]) -> None:
    """Refuse a renewal dated surely after the term it would renew ended, where the law does not allow it."""
    term = RENEWAL_TERMS.get((event.type, track.jurisdiction))
    if term is None or event.date is None:
        return
    from mscreg.domain.clocks import Status, evaluate, get_rule, renewal_applied_in_time

    rule_id, pending_allowed = term
    clock = evaluate(get_rule(rule_id), track, earlier, event.date.earliest)
    if clock is None or clock.status is not Status.OVERDUE:
        return
    if pending_allowed and renewal_applied_in_time(clock, earlier):
        return
    params = {"track": track, "event": event.type, "date": _date_text(event.date), "due": clock.due.display(),
              "basis": clock.rule.basis, "jurisdiction": track.jurisdiction}
    if event.type in _AFTER_TERM_CODES:
        code = _AFTER_TERM_CODES[event.type]
    else:
        code = "transition.renewal_after_term_no_application" if pending_allowed else "transition.renewal_after_term"
    raise TransitionRefused(Problem("type", event.type, code, params))


def _date_text(date: PartialDate | None) -> str:
    return date.display() if date is not None else NoDate("no date")


def _refusal(track: Track, event: RegulatoryEvent, state: State,
             earlier: list[RegulatoryEvent], flags: frozenset[str] = frozenset()) -> TransitionRefused:
    params = {
        "track": track,
        "event": event.type,
        "date": _date_text(event.date),
        "state": state,
        "jurisdiction": track.jurisdiction,
        "allowed": allowed_next(track, state, flags),
    }
    if event.type in _NEEDS_AUTHORISATION and state not in AUTHORISED | {State.SUSPENDED}:
        code = "transition.never_authorised"
    elif event.type in NEEDS_IND | {"designation_prime"} and state in ONCE_AUTHORISED:
        code = "transition.designation_after_approval"
    elif event.type in NEEDS_IND:
        # the IND is the US instrument; elsewhere the designation rests on the country's trial application
        code = "transition.needs_ind" if track.jurisdiction == "US" else "transition.needs_cta"
    elif event.type == "cta_implied_permission" and state is not State.CT_ACCEPTED:
        code = "transition.implied_without_acceptance"
    elif (deemed := _deemed_unrecorded(track, event, state, earlier, flags)) is not None:
        code = "transition.deemed_not_recorded"
        params.update(deemed)
    else:
        code = "transition.not_allowed"
    if earlier:
        params["previous"] = earlier[-1].type
        params["previous_date"] = _date_text(earlier[-1].date)
    return TransitionRefused(Problem("type", event.type, code, params))


def _deemed_unrecorded(track: Track, event: RegulatoryEvent, state: State, earlier: list[RegulatoryEvent],
                       flags: frozenset[str]) -> dict[str, object] | None:
    """When ``event`` needs the trial application in effect and the law put it in effect before the event's
    date (an IND 30 days after receipt, China's implied permission) without that being recorded: what to
    record first.  The state shown as of a day says "in effect" there, so a bare "not allowed" would
    contradict it."""
    if state not in CT_PENDING or event.date is None or \
            _find_rule(event.type, track.jurisdiction, State.CT_AUTHORISED, flags) is None:
        return None
    from mscreg.domain.china_calendar import default_calendar
    from mscreg.domain.clocks import deemed_clock, deemed_date

    clock = deemed_clock(track, earlier, event.date.earliest, default_calendar())
    if clock is None or clock.rule.deems is None:
        return None
    return {"due": deemed_date(clock.due).display(), "basis": clock.rule.basis, "deemed": clock.rule.deems}


def check_change(track: Track, proposed: Sequence[RegulatoryEvent], changed: RegulatoryEvent | None,
                 action: str = "add") -> TrackStatus:
    """Validate a change to a track's log (an added, edited or deleted event).

    The whole proposed log must replay.  When it does not, the message names the event that broke:
    either the changed event itself (with a hint when it would fit later in time), or a later event
    that the change made impossible.
    """
    if changed is not None and action != "delete":
        check_fits_track(track, changed)  # a wrong country or pathway is that, whatever the date
    try:
        return derive(track, proposed, strict=True)
    except TransitionRefused as refused:
        problem = refused.problems[0]
        if problem.code in ("transition.wrong_jurisdiction", "transition.wrong_pathway") or \
                problem.code in DATED_REFUSALS:
            raise
        broken_type = problem.value
        if action != "delete" and changed is not None and broken_type == changed.type \
                and problem.params.get("date") == _date_text(changed.date):
            # Would it fit after everything else?  Then the date is the problem, not the type.
            others = [e for e in proposed if e is not changed]
            try:
                final = derive(track, others, strict=True) if others else None
            except TransitionRefused:
                final = None
            if changed.date is not None and final is not None and \
                    _find_rule(changed.type, track.jurisdiction, final.state, final.flags):
                enabling = next(step.event for step in final.steps
                                if _find_rule(changed.type, track.jurisdiction, step.after))
                raise TransitionRefused(Problem("date", changed.date.display(), "transition.order", {
                    **problem.params,
                    "after_event": enabling.type,
                    "after_date": _date_text(enabling.date),
                })) from None
            raise
        if changed is not None:
            raise TransitionRefused(Problem(problem.field, problem.value, "transition.breaks_later", {
                **problem.params, "changed": changed.type, "action": action,
                "changed_date": _date_text(changed.date),
            })) from None
        raise

