"""What of mscreg's own files goes into the frozen bundle, and where (used by mscreg.spec and the tests).

Kept out of the spec so the normal test suite can check it without PyInstaller.  The bundle carries
exactly the files the wheel carries: the ``[tool.setuptools.package-data]`` patterns of pyproject.toml
(fonts, icons and the compiled translations under ``mscreg/resources/``, the seed data set and the China
calendar folder under ``mscreg/data/``, the Alembic migrations under ``mscreg/storage/migrations/``), each
placed at its package path under the bundle's ``sys._MEIPASS``.  The running code finds them through
``importlib.resources`` (:mod:`mscreg.resource_paths`), which PyInstaller's importer answers from that
same folder, so there is no bundle-specific code in the app and one list decides what ships.

A pattern that matches nothing stops the build: a renamed or deleted resource must not give a bundle
that starts and then fails on the first Chinese PDF.
"""

from __future__ import annotations

import glob
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def package_data(root: Path = ROOT) -> dict[str, list[str]]:
    """pyproject.toml's package-data: package name -> glob patterns relative to that package's folder."""
    with (root / "pyproject.toml").open("rb") as fh:
        config = tomllib.load(fh)
    return config["tool"]["setuptools"]["package-data"]


def own_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """``(source glob, destination folder)`` pairs in PyInstaller's ``datas`` form."""
    pairs: list[tuple[str, str]] = []
    missing: list[str] = []
    for package, patterns in package_data(root).items():
        package_dir = Path(*package.split("."))
        for pattern in patterns:
            source = root / package_dir / pattern
            if not glob.glob(str(source)):
                missing.append(str(package_dir / pattern))
            # Destination: the pattern's folder inside the package (globs only in the last part).
            pairs.append((str(source), (package_dir / pattern).parent.as_posix()))
    if missing:
        raise SystemExit(f"cannot bundle: nothing matches {', '.join(missing)}")
    # The data set's documentation (sources, decisions), beside the seed for auditors who open the folder.
    pairs.append((str(root / "data" / "README.md"), "mscreg/data"))
    return pairs
