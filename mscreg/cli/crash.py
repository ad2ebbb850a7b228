"""The command line's last resort: an error mscreg did not expect is logged, and said in a sentence.

A refusal (:class:`~mscreg.domain.errors.MscregError`) is a message written for the user and is handled
where the command runs.  Anything else is a bug: its traceback goes into the user's log file (the one the
window writes too), and the user reads what happened, that the database is consistent (every change is
one transaction, rolled back by the error unless it was already saved) and where the details are, in the
chosen language, with exit status 1.  A traceback on the terminal helps nobody who is not a developer.
"""

from __future__ import annotations

import sys
from pathlib import Path

EXIT_UNEXPECTED = 1
EXIT_INTERRUPTED = 130  # as a shell reports a program stopped by Ctrl+C


def log_unexpected(exc: BaseException, argv: list[str]) -> Path | None:
    """Write ``exc`` with its traceback and the command's arguments to the user's log file (the window's);
    its path, or None when the log folder cannot be written (the message then says so instead)."""
    from mscreg.services.log_file import log, open_log

    try:
        path = open_log()
    except OSError:
        return None
    log.error("Unexpected error in the command line: mscreg %s", " ".join(argv),
              exc_info=(type(exc), exc, exc.__traceback__))
    return path


def report_unexpected(exc: BaseException, argv: list[str], lang: str) -> int:
    """Log ``exc``, tell the user in ``lang`` on stderr; the exit status."""
    from mscreg.domain.messages import text

    path = log_unexpected(exc, argv)
    error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    log = str(path) if path is not None else text("cli.unexpected.no_log", lang)
    print(text("cli.unexpected", lang, error=error, log=log), file=sys.stderr)
    return EXIT_UNEXPECTED
