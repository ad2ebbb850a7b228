"""Trials in every exchange format: a CSV, XLSX or JSON export imported into a fresh database gives the same
registrations, linked to the same product and track, and importing it again changes nothing (SQLite and
PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mscreg.services.exchange.exporting import export_database
from mscreg.services.exchange.importing import import_file
from mscreg.services.trial_records import import_trials, link_trial, list_trials
from mscreg.services.workspace import open_workspace
from mscreg.storage import repositories as repo

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ctgov"


def _records(ws) -> list[tuple]:
    """Every trial as a value, its links by name and key (ids differ between databases)."""
    with ws.db.read() as s:
        names = {p.id: p.name for p in repo.list_products(s)}
        tracks = {t.id: (t.product_name, t.jurisdiction, t.indication, t.pathway.value)
                  for t in repo.tracks_for_products(s)}
        trials = repo.list_trials(s)
    out = []
    for t in trials:
        import dataclasses

        bare = dataclasses.replace(t, id=None, product_id=None, track_id=None, version=1)
        out.append((bare, names.get(t.product_id), tracks.get(t.track_id)))
    return sorted(out, key=lambda r: r[0].registry_id)


def _audit_count(ws) -> int:
    from mscreg.storage import bulk_write

    with ws.db.read() as s:
        return bulk_write.audit_tail_id(s)


@pytest.fixture
def source(fresh_database):
    """A database holding the fixture's five trials, one linked to Ryoncil and its clinical track."""
    ws = open_workspace(str(fresh_database()))
    import_trials(ws, FIXTURES / "studies_v2.json")
    with ws.db.read() as s:
        track = next(t for t in repo.tracks_for_products(s)
                     if t.product_name == "Ryoncil" and t.pathway.value == "clinical")
    link_trial(ws, "NCT06812637", product="Ryoncil", track=track.id, reason="test link")
    link_trial(ws, "NCT06431152", product="Stemirac", track=None, reason="test link")
    yield ws
    ws.close()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_an_export_imports_into_a_fresh_database_as_the_same_trials_and_again_changes_nothing(
        source, fresh_database, tmp_path, fmt):
    out = tmp_path / f"all.{fmt}"
    result = export_database(source, fmt, out)
    held = len(list_trials(source))  # the data set's trials and the fixture's, one record each
    assert result.trials == held >= 5
    files = [out, Path(result.trials_file)] if fmt == "csv" else [out]
    if fmt == "csv":
        assert result.trials_file.endswith("all-trials.csv")
    target = open_workspace(str(fresh_database()))
    try:
        # the data set's own trials are already held there: an import updates their fields but never the
        # product or track they are linked to (that is link-trial's), so they stay unlinked
        already = {r[0].registry_id for r in _records(target)}
        for f in files:
            import_file(target, f)
        expected = _records(source)
        assert _records(target) == [(r[0], None, None) if r[0].registry_id in already else r for r in expected]
        assert [r[1:] for r in expected if r[1]] == [
            ("Stemirac", None), ("Ryoncil", ("Ryoncil", "US", "steroid-refractory acute GVHD (paediatric)",
                                             "clinical"))]
        before = _audit_count(target)
        for f in files:
            plan = import_file(target, f)
            assert not plan.changes_anything
        assert plan.counts().get("trials", {}).get("unchanged") == held
        assert _audit_count(target) == before
    finally:
        target.close()
