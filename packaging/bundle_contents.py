"""What of mscreg's own files goes into the frozen bundle, and where (used by mscreg.spec and the tests).

Kept out of the spec so the normal test suite can check it without PyInstaller.  Destinations are
relative to the bundle's ``sys._MEIPASS`` and chosen so the running code finds each file the way it
does in a source checkout, with no bundle-specific code in the app:

* ``resources/<folder>``: :func:`mscreg.resource_paths.resource_path` looks under ``_MEIPASS/resources``.
* ``data/seed.json`` and ``data/china_calendar/``: :mod:`mscreg.storage.seed` and
  :mod:`mscreg.domain.china_calendar` look at ``Path(__file__).parents[2] / "data"``; a frozen module's
  ``__file__`` is ``_MEIPASS/mscreg/<layer>/<module>.py``, so ``parents[2]`` is ``_MEIPASS``.
* ``mscreg/storage/migrations``: Alembic reads the revision scripts as files (they are not imported
  as modules), from ``Path(mscreg.storage.migrate.__file__).with_name("migrations")``.

Every folder under ``resources/`` is taken, whatever it is called, so a new one (translations/ when the
.qm files arrive) is bundled without touching the spec.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Folders the app cannot run without; the build stops if one is missing (a test checks the same).
REQUIRED = ("resources/fonts", "resources/icons", "data/seed.json", "mscreg/storage/migrations/versions")


def resource_folders(root: Path = ROOT) -> list[Path]:
    return sorted(p for p in (root / "resources").iterdir() if p.is_dir() and not p.name.startswith("."))


def own_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """``(source, destination folder)`` pairs in PyInstaller's ``datas`` form."""
    missing = [r for r in REQUIRED if not (root / r).exists()]
    if missing:
        raise SystemExit(f"cannot bundle: missing {', '.join(missing)}")
    pairs = [(str(folder), f"resources/{folder.name}") for folder in resource_folders(root)]
    pairs.append((str(root / "data" / "seed.json"), "data"))
    pairs.append((str(root / "data" / "README.md"), "data"))  # the data set's sources, for auditors
    if (root / "data" / "china_calendar").is_dir():  # where IT drops a newly published year (README there)
        pairs.append((str(root / "data" / "china_calendar"), "data/china_calendar"))
    migrations = root / "mscreg" / "storage" / "migrations"
    # Globs rather than the folder, so no __pycache__ of the developer's Python is shipped.
    pairs.append((str(migrations / "*.py"), "mscreg/storage/migrations"))
    pairs.append((str(migrations / "*.mako"), "mscreg/storage/migrations"))
    pairs.append((str(migrations / "versions" / "*.py"), "mscreg/storage/migrations/versions"))
    return pairs
