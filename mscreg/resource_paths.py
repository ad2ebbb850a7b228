"""The files mscreg ships inside its package (fonts, icons, translations, the seed data set, the China
calendar year files, the Alembic migrations), found in the package's own folder when it is a plain one
(every install but a zipped one), else through :mod:`importlib.resources`, which gives the same paths.

They live under the package (``mscreg/resources/``, ``mscreg/data/``, ``mscreg/storage/migrations/``)
so that whatever installs the package installs them too: a source checkout, an editable install, a
wheel in a virtual environment or under pipx, and the PyInstaller bundle (whose importer serves the
same ``importlib.resources`` API from its own folder).  Nothing here looks at the current folder or
at the source tree around the package, so ``mscreg`` works from any folder.

Standard library only: the domain (the calendar files), storage (seed and migrations), the UI and
``mscreg --version`` all use it, and none of them may pay for Qt or SQLAlchemy to find a file.
"""

from __future__ import annotations

import atexit
import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

import mscreg

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_PACKAGE = "mscreg"
# Real paths handed out by real_path() that had to be extracted (a zipped install): kept until the
# process exits, because Qt and Alembic read such files again long after they were asked for them.
_extracted = contextlib.ExitStack()
atexit.register(_extracted.close)


def _package_folder() -> Path | None:
    """The package's folder when it is a plain one (a checkout, an editable or a wheel install, a
    PyInstaller folder), else None (a zip), where importlib.resources finds the files.  Its answer for a
    plain folder is the same path; importing it and its readers costs about 1.3 ms of the window's first
    paint."""
    locations = list(getattr(mscreg, "__path__", []))
    if len(locations) == 1 and Path(locations[0]).is_dir():
        return Path(locations[0])
    return None


_FOLDER = _package_folder()


def resource(*parts: str) -> Traversable:
    """``mscreg/<parts…>`` as a Traversable: read it with ``read_text``/``read_bytes``/``iterdir``."""
    if _FOLDER is not None:
        return _FOLDER.joinpath(*parts)
    from importlib import resources

    return resources.files(_PACKAGE).joinpath(*parts)


def real_path(*parts: str) -> Path:
    """``mscreg/<parts…>`` as a file-system path, for APIs that want a path rather than bytes
    (``QFontDatabase.addApplicationFont``, ``QTranslator.load``, Alembic's ``script_location``).

    Installed packages are plain folders, so this is the file itself; only an importer that keeps
    the package elsewhere (a zip) needs a temporary copy, which then lives as long as the process.
    """
    found = resource(*parts)
    if isinstance(found, Path):
        return found
    from importlib import resources

    return _extracted.enter_context(resources.as_file(found))


def resource_path(*parts: str) -> Path:
    """A file under ``mscreg/resources/`` (fonts, icons, translations) as a path."""
    return real_path("resources", *parts)


def seed_file() -> Path:
    """The shipped data set, ``mscreg/data/seed.json``."""
    return real_path("data", "seed.json")


def published_figures_file() -> Traversable:
    """The published figures of the source literature, ``mscreg/data/published_figures.json``."""
    return resource("data", "published_figures.json")


def calendar_year_files() -> list[Traversable]:
    """The China calendar year files shipped with or dropped into ``mscreg/data/china_calendar/``."""
    folder = resource("data", "china_calendar")
    if not folder.is_dir():
        return []
    return sorted((f for f in folder.iterdir() if f.name.endswith(".json") and f.is_file()), key=lambda f: f.name)


def migrations_dir() -> Path:
    """Alembic's script folder, ``mscreg/storage/migrations`` (env.py, the template, versions/)."""
    return real_path("storage", "migrations")
