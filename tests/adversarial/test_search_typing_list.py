"""The product list is painted twice at each keystroke in the search box (the rows change): each painted
cell is asked about ten roles, most of which it has no answer for.  Those are answered None before the row is
read; the answers given are the ones the full lookup gives, for every role, row and column."""

from __future__ import annotations

from adversarial import board_support

small_window = board_support.small_window  # the fixture, shared with the board tests


class _Everything:
    def __contains__(self, _role) -> bool:
        return True


def test_the_list_answers_the_same_roles_with_the_early_none(small_window, monkeypatch):
    import mscreg.ui.product_table_model as table_model

    model = small_window.products_page.model
    cells = [model.index(row, column) for row in range(model.rowCount()) for column in range(model.columnCount())]
    roles = [*range(0, 48), *range(0x100, 0x140)]  # Qt's own roles, and the first user roles, the list's among them

    def answers() -> list:
        return [(cell.row(), cell.column(), role, _plain(model.data(cell, role))) for cell in cells for role in roles
                if model.data(cell, role) is not None]

    quick = answers()
    monkeypatch.setattr(table_model, "_ANSWERED_ROLES", _Everything())
    assert quick == answers()
    answered = {role for _r, _c, role, _v in quick}
    monkeypatch.undo()
    assert answered <= set(table_model._ANSWERED_ROLES)


def _plain(value):
    """A value to compare: texts and numbers as they are, colours by name, icons by their key."""
    if hasattr(value, "cacheKey"):
        return ("icon", value.cacheKey())
    if hasattr(value, "name") and callable(value.name):
        return ("colour", value.name())
    return value
