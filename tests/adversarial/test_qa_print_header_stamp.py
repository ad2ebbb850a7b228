"""A printed timeline's header never cuts its stamp short.

The line under the title says what the page shows, then as of which day, when it was printed (with
the UTC offset) and by which program, elided to the page's width: on an A4 portrait page of the world
approvals the printing time's offset and the program were cut ("printed 2026-12-06 10:22 (UTC…").
When one line would cut it, the stamp now has a line of its own.
"""

from __future__ import annotations

import datetime as dt

import pytest
import synthetic_tracks
from PySide6.QtGui import QImage, QPainter

from mscreg import __version__
from mscreg.domain.timeline_layout import TimelineLayout, approvals_layout, country_layout
from mscreg.ui.timeline_pages import PageOptions, TimelineDocument

AS_OF = dt.date(2026, 11, 21)
PRINTED = dt.datetime(2026, 12, 6, 10, 22, tzinfo=dt.UTC)


def _document(layout: TimelineLayout, options: PageOptions) -> TimelineDocument:
    size = options.page_layout().paintRectPoints()
    image = QImage(round(size.width() / 72 * 100), round(size.height() / 72 * 100), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(100 / 0.0254))
    image.setDotsPerMeterY(round(100 / 0.0254))
    return TimelineDocument(layout, options, image, PRINTED)


def _header_texts(doc: TimelineDocument) -> list[str]:
    """The texts the first page repeats from page to page (its header and footer furniture)."""
    drawn: list[str] = []
    original = doc.scene.draw_repeated

    def record(p, font, x, baseline, text):
        drawn.append(text)
        original(p, font, x, baseline, text)

    doc.scene.draw_repeated = record
    painter = QPainter(doc.device)
    try:
        doc.paint(painter, 0)
    finally:
        painter.end()
        del doc.scene.draw_repeated
    return drawn


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_long_line_under_the_title_keeps_its_stamp_whole(qapp, lang: str) -> None:
    layout = approvals_layout(synthetic_tracks.portfolio_logs(6, 30), AS_OF, lang)
    narrow = _document(layout, PageOptions("A4", False, "page"))
    stamp = narrow.stamp()  # as of, printed with its offset, the program
    assert AS_OF.isoformat() in stamp and f"mscreg {__version__}" in stamp
    assert any(text.endswith(stamp) for text in _header_texts(narrow)), stamp


def test_a_line_that_fits_stays_one_line(qapp) -> None:
    layout = country_layout("CN", synthetic_tracks.portfolio_logs(6, 30), AS_OF, "en")
    wide = _document(layout, PageOptions("A4", True, "tile"))
    assert f"{wide.shows()}  ·  {wide.stamp()}" in _header_texts(wide)
    narrow = _document(approvals_layout(synthetic_tracks.portfolio_logs(6, 30), AS_OF, "en"),
                       PageOptions("A4", False, "page"))
    assert narrow.header_h > wide.header_h  # the second line is made room for
