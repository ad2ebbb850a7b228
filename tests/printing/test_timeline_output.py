"""Printed timelines: one-page PDFs with the CJK font embedded, tiles that repeat labels and axis,
PNG and QImage rendering, print preview page counts, and refusals that leave no file behind.

The PDF checks use poppler-utils (installed by .ci/run); without them those tests skip and say so.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from synthetic_tracks import us_logs

from mscreg.domain.timeline_layout import country_layout

POPPLER = shutil.which("pdfinfo") and shutil.which("pdffonts") and shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdfinfo, pdffonts, pdftotext) not installed")
AS_OF = "2026-11-21"


def mscreg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mscreg.cli", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_text(path: Path, page: int | None = None) -> str:
    span = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", "-layout", *span, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@needs_poppler
@pytest.mark.parametrize(("selection", "expected", "pages"), [
    (["--jurisdiction", "CN"], ["艾米迈托赛", "Amimestrocel", "China (CN)", "Conditional approval", "2030-01-02"], 1),
    (["--product", "Ryoncil"], ["Ryoncil", "Complete response letter 2020-10", "Approval 2024-12-18"], 1),
    # 17 lanes at 7 pt or more do not fit one A4 page: they flow onto balanced pages at full width (three,
    # since lanes list their designations under the state)
    (["--approvals"], ["MSC marketing authorisations worldwide", "艾米迈托赛", "Alofisel", "NeuroNATA-R"], 3),
])
def test_done_when_timelines_are_one_page_with_fonts_embedded(seeded_db: Path, tmp_path: Path,
                                                             selection: list[str], expected: list[str],
                                                             pages: int) -> None:
    out = tmp_path / "timeline.pdf"
    proc = mscreg("timeline", "--db", str(seeded_db), *selection, "--fit", "page", "--landscape",
                  "--as-of", AS_OF, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert pdf_pages(out) == pages
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "NotoSansCJK" in line]
    assert cjk and all(" yes " in line for line in cjk), fonts  # embedded (and subset by Qt)
    text = pdf_text(out)
    for needle in expected:
        assert needle in text
    # the legend and the as-of stamp are on the page
    assert "Legend" in text and "as of 2026-11-21" in text


@needs_poppler
def test_pdf_metadata_names_the_title_and_creator(seeded_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "cn.pdf"
    assert mscreg("timeline", "--db", str(seeded_db), "--jurisdiction", "CN", "--out", str(out)).returncode == 0
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "China (CN): regulatory timelines" in info
    assert "mscreg " in info  # Creator: mscreg VERSION


@needs_poppler
def test_chinese_timeline_prints_chinese_labels(seeded_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "zh.pdf"
    proc = mscreg("timeline", "--db", str(seeded_db), "--approvals", "--lang", "zh_CN", "--as-of", AS_OF,
                  "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    text = pdf_text(out)
    assert "全球间充质干细胞产品上市许可" in text and "附条件批准" in text and "图例" in text


@needs_poppler
def test_tiled_200_lanes_repeat_labels_axis_and_locator_on_every_page(qapp, tmp_path: Path) -> None:
    from mscreg.ui.timeline_pages import PageOptions, export_pdf

    layout = country_layout("US", us_logs(200), dt.date(2026, 11, 21))
    out = tmp_path / "tile.pdf"
    pages = export_pdf(layout, out, PageOptions(fit="tile", landscape=True))
    assert pages > 4 and pdf_pages(out) == pages
    first_years = set()
    for page in range(1, pages + 1):
        text = pdf_text(out, page)
        assert f"Page {page} of {pages}" in text
        assert "dates " in text and "lanes " in text and "Legend" in text
        assert "Product " in text  # lane labels repeated
        years = {int(w) for w in text.split() if w.isdigit() and 2010 <= int(w) <= 2035}
        assert years, f"no axis on page {page}"
        if page <= 2:
            first_years.add(min(years))
    assert len(first_years) == 2  # two time columns side by side
    assert pdf_pages(out) == pages


@needs_poppler
def test_fit_page_never_prints_under_7pt_and_flows_a_tall_chart_onto_balanced_pages(qapp, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    from mscreg.ui.timeline_pages import PageOptions, TimelineDocument, export_pdf

    out = tmp_path / "fit.pdf"
    layout = country_layout("US", us_logs(40), dt.date(2026, 11, 21))
    pages = export_pdf(layout, out, PageOptions(fit="page", page="A3", landscape=True))
    text = pdf_text(out)
    assert "Product 001" in text and "Product 040" in text  # every lane, never clipped
    options = PageOptions(fit="page", page="A3", landscape=True)
    body = options.page_layout().paintRectPoints()  # the page inside its margins, as the PDF writer paints it
    image = QImage(round(body.width() / 72 * 150), round(body.height() / 72 * 150), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(150 / 0.0254))
    image.setDotsPerMeterY(round(150 / 0.0254))
    doc = TimelineDocument(layout, options, image)
    assert doc.scale >= 1.0 and len(doc.pages) == pages  # labels laid out at 7 pt are never shrunk
    lanes = [sum(1 for r in plan.rows if r.kind == "lane") for plan in doc.pages]
    assert min(lanes) >= 1 and max(lanes) - min(lanes) <= max(2, max(lanes) // 3), lanes  # balanced, none empty


def test_png_export_draws_lanes_at_the_page_size(seeded_db: Path, tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    out = tmp_path / "ryoncil.png"
    proc = mscreg("timeline", "--db", str(seeded_db), "--product", "Ryoncil", "--landscape", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(out))
    assert image.width() > image.height() > 1000  # A4 landscape at 150 dpi
    # the approval span is drawn in the full-approval green somewhere on the page
    green = {(0x00, 0x9E, 0x73)}
    found = any((image.pixelColor(x, y).red(), image.pixelColor(x, y).green(), image.pixelColor(x, y).blue())
                in green for y in range(0, image.height(), 3) for x in range(0, image.width(), 7))
    assert found


def test_as_of_hides_later_events_in_the_picture(qapp, workspace) -> None:
    from mscreg.services.timeline_data import product_timeline

    before = product_timeline(workspace, "Ryoncil", dt.date(2022, 1, 1))
    after = product_timeline(workspace, "Ryoncil", dt.date(2026, 11, 21))
    assert "approval_full" not in {m.type for lane in before.lanes for m in lane.events}
    assert "approval_full" in {m.type for lane in after.lanes for m in lane.events}


def test_print_preview_shows_the_same_page_count(qapp, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

    from mscreg.ui.timeline_pages import PageOptions, TimelineDocument, render_pages

    layout = country_layout("US", us_logs(60), dt.date(2026, 11, 21))
    options = PageOptions(fit="tile", landscape=True)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    printer.setPageLayout(options.page_layout())
    preview = QPrintPreviewWidget(printer)
    preview.paintRequested.connect(lambda p: render_pages(layout, p, options))
    preview.updatePreview()
    expected = len(TimelineDocument(layout, options, printer).pages)
    assert expected > 1 and preview.pageCount() == expected


@pytest.mark.parametrize(("args", "code", "needle"), [
    (["--jurisdiction", "XX"], 2, "jurisdiction"),
    (["--product", "No Such Product"], 4, "No Such Product"),
    (["--approvals", "--page", "A9"], 2, "A9"),
    (["--approvals", "--fit", "poster"], 2, "poster"),
])
def test_refusals_leave_no_file(seeded_db: Path, tmp_path: Path, args: list[str], code: int, needle: str) -> None:
    out = tmp_path / "x.pdf"
    proc = mscreg("timeline", "--db", str(seeded_db), *args, "--out", str(out))
    assert proc.returncode == code, proc.stderr
    assert needle in proc.stderr
    assert not out.exists() and not list(tmp_path.glob(".x-*"))


def test_unwritable_or_unknown_output_is_refused(seeded_db: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "folder" / "x.pdf"
    proc = mscreg("timeline", "--db", str(seeded_db), "--approvals", "--out", str(missing))
    assert proc.returncode == 2 and "cannot write" in proc.stderr and not missing.exists()
    proc = mscreg("timeline", "--db", str(seeded_db), "--approvals", "--out", str(tmp_path / "x.svg"))
    assert proc.returncode == 0  # SVG is an output now
    proc = mscreg("timeline", "--db", str(seeded_db), "--approvals", "--out", str(tmp_path / "x.gif"))
    assert proc.returncode == 2 and ".svg or .pptx" in proc.stderr
    proc = mscreg("timeline", "--db", str(seeded_db), "--approvals", "--lang", "zh_CN", "--out", str(missing))
    assert proc.returncode == 2 and "无法写入" in proc.stderr


def test_tiled_export_reports_progress_and_cancel_leaves_no_file(tmp_path: Path) -> None:
    from synthetic_tracks import portfolio_logs

    from mscreg.ui.print_output import ensure_gui_application

    ensure_gui_application()
    from mscreg.ui.timeline_pages import ExportCancelled, PageOptions, export_pdf

    layout = country_layout("CN", portfolio_logs(40, 50), dt.date(2026, 11, 21))
    seen: list[tuple[int, int]] = []
    out = tmp_path / "tiled.pdf"
    pages = export_pdf(layout, out, PageOptions("A4", True, "tile"), lambda d, t: seen.append((d, t)) or True)
    assert pages > 10 and seen[0] == (0, pages) and seen[-1] == (pages, pages) and len(seen) == pages + 1
    out.unlink()
    with pytest.raises(ExportCancelled):
        export_pdf(layout, out, PageOptions("A4", True, "tile"), lambda d, t: d < 5)
    assert list(tmp_path.iterdir()) == []  # neither the target nor a temporary file


def test_cli_reports_tiled_progress_on_stderr() -> None:
    import io

    from mscreg.ui.print_output import StderrProgress

    stream = io.StringIO()
    progress = StderrProgress(False, stream)
    for done in range(101):
        assert progress(done, 100)
    lines = stream.getvalue().splitlines()
    assert lines[-1] == "Writing page 100 of 100" and 5 <= len(lines) <= 12
    quiet = io.StringIO()
    StderrProgress(False, quiet)(1, 1)
    assert quiet.getvalue() == ""  # a one-page export says nothing
