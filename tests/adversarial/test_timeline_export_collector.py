"""A timeline export pauses Python's cycle collector while it plans and paints, and always resumes it.

A tiled export of 2,000 lanes makes about a million short-lived objects; the collector walked the whole
heap every few thousand of them (about 0.8 s of the export).  Pausing it must never leak out: after a
finished, a cancelled or a failed export the collector runs as before, and an export started while the
collector was already off leaves it off.
"""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path

import pytest
import synthetic_tracks

from mscreg.domain.timeline_layout import TimelineLayout, country_layout
from mscreg.ui import timeline_pages
from mscreg.ui.timeline_pages import ExportCancelled, PageOptions, export_pdf, export_png, export_svg

AS_OF = dt.date(2026, 11, 21)


@pytest.fixture(scope="module")
def layout(qapp) -> TimelineLayout:
    return country_layout("CN", synthetic_tracks.portfolio_logs(6, 30), AS_OF)


@pytest.fixture
def seen(monkeypatch) -> list[bool]:
    """Whether the collector was on, noted at the planning and at every page painted."""
    noted: list[bool] = []
    original_init = timeline_pages.TimelineDocument.__init__
    original_paint = timeline_pages.TimelineDocument.paint

    def init(self, *args, **kwargs):
        noted.append(gc.isenabled())
        original_init(self, *args, **kwargs)

    def paint(self, *args, **kwargs):
        noted.append(gc.isenabled())
        original_paint(self, *args, **kwargs)

    monkeypatch.setattr(timeline_pages.TimelineDocument, "__init__", init)
    monkeypatch.setattr(timeline_pages.TimelineDocument, "paint", paint)
    assert gc.isenabled()
    return noted


@pytest.mark.parametrize("export", [export_pdf, export_png, export_svg])
def test_the_collector_is_paused_while_pages_are_made_and_runs_again_after(
        layout: TimelineLayout, tmp_path: Path, seen: list[bool], export) -> None:
    suffix = {export_pdf: "pdf", export_png: "png", export_svg: "svg"}[export]
    export(layout, tmp_path / f"tiled.{suffix}", PageOptions("A4", True, "tile"))
    assert len(seen) >= 3 and not any(seen), seen
    assert gc.isenabled()


def test_a_cancelled_export_resumes_the_collector(layout: TimelineLayout, tmp_path: Path, seen: list[bool]) -> None:
    with pytest.raises(ExportCancelled):
        export_pdf(layout, tmp_path / "cancelled.pdf", PageOptions("A4", True, "tile"),
                   progress=lambda done, _total: done < 1)
    assert seen and not any(seen)
    assert gc.isenabled()
    assert not (tmp_path / "cancelled.pdf").exists()


def test_a_failed_export_resumes_the_collector(layout: TimelineLayout, tmp_path: Path, monkeypatch) -> None:
    def broken(self, *args, **kwargs):
        raise RuntimeError("paint failed")

    monkeypatch.setattr(timeline_pages.TimelineDocument, "paint", broken)
    with pytest.raises(RuntimeError):
        export_pdf(layout, tmp_path / "failed.pdf", PageOptions("A4", True, "tile"))
    assert gc.isenabled()


def test_an_export_leaves_a_collector_that_was_off_off(layout: TimelineLayout, tmp_path: Path) -> None:
    gc.disable()
    try:
        export_pdf(layout, tmp_path / "off.pdf", PageOptions("A4", True, "tile"))
        assert not gc.isenabled()
    finally:
        gc.enable()
