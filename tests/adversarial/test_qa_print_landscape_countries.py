"""The landscape's count of trials by country names each country in the reader's language, once.

The rows were the registries' own words: a Chinese report said "Chile" and "China", and a trial from
ClinicalTrials.gov ("China") and one from the China platform ("中国") made two rows that a Chinese
report both printed as they came.  A country the jurisdiction list holds is now one row, named as the
rest of the report names it; one it does not hold keeps the registry's word.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from mscreg.domain.landscape import trials_by_country
from mscreg.domain.trial import Registry, TrialRegistration
from mscreg.services.landscape_inputs import read_landscape
from mscreg.services.landscape_report import count_tables

TRIALS = (
    TrialRegistration(Registry.CTGOV, "NCT00000001", "a", countries=("China", "Chile")),
    TrialRegistration(Registry.CTGOV, "NCT00000002", "b", countries=("Chile",)),
    TrialRegistration(Registry.CTGOV, "NCT00000003", "c", countries=("Korea, Republic of",)),
    TrialRegistration(Registry.CN_CTR, "CTR20240001", "d", countries=("中国",)),
    TrialRegistration(Registry.CTGOV, "NCT00000004", "e", countries=("Atlantis",)),
    TrialRegistration(Registry.CTGOV, "NCT00000005", "f"),
)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", [("China", "2"), ("Chile", "2"), ("South Korea", "1"), ("Atlantis", "1"), ("not stated", "1")]),
    ("zh_CN", [("中国", "2"), ("智利", "2"), ("韩国", "1"), ("Atlantis", "1"), ("未注明", "1")]),
])
def test_trials_by_country_are_named_in_the_readers_language_once_each(workspace, lang, expected):
    counts = dataclasses.replace(read_landscape(workspace, dt.date(2026, 1, 1)).counts(),
                                 trials_by_country=trials_by_country(TRIALS))
    table = next(t for t in count_tables(counts, lang) if t.key == "country")
    assert len(table.rows) == len(expected) and dict(table.rows) == dict(expected)
    assert table.rows[-1] == expected[-1]  # "not stated" last, the others most first
    assert [int(n) for _label, n in table.rows[:-1]] == sorted((int(n) for _l, n in table.rows[:-1]), reverse=True)
    assert {label for label, _n in table.chart} == {label for label, _n in expected[:-1]}
