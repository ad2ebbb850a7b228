"""Two people on one database: a stale or racing save is refused naming who saved first, never a silent
overwrite; and what SQLite lets slip (over-long text, time zones) is refused or stored the same on both."""

from __future__ import annotations

import dataclasses
import re

import pytest

from mscreg.domain.errors import Conflict, DatabaseProblem, InvalidInput
from mscreg.domain.event import EventDraft
from mscreg.domain.track import TrackDraft
from mscreg.services.tracker import list_events, record_event, update_event
from mscreg.services.workspace import open_workspace
from mscreg.storage import repositories as repo

pytestmark = pytest.mark.both_backends


def _stemirac_filing(ws):
    return next(v.event for v in list_events(ws, product="Stemirac")
                if v.event.type == "full_approval_application_filed")


def test_second_user_saving_an_old_version_is_told_who_changed_it_and_sees_the_latest(
        seeded_db, monkeypatch, dump):
    alice, bob = open_workspace(str(seeded_db)), open_workspace(str(seeded_db))
    try:
        seen_by_bob = _stemirac_filing(bob)
        monkeypatch.setenv("LOGNAME", "alice")
        update_event(alice, seen_by_bob.id, EventDraft("full_approval_application_filed", "2025-11-14",
                                                       reference="JP-2025-1"), reason="add the reference")
        monkeypatch.setenv("LOGNAME", "bob")
        before = dump(seeded_db)
        with pytest.raises(Conflict) as info:
            update_event(bob, seen_by_bob.id, EventDraft("full_approval_application_filed", "2025-11"),
                         reason="coarser date", expected_version=seen_by_bob.version)
        assert dump(seeded_db) == before
        message = info.value.message("en")
        assert "changed by alice at " in message and "由 alice 于" in info.value.message("zh_CN")
        # the time as a person reads it, in UTC, to the minute (not the stored microseconds)
        assert re.search(r"changed by alice at \d{4}-\d\d-\d\d \d\d:\d\d UTC since you opened it", message)
        assert info.value.exit_code == 5
        latest = _stemirac_filing(bob)
        assert (latest.reference, latest.date.iso(), latest.version) == ("JP-2025-1", "2025-11-14",
                                                                         seen_by_bob.version + 1)
    finally:
        alice.close()
        bob.close()


def test_racing_saves_never_overwrite_silently(seeded_db, monkeypatch):
    """Bob's transaction has read the row (and checked its version) when Alice saves.  Writers queue
    behind one lock on both backends (SQLite's BEGIN IMMEDIATE, PostgreSQL's writers' advisory lock),
    so Alice waits, is refused as busy with nothing written, and Bob's save stands: nobody's save is
    lost unseen, and Alice is told to try again."""
    from mscreg.storage import database
    from mscreg.storage.tables import EventRow

    monkeypatch.setattr(database, "WRITER_LOCK_TIMEOUT_S", 1)  # SQLite waits its fixed 5 s
    alice, bob = open_workspace(str(seeded_db)), open_workspace(str(seeded_db))
    alice_refused: DatabaseProblem | None = None
    try:
        event = _stemirac_filing(bob)
        with bob.db.write() as s:
            held = s.get(EventRow, event.id)  # Bob's unit of work has read version N and holds it
            assert held is not None and held.version_id == event.version
            monkeypatch.setenv("LOGNAME", "alice")
            try:
                update_event(alice, event.id, EventDraft("full_approval_application_filed", "2025-11-14",
                                                         reference="ALICE"), reason="Alice's edit")
            except DatabaseProblem as exc:
                alice_refused = exc
            monkeypatch.setenv("LOGNAME", "bob")
            repo.update_event(s, event.id, dataclasses.replace(event, reference="BOB"), reason="Bob's edit",
                              expected_version=event.version)
        final = _stemirac_filing(alice)
        assert alice_refused is not None
        expected = "db.locked" if bob.db.is_sqlite else "db.server_writer_busy"
        assert alice_refused.problems[0].code == expected and alice_refused.exit_code == 6
        assert "Nothing was changed" in alice_refused.message("en") or "nothing was changed" in \
            alice_refused.message("en")
        assert final.reference == "BOB"
        assert final.version == event.version + 1  # exactly one of the two saves happened
    finally:
        alice.close()
        bob.close()


@pytest.mark.parametrize("field", ["reference", "agency"])
def test_text_longer_than_its_column_is_refused_before_the_database_sees_it(workspace, seeded_db, dump, field):
    before = dump(seeded_db)
    draft = EventDraft("partial_change_approved", "2025-11", **{field: "R" * 201})
    with pytest.raises(InvalidInput) as info:
        record_event(workspace, product="Akuugo", track=TrackDraft("JP", "", "marketing"), draft=draft,
                     reason="MHLW notice")
    assert info.value.problems[0].code == "text.too_long" and "201" in info.value.message("en")
    assert dump(seeded_db) == before


def test_names_are_found_whatever_their_case_on_both_backends(workspace):
    from mscreg.services.tracker import find_product

    for name in ("STEMIRAC", "stemirac", "Stemirac"):
        assert find_product(workspace, name).name == "Stemirac"
