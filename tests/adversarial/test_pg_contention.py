"""Many writers at once on one database, above all on a shared PostgreSQL server.

Reproduced on PostgreSQL before the writers' lock: 20 ``add-event`` commands creating the same new
track at once ended 5-7 times in an ``IntegrityError`` traceback and 1-2 times in a refusal ("this
track already exists") of a valid add; two events each valid alone but not together could both
commit, leaving a log that no longer replays; two new products could claim one alias.  Every test
here runs on SQLite too, where ``BEGIN IMMEDIATE`` serialises writers, to show both behave alike.

Each writer has a workspace (an engine, a connection pool) of its own, as separate programs do;
threads start together on a barrier.  One test runs the real command line in 20 processes against
PostgreSQL (the case reported).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
from support import copy_database

from mscreg.domain.errors import Conflict, MscregError, TransitionRefused
from mscreg.domain.event import EventDraft
from mscreg.domain.product import ProductDraft
from mscreg.domain.state_machine import derive
from mscreg.domain.track import TrackDraft
from mscreg.services import editing, tracker
from mscreg.services.integrity import check_database
from mscreg.services.workspace import open_workspace

WRITERS = 20
ROOT = Path(__file__).resolve().parents[2]
NEW_TRACK = TrackDraft("BR", "graft-versus-host disease (race)", "marketing")


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_db(request: pytest.FixtureRequest, tmp_path: Path):
    """A fresh seeded database: an SQLite file, or a PostgreSQL database cloned from the seeded template."""
    if request.param == "postgresql":
        server = request.getfixturevalue("pg_server")
        name = server.create(request.getfixturevalue("pg_seeded_template"))
        yield server.url_for(name)
        server.drop(name)
    else:
        yield str(copy_database(request.getfixturevalue("seeded_template"), tmp_path / "mscreg.sqlite"))


@pytest.fixture
def pg_db(pg_server, pg_seeded_template):
    name = pg_server.create(pg_seeded_template)
    yield pg_server.url_for(name)
    pg_server.drop(name)


def _all_at_once(db: str, work, n: int = WRITERS) -> list[object]:
    """Run ``work(ws, i)`` for i in range(n), each in its own thread with its own workspace, released
    together; what each returned or raised, in order of i."""
    workspaces = [open_workspace(db) for _ in range(n)]  # opened one by one: only the writes race
    barrier = threading.Barrier(n)
    results: list[object] = [None] * n

    def run(i: int) -> None:
        barrier.wait(timeout=60)
        try:
            results[i] = work(workspaces[i], i)
        except Exception as exc:  # kept to be asserted on: anything but a refusal fails the test
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert not any(t.is_alive() for t in threads), "a writer hung"
    finally:
        for ws in workspaces:
            ws.close()
    return results


def _events_on_new_track(db: str) -> tuple[int, int]:
    """(tracks, events) on NEW_TRACK, read outside mscreg."""
    url = db if "://" in db else f"sqlite:///{db}"
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            tracks = conn.execute(sa.text("SELECT id FROM tracks WHERE indication = :i"),
                                  {"i": NEW_TRACK.indication}).scalars().all()
            events = conn.execute(sa.text("SELECT count(*) FROM events e JOIN tracks t ON t.id = e.track_id "
                                          "WHERE t.indication = :i"), {"i": NEW_TRACK.indication}).scalar_one()
    finally:
        engine.dispose()
    return len(tracks), events


def _assert_sound(db: str) -> None:
    with open_workspace(db) as ws:
        report = check_database(ws)
        assert report.ok, report.summary("en")
        for ov in tracker.product_overviews(ws):  # every log still replays
            for tv in ov.tracks:
                derive(tv.track, list(tv.events))


def test_twenty_writers_creating_the_same_new_track_all_succeed(fresh_db):
    def add(ws, i: int):
        return tracker.record_event(ws, product="Ryoncil", track=NEW_TRACK,
                                    draft=EventDraft("agency_feedback", f"2024-03-{i + 1:02d}"),
                                    reason=f"writer {i}")

    results = _all_at_once(fresh_db, add)
    failures = [r for r in results if not isinstance(r, tracker.RecordResult)]
    assert not failures, failures
    assert sum(r.track_created for r in results) == 1
    assert len({r.track.id for r in results}) == 1
    assert _events_on_new_track(fresh_db) == (1, WRITERS)
    _assert_sound(fresh_db)


def test_the_same_event_from_twenty_writers_is_stored_once_and_the_others_are_told_why(fresh_db):
    def add(ws, i: int):
        return tracker.record_event(ws, product="Ryoncil", track=NEW_TRACK,
                                    draft=EventDraft("agency_feedback", "2024-03-01"), reason=f"writer {i}")

    results = _all_at_once(fresh_db, add)
    saved = [r for r in results if isinstance(r, tracker.RecordResult)]
    refused = [r for r in results if isinstance(r, Conflict)]
    assert len(saved) == 1 and len(refused) == WRITERS - 1, results
    assert {r.problems[0].code for r in refused} == {"event.duplicate"}
    assert all(r.exit_code == 5 for r in refused)
    assert _events_on_new_track(fresh_db) == (1, 1)
    _assert_sound(fresh_db)


def test_two_events_valid_alone_but_not_together_never_both_commit(fresh_db, monkeypatch):
    """An approval and a refusal of the same application: either order makes a log that cannot
    replay.  Each writer waits inside its check for the other to have checked too (for at most 3 s);
    if both could check before either wrote, both would commit."""
    with open_workspace(fresh_db) as ws:
        for etype, day in (("ma_submitted", "2021-01-01"), ("ma_accepted", "2021-01-02")):
            tracker.record_event(ws, product="Ryoncil", track=NEW_TRACK, draft=EventDraft(etype, day),
                                 reason="history")
    both_checked = threading.Barrier(2)
    real_check = tracker.check_change

    def check_then_wait(*args, **kwargs):
        status = real_check(*args, **kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):  # the other never got here: serialised
            both_checked.wait(timeout=3)
        return status

    monkeypatch.setattr(tracker, "check_change", check_then_wait)
    decisions = [("approval_full", "2021-06-10"), ("ma_refused", "2021-06-05")]

    def decide(ws, i: int):
        etype, day = decisions[i]
        return tracker.record_event(ws, product="Ryoncil", track=NEW_TRACK, draft=EventDraft(etype, day),
                                    reason="decision")

    results = _all_at_once(fresh_db, decide, n=2)
    assert sum(isinstance(r, tracker.RecordResult) for r in results) == 1, results
    assert sum(isinstance(r, TransitionRefused) for r in results) == 1, results
    assert _events_on_new_track(fresh_db) == (1, 3)
    _assert_sound(fresh_db)


def test_the_same_new_product_from_twenty_writers_is_created_once(fresh_db):
    def create(ws, i: int):
        return editing.create_product(ws, ProductDraft(name="Racecel", company=f"writer {i}"), reason="new")

    results = _all_at_once(fresh_db, create)
    refused = [r for r in results if isinstance(r, MscregError)]
    assert len(refused) == WRITERS - 1, results
    assert {(r.problems[0].code, r.exit_code) for r in refused} == {("product.exists", 5)}
    _assert_sound(fresh_db)


def test_one_alias_claimed_by_twenty_new_products_goes_to_one_of_them(fresh_db):
    def create(ws, i: int):
        return editing.create_product(ws, ProductDraft(name=f"Racecel {i}", aliases=("RC-1",)), reason="new")

    results = _all_at_once(fresh_db, create)
    refused = [r for r in results if isinstance(r, MscregError)]
    assert len(refused) == WRITERS - 1, results
    assert {(r.problems[0].code, r.problems[0].field) for r in refused} == {("product.exists", "aliases")}
    with open_workspace(fresh_db) as ws:
        assert len([ov for ov in tracker.product_overviews(ws) if "RC-1" in ov.product.aliases]) == 1
    _assert_sound(fresh_db)


# ----------------------------------------------------------------------------------------------
# the real command, 20 processes


# The real command in a process of its own, modules loaded before the start signal.  The wait for the
# writers' lock is raised: 20 cold processes queued one behind the other on a shared 2-core test
# machine can take longer than a user's writer ever waits; what is tested is that each one's add is
# recorded, once, and that none ends in a traceback or a false refusal.
_COMMAND = """
import os, sys, time
from mscreg.cli import main
import mscreg.services.tracker, mscreg.services.workspace, mscreg.storage.repositories
import mscreg.storage.database as database
database.WRITER_LOCK_TIMEOUT_S = 300
go = sys.argv[1]
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.005)
sys.exit(main(sys.argv[2:]))
"""


def test_twenty_add_event_commands_at_once_all_exit_0(pg_db, tmp_path):
    go = tmp_path / "go"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen(
        [sys.executable, "-c", _COMMAND, str(go), "add-event", "--db", pg_db, "--product", "Ryoncil",
         "--jurisdiction", NEW_TRACK.jurisdiction, "--indication", NEW_TRACK.indication, "--type",
         "agency_feedback", "--date", f"2024-04-{i + 1:02d}", "--reason", f"command {i}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT) for i in range(WRITERS)]
    try:
        for p in procs:
            assert p.stdout is not None and p.stdout.readline().strip() == "ready", p.stderr and p.stderr.read()
        go.touch()
        outcomes = [(p.wait(600), p.stdout.read() if p.stdout else "", p.stderr.read() if p.stderr else "")
                    for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    codes = Counter(code for code, _, _ in outcomes)
    assert codes == {0: WRITERS}, [err.strip().splitlines()[-1:] for code, _, err in outcomes if code]
    assert not any("Traceback" in err for _, _, err in outcomes)
    assert _events_on_new_track(pg_db) == (1, WRITERS)
    _assert_sound(pg_db)


# ----------------------------------------------------------------------------------------------
# PostgreSQL: a writer that does not queue behind mscreg's lock (an older mscreg, a script)


def _wait_until_blocked(url: str, timeout: float = 30) -> None:
    """Until a session of this database waits for a lock (our writer, stuck behind the other one)."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            with engine.connect() as conn:
                waiting = conn.execute(sa.text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'")).scalar_one()
            if waiting:
                return
            time.sleep(0.05)
    finally:
        engine.dispose()
    raise AssertionError("the writer never waited for the other transaction")


def _insert_track_uncommitted(conn: sa.Connection) -> int:
    product = conn.execute(sa.text("SELECT id FROM products WHERE name = 'Ryoncil'")).scalar_one()
    return conn.execute(sa.text(
        "INSERT INTO tracks (product_id, jurisdiction, indication, pathway) VALUES (:p, :j, :i, :w) RETURNING id"),
        {"p": product, "j": NEW_TRACK.jurisdiction, "i": NEW_TRACK.indication, "w": NEW_TRACK.pathway}).scalar_one()


def _record_in_thread(url: str) -> tuple[threading.Thread, list[object]]:
    out: list[object] = []

    def run() -> None:
        with open_workspace(url) as ws:
            try:
                out.append(tracker.record_event(ws, product="Ryoncil", track=NEW_TRACK,
                                                draft=EventDraft("agency_feedback", "2024-05-01"), reason="mine"))
            except Exception as exc:
                out.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, out


def test_a_track_created_meanwhile_by_a_program_without_the_lock_gets_the_event(pg_db):
    """The other program inserts the track and commits while our insert waits on it: the duplicate key
    is a collision, the unit of work runs again, finds that track and records the event on it."""
    engine = sa.create_engine(pg_db, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as other:
            other.begin()
            theirs = _insert_track_uncommitted(other)
            thread, out = _record_in_thread(pg_db)
            _wait_until_blocked(pg_db)
            other.commit()
        thread.join(60)
    finally:
        engine.dispose()
    assert len(out) == 1 and isinstance(out[0], tracker.RecordResult), out
    assert out[0].track.id == theirs and not out[0].track_created
    assert _events_on_new_track(pg_db) == (1, 1)


def test_an_older_mscreg_taking_the_lock_late_deadlocks_and_both_changes_land(pg_db):
    """An older mscreg took the writers' lock only for its audit row, after inserting: it holds the
    new track's key and waits for the lock while we hold the lock and wait for the key.  The server
    aborts one of the two; ours runs again if it was ours, and either way the event lands once."""
    engine = sa.create_engine(pg_db, poolclass=sa.pool.NullPool)
    other_aborted = False
    try:
        with engine.connect() as other:
            other.begin()
            _insert_track_uncommitted(other)
            thread, out = _record_in_thread(pg_db)
            _wait_until_blocked(pg_db)
            try:
                other.execute(sa.text("SELECT pg_advisory_xact_lock(7236707)"))  # every version's key
                other.commit()
            except sa.exc.OperationalError as exc:  # the server chose the other program as the victim
                assert getattr(exc.orig, "sqlstate", None) == "40P01", exc
                other_aborted = True
                other.rollback()
        thread.join(60)
    finally:
        engine.dispose()
    assert len(out) == 1 and isinstance(out[0], tracker.RecordResult), out
    assert out[0].track_created == other_aborted
    assert _events_on_new_track(pg_db) == (1, 1)


def test_a_collision_that_keeps_coming_back_ends_in_exit_5_with_nothing_written(pg_db, monkeypatch, capsys, dump):
    """Five collisions in a row (here a duplicate key on every try) and the user is asked to try again."""
    import psycopg

    from mscreg.cli import main
    from mscreg.services import collisions
    from mscreg.storage import repositories

    tries = []

    def collide(*_args, **_kwargs):
        tries.append(1)
        orig = psycopg.errors.UniqueViolation("duplicate key value violates unique constraint \"uq_x\"")
        raise sa.exc.IntegrityError("INSERT INTO events …", {}, orig)

    monkeypatch.setattr(repositories, "create_event", collide)
    before = dump(pg_db)
    code = main(["add-event", "--db", pg_db, "--product", "Ryoncil", "--jurisdiction", "BR", "--indication",
                 NEW_TRACK.indication, "--type", "agency_feedback", "--date", "2024-06-01", "--reason", "r"])
    err = capsys.readouterr().err
    assert code == 5 and len(tries) == collisions.ATTEMPTS
    assert "another program saved a conflicting change at the same moment (attempts: 5;" in err
    assert "Nothing was changed; try again." in err
    assert dump(pg_db) == before
