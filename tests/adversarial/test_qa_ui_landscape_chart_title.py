"""A landscape chart's two-line Chinese title is painted whole, above the legend.

The title's box was 2.2 lines of the title font, but Chinese glyphs come from a fallback font with taller
lines: the second line of "CDE 受理的间充质干细胞临床试验申请(按年份和组织来源)" was cut in half and
the legend painted over it, on the Landscape page and wherever the chart is painted.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from mscreg.ui.fonts import apply_to_application, label_font
from mscreg.ui.landscape_chart import DATABASE, PUBLISHED, BarChart, Series, paint_bar_chart

TITLE = "CDE 受理的间充质干细胞临床试验申请(按年份和组织来源)"
W, H = 240, 220


def _image() -> QImage:
    img = QImage(W, H, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    return img


def _dark(img: QImage, x: int, y: int, below: int) -> bool:
    return QColor(img.pixel(x, y)).lightness() < below


def test_every_pixel_of_the_title_survives_the_legend_and_the_bars(qapp):
    apply_to_application(qapp)
    title_font, font = label_font(9.5, bold=True), label_font(8.5)
    chart = BarChart(TITLE, ("2018", "2019", "2020"),
                     (Series("已发表：受理数", PUBLISHED, (5.0, 5.0, 9.0)),
                      Series("本数据库", DATABASE, (0.0, 1.0, 0.0))))
    whole = _image()
    p = QPainter(whole)
    paint_bar_chart(p, QRectF(0, 0, W, H), chart, title_font, font)
    p.end()

    alone = _image()  # the title as it lays out by itself
    p = QPainter(alone)
    p.setFont(title_font)
    p.setPen(QColor("black"))
    p.drawText(QRectF(0, 0, W, H), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
                                       | Qt.TextFlag.TextWordWrap), TITLE)
    bounds = p.boundingRect(QRectF(0, 0, W, H), int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), TITLE)
    p.end()
    assert bounds.height() > title_font.pointSizeF() * 2  # two lines: the case that broke

    title_pixels = [(x, y) for y in range(int(bounds.height()) + 1) for x in range(W) if _dark(alone, x, y, 60)]
    lost = [(x, y) for x, y in title_pixels if not _dark(whole, x, y, 180)]
    assert not lost, f"{len(lost)} of {len(title_pixels)} title pixels not painted"


def test_a_published_series_is_named_with_the_chinese_colon(qapp, seeded_db):
    """The legend read "已发表: 间充质干细胞", an English colon and space inside Chinese."""
    from mscreg.services.landscape_inputs import read_landscape
    from mscreg.services.workspace import open_workspace
    from mscreg.ui.landscape_chart import charts_of

    ws = open_workspace(str(seeded_db))
    try:
        counts = read_landscape(ws).counts()
    finally:
        ws.close()
    names = [s.name for c in charts_of(counts, "zh_CN") for s in c.series]
    published = [n for n in names if n.startswith("已发表") and len(n) > len("已发表")]
    assert published and all(n.startswith("已发表：") for n in published), published
    english = [s.name for c in charts_of(counts, "en") for s in c.series if ": " in s.name]
    assert english
