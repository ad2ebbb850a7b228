"""The reads behind a timeline's obligation stars and trial lanes, on SQLite and PostgreSQL: only trials
linked to a product are read and drawn, obligations only for the tracks shown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

AS_OF = dt.date(2026, 12, 5)
STUDIES = Path(__file__).resolve().parents[1] / "fixtures" / "ctgov" / "studies_v2.json"

def test_trials_and_obligations_are_read_alike_on_every_backend(workspace) -> None:
    """The reads behind the lanes (linked trials only, the obligations of the tracks shown) on SQLite and
    PostgreSQL: an unlinked trial is never drawn, a linked one is, under its product only."""
    from mscreg.domain.obligation import ObligationDraft
    from mscreg.services import obligations, trial_records
    from mscreg.services.timeline_data import country_timeline, product_timeline

    trial_records.import_trials(workspace, STUDIES)
    trial_records.link_trial(workspace, "ctgov:NCT06431152", product="Amimestrocel", track=None, reason="test")
    obligations.add_obligation(workspace, draft=ObligationDraft("periodic_report", "Annual safety update",
                                                                due="2026-01"),
                               reason="test", product="Amimestrocel", jurisdiction="CN",
                               authorisation_type="approval_conditional")
    layout = product_timeline(workspace, "Amimestrocel", AS_OF, "en")
    assert [b.registry_id for lane in layout.lanes for b in lane.trials] == ["NCT06431152"]
    assert [o.due_text for lane in layout.lanes for o in lane.obligations] == ["2026-01"]
    assert not any(lane.trials for lane in product_timeline(workspace, "Ryoncil", AS_OF, "en").lanes)
    cn = country_timeline(workspace, "CN", AS_OF, "en")
    assert [b.registry_id for lane in cn.lanes for b in lane.trials] == ["NCT06431152"]
    assert [o.text for lane in cn.lanes for o in lane.obligations] == ["Annual safety update"]
    assert not any(lane.obligations or lane.trials for lane in country_timeline(workspace, "US", AS_OF, "en").lanes)


def test_a_product_with_trials_and_no_track_yet_still_has_a_timeline(workspace) -> None:
    from mscreg.domain.errors import NotFound
    from mscreg.domain.product import ProductDraft
    from mscreg.services import editing, trial_records
    from mscreg.services.timeline_data import product_timeline

    editing.create_product(workspace, ProductDraft("Exosome candidate X"), reason="test")
    with pytest.raises(NotFound):  # nothing at all to draw: refused, as before
        product_timeline(workspace, "Exosome candidate X", AS_OF, "en")
    trial_records.import_trials(workspace, STUDIES)
    trial_records.link_trial(workspace, "ctgov:NCT06812637", product="Exosome candidate X", track=None,
                             reason="test")
    layout = product_timeline(workspace, "Exosome candidate X", AS_OF, "en")
    assert [b.registry_id for lane in layout.lanes for b in lane.trials] == ["NCT06812637"]
    with pytest.raises(NotFound):  # with trial lanes hidden there is again nothing to draw
        product_timeline(workspace, "Exosome candidate X", AS_OF, "en", trials=False)
