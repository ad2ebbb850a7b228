"""The window with its database file deleted behind it: Save is refused in the dialog (which keeps what
the user typed), no undo step is recorded, and Reload says the file is gone instead of showing what
only the deleted file still holds."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from ui.fake_dialogs import FakeDialogService

from mscreg.domain.errors import DatabaseProblem
from mscreg.services import editing
from mscreg.services.workspace import open_workspace
from mscreg.ui.edit_controller import EditController
from mscreg.ui.workspace_session import WorkspaceSession

pytestmark = pytest.mark.sqlite_only

LONG = 30_000


def delete_with_companions(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def test_save_in_the_product_dialog_after_the_file_was_deleted_is_refused_and_not_undoable(qtbot, seeded_db):
    ws = open_workspace(str(seeded_db), daily_backup=False)
    stack = QUndoStack()
    controller = EditController(None, FakeDialogService(), stack, lang="zh_CN")
    controller.set_workspace(ws)
    dlg = None
    try:
        dlg = controller.edit_product(1)
        assert dlg is not None
        qtbot.keyClicks(dlg.name_edit, " (renamed)")
        qtbot.keyClicks(dlg.reason_edit, "name from the label")
        delete_with_companions(seeded_db)
        qtbot.mouseClick(dlg.ok_button(), Qt.MouseButton.LeftButton)
        assert dlg.isVisible() and dlg.result() == 0  # still open, with what was typed
        assert dlg.name_edit.text().endswith(" (renamed)")
        assert str(seeded_db) in dlg.problem_text() and "已不在原处" in dlg.problem_text()
        assert stack.count() == 0
        with ws.db.engine.connect() as c:  # nothing went into the deleted file either
            assert not c.exec_driver_sql("SELECT count(*) FROM products WHERE name LIKE '%(renamed)'").scalar()
    finally:
        if dlg is not None:  # a dialog left open would be destroyed by a later collection, mid-test elsewhere
            dlg.reject()
            dlg.deleteLater()
            qtbot.wait(0)
        stack.clear()
        ws.close()


def test_reload_after_the_file_was_deleted_reports_it(qtbot, seeded_db):
    session = WorkspaceSession()
    try:
        with qtbot.waitSignal(session.prepared, timeout=LONG):
            session.open(str(seeded_db))
        shown = session.snapshot
        delete_with_companions(seeded_db)
        with qtbot.waitSignal(session.task_failed, timeout=LONG) as failed:
            session.reload()
        exc, _context = failed.args
        assert isinstance(exc, DatabaseProblem) and exc.problems[0].code == "db.gone"
        assert session.snapshot is shown  # what was shown stays, nothing newer was made up
    finally:
        session.close()


def test_edits_before_the_deletion_are_in_the_file_the_window_reopens_at_its_new_place(seeded_db, tmp_path):
    """The user renames the file in their file manager while it is open: later saves are refused, and
    reopening it at its new name shows everything saved before."""
    ws = open_workspace(str(seeded_db), daily_backup=False)
    product = editing.get_product(ws, 1)
    from dataclasses import replace

    editing.update_product(ws, 1, replace(editing.product_draft(product), name=product.name + " (kept)"),
                           reason="before the move", expected_version=product.version)
    moved = tmp_path / "moved.sqlite"
    seeded_db.rename(moved)
    with pytest.raises(DatabaseProblem):
        editing.update_product(ws, 1, replace(editing.product_draft(product), name=product.name + " (lost)"),
                               reason="after the move", expected_version=product.version + 1)
    ws.close()  # the -wal beside the old name is folded into the moved file as the connection closes
    with open_workspace(str(moved), daily_backup=False) as again:
        assert editing.get_product(again, 1).name == product.name + " (kept)"
