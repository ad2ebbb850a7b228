"""QA of ``mscreg init`` run twice at once on the same name.

Both used to pass the "no file there yet" check, then both migrated and loaded the data set into the one
file: both said "Created …" and exited 0, the second reporting "0 products" (the first had loaded them),
and a second one that failed half-way deleted the file the first had made.  The name is now claimed
atomically before anything is made: the second is told the file exists (exit 6).
"""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from support import run, table_dump

from mscreg.domain.errors import DatabaseProblem
from mscreg.services.workspace import init_database


def test_a_file_made_after_the_check_is_not_initialised_again(seeded_db, tmp_path, monkeypatch):
    """The other init wins the race: its database appears between this one's check and its creation."""
    target = tmp_path / "race.sqlite"
    shutil.copy(seeded_db, target)
    before = table_dump(target)
    real_exists = Path.exists
    monkeypatch.setattr(Path, "exists", lambda self, **kw: False if self == target else real_exists(self, **kw))
    with pytest.raises(DatabaseProblem) as exc:
        init_database(str(target))
    assert exc.value.problems[0].code == "db.exists"
    monkeypatch.undo()
    assert table_dump(target) == before


def test_two_inits_at_once_make_one_database_and_one_refusal(tmp_path):
    target = tmp_path / "race.sqlite"
    with ThreadPoolExecutor(2) as pool:  # two processes, started together
        done = list(pool.map(lambda _: run("--db", str(target), "init", timeout=120), range(2)))
    made, refused_one = sorted(done, key=lambda p: p.returncode)
    assert (made.returncode, refused_one.returncode) == (0, 6), [(p.returncode, p.stdout, p.stderr) for p in done]
    assert "15 products" in made.stdout
    assert "already exists" in refused_one.stderr and "Traceback" not in refused_one.stderr
    assert len(table_dump(target)["products"]) == 15
