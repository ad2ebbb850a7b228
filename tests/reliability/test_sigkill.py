"""Crash safety: a writer killed with SIGKILL at random moments never leaves a damaged file, a lost
acknowledged change, a change without its audit row or an audit row without its change.

The writer runs the real service layer in a subprocess (WAL, synchronous=FULL, BEGIN IMMEDIATE) and
prints each event id once its transaction has committed; the parent kills it after a random delay,
20 times on the same file, and checks the file after every kill.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

RUNS = 20
WRITER = Path(__file__).with_name("sigkill_writer.py")
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.sqlite_only


def _kill_at_random(db: Path, tag: str, rng: random.Random) -> list[tuple[int, int]]:
    """Start the writer, let it commit for a random while, SIGKILL it; the acknowledged (event, track) ids."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, str(WRITER), str(db), tag], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert proc.stdout is not None
    acked: list[tuple[int, int]] = []
    ready = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.strip() == "ready":
                ready.set()
            elif line.strip():
                event_id, track_id = line.split()
                acked.append((int(event_id), int(track_id)))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    assert ready.wait(60), proc.stderr.read() if proc.stderr else "writer did not start"
    time.sleep(rng.uniform(0.0, 0.6))  # anywhere in a stream of commits
    proc.send_signal(signal.SIGKILL)
    proc.wait(30)
    reader.join(10)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read() if proc.stderr else proc.returncode
    return acked


def _check(db: Path, acked: list[tuple[int, int]]) -> None:
    con = sqlite3.connect(db)  # what a user's next start sees, WAL recovery included
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        events = {r[0] for r in con.execute("SELECT id FROM events")}
        tracks = {r[0] for r in con.execute("SELECT id FROM tracks")}
        audited = {(r[0], r[1]) for r in con.execute("SELECT entity, entity_id FROM audit_log WHERE action='create'")}
    finally:
        con.close()
    for event_id, track_id in acked:
        assert event_id in events and track_id in tracks, f"acknowledged event {event_id} lost"
    assert {("event", e) for e in events} <= audited, "a change without its audit row"
    assert {("track", t) for t in tracks} <= audited, "a track without its audit row"
    assert {i for kind, i in audited if kind == "event"} <= events, "an audit row without its change"
    assert {i for kind, i in audited if kind == "track"} <= tracks, "an audit row without its track"


def test_sigkill_at_random_points_loses_nothing_acknowledged(seeded_db):
    from mscreg.services.integrity import check_database
    from mscreg.services.workspace import open_workspace

    rng = random.Random(int(os.environ.get("MSCREG_SIGKILL_SEED", "20261121")))
    total = 0
    for run in range(RUNS):
        acked = _kill_at_random(seeded_db, str(run), rng)
        _check(seeded_db, acked)
        total += len(acked)
    assert total > RUNS  # the kills landed among commits, not only before the first one
    with open_workspace(str(seeded_db)) as ws:
        report = check_database(ws)
    assert report.ok, report.summary("en")
