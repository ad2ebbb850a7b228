"""A registration as JSON and back: dates with precision and actual/planned, codes, the linked product."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mscreg.domain.errors import InvalidInput
from mscreg.services.exchange.trial_files import read_trial_file
from mscreg.services.exchange.trial_json import trial_from_json, trial_to_json

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ctgov"


def trials():
    data = (FIXTURES / "studies_v2.json").read_bytes()
    return [p.trial for p in read_trial_file(data, "studies_v2.json").trials]


def test_the_json_lists_registry_id_phases_status_dates_with_precision_and_the_product():
    t = trials()[0]
    out = trial_to_json(t, product="Example sEV")
    assert out["registry"] == "ctgov" and out["registry_id"] == "NCT06431152"
    assert out["phases"] == ["EARLY_PHASE1", "PHASE1"] and out["status"] == "RECRUITING"
    assert out["start_date"] == {"date": "2024-06", "precision": "month", "kind": "actual"}
    assert out["completion"] == {"date": "2026-06-30", "precision": "day", "kind": "estimated"}
    assert out["enrolment"] == {"count": 12, "kind": "anticipated"} and out["product"] == "Example sEV"
    json.dumps(out)  # plain JSON


def test_every_registration_comes_back_equal():
    for t in trials():
        back, product = trial_from_json(json.loads(json.dumps(trial_to_json(t, "P"))))
        assert back == t and product == "P"


@pytest.mark.parametrize(("change", "field"), [
    ({"registry": "nowhere"}, "registry"),
    ({"registry_id": "NCT1"}, "registry_id"),
    ({"start_date": "2024-06"}, "start_date"),
    ({"start_date": {"date": "2024-6", "kind": "actual"}}, "start_date"),
    ({"start_date": {"date": "2024-06", "kind": "soon"}}, "start_date"),
    ({"enrolment": {"count": "12", "kind": "actual"}}, "enrolment"),
    ({"enrolment": {"count": 12, "kind": "maybe"}}, "enrolment"),
    ({"phases": ["PHASE9"]}, "phases"),
    ({"product": 5}, "product"),
])
def test_a_bad_field_is_refused_by_name(change, field):
    obj = {**trial_to_json(trials()[0]), **change}
    with pytest.raises(InvalidInput) as caught:
        trial_from_json(obj)
    assert caught.value.problems[0].field == field
