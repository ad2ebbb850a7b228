"""Typing in the search box filters the products by id from a list kept beside the sorted overviews, and
finds exactly what reading each overview's product finds."""

from __future__ import annotations

from mscreg.ui.product_filters import ProductFilter, apply_filter


def test_filtering_by_the_kept_ids_finds_what_reading_each_product_finds(window):
    """Needs the whole window: the shown snapshot's search index and its sorted overviews."""
    page = window.products_page
    ordered, kept = page._sorted_overviews()
    ids = [ov.product.id for ov in ordered]
    assert kept == ids
    search = window.snapshot.search
    for text in ("", "a", "mesoblast", "间充质", "ryoncil prochymal", "no such product"):
        f = ProductFilter(text=text)
        assert apply_filter(ordered, f, search, ids=ids) == apply_filter(ordered, f, search)


def test_typing_filters_the_list_in_its_sort_order(window, qtbot):
    """Needs the whole window: the search box, the list and its sort order."""
    names = [window.model.index(r, 0).data() for r in range(window.model.rowCount())]
    window.filters.search.setText("o")
    qtbot.waitUntil(lambda: 0 < window.model.rowCount() < len(names), timeout=5000)
    shown = [window.model.index(r, 0).data() for r in range(window.model.rowCount())]
    assert shown == [n for n in names if n in shown]
