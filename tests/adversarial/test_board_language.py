"""Both interface languages done properly on the board and around it.

* Counts use Qt's plural forms in English too ("1 deadline", "20 products", "in 940 days"), never
  "(s)": English needs its own plurals-only catalogue for that.
"""

from __future__ import annotations

import pytest
from adversarial import board_support

small_window = board_support.small_window  # the fixture, shared with the other board tests


@pytest.mark.parametrize(("n", "expected"), [(1, "in 1 day"), (940, "in 940 days")])
def test_english_countdowns_use_plural_forms(qapp, n, expected):
    from mscreg.ui.date_display import countdown
    from mscreg.ui.language import set_language

    set_language("zh_CN")
    set_language("en")
    assert countdown(n) == expected


def test_english_status_line_counts_products_in_the_plural(small_window):
    window = small_window
    assert window.status.text().startswith("20 products")
    assert "(s)" not in window.notice.text.text()
