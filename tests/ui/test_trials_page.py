"""The Trials page filters like the product list and sorts its own list; the product view's Trials
section lists a product's trials."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from mscreg.domain.trial import OverallStatus, Registry
from mscreg.services.exchange.trial_files import read_trial_file
from mscreg.ui.trials_page import COLUMNS, TrialsPage
from mscreg.ui.trials_panel import TrialsPanel

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ctgov"


def _trials():
    parsed = read_trial_file((FIXTURES / "studies_v2.json").read_bytes(), "studies_v2.json")
    return [p.trial for p in parsed.trials]


def _ids(model) -> list[str]:
    return [model.trial(r).registry_id for r in range(model.rowCount())]


def test_search_and_filters_narrow_the_table_and_sorting_reorders_it(qapp):
    page = TrialsPage()
    page.set_trials(_trials(), {})
    assert page.model.rowCount() == 5
    page.search.setText("exosomes knee")
    assert set(_ids(page.model)) == {"NCT05060107", "NCT06812637"}
    page.search.clear()
    page.status.setCurrentIndex(page.status.findData(OverallStatus.NOT_YET_RECRUITING))
    assert set(_ids(page.model)) == {"NCT06466850", "NCT06812637"}
    page.status.setCurrentIndex(0)
    page.registry.setCurrentIndex(page.registry.findData(Registry.CHICTR))
    assert page.model.rowCount() == 0
    page.registry.setCurrentIndex(0)
    column = [c.title for c in COLUMNS].index("Identifier")
    page.table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    assert _ids(page.model) == sorted(_ids(page.model))
    page.table.sortByColumn(column, Qt.SortOrder.DescendingOrder)
    assert _ids(page.model) == sorted(_ids(page.model), reverse=True)
    start = [c.title for c in COLUMNS].index("Start")
    row = _ids(page.model).index("NCT06812637")
    assert page.model.index(row, start).data() == "2025-03 (estimated)"


def test_the_panel_shows_the_products_trials_or_says_there_are_none(qapp):
    panel = TrialsPanel()
    panel.set_trials([], "Ryoncil")
    assert panel.model.rowCount() == 0 and not panel.empty.isHidden()
    panel.set_trials(_trials()[:2], "Ryoncil")
    assert panel.model.rowCount() == 2 and panel.empty.isHidden()
