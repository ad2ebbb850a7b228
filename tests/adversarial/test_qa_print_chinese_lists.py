"""A Chinese timeline lists undated events and callout numbers with the Chinese enumeration comma.

The painter joined them with an ASCII comma and put a space after the full-width colon: "无日期：
临床试验申请受理, 默示许可" and "编号 1, 2".  Both now come from the catalogue in each language's
punctuation: "无日期：临床试验申请受理、默示许可", "编号 1、2"; English reads as before.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import synthetic_tracks
from PySide6.QtGui import QImage

from mscreg.domain.timeline_layout import UndatedEvent, country_layout
from mscreg.ui.timeline_painter import TimelineScene
from mscreg.ui.timeline_style import Fonts

AS_OF = dt.date(2026, 11, 21)


@pytest.mark.parametrize(("lang", "undated", "numbers"), [
    ("zh_CN", "无日期：甲、乙", "编号 1、2"),
    ("en", "Undated: A, B", "No. 1, 2"),
])
def test_lists_in_a_lane_use_the_languages_punctuation(qapp, lang, undated, numbers) -> None:
    layout = country_layout("CN", synthetic_tracks.portfolio_logs(2, 10), AS_OF, lang)
    names = ("甲", "乙") if lang == "zh_CN" else ("A", "B")
    lanes = list(layout.lanes)
    lanes[0] = dataclasses.replace(lanes[0], undated=tuple(UndatedEvent(None, "agency_feedback", n) for n in names))
    layout = dataclasses.replace(layout, lanes=tuple(lanes))
    image = QImage(800, 600, QImage.Format.Format_RGB32)
    scene = TimelineScene(layout, Fonts(image, kerning=False), 700.0)
    assert scene.lane_index(0).undated[0] == undated
    assert scene._unplaced_text(["1", "2"]) == numbers
