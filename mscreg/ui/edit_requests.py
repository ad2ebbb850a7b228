"""Where the window's requests to add, edit or delete a record go: the edit controller.

Menus, the product view and the timelines all ask here.  The controller is built only once the
database layer is loaded (it brings that layer with it, so never before the first paint); until
then, and while no database is open, requests are ignored and the Edit actions stay disabled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from mscreg.services.workspace import Workspace
    from mscreg.ui.dialog_service import DialogService
    from mscreg.ui.edit_controller import EditController
    from mscreg.ui.error_reporting import ErrorReporter
    from mscreg.ui.window_host import EditAction


class EditRequests(QObject):
    """Routes edit requests to the edit controller; ``changed`` after a save, an undo or a redo."""

    changed = Signal()

    def __init__(self, parent: QWidget, dialogs: DialogService, undo_stack: QUndoStack,
                 reporter: ErrorReporter) -> None:
        super().__init__(parent)
        self._parent = parent
        self._dialogs = dialogs
        self._undo_stack = undo_stack
        self._reporter = reporter
        self.controller: EditController | None = None

    def start(self, ws: Workspace | None) -> None:
        """Build the controller (its module was imported off the UI thread) and give it ``ws``."""
        if self.controller is None:
            from mscreg.ui.edit_controller import EditController

            self.controller = EditController(self._parent, self._dialogs, self._undo_stack)
            self.controller.changed.connect(self.changed)
        self.controller.set_workspace(ws)

    def follow(self, ws: Workspace) -> None:
        """A database was opened: an edit must never go to the one closed before."""
        if self.controller is not None:
            self.controller.set_workspace(ws)

    def end_tasks(self) -> None:
        """The database is about to close: the controller's reads for its dialogs end first, and it lets
        go of the database.  Kept, it went on saving there after the session had closed it and released
        its lock: when the next database failed to open, the old one's products stayed on screen and
        an edit was written to a database no longer held (another instance could have it open)."""
        if self.controller is not None:
            self.controller.wait_for_tasks()
            self.controller.set_workspace(None)

    def request(self, action: EditAction, record_id: int | None = None) -> None:
        """Open the dialog for ``action`` on ``record_id`` (None where a record is needed: nothing to do)."""
        if self.controller is None or (action != "new_product" and record_id is None):
            return
        method = getattr(self.controller, action)
        try:
            if record_id is None:
                method()
            else:
                method(record_id)
        except Exception as exc:  # a refusal is explained; a bug is logged and shown
            self._reporter.report(exc, action)
