"""A cancel or a failure in the middle of the bulk write leaves the database as it was (the bulk writer made
that write faster with a larger page cache and precomputed audit rows; neither may change this)."""

from __future__ import annotations

import pytest
from fixtures.exchange.big_csv import write_big_csv

from mscreg.services.exchange.importing import apply, plan_import
from mscreg.services.exchange.records import ImportCancelled
from mscreg.services.integrity import check_database
from mscreg.storage import bulk_write


def _events_written(ws) -> int:
    import sqlalchemy as sa

    with ws.db.read() as s:
        return s.execute(sa.text("SELECT count(*) FROM events")).scalar_one()


def test_a_cancel_after_some_event_chunks_were_written_writes_nothing(workspace, dump, seeded_db, tmp_path):
    big = write_big_csv(tmp_path / "big.csv", 3 * bulk_write.CHUNK)
    plan = plan_import(workspace, big)
    assert not plan.issues
    before = dump(seeded_db)
    phases: list[tuple[str, int, int]] = []

    def progress(phase: str, done: int, total: int) -> None:
        phases.append((phase, done, total))

    # cancel once the first chunk of events is in the database (inside the transaction)
    with pytest.raises(ImportCancelled):
        apply(workspace, plan, progress=progress,
              cancelled=lambda: any(p == "write" and d > bulk_write.CHUNK for p, d, _ in phases))
    assert dump(seeded_db) == before
    assert check_database(workspace).ok
    # and the same plan still writes whole afterwards
    apply(workspace, plan)
    assert _events_written(workspace) == len(before["events"]) + 3 * bulk_write.CHUNK
    assert check_database(workspace).ok


@pytest.mark.sqlite_only
def test_the_larger_page_cache_lasts_only_for_the_write(workspace, tmp_path):
    import sqlalchemy as sa

    def cache_size() -> int:
        with workspace.db.read() as s:
            return s.execute(sa.text("PRAGMA cache_size")).scalar_one()

    default = cache_size()
    with workspace.db.write() as s, bulk_write.bulk_cache(s):
        assert s.execute(sa.text("PRAGMA cache_size")).scalar_one() == -bulk_write.BULK_CACHE_KIB
    assert cache_size() == default
    with pytest.raises(RuntimeError), workspace.db.write() as s, bulk_write.bulk_cache(s):
        raise RuntimeError("a failure half-way")
    assert cache_size() == default
