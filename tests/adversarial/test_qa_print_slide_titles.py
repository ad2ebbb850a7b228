"""A Chinese deck's slide titles number the slides in Chinese brackets.

A timeline on several slides titled them "中国 (CN)：监管时间线 (1/25)", brackets added in code; the
catalogue now words it: "…（1/25）" in Chinese, "… (1/25)" in English.
"""

from __future__ import annotations

import datetime as dt

import pytest
import synthetic_tracks
from pptx import Presentation

from mscreg.domain.timeline_layout import country_layout
from mscreg.ui.print_output import write_timeline
from mscreg.ui.timeline_pages import PageOptions

AS_OF = dt.date(2026, 11, 21)


@pytest.mark.parametrize(("lang", "suffix"), [("zh_CN", "（1/{n}）"), ("en", " (1/{n})")])
def test_each_slide_title_says_which_of_how_many(qapp, tmp_path, lang, suffix) -> None:
    layout = country_layout("CN", synthetic_tracks.portfolio_logs(40, 20), AS_OF, lang)
    out = tmp_path / "deck.pptx"
    _files, slides = write_timeline(layout, str(out), PageOptions("A4", True, "page"), ".pptx")
    assert slides > 1
    first = Presentation(str(out)).slides[0]
    titles = [s.text_frame.text for s in first.shapes if s.has_text_frame]
    assert titles[0] == layout.title + suffix.format(n=slides), titles[0]
