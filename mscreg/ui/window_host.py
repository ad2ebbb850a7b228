"""What a page or menu installed in the main window may use of it, and nothing more.

The timelines and the Import/Export menu are built after the first paint and plug themselves in.
They are given a :class:`WindowHost`: the session (the open workspace, its changes, its end), the
dialog service, "edit this record", "add a file action" and the two tab widgets they add pages to.
Reaching into the window's own attributes instead would break silently each time one is renamed;
a test fails if any module in the package reads another object's private attribute by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

if TYPE_CHECKING:
    from PySide6.QtCore import SignalInstance
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QTabWidget, QWidget

    from mscreg.ui.dialog_service import DialogService
    from mscreg.ui.workspace_session import WorkspaceSession

# The edit controller's methods a page may ask for, each about one record (new_product about none).
EditAction = Literal["new_product", "edit_product", "delete_product", "new_track", "edit_track", "delete_track",
                     "new_event", "edit_event", "delete_event", "mark_happened", "new_obligation", "edit_obligation",
                     "obligation_step", "delete_obligation", "link_trial", "unlink_trial", "verify_track"]


@runtime_checkable
class WindowHost(Protocol):
    """The main window as the pages and menus it installs see it."""

    @property
    def session(self) -> WorkspaceSession:
        """The open workspace (``session.ws``), ``opened``/``closing`` signals, ``refresh_changed()``."""
        ...

    @property
    def dialogs(self) -> DialogService:
        """Every message box and file dialog goes through it (tests swap a fake)."""
        ...

    @property
    def pages(self) -> QTabWidget:
        """The window's pages (Products, Deadlines, Audit trail, …): a page may add itself."""
        ...

    @property
    def product_tabs(self) -> QTabWidget:
        """The tabs of the selected product below the list: a page may add a tab."""
        ...

    @property
    def product_selected(self) -> SignalInstance:
        """Fires with the selected ProductOverview, or None."""
        ...

    def dialog_parent(self) -> QWidget:
        """The widget dialogs are opened over."""
        ...

    def edit_record(self, action: EditAction, record_id: int | None = None) -> None:
        """Open the dialog that adds, edits or deletes a record; saving, refusals and undo are the window's."""
        ...

    def add_file_action(self, action: QAction) -> None:
        """Put ``action`` in the File menu, above Quit."""
        ...
