"""The cyclic garbage collector is paused while the window starts, and always resumes.

Starting the window ran about 50 collections before the list was painted, walking module dictionaries
and classes that live as long as the process.  The command line pauses the collector for the window's
start; the window resumes it once the list is shown, when the opening fails, or after a few seconds;
and the command resumes it whatever happens when the window closes.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

from mscreg.services import object_churn

PROBE = """
import gc, json, sys
from mscreg.ui import app, main_window
seen = {"resumed": []}
original_init = main_window.MainWindow.__init__
def init(self, *args, **kwargs):
    original_init(self, *args, **kwargs)
    seen["building"] = gc.isenabled()
    self.products_shown.connect(lambda: seen.setdefault("list shown", gc.isenabled()))
    self.open_failed.connect(lambda *_: seen.setdefault("failed", gc.isenabled()))
main_window.MainWindow.__init__ = init
original_resume = app.resume_after_start_up
def resume(*args):
    original_resume(*args)
    seen["resumed"].append([key for key in ("list shown", "failed") if key in seen])
    seen.setdefault("after resuming", gc.isenabled())
app.resume_after_start_up = resume
import mscreg.cli.main
code = sys.modules["mscreg.cli.main"].main(["--db", sys.argv[1], "--quit-after-first-paint"])
seen["after the window"] = gc.isenabled()
print(json.dumps(seen))
sys.exit(code)
"""


def _start(db: str, home: Path) -> tuple[int, dict]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "XDG_CACHE_HOME": str(home / "cache"),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data")}
    out = subprocess.run([sys.executable, "-c", PROBE, db], capture_output=True, text=True, timeout=120, env=env)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    assert lines, out.stdout + out.stderr
    return out.returncode, json.loads(lines[-1])


def test_paused_while_the_window_is_built_and_resumed_once_the_list_is_shown(seeded_db, tmp_path):
    code, seen = _start(str(seeded_db), tmp_path / "home")
    assert code == 0
    assert seen["building"] is False and seen["list shown"] is False
    assert seen["resumed"][0] == ["list shown"]  # by the list, not by the timer or the command's end
    assert seen["after resuming"] is True and seen["after the window"] is True


def test_resumed_when_the_database_cannot_be_opened(tmp_path):
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"this is not an SQLite database" * 100)
    code, seen = _start(str(damaged), tmp_path / "home")
    assert code != 0
    assert seen["building"] is False and seen["failed"] is False
    assert seen["resumed"][0] == ["failed"]
    assert seen["after resuming"] is True and seen["after the window"] is True
    assert damaged.read_bytes() == b"this is not an SQLite database" * 100


def test_a_collector_paused_by_someone_else_is_left_as_it_was():
    gc.disable()
    try:
        object_churn.pause_for_start_up()
        object_churn.resume_after_start_up()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_resuming_twice_or_without_a_pause_changes_nothing():
    assert gc.isenabled()
    object_churn.resume_after_start_up()
    object_churn.pause_for_start_up()
    assert not gc.isenabled()
    object_churn.resume_after_start_up()
    assert gc.isenabled()
    gc.disable()
    try:
        object_churn.resume_after_start_up()  # the pause was ended already: not this call's to end
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_command_other_than_the_window_keeps_the_collector_on(seeded_db, capsys):
    from mscreg.cli.main import main

    assert main(["--db", str(seeded_db), "products", "--json"]) == 0
    assert gc.isenabled()
    assert json.loads(capsys.readouterr().out)
