"""A published-figures file of the wrong shape is refused with a message naming the figure, never with a
traceback, whatever the JSON holds."""

from __future__ import annotations

import json

import pytest

from mscreg.domain.errors import InvalidInput
from mscreg.domain.published_figure import figures_from_json
from mscreg.resource_paths import published_figures_file


def shipped() -> dict:
    return json.loads(published_figures_file().read_text(encoding="utf-8"))


@pytest.mark.parametrize("change", [
    lambda d: d.update(format="mscreg-export"),
    lambda d: d.update(format_version=2),
    lambda d: d["figures"].__setitem__(0, "a figure"),
    lambda d: d["figures"][0].update(rows="rows"),
    lambda d: d["figures"][0].update(columns=[]),
    lambda d: d["figures"][0].update(source=None),
    lambda d: d["figures"][0]["source"].update(reference=""),
    lambda d: d["figures"][0].update(title=7),
    lambda d: d["figures"][0]["rows"].__setitem__(0, ["EARLY_PHASE1", 50, 14]),
    lambda d: d["figures"][0]["rows"][0].update(values="50,14"),
    lambda d: d["figures"][0]["rows"][0].update(values=[True, 14]),
    lambda d: d["figures"][0]["rows"][0].update(values=[float("nan"), 14]),
    lambda d: d["figures"][0]["rows"][0].update(values=[50, 14, 3]),
    lambda d: d["figures"][0].update(total_row="no such row"),
    lambda d: d["figures"][1].update(total_column="no such column"),
    lambda d: d["figures"][0].update(as_of="2025-13"),
    lambda d: d["figures"].append(d["figures"][0]),
    lambda d: d["figures"][0]["rows"][0].update(values=[float("inf"), 14]),
])
def test_a_malformed_figure_is_refused_by_name(change):
    doc = shipped()
    change(doc)
    with pytest.raises(InvalidInput) as caught:
        figures_from_json(json.dumps(doc))
    for lang in ("en", "zh_CN"):
        assert "Traceback" not in caught.value.message(lang)


def test_a_figure_with_ten_thousand_rows_that_add_up_loads():
    doc = shipped()
    f = doc["figures"][2]  # one column, a total row, rows not complete
    f["rows"] = [{"key": f"r{i}", "label": "x", "label_zh": "x", "values": [0]} for i in range(10_000)] + [
        {"key": "total", "label": "Total", "label_zh": "合计", "values": [85]}]
    figures = figures_from_json(json.dumps(doc))
    assert len(figures[2].rows) == 10_001


def test_a_file_that_is_not_json_is_refused():
    with pytest.raises(InvalidInput, match="figure"):
        figures_from_json("{not json")
