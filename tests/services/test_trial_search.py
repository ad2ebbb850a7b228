"""Trials are found by anything a user types and filtered like products."""

from __future__ import annotations

from pathlib import Path

from mscreg.domain.trial import OverallStatus, Phase, Registry
from mscreg.services.exchange.trial_files import read_trial_file
from mscreg.services.trial_search import TrialFilter, filter_trials

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ctgov"


def trials():
    out = []
    for name in ("studies_v2.json", "cn_ctr_list.csv"):
        out += [p.trial for p in read_trial_file((FIXTURES / name).read_bytes(), name).trials]
    return out


def ids(flt: TrialFilter) -> list[str]:
    return [t.registry_id for t in filter_trials(trials(), flt)]


def test_text_matches_ids_titles_conditions_and_sponsors_ignoring_case_and_hyphens():
    assert ids(TrialFilter("nct06431152")) == ["NCT06431152"]
    assert ids(TrialFilter("huc msc sevs")) == ["NCT06431152"]  # the intervention "hUC-MSC sEVs"
    assert ids(TrialFilter("wharton knee")) == ["NCT06812637"]
    assert ids(TrialFilter("膝骨关节炎")) == ["CTR20230001"]
    assert len(ids(TrialFilter())) == 8


def test_filters_by_registry_status_phase_and_country():
    assert ids(TrialFilter(registries={Registry.CN_CTR})) == ["CTR20230001", "CTR20220002", "CTR20240003"]
    assert ids(TrialFilter(statuses={OverallStatus.COMPLETED})) == ["NCT01547091", "CTR20220002"]
    assert ids(TrialFilter(phases={Phase.PHASE3})) == ["CTR20220002"]
    assert ids(TrialFilter(countries={"united states"})) == ["NCT01547091"]
    assert ids(TrialFilter("osteoarthritis", registries={Registry.CTGOV}, statuses={OverallStatus.RECRUITING})) == [
        "NCT06431152"]
