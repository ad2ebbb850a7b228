"""Synthetic track logs for timeline tests: many lanes without a database."""

from __future__ import annotations

import datetime as dt
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


# A portfolio at scale: long, valid China histories whose events come in every precision.
# Marketing lanes run submission → review with information requests → conditional approval, then
# cycle through post-authorisation events (variations, suspensions, renewals, launches); clinical
# lanes cycle through holds and trial milestones.  Every sequence is one the state machine accepts.
_CN_MARKETING_START = ("designation_orphan", "ma_submitted", "ma_accepted", "additional_info_request",
                       "info_response_submitted", "agency_feedback", "approval_conditional")
_CN_MARKETING_CYCLE = ("variation_submitted", "variation_approved", "ma_suspended", "suspension_lifted",
                       "renewal_application_submitted", "ma_renewed", "supplemental_application_submitted",
                       "product_launch", "agency_feedback", "manufacturing_license_issued")
_CN_CLINICAL_START = ("cta_submitted", "cta_accepted", "cta_implied_permission")
_CN_CLINICAL_CYCLE = ("trial_registered", "trial_started", "clinical_hold", "clinical_hold_response_submitted",
                      "clinical_hold_lifted", "agency_feedback", "trial_completed", "first_subject_consented")


def portfolio_logs(lanes: int, events_per_lane: int, seed: int = 2026, first_year: int = 2004,
                   jurisdiction: str = "CN") -> list[TrackLog]:
    """``lanes`` tracks of ``events_per_lane`` events each in one country, deterministically per seed.

    About one date in six is month-precise and one in forty only a year; one lane in twenty has an
    undated event (listed as undated, never placed).  Events are 20 to 220 days apart, so a lane of
    50 spans roughly two decades and neighbouring events crowd each other when zoomed out.
    """
    rng = random.Random(seed)
    logs: list[TrackLog] = []
    event_id = 1
    for n in range(lanes):
        product_no = n // 2 + 1  # two tracks per product: clinical and marketing
        product = Product(id=product_no, name=f"Portfolio {product_no:04d}", name_zh=f"组合产品{product_no:04d}号",
                          company="Example Bio")
        clinical = n % 2 == 0
        track = Track(id=n + 1, product_id=product_no, product_name=product.name, jurisdiction=jurisdiction,
                      indication=("knee osteoarthritis", "graft-versus-host disease", "Crohn's fistula")[n % 3],
                      pathway=Pathway.CLINICAL if clinical else Pathway.MARKETING)
        start, cycle = (_CN_CLINICAL_START, _CN_CLINICAL_CYCLE) if clinical else (_CN_MARKETING_START,
                                                                                  _CN_MARKETING_CYCLE)
        types = [*start, *(cycle[i % len(cycle)] for i in range(max(0, events_per_lane - len(start))))]
        day = dt.date(first_year + rng.randrange(3), 1, 1) + dt.timedelta(days=rng.randrange(365))
        events = []
        for i, etype in enumerate(types[:events_per_lane]):
            roll = rng.random()
            if n % 20 in (6, 7) and i in (3, 5) and etype in ("agency_feedback", "trial_registered"):
                # an annotation whose date was not found (a state change replays first when undated)
                date = None
            elif roll < 0.025:  # a year: it starts after the previous event's period, so order is kept
                day = dt.date(day.year + 1, 1, 1)
                date = PartialDate(day.year)
            elif roll < 0.19:
                day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
                date = PartialDate(day.year, day.month)
            else:
                date = PartialDate(day.year, day.month, day.day)
            events.append(RegulatoryEvent(id=event_id, track_id=track.id, type=etype, date=date))
            event_id += 1
            # the next event starts after this one's whole period, so imprecise dates keep their order
            latest = date.latest if date is not None else day
            day = latest + dt.timedelta(days=20 + rng.randrange(200))
        logs.append(TrackLog(product, track, tuple(events)))
    return logs
