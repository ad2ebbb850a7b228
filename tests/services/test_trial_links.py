"""Linking trials to products by record id (what the product view's Trials section does), on both backends:
audited like ``link-trial``, refused without a reason or for a record that is gone, a clinical-track link
kept only with its own product; and the linked trials by product, as the window's snapshot holds them."""

from __future__ import annotations

from pathlib import Path

import pytest

from mscreg.domain.errors import Conflict, InvalidInput, NotFound
from mscreg.domain.obligation import ObligationDraft
from mscreg.services import obligations as obl
from mscreg.services import trial_records
from mscreg.services.audit_trail import list_audit

STUDIES = Path(__file__).parents[1] / "fixtures" / "ctgov" / "studies_v2.json"
CLI_TRACK = "critical limb ischaemia (Buerger's disease; atherosclerotic PAD)"


def _pid(ws, name: str) -> int:
    return next(p for p, n in trial_records.product_names(ws).items() if n == name)


@pytest.fixture
def stored(workspace):
    trial_records.import_trials(workspace, STUDIES)
    return trial_records.list_trials(workspace)


def test_link_and_unlink_by_id_are_audited_and_grouped_by_product(workspace, stored):
    pid = _pid(workspace, "Stempeucel")
    assert trial_records.trials_by_product(workspace) == {}
    linked = trial_records.set_trial_product(workspace, stored[0].id, pid, reason="pipeline page")
    assert linked.product_id == pid and linked.version == stored[0].version + 1
    assert [t.id for t in trial_records.trials_by_product(workspace)[pid]] == [stored[0].id]
    unlinked = trial_records.set_trial_product(workspace, stored[0].id, None, reason="wrong product")
    assert unlinked.product_id is None and unlinked.track_id is None
    assert trial_records.trials_by_product(workspace) == {}
    rows = sorted((r for r in list_audit(workspace) if r.entity == "trial" and r.action == "update"
                   and r.entity_id == stored[0].id), key=lambda r: r.id)
    # the registry import before may have updated the data set's record of this trial too: only ours count
    assert [r.reason for r in rows][-2:] == ["pipeline page", "wrong product"]


def test_refusals_write_nothing(workspace, stored):
    pid = _pid(workspace, "Stempeucel")
    before = len(list_audit(workspace))
    with pytest.raises(InvalidInput):
        trial_records.set_trial_product(workspace, stored[0].id, pid, reason="  ")
    with pytest.raises(NotFound):
        trial_records.set_trial_product(workspace, stored[0].id, 999_999, reason="r")
    with pytest.raises(NotFound):
        trial_records.set_trial_product(workspace, 999_999, pid, reason="r")
    with pytest.raises(Conflict):  # changed since the dialog read it
        trial_records.set_trial_product(workspace, stored[0].id, pid, reason="r",
                                        expected_version=stored[0].version - 1)
    assert len(list_audit(workspace)) == before
    assert trial_records.get_trial(workspace, stored[0].id) == stored[0]


def test_a_track_link_is_kept_only_with_its_own_product(workspace, stored):
    from mscreg.services import editing

    stempeucel, other = _pid(workspace, "Stempeucel"), _pid(workspace, "Ryoncil")
    track = editing.tracks_of(workspace, stempeucel)[0]
    ref = f"{stored[0].registry.value}:{stored[0].registry_id}"
    trial_records.link_trial(workspace, ref, product="Stempeucel", track=track.id, reason="its trial")
    kept = trial_records.set_trial_product(workspace, stored[0].id, stempeucel, reason="again")
    assert kept.track_id == track.id
    moved = trial_records.set_trial_product(workspace, stored[0].id, other, reason="the other product's")
    assert moved.product_id == other and moved.track_id is None


def test_an_obligation_view_and_its_draft_give_back_what_was_stored(workspace):
    v = obl.add_obligation(workspace, draft=ObligationDraft("periodic_report", "PSUR", text_zh="定期安全性更新报告",
                                                            due_rule="18 months", owner="Safety", source="letter"),
                           reason="approval letter", product="Stempeucel", jurisdiction="IN", indication=CLI_TRACK,
                           authorisation_type="approval_limited")
    again = obl.obligation_view(workspace, v.obligation.id)
    assert again.obligation == v.obligation and again.authorisation == v.authorisation
    assert obl.obligation_draft(again.obligation).to_obligation(
        id=v.obligation.id, track_id=v.obligation.track_id,
        authorisation_event_id=v.obligation.authorisation_event_id) == v.obligation
    with pytest.raises(NotFound):
        obl.obligation_view(workspace, 999_999)
