"""Clinical-trial registrations: a trial as a registry lists it, kept apart from the regulatory log.

A registration is what a competitor intelligence team reads on ClinicalTrials.gov or the China platform:
who runs the trial, in which phase, where, and when it started or is planned to finish.  It is not an
event of a track: a track's state comes from the agency's decisions, a registration from what the sponsor
tells a registry, and the two disagree often enough (a trial registered before its IND, a completed trial
whose IND is still open) that deriving one from the other would hide facts.  A registration may point at
the product and at the clinical track (IND/CTA) it runs under.

Every registry has its own identifier format; a malformed identifier is refused here, whichever way it
comes in (dialog, command line, import), because a trial is matched again by (registry, identifier) and a
typo would make a second record of the same trial.

Dates keep their precision (ClinicalTrials.gov gives "2024-05" for most start dates) and say whether they
happened or are planned: the registry's "estimated" date is a plan, and a timeline outlines it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from mscreg.domain.errors import invalid
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import MAX_NAME, MAX_TEXT, clean_text, normalise_name


class Registry(StrEnum):
    CTGOV = "ctgov"  # ClinicalTrials.gov (US National Library of Medicine)
    CHICTR = "chictr"  # Chinese Clinical Trial Registry
    CN_CTR = "cn_ctr"  # China's drug-trial registration and publicity platform (CDE), CTR numbers
    JRCT = "jrct"  # Japan Registry of Clinical Trials
    EU_CT = "eu_ct"  # EU Clinical Trials Information System (CTIS)
    CRIS = "cris"  # Clinical Research Information Service (Korea)
    CTRI = "ctri"  # Clinical Trials Registry - India
    IRCT = "irct"  # Iranian Registry of Clinical Trials
    ANZCTR = "anzctr"  # Australian New Zealand Clinical Trials Registry
    OTHER = "other"


@dataclass(frozen=True)
class IdFormat:
    pattern: re.Pattern[str]
    example: str  # shown in the refusal, so the user sees the shape the registry uses


# The identifier each registry issues.  What the formats rest on (a registry's own documentation where it
# was at hand; otherwise the identifiers as journals and registries print them, marked "as printed"):
# - ClinicalTrials.gov: "NCT" followed by an 8-digit number (ClinicalTrials.gov, "How to Read a Study
#   Record", ClinicalTrials.gov Identifier).
# - ChiCTR: since 2016 "ChiCTR" + 10 digits (ChiCTR2000012345: year and serial); before that
#   "ChiCTR-TRC-xxxxxxxx" where the middle code names the design (TRC therapy RCT, DT diagnostic test,
#   TNC, TNRC, PRC, IOR ...) and x are digits (WHO ICTRP registry profile of ChiCTR, "Registration Number
#   format").
# - China drug-trial platform (CDE): "CTR" + 8 digits, the year then a serial (CTR20240123), as printed.
# - jRCT: "jRCT" + 10 digits (jRCT2031210123), or "jRCTs"/"jRCTb" + 9 digits for trials under the
#   Clinical Trials Act and its specified trials (jRCTs031180001), as printed.
# - EU CT (CTIS): "YYYY-5NNNNN-NN-NN" (2023-500000-00-00), as printed; the EudraCT number it replaces, "YYYY-NNNNNN-CC"
#   (year, 6-digit serial, check digits; EMA EudraCT help, "EudraCT number"), is still how transitioned
#   trials are cited, so it is accepted under this registry too.
# - CRIS: "KCT" + 7 digits (KCT0001234), as printed.
# - CTRI: "CTRI/YYYY/MM/NNNNNN" (CTRI/2020/01/012345); trials registered before 2011 carry a 3-digit
#   middle part (CTRI/2009/091/000123), as printed.
# - IRCT: "IRCT" + digits, with an "N" and the record's serial since 2011 (IRCT20180101038116N1), as printed.
# - ANZCTR: "ACTRN" + 14 digits, often printed with a space after ACTRN (CONSORT/SPIRIT item 4 example
#   "ACTRN 12622000949785"); the space is dropped.
ID_FORMATS: dict[Registry, IdFormat] = {
    Registry.CTGOV: IdFormat(re.compile(r"NCT\d{8}"), "NCT01234567"),
    Registry.CHICTR: IdFormat(re.compile(r"ChiCTR(?:\d{10}|-[A-Z]{2,5}-\d{8})"), "ChiCTR2000012345"),
    Registry.CN_CTR: IdFormat(re.compile(r"CTR\d{8}"), "CTR20240123"),
    Registry.JRCT: IdFormat(re.compile(r"jRCT(?:\d{10}|[a-z]\d{9})"), "jRCT2031210123"),
    Registry.EU_CT: IdFormat(re.compile(r"\d{4}-5\d{5}-\d{2}-\d{2}|\d{4}-\d{6}-\d{2}"), "2023-500000-00-00"),
    Registry.CRIS: IdFormat(re.compile(r"KCT\d{7}"), "KCT0001234"),
    Registry.CTRI: IdFormat(re.compile(r"CTRI/\d{4}/\d{2,3}/\d{6}"), "CTRI/2020/01/012345"),
    Registry.IRCT: IdFormat(re.compile(r"IRCT\d{6,16}(?:N\d{1,3})?"), "IRCT20180101038116N1"),
    Registry.ANZCTR: IdFormat(re.compile(r"ACTRN\d{14}"), "ACTRN12622000949785"),
}
# Prefixes written in other letter cases by hand ("nct01234567", "CHICTR2000012345"): folded to the
# registry's own spelling before the check, so the same trial is never recorded twice.
_PREFIXES = {Registry.CTGOV: "NCT", Registry.CHICTR: "ChiCTR", Registry.CN_CTR: "CTR", Registry.JRCT: "jRCT",
             Registry.CRIS: "KCT", Registry.CTRI: "CTRI", Registry.IRCT: "IRCT", Registry.ANZCTR: "ACTRN"}
MAX_ID = 60
MAX_LIST = 500  # conditions, countries, interventions of one trial: ClinicalTrials.gov's largest run to ~200
MAX_ENROLMENT = 100_000_000


def registry_id(registry: Registry, text: object, *, field: str = "registry_id") -> str:
    """``text`` as the registry writes it, or a refusal naming the registry's format."""
    raw = "" if text is None else str(text)
    value = normalise_name(raw)
    if not value:
        raise invalid(field, raw, "text.empty")
    if len(value) > MAX_ID:
        raise invalid(field, value[:40] + "…", "text.too_long", limit=MAX_ID, length=len(value))
    if registry is Registry.OTHER:
        if any(c.isspace() for c in value) or "\x00" in value:
            raise invalid(field, value, "trial.id_other")
        return value
    if registry is Registry.ANZCTR:
        value = re.sub(r"(?i)^ACTRN\s+", "ACTRN", value)
    prefix = _PREFIXES.get(registry)
    if prefix and value[:len(prefix)].casefold() == prefix.casefold():
        value = prefix + value[len(prefix):]
    fmt = ID_FORMATS[registry]
    if not fmt.pattern.fullmatch(value):
        raise invalid(field, value, "trial.id_format", name=registry_name(registry), expected=fmt.example)
    return value


def registry_name(registry: Registry, lang: str = "en") -> str:
    """The registry's name in ``lang``: its own name (a proper name) in English; in Chinese the name
    Chinese users know it by, the acronym kept where it is how the registry is cited."""
    from mscreg.domain.messages import text

    return text(f"registry.{registry.value}", lang)


class Phase(StrEnum):
    """ClinicalTrials.gov's phase codes; a trial holds a set of them (PHASE1 + PHASE2 is a phase 1/2)."""

    EARLY_PHASE1 = "EARLY_PHASE1"
    PHASE1 = "PHASE1"
    PHASE2 = "PHASE2"
    PHASE3 = "PHASE3"
    PHASE4 = "PHASE4"
    NA = "NA"  # not applicable: a device or behavioural study, or an observational one


PHASE_ORDER = {p: i for i, p in enumerate(Phase)}


def phase_key(phases: frozenset[Phase]) -> str:
    """One text per combination, in phase order ("PHASE1+PHASE2"; "" when no phase is stated): the
    row key of a count by phase, and the key published tables are written with."""
    key = _PHASE_KEYS.get(phases)
    if key is None:
        key = "+".join(str(p.value) for p in sorted(phases, key=PHASE_ORDER.__getitem__))
        if len(_PHASE_KEYS) < 64:  # there are 63 combinations of 6 phases
            _PHASE_KEYS[frozenset(phases)] = key
    return key


_PHASE_KEYS: dict[frozenset[Phase], str] = {}


class OverallStatus(StrEnum):
    """ClinicalTrials.gov's overall status vocabulary (API v2 ``overallStatus``), used for every registry
    so counts across registries compare; other registries' statuses are mapped onto it on import."""

    NOT_YET_RECRUITING = "NOT_YET_RECRUITING"
    RECRUITING = "RECRUITING"
    ENROLLING_BY_INVITATION = "ENROLLING_BY_INVITATION"
    ACTIVE_NOT_RECRUITING = "ACTIVE_NOT_RECRUITING"
    SUSPENDED = "SUSPENDED"
    TERMINATED = "TERMINATED"
    COMPLETED = "COMPLETED"
    WITHDRAWN = "WITHDRAWN"
    UNKNOWN = "UNKNOWN"
    AVAILABLE = "AVAILABLE"
    NO_LONGER_AVAILABLE = "NO_LONGER_AVAILABLE"
    TEMPORARILY_NOT_AVAILABLE = "TEMPORARILY_NOT_AVAILABLE"
    APPROVED_FOR_MARKETING = "APPROVED_FOR_MARKETING"
    WITHHELD = "WITHHELD"


class DateKind(StrEnum):
    ACTUAL = "actual"
    ESTIMATED = "estimated"  # planned: the registry's "anticipated"/"estimated" date
    NOT_STATED = "not_stated"  # the source gives the date but not whether it happened (the CSV download)


@dataclass(frozen=True)
class TrialDate:
    date: PartialDate
    kind: DateKind = DateKind.NOT_STATED

    @property
    def planned(self) -> bool:
        return self.kind is DateKind.ESTIMATED

    def iso(self) -> str:
        return self.date.iso()


class EnrolmentKind(StrEnum):
    ACTUAL = "actual"
    ANTICIPATED = "anticipated"  # ClinicalTrials.gov's ESTIMATED enrolment
    NOT_STATED = "not_stated"


@dataclass(frozen=True)
class Enrolment:
    count: int
    kind: EnrolmentKind = EnrolmentKind.NOT_STATED

    def __post_init__(self) -> None:
        # ``type(...) is int``: True is an int to Python, and no enrolment.
        if type(self.count) is not int or not 0 <= self.count <= MAX_ENROLMENT:
            raise invalid("enrolment", self.count, "trial.enrolment_range", max=MAX_ENROLMENT)


# The fields a registration is compared by when a file is imported again (the plan's field-level
# changes), in the order a report lists them.  ``id``, ``version``, the links and the sources are the
# user's, never a registry's.
REGISTRY_FIELDS = ("title", "title_zh", "official_title", "acronym", "organization", "phases", "status",
                   "first_submitted", "start_date", "primary_completion", "completion", "enrolment",
                   "lead_sponsor", "countries", "conditions", "interventions", "results_posted")


def _texts(field: str, values: object, limit: int = MAX_NAME) -> tuple[str, ...]:
    if isinstance(values, str):
        raise invalid(field, values, "trial.not_list")
    items = tuple(values) if isinstance(values, (tuple, list, frozenset, set)) else None
    if items is None:
        raise invalid(field, values, "trial.not_list")
    if len(items) > MAX_LIST:
        raise invalid(field, str(len(items)), "trial.list_too_long", limit=MAX_LIST)
    cleaned = (clean_text(field, v, required=True, limit=limit) for v in items)
    return tuple(dict.fromkeys(cleaned))


@dataclass(frozen=True)
class TrialRegistration:
    """One trial in one registry, as a value (never a live row).  Built through the constructor, which
    checks and normalises every field, so an invalid registration cannot exist."""

    registry: Registry
    registry_id: str
    title: str
    id: int | None = None
    title_zh: str = ""
    official_title: str = ""
    acronym: str = ""
    organization: str = ""
    phases: frozenset[Phase] = frozenset()
    status: OverallStatus | None = None
    first_submitted: TrialDate | None = None
    start_date: TrialDate | None = None
    primary_completion: TrialDate | None = None
    completion: TrialDate | None = None
    enrolment: Enrolment | None = None
    lead_sponsor: str = ""
    countries: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    interventions: tuple[str, ...] = ()
    results_posted: bool = False
    product_id: int | None = None
    track_id: int | None = None
    sources: tuple[str, ...] = ()
    version: int = 1
    # Derived in __post_init__ as plain text (counting 10,000 trials reads them on every trial, and an
    # enum's value is a property): the phase key ("PHASE1+PHASE2", "" when none) and the status code ("" when
    # none).  Not compared, hashed or passed: equality is the fields above, and a codec stores neither.
    phase_key: str = field(init=False, compare=False, hash=False, repr=False, default="")
    status_code: str = field(init=False, compare=False, hash=False, repr=False, default="")

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        try:
            registry = Registry(self.registry)
        except ValueError:
            raise invalid("registry", self.registry, "choice.unknown",
                          valid=", ".join(r.value for r in Registry)) from None
        set_(self, "registry", registry)
        set_(self, "registry_id", registry_id(registry, self.registry_id))
        set_(self, "title", clean_text("title", self.title, required=True, limit=MAX_TEXT))
        for name in ("title_zh", "official_title"):
            set_(self, name, clean_text(name, getattr(self, name), limit=MAX_TEXT))
        for name in ("acronym", "organization", "lead_sponsor"):
            set_(self, name, clean_text(name, getattr(self, name), limit=MAX_NAME))
        phases = self.phases
        if isinstance(phases, str) or not isinstance(phases, (frozenset, set, tuple, list)):
            raise invalid("phases", phases, "trial.not_list")
        try:
            set_(self, "phases", frozenset(Phase(p) for p in phases))
        except ValueError:
            raise invalid("phases", ", ".join(map(str, phases)), "choice.unknown",
                          valid=", ".join(p.value for p in Phase)) from None
        if Phase.NA in self.phases and len(self.phases) > 1:
            raise invalid("phases", phase_key(self.phases), "trial.phase_na_mixed")
        if self.status is not None:
            try:
                set_(self, "status", OverallStatus(self.status))
            except ValueError:
                raise invalid("status", self.status, "choice.unknown",
                              valid=", ".join(s.value for s in OverallStatus)) from None
        for name in ("first_submitted", "start_date", "primary_completion", "completion"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, TrialDate):
                raise invalid(name, value, "trial.not_date")
        if self.enrolment is not None and not isinstance(self.enrolment, Enrolment):
            raise invalid("enrolment", self.enrolment, "trial.enrolment_range", max=MAX_ENROLMENT)
        set_(self, "countries", _texts("countries", self.countries))
        set_(self, "conditions", _texts("conditions", self.conditions, MAX_TEXT))
        set_(self, "interventions", _texts("interventions", self.interventions, MAX_TEXT))
        set_(self, "sources", _texts("sources", self.sources, MAX_TEXT))
        if not isinstance(self.results_posted, bool):
            raise invalid("results_posted", self.results_posted, "trial.not_flag")
        set_(self, "phase_key", phase_key(self.phases))
        set_(self, "status_code", str(self.status.value) if self.status is not None else "")

    @property
    def key(self) -> tuple[Registry, str]:
        """The natural key: a trial is the same trial when its registry and identifier are."""
        return (self.registry, self.registry_id)


    @property
    def registration_year(self) -> int | None:
        return self.first_submitted.date.year if self.first_submitted else None
