"""What the About dialog and ``mscreg --version`` show: the version and what it runs on.

IT staff and support ask "which build is this?" first, and the answer must be the same in the window,
on the command line and in the installer.  So the application's version has one source, the package
metadata (pyproject.toml's ``version``, read through :mod:`importlib.metadata`; the frozen bundle
carries a copy of that metadata), and everything else here is read from the running process.

No Qt at module level: ``mscreg --version`` must answer without loading Qt unless it is asked for the
Qt version, and the command line must not pay for Qt when it prints a PDF-free report.  PySide6 is
imported inside :func:`about_facts`.  The data-set version is read from the shipped ``seed.json``
with the standard library only (not through :mod:`mscreg.storage.seed`, which would load SQLAlchemy);
a test checks that both find the same file.
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from mscreg import __version__, resource_paths

# Reverse-DNS application id: the .desktop file's name (org.mscreg.Mscreg.desktop), the AppStream id,
# the icon name, and what the app passes to QGuiApplication.setDesktopFileName() so Wayland
# compositors and task bars match the window to its launcher and icon.  macOS uses it as the bundle id.
APP_ID = "org.mscreg.Mscreg"
APP_NAME = "mscreg"
APP_SUMMARY = "Track MSC cell-therapy products through regulatory pathways, country by country"


@dataclass(frozen=True)
class AboutFacts:
    version: str
    python: str
    qt: str  # the Qt library actually loaded (may differ from PySide6's own version)
    pyside6: str
    sqlite: str  # the SQLite library linked into Python's sqlite3, i.e. what reads the database
    dataset: str  # dataset_version of the shipped seed.json, or "unknown"
    platform: str
    frozen: bool  # True inside the PyInstaller bundle

    def lines(self) -> list[str]:
        """``label: value`` lines in a fixed order, for the About dialog or a support e-mail."""
        return [
            f"mscreg {self.version}",
            f"Build: {'PyInstaller bundle' if self.frozen else 'Python package'}",
            f"Data set: {self.dataset}",
            f"Qt: {self.qt}",
            f"PySide6: {self.pyside6}",
            f"Python: {self.python}",
            f"SQLite: {self.sqlite}",
            f"Platform: {self.platform}",
        ]


def seed_file() -> Path:
    """The shipped seed.json, found as :func:`mscreg.storage.seed.default_seed_path` finds it:
    ``MSCREG_SEED`` first, then the copy inside the package (in a wheel, a pipx venv or the bundle)."""
    env = os.environ.get("MSCREG_SEED")
    if env:
        return Path(env)
    return resource_paths.seed_file()


def dataset_version(path: Path | None = None) -> str:
    """``dataset_version`` of the seed file, or ``unknown`` when it is missing or unreadable."""
    try:
        with (path or seed_file()).open(encoding="utf-8") as fh:
            return str(json.load(fh)["dataset_version"])
    except (OSError, ValueError, KeyError, TypeError):
        return "unknown"


def _qt_versions() -> tuple[str, str]:
    try:
        import PySide6
        from PySide6.QtCore import qVersion
    except ImportError:  # a broken install should still say which mscreg it is
        return "unavailable", "unavailable"
    return qVersion(), PySide6.__version__


def about_facts() -> AboutFacts:
    """Every fact the About dialog shows (imports QtCore on first call; cheap afterwards)."""
    qt, pyside6 = _qt_versions()
    return AboutFacts(
        version=__version__,
        python=platform.python_version(),
        qt=qt,
        pyside6=pyside6,
        sqlite=sqlite3.sqlite_version,
        dataset=dataset_version(),
        platform=f"{platform.system()} {platform.release()} {platform.machine()}".strip(),
        frozen=bool(getattr(sys, "frozen", False)),
    )


def version_report() -> str:
    """What ``mscreg --version`` prints: ``mscreg X.Y.Z`` on the first line, then one fact a line."""
    return "\n".join(about_facts().lines())
