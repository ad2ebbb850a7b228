"""Where this user's mscreg folders are: its data, configuration, cache and log folders.

platformdirs knows the answer for every system, but importing it costs 2-4 ms, and the list painted at
start-up pays that: the list saved at the last read is kept in the cache folder and its seal's key in
the configuration folder.  So on Linux, in the ordinary case (a folder variable that is unset or holds
an absolute path, under an absolute home), the folder is found here the way the XDG Base Directory
specification and platformdirs both find it; in any other case (Windows, macOS, a relative home or
variable) platformdirs answers.  A test compares both answers.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "mscreg"

# kind → (the XDG variable, its default under the home folder, platformdirs' function)
_KINDS = {
    "data": ("XDG_DATA_HOME", ".local/share", "user_data_dir"),
    "config": ("XDG_CONFIG_HOME", ".config", "user_config_dir"),
    "cache": ("XDG_CACHE_HOME", ".cache", "user_cache_dir"),
    "log": ("XDG_STATE_HOME", ".local/state", "user_log_dir"),
}


def user_folder(kind: str) -> Path:
    """This user's mscreg folder of ``kind``: "data", "config", "cache" or "log" (not created)."""
    variable, default, function = _KINDS[kind]
    found = _xdg_folder(variable, default)
    if found is not None:
        return found / "log" if kind == "log" else found
    import platformdirs

    return Path(getattr(platformdirs, function)(APP, appauthor=False))


def _xdg_folder(variable: str, default: str) -> Path | None:
    """The folder the XDG rules give on Linux, or None where platformdirs must decide."""
    if not sys.platform.startswith("linux"):
        return None
    value = os.environ.get(variable, "")
    if value:
        return Path(value, APP) if os.path.isabs(value) else None
    home = os.environ.get("HOME", "")
    if not os.path.isabs(home):
        return None
    return Path(home.rstrip("/") or "/", default, APP)
