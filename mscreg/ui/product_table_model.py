"""The product list as a Qt table model, fed with rows by ``set_rows`` (it never opens a session).

Columns are declared once (:data:`FIXED_COLUMNS`: key, translatable title, sort key) and followed by
one column per jurisdiction showing that country's current state with its palette-aware colour and
icon.  Sorting is a Python sort of the row list (``sort``), by the key ``SORT_ROLE`` answers for the
column, not a QSortFilterProxyModel: sorting 100,000 rows through a proxy took 28 s here, the list
sort 86 ms.
Names come from the domain's bilingual tables in :func:`current_language`, so a language switch is
a ``dataChanged``, not a reload.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIcon

from mscreg.domain.jurisdictions import JURISDICTIONS
from mscreg.domain.product import DONOR_NAMES, TISSUE_NAMES
from mscreg.domain.states import state_name
from mscreg.ui.icons import icon
from mscreg.ui.item_roles import OBJECT_ROLE, SORT_ROLE
from mscreg.ui.language import current_language, is_chinese, language_state
from mscreg.ui.theme import StateCategory, state_category, state_color

Index = QModelIndex | QPersistentModelIndex

JURISDICTION_ORDER = ("US", "CN", "JP", "EU", "KR", "IN", "CA", "NZ", "IR")

# How "far" a state has got, for sorting a jurisdiction column (authorised first, nothing last).
CATEGORY_RANK = {
    StateCategory.APPROVED: 0, StateCategory.CONDITIONAL: 1, StateCategory.REVIEW: 2, StateCategory.SETBACK: 3,
    StateCategory.HOLD: 4, StateCategory.CLINICAL: 5, StateCategory.TERM_ENDED: 6, StateCategory.ENDED: 7,
    StateCategory.PLANNED: 8,
}


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    title: str  # source text for QCoreApplication.translate("ProductTableModel", title)
    text: Callable[[object], str]
    width: int


def _bilingual(table: dict, value) -> str:
    en, zh = table.get(value, (str(value), str(value)))
    return zh if is_chinese() else en


FIXED_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("name", QT_TRANSLATE_NOOP("ProductTableModel", "Product"), lambda ov: ov.product.name, 230),
    ColumnSpec("name_zh", QT_TRANSLATE_NOOP("ProductTableModel", "Chinese name"), lambda ov: ov.product.name_zh, 150),
    # the holder today where transfers of the authorisation are recorded, else the product's company
    ColumnSpec("company", QT_TRANSLATE_NOOP("ProductTableModel", "Company"),
               lambda ov: ov.company_on(dt.date.today()) if ov.transfers else ov.product.company, 190),
    ColumnSpec("tissue", QT_TRANSLATE_NOOP("ProductTableModel", "Tissue"),
               lambda ov: _bilingual(TISSUE_NAMES, ov.product.source_tissue), 120),
    ColumnSpec("donor", QT_TRANSLATE_NOOP("ProductTableModel", "Donor"),
               lambda ov: _bilingual(DONOR_NAMES, ov.product.donor_type), 90),
)
JURISDICTION_WIDTH = 170


def ordered_jurisdictions(codes: set[str]) -> list[str]:
    return [c for c in JURISDICTION_ORDER if c in codes] + sorted(codes - set(JURISDICTION_ORDER))


def leading_track(tracks: Sequence) -> object | None:
    """The track a jurisdiction cell speaks for: marketing before clinical, then the most advanced."""
    if not tracks:
        return None

    def key(tv) -> tuple:
        last = max((e.date.earliest for e in tv.events if e.date is not None), default=None)
        return (tv.track.pathway.value != "marketing", CATEGORY_RANK[state_category(tv.status.state)],
                -(last.toordinal() if last else 0))

    return min(tracks, key=key)


class ProductTableModel(QAbstractTableModel):
    """One row per product: names, company, tissue, donor type, and the state in each jurisdiction."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []
        self._jurisdictions: list[str] = []
        self._icons: dict[tuple[StateCategory, str], QIcon] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._sort_keys: dict[int, tuple[object, object]] = {}  # id(overview) → (overview, its sort key)
        self._sort_keys_for: tuple | None = None
        self._leads: dict[tuple[int, str], tuple[object, object]] = {}  # (id(overview), code) → (overview, lead)
        self._universe: Sequence | None = None  # the snapshot's overviews the caches were filled from
        language_state().changed.connect(self.refresh_texts)

    # ----- feeding --------------------------------------------------------------------------------
    def set_rows(self, overviews: Sequence, jurisdictions: Sequence[str] | None = None, *,
                 already_sorted: bool = False) -> None:
        """Replace the rows (already filtered); columns from ``jurisdictions`` or the rows' own tracks.

        ``already_sorted``: the rows come in the order :meth:`sorted_like_view` gives for these
        columns (a filter of a sorted list keeps its order), so they are not sorted again.
        """
        self.beginResetModel()
        self._rows = list(overviews)
        if jurisdictions is None:
            jurisdictions = ordered_jurisdictions({tv.track.jurisdiction for ov in self._rows for tv in ov.tracks})
        self._jurisdictions = list(jurisdictions)
        if not already_sorted and self._sort is not None and self._sort[0] < self.columnCount():
            self._sort_rows(*self._sort)
        self.endResetModel()

    def sort_spec(self) -> tuple:
        """What the row order depends on: sort column and order, columns, language."""
        return (self._sort, tuple(self._jurisdictions), current_language())

    def sorted_like_view(self, overviews: Sequence, jurisdictions: Sequence[str]) -> list:
        """``overviews`` (all the products of a snapshot) in the order the view's sort column gives them.

        A new snapshot drops the per-overview cache entries of overviews it no longer holds, which would
        otherwise keep every earlier portfolio alive (150 MB an edit at 10,000 products); those of
        unchanged products (the same objects after an edit) are kept.
        """
        if overviews is not self._universe:
            self._universe = overviews
            # keep what belongs to overviews still in it (an edit re-reads only the product it changed)
            live = {id(ov): ov for ov in overviews}
            self._sort_keys = {k: v for k, v in self._sort_keys.items() if live.get(k) is v[0]}
            self._leads = {k: v for k, v in self._leads.items() if live.get(k[0]) is v[0]}
        rows = list(overviews)
        if self._sort is None or self._sort[0] >= len(FIXED_COLUMNS) + len(jurisdictions):
            return rows
        kept, self._rows, self._jurisdictions = (self._rows, self._jurisdictions), rows, list(jurisdictions)
        try:
            self._sort_rows(*self._sort)
        finally:
            self._rows, self._jurisdictions = kept
        return rows

    def rows(self) -> list:
        return list(self._rows)

    def row_at(self, row: int):
        """The overview shown in ``row`` (None outside the rows), without copying the list."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def jurisdictions(self) -> list[str]:
        return list(self._jurisdictions)

    def row_of(self, product_id: int) -> int:
        return next((r for r, ov in enumerate(self._rows) if ov.product.id == product_id), -1)

    def refresh_texts(self, *_args) -> None:
        """Language or palette changed: every text, colour and icon may differ."""
        self._icons.clear()
        self._sort_keys.clear()
        if self.columnCount() and self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))
        if self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    # ----- shape ------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIXED_COLUMNS) + len(self._jurisdictions)

    def jurisdiction_of(self, column: int) -> str | None:
        j = column - len(FIXED_COLUMNS)
        return self._jurisdictions[j] if 0 <= j < len(self._jurisdictions) else None

    def column_width(self, column: int) -> int:
        return FIXED_COLUMNS[column].width if column < len(FIXED_COLUMNS) else JURISDICTION_WIDTH

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.columnCount():
            return None
        code = self.jurisdiction_of(section)
        if role == Qt.ItemDataRole.DisplayRole:
            if code is None:
                return QCoreApplication.translate("ProductTableModel", FIXED_COLUMNS[section].title)
            return code
        if role == Qt.ItemDataRole.ToolTipRole and code is not None:
            j = JURISDICTIONS.get(code)
            return f"{j.name(current_language())} — {j.agency(current_language())}" if j else code
        return None

    # ----- cells ------------------------------------------------------------------------------------
    def _tracks_in(self, ov, code: str) -> list:
        return [tv for tv in ov.tracks if tv.track.jurisdiction == code]

    def _lead(self, ov, code: str):
        """The leading track of ``ov`` in ``code``, worked out once per overview (each repaint asks for
        it for every visible cell and role)."""
        key = (id(ov), code)
        found = self._leads.get(key)
        if found is None or found[0] is not ov:
            if len(self._leads) > 200_000:  # bounded even for rows that never came through sorted_like_view
                self._leads.clear()
            found = self._leads[key] = (ov, leading_track(self._tracks_in(ov, code)))
        return found[1]

    def _state_text(self, ov, code: str) -> str:
        tracks = self._tracks_in(ov, code)
        lead = self._lead(ov, code)
        if lead is None:
            return ""
        text = state_name(lead.status.state, code, current_language())
        if len(tracks) > 1:
            text += f" (+{len(tracks) - 1})"
        return text

    def _state_tooltip(self, ov, code: str) -> str:
        lang = current_language()
        lines = []
        for tv in self._tracks_in(ov, code):
            if tv.track.pathway.value == "marketing":
                pathway = QCoreApplication.translate("ProductTableModel", "marketing")
            else:
                pathway = QCoreApplication.translate("ProductTableModel", "clinical")
            lines.append(f"{tv.track.indication} ({pathway}): {state_name(tv.status.state, code, lang)}")
        return "\n".join(lines)

    def _state_icon(self, state) -> QIcon:
        category = state_category(state)
        color = state_color(state)
        key = (category, color.name())
        if key not in self._icons:
            self._icons[key] = icon(f"state-{category.value}", color)
        return self._icons[key]

    def _text(self, ov, column: int) -> str:
        code = self.jurisdiction_of(column)
        if code is None:
            return FIXED_COLUMNS[column].text(ov)
        return self._state_text(ov, code)

    def _sort_key(self, ov, column: int):
        code = self.jurisdiction_of(column)
        if code is None:
            text = FIXED_COLUMNS[column].text(ov)
            return (text == "", text.casefold())
        lead = self._lead(ov, code)
        if lead is None:
            return (True, 99, "")
        return (False, CATEGORY_RANK[state_category(lead.status.state)], self._state_text(ov, code).casefold())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or \
                not 0 <= index.column() < self.columnCount():
            return None
        ov = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(ov, column)
        if role == SORT_ROLE:
            return self._sort_key(ov, column)
        if role == OBJECT_ROLE:
            return ov
        code = self.jurisdiction_of(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._state_tooltip(ov, code) if code else (self._text(ov, column) or None)
        if code is None:
            return None
        lead = self._lead(ov, code)
        if lead is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return state_color(lead.status.state)
        if role == Qt.ItemDataRole.DecorationRole:
            return self._state_icon(lead.status.state)
        return None

    # ----- sorting (Python, then a layout change that keeps the selection) -------------------------
    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        """Sort by ``column``, each row's key computed once per column and language, not per keystroke:
        a search re-sorts the filtered rows every time, and 10,000 keys cost 14 ms."""
        spec = (column, tuple(self._jurisdictions), current_language())
        if spec != self._sort_keys_for:
            self._sort_keys.clear()
            self._sort_keys_for = spec
        cache = self._sort_keys
        if len(cache) > 2 * len(self._rows) + 20_000:  # rows from outside sorted_like_view's snapshots
            cache.clear()

        def key(ov):
            found = cache.get(id(ov))
            if found is None or found[0] is not ov:  # an id may be reused by a new object
                found = cache[id(ov)] = (ov, self._sort_key(ov, column))
            return found[1]

        self._rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.columnCount():
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        held = [(self._rows[i.row()], i.column()) for i in before]
        self._sort_rows(column, order)
        where = {id(ov): r for r, ov in enumerate(self._rows)}
        self.changePersistentIndexList(before, [self.index(where[id(ov)], c) for ov, c in held])
        self.layoutChanged.emit()
