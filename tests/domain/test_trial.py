"""Trial registrations: identifiers checked against each registry's format, fields normalised."""

from __future__ import annotations

import pytest

from mscreg.domain.errors import InvalidInput
from mscreg.domain.partial_date import PartialDate, Precision
from mscreg.domain.trial import (
    DateKind,
    Enrolment,
    EnrolmentKind,
    OverallStatus,
    Phase,
    Registry,
    TrialDate,
    TrialRegistration,
    phase_key,
    registry_id,
)

GOOD = [
    (Registry.CTGOV, "NCT06431152", "NCT06431152"),
    (Registry.CTGOV, "nct05060107", "NCT05060107"),
    (Registry.CHICTR, "ChiCTR2000012345", "ChiCTR2000012345"),
    (Registry.CHICTR, "CHICTR2000012345", "ChiCTR2000012345"),
    (Registry.CHICTR, "ChiCTR-TRC-12002345", "ChiCTR-TRC-12002345"),
    (Registry.CHICTR, "ChiCTR-IOR-17012345", "ChiCTR-IOR-17012345"),
    (Registry.CN_CTR, "CTR20240123", "CTR20240123"),
    (Registry.JRCT, "jRCT2031210123", "jRCT2031210123"),
    (Registry.JRCT, "jRCTs031180001", "jRCTs031180001"),
    (Registry.EU_CT, "2023-500000-00-00", "2023-500000-00-00"),
    (Registry.EU_CT, "2008-005144-16", "2008-005144-16"),
    (Registry.CRIS, "KCT0001234", "KCT0001234"),
    (Registry.CTRI, "CTRI/2020/01/012345", "CTRI/2020/01/012345"),
    (Registry.CTRI, "CTRI/2009/091/000123", "CTRI/2009/091/000123"),
    (Registry.IRCT, "IRCT20180101038116N1", "IRCT20180101038116N1"),
    (Registry.ANZCTR, "ACTRN 12622000949785", "ACTRN12622000949785"),
    (Registry.OTHER, "MR-13-24-017929", "MR-13-24-017929"),
]

BAD = [
    (Registry.CTGOV, "NCT0643115"),  # 7 digits
    (Registry.CTGOV, "NCT064311520"),  # 9 digits
    (Registry.CTGOV, "ChiCTR2000012345"),  # right id, wrong registry
    (Registry.CHICTR, "ChiCTR200001234"),
    (Registry.CHICTR, "ChiCTR-trc-12002345"),
    (Registry.CN_CTR, "CTR2024012"),
    (Registry.JRCT, "jRCT123"),
    (Registry.EU_CT, "2023-50000-00-00"),
    (Registry.EU_CT, "23-500000-00-00"),
    (Registry.CRIS, "KCT000123"),
    (Registry.CTRI, "CTRI/2020/1/012345"),
    (Registry.CTRI, "CTRI-2020-01-012345"),
    (Registry.IRCT, "IRCT"),
    (Registry.ANZCTR, "ACTRN1262200094978"),
    (Registry.OTHER, "two words"),
    (Registry.CTGOV, "NCT06431152\nNCT05060107"),
]


@pytest.mark.parametrize(("registry", "text", "canonical"), GOOD)
def test_each_registry_accepts_its_documented_format(registry, text, canonical):
    assert registry_id(registry, text) == canonical


@pytest.mark.parametrize(("registry", "text"), BAD)
def test_a_malformed_identifier_is_refused_naming_the_registry_and_its_format(registry, text):
    with pytest.raises(InvalidInput) as caught:
        registry_id(registry, text)
    problem = caught.value.problems[0]
    assert problem.field == "registry_id"
    if registry is not Registry.OTHER:
        assert problem.code == "trial.id_format"
        en, zh = caught.value.message("en"), caught.value.message("zh_CN")
        assert "written like" in en and "格式如" in zh


def test_empty_and_absurdly_long_identifiers_are_refused():
    with pytest.raises(InvalidInput, match="must not be empty"):
        registry_id(Registry.CTGOV, "  ")
    with pytest.raises(InvalidInput, match="too long"):
        registry_id(Registry.OTHER, "X" * 10_000)


def _trial(**kw):
    base = dict(registry=Registry.CTGOV, registry_id="NCT06431152", title="hUC-MSC sEV in knee OA")
    base.update(kw)
    return TrialRegistration(**base)


def test_a_registration_keeps_date_precision_and_whether_the_date_is_planned():
    t = _trial(start_date=TrialDate(PartialDate.parse("2024-05"), DateKind.ACTUAL),
               completion=TrialDate(PartialDate.parse("2026-12-31"), DateKind.ESTIMATED),
               enrolment=Enrolment(12, EnrolmentKind.ANTICIPATED), phases={"PHASE1"},
               status="RECRUITING", countries=["China", "China "], first_submitted=TrialDate(
                   PartialDate.parse("2024-05-20"), DateKind.ACTUAL))
    assert t.start_date is not None and t.start_date.date.precision is Precision.MONTH and not t.start_date.planned
    assert t.completion is not None and t.completion.planned
    assert t.phases == frozenset({Phase.PHASE1}) and t.status is OverallStatus.RECRUITING
    assert t.countries == ("China",)  # trimmed, then the duplicate dropped
    assert t.key == (Registry.CTGOV, "NCT06431152") and t.registration_year == 2024


def test_phase_combinations_have_one_key_in_phase_order():
    assert phase_key(frozenset({Phase.PHASE2, Phase.PHASE1})) == "PHASE1+PHASE2"
    assert phase_key(frozenset()) == ""
    assert _trial(phases=[Phase.PHASE3, "PHASE2"]).phase_key == "PHASE2+PHASE3"


@pytest.mark.parametrize(("kw", "field", "code"), [
    (dict(registry="nowhere"), "registry", "choice.unknown"),
    (dict(title=" "), "title", "text.empty"),
    (dict(phases={"PHASE5"}), "phases", "choice.unknown"),
    (dict(phases="PHASE1"), "phases", "trial.not_list"),
    (dict(phases={"NA", "PHASE1"}), "phases", "trial.phase_na_mixed"),
    (dict(status="recruiting soon"), "status", "choice.unknown"),
    (dict(start_date="2024-05"), "start_date", "trial.not_date"),
    (dict(conditions="knee osteoarthritis"), "conditions", "trial.not_list"),
    (dict(conditions=["x"] * 501), "conditions", "trial.list_too_long"),
    (dict(countries=["China", ""]), "countries", "text.empty"),
    (dict(results_posted="yes"), "results_posted", "trial.not_flag"),
    (dict(lead_sponsor="S" * 201), "lead_sponsor", "text.too_long"),
    (dict(title="a\x00b"), "title", "text.control"),
])
def test_a_bad_field_is_refused_by_name(kw, field, code):
    with pytest.raises(InvalidInput) as caught:
        _trial(**kw)
    assert (caught.value.problems[0].field, caught.value.problems[0].code) == (field, code)


@pytest.mark.parametrize("count", [-1, 100_000_001, True, 1.5])
def test_enrolment_is_a_whole_number_of_participants(count):
    with pytest.raises(InvalidInput):
        Enrolment(count)
