"""Verifications of tracks through CSV, XLSX and JSON on SQLite and PostgreSQL: an export re-imported
into an empty database gives every track's checks back, and importing it again changes nothing (the
attacks on the same path are in tests/adversarial/test_qa_cli_exchange.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mscreg.services.exchange.exporting import export_database
from mscreg.services.exchange.importing import import_file
from mscreg.services.integrity import check_database
from mscreg.services.review import verify_track
from mscreg.services.tracker import product_overviews
from mscreg.services.workspace import init_database


def _verify_ryoncil(ws) -> None:
    [ov] = product_overviews(ws, "Ryoncil")
    tracks = {t.track.pathway.value: t.track.id for t in ov.tracks if t.track.jurisdiction == "US"}
    verify_track(ws, tracks["marketing"], source="https://www.fda.gov/ryoncil", day="2026-11-01",
                 note="label checked", reason="review")
    verify_track(ws, tracks["clinical"], source="FDA letter", day="2026-10-15", reason="review")


@pytest.fixture
def empty_ws(request, backend, tmp_path):
    """An empty database (migrated, no data set) on the test's backend."""
    if backend == "postgresql":
        server = request.getfixturevalue("pg_server")
        name = server.create()
        other = init_database(server.url_for(name), empty=True)
        yield other
        other.close()
        server.drop(name)
    else:
        other = init_database(str(tmp_path / "empty.sqlite"), empty=True)
        yield other
        other.close()


def _checked(ws) -> list[tuple]:
    return sorted((ov.product.name, t.track.jurisdiction, t.track.pathway.value, v.verified_on.isoformat(), v.source,
                   v.note) for ov in product_overviews(ws) for t in ov.tracks for v in t.verifications)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_verifications_come_back_on_either_backend(workspace, empty_ws, tmp_path: Path, fmt: str):
    _verify_ryoncil(workspace)
    target = tmp_path / f"out.{fmt}"
    export_database(workspace, fmt, target)
    import_file(empty_ws, target)
    assert _checked(empty_ws) == _checked(workspace) and len(_checked(workspace)) == 2
    assert check_database(empty_ws).ok
    assert not import_file(empty_ws, target).changes_anything
