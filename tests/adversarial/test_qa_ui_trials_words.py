"""The Trials page names registries, phases and statuses in the window's language.

It showed the stored codes ("PHASE1", "EARLY_PHASE1", "COMPLETED", "UNKNOWN") in both languages, the
registry's English name in the Chinese window, and the Chinese title in the English one, while its own
status filter and the Landscape page named them in the user's language.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt

from mscreg.services.exchange.trial_files import read_trial_file
from mscreg.ui.language import set_language
from mscreg.ui.trials_page import COLUMNS, TrialsPage

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ctgov"
CODE = re.compile(r"\b[A-Z]+_?[A-Z0-9_]*\b")
TITLES = [c.title for c in COLUMNS]


def _trials():
    parsed = read_trial_file((FIXTURES / "studies_v2.json").read_bytes(), "studies_v2.json")
    return [p.trial for p in parsed.trials]


def _column(page: TrialsPage, title: str) -> list[str]:
    n = TITLES.index(title)
    return [page.model.index(r, n).data() for r in range(page.model.rowCount())]


def test_phases_statuses_and_registries_are_named_in_english_and_chinese(qapp):
    page = TrialsPage()
    try:
        set_language("en")
        page.set_trials(_trials(), {})
        phases, statuses = _column(page, "Phases"), _column(page, "Status")
        assert "Phase I" in phases or "Phase I/II" in phases, phases
        assert not [p for p in phases + statuses if p and re.search(r"PHASE|_|^[A-Z]+$", p)], phases + statuses
        set_language("zh_CN")  # the page is told through its LanguageChange event
        page.retranslate_ui()
        phases, statuses = _column(page, "Phases"), _column(page, "Status")
        registries = _column(page, "Registry")
        assert any("期" in p for p in phases), phases
        assert not [s for s in statuses if s and re.search(r"[A-Za-z]", s)], statuses
        assert all("（" in r or "平台" in r for r in registries), registries
    finally:
        set_language("en")


def test_phase_column_sorts_in_phase_order_not_by_code(qapp):
    page = TrialsPage()
    page.set_trials(_trials(), {})
    n = TITLES.index("Phases")
    page.table.sortByColumn(n, Qt.SortOrder.AscendingOrder)
    keys = [page.model.trial(r).phases for r in range(page.model.rowCount())]
    from mscreg.domain.trial import PHASE_ORDER

    ranks = [tuple(sorted(PHASE_ORDER[p] for p in k)) for k in keys]
    assert ranks == sorted(ranks)
