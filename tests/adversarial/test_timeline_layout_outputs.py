"""Timeline outputs for a briefing: SVG (vector, text kept as text), PPTX (16:9 slides with an editable
title and legend), PNG with margins, a header in plain words, and bold Chinese in its own face."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

AS_OF = "2026-11-21"


def mscreg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mscreg.cli", *args], capture_output=True, text=True, timeout=180,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_svg_is_valid_xml_with_text_elements(seeded_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "world.svg"
    proc = mscreg("timeline", "--db", str(seeded_db), "--approvals", "--landscape", "--as-of", AS_OF,
                  "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    files = sorted(tmp_path.glob("world*.svg"))
    assert files
    texts = []
    for f in files:
        root = ET.parse(f).getroot()  # valid XML
        texts += ["".join(e.itertext()) for e in root.iter() if e.tag.endswith("text")]
    joined = " ".join(texts)
    assert "MSC marketing authorisations worldwide" in joined and "2024-12-18" in joined


def test_pptx_has_16_9_slides_with_a_picture_and_editable_title_and_legend(seeded_db: Path, tmp_path: Path) -> None:
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    out = tmp_path / "deck.pptx"
    proc = mscreg("timeline", "--db", str(seeded_db), "--approvals", "--as-of", AS_OF, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    deck = Presentation(str(out))
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.01
    assert len(deck.slides) >= 1
    for slide in deck.slides:
        kinds = [s.shape_type for s in slide.shapes]
        assert MSO_SHAPE_TYPE.PICTURE in kinds
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert any(t.startswith("MSC marketing authorisations worldwide") for t in texts)
        assert any("as of 2026-11-21" in t for t in texts) and any(t.startswith("Legend") for t in texts)
        picture = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
        assert picture.image.size[0] >= 2000  # print resolution, not a screen grab


def test_unknown_output_kind_is_refused_in_both_languages(seeded_db: Path, tmp_path: Path) -> None:
    proc = mscreg("timeline", "--db", str(seeded_db), "--approvals", "--out", str(tmp_path / "x.gif"))
    assert proc.returncode == 2 and ".svg or .pptx" in proc.stderr and not list(tmp_path.glob("x*"))
    proc = mscreg("timeline", "--db", str(seeded_db), "--approvals", "--lang", "zh_CN",
                  "--out", str(tmp_path / "x.gif"))
    assert proc.returncode == 2 and "文件名必须以" in proc.stderr


def test_png_has_white_margins_around_the_picture(seeded_db: Path, tmp_path: Path, qapp) -> None:
    from PySide6.QtGui import QColor, QImage

    out = tmp_path / "p.png"
    proc = mscreg("timeline", "--db", str(seeded_db), "--product", "Ryoncil", "--landscape", "--as-of", AS_OF,
                  "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    image = QImage(str(out))
    margin = round(10 / 25.4 * 150) - 2  # 10 mm at 150 dpi
    assert image.width() == round(297 / 25.4 * 150)  # the whole A4 page
    white = QColor("#FFFFFF").rgb()
    for x in range(0, image.width(), 7):
        for y in list(range(margin)) + list(range(image.height() - margin, image.height())):
            assert image.pixel(x, y) == white, (x, y)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_header_says_in_words_what_is_shown_and_bold_chinese_has_its_own_face(seeded_db: Path,
                                                                             tmp_path: Path) -> None:
    out = tmp_path / "cn.pdf"
    proc = mscreg("timeline", "--db", str(seeded_db), "--lang", "zh_CN", "--jurisdiction", "CN", "--landscape",
                  "--as-of", AS_OF, "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "显示中国已记录的全部产品申报路径" in text and "数据截至 2026-11-21" in text and "打印于" in text
    assert "范围" not in text and "seed" not in text and "approvals" not in text
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "NotoSansCJKsc-Bold" in fonts and "NotoSansCJKsc-Regular" in fonts
