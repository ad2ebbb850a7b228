"""The table of numbered callouts under a tiled chart, grouped by lane.

A reader who meets a number on the chart looks it up on the same page.  The table names each lane
once, beside its callouts, and each callout's entry still says its number, its event and its date:

- every lane with callouts on a page is named once in that page's table, two lanes of one name each
  with what tells it from the other;
- every callout of the page has its number and its whole text (nothing elided) in the table;
- every number drawn on the chart (at a marker, or under a lane's title) is listed in the table;
- no two entries share a cell, and every entry lies inside the page.

Checked on every page of 60 synthetic lanes, in English and in Chinese.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import pytest
import synthetic_tracks
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage, QPainter

from mscreg.domain.timeline_layout import country_layout
from mscreg.ui.timeline_pages import PageOptions, TimelineDocument
from mscreg.ui.timeline_style import word

AS_OF = dt.date(2026, 11, 21)
LANES = 60


class RecordingPainter(QPainter):
    """Notes every text drawn with its baseline position (on an image every text goes through drawText)."""

    def __init__(self, device) -> None:
        super().__init__(device)
        self.texts: list[tuple[str, float, float]] = []

    def drawText(self, *args) -> None:
        if len(args) == 2 and isinstance(args[0], QPointF) and isinstance(args[1], str):
            at = self.transform().map(args[0])
            self.texts.append((args[1], at.x(), at.y()))
        super().drawText(*args)


def _image() -> QImage:
    size = PageOptions("A4", True, "tile").page_layout().paintRectPoints()
    image = QImage(round(size.width() / 72 * 100), round(size.height() / 72 * 100), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(100 / 0.0254))
    image.setDotsPerMeterY(round(100 / 0.0254))
    return image


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_page_lists_its_callouts_under_each_lanes_name_once(qapp, lang: str) -> None:
    layout = country_layout("CN", synthetic_tracks.portfolio_logs(LANES, 50), AS_OF, lang)
    image = _image()
    doc = TimelineDocument(layout, PageOptions("A4", True, "tile"), image)
    heading = word("callouts", lang)
    number_word = word("number", lang)
    legend_words = {word("legend", lang)} | {label for _key, label in doc.legend_items}
    chart_numbers: list[str] = []
    original = doc.scene.draw_text

    def record(p, font, x, baseline, text):  # the chart's labels and label columns
        chart_numbers.append(text)
        original(p, font, x, baseline, text)

    doc.scene.draw_text = record
    pages_with_table = 0
    problems: list[tuple] = []
    try:
        for index in range(len(doc.pages)):
            chart_numbers.clear()
            painter = RecordingPainter(image)
            try:
                doc.paint(painter, index)
            finally:
                painter.end()
            callouts = doc.page_callouts(index)
            texts = [t for t, _x, _y in painter.texts]
            if not callouts:
                assert heading not in texts
                continue
            pages_with_table += 1
            start = texts.index(heading)
            end = next(i for i in range(start, len(texts)) if texts[i] in legend_words)
            table = painter.texts[start + 1:end]
            table_texts = Counter(t for t, _x, _y in table)
            # each lane named once, beside its callouts; two lanes of one product (its clinical and marketing
            # tracks) each with what tells it from the other
            names: dict[str, list[str]] = {}
            lines: Counter[str] = Counter()
            groups = doc._groups_of(doc.scene, callouts)
            for (group_callouts, _group), pieces in zip(groups, doc._page_titles(doc.scene, groups), strict=True):
                title = layout.lanes[group_callouts[0].lane].title
                named = [text for line in pieces for _x, text in line]
                names.setdefault(title, []).append(" ".join(named))
                lines.update(named)
                if not named[0].startswith(title[:6]):
                    problems.append((index + 1, "lane not named", title, named))
            problems += [(index + 1, "lane named", line, table_texts[line], n) for line, n in lines.items()
                         if table_texts[line] != n]
            for title, named in names.items():
                if len(set(named)) != len(named):
                    problems.append((index + 1, "two lanes named alike", title, named))
            # each callout: its number and its whole text
            for c in callouts:
                if table_texts[str(c.number)] < 1:
                    problems.append((index + 1, "number missing", c.number))
                if table_texts[c.text] < 1:
                    problems.append((index + 1, "text missing or cut", c.number, c.text))
            # no two entries at one place, all on the page
            places = Counter((round(x, 1), round(y, 1)) for t, x, y in table)
            clash = [p for p, n in places.items() if n > 1]
            if clash:
                problems.append((index + 1, "two entries at one place", clash[:3]))
            width = image.width()
            if any(x < 0 or x > width for _t, x, _y in table):
                problems.append((index + 1, "entry off the page"))
            # every number on the chart is in this page's table
            listed = {str(c.number) for c in callouts}
            for text in chart_numbers:
                named = re.findall(r"\d+", text) if text.startswith(number_word) else (
                    [text] if text.isdigit() else [])
                problems += [(index + 1, "number on the chart not in the table", n) for n in named
                             if n not in listed]
    finally:
        del doc.scene.draw_text
    assert pages_with_table > len(doc.pages) // 2  # the synthetic lanes crowd their labels
    assert not problems, problems[:10]
