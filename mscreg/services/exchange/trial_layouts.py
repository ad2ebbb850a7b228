"""Where each field of a trial registration is found in the files registries let users download: one
table per layout, all in this module, so a registry is added by writing its table (and converters for
any vocabulary of its own), not by writing a reader.

A rule names the registration field, where it sits in the file (a JSON path, with ``[]`` for "each item
of this list", or a CSV column), and the converter that turns what is there into the field's value.  The
converters raise :class:`Wrong` with what was expected; the reader adds the study and the place.

Layouts and what they rest on:

``ctgov_json`` -- ClinicalTrials.gov API v2 study records (``GET /api/v2/studies/{nctId}`` returns one
study object; ``GET /api/v2/studies`` and the website's JSON download return ``{"studies": [...]}``).
Fields from the API's study data structure: ``protocolSection.identificationModule`` (nctId, briefTitle,
officialTitle, acronym, organization.fullName), ``statusModule`` (overallStatus, studyFirstSubmitDate as
"YYYY-MM-DD", and startDateStruct, primaryCompletionDateStruct, completionDateStruct as ``{"date":
"YYYY-MM" or "YYYY-MM-DD", "type": "ACTUAL" | "ESTIMATED"}``), ``designModule`` (phases: EARLY_PHASE1,
PHASE1 ... PHASE4, NA; enrollmentInfo ``{"count": n, "type": "ACTUAL" | "ESTIMATED"}``),
``sponsorCollaboratorsModule.leadSponsor.name``, ``conditionsModule.conditions``,
``armsInterventionsModule.interventions[]`` (``{"type": "BIOLOGICAL", "name": ...}``),
``contactsLocationsModule.locations[].country``, and ``hasResults`` at the top of the study.

``ctgov_csv`` -- the website's "Download" as CSV: one row per study, columns named for people ("NCT
Number", "Study Title", "Acronym", "Study Status", "Study Results", "Conditions", "Interventions",
"Sponsor", "Phases", "Enrollment", "Start Date", "Primary Completion Date", "Completion Date",
"Locations", ...).  Lists are joined with "|" ("PHASE1|PHASE2"; "BIOLOGICAL: hUC-MSC|OTHER: Placebo"),
codes are the API's ("RECRUITING"), a location is "Facility, City, State, Zip, Country".  The CSV says
neither whether a date is actual or estimated nor whether the enrolment is actual, and it has no
submission date ("First Posted" is a different day): those fields are left as "not stated" or out.

``cn_ctr_list`` -- the list exported from China's drug-trial registration and publicity platform
(药物临床试验登记与信息公示平台, CDE), as mscreg assumes it (there is no published specification; the
columns are the platform's search-result headings): 登记号 (CTR number), 试验状态 (status, sometimes
prefixed 进行中), 药物名称 (drug), 适应症 (indication), 试验通俗题目 (public title), 试验专业题目
(scientific title), 申请人名称 (applicant, the sponsor), 首次公示信息日期 (first publication, YYYY-MM-DD),
试验分期 (phase: I期, II期, III期, IV期, I/II期 ..., 其它).  Its statuses map onto ClinicalTrials.gov's:
尚未招募 not yet recruiting, 招募中 recruiting, 招募完成 active and not recruiting (recruitment completed),
已完成 completed, 主动暂停 suspended, 主动终止 terminated.  The Chinese words here are the platform's own
headings and values, matched against files and never shown as mscreg's text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from mscreg.domain.partial_date import PartialDate
from mscreg.domain.trial import (
    DateKind,
    Enrolment,
    EnrolmentKind,
    OverallStatus,
    Phase,
    Registry,
    TrialDate,
)


class Wrong(ValueError):
    """A value of the wrong shape.  ``kind`` names what the rule wanted (message ``trials.wrong_<kind>``)
    and ``valid`` lists the file's own vocabulary where there is one (codes, the same in both languages)."""

    KINDS = ("text", "texts", "date", "date_struct", "choice", "choices", "count", "enrolment_struct", "flag",
             "interventions", "locations", "list", "object")

    def __init__(self, kind: str, valid: str = "") -> None:
        assert kind in self.KINDS, kind
        super().__init__(kind)
        self.kind = kind
        self.valid = valid


Converter = Callable[[Any], Any]


@dataclass(frozen=True)
class Rule:
    field: str  # a TrialRegistration field
    source: tuple[str, ...]  # JSON path (``[]`` steps into each item of a list) or (column,)
    read: Converter
    # The part of the path whose presence means "the file gives this field": a whole module in a JSON
    # study (a module present without the leaf means the registry holds no value); the column in a CSV.
    scope: int = 2
    label: str = dataclass_field(init=False, default="")  # the source as a report names it

    def __post_init__(self) -> None:
        object.__setattr__(self, "label", ".".join(s for s in self.source if s != "[]"))


@dataclass(frozen=True)
class Layout:
    name: str
    registry: Registry
    container: str  # "json" or "csv"
    id_source: tuple[str, ...]
    rules: tuple[Rule, ...]

    def columns(self) -> tuple[str, ...]:
        return tuple(r.source[0] for r in self.rules) if self.container == "csv" else ()


# ----- converters ------------------------------------------------------------------------------------
def text(value: Any) -> str:
    if value is None:
        return ""
    if value.__class__ is not str:
        raise Wrong("text")
    return str(value)


def texts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or any(v.__class__ is not str for v in value):
        raise Wrong("texts")
    return tuple(v for v in value if v.strip())


def _date(value: Any) -> PartialDate:
    if value.__class__ is not str:
        raise Wrong("date")
    return PartialDate.parse(value)  # refuses with the date's own message


def day_actual(value: Any) -> TrialDate | None:
    """A date the registry records when it happens (submission): actual by its nature."""
    return None if value is None else TrialDate(_date(value), DateKind.ACTUAL)


_DATE_TYPES = {"ACTUAL": DateKind.ACTUAL, "ESTIMATED": DateKind.ESTIMATED, "ANTICIPATED": DateKind.ESTIMATED}


def date_struct(value: Any) -> TrialDate | None:
    if value is None:
        return None
    if not isinstance(value, dict) or "date" not in value:
        raise Wrong("date_struct")
    kind = value.get("type")
    if kind is None:
        return TrialDate(_date(value["date"]), DateKind.NOT_STATED)
    if kind not in _DATE_TYPES:
        raise Wrong("choice", "ACTUAL, ESTIMATED")
    return TrialDate(_date(value["date"]), _DATE_TYPES[kind])


def date_unstated(value: Any) -> TrialDate | None:
    if value is None or (value.__class__ is str and not value.strip()):
        return None
    return TrialDate(_date(str(value).strip()), DateKind.NOT_STATED)


def day_actual_text(value: Any) -> TrialDate | None:
    if value is None or (value.__class__ is str and not value.strip()):
        return None
    return TrialDate(_date(str(value).strip()), DateKind.ACTUAL)


def phases(value: Any) -> frozenset[Phase]:
    if value is None:
        return frozenset()
    if not isinstance(value, list) or any(v not in Phase.__members__ for v in value):
        raise Wrong("choices", ", ".join(Phase))
    return frozenset(Phase(v) for v in value)


def status(value: Any) -> OverallStatus | None:
    if value is None or value == "":
        return None
    if value not in OverallStatus.__members__:
        raise Wrong("choice", ", ".join(OverallStatus))
    return OverallStatus(value)


_ENROLMENT_TYPES = {"ACTUAL": EnrolmentKind.ACTUAL, "ESTIMATED": EnrolmentKind.ANTICIPATED,
                    "ANTICIPATED": EnrolmentKind.ANTICIPATED}


def _count(value: Any) -> int:
    if type(value) is not int or not 0 <= value <= 100_000_000:
        raise Wrong("count")
    return value


def enrolment(value: Any) -> Enrolment | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise Wrong("enrolment_struct")
    if value.get("count") is None:
        return None
    kind = value.get("type")
    if kind is not None and kind not in _ENROLMENT_TYPES:
        raise Wrong("choice", "ACTUAL, ESTIMATED")
    return Enrolment(_count(value["count"]), _ENROLMENT_TYPES[kind] if kind else EnrolmentKind.NOT_STATED)


def flag(value: Any) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise Wrong("flag")
    return value


def interventions(value: Any) -> tuple[str, ...]:
    """"BIOLOGICAL: name", the form the CSV download writes, so both files give the same value."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise Wrong("interventions")
    out = []
    for item in value:
        if not isinstance(item, dict) or item.get("name").__class__ is not str:
            raise Wrong("interventions")
        kind = item.get("type")
        if kind is not None and kind.__class__ is not str:
            raise Wrong("interventions")
        out.append(f"{kind}: {item['name']}" if kind else item["name"])
    return tuple(out)


def countries(value: Any) -> tuple[str, ...]:
    """The distinct countries of the trial's sites, in the order the registry lists them."""
    if value is None:
        return ()
    if not isinstance(value, list) or any(v is not None and v.__class__ is not str for v in value):
        raise Wrong("locations")
    return tuple(dict.fromkeys(v.strip() for v in value if v and v.strip()))


# CSV cells are text: lists joined with "|".
def cell_list(value: Any) -> tuple[str, ...]:
    return tuple(v.strip() for v in text(value).split("|") if v.strip())


def cell_phases(value: Any) -> frozenset[Phase]:
    return phases(list(cell_list(value)))


def cell_status(value: Any) -> OverallStatus | None:
    return status(text(value).strip())


def cell_enrolment(value: Any) -> Enrolment | None:
    raw = text(value).strip()
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        raise Wrong("count")
    return Enrolment(int(raw), EnrolmentKind.NOT_STATED)


def cell_flag(value: Any) -> bool:
    raw = text(value).strip().upper()
    if raw not in ("YES", "NO", ""):
        raise Wrong("choice", "YES, NO")
    return raw == "YES"


def _site_country(site: str) -> str:
    """The country of "Facility, City, State, Zip, Country".  ClinicalTrials.gov's country names that hold
    a comma ("Korea, Republic of", "Iran, Islamic Republic of", "Congo, The Democratic Republic of the",
    "Virgin Islands, U.S.") end in a form no other last part has, so those take the part before too."""
    parts = [p.strip() for p in site.split(",")]
    last = parts[-1]
    if len(parts) > 1 and (last.endswith((" of", " of the")) or last in ("U.S.", "British")):
        return f"{parts[-2]}, {last}"
    return last


def cell_countries(value: Any) -> tuple[str, ...]:
    """"Facility, City, State, Zip, Country|..." -> the distinct countries, in order."""
    return tuple(dict.fromkeys(c for c in (_site_country(site) for site in cell_list(value)) if c))


_CN_STATUS = {"尚未招募": OverallStatus.NOT_YET_RECRUITING, "招募中": OverallStatus.RECRUITING,
              "招募完成": OverallStatus.ACTIVE_NOT_RECRUITING, "已完成": OverallStatus.COMPLETED,
              "主动暂停": OverallStatus.SUSPENDED, "主动终止": OverallStatus.TERMINATED}
_CN_PHASE = {"I期": Phase.PHASE1, "II期": Phase.PHASE2, "III期": Phase.PHASE3, "IV期": Phase.PHASE4}


def cn_status(value: Any) -> OverallStatus | None:
    raw = text(value).replace("进行中", "").strip()
    if not raw:
        return None
    if raw not in _CN_STATUS:
        raise Wrong("choice", ", ".join(_CN_STATUS))
    return _CN_STATUS[raw]


def cn_phases(value: Any) -> frozenset[Phase]:
    """"I期", "I/II期" (phase 1/2), "其它" (other: no phase)."""
    raw = text(value).strip().replace("Ⅰ", "I").replace("Ⅱ", "II").replace("Ⅲ", "III").replace("Ⅳ", "IV")
    if not raw or raw == "其它" or raw == "其他":
        return frozenset()
    parts = raw.removesuffix("期").split("/")
    found = [_CN_PHASE.get(p.strip() + "期") for p in parts]
    if any(p is None for p in found):
        raise Wrong("choice", ", ".join(_CN_PHASE) + ", I/II期, 其它")
    return frozenset(p for p in found if p is not None)


def cn_single(value: Any) -> tuple[str, ...]:
    raw = text(value).strip()
    return (raw,) if raw else ()


# ----- the table -------------------------------------------------------------------------------------
_ID = ("protocolSection", "identificationModule")
_STATUS = ("protocolSection", "statusModule")
_DESIGN = ("protocolSection", "designModule")

LAYOUTS: dict[str, Layout] = {
    "ctgov_json": Layout("ctgov_json", Registry.CTGOV, "json", (*_ID, "nctId"), (
        Rule("title", (*_ID, "briefTitle"), text),
        Rule("official_title", (*_ID, "officialTitle"), text),
        Rule("acronym", (*_ID, "acronym"), text),
        Rule("organization", (*_ID, "organization", "fullName"), text),
        Rule("status", (*_STATUS, "overallStatus"), status),
        Rule("first_submitted", (*_STATUS, "studyFirstSubmitDate"), day_actual),
        Rule("start_date", (*_STATUS, "startDateStruct"), date_struct),
        Rule("primary_completion", (*_STATUS, "primaryCompletionDateStruct"), date_struct),
        Rule("completion", (*_STATUS, "completionDateStruct"), date_struct),
        Rule("phases", (*_DESIGN, "phases"), phases),
        Rule("enrolment", (*_DESIGN, "enrollmentInfo"), enrolment),
        Rule("lead_sponsor", ("protocolSection", "sponsorCollaboratorsModule", "leadSponsor", "name"), text),
        Rule("conditions", ("protocolSection", "conditionsModule", "conditions"), texts),
        Rule("interventions", ("protocolSection", "armsInterventionsModule", "interventions"), interventions),
        Rule("countries", ("protocolSection", "contactsLocationsModule", "locations", "[]", "country"), countries),
        Rule("results_posted", ("hasResults",), flag, scope=1),
    )),
    "ctgov_csv": Layout("ctgov_csv", Registry.CTGOV, "csv", ("NCT Number",), (
        Rule("title", ("Study Title",), text, 1),
        Rule("acronym", ("Acronym",), text, 1),
        Rule("status", ("Study Status",), cell_status, 1),
        Rule("results_posted", ("Study Results",), cell_flag, 1),
        Rule("conditions", ("Conditions",), cell_list, 1),
        Rule("interventions", ("Interventions",), cell_list, 1),
        Rule("lead_sponsor", ("Sponsor",), text, 1),
        Rule("phases", ("Phases",), cell_phases, 1),
        Rule("enrolment", ("Enrollment",), cell_enrolment, 1),
        Rule("start_date", ("Start Date",), date_unstated, 1),
        Rule("primary_completion", ("Primary Completion Date",), date_unstated, 1),
        Rule("completion", ("Completion Date",), date_unstated, 1),
        Rule("countries", ("Locations",), cell_countries, 1),
    )),
    "cn_ctr_list": Layout("cn_ctr_list", Registry.CN_CTR, "csv", ("登记号",), (
        Rule("title", ("试验通俗题目",), text, 1),
        Rule("title_zh", ("试验通俗题目",), text, 1),
        Rule("official_title", ("试验专业题目",), text, 1),
        Rule("status", ("试验状态",), cn_status, 1),
        Rule("phases", ("试验分期",), cn_phases, 1),
        Rule("conditions", ("适应症",), cn_single, 1),
        Rule("interventions", ("药物名称",), cn_single, 1),
        Rule("lead_sponsor", ("申请人名称",), text, 1),
        Rule("first_submitted", ("首次公示信息日期",), day_actual_text, 1),
    )),
}
# Columns without which a row is no registration at all: its identifier and its title.
REQUIRED_COLUMNS = {"ctgov_csv": ("NCT Number", "Study Title"), "cn_ctr_list": ("登记号", "试验通俗题目")}
