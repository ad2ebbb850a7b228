"""Shared fixtures.  No test touches the user's files: databases live in tmp_path, the user data
folder and QSettings are redirected, and Qt runs offscreen (set before anything imports Qt)."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from pathlib import Path

import pytest
from support import copy_database, table_dump


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


@pytest.fixture
def seeded_db(seeded_template: Path, tmp_path: Path) -> Path:
    return copy_database(seeded_template, tmp_path / "mscreg.sqlite")


@pytest.fixture
def workspace(seeded_db: Path) -> Iterator:
    from mscreg.services.workspace import open_workspace

    ws = open_workspace(str(seeded_db))
    yield ws
    ws.close()


@pytest.fixture
def dump():
    return table_dump


