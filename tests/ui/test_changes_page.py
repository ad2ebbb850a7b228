"""The "What changed" page on a real session: the period defaults to the last printing, the report is read
off the UI thread and grouped by country, and printing remembers the day for next time."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QSettings

from mscreg.ui.changes_page import LAST_PRINTED_KEY, ChangesPage, default_since
from mscreg.ui.workspace_session import WorkspaceSession

LONG = 30_000


class Dialogs:
    """The dialog service, answering as a user would: save to ``path``."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.told: list[str] = []

    def save_file(self, *_args) -> str:
        return self.path

    def information(self, _parent, _title, message: str) -> None:
        self.told.append(message)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def session(qtbot, seeded_db):
    s = WorkspaceSession()
    with qtbot.waitSignal(s.prepared, timeout=LONG):
        s.open(str(seeded_db))
    yield s
    s.close()


def test_the_period_starts_at_the_last_printing_or_ninety_days_back(settings):
    today = dt.date(2026, 12, 5)
    assert default_since(settings, today) == dt.date(2026, 9, 6)
    settings.setValue(LAST_PRINTED_KEY, "2026-10-01")
    assert default_since(settings, today) == dt.date(2026, 10, 1)
    settings.setValue(LAST_PRINTED_KEY, "not a day")
    assert default_since(settings, today) == dt.date(2026, 9, 6)


def test_the_page_groups_the_changes_by_country_and_prints_them(qtbot, session, settings, tmp_path):
    out = tmp_path / "meeting.xlsx"
    dialogs = Dialogs(str(out))
    page = ChangesPage(session, dialogs, settings, today=dt.date(2025, 6, 30))
    qtbot.addWidget(page)
    page.since_edit.setDate(QDate(2024, 6, 30))
    page.show()
    qtbot.waitUntil(lambda: page.report is not None and page.period == (dt.date(2024, 6, 30), dt.date(2025, 6, 30))
                    and page.report.since == dt.date(2024, 6, 30), timeout=LONG)
    countries = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert "China (CN)" in countries and "Japan (JP)" in countries
    china = page.tree.topLevelItem(countries.index("China (CN)"))
    rows = [[china.child(i).text(c) for c in range(3)] for i in range(china.childCount())]
    assert ["2025-01-02", "Approval", "Amimestrocel Injection"] in rows

    page.export_button.click()
    qtbot.waitUntil(lambda: bool(dialogs.told), timeout=LONG)
    assert out.exists() and out.stat().st_size > 0
    assert settings.value(LAST_PRINTED_KEY) == "2025-06-30"


def test_an_end_before_the_start_says_so_and_reads_nothing(qtbot, session, settings):
    page = ChangesPage(session, Dialogs(""), settings, today=dt.date(2025, 6, 30))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.report is not None, timeout=LONG)
    page.since_edit.setDate(QDate(2025, 7, 1))
    assert "before its start" in page.summary.text()
    assert page.tree.topLevelItemCount() == 0


def test_a_deadline_due_some_day_in_a_range_shows_the_range(qtbot, session, settings):
    """As the printed report does: Cartistem's 2025 IND annual report is due some day in a range (its IND
    went into effect in 2011, the year only), not on the range's last day."""
    page = ChangesPage(session, Dialogs(""), settings, today=dt.date(2025, 12, 31))
    qtbot.addWidget(page)
    page.resize(1014, 700)  # the page in a 1024-pixel window
    page.since_edit.setDate(QDate(2025, 1, 1))
    page.show()
    qtbot.waitUntil(lambda: page.report is not None and page.report.since == dt.date(2025, 1, 1), timeout=LONG)
    shown = [page.tree.topLevelItem(i).child(j).text(0) for i in range(page.tree.topLevelItemCount())
             for j in range(page.tree.topLevelItem(i).childCount())
             if page.tree.topLevelItem(i).child(j).text(2) == "Cartistem"]
    assert "2025-03-02..2026-03-01 (possibly in the period)" in shown, shown
    # and the date column is wide enough to read it whole
    advance = page.tree.fontMetrics().horizontalAdvance("2025-03-02..2026-03-01 (possibly in the period)")
    assert page.tree.columnWidth(0) >= advance + 2 * page.tree.indentation()
