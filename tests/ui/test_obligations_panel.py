"""The product view shows each track's obligations under its authorisations, read with the window's
snapshot: kind, text in the interface language (the other language's when it has none), due date, status
as of the day, owner, and the conversion at which one was still open."""

from __future__ import annotations

import pytest

from mscreg.domain.obligation import ObligationDraft

CLI_TRACK = "critical limb ischaemia (Buerger's disease; atherosclerotic PAD)"


@pytest.fixture
def seeded_db(seeded_db):
    """Two obligations of Stempeucel on a database without the data set's own, so that the lists are these."""
    from support import without_shipped_obligations

    from mscreg.services import obligations as obl
    from mscreg.services.workspace import open_workspace

    without_shipped_obligations(seeded_db)
    with open_workspace(str(seeded_db), daily_backup=False) as ws:
        obl.add_obligation(ws, draft=ObligationDraft("confirmatory_trial", "Phase 4 study of limb salvage",
                                                     due="2019-05", owner="Clinical ops"),
                           reason="approval letter", product="Stempeucel", jurisdiction="IN", indication=CLI_TRACK,
                           authorisation_type="approval_limited")
        obl.add_obligation(ws, draft=ObligationDraft("periodic_report", "", text_zh="定期安全性更新报告",
                                                     due_rule="18 months"),
                           reason="approval letter", product="Stempeucel", jurisdiction="IN", indication=CLI_TRACK,
                           authorisation_type="approval_limited")
    return seeded_db


def test_the_product_view_lists_the_obligations_of_each_track(window, tmp_path):
    """Needs the whole window: the obligations come to the product view through the session's snapshot
    and the product view's sections, as a user opens a product."""
    window.show_product(next(ov.product.id for ov in window.snapshot.overviews if ov.product.name == "Stempeucel"))
    pv = window.product_view
    [section] = [s for s in pv.sections if s.track_view.track.indication == CLI_TRACK]
    panel = section.obligations
    assert len(panel.views) == 2 and not panel.isHidden()
    shown = panel.table.text()
    assert "Phase 4 study of limb salvage" in shown and "Confirmatory trial" in shown
    assert "2019-05-01..2019-05-31" in shown and "Overdue" in shown and "Clinical ops" in shown
    assert "定期安全性更新报告" in shown  # no English text: the Chinese one
    assert "Still open at Approval" in shown
    # the other tracks have none: their panel shows only where an authorisation could be given one
    from mscreg.ui.obligations_panel import authorisations_of

    for other in (s for s in pv.sections if s is not section):
        assert not other.obligations.views
        assert other.obligations.isHidden() == (not authorisations_of(other.track_view))
    section.grab().save(str(tmp_path / "obligations.png"))


def test_the_deadlines_page_lists_open_obligations_and_opens_their_product(window, qtbot, tmp_path):
    """Needs the whole window: activating an obligation on the Deadlines page must open its product in the
    product view, which only the window connects."""
    listed = window.dashboard.obligations
    assert not listed.isHidden()
    rows = [[listed.tree.topLevelItem(r).text(c) for c in range(7)] for r in range(listed.tree.topLevelItemCount())]
    assert [r[5] for r in rows] == ["定期安全性更新报告", "Phase 4 study of limb salvage"]  # soonest due first
    assert rows[1][:5] == ["2019-05-01..2019-05-31", "Overdue", "Stempeucel", "IN", "Confirmatory trial"]
    with qtbot.waitSignal(window.dashboard.product_activated) as signal:
        listed.tree.itemActivated.emit(listed.tree.topLevelItem(1), 0)
    assert signal.args[0] == next(ov.product.id for ov in window.snapshot.overviews if ov.product.name == "Stempeucel")
    listed.grab().save(str(tmp_path / "open_obligations.png"))
