"""The data edits on the "What changed" page say which column holds who made them and why.

The page's headings are those of a change of state (Date, Change, Product, Indication, What, Source);
an edit's user sat under "Indication" and its reason under "What", so a reader saw "Indication: root".
The edits group now names its own columns in its first row, in the window's language.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt

from mscreg.domain.messages import text
from mscreg.ui.changes_page import ChangesPage
from mscreg.ui.language import set_language
from mscreg.ui.workspace_session import WorkspaceSession

LONG = 30_000


class Dialogs:
    def save_file(self, *_args) -> str:
        return ""

    def information(self, *_args) -> None:
        pass


@pytest.fixture
def session(qtbot, seeded_db):
    s = WorkspaceSession()
    with qtbot.waitSignal(s.prepared, timeout=LONG):
        s.open(str(seeded_db))
    yield s
    s.close()


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_the_edits_group_names_who_and_why_above_them(qtbot, session, tmp_path, lang):
    set_language(lang)
    try:
        today = dt.date.today()
        page = ChangesPage(session, Dialogs(), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                           today=today + dt.timedelta(days=1))
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: page.report is not None and bool(page.report.edits), timeout=LONG)
        edits = page.tree.topLevelItem(page.tree.topLevelItemCount() - 1)
        assert edits.childCount() == len(page.report.edits) + 1
        heading = edits.child(0)
        assert heading.text(3) == text("changes.edit_column.actor", lang)
        assert heading.text(4) == text("changes.edit_column.reason", lang)
        assert not heading.flags() & Qt.ItemFlag.ItemIsSelectable
        first = edits.child(1)
        entry = page.report.edits[0]
        assert (first.text(3), first.text(4)) == (entry.actor, entry.reason)
    finally:
        set_language("en")
