"""Opening a product's details leaves the "Details" button where it was, at the left.

With the one-line summary beside it hidden, the button sat alone in the middle of the row, so the
control the user had just clicked jumped away from the pointer.
"""

from __future__ import annotations

from adversarial import board_support

small_window = board_support.small_window


def test_the_details_button_stays_at_the_left_when_opened(qtbot, small_window):
    """Needs the whole window: the product view laid out as the list shows the current product."""
    w = small_window
    w.show_product(w.snapshot.overviews[0].product.id)
    view = w.product_view
    toggle = view.details_toggle
    qtbot.waitUntil(toggle.isVisible, timeout=5_000)
    closed_x = toggle.x()
    toggle.click()
    qtbot.waitUntil(view.details.isVisible, timeout=5_000)
    qtbot.wait(20)
    assert toggle.isChecked() and not view.summary.isVisible()
    assert abs(toggle.x() - closed_x) <= 2, (closed_x, toggle.x())
