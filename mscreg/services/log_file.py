"""The user's log file: one rotating file (1 MB × 3) in the user's log folder, written by the window and
the command line alike, so there is one place to look and one file to send."""

from __future__ import annotations

import logging
from pathlib import Path

LOG_NAME = "mscreg.log"
log = logging.getLogger("mscreg")


def log_folder() -> Path:
    from mscreg.services.user_folders import user_folder

    return user_folder("log")


def open_log(folder: Path | None = None, *, current: Path | None = None) -> Path:
    """Send the ``mscreg`` logger to ``LOG_NAME`` in ``folder`` (the user's log folder); its path.

    ``current`` is the file the logger writes to already, if any: the same file is not opened twice.
    Raises OSError when the folder cannot be made."""
    import logging.handlers  # socket and pickle with it: ~8 ms that the window's first paint need not pay

    target = folder or log_folder()
    target.mkdir(parents=True, exist_ok=True)
    path = target / LOG_NAME
    if current != path:
        for handler in list(log.handlers):
            if isinstance(handler, logging.handlers.RotatingFileHandler):
                log.removeHandler(handler)
                handler.close()
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return path
