"""On screen, where a lane has a few label rows and the rest is aggregated into "+N", an approval,
refusal or end is never one of the aggregated labels while it could have a label of its own."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QImage

from mscreg.domain.timeline_layout import MarkerKind, product_layout
from mscreg.ui.timeline_painter import TimelineScene
from mscreg.ui.timeline_style import Fonts

HEADLINES = (MarkerKind.AUTHORISATION, MarkerKind.END, MarkerKind.SETBACK)


@pytest.mark.parametrize("name", ["Ryoncil", "Akuugo", "Prochymal"])
def test_headline_dates_keep_their_own_labels_at_common_widths(qapp, workspace, name: str) -> None:
    from mscreg.services.timeline_data import track_logs

    logs = track_logs(workspace)
    product = next(log.product for log in logs if log.product.name == name)
    layout = product_layout(product, logs, dt.date(2026, 12, 5), "en")
    image = QImage(10, 10, QImage.Format.Format_RGB32)
    for width in range(400, 1400, 100):
        scene = TimelineScene(layout, Fonts(image), float(width), max_label_rows=(3, 2))
        for index, lane in enumerate(layout.lanes):
            placement = scene.placement(index, 0)
            hidden = {m for i in placement.events if i.colour == "cluster" for m in i.members}
            heads = {f"{m.label} {m.date_text}" for m in lane.events if m.kind in HEADLINES}
            assert not heads & hidden, (width, lane.title, sorted(heads & hidden))
