"""Version facts come from the package metadata and the shipped seed file, and --version prints them."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

import mscreg
from mscreg import about

ROOT = Path(__file__).resolve().parents[2]


def test_version_is_the_package_metadata() -> None:
    facts = about.about_facts()
    assert facts.version == version("mscreg") == mscreg.__version__
    assert facts.lines()[0] == f"mscreg {version('mscreg')}"


def test_qt_pyside_python_and_sqlite_are_the_running_ones() -> None:
    import platform
    import sqlite3

    import PySide6
    from PySide6.QtCore import qVersion

    facts = about.about_facts()
    assert (facts.qt, facts.pyside6) == (qVersion(), PySide6.__version__)
    assert facts.python == platform.python_version()
    assert facts.sqlite == sqlite3.sqlite_version
    assert facts.frozen is False


def test_dataset_version_is_read_from_seed_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MSCREG_SEED", raising=False)
    expected = json.loads((ROOT / "mscreg" / "data" / "seed.json").read_text(encoding="utf-8"))["dataset_version"]
    assert about.about_facts().dataset == expected


def test_seed_file_is_the_one_the_storage_layer_loads(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from mscreg.storage.seed import default_seed_path

    monkeypatch.delenv("MSCREG_SEED", raising=False)
    assert about.seed_file() == default_seed_path()
    other = tmp_path / "seed.json"
    other.write_text(json.dumps({"dataset_version": "9.9"}), encoding="utf-8")
    monkeypatch.setenv("MSCREG_SEED", str(other))
    assert about.seed_file() == default_seed_path() == other
    assert about.about_facts().dataset == "9.9"


@pytest.mark.parametrize("content", [None, "not json", "{}", "[]"])
def test_dataset_version_unknown_when_the_file_is_missing_or_bad(tmp_path: Path, content: str | None) -> None:
    path = tmp_path / "seed.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert about.dataset_version(path) == "unknown"


def test_version_option_prints_the_facts() -> None:
    proc = subprocess.run([sys.executable, "-m", "mscreg.cli", "--version"], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == f"mscreg {version('mscreg')}"
    assert lines == about.about_facts().lines()


def test_about_module_does_not_import_qt_at_import_time() -> None:
    code = "import sys, mscreg.about; print('PySide6' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "False", proc.stdout + proc.stderr
