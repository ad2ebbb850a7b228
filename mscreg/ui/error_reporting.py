"""What happens when something goes wrong: refusals are explained, bugs are logged and shown.

A refusal from the services (:class:`MscregError`) is a message written for the user; it is shown
in the current language and nothing else happens.  Anything else is a bug: it goes with its
traceback into a rotating log file in the user's log folder, and an error dialog says so and where
the file is, so the user can send it; the app keeps running.  ``sys.excepthook`` routes exceptions
raised in Qt slots (which PySide6 would otherwise only print) the same way.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from mscreg.domain.errors import MscregError
from mscreg.services.log_file import log as log
from mscreg.services.log_file import log_folder, open_log
from mscreg.ui.language import current_language

_log_path: Path | None = None


def show_log_folder() -> None:
    """Open the log folder in the desktop's file manager (Help and File menus)."""
    from PySide6.QtCore import QUrl  # named here, not before the window's first paint: PySide makes a Qt
    from PySide6.QtGui import QDesktopServices  # class's enumerations when it is first named

    folder = log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def setup_logging(folder: Path | None = None) -> Path:
    """Log to the user's rotating log file (see log_file); returns the file's path."""
    global _log_path
    _log_path = open_log(folder, current=_log_path)
    return _log_path


def log_path() -> Path | None:
    return _log_path


class ErrorReporter:
    """Shows errors through the app's one DialogService; ``parent`` gives the window to attach them to."""

    def __init__(self, dialogs, parent: Callable[[], QWidget | None] | None = None) -> None:
        self._dialogs = dialogs
        self._parent = parent or (lambda: QApplication.activeWindow())
        self._showing = False
        # called before a bug is logged: the app opens its log file after the list is painted, and a
        # bug reported before that must still reach the file (and the dialog name it)
        self.before_logging: Callable[[], None] | None = None

    def refusal(self, exc: MscregError, title: str | None = None) -> None:
        """A service said no: show why, in the user's language."""
        self._dialogs.error(self._parent(), title or QCoreApplication.translate("ErrorReporter", "Not possible"),
                            exc.message(current_language()))

    def unexpected(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None,
                   context: str = "") -> None:
        """A bug: log it with its traceback, then tell the user and where the log is."""
        if self.before_logging is not None:
            self.before_logging()
        log.error("Unexpected error%s", f" while {context}" if context else "", exc_info=(exc_type, exc, tb))
        if self._showing:  # an error while showing an error: the log has it, do not loop
            return
        self._showing = True
        try:
            where = str(_log_path) if _log_path else QCoreApplication.translate("ErrorReporter", "(no log file)")
            text = QCoreApplication.translate(
                "ErrorReporter",
                "Something went wrong that mscreg did not expect. Your data has not been changed by this "
                "error. The details were written to the log file:\n%1").replace("%1", where)
            details = "".join(traceback.format_exception(exc_type, exc, tb))
            self._dialogs.error(self._parent(), QCoreApplication.translate("ErrorReporter", "Unexpected error"),
                                text, details)
        finally:
            self._showing = False

    def report(self, exc: BaseException, context: str = "") -> None:
        """Show ``exc`` the right way: a refusal as a message, anything else as a logged bug."""
        if isinstance(exc, MscregError):
            self.refusal(exc)
        else:
            self.unexpected(type(exc), exc, exc.__traceback__, context)

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if isinstance(exc, MscregError):
            self.refusal(exc)
            return
        self.unexpected(exc_type, exc, tb)


def install_excepthook(reporter: ErrorReporter) -> None:
    sys.excepthook = reporter.excepthook
