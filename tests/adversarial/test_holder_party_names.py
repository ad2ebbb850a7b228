"""The companies of a holder transfer are names like any company's: an invisible one is no company, and a
fullwidth or zero-width variant is the same company, so "from" matches who held it and lists do not show
two companies that look alike."""

from __future__ import annotations

import pytest

from mscreg.domain.errors import InvalidInput
from mscreg.domain.holder import make_transfer


def test_a_party_of_only_invisible_characters_is_no_party() -> None:
    with pytest.raises(InvalidInput) as info:
        make_transfer("JP", "licensee", "2025-01-02", "", "\u200b\u2060")
    assert info.value.problems[0].code == "holder.nobody"


def test_fullwidth_and_zero_width_variants_of_a_company_are_the_company() -> None:
    t = make_transfer("JP", "holder", "2025-01-02", "Ｎｉｐｒｏ\u200b", "Example\u200b KK")
    assert (t.from_party, t.to_party) == ("Nipro", "Example KK")
