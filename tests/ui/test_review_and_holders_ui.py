"""The review queue on the Deadlines page, the "verified …" line and "Mark as verified…" in the product
view, and the holder of the day in the product view and list."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mscreg.services.holders import add_transfer


def _show(window, name: str):
    window.show_product(next(ov.product.id for ov in window.snapshot.overviews if ov.product.name == name))
    return window.product_view


def test_deadlines_page_lists_tracks_never_verified(window):
    """Needs the whole window: the queue is fed by the session's snapshot through the Deadlines command."""
    window.commands.deadlines.trigger()
    dash = window.dashboard
    assert dash.review_list.topLevelItemCount() > 0
    names = {dash.review_list.topLevelItem(i).text(0) for i in range(dash.review_list.topLevelItemCount())}
    assert "Akuugo" in names
    assert "6" in dash.review_title.text()


def test_mark_as_verified_from_the_product_view_shows_the_check_and_leaves_the_queue(window, qtbot):
    """Needs the whole window: the button, the dialog, the write and the refreshed snapshot of both pages."""
    pv = _show(window, "Akuugo")
    section = pv.sections[0]
    assert "never verified" in section.verified.text()
    qtbot.mouseClick(section.verify_button, Qt.MouseButton.LeftButton)
    dlg = window.edits.controller.dialog
    assert dlg is not None and not dlg.ok_button().isEnabled()  # no source, no reason yet
    dlg.source_edit.setText("PMDA approval list")
    dlg.reason_edit.setText("annual review")
    with qtbot.waitSignal(window.snapshot_completed, timeout=20_000):
        qtbot.mouseClick(dlg.ok_button(), Qt.MouseButton.LeftButton)
    pv = _show(window, "Akuugo")
    assert "verified" in pv.sections[0].verified.text() and "PMDA approval list" in pv.sections[0].verified.text()
    window.commands.deadlines.trigger()
    dash = window.dashboard
    tracks = {(dash.review_list.topLevelItem(i).text(0), dash.review_list.topLevelItem(i).text(1))
              for i in range(dash.review_list.topLevelItemCount())}
    assert ("Akuugo", "JP") not in tracks


def test_the_product_view_and_list_show_the_holder_of_today(window, qtbot):
    """Needs the whole window: a transfer written elsewhere reaches the view through the session's refresh,
    and the search box finds a product by a past holder."""
    # the data set has Prochymal pass from Osiris to Mesoblast in 2013; Cupistem has no transfer in it
    pv = _show(window, "Prochymal")
    assert "Mesoblast" in pv.details.text()
    with qtbot.waitSignal(window.snapshot_completed, timeout=20_000):
        add_transfer(window.ws, product="Cupistem", jurisdiction="KR", role="holder", date="2015-01",
                     from_party="", to_party="Example Holder", reason="first holder")
        window.session.refresh_changed()
    pv = _show(window, "Cupistem")
    assert "Example Holder" in pv.details.text()
    assert window.filters is not None
    window.filters.search.setText("osiris")
    qtbot.waitUntil(lambda: "Prochymal" in [window.model.index(r, 0).data() for r in range(window.model.rowCount())],
                    timeout=10_000)


def test_the_review_months_come_from_preferences(window, settings):
    """Needs the whole window: Preferences are applied by the window to its pages and saved."""
    window.commands.deadlines.trigger()
    assert "6" in window.dashboard.review_title.text()
    window.apply_preferences(window.prefs._replace(review_months=24))
    assert window.dashboard.review_months == 24 and "24" in window.dashboard.review_title.text()
    assert settings.preferences().review_months == 24


def test_the_review_queue_follows_the_names_shown_in_chinese(window, qtbot):
    """Needs the whole window: the queue is filled from the session's snapshot, and a change of language
    renames its rows; their order must follow the names a Chinese reader sees, not the English ones."""
    from mscreg.ui.language import set_language

    def names():
        dash = window.dashboard
        return [dash.review_list.topLevelItem(i).text(0) for i in range(dash.review_list.topLevelItemCount())]

    window.commands.deadlines.trigger()
    english = names()
    assert english == sorted(english, key=str.casefold)  # every track is never verified: one group
    set_language("zh_CN")  # Qt posts the change to each widget
    try:
        qtbot.waitUntil(lambda: names() != english, timeout=5_000)
        chinese = names()
        assert chinese != english and any("\u4e00" <= ch <= "\u9fff" for name in chinese for ch in name)
        assert chinese == sorted(chinese, key=str.casefold)
    finally:
        set_language("en")
    qtbot.waitUntil(lambda: names() == english, timeout=5_000)
