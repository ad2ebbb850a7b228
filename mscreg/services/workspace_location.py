"""Where the database is: ``--db``, else ``MSCREG_DB``, else the user data folder.

Kept apart from services.workspace, which imports the database layer: the window needs the location
before that import, to paint the list saved after the last full read (services.overview_cache).
"""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "MSCREG_DB"
DEFAULT_FILENAME = "mscreg.sqlite"


def default_database_path() -> Path:
    from mscreg.services.user_folders import user_folder

    return user_folder("data") / DEFAULT_FILENAME


def resolve_location(explicit: str | os.PathLike[str] | None = None) -> tuple[str, bool]:
    """(location, is_default): ``--db``, else ``MSCREG_DB``, else the user data folder."""
    if explicit:
        return str(explicit), False
    env = os.environ.get(DB_ENV)
    if env:
        return env, False
    return str(default_database_path()), True
