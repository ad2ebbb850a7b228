"""A tiled PDF does the work of each page once: what every page repeats is shaped once, and the label
packing does not finish a walk whose result it throws away.

The tiled A4 export of 2,000 lanes is over two thousand pages; these checks are about the work done,
never about wall-clock time:

- on a PDF, the texts every page repeats (legend, header, axis dates, the footer's right-hand text)
  are drawn from glyph runs shaped once (a row of them, such as the axis dates, merged into one run),
  not laid out again by ``drawText`` on every page;
- an SVG keeps drawing them as text (a glyph run carries no characters, and an SVG writes characters);
- label packing stops at the first headline label that finds no room (the lane is then packed again,
  headlines first) and places every label exactly where the full walk did.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path

import pytest
import synthetic_tracks
from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainter, QPdfWriter

from mscreg.domain.timeline_layout import TimelineLayout, country_layout
from mscreg.ui.timeline_pages import PageOptions, TimelineDocument
from mscreg.ui.timeline_painter import LabelItem, _pack, _pack_rows

AS_OF = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def layout(qapp) -> TimelineLayout:
    return country_layout("CN", synthetic_tracks.portfolio_logs(12, 50), AS_OF)


class CountingPainter(QPainter):
    """A painter that notes which texts go through ``drawText`` and how many glyph runs are drawn."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.runs = 0
        self.glyphs = 0

    def drawText(self, *args) -> None:
        self.texts.extend(a for a in args if isinstance(a, str))
        super().drawText(*args)

    def drawGlyphRun(self, position: QPointF, run) -> None:
        self.runs += 1
        self.glyphs += len(run.glyphIndexes())
        super().drawGlyphRun(position, run)


def _paint_two_pages(layout: TimelineLayout, device) -> tuple[TimelineDocument, CountingPainter]:
    painter = CountingPainter()
    assert painter.begin(device)
    try:
        doc = TimelineDocument(layout, PageOptions("A4", True, "tile"), device)
        assert len(doc.pages) >= 2
        doc.paint(painter, 0)
        if hasattr(device, "newPage"):  # an SVG is one picture: the second page is drawn over the first
            device.newPage()
        doc.paint(painter, 1)
    finally:
        painter.end()
    return doc, painter


def _repeated_texts(doc: TimelineDocument) -> set[str]:
    legend = {label for _key, label in doc.legend_items}
    ticks = {t.label for w in doc.scene.windows for t in doc.scene.ticks(w)}
    numbers = {str(c.number) for c in doc.scene.callouts}  # a callout's number may read like a month's
    return (legend | ticks | {doc.layout.title} | ({doc._footer_right} if doc._footer_right else set())) - numbers


def test_a_pdf_draws_the_texts_every_page_repeats_from_glyph_runs(layout: TimelineLayout, tmp_path: Path) -> None:
    writer = QPdfWriter(str(tmp_path / "tiled.pdf"))
    writer.setResolution(1200)
    writer.setPageLayout(PageOptions("A4", True, "tile").page_layout())
    doc, painter = _paint_two_pages(layout, writer)
    laid_out_again = _repeated_texts(doc) & set(painter.texts)
    assert not laid_out_again, f"drawn with drawText on every page: {sorted(laid_out_again)[:5]}"
    # the legend's labels of both pages at least (a row of labels may be one run: count their glyphs)
    legend_glyphs = sum(len(label) - label.count(" ") for _key, label in doc.legend_items)
    assert painter.runs >= 2 and painter.glyphs >= 2 * legend_glyphs
    assert painter.texts, "the labels of the lanes are still drawn as text"


def test_an_svg_keeps_writing_those_texts_as_characters(layout: TimelineLayout, tmp_path: Path) -> None:
    from PySide6.QtCore import QRect, QSize
    from PySide6.QtSvg import QSvgGenerator

    generator = QSvgGenerator()
    generator.setFileName(str(tmp_path / "tiled.svg"))
    generator.setSize(QSize(1123, 794))
    generator.setViewBox(QRect(0, 0, 1123, 794))
    generator.setResolution(96)
    doc, painter = _paint_two_pages(layout, generator)
    assert painter.runs == 0
    legend = [label for _key, label in doc.legend_items]
    assert set(legend) <= set(painter.texts)
    svg = (tmp_path / "tiled.svg").read_text(encoding="utf-8")
    assert legend[0].split()[0] in svg


def _labels(rng: random.Random, count: int, plot: float) -> list[LabelItem]:
    items = []
    for i in range(count):
        anchor = rng.uniform(0, plot)
        width = rng.uniform(20, 140)
        items.append(LabelItem(f"label {i}", anchor, width, anchor, priority=rng.choice((0, 1, 1)),
                               leader=rng.random() > 0.1))
    return items


def _reference_pack(items, rows_cap, fixed, plot_width):
    """The packing as it was: the whole walk, then headlines first when one of them found no room."""
    placed, failed = _pack_rows(items, rows_cap, fixed, plot_width)
    if not any(i.priority == 0 for i in failed):
        return placed, failed
    placed, failed = _pack_rows([i for i in items if i.priority == 0], rows_cap, fixed, plot_width)
    placed, more = _pack_rows([i for i in items if i.priority != 0], rows_cap, fixed, plot_width, placed)
    return placed, failed + more


def test_packing_stops_at_the_first_headline_without_room_and_places_labels_as_before() -> None:
    rng = random.Random(20261206)
    plot = 600.0
    retried = 0
    for _ in range(300):
        items = _labels(rng, rng.randint(1, 40), plot)
        fixed = [rng.uniform(0, plot)] if rng.random() < 0.5 else []
        rows = rng.randint(1, 6)
        expected_placed, expected_failed = _reference_pack([dataclasses.replace(i) for i in items], rows, fixed, plot)
        placed, failed = _pack([dataclasses.replace(i) for i in items], rows, fixed, plot)
        assert [(i.text, i.row, i.left) for i in placed] == [(i.text, i.row, i.left) for i in expected_placed]
        assert sorted(i.text for i in failed) == sorted(i.text for i in expected_failed)
        walk_placed, walk_failed = _pack_rows([dataclasses.replace(i) for i in items], rows, fixed, plot,
                                              headline_fails=True)
        if any(i.priority == 0 for i in walk_failed):
            retried += 1
            assert walk_failed[-1].priority == 0  # the walk ended there
            assert len(walk_placed) + len(walk_failed) <= len(items)
    assert retried > 20  # the case is exercised


def test_printed_labels_are_set_without_the_shaping_pass_and_the_screen_keeps_kerning(
        layout: TimelineLayout, tmp_path: Path) -> None:
    from PySide6.QtGui import QFont

    from mscreg.ui.timeline_view import TimelineView

    writer = QPdfWriter(str(tmp_path / "fonts.pdf"))
    writer.setResolution(1200)
    painter = QPainter(writer)
    try:
        doc = TimelineDocument(layout, PageOptions("A4", True, "tile"), writer)
    finally:
        painter.end()
    no_shaping = QFont.StyleStrategy.PreferNoShaping
    for font in (doc.scene.label_font, doc.scene.title_font, doc.table_font, doc.legend_font, doc.header_font):
        assert font.styleStrategy() & no_shaping
    from PySide6.QtCore import qInstallMessageHandler

    messages: list[str] = []
    previous = qInstallMessageHandler(lambda _kind, _context, text: messages.append(text))
    view = TimelineView()
    try:
        view.resize(800, 600)
        view.set_layout(layout)
        view.viewport().repaint()
        scene = view._scene
        assert scene is not None
        assert not scene.label_font.styleStrategy() & no_shaping
    finally:
        qInstallMessageHandler(previous)
        view.deleteLater()
    # the screen's scene never asks its widget for a paint engine (Qt warns, as it is only valid in a paint)
    assert not [m for m in messages if "paintEngine" in m]
