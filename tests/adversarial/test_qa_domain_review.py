"""The review queue says what passed, not that a term ended on a renewal-application deadline.

Regulation (EC) No 507/2006 Art. 6(2): a conditional MA's renewal is applied for at least 6 months
before it expires; the MA itself ends a year after grant or renewal (Art. 5).  A track whose CMA ran
out lists both clocks for review, and only the second is the end of the term.
"""

from __future__ import annotations

import datetime as dt

from mscreg.domain.clocks import evaluate, get_rule
from mscreg.domain.event import RegulatoryEvent
from mscreg.domain.event_types import Pathway
from mscreg.domain.partial_date import PartialDate
from mscreg.domain.product import Product
from mscreg.domain.track import Track
from mscreg.services.review import ReviewItem

EU = Track(2, 1, "Example", "EU", "indication", Pathway.MARKETING)
LOG = [RegulatoryEvent(1, 2, "approval_conditional", PartialDate.parse("2020-01-31")),
       RegulatoryEvent(2, 2, "cma_renewed", PartialDate.parse("2021-01-20"))]


def test_a_missed_renewal_application_deadline_is_not_called_the_end_of_the_term():
    day = dt.date(2022, 1, 21)
    renewal = evaluate(get_rule("eu-cma-renewal-due"), EU, LOG, day)
    assert renewal is not None and renewal.due.display() == "2021-07-20"
    for lang in ("en", "zh_CN"):
        said = ReviewItem(Product(1, "Example"), EU, "term_ended", clock=renewal).reason(lang, 6)
        assert "2021-07-20" in said
        assert "term ended on" not in said and "届满" not in said
        assert renewal.rule.description(lang) in said


def test_the_end_of_the_term_is_still_named_with_its_rule_and_basis():
    expiry = evaluate(get_rule("eu-cma-expiry"), EU, LOG, dt.date(2022, 1, 21))
    said = ReviewItem(Product(1, "Example"), EU, "term_ended", clock=expiry).reason("en", 6)
    assert said.startswith("Conditional MA valid 1 year from grant or last renewal: due 2022-01-20")
    assert "Regulation (EC) No 507/2006 Art. 5" in said
