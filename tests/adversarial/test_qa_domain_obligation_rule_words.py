"""A due rule counted from an authorisation reads as English: "1 month", "1 year", "18 months"."""

from __future__ import annotations

import pytest

from mscreg.domain.messages import text


@pytest.mark.parametrize(("unit", "count", "en", "zh"), [
    ("months", 1, "1 month", "1 个月"), ("months", 18, "18 months", "18 个月"),
    ("years", 1, "1 year", "1 年"), ("years", 5, "5 years", "5 年"),
])
def test_the_rule_of_an_obligation_due_date_agrees_with_its_count(unit, count, en, zh):
    assert text(f"obligations.rule.{unit}", "en", count=count) == en
    assert text(f"obligations.rule.{unit}", "zh_CN", count=count) == zh
