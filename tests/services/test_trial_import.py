"""ClinicalTrials.gov and China-platform files read into registrations, and the plan of a re-import."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from mscreg.domain.partial_date import Precision
from mscreg.domain.trial import DateKind, EnrolmentKind, OverallStatus, Phase, Registry
from mscreg.services.exchange.records import ImportRefused
from mscreg.services.exchange.trial_files import looks_like_trial_file, read_trial_file
from mscreg.services.exchange.trial_plan import plan_lines, plan_trials, shown

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ctgov"


def read(name: str):
    return read_trial_file((FIXTURES / name).read_bytes(), name)


def by_id(result):
    return {p.trial.registry_id: p.trial for p in result.trials}


def test_a_v2_studies_file_gives_every_study_with_dates_at_their_precision_and_planned_dates_as_planned():
    result = read("studies_v2.json")
    assert result.layout == "ctgov_json" and len(result.trials) == 5
    trials = by_id(result)
    t = trials["NCT06431152"]
    assert t.registry is Registry.CTGOV
    assert t.phases == {Phase.EARLY_PHASE1, Phase.PHASE1} and t.status is OverallStatus.RECRUITING
    assert t.start_date is not None and t.start_date.date.precision is Precision.MONTH
    assert t.start_date.iso() == "2024-06" and t.start_date.kind is DateKind.ACTUAL
    assert t.primary_completion is not None and t.primary_completion.planned
    assert t.completion is not None and t.completion.iso() == "2026-06-30" and t.completion.planned
    assert t.first_submitted is not None and t.first_submitted.iso() == "2024-05-22"
    assert t.first_submitted.kind is DateKind.ACTUAL and t.registration_year == 2024
    assert t.enrolment is not None and (t.enrolment.count, t.enrolment.kind) == (12, EnrolmentKind.ANTICIPATED)
    assert t.lead_sponsor == "Example University Hospital" and t.organization == "Example University Hospital"
    assert t.interventions == ("BIOLOGICAL: hUC-MSC sEVs",) and t.conditions == ("Knee Osteoarthritis",)
    assert t.official_title.startswith("A First-in-human")
    assert trials["NCT06812637"].countries == ("Turkey",)  # one country, however many sites
    assert trials["NCT06812637"].acronym == "WJEXO"
    assert trials["NCT06466850"].phases == frozenset()  # observational: no phase
    assert trials["NCT01547091"].results_posted and not t.results_posted
    assert trials["NCT01547091"].countries == ("China", "United States")


def test_a_single_study_object_is_read_as_one_study():
    result = read("single_study_v2.json")
    assert [p.trial.registry_id for p in result.trials] == ["NCT06431152"]
    assert result.trials[0].where.startswith("study")


def test_the_csv_download_gives_the_same_values_where_it_has_them():
    csv_trials = by_id(read("studies.csv"))
    json_trials = by_id(read("studies_v2.json"))
    a, b = csv_trials["NCT01547091"], json_trials["NCT01547091"]
    for name in ("title", "phases", "status", "conditions", "interventions", "lead_sponsor", "countries",
                 "results_posted"):
        assert getattr(a, name) == getattr(b, name), name
    assert a.start_date is not None and a.start_date.kind is DateKind.NOT_STATED  # the CSV does not say
    assert a.start_date.date == b.start_date.date  # type: ignore[union-attr]
    assert csv_trials["NCT07000001"].countries == ("Korea, Republic of",)
    assert csv_trials["NCT07000001"].conditions == ("ARDS", "Acute Lung Injury")


def test_the_china_platform_list_maps_its_statuses_and_phases():
    result = read("cn_ctr_list.csv")
    assert result.layout == "cn_ctr_list"
    trials = by_id(result)
    assert trials["CTR20230001"].registry is Registry.CN_CTR
    assert trials["CTR20230001"].status is OverallStatus.RECRUITING
    assert trials["CTR20220002"].status is OverallStatus.COMPLETED
    assert trials["CTR20240003"].status is OverallStatus.NOT_YET_RECRUITING
    assert trials["CTR20240003"].phases == {Phase.PHASE1, Phase.PHASE2}
    assert trials["CTR20220002"].phases == {Phase.PHASE3}
    first = trials["CTR20230001"].first_submitted
    assert first is not None and first.iso() == "2023-03-15"
    assert trials["CTR20230001"].title_zh == trials["CTR20230001"].title


def test_a_file_with_one_bad_study_is_refused_whole_naming_the_study_and_the_field():
    with pytest.raises(ImportRefused) as caught:
        read("malformed_date_v2.json")
    issues = caught.value.issues
    assert len(issues) == 1
    issue = issues[0]
    assert "NCT05060107" in issue.sheet and issue.column == "protocolSection.statusModule.startDateStruct"
    assert issue.problem.field == "start_date" and issue.value == "2021-13"
    en, zh = caught.value.message("en"), caught.value.message("zh_CN")
    assert "nothing was written" in en and "NCT05060107" in en and "startDateStruct" in en
    assert "未写入任何数据" in zh and "开始日期" in zh


def test_every_bad_study_is_listed_not_only_the_first():
    with pytest.raises(ImportRefused) as caught:
        read("malformed_phase_and_id_v2.json")
    found = {(i.problem.field, i.problem.code) for i in caught.value.issues}
    assert found == {("phases", "trials.wrong_choices"), ("registry_id", "trial.id_format")}
    assert "PHASE5" in caught.value.message("en") and "NCT5060107" in caught.value.message("en")


def test_reimporting_the_same_file_plans_nothing():
    first = read("studies_v2.json")
    plan = plan_trials([], first.trials)
    assert len(plan.creates) == 5 and not plan.updates
    again = plan_trials(plan.creates, read("studies_v2.json").trials)
    assert not again.changes_anything and len(again.unchanged) == 5


def test_a_changed_status_is_planned_field_by_field_old_to_new():
    held = [t for t in plan_trials([], read("studies_v2.json").trials).creates]
    held = [dataclasses.replace(t, id=i + 1, product_id=7 if i == 1 else None) for i, t in enumerate(held)]
    plan = plan_trials(held, read("studies_v2_changed.json").trials)
    assert not plan.creates and len(plan.unchanged) == 4 and len(plan.updates) == 1
    update = plan.updates[0]
    assert update.before.registry_id == "NCT05060107"
    changes = {c.field: (shown(c.old), shown(c.new)) for c in update.changes}
    assert changes == {"status": ("UNKNOWN", "COMPLETED"),
                       "completion": ("2023-06 (estimated)", "2023-05-30 (actual)")}
    # the user's own fields survive: id, product link
    assert (update.after.id, update.after.product_id, update.after.status) == (2, 7, OverallStatus.COMPLETED)


def test_a_csv_reimport_does_not_erase_what_only_the_json_said():
    held = plan_trials([], read("studies_v2.json").trials).creates
    plan = plan_trials(held, read("studies.csv").trials)
    assert [t.registry_id for t in plan.creates] == ["NCT07000001"]
    # same dates "not stated" are no news; the CSV has no submission date, official title or organization
    assert not plan.updates and len(plan.unchanged) == 2


def _synthetic():
    import importlib.util

    spec = importlib.util.spec_from_file_location("synthetic_studies", FIXTURES / "synthetic_studies.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_studies_are_valid_registrations_in_the_documented_shape():
    result = read_trial_file(_synthetic().studies_json(300, seed=3), "synthetic.json")
    assert len(result.trials) == 300
    trials = [p.trial for p in result.trials]
    assert {t.start_date.date.precision for t in trials if t.start_date} == {Precision.MONTH, Precision.DAY}
    assert {t.completion.kind for t in trials if t.completion} == {DateKind.ACTUAL, DateKind.ESTIMATED}
    assert any(not t.phases for t in trials) and any(len(t.phases) == 2 for t in trials)
    assert _synthetic().studies_json(5, seed=3) == _synthetic().studies_json(5, seed=3)  # deterministic


@pytest.mark.slow
def test_ten_thousand_studies_are_read_and_planned_within_the_import_budget():
    """The whole import may take 10 s; reading and planning (everything but writing) takes a fraction.
    CPU time, not wall time: the machine's cores are shared."""
    import time

    data = _synthetic().studies_json(10_000)
    start = time.process_time()
    result = read_trial_file(data, "studies.json")
    plan = plan_trials([], result.trials)
    again = plan_trials(plan.creates, result.trials)
    took = time.process_time() - start
    assert len(plan.creates) == 10_000 and not again.changes_anything
    assert took < 5.0, f"{took:.1f} s"


def test_a_dry_run_lists_new_and_changed_trials_field_by_field_in_either_language():
    held = plan_trials([], read("studies_v2.json").trials).creates
    plan = plan_trials(held[:4], read("studies_v2_changed.json").trials)
    en = plan_lines(plan, "en")
    assert en[0].startswith("new: ClinicalTrials.gov NCT01547091")
    assert "changed: ClinicalTrials.gov NCT05060107" in en
    assert "    status: “UNKNOWN” → “COMPLETED”" in en
    assert en[-1] == "1 new, 1 changed, 3 unchanged."
    zh = plan_lines(plan, "zh_CN")
    assert "    试验状态：“UNKNOWN” → “COMPLETED”" in zh and zh[-1] == "新增 1 项，修改 1 项，未变 3 项。"


def test_registry_downloads_are_told_from_mscreg_files_by_their_first_bytes():
    for name in ("studies_v2.json", "single_study_v2.json", "studies.csv", "cn_ctr_list.csv"):
        assert looks_like_trial_file((FIXTURES / name).read_bytes()[:4096]), name
    assert not looks_like_trial_file(b'{"format": "mscreg-export", "format_version": 1, "products": []}')
    assert not looks_like_trial_file(b"product,jurisdiction,indication,pathway,type,date\n")
    assert not looks_like_trial_file(b"")
