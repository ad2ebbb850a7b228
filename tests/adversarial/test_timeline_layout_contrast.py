"""Timeline text on a dark desktop reads at WCAG AA (4.5:1) against its background and lane bands."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from mscreg.ui.timeline_style import MARKER_COLOURS, STATUS_COLOURS, Theme, contrast_ratio


def _dark_palette() -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1E1E1E"))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor("#2A2A2A"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#E6E6E6"))
    return palette


@pytest.mark.parametrize("theme", [Theme.from_palette(_dark_palette()), Theme.paper()], ids=["dark", "paper"])
def test_every_text_colour_of_the_timeline_reads_at_4_5_to_1(theme: Theme) -> None:
    colours = {"text": theme.text, "muted": theme.muted}
    colours |= {f"marker {k}": theme.readable(QColor(v)) for k, v in MARKER_COLOURS.items()}
    colours |= {f"deadline {k}": theme.readable(QColor(v)) for k, v in STATUS_COLOURS.items()}
    for name, colour in colours.items():
        for ground in (theme.background, theme.lane_alt):
            assert contrast_ratio(colour, ground) >= 4.5, (name, colour.name(), ground.name())


def test_contrast_ratio_is_wcag() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#FFFFFF")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#FFFFFF")) == pytest.approx(4.48, abs=0.01)
