"""Holders and verifications after they joined obligations, trials, Chinese text and the as-of control:
the audit trail and the "What changed" report name a transfer or a verification as a reader knows it
(not "holder_transfer #3"), the product list shows the holder on the day the window shows (not today),
and the holders revision sits on top of the Chinese-text revision."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from support import table_dump

from mscreg.domain.holder import make_transfer
from mscreg.domain.product import Product
from mscreg.services.audit_trail import list_audit
from mscreg.services.changes_between import changes_between, report_json
from mscreg.services.exchange.exporting import export_database
from mscreg.services.exchange.importing import import_file
from mscreg.services.exchange.records import ImportRefused
from mscreg.services.holders import add_transfer
from mscreg.services.review import verify_track
from mscreg.services.tracker import ProductOverview, product_overviews
from mscreg.services.workspace import open_workspace


@pytest.fixture
def ws(seeded_db):
    workspace = open_workspace(str(seeded_db))
    yield workspace
    workspace.close()


def _record_some(ws) -> int:
    """A licensee for Stemirac in Japan (no transfer of its own in the data set) and a verification of
    its Japanese track; the track's id."""
    add_transfer(ws, product="Stemirac", jurisdiction="JP", role="licensee", date="2024-05", from_party="",
                 to_party="Example Licensee KK", source="company release", reason="licence signed")
    [ov] = product_overviews(ws, "Stemirac")
    track_id = ov.tracks[0].track.id
    assert track_id is not None
    verify_track(ws, track_id, source="PMDA approval list", reason="annual review")
    return track_id


def test_audit_rows_of_a_transfer_and_a_verification_name_what_they_are_about(ws):
    _record_some(ws)
    entries = list_audit(ws)
    transfer = next(e for e in entries if e.entity == "holder_transfer" and "Example Licensee KK" in
                    e.subject("en"))
    assert transfer.subject("en") == "Stemirac / JP: Licensee: — → Example Licensee KK (2024-05)"
    assert transfer.subject("zh_CN") == "Stemirac / JP：被许可方：— → Example Licensee KK（2024-05）"
    checked = next(e for e in entries if e.entity == "verification")
    subject = checked.subject("en")
    assert subject.startswith("Stemirac / JP / ") and subject.endswith(f"verified on {dt.date.today().isoformat()}")
    assert "核对" in checked.subject("zh_CN")
    assert "#" not in subject and "#" not in transfer.subject("en")


def test_the_what_changed_report_lists_them_by_what_they_are(ws):
    _record_some(ws)
    today = dt.date.today()
    report = report_json(changes_between(ws, today - dt.timedelta(days=1), today), "en")
    subjects: dict[str, list[str]] = {}
    for e in report["edits"]:
        subjects.setdefault(e["record"], []).append(e["subject"])
    assert any("Example Licensee KK" in s for s in subjects["holder_transfer"])
    assert all(s.startswith("Stemirac / JP / ") and "verified on" in s for s in subjects["verification"])


def test_the_product_list_shows_the_holder_on_the_day_it_shows(qtbot):
    """The as-of control sets the list's day; the company column follows it (Osiris before the 2013
    sale, Mesoblast after), whatever today is."""
    from mscreg.ui.product_table_model import ProductTableModel

    transfers = (make_transfer("CA", "holder", "2012-05-17", "", "Osiris Therapeutics"),
                 make_transfer("CA", "holder", "2013-10", "Osiris Therapeutics", "Mesoblast"))
    ov = ProductOverview(Product(1, "Prochymal", company="Osiris Therapeutics"), (), transfers)
    model = ProductTableModel()
    model.set_rows([ov], ["CA"])
    column = next(c for c in range(model.columnCount()) if model.spec_of(c) is not None
                  and model.spec_of(c).key == "company")
    model.set_deadlines([], dt.date(2013, 1, 1))
    assert model.index(0, column).data() == "Osiris Therapeutics"
    model.set_deadlines([], dt.date(2020, 1, 1))
    assert model.index(0, column).data() == "Mesoblast"


def test_the_holders_revision_is_the_head_and_revises_the_chinese_text_revision():
    from alembic.script import ScriptDirectory

    from mscreg.storage.migrate import HEAD_REVISION, alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [HEAD_REVISION]
    head = script.get_revision(HEAD_REVISION)
    assert head is not None and "holder" in head.doc.lower()
    assert head.down_revision == "b1c7e9a2d4f6"  # the Chinese-text revision


def test_a_transfer_row_of_the_csv_with_an_event_cell_is_refused_not_half_read(ws, seeded_db, tmp_path):
    """The one-file CSV gives a transfer a row of its own; an event typed on that row used to be dropped
    without a word (the row was read as the transfer only).  Now the file is refused naming the cell."""
    out = tmp_path / "all.csv"
    export_database(ws, "csv", out)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines(keepends=True)))
    h = rows[0]
    n = next(i for i, r in enumerate(rows) if i and r[h.index("holder_to")] == "Mesoblast")
    rows[n][h.index("type")] = "ma_submitted"
    rows[n][h.index("date")] = "2014-02"
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    before = table_dump(seeded_db)
    with pytest.raises(ImportRefused) as refusal:
        import_file(ws, out)
    [issue] = refusal.value.issues
    assert issue.problem.code == "import.transfer_row_mixed" and issue.row == n + 1
    assert issue.problem.field == "type" and issue.problem.value == "ma_submitted"
    assert table_dump(seeded_db) == before


def test_the_product_view_of_a_product_with_an_ended_term_fits_the_window_and_names_the_holder(qtbot, seeded_db,
                                                                                               tmp_path):
    """Prochymal's New Zealand consent ended with nothing recorded: the sentence saying so used to widen
    the page past a 1280-pixel window, hiding "Mark as verified…" behind a scroll bar.  The one-line
    summary names the holder on the as-of day (Mesoblast), not the company the product was entered with.
    Needs the whole window: the page's room is what the window at 1280 pixels leaves it."""
    from ui.fake_dialogs import FakeDialogService

    from mscreg.ui.main_window import MainWindow
    from mscreg.ui.preferences import Settings

    w = MainWindow(Settings(str(tmp_path / "settings.ini")), FakeDialogService())
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    with qtbot.waitSignal(w.products_shown, timeout=20_000):
        w.open_database(str(seeded_db))
    qtbot.waitUntil(lambda: w.snapshot is not None and w.snapshot.complete, timeout=20_000)
    w.show_product(next(ov.product.id for ov in w.snapshot.overviews if ov.product.name == "Prochymal"))
    pv = w.product_view
    qtbot.waitUntil(lambda: len(pv.sections) >= 2, timeout=10_000)
    qtbot.wait(100)
    page = pv.overview_page
    assert page.widget().minimumSizeHint().width() <= page.viewport().width()
    assert "Mesoblast" in pv.summary.text() and "Osiris" not in pv.summary.text()
    w.close()


def test_the_review_queue_names_products_and_tracks_in_the_interface_language(qtbot):
    """The Chinese-text work gave products and indications Chinese names; the review queue under the
    deadlines showed only the English ones while the list above it showed the Chinese."""
    from mscreg.domain.event_types import Pathway
    from mscreg.domain.state_machine import derive
    from mscreg.domain.track import Track
    from mscreg.services.tracker import TrackOverview
    from mscreg.ui.deadlines_dashboard import DeadlinesDashboard
    from mscreg.ui.language import set_language

    track = Track(11, 1, "Amimestrocel", "CN", "aGVHD", Pathway.MARKETING, indication_zh="急性移植物抗宿主病")
    ov = ProductOverview(Product(1, "Amimestrocel", name_zh="艾米迈托赛"),
                         (TrackOverview(track, derive(track, ()), ()),))
    dash = DeadlinesDashboard()
    qtbot.addWidget(dash)
    dash.show()  # the page fills itself once shown
    set_language("zh_CN")
    try:
        dash.set_deadlines([], dt.date(2026, 12, 5), [ov])
        item = dash.review_list.topLevelItem(0)
        assert (item.text(0), item.text(2)) == ("艾米迈托赛", "急性移植物抗宿主病")
        set_language("en")
        qtbot.waitUntil(lambda: dash.review_list.topLevelItem(0).text(0) == "Amimestrocel", timeout=5_000)
        assert dash.review_list.topLevelItem(0).text(2) == "aGVHD"
    finally:
        set_language("en")


def test_timeline_lanes_name_the_holder_of_their_day(workspace):
    """A lane names the holder in its country on the chart's day where transfers are recorded: Osiris held
    Prochymal's Canadian NOC/c in 2012, Mesoblast holds it now; a product with none names nobody."""
    import datetime as dt

    from mscreg.services.timeline_data import country_timeline, product_timeline

    def subtitle(layout, code):
        return next(lane.subtitle for lane in layout.lanes if lane.title.startswith(code))

    now = product_timeline(workspace, "Prochymal", dt.date(2026, 12, 5))
    then = product_timeline(workspace, "Prochymal", dt.date(2012, 12, 1))
    assert subtitle(now, "CA").startswith("holder Mesoblast · ")
    assert subtitle(then, "CA").startswith("holder Osiris Therapeutics · ")
    assert "持有人 Mesoblast" in subtitle(product_timeline(workspace, "Prochymal", dt.date(2026, 12, 5), "zh_CN"), "CA")
    assert all("holder" not in lane.subtitle for lane in product_timeline(workspace, "Akuugo").lanes)
    canada = country_timeline(workspace, "CA", dt.date(2026, 12, 5))
    assert any(lane.subtitle.startswith("holder Mesoblast · ") for lane in canada.lanes)
