"""A Chinese timeline's legend is punctuated as Chinese.

The legend's title was the catalogue's word with an ASCII colon added in code ("图例:"), and each
deadline entry was composed in code with ASCII brackets ("虚线：法定时限 (已逾期)"); the catalogue now
holds both whole, in each language's punctuation.
"""

from __future__ import annotations

import datetime as dt
import re

import synthetic_tracks
from PySide6.QtGui import QImage

from mscreg.domain.timeline_layout import country_layout
from mscreg.ui.timeline_pages import PageOptions, TimelineDocument
from mscreg.ui.timeline_style import word

AS_OF = dt.date(2026, 11, 21)
ASCII_BY_CHINESE = re.compile(r"[\u4e00-\u9fff]\s*[(:)]|[(:)]\s*[\u4e00-\u9fff]")


def _document(lang: str) -> TimelineDocument:
    size = PageOptions("A4", True, "page").page_layout().paintRectPoints()
    image = QImage(round(size.width() / 72 * 100), round(size.height() / 72 * 100), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(100 / 0.0254))
    image.setDotsPerMeterY(round(100 / 0.0254))
    layout = country_layout("CN", synthetic_tracks.portfolio_logs(8, 20, first_year=2020), AS_OF, lang)
    return TimelineDocument(layout, PageOptions("A4", True, "page"), image)


def test_the_chinese_legend_uses_chinese_colons_and_brackets(qapp) -> None:
    doc = _document("zh_CN")
    deadlines = [label for key, label in doc.legend_items if key.startswith("deadline:")]
    assert deadlines, "the synthetic lanes have running clocks"
    assert word("legend", "zh_CN") == "图例："
    for _key, label in doc.legend_items:
        assert not ASCII_BY_CHINESE.search(label), label
    assert all(label.startswith("虚线：法定时限（") and label.endswith("）") for label in deadlines), deadlines


def test_the_english_legend_reads_as_before(qapp) -> None:
    doc = _document("en")
    assert word("legend", "en") == "Legend:"
    deadlines = [label for key, label in doc.legend_items if key.startswith("deadline:")]
    assert deadlines and all(re.fullmatch(r"Dashed: statutory deadline \([a-z ]+\)", d) for d in deadlines)
