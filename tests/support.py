"""Helpers shared by tests (importable because pytest puts tests/ on the path)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).with_name("fixtures")


def copy_database(src: Path, dst: Path) -> Path:
    con = sqlite3.connect(src)
    out = sqlite3.connect(dst)
    con.backup(out)
    out.close()
    con.close()
    return dst


def table_dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table: 'the database is unchanged' means this is equal before and after."""
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        con.close()


# ---------------------------------------------------------------------- the command line as a user runs it

def run(*args: str, timeout: float = 60, env: dict[str, str] | None = None,
        user: str | None = None) -> subprocess.CompletedProcess[str]:
    """``mscreg ARGS`` in a clean English environment (as ``nobody`` when ``user`` is given)."""
    base = {k: v for k, v in os.environ.items() if k not in ("MSCREG_DB", "MSCREG_LANG", "LC_ALL", "LC_MESSAGES")}
    base.update({"LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"})
    base.update(env or {})
    prefix = ["setpriv", f"--reuid={user}", "--regid=nogroup", "--clear-groups"] if user else []
    return subprocess.run([*prefix, sys.executable, "-m", "mscreg.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", env=base, cwd=ROOT, timeout=timeout, check=False)


def refused(proc: subprocess.CompletedProcess[str], code: int, *words: str) -> str:
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr
    for word in words:
        assert word in proc.stderr, (word, proc.stderr)
    return proc.stderr


def db_arg(db: Any) -> str:
    """The ``--db`` value for a database fixture (a path, or a PostgreSQL URL object)."""
    return str(db)


def mscreg(*args: str) -> subprocess.CompletedProcess[str]:
    """``mscreg ARGS`` as :func:`run` gives it, for a test that expects no traceback whatever the exit."""
    proc = run(*args, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def without_shipped_obligations(db: Any) -> Any:
    """``db`` with the data set's own obligations deleted through the services (each step first, each deletion
    audited): for tests of obligation mechanics that count from none; the shipped ones have tests of their own."""
    from mscreg.services import obligations as obl
    from mscreg.services.workspace import open_workspace

    with open_workspace(str(db), daily_backup=False) as ws:
        for v in obl.list_obligations(ws):
            for e in v.events:
                obl.delete_obligation_event(ws, e.id or 0, reason="the test starts without obligations")
            obl.delete_obligation(ws, v.obligation.id or 0, reason="the test starts without obligations")
    return db


def probe_window(script: str, db: Path, env: dict[str, str] | None = None, opens: str = "{") -> Any:
    """Run ``script`` (a probe that starts the window on ``db`` and prints what it saw as one JSON line)
    in a fresh process, offscreen; the first printed line that starts with ``opens``, decoded."""
    out = subprocess.run([sys.executable, "-c", script, str(db)], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})})
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith(opens)]
    assert lines, out.stdout + out.stderr
    return json.loads(lines[0])
