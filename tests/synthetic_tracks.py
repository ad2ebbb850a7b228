"""Synthetic track logs for timeline tests: many lanes without a database."""

from __future__ import annotations

import random

from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import Pathway
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import Product
from mscreg.domain.timeline_layout import TrackLog
from mscreg.domain.track import Track

# A US marketing history: submission, priority acceptance, CRL, resubmission, approval.
_US_STEPS = ("ma_submitted", "ma_accepted_priority_review", "complete_response_letter", "ma_resubmitted",
             "approval_full")


def us_logs(count: int, seed: int = 7, first_year: int = 2012) -> list[TrackLog]:
    rng = random.Random(seed)
    logs = []
    event_id = 1
    for n in range(count):
        product = Product(id=n + 1, name=f"Product {n + 1:03d}", name_zh=f"产品{n + 1:03d}号",
                          company="Example Bio")
        track = Track(id=n + 1, product_id=n + 1, product_name=product.name, jurisdiction="US",
                      indication="graft-versus-host disease", pathway=Pathway.MARKETING)
        year, month = first_year + rng.randrange(6), rng.randrange(1, 13)
        events = []
        for step, etype in enumerate(_US_STEPS[: rng.randrange(2, len(_US_STEPS) + 1)]):
            month += 4 + rng.randrange(9)
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
            day = None if step % 2 else rng.randrange(1, 28)
            date = PartialDate(year, month, day)
            events.append(RegulatoryEvent(id=event_id, track_id=track.id, type=etype, date=date))
            event_id += 1
        logs.append(TrackLog(product, track, tuple(events)))
    return logs
