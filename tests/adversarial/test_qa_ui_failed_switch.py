"""When another database fails to open, the one shown before takes no more edits.

Opening another database closes the current one and releases its lock first.  When the new one then
failed to open (not a database, not there), the edit controller still held the closed workspace: the
Edit actions stayed on, and an edit was saved into the old database, which the window no longer held
(its lock released, so a second instance could have been writing it too).
"""

from __future__ import annotations

from adversarial import board_support
from support import table_dump

small_window = board_support.small_window


def test_an_edit_after_a_failed_switch_is_refused_and_writes_nothing(qtbot, small_window, seeded_db, tmp_path):
    """Needs the whole window: its session closes one database for another, and its edit requests and
    actions must follow."""
    w = small_window
    garbage = tmp_path / "not-a-database.sqlite"
    garbage.write_bytes(b"\x00not sqlite\x00" * 500)
    product_id = w.snapshot.overviews[0].product.id
    with qtbot.waitSignal(w.open_failed, timeout=20_000):
        w.open_database(str(garbage))
    before = table_dump(seeded_db)
    assert w.session.ws is None
    assert not w.commands.edit_product.isEnabled() and not w.commands.new_event.isEnabled()
    w.dialogs.shown.clear()
    w.edit_record("edit_product", product_id)
    qtbot.wait(50)
    assert w.dialogs.shown and w.dialogs.shown[-1][0] == "error"  # "No database is open."
    assert w.edits.controller is None or w.edits.controller._ws is None
    assert table_dump(seeded_db) == before


def test_the_closed_databases_products_leave_the_screen(qtbot, small_window, tmp_path):
    """Needs the whole window: the list, the Deadlines page and the title show what the session holds.

    The products, deadlines and name of the closed database stayed on screen as if it were open."""
    w = small_window
    assert w.table.model().rowCount() > 0 and "—" in w.windowTitle()
    w.dashboard  # noqa: B018 - built, so that its clearing is seen too
    with qtbot.waitSignal(w.open_failed, timeout=20_000):
        w.open_database(str(tmp_path / "missing" / "nothing.sqlite"))
    qtbot.wait(20)
    assert w.table.model().rowCount() == 0
    assert w.windowTitle() == "mscreg"
    assert not any(w.dashboard.model.group_sizes())
    assert "nothing.sqlite" in w.status.text()  # the reason stays in the status line
