"""The interface's table and tree models on their own: rows built in memory from domain values, no
window, no database.  Each is checked by Qt's model tester, then for what a user sees in it."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QModelIndex, Qt

from mscreg.domain.errors import Problem
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import Pathway
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import DonorType, Product, Tissue
from mscreg.domain.state_machine import derive, ordered
from mscreg.domain.track import Track
from mscreg.services.audit_trail import AuditEntry, FieldChange
from mscreg.services.deadlines import deadlines_of
from mscreg.services.tracker import ProductOverview, TrackOverview
from mscreg.ui.item_roles import OBJECT_ROLE, SORT_ROLE

DISPLAY = Qt.ItemDataRole.DisplayRole
HORIZONTAL = Qt.Orientation.Horizontal


def overview(pid: int, name: str, *tracks: tuple[str, str, Pathway, list[tuple[str, str]]],
             **product) -> ProductOverview:
    """A product with tracks, each ``(jurisdiction, indication, pathway, [(event type, date)])``, its
    state derived by the domain's state machine as the database read would derive it."""
    p = Product(pid, name, **product)
    views = []
    for n, (code, indication, pathway, steps) in enumerate(tracks, 1):
        track = Track(pid * 10 + n, pid, name, code, indication, pathway)
        events = tuple(ordered([RegulatoryEvent(track.id * 100 + i, track.id, etype, PartialDate.parse(date))
                                for i, (etype, date) in enumerate(steps, 1)]))
        views.append(TrackOverview(track, derive(track, events), events))
    return ProductOverview(p, tuple(views))


CN_APPROVAL = [("ma_submitted", "2024-01-10"), ("ma_accepted", "2024-02"), ("approval_conditional", "2025-01-02")]
US_REVIEW = [("ma_submitted", "2023-01"), ("ma_accepted_priority_review", "2023-03-01")]
CN_TRIAL = [("cta_submitted", "2021"), ("cta_accepted", "2021-06-01")]


@pytest.fixture
def portfolio() -> list[ProductOverview]:
    return [
        overview(1, "Amimestrocel", ("CN", "aGVHD", Pathway.MARKETING, CN_APPROVAL),
                 ("CN", "knee osteoarthritis", Pathway.CLINICAL, CN_TRIAL), name_zh="艾米迈托赛",
                 company="Platinum Life", source_tissue=Tissue.UMBILICAL_CORD, donor_type=DonorType.ALLOGENEIC),
        overview(2, "Ryoncil", ("US", "SR-aGVHD", Pathway.MARKETING, US_REVIEW), company="Mesoblast",
                 source_tissue=Tissue.BONE_MARROW),
        overview(3, "Zeta cells"),  # no track anywhere yet
    ]


def texts(model, column: int, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    return [model.index(r, column, parent).data() for r in range(model.rowCount(parent))]


# ----- the product list ------------------------------------------------------------------------------

def test_product_list_shows_names_attributes_and_each_jurisdictions_state(qtmodeltester, portfolio):
    from mscreg.ui.product_table_model import ProductTableModel

    model = ProductTableModel()
    model.set_rows(portfolio)
    qtmodeltester.check(model)
    headers = [model.headerData(c, HORIZONTAL) for c in range(model.columnCount())]
    assert headers == ["Product", "Next deadline", "Designations", "US", "CN", "Chinese name", "Company", "Tissue",
                       "Donor"]
    row = texts(model, 0).index("Amimestrocel")
    assert texts(model, 5)[row] == "艾米迈托赛" and texts(model, 7)[row] == "umbilical cord"
    cn = model.index(row, headers.index("CN"))
    assert cn.data() == "Conditional approval (+1)"  # the marketing track speaks for the country; one more
    assert "knee osteoarthritis (clinical)" in cn.data(Qt.ItemDataRole.ToolTipRole)
    assert cn.data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(row, 0).data(OBJECT_ROLE) is portfolio[0]
    assert model.index(texts(model, 0).index("Zeta cells"), headers.index("US")).data() == ""
    assert model.row_of(2) == texts(model, 0).index("Ryoncil")


@pytest.mark.parametrize("column", [0, 1, 2, 3, 5, 6])
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_product_list_sorts_by_the_key_its_sort_role_gives(portfolio, column, order):
    from mscreg.ui.product_table_model import ProductTableModel

    model = ProductTableModel()
    model.set_rows(portfolio)
    model.sort(column, order)
    keys = [model.index(r, column).data(SORT_ROLE) for r in range(model.rowCount())]
    assert keys == sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder)


def test_product_list_speaks_chinese_after_a_language_switch_without_new_rows(portfolio):
    from mscreg.ui.language import set_language
    from mscreg.ui.product_table_model import ProductTableModel

    model = ProductTableModel()
    model.set_rows(portfolio)
    changed = []
    model.dataChanged.connect(lambda *_a: changed.append(True))
    set_language("zh_CN")
    try:
        row = texts(model, 0).index("艾米迈托赛")  # the name in the interface language, where it has one
        assert model.headerData(0, HORIZONTAL) == "产品"
        assert model.index(row, 7).data() == "脐带"
        assert model.index(row, 5).data() == "Amimestrocel"  # the other language's name beside it
        assert changed  # a dataChanged, not a reset
    finally:
        set_language("en")


# ----- a track's events ------------------------------------------------------------------------------

def test_event_list_keeps_the_replay_order_and_each_dates_precision(qtmodeltester, portfolio):
    from mscreg.ui.product_view import EventTableModel

    events = [*portfolio[0].tracks[0].events, RegulatoryEvent(999, 11, "manufacturing_license_issued", None,
                                                              source="https://example.org/licence.html")]
    model = EventTableModel()
    model.set_rows(events)
    qtmodeltester.check(model)
    assert texts(model, EventTableModel.DATE) == ["2024-01-10", "2024-02", "2025-01-02", "date unknown"]
    assert texts(model, EventTableModel.TYPE)[2] == "Conditional approval"
    source = model.index(3, EventTableModel.SOURCE)
    assert source.data(Qt.ItemDataRole.FontRole).underline()
    assert "Click or press Enter" in source.data(Qt.ItemDataRole.ToolTipRole)
    assert model.event_at(3) is events[3] and model.index(0, 0).data(OBJECT_ROLE) is events[0]
    assert model.index(0, 0).data(SORT_ROLE) is None  # the view does not sort: replay order is the order


# ----- the deadlines tree ----------------------------------------------------------------------------

def test_deadlines_tree_groups_open_clocks_by_urgency_soonest_first(qtmodeltester, portfolio):
    from mscreg.ui.deadlines_dashboard import DeadlineModel

    as_of = dt.date(2029, 6, 20)
    model = DeadlineModel()
    model.set_rows(deadlines_of(portfolio, as_of), as_of)
    qtmodeltester.check(model)
    # Ryoncil's priority review goal passed years ago with no decision recorded; Amimestrocel's trial,
    # deemed permitted 60 working days after its 2021-06-01 acceptance (2021-08-25), saw no subject consent
    # within 3 years and its yearly DSUR runs on; its re-registration is due in 12 days and its certificate
    # runs to 2030.
    assert texts(model, 0) == ["Overdue (2)", "Due within 30 days (1)", "Later (2)",
                               "Provisional (China holiday calendar not yet published) (0)",
                               "To review: term ended, nothing recorded (0)"]
    overdue, soon, later = (model.index(g, 0) for g in range(3))
    assert texts(model, 0, overdue) == ["Ryoncil", "Amimestrocel"]
    assert texts(model, 3, overdue) == ["2023-09-01", "2024-08-25"]
    assert texts(model, 3, soon) == ["2029-07-02"] and texts(model, 4, soon)[0].startswith("in 12 day")
    assert model.deadline_at(model.index(0, 0, soon)).clock.rule.id == "cn-reregistration-due"
    assert model.deadline_at(model.index(0, 0, later)).clock.rule.id == "cn-dsur"
    assert model.deadline_at(model.index(1, 0, later)).clock.rule.id == "cn-certificate-expiry"
    assert model.index(0, 0, soon).data(OBJECT_ROLE) is model.deadline_at(model.index(0, 0, soon))


# ----- the audit trail -------------------------------------------------------------------------------

def test_audit_list_says_who_did_what_to_which_record_and_why(qtmodeltester):
    from mscreg.ui.audit_view import AuditTableModel

    at = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
    entries = [
        AuditEntry(2, at, "alice", "update", "track", 11, (FieldChange("indication", "aGVHD", "SR-aGVHD"),),
                   "as worded on the approval", {"product": "Amimestrocel", "jurisdiction": "CN",
                                                 "indication": "SR-aGVHD", "pathway": "marketing"}),
        AuditEntry(1, at, "bob", "create", "product", 1, (FieldChange("source_tissue", None, "umbilical_cord"),),
                   "new in pipeline", {"name": "Amimestrocel"}),
    ]
    model = AuditTableModel()
    model.set_rows(entries)
    qtmodeltester.check(model)
    assert texts(model, 1) == ["2026-03-01 09:30:00 UTC"] * 2
    assert texts(model, 3) == ["track changed", "product created"]
    assert texts(model, 4)[0].startswith("Amimestrocel / CN / SR-aGVHD")
    assert texts(model, 5) == ["indication: aGVHD → SR-aGVHD", "tissue: umbilical cord"]
    assert texts(model, 6) == ["as worded on the approval", "new in pipeline"]
    assert model.index(1, 0).data(OBJECT_ROLE) is entries[1]


# ----- an import's validation report ------------------------------------------------------------------

def test_import_report_sorts_rows_by_number_and_copies_as_tab_separated_text(qtmodeltester):
    from mscreg.ui.exchange_dialogs import IssueTableModel

    def issue(row: int, column: str, value: str) -> SimpleNamespace:
        problem = Problem(column, value, "date.format")
        return SimpleNamespace(file="bad.csv", sheet="", row=row, column=column, value=value,
                               message=problem.message)

    issues = [issue(21, "date", "2024-02-30"), issue(4, "date", "someday"), issue(10, "date", "13/13/13")]
    model = IssueTableModel("en")
    model.set_issues(issues)
    qtmodeltester.check(model)
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert texts(model, 2) == ["4", "10", "21"]  # as numbers, not "10" < "21" < "4"
    keys = [model.index(r, 2).data(SORT_ROLE) for r in range(3)]
    assert keys == sorted(keys)
    assert model.index(0, 0).data(OBJECT_ROLE) is issues[1]
    lines = model.as_tsv().splitlines()
    assert lines[0] == "File\tSheet\tRow\tColumn\tValue\tProblem"
    assert lines[1].startswith("bad.csv\t\t4\tdate\tsomeday\tdate “someday” is not a date")
