"""Printed timelines: no text overlaps another text, a marker or a line (leaders, deadlines, the as-of
day), for every chart the shipped data gives and for 2,000 synthetic lanes.

Every lane is painted through the one paint routine onto a recording device while the scene collects
what it drew where (``scene.ink``); each text rectangle (ascent to descent, as a PDF reader boxes it)
is then checked against everything else in that lane.  Touching is allowed, overlapping is not.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import synthetic_tracks
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage, QPainter, QPicture

from mscreg.domain.jurisdictions import get_jurisdiction
from mscreg.domain.timeline_layout import TimelineLayout, approvals_layout, country_layout, product_layout
from mscreg.ui.timeline_pages import PageOptions, TimelineDocument
from mscreg.ui.timeline_painter import paint_rows
from mscreg.ui.timeline_style import Theme

TOL = 0.05
AS_OF = dt.date(2026, 12, 5)


def _overlaps(text: QRectF, kind: str, other: QRectF) -> bool:
    if other.width() <= 0.01:  # a vertical line
        return (text.left() + TOL < other.left() < text.right() - TOL
                and other.top() < text.bottom() - TOL and text.top() < other.bottom() - TOL)
    return (text.left() < other.right() - TOL and other.left() < text.right() - TOL
            and text.top() < other.bottom() - TOL and other.top() < text.bottom() - TOL)


def collisions(layout: TimelineLayout, *, fit: str = "page", page: str = "A4") -> list[str]:
    """Paint every lane of every page plan and list each text that overlaps something else."""
    size = PageOptions(page=page, fit=fit).page_layout().paintRectPoints()
    big = QImage(round(size.width() / 72 * 150), round(size.height() / 72 * 150), QImage.Format.Format_RGB32)
    big.setDotsPerMeterX(round(150 / 0.0254))
    big.setDotsPerMeterY(round(150 / 0.0254))
    doc = TimelineDocument(layout, PageOptions(page=page, fit=fit), big)
    scene = doc.scene
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    for plan in doc.pages:
        for row in plan.rows:
            key = (row.lane, plan.window)
            if key in seen:
                continue
            seen.add(key)
            scene.ink = []
            picture = QPicture()
            painter = QPainter(picture)
            try:
                paint_rows(painter, scene, [row], plan.window, QPointF(0, 0), Theme.paper())
            finally:
                painter.end()
            ink, scene.ink = scene.ink, None
            # the painter must report what it drew: a lane with labels and no recorded text proves nothing
            if row.kind == "lane" and placement_has_text(scene, row.lane, plan.window):
                assert any(kind == "text" for kind, _ in ink), f"lane {row.lane}: nothing recorded"
                placement = scene.placement(row.lane, plan.window)
                if any(i.leader for i in placement.events + placement.deadlines):
                    assert any(kind == "line" for kind, _ in ink), f"lane {row.lane}: no leader recorded"
            for i, (what, text) in enumerate(ink):
                if what != "text":
                    continue
                for j, (kind, other) in enumerate(ink):
                    if j == i or (kind == "text" and j < i):
                        continue
                    if _overlaps(text, kind, other):
                        found.append(f"lane {row.lane} window {plan.window}: text {text.getRect()} over "
                                     f"{kind} {other.getRect()}")
                        break
                if len(found) > 20:
                    return found
    return found


def placement_has_text(scene, lane: int, window: int) -> bool:
    placement = scene.placement(lane, window)
    return bool(placement.events or placement.deadlines or placement.spans)


def _all_layouts(workspace, lang: str) -> list[tuple[str, TimelineLayout]]:
    from mscreg.services.timeline_data import track_logs

    logs = track_logs(workspace)
    out = [("approvals", approvals_layout(logs, AS_OF, lang))]
    for code in sorted({log.track.jurisdiction for log in logs}):
        out.append((code, country_layout(get_jurisdiction(code).code, logs, AS_OF, lang)))
    for product in {log.product.id: log.product for log in logs}.values():
        out.append((product.name, product_layout(product, logs, AS_OF, lang)))
    return out


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_no_text_overlaps_anything_in_any_shipped_chart(qapp, workspace, lang: str) -> None:
    problems = []
    for name, layout in _all_layouts(workspace, lang):
        for fit in ("page", "tile"):
            problems += [f"{name} ({fit}): {p}" for p in collisions(layout, fit=fit)]
    assert not problems, "\n".join(problems[:20])


def test_no_text_overlaps_anything_in_2000_synthetic_lanes(qapp) -> None:
    logs = synthetic_tracks.us_logs(2000)
    layout = country_layout("US", logs, AS_OF)
    problems = collisions(layout, fit="tile")
    assert not problems, "\n".join(problems[:20])


def test_headline_dates_are_labelled_in_full_never_hidden(qapp, workspace) -> None:
    """Every approval on the world chart shows its date on the chart or in the numbered table, and a
    state's name that carries an expiry date is never cut short."""
    from mscreg.services.timeline_data import track_logs

    layout = approvals_layout(track_logs(workspace), AS_OF, "en")
    image = QImage(1754, 1240, QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(150 / 0.0254))
    image.setDotsPerMeterY(round(150 / 0.0254))
    doc = TimelineDocument(layout, PageOptions(landscape=True), image)
    scene = doc.scene
    shown = []
    for i in range(len(layout.lanes)):
        for w in range(len(scene.windows)):
            placement = scene.placement(i, w)
            shown += [item.text for item in placement.events + placement.deadlines]
            shown += [s.text for s in placement.spans]
    shown += [c.text for c in scene.callouts]
    for lane in layout.lanes:
        for m in lane.events:
            assert f"{m.label} {m.date_text}" in shown, (lane.title, m.label)
        for s in lane.spans:
            if s.dated:
                assert s.label in shown, s.label
    assert not any(t.endswith("…") for t in shown)


@pytest.mark.skipif(__import__("shutil").which("pdftotext") is None, reason="poppler-utils not installed")
def test_world_approvals_pdf_shows_every_date_in_full_with_no_word_over_another(qapp, workspace,
                                                                                  tmp_path: Path) -> None:
    """As a PDF reader sees it: A4 landscape, every approval date whole, no two word boxes overlapping
    (boxes from ascent to descent may touch)."""
    import re
    import subprocess

    from mscreg.services.timeline_data import track_logs
    from mscreg.ui.timeline_pages import export_pdf

    out = tmp_path / "world.pdf"
    layout = approvals_layout(track_logs(workspace), AS_OF, "en")
    export_pdf(layout, out, PageOptions(page="A4", landscape=True))
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(out), "-"], capture_output=True, text=True,
                         check=True).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    words_text = []
    for page in xml.split("<page ")[1:]:
        words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(pattern, page)]
        words_text += [w[4] for w in words]
        for i, a in enumerate(words):
            for b in words[i + 1:]:
                overlap_x = min(a[2], b[2]) - max(a[0], b[0])
                overlap_y = min(a[3], b[3]) - max(a[1], b[1])
                assert overlap_x <= 0.3 or overlap_y <= 0.3, (a, b)
    for lane in layout.lanes:
        for m in lane.events:
            assert m.date_text in words_text, (lane.title, m.label, m.date_text)
    cut = [w for w in words_text if ("…" in w or "··" in w) and any(c.isdigit() for c in w)]
    assert not cut, cut  # no date is ever cut short (a lane's long indication may be)


def test_the_check_catches_labels_stacked_the_naive_way(qapp, workspace, monkeypatch) -> None:
    """The checker is not blind: labels put at their markers in one row (as a naive layout would)
    are reported, so the tests above pass because the layout is clean, not because nothing is seen."""
    from mscreg.services.timeline_data import track_logs
    from mscreg.ui import timeline_painter

    def naive(items, rows_cap, fixed, plot_width, already=()):
        for item in items:
            item.row, item.left = 0, min(item.anchor, plot_width - item.width)
        return [*already, *items], []

    monkeypatch.setattr(timeline_painter, "_pack", naive)
    logs = track_logs(workspace)
    ryoncil = next(log.product for log in logs if log.product.name == "Ryoncil")
    assert collisions(product_layout(ryoncil, logs, AS_OF, "en"))
