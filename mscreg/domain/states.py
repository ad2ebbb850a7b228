"""Track states; their names in English and Chinese are in the text catalogue.

The state codes are generic so that one timeline, one filter and one report work for every country;
the *names* are per jurisdiction where the law has its own word (a Canadian NOC/c, a New Zealand
provisional consent and a Chinese 附条件批准 are all ``AUTHORISED_CONDITIONAL``).
"""

from __future__ import annotations

from enum import StrEnum

from mscreg.domain.messages import text


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

# Where a country has its own word for a generic state: its text is ``state.<STATE>.<country>``.
_LOCAL_NAMES: frozenset[tuple[str, State]] = frozenset({
    ("US", State.CT_SUBMITTED),
    ("US", State.CT_AUTHORISED),
    ("US", State.CT_WITHDRAWN),
    ("CN", State.CT_ACCEPTED),
    ("CN", State.CT_AUTHORISED),
    ("CN", State.CT_ON_HOLD),
    ("CA", State.AUTHORISED_CONDITIONAL),
    ("NZ", State.AUTHORISED_CONDITIONAL),
    ("IN", State.AUTHORISED_CONDITIONAL),
    ("EU", State.AUTHORISED_CONDITIONAL),
    ("EU", State.AUTHORISED_FULL),
    ("KR", State.CONVERSION_PENDING),
    ("JP", State.AUTHORISED_FULL),
    ("CN", State.CANCELLED),
})


def state_name(state: State | str, jurisdiction: str = "", lang: str = "en") -> str:
    """The state's name in ``lang``, using the country's own word where it has one."""
    s = State(state)
    if (jurisdiction, s) in _LOCAL_NAMES:
        return text(f"state.{s.value}.{jurisdiction}", lang)
    return text(f"state.{s.value}", lang)
