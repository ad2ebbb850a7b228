"""Shared fixtures.  No test touches the user's files: databases live in tmp_path, the user data
folder and QSettings are redirected, and Qt runs offscreen (set before anything imports Qt)."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).with_name("fixtures")


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    monkeypatch.delenv("MSCREG_DB", raising=False)
    monkeypatch.delenv("MSCREG_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One seeded database built through the real migrations and seed loader, copied per test."""
    from mscreg.services.workspace import init_database

    path = tmp_path_factory.mktemp("template") / "seeded.sqlite"
    ws = init_database(str(path))
    ws.close()
    return path


def copy_database(src: Path, dst: Path) -> Path:
    con = sqlite3.connect(src)
    out = sqlite3.connect(dst)
    con.backup(out)
    out.close()
    con.close()
    return dst


@pytest.fixture
def seeded_db(seeded_template: Path, tmp_path: Path) -> Path:
    return copy_database(seeded_template, tmp_path / "mscreg.sqlite")


@pytest.fixture
def workspace(seeded_db: Path) -> Iterator:
    from mscreg.services.workspace import open_workspace

    ws = open_workspace(str(seeded_db))
    yield ws
    ws.close()


def table_dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table: 'the database is unchanged' means this is equal before and after."""
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        con.close()


@pytest.fixture
def dump():
    return table_dump


__all__ = ["FIXTURES", "ROOT", "copy_database", "shutil", "table_dump"]
