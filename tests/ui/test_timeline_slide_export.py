"""The window's timeline export writes SVG drawings and PPTX slides through the same routine as the CLI."""

from __future__ import annotations

import xml.etree.ElementTree as ET


def test_the_window_exports_svg_and_pptx(qtbot, workspace, tmp_path) -> None:
    from pptx import Presentation
    from ui.fake_dialogs import FakeDialogService

    from mscreg.ui.timeline_panel import TimelinePanel

    svg, pptx = tmp_path / "chart.svg", tmp_path / "deck.pptx"
    dialogs = FakeDialogService(answers=[str(svg), str(pptx)])
    panel = TimelinePanel(dialogs=dialogs)
    qtbot.addWidget(panel)
    panel.resize(1300, 700)
    panel.show()
    with qtbot.waitSignal(panel.layout_ready, timeout=10_000):
        panel.set_workspace(workspace)
    assert panel.printer.export("svg") == str(svg)
    written = sorted(tmp_path.glob("chart*.svg"))
    assert written and any(e.tag.endswith("text") for e in ET.parse(written[0]).getroot().iter())
    assert panel.printer.export("pptx") == str(pptx)
    assert len(Presentation(str(pptx)).slides) >= 1
    assert [kind for kind, *_ in dialogs.shown] == ["save_file", "save_file"]
    panel.wait()
