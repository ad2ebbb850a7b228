"""The product view keeps its track sections from one product to the next and gives them the new tracks.

Making a section's widgets and laying them out cost about 10 ms a section, at every keystroke in the
search box that brought another product to the top of the list.  A kept section must show nothing of
the product it showed before: not its title, events, selection, clocks or obligations.
"""

from __future__ import annotations


def _by_tracks(window, fewer: bool):
    """Two products with tracks, the second with fewer (or more) tracks than the first."""
    overviews = sorted((ov for ov in window.snapshot.overviews if ov.tracks), key=lambda ov: len(ov.tracks))
    many, few = overviews[-1], overviews[0]
    assert len(many.tracks) > len(few.tracks)
    return (many, few) if fewer else (few, many)


def _titles(window) -> list[str]:
    return [s.title() for s in window.product_view.sections]


def _events(section) -> list:
    return [section.model.event_at(r) for r in range(section.model.rowCount())]


def test_sections_are_kept_and_show_only_the_new_products_tracks(window, qtbot):
    """Needs the whole window: the product view as the list shows the current product."""
    first, second = _by_tracks(window, fewer=True)
    window.show_product(first.product.id)
    before = list(window.product_view.sections)
    section = before[0]
    section.table.selectRow(0)
    assert section.selected_event_id() is not None
    window.show_product(second.product.id)
    after = window.product_view.sections
    assert len(after) == len(second.tracks)
    assert after[0] is before[0]  # kept, not made again
    assert window.product_view.selected_event_id() is None  # nothing of the first product stays selected
    shown = {e.id for s in after for e in _events(s)}
    assert shown == {e.id for tv in second.tracks for e in tv.events}
    assert all(s.track_view.track.id in {tv.track.id for tv in second.tracks} for s in after)
    for kept in before[len(after):]:  # hidden and kept for a product with more tracks, emptied of this one
        assert not kept.isVisible() and kept.track_view is None and kept.model.rowCount() == 0


def test_a_product_with_more_tracks_gets_new_sections_beside_the_kept_ones(window, qtbot):
    """Needs the whole window: the product view as the list shows the current product."""
    first, second = _by_tracks(window, fewer=False)
    window.show_product(first.product.id)
    kept = list(window.product_view.sections)
    window.show_product(second.product.id)
    sections = window.product_view.sections
    assert sections[:len(kept)] == kept and len(sections) == len(second.tracks)
    again = _titles(window)
    window.show_product(first.product.id)
    window.show_product(second.product.id)
    assert _titles(window) == again  # the same product shows the same, kept sections or not
    layout = window.product_view.sections_layout
    order = [layout.indexOf(s) for s in sections]
    assert order == sorted(order) and -1 not in order  # in the tracks' order, above the trials


def test_another_product_is_laid_out_inside_its_pane_not_in_the_whole_window(window, qtbot):
    """Needs the whole window: the product view in the page's splitter under the list and the filters.

    A change inside the product view used to lay the splitter, the page and the window out again and repaint the
    list and the filters above it, at every keystroke that brought another product to the top of the list."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    first, second = _by_tracks(window, fewer=True)
    page, snap = window.products_page, window.snapshot
    laid_out = {page.splitter: "splitter", page: "page"}  # their backgrounds behind the view are painted, of course
    painted = {window.table: "list", window.table.viewport(): "list's rows", window.filters.search: "search box"}
    seen: list[str] = []

    class Watch(QObject):
        def eventFilter(self, obj, event):
            if obj in laid_out and event.type() == QEvent.Type.LayoutRequest:
                seen.append(f"{laid_out[obj]} laid out")
            if obj in painted and event.type() == QEvent.Type.Paint:
                seen.append(f"{painted[obj]} painted")
            return False

    def show(ov) -> None:
        page.product_view.show_product(ov, page._clocks_of(ov.product.id), snap.as_of, snap.obligations,
                                       snap.trials)
        QApplication.processEvents()

    show(first)
    qtbot.wait(50)
    watch = Watch()
    QApplication.instance().installEventFilter(watch)
    try:
        show(second)
        show(first)
    finally:
        QApplication.instance().removeEventFilter(watch)
    assert seen == []
    assert {s.track_view.track.id for s in page.product_view.sections} == {tv.track.id for tv in first.tracks}
    assert page.product_view.height() >= 150 and page.product_view.width() == page.splitter.width()
