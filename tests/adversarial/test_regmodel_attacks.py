"""Attacks on the regulatory model, found on the merged code: receipt days before what they acknowledge,
renewals after a term ended, an empty or wrong ``--as-of``, development designations on approved tracks, and
actual events dated in the future."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mscreg.domain.errors import InvalidInput, TransitionRefused
from mscreg.domain.event import EventDraft, RegulatoryEvent, refuse_future_actual
from mscreg.domain.event_types import Pathway
from mscreg.domain.partial_date import PartialDate, parse_as_of
from mscreg.domain.state_as_of import derive_as_of
from mscreg.domain.state_machine import check_change, check_replays, derive
from mscreg.domain.states import State
from mscreg.domain.track import Track

D = dt.date.fromisoformat
M = Pathway.MARKETING
US = Track(3, 2, "Ryoncil", "US", "paediatric SR-aGVHD", M)
NZ = Track(5, 4, "Prochymal", "NZ", "paediatric SR-aGVHD", M)
EU = Track(6, 5, "Testcel", "EU", "test indication", M)
CN = Track(7, 6, "Amimestrocel", "CN", "SR-aGVHD", M)


def _log(track: Track, *items: tuple[str, str | None, dict[str, str]]) -> list[RegulatoryEvent]:
    return [EventDraft(t, d, attributes=a).to_event(id=i, track_id=track.id) for i, (t, d, a) in enumerate(items, 1)]


# ----- a receipt day before the (re)submission it acknowledges ---------------------------------------------

RYONCIL_2024 = (("ma_submitted", "2020-01-31", {}), ("ma_accepted_priority_review", "2020-03-30", {}),
                ("complete_response_letter", "2020-10", {}), ("resubmission_accepted", "2023-03-07",
                                                              {"resubmission_class": "2", "received": "2023-02-02"}),
                ("complete_response_letter", "2023-08", {}), ("ma_resubmitted", "2024-07", {"resubmission_class": "2"}))


def test_a_receipt_before_the_resubmission_it_acknowledges_is_refused():
    log = _log(US, *RYONCIL_2024, ("resubmission_accepted", "2024-09-01",
                                   {"resubmission_class": "2", "received": "2024-06-15"}))
    with pytest.raises(InvalidInput) as refused:
        check_change(US, log, log[-1], "add")
    problem = refused.value.problems[0]
    assert (problem.field, problem.value, problem.code) == ("attributes.received", "2024-06-15",
                                                            "attribute.received_before")
    assert "2024-07" in refused.value.message("en") and "Application resubmitted" in refused.value.message("en")
    assert "收到" in refused.value.message("zh_CN")


def test_a_receipt_before_the_letter_it_answers_is_refused_when_no_resubmission_is_recorded():
    log = _log(US, *RYONCIL_2024[:3], ("resubmission_accepted", "2023-03-07",
                                       {"resubmission_class": "2", "received": "2019-12-01"}))
    with pytest.raises(InvalidInput) as refused:
        check_replays(US, log)  # what an import checks
    assert refused.value.problems[0].params["previous"] == "complete_response_letter"


def test_a_receipt_in_the_month_of_the_resubmission_is_accepted():
    log = _log(US, *RYONCIL_2024, ("resubmission_accepted", "2024-09-01",
                                   {"resubmission_class": "2", "received": "2024-07-20"}))
    assert derive(US, log).state is State.MA_UNDER_REVIEW


# ----- renewals after a term ended --------------------------------------------------------------------------

PROCHYMAL_NZ = (("ma_submitted", "2011-05", {}), ("provisional_consent", "2012-06", {}),
                ("provisional_consent_renewed", "2014-06-14", {}))


def test_a_lapsed_nz_consent_cannot_be_renewed():
    log = _log(NZ, *PROCHYMAL_NZ, ("provisional_consent_renewed", "2017-03-01", {}))
    with pytest.raises(TransitionRefused) as refused:
        check_change(NZ, log, log[-1], "add")
    assert refused.value.exit_code == 3
    problem = refused.value.problems[0]
    assert problem.code == "transition.renewal_after_term"
    en = refused.value.message("en")
    assert "2016-06-14" in en and "s.23(4A)" in en and "new track" in en
    assert "有效期" in refused.value.message("zh_CN")


def test_a_renewal_in_time_is_accepted_and_since_moves_to_it():
    log = _log(NZ, *PROCHYMAL_NZ)
    status = derive(NZ, log)
    assert status.state is State.AUTHORISED_CONDITIONAL and status.since == PartialDate.parse("2014-06-14")
    assert derive_as_of(NZ, log, D("2015-01-01")).status.since == PartialDate.parse("2014-06-14")


EU_CMA = (("ma_submitted", "2019-02-01", {}), ("approval_conditional", "2020-03-27", {}))


def test_an_eu_cma_renewed_after_expiry_on_an_application_made_in_time_is_valid_throughout():
    log = _log(EU, *EU_CMA, ("renewal_application_submitted", "2020-09-15", {}), ("cma_renewed", "2021-05-20", {}))
    status = derive(EU, log)
    assert status.state is State.AUTHORISED_CONDITIONAL and status.since == PartialDate.parse("2021-05-20")
    # between the end of the year and the Commission's decision the CMA stays valid (application pending)
    pending = derive_as_of(EU, log, D("2021-04-15"))
    assert pending.state is State.AUTHORISED_CONDITIONAL and pending.ended_by is None
    assert derive_as_of(EU, log, D("2021-06-01")).status.since == PartialDate.parse("2021-05-20")


def test_an_eu_cma_renewed_after_expiry_with_no_application_is_refused():
    log = _log(EU, *EU_CMA, ("cma_renewed", "2021-05-20", {}))
    with pytest.raises(TransitionRefused) as refused:
        check_replays(EU, log)
    assert refused.value.problems[0].code == "transition.renewal_after_term_no_application"
    assert "2021-03-27" in refused.value.message("en") and "Renewal / re-registration application" in \
        refused.value.message("en")
    # with no application and no renewal, the state as of later days is "term ended", as before
    assert derive_as_of(EU, log[:2], D("2021-04-15")).state is State.TERM_ENDED


def test_an_application_made_after_expiry_does_not_keep_the_cma():
    log = _log(EU, *EU_CMA, ("renewal_application_submitted", "2021-04-01", {}), ("cma_renewed", "2021-05-20", {}))
    with pytest.raises(TransitionRefused):
        check_replays(EU, log)
    assert derive_as_of(EU, log[:3], D("2021-04-15")).state is State.TERM_ENDED


def test_a_cn_certificate_reregistered_after_expiry_needs_an_application_before_it():
    base = (("approval_conditional", "2025-01-02", {}),)
    late = _log(CN, *base, ("reregistration_approved", "2030-03-01", {}))
    with pytest.raises(TransitionRefused):
        check_replays(CN, late)
    in_time = _log(CN, *base, ("renewal_application_submitted", "2029-06-01", {}),
                   ("reregistration_approved", "2030-03-01", {}))
    assert derive(CN, in_time).since == PartialDate.parse("2030-03-01")


# ----- future actual events ---------------------------------------------------------------------------------

def test_a_mistyped_future_withdrawal_is_refused_as_an_actual_event():
    log = _log(US, ("ma_submitted", "2023-01-31", {}), ("ma_accepted", "2023-03-07", {}),
               ("approval_full", "2024-12-18", {}), ("ma_withdrawn", "2030-01-05", {}))
    with pytest.raises(InvalidInput) as refused:
        refuse_future_actual(log[-1], D("2026-12-05"))
    assert "--planned" in refused.value.message("en")
    planned = EventDraft("ma_withdrawn", "2030-01-05", planned=True).to_event(id=9, track_id=US.id)
    refuse_future_actual(planned, D("2026-12-05"))
    assert derive(US, [*log[:3], planned]).state is State.AUTHORISED_FULL


# ----- designations on an approved marketing track ----------------------------------------------------------

def test_rmat_on_a_marketing_track_approved_two_years_ago_is_refused():
    log = _log(US, ("ma_submitted", "2023-01-31", {}), ("ma_accepted", "2023-03-07", {}),
               ("approval_full", "2024-12-18", {}), ("designation_rmat", "2026-12-01", {}))
    with pytest.raises(TransitionRefused) as refused:
        check_change(US, log, log[-1], "add")
    assert refused.value.problems[0].code == "transition.designation_after_approval"


# ----- --as-of ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "code"), [("", "as_of.empty"), ("  ", "as_of.empty"), ("abc", "as_of.format"),
                                            ("≈2026", "as_of.format"), ("2026-Q2", "as_of.format"),
                                            ("2026-13-01", "date.month_range")])
def test_as_of_is_refused_naming_the_option(text, code):
    with pytest.raises(InvalidInput) as refused:
        parse_as_of(text, D("2026-12-05"))
    problem = refused.value.problems[0]
    assert (problem.field, problem.code) == ("--as-of", code)
    en = refused.value.message("en")
    assert en.startswith("--as-of") and "YYYY or YYYY-MM" not in en
    assert "--as-of" in refused.value.message("zh_CN")


def test_as_of_absent_is_today_and_a_day_is_that_day():
    assert parse_as_of(None, D("2026-12-05")) == D("2026-12-05")
    assert parse_as_of("2015-01-01", D("2026-12-05")) == D("2015-01-01")
    # a month or a year: its last day, the state once that month or year is over
    assert parse_as_of("2026-06", D("2026-12-05")) == D("2026-06-30")
    assert parse_as_of("2025", D("2026-12-05")) == D("2025-12-31")


def _cli(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MSCREG_LANG": "en", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "mscreg.cli", *args, "--db", str(db)], capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.mark.parametrize("command", ["products", "events", "deadlines"])
def test_cli_refuses_an_empty_as_of(command, tmp_path):
    out = _cli(command, "--as-of", "", db=tmp_path / "none.sqlite")
    assert out.returncode == 2, out.stderr
    assert "--as-of" in out.stderr and "Traceback" not in out.stderr


def test_a_log_stored_before_these_checks_still_reads():
    """A database recorded before the checks existed may hold a late renewal, an early receipt or an RMAT on
    an approved track: its states are still shown (derive), while a change or an import is refused."""
    late = _log(NZ, *PROCHYMAL_NZ, ("provisional_consent_renewed", "2017-03-01", {}))
    assert derive(NZ, late).state is State.AUTHORISED_CONDITIONAL
    assert derive_as_of(NZ, late, D("2018-01-01")).state is State.AUTHORISED_CONDITIONAL  # renewed (late)
    rmat = _log(US, ("ma_submitted", "2023-01-31", {}), ("approval_full", "2024-12-18", {}),
                ("designation_rmat", "2026-12-01", {}))
    assert "rmat" in derive(US, rmat).flags
    with pytest.raises(TransitionRefused):
        check_replays(US, rmat)
