"""The shipped published figures load from the package, keep their sources, and add up."""

from __future__ import annotations

import json

import pytest

from mscreg.domain.errors import InvalidInput
from mscreg.domain.published_figure import figures_from_json, shipped_figures
from mscreg.resource_paths import published_figures_file


def figure(key: str):
    return next(f for f in shipped_figures() if f.key == key)


def test_every_figure_of_the_literature_is_shipped_with_source_query_and_as_of_date():
    figures = shipped_figures()
    assert [f.key for f in figures] == [
        "ctgov_trials_by_phase", "cde_acceptances_by_year_tissue", "cde_implied_permissions_by_indication",
        "cn_platform_by_phase_status", "exosome_trials_oa", "uc_msc_knee_oa_studies"]
    for f in figures:
        assert f.source.key and f.source.reference and f.source.locator and f.query and f.title_zh
        assert ".txt" not in f.source.reference and "seed" not in f.source.reference.lower()


def test_the_cde_acceptances_by_year_total_112_and_add_up_by_tissue():
    f = figure("cde_acceptances_by_year_tissue")
    assert f.as_of.iso() == "2025-08-13" and f.source.citation() == "Gong & Han 2025, Table 3"
    years = [r.key for r in f.rows if r.key != "total"]
    assert years == [str(y) for y in range(2018, 2026)]
    assert [f.value(y, "accepted") for y in years] == [5, 5, 5, 9, 19, 27, 19, 23]
    assert f.value("total", "accepted") == 112 and f.value("total", "umbilical_cord") == 77


def test_the_other_tables_match_the_literature():
    f1 = figure("ctgov_trials_by_phase")
    assert (f1.value("total", "stem_cells"), f1.value("total", "stromal_cells")) == (1323, 451)
    assert f1.value("PHASE1+PHASE2", "stem_cells") == 479
    f3 = figure("cde_implied_permissions_by_indication")
    assert f3.value("total", "count") == 85 and f3.value("lung", "count") == 20
    f4 = figure("cn_platform_by_phase_status")
    assert f4.stated_total == 61 and f4.value("PHASE1", "RECRUITING") == 9
    f5 = figure("exosome_trials_oa")
    assert {r.key for r in f5.rows} >= {"NCT06431152", "NCT06466850", "NCT06812637", "NCT05060107"}
    assert len(figure("uc_msc_knee_oa_studies").rows) == 13


def test_the_file_is_package_data():
    assert published_figures_file().is_file()


def _doc(**change):
    doc = json.loads(published_figures_file().read_text(encoding="utf-8"))
    f = doc["figures"][1]
    f.update(change)
    return json.dumps(doc)


@pytest.mark.parametrize("mutate", [
    lambda rows: rows[0]["values"].__setitem__(0, 6),  # 2018 accepted 6: the tissues add up to 5
    lambda rows: rows[-1]["values"].__setitem__(1, 78),  # total umbilical cord no longer the sum
    lambda rows: rows[2]["values"].pop(),  # a short row
    lambda rows: rows[3]["values"].__setitem__(2, -1),
    lambda rows: rows[3]["values"].__setitem__(2, "1"),
    lambda rows: rows.append(dict(rows[0])),  # a row twice
])
def test_a_slip_in_the_data_file_is_refused(mutate):
    doc = json.loads(published_figures_file().read_text(encoding="utf-8"))
    mutate(doc["figures"][1]["rows"])
    with pytest.raises(InvalidInput) as caught:
        figures_from_json(json.dumps(doc))
    assert caught.value.problems[0].code == "figures.invalid"
    assert "cde_acceptances_by_year_tissue" in caught.value.message("en")


def test_a_stated_total_that_the_cells_do_not_reach_is_refused():
    doc = json.loads(published_figures_file().read_text(encoding="utf-8"))
    doc["figures"][3]["stated_total"] = 62
    with pytest.raises(InvalidInput, match="61"):
        figures_from_json(json.dumps(doc))


def test_a_bad_as_of_date_is_refused():
    with pytest.raises(InvalidInput):
        figures_from_json(_doc(as_of="August 2025"))
