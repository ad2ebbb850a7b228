"""Holders and licensees over time: the company on a day is derived from dated transfers, and a history that
cannot have happened is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from mscreg.domain.errors import InvalidInput
from mscreg.domain.holder import (
    HolderRole,
    HolderTransfer,
    all_parties,
    check_history,
    holder_as_of,
    licensees_as_of,
    make_transfer,
)
from mscreg.domain.messages import text

D = dt.date.fromisoformat


def _t(id_: int, role: str, date: str | None, old: str, new: str, jurisdiction: str = "CA") -> HolderTransfer:
    return make_transfer(jurisdiction, role, date, old, new, id=id_, product_id=1)


PROCHYMAL_CA = [_t(1, "holder", "2012-05-17", "", "Osiris Therapeutics"),
                _t(2, "holder", "2013", "Osiris Therapeutics", "Mesoblast")]


def test_the_holder_on_a_day():
    check_history(PROCHYMAL_CA)
    assert holder_as_of(PROCHYMAL_CA, "CA", D("2012-01-01")) is None
    assert holder_as_of(PROCHYMAL_CA, "CA", D("2012-12-31")) == "Osiris Therapeutics"
    assert holder_as_of(PROCHYMAL_CA, "CA", D("2014-01-01")) == "Mesoblast"
    assert holder_as_of(PROCHYMAL_CA, "NZ", D("2014-01-01")) is None  # per jurisdiction
    assert all_parties(PROCHYMAL_CA) == {"Osiris Therapeutics", "Mesoblast"}


def test_a_first_holder_may_have_no_date():
    history = [_t(1, "holder", None, "", "TiGenix", "EU"), _t(2, "holder", "2018", "TiGenix", "Takeda", "EU")]
    check_history(history)
    assert holder_as_of(history, "EU", D("2016-01-01")) == "TiGenix"
    assert holder_as_of(history, "EU", D("2019-01-01")) == "Takeda"


def test_licensees_come_and_go_beside_the_holder():
    history = [_t(1, "holder", "2015-09-18", "", "JCR Pharmaceuticals", "JP"),
               _t(2, "licensee", "2003", "", "JCR Pharmaceuticals", "JP"),
               _t(3, "licensee", "2016-04", "", "Partner KK", "JP"),
               _t(4, "licensee", "2020-01-01", "Partner KK", "", "JP")]
    check_history(history)
    assert licensees_as_of(history, "JP", D("2017-01-01")) == ("JCR Pharmaceuticals", "Partner KK")
    assert licensees_as_of(history, "JP", D("2021-01-01")) == ("JCR Pharmaceuticals",)
    assert holder_as_of(history, "JP", D("2021-01-01")) == "JCR Pharmaceuticals"


def test_a_transfer_from_someone_who_did_not_hold_it_is_refused():
    with pytest.raises(InvalidInput) as refused:
        check_history([*PROCHYMAL_CA, _t(3, "holder", "2015", "Osiris Therapeutics", "Other")])
    problem = refused.value.problems[0]
    assert (problem.field, problem.value, problem.code) == ("from", "Osiris Therapeutics", "holder.from_mismatch")
    assert "Mesoblast" in refused.value.message("en") and "Mesoblast" in refused.value.message("zh_CN")


def test_a_second_first_holder_is_refused():
    with pytest.raises(InvalidInput) as refused:
        check_history([*PROCHYMAL_CA, _t(3, "holder", "2016", "", "Other")])
    assert refused.value.problems[0].code == "holder.from_mismatch"


def test_two_handovers_of_one_authorisation_on_the_same_day_conflict():
    with pytest.raises(InvalidInput) as refused:
        check_history([PROCHYMAL_CA[0], _t(2, "holder", "2013-05-01", "Osiris Therapeutics", "Mesoblast"),
                       _t(3, "holder", "2013-05", "Osiris Therapeutics", "Someone else")])
    assert refused.value.problems[0].code == "holder.conflict"
    assert "Someone else" in refused.value.message("en")


def test_transfers_that_chain_in_date_order_are_accepted_even_when_their_dates_overlap():
    check_history([PROCHYMAL_CA[0], _t(2, "holder", "2013", "Osiris Therapeutics", "Mesoblast"),
                   _t(3, "holder", "2013-06-01", "Mesoblast", "Third")])


def test_transfers_whose_order_the_dates_cannot_tell_ask_for_a_precise_date():
    with pytest.raises(InvalidInput) as refused:
        check_history([PROCHYMAL_CA[0], _t(2, "holder", "2013-06", "Osiris Therapeutics", "Mesoblast"),
                       _t(3, "holder", "2013", "Mesoblast", "Third")])
    assert refused.value.problems[0].code == "holder.order_unclear"
    assert "more precise" in refused.value.message("en")


@pytest.mark.parametrize(("args", "field", "code"), [
    (("CA", "holder", "2013", "Osiris", "osiris"), "to", "holder.same_party"),
    (("CA", "licensee", "2013", "", ""), "to", "holder.nobody"),
    (("CA", "holder", "2013", "Osiris", ""), "to", "holder.needs_holder"),
    (("CA", "holder", None, "Osiris", "Mesoblast"), "date", "holder.transfer_needs_date"),
    (("CA", "holder", "2013-Q2", "Osiris", "Mesoblast"), "date", "event.quarter_actual"),
    (("CA", "owner", "2013", "Osiris", "Mesoblast"), "role", "choice.unknown"),
    (("XX", "holder", "2013", "Osiris", "Mesoblast"), "jurisdiction", "jurisdiction.unknown"),
])
def test_transfer_fields_are_validated(args, field, code):
    with pytest.raises(InvalidInput) as refused:
        make_transfer(*args)
    problem = refused.value.problems[0]
    assert (problem.field, problem.code) == (field, code)
    assert "{" not in refused.value.message("en") + refused.value.message("zh_CN")


def test_roles_have_texts_in_both_languages():
    for role in HolderRole:
        assert text(f"holder.role.{role.value}", "en") != text(f"holder.role.{role.value}", "zh_CN")
