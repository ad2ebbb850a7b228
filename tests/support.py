"""Helpers shared by tests (importable because pytest puts tests/ on the path)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

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
