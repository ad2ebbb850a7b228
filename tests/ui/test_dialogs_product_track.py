"""Product, track and delete dialogs: what they return, and what keeps OK disabled and why."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mscreg.domain.messages import text
from mscreg.domain.product import ProductDraft, Tissue
from mscreg.domain.track import TrackDraft
from mscreg.services import editing
from mscreg.services.tracker import find_product, list_events
from mscreg.ui.dialogs.delete_dialog import DeleteDialog
from mscreg.ui.dialogs.product_dialog import ProductDialog
from mscreg.ui.dialogs.track_dialog import TrackDialog


def test_new_product_dialog_returns_every_name_and_alias(qtbot):
    dlg = ProductDialog(None, lang="en")
    qtbot.addWidget(dlg)
    dlg.open()
    assert not dlg.ok_button().isEnabled() and "name" in dlg.problem_text()
    qtbot.keyClicks(dlg.name_edit, "Testocel")
    dlg.name_zh_edit.setText("测试赛")  # QTest cannot type characters outside Latin-1
    dlg.aliases_edit.setPlainText("TC-01\n\nTesto, cells\n")
    dlg.tissue_combo.setCurrentIndex(dlg.tissue_combo.findData("adipose"))
    assert not dlg.ok_button().isEnabled()  # still no reason
    qtbot.keyClicks(dlg.reason_edit, "new pipeline product")
    assert dlg.ok_button().isEnabled()
    qtbot.mouseClick(dlg.ok_button(), Qt.MouseButton.LeftButton)
    assert dlg.result() == 1
    assert dlg.value() == ProductDraft("Testocel", name_zh="测试赛", aliases=("TC-01", "Testo, cells"),
                                       source_tissue="adipose")
    assert dlg.reason() == "new pipeline product"


def test_edit_product_dialog_round_trips_the_product(qtbot, workspace):
    product = find_product(workspace, "Amimestrocel")
    dlg = ProductDialog(None, product, lang="zh_CN")
    qtbot.addWidget(dlg)
    assert dlg.value() == editing.product_draft(product)
    assert dlg.tissue_combo.currentText() == text(f"tissue.{Tissue(product.source_tissue).value}", "zh_CN")


def test_an_over_long_name_is_explained(qtbot):
    dlg = ProductDialog(None, lang="en")
    qtbot.addWidget(dlg)
    dlg.name_edit.setText("x" * 201)
    dlg.reason_edit.setText("r")
    assert not dlg.ok_button().isEnabled()
    assert "too long" in dlg.problem_text() and "200" in dlg.problem_text()
    assert dlg.problem_label.is_error()


def test_new_track_dialog(qtbot, workspace):
    dlg = TrackDialog(None, find_product(workspace, "Cartistem"), lang="en")
    qtbot.addWidget(dlg)
    dlg.open()
    assert not dlg.ok_button().isEnabled() and "jurisdiction" in dlg.problem_text()
    dlg.jurisdiction_combo.setCurrentIndex(dlg.jurisdiction_combo.findData("CN"))
    dlg.pathway_combo.setCurrentIndex(dlg.pathway_combo.findData("clinical"))
    qtbot.keyClicks(dlg.indication_edit, "knee osteoarthritis")
    qtbot.keyClicks(dlg.reason_edit, "CDE acceptance")
    qtbot.mouseClick(dlg.ok_button(), Qt.MouseButton.LeftButton)
    assert dlg.result() == 1
    assert dlg.value() == TrackDraft("CN", "knee osteoarthritis", "clinical")
    assert "China (CN)" in [dlg.jurisdiction_combo.itemText(i) for i in range(dlg.jurisdiction_combo.count())]


def test_moving_a_track_where_its_events_cannot_be_is_explained(qtbot, workspace):
    log = editing.track_log(workspace, next(v.track.id for v in list_events(workspace, product="Stemirac")))
    dlg = TrackDialog(None, log.product, log.track, log.events, lang="en")
    qtbot.addWidget(dlg)
    dlg.reason_edit.setText("wrong country")
    assert dlg.ok_button().isEnabled()
    dlg.jurisdiction_combo.setCurrentIndex(dlg.jurisdiction_combo.findData("KR"))
    assert not dlg.ok_button().isEnabled()
    assert "SAKIGAKE" in dlg.problem_text() and "KR" in dlg.problem_text()


def test_delete_dialog_needs_a_reason_and_shows_a_known_refusal(qtbot, workspace):
    dlg = DeleteDialog(None, "the event “Approval” (2024-12-18)", lang="en")
    qtbot.addWidget(dlg)
    assert not dlg.ok_button().isEnabled() and dlg.ok_button().text() == "Delete"
    qtbot.keyClicks(dlg.reason_edit, "duplicate")
    assert dlg.ok_button().isEnabled() and dlg.reason() == "duplicate"
    log = editing.track_log(workspace, next(v.track.id for v in list_events(workspace, product="Alofisel",
                                                                              jurisdiction="EU")))
    approval = next(e for e in log.events if e.type == "approval_full")
    refused = DeleteDialog(None, "approval", editing.deletion_refusal(log, approval.id), lang="zh_CN")
    qtbot.addWidget(refused)
    refused.reason_edit.setText("mistake")
    assert not refused.ok_button().isEnabled()
    assert "申报路径" in refused.problem_text()  # the later withdrawal depends on the approval
