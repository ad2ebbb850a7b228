"""The shipped data set reproduces the reference events exactly, and loads only once."""

from __future__ import annotations

import csv
import json

from support import FIXTURES, ROOT

from mscreg.domain.partial_date import PartialDate
from mscreg.services.tracker import list_events, product_overviews
from mscreg.storage.seed import load_seed

SEED = ROOT / "mscreg" / "data" / "seed.json"


def _reference_rows():
    with (FIXTURES / "reference_events.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_reference_row_is_an_event_with_its_date_and_precision(workspace):
    rows = _reference_rows()
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    by_row = {e["csv_row"]: (p["name"], t["jurisdiction"], e) for p in seed["products"] for t in p["tracks"]
              for e in t["events"] if e["csv_row"] is not None}
    assert len(rows) == 71
    not_events = {i for i, r in enumerate(rows, 1) if r["event_type"] == "ownership_transfer"}
    assert set(by_row) == set(range(1, 72)) - not_events

    stored = {(v.product.name, v.track.jurisdiction, v.event.type, v.event.date.iso() if v.event.date else None)
              for v in list_events(workspace)}
    for i, row in enumerate(rows, 1):
        if i in not_events:
            continue
        name, jurisdiction, event = by_row[i]
        assert event["type"] == row["event_type"]
        assert (event["date"] or "") == row["date"], f"row {i}"
        precision = row["date_precision"]
        if precision == "unknown":
            assert event["date"] is None
        else:
            d = PartialDate.parse(row["date"])
            assert d.precision.value == ("month" if precision == "approximate" else precision), f"row {i}"
            assert event["approximate"] == (precision == "approximate")
        assert (name, jurisdiction, row["event_type"], row["date"] or None) in stored, f"row {i}"


def test_seed_counts_and_key_states(workspace):
    overviews = product_overviews(workspace)
    assert len(overviews) == 20
    assert sum(1 for ov in overviews if ov.product.modality.value != "extracellular_vesicles") == 15
    assert len(list_events(workspace)) == 80
    states = {(ov.product.name, tv.track.jurisdiction): tv.status.state.value
              for ov in overviews for tv in ov.tracks if tv.track.pathway.value == "marketing"}
    assert states[("Alofisel", "EU")] == "WITHDRAWN"
    assert states[("Amimestrocel Injection", "CN")] == "AUTHORISED_CONDITIONAL"
    assert states[("Stemirac", "JP")] == "CONVERSION_PENDING"
    assert states[("Akuugo", "JP")] == "AUTHORISED_TIME_LIMITED"


def test_loading_twice_changes_nothing(workspace, seeded_db, dump):
    before = dump(seeded_db)
    with workspace.db.write() as s:
        report = load_seed(s)
    assert report.skipped
    assert dump(seeded_db) == before


def test_reconciliations_of_the_reference_notes(workspace):
    by_name = {ov.product.name: ov for ov in product_overviews(workspace)}
    assert by_name["Cupistem"].product.source_tissue.value == "adipose"
    assert by_name["Cupistem"].product.donor_type.value == "autologous"
    assert by_name["Akuugo"].product.inn == "vandefitemcel"
    alofisel_jp = [e for e in list_events(workspace, product="Alofisel", jurisdiction="JP")
                   if e.event.type == "approval_full"]
    assert [e.event.date.iso() for e in alofisel_jp] == ["2021-09-27"]
    stempeucel = [e.event.date.iso() for e in list_events(workspace, product="Stempeucel", jurisdiction="IN")
                  if e.event.type.startswith("approval")]
    assert sorted(stempeucel) == ["2016-05", "2020-08", "2022-09"]
    assert "9x10^9" in by_name["Hearticellgram-AMI"].product.notes
