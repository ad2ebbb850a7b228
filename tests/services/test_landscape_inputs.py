"""What the landscape counts from: the track logs as known on a day, the trials given, and filters that
narrow both as the product list narrows products."""

from __future__ import annotations

import datetime as dt

from mscreg.domain.partial_date import PartialDate
from mscreg.domain.trial import Registry, TrialDate, TrialRegistration
from mscreg.services.landscape_inputs import LandscapeFilter, LandscapeInputs, read_landscape


def _trial(nct: str, *, countries=("China",), conditions=("Knee Osteoarthritis",), product_id=None,
           registry=Registry.CTGOV, submitted="2024-03-01") -> TrialRegistration:
    return TrialRegistration(registry, nct, f"Study {nct}", countries=countries, conditions=conditions,
                             product_id=product_id, first_submitted=TrialDate(PartialDate.parse(submitted)))


def test_events_dated_after_the_day_are_not_yet_known(workspace):
    later = read_landscape(workspace, dt.date(2026, 1, 1)).counts()
    earlier = read_landscape(workspace, dt.date(2015, 1, 1)).counts()
    assert earlier.approvals.total < later.approvals.total
    assert all(int(year) <= 2014 for year in earlier.approvals.rows if year)


def test_filters_narrow_tracks_and_trials_alike(workspace):
    inputs = read_landscape(workspace, dt.date(2026, 1, 1))
    amimestrocel = next(log.product for log in inputs.logs if log.product.name == "Amimestrocel Injection")
    trials = (_trial("NCT00000001", product_id=amimestrocel.id),
              _trial("NCT00000002", countries=("Korea, Republic of",)),
              _trial("CTR20240001", registry=Registry.CN_CTR, conditions=("GvHD",)))
    inputs = LandscapeInputs(inputs.as_of, inputs.logs, trials)

    china = inputs.filtered(LandscapeFilter(jurisdiction="CN"))
    assert {log.track.jurisdiction for log in china.logs} == {"CN"}
    assert [t.registry_id for t in china.trials] == ["NCT00000001", "CTR20240001"]
    assert [t.registry_id for t in inputs.filtered(LandscapeFilter(jurisdiction="KR")).trials] == ["NCT00000002"]

    # a product's name finds its tracks and the trials linked to it; a trial's own text finds the trial
    named = inputs.filtered(LandscapeFilter(text="amimestrocel"))
    assert {log.product.id for log in named.logs} == {amimestrocel.id}
    assert [t.registry_id for t in named.trials] == ["NCT00000001"]
    assert [t.registry_id for t in inputs.filtered(LandscapeFilter(text="gvhd")).trials] == ["CTR20240001"]

    assert [t.registry_id for t in inputs.filtered(LandscapeFilter(registry="cn_ctr")).trials] == ["CTR20240001"]
    tissue = amimestrocel.source_tissue.value
    by_tissue = inputs.filtered(LandscapeFilter(tissue=tissue))
    assert all(log.product.source_tissue.value == tissue for log in by_tissue.logs)
    assert [t.registry_id for t in by_tissue.trials] == ["NCT00000001"]
    assert len(inputs.filtered(LandscapeFilter()).trials) == 3 and len(inputs.filtered(LandscapeFilter()).logs) == len(
        inputs.logs)


def test_the_counts_hold_every_table_and_every_shipped_figure(workspace):
    counts = read_landscape(workspace, dt.date(2026, 1, 1)).counts()
    keys = [c.figure.key for c in counts.comparisons]
    assert "cde_acceptances_by_year_tissue" in keys and "ctgov_trials_by_phase" in keys
    assert counts.trials == 0 and counts.tracks > 0


def test_china_applications_are_not_counted_twice_in_a_row_total(workspace):
    """The "accepted" column already counts every application and the tissue columns split it: the row
    reads accepted 1, umbilical cord 1, never a total of 2."""
    from mscreg.services.landscape_report import count_tables

    tables = {t.key: t for t in count_tables(read_landscape(workspace, dt.date(2026, 1, 1)).counts())}
    accepted = tables["cn_accepted"]
    assert accepted.header[:2] == ("year", "accepted") and "total" not in accepted.header
    for row in accepted.rows:
        assert int(row[1]) == sum(int(x) for x in row[2:])
    assert sum(int(r[1]) for r in accepted.rows) == 1  # the seeded data set's one acceptance
